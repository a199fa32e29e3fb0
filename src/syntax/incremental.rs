//! Incremental parsing for the language server: a file is cut into declarations, and a
//! declaration whose text has not changed since the last parse is not parsed again.
//!
//! The cut is on the text: a declaration starts on a line that begins (first column)
//! with `let`, `export`, `param`, `component` or `record`, together with the blank,
//! comment and doc-comment lines just above it. Each piece is parsed on its own as a
//! program, with spans from its own start, and kept by its text; a piece met again is
//! cloned and its spans moved to where it now is. When any piece fails to parse or
//! has a diagnostic, the whole file is parsed as [`super::parse`] does, so errors and
//! their recovery are exactly the command line's; the tests check that both parses
//! give the same program and diagnostics on every example, broken program and
//! standard-library file, from a cold cache and from one warmed by an edited copy.

use super::ast::*;
use super::parser::{self, Builder, EcsxParser};
use crate::diagnostics::Diagnostic;
use crate::source::{SourceId, Span};
use pest::Parser;

/// Parsed declarations by the text of their piece (FxHash: the texts are the
/// document's own).
type Pieces = crate::check::value::FxMap<String, Piece>;

/// The declarations of the last parse of one document, by their text.
///
/// The declarations themselves are not copied: a parse moves the ones it reuses into
/// its program, and [`ParseCache::keep`] takes that program back once the compile is
/// done with it. A piece keeps the place its declarations' spans are at, so that a
/// piece that has not moved is reused as it is.
#[derive(Debug, Default)]
pub struct ParseCache {
    /// Pieces whose declarations are in `store`.
    pieces: Pieces,
    /// The declarations of the pieces (a piece's are taken out while lent).
    store: Vec<Option<Item>>,
    /// The pieces of the last parse, whose declarations are in its program.
    lent: Vec<(String, Piece)>,
    /// How many declarations that program has (what [`ParseCache::keep`] expects).
    lent_len: usize,
}

/// One piece of text parsed on its own.
#[derive(Debug, Clone)]
struct Piece {
    source: SourceId,
    /// Parsed as the start of the file.
    file_start: bool,
    /// Where the piece starts in the file its spans are of.
    start: u32,
    /// Its declarations: in `store` (or, while lent, in the program).
    items: std::ops::Range<usize>,
    /// The file's doc comment, for the piece at the start of the file.
    file_doc: Option<Doc>,
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many pieces the cache holds (for tests).
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// True when the cache holds nothing.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Takes back the program of the last [`parse_cached`], so that the next parse
    /// reuses its declarations; returns what the cache no longer needs (the declarations
    /// of pieces that changed), for the caller to drop when it suits. A program the
    /// last parse did not make is returned whole.
    pub fn keep(&mut self, mut program: Program) -> impl Send + 'static {
        let lent = std::mem::take(&mut self.lent);
        if program.items.len() != self.lent_len || lent.is_empty() {
            return (program, Vec::new());
        }
        let mut store: Vec<Option<Item>> = std::mem::take(&mut program.items)
            .into_iter()
            .map(Some)
            .collect();
        // Pieces kept from before the last parse (it failed: the mended text often
        // brings them back) move with their declarations to the end of the new store.
        let mut old = std::mem::take(&mut self.store);
        for piece in self.pieces.values_mut() {
            let from = store.len();
            store.extend(
                old.get_mut(piece.items.clone())
                    .into_iter()
                    .flatten()
                    .map(Option::take),
            );
            piece.items = from..store.len();
        }
        self.pieces.reserve(lent.len());
        for (text, mut piece) in lent {
            if piece.file_start {
                piece.file_doc = program.doc.take();
            }
            self.pieces.insert(text, piece);
        }
        self.store = store;
        (program, old)
    }

    /// The piece `text` (starting at `start` in the file) with its declarations moved
    /// into `program`, from the cache or parsed now; `None` when it does not parse
    /// cleanly.
    fn take(
        &mut self,
        source: SourceId,
        text: &str,
        start: usize,
        program: &mut Program,
    ) -> Option<(String, Piece)> {
        let file_start = start == 0;
        let at = u32::try_from(start).ok()?;
        let from = program.items.len();
        let cached = self
            .pieces
            .remove_entry(text)
            .filter(|(_, p)| p.source == source && p.file_start == file_start);
        if let Some((key, piece)) = cached {
            let store = self.store.get_mut(piece.items.clone()).unwrap_or_default();
            if store.iter().all(Option::is_some) {
                let delta = i64::from(at) - i64::from(piece.start);
                let delta = i32::try_from(delta).ok()?;
                program
                    .items
                    .extend(store.iter_mut().filter_map(Option::take).map(|mut item| {
                        if delta != 0 {
                            item.shift(delta);
                        }
                        item
                    }));
                let mut piece = Piece {
                    start: at,
                    items: from..program.items.len(),
                    ..piece
                };
                if let Some(mut doc) = piece.file_doc.take() {
                    doc.span.shift(delta);
                    program.doc = Some(doc);
                }
                return Some((key, piece));
            }
        }
        let piece = parse_piece(source, text, file_start)?;
        let delta = i32::try_from(at).ok()?;
        program
            .items
            .extend(piece.items.into_iter().map(|mut item| {
                item.shift(delta);
                item
            }));
        if let Some(mut doc) = piece.file_doc {
            doc.span.shift(delta);
            program.doc = Some(doc);
        }
        Some((
            text.to_string(),
            Piece {
                source,
                file_start,
                start: at,
                items: from..program.items.len(),
                file_doc: None,
            },
        ))
    }
}

