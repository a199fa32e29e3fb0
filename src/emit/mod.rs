//! Emission: [`ir::Template`](crate::ir::Template) → JSON or YAML text, plus the
//! CloudFormation quotas that can only be checked on the whole template.
//!
//! Output is deterministic: keys appear in a fixed order (template sections in AWS's
//! order, resources by logical ID, properties in the order expansion wrote them), so
//! the same program always gives byte-identical text.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{Output, Parameter, Resource, Template};
use crate::source::Span;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

pub use crate::limits::{MAX_DESCRIPTION_BYTES, MAX_OUTPUTS, MAX_RESOURCES, MAX_TEMPLATE_BYTES};

/// The template as a JSON value with sections in AWS's order.
pub fn to_value(t: &Template) -> Value {
    serde_json::to_value(Emit(t)).unwrap_or(Value::Null)
}

/// Serializes a template without copying it: sections in AWS's order, resources by
/// logical ID, `Properties` always present.
struct Emit<'a>(&'a Template);

impl Serialize for Emit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut root = serializer.serialize_map(None)?;
        root.serialize_entry("AWSTemplateFormatVersion", "2010-09-09")?;
        if let Some(d) = &t.description {
            root.serialize_entry("Description", d)?;
        }
        if !t.parameters.is_empty() {
            root.serialize_entry("Parameters", &Params(&t.parameters))?;
        }
        root.serialize_entry("Resources", &Resources(&t.resources))?;
        if !t.outputs.is_empty() {
            root.serialize_entry("Outputs", &Outputs(&t.outputs))?;
        }
        root.end()
    }
}

struct Params<'a>(&'a BTreeMap<String, Parameter>);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, p) in self.0 {
            let mut m = crate::ir::json::Map::new();
            m.insert("Type", p.cfn_type.clone().into());
            if let Some(d) = &p.description {
                m.insert("Description", d.clone().into());
            }
            if let Some(d) = &p.default {
                m.insert("Default", d.clone());
            }
            if !p.allowed_values.is_empty() {
                m.insert("AllowedValues", p.allowed_values.clone().into());
            }
            if let Some(v) = p.min_value {
                m.insert("MinValue", v.into());
            }
            if let Some(v) = p.max_value {
                m.insert("MaxValue", v.into());
            }
            map.serialize_entry(name, &m)?;
        }
        map.end()
    }
}

struct Resources<'a>(&'a BTreeMap<String, Resource>);

impl Serialize for Resources<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, r) in self.0 {
            map.serialize_entry(id, &ResourceBody(r))?;
        }
        map.end()
    }
}

struct ResourceBody<'a>(&'a Resource);

impl Serialize for ResourceBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("Type", r.cfn_type)?;
        if !r.depends_on.is_empty() {
            m.serialize_entry("DependsOn", &r.depends_on)?;
        }
        if let Some(p) = &r.policies {
            if let Some(d) = &p.deletion {
                m.serialize_entry("DeletionPolicy", d)?;
            }
            if let Some(u) = &p.update_replace {
                m.serialize_entry("UpdateReplacePolicy", u)?;
            }
        }
        m.serialize_entry("Properties", &r.properties)?;
        m.end()
    }
}

struct Outputs<'a>(&'a [Output]);

impl Serialize for Outputs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for o in self.0 {
            let mut m = crate::ir::json::Map::new();
            if let Some(d) = &o.description {
                m.insert("Description", d.clone().into());
            }
            m.insert("Value", o.value.clone());
            map.serialize_entry(&o.name, &m)?;
        }
        map.end()
    }
}

/// The template as pretty JSON, ending with a newline.
pub fn emit_json(t: &Template) -> String {
    let mut s = serde_json::to_string_pretty(&Emit(t)).unwrap_or_default();
    s.push('\n');
    s
}

/// The template as YAML (intrinsics in their long `Fn::` form, which YAML templates accept).
///
/// Every string that a YAML 1.1 reader (PyYAML, and tools built on it) would load as
/// another type is quoted — dates such as `2010-09-09`, `yes`/`no`/`on`/`off`, numbers
/// with leading zeros, sexagesimal `1:20`, `~`, `null` — so that every YAML reader loads
/// the same template as the JSON.
pub fn emit_yaml(t: &Template) -> String {
    let mut quoted = Vec::new();
    let value = yaml_guard(to_value(t), &mut quoted);
    let text = serde_yaml_ng::to_string(&value).unwrap_or_default();
    if quoted.is_empty() {
        return text;
    }
    yaml_restore(&text, &quoted)
}

/// Marks a string that [`emit_yaml`] quotes itself: a private-use character, which the
/// YAML emitter writes as it is, followed by the string's index.
const YAML_MARK: char = '\u{E000}';

/// Replaces every string (and key) that needs quoting with [`YAML_MARK`] and its index in
/// `quoted`. Strings that hold the mark themselves are replaced too, so every mark in the
/// emitted text is one of ours.
fn yaml_guard(value: Value, quoted: &mut Vec<String>) -> Value {
    let guard = |s: String, quoted: &mut Vec<String>| {
        if yaml11_ambiguous(&s) || s.contains(YAML_MARK) {
            quoted.push(s);
            format!("{YAML_MARK}{}", quoted.len() - 1)
        } else {
            s
        }
    };
    match value {
        Value::String(s) => Value::String(guard(s, quoted)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| yaml_guard(v, quoted)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (guard(k, quoted), yaml_guard(v, quoted)))
                .collect(),
        ),
        other => other,
    }
}

