//! What a place in a document is, read from its tokens: the declarations of the file,
//! the type of each binding, the record or list a position is inside and the type
//! expected there. Tolerant of broken text: a declaration keyword at the start of a
//! line starts a declaration whatever came before, as the parser's recovery does.

use super::tokens::{Kind, Token};
use crate::check::types::Ty;
use crate::stdlib::{Kind as TypeKind, Library, StaticSig, TypeDef};

/// The keyword of a top-level declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    /// `let`
    Let,
    /// `export`
    Export,
    /// `param`
    Param,
}

impl DeclKind {
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Let => "let",
            DeclKind::Export => "export",
            DeclKind::Param => "param",
        }
    }
}

/// A top-level declaration, as tokens.
#[derive(Debug, Clone)]
pub struct Decl {
    /// Its keyword.
    pub kind: DeclKind,
    /// The index of the keyword's token.
    pub keyword: usize,
    /// The name's token, if one follows the keyword.
    pub name: Option<Token>,
    /// The index of the first token of its doc comment (the keyword's when none).
    pub first: usize,
    /// One past the index of its last token.
    pub end: usize,
}

/// A file's tokens and declarations, with the library to read types from.
#[derive(Debug)]
pub struct FileContext<'a> {
    /// The document's text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// The standard library.
    pub lib: &'a Library,
    /// Its declarations, in order.
    pub decls: Vec<Decl>,
}

/// An open bracket around a position, and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// `{ ... }`: the fields of a record or component (`Ty::Named`), the entries of a
    /// map (`Ty::Map`), or unknown.
    Brace {
        /// The index of the `{`.
        open: usize,
        /// What the braces build.
        ty: Option<Ty>,
    },
    /// `[ ... ]`, with the type of its elements.
    Bracket {
        /// The index of the `[`.
        open: usize,
        /// The elements' type.
        elem: Option<Ty>,
    },
    /// `( ... )`: the arguments of a static constructor.
    Paren {
        /// The index of the `(`.
        open: usize,
        /// The parameters' types.
        params: Vec<Ty>,
    },
    /// `${ ... }` in a string.
    Interp {
        /// The index of the `${`.
        open: usize,
    },
}

/// What a binding is: its type as shown, and the type its attributes are read from.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingType {
    /// The type as shown (`FargateService`, `Int in 1..10`, `String`).
    pub shown: String,
    /// The type, when known.
    pub ty: Option<Ty>,
}

/// The role of a name token, for hover and definitions.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A type name.
    Type(String),
    /// A static constructor: `Type.name`.
    Constructor(String, String),
    /// A field or attribute of a declared type: a key of its construction, or
    /// `base.name`.
    Field(String, String),
    /// A key of a map, or a field of an unknown type.
    Key,
    /// The name a declaration declares.
    Declared(usize),
    /// A reference to the binding declared by declaration `usize`.
    Reference(usize),
}

/// What is expected at a position, for completion.
#[derive(Debug, Clone, PartialEq)]
pub enum Spot {
    /// After `base.`: a member of `base` (the chain of names before the dot).
    Member(Vec<Token>),
    /// A key in a record of this type; `given` are the keys it already has.
    Key {
        /// The record or component.
        ty: Option<Ty>,
        /// Keys already written in these braces.
        given: Vec<String>,
    },
    /// A value of this type; `string` is the string literal the position is in.
    Value {
        /// The expected type.
        ty: Option<Ty>,
        /// The string token around the position, if any.
        string: Option<Token>,
        /// The declaration the position is in (not offered as a value of itself).
        decl: Option<usize>,
    },
    /// A parameter's type.
    TypeName,
    /// Between declarations.
    TopLevel,
}

