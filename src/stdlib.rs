//! The standard library: `stdlib/*.ecsx`, embedded in the binary and parsed by the
//! same front end as programs. Every component, record, field, default, constraint
//! and attribute the checker knows comes from here.

use crate::check::types::Ty;
use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::source::{SourceId, SourceMap, Span};
use crate::syntax::ast::{self, Bound, ItemKind, Member, StaticParams, TypeExpr, TypeExprKind};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The embedded standard-library files: (name, text).
pub const FILES: &[(&str, &str)] = &[
    ("<stdlib>/ecs.ecsx", include_str!("../stdlib/ecs.ecsx")),
    ("<stdlib>/elb.ecsx", include_str!("../stdlib/elb.ecsx")),
    ("<stdlib>/vpc.ecsx", include_str!("../stdlib/vpc.ecsx")),
    ("<stdlib>/ec2.ecsx", include_str!("../stdlib/ec2.ecsx")),
    ("<stdlib>/efs.ecsx", include_str!("../stdlib/efs.ecsx")),
];

/// Built-in scalar type names.
pub const BUILTINS: &[&str] = &["Int", "String", "Bool", "Duration", "Memory"];

/// Components that later versions of ecsxc will provide, with what to do until then:
/// naming one gets a clear "not available yet" diagnostic instead of a guess.
/// (None at the moment: `ScheduledTask`, the last one, has come.)
pub const PLANNED: &[(&str, &str)] = &[];

/// Whether a declared type is a component (makes resources) or a record (plain value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `component`: expands into resources; has a logical name.
    Component,
    /// `record`: a structured value.
    Record,
}

/// A component or record of the standard library.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Its name.
    pub name: String,
    /// Component or record.
    pub kind: Kind,
    /// Its doc comment.
    pub doc: Option<String>,
    /// Fields and `out` attributes, in declaration order.
    pub fields: Vec<FieldDef>,
    /// Static constructors.
    pub statics: Vec<StaticDef>,
    /// The declaration.
    pub span: Span,
}

impl TypeDef {
    /// The field or attribute `name`.
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| *f.name == *name)
    }

    /// The static constructor `name`.
    pub fn constructor(&self, name: &str) -> Option<&StaticDef> {
        self.statics.iter().find(|s| s.name == name)
    }
}

/// A declared field or attribute.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// Its name (shared with the checked fields that have it, not copied into each).
    pub name: std::sync::Arc<str>,
    /// Its type.
    pub ty: Ty,
    /// Its default value.
    pub default: Option<ast::Expr>,
    /// An attribute others read and nobody sets.
    pub out: bool,
    /// Must be known at compile time.
    pub constant: bool,
    /// Its doc comment.
    pub doc: Option<String>,
    /// The declaration.
    pub span: Span,
}

impl FieldDef {
    /// Required: settable, not optional, no default.
    pub fn required(&self) -> bool {
        !self.out && !self.ty.is_optional() && self.default.is_none()
    }
}

/// A static constructor.
#[derive(Debug, Clone)]
pub struct StaticDef {
    /// Its name.
    pub name: String,
    /// Its argument form.
    pub sig: StaticSig,
    /// Its doc comment.
    pub doc: Option<String>,
    /// The declaration.
    pub span: Span,
}

/// How a static constructor is called.
#[derive(Debug, Clone)]
pub enum StaticSig {
    /// `Type.ctor(a, b)`: named positional parameters.
    Positional(Vec<(String, Ty)>),
    /// `Type.ctor { ... }`: fields of this record type.
    Record(String),
}

/// The loaded standard library.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Every component and record, by name.
    pub types: BTreeMap<String, TypeDef>,
}

impl Library {
    /// The type `name`.
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }
}

/// Parses the embedded files into `sources` and builds the library. Problems in the
/// standard library itself are reported like any other (a test keeps it clean).
///
/// The usual layout (the program is file 0, the standard library files 1, 2, ...) is
/// built once per process and shared; any other layout is built afresh.
pub fn load(sources: &mut SourceMap, diags: &mut Vec<Diagnostic>) -> Arc<Library> {
    static USUAL: OnceLock<(Arc<Library>, Vec<Diagnostic>)> = OnceLock::new();
    let first = sources.len();
    for (name, text) in FILES {
        sources.add(*name, *text);
    }
    if first == 1 {
        let (lib, problems) = USUAL.get_or_init(|| {
            // The library as `src/stdlib_data.rs` holds it, written by `codegen` from
            // these very files (their hash says so); parsing them takes most of a
            // small program's build.
            // A constant: the hash is computed by the compiler, not at every start.
            const CURRENT: bool = precompiled::STDLIB_HASH == stdlib_hash();
            if CURRENT {
                return (Arc::new(precompiled::library()), Vec::new());
            }
            let mut d = Vec::new();
            (Arc::new(build(1, &mut d)), d)
        });
        diags.extend(problems.iter().cloned());
        return Arc::clone(lib);
    }
    Arc::new(build(first, diags))
}

