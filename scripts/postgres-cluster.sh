#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster for the tests and benchmarks, without systemd:
# initdb + pg_ctl as the `postgres` user, listening on 127.0.0.1 only, on a free port.
#   scripts/postgres-cluster.sh start DIR   prints the URL of a superuser connection (postgres://…)
#   scripts/postgres-cluster.sh stop DIR
# DIR holds the cluster's files; it is made if missing. The cluster keeps PostgreSQL's durable
# defaults (fsync, synchronous_commit, full_page_writes on), so a benchmark measures what a council
# would run; with POSTGRES_FOR_TESTS=1 it does not sync to disk (the test tier makes and drops a
# database per test, and the tests kill app processes, never the database server).
# Debian's binaries are found under /usr/lib/postgresql/<version>/bin.
set -euo pipefail
action="${1:?start or stop}"
dir="${2:?the folder for the cluster}"

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL's server programs are not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port="$(free_port)"
    settings="-h 127.0.0.1 -p $port -k $dir -c max_connections=300"
    if [ "${POSTGRES_FOR_TESTS:-}" = "1" ]; then
      settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "$settings" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "expected start or stop, got $action" >&2
    exit 2
    ;;
esac
