//! Emission unit tests.

use super::*;
use crate::ir::json::json;
use crate::ir::{cfn_ref, Resource, Template};
use crate::source::Span;

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

#[test]
fn yaml_11_ambiguous_strings_are_recognised() {
    for s in [
        "2010-09-09",
        "2001-12-14t21:59:43.10-05:00",
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "true",
        "False",
        "~",
        "null",
        "Null",
        "",
        "0755",
        "0x1F",
        "0o17",
        "0b11",
        "1_000",
        "+1",
        "-1",
        "1:20",
        "1.5",
        ".5",
        "1e3",
        ".inf",
        "-.INF",
        ".nan",
        "=",
        "<<",
        "10.0.0.0",
    ] {
        assert!(yaml11_ambiguous(s), "{s:?}");
    }
    for s in [
        "nginx",
        "FARGATE",
        "10.0.0.0/16",
        "arn:aws:iam::aws:policy/x",
        "yesterday",
        "on-demand",
        "a1",
        "HTTP",
        "-",
        ".",
        "x86_64",
        "1 day",
    ] {
        assert!(!yaml11_ambiguous(s), "{s:?}");
    }
}

#[test]
fn yaml_quotes_ambiguous_strings_and_keeps_the_rest() {
    let mut quoted = Vec::new();
    let value = yaml_guard(
        serde_json::json!({"yes": ["2012-10-17", "plain", "it's", "\u{E000}1", "a\tb"], "n": 1}),
        &mut quoted,
    );
    let text = yaml_restore(&serde_yaml_ng::to_string(&value).unwrap(), &quoted);
    assert_eq!(
        text,
        "'yes':\n- '2012-10-17'\n- plain\n- it's\n- '\u{E000}1'\n- \"a\\tb\"\n'n': 1\n"
    );
    let back: serde_json::Value = serde_yaml_ng::from_str(&text).unwrap();
    assert_eq!(
        back,
        serde_json::json!({"yes": ["2012-10-17", "plain", "it's", "\u{E000}1", "a\tb"], "n": 1})
    );
    let mut out = String::new();
    yaml_quote("a\u{7}\"\\", &mut out);
    assert_eq!(out, "\"a\\u0007\\\"\\\\\"");
}

#[test]
fn too_many_resources_points_at_the_code_of_the_first_one_over_the_limit() {
    // Resources of 700 components, three each, their logical IDs in another order
    // than their code: the diagnostic is on the component that makes resource 501.
    let mut t = Template::default();
    for i in 0..2100usize {
        let component = (i * 7919) % 700;
        let span = Span::new(
            crate::source::SourceId::default(),
            component * 10,
            component * 10 + 5,
        );
        t.resources.insert(
            format!("R{i}"),
            Resource::new("AWS::ECS::Cluster", json!({}), span),
        );
    }
    let mut d = Vec::new();
    check_limits(&t, &mut d);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code.as_str(), "E0401");
    // Resources 1..=501 in code order: components 0..=166 make 501 (167 × 3).
    assert_eq!(
        d[0].span(),
        Span::new(crate::source::SourceId::default(), 1660, 1665)
    );
}
