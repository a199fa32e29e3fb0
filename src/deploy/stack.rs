//! Stack look-ups and what a stack's status means for the next deploy: create, update,
//! or stop and explain (`ROLLBACK_COMPLETE` after a failed create, operations in progress…).

use super::aws::{api, api_error, is_missing_stack};
use super::diff::ChangeSetKind;
use super::error::DeployError;

/// What ecsxc needs of a stack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StackInfo {
    /// The stack ARN.
    pub id: String,
    /// The name.
    pub name: String,
    /// `StackStatus` as CloudFormation spells it.
    pub status: String,
    /// `StackStatusReason`.
    pub reason: Option<String>,
    /// Parameter values, in the order CloudFormation lists them.
    pub parameters: Vec<(String, String)>,
    /// Outputs: key, value, description.
    pub outputs: Vec<(String, String, Option<String>)>,
}

impl StackInfo {
    /// Converts CloudFormation's `Stack`.
    pub fn from_sdk(s: &aws_sdk_cloudformation::types::Stack) -> StackInfo {
        StackInfo {
            id: s.stack_id().unwrap_or_default().to_string(),
            name: s.stack_name().unwrap_or_default().to_string(),
            status: s
                .stack_status()
                .map(|x| x.as_str().to_string())
                .unwrap_or_default(),
            reason: s.stack_status_reason().map(str::to_string),
            parameters: s
                .parameters()
                .iter()
                .map(|p| {
                    (
                        p.parameter_key().unwrap_or_default().to_string(),
                        p.resolved_value()
                            .or(p.parameter_value())
                            .unwrap_or_default()
                            .to_string(),
                    )
                })
                .collect(),
            outputs: s
                .outputs()
                .iter()
                .map(|o| {
                    (
                        o.output_key().unwrap_or_default().to_string(),
                        o.output_value().unwrap_or_default().to_string(),
                        o.description().map(str::to_string),
                    )
                })
                .collect(),
        }
    }
}

/// Describes the stack `name_or_id`; `None` when it does not exist.
pub async fn describe(
    cfn: &aws_sdk_cloudformation::Client,
    name_or_id: &str,
) -> Result<Option<StackInfo>, DeployError> {
    match cfn.describe_stacks().stack_name(name_or_id).send().await {
        Ok(out) => Ok(out.stacks().first().map(StackInfo::from_sdk)),
        Err(e) if is_missing_stack(&e) => Ok(None),
        Err(e) => Err(api_error("DescribeStacks", &e)),
    }
}

/// Describes a stack that must exist.
pub async fn require(
    cfn: &aws_sdk_cloudformation::Client,
    name: &str,
) -> Result<StackInfo, DeployError> {
    describe(cfn, name).await?.ok_or_else(|| {
        DeployError::failed(format!("stack `{name}` does not exist"))
            .help("check the name and the region (--region)")
    })
}

/// What a deploy can do with a stack in a given status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Make it with a CREATE change set.
    Create,
    /// Change it with an UPDATE change set.
    Update,
    /// Stop: the status blocks changes. The error says why and what to do.
    Blocked(DeployError),
}

impl Plan {
    /// The change-set type, when the stack can be changed.
    pub fn kind(&self) -> Option<ChangeSetKind> {
        match self {
            Plan::Create => Some(ChangeSetKind::Create),
            Plan::Update => Some(ChangeSetKind::Update),
            Plan::Blocked(_) => None,
        }
    }
}

/// Decides how to deploy to `stack` (or to a stack that does not exist yet).
///
/// `REVIEW_IN_PROGRESS` is a stack made by a CREATE change set that was never executed:
/// it has no resources, and CloudFormation accepts another CREATE change set for it.
pub fn plan(name: &str, stack: Option<&StackInfo>) -> Plan {
    let Some(stack) = stack else {
        return Plan::Create;
    };
    let status = stack.status.as_str();
    match status {
        "REVIEW_IN_PROGRESS" => Plan::Create,
        "CREATE_COMPLETE"
        | "UPDATE_COMPLETE"
        | "UPDATE_ROLLBACK_COMPLETE"
        | "IMPORT_COMPLETE"
        | "IMPORT_ROLLBACK_COMPLETE" => Plan::Update,
        _ => Plan::Blocked(explain_blocked(name, status, stack.reason.as_deref())),
    }
}

