# Identifiers are NFKC-normalised: spellings that normalise alike are one name.
ｃｏｕｎｔ = 1
count += 1
ﬁle = "ligature"
𝐱 = 10
café = "decomposed"
print(count, file, x, café)
print(sorted(k for k in globals() if not k.startswith("__")))
ſum = 5
print(sum, "ſ" == "s")
