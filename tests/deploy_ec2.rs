//! End-to-end tests of EC2 capacity: the examples under `examples/ec2/` deployed with the
//! real binary to moto in server mode (started by `scripts/test.sh`, found through
//! `AWS_ENDPOINT_URL`), and `ecsxc run` of an EC2 task definition. What was made is
//! checked through the AWS APIs with the SDK: CloudFormation, EC2, ECS, ELBv2, ECR, Auto
//! Scaling, IAM and SSM.
//!
//! Every test deploys to a stack name of its own, so they run in parallel in one moto, and
//! none deletes its stack (moto loses stacks that hold route tables on DeleteStack).
//!
//! The services of the examples wait for steady state, which services made by
//! CloudFormation in moto never reach (moto starts no task of theirs). The tests deploy a
//! variant with `waitForSteadyState: false` on each service ([`without_waiting`]) rather
//! than cutting the wait short with `--steady-timeout 1s`: exit status 0 then means that
//! the whole deploy succeeded, where the expected exit 1 of a cut-short wait could hide a
//! real failure, and no test spends a second waiting.
//!
//! The launch templates take their image from the template parameter of type
//! `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` whose default is AWS's public
//! parameter `/aws/service/ecs/optimized-ami/amazon-linux-2023/[arm64/]recommended/image_id`,
//! and ecsxc passes no value for it. moto 5.2.5 ships both AL2023 parameters (x86-64 and
//! arm64) among its public SSM parameters and resolves them, so nothing is put first: the
//! tests read the parameter with SSM GetParameter and compare it with the launch template.
//!
//! What moto 5.2.5 does not model, so that no test can see it (each test says which apply):
//! * `AWS::ECS::CapacityProvider` and `AWS::ECS::ClusterCapacityProviderAssociations` are
//!   not made at all: the stack still reaches `CREATE_COMPLETE`, and DescribeStackResources
//!   lists each as an entry with a status but no LogicalResourceId, ResourceType or
//!   PhysicalResourceId ([`assert_unmodelled`]). So the capacity provider's managed scaling
//!   (target capacity), managed termination protection, and the cluster's capacity
//!   providers and default strategy are not seen (ECS DescribeClusters lists none;
//!   DescribeCapacityProviders answers HTTP 500 without names, and `MISSING` even for
//!   `FARGATE`). They are checked in the template CloudFormation holds instead.
//! * `AWS::ECS::Service`: only Cluster, TaskDefinition, DesiredCount and ServiceName are
//!   used: `CapacityProviderStrategy`, `SchedulingStrategy` (always `REPLICA`),
//!   `PlacementStrategies`, `PlacementConstraints`, `LoadBalancers` and
//!   `NetworkConfiguration` are dropped, and the launch type always reads `EC2`.
//! * `AWS::ECS::TaskDefinition`: `NetworkMode` (always `bridge`), `RequiresCompatibilities`
//!   (`compatibilities` always `[EC2]`), `Cpu`, `PlacementConstraints` and the roles are
//!   dropped; containers and the task-level `Memory` are kept.
//! * `AWS::IAM::Role`: `ManagedPolicyArns` are not attached.
//! * `AWS::ECS::Cluster`: `Tags` are dropped.
//! * `AWS::AutoScaling::AutoScalingGroup`: the group, its sizes, subnets, launch template,
//!   scale-in protection and tags are kept, and it starts fake instances of the launch
//!   template's type, image and security group; but those instances get neither the
//!   template's instance profile nor its metadata options (they read `HttpTokens:
//!   optional`), so both are checked on the launch template.
//! * `AWS::ElasticLoadBalancingV2::LoadBalancer`: `Type` is ignored (every load balancer
//!   is `application`, so the TCP listener of a Network Load Balancer is refused).

mod support;

use std::collections::BTreeSet;

use aws_sdk_autoscaling::types::AutoScalingGroup;
use aws_sdk_ecs::types::{ClusterField, Service, TaskDefinition};
use aws_sdk_elasticloadbalancingv2::types::{
    LoadBalancer, ProtocolEnum, TargetGroup, TargetTypeEnum,
};
use serde_json::Value as Json;
use support::aws::{
    assert_unmodelled, aws, filter, lb_subnets, sorted, template_logicals, Aws, Rule, Stack,
};
use support::proxy::Proxy;
use support::{
    ecsxc, example, root, run, run_task_calls, stand_in_docker, with_path, without_waiting, Program,
};

impl Aws {
    /// The Auto Scaling group `name`.
    async fn auto_scaling_group(&self, name: &str) -> AutoScalingGroup {
        let out = self
            .autoscaling
            .describe_auto_scaling_groups()
            .auto_scaling_group_names(name)
            .send()
            .await
            .expect("DescribeAutoScalingGroups");
        let groups = out.auto_scaling_groups();
        assert_eq!(
            groups
                .iter()
                .map(|g| g.auto_scaling_group_name())
                .collect::<Vec<_>>(),
            vec![Some(name)],
            "one group: {groups:?}"
        );
        groups[0].clone()
    }

    /// The names of every Auto Scaling group in the region (all pages).
    async fn auto_scaling_group_names(&self) -> Vec<String> {
        let groups: Vec<AutoScalingGroup> = self
            .autoscaling
            .describe_auto_scaling_groups()
            .max_records(100)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<_, _>>()
            .await
            .expect("DescribeAutoScalingGroups");
        groups
            .iter()
            .filter_map(|g| g.auto_scaling_group_name())
            .map(str::to_string)
            .collect()
    }

    /// SSM GetParameter of `name`: its value.
    async fn ssm_parameter(&self, name: &str) -> String {
        let out = self
            .ssm
            .get_parameter()
            .name(name)
            .send()
            .await
            .expect("GetParameter");
        out.parameter()
            .and_then(|p| p.value())
            .unwrap_or_else(|| panic!("a value for {name}: {out:?}"))
            .to_string()
    }

    /// The only service of cluster `cluster` with ARN `arn`.
    async fn service(&self, cluster: &str, arn: &str) -> Service {
        let out = self
            .ecs
            .describe_services()
            .cluster(cluster)
            .services(arn)
            .send()
            .await
            .expect("DescribeServices");
        assert_eq!(out.services().len(), 1, "{:?}", out.failures());
        let s = out.services()[0].clone();
        assert_eq!(s.status(), Some("ACTIVE"));
        s
    }

    /// ECS DescribeTaskDefinition of `arn`.
    async fn task_definition(&self, arn: &str) -> TaskDefinition {
        self.ecs
            .describe_task_definition()
            .task_definition(arn)
            .send()
            .await
            .expect("DescribeTaskDefinition")
            .task_definition()
            .cloned()
            .expect("a task definition")
    }

    /// The cluster `name` as ECS has it, with its tags.
    async fn cluster(&self, name: &str) -> aws_sdk_ecs::types::Cluster {
        let out = self
            .ecs
            .describe_clusters()
            .clusters(name)
            .include(ClusterField::Tags)
            .send()
            .await
            .expect("DescribeClusters");
        assert_eq!(out.clusters().len(), 1, "{:?}", out.failures());
        out.clusters()[0].clone()
    }

