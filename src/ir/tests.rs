//! Lowering unit tests: logical IDs, defaults, manifest, ECS rules.

use crate::ir::{ClusterRef, ParameterSource};

fn compile(src: &str) -> crate::CompileOutput {
    crate::compile_bytes("t.ecsx", src.as_bytes())
}

fn ids(src: &str) -> Vec<String> {
    let out = compile(src);
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
    out.compiled
        .unwrap()
        .template
        .resources
        .keys()
        .cloned()
        .collect()
}

fn codes(src: &str) -> Vec<&'static str> {
    compile(src)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

const SVC: &str = r#"let web = ApplicationListener { port: 80 }
let nginx = FargateService {
    desiredCount: 2
    containers: { nginx: { image: "nginx", memory: 128, portMappings: [web] } }
}
"#;

#[test]
fn only_renaming_a_binding_renames_resources() {
    let base = ids(SVC);
    let reformatted = ids(
        "// a comment\nlet web = ApplicationListener {\n port: 80 }\n\nlet nginx = FargateService { containers: { nginx: { portMappings: [web], memory: 256, image: \"nginx:1.27\" } }, desiredCount: 5 }",
    );
    assert_eq!(
        base, reformatted,
        "changing values, order or layout must keep logical IDs"
    );
    let renamed = ids(&SVC.replace("nginx = ", "api = "));
    let expected: Vec<String> = base
        .iter()
        .map(|id| id.replacen("Nginx", "Api", 1))
        .collect();
    let mut expected = expected;
    expected.sort();
    assert_eq!(renamed, expected);
}

#[test]
fn default_cluster_only_when_needed_and_shared() {
    let two = format!("{SVC}let worker = FargateService {{ containers: {{ w: {{ image: \"busybox\", memory: 64 }} }} }}\n");
    let out = compile(&two).compiled.unwrap();
    let clusters: Vec<&String> = out
        .template
        .resources
        .iter()
        .filter(|(_, r)| r.cfn_type == "AWS::ECS::Cluster")
        .map(|(k, _)| k)
        .collect();
    assert_eq!(clusters, ["DefaultCluster"]);
    assert!(out
        .manifest
        .services
        .iter()
        .all(|s| s.cluster == ClusterRef::LogicalId("DefaultCluster".into())));
    let explicit = ids(&format!(
        "let main = Cluster {{}}\n{}",
        SVC.replace("desiredCount: 2", "cluster: main")
    ));
    assert!(explicit.contains(&"MainCluster".to_string()));
    assert!(!explicit.contains(&"DefaultCluster".to_string()));
    let existing = compile(&format!(
        "let c = Cluster.existing(\"prod\")\n{}",
        SVC.replace("desiredCount: 2", "cluster: c")
    ));
    let existing = existing.compiled.unwrap();
    assert!(!existing
        .template
        .resources
        .values()
        .any(|r| r.cfn_type == "AWS::ECS::Cluster"));
    assert_eq!(
        existing.manifest.services[0].cluster,
        ClusterRef::Existing("prod".into())
    );
}

#[test]
fn manifest_lists_parameters_images_services_tasks() {
    let src = r#"let app = FargateService {
    containers: { web: { image: Image.fromPath("./app"), memory: 256 } }
}"#;
    let m = compile(src).compiled.unwrap().manifest;
    assert_eq!(m.images.len(), 1);
    assert_eq!(m.images[0].context, "./app");
    assert_eq!(m.images[0].parameter, "AppWebImage");
    let sources: Vec<(&str, &ParameterSource)> = m
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), &p.source))
        .collect();
    assert!(sources.contains(&("AppWebImage", &ParameterSource::Image { index: 0 })));
    assert!(sources.contains(&("VpcId", &ParameterSource::DefaultVpcId)));
    assert!(sources.contains(&("SubnetIds", &ParameterSource::DefaultSubnetIds)));
    assert_eq!(m.services[0].logical_id, "AppService");
    assert_eq!(m.tasks[0].logical_id, "AppTaskDefinition");
    assert_eq!(m.tasks[0].security_groups, ["AppSecurityGroup"]);
    assert_eq!(
        m.tasks[0].subnets,
        Some(crate::ir::Subnets::Parameter("SubnetIds".into()))
    );
}

