//! Every example's template (`examples/**`, but `examples/broken`) passes cfn-lint
//! (PyPI `cfn-lint==1.58.0`) with no errors and no warnings.
//!
//! `scripts/test.sh` installs cfn-lint into `.venv` and sets `ECSXC_CFN_LINT`; without
//! it this test fails (it is never skipped) and says how to install it.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn cfn_lint() -> PathBuf {
    if let Some(p) = std::env::var_os("ECSXC_CFN_LINT") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/cfn-lint");
    assert!(
        venv.exists(),
        "cfn-lint not found: run ./scripts/test.sh (it installs cfn-lint==1.58.0 into .venv), or set ECSXC_CFN_LINT"
    );
    venv
}

#[test]
fn every_example_template_passes_cfn_lint() {
    let lint = cfn_lint();
    let version = Command::new(&lint)
        .arg("--version")
        .output()
        .expect("run cfn-lint");
    let version = String::from_utf8_lossy(&version.stdout).to_string()
        + &String::from_utf8_lossy(&version.stderr);
    assert!(
        version.contains("1.58.0"),
        "expected cfn-lint 1.58.0, found {version}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut templates = Vec::new();
    let examples = support::corpus::examples();
    assert!(!examples.is_empty());
    for path in &examples {
        let out = ecsxc::compile_path(path);
        let compiled = out
            .compiled
            .unwrap_or_else(|| panic!("{} does not compile", path.display()));
        for (ext, text) in [("json", compiled.to_json()), ("yaml", compiled.to_yaml())] {
            let name = support::corpus::relative(path)
                .trim_start_matches("examples/")
                .trim_end_matches(".ecsx")
                .replace('/', "__");
            let file = dir.path().join(format!("{name}.{ext}"));
            std::fs::write(&file, text).unwrap();
            templates.push(file);
        }
    }
    let output = Command::new(&lint)
        .arg("--format")
        .arg("parseable")
        .args(&templates)
        .output()
        .expect("run cfn-lint");
    let report = String::from_utf8_lossy(&output.stdout);
    // cfn-lint's exit status is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
    let code = output.status.code().unwrap_or(-1);
    let findings: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(":E") || l.contains(":W"))
        .collect();
    assert!(
        code >= 0 && code & (1 | 2 | 4) == 0 && findings.is_empty(),
        "cfn-lint found errors or warnings (exit {code}):\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
