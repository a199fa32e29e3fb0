//! `ecsxc lsp` driven by a real client: the test starts the binary, speaks JSON-RPC
//! (`Content-Length` framing) over its standard input and output, and checks every
//! feature on real files: diagnostics on open and change (UTF-16 positions, related
//! places, help), hover, completion, definitions (bindings and the standard library),
//! document symbols, quick fixes, formatting, shutdown and exit.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// A language client speaking to one `ecsxc lsp` process.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for a response.
    pending: Vec<Value>,
}

impl Client {
    /// Starts the server and completes the `initialize` handshake; returns the
    /// client and the server's `InitializeResult`.
    fn start() -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ecsxc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start ecsxc lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages: rx,
            next_id: 1,
            pending: Vec::new(),
        };
        let init = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn recv(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(60))
            .expect("a message from the server within 60 s")
    }

    /// Sends a request and returns its response (the whole message).
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let msg = self.recv();
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.pending.push(msg);
        }
    }

    /// Sends a request and returns its result (failing on an error response).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Waits for the next `publishDiagnostics` of `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_ours = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.pending.iter().position(is_ours) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.recv();
            if is_ours(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(m);
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ecsx", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
        self.diagnostics(uri)
    }

    fn at(&mut self, method: &str, uri: &str, pos: Value) -> Value {
        self.request(
            method,
            json!({ "textDocument": { "uri": uri }, "position": pos }),
        )
    }

    /// `shutdown` then `exit`; the server must exit with status 0.
    fn finish(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "exit status {status}");
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .unwrap()
}

fn uri(name: &str) -> String {
    format!("file:///work/lsp-test/{name}")
}

/// The LSP position of the `nth` (0-based) occurrence of `needle` in `text`, plus
/// `shift` UTF-16 code units: lines, and columns in UTF-16 code units.
fn pos_of(text: &str, needle: &str, nth: usize, shift: u32) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in the text"))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character as u32 + shift })
}

fn labels(items: &Value) -> Vec<String> {
    let list = items
        .as_array()
        .or_else(|| items["items"].as_array())
        .expect("completion items");
    list.iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("hover contents: {hover}"))
        .to_string()
}

