//! Rules of service behaviour and autoscaling: the circuit breaker's threshold,
//! availability-zone rebalancing, autoscaling bounds, request-count policies, daemons,
//! and the desired count against the bounds.

use super::schedules::check_schedule;
use crate::check::{Val, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::limits;
use crate::model::views::{AutoscalingView, Scheduling, StrategyType};
use crate::model::{At, CompRef, Model, Node};

/// Whether service `c` is a `DAEMON`.
fn daemon(model: &Model<'_>, c: CompRef) -> bool {
    matches!(model.node(c), Some(Node::Ec2Service(v)) if v.scheduling_strategy.value == Scheduling::Daemon)
}

/// A circuit-breaker threshold with the breaker off; availability-zone rebalancing on a
/// daemon or on a service whose first placement strategy is `binpack` (ECS supports it
/// on neither).
pub fn behaviour(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in &model.services {
        let Some(b) = model.behaviour(r.comp) else {
            continue;
        };
        if let (Some(t), false) = (b.threshold, b.circuit_breaker) {
            diags.push(
                Diagnostic::new(
                    Code::CircuitBreakerThresholdWithoutBreaker,
                    t.span,
                    "a circuit-breaker threshold, but `circuitBreaker` is `false`",
                )
                .label("never used")
                .help("remove `circuitBreakerThreshold`, or turn the circuit breaker on (`circuitBreaker: true`)"),
            );
        }
        let Some(rebalance) = b.rebalancing.filter(|r| r.value) else {
            continue;
        };
        if daemon(model, r.comp) {
            diags.push(
                Diagnostic::new(
                    Code::RebalancingNotSupported,
                    rebalance.span,
                    "availability-zone rebalancing on a `DAEMON` service, which runs one task on every instance",
                )
                .label("not supported")
                .help("remove `availabilityZoneRebalancing`, or use `schedulingStrategy: \"REPLICA\"`"),
            );
        } else if let Some(Node::Ec2Service(v)) = model.node(r.comp) {
            // ECS balances over zones the services whose tasks are spread first; one that
            // packs tasks first (a `binpack` strategy before any `spread`) it does not.
            let binpack = v
                .ordered_placement_strategies
                .value
                .first()
                .filter(|s| s.value.kind.value == StrategyType::Binpack);
            if let Some(s) = binpack {
                diags.push(
                    Diagnostic::new(
                        Code::RebalancingNotSupported,
                        rebalance.span,
                        "availability-zone rebalancing on a service that packs its tasks first (`binpack`)",
                    )
                    .label("not supported")
                    .with_label(s.span, "binpack")
                    .help("remove `availabilityZoneRebalancing`, or spread tasks over zones first: `{ type: \"spread\", field: \"attribute:ecs.availability-zone\" }` before `binpack`"),
                );
            }
        }
    }
}

/// Autoscaling: on a daemon; `min` above `max`; schedules without bounds, with bounds out
/// of order or expressions that do not parse; a request-count policy without an
/// Application Load Balancer; a desired count outside the bounds (a warning).
pub fn autoscaling(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for r in &model.services {
        let Some(a) = model.behaviour(r.comp).and_then(|b| b.autoscaling) else {
            continue;
        };
        if daemon(model, r.comp) {
            diags.push(
                Diagnostic::new(
                    Code::AutoscalingOnDaemon,
                    a.span,
                    "autoscaling on a `DAEMON` service, which runs one task on every instance",
                )
                .label("a daemon has no desired count to scale")
                .help("remove `autoscaling` (scale the Auto Scaling group instead), or use `schedulingStrategy: \"REPLICA\"`"),
            );
            continue;
        }
        let v = &a.value;
        bounds(v, diags);
        for s in &v.schedules {
            check_schedule(&s.value.schedule, s.value.timezone.as_ref(), diags);
        }
        if let Some(req) = &v.requests_per_target {
            let measured = model
                .scaling
                .iter()
                .find(|s| s.comp == r.comp)
                .and_then(|s| s.target_group);
            if measured.is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::RequestsWithoutLoadBalancer,
                        req.span,
                        format!(
                            "`requestsPerTarget` counts requests from an Application Load Balancer, and `{}` is behind none",
                            model.name(r.comp)
                        ),
                    )
                    .label("no load balancer to count requests")
                    .help("put an `ApplicationListener` or `ApplicationTargetGroup` in a container's `portMappings`, or scale on `cpu` or `memory`"),
                );
            }
        }
        if v.min.value <= v.max.value {
            desired_count(model, r.comp, v, diags);
        }
    }
}

/// `min` above `max`, in the autoscaling and in each schedule; schedules without bounds;
/// too many schedules.
fn bounds(v: &AutoscalingView, diags: &mut Vec<Diagnostic>) {
    let out_of_order = |min: &At<i64>, max: &At<i64>, what: &str| {
        Diagnostic::new(
            Code::AutoscalingBounds,
            max.span,
            format!(
                "{what}`max` is {}, below its `min` of {}",
                max.value, min.value
            ),
        )
        .label("below min")
        .with_label(min.span, "min")
        .help("make `max` at least `min`")
    };
    if v.min.value > v.max.value {
        diags.push(out_of_order(&v.min, &v.max, "the autoscaling "));
    }
    for s in &v.schedules {
        let sv = &s.value;
        match (&sv.min, &sv.max) {
            (None, None) => diags.push(
                Diagnostic::new(
                    Code::AutoscalingBounds,
                    s.span,
                    "a schedule that changes neither `min` nor `max`",
                )
                .label("does nothing")
                .help("give the schedule a `min`, a `max` or both"),
            ),
            (Some(min), Some(max)) if min.value > max.value => {
                diags.push(out_of_order(min, max, "the schedule's "));
            }
            _ => {}
        }
    }
    if v.schedules.len() > limits::MAX_SCHEDULED_ACTIONS {
        if let Some(s) = v.schedules.get(limits::MAX_SCHEDULED_ACTIONS) {
            diags.push(
                Diagnostic::new(
                    Code::AutoscalingBounds,
                    s.span,
                    format!(
                        "{} schedules; Application Auto Scaling takes at most {} per service",
                        v.schedules.len(),
                        limits::MAX_SCHEDULED_ACTIONS
                    ),
                )
                .label("one too many")
                .help("merge schedules that set the same bounds"),
            );
        }
    }
}

/// W0008: a desired count written outside `min..max` (autoscaling moves it into them at
/// once).
fn desired_count(model: &Model<'_>, c: CompRef, v: &AutoscalingView, diags: &mut Vec<Diagnostic>) {
    let source = model.span(c).source;
    let given: Option<&Val> = match model.node(c) {
        Some(Node::FargateService(s)) => Some(&s.desired_count),
        Some(Node::Ec2Service(s)) => s.desired_count.as_ref().map(|d| &d.value),
        _ => None,
    };
    let Some(d) = given.filter(|d| d.span.source == source) else {
        return;
    };
    let Value::Int(n) = d.value else {
        return;
    };
    if n < v.min.value || n > v.max.value {
        diags.push(
            Diagnostic::new(
                Code::DesiredCountOutsideAutoscaling,
                d.span,
                format!(
                    "the desired count {n} is outside the autoscaling bounds {}..{}; autoscaling changes it to {} at once",
                    v.min.value,
                    v.max.value,
                    n.clamp(v.min.value, v.max.value)
                ),
            )
            .label("outside min..max")
            .with_label(if n < v.min.value { v.min.span } else { v.max.span }, "bound")
            .help("start within the bounds: a `desiredCount` from `min` to `max`"),
        );
    }
}
