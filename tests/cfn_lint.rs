//! Every example's template (`examples/**`, but `examples/broken`) passes cfn-lint
//! (PyPI `cfn-lint==1.58.0`) with no errors and no warnings.
//!
//! `scripts/test.sh` installs cfn-lint into `.venv` and sets `ECSXC_CFN_LINT`; without
//! it this test fails (it is never skipped) and says how to install it.

mod support;

use std::process::Command;

#[test]
fn every_example_template_passes_cfn_lint() {
    let lint = support::corpus::cfn_lint();
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
