//! Open documents: the text the editor holds, and what the compiler said about it.

use super::diagnostics::to_lsp;
use super::line_index::LineIndex;
use super::stdlib_docs::{uri_path, StdlibDocs};
use super::tokens::{lex, Token};
use crate::diagnostics::Diagnostic;
use crate::ir::Template;
use lsp_types::Uri;
use std::sync::OnceLock;

/// An open document and the result of compiling its current text.
#[derive(Debug)]
pub struct Document {
    /// The editor's version of the text.
    pub version: i32,
    /// The text.
    pub text: String,
    /// Its line index (UTF-16 positions).
    pub index: LineIndex,
    /// The compiler's diagnostics, as the CLI reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The same, as sent to the editor.
    pub lsp_diagnostics: Vec<lsp_types::Diagnostic>,
    /// The template, when the program compiles without errors.
    pub template: Option<Template>,
    /// The tokens, made on first use (hover, completion...), not on every change.
    tokens: OnceLock<Vec<Token>>,
    /// What the next compile of this document may reuse (its parsed declarations).
    session: crate::Session,
}

impl Document {
    /// Compiles `text` (the whole pipeline, as `ecsxc build` runs it) and converts its
    /// diagnostics: what the server does on `didOpen`.
    pub fn new(uri: &Uri, version: i32, text: String, stdlib: &StdlibDocs) -> Self {
        Self::changed(uri, version, text, stdlib, None)
    }

    /// [`Document::new`] for a new version of `previous` (`didChange`): the
    /// declarations whose text did not change are not parsed again. The diagnostics
    /// are exactly those of a compile from scratch.
    pub fn changed(
        uri: &Uri,
        version: i32,
        text: String,
        stdlib: &StdlibDocs,
        previous: Option<&mut Document>,
    ) -> Self {
        let name = display_name(uri);
        // A file's folder, where its images are built from (E0356); none for an
        // unsaved buffer (`untitled:`), which skips that rule.
        let folder = uri_path(uri).map(|p| crate::program_folder(&p));
        let mut session = previous
            .map(|p| std::mem::take(&mut p.session))
            .unwrap_or_default();
        session.parse.get_or_insert_with(Default::default);
        session.drop_later = true;
        let out =
            crate::compile_bytes_session(&name, text.as_bytes(), folder.as_deref(), &mut session);
        let index = LineIndex::new(&text);
        let lsp_diagnostics = out
            .diagnostics
            .iter()
            .map(|d| to_lsp(d, uri, &text, &index, stdlib))
            .collect();
        Document {
            version,
            index,
            diagnostics: out.diagnostics,
            lsp_diagnostics,
            template: out.compiled.map(|c| c.template),
            tokens: OnceLock::new(),
            session,
            text,
        }
    }

    /// A document that is not checked (a standard-library file opened read-only).
    pub fn unchecked(version: i32, text: String) -> Self {
        Document {
            version,
            index: LineIndex::new(&text),
            diagnostics: Vec::new(),
            lsp_diagnostics: Vec::new(),
            template: None,
            tokens: OnceLock::new(),
            session: crate::Session::default(),
            text,
        }
    }

    /// The tokens of the text.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| lex(&self.text))
    }

    /// The byte offset of an LSP position.
    pub fn offset(&self, pos: lsp_types::Position) -> usize {
        self.index.offset(&self.text, pos)
    }

    /// The LSP range of bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> lsp_types::Range {
        self.index.range(&self.text, start, end)
    }
}

/// The name diagnostics give the document: its path for a `file://` URI, else the URI.
pub fn display_name(uri: &Uri) -> String {
    uri_path(uri).map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// What a compile answered, comparable (spans included).
    fn answer(doc: &Document) -> String {
        format!("{:#?}\n{:#?}", doc.diagnostics, doc.template)
    }

    /// A document changed again and again (declarations moved down and back, one
    /// broken and mended, one edited) answers each version exactly as a document opened
    /// with that text: what the session lends and takes back between compiles (the
    /// parsed declarations) never shows.
    #[test]
    fn each_change_answers_what_a_fresh_open_answers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = crate::fmt::cli::ecsx_files(&root.join("examples"));
        assert!(files.len() > 50, "examples found: {}", files.len());
        let stdlib = StdlibDocs::new();
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let Ok(uri) = Uri::from_str(&format!("file://{}", path.display())) else {
                continue;
            };
            let moved = format!("// moved\n{text}");
            let broken = moved.replacen("= ", "= =", 1);
            let mut edited = text.clone();
            if let Some(i) = edited.rfind(':') {
                edited.insert(i + 1, ' ');
            }
            let mut doc = Document::new(&uri, 1, text.clone(), &stdlib);
            for (version, next) in (2..).zip([&moved, &broken, &moved, &text, &edited, &text]) {
                let changed =
                    Document::changed(&uri, version, next.clone(), &stdlib, Some(&mut doc));
                let fresh = Document::new(&uri, version, next.clone(), &stdlib);
                assert_eq!(
                    answer(&fresh),
                    answer(&changed),
                    "{} version {version}",
                    path.display()
                );
                doc = changed;
            }
        }
    }
}
