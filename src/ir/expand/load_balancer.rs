//! Load balancers → `AWS::ElasticLoadBalancingV2::LoadBalancer`: the explicit ones and
//! those of listeners without `loadBalancer`, internet-facing in public subnets,
//! internal in private ones.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, Lowering, Resource};
use crate::model::views::Scheme;
use crate::model::{internet_routes, CompRef, Entity, LbOrigin, Model, Node};

/// Expands every load balancer of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for b in &model.load_balancers {
        let Some(network) = b.network else { continue };
        let public = b.scheme == Scheme::InternetFacing;
        let mut p = Map::new();
        p.insert("Type", json!(b.kind.as_str()));
        p.insert("Scheme", json!(b.scheme.as_str()));
        p.insert("Subnets", cx.subnets(network, public, b.span));
        let groups = super::group_ids(model, &b.security_groups);
        p.insert("SecurityGroups", Json::Array(groups));
        if let LbOrigin::Explicit(c) = b.origin {
            let (attributes, tags) = match model.node(c) {
                Some(Node::ApplicationLoadBalancer(v)) => (
                    json!([{ "Key": "idle_timeout.timeout_seconds", "Value": v.idle_timeout.0.to_string() }]),
                    &v.tags,
                ),
                Some(Node::NetworkLoadBalancer(v)) => (
                    json!([{ "Key": "load_balancing.cross_zone.enabled", "Value": v.cross_zone.to_string() }]),
                    &v.tags,
                ),
                _ => continue,
            };
            p.insert("LoadBalancerAttributes", attributes);
            if let Some(tags) = cx.tags(tags) {
                p.insert("Tags", tags);
            }
        }
        let mut resource = Resource::new(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Json::Object(p),
            b.span,
        );
        // An internet-facing load balancer needs the VPC's internet gateway in place.
        if public {
            for route in internet_routes(model, network, true) {
                resource = resource.depends_on(route);
            }
        }
        cx.add(b.logical_id.clone(), resource);
    }
}

/// `dnsName` and `arn` of a load balancer.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::LoadBalancer(lb)) = model.entity(c) else {
        return None;
    };
    let id = &model.load_balancers.get(lb)?.logical_id;
    match path {
        ["dnsName"] => Some(get_att(id, "DNSName")),
        ["arn"] => Some(cfn_ref(id)),
        _ => None,
    }
}
