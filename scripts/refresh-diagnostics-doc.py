#!/usr/bin/env python3
"""Rewrites the rendered outputs in docs/diagnostics.md from the current compiler.

Every block that follows a line "`ecsxc check examples/broken/FILE` prints:" is replaced
by what `ecsxc check` prints for FILE now (no colour, 100 columns). Run it after changing
a diagnostic; tests/diagnostic_codes.rs fails while the page is out of date.

Usage: scripts/refresh-diagnostics-doc.py [path/to/ecsxc]
"""
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target/debug/ecsxc")
doc_path = os.path.join(root, "docs/diagnostics.md")
doc = open(doc_path, encoding="utf-8").read()

# The rendered block may be empty (a new entry): it never holds a fence of its own.
pattern = re.compile(
    r"(`ecsxc check (examples/broken/[^`]+)` prints:\n\n```text\n)((?:(?!```).)*?)\n?(```)", re.S
)


def render(match):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    out = subprocess.run([binary, "check", match.group(2)], cwd=root, env=env, capture_output=True)
    text = out.stderr.decode("utf-8", "replace").rstrip("\n")
    return match.group(1) + text + "\n" + match.group(4)


new = pattern.sub(render, doc)
if new != doc:
    open(doc_path, "w", encoding="utf-8").write(new)
    print("docs/diagnostics.md updated")
else:
    print("docs/diagnostics.md already up to date")
