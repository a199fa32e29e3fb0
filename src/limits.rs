//! Every AWS and CloudFormation limit ecsxc checks, in one place, each with the page
//! of the AWS documentation it comes from. Limits that are plain ranges of one field
//! live in the standard library's types instead (`Int in 1..65535`,
//! `Duration in 5s..300s`), where the checker reports them at the field (E0203); the
//! stdlib's doc comments name their source (mostly the Elastic Load Balancing and ECS
//! API references: every ECS integer is a 32-bit signed integer).

// ---------------------------------------------------------------- CloudFormation
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html

/// Resources per template.
pub const MAX_RESOURCES: usize = 500;
/// Template body size through S3.
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;
/// Template body size sent inline (larger templates go through S3).
pub const MAX_INLINE_TEMPLATE_BYTES: usize = 51_200;
/// Outputs, and parameters, per template.
pub const MAX_OUTPUTS: usize = 200;
/// Bytes of the template `Description`.
pub const MAX_DESCRIPTION_BYTES: usize = 1024;
/// Characters of a logical ID (and of an output or parameter name).
pub const MAX_LOGICAL_ID: usize = 255;

// ---------------------------------------------------------------- tags
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html#tag-restrictions
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-tags.html

/// Tags per resource (ECS clusters, services, task definitions; ELB resources; VPCs).
pub const MAX_TAGS: usize = 50;
/// Characters of a tag key.
pub const MAX_TAG_KEY: usize = 128;
/// Characters of a tag value.
pub const MAX_TAG_VALUE: usize = 256;
/// The tag ECS adds to an Auto Scaling group of a capacity provider (ecsxc sets it, so
/// that stack updates keep it): one of the group's 50.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html
pub const ECS_MANAGED_TAG: &str = "AmazonECSManaged";
/// Characters a tag key or value may hold besides letters, digits and spaces.
pub const TAG_PUNCTUATION: &str = "_.:/=+-@";

// ---------------------------------------------------------------- ECS
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html

/// Target groups per service.
pub const MAX_TARGET_GROUPS_PER_SERVICE: usize = 5;
/// Security groups of an awsvpc task (`AwsVpcConfiguration`).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html
pub const MAX_TASK_SECURITY_GROUPS: usize = 5;
/// Subnets of an awsvpc task (`AwsVpcConfiguration`).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html
pub const MAX_TASK_SUBNETS: usize = 16;
/// Containers per task definition.
pub const MAX_CONTAINERS: usize = 10;
/// The longest stop timeout of a container on Fargate, in seconds (`StopTimeout`).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
pub const FARGATE_MAX_STOP_TIMEOUT_SECONDS: u64 = 120;

/// The log drivers Fargate tasks take
/// (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-log-drivers>).
pub const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];
/// The port NFS (and so EFS) listens on
/// (<https://docs.aws.amazon.com/efs/latest/ug/network-access.html>).
pub const NFS_PORT: u16 = 2049;
/// The oldest Fargate platform version (Linux) that mounts EFS volumes
/// (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html>).
pub const FARGATE_EFS_PLATFORM_VERSION: (u32, u32, u32) = (1, 4, 0);
/// The Fargate platform versions of Linux tasks
/// (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html>).
pub const FARGATE_PLATFORM_VERSIONS: &[&str] =
    &["LATEST", "1.4.0", "1.3.0", "1.2.0", "1.1.0", "1.0.0"];
/// The longest image tag a registry takes (the OCI distribution spec's tag pattern
/// `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`).
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
pub const MAX_IMAGE_TAG_LENGTH: usize = 128;
/// Characters of a container name (letters, digits, `-`, `_`).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
pub const MAX_CONTAINER_NAME: usize = 255;
/// Characters of a cluster name (letters, digits, `-`, `_`).
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html
pub const MAX_CLUSTER_NAME: usize = 255;

