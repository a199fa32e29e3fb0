//! End-to-end tests of network and load-balancer topologies: the examples under
//! `examples/network/` and `examples/load_balancing/` deployed with the real binary to
//! moto in server mode (started by `scripts/test.sh`, found through `AWS_ENDPOINT_URL`),
//! and `ecsxc run` of a task in a VPC of the stack's own. What was made is checked
//! through the AWS APIs with the SDK: CloudFormation, EC2, ECS and ELBv2 (and ACM for a
//! certificate to deploy with).
//!
//! Every test deploys to a stack name of its own, so they run in parallel in one moto, and
//! none deletes its stack: moto loses stacks that hold route tables on DeleteStack (see
//! `../shared/notes/moto-as-local-aws.md`).
//!
//! The services of the examples wait for steady state, which services made by
//! CloudFormation in moto never reach. The tests deploy a variant with
//! `waitForSteadyState: false` on each service ([`without_waiting`]) rather than cutting
//! the wait short with `--steady-timeout 1s`: exit status 0 then means that the whole
//! deploy succeeded, where the expected exit 1 of a cut-short wait could hide a real
//! failure, and no test spends a second waiting.
//!
//! What moto 5.2.5 drops, so that no test can see it (each test says which apply to it):
//! * `AWS::ECS::Service`: only Cluster, TaskDefinition, DesiredCount and ServiceName are
//!   used: `networkConfiguration` comes back `{}`, `loadBalancers` `[]`, launch type `EC2`;
//! * `AWS::ECS::TaskDefinition`: NetworkMode (always `bridge`), Cpu, compatibilities and
//!   roles are dropped, so tasks started from it get no ENI attachment;
//! * `AWS::EC2::Subnet`: only VpcId, CidrBlock and AvailabilityZone are used:
//!   `MapPublicIpOnLaunch` is always false;
//! * `AWS::EC2::SubnetRouteTableAssociation`: no association is made;
//! * `AWS::EC2::SecurityGroupIngress`: the rule is made, but the stack resource has no
//!   physical id;
//! * `AWS::ElasticLoadBalancingV2::LoadBalancer`: only Subnets, SecurityGroups and Scheme
//!   are used: `Type` is ignored (every load balancer is `application`, so a TCP listener
//!   is refused) and `LoadBalancerAttributes` are dropped;
//! * `AWS::ElasticLoadBalancingV2::TargetGroup`: `TargetGroupAttributes` are dropped.

mod support;

use std::collections::BTreeSet;

use aws_sdk_elasticloadbalancingv2::types::{
    Action, ActionTypeEnum, Listener, LoadBalancer, LoadBalancerSchemeEnum, ProtocolEnum,
    RedirectActionStatusCodeEnum, Rule as ListenerRule, TargetGroup, TargetTypeEnum,
};
use serde_json::Value as Json;
use support::aws::{aws, filter, lb_subnets, sorted, Aws, Rule, Stack};
use support::proxy::Proxy;
use support::{ecsxc, example, run, run_task_calls, without_waiting, Program};

impl Aws {
    /// The rules of listener `arn`, the default one included.
    async fn rules(&self, arn: &str) -> Vec<ListenerRule> {
        let out = self
            .elb
            .describe_rules()
            .listener_arn(arn)
            .send()
            .await
            .expect("DescribeRules");
        out.rules().to_vec()
    }

    /// ACM RequestCertificate for `domain`: the certificate's ARN.
    async fn request_certificate(&self, domain: &str) -> String {
        let out = self
            .acm
            .request_certificate()
            .domain_name(domain)
            .send()
            .await
            .expect("RequestCertificate");
        out.certificate_arn().expect("CertificateArn").to_string()
    }
}

/// `text` with `from` replaced by `to`; `from` must occur.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in\n{text}");
    text.replace(from, to)
}

