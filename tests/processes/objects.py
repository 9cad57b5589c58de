import multiprocessing as mp
from collections import deque, Counter, OrderedDict, defaultdict
from multiprocessing.reduction import ForkingPickler

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f'Point({self.x}, {self.y})'

class Oops(Exception):
    pass

def show(q, *objs):
    q.put(objs)

if __name__ == '__main__':
    mp.set_start_method('spawn')
    shared = [1, 2]
    data = (None, True, False, -12345678901234567890, 1.5, float('inf'), 'héllo\n:;', b'\x00\xff', [shared, shared],
            {'a': {1, 2}, 3: frozenset({4})}, deque([1, 2], maxlen=5), Counter('abca'), OrderedDict(a=1),
            defaultdict(list, {'k': [1]}), Point(1, 2), Oops('bad', 7), range(2, 9, 3), len, Point, KeyError)
    q = mp.Queue()
    p = mp.Process(target=show, args=(q,) + data)
    p.start()
    back = q.get()
    p.join()
    for x in back:
        print(type(x).__name__, repr(x))
    print(back[8][0] is back[8][1], back == data[:-6] + back[-6:])
    cyc = []
    cyc.append(cyc)
    c2 = ForkingPickler.loads(ForkingPickler.dumps(cyc))
    print(c2[0] is c2)
