text = """The quick brown fox jumps over the lazy dog.
The dog barks; the fox runs away!
A quick end."""
words = [w.strip(".,;!").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word:<8}{n:>3} {'#' * n}")
lines = text.splitlines()
print(len(lines), [len(l) for l in lines], max(lines, key=len)[:10])
print(" ".join(w[::-1] for w in "hello world".split()), text.count("the"), text.lower().count("the"))
caesar = "".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.islower() else c for c in "attack at dawn")
print(caesar)
