import threading, os
with open("notes.txt", "w") as f:
    print(f)
    f.write("first line\n")
    f.writelines(["second\n", "third\n"])
print(f.closed)
with open("notes.txt") as f:
    print(repr(f.read()))
with open("notes.txt") as f:
    for line in f:
        print(line.rstrip())
with open("notes.txt", "a") as f:
    print(f.write("fourth\n"))
print(open("notes.txt").readlines())
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e, e.errno, e.filename, e.args)
try:
    open("notes.txt", "x")
except FileExistsError as e:
    print(e)
try:
    open("notes.txt", "q")
except ValueError as e:
    print(e)
f = open("notes.txt")
try:
    f.write("x")
except OSError as e:
    print(type(e).__name__, e)
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
with open("data.bin", "wb") as f:
    f.write(bytes([0, 1, 2, 255]))
with open("data.bin", "rb") as f:
    print(f.read(), f)
lock = threading.Lock()
def log(n):
    for i in range(5):
        with open("log.txt", "a") as f:
            f.write(f"thread {n} line {i}\n")
ts = [threading.Thread(target=log, args=(n,)) for n in range(4)]
for t in ts: t.start()
for t in ts: t.join()
with open("log.txt") as f:
    lines = f.read().splitlines()
print(len(lines), sorted(lines)[:3])
print(os.path.exists("log.txt"), os.path.exists("nope"), os.path.isfile("log.txt"), os.path.isdir("log.txt"))
print(sorted(n for n in os.listdir(".") if n in ("log.txt", "notes.txt", "data.bin")))
os.remove("log.txt")
print(os.path.exists("log.txt"))
try:
    os.remove("log.txt")
except FileNotFoundError as e:
    print(e)
os.mkdir("out")
with open("out/r.txt", "w") as f:
    f.write("r")
print(os.listdir("out"))
try:
    open("nodir/x.txt", "w")
except FileNotFoundError as e:
    print(e)
try:
    open("out")
except IsADirectoryError as e:
    print(e)
e = OSError(2, "No such file or directory")
print(type(e).__name__, e, repr(e))
print(str(OSError("plain")), OSError(1, 2, 3, 4, 5, 6).errno)
with open("notes.txt", "r+") as f:
    f.write("FIRST")
print(open("notes.txt").readline(), end="")
