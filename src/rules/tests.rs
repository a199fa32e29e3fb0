//! The rules pass reports every fault of a program in one run, also next to type
//! errors in other components.

fn codes(src: &str) -> Vec<&'static str> {
    let mut c: Vec<&'static str> = crate::compile_bytes("t.ecsx", src.as_bytes())
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    c.sort();
    c
}

#[test]
fn faults_in_three_components_are_reported_in_one_run() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/broken/several_faults.ecsx"
    ))
    .unwrap();
    assert_eq!(codes(&src), ["E0203", "E0316", "E0328"]);
}

#[test]
fn a_rule_fault_does_not_hide_another() {
    // HTTPS without a certificate and a bad health check on one listener: both.
    let src = r#"let web = ApplicationListener { protocol: "HTTPS", healthCheckPath: "x" }
let app = FargateService { containers: { a: { image: "x", portMappings: [web] } } }"#;
    assert_eq!(codes(src), ["E0307", "E0316"]);
    // Every rule of a listener, a rule list and a VPC at once.
    let src = r#"let vpc = Vpc { cidr: "10.0.0.0/30" }
let lb = ApplicationLoadBalancer { vpc: vpc }
let a = ApplicationListener { loadBalancer: lb, port: 80, certificateArn: "arn:x", fixedResponse: {}, rules: [{ priority: 5, paths: ["/a"], fixedResponse: {} }, { priority: 5, paths: ["/b"], fixedResponse: {} }] }
let b = ApplicationListener { loadBalancer: lb, port: 80, fixedResponse: {} }"#;
    assert_eq!(codes(src), ["E0317", "E0320", "E0323", "E0329"]);
}

#[test]
fn every_rule_is_registered_once() {
    let mut names: Vec<&str> = super::RULES
        .iter()
        .chain(super::UNUSED)
        .map(|(n, _)| *n)
        .collect();
    let all = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), all);
}

#[test]
fn rules_of_ec2_tasks_fit_their_network_mode() {
    // Bridge tasks use their instances' network: a VPC of public subnets only will do.
    let vpc = r#"let network = Vpc.existing { id: "vpc-0a1b2c3d4e5f60718", publicSubnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] }
let cluster = Cluster { vpc: network }
let capacity = AutoScalingGroup { cluster: cluster, instanceType: "t3.medium" }
"#;
    let bridge = "let web = EC2Service { cluster: cluster, containers: { app: { image: \"nginx\", memory: 256 } } }";
    assert_eq!(codes(&format!("{vpc}{bridge}")), Vec::<&str>::new());
    // awsvpc tasks need subnets of their own kind.
    let awsvpc = "let web = EC2Service { cluster: cluster, networkMode: \"awsvpc\", containers: { app: { image: \"nginx\", memory: 256 } } }";
    assert_eq!(codes(&format!("{vpc}{awsvpc}")), ["E0325"]);
    // Reservations, not hard limits, are what an instance must hold.
    let soft = "let web = EC2Service { cluster: cluster, containers: { app: { image: \"nginx\", memory: 8GiB, memoryReservation: 512 } } }";
    assert_eq!(codes(&format!("{vpc}{soft}")), Vec::<&str>::new());
    // A group scaled to nothing is fine for a service with nothing to run.
    let none = r#"let cluster = Cluster {}
let capacity = AutoScalingGroup { cluster: cluster, instanceType: "t3.medium", minSize: 0, maxSize: 0 }
let web = EC2Service { cluster: cluster, desiredCount: 0, containers: { app: { image: "nginx", memory: 256 } } }
let agent = EC2Service { cluster: cluster, schedulingStrategy: "DAEMON", containers: { app: { image: "nginx", memory: 256 } } }"#;
    assert_eq!(codes(none), Vec::<&str>::new());
}

/// One Fargate service with `body` added, compiled: its codes.
fn service(body: &str) -> Vec<&'static str> {
    codes(&format!("let app = FargateService {{\n{body}\n}}\n"))
}

#[test]
fn logging_rules() {
    let box_ = r#"image: "busybox", memory: 64"#;
    // splunk and FireLens with a router are fine on Fargate; no logging at all too.
    let ok = format!(
        r#"containers: {{
    a: {{ {box_}, logging: Logging.driver {{ name: "splunk", options: {{ "splunk-url": "https://s:8088" }} }} }}
    b: {{ {box_}, logging: Logging.firelens {{}} }}
    r: {{ {box_}, firelensConfiguration: {{}}, logging: Logging.awslogs {{ retention: 30d }} }}
    n: {{ {box_}, logging: Logging.none() }}
}}"#
    );
    assert!(service(&ok).is_empty(), "{:?}", service(&ok));
    // Two routers; a router logging through itself; a bad log group name; a retention
    // CloudWatch does not offer (E0312, as for `logRetention`).
    let bad = format!(
        r#"containers: {{
    r1: {{ {box_}, firelensConfiguration: {{}}, logging: Logging.firelens {{}} }}
    r2: {{ {box_}, firelensConfiguration: {{ type: "fluentd" }} }}
    g: {{ {box_}, logging: Logging.existing("no spaces allowed") }}
    k: {{ {box_}, logging: Logging.awslogs {{ retention: 2d }} }}
}}"#
    );
    assert_eq!(service(&bad), ["E0312", "E0352", "E0352", "E0352"]);
    // syslog is fine on EC2.
    let ec2 = r#"let cluster = Cluster {}
