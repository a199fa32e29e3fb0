//! `FargateService` and `EC2Service` → `AWS::ECS::Service`: its cluster, launch type or
//! capacity-provider strategy, task definition, network (awsvpc: subnets and security
//! groups from the model), placement, deployment settings, and the target groups its
//! containers are registered in; the manifest's service and task entries.

use super::cluster;
use crate::check::Val;
use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, object, Lowering, Resource, ServiceRef};
use crate::model::views::{
    CircuitBreakerThresholdView, PlacementConstraintView, PlacementStrategyView, PropagateTags,
    Scheduling,
};
use crate::model::{internet_routes, At, CompRef, Model, Node, ProviderRef, Runner};

/// Expands service `r`.
pub fn expand(cx: &mut Lowering<'_, '_>, r: &Runner) {
    let model = cx.model;
    let c = r.comp;
    let span = model.span(c);
    let (Some(cluster), Some(placement), Some(service_id)) = (
        r.cluster.and_then(|cl| cluster::reference(model, cl)),
        r.placement,
        r.service_id.clone(),
    ) else {
        cx.internal(span, "a service without a cluster or network");
        return;
    };
    let mut p = Map::new();
    p.insert("Cluster", cluster::cfn_value(&cluster));
    let strategy = strategy(model, r);
    let mut depends = Vec::new();
    if strategy.is_empty() {
        let launch = if r.launch == crate::model::Launch::Fargate {
            "FARGATE"
        } else {
            "EC2"
        };
        p.insert("LaunchType", json!(launch));
    } else {
        p.insert("CapacityProviderStrategy", Json::Array(strategy));
        // The cluster must have the providers before the service names them.
        depends.extend(r.cluster.and_then(|cl| model.cluster_association(cl)));
    }
    if let Some(Node::FargateService(v)) = model.node(c) {
        if let Some(version) = &v.platform_version {
            p.insert("PlatformVersion", json!(version.value));
        }
    }
    p.insert("TaskDefinition", cfn_ref(&r.task.task_definition));
    // Tasks mount their file systems through the mount targets, admitted by the NFS rules.
    depends.extend(model.efs_dependencies(c));
    let (wait, tags, grace) = match model.node(c) {
        Some(Node::FargateService(v)) => {
            p.insert("DesiredCount", cx.cfn(&v.desired_count));
            let deployment = deployment(
                cx,
                &v.deployment_minimum_healthy_percent,
                &v.deployment_maximum_percent,
                v.circuit_breaker,
                v.circuit_breaker_threshold.as_ref(),
            );
            p.insert("DeploymentConfiguration", deployment);
            (
                v.wait_for_steady_state,
                &v.tags,
                &v.health_check_grace_period,
            )
        }
        Some(Node::Ec2Service(v)) => {
            let daemon = v.scheduling_strategy.value == Scheduling::Daemon;
            if daemon {
                p.insert("SchedulingStrategy", json!("DAEMON"));
            } else {
                let desired = v
                    .desired_count
                    .as_ref()
                    .map_or(json!(1), |d| cx.cfn(&d.value));
                p.insert("DesiredCount", desired);
            }
            // A daemon replaces its task on each instance: none extra, none kept.
            let (min, max) = if daemon { (0, 100) } else { (100, 200) };
            let min = v
                .deployment_minimum_healthy_percent
                .clone()
                .unwrap_or_else(|| int(min));
            let max = v
                .deployment_maximum_percent
                .clone()
                .unwrap_or_else(|| int(max));
            let threshold = v.circuit_breaker_threshold.as_ref();
            let deployment = deployment(cx, &min, &max, v.circuit_breaker, threshold);
            p.insert("DeploymentConfiguration", deployment);
            placement_rules(
                &mut p,
                &v.ordered_placement_strategies.value,
                &v.placement_constraints.value,
            );
            (
                v.wait_for_steady_state,
                &v.tags,
                &v.health_check_grace_period,
            )
        }
        _ => return,
    };
    if r.awsvpc() {
        let groups = super::group_ids(model, &r.security_groups);
        let subnets = cx.subnets(placement.network, placement.public_subnets, span);
        p.insert(
            "NetworkConfiguration",
            object([(
                "AwsvpcConfiguration",
                object([
                    (
                        "AssignPublicIp",
                        json!(if placement.public_ip {
                            "ENABLED"
                        } else {
                            "DISABLED"
                        }),
                    ),
                    ("SecurityGroups", Json::Array(groups)),
                    ("Subnets", subnets),
                ]),
            )]),
        );
        // Tasks pull their images through the subnets' route to the internet.
        depends.extend(internet_routes(
            model,
            placement.network,
            placement.public_subnets,
        ));
    }
    let mut load_balancers = Vec::new();
    for a in r
        .attachments
        .iter()
        .filter_map(|a| model.attachments.get(*a))
    {
        let Some(tg) = model.target_groups.get(a.tg) else {
            continue;
        };
        load_balancers.push(object([
            ("ContainerName", json!(a.container)),
            ("ContainerPort", json!(a.port)),
            ("TargetGroupArn", cfn_ref(&tg.logical_id)),
        ]));
        // The target group must belong to a load balancer before the service uses it.
        depends.extend(
            tg.listeners
                .iter()
                .filter_map(|l| model.listeners.get(*l))
                .map(|l| l.logical_id.clone()),
        );
        depends.extend(
            tg.routes
                .iter()
                .filter_map(|r| model.routes.get(*r))
                .map(|r| r.logical_id.clone()),
        );
    }
    if !load_balancers.is_empty() {
        p.insert("LoadBalancers", Json::Array(load_balancers));
    }
    if let Some(Node::Ec2Service(v)) = model.node(c) {
        if let Some(role) = &v.iam_role {
            p.insert("Role", cx.cfn(&role.value));
        }
    }
    if let Some(g) = grace {
        p.insert("HealthCheckGracePeriodSeconds", json!(g.value.0));
    }
    let tags = cx.tags(tags);
    behaviour(model, c, &mut p, tags.is_some());
    if let Some(tags) = tags {
        p.insert("Tags", tags);
    }
    let mut service = Resource::new("AWS::ECS::Service", Json::Object(p), span);
    for d in depends {
        service = service.depends_on(d);
    }
    cx.add(service_id.clone(), service);
    cx.manifest.services.push(ServiceRef {
        binding: model.name(c).to_string(),
        logical_id: service_id,
        cluster: cluster.clone(),
        wait_for_steady_state: wait,
    });
    let task = super::task::task_ref(cx, r, cluster);
    cx.manifest.tasks.push(task);
}

