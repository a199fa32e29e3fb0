//! Build benchmarks: the nginx example; generated programs of 100 (about 500
//! resources), 250, 500 and 1,000 services measured through the library stages (past
//! the 500-resource check, which only `compile_bytes` applies), to show that time grows
//! linearly; and a topology with a `Vpc`, two load balancers with 20 routes each and
//! 40 services; and a service next to 20 CloudFormation resource types.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ecsxc::source::SourceMap;

const NGINX: &str = include_str!("../examples/nginx.ecsx");
/// A service next to 20 CloudFormation resource types (`aws.sqs.Queue`, ...).
const TWENTY_TYPES: &str = include_str!("data/twenty_types.ecsx");

/// A program of `n` load-balanced services, each with its own listener.
fn generated(n: usize) -> String {
    let mut s = String::from("/// Generated benchmark program.\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "let web{i} = ApplicationListener {{ port: 80 }}\nlet svc{i} = FargateService {{\n    desiredCount: 2\n    containers: {{ app: {{ image: \"nginx\", memory: 128, portMappings: [web{i}] }} }}\n}}\nexport url{i} = web{i}.endpoint.hostname\n"
        ));
    }
    s
}

/// A `Vpc`, two Application Load Balancers with 20 path rules each, 40 services (one
/// per rule) in a cluster in the VPC.
fn topology() -> String {
    let mut s = String::from(
        "let vpc = Vpc { availabilityZones: 3 }\nlet cluster = Cluster { vpc: vpc }\n",
    );
    for lb in 0..2 {
        s.push_str(&format!("let lb{lb} = ApplicationLoadBalancer {{}}\n"));
        let rules: Vec<String> = (0..20)
            .map(|r| format!("{{ paths: [\"/s{r}/*\"], forward: svc{lb}_{r} }}"))
            .collect();
        s.push_str(&format!(
            "let http{lb} = ApplicationListener {{ loadBalancer: lb{lb}, fixedResponse: {{ statusCode: 404 }}, rules: [{}] }}\n",
            rules.join(", ")
        ));
        for r in 0..20 {
            s.push_str(&format!(
                "let svc{lb}_{r} = FargateService {{ cluster: cluster, containers: {{ app: {{ image: \"nginx\", memory: 128, portMappings: [{{ containerPort: 8080 }}] }} }} }}\n"
            ));
        }
    }
    s
}

/// parse → check → lower → emit, without the template-size limits.
fn stages(text: &str) -> usize {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let id = sources.add("bench.ecsx", text);
    let program = ecsxc::syntax::parse(id, text, &mut diags).expect("parses");
    let lib = ecsxc::stdlib::load(&mut sources, &mut diags);
    let checked = ecsxc::check::check(&program, &lib, &mut diags);
    let model = ecsxc::model::build(&checked);
    ecsxc::rules::check(&model, &mut diags);
    let (template, _) = ecsxc::ir::lower(&model, &mut diags);
    assert!(!ecsxc::diagnostics::has_errors(&diags), "{diags:?}");
    ecsxc::emit::emit_json(&template).len()
}

fn bench(c: &mut Criterion) {
    c.bench_function("build nginx example (compile_bytes + JSON)", |b| {
        b.iter(|| {
            let out = ecsxc::compile_bytes("nginx.ecsx", NGINX.as_bytes());
            out.compiled.expect("compiles").to_json().len()
        })
    });
    // The types' schemas are decoded once per process: the first iteration pays for
    // them, the others measure the checks (the whole process is measured with
    // hyperfine, see docs/aws-resources.md).
    c.bench_function(
        "build 20 CloudFormation resource types and a service",
        |b| {
            b.iter(|| {
                let out = ecsxc::compile_bytes("twenty_types.ecsx", TWENTY_TYPES.as_bytes());
                out.compiled.expect("compiles").to_json().len()
            })
        },
    );
    let topology = topology();
    c.bench_function(
        "vpc, 2 load balancers with 20 routes each, 40 services",
        |b| b.iter(|| stages(&topology)),
    );
    let mut group = c.benchmark_group("services");
    group.sample_size(10);
    for n in [100usize, 250, 500, 1000] {
        let text = generated(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| stages(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
