//! Every example's YAML template loads in PyYAML (a YAML 1.1 reader, as many tools built
//! on it are) equal to its JSON template: no string is read back as a date, a boolean,
//! a number or null. A program of such strings checks the quoting on purpose.
//!
//! `scripts/test.sh` installs PyYAML (pinned) into `.venv`; the test finds its Python
//! through `ECSXC_PYTHON` or `.venv/bin/python`, and fails (never skips) without it.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned PyYAML version `scripts/test.sh` installs.
const PYYAML_VERSION: &str = "6.0.4";

/// Loads every `(json, yaml)` pair of files with `json.load` and PyYAML's `safe_load`
/// and returns the pairs that differ, with both values.
fn pyyaml_differences(pairs: &[(PathBuf, PathBuf)]) -> String {
    const SCRIPT: &str = r#"
import json, sys, yaml
expected = sys.argv[1]
if yaml.__version__ != expected:
    sys.exit(f"expected PyYAML {expected}, found {yaml.__version__}")
args = sys.argv[2:]
bad = []
for j, y in zip(args[::2], args[1::2]):
    with open(j, encoding="utf-8") as f:
        from_json = json.load(f)
    with open(y, encoding="utf-8") as f:
        from_yaml = yaml.safe_load(f)
    def walk(a, b, path):
        if type(a) is not type(b) or (not isinstance(a, (dict, list)) and a != b):
            bad.append(f"{y} {path}: json {a!r}, yaml {b!r}")
        elif isinstance(a, dict):
            if list(a) != list(b):
                bad.append(f"{y} {path}: json keys {list(a)!r}, yaml keys {list(b)!r}")
            for k in a:
                walk(a[k], b.get(k), f"{path}/{k}")
        elif isinstance(a, list):
            if len(a) != len(b):
                bad.append(f"{y} {path}: json {len(a)} items, yaml {len(b)}")
            for i, (x, z) in enumerate(zip(a, b)):
                walk(x, z, f"{path}/{i}")
    walk(from_json, from_yaml, "")
print("\n".join(bad))
"#;
    let mut cmd = Command::new(support::python(&format!("pyyaml=={PYYAML_VERSION}")));
    cmd.arg("-c").arg(SCRIPT).arg(PYYAML_VERSION);
    for (json, yaml) in pairs {
        cmd.arg(json).arg(yaml);
    }
    let out = cmd.output().expect("run python");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write_pair(dir: &Path, name: &str, compiled: &ecsxc::Compiled) -> (PathBuf, PathBuf) {
    let json = dir.join(format!("{name}.json"));
    let yaml = dir.join(format!("{name}.yaml"));
    std::fs::write(&json, compiled.to_json()).unwrap();
    std::fs::write(&yaml, compiled.to_yaml()).unwrap();
    (json, yaml)
}

#[test]
fn every_example_yaml_loads_in_pyyaml_equal_to_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let examples = support::corpus::examples();
    assert!(!examples.is_empty());
    let mut pairs = Vec::new();
    for path in &examples {
        let (_, out) = support::corpus::compile(path);
        let compiled = out
            .compiled
            .unwrap_or_else(|| panic!("{} does not compile", path.display()));
        let name = support::corpus::relative(path).replace('/', "__");
        pairs.push(write_pair(dir.path(), &name, &compiled));
    }
    let bad = pyyaml_differences(&pairs);
    assert!(bad.is_empty(), "PyYAML reads these differently:\n{bad}");
}

/// Strings a YAML 1.1 reader would take for another type, as environment values and
/// tags (keys and values), plus strings that are plain in every reader.
const AMBIGUOUS: &[&str] = &[
    "2012-10-17",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "N",
    "True",
    "FALSE",
    "~",
    "null",
    "NULL",
    "",
    "0755",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "+12",
    "-0",
    "1:20",
    "190:20:30.15",
    "1e3",
    "6.8523015e+5",
    ".5",
    "1.",
    ".inf",
    "-.Inf",
    ".NaN",
    "=",
    "<<",
    "10.0.0.0",
    "it's 'quoted'",
    "\u{E000}0",
    "plain text",
    "10.0.0.0/16",
];

#[test]
fn strings_yaml_11_reads_as_other_types_are_quoted() {
    let mut environment = String::new();
    let mut tags = String::new();
    for (i, s) in AMBIGUOUS.iter().enumerate() {
        let quoted = serde_json::to_string(s).unwrap();
        environment.push_str(&format!("V{i}: {quoted}, "));
        // Tags take letters, digits, spaces and `_.:/=+-@` only.
        if !s.is_empty() && !s.contains(['~', '<', '\'', '\u{E000}']) {
            tags.push_str(&format!("{quoted}: {quoted}, "));
        }
    }
    let program = format!(
        "let web = ApplicationListener {{ port: 80 }}\n\
         let nginx = FargateService {{\n    tags: {{ {tags} }}\n    containers: {{ nginx: {{ image: \"nginx\", memory: 128, portMappings: [web], environment: {{ {environment} }} }} }}\n}}\n"
    );
    let out = ecsxc::compile_bytes("ambiguous.ecsx", program.as_bytes());
    let compiled = out.compiled.unwrap_or_else(|| {
        panic!(
            "does not compile:\n{program}\n{:?}",
            out.diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        )
    });
    let yaml = compiled.to_yaml();
    for s in AMBIGUOUS {
        assert!(
            compiled
                .to_json()
                .contains(&serde_json::to_string(s).unwrap()),
            "{s:?} is not in the template"
        );
    }
    assert!(yaml.contains("Value: '2012-10-17'"), "{yaml}");
    assert!(yaml.contains("Value: 'yes'"), "{yaml}");
    assert!(yaml.contains("Value: plain text"), "{yaml}");
    let dir = tempfile::tempdir().unwrap();
    let pair = write_pair(dir.path(), "ambiguous", &compiled);
    let bad = pyyaml_differences(&[pair]);
    assert!(
        bad.is_empty(),
        "PyYAML reads these differently:\n{bad}\n{yaml}"
    );
}
