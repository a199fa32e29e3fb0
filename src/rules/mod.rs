//! The ECS, Elastic Load Balancing and VPC rules (`E03xx`): one pass over the
//! [`Model`], every rule in [`RULES`], all of them run, none stops at its first fault.
//!
//! A rule is a function from the model to diagnostics. It reads typed views and the
//! links the model made; a link the model could not make (a component with a type
//! error) is simply absent, so the rule skips it: that component's own error is
//! already reported. The AWS limits the rules apply live in [`crate::limits`].
//!
//! Expansion runs only when no rule reported an error, so it may assume what the
//! rules check.

mod containers;
mod ec2;
mod load_balancing;
mod network;
mod schedules;
mod service;
mod storage;
mod tasks;

use crate::diagnostics::Diagnostic;
use crate::model::{CompRef, Launch, Model, Runner};

/// A rule: reads the model, pushes what is wrong.
pub type Rule = fn(&Model<'_>, &mut Vec<Diagnostic>);

/// Every rule, in the order their diagnostics are reported.
pub const RULES: &[(&str, Rule)] = &[
    ("containers of a task", tasks::containers),
    ("task sizes", tasks::sizes),
    ("log retention", tasks::log_retention),
    ("health-check grace period", tasks::grace_period),
    ("container settings", containers::settings),
    ("container dependencies", containers::dependencies),
    ("image references", containers::images),
    (
        "credentials in environment variables",
        containers::credentials,
    ),
    ("container secrets", containers::secrets),
    ("task-role permissions", containers::permissions),
    ("log drivers", storage::logging),
    ("volumes and mount points", storage::volumes),
    ("EFS file systems", storage::file_systems),
    ("runtime platforms", storage::platforms),
    ("image build folders", storage::build_contexts),
    ("names and tags", tasks::names_and_tags),
    ("VPC ranges", network::vpc_ranges),
    ("where tasks run", network::placement),
    ("security groups", network::security_groups),
    ("one network per service", network::same_network),
    ("availability zones of load balancers", network::zones),
    ("listeners", load_balancing::listeners),
    ("listener rules", load_balancing::routes),
    ("target groups", load_balancing::target_groups),
    ("health checks", load_balancing::health_checks),
    ("daemons", ec2::daemons),
    ("placement", ec2::placement),
    ("EC2 capacity", ec2::capacity),
    ("capacity-provider strategies", ec2::strategies),
    ("target types", ec2::target_types),
    (
        "host ports and security groups of EC2 tasks",
        ec2::host_ports,
    ),
    ("service roles", ec2::service_roles),
    ("instance sizes", ec2::instance_sizes),
    ("service behaviour", service::behaviour),
    ("service autoscaling", service::autoscaling),
    ("scheduled tasks", schedules::scheduled_tasks),
];

/// Warnings about parts of the stack nothing uses. They run only on a program without
/// errors so far: a component with an error loses its uses, and the warning would
/// blame the wrong place.
pub const UNUSED: &[(&str, Rule)] = &[
    (
        "listeners that forward nowhere",
        load_balancing::unused_listeners,
    ),
    (
        "target groups nothing forwards to",
        load_balancing::unused_target_groups,
    ),
];

/// Every service and task definition of the model, with how it runs.
fn runners<'m>(model: &'m Model<'_>) -> impl Iterator<Item = (CompRef, &'m Runner)> + 'm {
    model
        .services
        .iter()
        .chain(&model.tasks)
        .map(|r| (r.comp, r))
}

/// Every service and task definition of the model, with its launch.
fn launches<'m>(model: &'m Model<'_>) -> impl Iterator<Item = (CompRef, Launch)> + 'm {
    runners(model).map(|(c, r)| (c, r.launch))
}

/// Runs every rule over `model`.
pub fn check(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    let clean = !crate::diagnostics::has_errors(diags);
    for span in &model.unreadable {
        diags.push(
            Diagnostic::new(
                crate::diagnostics::Code::Internal,
                *span,
                "internal compiler error: the component does not match its declaration",
            )
            .help("please report this program to the ecsxc developers"),
        );
    }
    for (_, rule) in RULES {
        rule(model, diags);
    }
    if clean {
        for (_, rule) in UNUSED {
            rule(model, diags);
        }
    }
}

#[cfg(test)]
mod tests;
