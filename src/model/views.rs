//! One view per component, static constructor and record of the standard library
//! (`stdlib/*.ecsx`); `tests` below holds each against its declaration.

use super::view::{literals, view, At, CompRef, Cx, FromVal, Map, Mib, Secs};
use crate::check::{Val, Value};

literals! {
    /// Where a load balancer is reachable from.
    pub enum Scheme {
        /// From the internet (public subnets).
        InternetFacing = "internet-facing",
        /// Only inside the VPC (private subnets).
        Internal = "internal",
    }
}

literals! {
    /// An Application Load Balancer's protocols.
    pub enum HttpProtocol {
        /// HTTP.
        Http = "HTTP",
        /// HTTPS (a certificate).
        Https = "HTTPS",
    }
}

literals! {
    /// A Network Load Balancer's protocols.
    pub enum NetProtocol {
        /// TCP.
        Tcp = "TCP",
        /// UDP.
        Udp = "UDP",
        /// TCP and UDP on one port.
        TcpUdp = "TCP_UDP",
        /// TLS (a certificate).
        Tls = "TLS",
    }
}

literals! {
    /// How a Network Load Balancer checks targets.
    pub enum HealthProtocol {
        /// A TCP connection.
        Tcp = "TCP",
        /// An HTTP request.
        Http = "HTTP",
        /// An HTTPS request.
        Https = "HTTPS",
    }
}

literals! {
    /// How a target group addresses targets.
    pub enum TargetType {
        /// By IP address (awsvpc tasks).
        Ip = "ip",
        /// By EC2 instance (bridge and host mode).
        Instance = "instance",
    }
}

literals! {
    /// A container port's protocol.
    pub enum PortProtocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
    }
}

literals! {
    /// A security-group rule's protocol.
    pub enum IpProtocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
        /// ICMP.
        Icmp = "icmp",
        /// Every protocol.
        All = "all",
    }
}

literals! {
    /// NAT gateways of a new VPC.
    pub enum NatGateways {
        /// One per availability zone.
        PerAz = "per-az",
        /// One for the whole VPC.
        Single = "single",
        /// None: the private subnets cannot reach the internet.
        None = "none",
    }
}

literals! {
    /// The content type of a fixed response.
    pub enum ContentType {
        /// Plain text.
        Text = "text/plain",
        /// CSS.
        Css = "text/css",
        /// HTML.
        Html = "text/html",
        /// JavaScript.
        Js = "application/javascript",
        /// JSON.
        Json = "application/json",
    }
}

view! {
    /// `Cluster { ... }`: a new cluster.
    pub struct ClusterView for "Cluster" {
        vpc: Option<CompRef> = "vpc",
        tags: Map<Val> = "tags",
        container_insights: bool = "containerInsights",
    }
}

view! {
    /// `Cluster.existing("name")`: an existing cluster in the default VPC.
    pub struct ExistingClusterByName for "Cluster.existing()" {
        name_or_arn: At<String> = "nameOrArn",
    }
}

view! {
    /// `Cluster.existing { nameOrArn, vpc }`: an existing cluster and its network.
    pub struct ExistingClusterView for "Cluster.existing{}" {
        name_or_arn: At<String> = "nameOrArn",
        vpc: CompRef = "vpc",
    }
}

view! {
    /// `FargateService { ... }`.
    pub struct FargateServiceView for "FargateService" {
        cluster: Option<CompRef> = "cluster",
        desired_count: Val = "desiredCount",
        containers: At<Map<ContainerView>> = "containers",
        cpu: Option<At<i64>> = "cpu",
        memory: Option<At<Mib>> = "memory",
        assign_public_ip: Option<bool> = "assignPublicIp",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        capacity_providers: Option<At<Vec<At<CapacityProviderItemView>>>> = "capacityProviders",
        wait_for_steady_state: bool = "waitForSteadyState",
        deployment_minimum_healthy_percent: Val = "deploymentMinimumHealthyPercent",
        deployment_maximum_percent: Val = "deploymentMaximumPercent",
        circuit_breaker: bool = "circuitBreaker",
        health_check_grace_period: Option<At<Secs>> = "healthCheckGracePeriod",
        log_retention: At<Secs> = "logRetention",
        permissions: At<Vec<At<PermissionView>>> = "permissions",
        task_role: Option<At<String>> = "taskRole",
        execution_role: Option<At<String>> = "executionRole",
        circuit_breaker_threshold: Option<At<CircuitBreakerThresholdView>> = "circuitBreakerThreshold",
        enable_execute_command: At<bool> = "enableExecuteCommand",
        propagate_tags: Option<At<PropagateTags>> = "propagateTags",
        availability_zone_rebalancing: Option<At<bool>> = "availabilityZoneRebalancing",
        autoscaling: Option<At<AutoscalingView>> = "autoscaling",
        volumes: At<Map<At<VolumeRef>>> = "volumes",
        runtime_platform: Option<At<RuntimePlatformView>> = "runtimePlatform",
        ephemeral_storage: Option<At<i64>> = "ephemeralStorage",
        platform_version: Option<At<String>> = "platformVersion",
        tags: Map<Val> = "tags",
    }
}

