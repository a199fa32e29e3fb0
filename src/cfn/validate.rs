//! Checks a resource's values against its registry schema: property names (camelCase
//! in the language, mapped back to CloudFormation's), required properties, types,
//! enums, patterns, lengths, ranges, list sizes, closed objects and definitions.
//! The result is the same values with CloudFormation's property names, ready to emit.
//!
//! Patterns are compiled with the `regex` crate; a pattern it cannot compile (look-
//! arounds, back-references) is not checked. `oneOf`/`anyOf` alternatives: a scalar
//! must match one; an object may use the properties of any (their own `required`
//! lists are not checked). `uniqueItems` compares the items known at compile time;
//! `minProperties`/`maxProperties` count a record's entries; `format` is not checked.

use super::{camel, camel_eq, Shape, TypeSchema};
use crate::check::types::Ty;
use crate::check::{Component, Entry, Val, Value};
use crate::diagnostics::{code_list, did_you_mean, Code, Diagnostic};
use crate::source::Span;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The checker of one resource's values.
pub struct Validator<'s, 'd> {
    /// The resource type's schema.
    pub schema: &'s TypeSchema,
    /// Where problems go.
    pub diags: &'d mut Vec<Diagnostic>,
    /// The program's components (a component given where a string belongs lowers to
    /// `Ref` when it is a CloudFormation resource).
    pub components: &'s [Component],
    /// The type as written (`aws.s3.Bucket`), for messages.
    pub type_name: &'s str,
}

/// The JSON types a shape accepts (empty: anything).
fn types_of(shape: &Shape) -> Vec<&str> {
    if let Some(t) = &shape.t {
        return t.names();
    }
    if shape.p.is_some() || shape.m.is_some() {
        return vec!["object"];
    }
    if shape.i.is_some() {
        return vec!["array"];
    }
    match shape.e.as_ref().and_then(|e| e.first()) {
        Some(serde_json::Value::String(_)) => vec!["string"],
        Some(serde_json::Value::Number(_)) => vec!["number"],
        Some(serde_json::Value::Bool(_)) => vec!["boolean"],
        _ => Vec::new(),
    }
}

