//! The change set as a readable diff: one line per resource change (add `+`, modify `~`,
//! remove `-`, replacement `±`), with the changed properties, a summary, and a call-out
//! for every replacement or removal of a stateful or load-balanced resource.
//! Also the `--json` form.

use serde::Serialize;

use super::ui::{paint, Style};

/// One resource change of a change set (the fields of `ResourceChange` ecsxc shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    pub action: String,
    /// The logical ID.
    pub logical_id: String,
    /// The resource type.
    pub resource_type: String,
    /// The physical ID, for existing resources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physical_id: Option<String>,
    /// `True`, `False` or `Conditional` (Modify only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// Changed properties (or other attributes), in the order CloudFormation lists them.
    pub changed: Vec<ChangedAttribute>,
}

/// A changed property of a modified resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangedAttribute {
    /// The property name (`DesiredCount`), or the attribute (`Tags`, `Metadata`).
    pub name: String,
    /// `Never`, `Conditionally` or `Always`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_recreation: Option<String>,
}

impl Change {
    /// Converts CloudFormation's `Change`; `None` for non-resource changes.
    pub fn from_sdk(c: &aws_sdk_cloudformation::types::Change) -> Option<Change> {
        let rc = c.resource_change()?;
        let mut changed: Vec<ChangedAttribute> = Vec::new();
        for d in rc.details() {
            let Some(t) = d.target() else { continue };
            let name = match (t.name(), t.attribute()) {
                (Some(n), _) => n.to_string(),
                (None, Some(a)) => a.as_str().to_string(),
                (None, None) => continue,
            };
            let rr = t.requires_recreation().map(|r| r.as_str().to_string());
            if let Some(existing) = changed.iter_mut().find(|x| x.name == name) {
                // Keep the strongest recreation requirement.
                if rank(rr.as_deref()) > rank(existing.requires_recreation.as_deref()) {
                    existing.requires_recreation = rr;
                }
            } else {
                changed.push(ChangedAttribute {
                    name,
                    requires_recreation: rr,
                });
            }
        }
        if changed.is_empty() {
            // Without details, the scope still says what kind of thing changes.
            for s in rc.scope() {
                changed.push(ChangedAttribute {
                    name: s.as_str().to_string(),
                    requires_recreation: None,
                });
            }
        }
        Some(Change {
            action: rc
                .action()
                .map(|a| a.as_str().to_string())
                .unwrap_or_else(|| "Unknown".to_string()),
            logical_id: rc.logical_resource_id().unwrap_or("?").to_string(),
            resource_type: rc.resource_type().unwrap_or("?").to_string(),
            physical_id: rc.physical_resource_id().map(str::to_string),
            replacement: rc.replacement().map(|r| r.as_str().to_string()),
            changed,
        })
    }

    /// True when the resource will certainly be replaced.
    pub fn replaced(&self) -> bool {
        self.action == "Modify" && self.replacement.as_deref() == Some("True")
    }

    /// True when the resource may be replaced, depending on values known only at run time.
    pub fn maybe_replaced(&self) -> bool {
        self.action == "Modify" && self.replacement.as_deref() == Some("Conditional")
    }
}

fn rank(r: Option<&str>) -> u8 {
    match r {
        Some("Always") => 3,
        Some("Conditionally") => 2,
        Some("Never") => 1,
        _ => 0,
    }
}

/// Whether the stack is being created or updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ChangeSetKind {
    /// A new stack.
    Create,
    /// An existing stack.
    Update,
}

impl ChangeSetKind {
    /// `CREATE` or `UPDATE`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeSetKind::Create => "CREATE",
            ChangeSetKind::Update => "UPDATE",
        }
    }
}

