//! pest's errors, said in plain words: a located [`Diagnostic`] with what was expected.

use super::parser::Rule;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceId, Span};
use pest::error::{ErrorVariant, InputLocation};

/// The plain-words name of a rule in "expected …", or `None` for rules never worth
/// naming (silent or internal ones). Exhaustive on purpose: a new rule needs a name.
pub fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "the end of the file",
        program | item => "a declaration (`let`, `export` or `param`)",
        let_decl | kw_let => "`let`",
        export_decl | kw_export => "`export`",
        param_decl | kw_param => "`param`",
        component_decl | kw_component => "`component`",
        record_decl | kw_record => "`record`",
        member | field_decl => "a field declaration",
        static_decl | kw_static => "`static`",
        static_params => "`(`",
        param_item => "a parameter",
        out_kw | kw_out => "`out`",
        const_kw | kw_const => "`const`",
        ty | ty_alt | ty_base | named_ty => "a type",
        optional => "`?`",
        list_ty => "a list type `[T]`",
        map_ty => "a map type `{String: T}`",
        paren_ty => "`(`",
        range | kw_in => "`in`",
        range_bound => "a number, duration or memory size",
        kw_string_ty => "`String`",
        expr | primary => "a value",
        member_access => "`.`",
        construct | type_ref => "a type name",
        static_call => "`(`",
        reference => "a name",
        list => "a list",
        record => "`{`",
        field => "a field name or `}`",
        field_key => "a field name",
        boolean => "`true` or `false`",
        int => "a number",
        duration => "a duration",
        duration_unit => "a duration unit (`s`, `m`, `h`, `d`)",
        memory_size => "a memory size",
        memory_unit => "`MiB` or `GiB`",
        string => "a string",
        string_end => "`\"`",
        string_part | unterminated | text | escape | interpolation | doc | compat_intrinsic
        | compat_item => return None,
        ident | keyword => "a name",
        type_name => "a type name",
        WHITESPACE | COMMENT | line_rest | ident_char => return None,
    })
}

/// Converts a pest error into a diagnostic for `source`.
pub fn to_diagnostic(source: SourceId, text: &str, err: &pest::error::Error<Rule>) -> Diagnostic {
    let (mut start, mut end) = match err.location {
        InputLocation::Pos(p) => (p, next_char_end(text, p)),
        InputLocation::Span((s, e)) => (s, e),
    };
    let mut expected: Vec<String> = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives
            .iter()
            .filter_map(|r| describe(*r))
            .map(str::to_string)
            .collect(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // With error detail on, pest also knows the literal tokens it tried at the
    // furthest position (`:`, `}`), which say more than the rule names.
    if let Some(attempts) = err.parse_attempts() {
        if attempts.max_position >= start {
            let mut words: Vec<String> = attempts
                .expected_tokens()
                .iter()
                .map(|t| t.to_string())
                .filter(|t| !is_trivia(t))
                .map(|t| format!("`{t}`"))
                .collect();
            // Tokens say it best; rule names only when no token was tried.
            let no_tokens = words.is_empty();
            for cs in attempts.call_stacks().into_iter().filter(|_| no_tokens) {
                if let Some(r) = cs.deepest.get_rule() {
                    words.extend(describe(*r).map(str::to_string));
                }
            }
            if !words.is_empty() {
                start = attempts.max_position.min(text.len());
                end = next_char_end(text, start);
                expected = words;
            }
        }
    }
    let span = Span::new(source, start, end);
    let found = describe_found(text, start);
    expected.sort_unstable();
    expected.dedup();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let expected_text = list_words(&expected);
    let message = if expected_text.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {expected_text}, found {found}")
    };
    let mut diag =
        Diagnostic::new(Code::Syntax, span, message).label(if expected_text.is_empty() {
            "unexpected here".to_string()
        } else {
            format!("expected {expected_text}")
        });
    diag = diag.help(hint(text, start, &expected));
    diag
}

fn next_char_end(text: &str, p: usize) -> usize {
    text.get(p..)
        .and_then(|rest| rest.chars().next())
        .map_or(p, |c| p + c.len_utf8())
}

/// "`}`", "the end of the file", "a name `foo`".
fn describe_found(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return "the end of the file".to_string();
    };
    if c == '\n' {
        return "the end of the line".to_string();
    }
    if c.is_alphanumeric() || c == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        return format!("`{word}`");
    }
    if c.is_control() {
        return format!("the character U+{:04X}", c as u32);
    }
    format!("`{c}`")
}

fn list_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn hint(text: &str, at: usize, expected: &[&str]) -> String {
    let rest = text.get(at..).unwrap_or("");
    if rest.starts_with('=') && expected.contains(&"`:`") {
        return "fields are written `name: value`, with a colon".to_string();
    }
    if rest.starts_with(':') && expected.iter().any(|e| e.contains("`=`")) {
        return "bindings are written `let name = value`, with `=`".to_string();
    }
    if rest.starts_with(';') {
        return "ecsx needs no `;`: put each declaration or field on its own line".to_string();
    }
    "see LANGUAGE.md for the syntax of declarations, values and types".to_string()
}

/// Tokens of white space and comments, never worth listing as expected.
fn is_trivia(token: &str) -> bool {
    token.trim().is_empty()
        || token.starts_with("//")
        || token.contains('\u{FEFF}')
        || token.contains("..")
        || token.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}
