//! Every CloudFormation resource type, from the registry schemas of the pinned cfn-lint
//! (`scripts/gen-cfn-types.py` writes `types.bin`; see docs/aws-resources.md).
//!
//! The data is embedded and decoded lazily: the index (type names and offsets) on the
//! first lookup, and one type's schema (a zlib chunk of compact JSON) when a program
//! names it. A program that names none pays nothing.

pub mod validate;

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The generated data: `b"ECSXCFN1"`, the index's length (u32 LE), the index, the chunks.
static DATA: &[u8] = include_bytes!("types.bin");

/// One type of the index.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The CloudFormation type name (`AWS::S3::Bucket`).
    pub name: &'static str,
    provider: &'static str,
    service: &'static str,
    short: &'static str,
    offset: usize,
    len: usize,
}

impl Entry {
    /// The provider (`AWS`).
    pub fn provider(&self) -> &'static str {
        self.provider
    }
    /// The service (`S3`).
    pub fn service(&self) -> &'static str {
        self.service
    }
    /// The type within its service (`Bucket`).
    pub fn short(&self) -> &'static str {
        self.short
    }
    /// The language's name of the type (`aws.s3.Bucket`).
    pub fn language_name(&self) -> String {
        language_name(self.name)
    }
}

/// `AWS::S3::Bucket` → `aws.s3.Bucket`.
pub fn language_name(cfn_type: &str) -> String {
    let mut parts = cfn_type.split("::");
    let provider = parts.next().unwrap_or("").to_ascii_lowercase();
    let service = parts.next().unwrap_or("").to_ascii_lowercase();
    let short = parts.next().unwrap_or("");
    format!("{provider}.{service}.{short}")
}

/// The index of every type, sorted by CloudFormation name (decoded on first use).
pub fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| parse_index(DATA).unwrap_or_default())
}

fn parse_index(data: &'static [u8]) -> Option<Vec<Entry>> {
    let rest = data.strip_prefix(b"ECSXCFN1")?;
    let len_bytes: [u8; 4] = rest.get(..4)?.try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    let text = std::str::from_utf8(rest.get(4..4 + len)?).ok()?;
    let base = 8 + 4 + len;
    let mut out = Vec::new();
    for line in text.lines() {
        let mut f = line.split('\t');
        let name = f.next()?;
        let offset: usize = f.next()?.parse().ok()?;
        let len: usize = f.next()?.parse().ok()?;
        // `Provider::Service::Type` (a byte search: faster than `split("::")`).
        let (provider, rest) = name.split_at(name.find(':')?);
        let rest = rest.get(2..)?;
        let (service, short) = rest.split_at(rest.find(':')?);
        let short = short.get(2..)?;
        out.push(Entry {
            name,
            provider,
            service,
            short,
            offset: base + offset,
            len,
        });
    }
    Some(out)
}

/// Every type of a data file in the format of `types.bin` (`data`), with its
/// schema's JSON text, in index order; `None` when the file is malformed. For the
/// test that regenerates the data and compares.
pub fn decode_file(data: &'static [u8]) -> Option<Vec<(&'static str, String)>> {
    parse_index(data)?
        .into_iter()
        .map(|e| {
            let bytes = data.get(e.offset..e.offset + e.len)?;
            let raw = miniz_oxide::inflate::decompress_to_vec_zlib(bytes).ok()?;
            Some((e.name, String::from_utf8(raw).ok()?))
        })
        .collect()
}

/// The embedded data (see [`decode_file`]).
pub fn embedded() -> &'static [u8] {
    DATA
}

/// The type written `provider.service.Type` in a program (`aws.s3.Bucket`), if any:
/// provider and service are the CloudFormation names in lower case.
pub fn lookup(written: &str) -> Option<Entry> {
    let mut parts = written.split('.');
    let (provider, service, short) = (parts.next()?, parts.next()?, parts.next()?);
    let lower_eq = |w: &str, n: &str| {
        w.len() == n.len()
            && w.bytes()
                .zip(n.bytes())
                .all(|(a, b)| a == b.to_ascii_lowercase())
    };
    index()
        .iter()
        .find(|e| {
            e.short() == short && lower_eq(service, e.service()) && lower_eq(provider, e.provider())
        })
        .copied()
}

