//! IR (stub).
pub mod manifest;
pub mod template;
use crate::diagnostics::Diagnostic;
pub use manifest::*;
pub use template::*;
/// Lowers.
pub fn lower(
    _p: &crate::check::Program,
    _l: &crate::stdlib::Library,
    _d: &mut Vec<Diagnostic>,
) -> (Template, Manifest) {
    (Template::default(), Manifest::default())
}
