//! `ecsxc deploy` and its siblings (`diff`, `outputs`, `destroy`, `run`, `status`):
//! the only async module and the only one that talks to AWS.
//!
//! ```text
//! compile ─▶ check --param ─▶ images (ECR, docker) ─▶ parameters (default VPC, image URIs)
//!    ─▶ template (inline or S3) ─▶ change set ─▶ diff ─▶ confirm ─▶ execute
//!    ─▶ follow events (+ ECS service events) ─▶ steady state ─▶ outputs
//! ```
//!
//! Modules: [`cli`] (flags), [`aws`] (clients, errors), [`params`], [`images`], [`upload`],
//! [`stack`] (status rules), [`changeset`], [`diff`] (renderer), [`progress`] (following),
//! [`ecs`] (service events), [`failure`] (report), [`commands`] (the flows), [`ui`].
//! See `docs/deploy.md`.

pub mod aws;
pub mod changeset;
pub mod cli;
pub mod commands;
pub mod diff;
pub mod ecs;
pub mod error;
pub mod failure;
pub mod images;
pub mod params;
pub mod progress;
pub mod stack;
pub mod ui;
pub mod upload;

use std::process::ExitCode;

use crate::diagnostics::render::MessageFormat;

pub use cli::DeployCommand;
pub use error::{DeployError, Exit};
pub use ui::Ui;

/// Options shared by every command.
#[derive(Debug, Clone, Copy)]
pub struct Global {
    /// How compile diagnostics are printed.
    pub message_format: MessageFormat,
    /// Whether to use ANSI colours.
    pub color: bool,
}

/// Runs one deploy-side command and returns the process exit status.
pub fn run(cmd: DeployCommand, global: &Global) -> ExitCode {
    let ui = Ui::stdio(global.color);
    // Errors follow `--message-format`, like the compile diagnostics.
    let report = |e: &DeployError| match global.message_format {
        MessageFormat::Json => ui.err_raw(&format!(
            "{}\n",
            crate::diagnostics::render::render_error_json(&e.message, e.help.as_deref())
        )),
        MessageFormat::Human => ui.error(e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            report(&DeployError::usage(format!(
                "cannot start the async runtime: {e}"
            )));
            return Exit::Usage.code();
        }
    };
    let timing = commands::timing_from_env();
    match runtime.block_on(execute(&cmd, global, &ui, &timing)) {
        Ok(code) => code,
        Err(e) => {
            if !e.reported {
                report(&e);
            }
            e.exit.code()
        }
    }
}

/// Runs one command with the given streams and timing.
pub async fn execute(
    cmd: &DeployCommand,
    global: &Global,
    ui: &Ui,
    timing: &changeset::Timing,
) -> Result<ExitCode, DeployError> {
    match cmd {
        DeployCommand::Deploy(a) => commands::deploy(a, global, ui, timing).await,
        DeployCommand::Diff(a) => commands::diff(a, global, ui, timing).await,
        DeployCommand::Outputs(a) => commands::outputs(a, ui).await,
        DeployCommand::Destroy(a) => commands::destroy(a, ui, timing).await,
        DeployCommand::Run(a) => commands::run_task(a, global, ui).await,
        DeployCommand::Status(a) => commands::status(a, ui, timing).await,
    }
}