/// The CloudFormation type named `cfn_type` (`AWS::S3::Bucket`), if any.
pub fn by_cfn_name(cfn_type: &str) -> Option<Entry> {
    let i = index();
    i.binary_search_by(|e| e.name.cmp(cfn_type))
        .ok()
        .and_then(|k| i.get(k))
        .copied()
}

/// The language names of the types in the namespace `provider.service` (`aws.s3`).
pub fn types_in(namespace: &str) -> Vec<String> {
    index()
        .iter()
        .map(Entry::language_name)
        .filter(|n| n.rsplit_once('.').is_some_and(|(ns, _)| ns == namespace))
        .collect()
}

/// Every namespace (`aws.s3`), sorted, without repeats.
pub fn namespaces() -> Vec<String> {
    let mut out: Vec<String> = index()
        .iter()
        .filter_map(|e| Some(e.language_name().rsplit_once('.')?.0.to_string()))
        .collect();
    out.dedup();
    out
}

/// The schema of a type, decoded on first use and kept.
pub fn schema(entry: Entry) -> Option<Arc<TypeSchema>> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<TypeSchema>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(s) = cache.lock().ok()?.get(entry.name) {
        return Some(s.clone());
    }
    let decoded = Arc::new(decode(entry)?);
    if let Ok(mut c) = cache.lock() {
        c.insert(entry.name, decoded.clone());
    }
    Some(decoded)
}

/// The raw JSON of one type's chunk (for tests and the generator's check).
pub fn chunk_json(entry: Entry) -> Option<String> {
    let bytes = DATA.get(entry.offset..entry.offset + entry.len)?;
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(bytes).ok()?;
    String::from_utf8(raw).ok()
}

fn decode(entry: Entry) -> Option<TypeSchema> {
    serde_json::from_str(&chunk_json(entry)?).ok()
}

/// One schema node (JSON Schema, compacted by the generator).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Shape {
    /// `type`: one name or several.
    #[serde(default)]
    pub t: Option<TypeSpec>,
    /// `$ref` to a definition, by name.
    #[serde(default)]
    pub r: Option<String>,
    /// `enum`.
    #[serde(default)]
    pub e: Option<Vec<serde_json::Value>>,
    /// `pattern`.
    #[serde(default)]
    pub pt: Option<String>,
    /// `format`.
    #[serde(default)]
    pub f: Option<String>,
    /// `minLength`, `maxLength`.
    #[serde(default)]
    pub l: Option<[Option<f64>; 2]>,
    /// `minimum`, `maximum`.
    #[serde(default)]
    pub v: Option<[Option<f64>; 2]>,
    /// `minItems`, `maxItems`.
    #[serde(default)]
    pub n: Option<[Option<f64>; 2]>,
    /// `items`.
    #[serde(default)]
    pub i: Option<Box<Shape>>,
    /// `properties`, by CloudFormation name.
    #[serde(default)]
    pub p: Option<BTreeMap<String, Shape>>,
    /// `required`.
    #[serde(default)]
    pub q: Vec<String>,
    /// `additionalProperties: false`.
    #[serde(default)]
    pub x: Option<u8>,
    /// The schema of map values (`additionalProperties` or `patternProperties`).
    #[serde(default)]
    pub m: Option<Box<Shape>>,
    /// `oneOf` / `anyOf` alternatives.
    #[serde(default)]
    pub o: Vec<Shape>,
    /// The description's first sentence.
    #[serde(default)]
    pub d: Option<String>,
}

/// `type`: one JSON type or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TypeSpec {
    /// One type.
    One(String),
    /// Any of these.
    Many(Vec<String>),
}