/// Why `status` blocks a deploy, and what to do.
pub fn explain_blocked(name: &str, status: &str, reason: Option<&str>) -> DeployError {
    let why = reason
        .filter(|r| !r.is_empty())
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    match status {
        "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" | "CREATE_FAILED" => DeployError::failed(format!(
            "stack `{name}` is {status}{why}: its creation failed, and a stack whose first \
             deployment failed cannot be updated"
        ))
        .help(format!(
            "see why with `ecsxc status --stack {name}`, then delete it with \
             `ecsxc destroy --stack {name}` and deploy again"
        )),
        "UPDATE_ROLLBACK_FAILED" => DeployError::failed(format!(
            "stack `{name}` is UPDATE_ROLLBACK_FAILED{why}: a failed update could not be rolled back"
        ))
        .help(format!(
            "fix the resource named in the reason, then run \
             `aws cloudformation continue-update-rollback --stack-name {name}` and deploy again"
        )),
        "DELETE_FAILED" => DeployError::failed(format!(
            "stack `{name}` is DELETE_FAILED{why}: a deletion did not finish"
        ))
        .help(format!(
            "remove what blocks the deletion (named in the reason), then run \
             `ecsxc destroy --stack {name}` again"
        )),
        s if s.ends_with("_IN_PROGRESS") => DeployError::failed(format!(
            "stack `{name}` is {status}: another operation is in progress"
        ))
        .help(format!(
            "wait for it to finish: `ecsxc status --stack {name}` follows it; then deploy again"
        )),
        _ => DeployError::failed(format!(
            "stack `{name}` is {status}{why}, a state ecsxc cannot deploy to"
        ))
        .help(format!("see `ecsxc status --stack {name}`")),
    }
}

/// True for statuses that are the end of an operation (nothing in progress).
pub fn is_settled(status: &str) -> bool {
    !status.ends_with("_IN_PROGRESS") || status == "REVIEW_IN_PROGRESS"
}

/// True for statuses that mean the last operation succeeded.
pub fn is_success(status: &str) -> bool {
    matches!(
        status,
        "CREATE_COMPLETE" | "UPDATE_COMPLETE" | "IMPORT_COMPLETE" | "DELETE_COMPLETE"
    )
}

/// One page of a stack's events, newest first (`token` from the previous page).
pub async fn events_page(
    cfn: &aws_sdk_cloudformation::Client,
    stack: &str,
    token: Option<String>,
) -> Result<
    aws_sdk_cloudformation::operation::describe_stack_events::DescribeStackEventsOutput,
    DeployError,
> {
    cfn.describe_stack_events()
        .stack_name(stack)
        .set_next_token(token)
        .send()
        .await
        .map_err(api("DescribeStackEvents"))
}

/// The newest event ID of a stack (to follow only what happens after it).
pub async fn newest_event_id(
    cfn: &aws_sdk_cloudformation::Client,
    stack: &str,
) -> Result<Option<String>, DeployError> {
    let out = events_page(cfn, stack, None).await?;
    Ok(out
        .stack_events()
        .first()
        .and_then(|e| e.event_id())
        .map(str::to_string))
}

/// Logical ID → physical ID of every resource of the stack.
pub async fn physical_ids(
    cfn: &aws_sdk_cloudformation::Client,
    stack: &str,
) -> Result<Vec<(String, String, String)>, DeployError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = cfn
            .list_stack_resources()
            .stack_name(stack)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(api("ListStackResources"))?;
        for r in page.stack_resource_summaries() {
            if let (Some(l), Some(p)) = (r.logical_resource_id(), r.physical_resource_id()) {
                out.push((
                    l.to_string(),
                    p.to_string(),
                    r.resource_type().unwrap_or_default().to_string(),
                ));
            }
        }
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => break,
        }
    }
    Ok(out)
}