#[test]
fn initialize_advertises_every_feature_and_shutdown_exits_cleanly() {
    let (client, init) = Client::start();
    let caps = &init["capabilities"];
    assert_eq!(init["serverInfo"]["name"], "ecsxc");
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"], 1, "full text sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["definitionProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["documentFormattingProvider"], true);
    assert!(caps["completionProvider"]["triggerCharacters"]
        .as_array()
        .unwrap()
        .contains(&json!(".")));
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    client.finish();
}

/// A program with `é` and an emoji before its errors, on the errors' lines too: an
/// unknown field (with a "did you mean") and a name defined twice (with a related place).
const NON_ASCII: &str = "/// Café ☕ and a rocket 🚀.\n\
let web = ApplicationListener { port: 80 }\n\
let nginx = FargateService {\n\
    tags: { Name: \"café 🚀\" }, desiredCont: 2\n\
    containers: { app: { image: \"nginx\", memory: 128, portMappings: [web] } }\n\
}\n\
/// 🚀 again\n\
let web = 3\n";

#[test]
fn diagnostics_on_open_and_change_match_the_cli_in_utf16_positions() {
    let (mut client, _) = Client::start();
    let u = uri("nginx.ecsx");
    let nginx = example("nginx.ecsx");
    assert_eq!(
        client.open(&u, &nginx),
        Vec::<Value>::new(),
        "nginx is clean"
    );

    let diags = client.change(&u, 2, NON_ASCII);
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"E0103"), "{diags:#?}");
    assert!(codes.contains(&"E0102"), "{diags:#?}");

    // Positions in UTF-16 code units: `desiredCont` comes after `é` (1 unit) and
    // `🚀` (2 units) on its line.
    let unknown = diags.iter().find(|d| d["code"] == "E0103").unwrap();
    let start = pos_of(NON_ASCII, "desiredCont", 0, 0);
    assert_eq!(unknown["range"]["start"], start);
    assert_eq!(
        unknown["range"]["end"]["character"],
        start["character"].as_u64().unwrap() + 11
    );
    assert_eq!(
        start["character"], 27,
        "UTF-16, not bytes (30) nor characters (26)"
    );
    assert_eq!(unknown["severity"], 1);
    assert_eq!(unknown["source"], "ecsxc");

    // Related places: the first `web`, with the CLI's label text.
    let dup = diags.iter().find(|d| d["code"] == "E0102").unwrap();
    assert_eq!(dup["range"]["start"], pos_of(NON_ASCII, "web", 2, 0));
    let related = dup["relatedInformation"].as_array().unwrap();
    assert!(related.iter().any(|r| r["message"] == "first defined here"
        && r["location"]["uri"] == u.as_str()
        && r["location"]["range"]["start"] == pos_of(NON_ASCII, "web", 0, 0)));

    // The same codes, messages and help as `ecsxc check --message-format json`.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prog.ecsx");
    std::fs::write(&file, NON_ASCII).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ecsxc"))
        .args(["check", "--message-format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let cli: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(cli.len(), diags.len(), "{cli:#?}\n{diags:#?}");
    for (c, l) in cli.iter().zip(&diags) {
        assert_eq!(c["code"], l["code"]);
        let message = l["message"].as_str().unwrap();
        assert!(
            message.starts_with(c["message"].as_str().unwrap()),
            "{message}"
        );
        assert_eq!(c["help"], l["data"]["help"]);
        if let Some(help) = c["help"].as_str() {
            assert!(message.ends_with(&format!("help: {help}")), "{message}");
        }
        // Lines agree (the CLI's are 1-based).
        assert_eq!(
            c["start"]["line"].as_u64().unwrap() - 1,
            l["range"]["start"]["line"].as_u64().unwrap()
        );
        let cli_labels: Vec<&Value> = c["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["message"] != "")
            .collect();
        let related = l["relatedInformation"].as_array().map_or(0, Vec::len);
        assert_eq!(cli_labels.len(), related, "{c}\n{l}");
    }

    // Fixed again: the diagnostics go away.
    assert_eq!(client.change(&u, 3, &nginx), Vec::<Value>::new());

    // A change with a range (the server asks for whole texts, but takes both).
    let start = pos_of(&nginx, "desiredCount", 0, 0);
    let end = pos_of(&nginx, "desiredCount", 0, 12);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": u, "version": 4 },
            "contentChanges": [{ "range": { "start": start, "end": end }, "text": "desiredCont" }]
        }),
    );
    let diags = client.diagnostics(&u);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["range"]["start"], start);
    client.finish();
}

