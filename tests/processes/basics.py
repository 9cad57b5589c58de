import os
from multiprocessing import Process, Queue, current_process

counter = 0

def bump(q, n):
    global counter
    counter += n
    q.put((current_process().name, counter, os.getpid() != os.getppid()))

if __name__ == '__main__':
    import multiprocessing; multiprocessing.set_start_method('spawn')
    q = Queue()
    ps = [Process(target=bump, args=(q, i)) for i in range(1, 4)]
    print(repr(ps[0]).replace(str(os.getpid()), 'PID'))
    for p in ps:
        p.start()
    got = sorted(q.get() for _ in ps)
    for p in ps:
        p.join()
    print(got)
    print('parent counter', counter, [p.exitcode for p in ps], len({p.pid for p in ps}))
    print(ps[0].name, ps[0].is_alive())
