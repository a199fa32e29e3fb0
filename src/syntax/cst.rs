//! A concrete syntax tree: pest's parse tree with every token kept, punctuation and
//! comments included, so that a tool can rewrite the layout of a program without
//! losing a character of it (`ecsxc fmt`).
//!
//! Nodes are the grammar's rules (those that only wrap one other rule, such as
//! `primary`, are left out and their children spliced into the parent); leaves are
//! [`Token`]s in source order. Comments and punctuation, which pest does not keep,
//! are recovered from the gaps between the rules' spans. Comments at the end of a
//! node are moved out of it, after it, so a comment always belongs to the innermost
//! node that has code after it.

use super::parser::{EcsxParser, Rule};
use pest::iterators::Pair;
use pest::Parser;

/// What a node of the tree is (one per grammar rule that formats differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The whole file.
    Program,
    /// A declaration with its doc comments.
    Item,
    /// `let NAME = EXPR`.
    Let,
    /// `export NAME = EXPR`.
    Export,
    /// `param NAME: TYPE = EXPR`.
    Param,
    /// `component NAME { ... }`.
    Component,
    /// `record NAME { ... }`.
    RecordDecl,
    /// A member of a component or record declaration, with its doc comments.
    Member,
    /// `out const NAME: TYPE = EXPR`.
    FieldDecl,
    /// `static NAME(PARAMS)` or `static NAME TYPE`.
    StaticDecl,
    /// `(NAME: TYPE, ...)`.
    StaticParams,
    /// `NAME: TYPE` in static parameters.
    ParamItem,
    /// `A | B`.
    Ty,
    /// `T` or `T?`.
    TyAlt,
    /// `[T]`.
    ListTy,
    /// `{String: T}`.
    MapTy,
    /// `(T)`.
    ParenTy,
    /// `Name` or `Name in RANGE`.
    NamedTy,
    /// `LOW..HIGH`.
    Range,
    /// A value followed by attribute accesses.
    Expr,
    /// `.name`.
    MemberAccess,
    /// `Type { ... }` or `Type.name { ... }`.
    Construct,
    /// `Type.name(ARGS)`.
    StaticCall,
    /// `[a, b]`.
    List,
    /// `{ key: value }`.
    Record,
    /// `key: value` in a record, with its doc comments.
    Field,
    /// A string literal.
    Str,
    /// `${EXPR}` inside a string.
    Interpolation,
    /// A rule this tree has no kind for (kept as it is).
    Other,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A name, keyword, number, duration, boolean, or a piece of a string's text.
    Word,
    /// Punctuation: `{ } [ ] ( ) , : = . | ? .. ${` and the opening quote.
    Punct,
    /// A `// comment` (without the line break).
    Comment,
    /// A `/// doc comment` (without the line break).
    Doc,
}

/// A token: a kind and a byte range of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Line breaks between the previous token (or the start of the file) and this one.
    pub newlines_before: usize,
}

/// A child of a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Child {
    /// A nested node.
    Node(Node),
    /// A token, by index into [`Cst::tokens`].
    Token(usize),
}

/// A node: its kind and its children in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its children, tokens and nodes, in source order.
    pub children: Vec<Child>,
}

/// The concrete syntax tree of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cst {
    /// The [`NodeKind::Program`] node.
    pub root: Node,
    /// Every token of the file, in source order.
    pub tokens: Vec<Token>,
}

impl Cst {
    /// The text of token `index` in `source` (empty for an index out of range).
    pub fn text<'s>(&self, source: &'s str, index: usize) -> &'s str {
        self.tokens
            .get(index)
            .and_then(|t| source.get(t.start..t.end))
            .unwrap_or("")
    }
}

/// How a rule becomes part of the tree.
enum Shape {
    /// A node of this kind.
    Node(NodeKind),
    /// A single token.
    Leaf(TokenKind),
    /// Its children, spliced into the parent.
    Transparent,
    /// Nothing (end of input).
    Drop,
}