#[test]
fn hover_shows_stdlib_docs_and_what_a_binding_expands_to() {
    let (mut client, _) = Client::start();
    let u = uri("params.ecsx");
    let text = example("params.ecsx");
    client.open(&u, &text);

    // A component: its doc comment.
    let h = client.at(
        "textDocument/hover",
        &u,
        pos_of(&text, "FargateService", 0, 3),
    );
    let s = hover_text(&h);
    assert!(s.contains("component FargateService"), "{s}");
    assert!(
        s.contains("A load-balanced or standalone service running on Fargate"),
        "{s}"
    );
    assert!(s.contains("Required fields: `containers`"), "{s}");
    assert_eq!(h["range"]["start"], pos_of(&text, "FargateService", 0, 0));

    // A field: doc, type, default and constraint.
    let s = hover_text(&client.at(
        "textDocument/hover",
        &u,
        pos_of(&text, "deploymentMinimumHealthyPercent", 0, 2),
    ));
    assert!(
        s.contains("Lower limit of running tasks during a deployment"),
        "{s}"
    );
    assert!(s.contains("type: `Int in 0..100`"), "{s}");
    assert!(s.contains("default: `100`"), "{s}");
    assert!(s.contains("constraint: from `0` to `100`"), "{s}");
    let s = hover_text(&client.at("textDocument/hover", &u, pos_of(&text, "protocol", 0, 1)));
    assert!(
        s.contains("constraint: one of `\"HTTP\"`, `\"HTTPS\"`"),
        "{s}"
    );
    assert!(s.contains("default: `\"HTTP\"`"), "{s}");

    // A field of a record inside a construction.
    let s = hover_text(&client.at("textDocument/hover", &u, pos_of(&text, "command", 0, 0)));
    assert!(
        s.contains("The command to run instead of the image's default"),
        "{s}"
    );
    assert!(s.contains("Container.command: [String]?"), "{s}");

    // A static constructor.
    let s = hover_text(&client.at(
        "textDocument/hover",
        &u,
        pos_of(&text, "Cluster.existing", 0, 9),
    ));
    assert!(s.contains("Cluster.existing(nameOrArn: String)"), "{s}");
    assert!(s.contains("Use a cluster that already exists"), "{s}");

    // A binding where it is declared: its type and its resources.
    let s = hover_text(&client.at("textDocument/hover", &u, pos_of(&text, "backend", 0, 2)));
    assert!(s.contains("let backend: FargateService"), "{s}");
    assert!(s.contains("`BackendService`: `AWS::ECS::Service`"), "{s}");
    assert!(
        s.contains("`BackendTaskDefinition`: `AWS::ECS::TaskDefinition`"),
        "{s}"
    );

    // A binding where it is used, a parameter, an attribute.
    let s = hover_text(&client.at(
        "textDocument/hover",
        &u,
        pos_of(&text, "portMappings: [api]", 0, 16),
    ));
    assert!(s.contains("let api: ApplicationListener"), "{s}");
    assert!(
        s.contains("`ApiListener`: `AWS::ElasticLoadBalancingV2::Listener`"),
        "{s}"
    );
    let s = hover_text(&client.at(
        "textDocument/hover",
        &u,
        pos_of(&text, "desiredCount: replicas", 0, 15),
    ));
    assert!(s.contains("param replicas: Int in 1..10"), "{s}");
    assert!(s.contains("How many tasks to run."), "{s}");
    assert!(
        s.contains("`replicas`: template parameter (`Number`)"),
        "{s}"
    );
    let s = hover_text(&client.at("textDocument/hover", &u, pos_of(&text, "endpoint", 0, 2)));
    assert!(
        s.contains("out ApplicationListener.endpoint: Endpoint"),
        "{s}"
    );

    // Nothing to say on punctuation.
    let h = client.at(
        "textDocument/hover",
        &u,
        json!({ "line": 0, "character": 0 }),
    );
    assert_eq!(h, Value::Null);

    // While the program has errors, a binding's expansion is not known.
    let broken = text.replace("desiredCount: replicas", "desiredCount: \"many\"");
    client.change(&u, 2, &broken);
    let s = hover_text(&client.at("textDocument/hover", &u, pos_of(&broken, "backend", 0, 2)));
    assert!(s.contains("let backend: FargateService"), "{s}");
    assert!(s.contains("not known while the program has errors"), "{s}");
    client.finish();
}

