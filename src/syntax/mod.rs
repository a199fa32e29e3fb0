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
pub mod parser;
pub mod pest_error;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceId, Span};
use pest::Parser;

pub use ast::Program;

/// Deepest nesting of brackets and braces accepted (deeper input gets `E0010`, so no
/// stage can exhaust the stack).
pub const MAX_NESTING: usize = 64;

/// Parses one file. Returns `None` (with diagnostics) when it is not a program.
pub fn parse(source: SourceId, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Program> {
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
    let pairs = match parser::EcsxParser::parse(parser::Rule::program, text) {
        Ok(pairs) => pairs,
        Err(err) => {
            // Parse again with pest's error detail, which records the tokens expected at
            // the furthest position (it slows parsing, so only failed input pays).
            let detailed =
                with_error_detail(|| parser::EcsxParser::parse(parser::Rule::program, text).err());
            diags.push(pest_error::to_diagnostic(
                source,
                text,
                detailed.as_ref().unwrap_or(&err),
            ));
            return None;
        }
    };
    let root = pairs.into_iter().next()?;
    let mut builder = parser::Builder {
        source,
        text,
        diags,
        file_doc: None,
    };
    let program = builder.program(root);
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
    let bytes = text.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
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
