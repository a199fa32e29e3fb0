//! From pest's parse tree to the AST. Only `syntax/` knows pest.

use super::ast::*;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceId, Span};
use pest::iterators::Pair;

/// The pest parser generated from `grammar/ecsx.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/ecsx.pest"]
pub struct EcsxParser;

/// Builds AST nodes from pairs, collecting the problems pest cannot see
/// (bad escapes, huge integers, tailored compatibility errors).
pub(super) struct Builder<'d> {
    pub source: SourceId,
    /// The text pest parsed: the file, or after a syntax error the rest of it.
    pub text: &'d str,
    /// Where `text` starts in the file (added to every span).
    pub base: usize,
    /// `text` starts at the start of the file (where the file's doc comment can be).
    pub file_start: bool,
    pub diags: &'d mut Vec<Diagnostic>,
    /// A doc block at the top of the file separated by a blank line from what follows.
    pub file_doc: Option<Doc>,
    /// A declaration could not be built (its error is reported).
    pub failed: bool,
    /// The names of the declarations that could not be built.
    pub unparsed: Vec<String>,
}

type P<'i> = Pair<'i, Rule>;

impl Builder<'_> {
    /// The pair's span without trailing white space (pest keeps the white space it
    /// skipped before an optional element that matched nothing).
    fn span(&self, pair: &P<'_>) -> Span {
        let s = pair.as_span();
        let trimmed = pair.as_str().trim_end().len();
        let start = self.base + s.start();
        Span::new(self.source, start, start + trimmed)
    }

    fn ident(&self, pair: &P<'_>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    fn internal(&mut self, span: Span, what: &str) {
        self.diags.push(
            Diagnostic::new(
                Code::Internal,
                span,
                format!("internal compiler error: unexpected parse tree ({what})"),
            )
            .help("please report this program to the ecsxc developers"),
        );
    }

    /// Builds the items of a `program` (or `program_prefix`) pair into `items`; an
    /// item that cannot be built is reported, and its name kept in `unparsed`.
    pub fn items(&mut self, pair: P<'_>, items: &mut Vec<Item>) {
        for p in pair.into_inner() {
            if p.as_rule() == Rule::item {
                match self.item(p.clone()) {
                    Some(item) => items.push(item),
                    None => {
                        self.failed = true;
                        self.unparsed.extend(declared_name(&p));
                    }
                }
            }
        }
    }

    /// The doc comment attached to what follows `pairs`: the last run of `///` lines
    /// with no blank line inside it or after it. A run at the very top of the file
    /// that a blank line separates from the rest becomes the file's doc.
    fn docs(&mut self, pairs: &[P<'_>]) -> Option<Doc> {
        let docs: Vec<&P<'_>> = pairs.iter().filter(|p| p.as_rule() == Rule::doc).collect();
        let mut groups: Vec<Vec<&P<'_>>> = Vec::new();
        for d in docs {
            let start = d.as_span().start();
            let joined = groups
                .last()
                .and_then(|g| g.last())
                .is_some_and(|prev| !self.blank_between(prev.as_span().end(), start));
            match groups.last_mut() {
                Some(g) if joined => g.push(d),
                _ => groups.push(vec![d]),
            }
        }
        let next_start = pairs
            .iter()
            .find(|p| p.as_rule() != Rule::doc)
            .map(|p| p.as_span().start());
        let attached = match (groups.last().and_then(|g| g.last()), next_start) {
            (Some(last), Some(next)) => !self.blank_between(last.as_span().end(), next),
            _ => false,
        };
        if let Some(first) = groups.first() {
            let at_top = first.first().is_some_and(|d| {
                self.text.get(..d.as_span().start()).is_some_and(|t| {
                    t.lines()
                        .all(|l| l.trim().is_empty() || l.trim_start().starts_with("//"))
                })
            });
            if self.file_start
                && at_top
                && (groups.len() > 1 || !attached)
                && self.file_doc.is_none()
            {
                self.file_doc = self.join_docs(first);
            }
        }
        if attached {
            groups.last().and_then(|g| self.join_docs(g))
        } else {
            None
        }
    }

    fn blank_between(&self, from: usize, to: usize) -> bool {
        self.text.get(from..to).is_some_and(|t| {
            t.lines().skip(1).any(|l| l.trim().is_empty()) && t.matches('\n').count() > 1
        })
    }

    fn join_docs(&self, docs: &[&P<'_>]) -> Option<Doc> {
        let first = docs.first()?;
        let last = docs.last()?;
        let text = docs
            .iter()
            .map(|d| {
                let line = d.as_str().trim_start_matches("///");
                line.strip_prefix(' ').unwrap_or(line).trim_end()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Some(Doc {
            text,
            span: self.span(first).to(self.span(last)),
        })
    }

    fn item(&mut self, pair: P<'_>) -> Option<Item> {
        let span = self.span(&pair);
        let inner: Vec<P<'_>> = pair.into_inner().collect();
        let doc = self.docs(&inner);
        let decl = inner.into_iter().find(|p| p.as_rule() != Rule::doc)?;
        let kind = match decl.as_rule() {
            Rule::let_decl | Rule::export_decl => {
                let is_let = decl.as_rule() == Rule::let_decl;
                let mut it = decl.into_inner().filter(|p| !is_keyword(p.as_rule()));
                let name = self.ident(&it.next()?);
                let value = self.expr(it.next()?)?;
                if is_let {
                    ItemKind::Let { name, value }
                } else {
                    ItemKind::Export { name, value }
                }
            }
            Rule::param_decl => {
                let mut it = decl.into_inner().filter(|p| !is_keyword(p.as_rule()));
                let name = self.ident(&it.next()?);
                let ty = self.ty(it.next()?)?;
                let default = match it.next() {
                    Some(e) => Some(self.expr(e)?),
                    None => None,
                };
                ItemKind::Param { name, ty, default }
            }
            Rule::component_decl | Rule::record_decl => {
                let is_component = decl.as_rule() == Rule::component_decl;
                let mut name = None;
                let mut members = Vec::new();
                for p in decl.into_inner() {
                    match p.as_rule() {
                        Rule::type_name => name = Some(self.ident(&p)),
                        Rule::member => members.push(self.member(p)?),
                        _ => {}
                    }
                }
                let d = TypeDecl {
                    name: name?,
                    members,
                };
                if is_component {
                    ItemKind::Component(d)
                } else {
                    ItemKind::Record(d)
                }
            }
            Rule::compat_item => {
                let key = decl
                    .as_str()
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                self.diags.push(
                    Diagnostic::new(
                        Code::CfnSyntax,
                        self.span(&decl),
                        "a declaration starts with `let`, `export` or `param`, not `key: value`",
                    )
                    .label("YAML-style line")
                    .help(format!(
                        "write `let {key} = ...` to name a value, or put the field inside a component's `{{ ... }}`"
                    )),
                );
                return None;
            }
            _ => {
                self.internal(span, "item");
                return None;
            }
        };
        Some(Item { doc, kind, span })
    }

    fn member(&mut self, pair: P<'_>) -> Option<Member> {
        let inner: Vec<P<'_>> = pair.into_inner().collect();
        let doc = self.docs(&inner);
        let decl = inner.into_iter().find(|p| p.as_rule() != Rule::doc)?;
        let span = self.span(&decl);
        match decl.as_rule() {
            Rule::field_decl => {
                let (mut out, mut constant) = (false, false);
                let mut name = None;
                let mut ty = None;
                let mut default = None;
                for p in decl.into_inner() {
                    match p.as_rule() {
                        Rule::out_kw => out = true,
                        Rule::const_kw => constant = true,
                        Rule::ident => name = Some(self.ident(&p)),
                        Rule::ty => ty = Some(self.ty(p)?),
                        Rule::expr => default = Some(self.expr(p)?),
                        _ => {}
                    }
                }
                Some(Member::Field(FieldDecl {
                    doc,
                    out,
                    constant,
                    name: name?,
                    ty: ty?,
                    default,
                    span,
                }))
            }
            Rule::static_decl => {
                let mut name = None;
                let mut params = None;
                for p in decl.into_inner() {
                    match p.as_rule() {
                        Rule::ident => name = Some(self.ident(&p)),
                        Rule::ty => params = Some(StaticParams::Record(self.ty(p)?)),
                        Rule::static_params => {
                            let mut list = Vec::new();
                            for item in p.into_inner() {
                                let mut it = item.into_inner();
                                let n = self.ident(&it.next()?);
                                let t = self.ty(it.next()?)?;
                                list.push((n, t));
                            }
                            params = Some(StaticParams::Positional(list));
                        }
                        _ => {}
                    }
                }
                Some(Member::Static(StaticDecl {
                    doc,
                    name: name?,
                    params: params?,
                    span,
                }))
            }
            _ => {
                self.internal(span, "member");
                None
            }
        }
    }

    fn ty(&mut self, pair: P<'_>) -> Option<TypeExpr> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::ty => {
                let mut alts = Vec::new();
                for p in pair.into_inner() {
                    alts.push(self.ty(p)?);
                }
                if alts.len() == 1 {
                    alts.pop()
                } else {
                    Some(TypeExpr {
                        kind: TypeExprKind::Union(alts),
                        span,
                    })
                }
            }
            Rule::ty_alt => {
                let mut it = pair.into_inner();
                let base = self.ty(it.next()?)?;
                if it.next().is_some() {
                    Some(TypeExpr {
                        kind: TypeExprKind::Optional(Box::new(base)),
                        span,
                    })
                } else {
                    Some(base)
                }
            }
            Rule::ty_base | Rule::paren_ty => self.ty(pair.into_inner().next()?),
            Rule::string => {
                let e = self.string(pair)?;
                let s = e.as_plain_str().unwrap_or_default();
                Some(TypeExpr {
                    kind: TypeExprKind::Literal(s),
                    span,
                })
            }
            Rule::list_ty => {
                let inner = self.ty(pair.into_inner().next()?)?;
                Some(TypeExpr {
                    kind: TypeExprKind::List(Box::new(inner)),
                    span,
                })
            }
            Rule::map_ty => {
                let inner = self.ty(pair.into_inner().find(|p| p.as_rule() == Rule::ty)?)?;
                Some(TypeExpr {
                    kind: TypeExprKind::Map(Box::new(inner)),
                    span,
                })
            }
            Rule::named_ty => {
                let mut name = None;
                let mut range = None;
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::type_name => name = Some(self.ident(&p)),
                        Rule::range => {
                            let text = p.as_str();
                            let (lo, hi) = text.split_once("..").unwrap_or((text, ""));
                            range = Some((bound(lo.trim()), bound(hi.trim())));
                        }
                        _ => {}
                    }
                }
                Some(TypeExpr {
                    kind: TypeExprKind::Named { name: name?, range },
                    span,
                })
            }
            _ => {
                self.internal(span, "type");
                None
            }
        }
    }

    pub(super) fn expr(&mut self, pair: P<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::expr => {
                let mut it = pair.into_inner();
                let mut e = self.expr(it.next()?)?;
                for (depth, m) in it.enumerate() {
                    if depth >= super::MAX_NESTING {
                        self.diags.push(
                            Diagnostic::new(
                                Code::NestingTooDeep,
                                self.span(&m),
                                format!(
                                    "more than {} attributes read in a row",
                                    super::MAX_NESTING
                                ),
                            )
                            .label("too deep from here")
                            .help("no value has attributes this deep; check the expression"),
                        );
                        return None;
                    }
                    let name_pair = m.into_inner().next()?;
                    let name = self.ident(&name_pair);
                    let span = e.span.to(name.span);
                    e = Expr {
                        kind: ExprKind::Member {
                            base: Box::new(e),
                            name,
                        },
                        span,
                    };
                }
                Some(e)
            }
            Rule::primary => self.expr(pair.into_inner().next()?),
            Rule::int => {
                let digits = pair.as_str().replace('_', "");
                match digits.parse::<i64>() {
                    Ok(n) => Some(Expr {
                        kind: ExprKind::Int(n),
                        span,
                    }),
                    Err(_) => {
                        self.diags.push(
                            Diagnostic::new(
                                Code::IntegerTooLarge,
                                span,
                                format!("integer `{}` does not fit in 64 bits", pair.as_str()),
                            )
                            .label("too large")
                            .help(
                                "ECS and CloudFormation numbers are far smaller; check the value",
                            ),
                        );
                        None
                    }
                }
            }
            Rule::duration | Rule::memory_size => self.unit_literal(pair),
            Rule::boolean => Some(Expr {
                kind: ExprKind::Bool(pair.as_str() == "true"),
                span,
            }),
            Rule::string => self.string(pair),
            Rule::list => {
                let mut items = Vec::new();
                for p in pair.into_inner() {
                    items.push(self.expr(p)?);
                }
                Some(Expr {
                    kind: ExprKind::List(items),
                    span,
                })
            }
            Rule::record => Some(Expr {
                kind: ExprKind::Record(self.fields(pair)?),
                span,
            }),
            Rule::construct => {
                let mut ty = None;
                let mut ctor = None;
                let mut fields = Vec::new();
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::type_name | Rule::aws_type => ty = Some(self.ident(&p)),
                        Rule::ident => ctor = Some(self.ident(&p)),
                        Rule::record => fields = self.fields(p)?,
                        _ => {}
                    }
                }
                Some(Expr {
                    kind: ExprKind::Construct {
                        ty: ty?,
                        ctor,
                        fields,
                    },
                    span,
                })
            }
            Rule::static_call => {
                let mut it = pair.into_inner();
                let ty = self.ident(&it.next()?);
                let ctor = self.ident(&it.next()?);
                let mut args = Vec::new();
                for p in it {
                    args.push(self.expr(p)?);
                }
                Some(Expr {
                    kind: ExprKind::StaticCall { ty, ctor, args },
                    span,
                })
            }
            Rule::type_ref => Some(Expr {
                kind: ExprKind::TypeRef(self.ident(&pair.into_inner().next()?)),
                span,
            }),
            Rule::reference => Some(Expr {
                kind: ExprKind::Ref(self.ident(&pair.into_inner().next()?)),
                span,
            }),
            Rule::compat_intrinsic => {
                let tag = pair.as_str().split_whitespace().next().unwrap_or("!Ref");
                let help = match tag {
                    "!Ref" => "refer to a binding by its name (`web`), or to an attribute (`web.endpoint.hostname`)",
                    "!GetAtt" => "read an attribute with a dot: `web.endpoint.hostname`",
                    "!Sub" | "!Join" => "build strings with interpolation: `\"${env}-web\"`",
                    _ => "ecsx computes CloudFormation intrinsics for you; write the value or a reference",
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::CfnSyntax,
                        span,
                        format!("`{tag}` is CloudFormation YAML, not ecsx"),
                    )
                    .label("CloudFormation tag")
                    .help(help),
                );
                None
            }
            _ => {
                self.internal(span, "expression");
                None
            }
        }
    }

    fn unit_literal(&mut self, pair: P<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let is_duration = pair.as_rule() == Rule::duration;
        let text = pair.as_str();
        let unit_at = text
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(text.len());
        let (digits, unit) = text.split_at(unit_at);
        let value = digits
            .replace('_', "")
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(unit_factor(unit)));
        let Some(value) = value.filter(|v| i64::try_from(*v).is_ok()) else {
            self.diags.push(
                Diagnostic::new(
                    Code::IntegerTooLarge,
                    span,
                    format!("`{text}` is too large"),
                )
                .label("too large")
                .help("check the value"),
            );
            return None;
        };
        Some(Expr {
            kind: if is_duration {
                ExprKind::Duration(value)
            } else {
                ExprKind::Memory(value)
            },
            span,
        })
    }

    fn fields(&mut self, pair: P<'_>) -> Option<Vec<Field>> {
        let mut out = Vec::new();
        for f in pair.into_inner() {
            if f.as_rule() != Rule::field {
                continue;
            }
            let span = self.span(&f);
            let inner: Vec<P<'_>> = f.into_inner().collect();
            let doc = self.docs(&inner);
            let mut key = None;
            let mut value = None;
            for p in inner {
                match p.as_rule() {
                    Rule::field_key => {
                        let k = p.into_inner().next()?;
                        key = Some(if k.as_rule() == Rule::string {
                            let e = self.string(k)?;
                            Ident {
                                name: e.as_plain_str().unwrap_or_default(),
                                span: e.span,
                            }
                        } else {
                            self.ident(&k)
                        });
                    }
                    Rule::expr => value = self.expr(p),
                    _ => {}
                }
            }
            out.push(Field {
                doc,
                key: key?,
                value: value?,
                span,
            });
        }
        Some(out)
    }

    fn string(&mut self, pair: P<'_>) -> Option<Expr> {
        let span = self.span(&pair);
        let mut parts: Vec<StrPart> = Vec::new();
        let mut ok = true;
        let push_text = |parts: &mut Vec<StrPart>, s: &str| match parts.last_mut() {
            Some(StrPart::Text(t)) => t.push_str(s),
            _ => parts.push(StrPart::Text(s.to_string())),
        };
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::text => push_text(&mut parts, p.as_str()),
                Rule::escape => match unescape(p.as_str()) {
                    Some(c) => push_text(&mut parts, c.encode_utf8(&mut [0; 4])),
                    None => {
                        ok = false;
                        self.diags.push(
                            Diagnostic::new(
                                Code::InvalidEscape,
                                self.span(&p),
                                format!("unknown escape `{}` in a string", p.as_str()),
                            )
                            .label("not an escape")
                            .help("the escapes are \\\" \\\\ \\n \\t \\r \\$ and \\u{...}; write \\\\ for a backslash"),
                        );
                    }
                },
                Rule::interpolation => {
                    let inner = p.into_inner().next()?;
                    match self.expr(inner) {
                        Some(e) => parts.push(StrPart::Interp(e)),
                        None => ok = false,
                    }
                }
                Rule::string_end if p.as_str().is_empty() => {
                    ok = false;
                    self.diags.push(
                            Diagnostic::new(
                                Code::UnterminatedString,
                                span,
                                "string literal has no closing `\"`",
                            )
                            .label("this string is not closed on its line")
                            .help("add `\"` at the end of the string; strings cannot span lines (use `\\n`)"),
                        );
                }
                _ => {}
            }
        }
        ok.then_some(Expr {
            kind: ExprKind::Str(parts),
            span,
        })
    }
}

