//! Task definitions of services and task definitions of their own: containers,
//! Fargate task sizes, the log group and the execution role; images built by ecsxc
//! become template parameters that deploy fills.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, ImageBuild, Lowering, ParameterSource, Resource};
use crate::model::tasks::Needs;
use crate::model::views::{ContainerView, ImageRef, LoggingRef, PortTarget};
use crate::model::{At, CompRef, Launch, Model, Node, Runner};

mod secrets;
mod storage;

/// Expands the task definition of `r`, with its log group and execution role: on
/// Fargate, awsvpc with the task size rounded up to a valid Fargate size; on EC2, the
/// service's network mode with the task size only when given.
pub fn expand(cx: &mut Lowering<'_, '_>, r: &Runner) {
    let model = cx.model;
    let c = r.comp;
    let span = model.span(c);
    let Some(needs) = model.task_needs(c) else {
        return;
    };
    let (size, retention, mode, constraints) = match (model.node(c), r.launch) {
        (Some(Node::FargateService(v)), _) => (
            fargate_size(&needs),
            v.log_retention.value.0,
            "awsvpc",
            None,
        ),
        (Some(Node::FargateTaskDefinition(v)), _) => (
            fargate_size(&needs),
            v.log_retention.value.0,
            "awsvpc",
            None,
        ),
        (Some(Node::Ec2Service(v)), Launch::Ec2(mode)) => (
            given_size(&needs),
            v.log_retention.value.0,
            mode.as_str(),
            None,
        ),
        (Some(Node::Ec2TaskDefinition(v)), Launch::Ec2(mode)) => (
            given_size(&needs),
            v.log_retention.value.0,
            mode.as_str(),
            Some(&v.placement_constraints.value),
        ),
        _ => return,
    };
    let fargate = r.launch == Launch::Fargate;
    if fargate && size.is_none() {
        cx.internal(span, "a task size the rules accepted does not fit Fargate");
        return;
    }
    let ids = &r.task;
    let mut defs = Vec::new();
    for (name, f) in model.containers(c) {
        let def = container(cx, model, c, &name.value, f, &ids.log_group);
        defs.push(def);
    }
    if model.uses_task_log_group(c) {
        cx.add(
            ids.log_group.clone(),
            Resource::new(
                "AWS::Logs::LogGroup",
                json!({ "RetentionInDays": retention / 86_400 }),
                span,
            ),
        );
    }
    for (name, f) in model.own_log_groups(c) {
        if let Some(LoggingRef::AwsLogs(a)) = &f.logging {
            cx.add(
                model.container_log_group(c, &name.value),
                Resource::new(
                    "AWS::Logs::LogGroup",
                    json!({ "RetentionInDays": a.value.retention.value.0 / 86_400 }),
                    a.span,
                ),
            );
        }
    }
    let access = model.task_access(c);
    let execution_role = match access.and_then(|a| a.execution_role) {
        Some(arn) => json!(arn.value),
        None => {
            let mut role = super::service_role(
                "ecs-tasks.amazonaws.com",
                "AmazonECSTaskExecutionRolePolicy",
                span,
            );
            let statements = secrets::execution_statements(cx, c);
            if let (false, Some(props)) = (statements.is_empty(), role.properties.as_object_mut()) {
                props.insert(
                    "Policies",
                    json!([{
                        "PolicyName": "secrets",
                        "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
                    }]),
                );
            }
            cx.add(ids.execution_role.clone(), role);
            get_att(&ids.execution_role, "Arn")
        }
    };
    let task_role = match access {
        Some(a) if a.task_role.is_some() => a.task_role.map(|arn| json!(arn.value)),
        Some(a) if !a.permissions.value.is_empty() || model.execute_command(c) => {
            let mut statements: Vec<Json> = a
                .permissions
                .value
                .iter()
                .map(|p| {
                    let resources: Vec<Json> =
                        p.value.resources.value.iter().map(|r| cx.cfn(r)).collect();
                    json!({
                        "Effect": "Allow",
                        "Action": p.value.actions.value,
                        "Resource": resources,
                    })
                })
                .collect();
            if model.execute_command(c) {
                statements.push(execute_command_statement());
            }
            cx.add(
                ids.task_role.clone(),
                Resource::new(
                    "AWS::IAM::Role",
                    json!({
                        "AssumeRolePolicyDocument": super::trust_policy("ecs-tasks.amazonaws.com"),
                        "Policies": [{
                            "PolicyName": "task",
                            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements }
                        }]
                    }),
                    span,
                ),
            );
            Some(get_att(&ids.task_role, "Arn"))
        }
        _ => None,
    };
    let mut p = Map::new();
    p.insert(
        "RequiresCompatibilities",
        json!([if fargate { "FARGATE" } else { "EC2" }]),
    );
    p.insert("NetworkMode", json!(mode));
    let (cpu, memory) = size.unwrap_or((None, None));
    if let Some(cpu) = cpu {
        p.insert("Cpu", json!(cpu.to_string()));
    }
    if let Some(memory) = memory {
        p.insert("Memory", json!(memory.to_string()));
    }
    p.insert("ExecutionRoleArn", execution_role);
    if let Some(task_role) = task_role {
        p.insert("TaskRoleArn", task_role);
    }
    p.insert("ContainerDefinitions", Json::Array(defs));
    storage::task_properties(cx, c, &mut p);
    if let Some(constraints) = constraints.filter(|c| !c.is_empty()) {
        p.insert(
            "PlacementConstraints",
            super::service::constraints_json(constraints),
        );
    }
    cx.add(
        ids.task_definition.clone(),
        Resource::new("AWS::ECS::TaskDefinition", Json::Object(p), span),
    );
}

