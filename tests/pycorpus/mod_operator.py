# operator: the functions behind the operators, itemgetter/attrgetter/methodcaller,
# used with sorted() and map() as tutorials do.
import operator
from operator import itemgetter, attrgetter, methodcaller


class Job:
    def __init__(self, name, prio):
        self.name = name
        self.prio = prio

    def __repr__(self):
        return f"Job({self.name!r}, {self.prio})"


print(operator.add(2, 3), operator.sub(7, 10), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(17, 5), operator.pow(2, 10), operator.neg(4), operator.pos(-4), operator.abs(-9))
print(operator.eq(1, 1.0), operator.ne(1, 2), operator.lt("a", "b"), operator.le(3, 3), operator.gt(2, 5), operator.ge(5, 5))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.invert(5), operator.lshift(1, 8), operator.rshift(256, 4))
print(operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None))
print(operator.contains([1, 2, 3], 2), operator.countOf([1, 2, 1, 1], 1), operator.indexOf("hello", "l"))
d = {"a": 1}
operator.setitem(d, "b", 2)
print(operator.getitem(d, "b"), d)
operator.delitem(d, "a")
print(d, operator.concat([1], [2, 3]), operator.index(7))
x = [1]
print(operator.iadd(x, [2]), x, operator.iconcat([0], [9]))
rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 4.25)]
print(sorted(rows, key=itemgetter(1)))
print(sorted(rows, key=itemgetter(2, 0)))
print(itemgetter(0)("xyz"), itemgetter(slice(1, None))("xyz"), itemgetter("k", "m")({"k": 1, "m": 2}))
jobs = [Job("write", 2), Job("read", 1), Job("sync", 3)]
print(sorted(jobs, key=attrgetter("prio")))
print(attrgetter("name", "prio")(jobs[0]), attrgetter("name.upper")(jobs[1])())
print(list(map(methodcaller("upper"), ["a", "b"])), methodcaller("split", ",")("1,2,3"), methodcaller("rjust", 5, "*")("ab"))
print(repr(itemgetter(1)), repr(attrgetter("x")), repr(methodcaller("get", "k", default=0)))
from functools import reduce
print(reduce(operator.mul, range(1, 8)), list(map(operator.add, [1, 2], [10, 20])))
try:
    itemgetter(5)([1, 2])
except IndexError as e:
    print("IndexError:", e)
try:
    operator.index(2.5)
except TypeError as e:
    print("TypeError:", e)
