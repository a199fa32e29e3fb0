//! Shared helpers of the deploy tests: the moto endpoint, running the real `ecsxc`
//! binary with a clean AWS environment, SDK clients for checking results ([`aws`]),
//! unique names, programs to deploy ([`Program`]), and the fault-injecting, recording
//! proxy ([`proxy`]).
#![allow(dead_code)]

pub mod aws;
pub mod corpus;
pub mod proxy;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The local AWS endpoint (moto) that `scripts/test.sh` starts. Fails the test when unset.
pub fn moto_endpoint() -> String {
    match std::env::var("AWS_ENDPOINT_URL") {
        Ok(v) if !v.is_empty() => v,
        _ => panic!(
            "AWS_ENDPOINT_URL is not set: the deploy tests need a local AWS endpoint (moto). \
             Run them with `scripts/test.sh`, or start one with \
             `eval \"$(scripts/start-moto.sh .venv auto)\"` first."
        ),
    }
}

/// A stack or resource name unique to this test run.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{:x}-{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An `ecsxc` command against `endpoint`, with dummy credentials and no user AWS files.
pub fn ecsxc(endpoint: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ecsxc"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/ecsxc-test/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/ecsxc-test/credentials",
        )
        .env("ECSXC_POLL_INTERVAL", "0.2")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .current_dir(root());
    cmd
}

/// The result of running `ecsxc`.
pub struct Run {
    /// Exit status (-1 when killed).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Both streams, for assertion messages.
    pub fn both(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts that the command failed (exit 1) and that its standard error says `error`.
    #[track_caller]
    pub fn assert_failed_with(&self, error: &str) {
        assert_eq!(self.code, 1, "{}", self.both());
        assert!(self.stderr.contains(error), "{}", self.both());
    }
}

/// Runs `cmd` with `args` and collects its output; checks that it never panicked.
pub fn run(mut cmd: Command, args: &[&str]) -> Run {
    let out: Output = cmd.args(args).output().expect("ecsxc runs");
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !r.stderr.contains("panicked") && r.code != 101,
        "ecsxc panicked:\n{}",
        r.both()
    );
    assert!(
        !r.stderr.contains("Error {") && !r.stderr.contains("SdkError"),
        "ecsxc printed a debug dump:\n{}",
        r.both()
    );
    r
}

/// SDK configuration for checking results against `endpoint`.
pub async fn sdk_config(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_cloudformation::config::Credentials::new(
            "testing", "testing", None, None, "tests",
        ))
        .load()
        .await
}

/// Writes `text` to `dir/name` (making folders) and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

/// `examples/nginx.ecsx`, with another desired count and, unless `wait`, without
/// waiting for steady state (moto never runs the tasks of a CloudFormation-made service).
pub fn nginx_variant(desired: u32, wait: bool) -> String {
    let text = std::fs::read_to_string(root().join("examples/nginx.ecsx")).expect("example");
    let mut replacement = format!("desiredCount: {desired}");
    if !wait {
        replacement.push_str("\n    waitForSteadyState: false");
    }
    let out = text.replace("desiredCount: 2", &replacement);
    assert_ne!(
        out, text,
        "examples/nginx.ecsx no longer says `desiredCount: 2`"
    );
    out
}

/// `examples/PATH`.
pub fn example(path: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(path)).expect("example")
}

/// `text` with `waitForSteadyState: false` on each of its services.
pub fn without_waiting(text: &str) -> String {
    assert!(
        !text.contains("waitForSteadyState"),
        "the example sets waitForSteadyState itself"
    );
    let mut out = text.to_string();
    for kind in ["EC2Service", "FargateService"] {
        out = out.replace(
            &format!("{kind} {{\n"),
            &format!("{kind} {{\n    waitForSteadyState: false\n"),
        );
    }
    let services = text.matches("EC2Service {").count() + text.matches("FargateService {").count();
    assert!(services > 0, "no service in\n{text}");
    assert_eq!(
        out.matches("waitForSteadyState").count(),
        services,
        "a service is not written `…Service {{` + newline:\n{text}"
    );
    out
}

/// Runs `ecsxc deploy FILE --stack STACK --yes` with `cmd`.
pub fn run_deploy(cmd: Command, file: &str, stack: &str) -> Run {
    run(cmd, &["deploy", file, "--stack", stack, "--yes"])
}

