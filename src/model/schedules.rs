//! Service behaviour, service autoscaling and scheduled tasks in the model: the
//! settings of a service beyond its tasks, the resources Application Auto Scaling
//! needs (with the target group a request-count policy measures), and each
//! `ScheduledTask` linked to its task definition and cluster.

use super::views::{AutoscalingView, CircuitBreakerThresholdView, PropagateTags};
use super::{At, ClusterId, CompRef, Entity, Model, Node, ServiceId, TaskId, TgId};
use crate::ir::logical_id;
use crate::source::Span;

/// Index into [`Model::schedules`].
pub type ScheduleId = usize;

/// A `ScheduledTask`: an EventBridge Scheduler schedule and its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The component.
    pub comp: CompRef,
    /// The task definition it runs (absent when that has an error).
    pub task: Option<TaskId>,
    /// The cluster it runs in: the one given, else the task definition's.
    pub cluster: Option<ClusterId>,
    /// `AWS::Scheduler::Schedule`.
    pub logical_id: String,
    /// `AWS::IAM::Role` that EventBridge Scheduler assumes to run the task.
    pub role: String,
}

/// The autoscaling of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaling {
    /// The service component.
    pub comp: CompRef,
    /// Its index in [`Model::services`].
    pub service: ServiceId,
    /// `AWS::ApplicationAutoScaling::ScalableTarget`.
    pub target: String,
    /// `AWS::ApplicationAutoScaling::ScalingPolicy` on CPU.
    pub cpu: String,
    /// `AWS::ApplicationAutoScaling::ScalingPolicy` on memory.
    pub memory: String,
    /// `AWS::ApplicationAutoScaling::ScalingPolicy` on requests per target.
    pub requests: String,
    /// The first Application Load Balancer target group the service is registered in
    /// that a load balancer forwards to (what `requestsPerTarget` measures).
    pub target_group: Option<TgId>,
}

/// The settings of a service beyond its tasks.
#[derive(Debug, Clone, Copy)]
pub struct Behaviour<'v> {
    /// `circuitBreaker`.
    pub circuit_breaker: bool,
    /// `circuitBreakerThreshold`.
    pub threshold: Option<&'v At<CircuitBreakerThresholdView>>,
    /// `enableExecuteCommand`.
    pub execute_command: &'v At<bool>,
    /// `propagateTags`.
    pub propagate_tags: Option<&'v At<PropagateTags>>,
    /// `availabilityZoneRebalancing`.
    pub rebalancing: Option<&'v At<bool>>,
    /// `autoscaling`.
    pub autoscaling: Option<&'v At<AutoscalingView>>,
    /// The construction (for diagnostics about the whole service).
    pub span: Span,
}

impl Model<'_> {
    /// The behaviour settings of service `c`.
    pub fn behaviour(&self, c: CompRef) -> Option<Behaviour<'_>> {
        macro_rules! behaviour {
            ($v:expr) => {
                Behaviour {
                    circuit_breaker: $v.circuit_breaker,
                    threshold: $v.circuit_breaker_threshold.as_ref(),
                    execute_command: &$v.enable_execute_command,
                    propagate_tags: $v.propagate_tags.as_ref(),
                    rebalancing: $v.availability_zone_rebalancing.as_ref(),
                    autoscaling: $v.autoscaling.as_ref(),
                    span: self.span(c),
                }
            };
        }
        Some(match self.node(c)? {
            Node::FargateService(v) => behaviour!(v),
            Node::Ec2Service(v) => behaviour!(v),
            _ => return None,
        })
    }

    /// Whether the containers of service `c` may be entered with `execute-command`.
    pub fn execute_command(&self, c: CompRef) -> bool {
        self.behaviour(c).is_some_and(|b| b.execute_command.value)
    }

    /// Links every service's autoscaling (after the target groups are linked).
    pub(super) fn link_scaling(&mut self) {
        for (i, r) in self.services.iter().enumerate() {
            if self.behaviour(r.comp).and_then(|b| b.autoscaling).is_none() {
                continue;
            }
            let name = self.name(r.comp);
            let target_group = r
                .attachments
                .iter()
                .filter_map(|a| self.attachments.get(*a))
                .map(|a| a.tg)
                .find(|tg| {
                    self.target_groups
                        .get(*tg)
                        .is_some_and(|t| t.kind == super::LbKind::Application)
                        && !self.load_balancers_of(*tg).is_empty()
                });
            let scaling = Scaling {
                comp: r.comp,
                service: i,
                target: logical_id(name, "ScalableTarget"),
                cpu: logical_id(name, "CpuScaling"),
                memory: logical_id(name, "MemoryScaling"),
                requests: logical_id(name, "RequestScaling"),
                target_group,
            };
            self.scaling.push(scaling);
        }
    }

    /// Links every `ScheduledTask` to its task definition and cluster.
    pub(super) fn link_schedules(&mut self) {
        for (c, node) in self.each(|n| matches!(n, Node::ScheduledTask(_))) {
            let Node::ScheduledTask(v) = node else {
                continue;
            };
            let task = match self.entity(v.task.value) {
                Some(Entity::Task(t)) => Some(t),
                _ => None,
            };
            let cluster = match &v.cluster {
                Some(cl) => match self.entity(cl.value) {
                    Some(Entity::Cluster(id)) => Some(id),
                    _ => None,
                },
                None => task.and_then(|t| self.tasks.get(t)).and_then(|r| r.cluster),
            };
            let name = self.name(c);
            self.entity
                .insert(c.0, Entity::Schedule(self.schedules.len()));
            self.schedules.push(Schedule {
                comp: c,
                task,
                cluster,
                logical_id: logical_id(name, "Schedule"),
                role: logical_id(name, "ScheduleRole"),
            });
        }
    }
}