literals! {
    /// Where a service's tasks get their tags from.
    pub enum PropagateTags {
        /// The service's tags.
        Service = "SERVICE",
        /// The task definition's tags.
        TaskDefinition = "TASK_DEFINITION",
        /// None.
        None = "NONE",
    }
}

literals! {
    /// How a circuit breaker's threshold counts.
    pub enum ThresholdType {
        /// A number of failed tasks.
        Count = "COUNT",
        /// A percentage of the desired count, from 3 to 200 tasks.
        BoundedPercent = "BOUNDED_PERCENT",
        /// A percentage of the desired count.
        UnboundedPercent = "UNBOUNDED_PERCENT",
    }
}

view! {
    /// A deployment circuit breaker's failure threshold.
    pub struct CircuitBreakerThresholdView for "CircuitBreakerThreshold" {
        kind: ThresholdType = "type",
        value: At<i64> = "value",
    }
}

view! {
    /// Service autoscaling.
    pub struct AutoscalingView for "Autoscaling" {
        min: At<i64> = "min",
        max: At<i64> = "max",
        cpu: Option<At<i64>> = "cpu",
        memory: Option<At<i64>> = "memory",
        requests_per_target: Option<At<i64>> = "requestsPerTarget",
        scale_in_cooldown: Secs = "scaleInCooldown",
        scale_out_cooldown: Secs = "scaleOutCooldown",
        schedules: Vec<At<ScalingScheduleView>> = "schedules",
    }
}

view! {
    /// A scheduled change of autoscaling bounds.
    pub struct ScalingScheduleView for "ScalingSchedule" {
        schedule: At<String> = "schedule",
        min: Option<At<i64>> = "min",
        max: Option<At<i64>> = "max",
        timezone: Option<At<String>> = "timezone",
    }
}

view! {
    /// `ScheduledTask { ... }`.
    pub struct ScheduledTaskView for "ScheduledTask" {
        task: At<CompRef> = "task",
        cluster: Option<At<CompRef>> = "cluster",
        schedule: At<String> = "schedule",
        timezone: Option<At<String>> = "timezone",
        enabled: bool = "enabled",
        count: i64 = "count",
    }
}

literals! {
    /// How an EC2 task's containers are networked.
    pub enum NetworkMode {
        /// Docker's bridge network (dynamic host ports).
        Bridge = "bridge",
        /// The instance's network.
        Host = "host",
        /// A network interface per task.
        Awsvpc = "awsvpc",
    }
}

literals! {
    /// How a service schedules tasks.
    pub enum Scheduling {
        /// Keep `desiredCount` tasks.
        Replica = "REPLICA",
        /// One task on every instance.
        Daemon = "DAEMON",
    }
}

literals! {
    /// A placement strategy.
    pub enum StrategyType {
        /// Spread over the values of a field.
        Spread = "spread",
        /// Fill instances by a resource.
        Binpack = "binpack",
        /// Anywhere.
        Random = "random",
    }
}

literals! {
    /// A placement constraint.
    pub enum ConstraintType {
        /// Each task on another instance.
        DistinctInstance = "distinctInstance",
        /// Instances matching an expression.
        MemberOf = "memberOf",
    }
}

/// A capacity provider of a strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// An `AutoScalingGroup`'s capacity provider.
    Asg(CompRef),
    /// `FARGATE`.
    Fargate,
    /// `FARGATE_SPOT`.
    FargateSpot,
}

impl Provider {
    /// The Fargate provider's name, for `FARGATE` and `FARGATE_SPOT`.
    pub fn fargate_name(self) -> Option<&'static str> {
        match self {
            Provider::Fargate => Some("FARGATE"),
            Provider::FargateSpot => Some("FARGATE_SPOT"),
            Provider::Asg(_) => None,
        }
    }
}

impl FromVal for Provider {
    fn shape() -> String {
        "Union".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        match &v.value {
            Value::Component(id) => Some(Provider::Asg(CompRef(*id))),
            Value::Str(s) if s == "FARGATE" => Some(Provider::Fargate),
            Value::Str(s) if s == "FARGATE_SPOT" => Some(Provider::FargateSpot),
            _ => None,
        }
    }
}
super::view::required_slot!(Provider);

view! {
    /// An item of a capacity-provider strategy.
    pub struct CapacityProviderItemView for "CapacityProviderItem" {
        provider: At<Provider> = "provider",
        weight: i64 = "weight",
        base: i64 = "base",
    }
}

view! {
    /// A placement strategy.
    pub struct PlacementStrategyView for "PlacementStrategy" {
        kind: At<StrategyType> = "type",
        field: Option<At<String>> = "field",
    }
}

view! {
    /// A placement constraint.
    pub struct PlacementConstraintView for "PlacementConstraint" {
        kind: At<ConstraintType> = "type",
        expression: Option<At<String>> = "expression",
    }
}

