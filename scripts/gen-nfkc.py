#!/usr/bin/env python3
"""Writes src/shims/unicode-normalization/src/nfkc.txt from CPython's own unicodedata
(3.11: Unicode 14), the data of the small NFKC the parser uses for identifiers.

Two kinds of lines:
    M <cp> <cp> ...   a character that can appear in an identifier, and what NFKC makes
                      of it on its own (hex code points; the first is the character)
    C <a> <b> <c>     canonical composition: starter a followed by mark b becomes c
Hangul syllables compose by formula in the shim, so they are not listed.
"""
import unicodedata

lines = []
for cp in range(0x80, 0x110000):
    ch = chr(cp)
    if not ("a" + ch).isidentifier():
        continue
    n = unicodedata.normalize("NFKC", ch)
    if n != ch:
        lines.append("M " + " ".join(f"{ord(c):X}" for c in ch + n))
for cp in range(0x80, 0x110000):
    ch = chr(cp)
    if 0xAC00 <= cp <= 0xD7A3:
        continue
    d = unicodedata.decomposition(ch)
    if not d or d.startswith("<"):
        continue
    parts = [int(x, 16) for x in d.split()]
    if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == ch:
        lines.append(f"C {parts[0]:X} {parts[1]:X} {cp:X}")
open("src/shims/unicode-normalization/src/nfkc.txt", "w").write("\n".join(lines) + "\n")
print(len(lines), "lines")
