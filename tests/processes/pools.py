import time
from multiprocessing import Pool
from concurrent.futures import ProcessPoolExecutor, as_completed

def square(x):
    return x * x

def add(a, b):
    return a + b

def boom(x):
    if x == 3:
        raise ValueError(f'bad {x}')
    return x

def count_primes(lo, hi):
    n = 0
    for k in range(lo, hi):
        if k > 1 and all(k % d for d in range(2, int(k ** 0.5) + 1)):
            n += 1
    return n

if __name__ == '__main__':
    import multiprocessing; multiprocessing.set_start_method('spawn')
    with Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.starmap(add, [(1, 2), (3, 4)]))
        r = pool.apply_async(square, (7,))
        print(r.get(timeout=5), r.successful())
        print(list(pool.imap(square, range(5))))
        print(sorted(pool.imap_unordered(square, range(5))))
        try:
            pool.map(boom, range(5))
        except ValueError as e:
            print('ValueError', e, type(e.__cause__).__name__)
    with ProcessPoolExecutor(max_workers=2) as ex:
        fs = [ex.submit(square, i) for i in range(5)]
        print(sorted(f.result() for f in as_completed(fs)))
        print(list(ex.map(add, [1, 2], [10, 20])))
        f = ex.submit(boom, 3)
        print(repr(f.exception()))
