//! The `ecsxc fmt` command: files, directories or standard input; `--check` for CI.

use super::format_source;
use crate::diagnostics::render::{render_all, MessageFormat};
use crate::diagnostics::{self, Code, Diagnostic};
use crate::source::{SourceId, SourceMap, Span};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// How `ecsxc fmt` prints its reports.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Change nothing: list the files that are not formatted.
    pub check: bool,
    /// Diagnostics as reports or JSON lines.
    pub message_format: MessageFormat,
    /// Colour in reports.
    pub color: bool,
    /// Width of reports.
    pub width: usize,
}

/// Runs `ecsxc fmt` on `paths` and returns the exit status: 0 when every file is
/// formatted (or was formatted now), 1 with `--check` when a file is not, 2 when a file
/// cannot be read or does not parse (it is left as it is).
///
/// Files with a `// ecsxc-fmt: skip` line are left alone (and pass `--check`).
/// No path, or `-`, formats standard input to standard output. A directory stands for
/// every `.ecsx` file below it (hidden directories skipped), in path order. Files that
/// would change are listed on standard output with `--check`; diagnostics go to
/// standard error in either message format (standard output may carry the program).
pub fn run(paths: &[PathBuf], options: &Options) -> u8 {
    if paths.is_empty() {
        return stdin(options);
    }
    let mut status = 0;
    for path in paths {
        let s = if path.as_os_str() == "-" {
            stdin(options)
        } else if path.is_dir() {
            let files = ecsx_files(path);
            files.iter().map(|f| file(f, options)).max().unwrap_or(0)
        } else {
            file(path, options)
        };
        status = status.max(s);
    }
    status
}

/// Every `.ecsx` file below `dir`, hidden directories and files aside, sorted.
pub(crate) fn ecsx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
}

/// Every `.ecsx` file below `dir`, hidden directories and files aside.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match entry.file_type() {
            Ok(t) if t.is_dir() && !hidden => walk(&path, out),
            Ok(t) if !t.is_dir() && !hidden && path.extension().is_some_and(|e| e == "ecsx") => {
                out.push(path)
            }
            _ => {}
        }
    }
}

/// The formatted text of `bytes`, or the exit status after printing why there is none.
fn format_bytes(name: &str, bytes: &[u8], options: &Options) -> Result<(String, String), u8> {
    if super::is_skipped(&String::from_utf8_lossy(bytes)) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok((text.clone(), text));
    }
    let mut sources = SourceMap::new();
    let (id, read_diags) = crate::read_source(&mut sources, name, bytes);
    let result = if diagnostics::has_errors(&read_diags) {
        Err(read_diags)
    } else {
        let text = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
        format_source(&text).map(|out| (text, out))
    };
    result.map_err(|diags| {
        report(&diags, &sources, options);
        2
    })
}

fn report(diags: &[Diagnostic], sources: &SourceMap, options: &Options) {
    let text = render_all(
        diags,
        sources,
        options.message_format,
        options.color,
        options.width,
    );
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn stdin(options: &Options) -> u8 {
    let name = "<stdin>";
    let mut bytes = Vec::new();
    if let Err(err) = std::io::stdin().read_to_end(&mut bytes) {
        return unreadable(name, &err, options);
    }
    let (before, after) = match format_bytes(name, &bytes, options) {
        Ok(texts) => texts,
        Err(status) => return status,
    };
    if options.check {
        if before != after {
            println!("{name}");
            return 1;
        }
        return 0;
    }
    let _ = std::io::stdout().write_all(after.as_bytes());
    0
}

fn file(path: &Path, options: &Options) -> u8 {
    let name = SourceMap::display_name(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return unreadable(&name, &err, options),
    };
    let (before, after) = match format_bytes(&name, &bytes, options) {
        Ok(texts) => texts,
        Err(status) => return status,
    };
    if before == after {
        return 0;
    }
    if options.check {
        println!("{name}");
        return 1;
    }
    match std::fs::write(path, after) {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("error: cannot write `{name}`: {}", crate::io_reason(&err));
            2
        }
    }
}

fn unreadable(name: &str, err: &std::io::Error, options: &Options) -> u8 {
    let mut sources = SourceMap::new();
    let id: SourceId = sources.add(name, "");
    let d = Diagnostic::new(
        Code::Unreadable,
        Span::new(id, 0, 0),
        format!("cannot read `{name}`: {}", crate::io_reason(err)),
    )
    .help("check the path; ecsxc fmt formats .ecsx files and the folders that hold them");
    report(&[d], &sources, options);
    2
}
