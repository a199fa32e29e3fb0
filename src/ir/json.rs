//! The CloudFormation values of the IR: JSON whose objects keep their keys in the
//! order expansion wrote them, in a vector.
//!
//! `serde_json::Value` with `preserve_order` keeps an object in an `IndexMap` that
//! hashes every key with SipHash; expansion builds about eight objects per resource,
//! and that hashing was about a fifth of the work of lowering a large program. The
//! objects of a template are small (a resource's properties, an intrinsic function)
//! and their keys are written by the compiler, so a vector searched from the start is
//! cheaper. The API is the part of `serde_json`'s that the compiler uses, with the same
//! meaning, so that templates are byte-identical to those built on `serde_json`:
//! - [`Map::insert`] of a key already present replaces its value in place;
//! - [`Map::remove`] moves the last entry into the removed one's place
//!   (`serde_json`'s `swap_remove` under `preserve_order`);
//! - two maps are equal when they hold the same entries, in any order;
//! - [`Value`] serializes as `serde_json::Value` does.

use serde::ser::{Serialize, SerializeMap, Serializer};
pub use serde_json::Number;
use std::borrow::Cow;
use std::fmt;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string: the compiler's literals are borrowed, not copied.
    String(Key),
    /// An array.
    Array(Vec<Value>),
    /// An object, its keys in the order they were inserted.
    Object(Map),
}

/// An object's key: most are the compiler's own literals (`"Properties"`), which are
/// borrowed rather than copied.
pub type Key = Cow<'static, str>;

/// A JSON object: its entries in the order they were inserted.
#[derive(Debug, Clone, Default, Eq)]
pub struct Map {
    entries: Vec<(Key, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Map::default()
    }

    /// An empty object with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        Map {
            entries: Vec::with_capacity(n),
        }
    }

    /// The position of `key`.
    fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k == key)
    }

    /// Sets `key` to `value`: in place when the key is present (returning the old
    /// value), at the end otherwise.
    pub fn insert(&mut self, key: impl Into<Key>, value: Value) -> Option<Value> {
        let key = key.into();
        if let Some(old) = self.get_mut(&key) {
            return Some(std::mem::replace(old, value));
        }
        self.entries.push((key, value));
        None
    }

    /// The value of `key`, inserted at the end from `value` when absent (`serde_json`'s
    /// `entry(key).or_insert_with(value)`).
    pub fn get_or_insert_with(
        &mut self,
        key: impl Into<Key>,
        value: impl FnOnce() -> Value,
    ) -> &mut Value {
        let key = key.into();
        let i = self.position(&key).unwrap_or_else(|| {
            self.entries.push((key, value()));
            self.entries.len() - 1
        });
        match self.entries.get_mut(i) {
            Some((_, v)) => v,
            None => unreachable!("position {i} was just found or pushed"),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    /// Removes `key`, moving the last entry into its place (as `serde_json`'s `remove`
    /// does under `preserve_order`).
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.position(key)?;
        Some(self.entries.swap_remove(i).1)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Key, &Value)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Key> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl PartialEq for Map {
    /// The same entries, in any order (as `serde_json`'s maps compare).
    fn eq(&self, other: &Map) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Into<Key>> Extend<(K, Value)> for Map {
    fn extend<I: IntoIterator<Item = (K, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Into<Key>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Self {
        let mut map = Map::new();
        map.extend(iter);
        map
    }
}

impl IntoIterator for Map {
    type Item = (Key, Value);
    type IntoIter = std::vec::IntoIter<(Key, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a Key, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Key, Value)>,
        fn(&'a (Key, Value)) -> (&'a Key, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The array, when this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The object, when this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The object, to change, when this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The number as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value of `key` when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The value of `key`, to change, when this is an object that has it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut()?.get_mut(key)
    }

    /// Takes the value, leaving `null`.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }
}

impl Serialize for Value {
    /// As `serde_json::Value` serializes.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => items.serialize(serializer),
            Value::Object(m) => m.serialize(serializer),
        }
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl fmt::Display for Value {
    /// Compact JSON (`{:#}`: indented), as `serde_json::Value` displays.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

static NULL: Value = Value::Null;

impl std::ops::Index<&str> for Value {
    type Output = Value;
    /// The value of `key`, `null` when this is not an object with it.
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::from(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(m) => Value::Object(Map {
                entries: m
                    .into_iter()
                    .map(|(k, v)| (Key::Owned(k), Value::from(v)))
                    .collect(),
            }),
        }
    }
}

impl From<Value> for serde_json::Value {
    fn from(v: Value) -> Self {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(n) => serde_json::Value::Number(n),
            Value::String(s) => serde_json::Value::String(s.into_owned()),
            Value::Array(a) => serde_json::Value::Array(a.into_iter().map(Into::into).collect()),
            Value::Object(m) => serde_json::Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.into_owned(), v.into()))
                    .collect(),
            ),
        }
    }
}

