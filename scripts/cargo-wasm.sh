#!/usr/bin/env bash
# `cargo <cmd>` for the browser: the wasm target, with std rebuilt for shared memory
# (atomics). Usage: scripts/cargo-wasm.sh build --lib --release | scripts/cargo-wasm.sh test --test web
set -euo pipefail
cd "$(dirname "$0")/.."
cmd="$1"; shift
exec cargo "$cmd" -Zbuild-std=panic_abort,std --target wasm32-unknown-unknown "$@"