/// The NAT gateways of `vpc`: (state, subnet, public IPs).
async fn nat_gateways(aws: &Aws, vpc: &str) -> Vec<(String, String, Vec<String>)> {
    let out = aws
        .ec2
        .describe_nat_gateways()
        .filter(filter("vpc-id", vpc))
        .send()
        .await
        .expect("DescribeNatGateways");
    out.nat_gateways()
        .iter()
        .map(|n| {
            (
                n.state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                n.subnet_id().unwrap_or_default().to_string(),
                n.nat_gateway_addresses()
                    .iter()
                    .filter_map(|a| a.public_ip())
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect()
}

/// The stack's services as ECS has them: (desired count, task definition, the subnets of
/// their network configuration when moto kept it).
async fn services(aws: &Aws, stack: &Stack) -> Vec<(i32, String, Option<Vec<String>>)> {
    let cluster = stack.only("AWS::ECS::Cluster");
    let arns = stack.ids("AWS::ECS::Service");
    let out = aws
        .ecs
        .describe_services()
        .cluster(&cluster)
        .set_services(Some(arns.clone()))
        .send()
        .await
        .expect("DescribeServices");
    assert_eq!(out.services().len(), arns.len(), "{:?}", out.failures());
    out.services()
        .iter()
        .map(|s| {
            assert_eq!(s.status(), Some("ACTIVE"));
            let subnets = s
                .network_configuration()
                .and_then(|n| n.awsvpc_configuration())
                .map(|c| sorted(c.subnets().iter().cloned()));
            (
                s.desired_count(),
                s.task_definition().unwrap_or_default().to_string(),
                subnets,
            )
        })
        .collect()
}

/// Asserts that the services of `stack` run task definitions of the stack with `desired`
/// tasks and, when `subnets` is given, that they are placed in those subnets. moto keeps
/// no network configuration for a CloudFormation-made service (`networkConfiguration: {}`),
/// so the placement is read from the template CloudFormation holds, and from ECS only
/// when it has one.
async fn assert_services(aws: &Aws, stack: &Stack, desired: &[i32], subnets: Option<&[String]>) {
    let services = services(aws, stack).await;
    assert_eq!(
        sorted(services.iter().map(|s| s.0)),
        sorted(desired.iter().copied())
    );
    assert_eq!(
        sorted(services.iter().map(|s| s.1.clone())),
        stack.ids("AWS::ECS::TaskDefinition"),
        "each service runs a task definition of the stack"
    );
    let Some(subnets) = subnets else { return };
    let want = sorted(subnets.iter().cloned());
    for (_, _, placed) in &services {
        if let Some(placed) = placed {
            assert_eq!(placed, &want);
        }
    }
    for logical in stack.logicals("AWS::ECS::Service") {
        let asked = &stack.props(logical)["NetworkConfiguration"]["AwsvpcConfiguration"]["Subnets"];
        let asked = asked
            .as_array()
            .unwrap_or_else(|| panic!("{logical}: {asked}"));
        let placed = sorted(asked.iter().map(|v| match v {
            Json::String(id) => id.clone(),
            _ => stack.physical(v["Ref"].as_str().expect("a Ref to a subnet")),
        }));
        assert_eq!(placed, want, "{logical}");
    }
}

/// Asserts that the services of `stack` run `desired` tasks in the `private` subnets
/// ([`assert_services`]) and that `ecsxc run` of `task` starts it there too, with no
/// public IP: the RunTask request.
async fn assert_private_tasks(
    aws: &Aws,
    stack: &Stack,
    p: &Program,
    task: &str,
    desired: &[i32],
    private: &[String],
) -> Json {
    assert_services(aws, stack, desired, Some(private)).await;
    let (_, call) = run_task(aws, p, task);
    let (subnets, _, public_ip) = run_task_network(&call);
    assert_eq!(subnets, private, "{call}");
    assert_eq!(public_ip, "DISABLED", "{call}");
    call
}

/// Runs `ecsxc run FILE TASK --stack STACK` for `p` through a recording [`Proxy`]: the
/// ARNs it printed, and what RunTask was asked.
fn run_task(aws: &Aws, p: &Program, task: &str) -> (Vec<String>, Json) {
    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, task, "--stack", &p.stack],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    let arns: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    assert_eq!(arns.len(), 1, "{}", r.both());
    let mut calls = run_task_calls(&recorder);
    assert_eq!(calls.len(), 1, "one RunTask");
    (arns, calls.remove(0))
}

/// The subnets, security groups and public IP setting of a RunTask request.
fn run_task_network(call: &Json) -> (Vec<String>, Vec<String>, String) {
    let awsvpc = &call["networkConfiguration"]["awsvpcConfiguration"];
    let strings = |v: &Json| -> Vec<String> {
        sorted(
            v.as_array()
                .unwrap_or_else(|| panic!("a list in {call}"))
                .iter()
                .map(|s| s.as_str().expect("a string").to_string()),
        )
    };
    (
        strings(&awsvpc["subnets"]),
        strings(&awsvpc["securityGroups"]),
        awsvpc["assignPublicIp"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

/// The security groups of load balancer `lb`, sorted.
fn lb_groups(lb: &LoadBalancer) -> Vec<String> {
    sorted(lb.security_groups().iter().cloned())
}

/// The target group of the first of `actions` that forwards to one.
#[track_caller]
fn forwarded_to(actions: &[Action]) -> &str {
    actions
        .iter()
        .find_map(|a| a.target_group_arn())
        .unwrap_or_else(|| panic!("no action forwards to a target group: {actions:?}"))
}

/// The type of the first of `actions`.
fn first_type(actions: &[Action]) -> Option<&ActionTypeEnum> {
    actions.first().and_then(|a| a.r#type())
}

/// `examples/network/vpc_cluster.ecsx`: a VPC with public and private subnets in two
/// zones, a NAT gateway per zone, and a service behind a load balancer.
#[tokio::test(flavor = "multi_thread")]
async fn vpc_cluster_makes_its_own_network() {
    let aws = aws().await;
    let p = Program::deployable("topo-vpc", "network/vpc_cluster.ecsx");
    let stack = aws.deployed(&p).await;

    let vpc = stack.only("AWS::EC2::VPC");
    let v = aws.vpc(&vpc).await;
    assert_eq!(v.cidr_block(), Some("10.0.0.0/16"));
    assert_eq!(v.is_default(), Some(false));

    let igw = stack.only("AWS::EC2::InternetGateway");
    let igws = aws
        .ec2
        .describe_internet_gateways()
        .internet_gateway_ids(&igw)
        .send()
        .await
        .expect("DescribeInternetGateways");
    let attached: Vec<&str> = igws
        .internet_gateways()
        .iter()
        .flat_map(|g| g.attachments())
        .filter_map(|a| a.vpc_id())
        .collect();
    assert_eq!(
        attached,
        vec![vpc.as_str()],
        "the internet gateway is attached"
    );

    // Four subnets, all the stack's: the public ones are where the NAT gateways and the
    // load balancer are.
    let subnets = aws.vpc_subnets(&vpc).await;
    let ids: Vec<String> = subnets.iter().map(|s| s.0.clone()).collect();
    assert_eq!(ids, stack.ids("AWS::EC2::Subnet"));
    assert_eq!(ids.len(), 4, "{subnets:?}");
    let nats = nat_gateways(&aws, &vpc).await;
    assert_eq!(nats.len(), 2, "a NAT gateway per zone: {nats:?}");
    assert_eq!(
        sorted(nats.iter().flat_map(|n| n.2.clone())),
        stack.ids("AWS::EC2::EIP"),
        "each NAT gateway has an elastic IP of the stack"
    );
    assert!(nats.iter().all(|n| n.0 == "available"), "{nats:?}");
    let public = sorted(nats.iter().map(|n| n.1.clone()));
    let private: Vec<String> = ids
        .iter()
        .filter(|s| !public.contains(s))
        .cloned()
        .collect();
    assert_eq!(private.len(), 2, "NAT gateways in two subnets: {nats:?}");
    let zones = |of: &[String]| -> BTreeSet<String> {
        subnets
            .iter()
            .filter(|s| of.contains(&s.0))
            .map(|s| s.1.clone())
            .collect()
    };
    assert_eq!(zones(&public).len(), 2, "{subnets:?}");
    assert_eq!(zones(&public), zones(&private), "{subnets:?}");
    // The public subnets map public IPs on launch, the private ones do not: CloudFormation
    // was asked for that, and EC2 says so for the private ones. moto ignores
    // MapPublicIpOnLaunch of an AWS::EC2::Subnet, so EC2 says false for all four.
    for id in &ids {
        let logical = stack.logical(id);
        let asked = &stack.props(logical)["MapPublicIpOnLaunch"];
        assert_eq!(asked, &Json::Bool(public.contains(id)), "{logical}");
    }
    for s in subnets.iter().filter(|s| private.contains(&s.0)) {
        assert!(!s.2, "private subnet {} maps public IPs", s.0);
    }

    // Default routes: to the internet gateway (public), to a NAT gateway per zone (private).
    // moto makes no subnet associations for AWS::EC2::SubnetRouteTableAssociation, so
    // which subnets use which table cannot be checked.
    let tables = aws
        .ec2
        .describe_route_tables()
        .filters(filter("vpc-id", &vpc))
        .send()
        .await
        .expect("DescribeRouteTables");
    let own = stack.ids("AWS::EC2::RouteTable");
    let defaults: Vec<(Option<&str>, Option<&str>)> = tables
        .route_tables()
        .iter()
        .filter(|t| own.iter().any(|id| t.route_table_id() == Some(id.as_str())))
        .flat_map(|t| t.routes())
        .filter(|r| r.destination_cidr_block() == Some("0.0.0.0/0"))
        .map(|r| (r.gateway_id(), r.nat_gateway_id()))
        .collect();
    assert_eq!(defaults.len(), 3, "{defaults:?}");
    assert_eq!(
        defaults
            .iter()
            .filter(|r| r.0 == Some(igw.as_str()))
            .count(),
        1,
        "{defaults:?}"
    );
    assert_eq!(
        sorted(defaults.iter().filter_map(|r| r.1.map(str::to_string))),
        stack.ids("AWS::EC2::NatGateway"),
        "{defaults:?}"
    );

    // The load balancer in the public subnets, its target group in the VPC.
    let lb = aws
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .await;
    assert_eq!(lb.scheme(), Some(&LoadBalancerSchemeEnum::InternetFacing));
    assert_eq!(lb.vpc_id(), Some(vpc.as_str()));
    assert_eq!(lb_subnets(&lb), public);
    let tg = aws
        .target_group(&stack.only("AWS::ElasticLoadBalancingV2::TargetGroup"))
        .await;
    assert_eq!(tg.vpc_id(), Some(vpc.as_str()));
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));
    assert_eq!(
        aws.group_vpcs(&stack.ids("AWS::EC2::SecurityGroup")).await,
        BTreeSet::from([vpc.clone()])
    );

    // The service's tasks in the private subnets, with no public IP; `ecsxc run` of its
    // task definition too.
    let call = assert_private_tasks(&aws, &stack, &p, "nginx", &[2], &private).await;
    let (_, groups, _) = run_task_network(&call);
    assert_eq!(groups.len(), 1, "{call}");
    assert_eq!(
        aws.ingress(&groups[0]).await,
        vec![Rule::tcp(80, &lb_groups(&lb)[0])],
        "the service's own group, which admits the load balancer"
    );
}

/// `examples/network/existing_vpc.ecsx`, with the ids of a VPC and four subnets made
/// beforehand with the EC2 API: the stack makes nothing of the network.
#[tokio::test(flavor = "multi_thread")]
async fn existing_vpc_makes_no_network() {
    let aws = aws().await;
    let vpc = aws
        .ec2
        .create_vpc()
        .cidr_block("10.20.0.0/16")
        .send()
        .await
        .expect("CreateVpc")
        .vpc()
        .and_then(|v| v.vpc_id())
        .expect("vpc id")
        .to_string();
    let mut made = Vec::new();
    for (i, zone) in ["us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"]
        .iter()
        .enumerate()
    {
        let out = aws
            .ec2
            .create_subnet()
            .vpc_id(&vpc)
            .cidr_block(format!("10.20.{i}.0/24"))
            .availability_zone(*zone)
            .send()
            .await
            .expect("CreateSubnet");
        made.push(
            out.subnet()
                .and_then(|s| s.subnet_id())
                .expect("subnet id")
                .to_string(),
        );
    }
    let (public, private) = (sorted(made[..2].to_vec()), sorted(made[2..].to_vec()));

    let mut text = without_waiting(&example("network/existing_vpc.ecsx"));
    text = replaced(&text, "vpc-0a1b2c3d4e5f60718", &vpc);
    for (i, id) in made.iter().enumerate() {
        text = replaced(&text, &format!("subnet-0a1b2c3d4e5f6000{}", i + 1), id);
    }
    let p = Program::new("topo-existing", "existing_vpc.ecsx", &text);
    let stack = aws.deployed(&p).await;

    for kind in [
        "AWS::EC2::VPC",
        "AWS::EC2::Subnet",
        "AWS::EC2::InternetGateway",
        "AWS::EC2::NatGateway",
        "AWS::EC2::EIP",
        "AWS::EC2::RouteTable",
    ] {
        assert_eq!(stack.count(kind), 0, "the stack made a {kind}");
    }
    assert_eq!(
        aws.vpc_subnets(&vpc)
            .await
            .into_iter()
            .map(|s| s.0)
            .collect::<Vec<_>>(),
        sorted(made.clone()),
        "no subnet was added to the VPC"
    );

    let lb = aws
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .await;
    assert_eq!(lb.vpc_id(), Some(vpc.as_str()));
    assert_eq!(
        lb_subnets(&lb),
        public,
        "the load balancer is in the public subnets"
    );
    let tg = aws
        .target_group(&stack.only("AWS::ElasticLoadBalancingV2::TargetGroup"))
        .await;
    assert_eq!(tg.vpc_id(), Some(vpc.as_str()));
    assert_eq!(
        aws.group_vpcs(&stack.ids("AWS::EC2::SecurityGroup")).await,
        BTreeSet::from([vpc.clone()])
    );
    // The tasks in the private subnets, as given; `ecsxc run` of the service's task
    // definition too.
    assert_private_tasks(&aws, &stack, &p, "app", &[2], &private).await;
}

/// `examples/network/internal_backend.ecsx`: an internal load balancer whose explicit
/// security group admits the frontend's tasks and nothing else.
#[tokio::test(flavor = "multi_thread")]
async fn internal_backend_admits_only_the_frontend() {
    let aws = aws().await;
    let p = Program::deployable("topo-internal", "network/internal_backend.ecsx");
    let stack = aws.deployed(&p).await;

    let vpc = stack.only("AWS::EC2::VPC");
    let nats = nat_gateways(&aws, &vpc).await;
    assert_eq!(nats.len(), 1, "natGateways: \"single\": {nats:?}");

    let mut lbs = Vec::new();
    for arn in stack.ids("AWS::ElasticLoadBalancingV2::LoadBalancer") {
        lbs.push(aws.load_balancer(&arn).await);
    }
    assert_eq!(lbs.len(), 2);
    let (internal, public): (Vec<&LoadBalancer>, Vec<&LoadBalancer>) = lbs
        .iter()
        .partition(|lb| lb.scheme() == Some(&LoadBalancerSchemeEnum::Internal));
    assert_eq!(internal.len(), 1, "one internal load balancer");
    let (internal, public) = (internal[0], public[0]);
    assert_eq!(
        public.scheme(),
        Some(&LoadBalancerSchemeEnum::InternetFacing)
    );
    // The four subnets of the stack, split between the two load balancers: the public
    // one in the subnets that hold the NAT gateway, the internal one in the others.
    let all = stack.ids("AWS::EC2::Subnet");
    let (inner, outer) = (lb_subnets(internal), lb_subnets(public));
    assert_eq!(inner.len(), 2);
    assert_eq!(outer.len(), 2);
    assert_eq!(sorted(inner.iter().chain(&outer).cloned()), all);
    assert!(
        outer.contains(&nats[0].1),
        "the NAT gateway is in a public subnet"
    );

    // The chain of security groups: anywhere → the public load balancer → the frontend's
    // tasks → the internal load balancer (through the AWS::EC2::SecurityGroupIngress,
    // which moto makes but lists without a physical id) → the backend's tasks.
    assert_eq!(stack.count("AWS::EC2::SecurityGroupIngress"), 1);
    let groups = stack.ids("AWS::EC2::SecurityGroup");
    let public_sg = lb_groups(public);
    let internal_sg = lb_groups(internal);
    assert_eq!(public_sg.len(), 1);
    assert_eq!(internal_sg.len(), 1, "only the explicit group");
    let (public_sg, internal_sg) = (&public_sg[0], &internal_sg[0]);
    assert!(groups.contains(public_sg) && groups.contains(internal_sg));
    assert_eq!(
        aws.ingress(public_sg).await,
        vec![Rule::tcp(80, "0.0.0.0/0")]
    );
    let admitted = aws.ingress(internal_sg).await;
    assert_eq!(admitted.len(), 1, "the frontend only: {admitted:?}");
    let frontend_sg = admitted[0].source.clone();
    assert_eq!(admitted, vec![Rule::tcp(80, &frontend_sg)]);
    assert!(
        groups.contains(&frontend_sg),
        "{frontend_sg} is the stack's"
    );
    assert_eq!(
        aws.ingress(&frontend_sg).await,
        vec![Rule::tcp(80, public_sg)],
        "{frontend_sg} is the frontend tasks' group"
    );
    let backend_sg: Vec<&String> = groups
        .iter()
        .filter(|g| ![public_sg, internal_sg, &frontend_sg].contains(g))
        .collect();
    assert_eq!(backend_sg.len(), 1, "{groups:?}");
    assert_eq!(
        aws.ingress(backend_sg[0]).await,
        vec![Rule::tcp(8080, internal_sg)]
    );

    // The internal load balancer forwards port 80 to the backend's target group (8080).
    let listeners = aws
        .listeners(internal.load_balancer_arn().expect("load balancer ARN"))
        .await;
    assert_eq!(listeners.len(), 1);
    let tg = aws
        .target_group(forwarded_to(listeners[0].default_actions()))
        .await;
    assert_eq!(tg.port(), Some(8080));
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));
    assert_services(&aws, &stack, &[1, 2], Some(&inner)).await;
}

/// `examples/load_balancing/path_routing.ecsx`: `/api/*` to the API, the rest to the site.
#[tokio::test(flavor = "multi_thread")]
async fn path_routing_sends_api_paths_to_the_api() {
    let aws = aws().await;
    let p = Program::deployable("topo-paths", "load_balancing/path_routing.ecsx");
    let stack = aws.deployed(&p).await;

    let lb = stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let listeners = aws.listeners(&lb).await;
    assert_eq!(listeners.len(), 1);
    let listener = &listeners[0];
    assert_eq!(listener.protocol(), Some(&ProtocolEnum::Http));
    assert_eq!(listener.port(), Some(80));
    let listener_arn = listener.listener_arn().expect("listener ARN");
    assert_eq!(
        listener_arn,
        stack.only("AWS::ElasticLoadBalancingV2::Listener")
    );

    let rules = aws.rules(listener_arn).await;
    assert_eq!(rules.len(), 2, "the API's rule and the default");
    let rule = rules
        .iter()
        .find(|r| r.priority() == Some("1"))
        .expect("a rule with priority 1");
    assert_eq!(rule.is_default(), Some(false));
    let conditions = rule.conditions();
    assert_eq!(conditions.len(), 1);
    assert_eq!(conditions[0].field(), Some("path-pattern"));
    assert_eq!(
        conditions[0]
            .path_pattern_config()
            .map(|c| c.values())
            .unwrap_or_default(),
        ["/api/*"]
    );
    assert_eq!(rule.actions().len(), 1);
    assert_eq!(first_type(rule.actions()), Some(&ActionTypeEnum::Forward));
    let api = aws.target_group(forwarded_to(rule.actions())).await;
    let default = rules
        .iter()
        .find(|r| r.is_default() == Some(true))
        .expect("the default rule");
    assert_eq!(
        first_type(default.actions()),
        Some(&ActionTypeEnum::Forward)
    );
    assert_eq!(
        forwarded_to(default.actions()),
        forwarded_to(listener.default_actions())
    );
    let site = aws
        .target_group(forwarded_to(listener.default_actions()))
        .await;

    // The API's group is its container port; the site's is the one with its health check.
    assert_eq!(api.port(), Some(8080));
    assert_eq!(site.port(), Some(80));
    assert_eq!(site.health_check_path(), Some("/healthz"));
    assert_eq!(site.health_check_interval_seconds(), Some(15));
    assert_eq!(site.health_check_timeout_seconds(), Some(5));
    for tg in [&api, &site] {
        assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));
        assert_eq!(tg.protocol(), Some(&ProtocolEnum::Http));
        assert_eq!(tg.load_balancer_arns()[0], lb);
    }
    assert_eq!(
        sorted([&api, &site].map(|tg| tg.target_group_arn().unwrap_or_default().to_string())),
        stack.ids("AWS::ElasticLoadBalancingV2::TargetGroup")
    );
    // Not checked, dropped by moto: the load balancer's idle timeout (120 s, a
    // LoadBalancerAttribute) and the site's deregistration delay (30 s, a
    // TargetGroupAttribute); moto reports its defaults.
    assert_services(&aws, &stack, &[2, 2], None).await;
}

