#!/usr/bin/env bash
# Builds the static site into dist/: the wasm module (release, shared memory), its JS
# glue, index.html and static/. BASE_PATH=/sub/path/ builds for hosting under a folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE="${PROFILE:-release}"
BASE_PATH="${BASE_PATH:-/}"
case "$BASE_PATH" in */) ;; *) BASE_PATH="$BASE_PATH/" ;; esac

flag=(); [ "$PROFILE" = release ] && flag=(--release)
echo "[build] wasm ($PROFILE)" >&2
scripts/cargo-wasm.sh build --lib "${flag[@]}"
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$([ "$PROFILE" = release ] && echo release || echo debug)/threadlab.wasm"

rm -rf dist.tmp && mkdir -p dist.tmp
wasm-bindgen --target web --no-typescript --out-dir dist.tmp --out-name threadlab "$wasm"
if ! grep -q 'shared: *true' dist.tmp/threadlab.js; then
  echo "[build] error: the glue does not create a shared memory; see .cargo/config.toml" >&2
  exit 1
fi
cp -r static/. dist.tmp/
sed "s|<base href=\"/\">|<base href=\"$BASE_PATH\">|" index.html > dist.tmp/index.html
# Static hosts serve 404.html for unknown paths: that makes client-side routes work.
cp dist.tmp/index.html dist.tmp/404.html
rm -rf dist && mv dist.tmp dist

raw=$(stat -c %s dist/threadlab_bg.wasm)
gz=$(gzip -9 -c dist/threadlab_bg.wasm | wc -c)
echo "[build] dist/ ready: wasm $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip -9" >&2
