//! The CloudFormation resource types (`src/cfn/types.bin`):
//!
//! - the committed data is what `scripts/gen-cfn-types.py` makes from the pinned
//!   cfn-lint's schemas (the test runs the generator with the Python of `.venv`, or
//!   `ECSXC_PYTHON`, and fails — never skips — without it);
//! - every one of the 1,854 types, written with only its required properties (values
//!   from the schema: the first enum value, a string matching the pattern, the
//!   minimum), compiles and passes cfn-lint with no error, in batches of at most 450
//!   resources (cfn-lint stops at 500), all batches in one cfn-lint run. The types
//!   that cannot pass this way are listed with the reason in
//!   `tests/cfn_types_exceptions.txt`; an exception that passes fails the test too.

mod support;

use ecsxc::cfn::{self, camel, Shape, TypeSchema};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

#[test]
fn committed_data_is_what_the_generator_makes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("types.bin");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-cfn-types.py");
    let run = Command::new(support::python("cfn-lint==1.58.0"))
        .arg(&script)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run the generator");
    assert!(
        run.status.success(),
        "scripts/gen-cfn-types.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh: &'static [u8] = Box::leak(std::fs::read(&out).unwrap().into_boxed_slice());
    // Compared decompressed: zlib's bytes may differ between zlib versions.
    let fresh = cfn::decode_file(fresh).expect("the generator's file decodes");
    let committed = cfn::decode_file(cfn::embedded()).expect("the committed file decodes");
    assert_eq!(fresh.len(), committed.len(), "number of types differs");
    for ((a, ja), (b, jb)) in fresh.iter().zip(&committed) {
        assert_eq!(a, b, "type lists differ");
        assert!(
            ja == jb,
            "{a} differs from the pinned schemas: run `.venv/bin/python scripts/gen-cfn-types.py`"
        );
    }
    assert_eq!(committed.len(), 1854);
}

/// One type's program text: `let NAME = aws.x.Y { required... }`.
struct Gen<'s> {
    schema: &'s TypeSchema,
}

const CANDIDATES: &[&str] = &[
    "a",
    "abc",
    "example",
    "Example1",
    "1",
    "12",
    "123456789012",
    "0123456789abcdef0",
    "us-east-1",
    "us-east-1a",
    "arn:aws:iam::123456789012:role/example",
    "arn:aws:s3:::example",
    "arn:aws:sns:us-east-1:123456789012:example",
    "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012",
    "arn:aws:lambda:us-east-1:123456789012:function:example",
    "12345678-1234-1234-1234-123456789012",
    "https://example.com",
    "example.com",
    "a@example.com",
    "/example",
    "10.0.0.0/16",
    "10.0.0.1",
    "2026-01-01T00:00:00Z",
    "{}",
    "s3://example/key",
    "ABC",
    "ab",
    "example-1",
    "Example",
    "a1",
];

