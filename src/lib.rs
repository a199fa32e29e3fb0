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

pub mod alloc;
pub mod cfn;
pub mod check;
#[cfg(feature = "deploy")]
pub mod deploy;
pub mod diagnostics;
pub mod emit;
pub mod fmt;
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
        Ok(bytes) => compile_bytes_in(&name, &bytes, Some(program_folder(path).as_path())),
        Err(err) => unreadable(&name, &err),
    }
}

/// The name diagnostics give the program read from standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a program from `reader` (standard input: `ecsxc build -`) and compiles it,
/// shown in diagnostics as `name`. Reads at most one byte past [`MAX_SOURCE_BYTES`].
pub fn compile_reader(name: &str, reader: impl std::io::Read) -> CompileOutput {
    use std::io::Read;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_SOURCE_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    match reader.take(limit).read_to_end(&mut bytes) {
        Ok(_) => compile_bytes(name, &bytes),
        Err(err) => unreadable(name, &err),
    }
}

/// `E0004` for a program that cannot be read.
fn unreadable(name: &str, err: &std::io::Error) -> CompileOutput {
    let mut sources = SourceMap::new();
    let id = sources.add(name, "");
    let diag = Diagnostic::new(
        Code::Unreadable,
        Span::new(id, 0, 0),
        format!("cannot read `{name}`: {}", io_reason(err)),
    )
    .help("check the path; ecsxc reads one .ecsx file");
    CompileOutput {
        sources,
        diagnostics: vec![diag],
        compiled: None,
        io_error: true,
    }
}

/// Why `err` happened, in lower case.
pub fn io_reason(err: &std::io::Error) -> String {
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
/// stack (a test thread has 2 MiB) never decides whether a program compiles. A panic
/// on that thread (a bug in ecsxc) is reported once, as `E0499` naming the program;
/// the compile is not run again.
pub fn compile_bytes(name: &str, bytes: &[u8]) -> CompileOutput {
    compile_bytes_in(name, bytes, None)
}

/// [`compile_bytes`] for a program whose file is in `folder`: the folders and
/// Dockerfiles its images are built from are looked up there (`E0356`). Without a folder
/// (standard input, an editor's unsaved buffer) that rule is skipped.
pub fn compile_bytes_in(name: &str, bytes: &[u8], folder: Option<&Path>) -> CompileOutput {
    on_compile_thread(name, bytes, || {
        compile_bytes_here(name, bytes, folder, &mut Session::default())
    })
}

/// What a compile may keep from the last compile of the same document, for the
/// language server, which compiles a document again on every change.
#[derive(Debug, Default)]
pub struct Session {
    /// The declarations parsed last time, by text ([`syntax::ParseCache`]).
    pub parse: Option<syntax::ParseCache>,
    /// Drop the compile's intermediate results (syntax tree, checked program) on a
    /// thread of their own, after the compile has answered.
    pub drop_later: bool,
}

/// [`compile_bytes_in`] for a document compiled again and again: the declarations
/// whose text has not changed since the last compile with the same `session` are not
/// parsed again. The output is exactly [`compile_bytes_in`]'s.
pub fn compile_bytes_session(
    name: &str,
    bytes: &[u8],
    folder: Option<&Path>,
    session: &mut Session,
) -> CompileOutput {
    on_compile_thread(name, bytes, || {
        compile_bytes_here(name, bytes, folder, session)
    })
}

/// The folder of the program at `path` (`.` for a bare file name).
pub fn program_folder(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}

/// The name of the thread [`compile_bytes`] compiles on.
const COMPILE_THREAD: &str = "ecsxc-compile";

/// Runs `compile` on a compile thread; turns a panic there into `E0499`. Only when no
/// thread can be started does it run `compile` on the caller's thread instead.
fn on_compile_thread(
    name: &str,
    bytes: &[u8],
    compile: impl FnOnce() -> CompileOutput + Send,
) -> CompileOutput {
    let mut compile = Some(compile);
    let joined = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name(COMPILE_THREAD.into())
            .stack_size(COMPILER_STACK_BYTES)
            .spawn_scoped(scope, || compile.take().map(|f| f()));
        match spawned {
            Ok(handle) => {
                let thread = handle.thread().id();
                Some(
                    handle
                        .join()
                        .map_err(|payload| panic_message(thread, &*payload)),
                )
            }
            Err(_) => None,
        }
    });
    match joined {
        Some(Ok(Some(out))) => out,
        Some(Err(message)) => internal_error(name, bytes, &message),
        // No thread could be started: compile on this one.
        Some(Ok(None)) | None => match compile.take() {
            Some(f) => f(),
            None => internal_error(name, bytes, "the compile thread returned nothing"),
        },
    }
}

