//! Edge programs that must compile, and whose templates must pass cfn-lint
//! (PyPI `cfn-lint==1.58.0`) with no errors and no warnings: "a program that compiles
//! deploys", at the edges.
//!
//! The corpus is generated from the standard library, so that a new field is covered
//! without touching this file:
//!
//! 1. [`bases`]: a handful of valid programs, one per family of components.
//! 2. [`field_cases`]: every settable field of the standard library whose type has
//!    bounds (`Int in 1..65535`, `Duration in ..`, `Memory in ..`) or alternatives
//!    (`"HTTP" | "HTTPS"`, `Bool`) gets one variant per edge value (lower bound, upper
//!    bound, each alternative), on the first record literal of its type in the bases
//!    (a binding's body or a record inside it; a record field with a default, such as
//!    `healthCheck: {}`, counts even when the base leaves it out). One field changes
//!    per variant. When a cross-field rule of the compiler rightly rejects the change
//!    on its own, [`adjust`] makes the other changes it needs (each rule commented
//!    there with its code), or skips that record for the next one of the type.
//!    Every such field must be covered somewhere, or the test fails.
//! 3. [`long_name_cases`]: each base with its bindings renamed to the longest names
//!    that compile, found by bisection (logical IDs are the PascalCase binding plus a
//!    role and must stay within 255 characters); one character more must fail for a
//!    name too long (E0110) and for nothing else.
//! 4. [`tag_cases`]: 50 tags (AWS's maximum) of 128-character keys and 256-character
//!    values on every binding whose type takes `tags`.
//! 5. [`limit_cases`]: other limits (`src/limits.rs`): string lengths, counts per
//!    resource, retention periods, name characters.
//! 6. [`questionable_cases`]: programs the compiler may reject, but must not compile
//!    to a template cfn-lint rejects.
//! 7. [`rejected_cases`]: programs just past an edge ECS would not run, which the
//!    compiler must reject with a given code.
//!
//! Every program is compiled through the library (no error allowed). Its template goes
//! to one cfn-lint run (identical templates once) in JSON, and one in eight in YAML too
//! (every other YAML template must read back as its JSON); cfn-lint must report no error
//! and no warning. The images `ecsxc deploy` would build must have repository names
//! ECR accepts. A failure lists every program that failed, with its
//! text and the diagnostics or cfn-lint lines. `ECSXC_EDGE_CORPUS_DIR=DIR` keeps the
//! programs and templates in `DIR` (`NNN.ecsx`, `NNN.json`, `NNN.yaml`).

mod support;

use ecsxc::check::types::Ty;
use ecsxc::diagnostics::render::render_human;
use ecsxc::diagnostics::Code;
use ecsxc::limits;
use ecsxc::stdlib::{Kind, Library};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

// ================================================================ programs as data

/// A value in a program.
#[derive(Clone, Debug, PartialEq)]
enum V {
    /// ecsx text, written as is: `80`, `"nginx"`, `30s`, `true`.
    Raw(String),
    /// A binding (renamed with it) and an attribute path (`endpoint.hostname`) or "".
    Ref(String, String),
    /// A record literal of the standard library's record (or component) type.
    Rec(String, Fields),
    /// A map (`{String: T}`): container names, environment variables, tags.
    Map(Fields),
    /// A list.
    List(Vec<V>),
}

/// Fields of a record, or entries of a map, in order.
type Fields = Vec<(String, V)>;

/// A `let`: `let NAME = HEAD BODY`, where `HEAD` is `Type`, `Type.ctor` or a whole
/// constructor call (`Cluster.existing("x")`, then no body).
#[derive(Clone, Debug)]
struct Binding {
    name: String,
    /// The component it makes.
    ty: String,
    head: String,
    body: Option<V>,
}

/// A program: bindings, exports, and comments saying how it was made.
#[derive(Clone, Debug, Default)]
struct Program {
    /// `param` declarations, as written.
    params: Vec<String>,
    bindings: Vec<Binding>,
    exports: Vec<(String, V)>,
    notes: Vec<String>,
}

/// One step into a value: a record's field, a list's item, a map's entry.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Item(usize),
    Key(String),
}

/// A record literal in a program: where it is, and its type.
#[derive(Clone, Debug)]
struct Node {
    binding: usize,
    path: Vec<Step>,
    ty: String,
    /// Not written in the program yet: a record field with a default (`healthCheck: {}`).
    missing: bool,
}

trait FieldsExt {
    fn value(&self, k: &str) -> Option<&V>;
    fn put(&mut self, k: &str, v: V);
    fn take(&mut self, k: &str);
}

impl FieldsExt for Fields {
    fn value(&self, k: &str) -> Option<&V> {
        self.iter().find(|(n, _)| n == k).map(|(_, v)| v)
    }
    fn put(&mut self, k: &str, v: V) {
        match self.iter_mut().find(|(n, _)| n == k) {
            Some(slot) => slot.1 = v,
            None => self.push((k.to_string(), v)),
        }
    }
    fn take(&mut self, k: &str) {
        self.retain(|(n, _)| n != k);
    }
}

fn raw(text: impl Into<String>) -> V {
    V::Raw(text.into())
}

/// An ecsx string literal.
fn s(text: &str) -> V {
    V::Raw(quote(text))
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A reference to a binding.
fn r(name: &str) -> V {
    V::Ref(name.into(), String::new())
}

/// An attribute of a binding: `attr("web", "endpoint.hostname")`.
fn attr(name: &str, path: &str) -> V {
    V::Ref(name.into(), path.into())
}

fn fields<'a>(items: impl IntoIterator<Item = (&'a str, V)>) -> Fields {
    items.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A record literal of type `ty`.
fn rec<'a>(ty: &str, items: impl IntoIterator<Item = (&'a str, V)>) -> V {
    V::Rec(ty.into(), fields(items))
}

fn map<'a>(items: impl IntoIterator<Item = (&'a str, V)>) -> V {
    V::Map(fields(items))
}

fn list(items: impl IntoIterator<Item = V>) -> V {
    V::List(items.into_iter().collect())
}

/// `let name = Ty { ... }`.
fn let_<'a>(name: &str, ty: &str, items: impl IntoIterator<Item = (&'a str, V)>) -> Binding {
    Binding {
        name: name.into(),
        ty: ty.into(),
        head: ty.into(),
        body: Some(rec(ty, items)),
    }
}

/// `let name = Ty.ctor { ... }`, whose fields are those of the record `record`.
fn let_ctor<'a>(
    name: &str,
    ty: &str,
    ctor: &str,
    record: &str,
    items: impl IntoIterator<Item = (&'a str, V)>,
) -> Binding {
    Binding {
        name: name.into(),
        ty: ty.into(),
        head: format!("{ty}.{ctor}"),
        body: Some(rec(record, items)),
    }
}

/// `let name = Ty.ctor(args)`.
fn let_call(name: &str, ty: &str, call: &str) -> Binding {
    Binding {
        name: name.into(),
        ty: ty.into(),
        head: format!("{ty}.{call}"),
        body: None,
    }
}

/// `let name = FargateService { settings..., containers: { container: spec } }`: a
/// service of one container.
fn service<'a>(
    name: &str,
    settings: impl IntoIterator<Item = (&'a str, V)>,
    container: &str,
    spec: V,
) -> Binding {
    one_container("FargateService", name, settings, container, spec)
}

/// `let name = Ty { settings..., containers: { container: spec } }`.
fn one_container<'a>(
    ty: &str,
    name: &str,
    settings: impl IntoIterator<Item = (&'a str, V)>,
    container: &str,
    spec: V,
) -> Binding {
    let containers = ("containers", map([(container, spec)]));
    let_(name, ty, settings.into_iter().chain([containers]))
}

/// A container of `image` with `memory` MiB and the port mappings `ports` (listeners,
/// target groups or `PortMapping` records).
fn container(image: &str, memory: &str, ports: impl IntoIterator<Item = V>) -> V {
    rec(
        "Container",
        [
            ("image", s(image)),
            ("memory", raw(memory)),
            ("portMappings", list(ports)),
        ],
    )
}

/// A rule's peer: a CIDR range, or a binding.
fn peer(name: &str) -> V {
    if name.contains('/') {
        s(name)
    } else {
        r(name)
    }
}

fn fld(name: &str) -> Step {
    Step::Field(name.into())
}

fn key(name: &str) -> Step {
    Step::Key(name.into())
}

fn item(i: usize) -> Step {
    Step::Item(i)
}

/// The value at `steps` inside `v`.
fn at_mut<'a>(v: &'a mut V, steps: &[Step]) -> &'a mut V {
    let Some((first, rest)) = steps.split_first() else {
        return v;
    };
    let next = match (v, first) {
        (V::Rec(_, fs), Step::Field(k)) | (V::Map(fs), Step::Key(k)) => {
            match fs.iter_mut().find(|(n, _)| n == k) {
                Some((_, x)) => x,
                None => panic!("no field or key `{k}` in the base program"),
            }
        }
        (V::List(items), Step::Item(i)) => &mut items[*i],
        (other, step) => panic!("cannot take {step:?} of {other:?}"),
    };
    at_mut(next, rest)
}

fn at<'a>(v: &'a V, steps: &[Step]) -> Option<&'a V> {
    let Some((first, rest)) = steps.split_first() else {
        return Some(v);
    };
    let next = match (v, first) {
        (V::Rec(_, fs), Step::Field(k)) | (V::Map(fs), Step::Key(k)) => fs.value(k)?,
        (V::List(items), Step::Item(i)) => items.get(*i)?,
        _ => return None,
    };
    at(next, rest)
}

/// The names a value refers to.
fn refs(v: &V, out: &mut Vec<String>) {
    match v {
        V::Ref(n, _) => out.push(n.clone()),
        V::Rec(_, fs) | V::Map(fs) => fs.iter().for_each(|(_, x)| refs(x, out)),
        V::List(xs) => xs.iter().for_each(|x| refs(x, out)),
        V::Raw(_) => {}
    }
}

/// Every record literal of type `ty` inside `v`.
fn records_of<'a>(v: &'a V, ty: &str, out: &mut Vec<&'a Fields>) {
    match v {
        V::Rec(t, fs) => {
            if t == ty {
                out.push(fs);
            }
            fs.iter().for_each(|(_, x)| records_of(x, ty, out));
        }
        V::Map(fs) => fs.iter().for_each(|(_, x)| records_of(x, ty, out)),
        V::List(xs) => xs.iter().for_each(|x| records_of(x, ty, out)),
        _ => {}
    }
}

impl Program {
    fn new(bindings: Vec<Binding>, exports: Vec<(&str, V)>) -> Self {
        Program {
            params: Vec::new(),
            bindings,
            exports: exports
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            notes: Vec::new(),
        }
    }

    fn index(&self, name: &str) -> usize {
        self.bindings
            .iter()
            .position(|b| b.name == name)
            .unwrap_or_else(|| panic!("no binding `{name}`"))
    }

    fn binding(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.name == name)
    }

    /// The fields of the record (or the entries of the map) at `path` in binding `b`.
    fn record_mut(&mut self, b: usize, path: &[Step]) -> &mut Fields {
        let body = self.bindings[b]
            .body
            .as_mut()
            .expect("a binding with a body");
        match at_mut(body, path) {
            V::Rec(_, fs) | V::Map(fs) => fs,
            other => panic!("not a record or map: {other:?}"),
        }
    }

    /// The fields of the record (or map) at `path` in the binding `name`, for edits.
    fn edit(&mut self, name: &str, path: &[Step]) -> &mut Fields {
        let b = self.index(name);
        self.record_mut(b, path)
    }

    /// The value at `path` in binding `b`.
    fn value_at(&self, b: usize, path: &[Step]) -> Option<&V> {
        at(self.bindings[b].body.as_ref()?, path)
    }

    fn get(&self, node: &Node, field: &str) -> Option<&V> {
        match self.value_at(node.binding, &node.path)? {
            V::Rec(_, fs) => fs.value(field),
            _ => None,
        }
    }

    /// Writes the record `node` when it is not in the program yet.
    fn materialize(&mut self, node: &Node) {
        if node.missing {
            let (last, parent) = node.path.split_last().expect("a nested record");
            let Step::Field(f) = last else {
                panic!("missing records are fields")
            };
            self.record_mut(node.binding, parent)
                .put(f, V::Rec(node.ty.clone(), Vec::new()));
        }
    }

    /// Renames binding `old` and every reference to it.
    fn rename(&mut self, old: &str, new: &str) {
        fn walk(v: &mut V, old: &str, new: &str) {
            match v {
                V::Ref(n, _) if n == old => *n = new.to_string(),
                V::Rec(_, fs) | V::Map(fs) => fs.iter_mut().for_each(|(_, x)| walk(x, old, new)),
                V::List(xs) => xs.iter_mut().for_each(|x| walk(x, old, new)),
                _ => {}
            }
        }
        for b in &mut self.bindings {
            if b.name == old {
                b.name = new.to_string();
            }
            if let Some(body) = &mut b.body {
                walk(body, old, new);
            }
        }
        for (_, v) in &mut self.exports {
            walk(v, old, new);
        }
    }

    /// The bindings of component `ty`.
    fn of_type<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = &'a Binding> + 'a {
        self.bindings.iter().filter(move |b| b.ty == ty)
    }

    /// Whether any binding of component type `ty` refers to `name`.
    fn referred_by(&self, name: &str, ty: &str) -> bool {
        self.of_type(ty).any(|b| {
            let mut out = Vec::new();
            if let Some(body) = &b.body {
                refs(body, &mut out);
            }
            out.iter().any(|n| n == name)
        })
    }

    /// Every record literal of type `ty` in the program.
    fn records(&self, ty: &str) -> Vec<&Fields> {
        let mut out = Vec::new();
        for b in &self.bindings {
            if let Some(body) = &b.body {
                records_of(body, ty, &mut out);
            }
        }
        out
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for n in &self.notes {
            for line in n.lines() {
                let _ = writeln!(out, "// {line}");
            }
        }
        for p in &self.params {
            let _ = write!(out, "\n{p}\n");
        }
        for b in &self.bindings {
            let _ = write!(out, "\nlet {} = {}", b.name, b.head);
            if let Some(body) = &b.body {
                out.push(' ');
                render(body, 0, &mut out);
            }
            out.push('\n');
        }
        if !self.exports.is_empty() {
            out.push('\n');
        }
        for (name, v) in &self.exports {
            let _ = write!(out, "export {name} = ");
            render(v, 0, &mut out);
            out.push('\n');
        }
        out
    }
}