impl<'a> FileContext<'a> {
    /// The declarations of `tokens`.
    pub fn new(text: &'a str, tokens: &'a [Token], lib: &'a Library) -> Self {
        let mut decls: Vec<Decl> = Vec::new();
        let mut depth = 0usize;
        let mut docs_from: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            match t.kind {
                Kind::Doc => {
                    // A blank line ends a doc block (the file's doc is the block
                    // that a blank line separates from what follows).
                    let after_blank = i
                        .checked_sub(1)
                        .and_then(|p| tokens.get(p))
                        .is_some_and(|p| blank_between(text, p.end, t.start));
                    if docs_from.is_none() || after_blank {
                        docs_from = Some(i);
                    }
                    continue;
                }
                Kind::Punct(b'{' | b'[' | b'(') | Kind::InterpOpen => depth += 1,
                Kind::Punct(b'}' | b']' | b')') | Kind::InterpClose => {
                    depth = depth.saturating_sub(1)
                }
                Kind::Ident => {
                    let kind = match t.text(text) {
                        "let" => Some(DeclKind::Let),
                        "export" => Some(DeclKind::Export),
                        "param" => Some(DeclKind::Param),
                        _ => None,
                    };
                    if let Some(kind) = kind.filter(|_| depth == 0 || starts_line(text, t.start)) {
                        depth = 0;
                        let attached = i
                            .checked_sub(1)
                            .and_then(|p| tokens.get(p))
                            .is_some_and(|p| !blank_between(text, p.end, t.start));
                        let first = docs_from.filter(|_| attached).unwrap_or(i);
                        if let Some(last) = decls.last_mut() {
                            last.end = first;
                        }
                        let name = tokens
                            .get(i + 1)
                            .filter(|n| n.kind == Kind::Ident && !is_keyword(n.text(text)))
                            .copied();
                        decls.push(Decl {
                            kind,
                            keyword: i,
                            name,
                            first,
                            end: tokens.len(),
                        });
                    }
                }
                _ => {}
            }
            docs_from = None;
        }
        FileContext {
            text,
            tokens,
            lib,
            decls,
        }
    }

    fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn str_of(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The declaration binding `name` (`let` or `param`).
    pub fn binding(&self, name: &str) -> Option<usize> {
        self.decls.iter().position(|d| {
            d.kind != DeclKind::Export && d.name.is_some_and(|n| n.text(self.text) == name)
        })
    }

    /// The declaration that token `i` is in.
    pub fn decl_at(&self, i: usize) -> Option<usize> {
        self.decls.iter().rposition(|d| d.keyword <= i && i < d.end)
    }

    /// The doc comment of declaration `d`, without the `///` markers.
    pub fn doc(&self, d: &Decl) -> Option<String> {
        let lines: Vec<&str> = (d.first..d.keyword)
            .map(|i| self.str_of(i))
            .map(|l| {
                let l = l.trim_start_matches("///");
                l.strip_prefix(' ').unwrap_or(l)
            })
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// The type of the binding declared by declaration `d`.
    pub fn binding_type(&self, d: usize) -> Option<BindingType> {
        self.binding_type_depth(d, 0)
    }

    fn binding_type_depth(&self, d: usize, depth: usize) -> Option<BindingType> {
        let decl = self.decls.get(d)?;
        let sep = decl.keyword + 2;
        match decl.kind {
            DeclKind::Param if self.tok(sep)?.is(b':') => {
                // The type as written, up to the default or the end of the declaration.
                let end = (sep + 1..decl.end)
                    .find(|i| self.tok(*i).is_some_and(|t| t.is(b'=')))
                    .unwrap_or(decl.end);
                let (first, last) = (self.tok(sep + 1)?, self.tok(end.checked_sub(1)?)?);
                let shown = self.text.get(first.start..last.end)?.trim().to_string();
                Some(BindingType { shown, ty: None })
            }
            DeclKind::Let | DeclKind::Export if self.tok(sep)?.is(b'=') => {
                self.value_type(sep + 1, decl.end, depth)
            }
            _ => None,
        }
    }

    /// The type of the value starting at token `i` (tokens up to `end`).
    fn value_type(&self, i: usize, end: usize, depth: usize) -> Option<BindingType> {
        let t = self.tok(i).filter(|_| i < end)?;
        let known = |ty: Ty| {
            Some(BindingType {
                shown: ty.to_string(),
                ty: Some(ty),
            })
        };
        match t.kind {
            Kind::Type => {
                let name = t.text(self.text);
                let def = self.lib.get(name)?;
                let ctor = self.tok(i + 1).is_some_and(|n| n.is(b'.'));
                let braces = self.tok(i + 1).is_some_and(|n| n.is(b'{'));
                (ctor || braces).then_some(())?;
                known(Ty::Named(def.name.clone()))
            }
            Kind::Str => known(Ty::String),
            Kind::Num => {
                let s = t.text(self.text);
                if s.ends_with("MiB") || s.ends_with("GiB") {
                    known(Ty::Memory(None, None))
                } else if s.ends_with(|c: char| c.is_ascii_alphabetic()) {
                    known(Ty::Duration(None, None))
                } else {
                    known(Ty::Int(None, None))
                }
            }
            Kind::Ident => match t.text(self.text) {
                "true" | "false" => known(Ty::Bool),
                _ if depth < 16 => {
                    let mut chain = vec![*t];
                    let mut j = i + 1;
                    while j + 1 < end
                        && self.tok(j).is_some_and(|d| d.is(b'.'))
                        && self.tok(j + 1).is_some_and(|n| n.kind == Kind::Ident)
                    {
                        chain.extend(self.tok(j + 1).copied());
                        j += 2;
                    }
                    self.chain_type(&chain, depth + 1)
                }
                _ => None,
            },
            Kind::Punct(b'[') => Some(BindingType {
                shown: "list".into(),
                ty: None,
            }),
            Kind::Punct(b'{') => Some(BindingType {
                shown: "record".into(),
                ty: None,
            }),
            _ => None,
        }
    }

    /// The type of `a.b.c` (a binding, then fields and attributes).
    pub fn chain_type(&self, chain: &[Token], depth: usize) -> Option<BindingType> {
        let (head, rest) = chain.split_first()?;
        let d = self.binding(head.text(self.text))?;
        let mut bt = self.binding_type_depth(d, depth)?;
        for name in rest {
            let def = self.named(bt.ty.as_ref()?)?;
            let ty = def.field(name.text(self.text))?.ty.clone();
            bt = BindingType {
                shown: ty.to_string(),
                ty: Some(ty),
            };
        }
        Some(bt)
    }

    /// The declared type a `Ty` names (through `?` and unions of one named type).
    pub fn named(&self, ty: &Ty) -> Option<&'a TypeDef> {
        match ty.required() {
            Ty::Named(n) => self.lib.get(n),
            Ty::Union(alts) => alts.iter().find_map(|a| self.named(a)),
            _ => None,
        }
    }

    /// The frames open just before token `upto` (which is not included), walking from
    /// the start of its declaration.
    pub fn frames(&self, upto: usize) -> Vec<Frame> {
        let Some(d) = self
            .decl_at(upto.saturating_sub(1))
            .and_then(|d| self.decls.get(d))
        else {
            return Vec::new();
        };
        let mut frames: Vec<Frame> = Vec::new();
        for i in d.keyword..upto.min(self.tokens.len()) {
            let Some(t) = self.tok(i) else { break };
            match t.kind {
                Kind::Punct(b'{') => {
                    let ty = self.brace_type(&frames, i);
                    frames.push(Frame::Brace { open: i, ty });
                }
                Kind::Punct(b'[') => {
                    let elem = self.expected(&frames, i).and_then(|t| list_elem(&t));
                    frames.push(Frame::Bracket { open: i, elem });
                }
                Kind::Punct(b'(') => {
                    let params = self.ctor_params(i).unwrap_or_default();
                    frames.push(Frame::Paren { open: i, params });
                }
                Kind::InterpOpen => frames.push(Frame::Interp { open: i }),
                Kind::Punct(b'}' | b']' | b')') | Kind::InterpClose => {
                    frames.pop();
                }
                _ => {}
            }
        }
        frames
    }

    /// What a `{` at token `i` builds.
    fn brace_type(&self, frames: &[Frame], i: usize) -> Option<Ty> {
        let prev = |n: usize| i.checked_sub(n).and_then(|j| self.tok(j));
        // `aws.s3.Bucket {`: a CloudFormation resource type, named in full.
        if let (Some(ty), Some(d1), Some(service), Some(d2), Some(provider)) =
            (prev(1), prev(2), prev(3), prev(4), prev(5))
        {
            if ty.kind == Kind::Type
                && d1.is(b'.')
                && service.kind == Kind::Ident
                && d2.is(b'.')
                && provider.kind == Kind::Ident
            {
                return Some(Ty::Named(format!(
                    "{}.{}.{}",
                    provider.text(self.text),
                    service.text(self.text),
                    ty.text(self.text)
                )));
            }
        }
        if let Some(p) = prev(1).filter(|p| p.kind == Kind::Type) {
            return Some(Ty::Named(p.text(self.text).to_string()));
        }
        if let (Some(ctor), Some(dot), Some(ty)) = (prev(1), prev(2), prev(3)) {
            if ctor.kind == Kind::Ident && dot.is(b'.') && ty.kind == Kind::Type {
                let def = self.lib.get(ty.text(self.text))?;
                return def.statics.iter().find_map(|s| match &s.sig {
                    StaticSig::Record(r) if s.name == ctor.text(self.text) => {
                        Some(Ty::Named(r.clone()))
                    }
                    _ => None,
                });
            }
        }
        let ty = self.expected(frames, i)?;
        brace_of(self.lib, &ty)
    }

    /// The positional parameters of `Type.ctor(` at token `i`.
    fn ctor_params(&self, i: usize) -> Option<Vec<Ty>> {
        let ctor = self.tok(i.checked_sub(1)?)?;
        let ty = self.tok(i.checked_sub(3)?)?;
        let def = self.lib.get(ty.text(self.text))?;
        def.statics.iter().find_map(|s| match &s.sig {
            StaticSig::Positional(ps) if s.name == ctor.text(self.text) => {
                Some(ps.iter().map(|(_, t)| t.clone()).collect())
            }
            _ => None,
        })
    }

    /// The type expected of a value starting at token `i` (or at a position just
    /// after token `i - 1`), inside `frames`.
    pub fn expected(&self, frames: &[Frame], i: usize) -> Option<Ty> {
        let prev = self.tok(i.checked_sub(1)?)?;
        match frames.last()? {
            Frame::Brace { ty: Some(ty), .. } if prev.is(b':') => {
                let key = self.tok(i.checked_sub(2)?)?;
                field_type(self.lib, ty, &key_name(key.text(self.text)))
            }
            Frame::Bracket { elem, .. } if prev.is(b'[') || prev.is(b',') => elem.clone(),
            Frame::Paren { open, params } if prev.is(b'(') || prev.is(b',') => {
                let commas = (open + 1..i)
                    .filter(|j| self.tok(*j).is_some_and(|t| t.is(b',')))
                    .count();
                params.get(commas).cloned()
            }
            _ => None,
        }
    }

    /// What is expected at byte `offset`, for completion.
    pub fn spot(&self, offset: usize) -> Spot {
        // The token the position is in or at the end of (a name being typed, a string).
        let at = self
            .tokens
            .iter()
            .position(|t| t.start < offset && offset <= t.end);
        let before = match at {
            Some(i) => i,
            None => self.tokens.partition_point(|t| t.end <= offset),
        };
        let decl = self.decl_at(before.saturating_sub(1));
        if let Some(i) = at {
            let t = self.tokens.get(i).copied();
            if let Some(t) = t.filter(|t| t.kind == Kind::Str) {
                let closed = t.end - t.start >= 2 && t.text(self.text).ends_with('"');
                if offset < t.end || !closed {
                    let frames = self.frames(i);
                    let ty = self.expected(&frames, i);
                    return Spot::Value {
                        ty,
                        string: Some(t),
                        decl,
                    };
                }
            }
            if t.is_some_and(|t| !t.is_name()) {
                // At the end of punctuation or a number: as if after it.
                return self.spot_after(before + 1, offset, decl);
            }
        }
        self.spot_after(before, offset, decl)
    }

    /// The spot after tokens `..before` (the next token, if any, is at or after
    /// `offset`).
    fn spot_after(&self, before: usize, offset: usize, decl: Option<usize>) -> Spot {
        let Some(prev_i) = before.checked_sub(1) else {
            return Spot::TopLevel;
        };
        let Some(prev) = self.tok(prev_i) else {
            return Spot::TopLevel;
        };
        if prev.is(b'.') {
            return Spot::Member(self.chain_before(prev_i));
        }
        let frames = self.frames(before);
        match frames.last() {
            None => {
                let keyword = decl.and_then(|d| self.decls.get(d)).map(|d| d.kind);
                if prev.is(b'=') {
                    Spot::Value {
                        ty: None,
                        string: None,
                        decl,
                    }
                } else if prev.is(b':') && keyword == Some(DeclKind::Param) {
                    Spot::TypeName
                } else {
                    Spot::TopLevel
                }
            }
            Some(Frame::Brace { open, ty }) => {
                if prev.is(b':') {
                    Spot::Value {
                        ty: self.expected(&frames, before),
                        string: None,
                        decl,
                    }
                } else {
                    Spot::Key {
                        ty: ty.clone(),
                        given: self.keys(*open, offset),
                    }
                }
            }
            Some(_) => Spot::Value {
                ty: self.expected(&frames, before),
                string: None,
                decl,
            },
        }
    }

    /// The names before the `.` at token `dot`: `a.b.` gives `[a, b]`.
    fn chain_before(&self, dot: usize) -> Vec<Token> {
        let mut chain = Vec::new();
        let mut j = dot;
        while let Some(name) = j.checked_sub(1).and_then(|k| self.tok(k)) {
            if !name.is_name() {
                break;
            }
            chain.push(*name);
            match j.checked_sub(2).and_then(|k| self.tok(k)) {
                Some(d) if d.is(b'.') && name.kind == Kind::Ident => j -= 2,
                _ => break,
            }
        }
        chain.reverse();
        chain
    }

    /// The keys written in the braces opened at token `open` (before and after
    /// `offset`, which is skipped if it is in a name being typed).
    fn keys(&self, open: usize, offset: usize) -> Vec<String> {
        let mut keys = Vec::new();
        let mut depth = 0usize;
        let end = self
            .decl_at(open)
            .and_then(|d| self.decls.get(d))
            .map_or(self.tokens.len(), |d| d.end);
        for i in open + 1..end {
            let Some(t) = self.tok(i) else { break };
            match t.kind {
                Kind::Punct(b'{' | b'[' | b'(') | Kind::InterpOpen => depth += 1,
                Kind::Punct(b'}' | b']' | b')') | Kind::InterpClose => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Kind::Ident | Kind::Type | Kind::Str
                    if depth == 0
                        && self.tok(i + 1).is_some_and(|c| c.is(b':'))
                        && !(t.start < offset && offset <= t.end) =>
                {
                    keys.push(key_name(t.text(self.text)));
                }
                _ => {}
            }
        }
        keys
    }

    /// The role of the name token `i`.
    pub fn role(&self, i: usize) -> Option<Role> {
        let t = self.tok(i).filter(|t| t.is_name() || t.kind == Kind::Str)?;
        let name = t.text(self.text);
        let prev = i.checked_sub(1).and_then(|p| self.tok(p));
        let next = self.tok(i + 1);
        if let Some(d) = self.decls.iter().position(|d| d.keyword + 1 == i) {
            return (t.kind == Kind::Ident).then_some(Role::Declared(d));
        }
        if prev.is_some_and(|p| p.is(b'.')) && t.kind == Kind::Ident {
            let chain = self.chain_before(i - 1);
            let head = chain.first()?;
            if head.kind == Kind::Type && chain.len() == 1 {
                return Some(Role::Constructor(head.text(self.text).into(), name.into()));
            }
            let owner = self.chain_type(&chain, 0)?;
            let def = self.named(owner.ty.as_ref()?)?;
            return Some(Role::Field(def.name.clone(), name.into()));
        }
        if next.is_some_and(|n| n.is(b':')) {
            let frames = self.frames(i);
            if let Some(Frame::Brace { ty, .. }) = frames.last() {
                return Some(match ty {
                    Some(Ty::Named(n)) if self.lib.get(n).is_some() => {
                        Role::Field(n.clone(), key_name(name))
                    }
                    _ => Role::Key,
                });
            }
        }
        match t.kind {
            Kind::Type => self.lib.get(name).map(|d| Role::Type(d.name.clone())),
            Kind::Ident => self.binding(name).map(Role::Reference),
            _ => None,
        }
    }

    /// The index of the name or string token at byte `offset` (a position at the end
    /// of a name counts as in it).
    pub fn token_at(&self, offset: usize) -> Option<usize> {
        let first = self.tokens.partition_point(|t| t.end < offset);
        // A name ending at `offset` (the cursor after it), else one starting there.
        (first..first + 2).find(|i| {
            self.tok(*i).is_some_and(|t| {
                t.start <= offset && offset <= t.end && (t.is_name() || t.kind == Kind::Str)
            })
        })
    }
}

