//! The six commands, each a sequence of the steps in the sibling modules:
//! `deploy`, `diff`, `outputs`, `destroy`, `run`, `status`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::diagnostics::render::render_all;
use crate::ir::manifest::{ClusterRef, ProviderName, Subnets};
use crate::source::SourceMap;
use crate::Compiled;

use super::aws::{api, Clients};
use super::changeset::{self, Outcome, Request, Timing};
use super::cli::{DeployArgs, DestroyArgs, DiffArgs, OutputsArgs, RunArgs, StackArgs, StatusArgs};
use super::diff::{self, ChangeSetKind};
use super::ecs::ServiceWatch;
use super::error::{DeployError, Exit};
use super::params::{self, ParamProblem};
use super::progress::{self, Event, Follow, Followed};
use super::stack::{self, Plan, StackInfo};
use super::ui::{Style, Ui};
use super::{failure, images, upload, Global};

/// Compiles `file`, printing its diagnostics; stops on any error.
pub fn compile(
    file: &Path,
    global: &Global,
    ui: &Ui,
) -> Result<(Compiled, SourceMap), DeployError> {
    let out = crate::compile_path(file);
    if !out.diagnostics.is_empty() {
        ui.err_raw(&render_all(
            &out.diagnostics,
            &out.sources,
            global.message_format,
            global.color,
            terminal_width(),
        ));
    }
    if out.io_error {
        return Err(DeployError::usage("cannot read the program").reported());
    }
    if out.has_errors() {
        return Err(DeployError::failed("the program has errors").reported());
    }
    match out.compiled {
        Some(c) => Ok((c, out.sources)),
        None => Err(DeployError::failed("the program did not compile")),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// Checks `--param`s, printing diagnostics at the program's `param`s.
fn check_params(
    compiled: &Compiled,
    sources: &SourceMap,
    given: &[(String, String)],
    global: &Global,
    ui: &Ui,
) -> Result<(), DeployError> {
    match params::check(compiled, given) {
        Ok(()) => Ok(()),
        Err(ParamProblem::Usage(e)) => Err(e),
        Err(ParamProblem::Diagnostics(d)) => {
            ui.err_raw(&render_all(
                &d,
                sources,
                global.message_format,
                global.color,
                terminal_width(),
            ));
            Err(DeployError::usage("bad --param values").reported())
        }
    }
}

/// The folder that paths in the program are relative to.
fn program_dir(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new(""))
}

async fn clients_for(args: &StackArgs) -> Result<Clients, DeployError> {
    super::aws::load(args.region.as_deref(), args.profile.as_deref()).await
}

/// Everything needed before a change set: the compiled program, the clients, the stack's
/// plan, the parameter values, the template.
struct Prepared {
    compiled: Compiled,
    clients: Clients,
    existing: Option<StackInfo>,
    kind: ChangeSetKind,
    parameters: Vec<(String, String)>,
    template: upload::TemplateSource,
}

/// What [`prepare`] works from.
struct Inputs<'a> {
    stack: &'a StackArgs,
    file: &'a Path,
    given: &'a [(String, String)],
    bucket: Option<&'a str>,
    /// Build and push images (deploy), or only compute their references (diff).
    push: bool,
}

/// Compiles the program, checks its `--param`s, looks the stack up, gets the default VPC
/// when needed, resolves the images (building and pushing them when `push`), and prepares
/// the template.
async fn prepare(global: &Global, ui: &Ui, inputs: Inputs<'_>) -> Result<Prepared, DeployError> {
    let Inputs {
        stack,
        file,
        given,
        bucket,
        push,
    } = inputs;
    let stack_name = stack.stack.as_str();
    let (compiled, sources) = compile(file, global, ui)?;
    check_params(&compiled, &sources, given, global, ui)?;
    check_stack_name(&compiled, stack_name)?;
    let clients = clients_for(stack).await?;
    let plans = images::plan(&compiled.manifest.images, program_dir(file))?;
    let existing = stack::describe(&clients.cfn, stack_name).await?;
    let kind = match stack::plan(stack_name, existing.as_ref()) {
        Plan::Create => ChangeSetKind::Create,
        Plan::Update => ChangeSetKind::Update,
        Plan::Blocked(e) => return Err(e),
    };
    let vpc = if params::needs_default_vpc(&compiled.manifest.parameters, given) {
        Some(params::lookup_default_vpc(&clients.ec2).await?)
    } else {
        None
    };
    let uris = if plans.is_empty() {
        Vec::new()
    } else if push {
        images::build_and_push(&clients.ecr, ui, &plans).await?
    } else {
        images::planned_uris(&clients.ecr, &plans).await?
    };
    let parameters = params::resolve(&compiled.manifest.parameters, given, vpc.as_ref(), &uris)?;
    let template = upload::prepare(&clients, ui, stack_name, compiled.to_json(), bucket).await?;
    Ok(Prepared {
        compiled,
        clients,
        existing,
        kind,
        parameters,
        template,
    })
}

