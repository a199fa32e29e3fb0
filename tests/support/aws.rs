//! SDK clients against moto for checking what a deploy made ([`Aws`]), the stacks they
//! load ([`Stack`]), and the queries more than one test binary asks of them.

use std::collections::BTreeSet;

use aws_sdk_ec2::types::Filter;
use aws_sdk_elasticloadbalancingv2::types::{Listener, LoadBalancer, TargetGroup};
use serde_json::Value as Json;

use super::{ecsxc, moto_endpoint, Program};

/// The SDK clients the deploy tests use, against moto.
pub struct Aws {
    /// moto's endpoint, for `ecsxc` and proxies.
    pub endpoint: String,
    /// CloudFormation.
    pub cfn: aws_sdk_cloudformation::Client,
    /// EC2.
    pub ec2: aws_sdk_ec2::Client,
    /// ECS.
    pub ecs: aws_sdk_ecs::Client,
    /// Elastic Load Balancing v2.
    pub elb: aws_sdk_elasticloadbalancingv2::Client,
    /// ECR.
    pub ecr: aws_sdk_ecr::Client,
    /// Certificate Manager.
    pub acm: aws_sdk_acm::Client,
    /// Auto Scaling.
    pub autoscaling: aws_sdk_autoscaling::Client,
    /// IAM.
    pub iam: aws_sdk_iam::Client,
    /// SSM.
    pub ssm: aws_sdk_ssm::Client,
}

/// Every client, against [`moto_endpoint`].
pub async fn aws() -> Aws {
    let endpoint = moto_endpoint();
    let config = super::sdk_config(&endpoint).await;
    Aws {
        cfn: aws_sdk_cloudformation::Client::new(&config),
        ec2: aws_sdk_ec2::Client::new(&config),
        ecs: aws_sdk_ecs::Client::new(&config),
        elb: aws_sdk_elasticloadbalancingv2::Client::new(&config),
        ecr: aws_sdk_ecr::Client::new(&config),
        acm: aws_sdk_acm::Client::new(&config),
        autoscaling: aws_sdk_autoscaling::Client::new(&config),
        iam: aws_sdk_iam::Client::new(&config),
        ssm: aws_sdk_ssm::Client::new(&config),
        endpoint,
    }
}

impl Aws {
    /// The inline policy `policy` of role `role` (by name), decoded.
    pub async fn role_policy(&self, role: &str, policy: &str) -> Json {
        let out = self
            .iam
            .get_role_policy()
            .role_name(role)
            .policy_name(policy)
            .send()
            .await
            .expect("GetRolePolicy");
        let document = percent_encoding::percent_decode_str(out.policy_document())
            .decode_utf8()
            .expect("a UTF-8 policy");
        serde_json::from_str(&document)
            .or_else(|_| serde_json::from_str(&python_dict_as_json(&document)))
            .unwrap_or_else(|e| panic!("a policy document ({e}): {document}"))
    }

    /// The trust policy of role `role` (by name), decoded.
    pub async fn trust_policy(&self, role: &str) -> Json {
        let out = self
            .iam
            .get_role()
            .role_name(role)
            .send()
            .await
            .expect("GetRole");
        let document = out
            .role()
            .and_then(|r| r.assume_role_policy_document())
            .expect("a trust policy");
        let document = percent_encoding::percent_decode_str(document)
            .decode_utf8()
            .expect("a UTF-8 trust policy");
        serde_json::from_str(&document).expect("a JSON trust policy")
    }

    /// Deploys `p` (which must succeed) and loads its stack, which must be `CREATE_COMPLETE`.
    pub async fn deployed(&self, p: &Program) -> Stack {
        let r = p.deploy(ecsxc(&self.endpoint));
        assert!(r.stderr.contains("CREATE_COMPLETE"), "{}", r.both());
        assert_eq!(self.stack_status(&p.stack).await, "CREATE_COMPLETE");
        Stack::load(self, &p.stack).await
    }

    /// The status of stack `name`.
    pub async fn stack_status(&self, name: &str) -> String {
        let out = self
            .cfn
            .describe_stacks()
            .stack_name(name)
            .send()
            .await
            .expect("DescribeStacks");
        out.stacks()
            .first()
            .and_then(|s| s.stack_status())
            .map(|s| s.as_str().to_string())
            .expect("a stack status")
    }

    /// The template CloudFormation holds for stack `name`.
    pub async fn template(&self, name: &str) -> Json {
        let out = self
            .cfn
            .get_template()
            .stack_name(name)
            .send()
            .await
            .expect("GetTemplate");
        serde_json::from_str(out.template_body().expect("template body")).expect("JSON template")
    }

