//! A fault-injecting, recording HTTP proxy on 127.0.0.1 between ecsxc and moto.
//!
//! Each request gets a number (0, 1, 2, …); a [`Fault`] plan decides per number whether
//! to forward it to the upstream or to answer with throttling, a 503, silence (for a
//! timeout), or a dropped connection. The proxy keeps a copy of each request it forwards
//! ([`Proxy::forwarded`]), so that a test can see what ecsxc asked where moto keeps less
//! than it was sent. Plain std threads and TCP; one request per connection
//! (`Connection: close`).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward to the upstream.
    Pass,
    /// The service's throttling error: CloudFormation's and STS's `Throttling` (query/XML),
    /// EC2's `RequestLimitExceeded`, or `ThrottlingException` for JSON services (ECS, ECR).
    Throttle,
    /// HTTP 503 with an empty body.
    Unavailable,
    /// Read the request, then never answer (the client's attempt timeout fires).
    Hang,
    /// Read the request, then close the connection without an answer.
    Drop,
}

/// A request as the proxy read it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The request line and headers, up to and including the blank line.
    pub head: String,
    /// The body (by Content-Length).
    pub body: Vec<u8>,
}

impl Request {
    /// The value of header `name` (case-insensitive), trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A running proxy.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<AtomicUsize>,
    forwarded: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    /// Starts a proxy to `upstream` (`http://host:port`) with fault plan `plan`.
    pub fn start(upstream: &str, plan: impl Fn(usize) -> Fault + Send + Sync + 'static) -> Proxy {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(AtomicUsize::new(0));
        let forwarded = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let plan = Arc::new(plan);
        {
            let requests = requests.clone();
            let forwarded = forwarded.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let upstream = upstream.clone();
                    let requests = requests.clone();
                    let forwarded = forwarded.clone();
                    let plan = plan.clone();
                    std::thread::spawn(move || {
                        let _ = handle(conn, &upstream, &requests, &forwarded, &*plan);
                    });
                }
            });
        }
        Proxy {
            url,
            requests,
            forwarded,
            stop,
        }
    }

    /// Starts a proxy to `upstream` that forwards every request: a recorder.
    pub fn recording(upstream: &str) -> Proxy {
        Proxy::start(upstream, |_| Fault::Pass)
    }

    /// How many requests arrived so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The requests forwarded to the upstream so far, in order of arrival.
    pub fn forwarded(&self) -> Vec<Request> {
        self.forwarded.lock().expect("forwarded requests").clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
    }
}

/// Reads one HTTP/1.1 request: head and body (by Content-Length).
fn read_request(conn: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = conn.read(&mut chunk)?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let len = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = conn.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(Request { head, body }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

const THROTTLING: &str =
    "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">\
<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>\
<RequestId>4f5b6c3a-0000-4000-8000-proxyproxy01</RequestId></ErrorResponse>";

const EC2_THROTTLING: &str = "<Response><Errors><Error><Code>RequestLimitExceeded</Code>\
<Message>Request limit exceeded.</Message></Error></Errors>\
<RequestID>4f5b6c3a-0000-4000-8000-proxyproxy02</RequestID></Response>";

fn respond(
    conn: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &str,
) -> std::io::Result<()> {
    write!(
        conn,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    conn.flush()
}

fn handle(
    mut conn: TcpStream,
    upstream: &str,
    requests: &AtomicUsize,
    forwarded: &Mutex<Vec<Request>>,
    plan: &(dyn Fn(usize) -> Fault + Send + Sync),
) -> std::io::Result<()> {
    let Some(request) = read_request(&mut conn)? else {
        return Ok(());
    };
    let Request { head, body } = &request;
    let n = requests.fetch_add(1, Ordering::SeqCst);
    match plan(n) {
        Fault::Throttle => {
            let text = String::from_utf8_lossy(body);
            return if head.to_ascii_lowercase().contains("x-amz-target:") {
                respond(
                    &mut conn,
                    "400 Bad Request",
                    "application/x-amz-json-1.1",
                    r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
                )
            } else if text.contains("Version=2016-11-15") {
                respond(
                    &mut conn,
                    "503 Service Unavailable",
                    "text/xml",
                    EC2_THROTTLING,
                )
            } else {
                respond(&mut conn, "400 Bad Request", "text/xml", THROTTLING)
            };
        }
        Fault::Unavailable => {
            return respond(&mut conn, "503 Service Unavailable", "text/plain", "")
        }
        Fault::Hang => {
            std::thread::sleep(Duration::from_secs(30));
            return Ok(());
        }
        Fault::Drop => {
            let _ = conn.shutdown(Shutdown::Both);
            return Ok(());
        }
        Fault::Pass => {}
    }
    forwarded
        .lock()
        .expect("forwarded requests")
        .push(request.clone());
    // Forward with `Connection: close`, then copy the answer back until the upstream closes.
    let mut up = TcpStream::connect(upstream)?;
    let mut new_head = String::new();
    for (i, line) in head.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        if i > 0 && (lower.starts_with("connection:") || lower.starts_with("keep-alive:")) {
            continue;
        }
        new_head.push_str(line);
        new_head.push_str("\r\n");
    }
    new_head.push_str("Connection: close\r\n\r\n");
    up.write_all(new_head.as_bytes())?;
    up.write_all(body)?;
    up.flush()?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer)?;
    conn.write_all(&answer)?;
    conn.flush()?;
    let _ = conn.shutdown(Shutdown::Both);
    Ok(())
}
