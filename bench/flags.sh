#!/usr/bin/env bash
# bench/flags.sh: bench/catalog.sh once per set of JVM options (and engine settings), one summary
# line each: full-load share of bare per target, the worst p99, and the engine's RSS after start and
# after the run. The sets are lines of FLAGS_FILE (default: the list below): a label, '|', then
# environment assignments for catalog.sh (JAVA_OPTS=..., MINTREU_*=...). Same options as catalog.sh.
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
base="-Xss512k -XX:+ExitOnOutOfMemoryError"
default_sets="serial, no -Xmx (old launcher)|JAVA_OPTS=-XX:+UseSerialGC $base
serial -Xmx128m|JAVA_OPTS=-XX:+UseSerialGC -Xmx128m $base
serial -Xmx96m|JAVA_OPTS=-XX:+UseSerialGC -Xmx96m $base
G1 -Xmx128m|JAVA_OPTS=-XX:+UseG1GC -Xmx128m $base"
sets=$( [[ -n ${FLAGS_FILE:-} ]] && cat "$FLAGS_FILE" || echo "$default_sets")
export BENCH_BUILD=${BENCH_BUILD:-1}
printf '%-40s %s\n' "set" "share of bare per target (full load) | worst p99 full/half ms | RSS MiB start/after | bare req/s | load"
while IFS= read -r line; do
  [[ -z $line || $line == \#* ]] && continue
  label=${line%%|*}
  args=()
  while read -r kv; do [[ -n $kv ]] && args+=("$kv"); done < <(sed 's/ \([A-Z_]*=\)/\n\1/g' <<<"${line#*|}")
  res=$(env "${args[@]}" bench/catalog.sh 2>/dev/null)
  export BENCH_BUILD=0
  summary=$(awk '
    /^bare Undertow JSON +full/ { bare = $5 }
    /^GET / && $3 == "full" { share = share sprintf("%s ", $7); if ($6 > pf) pf = $6 }
    /^GET / && $3 == "half" { if ($6 > ph) ph = $6 }
    /^engine RSS/ { rs = $3; ra = $7 }
    /^cores/ { split($0, a, "end: "); split(a[2], l, ","); load = l[1] }
    END { printf "%s| %s/%s | %s/%s | %s | %s", share, pf, ph, rs, ra, bare, load }' <<<"$res")
  printf '%-40s %s\n' "$label" "${summary:-failed}"
done <<<"$sets"