/// An integer as a checked value (a default of the expansion's, documented in the
/// standard library's doc comment of its field).
fn int(n: i64) -> Val {
    Val {
        value: crate::check::Value::Int(n),
        span: crate::source::Span::default(),
    }
}

fn deployment(
    cx: &mut Lowering<'_, '_>,
    min: &Val,
    max: &Val,
    breaker: bool,
    threshold: Option<&At<CircuitBreakerThresholdView>>,
) -> Json {
    let mut d = Map::new();
    d.insert("MinimumHealthyPercent", cx.cfn(min));
    d.insert("MaximumPercent", cx.cfn(max));
    let mut b = json!({ "Enable": breaker, "Rollback": breaker });
    if let (Some(t), Some(b)) = (threshold, b.as_object_mut()) {
        b.insert(
            "ThresholdConfiguration",
            json!({ "Type": t.value.kind.as_str(), "Value": t.value.value.value }),
        );
    }
    d.insert("DeploymentCircuitBreaker", b);
    Json::Object(d)
}

/// `EnableExecuteCommand`, `PropagateTags` and `AvailabilityZoneRebalancing`, each only
/// when given (tags propagate from the service by default when it has tags).
fn behaviour(model: &Model<'_>, c: CompRef, p: &mut Map, has_tags: bool) {
    let Some(b) = model.behaviour(c) else {
        return;
    };
    if b.execute_command.value {
        p.insert("EnableExecuteCommand", json!(true));
    }
    let propagate = match b.propagate_tags.map(|t| t.value) {
        Some(PropagateTags::None) => None,
        Some(t) => Some(t.as_str()),
        None => has_tags.then_some("SERVICE"),
    };
    if let Some(t) = propagate {
        p.insert("PropagateTags", json!(t));
    }
    if let Some(r) = b.rebalancing {
        let value = if r.value { "ENABLED" } else { "DISABLED" };
        p.insert("AvailabilityZoneRebalancing", json!(value));
    }
}

/// The capacity-provider strategy of `r`, as CloudFormation takes it.
fn strategy(model: &Model<'_>, r: &Runner) -> Vec<Json> {
    r.strategy
        .iter()
        .map(|item| {
            let provider = match item.provider {
                ProviderRef::Capacity(id) => model
                    .capacity
                    .get(id)
                    .map_or(Json::Null, |c| cfn_ref(&c.provider)),
                ProviderRef::Fargate(name) => json!(name),
            };
            let mut s = Map::new();
            s.insert("CapacityProvider", provider);
            s.insert("Weight", json!(item.weight));
            if item.base > 0 {
                s.insert("Base", json!(item.base));
            }
            Json::Object(s)
        })
        .collect()
}

/// `PlacementStrategies` and `PlacementConstraints` of an EC2 service.
fn placement_rules(
    p: &mut Map,
    strategies: &[At<PlacementStrategyView>],
    constraints: &[At<PlacementConstraintView>],
) {
    if !strategies.is_empty() {
        let list: Vec<Json> = strategies
            .iter()
            .map(|s| {
                let mut m = Map::new();
                m.insert("Type", json!(s.value.kind.value.as_str()));
                if let Some(f) = &s.value.field {
                    m.insert("Field", json!(f.value));
                }
                Json::Object(m)
            })
            .collect();
        p.insert("PlacementStrategies", Json::Array(list));
    }
    if !constraints.is_empty() {
        p.insert("PlacementConstraints", constraints_json(constraints));
    }
}

/// Placement constraints as CloudFormation takes them (services and task definitions).
pub fn constraints_json(constraints: &[At<PlacementConstraintView>]) -> Json {
    Json::Array(
        constraints
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("Type", json!(c.value.kind.value.as_str()));
                if let Some(e) = &c.value.expression {
                    m.insert("Expression", json!(e.value));
                }
                Json::Object(m)
            })
            .collect(),
    )
}

/// `name` of a service.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let id = model.runner(c)?.service_id.as_ref()?;
    match path {
        ["name"] => Some(get_att(id, "Name")),
        _ => None,
    }
}
