//! Lowering: [`Model`] → [`Template`] (the IR of CloudFormation resources) and
//! [`Manifest`] (what deploy needs).
//!
//! Each family of the model expands in a module of its own under [`expand`], reading
//! only the model (which decided every logical ID); this module holds what they share:
//! the template being built, the network values (the default VPC's parameters, a new
//! VPC's subnets, an existing VPC's ids), turning checked values into CloudFormation
//! values, and the checks only the whole template allows (logical-ID collisions and
//! lengths, dependency cycles, dangling references).
//!
//! ```text
//! let nginx = FargateService { .. }  ──lower──▶  NginxService, NginxTaskDefinition,
//!                                                NginxExecutionRole, NginxLogGroup, ...
//! ```
//!
//! Invariant: the rules ([`crate::rules`]) ran and found no error; a failed internal
//! expectation is an `E0499` internal error, never a panic.

pub mod expand;
pub mod json;
pub mod manifest;
pub mod template;

pub use manifest::*;
pub use template::*;

use crate::check::value::FxMap;
use crate::check::{self, Part, Val, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::json::{json, Map, Value as Json};
use crate::model::view::Map as Entries;
use crate::model::{Model, NetId, Network, Node};
use crate::source::Span;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The position of each resource of a template, by logical ID (hashed with FxHash: the
/// logical IDs are the compiler's, and every reference of every resource is looked up).
type ResourceIndex<'t> = FxMap<&'t str, usize>;

/// Logical ID of the cluster made for services that name none.
pub const DEFAULT_CLUSTER: &str = "DefaultCluster";
/// Template parameter with the default VPC's id.
pub const VPC_PARAMETER: &str = "VpcId";
/// Template parameter with the default VPC's subnets.
pub const SUBNETS_PARAMETER: &str = "SubnetIds";
/// Template parameter with the default VPC's IPv4 range (for internal load balancers).
pub const VPC_CIDR_PARAMETER: &str = "VpcCidr";

/// `nginx` → `Nginx`, `my_api.cluster` → `MyApiCluster`.
pub fn pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    push_pascal_case(&mut out, name);
    out
}

/// Appends `name` in PascalCase to `out`.
fn push_pascal_case(out: &mut String, name: &str) {
    // Words are runs of ASCII letters and digits; everything else (every byte of a
    // non-ASCII character too) separates them and is dropped.
    let mut word_start = true;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(if word_start {
                b.to_ascii_uppercase()
            } else {
                b
            }));
            word_start = false;
        } else {
            word_start = true;
        }
    }
}

/// The logical ID of a component's resource with `role` (`Service`, `LogGroup`):
/// PascalCase of the binding plus the role, unless the name already ends with it.
pub fn logical_id(component: &str, role: &str) -> String {
    let mut base = String::with_capacity(component.len() + role.len());
    push_pascal_case(&mut base, component);
    if role.is_empty() || !base.ends_with(role) {
        base.push_str(role);
    }
    base
}

/// The state of one lowering.
pub struct Lowering<'m, 'a> {
    /// The linked model.
    pub model: &'m Model<'a>,
    /// The template being built.
    pub template: Template,
    /// The manifest being built.
    pub manifest: Manifest,
    /// Problems found.
    pub diags: &'m mut Vec<Diagnostic>,
    /// Pairs of components whose logical IDs collided (reported once per pair).
    collisions: HashSet<(Span, Span)>,
    /// The index in `manifest.parameters` of each parameter name (one each: a name in
    /// the template is never added again).
    parameter_index: HashMap<String, usize>,
    /// The default VPC's parameters are in the template, without a diagnostic.
    default_network_ready: bool,
    /// The resources the expansions add, by logical ID, until [`Lowering::flush`] sorts
    /// them into the template: a logical ID is hashed once here, rather than compared
    /// along a path of the template's tree as each resource is added.
    staged: FxMap<String, Resource>,
}

/// The first eight bytes of `id` as a number (zeros after a shorter one): when two
/// differ, the IDs compare as they do.
fn prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, c) in bytes.iter_mut().zip(id.bytes()) {
        *b = c;
    }
    u64::from_be_bytes(bytes)
}

/// A list per resource (its references, its dependencies), all in one vector.
#[derive(Default)]
struct Lists<T> {
    /// The items of every list, list after list.
    items: Vec<T>,
    /// Where each list ends in `items`.
    ends: Vec<usize>,
}

impl<T> Lists<T> {
    /// Room for `n` lists.
    fn with_capacity(n: usize) -> Self {
        Lists {
            items: Vec::with_capacity(n * 2),
            ends: Vec::with_capacity(n),
        }
    }

