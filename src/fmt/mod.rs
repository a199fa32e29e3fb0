//! `ecsxc fmt`: one canonical layout for `.ecsx` programs.
//!
//! The formatter works on the concrete syntax tree ([`crate::syntax::cst`]): pest's
//! parse tree with every comment and punctuation token kept. It rewrites only white
//! space, and the commas that separate fields and elements (optional in records,
//! trailing in lists); the rules are in `docs/fmt.md`:
//!
//! - four spaces of indentation per level of braces, brackets or parentheses;
//! - a record goes on one line (`{ port: 80, protocol: "HTTP" }`) when it is short
//!   (at most [`RECORD_WIDTH`] characters), a list or argument list when it fits on
//!   its line; the line must stay within [`MAX_WIDTH`] columns, and nothing inside may
//!   be a comment or be separated by a blank line. Otherwise every field or element
//!   gets a line of its own (records without commas, lists with a comma after every
//!   element);
//! - blank lines between declarations, fields and elements are kept, several in a
//!   row collapsed into one; none at the start or end of the file or of a block;
//! - comments and doc comments stay where they are: a comment on a line of its own
//!   stays on a line of its own, a comment after code stays after that code.
//!
//! A file with a line `// ecsxc-fmt: skip` ([`SKIP_MARKER`]) is left as it is.
//!
//! [`format_source`] is the entry point, for the command line and for editors.

pub mod cli;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::source::{SourceId, Span};
use crate::syntax::cst::{self, Child, Cst, Node, NodeKind, TokenKind};

/// The widest line the formatter writes when it has the choice (in characters).
/// Longer lines remain only where a single token, such as a string, is longer.
pub const MAX_WIDTH: usize = 100;

/// The longest record written on one line, from `{` to `}` (in characters).
pub const RECORD_WIDTH: usize = 60;

const INDENT: &str = "    ";

/// Stack for the formatting thread: parsing recurses once per nesting level.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// A line of its own that keeps a file as it is written (for files kept in an odd
/// layout on purpose, such as test programs that do not parse).
pub const SKIP_MARKER: &str = "// ecsxc-fmt: skip";

/// True when `source` has a [`SKIP_MARKER`] line: [`format_source`] returns it unchanged.
pub fn is_skipped(source: &str) -> bool {
    source.lines().any(|l| l.trim() == SKIP_MARKER)
}

/// Formats a program: returns `source` in the canonical layout, or the program's
/// syntax errors when it does not parse.
///
/// The diagnostics are those of `ecsxc check`'s parse stage, with spans in
/// `SourceId::default()` (offsets into `source`): render them with a
/// [`crate::source::SourceMap`] whose first file is `source`. A file that declares
/// nothing (only comments, or empty) is formatted, not reported. The result parses to
/// the same tokens as `source` (white space and separating commas aside), and
/// formatting it again changes nothing. A file with a [`SKIP_MARKER`] line is returned
/// as it is, parsed or not.
pub fn format_source(source: &str) -> Result<String, Vec<Diagnostic>> {
    if is_skipped(source) {
        return Ok(source.to_string());
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("ecsxc-fmt".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || format_here(source))
            .ok()
            .and_then(|handle| handle.join().ok())
    })
    .unwrap_or_else(|| Err(vec![internal("the formatter stopped unexpectedly")]))
}

fn internal(what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Internal,
        Span::new(SourceId::default(), 0, 0),
        format!("internal compiler error: {what}"),
    )
    .help("the file is left as it is; please report this program to the ecsxc developers")
}

/// The syntax errors of `source` (a program that declares nothing is not an error here).
fn syntax_errors(source: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    crate::syntax::parse(SourceId::default(), source, &mut diags);
    diags.retain(|d| d.code != Code::EmptyProgram);
    diags
}

fn format_here(source: &str) -> Result<String, Vec<Diagnostic>> {
    let diags = syntax_errors(source);
    if diagnostics::has_errors(&diags) {
        return Err(diags);
    }
    let cst = cst::parse(source).ok_or_else(|| vec![internal("no syntax tree")])?;
    let formatted = layout(source, &cst);
    // The guarantee that only the layout changed, checked on every run: the result
    // parses, to the same tokens (so the AST builder, which looks only at tokens, finds
    // no error in it either).
    let again = cst::parse(&formatted)
        .ok_or_else(|| vec![internal("the formatted program does not parse")])?;
    if significant_tokens(source, &cst) != significant_tokens(&formatted, &again) {
        return Err(vec![internal(
            "formatting would change more than the layout",
        )]);
    }
    Ok(formatted)
}