fn format_value(format: &str) -> Option<&'static str> {
    Some(match format {
        "AWS::EC2::VPC.Id" => "vpc-0123456789abcdef0",
        "AWS::EC2::Subnet.Id" => "subnet-0123456789abcdef0",
        "AWS::EC2::SecurityGroup.Id" => "sg-0123456789abcdef0",
        "AWS::EC2::SecurityGroup.GroupName" => "example",
        "AWS::EC2::Image.Id" => "ami-0123456789abcdef0",
        "AWS::EC2::Instance.Id" => "i-0123456789abcdef0",
        "AWS::EC2::KeyPair.KeyName" => "example",
        "AWS::EC2::VPCEndpoint.Id" => "vpce-0123456789abcdef0",
        "AWS::EC2::NetworkInterface.Id" => "eni-0123456789abcdef0",
        "AWS::EC2::TransitGateway.Id" => "tgw-0123456789abcdef0",
        "AWS::EC2::InternetGateway.Id" => "igw-0123456789abcdef0",
        "AWS::EC2::RouteTable.Id" => "rtb-0123456789abcdef0",
        "AWS::EC2::NatGateway.Id" => "nat-0123456789abcdef0",
        "AWS::EC2::PrefixList.Id" => "pl-0123456789abcdef0",
        "AWS::EC2::Volume.Id" => "vol-0123456789abcdef0",
        "AWS::EC2::EIP.AllocationId" => "eipalloc-0123456789abcdef0",
        "AWS::EC2::VPCPeeringConnection.Id" => "pcx-0123456789abcdef0",
        "AWS::EC2::NetworkAcl.Id" => "acl-0123456789abcdef0",
        "AWS::EC2::LaunchTemplate.Id" => "lt-0123456789abcdef0",
        "AWS::EC2::CarrierGateway.Id" => "cagw-0123456789abcdef0",
        "AWS::EC2::EgressOnlyInternetGateway.Id" => "eigw-0123456789abcdef0",
        "AWS::EC2::VPNGateway.Id" => "vgw-0123456789abcdef0",
        "AWS::EC2::CustomerGateway.Id" => "cgw-0123456789abcdef0",
        "AWS::EC2::DHCPOptions.Id" => "dopt-0123456789abcdef0",
        "AWS::EC2::TransitGatewayAttachment.Id" => "tgw-attach-0123456789abcdef0",
        "AWS::EC2::TransitGatewayRouteTable.Id" => "tgw-rtb-0123456789abcdef0",
        "AWS::EC2::LocalGatewayRouteTable.Id" => "lgw-rtb-0123456789abcdef0",
        "AWS::EC2::Snapshot.Id" => "snap-0123456789abcdef0",
        "AWS::EC2::PlacementGroup.Name" => "example",
        "AWS::EC2::SpotFleet.Id" => "sfr-12345678-1234-1234-1234-123456789012",
        "AWS::Logs::LogGroup.Name" => "example",
        "AWS::IAM::Role.Arn" => "arn:aws:iam::123456789012:role/example",
        "AWS::IAM::Role.Name" => "example",
        "AWS::IAM::InstanceProfile.Arn" => "arn:aws:iam::123456789012:instance-profile/example",
        "AWS::KMS::Key.Arn" => {
            "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012"
        }
        "AWS::KMS::Key.Id" => "12345678-1234-1234-1234-123456789012",
        "AWS::SNS::Topic.Arn" => "arn:aws:sns:us-east-1:123456789012:example",
        "AWS::SQS::Queue.Arn" => "arn:aws:sqs:us-east-1:123456789012:example",
        "AWS::S3::Bucket.Name" => "example",
        "AWS::Lambda::Function.Arn" => "arn:aws:lambda:us-east-1:123456789012:function:example",
        "AWS::Lambda::Function.Name" => "example",
        "AWS::CertificateManager::Certificate.Arn" => {
            "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
        }
        "AWS::SecretsManager::Secret.Arn" => {
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:example-abcdef"
        }
        "AWS::SSM::Parameter.Name" => "example",
        "AWS::Route53::HostedZone.Id" => "Z0123456789ABCDEFGHIJ",
        "ipv4-network" | "AWS::EC2::VPC.CidrBlock" | "AWS::EC2::Subnet.CidrBlock" => "10.0.0.0/16",
        "ipv6-network" => "2001:db8::/56",
        "ipv4" => "10.0.0.1",
        "ipv6" => "2001:db8::1",
        "date-time" => "2026-01-01T00:00:00Z",
        "uri" => "https://example.com",
        "email" => "a@example.com",
        "regex" => "a",
        _ => return None,
    })
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key(name: &str) -> String {
    let c = camel(name);
    let ident = c
        .chars()
        .next()
        .is_some_and(|f| f.is_ascii_lowercase() || f == '_')
        && c.chars().all(|x| x.is_ascii_alphanumeric() || x == '_')
        && ![
            "let",
            "export",
            "param",
            "component",
            "record",
            "static",
            "out",
            "const",
            "in",
            "true",
            "false",
        ]
        .contains(&c.as_str());
    if ident {
        c
    } else {
        quote(name)
    }
}

