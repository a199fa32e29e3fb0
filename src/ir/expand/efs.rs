//! `EfsFileSystem` → `AWS::EFS::FileSystem` (encrypted at rest), a security group for
//! its mount targets, one `AWS::EFS::MountTarget` in each private subnet of its network
//! (the public ones when it has none), and for every security group of the tasks that
//! mount it an `AWS::EC2::SecurityGroupIngress` admitting NFS (TCP 2049) from that group
//! only. `EfsFileSystem.existing` gets the same ingress rules in its given group.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, Lowering, Resource};
use crate::limits;
use crate::model::{CompRef, FileSystem, Model, Network, Node};

/// Expands every file system of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for fs in &model.file_systems {
        let span = model.span(fs.comp);
        let name = model.name(fs.comp);
        let group = match model.node(fs.comp) {
            Some(Node::EfsFileSystem(v)) => {
                let Some(network) = fs.network else { continue };
                let mut p = Map::new();
                p.insert("Encrypted", json!(v.encrypted));
                p.insert("PerformanceMode", json!(v.performance_mode.value.as_str()));
                p.insert("ThroughputMode", json!(v.throughput_mode.value.as_str()));
                if let Some(tags) = cx.tags(&v.tags) {
                    p.insert("FileSystemTags", tags);
                }
                cx.add(
                    fs.file_system.clone(),
                    Resource::new("AWS::EFS::FileSystem", Json::Object(p), span),
                );
                let vpc = cx.vpc_id(network, span);
                cx.add(
                    fs.security_group.clone(),
                    Resource::new(
                        "AWS::EC2::SecurityGroup",
                        json!({
                            "GroupDescription": format!("ecsxc: mount targets of file system {name}"),
                            "VpcId": vpc,
                        }),
                        span,
                    ),
                );
                let subnets = mount_subnets(model, network);
                for (id, subnet) in fs.mount_targets.iter().zip(subnets) {
                    cx.add(
                        id.clone(),
                        Resource::new(
                            "AWS::EFS::MountTarget",
                            json!({
                                "FileSystemId": cfn_ref(&fs.file_system),
                                "SubnetId": subnet,
                                "SecurityGroups": [get_att(&fs.security_group, "GroupId")],
                            }),
                            span,
                        ),
                    );
                }
                get_att(&fs.security_group, "GroupId")
            }
            Some(Node::ExistingEfsFileSystem(v)) => json!(v.security_group.value),
            _ => continue,
        };
        ingress(cx, model, fs, &group);
    }
}

/// The subnets of the mount targets of a file system in `network`: the private ones,
/// or the public ones of a network without private subnets.
fn mount_subnets(model: &Model<'_>, network: usize) -> Vec<Json> {
    match model.networks.get(network) {
        Some(Network::New(plan)) => {
            let list = if plan.private.is_empty() {
                &plan.public
            } else {
                &plan.private
            };
            list.iter().map(|s| cfn_ref(&s.id)).collect()
        }
        Some(Network::Existing { comp }) => match model.node(*comp) {
            Some(Node::ExistingVpc(v)) => {
                let list = if v.private_subnets.value.is_empty() {
                    &v.public_subnets.value
                } else {
                    &v.private_subnets.value
                };
                list.iter().map(|s| json!(s)).collect()
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// NFS from each security group of the tasks that mount `fs`, into `group`.
fn ingress(cx: &mut Lowering<'_, '_>, model: &Model<'_>, fs: &FileSystem, group: &Json) {
    let span = model.span(fs.comp);
    for (sg, id) in &fs.ingress {
        let Some(source) = model.security_groups.get(*sg) else {
            continue;
        };
        cx.add(
            id.clone(),
            Resource::new(
                "AWS::EC2::SecurityGroupIngress",
                json!({
                    "GroupId": group,
                    "IpProtocol": "tcp",
                    "FromPort": limits::NFS_PORT,
                    "ToPort": limits::NFS_PORT,
                    "SourceSecurityGroupId": get_att(&source.logical_id, "GroupId"),
                    "Description": format!("NFS from {}", source.logical_id),
                }),
                span,
            ),
        );
    }
}

/// The CloudFormation value of `out` attribute `path` of file system `c`.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let fs = model.file_system(c)?;
    match (model.node(c)?, path) {
        (Node::EfsFileSystem(_), ["id"]) => Some(cfn_ref(&fs.file_system)),
        (Node::EfsFileSystem(_), ["arn"]) => Some(get_att(&fs.file_system, "Arn")),
        (Node::ExistingEfsFileSystem(v), ["id"]) => Some(json!(v.id.value)),
        (Node::ExistingEfsFileSystem(v), ["arn"]) => Some(json!({
            "Fn::Sub": format!(
                "arn:${{AWS::Partition}}:elasticfilesystem:${{AWS::Region}}:${{AWS::AccountId}}:file-system/{}",
                v.id.value
            )
        })),
        _ => None,
    }
}
