//! Language-server benchmarks: what `ecsxc lsp` does on a `didOpen` and a `didChange`
//! of a generated 1,000-service file (the whole pipeline, then the diagnostics
//! converted to LSP positions), and the requests that read the tokens (hover,
//! completion) on it. Target of issue 9: a change answered with its diagnostics in
//! under 50 ms. The server publishes the diagnostics before the previous version of
//! the document is dropped (on a thread of its own), so the drop is not measured
//! (`iter_with_large_drop`). Like `ecsxc lsp`, the benchmark allocates with mimalloc
//! (`ecsxc::alloc`); `SYSALLOC=1` measures with the system allocator instead.

use criterion::{criterion_group, criterion_main, Criterion};
use ecsxc::lsp::{Document, StdlibDocs};
use lsp_types::{Position, Uri};
use std::str::FromStr;

/// A program of `n` load-balanced services, each with its own listener (as in
/// `benches/build.rs`).
fn generated(n: usize) -> String {
    let mut s = String::from("/// Generated benchmark program.\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "let web{i} = ApplicationListener {{ port: 80 }}\nlet svc{i} = FargateService {{\n    desiredCount: 2\n    containers: {{ app: {{ image: \"nginx\", memory: 128, portMappings: [web{i}] }} }}\n}}\nexport url{i} = web{i}.endpoint.hostname\n"
        ));
    }
    s
}

fn bench(c: &mut Criterion) {
    if std::env::var_os("SYSALLOC").is_none() {
        ecsxc::alloc::use_mimalloc();
    }
    let stdlib = StdlibDocs::new();
    let uri = Uri::from_str("file:///bench/services.ecsx").expect("uri");
    let text = generated(1000);
    // A typo in the last service: one more diagnostic, as while typing.
    let typo = text.replacen("desiredCount: 2\n    containers: { app: { image: \"nginx\", memory: 128, portMappings: [web999]", "desiredCont: 2\n    containers: { app: { image: \"nginx\", memory: 128, portMappings: [web999]", 1);
    let mut group = c.benchmark_group("lsp");
    group.sample_size(20);
    group.bench_function("didOpen of 1,000 services: diagnostics", |b| {
        b.iter_with_large_drop(|| Document::new(&uri, 2, text.clone(), &stdlib))
    });
    // A change is compiled with what the previous version kept (the declarations
    // parsed): each iteration edits the last service, from the correct text to the
    // typo and back.
    for (name, from, to) in [
        ("didChange of 1,000 services: diagnostics", &typo, &text),
        (
            "didChange of 1,000 services to a typo: diagnostics",
            &text,
            &typo,
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let previous = Document::new(&uri, 1, from.clone(), &stdlib);
                    // Between two keystrokes the server frees what the last answer
                    // left; here too, so that the change is measured alone.
                    ecsxc::wait_for_dropped();
                    previous
                },
                |mut previous| {
                    let doc = Document::changed(&uri, 2, to.clone(), &stdlib, Some(&mut previous));
                    (doc, previous)
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    let doc = Document::new(&uri, 2, text.clone(), &stdlib);
    let last = doc
        .text
        .rfind("portMappings: [web999]")
        .expect("last service");
    let pos = doc.index.position(&doc.text, last + 16);
    group.bench_function("hover on a binding of 1,000 services", |b| {
        b.iter(|| ecsxc::lsp::hover::hover(&doc, &stdlib, pos).is_some())
    });
    let field = Position::new(pos.line - 1, 4);
    group.bench_function("completion of fields in 1,000 services", |b| {
        b.iter(|| ecsxc::lsp::completion::complete(&doc, &stdlib, field).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
