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
        program | program_prefix | item => "a declaration (`let`, `export` or `param`)",
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
        aws_type => "a CloudFormation resource type such as `aws.s3.Bucket`",
        WHITESPACE | COMMENT | line_rest | ident_char => return None,
    })
}

/// Converts a pest error into a diagnostic for `source`, whose text is `text`; pest
/// parsed `text[base..]`, so its positions are offsets from `base`.
pub fn to_diagnostic(
    source: SourceId,
    text: &str,
    base: usize,
    err: &pest::error::Error<Rule>,
) -> Diagnostic {
    let (mut start, mut end) = match err.location {
        InputLocation::Pos(p) => (base + p, next_char_end(text, base + p)),
        InputLocation::Span((s, e)) => (base + s, base + e),
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
        let max_position = base + attempts.max_position;
        if max_position >= start {
            let mut words: Vec<String> = attempts
                .expected_tokens()
                .iter()
                .map(|t| t.to_string())
                .filter(|t| !is_trivia(t))
                .map(|t| format!("`{t}`"))
                .collect();
            // A `"` tried where a field goes is a quoted key: say "a field name" (a
            // plain key is a name, which has no token).
            let stacks = attempts.call_stacks();
            let in_field = stacks.iter().any(|cs| {
                let rules = [cs.deepest.get_rule().copied(), cs.parent];
                rules.contains(&Some(Rule::field)) || rules.contains(&Some(Rule::field_key))
            });
            if in_field {
                for w in words.iter_mut().filter(|w| w.as_str() == "`\"`") {
                    *w = "a field name".to_string();
                }
            }
            // Tokens say it best; rule names only when no token was tried.
            let no_tokens = words.is_empty();
            for cs in stacks.into_iter().filter(|_| no_tokens) {
                if let Some(r) = cs.deepest.get_rule() {
                    words.extend(describe(*r).map(str::to_string));
                }
            }
            if !words.is_empty() {
                start = max_position.min(text.len());
                end = next_char_end(text, start);
                expected = words;
            }
        }
    }
    // Only the standard library declares components and records.
    expected.retain(|e| e != "`component`" && e != "`record`");
    expected.sort_unstable();
    expected.dedup();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    if let Some(d) = tailored(source, text, start, &expected) {
        return d;
    }
    let span = Span::new(source, start, end);
    let found = describe_found(text, start);
    let value = ["`[`", "`{`", "`true`"]
        .iter()
        .all(|t| expected.contains(t));
    let expected_text = if value {
        // Where a value goes pest lists the tokens that start one (`!`, `"`, `-`, `[`,
        // the `aws` and `alexa` of resource types, ...), and none for names and numbers.
        "a value (a number, a string, a name, a list or a record)".to_string()
    } else {
        list_words(&expected)
    };
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
    "see docs/language.md for the syntax of declarations, values and types".to_string()
}

/// Tokens of white space and comments, never worth listing as expected.
fn is_trivia(token: &str) -> bool {
    token.trim().is_empty()
        || token.starts_with("//")
        || token.contains('\u{FEFF}')
        || token.contains("..")
        || token.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// The errors whose cause is plain from the text, said directly: a fraction
/// (`0.5GiB`), a name with a letter outside ASCII (`café`), a name that starts with a
/// capital (`let Cluster = 3`).
fn tailored(source: SourceId, text: &str, at: usize, expected: &[&str]) -> Option<Diagnostic> {
    let rest = text.get(at..)?;
    let before = text.get(..at)?;
    let c = rest.chars().next()?;
    if c.is_ascii_digit() && before.ends_with('.') {
        let int_start = before
            .get(..before.len() - 1)?
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '_')
            .len();
        if int_start + 1 < before.len() {
            return Some(fraction(source, text, int_start, at));
        }
    }
    if c.is_alphabetic() && !c.is_ascii() {
        return Some(non_ascii_name(source, text, at));
    }
    if c == '+' {
        return Some(
            Diagnostic::new(
                Code::Syntax,
                Span::new(source, at, at + 1),
                "ecsx has no `+`",
            )
            .label("not an operator")
            .help("join strings with interpolation, as in `\"http://${web.endpoint.hostname}/\"`"),
        );
    }
    if c == '}' && expected.contains(&"`let`") {
        return Some(
            Diagnostic::new(
                Code::Syntax,
                Span::new(source, at, at + 1),
                "this `}` closes nothing",
            )
            .label("nothing to close")
            .help("remove it, or check the braces of the declaration above"),
        );
    }
    if c.is_ascii_uppercase() && expected.contains(&"a name") {
        return Some(capitalised_name(source, text, at));
    }
    None
}

