#!/usr/bin/env bash
# Starts moto in server mode on 127.0.0.1 as a local AWS endpoint for the deploy tests.
#
#   eval "$(scripts/start-moto.sh VENV PORT|auto)"
#
# VENV is a virtualenv with moto[server] installed (installed there when missing).
# PORT is a port number, or `auto` (or 0) for a free port the kernel picks.
# A port already in use is an error: this script never attaches to someone else's server.
# On stdout it prints only `export ...` lines (endpoint, region, dummy credentials,
# MOTO_PORT, MOTO_PID, MOTO_PID_FILE); everything else goes to stderr.
# Stop the server with `scripts/stop-moto.sh "$MOTO_PID_FILE"`.
set -euo pipefail

VENV="${1:?usage: start-moto.sh VENV PORT|auto}"
PORT="${2:-auto}"
MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
READY_TIMEOUT="${MOTO_READY_TIMEOUT:-60}"
STATE_DIR="${MOTO_STATE_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.moto}"

log() { echo "start-moto: $*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  log "creating virtualenv $VENV"
  python3 -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" - "$MOTO_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
import moto.server  # noqa: F401  (the server extra must be importable)
sys.exit(0 if version("moto") == sys.argv[1] else 1)
PY
then
  log "installing moto[server]==$MOTO_VERSION into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
fi

if [ "$PORT" = "auto" ] || [ "$PORT" = "0" ]; then
  PORT="$("$VENV/bin/python" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')"
else
  if ! "$VENV/bin/python" - "$PORT" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
  then
    log "port $PORT on 127.0.0.1 is already in use"
    exit 1
  fi
fi

mkdir -p "$STATE_DIR"
LOG="$STATE_DIR/moto-$PORT.log"
PID_FILE="$STATE_DIR/moto-$PORT.pid"
nohup "$VENV/bin/python" -m moto.server -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$PID_FILE"

URL="http://127.0.0.1:$PORT"
deadline=$(( $(date +%s) + READY_TIMEOUT ))
while :; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "$URL/moto-api/" 2>/dev/null || true)"
  [ "$code" = "200" ] && break
  if ! kill -0 "$PID" 2>/dev/null; then
    log "moto exited during start-up; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    rm -f "$PID_FILE"
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "moto did not answer on $URL within ${READY_TIMEOUT}s; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    kill "$PID" 2>/dev/null || true
    rm -f "$PID_FILE"
    exit 1
  fi
  sleep 0.1
done
log "moto $MOTO_VERSION ready on $URL (pid $PID, log $LOG)"

cat <<OUT
export AWS_ENDPOINT_URL=$URL
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
export AWS_EC2_METADATA_DISABLED=true
export MOTO_PORT=$PORT
export MOTO_PID=$PID
export MOTO_PID_FILE=$PID_FILE
OUT
