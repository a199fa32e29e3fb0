//! Parser unit tests: the surface syntax of LANGUAGE.md sections 2–3.

use super::ast::*;
use super::parse;
use crate::diagnostics::Diagnostic;
use crate::source::{SourceId, Span};

fn ok(src: &str) -> Program {
    let mut d: Vec<Diagnostic> = Vec::new();
    let p = parse(SourceId(0), src, &mut d);
    assert!(d.is_empty(), "{src}\n{d:#?}");
    p.unwrap()
}

fn err(src: &str) -> Diagnostic {
    let mut d = Vec::new();
    parse(SourceId(0), src, &mut d);
    assert!(!d.is_empty(), "{src} parsed");
    d.remove(0)
}

fn value(src: &str) -> Expr {
    let p = ok(&format!("let x = {src}"));
    match &p.items[0].kind {
        ItemKind::Let { value, .. } => value.clone(),
        k => panic!("{k:?}"),
    }
}

#[test]
fn literals() {
    assert_eq!(value("80").kind, ExprKind::Int(80));
    assert_eq!(value("1_000").kind, ExprKind::Int(1000));
    assert_eq!(value("-5").kind, ExprKind::Int(-5));
    assert_eq!(value("true").kind, ExprKind::Bool(true));
    assert_eq!(value("30s").kind, ExprKind::Duration(30_000));
    assert_eq!(value("5m").kind, ExprKind::Duration(300_000));
    assert_eq!(value("1d").kind, ExprKind::Duration(86_400_000));
    assert_eq!(value("1500ms").kind, ExprKind::Duration(1500));
    assert_eq!(value("512MiB").kind, ExprKind::Memory(512));
    assert_eq!(value("2GiB").kind, ExprKind::Memory(2048));
}

#[test]
fn strings_with_escapes_and_interpolation() {
    let e = value(r#""a\"b\\c\n\u{41}\$""#);
    assert_eq!(e.as_plain_str().as_deref(), Some("a\"b\\c\nA$"));
    let e = value(r#""${env}-web""#);
    let ExprKind::Str(parts) = e.kind else {
        panic!()
    };
    assert!(
        matches!(&parts[0], StrPart::Interp(Expr { kind: ExprKind::Ref(id), .. }) if id.name == "env")
    );
    assert_eq!(parts[1], StrPart::Text("-web".into()));
    assert_eq!(err(r#"let x = "a\qb""#).code.as_str(), "E0005");
    assert_eq!(err("let x = \"abc\nlet y = 1").code.as_str(), "E0008");
}

#[test]
fn construction_with_newlines_or_commas() {
    for src in [
        "Svc { a: 1, b: 2 }",
        "Svc {\n  a: 1\n  b: 2\n}",
        "Svc { a: 1, b: 2, }",
        "Svc {\n  a: 1,\n  b: 2,\n}",
    ] {
        let ExprKind::Construct { ty, ctor, fields } = value(src).kind else {
            panic!("{src}")
        };
        assert_eq!(ty.name, "Svc");
        assert!(ctor.is_none());
        assert_eq!(
            fields
                .iter()
                .map(|f| f.key.name.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
    }
}

#[test]
fn static_constructors_lists_records_and_members() {
    let ExprKind::StaticCall { ty, ctor, args } = value(r#"Image.fromPath("./app")"#).kind else {
        panic!()
    };
    assert_eq!(
        (ty.name.as_str(), ctor.name.as_str(), args.len()),
        ("Image", "fromPath", 1)
    );
    let ExprKind::Construct { ctor, fields, .. } =
        value(r#"Image.fromDockerBuild { context: "./app", cacheFrom: ["build"] }"#).kind
    else {
        panic!()
    };
    assert_eq!(ctor.unwrap().name, "fromDockerBuild");
    assert_eq!(fields.len(), 2);
    let ExprKind::Member { base, name } = value("web.endpoint.hostname").kind else {
        panic!()
    };
    assert_eq!(name.name, "hostname");
    assert!(matches!(base.kind, ExprKind::Member { .. }));
    assert!(matches!(value("[a, b,]").kind, ExprKind::List(ref l) if l.len() == 2));
    assert!(
        matches!(value(r#"{ Name: "x", "a-b": 1 }"#).kind, ExprKind::Record(ref f) if f[1].key.name == "a-b")
    );
}

#[test]
fn declarations_docs_and_comments() {
    let p = ok("/// File doc.\n\n/// The stage.\nparam stage: \"dev\" | \"prod\" = \"dev\" // trailing\n// note\nexport url = \"x\"\n");
    assert_eq!(p.doc.as_ref().unwrap().text, "File doc.");
    assert_eq!(p.items[0].doc.as_ref().unwrap().text, "The stage.");
    let ItemKind::Param { ty, default, .. } = &p.items[0].kind else {
        panic!()
    };
    assert!(matches!(&ty.kind, TypeExprKind::Union(alts) if alts.len() == 2));
    assert!(default.is_some());
    assert!(matches!(p.items[1].kind, ItemKind::Export { .. }));
    let p = ok("param n: Int in 1..10 = 2\nparam tags: [String]\nparam o: String");
    let ItemKind::Param { ty, .. } = &p.items[0].kind else {
        panic!()
    };
    assert!(matches!(
        &ty.kind,
        TypeExprKind::Named {
            range: Some((Some(Bound::Int(1)), Some(Bound::Int(10)))),
            ..
        }
    ));
}

#[test]
fn spans_are_byte_ranges() {
    let src = "let web = ApplicationListener { port: 80 }";
    let p = ok(src);
    let ItemKind::Let { name, value } = &p.items[0].kind else {
        panic!()
    };
    assert_eq!(name.span, Span::new(SourceId(0), 4, 7));
    assert_eq!(
        &src[value.span.start as usize..value.span.end as usize],
        "ApplicationListener { port: 80 }"
    );
}

#[test]
fn every_language_md_section_1_program_parses() {
    ok(include_str!("../../examples/nginx.ecsx"));
    ok(r#"
let vpc = Vpc { cidr: "10.0.0.0/16", availabilityZones: 2 }

let cluster = Cluster {
    vpc: vpc
    tags: { Name: "my-custom-ecs-cluster" }
}

let capacity = AutoScalingGroup {
    cluster: cluster
    instanceType: "t2.medium"
    minSize: 5
}

let tg = NetworkTargetGroup { port: 8080 }
let front = NetworkListener { port: 80, targetGroup: tg }

let api = EC2Service {
    cluster: cluster
    desiredCount: 2
    containers: {
        webserver: { image: Image.fromPath("./app"), memory: 128, portMappings: [front] }
    }
}

let existing = Cluster.existing("existing_cluster_id")

let hello = FargateTaskDefinition {
    container: { image: "hello-world", memory: 20 }
}
"#);
}

#[test]
fn syntax_errors_name_what_was_expected() {
    let d = err("let web = ApplicationListener {\n    port = 80\n}");
    assert_eq!(d.code.as_str(), "E0001");
    assert!(d.message.contains("`:`"), "{}", d.message);
    assert_eq!(d.span().start, 41);
    let d = err("let = 5");
    assert!(d.message.contains("a name"), "{}", d.message);
    assert!(!d.message.contains("ident"), "no rule names: {}", d.message);
    assert_eq!(err("port: 80").code.as_str(), "E0007");
    assert_eq!(err("let x = !Ref web").code.as_str(), "E0007");
    assert_eq!(err("// only a comment\n").code.as_str(), "E0003");
    assert_eq!(err("let x = 99999999999999999999").code.as_str(), "E0006");
}
