#!/usr/bin/env bash
# Load benchmark: the gateway (full pipeline) against bare YARP and nginx, all over HTTPS on loopback, in
# alternation, plus a fixed-rate latency run, token-count scaling and last-used write counts.
# Writes bench/results/<date>.md. `--soak 10m` runs the soak instead (bench/results/<date>-soak.md).
#
#   bench/run.sh [--duration 5] [--rounds 5] [--connections 32] [--threads 1] [--latency-seconds 10]
#                [--latency-rounds 3] [--seed 1000000] [--soak 10m] [--out FILE]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=5 ROUNDS=5 CONNECTIONS=32 THREADS=1 LATENCY_SECONDS=10 LATENCY_ROUNDS=3 SEED=1000000 SOAK="" OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --latency-seconds) LATENCY_SECONDS=$2; shift 2 ;;
    --latency-rounds) LATENCY_ROUNDS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --soak) SOAK=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# --- tools -----------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]} from Debian"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- build -----------------------------------------------------------------------------------------------
log "building (Release)"
for project in gateway/Gateway.csproj bench/Upstream/Upstream.csproj bench/BareYarp/BareYarp.csproj bench/LoadGen/LoadGen.csproj; do
  dotnet build "$ROOT/$project" -c Release -nologo -v quiet >"${TMPDIR:-/tmp}/bench-build.log" 2>&1 \
    || { tail -n 30 "${TMPDIR:-/tmp}/bench-build.log" >&2; exit 1; }
done
BIN() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }

# --- loopback setup --------------------------------------------------------------------------------------
source "$ROOT/bench/lib.sh"
bench_workdir gateway-bench

UPSTREAM_PORT=18080 YARP_PORT=18443 NGINX_PORT=18444 GW_PORT=18445 GW_ADMIN_PORT=18446 GWM_PORT=18447 GWM_ADMIN_PORT=18448
bench_certificate

start upstream dotnet "$(BIN bench/Upstream Upstream)" --urls "http://127.0.0.1:$UPSTREAM_PORT"

start_bare_yarp "$(BIN bench/BareYarp BareYarp)" "$YARP_PORT" "$UPSTREAM_PORT"

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  upstream backend { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $CERT; ssl_certificate_key $KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
EOF
start nginx "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "daemon off;"

GW="dotnet $(BIN gateway gateway)"
new_store() { # data dir, filler tokens: creates the store, the benchmark token (allowlist includes 127.0.0.1) and filler
  local data=$1 filler=$2
  mkdir -p "$data"
  local token
  token=$($GW tokens create --data "$data" --client 1 --name bench --scopes account:read \
            --ips 127.0.0.1,10.0.0.0/8 --rate-limit 1000000 --json | grep -o '"opt_live_[A-Za-z0-9]*"' | tr -d '"')
  if [[ $filler -gt 0 ]]; then
    $GW tokens seed --data "$data" --count "$filler" >&2
  fi
  echo "$token"
}
start_gateway() { # name, data dir, public port, admin port
  local name=$1 data=$2 port=$3 admin=$4
  (
    gateway_settings "$data" "$port" "$admin" "$UPSTREAM_PORT"
    exec $GW serve
  ) >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  eval "PID_${name//-/_}=$!"
}

URL_PATH=/api/v1/invoices
if [[ -n "$SOAK" ]]; then
  log "soak: store with 1,000 tokens"
  TOKEN=$(new_store "$WORK/gw" 999)
  start_gateway gateway "$WORK/gw" $GW_PORT $GW_ADMIN_PORT
  AUTH="Authorization: Bearer $TOKEN"
  wait_ok "http://127.0.0.1:$UPSTREAM_PORT$URL_PATH"
  wait_ok "https://127.0.0.1:$GW_PORT$URL_PATH" -H "$AUTH"
  seconds=$(python3 -c "import re,sys;s='$SOAK';m=re.fullmatch(r'(\d+)([smh]?)',s);print(int(m[1])*{'':1,'s':1,'m':60,'h':3600}[m[2]])")
  samples=$WORK/soak.tsv
  log "soak for ${seconds}s, sampling every 10s"
  end=$((SECONDS + seconds))
  while [[ $SECONDS -lt $end ]]; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -H "$AUTH" "https://127.0.0.1:$GW_PORT$URL_PATH" >"$WORK/wrk.out" 2>&1 || true
    python3 "$ROOT/bench/report.py" sample "$WORK/wrk.out" "$PID_gateway" >>"$samples"
  done
  out=${OUT:-$ROOT/bench/results/$(date -u +%F)-soak.md}
  python3 "$ROOT/bench/report.py" soak "$samples" "$SOAK" "$CONNECTIONS" >"$out"
  log "wrote $out"; cat "$out"
  exit 0
fi

log "stores: 1,000 and $SEED tokens"
TOKEN=$(new_store "$WORK/gw1k" 999)
TOKEN_M=$(new_store "$WORK/gw1m" $((SEED - 1)))
start_gateway gateway "$WORK/gw1k" $GW_PORT $GW_ADMIN_PORT
start_gateway gateway-1m "$WORK/gw1m" $GWM_PORT $GWM_ADMIN_PORT

wait_ok "http://127.0.0.1:$UPSTREAM_PORT$URL_PATH"
wait_ok "https://127.0.0.1:$YARP_PORT$URL_PATH"
wait_ok "https://127.0.0.1:$NGINX_PORT$URL_PATH"
wait_ok "https://127.0.0.1:$GW_PORT$URL_PATH" -H "Authorization: Bearer $TOKEN"
wait_ok "https://127.0.0.1:$GWM_PORT$URL_PATH" -H "Authorization: Bearer $TOKEN_M"

# target name | url | token | pids whose CPU and memory count
NGINX_PIDS() { awk -v parent="$PID_nginx" '$4 == parent {printf "%s ", $1}' /proc/[0-9]*/stat 2>/dev/null; echo "$PID_nginx"; }
declare -A URL=([bare-yarp]="https://127.0.0.1:$YARP_PORT$URL_PATH" [nginx]="https://127.0.0.1:$NGINX_PORT$URL_PATH"
                [gateway]="https://127.0.0.1:$GW_PORT$URL_PATH" [gateway-1m]="https://127.0.0.1:$GWM_PORT$URL_PATH")
declare -A TOK=([bare-yarp]=$TOKEN [nginx]=$TOKEN [gateway]=$TOKEN [gateway-1m]=$TOKEN_M)
pids_of() { case $1 in nginx) NGINX_PIDS ;; bare-yarp) echo "$PID_bare_yarp" ;; gateway) echo "$PID_gateway" ;; gateway-1m) echo "$PID_gateway_1m" ;; esac; }
TARGETS=(bare-yarp nginx gateway gateway-1m)
RUNS=$WORK/runs.tsv
: >"$RUNS"