/// A stack whose name starts like a reserved capacity-provider name cannot hold one:
/// CloudFormation names its capacity providers after the stack.
fn check_stack_name(compiled: &Compiled, stack_name: &str) -> Result<(), DeployError> {
    let has_provider = compiled
        .template
        .resources
        .values()
        .any(|r| r.cfn_type == "AWS::ECS::CapacityProvider");
    let lower = stack_name.to_ascii_lowercase();
    match crate::limits::CAPACITY_PROVIDER_RESERVED_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
    {
        Some(prefix) if has_provider => Err(DeployError::usage(format!(
            "stack `{stack_name}` cannot hold the program's capacity providers: CloudFormation names them after the stack, and ECS takes no name starting with `{prefix}`"
        ))
        .help("choose a stack name that does not start with `aws`, `ecs` or `fargate`")),
        _ => Ok(()),
    }
}

/// Makes the change set of `prepared`; when that fails for a new stack, removes the empty
/// stack it may have left.
async fn make_change_set(
    prepared: &Prepared,
    ui: &Ui,
    stack_name: &str,
    timing: &Timing,
) -> Result<Outcome, DeployError> {
    let clients = &prepared.clients;
    let req = Request {
        stack: stack_name,
        kind: prepared.kind,
        template: &prepared.template,
        parameters: &prepared.parameters,
    };
    let outcome = changeset::create(&clients.cfn, &req, timing).await;
    if outcome.is_err() && prepared.existing.is_none() {
        if let Ok(Some(s)) = stack::describe(&clients.cfn, stack_name).await {
            remove_unused_stack(clients, ui, &s.id).await;
        }
    }
    outcome
}

/// Deletes a stack that a CREATE change set made and that was never executed
/// (`REVIEW_IN_PROGRESS`, no resources), so that nothing is left behind.
async fn remove_unused_stack(clients: &Clients, ui: &Ui, stack_id: &str) {
    if let Ok(Some(s)) = stack::describe(&clients.cfn, stack_id).await {
        if s.status != "REVIEW_IN_PROGRESS" {
            return;
        }
    }
    if let Err(e) = clients
        .cfn
        .delete_stack()
        .stack_name(stack_id)
        .send()
        .await
        .map_err(api("DeleteStack"))
    {
        ui.warn(&format!(
            "could not remove the empty stack made for the change set: {}",
            e.message
        ));
    }
}

