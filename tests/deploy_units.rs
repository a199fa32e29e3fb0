//! Deploy-side logic that needs no AWS: `--param` checks against a compiled program
//! (rendered as diagnostics at the `param` declarations), parameter values, image plans
//! and their content-hash tags, `docker build` arguments, change-set names, S3 URLs.

use ecsxc::deploy::cli::{parse_duration, parse_param, parse_stack_name};
use ecsxc::deploy::params::{self, DefaultVpc, ParamProblem};
use ecsxc::deploy::{changeset, images, upload};
use ecsxc::diagnostics::render::{render_all, MessageFormat};

const PROGRAM: &str = r#"param env: "dev" | "prod" = "dev"
param size: Int in 0..10

let api = FargateService {
    desiredCount: size
    waitForSteadyState: false
    containers: { web: { image: "nginx", memory: 128 } }
}

export stage = env
"#;

fn given(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn check(pairs: &[(&str, &str)]) -> String {
    let out = ecsxc::compile_bytes("app.ecsx", PROGRAM.as_bytes());
    let compiled = out.compiled.as_ref().expect("the program compiles");
    match params::check(compiled, &given(pairs)) {
        Ok(()) => "ok".to_string(),
        Err(ParamProblem::Usage(e)) => e.to_string(),
        Err(ParamProblem::Diagnostics(d)) => {
            render_all(&d, &out.sources, MessageFormat::Human, false, 80)
        }
    }
}

#[test]
fn params_are_checked_before_any_aws_call() {
    assert_eq!(check(&[("size", "2")]), "ok");
    assert_eq!(check(&[("size", "2"), ("env", "prod")]), "ok");
    // The default VPC may be replaced with `--param`.
    assert_eq!(check(&[("size", "2"), ("VpcId", "vpc-1")]), "ok");
    let mut text = String::new();
    for case in [
        vec![],
        vec![("size", "2"), ("env", "staging")],
        vec![("size", "11")],
        vec![("size", "two")],
        vec![("size", "2"), ("sise", "3")],
    ] {
        text.push_str(&format!("--- {case:?}\n{}\n", check(&case)));
    }
    insta::with_settings!({snapshot_path => "../snapshots/deploy", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("param_checks", text);
    });
}

#[test]
fn parameter_values_come_from_their_sources() {
    let out = ecsxc::compile_bytes("app.ecsx", PROGRAM.as_bytes());
    let compiled = out.compiled.expect("compiles");
    let vpc = DefaultVpc {
        vpc_id: "vpc-0abc".to_string(),
        subnet_ids: vec!["subnet-1".to_string(), "subnet-2".to_string()],
        cidr: "172.31.0.0/16".to_string(),
    };
    let ps = &compiled.manifest.parameters;
    assert!(params::needs_default_vpc(ps, &[]));
    let values = params::resolve(ps, &given(&[("size", "3")]), Some(&vpc), &[]).expect("values");
    let mut values = values;
    values.sort();
    assert_eq!(
        values,
        given(&[
            ("SubnetIds", "subnet-1,subnet-2"),
            ("VpcId", "vpc-0abc"),
            ("size", "3"),
        ]),
        "env keeps its template default"
    );
    let mine = given(&[("VpcId", "vpc-mine"), ("SubnetIds", "subnet-9")]);
    assert!(!params::needs_default_vpc(ps, &mine));
}

#[test]
fn image_tags_follow_the_build_inputs() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("app/.git")).expect("mkdir");
    std::fs::write(dir.path().join("app/Dockerfile"), "FROM nginx\n").expect("write");
    std::fs::write(dir.path().join("app/index.html"), "hi\n").expect("write");
    std::fs::write(dir.path().join("app/.git/HEAD"), "x\n").expect("write");
    let build = ecsxc::ir::manifest::ImageBuild {
        parameter: "ApiWebImage".to_string(),
        repository: "api-web".to_string(),
        context: "./app".to_string(),
        dockerfile: None,
        target: Some("prod".to_string()),
        build_args: vec![("MODE".to_string(), "fast".to_string())],
        cache_from: vec!["build".to_string()],
        platform: None,
    };
    let plan = || images::plan(std::slice::from_ref(&build), dir.path()).expect("plan");
    let first = plan();
    let p = first.first().expect("one image");
    assert_eq!(p.tag.len(), 20);
    assert_eq!(plan(), first, "same inputs, same tag");
    std::fs::write(dir.path().join("app/.git/HEAD"), "y\n").expect("write");
    assert_eq!(plan(), first, ".git is not part of the context hash");
    std::fs::write(dir.path().join("app/index.html"), "hello\n").expect("write");
    let second = plan();
    assert_ne!(
        second.first().map(|p| &p.tag),
        Some(&p.tag),
        "a changed file, a new tag"
    );

    let p = second.first().expect("one image");
    let args = images::build_args(
        p,
        "repo:tag",
        p.target.as_deref(),
        &["repo:cache-build".to_string()],
    );
    let ctx = dir.path().join("app").display().to_string();
    assert_eq!(
        args,
        vec![
            "build",
            "--tag",
            "repo:tag",
            "--target",
            "prod",
            "--build-arg",
            "MODE=fast",
            "--cache-from",
            "repo:cache-build",
            &ctx,
        ]
    );

    // An image for Graviton instances: built for ARM, under another tag.
    let arm = ecsxc::ir::manifest::ImageBuild {
        platform: Some("linux/arm64".to_string()),
        ..build.clone()
    };
    let arm_plan = images::plan(std::slice::from_ref(&arm), dir.path()).expect("plan");
    let a = arm_plan.first().expect("one image");
    assert_ne!(a.tag, p.tag, "the platform is a build input");
    let args = images::build_args(a, "repo:tag", None, &[]);
    assert_eq!(
        args.get(..5),
        Some(&["build", "--tag", "repo:tag", "--platform", "linux/arm64"].map(String::from)[..])
    );

    let missing = ecsxc::ir::manifest::ImageBuild {
        context: "./nope".to_string(),
        ..build.clone()
    };
    let err = images::plan(&[missing], dir.path()).expect_err("no folder");
    assert!(err.message.contains("is not a folder"), "{err}");
}

