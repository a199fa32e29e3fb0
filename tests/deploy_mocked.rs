//! What moto cannot produce — change sets still being computed, replacements, paged
//! changes, stack events in progress, failed resources, rollbacks, stuck states, the ECS
//! deployment circuit breaker with service events and stopped-task reasons — through the
//! SDK's own test utility (`aws-smithy-mocks`), with responses shaped like the ones AWS
//! documents. The renderers' output is kept as insta snapshots in `snapshots/deploy/`.

use aws_sdk_cloudformation as cfn;
use aws_sdk_ecs as ecs;
use aws_smithy_mocks::{mock, MockResponseInterceptor, Rule, RuleMode};
use aws_smithy_types::error::ErrorMetadata;
use aws_smithy_types::DateTime;

use ecsxc::deploy::aws::Clients;
use ecsxc::deploy::changeset::{self, Outcome, Request, Timing};
use ecsxc::deploy::diff::{self, ChangeSetKind};
use ecsxc::deploy::ecs::ServiceWatch;
use ecsxc::deploy::progress::{self, Follow};
use ecsxc::deploy::stack::{self, StackInfo};
use ecsxc::deploy::upload::TemplateSource;
use ecsxc::deploy::{failure, DeployError, Ui};

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots/deploy", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// 2026-11-25T10:00:00Z.
const T0: i64 = 1_795_600_800;

fn at(secs: i64) -> DateTime {
    DateTime::from_secs(T0 + secs)
}

fn timing() -> Timing {
    Timing {
        poll: std::time::Duration::from_millis(1),
        change_set_timeout: std::time::Duration::from_secs(5),
        steady_timeout: std::time::Duration::from_secs(5),
    }
}

fn interceptor(rules: &[&Rule]) -> MockResponseInterceptor {
    let mut i = MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny);
    for r in rules {
        i = i.with_rule(r);
    }
    i
}

/// Clients whose CloudFormation and ECS calls are answered by `cfn_rules` and `ecs_rules`.
fn clients(cfn_rules: &[&Rule], ecs_rules: &[&Rule]) -> Clients {
    let creds = cfn::config::Credentials::new("AKID", "SECRET", None, None, "test");
    let region = cfn::config::Region::new("us-east-1");
    let cfn = cfn::Client::from_conf(
        cfn::Config::builder()
            .behavior_version(cfn::config::BehaviorVersion::latest())
            .region(region.clone())
            .credentials_provider(creds.clone())
            .retry_config(cfn::config::retry::RetryConfig::disabled())
            .interceptor(interceptor(cfn_rules))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .build(),
    );
    let ecs = ecs::Client::from_conf(
        ecs::Config::builder()
            .behavior_version(ecs::config::BehaviorVersion::latest())
            .region(region.clone())
            .credentials_provider(creds.clone())
            .retry_config(ecs::config::retry::RetryConfig::disabled())
            .interceptor(interceptor(ecs_rules))
            .http_client(aws_smithy_mocks::create_mock_http_client())
            .build(),
    );
    // The other services are not called in these tests; any call fails (no rule, no network).
    let sdk = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(region)
        .endpoint_url("http://127.0.0.1:9")
        .build();
    let mut c = Clients::from_config(&sdk).expect("region set");
    c.cfn = cfn;
    c.ecs = ecs;
    c
}

fn event(
    id: &str,
    secs: i64,
    logical: &str,
    ty: &str,
    status: &str,
    reason: Option<&str>,
    physical: Option<&str>,
) -> cfn::types::StackEvent {
    cfn::types::StackEvent::builder()
        .stack_id(STACK_ID)
        .stack_name("web")
        .event_id(id)
        .timestamp(at(secs))
        .logical_resource_id(logical)
        .resource_type(ty)
        .resource_status(cfn::types::ResourceStatus::from(status))
        .set_resource_status_reason(reason.map(str::to_string))
        .set_physical_resource_id(physical.map(str::to_string))
        .build()
}

