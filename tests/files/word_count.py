# Threads each count the words of one book; a lock guards the shared totals; the
# report is written to a file and read back.
import os
import threading
from collections import Counter

totals = Counter()
lock = threading.Lock()

def count(path):
    with open(path, encoding="utf-8") as f:
        words = f.read().split()
    with lock:
        totals.update(words)

books = sorted(os.path.join("books", n) for n in os.listdir("books"))
print(books, [os.path.getsize(b) for b in books])
threads = [threading.Thread(target=count, args=(b,)) for b in books]
for t in threads: t.start()
for t in threads: t.join()

os.makedirs("report/out", exist_ok=True)
with open("report/out/top.txt", "w") as out:
    # Ties in any order the threads finished: sorted by count, then word.
    for word, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
        print(f"{word} {n}", file=out)
with open("report/out/top.txt") as f:
    print(f.read(), end="")
with open("books/hamlet.txt", newline="") as f:
    print(repr(f.readline()))
with open("books/hamlet.txt", "rb") as f:
    print(f.read()[:20])
print(sorted(os.listdir("report")), os.path.isdir("report/out"))
