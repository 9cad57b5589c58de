# Async generators and async for: yield inside async def, __anext__/asend/athrow/aclose,
# async iterators written as classes, cancellation reaching a generator that awaits,
# and asyncio.run closing the generators left suspended (shutdown_asyncgens).
import asyncio
import inspect
import types


async def ticker(n, delay):
    """Counts to n, sleeping between numbers."""
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            got = yield i
            if got is not None:
                print("sent", got)
    finally:
        print("ticker cleanup")


async def squares(src):
    async for x in src:
        yield x * x


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n


async def main():
    print(inspect.isasyncgenfunction(ticker), inspect.iscoroutinefunction(ticker), inspect.isgeneratorfunction(ticker))
    g = ticker(3, 0.01)
    print(type(g).__name__, inspect.isasyncgen(g), isinstance(g, types.AsyncGeneratorType))
    print(repr(g).startswith("<async_generator object ticker at 0x"))
    async for v in g:
        print("got", v)
    async for v in squares(ticker(4, 0)):
        print("sq", v)
    else:
        print("else ran")
    async for v in Countdown(3):
        print("count", v)
        if v == 1:
            break
    # asend / athrow / aclose
    g = ticker(5, 0)
    print(await g.__anext__())
    print(await g.asend("hello"))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed: StopAsyncIteration")
    g = ticker(5, 0)
    print(await g.__anext__())
    try:
        await g.athrow(ValueError("boom"))
    except ValueError as e:
        print("athrow raised", e)
    # Two consumers in tasks
    async def consume(name):
        out = []
        async for v in ticker(3, 0.01):
            out.append(v)
        return name, out
    print(await asyncio.gather(consume("a"), consume("b")))
    # errors
    try:
        async for x in [1, 2]:
            pass
    except TypeError as e:
        print("TypeError:", e)
    # exception from the body propagates, then the generator is finished
    async def bad():
        yield 1
        raise KeyError("k")
    b = bad()
    print(await b.__anext__())
    try:
        await b.__anext__()
    except KeyError as e:
        print("KeyError", e)
    try:
        await b.__anext__()
    except StopAsyncIteration:
        print("finished after error")
    # aclose on a never-started generator
    await ticker(2, 0).aclose()
    print("done")


asyncio.run(main())




async def slow_numbers():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.05)
            yield n
            n += 1
    except asyncio.CancelledError:
        print("generator saw CancelledError")
        raise
    finally:
        print("generator finally")


async def reader(out):
    async for n in slow_numbers():
        out.append(n)


async def main2():
    out = []
    t = asyncio.create_task(reader(out))
    await asyncio.sleep(0.17)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled after", out)
    # break early: the generator is left suspended; closing it runs its finally
    g = slow_numbers()
    async for n in g:
        if n == 1:
            break
    print("broke at", n)
    await g.aclose()
    print("end of main")


asyncio.run(main2())


kept = []


async def left_open():
    # Kept alive, so CPython closes it at the end of asyncio.run (shutdown_asyncgens)
    # rather than when it is collected.
    g = slow_numbers()
    kept.append(g)
    async for n in g:
        break
    print("left_open returns; the generator is still suspended")

asyncio.run(left_open())
print("after run")


# Asynchronous comprehensions: async for (and await) inside list, set, dict and
# generator expressions.
async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def comprehensions():
    print([x async for x in numbers(5)])
    print({x % 3 async for x in numbers(7)})
    print({x: x * x async for x in numbers(4) if x != 2})
    print([await double(x) for x in range(4)])
    print([(a, b) async for a in numbers(3) for b in "xy" if a != 1])
    print([(a, b) for a in "pq" async for b in numbers(2)])
    evens = (x async for x in numbers(10) if x % 2 == 0)
    print(type(evens).__name__)
    print([y async for y in evens])


asyncio.run(comprehensions())
g = (x async for x in numbers(3))
print(type(g).__name__)