impl PartialEq<serde_json::Value> for Value {
    fn eq(&self, other: &serde_json::Value) -> bool {
        match (self, other) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Value::Number(a), serde_json::Value::Number(b)) => a == b,
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| v == w))
            }
            _ => false,
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(Cow::Owned(s))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(Cow::Owned(s.to_string()))
    }
}

/// A literal written in [`json!`]: a string literal is borrowed rather than copied.
pub trait Literal {
    /// The literal as JSON.
    fn literal(self) -> Value;
}

impl Literal for &'static str {
    fn literal(self) -> Value {
        Value::String(Cow::Borrowed(self))
    }
}

impl Literal for f64 {
    fn literal(self) -> Value {
        Value::from(self)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl From<f64> for Value {
    /// A number; `null` when it is not finite (as `serde_json`).
    fn from(n: f64) -> Self {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// `From` for the integer types, as `serde_json`'s.
macro_rules! from_integer {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(Number::from(n))
            }
        }
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
        }
        impl Literal for $t {
            fn literal(self) -> Value {
                Value::from(self)
            }
        }
    )*};
}

from_integer!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize);

/// A Rust value as JSON, for the expressions inside [`json!`] (which, like
/// `serde_json::json!`, reads them by reference and copies them).
pub trait ToJson {
    /// This value as JSON.
    fn to_json(&self) -> Value;
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl ToJson for Map {
    fn to_json(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::from(self)
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::from(self.clone())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToJson for f64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    /// The value, or `null`.
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

/// A [`Value`] from JSON-like syntax, as `serde_json::json!`: `null`, `true`, `false`,
/// arrays, objects with string-literal or `(expression)` keys, and Rust expressions
/// (read through [`ToJson`]).
macro_rules! json_value {
    // Arrays: elements gathered one at a time.
    (@array [$($elems:expr,)*]) => { vec![$($elems,)*] };
    (@array [$($elems:expr),*]) => { vec![$($elems),*] };
    (@array [$($elems:expr,)*] null $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!(null)] $($rest)*)
    };
    (@array [$($elems:expr,)*] true $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!(true)] $($rest)*)
    };
    (@array [$($elems:expr,)*] false $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!(false)] $($rest)*)
    };
    (@array [$($elems:expr,)*] [$($array:tt)*] $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!([$($array)*])] $($rest)*)
    };
    (@array [$($elems:expr,)*] {$($map:tt)*} $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!({$($map)*})] $($rest)*)
    };
    (@array [$($elems:expr,)*] $next:expr, $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!($next),] $($rest)*)
    };
    (@array [$($elems:expr,)*] $last:expr) => {
        $crate::ir::json::json!(@array [$($elems,)* $crate::ir::json::json!($last)])
    };
    (@array [$($elems:expr),*] , $($rest:tt)*) => {
        $crate::ir::json::json!(@array [$($elems,)*] $($rest)*)
    };

    // Objects: a key's tokens gathered up to its `:`, then its value up to a `,`; the
    // entries gathered in `[...]`, then inserted into a map made with room for them all.
    (@object [$($done:tt)*] () () ()) => {
        $crate::ir::json::json!(@entries $($done)*)
    };
    (@object [$($done:tt)*] [$($key:tt)+] ($value:expr) , $($rest:tt)*) => {
        $crate::ir::json::json!(@object [$($done)* (($($key)+) ($value))] () ($($rest)*) ($($rest)*))
    };
    (@object [$($done:tt)*] [$($key:tt)+] ($value:expr)) => {
        $crate::ir::json::json!(@entries $($done)* (($($key)+) ($value)))
    };
    (@entries $((($($key:tt)+) ($value:expr)))*) => {{
        let mut object = $crate::ir::json::Map::with_capacity(
            <[()]>::len(&[$($crate::ir::json::json!(@unit $value)),*]),
        );
        $( let _ = object.insert($($key)+, $value); )*
        object
    }};
    (@unit $value:expr) => { () };
    (@object [$($done:tt)*] ($($key:tt)+) (: null $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!(null)) $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: true $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!(true)) $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: false $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!(false)) $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: [$($array:tt)*] $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!([$($array)*])) $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: {$($map:tt)*} $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!({$($map)*})) $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: $value:expr , $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!($value)) , $($rest)*)
    };
    (@object [$($done:tt)*] ($($key:tt)+) (: $value:expr) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] [$($key)+] ($crate::ir::json::json!($value)))
    };
    (@object [$($done:tt)*] () (($key:expr) : $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] ($key) (: $($rest)*) (: $($rest)*))
    };
    (@object [$($done:tt)*] ($($key:tt)*) ($tt:tt $($rest:tt)*) $copy:tt) => {
        $crate::ir::json::json!(@object [$($done)*] ($($key)* $tt) ($($rest)*) ($($rest)*))
    };

    (null) => { $crate::ir::json::Value::Null };
    (true) => { $crate::ir::json::Value::Bool(true) };
    (false) => { $crate::ir::json::Value::Bool(false) };
    ([]) => { $crate::ir::json::Value::Array(Vec::new()) };
    ([ $($tt:tt)+ ]) => {
        $crate::ir::json::Value::Array($crate::ir::json::json!(@array [] $($tt)+))
    };
    ({}) => { $crate::ir::json::Value::Object($crate::ir::json::Map::new()) };
    ({ $($tt:tt)+ }) => {
        $crate::ir::json::Value::Object(
            $crate::ir::json::json!(@object [] () ($($tt)+) ($($tt)+))
        )
    };
    ($lit:literal) => { $crate::ir::json::Literal::literal($lit) };
    ($other:expr) => { $crate::ir::json::ToJson::to_json(&$other) };
}

