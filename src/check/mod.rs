//! Check (stub).
use crate::diagnostics::Diagnostic;
/// Checked program.
#[derive(Debug, Default)]
pub struct Program;
/// Checks.
pub fn check(
    _p: &crate::syntax::Program,
    _l: &crate::stdlib::Library,
    _d: &mut Vec<Diagnostic>,
) -> Program {
    Program
}
