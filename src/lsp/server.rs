//! The server loop: the `initialize` handshake, then one message at a time until
//! `shutdown` and `exit`.

use super::documents::Document;
use super::line_index::LineIndex;
use super::stdlib_docs::StdlibDocs;
use super::{actions, completion, definition, format_document, hover, symbols};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    DocumentSymbolResponse, GotoDefinitionResponse, HoverProviderCapability, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;

/// What the server can do.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "\"".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..lsp_types::CodeActionOptions::default()
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on standard input and output until the client says `exit`.
/// Exit status 0 after `shutdown`, 1 when the client exits without it or the
/// connection breaks.
pub fn run() -> ExitCode {
    // A long-running process that compiles on every change: see `crate::alloc`.
    crate::alloc::use_mimalloc();
    let (connection, io_threads) = Connection::stdio();
    let status = serve(&connection);
    drop(connection);
    match (status, io_threads.join()) {
        (Ok(true), Ok(())) => ExitCode::SUCCESS,
        (Err(e), _) => {
            eprintln!("ecsxc lsp: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::from(1),
    }
}

/// The handshake and the loop; `Ok(true)` after a clean `shutdown` and `exit`.
fn serve(connection: &Connection) -> Result<bool, String> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "ecsxc".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, init)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        docs: HashMap::new(),
        stdlib: StdlibDocs::new(),
    };
    while let Ok(msg) = connection.receiver.recv() {
        match msg {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(true);
                }
                server.request(req);
            }
            Message::Notification(n) if n.method == "exit" => return Ok(false),
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    Ok(false)
}

/// The server's state: the open documents.
struct Server<'c> {
    connection: &'c Connection,
    docs: HashMap<Uri, Document>,
    stdlib: StdlibDocs,
}

impl Server<'_> {
    fn send(&self, msg: impl Into<Message>) {
        let _ = self.connection.sender.send(msg.into());
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.update(d.uri, d.version, d.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let text = self.docs.get(&d.uri).map(|doc| doc.text.clone());
                    let text = apply_changes(text.unwrap_or_default(), p.content_changes);
                    self.update(d.uri, d.version, text);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    self.docs.remove(&p.text_document.uri);
                    self.publish(p.text_document.uri, Vec::new(), None);
                }
            }
            _ => {}
        }
    }

    /// Recompiles a document and publishes its diagnostics.
    fn update(&mut self, uri: Uri, version: i32, text: String) {
        if self.stdlib.contains(&uri) {
            self.docs
                .insert(uri.clone(), Document::unchecked(version, text));
            self.publish(uri, Vec::new(), Some(version));
            return;
        }
        let stdlib = &self.stdlib;
        let previous = self.docs.get_mut(&uri);
        let doc = std::panic::catch_unwind(AssertUnwindSafe(|| {
            Document::changed(&uri, version, text.clone(), stdlib, previous)
        }))
        .unwrap_or_else(|_| Document::unchecked(version, text));
        // Answer first: dropping the previous version (its template) can wait, and is
        // done on a thread of its own, out of the way of the next message.
        self.publish(uri.clone(), doc.lsp_diagnostics.clone(), Some(version));
        if let Some(previous) = self.docs.insert(uri, doc) {
            crate::drop_later(previous);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.into(), params));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| self.answer(req)));
        let response = match result {
            Ok(Ok(value)) => Response {
                id,
                response_result: Ok(value),
            },
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internal error (E0499); please report it".into(),
            ),
        };
        self.send(response);
    }

    fn answer(&self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let stdlib = &self.stdlib;
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = parse(req.params)?;
                let at = p.text_document_position_params;
                let doc = self.doc(&at.text_document.uri)?;
                to_json(hover::hover(doc, stdlib, at.position))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = parse(req.params)?;
                let at = p.text_document_position;
                let doc = self.doc(&at.text_document.uri)?;
                let items = completion::complete(doc, stdlib, at.position);
                to_json(CompletionResponse::Array(items))
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = parse(req.params)?;
                let at = p.text_document_position_params;
                let uri = &at.text_document.uri;
                let doc = self.doc(uri)?;
                let loc = definition::definition(doc, uri, stdlib, at.position);
                to_json(loc.map(GotoDefinitionResponse::Scalar))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = parse(req.params)?;
                let doc = self.doc(&p.text_document.uri)?;
                to_json(DocumentSymbolResponse::Nested(symbols::symbols(
                    doc, stdlib,
                )))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = parse(req.params)?;
                let uri = &p.text_document.uri;
                let doc = self.doc(uri)?;
                to_json(actions::code_actions(doc, uri, p.range))
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams = parse(req.params)?;
                let doc = self.doc(&p.text_document.uri)?;
                let edits = format_document(&doc.text).map(|new| {
                    if new == doc.text {
                        Vec::new()
                    } else {
                        vec![TextEdit::new(doc.range(0, doc.text.len()), new)]
                    }
                });
                to_json(edits)
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("ecsxc lsp does not answer `{}`", req.method),
            )),
        }
    }

    fn doc(&self, uri: &Uri) -> Result<&Document, (ErrorCode, String)> {
        self.docs.get(uri).ok_or_else(|| {
            (
                ErrorCode::InvalidParams,
                format!("`{}` is not open", uri.as_str()),
            )
        })
    }
}

/// The text after `changes`: the server asks for whole texts (full sync), but a
/// change with a range is applied to the text before it.
fn apply_changes(
    mut text: String,
    changes: Vec<lsp_types::TextDocumentContentChangeEvent>,
) -> String {
    for change in changes {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let index = LineIndex::new(&text);
                let start = index.offset(&text, range.start);
                let end = index.offset(&text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
    text
}

fn parse<T: DeserializeOwned>(params: serde_json::Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_json(value: impl Serialize) -> Result<serde_json::Value, (ErrorCode, String)> {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}
