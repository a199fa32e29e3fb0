//! Rendering diagnostics: miette's graphical report for people, JSON lines for editors.

use super::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;
use std::fmt;

/// How `check` and `build` print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// A report with the source and labels, for people.
    #[default]
    Human,
    /// One JSON object per line, for editors and tools.
    Json,
}

/// A diagnostic tied to its source, as miette wants it.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: Option<NamedSource<String>>,
    file: Option<&'a SourceFile>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("ecsx::{}", self.diag.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let file = self.file?;
        let primary = self.diag.span().source;
        let len = file.text.len();
        let labels = self
            .diag
            .labels
            .iter()
            .filter(move |l| l.span.source == primary)
            .map(move |l| {
                let start = (l.span.start as usize).min(len);
                let end = (l.span.end as usize).min(len).max(start);
                let text = (!l.message.is_empty()).then(|| l.message.clone());
                let span = SourceSpan::new(start.into(), end - start);
                if l.primary {
                    LabeledSpan::new_primary_with_span(text, span)
                } else {
                    LabeledSpan::new_with_span(text, span)
                }
            });
        Some(Box::new(labels))
    }
}

/// Renders `diag` as miette's graphical report. `color` picks ANSI colours; `width`
/// is the terminal width (tests use a fixed one).
pub fn render_human(diag: &Diagnostic, sources: &SourceMap, color: bool, width: usize) -> String {
    let file = sources.get(diag.span().source);
    let report = Report {
        diag,
        source: file.map(|f| NamedSource::new(f.name.clone(), f.text.clone())),
        file,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{}: {}\n", diag.code, diag.message);
    }
    out
}

/// One diagnostic as editors read it.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    severity: Severity,
    code: &'static str,
    message: &'a str,
    start: Position,
    end: Position,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

/// A 1-based line and column (columns count characters).
#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    message: &'a str,
    primary: bool,
    start: Position,
    end: Position,
}

fn position(file: Option<&SourceFile>, offset: u32) -> Position {
    let (line, column) = file.map_or((1, 1), |f| f.line_col(offset));
    Position { line, column }
}

/// Renders `diag` as one line of JSON.
pub fn render_json(diag: &Diagnostic, sources: &SourceMap) -> String {
    let span = diag.span();
    let file = sources.get(span.source);
    let labels = diag
        .labels
        .iter()
        .map(|l| {
            let lf = sources.get(l.span.source);
            JsonLabel {
                file: lf.map_or("", |f| f.name.as_str()),
                message: &l.message,
                primary: l.primary,
                start: position(lf, l.span.start),
                end: position(lf, l.span.end),
            }
        })
        .collect();
    let json = JsonDiagnostic {
        file: file.map_or("", |f| f.name.as_str()),
        severity: diag.severity,
        code: diag.code.as_str(),
        message: &diag.message,
        start: position(file, span.start),
        end: position(file, span.end),
        labels,
        help: diag.help.as_deref(),
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// Renders every diagnostic in `format`, each ending with a newline.
pub fn render_all(
    diags: &[Diagnostic],
    sources: &SourceMap,
    format: MessageFormat,
    color: bool,
    width: usize,
) -> String {
    let mut out = String::new();
    for d in diags {
        match format {
            MessageFormat::Human => out.push_str(&render_human(d, sources, color, width)),
            MessageFormat::Json => {
                out.push_str(&render_json(d, sources));
                out.push('\n');
            }
        }
    }
    out
}
