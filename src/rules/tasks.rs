//! Rules of tasks and services: containers, Fargate sizes, ports, logs, grace periods,
//! names and tags.

use super::runners;
use crate::check::value::FxMap;
use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::tasks::Needs;
use crate::model::view::{At, Map, Secs};
use crate::model::views::NetworkMode;
use crate::model::views::{ContainerView, PortTarget};
use crate::model::{CompRef, Launch, Model, Node, ServiceId};
use crate::source::Span;

/// Where a runner's containers are written (for diagnostics about all of them).
pub fn containers_span(model: &Model<'_>, c: CompRef) -> Span {
    match model.node(c) {
        Some(Node::FargateService(v)) => v.containers.span,
        Some(Node::FargateTaskDefinition(v)) => {
            if !v.containers.value.0.is_empty() {
                v.containers.span
            } else if let Some(single) = &v.container {
                single.span
            } else {
                v.containers.span
            }
        }
        _ => model.span(c),
    }
}

/// Containers: one of `container` / `containers`, at least one, an essential one,
/// valid names, memory reservations within limits, host ports, ports mapped once.
pub fn containers(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in runners(model) {
        let name = model.name(c);
        if let Some(Node::FargateTaskDefinition(v)) = model.node(c) {
            if let (Some(single), false) = (&v.container, v.containers.value.0.is_empty()) {
                diags.push(
                    Diagnostic::new(
                        Code::ContainerAndContainers,
                        single.span,
                        format!("`{name}` has both `container` and `containers`"),
                    )
                    .label("one container here")
                    .with_label(v.containers.span, "more containers here")
                    .help(
                        "give one container with `container`, or several by name with `containers`",
                    ),
                );
                continue;
            }
        }
        let list = model.containers(c);
        if list.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::NoContainers,
                    containers_span(model, c),
                    format!("`{name}` has no containers"),
                )
                .label("empty")
                .help("add a container: `containers: { app: { image: \"nginx\", memory: 128 } }`"),
            );
            continue;
        }
        if list.len() > limits::MAX_CONTAINERS {
            diags.push(
                Diagnostic::new(
                    Code::TooManyContainers,
                    containers_span(model, c),
                    format!(
                        "`{name}` has {} containers; a task takes at most {}",
                        list.len(),
                        limits::MAX_CONTAINERS
                    ),
                )
                .label("too many containers")
                .help("split the containers over several services or task definitions"),
            );
        }
        if list.iter().all(|(_, f)| !f.essential.value) {
            let mut d = Diagnostic::new(
                Code::NoEssentialContainer,
                containers_span(model, c),
                format!("no container of `{name}` is essential"),
            )
            .label("every container has `essential: false`");
            for (_, f) in list.iter().take(3) {
                d = d.with_label(f.essential.span, "not essential");
            }
            diags.push(d.help(
                "ECS needs at least one essential container in a task: remove `essential: false` from the main one",
            ));
        }
        let runner = model.runner(c);
        let mode = match runner.map(|r| r.launch) {
            Some(Launch::Ec2(mode)) => mode,
            _ => NetworkMode::Awsvpc,
        };
        let fargate = runner.is_some_and(|r| r.launch == Launch::Fargate);
        let mut seen: FxMap<(i64, &str), Span> = FxMap::default();
        for (key, f) in &list {
            container_name(key, diags);
            reservation(f, diags);
            for m in &f.port_mappings {
                let host = match &m.value {
                    PortTarget::Mapping(p) => p.host_port.as_ref(),
                    PortTarget::Component(_) => None,
                };
                if let (PortTarget::Mapping(p), Some(h)) = (&m.value, host) {
                    if h.value != p.container_port && mode != NetworkMode::Bridge {
                        let (where_, why) = if fargate {
                            (
                                "on Fargate",
                                "awsvpc tasks have their own network interface: leave hostPort out",
                            )
                        } else if mode == NetworkMode::Host {
                            ("in host mode", "host mode uses the instance's ports as they are: leave hostPort out")
                        } else {
                            (
                                "in awsvpc mode",
                                "awsvpc tasks have their own network interface: leave hostPort out",
                            )
                        };
                        diags.push(
                            Diagnostic::new(
                                Code::HostPortMismatch,
                                h.span,
                                format!(
                                    "hostPort must equal containerPort ({}) {where_}",
                                    p.container_port
                                ),
                            )
                            .label("different from containerPort")
                            .help(why),
                        );
                    }
                }
                let Some((container_port, protocols)) = model.mapped_port(&m.value) else {
                    continue;
                };
                // The port that must be unique in the task: the container port on a
                // shared interface (awsvpc, host); in bridge mode only a fixed host port.
                let port = match (mode, host) {
                    (NetworkMode::Bridge, Some(h)) => h.value,
                    (NetworkMode::Bridge, None) => continue,
                    _ => container_port,
                };
                for protocol in protocols {
                    if let Some(first) = seen.get(&(port, protocol)) {
                        diags.push(
                            Diagnostic::new(
                                Code::DuplicateContainerPort,
                                m.span,
                                format!("port {port}/{protocol} is mapped twice in the task of `{name}`"),
                            )
                            .label("second mapping")
                            .with_label(*first, "first mapping")
                            .help(if mode == NetworkMode::Bridge {
                                "a host port serves one container: give another `hostPort`, or leave it out for a dynamic one"
                            } else {
                                "containers of an awsvpc or host mode task share one network interface; use different ports"
                            }),
                        );
                        continue;
                    }
                    seen.insert((port, protocol), m.span);
                }
            }
        }
    }
}

