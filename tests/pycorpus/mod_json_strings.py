# json string escapes: the fast path for strings that need none, and every escape around it.
import json
cases = ["", "a", "plain text", 'q"uote', "back\\slash", "tab\there", "nl\n", "\x00", "\x1f", "\x7f", "caf\u00e9", "\u2028", "\U0001f600", " ", "~", "mix\u00e9\"\n"]
for c in cases:
    print(json.dumps(c), json.dumps(c, ensure_ascii=False), json.dumps({c: [c]}))
