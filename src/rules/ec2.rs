//! Rules of EC2 capacity and EC2 services: daemons, placement, capacity providers,
//! network modes, service roles, instance sizes, Auto Scaling group sizes.

use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::view::At;
use crate::model::views::{
    ConstraintType, NetworkMode, PlacementConstraintView, Provider, Scheduling, StrategyType,
};
use crate::model::{Cluster, Entity, Launch, Model, Node, ProviderRef, Runner};
use crate::source::Span;

/// A `DAEMON` service runs one task per instance: no desired count, placement
/// strategies or capacity providers.
pub fn daemons(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for node in model.nodes.iter().flatten() {
        let Node::Ec2Service(v) = node else { continue };
        if v.scheduling_strategy.value != Scheduling::Daemon {
            continue;
        }
        let strategies = &v.ordered_placement_strategies;
        let given = [
            v.desired_count.as_ref().map(|d| {
                (
                    d.span,
                    "`desiredCount`",
                    "a daemon runs one task on every instance",
                )
            }),
            (!strategies.value.is_empty()).then_some((
                strategies.span,
                "`orderedPlacementStrategies`",
                "a daemon places one task on every instance",
            )),
            v.capacity_providers.as_ref().map(|c| {
                (
                    c.span,
                    "`capacityProviders`",
                    "daemons use the EC2 launch type",
                )
            }),
        ];
        for (span, field, why) in given.into_iter().flatten() {
            diags.push(
                Diagnostic::new(
                    Code::DaemonSettings,
                    span,
                    format!("{field} is not for a DAEMON service"),
                )
                .label(why)
                .with_label(v.scheduling_strategy.span, "DAEMON")
                .help(format!(
                    "remove {field}, or make the service `schedulingStrategy: \"REPLICA\"`"
                )),
            );
        }
    }
}

/// Placement: at most 5 strategies and 10 constraints, strategy fields that fit their
/// type, `distinctInstance` without and `memberOf` with an expression in the cluster
/// query language.
pub fn placement(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for node in model.nodes.iter().flatten() {
        let (strategies, constraints, task_level) = match node {
            Node::Ec2Service(v) => (
                Some(&v.ordered_placement_strategies),
                &v.placement_constraints,
                false,
            ),
            Node::Ec2TaskDefinition(v) => (None, &v.placement_constraints, true),
            _ => continue,
        };
        if let Some(list) = strategies {
            if list.value.len() > limits::MAX_PLACEMENT_STRATEGIES {
                diags.push(placement_error(
                    list.span,
                    format!(
                        "{} placement strategies; ECS takes at most {}",
                        list.value.len(),
                        limits::MAX_PLACEMENT_STRATEGIES
                    ),
                    "too many strategies",
                    "keep the ones that matter most, in order of precedence".into(),
                ));
            }
            for s in &list.value {
                let field = s.value.field.as_ref();
                let problem = match (s.value.kind.value, field.map(|f| f.value.as_str())) {
                    (StrategyType::Random, Some(_)) => Some("a random strategy has no field".to_string()),
                    (StrategyType::Binpack, Some("cpu" | "memory")) => None,
                    (StrategyType::Binpack, _) => Some("a binpack strategy packs by `\"cpu\"` or `\"memory\"`".into()),
                    (StrategyType::Spread, None) => Some("a spread strategy spreads over a field: `\"instanceId\"`, `\"host\"` or `\"attribute:ecs.availability-zone\"`".into()),
                    _ => None,
                };
                if let Some(why) = problem {
                    diags.push(placement_error(
                        field.map_or(s.span, |f| f.span),
                        format!(
                            "the {} placement strategy does not fit its field",
                            s.value.kind.value.as_str()
                        ),
                        "not a field of this strategy",
                        why,
                    ));
                }
            }
        }
        if constraints.value.len() > limits::MAX_PLACEMENT_CONSTRAINTS {
            diags.push(placement_error(
                constraints.span,
                format!(
                    "{} placement constraints; ECS takes at most {} per task",
                    constraints.value.len(),
                    limits::MAX_PLACEMENT_CONSTRAINTS
                ),
                "too many constraints",
                "combine expressions with `and`".into(),
            ));
        }
        for c in &constraints.value {
            constraint(&c.value, c.span, task_level, diags);
        }
    }
}

fn placement_error(span: Span, message: String, label: &str, help: String) -> Diagnostic {
    Diagnostic::new(Code::InvalidPlacement, span, message)
        .label(label)
        .help(help)
}