#[test]
fn completion_of_fields_literals_bindings_types_and_attributes() {
    let (mut client, _) = Client::start();
    let u = uri("draft.ecsx");
    let text = "let cl = Cluster {}\n\
let web = ApplicationListener {\n    port: 443\n    protocol: \n}\n\
let svc = FargateService {\n    desiredCount: 2\n    \n    cluster: \n}\n\
export u = web.\n\
export h = web.endpoint.\n\
let c = Cluster.\n\
let x = \n";
    client.open(&u, text);

    // Fields not given yet, with docs and defaults; given ones and attributes left out.
    let items = client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "    \n    cluster", 0, 4),
    );
    let names = labels(&items);
    assert!(names.contains(&"containers".to_string()), "{names:?}");
    assert!(names.contains(&"deploymentMinimumHealthyPercent".to_string()));
    assert!(
        !names.contains(&"desiredCount".to_string()),
        "already given"
    );
    assert!(
        !names.contains(&"cluster".to_string()),
        "given below the cursor"
    );
    assert!(
        !names.contains(&"name".to_string()),
        "an attribute, not settable"
    );
    let list = items.as_array().unwrap();
    let min = list
        .iter()
        .find(|i| i["label"] == "deploymentMinimumHealthyPercent")
        .unwrap();
    assert!(min["detail"].as_str().unwrap().contains("= 100"), "{min}");
    assert!(
        min["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Lower limit"),
        "{min}"
    );
    let containers = list.iter().find(|i| i["label"] == "containers").unwrap();
    assert!(
        containers["sortText"].as_str().unwrap() < min["sortText"].as_str().unwrap(),
        "required first"
    );

    // The values of a literal union.
    let items = client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "protocol: ", 0, 10),
    );
    assert_eq!(labels(&items), vec!["\"HTTP\"", "\"HTTPS\""]);

    // Bindings in scope, those of the expected type first; not the binding itself.
    let items = client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "cluster: ", 0, 9),
    );
    let names = labels(&items);
    assert!(
        names.contains(&"cl".to_string()) && names.contains(&"web".to_string()),
        "{names:?}"
    );
    assert!(!names.contains(&"svc".to_string()), "{names:?}");
    let list = items.as_array().unwrap();
    let sort = |l: &str| {
        list.iter().find(|i| i["label"] == l).unwrap()["sortText"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(sort("cl") < sort("web"));

    // Attributes after `.`, through records; constructors after a type.
    let names = labels(&client.at("textDocument/completion", &u, pos_of(text, "web.\n", 0, 4)));
    assert!(
        names.contains(&"endpoint".to_string()) && names.contains(&"port".to_string()),
        "{names:?}"
    );
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "endpoint.\n", 0, 9),
    ));
    assert!(names.contains(&"hostname".to_string()), "{names:?}");
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "Cluster.\n", 0, 8),
    ));
    assert_eq!(names, vec!["existing"]);

    // Component and record names where a value starts.
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "let x = ", 0, 8),
    ));
    for n in [
        "FargateService",
        "ApplicationListener",
        "Vpc",
        "Container",
        "cl",
        "web",
        "svc",
    ] {
        assert!(names.contains(&n.to_string()), "{n} in {names:?}");
    }

    // Inside a string being typed: the literals replace the whole string.
    let typing = "let web = ApplicationListener {\n    protocol: \"HT\n}\n";
    client.change(&u, 2, typing);
    let items = client.at("textDocument/completion", &u, pos_of(typing, "\"HT", 0, 3));
    assert_eq!(labels(&items), vec!["\"HTTP\"", "\"HTTPS\""]);
    let edit = &items.as_array().unwrap()[1]["textEdit"];
    assert_eq!(edit["newText"], "\"HTTPS\"");
    assert_eq!(edit["range"]["start"], pos_of(typing, "\"HT", 0, 0));

    // Nested records: a container's fields inside `containers: { app: { ... } }`.
    let nested = "let s = FargateService {\n    containers: { app: { image: \"nginx\", \n";
    client.change(&u, 3, nested);
    let names = labels(&client.at("textDocument/completion", &u, pos_of(nested, ", \n", 0, 2)));
    assert!(
        names.contains(&"memory".to_string()) && names.contains(&"portMappings".to_string()),
        "{names:?}"
    );
    assert!(!names.contains(&"image".to_string()), "{names:?}");
    client.finish();
}