fn container_name(key: &At<String>, diags: &mut Vec<Diagnostic>) {
    let name = &key.value;
    let valid = !name.is_empty()
        && name.len() <= limits::MAX_CONTAINER_NAME
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid {
        diags.push(
            Diagnostic::new(
                Code::InvalidName,
                key.span,
                format!("`{name}` cannot name a container"),
            )
            .label("not a container name")
            .help("container names are 1 to 255 letters, digits, `-` and `_`"),
        );
    }
}

fn reservation(f: &ContainerView, diags: &mut Vec<Diagnostic>) {
    if let (Some(m), Some(r)) = (&f.memory, &f.memory_reservation) {
        let (mm, rr) = (m.value.0, r.value.0);
        if rr > mm {
            diags.push(
                Diagnostic::new(
                    Code::ReservationAboveLimit,
                    r.span,
                    format!("memoryReservation ({rr} MiB) is above memory ({mm} MiB)"),
                )
                .label("above the hard limit")
                .with_label(m.span, "the hard limit")
                .help("the reservation is a soft limit and must not exceed `memory`"),
            );
        }
    }
}

/// Task sizes: the task's own cpu and memory hold its containers', and on Fargate some
/// valid Fargate size fits.
pub fn sizes(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, r) in runners(model) {
        if model.containers(c).is_empty() {
            continue;
        }
        let Some(n) = model.task_needs(c) else {
            continue;
        };
        let too_small = task_too_small(&n);
        let fits = too_small.is_empty();
        diags.extend(too_small);
        if r.launch != Launch::Fargate {
            ec2_memory(model, c, diags);
            continue;
        }
        if !fits {
            continue;
        }
        if let Err(why) = n.size() {
            let given = n
                .fixed_cpu
                .as_ref()
                .map(|c| c.span)
                .or(n.fixed_memory.as_ref().map(|m| m.span));
            let d = match given {
                Some(span) => Diagnostic::new(Code::InvalidFargateSize, span, "no valid Fargate task size fits")
                    .label("not a Fargate size"),
                None => Diagnostic::new(
                    Code::TaskTooLarge,
                    n.containers,
                    if n.cpu > 0 {
                        format!(
                            "the containers need {} cpu units and {} MiB, more than any Fargate task",
                            n.cpu, n.memory
                        )
                    } else {
                        format!("the containers need {} MiB, more than any Fargate task", n.memory)
                    },
                )
                .label("needs more than the largest Fargate task"),
            };
            diags.push(d.help(why));
        }
    }
}

/// The task's own memory and cpu, where given, below what its containers take.
fn task_too_small(n: &Needs) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(m) = n.fixed_memory.as_ref().filter(|m| m.value.0 < n.memory) {
        out.push(
            Diagnostic::new(
                Code::TaskTooLarge,
                m.span,
                format!(
                    "the task has {} MiB but its containers need {} MiB",
                    m.value.0, n.memory
                ),
            )
            .label("too little for the containers")
            .with_label(n.containers, "these containers")
            .help("raise the task memory, or lower the containers' memory"),
        );
    }
    let task_cpu = n
        .fixed_cpu
        .as_ref()
        .and_then(|c| Some((c.span, u64::try_from(c.value).ok()?)));
    if let Some((span, cpu)) = task_cpu.filter(|(_, cpu)| *cpu < n.cpu) {
        out.push(
            Diagnostic::new(
                Code::TaskTooLarge,
                span,
                format!(
                    "the task has {cpu} cpu units but its containers reserve {}",
                    n.cpu
                ),
            )
            .label("too little for the containers")
            .with_label(n.containers, "these containers")
            .help("raise the task cpu, or lower the containers' cpu"),
        );
    }
    out
}