/// `examples/load_balancing/https_redirect.ecsx`, with a certificate requested from ACM
/// first (moto refuses a listener whose ACM certificate does not exist).
#[tokio::test(flavor = "multi_thread")]
async fn https_listener_and_a_redirect_from_http() {
    let aws = aws().await;
    let certificate = aws.request_certificate("topologies.example.com").await;
    let text = replaced(
        &without_waiting(&example("load_balancing/https_redirect.ecsx")),
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000",
        &certificate,
    );
    let p = Program::new("topo-https", "https_redirect.ecsx", &text);
    let stack = aws.deployed(&p).await;

    let lb = stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let listeners = aws.listeners(&lb).await;
    assert_eq!(listeners.len(), 2, "two listeners on one load balancer");
    let by_port = |port: i32| -> &Listener {
        listeners
            .iter()
            .find(|l| l.port() == Some(port))
            .unwrap_or_else(|| panic!("a listener on port {port}"))
    };

    let http = by_port(80);
    assert_eq!(http.protocol(), Some(&ProtocolEnum::Http));
    let actions = http.default_actions();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].r#type(), Some(&ActionTypeEnum::Redirect));
    let redirect = actions[0].redirect_config();
    assert_eq!(redirect.and_then(|r| r.protocol()), Some("HTTPS"));
    assert_eq!(redirect.and_then(|r| r.port()), Some("443"));
    assert_eq!(
        redirect.and_then(|r| r.status_code()),
        Some(&RedirectActionStatusCodeEnum::Http301)
    );

    let https = by_port(443);
    assert_eq!(https.protocol(), Some(&ProtocolEnum::Https));
    assert_eq!(
        https.ssl_policy(),
        Some("ELBSecurityPolicy-TLS13-1-2-2021-06")
    );
    assert_eq!(
        https
            .certificates()
            .iter()
            .filter_map(|c| c.certificate_arn())
            .collect::<Vec<_>>(),
        vec![certificate.as_str()]
    );
    assert_eq!(
        first_type(https.default_actions()),
        Some(&ActionTypeEnum::Forward)
    );
    let tg = aws
        .target_group(forwarded_to(https.default_actions()))
        .await;
    assert_eq!(
        tg.target_group_arn(),
        Some(
            stack
                .only("AWS::ElasticLoadBalancingV2::TargetGroup")
                .as_str()
        )
    );
    assert_eq!(tg.port(), Some(80), "nginx behind the load balancer");
    assert_eq!(tg.protocol(), Some(&ProtocolEnum::Http));
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));

    let lb = aws.load_balancer(&lb).await;
    let groups = lb_groups(&lb);
    assert_eq!(groups.len(), 1);
    assert_eq!(
        aws.ingress(&groups[0]).await,
        vec![Rule::tcp(80, "0.0.0.0/0"), Rule::tcp(443, "0.0.0.0/0")]
    );
    assert_services(&aws, &stack, &[2], None).await;
}

