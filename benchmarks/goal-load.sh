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
#
# PLATFORM_PG_STAT_STATEMENTS=1: PostgreSQL loads pg_stat_statements (restarting a running local run's
# server), the counters are reset after the warm-up, and the statements that took the most time over
# the measured runs are printed at the end with their calls and rows (statements per ticket: calls /
# tickets). The extension costs PostgreSQL a little CPU: measure figures without it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LOAD_SECONDS=${2:-60}
RATES=(--tickets-per-second 1000 --probes-per-second 20000 --claims-per-second 2)

./platform down > /dev/null 2>&1 || true
./platform up > /dev/null # builds what is missing
psql_local() {
  PGPASSWORD=${PLATFORM_DB_PASSWORD:-postgres} psql -h 127.0.0.1 -p "${PLATFORM_LOCAL_DB_PORT:-25432}" \
    -U "${PLATFORM_DB_USER:-postgres}" -d "${PLATFORM_DB_NAME:-slaplatform}" -X -q "$@"
}
echo "RESULT machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) after up"
./platform load --seconds 30 "${RATES[@]}" > /dev/null
if [ "${PLATFORM_PG_STAT_STATEMENTS:-}" = 1 ]; then
  psql_local -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" > /dev/null
fi
for run in $(seq 1 "$RUNS"); do
  echo "== run $run of $RUNS, load average before $(cut -d' ' -f1-3 /proc/loadavg)"
  ./platform load --seconds "$LOAD_SECONDS" "${RATES[@]}" | sed -n '/^RESULT load/,$p'
done
if [ "${PLATFORM_PG_STAT_STATEMENTS:-}" = 1 ]; then
  echo "RESULT statements: the 25 that took the most time over the $RUNS runs (all databases' schemas)"
  psql_local -P pager=off -c "select round(total_exec_time::numeric / 1000, 1) as seconds,
      round((100 * total_exec_time / sum(total_exec_time) over ())::numeric, 1) as pct, calls, rows,
      round(mean_exec_time::numeric, 3) as mean_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as statement
    from pg_stat_statements order by total_exec_time desc limit 25"
fi
