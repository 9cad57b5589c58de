print("start")
s = "a" * (10 ** 12)
