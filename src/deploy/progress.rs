//! Following a stack operation: new stack events as they happen, a progress line
//! (resources done of total, elapsed time, the current event), and, while an ECS
//! service is being created or updated, that service's own events and the stop
//! reasons of its failed tasks (see [`super::ecs`]).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use super::changeset::Timing;
use super::ecs::ServiceWatch;
use super::error::DeployError;
use super::stack;
use super::ui::{paint, Style, Ui};

/// A stack event, as ecsxc shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// `EventId`.
    pub id: String,
    /// Seconds since the Unix epoch (0 when unknown).
    pub epoch: i64,
    /// Logical ID (the stack name for stack-level events).
    pub logical_id: String,
    /// Resource type (`AWS::CloudFormation::Stack` for stack-level events).
    pub resource_type: String,
    /// Physical ID, once known.
    pub physical_id: Option<String>,
    /// `ResourceStatus`.
    pub status: String,
    /// `ResourceStatusReason`.
    pub reason: Option<String>,
}

impl Event {
    /// Converts CloudFormation's `StackEvent`.
    pub fn from_sdk(e: &aws_sdk_cloudformation::types::StackEvent) -> Event {
        Event {
            id: e.event_id().unwrap_or_default().to_string(),
            epoch: e.timestamp().map(|t| t.secs()).unwrap_or(0),
            logical_id: e.logical_resource_id().unwrap_or_default().to_string(),
            resource_type: e.resource_type().unwrap_or_default().to_string(),
            physical_id: e
                .physical_resource_id()
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            status: e
                .resource_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            reason: e
                .resource_status_reason()
                .filter(|r| !r.is_empty())
                .map(str::to_string),
        }
    }

    /// True for events about the stack itself rather than one of its resources.
    pub fn is_stack_event(&self) -> bool {
        self.resource_type == "AWS::CloudFormation::Stack"
    }

    /// True for a failed resource operation.
    pub fn is_failure(&self) -> bool {
        self.status.ends_with("_FAILED")
    }
}

/// `HH:MM:SS` (UTC) of an epoch time.
pub fn clock(epoch: i64) -> String {
    if epoch <= 0 {
        return "--:--:--".to_string();
    }
    aws_smithy_types::DateTime::from_secs(epoch)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .ok()
        .and_then(|s| s.get(11..19).map(str::to_string))
        .unwrap_or_else(|| "--:--:--".to_string())
}

/// `m:ss` or `h:mm:ss`.
pub fn elapsed(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn status_style(status: &str) -> Style {
    if status.ends_with("_FAILED") || status.contains("ROLLBACK") {
        Style::Red
    } else if status.ends_with("_COMPLETE") {
        Style::Green
    } else {
        Style::Yellow
    }
}

/// One event as a line of the log.
pub fn render_event(e: &Event, color: bool) -> String {
    let mut line = format!(
        "{}  {}  {} ({})",
        clock(e.epoch),
        paint(color, status_style(&e.status), &format!("{:<28}", e.status)),
        e.logical_id,
        e.resource_type
    );
    if let Some(r) = &e.reason {
        line.push_str(&format!(": {r}"));
    }
    line
}

/// What has happened so far in one stack operation.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// How many resources the operation touches.
    pub total: usize,
    /// The latest status of each resource.
    pub statuses: BTreeMap<String, String>,
    /// Physical IDs seen in events, by logical ID.
    pub physical: HashMap<String, String>,
    /// The latest event.
    pub current: Option<Event>,
    /// Every failed resource event, in the order they happened.
    pub failures: Vec<Event>,
}

impl Progress {
    /// A progress of `total` resources.
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            ..Progress::default()
        }
    }

    /// Takes an event into account.
    pub fn apply(&mut self, e: &Event) {
        if let Some(p) = &e.physical_id {
            self.physical.insert(e.logical_id.clone(), p.clone());
        }
        if !e.is_stack_event() {
            self.statuses.insert(e.logical_id.clone(), e.status.clone());
            if e.is_failure() {
                self.failures.push(e.clone());
            }
        }
        self.current = Some(e.clone());
    }

    /// Resources whose latest status ends an operation.
    pub fn done(&self) -> usize {
        self.statuses
            .values()
            .filter(|s| !s.ends_with("_IN_PROGRESS"))
            .count()
    }

    /// True while `logical_id` is being created, updated or deleted.
    pub fn in_progress(&self, logical_id: &str) -> bool {
        self.statuses
            .get(logical_id)
            .is_some_and(|s| s.ends_with("_IN_PROGRESS"))
    }

    /// The progress line: `[ 3/9] 0:42  NginxService CREATE_IN_PROGRESS: reason`.
    pub fn render_line(&self, took: Duration, color: bool) -> String {
        let width = self.total.to_string().len();
        let done = self.done().min(self.total.max(self.done()));
        let mut line = format!(
            "[{done:>width$}/{}] {:>5}",
            self.total,
            elapsed(took),
            width = width
        );
        if let Some(e) = &self.current {
            line.push_str(&format!(
                "  {} {}",
                e.logical_id,
                paint(color, status_style(&e.status), &e.status)
            ));
            if let Some(r) = &e.reason {
                let short: String = r.chars().take(80).collect();
                line.push_str(&format!(": {short}"));
            }
        }
        line
    }
}

