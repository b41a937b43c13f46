#!/usr/bin/env bash
# ./demo.sh --cluster: two gateway instances sharing one PostgreSQL and one Redis, on loopback, in front of the
# legacy billing stub — the worked example of docs/several-instances.md, started for real.
# Ctrl-C stops everything; the servers live in a temp folder and are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_dotnet
ensure_packages curl ca-certificates postgresql redis-server
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

A_PORT="${A_PORT:-8443}"; A_ADMIN="${A_ADMIN:-9443}"
B_PORT="${B_PORT:-8444}"; B_ADMIN="${B_ADMIN:-9444}"
STUB_PORT="${STUB_PORT:-5080}"
for port in "$A_PORT" "$A_ADMIN" "$B_PORT" "$B_ADMIN" "$STUB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port on 127.0.0.1 is already in use; set A_PORT/A_ADMIN/B_PORT/B_ADMIN/STUB_PORT." >&2
    exit 1
  fi
done

DEMO_DIR="$PWD/.demo-cluster"
mkdir -p "$DEMO_DIR"
SERVERS="$(mktemp -d)"
chmod 755 "$SERVERS"
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_redis "$SERVERS/redis"
  stop_postgres "$SERVERS/pg"
  rm -rf "$SERVERS"
}
trap cleanup INT TERM EXIT

echo "Building (Release)…"
dotnet build gateway/Gateway.csproj -c Release -v quiet -nologo >/dev/null
dotnet build legacy-stub/LegacyStub.csproj -c Release -v quiet -nologo >/dev/null
GATEWAY="dotnet gateway/bin/Release/net10.0/gateway.dll"
STUB="dotnet legacy-stub/bin/Release/net10.0/legacy-stub.dll"

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT…"
start_postgres "$SERVERS/pg" "$PG_PORT"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE gateway" >/dev/null
start_redis "$SERVERS/redis" "$REDIS_PORT"

BACKEND_SECRET="demo-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LEGACY_STUB_CREDENTIAL="Bearer $BACKEND_SECRET"
# What both instances share: the store, Redis, the backend and its credential.
export Gateway__Storage__Provider=Postgres
export Gateway__Storage__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=gateway;Username=postgres"
export Gateway__Redis__Configuration="127.0.0.1:$REDIS_PORT"
export Gateway__RateLimiting__Store=Redis
export Gateway__Proxy__Backends__billing__Value="Bearer $BACKEND_SECRET"
export ReverseProxy__Clusters__billing__Destinations__primary__Address="http://127.0.0.1:$STUB_PORT/"
# One certificate for both (the first instance creates it) and one audit folder (<data>/logs), where each instance
# and the CLI write chains of their own, signed with one key kept outside that folder.
export Gateway__Storage__DataPath="$DEMO_DIR/data"
if [ ! -f "$DEMO_DIR/audit-chain.key" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 >"$DEMO_DIR/audit-chain.key")
fi
export Gateway__Audit__ChainKeyFile="$DEMO_DIR/audit-chain.key"

$STUB --port "$STUB_PORT" >"$DEMO_DIR/legacy-stub.log" 2>&1 &
pids+=($!)

ADMIN_PASSWORD="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$ADMIN_PASSWORD" | $GATEWAY staff create demo-admin --role admin >/dev/null
json_field() { sed -n "s/.*\"$1\": *\"\\{0,1\\}\\([^\",]*\\)\"\\{0,1\\}.*/\\1/p" | head -n 1; }
CREATED=$($GATEWAY tokens create --client 1 --name demo --scopes account:read,hosting:read,domains:read,dns:read \
  --ips 127.0.0.1,::1 --rate-limit 5 --json)
TOKEN=$(echo "$CREATED" | json_field token)
TOKEN_ID=$(echo "$CREATED" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -n 1)

start_instance() {
  local name="$1" port="$2" admin="$3"
  Kestrel__Endpoints__Public__Url="https://127.0.0.1:$port" \
  Kestrel__Endpoints__Admin__Url="https://127.0.0.1:$admin" \
    $GATEWAY serve >"$DEMO_DIR/gateway-$name.log" 2>&1 &
  pids+=($!)
}
wait_ready() {
  local port="$1" _
  for _ in $(seq 1 60); do
    if [ -f "$DEMO_DIR/data/certs/gateway.crt" ] && curl -s --cacert "$DEMO_DIR/data/certs/gateway.crt" "https://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "An instance did not start; see $DEMO_DIR/gateway-*.log" >&2
  exit 1
}
start_instance a "$A_PORT" "$A_ADMIN"
wait_ready "$A_PORT"
start_instance b "$B_PORT" "$B_ADMIN"
wait_ready "$B_PORT"

CERT="$DEMO_DIR/data/certs/gateway.crt"
call() { curl -s -o /dev/null -w "%{http_code} (X-RateLimit-Remaining: %header{x-ratelimit-remaining})" --cacert "$CERT" "https://127.0.0.1:$1/api/v1/me" -H "Authorization: Bearer $TOKEN"; }
cat <<MSG

Two gateway instances share PostgreSQL (127.0.0.1:$PG_PORT) and Redis (127.0.0.1:$REDIS_PORT):
  instance A: https://127.0.0.1:$A_PORT  admin https://127.0.0.1:$A_ADMIN/
  instance B: https://127.0.0.1:$B_PORT  admin https://127.0.0.1:$B_ADMIN/
  staff sign-in on either (the cookie works on both): demo-admin / $ADMIN_PASSWORD (enrol an authenticator app at the first sign-in: scan the QR code or type the key shown)
  certificate: .demo-cluster/data/certs/gateway.crt; logs: .demo-cluster/

Demo token (client 1, 5 requests per minute, shared by both instances), shown once:
  $TOKEN

One limit across both instances — A, B, A, B, A, then the sixth request:
MSG
for port in "$A_PORT" "$B_PORT" "$A_PORT" "$B_PORT" "$A_PORT" "$B_PORT"; do
  echo "  $( [ "$port" = "$A_PORT" ] && echo A || echo B ): $(call "$port")"
done
echo
echo "Revoking the token with the CLI; within a second both instances refuse it:"
$GATEWAY tokens revoke "$TOKEN_ID" --reason "cluster demo" >/dev/null
sleep 1
echo "  A: $(call "$A_PORT")"
echo "  B: $(call "$B_PORT")"
echo
echo "Press Ctrl-C to stop (the PostgreSQL and Redis of this demo are removed)."
wait
