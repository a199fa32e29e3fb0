//! Container secrets: the `ValueFrom` of each, and the execution-role statements that
//! may read exactly them (plus `kms:Decrypt` on the keys given).

use crate::model::views::SecretRef;
use crate::model::{CompRef, Model};
use serde_json::{json, Value as Json};

/// `ValueFrom` of a secret: the parameter's or secret's ARN (and for Secrets Manager,
/// the JSON key and version stage).
pub fn value_from(secret: &SecretRef) -> Json {
    match secret {
        SecretRef::Ssm(s) => ssm_arn(&s.value.name.value),
        SecretRef::SecretsManager(s) => {
            let v = &s.value;
            if v.field.is_none() && v.version_stage.is_none() {
                return json!(v.arn.value);
            }
            json!(format!(
                "{}:{}:{}:",
                v.arn.value,
                v.field.as_deref().unwrap_or(""),
                v.version_stage.as_deref().unwrap_or("")
            ))
        }
    }
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
pub fn execution_statements(model: &Model<'_>, c: CompRef) -> Vec<Json> {
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
                    push(&mut ssm, ssm_arn(&s.value.name.value));
                    if let Some(k) = &s.value.kms_key {
                        push(&mut kms, json!(k));
                    }
                }
                SecretRef::SecretsManager(s) => {
                    push(&mut sm, json!(secret_resource(&s.value.arn.value)));
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
