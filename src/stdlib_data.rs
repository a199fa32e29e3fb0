//! The standard library as `stdlib::build` makes it from `stdlib/*.ecsx`, written by
//! `stdlib::codegen` (do not edit: `ECSXC_UPDATE_STDLIB=1 cargo test --test stdlib_data`
//! rewrites it). Used only while `STDLIB_HASH` matches the files.

#![allow(clippy::all)]

use super::{FieldDef, Kind, Library, StaticDef, StaticSig, TypeDef};
use crate::check::types::Ty;
use crate::source::{SourceId, Span};
use crate::syntax::ast::{Expr, ExprKind, StrPart};

/// `stdlib_hash()` of the files this was written from.
pub const STDLIB_HASH: u64 = 0x7fceda7c00f0fa03;

fn sp(source: u32, start: usize, end: usize) -> Span {
    Span::new(SourceId(source), start, end)
}

/// The library.
pub fn library() -> Library {
    let mut lib = Library::default();
    lib.types.insert("ApplicationListener".into(), TypeDef {
        name: "ApplicationListener".into(),
        kind: Kind::Component,
        doc: Some("A listener of an Application Load Balancer. Without `loadBalancer` it gets a load\nbalancer of its own. A container that lists it in `portMappings` gets a target group\nthat the listener forwards to; or give the listener a `targetGroup`, a `redirect`\nor a `fixedResponse`, and `rules` for paths and hosts.".into()),
        fields: vec![
            FieldDef { name: "loadBalancer".into(), ty: Ty::Optional(Box::new(Ty::Named("ApplicationLoadBalancer".into()))), default: None, out: false, constant: false, doc: Some("The load balancer to listen on; one of its own when not given.".into()), span: sp(2, 2680, 2718) },
            FieldDef { name: "port".into(), ty: Ty::Int(Some(1), Some(65535)), default: Some(Expr { kind: ExprKind::Int(80), span: sp(2, 2790, 2792) }), out: false, constant: true, doc: Some("The port clients connect to.".into()), span: sp(2, 2760, 2792) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("HTTP".into()), Ty::Lit("HTTPS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("HTTP".into())]), span: sp(2, 2875, 2881) }), out: false, constant: true, doc: Some("HTTP, or HTTPS with a certificate.".into()), span: sp(2, 2840, 2881) },
            FieldDef { name: "certificateArn".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: false, doc: Some("The ACM certificate; required when protocol is \"HTTPS\", not allowed otherwise.".into()), span: sp(2, 2973, 2996) },
            FieldDef { name: "sslPolicy".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The TLS security policy of an HTTPS listener. When not given:\n`ELBSecurityPolicy-TLS13-1-2-2021-06` on a shared load balancer; a listener with\na load balancer of its own keeps AWS's default, as it did before ecsxc 0.2.".into()), span: sp(2, 3244, 3268) },
            FieldDef { name: "targetGroup".into(), ty: Ty::Optional(Box::new(Ty::Named("ApplicationTargetGroup".into()))), default: None, out: false, constant: false, doc: Some("Where requests that match no rule go.".into()), span: sp(2, 3319, 3355) },
            FieldDef { name: "redirect".into(), ty: Ty::Optional(Box::new(Ty::Named("Redirect".into()))), default: None, out: false, constant: true, doc: Some("Redirect requests that match no rule (for example HTTP to HTTPS).".into()), span: sp(2, 3434, 3459) },
            FieldDef { name: "fixedResponse".into(), ty: Ty::Optional(Box::new(Ty::Named("FixedResponse".into()))), default: None, out: false, constant: true, doc: Some("Answer requests that match no rule with a fixed response.".into()), span: sp(2, 3530, 3565) },
            FieldDef { name: "rules".into(), ty: Ty::List(Box::new(Ty::Named("Route".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(2, 3696, 3698) }), out: false, constant: false, doc: Some("Rules checked before the default, by priority: paths and hosts to target groups\nor services.".into()), span: sp(2, 3679, 3698) },
            FieldDef { name: "targetPort".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(65535)))), default: None, out: false, constant: true, doc: Some("The container port traffic goes to, for a container that lists the listener;\nthe listener's port when not given.".into()), span: sp(2, 3832, 3866) },
            FieldDef { name: "scheme".into(), ty: Ty::Union(vec![Ty::Lit("internet-facing".into()), Ty::Lit("internal".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("internet-facing".into())]), span: sp(2, 4077, 4094) }), out: false, constant: true, doc: Some("Reachable from the internet, or only inside the VPC (a listener with a load\nbalancer of its own; a shared load balancer has its own `scheme`).".into()), span: sp(2, 4030, 4094) },
            FieldDef { name: "healthCheckPath".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("/".into())]), span: sp(2, 4201, 4204) }), out: false, constant: false, doc: Some("The path the health check of the container's target group requests.".into()), span: sp(2, 4175, 4204) },
            FieldDef { name: "healthCheckInterval".into(), ty: Ty::Duration(Some(6000), Some(300000)), default: Some(Expr { kind: ExprKind::Duration(30000), span: sp(2, 4400, 4403) }), out: false, constant: true, doc: Some("Time between health checks of the container's target group (ELB takes 5s to\n5m, and more than the check's 5-second timeout).".into()), span: sp(2, 4350, 4403) },
            FieldDef { name: "endpoint".into(), ty: Ty::Named("Endpoint".into()), default: None, out: true, constant: false, doc: Some("Where clients reach it.".into()), span: sp(2, 4441, 4463) }
        ],
        statics: vec![],
        span: sp(2, 2583, 2602),
    });
    lib.types.insert("ApplicationLoadBalancer".into(), TypeDef {
        name: "ApplicationLoadBalancer".into(),
        kind: Kind::Component,
        doc: Some("An Application Load Balancer (HTTP and HTTPS) that several listeners share.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network; when not given, the network of the services behind it (the\naccount's default VPC when there are none).".into()), span: sp(2, 467, 476) },
            FieldDef { name: "scheme".into(), ty: Ty::Union(vec![Ty::Lit("internet-facing".into()), Ty::Lit("internal".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("internet-facing".into())]), span: sp(2, 632, 649) }), out: false, constant: true, doc: Some("Reachable from the internet (public subnets), or only inside the VPC (private\nsubnets).".into()), span: sp(2, 585, 649) },
            FieldDef { name: "idleTimeout".into(), ty: Ty::Duration(Some(1000), Some(4000000)), default: Some(Expr { kind: ExprKind::Duration(60000), span: sp(2, 777, 780) }), out: false, constant: true, doc: Some("How long a connection may stay idle before the load balancer closes it.".into()), span: sp(2, 734, 780) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups replacing the default one, which admits the listeners' ports\nfrom anywhere, or from the VPC's range for an internal load balancer.".into()), span: sp(2, 948, 980) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 1059, 1061) }), out: false, constant: false, doc: Some("Tags for the load balancer (at most 50).".into()), span: sp(2, 1034, 1061) },
            FieldDef { name: "dnsName".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The load balancer's DNS name (`Fn::GetAtt DNSName`).".into()), span: sp(2, 1128, 1147) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The load balancer's ARN (`Ref`).".into()), span: sp(2, 1193, 1208) }
        ],
        statics: vec![],
        span: sp(2, 305, 328),
    });
    lib.types.insert("ApplicationTargetGroup".into(), TypeDef {
        name: "ApplicationTargetGroup".into(),
        kind: Kind::Component,
        doc: Some("Where an Application Load Balancer sends requests: tasks registered by the services\nwhose containers list it in `portMappings`.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network; when not given, the network of the services that use it.".into()), span: sp(2, 6056, 6065) },
            FieldDef { name: "port".into(), ty: Ty::Int(Some(1), Some(65535)), default: None, out: false, constant: true, doc: Some("The port the targets (containers) receive traffic on.".into()), span: sp(2, 6132, 6159) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("HTTP".into()), Ty::Lit("HTTPS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("HTTP".into())]), span: sp(2, 6255, 6261) }), out: false, constant: true, doc: Some("The protocol between load balancer and targets.".into()), span: sp(2, 6220, 6261) },
            FieldDef { name: "targetType".into(), ty: Ty::Optional(Box::new(Ty::Union(vec![Ty::Lit("ip".into()), Ty::Lit("instance".into())]))), default: None, out: false, constant: true, doc: Some("`ip` for Fargate and awsvpc tasks (chosen when not given); `instance` for EC2\ntasks in bridge or host mode.".into()), span: sp(2, 6390, 6428) },
            FieldDef { name: "healthCheck".into(), ty: Ty::Named("HealthCheck".into()), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 6523, 6525) }), out: false, constant: false, doc: Some("How the load balancer checks that a target is healthy.".into()), span: sp(2, 6496, 6525) },
            FieldDef { name: "deregistrationDelay".into(), ty: Ty::Duration(Some(0), Some(3600000)), default: Some(Expr { kind: ExprKind::Duration(300000), span: sp(2, 6646, 6650) }), out: false, constant: true, doc: Some("How long a target being removed may finish its requests.".into()), span: sp(2, 6595, 6650) },
            FieldDef { name: "stickiness".into(), ty: Ty::Optional(Box::new(Ty::Named("Stickiness".into()))), default: None, out: false, constant: true, doc: Some("Send each client's requests to the same target.".into()), span: sp(2, 6711, 6740) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 6818, 6820) }), out: false, constant: false, doc: Some("Tags for the target group (at most 50).".into()), span: sp(2, 6793, 6820) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The target group's ARN (`Ref`).".into()), span: sp(2, 6866, 6881) }
        ],
        statics: vec![],
        span: sp(2, 5949, 5971),
    });
    lib.types.insert("AutoScalingGroup".into(), TypeDef {
        name: "AutoScalingGroup".into(),
        kind: Kind::Component,
        doc: Some("EC2 instances that join a cluster: a launch template with the ECS-optimized Amazon\nLinux 2023 image (ARM for Graviton instance types), IMDSv2 required, an instance\nrole, a security group, the Auto Scaling group in the cluster's private subnets (the\ndefault VPC's subnets without a network), and an ECS capacity provider with managed\nscaling, associated with the cluster.".into()),
        fields: vec![
            FieldDef { name: "cluster".into(), ty: Ty::Named("Cluster".into()), default: None, out: false, constant: false, doc: Some("The cluster the instances join; one the stack creates.".into()), span: sp(4, 571, 587) },
            FieldDef { name: "instanceType".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The EC2 instance type (`\"t3.medium\"`, `\"m7g.large\"` for Graviton/ARM).".into()), span: sp(4, 671, 697) },
            FieldDef { name: "minSize".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: Some(Expr { kind: ExprKind::Int(1), span: sp(4, 770, 771) }), out: false, constant: true, doc: Some("The fewest instances.".into()), span: sp(4, 732, 771) },
            FieldDef { name: "maxSize".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: Some(Expr { kind: ExprKind::Int(10), span: sp(4, 868, 870) }), out: false, constant: true, doc: Some("The most instances managed scaling may start.".into()), span: sp(4, 830, 870) },
            FieldDef { name: "desiredCapacity".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Instances to start with; managed scaling decides when not given.".into()), span: sp(4, 948, 992) },
            FieldDef { name: "targetCapacity".into(), ty: Ty::Int(Some(1), Some(100)), default: Some(Expr { kind: ExprKind::Int(100), span: sp(4, 1119, 1122) }), out: false, constant: true, doc: Some("How full managed scaling keeps the instances, in percent of their capacity.".into()), span: sp(4, 1081, 1122) },
            FieldDef { name: "managedTerminationProtection".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(4, 1247, 1251) }), out: false, constant: true, doc: Some("Instances running tasks are not terminated when the group scales in.".into()), span: sp(4, 1204, 1251) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups for the instances, replacing the default one (which admits the\nload balancers of bridge and host mode services on the cluster).".into()), span: sp(4, 1416, 1448) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(4, 1550, 1552) }), out: false, constant: false, doc: Some("Tags for the Auto Scaling group and its instances (at most 50).".into()), span: sp(4, 1525, 1552) },
            FieldDef { name: "name".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The Auto Scaling group's name (`Ref`).".into()), span: sp(4, 1605, 1621) },
            FieldDef { name: "capacityProvider".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The capacity provider's name (`Ref`).".into()), span: sp(4, 1672, 1700) }
        ],
        statics: vec![],
        span: sp(4, 485, 501),
    });
    lib.types.insert("Autoscaling".into(), TypeDef {
        name: "Autoscaling".into(),
        kind: Kind::Record,
        doc: Some("Service autoscaling: Application Auto Scaling keeps the desired count between `min`\nand `max`, with a target-tracking policy per target given and scheduled changes of\nthe bounds.".into()),
        fields: vec![
            FieldDef { name: "min".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: None, out: false, constant: true, doc: Some("The fewest tasks autoscaling keeps.".into()), span: sp(1, 7002, 7033) },
            FieldDef { name: "max".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: None, out: false, constant: true, doc: Some("The most tasks autoscaling starts; at least `min`.".into()), span: sp(1, 7097, 7128) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(100)))), default: None, out: false, constant: true, doc: Some("Keep the service's average CPU utilization near this percentage.".into()), span: sp(1, 7206, 7231) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(100)))), default: None, out: false, constant: true, doc: Some("Keep the service's average memory utilization near this percentage.".into()), span: sp(1, 7312, 7340) },
            FieldDef { name: "requestsPerTarget".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Keep the requests per minute each task gets from its Application Load Balancer\nnear this number (the target group's `ALBRequestCountPerTarget`).".into()), span: sp(1, 7506, 7552) },
            FieldDef { name: "scaleInCooldown".into(), ty: Ty::Duration(Some(0), Some(2147483647000)), default: Some(Expr { kind: ExprKind::Duration(300000), span: sp(1, 7666, 7670) }), out: false, constant: true, doc: Some("Time after a scale-in before the next scale-in.".into()), span: sp(1, 7613, 7670) },
            FieldDef { name: "scaleOutCooldown".into(), ty: Ty::Duration(Some(0), Some(2147483647000)), default: Some(Expr { kind: ExprKind::Duration(300000), span: sp(1, 7787, 7791) }), out: false, constant: true, doc: Some("Time after a scale-out before the next scale-out.".into()), span: sp(1, 7733, 7791) },
            FieldDef { name: "schedules".into(), ty: Ty::List(Box::new(Ty::Named("ScalingSchedule".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 7896, 7898) }), out: false, constant: true, doc: Some("New bounds at set times, such as fewer tasks at night.".into()), span: sp(1, 7859, 7898) }
        ],
        statics: vec![],
        span: sp(1, 6940, 6951),
    });
    lib.types.insert("AwsLogs".into(), TypeDef {
        name: "AwsLogs".into(),
        kind: Kind::Record,
        doc: Some("CloudWatch Logs in a log group of the container's own.".into()),
        fields: vec![
            FieldDef { name: "retention".into(), ty: Ty::Duration(None, None), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(1, 16336, 16338) }), out: false, constant: true, doc: Some("How long the log group keeps logs (CloudWatch Logs retention).".into()), span: sp(1, 16308, 16338) },
            FieldDef { name: "streamPrefix".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The prefix of the container's log streams; the container's name when not given.".into()), span: sp(1, 16431, 16458) }
        ],
        statics: vec![],
        span: sp(1, 16223, 16230),
    });
    lib.types.insert("CapacityProviderItem".into(), TypeDef {
        name: "CapacityProviderItem".into(),
        kind: Kind::Record,
        doc: Some("A capacity provider of a service's strategy, with its share.".into()),
        fields: vec![
            FieldDef { name: "provider".into(), ty: Ty::Union(vec![Ty::Named("AutoScalingGroup".into()), Ty::Lit("FARGATE".into()), Ty::Lit("FARGATE_SPOT".into())]), default: None, out: false, constant: false, doc: Some("An `AutoScalingGroup` of the service's cluster, `\"FARGATE\"` or `\"FARGATE_SPOT\"`.".into()), span: sp(4, 10073, 10128) },
            FieldDef { name: "weight".into(), ty: Ty::Int(Some(0), Some(1000)), default: Some(Expr { kind: ExprKind::Int(1), span: sp(4, 10239, 10240) }), out: false, constant: true, doc: Some("The relative share of tasks placed on this provider, after `base`.".into()), span: sp(4, 10208, 10240) },
            FieldDef { name: "base".into(), ty: Ty::Int(Some(0), Some(100000)), default: Some(Expr { kind: ExprKind::Int(0), span: sp(4, 10321, 10322) }), out: false, constant: true, doc: Some("Tasks placed on this provider first.".into()), span: sp(4, 10290, 10322) }
        ],
        statics: vec![],
        span: sp(4, 9957, 9977),
    });
    lib.types.insert("CircuitBreakerThreshold".into(), TypeDef {
        name: "CircuitBreakerThreshold".into(),
        kind: Kind::Record,
        doc: Some("The failure threshold of a deployment circuit breaker.".into()),
        fields: vec![
            FieldDef { name: "type".into(), ty: Ty::Union(vec![Ty::Lit("COUNT".into()), Ty::Lit("BOUNDED_PERCENT".into()), Ty::Lit("UNBOUNDED_PERCENT".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("COUNT".into())]), span: sp(1, 6617, 6624) }), out: false, constant: true, doc: Some("`\"COUNT\"`: `value` failed tasks; `\"BOUNDED_PERCENT\"`: `value` percent of the\ndesired count, at least 3 and at most 200 tasks; `\"UNBOUNDED_PERCENT\"`: `value`\npercent of the desired count, without bounds.".into()), span: sp(1, 6553, 6624) },
            FieldDef { name: "value".into(), ty: Ty::Int(Some(1), Some(2147483647)), default: None, out: false, constant: true, doc: Some("The number of failed tasks, or the percentage of the desired count.".into()), span: sp(1, 6705, 6738) }
        ],
        statics: vec![],
        span: sp(1, 6296, 6319),
    });
    lib.types.insert("Cluster".into(), TypeDef {
        name: "Cluster".into(),
        kind: Kind::Component,
        doc: Some("An ECS cluster. Services without a `cluster` share one default cluster,\n`DefaultCluster`, in the account's default VPC.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network the cluster's services and tasks run in; the account's default VPC\nwhen not given.".into()), span: sp(1, 483, 492) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 599, 601) }), out: false, constant: false, doc: Some("Tags for the cluster, such as `{ Name: \"my-cluster\" }` (at most 50).".into()), span: sp(1, 574, 601) },
            FieldDef { name: "containerInsights".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(1, 708, 713) }), out: false, constant: false, doc: Some("CloudWatch Container Insights for the cluster's tasks and services.".into()), span: sp(1, 682, 713) },
            FieldDef { name: "name".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The cluster's name (`Ref`).".into()), span: sp(1, 1104, 1120) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The cluster's ARN (`Fn::GetAtt Arn`).".into()), span: sp(1, 1171, 1186) }
        ],
        statics: vec![StaticDef { name: "existing".into(), sig: StaticSig::Positional(vec![("nameOrArn".into(), Ty::String)]), doc: Some("Use a cluster that already exists, by name or ARN; nothing is created. Its\ntasks run in the account's default VPC.".into()), span: sp(1, 850, 884) }, StaticDef { name: "existing".into(), sig: StaticSig::Record("ExistingCluster".into()), doc: Some("Use a cluster that already exists, with the network its tasks run in:\n`Cluster.existing { nameOrArn: \"prod\", vpc: network }`.".into()), span: sp(1, 1031, 1062) }],
        span: sp(1, 358, 365),
    });
    lib.types.insert("Container".into(), TypeDef {
        name: "Container".into(),
        kind: Kind::Record,
        doc: Some("A container of a task.".into()),
        fields: vec![
            FieldDef { name: "image".into(), ty: Ty::Union(vec![Ty::String, Ty::Named("Image".into())]), default: None, out: false, constant: false, doc: Some("An image name (`\"nginx\"`, any registry's reference) or an image built by ecsxc.".into()), span: sp(1, 11979, 12000) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(6), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Hard memory limit; the container is stopped above it.".into()), span: sp(1, 12067, 12111) },
            FieldDef { name: "memoryReservation".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(6), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Soft memory limit reserved for the container.".into()), span: sp(1, 12170, 12225) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("CPU units reserved for the container.".into()), span: sp(1, 12276, 12308) },
            FieldDef { name: "portMappings".into(), ty: Ty::List(Box::new(Ty::Union(vec![Ty::Named("PortMapping".into()), Ty::Named("ApplicationListener".into()), Ty::Named("NetworkListener".into()), Ty::Named("ApplicationTargetGroup".into()), Ty::Named("NetworkTargetGroup".into())]))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 12557, 12559) }), out: false, constant: true, doc: Some("Ports to open: a listener (traffic from its load balancer), a target group (its\nport), or a port mapping.".into()), span: sp(1, 12435, 12559) },
            FieldDef { name: "environment".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 12627, 12629) }), out: false, constant: false, doc: Some("Environment variables.".into()), span: sp(1, 12595, 12629) },
            FieldDef { name: "secrets".into(), ty: Ty::Map(Box::new(Ty::Named("Secret".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 12879, 12881) }), out: false, constant: false, doc: Some("Environment variables read from SSM Parameter Store or Secrets Manager when the\ncontainer starts: `{ DB_PASSWORD: Secret.ssm(\"/prod/db/password\") }`. The\nexecution role may read exactly these.".into()), span: sp(1, 12851, 12881) },
            FieldDef { name: "command".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::String)))), default: None, out: false, constant: false, doc: Some("The command to run instead of the image's default.".into()), span: sp(1, 12945, 12963) },
            FieldDef { name: "essential".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(1, 13077, 13081) }), out: false, constant: true, doc: Some("The task stops when an essential container stops; a task needs at least one.".into()), span: sp(1, 13053, 13081) },
            FieldDef { name: "entryPoint".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::String)))), default: None, out: false, constant: false, doc: Some("The executable to run instead of the image's `ENTRYPOINT`.".into()), span: sp(1, 13153, 13174) },
            FieldDef { name: "workingDirectory".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The directory the command runs in, instead of the image's `WORKDIR`.".into()), span: sp(1, 13256, 13287) },
            FieldDef { name: "user".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The user the command runs as (`name`, `uid`, `name:group`, `uid:gid`, ...),\ninstead of the image's `USER`.".into()), span: sp(1, 13415, 13434) },
            FieldDef { name: "readonlyRootFilesystem".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Mount the container's root file system read-only.".into()), span: sp(1, 13497, 13532) },
            FieldDef { name: "stopTimeout".into(), ty: Ty::Optional(Box::new(Ty::Duration(Some(0), Some(2147483647000)))), default: None, out: false, constant: true, doc: Some("How long ECS waits after `SIGTERM` before it kills the container (at most 120\nseconds on Fargate); 30 seconds when not given.".into()), span: sp(1, 13679, 13726) },
            FieldDef { name: "healthCheck".into(), ty: Ty::Optional(Box::new(Ty::Named("ContainerHealthCheck".into()))), default: None, out: false, constant: true, doc: Some("A command Docker runs in the container to tell whether it is healthy; the task\nis replaced when an essential container is unhealthy.".into()), span: sp(1, 13880, 13920) },
            FieldDef { name: "dependsOn".into(), ty: Ty::Map(Box::new(Ty::Union(vec![Ty::Lit("START".into()), Ty::Lit("COMPLETE".into()), Ty::Lit("SUCCESS".into()), Ty::Lit("HEALTHY".into())]))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 14243, 14245) }), out: false, constant: true, doc: Some("Containers of the task that must reach a state before this one starts:\n`{ db: \"HEALTHY\", migrate: \"SUCCESS\" }`. `START`: started; `COMPLETE`: exited;\n`SUCCESS`: exited with status 0; `HEALTHY`: passed its `healthCheck`.".into()), span: sp(1, 14169, 14245) },
            FieldDef { name: "ulimits".into(), ty: Ty::List(Box::new(Ty::Named("Ulimit".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 14350, 14352) }), out: false, constant: true, doc: Some("Resource limits of the container's processes, such as open files.".into()), span: sp(1, 14324, 14352) },
            FieldDef { name: "linuxParameters".into(), ty: Ty::Optional(Box::new(Ty::Named("LinuxParameters".into()))), default: None, out: false, constant: true, doc: Some("Linux settings of the container.".into()), span: sp(1, 14398, 14437) },
            FieldDef { name: "logging".into(), ty: Ty::Optional(Box::new(Ty::Named("Logging".into()))), default: None, out: false, constant: true, doc: Some("Where the container's output goes; the task's log group (`awslogs`, kept for the\ntask's `logRetention`) when not given. `Logging.awslogs { retention: 30d }`: a log\ngroup of its own; `Logging.existing(\"name\")`: a log group that exists;\n`Logging.none()`: nowhere; `Logging.firelens { ... }`: through the task's FireLens\ncontainer; `Logging.driver { name: \"splunk\", ... }`: another Docker log driver.".into()), span: sp(1, 14880, 14903) },
            FieldDef { name: "firelensConfiguration".into(), ty: Ty::Optional(Box::new(Ty::Named("FirelensConfiguration".into()))), default: None, out: false, constant: true, doc: Some("Make this container the task's FireLens log router (Fluent Bit or Fluentd): it\nreceives the output of the task's containers with `Logging.firelens`.".into()), span: sp(1, 15073, 15124) },
            FieldDef { name: "mountPoints".into(), ty: Ty::List(Box::new(Ty::Named("MountPoint".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 15290, 15292) }), out: false, constant: true, doc: Some("Volumes of the task the container mounts, by the volume's name:\n`[{ volume: \"data\", path: \"/var/lib/data\" }]`.".into()), span: sp(1, 15256, 15292) }
        ],
        statics: vec![],
        span: sp(1, 11875, 11884),
    });
    lib.types.insert("ContainerHealthCheck".into(), TypeDef {
        name: "ContainerHealthCheck".into(),
        kind: Kind::Record,
        doc: Some("A container health check, run by Docker inside the container.".into()),
        fields: vec![
            FieldDef { name: "command".into(), ty: Ty::List(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The command: `[\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]` runs the executable,\n`[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]` runs it in the\ncontainer's shell. Exit status 0 is healthy.".into()), span: sp(1, 20851, 20874) },
            FieldDef { name: "interval".into(), ty: Ty::Duration(Some(5000), Some(300000)), default: Some(Expr { kind: ExprKind::Duration(30000), span: sp(1, 20947, 20950) }), out: false, constant: true, doc: Some("Time between checks.".into()), span: sp(1, 20908, 20950) },
            FieldDef { name: "timeout".into(), ty: Ty::Duration(Some(2000), Some(120000)), default: Some(Expr { kind: ExprKind::Duration(5000), span: sp(1, 21076, 21078) }), out: false, constant: true, doc: Some("Time a check may take before it counts as failed; shorter than `interval`.".into()), span: sp(1, 21038, 21078) },
            FieldDef { name: "retries".into(), ty: Ty::Int(Some(1), Some(10)), default: Some(Expr { kind: ExprKind::Int(3), span: sp(1, 21179, 21180) }), out: false, constant: true, doc: Some("Failed checks in a row that make the container unhealthy.".into()), span: sp(1, 21149, 21180) },
            FieldDef { name: "startPeriod".into(), ty: Ty::Optional(Box::new(Ty::Duration(Some(0), Some(300000)))), default: None, out: false, constant: true, doc: Some("Time after the start during which failed checks do not count.".into()), span: sp(1, 21255, 21295) }
        ],
        statics: vec![],
        span: sp(1, 20606, 20626),
    });
    lib.types.insert("DockerBuild".into(), TypeDef {
        name: "DockerBuild".into(),
        kind: Kind::Record,
        doc: Some("How to build an image with Docker.".into()),
        fields: vec![
            FieldDef { name: "context".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The build context folder, relative to the program's file.".into()), span: sp(1, 24922, 24943) },
            FieldDef { name: "dockerfile".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The Dockerfile, relative to the program's file; `context/Dockerfile` when not given.".into()), span: sp(1, 25041, 25066) },
            FieldDef { name: "target".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The multi-stage build target.".into()), span: sp(1, 25109, 25130) },
            FieldDef { name: "args".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 25191, 25193) }), out: false, constant: true, doc: Some("Build arguments.".into()), span: sp(1, 25160, 25193) },
            FieldDef { name: "cacheFrom".into(), ty: Ty::List(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 25293, 25295) }), out: false, constant: true, doc: Some("Stages to build first and reuse as cache (`--cache-from`).".into()), span: sp(1, 25265, 25295) }
        ],
        statics: vec![],
        span: sp(1, 24838, 24849),
    });
    lib.types.insert("DockerVolume".into(), TypeDef {
        name: "DockerVolume".into(),
        kind: Kind::Record,
        doc: Some("A Docker volume on an EC2 instance.".into()),
        fields: vec![
            FieldDef { name: "scope".into(), ty: Ty::Union(vec![Ty::Lit("task".into()), Ty::Lit("shared".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("task".into())]), span: sp(1, 19800, 19806) }), out: false, constant: true, doc: Some("`task`: made when the task starts and removed when it stops; `shared`: kept on the\ninstance and shared by tasks.".into()), span: sp(1, 19767, 19806) },
            FieldDef { name: "autoprovision".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Create a `shared` volume that does not exist yet (`shared` only).".into()), span: sp(1, 19885, 19911) },
            FieldDef { name: "driver".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("local".into())]), span: sp(1, 19966, 19973) }), out: false, constant: true, doc: Some("The volume driver.".into()), span: sp(1, 19943, 19973) },
            FieldDef { name: "driverOpts".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 20046, 20048) }), out: false, constant: true, doc: Some("Options of the driver.".into()), span: sp(1, 20009, 20048) },
            FieldDef { name: "labels".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 20116, 20118) }), out: false, constant: true, doc: Some("Labels of the volume.".into()), span: sp(1, 20083, 20118) }
        ],
        statics: vec![],
        span: sp(1, 19619, 19631),
    });
    lib.types.insert("EC2Service".into(), TypeDef {
        name: "EC2Service".into(),
        kind: Kind::Component,
        doc: Some("A service on the EC2 instances of a cluster (an `AutoScalingGroup`).".into()),
        fields: vec![
            FieldDef { name: "cluster".into(), ty: Ty::Named("Cluster".into()), default: None, out: false, constant: false, doc: Some("The cluster to run in; it needs EC2 capacity.".into()), span: sp(4, 1858, 1874) },
            FieldDef { name: "desiredCount".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(2147483647)))), default: None, out: false, constant: false, doc: Some("Tasks to keep running; 1 when not given. Not with `schedulingStrategy: \"DAEMON\"`.".into()), span: sp(4, 1969, 2004) },
            FieldDef { name: "containers".into(), ty: Ty::Map(Box::new(Ty::Named("Container".into()))), default: None, out: false, constant: false, doc: Some("The task's containers, by name.".into()), span: sp(4, 2049, 2080) },
            FieldDef { name: "networkMode".into(), ty: Ty::Union(vec![Ty::Lit("bridge".into()), Ty::Lit("host".into()), Ty::Lit("awsvpc".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("bridge".into())]), span: sp(4, 2309, 2317) }), out: false, constant: true, doc: Some("How the containers are networked: `bridge` (Docker's network, dynamic host\nports), `host` (the instance's ports), or `awsvpc` (a network interface per task).".into()), span: sp(4, 2259, 2317) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(128), Some(196608)))), default: None, out: false, constant: true, doc: Some("Task CPU units (128 to 196,608: 0.125 to 192 vCPUs); none (the containers' own)\nwhen not given.".into()), span: sp(4, 2434, 2464) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(6), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task memory; none (the containers' own) when not given.".into()), span: sp(4, 2533, 2577) },
            FieldDef { name: "schedulingStrategy".into(), ty: Ty::Union(vec![Ty::Lit("REPLICA".into()), Ty::Lit("DAEMON".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("REPLICA".into())]), span: sp(4, 2719, 2728) }), out: false, constant: true, doc: Some("`REPLICA` keeps `desiredCount` tasks; `DAEMON` runs one task on every instance.".into()), span: sp(4, 2670, 2728) },
            FieldDef { name: "orderedPlacementStrategies".into(), ty: Ty::List(Box::new(Ty::Named("PlacementStrategy".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(4, 2866, 2868) }), out: false, constant: true, doc: Some("How to place tasks on instances, in order of precedence (at most 5).".into()), span: sp(4, 2810, 2868) },
            FieldDef { name: "placementConstraints".into(), ty: Ty::List(Box::new(Ty::Named("PlacementConstraint".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(4, 3014, 3016) }), out: false, constant: true, doc: Some("Rules instances must meet to run a task (at most 10 with the task definition's).".into()), span: sp(4, 2962, 3016) },
            FieldDef { name: "capacityProviders".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("CapacityProviderItem".into()))))), default: None, out: false, constant: false, doc: Some("Where tasks run: capacity providers with weights; the cluster's Auto Scaling\ngroups when not given (a `DAEMON` service uses the EC2 launch type).".into()), span: sp(4, 3183, 3225) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups for the tasks of an `awsvpc` service, replacing the default one.".into()), span: sp(4, 3319, 3351) },
            FieldDef { name: "iamRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: false, doc: Some("The IAM role ECS uses to register a bridge or host mode service's tasks with its\nload balancer; the service-linked role when not given.".into()), span: sp(4, 3508, 3524) },
            FieldDef { name: "waitForSteadyState".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(4, 3636, 3640) }), out: false, constant: true, doc: Some("Wait for the service to be stable before a deploy counts as done.".into()), span: sp(4, 3603, 3640) },
            FieldDef { name: "deploymentMinimumHealthyPercent".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(100)))), default: None, out: false, constant: false, doc: Some("Lower limit of running tasks during a deployment, as a percentage of\n`desiredCount`; 100 when not given (0 for a `DAEMON` service).".into()), span: sp(4, 3793, 3840) },
            FieldDef { name: "deploymentMaximumPercent".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(100), Some(200)))), default: None, out: false, constant: false, doc: Some("Upper limit of running tasks during a deployment, as a percentage of\n`desiredCount`; 200 when not given (100 for a `DAEMON` service).".into()), span: sp(4, 3995, 4037) },
            FieldDef { name: "circuitBreaker".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(4, 4164, 4168) }), out: false, constant: false, doc: Some("Roll back a deployment whose tasks keep failing to start (the deployment circuit breaker).".into()), span: sp(4, 4141, 4168) },
            FieldDef { name: "healthCheckGracePeriod".into(), ty: Ty::Optional(Box::new(Ty::Duration(Some(0), Some(2147483647000)))), default: None, out: false, constant: true, doc: Some("Time to ignore failing load-balancer and container health checks of new tasks.".into()), span: sp(4, 4260, 4318) },
            FieldDef { name: "logRetention".into(), ty: Ty::Duration(None, None), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(4, 4430, 4432) }), out: false, constant: true, doc: Some("How long the task log group keeps logs (CloudWatch Logs retention).".into()), span: sp(4, 4399, 4432) },
            FieldDef { name: "permissions".into(), ty: Ty::List(Box::new(Ty::Named("Permission".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(4, 4620, 4622) }), out: false, constant: false, doc: Some("IAM statements the task's containers may use, as the task role: exactly these,\nnothing wider. No task role when empty (and no `taskRole`).".into()), span: sp(4, 4592, 4622) },
            FieldDef { name: "taskRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing IAM role for the task's containers, by ARN, instead of one made from\n`permissions`.".into()), span: sp(4, 4739, 4762) },
            FieldDef { name: "executionRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing task execution role, by ARN (it pulls images, writes logs and reads\n`secrets`), instead of the one ecsxc makes; it must grant what they need.".into()), span: sp(4, 4937, 4965) },
            FieldDef { name: "circuitBreakerThreshold".into(), ty: Ty::Optional(Box::new(Ty::Named("CircuitBreakerThreshold".into()))), default: None, out: false, constant: true, doc: Some("The deployment circuit breaker's failure threshold: how many failed tasks make a\ndeployment fail (and roll back), `{ value: 5 }`; ECS's default when not given (half\nthe desired count, at least 3 and at most 200). Needs `circuitBreaker`.".into()), span: sp(4, 5231, 5286) },
            FieldDef { name: "enableExecuteCommand".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(4, 5617, 5622) }), out: false, constant: true, doc: Some("Allow `aws ecs execute-command` into the running containers: the task role (made\nfor this when there is no `permissions`) may open the SSM session channels\n(`ssmmessages:*Channel`, which IAM grants only on `*`). An existing `taskRole`\nmust grant them itself.".into()), span: sp(4, 5582, 5622) },
            FieldDef { name: "propagateTags".into(), ty: Ty::Optional(Box::new(Ty::Union(vec![Ty::Lit("SERVICE".into()), Ty::Lit("TASK_DEFINITION".into()), Ty::Lit("NONE".into())]))), default: None, out: false, constant: true, doc: Some("Copy tags to the service's tasks: the service's (`\"SERVICE\"`), the task\ndefinition's (`\"TASK_DEFINITION\"`), or none (`\"NONE\"`). When not given: the\nservice's when it has `tags`, else none.".into()), span: sp(4, 5840, 5902) },
            FieldDef { name: "availabilityZoneRebalancing".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Let ECS move tasks to even out their spread over availability zones (`true`), or\nnot; ECS's default (on for new services that support it) when not given; not with\n`DAEMON` or when the first placement strategy is `binpack`.".into()), span: sp(4, 6154, 6194) },
            FieldDef { name: "autoscaling".into(), ty: Ty::Optional(Box::new(Ty::Named("Autoscaling".into()))), default: None, out: false, constant: true, doc: Some("Scale the number of tasks with load (target tracking) or at set times\n(Application Auto Scaling); `desiredCount` is the starting point (not for a `DAEMON`\nservice).".into()), span: sp(4, 6388, 6419) },
            FieldDef { name: "volumes".into(), ty: Ty::Map(Box::new(Ty::Named("Volume".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(4, 6586, 6588) }), out: false, constant: true, doc: Some("Volumes the task's containers may mount (`mountPoints`), by name:\n`{ data: Volume.efs { fileSystem: files } }`.".into()), span: sp(4, 6552, 6588) },
            FieldDef { name: "runtimePlatform".into(), ty: Ty::Optional(Box::new(Ty::Named("RuntimePlatform".into()))), default: None, out: false, constant: true, doc: Some("The CPU architecture and operating system of the task: `{ cpuArchitecture: \"ARM64\" }`\nfor Graviton; the platform's default (Linux on x86-64) when not given.".into()), span: sp(4, 6766, 6805) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(4, 6878, 6880) }), out: false, constant: false, doc: Some("Tags for the service (at most 50).".into()), span: sp(4, 6853, 6880) },
            FieldDef { name: "name".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The service's name (`Fn::GetAtt Name`).".into()), span: sp(4, 6934, 6950) }
        ],
        statics: vec![],
        span: sp(4, 1787, 1797),
    });
    lib.types.insert("EC2TaskDefinition".into(), TypeDef {
        name: "EC2TaskDefinition".into(),
        kind: Kind::Component,
        doc: Some("An EC2 task definition of its own, not kept running by a service: start it on\ndemand with `ecsxc run FILE NAME --stack STACK`.".into()),
        fields: vec![
            FieldDef { name: "cluster".into(), ty: Ty::Named("Cluster".into()), default: None, out: false, constant: false, doc: Some("The cluster `ecsxc run` starts tasks in; it needs EC2 capacity.".into()), span: sp(4, 7195, 7211) },
            FieldDef { name: "container".into(), ty: Ty::Optional(Box::new(Ty::Named("Container".into()))), default: None, out: false, constant: false, doc: Some("The task's one container, named after the binding; or give `containers`.".into()), span: sp(4, 7297, 7318) },
            FieldDef { name: "containers".into(), ty: Ty::Map(Box::new(Ty::Named("Container".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(4, 7422, 7424) }), out: false, constant: false, doc: Some("The task's containers, by name; or give one `container`.".into()), span: sp(4, 7388, 7424) },
            FieldDef { name: "networkMode".into(), ty: Ty::Union(vec![Ty::Lit("bridge".into()), Ty::Lit("host".into()), Ty::Lit("awsvpc".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("bridge".into())]), span: sp(4, 7521, 7529) }), out: false, constant: true, doc: Some("How the containers are networked.".into()), span: sp(4, 7471, 7529) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(128), Some(196608)))), default: None, out: false, constant: true, doc: Some("Task CPU units (128 to 196,608: 0.125 to 192 vCPUs); none (the containers' own)\nwhen not given.".into()), span: sp(4, 7646, 7676) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(6), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task memory; none (the containers' own) when not given.".into()), span: sp(4, 7745, 7789) },
            FieldDef { name: "placementConstraints".into(), ty: Ty::List(Box::new(Ty::Named("PlacementConstraint".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(4, 7895, 7897) }), out: false, constant: true, doc: Some("Rules instances must meet to run a task.".into()), span: sp(4, 7843, 7897) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups for the tasks of an `awsvpc` task definition.".into()), span: sp(4, 7972, 8004) },
            FieldDef { name: "logRetention".into(), ty: Ty::Duration(None, None), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(4, 8116, 8118) }), out: false, constant: true, doc: Some("How long the task log group keeps logs (CloudWatch Logs retention).".into()), span: sp(4, 8085, 8118) },
            FieldDef { name: "permissions".into(), ty: Ty::List(Box::new(Ty::Named("Permission".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(4, 8306, 8308) }), out: false, constant: false, doc: Some("IAM statements the task's containers may use, as the task role: exactly these,\nnothing wider. No task role when empty (and no `taskRole`).".into()), span: sp(4, 8278, 8308) },
            FieldDef { name: "taskRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing IAM role for the task's containers, by ARN, instead of one made from\n`permissions`.".into()), span: sp(4, 8425, 8448) },
            FieldDef { name: "executionRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing task execution role, by ARN (it pulls images, writes logs and reads\n`secrets`), instead of the one ecsxc makes; it must grant what they need.".into()), span: sp(4, 8623, 8651) },
            FieldDef { name: "volumes".into(), ty: Ty::Map(Box::new(Ty::Named("Volume".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(4, 8818, 8820) }), out: false, constant: true, doc: Some("Volumes the task's containers may mount (`mountPoints`), by name:\n`{ data: Volume.efs { fileSystem: files } }`.".into()), span: sp(4, 8784, 8820) },
            FieldDef { name: "runtimePlatform".into(), ty: Ty::Optional(Box::new(Ty::Named("RuntimePlatform".into()))), default: None, out: false, constant: true, doc: Some("The CPU architecture and operating system of the task: `{ cpuArchitecture: \"ARM64\" }`\nfor Graviton; the platform's default (Linux on x86-64) when not given.".into()), span: sp(4, 8998, 9037) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The task definition's ARN (`Ref`).".into()), span: sp(4, 9086, 9101) }
        ],
        statics: vec![],
        span: sp(4, 7099, 7116),
    });
    lib.types.insert("EfsFileSystem".into(), TypeDef {
        name: "EfsFileSystem".into(),
        kind: Kind::Component,
        doc: Some("An Amazon EFS file system: encrypted at rest, with a mount target in each private\nsubnet of its network (each availability zone) and a security group of its own for\nthem, which admits NFS (TCP 2049) only from the security groups of the tasks that\nmount the file system (`Volume.efs`).".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Named("Vpc".into()), default: None, out: false, constant: false, doc: Some("The network of its mount targets; the tasks that mount it run in it.".into()), span: sp(5, 488, 496) },
            FieldDef { name: "encrypted".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(5, 594, 598) }), out: false, constant: true, doc: Some("Encrypt the data at rest (with the AWS-managed key for EFS).".into()), span: sp(5, 570, 598) },
            FieldDef { name: "performanceMode".into(), ty: Ty::Union(vec![Ty::Lit("generalPurpose".into()), Ty::Lit("maxIO".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("generalPurpose".into())]), span: sp(5, 738, 754) }), out: false, constant: true, doc: Some("`generalPurpose` for most workloads; `maxIO` for many clients in parallel.".into()), span: sp(5, 686, 754) },
            FieldDef { name: "throughputMode".into(), ty: Ty::Union(vec![Ty::Lit("bursting".into()), Ty::Lit("elastic".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("bursting".into())]), span: sp(5, 887, 897) }), out: false, constant: true, doc: Some("`bursting`: throughput grows with the stored size; `elastic`: as needed.".into()), span: sp(5, 840, 897) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(5, 1009, 1011) }), out: false, constant: false, doc: Some("Tags for the file system, such as `{ Name: \"shared-data\" }` (at most 50).".into()), span: sp(5, 984, 1011) },
            FieldDef { name: "id".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The file system's id (`Ref`).".into()), span: sp(5, 1265, 1279) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The file system's ARN (`Fn::GetAtt Arn`).".into()), span: sp(5, 1334, 1349) }
        ],
        statics: vec![StaticDef { name: "existing".into(), sig: StaticSig::Record("ExistingEfsFileSystem".into()), doc: Some("Use a file system that already exists, with the security group of its mount\ntargets; ecsxc adds the rule that admits NFS from the tasks that mount it.".into()), span: sp(5, 1184, 1221) }],
        span: sp(5, 391, 404),
    });
    lib.types.insert("EfsVolume".into(), TypeDef {
        name: "EfsVolume".into(),
        kind: Kind::Record,
        doc: Some("An EFS file system mounted as a volume.".into()),
        fields: vec![
            FieldDef { name: "fileSystem".into(), ty: Ty::Named("EfsFileSystem".into()), default: None, out: false, constant: false, doc: Some("The file system: an `EfsFileSystem` of the stack or `EfsFileSystem.existing`.".into()), span: sp(1, 19065, 19090) },
            FieldDef { name: "accessPoint".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An EFS access point of the file system, by id (`fsap-...`): the directory and the\nPOSIX user the tasks see.".into()), span: sp(1, 19219, 19245) },
            FieldDef { name: "rootDirectory".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The directory of the file system to mount, `/` when not given (not with `accessPoint`,\nwhose own directory is mounted).".into()), span: sp(1, 19386, 19414) },
            FieldDef { name: "iam".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(1, 19563, 19568) }), out: false, constant: true, doc: Some("Mount with the task role's IAM identity (the file system's policy decides what it\nmay do); needs a task role.".into()), span: sp(1, 19545, 19568) }
        ],
        statics: vec![],
        span: sp(1, 18963, 18972),
    });
    lib.types.insert("Egress".into(), TypeDef {
        name: "Egress".into(),
        kind: Kind::Record,
        doc: Some("An outbound rule: traffic to a port (or range) of a network range or a component.".into()),
        fields: vec![
            FieldDef { name: "port".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(65535)))), default: None, out: false, constant: true, doc: Some("The port, or the first of a range; every port when the protocol is \"all\". For\nICMP, the type (every type when not given).".into()), span: sp(3, 3786, 3814) },
            FieldDef { name: "toPort".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(65535)))), default: None, out: false, constant: true, doc: Some("The last port of a range; only `port` when not given. For ICMP, the code (every\ncode when not given).".into()), span: sp(3, 3937, 3967) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("tcp".into()), Ty::Lit("udp".into()), Ty::Lit("icmp".into()), Ty::Lit("all".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("tcp".into())]), span: sp(3, 4043, 4048) }), out: false, constant: true, doc: Some("The protocol.".into()), span: sp(3, 3994, 4048) },
            FieldDef { name: "to".into(), ty: Ty::Union(vec![Ty::String, Ty::Named("SecurityGroup".into()), Ty::Named("FargateService".into()), Ty::Named("FargateTaskDefinition".into()), Ty::Named("ApplicationLoadBalancer".into()), Ty::Named("NetworkLoadBalancer".into())]), default: None, out: false, constant: false, doc: Some("Where traffic may go: a CIDR range (`\"0.0.0.0/0\"`), or a service, task\ndefinition, load balancer or security group (its security groups).".into()), span: sp(3, 4207, 4322) },
            FieldDef { name: "description".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("What the rule is for.".into()), span: sp(3, 4357, 4383) }
        ],
        statics: vec![],
        span: sp(3, 3635, 3641),
    });
    lib.types.insert("Endpoint".into(), TypeDef {
        name: "Endpoint".into(),
        kind: Kind::Record,
        doc: Some("Where clients reach a load balancer.".into()),
        fields: vec![
            FieldDef { name: "hostname".into(), ty: Ty::String, default: None, out: false, constant: false, doc: Some("The load balancer's DNS name.".into()), span: sp(2, 152, 168) },
            FieldDef { name: "port".into(), ty: Ty::Int(None, None), default: None, out: false, constant: false, doc: Some("The listener's port.".into()), span: sp(2, 202, 211) }
        ],
        statics: vec![],
        span: sp(2, 99, 107),
    });
    lib.types.insert("ExistingCluster".into(), TypeDef {
        name: "ExistingCluster".into(),
        kind: Kind::Record,
        doc: Some("A cluster that already exists, and where its tasks run.".into()),
        fields: vec![
            FieldDef { name: "nameOrArn".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The cluster's name or ARN.".into()), span: sp(1, 1314, 1337) },
            FieldDef { name: "vpc".into(), ty: Ty::Named("Vpc".into()), default: None, out: false, constant: false, doc: Some("The network its services and tasks run in.".into()), span: sp(1, 1393, 1401) }
        ],
        statics: vec![],
        span: sp(1, 1257, 1272),
    });
    lib.types.insert("ExistingEfsFileSystem".into(), TypeDef {
        name: "ExistingEfsFileSystem".into(),
        kind: Kind::Record,
        doc: Some("An EFS file system that exists, and the security group of its mount targets.".into()),
        fields: vec![
            FieldDef { name: "id".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The file system's id (`fs-...`).".into()), span: sp(5, 1510, 1526) },
            FieldDef { name: "securityGroup".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The id (`sg-...`) of the security group of its mount targets.".into()), span: sp(5, 1601, 1628) }
        ],
        statics: vec![],
        span: sp(5, 1441, 1462),
    });
    lib.types.insert("ExistingVpc".into(), TypeDef {
        name: "ExistingVpc".into(),
        kind: Kind::Record,
        doc: Some("A VPC that already exists.".into()),
        fields: vec![
            FieldDef { name: "id".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The VPC's id (`\"vpc-...\"`).".into()), span: sp(3, 1624, 1640) },
            FieldDef { name: "publicSubnets".into(), ty: Ty::List(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(3, 1800, 1802) }), out: false, constant: true, doc: Some("Subnets with a route to an internet gateway, for internet-facing load balancers\nand tasks with public IPs.".into()), span: sp(3, 1768, 1802) },
            FieldDef { name: "privateSubnets".into(), ty: Ty::List(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(3, 1908, 1910) }), out: false, constant: true, doc: Some("Subnets without one, for tasks and internal load balancers.".into()), span: sp(3, 1875, 1910) },
            FieldDef { name: "cidr".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The VPC's IPv4 range, which internal load balancers admit; needed only for them.".into()), span: sp(3, 2004, 2023) }
        ],
        statics: vec![],
        span: sp(3, 1570, 1581),
    });
    lib.types.insert("FargateService".into(), TypeDef {
        name: "FargateService".into(),
        kind: Kind::Component,
        doc: Some("A load-balanced or standalone service running on Fargate.".into()),
        fields: vec![
            FieldDef { name: "cluster".into(), ty: Ty::Optional(Box::new(Ty::Named("Cluster".into()))), default: None, out: false, constant: false, doc: Some("The cluster to run in; a default cluster when not given.".into()), span: sp(1, 1563, 1580) },
            FieldDef { name: "desiredCount".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: Some(Expr { kind: ExprKind::Int(1), span: sp(1, 1653, 1654) }), out: false, constant: false, doc: Some("Tasks to keep running.".into()), span: sp(1, 1616, 1654) },
            FieldDef { name: "containers".into(), ty: Ty::Map(Box::new(Ty::Named("Container".into()))), default: None, out: false, constant: false, doc: Some("The task's containers, by name.".into()), span: sp(1, 1699, 1730) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task CPU units; derived from the containers when not given.".into()), span: sp(1, 1803, 1835) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(1), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task memory; derived from the containers when not given.".into()), span: sp(1, 1905, 1949) },
            FieldDef { name: "assignPublicIp".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Give tasks a public IP, and place them in public subnets. When not given: yes\nin the default VPC and in a `Vpc` without NAT gateways; no in a `Vpc` with NAT\ngateways (tasks run in its private subnets and reach out through NAT).".into()), span: sp(1, 2206, 2233) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups for the tasks, replacing the default one (which admits only\nthe service's load balancers). Load balancers in front of the service are\nadmitted to the first of them.".into()), span: sp(1, 2443, 2475) },
            FieldDef { name: "capacityProviders".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("CapacityProviderItem".into()))))), default: None, out: false, constant: false, doc: Some("Run on `\"FARGATE\"` and `\"FARGATE_SPOT\"` with weights and a base (Fargate Spot\nfor interruptible tasks at a lower price); the Fargate launch type when not given.".into()), span: sp(1, 2657, 2699) },
            FieldDef { name: "waitForSteadyState".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(1, 2811, 2815) }), out: false, constant: true, doc: Some("Wait for the service to be stable before a deploy counts as done.".into()), span: sp(1, 2778, 2815) },
            FieldDef { name: "deploymentMinimumHealthyPercent".into(), ty: Ty::Int(Some(0), Some(100)), default: Some(Expr { kind: ExprKind::Int(100), span: sp(1, 2962, 2965) }), out: false, constant: false, doc: Some("Lower limit of running tasks during a deployment, as a percentage of `desiredCount`.".into()), span: sp(1, 2913, 2965) },
            FieldDef { name: "deploymentMaximumPercent".into(), ty: Ty::Int(Some(100), Some(200)), default: Some(Expr { kind: ExprKind::Int(200), span: sp(1, 3107, 3110) }), out: false, constant: false, doc: Some("Upper limit of running tasks during a deployment, as a percentage of `desiredCount`.".into()), span: sp(1, 3063, 3110) },
            FieldDef { name: "circuitBreaker".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(1, 3237, 3241) }), out: false, constant: false, doc: Some("Roll back a deployment whose tasks keep failing to start (the deployment circuit breaker).".into()), span: sp(1, 3214, 3241) },
            FieldDef { name: "healthCheckGracePeriod".into(), ty: Ty::Optional(Box::new(Ty::Duration(Some(0), Some(2147483647000)))), default: None, out: false, constant: true, doc: Some("Time to ignore failing load-balancer and container health checks of new tasks.".into()), span: sp(1, 3333, 3391) },
            FieldDef { name: "logRetention".into(), ty: Ty::Duration(None, None), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(1, 3503, 3505) }), out: false, constant: true, doc: Some("How long the task log group keeps logs (CloudWatch Logs retention).".into()), span: sp(1, 3472, 3505) },
            FieldDef { name: "permissions".into(), ty: Ty::List(Box::new(Ty::Named("Permission".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 3693, 3695) }), out: false, constant: false, doc: Some("IAM statements the task's containers may use, as the task role: exactly these,\nnothing wider. No task role when empty (and no `taskRole`).".into()), span: sp(1, 3665, 3695) },
            FieldDef { name: "taskRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing IAM role for the task's containers, by ARN, instead of one made from\n`permissions`.".into()), span: sp(1, 3812, 3835) },
            FieldDef { name: "executionRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing task execution role, by ARN (it pulls images, writes logs and reads\n`secrets`), instead of the one ecsxc makes; it must grant what they need.".into()), span: sp(1, 4010, 4038) },
            FieldDef { name: "circuitBreakerThreshold".into(), ty: Ty::Optional(Box::new(Ty::Named("CircuitBreakerThreshold".into()))), default: None, out: false, constant: true, doc: Some("The deployment circuit breaker's failure threshold: how many failed tasks make a\ndeployment fail (and roll back), `{ value: 5 }`; ECS's default when not given (half\nthe desired count, at least 3 and at most 200). Needs `circuitBreaker`.".into()), span: sp(1, 4304, 4359) },
            FieldDef { name: "enableExecuteCommand".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(1, 4690, 4695) }), out: false, constant: true, doc: Some("Allow `aws ecs execute-command` into the running containers: the task role (made\nfor this when there is no `permissions`) may open the SSM session channels\n(`ssmmessages:*Channel`, which IAM grants only on `*`). An existing `taskRole`\nmust grant them itself.".into()), span: sp(1, 4655, 4695) },
            FieldDef { name: "propagateTags".into(), ty: Ty::Optional(Box::new(Ty::Union(vec![Ty::Lit("SERVICE".into()), Ty::Lit("TASK_DEFINITION".into()), Ty::Lit("NONE".into())]))), default: None, out: false, constant: true, doc: Some("Copy tags to the service's tasks: the service's (`\"SERVICE\"`), the task\ndefinition's (`\"TASK_DEFINITION\"`), or none (`\"NONE\"`). When not given: the\nservice's when it has `tags`, else none.".into()), span: sp(1, 4913, 4975) },
            FieldDef { name: "availabilityZoneRebalancing".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Let ECS move tasks to even out their spread over availability zones (`true`), or\nnot; ECS's default (on for new services that support it) when not given.".into()), span: sp(1, 5150, 5190) },
            FieldDef { name: "autoscaling".into(), ty: Ty::Optional(Box::new(Ty::Named("Autoscaling".into()))), default: None, out: false, constant: true, doc: Some("Scale the number of tasks with load (target tracking) or at set times\n(Application Auto Scaling); `desiredCount` is the starting point.".into()), span: sp(1, 5347, 5378) },
            FieldDef { name: "volumes".into(), ty: Ty::Map(Box::new(Ty::Named("Volume".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 5545, 5547) }), out: false, constant: true, doc: Some("Volumes the task's containers may mount (`mountPoints`), by name:\n`{ data: Volume.efs { fileSystem: files } }`.".into()), span: sp(1, 5511, 5547) },
            FieldDef { name: "runtimePlatform".into(), ty: Ty::Optional(Box::new(Ty::Named("RuntimePlatform".into()))), default: None, out: false, constant: true, doc: Some("The CPU architecture and operating system of the task: `{ cpuArchitecture: \"ARM64\" }`\nfor Graviton; the platform's default (Linux on x86-64) when not given.".into()), span: sp(1, 5725, 5764) },
            FieldDef { name: "ephemeralStorage".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(21), Some(200)))), default: None, out: false, constant: true, doc: Some("The task's ephemeral storage in GiB (21 to 200); Fargate's 20 GiB when not given.".into()), span: sp(1, 5859, 5898) },
            FieldDef { name: "platformVersion".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The Fargate platform version (`\"LATEST\"` or a version such as `\"1.4.0\"`; EFS\nvolumes need 1.4.0 or later); `LATEST` when not given.".into()), span: sp(1, 6051, 6081) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 6154, 6156) }), out: false, constant: false, doc: Some("Tags for the service (at most 50).".into()), span: sp(1, 6129, 6156) },
            FieldDef { name: "name".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The service's name (`Fn::GetAtt Name`).".into()), span: sp(1, 6210, 6226) }
        ],
        statics: vec![],
        span: sp(1, 1477, 1491),
    });
    lib.types.insert("FargateTaskDefinition".into(), TypeDef {
        name: "FargateTaskDefinition".into(),
        kind: Kind::Component,
        doc: Some("A Fargate task definition of its own, not kept running by a service: start it on\ndemand with `ecsxc run FILE NAME --stack STACK` (fire and forget).".into()),
        fields: vec![
            FieldDef { name: "cluster".into(), ty: Ty::Optional(Box::new(Ty::Named("Cluster".into()))), default: None, out: false, constant: false, doc: Some("The cluster `ecsxc run` starts tasks in; the default cluster when not given.".into()), span: sp(1, 9886, 9903) },
            FieldDef { name: "container".into(), ty: Ty::Optional(Box::new(Ty::Named("Container".into()))), default: None, out: false, constant: false, doc: Some("The task's one container, named after the binding; or give `containers`.".into()), span: sp(1, 9989, 10010) },
            FieldDef { name: "containers".into(), ty: Ty::Map(Box::new(Ty::Named("Container".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 10114, 10116) }), out: false, constant: false, doc: Some("The task's containers, by name; or give one `container`.".into()), span: sp(1, 10080, 10116) },
            FieldDef { name: "cpu".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task CPU units; derived from the containers when not given.".into()), span: sp(1, 10189, 10221) },
            FieldDef { name: "memory".into(), ty: Ty::Optional(Box::new(Ty::Memory(Some(1), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("Task memory; derived from the containers when not given.".into()), span: sp(1, 10291, 10335) },
            FieldDef { name: "assignPublicIp".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Give tasks a public IP, and place them in public subnets; when not given, as\nfor `FargateService`.".into()), span: sp(1, 10455, 10482) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups for the tasks, replacing the default one (no inbound traffic).".into()), span: sp(1, 10574, 10606) },
            FieldDef { name: "logRetention".into(), ty: Ty::Duration(None, None), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(1, 10718, 10720) }), out: false, constant: true, doc: Some("How long the task log group keeps logs (CloudWatch Logs retention).".into()), span: sp(1, 10687, 10720) },
            FieldDef { name: "permissions".into(), ty: Ty::List(Box::new(Ty::Named("Permission".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(1, 10908, 10910) }), out: false, constant: false, doc: Some("IAM statements the task's containers may use, as the task role: exactly these,\nnothing wider. No task role when empty (and no `taskRole`).".into()), span: sp(1, 10880, 10910) },
            FieldDef { name: "taskRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing IAM role for the task's containers, by ARN, instead of one made from\n`permissions`.".into()), span: sp(1, 11027, 11050) },
            FieldDef { name: "executionRole".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("An existing task execution role, by ARN (it pulls images, writes logs and reads\n`secrets`), instead of the one ecsxc makes; it must grant what they need.".into()), span: sp(1, 11225, 11253) },
            FieldDef { name: "volumes".into(), ty: Ty::Map(Box::new(Ty::Named("Volume".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 11420, 11422) }), out: false, constant: true, doc: Some("Volumes the task's containers may mount (`mountPoints`), by name:\n`{ data: Volume.efs { fileSystem: files } }`.".into()), span: sp(1, 11386, 11422) },
            FieldDef { name: "runtimePlatform".into(), ty: Ty::Optional(Box::new(Ty::Named("RuntimePlatform".into()))), default: None, out: false, constant: true, doc: Some("The CPU architecture and operating system of the task: `{ cpuArchitecture: \"ARM64\" }`\nfor Graviton; the platform's default (Linux on x86-64) when not given.".into()), span: sp(1, 11600, 11639) },
            FieldDef { name: "ephemeralStorage".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(21), Some(200)))), default: None, out: false, constant: true, doc: Some("The task's ephemeral storage in GiB (21 to 200); Fargate's 20 GiB when not given.".into()), span: sp(1, 11734, 11773) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The task definition's ARN (`Ref`).".into()), span: sp(1, 11822, 11837) }
        ],
        statics: vec![],
        span: sp(1, 9773, 9794),
    });
    lib.types.insert("FirelensConfiguration".into(), TypeDef {
        name: "FirelensConfiguration".into(),
        kind: Kind::Record,
        doc: Some("What makes a container the task's FireLens log router.".into()),
        fields: vec![
            FieldDef { name: "type".into(), ty: Ty::Union(vec![Ty::Lit("fluentbit".into()), Ty::Lit("fluentd".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("fluentbit".into())]), span: sp(1, 17658, 17669) }), out: false, constant: true, doc: Some("The router: Fluent Bit (`\"fluentbit\"`, such as the AWS for Fluent Bit image) or Fluentd.".into()), span: sp(1, 17620, 17669) },
            FieldDef { name: "options".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 17885, 17887) }), out: false, constant: true, doc: Some("FireLens options, such as `{ \"enable-ecs-log-metadata\": \"true\" }` or a\nconfiguration file: `{ \"config-file-type\": \"file\", \"config-file-value\": \"/extra.conf\" }`.".into()), span: sp(1, 17851, 17887) }
        ],
        statics: vec![],
        span: sp(1, 17495, 17516),
    });
    lib.types.insert("FirelensLogging".into(), TypeDef {
        name: "FirelensLogging".into(),
        kind: Kind::Record,
        doc: Some("A container's output sent through the task's FireLens container.".into()),
        fields: vec![
            FieldDef { name: "options".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 16678, 16680) }), out: false, constant: true, doc: Some("Options of the FireLens output plugin (Fluent Bit's `Name`, `region`, ...).".into()), span: sp(1, 16644, 16680) },
            FieldDef { name: "secretOptions".into(), ty: Ty::Map(Box::new(Ty::Named("Secret".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 16876, 16878) }), out: false, constant: false, doc: Some("Options read from SSM Parameter Store or Secrets Manager (the execution role may\nread exactly these), such as an API key of the log service.".into()), span: sp(1, 16842, 16878) }
        ],
        statics: vec![],
        span: sp(1, 16538, 16553),
    });
    lib.types.insert("FixedResponse".into(), TypeDef {
        name: "FixedResponse".into(),
        kind: Kind::Record,
        doc: Some("A fixed answer from the load balancer.".into()),
        fields: vec![
            FieldDef { name: "statusCode".into(), ty: Ty::Int(Some(200), Some(599)), default: Some(Expr { kind: ExprKind::Int(404), span: sp(2, 11469, 11472) }), out: false, constant: true, doc: Some("The HTTP status: 2XX, 4XX or 5XX.".into()), span: sp(2, 11433, 11472) },
            FieldDef { name: "contentType".into(), ty: Ty::Union(vec![Ty::Lit("text/plain".into()), Ty::Lit("text/css".into()), Ty::Lit("text/html".into()), Ty::Lit("application/javascript".into()), Ty::Lit("application/json".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("text/plain".into())]), span: sp(2, 11624, 11636) }), out: false, constant: true, doc: Some("The content type of the body.".into()), span: sp(2, 11515, 11636) },
            FieldDef { name: "body".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![]), span: sp(2, 11707, 11709) }), out: false, constant: true, doc: Some("The body (at most 1,024 characters).".into()), span: sp(2, 11686, 11709) }
        ],
        statics: vec![],
        span: sp(2, 11371, 11384),
    });
    lib.types.insert("HealthCheck".into(), TypeDef {
        name: "HealthCheck".into(),
        kind: Kind::Record,
        doc: Some("The health check of an Application Load Balancer target group (ranges from the\nElastic Load Balancing API reference, `CreateTargetGroup`).".into()),
        fields: vec![
            FieldDef { name: "path".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("/".into())]), span: sp(2, 8138, 8141) }), out: false, constant: true, doc: Some("The path requested; it starts with `/`.".into()), span: sp(2, 8117, 8141) },
            FieldDef { name: "interval".into(), ty: Ty::Duration(Some(5000), Some(300000)), default: Some(Expr { kind: ExprKind::Duration(30000), span: sp(2, 8228, 8231) }), out: false, constant: true, doc: Some("Time between checks of one target.".into()), span: sp(2, 8189, 8231) },
            FieldDef { name: "timeout".into(), ty: Ty::Duration(Some(2000), Some(120000)), default: Some(Expr { kind: ExprKind::Duration(5000), span: sp(2, 8350, 8352) }), out: false, constant: true, doc: Some("Time without an answer that fails a check; shorter than `interval`.".into()), span: sp(2, 8312, 8352) },
            FieldDef { name: "healthyThreshold".into(), ty: Ty::Int(Some(2), Some(10)), default: Some(Expr { kind: ExprKind::Int(5), span: sp(2, 8459, 8460) }), out: false, constant: true, doc: Some("Successful checks in a row that make a target healthy.".into()), span: sp(2, 8420, 8460) },
            FieldDef { name: "unhealthyThreshold".into(), ty: Ty::Int(Some(2), Some(10)), default: Some(Expr { kind: ExprKind::Int(2), span: sp(2, 8567, 8568) }), out: false, constant: true, doc: Some("Failed checks in a row that make a target unhealthy.".into()), span: sp(2, 8526, 8568) },
            FieldDef { name: "matcher".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("200".into())]), span: sp(2, 8674, 8679) }), out: false, constant: true, doc: Some("HTTP codes of a healthy answer: `\"200\"`, `\"200,302\"` or `\"200-299\"`.".into()), span: sp(2, 8650, 8679) }
        ],
        statics: vec![],
        span: sp(2, 8051, 8062),
    });
    lib.types.insert("Image".into(), TypeDef {
        name: "Image".into(),
        kind: Kind::Record,
        doc: Some("A container image built with Docker from a folder and pushed to ECR by `ecsxc deploy`.".into()),
        fields: vec![
            
        ],
        statics: vec![StaticDef { name: "fromPath".into(), sig: StaticSig::Positional(vec![("path".into(), Ty::String)]), doc: Some("Build the Dockerfile in this folder (relative to the program's file).".into()), span: sp(1, 24625, 24654) }, StaticDef { name: "fromDockerBuild".into(), sig: StaticSig::Record("DockerBuild".into()), doc: Some("Build with full control over context, Dockerfile, target stage, arguments and caching.".into()), span: sp(1, 24754, 24788) }],
        span: sp(1, 24535, 24540),
    });
    lib.types.insert("Ingress".into(), TypeDef {
        name: "Ingress".into(),
        kind: Kind::Record,
        doc: Some("An inbound rule: traffic to a port (or range) from a network range or a component.".into()),
        fields: vec![
            FieldDef { name: "port".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(65535)))), default: None, out: false, constant: true, doc: Some("The port, or the first of a range; every port when the protocol is \"all\". For\nICMP, the type (every type when not given).".into()), span: sp(3, 2931, 2959) },
            FieldDef { name: "toPort".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(65535)))), default: None, out: false, constant: true, doc: Some("The last port of a range; only `port` when not given. For ICMP, the code (every\ncode when not given).".into()), span: sp(3, 3082, 3112) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("tcp".into()), Ty::Lit("udp".into()), Ty::Lit("icmp".into()), Ty::Lit("all".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("tcp".into())]), span: sp(3, 3188, 3193) }), out: false, constant: true, doc: Some("The protocol.".into()), span: sp(3, 3139, 3193) },
            FieldDef { name: "from".into(), ty: Ty::Union(vec![Ty::String, Ty::Named("SecurityGroup".into()), Ty::Named("FargateService".into()), Ty::Named("FargateTaskDefinition".into()), Ty::Named("ApplicationLoadBalancer".into()), Ty::Named("NetworkLoadBalancer".into())]), default: None, out: false, constant: false, doc: Some("Where traffic may come from: a CIDR range (`\"10.0.0.0/8\"`), or a service, task\ndefinition, load balancer or security group (its security groups).".into()), span: sp(3, 3360, 3477) },
            FieldDef { name: "description".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("What the rule is for.".into()), span: sp(3, 3512, 3538) }
        ],
        statics: vec![],
        span: sp(3, 2779, 2786),
    });
    lib.types.insert("LinuxParameters".into(), TypeDef {
        name: "LinuxParameters".into(),
        kind: Kind::Record,
        doc: Some("Linux settings of a container.".into()),
        fields: vec![
            FieldDef { name: "initProcessEnabled".into(), ty: Ty::Optional(Box::new(Ty::Bool)), default: None, out: false, constant: true, doc: Some("Run an init process (`docker run --init`) as PID 1, which forwards signals and\nreaps zombie processes.".into()), span: sp(1, 24086, 24117) }
        ],
        statics: vec![],
        span: sp(1, 23945, 23960),
    });
    lib.types.insert("LogDriver".into(), TypeDef {
        name: "LogDriver".into(),
        kind: Kind::Record,
        doc: Some("A Docker log driver other than `awslogs` and `awsfirelens`.".into()),
        fields: vec![
            FieldDef { name: "name".into(), ty: Ty::Union(vec![Ty::Lit("splunk".into()), Ty::Lit("syslog".into()), Ty::Lit("fluentd".into()), Ty::Lit("gelf".into()), Ty::Lit("journald".into()), Ty::Lit("json-file".into())]), default: None, out: false, constant: true, doc: Some("The driver.".into()), span: sp(1, 16989, 17068) },
            FieldDef { name: "options".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 17200, 17202) }), out: false, constant: true, doc: Some("The driver's options, such as `{ \"splunk-url\": \"https://splunk.example.com:8088\" }`.".into()), span: sp(1, 17166, 17202) },
            FieldDef { name: "secretOptions".into(), ty: Ty::Map(Box::new(Ty::Named("Secret".into()))), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(1, 17423, 17425) }), out: false, constant: false, doc: Some("Options read from SSM Parameter Store or Secrets Manager (the execution role may\nread exactly these), such as `{ \"splunk-token\": Secret.ssm(\"/prod/splunk/token\") }`.".into()), span: sp(1, 17389, 17425) }
        ],
        statics: vec![],
        span: sp(1, 16953, 16962),
    });
    lib.types.insert("Logging".into(), TypeDef {
        name: "Logging".into(),
        kind: Kind::Record,
        doc: Some("Where a container's output goes (its log driver).".into()),
        fields: vec![
            
        ],
        statics: vec![StaticDef { name: "awslogs".into(), sig: StaticSig::Record("AwsLogs".into()), doc: Some("CloudWatch Logs, in a log group of the container's own that the stack creates:\n`Logging.awslogs { retention: 30d }`.".into()), span: sp(1, 15504, 15526) }, StaticDef { name: "existing".into(), sig: StaticSig::Positional(vec![("logGroup".into(), Ty::String)]), doc: Some("CloudWatch Logs, in a log group that already exists, by name.".into()), span: sp(1, 15601, 15634) }, StaticDef { name: "none".into(), sig: StaticSig::Positional(vec![]), doc: Some("No log driver: the container's output is not kept.".into()), span: sp(1, 15698, 15711) }, StaticDef { name: "firelens".into(), sig: StaticSig::Record("FirelensLogging".into()), doc: Some("Through the task's FireLens container (the one with `firelensConfiguration`),\nwith the output plugin's options:\n`Logging.firelens { options: { Name: \"cloudwatch_logs\", region: \"eu-west-1\" } }`.".into()), span: sp(1, 15934, 15965) }, StaticDef { name: "driver".into(), sig: StaticSig::Record("LogDriver".into()), doc: Some("Another Docker log driver, by name, with its options: Fargate takes `splunk`; EC2\nalso `syslog`, `fluentd`, `gelf`, `journald` and `json-file`.".into()), span: sp(1, 16130, 16153) }],
        span: sp(1, 15357, 15364),
    });
    lib.types.insert("MountPoint".into(), TypeDef {
        name: "MountPoint".into(),
        kind: Kind::Record,
        doc: Some("A volume of the task mounted in a container.".into()),
        fields: vec![
            FieldDef { name: "volume".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("The volume, by its name in the task's `volumes`.".into()), span: sp(1, 18021, 18041) },
            FieldDef { name: "path".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("Where the volume appears in the container (an absolute path).".into()), span: sp(1, 18116, 18134) },
            FieldDef { name: "readOnly".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(1, 18190, 18195) }), out: false, constant: true, doc: Some("Mount it read-only.".into()), span: sp(1, 18167, 18195) }
        ],
        statics: vec![],
        span: sp(1, 17947, 17957),
    });
    lib.types.insert("NetworkHealthCheck".into(), TypeDef {
        name: "NetworkHealthCheck".into(),
        kind: Kind::Record,
        doc: Some("The health check of a Network Load Balancer target group (ranges from the Elastic\nLoad Balancing API reference, `CreateTargetGroup`).".into()),
        fields: vec![
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("TCP".into()), Ty::Lit("HTTP".into()), Ty::Lit("HTTPS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("TCP".into())]), span: sp(2, 8977, 8982) }), out: false, constant: true, doc: Some("How to check: open a TCP connection, or request `path` over HTTP(S).".into()), span: sp(2, 8934, 8982) },
            FieldDef { name: "path".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The path requested by HTTP and HTTPS checks; it starts with `/`.".into()), span: sp(2, 9060, 9079) },
            FieldDef { name: "interval".into(), ty: Ty::Duration(Some(5000), Some(300000)), default: Some(Expr { kind: ExprKind::Duration(30000), span: sp(2, 9166, 9169) }), out: false, constant: true, doc: Some("Time between checks of one target.".into()), span: sp(2, 9127, 9169) },
            FieldDef { name: "timeout".into(), ty: Ty::Duration(Some(2000), Some(120000)), default: Some(Expr { kind: ExprKind::Duration(10000), span: sp(2, 9288, 9291) }), out: false, constant: true, doc: Some("Time without an answer that fails a check; shorter than `interval`.".into()), span: sp(2, 9250, 9291) },
            FieldDef { name: "healthyThreshold".into(), ty: Ty::Int(Some(2), Some(10)), default: Some(Expr { kind: ExprKind::Int(5), span: sp(2, 9398, 9399) }), out: false, constant: true, doc: Some("Successful checks in a row that make a target healthy.".into()), span: sp(2, 9359, 9399) },
            FieldDef { name: "unhealthyThreshold".into(), ty: Ty::Int(Some(2), Some(10)), default: Some(Expr { kind: ExprKind::Int(2), span: sp(2, 9506, 9507) }), out: false, constant: true, doc: Some("Failed checks in a row that make a target unhealthy.".into()), span: sp(2, 9465, 9507) },
            FieldDef { name: "matcher".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("HTTP codes of a healthy answer to an HTTP(S) check, 200 to 599: `\"200-399\"`.".into()), span: sp(2, 9597, 9619) }
        ],
        statics: vec![],
        span: sp(2, 8832, 8850),
    });
    lib.types.insert("NetworkListener".into(), TypeDef {
        name: "NetworkListener".into(),
        kind: Kind::Component,
        doc: Some("A listener of a Network Load Balancer. Without `loadBalancer` it gets a load\nbalancer of its own. A container that lists it in `portMappings` gets a target group\nthat the listener forwards to; or give it a `targetGroup`.".into()),
        fields: vec![
            FieldDef { name: "loadBalancer".into(), ty: Ty::Optional(Box::new(Ty::Named("NetworkLoadBalancer".into()))), default: None, out: false, constant: false, doc: Some("The load balancer to listen on; one of its own when not given.".into()), span: sp(2, 4803, 4837) },
            FieldDef { name: "port".into(), ty: Ty::Int(Some(1), Some(65535)), default: Some(Expr { kind: ExprKind::Int(80), span: sp(2, 4909, 4911) }), out: false, constant: true, doc: Some("The port clients connect to.".into()), span: sp(2, 4879, 4911) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("TCP".into()), Ty::Lit("UDP".into()), Ty::Lit("TCP_UDP".into()), Ty::Lit("TLS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("TCP".into())]), span: sp(2, 5015, 5020) }), out: false, constant: true, doc: Some("The protocol; TLS needs a certificate.".into()), span: sp(2, 4963, 5020) },
            FieldDef { name: "certificateArn".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: false, doc: Some("The ACM certificate; required when protocol is \"TLS\", not allowed otherwise.".into()), span: sp(2, 5110, 5133) },
            FieldDef { name: "sslPolicy".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The TLS security policy of a TLS listener (`ELBSecurityPolicy-TLS13-1-2-2021-06`\nwhen not given).".into()), span: sp(2, 5252, 5276) },
            FieldDef { name: "targetGroup".into(), ty: Ty::Optional(Box::new(Ty::Named("NetworkTargetGroup".into()))), default: None, out: false, constant: false, doc: Some("Where connections go.".into()), span: sp(2, 5311, 5343) },
            FieldDef { name: "targetPort".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(65535)))), default: None, out: false, constant: true, doc: Some("The container port traffic goes to, for a container that lists the listener;\nthe listener's port when not given.".into()), span: sp(2, 5477, 5511) },
            FieldDef { name: "scheme".into(), ty: Ty::Union(vec![Ty::Lit("internet-facing".into()), Ty::Lit("internal".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("internet-facing".into())]), span: sp(2, 5722, 5739) }), out: false, constant: true, doc: Some("Reachable from the internet, or only inside the VPC (a listener with a load\nbalancer of its own; a shared load balancer has its own `scheme`).".into()), span: sp(2, 5675, 5739) },
            FieldDef { name: "endpoint".into(), ty: Ty::Named("Endpoint".into()), default: None, out: true, constant: false, doc: Some("Where clients reach it.".into()), span: sp(2, 5777, 5799) }
        ],
        statics: vec![],
        span: sp(2, 4710, 4725),
    });
    lib.types.insert("NetworkLoadBalancer".into(), TypeDef {
        name: "NetworkLoadBalancer".into(),
        kind: Kind::Component,
        doc: Some("A Network Load Balancer (TCP, UDP and TLS) that several listeners share. It has\nsecurity groups too, so its tasks can admit only it.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network; when not given, the network of the services behind it (the\naccount's default VPC when there are none).".into()), span: sp(2, 1521, 1530) },
            FieldDef { name: "scheme".into(), ty: Ty::Union(vec![Ty::Lit("internet-facing".into()), Ty::Lit("internal".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("internet-facing".into())]), span: sp(2, 1686, 1703) }), out: false, constant: true, doc: Some("Reachable from the internet (public subnets), or only inside the VPC (private\nsubnets).".into()), span: sp(2, 1639, 1703) },
            FieldDef { name: "crossZone".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(false), span: sp(2, 1816, 1821) }), out: false, constant: true, doc: Some("Spread each availability zone's connections over the targets in every zone.".into()), span: sp(2, 1792, 1821) },
            FieldDef { name: "securityGroups".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("SecurityGroup".into()))))), default: None, out: false, constant: false, doc: Some("Security groups replacing the default one, which admits the listeners' ports\nfrom anywhere, or from the VPC's range for an internal load balancer.".into()), span: sp(2, 1989, 2021) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 2100, 2102) }), out: false, constant: false, doc: Some("Tags for the load balancer (at most 50).".into()), span: sp(2, 2075, 2102) },
            FieldDef { name: "dnsName".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The load balancer's DNS name (`Fn::GetAtt DNSName`).".into()), span: sp(2, 2169, 2188) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The load balancer's ARN (`Ref`).".into()), span: sp(2, 2234, 2249) }
        ],
        statics: vec![],
        span: sp(2, 1363, 1382),
    });
    lib.types.insert("NetworkTargetGroup".into(), TypeDef {
        name: "NetworkTargetGroup".into(),
        kind: Kind::Component,
        doc: Some("Where a Network Load Balancer sends connections: tasks registered by the services\nwhose containers list it in `portMappings`.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network; when not given, the network of the services that use it.".into()), span: sp(2, 7132, 7141) },
            FieldDef { name: "port".into(), ty: Ty::Int(Some(1), Some(65535)), default: None, out: false, constant: true, doc: Some("The port the targets (containers) receive traffic on.".into()), span: sp(2, 7208, 7235) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("TCP".into()), Ty::Lit("UDP".into()), Ty::Lit("TCP_UDP".into()), Ty::Lit("TLS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("TCP".into())]), span: sp(2, 7348, 7353) }), out: false, constant: true, doc: Some("The protocol between load balancer and targets.".into()), span: sp(2, 7296, 7353) },
            FieldDef { name: "targetType".into(), ty: Ty::Optional(Box::new(Ty::Union(vec![Ty::Lit("ip".into()), Ty::Lit("instance".into())]))), default: None, out: false, constant: true, doc: Some("`ip` for Fargate and awsvpc tasks (chosen when not given); `instance` for EC2\ntasks in bridge or host mode.".into()), span: sp(2, 7482, 7520) },
            FieldDef { name: "healthCheck".into(), ty: Ty::Named("NetworkHealthCheck".into()), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 7622, 7624) }), out: false, constant: false, doc: Some("How the load balancer checks that a target is healthy.".into()), span: sp(2, 7588, 7624) },
            FieldDef { name: "deregistrationDelay".into(), ty: Ty::Duration(Some(0), Some(3600000)), default: Some(Expr { kind: ExprKind::Duration(300000), span: sp(2, 7748, 7752) }), out: false, constant: true, doc: Some("How long a target being removed may finish its connections.".into()), span: sp(2, 7697, 7752) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(2, 7830, 7832) }), out: false, constant: false, doc: Some("Tags for the target group (at most 50).".into()), span: sp(2, 7805, 7832) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The target group's ARN (`Ref`).".into()), span: sp(2, 7878, 7893) }
        ],
        statics: vec![],
        span: sp(2, 7029, 7047),
    });
    lib.types.insert("Permission".into(), TypeDef {
        name: "Permission".into(),
        kind: Kind::Record,
        doc: Some("An IAM policy statement of a task role.".into()),
        fields: vec![
            FieldDef { name: "actions".into(), ty: Ty::List(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The actions allowed, such as `[\"s3:GetObject\", \"s3:PutObject\"]`.".into()), span: sp(1, 23339, 23362) },
            FieldDef { name: "resources".into(), ty: Ty::List(Box::new(Ty::String)), default: None, out: false, constant: false, doc: Some("The resources they are allowed on, by ARN, such as `[\"arn:aws:s3:::uploads/*\"]`.".into()), span: sp(1, 23456, 23475) }
        ],
        statics: vec![],
        span: sp(1, 23249, 23259),
    });
    lib.types.insert("PlacementConstraint".into(), TypeDef {
        name: "PlacementConstraint".into(),
        kind: Kind::Record,
        doc: Some("A rule an instance must meet to run a task.".into()),
        fields: vec![
            FieldDef { name: "type".into(), ty: Ty::Union(vec![Ty::Lit("distinctInstance".into()), Ty::Lit("memberOf".into())]), default: None, out: false, constant: true, doc: Some("`distinctInstance`: each task on another instance; `memberOf`: instances that\nmatch `expression`.".into()), span: sp(4, 9688, 9731) },
            FieldDef { name: "expression".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("A cluster query language expression, such as\n`\"attribute:ecs.instance-type =~ t3.*\"` (`memberOf` only).".into()), span: sp(4, 9856, 9881) }
        ],
        statics: vec![],
        span: sp(4, 9548, 9567),
    });
    lib.types.insert("PlacementStrategy".into(), TypeDef {
        name: "PlacementStrategy".into(),
        kind: Kind::Record,
        doc: Some("How ECS picks instances for tasks.".into()),
        fields: vec![
            FieldDef { name: "type".into(), ty: Ty::Union(vec![Ty::Lit("spread".into()), Ty::Lit("binpack".into()), Ty::Lit("random".into())]), default: None, out: false, constant: true, doc: Some("`spread` over the values of `field`, `binpack` on `field` (`cpu` or `memory`), or `random`.".into()), span: sp(4, 9275, 9318) },
            FieldDef { name: "field".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("`spread`: `\"instanceId\"`, `\"host\"` or an attribute such as\n`\"attribute:ecs.availability-zone\"`; `binpack`: `\"cpu\"` or `\"memory\"`.".into()), span: sp(4, 9469, 9489) }
        ],
        statics: vec![],
        span: sp(4, 9151, 9168),
    });
    lib.types.insert("PortMapping".into(), TypeDef {
        name: "PortMapping".into(),
        kind: Kind::Record,
        doc: Some("A port the container listens on.".into()),
        fields: vec![
            FieldDef { name: "containerPort".into(), ty: Ty::Int(Some(1), Some(65535)), default: None, out: false, constant: true, doc: Some("The container's port.".into()), span: sp(1, 24213, 24249) },
            FieldDef { name: "hostPort".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(65535)))), default: None, out: false, constant: true, doc: Some("The host's port; under awsvpc (Fargate) empty or equal to `containerPort`.".into()), span: sp(1, 24337, 24369) },
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("tcp".into()), Ty::Lit("udp".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("tcp".into())]), span: sp(1, 24428, 24433) }), out: false, constant: true, doc: Some("The protocol.".into()), span: sp(1, 24396, 24433) }
        ],
        statics: vec![],
        span: sp(1, 24165, 24176),
    });
    lib.types.insert("Redirect".into(), TypeDef {
        name: "Redirect".into(),
        kind: Kind::Record,
        doc: Some("A redirect (HTTP status 301 or 302) to another protocol, port, host or path.".into()),
        fields: vec![
            FieldDef { name: "protocol".into(), ty: Ty::Union(vec![Ty::Lit("HTTP".into()), Ty::Lit("HTTPS".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("HTTPS".into())]), span: sp(2, 10962, 10969) }), out: false, constant: true, doc: Some("The protocol redirected to.".into()), span: sp(2, 10927, 10969) },
            FieldDef { name: "port".into(), ty: Ty::Int(Some(1), Some(65535)), default: Some(Expr { kind: ExprKind::Int(443), span: sp(2, 11036, 11039) }), out: false, constant: true, doc: Some("The port redirected to.".into()), span: sp(2, 11006, 11039) },
            FieldDef { name: "host".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The host redirected to; the request's host when not given.".into()), span: sp(2, 11111, 11130) },
            FieldDef { name: "path".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The path redirected to, starting with `/`; the request's path when not given.".into()), span: sp(2, 11221, 11240) },
            FieldDef { name: "permanent".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(2, 11313, 11317) }), out: false, constant: true, doc: Some("Permanent (301) or temporary (302).".into()), span: sp(2, 11289, 11317) }
        ],
        statics: vec![],
        span: sp(2, 10876, 10884),
    });
    lib.types.insert("Route".into(), TypeDef {
        name: "Route".into(),
        kind: Kind::Record,
        doc: Some("A listener rule: requests that match every condition are forwarded, redirected or\nanswered.".into()),
        fields: vec![
            FieldDef { name: "priority".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(1), Some(50000)))), default: None, out: false, constant: true, doc: Some("Lower numbers are checked first. When not given: the next number after the rule\nbefore it, in source order (1 for the first).".into()), span: sp(2, 10191, 10223) },
            FieldDef { name: "paths".into(), ty: Ty::List(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(2, 10318, 10320) }), out: false, constant: true, doc: Some("Path patterns such as `\"/api/*\"` (`*` and `?` wildcards).".into()), span: sp(2, 10294, 10320) },
            FieldDef { name: "hosts".into(), ty: Ty::List(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(2, 10418, 10420) }), out: false, constant: true, doc: Some("Host names such as `\"api.example.com\"` or `\"*.example.com\"`.".into()), span: sp(2, 10394, 10420) },
            FieldDef { name: "forward".into(), ty: Ty::Optional(Box::new(Ty::Union(vec![Ty::Named("ApplicationTargetGroup".into()), Ty::Named("FargateService".into())]))), default: None, out: false, constant: false, doc: Some("Where matching requests go: a target group, or a service (which gets a target\ngroup on this listener for its first port mapping).".into()), span: sp(2, 10571, 10622) },
            FieldDef { name: "redirect".into(), ty: Ty::Optional(Box::new(Ty::Named("Redirect".into()))), default: None, out: false, constant: true, doc: Some("Redirect matching requests.".into()), span: sp(2, 10663, 10688) },
            FieldDef { name: "fixedResponse".into(), ty: Ty::Optional(Box::new(Ty::Named("FixedResponse".into()))), default: None, out: false, constant: true, doc: Some("Answer matching requests with a fixed response.".into()), span: sp(2, 10749, 10784) }
        ],
        statics: vec![],
        span: sp(2, 10037, 10042),
    });
    lib.types.insert("RuntimePlatform".into(), TypeDef {
        name: "RuntimePlatform".into(),
        kind: Kind::Record,
        doc: Some("The CPU architecture and operating system a task needs.".into()),
        fields: vec![
            FieldDef { name: "cpuArchitecture".into(), ty: Ty::Union(vec![Ty::Lit("X86_64".into()), Ty::Lit("ARM64".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("X86_64".into())]), span: sp(1, 20336, 20344) }), out: false, constant: true, doc: Some("The CPU architecture: `\"ARM64\"` for Graviton (Fargate or ARM instances).".into()), span: sp(1, 20292, 20344) },
            FieldDef { name: "os".into(), ty: Ty::Union(vec![Ty::Lit("LINUX".into()), Ty::Lit("WINDOWS_SERVER_2019_FULL".into()), Ty::Lit("WINDOWS_SERVER_2019_CORE".into()), Ty::Lit("WINDOWS_SERVER_2022_FULL".into()), Ty::Lit("WINDOWS_SERVER_2022_CORE".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("LINUX".into())]), span: sp(1, 20522, 20529) }), out: false, constant: true, doc: Some("The operating system family.".into()), span: sp(1, 20386, 20529) }
        ],
        statics: vec![],
        span: sp(1, 20189, 20204),
    });
    lib.types.insert("ScalingSchedule".into(), TypeDef {
        name: "ScalingSchedule".into(),
        kind: Kind::Record,
        doc: Some("New autoscaling bounds from a set time on (a scheduled action).".into()),
        fields: vec![
            FieldDef { name: "schedule".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("When: `\"cron(0 20 * * ? *)\"` (minutes, hours, day of month, month, day of week,\nyear; `?` in one of the two days), `\"rate(1 day)\"` or `\"at(2026-12-24T18:00:00)\"`.".into()), span: sp(1, 8178, 8200) },
            FieldDef { name: "min".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("The new `min`; unchanged when not given.".into()), span: sp(1, 8254, 8286) },
            FieldDef { name: "max".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(0), Some(2147483647)))), default: None, out: false, constant: true, doc: Some("The new `max`; unchanged when not given.".into()), span: sp(1, 8340, 8372) },
            FieldDef { name: "timezone".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The IANA time zone of a `cron` or `at` expression, such as `\"Europe/Paris\"`;\nUTC when not given.".into()), span: sp(1, 8490, 8513) }
        ],
        statics: vec![],
        span: sp(1, 7977, 7992),
    });
    lib.types.insert("ScheduledTask".into(), TypeDef {
        name: "ScheduledTask".into(),
        kind: Kind::Component,
        doc: Some("A task definition started on a schedule by EventBridge Scheduler, with a role that\nmay run exactly that task definition and pass exactly its roles.".into()),
        fields: vec![
            FieldDef { name: "task".into(), ty: Ty::Union(vec![Ty::Named("FargateTaskDefinition".into()), Ty::Named("EC2TaskDefinition".into())]), default: None, out: false, constant: false, doc: Some("The task definition to run.".into()), span: sp(1, 8739, 8786) },
            FieldDef { name: "cluster".into(), ty: Ty::Optional(Box::new(Ty::Named("Cluster".into()))), default: None, out: false, constant: false, doc: Some("The cluster to run it in; the task definition's when not given. It must be in\nthe task definition's network.".into()), span: sp(1, 8916, 8933) },
            FieldDef { name: "schedule".into(), ty: Ty::String, default: None, out: false, constant: true, doc: Some("When: `\"rate(1 hour)\"` (a positive whole number of `minute(s)`, `hour(s)` or\n`day(s)`), `\"cron(0 12 * * ? *)\"` (minutes, hours, day of month, month, day of\nweek, year; `?` in exactly one of the two days) or `\"at(2026-12-24T18:00:00)\"`.".into()), span: sp(1, 9198, 9220) },
            FieldDef { name: "timezone".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The IANA time zone of a `cron` or `at` expression, such as `\"Europe/Paris\"`; UTC\nwhen not given.".into()), span: sp(1, 9338, 9361) },
            FieldDef { name: "enabled".into(), ty: Ty::Bool, default: Some(Expr { kind: ExprKind::Bool(true), span: sp(1, 9464, 9468) }), out: false, constant: true, doc: Some("Run on the schedule; `false` keeps the schedule but starts nothing.".into()), span: sp(1, 9442, 9468) },
            FieldDef { name: "count".into(), ty: Ty::Int(Some(1), Some(10)), default: Some(Expr { kind: ExprKind::Int(1), span: sp(1, 9534, 9535) }), out: false, constant: true, doc: Some("Tasks started each time.".into()), span: sp(1, 9506, 9535) },
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The schedule's ARN (`Fn::GetAtt Arn`).".into()), span: sp(1, 9588, 9603) }
        ],
        statics: vec![],
        span: sp(1, 8683, 8696),
    });
    lib.types.insert("Secret".into(), TypeDef {
        name: "Secret".into(),
        kind: Kind::Record,
        doc: Some("A secret a container reads when it starts, from SSM Parameter Store or AWS Secrets\nManager, in the stack's account.".into()),
        fields: vec![
            
        ],
        statics: vec![StaticDef { name: "ssm".into(), sig: StaticSig::Positional(vec![("name".into(), Ty::String)]), doc: Some("An SSM parameter by name (`/prod/db/password`) or ARN, or an `aws.ssm.Parameter`\nof the program (`Secret.ssm(parameter.ref)`).".into()), span: sp(1, 21586, 21610) }, StaticDef { name: "ssm".into(), sig: StaticSig::Record("SsmSecret".into()), doc: Some("An SSM parameter encrypted with a customer-managed KMS key:\n`Secret.ssm { name: \"/prod/db/password\", kmsKey: \"arn:aws:kms:...\" }`.".into()), span: sp(1, 21762, 21782) }, StaticDef { name: "secretsManager".into(), sig: StaticSig::Positional(vec![("arn".into(), Ty::String)]), doc: Some("A Secrets Manager secret by ARN, or an `aws.secretsmanager.Secret` of the program\n(`Secret.secretsManager(secret.ref)`): its whole value.".into()), span: sp(1, 21941, 21975) }, StaticDef { name: "secretsManager".into(), sig: StaticSig::Record("SecretsManagerSecret".into()), doc: Some("A Secrets Manager secret by ARN, with one JSON key of it, a version stage or a\nKMS key: `Secret.secretsManager { arn: \"arn:aws:secretsmanager:...\", field: \"key\" }`.".into()), span: sp(1, 22161, 22203) }],
        span: sp(1, 21430, 21436),
    });
    lib.types.insert("SecretsManagerSecret".into(), TypeDef {
        name: "SecretsManagerSecret".into(),
        kind: Kind::Record,
        doc: Some("A Secrets Manager secret a container reads.".into()),
        fields: vec![
            FieldDef { name: "arn".into(), ty: Ty::String, default: None, out: false, constant: false, doc: Some("The secret's ARN (complete, or without its six-character suffix when written\nhere); an attribute or parameter is read at deploy time (`secret.ref`: the\ncomplete ARN of an `aws.secretsmanager.Secret`).".into()), span: sp(1, 22905, 22916) },
            FieldDef { name: "field".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("One key of the secret's JSON value, instead of the whole value.".into()), span: sp(1, 22993, 23013) },
            FieldDef { name: "versionStage".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The version stage (`AWSCURRENT` when not given).".into()), span: sp(1, 23075, 23102) },
            FieldDef { name: "kmsKey".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The ARN of the customer-managed KMS key that encrypts it.".into()), span: sp(1, 23173, 23194) }
        ],
        statics: vec![],
        span: sp(1, 22653, 22673),
    });
    lib.types.insert("SecurityGroup".into(), TypeDef {
        name: "SecurityGroup".into(),
        kind: Kind::Component,
        doc: Some("A security group: what may reach the resources that use it, and where they may\nconnect to.".into()),
        fields: vec![
            FieldDef { name: "vpc".into(), ty: Ty::Optional(Box::new(Ty::Named("Vpc".into()))), default: None, out: false, constant: false, doc: Some("The network; when not given, the network of the services and load balancers\nthat use it.".into()), span: sp(3, 2261, 2270) },
            FieldDef { name: "description".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("What the group is for (at most 255 characters).".into()), span: sp(3, 2331, 2357) },
            FieldDef { name: "ingress".into(), ty: Ty::List(Box::new(Ty::Named("Ingress".into()))), default: Some(Expr { kind: ExprKind::List(vec![]), span: sp(3, 2438, 2440) }), out: false, constant: false, doc: Some("Inbound rules; nothing is admitted when empty.".into()), span: sp(3, 2417, 2440) },
            FieldDef { name: "egress".into(), ty: Ty::Optional(Box::new(Ty::List(Box::new(Ty::Named("Egress".into()))))), default: None, out: false, constant: false, doc: Some("Outbound rules; all outbound traffic when not given.".into()), span: sp(3, 2506, 2523) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(3, 2603, 2605) }), out: false, constant: false, doc: Some("Tags for the security group (at most 50).".into()), span: sp(3, 2578, 2605) },
            FieldDef { name: "id".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The security group's id (`Fn::GetAtt GroupId`).".into()), span: sp(3, 2667, 2681) }
        ],
        statics: vec![],
        span: sp(3, 2136, 2149),
    });
    lib.types.insert("SsmSecret".into(), TypeDef {
        name: "SsmSecret".into(),
        kind: Kind::Record,
        doc: Some("An SSM parameter a container reads.".into()),
        fields: vec![
            FieldDef { name: "name".into(), ty: Ty::String, default: None, out: false, constant: false, doc: Some("The parameter's name (`/prod/db/password`) or ARN; an attribute or parameter is\nread at deploy time (`parameter.ref`: the name of an `aws.ssm.Parameter`).".into()), span: sp(1, 22441, 22453) },
            FieldDef { name: "kmsKey".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The ARN of the customer-managed KMS key that encrypts it (the execution role may\ndecrypt with it).".into()), span: sp(1, 22573, 22594) }
        ],
        statics: vec![],
        span: sp(1, 22254, 22263),
    });
    lib.types.insert("Stickiness".into(), TypeDef {
        name: "Stickiness".into(),
        kind: Kind::Record,
        doc: Some("Sticky sessions with the load balancer's cookie, or the application's.".into()),
        fields: vec![
            FieldDef { name: "duration".into(), ty: Ty::Duration(Some(1000), Some(604800000)), default: Some(Expr { kind: ExprKind::Duration(86400000), span: sp(2, 9813, 9815) }), out: false, constant: true, doc: Some("How long a client stays with its target.".into()), span: sp(2, 9771, 9815) },
            FieldDef { name: "cookieName".into(), ty: Ty::Optional(Box::new(Ty::String)), default: None, out: false, constant: true, doc: Some("The application's cookie; the load balancer's own cookie when not given.".into()), span: sp(2, 9901, 9926) }
        ],
        statics: vec![],
        span: sp(2, 9705, 9715),
    });
    lib.types.insert("Ulimit".into(), TypeDef {
        name: "Ulimit".into(),
        kind: Kind::Record,
        doc: Some("A resource limit (`ulimit`) of a container's processes.".into()),
        fields: vec![
            FieldDef { name: "name".into(), ty: Ty::Union(vec![Ty::Lit("core".into()), Ty::Lit("cpu".into()), Ty::Lit("data".into()), Ty::Lit("fsize".into()), Ty::Lit("locks".into()), Ty::Lit("memlock".into()), Ty::Lit("msgqueue".into()), Ty::Lit("nice".into()), Ty::Lit("nofile".into()), Ty::Lit("nproc".into()), Ty::Lit("rss".into()), Ty::Lit("rtprio".into()), Ty::Lit("rttime".into()), Ty::Lit("sigpending".into()), Ty::Lit("stack".into())]), default: None, out: false, constant: true, doc: Some("The resource.".into()), span: sp(1, 23581, 23746) },
            FieldDef { name: "softLimit".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: None, out: false, constant: true, doc: Some("The soft limit, at most `hardLimit`.".into()), span: sp(1, 23796, 23833) },
            FieldDef { name: "hardLimit".into(), ty: Ty::Int(Some(0), Some(2147483647)), default: None, out: false, constant: true, doc: Some("The hard limit.".into()), span: sp(1, 23862, 23899) }
        ],
        statics: vec![],
        span: sp(1, 23546, 23552),
    });
    lib.types.insert("Volume".into(), TypeDef {
        name: "Volume".into(),
        kind: Kind::Record,
        doc: Some("A volume of a task, which its containers mount with `mountPoints`.".into()),
        fields: vec![
            
        ],
        statics: vec![StaticDef { name: "efs".into(), sig: StaticSig::Record("EfsVolume".into()), doc: Some("An Amazon EFS file system, mounted with transit encryption (TLS):\n`Volume.efs { fileSystem: files, accessPoint: \"fsap-0123456789abcdef0\" }`.".into()), span: sp(1, 18447, 18467) }, StaticDef { name: "bind".into(), sig: StaticSig::Positional(vec![]), doc: Some("Storage of the task itself (on Fargate, its ephemeral storage), shared by the\ncontainers that mount it and gone when the task stops.".into()), span: sp(1, 18621, 18634) }, StaticDef { name: "host".into(), sig: StaticSig::Positional(vec![("sourcePath".into(), Ty::String)]), doc: Some("A folder of the EC2 instance, by path (EC2 only): `Volume.host(\"/var/log\")`.".into()), span: sp(1, 18724, 18755) }, StaticDef { name: "docker".into(), sig: StaticSig::Record("DockerVolume".into()), doc: Some("A Docker volume on the EC2 instance (EC2 only):\n`Volume.docker { scope: \"shared\", autoprovision: true }`.".into()), span: sp(1, 18882, 18908) }],
        span: sp(1, 18277, 18283),
    });
    lib.types.insert("Vpc".into(), TypeDef {
        name: "Vpc".into(),
        kind: Kind::Component,
        doc: Some("A new VPC: an internet gateway, a public and a private subnet in each availability\nzone, route tables, and NAT gateways that let the private subnets reach out.\nClusters given `vpc` run their tasks in its private subnets (behind NAT), or in its\npublic subnets with public IPs when it has no NAT gateways.".into()),
        fields: vec![
            FieldDef { name: "cidr".into(), ty: Ty::String, default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("10.0.0.0/16".into())]), span: sp(3, 483, 496) }), out: false, constant: true, doc: Some("The VPC's IPv4 range, from /16 to /28 (`\"10.0.0.0/16\"`).".into()), span: sp(3, 462, 496) },
            FieldDef { name: "availabilityZones".into(), ty: Ty::Int(Some(1), Some(6)), default: Some(Expr { kind: ExprKind::Int(2), span: sp(3, 686, 687) }), out: false, constant: true, doc: Some("How many availability zones to spread over (the region's first ones, which it\nmust have); an Application Load Balancer needs two.".into()), span: sp(3, 647, 687) },
            FieldDef { name: "natGateways".into(), ty: Ty::Union(vec![Ty::Lit("per-az".into()), Ty::Lit("single".into()), Ty::Lit("none".into())]), default: Some(Expr { kind: ExprKind::Str(vec![StrPart::Text("per-az".into())]), span: sp(3, 901, 909) }), out: false, constant: true, doc: Some("NAT gateways for the private subnets: one per availability zone, a single one,\nor none (tasks then run in the public subnets with public IPs).".into()), span: sp(3, 851, 909) },
            FieldDef { name: "subnetPrefix".into(), ty: Ty::Optional(Box::new(Ty::Int(Some(17), Some(28)))), default: None, out: false, constant: true, doc: Some("Prefix length of each subnet (/17 to /28: a VPC holds at least two); the VPC's\nrange split evenly over the subnets when not given.".into()), span: sp(3, 1061, 1095) },
            FieldDef { name: "tags".into(), ty: Ty::Map(Box::new(Ty::String)), default: Some(Expr { kind: ExprKind::Record(Vec::new()), span: sp(3, 1164, 1166) }), out: false, constant: false, doc: Some("Tags for the VPC (at most 50).".into()), span: sp(3, 1139, 1166) },
            FieldDef { name: "id".into(), ty: Ty::String, default: None, out: true, constant: false, doc: Some("The VPC's id (`Ref`).".into()), span: sp(3, 1312, 1326) },
            FieldDef { name: "publicSubnetIds".into(), ty: Ty::List(Box::new(Ty::String)), default: None, out: true, constant: false, doc: Some("The ids of the public subnets, one per availability zone.".into()), span: sp(3, 1397, 1426) },
            FieldDef { name: "privateSubnetIds".into(), ty: Ty::List(Box::new(Ty::String)), default: None, out: true, constant: false, doc: Some("The ids of the private subnets, one per availability zone.".into()), span: sp(3, 1498, 1528) }
        ],
        statics: vec![StaticDef { name: "existing".into(), sig: StaticSig::Record("ExistingVpc".into()), doc: Some("Use a VPC that already exists, with its subnets; nothing is created.".into()), span: sp(3, 1249, 1276) }],
        span: sp(3, 387, 390),
    });
    lib
}