#[test]
fn images_for_graviton_instances_are_built_for_arm() {
    let program = |instance_types: &[&str]| {
        let mut src = String::from("let cluster = Cluster {}\n");
        for (i, t) in instance_types.iter().enumerate() {
            src.push_str(&format!(
                "let group{i} = AutoScalingGroup {{ cluster: cluster, instanceType: \"{t}\" }}\n"
            ));
        }
        src.push_str(
            "let app = EC2Service { cluster: cluster, containers: { web: { image: Image.fromPath(\"./app\"), memory: 256 } } }\n",
        );
        let out = compile(&src);
        assert!(!out.has_errors(), "{:#?}", out.diagnostics);
        let images = out.compiled.unwrap().manifest.images;
        images[0].platform.clone()
    };
    assert_eq!(program(&["m7g.large"]).as_deref(), Some("linux/arm64"));
    assert_eq!(
        program(&["t4g.small", "c7g.large"]).as_deref(),
        Some("linux/arm64")
    );
    assert_eq!(program(&["t3.medium"]), None, "Docker's default");
    assert_eq!(
        program(&["m7g.large", "t3.medium"]),
        None,
        "mixed: Docker's default"
    );
    let fargate = r#"let app = FargateService {
    containers: { web: { image: Image.fromPath("./app"), memory: 256 } }
}"#;
    let m = compile(fargate).compiled.unwrap().manifest;
    assert_eq!(m.images[0].platform, None);
}

#[test]
fn ecs_rules() {
    let svc = |extra: &str, container: &str| {
        format!("let web = ApplicationListener {{ port: 80 }}\nlet s = FargateService {{ {extra}\n containers: {{ a: {{ image: \"x\", portMappings: [web], {container} }} }} }}")
    };
    assert_eq!(codes(&svc("", "memory: 200000")), ["E0301"]);
    assert_eq!(codes(&svc("memory: 512", "memory: 1024")), ["E0301"]);
    assert!(
        codes("let my_web = ApplicationListener {}\nlet myWeb = ApplicationListener {}")
            .contains(&"E0302")
    );
    assert_eq!(codes(&svc("", "memory: 4")), ["E0203"]);
    assert_eq!(
        codes(&svc("", "memory: 128, memoryReservation: 256")),
        ["E0304"]
    );
    assert_eq!(codes(&format!("{}\nlet t = FargateService {{ containers: {{ b: {{ image: \"y\", portMappings: [web] }} }} }}", svc("", "memory: 128"))), ["E0305"]);
    assert_eq!(
        codes("let s = FargateService { containers: {} }"),
        ["E0306"]
    );
    assert_eq!(codes("let l = ApplicationListener { protocol: \"HTTPS\" }\nlet s = FargateService { containers: { a: { image: \"x\", portMappings: [l] } } }"), ["E0307"]);
    assert_eq!(codes("let s = FargateService { containers: { a: { image: \"x\", portMappings: [{ containerPort: 80, hostPort: 8080 }] } } }"), ["E0308"]);
    assert_eq!(codes(&svc("cpu: 300", "")), ["E0310"]);
    assert_eq!(codes(&svc("cpu: 256, memory: 4096", "")), ["E0310"]);
    assert_eq!(codes("let s = FargateService { healthCheckGracePeriod: 30s, containers: { a: { image: \"x\" } } }"), ["E0311"]);
    assert_eq!(codes(&svc("logRetention: 2d", "")), ["E0312"]);
    assert_eq!(codes("let s = FargateService { containers: { a: { image: \"x\", portMappings: [{ containerPort: 80 }] }, b: { image: \"y\", portMappings: [{ containerPort: 80 }] } } }"), ["E0313"]);
    assert_eq!(
        codes(&svc(
            "deploymentMinimumHealthyPercent: 100, deploymentMaximumPercent: 100",
            ""
        )),
        Vec::<&str>::new()
    );
}