/// Where panics of compile threads are kept for [`compile_bytes`] by the hook that
/// [`report_compile_panics_once`] installs: thread, message and place.
static COMPILE_PANICS: std::sync::Mutex<Vec<(std::thread::ThreadId, String)>> =
    std::sync::Mutex::new(Vec::new());

/// Makes a panic on a compile thread print nothing of its own: [`compile_bytes`] then
/// reports it as `E0499` with its message and the place in ecsxc's source, once. Panics
/// on other threads, and every panic while `RUST_BACKTRACE` is set, go to the hook that
/// was installed before. The `ecsxc` executable calls this at start-up.
pub fn report_compile_panics_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        let backtrace = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
        std::panic::set_hook(Box::new(move |info| {
            let current = std::thread::current();
            if backtrace || current.name() != Some(COMPILE_THREAD) {
                return previous(info);
            }
            let message = payload_text(info.payload());
            let place = info
                .location()
                .map(|l| format!(" (at {}:{}:{})", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            if let Ok(mut panics) = COMPILE_PANICS.lock() {
                panics.push((current.id(), format!("{message}{place}")));
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// The message of the panic that ended compile thread `thread`: what the hook kept, or
/// the payload.
fn panic_message(thread: std::thread::ThreadId, payload: &(dyn std::any::Any + Send)) -> String {
    let kept = COMPILE_PANICS.lock().ok().and_then(|mut panics| {
        let at = panics.iter().position(|(id, _)| *id == thread)?;
        Some(panics.swap_remove(at).1)
    });
    kept.unwrap_or_else(|| payload_text(payload))
}

/// The output of a compile that ended in a panic: one `E0499` at the start of the file.
fn internal_error(name: &str, bytes: &[u8], message: &str) -> CompileOutput {
    let mut sources = SourceMap::new();
    let text = std::str::from_utf8(bytes).unwrap_or("");
    let text = if text.len() <= MAX_SOURCE_BYTES {
        text
    } else {
        ""
    };
    let id = sources.add(name, text);
    let diag = Diagnostic::new(
        Code::Internal,
        Span::new(id, 0, 0),
        format!("internal compiler error while compiling `{name}`: {message}"),
    )
    .label("while compiling this program")
    .help("please report this program to the ecsxc developers");
    CompileOutput {
        sources,
        diagnostics: vec![diag],
        compiled: None,
        io_error: false,
    }
}

/// [`compile_bytes`] on the current thread.
fn compile_bytes_here(
    name: &str,
    bytes: &[u8],
    folder: Option<&Path>,
    session: &mut Session,
) -> CompileOutput {
    let mut sources = SourceMap::new();
    let (id, mut diagnostics) = read_source(&mut sources, name, bytes);
    let mut compiled = None;
    if !diagnostics::has_errors(&diagnostics) {
        compiled = compile_source(&mut sources, id, folder, &mut diagnostics, session);
    }
    CompileOutput {
        sources,
        diagnostics,
        compiled,
        io_error: false,
    }
}

/// Adds `bytes` to `sources` when they are a readable program; otherwise reports why not.
pub(crate) fn read_source(
    sources: &mut SourceMap,
    name: &str,
    bytes: &[u8],
) -> (SourceId, Vec<Diagnostic>) {
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
    folder: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
    session: &mut Session,
) -> Option<Compiled> {
    // The AST owns its strings, so the source is only borrowed while parsing.
    let text = &sources.get(id)?.text;
    let program = match &mut session.parse {
        Some(cache) => syntax::incremental::parse_cached(id, text, diagnostics, cache),
        None => syntax::parse(id, text, diagnostics),
    }?;
    let syntax_errors = diagnostics::has_errors(diagnostics);
    let lib = stdlib::load(sources, diagnostics);
    // After syntax errors the declarations that parsed are still type-checked (an
    // editor shows every error), but nothing later runs on a partial program.
    let checked = check::check(&program, &lib, diagnostics);
    // What the compile leaves to free, freed after the answer when the session says so.
    let mut garbage = Garbage::new();
    let compiled = if syntax_errors {
        None
    } else {
        compile_checked(&checked, folder, diagnostics, &mut garbage)
    };
    // The cache takes the syntax tree back, to reuse its unchanged declarations; what
    // it no longer needs is freed with the rest.
    garbage.push(match &mut session.parse {
        Some(cache) => Box::new(cache.keep(program)),
        None => Box::new(program),
    });
    if session.drop_later {
        drop_later((checked, garbage));
    }
    compiled
}

/// How many values given to [`drop_later`] are not yet dropped.
static DROPS_PENDING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Drops `garbage` on a thread of its own (here when no thread can be started).
pub(crate) fn drop_later<T: Send + 'static>(garbage: T) {
    use std::sync::atomic::Ordering::SeqCst;
    /// Counts one pending drop for as long as it lives.
    struct Pending;
    impl Drop for Pending {
        fn drop(&mut self) {
            DROPS_PENDING.fetch_sub(1, SeqCst);
        }
    }
    DROPS_PENDING.fetch_add(1, SeqCst);
    let pending = Pending;
    // When the thread cannot be started, the closure (and the garbage) drops here.
    let _ = std::thread::Builder::new()
        .name("ecsxc-drop".into())
        .spawn(move || {
            drop(garbage);
            drop(pending);
        });
}

/// Waits until everything given to the threads that free large values after an answer
/// is freed, as it is between two keystrokes in an editor. For benchmarks, which
/// otherwise measure the next change while the previous one is still being freed.
pub fn wait_for_dropped() {
    while DROPS_PENDING.load(std::sync::atomic::Ordering::SeqCst) > 0 {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// Large values a compile no longer needs, to be freed together.
type Garbage = Vec<Box<dyn Send>>;

/// Runs model → rules → lower → limits on a checked program; what it no longer needs
/// (the model's parts, a template with errors) goes to `garbage`.
fn compile_checked(
    checked: &check::Program,
    folder: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
    garbage: &mut Garbage,
) -> Option<Compiled> {
    // Components that checked are linked and held to the rules even when others have
    // type errors, so that one run reports every fault.
    let mut model = model::build(checked);
    model.folder = folder.map(Path::to_path_buf);
    rules::check(&model, diagnostics);
    let mut compiled = None;
    if !diagnostics::has_errors(diagnostics) {
        let (template, manifest) = ir::lower(&model, diagnostics);
        if !diagnostics::has_errors(diagnostics) {
            emit::check_limits(&template, diagnostics);
        }
        if diagnostics::has_errors(diagnostics) {
            // A template with errors is not kept.
            garbage.push(Box::new((template, manifest)));
        } else {
            compiled = Some(Compiled { template, manifest });
        }
    }
    garbage.push(Box::new(model.take_parts()));
    compiled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_for_dropped_returns_once_every_later_drop_ran() {
        /// Sets its flag when dropped, after a while.
        struct Slow(std::sync::Arc<std::sync::atomic::AtomicBool>);
        impl Drop for Slow {
            fn drop(&mut self) {
                std::thread::sleep(std::time::Duration::from_millis(20));
                self.0.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
        let dropped = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        drop_later(Slow(dropped.clone()));
        wait_for_dropped();
        assert!(dropped.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn a_panic_on_the_compile_thread_is_one_e0499_naming_the_program() {
        report_compile_panics_once();
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let out = on_compile_thread("boom.ecsx", b"let x = 1\n", || {
            runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            panic!("stage broke")
        });
        assert_eq!(
            runs.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "run once"
        );
        assert_eq!(out.diagnostics.len(), 1);
        let d = &out.diagnostics[0];
        assert_eq!(d.code, Code::Internal);
        assert!(
            d.message
                .starts_with("internal compiler error while compiling `boom.ecsx`: stage broke"),
            "{}",
            d.message
        );
        if std::env::var_os("RUST_BACKTRACE").is_none_or(|v| v == "0") {
            assert!(d.message.contains("src/lib.rs:"), "{}", d.message);
        }
        assert!(out.has_errors() && out.compiled.is_none() && !out.io_error);
        assert_eq!(
            out.sources.get(d.span().source).unwrap().text,
            "let x = 1\n"
        );
    }

    #[test]
    fn a_compile_that_does_not_panic_runs_once() {
        let out = on_compile_thread("ok.ecsx", b"", || {
            compile_bytes_here("ok.ecsx", b"", None, &mut Session::default())
        });
        assert!(out.diagnostics.iter().all(|d| d.code != Code::Internal));
    }
}
