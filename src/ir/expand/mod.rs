//! Expansion of components into resources, one module per component family.
//!
//! Adding a component means: declare it in `stdlib/*.ecsx`, write its module here
//! (an `expand` function from the checked component to resources, and an
//! `attribute` function for its `out` attributes), and add both to the two matches
//! below. A test checks that every `out` attribute of the standard library lowers.

pub mod cluster;
pub mod fargate_service;
pub mod listener;
pub mod task_definition;

use super::{ListenerUse, Lowering};
use crate::check::{Component, Value};
use crate::diagnostics::{Code, Diagnostic};

/// Expands component `id` into resources.
pub fn expand(cx: &mut Lowering<'_>, id: usize, c: &Component) {
    match c.ty.as_str() {
        "Cluster" => cluster::expand(cx, c),
        "FargateService" => fargate_service::expand(cx, id, c),
        "ApplicationListener" => listener::expand(cx, id, c),
        other => cx.internal(c.span, &format!("no expansion for component `{other}`")),
    }
}

/// The CloudFormation value of the `out` attribute `path` of component `id`.
pub fn attribute(cx: &mut Lowering<'_>, id: usize, path: &[String]) -> Option<serde_json::Value> {
    let c = cx.component(id)?;
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match c.ty.as_str() {
        "Cluster" => cluster::attribute(c, &path),
        "FargateService" => fargate_service::attribute(c, &path),
        "ApplicationListener" => listener::attribute(c, &path),
        _ => None,
    }
}

/// Finds which service container each listener forwards to (from the containers'
/// `portMappings`), reporting a listener claimed twice.
pub fn wire_listeners(cx: &mut Lowering<'_>) {
    let program = cx.program;
    for (service, c) in program.components.iter().enumerate() {
        if c.ty != "FargateService" {
            continue;
        }
        for (container, def) in task_definition::containers(c) {
            let Some(mappings) = def.get("portMappings").and_then(|v| v.as_list()) else {
                continue;
            };
            for m in mappings {
                let Value::Component(listener) = m.value else {
                    continue;
                };
                let Some(l) = cx.component(listener) else {
                    continue;
                };
                let port = listener::target_port(l);
                let wanted = ListenerUse {
                    service,
                    container: container.to_string(),
                    port,
                    span: m.span,
                };
                if let Some(first) = cx.listener_uses.get(&listener) {
                    if first.service == service {
                        // The same task twice: its duplicate port mapping is reported.
                        continue;
                    }
                    let first_span = first.span;
                    let first_name = cx
                        .component(first.service)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    cx.diags.push(
                        Diagnostic::new(
                            Code::ListenerSharedByServices,
                            m.span,
                            format!("listener `{}` already forwards to `{first_name}`", l.name),
                        )
                        .label("second use of the listener")
                        .with_label(first_span, "first use")
                        .help("a listener forwards to one target group; give this container a listener of its own"),
                    );
                    continue;
                }
                cx.listener_uses.insert(listener, wanted);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::source::SourceMap;
    use crate::stdlib::Kind;

    /// Every `out` attribute the standard library declares lowers to a value.
    #[test]
    fn every_out_attribute_lowers() {
        let src = r#"
let web = ApplicationListener { port: 80 }
let cluster = Cluster {}
let existing = Cluster.existing("prod")
let svc = FargateService {
    cluster: cluster
    containers: { app: { image: "nginx", memory: 128, portMappings: [web] } }
}
export a = web.endpoint.hostname
"#;
        let out = crate::compile_bytes("attrs.ecsx", src.as_bytes());
        assert!(!out.has_errors(), "{:?}", out.diagnostics);
        let mut sources = SourceMap::new();
        let mut diags = Vec::new();
        let lib = crate::stdlib::load(&mut sources, &mut diags);
        let program = crate::syntax::parse(sources.add("x", src), src, &mut diags).unwrap();
        let checked = crate::check::check(&program, &lib, &mut diags);
        let mut cx = super::Lowering::new(&checked, &lib, &mut diags);
        for def in lib.types.values().filter(|d| d.kind == Kind::Component) {
            for f in def.fields.iter().filter(|f| f.out) {
                let mut paths = vec![vec![f.name.clone()]];
                if let crate::check::types::Ty::Named(rec) = f.ty.required() {
                    let inner = lib.get(rec).unwrap();
                    paths = inner
                        .fields
                        .iter()
                        .map(|g| vec![f.name.clone(), g.name.clone()])
                        .collect();
                }
                for (id, c) in checked
                    .components
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.ty == def.name)
                {
                    for p in &paths {
                        assert!(
                            super::attribute(&mut cx, id, p).is_some(),
                            "{}.{} of {} does not lower",
                            def.name,
                            p.join("."),
                            c.name
                        );
                    }
                }
            }
        }
    }
}
