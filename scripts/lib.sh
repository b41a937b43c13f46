# Shared helpers for demo.sh and test.sh (sourced, not run).

# Installs Debian packages that are missing; tests and the demo need real tools, never skip them.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
    exit 1
  fi
}

# A free TCP port on loopback (nothing answers on it now).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
}

# Debian's PostgreSQL server binaries (initdb, pg_ctl) are not on PATH.
pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a PostgreSQL tool as the postgres user when we are root (the server refuses to run as root).
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres DIR PORT: a throwaway cluster in DIR on 127.0.0.1:PORT, trust auth on loopback, user postgres.
# DIR's parent must be one the postgres user can enter (mktemp -d, then chmod 755).
start_postgres() {
  local dir="$1" port="$2" bin
  bin="$(pg_bin)"
  if [ -z "$bin" ]; then echo "PostgreSQL server binaries not found (Debian package postgresql)." >&2; return 1; fi
  mkdir -p "$dir"
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  if ! as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    return 1
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off" start >/dev/null; then
    cat "$dir/server.log" >&2
    return 1
  fi
}

stop_postgres() {
  local dir="$1"
  [ -d "$dir/data" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}

# start_redis DIR PORT: a throwaway Redis on 127.0.0.1:PORT with no persistence.
start_redis() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$dir" --save '' --appendonly no \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  local i
  for i in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis did not start on port $port" >&2
  return 1
}

stop_redis() {
  local dir="$1"
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
}

# Lints ./Dockerfile with dockerfilelint, installed from npm into .tools/dockerfilelint on first use.
DOCKERFILELINT_VERSION=1.8.0
lint_dockerfile() {
  local prefix=.tools/dockerfilelint
  local bin="$prefix/node_modules/.bin/dockerfilelint"
  if [ ! -x "$bin" ] || ! grep -q "\"version\": \"$DOCKERFILELINT_VERSION\"" "$prefix/node_modules/dockerfilelint/package.json" 2>/dev/null; then
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "dockerfilelint@$DOCKERFILELINT_VERSION" >/dev/null || return 1
  fi
  "$bin" Dockerfile
}
