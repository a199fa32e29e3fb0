//! End-to-end tests of service behaviour, autoscaling and scheduled tasks: the examples
//! `examples/tasks/autoscaling.ecsx`, `scheduled_job.ecsx` and `execute_command.ecsx`
//! deployed with the real binary to moto in server mode (started by `scripts/test.sh`,
//! found through `AWS_ENDPOINT_URL`), checked through the AWS APIs (CloudFormation, ECS,
//! IAM); and `ecsxc run` of a task definition that a schedule also runs.
//!
//! What moto 5.2.5 does not model, so that no test can see it (each test says which apply):
//! * `AWS::ApplicationAutoScaling::ScalableTarget` and `AWS::ApplicationAutoScaling::ScalingPolicy`
//!   are not made at all by its CloudFormation: the stack still reaches `CREATE_COMPLETE`,
//!   and DescribeStackResources lists each as an entry with a status but no logical id,
//!   type or physical id ([`assert_unmodelled`]). So the bounds, the target-tracking
//!   policies (with the request-count policy's resource label) and the scheduled actions
//!   are checked in the template CloudFormation holds, not in Application Auto Scaling.
//! * `AWS::Scheduler::Schedule`: the same (not made); EventBridge Scheduler never runs
//!   the task. The schedule's role is made in IAM, and checked there.
//! * `AWS::ECS::Service`: only Cluster, TaskDefinition, DesiredCount and ServiceName are
//!   used: `EnableExecuteCommand`, `PropagateTags`, `AvailabilityZoneRebalancing` and the
//!   circuit breaker's `ThresholdConfiguration` are dropped (DescribeServices shows
//!   moto's defaults), so they are checked in the template CloudFormation holds.

mod support;

use support::aws::{assert_unmodelled, aws, role_name, sorted, Aws, Stack};
use support::proxy::Proxy;
use support::{ecsxc, run, run_task_calls, Program};

/// Resource types moto's CloudFormation does not make.
const UNMODELLED: [&str; 3] = [
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::Scheduler::Schedule",
];

impl Aws {
    /// The desired count of the only service of `stack`.
    async fn desired_count(&self, stack: &Stack) -> i32 {
        let cluster = stack.only("AWS::ECS::Cluster");
        let service = stack.only("AWS::ECS::Service");
        let out = self
            .ecs
            .describe_services()
            .cluster(&cluster)
            .services(&service)
            .send()
            .await
            .expect("DescribeServices");
        assert_eq!(out.services().len(), 1, "{out:?}");
        out.services()[0].desired_count()
    }
}

