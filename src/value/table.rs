//! Distinct values, numbered, with the kind of each relation computed once.
//!
//! A large story repeats a few values (a death toll, a date, a city) thousands of times, and
//! [`Value::relate`] builds word sets and a reason string on every call; numbering the
//! distinct values lets matching, comparison and scoring relate each pair of them once.

use super::{Relation, RelationKind, Value};
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Default)]
pub struct ValueTable {
    values: Vec<Value>,
    index: HashMap<String, u32>,
    relations: RefCell<HashMap<(u32, u32), Relation>>,
}

impl ValueTable {
    /// The number of `value`, the same for equal values.
    pub fn intern(&mut self, value: &Value) -> u32 {
        // Values hold floats, so they are keyed by their (exact, deterministic) debug form.
        let key = format!("{value:?}");
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.clone());
        self.index.insert(key, id);
        id
    }

    pub fn get(&self, id: u32) -> &Value {
        &self.values[id as usize]
    }

    /// `self.get(a).relate(self.get(b)).kind`, computed once per ordered pair.
    pub fn relation(&self, a: u32, b: u32) -> RelationKind {
        if let Some(rel) = self.relations.borrow().get(&(a, b)) {
            return rel.kind;
        }
        let rel = self.get(a).relate(self.get(b));
        let kind = rel.kind;
        self.relations.borrow_mut().insert((a, b), rel);
        kind
    }

    /// `self.get(a).relate(self.get(b)).reason`, computed once per ordered pair.
    pub fn reason(&self, a: u32, b: u32) -> String {
        self.relation(a, b);
        self.relations.borrow()[&(a, b)].reason.clone()
    }
}
