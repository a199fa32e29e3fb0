//! Unit tests of the layout rules. Every case is also formatted a second time, which
//! must change nothing.

use super::{format_source, RECORD_WIDTH};
use crate::diagnostics::Code;

/// Formats `src`, and checks that formatting the result changes nothing.
fn fmt(src: &str) -> String {
    let once = format_source(src).unwrap_or_else(|d| panic!("{src}\n{d:#?}"));
    let twice = format_source(&once).unwrap_or_else(|d| panic!("{once}\n{d:#?}"));
    assert_eq!(once, twice, "not idempotent on\n{src}");
    once
}

/// `src` is in the canonical layout already.
fn canonical(src: &str) {
    assert_eq!(fmt(src), src);
}

#[test]
fn spaces_around_declarations_are_one() {
    assert_eq!(fmt("let   x =   1"), "let x = 1\n");
    assert_eq!(
        fmt("export  url=web . endpoint.hostname"),
        "export url = web.endpoint.hostname\n"
    );
    assert_eq!(
        fmt("param stage :\"dev\"|\"prod\"  =\"dev\"\nparam n:Int in 1 .. 10=2"),
        "param stage: \"dev\" | \"prod\" = \"dev\"\nparam n: Int in 1..10 = 2\n"
    );
}

#[test]
fn a_short_record_goes_on_one_line() {
    assert_eq!(
        fmt("let web = ApplicationListener {\n    port: 80\n}\n"),
        "let web = ApplicationListener { port: 80 }\n"
    );
    assert_eq!(fmt("let r = {a:1,b:2}"), "let r = { a: 1, b: 2 }\n");
    assert_eq!(fmt("let r = {a:1 b:2}"), "let r = { a: 1, b: 2 }\n");
    assert_eq!(fmt("let e = Foo {\n}"), "let e = Foo {}\n");
}

#[test]
fn the_width_rule_puts_long_records_one_field_per_line() {
    // A record of exactly RECORD_WIDTH characters stays on one line; one more breaks it.
    let record = |n: usize| format!("{{ name: \"{}\" }}", "x".repeat(n));
    let fits = record(RECORD_WIDTH - "{ name: \"\" }".len());
    assert_eq!(fits.len(), RECORD_WIDTH);
    assert_eq!(fmt(&format!("let r = {fits}")), format!("let r = {fits}\n"));
    let long = record(RECORD_WIDTH + 1 - "{ name: \"\" }".len());
    let value = long.trim_start_matches("{ name: ").trim_end_matches(" }");
    assert_eq!(
        fmt(&format!("let r = {long}")),
        format!("let r = {{\n    name: {value}\n}}\n")
    );
    // Broken records take no commas; the fields keep their order.
    assert_eq!(
        fmt("let s = FargateService { desiredCount: 2, cluster: cluster, containers: { web: { image: \"nginx\" } } }"),
        "let s = FargateService {\n    desiredCount: 2\n    cluster: cluster\n    containers: { web: { image: \"nginx\" } }\n}\n"
    );
}

#[test]
fn lists_and_arguments_go_on_one_line_when_they_fit() {
    assert_eq!(fmt("let l = [ 1 ,2,\n 3, ]"), "let l = [1, 2, 3]\n");
    assert_eq!(
        fmt("let i = Image.fromPath( \"./app\" )"),
        "let i = Image.fromPath(\"./app\")\n"
    );
    // Past the line width: an element per line, each with a comma.
    let word = "\"abcdefghijklmnopqrstuvwxyz\"";
    let src = format!("let l = [{word}, {word}, {word}, {word}]");
    assert_eq!(
        fmt(&src),
        format!("let l = [\n    {word},\n    {word},\n    {word},\n    {word},\n]\n")
    );
    // Exactly the line width fits.
    let name = "x".repeat(super::MAX_WIDTH - "let l = [\"\"]".len());
    canonical(&format!("let l = [\"{name}\"]\n"));
    let name = "x".repeat(super::MAX_WIDTH + 1 - "let l = [\"\"]".len());
    canonical(&format!("let l = [\n    \"{name}\",\n]\n"));
}

