#!/usr/bin/env bash
# bench/hotpath.sh: issue 13 point 8, the hot paths answered from memory, measured side by side in
# one run against bare Undertow handlers on the same box, with the ratios printed:
#   - warm POST /api/v1/licenses/validate vs the bare handler that signs its answer as the engine does
#     (goal >= 60%), and its p99 at half load (goal <= 5 ms);
#   - warm POST /api/v1/keys/verify (seller API token, key of a plan without limits) vs the bare JSON
#     handler (goal >= 50%);
#   - the in-process limiter's cost: verify of a key whose plan has a rate limit and a quota (checked
#     and counted, never refusing in a run) vs the key without limits (goal <= 5%);
#   - Redis mode (meter-redis on a private redis-server): client commands (round trips) per decision,
#     counted with MONITOR around an exact number of verifications, and INFO commandstats (goal: exactly 1);
#   - POST /api/v1/usage in batches of 1,000 (goal >= 30k events/s), then the same batches replayed
#     (goal: 0 accepted, every event a duplicate).
# SQLite always; PostgreSQL too when MINTREU_BENCH_POSTGRES_URL is set (jdbc:postgresql://host:port/db?user=...).
#
# Load: wrk, 2 threads, 32 connections, DURATION seconds (default 10) after WARMUP seconds (default 10)
# of the same request. Half load keeps 32 connections throttled with wrk's Lua delay() to about half
# the full-load rate. The engine is a test fixture started from the engine's test classpath
# (metering/HotpathBenchTarget: bundled plugins, product-api, one license, two API keys, a token).
# Validate, the bare handlers, verify and verify with limits run in ROUNDS (default 5) alternating rounds;
# each figure is the median round's, the limiter's cost the median of the rounds' back-to-back pairs.
# Knobs: DURATION, WARMUP, ROUNDS, TARGET_OPTS (engine JVM options), BATCHES (default 100 batches of 1,000),
# INGEST_THREADS (default 4), REDIS_DECISIONS (default 2000), ONLY_SQLITE=1, NO_REDIS=1, NO_KINDS=1 (Redis only),
# COMPARE_OFF=1 (adds a SQLite engine with the snapshots switched off: before/after in the same run),
# MAVEN_ARGS (e.g. "-o -Dmaven.repo.local=DIR" for an offline build).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
TARGET_OPTS=${TARGET_OPTS:--XX:+UseSerialGC -Xss512k -Xmx512m}
BATCHES=${BATCHES:-100}
INGEST_THREADS=${INGEST_THREADS:-4}
REDIS_DECISIONS=${REDIS_DECISIONS:-2000}
ROUNDS=${ROUNDS:-5}
CONNS=32
THREADS=2

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install -y wrk)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mintreu-hotpath.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

