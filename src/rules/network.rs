//! Rules of networks: VPC ranges, where tasks run, security groups, one network per
//! service, availability zones of load balancers.

use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::cidr::Cidr;
use crate::model::view::At;
use crate::model::views::{IpProtocol, Peer, RuleView, Scheme};
use crate::model::{Cluster, CompRef, LbKind, LbOrigin, Model, NetId, Network, Node, SgOrigin};
use crate::source::Span;
use std::collections::HashSet;

/// How a network is named in messages.
fn network_name(model: &Model<'_>, n: NetId) -> String {
    match model.networks.get(n) {
        Some(Network::New(plan)) => format!("`{}`", model.name(plan.comp)),
        Some(Network::Existing { comp }) => format!("`{}`", model.name(*comp)),
        _ => "the account's default VPC".to_string(),
    }
}

/// VPC ranges: a valid IPv4 range from /16 to /28, and subnets that fit in it.
pub fn vpc_ranges(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for node in model.nodes.iter().flatten() {
        match node {
            Node::Vpc(v) => {
                let Some(range) = vpc_range(&v.cidr, diags) else {
                    continue;
                };
                let zones = usize::try_from(v.availability_zones.value).unwrap_or(1);
                let count = 2 * zones;
                let (prefix, at) = match &v.subnet_prefix {
                    Some(p) => (u8::try_from(p.value).unwrap_or(u8::MAX), p.span),
                    None => (range.even_prefix(count), v.cidr.span),
                };
                let fits = prefix <= limits::MAX_VPC_PREFIX && range.split(prefix, count).is_some();
                if !fits {
                    let mut d = Diagnostic::new(
                        Code::InvalidCidr,
                        at,
                        format!(
                            "{count} subnets (a public and a private one in each of {zones} availability zones) of /{prefix} do not fit in {}",
                            v.cidr.value
                        ),
                    )
                    .label(if v.subnet_prefix.is_some() {
                        "subnets of this size do not fit".to_string()
                    } else {
                        format!("split into /{prefix} subnets, smaller than /{}", limits::MAX_VPC_PREFIX)
                    });
                    if at != v.cidr.span {
                        d = d.with_label(v.cidr.span, "the VPC's range");
                    }
                    diags.push(d.help(format!(
                        "subnets are /{} to /{} and must all fit in the VPC's range: use a larger range, fewer availability zones, or a larger `subnetPrefix`",
                        limits::MIN_VPC_PREFIX,
                        limits::MAX_VPC_PREFIX
                    )));
                }
            }
            Node::ExistingVpc(v) => {
                if let Some(c) = &v.cidr {
                    vpc_range(c, diags);
                }
                resource_id(&v.id, "vpc-", "VPC", diags);
                for list in [&v.public_subnets, &v.private_subnets] {
                    for s in &list.value {
                        let at = At {
                            value: s.clone(),
                            span: list.span,
                            given: list.given,
                        };
                        resource_id(&at, "subnet-", "subnet", diags);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The VPC range at `cidr`, when it is one (else reports why not).
fn vpc_range(cidr: &At<String>, diags: &mut Vec<Diagnostic>) -> Option<Cidr> {
    let problem = match Cidr::parse(&cidr.value) {
        Err(why) => why,
        Ok(r) if (limits::MIN_VPC_PREFIX..=limits::MAX_VPC_PREFIX).contains(&r.prefix) => {
            return Some(r)
        }
        Ok(r) => format!(
            "a VPC's range is /{} (65,536 addresses) to /{} (16), not /{}",
            limits::MIN_VPC_PREFIX,
            limits::MAX_VPC_PREFIX,
            r.prefix
        ),
    };
    diags.push(
        Diagnostic::new(
            Code::InvalidCidr,
            cidr.span,
            format!("{:?} is not a VPC range", cidr.value),
        )
        .label("not a /16 to /28 IPv4 range")
        .help(format!("{problem}; for example `\"10.0.0.0/16\"`")),
    );
    None
}

/// An id of an existing resource (`vpc-...`, `subnet-...`).
fn resource_id(id: &At<String>, prefix: &str, what: &str, diags: &mut Vec<Diagnostic>) {
    let rest = id.value.strip_prefix(prefix).unwrap_or("");
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_hexdigit()) {
        diags.push(
            Diagnostic::new(
                Code::InvalidName,
                id.span,
                format!("{:?} is not a {what} id", id.value),
            )
            .label(format!("not `{prefix}...`"))
            .help(format!(
                "give the {what}'s id, such as `\"{prefix}0123456789abcdef0\"`"
            )),
        );
    }
}

/// Where tasks run: an existing cluster in a program with its own networks needs its
/// network said; a network needs subnets of the kind the tasks use.
pub fn placement(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let own_networks = model.networks.len() > 1;
    for r in model.services.iter().chain(&model.tasks) {
        let name = model.name(r.comp);
        if let Some(Cluster::Existing {
            comp,
            name: cluster,
        }) = r.cluster.and_then(|c| model.clusters.get(c))
        {
            let by_name = matches!(model.node(*comp), Some(Node::ExistingClusterByName(_)));
            if by_name && own_networks {
                diags.push(
                    Diagnostic::new(
                        Code::NoNetwork,
                        model.span(r.comp),
                        format!("`{name}` runs in the existing cluster `{cluster}`, which has no network"),
                    )
                    .label("its tasks need subnets")
                    .with_label(model.span(*comp), "no `vpc` here")
                    .help(format!(
                        "say where its tasks run: `Cluster.existing {{ nameOrArn: {cluster:?}, vpc: ... }}`; without it they would run in the account's default VPC"
                    )),
                );
            }
        }
        // Bridge and host tasks use their instance's network, not subnets of their own.
        let Some(p) = r.placement.filter(|_| r.awsvpc()) else {
            continue;
        };
        if let Some(Network::Existing { comp }) = model.networks.get(p.network) {
            let Some(Node::ExistingVpc(v)) = model.node(*comp) else {
                continue;
            };
            let (subnets, kind) = if p.public_subnets {
                (&v.public_subnets, "public")
            } else {
                (&v.private_subnets, "private")
            };
            if subnets.value.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::NoNetwork,
                        model.span(r.comp),
                        format!("`{name}` has no subnets to run in: `{}` lists no {kind} subnets", model.name(*comp)),
                    )
                    .label(format!("runs in {kind} subnets"))
                    .with_label(subnets.span, format!("no {kind} subnets"))
                    .help(if p.public_subnets {
                        "list them in `publicSubnets`".to_string()
                    } else {
                        "list them in `privateSubnets`, or give the service `assignPublicIp: true` to run in the public subnets".to_string()
                    }),
                );
            } else if subnets.value.len() > limits::MAX_TASK_SUBNETS {
                diags.push(
                    Diagnostic::new(
                        Code::NoNetwork,
                        subnets.span,
                        format!(
                            "`{name}` would run in {} subnets; a task takes at most {}",
                            subnets.value.len(),
                            limits::MAX_TASK_SUBNETS
                        ),
                    )
                    .label("too many subnets")
                    .help(format!(
                        "list at most {} {kind} subnets",
                        limits::MAX_TASK_SUBNETS
                    )),
                );
            }
        }
    }
}

/// Security groups: rules with valid ports and ranges, at most 5 per service or load
/// balancer, and the range an internal load balancer admits.
pub fn security_groups(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for node in model.nodes.iter().flatten() {
        let Node::SecurityGroup(v) = node else {
            continue;
        };
        for rule in &v.ingress {
            security_rule(&rule.value, diags);
        }
        for rule in v.egress.iter().flatten() {
            security_rule(&rule.value.clone().into(), diags);
        }
        if let Some(d) = &v.description {
            if d.value.chars().count() > limits::MAX_SG_DESCRIPTION {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidName,
                        d.span,
                        "a security group's description is at most 255 characters",
                    )
                    .label("too long")
                    .help("shorten the description"),
                );
            }
        }
    }
    for (i, node) in model.nodes.iter().enumerate() {
        let (given, max) = match node {
            Some(Node::FargateService(v)) => (&v.security_groups, limits::MAX_TASK_SECURITY_GROUPS),
            Some(Node::FargateTaskDefinition(v)) => {
                (&v.security_groups, limits::MAX_TASK_SECURITY_GROUPS)
            }
            Some(Node::ApplicationLoadBalancer(v)) => {
                (&v.security_groups, limits::MAX_LB_SECURITY_GROUPS)
            }
            Some(Node::NetworkLoadBalancer(v)) => {
                (&v.security_groups, limits::MAX_LB_SECURITY_GROUPS)
            }
            Some(Node::Ec2Service(v)) => (&v.security_groups, limits::MAX_TASK_SECURITY_GROUPS),
            Some(Node::Ec2TaskDefinition(v)) => {
                (&v.security_groups, limits::MAX_TASK_SECURITY_GROUPS)
            }
            Some(Node::AutoScalingGroup(v)) => {
                (&v.security_groups, limits::MAX_INSTANCE_SECURITY_GROUPS)
            }
            _ => continue,
        };
        let Some(list) = given else { continue };
        let n = list.value.len();
        let name = model.name(CompRef(i));
        if n == 0 || n > max {
            diags.push(
                Diagnostic::new(
                    Code::SecurityGroupCount,
                    list.span,
                    if n == 0 {
                        format!("`{name}` is given no security groups")
                    } else {
                        format!("`{name}` has {n} security groups; AWS allows at most {max}")
                    },
                )
                .label(if n == 0 { "empty" } else { "too many" })
                .help(if n == 0 {
                    "leave `securityGroups` out to get the default group, or list at least one"
                        .to_string()
                } else {
                    format!("combine the rules into at most {max} groups")
                }),
            );
        }
    }
    for lb in &model.load_balancers {
        if lb.default_sg.is_none() || lb.scheme != Scheme::Internal {
            continue;
        }
        let Some(Network::Existing { comp }) = lb.network.and_then(|n| model.networks.get(n))
        else {
            continue;
        };
        if let Some(Node::ExistingVpc(v)) = model.node(*comp) {
            if v.cidr.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::MissingVpcCidr,
                        lb.span,
                        format!(
                            "the internal load balancer of `{}` admits the VPC's range, which `{}` does not give",
                            lb_name(model, lb.origin),
                            model.name(*comp)
                        ),
                    )
                    .label("internal load balancer")
                    .with_label(model.span(*comp), "no `cidr` here")
                    .help("add the VPC's range to `Vpc.existing` (`cidr: \"10.0.0.0/16\"`), or give the load balancer `securityGroups`"),
                );
            }
        }
    }
}

