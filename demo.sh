#!/usr/bin/env bash
# One command, fresh machine: builds, starts the legacy billing stub (with its OpenID Connect provider) and the
# gateway on loopback, creates a demo token for client 1 with every scope, and prints a working curl line, the
# admin UI's sign-in and the client portal's URL with client 1's billing login.
# Ctrl-C stops both. Data (store, certificate) lives in .demo/ and is kept between runs.
set -euo pipefail
cd "$(dirname "$0")"
# ./demo.sh --cluster: two instances on one PostgreSQL and one Redis instead (docs/several-instances.md).
if [ "${1:-}" = "--cluster" ]; then
  exec scripts/demo-cluster.sh
fi
source scripts/lib.sh

ensure_dotnet
ensure_packages curl ca-certificates
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

GATEWAY_PORT="${GATEWAY_PORT:-8443}"
ADMIN_PORT="${ADMIN_PORT:-9443}"
STUB_PORT="${STUB_PORT:-5080}"
MAIL_PORT="${MAIL_PORT:-2525}"
OIDC_PORT="${OIDC_PORT:-5443}"
DEMO_DIR="$PWD/.demo"
DATA="$DEMO_DIR/data"
mkdir -p "$DATA"

for port in "$GATEWAY_PORT" "$ADMIN_PORT" "$STUB_PORT" "$OIDC_PORT" "$MAIL_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port on 127.0.0.1 is already in use. Stop what uses it, or set GATEWAY_PORT / ADMIN_PORT / STUB_PORT / OIDC_PORT / MAIL_PORT." >&2
    exit 1
  fi
done

echo "Building (Release)…"
dotnet build gateway/Gateway.csproj -c Release -v quiet -nologo >/dev/null
dotnet build legacy-stub/LegacyStub.csproj -c Release -v quiet -nologo >/dev/null
GATEWAY="dotnet gateway/bin/Release/net10.0/gateway.dll"
STUB="dotnet legacy-stub/bin/Release/net10.0/legacy-stub.dll"

# A fresh backend secret each run: the stub requires it, the gateway presents it, clients never see it.
BACKEND_SECRET="demo-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export LEGACY_STUB_CREDENTIAL="Bearer $BACKEND_SECRET"
export Gateway__Proxy__Backends__billing__Value="Bearer $BACKEND_SECRET"
export Gateway__Storage__DataPath="$DATA"
export ReverseProxy__Clusters__billing__Destinations__primary__Address="http://127.0.0.1:$STUB_PORT/"
export Kestrel__Endpoints__Public__Url="https://127.0.0.1:$GATEWAY_PORT"
export Kestrel__Endpoints__Admin__Url="https://127.0.0.1:$ADMIN_PORT"
# Notices to clients go to the stub's mail catcher (a local SMTP server): it keeps each message in .demo/mail/.
MAIL_DIR="$DEMO_DIR/mail"
rm -rf "$MAIL_DIR"
export Gateway__Notices__Email__Enabled=true
export Gateway__Notices__Email__Host=127.0.0.1
export Gateway__Notices__Email__Port="$MAIL_PORT"
export Gateway__Notices__Email__Security=None
export Gateway__Notices__Email__From="Demo Hosting <noreply@hosting.example>"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# The billing system's OpenID Connect provider (in the stub) with the gateway registered as its client, as a host
# registers it in WHMCS's admin area: a client id, a fresh secret, the portal's redirect URIs (docs/client-portal.md).
PORTAL_SECRET="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
OIDC_CERT="$DEMO_DIR/legacy-stub-oidc.crt"
rm -f "$OIDC_CERT"
LEGACY_STUB_OIDC_CLIENT_SECRET="$PORTAL_SECRET" $STUB --port "$STUB_PORT" \
  --oidc-port "$OIDC_PORT" --oidc-cert-file "$OIDC_CERT" \
  --smtp-port "$MAIL_PORT" --mail-dir "$MAIL_DIR" \
  --oidc-client-id gateway-portal --oidc-display-name "API tokens" \
  --oidc-redirect-uri "https://127.0.0.1:$GATEWAY_PORT/client/signin-oidc" \
  --oidc-post-logout-redirect-uri "https://127.0.0.1:$GATEWAY_PORT/client/signed-out" \
  >"$DEMO_DIR/legacy-stub.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  [ -s "$OIDC_CERT" ] && break
  sleep 0.5
done
if [ ! -s "$OIDC_CERT" ]; then
  echo "The billing stub did not start; see $DEMO_DIR/legacy-stub.log" >&2
  tail -n 20 "$DEMO_DIR/legacy-stub.log" >&2
  exit 1
fi
# The client portal: on because an authority is set; the secret comes from the environment, never a file.
export Gateway__Portal__Authority="https://127.0.0.1:$OIDC_PORT/"
export Gateway__Portal__ClientId=gateway-portal
export Gateway__Portal__ClientSecret="$PORTAL_SECRET"
export Gateway__Portal__ProviderCertificate="$OIDC_CERT"

