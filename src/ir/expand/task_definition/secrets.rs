//! Container secrets: the `ValueFrom` of each, and the execution-role statements that
//! may read exactly them (plus `kms:Decrypt` on the keys given). A parameter's name or
//! a secret's ARN may be known only at deploy time: an attribute of a resource of the
//! program (`Secret.ssm(parameter.ref)`, `Secret.secretsManager(secret.ref)`) or a
//! program parameter.

use crate::check::{Part, Val, Value};
use crate::ir::json::{json, Value as Json};
use crate::ir::{cfn_ref, get_att, Lowering};
use crate::model::views::SecretRef;
use crate::model::{CompRef, Model};

/// `ValueFrom` of a secret: the parameter's or secret's ARN (and for Secrets Manager,
/// the JSON key and version stage); a parameter known only at deploy time by its name
/// or ARN as given (ECS takes either).
pub fn value_from(cx: &mut Lowering<'_, '_>, secret: &SecretRef) -> Json {
    match secret {
        SecretRef::Ssm(s) => match s.value.name.value.as_str() {
            Some(name) => ssm_arn(name),
            None => cx.cfn(&s.value.name.value),
        },
        SecretRef::SecretsManager(s) => {
            let v = &s.value;
            let arn = match v.arn.value.as_str() {
                Some(arn) => json!(arn),
                None => cx.cfn(&v.arn.value),
            };
            if v.field.is_none() && v.version_stage.is_none() {
                return arn;
            }
            let suffix = format!(
                ":{}:{}:",
                v.field.as_deref().unwrap_or(""),
                v.version_stage.as_deref().unwrap_or("")
            );
            match arn {
                Json::String(a) => json!(format!("{a}{suffix}")),
                other => json!({ "Fn::Join": ["", [other, suffix]] }),
            }
        }
    }
}

/// The `aws.ssm.Parameter` or `aws.secretsmanager.Secret` (`cfn_type`) of the program
/// that `v` reads (its `Ref` or an attribute), if it is one.
fn resource_of<'m>(model: &Model<'m>, v: &Val, cfn_type: &str) -> Option<CompRef> {
    let Value::Attr { component, .. } = &v.value else {
        return None;
    };
    let c = CompRef(*component);
    (model.aws_resource(c)?.cfn_type == cfn_type).then_some(c)
}

/// The logical ID of the `aws.secretsmanager.Secret` `v` reads (its `Ref` and `.id` are
/// both its ARN), if it is one.
fn secret_of<'m>(model: &'m Model<'_>, v: &Val) -> Option<&'m str> {
    let c = resource_of(model, v, "AWS::SecretsManager::Secret")?;
    Some(model.aws_resource(c)?.logical_id.as_str())
}

/// The IAM resources of an SSM parameter known only at deploy time: for a parameter
/// of the program, the ARN of the name it is given, else its `Arn` attribute; the ARN of an interpolated name whose text
/// says whether it starts with `/` (`"/app/${stage}/db"`), or that is an ARN itself;
/// otherwise (a name given as a program parameter) the ARN of the name with and without
/// a leading `/` (one of the two is the parameter's, the other names nothing).
fn ssm_resources(cx: &mut Lowering<'_, '_>, v: &Val) -> Vec<Json> {
    if let Some(c) = resource_of(cx.model, v, "AWS::SSM::Parameter") {
        // Its name written in the program: the ARN it makes; else its `Arn`.
        let named = cx
            .model
            .component(c)
            .and_then(|p| p.field("Name")?.as_str());
        if let Some(name) = named {
            return vec![ssm_arn(name)];
        }
        if let Some(r) = cx.model.aws_resource(c) {
            return vec![get_att(&r.logical_id, "Arn")];
        }
    }
    // An interpolation that starts with text says which form the name has.
    let lead = match &v.value {
        Value::Interp(parts) => match parts.first() {
            Some(Part::Text(t)) => t.as_str(),
            _ => "",
        },
        _ => "",
    };
    let name = cx.cfn(v);
    let tails: &[&str] = if lead.starts_with("arn:") {
        return vec![name];
    } else if lead.starts_with('/') {
        &["parameter${Name}"]
    } else if !lead.is_empty() {
        &["parameter/${Name}"]
    } else {
        &["parameter/${Name}", "parameter${Name}"]
    };
    tails
        .iter()
        .map(|tail| {
            json!({ "Fn::Sub": [
                format!("arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:{tail}"),
                { "Name": name }
            ] })
        })
        .collect()
}

