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
# Release drops the function-name section (1.3 MB raw, a third of the module) and the
# producers section; a dev build keeps names for readable stack traces.
strip=(); [ "$PROFILE" = release ] && strip=(--remove-name-section --remove-producers-section)
wasm-bindgen --target web --no-typescript "${strip[@]}" --out-dir dist.tmp --out-name threadlab "$wasm"
if ! grep -q 'shared: *true' dist.tmp/threadlab.js; then
  echo "[build] error: the glue does not create a shared memory; see .cargo/config.toml" >&2
  exit 1
fi
cp -r static/. dist.tmp/
# Library modules the first page does not need are fetched on first import (see
# later! in src/stdlib/mod.rs): their sources go beside the site, not into the wasm.
(cd src/stdlib/py && find . -name '*.py' ! -path './tests/*' | while read -r f; do
  mkdir -p "../../../dist.tmp/stdlib/$(dirname "$f")" && cp "$f" "../../../dist.tmp/stdlib/$f"
done)
sed "s|<base href=\"/\">|<base href=\"$BASE_PATH\">|" index.html > dist.tmp/index.html
# Static hosts serve 404.html for unknown paths: that makes client-side routes work.
cp dist.tmp/index.html dist.tmp/404.html
# The service worker keeps every file of this build for offline use, in a cache named
# after a hash of them all: a new build is a new cache, picked up on the next visit.
# (Before any precompression: the list leaves out .br/.gz siblings, and sw.js must be
# stamped before a compressed copy of it is made.)
files=$(cd dist.tmp && find . -type f ! -name sw.js ! -name 404.html ! -name '*.br' ! -name '*.gz' | sed 's|^\./||' | LC_ALL=C sort)
version=$(cd dist.tmp && printf '%s\n' "$files" | xargs sha256sum | sha256sum | cut -c1-16)
list=$(printf '%s\n' "$files" | sed 's/.*/"&"/' | paste -sd, -)
sed -i "s|^const VERSION = 'unbuilt';|const VERSION = '$version';|; s|^const FILES = \[\];|const FILES = [$list];|" dist.tmp/sw.js
if ! grep -q "^const VERSION = '$version';" dist.tmp/sw.js || grep -q '^const FILES = \[\];' dist.tmp/sw.js; then
  echo "[build] error: could not stamp the build into sw.js" >&2
  exit 1
fi
node scripts/precompress.mjs dist.tmp
rm -rf dist && mv dist.tmp dist

raw=$(stat -c %s dist/threadlab_bg.wasm)
gz=$(gzip -9 -c dist/threadlab_bg.wasm | wc -c)
echo "[build] dist/ ready: wasm $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip -9; offline cache $version" >&2
