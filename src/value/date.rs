//! Dates as intervals of days with a granularity, following TimeML TIMEX3 values.
//!
//! A date mention is normalized to a TimeML `timex` string for people and other tools and to
//! an inclusive interval of days for comparison: "December 2024" is 2024-12-01..2024-12-31,
//! so "December 25, 2024" refines it, while "June 30" and "July 1" are disjoint and conflict.
//! Dates whose year is unknown (no publication date to anchor them) keep month and day only.

use super::{Relation, RelationKind};
use crate::calendar::{days_in_month, CivilDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Century,
    /// PAST_REF, PRESENT_REF, FUTURE_REF: a direction, not a day.
    Reference,
}

/// Days from the news beyond which a date is another time (the matcher's event window).
pub const BACKGROUND_DAYS: i64 = 45;

/// TimeML `mod` values used by Concord.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DateMod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
}

impl DateMod {
    pub fn as_timeml(self) -> &'static str {
        match self {
            DateMod::Start => "START",
            DateMod::Mid => "MID",
            DateMod::End => "END",
            DateMod::Approx => "APPROX",
            DateMod::Before => "BEFORE",
            DateMod::After => "AFTER",
        }
    }
}

/// Where on the calendar a date lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateSpan {
    /// Inclusive interval of days.
    Interval { first: CivilDate, last: CivilDate },
    /// A month (and maybe day) of an unknown year: "June 27" with no publication date.
    YearLess { month: u8, day: Option<u8> },
    /// Not placed on the calendar (PAST_REF, an unanchored weekday).
    Unplaced,
}

/// A normalized date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// What a person reads: "2025-06-30", "December 2024", "early October 2025".
    pub display: String,
    /// TimeML value: "2025-06-30", "2024-12", "199" (a decade), "XXXX-06-27", "PAST_REF".
    pub timex: String,
    pub granularity: Granularity,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "mod")]
    pub modifier: Option<DateMod>,
    pub span: DateSpan,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Appends the decimal digits of `n`, zero-padded to `width`.
pub(crate) fn push_digits(s: &mut String, n: u32, width: usize) {
    let mut buf = [0u8; 10];
    let mut k = buf.len();
    let mut n = n;
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in (buf.len() - k)..width {
        s.push('0');
    }
    for &b in &buf[k..] {
        s.push(char::from(b));
    }
}

/// The display ("June 30, 2025") and TimeML value ("2025-06-30") of a day, written without the
/// formatting machinery: date matchers build them for every candidate they find.
fn day_strings(d: CivilDate) -> (String, String) {
    let Ok(year) = u32::try_from(d.year) else {
        return (
            format!("{} {}, {}", month_name(d.month), d.day, d.year),
            d.to_string(),
        );
    };
    let name = month_name(d.month);
    let mut display = String::with_capacity(name.len() + 10);
    display.push_str(name);
    display.push(' ');
    push_digits(&mut display, u32::from(d.day), 1);
    display.push_str(", ");
    push_digits(&mut display, year, 1);
    let mut timex = String::with_capacity(10);
    push_digits(&mut timex, year, 4);
    timex.push('-');
    push_digits(&mut timex, u32::from(d.month), 2);
    timex.push('-');
    push_digits(&mut timex, u32::from(d.day), 2);
    (display, timex)
}

pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

impl DateValue {
    /// A single day.
    pub fn day(d: CivilDate) -> DateValue {
        let (display, timex) = day_strings(d);
        DateValue {
            display,
            timex,
            granularity: Granularity::Day,
            modifier: None,
            span: DateSpan::Interval { first: d, last: d },
        }
    }

    /// The days from `first` to `last` inclusive, as a range states them ("between Saturday
    /// and Sunday", "from June 3 to June 5"); a single day when they are one.
    pub fn range(first: CivilDate, last: CivilDate) -> DateValue {
        if first == last {
            return DateValue::day(first);
        }
        let ((first_display, first_timex), (last_display, last_timex)) =
            (day_strings(first), day_strings(last));
        DateValue {
            display: format!("{first_display} to {last_display}"),
            // ISO 8601 writes an interval as its two ends.
            timex: format!("{first_timex}/{last_timex}"),
            granularity: Granularity::Day,
            modifier: None,
            span: DateSpan::Interval { first, last },
        }
    }