/// On EC2, every container needs `memory` or `memoryReservation` unless the task has
/// `memory`.
fn ec2_memory(model: &Model<'_>, c: CompRef, diags: &mut Vec<Diagnostic>) {
    if model
        .task_needs(c)
        .is_some_and(|n| n.fixed_memory.is_some())
    {
        return;
    }
    for (key, f) in model.containers(c) {
        if f.memory.is_none() && f.memory_reservation.is_none() {
            diags.push(
                Diagnostic::new(
                    Code::ContainerWithoutMemory,
                    key.span,
                    format!("container `{}` of `{}` has no memory", key.value, model.name(c)),
                )
                .label("no `memory` or `memoryReservation`")
                .help("on EC2 each container needs `memory` or `memoryReservation` (for example `memory: 256`), unless the task has `memory`"),
            );
        }
    }
}

/// Log retention: a period CloudWatch Logs offers.
pub fn log_retention(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in runners(model) {
        let retention = match model.node(c) {
            Some(Node::FargateService(v)) => &v.log_retention,
            Some(Node::FargateTaskDefinition(v)) => &v.log_retention,
            Some(Node::Ec2Service(v)) => &v.log_retention,
            Some(Node::Ec2TaskDefinition(v)) => &v.log_retention,
            _ => continue,
        };
        retention_offered(retention, diags);
    }
}

