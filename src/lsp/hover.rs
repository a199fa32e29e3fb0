//! Hover: the standard library's docs for components, records, fields and
//! constructors; the type and the expansion of a binding.

use super::context::{DeclKind, FileContext, Frame, Role};
use super::documents::Document;
use super::stdlib_docs::StdlibDocs;
use crate::check::types::Ty;
use crate::stdlib::{FieldDef, Kind, StaticDef, StaticSig, TypeDef};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use std::fmt::Write;

/// The hover at `pos` of `doc`, if there is something to say.
pub fn hover(doc: &Document, stdlib: &StdlibDocs, pos: Position) -> Option<Hover> {
    let cx = FileContext::new(&doc.text, doc.tokens(), &stdlib.lib);
    let i = cx.token_at(doc.offset(pos))?;
    let token = *cx.tokens.get(i)?;
    let aws = aws_type_doc(&cx, i).or_else(|| aws_key_doc(&cx, i));
    let text = match aws {
        Some(text) => text,
        None => stdlib_doc(doc, &cx, i)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(doc.range(token.start, token.end)),
    })
}

/// The hover text of token `i` from the standard library or the document's bindings.
fn stdlib_doc(doc: &Document, cx: &FileContext<'_>, i: usize) -> Option<String> {
    Some(match cx.role(i)? {
        Role::Type(name) => type_doc(cx.lib.get(&name)?),
        Role::Constructor(ty, name) => {
            let def = cx.lib.get(&ty)?;
            let s = def.constructor(&name)?;
            constructor_doc(def, s)
        }
        Role::Field(ty, name) => {
            let def = cx.lib.get(&ty)?;
            field_doc(def, def.field(&name)?)
        }
        Role::Declared(d) | Role::Reference(d) => binding_doc(doc, cx, d),
        Role::Key => return None,
    })
}

/// A key inside `aws.s3.Bucket { ... }` (nested too) or inside `overrides`: the
/// property's description, type and constraints from the registry schema.
fn aws_key_doc(cx: &FileContext<'_>, i: usize) -> Option<String> {
    let token = cx.tokens.get(i)?;
    if !cx.tokens.get(i + 1).is_some_and(|n| n.is(b':')) {
        return None;
    }
    let frames = cx.frames(i);
    let Some(Frame::Brace {
        ty: Some(Ty::Named(path)),
        ..
    }) = frames.last()
    else {
        return None;
    };
    if !path.contains('.') {
        return None;
    }
    let key = token.text(cx.text).trim_matches('"');
    super::aws_schema::key_doc(path, key)
}

