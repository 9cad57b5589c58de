#!/usr/bin/env bash
# Installs what is missing, builds the site and serves it on http://127.0.0.1:$PORT
# (default 8000) with the cross-origin isolation headers threads need.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_BROWSER=0 scripts/setup.sh
scripts/build-site.sh
cargo build --bin threadlab-serve
exec "${CARGO_TARGET_DIR:-target}/debug/threadlab-serve" dist
