//! The documentation that is written from the code stays current: `docs/reference.md`
//! is the standard library's declarations and doc comments (`ECSXC_UPDATE_DOCS=1`
//! rewrites it), and the examples of the language reference, `docs/language.md`, compile.

use std::path::Path;

#[test]
fn reference_lists_every_component_and_field_of_the_standard_library() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    let expected = ecsxc::stdlib::reference();
    if std::env::var_os("ECSXC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/reference.md is out of date: run `ECSXC_UPDATE_DOCS=1 cargo test --test docs`"
    );
    // Every declared component and field is on the page.
    let mut sources = ecsxc::source::SourceMap::new();
    sources.add("x", "");
    let lib = ecsxc::stdlib::load(&mut sources, &mut Vec::new());
    for def in lib.types.values() {
        assert!(
            actual.contains(&format!("`{}`\n", def.name)),
            "{} is not documented",
            def.name
        );
        for f in &def.fields {
            assert!(
                actual.contains(&format!("`{}`", f.name)),
                "{}.{} is not documented",
                def.name,
                f.name
            );
            assert!(
                f.doc.is_some(),
                "{}.{} has no doc comment",
                def.name,
                f.name
            );
        }
    }
}

/// Every `ecsx` block of `docs/language.md` is a whole program that compiles without a
/// single diagnostic, and every `ecsx-stdlib` block parses; every form of the language
/// is shown in at least one of them.
#[test]
fn language_reference_examples_compile() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/language.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let mut programs = Vec::new();
    let mut declarations = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let kind = match line {
            "```ecsx" => &mut programs,
            "```ecsx-stdlib" => &mut declarations,
            _ => continue,
        };
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| *l != "```")
            .collect();
        kind.push((n + 1, body.join("\n") + "\n"));
    }
    assert!(programs.len() >= 10, "only {} programs", programs.len());
    assert!(!declarations.is_empty());
    for (line, src) in &programs {
        let out = ecsxc::compile_bytes(&format!("docs/language.md:{line}"), src.as_bytes());
        let shown = ecsxc::diagnostics::render::render_all(
            &out.diagnostics,
            &out.sources,
            ecsxc::diagnostics::render::MessageFormat::Human,
            false,
            100,
        );
        assert!(
            out.diagnostics.is_empty() && out.compiled.is_some(),
            "the example at docs/language.md:{line} does not compile cleanly:\n{shown}"
        );
    }
    for (line, src) in &declarations {
        let mut sources = ecsxc::source::SourceMap::new();
        let id = sources.add("stdlib.ecsx", src.as_str());
        let mut diags = Vec::new();
        let parsed = ecsxc::syntax::parse(id, src, &mut diags);
        assert!(
            parsed.is_some() && diags.is_empty(),
            "the declarations at docs/language.md:{line} do not parse: {diags:#?}"
        );
    }
    // Every form appears in an example.
    let all: String = programs.iter().map(|(_, s)| s.as_str()).collect();
    let stdlib: String = declarations.iter().map(|(_, s)| s.as_str()).collect();
    for form in [
        "let ",
        "export ",
        "param ",
        "///",
        "// ",
        "\"${",
        "\\\"",
        "\\u{",
        "\\${",
        "ms",
        "30s",
        "1m",
        "7d",
        "MiB",
        "GiB",
        "[",
        "{ ",
        ".existing(",
        ".fromPath(",
        "fromDockerBuild {",
        "\"dev\" | ",
        "Int in 1..10",
        "[String]",
        "true",
        ".endpoint.hostname",
        "8_080",
    ] {
        assert!(all.contains(form), "no example shows `{form}`");
    }
    for form in [
        "component ",
        "record ",
        "out ",
        "const ",
        "static ",
        "?",
        " = ",
    ] {
        assert!(stdlib.contains(form), "no declaration shows `{form}`");
    }
}