fn show_types(types: &[&str]) -> String {
    types
        .iter()
        .map(|t| match *t {
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "a boolean",
            "array" => "a list",
            "object" => "a record",
            _ => "a value",
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `help`, then the schema's description of `shape` (inflated only now: messages are
/// rare).
fn with_description(schema: &TypeSchema, help: String, shape: &Shape) -> String {
    match schema.description(shape) {
        Some(d) if !d.is_empty() && (help.ends_with('?') || help.ends_with('.')) => {
            format!("{help} {d}")
        }
        Some(d) if !d.is_empty() => format!("{help}. {d}"),
        _ => help,
    }
}

/// The language type of an attribute whose schema is `shape`.
pub fn attribute_ty(shape: &Shape) -> Ty {
    match types_of(shape).first().copied() {
        Some("integer" | "number") => Ty::Int(None, None),
        Some("boolean") => Ty::Bool,
        Some("array") => Ty::List(Box::new(Ty::String)),
        Some("object") => Ty::Named("@aws".to_string()),
        _ => Ty::String,
    }
}

/// `pattern` compiled by `build` once per process (`None` when it cannot be, kept too).
fn cached<R: Clone>(
    cache: &'static OnceLock<Mutex<HashMap<String, Option<R>>>>,
    pattern: &str,
    build: impl FnOnce() -> Option<R>,
) -> Option<R> {
    let mut c = cache
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .ok()?;
    c.entry(pattern.to_string()).or_insert_with(build).clone()
}

/// `pattern` compiled, or `None` when the `regex` crate cannot compile it (kept).
fn regex(pattern: &str) -> Option<regex::Regex> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<regex::Regex>>>> = OnceLock::new();
    cached(&CACHE, pattern, || {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .ok()
    })
}

/// `pattern` compiled without Unicode, over bytes (`None` when it needs Unicode, such
/// as a class of non-ASCII letters). On ASCII text it matches exactly what the
/// Unicode form matches (`\w`, `\d`, `\s`, `.` and case folding agree on ASCII
/// characters), and it compiles several times faster (`\w` is 4 ranges, not 700).
fn ascii_regex(pattern: &str) -> Option<regex::bytes::Regex> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<regex::bytes::Regex>>>> = OnceLock::new();
    cached(&CACHE, pattern, || {
        regex::bytes::RegexBuilder::new(pattern)
            .unicode(false)
            .size_limit(1 << 20)
            .build()
            .ok()
    })
}

/// True when `s` matches `pattern` (or the pattern cannot be compiled).
pub fn matches_pattern(pattern: &str, s: &str) -> bool {
    if s.is_ascii() {
        if let Some(r) = ascii_regex(pattern) {
            return r.is_match(s.as_bytes());
        }
    }
    regex(pattern).is_none_or(|r| r.is_match(s))
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn describe(v: &Val) -> String {
    match &v.value {
        Value::Int(n) => format!("the number `{n}`"),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Str(s) => format!("the string {s:?}"),
        Value::Duration(_) => "a duration".to_string(),
        Value::Memory(_) => "a memory size".to_string(),
        Value::Interp(_) => "a string".to_string(),
        Value::List(_) => "a list".to_string(),
        Value::Map(_) | Value::Record { .. } => "a record".to_string(),
        Value::Component(_) => "a component".to_string(),
        Value::Attr { path, ty, .. } => format!("the attribute `{}` ({ty})", path.join(".")),
        Value::Param { name, ty } => format!("the parameter `{name}` ({ty})"),
    }
}

impl Validator<'_, '_> {
    fn is_resource(&self, id: usize) -> bool {
        self.components.get(id).is_some_and(|c| c.ty.contains("::"))
    }

    /// Whether `count` (how many `unit`s the value of `field` at its span has) is within
    /// `bounds` (`minItems`/`maxItems` or `minProperties`/`maxProperties` of `shape`);
    /// otherwise reports it as `code`.
    fn count_within(
        &mut self,
        code: Code,
        bounds: Option<[Option<f64>; 2]>,
        (found, unit, span): (usize, &str, Span),
        field: &str,
        shape: &Shape,
    ) -> bool {
        let Some([lo, hi]) = bounds else {
            return true;
        };
        let len = found as f64;
        if !(lo.is_some_and(|lo| len < lo) || hi.is_some_and(|hi| len > hi)) {
            return true;
        }
        let bounds = bounds_text(lo, hi);
        self.diags.push(
            Diagnostic::new(
                code,
                span,
                format!(
                    "`{field}` takes {bounds} {}, found {found}",
                    plural(hi.or(lo), unit)
                ),
            )
            .label(format!("{found} {}", plural(Some(len), unit)))
            .help(with_description(
                self.schema,
                format!("give {bounds} {}", plural(hi.or(lo), unit)),
                shape,
            )),
        );
        false
    }

    /// Checks the properties of a resource (`entries` of its construction at `span`);
    /// returns them keyed by CloudFormation name, and whether all were right.
    pub fn resource(&mut self, entries: Vec<Entry>, span: Span) -> (Vec<Entry>, bool) {
        // `span` is the type's name: where a missing property is reported.
        let before = self.errors();
        let top = &self.schema.top;
        // A read-only property set: an attribute, not an input.
        let mut kept = Vec::new();
        for e in entries {
            let ro = top.p.as_ref().and_then(|p| {
                p.keys()
                    .find(|n| (camel_eq(n, &e.key) || **n == e.key) && self.schema.is_read_only(n))
            });
            if let Some(name) = ro {
                self.diags.push(
                    Diagnostic::new(
                        Code::AwsReadOnly,
                        e.key_span,
                        format!(
                            "`{}` is read-only: an attribute of `{}`, set by AWS",
                            e.key, self.type_name
                        ),
                    )
                    .label("read-only")
                    .help(format!(
                        "remove it; read it with `.{}` (`Fn::GetAtt {name}`)",
                        camel(name)
                    )),
                );
                continue;
            }
            kept.push(e);
        }
        let out = self.object(kept, top, span, "");
        (out, self.errors() == before)
    }

    fn errors(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.code.severity() == crate::diagnostics::Severity::Error)
            .count()
    }

    /// Checks `v` against `shape`; returns it with CloudFormation's names.
    pub fn value(&mut self, v: Val, shape: &Shape, field: &str) -> Option<Val> {
        let shape = self.schema.resolve(shape);
        let types = types_of(shape);
        if types.is_empty() && !shape.o.is_empty() {
            return self.alternatives(v, shape, field);
        }
        // Values known only at deploy time: their type, not their text.
        match &v.value {
            Value::Param { ty, .. } | Value::Attr { ty, .. } => {
                let fits = types.is_empty()
                    || match ty.required() {
                        Ty::Int(..) => types
                            .iter()
                            .any(|t| matches!(*t, "integer" | "number" | "string")),
                        Ty::Bool => types.iter().any(|t| matches!(*t, "boolean" | "string")),
                        Ty::List(_) => types.contains(&"array"),
                        Ty::Named(_) => types.contains(&"object"),
                        _ => types
                            .iter()
                            .any(|t| matches!(*t, "string" | "integer" | "number" | "boolean")),
                    };
                if fits {
                    return Some(v);
                }
                self.mismatch(&v, &types, shape, field);
                return None;
            }
            Value::Interp(_) => {
                if types.is_empty() || types.contains(&"string") {
                    return Some(v);
                }
                self.mismatch(&v, &types, shape, field);
                return None;
            }
            Value::Component(id) => {
                if self.is_resource(*id) && (types.is_empty() || types.contains(&"string")) {
                    return Some(v);
                }
                self.mismatch(&v, &types, shape, field);
                return None;
            }
            _ => {}
        }
        if types.is_empty() {
            return Some(self.free(v));
        }
        let kind = match &v.value {
            Value::Str(s) => ["string", "integer", "number", "boolean"]
                .into_iter()
                .find(|t| {
                    types.contains(t)
                        && match *t {
                            "string" => true,
                            "integer" => s.parse::<i64>().is_ok(),
                            "number" => s.parse::<f64>().is_ok(),
                            _ => s == "true" || s == "false",
                        }
                }),
            Value::Int(_) => ["integer", "number", "string"]
                .into_iter()
                .find(|t| types.contains(t)),
            Value::Bool(_) => ["boolean", "string"]
                .into_iter()
                .find(|t| types.contains(t)),
            Value::List(_) => types.contains(&"array").then_some("array"),
            Value::Map(_) | Value::Record { .. } => types.contains(&"object").then_some("object"),
            _ => None,
        };
        let Some(kind) = kind else {
            self.mismatch(&v, &types, shape, field);
            return None;
        };
        match kind {
            "string" => {
                let text = match &v.value {
                    Value::Str(s) => s.clone(),
                    Value::Int(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => String::new(),
                };
                self.string(&text, &v, shape, field)?;
                Some(Val {
                    value: Value::Str(text),
                    span: v.span,
                })
            }
            "integer" | "number" => {
                let n = match &v.value {
                    Value::Int(n) => *n as f64,
                    Value::Str(s) => s.parse::<f64>().unwrap_or(0.0),
                    _ => 0.0,
                };
                self.number(n, &v, shape, field)?;
                Some(v)
            }
            "boolean" => Some(v),
            "array" => {
                let Value::List(items) = v.value else {
                    return None;
                };
                let count = (items.len(), "item", v.span);
                if !self.count_within(Code::AwsArraySize, shape.n, count, field, shape) {
                    return None;
                }
                if shape.u {
                    if let Some((first, again)) = repeated(&items) {
                        self.diags.push(
                            Diagnostic::new(
                                Code::AwsDuplicateItem,
                                again,
                                format!("`{field}` takes each item once, and this one is repeated"),
                            )
                            .label("repeated")
                            .with_label(first, "first here")
                            .help(with_description(
                                self.schema,
                                "remove the repeated item".to_string(),
                                shape,
                            )),
                        );
                        return None;
                    }
                }
                let item_shape = shape.i.as_deref().cloned().unwrap_or_default();
                let mut out = Vec::new();
                let mut ok = true;
                for (k, item) in items.into_iter().enumerate() {
                    match self.value(item, &item_shape, &format!("{field}[{k}]")) {
                        Some(x) => out.push(x),
                        None => ok = false,
                    }
                }
                ok.then_some(Val {
                    value: Value::List(out),
                    span: v.span,
                })
            }
            _ => {
                let entries = match v.value {
                    Value::Map(entries) => entries,
                    Value::Record { fields, .. } => fields
                        .into_iter()
                        .map(|(key, value)| Entry {
                            key: key.to_string(),
                            key_span: value.span,
                            value,
                        })
                        .collect(),
                    _ => return None,
                };
                let count = (entries.len(), "entry", v.span);
                if !self.count_within(Code::AwsPropertyCount, shape.k, count, field, shape) {
                    return None;
                }
                let before = self.errors();
                let out = self.object(entries, shape, v.span, field);
                (self.errors() == before).then_some(Val {
                    value: Value::Map(out),
                    span: v.span,
                })
            }
        }
    }

    fn alternatives(&mut self, v: Val, shape: &Shape, field: &str) -> Option<Val> {
        for alt in &shape.o {
            let mut scratch = Vec::new();
            let mut trial = Validator {
                schema: self.schema,
                diags: &mut scratch,
                components: self.components,
                type_name: self.type_name,
            };
            let out = trial.value(v.clone(), alt, field);
            if !scratch
                .iter()
                .any(|d| d.code.severity() == crate::diagnostics::Severity::Error)
            {
                self.diags.extend(scratch);
                return out;
            }
        }
        let first = shape.o.first().cloned().unwrap_or_default();
        self.value(v, &first, field)
    }

    fn mismatch(&mut self, v: &Val, types: &[&str], shape: &Shape, field: &str) {
        let expected = show_types(types);
        let mut help = format!("`{field}` takes {expected}");
        if let Value::Component(id) = &v.value {
            if !self.is_resource(*id) {
                help =
                    format!("{help}: give an attribute of the component, such as its ARN or name");
            }
        }
        self.diags.push(
            Diagnostic::new(
                Code::AwsTypeMismatch,
                v.span,
                format!("expected {expected}, found {}", describe(v)),
            )
            .label(format!("expected {expected}"))
            .help(with_description(self.schema, help, shape)),
        );
    }

    fn string(&mut self, s: &str, v: &Val, shape: &Shape, field: &str) -> Option<()> {
        if let Some(allowed) = &shape.e {
            let texts: Vec<String> = allowed.iter().map(json_text).collect();
            if !texts.iter().any(|t| t == s) {
                self.not_allowed(s, v, &texts, shape, field);
                return None;
            }
        }
        if let Some([lo, hi]) = shape.l {
            let len = s.chars().count() as f64;
            if lo.is_some_and(|lo| len < lo) || hi.is_some_and(|hi| len > hi) {
                let bounds = bounds_text(lo, hi);
                self.diags.push(
                    Diagnostic::new(
                        Code::AwsLength,
                        v.span,
                        format!(
                            "`{field}` takes {bounds} {}, found {}",
                            plural(hi.or(lo), "character"),
                            s.chars().count(),
                        ),
                    )
                    .label(format!(
                        "{} {}",
                        s.chars().count(),
                        plural(Some(s.chars().count() as f64), "character")
                    ))
                    .help(with_description(
                        self.schema,
                        format!("write {bounds} {}", plural(hi.or(lo), "character")),
                        shape,
                    )),
                );
                return None;
            }
        }
        if let Some(p) = &shape.pt {
            if !matches_pattern(p, s) {
                self.diags.push(
                    Diagnostic::new(
                        Code::AwsPattern,
                        v.span,
                        format!("{s:?} does not match the pattern of `{field}`"),
                    )
                    .label(format!("must match `{p}`"))
                    .help(with_description(
                        self.schema,
                        format!("write a value matching `{p}`"),
                        shape,
                    )),
                );
                return None;
            }
        }
        Some(())
    }

    fn not_allowed(&mut self, s: &str, v: &Val, texts: &[String], shape: &Shape, field: &str) {
        let list = code_list(texts.iter().take(12).map(String::as_str));
        let more = if texts.len() > 12 { ", ..." } else { "" };
        // "did you mean" names exactly what the quick fix writes.
        let closest = crate::diagnostics::closest(s, texts.iter().map(String::as_str));
        let help = match closest {
            Some(c) => format!("did you mean `{c:?}`?"),
            None => with_description(self.schema, format!("`{field}` takes {list}{more}"), shape),
        };
        let mut d = Diagnostic::new(
            Code::AwsNotAllowed,
            v.span,
            format!("{s:?} is not a value `{field}` takes"),
        )
        .label("not allowed")
        .help(help);
        if let Some(c) = closest {
            d = d.suggest(v.span, format!("{c:?}"));
        }
        self.diags.push(d);
    }

    fn number(&mut self, n: f64, v: &Val, shape: &Shape, field: &str) -> Option<()> {
        if let Some(allowed) = &shape.e {
            let texts: Vec<String> = allowed.iter().map(json_text).collect();
            let shown = if n.fract() == 0.0 {
                format!("{}", n as i64)
            } else {
                n.to_string()
            };
            if !texts.contains(&shown) {
                self.not_allowed(&shown, v, &texts, shape, field);
                return None;
            }
        }
        if let Some([lo, hi]) = shape.v {
            if lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi) {
                let bounds = range_text(lo, hi);
                self.diags.push(
                    Diagnostic::new(
                        Code::AwsRange,
                        v.span,
                        format!("`{field}` is out of range {bounds}"),
                    )
                    .label(format!("not in {bounds}"))
                    .help(with_description(
                        self.schema,
                        format!("write a number in {bounds}"),
                        shape,
                    )),
                );
                return None;
            }
        }
        Some(())
    }

    /// A record against an object schema: names mapped, unknown ones reported when
    /// the object is closed, required ones checked.
    fn object(
        &mut self,
        entries: Vec<Entry>,
        shape: &Shape,
        span: Span,
        field: &str,
    ) -> Vec<Entry> {
        let mut props: Vec<(&String, &Shape)> = Vec::new();
        if let Some(p) = &shape.p {
            props.extend(p.iter());
        }
        let mut closed = shape.x.is_some();
        for alt in &shape.o {
            let alt = self.schema.resolve(alt);
            if let Some(p) = &alt.p {
                props.extend(p.iter());
            }
            closed &= alt.x.is_some() || alt.p.is_none();
        }
        let mut out = Vec::new();
        let mut given: Vec<&str> = Vec::new();
        for e in entries {
            let found = props
                .iter()
                .find(|(n, _)| camel_eq(n, &e.key))
                .or_else(|| props.iter().find(|(n, _)| **n == e.key));
            let path = if field.is_empty() {
                e.key.clone()
            } else {
                format!("{field}.{}", e.key)
            };
            match found {
                Some((name, sub)) => {
                    given.push(name.as_str());
                    if let Some(value) = self.value(e.value, sub, &path) {
                        out.push(Entry {
                            key: (*name).clone(),
                            key_span: e.key_span,
                            value,
                        });
                    }
                }
                None if shape.m.is_some() => {
                    let m = shape.m.as_deref().cloned().unwrap_or_default();
                    if let Some(value) = self.value(e.value, &m, &path) {
                        out.push(Entry { value, ..e });
                    }
                }
                None if closed || (!props.is_empty() && shape.x.is_some()) => {
                    let names: Vec<String> = props.iter().map(|(n, _)| camel(n)).collect();
                    let help = did_you_mean(&e.key, names.iter().map(String::as_str))
                        .unwrap_or_else(|| {
                            format!("it takes {}", code_list(names.iter().map(String::as_str)))
                        });
                    let on = if field.is_empty() {
                        format!("`{}`", self.type_name)
                    } else {
                        format!("`{field}` of `{}`", self.type_name)
                    };
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnknownAwsProperty,
                            e.key_span,
                            format!("{on} has no property `{}`", e.key),
                        )
                        .label("unknown property")
                        .help(help)
                        .suggest_closest(
                            e.key_span,
                            &e.key,
                            names.iter().map(String::as_str),
                        ),
                    );
                }
                None => {
                    let value = self.free(e.value);
                    out.push(Entry { value, ..e });
                }
            }
        }
        for q in &shape.q {
            if given.contains(&q.as_str()) || (field.is_empty() && self.schema.is_read_only(q)) {
                continue;
            }
            let sub = shape
                .p
                .as_ref()
                .and_then(|p| p.get(q))
                .cloned()
                .unwrap_or_default();
            let sub = self.schema.resolve(&sub);
            let on = if field.is_empty() {
                format!("`{}`", self.type_name)
            } else {
                format!("`{field}`")
            };
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAwsProperty,
                    span,
                    format!("{on} needs `{}`", camel(q)),
                )
                .label(format!("`{}` missing", camel(q)))
                .help(with_description(
                    self.schema,
                    match show_types(&types_of(sub)).as_str() {
                        "" => format!("add `{}: ...`", camel(q)),
                        t => format!("add `{}: ...` ({t})", camel(q)),
                    },
                    sub,
                )),
            );
        }
        out
    }

    /// A value with no schema: kept as written (records' keys verbatim).
    fn free(&mut self, v: Val) -> Val {
        let value = match v.value {
            Value::List(items) => Value::List(items.into_iter().map(|i| self.free(i)).collect()),
            Value::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|e| Entry {
                        value: self.free(e.value),
                        ..e
                    })
                    .collect(),
            ),
            other => other,
        };
        Val {
            value,
            span: v.span,
        }
    }
}

