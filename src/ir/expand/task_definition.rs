//! Task definitions: containers, Fargate task sizes, the log group and the execution
//! role. Shared by every component that runs tasks.

use crate::check::{Component, Fields, Val, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{cfn_ref, get_att, logical_id, ImageBuild, Lowering, ParameterSource, Resource};
use crate::source::Span;
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;

/// Valid Fargate task sizes: (cpu units, memory MiB from, to, step).
pub const FARGATE_SIZES: &[(u64, u64, u64, u64)] = &[
    (256, 512, 512, 1),
    (256, 1024, 2048, 1024),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// Every valid (cpu, memory) pair, smallest first.
pub fn fargate_sizes() -> impl Iterator<Item = (u64, u64)> {
    FARGATE_SIZES.iter().flat_map(|&(cpu, from, to, step)| {
        (0..)
            .map(move |i| from + i * step)
            .take_while(move |m| *m <= to)
            .map(move |m| (cpu, m))
    })
}

/// Valid memory sizes for `cpu`, as text for help messages.
fn memory_choices(cpu: u64) -> String {
    let mems: Vec<String> = fargate_sizes()
        .filter(|(c, _)| *c == cpu)
        .map(|(_, m)| m.to_string())
        .collect();
    if mems.len() > 6 {
        format!(
            "{} to {}",
            mems.first().cloned().unwrap_or_default(),
            mems.last().cloned().unwrap_or_default()
        )
    } else {
        mems.join(", ")
    }
}

/// The smallest valid Fargate size with at least `cpu` units and `memory` MiB, honouring
/// a fixed task cpu or memory when given. `Err` carries what went wrong, for the caller
/// to locate.
pub fn fargate_size(
    cpu: u64,
    memory: u64,
    fixed_cpu: Option<u64>,
    fixed_memory: Option<u64>,
) -> Result<(u64, u64), String> {
    if let Some(c) = fixed_cpu {
        if !FARGATE_SIZES.iter().any(|s| s.0 == c) {
            return Err(format!(
                "Fargate tasks have 256, 512, 1024, 2048, 4096, 8192 or 16384 cpu units, not {c}"
            ));
        }
    }
    if let (Some(c), Some(m)) = (fixed_cpu, fixed_memory) {
        return if fargate_sizes().any(|s| s == (c, m)) {
            Ok((c, m))
        } else {
            Err(format!(
                "with {c} cpu units a Fargate task has {} MiB of memory, not {m}",
                memory_choices(c)
            ))
        };
    }
    fargate_sizes()
        .filter(|(c, m)| *c >= cpu && *m >= memory)
        .find(|(c, m)| fixed_cpu.is_none_or(|f| f == *c) && fixed_memory.is_none_or(|f| f == *m))
        .ok_or_else(|| match (fixed_cpu, fixed_memory) {
            (Some(c), _) => format!(
                "with {c} cpu units a Fargate task has {} MiB of memory",
                memory_choices(c)
            ),
            (_, Some(m)) => format!("no Fargate size has {m} MiB with at least {cpu} cpu units"),
            _ => "the largest Fargate task has 16384 cpu units and 122880 MiB".to_string(),
        })
}

/// The containers of a task-running component, by name, in source order.
pub fn containers(c: &Component) -> Vec<(&str, &Fields)> {
    c.field("containers")
        .and_then(|v| v.as_map())
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e.value.as_record().map(|f| (e.key.as_str(), f)))
                .collect()
        })
        .unwrap_or_default()
}

/// What expanding a task definition produced, for the service that uses it.
pub struct TaskDefinition {
    /// Logical ID of the `AWS::ECS::TaskDefinition`.
    pub logical_id: String,
    /// Container ports a listener or mapping opens, with the listener if any.
    pub ports: Vec<(i64, Option<usize>, String)>,
}

