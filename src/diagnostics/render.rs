//! Rendering diagnostics: miette's graphical report for people, JSON lines for editors.

use super::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
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
struct Report<'a, S> {
    diag: &'a Diagnostic,
    source: Option<S>,
    file: Option<&'a SourceFile>,
}

/// A source file as miette reads it, through the file's line index: reading the lines
/// around a span costs the size of those lines, not of the text before them (miette's
/// own `SourceCode` for strings scans from the start of the file on every call).
struct IndexedSource<'a> {
    file: &'a SourceFile,
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.file.text.as_str();
        let index = self.file.lines();
        let start = span.offset();
        let end = start.saturating_add(span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        // miette reads from the start of the file; give it a window that starts at a line
        // start and holds every line it would read, then put the window's place back.
        let first = index
            .line_of(to_u32(start))
            .saturating_sub(context_lines_before);
        let window_start = if first == 0 {
            0
        } else {
            index.line_start(first).unwrap_or(0) as usize
        };
        let last = index
            .line_of(to_u32(end))
            .saturating_add(context_lines_after)
            .saturating_add(3);
        let window_end = index
            .line_start(last)
            .map_or(text.len(), |s| (s as usize).min(text.len()));
        let window = text
            .get(window_start..window_end)
            .ok_or(MietteError::OutOfBounds)?;
        let inner = SourceSpan::new((start - window_start).into(), span.len());
        let contents = <str as SourceCode>::read_span(
            window,
            &inner,
            context_lines_before,
            context_lines_after,
        )?;
        let data: &'a [u8] = contents.data();
        let offset = contents.span().offset() + window_start;
        // Columns count characters, the same as in JSON (see `SourceFile::line_col`).
        let column = if contents.column() == 0 {
            0
        } else {
            self.file.line_col(to_u32(offset)).1 - 1
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            data,
            SourceSpan::new(offset.into(), contents.span().len()),
            contents.line() + first,
            column,
            contents.line_count() + first,
        )))
    }
}

impl<S> fmt::Debug for Report<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl<S> fmt::Display for Report<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl<S> std::error::Error for Report<'_, S> {}

impl<S: SourceCode> miette::Diagnostic for Report<'_, S> {
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
    render_with(&Handlers::new(color, width), diag, sources)
}

fn handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
}

/// miette's handler twice: wrapping lines to the width, and not wrapping. Wrapping a
/// text costs more than the rest of a report; a message and a help that fit on their
/// line come out the same either way, so they skip it.
struct Handlers {
    wrapping: GraphicalReportHandler,
    unwrapped: GraphicalReportHandler,
    width: usize,
}

impl Handlers {
    fn new(color: bool, width: usize) -> Self {
        Handlers {
            wrapping: handler(color, width),
            unwrapped: handler(color, width).with_wrap_lines(false),
            width,
        }
    }

    /// The handler for `diag`: the one that does not wrap when nothing needs wrapping.
    fn for_diagnostic(&self, diag: &Diagnostic) -> &GraphicalReportHandler {
        // miette wraps the message after "  × " and the help after "  help: " to the
        // width less 2; printable ASCII is one column a character. One column to spare.
        let fits = |text: &str, indent: usize| {
            text.bytes().all(|b| (0x20..0x7f).contains(&b))
                && text.trim() == text
                && indent + text.len() < self.width.saturating_sub(2)
        };
        if fits(&diag.message, 4) && diag.help.as_deref().is_none_or(|h| fits(h, 8)) {
            &self.unwrapped
        } else {
            &self.wrapping
        }
    }
}

fn render_with(handlers: &Handlers, diag: &Diagnostic, sources: &SourceMap) -> String {
    let file = sources.get(diag.span().source);
    let handler = handlers.for_diagnostic(diag);
    render_report(handler, diag, file, file.map(|file| IndexedSource { file }))
}

fn render_report<S: SourceCode>(
    handler: &GraphicalReportHandler,
    diag: &Diagnostic,
    file: Option<&SourceFile>,
    source: Option<S>,
) -> String {
    let report = Report { diag, source, file };
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

/// An error that is about no place in a program (bad command-line usage, a deploy
/// command's failure), in the JSON shape of a diagnostic: `file` and `code` are `null`,
/// there are no positions and no labels.
#[derive(Serialize)]
struct JsonError<'a> {
    file: Option<&'a str>,
    severity: Severity,
    code: Option<&'a str>,
    message: &'a str,
    labels: [(); 0],
    help: Option<&'a str>,
}

