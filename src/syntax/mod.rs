//! Syntax: source text → [`ast::Program`].
//!
//! The grammar is `grammar/ecsx.pest`; [`parser`] builds the AST from pest's tree and
//! [`pest_error`] turns pest's errors into diagnostics said in plain words. Nothing
//! outside this module sees a pest type.
//!
//! ```text
//! let web = ApplicationListener { port: 80 }   ──parse──▶   Item::Let { name: web, value: Construct { .. } }
//! ```

pub mod ast;
pub mod cst;
pub mod incremental;
pub mod parser;
pub mod pest_error;
mod recover;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceId, Span};
use pest::Parser;

pub use ast::Program;
pub use incremental::ParseCache;

/// Deepest nesting of brackets and braces accepted (deeper input gets `E0010`, so no
/// stage can exhaust the stack).
pub const MAX_NESTING: usize = 64;

/// A file with a syntax error is parsed in chunks (each ending where a declaration
/// starts) of at least this many bytes, doubled after each chunk that parses.
const FIRST_CHUNK_BYTES: usize = 256;

/// Parses one file. Returns `None` (with `E0010`) only when values nest too deeply to
/// parse safely.
///
/// A syntax error does not stop the parse: the declaration that failed is reported
/// (one error each), skipped up to where the next declaration starts (see
/// `recover.rs`), and parsing goes on, so the program holds every declaration that
/// parsed, with [`Program::partial`] set and the skipped names in
/// [`Program::unparsed`].
pub fn parse(source: SourceId, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Program> {
    parse_with(source, text, diags, &mut ParseCache::new(), false)
}

/// [`parse`], with the declarations of `cache` whose text is unchanged reused; with
/// `pieces_first`, the file is parsed piece by piece from the start (the language
/// server, which holds the cache), else as a whole first (a file read once).
fn parse_with(
    source: SourceId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    cache: &mut ParseCache,
    pieces_first: bool,
) -> Option<Program> {
    if let Some(at) = too_deep(text) {
        diags.push(
            Diagnostic::new(
                Code::NestingTooDeep,
                Span::new(source, at, at + 1),
                format!("values nested more than {MAX_NESTING} levels deep"),
            )
            .label("too deep from here")
            .help("flatten the value, or bind inner parts with `let`"),
        );
        return None;
    }
    let mut program = Program::new(source);
    // True when every piece parsed alone although the whole file does not.
    let pieces_hide_the_error = if pieces_first {
        incremental::parse_by_pieces(&mut program, text, diags, cache);
        false
    } else if let Ok(pairs) = parser::EcsxParser::parse(parser::Rule::program, text) {
        // A program without errors is parsed in one go, as a whole.
        if let Some(root) = pairs.into_iter().next() {
            build(&mut program, text, 0, diags, root);
        }
        false
    } else {
        incremental::parse_by_pieces(&mut program, text, diags, cache)
    };
    if pieces_hide_the_error {
        // Recover the file as a whole.
        program = Program::new(source);
        recover_all(&mut program, text, diags);
    }
    if program.items.is_empty() && !crate::diagnostics::has_errors(diags) {
        let len = text.len();
        diags.push(
            Diagnostic::new(
                Code::EmptyProgram,
                Span::new(source, 0, len),
                "the program declares nothing",
            )
            .label("no `let`, `export` or `param` in this file")
            .help("declare something, for example `let web = ApplicationListener { port: 80 }`"),
        );
    }
    Some(program)
}

/// Parses `text`, which has a syntax error, declaration by declaration: each one that
/// fails is reported and skipped, the others are built into `program`.
///
/// The text is parsed in chunks that end where a declaration starts (no declaration
/// crosses such a line), starting small after each error and doubling while they
/// parse: pest's cost for an error grows with the text after it, and a file with many
/// errors must not cost the square of its length.
fn recover_all(program: &mut Program, text: &str, diags: &mut Vec<Diagnostic>) {
    recover_from(program, text, 0, diags, |_| false);
}

/// [`recover_all`] from `start` (where a declaration starts), until the end of the text
/// or until `stop(pos)` says where parsing has reached is far enough; returns that
/// position.
fn recover_from(
    program: &mut Program,
    text: &str,
    start: usize,
    diags: &mut Vec<Diagnostic>,
    mut stop: impl FnMut(usize) -> bool,
) -> usize {
    let source = program.source;
    program.partial = true;
    let mut pos = start;
    let mut last_error = None;
    let mut chunk_bytes = FIRST_CHUNK_BYTES;
    while pos < text.len() && (pos == start || !stop(pos)) {
        let end = recover::chunk_end(text, pos, chunk_bytes);
        let Some(chunk) = text.get(pos..end) else {
            break;
        };
        // The declarations that parse, and where the first one that does not starts.
        let mut from = pos;
        if let Ok(pairs) = parser::EcsxParser::parse(parser::Rule::program_prefix, chunk) {
            if let Some(root) = pairs.into_iter().next() {
                from = pos + root.as_span().end();
                build(program, chunk, pos, diags, root);
            }
        }
        // Parse the chunk again with pest's error detail, which records the tokens
        // expected at the furthest position (it slows parsing, so only failed input pays).
        let err = match text.get(from..end) {
            Some(tail) if !recover::only_comments(tail) => {
                with_error_detail(|| parser::EcsxParser::parse(parser::Rule::program, chunk).err())
            }
            _ => None,
        };
        let Some(err) = err else {
            // The chunk parsed.
            pos = end;
            chunk_bytes = chunk_bytes.saturating_mul(2);
            continue;
        };
        let mut diag = pest_error::to_diagnostic(source, text, pos, &err);
        let mut anchor = (diag.span().start as usize).max(from);
        // An error at the next declaration's keyword, or at the end of the file: the
        // declaration is unfinished, most often for a bracket left open.
        let next = recover::next_declaration_at(text, from, anchor);
        let at_end = text.get(anchor..).is_none_or(recover::only_comments);
        if next.is_some() || at_end {
            let to = next.unwrap_or(text.len());
            anchor = to;
            let open = recover::open_bracket(text, from, to);
            if let Some(d) = recover::unfinished(source, text, open, next) {
                diag = d;
            }
        }
        // A string left open swallows the rest of its line, closing braces and all; the
        // error pest sees is later (often at the end of the file).
        if let Some(open) = recover::unclosed(text, from, anchor) {
            diag = open.diagnostic(source, text);
            anchor = open.at;
        }
        if last_error != Some(anchor) {
            diags.push(diag);
        }
        last_error = Some(anchor);
        let next = recover::resume_at(text, from, anchor);
        program
            .unparsed
            .extend(recover::declared_names(text.get(from..next).unwrap_or("")));
        if next <= pos {
            break;
        }
        pos = next;
        chunk_bytes = FIRST_CHUNK_BYTES;
    }
    pos
}

/// Builds the items of `root` (parsed from `rest`, which starts at `base` in the file)
/// into `program`.
fn build<'i>(
    program: &mut Program,
    rest: &'i str,
    base: usize,
    diags: &mut Vec<Diagnostic>,
    root: pest::iterators::Pair<'i, parser::Rule>,
) {
    let mut builder = parser::Builder {
        source: program.source,
        text: rest,
        base,
        file_start: base == 0,
        diags,
        file_doc: None,
        failed: false,
        unparsed: Vec::new(),
    };
    builder.items(root, &mut program.items);
    if program.doc.is_none() {
        program.doc = builder.file_doc.take();
    }
    program.partial |= builder.failed;
    program.unparsed.append(&mut builder.unparsed);
}