/// Reads the events newer than `last_seen` (oldest first) and moves `last_seen` on.
/// With `last_seen` `None`, every event of the stack is new.
pub async fn new_events(
    cfn: &aws_sdk_cloudformation::Client,
    stack_id: &str,
    last_seen: &mut Option<String>,
) -> Result<Vec<Event>, DeployError> {
    let mut fresh: Vec<Event> = Vec::new();
    let mut token: Option<String> = None;
    'pages: for _ in 0..20 {
        let page = stack::events_page(cfn, stack_id, token.take()).await?;
        for e in page.stack_events() {
            if last_seen
                .as_deref()
                .is_some_and(|l| e.event_id() == Some(l))
            {
                break 'pages;
            }
            fresh.push(Event::from_sdk(e));
        }
        match page.next_token() {
            Some(t) if !t.is_empty() => token = Some(t.to_string()),
            _ => break,
        }
    }
    if let Some(newest) = fresh.first() {
        *last_seen = Some(newest.id.clone());
    }
    fresh.reverse();
    Ok(fresh)
}

/// What to follow.
#[derive(Debug, Clone)]
pub struct Follow {
    /// The stack ARN (works after deletion too).
    pub stack_id: String,
    /// The stack name, for messages.
    pub stack_name: String,
    /// Events up to this one are old news.
    pub since_event: Option<String>,
    /// Resources the operation touches.
    pub total: usize,
    /// ECS services whose events to show while they change.
    pub services: Vec<ServiceWatch>,
}

/// How a followed operation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The final stack status (`DELETE_COMPLETE` when the stack is gone).
    pub status: String,
    /// The final status reason.
    pub reason: Option<String>,
    /// Failed resources, first failure first.
    pub failures: Vec<Event>,
    /// Physical IDs seen, by logical ID.
    pub physical: HashMap<String, String>,
}

/// Follows a stack operation until the stack settles.
pub async fn follow(
    clients: &super::aws::Clients,
    ui: &Ui,
    mut f: Follow,
    timing: &Timing,
) -> Result<Followed, DeployError> {
    let started = Instant::now();
    let mut last_seen = f.since_event.clone();
    let mut progress = Progress::new(f.total);
    let mut ecs_warned = false;
    loop {
        let fresh = new_events(&clients.cfn, &f.stack_id, &mut last_seen).await?;
        for e in &fresh {
            progress.apply(e);
            if !ui.live || e.is_failure() || e.is_stack_event() {
                ui.info(&render_event(e, ui.color));
            }
        }
        ui.progress(&progress.render_line(started.elapsed(), ui.color));
        for w in &mut f.services {
            if !progress.in_progress(&w.logical_id) {
                continue;
            }
            w.learn(&progress.physical);
            if let Err(err) = w.poll(&clients.ecs, ui).await {
                if !ecs_warned {
                    ui.warn(&format!("cannot read ECS service events: {}", err.message));
                    ecs_warned = true;
                }
            }
        }
        let now = stack::describe(&clients.cfn, &f.stack_id).await?;
        let (status, reason) = match &now {
            Some(s) => (s.status.clone(), s.reason.clone()),
            None => ("DELETE_COMPLETE".to_string(), None),
        };
        if stack::is_settled(&status) {
            // Events written between the last read and the final status.
            if now.is_some() {
                for e in new_events(&clients.cfn, &f.stack_id, &mut last_seen).await? {
                    progress.apply(&e);
                    if !ui.live || e.is_failure() || e.is_stack_event() {
                        ui.info(&render_event(&e, ui.color));
                    }
                }
            }
            ui.progress("");
            return Ok(Followed {
                status,
                reason,
                failures: progress.failures,
                physical: progress.physical,
            });
        }
        tokio::time::sleep(timing.poll).await;
    }
}
