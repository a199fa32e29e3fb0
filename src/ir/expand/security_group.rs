//! Security groups → `AWS::EC2::SecurityGroup`: the program's own, and the default
//! ones of services (open only to their load balancers), task definitions (no
//! inbound traffic) and load balancers (their listeners' ports, from anywhere or,
//! for an internal one, from the VPC's range).
//!
//! Rules naming a CIDR range are written inline; rules naming another component's
//! security groups become `AWS::EC2::SecurityGroupIngress` / `...Egress` resources of
//! their own, so that groups may name each other without a dependency cycle.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{get_att, logical_id, Lowering, Resource};
use crate::limits;
use crate::model::views::{IpProtocol, NetworkMode, Peer, PortTarget, RuleView, Scheme};
use crate::model::{CompRef, Entity, Launch, LbId, LbOrigin, Model, Node, SecGroup, SgOrigin};

/// All outbound traffic (the default egress).
fn all_outbound() -> Json {
    json!([{ "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "all outbound traffic" }])
}

/// A group description, cut to what EC2 takes.
fn description(mut text: String) -> String {
    // Fewer bytes than the limit are fewer characters too.
    if text.len() > limits::MAX_SG_DESCRIPTION {
        if let Some((end, _)) = text.char_indices().nth(limits::MAX_SG_DESCRIPTION) {
            text.truncate(end);
        }
    }
    text
}

/// The name a load balancer goes by in descriptions: the explicit component's, or the
/// name of the listener it belongs to.
pub fn lb_name<'a>(model: &'a Model<'_>, lb: LbId) -> &'a str {
    match model.load_balancers.get(lb).map(|b| b.origin) {
        Some(LbOrigin::Explicit(c) | LbOrigin::Listener(c)) => model.name(c),
        None => "",
    }
}

/// EC2 protocols for a listener's or target group's protocol.
pub fn ip_protocols(protocol: &str) -> &'static [&'static str] {
    match protocol {
        "UDP" => &["udp"],
        "TCP_UDP" => &["tcp", "udp"],
        _ => &["tcp"],
    }
}

/// Expands every security group of the model, and the rules that admit load
/// balancers into the groups given to services.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for g in &model.security_groups {
        let Some(network) = g.network else { continue };
        let vpc = cx.vpc_id(network, g.span);
        let props = match g.origin {
            SgOrigin::Explicit(c) => explicit(cx, model, g, c, vpc),
            SgOrigin::Service(c) => {
                let mut p = Map::new();
                p.insert(
                    "GroupDescription",
                    json!(description(format!(
                        "ecsxc: tasks of service {}",
                        model.name(c)
                    ))),
                );
                p.insert("VpcId", vpc);
                let ingress = from_load_balancers(model, c);
                if !ingress.is_empty() {
                    let rules: Vec<Json> = ingress
                        .iter()
                        .map(|(proto, port, sg, lb)| {
                            json!({
                                "IpProtocol": proto,
                                "FromPort": port,
                                "ToPort": port,
                                "SourceSecurityGroupId": get_att(sg, "GroupId"),
                                "Description": format!("from load balancer {lb}"),
                            })
                        })
                        .collect();
                    p.insert("SecurityGroupIngress", Json::Array(rules));
                }
                p.insert("SecurityGroupEgress", all_outbound());
                Json::Object(p)
            }
            SgOrigin::Task(c) => json!({
                "GroupDescription": description(format!("ecsxc: tasks of {}", model.name(c))),
                "VpcId": vpc,
                "SecurityGroupEgress": all_outbound(),
            }),
            SgOrigin::LoadBalancer(lb) => load_balancer(cx, model, lb, vpc, g),
            SgOrigin::Capacity(id) => {
                let name = model.capacity.get(id).map_or("", |c| model.name(c.comp));
                let mut p = Map::new();
                p.insert(
                    "GroupDescription",
                    json!(description(format!("ecsxc: instances of {name}"))),
                );
                p.insert("VpcId", vpc);
                let rules: Vec<Json> = into_instances(model, id)
                    .iter()
                    .map(|(proto, from, to, sg, lb)| {
                        json!({
                            "IpProtocol": proto,
                            "FromPort": from,
                            "ToPort": to,
                            "SourceSecurityGroupId": get_att(sg, "GroupId"),
                            "Description": format!("from load balancer {lb}"),
                        })
                    })
                    .collect();
                if !rules.is_empty() {
                    p.insert("SecurityGroupIngress", Json::Array(rules));
                }
                p.insert("SecurityGroupEgress", all_outbound());
                Json::Object(p)
            }
        };
        cx.add(
            g.logical_id.clone(),
            Resource::new("AWS::EC2::SecurityGroup", props, g.span),
        );
    }
    // Services with security groups of their own: admit their load balancers into the
    // first one, as the default group would.
    for r in &model.services {
        if r.default_sg.is_some() {
            continue;
        }
        let Some(first) = r
            .security_groups
            .first()
            .and_then(|s| model.security_groups.get(*s))
        else {
            continue;
        };
        for (i, (proto, port, sg, lb)) in from_load_balancers(model, r.comp).into_iter().enumerate()
        {
            cx.add(
                format!(
                    "{}{}",
                    logical_id(model.name(r.comp), "LoadBalancerIngress"),
                    i + 1
                ),
                Resource::new(
                    "AWS::EC2::SecurityGroupIngress",
                    json!({
                        "GroupId": get_att(&first.logical_id, "GroupId"),
                        "IpProtocol": proto,
                        "FromPort": port,
                        "ToPort": port,
                        "SourceSecurityGroupId": get_att(&sg, "GroupId"),
                        "Description": format!("from load balancer {lb}"),
                    }),
                    model.span(r.comp),
                ),
            );
        }
    }
}

