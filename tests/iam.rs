//! The roles in every example's template grant only what the program uses: no `*`
//! action, no `*` resource (but for the few actions IAM only grants on `*`), and the
//! execution role reads exactly the secrets its task definition names.

mod support;

use serde_json::Value as Json;
use std::collections::BTreeSet;

/// Actions IAM grants only on every resource (`Resource: "*"`).
const ONLY_ON_EVERY_RESOURCE: &[&str] = &[
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];

fn as_list(v: &Json) -> Vec<Json> {
    match v {
        Json::Array(items) => items.clone(),
        other => vec![other.clone()],
    }
}

/// Every statement of every inline policy of the template, with its resource's id.
fn statements(template: &Json) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    for (id, r) in template["Resources"].as_object().unwrap() {
        let props = &r["Properties"];
        let docs: Vec<Json> = match r["Type"].as_str().unwrap() {
            "AWS::IAM::Role" => as_list(&props["Policies"])
                .iter()
                .filter(|p| !p.is_null())
                .map(|p| p["PolicyDocument"].clone())
                .collect(),
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => vec![props["PolicyDocument"].clone()],
            _ => continue,
        };
        for doc in docs {
            for s in as_list(&doc["Statement"]) {
                out.push((id.clone(), s));
            }
        }
    }
    out
}

