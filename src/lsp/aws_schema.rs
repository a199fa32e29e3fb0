//! CloudFormation resource types for the editor features, from the embedded registry
//! schemas ([`crate::cfn`]): the namespaces after `aws.`, the types of a namespace,
//! and the properties (and their value types) inside `aws.s3.Bucket { ... }`.
//!
//! A record inside a resource is named by the type and the camelCase property path
//! (`aws.s3.Bucket.versioningConfiguration`, a list's items by the list's path), as a
//! [`Ty::Named`] the standard library never has (its names have no dots). The
//! `overrides` of an ECS component are named [`OVERRIDES`] and [`OVERRIDE`] the same way.

use crate::cfn::{self, camel, Shape, TypeSchema};
use crate::check::aws::{DELETION_POLICY, UPDATE_REPLACE_POLICY};
use crate::check::overrides::{roles, REMOVE};
use crate::check::types::Ty;
use std::sync::Arc;

/// The record of a component's `overrides` (`@overrides.FargateService`): its roles.
pub const OVERRIDES: &str = "@overrides.";
/// The record of one role's overrides (`@override.aws.ecs.Service`): the type's
/// properties (not the policies) and `remove`.
pub const OVERRIDE: &str = "@override.";

/// The type expected for `key` in a construction of the standard-library component
/// `component`, when it is `overrides` (which the standard library does not declare).
pub fn overrides_type(component: &str, key: &str) -> Option<Ty> {
    (key == crate::check::overrides::FIELD && roles(component).is_some())
        .then(|| Ty::Named(format!("{OVERRIDES}{component}")))
}

/// True when `name` is a provider of resource types (`aws`, `alexa`).
pub fn is_provider(name: &str) -> bool {
    cfn::namespaces()
        .iter()
        .any(|n| n.split_once('.').is_some_and(|(p, _)| p == name))
}

/// The services of `provider` (`s3`, `sqs`, ...), sorted.
pub fn services(provider: &str) -> Vec<String> {
    cfn::namespaces()
        .into_iter()
        .filter_map(|n| {
            let (p, s) = n.split_once('.')?;
            (p == provider).then(|| s.to_string())
        })
        .collect()
}

/// The types of `provider.service` as `(short name, CloudFormation name)`.
pub fn types(provider: &str, service: &str) -> Vec<(String, String)> {
    cfn::types_in(&format!("{provider}.{service}"))
        .into_iter()
        .filter_map(|t| {
            let entry = cfn::lookup(&t)?;
            Some((entry.short().to_string(), entry.name.to_string()))
        })
        .collect()
}

/// The shape `path` names (`aws.s3.Bucket` or a record inside it), with its schema.
fn shape_at(path: &str) -> Option<(Arc<TypeSchema>, Shape, bool)> {
    let mut parts = path.split('.');
    let written = [parts.next()?, parts.next()?, parts.next()?].join(".");
    let schema = cfn::schema(cfn::lookup(&written)?)?;
    let mut shape = schema.top.clone();
    let mut top = true;
    for seg in parts {
        shape = property(&schema, &shape, seg)?.1;
        top = false;
    }
    Some((schema, shape, top))
}

/// The object `shape` is (through `$ref` and list items).
fn object<'s>(schema: &'s TypeSchema, shape: &'s Shape) -> &'s Shape {
    let mut s = schema.resolve(shape);
    for _ in 0..4 {
        // A list, or a choice of a list and something else (`KeySchema`).
        let items =
            s.i.as_deref()
                .or_else(|| s.o.iter().find_map(|alt| schema.resolve(alt).i.as_deref()));
        match items {
            Some(items) => s = schema.resolve(items),
            None => break,
        }
    }
    s
}