/// A program in a temporary folder of its own, and a stack name unique to this run to
/// deploy it to.
pub struct Program {
    /// The folder the program is written in (removed when dropped).
    pub dir: tempfile::TempDir,
    /// The program file.
    pub file: String,
    /// The stack to deploy it to.
    pub stack: String,
}

impl Program {
    /// `make` writes the program into a fresh temporary folder and returns its path; the
    /// stack is named after `prefix`.
    pub fn made(prefix: &str, make: impl FnOnce(&Path) -> PathBuf) -> Program {
        let stack = unique(prefix);
        let dir = tempfile::tempdir().expect("tmp");
        let file = make(dir.path());
        let file = file.to_str().expect("utf-8 path").to_string();
        Program { dir, file, stack }
    }

    /// `text` as the file `name` in a fresh temporary folder.
    pub fn new(prefix: &str, name: &str, text: &str) -> Program {
        Program::made(prefix, |dir| write(dir, name, text))
    }

    /// `nginx.ecsx` with `desired` tasks that does not wait for steady state ([`nginx_variant`]).
    pub fn nginx(prefix: &str, desired: u32) -> Program {
        Program::new(prefix, "nginx.ecsx", &nginx_variant(desired, false))
    }

    /// `examples/PATH` as a variant that does not wait for steady state ([`without_waiting`]).
    pub fn deployable(prefix: &str, path: &str) -> Program {
        let name = path.rsplit('/').next().expect("file name");
        Program::new(prefix, name, &without_waiting(&example(path)))
    }

    /// Writes another file `name` into the program's folder and returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = write(self.dir.path(), name, text);
        path.to_str().expect("utf-8 path").to_string()
    }

    /// Deploys the program to its stack with `cmd`, whatever the outcome.
    pub fn try_deploy(&self, cmd: Command) -> Run {
        run_deploy(cmd, &self.file, &self.stack)
    }

    /// Deploys the program to its stack with `cmd` and checks that it succeeded.
    #[track_caller]
    pub fn deploy(&self, cmd: Command) -> Run {
        let r = self.try_deploy(cmd);
        assert_eq!(r.code, 0, "{}", r.both());
        r
    }
}

/// Makes `dir/bin/docker`, a stand-in `docker` that appends each call's arguments (and,
/// for `login`, what it read on standard input) to `dir/docker-calls.log` and succeeds,
/// but for the subcommand `fail_on`, which prints `step 3/4: boom` and exits with 7.
/// Returns `dir/bin`, for [`with_path`].
pub fn stand_in_docker(dir: &Path, fail_on: Option<&str>) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let log = dir.join("docker-calls.log");
    let fail = fail_on
        .map(|sub| {
            format!("if [ \"$1\" = \"{sub}\" ]; then echo 'step 3/4: boom' >&2; exit 7; fi\n")
        })
        .unwrap_or_default();
    let script = format!(
        "#!/bin/sh\n\
         printf '%s\\n' \"$*\" >> '{log}'\n\
         if [ \"$1\" = login ]; then printf 'stdin=%s\\n' \"$(cat)\" >> '{log}'; fi\n\
         {fail}exit 0\n",
        log = log.display()
    );
    let path = bin.join("docker");
    std::fs::write(&path, script).expect("script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    bin
}

/// `cmd` finding the programs in `bin` before those on its `PATH`.
pub fn with_path(mut cmd: Command, bin: &Path) -> Command {
    cmd.env(
        "PATH",
        format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        ),
    );
    cmd
}

/// The RunTask requests that `recorder` forwarded, in order, as JSON.
pub fn run_task_calls(recorder: &proxy::Proxy) -> Vec<serde_json::Value> {
    recorder
        .forwarded()
        .iter()
        .filter(|r| r.header("X-Amz-Target") == Some("AmazonEC2ContainerServiceV20141113.RunTask"))
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON request"))
        .collect()
}

/// The Python of the test tools: `ECSXC_PYTHON`, or the virtualenv `scripts/test.sh`
/// makes (`.venv`); fails, never skips, when it is missing. `needs` names the pinned
/// package a test wants of it.
pub fn python(needs: &str) -> PathBuf {
    let python = match std::env::var_os("ECSXC_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => root().join(".venv/bin/python"),
    };
    assert!(
        python.exists(),
        "Python with {needs} not found: run ./scripts/test.sh (it installs {needs} into .venv), or set ECSXC_PYTHON"
    );
    python
}