fn is_ident(k: &str) -> bool {
    let mut chars = k.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            k,
            "let" | "export" | "param" | "component" | "record" | "static" | "out" | "const"
        )
        && !matches!(k, "in" | "true" | "false")
}

/// The static constructor that builds a record of type `ty` inside a value (the record
/// literal alone would be read as the field's own type): `Volume.docker { ... }`.
fn ctor_head(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "DockerVolume" => "Volume.docker",
        "EfsVolume" => "Volume.efs",
        "LogDriver" => "Logging.driver",
        "AwsLogs" => "Logging.awslogs",
        "FirelensLogging" => "Logging.firelens",
        _ => return None,
    })
}

fn render(v: &V, indent: usize, out: &mut String) {
    match v {
        V::Raw(t) => out.push_str(t),
        V::Ref(n, p) if p.is_empty() => out.push_str(n),
        V::Ref(n, p) => {
            let _ = write!(out, "{n}.{p}");
        }
        V::Rec(ty, fs) if ctor_head(ty).is_some() && fs.is_empty() => {
            let _ = write!(out, "{} {{}}", ctor_head(ty).unwrap_or_default());
        }
        V::Rec(_, fs) | V::Map(fs) if fs.is_empty() => out.push_str("{}"),
        V::Rec(_, fs) | V::Map(fs) => {
            if let V::Rec(ty, _) = v {
                if let Some(head) = ctor_head(ty) {
                    let _ = write!(out, "{head} ");
                }
            }
            out.push_str("{\n");
            for (k, x) in fs {
                out.push_str(&"    ".repeat(indent + 1));
                if is_ident(k) {
                    out.push_str(k);
                } else {
                    out.push_str(&quote(k));
                }
                out.push_str(": ");
                render(x, indent + 1, out);
                out.push('\n');
            }
            out.push_str(&"    ".repeat(indent));
            out.push('}');
        }
        V::List(xs) => {
            out.push('[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(x, indent, out);
            }
            out.push(']');
        }
    }
}

// ================================================================ the bases

const SECRET: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:batch/api-AbC123";
const KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-4000-8000-000000000000";

const CERT: &str =
    "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000000";

/// The valid programs the variants start from, one per family of components.
fn bases() -> Vec<(&'static str, Program)> {
    vec![
        ("alb_service", alb_service()),
        ("task_definition", task_definition()),
        ("vpc_service", vpc_service()),
        ("alb_routing", alb_routing()),
        ("nlb", nlb()),
        ("nlb_shorthand", nlb_shorthand()),
        ("security_groups", security_groups()),
        ("target_groups_only", target_groups_only()),
        ("existing_vpc", existing_vpc()),
        ("ec2_bridge", ec2_bridge()),
        ("ec2_awsvpc", ec2_awsvpc()),
        ("ec2_daemon", ec2_daemon()),
        ("ec2_task", ec2_task()),
        ("fargate_spot", fargate_spot()),
        ("graviton", graviton()),
        ("storage", storage()),
    ]
}