/// The properties of the object `shape` is: `(CloudFormation name, shape)`.
fn properties(schema: &TypeSchema, shape: &Shape) -> Vec<(String, Shape)> {
    let s = object(schema, shape);
    let mut out: Vec<(String, Shape)> =
        s.p.iter()
            .flat_map(|p| p.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect();
    for alt in &s.o {
        if let Some(p) = &schema.resolve(alt).p {
            for (k, v) in p {
                if !out.iter().any(|(n, _)| n == k) {
                    out.push((k.clone(), v.clone()));
                }
            }
        }
    }
    out
}

/// The property written `key` (camelCase or CloudFormation's name) of `shape`.
fn property(schema: &TypeSchema, shape: &Shape, key: &str) -> Option<(String, Shape)> {
    let props = properties(schema, shape);
    let i = props
        .iter()
        .position(|(n, _)| camel(n) == key)
        .or_else(|| props.iter().position(|(n, _)| n == key))?;
    props.into_iter().nth(i)
}

/// A property's value as a language type, for completing its value: literal unions
/// for enums, `Bool`, records and lists of records by path.
fn value_ty(schema: &TypeSchema, shape: &Shape, path: String) -> Option<Ty> {
    let s = schema.resolve(shape);
    if s.t.is_none() && s.e.is_none() && s.i.is_none() && s.p.is_none() && !s.o.is_empty() {
        // A choice: a list if one alternative is, else the first that says.
        let alts: Vec<Ty> =
            s.o.iter()
                .filter_map(|a| value_ty(schema, a, path.clone()))
                .collect();
        let list = alts.iter().position(|t| matches!(t, Ty::List(_)));
        return list
            .and_then(|i| alts.get(i).cloned())
            .or_else(|| alts.into_iter().next());
    }
    if let Some(e) = &s.e {
        let lits: Vec<Ty> = e
            .iter()
            .filter_map(|v| v.as_str().map(|t| Ty::Lit(t.to_string())))
            .collect();
        if !lits.is_empty() {
            return Some(Ty::Union(lits));
        }
    }
    let types = s.t.as_ref().map(|t| t.names()).unwrap_or_default();
    if types.contains(&"boolean") {
        return Some(Ty::Bool);
    }
    if s.i.is_some() || types.contains(&"array") {
        let item = s.i.as_deref().map(|i| schema.resolve(i));
        return Some(match item {
            Some(i) if i.p.is_some() || !i.o.is_empty() => Ty::List(Box::new(Ty::Named(path))),
            _ => Ty::List(Box::new(Ty::String)),
        });
    }
    if s.p.is_some() || !s.o.is_empty() {
        return Some(Ty::Named(path));
    }
    None
}

/// An override's property path (`"DeploymentConfiguration.Alarms"` of `resource`): the
/// path of the record it is in, and its last key.
fn property_path<'k>(resource: &str, key: &'k str) -> (String, &'k str) {
    match key.rsplit_once('.') {
        Some((o, l)) => (format!("{resource}.{o}"), l),
        None => (resource.to_string(), key),
    }
}

/// The type expected for `key` in the record `path` names (`None` when `path` is no
/// resource type's).
pub fn field_type(path: &str, key: &str) -> Option<Ty> {
    if let Some(component) = path.strip_prefix(OVERRIDES) {
        // `overrides: { service: ...`: the properties of the role's resource type.
        let role = roles(component)?.iter().find(|r| r.name == key)?;
        let entry = cfn::by_cfn_name(role.cfn_type)?;
        return Some(Ty::Named(format!("{OVERRIDE}{}", entry.language_name())));
    }
    if let Some(resource) = path.strip_prefix(OVERRIDE) {
        if key == REMOVE {
            return Some(Ty::List(Box::new(Ty::String)));
        }
        let (outer, last) = property_path(resource, key);
        return field_type(&outer, last).filter(|_| !last.is_empty());
    }
    let (schema, shape, top) = shape_at(path)?;
    if top && (key == DELETION_POLICY || key == UPDATE_REPLACE_POLICY) {
        let values: &[&str] = if key == DELETION_POLICY {
            &["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]
        } else {
            &["Delete", "Retain", "Snapshot"]
        };
        return Some(Ty::Union(
            values.iter().map(|v| Ty::Lit(v.to_string())).collect(),
        ));
    }
    let (_, prop) = property(&schema, &shape, key)?;
    value_ty(&schema, &prop, format!("{path}.{key}"))
}

/// A settable property for completion.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name in the language (camelCase).
    pub name: String,
    /// Required by the schema.
    pub required: bool,
    /// The JSON types it takes, as shown (`string`, `array`, ...), with the
    /// CloudFormation name.
    pub detail: String,
    /// The schema's description (first sentence).
    pub doc: Option<String>,
}

