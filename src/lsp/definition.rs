//! Go to definition: a binding's declaration, or a standard-library declaration
//! (served as a read-only file, see [`super::stdlib_docs`]).

use super::context::{FileContext, Role};
use super::documents::Document;
use super::stdlib_docs::StdlibDocs;
use lsp_types::{Location, Position, Uri};

/// Where the name at `pos` of `doc` is declared.
pub fn definition(
    doc: &Document,
    uri: &Uri,
    stdlib: &StdlibDocs,
    pos: Position,
) -> Option<Location> {
    let cx = FileContext::new(&doc.text, doc.tokens(), &stdlib.lib);
    let i = cx.token_at(doc.offset(pos))?;
    match cx.role(i)? {
        Role::Reference(d) | Role::Declared(d) => {
            let name = cx.decls.get(d)?.name?;
            Some(Location::new(uri.clone(), doc.range(name.start, name.end)))
        }
        Role::Type(ty) => stdlib.location(cx.lib.get(&ty)?.span),
        Role::Constructor(ty, name) => stdlib.location(cx.lib.get(&ty)?.constructor(&name)?.span),
        Role::Field(ty, name) => stdlib.location(cx.lib.get(&ty)?.field(&name)?.span),
        Role::Key => None,
    }
}
