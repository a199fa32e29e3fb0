//! The standard library as documents an editor can open: go to definition on a
//! component, field or constructor lands in its declaration.
//!
//! The embedded `stdlib/*.ecsx` files are written once per process, read-only, to
//! `<temp dir>/ecsxc-stdlib-<hash>/` (the hash of their text, so two versions of ecsxc
//! never share a folder) and served as `file://` URIs. Every editor opens a file URI
//! without help from an extension; a custom URI scheme would need client code in each.

use super::line_index::LineIndex;
use crate::source::SourceMap;
use crate::source::{SourceId, Span};
use crate::stdlib::{self, Library, FILES};
use lsp_types::{Location, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// The standard library's files on disk, with their URIs and line indexes.
#[derive(Debug)]
pub struct StdlibDocs {
    /// The library the checker uses.
    pub lib: Arc<Library>,
    /// The URI of each file of [`FILES`], when it could be written.
    uris: Vec<Option<Uri>>,
    /// The line index of each file of [`FILES`].
    indexes: Vec<LineIndex>,
}

impl StdlibDocs {
    /// Loads the library and writes its files (once; a file already there with the
    /// same text is kept). A file that cannot be written gets no URI: definitions in it
    /// are not offered, nothing else changes.
    pub fn new() -> Self {
        let mut sources = SourceMap::new();
        sources.add("<lsp>", "");
        let lib = stdlib::load(&mut sources, &mut Vec::new());
        let dir = std::env::temp_dir().join(format!("ecsxc-stdlib-{:016x}", stdlib::stdlib_hash()));
        let uris = FILES
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name.trim_start_matches("<stdlib>/"));
                write_read_only(&path, text).ok()?;
                file_uri(&path)
            })
            .collect();
        let indexes = FILES.iter().map(|(_, text)| LineIndex::new(text)).collect();
        StdlibDocs { lib, uris, indexes }
    }

    /// The text of a standard-library span (a default value, a declaration).
    pub fn text(span: Span) -> &'static str {
        file_of(span.source)
            .and_then(|(_, text)| text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }

    /// Where `span` of a standard-library file is, as an editor opens it.
    pub fn location(&self, span: Span) -> Option<Location> {
        let i = (span.source.0 as usize).checked_sub(1)?;
        let uri = self.uris.get(i)?.clone()?;
        let (_, text) = FILES.get(i)?;
        let range = self
            .indexes
            .get(i)?
            .range(text, span.start as usize, span.end as usize);
        Some(Location::new(uri, range))
    }

    /// True when `uri` is one of the standard library's files (read-only; not checked
    /// as a program).
    pub fn contains(&self, uri: &Uri) -> bool {
        self.uris.iter().flatten().any(|u| u == uri)
    }
}

impl Default for StdlibDocs {
    fn default() -> Self {
        Self::new()
    }
}

/// The embedded file that source `id` is in the usual layout (the program is source
/// 0, the standard library's files 1, 2, ...).
fn file_of(id: SourceId) -> Option<&'static (&'static str, &'static str)> {
    FILES.get((id.0 as usize).checked_sub(1)?)
}

fn write_read_only(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Written beside and renamed, so that another server never reads half a file.
    let tmp = dir.join(format!(
        ".{}.{}",
        std::process::id(),
        path.file_name()
            .map_or_else(|| "f".into(), |n| n.to_string_lossy())
    ));
    std::fs::write(&tmp, text)?;
    let mut perms = std::fs::metadata(&tmp)?.permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&tmp, perms)?;
    std::fs::rename(&tmp, path)
}

/// The `file://` URI of an absolute path (bytes other than unreserved ones and `/`
/// percent-encoded).
pub fn file_uri(path: &Path) -> Option<Uri> {
    let path = std::path::absolute(path).ok()?;
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && out.len() < 12) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

/// The path of a `file://` URI (percent-decoded), if it is one.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(h)) => {
                out.push(h);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    // `file:///C:/x` on Windows.
    let text = match text.as_bytes() {
        [b'/', _, b':', ..] => text.get(1..).unwrap_or("").to_string(),
        _ => text,
    };
    Some(PathBuf::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip() {
        let path = Path::new("/tmp/a b/é.ecsx");
        let uri = file_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9.ecsx");
        assert_eq!(uri_path(&uri).unwrap(), path);
    }
}