/// The settable properties of the record `path` names (read-only ones left out; at the
/// top, `deletionPolicy` and `updateReplacePolicy` too).
pub fn fields(path: &str) -> Option<Vec<Field>> {
    if let Some(component) = path.strip_prefix(OVERRIDES) {
        return Some(
            roles(component)?
                .iter()
                .map(|r| Field {
                    name: r.name.to_string(),
                    required: false,
                    detail: format!("{} ({})", r.cfn_type, r.suffix),
                    doc: Some(format!(
                        "Set or remove properties of the `{}` the component generates (logical ID: the binding's plus `{}`).",
                        r.cfn_type, r.suffix
                    )),
                })
                .collect(),
        );
    }
    if let Some(resource) = path.strip_prefix(OVERRIDE) {
        let mut out: Vec<Field> = fields(resource)?
            .into_iter()
            .filter(|f| f.name != DELETION_POLICY && f.name != UPDATE_REPLACE_POLICY)
            .map(|f| Field {
                required: false,
                ..f
            })
            .collect();
        out.push(Field {
            name: REMOVE.to_string(),
            required: false,
            detail: "[String]".to_string(),
            doc: Some(
                "Property paths to take out of the resource (`[\"DesiredCount\"]`).".to_string(),
            ),
        });
        return Some(out);
    }
    let (schema, shape, top) = shape_at(path)?;
    let required = &object(&schema, &shape).q;
    let mut out: Vec<Field> = properties(&schema, &shape)
        .into_iter()
        .filter(|(n, _)| !(top && schema.is_read_only(n)))
        .map(|(n, s)| {
            let r = schema.resolve(&s);
            let kinds = match (&r.t, &r.e) {
                (Some(t), _) => t.names().join(" | "),
                (None, Some(_)) => "enum".to_string(),
                (None, None) if r.p.is_some() => "object".to_string(),
                _ => "value".to_string(),
            };
            Field {
                name: camel(&n),
                required: required.contains(&n),
                detail: format!("{kinds} ({n})"),
                doc: schema
                    .description(&s)
                    .or_else(|| schema.description(r))
                    .map(str::to_string),
            }
        })
        .collect();
    if top {
        for (name, doc) in [
            (DELETION_POLICY, "`DeletionPolicy`: what CloudFormation does with the resource when the stack is deleted."),
            (UPDATE_REPLACE_POLICY, "`UpdateReplacePolicy`: what CloudFormation does with the old resource when it is replaced."),
        ] {
            out.push(Field {
                name: name.to_string(),
                required: false,
                detail: "policy".to_string(),
                doc: Some(doc.to_string()),
            });
        }
    }
    Some(out)
}

/// The hover of the key `key` in the record `path` names (a property of a resource
/// type, nested or not, or of an `overrides` record): its CloudFormation name, the
/// schema's description, its type and constraints. `None` when `path` is no resource
/// type's or the key is not one of its properties.
pub fn key_doc(path: &str, key: &str) -> Option<String> {
    if path.strip_prefix(OVERRIDES).is_some() {
        let field = fields(path)?.into_iter().find(|f| f.name == key)?;
        return Some(format!(
            "```ecsx\n{key}: {{ ... }}\n```\n\n{}\n",
            field.doc.unwrap_or_default()
        ));
    }
    if let Some(resource) = path.strip_prefix(OVERRIDE) {
        if key == REMOVE {
            return Some(format!(
                "```ecsx\n{REMOVE}: [String]\n```\n\nProperty paths to take out of the resource (`[\"DesiredCount\"]`).\n"
            ));
        }
        let (outer, last) = property_path(resource, key);
        return key_doc(&outer, last).filter(|_| !last.is_empty());
    }
    let (schema, shape, top) = shape_at(path)?;
    if top && (key == DELETION_POLICY || key == UPDATE_REPLACE_POLICY) {
        let field = fields(path)?.into_iter().find(|f| f.name == key)?;
        let ty = field_type(path, key)
            .map(|t| t.to_string())
            .unwrap_or_default();
        return Some(format!(
            "```ecsx\n{key}: {ty}\n```\n\n{}\n",
            field.doc.unwrap_or_default()
        ));
    }
    let (name, prop) = property(&schema, &shape, key)?;
    let resolved = schema.resolve(&prop);
    let type_name = path.splitn(4, '.').take(3).collect::<Vec<_>>().join(".");
    let cfn_type = cfn::lookup(&type_name).map(|e| e.name).unwrap_or_default();
    let mut s = format!(
        "```ecsx\n{}: {}\n```\n\n`{name}` of `{cfn_type}`",
        camel(&name),
        kind_text(&schema, &prop)
    );
    if let Some(d) = schema
        .description(&prop)
        .or_else(|| schema.description(resolved))
        .filter(|d| !d.is_empty())
    {
        s.push_str(": ");
        s.push_str(d);
    }
    s.push('\n');
    let required = object(&schema, &shape).q.contains(&name);
    let mut facts: Vec<String> = Vec::new();
    if required {
        facts.push("required".to_string());
    }
    facts.extend(constraints(&schema, &prop));
    if top && schema.is_create_only(&name) {
        facts.push("create-only: changing it replaces the resource".to_string());
    }
    if !facts.is_empty() {
        s.push('\n');
        for f in facts {
            s.push_str("- ");
            s.push_str(&f);
            s.push('\n');
        }
    }
    let nested = properties(&schema, &prop);
    if !nested.is_empty() {
        let names: Vec<String> = nested
            .iter()
            .map(|(n, _)| format!("`{}`", camel(n)))
            .collect();
        s.push_str(&format!("\nProperties: {}\n", names.join(", ")));
    }
    Some(s)
}