/// A CloudFormation resource type written `aws.s3.Bucket` (the hover is on any of
/// its three names): its description, required properties and attributes, from the
/// registry schema.
fn aws_type_doc(cx: &FileContext<'_>, i: usize) -> Option<String> {
    use super::tokens::Kind as T;
    // The name tokens `provider . service . Type` around token `i`.
    let start = (i.saturating_sub(4)..=i).find(|s| {
        let t = |k: usize| cx.tokens.get(s + k);
        t(0).is_some_and(|x| x.kind == T::Ident && matches!(x.text(cx.text), "aws" | "alexa"))
            && t(1).is_some_and(|x| x.is(b'.'))
            && t(2).is_some_and(|x| x.kind == T::Ident)
            && t(3).is_some_and(|x| x.is(b'.'))
            && t(4).is_some_and(|x| x.kind == T::Type)
            && s + 4 >= i
    })?;
    let written: String = (start..=start + 4)
        .filter_map(|k| cx.tokens.get(k).map(|t| t.text(cx.text)))
        .collect();
    let entry = crate::cfn::lookup(&written)?;
    let schema = crate::cfn::schema(entry)?;
    let mut s = format!(
        "```ecsx
{written}
```

`{}`",
        entry.name
    );
    if let Some(d) = schema.description(&schema.top).filter(|d| !d.is_empty()) {
        let _ = write!(s, ": {d}");
    }
    s.push('\n');
    let required: Vec<String> = schema
        .top
        .q
        .iter()
        .map(|q| format!("`{}`", crate::cfn::camel(q)))
        .collect();
    if !required.is_empty() {
        let _ = write!(s, "\nRequired properties: {}\n", required.join(", "));
    }
    let attrs: Vec<String> = schema
        .ro
        .iter()
        .map(|r| {
            let path: Vec<String> = r.split('.').map(crate::cfn::camel).collect();
            format!("`.{}`", path.join("."))
        })
        .collect();
    let _ = write!(
        s,
        "\nAttributes: {}`.ref` (`Ref`)\n",
        attrs.iter().map(|a| format!("{a}, ")).collect::<String>()
    );
    Some(s)
}

/// A component or record: its declaration line, doc, required fields, constructors
/// and attributes.
pub fn type_doc(def: &TypeDef) -> String {
    let kind = match def.kind {
        Kind::Component => "component",
        Kind::Record => "record",
    };
    let mut s = format!("```ecsx\n{kind} {}\n```\n", def.name);
    if let Some(doc) = &def.doc {
        let _ = write!(s, "\n{doc}\n");
    }
    let required: Vec<String> = def
        .fields
        .iter()
        .filter(|f| f.required())
        .map(|f| format!("`{}`", f.name))
        .collect();
    if !required.is_empty() {
        let _ = write!(s, "\nRequired fields: {}\n", required.join(", "));
    }
    let attrs: Vec<String> = def
        .fields
        .iter()
        .filter(|f| f.out)
        .map(|f| format!("`{}`", f.name))
        .collect();
    if !attrs.is_empty() {
        let _ = write!(s, "\nAttributes: {}\n", attrs.join(", "));
    }
    if !def.statics.is_empty() {
        let ctors: Vec<String> = def
            .statics
            .iter()
            .map(|c| format!("`{}`", signature(def, c)))
            .collect();
        let _ = write!(s, "\nConstructors: {}\n", ctors.join(", "));
    }
    s
}

/// How a static constructor is called: `Cluster.existing(nameOrArn: String)`.
pub fn signature(def: &TypeDef, s: &StaticDef) -> String {
    match &s.sig {
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
    }
}

/// A static constructor: its signature and doc.
pub fn constructor_doc(def: &TypeDef, s: &StaticDef) -> String {
    let mut out = format!("```ecsx\n{}\n```\n", signature(def, s));
    if let Some(doc) = &s.doc {
        let _ = write!(out, "\n{doc}\n");
    }
    out
}

/// A field or attribute: its declaration, doc, type, default and constraint.
pub fn field_doc(def: &TypeDef, f: &FieldDef) -> String {
    let mut s = format!("```ecsx\n{}\n```\n", declaration(def, f));
    if let Some(doc) = &f.doc {
        let _ = write!(s, "\n{doc}\n");
    }
    s.push('\n');
    let _ = writeln!(s, "- type: `{}`", f.ty);
    if f.out {
        s.push_str("- attribute: read it as `name.");
        s.push_str(&f.name);
        s.push_str("`; it cannot be set\n");
    } else if let Some(d) = &f.default {
        let _ = writeln!(s, "- default: `{}`", StdlibDocs::text(d.span));
    } else if f.required() {
        s.push_str("- required\n");
    } else {
        s.push_str("- optional\n");
    }
    if let Some(c) = constraint(&f.ty) {
        let _ = writeln!(s, "- constraint: {c}");
    }
    if f.constant {
        s.push_str("- `const`: known at compile time (no parameters or attributes)\n");
    }
    s
}

/// `Type.field: T = default` with its `out` and `const` markers.
pub fn declaration(def: &TypeDef, f: &FieldDef) -> String {
    let mut s = String::new();
    if f.out {
        s.push_str("out ");
    }
    if f.constant {
        s.push_str("const ");
    }
    let _ = write!(s, "{}.{}: {}", def.name, f.name, f.ty);
    if let Some(d) = &f.default {
        let _ = write!(s, " = {}", StdlibDocs::text(d.span));
    }
    s
}

