import multiprocessing as mp
import time

def work(v, n):
    for _ in range(n):
        v.value += 1

def locked(v, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1

def fail():
    raise KeyError('nope')

def pinger(conn):
    conn.send(['ping', conn.recv()])
    conn.close()

def forever():
    while True:
        time.sleep(0.01)

def quits():
    raise SystemExit(3)

if __name__ == '__main__':
    mp.set_start_method('spawn')
    v = mp.Value('i', 0)
    ps = [mp.Process(target=locked, args=(v, 200)) for _ in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print('locked', v.value)
    p = mp.Process(target=fail); p.start(); p.join(); print('exitcode', p.exitcode)
    p = mp.Process(target=quits); p.start(); p.join(); print('exitcode', p.exitcode)
    a, b = mp.Pipe()
    p = mp.Process(target=pinger, args=(b,)); p.start()
    a.send(42); print(a.recv()); p.join()
    p = mp.Process(target=forever); p.start(); time.sleep(0.1); print(p.is_alive()); p.terminate(); p.join(); print('terminated', p.exitcode, p.is_alive())
    try:
        mp.Process(target=lambda: 1).start()
    except Exception as e:
        print(type(e).__name__, str(e)[:60].split(' at ')[0])
    def local(): pass
    try:
        mp.Process(target=local).start()
    except Exception as e:
        print(type(e).__name__, e)
    import threading
    try:
        mp.Process(target=print, args=(threading.Lock(),)).start()
    except Exception as e:
        print(type(e).__name__, e)
    q = mp.Queue(maxsize=1)
    q.put(1)
    try:
        q.put(2, timeout=0.1)
    except Exception as e:
        print('full', type(e).__name__)
    print(q.get(), q.empty())
    try:
        q.get(timeout=0.05)
    except Exception as e:
        print('empty', type(e).__name__)
    l = mp.Lock()
    l.acquire(); l.release()
    try:
        l.release()
    except ValueError as e:
        print(e)
    e = mp.Event(); print(e.wait(0.05), e.is_set()); e.set(); print(e.wait(1))
    print(mp.current_process().name, mp.parent_process(), mp.active_children())
    print(mp.get_start_method() in ('spawn', 'fork'))
