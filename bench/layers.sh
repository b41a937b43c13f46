#!/usr/bin/env bash
# Where the gateway's CPU per request goes, layer by layer: the gateway built with bench/layers.patch (switches, read
# from the environment, that leave out one part of the request path each; never in the product), started once per
# layer beside bare YARP, all on one upstream, wrk alternating between them round by round. Each row adds one part to
# the row above, so the difference between two rows is what that part costs on this machine in this run.
#
#   bench/layers.sh                                 # 5 rounds of 4 s per target (~4 min)
#   bench/layers.sh --rounds 3 --duration 3         # a quick look
#   bench/layers.sh --tried                         # the audit-write variants that were tried (results/2026-11-30-2.md)
#
# Loopback only, free ports picked at start, everything under a temporary folder removed at exit (KEEP_WORK=1 keeps it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=5 DURATION=4 CONNECTIONS=32 TRIED=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --tried) TRIED=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
log() { echo "[layers $(date -u +%T)] $*" >&2; }
for tool in wrk openssl curl python3 git; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk openssl curl python3 git >/dev/null; break; }
done

source "$ROOT/bench/lib.sh"
bench_workdir gateway-layers

# --- the patched gateway, built from this commit in its own folder ---------------------------------------------
log "building the patched gateway from $(git -C "$ROOT" rev-parse --short HEAD) and the bench targets"
[[ -z "$(git -C "$ROOT" status --porcelain -- gateway admin-ui portal-ui)" ]] \
  || log "note: uncommitted changes under gateway/, admin-ui/ or portal-ui/ are not measured (the gateway is built from HEAD)"
git -C "$ROOT" archive HEAD | tar -x -C "$WORK" --one-top-level=src
git -C "$WORK/src" init -q && git -C "$WORK/src" apply "$ROOT/bench/layers.patch" \
  || { echo "bench/layers.patch no longer applies to this commit: rebase it on the request path as it is now" >&2; exit 1; }
dotnet build "$WORK/src/gateway/Gateway.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; exit 1; }
for project in bench/Upstream/Upstream.csproj bench/BareYarp/BareYarp.csproj; do
  dotnet build "$ROOT/$project" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; exit 1; }
done
GW="dotnet $WORK/src/gateway/bin/Release/net10.0/gateway.dll"

