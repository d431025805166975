//! Quantities as closed or open intervals with a unit.
//!
//! "38" is [38, 38]; "at least 37" is [37, open); "several" is [3, 9]; "dozens" is [24, 99].
//! Two counts conflict only when their intervals cannot overlap, so "several" fits seven
//! while "dozens" does not. Different units are never compared.

use super::{Relation, RelationKind};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// What a person reads: "38", "at least 37", "several (3-9)", "$3.7 billion".
    pub display: String,
    pub min: f64,
    /// `None` when open-ended ("more than 300,000").
    pub max: Option<f64>,
    /// `None` for a count of things; otherwise "USD", "EUR", "percent", "ton", ...
    #[serde(default)]
    pub unit: Option<String>,
    /// True when the text gives one precise figure.
    pub exact: bool,
}

/// Formats a number without a trailing ".0" and with no locale grouping.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Quantity {
    /// One precise count.
    pub fn exact(n: f64, display: impl Into<String>) -> Quantity {
        Quantity {
            display: display.into(),
            min: n,
            max: Some(n),
            unit: None,
            exact: true,
        }
    }

    fn range_text(&self) -> String {
        match self.max {
            Some(max) if max == self.min => format_number(self.min),
            Some(max) => format!("{}-{}", format_number(self.min), format_number(max)),
            None => format!("{} or more", format_number(self.min)),
        }
    }

    /// True when `n` lies within the interval.
    pub fn contains(&self, n: f64) -> bool {
        n >= self.min && self.max.is_none_or(|m| n <= m)
    }

    /// Relates two quantities. Symmetric in kind.
    pub fn relate(&self, other: &Quantity) -> Relation {
        use RelationKind::*;
        if self.unit != other.unit {
            return Relation::new(Incomparable, "different units");
        }
        let (a, b) = (self, other);
        if a.exact && b.exact {
            return if a.min == b.min {
                Relation::new(Equal, "same figure")
            } else {
                Relation::new(
                    Conflict,
                    format!(
                        "{} and {} differ",
                        format_number(a.min),
                        format_number(b.min)
                    ),
                )
            };
        }
        let a_max = a.max.unwrap_or(f64::INFINITY);
        let b_max = b.max.unwrap_or(f64::INFINITY);
        if a_max < b.min || b_max < a.min {
            return Relation::new(
                Conflict,
                format!(
                    "\"{}\" ({}) and \"{}\" ({}) cannot both hold",
                    a.display,
                    a.range_text(),
                    b.display,
                    b.range_text()
                ),
            );
        }
        if a.min == b.min && a.max == b.max {
            return Relation::new(Equal, "same range");
        }
        let (inner, outer) = if a.min >= b.min && a_max <= b_max {
            (a, b)
        } else {
            (b, a)
        };
        if inner.min >= outer.min
            && inner.max.unwrap_or(f64::INFINITY) <= outer.max.unwrap_or(f64::INFINITY)
        {
            Relation::new(
                Refinement,
                format!(
                    "\"{}\" fits \"{}\" ({})",
                    inner.display,
                    outer.display,
                    outer.range_text()
                ),
            )
        } else {
            Relation::new(Compatible, "the ranges overlap")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vague(display: &str, min: f64, max: Option<f64>) -> Quantity {
        Quantity {
            display: display.into(),
            min,
            max,
            unit: None,
            exact: false,
        }
    }

    #[test]
    fn vague_amounts() {
        let several = vague("several", 3.0, Some(9.0));
        let dozens = vague("dozens", 24.0, Some(99.0));
        let seven = Quantity::exact(7.0, "seven");
        assert!(seven.relate(&several).is_agreement());
        assert_eq!(seven.relate(&dozens).kind, RelationKind::Conflict);
        assert_eq!(
            Quantity::exact(38.0, "38")
                .relate(&Quantity::exact(38.0, "thirty-eight"))
                .kind,
            RelationKind::Equal
        );
        assert!(vague("at least 37", 37.0, None)
            .relate(&Quantity::exact(38.0, "38"))
            .is_agreement());
    }
}
