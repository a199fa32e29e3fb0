//! `ecsxc fmt`: the command (`--check` and its exit statuses, standard input, folders,
//! files that do not parse), and the formatter over the corpus: every example and
//! every broken program that parses is formatted, formatting changes only the layout
//! (the tokens without white space and separating commas stay the same, and the
//! programs compile to the same templates and diagnostics), and formatting twice is
//! formatting once.

mod support;

use ecsxc::diagnostics::render::{render_all, MessageFormat};
use ecsxc::syntax::cst::{self, TokenKind};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use support::corpus::{files, relative};

fn ecsxc(args: &[&str], dir: &Path) -> Output {
    ecsxc_stdin(args, dir, None)
}

fn ecsxc_stdin(args: &[&str], dir: &Path, input: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ecsxc"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ecsxc");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.unwrap_or("").as_bytes()).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const UNFORMATTED: &str = "let web = ApplicationListener {\n  port: 80\n}\n";
const FORMATTED: &str = "let web = ApplicationListener { port: 80 }\n";
const BROKEN: &str = "let web = ApplicationListener {\n    port = 80\n}\n";

#[test]
fn check_passes_on_the_examples() {
    let o = ecsxc(&["fmt", "--check", "examples"], root());
    assert_eq!(
        o.status.code(),
        Some(0),
        "run `cargo run -- fmt examples`:\n{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    assert_eq!(text(&o.stdout), "");
}

#[test]
fn check_lists_the_files_that_would_change_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ecsx"), UNFORMATTED).unwrap();
    std::fs::write(dir.path().join("b.ecsx"), FORMATTED).unwrap();
    let o = ecsxc(&["fmt", "--check", "a.ecsx", "b.ecsx"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "a.ecsx\n");
    assert_eq!(text(&o.stderr), "");
    // Nothing was changed.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.ecsx")).unwrap(),
        UNFORMATTED
    );
    // Formatted files pass.
    let o = ecsxc(&["fmt", "--check", "b.ecsx"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "");
}

#[test]
fn fmt_rewrites_files_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ecsx");
    std::fs::write(&a, UNFORMATTED).unwrap();
    let o = ecsxc(&["fmt", "a.ecsx"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), FORMATTED);
    let o = ecsxc(&["fmt", "--check", "a.ecsx"], dir.path());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn standard_input_goes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    for args in [vec!["fmt"], vec!["fmt", "-"]] {
        let o = ecsxc_stdin(&args, dir.path(), Some(UNFORMATTED));
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(text(&o.stdout), FORMATTED);
    }
    // --check reads standard input and writes no program.
    let o = ecsxc_stdin(&["fmt", "--check"], dir.path(), Some(UNFORMATTED));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stdout), "<stdin>\n");
    let o = ecsxc_stdin(&["fmt", "--check", "-"], dir.path(), Some(FORMATTED));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "");
    // A program that does not parse: its diagnostics, no output, exit 2.
    let o = ecsxc_stdin(&["fmt"], dir.path(), Some(BROKEN));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout), "");
    assert!(text(&o.stderr).contains("E0001"), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("<stdin>:2:10"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn folders_stand_for_every_ecsx_file_below_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("src/nested")).unwrap();
    std::fs::create_dir_all(p.join(".hidden")).unwrap();
    std::fs::write(p.join("src/a.ecsx"), UNFORMATTED).unwrap();
    std::fs::write(p.join("src/nested/b.ecsx"), UNFORMATTED).unwrap();
    std::fs::write(p.join("src/nested/c.ecsx"), FORMATTED).unwrap();
    std::fs::write(p.join("src/notes.txt"), UNFORMATTED).unwrap();
    std::fs::write(p.join(".hidden/d.ecsx"), UNFORMATTED).unwrap();
    let o = ecsxc(&["fmt", "--check", "."], p);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stdout), "./src/a.ecsx\n./src/nested/b.ecsx\n");
    let o = ecsxc(&["fmt", "src"], p);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for f in ["src/a.ecsx", "src/nested/b.ecsx", "src/nested/c.ecsx"] {
        assert_eq!(
            std::fs::read_to_string(p.join(f)).unwrap(),
            FORMATTED,
            "{f}"
        );
    }
    // Only .ecsx files, and no hidden folder.
    assert_eq!(
        std::fs::read_to_string(p.join("src/notes.txt")).unwrap(),
        UNFORMATTED
    );
    assert_eq!(
        std::fs::read_to_string(p.join(".hidden/d.ecsx")).unwrap(),
        UNFORMATTED
    );
    let o = ecsxc(&["fmt", "--check", "src"], p);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_file_that_does_not_parse_is_left_alone_with_checks_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("broken.ecsx"), BROKEN).unwrap();
    std::fs::write(p.join("ugly.ecsx"), UNFORMATTED).unwrap();
    // Human reports: the same as `ecsxc check` prints.
    let fmt = ecsxc(&["fmt", "broken.ecsx"], p);
    let check = ecsxc(&["check", "broken.ecsx"], p);
    assert_eq!(fmt.status.code(), Some(2));
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&fmt.stderr).contains("E0001"), "{}", text(&fmt.stderr));
    assert_eq!(text(&fmt.stderr), text(&check.stderr));
    assert_eq!(
        std::fs::read_to_string(p.join("broken.ecsx")).unwrap(),
        BROKEN
    );
    // JSON lines: the same objects (on standard error, as standard output may carry
    // the program).
    let fmt = ecsxc(&["fmt", "--message-format", "json", "broken.ecsx"], p);
    let check = ecsxc(&["check", "--message-format", "json", "broken.ecsx"], p);
    assert_eq!(fmt.status.code(), Some(2));
    assert!(
        text(&check.stdout).contains("\"E0001\""),
        "{}",
        text(&check.stdout)
    );
    assert_eq!(text(&fmt.stderr), text(&check.stdout));
    // Other files are still formatted; the worst status wins.
    let o = ecsxc(&["fmt", "--check", "broken.ecsx", "ugly.ecsx"], p);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout), "ugly.ecsx\n");
    // A file that cannot be read.
    let o = ecsxc(&["fmt", "missing.ecsx"], p);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("E0004"), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("no such file"),
        "{}",
        text(&o.stderr)
    );
}