metrics() { # admin port: last-used store writes and flushes so far
  curl -sk "https://127.0.0.1:$1/metrics" | awk '/^gateway_usage_store_writes_total/ {w=$2} /^gateway_usage_flushes_total/ {f=$2} END {print (w==""?0:w), (f==""?0:f)}'
}

wrk_run() { # target, round (0 = warm-up)
  local t=$1 round=$2 pids
  pids=$(pids_of "$t")
  local before; before=$(python3 "$ROOT/bench/report.py" cpu $pids)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Authorization: Bearer ${TOK[$t]}" "${URL[$t]}" >"$WORK/wrk.out" 2>&1
  local after; after=$(python3 "$ROOT/bench/report.py" cpu $pids)
  python3 "$ROOT/bench/report.py" wrk "$WORK/wrk.out" "$t" "$round" "$before" "$after" $pids >>"$RUNS"
  tail -1 "$RUNS" >&2
}

read -r writes0 flushes0 < <(metrics $GW_ADMIN_PORT)
started=$SECONDS
log "throughput: warm-up, then $ROUNDS rounds of ${DURATION}s per target, $CONNECTIONS connections, $THREADS wrk thread(s)"
# Two warm-up runs each: the gateway's tiered JIT is still recompiling hot code during the first.
for _ in 1 2; do for t in "${TARGETS[@]}"; do wrk_run "$t" 0; done; done
for round in $(seq 1 "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do wrk_run "$t" "$round"; done
done
# The last flush interval's stamps are still in memory: wait for one more flush before counting.
sleep 16
read -r writes1 flushes1 < <(metrics $GW_ADMIN_PORT)
echo -e "usage\t$((SECONDS - started))\t$((writes1 - writes0))\t$((flushes1 - flushes0))" >"$WORK/usage.tsv"

# Fixed-rate latency: half the gateway's median throughput, bare YARP and the gateway alternating.
RATE=$(python3 "$ROOT/bench/report.py" half-rate "$RUNS" gateway)
LAT=$WORK/latency.tsv
: >"$LAT"
log "latency: ${RATE} req/s fixed rate, $LATENCY_ROUNDS rounds of ${LATENCY_SECONDS}s"
for round in $(seq 1 "$LATENCY_ROUNDS"); do
  for t in bare-yarp gateway; do
    line=$(dotnet "$(BIN bench/LoadGen LoadGen)" "${URL[$t]}" --rate "$RATE" --duration "$LATENCY_SECONDS" --warmup 2 \
             --connections "$CONNECTIONS" --cert "$CERT" --header "Authorization: Bearer ${TOK[$t]}" || true)
    echo -e "$t\t$round\t$line" | tee -a "$LAT" >&2
  done
done

out=${OUT:-$ROOT/bench/results/$(date -u +%F).md}
python3 "$ROOT/bench/report.py" results "$RUNS" "$LAT" "$WORK/usage.tsv" \
  "duration=${DURATION}s rounds=$ROUNDS connections=$CONNECTIONS wrk_threads=$THREADS seed=$SEED cores=$(nproc)" >"$out"
log "wrote $out"
cat "$out"
