//! Lowering: checked [`Program`] → [`Template`] (the IR of CloudFormation resources)
//! and [`Manifest`] (what deploy needs).
//!
//! Each component family expands in a module of its own under [`expand`]; this module
//! holds what they share: logical IDs, the default cluster and network, turning
//! checked values into CloudFormation values, and the checks only the whole program
//! can make (logical-ID collisions, dangling references).
//!
//! ```text
//! let nginx = FargateService { .. }  ──lower──▶  NginxService, NginxTaskDefinition,
//!                                                NginxExecutionRole, NginxLogGroup, ...
//! ```
//!
//! Invariant: nothing here fails on user input except the ECS and CloudFormation
//! rules (`E03xx`) that need the expanded picture; a failed internal expectation is
//! an `E0499` internal error, never a panic.

pub mod expand;
pub mod manifest;
pub mod template;

pub use manifest::*;
pub use template::*;

use crate::check::{self, Component, Part, Program, Val, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;
use crate::stdlib::Library;
use serde_json::{json, Map};
use std::collections::{BTreeMap, HashMap};

/// Logical ID of the cluster made for services that name none.
pub const DEFAULT_CLUSTER: &str = "DefaultCluster";
/// Template parameter with the default VPC's id.
pub const VPC_PARAMETER: &str = "VpcId";
/// Template parameter with the default VPC's subnets.
pub const SUBNETS_PARAMETER: &str = "SubnetIds";

/// `nginx` → `Nginx`, `my_api.cluster` → `MyApiCluster`.
pub fn pascal_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The logical ID of a component's resource with `role` (`Service`, `LogGroup`):
/// PascalCase of the binding plus the role, unless the name already ends with it.
pub fn logical_id(component: &str, role: &str) -> String {
    let base = pascal_case(component);
    if !role.is_empty() && base.ends_with(role) {
        base
    } else {
        base + role
    }
}

/// A listener's use by a service's container: the wiring that makes a target group.
#[derive(Debug, Clone)]
pub struct ListenerUse {
    /// The service component.
    pub service: usize,
    /// The container's name.
    pub container: String,
    /// The container port traffic goes to.
    pub port: i64,
    /// Where the container names the listener.
    pub span: Span,
}

/// The state of one lowering.
pub struct Lowering<'a> {
    /// The checked program.
    pub program: &'a Program,
    /// The standard library.
    pub lib: &'a Library,
    /// The template being built.
    pub template: Template,
    /// The manifest being built.
    pub manifest: Manifest,
    /// Problems found.
    pub diags: &'a mut Vec<Diagnostic>,
    /// For each listener component, the service container it forwards to.
    pub listener_uses: HashMap<usize, ListenerUse>,
    /// Whether the default cluster has been added.
    pub default_cluster: bool,
    /// Pairs of components whose logical IDs collided (reported once per pair).
    collisions: std::collections::HashSet<(Span, Span)>,
}

/// Lowers a checked program to a template and its manifest.
pub fn lower(
    program: &Program,
    lib: &Library,
    diags: &mut Vec<Diagnostic>,
) -> (Template, Manifest) {
    let mut cx = Lowering::new(program, lib, diags);
    cx.description();
    cx.params();
    expand::wire_listeners(&mut cx);
    for (id, c) in program.components.iter().enumerate() {
        expand::expand(&mut cx, id, c);
    }
    cx.outputs();
    // A failed expansion leaves references dangling on purpose; its error says why.
    if !crate::diagnostics::has_errors(cx.diags) {
        cx.check_references();
    }
    (cx.template, cx.manifest)
}

impl<'a> Lowering<'a> {
    /// A lowering of `program` that reports into `diags`.
    pub fn new(program: &'a Program, lib: &'a Library, diags: &'a mut Vec<Diagnostic>) -> Self {
        Lowering {
            program,
            lib,
            template: Template::default(),
            manifest: Manifest::default(),
            diags,
            listener_uses: HashMap::new(),
            default_cluster: false,
            collisions: Default::default(),
        }
    }

    /// Reports an internal error at `span` (a broken expectation, not a user mistake).
    pub fn internal(&mut self, span: Span, what: &str) {
        self.diags.push(
            Diagnostic::new(
                Code::Internal,
                span,
                format!("internal compiler error: {what}"),
            )
            .help("please report this program to the ecsxc developers"),
        );
    }

