//! Emission unit tests.

use super::*;
use crate::ir::{cfn_ref, Resource, Template};
use crate::source::Span;
use serde_json::json;

fn template() -> Template {
    let mut t = Template {
        description: Some("d".into()),
        ..Template::default()
    };
    t.resources.insert(
        "Zeta".into(),
        Resource::new("AWS::ECS::Cluster", json!({}), Span::default()),
    );
    t.resources.insert(
        "Alpha".into(),
        Resource::new(
            "AWS::Logs::LogGroup",
            json!({ "RetentionInDays": 1, "A": cfn_ref("Zeta") }),
            Span::default(),
        )
        .depends_on("Zeta"),
    );
    t
}

#[test]
fn sections_in_aws_order_and_resources_by_logical_id() {
    let text = emit_json(&template());
    let pos = |s: &str| text.find(s).unwrap();
    assert!(pos("AWSTemplateFormatVersion") < pos("Description"));
    assert!(pos("Description") < pos("Resources"));
    assert!(pos("\"Alpha\"") < pos("\"Zeta\""));
    assert!(
        pos("\"Type\": \"AWS::Logs") < pos("\"DependsOn\"")
            && pos("\"DependsOn\"") < pos("\"Properties\": {\n        \"RetentionInDays\"")
    );
    assert!(
        text.contains("\"Properties\": {}"),
        "empty Properties are emitted: {text}"
    );
    assert!(text.ends_with("}\n"));
    // Properties keep the order expansion wrote them in.
    assert!(pos("RetentionInDays") < pos("\"A\":"));
}

#[test]
fn yaml_and_json_agree_and_length_is_exact() {
    let t = template();
    let json: serde_json::Value = serde_json::from_str(&emit_json(&t)).unwrap();
    let yaml: serde_json::Value = serde_yaml_ng::from_str(&emit_yaml(&t)).unwrap();
    assert_eq!(json, yaml);
    assert_eq!(json, to_value(&t));
    assert_eq!(json_len(&t), emit_json(&t).len());
}

#[test]
fn limits() {
    let mut t = template();
    let mut d = Vec::new();
    check_limits(&t, &mut d);
    assert!(d.is_empty());
    for i in 0..MAX_RESOURCES {
        t.resources.insert(
            format!("R{i}"),
            Resource::new("AWS::ECS::Cluster", json!({}), Span::default()),
        );
    }
    check_limits(&t, &mut d);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code.as_str(), "E0401");
}
