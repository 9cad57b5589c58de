#!/usr/bin/env bash
# Installs every tool the project needs, idempotently: quick when all is present.
# Used by scripts/serve.sh and scripts/test.sh (and so by CI); never install by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.129
WASM_PACK_VERSION=0.15.1
log() { printf '[setup] %s\n' "$*" >&2; }

# 1. The pinned Rust toolchain (rust-toolchain.toml) with rust-src and the wasm target.
if ! rustup run nightly-2026-05-20 rustc --version >/dev/null 2>&1 \
   || ! rustup +nightly-2026-05-20 component list --installed 2>/dev/null | grep -q '^rust-src' \
   || ! rustup +nightly-2026-05-20 target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown'; then
  log "installing the Rust toolchain from rust-toolchain.toml"
  rustup toolchain install >&2
fi

# 2. wasm-bindgen CLI (and wasm-bindgen-test-runner), matching the crate version exactly.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo +nightly-2026-05-20 install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked >&2
fi

# 2b. wasm-pack, which runs the browser test suite (`wasm-pack test --headless --chrome`);
# it finds the wasm-bindgen-test-runner installed above (same version as the crate).
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
  cargo +nightly-2026-05-20 install wasm-pack --version "$WASM_PACK_VERSION" --locked >&2
fi

# 3. Chromium and ChromeDriver from Debian (for the browser tests only).
if [ "${SETUP_BROWSER:-1}" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    $SUDO apt-get install -y -qq chromium chromium-driver >&2
  fi
  # 4. playwright-core (drives Debian's Chromium; downloads no browser of its own) and axe-core.
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    log "installing npm packages for the end-to-end tests"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
fi
# tests/net.rs compares our requests with the real package on CPython.
if ! python3 -c 'import requests' 2>/dev/null; then
  log "installing the requests package for CPython (tests/net.rs compares with it)"
  python3 -m pip install --quiet 'requests==2.34.2'
fi

log "tools ready"