/// Security groups of an EC2 instance's network interface.
/// https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups
pub const MAX_INSTANCE_SECURITY_GROUPS: usize = 5;
/// Placement strategies per service.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html
pub const MAX_PLACEMENT_STRATEGIES: usize = 5;
/// Placement constraints per task (task definition and service together).
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html
pub const MAX_PLACEMENT_CONSTRAINTS: usize = 10;
/// Capacity providers in one strategy.
/// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html
pub const MAX_STRATEGY_PROVIDERS: usize = 6;

/// Prefixes a capacity provider's name may not start with, in any case. CloudFormation
/// names an unnamed provider after its stack, so the stack's name may not either.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-capacityprovider.html
pub const CAPACITY_PROVIDER_RESERVED_PREFIXES: &[&str] = &["aws", "ecs", "fargate"];

/// vCPUs and memory of common EC2 instance types, by size, for families whose sizes
/// share them (the current Intel, AMD and Graviton generations of the T, M, C and R
/// families; older ones such as `c4` and `r4` differ and are left out). A type not here
/// is accepted unchecked.
/// https://aws.amazon.com/ec2/instance-types/
type Families = &'static [(&'static [&'static str], &'static [(&'static str, u64, u64)])];

/// (families, [(size, vCPUs, memory MiB)]).
const INSTANCE_SIZES: Families = &[
    (
        &["t3", "t3a", "t4g"],
        &[
            ("nano", 2, 512),
            ("micro", 2, 1024),
            ("small", 2, 2048),
            ("medium", 2, 4096),
            ("large", 2, 8192),
            ("xlarge", 4, 16384),
            ("2xlarge", 8, 32768),
        ],
    ),
    (
        &["t2"],
        &[
            ("nano", 1, 512),
            ("micro", 1, 1024),
            ("small", 1, 2048),
            ("medium", 2, 4096),
            ("large", 2, 8192),
            ("xlarge", 4, 16384),
            ("2xlarge", 8, 32768),
        ],
    ),
    (
        &[
            "m5", "m5a", "m5n", "m6a", "m6g", "m6i", "m7a", "m7g", "m7i", "m8g",
        ],
        &[
            ("medium", 1, 4096),
            ("large", 2, 8192),
            ("xlarge", 4, 16384),
            ("2xlarge", 8, 32768),
            ("4xlarge", 16, 65536),
            ("8xlarge", 32, 131072),
            ("12xlarge", 48, 196608),
            ("16xlarge", 64, 262144),
            ("24xlarge", 96, 393216),
        ],
    ),
    (
        &["c5", "c5a", "c6a", "c6g", "c6i", "c7a", "c7g", "c7i", "c8g"],
        &[
            ("medium", 1, 2048),
            ("large", 2, 4096),
            ("xlarge", 4, 8192),
            ("2xlarge", 8, 16384),
            ("4xlarge", 16, 32768),
            ("8xlarge", 32, 65536),
            ("12xlarge", 48, 98304),
            ("16xlarge", 64, 131072),
            ("24xlarge", 96, 196608),
        ],
    ),
    (
        &["r5", "r5a", "r6a", "r6g", "r6i", "r7a", "r7g", "r7i", "r8g"],
        &[
            ("medium", 1, 8192),
            ("large", 2, 16384),
            ("xlarge", 4, 32768),
            ("2xlarge", 8, 65536),
            ("4xlarge", 16, 131072),
            ("8xlarge", 32, 262144),
            ("12xlarge", 48, 393216),
            ("16xlarge", 64, 524288),
        ],
    ),
];

/// What an instance type offers ECS tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceSize {
    /// CPU units: 1,024 per vCPU, as the instance registers them.
    pub cpu: u64,
    /// Installed memory, MiB (the instance registers less: [`registered_memory_at_most`]).
    pub memory: u64,
}

/// The size of an instance type (`"t3.medium"` → 2,048 units and 4,096 MiB), when it is
/// a common one.
pub fn instance_size(instance_type: &str) -> Option<InstanceSize> {
    let (family, size) = instance_type.split_once('.')?;
    INSTANCE_SIZES
        .iter()
        .find(|(families, _)| families.contains(&family))
        .and_then(|(_, sizes)| sizes.iter().find(|(s, _, _)| *s == size))
        .map(|(_, vcpus, mib)| InstanceSize {
            cpu: vcpus * 1024,
            memory: *mib,
        })
}

/// The most memory an instance with `installed` MiB registers for tasks. The agent
/// registers what the operating system reports, less than installed (an `m4.large`'s
/// 8,192 MiB register as 7,985); the kernel's page structures alone take 1/64 of it, so a
/// task needing more than this is never placed.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html
pub fn registered_memory_at_most(installed: u64) -> u64 {
    installed - installed / 64
}

/// Valid Fargate task sizes: (cpu units, memory MiB from, to, step).
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
pub const FARGATE_SIZES: &[(u64, u64, u64, u64)] = &[
    (256, 512, 512, 1),
    (256, 1024, 2048, 1024),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122880, 8192),
];

/// The smallest task memory ecsxc gives a Fargate task (MiB).
pub const MIN_FARGATE_MEMORY: u64 = 512;

/// Every valid Fargate (cpu, memory) pair, smallest first.
pub fn fargate_sizes() -> impl Iterator<Item = (u64, u64)> {
    FARGATE_SIZES.iter().flat_map(|&(cpu, from, to, step)| {
        (0..)
            .map(move |i| from + i * step)
            .take_while(move |m| *m <= to)
            .map(move |m| (cpu, m))
    })
}

/// Valid memory sizes for `cpu`, as text for help messages.
fn memory_choices(cpu: u64) -> String {
    let mems: Vec<String> = fargate_sizes()
        .filter(|(c, _)| *c == cpu)
        .map(|(_, m)| m.to_string())
        .collect();
    if mems.len() > 6 {
        format!(
            "{} to {}",
            mems.first().cloned().unwrap_or_default(),
            mems.last().cloned().unwrap_or_default()
        )
    } else {
        mems.join(", ")
    }
}

/// The smallest valid Fargate size with at least `cpu` units and `memory` MiB, honouring
/// a fixed task cpu or memory when given. `Err` says what went wrong, for the caller to
/// locate.
pub fn fargate_size(
    cpu: u64,
    memory: u64,
    fixed_cpu: Option<u64>,
    fixed_memory: Option<u64>,
) -> Result<(u64, u64), String> {
    if let Some(c) = fixed_cpu {
        if !FARGATE_SIZES.iter().any(|s| s.0 == c) {
            return Err(format!(
                "Fargate tasks have 256, 512, 1024, 2048, 4096, 8192 or 16384 cpu units, not {c}"
            ));
        }
    }
    if let (Some(c), Some(m)) = (fixed_cpu, fixed_memory) {
        return if fargate_sizes().any(|s| s == (c, m)) {
            Ok((c, m))
        } else {
            Err(format!(
                "with {c} cpu units a Fargate task has {} MiB of memory, not {m}",
                memory_choices(c)
            ))
        };
    }
    fargate_sizes()
        .filter(|(c, m)| *c >= cpu && *m >= memory)
        .find(|(c, m)| fixed_cpu.is_none_or(|f| f == *c) && fixed_memory.is_none_or(|f| f == *m))
        .ok_or_else(|| match (fixed_cpu, fixed_memory) {
            (Some(c), _) => format!(
                "with {c} cpu units a Fargate task has {} MiB of memory",
                memory_choices(c)
            ),
            (_, Some(m)) => format!("no Fargate size has {m} MiB with at least {cpu} cpu units"),
            _ => "the largest Fargate task has 16384 cpu units and 122880 MiB".to_string(),
        })
}

// ---------------------------------------------------------------- CloudWatch Logs
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html

/// Retention periods a log group takes, in days.
pub const LOG_RETENTION_DAYS: &[u64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

// ---------------------------------------------------------------- Elastic Load Balancing
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html

/// The highest listener-rule priority (the lowest is 1).
pub const MAX_RULE_PRIORITY: i64 = 50_000;
/// Values (paths or hosts) of one rule condition.
pub const MAX_CONDITION_VALUES: usize = 3;
/// Condition values of one rule, all conditions together.
pub const MAX_RULE_VALUES: usize = 5;
/// Wildcards (`*`, `?`) in the conditions of one rule.
pub const MAX_RULE_WILDCARDS: usize = 5;
/// Characters of one path pattern or host name of a condition.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_PathPatternConditionConfig.html
pub const MAX_CONDITION_VALUE_LENGTH: usize = 128;
/// Security groups of a load balancer.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
pub const MAX_LB_SECURITY_GROUPS: usize = 5;
/// Availability zones (subnets in distinct zones) an Application Load Balancer needs.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#availability-zones
pub const MIN_ALB_ZONES: usize = 2;
/// Characters of a health-check path.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
pub const MAX_HEALTH_CHECK_PATH: usize = 1024;
/// Characters of a fixed response's body.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_FixedResponseActionConfig.html
pub const MAX_FIXED_RESPONSE_BODY: usize = 1024;
/// The TLS policy of HTTPS and TLS listeners on shared load balancers: AWS's
/// recommended policy (TLS 1.3 and 1.2).
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

// ---------------------------------------------------------------- VPC
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html

/// The shortest prefix of a VPC's (and a subnet's) IPv4 range (/16: 65,536 addresses).
pub const MIN_VPC_PREFIX: u8 = 16;
/// The longest prefix of a VPC's (and a subnet's) IPv4 range (/28: 16 addresses).
pub const MAX_VPC_PREFIX: u8 = 28;
/// Characters of a security group's description, and of a rule's.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
pub const MAX_SG_DESCRIPTION: usize = 255;
/// Characters a security-group rule's description may hold besides letters, digits and
/// spaces (`IpRange.Description`).
pub const SG_RULE_DESCRIPTION_PUNCTUATION: &str = "._-:/()#,@[]+=&;{}!$*";
/// The highest ICMP type and code.
pub const MAX_ICMP: i64 = 255;
/// Cookie names the load balancer keeps for itself.
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html
pub const RESERVED_COOKIES: &[&str] = &["AWSALB", "AWSALBAPP", "AWSALBTG"];

// ---------------------------------------------------------------- schedules and autoscaling
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based

/// The first year a cron expression's year field takes.
pub const CRON_FIRST_YEAR: u32 = 1970;
/// The last year a cron expression's year field takes.
pub const CRON_LAST_YEAR: u32 = 2199;
/// Scheduled actions per scalable target (Application Auto Scaling quota).
/// https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-limits.html
pub const MAX_SCHEDULED_ACTIONS: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up_to_valid_fargate_sizes() {
        assert_eq!(fargate_size(0, 512, None, None), Ok((256, 512)));
        assert_eq!(fargate_size(0, 600, None, None), Ok((256, 1024)));
        assert_eq!(fargate_size(300, 512, None, None), Ok((512, 1024)));
        assert_eq!(fargate_size(0, 3000, None, None), Ok((512, 3072)));
        assert_eq!(fargate_size(0, 40000, None, None), Ok((8192, 40960)));
        assert_eq!(fargate_size(1024, 512, Some(1024), None), Ok((1024, 2048)));
        assert_eq!(fargate_size(0, 512, None, Some(8192)), Ok((1024, 8192)));
        assert!(fargate_size(0, 200_000, None, None).is_err());
        assert!(fargate_size(0, 512, Some(256), Some(4096)).is_err());
        assert!(fargate_size(0, 512, Some(300), None).is_err());
    }

    #[test]
    fn size_table_matches_aws() {
        let all: Vec<(u64, u64)> = fargate_sizes().collect();
        assert!(
            all.contains(&(256, 512)) && all.contains(&(256, 2048)) && !all.contains(&(256, 3072))
        );
        assert!(all.contains(&(8192, 61440)) && !all.contains(&(8192, 18432)));
        assert_eq!(all.last(), Some(&(16384, 122880)));
    }
}
