//! Every CloudFormation resource type, from the registry schemas of the pinned cfn-lint
//! (`scripts/gen-cfn-types.py` writes `types.bin`; see docs/aws-resources.md).
//!
//! The data is embedded and read lazily: the index is a table of fixed-width rows that
//! lookups read in place (a binary search, no parse), and one type's schema (a
//! deflated chunk in a compact binary form) is decoded when a program names it, its
//! descriptions only when a message or the editor shows one. A program that names none
//! pays nothing.

pub mod validate;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// The generated data (the format is described at the top of the generator).
static DATA: &[u8] = include_bytes!("types.bin");

const MAGIC: &[u8] = b"ECSXCFN2";
const HEADER: usize = 16;
const ROW: usize = 16;

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

/// The index of a data file in the format of `types.bin`, read in place.
#[derive(Clone, Copy)]
struct Table {
    data: &'static [u8],
    count: usize,
    rows: usize,
    by_lower: usize,
    names: usize,
    chunks: usize,
}

fn u32_at(data: &[u8], at: usize) -> Option<usize> {
    let b: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_le_bytes(b) as usize)
}

impl Table {
    fn new(data: &'static [u8]) -> Option<Table> {
        if data.get(..MAGIC.len())? != MAGIC {
            return None;
        }
        let count = u32_at(data, 8)?;
        let names_len = u32_at(data, 12)?;
        let rows = HEADER;
        let by_lower = rows + count * ROW;
        let names = by_lower + count * 2;
        let chunks = names + names_len;
        (chunks <= data.len()).then_some(Table {
            data,
            count,
            rows,
            by_lower,
            names,
            chunks,
        })
    }

    /// Row `i`'s type name, without decoding the rest of the row.
    fn name(&self, i: usize) -> Option<&'static str> {
        let row = self.rows + i * ROW;
        let off = u32_at(self.data, row)?;
        let len = *self.data.get(row + 4)? as usize;
        let start = self.names + off;
        std::str::from_utf8(self.data.get(start..start + len)?).ok()
    }

    /// Row `i`.
    fn entry(&self, i: usize) -> Option<Entry> {
        let row = self.rows + i * ROW;
        let name = self.name(i)?;
        let p = *self.data.get(row + 5)? as usize;
        let s = *self.data.get(row + 6)? as usize;
        let provider = name.get(..p)?;
        let service = name.get(p + 2..p + 2 + s)?;
        let short = name.get(p + 2 + s + 2..)?;
        let offset = self.chunks + u32_at(self.data, row + 8)?;
        let len = u32_at(self.data, row + 12)?;
        Some(Entry {
            name,
            provider,
            service,
            short,
            offset,
            len,
        })
    }

    /// The row of the `k`-th name in lower-case order.
    fn lower_row(&self, k: usize) -> Option<usize> {
        let at = self.by_lower + 2 * k;
        let b: [u8; 2] = self.data.get(at..at + 2)?.try_into().ok()?;
        Some(u16::from_le_bytes(b) as usize)
    }

    /// The row whose name is `name` (binary search).
    fn find(&self, name: &str) -> Option<Entry> {
        let row = self.search(|i| Some((i, self.name(i)?.cmp(name))))?;
        self.entry(row)
    }

    /// The row whose lower-cased name is `lower` (binary search through `by_lower`).
    fn find_lower(&self, lower: &[u8]) -> Option<Entry> {
        let row = self.search(|k| {
            let row = self.lower_row(k)?;
            let name = self.name(row)?.bytes().map(|b| b.to_ascii_lowercase());
            Some((row, name.cmp(lower.iter().copied())))
        })?;
        self.entry(row)
    }

    /// Binary search over positions `0..count`: `probe(k)` gives the row at position
    /// `k` and how it compares with the key; the row that is equal, if any.
    fn search(
        &self,
        probe: impl Fn(usize) -> Option<(usize, std::cmp::Ordering)>,
    ) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match probe(mid)? {
                (_, std::cmp::Ordering::Less) => lo = mid + 1,
                (_, std::cmp::Ordering::Greater) => hi = mid,
                (row, std::cmp::Ordering::Equal) => return Some(row),
            }
        }
        None
    }

    fn entries(self) -> impl Iterator<Item = Entry> {
        (0..self.count).filter_map(move |i| self.entry(i))
    }
}

