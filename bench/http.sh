#!/usr/bin/env bash
# HTTP load benchmark: POST /v1/evaluate against the bare echo endpoint, with wrk on loopback.
#
#   bench/http.sh            # ~1.5 min: start the jar, warm up, 20 s of each, stop the server
#   STORE=postgres bench/http.sh                       # the same on PostgreSQL (a fresh database amfa_bench)
#   STORE=postgres SEED_USERS=100000 SEED_LOGINS=10 bench/http.sh   # ... with 1M other logins stored first
#
# Environment: DURATION (default 20s), CONNECTIONS (32), PORT (18181), JAVA_OPTS (JVM flags; default -XX:+UseZGC
# as ./amfa and the image run; JAVA_OPTS=" " for the JVM's default G1),
# STORE (memory), PG (postgresql://postgres@127.0.0.1:5432, the server), SEED_USERS / SEED_LOGINS (0).
# wrk and the server share the machine's cores, as they did for the echo ceiling measured in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18181}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
URL="http://127.0.0.1:$PORT"
STORE=${STORE:-memory}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
store_flags=(--store "$STORE")
if [ "$STORE" = postgres ]; then
  # A database of its own, new each run: the numbers never depend on what an earlier run left.
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS amfa_bench" -c "CREATE DATABASE amfa_bench"
  store_flags+=(--pg-url "$PG/amfa_bench")
fi

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
[ -f target/amfa-all.jar ] || ./mvnw -B -q package -DskipTests
if curl -s -o /dev/null "$URL/health"; then
  echo "port $PORT is already in use; set PORT" >&2
  exit 1
fi

# Other work on these 2 cores skews every number: say how busy the machine was.
echo "before: $(uptime | sed 's/.*load/load/')"
log=$(mktemp /tmp/amfa-bench-server.XXXXXX.log)
# Run a private copy: a rebuild of target/amfa-all.jar during the run would pull classes from under the JVM.
jar=$(mktemp /tmp/amfa-bench.XXXXXX.jar)
gclog=${log%.log}.gc.log
cp target/amfa-all.jar "$jar"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java -Xlog:gc:file="$gclog" ${JAVA_OPTS:--XX:+UseZGC} -jar "$jar" serve --port "$PORT" --bench-echo --event-loops 2 "${store_flags[@]}" \
  --geoip-city src/test/resources/geoip/GeoIP2-City-Test.mmdb \
  --geoip-anonymous src/test/resources/geoip/GeoIP2-Anonymous-IP-Test.mmdb >"$log" 2>&1 &
server=$!
stop() { # always, whatever happens to this script: SIGTERM lets it drain; SIGKILL if it is not gone in 20 s
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$server" 2>/dev/null || true
  rm -f "$jar"
  echo "server log: $log" >&2
}
trap stop EXIT

for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$URL/health" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$URL/health" || { echo "server not healthy after 60 s" >&2; cat "$log" >&2; exit 1; }

if [ "${SEED_USERS:-0}" -gt 0 ]; then
  echo "seeding $SEED_USERS users x ${SEED_LOGINS:-10} logins (the server has migrated the schema)"
  time psql "$PG/amfa_bench" -q -v users="$SEED_USERS" -v logins="${SEED_LOGINS:-10}" -f bench/seed-history.sql
fi
echo "store: $STORE"

# One request each, to show what is being measured (and fail early if either endpoint is broken).
# User 1 at home, as bench/bodies.lua writes it.
sample='{"org":"acme","flow":"authorization_code","application":"mail","user":{"id":"bench-user-001","email":"bench-user-001@example.com","roles":["employee"],"enrolled_factors":["webauthn-platform","push","email"]},"ip":"89.160.20.129","user_agent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15","device":{"id":"dev-1","fingerprint":"fp-dev-1"}}'
echo "body ($(printf %s "$sample" | wc -c) bytes): $sample"
echo "evaluate: $(curl -sf -H 'content-type: application/json' -d "$sample" "$URL/v1/evaluate" | cut -c1-240)"
curl -sf -o /dev/null -H 'content-type: application/json' -d "$sample" "$URL/bench/echo"

cpu_ticks() { # user + system CPU of the server process so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$server/stat"
}
run() { # script duration: wrk's report to stderr; RESULT line (bench/bodies.lua) + server CPU us/request
  local out before after
  before=$(cpu_ticks)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$2" --latency -s "bench/$1" "$URL")
  after=$(cpu_ticks)
  printf '%s\n' "$out" >&2
  # Server CPU per request (GC and JIT included): what the endpoint costs, whatever the client got.
  grep '^RESULT' <<<"$out" | awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    '{ print $0, ($6 > 0 ? t / hz * 1e6 / $6 : 0) }'
}
# Echo first, before any evaluate traffic: measured after it, echo was charged with the GC work the evaluate
# runs left behind (its numbers swung from 36k to 70k requests/s between runs of the same code).
echo "--- echo: warm-up 10 s, then measured: wrk -t1 -c$CONNECTIONS -d$DURATION --latency ---"
run echo.lua 10s >/dev/null
echo_result=$(run echo.lua "$DURATION")
echo "--- evaluate: teach the store every user's device and home, warm-up 10 s, then measured ---"
run teach.lua 10s >/dev/null
run evaluate.lua 10s >/dev/null
eval_result=$(run evaluate.lua "$DURATION")

printf '\n%-20s %11s %8s %8s %7s %18s\n' endpoint requests/s p50_ms p99_ms errors server_cpu_us/req
for row in "POST /bench/echo|$echo_result" "POST /v1/evaluate|$eval_result"; do
  name=${row%%|*}
  read -r _ rps p50 p99 errors _ cpu <<<"${row#*|}"
  awk -v n="$name" -v r="$rps" -v a="$p50" -v b="$p99" -v e="$errors" -v c="$cpu" \
    'BEGIN { printf "%-20s %11d %8.2f %8.2f %7d %18.0f\n", n, r, a / 1000, b / 1000, e, c }'
done
read -r _ echo_rps _ <<<"$echo_result"
read -r _ eval_rps _ <<<"$eval_result"
awk -v a="$eval_rps" -v b="$echo_rps" 'BEGIN { printf "evaluate/echo throughput: %.1f%% (target >= 40%%)\n", 100 * a / b }'
# G1 pauses over the whole run (warm-up included): long young pauses show up directly in p99.
awk '/Pause/ { n++; ms = $NF + 0; t += ms; if (ms > m) m = ms }
  END { printf "GC pauses (whole run, as -Xlog:gc logs them; ZGC logs none at this level): %d, total %.0f ms, longest %.0f ms\n", n, t, m }' "$gclog"
echo "after: $(uptime | sed 's/.*load/load/')"
