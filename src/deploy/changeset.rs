//! Change sets: a unique name, CREATE or UPDATE, waiting until CloudFormation has
//! computed it, reading every change (all pages), recognising "no changes" in both of
//! its forms, deleting, executing. Change sets are always referred to by ARN.

use std::time::Duration;

use aws_sdk_cloudformation::types::{Capability, Parameter};

use super::aws::{api, api_error, error_message};
use super::diff::{Change, ChangeSetKind};
use super::error::DeployError;
use super::upload::TemplateSource;

/// How often and how long ecsxc polls.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// The pause between two polls.
    pub poll: Duration,
    /// How long to wait for a change set to be computed.
    pub change_set_timeout: Duration,
    /// How long to wait for services to become stable after the stack is done.
    pub steady_timeout: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            poll: Duration::from_secs(3),
            change_set_timeout: Duration::from_secs(15 * 60),
            steady_timeout: Duration::from_secs(30 * 60),
        }
    }
}

/// A change set name: `ecsxc-<UTC time>-<random>`, unique and starting with a letter.
pub fn new_name() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let stamp = aws_smithy_types::DateTime::from_secs(now.as_secs() as i64)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>();
    format!("ecsxc-{stamp}-{}", random_suffix())
}

/// Eight hex digits from the clock, the process id and a counter, hashed.
fn random_suffix() -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let mut h = Sha256::new();
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What ecsxc asks CloudFormation to compute.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The stack name.
    pub stack: &'a str,
    /// CREATE or UPDATE.
    pub kind: ChangeSetKind,
    /// The template, inline or by S3 URL.
    pub template: &'a TemplateSource,
    /// Parameter values.
    pub parameters: &'a [(String, String)],
}

/// A computed change set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    /// Its ARN (the only way ecsxc refers to it).
    pub arn: String,
    /// The stack's ARN.
    pub stack_id: String,
    /// CREATE or UPDATE.
    pub kind: ChangeSetKind,
    /// Every resource change.
    pub changes: Vec<Change>,
}

/// The result of making a change set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing would change (the empty change set, if any, is already deleted).
    NoChanges,
    /// A change set ready to execute.
    Ready(ChangeSet),
}

/// True for CloudFormation's two ways of saying there is nothing to do.
pub fn is_no_changes(reason: &str) -> bool {
    reason.contains("didn't contain changes")
        || reason.contains("No updates are to be performed")
        || reason.contains("did not contain changes")
}

/// Makes a change set, waits until it is computed, and reads it.
pub async fn create(
    cfn: &aws_sdk_cloudformation::Client,
    req: &Request<'_>,
    timing: &Timing,
) -> Result<Outcome, DeployError> {
    let name = new_name();
    let mut call = cfn
        .create_change_set()
        .stack_name(req.stack)
        .change_set_name(&name)
        .change_set_type(match req.kind {
            ChangeSetKind::Create => aws_sdk_cloudformation::types::ChangeSetType::Create,
            ChangeSetKind::Update => aws_sdk_cloudformation::types::ChangeSetType::Update,
        })
        .description("made by ecsxc")
        .capabilities(Capability::CapabilityIam)
        .set_parameters(Some(
            req.parameters
                .iter()
                .map(|(k, v)| {
                    Parameter::builder()
                        .parameter_key(k)
                        .parameter_value(v)
                        .build()
                })
                .collect(),
        ));
    call = match req.template {
        TemplateSource::Body(body) => call.template_body(body),
        TemplateSource::Url(url) => call.template_url(url),
    };
    let created = match call.send().await {
        Ok(out) => out,
        Err(e) if error_message(&e).is_some_and(is_no_changes) => return Ok(Outcome::NoChanges),
        Err(e) => return Err(api_error("CreateChangeSet", &e)),
    };
    let arn = created
        .id()
        .map(str::to_string)
        .ok_or_else(|| DeployError::failed("CreateChangeSet: no change-set ARN in the answer"))?;
    let stack_id = created.stack_id().unwrap_or(req.stack).to_string();
    wait(cfn, &arn, &stack_id, req.kind, timing).await
}

/// Polls DescribeChangeSet until the change set is computed, then reads all its pages.
pub async fn wait(
    cfn: &aws_sdk_cloudformation::Client,
    arn: &str,
    stack_id: &str,
    kind: ChangeSetKind,
    timing: &Timing,
) -> Result<Outcome, DeployError> {
    let started = std::time::Instant::now();
    loop {
        let first = cfn
            .describe_change_set()
            .change_set_name(arn)
            .send()
            .await
            .map_err(api("DescribeChangeSet"))?;
        let status = first.status().map(|s| s.as_str()).unwrap_or("UNKNOWN");
        match status {
            "CREATE_COMPLETE" => {
                let mut changes: Vec<Change> = first
                    .changes()
                    .iter()
                    .filter_map(Change::from_sdk)
                    .collect();
                let mut token = first.next_token().map(str::to_string);
                while let Some(t) = token.take().filter(|t| !t.is_empty()) {
                    let page = cfn
                        .describe_change_set()
                        .change_set_name(arn)
                        .next_token(t)
                        .send()
                        .await
                        .map_err(api("DescribeChangeSet"))?;
                    changes.extend(page.changes().iter().filter_map(Change::from_sdk));
                    token = page.next_token().map(str::to_string);
                }
                if changes.is_empty() {
                    delete(cfn, arn).await?;
                    return Ok(Outcome::NoChanges);
                }
                return Ok(Outcome::Ready(ChangeSet {
                    arn: arn.to_string(),
                    stack_id: stack_id.to_string(),
                    kind,
                    changes,
                }));
            }
            "FAILED" => {
                let reason = first
                    .status_reason()
                    .unwrap_or("no reason given")
                    .to_string();
                delete(cfn, arn).await?;
                if is_no_changes(&reason) {
                    return Ok(Outcome::NoChanges);
                }
                return Err(DeployError::failed(format!(
                    "the change set could not be created: {reason}"
                ))
                .help("nothing was changed; fix the cause and deploy again"));
            }
            _ => {}
        }
        if started.elapsed() > timing.change_set_timeout {
            return Err(DeployError::failed(format!(
                "the change set is still {status} after {} s",
                timing.change_set_timeout.as_secs()
            ))
            .help("nothing was changed; try again later"));
        }
        tokio::time::sleep(timing.poll).await;
    }
}

/// Deletes a change set (by ARN).
pub async fn delete(cfn: &aws_sdk_cloudformation::Client, arn: &str) -> Result<(), DeployError> {
    cfn.delete_change_set()
        .change_set_name(arn)
        .send()
        .await
        .map_err(api("DeleteChangeSet"))?;
    Ok(())
}

/// Starts executing a change set (by ARN).
pub async fn execute(cfn: &aws_sdk_cloudformation::Client, arn: &str) -> Result<(), DeployError> {
    cfn.execute_change_set()
        .change_set_name(arn)
        .send()
        .await
        .map_err(api("ExecuteChangeSet"))?;
    Ok(())
}
