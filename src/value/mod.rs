//! Typed claim values and how two of them relate.
//!
//! Contradictions are decided here, never by comparing strings: a date is an interval with
//! a granularity, a quantity is an interval with a unit, an entity is a name with aliases.
//! Each comparison returns a [`Relation`] with a reason a fact-checker can read.

pub mod date;
pub mod entity;
pub mod quantity;
pub mod table;

pub use date::{DateMod, DateSpan, DateValue, Granularity, BACKGROUND_DAYS};
pub use entity::{EntityKind, EntityValue};
pub use quantity::Quantity;
pub use table::ValueTable;

use serde::{Deserialize, Serialize};

/// How two values of one attribute relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// The same value, possibly written differently.
    Equal,
    /// One value refines the other ("December 2024" and "December 25, 2024").
    Refinement,
    /// Both can be true at once (overlapping ranges, vague amounts that fit).
    Compatible,
    /// They cannot both be true.
    Conflict,
    /// The values cannot be compared (different units, unresolved references).
    Incomparable,
}

/// A relation with its human reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub reason: String,
}

impl RelationKind {
    /// Equal, a refinement, or compatible: the two values can both be true.
    pub fn is_agreement(self) -> bool {
        matches!(
            self,
            RelationKind::Equal | RelationKind::Refinement | RelationKind::Compatible
        )
    }
}

impl Relation {
    pub fn new(kind: RelationKind, reason: impl Into<String>) -> Relation {
        Relation {
            kind,
            reason: reason.into(),
        }
    }

    /// The same relation seen from the other side (a refinement stays a refinement).
    pub fn is_agreement(&self) -> bool {
        self.kind.is_agreement()
    }
}

/// A claim's typed value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    Date(DateValue),
    Quantity(Quantity),
    Entity(EntityValue),
    /// Free text such as a charge ("drug trafficking"), compared by normalized words.
    Text {
        display: String,
    },
}

impl Value {
    /// What a person reads.
    pub fn display(&self) -> String {
        match self {
            Value::Date(d) => d.display.clone(),
            Value::Quantity(q) => q.display.clone(),
            Value::Entity(e) => e.display.clone(),
            Value::Text { display } => display.clone(),
        }
    }

    /// Compares two values of the same attribute. Symmetric in kind.
    pub fn relate(&self, other: &Value) -> Relation {
        match (self, other) {
            (Value::Date(a), Value::Date(b)) => a.relate(b),
            (Value::Quantity(a), Value::Quantity(b)) => a.relate(b),
            (Value::Entity(a), Value::Entity(b)) => a.relate(b),
            (Value::Text { display: a }, Value::Text { display: b }) => relate_text(a, b),
            _ => Relation::new(RelationKind::Incomparable, "values of different types"),
        }
    }
}

fn relate_text(a: &str, b: &str) -> Relation {
    let wa = entity::content_words(a);
    let wb = entity::content_words(b);
    if wa == wb {
        Relation::new(RelationKind::Equal, "same wording")
    } else if wa.is_subset(&wb) || wb.is_subset(&wa) {
        Relation::new(RelationKind::Compatible, "one list contains the other")
    } else if wa.is_disjoint(&wb) {
        Relation::new(RelationKind::Incomparable, "different descriptions")
    } else {
        Relation::new(RelationKind::Compatible, "overlapping descriptions")
    }
}
