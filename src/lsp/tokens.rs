//! A tolerant lexer for editor features: any text (a file half typed) becomes tokens,
//! and nothing is ever an error. Completion, hover, definitions and symbols read these
//! tokens rather than the AST, so they work on a file that does not parse.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name starting with a lower-case letter or `_` (keywords too).
    Ident,
    /// A name starting with an upper-case letter.
    Type,
    /// A string literal, from its opening quote to its closing quote (or the end of
    /// the line), or up to the first `${`.
    Str,
    /// The rest of a string after an interpolation's `}`.
    StrRest,
    /// `${` inside a string.
    InterpOpen,
    /// The `}` that closes an interpolation.
    InterpClose,
    /// A number, with its unit (`80`, `30s`, `512MiB`).
    Num,
    /// A `///` doc comment line.
    Doc,
    /// One punctuation character (`{`, `}`, `:`, `.`, ...).
    Punct(u8),
}

/// A token and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// True for the punctuation character `c`.
    pub fn is(&self, c: u8) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// True for a name (of a binding, field or type).
    pub fn is_name(&self) -> bool {
        matches!(self.kind, Kind::Ident | Kind::Type)
    }
}

/// Splits `text` into tokens; comments and white space are dropped.
pub fn lex(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // One entry per open interpolation: the depth of `{` inside it.
    let mut interps: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = line_end(bytes, i);
                let doc = text.get(start..i).is_some_and(|s| s.starts_with("///"));
                if doc && !text.get(start..i).is_some_and(|s| s.starts_with("////")) {
                    out.push(tok(Kind::Doc, start, i));
                }
            }
            b'"' => i = string(bytes, i + 1, start, Kind::Str, &mut out, &mut interps),
            b'}' if interps.last() == Some(&0) => {
                interps.pop();
                out.push(tok(Kind::InterpClose, i, i + 1));
                i = string(bytes, i + 1, i + 1, Kind::StrRest, &mut out, &mut interps);
            }
            b'a'..=b'z' | b'_' | b'A'..=b'Z' => {
                i = word_end(bytes, i);
                let kind = if b.is_ascii_uppercase() {
                    Kind::Type
                } else {
                    Kind::Ident
                };
                out.push(tok(kind, start, i));
            }
            b'0'..=b'9' | b'-' if b != b'-' || bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = word_end(bytes, i + 1);
                out.push(tok(Kind::Num, start, i));
            }
            _ if b.is_ascii() => {
                if let Some(depth) = interps.last_mut() {
                    match b {
                        b'{' => *depth += 1,
                        b'}' => *depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                out.push(tok(Kind::Punct(b), i, i + 1));
                i += 1;
            }
            // Other characters (a name with `é`): skipped, whole.
            _ => i += utf8_len(b),
        }
    }
    out
}

fn tok(kind: Kind, start: usize, end: usize) -> Token {
    Token { kind, start, end }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
        .map_or(bytes.len(), |n| from + n)
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        i += 1;
    }
    i
}

/// Lexes string text from `i` (after the opening quote or an interpolation's `}`):
/// pushes the token from `start` to the closing quote (included), the end of the line
/// or a `${` (which opens an interpolation). Returns where lexing goes on.
fn string(
    bytes: &[u8],
    mut i: usize,
    start: usize,
    kind: Kind,
    out: &mut Vec<Token>,
    interps: &mut Vec<usize>,
) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                out.push(tok(kind, start, i + 1));
                return i + 1;
            }
            b'\n' => break,
            b'\\' => {
                i += if bytes.get(i + 1).is_some_and(|n| *n != b'\n') {
                    2
                } else {
                    1
                }
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                out.push(tok(kind, start, i));
                out.push(tok(Kind::InterpOpen, i, i + 2));
                interps.push(0);
                return i + 2;
            }
            _ => i += 1,
        }
    }
    let end = i.min(bytes.len());
    out.push(tok(kind, start, end));
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        lex(text).iter().map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn lexes_programs_and_broken_text() {
        let text =
            "/// doc\nlet web = X { port: 80, s: \"a${b.c}d\" } // note\nlet é = \"open\n-3 30s";
        let k = kinds(text);
        assert_eq!(k.first(), Some(&(Kind::Doc, "/// doc")));
        assert!(k.contains(&(Kind::Str, "\"a")));
        assert!(k.contains(&(Kind::InterpOpen, "${")));
        assert!(k.contains(&(Kind::InterpClose, "}")));
        assert!(k.contains(&(Kind::StrRest, "d\"")));
        assert!(k.contains(&(Kind::Str, "\"open")));
        assert!(k.contains(&(Kind::Num, "-3")));
        assert!(k.contains(&(Kind::Num, "30s")));
        assert!(!k.iter().any(|(_, t)| t.contains("note")));
    }
}
