//! End-to-end tests of task settings: the examples `examples/tasks/sidecar_healthy.ecsx`,
//! `examples/tasks/secrets_and_permissions.ecsx` and `examples/hello_task.ecsx` deployed
//! with the real binary to moto in server mode (started by `scripts/test.sh`, found
//! through `AWS_ENDPOINT_URL`), checked through the AWS APIs (CloudFormation, ECS, IAM).
//!
//! What moto 5.2.5 keeps: a task definition's container definitions as registered
//! (names, dependencies, health checks, ulimits, Linux parameters, secrets), and roles
//! with their inline policies. What it does not do: start containers in their order,
//! run health checks, or read a secret (no task ever runs a container), so the order and
//! the secrets are checked as ECS received them, and the roles as IAM holds them.

mod support;

use serde_json::{json, Value as Json};
use support::aws::{aws, role_name, sorted, Aws, Stack};
use support::proxy::Proxy;
use support::{ecsxc, run, run_task_calls, Program};

impl Aws {
    /// The container definitions of the only task definition of `stack`, as ECS holds
    /// them.
    async fn containers(&self, stack: &Stack) -> Vec<aws_sdk_ecs::types::ContainerDefinition> {
        let arn = stack.only("AWS::ECS::TaskDefinition");
        let out = self
            .ecs
            .describe_task_definition()
            .task_definition(&arn)
            .send()
            .await
            .expect("DescribeTaskDefinition");
        out.task_definition()
            .expect("a task definition")
            .container_definitions()
            .to_vec()
    }
}

/// The statements of an IAM policy document, each as (actions, resources), sorted.
fn statements(policy: &Json) -> Vec<(Vec<String>, Vec<String>)> {
    let strings = |v: &Json| -> Vec<String> {
        match v {
            Json::String(s) => vec![s.clone()],
            Json::Array(items) => sorted(
                items
                    .iter()
                    .map(|i| i.as_str().expect("a string").to_string()),
            ),
            other => panic!("not a string or list: {other}"),
        }
    };
    sorted(
        policy["Statement"]
            .as_array()
            .expect("statements")
            .iter()
            .map(|s| {
                assert_eq!(s["Effect"], "Allow", "{policy}");
                (strings(&s["Action"]), strings(&s["Resource"]))
            }),
    )
}

/// `examples/tasks/sidecar_healthy.ecsx`: the service's task definition holds the three
/// containers with the start order (a migration that must succeed, a collector that
/// must be healthy), the health checks and the process settings as written.
#[tokio::test(flavor = "multi_thread")]
async fn sidecar_that_must_be_healthy_deploys() {
    let aws = aws().await;
    let p = Program::deployable("task-sidecar", "tasks/sidecar_healthy.ecsx");
    let stack = aws.deployed(&p).await;
    for r in &stack.resources {
        assert_eq!(r.status, "CREATE_COMPLETE", "{r:?}");
    }
    let containers = aws.containers(&stack).await;
    let names: Vec<&str> = sorted(containers.iter().filter_map(|c| c.name()));
    assert_eq!(names, ["app", "metrics", "migrate"]);
    let by_name = |n: &str| {
        containers
            .iter()
            .find(|c| c.name() == Some(n))
            .unwrap_or_else(|| panic!("container {n}"))
    };

    let app = by_name("app");
    let order: Vec<(String, String)> = sorted(app.depends_on().iter().map(|d| {
        (
            d.container_name().to_string(),
            d.condition().as_str().to_string(),
        )
    }));
    assert_eq!(
        order,
        [
            ("metrics".to_string(), "HEALTHY".to_string()),
            ("migrate".to_string(), "SUCCESS".to_string()),
        ]
    );
    let check = app.health_check().expect("the app's health check");
    assert_eq!(
        check.command(),
        ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
    );
    assert_eq!(
        (check.interval(), check.timeout(), check.start_period()),
        (Some(15), Some(5), Some(30))
    );
    assert_eq!(app.user(), Some("101"));
    assert_eq!(app.stop_timeout(), Some(20));
    assert_eq!(app.essential(), Some(true));
    let nofile = &app.ulimits()[0];
    assert_eq!(
        (
            nofile.name().as_str(),
            nofile.soft_limit(),
            nofile.hard_limit()
        ),
        ("nofile", 65536, 65536)
    );
    assert_eq!(
        app.linux_parameters()
            .and_then(|l| l.init_process_enabled()),
        Some(true)
    );

    let migrate = by_name("migrate");
    assert_eq!(migrate.essential(), Some(false));
    assert_eq!(migrate.entry_point(), ["sh", "-c"]);
    assert_eq!(migrate.working_directory(), Some("/tmp"));
    let metrics = by_name("metrics");
    let check = metrics
        .health_check()
        .expect("the collector's health check");
    assert_eq!(check.command(), ["CMD", "/healthcheck"]);
    assert_eq!(check.retries(), Some(5));
}

