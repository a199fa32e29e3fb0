//! Resolve and type-check: [`ast::Program`] + [`Library`] → [`Program`].
//!
//! Names are resolved, `let` bindings evaluated in dependency order (cycles are
//! reported, never followed), and every value is checked against the type the
//! standard library declares for where it goes; defaults are filled in. The result
//! holds compile-time [`Value`]s: components with checked fields, parameters and
//! exports. Every problem becomes a diagnostic and checking goes on, so one run
//! reports all errors of a file.
//!
//! ```text
//! let web = ApplicationListener { port: 70000 }
//!                                       ^^^^^ E0203: out of range 1..65535
//! ```

pub mod aws;
mod coerce;
mod eval;
pub mod overrides;
pub mod types;
pub mod value;

use crate::diagnostics::{did_you_mean, Code, Diagnostic};
use crate::source::Span;
use crate::stdlib::Library;
use crate::syntax::ast::{self, Doc, ItemKind};
use types::Ty;
pub use value::{Entry, Fields, Part, Val, Value};

/// A checked program.
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// The file's leading doc comment.
    pub doc: Option<Doc>,
    /// Every component built by the program, in evaluation order.
    pub components: Vec<Component>,
    /// The `param`s, in source order.
    pub params: Vec<Param>,
    /// The `export`s, in source order.
    pub exports: Vec<Export>,
    /// The `overrides` of components, in source order.
    pub overrides: Vec<overrides::Override>,
}

/// A component instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Its name: the binding (`nginx`), or `parent.field` for one built inline.
    pub name: String,
    /// The component type (`FargateService`).
    pub ty: String,
    /// The static constructor that built it (`existing`), if any.
    pub ctor: Option<String>,
    /// Its checked fields (defaults filled in).
    pub fields: Fields,
    /// The construction.
    pub span: Span,
    /// The doc comment of its binding.
    pub doc: Option<String>,
    /// Every field type-checked: the component can be linked into the model and
    /// checked by the rules. A component with a bad field is kept (so that its uses
    /// are still checked) but not linked.
    pub complete: bool,
}

impl Component {
    /// The field `name`, if set or defaulted.
    pub fn field(&self, name: &str) -> Option<&Val> {
        self.fields.get(name)
    }
}

/// A checked `param`.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Its default.
    pub default: Option<Val>,
    /// Its doc comment.
    pub doc: Option<String>,
    /// The declaration.
    pub span: Span,
}

/// A checked `export`.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The output's name.
    pub name: String,
    /// Its value (a scalar, an attribute or a parameter).
    pub value: Val,
    /// Its doc comment.
    pub doc: Option<String>,
    /// The declaration.
    pub span: Span,
}

/// Checks `program` against `lib`, pushing every problem into `diags`.
pub fn check(program: &ast::Program, lib: &Library, diags: &mut Vec<Diagnostic>) -> Program {
    let mut c = Checker {
        lib,
        diags,
        // Most declarations of a large program build a component.
        components: Vec::with_capacity(program.items.len()),
        lets: Names::with_capacity_and_hasher(program.items.len(), Default::default()),
        params: Names::default(),
        // Names whose declaration did not parse: already reported.
        poisoned: program.unparsed.iter().cloned().collect(),
        reserved: Names::with_capacity_and_hasher(program.items.len(), Default::default()),
        overrides: Vec::new(),
        defaults: Names::default(),
    };
    let mut out = Program {
        doc: program.doc.clone(),
        ..Program::default()
    };
    c.collect(program, &mut out);
    c.reserve_components(program);
    for idx in c.let_order(program) {
        let Some(item) = program.items.get(idx) else {
            continue;
        };
        if let ItemKind::Let { name, value } = &item.kind {
            let v = c.eval(
                value,
                eval::Path::Root(&name.name),
                item.doc.as_ref().map(|d| d.text.as_str()),
            );
            if let Some(slot) = c.lets.get_mut(&name.name) {
                slot.value = v;
            }
        }
    }
    for item in &program.items {
        if let ItemKind::Export { name, value } = &item.kind {
            if let Some(v) = c.eval(value, eval::Path::Root(&name.name), None) {
                if let Some(v) = c.exportable(v) {
                    out.exports.push(Export {
                        name: name.name.clone(),
                        value: v,
                        doc: item.doc.as_ref().map(|d| d.text.clone()),
                        span: item.span,
                    });
                }
            }
        }
    }
    // A declaration that did not parse may have used any binding.
    if !program.partial {
        c.warn_unused(program);
    }
    out.components = c.components;
    out.overrides = c.overrides;
    out
}

