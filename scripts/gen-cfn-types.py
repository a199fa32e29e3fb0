#!/usr/bin/env python3
"""Generates src/cfn/types.bin, the CloudFormation resource types the compiler embeds.

The source is the registry schemas shipped in the pinned cfn-lint package (us-east-1):
run with the Python of `.venv` (cfn-lint 1.58.0), e.g.

    .venv/bin/python scripts/gen-cfn-types.py            # rewrites src/cfn/types.bin
    .venv/bin/python scripts/gen-cfn-types.py --out F    # writes F instead

Only what checking, references and help need is kept (see docs/aws-resources.md):
types, required, enums, patterns, lengths, ranges, array sizes, closed objects,
definitions (`$ref` to `#/definitions/X` kept by name, other pointers inlined),
read-only (attributes) and create-only properties, and descriptions cut to their
first sentence.

File format (integers little-endian; `varint` is unsigned LEB128):

    b"ECSXCFN2"  u32 count  u32 names_len
    table: count rows of 16 bytes, sorted by type name:
        u32 name_offset  u8 name_len  u8 provider_len  u8 service_len  u8 0
        u32 chunk_offset  u32 chunk_len
    by_lower: count u16 row numbers, sorted by the lower-cased type name
    names (UTF-8, the rows' names back to back)
    chunks

The compiler reads the table in place (a binary search by name, or through
`by_lower` by the name as written in a program); offsets of chunks count from the
start of `chunks`. Each chunk is one type: `u32 len`, then `len` bytes of the schema in
the binary form below compressed (raw deflate, level 9), then its descriptions, also
compressed (`varint n`, then n times `varint len` + UTF-8 bytes). The compiler inflates
only the types a program names, and their descriptions only when a message or the
editor shows one:

    strings: varint n, then n times varint len + UTF-8 bytes
    schema:  shape (the top)  varint n + n × (str name, shape) (definitions)
             varint n + n × str (read-only)  varint n + n × str (create-only)
    shape:   varint flags, then for each set bit, in bit order:
         0 t (one type): str          1 t (several): varint n + n × str
         2 r ($ref): str              3 e (enum): varint n + n × value
         4 pt (pattern): str          5 f (format): str
         6 l (lengths): pair          7 v (range): pair
         8 n (items): pair            9 i (items' shape): shape
        10 p (properties): varint n + n × (str name, shape)
        11 q (required): varint n + n × str
        12 x (additionalProperties: false): nothing
        13 m (map values' shape): shape
        14 o (oneOf/anyOf): varint n + n × shape
        15 d (description): varint index into the descriptions
        16 u (uniqueItems: true): nothing
        17 k (minProperties, maxProperties): pair
    str:     varint index into `strings`
    pair:    u8 mask (bit 0/1: low/high present as an integer, zigzag varint;
             bit 2/3: as f64), then the present bounds
    value:   u8 tag: 0 str, 1 integer (zigzag varint), 2 f64, 3 true, 4 false,
             5 null, 6 any other JSON (str of its compact text)
"""

import argparse
import json
import os
import re
import struct
import sys
import zlib

import cfnlint
from cfnlint.version import __version__ as CFN_LINT_VERSION

SCHEMAS = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas")
EXPECTED_CFN_LINT = "1.58.0"
MAX_DESCRIPTION = 200


def short(text):
    """The first sentence of a description, markdown ``code`` as `code`, one line."""
    if not text:
        return ""
    text = text.replace("``", "`")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = " ".join(text.split())
    m = re.search(r"(?<=[a-z0-9)`\"'])\.(\s|$)", text)
    if m:
        text = text[: m.start() + 1]
    if len(text) > MAX_DESCRIPTION:
        cut = text.rfind(" ", 0, MAX_DESCRIPTION - 1)
        text = text[: cut if cut > 0 else MAX_DESCRIPTION - 1] + "…"
    return text


def camel(name):
    """CloudFormation name → the language's field name (docs/aws-resources.md)."""
    k = 0
    while k < len(name) and name[k].isupper():
        k += 1
    if k == 0:
        return name
    if k == len(name) or not name[k].islower():
        return name[:k].lower() + name[k:]
    return name[: max(k - 1, 1)].lower() + name[max(k - 1, 1) :]


def pointer(schema, ref):
    node = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


