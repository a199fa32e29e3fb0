//! What `ecsxc deploy` needs to know about a compiled program beyond the template:
//! where each template parameter's value comes from, which images to build, and
//! which services and task definitions the stack holds.

use serde::Serialize;

/// Deploy-time facts about a compiled program, produced by `lower` next to the template.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Manifest {
    /// Every parameter of the template, in template order.
    pub parameters: Vec<TemplateParameter>,
    /// Images to build and push before the stack changes.
    pub images: Vec<ImageBuild>,
    /// ECS services of the stack.
    pub services: Vec<ServiceRef>,
    /// Task definitions that `ecsxc run` can start (those of services and standalone ones).
    pub tasks: Vec<TaskRef>,
}

/// One template parameter and the source of its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateParameter {
    /// The parameter's logical name in the template.
    pub name: String,
    /// Where `ecsxc deploy` takes the value from.
    pub source: ParameterSource,
}

/// Where the value of a template parameter comes from at deploy time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ParameterSource {
    /// The id of the account's default VPC (EC2 `DescribeVpcs`, filter `isDefault`).
    DefaultVpcId,
    /// The default subnets of the default VPC, comma-separated.
    DefaultSubnetIds,
    /// The IPv4 range of the default VPC (`CidrBlock`).
    DefaultVpcCidr,
    /// A public SSM parameter CloudFormation resolves itself (the template's default);
    /// deploy passes nothing unless `--param` gives another.
    Ssm,
    /// The pushed reference of `images[index]`.
    Image {
        /// Index into [`Manifest::images`].
        index: usize,
    },
    /// A `param` of the program, given with `--param NAME=VALUE` or left to its default.
    User {
        /// The default written in the program, as CloudFormation receives it.
        default: Option<String>,
        /// Allowed values for a literal-union type.
        allowed_values: Vec<String>,
        /// CloudFormation parameter type (`String`, `Number`, `CommaDelimitedList`).
        cfn_type: String,
    },
}

/// An image built from a folder with Docker and pushed to ECR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageBuild {
    /// The template parameter that receives the pushed image reference.
    pub parameter: String,
    /// ECR repository name to push to (created when missing).
    pub repository: String,
    /// Build context as written, relative to the `.ecsx` file's folder.
    pub context: String,
    /// Dockerfile path as written (relative to the `.ecsx` file's folder), if given.
    pub dockerfile: Option<String>,
    /// Multi-stage build target, if given.
    pub target: Option<String>,
    /// `--build-arg` pairs, in source order.
    pub build_args: Vec<(String, String)>,
    /// Stages to build and use as `--cache-from`.
    pub cache_from: Vec<String>,
    /// `--platform` (`linux/arm64` for tasks that run only on Graviton instances);
    /// Docker's default when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
}

/// The cluster a service or task runs in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum ClusterRef {
    /// A cluster created by the stack: its logical ID (`Ref` gives the name).
    LogicalId(String),
    /// An existing cluster, by name or ARN.
    Existing(String),
}

/// An ECS service of the stack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRef {
    /// The binding name in the program (`nginx`).
    pub binding: String,
    /// Logical ID of the `AWS::ECS::Service`.
    pub logical_id: String,
    /// The cluster it runs in.
    pub cluster: ClusterRef,
    /// Whether deploy waits until the service is stable.
    pub wait_for_steady_state: bool,
}

/// A task definition that can be run once with `ecsxc run`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskRef {
    /// The binding name in the program (`hello`, or the service's name).
    pub binding: String,
    /// Logical ID of the `AWS::ECS::TaskDefinition`.
    pub logical_id: String,
    /// The cluster it runs in.
    pub cluster: ClusterRef,
    /// `FARGATE` or `EC2`.
    pub launch_type: String,
    /// The capacity-provider strategy to start tasks with (then no launch type): a
    /// service's, or the cluster's Auto Scaling groups for an EC2 task definition.
    pub capacity_providers: Vec<StrategyEntry>,
    /// For awsvpc tasks: the subnets to start them in.
    pub subnets: Option<Subnets>,
    /// For awsvpc tasks: logical IDs of the security groups to use.
    pub security_groups: Vec<String>,
    /// Whether tasks get a public IP (needed to pull public images in public subnets).
    pub assign_public_ip: bool,
}

/// Where `ecsxc run` finds the subnets of a task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Subnets {
    /// A template parameter holding them, comma-separated (the default VPC's `SubnetIds`).
    Parameter(String),
    /// Subnets the stack creates, by logical ID.
    Resources(Vec<String>),
    /// Subnets that exist, by id.
    Ids(Vec<String>),
}

/// An item of a capacity-provider strategy, for `ecsxc run`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyEntry {
    /// The provider: a stack resource (its physical id is the provider's name) or a
    /// name (`FARGATE`, `FARGATE_SPOT`).
    pub provider: ProviderName,
    /// Its weight.
    pub weight: i64,
    /// Its base.
    pub base: i64,
}

/// How a capacity provider is named.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum ProviderName {
    /// A capacity provider of the stack, by logical ID.
    Resource(String),
    /// A provider by name.
    Named(String),
}