/// `examples/tasks/secrets_and_permissions.ecsx`: the container reads its secrets from
/// SSM and Secrets Manager; the execution role may read exactly those (and decrypt with
/// exactly the one key given), the task role holds exactly the program's statement.
#[tokio::test(flavor = "multi_thread")]
async fn secrets_and_least_privilege_roles_deploy() {
    let aws = aws().await;
    let p = Program::deployable("task-secrets", "tasks/secrets_and_permissions.ecsx");
    let stack = aws.deployed(&p).await;
    for r in &stack.resources {
        assert_eq!(r.status, "CREATE_COMPLETE", "{r:?}");
    }
    let containers = aws.containers(&stack).await;
    assert_eq!(containers.len(), 1);
    let secrets: Vec<(String, String)> = sorted(
        containers[0]
            .secrets()
            .iter()
            .map(|s| (s.name().to_string(), s.value_from().to_string())),
    );
    // moto resolves `Fn::Sub` with its account (123456789012) and region.
    let region = std::env::var("AWS_REGION")
        .or_else(|_| std::env::var("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|_| "us-east-1".into());
    let parameter = |name: &str| format!("arn:aws:ssm:{region}:123456789012:parameter{name}");
    let secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments-AbC123";
    assert_eq!(
        secrets,
        [
            ("API_KEY".to_string(), format!("{secret}:apiKey::")),
            ("DB_PASSWORD".to_string(), parameter("/prod/db/password")),
            ("SIGNING_KEY".to_string(), parameter("/prod/signing-key")),
        ]
    );

    let execution = role_name(&stack.physical("ApiExecutionRole"));
    let policy = aws.role_policy(&execution, "secrets").await;
    let key = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000000";
    assert_eq!(
        statements(&policy),
        sorted([
            (
                vec!["ssm:GetParameters".to_string()],
                sorted([
                    parameter("/prod/db/password"),
                    parameter("/prod/signing-key")
                ])
            ),
            (
                vec!["secretsmanager:GetSecretValue".to_string()],
                vec![secret.to_string()]
            ),
            (vec!["kms:Decrypt".to_string()], vec![key.to_string()]),
        ]),
        "{policy}"
    );

    let task = role_name(&stack.physical("ApiTaskRole"));
    let policy = aws.role_policy(&task, "task").await;
    assert_eq!(
        statements(&policy),
        [(
            vec!["s3:GetObject".to_string(), "s3:PutObject".to_string()],
            vec!["arn:aws:s3:::example-uploads/api/*".to_string()]
        )],
        "{policy}"
    );
    let trust = aws.trust_policy(&task).await;
    assert_eq!(
        trust["Statement"][0]["Principal"],
        json!({ "Service": "ecs-tasks.amazonaws.com" })
    );
}

/// `examples/hello_task.ecsx`, the seed's hello-world task: deployed in its own cluster
/// and started on demand with `ecsxc run`.
#[tokio::test(flavor = "multi_thread")]
async fn hello_world_task_runs_on_demand() {
    let aws = aws().await;
    let p = Program::new(
        "task-hello",
        "hello_task.ecsx",
        &support::example("hello_task.ecsx"),
    );
    let stack = aws.deployed(&p).await;
    let containers = aws.containers(&stack).await;
    assert_eq!(containers.len(), 1);
    assert_eq!(containers[0].image(), Some("hello-world"));
    assert_eq!(containers[0].memory(), Some(20));

    let recorder = Proxy::recording(&aws.endpoint);
    let r = run(
        ecsxc(&recorder.url),
        &["run", &p.file, "hello", "--stack", &p.stack],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    let calls = run_task_calls(&recorder);
    assert_eq!(calls.len(), 1, "one RunTask");
    assert_eq!(
        calls[0]["taskDefinition"],
        stack.only("AWS::ECS::TaskDefinition").as_str()
    );
    let cluster = stack.only("AWS::ECS::Cluster");
    let asked = calls[0]["cluster"].as_str().unwrap_or_default();
    assert!(
        asked == cluster || asked.ends_with(&format!("/{cluster}")),
        "{asked} vs {cluster}"
    );
}