fn fits_length(s: &str, shape: &Shape) -> bool {
    let len = s.chars().count() as f64;
    match shape.l {
        Some([lo, hi]) => lo.is_none_or(|lo| len >= lo) && hi.is_none_or(|hi| len <= hi),
        None => true,
    }
}

/// A short string matching `h`: classes give their first letter or digit, repetitions
/// repeat `extra` times more than their minimum (within their maximum),
/// alternations take their first branch.
fn sample(h: &regex_syntax::hir::Hir, extra: u32, out: &mut String) {
    use regex_syntax::hir::{Class, HirKind};
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.push_str(&String::from_utf8_lossy(&l.0)),
        HirKind::Class(Class::Unicode(c)) => {
            let has = |x: char| c.ranges().iter().any(|r| r.start() <= x && x <= r.end());
            let pick = ['a', 'A', '0', '1', 'b', '-', '_', '.', '/', ' ']
                .into_iter()
                .find(|x| has(*x))
                .or_else(|| {
                    c.ranges()
                        .iter()
                        .map(|r| r.start().max('!'))
                        .find(|x| has(*x))
                })
                .or_else(|| c.ranges().first().map(|r| r.start()));
            out.extend(pick);
        }
        HirKind::Class(Class::Bytes(c)) => {
            let pick = c
                .ranges()
                .iter()
                .map(|r| r.start().max(b'a').min(r.end()))
                .next();
            out.extend(pick.map(char::from));
        }
        HirKind::Repetition(r) => {
            let n = match r.max {
                Some(m) => (r.min + extra).min(m).max(r.min),
                None => r.min + extra,
            };
            for _ in 0..n {
                sample(&r.sub, extra, out);
            }
        }
        HirKind::Capture(c) => sample(&c.sub, extra, out),
        HirKind::Concat(v) => v.iter().for_each(|x| sample(x, extra, out)),
        HirKind::Alternation(v) => {
            if let Some(first) = v.first() {
                sample(first, extra, out)
            }
        }
    }
}

