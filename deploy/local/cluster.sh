#!/usr/bin/env bash
# A cluster on one machine: ./cluster.sh start [N] | stop
# start: the private PostgreSQL (postgres.sh), N nodes (default 3) clustered through it, and a round-robin load
# balancer (deploy/loadbalancer, YARP) in front of them on one port, http://127.0.0.1:${SQ_PORT:-8080}. Node i serves
# HTTP on 127.0.0.1:5080+i (silo port 11111+i, Prometheus metrics at http://127.0.0.1:9463+i/metrics). The nodes share one cluster certificate, made here once with openssl
# (README, "Run a cluster"), and one outbox folder (no mail leaves the machine: read it at /admin/outbox), and believe
# X-Forwarded-* from the balancer's address alone. Logs and PIDs are in deploy/local/.data.
# stop: ends the balancer and the nodes by the PIDs written at start, then the database (pg_ctl, by its postmaster PID).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
data="$here/.data"
port="${SQ_PORT:-8080}"
node_dll="$repo/src/SupplierQuality.Web/bin/Release/net10.0/SupplierQuality.Web.dll"
balancer_dll="$repo/deploy/loadbalancer/bin/Release/net10.0/SupplierQuality.LoadBalancer.dll"
mkdir -p "$data"

# Whether the PID in file $1 is alive and still runs $2 (a PID can be reused by another program after a crash).
running() {
  [ -f "$1" ] && [ -r "/proc/$(cat "$1")/cmdline" ] && tr '\0' ' ' <"/proc/$(cat "$1")/cmdline" | grep -qF "$2"
}

# Asks the process in pid file $1 (running $2) to stop, gives it 30 s to stop gracefully (a node hands its grains
# over), then kills it.
stop_process() {
  if running "$1" "$2"; then
    local pid
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$1" .pid) did not stop within 30 s: killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$1"
}

# The status code of GET http://127.0.0.1:$1$2, with bash alone (no curl on a bare machine); empty when nothing answers.
http_status() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3 && head -n 1 <&3 | cut -d ' ' -f 2) 2>/dev/null || true
}

case "${1:-}" in
  start)
    count="${2:-3}"
    for pid in "$data"/node-*.pid "$data"/loadbalancer.pid; do
      if [ -f "$pid" ] && running "$pid" dotnet; then
        echo "A cluster is running already ($pid): $0 stop first." >&2
        exit 1
      fi
    done
    for project in "$repo/src/SupplierQuality.Web" "$repo/deploy/loadbalancer"; do
      build=$(dotnet build "$project" -c Release -v q -nologo 2>&1) || { echo "$build" >&2; echo "Building $project failed." >&2; exit 1; }
    done
    "$here/postgres.sh" start >/dev/null
    connection=$("$here/postgres.sh" url)
    # A first admin for the trial cluster, with a password made once and kept beside the data.
    [ -f "$data/admin-password" ] || head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$data/admin-password"
    if [ ! -f "$data/cluster.pem" ]; then
      (cd "$data" && umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj /CN=supplierquality-cluster -addext extendedKeyUsage=serverAuth,clientAuth -keyout cluster.key -out cluster.crt \
        2>/dev/null && cat cluster.crt cluster.key >cluster.pem && rm cluster.key)
    fi
    nodes=()
    for i in $(seq 1 "$count"); do
      # Development: links in emails point at this machine over http, which Production refuses.
      ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$((5080 + i))" \
      ConnectionStrings__SupplierQuality="$connection" \
      Accounts__InitialAdmin__Email=admin@localhost Accounts__InitialAdmin__Password="$(cat "$data/admin-password")" \
      Node__SiloPort=$((11111 + i)) Node__AdvertisedIPAddress=127.0.0.1 Node__CertificatePath="$data/cluster.pem" \
      Node__ForwardedHeaders__KnownProxies=127.0.0.1 Telemetry__MetricsPort=$((9463 + i)) \
      Campaigns__PublicBaseUrl="http://127.0.0.1:$port" Mail__OutboxPath="$data/outbox" \
        nohup dotnet "$node_dll" --contentRoot "$repo/src/SupplierQuality.Web" >"$data/node-$i.log" 2>&1 &
      echo $! >"$data/node-$i.pid"
      nodes+=("http://127.0.0.1:$((5080 + i))")
      echo "node $i: http://127.0.0.1:$((5080 + i)), metrics http://127.0.0.1:$((9463 + i))/metrics (log $data/node-$i.log)"
    done
    ASPNETCORE_URLS="http://127.0.0.1:$port" Balancer__Nodes="$(IFS=,; echo "${nodes[*]}")" \
      nohup dotnet "$balancer_dll" >"$data/loadbalancer.log" 2>&1 &
    echo $! >"$data/loadbalancer.pid"
    for _ in $(seq 1 120); do
      [ "$(http_status "$port" /health/ready)" = 200 ] && break
      sleep 1
    done
    [ "$(http_status "$port" /health/ready)" = 200 ] || { echo "The cluster did not become ready in 120 s: see the logs in $data" >&2; exit 1; }
    echo "load balancer: http://127.0.0.1:$port (log $data/loadbalancer.log)"
    echo "admin: admin@localhost / $(cat "$data/admin-password")"
    ;;
  stop)
    # The balancer first, so no request goes to a node that is stopping; then every node at once.
    stop_process "$data/loadbalancer.pid" SupplierQuality.LoadBalancer.dll
    for pid in "$data"/node-*.pid; do
      [ -f "$pid" ] && stop_process "$pid" SupplierQuality.Web.dll &
    done
    wait
    "$here/postgres.sh" stop
    ;;
  *)
    echo "usage: $0 start [N] | stop" >&2
    exit 2
    ;;
esac
