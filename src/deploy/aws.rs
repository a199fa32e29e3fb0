//! AWS client set-up (the standard credential and region chain, `AWS_ENDPOINT_URL`,
//! retries with backoff, per-attempt timeouts) and the formatting of API errors as
//! `Operation: message`.

use std::error::Error as StdError;
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_cloudformation::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;

use super::error::DeployError;

/// Attempts per API call (the first try included) unless `AWS_MAX_ATTEMPTS` says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// Per-attempt timeout unless `ECSXC_API_ATTEMPT_TIMEOUT` (seconds) says otherwise.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

/// The service clients a deploy command uses, all from one configuration.
#[derive(Clone, Debug)]
pub struct Clients {
    /// CloudFormation.
    pub cfn: aws_sdk_cloudformation::Client,
    /// ECR (repositories and login tokens).
    pub ecr: aws_sdk_ecr::Client,
    /// EC2 (default VPC look-up).
    pub ec2: aws_sdk_ec2::Client,
    /// ECS (service events, stopped tasks, `run`).
    pub ecs: aws_sdk_ecs::Client,
    /// S3 (large templates).
    pub s3: aws_sdk_s3::Client,
    /// STS (the account id, to name the managed bucket).
    pub sts: aws_sdk_sts::Client,
    /// The region in use.
    pub region: String,
}

impl Clients {
    /// Builds every client from one shared configuration.
    pub fn from_config(config: &aws_config::SdkConfig) -> Result<Clients, DeployError> {
        let region = config.region().map(|r| r.to_string()).ok_or_else(|| {
            DeployError::usage("no AWS region is configured")
                .help("pass --region, set AWS_REGION, or give the profile a region")
        })?;
        // Path-style S3 addressing works with every endpoint, including local stand-ins.
        let s3_config = aws_sdk_s3::config::Builder::from(config)
            .force_path_style(true)
            .build();
        Ok(Clients {
            cfn: aws_sdk_cloudformation::Client::new(config),
            ecr: aws_sdk_ecr::Client::new(config),
            ec2: aws_sdk_ec2::Client::new(config),
            ecs: aws_sdk_ecs::Client::new(config),
            s3: aws_sdk_s3::Client::from_conf(s3_config),
            sts: aws_sdk_sts::Client::new(config),
            region,
        })
    }
}

/// Loads the AWS configuration from the standard chain, with `--region` / `--profile` on top.
pub async fn load(region: Option<&str>, profile: Option<&str>) -> Result<Clients, DeployError> {
    let attempts = std::env::var("AWS_MAX_ATTEMPTS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(DEFAULT_MAX_ATTEMPTS);
    let attempt_timeout = std::env::var("ECSXC_API_ATTEMPT_TIMEOUT")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_ATTEMPT_TIMEOUT);
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(attempts)
                .with_initial_backoff(Duration::from_millis(500))
                .with_max_backoff(Duration::from_secs(20)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(attempt_timeout)
                .build(),
        );
    if let Some(region) = region {
        loader = loader.region(Region::new(region.to_string()));
    }
    if let Some(profile) = profile {
        loader = loader.profile_name(profile);
    }
    let config = loader.load().await;
    Clients::from_config(&config)
}

/// Turns an SDK error of `operation` into a readable [`DeployError`] (`Operation: message`).
pub fn api_error<E>(operation: &str, err: &SdkError<E, HttpResponse>) -> DeployError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    let message = match err {
        SdkError::ServiceError(ctx) => {
            let e = ctx.err();
            let status = ctx.raw().status().as_u16();
            match (e.code(), e.message().filter(|m| !m.trim().is_empty())) {
                (Some(code), Some(msg)) => format!("{operation}: {} ({code})", msg.trim()),
                (None, Some(msg)) => format!("{operation}: {}", msg.trim()),
                (Some(code), None) => format!("{operation}: {code} (HTTP {status})"),
                (None, None) => format!(
                    "{operation}: the service answered HTTP {status} {} without an error message",
                    http_reason(status)
                ),
            }
        }
        SdkError::TimeoutError(_) => {
            format!("{operation}: no answer from the service in time (after retries)")
        }
        SdkError::DispatchFailure(d) => {
            let what = if d.is_timeout() {
                "timed out reaching the service".to_string()
            } else if d.is_io() {
                "could not reach the service".to_string()
            } else {
                "could not send the request".to_string()
            };
            format!("{operation}: {what}: {}", chain(err))
        }
        // The body is not the service's error format (an HTML error page, say): the
        // parser's complaint about it would say nothing useful.
        SdkError::ResponseError(r) => format!(
            "{operation}: unreadable response (HTTP {}) from the service",
            r.raw().status().as_u16(),
        ),
        SdkError::ConstructionFailure(_) => {
            format!("{operation}: could not build the request: {}", chain(err))
        }
        _ => format!("{operation}: {}", chain(err)),
    };
    let mut out = DeployError::failed(message);
    let lower = out.message.to_ascii_lowercase();
    if lower.contains("credential") {
        out = out.help(
            "configure AWS credentials: `aws configure`, `--profile`, AWS_PROFILE, or \
             AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        );
    } else if lower.contains("could not reach") || lower.contains("timed out") {
        out = out.help("check the network, the region, and AWS_ENDPOINT_URL if you set it");
    }
    out
}

/// A `map_err` adapter: `.map_err(api("DescribeStacks"))`.
pub fn api<E>(operation: &'static str) -> impl Fn(SdkError<E, HttpResponse>) -> DeployError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    move |err| api_error(operation, &err)
}

/// The error code of a service error, when it is one.
pub fn error_code<E>(err: &SdkError<E, HttpResponse>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    err.as_service_error()?.code()
}

/// The message of a service error, when it is one.
pub fn error_message<E>(err: &SdkError<E, HttpResponse>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    err.as_service_error()?.message()
}

/// True for CloudFormation's `ValidationError: Stack with id X does not exist`.
pub fn is_missing_stack<E>(err: &SdkError<E, HttpResponse>) -> bool
where
    E: ProvideErrorMetadata,
{
    error_code(err) == Some("ValidationError")
        && error_message(err).is_some_and(|m| m.contains("does not exist"))
}

/// The messages of an error and its sources, joined with `: `, repeated parts dropped.
fn chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        let text = text.trim();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(text)) {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    // The SDK's own top-level words ("dispatch failure") say less than the cause.
    parts.retain(|p| {
        !matches!(
            p.as_str(),
            "dispatch failure" | "response error" | "failed to construct request" | "io error"
        )
    });
    if parts.is_empty() {
        "no details".to_string()
    } else {
        parts.join(": ")
    }
}

fn http_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