/// Expands the task definition of component `c` (Fargate: awsvpc, task size rounded
/// up), with its log group and execution role.
pub fn expand_fargate(cx: &mut Lowering<'_>, c: &Component) -> Option<TaskDefinition> {
    let containers = containers(c);
    let containers_span = c.field("containers").map_or(c.span, |v| v.span);
    if containers.is_empty() {
        cx.diags.push(
            Diagnostic::new(
                Code::NoContainers,
                containers_span,
                format!("`{}` has no containers", c.name),
            )
            .label("empty")
            .help("add a container: `containers: { app: { image: \"nginx\", memory: 128 } }`"),
        );
        return None;
    }
    let log_group = logical_id(&c.name, "LogGroup");
    let role = logical_id(&c.name, "ExecutionRole");
    let task_id = logical_id(&c.name, "TaskDefinition");
    let mut defs = Vec::new();
    let mut ports = Vec::new();
    let mut seen_ports: HashMap<(i64, String), Span> = HashMap::new();
    let (mut cpu_sum, mut mem_sum) = (0u64, 0u64);
    let mut ok = true;
    for (name, f) in &containers {
        let Some(def) = container(cx, c, name, f, &log_group, &mut ports, &mut seen_ports) else {
            ok = false;
            continue;
        };
        defs.push(def);
        cpu_sum += f
            .get("cpu")
            .and_then(Val::as_int)
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0);
        let hard = f.get("memory").and_then(Val::as_mib);
        let soft = f.get("memoryReservation").and_then(Val::as_mib);
        mem_sum += hard.or(soft).unwrap_or(0).max(soft.unwrap_or(0));
    }
    let fixed_cpu = c
        .field("cpu")
        .and_then(Val::as_int)
        .and_then(|n| u64::try_from(n).ok());
    let fixed_mem = c.field("memory").and_then(Val::as_mib);
    if let Some(m) = fixed_mem {
        if m < mem_sum {
            let span = c.field("memory").map_or(c.span, |v| v.span);
            cx.diags.push(
                Diagnostic::new(
                    Code::TaskTooLarge,
                    span,
                    format!("the task has {m} MiB but its containers need {mem_sum} MiB"),
                )
                .label("too little for the containers")
                .with_label(containers_span, "these containers")
                .help("raise the task memory, or lower the containers' memory"),
            );
            return None;
        }
    }
    let size = match fargate_size(cpu_sum, mem_sum.max(512), fixed_cpu, fixed_mem) {
        Ok(s) => s,
        Err(why) => {
            let (code, span) = match (c.field("cpu"), c.field("memory")) {
                (Some(v), _) | (None, Some(v)) => (Code::InvalidFargateSize, v.span),
                _ => (Code::TaskTooLarge, containers_span),
            };
            let message = if code == Code::TaskTooLarge {
                if cpu_sum > 0 {
                    format!("the containers need {cpu_sum} cpu units and {mem_sum} MiB, more than any Fargate task")
                } else {
                    format!("the containers need {mem_sum} MiB, more than any Fargate task")
                }
            } else {
                "no valid Fargate task size fits".to_string()
            };
            cx.diags.push(
                Diagnostic::new(code, span, message)
                    .label(if code == Code::TaskTooLarge {
                        "needs more than the largest Fargate task"
                    } else {
                        "not a Fargate size"
                    })
                    .help(why),
            );
            return None;
        }
    };
    if !ok {
        return None;
    }
    let retention = c
        .field("logRetention")
        .and_then(Val::as_seconds)
        .unwrap_or(86_400);
    let days = retention / 86_400;
    const RETENTION_DAYS: &[u64] = &[
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653,
    ];
    if retention % 86_400 != 0 || !RETENTION_DAYS.contains(&days) {
        let span = c.field("logRetention").map_or(c.span, |v| v.span);
        let list = RETENTION_DAYS
            .iter()
            .map(|d| format!("{d}d"))
            .collect::<Vec<_>>()
            .join(", ");
        cx.diags.push(
            Diagnostic::new(
                Code::InvalidLogRetention,
                span,
                "CloudWatch Logs does not offer this retention",
            )
            .label("not a retention period")
            .help(format!("use one of {list}")),
        );
        return None;
    }
    cx.add(
        log_group.clone(),
        Resource::new(
            "AWS::Logs::LogGroup",
            json!({ "RetentionInDays": days }),
            c.span,
        ),
    );
    cx.add(
        role.clone(),
        Resource::new(
            "AWS::IAM::Role",
            json!({
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": { "Service": "ecs-tasks.amazonaws.com" },
                        "Action": "sts:AssumeRole"
                    }]
                },
                "ManagedPolicyArns": [{
                    "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
                }]
            }),
            c.span,
        ),
    );
    cx.add(
        task_id.clone(),
        Resource::new(
            "AWS::ECS::TaskDefinition",
            json!({
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": size.0.to_string(),
                "Memory": size.1.to_string(),
                "ExecutionRoleArn": get_att(&role, "Arn"),
                "ContainerDefinitions": defs,
            }),
            c.span,
        ),
    );
    Some(TaskDefinition {
        logical_id: task_id,
        ports,
    })
}