/// The tokens without white space and commas, and the program compiled: the
/// template, or the diagnostics without positions.
fn meaning(name: &str, source: &str) -> (Vec<(TokenKind, String)>, String) {
    let tree = cst::parse(source).unwrap_or_else(|| panic!("{name} does not parse"));
    let tokens = ecsxc::fmt::significant_tokens(source, &tree)
        .into_iter()
        .map(|(k, t)| (k, t.to_string()))
        .collect();
    let out = ecsxc::compile_bytes(name, source.as_bytes());
    let compiled = match &out.compiled {
        Some(c) => c.to_json(),
        None => out
            .diagnostics
            .iter()
            .map(|d| format!("{} {}\n", d.code.as_str(), d.message))
            .collect(),
    };
    (tokens, compiled)
}

/// Every file of the corpus: the examples (with the broken programs) and the standard
/// library.
fn corpus() -> Vec<std::path::PathBuf> {
    let mut all = files("examples");
    all.extend(files("stdlib"));
    all
}

#[test]
fn every_file_that_parses_is_formatted_and_only_its_layout_would_change() {
    let mut formatted = 0;
    for path in corpus() {
        let name = relative(&path);
        let bytes = std::fs::read(&path).unwrap();
        let Ok(source) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if ecsxc::fmt::is_skipped(source) {
            continue;
        }
        let Ok(out) = ecsxc::fmt::format_source(source) else {
            continue;
        };
        formatted += 1;
        assert_eq!(
            out, source,
            "{name} is not formatted: run `cargo run -- fmt {name}`"
        );
        assert_eq!(
            ecsxc::fmt::format_source(&out).as_deref(),
            Ok(source),
            "{name}"
        );
    }
    assert!(formatted > 100, "only {formatted} files formatted");
}