/// What `aws ecs execute-command` needs of the task role: the SSM session channels,
/// which IAM grants only on every resource.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
fn execute_command_statement() -> Json {
    json!({
        "Effect": "Allow",
        "Action": [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ],
        "Resource": "*",
    })
}

/// A Fargate task's size: the smallest valid one.
fn fargate_size(needs: &Needs) -> Option<(Option<u64>, Option<u64>)> {
    needs.size().ok().map(|(c, m)| (Some(c), Some(m)))
}

/// An EC2 task's size: only what is given.
fn given_size(needs: &Needs) -> Option<(Option<u64>, Option<u64>)> {
    Some((
        needs
            .fixed_cpu
            .as_ref()
            .and_then(|c| u64::try_from(c.value).ok()),
        needs.fixed_memory.as_ref().map(|m| m.value.0),
    ))
}

/// One container definition.
fn container(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    task: CompRef,
    name: &str,
    f: &ContainerView,
    log_group: &str,
) -> Json {
    let mut mappings = Vec::new();
    for m in &f.port_mappings {
        let Some((port, protocols)) = model.mapped_port(&m.value) else {
            continue;
        };
        let host = match &m.value {
            PortTarget::Mapping(p) => p.host_port.as_ref().map(|h| h.value),
            PortTarget::Component(_) => None,
        };
        for protocol in protocols {
            let mut pm = Map::new();
            pm.insert("ContainerPort", json!(port));
            if let Some(h) = host {
                pm.insert("HostPort", json!(h));
            }
            pm.insert("Protocol", json!(protocol));
            mappings.push(Json::Object(pm));
        }
    }
    let mut d = Map::new();
    d.insert("Name", json!(name));
    d.insert("Image", image(cx, model, task, name, &f.image));
    d.insert("Essential", json!(f.essential.value));
    if let Some(m) = &f.memory {
        d.insert("Memory", json!(m.value.0));
    }
    if let Some(r) = &f.memory_reservation {
        d.insert("MemoryReservation", json!(r.value.0));
    }
    if let Some(cpu) = f.cpu {
        d.insert("Cpu", json!(cpu));
    }
    if !mappings.is_empty() {
        d.insert("PortMappings", Json::Array(mappings));
    }
    let vars = entries(
        &f.environment.0,
        |k, v| json!({ "Name": k, "Value": cx.cfn(v) }),
    );
    if let Some(vars) = vars {
        d.insert("Environment", vars);
    }
    let secrets = entries(
        &f.secrets.value.0,
        |k, s| json!({ "Name": k, "ValueFrom": secrets::value_from(cx, s) }),
    );
    if let Some(secrets) = secrets {
        d.insert("Secrets", secrets);
    }
    if let Some(cmd) = &f.command {
        d.insert("Command", cx.cfn(cmd));
    }
    settings(cx, f, &mut d);
    storage::container_properties(f, &mut d);
    let group = match &f.logging {
        Some(LoggingRef::AwsLogs(_)) => cfn_ref(&model.container_log_group(task, name)),
        _ => cfn_ref(log_group),
    };
    if let Some(logging) = storage::log_configuration(cx, f, name, group) {
        d.insert("LogConfiguration", logging);
    }
    Json::Object(d)
}

/// A list made of a map's entries, in source order; `None` for an empty map.
fn entries<T>(map: &[(At<String>, T)], mut item: impl FnMut(&str, &T) -> Json) -> Option<Json> {
    (!map.is_empty()).then(|| Json::Array(map.iter().map(|(k, v)| item(&k.value, v)).collect()))
}