/// A service behind a listener with a load balancer of its own, in a cluster of its
/// own; a sidecar with a port mapping of its own.
fn alb_service() -> Program {
    Program::new(
        vec![
            let_(
                "cluster",
                "Cluster",
                [
                    ("containerInsights", raw("true")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_(
                "web",
                "ApplicationListener",
                [
                    ("port", raw("80")),
                    ("targetPort", raw("8080")),
                    ("healthCheckPath", s("/health")),
                    ("healthCheckInterval", raw("15s")),
                ],
            ),
            let_(
                "app",
                "FargateService",
                [
                    ("cluster", r("cluster")),
                    ("desiredCount", raw("2")),
                    ("healthCheckGracePeriod", raw("30s")),
                    ("logRetention", raw("7d")),
                    (
                        "circuitBreakerThreshold",
                        rec(
                            "CircuitBreakerThreshold",
                            [("type", s("BOUNDED_PERCENT")), ("value", raw("50"))],
                        ),
                    ),
                    ("enableExecuteCommand", raw("true")),
                    ("propagateTags", s("SERVICE")),
                    ("availabilityZoneRebalancing", raw("true")),
                    (
                        "autoscaling",
                        rec(
                            "Autoscaling",
                            [
                                ("min", raw("1")),
                                ("max", raw("4")),
                                ("cpu", raw("70")),
                                ("memory", raw("80")),
                                ("requestsPerTarget", raw("500")),
                                ("scaleInCooldown", raw("5m")),
                                ("scaleOutCooldown", raw("1m")),
                                (
                                    "schedules",
                                    list([rec(
                                        "ScalingSchedule",
                                        [
                                            ("schedule", s("cron(0 22 ? * MON-FRI *)")),
                                            ("min", raw("1")),
                                            ("max", raw("2")),
                                            ("timezone", s("Europe/Paris")),
                                        ],
                                    )]),
                                ),
                            ],
                        ),
                    ),
                    (
                        "containers",
                        map([
                            (
                                "app",
                                rec(
                                    "Container",
                                    [
                                        ("image", s("nginx")),
                                        ("memory", raw("256")),
                                        ("cpu", raw("128")),
                                        ("portMappings", list([r("web")])),
                                        ("environment", map([("MODE", s("edge"))])),
                                    ],
                                ),
                            ),
                            (
                                "sidecar",
                                rec(
                                    "Container",
                                    [
                                        ("image", s("public.ecr.aws/docker/library/busybox:1")),
                                        ("memoryReservation", raw("64")),
                                        (
                                            "portMappings",
                                            list([rec(
                                                "PortMapping",
                                                [
                                                    ("containerPort", raw("9000")),
                                                    ("hostPort", raw("9000")),
                                                    ("protocol", s("tcp")),
                                                ],
                                            )]),
                                        ),
                                        ("command", list([s("sleep"), s("infinity")])),
                                        (
                                            "healthCheck",
                                            rec(
                                                "ContainerHealthCheck",
                                                [
                                                    ("command", list([s("CMD-SHELL"), s("true")])),
                                                    ("interval", raw("20s")),
                                                    ("timeout", raw("10s")),
                                                    ("retries", raw("2")),
                                                    ("startPeriod", raw("15s")),
                                                ],
                                            ),
                                        ),
                                        (
                                            "ulimits",
                                            list([rec(
                                                "Ulimit",
                                                [
                                                    ("name", s("nofile")),
                                                    ("softLimit", raw("1024")),
                                                    ("hardLimit", raw("4096")),
                                                ],
                                            )]),
                                        ),
                                        (
                                            "linuxParameters",
                                            rec(
                                                "LinuxParameters",
                                                [("initProcessEnabled", raw("true"))],
                                            ),
                                        ),
                                        ("stopTimeout", raw("20s")),
                                    ],
                                ),
                            ),
                        ]),
                    ),
                ],
            ),
        ],
        vec![
            ("url", attr("web", "endpoint.hostname")),
            ("service", attr("app", "name")),
        ],
    )
}

/// A task definition run on demand in an existing cluster, with a security group of
/// its own and an image built by ecsxc.
fn task_definition() -> Program {
    Program::new(
        vec![
            let_call("cluster", "Cluster", "existing(\"batch\")"),
            let_(
                "egress_only",
                "SecurityGroup",
                [
                    ("description", s("batch jobs: HTTPS out only")),
                    (
                        "egress",
                        list([rec(
                            "Egress",
                            [
                                ("port", raw("443")),
                                ("toPort", raw("443")),
                                ("protocol", s("tcp")),
                                ("to", s("0.0.0.0/0")),
                                ("description", s("HTTPS")),
                            ],
                        )]),
                    ),
                ],
            ),
            let_(
                "job",
                "FargateTaskDefinition",
                [
                    ("cluster", r("cluster")),
                    (
                        "container",
                        rec(
                            "Container",
                            [
                                ("image", raw("Image.fromPath(\"./app\")")),
                                ("memory", raw("64")),
                                ("command", list([s("echo"), s("hello")])),
                                (
                                    "secrets",
                                    map([
                                        ("DB_PASSWORD", raw("Secret.ssm(\"/batch/db\")")),
                                        (
                                            "API_KEY",
                                            raw(format!(
                                                "Secret.secretsManager {{ arn: \"{SECRET}\", field: \"key\", versionStage: \"AWSCURRENT\", kmsKey: \"{KEY}\" }}"
                                            )),
                                        ),
                                        (
                                            "TOKEN",
                                            raw(format!(
                                                "Secret.ssm {{ name: \"batch-token\", kmsKey: \"{KEY}\" }}"
                                            )),
                                        ),
                                        (
                                            "WHOLE",
                                            raw(format!("Secret.secretsManager(\"{SECRET}\")")),
                                        ),
                                    ]),
                                ),
                            ],
                        ),
                    ),
                    ("securityGroups", list([r("egress_only")])),
                    ("logRetention", raw("30d")),
                    (
                        "permissions",
                        list([rec(
                            "Permission",
                            [
                                ("actions", list([s("s3:GetObject"), s("s3:List*")])),
                                ("resources", list([s("arn:aws:s3:::batch-input/*")])),
                            ],
                        )]),
                    ),
                ],
            ),
            let_(
                "nightly",
                "ScheduledTask",
                [
                    ("task", r("job")),
                    ("schedule", s("cron(0 2 * * ? *)")),
                    ("timezone", s("Europe/Paris")),
                    ("enabled", raw("true")),
                    ("count", raw("2")),
                ],
            ),
        ],
        vec![
            ("taskDefinition", attr("job", "arn")),
            ("schedule", attr("nightly", "arn")),
        ],
    )
}

/// A service without load balancer in a VPC of its own, with a security group.
fn vpc_service() -> Program {
    Program::new(
        vec![
            let_(
                "network",
                "Vpc",
                [
                    ("cidr", s("10.1.0.0/16")),
                    ("availabilityZones", raw("2")),
                    ("natGateways", s("single")),
                    ("subnetPrefix", raw("20")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_("cluster", "Cluster", [("vpc", r("network"))]),
            let_(
                "admin",
                "SecurityGroup",
                [
                    ("vpc", r("network")),
                    ("description", s("administration from the office")),
                    (
                        "ingress",
                        list([
                            rec(
                                "Ingress",
                                [
                                    ("port", raw("22")),
                                    ("toPort", raw("23")),
                                    ("protocol", s("tcp")),
                                    ("from", s("10.0.0.0/8")),
                                    ("description", s("ssh")),
                                ],
                            ),
                            rec(
                                "Ingress",
                                [("protocol", s("all")), ("from", s("10.1.0.0/16"))],
                            ),
                        ]),
                    ),
                    (
                        "egress",
                        list([rec(
                            "Egress",
                            [("protocol", s("all")), ("to", s("0.0.0.0/0"))],
                        )]),
                    ),
                ],
            ),
            service(
                "worker",
                [
                    ("cluster", r("cluster")),
                    ("securityGroups", list([r("admin")])),
                ],
                "worker",
                container(
                    "public.ecr.aws/docker/library/busybox:1",
                    "128",
                    [rec(
                        "PortMapping",
                        [("containerPort", raw("8125")), ("protocol", s("udp"))],
                    )],
                ),
            ),
        ],
        vec![
            ("vpcId", attr("network", "id")),
            ("service", attr("worker", "name")),
        ],
    )
}

/// One Application Load Balancer shared by two listeners (HTTP redirected to HTTPS),
/// a target group with health check and stickiness, rules that forward, redirect and
/// answer, and two services.
fn alb_routing() -> Program {
    Program::new(
        vec![
            let_(
                "lb",
                "ApplicationLoadBalancer",
                [
                    ("idleTimeout", raw("2m")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_(
                "http",
                "ApplicationListener",
                [
                    ("loadBalancer", r("lb")),
                    ("port", raw("80")),
                    (
                        "redirect",
                        rec(
                            "Redirect",
                            [
                                ("protocol", s("HTTPS")),
                                ("port", raw("443")),
                                ("permanent", raw("true")),
                            ],
                        ),
                    ),
                ],
            ),
            let_(
                "https",
                "ApplicationListener",
                [
                    ("loadBalancer", r("lb")),
                    ("port", raw("443")),
                    ("protocol", s("HTTPS")),
                    ("certificateArn", s(CERT)),
                    ("sslPolicy", s(limits::DEFAULT_SSL_POLICY)),
                    ("targetGroup", r("site")),
                    (
                        "rules",
                        list([
                            rec(
                                "Route",
                                [("paths", list([s("/api/*")])), ("forward", r("api"))],
                            ),
                            rec(
                                "Route",
                                [
                                    ("hosts", list([s("old.example.com")])),
                                    (
                                        "redirect",
                                        rec(
                                            "Redirect",
                                            [
                                                ("host", s("new.example.com")),
                                                ("path", s("/")),
                                                ("permanent", raw("false")),
                                            ],
                                        ),
                                    ),
                                ],
                            ),
                            rec(
                                "Route",
                                [
                                    ("paths", list([s("/maintenance")])),
                                    (
                                        "fixedResponse",
                                        rec(
                                            "FixedResponse",
                                            [
                                                ("statusCode", raw("503")),
                                                ("contentType", s("text/html")),
                                                ("body", s("<p>down for maintenance</p>")),
                                            ],
                                        ),
                                    ),
                                ],
                            ),
                        ]),
                    ),
                ],
            ),
            let_(
                "site",
                "ApplicationTargetGroup",
                [
                    ("port", raw("80")),
                    ("protocol", s("HTTP")),
                    (
                        "healthCheck",
                        rec(
                            "HealthCheck",
                            [
                                ("path", s("/healthz")),
                                ("interval", raw("15s")),
                                ("timeout", raw("5s")),
                                ("healthyThreshold", raw("3")),
                                ("unhealthyThreshold", raw("3")),
                                ("matcher", s("200-299")),
                            ],
                        ),
                    ),
                    ("deregistrationDelay", raw("30s")),
                    ("stickiness", rec("Stickiness", [("duration", raw("1h"))])),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            service(
                "web",
                [
                    ("desiredCount", raw("2")),
                    ("healthCheckGracePeriod", raw("1m")),
                ],
                "web",
                container("nginx", "256", [r("site")]),
            ),
            service(
                "api",
                [],
                "api",
                container(
                    "public.ecr.aws/docker/library/httpd:2.4",
                    "256",
                    [rec("PortMapping", [("containerPort", raw("8080"))])],
                ),
            ),
        ],
        vec![("url", attr("lb", "dnsName"))],
    )
}

/// A Network Load Balancer, a listener and a target group with an HTTP health check.
fn nlb() -> Program {
    Program::new(
        vec![
            let_(
                "nlb",
                "NetworkLoadBalancer",
                [
                    ("crossZone", raw("true")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_(
                "tg",
                "NetworkTargetGroup",
                [
                    ("port", raw("8080")),
                    ("protocol", s("TCP")),
                    (
                        "healthCheck",
                        rec(
                            "NetworkHealthCheck",
                            [
                                ("protocol", s("HTTP")),
                                ("path", s("/health")),
                                ("interval", raw("10s")),
                                ("timeout", raw("5s")),
                                ("healthyThreshold", raw("3")),
                                ("unhealthyThreshold", raw("3")),
                                ("matcher", s("200-399")),
                            ],
                        ),
                    ),
                    ("deregistrationDelay", raw("10s")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_(
                "front",
                "NetworkListener",
                [
                    ("loadBalancer", r("nlb")),
                    ("port", raw("80")),
                    ("protocol", s("TCP")),
                    ("targetGroup", r("tg")),
                ],
            ),
            service(
                "api",
                [],
                "api",
                container("public.ecr.aws/docker/library/httpd:2.4", "128", [r("tg")]),
            ),
        ],
        vec![("host", attr("front", "endpoint.hostname"))],
    )
}

/// A Network Load Balancer listener with a load balancer of its own, listed by a
/// container.
fn nlb_shorthand() -> Program {
    Program::new(
        vec![
            let_(
                "db",
                "NetworkListener",
                [("port", raw("5432")), ("targetPort", raw("5433"))],
            ),
            service(
                "proxy",
                [],
                "proxy",
                container(
                    "public.ecr.aws/docker/library/haproxy:2.9",
                    "128",
                    [r("db")],
                ),
            ),
        ],
        vec![("host", attr("db", "endpoint.hostname"))],
    )
}

/// Security groups that name services and each other: a backend behind an internal
/// load balancer that admits only the frontend's tasks.
fn security_groups() -> Program {
    Program::new(
        vec![
            let_("vpc", "Vpc", [("natGateways", s("per-az"))]),
            let_("cluster", "Cluster", [("vpc", r("vpc"))]),
            let_(
                "from_frontend",
                "SecurityGroup",
                [
                    ("description", s("backend load balancer: the frontend only")),
                    (
                        "ingress",
                        list([
                            rec(
                                "Ingress",
                                [
                                    ("port", raw("80")),
                                    ("from", r("frontend")),
                                    ("description", s("frontend tasks")),
                                ],
                            ),
                            rec(
                                "Ingress",
                                [
                                    ("port", raw("8000")),
                                    ("toPort", raw("8100")),
                                    ("protocol", s("udp")),
                                    ("from", s("10.0.0.0/8")),
                                ],
                            ),
                        ]),
                    ),
                    (
                        "egress",
                        list([rec("Egress", [("port", raw("8080")), ("to", r("backend"))])]),
                    ),
                ],
            ),
            let_(
                "backend_lb",
                "ApplicationLoadBalancer",
                [
                    ("scheme", s("internal")),
                    ("securityGroups", list([r("from_frontend")])),
                ],
            ),
            let_(
                "backend_http",
                "ApplicationListener",
                [
                    ("loadBalancer", r("backend_lb")),
                    ("port", raw("80")),
                    ("targetPort", raw("8080")),
                ],
            ),
            service(
                "backend",
                [("cluster", r("cluster"))],
                "api",
                container(
                    "public.ecr.aws/docker/library/httpd:2.4",
                    "256",
                    [r("backend_http")],
                ),
            ),
            service(
                "frontend",
                [("cluster", r("cluster")), ("assignPublicIp", raw("false"))],
                "web",
                rec(
                    "Container",
                    [
                        ("image", s("nginx")),
                        ("memory", raw("128")),
                        (
                            "environment",
                            map([("BACKEND", attr("backend_http", "endpoint.hostname"))]),
                        ),
                    ],
                ),
            ),
        ],
        vec![("backendHost", attr("backend_http", "endpoint.hostname"))],
    )
}

/// Target groups that no service registers in (for `targetType: "instance"`), behind
/// an Application and a Network Load Balancer.
fn target_groups_only() -> Program {
    Program::new(
        vec![
            let_("alb", "ApplicationLoadBalancer", []),
            let_(
                "pool",
                "ApplicationTargetGroup",
                [
                    ("port", raw("8080")),
                    ("healthCheck", rec("HealthCheck", [("path", s("/ping"))])),
                ],
            ),
            let_(
                "http",
                "ApplicationListener",
                [
                    ("loadBalancer", r("alb")),
                    ("port", raw("80")),
                    ("targetGroup", r("pool")),
                ],
            ),
            let_("nlb", "NetworkLoadBalancer", []),
            let_("tcp_pool", "NetworkTargetGroup", [("port", raw("9000"))]),
            let_(
                "tcp",
                "NetworkListener",
                [
                    ("loadBalancer", r("nlb")),
                    ("port", raw("9000")),
                    ("targetGroup", r("tcp_pool")),
                ],
            ),
        ],
        vec![("url", attr("alb", "dnsName"))],
    )
}

/// An existing cluster in an existing VPC, and an internal listener.
fn existing_vpc() -> Program {
    Program::new(
        vec![
            let_ctor(
                "network",
                "Vpc",
                "existing",
                "ExistingVpc",
                [
                    ("id", s("vpc-0a1b2c3d4e5f60718")),
                    (
                        "publicSubnets",
                        list([s("subnet-0a1b2c3d4e5f60001"), s("subnet-0a1b2c3d4e5f60002")]),
                    ),
                    (
                        "privateSubnets",
                        list([s("subnet-0a1b2c3d4e5f60003"), s("subnet-0a1b2c3d4e5f60004")]),
                    ),
                    ("cidr", s("10.20.0.0/16")),
                ],
            ),
            let_ctor(
                "cluster",
                "Cluster",
                "existing",
                "ExistingCluster",
                [("nameOrArn", s("prod")), ("vpc", r("network"))],
            ),
            let_(
                "internal",
                "ApplicationListener",
                [("port", raw("8080")), ("scheme", s("internal"))],
            ),
            service(
                "svc",
                [("cluster", r("cluster"))],
                "app",
                container("nginx", "256", [r("internal")]),
            ),
        ],
        vec![("url", attr("internal", "endpoint.hostname"))],
    )
}

/// `let name = EC2Service { settings..., containers: { container: spec } }`: an EC2
/// service of one container.
fn ec2_service<'a>(
    name: &str,
    settings: impl IntoIterator<Item = (&'a str, V)>,
    container: &str,
    spec: V,
) -> Binding {
    one_container("EC2Service", name, settings, container, spec)
}

/// A placement strategy: `spread` or `binpack` on `field`, or `random` (no field).
fn strategy(ty: &str, field: Option<&str>) -> V {
    let mut fs = vec![("type", s(ty))];
    fs.extend(field.map(|f| ("field", s(f))));
    rec("PlacementStrategy", fs)
}

/// A placement constraint: `distinctInstance`, or `memberOf` an expression.
fn constraint(expression: Option<&str>) -> V {
    match expression {
        Some(e) => rec(
            "PlacementConstraint",
            [("type", s("memberOf")), ("expression", s(e))],
        ),
        None => rec("PlacementConstraint", [("type", s("distinctInstance"))]),
    }
}

/// A provider of a capacity-provider strategy, with its weight and base.
fn provider(p: V, weight: &str, base: &str) -> V {
    rec(
        "CapacityProviderItem",
        [
            ("provider", p),
            ("weight", raw(weight)),
            ("base", raw(base)),
        ],
    )
}

/// An EC2 service in bridge mode behind a listener with a load balancer of its own,
/// on an Auto Scaling group of its cluster: dynamic host ports, a service role,
/// placement strategies of every type and constraints of both, a capacity provider.
fn ec2_bridge() -> Program {
    Program::new(
        vec![
            let_("cluster", "Cluster", []),
            let_(
                "capacity",
                "AutoScalingGroup",
                [
                    ("cluster", r("cluster")),
                    ("instanceType", s("t3.medium")),
                    ("minSize", raw("1")),
                    ("maxSize", raw("4")),
                    ("desiredCapacity", raw("2")),
                    ("targetCapacity", raw("90")),
                    ("tags", map([("Name", s("edge"))])),
                ],
            ),
            let_(
                "web",
                "ApplicationListener",
                [("port", raw("80")), ("healthCheckPath", s("/health"))],
            ),
            let_(
                "site",
                "EC2Service",
                [
                    ("cluster", r("cluster")),
                    ("desiredCount", raw("2")),
                    ("cpu", raw("512")),
                    ("memory", raw("1GiB")),
                    (
                        "orderedPlacementStrategies",
                        list([
                            strategy("spread", Some("attribute:ecs.availability-zone")),
                            strategy("binpack", Some("memory")),
                            strategy("random", None),
                        ]),
                    ),
                    (
                        "placementConstraints",
                        list([
                            constraint(None),
                            constraint(Some("attribute:ecs.instance-type =~ t3.*")),
                        ]),
                    ),
                    (
                        "capacityProviders",
                        list([provider(r("capacity"), "1", "1")]),
                    ),
                    (
                        "iamRole",
                        s("arn:aws:iam::123456789012:role/ecsServiceRole"),
                    ),
                    ("healthCheckGracePeriod", raw("30s")),
                    ("logRetention", raw("7d")),
                    ("tags", map([("Name", s("edge"))])),
                    (
                        "containers",
                        map([
                            ("nginx", container("nginx", "256", [r("web")])),
                            (
                                "sidecar",
                                rec(
                                    "Container",
                                    [
                                        ("image", s("public.ecr.aws/docker/library/busybox:1")),
                                        ("memoryReservation", raw("64")),
                                        ("essential", raw("false")),
                                        ("command", list([s("sleep"), s("infinity")])),
                                    ],
                                ),
                            ),
                        ]),
                    ),
                ],
            ),
        ],
        vec![
            ("url", attr("web", "endpoint.hostname")),
            ("service", attr("site", "name")),
            ("group", attr("capacity", "name")),
        ],
    )
}

/// An awsvpc EC2 service behind a target group of a shared load balancer, with a
/// security group of its own that admits the load balancer.
fn ec2_awsvpc() -> Program {
    Program::new(
        vec![
            let_("cluster", "Cluster", []),
            let_(
                "capacity",
                "AutoScalingGroup",
                [
                    ("cluster", r("cluster")),
                    ("instanceType", s("c7i.xlarge")),
                    ("minSize", raw("1")),
                    ("maxSize", raw("3")),
                    ("managedTerminationProtection", raw("false")),
                ],
            ),
            let_("lb", "ApplicationLoadBalancer", []),
            let_(
                "api_targets",
                "ApplicationTargetGroup",
                [
                    ("port", raw("8080")),
                    ("healthCheck", rec("HealthCheck", [("path", s("/health"))])),
                ],
            ),
            let_(
                "http",
                "ApplicationListener",
                [
                    ("loadBalancer", r("lb")),
                    ("port", raw("80")),
                    ("targetGroup", r("api_targets")),
                ],
            ),
            let_(
                "api_tasks",
                "SecurityGroup",
                [
                    ("description", s("api tasks: the load balancer only")),
                    (
                        "ingress",
                        list([rec("Ingress", [("port", raw("8080")), ("from", r("lb"))])]),
                    ),
                ],
            ),
            ec2_service(
                "api",
                [
                    ("cluster", r("cluster")),
                    ("networkMode", s("awsvpc")),
                    ("desiredCount", raw("2")),
                    ("memory", raw("2GiB")),
                    ("securityGroups", list([r("api_tasks")])),
                    ("deploymentMinimumHealthyPercent", raw("50")),
                    ("deploymentMaximumPercent", raw("150")),
                    ("placementConstraints", list([constraint(None)])),
                ],
                "api",
                rec(
                    "Container",
                    [
                        ("image", s("public.ecr.aws/docker/library/httpd:2.4")),
                        ("portMappings", list([r("api_targets")])),
                    ],
                ),
            ),
        ],
        vec![("url", attr("lb", "dnsName"))],
    )
}

/// A DAEMON service in host mode behind an internal Network Load Balancer, on instances
/// with a security group of their own that admits it.
fn ec2_daemon() -> Program {
    Program::new(
        vec![
            let_("cluster", "Cluster", [("containerInsights", raw("true"))]),
            let_("nlb", "NetworkLoadBalancer", [("scheme", s("internal"))]),
            let_(
                "instances",
                "SecurityGroup",
                [
                    (
                        "description",
                        s("instances: metrics from the load balancer"),
                    ),
                    (
                        "ingress",
                        list([rec("Ingress", [("port", raw("2020")), ("from", r("nlb"))])]),
                    ),
                ],
            ),
            let_(
                "capacity",
                "AutoScalingGroup",
                [
                    ("cluster", r("cluster")),
                    ("instanceType", s("m7i.large")),
                    ("minSize", raw("2")),
                    ("securityGroups", list([r("instances")])),
                ],
            ),
            let_(
                "metrics",
                "NetworkListener",
                [("loadBalancer", r("nlb")), ("port", raw("2020"))],
            ),
            ec2_service(
                "agent",
                [
                    ("cluster", r("cluster")),
                    ("schedulingStrategy", s("DAEMON")),
                    ("networkMode", s("host")),
                ],
                "fluentbit",
                rec(
                    "Container",
                    [
                        (
                            "image",
                            s("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
                        ),
                        ("memoryReservation", raw("64")),
                        ("portMappings", list([r("metrics")])),
                    ],
                ),
            ),
        ],
        vec![("service", attr("agent", "name"))],
    )
}

/// An EC2 task definition run on demand, with task cpu and memory and a constraint.
fn ec2_task() -> Program {
    Program::new(
        vec![
            let_("cluster", "Cluster", []),
            let_(
                "capacity",
                "AutoScalingGroup",
                [
                    ("cluster", r("cluster")),
                    ("instanceType", s("t3.large")),
                    ("minSize", raw("0")),
                    ("maxSize", raw("2")),
                ],
            ),
            let_(
                "report",
                "EC2TaskDefinition",
                [
                    ("cluster", r("cluster")),
                    ("cpu", raw("256")),
                    ("memory", raw("512MiB")),
                    (
                        "container",
                        rec(
                            "Container",
                            [
                                ("image", s("public.ecr.aws/docker/library/busybox:1")),
                                ("command", list([s("echo"), s("report")])),
                            ],
                        ),
                    ),
                    (
                        "placementConstraints",
                        list([constraint(Some(
                            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
                        ))]),
                    ),
                    ("logRetention", raw("14d")),
                ],
            ),
        ],
        vec![("taskDefinition", attr("report", "arn"))],
    )
}

/// A Fargate service on Fargate and Fargate Spot.
fn fargate_spot() -> Program {
    Program::new(
        vec![
            let_("cluster", "Cluster", []),
            let_("web", "ApplicationListener", [("port", raw("80"))]),
            service(
                "app",
                [
                    ("cluster", r("cluster")),
                    ("desiredCount", raw("6")),
                    (
                        "capacityProviders",
                        list([
                            provider(s("FARGATE"), "1", "2"),
                            provider(s("FARGATE_SPOT"), "3", "0"),
                        ]),
                    ),
                ],
                "app",
                container("nginx", "256", [r("web")]),
            ),
        ],
        vec![("url", attr("web", "endpoint.hostname"))],
    )
}

/// Graviton (ARM) instances in a VPC of their own, and a bridge mode service behind a
/// Network Load Balancer target group on them, spread over zones.
fn graviton() -> Program {
    Program::new(
        vec![
            let_(
                "vpc",
                "Vpc",
                [
                    ("availabilityZones", raw("3")),
                    ("natGateways", s("single")),
                ],
            ),
            let_("cluster", "Cluster", [("vpc", r("vpc"))]),
            let_(
                "graviton",
                "AutoScalingGroup",
                [
                    ("cluster", r("cluster")),
                    ("instanceType", s("m7g.large")),
                    ("minSize", raw("3")),
                    ("maxSize", raw("9")),
                    ("targetCapacity", raw("80")),
                    ("tags", map([("Team", s("platform"))])),
                ],
            ),
            let_("tg", "NetworkTargetGroup", [("port", raw("8080"))]),
            let_(
                "front",
                "NetworkListener",
                [("port", raw("80")), ("targetGroup", r("tg"))],
            ),
            ec2_service(
                "workers",
                [
                    ("cluster", r("cluster")),
                    ("desiredCount", raw("6")),
                    (
                        "orderedPlacementStrategies",
                        list([
                            strategy("spread", Some("attribute:ecs.availability-zone")),
                            strategy("binpack", Some("cpu")),
                        ]),
                    ),
                    (
                        "placementConstraints",
                        list([constraint(Some("attribute:ecs.cpu-architecture == arm64"))]),
                    ),
                ],
                "worker",
                container("public.ecr.aws/docker/library/httpd:2.4", "512", [r("tg")]),
            ),
        ],
        vec![
            ("capacityProvider", attr("graviton", "capacityProvider")),
            ("url", attr("front", "endpoint.hostname")),
        ],
    )
}

/// Storage and logging: an EFS file system mounted (with the task role) by a Fargate
/// service on ARM64 with a FireLens router, and an EC2 service with a shared Docker volume
/// logging to syslog.
fn storage() -> Program {
    Program::new(
        vec![
            let_(
                "vpc",
                "Vpc",
                [
                    ("availabilityZones", raw("2")),
                    ("natGateways", s("single")),
                ],
            ),
            let_("cluster", "Cluster", [("vpc", r("vpc"))]),
            let_(
                "files",
                "EfsFileSystem",
                [("vpc", r("vpc")), ("tags", map([("Name", s("edge"))]))],
            ),
            let_(
                "capacity",
                "AutoScalingGroup",
                [("cluster", r("cluster")), ("instanceType", s("t3.medium"))],
            ),
            let_(
                "app",
                "FargateService",
                [
                    ("cluster", r("cluster")),
                    ("platformVersion", s("LATEST")),
                    (
                        "runtimePlatform",
                        rec("RuntimePlatform", [("cpuArchitecture", s("ARM64"))]),
                    ),
                    (
                        "permissions",
                        list([rec(
                            "Permission",
                            [
                                ("actions", list([s("elasticfilesystem:ClientMount")])),
                                ("resources", list([attr("files", "arn")])),
                            ],
                        )]),
                    ),
                    (
                        "volumes",
                        map([(
                            "data",
                            rec("EfsVolume", [("fileSystem", r("files")), ("iam", raw("true"))]),
                        )]),
                    ),
                    (
                        "containers",
                        map([
                            (
                                "web",
                                rec(
                                    "Container",
                                    [
                                        ("image", s("public.ecr.aws/nginx/nginx:1.27")),
                                        ("memory", raw("256")),
                                        (
                                            "mountPoints",
                                            list([rec(
                                                "MountPoint",
                                                [
                                                    ("volume", s("data")),
                                                    ("path", s("/data")),
                                                    ("readOnly", raw("true")),
                                                ],
                                            )]),
                                        ),
                                        ("logging", rec("FirelensLogging", [])),
                                    ],
                                ),
                            ),
                            (
                                "router",
                                rec(
                                    "Container",
                                    [
                                        (
                                            "image",
                                            s("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"),
                                        ),
                                        ("memory", raw("64")),
                                        (
                                            "firelensConfiguration",
                                            rec("FirelensConfiguration", [("type", s("fluentbit"))]),
                                        ),
                                    ],
                                ),
                            ),
                        ]),
                    ),
                ],
            ),
            let_(
                "host",
                "EC2Service",
                [
                    ("cluster", r("cluster")),
                    (
                        "volumes",
                        map([(
                            "cache",
                            rec(
                                "DockerVolume",
                                [("scope", s("shared")), ("autoprovision", raw("true"))],
                            ),
                        )]),
                    ),
                    (
                        "containers",
                        map([(
                            "c",
                            rec(
                                "Container",
                                [
                                    ("image", s("public.ecr.aws/docker/library/busybox:1.36")),
                                    ("memory", raw("64")),
                                    (
                                        "mountPoints",
                                        list([rec(
                                            "MountPoint",
                                            [("volume", s("cache")), ("path", s("/cache"))],
                                        )]),
                                    ),
                                    ("logging", rec("LogDriver", [("name", s("syslog"))])),
                                ],
                            ),
                        )]),
                    ),
                ],
            ),
        ],
        vec![("fileSystem", attr("files", "id"))],
    )
}

// ================================================================ edges of the types

/// Which edge of a field's type a value is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Edge {
    Lo,
    Hi,
    /// One of the alternatives (a string literal, `true` or `false`).
    Alt(String),
}

impl std::fmt::Display for Edge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edge::Lo => f.write_str("lower bound"),
            Edge::Hi => f.write_str("upper bound"),
            Edge::Alt(a) => write!(f, "alternative {a}"),
        }
    }
}

fn duration_text(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

fn bounds<T: Copy>(
    lo: Option<T>,
    hi: Option<T>,
    show: impl Fn(T) -> String,
) -> Vec<(Edge, String)> {
    [(Edge::Lo, lo), (Edge::Hi, hi)]
        .into_iter()
        .filter_map(|(e, b)| b.map(|b| (e, show(b))))
        .collect()
}

/// The edge values of a field of type `ty`, as ecsx text.
fn edges(ty: &Ty) -> Vec<(Edge, String)> {
    match ty.required() {
        Ty::Int(lo, hi) => bounds(*lo, *hi, |n| n.to_string()),
        Ty::Duration(lo, hi) => bounds(*lo, *hi, duration_text),
        Ty::Memory(lo, hi) => bounds(*lo, *hi, |n| format!("{n}MiB")),
        Ty::Bool => ["true", "false"]
            .map(|b| (Edge::Alt(b.into()), b.to_string()))
            .into(),
        t => t
            .literals()
            .unwrap_or_default()
            .into_iter()
            .map(|l| (Edge::Alt(l.to_string()), quote(l)))
            .collect(),
    }
}

/// The edge value `edge` of `field` of the stdlib type `ty`.
fn edge_text(lib: &Library, ty: &str, field: &str, edge: &Edge) -> String {
    let f = lib.get(ty).and_then(|d| d.field(field));
    let f = f.unwrap_or_else(|| panic!("the standard library has no `{ty}.{field}`"));
    edges(&f.ty)
        .into_iter()
        .find(|(e, _)| e == edge)
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("`{ty}.{field}` has no {edge}"))
}

/// Every settable field of the standard library that has edge values.
fn bounded_fields(lib: &Library) -> BTreeSet<(String, String)> {
    lib.types
        .values()
        .flat_map(|d| {
            d.fields
                .iter()
                .filter(|f| !f.out && !edges(&f.ty).is_empty())
                .map(|f| (d.name.clone(), f.name.to_string()))
        })
        .collect()
}

/// Whether the declared type `ty` can hold a record literal of type `name`.
fn mentions(ty: &Ty, name: &str) -> bool {
    match ty {
        Ty::Named(n) => n == name,
        Ty::List(t) | Ty::Map(t) | Ty::Optional(t) => mentions(t, name),
        Ty::Union(ts) => ts.iter().any(|t| mentions(t, name)),
        _ => false,
    }
}

/// Every record literal of `prog`, and the records it could have with a default value
/// (`healthCheck: {}`), checking that each literal's type fits its field.
fn nodes(lib: &Library, prog: &Program) -> Vec<Node> {
    fn walk(lib: &Library, v: &V, b: usize, path: &mut Vec<Step>, out: &mut Vec<Node>) {
        match v {
            V::Rec(ty, fs) => {
                let def = lib
                    .get(ty)
                    .unwrap_or_else(|| panic!("no `{ty}` in the standard library"));
                out.push(Node {
                    binding: b,
                    path: path.clone(),
                    ty: ty.clone(),
                    missing: false,
                });
                for (k, x) in fs {
                    let f = def
                        .field(k)
                        .unwrap_or_else(|| panic!("`{ty}` has no field `{k}`"));
                    if let V::Rec(inner, _) = x {
                        let owner = ctor_head(inner).and_then(|h| h.split('.').next());
                        assert!(
                            mentions(&f.ty, inner) || owner.is_some_and(|o| mentions(&f.ty, o)),
                            "`{ty}.{k}` holds no `{inner}`"
                        );
                    }
                    path.push(Step::Field(k.clone()));
                    walk(lib, x, b, path, out);
                    path.pop();
                }
                for f in &def.fields {
                    let Ty::Named(inner) = f.ty.required() else {
                        continue;
                    };
                    let record = lib.get(inner).is_some_and(|d| d.kind == Kind::Record);
                    if record && f.default.is_some() && fs.value(&f.name).is_none() {
                        let mut p = path.clone();
                        p.push(Step::Field(f.name.to_string()));
                        out.push(Node {
                            binding: b,
                            path: p,
                            ty: inner.clone(),
                            missing: true,
                        });
                    }
                }
            }
            V::Map(fs) => {
                for (k, x) in fs {
                    path.push(Step::Key(k.clone()));
                    walk(lib, x, b, path, out);
                    path.pop();
                }
            }
            V::List(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    path.push(Step::Item(i));
                    walk(lib, x, b, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, b) in prog.bindings.iter().enumerate() {
        if let Some(body) = &b.body {
            walk(lib, body, i, &mut Vec::new(), &mut out);
        }
    }
    out
}

fn describe(prog: &Program, node: &Node) -> String {
    let mut out = prog.bindings[node.binding].name.clone();
    for step in &node.path {
        match step {
            Step::Field(f) => {
                let _ = write!(out, ".{f}");
            }
            Step::Item(i) => {
                let _ = write!(out, "[{i}]");
            }
            Step::Key(k) => {
                let _ = write!(out, "[{k}]");
            }
        }
    }
    out
}

// ================================================================ cross-field rules

/// What became of a one-field variant.
enum Fate {
    /// Valid as it is.
    Keep,
    /// Valid after the changes described.
    Adjusted(String),
    /// Rightly rejected for this record whatever else changes (the reason), or
    /// accepted by the compiler though it cannot deploy (a gap of the compiler, kept
    /// in [`questionable_cases`]); another record covers the edge.
    Skip(&'static str),
}

/// A variant being adjusted: the program, and the record whose field changed.
struct Ctx<'a> {
    prog: &'a mut Program,
    node: &'a Node,
    lib: &'a Library,
}

impl Ctx<'_> {
    fn get(&self, field: &str) -> Option<&V> {
        self.prog.get(self.node, field)
    }
    fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }
    fn text(&self, field: &str) -> Option<String> {
        match self.get(field)? {
            V::Raw(t) => Some(t.clone()),
            _ => None,
        }
    }
    fn set(&mut self, field: &str, text: impl Into<String>) {
        self.prog
            .record_mut(self.node.binding, &self.node.path)
            .put(field, raw(text));
    }
    fn remove(&mut self, field: &str) {
        self.prog
            .record_mut(self.node.binding, &self.node.path)
            .take(field);
    }
    /// The edge `edge` of another field of this record's type.
    fn edge(&self, field: &str, edge: &Edge) -> String {
        edge_text(self.lib, &self.node.ty, field, edge)
    }
    fn binding_name(&self) -> String {
        self.prog.bindings[self.node.binding].name.clone()
    }
    /// The binding this record's `field` refers to.
    fn referent(&self, field: &str) -> Option<String> {
        match self.get(field)? {
            V::Ref(n, _) => Some(n.clone()),
            _ => None,
        }
    }
    /// The other entries of the map this record is in (a task's other containers).
    fn siblings(&self) -> Vec<Fields> {
        let Some((Step::Key(me), parent)) = self.node.path.split_last() else {
            return Vec::new();
        };
        match self.prog.value_at(self.node.binding, parent) {
            Some(V::Map(entries)) => entries
                .iter()
                .filter(|(k, _)| k != me)
                .filter_map(|(_, v)| match v {
                    V::Rec(_, fs) => Some(fs.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
    /// The other items of the list this record is in (a strategy's other providers).
    fn list_siblings(&self) -> Vec<Fields> {
        let Some((Step::Item(me), parent)) = self.node.path.split_last() else {
            return Vec::new();
        };
        match self.prog.value_at(self.node.binding, parent) {
            Some(V::List(items)) => items
                .iter()
                .enumerate()
                .filter(|(i, _)| i != me)
                .filter_map(|(_, v)| match v {
                    V::Rec(_, fs) => Some(fs.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
    /// The instance types of the Auto Scaling groups of this task's cluster.
    fn instance_types(&self) -> Vec<String> {
        let Some(cluster) = self.referent("cluster") else {
            return Vec::new();
        };
        self.prog
            .of_type("AutoScalingGroup")
            .filter_map(|b| match b.body.as_ref()? {
                V::Rec(_, fs) if fs.value("cluster") == Some(&r(&cluster)) => {
                    match fs.value("instanceType")? {
                        V::Raw(t) => Some(t.trim_matches('"').to_string()),
                        _ => None,
                    }
                }
                _ => None,
            })
            .collect()
    }
    /// Memory (MiB) and cpu units the other containers of the task take.
    fn siblings_need(&self) -> (u64, u64) {
        let num = |fs: &Fields, k: &str| match fs.value(k) {
            Some(V::Raw(t)) => mib(t),
            _ => 0,
        };
        self.siblings().iter().fold((0, 0), |(m, c), fs| {
            (
                m + num(fs, "memory").max(num(fs, "memoryReservation")),
                c + num(fs, "cpu"),
            )
        })
    }
}

/// `256`, `256MiB` or `2GiB` in MiB (cpu units: the number).
fn mib(text: &str) -> u64 {
    let (n, unit) = match text.strip_suffix("GiB") {
        Some(n) => (n, 1024),
        None => (text.trim_end_matches("MiB"), 1),
    };
    n.replace('_', "").parse::<u64>().unwrap_or(0) * unit
}

/// The largest and the smallest Fargate task: (cpu units, MiB).
fn fargate_extremes() -> ((u64, u64), (u64, u64)) {
    let sizes: Vec<(u64, u64)> = limits::fargate_sizes().collect();
    (sizes[0], sizes[sizes.len() - 1])
}

/// Brings a variant whose `field` was set to `edge` back to a valid program, when the
/// compiler's cross-field rules (codes in the comments) reject the change on its own.
fn adjust(c: &mut Ctx, field: &str, edge: &Edge) -> Fate {
    use Edge::{Alt, Hi, Lo};
    let ty = c.node.ty.clone();
    let alt = match edge {
        Alt(a) => a.as_str(),
        _ => "",
    };
    let ((min_cpu, min_mem), (max_cpu, max_mem)) = fargate_extremes();
    match (ty.as_str(), field, edge) {
        // E0353: only a shared Docker volume is autoprovisioned.
        ("DockerVolume", "scope", Alt(_)) if alt == "task" => {
            c.remove("autoprovision");
            Fate::Adjusted("no autoprovision: a task volume is always made (E0353)".into())
        }
        // E0316: a health check times out before the next one starts.
        ("HealthCheck" | "NetworkHealthCheck", "timeout", Hi) => {
            let interval = c.edge("interval", &Hi);
            c.set("interval", interval.clone());
            Fate::Adjusted(format!(
                "interval {interval}: the timeout must be shorter than the interval (E0316)"
            ))
        }
        ("HealthCheck" | "NetworkHealthCheck", "interval", Lo) => {
            let timeout = c.edge("timeout", &Lo);
            c.set("timeout", timeout.clone());
            Fate::Adjusted(format!(
                "timeout {timeout}: the timeout must be shorter than the interval (E0316)"
            ))
        }
        // E0316: a TCP health check has no path and no matcher.
        ("NetworkHealthCheck", "protocol", Alt(_)) if alt == "TCP" => {
            c.remove("path");
            c.remove("matcher");
            Fate::Adjusted("no path, no matcher: a TCP health check has neither (E0316)".into())
        }
        // E0332: a listener on a shared load balancer takes its scheme from it.
        ("ApplicationListener" | "NetworkListener", "scheme", _) if c.has("loadBalancer") => {
            Fate::Skip("scheme belongs to the shared load balancer (E0332)")
        }
        // E0332: with a target group, the target group has the port and health check.
        ("ApplicationListener", "targetPort" | "healthCheckPath" | "healthCheckInterval", _)
        | ("NetworkListener", "targetPort", _)
            if c.has("targetGroup") =>
        {
            Fate::Skip("the listener's target group has the port and health check (E0332)")
        }
        // E0307 / E0329: a certificate exactly for HTTPS and TLS.
        ("ApplicationListener", "protocol", Alt(_)) | ("NetworkListener", "protocol", Alt(_)) => {
            let mut notes = Vec::new();
            if matches!(alt, "HTTPS" | "TLS") {
                if !c.has("certificateArn") {
                    c.set("certificateArn", quote(CERT));
                    notes.push(format!("a certificate: {alt} needs one (E0307)"));
                }
            } else if c.has("certificateArn") || c.has("sslPolicy") {
                c.remove("certificateArn");
                c.remove("sslPolicy");
                notes.push(
                    "no certificate, no sslPolicy: only HTTPS and TLS take them (E0329)".into(),
                );
            }
            // E0318: the target group's protocol fits the listener's.
            if ty == "NetworkListener" {
                if let Some(tg) = c.referent("targetGroup") {
                    let fit = if alt == "TLS" { "TCP" } else { alt };
                    let b = c.prog.index(&tg);
                    c.prog.record_mut(b, &[]).put("protocol", s(fit));
                    notes.push(format!("target group `{tg}` protocol {fit} (E0318)"));
                }
            }
            adjusted(notes)
        }
        // E0318: the listeners forwarding to a target group fit its protocol.
        ("NetworkTargetGroup", "protocol", Alt(_)) => {
            let me = c.binding_name();
            let listeners: Vec<usize> = (0..c.prog.bindings.len())
                .filter(|&i| {
                    c.prog.bindings[i].ty == "NetworkListener"
                        && c.prog.value_at(i, &[fld("targetGroup")]) == Some(&r(&me))
                })
                .collect();
            let mut notes = Vec::new();
            for i in listeners {
                let l = c.prog.record_mut(i, &[]);
                l.put("protocol", s(alt));
                if alt == "TLS" {
                    l.put("certificateArn", s(CERT));
                } else {
                    l.take("certificateArn");
                    l.take("sslPolicy");
                }
                notes.push(format!(
                    "listener `{}` protocol {alt} (E0318){}",
                    c.prog.bindings[i].name,
                    if alt == "TLS" {
                        ", with a certificate (E0307)"
                    } else {
                        ""
                    }
                ));
            }
            adjusted(notes)
        }
        // E0319: Fargate tasks register by IP.
        ("ApplicationTargetGroup" | "NetworkTargetGroup", "targetType", Alt(_))
            if alt == "instance" && c.prog.referred_by(&c.binding_name(), "FargateService") =>
        {
            Fate::Skip("a Fargate service registers in it, by IP (E0319)")
        }
        // E0310 / E0301: Fargate sizes.
        ("FargateService" | "FargateTaskDefinition", "cpu", Lo | Hi) => {
            let cpu = if *edge == Lo { min_cpu } else { max_cpu };
            c.set("cpu", cpu.to_string());
            Fate::Adjusted(format!("cpu {cpu}: the nearest Fargate task size (E0310)"))
        }
        ("FargateService" | "FargateTaskDefinition", "memory", Lo | Hi) => {
            let mem = if *edge == Lo { min_mem } else { max_mem };
            c.set("memory", format!("{mem}MiB"));
            Fate::Adjusted(format!(
                "memory {mem}MiB: the nearest Fargate task size (E0301, E0310)"
            ))
        }
        ("Container", "memory" | "memoryReservation", Hi) => {
            let room = max_mem - c.siblings_need().0;
            c.set("memory", format!("{room}MiB"));
            if field == "memoryReservation" {
                c.set("memoryReservation", format!("{room}MiB"));
            }
            Fate::Adjusted(format!(
                "{room}MiB: what the largest Fargate task ({max_mem} MiB) leaves the container (E0301){}",
                if field == "memoryReservation" { "; memory the same: a reservation is at most the hard limit (E0304)" } else { "" }
            ))
        }
        // E0304: a reservation is at most the hard limit.
        ("Container", "memory", Lo) if c.has("memoryReservation") => {
            let m = c.edge("memory", &Lo);
            c.set("memoryReservation", m.clone());
            Fate::Adjusted(format!(
                "memoryReservation {m}: at most the hard limit (E0304)"
            ))
        }
        ("Container", "cpu", Hi) => {
            let room = max_cpu - c.siblings_need().1;
            c.set("cpu", room.to_string());
            Fate::Adjusted(format!(
                "cpu {room}: what the largest Fargate task ({max_cpu} units) leaves the container (E0301)"
            ))
        }
        // E0360: a circuit-breaker threshold needs the circuit breaker.
        ("FargateService" | "EC2Service", "circuitBreaker", Alt(_)) if alt == "false" => {
            c.remove("circuitBreakerThreshold");
            Fate::Adjusted("no circuitBreakerThreshold: the breaker is off (E0360)".into())
        }
        // E0362: autoscaling's (and a schedule's) `min` is at most its `max`.
        ("Autoscaling" | "ScalingSchedule", "min", Hi) => {
            let max = c.edge("max", &Hi);
            c.set("max", max.clone());
            Fate::Adjusted(format!("max {max}: min must not be above max (E0362)"))
        }
        ("Autoscaling" | "ScalingSchedule", "max", Lo) => {
            let min = c.edge("min", &Lo);
            c.set("min", min.clone());
            Fate::Adjusted(format!("min {min}: min must not be above max (E0362)"))
        }
        // E0347: Fargate waits at most 120 s after SIGTERM.
        ("Container", "stopTimeout", Hi)
            if matches!(
                c.prog.bindings[c.node.binding].ty.as_str(),
                "FargateService" | "FargateTaskDefinition"
            ) =>
        {
            c.set("stopTimeout", "120s");
            Fate::Adjusted("120s: the longest stop timeout on Fargate (E0347)".into())
        }
        // E0346: a health check times out before its next check is due.
        ("ContainerHealthCheck", "interval", Lo) => {
            c.set("timeout", "4s");
            Fate::Adjusted("timeout 4s: shorter than the interval (E0346)".into())
        }
        ("ContainerHealthCheck", "timeout", Hi) => {
            c.set("interval", "121s");
            Fate::Adjusted("interval 121s: longer than the timeout (E0346)".into())
        }
        // E0347: a soft limit is at most the hard limit.
        ("Ulimit", "softLimit", Hi) => {
            let n = c.text("softLimit").unwrap_or_default();
            c.set("hardLimit", n.clone());
            Fate::Adjusted(format!("hardLimit {n}: at least the soft limit (E0347)"))
        }
        ("Ulimit", "hardLimit", Lo) => {
            c.set("softLimit", "0");
            Fate::Adjusted("softLimit 0: at most the hard limit (E0347)".into())
        }
        // E0328: a task needs an essential container.
        ("Container", "essential", Alt(_))
            if alt == "false"
                && !c
                    .siblings()
                    .iter()
                    .any(|fs| fs.value("essential") != Some(&raw("false"))) =>
        {
            Fate::Skip("the task's only essential container (E0328)")
        }
        // E0308: under awsvpc the host port is the container port.
        ("PortMapping", "hostPort", Lo | Hi) => {
            let port = c.text("hostPort").unwrap_or_default();
            c.set("containerPort", port.clone());
            Fate::Adjusted(format!("containerPort {port}: equal to hostPort (E0308)"))
        }
        ("PortMapping", "containerPort", Lo | Hi) if c.has("hostPort") => {
            let port = c.text("containerPort").unwrap_or_default();
            c.set("hostPort", port.clone());
            Fate::Adjusted(format!("hostPort {port}: equal to containerPort (E0308)"))
        }
        // E0311: a grace period needs a load balancer.
        ("FargateService" | "EC2Service", "healthCheckGracePeriod", _) if !load_balanced(c) => {
            Fate::Skip("the service has no load balancer (E0311)")
        }
        // Rules without a priority are numbered on from the rule before them (E0320
        // when two collide): the highest priority goes on a rule no unnumbered rule
        // follows. (The overflow itself is in [`questionable_cases`].)
        ("Route", "priority", Hi) if unnumbered_rules_follow(c) => {
            Fate::Skip("rules without priority follow it, numbered past the highest")
        }
        // E0322: an Application Load Balancer needs two availability zones.
        ("Vpc", "availabilityZones", Lo)
            if c.prog.of_type("ApplicationListener").next().is_some()
                || c.prog.of_type("ApplicationLoadBalancer").next().is_some() =>
        {
            Fate::Skip("an Application Load Balancer needs two zones (E0322)")
        }
        // E0323: a public and a private subnet per zone fit in the VPC's range, which is
        // at most a /16: subnets of /16 never fit, the lower bound is unreachable.
        ("Vpc", "subnetPrefix", Lo) => {
            let zones: u32 = c
                .text("availabilityZones")
                .and_then(|z| z.parse().ok())
                .unwrap_or(2);
            let cidr = c.text("cidr").unwrap_or_else(|| "\"10.0.0.0/16\"".into());
            let vpc_prefix: u32 = cidr
                .trim_matches('"')
                .rsplit('/')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(16);
            let prefix = vpc_prefix + (2 * zones).next_power_of_two().trailing_zeros();
            c.set("subnetPrefix", prefix.to_string());
            Fate::Adjusted(format!(
                "subnetPrefix {prefix}, the largest subnets {} of them fit in a /{vpc_prefix} (E0323)",
                2 * zones
            ))
        }
        // E0333: a rule for every protocol covers every port; a tcp/udp rule needs one;
        // a range ends at or after its start.
        ("Ingress" | "Egress", "protocol", Alt(_)) if alt == "all" => {
            c.remove("port");
            c.remove("toPort");
            Fate::Adjusted("no port: a rule for every protocol covers every port (E0333)".into())
        }
        ("Ingress" | "Egress", "port" | "toPort", _)
            if c.text("protocol").as_deref() == Some("\"all\"") =>
        {
            Fate::Skip("a rule for every protocol takes no port (E0333)")
        }
        // E0333: ICMP types and codes are 0 to 255.
        ("Ingress" | "Egress", "protocol", Alt(_)) if alt == "icmp" => {
            c.set("port", "8");
            c.remove("toPort");
            Fate::Adjusted(
                "port 8 (echo request), any code: ICMP types are 0 to 255 (E0333)".into(),
            )
        }
        ("Ingress" | "Egress", "port" | "toPort", Hi)
            if c.text("protocol").as_deref() == Some("\"icmp\"") =>
        {
            Fate::Skip("ICMP types and codes are 0 to 255 (E0333)")
        }
        ("Ingress" | "Egress", "protocol", Alt(_)) if !c.has("port") => {
            c.set("port", "443");
            Fate::Adjusted("port 443: a tcp or udp rule needs a port (E0333)".into())
        }
        ("Ingress" | "Egress", "toPort", Lo) => {
            let lo = c.text("toPort").unwrap_or_default();
            c.set("port", lo.clone());
            Fate::Adjusted(format!(
                "port {lo}: a range starts at or before its end (E0333)"
            ))
        }
        ("Ingress" | "Egress", "port", Hi) if c.has("toPort") => {
            let hi = c.text("port").unwrap_or_default();
            c.set("toPort", hi.clone());
            Fate::Adjusted(format!(
                "toPort {hi}: a range ends at or after its start (E0333)"
            ))
        }
        // E0343: minSize <= desiredCapacity <= maxSize.
        ("AutoScalingGroup", "minSize", Hi) => {
            let n = c.text("minSize").unwrap_or_default();
            Fate::Adjusted(group_sizes(c, &["maxSize", "desiredCapacity"], &n))
        }
        // E0339: a group that never starts an instance cannot run the tasks of the
        // cluster's services.
        ("AutoScalingGroup", "maxSize", Lo) if services_on_cluster_of(c) => {
            Fate::Skip("no instance would ever run the cluster's service tasks (E0339)")
        }
        ("AutoScalingGroup", "maxSize", Lo) => {
            let n = c.text("maxSize").unwrap_or_default();
            Fate::Adjusted(group_sizes(c, &["minSize", "desiredCapacity"], &n))
        }
        ("AutoScalingGroup", "desiredCapacity", Lo | Hi) => {
            let n = c.text("desiredCapacity").unwrap_or_default();
            let bound = if *edge == Lo { "minSize" } else { "maxSize" };
            Fate::Adjusted(group_sizes(c, &[bound], &n))
        }
        // E0337: a daemon runs one task on every instance, on the EC2 launch type.
        ("EC2Service", "schedulingStrategy", Alt(_)) if alt == "DAEMON" => {
            let given: Vec<&str> = [
                "desiredCount",
                "orderedPlacementStrategies",
                "capacityProviders",
            ]
            .into_iter()
            .filter(|f| c.has(f))
            .collect();
            for f in &given {
                c.remove(f);
            }
            Fate::Adjusted(format!(
                "no {}: not for a DAEMON service (E0337)",
                given.join(", ")
            ))
        }
        // E0341: awsvpc services use the service-linked role; E0332: security groups are
        // for awsvpc tasks only.
        ("EC2Service" | "EC2TaskDefinition", "networkMode", Alt(_)) => {
            let mut notes = Vec::new();
            if alt == "awsvpc" && c.has("iamRole") {
                c.remove("iamRole");
                notes.push("no iamRole: awsvpc services use the service-linked role (E0341)");
            }
            if alt != "awsvpc" && c.has("securityGroups") {
                c.remove("securityGroups");
                notes.push("no securityGroups: they are for awsvpc tasks (E0332)");
            }
            adjusted(notes.into_iter().map(String::from).collect())
        }
        // E0342: one task fits an instance of the cluster's groups. The compiler refuses
        // more than an instance can register; what it does register is less still (the
        // agent's and the system's share): an eighth is left over.
        ("EC2Service" | "EC2TaskDefinition", "memory", Hi) => {
            let Some(nominal) = c
                .instance_types()
                .iter()
                .filter_map(|t| limits::instance_size(t).map(|s| s.memory))
                .min()
            else {
                return Fate::Keep;
            };
            let mem = nominal - nominal / 8;
            c.set("memory", format!("{mem}MiB"));
            Fate::Adjusted(format!(
                "memory {mem}MiB: a task fits an instance of {nominal} MiB (E0342), less what ECS does not register"
            ))
        }
        // E0301: the task's memory holds its containers' memory.
        ("EC2Service" | "EC2TaskDefinition", "memory", Lo) if containers_need_memory(c) => {
            Fate::Skip("its containers need more memory (E0301)")
        }
        // E0342: an instance of the cluster has the cpu to run one task.
        ("EC2Service" | "EC2TaskDefinition", "cpu", Hi) => {
            let Some(cpu) = c
                .instance_types()
                .iter()
                .filter_map(|t| limits::instance_size(t).map(|s| s.cpu))
                .min()
            else {
                return Fate::Keep;
            };
            c.set("cpu", cpu.to_string());
            Fate::Adjusted(format!(
                "cpu {cpu}: the cpu units of an instance of the cluster (E0342)"
            ))
        }
        // E0338: a binpack strategy packs by cpu or memory; a random one has no field; a
        // spread one spreads over a field.
        ("PlacementStrategy", "type", Alt(_)) => {
            let field = c.text("field");
            match (alt, field.as_deref()) {
                ("binpack", Some("\"cpu\"" | "\"memory\"")) => Fate::Keep,
                ("binpack", _) => {
                    c.set("field", quote("cpu"));
                    Fate::Adjusted("field cpu: binpack packs by cpu or memory (E0338)".into())
                }
                ("random", Some(_)) => {
                    c.remove("field");
                    Fate::Adjusted("no field: a random strategy has none (E0338)".into())
                }
                ("spread", None) => {
                    c.set("field", quote("instanceId"));
                    Fate::Adjusted("field instanceId: spread needs a field (E0338)".into())
                }
                _ => Fate::Keep,
            }
        }
        // E0338: distinctInstance only on a service, without expression; memberOf with an
        // expression of the cluster query language.
        ("PlacementConstraint", "type", Alt(_))
            if alt == "distinctInstance"
                && c.prog.bindings[c.node.binding].ty == "EC2TaskDefinition" =>
        {
            Fate::Skip("a task definition takes only memberOf constraints (E0338)")
        }
        ("PlacementConstraint", "type", Alt(_))
            if alt == "distinctInstance" && c.has("expression") =>
        {
            c.remove("expression");
            Fate::Adjusted("no expression: distinctInstance takes none (E0338)".into())
        }
        ("PlacementConstraint", "type", Alt(_)) if alt == "memberOf" && !c.has("expression") => {
            c.set("expression", quote("attribute:ecs.os-type == linux"));
            Fate::Adjusted("an expression: memberOf needs one (E0338)".into())
        }
        // E0340: some provider of a strategy has a weight above 0.
        ("CapacityProviderItem", "weight", Lo)
            if !c
                .list_siblings()
                .iter()
                .any(|fs| fs.value("weight") != Some(&raw("0"))) =>
        {
            Fate::Skip("the strategy's only provider with a weight (E0340)")
        }
        _ => Fate::Keep,
    }
}

/// Sets the sizes `fields` of the Auto Scaling group of `c` to `n` (`desiredCapacity`
/// only when given), for E0343: minSize <= desiredCapacity <= maxSize.
fn group_sizes(c: &mut Ctx, fields: &[&str], n: &str) -> String {
    let mut set = Vec::new();
    for f in fields {
        if *f != "desiredCapacity" || c.has(f) {
            c.set(f, n);
            set.push(*f);
        }
    }
    format!(
        "{} {n}: minSize <= desiredCapacity <= maxSize (E0343)",
        set.join(", ")
    )
}

/// Whether the cluster of the Auto Scaling group of `c` runs services.
fn services_on_cluster_of(c: &Ctx) -> bool {
    let Some(cluster) = c.referent("cluster") else {
        return false;
    };
    c.prog.bindings.iter().any(|b| {
        matches!(b.ty.as_str(), "EC2Service" | "FargateService")
            && c.prog.value_at(c.prog.index(&b.name), &[fld("cluster")]) == Some(&r(&cluster))
    })
}

/// Whether a container of the task of `c` has memory or a reservation of its own
/// (more than the task's lowest memory).
fn containers_need_memory(c: &Ctx) -> bool {
    let mut out = Vec::new();
    if let Some(body) = &c.prog.bindings[c.node.binding].body {
        records_of(body, "Container", &mut out);
    }
    out.iter()
        .any(|fs| fs.value("memory").is_some() || fs.value("memoryReservation").is_some())
}

fn adjusted(notes: Vec<String>) -> Fate {
    if notes.is_empty() {
        Fate::Keep
    } else {
        Fate::Adjusted(notes.join("; "))
    }
}

/// Whether rules without a priority follow the rule of `c` in its list.
fn unnumbered_rules_follow(c: &Ctx) -> bool {
    let Some((Step::Item(me), parent)) = c.node.path.split_last() else {
        return false;
    };
    match c.prog.value_at(c.node.binding, parent) {
        Some(V::List(rules)) => rules.iter().skip(me + 1).any(|r| match r {
            V::Rec(_, fs) => fs.value("priority").is_none(),
            _ => false,
        }),
        _ => false,
    }
}

/// Whether the service of `c` is behind a load balancer: a container lists a
/// listener or target group, or a rule forwards to it.
fn load_balanced(c: &Ctx) -> bool {
    let me = c.binding_name();
    let mut out = Vec::new();
    if let Some(body) = &c.prog.bindings[c.node.binding].body {
        refs(body, &mut out);
    }
    let lb_kinds = [
        "ApplicationListener",
        "NetworkListener",
        "ApplicationTargetGroup",
        "NetworkTargetGroup",
    ];
    out.iter().any(|n| {
        c.prog
            .binding(n)
            .is_some_and(|b| lb_kinds.contains(&b.ty.as_str()))
    }) || c
        .prog
        .records("Route")
        .iter()
        .any(|fs| fs.value("forward") == Some(&r(&me)))
}

// ================================================================ the corpus

/// A program of the corpus.
struct Case {
    name: String,
    program: Program,
    /// The compiler may rightly reject it, but must not compile it to a template
    /// that fails cfn-lint.
    may_reject: bool,
    /// The compiler must reject it with this code (ECS would not run it).
    rejected_by: Option<Code>,
}

impl Case {
    fn new(name: String, mut program: Program) -> Self {
        program.notes.insert(0, name.clone());
        Case {
            name,
            program,
            may_reject: false,
            rejected_by: None,
        }
    }
}

/// What the generator did not generate, and why (printed, for review).
#[derive(Default)]
struct Log {
    /// Edge values covered by some program: (type, field).
    covered: BTreeSet<(String, String)>,
    /// Variants skipped, with the reason.
    skipped: Vec<String>,
    /// Problems found by the generator itself (not by compiling or linting).
    findings: Vec<String>,
}

/// Every base, and one variant per edge value of each field of each record type: the
/// first record of the type (in the order of [`bases`]) the variant is valid for.
fn field_cases(lib: &Library, log: &mut Log) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut done: BTreeSet<(String, String, Edge)> = BTreeSet::new();
    for (base_name, base) in bases() {
        cases.push(Case::new(
            format!("{base_name}: the base program"),
            base.clone(),
        ));
        for node in nodes(lib, &base) {
            let def = lib.get(&node.ty).expect("a standard-library type");
            for f in def.fields.iter().filter(|f| !f.out) {
                for (edge, text) in edges(&f.ty) {
                    let k = (node.ty.clone(), f.name.to_string(), edge.clone());
                    if done.contains(&k) {
                        continue;
                    }
                    if base.get(&node, &f.name) == Some(&raw(text.clone())) {
                        // The base has it already.
                        log.covered.insert((node.ty.clone(), f.name.to_string()));
                        done.insert(k);
                        continue;
                    }
                    let mut prog = base.clone();
                    prog.materialize(&node);
                    prog.record_mut(node.binding, &node.path)
                        .put(&f.name, raw(text.clone()));
                    let mut ctx = Ctx {
                        prog: &mut prog,
                        node: &node,
                        lib,
                    };
                    let what = format!(
                        "{base_name}: {}.{} = {text} ({edge}) at {}",
                        node.ty,
                        f.name,
                        describe(&base, &node)
                    );
                    match adjust(&mut ctx, &f.name, &edge) {
                        Fate::Skip(why) => {
                            log.skipped.push(format!("{what}: {why}"));
                            continue;
                        }
                        Fate::Adjusted(note) => prog.notes.push(format!("adjusted: {note}")),
                        Fate::Keep => {}
                    }
                    done.insert(k);
                    log.covered.insert((node.ty.clone(), f.name.to_string()));
                    cases.push(Case::new(what, prog));
                }
            }
        }
    }
    cases
}

fn compiles(prog: &Program) -> bool {
    !ecsxc::compile_bytes("edge.ecsx", prog.render().as_bytes()).has_errors()
}

/// `orig` lengthened to `len` characters: a valid binding name whose PascalCase
/// (logical IDs) has the same length.
fn long_name(orig: &str, len: usize) -> String {
    let base: String = orig.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{base}Q{}", "x".repeat(len.saturating_sub(base.len() + 1)))
}

/// Names longer than this are not tried (bindings that make no resource take any).
const NAME_CEILING: usize = 1024;

/// Bisection between `lo`, which is `ok`, and `hi`, which is not: the last length that
/// is `ok` and the first that is not, next to each other.
fn bisect(mut lo: usize, mut hi: usize, ok: impl Fn(usize) -> bool) -> (usize, usize) {
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo, hi)
}

/// The longest name `orig` can take in `prog` (bisection over what compiles).
fn longest_name(prog: &Program, orig: &str, log: &mut Log, base_name: &str) -> Option<usize> {
    let attempt = |len: usize| {
        let mut p = prog.clone();
        p.rename(orig, &long_name(orig, len));
        p
    };
    let lo = orig.len() + 2;
    if !compiles(&attempt(lo)) {
        log.findings.push(format!(
            "{base_name}: binding `{orig}` renamed to the {lo}-character `{}` does not compile",
            long_name(orig, lo)
        ));
        return None;
    }
    if compiles(&attempt(NAME_CEILING)) {
        return Some(NAME_CEILING);
    }
    let (lo, hi) = bisect(lo, NAME_CEILING, |len| compiles(&attempt(len)));
    // One character more must fail only because a name made from it gets too long for
    // AWS or CloudFormation (E0110: a logical ID, a template parameter, a container).
    let out = ecsxc::compile_bytes("edge.ecsx", attempt(hi).render().as_bytes());
    let other: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.code != Code::InvalidName)
        .map(|d| render_human(d, &out.sources, false, 100))
        .collect();
    if !other.is_empty() {
        log.findings.push(format!(
            "{base_name}: binding `{orig}` at {hi} characters is rejected, not for a name too long (E0110):\n{}\n{}",
            attempt(hi).render(),
            other.join("\n")
        ));
    }
    Some(lo)
}

/// Each base with its bindings renamed to the longest names that compile. Each
/// binding's longest name is found alone; some logical IDs join two bindings' names
/// (a service's target group on a listener), so together the names are capped at the
/// longest common length that compiles.
fn long_name_cases(log: &mut Log) -> Vec<Case> {
    let mut cases = Vec::new();
    for (base_name, base) in bases() {
        let longest: Vec<(String, usize)> = base
            .bindings
            .iter()
            .filter_map(|b| {
                let len = longest_name(&base, &b.name, log, base_name)?;
                Some((b.name.clone(), len))
            })
            .collect();
        let capped = |cap: usize| {
            let mut p = base.clone();
            for (orig, len) in &longest {
                p.rename(orig, &long_name(orig, (*len).min(cap).max(orig.len() + 2)));
            }
            p
        };
        let (lo, _) = bisect(0, NAME_CEILING + 1, |cap| compiles(&capped(cap)));
        let lengths: Vec<String> = longest
            .iter()
            .map(|(n, len)| format!("`{n}` {}", (*len).min(lo)))
            .collect();
        cases.push(Case::new(
            format!(
                "{base_name}: bindings at their longest names ({} characters)",
                lengths.join(", ")
            ),
            capped(lo),
        ));
    }
    cases
}

/// 50 tags with keys of 128 and values of 256 characters.
fn max_tags(n: usize) -> V {
    V::Map(
        (1..=n)
            .map(|i| {
                let k = format!("{i:02}-edge-key-");
                let v = format!("{i:02}-edge-value-");
                (
                    format!("{k:k<width$}", width = limits::MAX_TAG_KEY),
                    s(&format!("{v:v<width$}", width = limits::MAX_TAG_VALUE)),
                )
            })
            .collect(),
    )
}

/// Each base with the most tags AWS allows on every binding whose type takes `tags`.
fn tag_cases(lib: &Library, log: &mut Log) -> Vec<Case> {
    let mut cases = Vec::new();
    for (base_name, base) in bases() {
        let mut p = base.clone();
        let mut tagged = Vec::new();
        for (i, b) in base.bindings.iter().enumerate() {
            let Some(V::Rec(ty, _)) = &b.body else {
                continue;
            };
            let takes = lib
                .get(ty)
                .and_then(|d| d.field("tags"))
                .is_some_and(|f| matches!(f.ty.required(), Ty::Map(_)));
            if takes {
                // ecsxc adds `AmazonECSManaged` to an Auto Scaling group's.
                let n = if ty == "AutoScalingGroup" {
                    limits::MAX_TAGS - 1
                } else {
                    limits::MAX_TAGS
                };
                p.record_mut(i, &[]).put("tags", max_tags(n));
                tagged.push(b.name.clone());
                log.covered.insert((ty.clone(), "tags".into()));
            }
        }
        if !tagged.is_empty() {
            cases.push(Case::new(
                format!(
                    "{base_name}: {} tags (keys of {}, values of {} characters) on {}",
                    limits::MAX_TAGS,
                    limits::MAX_TAG_KEY,
                    limits::MAX_TAG_VALUE,
                    tagged.join(", ")
                ),
                p,
            ));
        }
    }
    cases
}

fn base(name: &str) -> Program {
    bases()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p)
        .unwrap_or_else(|| panic!("no base `{name}`"))
}

/// `n` characters: `prefix` then `fill`.
fn padded(prefix: &str, fill: char, n: usize) -> String {
    let mut out = prefix.to_string();
    while out.chars().count() < n {
        out.push(fill);
    }
    out
}

/// A host-name pattern of `n` characters: a wildcard, then labels of at most 63.
fn host(i: usize, n: usize) -> String {
    let mut out = format!("*.h{i}");
    while out.len() < n - 4 {
        let label = (n - 4 - out.len() - 1).min(63);
        out.push('.');
        out.push_str(&"a".repeat(label));
    }
    out + ".com"
}

/// Other limits ecsxc checks (`src/limits.rs`), each at its maximum.
fn limit_cases() -> Vec<Case> {
    type Edit = fn(&mut Program);
    let table: Vec<(&str, &str, Edit)> = vec![
        (
            "security_groups",
            "a security group description of 255 characters",
            |p| {
                p.edit("from_frontend", &[]).put(
                    "description",
                    s(&padded("edge ", 'd', limits::MAX_SG_DESCRIPTION)),
                )
            },
        ),
        (
            "alb_routing",
            "a fixed response body of 1,024 characters",
            |p| {
                p.edit("https", &[fld("rules"), item(2), fld("fixedResponse")])
                    .put(
                        "body",
                        s(&padded("<p>", 'b', limits::MAX_FIXED_RESPONSE_BODY)),
                    )
            },
        ),
        (
            "alb_routing",
            "a target group health-check path of 1,024 characters",
            |p| {
                p.edit("site", &[fld("healthCheck")])
                    .put("path", s(&padded("/", 'p', limits::MAX_HEALTH_CHECK_PATH)))
            },
        ),
        (
            "alb_service",
            "a listener health-check path of 1,024 characters",
            |p| {
                p.edit("web", &[]).put(
                    "healthCheckPath",
                    s(&padded("/", 'p', limits::MAX_HEALTH_CHECK_PATH)),
                )
            },
        ),
        (
            "alb_routing",
            "a rule with 3 paths and 2 hosts of 128 characters, 5 wildcards",
            |p| {
                let n = limits::MAX_CONDITION_VALUE_LENGTH;
                let paths: Vec<V> = (0..limits::MAX_CONDITION_VALUES)
                    .map(|i| s(&padded(&format!("/{i}*/"), 'p', n)))
                    .collect();
                let hosts: Vec<V> = (0..limits::MAX_RULE_VALUES - limits::MAX_CONDITION_VALUES)
                    .map(|i| s(&host(i, n)))
                    .collect();
                let rule = p.edit("https", &[fld("rules"), item(0)]);
                rule.put("paths", V::List(paths));
                rule.put("hosts", V::List(hosts));
            },
        ),
        ("alb_routing", "rule priorities 1 and 50000 given", |p| {
            p.edit("https", &[fld("rules"), item(0)])
                .put("priority", raw("50000"));
            p.edit("https", &[fld("rules"), item(1)])
                .put("priority", raw("1"));
            p.edit("https", &[fld("rules"), item(2)])
                .put("priority", raw("2"));
        }),
        (
            "alb_routing",
            "health-check matchers with the widest ranges",
            |p| {
                p.edit("site", &[fld("healthCheck")])
                    .put("matcher", s("200-499"));
            },
        ),
        (
            "nlb",
            "an NLB health-check matcher with the widest range",
            |p| {
                p.edit("tg", &[fld("healthCheck")])
                    .put("matcher", s("200-599"));
            },
        ),
        ("alb_service", "a container name of 255 characters", |p| {
            let entries = p.edit("app", &[fld("containers")]);
            entries[0].0 = padded("app", 'c', limits::MAX_CONTAINER_NAME);
        }),
        (
            "task_definition",
            "an existing cluster name of 255 characters",
            |p| {
                let i = p.index("cluster");
                p.bindings[i].head = format!(
                    "Cluster.existing({})",
                    quote(&padded("batch-", 'c', limits::MAX_CLUSTER_NAME))
                );
            },
        ),
        (
            "alb_service",
            "a service in 5 target groups (5 listeners)",
            |p| {
                let mut mappings = vec![r("web")];
                for i in 1..limits::MAX_TARGET_GROUPS_PER_SERVICE {
                    let name = format!("web{i}");
                    p.bindings.insert(
                        1,
                        let_(
                            &name,
                            "ApplicationListener",
                            [
                                ("port", raw((80 + i).to_string())),
                                ("targetPort", raw((8080 + i).to_string())),
                            ],
                        ),
                    );
                    mappings.push(r(&name));
                }
                p.edit("app", &[fld("containers"), key("app")])
                    .put("portMappings", V::List(mappings));
            },
        ),
        (
            "security_groups",
            "5 security groups on a service and on a load balancer",
            |p| {
                let mut groups = Vec::new();
                for i in 1..=limits::MAX_TASK_SECURITY_GROUPS.max(limits::MAX_LB_SECURITY_GROUPS) {
                    let name = format!("extra{i}");
                    p.bindings.insert(
                        2,
                        let_(
                            &name,
                            "SecurityGroup",
                            [(
                                "ingress",
                                list([rec(
                                    "Ingress",
                                    [("port", raw("443")), ("from", s("10.0.0.0/8"))],
                                )]),
                            )],
                        ),
                    );
                    groups.push(r(&name));
                }
                let task_groups = groups[..limits::MAX_TASK_SECURITY_GROUPS].to_vec();
                let mut lb_groups = vec![r("from_frontend")];
                lb_groups.extend(groups[..limits::MAX_LB_SECURITY_GROUPS - 1].to_vec());
                p.edit("backend", &[])
                    .put("securityGroups", V::List(task_groups));
                p.edit("backend_lb", &[])
                    .put("securityGroups", V::List(lb_groups));
            },
        ),
        (
            "existing_vpc",
            "16 private subnets, the most a task takes",
            |p| {
                let subnets = (0..limits::MAX_TASK_SUBNETS)
                    .map(|i| s(&format!("subnet-0a1b2c3d4e5f6{i:04x}")))
                    .collect();
                p.edit("network", &[])
                    .put("privateSubnets", V::List(subnets));
            },
        ),
        ("alb_service", "the shortest log retention", |p| {
            let days = limits::LOG_RETENTION_DAYS;
            p.edit("app", &[])
                .put("logRetention", raw(format!("{}d", days[0])));
        }),
        ("task_definition", "the longest log retention", |p| {
            let days = limits::LOG_RETENTION_DAYS;
            p.edit("job", &[])
                .put("logRetention", raw(format!("{}d", days[days.len() - 1])));
        }),
        (
            "task_definition",
            "10 containers in one task (the ECS maximum)",
            |p| {
                let containers = (0..10)
                    .map(|i| {
                        (
                            format!("step{i}"),
                            rec(
                                "Container",
                                [
                                    ("image", s("public.ecr.aws/docker/library/busybox:1")),
                                    ("memory", raw("32")),
                                    ("essential", raw(if i == 0 { "true" } else { "false" })),
                                ],
                            ),
                        )
                    })
                    .collect();
                let job = p.edit("job", &[]);
                job.take("container");
                job.put("containers", V::Map(containers));
            },
        ),
        (
            "task_definition",
            "a binding name with leading, doubled and trailing underscores",
            |p| p.rename("job", "_edge__job_"),
        ),
        (
            "alb_service",
            "container names with underscores and dashes",
            |p| {
                let entries = p.edit("app", &[fld("containers")]);
                entries[0].0 = "_app__main_".into();
                entries[1].0 = "side-car--x-".into();
            },
        ),
        ("vpc_service", "a VPC in 6 zones with /28 subnets", |p| {
            let vpc = p.edit("network", &[]);
            vpc.put("availabilityZones", raw("6"));
            vpc.put("subnetPrefix", raw("28"));
        }),
        (
            "alb_routing",
            "stickiness with the application's cookie, for the longest duration",
            |p| {
                let duration = format!("{}s", 7 * 24 * 3600);
                let stickiness = p.edit("site", &[fld("stickiness")]);
                stickiness.put("duration", raw(duration));
                stickiness.put("cookieName", s("SESSIONID"));
            },
        ),
        (
            "task_definition",
            "an existing cluster by ARN, an image built with every DockerBuild field",
            |p| {
                let i = p.index("cluster");
                p.bindings[i].head = format!(
                    "Cluster.existing({})",
                    quote("arn:aws:ecs:us-east-1:123456789012:cluster/batch")
                );
                p.edit("job", &[fld("container")]).put(
                    "image",
                    raw(
                        "Image.fromDockerBuild { context: \"./app\", dockerfile: \"./app/Dockerfile\", \
                         target: \"runtime\", args: { GREETING: \"hello\" }, cacheFrom: [\"build\"] }",
                    ),
                );
            },
        ),
        (
            "security_groups",
            "rules naming every kind of peer: a range, a security group, a service, a task \
             definition, an Application and a Network Load Balancer",
            |p| {
                p.bindings.push(let_(
                    "job",
                    "FargateTaskDefinition",
                    [
                        ("cluster", r("cluster")),
                        (
                            "container",
                            rec(
                                "Container",
                                [("image", s("busybox")), ("memory", raw("64"))],
                            ),
                        ),
                    ],
                ));
                p.bindings.push(let_(
                    "metrics_nlb",
                    "NetworkLoadBalancer",
                    [("scheme", s("internal"))],
                ));
                p.bindings.push(let_(
                    "metrics",
                    "NetworkListener",
                    [("loadBalancer", r("metrics_nlb")), ("port", raw("9100"))],
                ));
                p.edit("frontend", &[fld("containers"), key("web")])
                    .put("portMappings", list([r("metrics")]));
                let peers = [
                    "10.0.0.0/8",
                    "from_frontend",
                    "frontend",
                    "job",
                    "backend_lb",
                    "metrics_nlb",
                ];
                let rules = peers
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        rec(
                            "Ingress",
                            [("port", raw((7000 + i).to_string())), ("from", peer(name))],
                        )
                    })
                    .collect();
                let backend_tasks = let_(
                    "backend_tasks",
                    "SecurityGroup",
                    [("ingress", V::List(rules))],
                );
                p.bindings.push(backend_tasks);
                let egress: Vec<V> = peers
                    .iter()
                    .map(|name| rec("Egress", [("protocol", s("all")), ("to", peer(name))]))
                    .collect();
                p.edit("backend_tasks", &[]).put("egress", V::List(egress));
                p.edit("backend", &[])
                    .put("securityGroups", list([r("backend_tasks")]));
            },
        ),
        (
            "alb_service",
            "tags of every character AWS allows, 128 and 256 characters of non-ASCII letters",
            |p| {
                let k = padded("Aa 09_.:/=+-@é", 'é', limits::MAX_TAG_KEY);
                let v = padded("Aa 09_.:/=+-@ü", 'ü', limits::MAX_TAG_VALUE);
                p.edit("app", &[]).put("tags", map([(k.as_str(), s(&v))]));
            },
        ),
        (
            "alb_service",
            "an export and parameters named with 255 characters, parameters at their bounds",
            |p| {
                let n = limits::MAX_LOGICAL_ID;
                let count = padded("count", 'c', n);
                let stage = padded("stage", 's', n);
                p.params.push(format!(
                    "/// How many tasks.\nparam {count}: Int in 0..2147483647 = 2147483647"
                ));
                p.params
                    .push(format!("param {stage}: \"dev\" | \"prod\" = \"prod\""));
                p.edit("app", &[]).put("desiredCount", r(&count));
                p.edit("app", &[fld("containers"), key("app"), fld("environment")])
                    .put("STAGE", r(&stage));
                p.exports
                    .push((padded("url", 'u', n), attr("web", "endpoint.hostname")));
            },
        ),
    ];
    table
        .into_iter()
        .map(|(b, what, edit)| {
            let mut p = base(b);
            edit(&mut p);
            Case::new(format!("{b}: {what}"), p)
        })
        .collect()
}

/// Programs the compiler may rightly reject, but must not compile to a template that
/// fails cfn-lint.
fn questionable_cases() -> Vec<Case> {
    // The first rule at the highest priority: the rules after it, without priority,
    // are numbered on from it, past what ELB takes.
    let mut p = base("alb_routing");
    p.edit("https", &[fld("rules"), item(0)])
        .put("priority", raw("50000"));
    let mut case = Case::new(
        "alb_routing: the first rule at priority 50000, the next ones without priority".into(),
        p,
    );
    case.may_reject = true;
    // Tag keys and values of characters AWS does not take.
    let mut p = base("alb_service");
    p.edit("app", &[])
        .put("tags", map([("team!", s("a|b")), ("aws-ok", s("<none>"))]));
    let mut tags = Case::new(
        "alb_service: tags with characters AWS does not allow (`!`, `|`, `<`, `>`)".into(),
        p,
    );
    tags.may_reject = true;
    vec![case, tags]
}

/// Programs just past an edge that ECS would not run: the compiler must reject each,
/// with its code.
fn rejected_cases() -> Vec<Case> {
    type Edit = fn(&mut Program);
    let ec2: Vec<(&str, &str, Code, Edit)> = vec![
        (
            "ec2_bridge",
            "task memory of 6 MiB, below its containers' 256 + 64 MiB (ECS rejects the task definition)",
            Code::TaskTooLarge,
            |p| p.edit("site", &[]).put("memory", raw("6MiB")),
        ),
        (
            "ec2_bridge",
            "task memory of 4096 MiB on a t3.medium, which registers less with ECS (never placed)",
            Code::InstanceTooSmall,
            |p| p.edit("site", &[]).put("memory", raw("4096MiB")),
        ),
        (
            "ec2_bridge",
            "task cpu 196609 (ECS takes at most 196608 units on EC2)",
            Code::OutOfRange,
            |p| p.edit("site", &[]).put("cpu", raw("196609")),
        ),
        (
            "ec2_bridge",
            "a container of 8192 cpu units on a t3.medium of 2048 (never placed)",
            Code::InstanceTooSmall,
            |p| {
                p.edit("site", &[]).take("cpu");
                p.edit("site", &[fld("containers"), key("nginx")])
                    .put("cpu", raw("8192"));
            },
        ),
        (
            "ec2_bridge",
            "an Auto Scaling group of at most 0 instances for a service of 2 tasks (never placed)",
            Code::NoEc2Capacity,
            |p| {
                let group = p.edit("capacity", &[]);
                group.put("minSize", raw("0"));
                group.put("maxSize", raw("0"));
                group.put("desiredCapacity", raw("0"));
            },
        ),
    ];
    let mut cases = Vec::new();
    for (b, what, code, edit) in ec2 {
        let mut p = base(b);
        edit(&mut p);
        let mut case = Case::new(format!("{b}: {what}"), p);
        case.rejected_by = Some(code);
        cases.push(case);
    }
    cases
}

/// Whether `name` is a repository name ECR accepts: 2 to 256 characters,
/// `[a-z0-9]+([._-][a-z0-9]+)*` components separated by `/`.
fn ecr_repository_ok(name: &str) -> bool {
    (2..=256).contains(&name.len())
        && name.split('/').all(|part| {
            !part.is_empty()
                && part.split(['.', '_', '-']).all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        })
}

// ================================================================ cfn-lint

/// Runs cfn-lint once over `files`; returns its error and warning lines by file.
fn lint(files: &[PathBuf]) -> BTreeMap<PathBuf, Vec<String>> {
    let lint = support::corpus::cfn_lint();
    // Two cfn-lint processes, one per core: cfn-lint takes about a quarter of a second
    // per template.
    let half = files.len().div_ceil(2).max(1);
    let children: Vec<_> = files
        .chunks(half)
        .map(|chunk| {
            Command::new(&lint)
                .arg("--format")
                .arg("parseable")
                .args(chunk)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("run cfn-lint")
        })
        .collect();
    let mut report = String::new();
    let mut code = 0;
    for child in children {
        let output = child.wait_with_output().expect("run cfn-lint");
        let out = String::from_utf8_lossy(&output.stdout).into_owned();
        let status = output.status.code().unwrap_or(-1);
        // The exit status is a bit mask: 1 = cfn-lint failed, 2 = errors, 4 = warnings,
        // 8 = informational.
        assert!(
            status >= 0 && status & 1 == 0,
            "cfn-lint failed (exit {status}):\n{out}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        code |= status;
        report.push_str(&out);
    }
    let mut by_file: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for line in report.lines() {
        // FILE:LINE:COLUMN:END_LINE:END_COLUMN:RULE:MESSAGE
        let parts: Vec<&str> = line.splitn(7, ':').collect();
        let rule = parts.get(5).copied().unwrap_or("");
        if rule.starts_with('E') || rule.starts_with('W') {
            by_file
                .entry(PathBuf::from(parts[0]))
                .or_default()
                .push(line.to_string());
        }
    }
    assert!(
        code & 6 == 0 || !by_file.is_empty(),
        "cfn-lint exit {code} reports errors or warnings, but none were read from:\n{report}"
    );
    by_file
}

// ================================================================ the test

/// One template in this many goes to cfn-lint in YAML too (cfn-lint reads YAML with
/// its own YAML 1.1 loader); the others are checked to read back as their JSON.
const YAML_SAMPLE: usize = 8;

#[test]
fn edge_programs_compile_and_pass_cfn_lint() {
    let started = Instant::now();
    let mut sources = ecsxc::source::SourceMap::new();
    let mut diags = Vec::new();
    let lib = ecsxc::stdlib::load(&mut sources, &mut diags);
    assert!(diags.is_empty(), "the standard library has diagnostics");

    let mut log = Log::default();
    let mut cases = field_cases(&lib, &mut log);
    cases.extend(long_name_cases(&mut log));
    cases.extend(tag_cases(&lib, &mut log));
    cases.extend(limit_cases());
    cases.extend(questionable_cases());
    cases.extend(rejected_cases());

    // Every bounded or enumerated field of the standard library is exercised.
    let uncovered: Vec<String> = bounded_fields(&lib)
        .difference(&log.covered)
        .map(|(t, f)| format!("{t}.{f}"))
        .collect();

    let keep = std::env::var_os("ECSXC_EDGE_CORPUS_DIR").map(PathBuf::from);
    let tmp = tempfile::tempdir().unwrap();
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();

    let mut failures: Vec<String> = log.findings.clone();
    if !uncovered.is_empty() {
        failures.push(format!(
            "no program of the edge corpus exercises {}: add a base program that uses them",
            uncovered.join(", ")
        ));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    let mut owner: BTreeMap<PathBuf, usize> = BTreeMap::new();
    // Identical templates are linted once (cfn-lint would say the same of each).
    let mut linted: BTreeMap<String, usize> = BTreeMap::new();
    let (mut warnings, mut rejected) = (0, 0);
    for (i, case) in cases.iter().enumerate() {
        let text = case.program.render();
        if keep.is_some() {
            std::fs::write(dir.join(format!("{i:03}.ecsx")), &text).unwrap();
        }
        let out = ecsxc::compile_bytes(&format!("{i:03}.ecsx"), text.as_bytes());
        if let Some(code) = case.rejected_by {
            if out
                .diagnostics
                .iter()
                .any(|d| d.is_error() && d.code == code)
            {
                rejected += 1;
            } else {
                let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
                failures.push(format!(
                    "[{i:03}] {} is not rejected with {} (diagnostics: {codes:?}):\n{text}",
                    case.name,
                    code.as_str()
                ));
            }
            continue;
        }
        warnings += out.diagnostics.iter().filter(|d| !d.is_error()).count();
        let Some(compiled) = out.compiled.as_ref().filter(|_| !out.has_errors()) else {
            if case.may_reject {
                rejected += 1;
                continue;
            }
            let rendered: String = out
                .diagnostics
                .iter()
                .map(|d| render_human(d, &out.sources, false, 100))
                .collect();
            failures.push(format!(
                "[{i:03}] {} does not compile:\n{text}\n{rendered}",
                case.name
            ));
            continue;
        };
        // `ecsxc deploy` creates an ECR repository per image built.
        for image in &compiled.manifest.images {
            if !ecr_repository_ok(&image.repository) {
                failures.push(format!(
                    "[{i:03}] {} compiles, but deploy would create the ECR repository {:?} ({} characters), which ECR rejects: \
                     2 to 256 characters, `[a-z0-9]+([._-][a-z0-9]+)*` separated by `/`:\n{text}",
                    case.name,
                    image.repository,
                    image.repository.len()
                ));
            }
        }
        let json = compiled.to_json();
        if linted.contains_key(&json) {
            continue;
        }
        // Every YAML template holds the same data as its JSON twin; cfn-lint reads a
        // sample of them (one in YAML_SAMPLE, and the first) besides every JSON one.
        let yaml = compiled.to_yaml();
        let (from_yaml, from_json) = (
            serde_yaml_ng::from_str::<serde_json::Value>(&yaml),
            serde_json::from_str::<serde_json::Value>(&json),
        );
        if !matches!((&from_yaml, &from_json), (Ok(a), Ok(b)) if a == b) {
            failures.push(format!(
                "[{i:03}] {}: the YAML template does not read back as its JSON ({:?}):\n{yaml}",
                case.name,
                from_yaml.err()
            ));
        }
        let lint_yaml = linted.len() % YAML_SAMPLE == 0;
        linted.insert(json.clone(), i);
        let mut templates = vec![("json", json)];
        if lint_yaml {
            templates.push(("yaml", yaml));
        }
        for (ext, template) in templates {
            let file = dir.join(format!("{i:03}.{ext}"));
            std::fs::write(&file, template).unwrap();
            owner.insert(file.clone(), i);
            files.push(file);
        }
    }
    let compiled_at = started.elapsed();

    let lint_started = Instant::now();
    let problems = lint(&files);
    let lint_time = lint_started.elapsed();
    let mut by_case: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (file, lines) in problems {
        let i = owner
            .get(&file)
            .copied()
            .unwrap_or_else(|| panic!("cfn-lint reported an unknown file {}", file.display()));
        by_case.entry(i).or_default().extend(lines);
    }
    for (i, lines) in by_case {
        let case = &cases[i];
        let maybe = if case.may_reject {
            " (the compiler may reject this program instead)"
        } else {
            ""
        };
        failures.push(format!(
            "[{i:03}] {} compiles to a template cfn-lint rejects{maybe}:\n{}\n{}",
            case.name,
            lines.join("\n"),
            case.program.render()
        ));
    }

    eprintln!(
        "edge corpus: {} programs ({rejected} rightly rejected), {} templates linted; \
         compiled in {:.1?}, cfn-lint {:.1?}; {warnings} compiler warnings; \
         {} variants skipped as rightly rejected (or not deployable):",
        cases.len(),
        files.len(),
        compiled_at,
        lint_time,
        log.skipped.len()
    );
    for s in &log.skipped {
        eprintln!("  skipped {s}");
    }
    assert!(
        failures.is_empty(),
        "{} edge programs that must compile and lint cleanly do not:\n\n{}",
        failures.len(),
        failures.join("\n\n----------------------------------------\n\n")
    );
}
