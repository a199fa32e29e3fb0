//! `FargateService` → `AWS::ECS::Service`: its cluster, task definition, network
//! (subnets and security groups from the model), deployment settings, and the target
//! groups its containers are registered in; the manifest's service and task entries.

use super::cluster;
use crate::ir::{cfn_ref, get_att, Lowering, Resource, ServiceRef};
use crate::model::{internet_routes, CompRef, Model, Node, Runner};
use serde_json::{json, Map, Value as Json};

/// Expands service `r`.
pub fn expand(cx: &mut Lowering<'_, '_>, r: &Runner) {
    let model = cx.model;
    let c = r.comp;
    let span = model.span(c);
    let Some(Node::FargateService(v)) = model.node(c) else {
        return;
    };
    let (Some(cluster), Some(placement), Some(service_id)) = (
        r.cluster.and_then(|cl| cluster::reference(model, cl)),
        r.placement,
        r.service_id.clone(),
    ) else {
        cx.internal(span, "a service without a cluster or network");
        return;
    };
    let mut p = Map::new();
    p.insert("Cluster".into(), cluster::cfn_value(&cluster));
    p.insert("LaunchType".into(), json!("FARGATE"));
    p.insert("TaskDefinition".into(), cfn_ref(&r.task.task_definition));
    p.insert("DesiredCount".into(), cx.cfn(&v.desired_count));
    let mut deployment = Map::new();
    deployment.insert(
        "MinimumHealthyPercent".into(),
        cx.cfn(&v.deployment_minimum_healthy_percent),
    );
    deployment.insert(
        "MaximumPercent".into(),
        cx.cfn(&v.deployment_maximum_percent),
    );
    deployment.insert(
        "DeploymentCircuitBreaker".into(),
        json!({ "Enable": v.circuit_breaker, "Rollback": v.circuit_breaker }),
    );
    p.insert("DeploymentConfiguration".into(), Json::Object(deployment));
    let groups: Vec<Json> = r
        .security_groups
        .iter()
        .filter_map(|sg| model.security_groups.get(*sg))
        .map(|g| get_att(&g.logical_id, "GroupId"))
        .collect();
    let subnets = cx.subnets(placement.network, placement.public_subnets, span);
    p.insert(
        "NetworkConfiguration".into(),
        json!({
            "AwsvpcConfiguration": {
                "AssignPublicIp": if placement.public_ip { "ENABLED" } else { "DISABLED" },
                "SecurityGroups": groups,
                "Subnets": subnets,
            }
        }),
    );
    let mut load_balancers = Vec::new();
    let mut depends = Vec::new();
    for a in r
        .attachments
        .iter()
        .filter_map(|a| model.attachments.get(*a))
    {
        let Some(tg) = model.target_groups.get(a.tg) else {
            continue;
        };
        load_balancers.push(json!({
            "ContainerName": a.container,
            "ContainerPort": a.port,
            "TargetGroupArn": cfn_ref(&tg.logical_id),
        }));
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
    // Tasks pull their images through the subnets' route to the internet.
    depends.extend(internet_routes(
        model,
        placement.network,
        placement.public_subnets,
    ));
    if !load_balancers.is_empty() {
        p.insert("LoadBalancers".into(), Json::Array(load_balancers));
    }
    if let Some(g) = &v.health_check_grace_period {
        p.insert("HealthCheckGracePeriodSeconds".into(), json!(g.value.0));
    }
    if let Some(tags) = cx.tags(&v.tags) {
        p.insert("PropagateTags".into(), json!("SERVICE"));
        p.insert("Tags".into(), tags);
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
        wait_for_steady_state: v.wait_for_steady_state,
    });
    let task = super::task::task_ref(cx, r, cluster);
    cx.manifest.tasks.push(task);
}

/// `name` of a service.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let id = model.runner(c)?.service_id.as_ref()?;
    match path {
        ["name"] => Some(get_att(id, "Name")),
        _ => None,
    }
}
