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