/// `examples/load_balancing/nlb_tcp.ecsx`. moto's AWS::ElasticLoadBalancingV2::LoadBalancer
/// ignores `Type: network` and makes an application load balancer, which then refuses the
/// TCP listener: ExecuteChangeSet fails, and moto keeps what it made before the listener
/// (no rollback). So this test checks that ecsxc reports that failure, and the security
/// groups, load balancer and target group that moto made, found through the EC2 and ELBv2
/// APIs (moto also fails DescribeStackResources of such a stack with the listener's error).
/// Not seen here: the load balancer's type `network`, the TCP listener on port 80, the
/// service.
#[tokio::test(flavor = "multi_thread")]
async fn nlb_tcp_gets_as_far_as_moto_allows() {
    let aws = aws().await;
    // A short prefix: moto names target groups after the first 19 characters of
    // `STACK-LOGICALID`, which must tell this stack's apart.
    let p = Program::deployable("nlb", "load_balancing/nlb_tcp.ecsx");
    let stack = p.stack.as_str();
    let r = p.try_deploy(ecsxc(&aws.endpoint));
    r.assert_failed_with(
        "error: ExecuteChangeSet: Listener protocol 'TCP' must be one of 'HTTP, HTTPS'",
    );
    assert!(
        r.stdout.contains("AWS::ElasticLoadBalancingV2::Listener"),
        "{}",
        r.both()
    );
    assert_eq!(aws.stack_status(stack).await, "REVIEW_IN_PROGRESS");

    // The two security groups: the load balancer's, and the tasks', which admits only it.
    let groups = aws
        .ec2
        .describe_security_groups()
        .filters(filter("group-name", &format!("{stack}-*")))
        .send()
        .await
        .expect("DescribeSecurityGroups");
    let groups: Vec<String> = sorted(
        groups
            .security_groups()
            .iter()
            .filter_map(|g| g.group_id())
            .map(str::to_string),
    );
    assert_eq!(groups.len(), 2, "{groups:?}");
    let lbs: Vec<LoadBalancer> = aws
        .all_load_balancers()
        .await
        .into_iter()
        .filter(|lb| lb_groups(lb).iter().any(|g| groups.contains(g)))
        .collect();
    assert_eq!(lbs.len(), 1, "one load balancer with the stack's group");
    let lb_sg = lb_groups(&lbs[0]);
    assert_eq!(lb_sg.len(), 1, "the load balancer keeps its security group");
    let lb_sg = &lb_sg[0];
    let tasks_sg = groups
        .iter()
        .find(|g| *g != lb_sg)
        .expect("the tasks' group");
    assert_eq!(aws.ingress(lb_sg).await, vec![Rule::tcp(80, "0.0.0.0/0")]);
    assert_eq!(
        aws.ingress(tasks_sg).await,
        vec![Rule::tcp(8080, lb_sg)],
        "the tasks admit only the load balancer"
    );
    // Made by moto as `application`, whatever the template says.
    assert_eq!(
        lbs[0].scheme(),
        Some(&LoadBalancerSchemeEnum::InternetFacing)
    );

    let prefix = stack.get(..19).unwrap_or(stack).trim_end_matches('-');
    let tgs: Vec<TargetGroup> = aws
        .all_target_groups()
        .await
        .into_iter()
        .filter(|tg| {
            tg.target_group_name()
                .unwrap_or_default()
                .starts_with(prefix)
        })
        .collect();
    assert_eq!(tgs.len(), 1, "one target group named after {stack}");
    let tg = &tgs[0];
    assert_eq!(tg.protocol(), Some(&ProtocolEnum::Tcp));
    assert_eq!(tg.port(), Some(8080));
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));
    assert_eq!(tg.health_check_protocol(), Some(&ProtocolEnum::Http));
    assert_eq!(tg.health_check_path(), Some("/health"));
    assert_eq!(tg.health_check_interval_seconds(), Some(10));
    assert_eq!(tg.health_check_timeout_seconds(), Some(5));
}

