//! ecsxc compiles `.ecsx` programs into AWS CloudFormation templates for Amazon ECS.
//!
//! ```text
//! bytes ─read─▶ source ─parse─▶ ast::Program ─check─▶ check::Program ─link─▶ model::Model ─lower─▶ ir::Template ─emit─▶ JSON / YAML
//!                                  (stdlib/*.ecsx)                             │ rules            + ir::Manifest ──────▶ deploy
//! ```
//!
//! Each arrow is a pure function in its own module: [`syntax::parse`],
//! [`check::check`], [`model::build`] (then [`rules::check`] over the model),
//! [`ir::lower`], [`emit::emit_json`] / [`emit::emit_yaml`].
//! [`compile_bytes`] and [`compile_path`] run them all. Every stage reports
//! problems as [`diagnostics::Diagnostic`]s and the next stage runs only when
//! there is no error.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::indexing_slicing
    )
)]

pub mod check;
#[cfg(feature = "deploy")]
pub mod deploy;
pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod limits;
pub mod lsp;
pub mod model;
pub mod rules;
pub mod source;
pub mod stdlib;
pub mod syntax;

use diagnostics::{Code, Diagnostic};
use source::{SourceId, SourceMap, Span};
use std::path::Path;

/// The largest program ecsxc reads (bytes). Larger files get `E0009`.
pub const MAX_SOURCE_BYTES: usize = 8 * 1024 * 1024;

/// A program compiled without errors: its template and what deploy needs to know.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The CloudFormation template.
    pub template: ir::Template,
    /// Parameters, images, services and tasks, for `ecsxc deploy`.
    pub manifest: ir::Manifest,
}

impl Compiled {
    /// The template as pretty JSON (deterministic, ends with a newline).
    pub fn to_json(&self) -> String {
        emit::emit_json(&self.template)
    }

    /// The template as YAML.
    pub fn to_yaml(&self) -> String {
        emit::emit_yaml(&self.template)
    }
}

/// Everything a compilation produced: the sources (to render diagnostics against),
/// the diagnostics (warnings too), and the result when there was no error.
#[derive(Debug)]
pub struct CompileOutput {
    /// The user's file and the standard library's files.
    pub sources: SourceMap,
    /// Every diagnostic, in source order within each stage.
    pub diagnostics: Vec<Diagnostic>,
    /// The compiled program, when no diagnostic is an error.
    pub compiled: Option<Compiled>,
    /// True when the file could not be read at all (exit status 2, not 1).
    pub io_error: bool,
}

impl CompileOutput {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }
}

/// Reads and compiles the file at `path`.
pub fn compile_path(path: &Path) -> CompileOutput {
    let name = SourceMap::display_name(path);
    match std::fs::read(path) {
        Ok(bytes) => compile_bytes(&name, &bytes),
        Err(err) => {
            let mut sources = SourceMap::new();
            let id = sources.add(name.clone(), "");
            let diag = Diagnostic::new(
                Code::Unreadable,
                Span::new(id, 0, 0),
                format!("cannot read `{name}`: {}", io_reason(&err)),
            )
            .help("check the path; ecsxc reads one .ecsx file");
            CompileOutput {
                sources,
                diagnostics: vec![diag],
                compiled: None,
                io_error: true,
            }
        }
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string().to_lowercase(),
    }
}

/// Stack for the compiler thread: the parser and checker recurse once per nesting
/// level (at most [`syntax::MAX_NESTING`]), which debug builds make deep.
const COMPILER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Compiles the program `bytes`, shown in diagnostics as `name`.
///
/// Runs on a thread of its own with a large stack, so that the depth of the caller's
/// stack (a test thread has 2 MiB) never decides whether a program compiles.
pub fn compile_bytes(name: &str, bytes: &[u8]) -> CompileOutput {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("ecsxc-compile".into())
            .stack_size(COMPILER_STACK_BYTES)
            .spawn_scoped(scope, || compile_bytes_here(name, bytes))
            .ok()
            .and_then(|handle| handle.join().ok())
    })
    .unwrap_or_else(|| compile_bytes_here(name, bytes))
}

/// [`compile_bytes`] on the current thread.
fn compile_bytes_here(name: &str, bytes: &[u8]) -> CompileOutput {
    let mut sources = SourceMap::new();
    let (id, mut diagnostics) = read_source(&mut sources, name, bytes);
    let mut compiled = None;
    if !diagnostics::has_errors(&diagnostics) {
        compiled = compile_source(&mut sources, id, &mut diagnostics);
    }
    CompileOutput {
        sources,
        diagnostics,
        compiled,
        io_error: false,
    }
}

/// Adds `bytes` to `sources` when they are a readable program; otherwise reports why not.
fn read_source(sources: &mut SourceMap, name: &str, bytes: &[u8]) -> (SourceId, Vec<Diagnostic>) {
    if bytes.len() > MAX_SOURCE_BYTES {
        let id = sources.add(name, "");
        let d = Diagnostic::new(
            Code::FileTooLarge,
            Span::new(id, 0, 0),
            format!(
                "`{name}` is {} bytes; ecsxc reads programs up to {} bytes",
                bytes.len(),
                MAX_SOURCE_BYTES
            ),
        )
        .help("split the program, or check that this is the file you meant");
        return (id, vec![d]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (sources.add(name, text), Vec::new()),
        Err(err) => {
            let valid = err.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Offsets in the lossy text match the original up to the first bad byte.
            let id = sources.add(name, text);
            // The lossy text has U+FFFD (3 bytes) where the first bad sequence was.
            let d = Diagnostic::new(
                Code::InvalidUtf8,
                Span::new(id, valid, valid + '\u{FFFD}'.len_utf8()),
                format!("`{name}` is not valid UTF-8 (byte {valid})"),
            )
            .label("invalid UTF-8 here")
            .help("ecsx programs are UTF-8 text; re-save the file as UTF-8");
            (id, vec![d])
        }
    }
}

/// Runs parse → check → lower → limits on a source already in `sources`.
fn compile_source(
    sources: &mut SourceMap,
    id: SourceId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Compiled> {
    // The AST owns its strings, so the source is only borrowed while parsing.
    let program = syntax::parse(id, &sources.get(id)?.text, diagnostics)?;
    if diagnostics::has_errors(diagnostics) {
        return None;
    }
    let lib = stdlib::load(sources, diagnostics);
    let checked = check::check(&program, &lib, diagnostics);
    // Components that checked are linked and held to the rules even when others have
    // type errors, so that one run reports every fault.
    let model = model::build(&checked);
    rules::check(&model, diagnostics);
    if diagnostics::has_errors(diagnostics) {
        return None;
    }
    let (template, manifest) = ir::lower(&model, diagnostics);
    if diagnostics::has_errors(diagnostics) {
        return None;
    }
    emit::check_limits(&template, diagnostics);
    if diagnostics::has_errors(diagnostics) {
        return None;
    }
    Some(Compiled { template, manifest })
}