/// `E0312` when `retention` is not a period CloudWatch Logs offers.
pub(super) fn retention_offered(retention: &At<Secs>, diags: &mut Vec<Diagnostic>) {
    let secs = retention.value.0;
    if secs % 86_400 != 0 || !limits::LOG_RETENTION_DAYS.contains(&(secs / 86_400)) {
        let list = limits::LOG_RETENTION_DAYS
            .iter()
            .map(|d| format!("{d}d"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::new(
                Code::InvalidLogRetention,
                retention.span,
                "CloudWatch Logs does not offer this retention",
            )
            .label("not a retention period")
            .help(format!("use one of {list}")),
        );
    }
}

/// A grace period needs a load balancer or a container health check; a service has at most 5 target groups.
pub fn grace_period(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (s, r) in model.services.iter().enumerate() {
        let (containers, grace) = match model.node(r.comp) {
            Some(Node::FargateService(v)) => (&v.containers, &v.health_check_grace_period),
            Some(Node::Ec2Service(v)) => (&v.containers, &v.health_check_grace_period),
            _ => continue,
        };
        let name = model.name(r.comp);
        let tgs = target_groups(model, s);
        if tgs > limits::MAX_TARGET_GROUPS_PER_SERVICE {
            diags.push(
                Diagnostic::new(
                    Code::TooManyTargetGroups,
                    containers.span,
                    format!(
                        "`{name}` is registered in {tgs} target groups; a service can have at most {}",
                        limits::MAX_TARGET_GROUPS_PER_SERVICE
                    ),
                )
                .label("too many listeners and target groups")
                .help("split the containers into several services"),
            );
        }
        let container_checks = containers
            .value
            .0
            .iter()
            .any(|(_, f)| f.health_check.is_some());
        if let (Some(g), 0, false) = (grace, tgs, container_checks) {
            diags.push(
                Diagnostic::new(
                    Code::GracePeriodWithoutHealthCheck,
                    g.span,
                    format!("`{name}` has a health-check grace period but no load balancer and no container health check"),
                )
                .label("nothing to wait for")
                .help("remove `healthCheckGracePeriod`, put the service behind a listener, or give a container a `healthCheck`"),
            );
        }
    }
}

/// The number of target groups service `s` is registered in.
fn target_groups(model: &Model<'_>, s: ServiceId) -> usize {
    let mut tgs: Vec<usize> = model.service_attachments(s).map(|a| a.tg).collect();
    tgs.sort_unstable();
    tgs.dedup();
    tgs.len()
}

/// Tags (at most 50, valid keys and values) and the names of existing clusters.
pub fn names_and_tags(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (i, node) in model.nodes.iter().enumerate() {
        let Some(node) = node else { continue };
        let c = CompRef(i);
        // ecsxc gives an Auto Scaling group the tag ECS manages it by.
        let mut max = limits::MAX_TAGS;
        let tags = match node {
            Node::AutoScalingGroup(v) => {
                max -= 1;
                &v.tags
            }
            Node::Cluster(v) => &v.tags,
            Node::FargateService(v) => &v.tags,
            Node::Ec2Service(v) => &v.tags,
            Node::Vpc(v) => &v.tags,
            Node::SecurityGroup(v) => &v.tags,
            Node::ApplicationLoadBalancer(v) => &v.tags,
            Node::NetworkLoadBalancer(v) => &v.tags,
            Node::ApplicationTargetGroup(v) => &v.tags,
            Node::NetworkTargetGroup(v) => &v.tags,
            Node::ExistingClusterByName(v) => {
                cluster_name(&v.name_or_arn, diags);
                continue;
            }
            Node::ExistingCluster(v) => {
                cluster_name(&v.name_or_arn, diags);
                continue;
            }
            _ => continue,
        };
        check_tags(model, c, tags, max, diags);
    }
}

/// Tags of component `c`: valid keys and values, at most `max`.
fn check_tags(
    model: &Model<'_>,
    c: CompRef,
    tags: &Map<crate::check::Val>,
    max: usize,
    diags: &mut Vec<Diagnostic>,
) {
    for (key, value) in &tags.0 {
        if max < limits::MAX_TAGS && key.value == limits::ECS_MANAGED_TAG {
            diags.push(
                Diagnostic::new(
                    Code::InvalidName,
                    key.span,
                    format!("`{}` is the tag ECS manages the group by", key.value),
                )
                .label("ecsxc sets this tag")
                .help("remove it: ecsxc tags every Auto Scaling group it makes a capacity provider of"),
            );
            continue;
        }
        let bad_value = value
            .as_str()
            .is_some_and(|s| s.chars().count() > limits::MAX_TAG_VALUE);
        let k = &key.value;
        let allowed = |s: &str| {
            s.chars().all(|c| {
                c.is_alphanumeric() || c.is_whitespace() || limits::TAG_PUNCTUATION.contains(c)
            })
        };
        if !allowed(k) || value.as_str().is_some_and(|v| !allowed(v)) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidName,
                    key.span,
                    format!("the tag `{k}` has characters AWS does not take in tags"),
                )
                .label("not a valid tag")
                .help(format!(
                    "tag keys and values hold letters, digits, spaces and `{}`",
                    limits::TAG_PUNCTUATION
                )),
            );
            continue;
        }
        if k.is_empty()
            || k.chars().count() > limits::MAX_TAG_KEY
            || k.starts_with("aws:")
            || bad_value
        {
            diags.push(
                Diagnostic::new(Code::InvalidName, key.span, format!("`{k}` cannot be a tag"))
                    .label("not a valid tag")
                    .help("tag keys are 1 to 128 characters and do not start with `aws:`; values are at most 256 characters"),
            );
        }
    }
    if let Some((first, _)) = tags.0.get(max) {
        let why = if max < limits::MAX_TAGS {
            format!(
                "AWS takes at most {} per resource, and ecsxc adds `{}`",
                limits::MAX_TAGS,
                limits::ECS_MANAGED_TAG
            )
        } else {
            format!("AWS takes at most {max} per resource")
        };
        diags.push(
            Diagnostic::new(
                Code::TooManyTags,
                first.span,
                format!("`{}` has {} tags; {why}", model.name(c), tags.0.len()),
            )
            .label(format!("tag {} and those after it do not fit", max + 1))
            .help(format!("keep at most {max} tags")),
        );
    }
}

fn cluster_name(v: &At<String>, diags: &mut Vec<Diagnostic>) {
    let name = &v.value;
    let valid = name.starts_with("arn:")
        || (!name.is_empty()
            && name.len() <= limits::MAX_CLUSTER_NAME
            && name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'));
    if !valid {
        diags.push(
            Diagnostic::new(
                Code::InvalidName,
                v.span,
                format!("{name:?} cannot name an ECS cluster"),
            )
            .label("not a cluster name or ARN")
            .help("give the cluster's name (1 to 255 letters, digits, `-` and `_`) or its ARN"),
        );
    }
}
