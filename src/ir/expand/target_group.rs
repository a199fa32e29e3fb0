//! Target groups → `AWS::ElasticLoadBalancingV2::TargetGroup`: the explicit ones with
//! their health checks and attributes, and the shorthand's group between a service
//! and a listener (health check from the listener's `healthCheckPath` and
//! `healthCheckInterval`).

use crate::ir::{cfn_ref, Lowering, Resource};
use crate::model::views::HealthProtocol;
use crate::model::{CompRef, Entity, LbKind, Model, Node, TargetGroup, TgOrigin};
use serde_json::{json, Map, Value as Json};

/// Expands every target group of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for tg in &model.target_groups {
        let Some(network) = tg.network else { continue };
        let mut p = Map::new();
        p.insert("TargetType".into(), json!(tg.target_type.as_str()));
        p.insert("Port".into(), json!(tg.port));
        p.insert("Protocol".into(), json!(tg.protocol));
        p.insert("VpcId".into(), cx.vpc_id(network, tg.span));
        match tg.origin {
            TgOrigin::Implicit { listener, .. } => implicit(cx, model, tg, listener, &mut p),
            TgOrigin::Explicit(c) => explicit(cx, model, c, &mut p),
        }
        cx.add(
            tg.logical_id.clone(),
            Resource::new(
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                Json::Object(p),
                tg.span,
            ),
        );
    }
}

fn implicit(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    tg: &TargetGroup,
    listener: CompRef,
    p: &mut Map<String, Json>,
) {
    if tg.kind == LbKind::Network {
        return;
    }
    let Some(Node::ApplicationListener(v)) = model.node(listener) else {
        return;
    };
    p.insert("HealthCheckProtocol".into(), json!("HTTP"));
    p.insert("HealthCheckPath".into(), cx.cfn(&v.health_check_path.value));
    p.insert(
        "HealthCheckIntervalSeconds".into(),
        json!(v.health_check_interval.value.0),
    );
}

fn explicit(cx: &mut Lowering<'_, '_>, model: &Model<'_>, c: CompRef, p: &mut Map<String, Json>) {
    let mut attributes = Vec::new();
    let tags = match model.node(c) {
        Some(Node::ApplicationTargetGroup(v)) => {
            let h = &v.health_check;
            p.insert(
                "HealthCheckProtocol".into(),
                json!(v.protocol.value.as_str()),
            );
            p.insert("HealthCheckPath".into(), json!(h.path.value));
            p.insert(
                "HealthCheckIntervalSeconds".into(),
                json!(h.interval.value.0),
            );
            p.insert("HealthCheckTimeoutSeconds".into(), json!(h.timeout.value.0));
            p.insert("HealthyThresholdCount".into(), json!(h.healthy_threshold));
            p.insert(
                "UnhealthyThresholdCount".into(),
                json!(h.unhealthy_threshold),
            );
            p.insert("Matcher".into(), json!({ "HttpCode": h.matcher.value }));
            attributes.push(attribute_pair(
                "deregistration_delay.timeout_seconds",
                v.deregistration_delay.0.to_string(),
            ));
            if let Some(s) = &v.stickiness {
                attributes.push(attribute_pair("stickiness.enabled", "true".into()));
                match &s.cookie_name {
                    Some(cookie) => {
                        attributes.push(attribute_pair("stickiness.type", "app_cookie".into()));
                        attributes.push(attribute_pair(
                            "stickiness.app_cookie.cookie_name",
                            cookie.clone(),
                        ));
                        attributes.push(attribute_pair(
                            "stickiness.app_cookie.duration_seconds",
                            s.duration.0.to_string(),
                        ));
                    }
                    None => {
                        attributes.push(attribute_pair("stickiness.type", "lb_cookie".into()));
                        attributes.push(attribute_pair(
                            "stickiness.lb_cookie.duration_seconds",
                            s.duration.0.to_string(),
                        ));
                    }
                }
            }
            &v.tags
        }
        Some(Node::NetworkTargetGroup(v)) => {
            let h = &v.health_check;
            p.insert(
                "HealthCheckProtocol".into(),
                json!(h.protocol.value.as_str()),
            );
            if h.protocol.value != HealthProtocol::Tcp {
                let path = h.path.as_ref().map_or("/", |p| p.value.as_str());
                p.insert("HealthCheckPath".into(), json!(path));
            }
            p.insert(
                "HealthCheckIntervalSeconds".into(),
                json!(h.interval.value.0),
            );
            p.insert("HealthCheckTimeoutSeconds".into(), json!(h.timeout.value.0));
            p.insert("HealthyThresholdCount".into(), json!(h.healthy_threshold));
            p.insert(
                "UnhealthyThresholdCount".into(),
                json!(h.unhealthy_threshold),
            );
            if let Some(m) = &h.matcher {
                p.insert("Matcher".into(), json!({ "HttpCode": m.value }));
            }
            attributes.push(attribute_pair(
                "deregistration_delay.timeout_seconds",
                v.deregistration_delay.0.to_string(),
            ));
            &v.tags
        }
        _ => return,
    };
    p.insert("TargetGroupAttributes".into(), Json::Array(attributes));
    if let Some(tags) = cx.tags(tags) {
        p.insert("Tags".into(), tags);
    }
}

fn attribute_pair(key: &str, value: String) -> Json {
    json!({ "Key": key, "Value": value })
}

/// `arn` of a target group.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::TargetGroup(tg)) = model.entity(c) else {
        return None;
    };
    match path {
        ["arn"] => Some(cfn_ref(&model.target_groups.get(tg)?.logical_id)),
        _ => None,
    }
}
