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

/// Every diagnostic of a parse, and the program.
fn parse_all(src: &str) -> (Option<Program>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let p = parse(SourceId(0), src, &mut d);
    (p, d)
}

fn names(p: &Program) -> Vec<&str> {
    p.items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Let { name, .. } | ItemKind::Export { name, .. } => Some(name.name.as_str()),
            ItemKind::Param { name, .. } => Some(name.name.as_str()),
            _ => None,
        })
        .collect()
}

fn at(src: &str, d: &Diagnostic) -> String {
    src[d.span().start as usize..d.span().end as usize].to_string()
}

#[test]
fn three_syntax_errors_in_three_declarations_are_three_diagnostics() {
    let src = "let a = Svc {\n    port = 80\n}\n\nlet b = 1\nlet C = 2\nlet d = [1, 2\n/// Docs stay with their declaration.\nlet e = 3\n";
    let (p, d) = parse_all(src);
    let p = p.unwrap();
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(d.iter().all(|d| d.code.as_str() == "E0001"));
    assert_eq!(at(src, &d[0]), "=");
    assert_eq!(at(src, &d[1]), "C");
    assert_eq!(names(&p), ["b", "e"]);
    assert!(p.partial);
    assert_eq!(p.unparsed, ["a", "C", "d"]);
    assert_eq!(
        p.items[1].doc.as_ref().map(|d| d.text.as_str()),
        Some("Docs stay with their declaration.")
    );
}

#[test]
fn recovery_resumes_after_a_closing_brace_in_the_first_column() {
    // No declaration keyword between the two errors: the `}` that closes the first
    // declaration is where the second one starts.
    let src = "let a = Svc {\n    x: { y: = }\n}\nb: 2\n";
    let (_, d) = parse_all(src);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[1].code.as_str(), "E0007", "{d:#?}");
    // A `}` in the first column that closes an inner brace is not the end.
    let src = "let a = Svc {\n  x: {\n    y: = 1\n}\n}\nlet b = 2\n";
    let (p, d) = parse_all(src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(names(&p.unwrap()), ["b"]);
}

#[test]
fn a_clean_parse_is_not_partial() {
    let (p, d) = parse_all("let a = 1\n");
    assert!(d.is_empty());
    let p = p.unwrap();
    assert!(!p.partial && p.unparsed.is_empty());
    // A value that cannot be built (an escape) leaves its name unparsed.
    let (p, d) = parse_all("let a = \"\\q\"\nlet b = 1\n");
    assert_eq!(d.len(), 1);
    let p = p.unwrap();
    assert!(p.partial);
    assert_eq!(p.unparsed, ["a"]);
    assert_eq!(names(&p), ["b"]);
}

#[test]
fn an_unterminated_string_mid_file_is_e0008_at_its_quote() {
    let src = "let a = Svc {\n  c: {\n    app: { image: \"nginx, memory: 128 } }\n}\n\nlet b = 3\n";
    let (p, d) = parse_all(src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].code.as_str(), "E0008");
    assert_eq!(at(src, &d[0]), "\"nginx, memory: 128 } }");
    assert!(d[0]
        .help
        .as_deref()
        .unwrap()
        .contains("`, memory: 128 } }`"));
    assert_eq!(names(&p.unwrap()), ["b"]);
    // An interpolation left open, in the middle of a file and at its end.
    for src in [
        "let a = { image: \"${env\", memory: 128 }\nlet b = 2\n",
        "let a = \"${",
    ] {
        let (_, d) = parse_all(src);
        assert_eq!(d.len(), 1, "{src}: {d:#?}");
        assert_eq!(d[0].code.as_str(), "E0008");
        assert_eq!(at(src, &d[0]), "${");
    }
    // A string closed on its line is not blamed for a later error.
    let (_, d) = parse_all("let a = \"x\" }\n");
    assert_eq!(d[0].code.as_str(), "E0001");
}