    /// The target group that the only listener of load balancer `lb`, on `port`, forwards to.
    async fn forwarded_by_listener(&self, lb: &str, port: i32) -> TargetGroup {
        let listeners = self.listeners(lb).await;
        assert_eq!(listeners.len(), 1, "one listener");
        let listener = &listeners[0];
        assert_eq!(listener.port(), Some(port));
        assert_eq!(listener.protocol(), Some(&ProtocolEnum::Http));
        let tg = listener
            .default_actions()
            .iter()
            .find_map(|a| a.target_group_arn())
            .expect("the listener forwards to a target group");
        self.target_group(tg).await
    }
}

/// [`Aws::deployed`], and checks the resources moto does not make ([`assert_unmodelled`]).
async fn deployed(aws: &Aws, p: &Program) -> Stack {
    let stack = aws.deployed(p).await;
    assert_unmodelled(&stack, &UNMODELLED);
    stack
}

/// The resource types of moto 5.2.5 that CloudFormation accepts but does not make.
const UNMODELLED: [&str; 2] = [
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::ClusterCapacityProviderAssociations",
];

/// The one security group of load balancer `lb`.
fn lb_group(lb: &LoadBalancer) -> String {
    let groups = lb.security_groups();
    assert_eq!(groups.len(), 1, "{groups:?}");
    groups[0].clone()
}

/// What an `AutoScalingGroup` of a program should have made.
struct WantCapacity<'a> {
    instance_type: &'a str,
    min: u32,
    max: u32,
    /// A Graviton (arm64) instance type, so the arm64 image.
    arm64: bool,
    /// The subnets it launches into, sorted.
    subnets: &'a [String],
    /// Tags of the group, propagated to its instances.
    tags: &'a [(&'a str, &'a str)],
}

/// What an `AutoScalingGroup` made, as found through the APIs.
#[derive(Debug)]
struct Capacity {
    launch_template: String,
    instance_profile: String,
    role: String,
    security_group: String,
    /// (instance id, subnet), sorted.
    instances: Vec<(String, String)>,
}

