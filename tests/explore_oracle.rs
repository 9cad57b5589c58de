//! The reduced search against brute force: for small programs, every interleaving of
//! steps without any reduction (`ExploreOptions::exhaustive`) and the DPOR search with
//! sleep sets must find exactly the same set of outcomes. A dependence relation that
//! calls two steps independent when they are not drops an outcome here.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use threadlab::runtime::explore::{self, Exploration, ExploreOptions};

const FILE: &str = "/tmp/oracle.py";

/// Programs are kept small enough for brute force to finish within this many runs.
const BRUTE_MAX: usize = 20_000;

fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap()
}

fn outcomes(e: &Exploration) -> BTreeSet<(String, String, i32)> {
    e.outcomes.iter().map(|o| (o.stdout.clone(), o.stderr.clone(), o.exit_code)).collect()
}

/// Small programs: 2-3 threads, a few shared operations, locks, conditions, dicts.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "unlocked increment",
        "import threading
x = 0
def f():
    global x
    x = x + 1
    pad.append(1)
pad = []
t = threading.Thread(target=f)
t.start()
f()
t.join()
print(x)
",
    ),
    (
        "locked increment and a reader",
        "import threading
x = 0
lock = threading.Lock()
def f():
    global x
    with lock:
        x = x + 1
t = threading.Thread(target=f)
t.start()
with lock:
    print('saw', x)
t.join()
",
    ),
    (
        "two locks, opposite order",
        "import threading
a = threading.Lock(); b = threading.Lock()
def f():
    with a:
        with b:
            pass
t = threading.Thread(target=f)
t.start()
with b:
    with a:
        pass
t.join()
print('done')
",
    ),
    (
        "dict items under different keys",
        "import threading
d = {}
def f(k):
    d[k] = 1
    pad[k] = 1
pad = {}
t = threading.Thread(target=f, args=('a',))
t.start()
f('b')
t.join()
print(list(d))
",
    ),
    (
        "dict insert and len",
        "import threading
d = {'x': 0}
def f():
    global f_done
    d['a'] = 1
    f_done = 1
t = threading.Thread(target=f)
t.start()
n = len(d)
main_done = 1
t.join()
print(n)
",
    ),
    (
        "dict delete and insert",
        "import threading
d = {'a': 1, 'b': 2}
def f():
    global f_done
    del d['a']
    f_done = 1
t = threading.Thread(target=f)
t.start()
d['c'] = 3
main_done = 1
t.join()
print(list(d))
",
    ),
    (
        "dict update and read of one key",
        "import threading
d = {'k': 0, 'j': 0}
def f():
    global f_done
    d['k'] = 1
    f_done = 1
t = threading.Thread(target=f)
t.start()
a = d['j']
b = d['k']
main_done = 1
t.join()
print(a, b)
",
    ),
    (
        "dict setdefault and pop",
        "import threading
d = {}
def f():
    global f_done
    d.setdefault('k', 'f')
    f_done = 1
t = threading.Thread(target=f)
t.start()
v = d.pop('k', None)
main_done = 1
t.join()
print(v, d)
",
    ),
    (
        "check then act",
        "import threading
cache = {}
def get(k):
    if k not in cache:
        cache[k] = threading.get_ident()
t = threading.Thread(target=get, args=(1,))
t.start()
get(1)
t.join()
print(cache[1] == threading.get_ident())
",
    ),
    (
        "condition and a flag",
        "import threading
cv = threading.Condition()
ready = False
def setter():
    global ready
    with cv:
        ready = True
        cv.notify()
t = threading.Thread(target=setter)
t.start()
with cv:
    if not ready:
        cv.wait(timeout=1)
    print(ready)
t.join()
",
    ),
    (
        "try-acquire",
        "import threading
a = threading.Lock()
def g():
    with a:
        pass
t = threading.Thread(target=g)
t.start()
if a.acquire(blocking=False):
    print('got it')
    a.release()
else:
    print('missed')
t.join()
",
    ),
    (
        "event and an attribute",
        "import threading
class Box:
    pass
box = Box()
box.v = 0
ev = threading.Event()
def f():
    box.v = 1
    ev.set()
t = threading.Thread(target=f)
t.start()
print(ev.is_set(), box.v)
t.join()
",
    ),
    (
        "two threads print",
        "import threading
def f(n):
    print(n)
a = threading.Thread(target=f, args=(1,)); b = threading.Thread(target=f, args=(2,))
a.start(); b.start()
a.join(); b.join()
",
    ),
];

#[test]
fn the_reduced_search_finds_every_outcome_brute_force_finds() {
    let mut report = Vec::new();
    for (name, src) in PROGRAMS {
        let (name, src) = (*name, *src);
        let (all, reduced) = big_stack(move || {
            let all = explore::explore(src, FILE, &ExploreOptions { max_runs: BRUTE_MAX, exhaustive: true, sleep_sets: false, ..ExploreOptions::default() });
            let reduced = explore::explore(src, FILE, &ExploreOptions { max_runs: 200_000, ..ExploreOptions::default() });
            (all, reduced)
        });
        println!("{name}: {} outcomes, {} runs reduced, {} brute force ({})", all.outcomes.len(), reduced.runs, all.runs, all.complete);
        assert!(all.complete, "{name}: brute force incomplete: {:?}", all.note);
        assert!(reduced.complete, "{name}: reduced search incomplete: {:?}", reduced.note);
        assert!(all.outcomes.len() >= 1);
        assert_eq!(outcomes(&reduced), outcomes(&all), "{name}: the reduced search ({} runs) and brute force ({} runs) differ", reduced.runs, all.runs);
        assert!(reduced.runs <= all.runs, "{name}");
        report.push(format!("{name}: {} outcomes, {} runs reduced, {} brute force", all.outcomes.len(), reduced.runs, all.runs));
    }
    println!("{}", report.join("\n"));
}