// Generated code is compared byte for byte with what `codegen` writes: rustfmt keeps off.
#[rustfmt::skip]
#[path = "stdlib_data.rs"]
mod precompiled;

/// FNV-1a of the standard library's files, computed at compile time: tells whether the
/// precompiled library (`src/stdlib_data.rs`) was written from them.
pub const fn stdlib_hash() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut files: &[(&str, &str)] = FILES;
    while let [(_, text), more @ ..] = files {
        let mut bytes = text.as_bytes();
        while let [b, rest @ ..] = bytes {
            hash ^= *b as u64;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
            bytes = rest;
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        files = more;
    }
    hash
}

/// Parses the standard library's files as source ids `first`, `first + 1`, ... and
/// builds the library.
pub fn build(first: usize, diags: &mut Vec<Diagnostic>) -> Library {
    let mut programs = Vec::new();
    for (i, (_, text)) in FILES.iter().enumerate() {
        let id = SourceId(u32::try_from(first + i).unwrap_or(u32::MAX));
        if let Some(p) = crate::syntax::parse(id, text, diags) {
            programs.push(p);
        }
    }
    let mut decls = Vec::new();
    for p in &programs {
        for item in &p.items {
            match &item.kind {
                ItemKind::Component(d) => decls.push((Kind::Component, d, item)),
                ItemKind::Record(d) => decls.push((Kind::Record, d, item)),
                _ => {}
            }
        }
    }
    let names: Vec<String> = decls.iter().map(|(_, d, _)| d.name.name.clone()).collect();
    let mut lib = Library::default();
    for (kind, decl, item) in decls {
        let mut def = TypeDef {
            name: decl.name.name.clone(),
            kind,
            doc: item.doc.as_ref().map(|d| d.text.clone()),
            fields: Vec::new(),
            statics: Vec::new(),
            span: decl.name.span,
        };
        for m in &decl.members {
            match m {
                Member::Field(f) => def.fields.push(FieldDef {
                    name: f.name.name.as_str().into(),
                    ty: resolve(&f.ty, &names, diags),
                    default: f.default.clone(),
                    out: f.out,
                    constant: f.constant,
                    doc: f.doc.as_ref().map(|d| d.text.clone()),
                    span: f.span,
                }),
                Member::Static(s) => {
                    let sig = match &s.params {
                        StaticParams::Positional(ps) => StaticSig::Positional(
                            ps.iter()
                                .map(|(n, t)| (n.name.clone(), resolve(t, &names, diags)))
                                .collect(),
                        ),
                        StaticParams::Record(t) => match resolve(t, &names, diags) {
                            Ty::Named(n) => StaticSig::Record(n),
                            _ => StaticSig::Positional(Vec::new()),
                        },
                    };
                    def.statics.push(StaticDef {
                        name: s.name.name.clone(),
                        sig,
                        doc: s.doc.as_ref().map(|d| d.text.clone()),
                        span: s.span,
                    });
                }
            }
        }
        lib.types.insert(def.name.clone(), def);
    }
    lib
}

