//! The linked model of a stack: checked program → [`Model`].
//!
//! Checking leaves a list of components with typed field values. This stage reads each
//! complete component into a typed view ([`views`]) and links them into the topology
//! of the stack: networks, clusters, security groups, load balancers, listeners,
//! routes, target groups, attachments (service · container · port → target group),
//! services and tasks. The implicit parts of the shorthand (a listener's own load
//! balancer, the target group between a service and a listener, the default cluster,
//! each service's security group) become entities like the explicit ones, with the
//! logical IDs they have always had.
//!
//! The model decides every logical ID; the rules ([`crate::rules`]) check it and the
//! expansion ([`crate::ir`]) turns it into resources, one module per family, reading
//! only the model. A component with a type error is left out, and so are the links to
//! it: the rest is still linked and checked, so one run reports every fault.
//!
//! ```text
//! let web = ApplicationListener { port: 80 }          listener `web` ── load balancer WebLoadBalancer
//! let nginx = FargateService { ... [web] ... }        service `nginx` ─ attachment nginx·nginx·80 → NginxWebTargetGroup
//! ```

pub mod cidr;
pub mod schedules;
pub mod storage;
pub mod tasks;
pub mod view;
pub mod views;

use crate::check::value::FxMap;
use crate::check::{self, Component};
use crate::ir::{logical_id, pascal_case};
use crate::source::Span;
use std::borrow::Cow;
use std::collections::BTreeSet;
pub use storage::{FileSystem, FsId};
pub use view::{At, CompRef, Map, Secs};
use view::{Cx, View};
use views::*;

/// Index of a network in [`Model::networks`] (0 is the account's default VPC).
pub type NetId = usize;
/// Index into [`Model::clusters`].
pub type ClusterId = usize;
/// Index into [`Model::security_groups`].
pub type SgId = usize;
/// Index into [`Model::load_balancers`].
pub type LbId = usize;
/// Index into [`Model::listeners`].
pub type ListenerId = usize;
/// Index into [`Model::routes`].
pub type RouteId = usize;
/// Index into [`Model::target_groups`].
pub type TgId = usize;
/// Index into [`Model::services`].
pub type ServiceId = usize;
/// Index into [`Model::tasks`].
pub type TaskId = usize;
/// Index into [`Model::capacity`].
pub type CapacityId = usize;

/// The default VPC's network.
pub const DEFAULT_NETWORK: NetId = 0;

/// The typed view of a complete component.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Node {
    /// `Cluster { ... }`
    Cluster(ClusterView),
    /// `Cluster.existing("name")`
    ExistingClusterByName(ExistingClusterByName),
    /// `Cluster.existing { ... }`
    ExistingCluster(ExistingClusterView),
    /// `FargateService { ... }`
    FargateService(FargateServiceView),
    /// `FargateTaskDefinition { ... }`
    FargateTaskDefinition(FargateTaskDefinitionView),
    /// `Vpc { ... }`
    Vpc(VpcView),
    /// `Vpc.existing { ... }`
    ExistingVpc(ExistingVpcView),
    /// `SecurityGroup { ... }`
    SecurityGroup(SecurityGroupView),
    /// `ApplicationLoadBalancer { ... }`
    ApplicationLoadBalancer(ApplicationLoadBalancerView),
    /// `NetworkLoadBalancer { ... }`
    NetworkLoadBalancer(NetworkLoadBalancerView),
    /// `ApplicationListener { ... }`
    ApplicationListener(ApplicationListenerView),
    /// `NetworkListener { ... }`
    NetworkListener(NetworkListenerView),
    /// `ApplicationTargetGroup { ... }`
    ApplicationTargetGroup(ApplicationTargetGroupView),
    /// `NetworkTargetGroup { ... }`
    NetworkTargetGroup(NetworkTargetGroupView),
    /// `AutoScalingGroup { ... }`
    AutoScalingGroup(AutoScalingGroupView),
    /// `EC2Service { ... }`
    Ec2Service(Ec2ServiceView),
    /// `EC2TaskDefinition { ... }`
    Ec2TaskDefinition(Ec2TaskDefinitionView),
    /// `ScheduledTask { ... }`
    ScheduledTask(ScheduledTaskView),
    /// `EfsFileSystem { ... }`
    EfsFileSystem(EfsFileSystemView),
    /// `EfsFileSystem.existing { ... }`
    ExistingEfsFileSystem(ExistingEfsFileSystemView),
}

/// A network: where services, tasks, load balancers and security groups live.
#[derive(Debug, Clone, PartialEq)]
pub enum Network {
    /// The account's default VPC, through the `VpcId` / `SubnetIds` parameters.
    Default,
    /// A `Vpc` the stack creates.
    New(Box<VpcPlan>),
    /// `Vpc.existing { ... }`.
    Existing {
        /// The component.
        comp: CompRef,
    },
}

/// The resources of a new VPC, with their logical IDs and subnet ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct VpcPlan {
    /// The component.
    pub comp: CompRef,
    /// `AWS::EC2::VPC`.
    pub vpc: String,
    /// `AWS::EC2::InternetGateway`.
    pub internet_gateway: String,
    /// `AWS::EC2::VPCGatewayAttachment`.
    pub gateway_attachment: String,
    /// The public route table and its default route.
    pub public_route_table: String,
    /// Its route to the internet gateway.
    pub public_route: String,
    /// One per availability zone.
    pub public: Vec<Subnet>,
    /// One per availability zone.
    pub private: Vec<Subnet>,
    /// NAT gateways (none, one, or one per zone).
    pub nat: Vec<Nat>,
    /// Subnets could be planned (the range and sizes are valid).
    pub planned: bool,
}

impl VpcPlan {
    /// The routes to the internet from the public (or private) subnets: what must
    /// exist before an internet-facing load balancer or a task there can reach out.
    pub fn routes(&self, public: bool) -> Vec<String> {
        if public {
            return vec![self.public_route.clone()];
        }
        self.private
            .iter()
            .filter_map(|s| s.route.clone())
            .collect()
    }
}

/// The routes to the internet that resources in network `n`'s public (or private)
/// subnets wait for: none outside a new VPC.
pub fn internet_routes(model: &Model<'_>, n: NetId, public: bool) -> Vec<String> {
    match model.networks.get(n) {
        Some(Network::New(plan)) => plan.routes(public),
        _ => Vec::new(),
    }
}

/// A subnet of a new VPC.
#[derive(Debug, Clone, PartialEq)]
pub struct Subnet {
    /// `AWS::EC2::Subnet`.
    pub id: String,
    /// Its range.
    pub cidr: String,
    /// The availability zone, as an index into `Fn::GetAZs`.
    pub zone: usize,
    /// Its route table (private subnets: one each; public: the shared one).
    pub route_table: String,
    /// The association of the subnet with its route table.
    pub association: String,
    /// The private subnet's default route (through NAT), if it has one.
    pub route: Option<String>,
    /// The NAT gateway a private subnet's default route goes through.
    pub nat: Option<usize>,
}

/// A NAT gateway with its Elastic IP.
#[derive(Debug, Clone, PartialEq)]
pub struct Nat {
    /// `AWS::EC2::NatGateway`.
    pub id: String,
    /// `AWS::EC2::EIP`.
    pub eip: String,
    /// The public subnet (index) it sits in.
    pub subnet: usize,
}

/// A cluster services and tasks run in.
#[derive(Debug, Clone, PartialEq)]
pub enum Cluster {
    /// The cluster made for services that name none (`DefaultCluster`).
    Default {
        /// The first user.
        span: Span,
    },
    /// `Cluster { ... }`.
    New {
        /// The component.
        comp: CompRef,
        /// Its logical ID.
        logical_id: String,
    },
    /// `Cluster.existing(...)`.
    Existing {
        /// The component.
        comp: CompRef,
        /// Its name or ARN.
        name: String,
    },
}

/// Where a security group comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SgOrigin {
    /// `SecurityGroup { ... }`.
    Explicit(CompRef),
    /// The default group of a service's tasks.
    Service(CompRef),
    /// The default group of a task definition's tasks.
    Task(CompRef),
    /// The default group of a load balancer.
    LoadBalancer(LbId),
    /// The default group of an Auto Scaling group's instances.
    Capacity(CapacityId),
}

/// A security group.
#[derive(Debug, Clone, PartialEq)]
pub struct SecGroup {
    /// Where it comes from.
    pub origin: SgOrigin,
    /// Its logical ID.
    pub logical_id: String,
    /// Its network (`None`: unknown, a link failed to check).
    pub network: Option<NetId>,
    /// The code it comes from.
    pub span: Span,
}

/// Application or Network Load Balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LbKind {
    /// HTTP and HTTPS.
    Application,
    /// TCP, UDP and TLS.
    Network,
}

impl LbKind {
    /// `application` / `network`, as CloudFormation's `Type`.
    pub fn as_str(self) -> &'static str {
        match self {
            LbKind::Application => "application",
            LbKind::Network => "network",
        }
    }
}

