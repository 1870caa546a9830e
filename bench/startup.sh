#!/usr/bin/env bash
# bench/startup.sh: tarball size, time from `bin/mintreu serve` to /readyz 200, heap in use after start,
# and a clean stop on SIGTERM. Fresh SQLite data in a temp dir, a free port on 127.0.0.1.
# Builds the distribution first (./mvnw package, so the figures are this checkout's), unless
# BENCH_BUILD=0. Exit 0 when every goal is met, 1 otherwise.
#
# Needs: a JDK 21+ (JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64), curl, awk, and Maven Central
# through ./mvnw on a fresh clone (MAVEN_ARGS="-o" builds offline once ~/.m2 holds everything).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)

START_GOAL_MS=3000
HEAP_GOAL_MIB=256
READY_TIMEOUT_S=60
STOP_TIMEOUT_S=40

if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
for tool in curl awk date; do
  command -v "$tool" >/dev/null || { echo "startup: needs $tool" >&2; exit 1; }
done

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
dist=$root/distribution/target/mintreu-$version
tarball=$root/distribution/target/mintreu-$version.tar.gz
if [[ ${BENCH_BUILD:-1} != 0 || ! -x $dist/bin/mintreu || ! -f $tarball ]]; then
  echo "startup: building the distribution (./mvnw -B -q package -DskipTests) ..." >&2
  ./mvnw -B -q package -DskipTests || exit 1
fi

# A free port: ask the kernel for one by probing random high ports (bounded).
port=""
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[[ -n $port ]] || { echo "startup: no free port found" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mintreu-bench.XXXXXX")
log=$work/engine.log
pid=""
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Milliseconds now; bash 5's EPOCHREALTIME avoids forking date on every poll (the machine may have 2 cores).
if [[ -n ${EPOCHREALTIME:-} ]]; then
  now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); }
else
  now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
fi
base=http://127.0.0.1:$port

# Fresh data, this port, local only; the shipped conf/mintreu.yaml reads these variables.
export MINTREU_HOST=127.0.0.1 MINTREU_PORT=$port MINTREU_PUBLIC_URL=$base \
       MINTREU_DATA_DIR=$work/data MINTREU_DATABASE_URL=jdbc:sqlite:$work/data/mintreu.db
mkdir -p "$work/data"

t0=$(now_ms)
"$dist/bin/mintreu" serve >"$log" 2>&1 &   # bin/mintreu execs java: $! is the JVM
pid=$!

# Polling must not steal the CPU the JVM starts on: until the port accepts connections, probe it with
# bash's /dev/tcp and sleep with `read -t` (no process started); then curl /readyz every 20 ms.
exec {nap}<> <(:)
pause() { read -r -t 0.02 -u "$nap" || true; }
port_open() { if exec {probe}<>"/dev/tcp/127.0.0.1/$port"; then exec {probe}>&-; return 0; fi; return 1; } 2>/dev/null
ready_ms=""
deadline=$(( t0 + READY_TIMEOUT_S * 1000 ))
while (( $(now_ms) < deadline )); do
  if port_open && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/readyz" 2>/dev/null) == 200 ]]; then
    ready_ms=$(( $(now_ms) - t0 ))
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then   # kill is a builtin
    echo "startup: the engine exited before /readyz answered 200; its log:" >&2
    tail -n 40 "$log" >&2
    pid=""
    exit 1
  fi
  pause
done
if [[ -z $ready_ms ]]; then
  echo "startup: /readyz did not answer 200 within ${READY_TIMEOUT_S}s; log tail:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi

sleep 2   # let the engine settle (background init, first GC)
heap_bytes=$(curl -s --max-time 5 "$base/metrics" | awk '
  /^jvm_memory_used_bytes\{/ && /area="heap"/ { sum += $NF; n++ }
  END { if (n) printf "%.0f", sum }')
jcmd_kib=""
jcmd=""
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jcmd ]] && jcmd=$JAVA_HOME/bin/jcmd
[[ -z $jcmd ]] && jcmd=$(command -v jcmd || true)
if [[ -n $jcmd ]]; then
  # "used 12345K" on the generation / heap lines (not Metaspace, not class space)
  jcmd_kib=$(timeout 10 "$jcmd" "$pid" GC.heap_info 2>/dev/null | awk '
    /Metaspace|class space/ { next }
    { for (i = 1; i < NF; i++) if ($i == "used" && $(i+1) ~ /^[0-9]+K,?$/) { v = $(i+1); sub(/K,?/, "", v); sum += v; n++ } }
    END { if (n) print sum }')
fi

# Stop with SIGTERM, as systemd or a container runtime would.
t_stop=$(now_ms)
kill -TERM "$pid"
exit_code=""
for _ in $(seq 1 $(( STOP_TIMEOUT_S * 50 ))); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
if kill -0 "$pid" 2>/dev/null; then
  stop_ms=""
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
else
  stop_ms=$(( $(now_ms) - t_stop ))
  wait "$pid"; exit_code=$?
fi
pid=""

size=$(wc -c <"$tarball" | tr -d ' ')
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
verdict() { if [[ $1 == 1 ]]; then echo "ok"; else echo "MISSED"; fi; }

start_ok=$(( ready_ms < START_GOAL_MS ? 1 : 0 ))
if [[ -n $heap_bytes ]]; then
  heap_mib=$(mib "$heap_bytes")
  heap_ok=$(awk -v b="$heap_bytes" -v g="$HEAP_GOAL_MIB" 'BEGIN { print (b < g * 1048576) ? 1 : 0 }')
  heap_text="$heap_mib MiB"
else
  heap_ok=0
  heap_text="n/a (no jvm_memory_used_bytes{area=\"heap\"} in /metrics)"
fi
# SIGTERM: the JVM runs its shutdown hooks and exits 143 (128+15), or 0 if the engine exits itself.
if [[ -n $stop_ms && ( $exit_code == 0 || $exit_code == 143 ) ]]; then stop_ok=1; else stop_ok=0; fi
stop_text=${stop_ms:+exit $exit_code after $stop_ms ms}
stop_text=${stop_text:-still running after ${STOP_TIMEOUT_S}s: killed}

echo
echo "Mintreu $version startup (java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1); JAVA_OPTS: ${JAVA_OPTS:-launcher defaults})"
printf '%-26s %-34s %-12s %s\n' "measure" "value" "goal" "verdict"
printf '%-26s %-34s %-12s %s\n' "tarball size" "$size B ($(mib "$size") MiB)" "-" "-"
printf '%-26s %-34s %-12s %s\n' "serve -> /readyz 200" "$ready_ms ms" "< ${START_GOAL_MS} ms" "$(verdict $start_ok)"
printf '%-26s %-34s %-12s %s\n' "heap used after start" "$heap_text" "< ${HEAP_GOAL_MIB} MiB" "$(verdict "$heap_ok")"
[[ -n $jcmd_kib ]] && printf '%-26s %-34s %-12s %s\n' "  jcmd GC.heap_info used" "$(mib $(( jcmd_kib * 1024 ))) MiB" "" ""
printf '%-26s %-34s %-12s %s\n' "stop on SIGTERM" "$stop_text" "exits" "$(verdict $stop_ok)"
if (( start_ok && heap_ok && stop_ok )); then exit 0; fi
cp "$log" "${TMPDIR:-/tmp}/mintreu-bench-last.log" && echo "engine log: ${TMPDIR:-/tmp}/mintreu-bench-last.log"
exit 1