fn constraint(
    c: &PlacementConstraintView,
    span: Span,
    task_level: bool,
    diags: &mut Vec<Diagnostic>,
) {
    match (c.kind.value, &c.expression) {
        (ConstraintType::DistinctInstance, _) if task_level => diags.push(placement_error(
            c.kind.span,
            "a task definition takes only `memberOf` constraints".into(),
            "distinctInstance",
            "put `distinctInstance` on the service (an `EC2Service`)".into(),
        )),
        (ConstraintType::DistinctInstance, Some(e)) => diags.push(placement_error(
            e.span,
            "a `distinctInstance` constraint takes no expression".into(),
            "an expression",
            "remove the expression, or make it `type: \"memberOf\"`".into(),
        )),
        (ConstraintType::MemberOf, None) => diags.push(placement_error(
            span,
            "a `memberOf` constraint needs an expression".into(),
            "no expression",
            "add `expression: \"attribute:ecs.instance-type =~ t3.*\"` (the cluster query language)".into(),
        )),
        (ConstraintType::MemberOf, Some(e)) => {
            if let Err(why) = query::check(&e.value) {
                diags.push(placement_error(
                    e.span,
                    format!("{:?} is not an expression of the cluster query language", e.value),
                    "not a cluster query",
                    format!("{why}; for example `\"attribute:ecs.availability-zone in [us-east-1a, us-east-1b]\"`"),
                ));
            }
        }
        (ConstraintType::DistinctInstance, None) => {}
    }
}

/// EC2 tasks need EC2 capacity in their cluster; an Auto Scaling group needs a cluster
/// the stack creates, and sizes in order.
pub fn capacity(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in model.services.iter().chain(&model.tasks) {
        let Launch::Ec2(_) = r.launch else { continue };
        let Some(cluster) = r.cluster else { continue };
        let fargate_only = !r.strategy.is_empty()
            && r.strategy
                .iter()
                .all(|s| matches!(s.provider, ProviderRef::Fargate(_)));
        if model.cluster_capacity(cluster).is_empty() && !fargate_only {
            let at = match model.node(r.comp) {
                Some(Node::Ec2Service(v)) => v.cluster.span,
                Some(Node::Ec2TaskDefinition(v)) => v.cluster.span,
                _ => model.span(r.comp),
            };
            diags.push(
                Diagnostic::new(
                    Code::NoEc2Capacity,
                    at,
                    format!("`{}` runs on EC2, but its cluster has no EC2 capacity", model.name(r.comp)),
                )
                .label("no AutoScalingGroup joins this cluster")
                .help("add `let capacity = AutoScalingGroup { cluster: ..., instanceType: \"t3.medium\" }`, or run the service on Fargate (`FargateService`)"),
            );
        }
    }
    for r in &model.services {
        never_started(model, r, diags);
    }
    for cap in &model.capacity {
        let Some(Node::AutoScalingGroup(v)) = model.node(cap.comp) else {
            continue;
        };
        if let Some(Cluster::Existing { name, .. }) =
            cap.cluster.and_then(|c| model.clusters.get(c))
        {
            diags.push(
                Diagnostic::new(
                    Code::CapacityForExistingCluster,
                    v.cluster.span,
                    format!("`{}` would join the existing cluster `{name}`", model.name(cap.comp)),
                )
                .label("a cluster the stack does not create")
                .help("ecsxc associates capacity providers with the clusters it creates (an association would replace the existing cluster's): give the Auto Scaling group a `Cluster { ... }`"),
            );
        }
        let (min, max) = (&v.min_size, &v.max_size);
        if min.value > max.value {
            diags.push(
                Diagnostic::new(
                    Code::AutoScalingGroupSize,
                    min.span,
                    format!(
                        "`minSize` ({}) is above `maxSize` ({})",
                        min.value, max.value
                    ),
                )
                .label("above the largest size")
                .with_label(max.span, "the largest size")
                .help("raise `maxSize`, or lower `minSize`"),
            );
        }
        if let Some(d) = &v.desired_capacity {
            if d.value < min.value || d.value > max.value {
                diags.push(
                    Diagnostic::new(
                        Code::AutoScalingGroupSize,
                        d.span,
                        format!("`desiredCapacity` ({}) is outside {}..{}", d.value, min.value, max.value),
                    )
                    .label("outside minSize..maxSize")
                    .help("give a desired capacity from `minSize` to `maxSize`, or leave it to managed scaling"),
                );
            }
        }
    }
}