fn shape(rule: Rule) -> Shape {
    use NodeKind as K;
    match rule {
        Rule::program => Shape::Node(K::Program),
        Rule::item => Shape::Node(K::Item),
        Rule::let_decl => Shape::Node(K::Let),
        Rule::export_decl => Shape::Node(K::Export),
        Rule::param_decl => Shape::Node(K::Param),
        Rule::component_decl => Shape::Node(K::Component),
        Rule::record_decl => Shape::Node(K::RecordDecl),
        Rule::member => Shape::Node(K::Member),
        Rule::field_decl => Shape::Node(K::FieldDecl),
        Rule::static_decl => Shape::Node(K::StaticDecl),
        Rule::static_params => Shape::Node(K::StaticParams),
        Rule::param_item => Shape::Node(K::ParamItem),
        Rule::ty => Shape::Node(K::Ty),
        Rule::ty_alt => Shape::Node(K::TyAlt),
        Rule::list_ty => Shape::Node(K::ListTy),
        Rule::map_ty => Shape::Node(K::MapTy),
        Rule::paren_ty => Shape::Node(K::ParenTy),
        Rule::named_ty => Shape::Node(K::NamedTy),
        Rule::range => Shape::Node(K::Range),
        Rule::expr => Shape::Node(K::Expr),
        Rule::member_access => Shape::Node(K::MemberAccess),
        Rule::construct => Shape::Node(K::Construct),
        Rule::static_call => Shape::Node(K::StaticCall),
        Rule::list => Shape::Node(K::List),
        Rule::record => Shape::Node(K::Record),
        Rule::field => Shape::Node(K::Field),
        Rule::string => Shape::Node(K::Str),
        Rule::interpolation => Shape::Node(K::Interpolation),
        Rule::out_kw
        | Rule::const_kw
        | Rule::ty_base
        | Rule::primary
        | Rule::type_ref
        | Rule::reference
        | Rule::field_key => Shape::Transparent,
        Rule::doc => Shape::Leaf(TokenKind::Doc),
        Rule::optional => Shape::Leaf(TokenKind::Punct),
        Rule::EOI => Shape::Drop,
        Rule::ident
        | Rule::type_name
        | Rule::aws_type
        | Rule::keyword
        | Rule::kw_let
        | Rule::kw_export
        | Rule::kw_param
        | Rule::kw_component
        | Rule::kw_record
        | Rule::kw_static
        | Rule::kw_out
        | Rule::kw_const
        | Rule::kw_in
        | Rule::kw_string_ty
        | Rule::boolean
        | Rule::int
        | Rule::duration
        | Rule::duration_unit
        | Rule::memory_size
        | Rule::memory_unit
        | Rule::string_end
        | Rule::unterminated
        | Rule::text
        | Rule::escape
        | Rule::compat_intrinsic => Shape::Leaf(TokenKind::Word),
        // Rules that never reach the tree (silent ones), and `compat_item` (which is
        // an error anyway): kept as they are.
        _ => Shape::Node(K::Other),
    }
}

/// Parses `source` into its concrete syntax tree; `None` when it does not parse.
pub fn parse(source: &str) -> Option<Cst> {
    let root = EcsxParser::parse(Rule::program, source).ok()?.next()?;
    let mut b = Builder {
        source,
        tokens: Vec::new(),
    };
    let root = match b.pair(root).pop() {
        Some(Child::Node(node)) => node,
        _ => return None,
    };
    let mut tokens = b.tokens;
    let mut prev = 0;
    for t in &mut tokens {
        t.newlines_before = source
            .get(prev..t.start)
            .map_or(0, |gap| gap.matches('\n').count());
        prev = t.end;
    }
    Some(Cst { root, tokens })
}

struct Builder<'s> {
    source: &'s str,
    tokens: Vec<Token>,
}

impl Builder<'_> {
    /// The children `pair` contributes to its parent.
    fn pair(&mut self, pair: Pair<'_, Rule>) -> Vec<Child> {
        let span = pair.as_span();
        let (start, end) = (span.start(), span.end());
        match shape(pair.as_rule()) {
            Shape::Drop => Vec::new(),
            Shape::Leaf(kind) => vec![self.token(kind, start, end)],
            shape => {
                let mut children = Vec::new();
                let mut at = start;
                for inner in pair.into_inner() {
                    let s = inner.as_span();
                    self.gap(at, s.start(), &mut children);
                    at = s.end();
                    children.extend(self.pair(inner));
                }
                self.gap(at, end, &mut children);
                match shape {
                    Shape::Node(kind) => {
                        // Comments at the end belong after the node (the program keeps
                        // the comments at the end of the file).
                        let mut after = Vec::new();
                        while let Some(Child::Token(i)) = children.last() {
                            if kind == NodeKind::Program {
                                break;
                            }
                            if self
                                .tokens
                                .get(*i)
                                .is_some_and(|t| t.kind == TokenKind::Comment)
                            {
                                after.extend(children.pop());
                            } else {
                                break;
                            }
                        }
                        after.reverse();
                        let mut out = vec![Child::Node(Node { kind, children })];
                        out.extend(after);
                        out
                    }
                    _ => children,
                }
            }
        }
    }

    fn token(&mut self, kind: TokenKind, start: usize, end: usize) -> Child {
        self.tokens.push(Token {
            kind,
            start,
            end,
            newlines_before: 0,
        });
        Child::Token(self.tokens.len() - 1)
    }

    /// The comments and punctuation between two rules: `from..to` holds nothing else
    /// but white space.
    fn gap(&mut self, from: usize, to: usize, out: &mut Vec<Child>) {
        let Some(text) = self.source.get(from..to) else {
            return;
        };
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let start = from + i;
            if matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{FEFF}') {
                continue;
            }
            let rest = text.get(i..).unwrap_or("");
            let len = if rest.starts_with("//") {
                let line = rest.find('\n').unwrap_or(rest.len());
                let kind = if rest.starts_with("///") && !rest.starts_with("////") {
                    TokenKind::Doc
                } else {
                    TokenKind::Comment
                };
                out.push(self.token(kind, start, start + line));
                line
            } else if rest.starts_with("..") || rest.starts_with("${") {
                out.push(self.token(TokenKind::Punct, start, start + 2));
                2
            } else {
                out.push(self.token(TokenKind::Punct, start, start + c.len_utf8()));
                c.len_utf8()
            };
            // Skip the rest of the token (its first character is consumed already).
            while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                chars.next();
            }
        }
    }
}