#[test]
fn capitalised_names_say_so_and_suggest_camel_case() {
    for (src, name, suggestion) in [
        ("export ServiceName = \"x\"", "ServiceName", "serviceName"),
        ("let Cluster = 3", "Cluster", "cluster"),
        ("param VpcId: String", "VpcId", "vpcId"),
        ("let VPC_ID = 3", "VPC_ID", "vpcId"),
        ("let HTTPPort = 3", "HTTPPort", "httpPort"),
        ("let x = web.Endpoint", "Endpoint", "endpoint"),
    ] {
        let d = err(src);
        assert_eq!(d.code.as_str(), "E0001");
        assert_eq!(at(src, &d), name, "{src}");
        assert!(
            d.message.contains("names start with a lower-case letter"),
            "{src}: {}",
            d.message
        );
        let help = d.help.unwrap();
        assert!(
            help.ends_with(&format!("write `{suggestion}`")),
            "{src}: {help}"
        );
    }
    // No suggestion that is a keyword.
    assert!(!err("let Let = 1").help.unwrap().contains("write"));
}

#[test]
fn fractions_and_non_ascii_names_say_what_is_wrong() {
    for (src, written, help) in [
        ("let m = 0.5GiB", "0.5GiB", "write `512MiB`"),
        ("let m = 1.5GiB", "1.5GiB", "write `1536MiB`"),
        ("let m = 2.0GiB", "2.0GiB", "write `2GiB`"),
        ("let t = 1.5s", "1.5s", "write `1500ms`"),
        ("let t = 0.5h", "0.5h", "write `30m`"),
        ("let t = 1.5m", "1.5m", "write `90s`"),
        (
            "let n = 0.5",
            "0.5",
            "ecsx numbers are integers; write a whole number",
        ),
        (
            "let m = 0.1MiB",
            "0.1MiB",
            "memory sizes are whole numbers of MiB or GiB",
        ),
        (
            "let t = 0.0001s",
            "0.0001s",
            "durations are whole numbers of ms, s, m, h or d",
        ),
    ] {
        let d = err(src);
        assert_eq!(d.code.as_str(), "E0001");
        assert_eq!(at(src, &d), written, "{src}");
        assert_eq!(d.help.as_deref(), Some(help), "{src}");
    }
    // An address or a version without quotes.
    for (src, written) in [
        ("let v = Vpc { cidr: 10.0.0.0/16 }", "10.0.0.0/16"),
        ("let i = \"nginx\"\nlet v = 1.25.3", "1.25.3"),
    ] {
        let d = err(src);
        assert_eq!(at(src, &d), written, "{src}");
        assert_eq!(
            d.help.unwrap(),
            format!("write it as a string: `\"{written}\"`")
        );
    }
    let src = "let café = 1";
    let d = err(src);
    assert_eq!(at(src, &d), "é");
    assert!(d.message.contains("`café`"), "{}", d.message);
    assert!(d.help.unwrap().contains("write `cafe`"));
    let src = "let x = { größe: 1 }";
    let d = err(src);
    assert_eq!(at(src, &d), "öß");
    // An emoji is not a letter: the generic message.
    assert!(err("let x = 🙂").message.starts_with("expected"));
}

#[test]
fn the_generic_help_points_at_the_language_reference() {
    let d = err("let x = )");
    assert!(d.help.unwrap().contains("docs/language.md"));
    assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/language.md")
        .exists());
}

#[test]
fn recovery_always_ends() {
    // Every prefix of a program with several errors parses to the end without a panic.
    let src = "/// d\nlet a = Svc {\n  x: \"${y\n}\nlet B = 0.5GiB\n}\n}\nlet c = [\nexport d = \"é\" é\nparam e: = 3\n";
    for end in 0..=src.len() {
        if src.is_char_boundary(end) {
            parse_all(&src[..end]);
        }
    }
}

