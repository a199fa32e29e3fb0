//! Document symbols: every `let`, `param` and `export`, with the fields of the
//! construction it binds as children.

use super::context::{DeclKind, FileContext};
use super::documents::Document;
use super::stdlib_docs::StdlibDocs;
use super::tokens::Kind;
use lsp_types::{DocumentSymbol, SymbolKind};

/// The outline of `doc`.
pub fn symbols(doc: &Document, stdlib: &StdlibDocs) -> Vec<DocumentSymbol> {
    let cx = FileContext::new(&doc.text, doc.tokens(), &stdlib.lib);
    let mut out = Vec::new();
    for (d, decl) in cx.decls.iter().enumerate() {
        let Some(name) = decl.name else { continue };
        let (Some(first), Some(last)) = (
            cx.tokens.get(decl.keyword),
            decl.end.checked_sub(1).and_then(|i| cx.tokens.get(i)),
        ) else {
            continue;
        };
        let ty = cx.binding_type(d);
        let component = ty
            .as_ref()
            .and_then(|t| t.ty.as_ref())
            .and_then(|t| cx.named(t))
            .is_some_and(|def| def.kind == crate::stdlib::Kind::Component);
        let kind = match decl.kind {
            DeclKind::Let if component => SymbolKind::OBJECT,
            DeclKind::Let => SymbolKind::VARIABLE,
            DeclKind::Param => SymbolKind::CONSTANT,
            DeclKind::Export => SymbolKind::PROPERTY,
        };
        let children = fields(doc, &cx, decl.keyword, decl.end);
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name: name.text(&doc.text).to_string(),
            detail: ty.map(|t| t.shown),
            kind,
            tags: None,
            deprecated: None,
            range: doc.range(first.start, last.end.max(name.end)),
            selection_range: doc.range(name.start, name.end),
            children: (!children.is_empty()).then_some(children),
        });
    }
    out
}

/// The fields written directly in the first braces of tokens `from..end`.
fn fields(doc: &Document, cx: &FileContext<'_>, from: usize, end: usize) -> Vec<DocumentSymbol> {
    let Some(open) = (from..end).find(|i| cx.tokens.get(*i).is_some_and(|t| t.is(b'{'))) else {
        return Vec::new();
    };
    let mut out: Vec<DocumentSymbol> = Vec::new();
    let mut depth = 0usize;
    let mut last_end = None;
    for i in open + 1..end {
        let Some(t) = cx.tokens.get(i) else { break };
        match t.kind {
            Kind::Punct(b'{' | b'[' | b'(') | Kind::InterpOpen => depth += 1,
            Kind::Punct(b'}' | b']' | b')') | Kind::InterpClose if depth == 0 => break,
            Kind::Punct(b'}' | b']' | b')') | Kind::InterpClose => depth -= 1,
            Kind::Ident | Kind::Type | Kind::Str
                if depth == 0 && cx.tokens.get(i + 1).is_some_and(|c| c.is(b':')) =>
            {
                close(doc, &mut out, last_end);
                #[allow(deprecated)]
                out.push(DocumentSymbol {
                    name: t.text(&doc.text).trim_matches('"').to_string(),
                    detail: None,
                    kind: SymbolKind::FIELD,
                    tags: None,
                    deprecated: None,
                    range: doc.range(t.start, t.end),
                    selection_range: doc.range(t.start, t.end),
                    children: None,
                });
            }
            _ => {}
        }
        if !t.is(b',') && t.kind != Kind::Doc {
            last_end = Some(t.end);
        }
    }
    close(doc, &mut out, last_end);
    out
}

/// Extends the last field's range to the end of its value.
fn close(doc: &Document, out: &mut [DocumentSymbol], end: Option<usize>) {
    let (Some(last), Some(end)) = (out.last_mut(), end) else {
        return;
    };
    let start = doc.offset(last.range.start);
    if end > start {
        last.range = doc.range(start, end);
    }
}