impl Gen<'_> {
    fn string(&self, shape: &Shape) -> String {
        if let Some(e) = shape.e.as_ref().and_then(|e| e.first()) {
            return match e {
                serde_json::Value::String(s) => quote(s),
                other => quote(&other.to_string()),
            };
        }
        let fmt = shape.f.as_deref().and_then(format_value);
        let pattern_ok = |s: &str| {
            shape
                .pt
                .as_deref()
                .is_none_or(|p| cfn::validate::matches_pattern(p, s))
        };
        let min = shape.l.and_then(|[lo, _]| lo).unwrap_or(0.0) as usize;
        let padded = |s: &str| {
            let mut s = s.to_string();
            while s.chars().count() < min {
                s.push('a');
            }
            s
        };
        for c in fmt.into_iter().chain(CANDIDATES.iter().copied()) {
            for s in [c.to_string(), padded(c)] {
                if fits_length(&s, shape) && pattern_ok(&s) {
                    return quote(&s);
                }
            }
        }
        if let Some(hir) = shape
            .pt
            .as_deref()
            .and_then(|p| regex_syntax::Parser::new().parse(p).ok())
        {
            for extra in [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128] {
                let mut s = String::new();
                sample(&hir, extra, &mut s);
                if fits_length(&s, shape) && pattern_ok(&s) {
                    return quote(&s);
                }
            }
        }
        quote(&padded("a"))
    }

    fn number(&self, shape: &Shape) -> String {
        if let Some(e) = shape.e.as_ref().and_then(|e| e.first()) {
            return e.to_string();
        }
        let n = match shape.v {
            Some([Some(lo), _]) => lo.ceil(),
            Some([None, Some(hi)]) => hi.min(1.0).floor(),
            _ => 1.0,
        };
        format!("{}", n as i64)
    }

    fn value(&self, shape: &Shape, depth: usize) -> String {
        let shape = self.schema.resolve(shape);
        let types: Vec<&str> = match &shape.t {
            Some(t) => t.names(),
            None if shape.p.is_some() || shape.m.is_some() => vec!["object"],
            None if shape.i.is_some() => vec!["array"],
            None if shape.e.is_some() => vec!["string"],
            None => match shape.o.first() {
                Some(alt) => return self.value(alt, depth),
                None => vec!["string"],
            },
        };
        match types.first().copied().unwrap_or("string") {
            "integer" | "number" => self.number(shape),
            "boolean" => "false".to_string(),
            "array" => {
                let n = shape.n.and_then(|[lo, _]| lo).unwrap_or(1.0).max(1.0) as usize;
                let item = shape.i.as_deref().cloned().unwrap_or_default();
                let items: Vec<String> = (0..n).map(|_| self.value(&item, depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            "object" if depth < 12 => self.object(shape, depth),
            "object" => "{}".to_string(),
            _ => self.string(shape),
        }
    }

    fn object(&self, shape: &Shape, depth: usize) -> String {
        let mut required: Vec<(String, Shape)> = Vec::new();
        let mut add = |s: &Shape| {
            for q in &s.q {
                if required.iter().any(|(n, _)| n == q) {
                    continue;
                }
                let sub =
                    s.p.as_ref()
                        .and_then(|p| p.get(q))
                        .or_else(|| shape.p.as_ref().and_then(|p| p.get(q)))
                        .cloned()
                        .unwrap_or_default();
                required.push((q.clone(), sub));
            }
        };
        add(shape);
        if let Some(alt) = shape.o.first() {
            add(self.schema.resolve(alt));
        }
        let fields: Vec<String> = required
            .iter()
            .filter(|(n, _)| depth > 0 || !self.schema.is_read_only(n))
            .map(|(n, s)| format!("{}: {}", key(n), self.value(s, depth + 1)))
            .collect();
        format!("{{ {} }}", fields.join(", "))
    }
}

/// The program text of every type, in index order: (CloudFormation type, logical ID, line).
fn corpus() -> Vec<(&'static str, String, String)> {
    cfn::index()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let schema = cfn::schema(*e).expect("decodes");
            let g = Gen { schema: &schema };
            let body = g.object(&schema.top, 0);
            let policy = if cfn::STATEFUL.contains(&e.name) {
                ", deletionPolicy: \"Delete\""
            } else {
                ""
            };
            let body = match body.strip_suffix(" }") {
                Some("{ ") => format!("{{ {} }}", policy.trim_start_matches(", ")),
                Some(b) => format!("{b}{policy} }}"),
                None => body,
            };
            let binding = format!("t{i}");
            let line = format!("let {binding} = {} {body}\n", e.language_name());
            (e.name, format!("T{i}"), line)
        })
        .collect()
}

fn exceptions() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cfn_types_exceptions.txt");
    let text = std::fs::read_to_string(path).expect("tests/cfn_types_exceptions.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (t, reason) = l.split_once(' ').unwrap_or((l, ""));
            assert!(!reason.trim().is_empty(), "exception without a reason: {l}");
            (t.to_string(), reason.trim().to_string())
        })
        .collect()
}