/// The container settings beyond image, size, ports and command; each only when given.
fn settings(cx: &mut Lowering<'_, '_>, f: &ContainerView, d: &mut Map) {
    if let Some(entry) = &f.entry_point {
        d.insert("EntryPoint", cx.cfn(entry));
    }
    if let Some(dir) = &f.working_directory {
        d.insert("WorkingDirectory", json!(dir));
    }
    if let Some(user) = &f.user {
        d.insert("User", json!(user));
    }
    if let Some(ro) = f.readonly_root_filesystem {
        d.insert("ReadonlyRootFilesystem", json!(ro));
    }
    if let Some(t) = &f.stop_timeout {
        d.insert("StopTimeout", json!(t.value.0));
    }
    if let Some(h) = &f.health_check {
        let h = &h.value;
        let mut check = Map::new();
        check.insert("Command", json!(h.command));
        check.insert("Interval", json!(h.interval.value.0));
        check.insert("Timeout", json!(h.timeout.value.0));
        check.insert("Retries", json!(h.retries));
        if let Some(start) = h.start_period {
            check.insert("StartPeriod", json!(start.0));
        }
        d.insert("HealthCheck", Json::Object(check));
    }
    let deps = entries(
        &f.depends_on.value.0,
        |name, c| json!({ "ContainerName": name, "Condition": c.value.as_str() }),
    );
    if let Some(deps) = deps {
        d.insert("DependsOn", deps);
    }
    if !f.ulimits.is_empty() {
        let limits: Vec<Json> = f
            .ulimits
            .iter()
            .map(|u| {
                json!({
                    "Name": u.value.name.as_str(),
                    "SoftLimit": u.value.soft_limit.value,
                    "HardLimit": u.value.hard_limit.value,
                })
            })
            .collect();
        d.insert("Ulimits", Json::Array(limits));
    }
    if let Some(init) = f
        .linux_parameters
        .as_ref()
        .and_then(|l| l.init_process_enabled)
    {
        d.insert("LinuxParameters", json!({ "InitProcessEnabled": init }));
    }
}

/// The `Image` of a container: the reference as written, or a template parameter
/// that deploy fills with the pushed ECR image.
fn image(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    task: CompRef,
    container: &str,
    image: &ImageRef,
) -> Json {
    let param = model.image_parameter(task, container);
    let repository = repository_name(model.name(task), container);
    let (build, span) = match image {
        ImageRef::Reference(v) => return cx.cfn(v),
        ImageRef::FromPath(p) => (
            ImageBuild {
                parameter: param.clone(),
                repository,
                context: p.value.path.value.clone(),
                dockerfile: None,
                target: None,
                build_args: Vec::new(),
                cache_from: Vec::new(),
                platform: model.image_platform(task).map(str::to_string),
            },
            p.span,
        ),
        ImageRef::Build(b) => (
            ImageBuild {
                parameter: param.clone(),
                repository,
                context: b.value.context.value.clone(),
                dockerfile: b.value.dockerfile.as_ref().map(|d| d.value.clone()),
                target: b.value.target.clone(),
                build_args: b
                    .value
                    .args
                    .0
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.clone()))
                    .collect(),
                cache_from: b.value.cache_from.clone(),
                platform: model.image_platform(task).map(str::to_string),
            },
            b.span,
        ),
    };
    let index = cx.manifest.images.len();
    cx.manifest.images.push(build);
    cx.deploy_parameter(
        &param,
        "String",
        &format!(
            "Image of container {container} of {} (ecsxc deploy builds and pushes it)",
            model.name(task)
        ),
        ParameterSource::Image { index },
        span,
    );
    cfn_ref(&param)
}

/// An ECR repository name for a component's container: lower-case letters and digits
/// in words joined by single `-` (ECR takes `[a-z0-9]+([._-][a-z0-9]+)*`).
fn repository_name(component: &str, container: &str) -> String {
    let raw = format!("{component}-{container}").to_ascii_lowercase();
    let words: Vec<&str> = raw
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "ecsxc-image".to_string()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repository_names_are_ones_ecr_takes() {
        assert_eq!(super::repository_name("app", "web"), "app-web");
        assert_eq!(
            super::repository_name("_edge__job_", "_edge__job_"),
            "edge-job-edge-job"
        );
        assert_eq!(
            super::repository_name("my_api.cluster", "Web-1"),
            "my-api-cluster-web-1"
        );
        assert_eq!(super::repository_name("_", "_"), "ecsxc-image");
    }
}
