//! No input makes the compiler panic or hang: every example truncated at a sample of
//! byte offsets (and at every byte near its end), byte-level mutations, and
//! pathological inputs all end in a template or in diagnostics.

use std::path::PathBuf;

mod support;

/// Every example and broken program, in every folder.
fn corpus() -> Vec<PathBuf> {
    support::corpus::files("examples")
}

/// Compiles `bytes` and checks the output is consistent: errors and no template, or a
/// template and no errors.
fn compile(bytes: &[u8]) {
    let out = ecsxc::compile_bytes("input.ecsx", bytes);
    assert_eq!(
        out.has_errors(),
        out.compiled.is_none(),
        "errors and a template disagree"
    );
    if out.has_errors() {
        // Rendering must not panic either.
        let _ = ecsxc::diagnostics::render::render_all(
            &out.diagnostics,
            &out.sources,
            ecsxc::diagnostics::render::MessageFormat::Human,
            false,
            80,
        );
        let _ = ecsxc::diagnostics::render::render_all(
            &out.diagnostics,
            &out.sources,
            ecsxc::diagnostics::render::MessageFormat::Json,
            false,
            80,
        );
    }
}

/// Cut points per file: the corpus grows with every example, so each file is cut at a
/// bounded number of offsets. The first cut of file `i` is `i % step`, so across the
/// corpus every residue of the step is taken: cuts land in every kind of token.
const CUTS_PER_FILE: usize = 64;

#[test]
fn examples_truncated_anywhere() {
    for (i, path) in corpus().iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        let step = (bytes.len() + 1).div_ceil(CUTS_PER_FILE).max(1);
        for end in (i % step..=bytes.len()).step_by(step) {
            compile(&bytes[..end]);
        }
        // The last bytes are where unfinished declarations end: cut at each of them.
        for end in bytes.len().saturating_sub(16)..=bytes.len() {
            compile(&bytes[..end]);
        }
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn mutated_examples() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let specials: &[u8] = b"{}[]()\":,.=$\\/\n 0a_Z?|!\xff";
    for path in corpus() {
        let original = std::fs::read(&path).unwrap();
        if original.is_empty() {
            continue;
        }
        let rounds = if original.len() > 4_000 { 10 } else { 32 };
        for _ in 0..rounds {
            let mut bytes = original.clone();
            for _ in 0..(1 + rng.next() % 4) {
                let at = (rng.next() as usize) % bytes.len().max(1);
                let b = specials[(rng.next() as usize) % specials.len()];
                match rng.next() % 3 {
                    0 if at < bytes.len() => bytes[at] = b,
                    1 => bytes.insert(at.min(bytes.len()), b),
                    _ if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => {}
                }
            }
            compile(&bytes);
        }
    }
}

#[test]
fn pathological_inputs() {
    let deep_list = format!("let x = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_record = format!("let x = {}", "{ a: ".repeat(50_000));
    let deep_interp = format!("let x = {}", "\"${".repeat(50_000));
    let long_chain = format!("let x = a{}", ".b".repeat(100_000));
    let max_list = format!("let x = {}1{}", "[".repeat(63), "]".repeat(63));
    let max_record = format!("let x = {}1{}", "{ a: ".repeat(63), " }".repeat(63));
    let max_interp = format!("let x = {}1{}", "\"${".repeat(31), "}\"".repeat(31));
    let many_lets: String = (0..20_000)
        .map(|i| format!("let a{i} = a{}\n", i + 1))
        .collect();
    let self_cycle = "let a = a\n".to_string();
    let long_string = format!("let x = \"{}\"", "a".repeat(1_000_000));
    let huge_int = "let x = 99999999999999999999999999999".to_string();
    let nul = "let x = \"\0\"\n\0".to_string();
    for input in [
        deep_list,
        max_list,
        max_record,
        max_interp,
        deep_record,
        deep_interp,
        long_chain,
        many_lets,
        self_cycle,
        long_string,
        huge_int,
        nul,
        String::new(),
        "\u{FEFF}".to_string(),
        "///".to_string(),
    ] {
        compile(input.as_bytes());
    }
    compile(&[0xff, 0xfe, 0x00]);
    compile(&vec![b'a'; ecsxc::MAX_SOURCE_BYTES + 1]);
}
