//! The documentation that is written from the code stays current: `docs/reference.md`
//! is the standard library's declarations and doc comments (`ECSXC_UPDATE_DOCS=1`
//! rewrites it).

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
