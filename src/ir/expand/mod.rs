//! Expansion of the model into resources, one module per family. Each module reads
//! the model (which decided every logical ID) and adds its resources; none calls
//! another.
//!
//! Adding a component means: declare it in `stdlib/*.ecsx`, give it a view
//! (`model/views.rs`), link it in the model, check it in `rules/`, and expand it in a
//! module here (an `expand` function over its part of the model and an `attribute`
//! function for its `out` attributes), with an arm in [`attribute`]. Tests check that
//! every standard-library type has a view and every `out` attribute lowers.

pub mod aws;
pub mod capacity;
pub mod cluster;
pub mod efs;
pub mod listener;
pub mod load_balancer;
pub mod network;
pub mod overrides;
pub mod scaling;
pub mod schedule;
pub mod security_group;
pub mod service;
pub mod target_group;
pub mod task;
pub mod task_definition;

use super::Lowering;
use crate::ir::json::{json, Value as Json};
use crate::model::{CompRef, Model, Node, SgId};

/// Expands the whole model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    network::expand(cx);
    cluster::expand(cx);
    capacity::expand(cx);
    cluster::associations(cx);
    security_group::expand(cx);
    load_balancer::expand(cx);
    target_group::expand(cx);
    listener::expand(cx);
    aws::expand(cx);
    efs::expand(cx);
    // Services and tasks in source order, each with its task definition, so that the
    // manifest lists images, services and tasks in the order they are written.
    let model = cx.model;
    let mut runners: Vec<(CompRef, bool, usize)> = model
        .services
        .iter()
        .enumerate()
        .map(|(i, r)| (r.comp, true, i))
        .chain(
            model
                .tasks
                .iter()
                .enumerate()
                .map(|(i, r)| (r.comp, false, i)),
        )
        .collect();
    runners.sort();
    for (c, is_service, i) in runners {
        let runner = if is_service {
            model.services.get(i)
        } else {
            model.tasks.get(i)
        };
        let Some(runner) = runner else { continue };
        task_definition::expand(cx, runner);
        if is_service {
            service::expand(cx, runner);
        } else {
            task::expand(cx, runner);
        }
        let _ = c;
    }
    scaling::expand(cx);
    schedule::expand(cx);
}

/// The CloudFormation value of the `out` attribute `path` of component `c`.
pub fn attribute(cx: &mut Lowering<'_, '_>, c: CompRef, path: &[String]) -> Option<Json> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let model = cx.model;
    if model.aws_resource(c).is_some() {
        return aws::attribute(model, c, &path);
    }
    match model.node(c)? {
        Node::Cluster(_) | Node::ExistingCluster(_) | Node::ExistingClusterByName(_) => {
            cluster::attribute(model, c, &path)
        }
        Node::FargateService(_) | Node::Ec2Service(_) => service::attribute(model, c, &path),
        Node::FargateTaskDefinition(_) | Node::Ec2TaskDefinition(_) => {
            task::attribute(model, c, &path)
        }
        Node::AutoScalingGroup(_) => capacity::attribute(model, c, &path),
        Node::Vpc(_) | Node::ExistingVpc(_) => network::attribute(cx, c, &path),
        Node::SecurityGroup(_) => security_group::attribute(model, c, &path),
        Node::ApplicationLoadBalancer(_) | Node::NetworkLoadBalancer(_) => {
            load_balancer::attribute(model, c, &path)
        }
        Node::ApplicationListener(_) | Node::NetworkListener(_) => {
            listener::attribute(model, c, &path)
        }
        Node::ApplicationTargetGroup(_) | Node::NetworkTargetGroup(_) => {
            target_group::attribute(model, c, &path)
        }
        Node::ScheduledTask(_) => schedule::attribute(model, c, &path),
        Node::EfsFileSystem(_) | Node::ExistingEfsFileSystem(_) => efs::attribute(model, c, &path),
    }
}

/// The trust policy of a role that AWS service `principal` assumes.
pub(crate) fn trust_policy(principal: &str) -> Json {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": principal },
            "Action": "sts:AssumeRole"
        }]
    })
}

/// An `AWS::IAM::Role` that AWS service `principal` (`ecs-tasks.amazonaws.com`) assumes,
/// with AWS's managed policy `service-role/POLICY`.
pub(crate) fn service_role(
    principal: &str,
    policy: &str,
    span: crate::source::Span,
) -> super::Resource {
    super::Resource::new(
        "AWS::IAM::Role",
        super::template::object([
            ("AssumeRolePolicyDocument", trust_policy(principal)),
            (
                "ManagedPolicyArns",
                Json::Array(vec![super::template::object([(
                    "Fn::Sub",
                    Json::from(format!(
                        "arn:${{AWS::Partition}}:iam::aws:policy/service-role/{policy}"
                    )),
                )])]),
            ),
        ]),
        span,
    )
}

/// `Fn::GetAtt GroupId` of each of `groups` (the security groups of a service, task,
/// load balancer or instance group).
pub(crate) fn group_ids(model: &Model<'_>, groups: &[SgId]) -> Vec<Json> {
    groups
        .iter()
        .filter_map(|sg| model.security_groups.get(*sg))
        .map(|g| super::template::get_att(&g.logical_id, "GroupId"))
        .collect()
}
