#!/usr/bin/env bash
# Load benchmark of ticket creation over HTTP (issue 4), next to a plain pgbench insert on the same
# PostgreSQL in the same run. Starts its own PostgreSQL, Kafka and ticket-service on spare ports,
# stops them at the end. Needs: wrk (apt-get install -y wrk), pgbench (postgresql-client).
#
#   benchmarks/ticket-create.sh [DURATION_SECONDS=30] [CONNECTIONS=32]
#
# Environment: BENCH_WARMUP (seconds, 10), BENCH_SKIP_BUILD=1 (use the jars already built),
# BENCH_SERVICE_APP (the packaged service to measure, default ticket-service/target/quarkus-app; e.g. a
# build of main, to measure before and after in the same conditions), BENCH_JAVA_OPTS (service JVM options, default -Xmx512m), BENCH_JFR=1 (record a JFR profile of the
# measured run into the work directory).
# Ports: BENCH_PG_PORT, BENCH_KAFKA_PORT (controller on BENCH_KAFKA_CONTROLLER_PORT), BENCH_HTTP_PORT;
# when unset they follow the platform's variables (PLATFORM_LOCAL_DB_PORT, PLATFORM_LOCAL_KAFKA_PORT,
# PLATFORM_LOCAL_KAFKA_CONTROLLER_PORT, TICKET_SERVICE_PORT), so that engineers sharing the machine
# run it on the port range they were given; last the defaults 56432, 60092, 60093, 18081.
#
# Prints RESULT lines (throughput, p50/p90/p99 latency) for the service and for pgbench: a plain
# one-row insert (benchmarks/pgbench-insert.sql) and the writes of one ticket (pgbench-ticket-writes.sql).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
CONNECTIONS=${2:-32}
WORK=$(mktemp -d /tmp/ticket-bench.XXXXXX)
PG_PORT=${BENCH_PG_PORT:-${PLATFORM_LOCAL_DB_PORT:-56432}}
KAFKA_PORT=${BENCH_KAFKA_PORT:-${PLATFORM_LOCAL_KAFKA_PORT:-60092}}
KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-${PLATFORM_LOCAL_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}}
HTTP_PORT=${BENCH_HTTP_PORT:-${TICKET_SERVICE_PORT:-18081}}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK/pg" "$WORK/kafka"
}
trap cleanup EXIT

WARMUP=${BENCH_WARMUP:-10}
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "building ticket-service and local-infra (no tests)..."
  ./mvnw -q -pl ticket-service,libs/local-infra -am verify -DskipTests
fi
./mvnw -q -pl libs/local-infra dependency:build-classpath -Dmdep.outputFile="$WORK/infra.cp" >/dev/null
INFRA_CP="libs/local-infra/target/classes:$(cat "$WORK/infra.cp")"
infra() { java -cp "$INFRA_CP" org.slaplatform.localinfra.LocalInfra "$@"; }
# background servers are started with java directly, so that $! is the JVM's own pid

echo "starting PostgreSQL on $PG_PORT and Kafka on $KAFKA_PORT in $WORK ..."
java -cp "$INFRA_CP" org.slaplatform.localinfra.LocalInfra postgres --data "$WORK/pg" --port "$PG_PORT" > "$WORK/pg.log" 2>&1 & PIDS+=($!)
java -cp "$INFRA_CP" org.slaplatform.localinfra.LocalInfra kafka --data "$WORK/kafka" --port "$KAFKA_PORT" --controller-port "$KAFKA_CONTROLLER_PORT" > "$WORK/kafka.log" 2>&1 & PIDS+=($!)
until grep -q "postgres ready" "$WORK/pg.log"; do sleep 0.5; done
until grep -q "kafka ready" "$WORK/kafka.log"; do sleep 0.5; done
infra keys --dir "$WORK/keys" > /dev/null

echo "starting ticket-service on $HTTP_PORT ..."
PLATFORM_DB_PORT=$PG_PORT KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT TICKET_SERVICE_PORT=$HTTP_PORT \
PLATFORM_JWT_PUBLIC_KEY_LOCATION="file:$WORK/keys/public-key.pem" QUARKUS_LOG_LEVEL=WARN \
  java ${BENCH_JAVA_OPTS:--Xmx512m} -jar "${BENCH_SERVICE_APP:-ticket-service/target/quarkus-app}/quarkus-run.jar" > "$WORK/service.log" 2>&1 & PIDS+=($!)
until curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/ready" > /dev/null; do sleep 0.5; done

ADMIN=$(infra token --dir "$WORK/keys" --role admin --hours 2)
export TOKEN=$(infra token --dir "$WORK/keys" --role customer --account bench --hours 2)
curl -sf -X PUT "http://127.0.0.1:$HTTP_PORT/api/v1/accounts/bench" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name": "Benchmark", "contract": {"policy": "inflectra", "plan": "standard",
  "timeZone": "UTC", "currency": "USD", "monthlyCharges": 100, "billingCycle": "MONTHLY", "startsOn": "2020-01-01"}}' > /dev/null

PG_BIN=$(dirname "$(find "$WORK/pg" /tmp -path '*embedded-pg*' -name postgres -type f 2>/dev/null | head -1)" 2>/dev/null || true)
PGBENCH=$(command -v pgbench || echo "$PG_BIN/pgbench")
export PGPASSWORD=postgres
psql_cmd() { "${PGBENCH%pgbench}psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d slaplatform "$@"; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warm-up (${WARMUP} s) ..."
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s benchmarks/create-ticket.lua "http://127.0.0.1:$HTTP_PORT/api/v1/tickets" > /dev/null
# CPU seconds used so far by the service JVM and by all postgres processes (load-independent cost per ticket)
SERVICE_PID=${PIDS[2]}
TICKS=$(getconf CLK_TCK)
cpu_of() { awk -v t="$TICKS" '{print ($14 + $15) / t}' "/proc/$1/stat"; }
# CPU seconds of the JVM's JIT compiler threads and GC threads: on a busy shared machine a short run
# spends much of its CPU compiling, which says nothing about the cost of a ticket once warm
cpu_of_threads() {
  local pid=$1 pattern=$2 f name total=0
  for f in /proc/"$pid"/task/*/stat; do
    name=$(sed -e 's/^[0-9]* (\(.*\)) .*/\1/' "$f" 2>/dev/null) || continue
    if [[ "$name" =~ $pattern ]]; then
      total=$(sed -e 's/^.*) //' "$f" | awk -v s="$total" -v t="$TICKS" '{print s + ($12 + $13) / t}')
    fi
  done
  echo "$total"
}
JIT_THREADS='^C[12] CompilerThre'
GC_THREADS='^(GC Thread|G1 |VM Thread)'
# our postmaster (its command line names our data directory) and its children: backends, walwriter, ...
pg_cpu() {
  local pm; pm=$(ps -eo pid=,comm=,args= | awk -v d="$WORK/pg" '$2 == "postgres" && index($0, d) {print $1; exit}')
  { echo "$pm"; pgrep -P "$pm"; } | while read -r p; do
    [ -n "$p" ] && awk -v t="$TICKS" '{print ($14 + $15) / t}' "/proc/$p/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'
}
TICKETS_BEFORE=$(psql_cmd -At -c "select count(*) from ticket.tickets")
SERVICE_CPU_BEFORE=$(cpu_of "$SERVICE_PID"); PG_CPU_BEFORE=$(pg_cpu)
JIT_BEFORE=$(cpu_of_threads "$SERVICE_PID" "$JIT_THREADS"); GC_BEFORE=$(cpu_of_threads "$SERVICE_PID" "$GC_THREADS")
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$SERVICE_PID" JFR.start name=bench settings=profile filename="$WORK/service.jfr" > /dev/null
fi
KAFKA_CPU_BEFORE=$(cpu_of "${PIDS[1]}")
# CPU of this shell's finished children (wrk is the one that runs in between), user + system seconds;
# `times` runs in this shell, not in a command substitution (a subshell has no children of its own)
children_cpu() { tail -1 "$1" | awk '{ split($1, u, "m"); split($2, s, "m"); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }'; }
times > "$WORK/times.before"
echo "ticket-service: POST /api/v1/tickets, $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s benchmarks/create-ticket.lua \
  "http://127.0.0.1:$HTTP_PORT/api/v1/tickets" | tee "$WORK/wrk.txt" | grep -E "RESULT|Latency|Requests/sec"
SERVICE_CPU_AFTER=$(cpu_of "$SERVICE_PID"); PG_CPU_AFTER=$(pg_cpu)
times > "$WORK/times.after"
WRK_CPU_BEFORE=$(children_cpu "$WORK/times.before"); WRK_CPU_AFTER=$(children_cpu "$WORK/times.after"); KAFKA_CPU_AFTER=$(cpu_of "${PIDS[1]}")
TICKETS_AFTER=$(psql_cmd -At -c "select count(*) from ticket.tickets")
JIT_AFTER=$(cpu_of_threads "$SERVICE_PID" "$JIT_THREADS"); GC_AFTER=$(cpu_of_threads "$SERVICE_PID" "$GC_THREADS")
if [ -n "${BENCH_JFR:-}" ]; then
  jcmd "$SERVICE_PID" JFR.stop name=bench > /dev/null && echo "JFR profile: $WORK/service.jfr"
fi
# CPU per ticket filed during the measured run (a request wrk gave up on may still have filed one)
REQUESTS=$((TICKETS_AFTER - TICKETS_BEFORE))
echo "RESULT tickets_filed_during_run=$REQUESTS"
awk -v s1="$SERVICE_CPU_BEFORE" -v s2="$SERVICE_CPU_AFTER" -v p1="$PG_CPU_BEFORE" -v p2="$PG_CPU_AFTER" -v n="$REQUESTS" \
  -v j1="$JIT_BEFORE" -v j2="$JIT_AFTER" -v g1="$GC_BEFORE" -v g2="$GC_AFTER" \
  'BEGIN { printf "RESULT cpu_ms_per_ticket service_jvm=%.2f (of which jit_compiler=%.2f gc=%.2f, the rest=%.2f) postgres=%.2f (incl. outbox relay and Kafka publishing)\n", 1000*(s2-s1)/n, 1000*(j2-j1)/n, 1000*(g2-g1)/n, 1000*((s2-s1)-(j2-j1)-(g2-g1))/n, 1000*(p2-p1)/n }'
# the rest of the 2 cores' budget: the load generator and the broker (they share the machine with the service)
awk -v w1="$WRK_CPU_BEFORE" -v w2="$WRK_CPU_AFTER" -v k1="$KAFKA_CPU_BEFORE" -v k2="$KAFKA_CPU_AFTER" -v n="$REQUESTS" \
  'BEGIN { printf "RESULT cpu_ms_per_ticket wrk=%.2f kafka_broker=%.2f\n", 1000*(w2-w1)/n, 1000*(k2-k1)/n }'
# same columns, defaults and indexes as the service's table
psql_cmd -c "create table if not exists bench_tickets (like ticket.tickets including all)"
echo "pgbench: one insert per transaction, $CONNECTIONS clients, ${DURATION}s"
"$PGBENCH" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j 2 -T "$DURATION" -f benchmarks/pgbench-insert.sql \
  slaplatform | tee "$WORK/pgbench.txt" | grep -E "^tps|latency average"
# the same, for the writes a ticket makes (ticket, audit line, outbox event and its published mark)
psql_cmd -c "create table if not exists bench_ticket_history (like ticket.ticket_history including all)" \
  -c "create table if not exists bench_outbox (like ticket.outbox including all)"
echo "pgbench: a ticket's writes per transaction (benchmarks/pgbench-ticket-writes.sql), $CONNECTIONS clients, ${DURATION}s"
"$PGBENCH" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j 2 -T "$DURATION" \
  -f benchmarks/pgbench-ticket-writes.sql slaplatform | tee "$WORK/pgbench-ticket-writes.txt" | grep -E "^tps|latency average"
TICKETS=$(psql_cmd -At -c "select count(*) from ticket.tickets")
UNPUBLISHED=$(psql_cmd -At -c "select count(*) from ticket.outbox where published_at is null")
echo "RESULT tickets_in_db=$TICKETS outbox_unpublished_at_end=$UNPUBLISHED"
echo "RESULT machine: $(nproc) cores, load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs and raw output in $WORK"