/// Asserts the Auto Scaling group `group` (of a stack with template `template`, for ECS
/// cluster `cluster`) and what hangs off it: the launch template (instance type, IMDSv2,
/// the ECS-optimized AL2023 image of AWS's public SSM parameter, user data that joins the
/// cluster, the instance profile and security group), the instance profile and its role,
/// the group's sizes, subnets, launch template version and tags, and the instances moto
/// started from it.
async fn assert_capacity(
    aws: &Aws,
    template: &Json,
    group: &str,
    cluster: &str,
    want: &WantCapacity<'_>,
) -> Capacity {
    // The group.
    let asg = aws.auto_scaling_group(group).await;
    let size = |n: u32| Some(i32::try_from(n).expect("a size"));
    assert_eq!(asg.min_size(), size(want.min), "{asg:?}");
    assert_eq!(asg.max_size(), size(want.max), "{asg:?}");
    assert_eq!(asg.desired_capacity(), size(want.min), "{asg:?}");
    assert_eq!(asg.new_instances_protected_from_scale_in(), Some(true));
    let subnets = sorted(
        asg.vpc_zone_identifier()
            .expect("subnets")
            .split(',')
            .map(str::to_string),
    );
    assert_eq!(subnets, want.subnets, "the group's subnets");
    let lt = asg.launch_template().expect("a launch template");
    let launch_template = lt.launch_template_id().expect("its id").to_string();
    assert_eq!(
        lt.version(),
        Some("1"),
        "the launch template's latest version"
    );
    let tags = sorted(
        asg.tags()
            .iter()
            .map(|t| (t.key().unwrap_or_default(), t.value().unwrap_or_default())),
    );
    // The program's, and the one ECS manages the group by.
    let wanted = sorted(want.tags.iter().copied().chain([("AmazonECSManaged", "")]));
    assert_eq!(tags, wanted, "the group's tags");
    assert!(
        asg.tags()
            .iter()
            .all(|t| t.propagate_at_launch() == Some(true)),
        "every tag propagates to the instances: {:?}",
        asg.tags()
    );

    // Its launch template: one version.
    let versions = aws
        .ec2
        .describe_launch_template_versions()
        .launch_template_id(&launch_template)
        .send()
        .await
        .expect("DescribeLaunchTemplateVersions");
    let versions = versions.launch_template_versions();
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert_eq!(versions[0].version_number(), Some(1));
    let data = versions[0]
        .launch_template_data()
        .expect("launch template data");
    assert_eq!(
        data.instance_type().map(|t| t.as_str()),
        Some(want.instance_type)
    );
    let imds = data.metadata_options().expect("metadata options");
    assert_eq!(
        imds.http_tokens().map(|t| t.as_str()),
        Some("required"),
        "IMDSv2 only"
    );
    assert_eq!(imds.http_endpoint().map(|e| e.as_str()), Some("enabled"));
    assert_eq!(
        imds.http_put_response_hop_limit(),
        Some(2),
        "containers in bridge mode reach IMDS through one more hop"
    );

    // The image: the template parameter the launch template refers to, of the SSM type,
    // whose default is AWS's public parameter of the ECS-optimized AL2023 image; moto has
    // that parameter and resolved it.
    let lt_logicals = template_logicals(template, "AWS::EC2::LaunchTemplate");
    assert_eq!(lt_logicals.len(), 1, "{lt_logicals:?}");
    let asked = &template["Resources"][&lt_logicals[0]]["Properties"]["LaunchTemplateData"];
    let param = asked["ImageId"]["Ref"]
        .as_str()
        .unwrap_or_else(|| panic!("ImageId is a parameter: {asked}"));
    let param = &template["Parameters"][param];
    assert_eq!(
        param["Type"],
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    );
    let path = if want.arm64 {
        "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
    } else {
        "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
    };
    assert_eq!(param["Default"], path);
    let image = aws.ssm_parameter(path).await;
    assert!(image.starts_with("ami-"), "{path} = {image}");
    assert_eq!(data.image_id(), Some(image.as_str()), "the image of {path}");

    // User data: a shell script that joins the cluster.
    let user_data = data.user_data().expect("user data");
    let user_data = aws_smithy_types::base64::decode(user_data).expect("base64 user data");
    let user_data = String::from_utf8(user_data).expect("UTF-8 user data");
    assert!(user_data.starts_with("#!/bin/bash\n"), "{user_data}");
    assert!(
        user_data.contains(&format!(
            "echo ECS_CLUSTER={cluster} >> /etc/ecs/ecs.config\n"
        )),
        "{user_data}"
    );

    // The instance profile, and the role in it, which EC2 may assume.
    let profile_arn = data
        .iam_instance_profile()
        .and_then(|p| p.arn())
        .expect("an instance profile ARN")
        .to_string();
    let instance_profile = profile_arn
        .rsplit('/')
        .next()
        .expect("profile name")
        .to_string();
    let profile = aws
        .iam
        .get_instance_profile()
        .instance_profile_name(&instance_profile)
        .send()
        .await
        .expect("GetInstanceProfile");
    let profile = profile.instance_profile().expect("an instance profile");
    assert_eq!(profile.arn(), profile_arn);
    let roles = profile.roles();
    assert_eq!(
        roles.len(),
        1,
        "one role in {instance_profile}: {profile:?}"
    );
    let role = roles[0].role_name().to_string();
    // IAM gives policy documents URL-encoded (moto gives them as they are).
    let trust = aws.trust_policy(&role).await;
    assert_eq!(
        trust["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
    // The role gets AWS's managed policy for ECS container instances. moto does not attach
    // the ManagedPolicyArns of an AWS::IAM::Role, so IAM lists none here: the template
    // CloudFormation holds shows that it was asked for.
    let attached = aws
        .iam
        .list_attached_role_policies()
        .role_name(&role)
        .send()
        .await
        .expect("ListAttachedRolePolicies");
    for arn in attached
        .attached_policies()
        .iter()
        .filter_map(|p| p.policy_arn())
    {
        assert!(
            arn.ends_with(":policy/service-role/AmazonEC2ContainerServiceforEC2Role"),
            "{arn}"
        );
    }
    let role_logicals = template_logicals(template, "AWS::IAM::Role");
    let asked_policies: Vec<String> = role_logicals
        .iter()
        .filter(|id| {
            template["Resources"][id.as_str()]["Properties"]["AssumeRolePolicyDocument"]
                ["Statement"][0]["Principal"]["Service"]
                == "ec2.amazonaws.com"
        })
        .flat_map(|id| {
            template["Resources"][id.as_str()]["Properties"]["ManagedPolicyArns"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|p| p["Fn::Sub"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        asked_policies,
        vec![
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
        ]
    );

    // The instances' security group.
    let groups = data.security_group_ids();
    assert_eq!(groups.len(), 1, "{groups:?}");
    let security_group = groups[0].clone();

    // The instances moto started: as many as the minimum, of the template's type, image
    // and group, in the group's subnets, with its tags. (They show neither the instance
    // profile nor the metadata options of the template: moto does not apply those.)
    let out = aws
        .ec2
        .describe_instances()
        .filters(filter("tag:aws:autoscaling:groupName", group))
        .send()
        .await
        .expect("DescribeInstances");
    let instances: Vec<&aws_sdk_ec2::types::Instance> = out
        .reservations()
        .iter()
        .flat_map(|r| r.instances())
        .collect();
    assert_eq!(instances.len(), want.min as usize, "{group}: {instances:?}");
    for i in &instances {
        assert_eq!(
            i.instance_type().map(|t| t.as_str()),
            Some(want.instance_type)
        );
        assert_eq!(i.image_id(), Some(image.as_str()));
        let subnet = i.subnet_id().unwrap_or_default();
        assert!(
            want.subnets.iter().any(|s| s == subnet),
            "{subnet} is one of {:?}",
            want.subnets
        );
        assert_eq!(
            i.security_groups()
                .iter()
                .filter_map(|g| g.group_id())
                .collect::<Vec<_>>(),
            vec![security_group.as_str()]
        );
        for (k, v) in want.tags {
            assert!(
                i.tags()
                    .iter()
                    .any(|t| t.key() == Some(k) && t.value() == Some(v)),
                "tag {k}={v} on {:?}",
                i.tags()
            );
        }
    }
    Capacity {
        launch_template,
        instance_profile,
        role,
        security_group,
        instances: sorted(instances.iter().map(|i| {
            (
                i.instance_id().unwrap_or_default().to_string(),
                i.subnet_id().unwrap_or_default().to_string(),
            )
        })),
    }
}

/// [`assert_capacity`] for the only Auto Scaling group of a deployed stack, and checks that
/// what it found is the stack's.
async fn assert_stack_capacity(aws: &Aws, stack: &Stack, want: &WantCapacity<'_>) -> Capacity {
    let group = stack.only("AWS::AutoScaling::AutoScalingGroup");
    let cluster = stack.only("AWS::ECS::Cluster");
    let c = assert_capacity(aws, &stack.template, &group, &cluster, want).await;
    assert_eq!(
        c.launch_template,
        stack.only("AWS::EC2::LaunchTemplate"),
        "the stack's launch template"
    );
    assert_eq!(c.instance_profile, stack.only("AWS::IAM::InstanceProfile"));
    assert!(
        stack.ids("AWS::IAM::Role").contains(&c.role),
        "{} is the stack's",
        c.role
    );
    assert!(
        stack
            .ids("AWS::EC2::SecurityGroup")
            .contains(&c.security_group),
        "{} is the stack's",
        c.security_group
    );
    // The capacity provider and the cluster's association with it are not made by moto
    // (see `assert_unmodelled`); what CloudFormation was asked for: a provider with managed
    // scaling and termination protection on this group, the cluster's only provider and
    // its default strategy.
    let provider = stack.only_logical("AWS::ECS::CapacityProvider");
    let asked = &stack.props(&provider)["AutoScalingGroupProvider"];
    let group_logical = stack.only_logical("AWS::AutoScaling::AutoScalingGroup");
    assert_eq!(
        asked["AutoScalingGroupArn"]["Ref"],
        group_logical.as_str(),
        "{asked}"
    );
    assert_eq!(asked["ManagedScaling"]["Status"], "ENABLED");
    assert_eq!(asked["ManagedTerminationProtection"], "ENABLED");
    let association = stack.only_logical("AWS::ECS::ClusterCapacityProviderAssociations");
    let asked = stack.props(&association);
    assert_eq!(
        asked["CapacityProviders"],
        serde_json::json!([{ "Ref": provider }])
    );
    assert_eq!(
        asked["DefaultCapacityProviderStrategy"],
        serde_json::json!([{ "CapacityProvider": { "Ref": provider }, "Weight": 1 }])
    );
    // ECS lists no capacity provider for the cluster in moto; should it list some, they
    // are not Fargate's.
    let ecs_cluster = aws.cluster(&cluster).await;
    assert!(
        ecs_cluster
            .capacity_providers()
            .iter()
            .all(|p| !p.starts_with("FARGATE")),
        "{ecs_cluster:?}"
    );
    c
}

/// The stack's only service, with its task definition, as ECS has them.
async fn only_service(aws: &Aws, stack: &Stack) -> (Service, TaskDefinition) {
    let service = aws
        .service(
            &stack.only("AWS::ECS::Cluster"),
            &stack.only("AWS::ECS::Service"),
        )
        .await;
    let arn = service.task_definition().expect("a task definition");
    let logical = stack.only_logical("AWS::ECS::Service");
    let td_logical = stack.props(&logical)["TaskDefinition"]["Ref"]
        .as_str()
        .expect("a Ref to the task definition")
        .to_string();
    assert_eq!(
        arn,
        stack.physical(&td_logical),
        "the service runs the stack's task definition"
    );
    let td = aws.task_definition(arn).await;
    (service, td)
}

/// Asserts the network mode and required compatibilities of a task definition made by
/// CloudFormation, as ECS reports them and as the template asks (`asked`, the task
/// definition's properties). moto drops both: it reports `bridge` and no required
/// compatibilities, so ECS must report what was asked or moto's defaults.
fn assert_launch(td: &TaskDefinition, asked: &Json, mode: &str, compatibility: &str) {
    assert_eq!(asked["NetworkMode"], mode, "{asked}");
    assert_eq!(
        asked["RequiresCompatibilities"],
        serde_json::json!([compatibility]),
        "{asked}"
    );
    let reported = td.network_mode().map(|m| m.as_str()).unwrap_or("bridge");
    assert!(
        reported == mode || reported == "bridge",
        "network mode {reported}, asked for {mode}"
    );
    let required: Vec<&str> = td
        .requires_compatibilities()
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert!(
        required.is_empty() || required == [compatibility],
        "requires {required:?}, asked for {compatibility}"
    );
}

/// Asserts that no task started by ecsxc is in `cluster`.
async fn assert_no_task(aws: &Aws, cluster: &str) {
    let tasks = aws
        .ecs
        .list_tasks()
        .cluster(cluster)
        .started_by("ecsxc")
        .send()
        .await
        .expect("ListTasks");
    assert!(tasks.task_arns().is_empty(), "{:?}", tasks.task_arns());
}

/// `examples/ec2/bridge_dynamic_ports.ecsx`: three web servers in bridge mode on two
/// t3.small instances behind an Application Load Balancer that finds their dynamic host
/// ports. Then an update (four servers) and a redeploy without changes.
///
/// Not seen through moto: the capacity provider and its association; the service's
/// capacity provider strategy and load balancer (`loadBalancers: []`).
#[tokio::test(flavor = "multi_thread")]
async fn bridge_mode_admits_the_load_balancer_on_dynamic_ports() {
    let aws = aws().await;
    let p = Program::deployable("ec2-bridge", "ec2/bridge_dynamic_ports.ecsx");
    let stack = deployed(&aws, &p).await;

    let (vpc, subnets) = aws.default_network().await;
    let want = WantCapacity {
        instance_type: "t3.small",
        min: 2,
        max: 4,
        arm64: false,
        subnets: &subnets,
        tags: &[],
    };
    let capacity = assert_stack_capacity(&aws, &stack, &want).await;
    assert_eq!(capacity.instances.len(), 2);

    // The load balancer admits port 80 from anywhere; the instances admit the load
    // balancer, and only it, on the ephemeral range where Docker maps dynamic host ports.
    let lb = aws
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .await;
    assert_eq!(lb.vpc_id(), Some(vpc.as_str()));
    let lb_sg = lb_group(&lb);
    assert_eq!(aws.ingress(&lb_sg).await, vec![Rule::tcp(80, "0.0.0.0/0")]);
    assert_eq!(
        aws.ingress(&capacity.security_group).await,
        vec![Rule::tcp_range(32768, 65535, &lb_sg)]
    );
    let groups = stack.ids("AWS::EC2::SecurityGroup");
    assert_eq!(
        groups,
        sorted([lb_sg.clone(), capacity.security_group.clone()])
    );
    assert_eq!(aws.group_vpcs(&groups).await, BTreeSet::from([vpc.clone()]));

    // The listener forwards to instance targets (the instance and its host port).
    let tg = aws
        .forwarded_by_listener(lb.load_balancer_arn().expect("ARN"), 80)
        .await;
    assert_eq!(
        tg.target_group_arn(),
        Some(
            stack
                .only("AWS::ElasticLoadBalancingV2::TargetGroup")
                .as_str()
        )
    );
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Instance));
    assert_eq!(tg.port(), Some(80));
    assert_eq!(tg.protocol(), Some(&ProtocolEnum::Http));
    assert_eq!(tg.vpc_id(), Some(vpc.as_str()));

    // The service and its task definition: bridge mode, no fixed host port.
    let (service, td) = only_service(&aws, &stack).await;
    assert_eq!(service.desired_count(), 3);
    let containers = td.container_definitions();
    assert_eq!(containers.len(), 1);
    let nginx = &containers[0];
    assert_eq!(nginx.name(), Some("nginx"));
    assert_eq!(nginx.image(), Some("nginx"));
    assert_eq!(nginx.memory(), Some(256));
    let ports = nginx.port_mappings();
    assert_eq!(ports.len(), 1);
    assert_eq!(ports[0].container_port(), Some(80));
    assert!(
        matches!(ports[0].host_port(), None | Some(0)),
        "a dynamic host port: {ports:?}"
    );
    let logical = stack.only_logical("AWS::ECS::Service");
    let asked = stack.props(&logical);
    assert_eq!(
        asked["LoadBalancers"][0]["ContainerPort"], 80,
        "moto drops the service's load balancers: {asked}"
    );
    let td_asked = stack.props(&stack.only_logical("AWS::ECS::TaskDefinition"));
    assert_launch(&td, td_asked, "bridge", "EC2");

    // An update: four servers. Only the service changes; the capacity stays as it was.
    let three = without_waiting(&example("ec2/bridge_dynamic_ports.ecsx"));
    let four = three.replace("desiredCount: 3", "desiredCount: 4");
    assert_ne!(four, three, "the example says `desiredCount: 3`");
    std::fs::write(&p.file, &four).expect("write the update");
    let r = p.deploy(ecsxc(&aws.endpoint));
    assert!(r.stdout.contains("~ SiteService"), "{}", r.both());
    assert!(
        r.stdout.contains("0 to add, 1 to change, 0 to remove"),
        "{}",
        r.both()
    );
    assert_eq!(aws.stack_status(&p.stack).await, "UPDATE_COMPLETE");
    let (service, _) = only_service(&aws, &stack).await;
    assert_eq!(service.desired_count(), 4);
    let again = assert_stack_capacity(&aws, &stack, &want).await;
    assert_eq!(again.instances, capacity.instances, "no instance replaced");

    let r = p.deploy(ecsxc(&aws.endpoint));
    assert!(r.stdout.contains("no changes"), "{}", r.both());
}

/// `examples/ec2/daemon.ecsx`: a log agent on every instance, in host network mode, and
/// `ecsxc run` of the service's task definition.
///
/// Not seen through moto: the capacity provider and its association; the service's
/// `SchedulingStrategy: DAEMON` (moto makes a `REPLICA` service with no desired count) and
/// the task definition's `NetworkMode: host` (moto says `bridge`).
///
/// A daemon takes no capacity provider, so `ecsxc run` starts its task with launch type
/// EC2. moto's RunTask with launch type EC2 (or with a strategy whose first provider is
/// not Fargate's) needs container instances registered in the cluster, which moto's fake
/// instances never are: it answers HTTP 500 with an HTML page (`Exception: No instances
/// found in cluster …`), where AWS would start the task on an instance of the group. The
/// test checks that ecsxc asks RunTask the right thing (through a recording proxy),
/// retries the 500 with one idempotency token, and reports the failure as a one-line
/// error without the parser's internals, with exit status 1, no task ARN and no panic.
#[tokio::test(flavor = "multi_thread")]
async fn daemon_service_runs_on_every_instance() {
    let aws = aws().await;
    let p = Program::deployable("ec2-daemon", "ec2/daemon.ecsx");
    let stack = deployed(&aws, &p).await;

    let (_, subnets) = aws.default_network().await;
    let capacity = assert_stack_capacity(
        &aws,
        &stack,
        &WantCapacity {
            instance_type: "m7i.large",
            min: 2,
            max: 10,
            arm64: false,
            subnets: &subnets,
            tags: &[],
        },
    )
    .await;
    // No load balancer: the instances admit nothing.
    assert_eq!(
        stack.ids("AWS::ElasticLoadBalancingV2::LoadBalancer").len(),
        0
    );
    assert_eq!(aws.ingress(&capacity.security_group).await, vec![]);

    let (service, td) = only_service(&aws, &stack).await;
    let strategy = service
        .scheduling_strategy()
        .map(|s| s.as_str())
        .unwrap_or_default();
    if strategy == "DAEMON" {
        // What AWS reports: as many tasks as instances (moto never gets here).
        assert_eq!(service.desired_count(), capacity.instances.len() as i32);
    } else {
        assert_eq!(strategy, "REPLICA", "moto's default");
        assert_eq!(service.desired_count(), 0, "a DAEMON service asks for none");
    }
    assert_eq!(service.launch_type().map(|l| l.as_str()), Some("EC2"));
    let logical = stack.only_logical("AWS::ECS::Service");
    let asked = stack.props(&logical);
    assert_eq!(asked["SchedulingStrategy"], "DAEMON");
    assert_eq!(
        asked["LaunchType"], "EC2",
        "daemons take no capacity provider"
    );
    assert!(asked.get("CapacityProviderStrategy").is_none(), "{asked}");
    assert!(asked.get("DesiredCount").is_none(), "{asked}");
    assert_eq!(asked["DeploymentConfiguration"]["MinimumHealthyPercent"], 0);
    assert_eq!(asked["DeploymentConfiguration"]["MaximumPercent"], 100);

    let td_asked = stack.props(&stack.only_logical("AWS::ECS::TaskDefinition"));
    assert_launch(&td, td_asked, "host", "EC2");
    let containers = td.container_definitions();
    assert_eq!(containers.len(), 1);
    let agent = &containers[0];
    assert_eq!(agent.name(), Some("fluentbit"));
    assert_eq!(
        agent.image(),
        Some("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
    );
    assert_eq!(agent.memory_reservation(), Some(64));
    assert_eq!(agent.memory(), None);
    let ports = agent.port_mappings();
    assert_eq!(ports.len(), 1);
    assert_eq!(ports[0].container_port(), Some(2020));

    // `ecsxc run … agent`: moto cannot place it (see above).
    let cluster = stack.only("AWS::ECS::Cluster");
    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, "agent", "--stack", &p.stack],
    );
    assert_eq!(r.code, 1, "{}", r.both());
    assert_eq!(
        r.stderr,
        "error: RunTask: unreadable response (HTTP 500) from the service\n",
        "one line of error, without the parser's internals: {}",
        r.both()
    );
    assert_eq!(r.stdout, "", "no task ARN: {}", r.both());
    let calls = run_task_calls(&recorder);
    assert_eq!(
        calls.len(),
        5,
        "the 500 is retried up to ecsxc's default of 5 attempts: {calls:?}"
    );
    let td_logical = asked["TaskDefinition"]["Ref"]
        .as_str()
        .expect("a Ref to the task definition");
    for call in &calls {
        assert_eq!(call["cluster"], cluster.as_str());
        assert_eq!(call["taskDefinition"], stack.physical(td_logical).as_str());
        assert_eq!(call["launchType"], "EC2", "{call}");
        assert!(
            call.get("capacityProviderStrategy").is_none(),
            "a launch type, not a strategy: {call}"
        );
        assert_eq!(call["count"], 1);
        assert_eq!(call["startedBy"], "ecsxc");
        assert!(
            call.get("networkConfiguration").is_none(),
            "a host-mode task takes no network configuration: {call}"
        );
    }
    let tokens: BTreeSet<&str> = calls
        .iter()
        .map(|c| c["clientToken"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        tokens.len(),
        1,
        "every attempt carries one idempotency token: {tokens:?}"
    );
    assert!(!tokens.contains(""), "an idempotency token: {calls:?}");
    assert_no_task(&aws, &cluster).await;
}

/// `examples/ec2/placement.ecsx`: a Graviton group in the private subnets of a VPC of the
/// stack's own, and a service spread over zones, then packed by memory, on arm64 only.
///
/// Not seen through moto: the capacity provider (with its target capacity of 80 %) and its
/// association; the service's placement strategies, placement constraint and capacity
/// provider strategy.
#[tokio::test(flavor = "multi_thread")]
async fn placement_on_graviton_in_private_subnets() {
    let aws = aws().await;
    let p = Program::deployable("ec2-placement", "ec2/placement.ecsx");
    let stack = deployed(&aws, &p).await;

    // Six subnets in three zones; the private ones (no public IPs on launch, as asked of
    // CloudFormation: moto ignores MapPublicIpOnLaunch) are where the instances go.
    let vpc = stack.only("AWS::EC2::VPC");
    let subnets = aws.vpc_subnets(&vpc).await;
    assert_eq!(
        subnets.iter().map(|s| s.0.clone()).collect::<Vec<_>>(),
        stack.ids("AWS::EC2::Subnet")
    );
    assert_eq!(subnets.len(), 6, "{subnets:?}");
    let private: Vec<String> = sorted(
        template_logicals(&stack.template, "AWS::EC2::Subnet")
            .iter()
            .filter(|id| stack.props(id)["MapPublicIpOnLaunch"] != Json::Bool(true))
            .map(|id| stack.physical(id)),
    );
    assert_eq!(private.len(), 3, "{subnets:?}");
    let zones: BTreeSet<&str> = subnets
        .iter()
        .filter(|s| private.contains(&s.0))
        .map(|s| s.1.as_str())
        .collect();
    assert_eq!(zones.len(), 3, "a private subnet per zone: {subnets:?}");

    let capacity = assert_stack_capacity(
        &aws,
        &stack,
        &WantCapacity {
            instance_type: "m7g.large",
            min: 3,
            max: 9,
            arm64: true,
            subnets: &private,
            tags: &[("Team", "platform")],
        },
    )
    .await;
    assert_eq!(
        aws.group_vpcs(std::slice::from_ref(&capacity.security_group))
            .await,
        BTreeSet::from([vpc.clone()])
    );
    assert_eq!(aws.ingress(&capacity.security_group).await, vec![]);
    let x86 = aws
        .ssm_parameter("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")
        .await;
    let arm = aws
        .ssm_parameter(
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
        )
        .await;
    assert_ne!(x86, arm, "the arm64 image is another one");
    let provider = stack.only_logical("AWS::ECS::CapacityProvider");
    assert_eq!(
        stack.props(&provider)["AutoScalingGroupProvider"]["ManagedScaling"]["TargetCapacity"],
        80
    );

    let (service, td) = only_service(&aws, &stack).await;
    assert_eq!(service.desired_count(), 6);
    let strategies: Vec<(String, String)> = service
        .placement_strategy()
        .iter()
        .map(|s| {
            (
                s.r#type()
                    .map(|t| t.as_str())
                    .unwrap_or_default()
                    .to_string(),
                s.field().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let want = vec![
        (
            "spread".to_string(),
            "attribute:ecs.availability-zone".to_string(),
        ),
        ("binpack".to_string(), "memory".to_string()),
    ];
    // Empty in moto (dropped); on AWS, in this order.
    if !strategies.is_empty() {
        assert_eq!(strategies, want);
    }
    let logical = stack.only_logical("AWS::ECS::Service");
    let asked = stack.props(&logical);
    assert_eq!(
        asked["PlacementStrategies"],
        serde_json::json!([
            { "Type": "spread", "Field": "attribute:ecs.availability-zone" },
            { "Type": "binpack", "Field": "memory" },
        ])
    );
    assert_eq!(
        asked["PlacementConstraints"],
        serde_json::json!([
            { "Type": "memberOf", "Expression": "attribute:ecs.cpu-architecture == arm64" },
        ])
    );
    assert_eq!(
        asked["CapacityProviderStrategy"],
        serde_json::json!([{ "CapacityProvider": { "Ref": provider }, "Weight": 1 }])
    );
    let td_asked = stack.props(&stack.only_logical("AWS::ECS::TaskDefinition"));
    assert_launch(&td, td_asked, "bridge", "EC2");
    let containers = td.container_definitions();
    assert_eq!(containers.len(), 1);
    assert_eq!(containers[0].name(), Some("worker"));
    assert_eq!(containers[0].memory(), Some(512));
    assert_eq!(containers[0].command(), ["sh", "-c", "sleep 3600"]);
}

/// `examples/ec2/fargate_spot.ecsx`: a Fargate service with two tasks on regular Fargate
/// and the rest three to one on Fargate Spot; no EC2 capacity at all. Then `ecsxc run` of
/// the service's task definition, which starts it with the service's strategy.
///
/// Not seen through moto: the cluster's association with FARGATE and FARGATE_SPOT; the
/// service's capacity provider strategy (moto reports launch type `EC2`), load balancer
/// and network configuration; the task definition's Fargate compatibility, `awsvpc`
/// network mode and CPU.
///
/// moto's RunTask reads only the name of the first provider of a strategy (weights and
/// bases are ignored, and no name is checked): for `FARGATE` or `FARGATE_SPOT` it makes
/// the tasks at once, with that provider's name and an empty launch type; for any other
/// name it needs container instances, as for launch type EC2 (see
/// `daemon_service_runs_on_every_instance`).
#[tokio::test(flavor = "multi_thread")]
async fn fargate_spot_strategy() {
    let aws = aws().await;
    let p = Program::deployable("ec2-spot", "ec2/fargate_spot.ecsx");
    let stack = deployed(&aws, &p).await;

    for kind in [
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::EC2::LaunchTemplate",
        "AWS::IAM::InstanceProfile",
    ] {
        assert_eq!(stack.ids(kind), Vec::<String>::new(), "no {kind}");
    }
    assert!(template_logicals(&stack.template, "AWS::ECS::CapacityProvider").is_empty());
    let association = stack.only_logical("AWS::ECS::ClusterCapacityProviderAssociations");
    let asked = stack.props(&association);
    assert_eq!(
        asked["CapacityProviders"],
        serde_json::json!(["FARGATE", "FARGATE_SPOT"])
    );
    assert_eq!(
        asked["DefaultCapacityProviderStrategy"],
        serde_json::json!([{ "CapacityProvider": "FARGATE", "Weight": 1 }])
    );
    let cluster = aws.cluster(&stack.only("AWS::ECS::Cluster")).await;
    // Empty in moto; on AWS, Fargate's two providers.
    if !cluster.capacity_providers().is_empty() {
        assert_eq!(cluster.capacity_providers(), ["FARGATE", "FARGATE_SPOT"]);
    }

    let (service, td) = only_service(&aws, &stack).await;
    assert_eq!(service.desired_count(), 6);
    let strategy: Vec<(String, i32, i32)> = service
        .capacity_provider_strategy()
        .iter()
        .map(|s| (s.capacity_provider().to_string(), s.base(), s.weight()))
        .collect();
    // Empty in moto (dropped); on AWS, as asked.
    if !strategy.is_empty() {
        assert_eq!(
            strategy,
            vec![
                ("FARGATE".to_string(), 2, 1),
                ("FARGATE_SPOT".to_string(), 0, 3)
            ]
        );
    }
    let logical = stack.only_logical("AWS::ECS::Service");
    let asked = stack.props(&logical);
    assert_eq!(
        asked["CapacityProviderStrategy"],
        serde_json::json!([
            { "CapacityProvider": "FARGATE", "Weight": 1, "Base": 2 },
            { "CapacityProvider": "FARGATE_SPOT", "Weight": 3 },
        ])
    );
    assert!(
        asked.get("LaunchType").is_none(),
        "a strategy, not a launch type"
    );
    assert_eq!(td.memory(), Some("512"));
    let td_asked = stack.props(&stack.only_logical("AWS::ECS::TaskDefinition"));
    assert_launch(&td, td_asked, "awsvpc", "FARGATE");
    assert_eq!(td_asked["Cpu"], "256");

    // Fargate tasks are targets by IP; their group admits the load balancer on port 80.
    let lb = aws
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .await;
    let tg = aws
        .forwarded_by_listener(lb.load_balancer_arn().expect("ARN"), 80)
        .await;
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip));
    assert_eq!(tg.port(), Some(80));
    let lb_sg = lb_group(&lb);
    let tasks_sg: Vec<String> = stack
        .ids("AWS::EC2::SecurityGroup")
        .into_iter()
        .filter(|g| *g != lb_sg)
        .collect();
    assert_eq!(tasks_sg.len(), 1, "{tasks_sg:?}");
    assert_eq!(aws.ingress(&tasks_sg[0]).await, vec![Rule::tcp(80, &lb_sg)]);

    // `ecsxc run … app`: the service's strategy instead of a launch type, in the default
    // subnets with the tasks' group.
    let cluster = stack.only("AWS::ECS::Cluster");
    let (_, subnets) = aws.default_network().await;
    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, "app", "--stack", &p.stack],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    let started: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(started.len(), 1, "one task ARN: {}", r.both());
    let calls = run_task_calls(&recorder);
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0];
    assert_eq!(call["cluster"], cluster.as_str());
    assert_eq!(
        call["taskDefinition"],
        service.task_definition().expect("a task definition")
    );
    assert_eq!(
        call["capacityProviderStrategy"],
        serde_json::json!([
            { "capacityProvider": "FARGATE", "weight": 1, "base": 2 },
            { "capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0 },
        ]),
        "{call}"
    );
    assert!(
        call.get("launchType").is_none(),
        "a strategy, not a launch type: {call}"
    );
    assert_eq!(call["count"], 1);
    assert_eq!(call["startedBy"], "ecsxc");
    let vpc = &call["networkConfiguration"]["awsvpcConfiguration"];
    // ecsxc reads the default subnets from the stack's list parameter, which moto echoes
    // as a Python list (`['subnet-a', 'subnet-b']`, AWS as `subnet-a,subnet-b`): it
    // sends the bare ids either way.
    let sent = sorted(
        vpc["subnets"]
            .as_array()
            .unwrap_or_else(|| panic!("subnets in {call}"))
            .iter()
            .map(|s| s.as_str().expect("a string").to_string()),
    );
    assert_eq!(sent, subnets, "the default subnets: {call}");
    assert_eq!(vpc["securityGroups"], serde_json::json!(tasks_sg), "{call}");
    assert_eq!(
        vpc["assignPublicIp"],
        asked["NetworkConfiguration"]["AwsvpcConfiguration"]["AssignPublicIp"],
        "as the service's tasks: {call}"
    );
    let tasks = aws
        .ecs
        .describe_tasks()
        .cluster(&cluster)
        .tasks(started[0])
        .send()
        .await
        .expect("DescribeTasks");
    assert_eq!(tasks.tasks().len(), 1, "{:?}", tasks.failures());
    let task = &tasks.tasks()[0];
    assert_eq!(task.started_by(), Some("ecsxc"));
    assert_eq!(
        task.capacity_provider_name(),
        Some("FARGATE"),
        "moto takes the strategy's first provider"
    );
}

/// `examples/ec2/awsvpc_and_tasks.ecsx`: EC2 tasks with network interfaces of their own
/// behind a load balancer, and `ecsxc run` of its EC2 task definition `report`.
///
/// Not seen through moto: the capacity provider and its association; the service's
/// network configuration, load balancer, placement constraint and capacity provider
/// strategy; the task definitions' `awsvpc` network mode and placement constraint.
///
/// `ecsxc run … report` starts the task through the capacity provider of the cluster's
/// Auto Scaling group, by the name CloudFormation gave that provider (its physical id).
/// moto makes no capacity provider: ListStackResources lists it as an entry with an empty
/// logical id, type and physical id, so ecsxc cannot find its name. The test checks that
/// ecsxc then stops before RunTask (through a recording proxy) with a one-line error that
/// names the provider's logical id, exit status 1, no task ARN and no panic. What ecsxc
/// sends RunTask, and how moto answers it, is checked with the daemon (launch type EC2:
/// HTTP 500) and with Fargate Spot (a capacity-provider strategy: a task).
#[tokio::test(flavor = "multi_thread")]
async fn awsvpc_tasks_on_ec2_and_a_run_that_moto_cannot_place() {
    let aws = aws().await;
    let p = Program::deployable("ec2-awsvpc", "ec2/awsvpc_and_tasks.ecsx");
    let stack = deployed(&aws, &p).await;

    let (vpc, subnets) = aws.default_network().await;
    let capacity = assert_stack_capacity(
        &aws,
        &stack,
        &WantCapacity {
            instance_type: "c7i.xlarge",
            min: 1,
            max: 3,
            arm64: false,
            subnets: &subnets,
            tags: &[],
        },
    )
    .await;
    // The tasks have network interfaces and a group of their own, which admits the load
    // balancer on the container port; the instances admit nothing.
    let lb = aws
        .load_balancer(&stack.only("AWS::ElasticLoadBalancingV2::LoadBalancer"))
        .await;
    let lb_sg = lb_group(&lb);
    assert_eq!(aws.ingress(&capacity.security_group).await, vec![]);
    let tasks_sg: Vec<String> = stack
        .ids("AWS::EC2::SecurityGroup")
        .into_iter()
        .filter(|g| *g != lb_sg && *g != capacity.security_group)
        .collect();
    assert_eq!(tasks_sg.len(), 1, "{tasks_sg:?}");
    assert_eq!(
        aws.ingress(&tasks_sg[0]).await,
        vec![Rule::tcp(8080, &lb_sg)]
    );
    assert_eq!(aws.ingress(&lb_sg).await, vec![Rule::tcp(80, "0.0.0.0/0")]);
    let tg = aws
        .forwarded_by_listener(lb.load_balancer_arn().expect("ARN"), 80)
        .await;
    assert_eq!(tg.target_type(), Some(&TargetTypeEnum::Ip), "awsvpc tasks");
    assert_eq!(tg.port(), Some(8080));
    assert_eq!(tg.health_check_path(), Some("/health"));
    assert_eq!(tg.vpc_id(), Some(vpc.as_str()));

    let cluster = stack.only("AWS::ECS::Cluster");
    let api = aws
        .service(&cluster, &stack.only("AWS::ECS::Service"))
        .await;
    assert_eq!(api.desired_count(), 2);
    assert_eq!(
        api.task_definition(),
        Some(stack.physical("ApiTaskDefinition").as_str())
    );
    let asked = stack.props("ApiService");
    let awsvpc = &asked["NetworkConfiguration"]["AwsvpcConfiguration"];
    assert_eq!(
        awsvpc["AssignPublicIp"], "DISABLED",
        "EC2 tasks get no public IP"
    );
    let tasks_sg_logical = stack.logical(&tasks_sg[0]);
    assert_eq!(
        awsvpc["SecurityGroups"],
        serde_json::json!([{ "Fn::GetAtt": [tasks_sg_logical, "GroupId"] }]),
        "the tasks' own group"
    );
    assert_eq!(
        asked["PlacementConstraints"],
        serde_json::json!([{ "Type": "distinctInstance" }])
    );
    let td = aws
        .task_definition(&stack.physical("ApiTaskDefinition"))
        .await;
    assert_launch(&td, stack.props("ApiTaskDefinition"), "awsvpc", "EC2");
    assert_eq!(td.memory(), Some("1024"));

    let report = aws
        .task_definition(&stack.physical("ReportTaskDefinition"))
        .await;
    let report_asked = stack.props("ReportTaskDefinition");
    assert_launch(&report, report_asked, "bridge", "EC2");
    let containers = report.container_definitions();
    assert_eq!(containers.len(), 1);
    assert_eq!(containers[0].name(), Some("report"));
    assert_eq!(containers[0].memory(), Some(128));
    assert_eq!(containers[0].command(), ["echo", "report"]);
    assert_eq!(
        report_asked["PlacementConstraints"],
        serde_json::json!([
            { "Type": "memberOf", "Expression": "attribute:ecs.instance-type =~ c7i.*" },
        ])
    );

    // `ecsxc run … report`: its capacity provider has no name in moto (see above).
    let provider = stack.only_logical("AWS::ECS::CapacityProvider");
    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, "report", "--stack", &p.stack],
    );
    r.assert_failed_with(&format!(
        "error: stack `{}` lists no resource `{provider}`\n",
        p.stack
    ));
    assert!(r.stderr.starts_with("error: "), "{}", r.both());
    assert_eq!(r.stdout, "", "no task ARN: {}", r.both());
    let forwarded = recorder.forwarded();
    assert!(
        forwarded
            .iter()
            .any(|q| q.body.starts_with(b"Action=ListStackResources&")),
        "ecsxc looked for the provider's name in the stack"
    );
    assert_eq!(
        run_task_calls(&recorder),
        Vec::<Json>::new(),
        "no RunTask without the provider's name"
    );
    assert_no_task(&aws, &cluster).await;
}

/// `examples/ec2/seed_cluster.ecsx`, as it is (its image built by a stand-in `docker`),
/// but without waiting for steady state. moto ignores the load balancer's `Type: network`
/// and makes an application load balancer, which refuses the TCP listener: ExecuteChangeSet
/// fails, the stack stays `REVIEW_IN_PROGRESS` and moto keeps what it made before the
/// listener (no rollback; it makes resources in template order, with what they refer to
/// first, and ignores DependsOn). DescribeStackResources of such a stack fails with the
/// listener's error, so what was made is found through the EC2, Auto Scaling, ECS and
/// ELBv2 APIs by name and VPC: the five t2.medium instances in the private subnets of the
/// stack's VPC, and the groups that admit the load balancer on the dynamic port range.
///
/// Not seen here: the load balancer's type `network`, the TCP listener on port 80, the
/// NAT gateways (made after the listener), the capacity provider and its association
/// (never made by moto), the cluster's `Name` tag (dropped by moto).
#[tokio::test(flavor = "multi_thread")]
async fn seed_cluster_gets_as_far_as_moto_allows() {
    let aws = aws().await;
    let text = without_waiting(&example("ec2/seed_cluster.ecsx"));
    // A short prefix: moto names target groups and load balancers after the start of the
    // stack name.
    let p = Program::made("seed", |dir| {
        for file in ["Dockerfile", "index.html"] {
            let body = std::fs::read_to_string(root().join("examples/app").join(file))
                .expect("examples/app");
            support::write(dir, &format!("app/{file}"), &body);
        }
        support::write(dir, "ec2/seed_cluster.ecsx", &text)
    });
    let stack = p.stack.as_str();
    let bin = stand_in_docker(p.dir.path(), None);
    let r = p.try_deploy(with_path(ecsxc(&aws.endpoint), &bin));
    r.assert_failed_with(
        "error: ExecuteChangeSet: Listener protocol 'TCP' must be one of 'HTTP, HTTPS'",
    );
    assert!(
        r.stdout
            .contains("AWS::ECS::ClusterCapacityProviderAssociations")
            && r.stdout.contains("AWS::AutoScaling::AutoScalingGroup"),
        "{}",
        r.both()
    );
    assert_eq!(aws.stack_status(stack).await, "REVIEW_IN_PROGRESS");
    let status = run(ecsxc(&aws.endpoint), &["status", "--stack", stack]);
    assert_eq!(status.code, 0, "{}", status.both());
    assert!(
        status.stdout.contains("REVIEW_IN_PROGRESS"),
        "{}",
        status.both()
    );

    // The image was built from ../app and pushed to its ECR repository.
    let log =
        std::fs::read_to_string(p.dir.path().join("docker-calls.log")).expect("docker was called");
    let calls: Vec<&str> = log.lines().collect();
    assert_eq!(calls.len(), 4, "{log}");
    let build = calls[2]
        .strip_prefix("build --tag ")
        .unwrap_or_else(|| panic!("a build: {log}"));
    let (image, context) = build.split_once(' ').expect("tag and context");
    assert_eq!(
        std::fs::canonicalize(context).expect("the build context"),
        std::fs::canonicalize(p.dir.path().join("app")).expect("app"),
        "built from ../app: {log}"
    );
    assert_eq!(calls[3], format!("push {image}"));
    let repos = aws
        .ecr
        .describe_repositories()
        .repository_names("api-webserver")
        .send()
        .await
        .expect("the image's repository");
    let uri = repos.repositories()[0]
        .repository_uri()
        .expect("repository URI");
    assert!(image.starts_with(&format!("{uri}:")), "{image} in {uri}");

    // The Auto Scaling group, and through it the VPC.
    let groups: Vec<String> = aws
        .auto_scaling_group_names()
        .await
        .into_iter()
        .filter(|g| g.starts_with(&format!("{stack}-CapacityAutoScalingGroup-")))
        .collect();
    assert_eq!(groups.len(), 1, "{groups:?}");
    let asg = aws.auto_scaling_group(&groups[0]).await;
    let private = sorted(
        asg.vpc_zone_identifier()
            .expect("subnets")
            .split(',')
            .map(str::to_string),
    );
    let vpcs = aws
        .ec2
        .describe_subnets()
        .set_subnet_ids(Some(private.clone()))
        .send()
        .await
        .expect("DescribeSubnets");
    let vpc: BTreeSet<&str> = vpcs.subnets().iter().filter_map(|s| s.vpc_id()).collect();
    assert_eq!(vpc.len(), 1, "{vpc:?}");
    let vpc = vpc.into_iter().next().expect("a VPC").to_string();
    assert_eq!(aws.vpc(&vpc).await.cidr_block(), Some("10.0.0.0/16"));
    let subnets = aws.vpc_subnets(&vpc).await;
    assert_eq!(
        subnets.len(),
        4,
        "two zones, public and private: {subnets:?}"
    );

    // The load balancer (made `application` by moto) in the other two subnets: the public
    // ones.
    let lbs: Vec<LoadBalancer> = aws
        .all_load_balancers()
        .await
        .into_iter()
        .filter(|lb| lb.vpc_id() == Some(vpc.as_str()))
        .collect();
    assert_eq!(lbs.len(), 1, "{lbs:?}");
    let public = lb_subnets(&lbs[0]);
    assert_eq!(public.len(), 2);
    assert_eq!(
        sorted(public.iter().chain(&private).cloned()),
        subnets.iter().map(|s| s.0.clone()).collect::<Vec<_>>(),
        "the instances are in the subnets the load balancer is not in"
    );
    let lb_sg = lb_group(&lbs[0]);
    assert_eq!(aws.ingress(&lb_sg).await, vec![Rule::tcp(80, "0.0.0.0/0")]);

    let clusters: Vec<String> = aws
        .ecs
        .list_clusters()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<_, _>>()
        .await
        .expect("ListClusters");
    let cluster: Vec<&str> = clusters
        .iter()
        .filter_map(|a| a.rsplit('/').next())
        .filter(|n| n.starts_with(&format!("{stack}-Cluster-")))
        .collect();
    assert_eq!(cluster.len(), 1, "{clusters:?}");
    // moto's GetTemplate of a stack whose change set failed gives an empty template: use
    // the one ecsxc builds from the program.
    let built = run(ecsxc(&aws.endpoint), &["build", &p.file]);
    assert_eq!(built.code, 0, "{}", built.both());
    let template: Json = serde_json::from_str(&built.stdout).expect("a JSON template");
    let capacity = assert_capacity(
        &aws,
        &template,
        &groups[0],
        cluster[0],
        &WantCapacity {
            instance_type: "t2.medium",
            min: 5,
            max: 10,
            arm64: false,
            subnets: &private,
            tags: &[],
        },
    )
    .await;
    assert_eq!(capacity.instances.len(), 5);
    assert_eq!(
        aws.ingress(&capacity.security_group).await,
        vec![Rule::tcp_range(32768, 65535, &lb_sg)],
        "the instances admit the load balancer on the dynamic port range"
    );
    assert_eq!(
        aws.group_vpcs(&[capacity.security_group.clone(), lb_sg.clone()])
            .await,
        BTreeSet::from([vpc.clone()])
    );
    let tags = aws.cluster(cluster[0]).await;
    // moto drops the cluster's tags; on AWS, Name = my-custom-ecs-cluster.
    for t in tags.tags() {
        if t.key() == Some("Name") {
            assert_eq!(t.value(), Some("my-custom-ecs-cluster"));
        }
    }

    // The target group: TCP 8080 to instances (bridge mode), in the VPC.
    let tgs: Vec<TargetGroup> = aws
        .all_target_groups()
        .await
        .into_iter()
        .filter(|tg| tg.vpc_id() == Some(vpc.as_str()))
        .collect();
    assert_eq!(tgs.len(), 1, "{tgs:?}");
    assert_eq!(tgs[0].protocol(), Some(&ProtocolEnum::Tcp));
    assert_eq!(tgs[0].port(), Some(8080));
    assert_eq!(tgs[0].target_type(), Some(&TargetTypeEnum::Instance));
}