/// A replica service with tasks to run whose every Auto Scaling group (of its strategy,
/// or of its cluster) has `maxSize: 0`: no instance ever starts to place them on.
fn never_started(model: &Model<'_>, r: &Runner, diags: &mut Vec<Diagnostic>) {
    let Some(Node::Ec2Service(v)) = model.node(r.comp) else {
        return;
    };
    let desired = v
        .desired_count
        .as_ref()
        .map_or(Some(1), |d| d.value.as_int());
    if v.scheduling_strategy.value == Scheduling::Daemon || desired.is_none_or(|d| d == 0) {
        return;
    }
    let groups = model.runner_capacity(r);
    let max_sizes: Vec<&At<i64>> = groups
        .iter()
        .filter_map(|g| match model.node(model.capacity.get(*g)?.comp) {
            Some(Node::AutoScalingGroup(g)) => Some(&g.max_size),
            _ => None,
        })
        .collect();
    let Some(first) = max_sizes.first() else {
        return;
    };
    if max_sizes.len() == groups.len() && max_sizes.iter().all(|m| m.value == 0) {
        diags.push(
            Diagnostic::new(
                Code::NoEc2Capacity,
                first.span,
                format!(
                    "`{}` needs instances, but its Auto Scaling groups never start one",
                    model.name(r.comp)
                ),
            )
            .label("`maxSize: 0`")
            .with_label(model.span(r.comp), "its tasks are never placed")
            .help(
                "give the Auto Scaling group a `maxSize` above 0, or the service `desiredCount: 0`",
            ),
        );
    }
}

/// Capacity-provider strategies: at most 6 providers, each once, from the service's
/// cluster, Fargate providers only on Fargate and Auto Scaling groups only on EC2, never
/// mixed, and some weight above zero.
pub fn strategies(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in &model.services {
        let (list, fargate) = match model.node(r.comp) {
            Some(Node::FargateService(v)) => (v.capacity_providers.as_ref(), true),
            Some(Node::Ec2Service(v)) => (v.capacity_providers.as_ref(), false),
            _ => continue,
        };
        let Some(list) = list else { continue };
        let name = model.name(r.comp);
        let mut problem = |span: Span, message: String, label: &str, help: &str| {
            diags.push(
                Diagnostic::new(Code::InvalidCapacityStrategy, span, message)
                    .label(label)
                    .help(help),
            );
        };
        if list.value.is_empty() {
            problem(
                list.span,
                format!("`{name}` is given no capacity providers"),
                "empty",
                "leave `capacityProviders` out, or list at least one",
            );
            continue;
        }
        if list.value.len() > limits::MAX_STRATEGY_PROVIDERS {
            problem(
                list.span,
                format!(
                    "{} capacity providers; ECS takes at most {} in one strategy",
                    list.value.len(),
                    limits::MAX_STRATEGY_PROVIDERS
                ),
                "too many providers",
                "keep at most 6",
            );
        }
        let mut seen: Vec<Provider> = Vec::new();
        let mut wrong_kind = false;
        for item in &list.value {
            let p = item.value.provider.value;
            let at = item.value.provider.span;
            if seen.contains(&p) {
                problem(
                    at,
                    "a capacity provider is given twice".into(),
                    "given again",
                    "give each provider once, with its weight and base",
                );
            }
            seen.push(p);
            match p {
                Provider::Asg(_) if fargate => {
                    wrong_kind = true;
                    problem(
                        at,
                        format!(
                            "`{name}` runs on Fargate; an Auto Scaling group cannot run its tasks"
                        ),
                        "EC2 capacity",
                        "use `\"FARGATE\"` or `\"FARGATE_SPOT\"`, or make it an `EC2Service`",
                    )
                }
                Provider::Fargate | Provider::FargateSpot if !fargate => {
                    wrong_kind = true;
                    problem(
                        at,
                        format!("`{name}` runs on EC2; Fargate providers cannot run its tasks"),
                        "Fargate capacity",
                        "use the cluster's Auto Scaling groups, or make it a `FargateService`",
                    )
                }
                Provider::Asg(asg) => {
                    let cluster_of = match model.entity(asg) {
                        Some(Entity::Capacity(id)) => {
                            model.capacity.get(id).and_then(|c| c.cluster)
                        }
                        _ => None,
                    };
                    if cluster_of.is_some() && r.cluster.is_some() && cluster_of != r.cluster {
                        problem(
                            at,
                            format!(
                                "`{}` gives capacity to another cluster than `{name}`'s",
                                model.name(asg)
                            ),
                            "another cluster's capacity",
                            "use an Auto Scaling group of the service's cluster",
                        );
                    }
                }
                _ => {}
            }
        }
        let kinds = seen
            .iter()
            .map(|p| matches!(p, Provider::Asg(_)))
            .collect::<Vec<_>>();
        if kinds.contains(&true) && kinds.contains(&false) && !wrong_kind {
            problem(
                list.span,
                "a strategy mixes Fargate and Auto Scaling group providers".into(),
                "both kinds",
                "a strategy holds either Fargate providers or Auto Scaling groups, never both",
            );
        }
        let based: Vec<Span> = list
            .value
            .iter()
            .filter(|i| i.value.base > 0)
            .map(|i| i.span)
            .collect();
        if let [_, second, ..] = based.as_slice() {
            problem(
                *second,
                "two providers of the strategy have a base".into(),
                "a second base",
                "only one provider of a strategy may have a `base`",
            );
        }
        if list.value.iter().all(|i| i.value.weight == 0) {
            problem(
                list.span,
                "every provider of the strategy has weight 0".into(),
                "no weight",
                "give at least one provider a weight above 0",
            );
        }
    }
}

