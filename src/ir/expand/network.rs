//! `Vpc` → the VPC, its internet gateway, a public and a private subnet per
//! availability zone (ranges split at compile time, zones by `Fn::GetAZs`), route
//! tables, routes and associations, NAT gateways with Elastic IPs. `Vpc.existing`
//! makes nothing.

use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, Lowering, Resource};
use crate::model::{CompRef, Entity, Model, Network, Node, VpcPlan};

/// Expands every new VPC of the model.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for network in &model.networks {
        if let Network::New(plan) = network {
            vpc(cx, model, plan);
        }
    }
}

fn vpc(cx: &mut Lowering<'_, '_>, model: &Model<'_>, plan: &VpcPlan) {
    let Some(Node::Vpc(v)) = model.node(plan.comp) else {
        return;
    };
    let span = model.span(plan.comp);
    let add = |cx: &mut Lowering<'_, '_>, id: &str, ty: &'static str, props: Json| {
        cx.add(id.to_string(), Resource::new(ty, props, span));
    };
    let mut props = Map::new();
    props.insert("CidrBlock", json!(v.cidr.value));
    props.insert("EnableDnsHostnames", json!(true));
    props.insert("EnableDnsSupport", json!(true));
    if let Some(tags) = cx.tags(&v.tags) {
        props.insert("Tags", tags);
    }
    add(cx, &plan.vpc, "AWS::EC2::VPC", Json::Object(props));
    add(
        cx,
        &plan.internet_gateway,
        "AWS::EC2::InternetGateway",
        json!({}),
    );
    add(
        cx,
        &plan.gateway_attachment,
        "AWS::EC2::VPCGatewayAttachment",
        json!({ "VpcId": cfn_ref(&plan.vpc), "InternetGatewayId": cfn_ref(&plan.internet_gateway) }),
    );
    add(
        cx,
        &plan.public_route_table,
        "AWS::EC2::RouteTable",
        json!({ "VpcId": cfn_ref(&plan.vpc) }),
    );
    cx.add(
        plan.public_route.clone(),
        Resource::new(
            "AWS::EC2::Route",
            json!({
                "RouteTableId": cfn_ref(&plan.public_route_table),
                "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": cfn_ref(&plan.internet_gateway),
            }),
            span,
        )
        .depends_on(plan.gateway_attachment.clone()),
    );
    let zone = |z: usize| json!({ "Fn::Select": [z, { "Fn::GetAZs": "" }] });
    for (public, subnets) in [(true, &plan.public), (false, &plan.private)] {
        for s in subnets {
            let mut p = Map::new();
            p.insert("VpcId", cfn_ref(&plan.vpc));
            p.insert("CidrBlock", json!(s.cidr));
            p.insert("AvailabilityZone", zone(s.zone));
            p.insert("MapPublicIpOnLaunch", json!(public));
            add(cx, &s.id, "AWS::EC2::Subnet", Json::Object(p));
            if !public {
                add(
                    cx,
                    &s.route_table,
                    "AWS::EC2::RouteTable",
                    json!({ "VpcId": cfn_ref(&plan.vpc) }),
                );
            }
            add(
                cx,
                &s.association,
                "AWS::EC2::SubnetRouteTableAssociation",
                json!({ "SubnetId": cfn_ref(&s.id), "RouteTableId": cfn_ref(&s.route_table) }),
            );
            if let (Some(route), Some(nat)) = (&s.route, s.nat.and_then(|n| plan.nat.get(n))) {
                add(
                    cx,
                    route,
                    "AWS::EC2::Route",
                    json!({
                        "RouteTableId": cfn_ref(&s.route_table),
                        "DestinationCidrBlock": "0.0.0.0/0",
                        "NatGatewayId": cfn_ref(&nat.id),
                    }),
                );
            }
        }
    }
    for nat in &plan.nat {
        cx.add(
            nat.eip.clone(),
            Resource::new("AWS::EC2::EIP", json!({ "Domain": "vpc" }), span)
                .depends_on(plan.gateway_attachment.clone()),
        );
        let subnet = plan.public.get(nat.subnet).map(|s| cfn_ref(&s.id));
        add(
            cx,
            &nat.id,
            "AWS::EC2::NatGateway",
            json!({
                "AllocationId": get_att(&nat.eip, "AllocationId"),
                "SubnetId": subnet,
            }),
        );
    }
}

/// `id`, `publicSubnetIds` and `privateSubnetIds` of a VPC.
pub fn attribute(cx: &mut Lowering<'_, '_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let Some(Entity::Network(n)) = cx.model.entity(c) else {
        return None;
    };
    let span = cx.model.span(c);
    match path {
        ["id"] => Some(cx.vpc_id(n, span)),
        ["publicSubnetIds"] => Some(cx.subnets(n, true, span)),
        ["privateSubnetIds"] => Some(cx.subnets(n, false, span)),
        _ => None,
    }
}
