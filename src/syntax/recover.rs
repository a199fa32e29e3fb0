//! Recovery from syntax errors: where the declaration that failed ends, what it meant
//! to declare, and strings or interpolations left open before the error.
//!
//! These work on the text, not on pest's tree (there is none for text that does not
//! parse). A declaration ends where the next begins — a line starting with `let`,
//! `export` or `param` — or at a `}` in the first column that closes every brace
//! opened since it started. Strings end at the end of their line, as in the grammar.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceId, Span};

/// A string or interpolation still open at the end of its line (or of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Unclosed {
    /// The opening `"` or `${`.
    pub at: usize,
    /// `${` rather than `"`.
    pub interpolation: bool,
}

/// The first string or interpolation opened between `from` and `to` (the position of
/// a syntax error) that is not closed on its line: the likely cause of the error,
/// since it swallows the rest of the line (closing braces included).
pub(super) fn unclosed(text: &str, from: usize, to: usize) -> Option<Unclosed> {
    let bytes = text.as_bytes();
    // `"` a string, `$` an interpolation (code inside a string), `{` a brace.
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = from;
    while let Some(&c) = bytes.get(i) {
        if i > to && stack.iter().all(|(k, _)| *k == b'{') {
            return None;
        }
        let next = bytes.get(i + 1).copied();
        if matches!(stack.last(), Some((b'"', _))) {
            match c {
                // The escaped character, whatever it is (the grammar's `escape`).
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'\n' => return open_at(&stack),
                b'$' if next == Some(b'{') => {
                    stack.push((b'$', i));
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' | b'{' => stack.push((c, i)),
                b'}' if matches!(stack.last(), Some((b'{' | b'$', _))) => {
                    stack.pop();
                }
                b'/' if next == Some(b'/') => {
                    i = line_end(text, i);
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    open_at(&stack)
}

/// What to blame for what is open: the innermost interpolation (in `"${env"` the
/// quote after `env` opens a string inside it), else the outermost string.
fn open_at(stack: &[(u8, usize)]) -> Option<Unclosed> {
    if let Some((_, at)) = stack.iter().rev().find(|(k, _)| *k == b'$') {
        return Some(Unclosed {
            at: *at,
            interpolation: true,
        });
    }
    stack
        .iter()
        .find(|(k, _)| *k == b'"')
        .map(|(_, at)| Unclosed {
            at: *at,
            interpolation: false,
        })
}

impl Unclosed {
    /// `E0008` at the opening quote (or `${`).
    pub fn diagnostic(self, source: SourceId, text: &str) -> Diagnostic {
        let end = line_end(text, self.at);
        let line = text.get(self.at..end).unwrap_or("").trim_end();
        if self.interpolation {
            return Diagnostic::new(
                Code::UnterminatedString,
                Span::new(source, self.at, self.at + 2),
                "interpolation `${` has no closing `}`",
            )
            .label("this interpolation is not closed")
            .help("close it with `}` before the string's closing quote, as in `\"${name}-web\"`; write `\\${` for a literal `${`");
        }
        let span = Span::new(source, self.at, self.at + line.len());
        // Code after the quote (`, memory: 128 } }`) was most likely meant to follow
        // the string.
        let swallowed = line
            .get(1..)
            .and_then(|s| {
                s.find([',', '}', ']', ')'])
                    .map(|i| s.get(i..).unwrap_or(""))
            })
            .map(str::trim_end)
            .filter(|s| !s.is_empty() && s.len() <= 60);
        let help = match swallowed {
            Some(rest) => format!(
                "add `\"` where the string ends; as written it runs to the end of the line, taking `{rest}` with it"
            ),
            None => "add `\"` at the end of the string; strings cannot span lines (use `\\n`)"
                .to_string(),
        };
        Diagnostic::new(
            Code::UnterminatedString,
            span,
            "string literal has no closing `\"`",
        )
        .label("this string is not closed on its line")
        .help(help)
    }
}

/// The start of the keyword when a syntax error at `at` is on (or just after) a
/// `let`, `export` or `param` that starts a line, while the declaration that failed
/// started before that line (at `from`): the declaration above is not finished.
pub(super) fn next_declaration_at(text: &str, from: usize, at: usize) -> Option<usize> {
    let line = line_start(text, at);
    if line <= from || !starts_declaration(text, line) {
        return None;
    }
    if text.get(from..line).is_none_or(only_comments) {
        return None;
    }
    let rest = text.get(line..)?;
    let keyword = line + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let word_end = keyword
        + text
            .get(keyword..)?
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(0);
    let after = word_end
        + text
            .get(word_end..)?
            .find(|c: char| c != ' ' && c != '\t')
            .unwrap_or(0);
    (at >= line && at <= after).then_some(keyword)
}

/// The innermost `{`, `[` or `(` opened between `from` and `to` and still open at
/// `to` (strings and comments skipped).
pub(super) fn open_bracket(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Brackets, and `"` for a string, `$` for an interpolation (closed by `}`).
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = from;
    while i < to {
        let Some(&c) = bytes.get(i) else {
            break;
        };
        let next = bytes.get(i + 1).copied();
        if matches!(stack.last(), Some((b'"', _))) {
            match c {
                b'\\' => i += 1,
                b'"' | b'\n' => {
                    stack.pop();
                }
                b'$' if next == Some(b'{') => {
                    stack.push((b'$', i));
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' | b'{' | b'[' | b'(' => stack.push((c, i)),
                b'}' | b']' | b')' => {
                    let opener = match c {
                        b'}' => [b'{', b'$'],
                        b']' => [b'[', b'['],
                        _ => [b'(', b'('],
                    };
                    if stack.last().is_some_and(|(k, _)| opener.contains(k)) {
                        stack.pop();
                    }
                }
                b'/' if next == Some(b'/') => {
                    i = line_end(text, i);
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    stack
        .iter()
        .rev()
        .find(|(k, _)| matches!(k, b'{' | b'[' | b'('))
        .map(|(_, at)| *at)
}

/// `E0001` for a declaration left unfinished: a bracket at `open` not closed before
/// the next declaration (at `next`) or the end of the file; without a bracket, the
/// declaration above `next` is missing its end.
pub(super) fn unfinished(
    source: SourceId,
    text: &str,
    open: Option<usize>,
    next: Option<usize>,
) -> Option<Diagnostic> {
    let keyword = |at: usize| -> &str {
        let rest = text.get(at..).unwrap_or("");
        rest.get(
            ..rest
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len()),
        )
        .unwrap_or("")
    };
    match (open, next) {
        (Some(open), next) => {
            let bracket = text.get(open..open + 1).unwrap_or("{");
            let closer = match bracket {
                "[" => "]",
                "(" => ")",
                _ => "}",
            };
            let (message, d) = match next {
                Some(next) => (
                    format!("`{bracket}` is not closed before the next declaration"),
                    Some(next),
                ),
                None => (format!("`{bracket}` is never closed"), None),
            };
            let mut diag =
                Diagnostic::new(Code::Syntax, Span::new(source, open, open + 1), message)
                    .label("not closed")
                    .help(format!("add `{closer}` where the value ends"));
            if let Some(next) = d {
                let kw = keyword(next);
                diag = diag.with_label(
                    Span::new(source, next, next + kw.len()),
                    "the next declaration starts here",
                );
            }
            Some(diag)
        }
        (None, Some(next)) => {
            let kw = keyword(next);
            // `let port =` with nothing after it.
            let before = text.get(..next).unwrap_or("").trim_end();
            if let Some(sign) = ["=", ":"].into_iter().find(|s| before.ends_with(s)) {
                let at = before.len() - 1;
                return Some(
                    Diagnostic::new(
                        Code::Syntax,
                        Span::new(source, at, at + 1),
                        format!("no value after `{sign}`"),
                    )
                    .label("a value is missing here")
                    .with_label(
                        Span::new(source, next, next + kw.len()),
                        "the next declaration starts here",
                    )
                    .help("write the value after it"),
                );
            }
            Some(
                Diagnostic::new(
                    Code::Syntax,
                    Span::new(source, next, next + kw.len()),
                    format!("`{kw}` starts a declaration before the one above is complete"),
                )
                .label("a new declaration")
                .help("complete the declaration above: a value may be missing after `=` or `:`"),
            )
        }
        (None, None) => None,
    }
}

/// Where parsing resumes after the declaration that starts at `from` failed at
/// `anchor`: the first line at or after `anchor` that starts a declaration, or the
/// end of a line starting with a `}` that closes every brace opened since `from`
/// (at or after `anchor`'s line); the end of the text if there is neither. Always
/// after `from`. Doc comments just above the next declaration stay with it.
pub(super) fn resume_at(text: &str, from: usize, anchor: usize) -> usize {
    let bytes = text.as_bytes();
    let anchor = anchor.max(from);
    let anchor_line = line_start(text, anchor);
    // `{` braces, `"` strings, `$` interpolations, as in `unclosed`.
    let mut stack: Vec<u8> = Vec::new();
    let mut i = from;
    while let Some(&c) = bytes.get(i) {
        let at_line_start = i == 0 || bytes.get(i - 1) == Some(&b'\n');
        if at_line_start && i > from && i >= anchor && starts_declaration(text, i) {
            return with_docs(text, from, i);
        }
        let next = bytes.get(i + 1).copied();
        if stack.last() == Some(&b'"') {
            match c {
                b'\\' => i += 1,
                b'"' | b'\n' => {
                    stack.pop();
                    if c == b'\n' {
                        continue;
                    }
                }
                b'$' if next == Some(b'{') => {
                    stack.push(b'$');
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' | b'{' => stack.push(c),
                b'}' => {
                    if matches!(stack.last(), Some(b'{' | b'$')) {
                        stack.pop();
                    }
                    if at_line_start && stack.is_empty() && i >= anchor_line {
                        let end = line_end(text, i);
                        return if end < text.len() { end + 1 } else { end };
                    }
                }
                b'/' if next == Some(b'/') => {
                    i = line_end(text, i);
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    text.len()
}

/// Where a chunk of the text that starts at `pos` may end: the start of the first line
/// at least `min` bytes on that starts a declaration (`let`, `export`, `param`), moved
/// up over the doc comment just above it; the end of the text if there is none. No
/// declaration crosses such a line (none of the keywords can continue a value), so
/// parsing up to it parses what is before it as the whole text would.
pub(super) fn chunk_end(text: &str, pos: usize, min: usize) -> usize {
    let mut at = pos.saturating_add(min);
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    while at < text.len() {
        let Some(nl) = text.get(at..).and_then(|t| t.find('\n')) else {
            break;
        };
        at += nl + 1;
        if starts_declaration(text, at) {
            let start = with_docs(text, pos, at);
            if start > pos {
                return start;
            }
        }
    }
    text.len()
}

/// Whether `text` holds only white space, comments and doc comments (what a program
/// may end with after its last declaration).
pub(super) fn only_comments(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim_matches([' ', '\t', '\r', '\u{FEFF}']);
        line.is_empty() || line.starts_with("//")
    })
}

/// Whether the line starting at `at` starts with `let`, `export` or `param` (after
/// indentation).
fn starts_declaration(text: &str, at: usize) -> bool {
    let line = text.get(at..).unwrap_or("").trim_start_matches([' ', '\t']);
    ["let", "export", "param"].iter().any(|kw| {
        line.strip_prefix(kw)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    })
}

/// `at` (a line start), moved up over the `///` lines just above it, but not to
/// `from` or before.
fn with_docs(text: &str, from: usize, at: usize) -> usize {
    let mut at = at;
    while at > 0 {
        let prev = line_start(text, at - 1);
        let is_doc = text
            .get(prev..at)
            .is_some_and(|l| l.trim_start().starts_with("///"));
        if !is_doc || prev <= from {
            break;
        }
        at = prev;
    }
    at
}

/// The names declared by lines of `skipped` that start with `let`, `export` or
/// `param`, as written.
pub(super) fn declared_names(skipped: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in skipped.lines() {
        let line = line.trim_start();
        for kw in ["let", "export", "param"] {
            let Some(rest) = line.strip_prefix(kw) else {
                continue;
            };
            if !rest.starts_with([' ', '\t']) {
                continue;
            }
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i)
}