/// Target types that fit the tasks: `instance` for bridge and host mode, `ip` for
/// awsvpc (and Fargate).
pub fn target_types(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    use crate::model::views::TargetType;
    use crate::model::TgOrigin;
    for (i, tg) in model.target_groups.iter().enumerate() {
        let TgOrigin::Explicit(c) = tg.origin else {
            continue;
        };
        let given = match model.node(c) {
            Some(Node::ApplicationTargetGroup(v)) => v.target_type.as_ref(),
            Some(Node::NetworkTargetGroup(v)) => v.target_type.as_ref(),
            _ => None,
        };
        let Some(tt) = given else { continue };
        for a in model.target_group_attachments(i) {
            let Some(r) = model.services.get(a.service) else {
                continue;
            };
            let (fits, tasks) = match (r.launch, tt.value) {
                (Launch::Fargate, TargetType::Instance) => {
                    (false, "runs on Fargate, whose tasks register by IP")
                }
                (Launch::Ec2(NetworkMode::Awsvpc), TargetType::Instance) => {
                    (false, "runs in awsvpc mode, whose tasks register by IP")
                }
                (Launch::Ec2(NetworkMode::Bridge), TargetType::Ip) => (
                    false,
                    "runs in bridge mode, whose tasks register as instance and port",
                ),
                (Launch::Ec2(NetworkMode::Host), TargetType::Ip) => (
                    false,
                    "runs in host mode, whose tasks register as instance and port",
                ),
                _ => (true, ""),
            };
            if fits {
                continue;
            }
            let service = model.name(r.comp);
            let message = if r.launch == Launch::Fargate {
                format!(
                    "`{service}` runs on Fargate, but target group `{}` registers instances",
                    model.name(c)
                )
            } else {
                format!(
                    "`{service}` {tasks}, but target group `{}` has target type {}",
                    model.name(c),
                    tt.value.as_str()
                )
            };
            diags.push(
                Diagnostic::new(Code::InstanceTargetForAwsvpc, tt.span, message)
                    .label(format!("{} targets", tt.value.as_str()))
                    .with_label(a.span, if r.awsvpc() { "Fargate tasks register here, by IP" } else { "tasks register here, as instance and port" })
                    .help(format!(
                        "remove `targetType` (ecsxc chooses it from the tasks), or write `targetType: \"{}\"`",
                        if r.awsvpc() { "ip" } else { "instance" }
                    )),
            );
            break;
        }
    }
}

