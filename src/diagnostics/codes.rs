//! The register of diagnostic codes: every code ecsxc can print, in one place.
//!
//! Ranges follow the stages: `E00xx` reading and syntax, `E01xx` names, `E02xx` types,
//! `E03xx` ECS and CloudFormation rules checked while expanding, `E04xx` emission,
//! `E05xx` deploy, `W0xxx` warnings. A code is never reused for another meaning.
//! `docs/diagnostics.md` has an example of each, and `tests/cases/fail/` a program
//! that produces it (a unit test keeps both in step with this list).

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $code:literal, $title:literal;)*) => {
        /// A diagnostic code of the register.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $title] $variant,)*
        }

        impl Code {
            /// Every code, in register order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed (`E0103`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A short title for the docs.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    // Reading and syntax.
    Syntax = "E0001", "unexpected input: the parser expected something else";
    InvalidUtf8 = "E0002", "the file is not valid UTF-8";
    EmptyProgram = "E0003", "the file declares nothing";
    Unreadable = "E0004", "the file cannot be read";
    InvalidEscape = "E0005", "unknown escape sequence in a string";
    IntegerTooLarge = "E0006", "integer literal too large";
    CfnSyntax = "E0007", "CloudFormation or YAML syntax in an ecsx program";
    UnterminatedString = "E0008", "string literal without its closing quote";
    FileTooLarge = "E0009", "the file is larger than ecsxc accepts";
    NestingTooDeep = "E0010", "expressions nested too deeply";
    // Names.
    UndefinedName = "E0101", "name not defined";
    DuplicateBinding = "E0102", "name defined twice";
    UnknownField = "E0103", "field not declared by the type";
    UnknownType = "E0104", "unknown component or type";
    UnknownAttribute = "E0105", "attribute not declared by the type";
    ReferenceCycle = "E0106", "bindings that refer to each other in a cycle";
    DuplicateField = "E0107", "field given twice";
    UnknownConstructor = "E0108", "unknown static constructor";
    TypeAsValue = "E0109", "a type used where a value is expected";
    InvalidName = "E0110", "name that AWS or CloudFormation does not accept";
    // Types.
    TypeMismatch = "E0201", "value of the wrong type";
    MissingField = "E0202", "required field not given";
    OutOfRange = "E0203", "number outside the allowed range";
    NotAllowedValue = "E0204", "string not among the allowed values";
    NotConst = "E0205", "value needed at compile time comes from a parameter";
    NotExportable = "E0206", "export of a value that is not a string, number or boolean";
    InvalidParamType = "E0207", "parameter type CloudFormation cannot express";
    NotConstructible = "E0208", "a type built with the wrong form";
    DurationNotWhole = "E0209", "duration that is not a whole number of seconds";
    // ECS and CloudFormation rules.
    TaskTooLarge = "E0301", "containers need more than their task, or than the largest Fargate task";
    LogicalIdCollision = "E0302", "two resources would get the same logical ID";
    ReservationAboveLimit = "E0304", "memoryReservation above memory";
    ListenerSharedByServices = "E0305", "one listener forwarding to two services";
    NoContainers = "E0306", "a task without containers";
    HttpsWithoutCertificate = "E0307", "HTTPS listener without a certificate";
    HostPortMismatch = "E0308", "hostPort different from containerPort under awsvpc";
    TooManyTargetGroups = "E0309", "more than 5 target groups on one service";
    InvalidFargateSize = "E0310", "task cpu and memory not a valid Fargate combination";
    GracePeriodWithoutHealthCheck = "E0311", "health-check grace period without a load balancer or container health check";
    InvalidLogRetention = "E0312", "log retention CloudWatch Logs does not offer";
    DuplicateContainerPort = "E0313", "two port mappings of one task on the same port";
    ContainerAndContainers = "E0315", "a task definition with both `container` and `containers`";
    InvalidHealthCheck = "E0316", "health check that Elastic Load Balancing does not accept";
    DuplicateListenerPort = "E0317", "two listeners on one port of a load balancer";
    ProtocolMismatch = "E0318", "target group protocol that does not fit its listener";
    InstanceTargetForAwsvpc = "E0319", "target type that does not fit the tasks' network mode";
    DuplicateRulePriority = "E0320", "two listener rules with the same priority, or one past 50,000";
    InvalidConditions = "E0321", "listener rule conditions Elastic Load Balancing does not accept";
    TooFewZones = "E0322", "load balancer without enough availability zones";
    InvalidCidr = "E0323", "IPv4 range that is invalid or does not fit";
    NetworkMismatch = "E0324", "a service and what it uses in different networks";
    NoNetwork = "E0325", "tasks with no network or subnets to run in";
    PortNotExposed = "E0326", "a rule forwarding to a service that exposes no port";
    TooManyTags = "E0327", "more than 50 tags on one resource";
    NoEssentialContainer = "E0328", "a task without an essential container";
    TlsSettingOnPlainListener = "E0329", "certificate or TLS policy on a listener without TLS";
    ConflictingActions = "E0330", "a listener or rule with several actions, or with none it can have";
    InvalidAction = "E0331", "redirect or fixed response that Elastic Load Balancing does not accept";
    MisplacedSetting = "E0332", "listener setting that belongs to its load balancer or target group";
    InvalidSecurityGroupRule = "E0333", "security-group rule without ports, or with a reversed range";
    SecurityGroupCount = "E0334", "no security groups, or more than AWS allows";
    MissingVpcCidr = "E0335", "internal load balancer in an existing VPC without its range";
    TooManyContainers = "E0336", "more than 10 containers in a task";
    DaemonSettings = "E0337", "a DAEMON service with a desired count, placement strategies or capacity providers";
    InvalidPlacement = "E0338", "placement strategies or constraints ECS does not accept";
    NoEc2Capacity = "E0339", "EC2 tasks on a cluster without EC2 capacity, or whose capacity never starts an instance";
    InvalidCapacityStrategy = "E0340", "capacity-provider strategy ECS does not accept";
    IamRoleNotAllowed = "E0341", "service role where ECS rejects one";
    InstanceTooSmall = "E0342", "instance type whose memory or cpu cannot hold one task";
    AutoScalingGroupSize = "E0343", "Auto Scaling group sizes out of order";
    CapacityForExistingCluster = "E0344", "an Auto Scaling group for a cluster the stack does not create";
    ContainerWithoutMemory = "E0345", "EC2 container without memory in a task without memory";
    InvalidContainerHealthCheck = "E0346", "container health check whose timeout is not below its interval";
    InvalidContainerSetting = "E0347", "container stop timeout or ulimit ECS does not accept";
    InvalidDependency = "E0348", "container dependency that can never be met";
    InvalidImageReference = "E0349", "image reference a registry does not accept";
    InvalidSecret = "E0350", "container secret ECS cannot read";
    InvalidPermission = "E0351", "task-role permission IAM does not accept";
    InvalidLogging = "E0352", "log driver the task's platform does not take, or FireLens without its router";
    InvalidVolume = "E0353", "volume or mount point ECS does not accept";
    InvalidFileSystem = "E0354", "EFS file system the tasks cannot mount";
    InvalidRuntimePlatform = "E0355", "runtime platform or platform version the task cannot run on";
    MissingBuildContext = "E0356", "image build folder or Dockerfile that does not exist next to the program";
    CircuitBreakerThresholdWithoutBreaker = "E0360", "circuit-breaker threshold with the circuit breaker off";
    RebalancingNotSupported = "E0361", "availability-zone rebalancing where ECS does not support it";
    AutoscalingBounds = "E0362", "autoscaling bounds out of order";
    RequestsWithoutLoadBalancer = "E0363", "request-count autoscaling without an Application Load Balancer";
    AutoscalingOnDaemon = "E0364", "autoscaling on a `DAEMON` service";
    InvalidSchedule = "E0365", "schedule expression or time zone that does not parse";
    ScheduledTaskNetwork = "E0366", "scheduled task in a cluster outside its task definition's network";
    // CloudFormation resource types (`aws.s3.Bucket { ... }`), checked against their registry schemas.
    UnknownAwsType = "E0370", "unknown CloudFormation resource type or namespace";
    UnknownAwsProperty = "E0371", "property the resource type's schema does not declare";
    MissingAwsProperty = "E0372", "required property of a resource type not given";
    AwsTypeMismatch = "E0373", "property value of the wrong type for the schema";
    AwsNotAllowed = "E0374", "property value not among the values the schema allows";
    AwsPattern = "E0375", "string property not matching the schema's pattern";
    AwsLength = "E0376", "string property shorter or longer than the schema allows";
    AwsRange = "E0377", "number property outside the schema's range";
    AwsArraySize = "E0378", "list property with fewer or more items than the schema allows";
    AwsReadOnly = "E0379", "read-only property (an attribute) set";
    UnknownOverrideRole = "E0380", "override of a resource role the component does not have";
    BadOverride = "E0381", "override that is not a record of property paths and values";
    OverrideTargetMissing = "E0382", "override of a resource the component does not generate";
    AwsDuplicateItem = "E0383", "list property with a repeated item where the schema wants unique items";
    AwsPropertyCount = "E0384", "record property with fewer or more entries than the schema allows";
    // Emission.
    TooManyResources = "E0401", "template over 500 resources";
    TemplateTooLarge = "E0402", "template over 1,000,000 bytes";
    TooManyOutputsOrParameters = "E0403", "over 200 outputs or parameters";
    DescriptionTooLong = "E0404", "template description over 1,024 bytes";
    NoResources = "E0405", "template without resources";
    OutputIsInput = "E0406", "`-o` names the program's own file";
    Unwritable = "E0407", "the template cannot be written";
    Internal = "E0499", "internal compiler error";
    // Deploy.
    ParamValueNotAllowed = "E0501", "--param value the parameter does not accept";
    ParamValueMissing = "E0502", "parameter without a default and without --param";
    // Warnings.
    UnusedBinding = "W0001", "binding never used";
    UnusedListener = "W0002", "listener that forwards to no service";
    UnreachableTargetGroup = "W0003", "target group no listener or rule forwards to";
    HostPortsCollide = "W0004", "fixed host ports with several tasks on one instance";
    WaitsForEssentialExit = "W0005", "container waiting for an essential container to exit";
    CredentialInEnvironment = "W0006", "environment value that looks like a credential";
    UnusedVolume = "W0007", "volume no container mounts";
    DesiredCountOutsideAutoscaling = "W0008", "desired count outside the autoscaling bounds";
    StatefulWithoutRetain = "W0009", "stateful resource without a deletion policy";
    OverrideRemovesNothing = "W0010", "override removing a property the generated resource does not have";
}

impl Code {
    /// Warnings start with `W`; everything else is an error.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique() {
        let set: BTreeSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(set.len(), Code::ALL.len());
    }
}