/// `ecsxc run` of a task whose cluster is in a VPC of the stack's own: the task starts in
/// that VPC's subnets, with the task's security group. moto's CloudFormation task
/// definitions lose their `awsvpc` network mode, so the task moto starts has no ENI and
/// DescribeTasks cannot show its subnet; a recording proxy between ecsxc and moto shows
/// what RunTask was asked instead.
#[tokio::test(flavor = "multi_thread")]
async fn run_starts_a_task_in_the_stacks_own_vpc() {
    let aws = aws().await;
    let p = Program::new(
        "topo-run",
        "hello.ecsx",
        "let vpc = Vpc { natGateways: \"none\" }\n\n\
         let cluster = Cluster { vpc: vpc }\n\n\
         let hello = FargateTaskDefinition {\n    cluster: cluster\n    \
         container: { image: \"hello-world\", memory: 64 }\n}\n",
    );
    let stack = aws.deployed(&p).await;
    assert_eq!(stack.count("AWS::EC2::NatGateway"), 0);

    let (arns, call) = run_task(&aws, &p, "hello");
    let cluster = stack.only("AWS::ECS::Cluster");
    let task_definition = stack.only("AWS::ECS::TaskDefinition");
    assert_eq!(call["cluster"], cluster.as_str());
    assert_eq!(call["taskDefinition"], task_definition.as_str());
    assert_eq!(call["launchType"], "FARGATE");
    let (subnets, groups, public_ip) = run_task_network(&call);
    assert_eq!(subnets.len(), 2, "{call}");
    let vpc = stack.only("AWS::EC2::VPC");
    let in_vpc: Vec<String> = aws
        .vpc_subnets(&vpc)
        .await
        .into_iter()
        .map(|s| s.0)
        .collect();
    assert_eq!(in_vpc, stack.ids("AWS::EC2::Subnet"));
    assert!(
        subnets.iter().all(|s| in_vpc.contains(s)),
        "RunTask subnets {subnets:?} are the VPC's {in_vpc:?}"
    );
    // Without NAT gateways, only the public subnets reach the internet to pull the image:
    // the task goes there, with a public IP.
    for s in &subnets {
        let logical = stack.logical(s);
        assert_eq!(
            stack.props(logical)["MapPublicIpOnLaunch"],
            Json::Bool(true),
            "{logical} is a public subnet"
        );
    }
    assert_eq!(public_ip, "ENABLED", "{call}");
    assert_eq!(
        groups,
        stack.ids("AWS::EC2::SecurityGroup"),
        "the task's own group"
    );

    let tasks = aws
        .ecs
        .describe_tasks()
        .cluster(&cluster)
        .set_tasks(Some(arns.clone()))
        .send()
        .await
        .expect("DescribeTasks");
    assert_eq!(tasks.tasks().len(), 1);
    let task = &tasks.tasks()[0];
    assert_eq!(task.task_definition_arn(), Some(task_definition.as_str()));
    assert_eq!(task.launch_type().map(|l| l.as_str()), Some("FARGATE"));
    // Empty in moto (no awsvpc task definition, so no ENI); on AWS, the ENI's subnet.
    for detail in task
        .attachments()
        .iter()
        .flat_map(|a| a.details())
        .filter(|d| d.name() == Some("subnetId"))
    {
        assert!(subnets.iter().any(|s| Some(s.as_str()) == detail.value()));
    }
}
