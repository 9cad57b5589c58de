# dis: our bytecode in dis's layout, checked by properties that hold for CPython's too
# (opcode names present, jump marks, per-class disassembly, the TypeError for non-code).
import dis, io

def add(a, b):
    return a + b

def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total

class C:
    def m(self):
        return self.x

for f in (add, loop, C().m):
    buf = io.StringIO()
    dis.dis(f, file=buf)
    text = buf.getvalue()
    print(f.__name__, "LOAD_FAST" in text, "RETURN_VALUE" in text, "BINARY_OP" in text, "(+)" in text or "(+=)" in text, ">>" in text, "LOAD_ATTR" in text)
buf = io.StringIO()
dis.dis(C, file=buf)
print("Disassembly of m:" in buf.getvalue())
try:
    dis.dis(5)
except TypeError as e:
    print("TypeError", e)