    /// Ends the current list: the items pushed since the last `close` are list `len`.
    fn close(&mut self) {
        self.ends.push(self.items.len());
    }

    /// List `i` (empty when there is none).
    fn get(&self, i: usize) -> &[T] {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.items.get(start..end).unwrap_or(&[])
    }

    /// Every list, in order.
    fn iter(&self) -> impl Iterator<Item = &[T]> {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// Lowers the model of a checked program to a template and its manifest.
pub fn lower(model: &Model<'_>, diags: &mut Vec<Diagnostic>) -> (Template, Manifest) {
    let mut cx = Lowering::new(model, diags);
    cx.description();
    cx.params();
    expand::expand(&mut cx);
    cx.flush();
    if !model.program.overrides.is_empty() {
        expand::overrides::apply(&mut cx);
    }
    cx.outputs();
    cx.expose_unused_subnets();
    if !crate::diagnostics::has_errors(cx.diags) {
        // The references of every resource, found once for both checks.
        let template = std::mem::take(&mut cx.template);
        let mut refs = Lists::with_capacity(template.resources.len());
        for r in template.resources.values() {
            reference_ids(&r.properties, &mut refs.items);
            refs.items.extend(r.depends_on.iter().map(String::as_str));
            refs.close();
        }
        let index: ResourceIndex = template
            .resources
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let edges = cx.check_references(&template, &index, &refs);
        drop(refs);
        cx.check_cycles(&template, &edges);
        cx.template = template;
    }
    (cx.template, cx.manifest)
}

impl<'m, 'a> Lowering<'m, 'a> {
    /// A lowering of `model` that reports into `diags`.
    pub fn new(model: &'m Model<'a>, diags: &'m mut Vec<Diagnostic>) -> Self {
        Lowering {
            model,
            template: Template::default(),
            manifest: Manifest::default(),
            diags,
            collisions: HashSet::new(),
            parameter_index: HashMap::new(),
            default_network_ready: false,
            // Room for what components expand to (a program of load-balanced services
            // makes 4.5 resources per component), so that the map seldom grows.
            staged: FxMap::with_capacity_and_hasher(
                model.program.components.len().saturating_mul(5),
                Default::default(),
            ),
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

    /// Adds a resource, reporting a logical-ID collision or a logical ID too long. It
    /// reaches the template when the expansions are done ([`Lowering::flush`]).
    pub fn add(&mut self, id: String, resource: Resource) {
        let slot = match self.staged.entry(id) {
            std::collections::hash_map::Entry::Vacant(slot) => slot,
            std::collections::hash_map::Entry::Occupied(existing) => {
                let (id, first) = (existing.key().clone(), existing.get().span);
                self.collision(id, first, resource);
                return;
            }
        };
        let id = slot.key();
        if id.len() > crate::limits::MAX_LOGICAL_ID
            && self.collisions.insert((resource.span, resource.span))
        {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidName,
                    resource.span,
                    format!(
                        "the logical ID `{}…` would be {} characters; CloudFormation takes at most {}",
                        id.chars().take(40).collect::<String>(),
                        id.len(),
                        crate::limits::MAX_LOGICAL_ID
                    ),
                )
                .label("its binding name is too long")
                .help("logical IDs are the binding's name in PascalCase plus a role such as `LoadBalancerSecurityGroup`: shorten the name"),
            );
        }
        slot.insert(resource);
    }

    /// Moves the resources added so far into the template, in the order of their
    /// logical IDs.
    fn flush(&mut self) {
        let mut staged: Vec<Option<(String, Resource)>> = self.staged.drain().map(Some).collect();
        // Sorted by the first eight bytes of the logical ID, then by the rest where they
        // tie: positions and numbers are moved, not the resources, and most comparisons
        // are of two numbers.
        let id = |i: &u32| match staged.get(*i as usize) {
            Some(Some((id, _))) => id.as_str(),
            _ => "",
        };
        let mut order: Vec<(u64, u32)> = (0u32..)
            .zip(&staged)
            .map(|(i, r)| (r.as_ref().map_or(0, |(id, _)| prefix(id)), i))
            .collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| id(&a.1).cmp(id(&b.1))));
        let mut sorted = Vec::with_capacity(order.len());
        sorted.extend(
            order
                .into_iter()
                .filter_map(|(_, i)| staged.get_mut(i as usize)?.take()),
        );
        // A tree built from sorted entries in one pass (taken whole into an empty
        // template).
        let mut built: BTreeMap<String, Resource> = sorted.into_iter().collect();
        self.template.resources.append(&mut built);
    }

