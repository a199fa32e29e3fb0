//! Checking a value against the type of the place it goes, and the fields of a
//! construction against its declaration.

use super::types::{show_duration, show_memory, Ty};
use super::value::{Entry, Fields, Val, Value};
use super::Checker;
use crate::diagnostics::{closest, code_list, did_you_mean, Code, Diagnostic};
use crate::source::Span;
use crate::stdlib::{FieldDef, Kind, TypeDef};
use crate::syntax::ast::{self, ExprKind, StrPart};

/// Where a value goes, for messages: the field's name and where the user named it.
#[derive(Debug, Clone)]
pub(super) struct Site {
    name: String,
    span: Span,
    constant: bool,
}

impl Site {
    pub(super) fn named(name: &str, span: Span, constant: Option<bool>) -> Self {
        Site {
            name: name.to_string(),
            span,
            constant: constant.unwrap_or(false),
        }
    }
}

impl<'a> Checker<'a> {
    /// A short description of what `v` is ("a string", "parameter `env` (String)").
    pub(super) fn describe(&self, v: &Val) -> String {
        match &v.value {
            Value::Int(n) => format!("the number `{n}`"),
            Value::Bool(b) => format!("the boolean `{b}`"),
            Value::Str(s) => format!("the string {s:?}"),
            Value::Duration(_) => "a duration".to_string(),
            Value::Memory(_) => "a memory size".to_string(),
            Value::Interp(_) => "a string".to_string(),
            Value::List(_) => "a list".to_string(),
            Value::Map(_) => "a record".to_string(),
            Value::Record { ty, .. } => format!("a `{ty}`"),
            Value::Component(id) => match self.components.get(*id) {
                Some(c) => format!("the {} `{}`", c.ty, c.name),
                None => "a component".to_string(),
            },
            Value::Attr { path, ty, .. } => format!("the attribute `{}` ({ty})", path.join(".")),
            Value::Param { name, ty } => format!("the parameter `{name}` ({ty})"),
        }
    }

    fn mismatch(&mut self, v: &Val, ty: &Ty, site: Option<&Site>, help: Option<String>) {
        let found = self.describe(v);
        let mut d = Diagnostic::new(
            Code::TypeMismatch,
            v.span,
            format!("expected {}, found {found}", show(ty)),
        )
        .label(format!("expected {}", show(ty)));
        if let Some(s) = site {
            if s.span != v.span {
                d = d.with_label(s.span, format!("`{}` has type {}", s.name, show(ty)));
            }
        }
        let help = help.unwrap_or_else(|| match (ty.required(), &v.value) {
            (Ty::Duration(..), Value::Int(n)) => {
                format!("write a duration with its unit, such as `{n}s`")
            }
            (Ty::String | Ty::Lit(_), Value::Int(n)) => format!("write it as a string: \"{n}\""),
            (Ty::Int(..) | Ty::Memory(..), Value::Str(s)) if s.parse::<i64>().is_ok() => {
                format!("write the number without quotes: {s}")
            }
            (Ty::Named(n), Value::Map(_)) => {
                format!("build it with `{n} {{ ... }}` and bind it with `let`")
            }
            (Ty::Named(n), Value::Component(id)) => {
                let found = self.components.get(*id).map_or("", |c| c.ty.as_str());
                let pair = |a: &str| a.replacen("Application", "", 1).replacen("Network", "", 1);
                if pair(n) == pair(found) && n != found {
                    format!(
                        "this takes `{n}`, not `{found}`: Application components (HTTP, HTTPS) go together, and so do Network components (TCP, UDP, TLS)"
                    )
                } else {
                    format!("give `{n}` here, not `{found}`")
                }
            }
            (Ty::Named(n), _) => format!("give a `{n}`"),
            _ => format!("give a value of type {}", show(ty)),
        });
        self.error(d.help(help));
    }