#[test]
fn names_urls_and_flags() {
    let a = changeset::new_name();
    let b = changeset::new_name();
    assert_ne!(a, b);
    assert!(a.starts_with("ecsxc-") && a.len() <= 128, "{a}");
    assert!(
        a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "{a}"
    );
    assert_eq!(
        upload::template_url("b", "us-east-1", "ecsxc/web/x.json"),
        "https://b.s3.amazonaws.com/ecsxc/web/x.json"
    );
    assert_eq!(
        upload::template_url("b", "eu-west-1", "k"),
        "https://b.s3.eu-west-1.amazonaws.com/k"
    );
    assert_eq!(
        upload::managed_bucket("123", "eu-west-1"),
        "ecsxc-templates-123-eu-west-1"
    );
    assert_eq!(
        parse_param("a=b=c"),
        Ok(("a".to_string(), "b=c".to_string()))
    );
    assert!(parse_param("=x").is_err() && parse_param("x").is_err());
    assert!(parse_stack_name("web-1").is_ok());
    assert!(parse_stack_name("1web").is_err() && parse_stack_name("we_b").is_err());
    assert_eq!(parse_duration("90"), Ok(std::time::Duration::from_secs(90)));
    assert_eq!(
        parse_duration("10m"),
        Ok(std::time::Duration::from_secs(600))
    );
    assert!(parse_duration("3d").is_err());
    assert!(changeset::is_no_changes(
        "The submitted information didn't contain changes. Submit different information to create a change set."
    ));
    assert!(changeset::is_no_changes("No updates are to be performed."));
    let policy: serde_json::Value =
        serde_json::from_str(&images::lifecycle_policy()).expect("json");
    assert_eq!(
        policy["rules"][0]["selection"]["countType"],
        "imageCountMoreThan"
    );
}

/// `.dockerignore` keeps excluded files out of the image tag, as docker keeps them out
/// of the build context.
#[test]
fn content_hash_follows_dockerignore() {
    use ecsxc::deploy::images::content_hash;
    use ecsxc::ir::ImageBuild;
    let dir = tempfile::tempdir().unwrap();
    let ctx = dir.path();
    std::fs::write(ctx.join("Dockerfile"), "FROM scratch\n").unwrap();
    std::fs::write(ctx.join("app.txt"), "v1").unwrap();
    std::fs::create_dir_all(ctx.join("node_modules/pkg")).unwrap();
    std::fs::write(ctx.join("node_modules/pkg/index.js"), "1").unwrap();
    std::fs::write(
        ctx.join(".dockerignore"),
        "# deps\nnode_modules\n*.log\n!keep.log\n",
    )
    .unwrap();
    let image = ImageBuild {
        parameter: "AppImage".into(),
        repository: "app".into(),
        context: ".".into(),
        dockerfile: None,
        target: None,
        build_args: Vec::new(),
        cache_from: Vec::new(),
        platform: None,
    };
    let hash = || content_hash(ctx, &ctx.join("Dockerfile"), &image).unwrap();
    let base = hash();
    std::fs::write(ctx.join("node_modules/pkg/index.js"), "2").unwrap();
    std::fs::write(ctx.join("debug.log"), "noise").unwrap();
    assert_eq!(hash(), base, "ignored files must not change the tag");
    std::fs::write(ctx.join("keep.log"), "kept").unwrap();
    let with_keep = hash();
    assert_ne!(with_keep, base, "`!keep.log` re-includes it");
    std::fs::write(ctx.join("app.txt"), "v2").unwrap();
    assert_ne!(hash(), with_keep, "a sent file changes the tag");
}
