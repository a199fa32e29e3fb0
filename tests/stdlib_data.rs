//! `src/stdlib_data.rs` is the standard library as parsing `stdlib/*.ecsx` makes it, so
//! that a build needs no parsing of it (most of a small program's time otherwise).
//! `ECSXC_UPDATE_STDLIB=1` rewrites it; the compiler parses the files whenever it is
//! out of date, so a stale file costs speed, never correctness.

use std::path::Path;

#[test]
fn precompiled_library_is_current() {
    let mut diags = Vec::new();
    let lib = ecsxc::stdlib::build(1, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let source = ecsxc::stdlib::codegen::rust_source(&lib, ecsxc::stdlib::stdlib_hash()).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/stdlib_data.rs");
    if std::env::var_os("ECSXC_UPDATE_STDLIB").is_some() {
        std::fs::write(&path, &source).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == source,
        "src/stdlib_data.rs is out of date: run `ECSXC_UPDATE_STDLIB=1 cargo test --test stdlib_data`"
    );
}
