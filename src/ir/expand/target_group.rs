//! Target groups → `AWS::ElasticLoadBalancingV2::TargetGroup`: the explicit ones with
//! their health checks and attributes, and the shorthand's group between a service
//! and a listener (health check from the listener's `healthCheckPath` and
//! `healthCheckInterval`).

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, Lowering, Resource};
use crate::model::views::HealthProtocol;
use crate::model::{CompRef, Entity, LbKind, Model, Node, TargetGroup, TgOrigin};

/// Expands every target group of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for tg in &model.target_groups {
        let Some(network) = tg.network else { continue };
        let mut p = Map::new();
        p.insert("TargetType", json!(tg.target_type.as_str()));
        p.insert("Port", json!(tg.port));
        p.insert("Protocol", json!(tg.protocol));
        p.insert("VpcId", cx.vpc_id(network, tg.span));
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
    p: &mut Map,
) {
    if tg.kind == LbKind::Network {
        return;
    }
    let Some(Node::ApplicationListener(v)) = model.node(listener) else {
        return;
    };
    p.insert("HealthCheckProtocol", json!("HTTP"));
    p.insert("HealthCheckPath", cx.cfn(&v.health_check_path.value));
    p.insert(
        "HealthCheckIntervalSeconds",
        json!(v.health_check_interval.value.0),
    );
}

/// The health-check properties of a target group.
struct Check<'a> {
    protocol: &'a str,
    path: Option<&'a str>,
    interval: u64,
    timeout: u64,
    healthy: i64,
    unhealthy: i64,
    matcher: Option<&'a str>,
}

fn health_check(p: &mut Map, c: Check<'_>) {
    p.insert("HealthCheckProtocol", json!(c.protocol));
    if let Some(path) = c.path {
        p.insert("HealthCheckPath", json!(path));
    }
    p.insert("HealthCheckIntervalSeconds", json!(c.interval));
    p.insert("HealthCheckTimeoutSeconds", json!(c.timeout));
    p.insert("HealthyThresholdCount", json!(c.healthy));
    p.insert("UnhealthyThresholdCount", json!(c.unhealthy));
    if let Some(m) = c.matcher {
        p.insert("Matcher", json!({ "HttpCode": m }));
    }
}

fn explicit(cx: &mut Lowering<'_, '_>, model: &Model<'_>, c: CompRef, p: &mut Map) {
    let (delay, tags) = match model.node(c) {
        Some(Node::ApplicationTargetGroup(v)) => {
            let h = &v.health_check;
            health_check(
                p,
                Check {
                    protocol: v.protocol.value.as_str(),
                    path: Some(&h.path.value),
                    interval: h.interval.value.0,
                    timeout: h.timeout.value.0,
                    healthy: h.healthy_threshold,
                    unhealthy: h.unhealthy_threshold,
                    matcher: Some(&h.matcher.value),
                },
            );
            (v.deregistration_delay.0, &v.tags)
        }
        Some(Node::NetworkTargetGroup(v)) => {
            let h = &v.health_check;
            let http = h.protocol.value != HealthProtocol::Tcp;
            health_check(
                p,
                Check {
                    protocol: h.protocol.value.as_str(),
                    path: http.then(|| h.path.as_ref().map_or("/", |p| p.value.as_str())),
                    interval: h.interval.value.0,
                    timeout: h.timeout.value.0,
                    healthy: h.healthy_threshold,
                    unhealthy: h.unhealthy_threshold,
                    matcher: h.matcher.as_ref().map(|m| m.value.as_str()),
                },
            );
            (v.deregistration_delay.0, &v.tags)
        }
        _ => return,
    };
    let mut attributes = vec![attribute_pair(
        "deregistration_delay.timeout_seconds",
        delay.to_string(),
    )];
    if let Some(Node::ApplicationTargetGroup(v)) = model.node(c) {
        if let Some(s) = &v.stickiness {
            let duration = s.duration.0.to_string();
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
                        duration,
                    ));
                }
                None => {
                    attributes.push(attribute_pair("stickiness.type", "lb_cookie".into()));
                    attributes.push(attribute_pair(
                        "stickiness.lb_cookie.duration_seconds",
                        duration,
                    ));
                }
            }
        }
    }
    p.insert("TargetGroupAttributes", Json::Array(attributes));
    if let Some(tags) = cx.tags(tags) {
        p.insert("Tags", tags);
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
