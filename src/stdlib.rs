//! Stdlib (stub).
use crate::diagnostics::Diagnostic;
use crate::source::SourceMap;
/// The standard library.
#[derive(Debug, Default)]
pub struct Library;
/// Loads it.
pub fn load(_s: &mut SourceMap, _d: &mut Vec<Diagnostic>) -> Library {
    Library
}
