// Writes x.br and x.gz beside every compressible file of a built site (default dist/),
// so threadlab-serve can send them to browsers that accept them without compressing on
// each request. Prints what a browser sending "Accept-Encoding: br, gzip" receives.
// Node's own zlib (brotli quality 11, gzip level 9): no npm package needed.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = process.argv[2] || 'dist';
const PACK = /\.(wasm|js|mjs|css|html|svg|json|webmanifest|txt|md|py)$/;
let raw = 0, sent = 0;
const rows = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) { walk(file); continue; }
    if (/\.(br|gz)$/.test(name)) continue;
    const body = readFileSync(file);
    let best = body.length;
    if (PACK.test(name) && body.length > 512) {
      const br = zlib.brotliCompressSync(body, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      } });
      const gz = zlib.gzipSync(body, { level: 9 });
      writeFileSync(`${file}.br`, br);
      writeFileSync(`${file}.gz`, gz);
      best = br.length;
    }
    raw += body.length;
    sent += best;
    rows.push([path.relative(root, file), body.length, best]);
  }
}

walk(root);
rows.sort((a, b) => b[2] - a[2]);
for (const [name, r, s] of rows.slice(0, 5)) {
  console.error(`[precompress] ${name}: ${(r / 1024).toFixed(0)} KiB -> ${(s / 1024).toFixed(0)} KiB`);
}
console.error(`[precompress] all of ${root}/: ${(raw / 1024).toFixed(0)} KiB raw, ${(sent / 1024).toFixed(0)} KiB as sent with br`);
