//! Typed views of checked components and records.
//!
//! The checker leaves each component as a map from field name to [`Val`], with the
//! standard library's defaults filled in. A view reads that map once into a Rust struct,
//! so that nothing after this point names a field as a string or repeats a default:
//! a field declared with a default (or required) is a plain value, one declared `T?`
//! without a default is an `Option`. [`view!`] writes each view's reader and the list
//! of its fields, and a test holds every view against its standard-library declaration
//! (names, optionality, shapes), so a misspelt or re-defaulted field cannot compile and
//! pass the tests.

use crate::check::types::Ty;
use crate::check::{Entry, Val, Value};
use crate::source::{SourceId, Span};
use crate::stdlib::Library;

/// What reading a value needs: which file is the program (values from elsewhere are
/// standard-library defaults) and where to point for a default.
#[derive(Debug, Clone, Copy)]
pub struct Cx {
    /// The program's file.
    pub source: SourceId,
    /// The span for values that the program did not write (defaults).
    pub fallback: Span,
}

/// A value, where it was written, and whether the program wrote it (or it is a default).
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written; the construction, for a default.
    pub span: Span,
    /// The program wrote it (it is not a default).
    pub given: bool,
}

/// A component of the program, by index into `check::Program::components`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CompRef(pub usize);

/// Whole seconds (a checked `Duration`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Secs(pub u64);

/// MiB (a checked `Memory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mib(pub u64);

/// The entries of a `{String: T}` map, in source order, with the key's span.
pub type Entries<T> = Vec<(At<String>, T)>;

/// A value read from a checked [`Val`].
pub trait FromVal: Sized {
    /// The shape of the standard-library type this reads, for the view test
    /// (`Int`, `[String]`, `{String: Container}`, `Component`, ...).
    fn shape() -> String;
    /// Reads `v`; `None` when it has another shape (a bug: the checker checked it).
    fn from_val(v: &Val, cx: &Cx) -> Option<Self>;
}

/// A field of a view: a required value, or an `Option` for an optional field.
pub trait Slot: Sized {
    /// Absent is allowed.
    const OPTIONAL: bool;
    /// See [`FromVal::shape`].
    fn shape() -> String;
    /// Reads the field's value (`None` when absent).
    fn read(v: Option<&Val>, cx: &Cx) -> Option<Self>;
}

impl<T: FromVal> Slot for Option<T> {
    const OPTIONAL: bool = true;
    fn shape() -> String {
        T::shape()
    }
    fn read(v: Option<&Val>, cx: &Cx) -> Option<Self> {
        match v {
            None => Some(None),
            Some(v) => T::from_val(v, cx).map(Some),
        }
    }
}

/// `Slot` for types that are always present.
macro_rules! required_slot {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::model::view::Slot for $t {
            const OPTIONAL: bool = false;
            fn shape() -> String {
                <$t as $crate::model::view::FromVal>::shape()
            }
            fn read(
                v: Option<&$crate::check::Val>,
                cx: &$crate::model::view::Cx,
            ) -> Option<Self> {
                <$t as $crate::model::view::FromVal>::from_val(v?, cx)
            }
        }
    )*};
}
pub(crate) use required_slot;

required_slot!(i64, bool, String, Val, Secs, Mib, CompRef);

impl<T: FromVal> Slot for Vec<T> {
    const OPTIONAL: bool = false;
    fn shape() -> String {
        <Self as FromVal>::shape()
    }
    fn read(v: Option<&Val>, cx: &Cx) -> Option<Self> {
        <Self as FromVal>::from_val(v?, cx)
    }
}

impl<T: FromVal> Slot for At<T> {
    const OPTIONAL: bool = false;
    fn shape() -> String {
        T::shape()
    }
    fn read(v: Option<&Val>, cx: &Cx) -> Option<Self> {
        <Self as FromVal>::from_val(v?, cx)
    }
}

impl FromVal for i64 {
    fn shape() -> String {
        "Int".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        v.as_int()
    }
}

impl FromVal for bool {
    fn shape() -> String {
        "Bool".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        v.as_bool()
    }
}

/// A string known at compile time (a `const` field).
impl FromVal for String {
    fn shape() -> String {
        "String".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        v.as_str().map(str::to_string)
    }
}

/// Any value, kept as checked (lowered with `Lowering::cfn`): fields that may be
/// parameters or attributes.
impl FromVal for Val {
    fn shape() -> String {
        "Any".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        Some(v.clone())
    }
}

impl FromVal for Secs {
    fn shape() -> String {
        "Duration".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        v.as_seconds().map(Secs)
    }
}

impl FromVal for Mib {
    fn shape() -> String {
        "Memory".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        v.as_mib().map(Mib)
    }
}

impl FromVal for CompRef {
    fn shape() -> String {
        "Component".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        match v.value {
            Value::Component(id) => Some(CompRef(id)),
            _ => None,
        }
    }
}

impl<T: FromVal> FromVal for Vec<T> {
    fn shape() -> String {
        format!("[{}]", T::shape())
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        v.as_list()?.iter().map(|i| T::from_val(i, cx)).collect()
    }
}

impl<T: FromVal> FromVal for At<T> {
    fn shape() -> String {
        T::shape()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        let given = v.span.source == cx.source;
        Some(At {
            value: T::from_val(v, cx)?,
            span: if given { v.span } else { cx.fallback },
            given,
        })
    }
}

/// A map's entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Map<T>(pub Entries<T>);

