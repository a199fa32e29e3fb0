#!/usr/bin/env bash
# Stops a moto server started by scripts/start-moto.sh:  stop-moto.sh PIDFILE
# Checks that the process is moto (guarding against PID reuse), sends TERM, waits up
# to 10 s, then KILL, and removes the PID file. Nothing running is not an error.
set -euo pipefail

PID_FILE="${1:?usage: stop-moto.sh PIDFILE}"
log() { echo "stop-moto: $*" >&2; }

[ -f "$PID_FILE" ] || exit 0
PID="$(cat "$PID_FILE" 2>/dev/null || true)"
if ! [[ "$PID" =~ ^[0-9]+$ ]]; then
  rm -f "$PID_FILE"
  exit 0
fi
if ! kill -0 "$PID" 2>/dev/null; then
  rm -f "$PID_FILE"
  exit 0
fi
if ! tr '\0' ' ' <"/proc/$PID/cmdline" 2>/dev/null | grep -q moto; then
  log "pid $PID is not a moto server; not stopping it"
  exit 1
fi
kill -TERM "$PID" 2>/dev/null || true
for _ in $(seq 1 100); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$PID" 2>/dev/null; then
  log "moto (pid $PID) ignored TERM; killing it"
  kill -KILL "$PID" 2>/dev/null || true
fi
rm -f "$PID_FILE"