    /// A whole month.
    pub fn month(year: i32, month: u8) -> Option<DateValue> {
        let first = CivilDate::new(year, month, 1)?;
        let last = CivilDate::new(year, month, days_in_month(year, month))?;
        Some(DateValue {
            display: format!("{} {}", month_name(month), year),
            timex: format!("{year:04}-{month:02}"),
            granularity: Granularity::Month,
            modifier: None,
            span: DateSpan::Interval { first, last },
        })
    }

    /// A whole year.
    pub fn year(year: i32) -> DateValue {
        DateValue {
            display: year.to_string(),
            timex: format!("{year:04}"),
            granularity: Granularity::Year,
            modifier: None,
            span: DateSpan::Interval {
                first: CivilDate {
                    year,
                    month: 1,
                    day: 1,
                },
                last: CivilDate {
                    year,
                    month: 12,
                    day: 31,
                },
            },
        }
    }

    /// A day or month whose year is unknown.
    pub fn year_less(month: u8, day: Option<u8>) -> DateValue {
        let (display, timex, granularity) = match day {
            Some(d) => (
                format!("{} {} (year unknown)", month_name(month), d),
                format!("XXXX-{month:02}-{d:02}"),
                Granularity::Day,
            ),
            None => (
                format!("{} (year unknown)", month_name(month)),
                format!("XXXX-{month:02}"),
                Granularity::Month,
            ),
        };
        DateValue {
            display,
            timex,
            granularity,
            modifier: None,
            span: DateSpan::YearLess { month, day },
        }
    }

    /// The inclusive interval, when the date is placed on the calendar.
    pub fn interval(&self) -> Option<(CivilDate, CivilDate)> {
        match self.span {
            DateSpan::Interval { first, last } => Some((first, last)),
            _ => None,
        }
    }

    /// True when the date recalls another time than the news of `day` (a publication
    /// date): further from it than [`BACKGROUND_DAYS`], or a whole year or longer period
    /// that does not hold it ("last year" in a February article).
    pub fn is_another_time(&self, day: CivilDate) -> bool {
        self.gap_days(&DateValue::day(day)).is_some_and(|gap| {
            gap > BACKGROUND_DAYS || (gap > 0 && self.granularity >= Granularity::Year)
        })
    }

    /// Days between the two dates at their closest (0 when they overlap); `None` when either
    /// is not on the calendar. A year-less date takes the year that brings it closest.
    pub fn gap_days(&self, other: &DateValue) -> Option<i64> {
        fn gap(a: (CivilDate, CivilDate), b: (CivilDate, CivilDate)) -> i64 {
            (b.0.day_number() - a.1.day_number())
                .max(a.0.day_number() - b.1.day_number())
                .max(0)
        }
        fn candidates(d: &DateValue, near: (CivilDate, CivilDate)) -> Vec<(CivilDate, CivilDate)> {
            match d.span {
                DateSpan::Interval { first, last } => vec![(first, last)],
                DateSpan::YearLess { month, day } => (near.0.year - 1..=near.1.year + 1)
                    .filter_map(|y| match day {
                        Some(dd) => CivilDate::new(y, month, dd).map(|c| (c, c)),
                        None => Some((
                            CivilDate::new(y, month, 1)?,
                            CivilDate::new(y, month, days_in_month(y, month))?,
                        )),
                    })
                    .collect(),
                DateSpan::Unplaced => Vec::new(),
            }
        }
        match (self.interval(), other.interval()) {
            (Some(a), Some(b)) => Some(gap(a, b)),
            (Some(a), None) => candidates(other, a).into_iter().map(|b| gap(a, b)).min(),
            (None, Some(b)) => candidates(self, b).into_iter().map(|a| gap(a, b)).min(),
            (None, None) => None,
        }
    }

    /// True for modifiers that blur the edges of the interval (early/mid/late, about).
    fn is_fuzzy(&self) -> bool {
        matches!(
            self.modifier,
            Some(DateMod::Start | DateMod::Mid | DateMod::End | DateMod::Approx)
        )
    }

