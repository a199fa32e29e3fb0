//! Checked values: what a program's expressions evaluate to at compile time.

use super::types::Ty;
use crate::source::Span;
use std::hash::{BuildHasherDefault, Hasher};

/// A value with the span of the code it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    /// The value.
    pub value: Value,
    /// Where it was written (the reference, for a value read through a binding).
    pub span: Span,
}

/// Fields of a record or component after checking: declared order, defaults filled in,
/// absent optionals left out.
///
/// A list of entries, looked up by a scan: a record has a few dozen fields at most,
/// whose names differ mostly in length, and a checked program builds far more of them
/// (every default is an entry) than it looks up. Two are equal when they have the same
/// fields with equal values, in any order (as maps are).
#[derive(Clone, Default)]
pub struct Fields {
    entries: Vec<(FieldName, Val)>,
}

/// A field's name: shared with the standard library's declaration of the field.
pub type FieldName = std::sync::Arc<str>;

impl Fields {
    /// No fields, with room for `n`.
    pub fn with_capacity(n: usize) -> Self {
        Fields {
            entries: Vec::with_capacity(n),
        }
    }

    /// The value of field `name`.
    pub fn get(&self, name: &str) -> Option<&Val> {
        self.entries
            .iter()
            .find(|(k, _)| **k == *name)
            .map(|(_, v)| v)
    }

    /// Whether field `name` is set.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets field `name` to `value`: in its place when it is set already (returning the
    /// old value), else last.
    pub fn insert(&mut self, name: impl Into<FieldName> + AsRef<str>, value: Val) -> Option<Val> {
        match self.entries.iter_mut().find(|(k, _)| **k == *name.as_ref()) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                self.entries.push((name.into(), value));
                None
            }
        }
    }

    /// Adds field `name`, which is not set yet (a declaration's fields, in order).
    pub(crate) fn push_new(&mut self, name: FieldName, value: Val) {
        debug_assert!(!self.contains_key(&name), "field `{name}` set twice");
        self.entries.push((name, value));
    }

    /// The fields in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Val)> + DoubleEndedIterator {
        self.entries.iter().map(|(k, v)| (&**k, v))
    }

    /// The values in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Val> + DoubleEndedIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many fields are set.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl IntoIterator for Fields {
    type Item = (FieldName, Val);
    type IntoIter = std::vec::IntoIter<(FieldName, Val)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl PartialEq for Fields {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// A hash map of the compiler's own keys (names, indices, logical IDs, declaration
/// texts), hashed with [`FieldHasher`]: none is iterated into output.
pub type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FieldHasher>>;

/// A hash set hashed as [`FxMap`].
pub type FxSet<K> = std::collections::HashSet<K, BuildHasherDefault<FieldHasher>>;

/// The hasher of [`Fields`]: rustc's FxHash, a multiply and a rotation per word. Field
/// names are a declaration's, a few short words, so SipHash's resistance to chosen keys
/// buys nothing there, and costs most of a lookup. The order of `Fields` is the order of
/// insertion whatever the hasher.
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldHasher(u64);

impl FieldHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FieldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word.iter_mut().zip(rest).for_each(|(w, b)| *w = *b);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An entry of a record literal before it meets its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The key's span.
    pub key_span: Span,
    /// The value.
    pub value: Val,
}

/// The compile-time value of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A string known at compile time.
    Str(String),
    /// A duration in milliseconds (whole seconds once checked against a `Duration` field).
    Duration(u64),
    /// A memory size in MiB.
    Memory(u64),
    /// A string with parts known only at deploy time.
    Interp(Vec<Part>),
    /// A list.
    List(Vec<Val>),
    /// A record literal not yet given a type, or a map.
    Map(Vec<Entry>),
    /// A record of a declared type (`ctor` names the static constructor used).
    Record {
        /// The record type.
        ty: String,
        /// The static constructor, if one built it.
        ctor: Option<String>,
        /// Its fields.
        fields: Fields,
    },
    /// A component, by index into [`super::Program::components`].
    Component(usize),
    /// An `out` attribute of a component (`web.endpoint.hostname`): known at deploy time.
    Attr {
        /// The component.
        component: usize,
        /// The attribute path (`["endpoint", "hostname"]`).
        path: Vec<String>,
        /// Its type.
        ty: Ty,
    },
    /// A `param` of the program.
    Param {
        /// Its name.
        name: String,
        /// Its type.
        ty: Ty,
    },
}

/// A piece of an interpolated string.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// A value known at deploy time (an attribute or a parameter).
    Value(Val),
}

impl Val {
    /// The integer, if this is one.
    pub fn as_int(&self) -> Option<i64> {
        match self.value {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    /// The string, if this is one known at compile time.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Memory in MiB (from a memory size or an integer).
    pub fn as_mib(&self) -> Option<u64> {
        match self.value {
            Value::Memory(m) => Some(m),
            Value::Int(n) => u64::try_from(n).ok(),
            _ => None,
        }
    }

    /// Whole seconds, if this is a duration.
    pub fn as_seconds(&self) -> Option<u64> {
        match self.value {
            Value::Duration(ms) => Some(ms / 1000),
            _ => None,
        }
    }

    /// The list items, if this is a list.
    pub fn as_list(&self) -> Option<&[Val]> {
        match &self.value {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(e) => Some(e),
            _ => None,
        }
    }

    /// The fields, if this is a typed record.
    pub fn as_record(&self) -> Option<&Fields> {
        match &self.value {
            Value::Record { fields, .. } => Some(fields),
            _ => None,
        }
    }

    /// The span of the first parameter or attribute inside this value, if any:
    /// such a value is known only at deploy time.
    pub fn dynamic_part(&self) -> Option<Span> {
        match &self.value {
            Value::Param { .. } | Value::Attr { .. } => Some(self.span),
            Value::Interp(parts) => parts.iter().find_map(|p| match p {
                Part::Value(v) => Some(v.span),
                Part::Text(_) => None,
            }),
            Value::List(items) => items.iter().find_map(Val::dynamic_part),
            Value::Map(entries) => entries.iter().find_map(|e| e.value.dynamic_part()),
            Value::Record { fields, .. } => fields.values().find_map(Val::dynamic_part),
            _ => None,
        }
    }
}