/// Lays out every token of `source` again: each on a line of its own (`own_lines`), or
/// all on one line but where a comment ends the line. Blank lines stay (they decide
/// which declaration a doc comment documents), and strings stay whole.
fn scramble(source: &str, own_lines: bool) -> String {
    let tree = cst::parse(source).unwrap();
    let mut glued = std::collections::HashSet::new();
    glue(&tree.root, &mut glued);
    let mut out = String::new();
    for (i, t) in tree.tokens.iter().enumerate() {
        if t.newlines_before >= 2 {
            out.push('\n');
        }
        out.push_str(tree.text(source, i));
        if matches!(t.kind, TokenKind::Comment | TokenKind::Doc) || own_lines && !glued.contains(&i)
        {
            out.push('\n');
        } else if !glued.contains(&i) {
            out.push(' ');
        }
    }
    out
}

/// The tokens inside strings that nothing may follow but the next piece of the string.
fn glue(node: &cst::Node, glued: &mut std::collections::HashSet<usize>) {
    let last = node.children.len().saturating_sub(1);
    for (i, child) in node.children.iter().enumerate() {
        match child {
            cst::Child::Token(t) => {
                let in_string = node.kind == cst::NodeKind::Str && i < last;
                let closes_interpolation = node.kind == cst::NodeKind::Interpolation && i == last;
                if in_string || closes_interpolation {
                    glued.insert(*t);
                }
            }
            cst::Child::Node(n) => glue(n, glued),
        }
    }
}