pub(crate) use json_value as json;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape of the macro, and its text, equal to `serde_json::json!`'s.
    #[test]
    fn json_builds_what_serde_json_builds() {
        let name = String::from("web");
        let parts = vec![json!("a"), json!({ "Ref": "B" })];
        let n: u32 = 80;
        let none: Option<String> = None;
        // The same tokens through both macros (`parts` reaches `serde_json` through this
        // module's `Serialize`).
        macro_rules! both {
            ($($t:tt)*) => { (json!($($t)*), serde_json::json!($($t)*)) };
        }
        let (ours, theirs) = both!({
            "Name": name,
            "Port": n,
            "Negative": -3,
            "Float": 0.5,
            "Nothing": null,
            "Yes": true,
            "No": false,
            "Empty": {},
            "List": [],
            "Parts": parts,
            "Nested": [1, "two", { "Three": [null, true] }, [name.clone(), n]],
            ("Computed".to_string() + "Key"): none,
            "Join": { "Fn::Join": ["", [name, "-", n]] }
        });
        assert_eq!(theirs["Parts"], serde_json::json!(["a", { "Ref": "B" }]));
        assert_eq!(ours, theirs);
        assert_eq!(ours.to_string(), theirs.to_string());
        assert_eq!(format!("{ours:#}"), format!("{theirs:#}"));
        assert_eq!(
            serde_yaml_ng::to_string(&ours).unwrap(),
            serde_yaml_ng::to_string(&theirs).unwrap()
        );
        assert_eq!(serde_json::Value::from(ours.clone()), theirs);
        assert_eq!(Value::from(theirs), ours);
    }

    /// `insert`, `remove` and equality keep `serde_json`'s `preserve_order` meaning.
    #[test]
    fn maps_insert_in_place_remove_by_swapping_and_compare_as_sets() {
        let mut ours = Map::new();
        let mut theirs = serde_json::Map::new();
        for key in ["a", "b", "c", "d", "b"] {
            let value = json!(key.len() + ours.len());
            assert_eq!(
                ours.insert(key.to_string(), value.clone())
                    .map(serde_json::Value::from),
                theirs.insert(key.to_string(), value.into())
            );
        }
        assert_eq!(
            ours.remove("a").map(serde_json::Value::from),
            theirs.remove("a")
        );
        assert_eq!(ours.remove("zz"), None);
        let keys: Vec<&str> = ours.keys().map(|k| k.as_ref()).collect();
        assert_eq!(keys, theirs.keys().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(keys, ["d", "b", "c"]);
        let mut reordered = Map::new();
        for (k, v) in ours.iter().rev() {
            reordered.insert(k.clone(), v.clone());
        }
        assert_eq!(reordered, ours);
        reordered.insert("c", json!(9));
        assert_ne!(reordered, ours);
        assert_eq!(Value::Object(ours)["d"], json!(4));
    }
}
