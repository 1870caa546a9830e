#!/usr/bin/env bash
# bench/catalog.sh: wrk against the storefront's catalog reads of the distribution's demo shop
# (`bin/mintreu demo`, SQLite, the launcher's default JVM options) and, in the same run, against the
# bare Undertow JSON handler of bench/BareJson.java on the same box. Prints, for each target at full
# and at half load, requests/s, p50, p99 and the share of the bare handler's requests/s, then the
# engine's resident set size (RSS) after the run.
#
# Targets: GET /api/v1/products, GET /, GET /products/{slug}, GET /search?q=timer,
# GET /categories/{slug} (the first product's slug and the first category, read from the API).
# Full load: wrk, 2 threads, 32 connections, DURATION seconds (default 10), after WARMUP seconds per
# target (default 8). Half load: wrk2 is not in Debian, so the 32 connections are throttled with wrk's
# Lua delay() to about half the target's full-load rate (as bench/license-validate.sh does).
# Goals (the issue "Storefront speed and a lean process"): every target >= 15% of bare, p99 < 50 ms
# at full load and < 10 ms at half load, RSS < 256 MiB after the run.
#
# Needs: a JDK 21+ (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64), wrk (apt-get installs it when
# missing and root), curl, and Maven Central through ./mvnw on a fresh clone: it builds the
# distribution (skip with BENCH_BUILD=0 when distribution/target holds this checkout's build;
# MAVEN_ARGS="-o" builds offline once ~/.m2 has everything); the bare handler runs on the
# distribution's lib/ jars. JAVA_OPTS replaces the launcher's JVM defaults, to compare flags.
#
# For experiments (bench/costs.sh uses these): ONLY=REGEX keeps the targets whose path matches;
# VISITOR=none (default: a first visit, no cookie), token (every request carries a visitor CSRF
# cookie, as a returning visitor's browser does) or session (an anonymous session's cookie, as after
# "Add to cart"). The engine inherits the environment, so MINTREU_ACCESS_LOG=false switches the
# access log off; JAVA_OPTS="... -Dmintreu.bench.off=securityHeaders,httpMetrics" drops those
# handlers (a switch for measuring only).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-8}
CONNS=32
THREADS=2
SHARE_GOAL=15
P99_FULL_GOAL=50
P99_HALF_GOAL=10
RSS_GOAL_MIB=256

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v curl >/dev/null || { echo "bench: needs curl" >&2; exit 1; }
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

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
dist=$root/distribution/target/mintreu-$version
if [[ ${BENCH_BUILD:-1} != 0 || ! -x $dist/bin/mintreu ]]; then
  echo "bench: building the distribution (./mvnw -B -q package -DskipTests) ..." >&2
  ./mvnw -B -q package -DskipTests >"$work/mvn.log" 2>&1 || { tail -40 "$work/mvn.log" >&2; exit 1; }
fi
cp="$dist/lib/*"   # the bare handler runs on the distribution's own Undertow

free_port() {
  for _ in $(seq 1 50); do
    local p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  return 1
}

# wrk --latency prints "50%  1.23ms"; normalise us/ms/s to ms
run_wrk() { # url lua-extra -> "rps p50 p99 non2xx"
  local url=$1 extra=$2 lua=$work/get.lua
  printf '%s\n' "$extra" > "$lua"
  local header=()
  [[ -n $cookie && $url != *":$bare_port/"* ]] && header=(-H "Cookie: $cookie")
  wrk -t "$THREADS" -c "$CONNS" -d "${DURATION}s" --latency -s "$lua" "${header[@]}" "$url" > "$work/wrk.out" 2>&1
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }' "$work/wrk.out"
}

bare_port=$(free_port) || exit 1
"$java" -cp "$cp" bench/BareJson.java "$bare_port" > "$work/bare.log" 2>&1 &
pids+=($!)

port=$(free_port) || exit 1
base=http://127.0.0.1:$port
mkdir -p "$work/data"
echo "bench: starting the demo shop on $base ..." >&2
MINTREU_HOST=127.0.0.1 MINTREU_PORT=$port MINTREU_PUBLIC_URL=$base MINTREU_DATA_DIR=$work/data \
    MINTREU_DATABASE_URL=jdbc:sqlite:$work/data/mintreu.db "$dist/bin/mintreu" demo > "$work/engine.log" 2>&1 &
engine=$!   # bin/mintreu execs java: this is the JVM
pids+=($engine)
for _ in $(seq 1 240); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/readyz" 2>/dev/null) == 200 ]] && break
  kill -0 "$engine" 2>/dev/null || break
  sleep 0.5
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$base/readyz") == 200 ]] || { echo "bench: the demo shop did not come up:" >&2; tail -30 "$work/engine.log" >&2; exit 1; }
rss_start=$(awk '/^VmRSS/ { print $2 }' "/proc/$engine/status")

first() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p' | head -n 1; }
product=$(curl -s "$base/api/v1/products" | first slug)
category=$(curl -s "$base/api/v1/categories" | first slug)
[[ -n $product && -n $category ]] || { echo "bench: no product or category in the demo shop" >&2; exit 1; }
targets=()
for t in "/api/v1/products" "/" "/products/$product" "/search?q=timer" "/categories/$category"; do
  [[ $t =~ ${ONLY:-.} ]] && targets+=("$t")
done
for t in "${targets[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$t")
  [[ $code == 200 ]] || { echo "bench: GET $t answered $code" >&2; exit 1; }
done

# the visitor's cookie, sent on every request of the run (VISITOR above)
cookie=""
case ${VISITOR:-none} in
  none) ;;
  token|session)
    jar=$work/jar
    page=$(curl -s -c "$jar" "$base/products/$product")
    if [[ $VISITOR == session ]]; then
      csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
      plan=$(sed -n 's/.*name="planId" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
      curl -s -o /dev/null -b "$jar" -c "$jar" -H "Origin: $base" --data-urlencode "_csrf=$csrf" --data-urlencode "planId=$plan" "$base/cart/items"
    fi
    cookie=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
    want=$([[ $VISITOR == session ]] && echo mintreu_session || echo mintreu_csrf)
    [[ $cookie == *"$want="* ]] || { echo "bench: could not get a $want cookie (got: $cookie)" >&2; exit 1; } ;;
  *) echo "bench: VISITOR is none, token or session" >&2; exit 1 ;;
esac

DURATION=3 run_wrk "http://127.0.0.1:$bare_port/" "" >/dev/null
read -r b_rps b_p50 b_p99 b_bad <<<"$(run_wrk "http://127.0.0.1:$bare_port/" "")"
share() { awk -v v="$1" -v b="$b_rps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * v / b : 0) }'; }
ok=1
rows=()
row() { rows+=("$(printf '%-28s %-5s %9s %8s %8s %7s %7s' "$@")"); }
row "bare Undertow JSON" full "$b_rps" "$b_p50" "$b_p99" "100" "$b_bad"
# the bare handler at half load too: on a shared box its own p99 says how much of a target's is the machine
read -r bh_rps bh_p50 bh_p99 bh_bad <<<"$(run_wrk "http://127.0.0.1:$bare_port/" "function delay() return $(( b_rps > 0 ? (CONNS * 1000 * 2 + b_rps / 2) / b_rps : 100 )) end")"
row "bare Undertow JSON" half "$bh_rps" "$bh_p50" "$bh_p99" "$(share "$bh_rps")" "$bh_bad"
for t in "${targets[@]}"; do
  echo "bench: GET $t ..." >&2
  DURATION=$WARMUP run_wrk "$base$t" "" >/dev/null
  read -r rps p50 p99 bad <<<"$(run_wrk "$base$t" "")"
  delay_ms=$(( rps > 0 ? (CONNS * 1000 * 2 + rps / 2) / rps : 100 ))
  read -r h_rps h_p50 h_p99 h_bad <<<"$(run_wrk "$base$t" "function delay() return $delay_ms end")"
  s=$(share "$rps")
  row "GET $t" full "$rps" "$p50" "$p99" "$s" "$bad"
  row "GET $t" half "$h_rps" "$h_p50" "$h_p99" "$(share "$h_rps")" "$h_bad"
  awk -v s="$s" -v p="$p99" -v h="$h_p99" -v g="$SHARE_GOAL" -v pf="$P99_FULL_GOAL" -v ph="$P99_HALF_GOAL" -v b="$bad$h_bad" \
      'BEGIN { exit !(s >= g && p < pf && h < ph && b == "00") }' || ok=0
done
rss_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$engine/status")
heap=$(curl -s "$base/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF } END { if (NR) printf "%.0f", s / 1048576 }')
rss_mib=$(( rss_kib / 1024 ))
(( rss_mib < RSS_GOAL_MIB )) || ok=0

echo
echo "cores: $(nproc), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), wrk: $THREADS threads, $CONNS connections," \
     "${DURATION}s after ${WARMUP}s warm-up per target; engine: bin/mintreu demo on SQLite, JAVA_OPTS: ${JAVA_OPTS:-launcher defaults}," \
     "visitor: ${VISITOR:-none}${MINTREU_ACCESS_LOG:+, MINTREU_ACCESS_LOG=$MINTREU_ACCESS_LOG}"
printf '%-28s %-5s %9s %8s %8s %7s %7s\n' "target" "load" "req/s" "p50 ms" "p99 ms" "% bare" "non2xx"
printf '%s\n' "${rows[@]}"
echo "engine RSS: $(( rss_start / 1024 )) MiB after start, $rss_mib MiB after the run (goal < $RSS_GOAL_MIB MiB); heap in use now: ${heap:-?} MiB"
echo "goals: every target >= ${SHARE_GOAL}% of bare, p99 < ${P99_FULL_GOAL} ms full / < ${P99_HALF_GOAL} ms half load: $( ((ok)) && echo met || echo MISSED)"
((ok))
