//! Diagnostics: one [`Diagnostic`] type for every stage, a register of codes
//! ([`codes`]), and the two renderers ([`render`]): miette's graphical report for
//! people and one JSON object per diagnostic for editors.
//!
//! Stages never stop at the first problem: they push into a `Vec<Diagnostic>` and
//! carry on; the pipeline moves to the next stage only when no error was pushed.

pub mod codes;
pub mod render;

use crate::source::Span;
pub use codes::Code;
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The program is rejected.
    Error,
    /// The program compiles, but probably not as meant.
    Warning,
}

/// A place in the source and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there (lower case, no trailing period).
    pub message: String,
    /// The primary label is the place the diagnostic is about.
    pub primary: bool,
}

/// One problem found in a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The register code (`E0103`).
    pub code: Code,
    /// Error or warning (from the code).
    pub severity: Severity,
    /// One line, lower case, source names in backticks.
    pub message: String,
    /// The primary label first, then related places.
    pub labels: Vec<Label>,
    /// What to write instead.
    pub help: Option<String>,
    /// The edit that a "did you mean" help describes, for editors' quick fixes.
    pub suggestion: Option<Suggestion>,
}

/// A replacement that fixes a diagnostic: write `replacement` over `span` (the
/// misspelt name of a "did you mean" help).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The text to replace.
    pub span: Span,
    /// What to write there.
    pub replacement: String,
}

impl Diagnostic {
    /// A diagnostic with code `code` and message `message`, located at `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            help: None,
            suggestion: None,
        }
    }

    /// Sets the text of the primary label.
    pub fn label(mut self, message: impl Into<String>) -> Self {
        if let Some(first) = self.labels.first_mut() {
            first.message = message.into();
        }
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the quick fix: write `replacement` over `span`.
    pub fn suggest(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(Suggestion {
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Sets the quick fix of a "did you mean" help: the candidate [`closest`] to
    /// `name` (the one [`did_you_mean`] names), written over `span`; none when no
    /// candidate is close enough.
    pub fn suggest_closest<'a>(
        self,
        span: Span,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match closest(name, candidates) {
            Some(c) => self.suggest(span, c),
            None => self,
        }
    }

    /// The primary span.
    pub fn span(&self) -> Span {
        self.labels.first().map(|l| l.span).unwrap_or_default()
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when any diagnostic in `diags` is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Names as a list in backticks: "`a`, `b`, `c`".
pub fn code_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "did you mean `x`?" for the closest of `candidates` to `name`, if one is close enough.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate closest to `name` by edit distance, if within a third of its length.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| {
            let d = if c.eq_ignore_ascii_case(name) {
                0
            } else {
                strsim::damerau_levenshtein(name, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["desiredCount", "containers", "cluster"];
        assert_eq!(closest("desiredCont", names), Some("desiredCount"));
        assert_eq!(closest("clustr", names), Some("cluster"));
        assert_eq!(closest("zzz", names), None);
        assert_eq!(closest("Cluster", names), Some("cluster"));
    }
}
