//! Evaluating expressions to compile-time values: references, member access,
//! construction of records and components, static constructors, interpolation.

use super::coerce::Site;
use super::types::Ty;
use super::value::{Entry, Part, Val, Value};
use super::{Checker, Component};
use crate::diagnostics::{code_list, did_you_mean, Code, Diagnostic};
use crate::source::Span;
use crate::stdlib::{Kind, StaticSig, TypeDef, PLANNED};
use crate::syntax::ast::{self, Expr, ExprKind, StrPart};

/// Where an expression sits in its binding (`nginx.containers.app`): the name of a
/// component built there inline. Made into text only when a component is built, not
/// for every field and list item on the way.
#[derive(Debug, Clone, Copy)]
pub(super) enum Path<'p> {
    /// A binding, a field's default, or nothing (`""`: a literal builds no component).
    Root(&'p str),
    /// The field `name` of the value at the path.
    Field(&'p Path<'p>, &'p str),
    /// The item `index` of the list at the path.
    Item(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// The binding's name when the path is a whole binding (only those are reserved).
    pub(super) fn root(&self) -> Option<&str> {
        match self {
            Path::Root(name) => Some(name),
            Path::Field(..) | Path::Item(..) => None,
        }
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(base, name) => write!(f, "{base}.{name}"),
            Path::Item(base, index) => write!(f, "{base}.{index}"),
        }
    }
}

/// Every name `expr` needs evaluated first (with the reference's span), for ordering
/// bindings. A bare reference to a component binding in `reserved` needs nothing:
/// its index is known before it is built.
pub(super) fn references<'e>(
    expr: &'e Expr,
    reserved: &super::Names<String, usize>,
    out: &mut Vec<(&'e str, Span)>,
) {
    let all = |e: &'e Expr, out: &mut Vec<(&'e str, Span)>| references(e, reserved, out);
    match &expr.kind {
        ExprKind::Ref(id) if reserved.contains_key(&id.name) => {}
        ExprKind::Ref(id) => out.push((&id.name, id.span)),
        // Reading a field or attribute needs the component built.
        ExprKind::Member { base, .. } => match &base.kind {
            ExprKind::Ref(id) => out.push((&id.name, id.span)),
            _ => all(base, out),
        },
        ExprKind::List(items) => items.iter().for_each(|e| all(e, out)),
        ExprKind::Record(fields) | ExprKind::Construct { fields, .. } => {
            fields.iter().for_each(|f| all(&f.value, out))
        }
        ExprKind::StaticCall { args, .. } => args.iter().for_each(|e| all(e, out)),
        ExprKind::Str(parts) => parts.iter().for_each(|p| {
            if let StrPart::Interp(e) = p {
                match &e.kind {
                    ExprKind::Ref(id) => out.push((&id.name, id.span)),
                    _ => all(e, out),
                }
            }
        }),
        _ => {}
    }
}

impl<'a> Checker<'a> {
    /// Evaluates `expr`. `path` names components built inline (`nginx.cluster`);
    /// `doc` is the doc comment of the binding, for a component built by it.
    pub(super) fn eval(&mut self, expr: &Expr, path: Path<'_>, doc: Option<&str>) -> Option<Val> {
        let span = expr.span;
        let value = match &expr.kind {
            ExprKind::Int(n) => Value::Int(*n),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Duration(s) => Value::Duration(*s),
            ExprKind::Memory(m) => Value::Memory(*m),
            ExprKind::Str(parts) => return self.string(parts, span, path),
            ExprKind::List(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, e) in items.iter().enumerate() {
                    match self.eval(e, Path::Item(&path, i), None) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                Value::List(out)
            }
            ExprKind::Record(fields) => {
                let (entries, failed) = self.entries(fields, path);
                if !failed.is_empty() {
                    return None;
                }
                Value::Map(entries)
            }
            ExprKind::Construct { ty, ctor, fields } => {
                return self.construct(ty, ctor.as_ref(), fields, span, path, doc)
            }
            ExprKind::StaticCall { ty, ctor, args } => {
                return self.static_call(ty, ctor, args, span, path, doc)
            }
            // `let Cluster = 3` did not parse (names start with a lower-case letter);
            // its uses are not reported again.
            ExprKind::TypeRef(ty) if self.poisoned.contains(&ty.name) => return None,
            ExprKind::TypeRef(ty) => {
                if self.lib.get(&ty.name).is_some() {
                    self.error(
                        Diagnostic::new(
                            Code::TypeAsValue,
                            ty.span,
                            format!("`{}` is a type, not a value", ty.name),
                        )
                        .label("a type")
                        .help(format!(
                            "build one with `{} {{ ... }}`, or refer to a binding by its name",
                            ty.name
                        )),
                    );
                } else {
                    self.unknown_type(ty);
                }
                return None;
            }
            ExprKind::Ref(id) => return self.reference(id),
            ExprKind::Member { base, name } => {
                let b = self.eval(base, path, None)?;
                return self.access(b, name, span);
            }
        };
        Some(Val { value, span })
    }