const STACK_ID: &str =
    "arn:aws:cloudformation:us-east-1:123456789012:stack/web/5f3d2a10-ca1f-11f0-8de9-0a1b2c3d4e5f";
const SERVICE_ARN: &str =
    "arn:aws:ecs:us-east-1:123456789012:service/web-DefaultCluster-Xk2qLs9P/web-NginxService-9hT4mQ";
const STACK: &str = "AWS::CloudFormation::Stack";

fn events(
    list: Vec<cfn::types::StackEvent>,
) -> cfn::operation::describe_stack_events::DescribeStackEventsOutput {
    cfn::operation::describe_stack_events::DescribeStackEventsOutput::builder()
        .set_stack_events(Some(list))
        .build()
}

fn stack_in(
    status: &str,
    reason: Option<&str>,
) -> cfn::operation::describe_stacks::DescribeStacksOutput {
    cfn::operation::describe_stacks::DescribeStacksOutput::builder()
        .stacks(
            cfn::types::Stack::builder()
                .stack_id(STACK_ID)
                .stack_name("web")
                .creation_time(at(-86_400))
                .stack_status(cfn::types::StackStatus::from(status))
                .set_stack_status_reason(reason.map(str::to_string))
                .build(),
        )
        .build()
}

/// An update whose service never gets healthy: the circuit breaker fails the ECS
/// deployment, CloudFormation marks the service UPDATE_FAILED, cancels the listener
/// update, and rolls back.
#[tokio::test]
async fn failed_update_with_circuit_breaker_and_rollback() {
    let old = event(
        "e0",
        -86_000,
        "web",
        STACK,
        "UPDATE_COMPLETE",
        None,
        Some(STACK_ID),
    );
    let e1 = event(
        "e1",
        0,
        "web",
        STACK,
        "UPDATE_IN_PROGRESS",
        Some("User Initiated"),
        Some(STACK_ID),
    );
    let e2 = event(
        "e2",
        4,
        "NginxTaskDefinition",
        "AWS::ECS::TaskDefinition",
        "UPDATE_COMPLETE",
        None,
        Some("arn:aws:ecs:us-east-1:123456789012:task-definition/webNginxTaskDefinition:8"),
    );
    let e3 = event(
        "e3",
        6,
        "NginxService",
        "AWS::ECS::Service",
        "UPDATE_IN_PROGRESS",
        None,
        Some(SERVICE_ARN),
    );
    let e4 = event("e4", 610, "NginxService", "AWS::ECS::Service", "UPDATE_FAILED",
        Some("Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.\" (RequestToken: 0d6b0c1e-2f4a-4b8e-9c1d-3e5f7a9b1c2d, HandlerErrorCode: GeneralServiceException)"),
        Some(SERVICE_ARN));
    let e5 = event(
        "e5",
        611,
        "WebListener",
        "AWS::ElasticLoadBalancingV2::Listener",
        "UPDATE_FAILED",
        Some("Resource update cancelled"),
        None,
    );
    let e6 = event(
        "e6",
        612,
        "web",
        STACK,
        "UPDATE_ROLLBACK_IN_PROGRESS",
        Some("The following resource(s) failed to update: [NginxService, WebListener]."),
        Some(STACK_ID),
    );
    let e7 = event(
        "e7",
        615,
        "NginxTaskDefinition",
        "AWS::ECS::TaskDefinition",
        "UPDATE_IN_PROGRESS",
        None,
        None,
    );
    let e8 = event(
        "e8",
        700,
        "NginxService",
        "AWS::ECS::Service",
        "UPDATE_COMPLETE",
        None,
        Some(SERVICE_ARN),
    );
    let e9 = event(
        "e9",
        705,
        "web",
        STACK,
        "UPDATE_ROLLBACK_COMPLETE",
        None,
        Some(STACK_ID),
    );

    let call1 = vec![e3.clone(), e2.clone(), e1.clone(), old.clone()];
    let call2 = [
        vec![e7.clone(), e6.clone(), e5.clone(), e4.clone()],
        call1.clone(),
    ]
    .concat();
    let call3 = [vec![e9.clone(), e8.clone()], call2.clone()].concat();
    let stack_events = mock!(cfn::Client::describe_stack_events)
        .sequence()
        .output(move || events(call1.clone()))
        .output(move || events(call2.clone()))
        .output(move || events(call3.clone()))
        .repeatedly()
        .build();
    let stacks = mock!(cfn::Client::describe_stacks)
        .sequence()
        .output(|| stack_in("UPDATE_IN_PROGRESS", Some("User Initiated")))
        .output(|| {
            stack_in(
                "UPDATE_ROLLBACK_IN_PROGRESS",
                Some("The following resource(s) failed to update: [NginxService, WebListener]."),
            )
        })
        .output(|| stack_in("UPDATE_ROLLBACK_COMPLETE", None))
        .repeatedly()
        .build();

    let service = ecs::types::Service::builder()
        .service_arn(SERVICE_ARN)
        .service_name("web-NginxService-9hT4mQ")
        .desired_count(2)
        .running_count(0)
        .events(ecs::types::ServiceEvent::builder().id("s3").created_at(at(600))
            .message("(service web-NginxService-9hT4mQ) (deployment ecs-svc/4711) deployment failed: tasks failed to start.").build())
        .events(ecs::types::ServiceEvent::builder().id("s2").created_at(at(95))
            .message("(service web-NginxService-9hT4mQ) has started 2 tasks: (task 3f1c2a) (task 8b7e6d).").build())
        .events(ecs::types::ServiceEvent::builder().id("s1").created_at(at(-3600))
            .message("(service web-NginxService-9hT4mQ) has reached a steady state.").build())
        .deployments(ecs::types::Deployment::builder().id("ecs-svc/4711").status("PRIMARY")
            .desired_count(2).running_count(0).failed_tasks(4)
            .rollout_state(ecs::types::DeploymentRolloutState::Failed)
            .rollout_state_reason("ECS deployment circuit breaker: tasks failed to start.")
            .updated_at(at(600)).build())
        .deployments(ecs::types::Deployment::builder().id("ecs-svc/4702").status("ACTIVE")
            .desired_count(2).running_count(2).build())
        .build();
    let describe_services = mock!(ecs::Client::describe_services).then_output(move || {
        ecs::operation::describe_services::DescribeServicesOutput::builder()
            .services(service.clone())
            .build()
    });
    let task_arn =
        "arn:aws:ecs:us-east-1:123456789012:task/web-DefaultCluster-Xk2qLs9P/3f1c2a9d0e8b4c7a";
    let list_tasks = mock!(ecs::Client::list_tasks).then_output(move || {
        ecs::operation::list_tasks::ListTasksOutput::builder()
            .task_arns(task_arn)
            .build()
    });
    let describe_tasks = mock!(ecs::Client::describe_tasks).then_output(move || {
        ecs::operation::describe_tasks::DescribeTasksOutput::builder()
            .tasks(
                ecs::types::Task::builder()
                    .task_arn(task_arn)
                    .last_status("STOPPED")
                    .stopped_at(at(120))
                    .stop_code(ecs::types::TaskStopCode::TaskFailedToStart)
                    .stopped_reason("CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/ngnix:latest: docker.io/library/ngnix:latest: not found")
                    .containers(ecs::types::Container::builder().name("nginx").last_status("STOPPED").build())
                    .build(),
            )
            .build()
    });

    let c = clients(
        &[&stack_events, &stacks],
        &[&describe_services, &list_tasks, &describe_tasks],
    );
    let (ui, captured) = Ui::capture();
    let mut watch = ServiceWatch::new("NginxService", T0);
    watch.cluster_logical_id = Some("DefaultCluster".to_string());
    let follow = Follow {
        stack_id: STACK_ID.to_string(),
        stack_name: "web".to_string(),
        since_event: Some("e0".to_string()),
        total: 3,
        services: vec![watch],
    };
    let result = progress::follow(&c, &ui, follow, &timing())
        .await
        .expect("followed");
    assert_eq!(result.status, "UPDATE_ROLLBACK_COMPLETE");
    assert_eq!(result.failures.len(), 2);
    assert_eq!(
        describe_services.num_calls(),
        1,
        "ECS is read while the service updates"
    );
    let report = failure::render("web", &result, false);
    snapshot!("failed_update_follow_log", captured.stderr());
    snapshot!("failed_update_report", report);
}

