#!/usr/bin/env bash
# Cost curves at 10x: each stateful benchmark at its usual size and at ten times it, one after the
# other in the same session, so that the two sizes are compared on the same machine and load.
#
#   benchmarks/cost-curves.sh [timers|settlement|availability ...]   (default: all three)
#
# - timers: 1,000,000 armed and 1,000,000 due in 300 s; then 10,000,000 armed with the same
#   1,000,000 due (the other 9,000,000 over the next 30 days): the firing lag with 10x armed.
# - settlement: one cycle of 100,000 accounts, then of 1,000,000.
# - availability: probe ingest and the month close with 10,000 instances registered, then 100,000.
#
# Each run is a JUnit benchmark of its service on the embedded PostgreSQL and in-JVM Kafka of the
# tests (commands in the services' docs). Builds once, then runs offline. Logs go to
# target/cost-curves/<name>.log; each run's BENCH lines are printed after it. Run it on a quiet machine
# (nothing else building), from a tree you are not editing. Results: benchmarks/results/cost-curves.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CURVES=("$@")
[ ${#CURVES[@]} -gt 0 ] || CURVES=(timers settlement availability)
OUT=target/cost-curves
mkdir -p "$OUT"

./mvnw -q -B install -DskipTests -pl sla-timer-service,credit-service,availability-service -am

bench() { # $1: log name, $2: module, $3: test class, then system properties
  local name=$1 module=$2 test=$3
  shift 3
  echo "== $name (load $(cut -d' ' -f1-3 /proc/loadavg)) $(date -u +%FT%TZ)"
  local start=$SECONDS
  ./mvnw -o -B -pl "$module" verify -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "$@" \
    >"$OUT/$name.log" 2>&1 || { echo "FAILED: $OUT/$name.log"; tail -30 "$OUT/$name.log"; return 1; }
  echo "   $((SECONDS - start)) s"
  grep -h "BENCH" "$OUT/$name.log" | sed 's/^.*BENCH/   BENCH/'
}

for curve in "${CURVES[@]}"; do
  case $curve in
    timers)
      for armed in 1000000 10000000; do
        bench "timers-$armed" sla-timer-service TimerFiringBenchmark -Dbench.timers=$armed -Dbench.timers.due=1000000 \
          -Dbench.spread-seconds=300 -Dbench.start-seconds=90 -Dbench.ingest=50000
      done ;;
    settlement)
      for accounts in 100000 1000000; do
        bench "settlement-$accounts" credit-service SettlementBenchmarkTest -Dbench.credit.accounts=$accounts
      done ;;
    availability)
      for instances in 10000 100000; do
        bench "availability-$instances" availability-service AvailabilityBenchmarkTest -Dbench.availability=true \
          -Dbench.availability.instances=$instances -Dbench.availability.batches=40 -Dbench.availability.rounds=3
      done ;;
    *) echo "unknown curve: $curve (timers, settlement, availability)" >&2; exit 2 ;;
  esac
done
