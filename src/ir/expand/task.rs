//! `FargateTaskDefinition` → a task definition (with log group and execution role) and
//! a security group for its tasks, run on demand by `ecsxc run`.

use super::{cluster, task_definition};
use crate::check::Component;
use crate::ir::{cfn_ref, logical_id, Lowering, Resource};
use serde_json::{json, Value as Json};

/// Expands a standalone task definition.
pub fn expand(cx: &mut Lowering<'_>, c: &Component) {
    let Some(task) = task_definition::expand_fargate(cx, c) else {
        return;
    };
    let cluster = cluster::for_service(cx, c.field("cluster"), c.span);
    let (vpc, _) = cx.default_network(c.span);
    let sg_id = logical_id(&c.name, "SecurityGroup");
    cx.add(
        sg_id.clone(),
        Resource::new(
            "AWS::EC2::SecurityGroup",
            json!({
                "GroupDescription": format!("ecsxc: tasks of {}", c.name),
                "VpcId": vpc,
                "SecurityGroupEgress": [{ "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "all outbound traffic" }],
            }),
            c.span,
        ),
    );
    let task_ref = task_definition::fargate_task_ref(c, task.logical_id, cluster, sg_id);
    cx.manifest.tasks.push(task_ref);
}

/// `arn` of a task definition.
pub fn attribute(c: &Component, path: &[&str]) -> Option<Json> {
    match path {
        ["arn"] => Some(cfn_ref(&logical_id(&c.name, "TaskDefinition"))),
        _ => None,
    }
}
