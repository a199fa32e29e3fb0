//! The failure report of a stack operation that did not succeed: the final status,
//! the failed resources with their reasons (first failure first, later ones that were
//! only cancelled because of it marked as such), what the rollback did, and what to do.

use super::progress::{clock, Event, Followed};
use super::ui::{paint, Style};

/// The report for `stack` after `result` (which must not be a success).
pub fn render(stack: &str, result: &Followed, color: bool) -> String {
    let mut out = String::new();
    let headline = format!("stack `{stack}` ended in {}", result.status);
    out.push_str(&format!(
        "{}: {headline}\n",
        paint(color, Style::Red, "error")
    ));
    if let Some(reason) = result.reason.as_deref().filter(|r| !r.is_empty()) {
        out.push_str(&format!("  reason: {reason}\n"));
    }
    let (causes, cancelled): (Vec<&Event>, Vec<&Event>) =
        result.failures.iter().partition(|e| !is_cancellation(e));
    if causes.is_empty() && cancelled.is_empty() {
        out.push_str("  no resource reported a failure\n");
    } else {
        out.push_str("  failed resources, first failure first:\n");
        for (i, e) in causes.iter().chain(cancelled.iter()).enumerate() {
            out.push_str(&format!(
                "  {}. {} ({}) {} at {}\n",
                i + 1,
                paint(color, Style::Bold, &e.logical_id),
                e.resource_type,
                e.status,
                clock(e.epoch),
            ));
            let reason = e.reason.as_deref().unwrap_or("no reason given");
            let note = if is_cancellation(e) {
                " (only cancelled because of the failure above)"
            } else {
                ""
            };
            out.push_str(&format!("     {reason}{note}\n"));
        }
    }
    out.push_str(&format!("  {}\n", aftermath(stack, &result.status)));
    out
}

fn is_cancellation(e: &Event) -> bool {
    e.reason
        .as_deref()
        .is_some_and(|r| r.contains("cancelled") || r.contains("canceled"))
}

/// What the final status means and what to do next.
pub fn aftermath(stack: &str, status: &str) -> String {
    match status {
        "ROLLBACK_COMPLETE" => format!(
            "the creation was rolled back and every resource it made was deleted; a stack in \
             ROLLBACK_COMPLETE cannot be updated: fix the first failure, run \
             `ecsxc destroy --stack {stack}`, then deploy again"
        ),
        "UPDATE_ROLLBACK_COMPLETE" => "the update was rolled back: the stack runs its previous \
             version again; fix the first failure and deploy again"
            .to_string(),
        "UPDATE_ROLLBACK_FAILED" => format!(
            "the rollback failed too: fix what the failures name, then run \
             `aws cloudformation continue-update-rollback --stack-name {stack}`"
        ),
        "ROLLBACK_FAILED" | "CREATE_FAILED" => format!(
            "resources of the failed creation may remain: run `ecsxc destroy --stack {stack}`, \
             fix the first failure, then deploy again"
        ),
        "DELETE_FAILED" => format!(
            "some resources could not be deleted: remove what blocks them, then run \
             `ecsxc destroy --stack {stack}` again"
        ),
        "UPDATE_FAILED" => {
            format!("the update failed without a rollback: see `ecsxc status --stack {stack}`")
        }
        other => format!("see `ecsxc status --stack {stack}` (status {other})"),
    }
}
