//! Snapshot tests over the corpora, discovered by globbing (a new case is a new file):
//!
//! - `examples/*.ecsx`: each compiles without errors; its template is snapshotted.
//! - `examples/broken/*.ecsx`: each is rejected; its rendered diagnostics are snapshotted.
//!
//! Snapshots live in the top-level `snapshots/` folder and show their input.

use ecsxc::diagnostics::render::{render_all, MessageFormat};
use std::path::Path;

const WIDTH: usize = 100;

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn compile(path: &Path) -> (String, ecsxc::CompileOutput) {
    let bytes = std::fs::read(path).unwrap();
    let name = relative(path);
    let source = String::from_utf8_lossy(&bytes).into_owned();
    (source, ecsxc::compile_bytes(&name, &bytes))
}

fn diagnostics(out: &ecsxc::CompileOutput) -> String {
    render_all(
        &out.diagnostics,
        &out.sources,
        MessageFormat::Human,
        false,
        WIDTH,
    )
}

#[test]
fn example_templates() {
    insta::with_settings!({ snapshot_path => "../snapshots/examples", prepend_module_to_snapshot => false }, {
        insta::glob!("../examples", "*.ecsx", |path| {
            let (source, out) = compile(path);
            assert!(!out.has_errors(), "{} has errors:\n{}", relative(path), diagnostics(&out));
            let compiled = out.compiled.as_ref().expect("a template");
            let snapshot = format!(
                "----- SOURCE\n{source}\n----- DIAGNOSTICS\n{}\n----- TEMPLATE\n{}",
                diagnostics(&out),
                compiled.to_json()
            );
            insta::assert_snapshot!(snapshot);
        });
    });
}

#[test]
fn broken_programs() {
    insta::with_settings!({ snapshot_path => "../snapshots/broken", prepend_module_to_snapshot => false }, {
        insta::glob!("../examples/broken", "*.ecsx", |path| {
            let (source, out) = compile(path);
            let name = relative(path);
            let is_warning_case = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('w'));
            assert!(
                out.has_errors() || is_warning_case,
                "{name} compiled without errors"
            );
            if out.has_errors() {
                assert!(out.compiled.is_none(), "{name}: a template despite errors");
            }
            let snapshot = format!("----- SOURCE\n{source}\n----- DIAGNOSTICS\n{}", diagnostics(&out));
            insta::assert_snapshot!(snapshot);
        });
    });
}
