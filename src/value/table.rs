//! Distinct values, numbered, with the kind of each relation computed once.
//!
//! A large story repeats a few values (a death toll, a date, a city) thousands of times, and
//! [`Value::relate`] builds word sets and a reason string on every call; numbering the
//! distinct values lets matching, comparison and scoring relate each pair of them once.

use super::{RelationKind, Value};
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Default)]
pub struct ValueTable {
    values: Vec<Value>,
    index: HashMap<String, u32>,
    kinds: RefCell<HashMap<(u32, u32), RelationKind>>,
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
        if let Some(&kind) = self.kinds.borrow().get(&(a, b)) {
            return kind;
        }
        let kind = self.get(a).relate(self.get(b)).kind;
        self.kinds.borrow_mut().insert((a, b), kind);
        kind
    }
}