fn lb_name<'a>(model: &'a Model<'_>, origin: LbOrigin) -> &'a str {
    match origin {
        LbOrigin::Explicit(c) | LbOrigin::Listener(c) => model.name(c),
    }
}

fn security_rule(rule: &RuleView, diags: &mut Vec<Diagnostic>) {
    let proto = rule.protocol.value;
    match (proto, &rule.port, &rule.to_port) {
        (IpProtocol::All, Some(p), _) | (IpProtocol::All, None, Some(p)) => diags.push(
            Diagnostic::new(
                Code::InvalidSecurityGroupRule,
                p.span,
                "a rule for every protocol covers every port",
            )
            .label("a port with protocol \"all\"")
            .help("remove the port, or give the protocol (\"tcp\" or \"udp\")"),
        ),
        (IpProtocol::Tcp | IpProtocol::Udp, None, _) => diags.push(
            Diagnostic::new(
                Code::InvalidSecurityGroupRule,
                rule.protocol.span,
                format!("a {} rule needs a port", proto.as_str()),
            )
            .label("no `port`")
            .help("add `port: 443` (or `port` and `toPort` for a range), or `protocol: \"all\"`"),
        ),
        (_, Some(from), Some(to)) if to.value < from.value => diags.push(
            Diagnostic::new(
                Code::InvalidSecurityGroupRule,
                to.span,
                format!(
                    "the range ends at {} before it starts at {}",
                    to.value, from.value
                ),
            )
            .label("below `port`")
            .with_label(from.span, "the first port")
            .help("`toPort` is the last port of the range; give it at least `port`"),
        ),
        _ => {}
    }
    if proto == IpProtocol::Icmp {
        for p in [&rule.port, &rule.to_port].into_iter().flatten() {
            if p.value > limits::MAX_ICMP {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidSecurityGroupRule,
                        p.span,
                        format!("ICMP has types and codes 0 to 255, not {}", p.value),
                    )
                    .label("not an ICMP type or code")
                    .help("for ICMP, `port` is the type (8: echo request) and `toPort` the code; leave them out for every type"),
                );
            }
        }
    }
    if let Some(d) = &rule.description {
        let bad = d.chars().count() > limits::MAX_SG_DESCRIPTION
            || !d.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || c == ' '
                    || limits::SG_RULE_DESCRIPTION_PUNCTUATION.contains(c)
            });
        if bad {
            diags.push(
                Diagnostic::new(
                    Code::InvalidSecurityGroupRule,
                    rule.peer.span,
                    format!("the rule's description {d:?} is not one EC2 takes"),
                )
                .label("the rule")
                .help(format!(
                    "rule descriptions are at most 255 letters, digits, spaces and `{}`",
                    limits::SG_RULE_DESCRIPTION_PUNCTUATION
                )),
            );
        }
    }
    if let Peer::Cidr(v) = &rule.peer.value {
        if let Some(text) = v.as_str() {
            if let Err(why) = Cidr::parse(text) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidCidr,
                        rule.peer.span,
                        format!("{text:?} is not an IPv4 range"),
                    )
                    .label("not a CIDR range")
                    .help(format!("{why}; `\"0.0.0.0/0\"` is everywhere")),
                );
            }
        }
    }
}

