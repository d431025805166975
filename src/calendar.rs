//! Proleptic Gregorian calendar arithmetic on plain integers.
//!
//! Concord never asks the host for the time or a timezone: every date it resolves is
//! computed from a document's publication date with these functions, so the same input
//! gives the same dates on every machine.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day (year, month 1-12, day 1-31).
/// Serialized as "YYYY-MM-DD".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CivilDate {
    /// Returns the date if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| CivilDate { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    pub fn from_day_number(n: i64) -> CivilDate {
        civil_from_days(n)
    }

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
    pub fn easter(year: i32) -> Option<CivilDate> {
        let a = year.rem_euclid(19);
        let (b, c) = (year.div_euclid(100), year.rem_euclid(100));
        let (d, e) = (b / 4, b % 4);
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15).rem_euclid(30);
        let (i, k) = (c / 4, c % 4);
        let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        CivilDate::new(year, month as u8, day as u8)
    }

    pub fn add_days(self, days: i64) -> CivilDate {
        civil_from_days(self.day_number() + days)
    }

    /// Monday = 0 ... Sunday = 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.day_number() + 3).rem_euclid(7) as u8
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<CivilDate> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        CivilDate::new(y, m, d)
    }

    /// The ISO week (year, week number 1-53) containing this day.
    pub fn iso_week(self) -> (i32, u8) {
        let wd = self.weekday() as i64;
        let thursday = self.add_days(3 - wd);
        let jan1 = CivilDate {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.day_number() - jan1.day_number()) / 7 + 1;
        (thursday.year, week as u8)
    }

    /// Monday of ISO week `week` of `year`.
    pub fn from_iso_week(year: i32, week: u8) -> Option<CivilDate> {
        let jan4 = CivilDate::new(year, 1, 4)?;
        let monday1 = jan4.add_days(-(jan4.weekday() as i64));
        let d = monday1.add_days((week as i64 - 1) * 7);
        (week >= 1 && d.iso_week() == (year, week)).then_some(d)
    }
}

impl Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        CivilDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a date of the form YYYY-MM-DD"))
        })
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = y as i64 - if m <= 2 { 1 } else { 0 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> CivilDate {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    CivilDate {
        year: (y + if m <= 2 { 1 } else { 0 }) as i32,
        month: m,
        day: d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_sundays() {
        for (y, m, d) in [
            (1961, 4, 2),
            (2000, 4, 23),
            (2016, 3, 27),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            let e = CivilDate::easter(y).unwrap();
            assert_eq!((e.year, e.month, e.day), (y, m, d));
            assert_eq!(e.weekday(), 6, "Easter {y} is a Sunday");
        }
    }

    #[test]
    fn round_trips_and_weekdays() {
        for n in -800_000..800_000i64 {
            if n % 997 == 0 {
                assert_eq!(CivilDate::from_day_number(n).day_number(), n);
            }
        }
        // 2025-06-27 was a Friday.
        assert_eq!(CivilDate::new(2025, 6, 27).unwrap().weekday(), 4);
        assert_eq!(
            CivilDate::new(2024, 2, 29)
                .unwrap()
                .add_days(365)
                .to_string(),
            "2025-02-28"
        );
        assert!(CivilDate::new(2025, 2, 29).is_none());
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(CivilDate::new(2021, 1, 3).unwrap().iso_week(), (2020, 53));
        assert_eq!(CivilDate::new(2013, 3, 14).unwrap().iso_week(), (2013, 11));
        assert_eq!(
            CivilDate::from_iso_week(2013, 11).unwrap().to_string(),
            "2013-03-11"
        );
    }
}
