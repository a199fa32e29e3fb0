//! Code actions: a quick fix for every diagnostic whose help says "did you mean":
//! it writes the suggested name over the misspelt one.

use super::diagnostics::Data;
use super::documents::Document;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, Uri, WorkspaceEdit};
use std::collections::HashMap;

/// The quick fixes of the diagnostics of `doc` that touch `range`.
// `WorkspaceEdit` keys its changes by `Uri`, whose parsed form caches data in a `Cell`;
// its hash and equality read only the text.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(doc: &Document, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
    doc.lsp_diagnostics
        .iter()
        .filter(|d| d.range.start <= range.end && range.start <= d.range.end)
        .filter_map(|d| {
            let data: Data = serde_json::from_value(d.data.clone()?).ok()?;
            let fix = data.fix?;
            let old = doc
                .text
                .get(doc.offset(fix.range.start)..doc.offset(fix.range.end))
                .unwrap_or("");
            let title = format!("Replace `{old}` with `{}`", fix.new_text);
            let changes = HashMap::from([(uri.clone(), vec![fix])]);
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit::new(changes)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect()
}
