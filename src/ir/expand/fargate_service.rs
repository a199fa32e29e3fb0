//! `FargateService` → task definition (with log group and execution role), security
//! group, one target group per listener it is wired to, and `AWS::ECS::Service`.

use super::{cluster, listener, task_definition};
use crate::check::{Component, Val};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{
    cfn_ref, get_att, logical_id, Lowering, Resource, ServiceRef, TaskRef, SUBNETS_PARAMETER,
};
use serde_json::{json, Map, Value as Json};

/// At most this many target groups per service (ECS quota).
pub const MAX_TARGET_GROUPS: usize = 5;

/// Expands service component `id`.
pub fn expand(cx: &mut Lowering<'_>, id: usize, c: &Component) {
    let Some(task) = task_definition::expand_fargate(cx, c) else {
        return;
    };
    let cluster = cluster::for_service(cx, c.field("cluster"), c.span);
    let (vpc, subnets) = cx.default_network(c.span);
    let service_id = logical_id(&c.name, "Service");
    let sg_id = logical_id(&c.name, "SecurityGroup");

    // Wiring to listeners: a target group per (service, listener).
    let listeners: Vec<(usize, i64, String)> = task
        .ports
        .iter()
        .filter_map(|(port, l, container)| l.map(|l| (l, *port, container.clone())))
        .filter(|(l, _, _)| cx.listener_uses.get(l).is_some_and(|u| u.service == id))
        .collect();
    if listeners.len() > MAX_TARGET_GROUPS {
        let span = c.field("containers").map_or(c.span, |v| v.span);
        cx.diags.push(
            Diagnostic::new(
                Code::TooManyTargetGroups,
                span,
                format!("`{}` is behind {} listeners; a service can have at most {MAX_TARGET_GROUPS} target groups", c.name, listeners.len()),
            )
            .label("too many listeners")
            .help("split the containers into several services"),
        );
        return;
    }
    if listeners.is_empty() {
        if let Some(g) = c.field("healthCheckGracePeriod") {
            cx.diags.push(
                Diagnostic::new(
                    Code::GracePeriodWithoutHealthCheck,
                    g.span,
                    format!(
                        "`{}` has a health-check grace period but no load balancer",
                        c.name
                    ),
                )
                .label("nothing to wait for")
                .help("remove `healthCheckGracePeriod`, or put the service behind a listener"),
            );
            return;
        }
    }
    // The stdlib's ranges (0..100 and 100..200) already keep the minimum below the maximum.
    let min = c
        .field("deploymentMinimumHealthyPercent")
        .and_then(Val::as_int)
        .unwrap_or(100);
    let max = c
        .field("deploymentMaximumPercent")
        .and_then(Val::as_int)
        .unwrap_or(200);

    let mut ingress = Vec::new();
    let mut load_balancers = Vec::new();
    let mut depends = Vec::new();
    for (l, port, container) in &listeners {
        let Some(lc) = cx.component(*l) else { continue };
        let tg = target_group_id(c, lc);
        listener::target_group(cx, &tg, lc, *port, vpc.clone(), c.span);
        ingress.push(json!({
            "IpProtocol": "tcp",
            "FromPort": port,
            "ToPort": port,
            "SourceSecurityGroupId": get_att(&listener::security_group_id(lc), "GroupId"),
            "Description": format!("from load balancer {}", lc.name),
        }));
        load_balancers.push(json!({
            "ContainerName": container,
            "ContainerPort": port,
            "TargetGroupArn": cfn_ref(&tg),
        }));
        depends.push(logical_id(&lc.name, "Listener"));
    }
    let mut sg = Map::new();
    sg.insert(
        "GroupDescription".into(),
        json!(format!("ecsxc: tasks of service {}", c.name)),
    );
    sg.insert("VpcId".into(), vpc);
    if !ingress.is_empty() {
        sg.insert("SecurityGroupIngress".into(), Json::Array(ingress));
    }
    sg.insert("SecurityGroupEgress".into(), json!([{ "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "all outbound traffic" }]));
    cx.add(
        sg_id.clone(),
        Resource::new("AWS::EC2::SecurityGroup", Json::Object(sg), c.span),
    );

    let public_ip = c
        .field("assignPublicIp")
        .and_then(Val::as_bool)
        .unwrap_or(true);
    let mut p = Map::new();
    p.insert("Cluster".into(), cluster::cfn_value(&cluster));
    p.insert("LaunchType".into(), json!("FARGATE"));
    p.insert("TaskDefinition".into(), cfn_ref(&task.logical_id));
    let desired = c
        .field("desiredCount")
        .map(|v| cx.cfn(v))
        .unwrap_or(json!(1));
    p.insert("DesiredCount".into(), desired);
    let mut deployment = Map::new();
    deployment.insert("MinimumHealthyPercent".into(), json!(min));
    deployment.insert("MaximumPercent".into(), json!(max));
    let breaker = c
        .field("circuitBreaker")
        .and_then(Val::as_bool)
        .unwrap_or(true);
    deployment.insert(
        "DeploymentCircuitBreaker".into(),
        json!({ "Enable": breaker, "Rollback": breaker }),
    );
    p.insert("DeploymentConfiguration".into(), Json::Object(deployment));
    p.insert(
        "NetworkConfiguration".into(),
        json!({
            "AwsvpcConfiguration": {
                "AssignPublicIp": if public_ip { "ENABLED" } else { "DISABLED" },
                "SecurityGroups": [get_att(&sg_id, "GroupId")],
                "Subnets": subnets,
            }
        }),
    );
    if !load_balancers.is_empty() {
        p.insert("LoadBalancers".into(), Json::Array(load_balancers));
    }
    if let Some(g) = c.field("healthCheckGracePeriod").and_then(Val::as_seconds) {
        p.insert("HealthCheckGracePeriodSeconds".into(), json!(g));
    }
    if let Some(tags) = cx.tags(c.field("tags")) {
        p.insert("PropagateTags".into(), json!("SERVICE"));
        p.insert("Tags".into(), tags);
    }
    let mut service = Resource::new("AWS::ECS::Service", Json::Object(p), c.span);
    for d in depends {
        service = service.depends_on(d);
    }
    cx.add(service_id.clone(), service);

    cx.manifest.services.push(ServiceRef {
        binding: c.name.clone(),
        logical_id: service_id,
        cluster: cluster.clone(),
        wait_for_steady_state: c
            .field("waitForSteadyState")
            .and_then(Val::as_bool)
            .unwrap_or(true),
    });
    cx.manifest.tasks.push(TaskRef {
        binding: c.name.clone(),
        logical_id: task.logical_id,
        cluster,
        launch_type: "FARGATE".into(),
        subnets_parameter: Some(SUBNETS_PARAMETER.into()),
        security_group: Some(sg_id),
        assign_public_ip: public_ip,
    });
}

/// The logical ID of the target group between service `service` and listener `l`.
pub fn target_group_id(service: &Component, l: &Component) -> String {
    logical_id(&format!("{}_{}", service.name, l.name), "TargetGroup")
}

/// `name` of a service.
pub fn attribute(c: &Component, path: &[&str]) -> Option<Json> {
    match path {
        ["name"] => Some(get_att(&logical_id(&c.name, "Service"), "Name")),
        _ => None,
    }
}
