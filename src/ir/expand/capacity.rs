//! `AutoScalingGroup` → a launch template (the ECS-optimized Amazon Linux 2023 image
//! from AWS's public SSM parameter, IMDSv2 required, user data that joins the
//! cluster), the instance role and profile, the Auto Scaling group, and an ECS capacity
//! provider with managed scaling. The association with the cluster is the cluster's
//! (`cluster.rs`); the security group is `security_group.rs`'s.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, Lowering, Resource};
use crate::limits;
use crate::model::{internet_routes, Capacity, CompRef, Entity, Model, Node};

/// The template parameter with the x86-64 ECS-optimized image.
pub const AMI_PARAMETER: &str = "EcsOptimizedAmi";
/// The template parameter with the ARM64 ECS-optimized image.
pub const ARM_AMI_PARAMETER: &str = "EcsOptimizedAmiArm64";
/// AWS's public SSM parameters with the current ECS-optimized Amazon Linux 2023 images.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html
pub const AMI_PATH: &str = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
/// The same for ARM64 (Graviton).
pub const ARM_AMI_PATH: &str =
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";

/// Expands every Auto Scaling group of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for cap in &model.capacity {
        group(cx, model, cap);
    }
}

fn group(cx: &mut Lowering<'_, '_>, model: &Model<'_>, cap: &Capacity) {
    let Some(Node::AutoScalingGroup(v)) = model.node(cap.comp) else {
        return;
    };
    let (Some(cluster), Some(placement)) = (
        cap.cluster.and_then(|c| model.cluster_logical_id(c)),
        cap.placement,
    ) else {
        cx.internal(
            model.span(cap.comp),
            "capacity for a cluster the stack does not create",
        );
        return;
    };
    let span = model.span(cap.comp);
    let (parameter, path, architecture) = if cap.arm {
        (ARM_AMI_PARAMETER, ARM_AMI_PATH, "ARM64")
    } else {
        (AMI_PARAMETER, AMI_PATH, "x86-64")
    };
    cx.ssm_parameter(
        parameter,
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        path,
        &format!("The ECS-optimized Amazon Linux 2023 image ({architecture}), from AWS's public SSM parameter"),
        span,
    );
    cx.add(
        cap.instance_role.clone(),
        super::service_role(
            "ec2.amazonaws.com",
            "AmazonEC2ContainerServiceforEC2Role",
            span,
        ),
    );
    cx.add(
        cap.instance_profile.clone(),
        Resource::new(
            "AWS::IAM::InstanceProfile",
            json!({ "Roles": [cfn_ref(&cap.instance_role)] }),
            span,
        ),
    );
    let groups = super::group_ids(model, &cap.security_groups);
    cx.add(
        cap.launch_template.clone(),
        Resource::new(
            "AWS::EC2::LaunchTemplate",
            json!({
                "LaunchTemplateData": {
                    "ImageId": cfn_ref(parameter),
                    "InstanceType": v.instance_type.value,
                    "IamInstanceProfile": { "Arn": get_att(&cap.instance_profile, "Arn") },
                    "SecurityGroupIds": groups,
                    // IMDSv2 only; two hops so that containers in bridge mode reach it.
                    "MetadataOptions": {
                        "HttpEndpoint": "enabled",
                        "HttpTokens": "required",
                        "HttpPutResponseHopLimit": 2
                    },
                    "UserData": {
                        "Fn::Base64": {
                            "Fn::Sub": format!("#!/bin/bash\necho ECS_CLUSTER=${{{cluster}}} >> /etc/ecs/ecs.config\n")
                        }
                    }
                }
            }),
            span,
        ),
    );
    let mut p = Map::new();
    p.insert("MinSize", json!(v.min_size.value.to_string()));
    p.insert("MaxSize", json!(v.max_size.value.to_string()));
    if let Some(d) = &v.desired_capacity {
        p.insert("DesiredCapacity", json!(d.value.to_string()));
    }
    p.insert(
        "LaunchTemplate",
        json!({
            "LaunchTemplateId": cfn_ref(&cap.launch_template),
            "Version": get_att(&cap.launch_template, "LatestVersionNumber"),
        }),
    );
    let subnets = cx.subnets(placement.network, placement.public_subnets, span);
    p.insert("VPCZoneIdentifier", subnets);
    p.insert(
        "NewInstancesProtectedFromScaleIn",
        json!(v.managed_termination_protection),
    );
    // ECS tags the group of a capacity provider; the template says so, or an update
    // of the group's tags would drop it.
    let tags: Vec<Json> = v
        .tags
        .0
        .iter()
        .map(|(k, t)| (json!(k.value), cx.cfn(t)))
        .chain([(json!(limits::ECS_MANAGED_TAG), json!(""))])
        .map(|(k, t)| json!({ "Key": k, "Value": t, "PropagateAtLaunch": true }))
        .collect();
    p.insert("Tags", Json::Array(tags));
    let mut asg = Resource::new("AWS::AutoScaling::AutoScalingGroup", Json::Object(p), span);
    // Instances register with ECS through the subnets' route to the internet.
    for route in internet_routes(model, placement.network, placement.public_subnets) {
        asg = asg.depends_on(route);
    }
    cx.add(cap.group.clone(), asg);
    cx.add(
        cap.provider.clone(),
        Resource::new(
            "AWS::ECS::CapacityProvider",
            json!({
                "AutoScalingGroupProvider": {
                    "AutoScalingGroupArn": cfn_ref(&cap.group),
                    "ManagedScaling": { "Status": "ENABLED", "TargetCapacity": v.target_capacity },
                    "ManagedTerminationProtection": if v.managed_termination_protection { "ENABLED" } else { "DISABLED" },
                }
            }),
            span,
        ),
    );
}

/// `name` and `capacityProvider` of an Auto Scaling group.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::Capacity(id)) = model.entity(c) else {
        return None;
    };
    let cap = model.capacity.get(id)?;
    match path {
        ["name"] => Some(cfn_ref(&cap.group)),
        ["capacityProvider"] => Some(cfn_ref(&cap.provider)),
        _ => None,
    }
}
