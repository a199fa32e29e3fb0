//! What a service's or task's containers need, and the Fargate size that holds it.

use super::view::{At, Mib};
use super::{CompRef, Model, Node};
use crate::limits;
use crate::source::Span;

/// What a service's or task's containers ask for, and the task size given.
pub struct Needs {
    /// Sum of the containers' cpu.
    pub cpu: u64,
    /// Sum of the containers' memory (hard limit, or reservation when larger).
    pub memory: u64,
    /// What ECS reserves on an instance to place a task without task memory: the sum
    /// of the containers' reservations, or hard limits where they have none.
    pub placement_memory: u64,
    /// The task's `cpu`, when given.
    pub fixed_cpu: Option<At<i64>>,
    /// The task's `memory`, when given.
    pub fixed_memory: Option<At<Mib>>,
    /// Where the containers are.
    pub containers: Span,
}

impl Needs {
    /// The Fargate size: the smallest valid one that holds the containers.
    pub fn size(&self) -> Result<(u64, u64), String> {
        limits::fargate_size(
            self.cpu,
            self.memory.max(limits::MIN_FARGATE_MEMORY),
            self.fixed_cpu
                .as_ref()
                .and_then(|c| u64::try_from(c.value).ok()),
            self.fixed_memory.as_ref().map(|m| m.value.0),
        )
    }
}

impl Model<'_> {
    /// The needs of runner component `c` (a service or a task definition).
    pub fn task_needs(&self, c: CompRef) -> Option<Needs> {
        let (cpu, memory, containers) = match self.node(c)? {
            Node::FargateService(v) => (v.cpu.clone(), v.memory.clone(), v.containers.span),
            Node::FargateTaskDefinition(v) => (
                v.cpu.clone(),
                v.memory.clone(),
                match (&v.container, v.containers.value.0.is_empty()) {
                    (Some(single), true) => single.span,
                    _ => v.containers.span,
                },
            ),
            Node::Ec2Service(v) => (v.cpu.clone(), v.memory.clone(), v.containers.span),
            Node::Ec2TaskDefinition(v) => (
                v.cpu.clone(),
                v.memory.clone(),
                match (&v.container, v.containers.value.0.is_empty()) {
                    (Some(single), true) => single.span,
                    _ => v.containers.span,
                },
            ),
            _ => return None,
        };
        let (mut cpu_sum, mut mem_sum, mut placed) = (0u64, 0u64, 0u64);
        for (_, f) in self.containers(c) {
            cpu_sum += f.cpu.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
            let hard = f.memory.as_ref().map(|m| m.value.0);
            let soft = f.memory_reservation.as_ref().map(|m| m.value.0);
            mem_sum += hard.or(soft).unwrap_or(0).max(soft.unwrap_or(0));
            placed += soft.or(hard).unwrap_or(0);
        }
        Some(Needs {
            cpu: cpu_sum,
            memory: mem_sum,
            placement_memory: placed,
            fixed_cpu: cpu,
            fixed_memory: memory,
            containers,
        })
    }
}