    /// Adds a resource, reporting a logical-ID collision.
    pub fn add(&mut self, id: String, resource: Resource) {
        if let Some(existing) = self.template.resources.get(&id) {
            let first = existing.span;
            if !self.collisions.insert((first, resource.span)) {
                return;
            }
            self.diags.push(
                Diagnostic::new(
                    Code::LogicalIdCollision,
                    resource.span,
                    format!("two resources would have the logical ID `{id}`"),
                )
                .label("makes a second resource with this logical ID")
                .with_label(first, "the first one comes from here")
                .help("rename one of the bindings; logical IDs are the binding names in PascalCase (`my_web` and `myWeb` both give `MyWeb`)"),
            );
            return;
        }
        self.template.resources.insert(id, resource);
    }

    /// The component with index `id`.
    pub fn component(&self, id: usize) -> Option<&'a Component> {
        self.program.components.get(id)
    }

    fn description(&mut self) {
        let Some(doc) = &self.program.doc else { return };
        if doc.text.len() > crate::emit::MAX_DESCRIPTION_BYTES {
            self.diags.push(
                Diagnostic::new(
                    Code::DescriptionTooLong,
                    doc.span,
                    format!(
                        "the file's doc comment is {} bytes; a template description is at most {}",
                        doc.text.len(),
                        crate::emit::MAX_DESCRIPTION_BYTES
                    ),
                )
                .label("becomes the template's Description")
                .help(
                    "shorten the leading doc comment, or separate the details with a `//` comment",
                ),
            );
            return;
        }
        self.template.description = Some(doc.text.clone());
    }

    fn params(&mut self) {
        for p in &self.program.params {
            let (cfn_type, min, max) = match p.ty.required() {
                check::types::Ty::Int(lo, hi) => ("Number", *lo, *hi),
                check::types::Ty::List(_) => ("CommaDelimitedList", None, None),
                _ => ("String", None, None),
            };
            let allowed: Vec<String> =
                p.ty.literals()
                    .map(|l| l.iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default();
            let default = p.default.as_ref().map(|d| match &d.value {
                Value::Int(n) => serde_json::Value::from(*n),
                Value::List(items) => items
                    .iter()
                    .filter_map(Val::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
                _ => d.as_str().unwrap_or_default().into(),
            });
            self.manifest.parameters.push(TemplateParameter {
                name: p.name.clone(),
                source: ParameterSource::User {
                    default: default.as_ref().map(|d| match d {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                    allowed_values: allowed.clone(),
                    cfn_type: cfn_type.to_string(),
                },
            });
            self.template.parameters.insert(
                p.name.clone(),
                Parameter {
                    cfn_type: cfn_type.to_string(),
                    description: p.doc.clone(),
                    default,
                    allowed_values: allowed,
                    min_value: min,
                    max_value: max,
                    span: p.span,
                },
            );
        }
    }

    /// Adds a template parameter filled in at deploy time (not a user `param`).
    pub fn deploy_parameter(
        &mut self,
        name: &str,
        cfn_type: &str,
        description: &str,
        source: ParameterSource,
        span: Span,
    ) {
        if self.template.parameters.contains_key(name) {
            if !self
                .manifest
                .parameters
                .iter()
                .any(|p| p.name == name && p.source == source)
            {
                self.diags.push(
                    Diagnostic::new(
                        Code::LogicalIdCollision,
                        span,
                        format!("the template parameter `{name}` is needed by ecsxc"),
                    )
                    .label("needs the parameter")
                    .help(format!("rename the program's `param {name}`")),
                );
            }
            return;
        }
        self.template.parameters.insert(
            name.to_string(),
            Parameter {
                cfn_type: cfn_type.to_string(),
                description: Some(description.to_string()),
                default: None,
                allowed_values: Vec::new(),
                min_value: None,
                max_value: None,
                span,
            },
        );
        self.manifest.parameters.push(TemplateParameter {
            name: name.to_string(),
            source,
        });
    }

    /// The VPC and subnets to use: the account's default VPC, as template parameters.
    pub fn default_network(&mut self, span: Span) -> (serde_json::Value, serde_json::Value) {
        self.deploy_parameter(
            VPC_PARAMETER,
            "AWS::EC2::VPC::Id",
            "The VPC to run in (ecsxc deploy passes the account's default VPC)",
            ParameterSource::DefaultVpcId,
            span,
        );
        self.deploy_parameter(
            SUBNETS_PARAMETER,
            "List<AWS::EC2::Subnet::Id>",
            "Subnets of that VPC (ecsxc deploy passes the default VPC's default subnets)",
            ParameterSource::DefaultSubnetIds,
            span,
        );
        (cfn_ref(VPC_PARAMETER), cfn_ref(SUBNETS_PARAMETER))
    }

    /// A checked value as CloudFormation JSON.
    pub fn cfn(&mut self, v: &Val) -> serde_json::Value {
        match &v.value {
            Value::Int(n) => json!(n),
            Value::Bool(b) => json!(b),
            Value::Str(s) => json!(s),
            Value::Duration(s) => json!(s),
            Value::Memory(m) => json!(m),
            Value::Interp(parts) => {
                let parts = parts
                    .iter()
                    .map(|p| match p {
                        Part::Text(t) => json!(t),
                        Part::Value(v) => self.cfn(v),
                    })
                    .collect();
                join(parts)
            }
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(|i| self.cfn(i)).collect())
            }
            Value::Map(entries) => {
                let mut m = Map::new();
                for e in entries {
                    let value = self.cfn(&e.value);
                    m.insert(e.key.clone(), value);
                }
                serde_json::Value::Object(m)
            }
            Value::Record { fields, .. } => {
                let mut m = Map::new();
                for (k, f) in fields {
                    let value = self.cfn(f);
                    m.insert(k.clone(), value);
                }
                serde_json::Value::Object(m)
            }
            Value::Param { name, ty } => match ty.required() {
                check::types::Ty::List(_) => json!({ "Fn::Join": [",", cfn_ref(name)] }),
                _ => cfn_ref(name),
            },
            Value::Attr {
                component, path, ..
            } => match expand::attribute(self, *component, path) {
                Some(v) => v,
                None => {
                    self.internal(
                        v.span,
                        &format!("no lowering for attribute `{}`", path.join(".")),
                    );
                    serde_json::Value::Null
                }
            },
            Value::Component(id) => match self.component(*id) {
                Some(c) => cfn_ref(&logical_id(&c.name, "")),
                None => serde_json::Value::Null,
            },
        }
    }

    /// A map of strings as CloudFormation tags (`[{Key, Value}]`), in source order.
    pub fn tags(&mut self, v: Option<&Val>) -> Option<serde_json::Value> {
        let entries = v?.as_map()?;
        if entries.is_empty() {
            return None;
        }
        for e in entries {
            let bad_value = e.value.as_str().is_some_and(|s| s.chars().count() > 256);
            if e.key.is_empty()
                || e.key.chars().count() > 128
                || e.key.starts_with("aws:")
                || bad_value
            {
                self.diags.push(
                    Diagnostic::new(Code::InvalidName, e.key_span, format!("`{}` cannot be a tag", e.key))
                        .label("not a valid tag")
                        .help("tag keys are 1 to 128 characters and do not start with `aws:`; values are at most 256 characters"),
                );
            }
        }
        let tags: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| json!({ "Key": e.key, "Value": self.cfn(&e.value) }))
            .collect();
        Some(serde_json::Value::Array(tags))
    }

    fn outputs(&mut self) {
        for e in &self.program.exports {
            let value = self.cfn(&e.value);
            self.template.outputs.push(Output {
                name: e.name.clone(),
                description: e.doc.clone(),
                value,
                span: e.span,
            });
        }
    }

    /// Every `Ref` and `Fn::GetAtt` must name a resource, a parameter or a pseudo
    /// parameter; anything else is a bug in an expansion.
    fn check_references(&mut self) {
        let mut dangling: BTreeMap<String, Span> = BTreeMap::new();
        let known = |id: &str, t: &Template| {
            t.resources.contains_key(id) || t.parameters.contains_key(id) || id.starts_with("AWS::")
        };
        for r in self.template.resources.values() {
            let mut refs = Vec::new();
            references(&r.properties, &mut refs);
            refs.extend(r.depends_on.iter().cloned());
            for id in refs {
                if !known(&id, &self.template) {
                    dangling.entry(id).or_insert(r.span);
                }
            }
        }
        for o in &self.template.outputs {
            let mut refs = Vec::new();
            references(&o.value, &mut refs);
            for id in refs {
                if !known(&id, &self.template) {
                    dangling.entry(id).or_insert(o.span);
                }
            }
        }
        for (id, span) in dangling {
            self.internal(
                span,
                &format!("reference to `{id}`, which the template does not define"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