#[test]
fn roles_grant_no_wildcards_where_a_narrower_arn_is_known() {
    let mut checked = 0;
    for path in support::corpus::examples() {
        let out = ecsxc::compile_path(&path);
        let compiled = out
            .compiled
            .unwrap_or_else(|| panic!("{} does not compile", path.display()));
        let template: Json = serde_json::from_str(&compiled.to_json()).unwrap();
        for (id, s) in statements(&template) {
            checked += 1;
            let actions: Vec<String> = as_list(&s["Action"])
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            for a in &actions {
                assert!(
                    a != "*" && !a.ends_with(":*"),
                    "{}: {id} allows every action of a service: {a}",
                    path.display()
                );
            }
            let every = as_list(&s["Resource"]).iter().any(|r| r == "*");
            if every {
                assert!(
                    actions
                        .iter()
                        .all(|a| ONLY_ON_EVERY_RESOURCE.contains(&a.as_str())),
                    "{}: {id} grants {actions:?} on every resource",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 0, "no example has an inline policy to check");
}

#[test]
fn execution_roles_read_exactly_the_secrets_of_their_task() {
    let mut checked = 0;
    for path in support::corpus::examples() {
        let compiled = ecsxc::compile_path(&path).compiled.unwrap();
        let template: Json = serde_json::from_str(&compiled.to_json()).unwrap();
        let resources = template["Resources"].as_object().unwrap();
        for r in resources.values() {
            if r["Type"] != "AWS::ECS::TaskDefinition" {
                continue;
            }
            let props = &r["Properties"];
            let mut wanted: BTreeSet<String> = BTreeSet::new();
            for c in as_list(&props["ContainerDefinitions"]) {
                // Container secrets and the log driver's secret options.
                let mut read = as_list(&c["Secrets"]);
                read.extend(as_list(&c["LogConfiguration"]["SecretOptions"]));
                for s in read.iter().filter(|s| !s.is_null()) {
                    let mut from = s["ValueFrom"].clone();
                    // Read at deploy time: a secret's `Ref` with its JSON key joined,
                    // or an SSM parameter of the stack by name (granted by its ARN).
                    if let Some([whole, suffix]) = from["Fn::Join"][1].as_array().map(Vec::as_slice)
                    {
                        if suffix.as_str().is_some_and(|x| x.starts_with(':')) {
                            from = whole.clone();
                        }
                    }
                    if let Some(id) = from["Ref"].as_str() {
                        if resources
                            .get(id)
                            .is_some_and(|r| r["Type"] == "AWS::SSM::Parameter")
                        {
                            from = serde_json::json!({ "Fn::GetAtt": [id, "Arn"] });
                        }
                    }
                    let arn = match from.as_str() {
                        // A Secrets Manager reference with a JSON key: the secret's ARN.
                        Some(a) if a.contains(":secretsmanager:") => {
                            a.splitn(8, ':').take(7).collect::<Vec<_>>().join(":")
                        }
                        Some(a) => a.to_string(),
                        None => from.to_string(),
                    };
                    wanted.insert(arn);
                }
            }
            let Some(role) = props["ExecutionRoleArn"]["Fn::GetAtt"][0].as_str() else {
                continue;
            };
            let granted: BTreeSet<String> = statements(&serde_json::json!({
                "Resources": { role: resources[role].clone() }
            }))
            .into_iter()
            .filter(|(_, s)| s["Action"][0] != "kms:Decrypt")
            .flat_map(|(_, s)| as_list(&s["Resource"]))
            .map(|r| r.as_str().map_or_else(|| r.to_string(), str::to_string))
            // A Secrets Manager ARN without its suffix is granted with `-??????`.
            .map(|r| r.trim_end_matches("-??????").to_string())
            .collect();
            assert_eq!(
                granted,
                wanted,
                "{}: the execution role {role} should read exactly its task's secrets",
                path.display()
            );
            checked += wanted.len();
        }
    }
    assert!(checked > 0, "no example reads a secret");
}

#[test]
fn schedule_roles_run_exactly_their_task_definition_and_pass_exactly_its_roles() {
    let mut checked = 0;
    for path in support::corpus::examples() {
        let compiled = ecsxc::compile_path(&path).compiled.unwrap();
        let template: Json = serde_json::from_str(&compiled.to_json()).unwrap();
        let resources = template["Resources"].as_object().unwrap();
        for (id, r) in resources {
            if r["Type"] != "AWS::Scheduler::Schedule" {
                continue;
            }
            let target = &r["Properties"]["Target"];
            let role = target["RoleArn"]["Fn::GetAtt"][0].as_str().unwrap();
            let task_definition = &target["EcsParameters"]["TaskDefinitionArn"];
            let td_id = task_definition["Ref"].as_str().unwrap();
            let td = &resources[td_id]["Properties"];
            let mut roles = vec![td["ExecutionRoleArn"].clone()];
            if !td["TaskRoleArn"].is_null() {
                roles.push(td["TaskRoleArn"].clone());
            }
            let statements: Vec<Json> = statements(&serde_json::json!({
                "Resources": { role: resources[role].clone() }
            }))
            .into_iter()
            .map(|(_, s)| s)
            .collect();
            let actions: Vec<Json> = statements.iter().map(|s| s["Action"].clone()).collect();
            assert_eq!(
                actions,
                [
                    serde_json::json!(["ecs:RunTask"]),
                    serde_json::json!(["iam:PassRole"])
                ],
                "{}: {id}",
                path.display()
            );
            assert_eq!(
                statements[0]["Resource"],
                serde_json::json!([task_definition])
            );
            assert_eq!(
                statements[0]["Condition"]["ArnEquals"]["ecs:cluster"],
                target["Arn"],
                "{}: {id} runs the task only in its cluster",
                path.display()
            );
            assert_eq!(statements[1]["Resource"], Json::Array(roles));
            assert_eq!(
                statements[1]["Condition"]["StringEquals"]["iam:PassedToService"],
                "ecs-tasks.amazonaws.com"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no example has a scheduled task");
}

#[test]
fn only_services_with_execute_command_may_open_session_channels() {
    let mut checked = 0;
    for path in support::corpus::examples() {
        let compiled = ecsxc::compile_path(&path).compiled.unwrap();
        let template: Json = serde_json::from_str(&compiled.to_json()).unwrap();
        let resources = template["Resources"].as_object().unwrap();
        for r in resources.values() {
            if r["Type"] != "AWS::ECS::Service" {
                continue;
            }
            let td = r["Properties"]["TaskDefinition"]["Ref"].as_str().unwrap();
            let role = resources[td]["Properties"]["TaskRoleArn"]["Fn::GetAtt"][0].as_str();
            let channels = role.is_some_and(|role| {
                statements(&serde_json::json!({ "Resources": { role: resources[role].clone() } }))
                    .iter()
                    .flat_map(|(_, s)| as_list(&s["Action"]))
                    .any(|a| a.as_str().is_some_and(|a| a.starts_with("ssmmessages:")))
            });
            let wanted = r["Properties"]["EnableExecuteCommand"] == true;
            assert_eq!(channels, wanted, "{}: {td}", path.display());
            checked += usize::from(wanted);
        }
    }
    assert!(checked > 0, "no example enables execute-command");
}

/// The execution role of `program`'s only service, and its `ssm:GetParameters` resources.
fn ssm_grants(program: &str) -> Vec<Json> {
    let out = ecsxc::compile_bytes("secrets.ecsx", program.as_bytes());
    let compiled = out
        .compiled
        .unwrap_or_else(|| panic!("does not compile: {:?}", out.diagnostics));
    let template: Json = serde_json::from_str(&compiled.to_json()).unwrap();
    statements(&template)
        .into_iter()
        .filter(|(_, s)| s["Action"][0] == "ssm:GetParameters")
        .flat_map(|(_, s)| as_list(&s["Resource"]))
        .collect()
}

#[test]
fn secrets_read_at_deploy_time_grant_exactly_their_arn() {
    let service = |secret: &str| {
        format!(
            "let api = FargateService {{ containers: {{ api: {{ image: \"nginx\", memory: 256, secrets: {{ S: {secret} }} }} }} }}\n"
        )
    };
    // An SSM parameter of the stack, by name or by ARN: its `Arn` attribute.
    for attr in ["ref", "arn"] {
        let program = format!(
            "let p = aws.ssm.Parameter {{ type: \"String\", value: \"x\" }}\n{}",
            service(&format!("Secret.ssm(p.{attr})"))
        );
        assert_eq!(
            ssm_grants(&program),
            [serde_json::json!({ "Fn::GetAtt": ["P", "Arn"] })],
            "Secret.ssm(p.{attr})"
        );
    }
    // A name given as a program parameter: its ARN with and without a leading `/`
    // (one of them is the parameter's; the other names nothing).
    let program = format!("param flag: String\n{}", service("Secret.ssm(flag)"));
    let grants = ssm_grants(&program);
    assert_eq!(grants.len(), 2, "{grants:?}");
    for g in &grants {
        assert_eq!(
            g["Fn::Sub"][1]["Name"],
            serde_json::json!({ "Ref": "flag" })
        );
    }
    // An interpolated name whose text starts with `/` (or not): exactly one ARN.
    for (name, tail) in [
        ("/app/${stage}/db", "parameter${Name}"),
        ("app-${stage}", "parameter/${Name}"),
    ] {
        let program = format!(
            "param stage: String\n{}",
            service(&format!("Secret.ssm(\"{name}\")"))
        );
        let grants = ssm_grants(&program);
        assert_eq!(grants.len(), 1, "{name}: {grants:?}");
        assert!(
            grants[0]["Fn::Sub"][0]
                .as_str()
                .is_some_and(|s| s.ends_with(tail)),
            "{name}: {grants:?}"
        );
    }
}

#[test]
fn a_secret_from_the_wrong_attribute_is_rejected() {
    for (secret, attr) in [
        ("Secret.ssm(b.arn)", "b.arn"),
        ("Secret.secretsManager(b.arn)", "b.arn"),
        ("Secret.secretsManager(p.ref)", "p.ref"),
        ("Secret.ssm { name: s.ref }", "s.ref"),
    ] {
        let program = format!(
            "let b = aws.s3.Bucket {{ deletionPolicy: \"Retain\" }}\nlet p = aws.ssm.Parameter {{ type: \"String\", value: \"x\" }}\nlet s = aws.secretsmanager.Secret {{}}\nlet api = FargateService {{ containers: {{ api: {{ image: \"nginx\", memory: 256, secrets: {{ S: {secret} }} }} }} }}\n"
        );
        let out = ecsxc::compile_bytes("secrets.ecsx", program.as_bytes());
        let errors: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code.severity() == ecsxc::diagnostics::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{secret}: {errors:?}");
        assert_eq!(errors[0].code.as_str(), "E0350", "{secret}");
        assert!(
            errors[0].message.contains(&format!("`{attr}`")),
            "{secret}: {}",
            errors[0].message
        );
    }
}