    /// The default VPC and its default subnets (sorted): what ecsxc deploys into when a
    /// program makes no VPC.
    pub async fn default_network(&self) -> (String, Vec<String>) {
        let vpcs = self
            .ec2
            .describe_vpcs()
            .filters(filter("is-default", "true"))
            .send()
            .await
            .expect("DescribeVpcs");
        let vpc = vpcs
            .vpcs()
            .first()
            .and_then(|v| v.vpc_id())
            .expect("a default VPC")
            .to_string();
        let subnets = self
            .ec2
            .describe_subnets()
            .filters(filter("vpc-id", &vpc))
            .filters(filter("default-for-az", "true"))
            .send()
            .await
            .expect("DescribeSubnets");
        let ids = sorted(
            subnets
                .subnets()
                .iter()
                .filter_map(|s| s.subnet_id())
                .map(str::to_string),
        );
        assert!(!ids.is_empty(), "default subnets of {vpc}");
        (vpc, ids)
    }

    /// The VPC `id`.
    pub async fn vpc(&self, id: &str) -> aws_sdk_ec2::types::Vpc {
        let out = self
            .ec2
            .describe_vpcs()
            .vpc_ids(id)
            .send()
            .await
            .expect("DescribeVpcs");
        out.vpcs().first().cloned().expect("the VPC exists")
    }

    /// The subnets of `vpc`: (id, availability zone, map public IP on launch), by id.
    pub async fn vpc_subnets(&self, vpc: &str) -> Vec<(String, String, bool)> {
        let out = self
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

    /// The VPC of each security group in `groups`.
    pub async fn group_vpcs(&self, groups: &[String]) -> BTreeSet<String> {
        let out = self
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

    /// The ingress rules of security group `group`, sorted.
    pub async fn ingress(&self, group: &str) -> Vec<Rule> {
        let out = self
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

    /// The load balancer `arn`.
    pub async fn load_balancer(&self, arn: &str) -> LoadBalancer {
        let out = self
            .elb
            .describe_load_balancers()
            .load_balancer_arns(arn)
            .send()
            .await
            .expect("DescribeLoadBalancers");
        let lbs = out.load_balancers();
        assert_eq!(lbs.len(), 1, "load balancer {arn}");
        lbs[0].clone()
    }

    /// Every load balancer in the region.
    pub async fn all_load_balancers(&self) -> Vec<LoadBalancer> {
        self.elb
            .describe_load_balancers()
            .into_paginator()
            .items()
            .send()
            .collect::<Result<_, _>>()
            .await
            .expect("DescribeLoadBalancers")
    }

    /// The listeners of load balancer `arn`.
    pub async fn listeners(&self, arn: &str) -> Vec<Listener> {
        let out = self
            .elb
            .describe_listeners()
            .load_balancer_arn(arn)
            .send()
            .await
            .expect("DescribeListeners");
        out.listeners().to_vec()
    }

    /// The target group `arn`.
    pub async fn target_group(&self, arn: &str) -> TargetGroup {
        let out = self
            .elb
            .describe_target_groups()
            .target_group_arns(arn)
            .send()
            .await
            .expect("DescribeTargetGroups");
        let tgs = out.target_groups();
        assert_eq!(tgs.len(), 1, "target group {arn}");
        tgs[0].clone()
    }

    /// Every target group in the region.
    pub async fn all_target_groups(&self) -> Vec<TargetGroup> {
        self.elb
            .describe_target_groups()
            .into_paginator()
            .items()
            .send()
            .collect::<Result<_, _>>()
            .await
            .expect("DescribeTargetGroups")
    }
}

/// An EC2 filter: `name` is `value`.
pub fn filter(name: &str, value: &str) -> Filter {
    Filter::builder().name(name).values(value).build()
}

/// `items`, sorted.
pub fn sorted<T: Ord>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.into_iter().collect();
    v.sort();
    v
}

/// A security group rule, reduced to what the tests compare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rule {
    /// The IP protocol (`tcp`, or `-1` for all).
    pub protocol: String,
    /// The first port.
    pub from: i32,
    /// The last port.
    pub to: i32,
    /// `0.0.0.0/0` or the id of the group it admits.
    pub source: String,
}

impl Rule {
    /// TCP on `port` from `source`.
    pub fn tcp(port: i32, source: &str) -> Rule {
        Rule::tcp_range(port, port, source)
    }

    /// TCP on ports `from` to `to` from `source`.
    pub fn tcp_range(from: i32, to: i32, source: &str) -> Rule {
        Rule {
            protocol: "tcp".into(),
            from,
            to,
            source: source.into(),
        }
    }
}

/// The subnets of load balancer `lb`, sorted.
pub fn lb_subnets(lb: &LoadBalancer) -> Vec<String> {
    sorted(
        lb.availability_zones()
            .iter()
            .filter_map(|z| z.subnet_id())
            .map(str::to_string),
    )
}

/// One entry of DescribeStackResources.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Empty for the resources moto does not make.
    pub logical: String,
    /// Empty for the resources moto does not make.
    pub kind: String,
    /// moto gives some resources none (`AWS::EC2::SecurityGroupIngress`).
    pub physical: Option<String>,
    /// The resource's status.
    pub status: String,
}

/// A deployed stack: its resources and the template CloudFormation holds.
pub struct Stack {
    /// The stack's name.
    pub name: String,
    /// Its resources, as DescribeStackResources lists them.
    pub resources: Vec<Resource>,
    /// Its template, from GetTemplate.
    pub template: Json,
}

