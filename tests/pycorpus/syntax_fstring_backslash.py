# 3.11: no backslash in an f-string expression part (3.12 allows it).
words = ["a", "b"]
print(f"{len(words)} words")
print(f"{'\\n'.join(words)}")
