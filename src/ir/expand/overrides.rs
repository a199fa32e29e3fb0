//! `overrides` of the ECS components: after every resource is expanded, each
//! override sets or removes one property of the resource it names by role
//! (the binding's logical ID plus the role's suffix).

use crate::check::overrides::Override;
use crate::diagnostics::{code_list, Code, Diagnostic};
use crate::ir::json::{Map, Value as Json};
use crate::ir::{logical_id, Lowering};

/// Applies the program's overrides to the expanded template.
pub fn apply(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for o in &model.program.overrides {
        let Some(comp) = model.program.components.get(o.component) else {
            continue;
        };
        if !comp.complete {
            continue;
        }
        let id = logical_id(&comp.name, o.role.suffix);
        let generated = cx
            .template
            .resources
            .get(&id)
            .is_some_and(|r| r.cfn_type == o.role.cfn_type);
        if !generated {
            let roles = crate::check::overrides::roles(&comp.ty).unwrap_or_default();
            let present = roles.iter().filter(|r| {
                cx.template
                    .resources
                    .get(&logical_id(&comp.name, r.suffix))
                    .is_some_and(|x| x.cfn_type == r.cfn_type)
            });
            cx.diags.push(
                Diagnostic::new(
                    Code::OverrideTargetMissing,
                    o.role_span,
                    format!(
                        "`{}` generates no `{}` resource, so there is nothing to override",
                        comp.name, o.role.name
                    ),
                )
                .label(format!("no `{}` ({}) in the template", id, o.role.cfn_type))
                .help(format!(
                    "`{}` generates {}; a task role exists only with `permissions` (or `enableExecuteCommand`), a security group only for Fargate and `awsvpc` tasks without `securityGroups`",
                    comp.name,
                    code_list(present.map(|r| r.name))
                )),
            );
            continue;
        }
        let Some(value) = o.value.as_ref().map(|v| super::aws::json(cx, v)) else {
            remove(cx, &id, o);
            continue;
        };
        let Some(resource) = cx.template.resources.get_mut(&id) else {
            continue;
        };
        if !resource.properties.is_object() {
            resource.properties = Json::Object(Map::new());
        }
        let mut at = &mut resource.properties;
        let Some((last, outer)) = o.path.split_last() else {
            continue;
        };
        for seg in outer {
            let Json::Object(m) = at else {
                break;
            };
            let next = m.get_or_insert_with(seg.clone(), || Json::Object(Map::new()));
            if !next.is_object() {
                *next = Json::Object(Map::new());
            }
            at = next;
        }
        if let Json::Object(m) = at {
            m.insert(last.clone(), value);
        }
    }
}

/// Removes the property `o.path` of the resource `id`; a property the resource does
/// not have (nothing to remove: the override is a no-op) gets `W0010`.
fn remove(cx: &mut Lowering<'_, '_>, id: &str, o: &Override) {
    let Some((last, outer)) = o.path.split_last() else {
        return;
    };
    let Some(resource) = cx.template.resources.get_mut(id) else {
        return;
    };
    let mut at = Some(&mut resource.properties);
    for seg in outer {
        at = at.and_then(|v| v.as_object_mut()?.get_mut(seg));
    }
    let mut present: Vec<String> = Vec::new();
    if let Some(m) = at.and_then(Json::as_object_mut) {
        if m.remove(last).is_some() {
            return;
        }
        present = m.keys().map(|k| k.to_string()).collect();
    }
    let path = o.path.join(".");
    let help = match crate::diagnostics::closest(last, present.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `{c}`? Otherwise take `{path}` out of `remove`"),
        None if present.is_empty() => format!(
            "take `{path}` out of `remove`: ecsxc does not set it (nor anything around it) for this program"
        ),
        None => format!(
            "take `{path}` out of `remove`: ecsxc sets {} there",
            code_list(present.iter().map(String::as_str))
        ),
    };
    cx.diags.push(
        Diagnostic::new(
            Code::OverrideRemovesNothing,
            o.path_span,
            format!(
                "`{id}` ({}) has no `{path}`: removing it does nothing",
                o.role.cfn_type
            ),
        )
        .label("not in the generated resource")
        .help(help),
    );
}
