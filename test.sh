#!/usr/bin/env bash
# Runs every test of the solution and ends with "Tests: N passed, N failed".
# Installs what the tests need (Debian packages) when missing; servers they need are started on
# loopback ports by the tests themselves or by this script, in temp folders.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

ensure_dotnet
# chromium: Debian's browser for the admin UI tests (Playwright drives it; it never downloads one).
# postgresql, redis-server: real servers for the store and cluster tests, started on loopback in temp folders.
# sslscan: the TLS policy test scans the running gateway. sqlite3: a second process that locks the store.
# mount: the store-fault tests make real read-only and full filesystems (they run as root).
# systemd: systemd-analyze checks the service unit in deploy/systemd (systemd itself need not run).
ensure_packages curl ca-certificates chromium postgresql redis-server sslscan sqlite3 mount systemd php-cli php-curl
# npm: installs the Dockerfile linter (any Node.js with npm will do).
command -v npm >/dev/null 2>&1 || ensure_packages npm

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d)"
servers="$(mktemp -d)"
chmod 755 "$servers"
cleanup() {
  stop_postgres "$servers/pg"
  rm -rf "$results" "$servers"
}
trap cleanup EXIT

echo "Building…"
if ! dotnet build Gateway.sln -c Release -v quiet -nologo; then
  echo "Build failed."
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

# The published folder, as a host installs it (deploy/systemd): published once, started by the service tests.
export GATEWAY_PUBLISH_DIR="$results/publish"
if ! dotnet publish gateway/Gateway.csproj -c Release --no-build -o "$GATEWAY_PUBLISH_DIR" -v quiet -nologo; then
  echo "Publish failed."
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

status=0
# One results folder per test project, so result files can never overwrite each other.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --results-directory "$results/$name" --logger "trx" || status=$?
done

# The gateway suite again with every store on PostgreSQL: a throwaway server here, a database per test.
# (The cluster tests start servers of their own and already ran above.)
pg_port="$(free_port)"
echo "Starting PostgreSQL on 127.0.0.1:${pg_port} for the suite on PostgreSQL…"
if start_postgres "$servers/pg" "$pg_port"; then
  GATEWAY_TEST_POSTGRES="Host=127.0.0.1;Port=${pg_port};Username=postgres;Maximum Pool Size=20" \
    dotnet test tests/Gateway.Tests/Gateway.Tests.csproj -c Release --no-build --nologo \
    --filter "FullyQualifiedName!~Gateway.Tests.Cluster" \
    --results-directory "$results/Gateway.Tests.Postgres" --logger "trx" || status=$?
else
  echo "PostgreSQL did not start." >&2
  status=1
fi

passed=0
failed=0

# The Dockerfile lint counts as one test: dockerfilelint from npm, installed under .tools/ (git-ignored).
# (There is no Docker engine on the CI machines, so the image itself is not built here.)
echo "Linting the Dockerfile…"
if lint_dockerfile; then
  passed=$((passed + 1))
else
  echo "Dockerfile lint failed."
  failed=$((failed + 1))
fi

for trx in "$results"/*/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failing test (a crash, a missing result file): never report green.
  failed=1
fi

echo "Tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
