#!/usr/bin/env bash
# Several nodes on one machine, clustered through the local PostgreSQL: ./cluster.sh start [N] | stop
# Node i serves HTTP on 5080+i (silo port 11111+i); logs in deploy/local/.data/node-i.log. The nodes share one
# cluster certificate, made here once with openssl (README, "Run a cluster").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$here/.data"

case "${1:-}" in
  start)
    count="${2:-2}"
    dotnet build "$repo/src/SupplierQuality.Web" -c Release -v q -nologo >/dev/null
    connection=$("$here/postgres.sh" url)
    # A first admin for the trial cluster, with a password made once and kept beside the data.
    [ -f "$here/.data/admin-password" ] || head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$here/.data/admin-password"
    echo "admin: admin@localhost / $(cat "$here/.data/admin-password")"
    if [ ! -f "$here/.data/cluster.pem" ]; then
      (cd "$here/.data" && umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj /CN=supplierquality-cluster -addext extendedKeyUsage=serverAuth,clientAuth -keyout cluster.key -out cluster.crt \
        2>/dev/null && cat cluster.crt cluster.key >cluster.pem && rm cluster.key)
    fi
    for i in $(seq 1 "$count"); do
      ConnectionStrings__SupplierQuality="$connection" \
      Accounts__InitialAdmin__Email=admin@localhost Accounts__InitialAdmin__Password="$(cat "$here/.data/admin-password")" \
      Node__SiloPort=$((11111 + i)) Node__AdvertisedIPAddress=127.0.0.1 Node__CertificatePath="$here/.data/cluster.pem" \
      ASPNETCORE_URLS="http://127.0.0.1:$((5080 + i))" \
        nohup dotnet "$repo/src/SupplierQuality.Web/bin/Release/net10.0/SupplierQuality.Web.dll" \
          --contentRoot "$repo/src/SupplierQuality.Web" >"$here/.data/node-$i.log" 2>&1 &
      echo $! >"$here/.data/node-$i.pid"
      echo "node $i: http://127.0.0.1:$((5080 + i)) (log $here/.data/node-$i.log)"
    done
    ;;
  stop)
    for pid in "$here"/.data/node-*.pid; do
      [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    ;;
  *)
    echo "usage: $0 start [N] | stop" >&2
    exit 2
    ;;
esac
