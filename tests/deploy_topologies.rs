//! End-to-end tests of network and load-balancer topologies: the examples under
//! `examples/network/` and `examples/load_balancing/` deployed with the real binary to
//! moto in server mode (started by `scripts/test.sh`, found through `AWS_ENDPOINT_URL`),
//! and `ecsxc run` of a task in a VPC of the stack's own. What was made is checked
//! through the AWS APIs: CloudFormation, EC2 and ECS with the SDK; ELBv2 and ACM, whose
//! SDKs are not dependencies of this crate, through their plain HTTP APIs ([`wire`]).
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

use aws_sdk_ec2::types::Filter;
use serde_json::Value as Json;
use support::{ecsxc, moto_endpoint, root, run, Program};
use wire::{Elb, Xml};

/// The CloudFormation, EC2 and ECS clients, and the ELBv2 query client, against moto.
struct Aws {
    endpoint: String,
    cfn: aws_sdk_cloudformation::Client,
    ec2: aws_sdk_ec2::Client,
    ecs: aws_sdk_ecs::Client,
    elb: Elb,
}

async fn aws() -> Aws {
    let endpoint = moto_endpoint();
    let config = support::sdk_config(&endpoint).await;
    Aws {
        cfn: aws_sdk_cloudformation::Client::new(&config),
        ec2: aws_sdk_ec2::Client::new(&config),
        ecs: aws_sdk_ecs::Client::new(&config),
        elb: Elb::new(&endpoint),
        endpoint,
    }
}

/// `examples/PATH`.
fn example(path: &str) -> String {
    std::fs::read_to_string(root().join("examples").join(path)).expect("example")
}

/// `text` with `waitForSteadyState: false` on each of its services.
fn without_waiting(text: &str) -> String {
    assert!(
        !text.contains("waitForSteadyState"),
        "the example sets waitForSteadyState itself"
    );
    let out = text.replace(
        "FargateService {\n",
        "FargateService {\n    waitForSteadyState: false\n",
    );
    let services = text.matches("FargateService").count();
    assert!(services > 0, "no service in\n{text}");
    assert_eq!(
        out.matches("waitForSteadyState").count(),
        services,
        "a service is not written `FargateService {{` + newline:\n{text}"
    );
    out
}

/// `text` with `from` replaced by `to`; `from` must occur.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in\n{text}");
    text.replace(from, to)
}

/// The examples deployed here, each as a variant that does not wait for steady state.
fn deployable(path: &str, prefix: &str) -> Program {
    let name = path.rsplit('/').next().expect("file name");
    Program::new(prefix, name, &without_waiting(&example(path)))
}

fn sorted<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.into_iter().collect();
    v.sort();
    v
}

fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// One resource of a stack.
#[derive(Debug, Clone)]
struct Resource {
    logical: String,
    /// moto gives some resources none (`AWS::EC2::SecurityGroupIngress`).
    physical: Option<String>,
    kind: String,
}

/// A deployed stack: its status, resources and template, as CloudFormation has them.
struct Stack {
    name: String,
    status: String,
    resources: Vec<Resource>,
}

impl Stack {
    async fn load(aws: &Aws, name: &str) -> Stack {
        let stacks = aws
            .cfn
            .describe_stacks()
            .stack_name(name)
            .send()
            .await
            .expect("DescribeStacks");
        let status = stacks
            .stacks()
            .first()
            .and_then(|s| s.stack_status())
            .map(|s| s.as_str().to_string())
            .expect("a stack status");
        let out = aws
            .cfn
            .describe_stack_resources()
            .stack_name(name)
            .send()
            .await
            .expect("DescribeStackResources");
        let resources = out
            .stack_resources()
            .iter()
            .map(|r| Resource {
                logical: r.logical_resource_id().unwrap_or_default().to_string(),
                physical: r.physical_resource_id().map(str::to_string),
                kind: r.resource_type().unwrap_or_default().to_string(),
            })
            .collect();
        Stack {
            name: name.to_string(),
            status,
            resources,
        }
    }

    /// Physical ids of the resources of type `kind`, sorted.
    fn ids(&self, kind: &str) -> Vec<String> {
        sorted(self.resources.iter().filter(|r| r.kind == kind).map(|r| {
            r.physical
                .clone()
                .unwrap_or_else(|| panic!("{} has no physical id", r.logical))
        }))
    }

