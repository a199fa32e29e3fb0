//! Types of the checker, resolved from the standard library's type expressions.

use std::fmt;

/// A type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `Int`, optionally `in LO..HI` (both ends inclusive).
    Int(Option<i64>, Option<i64>),
    /// `String`
    String,
    /// `Bool`
    Bool,
    /// `Duration` (seconds).
    Duration,
    /// `Memory` (MiB).
    Memory,
    /// A string literal type such as `"HTTP"`.
    Lit(String),
    /// `[T]`
    List(Box<Ty>),
    /// `{String: T}`
    Map(Box<Ty>),
    /// `T?`
    Optional(Box<Ty>),
    /// `A | B`
    Union(Vec<Ty>),
    /// A record or component of the standard library.
    Named(String),
}

impl Ty {
    /// The type without its optional marker.
    pub fn required(&self) -> &Ty {
        match self {
            Ty::Optional(t) => t.required(),
            t => t,
        }
    }

    /// True for `T?`.
    pub fn is_optional(&self) -> bool {
        matches!(self, Ty::Optional(_))
    }

    /// The string literals of a literal union, if the type is one.
    pub fn literals(&self) -> Option<Vec<&str>> {
        match self.required() {
            Ty::Lit(s) => Some(vec![s.as_str()]),
            Ty::Union(alts) => alts
                .iter()
                .map(|a| match a {
                    Ty::Lit(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect(),
            _ => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int(None, None) => write!(f, "Int"),
            Ty::Int(lo, hi) => {
                write!(f, "Int in ")?;
                if let Some(lo) = lo {
                    write!(f, "{lo}")?;
                }
                write!(f, "..")?;
                if let Some(hi) = hi {
                    write!(f, "{hi}")?;
                }
                Ok(())
            }
            Ty::String => write!(f, "String"),
            Ty::Bool => write!(f, "Bool"),
            Ty::Duration => write!(f, "Duration"),
            Ty::Memory => write!(f, "Memory"),
            Ty::Lit(s) => write!(f, "{s:?}"),
            Ty::List(t) => write!(f, "[{t}]"),
            Ty::Map(t) => write!(f, "{{String: {t}}}"),
            Ty::Optional(t) => match **t {
                Ty::Union(_) => write!(f, "({t})?"),
                _ => write!(f, "{t}?"),
            },
            Ty::Union(alts) => {
                for (i, a) in alts.iter().enumerate() {
                    if i > 0 {
                        write!(f, " | ")?;
                    }
                    write!(f, "{a}")?;
                }
                Ok(())
            }
            Ty::Named(n) => write!(f, "{n}"),
        }
    }
}
