#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: initdb + pg_ctl in a temporary folder, owned by
# an unprivileged user, listening on a loopback port only (no Unix socket outside the folder).
#   .ci/postgres.sh start [PORT]   prints the URL to use as TIDINGS_TEST_DB
#   .ci/postgres.sh stop
# State lives in ${TIDINGS_PG_DIR:-/tmp/tidings-pg}; `stop` removes it.
set -euo pipefail
DIR="${TIDINGS_PG_DIR:-/tmp/tidings-pg}"
PORT="${2:-${TIDINGS_PG_PORT:-55432}}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
# initdb refuses to run as root: run the server as an unprivileged user
RUN=()
if [ "$(id -u)" = 0 ]; then
    id tidings-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin tidings-pg
    RUN=(runuser -u tidings-pg --)
fi

case "${1:-}" in
start)
    if [ -f "$DIR/data/postmaster.pid" ]; then
        echo "postgresql://tidings@127.0.0.1:$(cat "$DIR/port")/postgres"; exit 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ -n "${RUN[*]}" ]; then chown tidings-pg "$DIR"; fi
    # C.UTF-8: the 'simple' text-search parser then knows letters of every script (CJK, Cyrillic, Arabic)
    "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U tidings --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start \
        -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    echo "$PORT" >"$DIR/port"
    echo "postgresql://tidings@127.0.0.1:$PORT/postgres"
    ;;
stop)
    [ -d "$DIR/data" ] && "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
    ;;
*)
    echo "usage: $0 start [PORT] | stop" >&2; exit 2 ;;
esac
