//! CloudFormation resources written with their type (`aws.s3.Bucket { ... }`): the
//! checked properties as they are, with `DeletionPolicy` and `UpdateReplacePolicy`.
//! A resource given where a value belongs lowers to `Ref`, an attribute to
//! `Fn::GetAtt`; references alone order the template (no `DependsOn`).

use crate::check::aws::{DELETION_POLICY_KEY, UPDATE_REPLACE_POLICY_KEY};
use crate::check::{Part, Val, Value};
use crate::ir::json::{Map, Value as Json};
use crate::ir::{cfn_ref, get_att, join, Lowering, Policies, Resource};
use crate::model::{CompRef, Model};

/// Adds every resource of the program.
pub fn expand(cx: &mut Lowering<'_, '_>) {
    let model = cx.model;
    for r in &model.aws {
        let Some(comp) = model.component(r.comp) else {
            continue;
        };
        let mut props = Map::new();
        let mut policies = Policies::default();
        for (k, v) in comp.fields.iter() {
            match k {
                DELETION_POLICY_KEY => policies.deletion = v.as_str().map(str::to_string),
                UPDATE_REPLACE_POLICY_KEY => {
                    policies.update_replace = v.as_str().map(str::to_string)
                }
                _ => {
                    let value = json(cx, v);
                    props.insert(k.to_string(), value);
                }
            }
        }
        // A resource kept when the stack is deleted is kept when it is replaced too,
        // unless `updateReplacePolicy` says otherwise.
        if policies.update_replace.is_none() {
            if let Some(d @ ("Retain" | "Snapshot")) = policies.deletion.as_deref() {
                policies.update_replace = Some(d.to_string());
            }
        }
        let mut resource = Resource::new(r.cfn_type, Json::Object(props), comp.span);
        if policies != Policies::default() {
            resource.policies = Some(Box::new(policies));
        }
        cx.add(r.logical_id.clone(), resource);
    }
}

/// A checked property value as CloudFormation JSON (resources as `Ref`).
pub(crate) fn json(cx: &mut Lowering<'_, '_>, v: &Val) -> Json {
    match &v.value {
        Value::Component(id) => match cx.model.aws_resource(CompRef(*id)) {
            Some(r) => cfn_ref(&r.logical_id),
            None => {
                cx.internal(
                    v.span,
                    "a component that is not a resource where a value belongs",
                );
                Json::Null
            }
        },
        Value::List(items) => Json::Array(items.iter().map(|i| json(cx, i)).collect()),
        Value::Map(entries) => {
            let mut m = Map::new();
            for e in entries {
                let value = json(cx, &e.value);
                m.insert(e.key.clone(), value);
            }
            Json::Object(m)
        }
        Value::Interp(parts) => join(
            parts
                .iter()
                .map(|p| match p {
                    Part::Text(t) => Json::from(t.as_str()),
                    Part::Value(v) => json(cx, v),
                })
                .collect(),
        ),
        _ => cx.cfn(v),
    }
}

/// `Ref` (empty path) or `Fn::GetAtt` of the resource `c`.
pub fn attribute(model: &Model<'_>, c: CompRef, path: &[&str]) -> Option<Json> {
    let r = model.aws_resource(c)?;
    if path.is_empty() {
        Some(cfn_ref(&r.logical_id))
    } else {
        Some(get_att(&r.logical_id, path.join(".")))
    }
}
