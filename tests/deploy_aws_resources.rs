//! End-to-end tests of CloudFormation resource types in programs: the three worked
//! examples of `docs/aws-resources.md` (an SQS queue with a dead-letter queue, a DynamoDB
//! table, an S3 bucket, each used by a service) deployed with the real binary to moto in
//! server mode (started by `scripts/test.sh`, found through `AWS_ENDPOINT_URL`). What was
//! made is checked through the AWS APIs: the queue, table or bucket exists with the
//! settings the program gave it, and the service's task role names exactly its ARN.
//! And `examples/overrides.ecsx`: the overridden properties are deployed, and a changed
//! override shows in `ecsxc diff`; `examples/aws_secrets.ecsx`: a container reads a
//! secret and a parameter of the stack, and its execution role exactly those.
//!
//! The services deploy as the variant that does not wait for steady state
//! ([`support::without_waiting`]; moto never runs a CloudFormation-made service's tasks).
//! SQS and DynamoDB are read with their JSON protocols over plain HTTP (moto checks no
//! signature; it routes by the credential scope's service), so no SDK crate is added
//! for two calls each; S3 with the SDK the binary already uses.
//!
//! What moto 5.2.5 does not model, so that no test can see it (each test says which
//! apply to it):
//! * `Fn::GetAtt [Queue, QueueUrl]` is refused ("does not support attribute type
//!   QueueUrl"): the queue test deploys the example with `jobs.queueUrl` written
//!   `jobs.ref` (an SQS queue's `Ref` is its URL too);
//! * `AWS::DynamoDB::Table`: `PointInTimeRecoverySpecification` is dropped (point-in-time
//!   recovery stays disabled); the test checks it in the template CloudFormation holds;
//! * `AWS::S3::Bucket`: only `BucketEncryption` and `Tags` are used: versioning, the
//!   lifecycle rules and the public access block are checked in the template;
//! * `AWS::SSM::Parameter` without `Name` (CloudFormation makes one up) fails to create,
//!   and its `Fn::GetAtt Arn` is refused: the secrets test deploys the example with a
//!   name given (the execution role then names the ARN that name makes);
//! * `AWS::SecretsManager::Secret` is not made and its `Ref` resolves to nothing in a
//!   policy: the secrets test checks that the container reads both keys of one same
//!   reference and that the role has one Secrets Manager resource; the exact `Ref` in
//!   both is checked in the template snapshot and by `tests/iam.rs`.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::{json, Value as Json};
use support::aws::{aws, Aws, Stack};
use support::{ecsxc, example, run, without_waiting, Program};

/// Calls `target` (`AmazonSQS.GetQueueAttributes`) of `service` (the signing name:
/// `sqs`, `dynamodb`) on moto with the JSON protocol; the response body as JSON.
fn json_call(endpoint: &str, service: &str, target: &str, body: &Json) -> Json {
    let host = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.0\r\n\
         Host: {host}\r\n\
         Content-Type: application/x-amz-json-1.0\r\n\
         X-Amz-Target: {target}\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let mut conn = TcpStream::connect(&host).expect("connect to moto");
    conn.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    conn.read_to_end(&mut response).expect("receive");
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("an HTTP response: {response}"));
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{target}: {response}"
    );
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{target}: JSON ({e}): {body}"))
}

/// The attributes of the SQS queue at `url`.
fn queue_attributes(aws: &Aws, url: &str) -> Json {
    json_call(
        &aws.endpoint,
        "sqs",
        "AmazonSQS.GetQueueAttributes",
        &json!({ "QueueUrl": url, "AttributeNames": ["All"] }),
    )["Attributes"]
        .clone()
}

/// DescribeTable of the DynamoDB table `name`: its `Table`.
fn table(aws: &Aws, name: &str) -> Json {
    json_call(
        &aws.endpoint,
        "dynamodb",
        "DynamoDB_20120810.DescribeTable",
        &json!({ "TableName": name }),
    )["Table"]
        .clone()
}

/// The statements of the inline policies of the role `logical` of `stack`.
async fn role_statements(aws: &Aws, stack: &Stack, logical: &str) -> Vec<Json> {
    let physical = stack.physical(logical);
    let role = physical.rsplit('/').next().unwrap_or(&physical).to_string();
    let names = aws
        .iam
        .list_role_policies()
        .role_name(&role)
        .send()
        .await
        .expect("ListRolePolicies");
    let mut out = Vec::new();
    for name in names.policy_names() {
        let policy = aws
            .iam
            .get_role_policy()
            .role_name(&role)
            .policy_name(name)
            .send()
            .await
            .expect("GetRolePolicy");
        let text = percent_encoding::percent_decode_str(policy.policy_document())
            .decode_utf8()
            .expect("a UTF-8 policy")
            .into_owned();
        let doc: Json = serde_json::from_str(&text).unwrap_or_else(|_| {
            // moto may give the document back as a Python dict.
            serde_json::from_str(
                &text
                    .replace('\'', "\"")
                    .replace(": True", ": true")
                    .replace(": False", ": false")
                    .replace("[None]", "[null]"),
            )
            .unwrap_or_else(|e| panic!("a policy document ({e}): {text}"))
        });
        match &doc["Statement"] {
            Json::Array(s) => out.extend(s.iter().cloned()),
            s => out.push(s.clone()),
        }
    }
    out
}

