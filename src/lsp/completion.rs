//! Completion: component and record names, the fields a construction does not have
//! yet, the values of literal unions, bindings, and attributes after `.`; for
//! CloudFormation resource types, the services after `aws.`, the types after
//! `aws.s3.`, and the properties and enum values inside `aws.s3.Bucket { ... }`.

use super::aws_schema;
use super::context::{DeclKind, FileContext, Spot};
use super::documents::Document;
use super::hover::{constructor_doc, declaration, field_doc, signature, type_doc};
use super::stdlib_docs::StdlibDocs;
use super::tokens::{Kind as TokKind, Token};
use crate::check::types::Ty;
use crate::stdlib::{Kind, BUILTINS};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, TextEdit,
};

/// The completions at `pos` of `doc`.
pub fn complete(doc: &Document, stdlib: &StdlibDocs, pos: Position) -> Vec<CompletionItem> {
    let cx = FileContext::new(&doc.text, doc.tokens(), &stdlib.lib);
    match cx.spot(doc.offset(pos)) {
        Spot::Member(chain) => members(&cx, &chain),
        Spot::Key { ty, given } => fields(&cx, ty.as_ref(), &given),
        Spot::Value { ty, string, decl } => values(doc, &cx, ty.as_ref(), string, decl),
        Spot::TypeName => BUILTINS
            .iter()
            .map(|b| item(b, CompletionItemKind::TYPE_PARAMETER, None, None))
            .collect(),
        Spot::TopLevel => ["let", "export", "param"]
            .iter()
            .map(|k| item(k, CompletionItemKind::KEYWORD, None, None))
            .collect(),
    }
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        documentation: doc.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        ..CompletionItem::default()
    }
}

/// After `base.`: the constructors of a type, or the fields and attributes of what a
/// binding (or an attribute of it) is.
fn members(cx: &FileContext<'_>, chain: &[Token]) -> Vec<CompletionItem> {
    let Some(head) = chain.first() else {
        return Vec::new();
    };
    if head.kind == TokKind::Type {
        let Some(def) = cx.lib.get(head.text(cx.text)).filter(|_| chain.len() == 1) else {
            return Vec::new();
        };
        let mut seen = Vec::new();
        return def
            .statics
            .iter()
            .filter(|s| {
                let new = !seen.contains(&s.name);
                seen.push(s.name.clone());
                new
            })
            .map(|s| {
                item(
                    &s.name,
                    CompletionItemKind::CONSTRUCTOR,
                    Some(signature(def, s)),
                    Some(constructor_doc(def, s)),
                )
            })
            .collect();
    }
    if let Some(items) = aws_members(cx, chain) {
        return items;
    }
    let Some(def) = cx
        .chain_type(chain, 0)
        .and_then(|t| t.ty)
        .and_then(|t| cx.named(&t))
    else {
        return Vec::new();
    };
    def.fields
        .iter()
        .map(|f| {
            let (kind, sort) = if f.out {
                (CompletionItemKind::PROPERTY, "0")
            } else {
                (CompletionItemKind::FIELD, "1")
            };
            CompletionItem {
                sort_text: Some(format!("{sort}{}", f.name)),
                ..item(
                    &f.name,
                    kind,
                    Some(f.ty.to_string()),
                    Some(field_doc(def, f)),
                )
            }
        })
        .collect()
}

