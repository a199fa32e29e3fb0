//! Where the deploy commands write: results on standard output, messages and
//! progress on standard error, with colour and an in-place progress line only on a terminal.
//! Tests capture both streams with [`Ui::capture`].

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};

use super::error::DeployError;

/// ANSI styles used by the renderers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Additions, success.
    Green,
    /// Modifications, warnings.
    Yellow,
    /// Removals, replacements, errors.
    Red,
    /// Headings.
    Bold,
    /// Secondary text.
    Dim,
}

/// Paints `text` in `style` when `color` is on.
pub fn paint(color: bool, style: Style, text: &str) -> String {
    if !color {
        return text.to_string();
    }
    let code = match style {
        Style::Green => "32",
        Style::Yellow => "33",
        Style::Red => "31",
        Style::Bold => "1",
        Style::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

type Sink = Arc<Mutex<Box<dyn Write + Send>>>;

/// The output streams of one command.
pub struct Ui {
    out: Sink,
    err: Sink,
    /// Colour output.
    pub color: bool,
    /// Standard error is a terminal: the progress line is redrawn in place.
    pub live: bool,
    /// Standard input is a terminal: confirmation prompts are possible.
    pub interactive: bool,
    line_open: Mutex<bool>,
}

/// The captured streams of a [`Ui::capture`].
#[derive(Clone, Default)]
pub struct Captured {
    out: Arc<Mutex<Vec<u8>>>,
    err: Arc<Mutex<Vec<u8>>>,
}

impl Captured {
    /// Everything written to standard output so far.
    pub fn stdout(&self) -> String {
        self.out
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }

    /// Everything written to standard error so far.
    pub fn stderr(&self) -> String {
        self.err
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Ui {
    /// The process's standard streams.
    pub fn stdio(color: bool) -> Ui {
        Ui {
            out: Arc::new(Mutex::new(Box::new(std::io::stdout()))),
            err: Arc::new(Mutex::new(Box::new(std::io::stderr()))),
            color,
            live: std::io::stderr().is_terminal(),
            interactive: std::io::stdin().is_terminal(),
            line_open: Mutex::new(false),
        }
    }

    /// In-memory streams, no colour, not a terminal (for tests).
    pub fn capture() -> (Ui, Captured) {
        let cap = Captured::default();
        let ui = Ui {
            out: Arc::new(Mutex::new(Box::new(SharedBuf(cap.out.clone())))),
            err: Arc::new(Mutex::new(Box::new(SharedBuf(cap.err.clone())))),
            color: false,
            live: false,
            interactive: false,
            line_open: Mutex::new(false),
        };
        (ui, cap)
    }

    /// Paints `text` when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        paint(self.color, style, text)
    }

    fn write_err(&self, text: &str) {
        self.close_line();
        if let Ok(mut w) = self.err.lock() {
            let _ = w.write_all(text.as_bytes());
            let _ = w.flush();
        }
    }

    /// Writes `text` as is to standard output.
    pub fn out(&self, text: &str) {
        self.close_line();
        if let Ok(mut w) = self.out.lock() {
            let _ = w.write_all(text.as_bytes());
            let _ = w.flush();
        }
    }

    /// Writes `text` as is to standard error (rendered diagnostics, reports).
    pub fn err_raw(&self, text: &str) {
        self.write_err(text);
    }

    /// A line of information on standard error.
    pub fn info(&self, line: &str) {
        self.write_err(&format!("{line}\n"));
    }

    /// A warning on standard error.
    pub fn warn(&self, line: &str) {
        let w = self.paint(Style::Yellow, "warning");
        self.write_err(&format!("{w}: {line}\n"));
    }

    /// An error with its hint on standard error.
    pub fn error(&self, err: &DeployError) {
        let e = self.paint(Style::Red, "error");
        let mut text = format!("{e}: {}\n", err.message);
        if let Some(help) = &err.help {
            text.push_str(&format!("  help: {help}\n"));
        }
        self.write_err(&text);
    }

    /// Draws the progress line in place (terminal only; elsewhere nothing is drawn).
    pub fn progress(&self, line: &str) {
        if !self.live {
            return;
        }
        if let Ok(mut w) = self.err.lock() {
            let _ = write!(w, "\r\x1b[2K{line}");
            let _ = w.flush();
        }
        if let Ok(mut open) = self.line_open.lock() {
            *open = true;
        }
    }

    /// Ends an open progress line so that the next message starts on a clean line.
    fn close_line(&self) {
        let Ok(mut open) = self.line_open.lock() else {
            return;
        };
        if *open {
            if let Ok(mut w) = self.err.lock() {
                let _ = write!(w, "\r\x1b[2K");
            }
            *open = false;
        }
    }

    /// Prints `question [y/N] ` and reads an answer from standard input; true for yes.
    pub fn confirm(&self, question: &str) -> bool {
        self.write_err(&format!("{question} [y/N] "));
        let mut answer = String::new();
        if std::io::stdin().read_line(&mut answer).is_err() {
            return false;
        }
        matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
    }
}
