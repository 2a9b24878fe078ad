#!/usr/bin/env bash
# Does a class-data-sharing archive (JDK 17 AppCDS, a dynamic archive) make a service start faster or
# take less memory? Starts one more instance of SERVICE beside a running `./platform up` (its database
# and broker), first once to write the archive (-XX:ArchiveClassesAtExit), then RUNS times without and
# RUNS times with it (-XX:SharedArchiveFile), alternating; each start is timed until /q/health/ready
# answers, then its memory (PSS, RSS) is read after 20 s idle and the instance is stopped.
#
#   ./platform up && benchmarks/appcds.sh [SERVICE=credit-service] [RUNS=3]
#
# The instance runs with the JVM options of the running instance of SERVICE (its memory and start
# settings, ServiceLaunch) on port 8099. Prints RESULT lines; results: benchmarks/results/footprint.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVICE=${1:-credit-service}
RUNS=${2:-3}
PORT=8099
JAR=$SERVICE/target/quarkus-app/quarkus-run.jar
ARCHIVE=$SERVICE/target/quarkus-app/app-cds-bench.jsa
RUNNING=${PLATFORM_HOME:-.platform}/pids/$SERVICE.pid
[ -f "$RUNNING" ] || { echo "no $RUNNING: run ./platform up first" >&2; exit 2; }
# The JVM options of the running instance, as the launcher (ServiceLaunch) gave them, without its name,
# port, own archive and jar: the instances measured here start as `./platform up` starts a service.
mapfile -d '' RUNNING_ARGS < /proc/"$(cat "$RUNNING")"/cmdline
OPTIONS=()
for arg in "${RUNNING_ARGS[@]:1}"; do
  case $arg in
    -jar) break ;;
    -Dplatform-process=* | -Dquarkus.http.port=* | -XX:SharedArchiveFile=* | -XX:ArchiveClassesAtExit=*) ;;
    *) OPTIONS+=("$arg") ;;
  esac
done
export PLATFORM_DB_HOST=127.0.0.1 PLATFORM_DB_PORT=${PLATFORM_LOCAL_DB_PORT:-25432}
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${PLATFORM_LOCAL_KAFKA_PORT:-29092}
export PLATFORM_JWT_PUBLIC_KEY_LOCATION=file:$PWD/.platform/keys/public-key.pem MALLOC_ARENA_MAX=2
[ -f "$JAR" ] || { echo "no $JAR: run ./platform up first" >&2; exit 2; }

start() { # $1: label, then JVM options; prints seconds to ready and memory, stops the instance
  local label=$1 pid t0 t1 pss rss
  shift
  t0=$(date +%s%3N)
  java "${OPTIONS[@]}" "$@" -Dquarkus.http.port=$PORT -jar "$JAR" > "target/appcds-$label.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "instance exited: target/appcds-$label.log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%3N)
  sleep 20
  pss=$(awk '/^Pss:/ { print $2 }' /proc/"$pid"/smaps_rollup)
  rss=$(awk '/^VmRSS:/ { print $2 }' /proc/"$pid"/status)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "RESULT appcds $label ready=$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.2f", ms / 1000 }')s pss=$((pss / 1024))MB rss=$((rss / 1024))MB load=$(cut -d' ' -f1 /proc/loadavg)"
}

mkdir -p target
rm -f "$ARCHIVE"
start archive-dump -XX:ArchiveClassesAtExit="$ARCHIVE"
echo "RESULT appcds archive $(du -m "$ARCHIVE" | cut -f1) MB"
# which classes the archive serves (a start of its own: the class log slows it down, so it is not timed)
start classes -XX:SharedArchiveFile="$ARCHIVE" -Xlog:class+load=info:file=target/appcds-classes.txt > /dev/null
echo "RESULT appcds classes loaded $(grep -c 'source:' target/appcds-classes.txt): from the JDK's archive" \
  "$(grep 'source: shared objects file' target/appcds-classes.txt | grep -vc '(top)'), from this archive" \
  "$(grep -c 'source: shared objects file (top)' target/appcds-classes.txt)"
for run in $(seq 1 "$RUNS"); do
  start "plain-$run"
  start "cds-$run" -XX:SharedArchiveFile="$ARCHIVE"
done