    /// Relates two dates. Symmetric: `a.relate(b).kind == b.relate(a).kind`.
    pub fn relate(&self, other: &DateValue) -> Relation {
        use RelationKind::*;
        match (self.span, other.span) {
            (DateSpan::Unplaced, _) | (_, DateSpan::Unplaced) => {
                Relation::new(Incomparable, "a date is not placed on the calendar")
            }
            (
                DateSpan::Interval {
                    first: a0,
                    last: a1,
                },
                DateSpan::Interval {
                    first: b0,
                    last: b1,
                },
            ) => {
                if a0 == b0 && a1 == b1 && self.modifier == other.modifier {
                    Relation::new(Equal, "same date")
                } else if a1 < b0 || b1 < a0 {
                    if self.is_fuzzy() || other.is_fuzzy() {
                        // "early October" vs "October 12": the edges are a convention, not a claim.
                        let near = (a0.day_number() - b1.day_number())
                            .abs()
                            .min((b0.day_number() - a1.day_number()).abs());
                        if near <= 3 {
                            return Relation::new(Compatible, "imprecise dates that nearly meet");
                        }
                    }
                    Relation::new(
                        Conflict,
                        format!("{} and {} do not overlap", self.display, other.display),
                    )
                } else if (a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1) {
                    Relation::new(Refinement, "one date lies within the other")
                } else {
                    Relation::new(Compatible, "the periods overlap")
                }
            }
            (DateSpan::YearLess { month, day }, DateSpan::Interval { first, last })
            | (DateSpan::Interval { first, last }, DateSpan::YearLess { month, day }) => {
                relate_year_less(month, day, first, last)
            }
            (
                DateSpan::YearLess { month: m1, day: d1 },
                DateSpan::YearLess { month: m2, day: d2 },
            ) => {
                if m1 != m2 {
                    Relation::new(
                        Conflict,
                        format!(
                            "{} and {} are different months",
                            month_name(m1),
                            month_name(m2)
                        ),
                    )
                } else {
                    match (d1, d2) {
                        (Some(x), Some(y)) if x != y => {
                            Relation::new(Conflict, "different days of the same month")
                        }
                        (Some(_), Some(_)) => Relation::new(Equal, "same day (year unknown)"),
                        (None, None) => Relation::new(Equal, "same month (year unknown)"),
                        _ => {
                            Relation::new(Refinement, "one date gives the day of the other's month")
                        }
                    }
                }
            }
        }
    }
}

/// A year-less month/day against a placed interval: the year may be any the interval covers.
fn relate_year_less(month: u8, day: Option<u8>, first: CivilDate, last: CivilDate) -> Relation {
    use RelationKind::*;
    let span_days = last.day_number() - first.day_number();
    if span_days > 62 {
        return Relation::new(Compatible, "a year-less date inside a longer period");
    }
    let mut d = first;
    loop {
        if d.month == month && day.is_none_or(|x| x == d.day) {
            let exact = day.is_some() && first == last;
            let whole_month = day.is_none()
                && first.day == 1
                && last.month == first.month
                && last.day == days_in_month(first.year, first.month);
            return if exact || whole_month {
                Relation::new(Refinement, "same day; one source gives the year")
            } else {
                Relation::new(
                    Refinement,
                    "one date lies within the other (year unknown on one side)",
                )
            };
        }
        if d >= last {
            break;
        }
        d = d.add_days(1);
    }
    Relation::new(Conflict, "different month or day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> DateValue {
        DateValue::day(CivilDate::new(y, m, d).unwrap())
    }

    #[test]
    fn another_time_is_far_from_the_news_or_a_year_gone() {
        let published = CivilDate::new(2017, 2, 2).unwrap();
        assert!(DateValue::year(2016).is_another_time(published));
        assert!(!DateValue::year(2017).is_another_time(published));
        assert!(!day(2016, 12, 30).is_another_time(published));
        assert!(day(2016, 12, 1).is_another_time(published));
        assert!(!DateValue::month(2017, 1)
            .unwrap()
            .is_another_time(published));
    }

    #[test]
    fn refinement_and_conflict() {
        let dec = DateValue::month(2024, 12).unwrap();
        assert_eq!(
            dec.relate(&day(2024, 12, 25)).kind,
            RelationKind::Refinement
        );
        assert_eq!(
            day(2025, 6, 30).relate(&day(2025, 7, 1)).kind,
            RelationKind::Conflict
        );
        assert_eq!(
            DateValue::year_less(6, Some(27))
                .relate(&day(2025, 6, 27))
                .kind,
            RelationKind::Refinement
        );
        assert_eq!(
            DateValue::year_less(7, Some(1))
                .relate(&day(2025, 6, 30))
                .kind,
            RelationKind::Conflict
        );
        assert_eq!(
            DateValue::year_less(6, Some(27))
                .relate(&DateValue::year(2025))
                .kind,
            RelationKind::Compatible
        );
    }
}
