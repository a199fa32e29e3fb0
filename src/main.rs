//! The `ecsxc` command line: arguments, reading files, printing reports, exit codes.
//! Everything else lives in the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use ecsxc::diagnostics::render::{render_all, MessageFormat};
use ecsxc::CompileOutput;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    /// Run the language server on standard input and output (for editors).
    Lsp,
    #[cfg(feature = "deploy")]
    #[command(flatten)]
    Deploy(ecsxc::deploy::DeployCommand),
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// The .ecsx program.
    file: PathBuf,
    /// Write the template to this file instead of standard output (untouched on errors).
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
    /// The .ecsx program.
    file: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TemplateFormat {
    Json,
    Yaml,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let color = use_color(cli.color);
    match cli.command {
        Command::Build(args) if args.check => check(&args.file, cli.message_format, color),
        Command::Build(args) => build(&args, cli.message_format, color),
        Command::Check(args) => check(&args.file, cli.message_format, color),
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

/// Prints the diagnostics of `out` and returns the exit status for them: 0 clean
/// (warnings allowed), 1 errors in the program, 2 unreadable file. Reports go to
/// standard error, except JSON diagnostics of `check`, which go to standard output
/// for editors (no template is printed there).
fn report(out: &CompileOutput, format: MessageFormat, color: bool, to_stdout: bool) -> ExitCode {
    let width = terminal_width();
    let text = render_all(&out.diagnostics, &out.sources, format, color, width);
    if to_stdout && format == MessageFormat::Json {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    if out.io_error {
        ExitCode::from(2)
    } else if out.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn check(file: &std::path::Path, format: MessageFormat, color: bool) -> ExitCode {
    let out = ecsxc::compile_path(file);
    report(&out, format, color, true)
}

fn build(args: &BuildArgs, format: MessageFormat, color: bool) -> ExitCode {
    let out = ecsxc::compile_path(&args.file);
    let status = report(&out, format, color, false);
    let Some(compiled) = out.compiled.as_ref().filter(|_| !out.has_errors()) else {
        return status;
    };
    let text = match args.format {
        TemplateFormat::Json => compiled.to_json(),
        TemplateFormat::Yaml => compiled.to_yaml(),
    };
    match &args.output {
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            status
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => status,
            Err(err) => {
                eprintln!("error: cannot write `{}`: {err}", path.display());
                ExitCode::from(2)
            }
        },
    }
}
