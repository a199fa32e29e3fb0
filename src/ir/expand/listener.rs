//! `ApplicationListener` → its own Application Load Balancer, the load balancer's
//! security group, the listener, and (for the service wired to it) a target group.

use crate::check::{Component, Val};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{cfn_ref, get_att, logical_id, Lowering, Resource};
use crate::source::Span;
use serde_json::{json, Map, Value as Json};

/// The container port a listener sends traffic to: `targetPort`, else its `port`.
pub fn target_port(l: &Component) -> i64 {
    l.field("targetPort")
        .or_else(|| l.field("port"))
        .and_then(Val::as_int)
        .unwrap_or(80)
}

/// Logical ID of the listener's load-balancer security group.
pub fn security_group_id(l: &Component) -> String {
    logical_id(&l.name, "LoadBalancerSecurityGroup")
}

/// Expands listener component `id`.
pub fn expand(cx: &mut Lowering<'_>, id: usize, l: &Component) {
    let port = l.field("port").and_then(Val::as_int).unwrap_or(80);
    let protocol = l
        .field("protocol")
        .and_then(Val::as_str)
        .unwrap_or("HTTP")
        .to_string();
    let certificate = l.field("certificateArn").cloned();
    if protocol == "HTTPS" && certificate.is_none() {
        let span = l.field("protocol").map_or(l.span, |v| v.span);
        cx.diags.push(
            Diagnostic::new(
                Code::HttpsWithoutCertificate,
                span,
                format!("HTTPS listener `{}` has no certificate", l.name),
            )
            .label("HTTPS needs a certificate")
            .help("add `certificateArn: \"arn:aws:acm:...\"` (an ACM certificate for your domain)"),
        );
        return;
    }
    let scheme = l
        .field("scheme")
        .and_then(Val::as_str)
        .unwrap_or("internet-facing")
        .to_string();
    let (vpc, subnets) = cx.default_network(l.span);
    let sg = security_group_id(l);
    let lb = logical_id(&l.name, "LoadBalancer");
    let source = "0.0.0.0/0";
    cx.add(
        sg.clone(),
        Resource::new(
            "AWS::EC2::SecurityGroup",
            json!({
                "GroupDescription": format!("ecsxc: load balancer of listener {}", l.name),
                "VpcId": vpc,
                "SecurityGroupIngress": [{
                    "IpProtocol": "tcp",
                    "FromPort": port,
                    "ToPort": port,
                    "CidrIp": source,
                    "Description": format!("{protocol} from anywhere"),
                }],
                "SecurityGroupEgress": [{ "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "all outbound traffic" }],
            }),
            l.span,
        ),
    );
    cx.add(
        lb.clone(),
        Resource::new(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            json!({
                "Type": "application",
                "Scheme": scheme,
                "Subnets": subnets,
                "SecurityGroups": [get_att(&sg, "GroupId")],
            }),
            l.span,
        ),
    );
    let action = match cx
        .listener_uses
        .get(&id)
        .and_then(|u| cx.component(u.service))
    {
        Some(service) => json!({
            "Type": "forward",
            "TargetGroupArn": cfn_ref(&super::fargate_service::target_group_id(service, l)),
        }),
        None => {
            cx.diags.push(
                Diagnostic::new(
                    Code::UnusedListener,
                    l.span,
                    format!("listener `{}` forwards to no service", l.name),
                )
                .label("answers every request with 404")
                .help(format!(
                    "list it in a container's `portMappings: [{}]`",
                    l.name
                )),
            );
            json!({
                "Type": "fixed-response",
                "FixedResponseConfig": { "StatusCode": "404", "ContentType": "text/plain", "MessageBody": "no service" },
            })
        }
    };
    let mut p = Map::new();
    p.insert("LoadBalancerArn".into(), cfn_ref(&lb));
    p.insert("Port".into(), json!(port));
    p.insert("Protocol".into(), json!(protocol));
    if let Some(cert) = certificate {
        let arn = cx.cfn(&cert);
        p.insert("Certificates".into(), json!([{ "CertificateArn": arn }]));
    }
    p.insert("DefaultActions".into(), json!([action]));
    cx.add(
        logical_id(&l.name, "Listener"),
        Resource::new(
            "AWS::ElasticLoadBalancingV2::Listener",
            Json::Object(p),
            l.span,
        ),
    );
}

/// Adds the target group `id` for traffic from listener `l` to container port `port`.
pub fn target_group(
    cx: &mut Lowering<'_>,
    id: &str,
    l: &Component,
    port: i64,
    vpc: Json,
    span: Span,
) {
    let path = l
        .field("healthCheckPath")
        .map(|v| cx.cfn(v))
        .unwrap_or(json!("/"));
    let interval = l
        .field("healthCheckInterval")
        .and_then(Val::as_seconds)
        .unwrap_or(30);
    cx.add(
        id.to_string(),
        Resource::new(
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            json!({
                "TargetType": "ip",
                "Port": port,
                "Protocol": "HTTP",
                "VpcId": vpc,
                "HealthCheckProtocol": "HTTP",
                "HealthCheckPath": path,
                "HealthCheckIntervalSeconds": interval,
            }),
            span,
        ),
    );
}

/// `endpoint`, `endpoint.hostname` and `endpoint.port` of a listener.
pub fn attribute(l: &Component, path: &[&str]) -> Option<Json> {
    let lb = logical_id(&l.name, "LoadBalancer");
    let port = l.field("port").and_then(Val::as_int).unwrap_or(80);
    match path {
        ["endpoint", "hostname"] => Some(get_att(&lb, "DNSName")),
        ["endpoint", "port"] => Some(json!(port)),
        _ => None,
    }
}
