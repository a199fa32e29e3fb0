//! The command line around the compiler: `-` for standard input, `-o` that never
//! overwrites the program, errors that follow `--message-format`, and columns that the
//! human report and JSON count the same way.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn ecsxc_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecsxc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ecsxc");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn nginx() -> Vec<u8> {
    std::fs::read(root().join("examples/nginx.ecsx")).unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every line of `s` parsed as JSON.
fn json_lines(s: &[u8]) -> Vec<serde_json::Value> {
    text(s)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn build_refuses_to_write_the_template_over_its_program() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::write(d.join("self.ecsx"), nginx()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("self.ecsx"), d.join("link.ecsx")).unwrap();
    let mut cases = vec![
        ("self.ecsx", "self.ecsx"),
        ("self.ecsx", "./sub/../self.ecsx"),
    ];
    if cfg!(unix) {
        cases.push(("link.ecsx", "self.ecsx"));
        cases.push(("self.ecsx", "link.ecsx"));
    }
    for (input, output) in cases {
        for format in ["json", "yaml"] {
            let o = ecsxc_in(d, &["build", input, "-o", output, "--format", format], None);
            assert_eq!(o.status.code(), Some(2), "{input} -o {output}");
            let err = text(&o.stderr);
            assert!(
                err.contains("E0406") && err.contains("is the program itself"),
                "{err}"
            );
            assert!(o.stdout.is_empty());
            assert_eq!(std::fs::read(d.join("self.ecsx")).unwrap(), nginx());
        }
        let o = ecsxc_in(
            d,
            &["--message-format", "json", "build", input, "-o", output],
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        let lines = json_lines(&o.stderr);
        assert_eq!(lines.len(), 1, "{}", text(&o.stderr));
        assert_eq!(lines[0]["code"], "E0406");
        assert_eq!(std::fs::read(d.join("self.ecsx")).unwrap(), nginx());
    }
    // Another file is written as before.
    let o = ecsxc_in(d, &["build", "self.ecsx", "-o", "self.json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(d.join("self.json").exists());
}

#[test]
fn dash_reads_the_program_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let from_file = ecsxc_in(root(), &["build", "examples/nginx.ecsx"], None);
    assert_eq!(from_file.status.code(), Some(0));
    let from_stdin = ecsxc_in(dir.path(), &["build", "-"], Some(&nginx()));
    assert_eq!(
        from_stdin.status.code(),
        Some(0),
        "{}",
        text(&from_stdin.stderr)
    );
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let o = ecsxc_in(dir.path(), &["check", "-"], Some(&nginx()));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = ecsxc_in(dir.path(), &["build", "-", "--check"], Some(&nginx()));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));

    let broken = b"let web = ApplicationListener { port: 80 }\nlet x = nope\n";
    let o = ecsxc_in(dir.path(), &["check", "-"], Some(broken));
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("[<stdin>:2:9]") && err.contains("E0101"),
        "{err}"
    );
    let o = ecsxc_in(
        dir.path(),
        &["--message-format", "json", "check", "-"],
        Some(broken),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o.stdout);
    assert!(lines
        .iter()
        .any(|l| l["file"] == "<stdin>" && l["code"] == "E0101"));
    // `-o -` is standard output.
    let o = ecsxc_in(dir.path(), &["build", "-", "-o", "-"], Some(&nginx()));
    assert_eq!(o.stdout, from_file.stdout);
    assert!(!dir.path().join("-").exists());
}

#[test]
fn a_failed_write_follows_the_message_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/t.json");
    let out = out.to_str().unwrap();
    let o = ecsxc_in(root(), &["build", "examples/nginx.ecsx", "-o", out], None);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("E0407") && err.contains("cannot write") && err.contains("no such folder"),
        "{err}"
    );
    for args in [
        vec![
            "--message-format",
            "json",
            "build",
            "examples/nginx.ecsx",
            "-o",
            out,
        ],
        vec![
            "build",
            "examples/nginx.ecsx",
            "-o",
            out,
            "--message-format=json",
        ],
    ] {
        let o = ecsxc_in(root(), &args, None);
        assert_eq!(o.status.code(), Some(2));
        let lines = json_lines(&o.stderr);
        assert_eq!(lines.len(), 1, "{}", text(&o.stderr));
        assert_eq!(lines[0]["code"], "E0407");
        assert!(lines[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot write"));
    }
}

#[test]
fn command_line_errors_follow_the_message_format() {
    for args in [
        vec!["--message-format", "json", "build", "--bogus"],
        vec!["--message-format=json", "check"],
        vec![
            "--message-format",
            "json",
            "build",
            "x.ecsx",
            "--format",
            "toml",
        ],
    ] {
        let o = ecsxc_in(root(), &args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let lines = json_lines(&o.stderr);
        assert_eq!(lines.len(), 1, "{}", text(&o.stderr));
        assert_eq!(lines[0]["severity"], "error");
        assert_eq!(lines[0]["code"], serde_json::Value::Null);
        assert!(!lines[0]["message"].as_str().unwrap().is_empty());
    }
    let o = ecsxc_in(root(), &["build", "--bogus"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("error: unexpected argument"));
    // Errors of the deploy commands too (this one comes before any AWS call).
    let o = ecsxc_in(
        root(),
        &[
            "--message-format",
            "json",
            "deploy",
            "examples/nginx.ecsx",
            "--stack",
            "web",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let lines = json_lines(&o.stderr);
    assert_eq!(lines.len(), 1, "{}", text(&o.stderr));
    assert_eq!(lines[0]["code"], serde_json::Value::Null);
    assert!(lines[0]["message"]
        .as_str()
        .unwrap()
        .starts_with("refusing to deploy without confirmation"));
    // Unreadable programs too.
    let o = ecsxc_in(
        root(),
        &["--message-format", "json", "build", "missing.ecsx"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json_lines(&o.stderr)[0]["code"], "E0004");
}

/// Columns count characters (Unicode scalar values) from 1; a byte-order mark counts none.
#[test]
fn human_and_json_columns_agree_on_non_ascii_lines_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let line = "let names = [\"é\", \"ö\", \"🦀\", nope]";
    let program = format!("\u{FEFF}let other = nope2\n{line}\n");
    std::fs::write(dir.path().join("u.ecsx"), &program).unwrap();
    let col2 = line[..line.find("nope").unwrap()].chars().count() + 1;
    assert_eq!(col2, 29);
    let col1 = "let other = ".chars().count() + 1;

    let human = ecsxc_in(dir.path(), &["check", "u.ecsx"], None);
    assert_eq!(human.status.code(), Some(1));
    let err = text(&human.stderr);
    assert!(err.contains(&format!("[u.ecsx:1:{col1}]")), "{err}");
    assert!(err.contains(&format!("[u.ecsx:2:{col2}]")), "{err}");

    let json = ecsxc_in(
        dir.path(),
        &["--message-format", "json", "check", "u.ecsx"],
        None,
    );
    let lines = json_lines(&json.stdout);
    let starts: Vec<_> = lines
        .iter()
        .filter(|l| l["code"] == "E0101")
        .map(|l| {
            (
                l["start"]["line"].as_u64().unwrap(),
                l["start"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(starts, [(1, col1 as u64), (2, col2 as u64)]);
    let first = lines.iter().find(|l| l["code"] == "E0101").unwrap();
    assert_eq!(first["end"]["column"].as_u64().unwrap(), col1 as u64 + 5);
}