#[test]
fn too_many_target_groups() {
    let listeners: String = (0..6)
        .map(|i| format!("let l{i} = ApplicationListener {{ port: {} }}\n", 80 + i))
        .collect();
    let containers: String = (0..6)
        .map(|i| format!("c{i}: {{ image: \"x\", portMappings: [l{i}] }}\n"))
        .collect();
    let src = format!("{listeners}let s = FargateService {{ containers: {{ {containers} }} }}");
    assert_eq!(codes(&src), ["E0309"]);
}

#[test]
fn template_limits() {
    let services: String = (0..100)
        .map(|i| {
            format!("let s{i} = FargateService {{ containers: {{ a: {{ image: \"x\" }} }} }}\n")
        })
        .collect();
    assert_eq!(codes(&services), ["E0401"]);
    let exports: String = std::iter::once("let c = Cluster {}\n".to_string())
        .chain((0..201).map(|i| format!("export o{i} = {i}\n")))
        .collect();
    assert_eq!(codes(&exports), ["E0403"]);
    let big = "x".repeat(200_000);
    let env: String = (0..6)
        .map(|i| format!("v{i}: \"{big}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let src = format!("let s = FargateService {{ containers: {{ a: {{ image: \"x\", environment: {{ {env} }} }} }} }}");
    assert_eq!(codes(&src), ["E0402"]);
    let doc = format!("/// {}\n\nexport x = 1", "d".repeat(1100));
    assert_eq!(codes(&doc), ["E0404"]);
}

#[test]
fn logical_ids_are_pascal_case_plus_role() {
    use crate::ir::{logical_id, pascal_case};
    assert_eq!(logical_id("nginx", "Service"), "NginxService");
    assert_eq!(logical_id("my_api", "LogGroup"), "MyApiLogGroup");
    assert_eq!(logical_id("apiService", "Service"), "ApiService");
    assert_eq!(logical_id("nginx.cluster", "Cluster"), "NginxCluster");
    assert_eq!(pascal_case("web"), "Web");
    // As splitting on every character that is not an ASCII letter or digit.
    for name in [
        "a_b-c.d",
        "__x__",
        "é_web",
        "webé2x",
        "UPPER_lower",
        "9lives",
        "",
        "ü",
    ] {
        let split: String = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter_map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| format!("{}{}", f.to_ascii_uppercase(), c.as_str()))
            })
            .collect();
        assert_eq!(pascal_case(name), split, "{name}");
    }
}

/// The properties of resource `id` in the template of `src` (which must compile).
fn props(src: &str, id: &str) -> serde_json::Value {
    let out = compile(src);
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
    out.compiled.unwrap().template.resources[id]
        .properties
        .clone()
        .into()
}

#[test]
fn overrides_set_and_remove_properties_of_generated_resources() {
    let src = r#"let t = FargateTaskDefinition {
    containers: { app: { image: "nginx", memory: 128 } }
    permissions: [{ actions: ["s3:ListAllMyBuckets"], resources: ["*"] }]
    overrides: {
        taskDefinition: { "ephemeralStorage.sizeInGiB": 30, remove: ["Cpu"] }
        taskRole: { MaxSessionDuration: 7200 }
    }
}
"#;
    let td = props(src, "TTaskDefinition");
    assert_eq!(
        td["EphemeralStorage"],
        serde_json::json!({ "SizeInGiB": 30 })
    );
    assert!(td.get("Cpu").is_none(), "{td}");
    assert!(td.get("Memory").is_some(), "{td}");
    assert_eq!(props(src, "TTaskRole")["MaxSessionDuration"], 7200);

    // Into a record the component already sets: its other properties stay.
    let svc = SVC.replace(
        "desiredCount: 2",
        "desiredCount: 2\n    overrides: { service: { \"DeploymentConfiguration.MaximumPercent\": 150 } }",
    );
    let dc = &props(&svc, "NginxService")["DeploymentConfiguration"];
    assert_eq!(dc["MaximumPercent"], 150);
    assert_eq!(dc["MinimumHealthyPercent"], 100);
    assert_eq!(dc["DeploymentCircuitBreaker"]["Enable"], true);
}

#[test]
fn overrides_are_checked_against_the_schema() {
    let with = |o: &str| {
        SVC.replace(
            "desiredCount: 2",
            &format!("desiredCount: 2\n    overrides: {o}"),
        )
    };
    assert_eq!(
        codes(&with("{ servce: { PropagateTags: \"SERVICE\" } }")),
        ["E0380"]
    );
    assert_eq!(
        codes(&with("{ service: { PropagateTag: \"SERVICE\" } }")),
        ["E0371"]
    );
    assert_eq!(
        codes(&with("{ service: { PropagateTags: \"SERVIC\" } }")),
        ["E0374"]
    );
    assert_eq!(
        codes(&with("{ service: { DesiredCount: \"two\" } }")),
        ["E0373"]
    );
    assert_eq!(
        codes(&with(
            "{ service: { \"LoadBalancers.ContainerName\": \"x\" } }"
        )),
        ["E0381"]
    );
    assert_eq!(
        codes(&with("{ service: { remove: [\"Nope\"] } }")),
        ["E0371"]
    );
    assert_eq!(codes(&with("{ service: { remove: 3 } }")), ["E0381"]);
    assert_eq!(codes(&with("[1]")), ["E0381"]);
    assert_eq!(
        codes(&with("{ service: { ServiceArn: \"x\" } }")),
        ["E0379"]
    );
    assert_eq!(
        codes(&with("{ taskRole: { MaxSessionDuration: 7200 } }")),
        ["E0382"]
    );
    // Components without roles do not take `overrides`.
    assert_eq!(
        codes("let c = Cluster { overrides: { cluster: {} } }\n"),
        ["E0103"]
    );
    // The quick fix replaces the misspelt name inside the path.
    let src = with("{ service: { \"DeploymentConfiguration.Alarm\": { enable: true, rollback: true, alarmNames: [\"a\"] } } }");
    let out = compile(&src);
    let fix = out.diagnostics[0].suggestion.as_ref().unwrap();
    assert_eq!(fix.replacement, "Alarms");
    let file = out.sources.get(fix.span.source).unwrap();
    assert_eq!(file.slice(fix.span), "Alarm");
}

#[test]
fn logical_id_prefixes_order_as_the_ids_do_where_they_differ() {
    let ids = [
        "",
        "A",
        "Ab",
        "Ab\0",
        "Ab\0\u{1}",
        "Abc",
        "AbcdefgH",
        "Abcdefgh",
        "Abcdefghi",
        "Abcdefgha",
        "B",
        "Web1LoadBalancer",
        "Web10LoadBalancer",
        "Web1Listener",
        "é",
        "Zz",
    ];
    for a in ids {
        for b in ids {
            let (pa, pb) = (super::prefix(a), super::prefix(b));
            if pa != pb {
                assert_eq!(pa.cmp(&pb), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }
}

#[test]
fn reference_ids_finds_every_ref_and_get_att() {
    use crate::ir::json::json;
    let v = json!({
        "A": { "Ref": "One" },
        "B": [{ "Fn::GetAtt": ["Two", "Arn"] }, { "Fn::Join": ["", [{ "Ref": "Three" }, "x"]] }],
        "Ref": "Four",
        "C": { "Ref": { "Ref": "Five" } },
        "D": { "Fn::GetAtt": "not a list" },
        "E": "Ref"
    });
    let mut ids = Vec::new();
    crate::ir::reference_ids(&v, &mut ids);
    ids.sort_unstable();
    assert_eq!(ids, ["Five", "Four", "One", "Three", "Two"]);
}