#[test]
fn completion_of_resource_type_namespaces_types_properties_and_enums() {
    let (mut client, _) = Client::start();
    let u = uri("resources.ecsx");
    let text = "let a = aws.\n\
let b = aws.sqs.\n\
let q = aws.sqs.Queue {\n    visibilityTimeout: 30\n    \n}\n\
let t = aws.dynamodb.Table {\n    billingMode: \n    keySchema: [{ \n}\n\
let s = aws.s3.Bucket {\n    versioningConfiguration: {  }\n    deletionPolicy: \n}\n";
    client.open(&u, text);

    // After `aws.`: the services.
    let names = labels(&client.at("textDocument/completion", &u, pos_of(text, "aws.\n", 0, 4)));
    for n in ["s3", "sqs", "dynamodb", "ecs", "elasticloadbalancingv2"] {
        assert!(names.contains(&n.to_string()), "{n} in {names:?}");
    }
    assert!(!names.contains(&"Queue".to_string()), "{names:?}");

    // After `aws.sqs.`: its types, with their CloudFormation names.
    let items = client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "aws.sqs.\n", 0, 8),
    );
    let names = labels(&items);
    assert!(names.contains(&"Queue".to_string()), "{names:?}");
    assert!(names.contains(&"QueuePolicy".to_string()), "{names:?}");
    assert!(!names.contains(&"Bucket".to_string()), "{names:?}");
    let queue = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Queue")
        .unwrap();
    assert_eq!(queue["detail"], "AWS::SQS::Queue");

    // Inside `aws.sqs.Queue { ... }`: the properties not given yet, with the schema's
    // descriptions; attributes (read-only) left out; the policies offered.
    let items = client.at("textDocument/completion", &u, pos_of(text, "    \n}", 0, 4));
    let names = labels(&items);
    for n in [
        "delaySeconds",
        "messageRetentionPeriod",
        "redrivePolicy",
        "deletionPolicy",
    ] {
        assert!(names.contains(&n.to_string()), "{n} in {names:?}");
    }
    assert!(
        !names.contains(&"visibilityTimeout".to_string()),
        "given: {names:?}"
    );
    assert!(!names.contains(&"arn".to_string()), "read-only: {names:?}");
    assert!(
        !names.contains(&"queueUrl".to_string()),
        "read-only: {names:?}"
    );
    let delay = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "delaySeconds")
        .unwrap();
    assert!(
        delay["documentation"]["value"]
            .as_str()
            .unwrap_or_default()
            .contains("seconds"),
        "{delay}"
    );
    assert_eq!(delay["insertText"], "delaySeconds: ");

    // Required properties first; the values of an enum.
    let items = client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "billingMode: ", 0, 13),
    );
    assert_eq!(
        labels(&items),
        vec!["\"PAY_PER_REQUEST\"", "\"PROVISIONED\""]
    );
    let names = labels(&client.at("textDocument/completion", &u, pos_of(text, "[{ ", 0, 3)));
    assert!(
        names.contains(&"attributeName".to_string()) && names.contains(&"keyType".to_string()),
        "the items of a list of records: {names:?}"
    );

    // A nested record, and the deletion policies.
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "versioningConfiguration: { ", 0, 27),
    ));
    assert_eq!(names, vec!["status"]);
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(text, "deletionPolicy: ", 0, 16),
    ));
    assert!(names.contains(&"\"Retain\"".to_string()), "{names:?}");

    // `overrides` of an ECS component: the field, its roles, the role's properties
    // (and `remove`), the records and enums inside.
    let ov = "let s = FargateService {\n    containers: {}\n    \n    overrides: {\n        \n        taskDefinition: { pidMode: , \n}\n        service: { \"DeploymentConfiguration.Alarms\": {  } }\n    }\n}\n";
    client.change(&u, 2, ov);
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(ov, "    \n    overrides", 0, 4),
    ));
    assert!(
        !names.contains(&"overrides".to_string()),
        "given: {names:?}"
    );
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(ov, "containers: {}\n", 0, 15),
    ));
    assert!(names.contains(&"desiredCount".to_string()), "{names:?}");
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(ov, "        \n        taskDefinition", 0, 8),
    ));
    assert_eq!(
        names,
        vec!["logGroup", "executionRole", "taskRole", "securityGroup"],
        "the roles not given yet"
    );
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(ov, "pidMode: , ", 0, 11),
    ));
    assert!(names.contains(&"ephemeralStorage".to_string()), "{names:?}");
    assert!(names.contains(&"remove".to_string()), "{names:?}");
    assert!(!names.contains(&"deletionPolicy".to_string()), "{names:?}");
    assert!(
        !names.contains(&"taskDefinitionArn".to_string()),
        "read-only: {names:?}"
    );
    let names = labels(&client.at("textDocument/completion", &u, pos_of(ov, "pidMode: ", 0, 9)));
    assert_eq!(names, vec!["\"host\"", "\"task\""]);
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(ov, "Alarms\": { ", 0, 11),
    ));
    assert!(
        names.contains(&"alarmNames".to_string()) && names.contains(&"rollback".to_string()),
        "{names:?}"
    );

    let offered = "let s = EC2TaskDefinition {\n    \n}\nlet c = Cluster {\n    \n}\n";
    client.change(&u, 3, offered);
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(offered, "    \n", 0, 4),
    ));
    assert!(names.contains(&"overrides".to_string()), "{names:?}");
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(offered, "    \n", 1, 4),
    ));
    assert!(!names.contains(&"overrides".to_string()), "{names:?}");

    // A binding named `aws` is a binding, not the namespace.
    let shadow = "let aws = aws.sqs.Queue {}\nexport x = aws.\n";
    client.change(&u, 4, shadow);
    let names = labels(&client.at(
        "textDocument/completion",
        &u,
        pos_of(shadow, "aws.\n", 0, 4),
    ));
    assert!(!names.contains(&"sqs".to_string()), "{names:?}");
    client.finish();
}