/// A service and its load balancers, target groups and security groups in one
/// network; a security group and the groups its rules name, too.
pub fn same_network(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let mut reported: HashSet<(Span, Span)> = HashSet::new();
    let mut mismatch = |diags: &mut Vec<Diagnostic>, a: Side<'_>, b: Side<'_>| {
        if a.2 == b.2 || !reported.insert((a.0, b.0)) {
            return;
        }
        diags.push(
            Diagnostic::new(
                Code::NetworkMismatch,
                a.0,
                format!("{} and {} are in different networks", a.1(), b.1()),
            )
            .label(format!("in {}", network_name(model, a.2)))
            .with_label(b.0, format!("in {}", network_name(model, b.2)))
            .help("put them in one network: give the cluster, load balancer, target group or security group the same `vpc`"),
        );
    };
    for (s, r) in model.services.iter().enumerate() {
        let Some(p) = r.placement else { continue };
        let name = || format!("`{}`", model.name(r.comp));
        let me: Side<'_> = (model.span(r.comp), &name, p.network);
        for a in model.service_attachments(s) {
            let Some(tg) = model.target_groups.get(a.tg) else {
                continue;
            };
            if let Some(n) = tg.network {
                let tg_name = || format!("its target group `{}`", tg.logical_id);
                mismatch(diags, me, (tg.span, &tg_name, n));
            }
            let lbs = tg
                .listeners
                .iter()
                .copied()
                .chain(
                    tg.routes
                        .iter()
                        .filter_map(|r| model.routes.get(*r).map(|r| r.listener)),
                )
                .filter_map(|l| model.listeners.get(l).and_then(|l| l.lb));
            for lb in lbs {
                let Some(b) = model.load_balancers.get(lb) else {
                    continue;
                };
                if let Some(n) = b.network {
                    let lb_text = || format!("its load balancer `{}`", lb_name(model, b.origin));
                    mismatch(diags, me, (b.span, &lb_text, n));
                }
            }
        }
    }
    for r in model.services.iter().chain(&model.tasks) {
        let Some(p) = r.placement else { continue };
        let name = || format!("`{}`", model.name(r.comp));
        let me: Side<'_> = (model.span(r.comp), &name, p.network);
        for sg in &r.security_groups {
            sg_mismatch(model, me, *sg, &mut mismatch, diags);
        }
    }
    for b in &model.load_balancers {
        let Some(n) = b.network else { continue };
        let name = || format!("the load balancer `{}`", lb_name(model, b.origin));
        let me: Side<'_> = (b.span, &name, n);
        for sg in &b.security_groups {
            sg_mismatch(model, me, *sg, &mut mismatch, diags);
        }
    }
    for (i, g) in model.security_groups.iter().enumerate() {
        let (SgOrigin::Explicit(c), Some(n)) = (g.origin, g.network) else {
            continue;
        };
        let Some(Node::SecurityGroup(v)) = model.node(c) else {
            continue;
        };
        let name = || format!("the security group `{}`", model.name(c));
        let me: Side<'_> = (g.span, &name, n);
        let peers = v
            .ingress
            .iter()
            .map(|r| &r.value.peer)
            .chain(v.egress.iter().flatten().map(|r| &r.value.peer));
        for peer in peers {
            let Peer::Component(p) = peer.value else {
                continue;
            };
            for sg in model.security_groups_of(p).unwrap_or_default() {
                if sg == i {
                    continue;
                }
                if let Some(other) = model.security_groups.get(sg).and_then(|g| g.network) {
                    let peer_name = || format!("`{}`", model.name(p));
                    mismatch(diags, me, (peer.span, &peer_name, other));
                }
            }
        }
    }
}

