//! Clusters → `AWS::ECS::Cluster` (nothing for `Cluster.existing`), and the default
//! cluster shared by services that name none.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, ClusterRef, Lowering, Resource, DEFAULT_CLUSTER};
use crate::model::{Cluster, ClusterId, CompRef, Entity, Model, Node};

/// Expands every cluster of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    for cluster in &cx.model.clusters {
        match cluster {
            Cluster::Default { span } => cx.add(
                DEFAULT_CLUSTER.to_string(),
                Resource::new("AWS::ECS::Cluster", json!({}), *span),
            ),
            Cluster::New { comp, logical_id } => {
                let Some(Node::Cluster(v)) = cx.model.node(*comp) else {
                    continue;
                };
                let mut props = Map::new();
                if v.container_insights {
                    props.insert(
                        "ClusterSettings",
                        json!([{ "Name": "containerInsights", "Value": "enabled" }]),
                    );
                }
                if let Some(tags) = cx.tags(&v.tags) {
                    props.insert("Tags", tags);
                }
                let span = cx.model.span(*comp);
                cx.add(
                    logical_id.clone(),
                    Resource::new("AWS::ECS::Cluster", Json::Object(props), span),
                );
            }
            Cluster::Existing { .. } => {}
        }
    }
}

/// Associates each cluster the stack creates with the capacity providers its services
/// use: its Auto Scaling groups' and `FARGATE` / `FARGATE_SPOT`. The default strategy
/// (for services with neither a launch type nor a strategy) is its Auto Scaling groups,
/// else Fargate.
pub fn associations(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for (i, cluster) in model.clusters.iter().enumerate() {
        let (Some(id), Some(association)) =
            (model.cluster_logical_id(i), model.cluster_association(i))
        else {
            continue;
        };
        let span = match cluster {
            Cluster::Default { span } => *span,
            Cluster::New { comp, .. } | Cluster::Existing { comp, .. } => model.span(*comp),
        };
        let groups: Vec<Json> = model
            .cluster_capacity(i)
            .iter()
            .filter_map(|c| model.capacity.get(*c))
            .map(|c| cfn_ref(&c.provider))
            .collect();
        let fargate = model.cluster_fargate_providers(i);
        let mut providers = groups.clone();
        providers.extend(fargate.iter().map(|f| json!(f)));
        let default: Vec<Json> = if groups.is_empty() {
            fargate
                .iter()
                .take(1)
                .map(|f| json!({ "CapacityProvider": f, "Weight": 1 }))
                .collect()
        } else {
            groups
                .iter()
                .map(|g| json!({ "CapacityProvider": g, "Weight": 1 }))
                .collect()
        };
        cx.add(
            association,
            Resource::new(
                "AWS::ECS::ClusterCapacityProviderAssociations",
                json!({
                    "Cluster": cfn_ref(&id),
                    "CapacityProviders": providers,
                    "DefaultCapacityProviderStrategy": default,
                }),
                span,
            ),
        );
    }
}

/// How the manifest names cluster `c`.
pub fn reference(model: &Model<'_>, c: ClusterId) -> Option<ClusterRef> {
    Some(match model.clusters.get(c)? {
        Cluster::Existing { name, .. } => ClusterRef::Existing(name.clone()),
        _ => ClusterRef::LogicalId(model.cluster_logical_id(c)?),
    })
}

/// The template value naming a cluster (for a service's `Cluster`).
pub fn cfn_value(r: &ClusterRef) -> Json {
    match r {
        ClusterRef::LogicalId(id) => cfn_ref(id),
        ClusterRef::Existing(name) => json!(name),
    }
}

/// `name` and `arn` of a cluster.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::Cluster(id)) = model.entity(c) else {
        return None;
    };
    match (path, reference(model, id)?) {
        (["name"], ClusterRef::Existing(n)) => Some(json!(n.rsplit('/').next().unwrap_or(&n))),
        (["name"], r) => Some(cfn_value(&r)),
        (["arn"], ClusterRef::LogicalId(id)) => Some(get_att(&id, "Arn")),
        (["arn"], ClusterRef::Existing(n)) if n.starts_with("arn:") => Some(json!(n)),
        (["arn"], ClusterRef::Existing(n)) => Some(json!({
            "Fn::Sub": format!("arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:cluster/{n}")
        })),
        _ => None,
    }
}