/// Why a replacement or removal of a resource type deserves a warning, if it does.
pub fn risk(resource_type: &str) -> Option<&'static str> {
    Some(match resource_type {
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => {
            "load balancer: it gets a new DNS name, and clients using the old one lose it"
        }
        "AWS::ElasticLoadBalancingV2::TargetGroup"
        | "AWS::ElasticLoadBalancingV2::Listener"
        | "AWS::ElasticLoadBalancingV2::ListenerRule" => {
            "load-balanced: traffic is interrupted while it is made again"
        }
        "AWS::ECS::Service" => {
            "service: a new service starts next to the old one, which is then deleted; \
             load-balanced traffic may be interrupted"
        }
        "AWS::ECS::Cluster" => "cluster: every service and task in it is stopped",
        "AWS::Logs::LogGroup" => "stateful: its log events are deleted",
        "AWS::ECR::Repository" => "stateful: its images are deleted",
        "AWS::S3::Bucket" => "stateful: its objects are lost",
        "AWS::DynamoDB::Table" => "stateful: its items are lost",
        "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster" => "stateful: its data is lost",
        "AWS::EFS::FileSystem" => "stateful: its files are lost",
        "AWS::SQS::Queue" => "stateful: queued messages are lost",
        "AWS::SecretsManager::Secret" => "stateful: the secret value is lost",
        "AWS::KMS::Key" => "stateful: data encrypted with the key can no longer be read",
        "AWS::ElastiCache::CacheCluster" | "AWS::ElastiCache::ReplicationGroup" => {
            "stateful: cached data is lost"
        }
        _ => return None,
    })
}

/// Counts of a change set, for the summary line and `--json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Resources added.
    pub add: usize,
    /// Resources modified (replacements included).
    pub modify: usize,
    /// Of those, resources certainly replaced.
    pub replace: usize,
    /// Of those, resources that may be replaced.
    pub maybe_replace: usize,
    /// Resources removed.
    pub remove: usize,
    /// Other actions (Import, Dynamic).
    pub other: usize,
}

/// Counts the changes.
pub fn summarize(changes: &[Change]) -> Summary {
    let mut s = Summary::default();
    for c in changes {
        match c.action.as_str() {
            "Add" => s.add += 1,
            "Modify" => {
                s.modify += 1;
                if c.replaced() {
                    s.replace += 1;
                } else if c.maybe_replaced() {
                    s.maybe_replace += 1;
                }
            }
            "Remove" => s.remove += 1,
            _ => s.other += 1,
        }
    }
    s
}

/// The warnings for replacements and removals of risky resources.
pub fn callouts(changes: &[Change]) -> Vec<String> {
    let mut out = Vec::new();
    for c in changes {
        let Some(why) = risk(&c.resource_type) else {
            continue;
        };
        let verb = if c.replaced() {
            "will be replaced"
        } else if c.maybe_replaced() {
            "may be replaced"
        } else if c.action == "Remove" {
            "will be deleted"
        } else {
            continue;
        };
        out.push(format!(
            "`{}` ({}) {verb}: {why}",
            c.logical_id, c.resource_type
        ));
    }
    out
}