#[test]
fn after_an_error_the_rest_parses_as_a_whole_file_would() {
    // After the first error the rest is parsed in chunks that end where a declaration
    // starts: every declaration and doc comment must come out as in a clean parse.
    let mut good = String::new();
    for i in 0..200 {
        good.push_str(&format!(
            "/// Value {i}.\nlet v{i} = {{\n    a: [1, 2]\n    b: \"x${{v0}}\"\n}}\n\n"
        ));
    }
    let clean = ok(&good);
    let broken = format!("let x = = 1\n{good}let y = = 2\n{good}");
    let (p, d) = parse_all(&broken);
    assert_eq!(d.len(), 2, "{d:#?}");
    let p = p.unwrap();
    let twice = [names(&clean), names(&clean)].concat();
    assert_eq!(names(&p), twice);
    let docs = |p: &Program| -> Vec<Option<String>> {
        p.items
            .iter()
            .map(|i| i.doc.as_ref().map(|d| d.text.clone()))
            .collect()
    };
    assert_eq!(docs(&p), [docs(&clean), docs(&clean)].concat());
    // Values too (spans aside): the last declaration's text is the same.
    let last = p.items.last().unwrap().span;
    assert_eq!(
        &broken[last.start as usize..last.end as usize],
        "/// Value 199.\nlet v199 = {\n    a: [1, 2]\n    b: \"x${v0}\"\n}"
    );
}

#[test]
fn unfinished_declarations_point_at_what_is_open() {
    // A bracket left open before the next declaration, and at the end of the file.
    let src = "let a = Svc {\n  c: { x: 1 }\nlet b = 2\n";
    let (p, d) = parse_all(src);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        d[0].message,
        "`{` is not closed before the next declaration"
    );
    assert_eq!(d[0].span().start, 12);
    let next = d[0].labels[1].span;
    assert_eq!(&src[next.start as usize..next.end as usize], "let");
    assert_eq!(names(&p.unwrap()), ["b"]);
    // The same with an indented next declaration.
    let (_, d) = parse_all("let a = Svc {\n  c: 1\n  let b = 2\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        d[0].message,
        "`{` is not closed before the next declaration"
    );
    let src = "let a = [1,\n  2\n";
    let d = err(src);
    assert_eq!(d.message, "`[` is never closed");
    assert_eq!(at(src, &d), "[");
    // A value missing before the next declaration.
    let src = "let a =\n\nlet b = 2\n";
    let d = err(src);
    assert_eq!(d.message, "no value after `=`");
    assert_eq!(at(src, &d), "=");
    // A `}` too many, and a `+`.
    let src = "let a = { x: 1 }\n}\nlet b = 2\n";
    let (p, d) = parse_all(src);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].message, "this `}` closes nothing");
    assert_eq!(names(&p.unwrap()), ["a", "b"]);
    let d = err("export url = \"http://\" + host\n");
    assert_eq!(d.message, "ecsx has no `+`");
    // Declarations only the standard library may make are not offered.
    let d = err("let a = 1 2\n");
    assert!(!d.message.contains("component"), "{}", d.message);
}

#[test]
fn nesting_is_counted_in_brackets_and_interpolations_not_in_strings_or_comments() {
    use super::{too_deep, MAX_NESTING as MAX};
    let open = |n: usize| "[".repeat(n);
    assert_eq!(too_deep(&format!("{}{}", open(MAX), "]".repeat(MAX))), None);
    // The first bracket too deep, after text that opens nothing.
    assert_eq!(
        too_deep(&format!("let é = {}", open(MAX + 1))),
        Some(9 + MAX)
    );
    assert_eq!(too_deep(&format!("\"{}\"", open(MAX + 5))), None);
    assert_eq!(too_deep(&format!("\"\\\"{}\"", open(MAX + 5))), None);
    assert_eq!(too_deep(&format!("// {}\nx", open(MAX + 5))), None);
    // Closing brackets of another kind close nothing.
    assert_eq!(too_deep(&"{)".repeat(MAX + 1)), Some(2 * MAX));
    // `"${` is two levels: the string and the interpolation.
    let interp = "\"${".repeat(MAX / 2 + 1);
    assert_eq!(too_deep(&interp), Some(3 * (MAX / 2)));
    assert_eq!(too_deep(&format!("{}x", "\"${".repeat(MAX / 2))), None);
}