/// `ecsxc deploy`.
pub async fn deploy(
    args: &DeployArgs,
    global: &Global,
    ui: &Ui,
    timing: &Timing,
) -> Result<ExitCode, DeployError> {
    if !args.yes && !ui.interactive {
        return Err(DeployError::usage(
            "refusing to deploy without confirmation: standard input is not a terminal",
        )
        .help("pass --yes to deploy without asking, or use `ecsxc diff` to only see the changes"));
    }
    let stack_name = args.stack.stack.as_str();
    let inputs = Inputs {
        stack: &args.stack,
        file: &args.file,
        given: &args.params,
        bucket: args.bucket.as_deref(),
        push: true,
    };
    let prepared = prepare(global, ui, inputs).await?;
    let (compiled, clients) = (&prepared.compiled, &prepared.clients);
    ui.info(&format!(
        "making a change set for stack `{stack_name}` ({})",
        prepared.kind.as_str()
    ));
    let cs = match make_change_set(&prepared, ui, stack_name, timing).await? {
        Outcome::NoChanges => {
            ui.out(&format!("no changes: stack `{stack_name}` is up to date\n"));
            return Ok(ExitCode::SUCCESS);
        }
        Outcome::Ready(cs) => cs,
    };
    ui.out(&diff::render(stack_name, cs.kind, &cs.changes, ui.color));
    if !args.yes && !ui.confirm("deploy these changes?") {
        changeset::delete(&clients.cfn, &cs.arn).await?;
        if prepared.existing.is_none() {
            remove_unused_stack(clients, ui, &cs.stack_id).await;
        }
        return Err(DeployError::failed("not deployed: nothing was changed"));
    }
    let since = stack::newest_event_id(&clients.cfn, &cs.stack_id).await?;
    if let Err(e) = changeset::execute(&clients.cfn, &cs.arn).await {
        let state = stack::describe(&clients.cfn, &cs.stack_id)
            .await
            .ok()
            .flatten()
            .map(|s| s.status)
            .unwrap_or_else(|| "unknown".to_string());
        return Err(e.help(format!(
            "the stack is now {state}; resources may have been made before the error: \
             see `ecsxc status --stack {stack_name}`"
        )));
    }
    if args.no_wait {
        ui.info(&format!(
            "deployment started; follow it with `ecsxc status --stack {stack_name}`"
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let now = epoch_now();
    let services: Vec<ServiceWatch> = compiled
        .manifest
        .services
        .iter()
        .map(|s| watch_for(&s.logical_id, &s.cluster, now))
        .collect();
    let follow = Follow {
        stack_id: cs.stack_id.clone(),
        stack_name: stack_name.to_string(),
        since_event: since,
        total: cs.changes.len(),
        services,
    };
    let steady: Vec<String> = compiled
        .manifest
        .services
        .iter()
        .filter(|s| s.wait_for_steady_state)
        .map(|s| s.logical_id.clone())
        .collect();
    let clusters: Vec<(String, ClusterRef)> = compiled
        .manifest
        .services
        .iter()
        .map(|s| (s.logical_id.clone(), s.cluster.clone()))
        .collect();
    let work = async {
        let result = progress::follow(clients, ui, follow, timing).await?;
        finish(clients, ui, stack_name, &result)?;
        let timing = Timing {
            steady_timeout: args.steady_timeout,
            ..*timing
        };
        wait_steady(clients, ui, &cs.stack_id, &steady, &clusters, &timing).await?;
        Ok::<(), DeployError>(())
    };
    interruptible(stack_name, work).await?;
    print_outputs(
        clients,
        ui,
        stack_name,
        false,
        !compiled.template.outputs.is_empty(),
    )
    .await?;
    Ok(ExitCode::SUCCESS)
}

fn epoch_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn watch_for(logical_id: &str, cluster: &ClusterRef, since: i64) -> ServiceWatch {
    let mut w = ServiceWatch::new(logical_id, since);
    match cluster {
        ClusterRef::LogicalId(id) => w.cluster_logical_id = Some(id.clone()),
        ClusterRef::Existing(name) => w.cluster = Some(name.clone()),
    }
    w
}

/// Runs `work`; Ctrl-C stops following (not the stack operation) and says how to resume.
async fn interruptible<T>(
    stack_name: &str,
    work: impl std::future::Future<Output = Result<T, DeployError>>,
) -> Result<T, DeployError> {
    tokio::select! {
        r = work => r,
        _ = tokio::signal::ctrl_c() => Err(DeployError {
            exit: Exit::Interrupted,
            message: format!(
                "stopped following stack `{stack_name}`; the operation goes on in CloudFormation"
            ),
            help: Some(format!("resume watching with `ecsxc status --stack {stack_name}`")),
            reported: false,
        }),
    }
}

/// Prints the result of a followed operation; a failure becomes the failure report.
fn finish(
    clients: &Clients,
    ui: &Ui,
    stack_name: &str,
    result: &Followed,
) -> Result<(), DeployError> {
    let _ = clients;
    if stack::is_success(&result.status) {
        ui.info(&format!(
            "stack `{stack_name}`: {}",
            ui.paint(Style::Green, &result.status)
        ));
        return Ok(());
    }
    ui.err_raw(&failure::render(stack_name, result, ui.color));
    Err(DeployError::failed(format!("stack `{stack_name}` failed")).reported())
}

/// Waits until the services that ask for it are stable, showing their events.
async fn wait_steady(
    clients: &Clients,
    ui: &Ui,
    stack_id: &str,
    logical_ids: &[String],
    clusters: &[(String, ClusterRef)],
    timing: &Timing,
) -> Result<(), DeployError> {
    if logical_ids.is_empty() {
        return Ok(());
    }
    let resources = stack::physical_ids(&clients.cfn, stack_id).await?;
    let physical: std::collections::HashMap<String, String> = resources
        .iter()
        .map(|(l, p, _)| (l.clone(), p.clone()))
        .collect();
    let now = epoch_now();
    let mut watches: Vec<ServiceWatch> = logical_ids
        .iter()
        .map(|id| {
            let cluster = clusters
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, c)| c.clone())
                .unwrap_or(ClusterRef::Existing("default".to_string()));
            let mut w = watch_for(id, &cluster, now);
            w.learn(&physical);
            w
        })
        .collect();
    let started = std::time::Instant::now();
    ui.info(&format!(
        "waiting for {} to be stable",
        logical_ids.join(", ")
    ));
    loop {
        let mut waiting = Vec::new();
        for w in &mut watches {
            match w.poll(&clients.ecs, ui).await? {
                None => {}
                Some(h) => {
                    if let Some(reason) = h.rollout_failed {
                        return Err(DeployError::failed(format!(
                            "service `{}` failed to deploy: {reason}",
                            w.logical_id
                        ))
                        .help("the deployment circuit breaker rolls the service back; see the task stop reasons above"));
                    }
                    if !h.stable {
                        waiting.push(format!(
                            "{} ({}/{} running)",
                            w.logical_id, h.running, h.desired
                        ));
                    }
                }
            }
        }
        if waiting.is_empty() {
            ui.info("services are stable");
            return Ok(());
        }
        if started.elapsed() > timing.steady_timeout {
            return Err(DeployError::failed(format!(
                "services not stable after {}: {}",
                progress::elapsed(timing.steady_timeout),
                waiting.join(", ")
            ))
            .help("the stack is deployed; check the service events above and in the ECS console"));
        }
        ui.progress(&format!(
            "{:>5}  waiting for {}",
            progress::elapsed(started.elapsed()),
            waiting.join(", ")
        ));
        tokio::time::sleep(timing.poll).await;
    }
}

/// Prints the outputs of a stack on standard output.
async fn print_outputs(
    clients: &Clients,
    ui: &Ui,
    stack_name: &str,
    json: bool,
    expected: bool,
) -> Result<(), DeployError> {
    let s = stack::require(&clients.cfn, stack_name).await?;
    if json {
        let map: serde_json::Map<String, serde_json::Value> = s
            .outputs
            .iter()
            .map(|(k, v, _)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(map))
            .unwrap_or_else(|_| "{}".to_string());
        ui.out(&format!("{text}\n"));
        return Ok(());
    }
    if s.outputs.is_empty() {
        if expected {
            ui.info(&format!(
                "stack `{stack_name}` reports no outputs (yet); `ecsxc outputs --stack {stack_name}` shows them later"
            ));
        } else {
            ui.info(&format!("stack `{stack_name}` has no outputs"));
        }
        return Ok(());
    }
    let width = s.outputs.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    let mut text = String::new();
    for (k, v, _) in &s.outputs {
        text.push_str(&format!("{k:<width$} = {v}\n"));
    }
    ui.out(&text);
    Ok(())
}

/// `ecsxc diff`.
pub async fn diff(
    args: &DiffArgs,
    global: &Global,
    ui: &Ui,
    timing: &Timing,
) -> Result<ExitCode, DeployError> {
    let stack_name = args.stack.stack.as_str();
    let inputs = Inputs {
        stack: &args.stack,
        file: &args.file,
        given: &args.params,
        bucket: args.bucket.as_deref(),
        push: false,
    };
    let prepared = prepare(global, ui, inputs).await?;
    let clients = &prepared.clients;
    let outcome = make_change_set(&prepared, ui, stack_name, timing).await?;
    let changes = match &outcome {
        Outcome::NoChanges => Vec::new(),
        Outcome::Ready(cs) => {
            changeset::delete(&clients.cfn, &cs.arn).await?;
            if prepared.existing.is_none() {
                remove_unused_stack(clients, ui, &cs.stack_id).await;
            }
            cs.changes.clone()
        }
    };
    if args.json {
        ui.out(&diff::to_json(stack_name, prepared.kind, &changes));
    } else if changes.is_empty() {
        ui.out(&format!("no changes: stack `{stack_name}` is up to date\n"));
    } else {
        ui.out(&diff::render(stack_name, prepared.kind, &changes, ui.color));
    }
    if args.exit_code && !changes.is_empty() {
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// `ecsxc outputs`.
pub async fn outputs(args: &OutputsArgs, ui: &Ui) -> Result<ExitCode, DeployError> {
    let clients = clients_for(&args.stack).await?;
    print_outputs(&clients, ui, &args.stack.stack, args.json, false).await?;
    Ok(ExitCode::SUCCESS)
}

/// `ecsxc destroy`.
pub async fn destroy(
    args: &DestroyArgs,
    ui: &Ui,
    timing: &Timing,
) -> Result<ExitCode, DeployError> {
    let stack_name = args.stack.stack.as_str();
    if !args.yes && !ui.interactive {
        return Err(DeployError::usage(
            "refusing to delete without confirmation: standard input is not a terminal",
        )
        .help("pass --yes to delete without asking"));
    }
    let clients = clients_for(&args.stack).await?;
    let s = stack::require(&clients.cfn, stack_name).await?;
    if !stack::is_settled(&s.status) {
        return Err(stack::explain_blocked(
            stack_name,
            &s.status,
            s.reason.as_deref(),
        ));
    }
    let resources = stack::physical_ids(&clients.cfn, &s.id).await?;
    ui.out(&format!(
        "stack `{stack_name}` ({}) and its {} resources will be deleted\n",
        s.status,
        resources.len()
    ));
    if !args.yes && !ui.confirm("delete it?") {
        return Err(DeployError::failed("not deleted"));
    }
    let since = stack::newest_event_id(&clients.cfn, &s.id).await?;
    clients
        .cfn
        .delete_stack()
        .stack_name(&s.id)
        .send()
        .await
        .map_err(api("DeleteStack"))?;
    if args.no_wait {
        ui.info(&format!(
            "deletion started; follow it with `ecsxc status --stack {stack_name}`"
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let follow = Follow {
        stack_id: s.id.clone(),
        stack_name: stack_name.to_string(),
        since_event: since,
        total: resources.len(),
        services: Vec::new(),
    };
    let result = interruptible(stack_name, progress::follow(&clients, ui, follow, timing)).await?;
    if result.status == "DELETE_COMPLETE" {
        ui.out(&format!("deleted stack `{stack_name}`\n"));
        ui.info(
            "ECR repositories and uploaded templates are kept; delete them yourself if unneeded",
        );
        return Ok(ExitCode::SUCCESS);
    }
    ui.err_raw(&failure::render(stack_name, &result, ui.color));
    Err(DeployError::failed(format!("stack `{stack_name}` was not deleted")).reported())
}

/// `ecsxc run`.
pub async fn run_task(args: &RunArgs, global: &Global, ui: &Ui) -> Result<ExitCode, DeployError> {
    let stack_name = args.stack.stack.as_str();
    let (compiled, _) = compile(&args.file, global, ui)?;
    let tasks = &compiled.manifest.tasks;
    let Some(task) = tasks.iter().find(|t| t.binding == args.task) else {
        let names: Vec<&str> = tasks.iter().map(|t| t.binding.as_str()).collect();
        let mut e = DeployError::usage(format!("the program has no task `{}`", args.task));
        e = match crate::diagnostics::closest(&args.task, names.iter().copied()) {
            Some(best) => e.help(format!("did you mean `{best}`?")),
            None if names.is_empty() => e.help("this program declares no task definition"),
            None => e.help(format!("its tasks are: {}", names.join(", "))),
        };
        return Err(e);
    };
    let clients = clients_for(&args.stack).await?;
    let s = stack::require(&clients.cfn, stack_name).await?;
    let resources = stack::physical_ids(&clients.cfn, &s.id).await?;
    let physical = |id: &str| -> Result<String, DeployError> {
        match resources.iter().find(|(l, _, _)| l == id) {
            Some((_, p, _)) if !p.is_empty() => Ok(p.clone()),
            Some(_) => Err(DeployError::failed(format!(
                "resource `{id}` of stack `{stack_name}` has no physical id"
            ))
            .help("CloudFormation has not created it yet: wait for the stack's update to end")),
            None => Err(DeployError::failed(format!(
                "stack `{stack_name}` lists no resource `{id}`"
            ))
            .help("deploy this version of the program to the stack first (`ecsxc deploy`)")),
        }
    };
    let task_definition = physical(&task.logical_id)?;
    let cluster = match &task.cluster {
        ClusterRef::LogicalId(id) => physical(id)?,
        ClusterRef::Existing(name) => name.clone(),
    };
    use aws_sdk_ecs::types::{
        AssignPublicIp, AwsVpcConfiguration, CapacityProviderStrategyItem, LaunchType,
        NetworkConfiguration,
    };
    let mut call = clients
        .ecs
        .run_task()
        .cluster(&cluster)
        .task_definition(&task_definition)
        .count(args.count)
        .started_by("ecsxc");
    // A cluster with capacity providers scales for tasks started through them.
    if task.capacity_providers.is_empty() {
        call = call.launch_type(LaunchType::from(task.launch_type.as_str()));
    } else {
        for item in &task.capacity_providers {
            let name = match &item.provider {
                ProviderName::Resource(id) => physical(id)?,
                ProviderName::Named(name) => name.clone(),
            };
            let entry = CapacityProviderStrategyItem::builder()
                .capacity_provider(name)
                .weight(i32::try_from(item.weight).unwrap_or(1))
                .base(i32::try_from(item.base).unwrap_or(0))
                .build()
                .map_err(|e| DeployError::failed(format!("RunTask: {e}")))?;
            call = call.capacity_provider_strategy(entry);
        }
    }
    if let Some(subnets) = &task.subnets {
        let subnets: Vec<String> = match subnets {
            Subnets::Parameter(param) => s
                .parameters
                .iter()
                .find(|(k, _)| k == param)
                .map(|(_, v)| {
                    // `a,b` as CloudFormation reports a list; moto writes `['a', 'b']`.
                    v.split(',')
                        .map(|x| x.trim_matches(|c: char| "[]'\" ".contains(c)).to_string())
                        .filter(|x| !x.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            Subnets::Resources(ids) => ids
                .iter()
                .map(|id| physical(id))
                .collect::<Result<_, _>>()?,
            Subnets::Ids(ids) => ids.clone(),
        };
        let groups = task
            .security_groups
            .iter()
            .map(|id| physical(id))
            .collect::<Result<Vec<_>, _>>()?;
        let vpc = AwsVpcConfiguration::builder()
            .set_subnets(Some(subnets))
            .set_security_groups(Some(groups))
            .assign_public_ip(if task.assign_public_ip {
                AssignPublicIp::Enabled
            } else {
                AssignPublicIp::Disabled
            })
            .build()
            .map_err(|e| DeployError::failed(format!("RunTask: {e}")))?;
        call = call.network_configuration(
            NetworkConfiguration::builder()
                .awsvpc_configuration(vpc)
                .build(),
        );
    }
    let out = call.send().await.map_err(api("RunTask"))?;
    let mut text = String::new();
    for t in out.tasks() {
        if let Some(arn) = t.task_arn() {
            text.push_str(arn);
            text.push('\n');
        }
    }
    ui.out(&text);
    if !out.failures().is_empty() {
        let reasons: Vec<String> = out
            .failures()
            .iter()
            .map(|f| {
                format!(
                    "{}: {}{}",
                    f.arn().unwrap_or("?"),
                    f.reason().unwrap_or("no reason given"),
                    f.detail().map(|d| format!(" ({d})")).unwrap_or_default()
                )
            })
            .collect();
        return Err(DeployError::failed(format!(
            "RunTask: {} of {} tasks did not start: {}",
            out.failures().len(),
            args.count,
            reasons.join("; ")
        )));
    }
    ui.info(&format!(
        "started {} task(s) of `{}` in cluster `{cluster}`",
        out.tasks().len(),
        args.task
    ));
    Ok(ExitCode::SUCCESS)
}

/// The events of a stack's latest operation (oldest first), from its first stack-level
/// `*_IN_PROGRESS` event on.
pub async fn last_operation(
    cfn: &aws_sdk_cloudformation::Client,
    stack_id: &str,
) -> Result<Vec<Event>, DeployError> {
    let out = stack::events_page(cfn, stack_id, None).await?;
    let mut events = Vec::new();
    for e in out.stack_events() {
        let ev = Event::from_sdk(e);
        let start = ev.is_stack_event()
            && matches!(
                ev.status.as_str(),
                "CREATE_IN_PROGRESS"
                    | "UPDATE_IN_PROGRESS"
                    | "DELETE_IN_PROGRESS"
                    | "IMPORT_IN_PROGRESS"
            );
        events.push(ev);
        if start {
            break;
        }
    }
    events.reverse();
    Ok(events)
}

/// `ecsxc status`.
pub async fn status(args: &StatusArgs, ui: &Ui, timing: &Timing) -> Result<ExitCode, DeployError> {
    let stack_name = args.stack.stack.as_str();
    let clients = clients_for(&args.stack).await?;
    let s = stack::require(&clients.cfn, stack_name).await?;
    status_of(&clients, ui, &s, timing).await
}

/// Shows a stack's state, following it while an operation is in progress.
pub async fn status_of(
    clients: &Clients,
    ui: &Ui,
    s: &StackInfo,
    timing: &Timing,
) -> Result<ExitCode, DeployError> {
    let stack_name = s.name.as_str();
    let history = last_operation(&clients.cfn, &s.id).await?;
    for e in &history {
        ui.info(&progress::render_event(e, ui.color));
    }
    let result = if stack::is_settled(&s.status) {
        Followed {
            status: s.status.clone(),
            reason: s.reason.clone(),
            failures: history.iter().filter(|e| e.is_failure()).cloned().collect(),
            physical: Default::default(),
        }
    } else {
        ui.info(&format!(
            "stack `{stack_name}` is {}: following it (Ctrl-C stops following)",
            s.status
        ));
        let resources = stack::physical_ids(&clients.cfn, &s.id).await?;
        let now = epoch_now();
        let services = resources
            .iter()
            .filter(|(_, _, ty)| ty == "AWS::ECS::Service")
            .map(|(l, p, _)| {
                let mut w = ServiceWatch::new(l, now);
                w.arn = Some(p.clone());
                w
            })
            .collect();
        let follow = Follow {
            stack_id: s.id.clone(),
            stack_name: stack_name.to_string(),
            since_event: history.last().map(|e| e.id.clone()),
            total: resources.len(),
            services,
        };
        let mut r =
            interruptible(stack_name, progress::follow(clients, ui, follow, timing)).await?;
        let mut failures: Vec<Event> = history.iter().filter(|e| e.is_failure()).cloned().collect();
        failures.append(&mut r.failures);
        r.failures = failures;
        r
    };
    if stack::is_success(&result.status) {
        ui.out(&format!("stack `{stack_name}`: {}\n", result.status));
        return Ok(ExitCode::SUCCESS);
    }
    match result.status.as_str() {
        "REVIEW_IN_PROGRESS" => {
            ui.out(&format!(
                "stack `{stack_name}`: REVIEW_IN_PROGRESS (made for a change set that was never executed)\n"
            ));
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            ui.out(&format!("stack `{stack_name}`: {}\n", result.status));
            ui.err_raw(&failure::render(stack_name, &result, ui.color));
            Err(
                DeployError::failed(format!("stack `{stack_name}` is {}", result.status))
                    .reported(),
            )
        }
    }
}

/// The pause between polls: `ECSXC_POLL_INTERVAL` seconds, or the default.
pub fn timing_from_env() -> Timing {
    let mut t = Timing::default();
    if let Some(secs) = std::env::var("ECSXC_POLL_INTERVAL")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
    {
        t.poll = Duration::from_secs_f64(secs);
    }
    t
}
