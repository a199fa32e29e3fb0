//! The register of codes, the broken examples and the catalogue stay in step: every
//! code has a section in `docs/diagnostics.md`, and every code that a file can produce
//! has a broken example in `examples/broken/` producing exactly that one diagnostic.

use ecsxc::diagnostics::Code;
use std::path::Path;

/// Codes no committed file can produce; each is tested where noted.
const EXEMPT: &[(&str, &str)] = &[
    ("E0004", "a missing file: tests/cli.rs"),
    (
        "E0009",
        "a file over 8 MiB: exempt_codes_are_produced below",
    ),
    ("E0402", "a template over 1,000,000 bytes: src/ir/tests.rs"),
    (
        "E0406",
        "`-o` naming the program itself: tests/cli_toolchain.rs",
    ),
    (
        "E0407",
        "a template that cannot be written: tests/cli_toolchain.rs",
    ),
    ("E0499", "an internal compiler error: never on purpose"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn exempt(code: &str) -> bool {
    EXEMPT.iter().any(|(c, _)| *c == code) || code.starts_with("E05")
}

#[test]
fn every_code_has_a_broken_example_with_exactly_that_diagnostic() {
    let dir = root().join("examples/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for code in Code::ALL.iter().map(|c| c.as_str()).filter(|c| !exempt(c)) {
        let prefix = format!("{}_", code.to_lowercase());
        let matching: Vec<_> = files
            .iter()
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&prefix)
            })
            .collect();
        assert!(
            !matching.is_empty(),
            "no examples/broken/{prefix}*.ecsx for {code}"
        );
        for path in matching {
            let out = ecsxc::compile_path(path);
            let found: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
            assert_eq!(
                found,
                [code],
                "{} should give exactly {code}",
                path.display()
            );
        }
    }
}

#[test]
fn every_code_has_a_catalogue_entry() {
    let catalogue = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    for code in Code::ALL {
        let heading = format!("### {} — {}", code.as_str(), code.title());
        assert!(
            catalogue.contains(&heading),
            "docs/diagnostics.md lacks `{heading}`"
        );
    }
}

#[test]
fn exempt_codes_are_produced() {
    let big = vec![b' '; ecsxc::MAX_SOURCE_BYTES + 1];
    let out = ecsxc::compile_bytes("big.ecsx", &big);
    assert_eq!(out.diagnostics[0].code.as_str(), "E0009");
    let out = ecsxc::compile_path(Path::new("/nonexistent/x.ecsx"));
    assert_eq!(out.diagnostics[0].code.as_str(), "E0004");
    assert!(out.io_error);
}

/// The outputs shown in the catalogue are what the compiler prints today
/// (`scripts/refresh-diagnostics-doc.py` rewrites them).
#[test]
fn catalogue_outputs_are_current() {
    use ecsxc::diagnostics::render::{render_all, MessageFormat};
    let catalogue = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    let marker = "` prints:\n\n```text\n";
    let mut checked = 0;
    for (at, _) in catalogue.match_indices(marker) {
        let line_start = catalogue[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(file) = catalogue[line_start..at].strip_prefix("`ecsxc check ") else {
            continue;
        };
        let body_start = at + marker.len();
        let body_end = body_start + catalogue[body_start..].find("\n```").unwrap();
        let shown = &catalogue[body_start..body_end];
        let bytes = std::fs::read(root().join(file)).unwrap();
        // As `ecsxc check FILE` compiles it: with the program's folder (`E0356`).
        let folder = ecsxc::program_folder(&root().join(file));
        let out = ecsxc::compile_bytes_in(file, &bytes, Some(&folder));
        let actual = render_all(
            &out.diagnostics,
            &out.sources,
            MessageFormat::Human,
            false,
            100,
        );
        assert_eq!(
            shown.trim_end(),
            actual.trim_end(),
            "docs/diagnostics.md is out of date for {file}: run scripts/refresh-diagnostics-doc.py"
        );
        checked += 1;
    }
    assert!(
        checked >= 40,
        "only {checked} outputs found in the catalogue"
    );
}
