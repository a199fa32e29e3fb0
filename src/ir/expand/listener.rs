//! Listeners → `AWS::ElasticLoadBalancingV2::Listener` with their default action, and
//! their rules → `AWS::ElasticLoadBalancingV2::ListenerRule`.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, object, Lowering, Resource};
use crate::limits;
use crate::model::views::{FixedResponseView, RedirectView};
use crate::model::{Action, CompRef, Entity, LbOrigin, Model, Node};

/// Expands every listener and listener rule of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for l in &model.listeners {
        let Some(b) = l.lb.and_then(|lb| model.load_balancers.get(lb)) else {
            continue;
        };
        let span = model.span(l.comp);
        let (certificate, policy, secure) = match model.node(l.comp) {
            Some(Node::ApplicationListener(v)) => (
                v.certificate_arn.as_ref(),
                v.ssl_policy.as_ref(),
                v.protocol.value.as_str() == "HTTPS",
            ),
            Some(Node::NetworkListener(v)) => (
                v.certificate_arn.as_ref(),
                v.ssl_policy.as_ref(),
                v.protocol.value.as_str() == "TLS",
            ),
            _ => continue,
        };
        let mut p = Map::new();
        p.insert("LoadBalancerArn", cfn_ref(&b.logical_id));
        p.insert("Port", json!(l.port));
        p.insert("Protocol", json!(l.protocol));
        if let Some(cert) = certificate {
            let arn = cx.cfn(&cert.value);
            p.insert("Certificates", json!([{ "CertificateArn": arn }]));
        }
        // A listener with a load balancer of its own keeps AWS's default policy unless
        // one is given, as in ecsxc 0.1 (stacks deployed then must not change).
        let shared = matches!(b.origin, LbOrigin::Explicit(_));
        match policy {
            Some(policy) => {
                p.insert("SslPolicy", json!(policy.value));
            }
            None if secure && shared => {
                p.insert("SslPolicy", json!(limits::DEFAULT_SSL_POLICY));
            }
            None => {}
        }
        p.insert(
            "DefaultActions",
            Json::Array(vec![action(model, &l.default_action)]),
        );
        cx.add(
            l.logical_id.clone(),
            Resource::new(
                "AWS::ElasticLoadBalancingV2::Listener",
                Json::Object(p),
                span,
            ),
        );
        for r in l.routes.iter().filter_map(|r| model.routes.get(*r)) {
            let mut conditions = Vec::new();
            if !r.view.paths.value.is_empty() {
                conditions.push(json!({ "Field": "path-pattern", "PathPatternConfig": { "Values": r.view.paths.value } }));
            }
            if !r.view.hosts.value.is_empty() {
                conditions.push(json!({ "Field": "host-header", "HostHeaderConfig": { "Values": r.view.hosts.value } }));
            }
            cx.add(
                r.logical_id.clone(),
                Resource::new(
                    "AWS::ElasticLoadBalancingV2::ListenerRule",
                    object([
                        ("ListenerArn", cfn_ref(&l.logical_id)),
                        ("Priority", json!(r.priority)),
                        ("Conditions", Json::Array(conditions)),
                        ("Actions", Json::Array(vec![action(model, &r.action)])),
                    ]),
                    r.span,
                ),
            );
        }
    }
}

/// A listener's or rule's action.
fn action(model: &Model<'_>, a: &Action) -> Json {
    match a {
        Action::Forward(tg) => object([
            ("Type", Json::String("forward".into())),
            (
                "TargetGroupArn",
                model
                    .target_groups
                    .get(*tg)
                    .map_or(Json::Null, |t| cfn_ref(&t.logical_id)),
            ),
        ]),
        Action::Redirect(r) => redirect(r),
        Action::Fixed(f) => fixed(f),
        Action::None => json!({
            "Type": "fixed-response",
            "FixedResponseConfig": { "StatusCode": "404", "ContentType": "text/plain", "MessageBody": "no service" },
        }),
    }
}

fn redirect(r: &RedirectView) -> Json {
    let mut c = Map::new();
    c.insert("Protocol", json!(r.protocol.as_str()));
    c.insert("Port", json!(r.port.to_string()));
    if let Some(host) = &r.host {
        c.insert("Host", json!(host));
    }
    if let Some(path) = &r.path {
        c.insert("Path", json!(path.value));
    }
    c.insert(
        "StatusCode",
        json!(if r.permanent { "HTTP_301" } else { "HTTP_302" }),
    );
    json!({ "Type": "redirect", "RedirectConfig": c })
}

fn fixed(f: &FixedResponseView) -> Json {
    let mut c = Map::new();
    c.insert("StatusCode", json!(f.status_code.value.to_string()));
    c.insert("ContentType", json!(f.content_type.as_str()));
    if !f.body.value.is_empty() {
        c.insert("MessageBody", json!(f.body.value));
    }
    json!({ "Type": "fixed-response", "FixedResponseConfig": c })
}

/// `endpoint`, `endpoint.hostname` and `endpoint.port` of a listener.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::Listener(l)) = model.entity(c) else {
        return None;
    };
    let l = model.listeners.get(l)?;
    let lb = model.load_balancers.get(l.lb?)?;
    match path {
        ["endpoint", "hostname"] => Some(get_att(&lb.logical_id, "DNSName")),
        ["endpoint", "port"] => Some(json!(l.port)),
        _ => None,
    }
}