fn table() -> Option<Table> {
    Table::new(DATA)
}

/// The index of every type, sorted by CloudFormation name (built on first use; the
/// lookups [`lookup`] and [`by_cfn_name`] read the table in place instead).
pub fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| table().map(|t| t.entries().collect()).unwrap_or_default())
}

/// Every type of a data file in the format of `types.bin` (`data`), with its
/// chunk inflated (the binary form, then the descriptions), in index order; `None`
/// when the file is malformed. For the test that regenerates the data and compares.
pub fn decode_file(data: &'static [u8]) -> Option<Vec<(&'static str, Vec<u8>)>> {
    Table::new(data)?
        .entries()
        .map(|e| {
            let (structure, descriptions) = parts(data, e)?;
            let mut out = inflate(structure)?;
            out.extend(inflate(descriptions)?);
            Some((e.name, out))
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
    if provider.bytes().any(|b| b.is_ascii_uppercase())
        || service.bytes().any(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let mut key = Vec::with_capacity(written.len() + 2);
    for (k, part) in [provider, service, short].into_iter().enumerate() {
        if k > 0 {
            key.extend_from_slice(b"::");
        }
        key.extend(part.bytes().map(|b| b.to_ascii_lowercase()));
    }
    table()?.find_lower(&key).filter(|e| e.short() == short)
}

/// The CloudFormation type named `cfn_type` (`AWS::S3::Bucket`), if any.
pub fn by_cfn_name(cfn_type: &str) -> Option<Entry> {
    table()?.find(cfn_type)
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

/// One type's chunk of `data`: its deflated schema and its deflated descriptions.
fn parts(data: &'static [u8], entry: Entry) -> Option<(&'static [u8], &'static [u8])> {
    let chunk = data.get(entry.offset..entry.offset + entry.len)?;
    let len = u32_at(chunk, 0)?;
    Some((chunk.get(4..4 + len)?, chunk.get(4 + len..)?))
}

/// Raw deflate, inflated.
fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec(bytes).ok()
}

fn decode(entry: Entry) -> Option<TypeSchema> {
    let (structure, descriptions) = parts(DATA, entry)?;
    let raw = inflate(structure)?;
    let mut schema = Reader::new(&raw)?.schema()?;
    schema.descriptions = Descriptions {
        deflated: descriptions,
        decoded: OnceLock::new(),
    };
    Some(schema)
}

/// A type's descriptions: inflated on first use (a message's help, a hover).
#[derive(Debug, Clone, Default)]
pub struct Descriptions {
    deflated: &'static [u8],
    decoded: OnceLock<Vec<String>>,
}

impl Descriptions {
    fn get(&self, i: u32) -> Option<&str> {
        let list = self.decoded.get_or_init(|| {
            // The same form as a chunk's table of strings.
            let raw = inflate(self.deflated).unwrap_or_default();
            Reader::new(&raw)
                .map(|r| r.strings.into_iter().map(str::to_string).collect())
                .unwrap_or_default()
        });
        list.get(i as usize).map(String::as_str)
    }
}

/// The decoder of one chunk's binary form (see the generator).
struct Reader<'b> {
    buf: &'b [u8],
    at: usize,
    strings: Vec<&'b str>,
}

impl<'b> Reader<'b> {
    fn new(buf: &'b [u8]) -> Option<Reader<'b>> {
        let mut r = Reader {
            buf,
            at: 0,
            strings: Vec::new(),
        };
        let n = r.varint()?;
        r.strings.reserve(n.min(buf.len()));
        for _ in 0..n {
            let len = r.varint()?;
            let bytes = r.buf.get(r.at..r.at + len)?;
            r.at += len;
            r.strings.push(std::str::from_utf8(bytes).ok()?);
        }
        Some(r)
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.buf.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    /// A LEB128 number.
    fn leb128(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn varint(&mut self) -> Option<usize> {
        usize::try_from(self.leb128()?).ok()
    }

    fn zigzag(&mut self) -> Option<i64> {
        let n = self.leb128()?;
        Some((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    fn f64(&mut self) -> Option<f64> {
        let b: [u8; 8] = self.buf.get(self.at..self.at + 8)?.try_into().ok()?;
        self.at += 8;
        Some(f64::from_le_bytes(b))
    }

    fn str(&mut self) -> Option<&'b str> {
        let i = self.varint()?;
        self.strings.get(i).copied()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.varint()?;
        let mut out = Vec::with_capacity(n.min(self.buf.len()));
        for _ in 0..n {
            out.push(self.string()?);
        }
        Some(out)
    }

    fn pair(&mut self) -> Option<[Option<f64>; 2]> {
        let mask = self.byte()?;
        let mut out = [None, None];
        for (k, slot) in out.iter_mut().enumerate() {
            if mask & (1 << k) != 0 {
                *slot = Some(self.zigzag()? as f64);
            } else if mask & (4 << k) != 0 {
                *slot = Some(self.f64()?);
            }
        }
        Some(out)
    }

    fn value(&mut self) -> Option<serde_json::Value> {
        use serde_json::Value as V;
        Some(match self.byte()? {
            0 => V::String(self.string()?),
            1 => V::from(self.zigzag()?),
            2 => V::from(self.f64()?),
            3 => V::Bool(true),
            4 => V::Bool(false),
            5 => V::Null,
            6 => serde_json::from_str(self.str()?).ok()?,
            _ => return None,
        })
    }

    fn shape(&mut self, depth: usize) -> Option<Shape> {
        if depth > 64 {
            return None;
        }
        let flags = self.varint()?;
        let has = |bit: u32| flags & (1 << bit) != 0;
        let mut s = Shape::default();
        if has(0) {
            s.t = Some(TypeSpec::One(self.string()?));
        } else if has(1) {
            s.t = Some(TypeSpec::Many(self.strings()?));
        }
        if has(2) {
            s.r = Some(self.string()?);
        }
        if has(3) {
            let n = self.varint()?;
            let mut e = Vec::with_capacity(n.min(self.buf.len()));
            for _ in 0..n {
                e.push(self.value()?);
            }
            s.e = Some(e);
        }
        if has(4) {
            s.pt = Some(self.string()?);
        }
        if has(5) {
            s.f = Some(self.string()?);
        }
        if has(6) {
            s.l = Some(self.pair()?);
        }
        if has(7) {
            s.v = Some(self.pair()?);
        }
        if has(8) {
            s.n = Some(self.pair()?);
        }
        if has(9) {
            s.i = Some(Box::new(self.shape(depth + 1)?));
        }
        if has(10) {
            let n = self.varint()?;
            let mut p = BTreeMap::new();
            for _ in 0..n {
                let name = self.string()?;
                p.insert(name, self.shape(depth + 1)?);
            }
            s.p = Some(p);
        }
        if has(11) {
            s.q = self.strings()?;
        }
        if has(12) {
            s.x = Some(1);
        }
        if has(13) {
            s.m = Some(Box::new(self.shape(depth + 1)?));
        }
        if has(14) {
            let n = self.varint()?;
            let mut o = Vec::with_capacity(n.min(self.buf.len()));
            for _ in 0..n {
                o.push(self.shape(depth + 1)?);
            }
            s.o = o;
        }
        if has(15) {
            s.d = Some(u32::try_from(self.varint()?).ok()?);
        }
        s.u = has(16);
        if has(17) {
            s.k = Some(self.pair()?);
        }
        Some(s)
    }

    fn schema(&mut self) -> Option<TypeSchema> {
        let top = self.shape(0)?;
        let n = self.varint()?;
        let mut defs = BTreeMap::new();
        for _ in 0..n {
            let name = self.string()?;
            defs.insert(name, self.shape(0)?);
        }
        let ro = self.strings()?;
        let co = self.strings()?;
        (self.at == self.buf.len()).then_some(TypeSchema {
            top,
            defs,
            ro,
            co,
            descriptions: Descriptions::default(),
        })
    }
}

/// One schema node (JSON Schema, compacted by the generator).
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// `type`: one name or several.
    pub t: Option<TypeSpec>,
    /// `$ref` to a definition, by name.
    pub r: Option<String>,
    /// `enum`.
    pub e: Option<Vec<serde_json::Value>>,
    /// `pattern`.
    pub pt: Option<String>,
    /// `format`.
    pub f: Option<String>,
    /// `minLength`, `maxLength`.
    pub l: Option<[Option<f64>; 2]>,
    /// `minimum`, `maximum`.
    pub v: Option<[Option<f64>; 2]>,
    /// `minItems`, `maxItems`.
    pub n: Option<[Option<f64>; 2]>,
    /// `items`.
    pub i: Option<Box<Shape>>,
    /// `properties`, by CloudFormation name.
    pub p: Option<BTreeMap<String, Shape>>,
    /// `required`.
    pub q: Vec<String>,
    /// `additionalProperties: false`.
    pub x: Option<u8>,
    /// The schema of map values (`additionalProperties` or `patternProperties`).
    pub m: Option<Box<Shape>>,
    /// `oneOf` / `anyOf` alternatives.
    pub o: Vec<Shape>,
    /// The description's first sentence, by its index among the type's descriptions
    /// (read with [`TypeSchema::description`]).
    pub d: Option<u32>,
    /// `uniqueItems: true`.
    pub u: bool,
    /// `minProperties`, `maxProperties`.
    pub k: Option<[Option<f64>; 2]>,
}

/// `type`: one JSON type or several.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone, Default)]
pub struct TypeSchema {
    /// The resource's properties (`p`), required (`q`), description (`d`).
    pub top: Shape,
    /// `definitions`.
    pub defs: BTreeMap<String, Shape>,
    /// Read-only properties (the attributes), dotted (`Endpoint.Address`).
    pub ro: Vec<String>,
    /// Create-only properties, dotted.
    pub co: Vec<String>,
    /// The descriptions the shapes' `d` index.
    pub descriptions: Descriptions,
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

    /// The description (first sentence) of `shape`, if the schema gives one.
    pub fn description(&self, shape: &Shape) -> Option<&str> {
        self.descriptions.get(shape.d?)
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
    let k = lowered_prefix(name);
    let mut out = name.get(..k).unwrap_or_default().to_ascii_lowercase();
    out.push_str(name.get(k..).unwrap_or_default());
    out
}

/// How many leading bytes of `name` (ASCII capitals) [`camel`] lower-cases.
fn lowered_prefix(name: &str) -> usize {
    let upper = name.bytes().take_while(u8::is_ascii_uppercase).count();
    let next_lower = name
        .as_bytes()
        .get(upper)
        .is_some_and(u8::is_ascii_lowercase);
    if upper == 0 {
        0
    } else if next_lower {
        (upper - 1).max(1)
    } else {
        upper
    }
}

/// True when `camel(name) == field`, without building the string.
pub fn camel_eq(name: &str, field: &str) -> bool {
    let k = lowered_prefix(name);
    name.len() == field.len()
        && name
            .bytes()
            .zip(field.bytes())
            .enumerate()
            .all(|(i, (a, b))| {
                if i < k {
                    a.to_ascii_lowercase() == b
                } else {
                    a == b
                }
            })
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
        for wrong in [
            "AWS.s3.Bucket",
            "aws.S3.Bucket",
            "aws.s3.bucket",
            "aws.s3.Nope",
            "aws.s3",
        ] {
            assert!(lookup(wrong).is_none(), "{wrong}");
        }
        assert!(by_cfn_name("AWS::S3::bucket").is_none());
        // Every row is found both ways.
        for e in index() {
            assert_eq!(lookup(&e.language_name()).map(|x| x.name), Some(e.name));
            assert_eq!(by_cfn_name(e.name).map(|x| x.name), Some(e.name));
        }
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
            assert!(camel_eq(cfn, lang), "{cfn} {lang}");
            assert!(!camel_eq(cfn, cfn) || cfn == lang, "{cfn}");
        }
    }
}
