#!/usr/bin/env python3
"""Writes src/shims/unicode_names2/src/names.txt: the Unicode character names that
"\\N{...}" escapes can use in Threadlab, read from CPython's own unicodedata (so the
names are those of the CPython that runs this, 3.11: Unicode 14), plus the formal
aliases of those characters and of the control characters (NameAliases.txt, given as
the first argument; the unicode_names2 crate in ~/.cargo/registry carries a copy).

The full table is 870 KB of wasm (313 KB compressed), most of the parser's size; these
blocks cover what programs type: Latin, Greek, Cyrillic, punctuation, currency, arrows,
mathematical operators, box drawing, shapes, symbols, dingbats and common emoji.
"""
import sys
import unicodedata

BLOCKS = [
    (0x20, 0x7E), (0xA0, 0x17F), (0x370, 0x3FF), (0x400, 0x45F), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x20A0, 0x20C0), (0x2100, 0x214F), (0x2150, 0x218B),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2460, 0x24FF),
    (0x2500, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF), (0x27F0, 0x27FF),
    (0x2B00, 0x2BFF), (0x3000, 0x303F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFF01, 0xFF5E), (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF),
]
CONTROLS = list(range(0x00, 0x20)) + list(range(0x7F, 0xA0))

def inside(cp):
    return cp in CONTROLS or any(a <= cp <= b for a, b in BLOCKS)

rows = {}
for a, b in BLOCKS:
    for cp in range(a, b + 1):
        name = unicodedata.name(chr(cp), None)
        if name:
            rows[name] = cp
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    cp, alias, _kind = line.split(";")
    cp = int(cp, 16)
    if not inside(cp) or alias in rows:
        continue
    try:
        ok = unicodedata.lookup(alias) == chr(cp)
    except KeyError:
        ok = False  # an alias newer than this CPython's Unicode: CPython refuses it too
    if ok:
        rows[alias] = cp
out = "".join(f"{cp:X} {name}\n" for name, cp in sorted(rows.items()))
open("src/shims/unicode_names2/src/names.txt", "w").write(out)
print(f"{len(rows)} names, {len(out)} bytes", file=sys.stderr)
