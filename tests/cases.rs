//! Snapshot tests over the corpora, discovered by globbing (a new case is a new file;
//! folders are searched recursively):
//!
//! - `examples/*.ecsx`: a handful of scenarios; each compiles without errors and its
//!   whole template is snapshotted (`snapshots/examples`).
//! - `examples/<topic>/*.ecsx` (every folder but `broken`): each compiles without
//!   errors; each component's own resources are snapshotted on their own
//!   (`snapshots/components`), with the template's parameters and outputs apart, so a
//!   change to one expansion rewrites only the snapshots of that family.
//! - `examples/broken/**/*.ecsx`: each is rejected; its rendered diagnostics are
//!   snapshotted (`snapshots/broken`).
//!
//! Snapshots live in the top-level `snapshots/` folder and show their input.

mod support;

use ecsxc::diagnostics::render::{render_all, MessageFormat};
use std::path::Path;
use support::corpus::{compile, components, relative};

const WIDTH: usize = 100;

fn diagnostics(out: &ecsxc::CompileOutput) -> String {
    render_all(
        &out.diagnostics,
        &out.sources,
        MessageFormat::Human,
        false,
        WIDTH,
    )
}

fn in_broken(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "broken")
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

/// One snapshot per component of each example in a topic folder: the component's
/// code and the resources it produced; and one with the template's parameters and
/// outputs.
#[test]
fn example_components() {
    insta::with_settings!({ snapshot_path => "../snapshots/components", prepend_module_to_snapshot => false }, {
        insta::glob!("../examples", "*/**/*.ecsx", |path| {
            if in_broken(path) {
                return;
            }
            let (source, out) = compile(path);
            assert!(!out.has_errors(), "{} has errors:\n{}", relative(path), diagnostics(&out));
            let compiled = out.compiled.as_ref().expect("a template");
            // snapshots/components/<topic>/<example>/<binding>.snap
            let rel = relative(path);
            let dir = Path::new("../snapshots/components").join(
                rel.trim_start_matches("examples/").trim_end_matches(".ecsx"),
            );
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(dir);
            settings.set_snapshot_suffix("");
            settings.bind(|| {
                for part in components(&source, &out, compiled) {
                    let snapshot = format!(
                        "----- SOURCE\n{}\n----- RESOURCES\n{}",
                        part.source, part.json
                    );
                    insta::assert_snapshot!(part.name.as_str(), snapshot);
                }
            });
        });
    });
}

#[test]
fn broken_programs() {
    insta::with_settings!({ snapshot_path => "../snapshots/broken", prepend_module_to_snapshot => false }, {
        insta::glob!("../examples/broken", "**/*.ecsx", |path| {
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