/// Renders an error without a code or a place as one line of JSON: `file` and `code`
/// are `null`, with no positions and no labels.
pub fn render_error_json(message: &str, help: Option<&str>) -> String {
    let json = JsonError {
        file: None,
        severity: Severity::Error,
        code: None,
        message,
        labels: [],
        help,
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
    let handlers = Handlers::new(color, width);
    for d in diags {
        match format {
            MessageFormat::Human => out.push_str(&render_with(&handlers, d, sources)),
            MessageFormat::Json => {
                out.push_str(&render_json(d, sources));
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::Span;
    use miette::NamedSource;

    /// Renders through miette's own reader of a whole string, as before the line index.
    fn render_miette(diag: &Diagnostic, sources: &SourceMap) -> String {
        let file = sources.get(diag.span().source);
        let source = file.map(|f| NamedSource::new(f.name.clone(), f.text.clone()));
        render_report(&handler(false, 100), diag, file, source)
    }

    #[test]
    fn the_line_index_renders_what_miette_renders_from_the_whole_text() {
        let texts = [
            "let a = 1\nlet b = 2\nlet c = 3\nlet d = 4\nlet e = 5\n",
            "let a = 1\r\nlet b = 2\r\n\r\nlet c = 3\r\nlet d = 4",
            "let a = 1\rlet b = 2\rlet c = 3\n\nlet d = 4\n\n",
            "x",
            "",
            "\n\n\n",
        ];
        for text in texts {
            let mut sources = SourceMap::new();
            let id = sources.add("t.ecsx", text);
            let len = text.len();
            for start in 0..=len {
                // Between `\r` and `\n` miette's column leaves out the `\r`; ours counts it.
                if start > 0 && text.get(start - 1..=start) == Some("\r\n") {
                    continue;
                }
                for end in [start, start + 1, start + 5, start + 13, len] {
                    if end > len || end < start {
                        continue;
                    }
                    let mut d = Diagnostic::new(Code::Syntax, Span::new(id, start, end), "m")
                        .label("here")
                        .help("h");
                    if start > 2 {
                        d = d.with_label(Span::new(id, start / 3, start / 2), "related");
                    }
                    assert_eq!(
                        render_with(&Handlers::new(false, 100), &d, &sources),
                        render_miette(&d, &sources),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn reports_that_skip_wrapping_are_the_wrapped_reports() {
        let mut sources = SourceMap::new();
        let id = sources.add("w.ecsx", "let a = 1\nlet b = 2\n");
        for color in [false, true] {
            for width in [40, 100] {
                let handlers = Handlers::new(color, width);
                for n in 0..width + 10 {
                    let text = "word ".repeat(n / 5 + 1)[..n.max(1)].to_string();
                    for (message, help) in [
                        (text.clone(), None),
                        ("m".to_string(), Some(text.clone())),
                        (text.clone(), Some(text.clone())),
                        (format!("{text} "), Some(format!(" {text}"))),
                    ] {
                        let mut d = Diagnostic::new(Code::Syntax, Span::new(id, 4, 5), message)
                            .label("here");
                        d.help = help;
                        let wrapped = render_report(
                            &handlers.wrapping,
                            &d,
                            sources.get(id),
                            sources.get(id).map(|file| IndexedSource { file }),
                        );
                        assert_eq!(render_with(&handlers, &d, &sources), wrapped, "{d:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_human_report_and_json_count_the_same_columns() {
        let text = "\u{FEFF}let x = 1\nlet s = \"é ö 🦀\" + y\n";
        let mut sources = SourceMap::new();
        let id = sources.add("c.ecsx", text);
        let y = text.rfind('y').unwrap();
        let d = Diagnostic::new(Code::UndefinedName, Span::new(id, y, y + 1), "m");
        let human = render_human(&d, &sources, false, 100);
        assert!(human.contains("[c.ecsx:2:19]"), "{human}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&d, &sources)).unwrap();
        assert_eq!(json["start"], serde_json::json!({"line": 2, "column": 19}));
        // The byte-order mark counts no column.
        let d = Diagnostic::new(Code::UndefinedName, Span::new(id, 7, 8), "m");
        assert!(render_human(&d, &sources, false, 100).contains("[c.ecsx:1:5]"));
        let json: serde_json::Value = serde_json::from_str(&render_json(&d, &sources)).unwrap();
        assert_eq!(json["start"], serde_json::json!({"line": 1, "column": 5}));
    }
}