/// Where a load balancer comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LbOrigin {
    /// `ApplicationLoadBalancer { ... }` / `NetworkLoadBalancer { ... }`.
    Explicit(CompRef),
    /// The load balancer of its own of a listener without `loadBalancer`.
    Listener(CompRef),
}

/// A load balancer.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancer {
    /// Application or network.
    pub kind: LbKind,
    /// Where it comes from.
    pub origin: LbOrigin,
    /// Its logical ID.
    pub logical_id: String,
    /// Internet-facing or internal.
    pub scheme: Scheme,
    /// Its network (`None`: unknown).
    pub network: Option<NetId>,
    /// Its security groups (the given ones, or its default one).
    pub security_groups: Vec<SgId>,
    /// Its default security group, when none are given.
    pub default_sg: Option<SgId>,
    /// Its listeners.
    pub listeners: Vec<ListenerId>,
    /// The code it comes from.
    pub span: Span,
}

/// What a listener or rule does with a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Forward to a target group.
    Forward(TgId),
    /// Redirect.
    Redirect(RedirectView),
    /// Answer with a fixed response.
    Fixed(FixedResponseView),
    /// Nothing given: answer 404 (a warning).
    None,
}

/// A container that lists a listener in `portMappings` (the shorthand).
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The service.
    pub service: CompRef,
    /// Where the container lists the listener.
    pub span: Span,
}

/// A listener.
#[derive(Debug, Clone, PartialEq)]
pub struct Listener {
    /// The component.
    pub comp: CompRef,
    /// Application or network.
    pub kind: LbKind,
    /// Its load balancer.
    pub lb: Option<LbId>,
    /// Its logical ID.
    pub logical_id: String,
    /// Its port.
    pub port: i64,
    /// Its protocol (`HTTP`, `TLS`, ...).
    pub protocol: &'static str,
    /// What it does with requests no rule matches.
    pub default_action: Action,
    /// Containers that list it in `portMappings` (the first one gets the target group).
    pub claims: Vec<Claim>,
    /// Its rules.
    pub routes: Vec<RouteId>,
}

/// A listener rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Its listener.
    pub listener: ListenerId,
    /// Its priority (given, or assigned in source order).
    pub priority: i64,
    /// The rule as written.
    pub view: RouteView,
    /// What it does.
    pub action: Action,
    /// A service it forwards to that exposes no port (no target group could be made).
    pub unexposed: Option<CompRef>,
    /// Its logical ID.
    pub logical_id: String,
    /// The rule in the source.
    pub span: Span,
}

/// Where a target group comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TgOrigin {
    /// `ApplicationTargetGroup { ... }` / `NetworkTargetGroup { ... }`.
    Explicit(CompRef),
    /// Between a service and a listener of the shorthand (or a rule forwarding to a
    /// service).
    Implicit {
        /// The service.
        service: CompRef,
        /// The listener.
        listener: CompRef,
    },
}

/// A target group.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroup {
    /// Application or network.
    pub kind: LbKind,
    /// Where it comes from.
    pub origin: TgOrigin,
    /// Its logical ID.
    pub logical_id: String,
    /// The targets' port.
    pub port: i64,
    /// The protocol to the targets.
    pub protocol: &'static str,
    /// `ip` or `instance`.
    pub target_type: TargetType,
    /// Its network (`None`: unknown).
    pub network: Option<NetId>,
    /// Listeners forwarding to it by default.
    pub listeners: Vec<ListenerId>,
    /// Rules forwarding to it.
    pub routes: Vec<RouteId>,
    /// The code it comes from.
    pub span: Span,
}

/// A service's container registered in a target group.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The service.
    pub service: ServiceId,
    /// The container's name.
    pub container: String,
    /// The container port.
    pub port: i64,
    /// The target group.
    pub tg: TgId,
    /// Where the container names the listener or target group.
    pub span: Span,
}

/// Where tasks run: a network, its public or private subnets, with or without a public IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The network.
    pub network: NetId,
    /// In the public subnets (else the private ones).
    pub public_subnets: bool,
    /// With a public IP.
    pub public_ip: bool,
}

/// The IAM settings of a service or task definition.
#[derive(Debug, Clone, Copy)]
pub struct TaskAccess<'v> {
    /// Statements of the task role ecsxc makes.
    pub permissions: &'v At<Vec<At<PermissionView>>>,
    /// An existing task role, by ARN.
    pub task_role: Option<&'v At<String>>,
    /// An existing execution role, by ARN.
    pub execution_role: Option<&'v At<String>>,
}

/// The task definition of a service or task, with its log group and execution role.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskIds {
    /// `AWS::ECS::TaskDefinition`.
    pub task_definition: String,
    /// `AWS::Logs::LogGroup`.
    pub log_group: String,
    /// `AWS::IAM::Role`.
    pub execution_role: String,
    /// `AWS::IAM::Role` of the containers (only with `permissions`).
    pub task_role: String,
}

impl TaskIds {
    fn of(name: &str) -> Self {
        TaskIds {
            task_definition: logical_id(name, "TaskDefinition"),
            log_group: logical_id(name, "LogGroup"),
            execution_role: logical_id(name, "ExecutionRole"),
            task_role: logical_id(name, "TaskRole"),
        }
    }
}

/// Where a runner's tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// On Fargate (awsvpc).
    Fargate,
    /// On the EC2 instances of its cluster, in this network mode.
    Ec2(NetworkMode),
}

/// A capacity provider of a resolved strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderRef {
    /// An Auto Scaling group's capacity provider.
    Capacity(CapacityId),
    /// `FARGATE` or `FARGATE_SPOT`.
    Fargate(&'static str),
}

/// An item of a service's capacity-provider strategy.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyItem {
    /// The provider.
    pub provider: ProviderRef,
    /// Its weight.
    pub weight: i64,
    /// Its base.
    pub base: i64,
    /// Where it is written (the service, for the strategy ecsxc chose).
    pub span: Span,
}

/// Something that runs tasks: a service or a task definition of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Runner {
    /// The component.
    pub comp: CompRef,
    /// Fargate, or EC2 in a network mode.
    pub launch: Launch,
    /// Its capacity-provider strategy (services; empty: a launch type).
    pub strategy: Vec<StrategyItem>,
    /// Its cluster (`None`: unknown).
    pub cluster: Option<ClusterId>,
    /// Where its tasks run (`None`: unknown).
    pub placement: Option<Placement>,
    /// Its security groups (the given ones, or its default one).
    pub security_groups: Vec<SgId>,
    /// Its default security group, when none are given.
    pub default_sg: Option<SgId>,
    /// Its task definition's logical IDs.
    pub task: TaskIds,
    /// `AWS::ECS::Service` (services only).
    pub service_id: Option<String>,
    /// Its attachments to target groups (services only).
    pub attachments: Vec<usize>,
}

impl Runner {
    /// Its tasks have network interfaces of their own (Fargate, or EC2 in awsvpc mode).
    pub fn awsvpc(&self) -> bool {
        matches!(
            self.launch,
            Launch::Fargate | Launch::Ec2(NetworkMode::Awsvpc)
        )
    }
}

/// The resources of an Auto Scaling group of ECS instances.
#[derive(Debug, Clone, PartialEq)]
pub struct Capacity {
    /// The component.
    pub comp: CompRef,
    /// The cluster its instances join (`None`: unknown).
    pub cluster: Option<ClusterId>,
    /// Where its instances run (`None`: unknown).
    pub placement: Option<Placement>,
    /// Its security groups (the given ones, or its default one).
    pub security_groups: Vec<SgId>,
    /// Its default security group, when none are given.
    pub default_sg: Option<SgId>,
    /// Its instances are ARM (Graviton).
    pub arm: bool,
    /// `AWS::EC2::LaunchTemplate`.
    pub launch_template: String,
    /// `AWS::IAM::Role` of the instances.
    pub instance_role: String,
    /// `AWS::IAM::InstanceProfile`.
    pub instance_profile: String,
    /// `AWS::AutoScaling::AutoScalingGroup`.
    pub group: String,
    /// `AWS::ECS::CapacityProvider`.
    pub provider: String,
}

/// Whether an instance type is ARM (Graviton): `a1`, or a family with `g` after its
/// generation (`t4g`, `m7g`, `c6gn`, `r8gd`).
pub fn is_arm(instance_type: &str) -> bool {
    let family = instance_type.split('.').next().unwrap_or("");
    if family == "a1" {
        return true;
    }
    let rest = family.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() != after.len() && after.starts_with('g')
}

/// The networks of security groups' users: runners first, then Auto Scaling groups,
/// then load balancers.
#[derive(Default)]
struct UsersNetworks {
    runners: FxMap<SgId, NetId>,
    capacity: FxMap<SgId, NetId>,
    load_balancers: FxMap<SgId, NetId>,
}

impl UsersNetworks {
    /// The network of the first service, task or load balancer that uses group `sg`.
    fn of(&self, sg: SgId) -> Option<NetId> {
        let get = |m: &FxMap<SgId, NetId>| m.get(&sg).copied();
        get(&self.runners)
            .or_else(|| get(&self.capacity))
            .or_else(|| get(&self.load_balancers))
    }
}

