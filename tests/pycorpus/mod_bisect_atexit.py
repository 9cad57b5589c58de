# bisect (sorted insertion, grading by breakpoints, key=) and atexit (handlers run in
# reverse order when the program ends, after the main code; unregister).
import atexit
import bisect


scores = [33, 99, 77, 70, 89, 90, 100]
def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in scores])
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect_left(a, 5))
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 2), bisect.bisect_left([], 1))
bisect.insort(a, 3)
bisect.insort_left(a, 4)
bisect.insort_right(a, 0)
print(a)
people = [("ann", 31), ("bob", 25), ("cy", 40)]
people.sort(key=lambda p: p[1])
print(bisect.bisect_left(people, 30, key=lambda p: p[1]))
bisect.insort(people, ("dee", 33), key=lambda p: p[1])
print(people)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print("ValueError:", e)


def goodbye(name, punct="!"):
    print("goodbye", name + punct)


def never():
    print("never printed")


atexit.register(goodbye, "first")
atexit.register(goodbye, "second", punct="?")
atexit.register(never)
atexit.unregister(never)


@atexit.register
def last_registered():
    print("runs first at exit")


print("main code done")
