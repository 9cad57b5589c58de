data = [1, 5, 12, 7, 30]
if (n := len(data)) > 3:
    print("long list", n)
chunks = []
i = 0
while (chunk := data[i:i + 2]):
    chunks.append(chunk)
    i += 2
print(chunks)
print([y for x in data if (y := x * 2) > 10])
a = b = c = 7
print(a, b, c)
x = 1; x += 2; x *= 3; x -= 1; x //= 2; x **= 2; x %= 7; print(x)
s = "a"; s += "b"; s *= 2; print(s)
lst = [1]; lst += [2]; lst *= 2; print(lst)
print(type(...).__name__, ... is Ellipsis, NotImplemented)