fn plural(n: Option<f64>, word: &str) -> String {
    if n == Some(1.0) {
        word.to_string()
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

/// A value known at compile time as comparable text (`None` when any part of it is
/// known only at deploy time: such items are not compared).
fn literal(v: &Val) -> Option<String> {
    Some(match &v.value {
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Str(s) => format!("{s:?}"),
        Value::List(items) => {
            let parts: Option<Vec<String>> = items.iter().map(literal).collect();
            format!("[{}]", parts?.join(","))
        }
        Value::Map(entries) => {
            let mut parts = Vec::new();
            for e in entries {
                parts.push(format!("{:?}:{}", e.key, literal(&e.value)?));
            }
            parts.sort();
            format!("{{{}}}", parts.join(","))
        }
        _ => return None,
    })
}

/// The spans of the first item repeated in `items` (its first occurrence, the repeat).
fn repeated(items: &[Val]) -> Option<(Span, Span)> {
    let mut seen: HashMap<String, Span> = HashMap::new();
    for item in items {
        let Some(text) = literal(item) else { continue };
        if let Some(first) = seen.get(&text) {
            return Some((*first, item.span));
        }
        seen.insert(text, item.span);
    }
    None
}

fn num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

fn bounds_text(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo == hi => num(lo),
        (Some(lo), Some(hi)) => format!("{} to {}", num(lo), num(hi)),
        (Some(lo), None) => format!("at least {}", num(lo)),
        (None, Some(hi)) => format!("at most {}", num(hi)),
        (None, None) => "any number of".to_string(),
    }
}

fn range_text(lo: Option<f64>, hi: Option<f64>) -> String {
    format!(
        "{}..{}",
        lo.map(num).unwrap_or_default(),
        hi.map(num).unwrap_or_default()
    )
}
