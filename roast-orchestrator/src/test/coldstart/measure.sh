#!/usr/bin/env bash
# Cold start of the packaged roast-orchestrator (Knative adapter): process start to first event handled.
# usage (from roast-orchestrator/, after ColdStartFixture wrote target/coldstart):
#   src/test/coldstart/measure.sh <java> [extra JVM options...]
set -euo pipefail
JAVA=$1; shift
D=$PWD/target/coldstart
APP=$PWD/target/quarkus-app
PORT=$((20000 + RANDOM % 10000))
rm -f "$D/kv.mv.db"
readarray -t H < "$D/curl-headers"
DREY_ADAPTER=knative DREY_FUNCTION=roast-orchestrator DREY_FEDERATION_FILE=$D/federation.json \
DREY_SECRETS_PATH=$D/coordinator.key DREY_SECRETS_PASSPHRASE=cold-start DREY_KV_PATH=$D/kv.mv.db \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 DREY_RELAYS_DEFAULT=ws://127.0.0.1:7447 QUARKUS_HTTP_PORT=$PORT \
  "$JAVA" "$@" -jar "$APP/quarkus-run.jar" > "$D/app.log" 2>&1 &
PID=$!
until curl -s -o /dev/null -w '%{http_code}' "${H[@]}" --data-binary @"$D/event.json" "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q 200; do
  sleep 0.01
done
kill $PID; wait $PID 2>/dev/null || true
grep -o 'handled its first event [0-9]* ms' "$D/app.log"
