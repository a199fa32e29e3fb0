use super::view::shape_fits;
use super::*;
use crate::check::types::Ty;
use crate::source::SourceMap;
use crate::stdlib::{Kind, Library, StaticSig};

fn library() -> std::sync::Arc<Library> {
    let mut sources = SourceMap::new();
    sources.add("x", "");
    let mut diags = Vec::new();
    let lib = crate::stdlib::load(&mut sources, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    lib
}

/// The declared fields a view's `TYPE` names: (name, type, has a default).
fn declared(lib: &Library, ty: &str) -> Vec<(String, Ty, bool)> {
    let fields_of = |name: &str| -> Vec<(String, Ty, bool)> {
        lib.get(name)
            .unwrap_or_else(|| panic!("no `{name}` in the standard library"))
            .fields
            .iter()
            .filter(|f| !f.out)
            .map(|f| (f.name.to_string(), f.ty.clone(), f.default.is_some()))
            .collect()
    };
    let Some((owner, ctor)) = ty.split_once('.') else {
        return fields_of(ty);
    };
    let (ctor, record_form) = match ctor.strip_suffix("{}") {
        Some(c) => (c, true),
        None => (ctor.trim_end_matches("()"), false),
    };
    let def = lib.get(owner).unwrap();
    let s = def
        .statics
        .iter()
        .find(|s| s.name == ctor && matches!(s.sig, StaticSig::Record(_)) == record_form)
        .unwrap_or_else(|| panic!("no static `{ty}`"));
    match &s.sig {
        StaticSig::Record(r) => fields_of(r),
        StaticSig::Positional(ps) => ps
            .iter()
            .map(|(n, t)| (n.clone(), t.clone(), false))
            .collect(),
    }
}

/// Every view reads exactly the fields its standard-library type declares: no field
/// misspelt or missing, `Option` exactly for optional fields without a default (so no
/// default is repeated in Rust), and a Rust type that fits the declared type.
#[test]
fn views_match_the_standard_library() {
    let lib = library();
    for (ty, fields) in views::all() {
        let want = declared(&lib, ty);
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        let declared_names: Vec<&str> = want.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, declared_names, "fields of the view of `{ty}`");
        for (f, (name, t, has_default)) in fields.iter().zip(&want) {
            let optional = t.is_optional() && !has_default;
            assert_eq!(
                f.optional, optional,
                "`{ty}.{name}`: read as Option: {}, optional without default in the stdlib: {optional}",
                f.optional
            );
            assert!(
                shape_fits(&f.shape, t, &lib),
                "`{ty}.{name}`: the view reads {}, the stdlib declares {t}",
                f.shape
            );
        }
    }
}