/// [`super::parse`], reusing the declarations of `cache` whose text is unchanged. Give
/// the program back with [`ParseCache::keep`] once done with it: the next parse reuses
/// its declarations.
pub fn parse_cached(
    source: SourceId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    cache: &mut ParseCache,
) -> Option<Program> {
    super::parse_with(source, text, diags, cache, true)
}

/// Parses `text` piece by piece into `program`: the pieces that parse are taken from
/// `cache` or parsed alone; from a piece that does not, the text is recovered as
/// [`super::recover_all`] does for the whole file (the same errors, skipping the same
/// text), until parsing is back at the start of a later piece. Returns whether every
/// piece parsed; once the program is kept, the cache holds exactly this text's pieces,
/// else what it held too, for the mended text that most often follows.
pub(super) fn parse_by_pieces(
    program: &mut Program,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    cache: &mut ParseCache,
) -> bool {
    let source = program.source;
    let pieces = pieces(text);
    // Pieces lent to a program that was never given back are gone with it.
    cache.lent.clear();
    let mut lent = Vec::with_capacity(pieces.len());
    let mut failed = false;
    // Most pieces are one declaration each.
    program.items.reserve(pieces.len());
    let mut i = 0;
    while let Some(&(start, end)) = pieces.get(i) {
        let piece_text = text.get(start..end).unwrap_or("");
        if let Some(piece) = cache.take(source, piece_text, start, program) {
            lent.push(piece);
            i += 1;
            continue;
        }
        failed = true;
        // The piece that parsing is back at the start of, after `pos`: the last one
        // starting at or before `pos` with only comments from its start to `pos`.
        let back_at = |pos: usize| {
            let k = pieces.partition_point(|p| p.0 <= pos).checked_sub(1)?;
            let (s, _) = *pieces.get(k)?;
            (s >= end && text.get(s..pos).is_some_and(super::recover::only_comments)).then_some(k)
        };
        let reached =
            super::recover_from(program, text, start, diags, |pos| back_at(pos).is_some());
        i = back_at(reached).unwrap_or(pieces.len());
    }
    if !failed || cache.pieces.len() > pieces.len().saturating_mul(2) {
        cache.pieces.clear();
    }
    cache.lent = lent;
    cache.lent_len = program.items.len();
    !failed
}

/// A piece parsed alone: its declarations, with spans from its start.
struct Parsed {
    items: Vec<Item>,
    file_doc: Option<Doc>,
}