    /// The physical id of the only resource of type `kind`.
    #[track_caller]
    fn only(&self, kind: &str) -> String {
        let ids = self.ids(kind);
        assert_eq!(ids.len(), 1, "one {kind} in {}: {ids:?}", self.name);
        ids[0].clone()
    }

    /// Logical ids of the resources of type `kind`.
    fn logicals(&self, kind: &str) -> Vec<&str> {
        self.resources
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.logical.as_str())
            .collect()
    }

    /// The physical id of resource `logical`.
    #[track_caller]
    fn physical(&self, logical: &str) -> String {
        self.resources
            .iter()
            .find(|r| r.logical == logical)
            .and_then(|r| r.physical.clone())
            .unwrap_or_else(|| panic!("{} has no resource {logical}", self.name))
    }

    /// Resources of type `kind` (with or without physical ids).
    fn count(&self, kind: &str) -> usize {
        self.resources.iter().filter(|r| r.kind == kind).count()
    }

    /// Logical id of the resource with physical id `id`.
    fn logical(&self, id: &str) -> &str {
        self.resources
            .iter()
            .find(|r| r.physical.as_deref() == Some(id))
            .map(|r| r.logical.as_str())
            .unwrap_or_else(|| panic!("{id} is not a resource of {}", self.name))
    }

    /// The template CloudFormation holds for the stack.
    async fn template(&self, aws: &Aws) -> Json {
        let out = aws
            .cfn
            .get_template()
            .stack_name(&self.name)
            .send()
            .await
            .expect("GetTemplate");
        serde_json::from_str(out.template_body().expect("template body")).expect("JSON template")
    }
}

/// Deploys `p` (which must succeed) and loads its stack, which must be `CREATE_COMPLETE`.
async fn deployed(aws: &Aws, p: &Program) -> Stack {
    let r = p.deploy(ecsxc(&aws.endpoint));
    assert!(r.stderr.contains("CREATE_COMPLETE"), "{}", r.both());
    let stack = Stack::load(aws, &p.stack).await;
    assert_eq!(stack.status, "CREATE_COMPLETE");
    stack
}

/// The subnets of `vpc`: (id, availability zone, map public IP on launch), by id.
async fn vpc_subnets(aws: &Aws, vpc: &str) -> Vec<(String, String, bool)> {
    let out = aws
        .ec2
        .describe_subnets()
        .filters(filter("vpc-id", vpc))
        .send()
        .await
        .expect("DescribeSubnets");
    sorted(out.subnets().iter().map(|s| {
        (
            s.subnet_id().expect("subnet id").to_string(),
            s.availability_zone().expect("zone").to_string(),
            s.map_public_ip_on_launch().unwrap_or(false),
        )
    }))
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

/// A security group rule, reduced to what the tests compare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Rule {
    protocol: String,
    from: i32,
    to: i32,
    /// `0.0.0.0/0` or the id of the group it admits.
    source: String,
}

impl Rule {
    fn tcp(port: i32, source: &str) -> Rule {
        Rule {
            protocol: "tcp".into(),
            from: port,
            to: port,
            source: source.into(),
        }
    }
}

/// The ingress rules of security group `group`, sorted.
async fn ingress(aws: &Aws, group: &str) -> Vec<Rule> {
    let out = aws
        .ec2
        .describe_security_group_rules()
        .filters(filter("group-id", group))
        .send()
        .await
        .expect("DescribeSecurityGroupRules");
    sorted(
        out.security_group_rules()
            .iter()
            .filter(|r| r.is_egress() == Some(false))
            .map(|r| Rule {
                protocol: r.ip_protocol().unwrap_or_default().to_string(),
                from: r.from_port().unwrap_or(-1),
                to: r.to_port().unwrap_or(-1),
                source: r
                    .cidr_ipv4()
                    .map(str::to_string)
                    .or_else(|| {
                        r.referenced_group_info()
                            .and_then(|g| g.group_id())
                            .map(str::to_string)
                    })
                    .unwrap_or_default(),
            }),
    )
}