/// `E0001` for a number with a fraction, `start..` being its integer part and `frac`
/// the first digit after the point.
fn fraction(source: SourceId, text: &str, start: usize, frac: usize) -> Diagnostic {
    // `10.0.0.0/16` or `1.25.3` unquoted: an address or a version, not a number.
    let run = text
        .get(start..)
        .unwrap_or("")
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '_' | '-')))
        .next()
        .unwrap_or("");
    if run.matches('.').count() > 1 || run.contains('/') {
        return Diagnostic::new(
            Code::Syntax,
            Span::new(source, start, start + run.len()),
            format!("`{run}` is not a number"),
        )
        .label("not quoted")
        .help(format!("write it as a string: `\"{run}\"`"));
    }
    let tail = text.get(frac..).unwrap_or("");
    let digits_len = tail
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(tail.len());
    let unit: String = tail
        .get(digits_len..)
        .unwrap_or("")
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let end = frac + digits_len + unit.len();
    let written = text.get(start..end).unwrap_or("");
    let int = text.get(start..frac - 1).unwrap_or("").replace('_', "");
    let fraction = text
        .get(frac..frac + digits_len)
        .unwrap_or("")
        .replace('_', "");
    let exact = whole_equivalent(&int, &fraction, &unit);
    let help = match (exact, unit.as_str()) {
        (Some(w), _) => format!("write `{w}`"),
        (None, "MiB" | "GiB") => "memory sizes are whole numbers of MiB or GiB".to_string(),
        (None, "ms" | "s" | "m" | "h" | "d") => {
            "durations are whole numbers of ms, s, m, h or d".to_string()
        }
        _ => "ecsx numbers are integers; write a whole number".to_string(),
    };
    Diagnostic::new(
        Code::Syntax,
        Span::new(source, start, end),
        format!("`{written}` has a fraction: numbers in ecsx are whole"),
    )
    .label("not a whole number")
    .help(help)
}

/// The same quantity without a fraction in the largest unit that holds it exactly
/// (`0.5GiB` → `512MiB`, `1.5s` → `1500ms`, `0.5h` → `30m`), if there is one.
fn whole_equivalent(int: &str, fraction: &str, unit: &str) -> Option<String> {
    // Every unit in its smallest one (MiB, ms), largest first.
    let units: &[(&str, u128)] = match unit {
        "MiB" | "GiB" => &[("GiB", 1024), ("MiB", 1)],
        "ms" | "s" | "m" | "h" | "d" => &[
            ("d", 86_400_000),
            ("h", 3_600_000),
            ("m", 60_000),
            ("s", 1000),
            ("ms", 1),
        ],
        _ => return None,
    };
    let factor = units.iter().find(|(u, _)| *u == unit)?.1;
    if int.len() > 18 || fraction.len() > 18 {
        return None;
    }
    let scale = 10u128.pow(u32::try_from(fraction.len()).ok()?);
    let numerator = int.parse::<u128>().unwrap_or(0) * scale + fraction.parse::<u128>().ok()?;
    let total = numerator * factor;
    if total % scale != 0 {
        return None;
    }
    let smallest = total / scale;
    let (name, size) = units
        .iter()
        .find(|(_, size)| smallest % size == 0)
        .copied()?;
    (smallest > 0).then(|| format!("{}{name}", smallest / size))
}