class Compactor:
    def __init__(self, schema, type_name):
        self.schema = schema
        self.type_name = type_name
        self.inlining = set()

    def node(self, n):
        if not isinstance(n, dict):
            return {}
        out = {}
        ref = n.get("$ref")
        if ref is not None:
            if ref.startswith("#/definitions/") and ref.count("/") == 2:
                out["r"] = ref.split("/")[2]
            elif ref not in self.inlining:
                self.inlining.add(ref)
                try:
                    out.update(self.node(pointer(self.schema, ref)))
                finally:
                    self.inlining.discard(ref)
        for part in n.get("allOf", []):
            sub = self.node(part)
            for k, v in sub.items():
                if k == "p":
                    out.setdefault("p", {}).update(v)
                elif k == "q":
                    out["q"] = sorted(set(out.get("q", [])) | set(v))
                else:
                    out.setdefault(k, v)
        t = n.get("type")
        if t is not None:
            if isinstance(t, list):
                t = [x for x in t if x != "null"]
                if len(t) == 1:
                    t = t[0]
            out["t"] = t
        if "enum" in n:
            out["e"] = n["enum"]
        if "pattern" in n:
            # Python's end of text `\\Z` is `\\z` in Rust's regex syntax.
            out["pt"] = n["pattern"].replace("\\Z", "\\z")
        if "format" in n:
            out["f"] = n["format"]
        if "minLength" in n or "maxLength" in n:
            out["l"] = [n.get("minLength"), n.get("maxLength")]
        if "minimum" in n or "maximum" in n:
            out["v"] = [n.get("minimum"), n.get("maximum")]
        if "minItems" in n or "maxItems" in n:
            out["n"] = [n.get("minItems"), n.get("maxItems")]
        if n.get("uniqueItems") is True:
            out["u"] = 1
        if "minProperties" in n or "maxProperties" in n:
            out["k"] = [n.get("minProperties"), n.get("maxProperties")]
        if "items" in n and isinstance(n["items"], dict):
            out["i"] = self.node(n["items"])
        if "properties" in n:
            props = {}
            seen = {}
            for name in sorted(n["properties"]):
                c = camel(name)
                if c in seen:
                    sys.exit(f"{self.type_name}: `{name}` and `{seen[c]}` map to the same field `{c}`")
                seen[c] = name
                props[name] = self.node(n["properties"][name])
            out["p"] = props
        if "required" in n and isinstance(n["required"], list):
            out["q"] = sorted(set(out.get("q", [])) | set(n["required"]))
        if n.get("additionalProperties") is False:
            out["x"] = 1
        elif isinstance(n.get("additionalProperties"), dict):
            out["m"] = self.node(n["additionalProperties"])
        if "patternProperties" in n and isinstance(n["patternProperties"], dict):
            values = list(n["patternProperties"].values())
            if values:
                out["m"] = self.node(values[0])
        for key in ("oneOf", "anyOf"):
            if key in n:
                alts = [self.node(a) for a in n[key]]
                out.setdefault("o", []).extend(alts)
        d = short(n.get("description", ""))
        if d:
            out["d"] = d
        return out


def paths(schema, key):
    out = []
    for p in schema.get(key, []):
        if p.startswith("/properties/"):
            out.append(".".join(x for x in p[len("/properties/") :].split("/") if x != "*"))
    return sorted(set(out))


def compact(type_name, schema):
    c = Compactor(schema, type_name)
    top = c.node({k: v for k, v in schema.items() if k not in ("definitions", "$ref")})
    top["d"] = short(schema.get("description", ""))
    defs = {}
    for name in sorted(schema.get("definitions", {})):
        defs[name] = c.node(schema["definitions"][name])
    if defs:
        top["defs"] = defs
    ro = paths(schema, "readOnlyProperties")
    if ro:
        top["ro"] = ro
    co = paths(schema, "createOnlyProperties")
    if co:
        top["co"] = co
    return top