    /// Checks `v` against `ty`, converting where the type says so (integers to memory
    /// sizes, record literals to records). Reports and returns `None` on a mismatch.
    pub(super) fn coerce(&mut self, v: Val, ty: &Ty, site: Option<Site>) -> Option<Val> {
        let site = site.as_ref();
        if let Some(lits) = ty.literals() {
            return self.literal(v, &lits, ty, site);
        }
        match ty {
            Ty::Optional(inner) => self.coerce(v, inner, site.cloned()),
            Ty::Union(alts) => {
                let Some(alt) = alts.iter().find(|a| self.fits(&v, a)) else {
                    // A string where a union also takes literals: say which ones.
                    let lits: Vec<&str> = alts
                        .iter()
                        .filter_map(|a| match a {
                            Ty::Lit(l) => Some(l.as_str()),
                            _ => None,
                        })
                        .collect();
                    if matches!(v.value, Value::Str(_)) && !lits.is_empty() {
                        return self.literal(v, &lits, ty, site);
                    }
                    self.mismatch(&v, ty, site, None);
                    return None;
                };
                let alt = alt.clone();
                self.coerce(v, &alt, site.cloned())
            }
            Ty::Int(lo, hi) => match &v.value {
                Value::Int(n) => {
                    if lo.is_some_and(|lo| *n < lo) || hi.is_some_and(|hi| *n > hi) {
                        self.out_of_range(&v, &n.to_string(), ty, site);
                        return None;
                    }
                    Some(v)
                }
                Value::Param {
                    ty: Ty::Int(plo, phi),
                    name,
                } => {
                    let inside = lo.is_none_or(|lo| plo.is_some_and(|p| p >= lo))
                        && hi.is_none_or(|hi| phi.is_some_and(|p| p <= hi));
                    if !inside {
                        let name = name.clone();
                        self.error(
                            Diagnostic::new(
                                Code::OutOfRange,
                                v.span,
                                format!(
                                    "parameter `{name}` allows values outside {}",
                                    range_text(ty)
                                ),
                            )
                            .label(format!("may be outside {}", range_text(ty)))
                            .help(format!("declare it `param {name}: {ty}`")),
                        );
                        return None;
                    }
                    Some(v)
                }
                Value::Attr {
                    ty: Ty::Int(..), ..
                } => Some(v),
                _ => {
                    self.mismatch(&v, ty, site, None);
                    None
                }
            },
            Ty::Memory(lo, hi) => match v.value {
                Value::Memory(m) => self.in_range(v, m, *lo, *hi, ty, site, show_memory),
                Value::Param {
                    ty: Ty::Int(..), ..
                }
                | Value::Attr {
                    ty: Ty::Int(..), ..
                } => Some(v),
                Value::Int(n) if n >= 0 => {
                    let v = Val {
                        value: Value::Memory(n as u64),
                        span: v.span,
                    };
                    self.in_range(v, n as u64, *lo, *hi, ty, site, show_memory)
                }
                Value::Int(n) => {
                    self.out_of_range(&v, &n.to_string(), &Ty::Int(Some(0), None), site);
                    None
                }
                _ => {
                    self.mismatch(
                        &v,
                        ty,
                        site,
                        Some(
                            "write MiB as a number (`512`) or with a unit (`512MiB`, `2GiB`)"
                                .into(),
                        ),
                    );
                    None
                }
            },
            Ty::Duration(lo, hi) => match v.value {
                Value::Duration(ms) if ms % 1000 != 0 => {
                    let what = site
                        .map(|s| format!("`{}`", s.name))
                        .unwrap_or_else(|| "this field".to_string());
                    let fits = |n: u64| lo.is_none_or(|lo| n >= lo) && hi.is_none_or(|hi| n <= hi);
                    let choices: Vec<String> = [ms / 1000 * 1000, ms.div_ceil(1000) * 1000]
                        .into_iter()
                        .filter(|n| fits(*n))
                        .map(|n| format!("`{}`", show_duration(n)))
                        .collect();
                    let choices = if choices.is_empty() {
                        format!("a whole number of seconds in {}", range_text(ty))
                    } else {
                        choices.join(" or ")
                    };
                    self.error(
                        Diagnostic::new(
                            Code::DurationNotWhole,
                            v.span,
                            format!(
                                "{} is not a whole number of seconds, which {what} takes",
                                show_duration(ms)
                            ),
                        )
                        .label("not whole seconds")
                        .help(format!(
                            "write {choices}; AWS takes this value in whole seconds"
                        )),
                    );
                    None
                }
                Value::Duration(ms) => self.in_range(v, ms, *lo, *hi, ty, site, show_duration),
                _ => {
                    self.mismatch(&v, ty, site, None);
                    None
                }
            },
            Ty::Bool => match v.value {
                Value::Bool(_) => Some(v),
                _ => {
                    self.mismatch(&v, ty, site, None);
                    None
                }
            },
            Ty::String => match &v.value {
                Value::Str(_) | Value::Interp(_) => Some(v),
                Value::Param { ty, .. } | Value::Attr { ty, .. }
                    if matches!(ty.required(), Ty::String) || ty.literals().is_some() =>
                {
                    Some(v)
                }
                _ => {
                    self.mismatch(&v, ty, site, None);
                    None
                }
            },
            Ty::Lit(_) => None, // handled by `literal` above
            Ty::List(item) => match v.value {
                Value::List(items) => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for i in items {
                        match self.coerce(i, item, site.cloned()) {
                            Some(i) => out.push(i),
                            None => ok = false,
                        }
                    }
                    ok.then_some(Val {
                        value: Value::List(out),
                        span: v.span,
                    })
                }
                Value::Param {
                    ty: Ty::List(ref p),
                    ..
                } if **p == Ty::String && **item == Ty::String => Some(v),
                _ => {
                    self.mismatch(
                        &v,
                        ty,
                        site,
                        Some(format!("write a list: `[ ... ]` of {}", show(item))),
                    );
                    None
                }
            },
            Ty::Map(item) => match v.value {
                Value::Map(entries) => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for e in entries {
                        let s = Site::named(&e.key, e.key_span, site.map(|s| s.constant));
                        match self.coerce(e.value, item, Some(s)) {
                            Some(value) => out.push(Entry { value, ..e }),
                            None => ok = false,
                        }
                    }
                    ok.then_some(Val {
                        value: Value::Map(out),
                        span: v.span,
                    })
                }
                _ => {
                    self.mismatch(
                        &v,
                        ty,
                        site,
                        Some("write a map: `{ name: value, ... }`".into()),
                    );
                    None
                }
            },
            Ty::Named(name) => {
                let lib = self.lib;
                let def = lib.get(name)?;
                match (&v.value, def.kind) {
                    (Value::Map(_), Kind::Record) => {
                        let span = v.span;
                        let Value::Map(entries) = v.value else {
                            return None;
                        };
                        let (fields, ok) = self.check_fields(def, entries, &[], span);
                        if !ok {
                            return None;
                        }
                        Some(Val {
                            value: Value::Record {
                                ty: name.clone(),
                                ctor: None,
                                fields,
                            },
                            span,
                        })
                    }
                    (Value::Record { ty, .. }, _) if ty == name => Some(v),
                    (Value::Component(id), _)
                        if self.components.get(*id).is_some_and(|c| &c.ty == name) =>
                    {
                        Some(v)
                    }
                    _ => {
                        self.mismatch(&v, &Ty::Named(name.clone()), site, None);
                        None
                    }
                }
            }
        }
    }

    /// Whether `v` has the shape of `ty` (used to pick a union's alternative).
    fn fits(&self, v: &Val, ty: &Ty) -> bool {
        let ty = ty.required();
        match (&v.value, ty) {
            (Value::Int(_), Ty::Int(..) | Ty::Memory(..)) => true,
            (Value::Memory(_), Ty::Memory(..))
            | (Value::Duration(_), Ty::Duration(..))
            | (Value::Bool(_), Ty::Bool) => true,
            (Value::Str(s), Ty::Lit(l)) => s == l,
            (Value::Str(_) | Value::Interp(_), Ty::String) => true,
            (Value::List(_), Ty::List(_)) => true,
            (Value::Map(_), Ty::Map(_)) => true,
            (Value::Map(_), Ty::Named(n)) => {
                self.lib.get(n).is_some_and(|d| d.kind == Kind::Record)
            }
            (Value::Record { ty, .. }, Ty::Named(n)) => ty == n,
            (Value::Component(id), Ty::Named(n)) => {
                self.components.get(*id).is_some_and(|c| &c.ty == n)
            }
            (Value::Param { ty: p, .. } | Value::Attr { ty: p, .. }, t) => {
                std::mem::discriminant(p.required()) == std::mem::discriminant(t)
                    || (p.literals().is_some() && matches!(t, Ty::String | Ty::Lit(_)))
            }
            (_, Ty::Union(alts)) => alts.iter().any(|a| self.fits(v, a)),
            _ => false,
        }
    }

    fn literal(&mut self, v: Val, lits: &[&str], ty: &Ty, site: Option<&Site>) -> Option<Val> {
        let list = lits
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(", ");
        match &v.value {
            Value::Str(s) if lits.contains(&s.as_str()) => Some(v),
            Value::Str(s) => {
                let best = closest(s, lits.iter().copied());
                let help = best
                    .map(|c| format!("did you mean \"{c}\"?"))
                    .unwrap_or_else(|| format!("write one of {list}"));
                let mut d = Diagnostic::new(
                    Code::NotAllowedValue,
                    v.span,
                    format!("{s:?} is not one of {list}"),
                )
                .label("not allowed here")
                .help(help);
                if let Some(c) = best {
                    d = d.suggest(v.span, format!("\"{c}\""));
                }
                if let Some(site) = site {
                    d = d.with_label(site.span, format!("`{}` is {}", site.name, show(ty)));
                }
                self.error(d);
                None
            }
            Value::Param { ty: pty, name } => {
                let subset = pty
                    .literals()
                    .is_some_and(|p| p.iter().all(|x| lits.contains(x)));
                if subset {
                    return Some(v);
                }
                let name = name.clone();
                self.error(
                    Diagnostic::new(
                        Code::NotAllowedValue,
                        v.span,
                        format!("parameter `{name}` may be a value other than {list}"),
                    )
                    .label("may not be allowed here")
                    .help(format!(
                        "declare it `param {name}: {}`",
                        lits.iter()
                            .map(|l| format!("\"{l}\""))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )),
                );
                None
            }
            _ => {
                self.mismatch(&v, ty, site, Some(format!("write one of {list}")));
                None
            }
        }
    }

    /// `v` (whose magnitude is `n`) when it lies in `lo..=hi`; otherwise reports it.
    #[allow(clippy::too_many_arguments)]
    fn in_range(
        &mut self,
        v: Val,
        n: u64,
        lo: Option<u64>,
        hi: Option<u64>,
        ty: &Ty,
        site: Option<&Site>,
        show: fn(u64) -> String,
    ) -> Option<Val> {
        if lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi) {
            self.out_of_range(&v, &show(n), ty, site);
            return None;
        }
        Some(v)
    }

    fn out_of_range(&mut self, v: &Val, shown: &str, ty: &Ty, site: Option<&Site>) {
        let what = site
            .map(|s| format!(" for `{}`", s.name))
            .unwrap_or_default();
        let mut d = Diagnostic::new(
            Code::OutOfRange,
            v.span,
            format!(
                "`{shown}` is out of range{what}: expected {}",
                range_text(ty)
            ),
        )
        .label(format!("not in {}", range_text(ty)))
        .help(format!(
            "give {} in {}",
            match ty {
                Ty::Duration(..) => "a duration",
                Ty::Memory(..) => "a memory size",
                _ => "a number",
            },
            range_text(ty)
        ));
        if let Some(site) = site {
            if site.span != v.span {
                d = d.with_label(site.span, format!("`{}` is {}", site.name, show(ty)));
            }
        }
        self.error(d);
    }

    /// Checks the entries of a construction against `def`: unknown, `out` and missing
    /// fields, each value's type, `const` fields; fills defaults in declaration order.
    /// The value of field `f`'s default `default`, checked against its type. A constant
    /// default (no reference, no interpolation) that checked without a diagnostic is
    /// evaluated once per program: every construction that omits the field reuses it.
    fn default_value(&mut self, f: &'a FieldDef, default: &ast::Expr) -> Option<Val> {
        let key = f as *const FieldDef as usize;
        if let Some(v) = self.defaults.get(&key) {
            return Some(v.clone());
        }
        let before = self.diags.len();
        let v = self
            .eval(default, super::eval::Path::Root(&f.name), None)
            .and_then(|v| self.coerce(v, &f.ty, None))?;
        if self.diags.len() == before && constant(default) {
            self.defaults.insert(key, v.clone());
        }
        Some(v)
    }

    pub(super) fn check_fields(
        &mut self,
        def: &'a TypeDef,
        entries: Vec<Entry>,
        failed: &[String],
        type_span: Span,
    ) -> (Fields, bool) {
        let mut given: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
        let mut ok = true;
        for e in given.iter().flatten() {
            match def.field(&e.key) {
                None => {
                    ok = false;
                    let settable: Vec<&str> = def
                        .fields
                        .iter()
                        .filter(|f| !f.out)
                        .map(|f| &*f.name)
                        .collect();
                    // A field of another component of the same kind (placement on a
                    // Fargate service): say where it belongs.
                    let elsewhere: Vec<&str> = self
                        .lib
                        .types
                        .values()
                        .filter(|d| d.kind == def.kind && d.name != def.name)
                        .filter(|d| d.field(&e.key).is_some_and(|f| !f.out))
                        .map(|d| d.name.as_str())
                        .collect();
                    let help = did_you_mean(&e.key, settable.iter().copied())
                        .or_else(|| {
                            (!elsewhere.is_empty()).then(|| {
                                format!(
                                    "`{}` is a field of {}, not of {}",
                                    e.key,
                                    code_list(elsewhere.iter().copied()),
                                    def.name
                                )
                            })
                        })
                        .unwrap_or_else(|| {
                            format!(
                                "the fields of {} are {}",
                                def.name,
                                code_list(settable.iter().copied())
                            )
                        });
                    self.error(
                        Diagnostic::new(
                            Code::UnknownField,
                            e.key_span,
                            format!("unknown field `{}` on {}", e.key, def.name),
                        )
                        .label("unknown field")
                        .help(help)
                        .suggest_closest(
                            e.key_span,
                            &e.key,
                            settable.iter().copied(),
                        ),
                    );
                }
                Some(f) if f.out => {
                    ok = false;
                    self.error(
                        Diagnostic::new(
                            Code::UnknownField,
                            e.key_span,
                            format!(
                                "`{}` is an attribute of {}; it cannot be set",
                                e.key, def.name
                            ),
                        )
                        .label("read-only attribute")
                        .help(format!("remove it; read it elsewhere as `name.{}`", e.key)),
                    );
                }
                Some(_) => {}
            }
        }
        let mut fields = Fields::with_capacity(def.fields.len());
        for f in &def.fields {
            if f.out {
                continue;
            }
            let entry = given
                .iter_mut()
                .find(|e| e.as_ref().is_some_and(|e| *e.key == *f.name))
                .and_then(Option::take);
            match entry {
                Some(e) => {
                    let site = Site::named(&f.name, e.key_span, Some(f.constant));
                    let Some(v) = self.coerce(e.value, &f.ty, Some(site)) else {
                        ok = false;
                        continue;
                    };
                    if f.constant {
                        if let Some(at) = v.dynamic_part() {
                            ok = false;
                            self.error(
                                Self::not_const(at, format!("`{}` of {}", f.name, def.name))
                                    .with_label(
                                        e.key_span,
                                        format!("`{}` is needed to build the template", f.name),
                                    ),
                            );
                            continue;
                        }
                    }
                    fields.push_new(f.name.clone(), v);
                }
                None => {
                    if failed.iter().any(|n| **n == *f.name) {
                        ok = false;
                    } else if let Some(default) = &f.default {
                        match self.default_value(f, default) {
                            Some(v) => {
                                fields.push_new(f.name.clone(), v);
                            }
                            None => ok = false,
                        }
                    } else if f.required() {
                        ok = false;
                        let doc = f
                            .doc
                            .as_deref()
                            .map(|d| format!(" ({})", d.lines().next().unwrap_or("")))
                            .unwrap_or_default();
                        self.error(
                            Diagnostic::new(
                                Code::MissingField,
                                type_span,
                                format!("missing field `{}` in {}", f.name, def.name),
                            )
                            .label(format!("`{}` is required", f.name))
                            .help(format!("add `{}: {}`{doc}", f.name, f.ty)),
                        );
                    }
                }
            }
        }
        (fields, ok && failed.is_empty())
    }
}

/// Whether `e` is a literal: no reference, construction or interpolation, so that its
/// value is the same wherever it is evaluated.
pub(super) fn constant(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Duration(_) | ExprKind::Memory(_) => true,
        ExprKind::Str(parts) => parts.iter().all(|p| matches!(p, StrPart::Text(_))),
        ExprKind::List(items) => items.iter().all(constant),
        ExprKind::Record(fields) => fields.iter().all(|f| constant(&f.value)),
        _ => false,
    }
}

/// A type as shown in messages.
fn show(ty: &Ty) -> String {
    format!("`{ty}`")
}

fn range_text(ty: &Ty) -> String {
    let text = ty.to_string();
    match text.split_once(" in ") {
        Some((_, range)) => range.to_string(),
        None => text,
    }
}
