//! Service `autoscaling` → an `AWS::ApplicationAutoScaling::ScalableTarget` (the
//! service's desired count between `min` and `max`, with its scheduled actions; no role
//! of ours: Application Auto Scaling uses its service-linked role) and one
//! target-tracking `AWS::ApplicationAutoScaling::ScalingPolicy` per target given. The
//! request-count policy measures the service's target group behind its load balancer
//! (`ResourceLabel`: the two full names joined by `/`).

use super::cluster;
use crate::ir::json::{json, Map, Value as Json};
use crate::ir::{cfn_ref, get_att, ClusterRef, Lowering, Resource};
use crate::model::schedules::Scaling;
use crate::model::views::AutoscalingView;

/// Expands the autoscaling of every service that has it.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for s in &model.scaling {
        let span = model.span(s.comp);
        let (Some(b), Some(r)) = (model.behaviour(s.comp), model.services.get(s.service)) else {
            continue;
        };
        let Some(a) = b.autoscaling else { continue };
        let (Some(cluster), Some(service)) = (
            r.cluster.and_then(|cl| cluster::reference(model, cl)),
            r.service_id.as_ref(),
        ) else {
            cx.internal(span, "autoscaling of a service without a cluster");
            continue;
        };
        let cluster_name = match cluster {
            ClusterRef::LogicalId(id) => cfn_ref(&id),
            ClusterRef::Existing(n) => json!(n.rsplit('/').next().unwrap_or(&n)),
        };
        let a = &a.value;
        let mut p = Map::new();
        p.insert("MaxCapacity", json!(a.max.value));
        p.insert("MinCapacity", json!(a.min.value));
        p.insert(
            "ResourceId",
            json!({ "Fn::Join": ["/", ["service", cluster_name, get_att(service, "Name")]] }),
        );
        p.insert("ScalableDimension", json!("ecs:service:DesiredCount"));
        if !a.schedules.is_empty() {
            p.insert("ScheduledActions", scheduled_actions(a));
        }
        p.insert("ServiceNamespace", json!("ecs"));
        cx.add(
            s.target.clone(),
            Resource::new(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Json::Object(p),
                span,
            ),
        );
        let metrics = [
            (&s.cpu, "cpu", "ECSServiceAverageCPUUtilization", &a.cpu),
            (
                &s.memory,
                "memory",
                "ECSServiceAverageMemoryUtilization",
                &a.memory,
            ),
            (
                &s.requests,
                "requests-per-target",
                "ALBRequestCountPerTarget",
                &a.requests_per_target,
            ),
        ];
        for (id, name, metric, value) in metrics {
            let Some(value) = value else { continue };
            let mut spec = Map::new();
            spec.insert("PredefinedMetricType", json!(metric));
            if metric == "ALBRequestCountPerTarget" {
                let Some(label) = resource_label(cx, s) else {
                    cx.internal(value.span, "a request-count policy without a load balancer");
                    continue;
                };
                spec.insert("ResourceLabel", label);
            }
            cx.add(
                id.clone(),
                Resource::new(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    json!({
                        "PolicyName": name,
                        "PolicyType": "TargetTrackingScaling",
                        "ScalingTargetId": cfn_ref(&s.target),
                        "TargetTrackingScalingPolicyConfiguration": {
                            "PredefinedMetricSpecification": Json::Object(spec),
                            "ScaleInCooldown": a.scale_in_cooldown.0,
                            "ScaleOutCooldown": a.scale_out_cooldown.0,
                            "TargetValue": value.value,
                        }
                    }),
                    value.span,
                ),
            );
        }
    }
}

/// The scalable target's `ScheduledActions`, named after their position.
fn scheduled_actions(a: &AutoscalingView) -> Json {
    let actions: Vec<Json> = a
        .schedules
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let s = &s.value;
            let mut bounds = Map::new();
            if let Some(max) = &s.max {
                bounds.insert("MaxCapacity", json!(max.value));
            }
            if let Some(min) = &s.min {
                bounds.insert("MinCapacity", json!(min.value));
            }
            let mut action = Map::new();
            action.insert("ScalableTargetAction", Json::Object(bounds));
            action.insert("Schedule", json!(s.schedule.value));
            action.insert("ScheduledActionName", json!(format!("schedule-{}", i + 1)));
            if let Some(tz) = &s.timezone {
                action.insert("Timezone", json!(tz.value));
            }
            Json::Object(action)
        })
        .collect();
    Json::Array(actions)
}

/// `app/<load balancer>/<id>/targetgroup/<target group>/<id>` of the target group the
/// request-count policy measures.
fn resource_label(cx: &Lowering<'_, '_>, s: &Scaling) -> Option<Json> {
    let model = cx.model;
    let tg = s.target_group?;
    let lb = *model.load_balancers_of(tg).first()?;
    let lb = &model.load_balancers.get(lb)?.logical_id;
    let tg = &model.target_groups.get(tg)?.logical_id;
    Some(json!({
        "Fn::Join": ["/", [
            get_att(lb, "LoadBalancerFullName"),
            get_att(tg, "TargetGroupFullName"),
        ]]
    }))
}
