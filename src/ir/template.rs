//! The IR of CloudFormation: a template as resources with logical IDs, each keeping
//! the span of the ecsx code that produced it.

use crate::ir::json::{json, Map, Value};
use crate::source::Span;
use std::collections::BTreeMap;

/// A CloudFormation template before emission.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    /// `Description`: the program's leading doc comment.
    pub description: Option<String>,
    /// `Parameters`, by name.
    pub parameters: BTreeMap<String, Parameter>,
    /// `Resources`, by logical ID.
    pub resources: BTreeMap<String, Resource>,
    /// `Outputs`, in source order.
    pub outputs: Vec<Output>,
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// `Type` (`String`, `Number`, `AWS::EC2::VPC::Id`, ...).
    pub cfn_type: String,
    /// `Description`.
    pub description: Option<String>,
    /// `Default`.
    pub default: Option<Value>,
    /// `AllowedValues`.
    pub allowed_values: Vec<String>,
    /// `MinValue` (numbers).
    pub min_value: Option<i64>,
    /// `MaxValue` (numbers).
    pub max_value: Option<i64>,
    /// Where it was declared (the program's `param`, or the component that needs it).
    pub span: Span,
}

/// A resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `Type`, e.g. `AWS::ECS::Service`.
    pub cfn_type: &'static str,
    /// `Properties` (always emitted, `{}` when empty).
    pub properties: Value,
    /// `DependsOn`, sorted.
    pub depends_on: Vec<String>,
    /// `DeletionPolicy` and `UpdateReplacePolicy`, when set.
    pub policies: Option<Box<Policies>>,
    /// The ecsx code this resource was expanded from.
    pub span: Span,
}

impl Resource {
    /// A resource of type `cfn_type` with `properties`, produced by the code at `span`.
    pub fn new(cfn_type: &'static str, properties: Value, span: Span) -> Self {
        Resource {
            cfn_type,
            properties,
            depends_on: Vec::new(),
            policies: None,
            span,
        }
    }

    /// Adds `DependsOn: logical_id`.
    pub fn depends_on(mut self, logical_id: impl Into<String>) -> Self {
        self.depends_on.push(logical_id.into());
        self.depends_on.sort();
        self.depends_on.dedup();
        self
    }
}

/// A resource's `DeletionPolicy` and `UpdateReplacePolicy`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Policies {
    /// `DeletionPolicy`.
    pub deletion: Option<String>,
    /// `UpdateReplacePolicy`.
    pub update_replace: Option<String>,
}

/// A stack output.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The output's name (the `export` name).
    pub name: String,
    /// `Description`: the export's doc comment.
    pub description: Option<String>,
    /// `Value`.
    pub value: Value,
    /// The `export` declaration.
    pub span: Span,
}

/// A JSON object of `entries`, in order. Unlike `json!`, which copies every value it
/// is given through serde, it moves them.
pub fn object<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    let mut map = Map::with_capacity(N);
    for (key, value) in entries {
        map.insert(key, value);
    }
    Value::Object(map)
}

/// `{"Ref": id}`.
pub fn cfn_ref(id: &str) -> Value {
    object([("Ref", Value::from(id))])
}

/// `{"Fn::GetAtt": [id, attribute]}`.
pub fn get_att(id: &str, attribute: impl Into<super::json::Key>) -> Value {
    object([(
        "Fn::GetAtt",
        Value::Array(vec![Value::from(id), Value::String(attribute.into())]),
    )])
}

/// `{"Fn::Join": ["", parts]}`, or the plain string when every part is a string.
pub fn join(parts: Vec<Value>) -> Value {
    if parts.iter().all(Value::is_string) {
        let s: String = parts.iter().filter_map(Value::as_str).collect();
        return Value::from(s);
    }
    json!({ "Fn::Join": ["", parts] })
}

/// Every logical ID that `value` refers to with `Ref` or `Fn::GetAtt`, borrowed from
/// `value`, in one pass (an object's own reference among those of its values, in the
/// order of its keys).
pub fn reference_ids<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_ref(), v) {
                    ("Ref", Value::String(id)) => out.push(id),
                    ("Fn::GetAtt", Value::Array(parts)) => {
                        if let Some(Value::String(id)) = parts.first() {
                            out.push(id);
                        }
                    }
                    _ => {}
                }
                reference_ids(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| reference_ids(v, out)),
        _ => {}
    }
}

/// Whether `value` refers to logical ID `id` with `Ref` or `Fn::GetAtt`.
pub fn refers_to(value: &Value, id: &str) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| match (k.as_ref(), v) {
            ("Ref", Value::String(r)) => r == id,
            ("Fn::GetAtt", Value::Array(parts)) => {
                matches!(parts.first(), Some(Value::String(r)) if r == id) || refers_to(v, id)
            }
            _ => refers_to(v, id),
        }),
        Value::Array(items) => items.iter().any(|v| refers_to(v, id)),
        _ => false,
    }
}
