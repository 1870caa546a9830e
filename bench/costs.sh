#!/usr/bin/env bash
# bench/costs.sh: what parts of the request path cost, each switched off in turn, measured with
# bench/catalog.sh (the demo shop and the bare handler in the same run) on GET /products/{slug} and
# GET /api/v1/products at full load. Parts: the access log (server.accessLog, here through
# MINTREU_ACCESS_LOG), the CSP/security headers and the http.server.requests timers (bench-only
# switch -Dmintreu.bench.off=...), and the visitor's cookie: none (a first visit: the product page's
# form mints a CSRF token cookie), a returning visitor's token cookie, an anonymous session's cookie.
# Each row's cost is the difference in time per request against the first row, from the shares of
# bare (so that machine load moving between runs cancels out): 1e6 / (share x mean bare req/s).
# Options: as catalog.sh (DURATION, WARMUP, BENCH_BUILD); REPEAT=N runs each row N times (default 1).
set -uo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
defaults=$(sed -n 's/^  JAVA_OPTS="\(.*\)"$/\1/p' "distribution/src/main/bin/mintreu" 2>/dev/null | head -n 1)
[[ -n $defaults ]] || defaults=$(sed -n 's/^  JAVA_OPTS="\(.*\)"$/\1/p' distribution/target/mintreu-$version/bin/mintreu | head -n 1)
# kept: each run's full catalog.sh table; COSTS_DIR=that folder only prints the summary again
heap='${MINTREU_HEAP:-96m}'   # the launcher's line names the heap through MINTREU_HEAP
defaults=${defaults//"$heap"/${MINTREU_HEAP:-96m}}
out=${COSTS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mintreu-costs.XXXXXX")}
echo "costs: catalog.sh tables in $out" >&2
export BENCH_BUILD=${BENCH_BUILD:-1}

# name | environment for catalog.sh
configs=(
  "everything on (first visit)|"
  "access log off|MINTREU_ACCESS_LOG=false"
  "security headers off|JAVA_OPTS=$defaults -Dmintreu.bench.off=securityHeaders"
  "request timers off|JAVA_OPTS=$defaults -Dmintreu.bench.off=httpMetrics"
  "all three off|MINTREU_ACCESS_LOG=false JAVA_OPTS=$defaults -Dmintreu.bench.off=securityHeaders,httpMetrics"
  "returning visitor (token cookie)|VISITOR=token"
  "anonymous session cookie|VISITOR=session"
)
for ((r = 1; r <= ${REPEAT:-1}; r++)); do
  [[ -n ${COSTS_DIR:-} ]] && break
  for i in "${!configs[@]}"; do
    name=${configs[$i]%%|*}
    envs=${configs[$i]#*|}
    echo "costs: run $r, $name ..." >&2
    # JAVA_OPTS holds spaces: pass the assignments through env, split on the first '=' of each
    args=()
    if [[ -n $envs ]]; then
      while read -r kv; do args+=("$kv"); done < <(sed 's/ \([A-Z_]*=\)/\n\1/g' <<<"$envs")
    fi
    env "${args[@]}" ONLY='^/api/v1/products$|^/products/' bench/catalog.sh > "$out/$i.$r" 2>"$out/$i.$r.err"
    export BENCH_BUILD=0
    grep -q '^bare' "$out/$i.$r" || { cat "$out/$i.$r.err" >&2; exit 1; }
  done
done

echo "cores: $(nproc), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); ${REPEAT:-1} run(s) per row, full load (32 connections)"
awk -v names="$(printf '%s\n' "${configs[@]%%|*}")" '
  BEGIN { n = split(names, name, "\n") }
  { split(FILENAME, f, "/"); split(f[length(f)], ir, "."); i = ir[1] + 1 }
  /^bare Undertow JSON +full/ { bare += $5; runs++ }
  /^GET \/api\/v1\/products +full/ { api[i] += $7; apirps[i] += $4; c[i]++ }
  /^GET \/products\/[^ ]+ +full/ { page[i] += $7; pagerps[i] += $4 }
  END {
    b = bare / runs
    printf "%-34s %22s %22s\n", "", "GET /products/{slug}", "GET /api/v1/products"
    printf "%-34s %8s %6s %6s %8s %6s %6s\n", "configuration", "req/s", "%bare", "us/req", "req/s", "%bare", "us/req"
    for (k = 1; k <= n; k++) {
      if (!c[k]) continue
      ps = page[k] / c[k]; as = api[k] / c[k]
      if (k == 1) { ps1 = ps; as1 = as }
      dp = (ps > 0 && ps1 > 0) ? 1e6 / (ps1 / 100 * b) - 1e6 / (ps / 100 * b) : 0
      da = (as > 0 && as1 > 0) ? 1e6 / (as1 / 100 * b) - 1e6 / (as / 100 * b) : 0
      printf "%-34s %8.0f %6.1f %6s %8.0f %6.1f %6s\n", name[k], pagerps[k] / c[k], ps, (k == 1 ? "-" : sprintf("%+.1f", -dp)), apirps[k] / c[k], as, (k == 1 ? "-" : sprintf("%+.1f", -da))
    }
    printf "mean bare Undertow JSON: %.0f req/s. us/req: time per request minus that of the first row, from the shares of bare (-3.0: 3 us less, so what was switched off costs 3 us)\n", b
  }' $(ls "$out"/*.[0-9]* | grep -v err)