/// The name an `item` pair declares (`let NAME`, `export NAME`, `param NAME`).
fn declared_name(item: &P<'_>) -> Option<String> {
    let decl = item
        .clone()
        .into_inner()
        .find(|p| p.as_rule() != Rule::doc)?;
    if !matches!(
        decl.as_rule(),
        Rule::let_decl | Rule::export_decl | Rule::param_decl
    ) {
        return None;
    }
    let name = decl.into_inner().find(|p| p.as_rule() == Rule::ident)?;
    Some(name.as_str().to_string())
}

fn is_keyword(rule: Rule) -> bool {
    matches!(rule, Rule::kw_let | Rule::kw_export | Rule::kw_param)
}

fn unescape(esc: &str) -> Option<char> {
    let body = esc.strip_prefix('\\')?;
    match body {
        "\"" => Some('"'),
        "\\" => Some('\\'),
        "n" => Some('\n'),
        "t" => Some('\t'),
        "r" => Some('\r'),
        "$" => Some('$'),
        _ => {
            let hex = body.strip_prefix("u{")?.strip_suffix('}')?;
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        }
    }
}

/// What one unit is worth: durations in milliseconds, memory in MiB.
fn unit_factor(unit: &str) -> u64 {
    match unit {
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "GiB" => 1024,
        _ => 1, // "ms", "MiB"
    }
}

/// One end of a range type, as written (`300s`, `6MiB`, `65535`).
fn bound(text: &str) -> Option<Bound> {
    if text.is_empty() {
        return None;
    }
    let unit_at = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(unit_at);
    let digits = digits.replace('_', "");
    match unit {
        "" => digits.parse().ok().map(Bound::Int),
        "MiB" | "GiB" => digits
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(unit_factor(unit)))
            .map(Bound::Memory),
        _ => digits
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(unit_factor(unit)))
            .map(Bound::Duration),
    }
}