/// One container definition; records its ports in `ports`.
fn container(
    cx: &mut Lowering<'_>,
    task: &Component,
    name: &str,
    f: &Fields,
    log_group: &str,
    ports: &mut Vec<(i64, Option<usize>, String)>,
    seen_ports: &mut HashMap<(i64, String), Span>,
) -> Option<Json> {
    let mut ok = true;
    let valid_name = !name.is_empty()
        && name.len() <= 255
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid_name {
        ok = false;
        let span = task
            .field("containers")
            .and_then(Val::as_map)
            .and_then(|m| m.iter().find(|e| e.key == name).map(|e| e.key_span))
            .unwrap_or(task.span);
        cx.diags.push(
            Diagnostic::new(
                Code::InvalidName,
                span,
                format!("`{name}` cannot name a container"),
            )
            .label("not a container name")
            .help("container names are 1 to 255 letters, digits, `-` and `_`"),
        );
    }
    let memory = f.get("memory");
    let reservation = f.get("memoryReservation");
    for v in [memory, reservation].into_iter().flatten() {
        if v.as_mib().is_some_and(|m| m < 6) {
            ok = false;
            cx.diags.push(
                Diagnostic::new(
                    Code::ContainerMemoryTooSmall,
                    v.span,
                    "a container needs at least 6 MiB of memory",
                )
                .label("below 6 MiB")
                .help("give 6 MiB or more"),
            );
        }
    }
    if let (Some(m), Some(r)) = (memory, reservation) {
        if let (Some(mm), Some(rr)) = (m.as_mib(), r.as_mib()) {
            if rr > mm {
                ok = false;
                cx.diags.push(
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
    let mut mappings = Vec::new();
    for m in f.get("portMappings").and_then(Val::as_list).unwrap_or(&[]) {
        let (port, host, protocol, listener) = match &m.value {
            Value::Component(l) => {
                let p = cx
                    .component(*l)
                    .map(super::listener::target_port)
                    .unwrap_or(80);
                (p, None, "tcp".to_string(), Some(*l))
            }
            Value::Record { fields, .. } => {
                let p = fields
                    .get("containerPort")
                    .and_then(Val::as_int)
                    .unwrap_or(0);
                let host = fields.get("hostPort");
                if let Some(h) = host {
                    if h.as_int() != Some(p) {
                        ok = false;
                        cx.diags.push(
                            Diagnostic::new(
                                Code::HostPortMismatch,
                                h.span,
                                format!("hostPort must equal containerPort ({p}) on Fargate"),
                            )
                            .label("different from containerPort")
                            .help(
                                "awsvpc tasks have their own network interface: leave hostPort out",
                            ),
                        );
                    }
                }
                let proto = fields
                    .get("protocol")
                    .and_then(Val::as_str)
                    .unwrap_or("tcp")
                    .to_string();
                (p, host.and_then(Val::as_int), proto, None)
            }
            _ => continue,
        };
        if let Some(first) = seen_ports.get(&(port, protocol.clone())) {
            ok = false;
            cx.diags.push(
                Diagnostic::new(
                    Code::DuplicateContainerPort,
                    m.span,
                    format!(
                        "port {port}/{protocol} is mapped twice in the task of `{}`",
                        task.name
                    ),
                )
                .label("second mapping")
                .with_label(*first, "first mapping")
                .help(
                    "containers of an awsvpc task share one network interface; use different ports",
                ),
            );
            continue;
        }
        seen_ports.insert((port, protocol.clone()), m.span);
        ports.push((port, listener, name.to_string()));
        let mut pm = Map::new();
        pm.insert("ContainerPort".into(), json!(port));
        if let Some(h) = host {
            pm.insert("HostPort".into(), json!(h));
        }
        pm.insert("Protocol".into(), json!(protocol));
        mappings.push(Json::Object(pm));
    }
    if !ok {
        return None;
    }
    let mut d = Map::new();
    d.insert("Name".into(), json!(name));
    d.insert("Image".into(), image(cx, task, name, f.get("image")?));
    d.insert(
        "Essential".into(),
        json!(f.get("essential").and_then(Val::as_bool).unwrap_or(true)),
    );
    if let Some(m) = memory.and_then(Val::as_mib) {
        d.insert("Memory".into(), json!(m));
    }
    if let Some(r) = reservation.and_then(Val::as_mib) {
        d.insert("MemoryReservation".into(), json!(r));
    }
    if let Some(cpu) = f.get("cpu").and_then(Val::as_int) {
        d.insert("Cpu".into(), json!(cpu));
    }
    if !mappings.is_empty() {
        d.insert("PortMappings".into(), Json::Array(mappings));
    }
    if let Some(env) = f
        .get("environment")
        .and_then(Val::as_map)
        .filter(|e| !e.is_empty())
    {
        let vars: Vec<Json> = env
            .iter()
            .map(|e| json!({ "Name": e.key, "Value": cx.cfn(&e.value) }))
            .collect();
        d.insert("Environment".into(), Json::Array(vars));
    }
    if let Some(cmd) = f.get("command") {
        d.insert("Command".into(), cx.cfn(cmd));
    }
    d.insert(
        "LogConfiguration".into(),
        json!({
            "LogDriver": "awslogs",
            "Options": {
                "awslogs-group": cfn_ref(log_group),
                "awslogs-region": cfn_ref("AWS::Region"),
                "awslogs-stream-prefix": name,
            }
        }),
    );
    Some(Json::Object(d))
}

/// The `Image` of a container: the reference as written, or a template parameter
/// that deploy fills with the pushed ECR image.
fn image(cx: &mut Lowering<'_>, task: &Component, container: &str, v: &Val) -> Json {
    let Value::Record { ctor, fields, .. } = &v.value else {
        return cx.cfn(v);
    };
    let param = format!(
        "{}{}Image",
        crate::ir::pascal_case(&task.name),
        crate::ir::pascal_case(container)
    );
    let text = |k: &str| fields.get(k).and_then(Val::as_str).map(str::to_string);
    let build = if ctor.as_deref() == Some("fromPath") {
        ImageBuild {
            parameter: param.clone(),
            repository: repository_name(&task.name, container),
            context: text("path").unwrap_or_else(|| ".".into()),
            dockerfile: None,
            target: None,
            build_args: Vec::new(),
            cache_from: Vec::new(),
        }
    } else {
        ImageBuild {
            parameter: param.clone(),
            repository: repository_name(&task.name, container),
            context: text("context").unwrap_or_else(|| ".".into()),
            dockerfile: text("dockerfile"),
            target: text("target"),
            build_args: fields
                .get("args")
                .and_then(Val::as_map)
                .map(|m| {
                    m.iter()
                        .map(|e| (e.key.clone(), e.value.as_str().unwrap_or("").to_string()))
                        .collect()
                })
                .unwrap_or_default(),
            cache_from: fields
                .get("cacheFrom")
                .and_then(Val::as_list)
                .map(|l| {
                    l.iter()
                        .filter_map(Val::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        }
    };
    let index = cx.manifest.images.len();
    cx.manifest.images.push(build);
    cx.deploy_parameter(
        &param,
        "String",
        &format!(
            "Image of container {container} of {} (ecsxc deploy builds and pushes it)",
            task.name
        ),
        ParameterSource::Image { index },
        v.span,
    );
    cfn_ref(&param)
}

/// An ECR repository name for a component's container: lower case, `[a-z0-9-]`.
fn repository_name(component: &str, container: &str) -> String {
    let raw = format!("{component}-{container}").to_ascii_lowercase();
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up_to_valid_fargate_sizes() {
        assert_eq!(fargate_size(0, 512, None, None), Ok((256, 512)));
        assert_eq!(fargate_size(0, 600, None, None), Ok((256, 1024)));
        assert_eq!(fargate_size(300, 512, None, None), Ok((512, 1024)));
        assert_eq!(fargate_size(0, 3000, None, None), Ok((512, 3072)));
        assert_eq!(fargate_size(0, 40000, None, None), Ok((8192, 40960)));
        assert_eq!(fargate_size(1024, 512, Some(1024), None), Ok((1024, 2048)));
        assert_eq!(fargate_size(0, 512, None, Some(8192)), Ok((1024, 8192)));
        assert!(fargate_size(0, 200_000, None, None).is_err());
        assert!(fargate_size(0, 512, Some(256), Some(4096)).is_err());
        assert!(fargate_size(0, 512, Some(300), None).is_err());
    }

    #[test]
    fn size_table_matches_aws() {
        let all: Vec<(u64, u64)> = fargate_sizes().collect();
        assert!(
            all.contains(&(256, 512)) && all.contains(&(256, 2048)) && !all.contains(&(256, 3072))
        );
        assert!(all.contains(&(8192, 61440)) && !all.contains(&(8192, 18432)));
        assert_eq!(all.last(), Some(&(16384, 122880)));
    }
}
