//! The compiler's diagnostics as LSP diagnostics: the same code, message, help and
//! places as the CLI's report, with positions in UTF-16 code units.

use super::line_index::LineIndex;
use super::stdlib_docs::StdlibDocs;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::source::Span;
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location, NumberOrString,
    Range, TextEdit, Uri,
};
use serde::{Deserialize, Serialize};

/// What a diagnostic carries in its `data`: the help, and the quick fix of a
/// "did you mean" help.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Data {
    /// The help text, as the CLI prints it.
    pub help: Option<String>,
    /// The edit that applies the suggestion.
    pub fix: Option<TextEdit>,
}

/// Converts one diagnostic of the document `uri` (text `text`, indexed by `index`).
pub fn to_lsp(
    d: &Diagnostic,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    stdlib: &StdlibDocs,
) -> lsp_types::Diagnostic {
    let span = d.span();
    let range = local_range(span, text, index).unwrap_or_default();
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.message.is_empty())
        .filter_map(|l| {
            let location = match local_range(l.span, text, index) {
                Some(range) => Location::new(uri.clone(), range),
                None => stdlib.location(l.span)?,
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: l.message.clone(),
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let fix = d.suggestion.as_ref().and_then(|s| {
        Some(TextEdit::new(
            local_range(s.span, text, index)?,
            s.replacement.clone(),
        ))
    });
    let data = Data {
        help: d.help.clone(),
        fix,
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some("ecsxc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.code == Code::UnusedBinding).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: serde_json::to_value(data).ok(),
    }
}

/// The range of `span` when it is in the document (source 0).
fn local_range(span: Span, text: &str, index: &LineIndex) -> Option<Range> {
    (span.source.0 == 0).then(|| index.range(text, span.start as usize, span.end as usize))
}
