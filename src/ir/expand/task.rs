//! `FargateTaskDefinition` → the manifest entry that lets `ecsxc run` start its tasks
//! (its task definition and security group come from `task_definition` and
//! `security_group`).

use super::cluster;
use crate::ir::json::Value as Json;
use crate::ir::{
    cfn_ref, ClusterRef, Lowering, ProviderName, StrategyEntry, Subnets, TaskRef, SUBNETS_PARAMETER,
};
use crate::model::{CompRef, Launch, Model, Network, Node, ProviderRef, Runner};

/// Expands task definition `r` (its manifest entry).
pub fn expand(cx: &mut Lowering<'_, '_>, r: &Runner) {
    let Some(cluster) = r.cluster.and_then(|cl| cluster::reference(cx.model, cl)) else {
        cx.internal(cx.model.span(r.comp), "a task without a cluster");
        return;
    };
    // The network's parameters, when it is the default VPC, even though no resource
    // of a task definition names the subnets (`ecsxc run` reads them).
    if let Some(p) = r.placement {
        let span = cx.model.span(r.comp);
        cx.vpc_id(p.network, span);
    }
    let task = task_ref(cx, r, cluster);
    cx.manifest.tasks.push(task);
}

/// The manifest entry that lets `ecsxc run` start a Fargate task of `r`.
pub fn task_ref(cx: &Lowering<'_, '_>, r: &Runner, cluster: ClusterRef) -> TaskRef {
    let model = cx.model;
    let subnets = r
        .placement
        .and_then(|p| match model.networks.get(p.network)? {
            Network::Default => Some(Subnets::Parameter(SUBNETS_PARAMETER.into())),
            Network::New(plan) => {
                let list = if p.public_subnets {
                    &plan.public
                } else {
                    &plan.private
                };
                Some(Subnets::Resources(
                    list.iter().map(|s| s.id.clone()).collect(),
                ))
            }
            Network::Existing { comp } => match model.node(*comp)? {
                Node::ExistingVpc(v) => Some(Subnets::Ids(if p.public_subnets {
                    v.public_subnets.value.clone()
                } else {
                    v.private_subnets.value.clone()
                })),
                _ => None,
            },
        });
    let awsvpc = r.awsvpc();
    // A service's strategy; an EC2 task definition runs on its cluster's groups.
    let items: Vec<(ProviderRef, i64, i64)> = if r.service_id.is_some() {
        r.strategy
            .iter()
            .map(|s| (s.provider, s.weight, s.base))
            .collect()
    } else if let (Launch::Ec2(_), Some(cl)) = (r.launch, r.cluster) {
        model
            .cluster_capacity(cl)
            .into_iter()
            .map(|id| (ProviderRef::Capacity(id), 1, 0))
            .collect()
    } else {
        Vec::new()
    };
    let capacity_providers = items
        .into_iter()
        .filter_map(|(p, weight, base)| {
            let provider = match p {
                ProviderRef::Capacity(id) => {
                    ProviderName::Resource(model.capacity.get(id)?.provider.clone())
                }
                ProviderRef::Fargate(name) => ProviderName::Named(name.to_string()),
            };
            Some(StrategyEntry {
                provider,
                weight,
                base,
            })
        })
        .collect();
    TaskRef {
        capacity_providers,
        binding: model.name(r.comp).to_string(),
        logical_id: r.task.task_definition.clone(),
        cluster,
        launch_type: if r.launch == Launch::Fargate {
            "FARGATE"
        } else {
            "EC2"
        }
        .into(),
        subnets: subnets.filter(|_| awsvpc),
        security_groups: r
            .security_groups
            .iter()
            .filter_map(|sg| model.security_groups.get(*sg))
            .map(|g| g.logical_id.clone())
            .collect(),
        assign_public_ip: r.placement.is_some_and(|p| p.public_ip),
    }
}

/// `arn` of a task definition.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    match path {
        ["arn"] => Some(cfn_ref(&model.runner(c)?.task.task_definition)),
        _ => None,
    }
}