/// After `aws.` the services, after `aws.s3.` the resource types of the namespace
/// (`None` when `aws` is a binding of the file, or the chain is not a namespace).
fn aws_members(cx: &FileContext<'_>, chain: &[Token]) -> Option<Vec<CompletionItem>> {
    let head = chain.first()?;
    let provider = head.text(cx.text);
    if head.kind != TokKind::Ident
        || cx
            .decls
            .iter()
            .any(|d| d.name.is_some_and(|n| n.text(cx.text) == provider))
        || !aws_schema::is_provider(provider)
    {
        return None;
    }
    match chain {
        [_] => Some(
            aws_schema::services(provider)
                .iter()
                .map(|s| {
                    item(
                        s,
                        CompletionItemKind::MODULE,
                        Some(format!("{provider}.{s}: CloudFormation resource types")),
                        None,
                    )
                })
                .collect(),
        ),
        [_, service] => Some(
            aws_schema::types(provider, service.text(cx.text))
                .iter()
                .map(|(short, cfn_type)| {
                    item(
                        short,
                        CompletionItemKind::CLASS,
                        Some(cfn_type.clone()),
                        None,
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Inside `aws.s3.Bucket { ... }` (or a record inside it): the settable properties
/// not given yet, required ones first, with the schema's descriptions.
fn aws_fields(path: &str, given: &[String]) -> Vec<CompletionItem> {
    aws_schema::fields(path)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !given.contains(&f.name))
        .map(|f| CompletionItem {
            insert_text: Some(format!("{}: ", f.name)),
            sort_text: Some(format!("{}{}", if f.required { 0 } else { 1 }, f.name)),
            ..item(&f.name, CompletionItemKind::FIELD, Some(f.detail), f.doc)
        })
        .collect()
}

/// Inside `Type { ... }`: the settable fields not given yet, required ones first.
fn fields(cx: &FileContext<'_>, ty: Option<&Ty>, given: &[String]) -> Vec<CompletionItem> {
    if let Some(Ty::Named(path)) = ty.filter(|t| matches!(t, Ty::Named(n) if n.contains('.'))) {
        return aws_fields(path, given);
    }
    let Some(def) = ty.and_then(|t| match t {
        Ty::Named(n) => cx.lib.get(n),
        _ => None,
    }) else {
        return Vec::new();
    };
    let mut items: Vec<CompletionItem> = def
        .fields
        .iter()
        .filter(|f| !f.out && !given.iter().any(|g| **g == *f.name))
        .map(|f| CompletionItem {
            insert_text: Some(format!("{}: ", f.name)),
            sort_text: Some(format!("{}{}", if f.required() { 0 } else { 1 }, f.name)),
            ..item(
                &f.name,
                CompletionItemKind::FIELD,
                Some(declaration(def, f)),
                Some(field_doc(def, f)),
            )
        })
        .collect();
    // `overrides` of the ECS components (checked apart from the standard library).
    let overrides = crate::check::overrides::FIELD;
    if aws_schema::overrides_type(&def.name, overrides).is_some()
        && !given.iter().any(|g| g == overrides)
    {
        items.push(CompletionItem {
            insert_text: Some(format!("{overrides}: ")),
            sort_text: Some(format!("1{overrides}")),
            ..item(
                overrides,
                CompletionItemKind::FIELD,
                Some("overrides: { role: { PropertyPath: value, remove: [...] } }".to_string()),
                Some("Set or remove raw CloudFormation properties of the resources this component generates, checked against their schemas (docs/aws-resources.md).".to_string()),
            )
        });
    }
    items
}

/// Where a value goes: the literals of a literal union (in quotes, replacing a string
/// being typed), `true`/`false`, else bindings and type names (first the bindings of
/// the expected type, then the expected types, then the others).
fn values(
    doc: &Document,
    cx: &FileContext<'_>,
    ty: Option<&Ty>,
    string: Option<Token>,
    decl: Option<usize>,
) -> Vec<CompletionItem> {
    if let Some(lits) = ty.and_then(Ty::literals) {
        return lits
            .iter()
            .map(|l| {
                let quoted = format!("\"{l}\"");
                let mut it = item(&quoted, CompletionItemKind::ENUM_MEMBER, None, None);
                if let Some(s) = string {
                    it.filter_text =
                        Some(s.text(cx.text).chars().take(1).chain(l.chars()).collect());
                    it.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(
                        doc.range(s.start, s.end),
                        quoted.clone(),
                    )));
                }
                it
            })
            .collect();
    }
    if string.is_some() {
        return Vec::new();
    }
    if ty.is_some_and(|t| *t.required() == Ty::Bool) {
        return ["true", "false"]
            .iter()
            .map(|b| item(b, CompletionItemKind::VALUE, None, None))
            .collect();
    }
    let mut wanted = Vec::new();
    if let Some(t) = ty {
        named_alternatives(t, &mut wanted);
    }
    let mut items = Vec::new();
    for (d, decl_info) in cx.decls.iter().enumerate() {
        if decl_info.kind == DeclKind::Export || Some(d) == decl {
            continue;
        }
        let Some(name) = decl_info.name else { continue };
        let bt = cx.binding_type(d);
        let matches = bt
            .as_ref()
            .and_then(|b| b.ty.as_ref())
            .and_then(|t| cx.named(t))
            .is_some_and(|def| wanted.contains(&def.name));
        items.push(CompletionItem {
            sort_text: Some(format!(
                "{}{}",
                if matches { 0 } else { 2 },
                name.text(cx.text)
            )),
            ..item(
                name.text(cx.text),
                CompletionItemKind::VARIABLE,
                bt.map(|b| b.shown),
                cx.doc(decl_info),
            )
        });
    }
    for def in cx.lib.types.values() {
        let kind = match def.kind {
            Kind::Component => CompletionItemKind::CLASS,
            Kind::Record => CompletionItemKind::STRUCT,
        };
        let matches = wanted.contains(&def.name);
        items.push(CompletionItem {
            sort_text: Some(format!("{}{}", if matches { 1 } else { 3 }, def.name)),
            ..item(
                &def.name,
                kind,
                Some(
                    if def.kind == Kind::Component {
                        "component"
                    } else {
                        "record"
                    }
                    .into(),
                ),
                Some(type_doc(def)),
            )
        });
    }
    items
}

/// The names of the declared types `ty` admits (`A | B?` gives `A`, `B`).
fn named_alternatives(ty: &Ty, out: &mut Vec<String>) {
    match ty.required() {
        Ty::Named(n) => out.push(n.clone()),
        Ty::Union(alts) => alts.iter().for_each(|a| named_alternatives(a, out)),
        _ => {}
    }
}
