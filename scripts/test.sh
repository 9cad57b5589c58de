#!/usr/bin/env bash
# Installs what is missing and runs every test: native (engine, lessons, server),
# wasm in headless Chromium (threads on workers), and end-to-end on the real site.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n==== %s ====\n' "$*"; }

step "native tests"
cargo test

step "lessons on CPython (every block runs, every solution passes its check)"
python3 tests/check_lessons.py

step "wasm tests in headless Chromium (wasm-pack)"
# The runner's default limit (20 s for the whole file) is too short for the Python
# thread tests on a 2-core machine. wasm-pack builds every test target for wasm (the
# native-only ones are empty there) and runs tests/web.rs; std is rebuilt with atomics
# (CARGO_UNSTABLE_BUILD_STD, as scripts/cargo-wasm.sh does with -Zbuild-std).
CARGO_UNSTABLE_BUILD_STD=panic_abort,std WASM_BINDGEN_TEST_TIMEOUT=300 \
  wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver . --test web

step "build the site"
scripts/build-site.sh
cargo build --bin threadlab-serve

step "end-to-end tests (real server, real site, headless Chromium)"
node --test --test-reporter=spec tests/e2e/