/// Resolves a type expression against the builtins and the declared `names`.
pub fn resolve(t: &TypeExpr, names: &[String], diags: &mut Vec<Diagnostic>) -> Ty {
    match &t.kind {
        TypeExprKind::Union(alts) => {
            Ty::Union(alts.iter().map(|a| resolve(a, names, diags)).collect())
        }
        TypeExprKind::Optional(inner) => Ty::Optional(Box::new(resolve(inner, names, diags))),
        TypeExprKind::List(inner) => Ty::List(Box::new(resolve(inner, names, diags))),
        TypeExprKind::Map(inner) => Ty::Map(Box::new(resolve(inner, names, diags))),
        TypeExprKind::Literal(s) => Ty::Lit(s.clone()),
        TypeExprKind::Named { name, range } => {
            let (lo, hi) = range.unwrap_or((None, None));
            let bounds = [lo, hi];
            let wrong_unit = |want: &str, ok: fn(&Bound) -> bool| {
                bounds
                    .iter()
                    .flatten()
                    .any(|b| !ok(b))
                    .then(|| want.to_string())
            };
            let problem = match name.name.as_str() {
                "Int" => wrong_unit("numbers (`1..65535`)", |b| matches!(b, Bound::Int(_))),
                "Duration" => wrong_unit("durations (`5s..300s`)", |b| {
                    matches!(b, Bound::Duration(_))
                }),
                "Memory" => wrong_unit("memory sizes (`6MiB..`)", |b| {
                    matches!(b, Bound::Memory(_) | Bound::Int(_))
                }),
                _ if range.is_some() => Some(
                    "no range: only `Int`, `Duration` and `Memory` take `in LO..HI`".to_string(),
                ),
                _ => None,
            };
            if let Some(want) = problem {
                diags.push(
                    Diagnostic::new(
                        Code::TypeMismatch,
                        t.span,
                        format!("the range of `{}` has the wrong kind of bounds", name.name),
                    )
                    .label("bounds do not fit the type")
                    .help(format!("`{}` takes {want}", name.name)),
                );
            }
            let int = |b: Option<Bound>| match b {
                Some(Bound::Int(n)) => Some(n),
                _ => None,
            };
            let ms = |b: Option<Bound>| match b {
                Some(Bound::Duration(n)) => Some(n),
                _ => None,
            };
            let mib = |b: Option<Bound>| match b {
                Some(Bound::Memory(n)) => Some(n),
                Some(Bound::Int(n)) => u64::try_from(n).ok(),
                _ => None,
            };
            match name.name.as_str() {
                "Int" => Ty::Int(int(lo), int(hi)),
                "String" => Ty::String,
                "Bool" => Ty::Bool,
                "Duration" => Ty::Duration(ms(lo), ms(hi)),
                "Memory" => Ty::Memory(mib(lo), mib(hi)),
                n if names.iter().any(|x| x == n) => Ty::Named(n.to_string()),
                n => {
                    let candidates = BUILTINS
                        .iter()
                        .copied()
                        .chain(names.iter().map(String::as_str));
                    let mut d = Diagnostic::new(
                        Code::UnknownType,
                        name.span,
                        format!("unknown type `{n}`"),
                    )
                    .label("not a type")
                    .suggest_closest(name.span, n, candidates.clone());
                    d = d.help(did_you_mean(n, candidates).unwrap_or_else(|| {
                        format!(
                            "the types are {} and the standard library's components and records",
                            BUILTINS.join(", ")
                        )
                    }));
                    diags.push(d);
                    Ty::String
                }
            }
        }
    }
}

