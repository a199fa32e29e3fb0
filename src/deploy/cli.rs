//! The deploy-side subcommands and their flags, as clap parses them.

use std::path::PathBuf;

/// The deploy-side subcommands, flattened into the `ecsxc` command line.
#[derive(clap::Subcommand, Debug)]
pub enum DeployCommand {
    /// Compile a program, push its images, and deploy it to a CloudFormation stack
    /// through a change set: shows what will change, asks, executes, follows progress.
    Deploy(DeployArgs),
    /// Show what deploying a program would change, without changing anything
    /// (the change set is made, printed and deleted).
    Diff(DiffArgs),
    /// Print the outputs of a deployed stack.
    Outputs(OutputsArgs),
    /// Delete a stack and every resource it made (asks first unless `--yes`).
    Destroy(DestroyArgs),
    /// Run a task definition of a deployed stack once (fire-and-forget) and print the task ARNs.
    Run(RunArgs),
    /// Show a stack's state; while an operation is in progress, follow it until it ends.
    Status(StatusArgs),
}

/// Which stack, and where: shared by every deploy-side command.
#[derive(clap::Args, Debug, Clone)]
pub struct StackArgs {
    /// The CloudFormation stack name (letters, digits and `-`, starting with a letter).
    #[arg(long, value_name = "NAME", value_parser = parse_stack_name)]
    pub stack: String,
    /// AWS region (default: `AWS_REGION`, or the profile's region).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// Named profile of the shared AWS config and credentials files (default: `AWS_PROFILE`).
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<String>,
}

/// Flags of `ecsxc deploy`.
#[derive(clap::Args, Debug, Clone)]
pub struct DeployArgs {
    /// The .ecsx program.
    pub file: PathBuf,
    #[command(flatten)]
    pub stack: StackArgs,
    /// A value for a `param` of the program, as `NAME=VALUE` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    /// Execute the change set without asking (needed when standard input is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Start the deployment and return without following it (watch it with `ecsxc status`).
    #[arg(long)]
    pub no_wait: bool,
    /// S3 bucket for templates over 51,200 bytes (default: a bucket ecsxc creates and manages,
    /// `ecsxc-templates-ACCOUNT-REGION`).
    #[arg(long, value_name = "BUCKET")]
    pub bucket: Option<String>,
    /// After the stack is done, how long to wait for services with `waitForSteadyState`
    /// to be stable (one deployment, all desired tasks running): `90s`, `10m`, `1h`.
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
    pub steady_timeout: std::time::Duration,
}

/// Flags of `ecsxc diff`.
#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// The .ecsx program.
    pub file: PathBuf,
    #[command(flatten)]
    pub stack: StackArgs,
    /// A value for a `param` of the program, as `NAME=VALUE` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    /// Exit with status 3 when there are changes and 0 when there are none (for CI).
    #[arg(long)]
    pub exit_code: bool,
    /// Print the diff as JSON on standard output.
    #[arg(long)]
    pub json: bool,
    /// S3 bucket for templates over 51,200 bytes (default: the managed bucket).
    #[arg(long, value_name = "BUCKET")]
    pub bucket: Option<String>,
}

/// Flags of `ecsxc outputs`.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputsArgs {
    #[command(flatten)]
    pub stack: StackArgs,
    /// Print the outputs as one JSON object on standard output.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `ecsxc destroy`.
#[derive(clap::Args, Debug, Clone)]
pub struct DestroyArgs {
    #[command(flatten)]
    pub stack: StackArgs,
    /// Delete without asking (needed when standard input is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Start the deletion and return without following it.
    #[arg(long)]
    pub no_wait: bool,
}

/// Flags of `ecsxc run`.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// The .ecsx program the stack was deployed from.
    pub file: PathBuf,
    /// The task to run: the name of a task definition or service binding in the program.
    pub task: String,
    #[command(flatten)]
    pub stack: StackArgs,
    /// How many copies of the task to start (1 to 10).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(i32).range(1..=10))]
    pub count: i32,
}

/// Flags of `ecsxc status`.
#[derive(clap::Args, Debug, Clone)]
pub struct StatusArgs {
    #[command(flatten)]
    pub stack: StackArgs,
}

/// Checks a stack name against CloudFormation's rule: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128.
pub fn parse_stack_name(s: &str) -> Result<String, String> {
    let mut chars = s.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !first_ok || s.len() > 128 || !chars.all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(
            "a stack name is 1 to 128 letters, digits and `-`, starting with a letter".to_string(),
        );
    }
    Ok(s.to_string())
}

/// Splits `NAME=VALUE` at the first `=`.
pub fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("expected NAME=VALUE, found `{s}`")),
    }
}

/// Parses `90`, `90s`, `10m` or `1h`.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i..).unwrap_or("")),
        None => (s, "s"),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("expected a duration such as `90s`, `10m` or `1h`, found `{s}`"))?;
    let secs = match unit {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        _ => return Err(format!("unknown duration unit in `{s}`: use s, m or h")),
    };
    Ok(std::time::Duration::from_secs(secs))
}