/// Parses one piece as a program; `None` on any error or diagnostic.
fn parse_piece(source: SourceId, text: &str, file_start: bool) -> Option<Parsed> {
    let root = EcsxParser::parse(parser::Rule::program, text)
        .ok()?
        .next()?;
    let mut diags = Vec::new();
    let mut builder = Builder {
        source,
        text,
        base: 0,
        file_start,
        diags: &mut diags,
        file_doc: None,
        failed: false,
        unparsed: Vec::new(),
    };
    let mut items = Vec::new();
    builder.items(root, &mut items);
    let (failed, file_doc) = (builder.failed, builder.file_doc.take());
    if failed || !diags.is_empty() {
        return None;
    }
    Some(Parsed { items, file_doc })
}

/// Where each piece of `text` starts and ends: a piece ends where the next
/// declaration starts, with the blank and comment lines just above it.
pub(crate) fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    // The start of the run of blank and comment lines that the current line ends.
    let mut run_start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            run_start.get_or_insert(at);
        } else {
            if at > 0 && starts_declaration(line) {
                let cut = run_start.unwrap_or(at);
                if cut > 0 {
                    cuts.push(cut);
                }
            }
            run_start = None;
        }
        at += line.len();
    }
    cuts.dedup();
    let ends = cuts.iter().skip(1).copied().chain([text.len()]);
    cuts.iter().copied().zip(ends).collect()
}

/// True when `line` starts (in its first column) with a declaration's keyword.
fn starts_declaration(line: &str) -> bool {
    ["let", "export", "param", "component", "record"]
        .iter()
        .any(|kw| {
            line.strip_prefix(kw)
                .is_some_and(|rest| rest.starts_with([' ', '\t']))
        })
}

impl Span {
    /// Moves the span `delta` bytes later (earlier when negative).
    fn shift(&mut self, delta: i32) {
        self.start = self.start.saturating_add_signed(delta);
        self.end = self.end.saturating_add_signed(delta);
    }
}

impl Item {
    fn shift(&mut self, d: i32) {
        self.span.shift(d);
        if let Some(doc) = &mut self.doc {
            doc.span.shift(d);
        }
        match &mut self.kind {
            ItemKind::Let { name, value } | ItemKind::Export { name, value } => {
                name.span.shift(d);
                value.shift(d);
            }
            ItemKind::Param { name, ty, default } => {
                name.span.shift(d);
                ty.shift(d);
                if let Some(e) = default {
                    e.shift(d);
                }
            }
            ItemKind::Component(t) | ItemKind::Record(t) => t.shift(d),
        }
    }
}

impl TypeDecl {
    fn shift(&mut self, d: i32) {
        self.name.span.shift(d);
        for m in &mut self.members {
            match m {
                Member::Field(f) => {
                    f.span.shift(d);
                    if let Some(doc) = &mut f.doc {
                        doc.span.shift(d);
                    }
                    f.name.span.shift(d);
                    f.ty.shift(d);
                    if let Some(e) = &mut f.default {
                        e.shift(d);
                    }
                }
                Member::Static(s) => {
                    s.span.shift(d);
                    if let Some(doc) = &mut s.doc {
                        doc.span.shift(d);
                    }
                    s.name.span.shift(d);
                    match &mut s.params {
                        StaticParams::Positional(ps) => {
                            for (name, ty) in ps {
                                name.span.shift(d);
                                ty.shift(d);
                            }
                        }
                        StaticParams::Record(ty) => ty.shift(d),
                    }
                }
            }
        }
    }
}

impl TypeExpr {
    fn shift(&mut self, d: i32) {
        self.span.shift(d);
        match &mut self.kind {
            TypeExprKind::Union(alts) => alts.iter_mut().for_each(|t| t.shift(d)),
            TypeExprKind::Optional(t) | TypeExprKind::List(t) | TypeExprKind::Map(t) => t.shift(d),
            TypeExprKind::Literal(_) => {}
            TypeExprKind::Named { name, .. } => name.span.shift(d),
        }
    }
}

