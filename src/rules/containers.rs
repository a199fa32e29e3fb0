//! Rules of container settings: health checks, stop timeouts, ulimits, the order
//! containers start in (`dependsOn`), image references, and credentials written into
//! environment variables.

use super::launches;
use crate::check::{Val, Value};
use crate::diagnostics::{closest, Code, Diagnostic};
use crate::limits;
use crate::model::views::{ContainerView, DependencyCondition, ImageRef, SecretRef};
use crate::model::{CompRef, Launch, Model};
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

/// Health checks whose timeout is not below their interval; stop timeouts past
/// Fargate's limit; ulimits given twice or with a soft limit above the hard one.
pub fn settings(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, launch) in launches(model) {
        for (name, f) in model.containers(c) {
            let name = &name.value;
            if let Some(h) = &f.health_check {
                let h = &h.value;
                if h.timeout.value >= h.interval.value {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidContainerHealthCheck,
                            h.timeout.span,
                            format!(
                                "the health check of container `{name}` times out after {} s, not before its next check in {} s",
                                h.timeout.value.0, h.interval.value.0
                            ),
                        )
                        .label("timeout")
                        .with_label(h.interval.span, "interval")
                        .help("make `timeout` shorter than `interval`"),
                    );
                }
            }
            if let (Some(t), Launch::Fargate) = (&f.stop_timeout, launch) {
                if t.value.0 > limits::FARGATE_MAX_STOP_TIMEOUT_SECONDS {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidContainerSetting,
                            t.span,
                            format!(
                                "container `{name}` has a stop timeout of {} s; Fargate waits at most {} s",
                                t.value.0,
                                limits::FARGATE_MAX_STOP_TIMEOUT_SECONDS
                            ),
                        )
                        .label("too long for Fargate")
                        .help(format!(
                            "use at most `{}s`, or run the task on EC2 capacity",
                            limits::FARGATE_MAX_STOP_TIMEOUT_SECONDS
                        )),
                    );
                }
            }
            ulimits(name, f, diags);
        }
    }
}

/// A ulimit given twice, or with its soft limit above its hard limit.
fn ulimits(container: &str, f: &ContainerView, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for u in &f.ulimits {
        let v = &u.value;
        if let Some(first) = seen.insert(v.name.as_str(), u.span) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidContainerSetting,
                    u.span,
                    format!(
                        "container `{container}` sets ulimit `{}` twice",
                        v.name.as_str()
                    ),
                )
                .label("second time")
                .with_label(first, "first time")
                .help("keep one of them"),
            );
        }
        if v.soft_limit.value > v.hard_limit.value {
            diags.push(
                Diagnostic::new(
                    Code::InvalidContainerSetting,
                    v.soft_limit.span,
                    format!(
                        "ulimit `{}` of container `{container}` has a soft limit of {} above its hard limit of {}",
                        v.name.as_str(),
                        v.soft_limit.value,
                        v.hard_limit.value
                    ),
                )
                .label("soft limit")
                .with_label(v.hard_limit.span, "hard limit")
                .help("a soft limit is at most the hard limit"),
            );
        }
    }
}