/// Threads currently parsing with pest's (global) error detail switched on.
static DETAIL_USERS: std::sync::Mutex<usize> = std::sync::Mutex::new(0);

/// Runs `f` with pest's error detail on. The flag is global, so it is counted: it goes
/// off only when the last thread that needed it is done, and every detailed parse
/// sees it on from start to end.
fn with_error_detail<T>(f: impl FnOnce() -> T) -> T {
    {
        let mut users = DETAIL_USERS.lock().unwrap_or_else(|e| e.into_inner());
        *users += 1;
        pest::set_error_detail(true);
    }
    let result = f();
    let mut users = DETAIL_USERS.lock().unwrap_or_else(|e| e.into_inner());
    *users = users.saturating_sub(1);
    if *users == 0 {
        pest::set_error_detail(false);
    }
    result
}

/// The offset of the first bracket, string or interpolation nested deeper than
/// [`MAX_NESTING`] (a conservative pre-check, so that no recursive stage can exhaust
/// the stack; it follows strings and `${...}` but is not a parser).
fn too_deep(text: &str) -> Option<usize> {
    /// Whether each byte opens, closes or starts something.
    const NESTING_BYTES: [bool; 256] = {
        let mut table = [false; 256];
        let mut rest: &mut [bool] = &mut table;
        let mut byte = 0u8;
        while let [slot, tail @ ..] = rest {
            *slot = matches!(
                byte,
                b'\\' | b'"' | b'\n' | b'$' | b'{' | b'[' | b'(' | b'}' | b']' | b')' | b'/'
            );
            byte = byte.wrapping_add(1);
            rest = tail;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        // Most bytes open, close and start nothing, in a string or out of one.
        if NESTING_BYTES.get(usize::from(c)) != Some(&true) {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        if stack.last() == Some(&b'"') {
            match c {
                b'\\' => i += 1,
                b'"' | b'\n' => {
                    stack.pop();
                }
                b'$' if next == Some(b'{') => {
                    stack.push(b'$');
                    i += 1;
                }
                _ => {}
            }
        } else {
            match c {
                b'"' | b'{' | b'[' | b'(' => stack.push(c),
                b'}' if matches!(stack.last(), Some(b'{' | b'$')) => {
                    stack.pop();
                }
                b']' if stack.last() == Some(&b'[') => {
                    stack.pop();
                }
                b')' if stack.last() == Some(&b'(') => {
                    stack.pop();
                }
                b'/' if next == Some(b'/') => {
                    while bytes.get(i).is_some_and(|b| *b != b'\n') {
                        i += 1;
                    }
                    continue;
                }
                _ => {}
            }
        }
        if stack.len() > MAX_NESTING {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests;