#[test]
fn formatting_any_layout_changes_only_the_layout_and_is_idempotent() {
    let mut checked = 0;
    for path in corpus() {
        let name = relative(&path);
        let bytes = std::fs::read(&path).unwrap();
        let Ok(source) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if ecsxc::fmt::is_skipped(source) || ecsxc::fmt::format_source(source).is_err() {
            continue;
        }
        let expected = meaning(&name, source);
        for own_lines in [true, false] {
            let messy = scramble(source, own_lines);
            let once = ecsxc::fmt::format_source(&messy)
                .unwrap_or_else(|d| panic!("{name} scrambled:\n{messy}\n{d:#?}"));
            let twice = ecsxc::fmt::format_source(&once).unwrap();
            assert_eq!(once, twice, "{name}: formatting is not idempotent");
            let got = meaning(&name, &once);
            assert_eq!(got.0, expected.0, "{name}: the tokens changed");
            if !name.starts_with("stdlib") {
                assert_eq!(
                    got.1, expected.1,
                    "{name}: the program compiles differently"
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files checked");
}

/// `source` without its `// ecsxc-fmt: skip` lines.
fn without_marker(source: &str) -> String {
    source
        .lines()
        .filter(|l| l.trim() != ecsxc::fmt::SKIP_MARKER)
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn files_that_do_not_parse_get_the_diagnostics_of_check() {
    let mut broken = 0;
    for path in files("examples") {
        let name = relative(&path);
        let bytes = std::fs::read(&path).unwrap();
        let marked = ecsxc::fmt::is_skipped(&String::from_utf8_lossy(&bytes));
        let Ok(source) = std::str::from_utf8(&bytes) else {
            assert!(marked, "{name} is not UTF-8 and has no skip marker");
            continue;
        };
        let source = without_marker(source);
        let Err(diags) = ecsxc::fmt::format_source(&source) else {
            // The marker is only for programs that do not parse.
            assert!(
                !marked,
                "{name} parses: remove its skip marker and format it"
            );
            continue;
        };
        assert!(marked, "{name} does not parse and has no skip marker");
        broken += 1;
        let out = ecsxc::compile_bytes(&name, source.as_bytes());
        let render = |d: &[ecsxc::diagnostics::Diagnostic]| {
            render_all(d, &out.sources, MessageFormat::Human, false, 100)
        };
        // fmt reports the syntax errors; `check` reports them too, and then the type
        // errors of the declarations that parsed (parse recovery).
        let syntax: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str().starts_with("E00"))
            .cloned()
            .collect();
        assert_eq!(render(&diags), render(&syntax), "{name}");
    }
    assert!(
        broken >= 5,
        "only {broken} broken programs that do not parse"
    );
}

#[test]
fn a_skip_marker_keeps_a_file_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let odd = format!("{}\n{UNFORMATTED}", ecsxc::fmt::SKIP_MARKER);
    let broken = format!("{}\n{BROKEN}", ecsxc::fmt::SKIP_MARKER);
    std::fs::write(dir.path().join("odd.ecsx"), &odd).unwrap();
    std::fs::write(dir.path().join("broken.ecsx"), &broken).unwrap();
    let o = ecsxc(&["fmt", "--check", "."], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let o = ecsxc(&["fmt", "odd.ecsx", "broken.ecsx"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("odd.ecsx")).unwrap(),
        odd
    );
    assert_eq!(
        ecsxc::fmt::format_source(&broken).as_deref(),
        Ok(broken.as_str())
    );
}

/// Comments, line breaks and blank lines put between random tokens of every example:
/// the result formats, formatting it again changes nothing, and no comment is lost.
#[test]
fn comments_and_line_breaks_anywhere_format_idempotently() {
    const INSERTS: [&str; 5] = [
        " // trailing\n",
        "\n// own line\n",
        "\n\n\n",
        "\n",
        "\n  /// doc\n",
    ];
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut checked = 0;
    for path in files("examples") {
        let name = relative(&path);
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        if ecsxc::fmt::is_skipped(&source) {
            continue;
        }
        let tree = cst::parse(&source).unwrap();
        let mut glued = std::collections::HashSet::new();
        glue(&tree.root, &mut glued);
        for _ in 0..5 {
            // Up to three insertions after tokens outside strings.
            let mut cuts: Vec<(usize, &str)> = (0..3)
                .filter_map(|_| {
                    let i = (next() as usize) % tree.tokens.len();
                    let insert = INSERTS[(next() as usize) % INSERTS.len()];
                    (!glued.contains(&i)).then(|| (tree.tokens[i].end, insert))
                })
                .collect();
            cuts.sort();
            let mut messy = String::new();
            let mut at = 0;
            for (cut, insert) in &cuts {
                messy.push_str(&source[at..*cut]);
                messy.push_str(insert);
                at = *cut;
            }
            messy.push_str(&source[at..]);
            // A doc comment where the grammar takes none does not parse: skip those.
            let Ok(once) = ecsxc::fmt::format_source(&messy) else {
                assert!(
                    messy.contains("/// doc"),
                    "{name}: does not format:\n{messy}"
                );
                continue;
            };
            let twice = ecsxc::fmt::format_source(&once).unwrap();
            assert_eq!(once, twice, "{name}: not idempotent from\n{messy}");
            for c in ["// trailing", "// own line", "/// doc"] {
                assert_eq!(
                    once.matches(c).count(),
                    messy.matches(c).count(),
                    "{name}: {c}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} variants checked");
}

/// Every example cut short at many places: the formatter never panics, and what it
/// formats is formatted.
#[test]
fn truncated_examples_never_panic() {
    for path in files("examples") {
        let bytes = std::fs::read(&path).unwrap();
        let source = String::from_utf8_lossy(&bytes);
        let step = (source.len() / 25).max(1);
        for end in (0..=source.len()).step_by(step) {
            let Some(cut) = source.get(..end) else {
                continue;
            };
            if let Ok(once) = ecsxc::fmt::format_source(cut) {
                let twice = ecsxc::fmt::format_source(&once);
                assert_eq!(twice.as_deref(), Ok(once.as_str()), "{}", relative(&path));
            }
        }
    }
}