/// A first deployment that fails and rolls back leaves ROLLBACK_COMPLETE: `status` shows
/// the last operation, the failure first, and says to destroy and deploy again.
#[tokio::test]
async fn status_of_a_stack_stuck_in_rollback_complete() {
    let list = vec![
        event("r6", 140, "web", STACK, "ROLLBACK_COMPLETE", None, Some(STACK_ID)),
        event("r5", 130, "WebLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "DELETE_COMPLETE", None, None),
        event("r4", 60, "web", STACK, "ROLLBACK_IN_PROGRESS",
            Some("The following resource(s) failed to create: [WebLoadBalancer, NginxLogGroup]. Rollback requested by user."), Some(STACK_ID)),
        event("r3", 59, "NginxLogGroup", "AWS::Logs::LogGroup", "CREATE_FAILED", Some("Resource creation cancelled"), None),
        event("r2", 58, "WebLoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "CREATE_FAILED",
            Some("Resource handler returned message: \"At least two subnets in two different Availability Zones must be specified (Service: ElasticLoadBalancingV2, Status Code: 400, Request ID: 6c1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f)\" (RequestToken: 9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d, HandlerErrorCode: InvalidRequest)"), None),
        event("r1", 1, "web", STACK, "CREATE_IN_PROGRESS", Some("User Initiated"), Some(STACK_ID)),
        event("r0", 0, "web", STACK, "REVIEW_IN_PROGRESS", Some("User Initiated"), Some(STACK_ID)),
    ];
    let stack_events =
        mock!(cfn::Client::describe_stack_events).then_output(move || events(list.clone()));
    let c = clients(&[&stack_events], &[]);
    let (ui, captured) = Ui::capture();
    let info = StackInfo {
        id: STACK_ID.to_string(),
        name: "web".to_string(),
        status: "ROLLBACK_COMPLETE".to_string(),
        ..StackInfo::default()
    };
    let err = ecsxc::deploy::commands::status_of(&c, &ui, &info, &timing())
        .await
        .expect_err("a failed stack is a failure");
    assert_eq!(err.exit, ecsxc::deploy::Exit::Failed);
    snapshot!(
        "status_rollback_complete",
        format!(
            "--- stdout\n{}--- stderr\n{}",
            captured.stdout(),
            captured.stderr()
        )
    );

    let blocked = match stack::plan("web", Some(&info)) {
        stack::Plan::Blocked(e) => e,
        other => panic!("ROLLBACK_COMPLETE must block a deploy, got {other:?}"),
    };
    assert!(blocked
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("ecsxc destroy --stack web"));
}

/// What a deploy does with a stack in each status, and what it tells the user.
#[test]
fn stuck_states_are_explained() {
    let mut text = String::new();
    for status in [
        "REVIEW_IN_PROGRESS",
        "CREATE_COMPLETE",
        "UPDATE_ROLLBACK_COMPLETE",
        "ROLLBACK_COMPLETE",
        "ROLLBACK_FAILED",
        "UPDATE_ROLLBACK_FAILED",
        "DELETE_FAILED",
        "UPDATE_IN_PROGRESS",
        "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
        "ROLLBACK_IN_PROGRESS",
    ] {
        let info = StackInfo {
            status: status.to_string(),
            ..StackInfo::default()
        };
        let line = match stack::plan("web", Some(&info)) {
            stack::Plan::Create => "CREATE change set".to_string(),
            stack::Plan::Update => "UPDATE change set".to_string(),
            stack::Plan::Blocked(e) => e.to_string(),
        };
        text.push_str(&format!("{status}:\n  {line}\n"));
    }
    assert_eq!(stack::plan("web", None), stack::Plan::Create);
    snapshot!("stack_states", text);
}

fn resource_change(
    action: &str,
    logical: &str,
    ty: &str,
    replacement: Option<&str>,
    details: &[(&str, &str)],
) -> cfn::types::Change {
    let mut rc = cfn::types::ResourceChange::builder()
        .action(cfn::types::ChangeAction::from(action))
        .logical_resource_id(logical)
        .resource_type(ty)
        .set_replacement(replacement.map(cfn::types::Replacement::from));
    if action != "Add" {
        rc = rc.physical_resource_id(format!("{}-physical", logical.to_lowercase()));
    }
    for (name, recreation) in details {
        rc = rc.scope(cfn::types::ResourceAttribute::Properties).details(
            cfn::types::ResourceChangeDetail::builder()
                .evaluation(cfn::types::EvaluationType::Static)
                .change_source(cfn::types::ChangeSource::DirectModification)
                .target(
                    cfn::types::ResourceTargetDefinition::builder()
                        .attribute(cfn::types::ResourceAttribute::Properties)
                        .name(*name)
                        .requires_recreation(cfn::types::RequiresRecreation::from(*recreation))
                        .build(),
                )
                .build(),
        );
    }
    cfn::types::Change::builder()
        .r#type(cfn::types::ChangeType::Resource)
        .resource_change(rc.build())
        .build()
}

fn change_set_page(
    status: &str,
    changes: Vec<cfn::types::Change>,
    next: Option<&str>,
) -> cfn::operation::describe_change_set::DescribeChangeSetOutput {
    cfn::operation::describe_change_set::DescribeChangeSetOutput::builder()
        .change_set_id(CS_ARN)
        .change_set_name("ecsxc-20261125T100000Z-0a1b2c3d")
        .stack_id(STACK_ID)
        .stack_name("web")
        .status(cfn::types::ChangeSetStatus::from(status))
        .execution_status(if status == "CREATE_COMPLETE" {
            cfn::types::ExecutionStatus::Available
        } else {
            cfn::types::ExecutionStatus::Unavailable
        })
        .set_changes(Some(changes))
        .set_next_token(next.map(str::to_string))
        .build()
}

const CS_ARN: &str = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/ecsxc-20261125T100000Z-0a1b2c3d/7e1d9c1a-ca1f-11f0-b5a4-0e2f3a4b5c6d";

fn create_ok() -> Rule {
    mock!(cfn::Client::create_change_set).then_output(|| {
        cfn::operation::create_change_set::CreateChangeSetOutput::builder()
            .id(CS_ARN)
            .stack_id(STACK_ID)
            .build()
    })
}

fn delete_ok() -> Rule {
    mock!(cfn::Client::delete_change_set)
        .match_requests(|r| r.change_set_name() == Some(CS_ARN))
        .then_output(|| cfn::operation::delete_change_set::DeleteChangeSetOutput::builder().build())
}

/// A DescribeChangeSet answer: the change set FAILED with `reason`.
fn describe_failed(reason: &'static str) -> Rule {
    mock!(cfn::Client::describe_change_set).then_output(move || {
        cfn::operation::describe_change_set::DescribeChangeSetOutput::builder()
            .change_set_id(CS_ARN)
            .status(cfn::types::ChangeSetStatus::Failed)
            .status_reason(reason)
            .build()
    })
}

/// The metadata of a service error with `code` and `message`.
fn error_meta(code: &str, message: &str) -> ErrorMetadata {
    ErrorMetadata::builder().code(code).message(message).build()
}

/// Makes a `kind` change set for stack `web` from the template `{}` through `c`.
async fn create_change_set(
    c: &Clients,
    kind: ChangeSetKind,
    parameters: &[(String, String)],
) -> Result<Outcome, DeployError> {
    let template = TemplateSource::Body("{}".to_string());
    let req = Request {
        stack: "web",
        kind,
        template: &template,
        parameters,
    };
    changeset::create(&c.cfn, &req, &timing()).await
}

/// A change set that is still being computed, then complete over two pages, with a
/// certain replacement, a conditional one, a plain modify, an add and a removal.
#[tokio::test]
async fn change_set_with_replacements_over_two_pages() {
    let create = create_ok();
    let page1 = vec![
        resource_change(
            "Modify",
            "WebLoadBalancer",
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Some("True"),
            &[("Scheme", "Always"), ("Subnets", "Never")],
        ),
        resource_change(
            "Modify",
            "NginxService",
            "AWS::ECS::Service",
            Some("False"),
            &[("DesiredCount", "Never"), ("TaskDefinition", "Never")],
        ),
        resource_change(
            "Modify",
            "NginxTaskDefinition",
            "AWS::ECS::TaskDefinition",
            Some("Conditional"),
            &[("ContainerDefinitions", "Conditionally")],
        ),
    ];
    let page2 = vec![
        resource_change("Add", "WorkerService", "AWS::ECS::Service", None, &[]),
        resource_change("Remove", "OldLogGroup", "AWS::Logs::LogGroup", None, &[]),
    ];
    let describe = mock!(cfn::Client::describe_change_set)
        .sequence()
        .output(|| change_set_page("CREATE_PENDING", vec![], None))
        .output(|| change_set_page("CREATE_IN_PROGRESS", vec![], None))
        .output(move || change_set_page("CREATE_COMPLETE", page1.clone(), Some("page-2")))
        .output(move || change_set_page("CREATE_COMPLETE", page2.clone(), None))
        .build();
    let c = clients(&[&create, &describe], &[]);
    let parameters = [("VpcId".to_string(), "vpc-0a1b2c3d".to_string())];
    let cs = match create_change_set(&c, ChangeSetKind::Update, &parameters)
        .await
        .expect("made")
    {
        Outcome::Ready(cs) => cs,
        other => panic!("expected a change set, got {other:?}"),
    };
    assert_eq!(cs.arn, CS_ARN);
    assert_eq!(describe.num_calls(), 4);
    assert_eq!(cs.changes.len(), 5);
    snapshot!(
        "diff_replacements",
        diff::render("web", cs.kind, &cs.changes, false)
    );
    snapshot!(
        "diff_replacements_json",
        diff::to_json("web", cs.kind, &cs.changes)
    );
}

/// AWS's form of "no changes": the change set FAILS with this reason. ecsxc deletes it.
#[tokio::test]
async fn failed_change_set_without_changes_is_no_changes_and_is_deleted() {
    let create = create_ok();
    let describe = describe_failed("The submitted information didn't contain changes. Submit different information to create a change set.");
    let delete = delete_ok();
    let c = clients(&[&create, &describe, &delete], &[]);
    let outcome = create_change_set(&c, ChangeSetKind::Update, &[])
        .await
        .expect("no error");
    assert_eq!(outcome, Outcome::NoChanges);
    assert_eq!(delete.num_calls(), 1, "the empty change set is deleted");
}

/// The other form: CreateChangeSet itself refuses with `No updates are to be performed.`
#[tokio::test]
async fn no_updates_error_is_no_changes() {
    let create = mock!(cfn::Client::create_change_set).then_error(|| {
        cfn::operation::create_change_set::CreateChangeSetError::generic(error_meta(
            "ValidationError",
            "No updates are to be performed.",
        ))
    });
    let c = clients(&[&create], &[]);
    assert_eq!(
        create_change_set(&c, ChangeSetKind::Update, &[]).await,
        Ok(Outcome::NoChanges)
    );
}

/// A change set that fails for another reason: the reason is shown, the change set deleted.
#[tokio::test]
async fn failed_change_set_shows_the_reason_and_is_deleted() {
    let create = create_ok();
    let describe = describe_failed("Parameter validation failed: parameter value vpc-nope for parameter name VpcId does not exist");
    let delete = delete_ok();
    let c = clients(&[&create, &describe, &delete], &[]);
    let err = create_change_set(&c, ChangeSetKind::Create, &[])
        .await
        .expect_err("fails");
    assert_eq!(delete.num_calls(), 1);
    snapshot!("change_set_failed", err.to_string());
}

/// moto answers some failures with a bare HTML 500 page; AWS with XML errors. Both read well.
#[tokio::test]
async fn api_errors_are_operation_and_message() {
    let html = mock!(cfn::Client::describe_stacks).then_http_response(|| {
        aws_smithy_runtime_api::http::Response::new(
            aws_smithy_runtime_api::http::StatusCode::try_from(500).expect("status"),
            aws_smithy_types::body::SdkBody::from(
                "<!doctype html><title>500 Internal Server Error</title>",
            ),
        )
    });
    let c = clients(&[&html], &[]);
    let err = stack::describe(&c.cfn, "web").await.expect_err("500");
    assert_eq!(
        err.message,
        "DescribeStacks: the service answered HTTP 500 Internal Server Error without an error message"
    );

    let denied = mock!(cfn::Client::describe_stacks).then_error(|| {
        cfn::operation::describe_stacks::DescribeStacksError::generic(error_meta(
            "AccessDenied",
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks",
        ))
    });
    let c = clients(&[&denied], &[]);
    let err = stack::describe(&c.cfn, "web").await.expect_err("denied");
    assert_eq!(
        err.message,
        "DescribeStacks: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudformation:DescribeStacks (AccessDenied)"
    );

    let missing = mock!(cfn::Client::describe_stacks).then_error(|| {
        cfn::operation::describe_stacks::DescribeStacksError::generic(error_meta(
            "ValidationError",
            "Stack with id web does not exist",
        ))
    });
    let c = clients(&[&missing], &[]);
    assert_eq!(stack::describe(&c.cfn, "web").await, Ok(None));
}

/// The progress line at a few moments of a deployment.
#[test]
fn progress_line() {
    let mut p = progress::Progress::new(10);
    let mut lines = vec![p.render_line(std::time::Duration::from_secs(0), false)];
    let ev =
        |id: &str, logical: &str, ty: &str, status: &str, reason: Option<&str>| progress::Event {
            id: id.to_string(),
            epoch: T0,
            logical_id: logical.to_string(),
            resource_type: ty.to_string(),
            physical_id: None,
            status: status.to_string(),
            reason: reason.map(str::to_string),
        };
    p.apply(&ev(
        "1",
        "web",
        STACK,
        "CREATE_IN_PROGRESS",
        Some("User Initiated"),
    ));
    p.apply(&ev(
        "2",
        "DefaultCluster",
        "AWS::ECS::Cluster",
        "CREATE_IN_PROGRESS",
        None,
    ));
    p.apply(&ev(
        "3",
        "DefaultCluster",
        "AWS::ECS::Cluster",
        "CREATE_COMPLETE",
        None,
    ));
    p.apply(&ev(
        "4",
        "NginxService",
        "AWS::ECS::Service",
        "CREATE_IN_PROGRESS",
        Some("Resource creation Initiated"),
    ));
    lines.push(p.render_line(std::time::Duration::from_secs(42), false));
    for (i, id) in ["A", "B", "C", "D", "E", "F", "G", "H"].iter().enumerate() {
        p.apply(&ev(
            &format!("x{i}"),
            id,
            "AWS::EC2::SecurityGroup",
            "CREATE_COMPLETE",
            None,
        ));
    }
    p.apply(&ev(
        "5",
        "NginxService",
        "AWS::ECS::Service",
        "CREATE_COMPLETE",
        None,
    ));
    lines.push(p.render_line(std::time::Duration::from_secs(3725), false));
    lines.push(progress::render_event(
        &ev(
            "6",
            "NginxService",
            "AWS::ECS::Service",
            "CREATE_FAILED",
            Some("Resource handler returned message: \"Invalid request\""),
        ),
        false,
    ));
    assert_eq!(p.done(), 10);
    snapshot!("progress_lines", lines.join("\n"));
}