/// Puts the quoted strings back in place of their marks.
fn yaml_restore(text: &str, quoted: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + quoted.len() * 4);
    let mut rest = text;
    while let Some(at) = rest.find(YAML_MARK) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at + YAML_MARK.len_utf8()..).unwrap_or("");
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let index: Option<usize> = after.get(..digits).and_then(|d| d.parse().ok());
        match index.and_then(|i| quoted.get(i)) {
            Some(s) => yaml_quote(s, &mut out),
            None => out.push(YAML_MARK),
        }
        rest = after.get(digits..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Writes `s` as a YAML quoted scalar: single-quoted when it is printable on one line
/// (as the YAML emitter quotes), double-quoted with escapes otherwise.
fn yaml_quote(s: &str, out: &mut String) {
    let plain = |c: char| (c == ' ' || !c.is_control()) && c != '\u{FEFF}' && c != '\u{85}';
    if s.chars().all(plain) {
        out.push('\'');
        out.push_str(&s.replace('\'', "''"));
        out.push('\'');
    } else {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if plain(c) => out.push(c),
                c => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            }
        }
        out.push('"');
    }
}

/// True when a YAML 1.1 reader would load the plain scalar `s` as something other than
/// a string: null (`~`, `null`, empty), a boolean (`y`, `n`, `yes`, `no`, `true`,
/// `false`, `on`, `off`, in any case), a merge key or value indicator (`<<`, `=`), an
/// infinity or NaN, or anything shaped like a number or timestamp (decimal, octal with
/// a leading zero, `0x`/`0o`/`0b`, underscores, exponents, sexagesimal `1:20`, dates and
/// times such as `2010-09-09` or `2001-12-14t21:59:43.10-05:00`). Erring on the side
/// of quoting costs two characters; erring the other way changes the template.
pub fn yaml11_ambiguous(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "" | "~" | "null" | "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "=" | "<<"
    ) {
        return true;
    }
    let body = lower.strip_prefix(['+', '-']).unwrap_or(&lower);
    if matches!(body, ".inf" | ".nan") {
        return true;
    }
    let mut chars = body.chars();
    let starts_like_number = match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    starts_like_number
        && body
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "xobtz_.:+- \t".contains(c))
}

/// The size of the JSON template in bytes, without building the text.
pub fn json_len(t: &Template) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Counter(0);
    let _ = serde_json::to_writer_pretty(&mut c, &Emit(t));
    c.0 + 1
}

/// Reports templates CloudFormation would refuse for their size (resources, bytes,
/// outputs, parameters, description), pointing at the code responsible.
pub fn check_limits(t: &Template, diags: &mut Vec<Diagnostic>) {
    if t.resources.is_empty() {
        let span = t
            .outputs
            .iter()
            .map(|o| o.span)
            .chain(t.parameters.values().map(|p| p.span))
            .min()
            .unwrap_or_default();
        diags.push(
            Diagnostic::new(
                Code::NoResources,
                span,
                "the program makes no resources; CloudFormation needs at least one",
            )
            .label("a stack of only outputs and parameters")
            .help("build a component, such as `let app = FargateService { ... }`"),
        );
        return;
    }
    if t.resources.len() > MAX_RESOURCES {
        // The code that makes the 501st resource, in source order: where the stack
        // stops fitting.
        // (Equal keys are equal spans, so the one in place `MAX_RESOURCES` is the one
        // a full sort would put there.)
        let mut spans: Vec<Span> = t.resources.values().map(|r| r.span).collect();
        let span = if spans.len() > MAX_RESOURCES {
            *spans
                .select_nth_unstable_by_key(MAX_RESOURCES, |s| (s.source, s.start, s.end))
                .1
        } else {
            Span::default()
        };
        diags.push(
            Diagnostic::new(
                Code::TooManyResources,
                span,
                format!(
                    "the template has {} resources; CloudFormation allows {MAX_RESOURCES} per stack",
                    t.resources.len()
                ),
            )
            .label(format!("resource {} comes from here", MAX_RESOURCES + 1))
            .help("split the program into several stacks"),
        );
        return;
    }
    if t.outputs.len() > MAX_OUTPUTS || t.parameters.len() > MAX_OUTPUTS {
        let (what, n, span) = if t.outputs.len() > MAX_OUTPUTS {
            let span = t
                .outputs
                .get(MAX_OUTPUTS)
                .map(|o| o.span)
                .unwrap_or_default();
            ("outputs", t.outputs.len(), span)
        } else {
            let span = t
                .parameters
                .values()
                .map(|p| p.span)
                .max()
                .unwrap_or_default();
            ("parameters", t.parameters.len(), span)
        };
        diags.push(
            Diagnostic::new(
                Code::TooManyOutputsOrParameters,
                span,
                format!("the template has {n} {what}; CloudFormation allows {MAX_OUTPUTS}"),
            )
            .label(format!("the {what} from here on do not fit"))
            .help("export fewer values, or split the program into several stacks"),
        );
    }
    let size = json_len(t);
    if size > MAX_TEMPLATE_BYTES {
        let span = t
            .resources
            .values()
            .map(|r| r.span)
            .max()
            .unwrap_or_default();
        diags.push(
            Diagnostic::new(
                Code::TemplateTooLarge,
                span,
                format!(
                    "the template is {size} bytes; CloudFormation accepts at most {MAX_TEMPLATE_BYTES}"
                ),
            )
            .label("the largest resources come from here")
            .help("split the program into several stacks"),
        );
    }
}

#[cfg(test)]
mod tests;