/// `dependsOn`: names a container of the task, not itself, forms no cycle, and asks for
/// `HEALTHY` only from a container with a health check; waiting for an essential
/// container to exit is a warning (the task stops when it does).
pub fn dependencies(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in launches(model) {
        let list = model.containers(c);
        let by_name: BTreeMap<&str, &ContainerView> =
            list.iter().map(|(n, f)| (n.value.as_str(), *f)).collect();
        let mut edges: BTreeMap<&str, Vec<(&str, Span)>> = BTreeMap::new();
        for (name, f) in &list {
            for (target, condition) in &f.depends_on.value.0 {
                let Some(other) = by_name.get(target.value.as_str()) else {
                    let mut d = Diagnostic::new(
                        Code::InvalidDependency,
                        target.span,
                        format!(
                            "container `{}` waits for `{}`, which is not a container of `{}`",
                            name.value,
                            target.value,
                            model.name(c)
                        ),
                    )
                    .label("no such container");
                    d = match closest(&target.value, by_name.keys().copied()) {
                        Some(s) => d
                            .help(format!("did you mean `{s}`?"))
                            .suggest(target.span, s),
                        None => d.help(format!(
                            "the task's containers are {}",
                            crate::diagnostics::code_list(by_name.keys().copied())
                        )),
                    };
                    diags.push(d);
                    continue;
                };
                if target.value == name.value {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidDependency,
                            target.span,
                            format!("container `{}` waits for itself", name.value),
                        )
                        .label("itself")
                        .help("remove this entry of `dependsOn`"),
                    );
                    continue;
                }
                edges
                    .entry(name.value.as_str())
                    .or_default()
                    .push((target.value.as_str(), target.span));
                match condition.value {
                    DependencyCondition::Healthy if other.health_check.is_none() => {
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidDependency,
                                condition.span,
                                format!(
                                    "container `{}` waits for `{}` to be healthy, but `{}` has no health check",
                                    name.value, target.value, target.value
                                ),
                            )
                            .label("never becomes healthy")
                            .help(format!(
                                "give `{}` a `healthCheck`, or wait for `\"START\"`",
                                target.value
                            )),
                        );
                    }
                    DependencyCondition::Complete | DependencyCondition::Success
                        if other.essential.value =>
                    {
                        let mut d = Diagnostic::new(
                            Code::WaitsForEssentialExit,
                            condition.span,
                            format!(
                                "container `{}` waits for `{}` to exit, but `{}` is essential{}: the task stops when it exits",
                                name.value,
                                target.value,
                                target.value,
                                if other.essential.given { "" } else { " (the default)" }
                            ),
                        )
                        .label("waits for an exit");
                        if other.essential.given {
                            d = d.with_label(other.essential.span, "essential");
                        }
                        diags.push(
                            d.help(format!(
                                "give `{}` `essential: false` (a job that runs first), or wait for `\"START\"` or `\"HEALTHY\"`",
                                target.value
                            )),
                        );
                    }
                    _ => {}
                }
            }
        }
        cycles(model.name(c), &edges, diags);
    }
}

/// One diagnostic per cycle of `dependsOn` among a task's containers.
fn cycles(task: &str, edges: &BTreeMap<&str, Vec<(&str, Span)>>, diags: &mut Vec<Diagnostic>) {
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in edges.keys() {
        let mut path: Vec<(&str, Span)> = Vec::new();
        visit(start, edges, &mut path, &mut done, task, diags);
    }
}

/// Depth-first search from `node`; `path` holds the containers on the way with the span
/// of the dependency that led to each.
fn visit<'a>(
    node: &'a str,
    edges: &BTreeMap<&'a str, Vec<(&'a str, Span)>>,
    path: &mut Vec<(&'a str, Span)>,
    done: &mut BTreeSet<&'a str>,
    task: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if done.contains(node) {
        return;
    }
    for &(next, span) in edges.get(node).map(Vec::as_slice).unwrap_or(&[]) {
        if let Some(cycle) = path
            .iter()
            .position(|(n, _)| *n == next)
            .and_then(|at| path.get(at..))
        {
            let ring: Vec<&str> = cycle.iter().map(|(n, _)| *n).collect();
            let mut d = Diagnostic::new(
                Code::InvalidDependency,
                span,
                format!(
                    "containers of `{task}` wait for each other in a circle: {} → {node} → {next}",
                    ring.join(" → ")
                ),
            )
            .label("closes the circle");
            for (_, s) in cycle {
                d = d.with_label(*s, "waits here");
            }
            diags.push(d.help("remove one of these `dependsOn` entries: none of them can start"));
            continue;
        }
        if next == node {
            continue;
        }
        path.push((node, span));
        visit(next, edges, path, done, task, diags);
        path.pop();
    }
    done.insert(node);
}

/// Image references a registry would refuse: empty, spaces or upper case in the
/// repository, a tag past 128 characters, a digest that is not `sha256:` and 64 hex digits.
pub fn images(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in launches(model) {
        for (name, f) in model.containers(c) {
            let ImageRef::Reference(v) = &f.image else {
                continue;
            };
            let Some(reference) = v.as_str() else {
                continue;
            };
            if let Err((what, help)) = image_reference(reference) {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidImageReference,
                        v.span,
                        format!("the image of container `{}` {what}", name.value),
                    )
                    .label("not an image reference")
                    .help(help),
                );
            }
        }
    }
}

