//! The error type of the deploy commands: a readable message, an optional hint,
//! and the exit status it leads to.

use std::process::ExitCode;

/// How a failed command exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 1: the deployment (or the program) failed.
    Failed,
    /// 2: bad usage, configuration, or local I/O.
    Usage,
    /// 130: interrupted with Ctrl-C (the stack operation goes on).
    Interrupted,
}

impl Exit {
    /// The process exit status.
    pub fn code(self) -> ExitCode {
        ExitCode::from(self.number())
    }

    /// The exit status as a number.
    pub fn number(self) -> u8 {
        match self {
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
        }
    }
}

/// A deploy-side failure, printed as `error: MESSAGE` and `help: HINT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployError {
    /// How the process exits.
    pub exit: Exit,
    /// What went wrong, lower case, no trailing period.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// True when the details were already printed (a failure report); only the exit status matters.
    pub reported: bool,
}

impl DeployError {
    /// A failure (exit 1).
    pub fn failed(message: impl Into<String>) -> Self {
        DeployError {
            exit: Exit::Failed,
            message: message.into(),
            help: None,
            reported: false,
        }
    }

    /// A usage or configuration error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        DeployError {
            exit: Exit::Usage,
            ..DeployError::failed(message)
        }
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks the error as already reported to the user.
    pub fn reported(mut self) -> Self {
        self.reported = true;
        self
    }
}

impl std::fmt::Display for DeployError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DeployError {}