/// The rules that admit service `c`'s load balancers: (protocol, container port, the
/// load balancer's security group, its name), in the order of the attachments.
fn from_load_balancers(model: &Model<'_>, c: CompRef) -> Vec<(&'static str, i64, String, String)> {
    let Some(Entity::Service(s)) = model.entity(c) else {
        return Vec::new();
    };
    let mut out: Vec<(&'static str, i64, String, String)> = Vec::new();
    for a in model.service_attachments(s) {
        let Some(tg) = model.target_groups.get(a.tg) else {
            continue;
        };
        for lb in model.load_balancers_of(a.tg) {
            let Some(b) = model.load_balancers.get(lb) else {
                continue;
            };
            for sg in &b.security_groups {
                let Some(g) = model.security_groups.get(*sg) else {
                    continue;
                };
                for proto in health_checked(tg.protocol) {
                    let rule = (
                        proto,
                        a.port,
                        g.logical_id.clone(),
                        lb_name(model, lb).to_string(),
                    );
                    if !out.contains(&rule) {
                        out.push(rule);
                    }
                }
            }
        }
    }
    out
}

/// The first port of Docker's dynamic host ports (bridge mode without `hostPort`).
const EPHEMERAL_FROM: i64 = 32768;
/// The last one.
const EPHEMERAL_TO: i64 = 65535;

/// A rule admitting a load balancer: (protocol, first port, last port, the load
/// balancer's security group, its name).
type FromLb = (&'static str, i64, i64, String, String);

/// The rules that admit the load balancers of the cluster's bridge and host mode
/// services into the instances of Auto Scaling group `id`.
fn into_instances(model: &Model<'_>, id: usize) -> Vec<FromLb> {
    let Some(cap) = model.capacity.get(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (s, r) in model.services.iter().enumerate() {
        if r.awsvpc() || r.cluster.is_none() || r.cluster != cap.cluster {
            continue;
        }
        let host_mode = r.launch == Launch::Ec2(NetworkMode::Host);
        for a in model.service_attachments(s) {
            let fixed = model
                .containers(r.comp)
                .into_iter()
                .filter(|(name, _)| name.value == a.container)
                .flat_map(|(_, c)| c.port_mappings.iter())
                .find_map(|m| match &m.value {
                    PortTarget::Mapping(p) if p.container_port == a.port => {
                        p.host_port.as_ref().map(|h| h.value)
                    }
                    _ => None,
                });
            let (from, to) = match fixed {
                Some(port) => (port, port),
                None if host_mode => (a.port, a.port),
                None => (EPHEMERAL_FROM, EPHEMERAL_TO),
            };
            let Some(tg) = model.target_groups.get(a.tg) else {
                continue;
            };
            for lb in model.load_balancers_of(a.tg) {
                let Some(b) = model.load_balancers.get(lb) else {
                    continue;
                };
                for sg in b
                    .security_groups
                    .iter()
                    .filter_map(|g| model.security_groups.get(*g))
                {
                    for proto in health_checked(tg.protocol) {
                        let rule = (
                            proto,
                            from,
                            to,
                            sg.logical_id.clone(),
                            lb_name(model, lb).to_string(),
                        );
                        if !out.contains(&rule) {
                            out.push(rule);
                        }
                    }
                }
            }
        }
    }
    out
}

/// EC2 protocols a target group's traffic and health checks use: its own, and TCP
/// (health checks are TCP, HTTP or HTTPS, also for UDP targets).
fn health_checked(protocol: &str) -> Vec<&'static str> {
    let mut protocols = ip_protocols(protocol).to_vec();
    if !protocols.contains(&"tcp") {
        protocols.push("tcp");
    }
    protocols
}

fn load_balancer(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    lb: LbId,
    vpc: Json,
    g: &SecGroup,
) -> Json {
    let Some(b) = model.load_balancers.get(lb) else {
        return Json::Null;
    };
    let text = match b.origin {
        LbOrigin::Listener(c) => format!("ecsxc: load balancer of listener {}", model.name(c)),
        LbOrigin::Explicit(c) => format!("ecsxc: load balancer {}", model.name(c)),
    };
    let (source, from) = match (b.scheme, b.network) {
        (Scheme::Internal, Some(n)) => (cx.vpc_cidr(n, g.span), "from the VPC"),
        _ => (json!("0.0.0.0/0"), "from anywhere"),
    };
    let mut rules = Vec::new();
    for l in b.listeners.iter().filter_map(|l| model.listeners.get(*l)) {
        for proto in ip_protocols(l.protocol) {
            rules.push(json!({
                "IpProtocol": proto,
                "FromPort": l.port,
                "ToPort": l.port,
                "CidrIp": source,
                "Description": format!("{} {from}", l.protocol),
            }));
        }
    }
    let mut p = Map::new();
    p.insert("GroupDescription", json!(description(text)));
    p.insert("VpcId", vpc);
    if !rules.is_empty() {
        p.insert("SecurityGroupIngress", Json::Array(rules));
    }
    p.insert("SecurityGroupEgress", all_outbound());
    Json::Object(p)
}

fn explicit(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    g: &SecGroup,
    c: CompRef,
    vpc: Json,
) -> Json {
    let Some(Node::SecurityGroup(v)) = model.node(c) else {
        return Json::Null;
    };
    let name = model.name(c);
    let mut p = Map::new();
    let text = v.description.as_ref().map_or_else(
        || format!("ecsxc: security group {name}"),
        |d| d.value.clone(),
    );
    p.insert("GroupDescription", json!(description(text)));
    p.insert("VpcId", vpc);
    let mut inline = Vec::new();
    for (i, rule) in v.ingress.iter().enumerate() {
        rules(cx, model, g, &rule.value, i, true, &mut inline);
    }
    if !inline.is_empty() {
        p.insert("SecurityGroupIngress", Json::Array(inline));
    }
    match &v.egress {
        None => {
            p.insert("SecurityGroupEgress", all_outbound());
        }
        Some(list) => {
            let mut inline = Vec::new();
            for (i, rule) in list.iter().enumerate() {
                rules(
                    cx,
                    model,
                    g,
                    &rule.value.clone().into(),
                    i,
                    false,
                    &mut inline,
                );
            }
            if inline.is_empty() {
                // No outbound traffic at all (EC2 would otherwise allow everything):
                // a rule that matches nothing, as AWS CDK writes it.
                inline.push(json!({
                    "IpProtocol": "icmp",
                    "FromPort": 252,
                    "ToPort": 86,
                    "CidrIp": "255.255.255.255/32",
                    "Description": "no outbound traffic",
                }));
            }
            p.insert("SecurityGroupEgress", Json::Array(inline));
        }
    }
    if let Some(tags) = cx.tags(&v.tags) {
        p.insert("Tags", tags);
    }
    Json::Object(p)
}

/// One rule of group `g`: inline for a CIDR range, resources of their own for a
/// component's groups.
fn rules(
    cx: &mut Lowering<'_, '_>,
    model: &Model<'_>,
    g: &SecGroup,
    rule: &RuleView,
    index: usize,
    ingress: bool,
    inline: &mut Vec<Json>,
) {
    let mut base = Map::new();
    base.insert(
        "IpProtocol",
        json!(match rule.protocol.value {
            IpProtocol::All => "-1",
            p => p.as_str(),
        }),
    );
    if rule.protocol.value != IpProtocol::All {
        // For ICMP, `port` is the type and `toPort` the code (-1: every one).
        let from = rule.port.as_ref().map_or(-1, |p| p.value);
        let to = match (rule.protocol.value, &rule.to_port) {
            (_, Some(p)) => p.value,
            (IpProtocol::Icmp, None) => -1,
            (_, None) => from,
        };
        base.insert("FromPort", json!(from));
        base.insert("ToPort", json!(to));
    }
    match &rule.peer.value {
        Peer::Cidr(v) => {
            let mut r = base;
            r.insert("CidrIp", cx.cfn(v));
            if let Some(d) = &rule.description {
                r.insert("Description", json!(d));
            }
            inline.push(Json::Object(r));
        }
        Peer::Component(peer) => {
            let groups = model.security_groups_of(*peer).unwrap_or_default();
            for (j, sg) in groups.iter().enumerate() {
                let Some(other) = model.security_groups.get(*sg) else {
                    continue;
                };
                let mut r = Map::new();
                r.insert("GroupId", get_att(&g.logical_id, "GroupId"));
                r.extend(base.clone());
                r.insert(
                    if ingress {
                        "SourceSecurityGroupId"
                    } else {
                        "DestinationSecurityGroupId"
                    },
                    get_att(&other.logical_id, "GroupId"),
                );
                let text = rule.description.clone().unwrap_or_else(|| {
                    format!(
                        "{} {}",
                        if ingress { "from" } else { "to" },
                        model.name(*peer)
                    )
                });
                r.insert("Description", json!(text));
                let suffix = if groups.len() > 1 {
                    format!("Group{}", j + 1)
                } else {
                    String::new()
                };
                let (role, ty) = if ingress {
                    ("Ingress", "AWS::EC2::SecurityGroupIngress")
                } else {
                    ("Egress", "AWS::EC2::SecurityGroupEgress")
                };
                cx.add(
                    format!("{}{role}{}{suffix}", g.logical_id, index + 1),
                    Resource::new(ty, Json::Object(r), rule.peer.span),
                );
            }
        }
    }
}

/// `id` of a security group.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::SecurityGroup(sg)) = model.entity(c) else {
        return None;
    };
    match path {
        ["id"] => Some(get_att(
            &model.security_groups.get(sg)?.logical_id,
            "GroupId",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn descriptions_are_cut_to_the_limit_in_characters() {
        let max = crate::limits::MAX_SG_DESCRIPTION;
        for text in [
            "short".to_string(),
            "é".repeat(max),
            "é".repeat(max + 1),
            "a".repeat(max + 7),
        ] {
            let cut = super::description(text.clone());
            assert_eq!(cut, text.chars().take(max).collect::<String>());
        }
    }
}