/// The linked model of a stack.
#[derive(Debug)]
pub struct Model<'a> {
    /// The checked program.
    pub program: &'a check::Program,
    /// The typed view of each complete component, by component index.
    pub nodes: Vec<Option<Node>>,
    /// Networks; [`DEFAULT_NETWORK`] first.
    pub networks: Vec<Network>,
    /// Clusters.
    pub clusters: Vec<Cluster>,
    /// Security groups.
    pub security_groups: Vec<SecGroup>,
    /// Load balancers.
    pub load_balancers: Vec<LoadBalancer>,
    /// Listeners.
    pub listeners: Vec<Listener>,
    /// Listener rules.
    pub routes: Vec<Route>,
    /// Target groups.
    pub target_groups: Vec<TargetGroup>,
    /// Attachments.
    pub attachments: Vec<Attachment>,
    /// Services.
    pub services: Vec<Runner>,
    /// Task definitions of their own.
    pub tasks: Vec<Runner>,
    /// Auto Scaling groups of ECS instances.
    pub capacity: Vec<Capacity>,
    /// Service autoscaling, one per service with `autoscaling`.
    pub scaling: Vec<schedules::Scaling>,
    /// Scheduled tasks.
    pub schedules: Vec<schedules::Schedule>,
    /// EFS file systems.
    pub file_systems: Vec<FileSystem>,
    /// The folder of the program's file, where images are built from (`None`: the
    /// program has no file, such as standard input).
    pub folder: Option<std::path::PathBuf>,
    /// Components whose view could not be read (an internal error each).
    pub unreadable: Vec<Span>,
    /// CloudFormation resources written with their type (`aws.s3.Bucket { ... }`).
    pub aws: Vec<AwsResource>,
    /// What each component became, by component index.
    entity: FxMap<usize, Entity>,
    /// The attachments of each target group, by target group index (an index, so that
    /// a target group's services cost their number, not all attachments).
    tg_attachments: Vec<Vec<usize>>,
    /// The target group made for each service and listener by the shorthand.
    implicit_tgs: FxMap<(CompRef, CompRef), TgId>,
    /// The index in `aws` of each CloudFormation resource, by component index.
    aws_index: FxMap<usize, usize>,
}

/// A CloudFormation resource written with its type (`aws.s3.Bucket { ... }`): its
/// properties are the component's fields, checked against the type's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsResource {
    /// The component.
    pub comp: CompRef,
    /// The CloudFormation type (`AWS::S3::Bucket`).
    pub cfn_type: &'static str,
    /// Its logical ID: the binding's name in PascalCase.
    pub logical_id: String,
}

/// What a component became in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// A network.
    Network(NetId),
    /// A cluster.
    Cluster(ClusterId),
    /// A security group.
    SecurityGroup(SgId),
    /// A load balancer.
    LoadBalancer(LbId),
    /// A listener.
    Listener(ListenerId),
    /// A target group.
    TargetGroup(TgId),
    /// A service.
    Service(ServiceId),
    /// A task definition of its own.
    Task(TaskId),
    /// An Auto Scaling group.
    Capacity(CapacityId),
    /// A scheduled task.
    Schedule(schedules::ScheduleId),
    /// An EFS file system.
    FileSystem(FsId),
}

/// The containers of a service or task, by name (borrowed from the view, or made for a
/// task's single `container`).
pub type Containers<'m> = Vec<(Cow<'m, At<String>>, &'m ContainerView)>;

/// The containers of `many`, their names borrowed.
fn lend(many: &view::Map<ContainerView>) -> Containers<'_> {
    many.0.iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect()
}

/// Builds the model of `program`.
pub fn build(program: &check::Program) -> Model<'_> {
    let mut m = Model {
        program,
        nodes: Vec::new(),
        networks: vec![Network::Default],
        clusters: Vec::new(),
        security_groups: Vec::new(),
        load_balancers: Vec::new(),
        listeners: Vec::new(),
        routes: Vec::new(),
        target_groups: Vec::new(),
        attachments: Vec::new(),
        services: Vec::new(),
        tasks: Vec::new(),
        capacity: Vec::new(),
        scaling: Vec::new(),
        schedules: Vec::new(),
        file_systems: Vec::new(),
        folder: None,
        unreadable: Vec::new(),
        aws: Vec::new(),
        entity: FxMap::default(),
        tg_attachments: Vec::new(),
        implicit_tgs: FxMap::default(),
        aws_index: FxMap::default(),
    };
    m.read_nodes();
    m.reserve();
    m.link_networks();
    m.link_clusters();
    m.link_explicit();
    m.link_capacity();
    m.link_file_systems();
    m.link_runners();
    m.link_nfs_clients();
    m.link_routes();
    m.link_default_actions();
    m.infer_networks();
    m.infer_target_types();
    m.link_scaling();
    m.link_schedules();
    m
}