#[test]
fn every_type_with_its_required_properties_passes_cfn_lint() {
    let lint = support::corpus::cfn_lint();
    let exceptions = exceptions();
    let dir = tempfile::tempdir().unwrap();
    let mut failing: BTreeMap<&str, String> = BTreeMap::new();
    let mut by_logical: BTreeMap<(usize, String), &str> = BTreeMap::new();
    let mut files = Vec::new();
    let all = corpus();
    for (batch, chunk) in all.chunks(450).enumerate() {
        // A type whose program does not compile on its own is reported with its
        // diagnostics; the others make the batch's template.
        let mut program = String::new();
        for (ty, logical, line) in chunk {
            let out = ecsxc::compile_bytes("corpus.ecsx", line.as_bytes());
            let errors: Vec<String> = out
                .diagnostics
                .iter()
                .filter(|d| d.code.severity() == ecsxc::diagnostics::Severity::Error)
                .map(|d| format!("{}: {}", d.code, d.message))
                .collect();
            if errors.is_empty() {
                program.push_str(line);
                by_logical.insert((batch, logical.clone()), ty);
            } else {
                failing.insert(
                    ty,
                    format!("does not compile: {}\n    {line}", errors.join("; ")),
                );
            }
        }
        let out = ecsxc::compile_bytes("corpus.ecsx", program.as_bytes());
        let compiled = out.compiled.unwrap_or_else(|| {
            panic!(
                "batch {batch} does not compile: {:?}",
                out.diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            )
        });
        let file = dir.path().join(format!("batch{batch}.json"));
        std::fs::write(&file, compiled.to_json()).unwrap();
        files.push(file);
    }
    let output = Command::new(&lint)
        .arg("--format")
        .arg("parseable")
        .args(&files)
        .output()
        .expect("run cfn-lint");
    let report = String::from_utf8_lossy(&output.stdout);
    let templates: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect();
    for line in report.lines() {
        // file:line:column:line:column:RULE:message
        let mut parts = line.splitn(7, ':');
        let (Some(file), Some(l), _, _, _, Some(rule), msg) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            continue;
        };
        if !rule.starts_with('E') {
            continue;
        }
        let batch = files
            .iter()
            .position(|f| f.to_string_lossy() == file)
            .unwrap_or(usize::MAX);
        // The resource whose text holds the line: the last resource starting before it.
        let text = files
            .get(batch)
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        let line_no: usize = l.parse().unwrap_or(0);
        let mut owner = None;
        if let Some(t) = templates.get(batch) {
            for (n, row) in text.lines().enumerate().take(line_no) {
                let trimmed = row.trim_start();
                if row.len() - trimmed.len() == 4 && trimmed.starts_with("\"T") {
                    let id = trimmed
                        .trim_start_matches('"')
                        .split('"')
                        .next()
                        .unwrap_or("");
                    if t["Resources"].get(id).is_some() {
                        owner = Some(id.to_string());
                    }
                }
                let _ = n;
            }
        }
        let ty = owner
            .and_then(|o| by_logical.get(&(batch, o)).copied())
            .unwrap_or("(template)");
        failing
            .entry(ty)
            .or_default()
            .push_str(&format!("{rule}: {}\n", msg.unwrap_or("")));
    }
    let unexpected: Vec<String> = failing
        .iter()
        .filter(|(t, _)| !exceptions.contains_key(**t))
        .map(|(t, why)| format!("{t}: {why}"))
        .collect();
    let failing_names: BTreeSet<&str> = failing.keys().copied().collect();
    let stale: Vec<&String> = exceptions
        .keys()
        .filter(|t| !failing_names.contains(t.as_str()))
        .collect();
    // In the exceptions file's format, to review and copy.
    let listing: Vec<String> = failing
        .iter()
        .filter(|(t, _)| !exceptions.contains_key(**t))
        .map(|(t, why)| {
            let first: String = why.lines().next().unwrap_or("").chars().take(160).collect();
            format!("{t} {first}")
        })
        .collect();
    eprintln!(
        "--- unexpected, as exceptions:\n{}\n---",
        listing.join("\n")
    );
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{} types fail and are not exceptions:\n{}\n\nexceptions that pass now (remove them): {stale:?}",
        unexpected.len(),
        unexpected.join("\n")
    );
}