/// A statement's `Action` or `Resource` as a list.
fn list(v: &Json) -> Vec<Json> {
    match v {
        Json::Array(items) => items.clone(),
        other => vec![other.clone()],
    }
}

/// `stack`'s task role of service `service` allows exactly `actions` on exactly
/// `resources`, in one statement.
async fn assert_task_role(
    aws: &Aws,
    stack: &Stack,
    service: &str,
    actions: &[&str],
    resources: &[&str],
) {
    let statements = role_statements(aws, stack, &format!("{service}TaskRole")).await;
    assert_eq!(statements.len(), 1, "{statements:?}");
    let s = &statements[0];
    assert_eq!(s["Effect"], "Allow", "{s}");
    let mut got: Vec<Json> = list(&s["Action"]);
    got.sort_by_key(|v| v.to_string());
    let mut want: Vec<Json> = actions.iter().map(|a| json!(a)).collect();
    want.sort_by_key(|v| v.to_string());
    assert_eq!(got, want, "{s}");
    let want: Vec<Json> = resources.iter().map(|r| json!(r)).collect();
    assert_eq!(list(&s["Resource"]), want, "{s}");
}

/// `examples/aws_queue_worker.ecsx`: both queues exist, the job queue with its
/// visibility timeout and a redrive policy to the dead-letter queue after five
/// receives, the dead-letter queue keeping messages 14 days; the worker may receive,
/// delete and change the visibility of messages of the job queue only, and gets its URL.
/// moto: `jobs.queueUrl` deployed as `jobs.ref` (see the top of this file).
#[tokio::test(flavor = "multi_thread")]
async fn queue_worker_deploys() {
    let aws = aws().await;
    let text = without_waiting(&example("aws_queue_worker.ecsx"));
    assert!(text.contains("jobs.queueUrl"), "{text}");
    let text = text.replace("jobs.queueUrl", "jobs.ref");
    let p = Program::new("aws-queue", "aws_queue_worker.ecsx", &text);
    let stack = aws.deployed(&p).await;

    let jobs_url = stack.physical("Jobs");
    let dlq_url = stack.physical("DeadLetters");
    let jobs = queue_attributes(&aws, &jobs_url);
    let dlq = queue_attributes(&aws, &dlq_url);
    assert_eq!(jobs["VisibilityTimeout"], "120", "{jobs}");
    assert_eq!(dlq["MessageRetentionPeriod"], "1209600", "{dlq}");
    let dlq_arn = dlq["QueueArn"].as_str().expect("QueueArn").to_string();
    let redrive: Json =
        serde_json::from_str(jobs["RedrivePolicy"].as_str().expect("RedrivePolicy"))
            .expect("a JSON redrive policy");
    assert_eq!(
        redrive["deadLetterTargetArn"],
        dlq_arn.as_str(),
        "{redrive}"
    );
    assert_eq!(
        redrive["maxReceiveCount"].to_string().trim_matches('"'),
        "5",
        "{redrive}"
    );

    let jobs_arn = jobs["QueueArn"].as_str().expect("QueueArn").to_string();
    assert!(jobs_arn.starts_with("arn:aws:sqs:us-east-1:"), "{jobs_arn}");
    assert_task_role(
        &aws,
        &stack,
        "Worker",
        &[
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueAttributes",
        ],
        &[&jobs_arn],
    )
    .await;

    // The worker's container gets the job queue's URL.
    let containers = container_definitions(&aws, &stack.physical("WorkerTaskDefinition")).await;
    let env: Vec<(String, String)> = containers
        .iter()
        .flat_map(|c| c.environment())
        .map(|kv| {
            (
                kv.name().unwrap_or_default().to_string(),
                kv.value().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        env.contains(&("JOBS_QUEUE_URL".to_string(), jobs_url.clone())),
        "{env:?} has not JOBS_QUEUE_URL={jobs_url}"
    );
}

/// `examples/aws_dynamodb_api.ecsx`: the table exists, pay-per-request, keyed by the
/// string `id`, kept on deletion and on replacement; the API service may get, put,
/// update, delete and query items of that table and nothing else.
/// moto: point-in-time recovery is checked in the template only (see the top).
#[tokio::test(flavor = "multi_thread")]
async fn dynamodb_api_deploys() {
    let aws = aws().await;
    let p = Program::deployable("aws-table", "aws_dynamodb_api.ecsx");
    let stack = aws.deployed(&p).await;

    let name = stack.physical("Orders");
    let t = table(&aws, &name);
    assert_eq!(t["TableStatus"], "ACTIVE", "{t}");
    assert_eq!(
        t["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST",
        "{t}"
    );
    assert_eq!(
        t["KeySchema"],
        json!([{ "AttributeName": "id", "KeyType": "HASH" }]),
        "{t}"
    );
    assert_eq!(
        t["AttributeDefinitions"],
        json!([{ "AttributeName": "id", "AttributeType": "S" }]),
        "{t}"
    );
    let orders = &stack.template["Resources"]["Orders"];
    assert_eq!(orders["DeletionPolicy"], "Retain", "{orders}");
    assert_eq!(orders["UpdateReplacePolicy"], "Retain", "{orders}");
    assert_eq!(
        orders["Properties"]["PointInTimeRecoverySpecification"],
        json!({ "PointInTimeRecoveryEnabled": true }),
        "{orders}"
    );

    let arn = t["TableArn"].as_str().expect("TableArn");
    assert!(arn.ends_with(&format!(":table/{name}")), "{arn}");
    assert_task_role(
        &aws,
        &stack,
        "Api",
        &[
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:Query",
        ],
        &[arn],
    )
    .await;
}

/// `examples/aws_s3_site.ecsx`: the bucket exists, encrypted, kept on deletion (and
/// versioned, with its lifecycle rule, closed to the public: in the template only, see
/// the top); the site service may read its objects and nothing else
/// (`arn:aws:s3:::BUCKET/*`).
#[tokio::test(flavor = "multi_thread")]
async fn s3_site_deploys() {
    let aws = aws().await;
    let p = Program::deployable("aws-bucket", "aws_s3_site.ecsx");
    let stack = aws.deployed(&p).await;

    let bucket = stack.physical("Assets");
    let config = support::sdk_config(&aws.endpoint).await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    // moto makes the bucket with its encryption only (see the top): the rest is
    // checked in the template CloudFormation holds.
    s3.head_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("HeadBucket: the bucket exists");
    let props = &stack.template["Resources"]["Assets"]["Properties"];
    assert_eq!(
        props["VersioningConfiguration"],
        json!({ "Status": "Enabled" }),
        "{props}"
    );
    assert_eq!(
        props["LifecycleConfiguration"],
        json!({ "Rules": [{
            "Id": "expire-old-versions",
            "Status": "Enabled",
            "NoncurrentVersionExpiration": { "NoncurrentDays": 30 }
        }] }),
        "{props}"
    );
    assert_eq!(
        props["PublicAccessBlockConfiguration"],
        json!({
            "BlockPublicAcls": true,
            "BlockPublicPolicy": true,
            "IgnorePublicAcls": true,
            "RestrictPublicBuckets": true
        }),
        "{props}"
    );
    let encryption = s3
        .get_bucket_encryption()
        .bucket(&bucket)
        .send()
        .await
        .expect("GetBucketEncryption");
    let algorithm = encryption
        .server_side_encryption_configuration()
        .and_then(|c| c.rules().first())
        .and_then(|r| r.apply_server_side_encryption_by_default())
        .map(|d| d.sse_algorithm().as_str().to_string());
    assert_eq!(algorithm.as_deref(), Some("AES256"), "{encryption:?}");
    let assets = &stack.template["Resources"]["Assets"];
    assert_eq!(assets["DeletionPolicy"], "Retain", "{assets}");

    assert_task_role(
        &aws,
        &stack,
        "Site",
        &["s3:GetObject"],
        &[&format!("arn:aws:s3:::{bucket}/*")],
    )
    .await;
}

/// `examples/overrides.ecsx`: the template CloudFormation holds has the overridden and
/// removed properties, the log group keeps logs 14 days (through the Logs API), and
/// changing two overrides shows the two resources as changed in `ecsxc diff`.
/// moto: the service's alarms and the task definition's `PidMode` are checked in the
/// template only (moto keeps neither, see `deploy_topologies.rs`).
#[tokio::test(flavor = "multi_thread")]
async fn overrides_deploy_and_show_in_diff() {
    let aws = aws().await;
    let p = Program::deployable("overrides", "overrides.ecsx");
    let stack = aws.deployed(&p).await;

    let resources = &stack.template["Resources"];
    let service = &resources["NginxService"]["Properties"];
    assert_eq!(
        service["DeploymentConfiguration"]["Alarms"],
        json!({ "AlarmNames": ["nginx-5xx"], "Enable": true, "Rollback": true }),
        "{service}"
    );
    assert!(service.get("DesiredCount").is_none(), "{service}");
    assert_eq!(
        resources["NginxTaskDefinition"]["Properties"]["PidMode"],
        "task"
    );
    let group = stack.physical("NginxLogGroup");
    let groups = json_call(
        &aws.endpoint,
        "logs",
        "Logs_20140328.DescribeLogGroups",
        &json!({ "logGroupNamePrefix": group }),
    );
    assert_eq!(
        groups["logGroups"][0]["logGroupName"],
        group.as_str(),
        "{groups}"
    );
    assert_eq!(groups["logGroups"][0]["retentionInDays"], 14, "{groups}");

    let text = std::fs::read_to_string(&p.file).expect("program");
    let changed = text
        .replace("RetentionInDays: 14", "RetentionInDays: 30")
        .replace("PidMode: \"task\"", "PidMode: \"host\"");
    assert_ne!(changed, text);
    let file = p.write("overrides.ecsx", &changed);
    let diff = run(ecsxc(&aws.endpoint), &["diff", &file, "--stack", &p.stack]);
    assert_eq!(diff.code, 0, "{}", diff.both());
    for line in [
        "~ NginxLogGroup",
        "~ NginxTaskDefinition",
        "0 to add, 2 to change, 0 to remove",
    ] {
        assert!(diff.stdout.contains(line), "`{line}` in {}", diff.both());
    }
    assert!(!diff.stdout.contains("~ NginxService"), "{}", diff.both());
}

/// `examples/aws_secrets.ecsx`: the generated secret and the parameter exist; the
/// container reads them by the secret's ARN (with its JSON keys) and the parameter's
/// name; the execution role may read exactly that secret and that parameter.
#[tokio::test(flavor = "multi_thread")]
async fn secrets_from_resources_deploy() {
    let aws = aws().await;
    let text = without_waiting(&example("aws_secrets.ecsx"));
    // moto: a parameter without `Name` fails to create (see the top of this file); a
    // name of this run's, since moto's parameters outlive the stacks of earlier runs.
    let given = "aws.ssm.Parameter { type:";
    assert!(text.contains(given), "{text}");
    let name = format!("/api/flags-{}", std::process::id());
    let text = text.replace(
        given,
        &format!("aws.ssm.Parameter {{ name: \"{name}\", type:"),
    );
    let p = Program::new("aws-secrets", "aws_secrets.ecsx", &text);
    let stack = aws.deployed(&p).await;

    let parameter = stack.physical("FeatureFlags");
    assert_eq!(parameter, name);
    let got = aws
        .ssm
        .get_parameter()
        .name(&parameter)
        .send()
        .await
        .expect("GetParameter");
    let got = got.parameter().expect("a parameter");
    assert_eq!(got.value(), Some("{\"beta\":false}"));
    let parameter_arn = got.arn().expect("the parameter's ARN").to_string();

    let containers = container_definitions(&aws, &stack.physical("ApiTaskDefinition")).await;
    let secrets: Vec<(String, String)> = containers
        .iter()
        .flat_map(|c| c.secrets())
        .map(|s| (s.name().to_string(), s.value_from().to_string()))
        .collect();
    // moto: no Secrets Manager secret is made (see the top of this file): its `Ref` is
    // whatever moto resolves it to, the same in the container and in the role.
    let secret_arn = secrets
        .first()
        .and_then(|(_, from)| from.strip_suffix(":username::"))
        .unwrap_or_else(|| panic!("{secrets:?}"))
        .to_string();
    assert!(!secret_arn.is_empty(), "{secrets:?}");
    assert_eq!(
        secrets,
        [
            ("DB_USER".to_string(), format!("{secret_arn}:username::")),
            (
                "DB_PASSWORD".to_string(),
                format!("{secret_arn}:password::")
            ),
            ("FEATURE_FLAGS".to_string(), parameter.clone()),
        ]
    );

    let statements = role_statements(&aws, &stack, "ApiExecutionRole").await;
    let granted = |action: &str| -> Vec<Json> {
        statements
            .iter()
            .filter(|s| list(&s["Action"]).contains(&json!(action)))
            .flat_map(|s| list(&s["Resource"]))
            .collect()
    };
    assert_eq!(granted("ssm:GetParameters"), [json!(parameter_arn)]);
    // moto resolves the missing secret's `Ref` to nothing in the policy: one resource.
    assert_eq!(granted("secretsmanager:GetSecretValue").len(), 1);
}

/// The container definitions of task definition `td`, as ECS holds them.
async fn container_definitions(
    aws: &Aws,
    td: &str,
) -> Vec<aws_sdk_ecs::types::ContainerDefinition> {
    aws.ecs
        .describe_task_definition()
        .task_definition(td)
        .send()
        .await
        .expect("DescribeTaskDefinition")
        .task_definition()
        .expect("a task definition")
        .container_definitions()
        .to_vec()
}
