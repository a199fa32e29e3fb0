//! Watching ECS services while they deploy: the service's own event messages, the
//! stop reasons of tasks that failed, the deployment circuit breaker's verdict, and
//! whether the service is stable (one deployment, running = desired).

use std::collections::{HashMap, HashSet};

use super::aws::api;
use super::error::DeployError;
use super::ui::{Style, Ui};

/// One ECS service of the stack being watched.
#[derive(Debug, Clone, Default)]
pub struct ServiceWatch {
    /// Logical ID of the `AWS::ECS::Service`.
    pub logical_id: String,
    /// The cluster's logical ID in the stack, when the stack makes it.
    pub cluster_logical_id: Option<String>,
    /// The cluster name or ARN, once known.
    pub cluster: Option<String>,
    /// The service ARN, once known.
    pub arn: Option<String>,
    /// Only events and stopped tasks after this time (epoch seconds) are shown.
    pub since: i64,
    seen_events: HashSet<String>,
    seen_tasks: HashSet<String>,
    rollout_reported: bool,
}

/// A service's health at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// One deployment, and as many tasks running as desired.
    pub stable: bool,
    /// Running tasks.
    pub running: i32,
    /// Desired tasks.
    pub desired: i32,
    /// The circuit breaker (or another cause) failed the rollout: its reason.
    pub rollout_failed: Option<String>,
}

/// The cluster name inside a service ARN `arn:aws:ecs:R:A:service/CLUSTER/NAME`.
pub fn cluster_of_service_arn(arn: &str) -> Option<&str> {
    let resource = arn.split(':').nth(5)?;
    let mut parts = resource.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("service"), Some(cluster), Some(_)) => Some(cluster),
        _ => None,
    }
}