impl<T> Default for Map<T> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<T: FromVal> FromVal for Map<T> {
    fn shape() -> String {
        format!("{{String: {}}}", T::shape())
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        let entries: &[Entry] = v.as_map()?;
        entries
            .iter()
            .map(|e| {
                let given = e.key_span.source == cx.source;
                let key = At {
                    value: e.key.clone(),
                    span: if given { e.key_span } else { cx.fallback },
                    given,
                };
                Some((key, T::from_val(&e.value, cx)?))
            })
            .collect::<Option<Vec<_>>>()
            .map(Map)
    }
}

impl<T: FromVal> Slot for Map<T> {
    const OPTIONAL: bool = false;
    fn shape() -> String {
        <Self as FromVal>::shape()
    }
    fn read(v: Option<&Val>, cx: &Cx) -> Option<Self> {
        <Self as FromVal>::from_val(v?, cx)
    }
}

/// A declared field, as a view reads it (for the test against the standard library).
#[derive(Debug, Clone)]
pub struct FieldSpec {
    /// The field's name in the standard library.
    pub name: &'static str,
    /// Read as an `Option`.
    pub optional: bool,
    /// The shape read.
    pub shape: String,
}

/// A typed view of a component or record of the standard library.
pub trait View: Sized {
    /// The standard-library type (and static constructor, `Cluster.existing`) it reads.
    const TYPE: &'static str;
    /// Its fields.
    fn fields() -> Vec<FieldSpec>;
    /// Reads checked fields.
    fn read(fields: &crate::check::Fields, cx: &Cx) -> Option<Self>;
}

/// Declares a view: a struct with one public member per field of the standard-library
/// type, read from the field named by the string, and `View`/`FromVal`/`Slot` for it.
macro_rules! view {
    (
        $(#[$meta:meta])*
        pub struct $name:ident for $ty:literal {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty = $key:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $crate::model::view::View for $name {
            const TYPE: &'static str = $ty;
            fn fields() -> Vec<$crate::model::view::FieldSpec> {
                vec![$( $crate::model::view::FieldSpec {
                    name: $key,
                    optional: <$fty as $crate::model::view::Slot>::OPTIONAL,
                    shape: <$fty as $crate::model::view::Slot>::shape(),
                }, )*]
            }
            #[allow(unused_variables, unused_mut)]
            fn read(fields: &$crate::check::Fields, cx: &$crate::model::view::Cx) -> Option<Self> {
                // One pass over the fields, each matched by its name: cheaper than a
                // hashed lookup per member, most of which find nothing (an optional
                // field left out). A key written twice is an unreachable pattern.
                $( let mut $field: Option<&$crate::check::Val> = None; )*
                for (key, value) in fields.iter() {
                    match key {
                        $( $key => $field = Some(value), )*
                        _ => {}
                    }
                }
                Some($name {
                    $( $field: <$fty as $crate::model::view::Slot>::read($field, cx)?, )*
                })
            }
        }

        impl $crate::model::view::FromVal for $name {
            fn shape() -> String {
                $ty.split('.').next().unwrap_or($ty).to_string()
            }
            fn from_val(v: &$crate::check::Val, cx: &$crate::model::view::Cx) -> Option<Self> {
                <Self as $crate::model::view::View>::read(v.as_record()?, cx)
            }
        }

        $crate::model::view::required_slot!($name);
    };
}
pub(crate) use view;

/// Declares a Rust enum for a union of string literals (`"HTTP" | "HTTPS"`).
macro_rules! literals {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $( $(#[$vmeta])* $variant, )* }

        impl $name {
            /// The literal as written (and as CloudFormation takes it).
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
        }

        impl $crate::model::view::FromVal for $name {
            fn shape() -> String {
                let lits: &[&str] = &[$( $text, )*];
                format!("Lit:{}", lits.join("|"))
            }
            fn from_val(v: &$crate::check::Val, _: &$crate::model::view::Cx) -> Option<Self> {
                match v.as_str()? {
                    $( $text => Some($name::$variant), )*
                    _ => None,
                }
            }
        }

        $crate::model::view::required_slot!($name);
    };
}
pub(crate) use literals;

/// Whether a view's shape fits a standard-library type (for the view test).
pub fn shape_fits(shape: &str, ty: &Ty, lib: &Library) -> bool {
    let ty = ty.required();
    match shape {
        "Any" => true,
        "Int" => matches!(ty, Ty::Int(..)),
        "Bool" => matches!(ty, Ty::Bool),
        "String" => matches!(ty, Ty::String),
        "Duration" => matches!(ty, Ty::Duration(..)),
        "Memory" => matches!(ty, Ty::Memory(..)),
        "Component" => match ty {
            Ty::Named(n) => lib
                .get(n)
                .is_some_and(|d| d.kind == crate::stdlib::Kind::Component),
            Ty::Union(alts) => alts.iter().all(|a| {
                matches!(a, Ty::Named(n) if lib.get(n).is_some_and(|d| d.kind == crate::stdlib::Kind::Component))
            }),
            _ => false,
        },
        s if s.starts_with("Lit:") => ty
            .literals()
            .is_some_and(|l| l.join("|") == s.trim_start_matches("Lit:")),
        "Union" => matches!(ty, Ty::Union(_)),
        s if s.starts_with('[') => match (ty, s.strip_prefix('[').and_then(|s| s.strip_suffix(']'))) {
            (Ty::List(inner), Some(s)) => shape_fits(s, inner, lib),
            _ => false,
        },
        s if s.starts_with("{String: ") => {
            match (ty, s.strip_prefix("{String: ").and_then(|s| s.strip_suffix('}'))) {
                (Ty::Map(inner), Some(s)) => shape_fits(s, inner, lib),
                _ => false,
            }
        }
        record => matches!(ty, Ty::Named(n) if n == record),
    }
}
