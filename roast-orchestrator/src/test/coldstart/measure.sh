#!/usr/bin/env bash
# Cold start of the packaged app (Knative adapter), each function: process start to first event handled,
# as the app logs it ("cold start: <function> handled its first event N ms after process start").
#
# From roast-orchestrator/, after (at the repository root)
#   mvn -B -q -pl roast-orchestrator -am package -DskipTests \
#     dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# usage:
#   src/test/coldstart/measure.sh [rounds]
#       every function on JDK 17, JDK 25 and JDK 25 with a JEP 514 AOT cache (trained once per function
#       on one event), alternating, [rounds] rounds (default 5); prints Markdown tables of the medians and
#       of every run, and writes every run to target/coldstart/runs.tsv (round, function, JVM, ms, load).
#   src/test/coldstart/measure.sh once <function> <java> [JVM options...]
#       one run against the broker named by KAFKA_BOOTSTRAP_SERVERS; prints the figure in ms.
# Environment: JAVA17 (default: java on the PATH), JAVA25 (default: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
# FUNCTIONS (default: all four).
set -euo pipefail
D=$PWD/target/coldstart
APP=$PWD/target/quarkus-app
CP_FILE=$PWD/target/test-classpath.txt
PASSPHRASE=cold-start
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
FUNCTIONS=${FUNCTIONS:-roast-orchestrator signer dta-function mpin-function}
CONFIGS="jdk17 jdk25 jdk25-aot"

die() { echo "measure.sh: $*" >&2; exit 2; }

# One run of <function> on <java> [options]: start the app, POST the function's event until it answers 200,
# stop the app, print the logged figure.
once() {
  local function=$1 java=$2; shift 2
  local F=$D/$function port=$((20000 + RANDOM % 10000)) pid code deadline
  [ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ] || die "KAFKA_BOOTSTRAP_SERVERS is not set"
  rm -f "$F/kv.mv.db"
  local -a settings headers
  readarray -t settings < "$F/settings.env"
  readarray -t headers < "$F/curl-headers"
  env "${settings[@]}" DREY_ADAPTER=knative DREY_KV_BACKEND=mvstore DREY_KV_PATH="$F/kv.mv.db" \
      QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
      "$java" "$@" -jar "$APP/quarkus-run.jar" > "$F/app.log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 60))
  code=000
  until [ "$code" = 200 ]; do
    if ! kill -0 $pid 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      kill $pid 2>/dev/null || true
      tail -n 20 "$F/app.log" >&2
      die "$function on $java: no 200 within 60 s (last status $code)"
    fi
    sleep 0.01
    code=$(curl -s -o "$F/response.json" -w '%{http_code}' "${headers[@]}" --data-binary @"$F/event.json" \
        "http://127.0.0.1:$port/" 2>/dev/null) || code=000
  done
  kill $pid; wait $pid 2>/dev/null || true
  grep -o 'handled its first event [0-9]* ms' "$F/app.log" | grep -o '[0-9][0-9]*' \
    || die "$function: no cold-start line in $F/app.log"
}

fixture() {
  "$JAVA17" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$(cat "$CP_FILE"):$PWD/target/test-classes" dev.drey.roast.app.ColdStartFixture "$@"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }

all() {
  local rounds=${1:-5}
  [ -f "$APP/quarkus-run.jar" ] || die "no $APP/quarkus-run.jar: build first (see the head of this script)"
  [ -f "$CP_FILE" ] || die "no $CP_FILE: build with dependency:build-classpath (see the head of this script)"
  mkdir -p "$D"
  fixture keys "$D" "$PASSPHRASE" $FUNCTIONS

  # A real broker for the outbox (the signer's and the share functions' first events publish an answer).
  rm -f "$D/kafka.out"
  "$JAVA17" -cp "$(cat "$CP_FILE")" dev.drey.kafka.EmbeddedKafkaMain --port 0 > "$D/kafka.out" 2> "$D/kafka.log" &
  local kafka=$!
  trap "kill $kafka 2>/dev/null || true" EXIT
  until grep -qs '^kafka ' "$D/kafka.out"; do
    kill -0 $kafka 2>/dev/null || { cat "$D/kafka.log" >&2; die "the embedded broker did not start"; }
    sleep 0.2
  done
  export KAFKA_BOOTSTRAP_SERVERS=$(awk '/^kafka /{print $2}' "$D/kafka.out")

  echo "# $("$JAVA17" -version 2>&1 | head -1); $("$JAVA25" -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  fixture events "$D" $FUNCTIONS
  for f in $FUNCTIONS; do # one training run per function: the cache records that function's first event
    rm -f "$D/$f/app.aot"
    once "$f" "$JAVA25" -XX:AOTCacheOutput="$D/$f/app.aot" > /dev/null
    [ -f "$D/$f/app.aot" ] || die "$f: the training run wrote no AOT cache"
  done
  fixture check "$D" "$KAFKA_BOOTSTRAP_SERVERS" 1 $FUNCTIONS
  : > "$D/runs.tsv"
  for r in $(seq 1 "$rounds"); do
    fixture events "$D" $FUNCTIONS # share requests expire in 5 minutes: fresh ones every round
    for f in $FUNCTIONS; do
      for c in $CONFIGS; do
        case $c in
          jdk17) ms=$(once "$f" "$JAVA17") ;;
          jdk25) ms=$(once "$f" "$JAVA25") ;;
          jdk25-aot) ms=$(once "$f" "$JAVA25" -XX:AOTCache="$D/$f/app.aot") ;;
        esac
        printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$f" "$c" "$ms" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$D/runs.tsv" >&2
      done
    done
    # every figure must be of a share issued, not of a (cheaper) refusal
    fixture check "$D" "$KAFKA_BOOTSTRAP_SERVERS" "$(wc -w <<< "$CONFIGS")" $FUNCTIONS
  done
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

  echo "| function | JDK 17 | JDK 25 | JDK 25 + AOT cache | JDK 25 / 17 | AOT / JDK 25 | AOT / JDK 17 |"
  echo "|---|---|---|---|---|---|---|"
  for f in $FUNCTIONS; do
    local m17 m25 maot
    m17=$(awk -v f="$f" '$2==f && $3=="jdk17" {print $4}' "$D/runs.tsv" | median)
    m25=$(awk -v f="$f" '$2==f && $3=="jdk25" {print $4}' "$D/runs.tsv" | median)
    maot=$(awk -v f="$f" '$2==f && $3=="jdk25-aot" {print $4}' "$D/runs.tsv" | median)
    awk -v f="$f" -v a="$m17" -v b="$m25" -v c="$maot" \
      'BEGIN {printf "| %s | %d | %d | %d | %.2f | %.2f | %.2f |\n", f, a, b, c, b/a, c/b, c/a}'
  done
  echo
  echo "| function | JVM | runs (ms, in round order) |"
  echo "|---|---|---|"
  for f in $FUNCTIONS; do
    for c in $CONFIGS; do
      echo "| $f | $c | $(awk -v f="$f" -v c="$c" '$2==f && $3==c {print $4}' "$D/runs.tsv" | paste -sd, - | sed 's/,/, /g') |"
    done
  done
}

case "${1:-}" in
  once) shift; once "$@" ;;
  ''|[0-9]*) all "${1:-5}" ;;
  *) die "usage: measure.sh [rounds] | once <function> <java> [JVM options...]" ;;
esac