/// The diff as text, for people. `stack` names the stack.
pub fn render(stack: &str, kind: ChangeSetKind, changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    let heading = match kind {
        ChangeSetKind::Create => format!("stack `{stack}` will be created:"),
        ChangeSetKind::Update => format!("stack `{stack}` will be updated:"),
    };
    out.push_str(&paint(color, Style::Bold, &heading));
    out.push_str("\n\n");
    let id_width = changes
        .iter()
        .map(|c| c.logical_id.chars().count())
        .max()
        .unwrap_or(0);
    let ty_width = changes
        .iter()
        .map(|c| c.resource_type.chars().count())
        .max()
        .unwrap_or(0);
    for c in changes {
        let (sign, style, note) = match c.action.as_str() {
            "Add" => ("+", Style::Green, String::new()),
            "Remove" => ("-", Style::Red, String::new()),
            "Modify" if c.replaced() => ("±", Style::Red, "REPLACED".to_string()),
            "Modify" if c.maybe_replaced() => ("±", Style::Yellow, "may be replaced".to_string()),
            "Modify" => ("~", Style::Yellow, String::new()),
            other => ("?", Style::Yellow, other.to_string()),
        };
        let props = changed_list(c);
        let mut tail = Vec::new();
        if !note.is_empty() {
            tail.push(paint(color, style, &note));
        }
        if !props.is_empty() {
            tail.push(props);
        }
        let line = format!(
            "  {} {:<id_width$}  {:<ty_width$}  {}",
            paint(color, style, sign),
            c.logical_id,
            c.resource_type,
            tail.join("  "),
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let s = summarize(changes);
    let mut parts = vec![
        format!("{} to add", s.add),
        format!("{} to change", s.modify),
    ];
    if s.replace > 0 || s.maybe_replace > 0 {
        let mut r = format!("{} replaced", s.replace);
        if s.maybe_replace > 0 {
            r.push_str(&format!(", {} maybe", s.maybe_replace));
        }
        if let Some(last) = parts.last_mut() {
            last.push_str(&format!(" ({r})"));
        }
    }
    parts.push(format!("{} to remove", s.remove));
    if s.other > 0 {
        parts.push(format!("{} other", s.other));
    }
    out.push('\n');
    out.push_str(&format!("  {}\n", parts.join(", ")));
    for w in callouts(changes) {
        out.push_str(&format!(
            "  {}: {w}\n",
            paint(color, Style::Yellow, "warning")
        ));
    }
    out
}

/// Changed properties as `(A, B*)` where `*` marks properties whose change forces a replacement.
fn changed_list(c: &Change) -> String {
    if c.action != "Modify" || c.changed.is_empty() {
        return String::new();
    }
    // The registry schema's create-only properties, for changes CloudFormation (or an
    // emulator) lists without saying whether they force a replacement.
    let schema = crate::cfn::by_cfn_name(&c.resource_type).and_then(crate::cfn::schema);
    let names: Vec<String> = c
        .changed
        .iter()
        .map(|a| match a.requires_recreation.as_deref() {
            Some("Always") => format!("{} (forces replacement)", a.name),
            Some("Conditionally") => format!("{} (may force replacement)", a.name),
            None if schema.as_ref().is_some_and(|s| s.is_create_only(&a.name)) => format!(
                "{} (create-only: changing this replaces the resource)",
                a.name
            ),
            _ => a.name.clone(),
        })
        .collect();
    format!("[{}]", names.join(", "))
}

/// The machine-readable diff of `ecsxc diff --json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonDiff<'a> {
    /// The stack name.
    pub stack: &'a str,
    /// `CREATE` or `UPDATE`.
    pub change_set_type: ChangeSetKind,
    /// True when anything would change.
    pub has_changes: bool,
    /// The counts.
    pub summary: Summary,
    /// Every resource change.
    pub changes: &'a [Change],
    /// Warnings about risky replacements and removals.
    pub warnings: Vec<String>,
}

/// The diff as pretty JSON (ends with a newline).
pub fn to_json(stack: &str, kind: ChangeSetKind, changes: &[Change]) -> String {
    let d = JsonDiff {
        stack,
        change_set_type: kind,
        has_changes: !changes.is_empty(),
        summary: summarize(changes),
        changes,
        warnings: callouts(changes),
    };
    let mut s = serde_json::to_string_pretty(&d).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

#[cfg(test)]
mod create_only_tests {
    use super::*;

    #[test]
    fn a_create_only_property_is_noted_when_the_change_set_does_not_say() {
        let change = |requires: Option<&str>| Change {
            action: "Modify".to_string(),
            logical_id: "Jobs".to_string(),
            resource_type: "AWS::SQS::Queue".to_string(),
            physical_id: None,
            replacement: None,
            changed: vec![
                ChangedAttribute {
                    name: "QueueName".to_string(),
                    requires_recreation: requires.map(str::to_string),
                },
                ChangedAttribute {
                    name: "DelaySeconds".to_string(),
                    requires_recreation: None,
                },
            ],
        };
        assert_eq!(
            changed_list(&change(None)),
            "[QueueName (create-only: changing this replaces the resource), DelaySeconds]"
        );
        assert_eq!(
            changed_list(&change(Some("Always"))),
            "[QueueName (forces replacement), DelaySeconds]"
        );
    }
}