/// The VPC of each security group in `groups`.
async fn group_vpcs(aws: &Aws, groups: &[String]) -> BTreeSet<String> {
    let out = aws
        .ec2
        .describe_security_groups()
        .set_group_ids(Some(groups.to_vec()))
        .send()
        .await
        .expect("DescribeSecurityGroups");
    out.security_groups()
        .iter()
        .filter_map(|g| g.vpc_id())
        .map(str::to_string)
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
    let template = stack.template(aws).await;
    for logical in stack.logicals("AWS::ECS::Service") {
        let asked = &template["Resources"][logical]["Properties"]["NetworkConfiguration"]
            ["AwsvpcConfiguration"]["Subnets"];
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

/// Runs `ecsxc run FILE TASK --stack STACK` for `p` through a [`wire::Recorder`]: the ARNs
/// it printed, and what RunTask was asked.
fn run_task(aws: &Aws, p: &Program, task: &str) -> (Vec<String>, Json) {
    let recorder = wire::Recorder::start(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, task, "--stack", &p.stack],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    let arns: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    assert_eq!(arns.len(), 1, "{}", r.both());
    let mut calls = recorder.calls("AmazonEC2ContainerServiceV20141113.RunTask");
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

/// The subnets of load balancer `lb` (an ELBv2 `LoadBalancer` element), sorted.
fn lb_subnets(lb: &Xml) -> Vec<String> {
    sorted(
        lb.all("AvailabilityZones/member/SubnetId")
            .iter()
            .map(|s| s.text.clone()),
    )
}

/// The security groups of load balancer `lb`, sorted.
fn lb_groups(lb: &Xml) -> Vec<String> {
    sorted(
        lb.all("SecurityGroups/member")
            .iter()
            .map(|s| s.text.clone()),
    )
}

/// `examples/network/vpc_cluster.ecsx`: a VPC with public and private subnets in two
/// zones, a NAT gateway per zone, and a service behind a load balancer.
#[tokio::test(flavor = "multi_thread")]
async fn vpc_cluster_makes_its_own_network() {
    let aws = aws().await;
    let p = deployable("network/vpc_cluster.ecsx", "topo-vpc");
    let stack = deployed(&aws, &p).await;

    let vpc = stack.only("AWS::EC2::VPC");
    let vpcs = aws
        .ec2
        .describe_vpcs()
        .vpc_ids(&vpc)
        .send()
        .await
        .expect("DescribeVpcs");
    let v = vpcs.vpcs().first().expect("the VPC exists");
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
    let subnets = vpc_subnets(&aws, &vpc).await;
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
    let template = stack.template(&aws).await;
    for id in &ids {
        let logical = stack.logical(id);
        let asked = &template["Resources"][logical]["Properties"]["MapPublicIpOnLaunch"];
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
        .elb
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    assert_eq!(lb.text("Scheme"), "internet-facing");
    assert_eq!(lb.text("VpcId"), vpc);
    assert_eq!(lb_subnets(&lb), public);
    let tg = aws
        .elb
        .target_group(&stack.only("AWS::ElasticLoadBalancingV2::TargetGroup"));
    assert_eq!(tg.text("VpcId"), vpc);
    assert_eq!(tg.text("TargetType"), "ip");
    assert_eq!(
        group_vpcs(&aws, &stack.ids("AWS::EC2::SecurityGroup")).await,
        BTreeSet::from([vpc.clone()])
    );

    // The service's tasks in the private subnets, with no public IP; `ecsxc run` of its
    // task definition too.
    assert_services(&aws, &stack, &[2], Some(&private)).await;
    let (_, call) = run_task(&aws, &p, "nginx");
    let (subnets, groups, public_ip) = run_task_network(&call);
    assert_eq!(subnets, private, "{call}");
    assert_eq!(public_ip, "DISABLED", "{call}");
    assert_eq!(groups.len(), 1, "{call}");
    assert_eq!(
        ingress(&aws, &groups[0]).await,
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
    let stack = deployed(&aws, &p).await;

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
        vpc_subnets(&aws, &vpc)
            .await
            .into_iter()
            .map(|s| s.0)
            .collect::<Vec<_>>(),
        sorted(made.clone()),
        "no subnet was added to the VPC"
    );

    let lb = aws
        .elb
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    assert_eq!(lb.text("VpcId"), vpc);
    assert_eq!(
        lb_subnets(&lb),
        public,
        "the load balancer is in the public subnets"
    );
    let tg = aws
        .elb
        .target_group(&stack.only("AWS::ElasticLoadBalancingV2::TargetGroup"));
    assert_eq!(tg.text("VpcId"), vpc);
    assert_eq!(
        group_vpcs(&aws, &stack.ids("AWS::EC2::SecurityGroup")).await,
        BTreeSet::from([vpc.clone()])
    );
    // The tasks in the private subnets, as given; `ecsxc run` of the service's task
    // definition too.
    assert_services(&aws, &stack, &[2], Some(&private)).await;
    let (_, call) = run_task(&aws, &p, "app");
    let (subnets, _, public_ip) = run_task_network(&call);
    assert_eq!(subnets, private, "{call}");
    assert_eq!(public_ip, "DISABLED", "{call}");
}

/// `examples/network/internal_backend.ecsx`: an internal load balancer whose explicit
/// security group admits the frontend's tasks and nothing else.
#[tokio::test(flavor = "multi_thread")]
async fn internal_backend_admits_only_the_frontend() {
    let aws = aws().await;
    let p = deployable("network/internal_backend.ecsx", "topo-internal");
    let stack = deployed(&aws, &p).await;

    let vpc = stack.only("AWS::EC2::VPC");
    let nats = nat_gateways(&aws, &vpc).await;
    assert_eq!(nats.len(), 1, "natGateways: \"single\": {nats:?}");

    let lbs: Vec<Xml> = stack
        .ids("AWS::ElasticLoadBalancingV2::LoadBalancer")
        .iter()
        .map(|arn| aws.elb.load_balancer(arn))
        .collect();
    assert_eq!(lbs.len(), 2);
    let (internal, public): (Vec<&Xml>, Vec<&Xml>) =
        lbs.iter().partition(|lb| lb.text("Scheme") == "internal");
    assert_eq!(internal.len(), 1, "one internal load balancer");
    let (internal, public) = (internal[0], public[0]);
    assert_eq!(public.text("Scheme"), "internet-facing");
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
        ingress(&aws, public_sg).await,
        vec![Rule::tcp(80, "0.0.0.0/0")]
    );
    let admitted = ingress(&aws, internal_sg).await;
    assert_eq!(admitted.len(), 1, "the frontend only: {admitted:?}");
    let frontend_sg = admitted[0].source.clone();
    assert_eq!(admitted, vec![Rule::tcp(80, &frontend_sg)]);
    assert!(
        groups.contains(&frontend_sg),
        "{frontend_sg} is the stack's"
    );
    assert_eq!(
        ingress(&aws, &frontend_sg).await,
        vec![Rule::tcp(80, public_sg)],
        "{frontend_sg} is the frontend tasks' group"
    );
    let backend_sg: Vec<&String> = groups
        .iter()
        .filter(|g| ![public_sg, internal_sg, &frontend_sg].contains(g))
        .collect();
    assert_eq!(backend_sg.len(), 1, "{groups:?}");
    assert_eq!(
        ingress(&aws, backend_sg[0]).await,
        vec![Rule::tcp(8080, internal_sg)]
    );

    // The internal load balancer forwards port 80 to the backend's target group (8080).
    let listeners = aws.elb.listeners(&internal.text("LoadBalancerArn"));
    assert_eq!(listeners.len(), 1);
    let forward = listeners[0].text("DefaultActions/member/TargetGroupArn");
    let tg = aws.elb.target_group(&forward);
    assert_eq!(tg.text("Port"), "8080");
    assert_eq!(tg.text("TargetType"), "ip");
    assert_services(&aws, &stack, &[1, 2], Some(&inner)).await;
}

/// `examples/load_balancing/path_routing.ecsx`: `/api/*` to the API, the rest to the site.
#[tokio::test(flavor = "multi_thread")]
async fn path_routing_sends_api_paths_to_the_api() {
    let aws = aws().await;
    let p = deployable("load_balancing/path_routing.ecsx", "topo-paths");
    let stack = deployed(&aws, &p).await;

    let lb = stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let listeners = aws.elb.listeners(&lb);
    assert_eq!(listeners.len(), 1);
    let listener = &listeners[0];
    assert_eq!(listener.text("Protocol"), "HTTP");
    assert_eq!(listener.text("Port"), "80");
    assert_eq!(
        listener.text("ListenerArn"),
        stack.only("AWS::ElasticLoadBalancingV2::Listener")
    );

    let rules = aws.elb.rules(&listener.text("ListenerArn"));
    assert_eq!(rules.len(), 2, "the API's rule and the default");
    let rule = rules
        .iter()
        .find(|r| r.text("Priority") == "1")
        .expect("a rule with priority 1");
    assert_eq!(rule.text("IsDefault"), "false");
    let conditions = rule.all("Conditions/member");
    assert_eq!(conditions.len(), 1);
    assert_eq!(conditions[0].text("Field"), "path-pattern");
    assert_eq!(
        conditions[0]
            .all("PathPatternConfig/Values/member")
            .iter()
            .map(|v| v.text.as_str())
            .collect::<Vec<_>>(),
        vec!["/api/*"]
    );
    assert_eq!(rule.all("Actions/member").len(), 1);
    assert_eq!(rule.text("Actions/member/Type"), "forward");
    let api = aws
        .elb
        .target_group(&rule.text("Actions/member/TargetGroupArn"));
    let default = rules
        .iter()
        .find(|r| r.text("IsDefault") == "true")
        .expect("the default rule");
    assert_eq!(default.text("Actions/member/Type"), "forward");
    assert_eq!(
        default.text("Actions/member/TargetGroupArn"),
        listener.text("DefaultActions/member/TargetGroupArn")
    );
    let site = aws
        .elb
        .target_group(&listener.text("DefaultActions/member/TargetGroupArn"));

    // The API's group is its container port; the site's is the one with its health check.
    assert_eq!(api.text("Port"), "8080");
    assert_eq!(site.text("Port"), "80");
    assert_eq!(site.text("HealthCheckPath"), "/healthz");
    assert_eq!(site.text("HealthCheckIntervalSeconds"), "15");
    assert_eq!(site.text("HealthCheckTimeoutSeconds"), "5");
    for tg in [&api, &site] {
        assert_eq!(tg.text("TargetType"), "ip");
        assert_eq!(tg.text("Protocol"), "HTTP");
        assert_eq!(tg.all("LoadBalancerArns/member")[0].text, lb);
    }
    assert_eq!(
        sorted([api.text("TargetGroupArn"), site.text("TargetGroupArn")]),
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
    let certificate = wire::request_certificate(&aws.endpoint, "topologies.example.com");
    let text = replaced(
        &without_waiting(&example("load_balancing/https_redirect.ecsx")),
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000",
        &certificate,
    );
    let p = Program::new("topo-https", "https_redirect.ecsx", &text);
    let stack = deployed(&aws, &p).await;

    let lb = stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let listeners = aws.elb.listeners(&lb);
    assert_eq!(listeners.len(), 2, "two listeners on one load balancer");
    let by_port = |port: &str| -> &Xml {
        listeners
            .iter()
            .find(|l| l.text("Port") == port)
            .unwrap_or_else(|| panic!("a listener on port {port}"))
    };

    let http = by_port("80");
    assert_eq!(http.text("Protocol"), "HTTP");
    let actions = http.all("DefaultActions/member");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].text("Type"), "redirect");
    assert_eq!(actions[0].text("RedirectConfig/Protocol"), "HTTPS");
    assert_eq!(actions[0].text("RedirectConfig/Port"), "443");
    assert_eq!(actions[0].text("RedirectConfig/StatusCode"), "HTTP_301");

    let https = by_port("443");
    assert_eq!(https.text("Protocol"), "HTTPS");
    assert_eq!(
        https.text("SslPolicy"),
        "ELBSecurityPolicy-TLS13-1-2-2021-06"
    );
    assert_eq!(
        https
            .all("Certificates/member/CertificateArn")
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        vec![certificate.as_str()]
    );
    assert_eq!(https.text("DefaultActions/member/Type"), "forward");
    let tg = aws
        .elb
        .target_group(&https.text("DefaultActions/member/TargetGroupArn"));
    assert_eq!(
        tg.text("TargetGroupArn"),
        stack.only("AWS::ElasticLoadBalancingV2::TargetGroup")
    );
    assert_eq!(tg.text("Port"), "80", "nginx behind the load balancer");
    assert_eq!(tg.text("Protocol"), "HTTP");
    assert_eq!(tg.text("TargetType"), "ip");

    let lb = aws.elb.load_balancer(&lb);
    let groups = lb_groups(&lb);
    assert_eq!(groups.len(), 1);
    assert_eq!(
        ingress(&aws, &groups[0]).await,
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
    let p = deployable("load_balancing/nlb_tcp.ecsx", "nlb");
    let stack = p.stack.as_str();
    let r = p.try_deploy(ecsxc(&aws.endpoint));
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr.contains(
            "error: ExecuteChangeSet: Listener protocol 'TCP' must be one of 'HTTP, HTTPS'"
        ),
        "{}",
        r.both()
    );
    assert!(
        r.stdout.contains("AWS::ElasticLoadBalancingV2::Listener"),
        "{}",
        r.both()
    );
    let status = aws
        .cfn
        .describe_stacks()
        .stack_name(stack)
        .send()
        .await
        .expect("DescribeStacks");
    assert_eq!(
        status.stacks()[0].stack_status().map(|s| s.as_str()),
        Some("REVIEW_IN_PROGRESS")
    );

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
    let lbs: Vec<Xml> = aws
        .elb
        .all_load_balancers()
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
    assert_eq!(ingress(&aws, lb_sg).await, vec![Rule::tcp(80, "0.0.0.0/0")]);
    assert_eq!(
        ingress(&aws, tasks_sg).await,
        vec![Rule::tcp(8080, lb_sg)],
        "the tasks admit only the load balancer"
    );
    // Made by moto as `application`, whatever the template says.
    assert_eq!(lbs[0].text("Scheme"), "internet-facing");

    let prefix = stack.get(..19).unwrap_or(stack).trim_end_matches('-');
    let tgs: Vec<Xml> = aws
        .elb
        .all_target_groups()
        .into_iter()
        .filter(|tg| tg.text("TargetGroupName").starts_with(prefix))
        .collect();
    assert_eq!(tgs.len(), 1, "one target group named after {stack}");
    let tg = &tgs[0];
    assert_eq!(tg.text("Protocol"), "TCP");
    assert_eq!(tg.text("Port"), "8080");
    assert_eq!(tg.text("TargetType"), "ip");
    assert_eq!(tg.text("HealthCheckProtocol"), "HTTP");
    assert_eq!(tg.text("HealthCheckPath"), "/health");
    assert_eq!(tg.text("HealthCheckIntervalSeconds"), "10");
    assert_eq!(tg.text("HealthCheckTimeoutSeconds"), "5");
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
    let stack = deployed(&aws, &p).await;
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
    let in_vpc: Vec<String> = vpc_subnets(&aws, &vpc)
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
    let template = stack.template(&aws).await;
    for s in &subnets {
        let logical = stack.logical(s);
        assert_eq!(
            template["Resources"][logical]["Properties"]["MapPublicIpOnLaunch"],
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

/// Plain HTTP to moto for what has no SDK among this crate's dependencies: ELBv2 (query
/// API, XML answers) and ACM (JSON API), and a proxy that records the requests ecsxc makes.
/// moto checks no signatures: a dummy `Authorization` header names the service and region.
mod wire {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    use serde_json::Value as Json;

    fn authorization(service: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, \
             SignedHeaders=host, Signature=0"
        )
    }

    fn host(endpoint: &str) -> &str {
        endpoint.trim_start_matches("http://").trim_end_matches('/')
    }

    /// POSTs `body` to `endpoint` with `headers`; the status code and the answer's body.
    fn post(endpoint: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
        let host = host(endpoint);
        let mut conn = TcpStream::connect(host).expect("connect to moto");
        let mut request = format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        conn.write_all(request.as_bytes()).expect("send");
        let mut answer = String::new();
        conn.read_to_string(&mut answer).expect("answer");
        let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "chunked answer:\n{head}"
        );
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status code");
        (status, body.to_string())
    }

    /// `s` form-encoded.
    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// ACM RequestCertificate for `domain`: the certificate's ARN.
    pub fn request_certificate(endpoint: &str, domain: &str) -> String {
        let auth = authorization("acm");
        let (status, body) = post(
            endpoint,
            &[
                ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "CertificateManager.RequestCertificate"),
                ("Authorization", &auth),
            ],
            &serde_json::json!({ "DomainName": domain }).to_string(),
        );
        assert_eq!(status, 200, "RequestCertificate: {body}");
        let v: Json = serde_json::from_str(&body).expect("JSON answer");
        v["CertificateArn"]
            .as_str()
            .expect("CertificateArn")
            .to_string()
    }

    /// The ELBv2 query API.
    pub struct Elb {
        endpoint: String,
    }

    impl Elb {
        pub fn new(endpoint: &str) -> Elb {
            Elb {
                endpoint: endpoint.to_string(),
            }
        }

        /// Calls `action` with `params`; its `…Result` element.
        fn call(&self, action: &str, params: &[(&str, &str)]) -> Xml {
            let mut body = format!("Action={action}&Version=2015-12-01");
            for (k, v) in params {
                body.push_str(&format!("&{}={}", encode(k), encode(v)));
            }
            let auth = authorization("elasticloadbalancing");
            let (status, text) = post(
                &self.endpoint,
                &[
                    (
                        "Content-Type",
                        "application/x-www-form-urlencoded; charset=utf-8",
                    ),
                    ("Authorization", &auth),
                ],
                &body,
            );
            assert_eq!(status, 200, "{action} {params:?}: {text}");
            let doc = Xml::parse(&text);
            let path = format!("{action}Response/{action}Result");
            doc.all(&path)
                .first()
                .map(|r| (*r).clone())
                .unwrap_or_else(|| panic!("{action}: no {path} in {text}"))
        }

        /// All members of a paged `action`'s `list`.
        fn paged(&self, action: &str, list: &str) -> Vec<Xml> {
            let mut out = Vec::new();
            let mut marker = String::new();
            loop {
                let params: Vec<(&str, &str)> = if marker.is_empty() {
                    Vec::new()
                } else {
                    vec![("Marker", marker.as_str())]
                };
                let page = self.call(action, &params);
                out.extend(page.all(&format!("{list}/member")).into_iter().cloned());
                marker = page.text("NextMarker");
                if marker.is_empty() {
                    return out;
                }
            }
        }

        /// The `LoadBalancer` element of `arn`.
        pub fn load_balancer(&self, arn: &str) -> Xml {
            let out = self.call(
                "DescribeLoadBalancers",
                &[("LoadBalancerArns.member.1", arn)],
            );
            let lbs = out.all("LoadBalancers/member");
            assert_eq!(lbs.len(), 1, "load balancer {arn}");
            lbs[0].clone()
        }

        /// Every load balancer in the region.
        pub fn all_load_balancers(&self) -> Vec<Xml> {
            self.paged("DescribeLoadBalancers", "LoadBalancers")
        }

        /// The listeners of load balancer `arn`.
        pub fn listeners(&self, arn: &str) -> Vec<Xml> {
            let out = self.call("DescribeListeners", &[("LoadBalancerArn", arn)]);
            out.all("Listeners/member").into_iter().cloned().collect()
        }

        /// The rules of listener `arn`, the default one included.
        pub fn rules(&self, arn: &str) -> Vec<Xml> {
            let out = self.call("DescribeRules", &[("ListenerArn", arn)]);
            out.all("Rules/member").into_iter().cloned().collect()
        }

        /// The `TargetGroup` element of `arn`.
        pub fn target_group(&self, arn: &str) -> Xml {
            let out = self.call("DescribeTargetGroups", &[("TargetGroupArns.member.1", arn)]);
            let tgs = out.all("TargetGroups/member");
            assert_eq!(tgs.len(), 1, "target group {arn}");
            tgs[0].clone()
        }

        /// Every target group in the region.
        pub fn all_target_groups(&self) -> Vec<Xml> {
            self.paged("DescribeTargetGroups", "TargetGroups")
        }
    }

    /// An XML element: enough of XML for the answers of the ELBv2 query API.
    #[derive(Debug, Clone, Default)]
    pub struct Xml {
        pub name: String,
        /// Its text (unescaped), without that of its children.
        pub text: String,
        pub children: Vec<Xml>,
    }

    impl Xml {
        /// Parses `s` into a document element whose children are the top-level elements.
        pub fn parse(s: &str) -> Xml {
            let mut open = vec![Xml::default()];
            let mut rest = s;
            while let Some(lt) = rest.find('<') {
                let text = &rest[..lt];
                if !text.trim().is_empty() {
                    let top = open.last_mut().expect("an open element");
                    top.text.push_str(&unescape(text));
                }
                let gt = lt + rest[lt..].find('>').expect("a closed tag");
                let tag = &rest[lt + 1..gt];
                rest = &rest[gt + 1..];
                if tag.starts_with('?') || tag.starts_with('!') {
                    continue;
                }
                if let Some(name) = tag.strip_prefix('/') {
                    let done = open.pop().expect("an open element");
                    assert_eq!(done.name, name.trim(), "mismatched tags in\n{s}");
                    open.last_mut()
                        .expect("a parent element")
                        .children
                        .push(done);
                    continue;
                }
                let name = tag
                    .trim_end_matches('/')
                    .split_whitespace()
                    .next()
                    .unwrap_or_default();
                let element = Xml {
                    name: name.to_string(),
                    ..Xml::default()
                };
                if tag.ends_with('/') {
                    open.last_mut()
                        .expect("a parent element")
                        .children
                        .push(element);
                } else {
                    open.push(element);
                }
            }
            assert_eq!(open.len(), 1, "unclosed elements in\n{s}");
            open.pop().expect("the document")
        }

        /// The elements at `path` (child names joined by `/`), in order.
        pub fn all(&self, path: &str) -> Vec<&Xml> {
            let mut at = vec![self];
            for name in path.split('/') {
                at = at
                    .into_iter()
                    .flat_map(|e| e.children.iter().filter(|c| c.name == name))
                    .collect();
            }
            at
        }

        /// The text of the first element at `path`, or "" when there is none.
        pub fn text(&self, path: &str) -> String {
            self.all(path)
                .first()
                .map(|e| e.text.clone())
                .unwrap_or_default()
        }
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    }

    /// A proxy on 127.0.0.1 that forwards every request to moto and records it.
    pub struct Recorder {
        /// `http://127.0.0.1:PORT`.
        pub url: String,
        /// (head, body) of each request, in order of arrival.
        requests: Arc<Mutex<Vec<(String, String)>>>,
        stop: Arc<AtomicBool>,
    }

    impl Recorder {
        pub fn start(upstream: &str) -> Recorder {
            let upstream = host(upstream).to_string();
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind recorder");
            let url = format!("http://{}", listener.local_addr().expect("addr"));
            let requests = Arc::new(Mutex::new(Vec::new()));
            let stop = Arc::new(AtomicBool::new(false));
            let (seen, stopped) = (requests.clone(), stop.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (upstream, seen) = (upstream.clone(), seen.clone());
                    std::thread::spawn(move || {
                        let _ = forward(conn, &upstream, &seen);
                    });
                }
            });
            Recorder {
                url,
                requests,
                stop,
            }
        }

        /// The JSON bodies of the recorded requests with `X-Amz-Target: target`.
        pub fn calls(&self, target: &str) -> Vec<Json> {
            let header = format!("x-amz-target: {}", target.to_ascii_lowercase());
            self.requests
                .lock()
                .expect("requests")
                .iter()
                .filter(|(head, _)| {
                    head.to_ascii_lowercase()
                        .lines()
                        .any(|l| l.trim() == header)
                })
                .map(|(_, body)| serde_json::from_str(body).expect("a JSON request"))
                .collect()
        }
    }

    impl Drop for Recorder {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::Relaxed);
            // Wake the accept loop so that it sees the flag.
            let _ = TcpStream::connect(host(&self.url));
        }
    }

    /// Reads one request from `conn`, records it, sends it on with `Connection: close`,
    /// and copies the answer back.
    fn forward(
        mut conn: TcpStream,
        upstream: &str,
        seen: &Mutex<Vec<(String, String)>>,
    ) -> std::io::Result<()> {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 8192];
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let n = conn.read(&mut chunk)?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let len = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let mut body = buf[head_end..].to_vec();
        while body.len() < len {
            let n = conn.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        seen.lock()
            .expect("requests")
            .push((head.clone(), String::from_utf8_lossy(&body).into_owned()));
        let mut up = TcpStream::connect(upstream)?;
        let mut new_head = String::new();
        for (i, line) in head.split("\r\n").enumerate() {
            let lower = line.to_ascii_lowercase();
            if line.is_empty()
                || (i > 0 && (lower.starts_with("connection:") || lower.starts_with("keep-alive:")))
            {
                continue;
            }
            new_head.push_str(line);
            new_head.push_str("\r\n");
        }
        new_head.push_str("Connection: close\r\n\r\n");
        up.write_all(new_head.as_bytes())?;
        up.write_all(&body)?;
        let mut answer = Vec::new();
        up.read_to_end(&mut answer)?;
        conn.write_all(&answer)?;
        conn.flush()
    }
}
