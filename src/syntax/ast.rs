//! The abstract syntax tree. Every node carries the [`Span`] of its text.

use crate::source::{SourceId, Span};

/// One parsed file: a program, or a standard-library file of declarations.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The file.
    pub source: SourceId,
    /// The leading doc comment when a blank line separates it from what follows.
    pub doc: Option<Doc>,
    /// Declarations in source order.
    pub items: Vec<Item>,
    /// Some declarations did not parse: each got its error and was skipped, and
    /// `items` holds the ones around them that did.
    pub partial: bool,
    /// The names that declarations which did not parse meant to declare: the checker
    /// treats their uses as known, so that one syntax error does not cascade.
    pub unparsed: Vec<String>,
}

impl Program {
    /// A program of `source` with nothing in it yet.
    pub fn new(source: SourceId) -> Self {
        Program {
            source,
            doc: None,
            items: Vec::new(),
            partial: false,
            unparsed: Vec::new(),
        }
    }
}

/// A `///` doc comment block (the text of its lines, joined with newlines).
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// The text, without the `///` markers.
    pub text: String,
    /// The whole block.
    pub span: Span,
}

/// A name as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The doc comment just above it.
    pub doc: Option<Doc>,
    /// What it declares.
    pub kind: ItemKind,
    /// The whole declaration.
    pub span: Span,
}

/// The kinds of top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// `let NAME = EXPR`
    Let {
        /// The binding.
        name: Ident,
        /// Its value.
        value: Expr,
    },
    /// `export NAME = EXPR`
    Export {
        /// The output's name.
        name: Ident,
        /// Its value.
        value: Expr,
    },
    /// `param NAME: TYPE = DEFAULT`
    Param {
        /// The parameter.
        name: Ident,
        /// Its type.
        ty: TypeExpr,
        /// Its default.
        default: Option<Expr>,
    },
    /// `component NAME { ... }` (standard library).
    Component(TypeDecl),
    /// `record NAME { ... }` (standard library).
    Record(TypeDecl),
}

/// A `component` or `record` declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDecl {
    /// The type's name.
    pub name: Ident,
    /// Fields and static constructors.
    pub members: Vec<Member>,
}

/// A member of a type declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// `[out] [const] name: Type [= default]`
    Field(FieldDecl),
    /// `static name(params)` or `static name RecordType`
    Static(StaticDecl),
}

/// A declared field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    /// Its doc comment.
    pub doc: Option<Doc>,
    /// `out`: an attribute others read and nobody sets.
    pub out: bool,
    /// `const`: must be known at compile time (no parameters).
    pub constant: bool,
    /// The field's name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// Its default value.
    pub default: Option<Expr>,
    /// The whole declaration.
    pub span: Span,
}

/// A declared static constructor, such as `Image.fromPath("./app")`.
#[derive(Debug, Clone, PartialEq)]
pub struct StaticDecl {
    /// Its doc comment.
    pub doc: Option<Doc>,
    /// The constructor's name.
    pub name: Ident,
    /// How it is called.
    pub params: StaticParams,
    /// The whole declaration.
    pub span: Span,
}

/// The argument form of a static constructor.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticParams {
    /// Called with positional arguments: `Cluster.existing("name")`.
    Positional(Vec<(Ident, TypeExpr)>),
    /// Called with a record of this type: `Image.fromDockerBuild { ... }`.
    Record(TypeExpr),
}

/// A type as written.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// What type.
    pub kind: TypeExprKind,
    /// Where.
    pub span: Span,
}

/// The forms of type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExprKind {
    /// `A | B`
    Union(Vec<TypeExpr>),
    /// `T?`
    Optional(Box<TypeExpr>),
    /// `[T]`
    List(Box<TypeExpr>),
    /// `{String: T}`
    Map(Box<TypeExpr>),
    /// `"literal"`
    Literal(String),
    /// `Name` or `Int in 1..65535`
    Named {
        /// The type's name.
        name: Ident,
        /// `in LO..HI`, either end open.
        range: Option<(Option<Bound>, Option<Bound>)>,
    },
}

/// One end of a range type (`Int in 1..65535`, `Duration in 5s..300s`, `Memory in 6MiB..`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A number.
    Int(i64),
    /// A duration, in milliseconds.
    Duration(u64),
    /// A memory size, in MiB.
    Memory(u64),
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What expression.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// The forms of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `80`
    Int(i64),
    /// `true`
    Bool(bool),
    /// `"text ${expr}"`
    Str(Vec<StrPart>),
    /// `30s` (in milliseconds)
    Duration(u64),
    /// `512MiB` (in MiB)
    Memory(u64),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{ key: value }`
    Record(Vec<Field>),
    /// `Type { ... }` or `Type.ctor { ... }`
    Construct {
        /// The type.
        ty: Ident,
        /// The static constructor, if any.
        ctor: Option<Ident>,
        /// The fields.
        fields: Vec<Field>,
    },
    /// `Type.ctor(args)`
    StaticCall {
        /// The type.
        ty: Ident,
        /// The static constructor.
        ctor: Ident,
        /// Positional arguments.
        args: Vec<Expr>,
    },
    /// A type name where a value belongs.
    TypeRef(Ident),
    /// `name`
    Ref(Ident),
    /// `base.name`
    Member {
        /// What is accessed.
        base: Box<Expr>,
        /// The attribute.
        name: Ident,
    },
}

/// A `key: value` field of a record or construction.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its doc comment.
    pub doc: Option<Doc>,
    /// The key (an identifier or a string).
    pub key: Ident,
    /// The value.
    pub value: Expr,
    /// The whole field.
    pub span: Span,
}

/// A piece of a string literal.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    /// Literal text (escapes resolved).
    Text(String),
    /// `${expr}`
    Interp(Expr),
}

impl Expr {
    /// The string value of a literal without interpolation.
    pub fn as_plain_str(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Str(parts) => parts
                .iter()
                .map(|p| match p {
                    StrPart::Text(t) => Some(t.as_str()),
                    StrPart::Interp(_) => None,
                })
                .collect(),
            _ => None,
        }
    }
}
