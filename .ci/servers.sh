#!/usr/bin/env bash
# Start / stop the SPARQL servers the remote-store tests use (issue 5):
#   .ci/servers.sh start   install what is missing, start Oxigraph server and
#                          Virtuoso 7 on free 127.0.0.1 ports, wait until they
#                          answer, write .ci/servers.env
#   .ci/servers.sh stop    SIGTERM each server, SIGKILL after 30 s
# Everything lives under .ci/.servers/ (data, logs, pids, a private venv for the
# `oxigraph` binary, so `.ci/run` can recreate .venv while the server runs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=$ROOT/.ci/.servers
ENV_FILE=$ROOT/.ci/servers.env
log() { printf '[servers] %s\n' "$*" >&2; }

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

wait_http() {  # URL SECONDS NAME LOGFILE
  local url=$1 limit=$2 name=$3 logfile=$4 i=0
  until python3 - "$url" <<'PY' >/dev/null 2>&1
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=5).read()
PY
  do
    i=$((i + 1))
    if [ "$i" -ge "$((limit * 2))" ]; then
      log "$name did not answer $url within ${limit}s; last log lines:"
      tail -n 30 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  log "$name ready: $url"
}

start_oxigraph() {
  local bin
  bin=$(command -v oxigraph || true)
  if [ -z "$bin" ]; then
    if [ ! -x "$STATE/venv/bin/oxigraph" ]; then
      log "pip install oxigraph (server binary) into $STATE/venv"
      python3 -m venv "$STATE/venv"
      "$STATE/venv/bin/pip" install -q --disable-pip-version-check 'oxigraph>=0.5.0'
    fi
    bin=$STATE/venv/bin/oxigraph
  fi
  local port
  port=$(free_port)
  rm -rf "$STATE/oxigraph-db"
  mkdir -p "$STATE/oxigraph-db"
  "$bin" serve --location "$STATE/oxigraph-db" --bind "127.0.0.1:$port" \
    >"$STATE/oxigraph.log" 2>&1 &
  echo $! >"$STATE/oxigraph.pid"
  wait_http "http://127.0.0.1:$port/query?query=ASK%7B%7D" 60 "Oxigraph server" "$STATE/oxigraph.log"
  OXIGRAPH_PORT=$port
}

start_virtuoso() {
  if ! command -v virtuoso-t >/dev/null 2>&1; then
    log "apt-get install virtuoso-opensource"
    local pw=pag-ci-dba
    printf '%s\n' \
      "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $pw" \
      "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $pw" |
      debconf-set-selections
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource >/dev/null 2>&1; then
      apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
      apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource >/dev/null
    fi
  fi
  local sql_port http_port pw db
  sql_port=$(free_port)
  http_port=$(free_port)
  pw=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  db=$STATE/virtuoso-db
  rm -rf "$db"
  mkdir -p "$db"
  local vad=/usr/share/virtuoso-opensource-7/vad
  cat >"$db/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $db/virtuoso.db
ErrorLogFile       = $db/virtuoso.log
LockFile           = $db/virtuoso.lck
TransactionFile    = $db/virtuoso.trx
xa_persistent_file = $db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $db/virtuoso-temp.db
TransactionFile    = $db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql_port
DisableUnixSocket        = 1
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
AllowOSCalls             = 0
DirsAllowed              = ., $vad
VADInstallDir            = $vad/
NumberOfBuffers          = 10000
MaxDirtyBuffers          = 6000
MaxQueryMem              = 256M

[HTTPServer]
ServerPort                  = 127.0.0.1:$http_port
ServerRoot                  = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
Charset                     = UTF-8
EnabledGzipContent          = 1

[SPARQL]
; the defaults, on purpose: the tests check that pag pages past them
ResultSetMaxRows           = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
INI
  (cd "$db" && exec virtuoso-t +configfile "$db/virtuoso.ini" +foreground \
    >"$db/stdout.log" 2>&1) &
  echo $! >"$STATE/virtuoso.pid"
  wait_http "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" 120 "Virtuoso" "$db/virtuoso.log"
  # a fresh database has dba/dba: replace it (+pwddba at first start does not stick)
  isql-vt "127.0.0.1:$sql_port" dba dba \
    exec="USER_CHANGE_PASSWORD('dba', 'dba', '$pw');" >"$db/isql.log" 2>&1 || {
    log "Virtuoso: could not set the DBA password:"; cat "$db/isql.log" >&2; return 1; }
  VIRTUOSO_PORT=$http_port
  VIRTUOSO_PW=$pw
}

stop_one() {  # NAME
  local pidfile=$STATE/$1.pid pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$1 still running after 30 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start)
    mkdir -p "$STATE"
    stop_one oxigraph
    stop_one virtuoso
    start_oxigraph
    start_virtuoso
    umask 077
    cat >"$ENV_FILE" <<ENV
# written by .ci/servers.sh start; sourced by .ci/run
export PAG_TEST_OXIGRAPH_URL=http://127.0.0.1:$OXIGRAPH_PORT/query
export PAG_TEST_OXIGRAPH_UPDATE_URL=http://127.0.0.1:$OXIGRAPH_PORT/update
export PAG_TEST_OXIGRAPH_STORE_URL=http://127.0.0.1:$OXIGRAPH_PORT/store
export PAG_TEST_VIRTUOSO_URL=http://127.0.0.1:$VIRTUOSO_PORT/sparql
export PAG_TEST_VIRTUOSO_UPDATE_URL=http://127.0.0.1:$VIRTUOSO_PORT/sparql-auth
export PAG_TEST_VIRTUOSO_STORE_URL=http://127.0.0.1:$VIRTUOSO_PORT/sparql-graph-crud-auth
export PAG_TEST_VIRTUOSO_USER=dba
export PAG_TEST_VIRTUOSO_PASSWORD=$VIRTUOSO_PW
ENV
    log "wrote $ENV_FILE"
    ;;
  stop)
    stop_one oxigraph
    stop_one virtuoso
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