/// The type of field `key` of what braces of type `ty` build.
pub fn field_type(lib: &Library, ty: &Ty, key: &str) -> Option<Ty> {
    match ty {
        Ty::Named(n) if n.contains('.') => super::aws_schema::field_type(n, key),
        Ty::Named(n) => {
            let def = lib.get(n)?;
            match def.field(key) {
                Some(f) => Some(f.ty.clone()),
                None => super::aws_schema::overrides_type(n, key),
            }
        }
        Ty::Map(v) => Some((**v).clone()),
        _ => None,
    }
}

/// What `{` builds where `ty` is expected: a record or component, or a map.
fn brace_of(lib: &Library, ty: &Ty) -> Option<Ty> {
    match ty.required() {
        // A record inside a CloudFormation resource (see `aws_schema`).
        Ty::Named(n) if n.contains('.') => Some(Ty::Named(n.clone())),
        Ty::Named(n) if lib.get(n).is_some_and(|d| d.kind == TypeKind::Record) => {
            Some(Ty::Named(n.clone()))
        }
        Ty::Map(v) => Some(Ty::Map(v.clone())),
        Ty::Union(alts) => alts.iter().find_map(|a| brace_of(lib, a)),
        _ => None,
    }
}

/// The elements' type of a list where `ty` is expected.
fn list_elem(ty: &Ty) -> Option<Ty> {
    match ty.required() {
        Ty::List(e) => Some((**e).clone()),
        Ty::Union(alts) => alts.iter().find_map(list_elem),
        _ => None,
    }
}

/// A key as written (a name, or a string in quotes) as its name.
fn key_name(key: &str) -> String {
    key.trim_matches('"').to_string()
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
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

/// True when the text between `start` and `end` holds an empty line.
fn blank_between(text: &str, start: usize, end: usize) -> bool {
    let between = text.get(start..end).unwrap_or("");
    between
        .split('\n')
        .skip(1)
        .collect::<Vec<_>>()
        .split_last()
        .is_some_and(|(_, middle)| middle.iter().any(|l| l.trim().is_empty()))
}

/// True when only white space is before `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    line.trim().is_empty()
}