impl Stack {
    /// The resources and template of stack `name`.
    pub async fn load(aws: &Aws, name: &str) -> Stack {
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
                kind: r.resource_type().unwrap_or_default().to_string(),
                physical: r.physical_resource_id().map(str::to_string),
                status: r
                    .resource_status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
            })
            .collect();
        Stack {
            name: name.to_string(),
            resources,
            template: aws.template(name).await,
        }
    }

    /// Physical ids of the resources of type `kind`, sorted.
    pub fn ids(&self, kind: &str) -> Vec<String> {
        sorted(self.resources.iter().filter(|r| r.kind == kind).map(|r| {
            r.physical
                .clone()
                .unwrap_or_else(|| panic!("{} has no physical id", r.logical))
        }))
    }

    /// The physical id of the only resource of type `kind`.
    #[track_caller]
    pub fn only(&self, kind: &str) -> String {
        let ids = self.ids(kind);
        assert_eq!(ids.len(), 1, "one {kind} in {}: {ids:?}", self.name);
        ids[0].clone()
    }

    /// Resources of type `kind` (with or without physical ids).
    pub fn count(&self, kind: &str) -> usize {
        self.resources.iter().filter(|r| r.kind == kind).count()
    }

    /// The physical id of resource `logical`.
    #[track_caller]
    pub fn physical(&self, logical: &str) -> String {
        self.resources
            .iter()
            .find(|r| r.logical == logical)
            .and_then(|r| r.physical.clone())
            .unwrap_or_else(|| panic!("{} has no resource {logical}", self.name))
    }

    /// Logical ids of the resources of type `kind`.
    pub fn logicals(&self, kind: &str) -> Vec<&str> {
        self.resources
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.logical.as_str())
            .collect()
    }

    /// The logical id of the resource with physical id `id`.
    #[track_caller]
    pub fn logical(&self, id: &str) -> &str {
        self.resources
            .iter()
            .find(|r| r.physical.as_deref() == Some(id))
            .map(|r| r.logical.as_str())
            .unwrap_or_else(|| panic!("{id} is not a resource of {}", self.name))
    }

    /// The logical id of the only resource of type `kind` in the template.
    #[track_caller]
    pub fn only_logical(&self, kind: &str) -> String {
        let ids = template_logicals(&self.template, kind);
        assert_eq!(ids.len(), 1, "one {kind} in {}: {ids:?}", self.name);
        ids[0].clone()
    }

    /// The properties of resource `logical` in the template.
    pub fn props(&self, logical: &str) -> &Json {
        &self.template["Resources"][logical]["Properties"]
    }
}

/// Logical ids of the resources of type `kind` in `template`, sorted.
pub fn template_logicals(template: &Json, kind: &str) -> Vec<String> {
    let resources = template["Resources"].as_object().expect("Resources");
    sorted(
        resources
            .iter()
            .filter(|(_, r)| r["Type"] == kind)
            .map(|(id, _)| id.clone()),
    )
}

/// moto's CloudFormation stores a role's inline policies as Python's text of a dict
/// (`{'Version': '2012-10-17', ...}`), not as JSON: the same text with JSON's quotes
/// (the policies of the examples hold no quote or apostrophe in their strings).
pub fn python_dict_as_json(text: &str) -> String {
    text.replace('\'', "\"")
        .replace(": True", ": true")
        .replace(": False", ": false")
}

/// The name of an IAM role from its ARN or name.
pub fn role_name(physical: &str) -> String {
    physical.rsplit('/').next().unwrap_or(physical).to_string()
}

/// Asserts that every resource of the template is in the stack and `CREATE_COMPLETE`:
/// those moto models with their logical id and type, those it does not (`unmodelled`:
/// types moto's CloudFormation accepts but does not make) as entries without logical
/// id, type or physical id (so nothing about them can be checked through moto).
pub fn assert_unmodelled(stack: &Stack, unmodelled: &[&str]) {
    let resources = stack.template["Resources"].as_object().expect("Resources");
    let (absent, modelled): (Vec<_>, Vec<_>) = resources
        .iter()
        .map(|(id, r)| (id.clone(), r["Type"].as_str().unwrap_or_default()))
        .partition(|(_, kind)| unmodelled.contains(kind));
    let listed: Vec<(String, &str)> = stack
        .resources
        .iter()
        .filter(|r| !r.logical.is_empty())
        .map(|r| (r.logical.clone(), r.kind.as_str()))
        .collect();
    assert_eq!(sorted(listed), sorted(modelled), "{}", stack.name);
    let placeholders: Vec<&Resource> = stack
        .resources
        .iter()
        .filter(|r| r.logical.is_empty())
        .collect();
    assert_eq!(
        placeholders.len(),
        absent.len(),
        "one placeholder per unmodelled resource {absent:?}: {placeholders:?}"
    );
    for r in placeholders {
        assert!(r.kind.is_empty() && r.physical.is_none(), "{r:?}");
    }
    for r in &stack.resources {
        assert_eq!(r.status, "CREATE_COMPLETE", "{r:?}");
    }
}
