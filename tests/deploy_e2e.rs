//! End-to-end tests of `ecsxc deploy`, `diff`, `outputs`, `destroy`, `status`: the real
//! binary against moto in server mode (started by `scripts/test.sh`, found through
//! `AWS_ENDPOINT_URL`). Results are checked through the AWS APIs. Every test uses its own
//! stack names, so they run in parallel in one moto.
//!
//! moto facts these tests are written around (see `../shared/notes/moto-as-local-aws.md`):
//! change sets execute synchronously, no Outputs are set through change sets, services made
//! by CloudFormation never run tasks (so never become stable), and a failing resource makes
//! ExecuteChangeSet itself fail.

mod support;

use std::path::{Path, PathBuf};

use support::aws::aws;
use support::{
    ecsxc, moto_endpoint, nginx_variant, run, run_deploy, stand_in_docker, unique, with_path,
    write, Program,
};

async fn cfn() -> aws_sdk_cloudformation::Client {
    aws_sdk_cloudformation::Client::new(&support::sdk_config(&moto_endpoint()).await)
}

async fn stack_status(cfn: &aws_sdk_cloudformation::Client, name: &str) -> Option<String> {
    match cfn.describe_stacks().stack_name(name).send().await {
        Ok(out) => out
            .stacks()
            .first()
            .and_then(|s| s.stack_status())
            .map(|s| s.as_str().to_string()),
        Err(_) => None,
    }
}

