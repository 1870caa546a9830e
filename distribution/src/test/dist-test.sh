#!/usr/bin/env bash
# Tests the built tarball the way a self-hoster uses it: unpack, launcher Java check, commands,
# serve until /readyz, SIGTERM. Run by Maven in the integration-test phase of distribution/.
# Usage: dist-test.sh <tarball> ; needs curl. Bounded: every wait has a limit; only localhost.
set -euo pipefail
tarball=$1
work=$(mktemp -d)
pid=""
cleanup() { [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pass=0
fail=0
check() { # check <description> <command...>
  local what=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   - $what"; else fail=$((fail + 1)); echo "FAIL - $what"; fi
}

tar -xzf "$tarball" -C "$work"
home=$(echo "$work"/mintreu-*)
bin=$home/bin/mintreu
check "tarball has bin conf lib plugins themes" test -x "$bin" -a -f "$home/conf/mintreu.yaml" -a -d "$home/lib" -a -d "$home/themes/default"
check "a bundled plugin zip is in plugins/" bash -c "ls '$home'/plugins/*.zip >/dev/null"

# 1. No Java 21+: one clear line, exit 1. A fake JDK 17 and a PATH with no other java.
fake=$work/jdk17
mkdir -p "$fake/bin" "$work/path"
printf '#!/bin/sh\necho fake\n' > "$fake/bin/java"; chmod +x "$fake/bin/java"
echo 'JAVA_VERSION="17.0.9"' > "$fake/release"
for tool in sh sed dirname ls cat head; do ln -s "$(command -v $tool)" "$work/path/$tool"; done
set +e
out=$(JAVA_HOME=$fake PATH=$work/path "$bin" version 2>&1); status=$?
set -e
check "old Java: exit 1" test "$status" -eq 1
check "old Java: says what was found and what to do" grep -q "needs Java 21 or newer, found: .*Java 17.*set JAVA_HOME" <<<"$out"

# 2. Commands.
export MINTREU_DATA_DIR=$work/data MINTREU_DATABASE_URL=jdbc:sqlite:$work/data/mintreu.db
check "version" bash -c "'$bin' version | grep -q '^mintreu '"
check "config check masks secrets" bash -c "MINTREU_SECRET=do-not-print-this-secret-0123456789 '$bin' config check 2>/dev/null | grep -q 'secret: .\\*\\*\\*\\*\\*\\*' && ! MINTREU_SECRET=do-not-print-this-secret-0123456789 '$bin' config check 2>&1 | grep -q do-not-print"
set +e; "$bin" config check --config "$work/missing.yaml" >/dev/null 2>"$work/err"; status=$?; set -e
check "missing config: exit 2 with one line" bash -c "test $status -eq 2 && grep -q 'file not found' '$work/err'"
check "migrate" bash -c "'$bin' migrate 2>/dev/null | grep -qE 'applied|up to date'"
check "plugins list shows storage-local READY (checked, not started)" bash -c "'$bin' plugins list 2>/dev/null | grep -qE '^storage-local +[^ ]+ +READY'"

# 3. serve until ready, then SIGTERM.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18765)
MINTREU_PORT=$port MINTREU_PUBLIC_URL=http://127.0.0.1:$port "$bin" serve >"$work/serve.log" 2>&1 &
pid=$!
ready=no
for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
check "serve answers /readyz" test "$ready" = yes
check "home page renders" bash -c "curl -sf http://127.0.0.1:$port/ | grep -q '<main id=\"main\"'"
kill -TERM "$pid"
stopped=no
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.1; done
set +e; wait "$pid"; status=$?; set -e
pid=""
check "SIGTERM stops the engine within 15 s (exit $status)" test "$stopped" = yes
[[ $fail -eq 0 ]] || { echo "--- serve log"; cat "$work/serve.log"; }
echo "distribution: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
