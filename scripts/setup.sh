#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with Node 20: system packages, pnpm, dependencies,
# native build and bundles. Safe to run again; it skips what is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== setup: %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node 20 or newer is required (found $(node --version))" >&2
  exit 1
fi

install_system_packages() {
  local missing=()
  while read -r pkg; do
    case "$pkg" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done < scripts/system-packages.txt
  if [ "${#missing[@]}" -eq 0 ]; then return; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "setup: missing system packages (${missing[*]}); install them as root: apt-get install ${missing[*]}" >&2
    return
  fi
  log "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_pnpm() {
  local want
  want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
  if command -v pnpm >/dev/null && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then return; fi
  log "installing pnpm $want"
  npm install -g --silent "pnpm@$want"
}

install_system_packages
install_pnpm

# node-gyp would download Node's headers, which fails offline; the headers ship in /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_api.h ]; then
  export npm_config_nodedir=/usr
fi

log "installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only

log "building native tracer and bundles"
pnpm exec turbo run build --output-logs=errors-only
