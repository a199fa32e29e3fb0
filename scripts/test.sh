#!/usr/bin/env bash
# Runs every test of ecsxc on a fresh machine:
#   1. installs the pinned test tools (cfn-lint, moto) into a local virtualenv (.venv),
#   2. starts moto in server mode on 127.0.0.1 (a free port) as the local AWS endpoint,
#   3. runs formatting, clippy and the whole test suite,
#   4. stops moto, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${ECSXC_VENV:-$PWD/.venv}"
CFN_LINT_VERSION=1.58.0
MOTO_VERSION=5.2.5
PYYAML_VERSION=6.0.4

if [ ! -x "$VENV/bin/python" ]; then
  echo "test.sh: creating virtualenv $VENV" >&2
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "$CFN_LINT_VERSION" "$MOTO_VERSION" "$PYYAML_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if (version("cfn-lint"), version("moto"), version("pyyaml")) == tuple(sys.argv[1:4]) else 1)
PY
then
  echo "test.sh: installing cfn-lint==$CFN_LINT_VERSION, moto[server]==$MOTO_VERSION and pyyaml==$PYYAML_VERSION" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "cfn-lint==$CFN_LINT_VERSION" "moto[server]==$MOTO_VERSION" "pyyaml==$PYYAML_VERSION"
fi
export ECSXC_CFN_LINT="$VENV/bin/cfn-lint"
# PyYAML, a YAML 1.1 reader, for tests/yaml_readers.rs.
export ECSXC_PYTHON="$VENV/bin/python"

# The VS Code extension (editors/vscode): client, manifest, TextMate grammar tests and snapshots.
if command -v npm >/dev/null; then
  if ! cmp -s editors/vscode/package-lock.json editors/vscode/node_modules/.ecsxc-lock; then
    (cd editors/vscode && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.ecsxc-lock)
  fi
  (cd editors/vscode && npm test)
elif [ "${CI:-}" = true ]; then echo "test.sh: npm is missing (editors/vscode tests)" >&2; exit 1
else echo "test.sh: npm not found: the editors/vscode tests did not run" >&2; fi

eval "$(scripts/start-moto.sh "$VENV" auto)"
trap 'scripts/stop-moto.sh "$MOTO_PID_FILE"' EXIT

# A clean clone builds everything once: incremental compilation would only add work.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# Includes `ecsxc fmt --check examples` (tests/fmt.rs, check_passes_on_the_examples), on
# the executable the tests built: a `cargo run` here would build the dependencies again
# with other features (no dev-dependencies), minutes of a clean run.
cargo test --all-targets --locked