let cap = AutoScalingGroup { cluster: cluster, instanceType: "t3.small" }
let app = EC2Service { cluster: cluster, containers: { a: { image: "busybox", memory: 64, logging: Logging.driver { name: "syslog" } } } }"#;
    assert!(codes(ec2).is_empty(), "{:?}", codes(ec2));
}

#[test]
fn volume_rules() {
    let bad = r#"volumes: {
    d: Volume.docker { autoprovision: true }
    e: Volume.efs { fileSystem: fs, accessPoint: "ap-1", rootDirectory: "/x", iam: true }
    "bad name": Volume.bind()
}
containers: {
    a: {
        image: "busybox"
        memory: 64
        mountPoints: [{ volume: "e", path: "rel" }, { volume: "e", path: "/x" }, { volume: "e", path: "/x" }, { volume: "nothing", path: "/y" }]
    }
}"#;
    let src = format!(
        "let vpc = Vpc {{ cidr: \"10.0.0.0/16\" }}\nlet fs = EfsFileSystem {{ vpc: vpc }}\nlet cluster = Cluster {{ vpc: vpc }}\nlet cap = AutoScalingGroup {{ cluster: cluster, instanceType: \"t3.small\" }}\nlet app = EC2Service {{\ncluster: cluster\n{bad}\n}}\n"
    );
    // Autoprovision on a task volume; an access point with a root directory; a bad
    // access point id; IAM without a task role; a bad volume name; a relative path; two
    // mounts at one path; an unknown volume; and `d` is mounted by nobody (W0007).
    assert_eq!(
        codes(&src),
        ["E0353", "E0353", "E0353", "E0353", "E0353", "E0353", "E0353", "E0353", "W0007"]
    );
}

#[test]
fn platform_and_file_system_rules() {
    // Windows on ecsxc's EC2 instances; an existing file system with bad ids.
    let src = r#"let cluster = Cluster {}
let cap = AutoScalingGroup { cluster: cluster, instanceType: "t3.small" }
let fs = EfsFileSystem.existing { id: "fs-xyz", securityGroup: "group" }
let app = EC2Service {
    cluster: cluster
    runtimePlatform: { os: "WINDOWS_SERVER_2022_CORE" }
    volumes: { e: Volume.efs { fileSystem: fs } }
    containers: { a: { image: "busybox", memory: 64, mountPoints: [{ volume: "e", path: "/e" }] } }
}"#;
    assert_eq!(codes(src), ["E0354", "E0354", "E0355"]);
    // Elastic throughput in Max I/O mode (EFS rejects it).
    let src = r#"let vpc = Vpc { cidr: "10.0.0.0/16" }
let fs = EfsFileSystem { vpc: vpc, performanceMode: "maxIO", throughputMode: "elastic" }"#;
    assert_eq!(codes(src), ["E0354"]);
    // ARM64 on Graviton instances, LATEST and 1.4.0 with EFS: fine.
    let src = r#"let vpc = Vpc { cidr: "10.0.0.0/16" }
let cluster = Cluster { vpc: vpc }
let cap = AutoScalingGroup { cluster: cluster, instanceType: "m7g.large" }
let fs = EfsFileSystem { vpc: vpc }
let arm = EC2Service { cluster: cluster, runtimePlatform: { cpuArchitecture: "ARM64" }, containers: { a: { image: "busybox", memory: 64 } } }
let web = FargateService {
    cluster: cluster
    platformVersion: "LATEST"
    volumes: { e: Volume.efs { fileSystem: fs } }
    containers: { a: { image: "busybox", memory: 64, mountPoints: [{ volume: "e", path: "/e" }] } }
}"#;
    assert!(codes(src).is_empty(), "{:?}", codes(src));
}

#[test]
fn build_folders_are_checked_only_with_a_folder() {
    let src = "let app = FargateService { containers: { a: { image: Image.fromDockerBuild { context: \"./app\", dockerfile: \"./app/Nope.Dockerfile\" }, memory: 64 } } }\n";
    let examples = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"));
    let with = crate::compile_bytes_in("t.ecsx", src.as_bytes(), Some(examples));
    let found: Vec<&str> = with.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        found,
        ["E0356"],
        "the folder exists, the Dockerfile does not"
    );
    let fine = src.replace("./app/Nope.Dockerfile", "./app/Dockerfile");
    let ok = crate::compile_bytes_in("t.ecsx", fine.as_bytes(), Some(examples));
    assert!(ok.diagnostics.is_empty(), "{:?}", ok.diagnostics);
    assert!(codes(src).is_empty(), "no folder (standard input): skipped");
}