/// Fixed host ports in bridge mode behind a load balancer, with several tasks that may
/// land on one instance, collide (a warning); security groups only for awsvpc tasks.
pub fn host_ports(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in model.services.iter().chain(&model.tasks) {
        let (groups, mode) = match model.node(r.comp) {
            Some(Node::Ec2Service(v)) => (&v.security_groups, &v.network_mode),
            Some(Node::Ec2TaskDefinition(v)) => (&v.security_groups, &v.network_mode),
            _ => continue,
        };
        if let (false, Some(sgs)) = (r.awsvpc(), groups) {
            let mut d = Diagnostic::new(
                Code::MisplacedSetting,
                sgs.span,
                format!(
                    "`securityGroups` of `{}` is for awsvpc tasks",
                    model.name(r.comp)
                ),
            )
            .label(format!("{} mode", mode.value.as_str()));
            if mode.given {
                d = d.with_label(mode.span, "the network mode");
            }
            diags.push(
                d.help("bridge and host mode tasks use their instances' security groups: set `securityGroups` on the AutoScalingGroup, or use `networkMode: \"awsvpc\"`"),
            );
        }
        let Some(Node::Ec2Service(v)) = model.node(r.comp) else {
            continue;
        };
        if v.network_mode.value != NetworkMode::Bridge || r.attachments.is_empty() {
            continue;
        }
        let several = v.scheduling_strategy.value == Scheduling::Replica
            // Not given is 1; a parameter may be more.
            && v.desired_count
                .as_ref()
                .is_some_and(|d| d.value.as_int().is_none_or(|n| n > 1))
            && !v
                .placement_constraints
                .value
                .iter()
                .any(|c| c.value.kind.value == ConstraintType::DistinctInstance);
        if !several {
            continue;
        }
        for (_, f) in model.containers(r.comp) {
            for m in &f.port_mappings {
                if let crate::model::views::PortTarget::Mapping(p) = &m.value {
                    if let Some(h) = &p.host_port {
                        diags.push(
                            Diagnostic::new(
                                Code::HostPortsCollide,
                                h.span,
                                format!("tasks of `{}` on one instance would all want host port {}", model.name(r.comp), h.value),
                            )
                            .label("a fixed host port")
                            .help("leave `hostPort` out for a dynamic port (the load balancer finds it), or add a `distinctInstance` placement constraint"),
                        );
                    }
                }
            }
        }
    }
}

/// The service role (`iamRole`): only for bridge and host mode services behind a load
/// balancer.
pub fn service_roles(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in &model.services {
        let Some(Node::Ec2Service(v)) = model.node(r.comp) else {
            continue;
        };
        let Some(role) = &v.iam_role else { continue };
        let why = if r.awsvpc() {
            Some((
                "an awsvpc service",
                "awsvpc services use ECS's service-linked role: remove `iamRole`",
            ))
        } else if r.attachments.is_empty() {
            Some(("a service without a load balancer", "the role lets ECS register tasks with a load balancer: remove `iamRole`, or put the service behind one"))
        } else {
            None
        };
        if let Some((what, help)) = why {
            diags.push(
                Diagnostic::new(
                    Code::IamRoleNotAllowed,
                    role.span,
                    format!("ECS rejects a service role for {what}"),
                )
                .label("a service role")
                .help(help),
            );
        }
    }
}

/// An instance type must hold one task of each EC2 service and task of its cluster: its
/// cpu units, and the memory an instance can register (common families; unknown types
/// are not checked).
pub fn instance_sizes(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for cap in &model.capacity {
        let Some(Node::AutoScalingGroup(v)) = model.node(cap.comp) else {
            continue;
        };
        let Some(size) = limits::instance_size(&v.instance_type.value) else {
            continue;
        };
        let registered = limits::registered_memory_at_most(size.memory);
        for r in model.services.iter().chain(&model.tasks) {
            if r.cluster.is_none() || r.cluster != cap.cluster || r.launch == Launch::Fargate {
                continue;
            }
            let Some(needs) = model.task_needs(r.comp) else {
                continue;
            };
            let memory = needs
                .fixed_memory
                .as_ref()
                .map_or(needs.placement_memory, |m| m.value.0);
            let cpu = needs
                .fixed_cpu
                .as_ref()
                .and_then(|c| u64::try_from(c.value).ok())
                .unwrap_or(needs.cpu);
            let too_small = |need: String, has: String, why: &str| {
                Diagnostic::new(
                    Code::InstanceTooSmall,
                    v.instance_type.span,
                    format!(
                        "a task of `{}` needs {need}; a {} {has}",
                        model.name(r.comp),
                        v.instance_type.value
                    ),
                )
                .label("too small for one task")
                .with_label(model.span(r.comp), format!("needs {need}"))
                .help(format!(
                    "choose a larger instance type, or give the task less {why}"
                ))
            };
            if memory > registered {
                diags.push(too_small(
                    format!("{memory} MiB"),
                    format!(
                        "has {} MiB, of which ECS can place at most {registered} MiB",
                        size.memory
                    ),
                    "memory",
                ));
            }
            if cpu > size.cpu {
                diags.push(too_small(
                    format!("{cpu} cpu units"),
                    format!("has {}", size.cpu),
                    "cpu",
                ));
            }
        }
    }
}

