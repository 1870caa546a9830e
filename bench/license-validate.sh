#!/usr/bin/env bash
# bench/license-validate.sh: wrk against POST /api/v1/licenses/validate (a real engine holding one
# bought license, warm keys) and, in the same run, against a bare Undertow JSON handler on the same
# box; prints requests/s, p50 and p99 and the ratio. SQLite always; PostgreSQL too when
# MINTREU_BENCH_POSTGRES_URL is set (jdbc:postgresql://host:port/db?user=...).
#
# Full load: wrk, 2 threads, 32 connections, DURATION seconds (default 10).
# Half load: wrk2 (constant rate) is not in Debian, so the half-load run keeps 32 connections and
# throttles them with wrk's Lua delay() to about half the full-load rate, then reads p99 there.
# Goals: validate >= 60% of the bare handler's requests/s; p99 <= 5 ms at half load.
# A third target, the bare handler signing each answer as the engine does, shows what the Ed25519
# signature every license answer carries costs on its own.
#
# Needs: a JDK 21+ (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64, else java on PATH), wrk
# (apt-get installs it when missing and root), and Maven Central through ./mvnw on a fresh clone: it
# compiles the engine and resolves its test classpath online (MAVEN_ARGS="-o" runs offline once
# ~/.m2 holds everything; MAVEN_ARGS="-Dmaven.repo.local=DIR" uses another local repository).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-15}   # seconds of validate before measuring: the JIT is still compiling after 5
# The engine runs with bin/mintreu's default JVM options, so the figures are those of the shipped
# launcher (its serial GC measured better here than G1 or ZGC for this load); TARGET_OPTS replaces them.
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

# The engine's test classpath (reactor modules as target/classes, no install needed) holds the
# engine, its license plugins, the fixture that buys a license, and Undertow for the bare handler.
echo "bench: compiling and resolving the engine's test classpath ..." >&2
./mvnw -B -q -pl engine -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 1; }
cp="$root/engine/target/test-classes:$root/engine/target/classes:$(cat "$work/cp.txt")"

free_port() {
  for _ in $(seq 1 50); do
    local p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}

# wrk --latency prints "50%  1.23ms"; normalise us/ms/s to ms
run_wrk() { # url body script-extra-lua connections -> "rps p50 p99"
  local url=$1 body=$2 extra=$3 conns=$4 lua=$work/post.lua
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n%s\n' "$body" "$extra" > "$lua"
  wrk -t "$THREADS" -c "$conns" -d "${DURATION}s" --latency -s "$lua" "$url" > "$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$work/wrk.out"
}

bare_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$bare_port" > "$work/bare.log" 2>&1 &
pids+=($!)
signed_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$signed_port" signed > "$work/bare-signed.log" 2>&1 &
pids+=($!)

results=()
bench_kind() { # kind
  local kind=$1 info="$work/$1.target"
  echo "bench: starting an engine on $kind with one bought license ..." >&2
  mkfifo "$work/$kind.stdin"
  MINTREU_TEST_POSTGRES_URL=${MINTREU_BENCH_POSTGRES_URL:-} "$java" $TARGET_OPTS -cp "$cp" com.mintreu.engine.license.BenchTarget "$kind" "$info" \
      < "$work/$kind.stdin" > "$work/$kind.log" 2>&1 &
  local target=$!
  pids+=($target)
  exec {hold}>"$work/$kind.stdin"   # keeps the target's stdin open until we close it
  for _ in $(seq 1 240); do [[ -s $info ]] && break; kill -0 "$target" 2>/dev/null || break; sleep 0.5; done
  [[ -s $info ]] || { echo "bench: the $kind engine did not come up:" >&2; tail -30 "$work/$kind.log" >&2; return 1; }
  local base key
  read -r base key < "$info"
  local body="{\"key\":\"$key\"}"
  local answer
  answer=$(curl -s -H 'Content-Type: application/json' -d "$body" "$base/api/v1/licenses/validate")
  [[ $answer == *'"code":"VALID"'* ]] || { echo "bench: validate answered $answer" >&2; return 1; }

  # warm: JIT, connection pool, the engine signing key (made on first use, then cached)
  DURATION=$WARMUP run_wrk "$base/api/v1/licenses/validate" "$body" "" "$CONNS" >/dev/null
  DURATION=3 run_wrk "http://127.0.0.1:$bare_port/" "$body" "" "$CONNS" >/dev/null
  DURATION=3 run_wrk "http://127.0.0.1:$signed_port/" "$body" "" "$CONNS" >/dev/null
  read -r v_rps v_p50 v_p99 v_bad <<<"$(run_wrk "$base/api/v1/licenses/validate" "$body" "" "$CONNS")"
  read -r b_rps b_p50 b_p99 b_bad <<<"$(run_wrk "http://127.0.0.1:$bare_port/" "$body" "" "$CONNS")"
  read -r s_rps s_p50 s_p99 s_bad <<<"$(run_wrk "http://127.0.0.1:$signed_port/" "$body" "" "$CONNS")"
  # half load: each of the 32 connections waits delay ms between requests => ~ half the full rate
  local delay_ms=$(( v_rps > 0 ? CONNS * 1000 * 2 / v_rps : 100 ))
  read -r h_rps h_p50 h_p99 h_bad <<<"$(run_wrk "$base/api/v1/licenses/validate" "$body" "function delay() return $delay_ms end" "$CONNS")"
  exec {hold}>&-
  wait "$target" 2>/dev/null
  results+=("$(printf '%-10s %-30s %10s %8s %8s %6s' "$kind" "validate, 32 conns" "$v_rps" "$v_p50" "$v_p99" "$v_bad")")
  results+=("$(printf '%-10s %-30s %10s %8s %8s %6s' "$kind" "bare Undertow, 32 conns" "$b_rps" "$b_p50" "$b_p99" "$b_bad")")
  results+=("$(printf '%-10s %-30s %10s %8s %8s %6s' "$kind" "bare + Ed25519 sign, 32 conns" "$s_rps" "$s_p50" "$s_p99" "$s_bad")")
  results+=("$(printf '%-10s %-30s %10s %8s %8s %6s' "$kind" "validate, half load (${delay_ms}ms)" "$h_rps" "$h_p50" "$h_p99" "$h_bad")")
  local ratio signed_ratio
  ratio=$(awk -v v="$v_rps" -v b="$b_rps" 'BEGIN { printf "%.0f", (b > 0 ? 100 * v / b : 0) }')
  signed_ratio=$(awk -v v="$v_rps" -v b="$s_rps" 'BEGIN { printf "%.0f", (b > 0 ? 100 * v / b : 0) }')
  results+=("$(printf '%-10s ratio validate/bare: %s%% (goal >= 60%%); validate/bare+sign: %s%%; p99 at half load: %s ms (goal <= 5 ms)' \
      "$kind" "$ratio" "$signed_ratio" "$h_p99")")
}

bench_kind sqlite || exit 1
if [[ -n ${MINTREU_BENCH_POSTGRES_URL:-} ]]; then
  bench_kind postgresql || exit 1
fi

echo
echo "cores: $(nproc), load average before the run ended: $(cut -d' ' -f1-3 /proc/loadavg), wrk: $THREADS threads, ${DURATION}s after ${WARMUP}s warm-up, engine JVM: $TARGET_OPTS"
printf '%-10s %-30s %10s %8s %8s %6s\n' "database" "target" "req/s" "p50 ms" "p99 ms" "non2xx"
printf '%s\n' "${results[@]}"