    fn reference(&mut self, id: &ast::Ident) -> Option<Val> {
        if let Some(slot) = self.lets.get_mut(&id.name) {
            slot.used = true;
            let value = slot.value.clone().or_else(|| {
                let index = *self.reserved.get(&id.name)?;
                Some(Val {
                    value: Value::Component(index),
                    span: id.span,
                })
            });
            // An unevaluated binding already has its own diagnostic (a cycle or an error).
            return value.map(|v| Val {
                value: v.value,
                span: id.span,
            });
        }
        if let Some(slot) = self.params.get_mut(&id.name) {
            slot.used = true;
            let ty = slot.ty.clone();
            return Some(Val {
                value: Value::Param {
                    name: id.name.clone(),
                    ty,
                },
                span: id.span,
            });
        }
        if !self.poisoned.contains(&id.name) {
            self.undefined(id);
        }
        None
    }

    fn string(&mut self, parts: &[StrPart], span: Span, path: Path<'_>) -> Option<Val> {
        let mut out: Vec<Part> = Vec::new();
        let mut ok = true;
        for p in parts {
            match p {
                StrPart::Text(t) => out.push(Part::Text(t.clone())),
                StrPart::Interp(e) => {
                    let Some(v) = self.eval(e, path, None) else {
                        ok = false;
                        continue;
                    };
                    match &v.value {
                        Value::Str(s) => out.push(Part::Text(s.clone())),
                        Value::Int(n) => out.push(Part::Text(n.to_string())),
                        Value::Interp(inner) => out.extend(inner.iter().cloned()),
                        Value::Param { ty, .. } | Value::Attr { ty, .. }
                            if matches!(
                                ty.required(),
                                Ty::String | Ty::Int(..) | Ty::Lit(_) | Ty::Union(_)
                            ) =>
                        {
                            out.push(Part::Value(v))
                        }
                        _ => {
                            ok = false;
                            let found = self.describe(&v);
                            self.error(
                                Diagnostic::new(Code::TypeMismatch, v.span, format!("cannot put {found} into a string"))
                                    .label("not a string or number")
                                    .help("interpolate strings, numbers, parameters or string attributes such as `web.endpoint.hostname`"),
                            );
                        }
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        let all_text = out.iter().all(|p| matches!(p, Part::Text(_)));
        let value = if all_text {
            Value::Str(
                out.iter()
                    .map(|p| match p {
                        Part::Text(t) => t.as_str(),
                        Part::Value(_) => "",
                    })
                    .collect(),
            )
        } else {
            Value::Interp(out)
        };
        Some(Val { value, span })
    }

    /// Evaluates the fields of a record literal; returns the good entries and the keys
    /// of the fields that failed (already reported).
    pub(super) fn entries(
        &mut self,
        fields: &[ast::Field],
        path: Path<'_>,
    ) -> (Vec<Entry>, Vec<String>) {
        // The keys met so far, hashed only in a large record: a scan of a few is cheaper.
        let mut seen: super::Names<&str, Span> = super::Names::default();
        let hashed = fields.len() > 16;
        let mut out = Vec::with_capacity(fields.len());
        let mut failed = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let first = if hashed {
                seen.get(f.key.name.as_str()).copied()
            } else {
                let before = fields.get(..i).unwrap_or(&[]);
                before
                    .iter()
                    .find(|b| b.key.name == f.key.name)
                    .map(|b| b.key.span)
            };
            if let Some(first) = first {
                self.error(
                    Diagnostic::new(
                        Code::DuplicateField,
                        f.key.span,
                        format!("field `{}` is given twice", f.key.name),
                    )
                    .label("given again here")
                    .with_label(first, "first given here")
                    .help("remove one of them"),
                );
                continue;
            }
            if hashed {
                seen.insert(&f.key.name, f.key.span);
            }
            // The path names components built inside the value; a literal builds none.
            let inner = if super::coerce::constant(&f.value) {
                Path::Root("")
            } else {
                Path::Field(&path, &f.key.name)
            };
            match self.eval(&f.value, inner, None) {
                Some(value) => out.push(Entry {
                    key: f.key.name.clone(),
                    key_span: f.key.span,
                    value,
                }),
                None => failed.push(f.key.name.clone()),
            }
        }
        (out, failed)
    }

    fn unknown_type(&mut self, ty: &ast::Ident) {
        let planned = PLANNED.iter().find(|(name, _)| *name == ty.name);
        let (message, help) = if let Some((_, help)) = planned {
            (
                format!(
                    "unknown component `{}`: it is not available in this version of ecsxc",
                    ty.name
                ),
                help.to_string(),
            )
        } else {
            let names: Vec<&str> = self.lib.types.keys().map(String::as_str).collect();
            (
                format!("unknown component or type `{}`", ty.name),
                did_you_mean(&ty.name, names.iter().copied())
                    .unwrap_or_else(|| format!("the standard library has {}", names.join(", "))),
            )
        };
        let names = self.lib.types.keys().map(String::as_str);
        self.error(
            Diagnostic::new(Code::UnknownType, ty.span, message)
                .label("unknown")
                .help(help)
                .suggest_closest(ty.span, &ty.name, names.filter(|_| planned.is_none())),
        );
    }

    fn type_def(&mut self, ty: &ast::Ident) -> Option<&'a TypeDef> {
        let lib = self.lib;
        match lib.get(&ty.name) {
            Some(d) => Some(d),
            None => {
                self.unknown_type(ty);
                None
            }
        }
    }

    fn construct(
        &mut self,
        ty: &ast::Ident,
        ctor: Option<&ast::Ident>,
        fields: &[ast::Field],
        span: Span,
        path: Path<'_>,
        doc: Option<&str>,
    ) -> Option<Val> {
        if ty.name.contains('.') {
            return self.aws_construct(ty, ctor, fields, span, path, doc);
        }
        let def = self.type_def(ty)?;
        let entries = self.entries(fields, path);
        if let Some(ctor) = ctor {
            let sdef = self.constructor(def, ctor, true)?;
            let StaticSig::Record(record) = &sdef.sig else {
                let params = self.describe_params(&sdef.sig);
                self.error(
                    Diagnostic::new(
                        Code::NotConstructible,
                        ctor.span,
                        format!(
                            "`{}.{}` takes arguments in parentheses, not a record",
                            ty.name, ctor.name
                        ),
                    )
                    .label("called with `{ ... }`")
                    .help(format!("write `{}.{}({params})`", ty.name, ctor.name)),
                );
                return None;
            };
            let lib = self.lib;
            let record_def = lib.get(record)?;
            let (entries, failed) = entries;
            let (fields, ok) = self.check_fields(record_def, entries, &failed, ty.span);
            return self.build(def, Some(ctor.name.clone()), fields, ok, span, path, doc);
        }
        if !def.statics.is_empty() && def.kind == Kind::Record && !def.fields.iter().any(|f| !f.out)
        {
            let names: Vec<String> = def
                .statics
                .iter()
                .map(|s| format!("`{}.{}`", def.name, s.name))
                .collect();
            self.error(
                Diagnostic::new(
                    Code::NotConstructible,
                    ty.span,
                    format!("`{}` is built with a static constructor", ty.name),
                )
                .label("no fields to set")
                .help(format!("use {}", names.join(" or "))),
            );
            return None;
        }
        // Built even when some fields are wrong (already reported), so that later uses
        // of the binding are still checked.
        let (mut entries, failed) = entries;
        let mut pending = Vec::new();
        let mut overrides_ok = true;
        if super::overrides::roles(&def.name).is_some() {
            if let Some(i) = entries
                .iter()
                .position(|e| e.key == super::overrides::FIELD)
            {
                let e = entries.remove(i);
                (pending, overrides_ok) = self.overrides(&def.name, e);
            }
        }
        let (fields, ok) = self.check_fields(def, entries, &failed, ty.span);
        let built = self.build(def, None, fields, ok && overrides_ok, span, path, doc);
        if let Some(Value::Component(id)) = built.as_ref().map(|v| &v.value) {
            for (role, role_span, path, value, path_span) in pending {
                self.overrides.push(super::overrides::Override {
                    component: *id,
                    role,
                    role_span,
                    path,
                    value,
                    path_span,
                });
            }
        }
        built
    }

    /// The static constructor `ctor` of `def`, preferring the one called with a record
    /// (`record_form`) or with arguments, when both exist.
    fn constructor(
        &mut self,
        def: &'a TypeDef,
        ctor: &ast::Ident,
        record_form: bool,
    ) -> Option<&'a crate::stdlib::StaticDef> {
        let mut named = def.statics.iter().filter(|s| s.name == ctor.name);
        let first = named.clone().next();
        if let Some(s) = named
            .find(|s| matches!(s.sig, StaticSig::Record(_)) == record_form)
            .or(first)
        {
            return Some(s);
        }
        let mut names: Vec<&str> = def.statics.iter().map(|s| s.name.as_str()).collect();
        names.dedup();
        let help = did_you_mean(&ctor.name, names.iter().copied()).unwrap_or_else(|| {
            if names.is_empty() {
                format!(
                    "`{}` has no static constructors; build it with `{} {{ ... }}`",
                    def.name, def.name
                )
            } else {
                format!("`{}` has {}", def.name, code_list(names.iter().copied()))
            }
        });
        self.error(
            Diagnostic::new(
                Code::UnknownConstructor,
                ctor.span,
                format!("`{}` has no static constructor `{}`", def.name, ctor.name),
            )
            .label("unknown constructor")
            .help(help)
            .suggest_closest(ctor.span, &ctor.name, names.iter().copied()),
        );
        None
    }

    fn describe_params(&self, sig: &StaticSig) -> String {
        match sig {
            StaticSig::Positional(ps) => ps
                .iter()
                .map(|(n, t)| format!("{n}: {t}"))
                .collect::<Vec<_>>()
                .join(", "),
            StaticSig::Record(r) => format!("{r} {{ ... }}"),
        }
    }

    fn static_call(
        &mut self,
        ty: &ast::Ident,
        ctor: &ast::Ident,
        args: &[Expr],
        span: Span,
        path: Path<'_>,
        doc: Option<&str>,
    ) -> Option<Val> {
        let lib = self.lib;
        let def = self.type_def(ty)?;
        let sdef = self.constructor(def, ctor, false)?;
        let params = match &sdef.sig {
            StaticSig::Positional(ps) => ps,
            StaticSig::Record(r) => {
                self.error(
                    Diagnostic::new(
                        Code::NotConstructible,
                        ctor.span,
                        format!(
                            "`{}.{}` takes a record, not arguments in parentheses",
                            ty.name, ctor.name
                        ),
                    )
                    .label("called with `( ... )`")
                    .help(format!(
                        "write `{}.{} {{ ... }}` with the fields of `{r}`",
                        ty.name, ctor.name
                    )),
                );
                return None;
            }
        };
        if params.len() != args.len() {
            let list = self.describe_params(&sdef.sig);
            self.error(
                Diagnostic::new(
                    Code::NotConstructible,
                    span,
                    format!(
                        "`{}.{}` takes {} argument{}, found {}",
                        ty.name,
                        ctor.name,
                        params.len(),
                        if params.len() == 1 { "" } else { "s" },
                        args.len()
                    ),
                )
                .label("wrong number of arguments")
                .help(format!("write `{}.{}({list})`", ty.name, ctor.name)),
            );
            return None;
        }
        let mut fields = super::Fields::default();
        let mut ok = true;
        for ((name, pty), arg) in params.iter().zip(args) {
            let Some(v) = self.eval(arg, path, None) else {
                ok = false;
                continue;
            };
            match self.coerce(v, pty, Some(Site::named(name, ctor.span, None))) {
                Some(v) => {
                    // Known at compile time, unless the record form of the same
                    // constructor declares the field without `const`
                    // (`Secret.ssm(parameter.ref)` as `Secret.ssm { name: ... }`).
                    let deploy_time = def
                        .statics
                        .iter()
                        .filter(|s| s.name == ctor.name)
                        .filter_map(|s| match &s.sig {
                            StaticSig::Record(r) => lib.get(r),
                            StaticSig::Positional(_) => None,
                        })
                        .any(|r| r.field(name).is_some_and(|f| !f.constant));
                    if let Some(at) = v.dynamic_part().filter(|_| !deploy_time) {
                        ok = false;
                        self.error(Self::not_const(
                            at,
                            format!("the argument `{name}` of `{}.{}`", ty.name, ctor.name),
                        ));
                        continue;
                    }
                    fields.insert(name.clone(), v);
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        self.build(def, Some(ctor.name.clone()), fields, true, span, path, doc)
    }

    /// Makes a record value, or registers a component (in the index reserved for its
    /// binding, if any) and returns a reference to it. `complete` is false when some
    /// field was wrong (already reported).
    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        def: &TypeDef,
        ctor: Option<String>,
        fields: super::Fields,
        complete: bool,
        span: Span,
        path: Path<'_>,
        doc: Option<&str>,
    ) -> Option<Val> {
        let value = match def.kind {
            Kind::Record => Value::Record {
                ty: def.name.clone(),
                ctor,
                fields,
            },
            Kind::Component => {
                let component = Component {
                    name: path.to_string(),
                    ty: def.name.clone(),
                    ctor,
                    fields,
                    span,
                    doc: doc.map(str::to_string),
                    complete,
                };
                let reserved = path
                    .root()
                    .and_then(|name| self.reserved.get(name))
                    .copied()
                    .filter(|i| self.components.get(*i).is_some_and(|c| c.span == span));
                match reserved.and_then(|i| Some((i, self.components.get_mut(i)?))) {
                    Some((id, slot)) => {
                        *slot = component;
                        Value::Component(id)
                    }
                    None => {
                        self.components.push(component);
                        Value::Component(self.components.len() - 1)
                    }
                }
            }
        };
        Some(Val { value, span })
    }

    /// `base.name`.
    fn access(&mut self, base: Val, name: &ast::Ident, span: Span) -> Option<Val> {
        match &base.value {
            Value::Component(id)
                if self
                    .components
                    .get(*id)
                    .is_some_and(|c| c.ty.contains("::")) =>
            {
                return self.aws_access(*id, &[], name, span);
            }
            Value::Attr {
                component, path, ..
            } if self
                .components
                .get(*component)
                .is_some_and(|c| c.ty.contains("::")) =>
            {
                let path = path.clone();
                return self.aws_access(*component, &path, name, span);
            }
            _ => {}
        }
        let (type_name, available): (String, Vec<String>) = match &base.value {
            Value::Component(id) => {
                let comp = self.components.get(*id)?;
                let def = self.lib.get(&comp.ty)?;
                if let Some(f) = def.field(&name.name) {
                    if f.out {
                        return Some(Val {
                            value: Value::Attr {
                                component: *id,
                                path: vec![name.name.clone()],
                                ty: f.ty.clone(),
                            },
                            span,
                        });
                    }
                    if let Some(v) = comp.field(&name.name) {
                        return Some(Val {
                            value: v.value.clone(),
                            span,
                        });
                    }
                }
                (
                    comp.ty.clone(),
                    def.fields.iter().map(|f| f.name.to_string()).collect(),
                )
            }
            Value::Attr {
                component,
                path,
                ty,
            } => match ty.required() {
                Ty::Named(n) => {
                    let def = self.lib.get(n)?;
                    if let Some(f) = def.field(&name.name) {
                        let mut path = path.clone();
                        path.push(name.name.clone());
                        return Some(Val {
                            value: Value::Attr {
                                component: *component,
                                path,
                                ty: f.ty.clone(),
                            },
                            span,
                        });
                    }
                    (
                        n.clone(),
                        def.fields.iter().map(|f| f.name.to_string()).collect(),
                    )
                }
                other => (other.to_string(), Vec::new()),
            },
            Value::Record { ty, fields, .. } => {
                if let Some(v) = fields.get(&name.name) {
                    return Some(Val {
                        value: v.value.clone(),
                        span,
                    });
                }
                let declared = self
                    .lib
                    .get(ty)
                    .map(|d| d.fields.iter().map(|f| f.name.to_string()).collect())
                    .unwrap_or_default();
                (ty.clone(), declared)
            }
            Value::Map(entries) => {
                if let Some(e) = entries.iter().find(|e| e.key == name.name) {
                    return Some(Val {
                        value: e.value.value.clone(),
                        span,
                    });
                }
                (
                    "this record".to_string(),
                    entries.iter().map(|e| e.key.clone()).collect(),
                )
            }
            _ => (self.describe(&base), Vec::new()),
        };
        let help = if available.is_empty() {
            format!("{type_name} has no attributes")
        } else {
            did_you_mean(&name.name, available.iter().map(String::as_str)).unwrap_or_else(|| {
                format!(
                    "{type_name} has {}",
                    code_list(available.iter().map(String::as_str))
                )
            })
        };
        self.error(
            Diagnostic::new(
                Code::UnknownAttribute,
                name.span,
                format!("`{}` is not an attribute of {type_name}", name.name),
            )
            .label("unknown attribute")
            .help(help)
            .suggest_closest(
                name.span,
                &name.name,
                available.iter().map(String::as_str),
            ),
        );
        None
    }
}
