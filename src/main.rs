//! The `ecsxc` command line: arguments, reading files, printing reports, exit codes.
//! Everything else lives in the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use ecsxc::diagnostics::render::{render_all, render_error_json, MessageFormat};
use ecsxc::diagnostics::{Code, Diagnostic};
use ecsxc::source::{SourceMap, Span};
use ecsxc::CompileOutput;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// ecsxc: compile .ecsx programs to AWS CloudFormation for Amazon ECS, and deploy them.
#[derive(Parser, Debug)]
#[command(name = "ecsxc", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// How diagnostics are printed: `human` (a report with the source) or `json`
    /// (one object per line, for editors).
    #[arg(long, value_enum, global = true, default_value = "human")]
    message_format: MessageFormat,

    /// When to colour output: `auto` (only on a terminal, never with NO_COLOR), `always`, `never`.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compile a program and print (or write) its CloudFormation template.
    Build(BuildArgs),
    /// Check a program and print its diagnostics; writes no template.
    Check(CheckArgs),
    /// Format programs in the canonical layout (files, folders, or standard input).
    Fmt(FmtArgs),
    /// Run the language server on standard input and output (for editors).
    Lsp,
    #[cfg(feature = "deploy")]
    #[command(flatten)]
    Deploy(ecsxc::deploy::DeployCommand),
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// The .ecsx program (`-`: read it from standard input).
    file: PathBuf,
    /// Write the template to this file instead of standard output (untouched on errors;
    /// never the program itself; `-`: standard output).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Template format.
    #[arg(long, value_enum, default_value = "json")]
    format: TemplateFormat,
    /// Only check: print diagnostics, write no template.
    #[arg(long)]
    check: bool,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// The .ecsx program (`-`: read it from standard input).
    file: PathBuf,
}

#[derive(Args, Debug)]
struct FmtArgs {
    /// Files, and folders (every .ecsx file below them); none, or `-`, formats standard
    /// input to standard output.
    files: Vec<PathBuf>,
    /// Change no file: list the files that are not formatted, and exit 1 if there is one.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Json,
    Yaml,
}

fn main() -> ExitCode {
    ecsxc::report_compile_panics_once();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let color = use_color(cli.color);
    match cli.command {
        Command::Build(args) if args.check => check(&args.file, cli.message_format, color),
        Command::Build(args) => build(&args, cli.message_format, color),
        Command::Check(args) => check(&args.file, cli.message_format, color),
        Command::Fmt(args) => ExitCode::from(ecsxc::fmt::cli::run(
            &args.files,
            &ecsxc::fmt::cli::Options {
                check: args.check,
                message_format: cli.message_format,
                color,
                width: terminal_width(),
            },
        )),
        Command::Lsp => ecsxc::lsp::run(),
        #[cfg(feature = "deploy")]
        Command::Deploy(cmd) => ecsxc::deploy::run(
            cmd,
            &ecsxc::deploy::Global {
                message_format: cli.message_format,
                color,
            },
        ),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}

/// Prints a command-line error of clap (exit 2), as one JSON line when the arguments ask
/// for `--message-format json`; help and version go out as clap writes them (exit 0).
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    if err.use_stderr() && json_requested(std::env::args_os().skip(1)) {
        let text = err.render().to_string();
        let mut lines = text.trim().lines();
        let first = lines.next().unwrap_or("");
        let message = first.strip_prefix("error: ").unwrap_or(first);
        let help: Vec<&str> = lines.map(str::trim).filter(|l| !l.is_empty()).collect();
        let help = help.join(" ");
        let line = render_error_json(message, (!help.is_empty()).then_some(help.as_str()));
        let _ = writeln!(std::io::stderr(), "{line}");
    } else {
        let _ = err.print();
    }
    ExitCode::from(2)
}

/// True when `args` hold `--message-format json` (or `=json`), read without clap (for
/// errors clap found in the arguments).
fn json_requested(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let args: Vec<_> = args.collect();
    args.iter().enumerate().any(|(i, a)| {
        a == "--message-format=json"
            || (a == "--message-format" && args.get(i + 1).is_some_and(|v| v == "json"))
    })
}

/// Prints the diagnostics of `out` and returns the exit status for them: 0 clean
/// (warnings allowed), 1 errors in the program, 2 unreadable file. Reports go to
/// standard error, except JSON diagnostics of `check`, which go to standard output
/// for editors (no template is printed there).
fn report(out: &CompileOutput, format: MessageFormat, color: bool, to_stdout: bool) -> ExitCode {
    print_diagnostics(&out.diagnostics, &out.sources, format, color, to_stdout);
    if out.io_error {
        ExitCode::from(2)
    } else if out.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    format: MessageFormat,
    color: bool,
    to_stdout: bool,
) {
    let width = terminal_width();
    let text = render_all(diagnostics, sources, format, color, width);
    if to_stdout && format == MessageFormat::Json {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// Reports one diagnostic about a file that is not the program's text (the output file),
/// on standard error, and returns exit status 2.
fn file_error(
    file: &str,
    code: Code,
    message: String,
    help: &str,
    format: MessageFormat,
    color: bool,
) -> ExitCode {
    let mut sources = SourceMap::new();
    let id = sources.add(file, "");
    let diag = Diagnostic::new(code, Span::new(id, 0, 0), message).help(help);
    print_diagnostics(&[diag], &sources, format, color, false);
    ExitCode::from(2)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Why a write failed, in lower case: a missing file there means a missing folder.
fn write_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such folder".to_string(),
        _ => ecsxc::io_reason(err),
    }
}

/// True for the path `-`: standard input (as the program) or standard output (as `-o`).
fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Compiles the program at `file`, or the one on standard input for `-`.
fn compile(file: &Path) -> CompileOutput {
    if is_stdio(file) {
        ecsxc::compile_reader(ecsxc::STDIN_NAME, std::io::stdin().lock())
    } else {
        ecsxc::compile_path(file)
    }
}

fn check(file: &Path, format: MessageFormat, color: bool) -> ExitCode {
    let out = compile(file);
    report(&out, format, color, true)
}

/// True when `a` and `b` are the same existing file (the same device and inode on Unix,
/// the same canonical path elsewhere), through links and different spellings.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

fn build(args: &BuildArgs, format: MessageFormat, color: bool) -> ExitCode {
    let output = args.output.as_deref().filter(|p| !is_stdio(p));
    if let Some(path) = output {
        if !is_stdio(&args.file) && same_file(&args.file, path) {
            return file_error(
                &SourceMap::display_name(&args.file),
                Code::OutputIsInput,
                format!(
                    "`-o {}` is the program itself: the template would replace it",
                    path.display()
                ),
                "write the template to another file, such as `-o template.json`",
                format,
                color,
            );
        }
    }
    let out = compile(&args.file);
    let status = report(&out, format, color, false);
    let Some(compiled) = out.compiled.as_ref().filter(|_| !out.has_errors()) else {
        return status;
    };
    let text = match args.format {
        TemplateFormat::Json => compiled.to_json(),
        TemplateFormat::Yaml => compiled.to_yaml(),
    };
    match output {
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            status
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => status,
            Err(err) => file_error(
                &SourceMap::display_name(path),
                Code::Unwritable,
                format!("cannot write `{}`: {}", path.display(), write_reason(&err)),
                "check that the folder exists and can be written to",
                format,
                color,
            ),
        },
    }
}