async fn stack_parameters(
    cfn: &aws_sdk_cloudformation::Client,
    name: &str,
) -> Vec<(String, String)> {
    let out = cfn
        .describe_stacks()
        .stack_name(name)
        .send()
        .await
        .expect("stack");
    out.stacks()
        .first()
        .expect("one stack")
        .parameters()
        .iter()
        .map(|p| {
            (
                p.parameter_key().unwrap_or_default().to_string(),
                p.parameter_value().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn physical_id(cfn: &aws_sdk_cloudformation::Client, stack: &str, logical: &str) -> String {
    let out = cfn
        .describe_stack_resource()
        .stack_name(stack)
        .logical_resource_id(logical)
        .send()
        .await
        .expect("resource");
    out.stack_resource_detail()
        .and_then(|d| d.physical_resource_id())
        .expect("physical id")
        .to_string()
}

/// (desired count, cluster) of the stack's NginxService, through the ECS API.
async fn nginx_service(stack: &str) -> i32 {
    let config = support::sdk_config(&moto_endpoint()).await;
    let cfn = aws_sdk_cloudformation::Client::new(&config);
    let ecs = aws_sdk_ecs::Client::new(&config);
    let cluster = physical_id(&cfn, stack, "DefaultCluster").await;
    let service = physical_id(&cfn, stack, "NginxService").await;
    let clusters = ecs
        .describe_clusters()
        .clusters(&cluster)
        .send()
        .await
        .expect("clusters");
    assert_eq!(clusters.clusters().len(), 1, "cluster {cluster} exists");
    let out = ecs
        .describe_services()
        .cluster(&cluster)
        .services(&service)
        .send()
        .await
        .expect("services");
    let svc = out.services().first().expect("service exists");
    assert_eq!(svc.status(), Some("ACTIVE"));
    svc.desired_count()
}

#[tokio::test(flavor = "multi_thread")]
async fn deploys_nginx_with_the_default_vpc() {
    let endpoint = moto_endpoint();
    let stack = unique("e2e-nginx");
    // The example as it is: it waits for steady state, which services made by
    // CloudFormation in moto never reach, so the wait is cut short.
    let r = run(
        ecsxc(&endpoint),
        &[
            "deploy",
            "examples/nginx.ecsx",
            "--stack",
            &stack,
            "--yes",
            "--steady-timeout",
            "1s",
        ],
    );
    assert!(
        r.stdout
            .contains(&format!("stack `{stack}` will be created")),
        "{}",
        r.both()
    );
    assert!(r.stdout.contains("+ NginxService"), "{}", r.both());
    assert!(r.stderr.contains("CREATE_COMPLETE"), "{}", r.both());
    assert!(
        r.stderr.contains("waiting for NginxService to be stable"),
        "{}",
        r.both()
    );
    assert!(
        r.stderr.contains("NginxService (0/2 running)"),
        "{}",
        r.both()
    );
    assert_eq!(r.code, 1, "not stable in time is a failure: {}", r.both());

    let cfn = cfn().await;
    assert_eq!(
        stack_status(&cfn, &stack).await.as_deref(),
        Some("CREATE_COMPLETE")
    );

    // The default VPC and its default subnets, as the EC2 API has them.
    let (vpc, ids) = aws().await.default_network().await;
    let params = stack_parameters(&cfn, &stack).await;
    assert!(params.contains(&("VpcId".to_string(), vpc)), "{params:?}");
    // moto echoes a list parameter as a Python list (`['subnet-a', 'subnet-b']`), AWS as
    // `subnet-a,subnet-b`: compare the ids.
    let passed = params
        .iter()
        .find(|(k, _)| k == "SubnetIds")
        .map(|(_, v)| v.clone())
        .expect("SubnetIds passed");
    let mut passed: Vec<String> = passed
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|s| s.starts_with("subnet-"))
        .map(str::to_string)
        .collect();
    passed.sort();
    assert_eq!(passed, ids, "{params:?}");

    assert_eq!(nginx_service(&stack).await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn redeploying_unchanged_says_no_changes() {
    let endpoint = moto_endpoint();
    let p = Program::nginx("e2e-same", 2);
    let (file, stack) = (p.file.as_str(), p.stack.as_str());
    p.deploy(ecsxc(&endpoint));
    let again = p.deploy(ecsxc(&endpoint));
    assert!(again.stdout.contains("no changes"), "{}", again.both());
    assert!(
        !again.stdout.contains("will be updated"),
        "{}",
        again.both()
    );
    let diff = run(
        ecsxc(&endpoint),
        &["diff", file, "--stack", stack, "--exit-code"],
    );
    assert_eq!(diff.code, 0, "{}", diff.both());
    assert!(diff.stdout.contains("no changes"), "{}", diff.both());
    assert_eq!(
        stack_status(&cfn().await, stack).await.as_deref(),
        Some("CREATE_COMPLETE")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn changing_desired_count_is_a_modify_and_diff_changes_nothing() {
    let endpoint = moto_endpoint();
    let p = Program::new("e2e-count", "two.ecsx", &nginx_variant(2, false));
    let three = p.write("three.ecsx", &nginx_variant(3, false));
    let (three, stack) = (three.as_str(), p.stack.as_str());
    p.deploy(ecsxc(&endpoint));

    let diff = run(
        ecsxc(&endpoint),
        &["diff", three, "--stack", stack, "--exit-code"],
    );
    assert_eq!(diff.code, 3, "{}", diff.both());
    assert!(
        diff.stdout
            .contains(&format!("stack `{stack}` will be updated")),
        "{}",
        diff.both()
    );
    assert!(diff.stdout.contains("~ NginxService"), "{}", diff.both());
    assert!(
        diff.stdout.contains("0 to add, 1 to change, 0 to remove"),
        "{}",
        diff.both()
    );
    // diff executed nothing.
    let cfn = cfn().await;
    assert_eq!(
        stack_status(&cfn, stack).await.as_deref(),
        Some("CREATE_COMPLETE")
    );
    assert_eq!(nginx_service(stack).await, 2);

    let json = run(
        ecsxc(&endpoint),
        &["diff", three, "--stack", stack, "--json"],
    );
    assert_eq!(json.code, 0, "{}", json.both());
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json diff");
    assert_eq!(v["changeSetType"], "UPDATE");
    assert_eq!(v["hasChanges"], true);
    assert_eq!(v["changes"][0]["action"], "Modify");
    assert_eq!(v["changes"][0]["logicalId"], "NginxService");

    let update = run_deploy(ecsxc(&endpoint), three, stack);
    assert_eq!(update.code, 0, "{}", update.both());
    assert!(
        update.stdout.contains("~ NginxService"),
        "{}",
        update.both()
    );
    assert!(
        update.stderr.contains("UPDATE_COMPLETE"),
        "{}",
        update.both()
    );
    assert_eq!(
        stack_status(&cfn, stack).await.as_deref(),
        Some("UPDATE_COMPLETE")
    );
    assert_eq!(nginx_service(stack).await, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn diff_of_a_new_stack_leaves_nothing_behind() {
    let endpoint = moto_endpoint();
    let stack = unique("e2e-newdiff");
    let r = run(
        ecsxc(&endpoint),
        &[
            "diff",
            "examples/nginx.ecsx",
            "--stack",
            &stack,
            "--exit-code",
        ],
    );
    assert_eq!(r.code, 3, "{}", r.both());
    assert!(
        r.stdout
            .contains(&format!("stack `{stack}` will be created")),
        "{}",
        r.both()
    );
    assert!(r.stdout.contains("+ WebLoadBalancer"), "{}", r.both());
    assert!(r.stdout.contains("10 to add"), "{}", r.both());
    let status = stack_status(&cfn().await, &stack).await;
    assert!(
        status.is_none() || status.as_deref() == Some("DELETE_COMPLETE"),
        "diff left a stack behind: {status:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_stacks_side_by_side_do_not_disturb_each_other() {
    let endpoint = moto_endpoint();
    let p = Program::new("e2e-side-a", "two.ecsx", &nginx_variant(2, false));
    let a = p.stack.as_str();
    let b = unique("e2e-side-b");
    let four = p.write("four.ecsx", &nginx_variant(4, false));
    let (ra, rb) = std::thread::scope(|s| {
        let ta = s.spawn(|| p.try_deploy(ecsxc(&endpoint)));
        let tb = s.spawn(|| run_deploy(ecsxc(&endpoint), &p.file, &b));
        (ta.join().expect("a"), tb.join().expect("b"))
    });
    assert_eq!(ra.code, 0, "{}", ra.both());
    assert_eq!(rb.code, 0, "{}", rb.both());

    let update = run_deploy(ecsxc(&endpoint), &four, a);
    assert_eq!(update.code, 0, "{}", update.both());
    let cfn = cfn().await;
    assert_eq!(
        stack_status(&cfn, a).await.as_deref(),
        Some("UPDATE_COMPLETE")
    );
    assert_eq!(
        stack_status(&cfn, &b).await.as_deref(),
        Some("CREATE_COMPLETE")
    );
    assert_eq!(nginx_service(a).await, 4);
    assert_eq!(nginx_service(&b).await, 2);

    let gone = run(ecsxc(&endpoint), &["destroy", "--stack", a, "--yes"]);
    assert_eq!(gone.code, 0, "{}", gone.both());
    assert_eq!(
        stack_status(&cfn, &b).await.as_deref(),
        Some("CREATE_COMPLETE")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_template_rejected_at_execute_fails_readably() {
    let endpoint = moto_endpoint();
    // moto fails ExecuteChangeSet when a service names a cluster that does not exist.
    let p = Program::new(
        "e2e-reject",
        "bad.ecsx",
        "let c = Cluster.existing(\"no-such-cluster\")\n\n\
         let web = FargateService {\n    cluster: c\n    waitForSteadyState: false\n    \
         containers: {\n        web: { image: \"nginx\", memory: 128 }\n    }\n}\n",
    );
    let stack = &p.stack;
    let r = p.try_deploy(ecsxc(&endpoint));
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr.contains("error: ExecuteChangeSet: "),
        "{}",
        r.both()
    );
    assert!(r.stderr.contains("Cluster not found"), "{}", r.both());
    assert!(
        r.stderr.contains(&format!("ecsxc status --stack {stack}")),
        "{}",
        r.both()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn outputs_and_destroy() {
    let endpoint = moto_endpoint();
    let p = Program::nginx("e2e-out", 1);
    let stack = p.stack.as_str();
    let r = p.deploy(ecsxc(&endpoint));
    // moto sets no Outputs through change sets: ecsxc says so instead of failing.
    assert!(r.stderr.contains("reports no outputs"), "{}", r.both());

    let out = run(ecsxc(&endpoint), &["outputs", "--stack", stack]);
    assert_eq!(out.code, 0, "{}", out.both());
    assert!(out.stderr.contains("has no outputs"), "{}", out.both());
    let json = run(ecsxc(&endpoint), &["outputs", "--stack", stack, "--json"]);
    assert_eq!(json.code, 0, "{}", json.both());
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json.stdout).expect("json"),
        serde_json::json!({})
    );

    let status = run(ecsxc(&endpoint), &["status", "--stack", stack]);
    assert_eq!(status.code, 0, "{}", status.both());
    assert!(
        status.stdout.contains("CREATE_COMPLETE"),
        "{}",
        status.both()
    );

    // Not a terminal and no --yes: refused, nothing deleted.
    let refused = run(ecsxc(&endpoint), &["destroy", "--stack", stack]);
    assert_eq!(refused.code, 2, "{}", refused.both());
    assert!(refused.stderr.contains("--yes"), "{}", refused.both());
    let cfn = cfn().await;
    assert_eq!(
        stack_status(&cfn, stack).await.as_deref(),
        Some("CREATE_COMPLETE")
    );

    let gone = run(ecsxc(&endpoint), &["destroy", "--stack", stack, "--yes"]);
    assert_eq!(gone.code, 0, "{}", gone.both());
    assert!(
        gone.stdout.contains(&format!("deleted stack `{stack}`")),
        "{}",
        gone.both()
    );
    assert!(stack_status(&cfn, stack).await.is_none());

    let missing = run(ecsxc(&endpoint), &["outputs", "--stack", stack]);
    assert_eq!(missing.code, 1, "{}", missing.both());
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.both()
    );
    let missing = run(ecsxc(&endpoint), &["destroy", "--stack", stack, "--yes"]);
    assert_eq!(missing.code, 1, "{}", missing.both());
}

fn image_program(dir: &Path, binding: &str) -> PathBuf {
    // A unique Dockerfile, so that the content-hash tag is new on every run.
    write(
        dir,
        "app/Dockerfile",
        &format!("FROM nginx\n# {}\n", unique("run")),
    );
    write(dir, "app/index.html", "<h1>hello</h1>\n");
    write(
        dir,
        "app.ecsx",
        &format!(
            "let {binding} = FargateService {{\n    waitForSteadyState: false\n    containers: {{\n        \
             web: {{ image: Image.fromPath(\"./app\"), memory: 128 }}\n    }}\n}}\n"
        ),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn image_from_a_path_is_built_logged_in_and_pushed() {
    let endpoint = moto_endpoint();
    let p = Program::made("e2e-image", |dir| image_program(dir, "api"));
    let dir = &p.dir;
    let bin = stand_in_docker(dir.path(), None);
    p.deploy(with_path(ecsxc(&endpoint), &bin));

    let config = support::sdk_config(&endpoint).await;
    let ecr = aws_sdk_ecr::Client::new(&config);
    let repos = ecr
        .describe_repositories()
        .repository_names("api-web")
        .send()
        .await
        .expect("repo exists");
    let repo = repos.repositories().first().expect("repo");
    let uri = repo.repository_uri().expect("uri").to_string();
    assert_eq!(
        repo.image_scanning_configuration()
            .map(|c| c.scan_on_push()),
        Some(true),
        "scan on push"
    );

    let cfn = cfn().await;
    let params = stack_parameters(&cfn, &p.stack).await;
    let image = params
        .iter()
        .find(|(k, _)| k == "ApiWebImage")
        .map(|(_, v)| v.clone())
        .expect("image parameter");
    assert!(image.starts_with(&format!("{uri}:")), "{image} is in {uri}");
    let tag = image.rsplit(':').next().expect("tag").to_string();

    let log =
        std::fs::read_to_string(dir.path().join("docker-calls.log")).expect("docker was called");
    let calls: Vec<&str> = log.lines().collect();
    let context = dir.path().join("app");
    assert_eq!(
        calls,
        vec![
            "login --username AWS --password-stdin https://123456789012.dkr.ecr.us-east-1.amazonaws.com",
            "stdin=123456789012-auth-token",
            &format!("build --tag {image} {}", context.display()),
            &format!("push {image}"),
        ],
        "{log}"
    );

    // The registry now holds the tag (moto has no registry: put the manifest through the API).
    ecr.put_image()
        .repository_name("api-web")
        .image_tag(&tag)
        .image_manifest(r#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"layers":[]}"#)
        .send()
        .await
        .expect("put image");
    std::fs::remove_file(dir.path().join("docker-calls.log")).expect("reset log");
    let again = p.deploy(with_path(ecsxc(&endpoint), &bin));
    assert!(again.stdout.contains("no changes"), "{}", again.both());
    assert!(
        again.stderr.contains("unchanged, already pushed"),
        "{}",
        again.both()
    );
    assert!(
        !dir.path().join("docker-calls.log").exists(),
        "docker was called again"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_docker_or_a_failed_build_stops_before_the_stack_changes() {
    let endpoint = moto_endpoint();
    let mut p = Program::made("e2e-nodocker", |dir| image_program(dir, "worker"));

    let empty = tempfile::tempdir().expect("empty PATH dir");
    let mut cmd = ecsxc(&endpoint);
    cmd.env("PATH", empty.path());
    let r = p.try_deploy(cmd);
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(r.stderr.contains("image `worker-web`"), "{}", r.both());
    assert!(
        r.stderr.contains("`docker login` could not start"),
        "{}",
        r.both()
    );
    assert!(
        r.stderr.contains("not installed or not on PATH"),
        "{}",
        r.both()
    );
    let cfn = cfn().await;
    assert!(
        stack_status(&cfn, &p.stack).await.is_none(),
        "no stack was made"
    );

    // The same program, to another stack.
    p.stack = unique("e2e-badbuild");
    let bin = stand_in_docker(p.dir.path(), Some("build"));
    let r = p.try_deploy(with_path(ecsxc(&endpoint), &bin));
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr.contains("`docker build` failed (exit status 7)"),
        "{}",
        r.both()
    );
    assert!(r.stderr.contains("step 3/4: boom"), "{}", r.both());
    assert!(
        stack_status(&cfn, &p.stack).await.is_none(),
        "no stack was made"
    );
}

#[test]
fn compile_and_param_errors_stop_before_any_aws_call() {
    // An endpoint nobody listens on: reaching it would fail differently.
    let endpoint = "http://127.0.0.1:9";
    let dir = tempfile::tempdir().expect("tmp");
    let bad = write(dir.path(), "bad.ecsx", "let x = FargateSrvice {}\n");
    let r = run_deploy(ecsxc(endpoint), bad.to_str().expect("utf-8"), "s");
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(r.stderr.contains("FargateSrvice"), "{}", r.both());
    assert!(!r.stderr.contains("DescribeStacks"), "{}", r.both());

    let r = run(
        ecsxc(endpoint),
        &[
            "deploy",
            "examples/nginx.ecsx",
            "--stack",
            "s",
            "--yes",
            "--param",
            "Nope=1",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.both());
    assert!(r.stderr.contains("no parameter `Nope`"), "{}", r.both());

    let r = run(
        ecsxc(endpoint),
        &["deploy", "examples/nginx.ecsx", "--stack", "s"],
    );
    assert_eq!(r.code, 2, "{}", r.both());
    assert!(
        r.stderr.contains("refusing to deploy without confirmation"),
        "{}",
        r.both()
    );

    let r = run_deploy(ecsxc(endpoint), "examples/nginx.ecsx", "9bad");
    assert_eq!(r.code, 2, "{}", r.both());

    let r = run_deploy(ecsxc(endpoint), "no/such/file.ecsx", "s");
    assert_eq!(r.code, 2, "{}", r.both());

    // CloudFormation would name the capacity provider `ECS-app-...`, which ECS rejects.
    let r = run_deploy(ecsxc(endpoint), "examples/ec2/seed_cluster.ecsx", "ECS-app");
    assert_eq!(r.code, 2, "{}", r.both());
    assert!(
        r.stderr.contains("ECS takes no name starting with `ecs`"),
        "{}",
        r.both()
    );
}

#[test]
fn every_command_has_help() {
    for cmd in ["deploy", "diff", "outputs", "destroy", "run", "status"] {
        let r = run(ecsxc("http://127.0.0.1:9"), &[cmd, "--help"]);
        assert_eq!(r.code, 0, "{cmd}: {}", r.both());
        assert!(r.stdout.contains("--stack"), "{cmd}: {}", r.both());
        assert!(r.stdout.contains("--region"), "{cmd}: {}", r.both());
    }
}

/// A template over 51,200 bytes goes to the managed S3 bucket and CloudFormation reads it by URL.
#[tokio::test(flavor = "multi_thread")]
async fn large_templates_go_through_s3() {
    use ecsxc::deploy::changeset::{self, Outcome, Request, Timing};
    use ecsxc::deploy::diff::ChangeSetKind;
    use ecsxc::deploy::upload::{self, TemplateSource};
    let endpoint = moto_endpoint();
    let config = support::sdk_config(&endpoint).await;
    let clients = ecsxc::deploy::aws::Clients::from_config(&config).expect("clients");
    let (ui, captured) = ecsxc::deploy::Ui::capture();
    let stack = unique("e2e-large");
    // 60 log groups with long descriptions in a Metadata block: well over the inline limit.
    let mut resources = serde_json::Map::new();
    for i in 0..60 {
        resources.insert(
            format!("Logs{i}"),
            serde_json::json!({
                "Type": "AWS::Logs::LogGroup",
                "Metadata": { "Padding": "x".repeat(1000) },
                "Properties": { "RetentionInDays": 1 }
            }),
        );
    }
    let body = serde_json::to_string(&serde_json::json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": resources
    }))
    .expect("json");
    assert!(body.len() > upload::MAX_INLINE_BYTES);
    let source = upload::prepare(&clients, &ui, &stack, body, None)
        .await
        .expect("uploaded");
    let url = match &source {
        TemplateSource::Url(url) => url.clone(),
        TemplateSource::Body(_) => panic!("a large template must go by URL"),
    };
    assert!(
        url.starts_with("https://ecsxc-templates-123456789012-us-east-1.s3.amazonaws.com/ecsxc/"),
        "{url}"
    );
    assert!(
        captured.stderr().contains("uploading it to s3://"),
        "{}",
        captured.stderr()
    );
    let req = Request {
        stack: &stack,
        kind: ChangeSetKind::Create,
        template: &source,
        parameters: &[],
    };
    let timing = Timing {
        poll: std::time::Duration::from_millis(100),
        ..Timing::default()
    };
    match changeset::create(&clients.cfn, &req, &timing)
        .await
        .expect("change set")
    {
        Outcome::Ready(cs) => {
            assert_eq!(cs.changes.len(), 60);
            changeset::delete(&clients.cfn, &cs.arn)
                .await
                .expect("deleted");
            clients
                .cfn
                .delete_stack()
                .stack_name(&cs.stack_id)
                .send()
                .await
                .expect("stack deleted");
        }
        other => panic!("expected changes, got {other:?}"),
    }
    // The managed bucket is reused.
    let again = upload::ensure_managed_bucket(&clients, &ui)
        .await
        .expect("bucket");
    assert_eq!(again, "ecsxc-templates-123456789012-us-east-1");
}

/// `ecsxc run` starts a task definition of the stack once and prints the task ARNs.
#[tokio::test(flavor = "multi_thread")]
async fn run_starts_tasks_of_the_stack() {
    let endpoint = moto_endpoint();
    let p = Program::nginx("e2e-run", 1);
    let (file, stack) = (p.file.as_str(), p.stack.as_str());
    p.deploy(ecsxc(&endpoint));

    let r = run(
        ecsxc(&endpoint),
        &["run", file, "nginx", "--stack", stack, "--count", "2"],
    );
    assert_eq!(r.code, 0, "{}", r.both());
    let arns: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(arns.len(), 2, "{}", r.both());
    let config = support::sdk_config(&endpoint).await;
    let cfn = aws_sdk_cloudformation::Client::new(&config);
    let cluster = physical_id(&cfn, stack, "DefaultCluster").await;
    let ecs = aws_sdk_ecs::Client::new(&config);
    let tasks = ecs
        .describe_tasks()
        .cluster(&cluster)
        .set_tasks(Some(arns.iter().map(|a| a.to_string()).collect()))
        .send()
        .await
        .expect("tasks");
    assert_eq!(tasks.tasks().len(), 2);
    let task_def = physical_id(&cfn, stack, "NginxTaskDefinition").await;
    assert!(tasks
        .tasks()
        .iter()
        .all(|t| t.task_definition_arn() == Some(task_def.as_str())));

    let r = run(ecsxc(&endpoint), &["run", file, "nginz", "--stack", stack]);
    assert_eq!(r.code, 2, "{}", r.both());
    assert!(r.stderr.contains("did you mean `nginx`?"), "{}", r.both());
}