/// A property's type as shown in a hover (`String`, `[Record]`, `"A" | "B"`, ...).
fn kind_text(schema: &TypeSchema, shape: &Shape) -> String {
    let s = schema.resolve(shape);
    let scalar = |t: &str| match t {
        "string" => "String",
        "integer" => "Int",
        "number" => "Number",
        "boolean" => "Bool",
        "object" => "{ ... }",
        "array" => "[...]",
        _ => "Any",
    };
    if let Some(e) = &s.e {
        let shown: Vec<String> = e.iter().take(8).map(|v| v.to_string()).collect();
        let more = if e.len() > 8 { " | ..." } else { "" };
        return format!("{}{more}", shown.join(" | "));
    }
    if let Some(items) = s.i.as_deref() {
        let items = schema.resolve(items);
        let inner = if items.p.is_some() || !items.o.is_empty() {
            "{ ... }".to_string()
        } else {
            kind_text(schema, items)
        };
        return format!("[{inner}]");
    }
    if s.p.is_some() {
        return "{ ... }".to_string();
    }
    if s.m.is_some() {
        return "{String: ...}".to_string();
    }
    match &s.t {
        Some(t) => t
            .names()
            .iter()
            .map(|n| scalar(n))
            .collect::<Vec<_>>()
            .join(" | "),
        None if !s.o.is_empty() => {
            s.o.iter()
                .map(|a| kind_text(schema, a))
                .collect::<Vec<_>>()
                .join(" | ")
        }
        None => "Any".to_string(),
    }
}

/// The schema's constraints on a property, as shown in a hover.
fn constraints(schema: &TypeSchema, shape: &Shape) -> Vec<String> {
    let s = schema.resolve(shape);
    let num = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            format!("{}", n as i64)
        } else {
            n.to_string()
        }
    };
    let bounds = |what: &str, p: [Option<f64>; 2]| match p {
        [Some(lo), Some(hi)] => format!("{what}: {} to {}", num(lo), num(hi)),
        [Some(lo), None] => format!("{what}: at least {}", num(lo)),
        [None, Some(hi)] => format!("{what}: at most {}", num(hi)),
        [None, None] => String::new(),
    };
    let mut out = Vec::new();
    if let Some(e) = &s.e {
        let shown: Vec<String> = e.iter().take(12).map(|v| format!("`{v}`")).collect();
        let more = if e.len() > 12 { ", ..." } else { "" };
        out.push(format!("one of {}{more}", shown.join(", ")));
    }
    if let Some(p) = &s.pt {
        out.push(format!("pattern: `{p}`"));
    }
    if let Some(l) = s.l {
        out.push(bounds("length", l));
    }
    if let Some(v) = s.v {
        out.push(bounds("range", v));
    }
    if let Some(n) = s.n {
        out.push(bounds("items", n));
    }
    if s.u {
        out.push("items unique".to_string());
    }
    if let Some(k) = s.k {
        out.push(bounds("properties", k));
    }
    if !s.q.is_empty() && s.p.is_some() {
        let names: Vec<String> = s.q.iter().map(|q| format!("`{}`", camel(q))).collect();
        out.push(format!("needs {}", names.join(", ")));
    }
    out.retain(|x| !x.is_empty());
    out
}
