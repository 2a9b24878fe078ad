#!/usr/bin/env bash
# The goal load, several times on one warm platform, for medians: 1,000 tickets/s, 20,000 probe
# results/s and 2 claims/s for LOAD_SECONDS each run, after one 30 s warm-up run at the same rates.
# Runs the platform on the default ports (stop your own `./platform up` first: this script restarts it).
#
#   benchmarks/goal-load.sh [RUNS=3] [LOAD_SECONDS=60]
#
# Prints each run's report from its `RESULT load` line on (tickets 2xx/s, ticket latency from the
# scheduled send time, probe results/s, lag from ticket to clock, CPU seconds per process and how busy
# the machine was). Run it on a quiet machine. Results: benchmarks/results/platform-load.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LOAD_SECONDS=${2:-60}
RATES=(--tickets-per-second 1000 --probes-per-second 20000 --claims-per-second 2)

./platform down > /dev/null 2>&1 || true
./platform up > /dev/null # builds what is missing
echo "RESULT machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) after up"
./platform load --seconds 30 "${RATES[@]}" > /dev/null
for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS, load average before $(cut -d' ' -f1-3 /proc/loadavg)"
  ./platform load --seconds "$LOAD_SECONDS" "${RATES[@]}" | sed -n '/^RESULT load/,$p'
done
