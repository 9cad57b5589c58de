# asyncio as tutorials use it: run, sleep, gather, create_task, wait_for, Queue, Lock,
# Event, Semaphore, to_thread, cancellation; the output does not depend on timing
# beyond the order the sleeps give.
import asyncio, threading, time

async def say(word, delay, out):
    await asyncio.sleep(delay)
    out.append(word)
    return word.upper()

async def gather_demo():
    out = []
    start = time.perf_counter()
    results = await asyncio.gather(say("c", 0.03, out), say("a", 0.01, out), say("b", 0.02, out))
    took = time.perf_counter() - start
    print("gather", results, out, "overlapped" if took < 0.055 else f"serial {took:.3f}")

async def tasks_demo():
    out = []
    t1 = asyncio.create_task(say("x", 0.02, out), name="slow")
    t2 = asyncio.create_task(say("y", 0.01, out))
    print(t1.get_name(), t1.done())
    print(await t1, await t2, out, t1.done(), t1.result())

async def timeout_demo():
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.02)
    except asyncio.TimeoutError:
        print("timed out", asyncio.TimeoutError is TimeoutError)
    print("in time", await asyncio.wait_for(say("z", 0.01, []), timeout=1))

async def cancel_demo():
    cleaned = []
    async def worker():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cleaned.append("cancelled")
            raise
        finally:
            cleaned.append("finally")
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", t.cancelled(), cleaned)

async def queue_demo():
    q = asyncio.Queue(maxsize=2)
    seen = []
    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)
    async def consumer():
        while (item := await q.get()) is not None:
            seen.append(item * item)
            q.task_done()
        q.task_done()
    await asyncio.gather(producer(), consumer())
    await q.join()
    print("queue", seen, q.empty())

async def lock_demo():
    lock = asyncio.Lock()
    counter = 0
    async def bump():
        nonlocal counter
        for _ in range(100):
            async with lock:
                v = counter
                await asyncio.sleep(0)
                counter = v + 1
    await asyncio.gather(*(bump() for _ in range(4)))
    print("lock", counter, lock.locked())

async def event_and_semaphore():
    ev = asyncio.Event()
    sem = asyncio.Semaphore(2)
    active, peak = 0, 0
    async def job(n):
        nonlocal active, peak
        await ev.wait()
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.005)
            active -= 1
        return n
    tasks = [asyncio.create_task(job(n)) for n in range(5)]
    await asyncio.sleep(0.01)
    print("before set", sum(t.done() for t in tasks))
    ev.set()
    print("semaphore", await asyncio.gather(*tasks), "peak", peak)

async def thread_demo():
    def blocking(n):
        time.sleep(0.02)
        return n * 10, threading.current_thread() is not threading.main_thread()
    start = time.perf_counter()
    r = await asyncio.gather(asyncio.to_thread(blocking, 1), asyncio.to_thread(blocking, 2))
    print("to_thread", r, "overlapped" if time.perf_counter() - start < 0.039 else "serial")

async def errors_demo():
    async def fail():
        await asyncio.sleep(0)
        raise ValueError("bad")
    print(await asyncio.gather(fail(), say("ok", 0, []), return_exceptions=True))
    try:
        await asyncio.gather(fail(), say("ok", 0, []))
    except ValueError as e:
        print("gather raised", e)
    done, pending = await asyncio.wait([asyncio.create_task(say("w", 0.01, []))])
    print("wait", [t.result() for t in done], pending)
    order = []
    for f in asyncio.as_completed([say("late", 0.02, []), say("early", 0.01, [])]):
        order.append(await f)
    print("as_completed", order)

async def main():
    print("running", asyncio.get_running_loop().is_running(), asyncio.current_task().get_name() != "")
    await gather_demo()
    await tasks_demo()
    await timeout_demo()
    await cancel_demo()
    await queue_demo()
    await lock_demo()
    await event_and_semaphore()
    await thread_demo()
    await errors_demo()
    return "done"

print(asyncio.run(main()))
try:
    asyncio.run(say("x", 0, []) if False else 5)
except ValueError as e:
    print("ValueError", e)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError", e)
