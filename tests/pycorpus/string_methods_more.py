print("Hello World".split("o"), "a-b_c".replace("-", " ").replace("_", " ").title())
print("%-10s|" % "left", "%+.3f" % 2.5, "%5.1f%%" % 12.345, "%c%c" % (72, "i"))
print("abc" < "abd", "Z" < "a", "abc" * 0, "" or "default", "x".join("123"))
csv = "name,age\nann,30\nbob,25"
rows = [line.split(",") for line in csv.splitlines()]
header, *body = rows
print(header, [dict(zip(header, r)) for r in body])
print("{:*^20}".format(" menu "), "{:>5}{:>5}".format(1, 22), f"{'x'!r:>5}")
print("ß".upper(), "İ".lower() == "i̇", "ﬁ".upper(), len("héllo"), "héllo"[1], "日本語"[::-1])
print(str(b"bytes", "utf-8"), b"abc".decode(), "abc".encode(), b"a" + b"b", list(b"hi"), bytes([65, 66]))
