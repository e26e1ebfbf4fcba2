#!/usr/bin/env bash
# A private PostgreSQL for trying the cluster on one machine: ./postgres.sh start|stop|url
# Data lives in deploy/local/.data/pg. PostgreSQL refuses to run as root, so as root it runs as the
# 'postgres' user (created by Debian's postgresql package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data="$here/.data/pg"
port="${SQ_PG_PORT:-55432}"
bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown -R postgres "$here/.data"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" -U postgres -A trust --no-sync >/dev/null
    fi
    # Already running (cluster.sh start after postgres.sh start): nothing to do.
    if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'supplierquality'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE supplierquality"
    echo "PostgreSQL on 127.0.0.1:$port; connection string:"
    "$0" url
    ;;
  stop)
    # pg_ctl signals the server by the PID in its postmaster.pid; a server that is not running is left as it is.
    if [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    fi
    ;;
  url)
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=supplierquality"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