/// The tokens that carry meaning: every token but the commas, comments without
/// trailing white space. Formatting keeps this sequence as it is.
pub fn significant_tokens<'s>(source: &'s str, cst: &Cst) -> Vec<(TokenKind, &'s str)> {
    (0..cst.tokens.len())
        .filter_map(|i| {
            let kind = cst.tokens.get(i)?.kind;
            let text = cst.text(source, i);
            match kind {
                TokenKind::Punct if text == "," => None,
                TokenKind::Comment | TokenKind::Doc => Some((kind, text.trim_end())),
                _ => Some((kind, text)),
            }
        })
        .collect()
}

/// Lays the tree out.
fn layout(source: &str, cst: &Cst) -> String {
    let mut p = Printer::new(source, cst, None);
    p.program(&cst.root);
    let mut out = p.out;
    if source.starts_with('\u{FEFF}') {
        out.insert(0, '\u{FEFF}');
    }
    out
}

/// The kinds of bracketed groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// `{ key: value }`: one line when short; otherwise a field per line, no commas.
    Record,
    /// `[a, b]` and `(a, b)`: one line when it fits; otherwise an element per line,
    /// each followed by a comma.
    List,
    /// The members of a component or record declaration: always a member per line.
    Members,
}

/// What goes on one line of a block: an element with the comments and doc comments
/// on the lines before it and the comments after it on its line.
struct Line<'n> {
    /// Comments and doc comments on lines of their own before it, each with whether a
    /// blank line comes before it.
    leading: Vec<(usize, bool)>,
    /// Whether a blank line comes before the element itself.
    blank: bool,
    /// The element.
    body: Body<'n>,
    /// Comments after it, on its last line.
    trailing: Vec<usize>,
}

enum Body<'n> {
    /// A node, without its first `usize` children (the doc comments moved to `leading`).
    Node(&'n Node, usize),
    /// A lone token (not in a valid program).
    Token(usize),
}

/// The inside of a group, split into lines.
struct Block<'n> {
    /// Comments on the line of the opening bracket.
    open_trailing: Vec<usize>,
    lines: Vec<Line<'n>>,
    /// Comments and doc comments after the last element.
    dangling: Vec<(usize, bool)>,
}

impl Block<'_> {
    /// True when nothing in the block but its elements' code asks for lines of its own.
    fn can_be_flat(&self) -> bool {
        self.open_trailing.is_empty()
            && self.dangling.is_empty()
            && self
                .lines
                .iter()
                .enumerate()
                .all(|(i, l)| l.leading.is_empty() && l.trailing.is_empty() && (i == 0 || !l.blank))
    }
}

struct Printer<'a> {
    src: &'a str,
    cst: &'a Cst,
    out: String,
    /// Indentation level of the lines being written.
    indent: usize,
    /// The current element was already continued on a line of its own (indented once).
    cont: bool,
    /// Nothing written on the current line yet (not even its indentation).
    at_line_start: bool,
    /// Characters on the current line.
    col: usize,
    /// Comments to write at the end of the current line.
    suffix: Vec<usize>,
    /// A comment took the rest of the line: the next token starts a new one.
    break_next: bool,
    /// Width of what follows the current element on its line (`,` or `.name`).
    trail: usize,
    /// Flat mode (everything on one line), failing beyond this many characters.
    flat: Option<usize>,
    /// Flat mode met something that cannot be on one line.
    failed: bool,
}

impl<'a> Printer<'a> {
    fn new(src: &'a str, cst: &'a Cst, flat: Option<usize>) -> Self {
        Printer {
            src,
            cst,
            out: String::new(),
            indent: 0,
            cont: false,
            at_line_start: true,
            col: 0,
            suffix: Vec::new(),
            break_next: false,
            trail: 0,
            flat,
            failed: false,
        }
    }