def deflate(data):
    """Raw deflate, level 9 (no zlib header or checksum: tests/cfn_types.rs checks the data)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Writer:
    """One type's chunk in the binary form (see the top of this file)."""

    BITS = {
        "r": 2, "e": 3, "pt": 4, "f": 5, "l": 6, "v": 7, "n": 8, "i": 9, "p": 10,
        "q": 11, "x": 12, "m": 13, "o": 14, "d": 15, "u": 16, "k": 17,
    }

    def __init__(self):
        self.strings = {}
        self.descriptions = {}
        self.out = bytearray()

    def varint(self, n):
        while True:
            b = n & 0x7F
            n >>= 7
            if n:
                self.out.append(b | 0x80)
            else:
                self.out.append(b)
                return

    def str(self, s):
        self.varint(self.strings.setdefault(s, len(self.strings)))

    def strs(self, items):
        self.varint(len(items))
        for s in items:
            self.str(s)

    def pair(self, p):
        mask = 0
        for k, x in enumerate(p):
            if x is not None:
                mask |= (1 if self.integral(x) else 4) << k
        self.out.append(mask)
        for x in p:
            if x is None:
                continue
            if self.integral(x):
                x = int(x)
                self.varint((x << 1) ^ (x >> 63))
            else:
                self.out += struct.pack("<d", float(x))

    @staticmethod
    def integral(x):
        return float(x).is_integer() and -(2**62) <= x < 2**62

    def value(self, v):
        if isinstance(v, bool):
            self.out.append(3 if v else 4)
        elif v is None:
            self.out.append(5)
        elif isinstance(v, str):
            self.out.append(0)
            self.str(v)
        elif isinstance(v, int) and -(2**63) <= v < 2**63:
            self.out.append(1)
            self.varint((v << 1) ^ (v >> 63))
        elif isinstance(v, float):
            self.out.append(2)
            self.out += struct.pack("<d", v)
        else:
            self.out.append(6)
            self.str(json.dumps(v, separators=(",", ":"), ensure_ascii=False, sort_keys=True))

    def shape(self, n):
        flags = 0
        t = n.get("t")
        if isinstance(t, str):
            flags |= 1
        elif t is not None:
            flags |= 2
        for k, bit in self.BITS.items():
            if k in n:
                flags |= 1 << bit
        unknown = set(n) - set(self.BITS) - {"t"}
        if unknown:
            sys.exit(f"no binary form for {sorted(unknown)}")
        self.varint(flags)
        if isinstance(t, str):
            self.str(t)
        elif t is not None:
            self.strs(t)
        for k in self.BITS:
            if k not in n:
                continue
            v = n[k]
            if k == "d":
                self.varint(self.descriptions.setdefault(v, len(self.descriptions)))
            elif k in ("r", "pt", "f"):
                self.str(v)
            elif k == "e":
                self.varint(len(v))
                for x in v:
                    self.value(x)
            elif k in ("l", "v", "n", "k"):
                self.pair(v)
            elif k in ("i", "m"):
                self.shape(v)
            elif k == "p":
                self.varint(len(v))
                for name in sorted(v):
                    self.str(name)
                    self.shape(v[name])
            elif k == "q":
                self.strs(v)
            elif k == "o":
                self.varint(len(v))
                for x in v:
                    self.shape(x)

    def schema(self, top):
        self.shape({k: v for k, v in top.items() if k not in ("defs", "ro", "co")})
        defs = top.get("defs", {})
        self.varint(len(defs))
        for name in sorted(defs):
            self.str(name)
            self.shape(defs[name])
        self.strs(top.get("ro", []))
        self.strs(top.get("co", []))
        body = bytes(self.out)
        self.out = bytearray()
        self.varint(len(self.strings))
        for s in self.strings:  # insertion order: the index order
            b = s.encode("utf-8")
            self.varint(len(b))
            self.out += b
        schema = bytes(self.out) + body
        self.out = bytearray()
        self.varint(len(self.descriptions))
        for s in self.descriptions:
            b = s.encode("utf-8")
            self.varint(len(b))
            self.out += b
        return schema, bytes(self.out)


def build():
    if CFN_LINT_VERSION != EXPECTED_CFN_LINT:
        sys.exit(f"expected cfn-lint {EXPECTED_CFN_LINT}, found {CFN_LINT_VERSION}")
    with open(os.path.join(SCHEMAS, "providers", "us-east-1.json"), encoding="utf-8") as f:
        providers = json.load(f)
    names = sorted(providers)
    rows = bytearray()
    name_bytes = bytearray()
    chunks = bytearray()
    namespaces = {}
    lowered = {}
    for type_name in names:
        parts = type_name.split("::")
        if len(parts) != 3 or not type_name.isascii() or any(len(p) > 255 for p in parts):
            sys.exit(f"unexpected type name {type_name}")
        ns = (parts[0].lower(), parts[1].lower())
        if namespaces.setdefault(ns, parts[1]) != parts[1]:
            sys.exit(f"two services map to {ns}")
        if lowered.setdefault(type_name.lower(), type_name) != type_name:
            sys.exit(f"{type_name} and {lowered[type_name.lower()]} differ only in case")
        with open(os.path.join(SCHEMAS, "resources", providers[type_name] + ".json"), encoding="utf-8") as f:
            schema = json.load(f)
        structure, descriptions = Writer().schema(compact(type_name, schema))
        structure = deflate(structure)
        chunk = struct.pack("<I", len(structure)) + structure + deflate(descriptions)
        rows += struct.pack(
            "<IBBBBII", len(name_bytes), len(type_name), len(parts[0]), len(parts[1]), 0, len(chunks), len(chunk)
        )
        name_bytes += type_name.encode("ascii")
        chunks += chunk
    by_lower = sorted(range(len(names)), key=lambda i: names[i].lower())
    return (
        b"ECSXCFN2"
        + struct.pack("<II", len(names), len(name_bytes))
        + bytes(rows)
        + b"".join(struct.pack("<H", i) for i in by_lower)
        + bytes(name_bytes)
        + bytes(chunks)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--out", default=os.path.join(root, "src", "cfn", "types.bin"))
    args = parser.parse_args()
    data = build()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
