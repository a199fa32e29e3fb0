//! The example corpus: every `.ecsx` file under `examples/` (recursively), compiling
//! one, and splitting a template into the resources of each component.

use std::path::{Path, PathBuf};

/// The repository root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository root, as diagnostics show it.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every `.ecsx` file under `dir` (relative to the root), recursively, sorted.
pub fn files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "ecsx") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), &mut out);
    out.sort();
    out
}

/// The examples that must compile: every file under `examples/` but `examples/broken/`.
pub fn examples() -> Vec<PathBuf> {
    let broken = root().join("examples/broken");
    files("examples")
        .into_iter()
        .filter(|p| !p.starts_with(&broken))
        .collect()
}

/// Reads and compiles `path`, named as diagnostics show it.
pub fn compile(path: &Path) -> (String, ecsxc::CompileOutput) {
    let bytes = std::fs::read(path).unwrap();
    let name = relative(path);
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let folder = ecsxc::program_folder(path);
    (
        source,
        ecsxc::compile_bytes_in(&name, &bytes, Some(&folder)),
    )
}

/// The resources one component produced, for its own snapshot.
pub struct Part {
    /// The snapshot's name: the example's path and the binding.
    pub name: String,
    /// The component's code.
    pub source: String,
    /// Its resources, as template JSON.
    pub json: String,
}

/// Splits a compiled example into its components' resources (each resource belongs to
/// the binding whose code holds the code it came from), plus a part `template` with
/// the description, parameters and outputs.
pub fn components(
    source: &str,
    out: &ecsxc::CompileOutput,
    compiled: &ecsxc::Compiled,
) -> Vec<Part> {
    let template = &compiled.template;
    let value = ecsxc::emit::to_value(template);
    let spans = bindings(source);
    let mut parts: Vec<Part> = Vec::new();
    let mut claimed = Vec::new();
    for (name, start, end) in &spans {
        let mut resources = serde_json::Map::new();
        for (id, r) in &template.resources {
            // The program is source 0; the standard library's files come after it.
            let inside = r.span.source.0 == 0
                && *start <= r.span.start as usize
                && r.span.end as usize <= *end;
            if inside {
                resources.insert(id.clone(), value["Resources"][id].clone());
                claimed.push(id.clone());
            }
        }
        if resources.is_empty() {
            continue;
        }
        parts.push(Part {
            name: name.clone(),
            source: source[*start..*end].to_string(),
            json: serde_json::to_string_pretty(&resources).unwrap(),
        });
    }
    let unclaimed: Vec<&String> = template
        .resources
        .keys()
        .filter(|k| !claimed.contains(k))
        .collect();
    assert!(
        unclaimed.is_empty(),
        "resources of no binding: {unclaimed:?}"
    );
    let mut rest = serde_json::Map::new();
    for key in ["Description", "Parameters", "Outputs"] {
        if let Some(v) = value.get(key) {
            rest.insert(key.to_string(), v.clone());
        }
    }
    let diagnostics: Vec<String> = out
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    parts.push(Part {
        name: "template".into(),
        source: format!(
            "(the template's description, parameters and outputs; diagnostics: {})",
            if diagnostics.is_empty() {
                "none".to_string()
            } else {
                diagnostics.join("; ")
            }
        ),
        json: serde_json::to_string_pretty(&rest).unwrap(),
    });
    parts
}

/// The `let` bindings of a program with the byte range of each declaration: from its
/// `let` to the last line before the next top-level declaration or comment.
fn bindings(source: &str) -> Vec<(String, usize, usize)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let top = |l: &str| {
        ["let ", "export ", "param ", "//"]
            .iter()
            .any(|k| l.starts_with(k))
    };
    let mut out = Vec::new();
    for (i, (start, line)) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("let ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let mut end = start + line.trim_end().len();
        for (s, l) in lines.iter().skip(i + 1) {
            if top(l) {
                break;
            }
            if !l.trim().is_empty() {
                end = s + l.trim_end().len();
            }
        }
        out.push((name, *start, end));
    }
    out
}

/// cfn-lint (PyPI `cfn-lint==1.58.0`): `ECSXC_CFN_LINT`, or `.venv/bin/cfn-lint` as
/// `scripts/test.sh` installs it. Fails (never skips) when it is missing or another
/// version.
pub fn cfn_lint() -> PathBuf {
    let lint = match std::env::var_os("ECSXC_CFN_LINT") {
        Some(p) => PathBuf::from(p),
        None => root().join(".venv/bin/cfn-lint"),
    };
    assert!(
        lint.exists(),
        "cfn-lint not found: run ./scripts/test.sh (it installs cfn-lint==1.58.0 into .venv), or set ECSXC_CFN_LINT"
    );
    let version = std::process::Command::new(&lint)
        .arg("--version")
        .output()
        .expect("run cfn-lint");
    let version = String::from_utf8_lossy(&version.stdout).to_string()
        + &String::from_utf8_lossy(&version.stderr);
    assert!(
        version.contains("1.58.0"),
        "expected cfn-lint 1.58.0, found {version}"
    );
    lint
}
