//! Positions as LSP counts them: a line and a column in UTF-16 code units.
//!
//! The index is built once per version of a document (one pass for the line starts),
//! so converting a position costs a binary search plus a walk over one line, whatever
//! the position's place in the file.

use lsp_types::{Position, Range};

/// The line starts of a text, to convert byte offsets to LSP positions and back.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line (the first is 0).
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The position of byte `offset` of `text` (clamped to the text, and moved back to
    /// the start of a character it falls inside).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = text
            .get(start..offset)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum::<usize>());
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(
            self.position(text, start),
            self.position(text, end.max(start)),
        )
    }

    /// The byte offset of `pos` in `text`: a column past the end of its line is the
    /// line's end, a line past the end of the text is the text's end, and a column
    /// inside a surrogate pair is the start of its character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let line_end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(start..line_end).unwrap_or("");
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            if units + c.len_utf16() > pos.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        line_end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_code_units() {
        let text = "ab\n/// café 🚀 x\r\nlast";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        // "/// café " is 9 units, the rocket 2, the space 1.
        assert_eq!(idx.position(text, x), Position::new(1, 12));
        assert_eq!(idx.offset(text, Position::new(1, 12)), x);
        assert_eq!(idx.position(text, text.len()), Position::new(2, 4));
        assert_eq!(idx.offset(text, Position::new(9, 0)), text.len());
        // Inside the rocket's surrogate pair: its start.
        let rocket = text.find('🚀').unwrap();
        assert_eq!(idx.offset(text, Position::new(1, 10)), rocket);
        // Past the end of a line: the line's end (before `\r\n`'s `\n`).
        assert_eq!(idx.offset(text, Position::new(0, 50)), 2);
    }
}