/// Every component, static constructor and record of the standard library has a view
/// (records only read as `out` attributes, and `Image`, built only by its static
/// constructors, excepted).
#[test]
fn every_standard_library_type_has_a_view() {
    let lib = library();
    let views: Vec<&str> = views::all().into_iter().map(|(t, _)| t).collect();
    let out_only: Vec<String> = lib
        .types
        .values()
        .flat_map(|d| d.fields.iter().filter(|f| f.out))
        .filter_map(|f| match f.ty.required() {
            Ty::Named(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    let signatures: Vec<String> = lib
        .types
        .values()
        .flat_map(|d| d.statics.iter())
        .filter_map(|s| match &s.sig {
            StaticSig::Record(r) => Some(r.clone()),
            StaticSig::Positional(_) => None,
        })
        .collect();
    for def in lib.types.values() {
        let has_fields = def.fields.iter().any(|f| !f.out);
        let plain = def.kind == Kind::Component
            || (has_fields && !out_only.contains(&def.name) && !signatures.contains(&def.name));
        if plain {
            assert!(
                views.contains(&def.name.as_str()),
                "no view of `{}`",
                def.name
            );
        }
        for s in &def.statics {
            let name = match s.sig {
                StaticSig::Record(_) => format!("{}.{}{{}}", def.name, s.name),
                StaticSig::Positional(_) => format!("{}.{}()", def.name, s.name),
            };
            let record_static = matches!(s.sig, StaticSig::Record(ref r) if r == "DockerBuild");
            assert!(
                views.contains(&name.as_str()) || record_static,
                "no view of `{name}`"
            );
        }
    }
}

fn model_of(src: &str) -> (crate::check::Program, Vec<crate::diagnostics::Diagnostic>) {
    let mut sources = SourceMap::new();
    let mut diags = Vec::new();
    let id = sources.add("m.ecsx", src);
    let program = crate::syntax::parse(id, src, &mut diags).unwrap();
    let lib = crate::stdlib::load(&mut sources, &mut diags);
    let checked = crate::check::check(&program, &lib, &mut diags);
    (checked, diags)
}

#[test]
fn the_shorthand_links_a_listener_its_load_balancer_and_a_target_group() {
    let (program, diags) = model_of(
        r#"
let web = ApplicationListener { port: 80, targetPort: 8080 }
let app = FargateService { containers: { c: { image: "x", portMappings: [web] } } }
"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let m = build(&program);
    assert_eq!(m.load_balancers.len(), 1);
    assert_eq!(m.load_balancers[0].logical_id, "WebLoadBalancer");
    assert_eq!(m.target_groups.len(), 1);
    assert_eq!(m.target_groups[0].logical_id, "AppWebTargetGroup");
    assert_eq!(m.target_groups[0].port, 8080);
    assert_eq!(m.listeners[0].default_action, Action::Forward(0));
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].container, "c");
    assert_eq!(m.services[0].placement.unwrap().network, DEFAULT_NETWORK);
    assert!(matches!(m.clusters[0], Cluster::Default { .. }));
}

#[test]
fn a_vpc_places_tasks_in_private_subnets_behind_nat() {
    let (program, diags) = model_of(
        r#"
let vpc = Vpc { cidr: "10.1.0.0/16", availabilityZones: 3 }
let cluster = Cluster { vpc: vpc }
let app = FargateService { cluster: cluster, containers: { c: { image: "x" } } }
let open = Vpc { natGateways: "none" }
let public = FargateService { cluster: Cluster { vpc: open }, containers: { c: { image: "x" } } }
"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let m = build(&program);
    let Network::New(plan) = &m.networks[1] else {
        panic!()
    };
    assert_eq!(plan.public.len(), 3);
    assert_eq!(plan.public[0].cidr, "10.1.0.0/19");
    assert_eq!(plan.private[0].cidr, "10.1.96.0/19");
    assert_eq!(plan.private[2].id, "VpcPrivateSubnet3");
    assert_eq!(plan.nat.len(), 3);
    let p = m.services[0].placement.unwrap();
    assert_eq!(
        (p.network, p.public_subnets, p.public_ip),
        (1, false, false)
    );
    let p = m.services[1].placement.unwrap();
    assert_eq!((p.network, p.public_subnets, p.public_ip), (2, true, true));
}

#[test]
fn a_component_with_a_type_error_is_left_out_and_its_users_still_linked() {
    let (program, diags) = model_of(
        r#"
let cluster = Cluster { containerInsights: "yes" }
let app = FargateService { cluster: cluster, containers: { c: { image: "x" } } }
"#,
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
    let m = build(&program);
    assert!(m.clusters.is_empty());
    assert_eq!(m.services.len(), 1);
    assert_eq!(m.services[0].cluster, None);
}

#[test]
fn rules_forward_to_services_and_get_priorities_in_source_order() {
    let (program, diags) = model_of(
        r#"
let lb = ApplicationLoadBalancer {}
let http = ApplicationListener {
    loadBalancer: lb
    fixedResponse: { statusCode: 404 }
    rules: [{ paths: ["/api/*"], forward: api }, { priority: 10, paths: ["/a"], forward: api }, { hosts: ["x.example.com"], forward: web }]
}
let api = FargateService { containers: { c: { image: "x", portMappings: [{ containerPort: 8080 }] } } }
let web = FargateService { containers: { c: { image: "x", portMappings: [{ containerPort: 3000 }] } } }
"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let m = build(&program);
    let priorities: Vec<i64> = m.routes.iter().map(|r| r.priority).collect();
    assert_eq!(priorities, [1, 10, 11]);
    assert_eq!(m.routes[2].logical_id, "HttpRule11");
    assert_eq!(m.target_groups.len(), 2, "one per service and listener");
    assert_eq!(m.target_groups[0].logical_id, "ApiHttpTargetGroup");
    assert_eq!(m.target_groups[0].port, 8080);
    assert!(matches!(m.listeners[0].default_action, Action::Fixed(_)));
    assert_eq!(m.load_balancers.len(), 1);
}