/// The constraint a type puts on values, in words: a range, or the allowed literals.
pub fn constraint(ty: &Ty) -> Option<String> {
    if let Some(lits) = ty.literals() {
        let list: Vec<String> = lits.iter().map(|l| format!("`\"{l}\"`")).collect();
        return Some(format!("one of {}", list.join(", ")));
    }
    let shown = ty.required().to_string();
    let (_, range) = shown.split_once(" in ")?;
    let (lo, hi) = range.split_once("..")?;
    Some(match (lo.is_empty(), hi.is_empty()) {
        (false, false) => format!("from `{lo}` to `{hi}`"),
        (false, true) => format!("at least `{lo}`"),
        (true, false) => format!("at most `{hi}`"),
        (true, true) => return None,
    })
}

/// A binding: its declaration with its type, its doc, and what it expands to in the
/// template (when the program compiles).
fn binding_doc(doc: &Document, cx: &FileContext<'_>, d: usize) -> String {
    let Some(decl) = cx.decls.get(d) else {
        return String::new();
    };
    let name = decl.name.map_or("", |n| n.text(cx.text));
    let ty = cx.binding_type(d);
    let written = || {
        let first = cx.tokens.get(decl.keyword)?;
        let last = cx.tokens.get(decl.end.checked_sub(1)?)?;
        let text = cx.text.get(first.start..last.end)?;
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let mut s = match (&ty, decl.kind) {
        // A parameter as written, with its default.
        (Some(_), DeclKind::Param) if written().is_some() => {
            format!("```ecsx\n{}\n```\n", written().unwrap_or_default())
        }
        (Some(t), DeclKind::Param) => format!("```ecsx\nparam {name}: {}\n```\n", t.shown),
        (Some(t), k) => format!("```ecsx\n{} {name}: {}\n```\n", k.keyword(), t.shown),
        (None, k) => format!("```ecsx\n{} {name}\n```\n", k.keyword()),
    };
    if let Some(text) = cx.doc(decl) {
        let _ = write!(s, "\n{text}\n");
    }
    if let Some(def) = ty
        .as_ref()
        .and_then(|t| t.ty.as_ref())
        .and_then(|t| cx.named(t))
    {
        if let Some(first) = def.doc.as_deref().and_then(|d| d.split("\n\n").next()) {
            let _ = write!(s, "\n`{}`: {}\n", def.name, first.replace('\n', " "));
        }
    }
    // The declaration's bytes: resources whose code overlaps them are its expansion
    // (a parameter's span is its whole item, doc comments included).
    let start = cx.tokens.get(decl.keyword).map_or(0, |t| t.start);
    let end = decl
        .end
        .checked_sub(1)
        .and_then(|i| cx.tokens.get(i))
        .map_or(start, |t| t.end);
    let inside = |span: crate::source::Span| {
        span.source.0 == 0 && (span.start as usize) < end && (span.end as usize) > start
    };
    let Some(template) = &doc.template else {
        s.push_str("\nExpands to: not known while the program has errors.\n");
        return s;
    };
    let mut lines = Vec::new();
    for (id, r) in &template.resources {
        if inside(r.span) {
            lines.push(format!("- `{id}`: `{}`", r.cfn_type));
        }
    }
    for (id, p) in &template.parameters {
        if inside(p.span) {
            lines.push(format!("- `{id}`: template parameter (`{}`)", p.cfn_type));
        }
    }
    for o in &template.outputs {
        if inside(o.span) {
            lines.push(format!("- `{}`: stack output", o.name));
        }
    }
    if lines.is_empty() {
        s.push_str("\nExpands to no resource of its own.\n");
    } else {
        let _ = write!(s, "\nExpands to:\n{}\n", lines.join("\n"));
    }
    s
}