    fn text(&self, token: usize) -> &'a str {
        let t = self.cst.text(self.src, token);
        match self.kind(token) {
            Some(TokenKind::Comment | TokenKind::Doc) => t.trim_end(),
            _ => t,
        }
    }

    fn kind(&self, token: usize) -> Option<TokenKind> {
        self.cst.tokens.get(token).map(|t| t.kind)
    }

    fn newlines_before(&self, token: usize) -> usize {
        self.cst.tokens.get(token).map_or(0, |t| t.newlines_before)
    }

    /// A blank line before `token` (or before the comma just before it).
    fn blank_before(&self, token: usize) -> bool {
        self.newlines_before(token) >= 2
            || token.checked_sub(1).is_some_and(|prev| {
                self.kind(prev) == Some(TokenKind::Punct)
                    && self.cst.text(self.src, prev) == ","
                    && self.newlines_before(prev) >= 2
            })
    }

    fn write(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if self.at_line_start {
            for _ in 0..self.indent {
                self.out.push_str(INDENT);
            }
            self.col = self.indent * INDENT.len();
            self.at_line_start = false;
        }
        self.out.push_str(s);
        match s.rfind('\n') {
            Some(i) => self.col = s.get(i + 1..).map_or(0, |r| r.chars().count()),
            None => self.col += s.chars().count(),
        }
        if self.flat.is_some_and(|limit| self.col > limit) {
            self.failed = true;
        }
    }

    /// Ends the line (after the comments that trail it), with a blank line after it
    /// when `blank`.
    fn newline(&mut self, blank: bool) {
        for c in std::mem::take(&mut self.suffix) {
            self.out.push(' ');
            self.out.push_str(self.text(c));
        }
        self.out.push('\n');
        if blank {
            self.out.push('\n');
        }
        self.at_line_start = true;
        self.col = 0;
        self.break_next = false;
    }

    /// Continues the current element on a new line, indented once more.
    fn continue_line(&mut self) {
        if !self.cont {
            self.indent += 1;
            self.cont = true;
        }
        self.newline(false);
    }

    /// Prepares for a token: a new line after a comment, or else a space when `space`.
    fn pre(&mut self, space: bool) {
        if self.flat.is_none() && (self.break_next || !self.suffix.is_empty()) {
            self.continue_line();
        } else if space && !self.at_line_start {
            self.write(" ");
        }
    }

    fn token(&mut self, token: usize, space: bool) {
        self.pre(space);
        self.write(self.text(token));
    }

    /// A comment or doc comment inside an element.
    fn comment(&mut self, token: usize) {
        if self.flat.is_some() {
            self.failed = true;
            return;
        }
        let own_line = self.newlines_before(token) > 0 || self.kind(token) == Some(TokenKind::Doc);
        if own_line || self.at_line_start {
            if !self.at_line_start {
                self.continue_line();
            }
            self.write(self.text(token));
            self.break_next = true;
        } else {
            self.suffix.push(token);
        }
    }

    /// A separating comma: on the current line, before the comments that trail it.
    fn comma(&mut self) {
        if self.break_next {
            self.pre(false);
        }
        self.write(",");
    }

    fn program(&mut self, root: &Node) {
        let block = self.block(&root.children, false);
        self.lines(&block, Group::Members, false);
        if !self.out.is_empty() || !self.suffix.is_empty() {
            self.newline(false);
        }
    }

    /// Splits the inside of a group (or the program) into lines. `open`: whether the
    /// children follow an opening bracket (whose line a first comment may trail).
    fn block<'n>(&self, children: &'n [Child], open: bool) -> Block<'n> {
        let mut block = Block {
            open_trailing: Vec::new(),
            lines: Vec::new(),
            dangling: Vec::new(),
        };
        let mut pending: Vec<(usize, bool)> = Vec::new();
        for child in children {
            match child {
                Child::Token(i) => match self.kind(*i) {
                    Some(TokenKind::Comment) => {
                        let trails = self.newlines_before(*i) == 0 && pending.is_empty();
                        match block.lines.last_mut() {
                            Some(line) if trails => line.trailing.push(*i),
                            None if trails && open => block.open_trailing.push(*i),
                            _ => pending.push((*i, self.blank_before(*i))),
                        }
                    }
                    Some(TokenKind::Doc) => pending.push((*i, self.blank_before(*i))),
                    Some(TokenKind::Punct) if self.cst.text(self.src, *i) == "," => {}
                    _ => block.lines.push(Line {
                        leading: std::mem::take(&mut pending),
                        blank: self.blank_before(*i),
                        body: Body::Token(*i),
                        trailing: Vec::new(),
                    }),
                },
                Child::Node(node) => {
                    let mut skip = 0;
                    if matches!(
                        node.kind,
                        NodeKind::Item | NodeKind::Field | NodeKind::Member
                    ) {
                        for c in &node.children {
                            match c {
                                Child::Token(i)
                                    if matches!(
                                        self.kind(*i),
                                        Some(TokenKind::Comment | TokenKind::Doc)
                                    ) =>
                                {
                                    pending.push((*i, self.blank_before(*i)));
                                    skip += 1;
                                }
                                _ => break,
                            }
                        }
                    }
                    let blank = node
                        .children
                        .get(skip..)
                        .and_then(first_token)
                        .is_some_and(|t| self.blank_before(t));
                    block.lines.push(Line {
                        leading: std::mem::take(&mut pending),
                        blank,
                        body: Body::Node(node, skip),
                        trailing: Vec::new(),
                    });
                }
            }
        }
        block.dangling = pending;
        block
    }

    /// Writes the lines of a block, each on a line of its own (the first on the
    /// current line when `first_newline` is false).
    fn lines(&mut self, block: &Block<'_>, group: Group, first_newline: bool) {
        let mut first = true;
        let start_line = |p: &mut Self, blank: bool, first: &mut bool| {
            if !*first || first_newline {
                p.newline(blank && !*first);
            }
            *first = false;
        };
        for line in &block.lines {
            for (c, blank) in &line.leading {
                start_line(self, *blank, &mut first);
                self.write(self.text(*c));
            }
            start_line(self, line.blank, &mut first);
            let saved = (self.indent, self.cont, self.trail);
            self.cont = false;
            self.trail = usize::from(group == Group::List);
            self.body(&line.body);
            (self.indent, self.cont, self.trail) = saved;
            if group == Group::List {
                self.comma();
            }
            self.suffix.extend(line.trailing.iter().copied());
        }
        for (c, blank) in &block.dangling {
            start_line(self, *blank, &mut first);
            self.write(self.text(*c));
        }
    }

    fn body(&mut self, body: &Body<'_>) {
        match body {
            Body::Node(node, skip) => self.node(node, *skip),
            Body::Token(t) => self.token(*t, false),
        }
    }

    /// Writes a node (without its first `skip` children).
    fn node(&mut self, node: &Node, skip: usize) {
        if self.failed {
            return;
        }
        let children = node.children.get(skip..).unwrap_or(&[]);
        match node.kind {
            NodeKind::Record => self.group(children, Group::Record),
            NodeKind::List | NodeKind::StaticParams => self.group(children, Group::List),
            NodeKind::StaticCall => match self.split_at(children, "(") {
                Some((head, rest)) => {
                    self.inline(node.kind, head);
                    self.group(rest, Group::List);
                }
                None => self.inline(node.kind, children),
            },
            NodeKind::Component | NodeKind::RecordDecl => match self.split_at(children, "{") {
                Some((head, rest)) => {
                    self.inline(node.kind, head);
                    self.pre(true);
                    self.group(rest, Group::Members);
                }
                None => self.inline(node.kind, children),
            },
            kind => self.inline(kind, children),
        }
    }

    /// Splits `children` before the first token `open`.
    fn split_at<'n>(
        &self,
        children: &'n [Child],
        open: &str,
    ) -> Option<(&'n [Child], &'n [Child])> {
        let at = children
            .iter()
            .position(|c| matches!(c, Child::Token(i) if self.cst.text(self.src, *i) == open))?;
        Some(children.split_at(at))
    }

    /// Writes children on the current line, spaced as `kind` wants.
    fn inline(&mut self, kind: NodeKind, children: &[Child]) {
        let mut prev: Option<&Child> = None;
        for (i, child) in children.iter().enumerate() {
            if self.failed {
                return;
            }
            match child {
                Child::Token(t) => match self.kind(*t) {
                    Some(TokenKind::Comment | TokenKind::Doc) => self.comment(*t),
                    Some(TokenKind::Punct)
                        if kind == NodeKind::Member && self.cst.text(self.src, *t) == "," => {}
                    _ => {
                        let space = self.space_before(kind, prev, child);
                        self.token(*t, space);
                        prev = Some(child);
                    }
                },
                Child::Node(n) => {
                    let space = self.space_before(kind, prev, child);
                    self.pre(space);
                    let saved = self.trail;
                    if kind == NodeKind::Expr {
                        // `.name` after a value stays on its line.
                        self.trail += children
                            .get(i + 1..)
                            .unwrap_or(&[])
                            .iter()
                            .map(|c| self.width(c))
                            .sum::<usize>();
                    }
                    self.node(n, 0);
                    self.trail = saved;
                    prev = Some(child);
                }
            }
        }
    }

    /// Whether a space goes between `prev` and `child` in a node of kind `kind`.
    fn space_before(&self, kind: NodeKind, prev: Option<&Child>, child: &Child) -> bool {
        let text = |c: &Child| match c {
            Child::Token(t) => self.cst.text(self.src, *t),
            Child::Node(_) => "",
        };
        let Some(prev) = prev else {
            return false;
        };
        match kind {
            NodeKind::Construct => matches!(child, Child::Node(n) if n.kind == NodeKind::Record),
            NodeKind::MapTy => text(prev) == ":",
            NodeKind::StaticDecl => {
                !matches!(child, Child::Node(n) if n.kind == NodeKind::StaticParams)
            }
            NodeKind::Expr
            | NodeKind::MemberAccess
            | NodeKind::StaticCall
            | NodeKind::Str
            | NodeKind::Interpolation
            | NodeKind::TyAlt
            | NodeKind::ListTy
            | NodeKind::ParenTy
            | NodeKind::Range
            | NodeKind::Record
            | NodeKind::List
            | NodeKind::StaticParams => false,
            _ => !matches!(text(child), ":" | "?"),
        }
    }

    /// The width of `child` on one line, its tokens side by side.
    fn width(&self, child: &Child) -> usize {
        match child {
            Child::Token(t) => self.text(*t).chars().count(),
            Child::Node(n) => n.children.iter().map(|c| self.width(c)).sum(),
        }
    }

    /// Writes a bracketed group: `children` starts with the opening bracket and ends
    /// with the closing one.
    fn group(&mut self, children: &[Child], group: Group) {
        let (Some(Child::Token(open)), Some(Child::Token(close))) =
            (children.first(), children.last())
        else {
            return self.inline(NodeKind::Other, children);
        };
        if children.len() < 2 {
            return self.inline(NodeKind::Other, children);
        }
        let inner = children.get(1..children.len() - 1).unwrap_or(&[]);
        let block = self.block(inner, true);
        if self.flat.is_some() {
            return self.flat_group(*open, &block, *close, group);
        }
        self.pre(false);
        if group != Group::Members && block.can_be_flat() {
            let mut p = Printer::new(self.src, self.cst, Some(MAX_WIDTH));
            p.flat_group(*open, &block, *close, group);
            if !p.failed {
                let start = if self.at_line_start {
                    self.indent * INDENT.len()
                } else {
                    self.col
                };
                if start + p.col + self.trail <= MAX_WIDTH {
                    return self.write(&p.out);
                }
            }
        }
        self.write(self.text(*open));
        if block.lines.is_empty() && block.dangling.is_empty() && block.open_trailing.is_empty() {
            return self.write(self.text(*close));
        }
        self.suffix.extend(block.open_trailing.iter().copied());
        let saved = (self.indent, self.cont);
        self.indent += 1;
        self.cont = false;
        self.lines(&block, group, true);
        (self.indent, self.cont) = saved;
        self.newline(false);
        self.write(self.text(*close));
    }

    /// Writes a group on one line (flat mode), failing when it cannot be.
    fn flat_group(&mut self, open: usize, block: &Block<'_>, close: usize, group: Group) {
        let start = self.col;
        if !block.can_be_flat() || (group == Group::Members && !block.lines.is_empty()) {
            self.failed = true;
            return;
        }
        self.write(self.text(open));
        let pad = group == Group::Record && !block.lines.is_empty();
        if pad {
            self.write(" ");
        }
        for (i, line) in block.lines.iter().enumerate() {
            if self.failed {
                return;
            }
            if i > 0 {
                self.write(", ");
            }
            self.body(&line.body);
        }
        if pad {
            self.write(" ");
        }
        self.write(self.text(close));
        if group == Group::Record && self.col - start > RECORD_WIDTH {
            self.failed = true;
        }
    }
}

/// The first token of `children` (depth first).
fn first_token(children: &[Child]) -> Option<usize> {
    children.iter().find_map(|c| match c {
        Child::Token(t) => Some(*t),
        Child::Node(n) => first_token(&n.children),
    })
}

#[cfg(test)]
mod tests;
