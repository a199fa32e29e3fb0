//! `ecsxc deploy` and its sibling commands (being written).

use crate::diagnostics::render::MessageFormat;
use std::process::ExitCode;

/// Options shared by every command.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    /// How compile diagnostics are printed.
    pub message_format: MessageFormat,
    /// Whether to use ANSI colours.
    pub color: bool,
}

/// The deploy-side subcommands, flattened into the CLI.
#[derive(clap::Subcommand, Debug)]
pub enum DeployCommand {
    /// Print the outputs of a deployed stack.
    Outputs {
        /// The stack name.
        #[arg(long)]
        stack: String,
    },
}

/// Runs one deploy-side command and returns the process exit status.
pub fn run(_cmd: DeployCommand, _global: &Global) -> ExitCode {
    ExitCode::from(2)
}
