//! Checker unit tests: one small program per rule, through `compile_bytes`.

use crate::diagnostics::Diagnostic;

fn diags(src: &str) -> Vec<Diagnostic> {
    crate::compile_bytes("t.ecsx", src.as_bytes()).diagnostics
}

fn codes(src: &str) -> Vec<&'static str> {
    diags(src).iter().map(|d| d.code.as_str()).collect()
}

const SVC: &str = r#"let web = ApplicationListener { port: 80 }
let nginx = FargateService {
    desiredCount: 2
    containers: { nginx: { image: "nginx", memory: 128, portMappings: [web] } }
}
export url = web.endpoint.hostname
"#;

#[test]
fn the_first_program_is_clean() {
    assert_eq!(codes(SVC), Vec::<&str>::new());
}

#[test]
fn stdlib_is_clean_and_complete() {
    let mut sources = crate::source::SourceMap::new();
    let mut d = Vec::new();
    let lib = crate::stdlib::load(&mut sources, &mut d);
    assert!(d.is_empty(), "{d:#?}");
    for name in [
        "FargateService",
        "Container",
        "ApplicationListener",
        "Cluster",
        "Image",
        "Endpoint",
    ] {
        let def = lib.get(name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(def.doc.is_some(), "{name} has no doc comment");
        for f in &def.fields {
            assert!(f.doc.is_some(), "{name}.{} has no doc comment", f.name);
        }
    }
    let endpoint = lib
        .get("ApplicationListener")
        .unwrap()
        .field("endpoint")
        .unwrap();
    assert!(endpoint.out);
}

#[test]
fn all_errors_of_a_file_in_one_run() {
    let src = r#"let web = ApplicationListener { port: 70000 }
let nginx = FargateService {
    desiredCont: 2
    containers: { nginx: { image: "nginx", memory: "128", portMappings: [web] } }
}
export url = web.endpoint.hostnme
let nginx = 5
"#;
    let mut c = codes(src);
    c.sort();
    assert_eq!(c, ["E0102", "E0103", "E0105", "E0201", "E0203"]);
}

#[test]
fn names() {
    assert_eq!(codes("let a = b"), ["E0101"]);
    let d = diags("let web = ApplicationListener {}\nexport u = wbe.endpoint.hostname");
    assert_eq!(d[0].help.as_deref(), Some("did you mean `web`?"));
    assert_eq!(codes("let a = 1\nlet a = 2\nexport x = a"), ["E0102"]);
    assert_eq!(codes("let a = b\nlet b = a"), ["E0106"]);
    assert_eq!(codes("let a = a"), ["E0106"]);
    assert_eq!(codes("let x = Nope {}"), ["E0104"]);
    assert!(crate::stdlib::PLANNED
        .iter()
        .all(|(name, _)| *name != "ScheduledTask"));
    assert_eq!(
        codes("let x = Image.fromPth(\"./a\")\nexport y = 1"),
        ["E0108"]
    );
    assert_eq!(codes("let x = Cluster\n"), ["E0109"]);
    assert_eq!(codes("export my_url = \"x\""), ["E0110"]);
    assert_eq!(
        codes("let web = ApplicationListener { port: 80, port: 81 }"),
        ["E0107"]
    );
}

#[test]
fn types() {
    let svc =
        |containers: &str| format!("let s = FargateService {{ containers: {{ {containers} }} }}");
    assert_eq!(codes(&svc(r#"a: { image: 5 }"#)), ["E0201"]);
    assert_eq!(codes(&svc(r#"a: { memory: 64 }"#)), ["E0202"]);
    assert_eq!(codes(&svc(r#"a: { image: "x", memory: -1 }"#)), ["E0203"]);
    assert_eq!(
        codes(&svc(
            r#"a: { image: "x", portMappings: [{ containerPort: 80, protocol: "tcpp" }] }"#
        )),
        ["E0204"]
    );
    assert_eq!(codes("param n: Int in 256..4096 = 256\nlet s = FargateService { cpu: n, containers: { a: { image: \"x\" } } }"), ["E0205"]);
    assert_eq!(codes("let c = Cluster {}\nexport x = c"), ["E0206"]);
    assert_eq!(codes("param b: Bool = true"), ["E0207"]);
    assert_eq!(codes("let i = Image {}\nexport x = 1"), ["E0208"]);
    // A parameter's constraints must fit the field's.
    assert_eq!(codes("param n: Int = 1\nlet w = ApplicationListener { protocol: \"HTTPS\", certificateArn: \"a\" }\nlet s = FargateService { desiredCount: n, containers: { a: { image: \"x\", portMappings: [w] } } }"), ["E0203"]);
    assert_eq!(codes("param n: Int in 0..5 = 1\nlet s = FargateService { desiredCount: n, containers: { a: { image: \"x\" } } }"), Vec::<&str>::new());
    // Durations need a unit; memory takes MiB or a size.
    assert_eq!(
        codes("let s = FargateService { logRetention: 7, containers: { a: { image: \"x\" } } }"),
        ["E0201"]
    );
    assert_eq!(codes("let s = FargateService { memory: 1GiB, containers: { a: { image: \"x\", memory: 512MiB } } }"), Vec::<&str>::new());
}

#[test]
fn expected_and_found_both_have_spans() {
    let d = &diags("let web = ApplicationListener { port: \"80\" }")[0];
    assert_eq!(d.code.as_str(), "E0201");
    assert_eq!(d.labels.len(), 2);
    assert!(d.message.contains("expected") && d.message.contains("found"));
    assert_eq!(
        d.help.as_deref(),
        Some("write the number without quotes: 80")
    );
}

#[test]
fn warnings_do_not_stop_compilation() {
    let out = crate::compile_bytes("t.ecsx", format!("{SVC}let unused = 5\n").as_bytes());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code.as_str(), "W0001");
    assert!(out.compiled.is_some());
}

#[test]
fn a_good_declaration_after_a_bad_one_is_still_type_checked() {
    let src = r#"let web = ApplicationListener {
    port = 80
}
let api = ApplicationListener { port: 70000 }
let Cluster = 3
let nginx = FargateService {
    cluster: Cluster
    desiredCount: "two"
    containers: { nginx: { image: "nginx", memory: 128, portMappings: [web] } }
}
let unused = 5
export url = web.endpoint.hostname
"#;
    let d = diags(src);
    let found: Vec<(&str, &str)> = d
        .iter()
        .map(|d| {
            let s = d.span();
            (d.code.as_str(), &src[s.start as usize..s.end as usize])
        })
        .collect();
    // The two syntax errors, then the type errors of the declarations that parsed;
    // no "not defined" for `web` or `Cluster`, and no warning about `unused` (a
    // declaration that did not parse might have used it).
    assert_eq!(
        found,
        [
            ("E0001", "="),
            ("E0001", "Cluster"),
            ("E0203", "70000"),
            ("E0201", "\"two\""),
        ],
        "{d:#?}"
    );
    let out = crate::compile_bytes("t.ecsx", src.as_bytes());
    assert!(out.compiled.is_none());
}

#[test]
fn unknown_component_help_never_misleads() {
    // A planned component is never one the library already has (its help would then
    // send people elsewhere for something that exists).
    let mut sources = crate::source::SourceMap::new();
    let lib = crate::stdlib::load(&mut sources, &mut Vec::new());
    for (name, help) in crate::stdlib::PLANNED {
        assert!(
            lib.get(name).is_none(),
            "{name} exists: drop it from PLANNED"
        );
        assert!(!help.contains("Service with"), "{name}: {help}");
    }
    let help = |src: &str| {
        let d = diags(src);
        let d = d.iter().find(|d| d.code.as_str() == "E0104").unwrap();
        d.help.clone().unwrap()
    };
    // Every component and record is available, and a misspelling suggests itself.
    for name in lib.types.keys() {
        let misspelt = format!("{name}x");
        let h = help(&format!("let v = {misspelt} {{}}\n"));
        assert_eq!(h, format!("did you mean `{name}`?"), "{misspelt}");
    }
    assert_eq!(help("let v = VPC {}\n"), "did you mean `Vpc`?");
    // A parameter is told the types a parameter can have.
    assert_eq!(help("param n: Strng\n"), "did you mean `String`?");
    assert_eq!(help("param n: Number\n"), "did you mean `Int`?");
    assert!(help("param n: Vpcx\n").starts_with("parameters are `String`, `Int`"));
}