/// The ARN of an SSM parameter named `name` in the stack's partition, region and account
/// (a name that already is an ARN stays as written).
pub fn ssm_arn(name: &str) -> Json {
    if name.starts_with("arn:") {
        return json!(name);
    }
    let path = if name.starts_with('/') {
        name.to_string()
    } else {
        format!("/{name}")
    };
    json!({
        "Fn::Sub": format!("arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{path}")
    })
}

/// The IAM resource of a Secrets Manager secret: its ARN, or for an ARN without the
/// six-character suffix Secrets Manager adds, the ARN and `-??????`.
pub fn secret_resource(arn: &str) -> String {
    let name = arn.rsplit(":secret:").next().unwrap_or(arn);
    let suffixed = name
        .rsplit_once('-')
        .is_some_and(|(_, s)| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if suffixed {
        arn.to_string()
    } else {
        format!("{arn}-??????")
    }
}

/// The statements the execution role of task `c` needs for its containers' secrets:
/// `ssm:GetParameters`, `secretsmanager:GetSecretValue` and `kms:Decrypt` on exactly the
/// parameters, secrets and keys named. Empty without secrets.
pub fn execution_statements(cx: &mut Lowering<'_, '_>, c: CompRef) -> Vec<Json> {
    let model = cx.model;
    let mut ssm: Vec<Json> = Vec::new();
    let mut sm: Vec<Json> = Vec::new();
    let mut kms: Vec<Json> = Vec::new();
    let push = |list: &mut Vec<Json>, v: Json| {
        if !list.contains(&v) {
            list.push(v);
        }
    };
    for (_, f) in model.containers(c) {
        let options = f
            .logging
            .as_ref()
            .map(|l| l.secret_options())
            .unwrap_or(&[]);
        for (_, secret) in f.secrets.value.0.iter().chain(options) {
            match secret {
                SecretRef::Ssm(s) => {
                    match s.value.name.value.as_str() {
                        Some(name) => push(&mut ssm, ssm_arn(name)),
                        None => {
                            for r in ssm_resources(cx, &s.value.name.value) {
                                push(&mut ssm, r);
                            }
                        }
                    }
                    if let Some(k) = &s.value.kms_key {
                        push(&mut kms, json!(k));
                    }
                }
                SecretRef::SecretsManager(s) => {
                    // A deploy-time ARN is complete: a secret's `Ref` (or `Id`) is.
                    let v = &s.value.arn.value;
                    let arn = match (v.as_str(), secret_of(cx.model, v)) {
                        (Some(arn), _) => json!(secret_resource(arn)),
                        (None, Some(r)) => cfn_ref(r),
                        (None, None) => cx.cfn(v),
                    };
                    push(&mut sm, arn);
                    if let Some(k) = &s.value.kms_key {
                        push(&mut kms, json!(k));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (action, resources) in [
        ("ssm:GetParameters", ssm),
        ("secretsmanager:GetSecretValue", sm),
        ("kms:Decrypt", kms),
    ] {
        if !resources.is_empty() {
            out.push(json!({ "Effect": "Allow", "Action": [action], "Resource": resources }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_names_become_arns() {
        assert_eq!(
            ssm_arn("/prod/db/password"),
            json!({ "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/prod/db/password" })
        );
        assert_eq!(
            ssm_arn("dbpass"),
            json!({ "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/dbpass" })
        );
        let arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/x";
        assert_eq!(ssm_arn(arn), json!(arn));
    }

    #[test]
    fn partial_secret_arns_get_the_suffix_wildcard() {
        let full = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-AbC123";
        assert_eq!(secret_resource(full), full);
        let partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key";
        assert_eq!(secret_resource(partial), format!("{partial}-??????"));
    }
}