/// Checks a Docker image reference, `[registry/]repository[:tag][@digest]`; on a fault,
/// what is wrong and how to fix it.
pub fn image_reference(r: &str) -> Result<(), (String, String)> {
    let example =
        "write `nginx`, `nginx:1.27`, or `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1`";
    if r.trim().is_empty() {
        return Err(("is empty".into(), example.into()));
    }
    if r.chars().any(char::is_whitespace) {
        return Err(("contains white space".into(), example.into()));
    }
    let (rest, digest) = match r.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (r, None),
    };
    if let Some(d) = digest {
        let hex = d.strip_prefix("sha256:").unwrap_or("");
        if hex.len() != 64
            || !hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err((
                format!("has the digest `{d}`"),
                "a digest is `sha256:` and 64 lower-case hex digits".into(),
            ));
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (repo, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let valid = tag.len() <= limits::MAX_IMAGE_TAG_LENGTH
            && tag
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !valid {
            return Err((
                format!("has the tag `{tag}`"),
                format!(
                    "a tag is 1 to {} letters, digits, `_`, `.` and `-`, not starting with `.` or `-`",
                    limits::MAX_IMAGE_TAG_LENGTH
                ),
            ));
        }
    }
    let mut parts: Vec<&str> = repo.split('/').collect();
    let registry = |first: &str| {
        first.contains(['.', ':'])
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase())
    };
    if parts.len() > 1 && parts.first().is_some_and(|f| registry(f)) {
        parts.remove(0);
    }
    for part in parts {
        if part.chars().any(|c| c.is_ascii_uppercase()) {
            return Err((
                format!("has upper-case letters in its repository `{repo}`"),
                format!(
                    "repository names are lower case: `{}`",
                    repo.to_ascii_lowercase()
                ),
            ));
        }
        if !path_component(part) {
            return Err((
                format!("has the repository `{repo}`"),
                "a repository is lower-case letters and digits, separated by `.`, `_`, `__` or `-`, in parts joined by `/`".into(),
            ));
        }
    }
    Ok(())
}

/// One part of a repository path: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn path_component(p: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !p.starts_with(alnum) || !p.ends_with(alnum) {
        return false;
    }
    p.split(alnum)
        .filter(|sep| !sep.is_empty())
        .all(|sep| sep == "." || sep == "_" || sep == "__" || sep.chars().all(|c| c == '-'))
}

/// Environment values that look like credentials: an AWS access key id, a private key,
/// `password=...`, or a literal value of a variable named like a password or secret.
pub fn credentials(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in launches(model) {
        for (name, f) in model.containers(c) {
            for (key, value) in &f.environment.0 {
                let Some(text) = value.as_str() else {
                    continue;
                };
                let Some(why) = credential(&key.value, text) else {
                    continue;
                };
                diags.push(
                    Diagnostic::new(
                        Code::CredentialInEnvironment,
                        value.span,
                        format!(
                            "`{}` of container `{}` looks like {why}, written into the template in plain text",
                            key.value, name.value
                        ),
                    )
                    .label("a credential?")
                    .help("keep credentials out of the program: store them in SSM Parameter Store or Secrets Manager and pass them as a template parameter"),
                );
            }
        }
    }
}

/// What a credential-like environment variable looks like, if it does.
pub fn credential(name: &str, value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    let access_key = bytes.windows(20).any(|w| {
        let rest = w.strip_prefix(b"AKIA").or_else(|| w.strip_prefix(b"ASIA"));
        rest.is_some_and(|r| {
            r.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
    });
    if access_key {
        return Some("an AWS access key id");
    }
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    let lower = value.to_ascii_lowercase();
    for word in ["password=", "passwd=", "pwd="] {
        if let Some(i) = lower.find(word) {
            let after = &value[i + word.len()..];
            if after
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '&' && c != ';')
            {
                return Some("a password");
            }
        }
    }
    let upper = name.to_ascii_uppercase();
    let named = upper.contains("PASSWORD")
        || upper.ends_with("SECRET")
        || upper.ends_with("SECRET_KEY")
        || upper.ends_with("API_KEY")
        || upper.ends_with("_TOKEN");
    if named && value.len() >= 8 && !value.starts_with("arn:") && !value.starts_with('/') {
        return Some("a password or secret");
    }
    None
}

/// Secrets: a name also given as an environment variable, an SSM parameter name that
/// SSM does not take (one with `/` must start with `/`), a Secrets Manager ARN or KMS key
/// that is not one.
pub fn secrets(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in launches(model) {
        for (name, f) in model.containers(c) {
            for (key, secret) in &f.secrets.value.0 {
                if let Some((env, _)) = f.environment.0.iter().find(|(k, _)| k.value == key.value) {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidSecret,
                            key.span,
                            format!(
                                "container `{}` sets `{}` both as a secret and as an environment variable",
                                name.value, key.value
                            ),
                        )
                        .label("secret")
                        .with_label(env.span, "environment variable")
                        .help("keep one of them: ECS rejects a name given twice"),
                    );
                }
                let fault = match secret {
                    SecretRef::Ssm(s) => deploy_time_secret(model, &s.value.name.value, true)
                        .or_else(|| s.value.name.value.as_str().and_then(ssm_name))
                        .map(|(m, h)| (s.value.name.span, m, h))
                        .or_else(|| kms_key(s.value.kms_key.as_deref(), s.span)),
                    SecretRef::SecretsManager(s) => {
                        deploy_time_secret(model, &s.value.arn.value, false)
                            .or_else(|| s.value.arn.value.as_str().and_then(secret_arn))
                            .map(|(m, h)| (s.value.arn.span, m, h))
                            .or_else(|| kms_key(s.value.kms_key.as_deref(), s.span))
                    }
                };
                if let Some((span, message, help)) = fault {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidSecret,
                            span,
                            format!(
                                "secret `{}` of container `{}`: {message}",
                                key.value, name.value
                            ),
                        )
                        .label("here")
                        .help(help),
                    );
                }
            }
        }
    }
}