/// `E0001` for a letter outside ASCII in a name, at that letter.
fn non_ascii_name(source: SourceId, text: &str, at: usize) -> Diagnostic {
    let is_name_char = |c: char| c.is_alphanumeric() || c == '_';
    let word_start = text
        .get(..at)
        .unwrap_or("")
        .trim_end_matches(is_name_char)
        .len();
    let word_end = at
        + text
            .get(at..)
            .unwrap_or("")
            .find(|c: char| !is_name_char(c))
            .unwrap_or(text.len() - at);
    let bad_end = at
        + text
            .get(at..word_end)
            .unwrap_or("")
            .find(|c: char| c.is_ascii())
            .unwrap_or(word_end - at);
    let word = text.get(word_start..word_end).unwrap_or("");
    let bad = text.get(at..bad_end).unwrap_or("");
    let ascii: String = word.chars().flat_map(fold_to_ascii).collect();
    let valid = ascii.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && !is_keyword(&ascii)
        && ascii.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut help = if valid {
        format!("write `{ascii}`")
    } else {
        "rename it with ASCII letters".to_string()
    };
    // A record key (`{ größe: 1 }`) may be written as a string.
    let after = text.get(word_end..).unwrap_or("").trim_start();
    let before = text.get(..word_start).unwrap_or("").trim_end();
    if after.starts_with(':') && (before.ends_with('{') || before.ends_with(',')) {
        help = format!("{help}, or write the key as a string: `\"{word}\": ...`");
    }
    Diagnostic::new(
        Code::Syntax,
        Span::new(source, at, bad_end),
        format!("`{word}` is not a name: names are ASCII letters, digits and `_`"),
    )
    .label(format!("`{bad}` is not ASCII"))
    .help(help)
}

/// A Latin letter with a diacritic as its ASCII base letter(s); other characters
/// outside ASCII are dropped.
fn fold_to_ascii(c: char) -> Vec<char> {
    let base = match c {
        'à'..='å' => "a",
        'À'..='Å' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' => "c",
        'Ç' => "C",
        'è'..='ë' => "e",
        'È'..='Ë' => "E",
        'ì'..='ï' => "i",
        'Ì'..='Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò'..='ö' | 'ø' => "o",
        'Ò'..='Ö' | 'Ø' => "O",
        'œ' => "oe",
        'ù'..='ü' => "u",
        'Ù'..='Ü' => "U",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        c if c.is_ascii() => return vec![c],
        _ => "",
    };
    base.chars().collect()
}

/// `E0001` for a name that starts with a capital letter (`let Cluster = 3`).
fn capitalised_name(source: SourceId, text: &str, at: usize) -> Diagnostic {
    let rest = text.get(at..).unwrap_or("");
    let word_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let word = rest.get(..word_len).unwrap_or("");
    let before = text.get(..at).unwrap_or("").trim_end();
    let keyword = ["let", "export", "param"].into_iter().find(|kw| {
        before
            .strip_suffix(kw)
            .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
    });
    let what = match keyword {
        Some("export") => "an output",
        Some("param") => "a parameter",
        Some(_) => "a binding",
        None if before.ends_with('.') => "an attribute",
        None => "a value",
    };
    let suggestion = camel_case(word);
    let mut help = "capitalised names are types, such as `FargateService`".to_string();
    if !suggestion.is_empty() && !is_keyword(&suggestion) {
        help = format!("{help}; write `{suggestion}`");
    }
    Diagnostic::new(
        Code::Syntax,
        Span::new(source, at, at + word_len),
        format!("`{word}` cannot name {what}: names start with a lower-case letter"),
    )
    .label("starts with a capital")
    .help(help)
}

/// `ServiceName` → `serviceName`, `VPC_ID` → `vpcId`, `HTTPPort` → `httpPort`.
fn camel_case(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let boundary = c == '_'
            || (c.is_ascii_uppercase()
                && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()))
            || (c.is_ascii_uppercase()
                && prev.is_some_and(|p| p.is_ascii_uppercase())
                && next.is_some_and(|n| n.is_ascii_lowercase()));
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        if c != '_' {
            current.push(c);
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_ascii_lowercase();
            if i == 0 {
                lower
            } else {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect()
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "let"
            | "export"
            | "param"
            | "component"
            | "record"
            | "static"
            | "out"
            | "const"
            | "in"
            | "true"
            | "false"
    )
}
