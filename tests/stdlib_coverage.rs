//! Driven by the standard library itself, so that a new component cannot be skipped:
//! every component (and every static constructor) of `stdlib/*.ecsx` appears in some
//! example, expands into resources (but `existing` ones, which make none), and every
//! `out` attribute it declares lowers to a CloudFormation value.

mod support;

use ecsxc::check::types::Ty;
use ecsxc::model::CompRef;
use ecsxc::source::SourceMap;
use ecsxc::stdlib::{Kind, Library, StaticSig};
use std::collections::BTreeMap;

/// The attribute paths of component type `def`: `name`, or `endpoint.hostname` for an
/// attribute of a record type.
fn attribute_paths(lib: &Library, component: &str) -> Vec<Vec<String>> {
    let def = lib.get(component).unwrap();
    let mut out = Vec::new();
    for f in def.fields.iter().filter(|f| f.out) {
        match f.ty.required() {
            Ty::Named(record) => {
                for g in &lib.get(record).unwrap().fields {
                    out.push(vec![f.name.to_string(), g.name.to_string()]);
                }
            }
            _ => out.push(vec![f.name.to_string()]),
        }
    }
    out
}

/// `Type`, `Type.ctor()` or `Type.ctor{}` of a component as built: positional when a
/// positional constructor of that name takes exactly the fields it has.
fn form(lib: &Library, c: &ecsxc::check::Component) -> String {
    let Some(ctor) = &c.ctor else {
        return c.ty.clone();
    };
    let positional = lib.get(&c.ty).unwrap().statics.iter().any(|s| {
        s.name == *ctor
            && matches!(&s.sig, StaticSig::Positional(ps)
                if ps.len() == c.fields.len() && ps.iter().all(|(n, _)| c.fields.contains_key(n)))
    });
    if positional {
        format!("{}.{ctor}()", c.ty)
    } else {
        format!("{}.{ctor}{{}}", c.ty)
    }
}

#[test]
fn every_component_expands_and_every_attribute_lowers() {
    let mut sources = SourceMap::new();
    sources.add("x", "");
    let mut diags = Vec::new();
    let lib = ecsxc::stdlib::load(&mut sources, &mut diags);
    // Every form a component can be built in.
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    for def in lib.types.values().filter(|d| d.kind == Kind::Component) {
        forms.insert(def.name.clone(), 0);
        for s in &def.statics {
            let name = match s.sig {
                StaticSig::Record(_) => format!("{}.{}{{}}", def.name, s.name),
                StaticSig::Positional(_) => format!("{}.{}()", def.name, s.name),
            };
            forms.insert(name, 0);
        }
    }
    for path in support::corpus::examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut sources = SourceMap::new();
        let mut diags = Vec::new();
        let id = sources.add("example.ecsx", text.clone());
        let program = ecsxc::syntax::parse(id, &text, &mut diags).unwrap();
        let lib = ecsxc::stdlib::load(&mut sources, &mut diags);
        let checked = ecsxc::check::check(&program, &lib, &mut diags);
        let model = ecsxc::model::build(&checked);
        let (template, _) = ecsxc::ir::lower(&model, &mut diags);
        assert!(
            !ecsxc::diagnostics::has_errors(&diags),
            "{}: {diags:?}",
            path.display()
        );
        let mut cx = ecsxc::ir::Lowering::new(&model, &mut diags);
        for (i, c) in checked.components.iter().enumerate() {
            // CloudFormation resource types (`aws.s3.Bucket`): tests/cfn_types.rs.
            if c.ty.contains("::") {
                continue;
            }
            let name = form(&lib, c);
            *forms.entry(name.clone()).or_insert(0) += 1;
            // Resources whose code lies inside the component's.
            let made = template.resources.values().any(|r| {
                r.span.source == c.span.source
                    && c.span.start <= r.span.start
                    && r.span.end <= c.span.end
            });
            assert!(
                made || c.ctor.is_some(),
                "{}: `{}` ({name}) expands into no resource",
                path.display(),
                c.name
            );
            for p in attribute_paths(&lib, &c.ty) {
                assert!(
                    ecsxc::ir::expand::attribute(&mut cx, CompRef(i), &p).is_some(),
                    "{}: `{}.{}` of {name} does not lower",
                    path.display(),
                    c.name,
                    p.join(".")
                );
            }
        }
    }
    let missing: Vec<&String> = forms
        .iter()
        .filter(|(_, n)| **n == 0)
        .map(|(f, _)| f)
        .collect();
    assert!(
        missing.is_empty(),
        "no example builds these components (add one under examples/): {missing:?}"
    );
}