/// What is wrong with a secret read from an attribute (`ssm`: of `Secret.ssm`, else of
/// `Secret.secretsManager`): it must be an SSM parameter's name or ARN, or a Secrets
/// Manager secret's ARN, of a resource of the program.
fn deploy_time_secret(model: &Model<'_>, v: &Val, ssm: bool) -> Option<(String, String)> {
    let Value::Attr {
        component, path, ..
    } = &v.value
    else {
        return None;
    };
    let c = CompRef(*component);
    let name = model.name(c);
    let attr = match path.as_slice() {
        [] => "ref".to_string(),
        p => p
            .iter()
            .map(|s| crate::cfn::camel(s))
            .collect::<Vec<_>>()
            .join("."),
    };
    let (want, [first, second]) = if ssm {
        ("AWS::SSM::Parameter", ["ref", "arn"])
    } else {
        ("AWS::SecretsManager::Secret", ["ref", "id"])
    };
    let is = model.aws_resource(c).map(|r| r.cfn_type);
    if is == Some(want) && (attr == first || attr == second) {
        return None;
    }
    let ctor = if ssm {
        "Secret.ssm"
    } else {
        "Secret.secretsManager"
    };
    let what = if ssm {
        "the name or ARN of an SSM parameter (`aws.ssm.Parameter`)"
    } else {
        "the ARN of a Secrets Manager secret (`aws.secretsmanager.Secret`)"
    };
    let help = if is == Some(want) {
        format!("write `{ctor}({name}.{first})` or `{ctor}({name}.{second})`")
    } else {
        format!(
            "give `{ctor}` {what}: `{ctor}(x.{first})` for such a resource `x`, or its name or ARN as a string"
        )
    };
    Some((format!("`{name}.{attr}` is not {what}"), help))
}

/// What is wrong with an SSM parameter name (or ARN), if anything.
fn ssm_name(name: &str) -> Option<(String, String)> {
    if name.starts_with("arn:") {
        return (!name.contains(":ssm:") || !name.contains(":parameter/")).then(|| {
            (
                format!("`{name}` is not the ARN of an SSM parameter"),
                "write `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`, or the parameter's name".into(),
            )
        });
    }
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'/'))
    {
        return Some((
            format!("`{name}` is not an SSM parameter name"),
            "a parameter name is letters, digits, `_`, `.`, `-` and `/`".into(),
        ));
    }
    if name.contains('/') && !name.starts_with('/') {
        return Some((
            format!("the parameter name `{name}` has a `/` but does not start with one"),
            format!("a hierarchical name starts with `/`: `/{name}`"),
        ));
    }
    None
}

/// What is wrong with a Secrets Manager ARN, if anything.
fn secret_arn(arn: &str) -> Option<(String, String)> {
    let ok = arn.starts_with("arn:")
        && arn.contains(":secretsmanager:")
        && arn
            .split_once(":secret:")
            .is_some_and(|(_, n)| !n.is_empty());
    (!ok).then(|| {
        (
            format!("`{arn}` is not the ARN of a Secrets Manager secret"),
            "write the secret's ARN, `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`; for an SSM parameter use `Secret.ssm`".into(),
        )
    })
}

/// A `kmsKey` that is not the ARN of a KMS key or alias.
fn kms_key(key: Option<&str>, span: Span) -> Option<(Span, String, String)> {
    let key = key?;
    (!(key.starts_with("arn:") && key.contains(":kms:"))).then(|| {
        (
            span,
            format!("`{key}` is not the ARN of a KMS key"),
            "give the key's ARN, `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID` (the role is granted `kms:Decrypt` on it)".into(),
        )
    })
}

