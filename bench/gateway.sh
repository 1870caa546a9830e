#!/usr/bin/env bash
# bench/gateway.sh: what the API gateway costs. wrk calls a bare upstream (bench/BareJson.java, a small
# JSON answer on Undertow's IO thread) directly, then the same upstream through a real engine's
# /gw/{product}/... with an API key (checked, metered, secret added, streamed back), in one run on the
# same box, and prints requests/s, p50, p99 of both and the overhead ratio; and POST /api/v1/keys/verify
# with the same key (the check and metering alone), to tell the key's cost from the proxy's. SQLite always;
# PostgreSQL too when MINTREU_BENCH_POSTGRES_URL is set (jdbc:postgresql://host:port/db?user=...).
#
# Full load: wrk, 2 threads, 32 connections, DURATION seconds (default 10), after WARMUP seconds (default 30:
# the JDK HTTP client's code takes that long to be compiled; after 10 s the gateway ran at 60% of its warm rate) of
# calls through the gateway. The engine, the upstream and wrk share the machine's cores, so read the
# ratio, not the absolute figures, and note the load average printed with them.
#
# Needs: a JDK 21+ (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64, else java on PATH), wrk
# (apt-get installs it when missing and root), and ./mvnw (MAVEN_ARGS="-o" offline,
# MAVEN_ARGS="-Dmaven.repo.local=DIR" another local repository).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
TARGET_OPTS=${TARGET_OPTS:--XX:+UseSerialGC -Xss512k -Xmx512m}
CONNS=32
THREADS=2

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -q wrk >/dev/null || { echo "bench: apt-get install wrk failed" >&2; exit 1; }
  else
    echo "bench: needs wrk: sudo apt-get install -y wrk" >&2; exit 1
  fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mintreu-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "bench: compiling and resolving the engine's test classpath ..." >&2
./mvnw -B -q ${MAVEN_ARGS:-} -pl engine -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
cp="$root/engine/target/test-classes:$root/engine/target/classes:$(cat "$work/cp.txt")"

free_port() {
  for _ in $(seq 1 50); do
    local p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}

# wrk --latency prints "50%  1.23ms"; normalise us/ms/s to ms. GET with optional Authorization.
run_wrk() { # url authorization connections [json body: POST] -> "rps p50 p99 non2xx"
  local url=$1 auth=$2 conns=$3 body=${4:-} lua=$work/get.lua
  if [[ -n $auth ]]; then printf 'wrk.headers["Authorization"] = "%s"\n' "$auth" > "$lua"; else : > "$lua"; fi
  if [[ -n $body ]]; then
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >> "$lua"
  fi
  wrk -t "$THREADS" -c "$conns" -d "${DURATION}s" --latency -s "$lua" "$url" > "$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$work/wrk.out"
}

up_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$up_port" > "$work/upstream.log" 2>&1 &
pids+=($!)
upstream="http://127.0.0.1:$up_port"

results=()
bench_kind() { # kind
  local kind=$1 info="$work/$1.target"
  echo "bench: starting an engine on $kind selling an API product in front of $upstream ..." >&2
  mkfifo "$work/$kind.stdin"
  MINTREU_TEST_POSTGRES_URL=${MINTREU_BENCH_POSTGRES_URL:-} "$java" $TARGET_OPTS -cp "$cp" com.mintreu.engine.metering.GatewayBenchTarget \
      "$kind" "$upstream/v1" "$info" < "$work/$kind.stdin" > "$work/$kind.log" 2>&1 &
  local target=$!
  pids+=($target)
  exec {hold}>"$work/$kind.stdin"
  for _ in $(seq 1 240); do [[ -s $info ]] && break; kill -0 "$target" 2>/dev/null || break; sleep 0.5; done
  [[ -s $info ]] || { echo "bench: the $kind engine did not come up:" >&2; tail -30 "$work/$kind.log" >&2; return 1; }
  local base slug key token
  read -r base slug key token < "$info"
  local via="$base/gw/$slug/quote" direct="$upstream/v1/quote"
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$via")
  [[ $answer == 200 ]] || { echo "bench: $via answered $answer" >&2; curl -s -H "Authorization: Bearer $key" "$via" >&2; return 1; }

  DURATION=$WARMUP run_wrk "$via" "Bearer $key" "$CONNS" >/dev/null
  DURATION=3 run_wrk "$direct" "" "$CONNS" >/dev/null
  read -r d_rps d_p50 d_p99 d_bad <<<"$(run_wrk "$direct" "" "$CONNS")"
  read -r g_rps g_p50 g_p99 g_bad <<<"$(run_wrk "$via" "Bearer $key" "$CONNS")"
  # the same key check and metering without the proxy: what the gateway adds beyond verify
  read -r v_rps v_p50 v_p99 v_bad <<<"$(run_wrk "$base/api/v1/keys/verify" "Bearer $token" "$CONNS" "{\"key\":\"$key\"}")"
  exec {hold}>&-
  wait "$target" 2>/dev/null
  results+=("$(printf '%-10s %-34s %10s %8s %8s %6s' "$kind" "upstream directly, 32 conns" "$d_rps" "$d_p50" "$d_p99" "$d_bad")")
  results+=("$(printf '%-10s %-34s %10s %8s %8s %6s' "$kind" "through /gw (key+meter), 32 conns" "$g_rps" "$g_p50" "$g_p99" "$g_bad")")
  results+=("$(printf '%-10s %-34s %10s %8s %8s %6s' "$kind" "POST /api/v1/keys/verify, 32 conns" "$v_rps" "$v_p50" "$v_p99" "$v_bad")")
  results+=("$(awk -v k="$kind" -v d="$d_rps" -v g="$g_rps" -v dp="$d_p50" -v gp="$g_p50" 'BEGIN {
      printf "%-10s gateway/direct throughput: %.0f%%; overhead: %.1fx the direct cost per call; p50 added: %.2f ms", k,
      (d > 0 ? 100 * g / d : 0), (g > 0 ? d / g : 0), gp - dp }')")
}

bench_kind sqlite || exit 1
if [[ -n ${MINTREU_BENCH_POSTGRES_URL:-} ]]; then
  bench_kind postgresql || exit 1
fi

echo
echo "cores: $(nproc), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), wrk: $THREADS threads, ${DURATION}s after ${WARMUP}s warm-up, engine JVM: $TARGET_OPTS"
printf '%-10s %-34s %10s %8s %8s %6s\n' "database" "target" "req/s" "p50 ms" "p99 ms" "non2xx"
printf '%s\n' "${results[@]}"
