# "\N{...}" escapes: names, any letter case, formal aliases, ideographs by code; repr()
# escapes the invisible ones.
samples = [
    "\N{BULLET} \N{EM DASH} \N{HORIZONTAL ELLIPSIS}",
    "\N{greek small letter lamda}\N{Greek Capital Letter Omega}",
    "caf\N{LATIN SMALL LETTER E WITH ACUTE}",
    "\N{SNAKE}\N{SPOOL OF THREAD}\N{LOCK}\N{KEY}",
    "\N{BOX DRAWINGS LIGHT HORIZONTAL}" * 3,
    "\N{CJK UNIFIED IDEOGRAPH-7EBF}",
    "\N{EURO SIGN}\N{DEGREE SIGN}\N{MICRO SIGN}",
]
for s in samples:
    print(s, [hex(ord(c)) for c in s])
print(repr("a\N{LINE FEED}b\N{NBSP}c\N{ZWSP}d\N{NULL}"))
print(repr(b"\N{BULLET}"))
print(repr("\N{EN QUAD}\N{SOFT HYPHEN}\N{ZERO WIDTH JOINER}\N{LINE SEPARATOR}\N{IDEOGRAPHIC SPACE}\N{BYTE ORDER MARK}x"))