/// Task-role permissions: actions as IAM writes them, at least one resource, and not
/// together with an existing `taskRole`.
pub fn permissions(model: &Model<'_>, diags: &mut Vec<Diagnostic>) {
    for (c, _) in launches(model) {
        let Some(access) = model.task_access(c) else {
            continue;
        };
        if let (Some(role), false) = (access.task_role, access.permissions.value.is_empty()) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidPermission,
                    access.permissions.span,
                    format!(
                        "`{}` has both `permissions` and an existing `taskRole`",
                        model.name(c)
                    ),
                )
                .label("a task role of its own")
                .with_label(role.span, "an existing task role")
                .help("give the statements to the existing role in IAM, or remove `taskRole`"),
            );
        }
        for p in &access.permissions.value {
            let v = &p.value;
            if v.actions.value.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidPermission,
                        v.actions.span,
                        "a permission without actions",
                    )
                    .label("no actions")
                    .help("name the actions, such as `[\"s3:GetObject\"]`"),
                );
            }
            for a in &v.actions.value {
                if !iam_action(a) {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidPermission,
                            v.actions.span,
                            format!("`{a}` is not an IAM action"),
                        )
                        .label("here")
                        .help("an action is `service:Action`, such as `dynamodb:GetItem` (`*` may end it: `s3:Get*`)"),
                    );
                }
            }
            if v.resources.value.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Code::InvalidPermission,
                        v.resources.span,
                        "a permission without resources",
                    )
                    .label("no resources")
                    .help("name the resources by ARN, such as `[\"arn:aws:s3:::uploads/*\"]`"),
                );
            }
        }
    }
}

/// `service:Action`, where the action may hold `*` and `?`.
fn iam_action(a: &str) -> bool {
    let Some((service, action)) = a.split_once(':') else {
        return false;
    };
    !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !action.is_empty()
        && action
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references_registries_take() {
        for ok in [
            "nginx",
            "nginx:1.27",
            "library/nginx:latest",
            "public.ecr.aws/nginx/nginx:1.27-alpine",
            "localhost:5000/app",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:v1.2_3",
            "my_app__x-y.z",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(image_reference(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            " ",
            "nginx :1",
            "Nginx",
            "team/App:1",
            "ghcr.io/Owner-Org/app",
            "nginx:",
            "nginx:-x",
            "nginx@sha256:abc",
            "nginx@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "app-",
            "a..b",
        ] {
            assert!(image_reference(bad).is_err(), "{bad:?}");
        }
        let long_tag = format!("nginx:{}", "a".repeat(129));
        assert!(image_reference(&long_tag).is_err());
        assert_eq!(
            image_reference(&format!("nginx:{}", "a".repeat(128))),
            Ok(())
        );
    }

    #[test]
    fn secret_names_and_arns() {
        assert!(ssm_name("/prod/db/password").is_none());
        assert!(ssm_name("dbpass").is_none());
        assert!(ssm_name("prod/db").is_some());
        assert!(ssm_name("a b").is_some());
        assert!(ssm_name("arn:aws:ssm:us-east-1:123456789012:parameter/x").is_none());
        assert!(ssm_name("arn:aws:s3:::x").is_some());
        assert!(
            secret_arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbC123").is_none()
        );
        assert!(secret_arn("api-key").is_some());
        assert!(iam_action("s3:GetObject") && iam_action("s3:Get*") && iam_action("dynamodb:*"));
        assert!(
            !iam_action("*")
                && !iam_action("s3")
                && !iam_action("S3:GetObject")
                && !iam_action("s3:Get Object")
        );
    }

    #[test]
    fn credentials_are_recognised_and_ordinary_values_not() {
        assert!(credential("KEY", "AKIAIOSFODNN7EXAMPLE").is_some());
        assert!(credential("PEM", "-----BEGIN RSA PRIVATE KEY-----\nMII").is_some());
        assert!(credential("URL", "postgres://db?user=a&password=hunter22").is_some());
        assert!(credential("DB_PASSWORD", "correct horse battery").is_some());
        assert!(credential("DB_PASSWORD", "").is_none());
        assert!(credential("DB_PASSWORD_PARAM", "/prod/db/password").is_none());
        assert!(credential("URL", "https://example.com/?password=").is_none());
        assert!(credential("LOG_LEVEL", "debug").is_none());
        assert!(credential("TOKEN_TTL", "3600").is_none());
    }
}
