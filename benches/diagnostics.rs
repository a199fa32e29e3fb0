//! Diagnostic benchmarks: 10,000 warnings (one unused `let` each, spread over 10,000
//! lines) rendered as the human report and as JSON lines. Each diagnostic costs a
//! binary search in the file's line index and the lines around it, so the time grows
//! linearly with their number (it grew with its square before the line index).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ecsxc::diagnostics::render::{render_all, MessageFormat};

/// A program with a service and `n` unused bindings: `n` `W0001` warnings.
fn unused(n: usize) -> String {
    let mut s = String::from(
        "let web = ApplicationListener { port: 80 }\nlet nginx = FargateService { containers: { nginx: { image: \"nginx\", memory: 128, portMappings: [web] } } }\n",
    );
    for i in 0..n {
        s.push_str(&format!("let v{i} = {i}\n"));
    }
    s
}

fn bench(c: &mut Criterion) {
    const N: usize = 10_000;
    let text = unused(N);
    let out = ecsxc::compile_bytes("unused.ecsx", text.as_bytes());
    assert_eq!(out.diagnostics.len(), N, "one warning per unused binding");
    let mut group = c.benchmark_group("10,000 diagnostics");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    for (name, format) in [
        ("human", MessageFormat::Human),
        ("json", MessageFormat::Json),
    ] {
        group.bench_function(format!("render {name}"), |b| {
            b.iter(|| render_all(&out.diagnostics, &out.sources, format, false, 100).len())
        });
    }
    group.bench_function("check and render json", |b| {
        b.iter(|| {
            let out = ecsxc::compile_bytes("unused.ecsx", text.as_bytes());
            render_all(
                &out.diagnostics,
                &out.sources,
                MessageFormat::Json,
                false,
                100,
            )
            .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
