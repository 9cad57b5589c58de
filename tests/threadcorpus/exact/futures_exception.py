# A task that raises: exception() returns it, result() re-raises it.
from concurrent.futures import ThreadPoolExecutor

def divide(a, b):
    return a / b

with ThreadPoolExecutor(max_workers=1) as ex:
    bad = ex.submit(divide, 1, 0)
    good = ex.submit(divide, 6, 3)
    err = bad.exception()
    print(type(err).__name__, err)
    print("done:", bad.done(), "good:", good.result())
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("result() raised:", e)
    print("good exception:", good.exception())
print("uncaught next")
bad.result()
