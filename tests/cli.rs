//! The `ecsxc` binary: commands, flags, exit statuses, output files and formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ecsxc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ecsxc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run ecsxc")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn broken(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no broken example {name}"))
        .display()
        .to_string()
}

#[test]
fn build_prints_the_nginx_template_with_every_resource() {
    let o = ecsxc(&["build", "examples/nginx.ecsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let types: Vec<&str> = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r["Type"].as_str().unwrap())
        .collect();
    for ty in [
        "AWS::ECS::Cluster",
        "AWS::ECS::TaskDefinition",
        "AWS::IAM::Role",
        "AWS::Logs::LogGroup",
        "AWS::EC2::SecurityGroup",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ECS::Service",
    ] {
        assert!(types.contains(&ty), "missing {ty}");
    }
    assert_eq!(
        types
            .iter()
            .filter(|t| **t == "AWS::EC2::SecurityGroup")
            .count(),
        2
    );
    let r = &t["Resources"];
    let td = &r["NginxTaskDefinition"]["Properties"];
    assert_eq!(
        td["RequiresCompatibilities"],
        serde_json::json!(["FARGATE"])
    );
    assert_eq!(td["NetworkMode"], "awsvpc");
    assert_eq!(
        (td["Cpu"].as_str(), td["Memory"].as_str()),
        (Some("256"), Some("512"))
    );
    let c = &td["ContainerDefinitions"][0];
    assert_eq!(c["PortMappings"][0]["ContainerPort"], 80);
    assert_eq!(c["LogConfiguration"]["LogDriver"], "awslogs");
    assert!(
        r["NginxExecutionRole"]["Properties"]["ManagedPolicyArns"][0]["Fn::Sub"]
            .as_str()
            .unwrap()
            .ends_with("AmazonECSTaskExecutionRolePolicy")
    );
    assert_eq!(r["NginxLogGroup"]["Properties"]["RetentionInDays"], 1);
    let lb_sg = &r["WebLoadBalancerSecurityGroup"]["Properties"]["SecurityGroupIngress"][0];
    assert_eq!(
        (lb_sg["FromPort"].as_i64(), lb_sg["CidrIp"].as_str()),
        (Some(80), Some("0.0.0.0/0"))
    );
    let svc_sg = &r["NginxSecurityGroup"]["Properties"]["SecurityGroupIngress"][0];
    assert_eq!(
        svc_sg["SourceSecurityGroupId"]["Fn::GetAtt"][0],
        "WebLoadBalancerSecurityGroup"
    );
    assert!(svc_sg.get("CidrIp").is_none());
    assert_eq!(
        r["WebLoadBalancer"]["Properties"]["Scheme"],
        "internet-facing"
    );
    let tg = &r["NginxWebTargetGroup"]["Properties"];
    assert_eq!(
        (tg["TargetType"].as_str(), tg["Port"].as_i64()),
        (Some("ip"), Some(80))
    );
    assert!(tg.get("HealthCheckPath").is_some());
    let l = &r["WebListener"]["Properties"];
    assert_eq!(
        (l["Port"].as_i64(), l["DefaultActions"][0]["Type"].as_str()),
        (Some(80), Some("forward"))
    );
    let s = &r["NginxService"];
    assert_eq!(s["Properties"]["LaunchType"], "FARGATE");
    assert_eq!(s["Properties"]["DesiredCount"], 2);
    assert!(s["Properties"]["LoadBalancers"].is_array());
    assert!(s["Properties"]["NetworkConfiguration"]["AwsvpcConfiguration"].is_object());
    assert_eq!(s["DependsOn"], serde_json::json!(["WebListener"]));
    assert_eq!(t["Parameters"]["VpcId"]["Type"], "AWS::EC2::VPC::Id");
    assert_eq!(
        t["Parameters"]["SubnetIds"]["Type"],
        "List<AWS::EC2::Subnet::Id>"
    );
    assert_eq!(
        t["Outputs"]["url"]["Value"],
        serde_json::json!({ "Fn::GetAtt": ["WebLoadBalancer", "DNSName"] })
    );
    assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
    assert_eq!(
        t["Description"],
        "Two nginx web servers behind an internet-facing load balancer on port 80."
    );
}

#[test]
fn output_is_deterministic() {
    for f in [
        "examples/nginx.ecsx",
        "examples/params.ecsx",
        "examples/images.ecsx",
    ] {
        let a = ecsxc(&["build", f]);
        let b = ecsxc(&["build", f]);
        assert_eq!(a.stdout, b.stdout, "{f} differs between runs");
        let y1 = ecsxc(&["build", f, "--format", "yaml"]);
        let y2 = ecsxc(&["build", f, "--format", "yaml"]);
        assert_eq!(y1.stdout, y2.stdout);
    }
}

#[test]
fn yaml_is_the_same_template() {
    let json: serde_json::Value =
        serde_json::from_slice(&ecsxc(&["build", "examples/nginx.ecsx"]).stdout).unwrap();
    let o = ecsxc(&["build", "examples/nginx.ecsx", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let yaml: serde_json::Value = serde_yaml_ng::from_slice(&o.stdout).unwrap();
    assert_eq!(json, yaml);
}

#[test]
fn output_file_is_written_and_never_truncated_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.json");
    let out_s = out.display().to_string();
    let o = ecsxc(&["build", "examples/nginx.ecsx", "-o", &out_s]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let good = std::fs::read(&out).unwrap();
    assert!(good.starts_with(b"{"));
    let o = ecsxc(&["build", &broken("e0203"), "-o", &out_s]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        good,
        "the old template must stay"
    );
}

#[test]
fn errors_exit_1_with_coded_diagnostics_and_no_template() {
    let o = ecsxc(&["build", &broken("e0103_unknown_field")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let e = stderr(&o);
    assert!(e.contains("E0103") && e.contains("did you mean"), "{e}");
}

#[test]
fn check_prints_no_template() {
    for args in [
        vec!["check", "examples/nginx.ecsx"],
        vec!["build", "--check", "examples/nginx.ecsx"],
    ] {
        let o = ecsxc(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} printed a template");
    }
    let o = ecsxc(&["check", &broken("e0203")]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn json_diagnostics_for_editors() {
    let o = ecsxc(&["--message-format", "json", "check", &broken("e0203")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stderr.is_empty(),
        "check --message-format json writes to stdout"
    );
    let build = ecsxc(&["--message-format", "json", "build", &broken("e0203")]);
    assert_eq!(
        stderr(&build),
        stdout(&o),
        "build writes the same JSON to stderr"
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    assert_eq!(lines.len(), 1);
    let d = &lines[0];
    assert_eq!(d["code"], "E0203");
    assert_eq!(d["severity"], "error");
    assert!(d["file"].as_str().unwrap().ends_with(".ecsx"));
    for k in ["message", "help"] {
        assert!(d[k].is_string(), "{k}");
    }
    for k in ["start", "end"] {
        assert!(d[k]["line"].as_u64().unwrap() >= 1);
        assert!(d[k]["column"].as_u64().unwrap() >= 1);
    }
    assert!(d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["primary"] == true));
}

#[test]
fn io_and_usage_errors_exit_2() {
    let o = ecsxc(&["build", "does/not/exist.ecsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("E0004"));
    assert_eq!(ecsxc(&["build"]).status.code(), Some(2));
    assert_eq!(ecsxc(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        ecsxc(&["build", "examples/nginx.ecsx", "--format", "toml"])
            .status
            .code(),
        Some(2)
    );
    let dir = tempfile::tempdir().unwrap();
    let o = ecsxc(&[
        "build",
        "examples/nginx.ecsx",
        "-o",
        &dir.path().join("no/such/dir.json").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn invalid_utf8_and_empty_files_are_diagnosed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ecsx");
    std::fs::write(&bad, b"let x = \"\xff\"").unwrap();
    let o = ecsxc(&["check", &bad.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E0002"));
    let empty = dir.path().join("empty.ecsx");
    std::fs::write(&empty, b"").unwrap();
    let o = ecsxc(&["check", &empty.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E0003"));
}

#[test]
fn help_for_every_command() {
    let o = ecsxc(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let top = stdout(&o);
    for cmd in ["build", "check"] {
        assert!(top.contains(cmd));
        let o = ecsxc(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        let h = stdout(&o);
        assert!(h.contains("--message-format"), "{cmd}: {h}");
    }
    let h = stdout(&ecsxc(&["build", "--help"]));
    for flag in ["--output", "--format", "--check", "--color"] {
        assert!(h.contains(flag), "build --help lacks {flag}");
    }
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let b = broken("e0203");
    let plain = ecsxc(&["check", &b]);
    assert!(
        !stderr(&plain).contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
    let forced = ecsxc(&["--color", "always", "check", &b]);
    assert!(stderr(&forced).contains('\u{1b}'));
    let o = Command::new(env!("CARGO_BIN_EXE_ecsxc"))
        .args(["check", &b])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stderr(&o).contains('\u{1b}'));
}
