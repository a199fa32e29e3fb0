//! `Cluster` → `AWS::ECS::Cluster` (nothing for `Cluster.existing`), and the default
//! cluster shared by services that name none.

use crate::check::{Component, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{cfn_ref, get_att, logical_id, ClusterRef, Lowering, Resource, DEFAULT_CLUSTER};
use crate::source::Span;
use serde_json::{json, Map, Value as Json};

/// Expands an explicit cluster.
pub fn expand(cx: &mut Lowering<'_>, c: &Component) {
    if c.ctor.is_some() {
        if let Some(v) = c.field("nameOrArn") {
            let name = v.as_str().unwrap_or("");
            let valid = name.starts_with("arn:")
                || (!name.is_empty()
                    && name.len() <= 255
                    && name
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
            if !valid {
                cx.diags.push(
                    Diagnostic::new(Code::InvalidName, v.span, format!("{name:?} cannot name an ECS cluster"))
                        .label("not a cluster name or ARN")
                        .help("give the cluster's name (1 to 255 letters, digits, `-` and `_`) or its ARN"),
                );
            }
        }
        return;
    }
    let mut props = Map::new();
    if c.field("containerInsights").and_then(|v| v.as_bool()) == Some(true) {
        props.insert(
            "ClusterSettings".into(),
            json!([{ "Name": "containerInsights", "Value": "enabled" }]),
        );
    }
    if let Some(tags) = cx.tags(c.field("tags")) {
        props.insert("Tags".into(), tags);
    }
    cx.add(
        logical_id(&c.name, "Cluster"),
        Resource::new("AWS::ECS::Cluster", Json::Object(props), c.span),
    );
}

/// The cluster a service runs in: its `cluster` field, or the default cluster
/// (created on first use).
pub fn for_service(
    cx: &mut Lowering<'_>,
    cluster: Option<&crate::check::Val>,
    span: Span,
) -> ClusterRef {
    if let Some(Value::Component(id)) = cluster.map(|v| &v.value) {
        if let Some(c) = cx.component(*id) {
            return reference(c);
        }
    }
    if !cx.default_cluster {
        cx.default_cluster = true;
        cx.add(
            DEFAULT_CLUSTER.to_string(),
            Resource::new("AWS::ECS::Cluster", json!({}), span),
        );
    }
    ClusterRef::LogicalId(DEFAULT_CLUSTER.to_string())
}

/// How the manifest names cluster component `c`.
pub fn reference(c: &Component) -> ClusterRef {
    match (&c.ctor, c.field("nameOrArn").and_then(|v| v.as_str())) {
        (Some(_), Some(name)) => ClusterRef::Existing(name.to_string()),
        _ => ClusterRef::LogicalId(logical_id(&c.name, "Cluster")),
    }
}

/// The template value naming a cluster (for a service's `Cluster`).
pub fn cfn_value(r: &ClusterRef) -> Json {
    match r {
        ClusterRef::LogicalId(id) => cfn_ref(id),
        ClusterRef::Existing(name) => json!(name),
    }
}

/// `name` and `arn` of a cluster.
pub fn attribute(c: &Component, path: &[&str]) -> Option<Json> {
    let r = reference(c);
    match (path, r) {
        (["name"], r) => Some(match r {
            ClusterRef::Existing(n) => json!(n.rsplit('/').next().unwrap_or(&n)),
            other => cfn_value(&other),
        }),
        (["arn"], ClusterRef::LogicalId(id)) => Some(get_att(&id, "Arn")),
        (["arn"], ClusterRef::Existing(n)) if n.starts_with("arn:") => Some(json!(n)),
        (["arn"], ClusterRef::Existing(n)) => Some(json!({
            "Fn::Sub": format!("arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:cluster/{n}")
        })),
        _ => None,
    }
}
