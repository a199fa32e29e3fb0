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
