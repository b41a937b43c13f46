# Shared by bench/run.sh and bench/layers.sh (sourced, not run): the temporary folder and its cleanup, the
# throwaway certificate, background processes, readiness, and the settings every benchmarked gateway runs with.
# The caller sets ROOT and defines log().

# A temporary folder ($WORK) removed at exit with every process started in it (KEEP_WORK=1 keeps the folder).
bench_workdir() { # prefix
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  PIDS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
bench_cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}

# One self-signed P-256 certificate for every target: $CERT and $KEY.
bench_certificate() {
  CERT=$WORK/tls.crt KEY=$WORK/tls.key
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$KEY" -out "$CERT" 2>/dev/null
}

start() { # name, command...: in the background, output to $WORK/<name>.log; pid in $PID_<name> and $WORK/<name>.pid
  local name=$1; shift
  "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$WORK/$name.pid"
  eval "PID_${name//-/_}=$!"
}

wait_ok() { # url [curl args...]: until it answers 200
  local url=$1; shift
  for _ in $(seq 1 240); do
    [[ $(curl -sk -o /dev/null -w '%{http_code}' "$@" "$url" || true) == 200 ]] && return 0
    sleep 0.5
  done
  log "not ready: $url"; tail -n 20 "$WORK"/*.log >&2; exit 1
}

start_bare_yarp() { # dll, port, upstream port
  start bare-yarp dotnet "$1" \
    --Kestrel:Endpoints:Https:Url="https://127.0.0.1:$2" \
    --Kestrel:Endpoints:Https:Certificate:Path="$CERT" --Kestrel:Endpoints:Https:Certificate:KeyPath="$KEY" \
    --Upstream="http://127.0.0.1:$3/"
}

# The settings of a benchmarked gateway, exported (call it in the subshell that runs the gateway).
gateway_settings() { # data dir, public port, admin port, upstream port
  export Gateway__Storage__DataPath="$1" Gateway__Audit__Path="$1/logs"
  export Kestrel__Endpoints__Public__Url="https://127.0.0.1:$2" Kestrel__Endpoints__Admin__Url="https://127.0.0.1:$3"
  export Kestrel__Certificates__Default__Path="$CERT" Kestrel__Certificates__Default__KeyPath="$KEY"
  export ReverseProxy__Clusters__billing__Destinations__primary__Address="http://127.0.0.1:$4/"
  export Gateway__Proxy__Backends__billing__Value="Bearer bench-backend-secret"
  # The limiter runs on every request but must never trip: 1,000,000 permits (the maximum) per 10 s window.
  export Gateway__RateLimiting__PermitsPerMinute=1000000 Gateway__RateLimiting__Window=00:00:10
}