#[test]
fn nested_records_and_lists_break_from_the_outside_in() {
    let src = "let nginx = FargateService { desiredCount: 2 containers: { nginx: { image: \"nginx\" memory: 128 portMappings: [web] } } }";
    assert_eq!(
        fmt(src),
        "let nginx = FargateService {
    desiredCount: 2
    containers: {
        nginx: { image: \"nginx\", memory: 128, portMappings: [web] }
    }
}
"
    );
    let src = "let http = ApplicationListener { rules: [{ hosts: [\"shop.example.com\"], forward: shop }, { hosts: [\"blog.example.com\", \"www.blog.example.com\"], paths: [\"/*\"], forward: blog }] }";
    assert_eq!(
        fmt(src),
        "let http = ApplicationListener {
    rules: [
        { hosts: [\"shop.example.com\"], forward: shop },
        {
            hosts: [\"blog.example.com\", \"www.blog.example.com\"]
            paths: [\"/*\"]
            forward: blog
        },
    ]
}
"
    );
    // A value followed by `.name` counts the attribute in its line.
    canonical("let x = Foo.bar(1, 2).baz\n");
}

#[test]
fn comments_stay_where_they_are() {
    // A comment after code stays after it; it breaks its record into lines.
    assert_eq!(
        fmt("let web = ApplicationListener { port: 80, // the port\n protocol: \"HTTP\" }"),
        "let web = ApplicationListener {\n    port: 80 // the port\n    protocol: \"HTTP\"\n}\n"
    );
    // A comment on a line of its own stays on a line of its own, indented.
    assert_eq!(
        fmt("let r = {\n// first\n      a: 1\n           // last\n}"),
        "let r = {\n    // first\n    a: 1\n    // last\n}\n"
    );
    // On the line of the opening brace.
    canonical("let r = { // about r\n    a: 1\n}\n");
    // Inside an expression: the code after it continues on the next line.
    canonical("let x = // about x\n    Foo { a: 1 }\n");
    canonical("let y = a // about a\n    .b\n");
    // Top of the file, between declarations and at the end; `////` is a comment.
    canonical("// top\nlet a = 1 // one\n// between\nlet b = 2\n//// four slashes\n");
    // Trailing white space and carriage returns go; the text stays.
    assert_eq!(fmt("let a = 1 //  note  \r\n"), "let a = 1 //  note\n");
    // A file of comments only is formatted, not reported as empty.
    assert_eq!(fmt("  // nothing yet\n\n\n"), "// nothing yet\n");
    assert_eq!(fmt(""), "");
    assert_eq!(fmt(" \n\n"), "");
}

#[test]
fn doc_comments_stay_with_what_they_document() {
    canonical(
        "/// The file's description.

/// The web listener.
let web = ApplicationListener {
    /// The port.
    port: 80
    protocol: \"HTTP\"
}
",
    );
    // A documented field puts its record into lines.
    assert_eq!(
        fmt("let r = { /// doc of a\n a: 1 }"),
        "let r = {\n    /// doc of a\n    a: 1\n}\n"
    );
    // Standard-library declarations: a member per line, always; no commas.
    assert_eq!(
        fmt("/// A thing.\ncomponent Thing { /// Its size.\n size: Int in 1..10 = 1, out arn: String,\n static existing(name: String, vpc: Vpc?) static other Other }\nrecord Other {}"),
        "/// A thing.
component Thing {
    /// Its size.
    size: Int in 1..10 = 1
    out arn: String
    static existing(name: String, vpc: Vpc?)
    static other Other
}
record Other {}
"
    );
    canonical("record R {\n    tags: {String: String} = {}\n    list: [(\"a\" | \"b\")]?\n    const m: Memory in 6MiB..\n}\n");
}

#[test]
fn blank_lines_are_kept_but_collapsed() {
    assert_eq!(
        fmt("\n\nlet a = 1\n\n\n\nlet b = 2\nlet c = 3\n\n\n"),
        "let a = 1\n\nlet b = 2\nlet c = 3\n"
    );
    // Between fields: kept (so the record stays in lines); at the start and end of a
    // block: dropped.
    assert_eq!(
        fmt("let r = {\n\n    a: 1\n\n\n    b: 2\n\n}"),
        "let r = {\n    a: 1\n\n    b: 2\n}\n"
    );
    assert_eq!(
        fmt("let r = {\n\n    a: 1\n    b: 2\n\n}"),
        "let r = { a: 1, b: 2 }\n"
    );
    // Inside an expression, a blank line is only white space.
    assert_eq!(fmt("let a =\n\n 1"), "let a = 1\n");
}

#[test]
fn strings_keep_their_text_and_interpolations_lose_their_spaces() {
    canonical("let s = \"a  b\\t\\\"c\\\" \\u{41} \\$ ${x}\"\n");
    assert_eq!(
        fmt("let s = \"https://${ api . endpoint.hostname }/${ path }\""),
        "let s = \"https://${api.endpoint.hostname}/${path}\"\n"
    );
    // Records and lists inside interpolations follow the same rules.
    assert_eq!(fmt("let s = \"${ [1,2] }\""), "let s = \"${[1, 2]}\"\n");
    // Keys may be strings.
    assert_eq!(fmt("let t = { \"a b\" : 1 }"), "let t = { \"a b\": 1 }\n");
    // Non-ASCII text is measured in characters.
    canonical("let s = \"é, ö and 🚀\"\n");
}

#[test]
fn values_keep_their_spelling() {
    canonical("let v = [1_000, -5, 30s, 1500ms, 512MiB, 2GiB, true, false]\n");
    canonical("let c = Cluster.existing { nameOrArn: \"prod\", vpc: network }\n");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends() {
    assert_eq!(
        fmt("\u{FEFF}let a = 1\r\nlet b = 2\r\n"),
        "\u{FEFF}let a = 1\nlet b = 2\n"
    );
}

#[test]
fn a_program_that_does_not_parse_gives_its_syntax_errors() {
    let errors = format_source("let web = ApplicationListener {\n    port = 80\n}\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::Syntax);
    assert_eq!(errors[0].span().start, 41);
    let errors = format_source("let s = \"a\\qb\"").unwrap_err();
    assert_eq!(errors[0].code, Code::InvalidEscape);
    let errors = format_source("Resources: {}").unwrap_err();
    assert_eq!(errors[0].code, Code::CfnSyntax);
}

#[test]
fn type_errors_are_not_the_formatters_business() {
    assert_eq!(
        fmt("let x = Nope { port: \"80\" }"),
        "let x = Nope { port: \"80\" }\n"
    );
    assert_eq!(fmt("let unused = y\n"), "let unused = y\n");
}

#[test]
fn deep_nesting_formats() {
    let depth = crate::syntax::MAX_NESTING - 1;
    let src = format!("let x = {}1{}", "[".repeat(depth), "]".repeat(depth));
    let out = fmt(&src);
    assert!(out.starts_with("let x = [\n    [\n"), "{out}");
}