fn short_id(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

impl ServiceWatch {
    /// A watch of `logical_id`, showing what happens after `since` (epoch seconds).
    pub fn new(logical_id: &str, since: i64) -> ServiceWatch {
        ServiceWatch {
            logical_id: logical_id.to_string(),
            since,
            ..ServiceWatch::default()
        }
    }

    /// Takes the service ARN and cluster from physical IDs seen in stack events.
    pub fn learn(&mut self, physical: &HashMap<String, String>) {
        if self.arn.is_none() {
            self.arn = physical
                .get(&self.logical_id)
                .filter(|p| p.starts_with("arn:"))
                .cloned();
        }
        if self.cluster.is_none() {
            if let Some(c) = self.arn.as_deref().and_then(cluster_of_service_arn) {
                self.cluster = Some(c.to_string());
            } else if let Some(id) = &self.cluster_logical_id {
                self.cluster = physical.get(id).cloned();
            }
        }
    }

    /// Reads the service once: prints new service events, new stopped-task reasons and a
    /// failed rollout; returns its health (`None` while the service is not known yet).
    pub async fn poll(
        &mut self,
        ecs: &aws_sdk_ecs::Client,
        ui: &Ui,
    ) -> Result<Option<Health>, DeployError> {
        let Some(arn) = self.arn.clone() else {
            return Ok(None);
        };
        let cluster = self
            .cluster
            .clone()
            .unwrap_or_else(|| "default".to_string());
        let out = ecs
            .describe_services()
            .cluster(&cluster)
            .services(&arn)
            .send()
            .await
            .map_err(api("DescribeServices"))?;
        let Some(svc) = out.services().first() else {
            return Ok(None);
        };
        let mut fresh: Vec<(i64, String)> = Vec::new();
        for e in svc.events() {
            let id = e.id().unwrap_or_default().to_string();
            let at = e.created_at().map(|t| t.secs()).unwrap_or(0);
            if at < self.since || !self.seen_events.insert(id) {
                continue;
            }
            fresh.push((at, e.message().unwrap_or_default().to_string()));
        }
        let stopped = self
            .stopped_tasks(ecs, &cluster, svc.service_name().unwrap_or_default())
            .await?;
        fresh.extend(stopped);
        // Service events and task stops, in the order they happened.
        fresh.sort_by_key(|(at, _)| *at);
        for (at, msg) in fresh {
            ui.info(&format!(
                "{}  {}: {msg}",
                super::progress::clock(at),
                self.logical_id
            ));
        }
        let deployments = svc.deployments();
        let rollout_failed = deployments
            .iter()
            .find(|d| d.status() == Some("PRIMARY"))
            .filter(|d| d.rollout_state().map(|r| r.as_str()) == Some("FAILED"))
            .map(|d| {
                (
                    d.updated_at().map(|t| t.secs()).unwrap_or(0),
                    d.rollout_state_reason()
                        .unwrap_or("the deployment failed")
                        .to_string(),
                )
            });
        if let Some((at, reason)) = &rollout_failed {
            if !self.rollout_reported {
                self.rollout_reported = true;
                ui.info(&format!(
                    "{}  {}: {} {reason}",
                    super::progress::clock(*at),
                    self.logical_id,
                    ui.paint(Style::Red, "deployment failed:")
                ));
            }
        }
        let rollout_failed = rollout_failed.map(|(_, reason)| reason);
        Ok(Some(Health {
            stable: deployments.len() == 1 && svc.running_count() == svc.desired_count(),
            running: svc.running_count(),
            desired: svc.desired_count(),
            rollout_failed,
        }))
    }

    /// New stopped tasks of the service, as (stop time, description).
    async fn stopped_tasks(
        &mut self,
        ecs: &aws_sdk_ecs::Client,
        cluster: &str,
        service_name: &str,
    ) -> Result<Vec<(i64, String)>, DeployError> {
        let mut out = Vec::new();
        if service_name.is_empty() {
            return Ok(out);
        }
        let listed = ecs
            .list_tasks()
            .cluster(cluster)
            .service_name(service_name)
            .desired_status(aws_sdk_ecs::types::DesiredStatus::Stopped)
            .send()
            .await
            .map_err(api("ListTasks"))?;
        let unseen: Vec<String> = listed
            .task_arns()
            .iter()
            .filter(|a| !self.seen_tasks.contains(*a))
            .take(100)
            .cloned()
            .collect();
        if unseen.is_empty() {
            return Ok(out);
        }
        let described = ecs
            .describe_tasks()
            .cluster(cluster)
            .set_tasks(Some(unseen))
            .send()
            .await
            .map_err(api("DescribeTasks"))?;
        for t in described.tasks() {
            let arn = t.task_arn().unwrap_or_default().to_string();
            if t.last_status() != Some("STOPPED") {
                // Still stopping: look again next time.
                continue;
            }
            self.seen_tasks.insert(arn.clone());
            let at = t.stopped_at().map(|s| s.secs()).unwrap_or(0);
            if at != 0 && at < self.since {
                continue;
            }
            out.push((at, describe_stopped_task(t)));
        }
        Ok(out)
    }
}

/// `task 0123abcd stopped: REASON (container web: exit 1, CannotPullContainerError: …)`.
pub fn describe_stopped_task(t: &aws_sdk_ecs::types::Task) -> String {
    let mut text = format!(
        "task {} stopped: {}",
        short_id(t.task_arn().unwrap_or("?")),
        t.stopped_reason().unwrap_or("no reason given")
    );
    let containers: Vec<String> = t
        .containers()
        .iter()
        .filter(|c| c.reason().is_some() || c.exit_code().is_some_and(|x| x != 0))
        .map(|c| {
            let mut s = format!("container {}", c.name().unwrap_or("?"));
            if let Some(code) = c.exit_code() {
                s.push_str(&format!(": exit {code}"));
            }
            if let Some(r) = c.reason() {
                s.push_str(&format!(": {r}"));
            }
            s
        })
        .collect();
    if !containers.is_empty() {
        text.push_str(&format!(" ({})", containers.join("; ")));
    }
    text
}
