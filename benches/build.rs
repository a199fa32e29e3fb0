//! Build benchmarks: the nginx example, and generated programs of 250, 500 and 1,000
//! services measured through the library stages (past the 500-resource check, which
//! only `compile_bytes` applies), to show that time grows linearly.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ecsxc::source::SourceMap;

const NGINX: &str = include_str!("../examples/nginx.ecsx");

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

/// parse → check → lower → emit, without the template-size limits.
fn stages(text: &str) -> usize {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let id = sources.add("bench.ecsx", text);
    let program = ecsxc::syntax::parse(id, text, &mut diags).expect("parses");
    let lib = ecsxc::stdlib::load(&mut sources, &mut diags);
    let checked = ecsxc::check::check(&program, &lib, &mut diags);
    let (template, _) = ecsxc::ir::lower(&checked, &lib, &mut diags);
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
    let mut group = c.benchmark_group("services");
    group.sample_size(10);
    for n in [250usize, 500, 1000] {
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
