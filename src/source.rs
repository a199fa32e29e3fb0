//! Source files and byte spans.
//!
//! Every AST node and every generated resource carries a [`Span`]: a `Copy` pair of
//! byte offsets into one file of the [`SourceMap`]. The standard library's files are
//! sources like any other, so a diagnostic can point into them too.

use std::path::Path;
use std::sync::OnceLock;

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
    /// Where each line starts, built on first use.
    lines: OnceLock<LineIndex>,
}

/// The byte offset where each line of a text starts, so that a position costs a binary
/// search and a scan of one line, never a scan from the start of the file.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (as in miette and the Language Server
/// Protocol).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Bytes of a leading byte-order mark (0 or 3), which counts no column.
    bom: u32,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            let newline = match b {
                b'\n' => true,
                b'\r' => {
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    true
                }
                _ => false,
            };
            if newline {
                starts.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        LineIndex { starts, bom }
    }

    /// How many lines the text has (at least 1).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based line `line` starts, after a byte-order mark
    /// (`None` past the last line).
    pub fn line_start(&self, line: usize) -> Option<u32> {
        let start = *self.starts.get(line)?;
        Some(if line == 0 {
            start.max(self.bom)
        } else {
            start
        })
    }
}

impl SourceFile {
    /// A file named `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    /// The line index of the text (built once, on first use).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column of byte offset `offset`.
    ///
    /// Columns count characters (Unicode scalar values) from 1; a byte-order mark at
    /// the start of the file counts none. The human report and the JSON lines use this
    /// one definition; the language server converts to UTF-16 itself.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        let index = self.lines();
        let line = index.line_of(offset);
        let start = index.line_start(line).unwrap_or(0).min(offset);
        (line + 1, self.chars_between(start, offset) + 1)
    }

    /// Characters in the bytes `[start, end)` (a character cut by `end` counts).
    fn chars_between(&self, start: u32, end: u32) -> usize {
        self.text
            .as_bytes()
            .get(start as usize..end as usize)
            .map_or(0, |b| b.iter().filter(|&&b| (b & 0xC0) != 0x80).count())
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
        self.files.push(SourceFile::new(name, text));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let index = LineIndex::new("a\nb\r\nc\rd");
        assert_eq!(index.line_count(), 4);
        assert_eq!(
            (0..4).map(|l| index.line_start(l)).collect::<Vec<_>>(),
            vec![Some(0), Some(2), Some(5), Some(7)]
        );
        assert_eq!(index.line_start(4), None);
        assert_eq!(
            (0..9).map(|o| index.line_of(o)).collect::<Vec<_>>(),
            vec![0, 0, 1, 1, 1, 2, 2, 3, 3]
        );
    }

    #[test]
    fn columns_count_characters_and_not_the_byte_order_mark() {
        let file = SourceFile::new("f", "\u{FEFF}ab\né ö 🦀 x");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (1, 1));
        assert_eq!(file.line_col(4), (1, 2));
        let x = file.text.rfind('x').unwrap() as u32;
        assert_eq!(file.line_col(x), (2, 7));
        // Past the end and inside a character: no panic.
        assert_eq!(file.line_col(10_000).0, 2);
        let e = file.text.find('é').unwrap() as u32;
        assert_eq!(file.line_col(e + 1), (2, 2));
    }
}