free_ports() { python3 -c "
import socket
socks=[socket.socket() for _ in range($1)]
for s in socks: s.bind(('127.0.0.1', 0))
print(' '.join(str(s.getsockname()[1]) for s in socks))"; }

bench_certificate

# The layers: name and the switches that leave parts out (bench/layers.patch). Each adds one part to the one before.
if [[ -n $TRIED ]]; then
  LAYERS=(
    "as-shipped|"
    "no-audit-file-write(nor-index-work)|LAYERS_AUDIT=metrics"
    "write-per-request-under-a-lock|LAYERS_SYNCAUDIT=1"
    "no-wait-for-the-line|LAYERS_NOWAIT=1"
    "leader-writes-every-batch|LAYERS_NOHANDOFF=1"
    "gather-500us-before-a-batch|LAYERS_GATHER_US=500"
    "no-chain-mac|LAYERS_NOMAC=1"
  )
else
  LAYERS=(
    "host:routing+proxy|LAYERS_BARE=1 LAYERS_NOINDEX=1 LAYERS_NOMETRICS=1"
    "+decision,request-id,event|LAYERS_BARE=2 LAYERS_AUDIT=metrics LAYERS_NOINDEX=1 LAYERS_NOMETRICS=1"
    "+audit-file-write|LAYERS_BARE=2 LAYERS_NOINDEX=1 LAYERS_NOMETRICS=1"
    "+authn+authz|LAYERS_BARE=3 LAYERS_NOINDEX=1 LAYERS_NOMETRICS=1"
    "+guards,limiter,yarp-steps|LAYERS_NOINDEX=1 LAYERS_NOMETRICS=1"
    "+framework-meters|LAYERS_NOINDEX=1"
    "+audit-index(as-shipped)|"
  )
fi

read -r -a PORTS <<<"$(free_ports $((2 + 2 * ${#LAYERS[@]})))"
UPSTREAM_PORT=${PORTS[0]} YARP_PORT=${PORTS[1]}

start upstream dotnet "$ROOT/bench/Upstream/bin/Release/net10.0/Upstream.dll" --urls "http://127.0.0.1:$UPSTREAM_PORT"
start_bare_yarp "$ROOT/bench/BareYarp/bin/Release/net10.0/BareYarp.dll" "$YARP_PORT" "$UPSTREAM_PORT"

log "store: 1,000 tokens"
mkdir -p "$WORK/store"
TOKEN=$($GW tokens create --data "$WORK/store" --client 1 --name bench --scopes account:read \
          --ips 127.0.0.1,10.0.0.0/8 --rate-limit 1000000 --json | grep -o '"opt_live_[A-Za-z0-9]*"' | tr -d '"')
$GW tokens seed --data "$WORK/store" --count 999 >/dev/null

TARGETS=("bare-yarp|$YARP_PORT")
i=0
for layer in "${LAYERS[@]}"; do
  name=${layer%%|*} switches=${layer#*|}
  port=${PORTS[$((2 + 2 * i))]} admin=${PORTS[$((3 + 2 * i))]}
  data=$WORK/layer$i
  cp -r "$WORK/store" "$data"
  (
    gateway_settings "$data" "$port" "$admin" "$UPSTREAM_PORT"
    for switch in $switches; do export "${switch?}"; done
    exec $GW serve
  ) >"$WORK/layer$i.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$WORK/layer$i.pid"
  TARGETS+=("layer$i|$port")
  i=$((i + 1))
done

wait_ok "http://127.0.0.1:$UPSTREAM_PORT/api/v1/invoices"
wait_ok "https://127.0.0.1:$YARP_PORT/api/v1/invoices"
for target in "${TARGETS[@]:1}"; do wait_ok "https://127.0.0.1:${target#*|}/api/v1/invoices" -H "Authorization: Bearer $TOKEN"; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
RUNS=$WORK/runs.tsv
: >"$RUNS"
run() { # round, target
  local name=${2%%|*} port=${2#*|} pid c0 c1 out
  pid=$(cat "$WORK/$name.pid")
  c0=$(cpu_ticks "$pid")
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" "https://127.0.0.1:$port/api/v1/invoices" 2>&1 || true)
  c1=$(cpu_ticks "$pid")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$name" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$out")" "$(awk '/requests in/{print $1}' <<<"$out")" "$((c1 - c0))" \
    "$(awk '/Non-2xx/{n+=$NF} /Socket errors/{gsub(",","");for(i=1;i<=NF;i++) if($i ~ /^[0-9]+$/) n+=$i} END{print n+0}' <<<"$out")" >>"$RUNS"
}
log "warm-up: 2 rounds"
for round in 1 2; do for target in "${TARGETS[@]}"; do run "w$round" "$target"; done; done
log "$ROUNDS rounds of ${DURATION}s per target, alternating"
for round in $(seq 1 "$ROUNDS"); do for target in "${TARGETS[@]}"; do run "$round" "$target"; done; done

NAMES="bare-yarp"
for layer in "${LAYERS[@]}"; do NAMES+="|${layer%%|*}"; done
python3 - "$RUNS" "$NAMES" "$(git -C "$ROOT" rev-parse --short HEAD)" "$(cut -d' ' -f1-3 /proc/loadavg)" "${TRIED:-}" "$(getconf CLK_TCK)" <<'PY'
import statistics as st, sys
rows = [r for r in (l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("w")) if r[2] and r[3] and int(r[3]) > 0]
tick_us = 1_000_000 / int(sys.argv[6])
names = sys.argv[2].split("|")
ids = ["bare-yarp"] + [f"layer{i}" for i in range(len(names) - 1)]
print(f"Layers at {sys.argv[3]} (load average {sys.argv[4]} at the end); medians over rounds; CPU from /proc/<pid>/stat.\n")
tried = sys.argv[5] == "1"
print(f"| target | req/s | × bare YARP | CPU µs / request | {'against as shipped' if tried else 'added by this layer'} (µs) | errors |")
print("|---|---:|---:|---:|---:|---:|")
base = prev = None
for key, name in zip(ids, names):
    mine = [r for r in rows if r[1] == key]
    if not mine:
        print(f"| {name} | no run completed | | | | |")
        continue
    rps = st.median(float(r[2]) for r in mine)
    cpu = st.median(int(r[4]) * tick_us / int(r[3]) for r in mine)  # clock ticks → µs per request
    errors = sum(int(r[5]) for r in mine)
    base = base or rps
    added = "" if prev is None or (tried and key == "layer0") else f"{cpu - prev:+.1f}"
    print(f"| {name} | {rps:,.0f} | {rps / base:.2f} | {cpu:.1f} | {added} | {errors} |")
    if not tried or key in ("bare-yarp", "layer0"):
        prev = cpu
PY