impl<'a> Model<'a> {
    /// Moves out the parts that hold most of the model's memory, so that they can be
    /// freed on another thread (the model itself borrows the checked program); the
    /// model is left empty of them.
    pub fn take_parts(&mut self) -> impl Send + 'static {
        use std::mem::take;
        (
            take(&mut self.nodes),
            take(&mut self.security_groups),
            take(&mut self.load_balancers),
            (take(&mut self.listeners), take(&mut self.routes)),
            (take(&mut self.target_groups), take(&mut self.attachments)),
            (take(&mut self.services), take(&mut self.tasks)),
            (take(&mut self.entity), take(&mut self.tg_attachments)),
            take(&mut self.implicit_tgs),
        )
    }

    /// The component with index `c`.
    pub fn component(&self, c: CompRef) -> Option<&'a Component> {
        self.program.components.get(c.0)
    }

    /// The binding name of component `c` (`nginx`, `nginx.cluster`).
    pub fn name(&self, c: CompRef) -> &'a str {
        self.component(c).map_or("", |c| c.name.as_str())
    }

    /// The construction of component `c`.
    pub fn span(&self, c: CompRef) -> Span {
        self.component(c).map(|c| c.span).unwrap_or_default()
    }

    /// The CloudFormation resource component `c` is, if it is one (and complete).
    pub fn aws_resource(&self, c: CompRef) -> Option<&AwsResource> {
        self.aws.get(*self.aws_index.get(&c.0)?)
    }

    /// The view of component `c`, when it is complete.
    pub fn node(&self, c: CompRef) -> Option<&Node> {
        self.nodes.get(c.0).and_then(Option::as_ref)
    }

    /// What component `c` became.
    pub fn entity(&self, c: CompRef) -> Option<Entity> {
        self.entity.get(&c.0).copied()
    }

    /// The network of a `vpc` field: the `Vpc` given, or `default` when none;
    /// `None` when the `Vpc` has errors.
    fn network_of(&self, vpc: Option<CompRef>, default: NetId) -> Option<NetId> {
        match vpc {
            None => Some(default),
            Some(c) => match self.entity(c) {
                Some(Entity::Network(n)) => Some(n),
                _ => None,
            },
        }
    }

    /// The security groups of component `c` (a service's, load balancer's or task's,
    /// or the group itself), for rules that name it as a source.
    pub fn security_groups_of(&self, c: CompRef) -> Option<Vec<SgId>> {
        match self.entity(c)? {
            Entity::SecurityGroup(sg) => Some(vec![sg]),
            Entity::Service(s) => self.services.get(s).map(|r| r.security_groups.clone()),
            Entity::Task(t) => self.tasks.get(t).map(|r| r.security_groups.clone()),
            Entity::LoadBalancer(lb) => self
                .load_balancers
                .get(lb)
                .map(|l| l.security_groups.clone()),
            Entity::Capacity(id) => self.capacity.get(id).map(|c| c.security_groups.clone()),
            _ => None,
        }
    }

    /// The load balancer of a listener component.
    pub fn listener_lb(&self, c: CompRef) -> Option<&LoadBalancer> {
        let Entity::Listener(l) = self.entity(c)? else {
            return None;
        };
        self.load_balancers.get(self.listeners.get(l)?.lb?)
    }

    /// The runner (service or task) of component `c`.
    pub fn runner(&self, c: CompRef) -> Option<&Runner> {
        match self.entity(c)? {
            Entity::Service(s) => self.services.get(s),
            Entity::Task(t) => self.tasks.get(t),
            _ => None,
        }
    }

    /// The services whose containers are registered in target group `tg`.
    pub fn services_of(&self, tg: TgId) -> BTreeSet<ServiceId> {
        self.target_group_attachments(tg)
            .map(|a| a.service)
            .collect()
    }

    /// The attachments of service `s`, in the order they were made.
    pub fn service_attachments(&self, s: ServiceId) -> impl Iterator<Item = &Attachment> + '_ {
        self.services
            .get(s)
            .map(|r| r.attachments.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|a| self.attachments.get(*a))
    }

    /// The attachments to target group `tg`, in the order they were made.
    pub fn target_group_attachments(&self, tg: TgId) -> impl Iterator<Item = &Attachment> + '_ {
        self.tg_attachments
            .get(tg)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|a| self.attachments.get(*a))
    }

    /// The load balancers that send traffic to target group `tg` (through listeners'
    /// default actions and rules), in order.
    pub fn load_balancers_of(&self, tg: TgId) -> Vec<LbId> {
        let Some(t) = self.target_groups.get(tg) else {
            return Vec::new();
        };
        let listeners = t.listeners.iter().copied().chain(
            t.routes
                .iter()
                .filter_map(|r| self.routes.get(*r).map(|r| r.listener)),
        );
        let mut out = Vec::new();
        for lb in listeners.filter_map(|l| self.listeners.get(l).and_then(|l| l.lb)) {
            if !out.contains(&lb) {
                out.push(lb);
            }
        }
        out
    }

    /// The target groups a listener sends traffic to (default action and rules).
    pub fn listener_target_groups(&self, l: ListenerId) -> Vec<TgId> {
        let Some(listener) = self.listeners.get(l) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Action::Forward(tg) = listener.default_action {
            out.push(tg);
        }
        for r in &listener.routes {
            if let Some(Action::Forward(tg)) = self.routes.get(*r).map(|r| &r.action) {
                if !out.contains(tg) {
                    out.push(*tg);
                }
            }
        }
        out
    }

    /// The IAM settings of a service or task: its `permissions`, `taskRole` and
    /// `executionRole`.
    pub fn task_access(&self, c: CompRef) -> Option<TaskAccess<'_>> {
        macro_rules! access {
            ($v:expr) => {
                TaskAccess {
                    permissions: &$v.permissions,
                    task_role: $v.task_role.as_ref(),
                    execution_role: $v.execution_role.as_ref(),
                }
            };
        }
        Some(match self.node(c)? {
            Node::FargateService(v) => access!(v),
            Node::FargateTaskDefinition(v) => access!(v),
            Node::Ec2Service(v) => access!(v),
            Node::Ec2TaskDefinition(v) => access!(v),
            _ => return None,
        })
    }

    /// The containers of a service or task, by name, in source order: a task's single
    /// `container` is named after the binding.
    pub fn containers(&self, c: CompRef) -> Containers<'_> {
        match self.node(c) {
            Some(Node::FargateService(v)) => lend(&v.containers.value),
            Some(Node::Ec2Service(v)) => lend(&v.containers.value),
            Some(Node::FargateTaskDefinition(v)) => {
                self.single_and_many(c, v.container.as_ref(), &v.containers.value)
            }
            Some(Node::Ec2TaskDefinition(v)) => {
                self.single_and_many(c, v.container.as_ref(), &v.containers.value)
            }
            _ => Vec::new(),
        }
    }

    /// A task definition's containers: its one `container` (named after the binding)
    /// first, then `containers`.
    fn single_and_many<'v>(
        &self,
        c: CompRef,
        single: Option<&'v At<ContainerView>>,
        many: &'v view::Map<ContainerView>,
    ) -> Containers<'v> {
        let mut out = lend(many);
        if let Some(single) = single {
            let name = self.name(c);
            let name = name.rsplit('.').next().unwrap_or(name).to_string();
            let key = At {
                value: name,
                span: single.span,
                given: single.given,
            };
            out.insert(0, (Cow::Owned(key), &single.value));
        }
        out
    }

    // ------------------------------------------------------------------ building

    /// Makes room in the linked lists for what the nodes will add to them (a service
    /// usually adds a security group and an attachment; a listener a load balancer, its
    /// security group and a target group), so that they seldom grow.
    fn reserve(&mut self) {
        let (mut services, mut listeners) = (0, 0);
        for node in self.nodes.iter().flatten() {
            match node {
                Node::FargateService(_) | Node::Ec2Service(_) => services += 1,
                Node::ApplicationListener(_) | Node::NetworkListener(_) => listeners += 1,
                _ => {}
            }
        }
        self.services.reserve(services);
        self.attachments.reserve(services);
        self.listeners.reserve(listeners);
        self.load_balancers.reserve(listeners);
        self.target_groups.reserve(listeners);
        self.security_groups.reserve(services + listeners);
    }

    fn read_nodes(&mut self) {
        let program = self.program;
        self.nodes.reserve_exact(program.components.len());
        for c in &program.components {
            if !c.complete {
                self.nodes.push(None);
                continue;
            }
            let cx = Cx {
                source: c.span.source,
                fallback: c.span,
            };
            if c.ty.contains("::") {
                if let Some(entry) = crate::cfn::by_cfn_name(&c.ty) {
                    self.aws_index.insert(self.nodes.len(), self.aws.len());
                    self.aws.push(AwsResource {
                        comp: CompRef(self.nodes.len()),
                        cfn_type: entry.name,
                        logical_id: logical_id(&c.name, ""),
                    });
                }
                self.nodes.push(None);
                continue;
            }
            let f = &c.fields;
            let node = match (c.ty.as_str(), c.ctor.as_deref()) {
                ("Cluster", None) => ClusterView::read(f, &cx).map(Node::Cluster),
                ("Cluster", Some(_)) if f.contains_key("vpc") => {
                    ExistingClusterView::read(f, &cx).map(Node::ExistingCluster)
                }
                ("Cluster", Some(_)) => {
                    ExistingClusterByName::read(f, &cx).map(Node::ExistingClusterByName)
                }
                ("FargateService", _) => FargateServiceView::read(f, &cx).map(Node::FargateService),
                ("FargateTaskDefinition", _) => {
                    FargateTaskDefinitionView::read(f, &cx).map(Node::FargateTaskDefinition)
                }
                ("Vpc", None) => VpcView::read(f, &cx).map(Node::Vpc),
                ("Vpc", Some(_)) => ExistingVpcView::read(f, &cx).map(Node::ExistingVpc),
                ("SecurityGroup", _) => SecurityGroupView::read(f, &cx).map(Node::SecurityGroup),
                ("ApplicationLoadBalancer", _) => {
                    ApplicationLoadBalancerView::read(f, &cx).map(Node::ApplicationLoadBalancer)
                }
                ("NetworkLoadBalancer", _) => {
                    NetworkLoadBalancerView::read(f, &cx).map(Node::NetworkLoadBalancer)
                }
                ("ApplicationListener", _) => {
                    ApplicationListenerView::read(f, &cx).map(Node::ApplicationListener)
                }
                ("NetworkListener", _) => {
                    NetworkListenerView::read(f, &cx).map(Node::NetworkListener)
                }
                ("ApplicationTargetGroup", _) => {
                    ApplicationTargetGroupView::read(f, &cx).map(Node::ApplicationTargetGroup)
                }
                ("NetworkTargetGroup", _) => {
                    NetworkTargetGroupView::read(f, &cx).map(Node::NetworkTargetGroup)
                }
                ("AutoScalingGroup", _) => {
                    AutoScalingGroupView::read(f, &cx).map(Node::AutoScalingGroup)
                }
                ("EC2Service", _) => Ec2ServiceView::read(f, &cx).map(Node::Ec2Service),
                ("EC2TaskDefinition", _) => {
                    Ec2TaskDefinitionView::read(f, &cx).map(Node::Ec2TaskDefinition)
                }
                ("ScheduledTask", _) => ScheduledTaskView::read(f, &cx).map(Node::ScheduledTask),
                ("EfsFileSystem", None) => EfsFileSystemView::read(f, &cx).map(Node::EfsFileSystem),
                ("EfsFileSystem", Some(_)) => {
                    ExistingEfsFileSystemView::read(f, &cx).map(Node::ExistingEfsFileSystem)
                }
                _ => None,
            };
            if node.is_none() {
                self.unreadable.push(c.span);
            }
            self.nodes.push(node);
        }
    }

    /// Every complete component whose view `keep` accepts, with its index (only those
    /// views are cloned).
    fn each(&self, keep: fn(&Node) -> bool) -> Vec<(CompRef, Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match n {
                Some(n) if keep(n) => Some((CompRef(i), n.clone())),
                _ => None,
            })
            .collect()
    }

    fn link_networks(&mut self) {
        for (c, node) in self.each(|n| matches!(n, Node::Vpc(_) | Node::ExistingVpc(_))) {
            let network = match node {
                Node::Vpc(v) => Network::New(Box::new(self.plan_vpc(c, &v))),
                Node::ExistingVpc(_) => Network::Existing { comp: c },
                _ => continue,
            };
            self.entity
                .insert(c.0, Entity::Network(self.networks.len()));
            self.networks.push(network);
        }
    }

    fn plan_vpc(&self, c: CompRef, v: &VpcView) -> VpcPlan {
        let name = self.name(c);
        let zones = usize::try_from(v.availability_zones.value).unwrap_or(1);
        let id = |role: &str| logical_id(name, role);
        let numbered = |role: &str, i: usize| format!("{}{}", logical_id(name, role), i + 1);
        let cidrs = cidr::Cidr::parse(&v.cidr.value).ok().and_then(|range| {
            let prefix = v
                .subnet_prefix
                .as_ref()
                .and_then(|p| u8::try_from(p.value).ok())
                .unwrap_or_else(|| range.even_prefix(2 * zones));
            if prefix > 28 {
                return None;
            }
            range.split(prefix, 2 * zones)
        });
        let planned = cidrs.is_some();
        let cidr_of = |i: usize| {
            cidrs
                .as_ref()
                .and_then(|c| c.get(i))
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        let nat_count = match v.nat_gateways.value {
            NatGateways::PerAz => zones,
            NatGateways::Single => 1,
            NatGateways::None => 0,
        };
        let public_route_table = id("PublicRouteTable");
        let public = (0..zones)
            .map(|z| Subnet {
                id: numbered("PublicSubnet", z),
                cidr: cidr_of(z),
                zone: z,
                route_table: public_route_table.clone(),
                association: format!("{}RouteTableAssociation", numbered("PublicSubnet", z)),
                route: None,
                nat: None,
            })
            .collect();
        let private = (0..zones)
            .map(|z| Subnet {
                id: numbered("PrivateSubnet", z),
                cidr: cidr_of(zones + z),
                zone: z,
                route_table: numbered("PrivateRouteTable", z),
                association: format!("{}RouteTableAssociation", numbered("PrivateSubnet", z)),
                route: (nat_count > 0).then(|| numbered("PrivateDefaultRoute", z)),
                nat: (nat_count > 0).then(|| z.min(nat_count - 1)),
            })
            .collect();
        let nat = (0..nat_count)
            .map(|i| Nat {
                id: numbered("NatGateway", i),
                eip: numbered("NatEip", i),
                subnet: i,
            })
            .collect();
        VpcPlan {
            comp: c,
            vpc: id("Vpc"),
            internet_gateway: id("InternetGateway"),
            gateway_attachment: id("GatewayAttachment"),
            public_route_table,
            public_route: id("PublicDefaultRoute"),
            public,
            private,
            nat,
            planned,
        }
    }

    fn link_clusters(&mut self) {
        let keep = |n: &Node| {
            matches!(
                n,
                Node::Cluster(_) | Node::ExistingClusterByName(_) | Node::ExistingCluster(_)
            )
        };
        for (c, node) in self.each(keep) {
            let cluster = match node {
                Node::Cluster(_) => Cluster::New {
                    comp: c,
                    logical_id: logical_id(self.name(c), "Cluster"),
                },
                Node::ExistingClusterByName(v) => Cluster::Existing {
                    comp: c,
                    name: v.name_or_arn.value,
                },
                Node::ExistingCluster(v) => Cluster::Existing {
                    comp: c,
                    name: v.name_or_arn.value,
                },
                _ => continue,
            };
            self.entity
                .insert(c.0, Entity::Cluster(self.clusters.len()));
            self.clusters.push(cluster);
        }
    }

    /// The network a cluster's tasks run in (`None`: unknown).
    pub fn cluster_network(&self, cluster: ClusterId) -> Option<NetId> {
        match self.clusters.get(cluster)? {
            Cluster::Default { .. } => Some(DEFAULT_NETWORK),
            Cluster::New { comp, .. } => match self.node(*comp)? {
                Node::Cluster(v) => self.network_of(v.vpc, DEFAULT_NETWORK),
                _ => None,
            },
            Cluster::Existing { comp, .. } => match self.node(*comp)? {
                Node::ExistingCluster(v) => self.network_of(Some(v.vpc), DEFAULT_NETWORK),
                _ => Some(DEFAULT_NETWORK),
            },
        }
    }

    fn add_sg(&mut self, origin: SgOrigin, logical_id: String, span: Span) -> SgId {
        self.security_groups.push(SecGroup {
            origin,
            logical_id,
            network: None,
            span,
        });
        self.security_groups.len() - 1
    }

    /// The security groups named in a `securityGroups` list (those that checked).
    fn given_sgs(&self, list: &[CompRef]) -> Vec<SgId> {
        list.iter()
            .filter_map(|c| match self.entity(*c) {
                Some(Entity::SecurityGroup(sg)) => Some(sg),
                _ => None,
            })
            .collect()
    }

    /// Explicit security groups, load balancers, target groups and listeners (with the
    /// load balancers of their own).
    fn link_explicit(&mut self) {
        let all = self.each(|n| {
            matches!(
                n,
                Node::SecurityGroup(_)
                    | Node::ApplicationLoadBalancer(_)
                    | Node::NetworkLoadBalancer(_)
                    | Node::ApplicationTargetGroup(_)
                    | Node::NetworkTargetGroup(_)
                    | Node::ApplicationListener(_)
                    | Node::NetworkListener(_)
            )
        });
        for (c, node) in &all {
            if let Node::SecurityGroup(_) = node {
                let sg = self.add_sg(
                    SgOrigin::Explicit(*c),
                    logical_id(self.name(*c), "SecurityGroup"),
                    self.span(*c),
                );
                self.entity.insert(c.0, Entity::SecurityGroup(sg));
            }
        }
        for (c, node) in &all {
            let (kind, scheme, given) = match node {
                Node::ApplicationLoadBalancer(v) => (
                    LbKind::Application,
                    v.scheme.value,
                    v.security_groups.clone(),
                ),
                Node::NetworkLoadBalancer(v) => {
                    (LbKind::Network, v.scheme.value, v.security_groups.clone())
                }
                _ => continue,
            };
            let id = self.add_lb(
                kind,
                LbOrigin::Explicit(*c),
                logical_id(self.name(*c), "LoadBalancer"),
                scheme,
                given.map(|g| g.value),
                logical_id(self.name(*c), "SecurityGroup"),
            );
            self.entity.insert(c.0, Entity::LoadBalancer(id));
        }
        for (c, node) in &all {
            let (kind, port, protocol, tt) = match node {
                Node::ApplicationTargetGroup(v) => (
                    LbKind::Application,
                    v.port.value,
                    v.protocol.value.as_str(),
                    v.target_type.as_ref().map(|t| t.value),
                ),
                Node::NetworkTargetGroup(v) => (
                    LbKind::Network,
                    v.port.value,
                    v.protocol.value.as_str(),
                    v.target_type.as_ref().map(|t| t.value),
                ),
                _ => continue,
            };
            self.target_groups.push(TargetGroup {
                kind,
                origin: TgOrigin::Explicit(*c),
                logical_id: logical_id(self.name(*c), "TargetGroup"),
                port,
                protocol,
                target_type: tt.unwrap_or(TargetType::Ip),
                network: None,
                listeners: Vec::new(),
                routes: Vec::new(),
                span: self.span(*c),
            });
            self.entity
                .insert(c.0, Entity::TargetGroup(self.target_groups.len() - 1));
        }
        for (c, node) in &all {
            let (kind, lb, port, protocol, scheme) = match node {
                Node::ApplicationListener(v) => (
                    LbKind::Application,
                    v.load_balancer.as_ref().map(|l| l.value),
                    v.port.value,
                    v.protocol.value.as_str(),
                    v.scheme.value,
                ),
                Node::NetworkListener(v) => (
                    LbKind::Network,
                    v.load_balancer.as_ref().map(|l| l.value),
                    v.port.value,
                    v.protocol.value.as_str(),
                    v.scheme.value,
                ),
                _ => continue,
            };
            let name = self.name(*c);
            let lb = match lb {
                Some(lb) => match self.entity(lb) {
                    Some(Entity::LoadBalancer(id)) => Some(id),
                    _ => None,
                },
                None => Some(self.add_lb(
                    kind,
                    LbOrigin::Listener(*c),
                    logical_id(name, "LoadBalancer"),
                    scheme,
                    None,
                    logical_id(name, "LoadBalancerSecurityGroup"),
                )),
            };
            let id = self.listeners.len();
            self.listeners.push(Listener {
                comp: *c,
                kind,
                lb,
                logical_id: logical_id(name, "Listener"),
                port,
                protocol,
                default_action: Action::None,
                claims: Vec::new(),
                routes: Vec::new(),
            });
            if let Some(l) = lb.and_then(|lb| self.load_balancers.get_mut(lb)) {
                l.listeners.push(id);
            }
            self.entity.insert(c.0, Entity::Listener(id));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_lb(
        &mut self,
        kind: LbKind,
        origin: LbOrigin,
        id: String,
        scheme: Scheme,
        given: Option<Vec<CompRef>>,
        sg_id: String,
    ) -> LbId {
        let comp = match origin {
            LbOrigin::Explicit(c) | LbOrigin::Listener(c) => c,
        };
        let span = self.span(comp);
        let lb = self.load_balancers.len();
        let (security_groups, default_sg) = match given {
            Some(list) => (self.given_sgs(&list), None),
            None => {
                let sg = self.add_sg(SgOrigin::LoadBalancer(lb), sg_id, span);
                (vec![sg], Some(sg))
            }
        };
        self.load_balancers.push(LoadBalancer {
            kind,
            origin,
            logical_id: id,
            scheme,
            network: None,
            security_groups,
            default_sg,
            listeners: Vec::new(),
            span,
        });
        lb
    }

    /// Auto Scaling groups: their cluster, network and security groups.
    fn link_capacity(&mut self) {
        for (c, node) in self.each(|n| matches!(n, Node::AutoScalingGroup(_))) {
            let Node::AutoScalingGroup(v) = node else {
                continue;
            };
            let name = self.name(c);
            let cluster = match self.entity(v.cluster.value) {
                Some(Entity::Cluster(id)) => Some(id),
                _ => None,
            };
            let placement = cluster
                .and_then(|cl| self.cluster_network(cl))
                .map(|n| self.placement(n, None));
            let id = self.capacity.len();
            let (security_groups, default_sg) = match &v.security_groups {
                Some(list) => (self.given_sgs(&list.value), None),
                None => {
                    let sg = self.add_sg(
                        SgOrigin::Capacity(id),
                        logical_id(name, "SecurityGroup"),
                        self.span(c),
                    );
                    (vec![sg], Some(sg))
                }
            };
            self.capacity.push(Capacity {
                comp: c,
                cluster,
                placement,
                security_groups,
                default_sg,
                arm: is_arm(&v.instance_type.value),
                launch_template: logical_id(name, "LaunchTemplate"),
                instance_role: logical_id(name, "InstanceRole"),
                instance_profile: logical_id(name, "InstanceProfile"),
                group: logical_id(name, "AutoScalingGroup"),
                provider: logical_id(name, "CapacityProvider"),
            });
            self.entity.insert(c.0, Entity::Capacity(id));
        }
    }

    /// The Auto Scaling groups whose instances join cluster `cluster`.
    pub fn cluster_capacity(&self, cluster: ClusterId) -> Vec<CapacityId> {
        (0..self.capacity.len())
            .filter(|i| self.capacity.get(*i).and_then(|c| c.cluster) == Some(cluster))
            .collect()
    }

    /// The Auto Scaling groups an EC2 runner's tasks may run on: those of its strategy,
    /// or else all of its cluster's.
    pub fn runner_capacity(&self, r: &Runner) -> Vec<CapacityId> {
        let named: Vec<CapacityId> = r
            .strategy
            .iter()
            .filter_map(|s| match s.provider {
                ProviderRef::Capacity(id) => Some(id),
                ProviderRef::Fargate(_) => None,
            })
            .collect();
        match (named.is_empty(), r.cluster) {
            (false, _) => named,
            (true, Some(cluster)) => self.cluster_capacity(cluster),
            (true, None) => Vec::new(),
        }
    }

    /// The platform Docker builds an image for runner `c`: `linux/arm64` when every
    /// instance its tasks may run on is ARM (Graviton); otherwise Docker's own default.
    pub fn image_platform(&self, c: CompRef) -> Option<&'static str> {
        if let Some(rp) = self.runtime_platform(c) {
            return Some(match rp.value.cpu_architecture.value {
                CpuArchitecture::Arm64 => "linux/arm64",
                CpuArchitecture::X86_64 => "linux/amd64",
            });
        }
        let r = self.runner(c).filter(|r| r.launch != Launch::Fargate)?;
        let groups = self.runner_capacity(r);
        let arm = groups
            .iter()
            .all(|g| self.capacity.get(*g).is_some_and(|cap| cap.arm));
        (arm && !groups.is_empty()).then_some("linux/arm64")
    }

    /// The Fargate capacity providers services of cluster `cluster` use, in order.
    pub fn cluster_fargate_providers(&self, cluster: ClusterId) -> Vec<&'static str> {
        let mut out = Vec::new();
        for r in self.services.iter().filter(|r| r.cluster == Some(cluster)) {
            for item in &r.strategy {
                if let ProviderRef::Fargate(name) = item.provider {
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The logical ID of the association of cluster `cluster` with its capacity
    /// providers, when it has any and the stack creates the cluster.
    pub fn cluster_association(&self, cluster: ClusterId) -> Option<String> {
        if self.cluster_capacity(cluster).is_empty()
            && self.cluster_fargate_providers(cluster).is_empty()
        {
            return None;
        }
        self.cluster_logical_id(cluster)
            .map(|id| format!("{id}CapacityProviders"))
    }

    /// Services and task definitions: cluster, placement, security groups, and the
    /// attachments their containers' `portMappings` make.
    fn link_runners(&mut self) {
        for i in 0..self.nodes.len() {
            let c = CompRef(i);
            // The fields needed, not the whole view: cloning it cost more than linking.
            let Some(node) = self.node(c) else { continue };
            let replica = matches!(node, Node::Ec2Service(v) if v.scheduling_strategy.value == Scheduling::Replica);
            let (cluster, assign, given, is_service, launch, providers) = match node {
                Node::FargateService(v) => (
                    v.cluster,
                    v.assign_public_ip,
                    v.security_groups.clone(),
                    true,
                    Launch::Fargate,
                    v.capacity_providers.clone(),
                ),
                Node::FargateTaskDefinition(v) => (
                    v.cluster,
                    v.assign_public_ip,
                    v.security_groups.clone(),
                    false,
                    Launch::Fargate,
                    None,
                ),
                Node::Ec2Service(v) => (
                    Some(v.cluster.value),
                    Some(false),
                    v.security_groups.clone(),
                    true,
                    Launch::Ec2(v.network_mode.value),
                    v.capacity_providers.clone(),
                ),
                Node::Ec2TaskDefinition(v) => (
                    Some(v.cluster.value),
                    Some(false),
                    v.security_groups.clone(),
                    false,
                    Launch::Ec2(v.network_mode.value),
                    None,
                ),
                _ => continue,
            };
            let name = self.name(c);
            let cluster = match cluster {
                Some(cl) => match self.entity(cl) {
                    Some(Entity::Cluster(id)) => Some(id),
                    _ => None,
                },
                None => Some(self.default_cluster(self.span(c))),
            };
            let placement = cluster
                .and_then(|cl| self.cluster_network(cl))
                .map(|n| self.placement(n, assign));
            let awsvpc = matches!(launch, Launch::Fargate | Launch::Ec2(NetworkMode::Awsvpc));
            let (security_groups, default_sg) = match given {
                _ if !awsvpc => (Vec::new(), None),
                Some(list) => (self.given_sgs(&list.value), None),
                None => {
                    let origin = if is_service {
                        SgOrigin::Service(c)
                    } else {
                        SgOrigin::Task(c)
                    };
                    let sg = self.add_sg(origin, logical_id(name, "SecurityGroup"), self.span(c));
                    (vec![sg], Some(sg))
                }
            };
            let strategy = self.strategy(c, replica, cluster, providers.as_ref());
            let runner = Runner {
                comp: c,
                launch,
                strategy,
                cluster,
                placement,
                security_groups,
                default_sg,
                task: TaskIds::of(name),
                service_id: is_service.then(|| logical_id(name, "Service")),
                attachments: Vec::new(),
            };
            if is_service {
                self.entity
                    .insert(c.0, Entity::Service(self.services.len()));
                self.services.push(runner);
                self.attach(c, self.services.len() - 1);
            } else {
                self.entity.insert(c.0, Entity::Task(self.tasks.len()));
                self.tasks.push(runner);
            }
        }
    }

    /// A service's capacity-provider strategy: the one given, or for a replica
    /// `EC2Service` the cluster's Auto Scaling groups (weight 1 each); empty for a
    /// launch type.
    fn strategy(
        &self,
        c: CompRef,
        replica: bool,
        cluster: Option<ClusterId>,
        given: Option<&At<Vec<At<CapacityProviderItemView>>>>,
    ) -> Vec<StrategyItem> {
        if let Some(list) = given {
            return list
                .value
                .iter()
                .filter_map(|item| {
                    let provider = match item.value.provider.value {
                        Provider::Asg(asg) => match self.entity(asg) {
                            Some(Entity::Capacity(id)) => ProviderRef::Capacity(id),
                            _ => return None,
                        },
                        p => ProviderRef::Fargate(p.fargate_name()?),
                    };
                    Some(StrategyItem {
                        provider,
                        weight: item.value.weight,
                        base: item.value.base,
                        span: item.span,
                    })
                })
                .collect();
        }
        match cluster {
            Some(cl) if replica => self
                .cluster_capacity(cl)
                .into_iter()
                .map(|id| StrategyItem {
                    provider: ProviderRef::Capacity(id),
                    weight: 1,
                    base: 0,
                    span: self.span(c),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Target types not given: `instance` for a target group of bridge or host mode
    /// tasks, `ip` otherwise.
    fn infer_target_types(&mut self) {
        for tg in 0..self.target_groups.len() {
            let given = match self.target_groups.get(tg).map(|t| t.origin) {
                Some(TgOrigin::Explicit(c)) => match self.node(c) {
                    Some(Node::ApplicationTargetGroup(v)) => v.target_type.is_some(),
                    Some(Node::NetworkTargetGroup(v)) => v.target_type.is_some(),
                    _ => false,
                },
                _ => false,
            };
            if given {
                continue;
            }
            let instance = self
                .services_of(tg)
                .into_iter()
                .filter_map(|s| self.services.get(s))
                .any(|r| !r.awsvpc());
            if let Some(t) = self.target_groups.get_mut(tg) {
                t.target_type = if instance {
                    TargetType::Instance
                } else {
                    TargetType::Ip
                };
            }
        }
    }

    fn default_cluster(&mut self, span: Span) -> ClusterId {
        if let Some(i) = self
            .clusters
            .iter()
            .position(|c| matches!(c, Cluster::Default { .. }))
        {
            return i;
        }
        self.clusters.push(Cluster::Default { span });
        self.clusters.len() - 1
    }

    /// Where tasks of network `n` run, given `assignPublicIp`.
    fn placement(&self, n: NetId, assign: Option<bool>) -> Placement {
        let public_ip = match self.networks.get(n) {
            Some(Network::New(plan)) => assign.unwrap_or(plan.nat.is_empty()),
            Some(Network::Existing { comp }) => assign.unwrap_or_else(|| match self.node(*comp) {
                Some(Node::ExistingVpc(v)) => v.private_subnets.value.is_empty(),
                _ => true,
            }),
            _ => assign.unwrap_or(true),
        };
        let public_subnets = match self.networks.get(n) {
            Some(Network::Default) | None => true,
            _ => public_ip,
        };
        Placement {
            network: n,
            public_subnets,
            public_ip,
        }
    }

    /// The attachments of service `c` (index `s`) from its containers' `portMappings`.
    fn attach(&mut self, c: CompRef, s: ServiceId) {
        let containers: Vec<(String, Vec<At<PortTarget>>)> = self
            .containers(c)
            .into_iter()
            .map(|(n, v)| (n.into_owned().value, v.port_mappings.clone()))
            .collect();
        for (container, mappings) in containers {
            for m in mappings {
                let PortTarget::Component(target) = m.value else {
                    continue;
                };
                match self.entity(target) {
                    Some(Entity::TargetGroup(tg)) => {
                        let port = self.target_groups.get(tg).map_or(0, |t| t.port);
                        self.add_attachment(s, &container, port, tg, m.span);
                    }
                    Some(Entity::Listener(l)) => self.claim(c, s, &container, l, m.span),
                    _ => {}
                }
            }
        }
    }

    fn add_attachment(&mut self, s: ServiceId, container: &str, port: i64, tg: TgId, span: Span) {
        let dup = self
            .target_group_attachments(tg)
            .any(|a| a.service == s && a.container == container && a.port == port);
        if dup {
            return;
        }
        self.attachments.push(Attachment {
            service: s,
            container: container.to_string(),
            port,
            tg,
            span,
        });
        let id = self.attachments.len() - 1;
        if self.tg_attachments.len() <= tg {
            self.tg_attachments.resize_with(tg + 1, Vec::new);
        }
        if let Some(list) = self.tg_attachments.get_mut(tg) {
            list.push(id);
        }
        if let Some(r) = self.services.get_mut(s) {
            r.attachments.push(id);
        }
    }

    /// A container lists listener `l`: it uses the listener's target group, or (the
    /// shorthand) gets a target group between its service and the listener.
    fn claim(&mut self, c: CompRef, s: ServiceId, container: &str, l: ListenerId, span: Span) {
        let Some(listener) = self.listeners.get(l) else {
            return;
        };
        let lcomp = listener.comp;
        let given_tg = match self.node(lcomp) {
            Some(Node::ApplicationListener(v)) => v.target_group.as_ref().map(|t| t.value),
            Some(Node::NetworkListener(v)) => v.target_group.as_ref().map(|t| t.value),
            _ => None,
        };
        if let Some(tgc) = given_tg {
            if let Some(Entity::TargetGroup(tg)) = self.entity(tgc) {
                let port = self.target_groups.get(tg).map_or(0, |t| t.port);
                self.add_attachment(s, container, port, tg, span);
            }
            return;
        }
        if let Some(l) = self.listeners.get_mut(l) {
            l.claims.push(Claim { service: c, span });
        }
        let first = self
            .listeners
            .get(l)
            .and_then(|l| l.claims.first())
            .map(|c| c.service);
        if first != Some(c) {
            return; // a second service: a rule reports it
        }
        let port = self.target_port(lcomp);
        let tg = self.implicit_tg(c, lcomp, port);
        self.add_attachment(s, container, port, tg, span);
    }

    /// The container port and protocols (`tcp`, `udp`) of a `portMappings` entry: the
    /// port written, a target group's port, or a listener's (its target group's, or
    /// its `targetPort`, else its port).
    pub fn mapped_port(&self, target: &PortTarget) -> Option<(i64, Vec<&'static str>)> {
        let (port, protocol) = match target {
            PortTarget::Mapping(p) => return Some((p.container_port, vec![p.protocol.as_str()])),
            PortTarget::Component(c) => match self.entity(*c)? {
                Entity::TargetGroup(tg) => {
                    self.target_groups.get(tg).map(|t| (t.port, t.protocol))?
                }
                Entity::Listener(_) => {
                    let given = match self.node(*c)? {
                        Node::ApplicationListener(v) => v.target_group.as_ref().map(|t| t.value),
                        Node::NetworkListener(v) => v.target_group.as_ref().map(|t| t.value),
                        _ => None,
                    };
                    match given.and_then(|t| self.entity(t)) {
                        Some(Entity::TargetGroup(tg)) => {
                            self.target_groups.get(tg).map(|t| (t.port, t.protocol))?
                        }
                        _ => (self.target_port(*c), self.shorthand_protocol(*c).1),
                    }
                }
                _ => return None,
            },
        };
        let protocols = match protocol {
            "UDP" => vec!["udp"],
            "TCP_UDP" => vec!["tcp", "udp"],
            _ => vec!["tcp"],
        };
        Some((port, protocols))
    }

    /// The kind and protocol of the target group the shorthand makes for a listener.
    fn shorthand_protocol(&self, listener: CompRef) -> (LbKind, &'static str) {
        match self.node(listener) {
            Some(Node::NetworkListener(v)) => (
                LbKind::Network,
                match v.protocol.value {
                    NetProtocol::Tls => "TCP",
                    p => p.as_str(),
                },
            ),
            _ => (LbKind::Application, "HTTP"),
        }
    }

    /// The container port of the shorthand: the listener's `targetPort`, else its port.
    fn target_port(&self, listener: CompRef) -> i64 {
        match self.node(listener) {
            Some(Node::ApplicationListener(v)) => {
                v.target_port.as_ref().map_or(v.port.value, |p| p.value)
            }
            Some(Node::NetworkListener(v)) => {
                v.target_port.as_ref().map_or(v.port.value, |p| p.value)
            }
            _ => 0,
        }
    }

    /// The target group between service `service` and listener `listener`, made on
    /// first use.
    fn implicit_tg(&mut self, service: CompRef, listener: CompRef, port: i64) -> TgId {
        let origin = TgOrigin::Implicit { service, listener };
        if let Some(i) = self.implicit_tgs.get(&(service, listener)) {
            return *i;
        }
        let (kind, protocol) = self.shorthand_protocol(listener);
        let id = logical_id(
            &format!("{}_{}", self.name(service), self.name(listener)),
            "TargetGroup",
        );
        self.target_groups.push(TargetGroup {
            kind,
            origin,
            logical_id: id,
            port,
            protocol,
            target_type: TargetType::Ip,
            network: None,
            listeners: Vec::new(),
            routes: Vec::new(),
            span: self.span(service),
        });
        let id = self.target_groups.len() - 1;
        self.implicit_tgs.insert((service, listener), id);
        id
    }

    fn action(
        &mut self,
        forward: Option<TgId>,
        redirect: Option<&At<RedirectView>>,
        fixed: Option<&At<FixedResponseView>>,
    ) -> Action {
        if let Some(tg) = forward {
            Action::Forward(tg)
        } else if let Some(r) = redirect {
            Action::Redirect(r.value.clone())
        } else if let Some(f) = fixed {
            Action::Fixed(f.value.clone())
        } else {
            Action::None
        }
    }

    /// Listener rules, with priorities given or assigned in source order.
    fn link_routes(&mut self) {
        for l in 0..self.listeners.len() {
            let Some(listener) = self.listeners.get(l) else {
                continue;
            };
            let lcomp = listener.comp;
            let rules = match self.node(lcomp) {
                Some(Node::ApplicationListener(v)) if !v.rules.is_empty() => v.rules.clone(),
                _ => continue,
            };
            let mut previous = 0;
            for rule in &rules {
                let priority = rule
                    .value
                    .priority
                    .as_ref()
                    .map_or(previous + 1, |p| p.value);
                previous = priority;
                let mut unexposed = None;
                let forward = match rule.value.forward.as_ref().map(|f| f.value) {
                    None => None,
                    Some(target) => match self.entity(target) {
                        Some(Entity::TargetGroup(tg)) => Some(tg),
                        Some(Entity::Service(s)) => {
                            let exposed = self.first_port(target);
                            match exposed {
                                Some((container, port)) => {
                                    let tg = self.implicit_tg(target, lcomp, port);
                                    self.add_attachment(s, &container, port, tg, rule.span);
                                    Some(tg)
                                }
                                None => {
                                    unexposed = Some(target);
                                    None
                                }
                            }
                        }
                        _ => None,
                    },
                };
                let action = self.action(
                    forward,
                    rule.value.redirect.as_ref(),
                    rule.value.fixed_response.as_ref(),
                );
                let id = self.routes.len();
                if let Action::Forward(tg) = action {
                    if let Some(t) = self.target_groups.get_mut(tg) {
                        t.routes.push(id);
                    }
                }
                self.routes.push(Route {
                    listener: l,
                    priority,
                    view: rule.value.clone(),
                    action,
                    unexposed,
                    logical_id: format!("{}{priority}", logical_id(self.name(lcomp), "Rule")),
                    span: rule.span,
                });
                if let Some(listener) = self.listeners.get_mut(l) {
                    listener.routes.push(id);
                }
            }
        }
    }

    /// The first port a service's containers map themselves (`{ containerPort }`).
    fn first_port(&self, service: CompRef) -> Option<(String, i64)> {
        self.containers(service).into_iter().find_map(|(name, c)| {
            c.port_mappings.iter().find_map(|m| match &m.value {
                PortTarget::Mapping(p) => Some((name.value.clone(), p.container_port)),
                PortTarget::Component(_) => None,
            })
        })
    }

    fn link_default_actions(&mut self) {
        for l in 0..self.listeners.len() {
            let Some(listener) = self.listeners.get(l) else {
                continue;
            };
            let lcomp = listener.comp;
            let first_claim = listener.claims.first().map(|c| c.service);
            let (given_tg, redirect, fixed) = match self.node(lcomp) {
                Some(Node::ApplicationListener(v)) => (
                    v.target_group.as_ref().map(|t| t.value),
                    v.redirect.clone(),
                    v.fixed_response.clone(),
                ),
                Some(Node::NetworkListener(v)) => {
                    (v.target_group.as_ref().map(|t| t.value), None, None)
                }
                _ => continue,
            };
            let forward = match given_tg {
                Some(tg) => match self.entity(tg) {
                    Some(Entity::TargetGroup(tg)) => Some(tg),
                    _ => None,
                },
                None => first_claim.and_then(|s| self.implicit_tgs.get(&(s, lcomp)).copied()),
            };
            let action = self.action(forward, redirect.as_ref(), fixed.as_ref());
            if let Action::Forward(tg) = action {
                if let Some(t) = self.target_groups.get_mut(tg) {
                    t.listeners.push(l);
                }
            }
            if let Some(listener) = self.listeners.get_mut(l) {
                listener.default_action = action;
            }
        }
    }

    /// Networks of target groups, load balancers and security groups: the one given,
    /// else the one of the services behind them (the default VPC when none).
    fn infer_networks(&mut self) {
        // Target groups: given, else their services', else (below) their load balancers'.
        for tg in 0..self.target_groups.len() {
            let given = match self.target_groups.get(tg).map(|t| t.origin) {
                Some(TgOrigin::Explicit(c)) => match self.node(c) {
                    Some(Node::ApplicationTargetGroup(v)) => v.vpc,
                    Some(Node::NetworkTargetGroup(v)) => v.vpc,
                    _ => None,
                },
                _ => None,
            };
            let network = match given {
                Some(v) => self.network_of(Some(v), DEFAULT_NETWORK),
                None => self.services_network(&[tg]),
            };
            if let Some(t) = self.target_groups.get_mut(tg) {
                t.network = network;
            }
        }
        for lb in 0..self.load_balancers.len() {
            let Some(b) = self.load_balancers.get(lb) else {
                continue;
            };
            let given = match b.origin {
                LbOrigin::Explicit(c) => match self.node(c) {
                    Some(Node::ApplicationLoadBalancer(v)) => v.vpc,
                    Some(Node::NetworkLoadBalancer(v)) => v.vpc,
                    _ => None,
                },
                LbOrigin::Listener(_) => None,
            };
            let tgs: Vec<TgId> = b
                .listeners
                .iter()
                .flat_map(|l| self.listener_target_groups(*l))
                .collect();
            let network = match given {
                Some(v) => self.network_of(Some(v), DEFAULT_NETWORK),
                None => {
                    let from_tgs = tgs.iter().find_map(|t| {
                        self.target_groups.get(*t).filter(|t| matches!(t.origin, TgOrigin::Explicit(c) if self.explicit_vpc(c).is_some())).and_then(|t| t.network)
                    });
                    from_tgs
                        .or_else(|| self.services_network(&tgs))
                        .or(Some(DEFAULT_NETWORK))
                }
            };
            if let Some(b) = self.load_balancers.get_mut(lb) {
                b.network = network;
            }
            // Target groups with no service take their load balancer's network.
            for t in tgs {
                if let Some(tg) = self.target_groups.get_mut(t) {
                    if tg.network.is_none() {
                        tg.network = network;
                    }
                }
            }
        }
        for tg in &mut self.target_groups {
            if tg.network.is_none() && matches!(tg.origin, TgOrigin::Explicit(_)) {
                tg.network = Some(DEFAULT_NETWORK);
            }
        }
        // Security groups: given, else their users', else the default VPC.
        let users = self.users_networks();
        for sg in 0..self.security_groups.len() {
            let Some(g) = self.security_groups.get(sg) else {
                continue;
            };
            let network = match g.origin {
                SgOrigin::Service(c) | SgOrigin::Task(c) => {
                    self.runner(c).and_then(|r| r.placement).map(|p| p.network)
                }
                SgOrigin::LoadBalancer(lb) => self.load_balancers.get(lb).and_then(|l| l.network),
                SgOrigin::Capacity(id) => self
                    .capacity
                    .get(id)
                    .and_then(|c| c.placement)
                    .map(|p| p.network),
                SgOrigin::Explicit(c) => match self.node(c) {
                    Some(Node::SecurityGroup(v)) if v.vpc.is_some() => {
                        self.network_of(v.vpc, DEFAULT_NETWORK)
                    }
                    _ => users.of(sg).or(Some(DEFAULT_NETWORK)),
                },
            };
            if let Some(g) = self.security_groups.get_mut(sg) {
                g.network = network;
            }
        }
    }

    fn explicit_vpc(&self, c: CompRef) -> Option<CompRef> {
        match self.node(c)? {
            Node::ApplicationTargetGroup(v) => v.vpc,
            Node::NetworkTargetGroup(v) => v.vpc,
            _ => None,
        }
    }

    /// The network of the first service registered in any of `tgs`.
    fn services_network(&self, tgs: &[TgId]) -> Option<NetId> {
        // Per target group, its placed service of the lowest index (`services_of`'s
        // order), without building the set.
        tgs.iter().find_map(|t| {
            self.target_group_attachments(*t)
                .filter_map(|a| {
                    let p = self.services.get(a.service)?.placement?;
                    Some((a.service, p.network))
                })
                .min_by_key(|(s, _)| *s)
                .map(|(_, n)| n)
        })
    }

    /// For each security group, the network of the first service or task that uses
    /// it, of the first Auto Scaling group, and of the first load balancer (one pass over
    /// each, not one per group).
    fn users_networks(&self) -> UsersNetworks {
        fn first(map: &mut FxMap<SgId, NetId>, groups: &[SgId], network: Option<NetId>) {
            if let Some(n) = network {
                for sg in groups {
                    map.entry(*sg).or_insert(n);
                }
            }
        }
        let mut users = UsersNetworks::default();
        for r in self.services.iter().chain(&self.tasks) {
            first(
                &mut users.runners,
                &r.security_groups,
                r.placement.map(|p| p.network),
            );
        }
        for c in &self.capacity {
            first(
                &mut users.capacity,
                &c.security_groups,
                c.placement.map(|p| p.network),
            );
        }
        for l in &self.load_balancers {
            first(&mut users.load_balancers, &l.security_groups, l.network);
        }
        users
    }

    /// The logical ID of the cluster (`None` for an existing one).
    pub fn cluster_logical_id(&self, cluster: ClusterId) -> Option<String> {
        match self.clusters.get(cluster)? {
            Cluster::Default { .. } => Some(crate::ir::DEFAULT_CLUSTER.to_string()),
            Cluster::New { logical_id, .. } => Some(logical_id.clone()),
            Cluster::Existing { .. } => None,
        }
    }

    /// The parameter name for the image of container `container` of component `c`.
    pub fn image_parameter(&self, c: CompRef, container: &str) -> String {
        format!(
            "{}{}Image",
            pascal_case(self.name(c)),
            pascal_case(container)
        )
    }
}

#[cfg(test)]
mod tests;