stamp="$(date +%Y%m%d-%H%M%S)"
# A demo admin with a fresh password each run (reset if the account exists from an earlier run, with its MFA, so the
# newcomer enrols an authenticator at the first sign-in of this run).
ADMIN_PASSWORD="demo-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
if ! echo "$ADMIN_PASSWORD" | $GATEWAY staff create demo-admin --role admin >/dev/null 2>&1; then
  echo "$ADMIN_PASSWORD" | $GATEWAY staff reset-password demo-admin >/dev/null
  $GATEWAY staff reset-mfa demo-admin >/dev/null
fi
EXPIRES="$(date -d '+1 year' +%F)"
json_token() { sed -n 's/.*"token": *"\([^"]*\)".*/\1/p'; }
# The demo token: every scope, usable from this machine only, valid for a year.
TOKEN=$($GATEWAY tokens create --client 1 --name "demo-$stamp" \
  --scopes account:read,hosting:read,domains:read,dns:read \
  --ips 127.0.0.1,::1 --expires "$EXPIRES" --json | json_token)
# A second token that only works from an office network, to show the allowlist refusing this machine.
OFFICE_TOKEN=$($GATEWAY tokens create --client 1 --name "office-$stamp" --scopes account:read \
  --ips 203.0.113.0/24 --expires "$EXPIRES" --json | json_token)

$GATEWAY serve >"$DEMO_DIR/gateway.log" 2>&1 &
pids+=($!)

CERT="$DATA/certs/gateway.crt"
for _ in $(seq 1 60); do
  if [ -f "$CERT" ] && curl -s --cacert "$CERT" "https://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ -z "${ready:-}" ]; then
  echo "The gateway did not start; see $DEMO_DIR/gateway.log" >&2
  tail -n 20 "$DEMO_DIR/gateway.log" >&2
  exit 1
fi

CURL="curl --cacert .demo/data/certs/gateway.crt https://127.0.0.1:$GATEWAY_PORT/api/v1/me -H \"Authorization: Bearer $TOKEN\""
cat <<MSG

Token gateway demo is running.
  Public API : https://127.0.0.1:$GATEWAY_PORT  (self-signed certificate: .demo/data/certs/gateway.crt; docs at /docs)
  Admin UI   : https://127.0.0.1:$ADMIN_PORT/   sign in as demo-admin / $ADMIN_PASSWORD
               (same self-signed certificate: accept it in the browser, or trust .demo/data/certs/gateway.crt)
               Admins use a second factor: at this first sign-in the page shows a QR code to scan with any
               authenticator app (TOTP: Google/Microsoft Authenticator, 1Password, Bitwarden, FreeOTP …), or a key
               to type in; enter its 6-digit code, then keep the recovery codes it shows. Without an app:
                 oathtool --totp -b <the key shown, without spaces>     (Debian package oathtool)
  Client portal: https://127.0.0.1:$GATEWAY_PORT/client/api-tokens
               sign in at the billing system's page as client 1: olivia.bennett@brightpixel.example.com / Brightpixel#2019
               (its provider: https://127.0.0.1:$OIDC_PORT/, self-signed too: .demo/legacy-stub-oidc.crt)
  Billing stub: http://127.0.0.1:$STUB_PORT     (only the gateway holds its credential)
  Mail       : notices to clients land in .demo/mail/ (mail catcher on smtp://127.0.0.1:$MAIL_PORT; delivery log in the admin UI under Notices)
  Logs       : .demo/gateway.log, .demo/legacy-stub.log; the audit trail in .demo/data/logs/ (the store's, so the CLI
               on --data .demo/data writes there too)

Demo token for client 1 (every scope; allowed from 127.0.0.1 and ::1; expires $EXPIRES), shown once:
  $TOKEN

Try it:
  $CURL

Also: list tokens with
  dotnet gateway/bin/Release/net10.0/gateway.dll tokens list --data .demo/data

Response to the curl line above (note the X-RateLimit-* headers):
MSG
eval "${CURL/curl /curl -s -D - }" || true
echo
echo
echo "The 'office' token is allowed only from 203.0.113.0/24, so from here it is refused:"
curl -s --cacert "$CERT" "https://127.0.0.1:$GATEWAY_PORT/api/v1/me" -H "Authorization: Bearer $OFFICE_TOKEN" || true
echo
echo
# Creating the demo token wrote a notice into the outbox; the gateway mails it to client 1 in the background.
for _ in $(seq 1 40); do
  [ -f "$MAIL_DIR/0001.txt" ] && break
  sleep 0.5
done
if [ -f "$MAIL_DIR/0001.txt" ]; then
  echo "The mail catcher's inbox ($MAIL_DIR): $(ls "$MAIL_DIR"/*.eml | wc -l) notice(s). The first one:"
  echo "------------------------------------------------------------------------"
  cat "$MAIL_DIR/0001.txt"
  echo "------------------------------------------------------------------------"
else
  echo "No notice in $MAIL_DIR yet; see the Notices page of the admin UI and .demo/gateway.log."
fi
echo
echo "Press Ctrl-C to stop."
wait