/// A `let` binding being checked.
struct LetSlot {
    index: usize,
    value: Option<Val>,
    /// Some expression refers to it.
    used: bool,
}

/// A `param` being checked.
struct ParamSlot {
    ty: Ty,
    /// Some expression refers to it.
    used: bool,
}

/// The checker's maps of names (bindings, params): FxHash, as for [`value::Fields`]; a
/// program's names are its author's, and a file of thousands of bindings looks each
/// one up several times.
pub(crate) type Names<K, V> = value::FxMap<K, V>;

/// A set of names, hashed as [`Names`].
type NameSet = value::FxSet<String>;

/// The checker's state while walking one program.
pub(crate) struct Checker<'a> {
    lib: &'a Library,
    diags: &'a mut Vec<Diagnostic>,
    components: Vec<Component>,
    lets: Names<String, LetSlot>,
    params: Names<String, ParamSlot>,
    /// Names whose declaration failed (reported once; uses are not errors again).
    poisoned: NameSet,
    /// `let` bindings that build a component, with the component's index reserved
    /// before evaluation: a reference to the whole component needs no evaluation
    /// order, so components may refer to each other in a cycle (a security group
    /// admitting a service that reads the load balancer's address).
    reserved: Names<String, usize>,
    /// The checked `overrides` of components.
    overrides: Vec<overrides::Override>,
    /// The checked values of constant defaults, by the address of their field's
    /// declaration in `lib` (see `Checker::default_value`).
    defaults: Names<usize, Val>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// First pass: bindings, duplicate names, params, output names.
    fn collect(&mut self, program: &ast::Program, out: &mut Program) {
        let mut seen: Names<String, Span> =
            Names::with_capacity_and_hasher(program.items.len(), Default::default());
        let mut exports: Names<String, Span> = Names::default();
        for (index, item) in program.items.iter().enumerate() {
            match &item.kind {
                ItemKind::Let { name, .. } | ItemKind::Param { name, .. } => {
                    let message = || format!("`{}` is defined twice", name.name);
                    let help = "rename one of them; every binding needs its own name";
                    if !self.claim(&mut seen, name, message, "defined", help) {
                        continue;
                    }
                    if let ItemKind::Param { name, ty, default } = &item.kind {
                        match self.param(name, ty, default.as_ref(), item) {
                            Some(p) => {
                                self.params.insert(
                                    p.name.clone(),
                                    ParamSlot {
                                        ty: p.ty.clone(),
                                        used: false,
                                    },
                                );
                                out.params.push(p);
                            }
                            // Already reported; its uses stay quiet.
                            None => {
                                self.poisoned.insert(name.name.clone());
                            }
                        }
                    } else {
                        self.lets.insert(
                            name.name.clone(),
                            LetSlot {
                                index,
                                value: None,
                                used: false,
                            },
                        );
                    }
                }
                ItemKind::Export { name, .. } => {
                    let message = || format!("output `{}` is exported twice", name.name);
                    let help = "every output needs its own name";
                    if !self.claim(&mut exports, name, message, "exported", help) {
                        continue;
                    }
                    self.cfn_name(&name.name, name.span, "output");
                }
                ItemKind::Component(d) | ItemKind::Record(d) => self.error(
                    Diagnostic::new(
                        Code::NotConstructible,
                        d.name.span,
                        format!("`{}` is declared in a program; components and records are declared only in the standard library", d.name.name),
                    )
                    .label("declaration")
                    .help("bind values with `let`; ask for new components in the standard library"),
                ),
            }
        }
    }

    /// Records `name` in `seen`; a name already there is reported (`E0102`, with both
    /// places) and `false` returned.
    fn claim(
        &mut self,
        seen: &mut Names<String, Span>,
        name: &ast::Ident,
        message: impl FnOnce() -> String,
        verb: &str,
        help: &str,
    ) -> bool {
        if let Some(first) = seen.get(&name.name) {
            let d = Diagnostic::new(Code::DuplicateBinding, name.span, message())
                .label(format!("{verb} again here"))
                .with_label(*first, format!("first {verb} here"))
                .help(help);
            self.error(d);
            return false;
        }
        seen.insert(name.name.clone(), name.span);
        true
    }

    /// Checks that `name` can name a CloudFormation output or parameter.
    fn cfn_name(&mut self, name: &str, span: Span, what: &str) {
        if !name.chars().all(|c| c.is_ascii_alphanumeric()) || name.len() > 255 {
            let fixed: String = crate::ir::pascal_case(name);
            self.error(
                Diagnostic::new(
                    Code::InvalidName,
                    span,
                    format!("`{name}` cannot name a CloudFormation {what}"),
                )
                .label("not alphanumeric")
                .help(format!(
                    "{what} names are letters and digits only (at most 255); try `{}`",
                    lower_first(&fixed)
                )),
            );
        }
    }

    /// Checks a `param` declaration.
    fn param(
        &mut self,
        name: &ast::Ident,
        ty: &ast::TypeExpr,
        default: Option<&ast::Expr>,
        item: &ast::Item,
    ) -> Option<Param> {
        self.cfn_name(&name.name, name.span, "parameter");
        let names: Vec<String> = self.lib.types.keys().cloned().collect();
        let before = self.diags.len();
        let resolved = crate::stdlib::resolve(ty, &names, self.diags);
        // An unknown type in a parameter: point at the types a parameter can have,
        // not at every type of the standard library.
        let mut unknown = false;
        for d in self.diags.iter_mut().skip(before) {
            if d.code == Code::UnknownType {
                unknown = true;
                let written = d.message.split('`').nth(1).unwrap_or("");
                let alias = match written {
                    "Number" | "Integer" | "Float" => Some("did you mean `Int`?".to_string()),
                    "CommaDelimitedList" => Some("did you mean `[String]`?".to_string()),
                    _ => None,
                };
                let help = alias.or_else(|| did_you_mean(written, ["String", "Int"]));
                // The quick fix writes what the help names over the written type.
                d.suggestion = help
                    .as_deref()
                    .and_then(|h| h.strip_prefix("did you mean `")?.strip_suffix("`?"))
                    .map(|replacement| crate::diagnostics::Suggestion {
                        span: d.span(),
                        replacement: replacement.to_string(),
                    });
                d.help = Some(help.unwrap_or_else(|| {
                    "parameters are `String`, `Int` (optionally `in LO..HI`), a union of string literals, or `[String]`".to_string()
                }));
            }
        }
        if unknown {
            // Reported; the parameter's default and uses are not checked against a guess.
            return None;
        }
        let ok = match resolved.required() {
            Ty::String | Ty::Int(..) => true,
            Ty::List(t) => **t == Ty::String,
            t => t.literals().is_some(),
        };
        if !ok || resolved.is_optional() {
            self.error(
                Diagnostic::new(
                    Code::InvalidParamType,
                    ty.span,
                    format!("a parameter cannot have type `{resolved}`"),
                )
                .label("not a CloudFormation parameter type")
                .help(match resolved.required() {
                    Ty::Bool => "CloudFormation parameters have no booleans; use `\"true\" | \"false\"`".to_string(),
                    _ if resolved.is_optional() => "parameters cannot be optional; give a default instead of `?`".to_string(),
                    _ => "parameters are `String`, `Int` (optionally `in LO..HI`), a union of string literals, or `[String]`".to_string(),
                }),
            );
            return None;
        }
        let default = match default {
            None => None,
            Some(e) => {
                let v = self.eval(e, eval::Path::Root(&name.name), None)?;
                if let Some(at) = v.dynamic_part() {
                    self.error(Self::not_const(
                        at,
                        format!("the default of parameter `{}`", name.name),
                    ));
                    return None;
                }
                Some(self.coerce(
                    v,
                    &resolved,
                    Some(coerce::Site::named(&name.name, name.span, None)),
                )?)
            }
        };
        Some(Param {
            name: name.name.clone(),
            ty: resolved,
            default,
            doc: item.doc.as_ref().map(|d| d.text.clone()),
            span: item.span,
        })
    }

    /// Reserves a component index for every `let` whose value is a component
    /// construction (`let web = ApplicationListener { ... }`), in source order.
    fn reserve_components(&mut self, program: &ast::Program) {
        for (i, item) in program.items.iter().enumerate() {
            let ItemKind::Let { name, value } = &item.kind else {
                continue;
            };
            if self.lets.get(&name.name).is_none_or(|s| s.index != i) {
                continue;
            }
            let (ast::ExprKind::Construct { ty, .. } | ast::ExprKind::StaticCall { ty, .. }) =
                &value.kind
            else {
                continue;
            };
            if ty.name.contains('.') {
                if let Some(entry) = crate::cfn::lookup(&ty.name) {
                    self.reserved
                        .insert(name.name.clone(), self.components.len());
                    self.components.push(Component {
                        name: name.name.clone(),
                        ty: entry.name.to_string(),
                        ctor: None,
                        fields: Fields::default(),
                        span: value.span,
                        doc: item.doc.as_ref().map(|d| d.text.clone()),
                        complete: false,
                    });
                }
                continue;
            }
            let Some(def) = self.lib.get(&ty.name) else {
                continue;
            };
            if def.kind != crate::stdlib::Kind::Component {
                continue;
            }
            self.reserved
                .insert(name.name.clone(), self.components.len());
            self.components.push(Component {
                name: name.name.clone(),
                ty: def.name.clone(),
                ctor: None,
                fields: Fields::default(),
                span: value.span,
                doc: item.doc.as_ref().map(|d| d.text.clone()),
                complete: false,
            });
        }
    }

    /// The `let` items in an order where each comes after the bindings it uses;
    /// reports reference cycles (their members are left unevaluated).
    fn let_order(&mut self, program: &ast::Program) -> Vec<usize> {
        // What each `let` refers to, by the index of its item (`None`: not a `let`
        // that counts, such as the second of two with one name).
        let mut deps: Vec<Option<Vec<(&str, Span)>>> = Vec::with_capacity(program.items.len());
        for (i, item) in program.items.iter().enumerate() {
            let mut refs = None;
            if let ItemKind::Let { name, value } = &item.kind {
                if self.lets.get(&name.name).is_some_and(|s| s.index == i) {
                    let mut found = Vec::new();
                    eval::references(value, &self.reserved, &mut found);
                    found.retain(|(n, _)| self.lets.contains_key(*n));
                    refs = Some(found);
                }
            }
            deps.push(refs);
        }
        // Iterative depth-first search; 0 = unvisited, 1 = on the stack, 2 = done.
        let mut state: Vec<u8> = vec![0; deps.len()];
        let mut order = Vec::new();
        let mut in_cycle: Vec<bool> = vec![false; deps.len()];
        let mut cycles = Vec::new();
        let roots = deps.iter().enumerate().filter(|(_, d)| d.is_some());
        for (root, _) in roots {
            if state.get(root).copied().unwrap_or(0) != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            if let Some(s) = state.get_mut(root) {
                *s = 1;
            }
            while let Some((node, next)) = stack.last().copied() {
                let edges = deps.get(node).and_then(Option::as_deref).unwrap_or(&[]);
                if let Some((dep_name, dep_span)) = edges.get(next) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    let Some(dep) = self.lets.get(*dep_name).map(|s| s.index) else {
                        continue;
                    };
                    match state.get(dep).copied().unwrap_or(0) {
                        0 => {
                            if let Some(s) = state.get_mut(dep) {
                                *s = 1;
                            }
                            stack.push((dep, 0));
                        }
                        1 => {
                            let start = stack.iter().position(|(n, _)| *n == dep).unwrap_or(0);
                            let members: Vec<usize> =
                                stack.iter().skip(start).map(|(n, _)| *n).collect();
                            for m in &members {
                                if let Some(c) = in_cycle.get_mut(*m) {
                                    *c = true;
                                }
                            }
                            cycles.push((members, *dep_span));
                        }
                        _ => {}
                    }
                } else {
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
        for (members, span) in cycles {
            self.report_cycle(program, &members, span);
        }
        order.retain(|i| !in_cycle.get(*i).copied().unwrap_or(false));
        order
    }

    fn report_cycle(&mut self, program: &ast::Program, members: &[usize], span: Span) {
        let names: Vec<(String, Span)> = members
            .iter()
            .filter_map(|i| match program.items.get(*i).map(|it| &it.kind) {
                Some(ItemKind::Let { name, .. }) => Some((name.name.clone(), name.span)),
                _ => None,
            })
            .collect();
        let Some((first, first_span)) = names.first().cloned() else {
            return;
        };
        let chain = names
            .iter()
            .map(|(n, _)| format!("`{n}`"))
            .chain(std::iter::once(format!("`{first}`")))
            .collect::<Vec<_>>()
            .join(" → ");
        let mut d = Diagnostic::new(
            Code::ReferenceCycle,
            span,
            format!("`{first}` depends on itself: {chain}"),
        )
        .label("this reference closes the cycle")
        .help(
            "a value cannot be built from itself; break the cycle by writing one of the values out",
        );
        if first_span != span {
            d = d.with_label(first_span, format!("`{first}` is defined here"));
        }
        self.error(d);
    }

    /// Warns about `let` bindings and params that nothing uses (components excepted:
    /// building one is its use).
    fn warn_unused(&mut self, program: &ast::Program) {
        for item in &program.items {
            let (name, is_param) = match &item.kind {
                ItemKind::Let { name, .. } => (name, false),
                ItemKind::Param { name, .. } => (name, true),
                _ => continue,
            };
            let failed_param = is_param && !self.params.contains_key(&name.name);
            let used = self.lets.get(&name.name).is_some_and(|s| s.used)
                || self.params.get(&name.name).is_some_and(|s| s.used);
            if used || name.name.starts_with('_') || failed_param {
                continue;
            }
            if !is_param {
                let builds_component = self
                    .lets
                    .get(&name.name)
                    .and_then(|s| s.value.as_ref())
                    .is_none_or(|v| matches!(v.value, Value::Component(_)));
                if builds_component {
                    continue;
                }
            }
            self.error(
                Diagnostic::new(
                    Code::UnusedBinding,
                    name.span,
                    format!("`{}` is never used", name.name),
                )
                .label("unused")
                .help(if is_param {
                    "remove it, or use it in a field".to_string()
                } else {
                    format!("remove it, or name it `_{}` to keep it quietly", name.name)
                }),
            );
        }
    }

    /// Checks that an export's value can be a stack output.
    fn exportable(&mut self, v: Val) -> Option<Val> {
        let ok = match &v.value {
            Value::Int(_)
            | Value::Bool(_)
            | Value::Str(_)
            | Value::Interp(_)
            | Value::Param { .. } => true,
            // Lists of strings are written comma-separated.
            Value::Attr { ty, .. } => match ty.required() {
                Ty::String | Ty::Int(..) => true,
                Ty::List(item) => **item == Ty::String,
                _ => false,
            },
            _ => false,
        };
        if ok {
            return Some(v);
        }
        let help = match &v.value {
            Value::Component(id) => {
                let c = self.components.get(*id);
                let attrs: Vec<String> = c
                    .and_then(|c| self.lib.get(&c.ty))
                    .map(|def| {
                        def.fields
                            .iter()
                            .filter(|f| f.out)
                            .map(|f| format!("`.{}`", f.name))
                            .collect()
                    })
                    .unwrap_or_default();
                format!("export one of its attributes instead: {}", attrs.join(", "))
            }
            Value::Attr { ty, .. } => match ty.required() {
                Ty::Named(n) => {
                    let fields: Vec<String> = self
                        .lib
                        .get(n)
                        .map(|d| d.fields.iter().map(|f| format!("`.{}`", f.name)).collect())
                        .unwrap_or_default();
                    format!("export one of its fields: {}", fields.join(", "))
                }
                _ => "export a string or a number".to_string(),
            },
            _ => "outputs are strings, numbers or booleans".to_string(),
        };
        let found = self.describe(&v);
        self.error(
            Diagnostic::new(
                Code::NotExportable,
                v.span,
                format!("cannot export {found}"),
            )
            .label("not a string, number or boolean")
            .help(help),
        );
        None
    }

    /// `E0205` at `at`: `what` must be known at compile time (callers add labels).
    fn not_const(at: Span, what: String) -> Diagnostic {
        Diagnostic::new(
            Code::NotConst,
            at,
            format!("{what} must be known at compile time"),
        )
        .label("known only at deploy time")
        .help("write the value here instead of a parameter or an attribute")
    }

    /// Reports an undefined name, suggesting a close one.
    fn undefined(&mut self, name: &ast::Ident) {
        let candidates: Vec<&str> = self
            .lets
            .keys()
            .map(String::as_str)
            .chain(self.params.keys().map(String::as_str))
            .collect();
        let help = did_you_mean(&name.name, candidates.iter().copied())
            .unwrap_or_else(|| "define it with `let` (or `param`) before using it".to_string());
        self.error(
            Diagnostic::new(
                Code::UndefinedName,
                name.span,
                format!("`{}` is not defined", name.name),
            )
            .label("not defined")
            .help(help)
            .suggest_closest(name.span, &name.name, candidates),
        );
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