/// `examples/tasks/autoscaling.ecsx`: the service starts at its desired count; the
/// scalable target, both target-tracking policies and the scheduled actions are in the
/// template CloudFormation holds (moto does not make them).
#[tokio::test(flavor = "multi_thread")]
async fn autoscaling_service_deploys() {
    let aws = aws().await;
    let p = Program::deployable("svc-scale", "tasks/autoscaling.ecsx");
    let stack = aws.deployed(&p).await;
    assert_unmodelled(&stack, &UNMODELLED);
    assert_eq!(aws.desired_count(&stack).await, 2);

    let target = stack.only_logical("AWS::ApplicationAutoScaling::ScalableTarget");
    let t = stack.props(&target);
    assert_eq!(
        (t["MinCapacity"].clone(), t["MaxCapacity"].clone()),
        (2.into(), 10.into())
    );
    assert_eq!(t["ScalableDimension"], "ecs:service:DesiredCount");
    assert!(t.get("RoleARN").is_none(), "the service-linked role: {t}");
    let service = stack.only_logical("AWS::ECS::Service");
    assert_eq!(
        t["ResourceId"]["Fn::Join"][1][2]["Fn::GetAtt"],
        serde_json::json!([service, "Name"])
    );
    assert_eq!(t["ScheduledActions"].as_array().map(Vec::len), Some(2));

    let policies = support::aws::template_logicals(
        &stack.template,
        "AWS::ApplicationAutoScaling::ScalingPolicy",
    );
    let metrics: Vec<(String, i64)> = sorted(policies.iter().map(|id| {
        let c = &stack.props(id)["TargetTrackingScalingPolicyConfiguration"];
        (
            c["PredefinedMetricSpecification"]["PredefinedMetricType"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            c["TargetValue"].as_i64().unwrap_or_default(),
        )
    }));
    assert_eq!(
        metrics,
        [
            ("ALBRequestCountPerTarget".to_string(), 1000),
            ("ECSServiceAverageCPUUtilization".to_string(), 60),
        ]
    );
    // The request-count policy measures the service's target group behind its load balancer.
    let lb = stack.only_logical("AWS::ElasticLoadBalancingV2::LoadBalancer");
    let tg = stack.only_logical("AWS::ElasticLoadBalancingV2::TargetGroup");
    let requests = policies
        .iter()
        .find(|id| id.contains("Request"))
        .expect("a request-count policy");
    let label = &stack.props(requests)["TargetTrackingScalingPolicyConfiguration"]
        ["PredefinedMetricSpecification"]["ResourceLabel"];
    assert_eq!(
        label["Fn::Join"][1],
        serde_json::json!([
            { "Fn::GetAtt": [lb, "LoadBalancerFullName"] },
            { "Fn::GetAtt": [tg, "TargetGroupFullName"] },
        ])
    );
}

/// `examples/tasks/scheduled_job.ecsx`: the schedules' roles are in IAM, trusted by
/// EventBridge Scheduler, allowed to run exactly the task definition in exactly its
/// cluster and to pass exactly its two roles; `ecsxc run` still starts the task.
#[tokio::test(flavor = "multi_thread")]
async fn scheduled_job_deploys_and_still_runs_on_demand() {
    let aws = aws().await;
    // No service, so nothing waits for steady state: the example as it is.
    let p = Program::new(
        "svc-sched",
        "scheduled_job.ecsx",
        &support::example("tasks/scheduled_job.ecsx"),
    );
    let stack = aws.deployed(&p).await;
    assert_unmodelled(&stack, &UNMODELLED);
    let schedules = support::aws::template_logicals(&stack.template, "AWS::Scheduler::Schedule");
    assert_eq!(schedules.len(), 2);

    let task_definition = stack.only("AWS::ECS::TaskDefinition");
    let cluster = stack.only("AWS::ECS::Cluster");
    for schedule in &schedules {
        let role_logical = format!("{schedule}Role");
        let role = role_name(&stack.physical(&role_logical));
        let trust = aws.trust_policy(&role).await;
        assert_eq!(
            trust["Statement"][0]["Principal"]["Service"],
            "scheduler.amazonaws.com"
        );
        let policy = aws.role_policy(&role, "schedule").await;
        let statements = policy["Statement"].as_array().expect("statements");
        assert_eq!(statements.len(), 2, "{policy}");
        let run = &statements[0];
        assert_eq!(run["Action"], serde_json::json!(["ecs:RunTask"]));
        // moto resolves the references: the task definition's and the cluster's ARNs.
        assert_eq!(
            run["Resource"],
            serde_json::json!([task_definition]),
            "{policy}"
        );
        let in_cluster = run["Condition"]["ArnEquals"]["ecs:cluster"]
            .as_str()
            .expect("a cluster ARN");
        assert!(
            in_cluster.ends_with(&format!("/{cluster}")) || in_cluster == cluster,
            "{policy}"
        );
        let pass = &statements[1];
        assert_eq!(pass["Action"], serde_json::json!(["iam:PassRole"]));
        let passed: Vec<String> = sorted(
            pass["Resource"]
                .as_array()
                .expect("roles")
                .iter()
                .map(|r| role_name(r.as_str().expect("an ARN"))),
        );
        let own: Vec<String> = sorted(
            ["ReportExecutionRole", "ReportTaskRole"]
                .iter()
                .map(|l| role_name(&stack.physical(l))),
        );
        assert_eq!(passed, own, "{policy}");
    }

    // `ecsxc run` of the task definition a schedule also runs.
    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, "report", "--stack", &p.stack],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.both());
    let calls = run_task_calls(&recorder);
    assert_eq!(calls.len(), 1, "one RunTask");
    assert_eq!(calls[0]["taskDefinition"], task_definition.as_str());
}

/// `examples/tasks/execute_command.ecsx`: the task role holds the program's statement and
/// the four SSM session-channel actions (on `*`, the only resource IAM grants them on).
#[tokio::test(flavor = "multi_thread")]
async fn execute_command_grants_the_session_channels() {
    let aws = aws().await;
    let p = Program::deployable("svc-exec", "tasks/execute_command.ecsx");
    let stack = aws.deployed(&p).await;
    assert_unmodelled(&stack, &UNMODELLED);
    assert_eq!(aws.desired_count(&stack).await, 2);
    let role = role_name(&stack.physical("ApiTaskRole"));
    let policy = aws.role_policy(&role, "task").await;
    let statements = policy["Statement"].as_array().expect("statements");
    assert_eq!(statements.len(), 2, "{policy}");
    assert_eq!(
        statements[0]["Resource"],
        serde_json::json!(["arn:aws:sqs:us-east-1:123456789012:jobs"])
    );
    assert_eq!(
        statements[1]["Action"],
        serde_json::json!([
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ])
    );
    assert_eq!(statements[1]["Resource"], "*");
    // Dropped by moto's AWS::ECS::Service: checked in the template CloudFormation holds.
    let service = stack.props("ApiService");
    assert_eq!(service["EnableExecuteCommand"], true);
    assert_eq!(service["PropagateTags"], "SERVICE");
    assert_eq!(service["AvailabilityZoneRebalancing"], "ENABLED");
    assert_eq!(
        service["DeploymentConfiguration"]["DeploymentCircuitBreaker"]["ThresholdConfiguration"],
        serde_json::json!({ "Type": "COUNT", "Value": 3 })
    );
}