    /// A second resource with logical ID `id`, whose first one comes from `first`.
    fn collision(&mut self, id: String, first: Span, resource: Resource) {
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
    }

    fn description(&mut self) {
        let Some(doc) = &self.model.program.doc else {
            return;
        };
        if doc.text.len() > crate::limits::MAX_DESCRIPTION_BYTES {
            self.diags.push(
                Diagnostic::new(
                    Code::DescriptionTooLong,
                    doc.span,
                    format!(
                        "the file's doc comment is {} bytes; a template description is at most {}",
                        doc.text.len(),
                        crate::limits::MAX_DESCRIPTION_BYTES
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
        for p in &self.model.program.params {
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
                Value::Int(n) => Json::from(*n),
                Value::List(items) => items
                    .iter()
                    .filter_map(Val::as_str)
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
                _ => d.as_str().unwrap_or_default().into(),
            });
            self.parameter_index
                .insert(p.name.clone(), self.manifest.parameters.len());
            self.manifest.parameters.push(TemplateParameter {
                name: p.name.clone(),
                source: ParameterSource::User {
                    default: default.as_ref().map(|d| match d {
                        Json::String(s) => s.to_string(),
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
            let same = self
                .parameter_index
                .get(name)
                .and_then(|i| self.manifest.parameters.get(*i))
                .is_some_and(|p| p.name == name && p.source == source);
            if !same {
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
        if name.len() > crate::limits::MAX_LOGICAL_ID {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidName,
                    span,
                    format!(
                        "the template parameter `{}…` would be {} characters; CloudFormation takes at most {}",
                        name.chars().take(40).collect::<String>(),
                        name.len(),
                        crate::limits::MAX_LOGICAL_ID
                    ),
                )
                .label("its name comes from the binding and the container")
                .help("shorten the binding's or the container's name"),
            );
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
        self.parameter_index
            .insert(name.to_string(), self.manifest.parameters.len());
        self.manifest.parameters.push(TemplateParameter {
            name: name.to_string(),
            source,
        });
    }

    /// Adds a template parameter of SSM type `cfn_type` whose default is the public SSM
    /// parameter `path` (CloudFormation resolves it at deploy time).
    pub fn ssm_parameter(
        &mut self,
        name: &str,
        cfn_type: &str,
        path: &str,
        description: &str,
        span: Span,
    ) {
        self.deploy_parameter(name, cfn_type, description, ParameterSource::Ssm, span);
        if let Some(p) = self.template.parameters.get_mut(name) {
            p.default = Some(json!(path));
        }
    }

    /// The default VPC and its subnets, as template parameters.
    fn default_network(&mut self, span: Span) {
        if self.default_network_ready {
            return;
        }
        let before = self.diags.len();
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
        // Both parameters are ecsxc's, so another call would find them and do nothing.
        self.default_network_ready = self.diags.len() == before;
    }

    /// The id of network `n` (for `VpcId`); `span` is the code that needs it.
    pub fn vpc_id(&mut self, n: NetId, span: Span) -> Json {
        match self.model.networks.get(n) {
            Some(Network::New(plan)) => cfn_ref(&plan.vpc),
            Some(Network::Existing { comp }) => match self.model.node(*comp) {
                Some(Node::ExistingVpc(v)) => json!(v.id.value),
                _ => Json::Null,
            },
            _ => {
                self.default_network(span);
                cfn_ref(VPC_PARAMETER)
            }
        }
    }

    /// The public (or private) subnets of network `n`.
    pub fn subnets(&mut self, n: NetId, public: bool, span: Span) -> Json {
        match self.model.networks.get(n) {
            Some(Network::New(plan)) => {
                let list = if public { &plan.public } else { &plan.private };
                Json::Array(list.iter().map(|s| cfn_ref(&s.id)).collect())
            }
            Some(Network::Existing { comp }) => match self.model.node(*comp) {
                Some(Node::ExistingVpc(v)) => {
                    json!(if public {
                        &v.public_subnets.value
                    } else {
                        &v.private_subnets.value
                    })
                }
                _ => Json::Null,
            },
            _ => {
                self.default_network(span);
                cfn_ref(SUBNETS_PARAMETER)
            }
        }
    }

    /// The IPv4 range of network `n` (what internal load balancers admit).
    pub fn vpc_cidr(&mut self, n: NetId, span: Span) -> Json {
        match self.model.networks.get(n) {
            Some(Network::New(plan)) => get_att(&plan.vpc, "CidrBlock"),
            Some(Network::Existing { comp }) => match self.model.node(*comp) {
                Some(Node::ExistingVpc(v)) => {
                    v.cidr.as_ref().map_or(Json::Null, |c| json!(c.value))
                }
                _ => Json::Null,
            },
            _ => {
                self.default_network(span);
                self.deploy_parameter(
                    VPC_CIDR_PARAMETER,
                    "String",
                    "The IPv4 range of that VPC (ecsxc deploy passes the default VPC's)",
                    ParameterSource::DefaultVpcCidr,
                    span,
                );
                cfn_ref(VPC_CIDR_PARAMETER)
            }
        }
    }

    /// A checked value as CloudFormation JSON.
    pub fn cfn(&mut self, v: &Val) -> Json {
        match &v.value {
            Value::Int(n) => json!(n),
            Value::Bool(b) => json!(b),
            Value::Str(s) => json!(s),
            Value::Duration(ms) => json!(ms / 1000),
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
            Value::List(items) => Json::Array(items.iter().map(|i| self.cfn(i)).collect()),
            Value::Map(entries) => {
                let mut m = Map::new();
                for e in entries {
                    let value = self.cfn(&e.value);
                    m.insert(e.key.clone(), value);
                }
                Json::Object(m)
            }
            Value::Record { fields, .. } => {
                let mut m = Map::new();
                for (k, f) in fields.iter() {
                    let value = self.cfn(f);
                    m.insert(k.to_string(), value);
                }
                Json::Object(m)
            }
            Value::Param { name, ty } => match ty.required() {
                check::types::Ty::List(_) => json!({ "Fn::Join": [",", cfn_ref(name)] }),
                _ => cfn_ref(name),
            },
            Value::Attr {
                component, path, ..
            } => match expand::attribute(self, crate::model::CompRef(*component), path) {
                Some(v) => v,
                None => {
                    self.internal(
                        v.span,
                        &format!("no lowering for attribute `{}`", path.join(".")),
                    );
                    Json::Null
                }
            },
            Value::Component(_) => {
                self.internal(v.span, "a component where a value belongs");
                Json::Null
            }
        }
    }

    /// A map of strings as CloudFormation tags (`[{Key, Value}]`), in source order;
    /// `None` when empty.
    pub fn tags(&mut self, tags: &Entries<Val>) -> Option<Json> {
        if tags.0.is_empty() {
            return None;
        }
        let list: Vec<Json> = tags
            .0
            .iter()
            .map(|(k, v)| json!({ "Key": k.value, "Value": self.cfn(v) }))
            .collect();
        Some(Json::Array(list))
    }

    fn outputs(&mut self) {
        for e in &self.model.program.exports {
            let mut value = self.cfn(&e.value);
            if value.is_array() {
                value = json!({ "Fn::Join": [",", value] });
            }
            self.template.outputs.push(Output {
                name: e.name.clone(),
                description: e.doc.clone(),
                value,
                span: e.span,
            });
        }
    }

    /// A stack whose only awsvpc tasks are run on demand (no service) uses the subnet
    /// parameter in no resource; it becomes an output, so that the template uses every
    /// parameter and `ecsxc run` can read where to start tasks.
    fn expose_unused_subnets(&mut self) {
        let Some(param) = self.template.parameters.get(SUBNETS_PARAMETER) else {
            return;
        };
        let span = param.span;
        let used = self
            .template
            .resources
            .values()
            .any(|r| refers_to(&r.properties, SUBNETS_PARAMETER));
        if used
            || self
                .template
                .outputs
                .iter()
                .any(|o| o.name == SUBNETS_PARAMETER)
        {
            return;
        }
        self.template.outputs.push(Output {
            name: SUBNETS_PARAMETER.to_string(),
            description: Some("Subnets that `ecsxc run` starts tasks in".to_string()),
            value: json!({ "Fn::Join": [",", cfn_ref(SUBNETS_PARAMETER)] }),
            span,
        });
    }

    /// Every `Ref` and `Fn::GetAtt` must name a resource, a parameter or a pseudo
    /// parameter; anything else is a bug in an expansion.
    /// `index`: the position of each resource of `t`; `refs`: the references of each, in
    /// order.
    ///
    /// Returns the resources each resource refers to (by position in `t`, each once, in
    /// order): the edges for [`Lowering::check_cycles`].
    fn check_references(
        &mut self,
        t: &Template,
        index: &ResourceIndex,
        refs: &Lists<&str>,
    ) -> Lists<usize> {
        let mut dangling: BTreeMap<&str, Span> = BTreeMap::new();
        // A parameter or a pseudo parameter.
        let parameter = |id: &str| t.parameters.contains_key(id) || id.starts_with("AWS::");
        let mut edges = Lists::with_capacity(t.resources.len());
        let mut out: Vec<usize> = Vec::new();
        for (r, refs) in t.resources.values().zip(refs.iter()) {
            out.clear();
            for id in refs {
                match index.get(id) {
                    Some(&i) => out.push(i),
                    None if parameter(id) => {}
                    None => {
                        dangling.entry(id).or_insert(r.span);
                    }
                }
            }
            out.sort_unstable();
            out.dedup();
            edges.items.extend_from_slice(&out);
            edges.close();
        }
        let mut refs = Vec::new();
        for o in &t.outputs {
            refs.clear();
            reference_ids(&o.value, &mut refs);
            for id in &refs {
                if !index.contains_key(id) && !parameter(id) {
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
        edges
    }

    /// Resources that depend on each other in a cycle (through `Ref`, `Fn::GetAtt` and
    /// `DependsOn`) cannot be created: components that read each other's attributes.
    /// `edges`: the resources each resource of `t` refers to, by position.
    fn check_cycles(&mut self, t: &Template, edges: &Lists<usize>) {
        let ids: Vec<&String> = t.resources.keys().collect();
        // Iterative depth-first search; 0 = unvisited, 1 = on the stack, 2 = done.
        let mut state = vec![0u8; ids.len()];
        let mut cycle: Option<Vec<usize>> = None;
        'roots: for root in 0..ids.len() {
            if state.get(root) != Some(&0) {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            if let Some(s) = state.get_mut(root) {
                *s = 1;
            }
            while let Some((node, next)) = stack.last().copied() {
                match edges.get(node).get(next) {
                    Some(&dep) => {
                        if let Some(top) = stack.last_mut() {
                            top.1 += 1;
                        }
                        match state.get(dep) {
                            Some(0) => {
                                if let Some(s) = state.get_mut(dep) {
                                    *s = 1;
                                }
                                stack.push((dep, 0));
                            }
                            Some(1) => {
                                let start = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                                cycle = Some(stack.iter().skip(start).map(|(n, _)| *n).collect());
                                break 'roots;
                            }
                            _ => {}
                        }
                    }
                    None => {
                        if let Some(s) = state.get_mut(node) {
                            *s = 2;
                        }
                        stack.pop();
                    }
                }
            }
        }
        let Some(cycle) = cycle else { return };
        let members: Vec<(&String, Span)> = cycle
            .iter()
            .filter_map(|i| {
                let id = ids.get(*i)?;
                Some((*id, t.resources.get(*id)?.span))
            })
            .collect();
        let Some((first, first_span)) = members.first().cloned() else {
            return;
        };
        let chain = members
            .iter()
            .map(|(id, _)| format!("`{id}`"))
            .chain(std::iter::once(format!("`{first}`")))
            .collect::<Vec<_>>()
            .join(" → ");
        let mut d = Diagnostic::new(
            Code::ReferenceCycle,
            first_span,
            format!("resources depend on each other in a cycle: {chain}"),
        )
        .label(format!("makes `{first}`"));
        let mut seen = vec![first_span];
        for (id, span) in members.iter().skip(1) {
            if !seen.contains(span) {
                seen.push(*span);
                d = d.with_label(*span, format!("makes `{id}`"));
            }
        }
        // Point at the attributes read from the components in the cycle.
        let components = &self.model.program.components;
        let in_cycle: Vec<usize> = components
            .iter()
            .enumerate()
            .filter(|(_, c)| seen.contains(&c.span))
            .map(|(i, _)| i)
            .collect();
        let mut reads = Vec::new();
        for c in components {
            for v in c.fields.values() {
                attribute_reads(v, &mut reads);
            }
        }
        for (target, span, path) in reads {
            if in_cycle.contains(&target) {
                let name = components.get(target).map_or("", |c| c.name.as_str());
                d = d.with_label(span, format!("reads `{name}.{path}`"));
            }
        }
        self.diags.push(d.help(
            "a value cannot be built from itself: one of these components reads an attribute of another that needs it; write that value out instead",
        ));
    }
}

/// The attributes read in `v`: (component, where, attribute path).
fn attribute_reads(v: &Val, out: &mut Vec<(usize, Span, String)>) {
    match &v.value {
        Value::Attr {
            component, path, ..
        } => out.push((*component, v.span, path.join("."))),
        Value::Interp(parts) => parts.iter().for_each(|p| {
            if let Part::Value(v) = p {
                attribute_reads(v, out)
            }
        }),
        Value::List(items) => items.iter().for_each(|i| attribute_reads(i, out)),
        Value::Map(entries) => entries.iter().for_each(|e| attribute_reads(&e.value, out)),
        Value::Record { fields, .. } => fields.values().for_each(|f| attribute_reads(f, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
