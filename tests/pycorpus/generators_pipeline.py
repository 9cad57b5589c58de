def read_events():
    events = ["start", "tick", "tick", "error:disk", "tick", "stop"]
    for e in events:
        yield e
def only_ticks(events):
    n = 0
    for e in events:
        if e.startswith("error"):
            raise RuntimeError(e.split(":")[1])
        if e == "tick":
            n += 1
            yield n
def safe(gen):
    try:
        yield from gen
    except RuntimeError as err:
        yield f"stopped by {err}"
print(list(safe(only_ticks(read_events()))))
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print([a.send(v) for v in (10, 20, 60)])
def countdown(n):
    try:
        while n > 0:
            yield n
            n -= 1
    finally:
        print("countdown closed at", n)
c = countdown(5)
print(next(c), next(c))
c.close()
print(list(countdown(2)))
