//! `ScheduledTask` → an EventBridge Scheduler schedule (`AWS::Scheduler::Schedule`)
//! whose target runs the task definition in its cluster, with the task definition's
//! network configuration, and the role the scheduler assumes: it may run exactly that
//! task definition, in exactly that cluster, and pass exactly its task and execution
//! roles to ECS. (Scheduler, not an EventBridge rule: AWS calls scheduled rules a
//! legacy feature and recommends Scheduler for new schedules; see docs/design.md.)

use super::cluster;
use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, ClusterRef, Lowering, Resource};
use crate::model::{ClusterId, CompRef, Launch, Model, Node, Runner};

/// Expands every scheduled task.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for s in &model.schedules {
        let span = model.span(s.comp);
        let (Some(Node::ScheduledTask(v)), Some(r), Some(cluster)) = (
            model.node(s.comp),
            s.task.and_then(|t| model.tasks.get(t)),
            s.cluster,
        ) else {
            cx.internal(
                span,
                "a scheduled task without its task definition or cluster",
            );
            continue;
        };
        let Some(cluster_arn) = cluster_arn(model, cluster) else {
            cx.internal(span, "a scheduled task's cluster has no ARN");
            continue;
        };
        let task_definition = cfn_ref(&r.task.task_definition);
        let mut ecs = Map::new();
        ecs.insert("TaskDefinitionArn", task_definition.clone());
        ecs.insert("TaskCount", json!(v.count));
        launch(cx, r, cluster, &mut ecs);
        if let (true, Some(p)) = (r.awsvpc(), r.placement) {
            let groups = super::group_ids(model, &r.security_groups);
            let mut awsvpc = Map::new();
            if r.launch == Launch::Fargate {
                let ip = if p.public_ip { "ENABLED" } else { "DISABLED" };
                awsvpc.insert("AssignPublicIp", json!(ip));
            }
            awsvpc.insert("SecurityGroups", Json::Array(groups));
            awsvpc.insert("Subnets", cx.subnets(p.network, p.public_subnets, span));
            ecs.insert(
                "NetworkConfiguration",
                json!({ "AwsvpcConfiguration": Json::Object(awsvpc) }),
            );
        }
        let mut props = Map::new();
        props.insert("FlexibleTimeWindow", json!({ "Mode": "OFF" }));
        props.insert("ScheduleExpression", json!(v.schedule.value));
        if let Some(tz) = &v.timezone {
            props.insert("ScheduleExpressionTimezone", json!(tz.value));
        }
        let state = if v.enabled { "ENABLED" } else { "DISABLED" };
        props.insert("State", json!(state));
        props.insert(
            "Target",
            json!({
                "Arn": cluster_arn.clone(),
                "EcsParameters": Json::Object(ecs),
                "RoleArn": get_att(&s.role, "Arn"),
            }),
        );
        cx.add(
            s.logical_id.clone(),
            Resource::new("AWS::Scheduler::Schedule", Json::Object(props), span),
        );
        let role = role(model, r, task_definition, cluster_arn, span);
        cx.add(s.role.clone(), role);
    }
}

/// `LaunchType`, or on an EC2 cluster with Auto Scaling groups their capacity
/// providers (so that managed scaling starts instances for the task).
fn launch(cx: &Lowering<'_, '_>, r: &Runner, cluster: ClusterId, ecs: &mut Map) {
    let model = cx.model;
    match r.launch {
        Launch::Fargate => {
            ecs.insert("LaunchType", json!("FARGATE"));
        }
        Launch::Ec2(_) => {
            let providers: Vec<Json> = model
                .cluster_capacity(cluster)
                .iter()
                .filter_map(|c| model.capacity.get(*c))
                .map(|c| json!({ "CapacityProvider": cfn_ref(&c.provider), "Weight": 1 }))
                .collect();
            if providers.is_empty() {
                ecs.insert("LaunchType", json!("EC2"));
            } else {
                ecs.insert("CapacityProviderStrategy", Json::Array(providers));
            }
        }
    }
}

/// The role EventBridge Scheduler assumes: run this task definition in this cluster,
/// pass its roles to ECS tasks, nothing else.
fn role(
    model: &Model<'_>,
    r: &Runner,
    task_definition: Json,
    cluster_arn: Json,
    span: crate::source::Span,
) -> Resource {
    let access = model.task_access(r.comp);
    let execution = match access.and_then(|a| a.execution_role) {
        Some(arn) => json!(arn.value),
        None => get_att(&r.task.execution_role, "Arn"),
    };
    let mut pass = vec![execution];
    match access {
        Some(a) if a.task_role.is_some() => pass.extend(a.task_role.map(|arn| json!(arn.value))),
        Some(a) if !a.permissions.value.is_empty() => {
            pass.push(get_att(&r.task.task_role, "Arn"));
        }
        _ => {}
    }
    Resource::new(
        "AWS::IAM::Role",
        json!({
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": { "Service": "scheduler.amazonaws.com" },
                    "Action": "sts:AssumeRole",
                    "Condition": { "StringEquals": { "aws:SourceAccount": cfn_ref("AWS::AccountId") } }
                }]
            },
            "Policies": [{
                "PolicyName": "schedule",
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["ecs:RunTask"],
                            "Resource": [task_definition],
                            "Condition": { "ArnEquals": { "ecs:cluster": cluster_arn } }
                        },
                        {
                            "Effect": "Allow",
                            "Action": ["iam:PassRole"],
                            "Resource": pass,
                            "Condition": {
                                "StringEquals": { "iam:PassedToService": "ecs-tasks.amazonaws.com" }
                            }
                        }
                    ]
                }
            }]
        }),
        span,
    )
}

/// The ARN of cluster `c`.
fn cluster_arn(model: &Model<'_>, c: ClusterId) -> Option<Json> {
    Some(match cluster::reference(model, c)? {
        ClusterRef::LogicalId(id) => get_att(&id, "Arn"),
        ClusterRef::Existing(n) if n.starts_with("arn:") => json!(n),
        ClusterRef::Existing(n) => json!({
            "Fn::Sub": format!("arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:cluster/{n}")
        }),
    })
}

/// `arn` of a scheduled task.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(crate::model::Entity::Schedule(id)) = model.entity(c) else {
        return None;
    };
    match path {
        ["arn"] => Some(get_att(&model.schedules.get(id)?.logical_id, "Arn")),
        _ => None,
    }
}
