//! Emission: [`ir::Template`](crate::ir::Template) → JSON or YAML text, plus the
//! CloudFormation quotas that can only be checked on the whole template.
//!
//! Output is deterministic: keys appear in a fixed order (template sections in AWS's
//! order, resources by logical ID, properties in the order expansion wrote them), so
//! the same program always gives byte-identical text.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Template;
use serde_json::{Map, Value};

/// Resources per template (CloudFormation quota).
pub const MAX_RESOURCES: usize = 500;
/// Template body size through S3 (CloudFormation quota).
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;
/// Outputs, and parameters, per template (CloudFormation quota).
pub const MAX_OUTPUTS: usize = 200;
/// Bytes of the template `Description` (CloudFormation quota).
pub const MAX_DESCRIPTION_BYTES: usize = 1024;

/// The template as a JSON value with sections in AWS's order.
pub fn to_value(t: &Template) -> Value {
    let mut root = Map::new();
    root.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    if let Some(d) = &t.description {
        root.insert("Description".into(), d.clone().into());
    }
    if !t.parameters.is_empty() {
        let mut params = Map::new();
        for (name, p) in &t.parameters {
            let mut m = Map::new();
            m.insert("Type".into(), p.cfn_type.clone().into());
            if let Some(d) = &p.description {
                m.insert("Description".into(), d.clone().into());
            }
            if let Some(d) = &p.default {
                m.insert("Default".into(), d.clone());
            }
            if !p.allowed_values.is_empty() {
                m.insert("AllowedValues".into(), p.allowed_values.clone().into());
            }
            if let Some(v) = p.min_value {
                m.insert("MinValue".into(), v.into());
            }
            if let Some(v) = p.max_value {
                m.insert("MaxValue".into(), v.into());
            }
            params.insert(name.clone(), Value::Object(m));
        }
        root.insert("Parameters".into(), Value::Object(params));
    }
    let mut resources = Map::new();
    for (id, r) in &t.resources {
        let mut m = Map::new();
        m.insert("Type".into(), r.cfn_type.into());
        if !r.depends_on.is_empty() {
            m.insert("DependsOn".into(), r.depends_on.clone().into());
        }
        m.insert("Properties".into(), r.properties.clone());
        resources.insert(id.clone(), Value::Object(m));
    }
    root.insert("Resources".into(), Value::Object(resources));
    if !t.outputs.is_empty() {
        let mut outputs = Map::new();
        for o in &t.outputs {
            let mut m = Map::new();
            if let Some(d) = &o.description {
                m.insert("Description".into(), d.clone().into());
            }
            m.insert("Value".into(), o.value.clone());
            outputs.insert(o.name.clone(), Value::Object(m));
        }
        root.insert("Outputs".into(), Value::Object(outputs));
    }
    Value::Object(root)
}

/// The template as pretty JSON, ending with a newline.
pub fn emit_json(t: &Template) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(t)).unwrap_or_default();
    s.push('\n');
    s
}

/// The template as YAML (intrinsics in their long `Fn::` form, which YAML templates accept).
pub fn emit_yaml(t: &Template) -> String {
    serde_yaml_ng::to_string(&to_value(t)).unwrap_or_default()
}

/// Reports templates CloudFormation would refuse for their size (resources, bytes,
/// outputs, parameters, description), pointing at the code responsible.
pub fn check_limits(t: &Template, diags: &mut Vec<Diagnostic>) {
    if t.resources.len() > MAX_RESOURCES {
        let span = t
            .resources
            .values()
            .map(|r| r.span)
            .max_by_key(|s| s.start)
            .unwrap_or_default();
        diags.push(
            Diagnostic::new(
                Code::TooManyResources,
                span,
                format!(
                    "the template has {} resources; CloudFormation allows {MAX_RESOURCES} per stack",
                    t.resources.len()
                ),
            )
            .label("the resources from here on do not fit")
            .help("split the program into several stacks"),
        );
        return;
    }
    if t.outputs.len() > MAX_OUTPUTS || t.parameters.len() > MAX_OUTPUTS {
        let (what, n, span) = if t.outputs.len() > MAX_OUTPUTS {
            let span = t.outputs.get(MAX_OUTPUTS).map(|o| o.span).unwrap_or_default();
            ("outputs", t.outputs.len(), span)
        } else {
            let span = t.parameters.values().map(|p| p.span).max().unwrap_or_default();
            ("parameters", t.parameters.len(), span)
        };
        diags.push(
            Diagnostic::new(
                Code::TooManyOutputsOrParameters,
                span,
                format!("the template has {n} {what}; CloudFormation allows {MAX_OUTPUTS}"),
            )
            .help("export fewer values, or split the program into several stacks"),
        );
    }
    let size = emit_json(t).len();
    if size > MAX_TEMPLATE_BYTES {
        let span = t.resources.values().map(|r| r.span).max().unwrap_or_default();
        diags.push(
            Diagnostic::new(
                Code::TemplateTooLarge,
                span,
                format!(
                    "the template is {size} bytes; CloudFormation accepts at most {MAX_TEMPLATE_BYTES}"
                ),
            )
            .help("split the program into several stacks"),
        );
    }
}
