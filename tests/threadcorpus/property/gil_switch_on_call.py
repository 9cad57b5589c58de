# property: last-line-int-between 0 1
# property: line-count 2
# property: each-line-matches (iadd lost nothing: (True|False)|[01])
#
# Two CPython 3.11 switch-point facts in one run (4 threads x 50000 each):
# line 1: a plain `+= 1` loop never loses under the GIL (property[gil] below);
# line 2: 1 if the `counter = counter + one()` loop lost updates, else 0.
# Measured on CPython 3.11.7 (2 cores), 20 runs: line 1 True x20; line 2: 1 x15, 0 x5.
# property[gil]: each-line-matches (iadd lost nothing: True|[01])
import threading

plain = 0
called = 0

def one():
    return 1

def work():
    global plain, called
    for _ in range(50000):
        plain += 1
    for _ in range(50000):
        called = called + one()

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("iadd lost nothing:", plain == 200000)
print(1 if called < 200000 else 0)
