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
            diags.push(pest_error::to_diagnostic(source, text, &err));
            return None;
        }
    };
    let root = pairs.into_iter().next()?;
    let mut builder = parser::Builder { source, diags };
    let program = builder.program(root, text);
    if program.items.is_empty() && !crate::diagnostics::has_errors(diags) {
        let len = text.len();
        diags.push(
            Diagnostic::new(
                Code::EmptyProgram,
                Span::new(source, len, len),
                "the program declares nothing",
            )
            .help("declare a service, for example:\n  let web = ApplicationListener { port: 80 }\n  let app = FargateService { containers: { app: { image: \"nginx\", memory: 128, portMappings: [web] } } }"),
        );
    }
    Some(program)
}

/// The offset of the first bracket nested deeper than [`MAX_NESTING`], skipping strings
/// and comments roughly (a conservative pre-check, not a parser).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        if in_string {
            if c == '"' && prev != '\\' || c == '\n' {
                in_string = false;
            }
        } else {
            match c {
                '"' => in_string = true,
                '{' | '[' | '(' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(i);
                    }
                }
                '}' | ']' | ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = if prev == '\\' && c == '\\' { '\0' } else { c };
    }
    None
}