view! {
    /// `AutoScalingGroup { ... }`.
    pub struct AutoScalingGroupView for "AutoScalingGroup" {
        cluster: At<CompRef> = "cluster",
        instance_type: At<String> = "instanceType",
        min_size: At<i64> = "minSize",
        max_size: At<i64> = "maxSize",
        desired_capacity: Option<At<i64>> = "desiredCapacity",
        target_capacity: i64 = "targetCapacity",
        managed_termination_protection: bool = "managedTerminationProtection",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `EC2Service { ... }`.
    pub struct Ec2ServiceView for "EC2Service" {
        cluster: At<CompRef> = "cluster",
        desired_count: Option<At<Val>> = "desiredCount",
        containers: At<Map<ContainerView>> = "containers",
        network_mode: At<NetworkMode> = "networkMode",
        cpu: Option<At<i64>> = "cpu",
        memory: Option<At<Mib>> = "memory",
        scheduling_strategy: At<Scheduling> = "schedulingStrategy",
        ordered_placement_strategies: At<Vec<At<PlacementStrategyView>>> = "orderedPlacementStrategies",
        placement_constraints: At<Vec<At<PlacementConstraintView>>> = "placementConstraints",
        capacity_providers: Option<At<Vec<At<CapacityProviderItemView>>>> = "capacityProviders",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        iam_role: Option<At<Val>> = "iamRole",
        wait_for_steady_state: bool = "waitForSteadyState",
        deployment_minimum_healthy_percent: Option<Val> = "deploymentMinimumHealthyPercent",
        deployment_maximum_percent: Option<Val> = "deploymentMaximumPercent",
        circuit_breaker: bool = "circuitBreaker",
        health_check_grace_period: Option<At<Secs>> = "healthCheckGracePeriod",
        log_retention: At<Secs> = "logRetention",
        permissions: At<Vec<At<PermissionView>>> = "permissions",
        task_role: Option<At<String>> = "taskRole",
        execution_role: Option<At<String>> = "executionRole",
        circuit_breaker_threshold: Option<At<CircuitBreakerThresholdView>> = "circuitBreakerThreshold",
        enable_execute_command: At<bool> = "enableExecuteCommand",
        propagate_tags: Option<At<PropagateTags>> = "propagateTags",
        availability_zone_rebalancing: Option<At<bool>> = "availabilityZoneRebalancing",
        autoscaling: Option<At<AutoscalingView>> = "autoscaling",
        volumes: At<Map<At<VolumeRef>>> = "volumes",
        runtime_platform: Option<At<RuntimePlatformView>> = "runtimePlatform",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `EC2TaskDefinition { ... }`.
    pub struct Ec2TaskDefinitionView for "EC2TaskDefinition" {
        cluster: At<CompRef> = "cluster",
        container: Option<At<ContainerView>> = "container",
        containers: At<Map<ContainerView>> = "containers",
        network_mode: At<NetworkMode> = "networkMode",
        cpu: Option<At<i64>> = "cpu",
        memory: Option<At<Mib>> = "memory",
        placement_constraints: At<Vec<At<PlacementConstraintView>>> = "placementConstraints",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        log_retention: At<Secs> = "logRetention",
        permissions: At<Vec<At<PermissionView>>> = "permissions",
        task_role: Option<At<String>> = "taskRole",
        execution_role: Option<At<String>> = "executionRole",
        volumes: At<Map<At<VolumeRef>>> = "volumes",
        runtime_platform: Option<At<RuntimePlatformView>> = "runtimePlatform",
    }
}

view! {
    /// `FargateTaskDefinition { ... }`.
    pub struct FargateTaskDefinitionView for "FargateTaskDefinition" {
        cluster: Option<CompRef> = "cluster",
        container: Option<At<ContainerView>> = "container",
        containers: At<Map<ContainerView>> = "containers",
        cpu: Option<At<i64>> = "cpu",
        memory: Option<At<Mib>> = "memory",
        assign_public_ip: Option<bool> = "assignPublicIp",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        log_retention: At<Secs> = "logRetention",
        permissions: At<Vec<At<PermissionView>>> = "permissions",
        task_role: Option<At<String>> = "taskRole",
        execution_role: Option<At<String>> = "executionRole",
        volumes: At<Map<At<VolumeRef>>> = "volumes",
        runtime_platform: Option<At<RuntimePlatformView>> = "runtimePlatform",
        ephemeral_storage: Option<At<i64>> = "ephemeralStorage",
    }
}

view! {
    /// A container of a task.
    pub struct ContainerView for "Container" {
        image: ImageRef = "image",
        memory: Option<At<Mib>> = "memory",
        memory_reservation: Option<At<Mib>> = "memoryReservation",
        cpu: Option<i64> = "cpu",
        port_mappings: Vec<At<PortTarget>> = "portMappings",
        environment: Map<Val> = "environment",
        secrets: At<Map<SecretRef>> = "secrets",
        command: Option<Val> = "command",
        essential: At<bool> = "essential",
        entry_point: Option<Val> = "entryPoint",
        working_directory: Option<String> = "workingDirectory",
        user: Option<String> = "user",
        readonly_root_filesystem: Option<bool> = "readonlyRootFilesystem",
        stop_timeout: Option<At<Secs>> = "stopTimeout",
        health_check: Option<At<ContainerHealthCheckView>> = "healthCheck",
        depends_on: At<Map<At<DependencyCondition>>> = "dependsOn",
        ulimits: Vec<At<UlimitView>> = "ulimits",
        linux_parameters: Option<LinuxParametersView> = "linuxParameters",
        logging: Option<LoggingRef> = "logging",
        firelens_configuration: Option<At<FirelensConfigurationView>> = "firelensConfiguration",
        mount_points: Vec<At<MountPointView>> = "mountPoints",
    }
}

view! {
    /// `Secret.ssm("/name")`.
    pub struct SsmByName for "Secret.ssm()" {
        name: At<Val> = "name",
    }
}

view! {
    /// `Secret.ssm { name, kmsKey }`.
    pub struct SsmSecretView for "Secret.ssm{}" {
        name: At<Val> = "name",
        kms_key: Option<String> = "kmsKey",
    }
}

view! {
    /// `Secret.secretsManager("arn")`.
    pub struct SecretsManagerByArn for "Secret.secretsManager()" {
        arn: At<Val> = "arn",
    }
}

view! {
    /// `Secret.secretsManager { arn, field, versionStage, kmsKey }`.
    pub struct SecretsManagerSecretView for "Secret.secretsManager{}" {
        arn: At<Val> = "arn",
        field: Option<String> = "field",
        version_stage: Option<String> = "versionStage",
        kms_key: Option<String> = "kmsKey",
    }
}

/// A container's secret: an SSM parameter or a Secrets Manager secret (both forms of
/// each constructor read into one view; the positional form leaves the options out).
#[derive(Debug, Clone, PartialEq)]
pub enum SecretRef {
    /// `Secret.ssm(...)`.
    Ssm(At<SsmSecretView>),
    /// `Secret.secretsManager(...)`.
    SecretsManager(At<SecretsManagerSecretView>),
}

impl FromVal for SecretRef {
    fn shape() -> String {
        "Secret".into()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        let Value::Record { ty, ctor, fields } = &v.value else {
            return None;
        };
        if ty != "Secret" {
            return None;
        }
        let at = |value| At {
            value,
            span: v.span,
            given: v.span.source == cx.source,
        };
        match ctor.as_deref() {
            Some("ssm") => Some(SecretRef::Ssm(at(
                <SsmSecretView as super::view::View>::read(fields, cx)?,
            ))),
            Some("secretsManager") => Some(SecretRef::SecretsManager(At {
                value: <SecretsManagerSecretView as super::view::View>::read(fields, cx)?,
                span: v.span,
                given: v.span.source == cx.source,
            })),
            _ => None,
        }
    }
}
super::view::required_slot!(SecretRef);

view! {
    /// `Logging.awslogs { ... }`: a log group of the container's own.
    pub struct AwsLogsView for "Logging.awslogs{}" {
        retention: At<Secs> = "retention",
        stream_prefix: Option<String> = "streamPrefix",
    }
}

view! {
    /// `Logging.existing("name")`: a log group that exists.
    pub struct ExistingLogGroup for "Logging.existing()" {
        log_group: At<String> = "logGroup",
    }
}

view! {
    /// `Logging.none()`: no log driver.
    pub struct NoLogging for "Logging.none()" {}
}

view! {
    /// `Logging.firelens { ... }`: through the task's FireLens container.
    pub struct FirelensLoggingView for "Logging.firelens{}" {
        options: Map<String> = "options",
        secret_options: Map<SecretRef> = "secretOptions",
    }
}

literals! {
    /// A Docker log driver named by `Logging.driver`.
    pub enum LogDriverName {
        /// Splunk.
        Splunk = "splunk",
        /// syslog.
        Syslog = "syslog",
        /// Fluentd.
        Fluentd = "fluentd",
        /// Graylog Extended Log Format.
        Gelf = "gelf",
        /// journald.
        Journald = "journald",
        /// JSON files on the instance.
        JsonFile = "json-file",
    }
}

view! {
    /// `Logging.driver { ... }`: another Docker log driver.
    pub struct LogDriverView for "Logging.driver{}" {
        name: At<LogDriverName> = "name",
        options: Map<String> = "options",
        secret_options: Map<SecretRef> = "secretOptions",
    }
}

/// Where a container's output goes (`logging`).
#[derive(Debug, Clone, PartialEq)]
pub enum LoggingRef {
    /// `Logging.awslogs { ... }`.
    AwsLogs(At<AwsLogsView>),
    /// `Logging.existing("name")`.
    Existing(At<ExistingLogGroup>),
    /// `Logging.none()`.
    None(At<NoLogging>),
    /// `Logging.firelens { ... }`.
    Firelens(At<FirelensLoggingView>),
    /// `Logging.driver { ... }`.
    Driver(At<LogDriverView>),
}

impl LoggingRef {
    /// Where it is written.
    pub fn span(&self) -> crate::source::Span {
        match self {
            LoggingRef::AwsLogs(v) => v.span,
            LoggingRef::Existing(v) => v.span,
            LoggingRef::None(v) => v.span,
            LoggingRef::Firelens(v) => v.span,
            LoggingRef::Driver(v) => v.span,
        }
    }

    /// The secrets among its options, by option name.
    pub fn secret_options(&self) -> &[(At<String>, SecretRef)] {
        match self {
            LoggingRef::Firelens(v) => &v.value.secret_options.0,
            LoggingRef::Driver(v) => &v.value.secret_options.0,
            _ => &[],
        }
    }
}

/// Reads the record of a static constructor `ty.ctor` into a view, at the value's span.
fn ctor_view<T: super::view::View>(v: &Val, cx: &Cx) -> Option<At<T>> {
    let Value::Record { fields, .. } = &v.value else {
        return None;
    };
    Some(At {
        value: T::read(fields, cx)?,
        span: v.span,
        given: v.span.source == cx.source,
    })
}

/// The type and constructor of a record built by a static constructor.
fn ctor_of(v: &Val) -> Option<(&str, Option<&str>)> {
    match &v.value {
        Value::Record { ty, ctor, .. } => Some((ty.as_str(), ctor.as_deref())),
        _ => None,
    }
}

impl FromVal for LoggingRef {
    fn shape() -> String {
        "Logging".into()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        match ctor_of(v)? {
            ("Logging", Some("awslogs")) => ctor_view(v, cx).map(LoggingRef::AwsLogs),
            ("Logging", Some("existing")) => ctor_view(v, cx).map(LoggingRef::Existing),
            ("Logging", Some("none")) => ctor_view(v, cx).map(LoggingRef::None),
            ("Logging", Some("firelens")) => ctor_view(v, cx).map(LoggingRef::Firelens),
            ("Logging", Some("driver")) => ctor_view(v, cx).map(LoggingRef::Driver),
            _ => None,
        }
    }
}
super::view::required_slot!(LoggingRef);

literals! {
    /// A FireLens log router.
    pub enum FirelensType {
        /// Fluent Bit.
        Fluentbit = "fluentbit",
        /// Fluentd.
        Fluentd = "fluentd",
    }
}

view! {
    /// What makes a container the task's FireLens log router.
    pub struct FirelensConfigurationView for "FirelensConfiguration" {
        kind: FirelensType = "type",
        options: Map<String> = "options",
    }
}

view! {
    /// A volume mounted in a container.
    pub struct MountPointView for "MountPoint" {
        volume: At<String> = "volume",
        path: At<String> = "path",
        read_only: bool = "readOnly",
    }
}

view! {
    /// `Volume.efs { ... }`.
    pub struct EfsVolumeView for "Volume.efs{}" {
        file_system: At<CompRef> = "fileSystem",
        access_point: Option<At<String>> = "accessPoint",
        root_directory: Option<At<String>> = "rootDirectory",
        iam: At<bool> = "iam",
    }
}

view! {
    /// `Volume.bind()`: storage of the task itself.
    pub struct BindVolume for "Volume.bind()" {}
}

view! {
    /// `Volume.host("/path")`: a folder of the EC2 instance.
    pub struct HostVolume for "Volume.host()" {
        source_path: At<String> = "sourcePath",
    }
}

literals! {
    /// The life of a Docker volume.
    pub enum DockerScope {
        /// The task's.
        Task = "task",
        /// The instance's, shared by tasks.
        Shared = "shared",
    }
}

view! {
    /// `Volume.docker { ... }`.
    pub struct DockerVolumeView for "Volume.docker{}" {
        scope: At<DockerScope> = "scope",
        autoprovision: Option<At<bool>> = "autoprovision",
        driver: String = "driver",
        driver_opts: Map<String> = "driverOpts",
        labels: Map<String> = "labels",
    }
}

/// A volume of a task.
#[derive(Debug, Clone, PartialEq)]
pub enum VolumeRef {
    /// `Volume.efs { ... }`.
    Efs(At<EfsVolumeView>),
    /// `Volume.bind()`.
    Bind(At<BindVolume>),
    /// `Volume.host("/path")`.
    Host(At<HostVolume>),
    /// `Volume.docker { ... }`.
    Docker(At<DockerVolumeView>),
}

impl FromVal for VolumeRef {
    fn shape() -> String {
        "Volume".into()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        match ctor_of(v)? {
            ("Volume", Some("efs")) => ctor_view(v, cx).map(VolumeRef::Efs),
            ("Volume", Some("bind")) => ctor_view(v, cx).map(VolumeRef::Bind),
            ("Volume", Some("host")) => ctor_view(v, cx).map(VolumeRef::Host),
            ("Volume", Some("docker")) => ctor_view(v, cx).map(VolumeRef::Docker),
            _ => None,
        }
    }
}
super::view::required_slot!(VolumeRef);

literals! {
    /// A CPU architecture.
    pub enum CpuArchitecture {
        /// x86-64.
        X86_64 = "X86_64",
        /// ARM64 (Graviton).
        Arm64 = "ARM64",
    }
}

literals! {
    /// An operating system family.
    pub enum OsFamily {
        /// Linux.
        Linux = "LINUX",
        /// Windows Server 2019 Full.
        Windows2019Full = "WINDOWS_SERVER_2019_FULL",
        /// Windows Server 2019 Core.
        Windows2019Core = "WINDOWS_SERVER_2019_CORE",
        /// Windows Server 2022 Full.
        Windows2022Full = "WINDOWS_SERVER_2022_FULL",
        /// Windows Server 2022 Core.
        Windows2022Core = "WINDOWS_SERVER_2022_CORE",
    }
}

view! {
    /// The CPU architecture and operating system of a task.
    pub struct RuntimePlatformView for "RuntimePlatform" {
        cpu_architecture: At<CpuArchitecture> = "cpuArchitecture",
        os: At<OsFamily> = "os",
    }
}

view! {
    /// `EfsFileSystem { ... }`: a new file system.
    pub struct EfsFileSystemView for "EfsFileSystem" {
        vpc: At<CompRef> = "vpc",
        encrypted: bool = "encrypted",
        performance_mode: At<EfsPerformanceMode> = "performanceMode",
        throughput_mode: At<EfsThroughputMode> = "throughputMode",
        tags: Map<Val> = "tags",
    }
}

literals! {
    /// An EFS performance mode.
    pub enum EfsPerformanceMode {
        /// General purpose.
        GeneralPurpose = "generalPurpose",
        /// Max I/O.
        MaxIo = "maxIO",
    }
}

literals! {
    /// An EFS throughput mode.
    pub enum EfsThroughputMode {
        /// Bursting.
        Bursting = "bursting",
        /// Elastic.
        Elastic = "elastic",
    }
}

view! {
    /// `EfsFileSystem.existing { ... }`: a file system that exists.
    pub struct ExistingEfsFileSystemView for "EfsFileSystem.existing{}" {
        id: At<String> = "id",
        security_group: At<String> = "securityGroup",
    }
}

view! {
    /// An IAM statement of a task role.
    pub struct PermissionView for "Permission" {
        actions: At<Vec<String>> = "actions",
        resources: At<Vec<Val>> = "resources",
    }
}

literals! {
    /// The state a container waits for in another (`dependsOn`).
    pub enum DependencyCondition {
        /// The other container has started.
        Start = "START",
        /// The other container has exited.
        Complete = "COMPLETE",
        /// The other container has exited with status 0.
        Success = "SUCCESS",
        /// The other container passed its health check.
        Healthy = "HEALTHY",
    }
}

view! {
    /// A container health check.
    pub struct ContainerHealthCheckView for "ContainerHealthCheck" {
        command: Vec<String> = "command",
        interval: At<Secs> = "interval",
        timeout: At<Secs> = "timeout",
        retries: i64 = "retries",
        start_period: Option<Secs> = "startPeriod",
    }
}

literals! {
    /// A resource a ulimit limits.
    pub enum UlimitName {
        /// `core`.
        Core = "core",
        /// `cpu`.
        Cpu = "cpu",
        /// `data`.
        Data = "data",
        /// `fsize`.
        Fsize = "fsize",
        /// `locks`.
        Locks = "locks",
        /// `memlock`.
        Memlock = "memlock",
        /// `msgqueue`.
        Msgqueue = "msgqueue",
        /// `nice`.
        Nice = "nice",
        /// `nofile`.
        Nofile = "nofile",
        /// `nproc`.
        Nproc = "nproc",
        /// `rss`.
        Rss = "rss",
        /// `rtprio`.
        Rtprio = "rtprio",
        /// `rttime`.
        Rttime = "rttime",
        /// `sigpending`.
        Sigpending = "sigpending",
        /// `stack`.
        Stack = "stack",
    }
}

view! {
    /// A resource limit.
    pub struct UlimitView for "Ulimit" {
        name: UlimitName = "name",
        soft_limit: At<i64> = "softLimit",
        hard_limit: At<i64> = "hardLimit",
    }
}

view! {
    /// Linux settings of a container.
    pub struct LinuxParametersView for "LinuxParameters" {
        init_process_enabled: Option<bool> = "initProcessEnabled",
    }
}

view! {
    /// A port mapping written out.
    pub struct PortMappingView for "PortMapping" {
        container_port: i64 = "containerPort",
        host_port: Option<At<i64>> = "hostPort",
        protocol: PortProtocol = "protocol",
    }
}

view! {
    /// `Image.fromPath("./app")`.
    pub struct ImageFromPath for "Image.fromPath()" {
        path: At<String> = "path",
    }
}

view! {
    /// `Image.fromDockerBuild { ... }`.
    pub struct DockerBuildView for "DockerBuild" {
        context: At<String> = "context",
        dockerfile: Option<At<String>> = "dockerfile",
        target: Option<String> = "target",
        args: Map<String> = "args",
        cache_from: Vec<String> = "cacheFrom",
    }
}

/// A container's image: a reference as written, or one ecsxc builds.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageRef {
    /// An image reference (`"nginx"`), possibly from a parameter.
    Reference(Val),
    /// `Image.fromPath(...)`.
    FromPath(At<ImageFromPath>),
    /// `Image.fromDockerBuild { ... }`.
    Build(At<DockerBuildView>),
}

impl FromVal for ImageRef {
    fn shape() -> String {
        "Union".into()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        let Value::Record { ty, ctor, fields } = &v.value else {
            return Some(ImageRef::Reference(v.clone()));
        };
        if ty != "Image" {
            return None;
        }
        fn at<T>(value: T, v: &Val, cx: &Cx) -> At<T> {
            At {
                value,
                span: v.span,
                given: v.span.source == cx.source,
            }
        }
        match ctor.as_deref() {
            Some("fromPath") => Some(ImageRef::FromPath(at(
                <ImageFromPath as super::view::View>::read(fields, cx)?,
                v,
                cx,
            ))),
            _ => Some(ImageRef::Build(at(
                <DockerBuildView as super::view::View>::read(fields, cx)?,
                v,
                cx,
            ))),
        }
    }
}
super::view::required_slot!(ImageRef);

/// One entry of `portMappings`: a port written out, or a listener or target group.
#[derive(Debug, Clone, PartialEq)]
pub enum PortTarget {
    /// `{ containerPort: 8080 }`.
    Mapping(PortMappingView),
    /// A listener or a target group.
    Component(CompRef),
}

impl FromVal for PortTarget {
    fn shape() -> String {
        "Union".into()
    }
    fn from_val(v: &Val, cx: &Cx) -> Option<Self> {
        match &v.value {
            Value::Component(id) => Some(PortTarget::Component(CompRef(*id))),
            _ => PortMappingView::from_val(v, cx).map(PortTarget::Mapping),
        }
    }
}
super::view::required_slot!(PortTarget);

view! {
    /// `Vpc { ... }`: a new VPC.
    pub struct VpcView for "Vpc" {
        cidr: At<String> = "cidr",
        availability_zones: At<i64> = "availabilityZones",
        nat_gateways: At<NatGateways> = "natGateways",
        subnet_prefix: Option<At<i64>> = "subnetPrefix",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `Vpc.existing { ... }`: a VPC that exists.
    pub struct ExistingVpcView for "Vpc.existing{}" {
        id: At<String> = "id",
        public_subnets: At<Vec<String>> = "publicSubnets",
        private_subnets: At<Vec<String>> = "privateSubnets",
        cidr: Option<At<String>> = "cidr",
    }
}

view! {
    /// `SecurityGroup { ... }`.
    pub struct SecurityGroupView for "SecurityGroup" {
        vpc: Option<CompRef> = "vpc",
        description: Option<At<String>> = "description",
        ingress: Vec<At<RuleView>> = "ingress",
        egress: Option<Vec<At<EgressView>>> = "egress",
        tags: Map<Val> = "tags",
    }
}

/// The other end of a security-group rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Peer {
    /// A CIDR range (possibly from a parameter).
    Cidr(Val),
    /// A component's security groups.
    Component(CompRef),
}

impl FromVal for Peer {
    fn shape() -> String {
        "Union".into()
    }
    fn from_val(v: &Val, _: &Cx) -> Option<Self> {
        match &v.value {
            Value::Component(id) => Some(Peer::Component(CompRef(*id))),
            _ => Some(Peer::Cidr(v.clone())),
        }
    }
}
super::view::required_slot!(Peer);

view! {
    /// An inbound security-group rule.
    pub struct RuleView for "Ingress" {
        port: Option<At<i64>> = "port",
        to_port: Option<At<i64>> = "toPort",
        protocol: At<IpProtocol> = "protocol",
        peer: At<Peer> = "from",
        description: Option<String> = "description",
    }
}

view! {
    /// An outbound security-group rule.
    pub struct EgressView for "Egress" {
        port: Option<At<i64>> = "port",
        to_port: Option<At<i64>> = "toPort",
        protocol: At<IpProtocol> = "protocol",
        peer: At<Peer> = "to",
        description: Option<String> = "description",
    }
}

impl From<EgressView> for RuleView {
    fn from(e: EgressView) -> Self {
        RuleView {
            port: e.port,
            to_port: e.to_port,
            protocol: e.protocol,
            peer: e.peer,
            description: e.description,
        }
    }
}

view! {
    /// `ApplicationLoadBalancer { ... }`.
    pub struct ApplicationLoadBalancerView for "ApplicationLoadBalancer" {
        vpc: Option<CompRef> = "vpc",
        scheme: At<Scheme> = "scheme",
        idle_timeout: Secs = "idleTimeout",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `NetworkLoadBalancer { ... }`.
    pub struct NetworkLoadBalancerView for "NetworkLoadBalancer" {
        vpc: Option<CompRef> = "vpc",
        scheme: At<Scheme> = "scheme",
        cross_zone: bool = "crossZone",
        security_groups: Option<At<Vec<CompRef>>> = "securityGroups",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `ApplicationListener { ... }`.
    pub struct ApplicationListenerView for "ApplicationListener" {
        load_balancer: Option<At<CompRef>> = "loadBalancer",
        port: At<i64> = "port",
        protocol: At<HttpProtocol> = "protocol",
        certificate_arn: Option<At<Val>> = "certificateArn",
        ssl_policy: Option<At<String>> = "sslPolicy",
        target_group: Option<At<CompRef>> = "targetGroup",
        redirect: Option<At<RedirectView>> = "redirect",
        fixed_response: Option<At<FixedResponseView>> = "fixedResponse",
        rules: Vec<At<RouteView>> = "rules",
        target_port: Option<At<i64>> = "targetPort",
        scheme: At<Scheme> = "scheme",
        health_check_path: At<Val> = "healthCheckPath",
        health_check_interval: At<Secs> = "healthCheckInterval",
    }
}

view! {
    /// `NetworkListener { ... }`.
    pub struct NetworkListenerView for "NetworkListener" {
        load_balancer: Option<At<CompRef>> = "loadBalancer",
        port: At<i64> = "port",
        protocol: At<NetProtocol> = "protocol",
        certificate_arn: Option<At<Val>> = "certificateArn",
        ssl_policy: Option<At<String>> = "sslPolicy",
        target_group: Option<At<CompRef>> = "targetGroup",
        target_port: Option<At<i64>> = "targetPort",
        scheme: At<Scheme> = "scheme",
    }
}

view! {
    /// `ApplicationTargetGroup { ... }`.
    pub struct ApplicationTargetGroupView for "ApplicationTargetGroup" {
        vpc: Option<CompRef> = "vpc",
        port: At<i64> = "port",
        protocol: At<HttpProtocol> = "protocol",
        target_type: Option<At<TargetType>> = "targetType",
        health_check: HealthCheckView = "healthCheck",
        deregistration_delay: Secs = "deregistrationDelay",
        stickiness: Option<StickinessView> = "stickiness",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// `NetworkTargetGroup { ... }`.
    pub struct NetworkTargetGroupView for "NetworkTargetGroup" {
        vpc: Option<CompRef> = "vpc",
        port: At<i64> = "port",
        protocol: At<NetProtocol> = "protocol",
        target_type: Option<At<TargetType>> = "targetType",
        health_check: NetworkHealthCheckView = "healthCheck",
        deregistration_delay: Secs = "deregistrationDelay",
        tags: Map<Val> = "tags",
    }
}

view! {
    /// An Application Load Balancer target group's health check.
    pub struct HealthCheckView for "HealthCheck" {
        path: At<String> = "path",
        interval: At<Secs> = "interval",
        timeout: At<Secs> = "timeout",
        healthy_threshold: i64 = "healthyThreshold",
        unhealthy_threshold: i64 = "unhealthyThreshold",
        matcher: At<String> = "matcher",
    }
}

view! {
    /// A Network Load Balancer target group's health check.
    pub struct NetworkHealthCheckView for "NetworkHealthCheck" {
        protocol: At<HealthProtocol> = "protocol",
        path: Option<At<String>> = "path",
        interval: At<Secs> = "interval",
        timeout: At<Secs> = "timeout",
        healthy_threshold: i64 = "healthyThreshold",
        unhealthy_threshold: i64 = "unhealthyThreshold",
        matcher: Option<At<String>> = "matcher",
    }
}

view! {
    /// Sticky sessions.
    pub struct StickinessView for "Stickiness" {
        duration: Secs = "duration",
        cookie_name: Option<String> = "cookieName",
    }
}

view! {
    /// A listener rule.
    pub struct RouteView for "Route" {
        priority: Option<At<i64>> = "priority",
        paths: At<Vec<String>> = "paths",
        hosts: At<Vec<String>> = "hosts",
        forward: Option<At<CompRef>> = "forward",
        redirect: Option<At<RedirectView>> = "redirect",
        fixed_response: Option<At<FixedResponseView>> = "fixedResponse",
    }
}

view! {
    /// A redirect action.
    pub struct RedirectView for "Redirect" {
        protocol: HttpProtocol = "protocol",
        port: i64 = "port",
        host: Option<String> = "host",
        path: Option<At<String>> = "path",
        permanent: bool = "permanent",
    }
}

view! {
    /// A fixed-response action.
    pub struct FixedResponseView for "FixedResponse" {
        status_code: At<i64> = "statusCode",
        content_type: ContentType = "contentType",
        body: At<String> = "body",
    }
}

/// Every view: its standard-library type and fields (for the test against the stdlib).
pub fn all() -> Vec<(&'static str, Vec<super::view::FieldSpec>)> {
    use super::view::View;
    macro_rules! list {
        ($($v:ty),* $(,)?) => { vec![$( (<$v>::TYPE, <$v>::fields()), )*] };
    }
    list![
        AutoScalingGroupView,
        Ec2ServiceView,
        Ec2TaskDefinitionView,
        PlacementStrategyView,
        PlacementConstraintView,
        CapacityProviderItemView,
        ClusterView,
        ExistingClusterByName,
        ExistingClusterView,
        FargateServiceView,
        FargateTaskDefinitionView,
        CircuitBreakerThresholdView,
        AutoscalingView,
        ScalingScheduleView,
        ScheduledTaskView,
        ContainerView,
        ContainerHealthCheckView,
        SsmByName,
        SsmSecretView,
        SecretsManagerByArn,
        SecretsManagerSecretView,
        PermissionView,
        UlimitView,
        LinuxParametersView,
        AwsLogsView,
        ExistingLogGroup,
        NoLogging,
        FirelensLoggingView,
        LogDriverView,
        FirelensConfigurationView,
        MountPointView,
        EfsVolumeView,
        BindVolume,
        HostVolume,
        DockerVolumeView,
        RuntimePlatformView,
        EfsFileSystemView,
        ExistingEfsFileSystemView,
        PortMappingView,
        ImageFromPath,
        DockerBuildView,
        VpcView,
        ExistingVpcView,
        SecurityGroupView,
        RuleView,
        EgressView,
        ApplicationLoadBalancerView,
        NetworkLoadBalancerView,
        ApplicationListenerView,
        NetworkListenerView,
        ApplicationTargetGroupView,
        NetworkTargetGroupView,
        HealthCheckView,
        NetworkHealthCheckView,
        StickinessView,
        RouteView,
        RedirectView,
        FixedResponseView,
    ]
}
