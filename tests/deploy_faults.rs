//! Throttling, 503s, timeouts and dropped connections between ecsxc and moto, injected by
//! the proxy in `support/proxy.rs`: transient faults are retried with backoff (the SDK's
//! standard retry mode), persistent ones are reported as `Operation: message`, never as a
//! debug dump or a panic.

mod support;

use support::proxy::{Fault, Proxy};
use support::{ecsxc, moto_endpoint, run, unique, Program};

/// A deployed stack to read through the proxy.
fn deployed_stack() -> String {
    let p = Program::nginx("faults", 1);
    p.deploy(ecsxc(&moto_endpoint()));
    p.stack
}

#[test]
fn throttling_is_retried() {
    let stack = deployed_stack();
    let proxy = Proxy::start(&moto_endpoint(), |n| {
        if n < 2 {
            Fault::Throttle
        } else {
            Fault::Pass
        }
    });
    let r = run(ecsxc(&proxy.url), &["status", "--stack", &stack]);
    assert_eq!(r.code, 0, "{}", r.both());
    assert!(r.stdout.contains("CREATE_COMPLETE"), "{}", r.both());
    assert!(
        proxy.requests() >= 4,
        "2 throttled + the calls: {}",
        proxy.requests()
    );
}

#[test]
fn persistent_throttling_is_reported_with_the_operation() {
    let stack = unique("faults-never");
    let proxy = Proxy::start(&moto_endpoint(), |_| Fault::Throttle);
    let mut cmd = ecsxc(&proxy.url);
    cmd.env("AWS_MAX_ATTEMPTS", "3");
    let r = run(cmd, &["outputs", "--stack", &stack]);
    assert_eq!(r.code, 1, "{}", r.both());
    assert_eq!(
        r.stderr.trim(),
        "error: DescribeStacks: Rate exceeded (Throttling)",
        "{}",
        r.both()
    );
    assert_eq!(proxy.requests(), 3, "three attempts");
}

#[test]
fn service_unavailable_is_retried_then_reported() {
    let stack = deployed_stack();
    let proxy = Proxy::start(&moto_endpoint(), |n| {
        if n == 0 {
            Fault::Unavailable
        } else {
            Fault::Pass
        }
    });
    let r = run(ecsxc(&proxy.url), &["outputs", "--stack", &stack]);
    assert_eq!(r.code, 0, "{}", r.both());

    let proxy = Proxy::start(&moto_endpoint(), |_| Fault::Unavailable);
    let mut cmd = ecsxc(&proxy.url);
    cmd.env("AWS_MAX_ATTEMPTS", "2");
    let r = run(cmd, &["outputs", "--stack", &stack]);
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr.starts_with(
            "error: DescribeStacks: the service answered HTTP 503 Service Unavailable"
        ),
        "{}",
        r.both()
    );
}

#[test]
fn dropped_connections_are_retried() {
    let stack = deployed_stack();
    let proxy = Proxy::start(&moto_endpoint(), |n| {
        if n < 2 {
            Fault::Drop
        } else {
            Fault::Pass
        }
    });
    let r = run(ecsxc(&proxy.url), &["outputs", "--stack", &stack, "--json"]);
    assert_eq!(r.code, 0, "{}", r.both());
    assert_eq!(r.stdout.trim(), "{}", "{}", r.both());
}

#[test]
fn a_hanging_endpoint_times_out_and_is_retried() {
    let stack = deployed_stack();
    let proxy = Proxy::start(&moto_endpoint(), |n| {
        if n == 0 {
            Fault::Hang
        } else {
            Fault::Pass
        }
    });
    let mut cmd = ecsxc(&proxy.url);
    cmd.env("ECSXC_API_ATTEMPT_TIMEOUT", "1");
    let started = std::time::Instant::now();
    let r = run(cmd, &["outputs", "--stack", &stack]);
    assert_eq!(r.code, 0, "{}", r.both());
    assert!(started.elapsed() < std::time::Duration::from_secs(20));

    let proxy = Proxy::start(&moto_endpoint(), |_| Fault::Hang);
    let mut cmd = ecsxc(&proxy.url);
    cmd.env("ECSXC_API_ATTEMPT_TIMEOUT", "0.5")
        .env("AWS_MAX_ATTEMPTS", "2");
    let r = run(cmd, &["outputs", "--stack", &stack]);
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr.starts_with("error: DescribeStacks: "),
        "{}",
        r.both()
    );
    assert!(
        r.stderr.contains("in time") || r.stderr.contains("timed out"),
        "{}",
        r.both()
    );
}

#[test]
fn a_whole_deploy_survives_intermittent_faults() {
    let endpoint = moto_endpoint();
    // Every third request is throttled, every seventh dropped.
    let proxy = Proxy::start(&endpoint, |n| match n % 21 {
        2 | 5 | 8 | 11 | 14 | 17 | 20 => Fault::Throttle,
        6 | 13 => Fault::Drop,
        _ => Fault::Pass,
    });
    let p = Program::nginx("faults-deploy", 2);
    let r = p.deploy(ecsxc(&proxy.url));
    assert!(r.stderr.contains("CREATE_COMPLETE"), "{}", r.both());
    let r = p.deploy(ecsxc(&proxy.url));
    assert!(r.stdout.contains("no changes"), "{}", r.both());
}

#[test]
fn an_unreachable_endpoint_is_reported_readably() {
    let mut cmd = ecsxc("http://127.0.0.1:9");
    cmd.env("AWS_MAX_ATTEMPTS", "1");
    let r = run(cmd, &["outputs", "--stack", "nowhere"]);
    assert_eq!(r.code, 1, "{}", r.both());
    assert!(
        r.stderr
            .starts_with("error: DescribeStacks: could not reach the service"),
        "{}",
        r.both()
    );
    assert!(r.stderr.contains("help: "), "{}", r.both());
}