impl TypeSpec {
    /// The type names.
    pub fn names(&self) -> Vec<&str> {
        match self {
            TypeSpec::One(s) => vec![s.as_str()],
            TypeSpec::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A resource type's schema.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TypeSchema {
    /// The resource's properties (`p`), required (`q`), description (`d`).
    #[serde(flatten)]
    pub top: Shape,
    /// `definitions`.
    #[serde(default)]
    pub defs: BTreeMap<String, Shape>,
    /// Read-only properties (the attributes), dotted (`Endpoint.Address`).
    #[serde(default)]
    pub ro: Vec<String>,
    /// Create-only properties, dotted.
    #[serde(default)]
    pub co: Vec<String>,
}

impl TypeSchema {
    /// The definition a `$ref` names, following chains (at most 32 steps).
    pub fn resolve<'s>(&'s self, mut shape: &'s Shape) -> &'s Shape {
        for _ in 0..32 {
            match shape.r.as_deref().and_then(|r| self.defs.get(r)) {
                Some(next) => shape = next,
                None => break,
            }
        }
        shape
    }

    /// True when `name` (a top-level property) is read-only.
    pub fn is_read_only(&self, name: &str) -> bool {
        self.ro.iter().any(|r| r == name)
    }

    /// True when `name` (a top-level property) is create-only.
    pub fn is_create_only(&self, name: &str) -> bool {
        self.co
            .iter()
            .any(|r| r == name || r.starts_with(&format!("{name}.")))
    }
}

/// A CloudFormation property name in the language (docs/aws-resources.md):
/// `BucketName` → `bucketName`, `SSEAlgorithm` → `sseAlgorithm`,
/// `KMSMasterKeyID` → `kmsMasterKeyID`, `ID` → `id`, `EC2Config` → `ec2Config`.
/// The leading run of capitals is lower-cased, except its last letter when a
/// lower-case letter follows. The generator checks that no two properties of one
/// object map to the same field, so the compiler maps back by lookup.
pub fn camel(name: &str) -> String {
    let upper = name.chars().take_while(char::is_ascii_uppercase).count();
    if upper == 0 {
        return name.to_string();
    }
    let next_lower = name
        .chars()
        .nth(upper)
        .is_some_and(|c| c.is_ascii_lowercase());
    let k = if next_lower {
        (upper - 1).max(1)
    } else {
        upper
    };
    name.chars()
        .enumerate()
        .map(|(i, c)| if i < k { c.to_ascii_lowercase() } else { c })
        .collect()
}

/// Resource types that hold data: without a `deletionPolicy` they get `W0009`
/// suggesting `"Retain"` (deleting the stack would delete the data).
pub const STATEFUL: &[&str] = &[
    "AWS::DocDB::DBCluster",
    "AWS::DynamoDB::GlobalTable",
    "AWS::DynamoDB::Table",
    "AWS::EFS::FileSystem",
    "AWS::FSx::FileSystem",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::S3::Bucket",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_has_every_type() {
        assert_eq!(index().len(), 1854);
        assert!(by_cfn_name("AWS::S3::Bucket").is_some());
        assert_eq!(
            lookup("aws.sqs.Queue").map(|e| e.name),
            Some("AWS::SQS::Queue")
        );
        assert_eq!(
            lookup("alexa.ask.Skill").map(|e| e.name),
            Some("Alexa::ASK::Skill")
        );
    }

    #[test]
    fn every_type_decodes() {
        for e in index() {
            assert!(schema(*e).is_some(), "{} does not decode", e.name);
        }
    }

    #[test]
    fn camel_case_mapping() {
        for (cfn, lang) in [
            ("BucketName", "bucketName"),
            ("SSEAlgorithm", "sseAlgorithm"),
            ("KMSMasterKeyID", "kmsMasterKeyID"),
            ("ID", "id"),
            ("EC2Config", "ec2Config"),
            ("S3Bucket", "s3Bucket"),
            ("cpu", "cpu"),
            ("VPCId", "vpcId"),
        ] {
            assert_eq!(camel(cfn), lang);
        }
    }
}