/// One side of a network mismatch: where, its name in the message (made only when a
/// mismatch is reported), its network.
type Side<'n> = (Span, &'n dyn Fn() -> String, NetId);

fn sg_mismatch(
    model: &Model<'_>,
    me: Side<'_>,
    sg: usize,
    mismatch: &mut impl FnMut(&mut Vec<Diagnostic>, Side<'_>, Side<'_>),
    diags: &mut Vec<Diagnostic>,
) {
    let Some(g) = model.security_groups.get(sg) else {
        return;
    };
    let (SgOrigin::Explicit(c), Some(n)) = (g.origin, g.network) else {
        return;
    };
    let name = || format!("its security group `{}`", model.name(c));
    mismatch(diags, me, (g.span, &name, n));
}

/// An Application Load Balancer spans at least two availability zones; every load
/// balancer needs subnets of its scheme's kind.
pub fn zones(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for b in &model.load_balancers {
        let Some(n) = b.network else { continue };
        let public = b.scheme == Scheme::InternetFacing;
        let kind = if public { "public" } else { "private" };
        let (count, at) = match model.networks.get(n) {
            Some(Network::New(plan)) => match model.node(plan.comp) {
                Some(Node::Vpc(v)) => (
                    usize::try_from(v.availability_zones.value).unwrap_or(0),
                    v.availability_zones.span,
                ),
                _ => continue,
            },
            Some(Network::Existing { comp }) => match model.node(*comp) {
                Some(Node::ExistingVpc(v)) => {
                    let list = if public {
                        &v.public_subnets
                    } else {
                        &v.private_subnets
                    };
                    (list.value.len(), list.span)
                }
                _ => continue,
            },
            _ => continue,
        };
        let min = match b.kind {
            LbKind::Application => limits::MIN_ALB_ZONES,
            LbKind::Network => 1,
        };
        if count < min {
            let what = match b.kind {
                LbKind::Application => {
                    "an Application Load Balancer needs subnets in at least two availability zones"
                }
                LbKind::Network => "a Network Load Balancer needs at least one subnet",
            };
            diags.push(
                Diagnostic::new(
                    Code::TooFewZones,
                    b.span,
                    format!(
                        "the load balancer of `{}` would have {count} {kind} subnet{}; {what}",
                        lb_name(model, b.origin),
                        if count == 1 { "" } else { "s" }
                    ),
                )
                .label(format!(
                    "{} load balancer",
                    if public {
                        "internet-facing"
                    } else {
                        "internal"
                    }
                ))
                .with_label(at, format!("{count} here"))
                .help(match model.networks.get(n) {
                    Some(Network::New(_)) => {
                        "give the VPC `availabilityZones: 2` or more".to_string()
                    }
                    _ => format!("list {kind} subnets in at least {min} availability zones"),
                }),
            );
        }
    }
}