impl Expr {
    fn shift(&mut self, d: i32) {
        self.span.shift(d);
        match &mut self.kind {
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Duration(_) | ExprKind::Memory(_) => {}
            ExprKind::Str(parts) => {
                for p in parts {
                    if let StrPart::Interp(e) = p {
                        e.shift(d);
                    }
                }
            }
            ExprKind::List(items) => items.iter_mut().for_each(|e| e.shift(d)),
            ExprKind::Record(fields) => fields.iter_mut().for_each(|f| f.shift(d)),
            ExprKind::Construct { ty, ctor, fields } => {
                ty.span.shift(d);
                if let Some(c) = ctor {
                    c.span.shift(d);
                }
                fields.iter_mut().for_each(|f| f.shift(d));
            }
            ExprKind::StaticCall { ty, ctor, args } => {
                ty.span.shift(d);
                ctor.span.shift(d);
                args.iter_mut().for_each(|e| e.shift(d));
            }
            ExprKind::TypeRef(i) | ExprKind::Ref(i) => i.span.shift(d),
            ExprKind::Member { base, name } => {
                base.shift(d);
                name.span.shift(d);
            }
        }
    }
}

impl Field {
    fn shift(&mut self, d: i32) {
        self.span.shift(d);
        if let Some(doc) = &mut self.doc {
            doc.span.shift(d);
        }
        self.key.span.shift(d);
        self.value.shift(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_before_the_comments_above_a_declaration() {
        let text =
            "/// file\n\nlet a = 1\n\n// note\n/// doc\nlet b = X {\n  let: 2\n}\nexport c = b\n";
        let cuts: Vec<&str> = pieces(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            cuts,
            [
                "/// file\n\nlet a = 1\n",
                "\n// note\n/// doc\nlet b = X {\n  let: 2\n}\n",
                "export c = b\n"
            ]
        );
    }

    /// [`parse_cached`], the program then given back to the cache (a copy of it).
    fn parse_kept(
        text: &str,
        diags: &mut Vec<Diagnostic>,
        cache: &mut ParseCache,
    ) -> Option<Program> {
        let program = parse_cached(SourceId(0), text, diags, cache);
        if let Some(p) = &program {
            drop(cache.keep(p.clone()));
        }
        program
    }

    #[test]
    fn a_second_parse_reuses_the_unchanged_declarations() {
        let mut cache = ParseCache::new();
        let text = "/// App.\n\nlet a = 1\nlet b = \"x\"\n";
        let mut diags = Vec::new();
        let first = parse_kept(text, &mut diags, &mut cache).expect("parses");
        assert_eq!(cache.len(), 2);
        let edited = "/// App.\n\nlet a = 12\nlet b = \"x\"\n";
        let second = parse_kept(edited, &mut diags, &mut cache).expect("parses");
        assert_eq!(cache.len(), 2);
        assert_eq!(
            Some(second),
            super::super::parse(SourceId(0), edited, &mut diags)
        );
        assert_eq!(
            Some(first),
            super::super::parse(SourceId(0), text, &mut diags)
        );
        assert!(diags.is_empty());
    }

    /// The parse and its diagnostics, comparable.
    fn parsed(program: Option<Program>, diags: &[Diagnostic]) -> String {
        format!("{program:#?}\n{diags:#?}")
    }

    #[test]
    fn the_cached_parse_is_the_parse_on_every_example_and_library_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = crate::fmt::cli::ecsx_files(&root.join("examples"));
        assert!(files.len() > 50, "examples found: {}", files.len());
        let mut texts: Vec<(String, String)> = files
            .iter()
            .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
            .collect();
        texts.extend(
            crate::stdlib::FILES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string())),
        );
        let mut cached = 0;
        for (name, text) in &texts {
            let source = SourceId(0);
            let mut d = Vec::new();
            let whole = parsed(super::super::parse(source, text, &mut d), &d);
            let mut cache = ParseCache::new();
            let mut d = Vec::new();
            let cold = parsed(parse_kept(text, &mut d, &mut cache), &d);
            assert_eq!(whole, cold, "{name}: cold cache");
            // Warmed by a copy edited at the top (every later declaration moves) and
            // in the middle of its last declaration.
            let mut edited = format!("// edited\n{text}");
            if let Some(i) = edited.rfind(':') {
                edited.insert(i + 1, ' ');
            }
            let mut d = Vec::new();
            let _ = parse_kept(&edited, &mut d, &mut cache);
            cached += cache.len();
            let mut d = Vec::new();
            let warm = parsed(parse_kept(text, &mut d, &mut cache), &d);
            assert_eq!(whole, warm, "{name}: warm cache");
            // And once more: every piece from the cache, none moved.
            let mut d = Vec::new();
            let again = parsed(parse_kept(text, &mut d, &mut cache), &d);
            assert_eq!(whole, again, "{name}: every piece cached");
        }
        assert!(cached > 100, "pieces cached: {cached}");
    }

    /// What a user sees of a recovered parse: the diagnostics, the declarations
    /// (names, values and their places) and the names of those skipped.
    fn seen(program: Option<Program>, diags: &[Diagnostic]) -> String {
        let program = program.expect("recovered");
        let items: Vec<String> = program
            .items
            .iter()
            .map(|i| match &i.kind {
                ItemKind::Let { name, value } | ItemKind::Export { name, value } => {
                    format!("{name:?} {value:?}")
                }
                other => format!("{other:?}"),
            })
            .collect();
        format!("{items:#?}\n{:?}\n{diags:#?}", program.unparsed)
    }

    /// The whole file recovered from its start, as before pieces.
    fn recovered_whole(text: &str) -> String {
        let mut program = Program::new(SourceId(0));
        let mut d = Vec::new();
        super::super::recover_all(&mut program, text, &mut d);
        seen(Some(program), &d)
    }

    /// Recovery piece by piece gives what recovering the whole file gave (the same
    /// diagnostics, declarations and skipped names), on every broken program and on
    /// examples broken in several ways at several places, from a cold cache and from
    /// one warmed by the intact text. (Doc comments may differ: the whole file's
    /// recovery lost the file's doc comment and the doc comment of a declaration
    /// after a broken one when a plain comment came between; pieces keep them, as a
    /// file without errors does.)
    #[test]
    fn recovery_by_pieces_is_recovery_of_the_whole_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = crate::fmt::cli::ecsx_files(&root.join("examples"));
        let mut broken = 0;
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let mut variants = vec![text.clone()];
            for (i, (at, _)) in text.match_indices(['}', '"', ':', ']']).enumerate() {
                if i % 11 == 0 {
                    let mut v = text.clone();
                    v.remove(at);
                    variants.push(v);
                }
            }
            variants.push(text.replacen("= ", "= =", 2));
            for v in variants {
                let mut d = Vec::new();
                let whole_ok = super::super::parser::EcsxParser::parse(
                    super::super::parser::Rule::program,
                    &v,
                )
                .is_ok();
                if whole_ok || super::super::too_deep(&v).is_some() {
                    continue;
                }
                broken += 1;
                let expected = recovered_whole(&v);
                let mut cold = ParseCache::new();
                let got = super::super::parse_with(SourceId(0), &v, &mut d, &mut cold, true);
                assert_eq!(expected, seen(got, &d), "{}: cold\n{v}", path.display());
                let mut warm = ParseCache::new();
                let _ = parse_kept(&text, &mut Vec::new(), &mut warm);
                let mut d = Vec::new();
                let got = parse_kept(&v, &mut d, &mut warm);
                assert_eq!(expected, seen(got, &d), "{}: warm\n{v}", path.display());
                // The intact text again, from what the broken one kept and lent.
                let mut d = Vec::new();
                let mended = parsed(parse_kept(&text, &mut d, &mut warm), &d);
                let mut d = Vec::new();
                let whole = parsed(super::super::parse(SourceId(0), &text, &mut d), &d);
                assert_eq!(whole, mended, "{}: mended\n{v}", path.display());
            }
        }
        assert!(broken > 200, "broken texts: {broken}");
    }
}