/// The cluster query language of `memberOf` expressions, checked for shape.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
mod query {
    const SUBJECTS: &[&str] = &[
        "agentConnected",
        "agentVersion",
        "ec2InstanceId",
        "registeredAt",
        "runningTasksCount",
        "task:group",
    ];
    const OPERATORS: &[&str] = &[
        "==",
        "equals",
        "!=",
        "not_equals",
        ">",
        "greater_than",
        ">=",
        "greater_than_equal",
        "<",
        "less_than",
        "<=",
        "less_than_equal",
        "=~",
        "matches",
        "!~",
        "not_matches",
        "in",
        "not_in",
    ];

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_whitespace() || "()[],".contains(c) {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                if !c.is_whitespace() {
                    out.push(c.to_string());
                }
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    /// `Err` says what is wrong with the expression's shape.
    pub fn check(text: &str) -> Result<(), String> {
        let tokens = tokens(text);
        let mut p = Parser {
            tokens: &tokens,
            at: 0,
        };
        p.or()?;
        match p.peek() {
            None => Ok(()),
            Some(t) => Err(format!("`{t}` was not expected here")),
        }
    }

    struct Parser<'t> {
        tokens: &'t [String],
        at: usize,
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<&str> {
            self.tokens.get(self.at).map(String::as_str)
        }
        fn next(&mut self) -> Option<&str> {
            let t = self.tokens.get(self.at).map(String::as_str);
            self.at += 1;
            t
        }
        fn or(&mut self) -> Result<(), String> {
            self.and()?;
            while matches!(self.peek(), Some("or" | "||")) {
                self.next();
                self.and()?;
            }
            Ok(())
        }
        fn and(&mut self) -> Result<(), String> {
            self.unary()?;
            while matches!(self.peek(), Some("and" | "&&")) {
                self.next();
                self.unary()?;
            }
            Ok(())
        }
        fn unary(&mut self) -> Result<(), String> {
            match self.peek() {
                Some("not" | "!") => {
                    self.next();
                    self.unary()
                }
                Some("(") => {
                    self.next();
                    self.or()?;
                    match self.next() {
                        Some(")") => Ok(()),
                        _ => Err("a `(` is not closed".into()),
                    }
                }
                _ => self.comparison(),
            }
        }
        fn comparison(&mut self) -> Result<(), String> {
            let subject = self
                .next()
                .ok_or("the expression ends where a subject belongs")?
                .to_string();
            let known = SUBJECTS.contains(&subject.as_str())
                || subject
                    .strip_prefix("attribute:")
                    .is_some_and(|a| !a.is_empty());
            if !known {
                return Err(format!(
                    "`{subject}` is not a subject (`attribute:NAME`, `task:group`, `ec2InstanceId`, `agentConnected`, ...)"
                ));
            }
            let op = self
                .next()
                .ok_or_else(|| format!("`{subject}` has no operator"))?
                .to_string();
            if matches!(op.as_str(), "exists" | "!exists" | "not_exists") {
                return Ok(());
            }
            if !OPERATORS.contains(&op.as_str()) {
                return Err(format!(
                    "`{op}` is not an operator (`==`, `!=`, `=~`, `in`, `exists`, ...)"
                ));
            }
            if matches!(op.as_str(), "in" | "not_in") {
                if self.next() != Some("[") {
                    return Err(format!("`{op}` takes a list: `[a, b]`"));
                }
                loop {
                    match self.next() {
                        Some("]") | None => return Err("an empty or unclosed list".into()),
                        Some(_) => {}
                    }
                    match self.next() {
                        Some(",") => continue,
                        Some("]") => return Ok(()),
                        _ => return Err("a list is `[a, b]`".into()),
                    }
                }
            }
            match self.next() {
                Some(v) if !"()[],".contains(v) => Ok(()),
                _ => Err(format!("`{op}` needs a value")),
            }
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn shapes() {
            for ok in [
                "attribute:ecs.instance-type =~ t3.*",
                "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
                "task:group == service:production",
                "attribute:ecs.os-type == linux and not (runningTasksCount > 5)",
                "attribute:custom exists",
            ] {
                assert_eq!(super::check(ok), Ok(()), "{ok}");
            }
            for bad in [
                "",
                "instance-type == t3",
                "attribute:a ==",
                "attribute:a in t3",
                "(attribute:a exists",
                "attribute:a exists junk",
            ] {
                assert!(super::check(bad).is_err(), "{bad}");
            }
        }
    }
}