#[test]
fn definition_of_bindings_and_of_stdlib_declarations() {
    let (mut client, _) = Client::start();
    let u = uri("nginx.ecsx");
    let text = example("nginx.ecsx");
    client.open(&u, &text);

    // A binding: its `let`.
    let loc = client.at("textDocument/definition", &u, pos_of(&text, "[web]", 0, 2));
    assert_eq!(loc["uri"], u.as_str());
    assert_eq!(loc["range"]["start"], pos_of(&text, "let web", 0, 4));

    // A component of the standard library: a read-only file holding its declaration.
    let loc = client.at(
        "textDocument/definition",
        &u,
        pos_of(&text, "FargateService", 0, 1),
    );
    let target = loc["uri"].as_str().unwrap();
    assert!(
        target.starts_with("file://") && target.ends_with("/ecs.ecsx"),
        "{target}"
    );
    let path = target.strip_prefix("file://").unwrap();
    let stdlib = std::fs::read_to_string(path).unwrap();
    assert!(std::fs::metadata(path).unwrap().permissions().readonly());
    let line = stdlib
        .lines()
        .nth(loc["range"]["start"]["line"].as_u64().unwrap() as usize)
        .unwrap();
    assert_eq!(line, "component FargateService {");

    // A field and an attribute.
    let loc = client.at(
        "textDocument/definition",
        &u,
        pos_of(&text, "desiredCount", 0, 1),
    );
    let line = stdlib
        .lines()
        .nth(loc["range"]["start"]["line"].as_u64().unwrap() as usize)
        .unwrap();
    assert!(line.trim_start().starts_with("desiredCount: Int"), "{line}");
    let loc = client.at(
        "textDocument/definition",
        &u,
        pos_of(&text, "hostname", 0, 1),
    );
    let elb = std::fs::read_to_string(
        loc["uri"]
            .as_str()
            .unwrap()
            .strip_prefix("file://")
            .unwrap(),
    )
    .unwrap();
    let line = elb
        .lines()
        .nth(loc["range"]["start"]["line"].as_u64().unwrap() as usize)
        .unwrap();
    assert!(line.trim_start().starts_with("hostname: String"), "{line}");

    // The editor opens the standard-library file: it is not checked as a program.
    assert_eq!(client.open(target, &stdlib), Vec::<Value>::new());
    client.finish();
}

#[test]
fn document_symbols_list_declarations_and_their_fields() {
    let (mut client, _) = Client::start();
    let u = uri("nginx.ecsx");
    let text = example("nginx.ecsx");
    client.open(&u, &text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    let symbols = symbols.as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["web", "nginx", "url"]);
    let nginx = &symbols[1];
    assert_eq!(nginx["detail"], "FargateService");
    assert_eq!(nginx["kind"], 19, "an object: it builds a component");
    assert_eq!(
        nginx["selectionRange"]["start"],
        pos_of(&text, "let nginx", 0, 4)
    );
    assert_eq!(nginx["range"]["start"], pos_of(&text, "let nginx", 0, 0));
    assert_eq!(nginx["range"]["end"], pos_of(&text, "}\n\nexport", 0, 1));
    let fields: Vec<&str> = nginx["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["desiredCount", "containers"]);
    assert_eq!(symbols[2]["detail"], "String");
    client.finish();
}

#[test]
fn quick_fix_replaces_a_misspelt_field_and_formatting_answers() {
    let (mut client, _) = Client::start();
    let u = uri("typo.ecsx");
    let text = example("nginx.ecsx").replace("desiredCount", "desiredCont");
    let diags = client.open(&u, &text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], "E0103");
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `desiredCount`?"));

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": u },
            "range": d["range"],
            "context": { "diagnostics": [d] }
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["title"], "Replace `desiredCont` with `desiredCount`");
    assert_eq!(action["diagnostics"][0]["code"], "E0103");
    let edits = action["edit"]["changes"][u.as_str()].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "desiredCount");
    assert_eq!(edits[0]["range"], d["range"]);

    // Applied, the program is clean again.
    let start = pos_of(&text, "desiredCont", 0, 0);
    assert_eq!(edits[0]["range"]["start"], start);
    let fixed = text.replacen("desiredCont", "desiredCount", 1);
    assert_eq!(client.change(&u, 2, &fixed), Vec::<Value>::new());

    // No quick fix where there is no diagnostic.
    let none = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": u },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } },
            "context": { "diagnostics": [] }
        }),
    );
    assert_eq!(none, json!([]));

    // Other "did you mean" helps carry quick fixes too: a name, a type, a literal.
    let typos =
        "let web = ApplicationListner { protocol: \"HTTPZ\" }\nexport u = wbe.endpoint.hostname\n";
    let diags = client.change(&u, 3, typos);
    let fixes: Vec<&str> = diags
        .iter()
        .filter_map(|d| d["data"]["fix"]["newText"].as_str())
        .collect();
    assert!(fixes.contains(&"ApplicationListener"), "{diags:#?}");

    // Formatting answers without error (the formatter is wired by the integrator).
    let response = client.request_raw(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": u }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert!(response.get("error").is_none(), "{response}");
    client.finish();
}

