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

File format (all integers little-endian):

    b"ECSXCFN1"  u32 index_len  index  chunks

`index` is UTF-8 lines `TypeName\\toffset\\tlength\\n`, sorted by name, offsets into
`chunks`; each chunk is one type as compact JSON compressed with zlib (level 9), so
the compiler inflates only the types a program names.
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
        if "exclusiveMinimum" in n and isinstance(n["exclusiveMinimum"], (int, float)) and not isinstance(n["exclusiveMinimum"], bool):
            out["xv"] = [n["exclusiveMinimum"], n.get("exclusiveMaximum")]
        if "minItems" in n or "maxItems" in n:
            out["n"] = [n.get("minItems"), n.get("maxItems")]
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


def build():
    if CFN_LINT_VERSION != EXPECTED_CFN_LINT:
        sys.exit(f"expected cfn-lint {EXPECTED_CFN_LINT}, found {CFN_LINT_VERSION}")
    with open(os.path.join(SCHEMAS, "providers", "us-east-1.json"), encoding="utf-8") as f:
        providers = json.load(f)
    index = []
    chunks = bytearray()
    namespaces = {}
    for type_name in sorted(providers):
        parts = type_name.split("::")
        ns = (parts[0].lower(), parts[1].lower())
        if namespaces.setdefault(ns, parts[1]) != parts[1]:
            sys.exit(f"two services map to {ns}")
        with open(os.path.join(SCHEMAS, "resources", providers[type_name] + ".json"), encoding="utf-8") as f:
            schema = json.load(f)
        body = json.dumps(compact(type_name, schema), separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        chunk = zlib.compress(body.encode("utf-8"), 9)
        index.append(f"{type_name}\t{len(chunks)}\t{len(chunk)}\n")
        chunks += chunk
    index_bytes = "".join(index).encode("utf-8")
    return b"ECSXCFN1" + struct.pack("<I", len(index_bytes)) + index_bytes + bytes(chunks)


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
