async def fib(n):
    if n <= 1:
        return n
    return await fib(n - 1) + await fib(n - 2)

c = fib(10)
print(type(c).__name__, repr(c).split(" at ")[0])
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)

class Ready:
    def __init__(self, v): self.v = v
    def __await__(self):
        yield "suspended"
        return self.v

async def main():
    x = await Ready(5)
    y = await fib(6)
    return x + y

m = main()
print(m.send(None))
try:
    m.send(None)
except StopIteration as e:
    print("done", e.value)

def gen():
    r = yield from sub()
    print("sub returned", r)
def sub():
    yield 1
    return 42
print(list(gen()))

async def bad():
    await 3
try:
    bad().send(None)
except TypeError as e:
    print("TypeError", e)
try:
    for x in fib(1): pass  # never awaited: CPython warns on stderr
except TypeError as e:
    print("TypeError", e)


class Res:
    def __init__(self, name, swallow=False): self.name, self.swallow = name, swallow
    async def __aenter__(self):
        print("enter", self.name); return self.name.upper()
    async def __aexit__(self, t, e, tb):
        print("exit", self.name, t.__name__ if t else None); return self.swallow

async def main():
    async with Res("a") as x, Res("b") as y:
        print("body", x, y)
    async with Res("c", swallow=True):
        raise ValueError("boom")
    for i in range(3):
        async with Res(f"loop{i}"):
            if i == 1:
                break
    try:
        async with Res("d"):
            raise KeyError("k")
    except KeyError as e:
        print("caught", e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError", e)
    return "ok"

c2 = main()
try:
    c2.send(None)
except StopIteration as e:
    print(e.value)

import inspect, types
print(inspect.iscoroutinefunction(fib), inspect.iscoroutine(fib(1)), isinstance(m, types.CoroutineType), inspect.isgeneratorfunction(fib))

# throw() reaches the innermost awaited generator first: its handlers run.
class Waiting:
    def __await__(self):
        try:
            yield "waiting"
        except KeyError:
            print("inner saw KeyError")
            raise ValueError("converted")

async def outer():
    try:
        await Waiting()
    except ValueError as e:
        print("outer got", e)
        return "recovered"

o = outer()
print(o.send(None))
try:
    o.throw(KeyError("k"))
except StopIteration as e:
    print("finished with", e.value)
