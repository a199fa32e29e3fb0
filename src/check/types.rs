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
    /// `Duration`, optionally `in LO..HI` (milliseconds, both ends inclusive).
    Duration(Option<u64>, Option<u64>),
    /// `Memory`, optionally `in LO..HI` (MiB, both ends inclusive).
    Memory(Option<u64>, Option<u64>),
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
            Ty::Int(lo, hi) => {
                write!(f, "Int")?;
                write_range(f, lo.map(|n| n.to_string()), hi.map(|n| n.to_string()))
            }
            Ty::String => write!(f, "String"),
            Ty::Bool => write!(f, "Bool"),
            Ty::Duration(lo, hi) => {
                write!(f, "Duration")?;
                write_range(f, lo.map(show_duration), hi.map(show_duration))
            }
            Ty::Memory(lo, hi) => {
                write!(f, "Memory")?;
                write_range(f, lo.map(show_memory), hi.map(show_memory))
            }
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

/// ` in LO..HI`, or nothing for an open range.
fn write_range(f: &mut fmt::Formatter<'_>, lo: Option<String>, hi: Option<String>) -> fmt::Result {
    if lo.is_none() && hi.is_none() {
        return Ok(());
    }
    write!(
        f,
        " in {}..{}",
        lo.unwrap_or_default(),
        hi.unwrap_or_default()
    )
}

/// A duration in milliseconds as written in ecsx, in the largest unit that divides it
/// (`300000` → `5m`, `1500` → `1500ms`).
pub fn show_duration(ms: u64) -> String {
    for (unit, size) in [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1000),
    ] {
        if ms % size == 0 && (ms > 0 || unit == "s") {
            return format!("{}{unit}", ms / size);
        }
    }
    format!("{ms}ms")
}

/// A memory size in MiB as written in ecsx (`2048` → `2GiB`, `6` → `6MiB`).
pub fn show_memory(mib: u64) -> String {
    if mib > 0 && mib % 1024 == 0 {
        format!("{}GiB", mib / 1024)
    } else {
        format!("{mib}MiB")
    }
}
