//! `ecsxc lsp`: a language server over standard input and output.
//!
//! Built on `lsp-server` and `lsp-types`, the crates rust-analyzer uses: a synchronous
//! loop over a channel of messages, no async runtime (the compiler is synchronous and
//! fast), and the protocol's types kept current by rust-analyzer's maintainers. The
//! documents are synced whole; every change recompiles the file through the same
//! pipeline as `ecsxc build` and publishes its diagnostics.
//!
//! | module | does |
//! | --- | --- |
//! | [`server`] | the loop: initialize, dispatch, shutdown |
//! | [`documents`] | open documents and what the compiler said about them |
//! | [`diagnostics`] | the compiler's diagnostics as LSP diagnostics |
//! | [`line_index`] | byte offsets ↔ LSP positions (UTF-16 code units) |
//! | [`tokens`], [`context`] | a tolerant lexer, and what a position is (works on broken text) |
//! | [`hover`], [`completion`], [`definition`], [`symbols`], [`actions`] | the features |
//! | [`aws_schema`] | CloudFormation resource types (namespaces, types, properties) for completion |
//! | [`stdlib_docs`] | the standard library as read-only files to jump into |

pub mod actions;
pub mod aws_schema;
pub mod completion;
pub mod context;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod line_index;
pub mod server;
pub mod stdlib_docs;
pub mod symbols;
pub mod tokens;

pub use documents::Document;
pub use server::run;
pub use stdlib_docs::StdlibDocs;

/// The formatted text of a document, or `None` when it cannot be formatted (it does
/// not parse) or no formatter is available.
pub fn format_document(text: &str) -> Option<String> {
    crate::fmt::format_source(text).ok()
}

#[cfg(test)]
mod tests;