/// The reference of the standard library in Markdown (`docs/reference.md`), written from
/// its declarations and doc comments: one source for the compiler and the docs.
pub fn reference() -> String {
    let mut sources = SourceMap::new();
    sources.add("<reference>", "");
    let mut diags = Vec::new();
    let lib = load(&mut sources, &mut diags);
    let text = |span: Span| -> String {
        sources
            .get(span.source)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
            .to_string()
    };
    let mut defs: Vec<&TypeDef> = lib.types.values().collect();
    defs.sort_by_key(|d| (d.span.source, d.span.start));
    let one_line = |doc: &Option<String>| doc.as_deref().unwrap_or("").replace('\n', " ");
    let mut out = String::from(
        "# Standard library reference\n\n\
         Every component and record of the standard library (`stdlib/*.ecsx`), with its fields,\n\
         their types, defaults and constraints, and its attributes. Written from the declarations\n\
         and their doc comments by `ecsxc::stdlib::reference()`; `tests/docs.rs` keeps this page\n\
         current (`ECSXC_UPDATE_DOCS=1 cargo test --test docs` rewrites it).\n\n\
         A field without a default whose type does not end in `?` is required. `const` fields must\n\
         be known at compile time (no parameters or attributes). Attributes are read as\n\
         `name.attribute` and lower to `Ref` / `Fn::GetAtt`.\n",
    );
    let mut file = None;
    for def in defs {
        if file != Some(def.span.source) {
            file = Some(def.span.source);
            let name = sources.get(def.span.source).map_or("", |f| f.name.as_str());
            out.push_str(&format!(
                "\n## `{}`\n",
                name.trim_start_matches("<stdlib>/")
            ));
        }
        let kind = match def.kind {
            Kind::Component => "component",
            Kind::Record => "record",
        };
        out.push_str(&format!("\n### {} `{}`\n\n", kind, def.name));
        if let Some(doc) = &def.doc {
            out.push_str(&format!("{}\n\n", doc.trim()));
        }
        let fields: Vec<&FieldDef> = def.fields.iter().filter(|f| !f.out).collect();
        if !fields.is_empty() {
            out.push_str("| field | type | default | |\n| --- | --- | --- | --- |\n");
            for f in fields {
                let default = f
                    .default
                    .as_ref()
                    .map(|d| format!("`{}`", text(d.span)))
                    .unwrap_or_else(|| {
                        if f.required() {
                            "required".into()
                        } else {
                            String::new()
                        }
                    });
                out.push_str(&format!(
                    "| `{}`{} | `{}` | {} | {} |\n",
                    f.name,
                    if f.constant { " (const)" } else { "" },
                    f.ty.to_string().replace('|', "\\|"),
                    default,
                    one_line(&f.doc).replace('|', "\\|")
                ));
            }
            out.push('\n');
        }
        for s in &def.statics {
            let sig = match &s.sig {
                StaticSig::Positional(ps) => format!(
                    "{}.{}({})",
                    def.name,
                    s.name,
                    ps.iter()
                        .map(|(n, t)| format!("{n}: {t}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                StaticSig::Record(r) => format!("{}.{} {r} {{ ... }}", def.name, s.name),
            };
            out.push_str(&format!("- `{sig}`: {}\n", one_line(&s.doc)));
        }
        let attrs: Vec<&FieldDef> = def.fields.iter().filter(|f| f.out).collect();
        if !def.statics.is_empty() && !attrs.is_empty() {
            out.push('\n');
        }
        for a in attrs {
            out.push_str(&format!(
                "- attribute `{}`: `{}` — {}\n",
                a.name,
                a.ty,
                one_line(&a.doc)
            ));
        }
    }
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

/// Writes a library as Rust source: `src/stdlib_data.rs`, which `load` uses instead of
/// parsing the standard library (see `tests/stdlib_data.rs`, which keeps it current).
#[doc(hidden)]
pub mod codegen {
    use super::{Kind, Library, StaticSig};
    use crate::check::types::Ty;
    use crate::source::Span;
    use crate::syntax::ast::{Expr, ExprKind, StrPart};
    use std::fmt::Write as _;

    fn span(s: Span) -> String {
        format!("sp({}, {}, {})", s.source.0, s.start, s.end)
    }

    fn opt_str(s: &Option<String>) -> String {
        match s {
            Some(s) => format!("Some({s:?}.into())"),
            None => "None".into(),
        }
    }

    fn ty(t: &Ty) -> String {
        let o = |v: &Option<i64>| v.map_or("None".into(), |n| format!("Some({n})"));
        let u = |v: &Option<u64>| v.map_or("None".into(), |n| format!("Some({n})"));
        match t {
            Ty::Int(lo, hi) => format!("Ty::Int({}, {})", o(lo), o(hi)),
            Ty::String => "Ty::String".into(),
            Ty::Bool => "Ty::Bool".into(),
            Ty::Duration(lo, hi) => format!("Ty::Duration({}, {})", u(lo), u(hi)),
            Ty::Memory(lo, hi) => format!("Ty::Memory({}, {})", u(lo), u(hi)),
            Ty::Lit(s) => format!("Ty::Lit({s:?}.into())"),
            Ty::List(t) => format!("Ty::List(Box::new({}))", ty(t)),
            Ty::Map(t) => format!("Ty::Map(Box::new({}))", ty(t)),
            Ty::Optional(t) => format!("Ty::Optional(Box::new({}))", ty(t)),
            Ty::Union(alts) => format!(
                "Ty::Union(vec![{}])",
                alts.iter().map(ty).collect::<Vec<_>>().join(", ")
            ),
            Ty::Named(n) => format!("Ty::Named({n:?}.into())"),
        }
    }

    fn expr(e: &Expr) -> Result<String, String> {
        let kind = match &e.kind {
            ExprKind::Int(n) => format!("ExprKind::Int({n})"),
            ExprKind::Bool(b) => format!("ExprKind::Bool({b})"),
            ExprKind::Duration(n) => format!("ExprKind::Duration({n})"),
            ExprKind::Memory(n) => format!("ExprKind::Memory({n})"),
            ExprKind::Str(parts) => {
                let parts = parts
                    .iter()
                    .map(|p| match p {
                        StrPart::Text(t) => Ok(format!("StrPart::Text({t:?}.into())")),
                        StrPart::Interp(_) => Err("an interpolated default".to_string()),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                format!("ExprKind::Str(vec![{}])", parts.join(", "))
            }
            ExprKind::List(items) => format!(
                "ExprKind::List(vec![{}])",
                items
                    .iter()
                    .map(expr)
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", ")
            ),
            ExprKind::Record(fields) if fields.is_empty() => "ExprKind::Record(Vec::new())".into(),
            other => return Err(format!("a default the generator does not write: {other:?}")),
        };
        Ok(format!("Expr {{ kind: {kind}, span: {} }}", span(e.span)))
    }

    /// The Rust source of `src/stdlib_data.rs` for `lib` (built with the usual layout),
    /// recording `hash` (`super::stdlib_hash()`).
    pub fn rust_source(lib: &Library, hash: u64) -> Result<String, String> {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "//! The standard library as `stdlib::build` makes it from `stdlib/*.ecsx`, written by\n\
             //! `stdlib::codegen` (do not edit: `ECSXC_UPDATE_STDLIB=1 cargo test --test stdlib_data`\n\
             //! rewrites it). Used only while `STDLIB_HASH` matches the files.\n\n\
             #![allow(clippy::all)]\n\n\
             use super::{{FieldDef, Kind, Library, StaticDef, StaticSig, TypeDef}};\n\
             use crate::check::types::Ty;\n\
             use crate::source::{{SourceId, Span}};\n\
             use crate::syntax::ast::{{Expr, ExprKind, StrPart}};\n\n\
             /// `stdlib_hash()` of the files this was written from.\n\
             pub const STDLIB_HASH: u64 = {hash:#x};\n\n\
             fn sp(source: u32, start: usize, end: usize) -> Span {{\n    Span::new(SourceId(source), start, end)\n}}\n\n\
             /// The library.\n\
             pub fn library() -> Library {{\n    let mut lib = Library::default();"
        );
        for def in lib.types.values() {
            let kind = match def.kind {
                Kind::Component => "Kind::Component",
                Kind::Record => "Kind::Record",
            };
            let mut fields = Vec::new();
            for f in &def.fields {
                let default = match &f.default {
                    Some(d) => format!(
                        "Some({})",
                        expr(d).map_err(|e| format!("{}.{}: {e}", def.name, f.name))?
                    ),
                    None => "None".into(),
                };
                fields.push(format!(
                    "FieldDef {{ name: {:?}.into(), ty: {}, default: {default}, out: {}, constant: {}, doc: {}, span: {} }}",
                    f.name,
                    ty(&f.ty),
                    f.out,
                    f.constant,
                    opt_str(&f.doc),
                    span(f.span)
                ));
            }
            let mut statics = Vec::new();
            for st in &def.statics {
                let sig = match &st.sig {
                    StaticSig::Positional(ps) => format!(
                        "StaticSig::Positional(vec![{}])",
                        ps.iter()
                            .map(|(n, t)| format!("({n:?}.into(), {})", ty(t)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    StaticSig::Record(r) => format!("StaticSig::Record({r:?}.into())"),
                };
                statics.push(format!(
                    "StaticDef {{ name: {:?}.into(), sig: {sig}, doc: {}, span: {} }}",
                    st.name,
                    opt_str(&st.doc),
                    span(st.span)
                ));
            }
            let _ = writeln!(
                out,
                "    lib.types.insert({name:?}.into(), TypeDef {{\n        name: {name:?}.into(),\n        kind: {kind},\n        doc: {doc},\n        fields: vec![\n            {fields}\n        ],\n        statics: vec![{statics}],\n        span: {span},\n    }});",
                name = def.name,
                doc = opt_str(&def.doc),
                fields = fields.join(",\n            "),
                statics = statics.join(", "),
                span = span(def.span),
            );
        }
        out.push_str("    lib\n}\n");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The precompiled library is the parsed one, field for field (when it is current;
    /// `tests/stdlib_data.rs` keeps it so).
    #[test]
    fn precompiled_library_equals_the_parsed_one() {
        assert_eq!(precompiled::STDLIB_HASH, stdlib_hash());
        let mut diags = Vec::new();
        let parsed = build(1, &mut diags);
        assert!(diags.is_empty());
        assert_eq!(
            format!("{:#?}", precompiled::library()),
            format!("{parsed:#?}")
        );
    }
}
