# io.StringIO: appends, overwrites after a seek, writes past the end, truncate, and
# reads interleaved with writes (our StringIO collects appends in a list and joins
# them on the next read; every path must give CPython's text and positions).
import io

s = io.StringIO()
for i in range(1000):
    s.write(f"line {i}\n")
print(len(s.getvalue()), s.tell())
s.seek(5)
print(repr(s.read(3)), s.tell())
s.seek(0)
s.write("LINE")
print(repr(s.getvalue()[:12]), s.tell())
s.seek(0, 2)
s.write("tail\n")
print(repr(s.getvalue()[-12:]), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.readline()), s.tell())
s.write("after readline ")
s.write("and more\n")
print(repr(s.getvalue()[:40]))
s.truncate(20)
print(repr(s.getvalue()), s.tell())
s.write("x")
print(repr(s.getvalue()), s.tell())

t = io.StringIO("hello")
t.seek(8)
t.write("!")
print(repr(t.getvalue()), t.tell())
t.seek(0, 2)
print(t.tell())
t.write("a")
t.write("b")
t.seek(0)
print(repr(t.read()))
print(t.truncate(), repr(t.getvalue()))

u = io.StringIO()
print(u.write(""), repr(u.getvalue()), u.tell())
u.writelines(["a\n", "b\n", "c"])
print(list(io.StringIO(u.getvalue())), u.tell())
print(u.seek(1), repr(u.read()))
