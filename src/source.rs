//! Source files and byte spans.
//!
//! Every AST node and every generated resource carries a [`Span`]: a `Copy` pair of
//! byte offsets into one file of the [`SourceMap`]. The standard library's files are
//! sources like any other, so a diagnostic can point into them too.

use std::path::Path;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SourceId(pub u32);

/// A byte range `[start, end)` in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// The file.
    pub source: SourceId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span in `source` from `start` to `end` (byte offsets).
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            source,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    /// The smallest span that covers both `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            source: self.source,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for a zero-length span.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// One source file: its display name and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown in diagnostics (the path as given, or `<stdlib>/x.ecsx`).
    pub name: String,
    /// The text (always valid UTF-8: invalid files are rejected before they get here).
    pub text: String,
}

impl SourceFile {
    /// 1-based line and column (in characters) of byte offset `offset`.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// The text covered by `span`, or "" when it does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All files of one compilation, the user's and the standard library's.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> SourceId {
        let id = SourceId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            name: name.into(),
            text: text.into(),
        });
        id
    }

    /// How many files the map holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when the map holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file with id `id`, if any.
    pub fn get(&self, id: SourceId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The display name of a path given on the command line.
    pub fn display_name(path: &Path) -> String {
        path.display().to_string()
    }
}