# run_wrk url body extra-lua [header-lua] -> "rps p50 p99 non2xx"; wrk --latency prints "50%  1.23ms"
run_wrk() {
  local url=$1 body=$2 extra=$3 headers=${4:-} lua=$work/post.lua
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n%s\nwrk.body = [[%s]]\n%s\n' "$headers" "$body" "$extra" > "$lua"
  wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --latency -s "$lua" "$url" > "$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$work/wrk.out"
}
# median_run "rps p50 p99 bad"... -> the run with the median req/s
median_run() { printf '%s\n' "$@" | sort -n -k1,1 | awk '{ r[NR] = $0 } END { print r[int((NR + 1) / 2)] }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }

bare_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$bare_port" > "$work/bare.log" 2>&1 &
pids+=($!)
signed_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$signed_port" signed > "$work/bare-signed.log" 2>&1 &
pids+=($!)
bare="http://127.0.0.1:$bare_port/"
signed="http://127.0.0.1:$signed_port/"

# start_target kind [redis-uri] -> sets base lic plain limited token; target_pid, hold fd
start_target() {
  starts=$(( ${starts:-0} + 1 ))
  local kind=$1 redis=${2:-} info="$work/target-$starts-$1${2:+-redis}"
  echo "bench: starting an engine on $kind${redis:+ with meter-redis} ..." >&2
  mkfifo "$info.stdin"
  MINTREU_TEST_POSTGRES_URL=${MINTREU_BENCH_POSTGRES_URL:-} "$java" $TARGET_OPTS -cp "$cp" com.mintreu.engine.metering.HotpathBenchTarget \
      "$kind" "$info" $redis < "$info.stdin" > "$info.log" 2>&1 &
  target_pid=$!
  pids+=($target_pid)
  exec {hold}>"$info.stdin"
  for _ in $(seq 1 300); do [[ -s $info ]] && break; kill -0 "$target_pid" 2>/dev/null || break; sleep 0.5; done
  [[ -s $info ]] || { echo "bench: the $kind engine did not come up:" >&2; tail -30 "$info.log" >&2; return 1; }
  read -r base lic plain limited token < "$info"
}
stop_target() { exec {hold}>&-; wait "$target_pid" 2>/dev/null; }

results=()
row() { results+=("$(printf '%-10s %-44s %10s %8s %8s %6s' "$@")"); }

bench_kind() {
  local kind=$1
  start_target "$kind" || return 1
  local vbody="{\"key\":\"$lic\"}" auth="wrk.headers[\"Authorization\"] = \"Bearer $token\""
  local kbody="{\"key\":\"$plain\"}" lbody="{\"key\":\"$limited\"}" answer
  answer=$(curl -s -H 'Content-Type: application/json' -d "$vbody" "$base/api/v1/licenses/validate")
  [[ $answer == *'"code":"VALID"'* ]] || { echo "bench: validate answered $answer" >&2; return 1; }
  answer=$(curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$lbody" "$base/api/v1/keys/verify")
  [[ $answer == *'"code":"VALID"'* ]] || { echo "bench: verify answered $answer" >&2; return 1; }

  DURATION=$WARMUP run_wrk "$base/api/v1/licenses/validate" "$vbody" "" >/dev/null
  DURATION=$WARMUP run_wrk "$base/api/v1/keys/verify" "$kbody" "" "$auth" >/dev/null
  DURATION=3 run_wrk "$base/api/v1/keys/verify" "$lbody" "" "$auth" >/dev/null
  DURATION=3 run_wrk "$bare" "$vbody" "" >/dev/null
  DURATION=3 run_wrk "$signed" "$vbody" "" >/dev/null
  # ROUNDS alternating rounds of the five, each figure the median round: the box drifts by +-8% from one
  # 10 s run to the next, more than the limiter's cost, so a single pair cannot tell them apart
  local vr=() sr=() br=() kr=() lr=() costs=()
  for ((round = 1; round <= ROUNDS; round++)); do
    vr+=("$(run_wrk "$base/api/v1/licenses/validate" "$vbody" "")")
    sr+=("$(run_wrk "$signed" "$vbody" "")")
    br+=("$(run_wrk "$bare" "$vbody" "")")
    kr+=("$(run_wrk "$base/api/v1/keys/verify" "$kbody" "" "$auth")")
    lr+=("$(run_wrk "$base/api/v1/keys/verify" "$lbody" "" "$auth")")
    costs+=("$(awk -v k="${kr[-1]%% *}" -v l="${lr[-1]%% *}" 'BEGIN { printf "%.1f", (k > 0 ? 100 * (k - l) / k : 0) }')")
  done
  read -r v_rps v_p50 v_p99 v_bad <<<"$(median_run "${vr[@]}")"
  read -r s_rps s_p50 s_p99 s_bad <<<"$(median_run "${sr[@]}")"
  read -r b_rps b_p50 b_p99 b_bad <<<"$(median_run "${br[@]}")"
  read -r k_rps k_p50 k_p99 k_bad <<<"$(median_run "${kr[@]}")"
  read -r l_rps l_p50 l_p99 l_bad <<<"$(median_run "${lr[@]}")"
  local delay_ms=$(( v_rps > 0 ? CONNS * 1000 * 2 / v_rps : 100 ))
  (( delay_ms < 1 )) && delay_ms=1
  read -r h_rps h_p50 h_p99 h_bad <<<"$(run_wrk "$base/api/v1/licenses/validate" "$vbody" "function delay() return $delay_ms end")"
  local kdelay=$(( k_rps > 0 ? CONNS * 1000 * 2 / k_rps : 100 ))
  (( kdelay < 1 )) && kdelay=1
  read -r kh_rps kh_p50 kh_p99 kh_bad <<<"$(run_wrk "$base/api/v1/keys/verify" "$kbody" "function delay() return $kdelay end" "$auth")"

  echo "bench: ingesting usage on $kind ..." >&2
  "$java" -cp "$cp" bench/UsageLoad.java "$base" "$token" "$plain" "$BATCHES" "$INGEST_THREADS" > "$work/usage-$kind.out" 2>"$work/usage-$kind.err"
  stop_target

  row "$kind" "bare Undertow JSON" "$b_rps" "$b_p50" "$b_p99" "$b_bad"
  row "$kind" "bare + Ed25519 signature" "$s_rps" "$s_p50" "$s_p99" "$s_bad"
  row "$kind" "validate (warm)" "$v_rps" "$v_p50" "$v_p99" "$v_bad"
  row "$kind" "validate, half load (${delay_ms} ms delay)" "$h_rps" "$h_p50" "$h_p99" "$h_bad"
  row "$kind" "verify, no limits (warm)" "$k_rps" "$k_p50" "$k_p99" "$k_bad"
  row "$kind" "verify, half load (${kdelay} ms delay)" "$kh_rps" "$kh_p50" "$kh_p99" "$kh_bad"
  row "$kind" "verify, rate limit + quota (in-process)" "$l_rps" "$l_p50" "$l_p99" "$l_bad"
  results+=("$kind  validate / bare+sign: $(pct "$v_rps" "$s_rps")% (goal >= 60%); validate / bare: $(pct "$v_rps" "$b_rps")%; p99 at half load: $h_p99 ms (goal <= 5 ms)")
  # the limiter's cost from each round's pair (run back to back), then the median of those: drift between rounds cancels
  results+=("$kind  verify / bare: $(pct "$k_rps" "$b_rps")% (goal >= 50%); limiter cost: $(median_run "${costs[@]}")% of verify's req/s, median of $ROUNDS rounds' pairs (goal <= 5%); per round: ${costs[*]} %")
  results+=("$kind  $(grep '^ingest' "$work/usage-$kind.out" || cat "$work/usage-$kind.err")")
  results+=("$kind  $(grep '^replay' "$work/usage-$kind.out")")
}

bench_redis() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || { results+=("redis: redis-server/redis-cli not installed; skipped"); return 0; }
  local port; port=$(free_port) || return 1
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  start_target sqlite "redis://127.0.0.1:$port" || return 1
  local lbody="{\"key\":\"$limited\"}" auth="wrk.headers[\"Authorization\"] = \"Bearer $token\"" answer
  answer=$(curl -s -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$lbody" "$base/api/v1/keys/verify")
  [[ $answer == *'"code":"VALID"'* ]] || { echo "bench: verify (redis) answered $answer" >&2; return 1; }
  DURATION=3 run_wrk "$base/api/v1/keys/verify" "$lbody" "" "$auth" >/dev/null
  sleep 2   # let the warm-up's in-flight requests finish before counting
  redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
  # exactly REDIS_DECISIONS requests: 2 threads x 1 connection, each stops after its half (no request in flight)
  local per=$(( REDIS_DECISIONS / 2 ))
  cat > "$work/count.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$auth
wrk.body = [[$lbody]]
local n, ok = 0, 0
function response(status, headers, body)
  n = n + 1
  if status == 200 and body:find('"code":"VALID"', 1, true) then ok = ok + 1 end
  if n >= $per then wrk.thread:stop() end
end
function done(summary, latency, requests) end
LUA
  # MONITOR shows every command Redis runs: "[0 127.0.0.1:port]" for a client's (a round trip), "[0 lua]" inside a script
  redis-cli -p "$port" MONITOR > "$work/monitor.txt" 2>&1 &
  local monitor=$!
  sleep 0.3
  wrk -t 2 -c 2 -d 120s -s "$work/count.lua" "$base/api/v1/keys/verify" > "$work/redis-wrk.out" 2>&1
  sleep 0.5
  kill "$monitor" 2>/dev/null; wait "$monitor" 2>/dev/null
  local requests trips inner evalsha
  requests=$(awk '/requests in/ { print $1 }' "$work/redis-wrk.out")
  trips=$(grep -c '^[0-9.]* \[[0-9]* [0-9.]*:[0-9]*\]' "$work/monitor.txt")
  inner=$(grep -c ' lua\] ' "$work/monitor.txt")
  redis-cli -p "$port" INFO commandstats > "$work/redis-stats.txt"
  evalsha=$(tr -d '\r' < "$work/redis-stats.txt" | awk -F'[:=,]' '/^cmdstat_evalsha:/ { print $3 }')
  stop_target
  results+=("redis  $requests verifications; client commands (round trips) seen by MONITOR: $trips ($(grep '^[0-9.]* \[[0-9]* [0-9.]*:[0-9]*\]' "$work/monitor.txt" | awk '{ print $4 }' | tr -d '"' | sort | uniq -c | awk '{ printf "%s %s ", $2, $1 }')); per decision: $(awk -v c="$trips" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }') (goal: exactly 1); INFO commandstats evalsha: ${evalsha:-0}; commands run inside the scripts: $inner")
}

# Optional: the same engine with the snapshots switched off (every read from the database), for a before/after in one run.
bench_off() {
  local saved=$TARGET_OPTS
  TARGET_OPTS="$TARGET_OPTS -Dmintreu.bench.off=hotpath"
  start_target sqlite || { TARGET_OPTS=$saved; return 1; }
  TARGET_OPTS=$saved
  local vbody="{\"key\":\"$lic\"}" kbody="{\"key\":\"$plain\"}" auth="wrk.headers[\"Authorization\"] = \"Bearer $token\""
  DURATION=$WARMUP run_wrk "$base/api/v1/licenses/validate" "$vbody" "" >/dev/null
  DURATION=$WARMUP run_wrk "$base/api/v1/keys/verify" "$kbody" "" "$auth" >/dev/null
  read -r v_rps v_p50 v_p99 v_bad <<<"$(run_wrk "$base/api/v1/licenses/validate" "$vbody" "")"
  read -r s_rps s_p50 s_p99 s_bad <<<"$(run_wrk "$signed" "$vbody" "")"
  read -r k_rps k_p50 k_p99 k_bad <<<"$(run_wrk "$base/api/v1/keys/verify" "$kbody" "" "$auth")"
  read -r b_rps b_p50 b_p99 b_bad <<<"$(run_wrk "$bare" "$vbody" "")"
  stop_target
  row "sqlite" "OFF: validate, snapshots off" "$v_rps" "$v_p50" "$v_p99" "$v_bad"
  row "sqlite" "OFF: bare + Ed25519 signature" "$s_rps" "$s_p50" "$s_p99" "$s_bad"
  row "sqlite" "OFF: verify, snapshots off" "$k_rps" "$k_p50" "$k_p99" "$k_bad"
  row "sqlite" "OFF: bare Undertow JSON" "$b_rps" "$b_p50" "$b_p99" "$b_bad"
  results+=("sqlite  snapshots off: validate / bare+sign: $(pct "$v_rps" "$s_rps")%; verify / bare: $(pct "$k_rps" "$b_rps")%")
}

if [[ -z ${NO_KINDS:-} ]]; then
  bench_kind sqlite || exit 1
  if [[ -n ${MINTREU_BENCH_POSTGRES_URL:-} && -z ${ONLY_SQLITE:-} ]]; then
    bench_kind postgresql || exit 1
  fi
fi
[[ -z ${NO_REDIS:-} ]] && { bench_redis || echo "bench: the Redis run failed" >&2; }
[[ -n ${COMPARE_OFF:-} ]] && { bench_off || echo "bench: the snapshots-off run failed" >&2; }

echo
echo "cores: $(nproc), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), wrk: $THREADS threads, $CONNS connections, ${DURATION}s after ${WARMUP}s warm-up, engine JVM: $TARGET_OPTS"
printf '%-10s %-44s %10s %8s %8s %6s\n' "database" "target" "req/s" "p50 ms" "p99 ms" "non2xx"
printf '%s\n' "${results[@]}"