#[test]
fn unknown_requests_and_documents_get_errors_not_a_crash() {
    let (mut client, _) = Client::start();
    let r = client.request_raw("textDocument/rename", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = client.request_raw(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere.ecsx" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(r["error"]["code"], -32602);
    // Broken text everywhere: every request still answers.
    let u = uri("junk.ecsx");
    let junk =
        "let = { [ ( \"${ }} .. ::\nlet x = FargateService { containers: { a: { image: \"${x.\n";
    client.open(&u, junk);
    for line in 0..3 {
        for character in 0..60 {
            let pos = json!({ "line": line, "character": character });
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
            ] {
                client.at(method, &u, pos.clone());
            }
        }
    }
    client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    client.finish();
}

#[test]
fn formatting_returns_the_canonical_layout() {
    let (mut client, _) = Client::start();
    let u = uri("fmt.ecsx");
    let messy = "let web = ApplicationListener {port: 80}\nlet site = FargateService { containers: { web: { image: \"nginx\",memory: 128,portMappings: [web] } } }\n";
    client.open(&u, messy);
    let response = client.request_raw(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": u }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    let expected = ecsxc::fmt::format_source(messy).expect("the program parses");
    assert_ne!(expected, messy);
    let edits = response["result"].as_array().expect("a list of edits");
    assert_eq!(edits.len(), 1, "{response}");
    assert_eq!(edits[0]["newText"], expected.as_str());
    assert_eq!(
        edits[0]["range"]["start"],
        json!({ "line": 0, "character": 0 })
    );
    // A formatted document needs no edit; one that does not parse gets none.
    let u2 = uri("fmt2.ecsx");
    client.open(&u2, &expected);
    let response = client.request_raw(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": u2 }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert_eq!(response["result"], json!([]), "{response}");
    let u3 = uri("fmt3.ecsx");
    client.open(&u3, "let x = {\n");
    let response = client.request_raw(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": u3 }, "options": { "tabSize": 4, "insertSpaces": true } }),
    );
    assert!(
        response.get("error").is_none() && response["result"].is_null(),
        "{response}"
    );
    client.finish();
}

#[test]
fn hover_on_a_cloudformation_resource_type_shows_its_schema() {
    let (mut client, _) = Client::start();
    let u = uri("aws_queue_worker.ecsx");
    let text = example("aws_queue_worker.ecsx");
    client.open(&u, &text);
    let h = client.at("textDocument/hover", &u, pos_of(&text, "Queue {", 0, 2));
    let s = hover_text(&h);
    assert!(s.contains("aws.sqs.Queue"), "{s}");
    assert!(s.contains("`AWS::SQS::Queue`: The `AWS::SQS::Queue` resource creates an SQS standard or FIFO queue."), "{s}");
    assert!(s.contains("`.queueUrl`") && s.contains("`.arn`"), "{s}");
    assert_eq!(h["range"]["start"], pos_of(&text, "Queue {", 0, 0));
    client.finish();
}

/// After edits, a document's diagnostics are those of the same text opened afresh:
/// the server reparses only the declarations that changed (`syntax::incremental`),
/// and that must not show.
#[test]
fn diagnostics_after_edits_are_those_of_a_fresh_open() {
    let (mut client, _) = Client::start();
    let base = example("tasks/logging.ecsx");
    let edited_u = uri("edited.ecsx");
    assert_eq!(client.open(&edited_u, &base), Vec::<Value>::new());
    // Edits that move every later declaration, break one in the middle, then add a
    // type error further down.
    let steps = [
        format!("// a comment that moves everything\n{base}"),
        format!("// a comment that moves everything\n{base}").replacen("memory:", "memry:", 1),
        format!("// a comment that moves everything\n{base}\nlet extra = ApplicationListener {{ port: \"80\" }}\n").replacen("memory:", "memry:", 1),
        // A syntax error: recovered from the broken declaration on.
        format!("{base}\nlet extra = ApplicationListener {{ port: 80\n"),
    ];
    for (i, text) in steps.iter().enumerate() {
        let version = i32::try_from(i).unwrap() + 2;
        let after_edits = client.change(&edited_u, version, text);
        let fresh_u = uri(&format!("fresh{i}.ecsx"));
        let fresh = client.open(&fresh_u, text);
        assert!(!fresh.is_empty() || i == 0, "step {i} has diagnostics");
        let fresh = serde_json::to_string(&fresh)
            .unwrap()
            .replace(&fresh_u, &edited_u);
        assert_eq!(
            serde_json::to_string(&after_edits).unwrap(),
            fresh,
            "step {i}"
        );
    }
    client.finish();
}

#[test]
fn hover_on_a_resource_property_shows_its_schema() {
    let (mut client, _) = Client::start();
    let u = uri("keys.ecsx");
    let text = "let s = aws.s3.Bucket {\n    versioningConfiguration: { status: \"Enabled\" }\n    bucketName: \"uploads\"\n    lifecycleConfiguration: { rules: [{ status: \"Enabled\", expirationInDays: 30 }] }\n}\n\
let w = FargateService {\n    containers: {}\n    overrides: {\n        taskDefinition: { pidMode: \"task\" }\n        service: { \"DeploymentConfiguration.Alarms\": { enable: true }, remove: [] }\n    }\n}\n";
    client.open(&u, text);
    let hover = |client: &mut Client, needle: &str, nth: usize| {
        let h = client.at("textDocument/hover", &u, pos_of(text, needle, nth, 1));
        assert_eq!(
            h["range"]["start"],
            pos_of(text, needle, nth, 0),
            "{needle}"
        );
        hover_text(&h)
    };

    // A property of the resource: its CloudFormation name, description, nested keys.
    let s = hover(&mut client, "versioningConfiguration", 0);
    assert!(s.contains("versioningConfiguration: { ... }"), "{s}");
    assert!(
        s.contains("`VersioningConfiguration` of `AWS::S3::Bucket`: "),
        "{s}"
    );
    assert!(
        s.contains("Enables multiple versions"),
        "the schema's description: {s}"
    );
    assert!(
        s.contains("- needs `status`") && s.contains("Properties: `status`"),
        "{s}"
    );
    // A nested key: its values.
    let s = hover(&mut client, "status", 0);
    assert!(s.contains("status: \"Enabled\" | \"Suspended\""), "{s}");
    assert!(s.contains("`Status` of `AWS::S3::Bucket`"), "{s}");
    assert!(s.contains("- required"), "{s}");
    assert!(s.contains("- one of `\"Enabled\"`, `\"Suspended\"`"), "{s}");
    // Create-only, with its constraints.
    let s = hover(&mut client, "bucketName", 0);
    assert!(s.contains("bucketName: String"), "{s}");
    assert!(
        s.contains("create-only: changing it replaces the resource"),
        "{s}"
    );
    // Inside a list of records, two levels down.
    let s = hover(&mut client, "expirationInDays", 0);
    assert!(s.contains("`ExpirationInDays` of `AWS::S3::Bucket`"), "{s}");
    assert!(s.contains("expirationInDays: Int"), "{s}");

    // `overrides`: a role, a property of its resource, a property path and what is
    // inside it, `remove`.
    let s = hover(&mut client, "taskDefinition", 0);
    assert!(s.contains("`AWS::ECS::TaskDefinition`"), "{s}");
    let s = hover(&mut client, "pidMode", 0);
    assert!(s.contains("`PidMode` of `AWS::ECS::TaskDefinition`"), "{s}");
    assert!(s.contains("`\"host\"`") && s.contains("`\"task\"`"), "{s}");
    let s = hover(&mut client, "\"DeploymentConfiguration.Alarms\"", 0);
    assert!(s.contains("`Alarms` of `AWS::ECS::Service`"), "{s}");
    let s = hover(&mut client, "enable", 0);
    assert!(s.contains("`Enable` of `AWS::ECS::Service`"), "{s}");
    assert!(s.contains("enable: Bool"), "{s}");
    let s = hover(&mut client, "remove", 0);
    assert!(s.contains("Property paths to take out"), "{s}");
    client.finish();
}
