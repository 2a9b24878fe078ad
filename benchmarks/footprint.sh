#!/usr/bin/env bash
# The local platform's footprint: how long a warm `./platform up` takes, the memory of every process
# when ready and idle, and after the goal load. Runs the platform on the default ports (stop your own
# `./platform up` first: this script stops it).
#
#   benchmarks/footprint.sh [RUNS=3] [LOAD_SECONDS=60]
#
# Each run: `./platform down`, a timed `./platform up` (jars built, data folders kept), 30 s idle,
# `./platform status`. After the last run: a 30 s warm-up and one LOAD_SECONDS run of the goal load
# (1,000 tickets/s, 20,000 probe results/s, 2 claims/s), 10 s to settle, `./platform status` again.
# Memory per process with its children (PostgreSQL's server processes, which detach from their
# wrapper, under postgres): PSS (shared
# pages divided among the processes that share them, so the total is what the platform takes from the
# machine; the figure `./platform status` shows) and RSS (shared pages counted in every process).
# Prints RESULT lines; results and their conditions: benchmarks/results/footprint.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LOAD_SECONDS=${2:-60}

PIDS=${PLATFORM_HOME:-.platform}/pids
DATA=${PLATFORM_HOME:-.platform}/data

tree() { # a PID and all its descendants
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree "$child"; done
}

memory() { # $1: label; one RESULT line per process of the local run (PSS and RSS with its children), then the total
  local label=$1 total_pss=0 total_rss=0 file name pid pss rss p procs
  for file in "$PIDS"/*.pid; do
    name=$(basename "$file" .pid)
    [ "$name" = supervisor ] && continue
    pid=$(cat "$file"); pss=0; rss=0
    [ -d /proc/"$pid" ] || continue
    procs=$(tree "$pid")
    # the postmaster detaches from its wrapper (its parent is init): found by its data folder's postmaster.pid
    if [ "$name" = postgres ] && [ -f "$DATA/postgres/postmaster.pid" ]; then
      procs="$procs $(tree "$(head -n 1 "$DATA/postgres/postmaster.pid")")"
    fi
    for p in $procs; do
      pss=$((pss + $(awk '/^Pss:/ { print $2 }' /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)))
      rss=$((rss + $(awk '/^VmRSS:/ { print $2 }' /proc/"$p"/status 2>/dev/null || echo 0)))
    done
    total_pss=$((total_pss + pss)); total_rss=$((total_rss + rss))
    echo "RESULT memory $label $name pss=$((pss / 1024))MB rss=$((rss / 1024))MB"
  done
  echo "RESULT memory $label total pss=$((total_pss / 1024))MB rss=$((total_rss / 1024))MB"
}

./platform down > /dev/null 2>&1 || true
./platform up > /dev/null # builds what is missing; the first start of a data folder is not a warm start
for run in $(seq 1 "$RUNS"); do
  ./platform down > /dev/null
  sleep 3
  t0=$(date +%s%3N)
  ./platform up > /dev/null
  t1=$(date +%s%3N)
  echo "RESULT up_warm run=$run seconds=$(awk -v ms=$((t1 - t0)) 'BEGIN { printf "%.1f", ms / 1000 }') load=$(cut -d' ' -f1-3 /proc/loadavg)"
  sleep 30
  memory "idle-run$run"
done
./platform load --seconds 30 --tickets-per-second 1000 --probes-per-second 20000 --claims-per-second 2 > /dev/null
./platform load --seconds "$LOAD_SECONDS" --tickets-per-second 1000 --probes-per-second 20000 --claims-per-second 2 \
  | sed -n '/^RESULT load/,$p'
sleep 10
memory "after-load"
echo "RESULT machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
