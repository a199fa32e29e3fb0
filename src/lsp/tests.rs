//! Unit tests of the editor features' reading of text: spots and roles on small
//! programs, and every offset of every example (broken ones too) without a panic.

use super::context::{FileContext, Role, Spot};
use super::tokens::lex;
use crate::check::types::Ty;
use crate::source::SourceMap;
use crate::stdlib::{self, Library};
use std::path::Path;
use std::sync::Arc;

fn lib() -> Arc<Library> {
    let mut sources = SourceMap::new();
    sources.add("test", "");
    stdlib::load(&mut sources, &mut Vec::new())
}

/// The spot at the `|` of `marked`.
fn spot(marked: &str) -> Spot {
    let at = marked.find('|').unwrap();
    let text = marked.replacen('|', "", 1);
    let lib = lib();
    let tokens = lex(&text);
    FileContext::new(&text, &tokens, &lib).spot(at)
}

#[test]
fn spots_in_constructions_lists_and_strings() {
    match spot("let s = FargateService {\n    desiredCount: 1\n    |\n}") {
        Spot::Key { ty, given } => {
            assert_eq!(ty, Some(Ty::Named("FargateService".into())));
            assert_eq!(given, vec!["desiredCount"]);
        }
        other => panic!("{other:?}"),
    }
    match spot("let s = FargateService { containers: { a: { portMappings: [{ containerPort: 80, protocol: \"u|\" }] } } }") {
        Spot::Value { ty: Some(ty), string: Some(_), .. } => {
            assert_eq!(ty.literals(), Some(vec!["tcp", "udp"]));
        }
        other => panic!("{other:?}"),
    }
    match spot("let c = Cluster.existing(|") {
        Spot::Value { ty, .. } => assert_eq!(ty, Some(Ty::String)),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(spot("let w = ApplicationListener {}\nexport u = \"${w.|}\""), Spot::Member(c) if c.len() == 1)
    );
    assert_eq!(spot("param p: |"), Spot::TypeName);
    assert_eq!(spot("let a = 1\n|"), Spot::TopLevel);
    // An unclosed brace does not hide the next declaration.
    match spot(
        "let s = FargateService {\n    desiredCount: 1\nlet l = ApplicationListener {\n    |",
    ) {
        Spot::Key { ty, given } => {
            assert_eq!(ty, Some(Ty::Named("ApplicationListener".into())));
            assert!(given.is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn roles_of_names() {
    let text = "/// The file.\n\n/// The listener.\nlet web = ApplicationListener { port: 80 }\nlet c = Cluster.existing(\"x\")\nexport u = web.endpoint.hostname\nlet s = FargateService { containers: { app: { image: \"n\", portMappings: [web] } } }\n";
    let lib = lib();
    let tokens = lex(text);
    let cx = FileContext::new(text, &tokens, &lib);
    let role = |needle: &str, nth: usize| {
        let at = text.match_indices(needle).nth(nth).unwrap().0;
        cx.role(cx.token_at(at).unwrap_or_else(|| panic!("{needle}")))
    };
    assert_eq!(role("web", 0), Some(Role::Declared(0)));
    assert_eq!(cx.doc(&cx.decls[0]).as_deref(), Some("The listener."));
    assert_eq!(
        role("ApplicationListener", 0),
        Some(Role::Type("ApplicationListener".into()))
    );
    assert_eq!(
        role("port", 0),
        Some(Role::Field("ApplicationListener".into(), "port".into()))
    );
    assert_eq!(
        role("existing", 0),
        Some(Role::Constructor("Cluster".into(), "existing".into()))
    );
    assert_eq!(
        role("endpoint", 0),
        Some(Role::Field("ApplicationListener".into(), "endpoint".into()))
    );
    assert_eq!(
        role("hostname", 0),
        Some(Role::Field("Endpoint".into(), "hostname".into()))
    );
    assert_eq!(role("app", 0), Some(Role::Key));
    assert_eq!(
        role("image", 0),
        Some(Role::Field("Container".into(), "image".into()))
    );
    assert_eq!(role("web", 2), Some(Role::Reference(0)));
    assert_eq!(cx.binding_type(1).unwrap().shown, "Cluster");
    assert_eq!(cx.binding_type(2).unwrap().shown, "String");
}

#[test]
fn every_offset_of_every_example_reads_without_a_panic() {
    let lib = lib();
    let files =
        crate::fmt::cli::ecsx_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    assert!(files.len() > 50);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        // Every prefix too: text being typed.
        for cut in [text.len(), text.len() / 2, text.len() / 3] {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let text = &text[..cut];
            let tokens = lex(text);
            let cx = FileContext::new(text, &tokens, &lib);
            for offset in 0..=text.len() {
                let _ = cx.spot(offset);
                if let Some(i) = cx.token_at(offset) {
                    let _ = cx.role(i);
                }
            }
            for d in 0..cx.decls.len() {
                let _ = cx.binding_type(d);
            }
        }
    }
}

#[test]
fn every_did_you_mean_of_the_broken_examples_carries_its_quick_fix() {
    let files =
        crate::fmt::cli::ecsx_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken"));
    let mut fixes = 0;
    let inline = [
        "let c = Cluster.existng(\"x\")\nexport n = c.name\n",
        "let l = ApplicationListener { protocol: \"HTTPZ\" }\n",
        "param p: Strng\nexport o = p\n",
    ];
    let programs = files
        .iter()
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .chain(
            inline
                .iter()
                .map(|t| (Path::new("inline").to_path_buf(), t.as_bytes().to_vec())),
        );
    for (path, bytes) in programs {
        let out = crate::compile_bytes("broken.ecsx", &bytes);
        for d in &out.diagnostics {
            let help = d.help.as_deref().unwrap_or("");
            let Some(rest) = help.strip_prefix("did you mean ") else {
                assert!(d.suggestion.is_none(), "{}: {d:?}", path.display());
                continue;
            };
            let s = d
                .suggestion
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {d:?}", path.display()));
            // The help names the replacement, which goes over the misspelt text.
            let named = rest.trim_end_matches('?').trim_matches('`');
            assert_eq!(named, s.replacement, "{}", path.display());
            let file = out.sources.get(s.span.source).unwrap();
            assert!(!file.slice(s.span).is_empty());
            assert_ne!(file.slice(s.span), s.replacement);
            fixes += 1;
        }
    }
    assert!(fixes >= 7, "{fixes} quick fixes");
}

/// An image built from a folder that is missing is `E0356` for a file (whose folder is
/// known) and not for an unsaved buffer (which has none); neither panics.
#[test]
fn missing_build_folders_are_reported_only_for_files() {
    use std::str::FromStr;
    let text = "let app = FargateService {\n    containers: { web: { image: Image.fromPath(\"./no-such-folder\"), memory: 128 } }\n}\n";
    let docs = super::stdlib_docs::StdlibDocs::new();
    let codes = |uri: &str| -> Vec<&'static str> {
        let uri = lsp_types::Uri::from_str(uri).unwrap();
        super::documents::Document::new(&uri, 1, text.to_string(), &docs)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    };
    let dir = std::env::temp_dir().join("ecsxc-lsp-e0356");
    let file = format!("file://{}/app.ecsx", dir.display());
    assert_eq!(codes(&file), vec!["E0356"]);
    assert!(codes("untitled:Untitled-1").is_empty());
}
