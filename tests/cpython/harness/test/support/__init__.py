"""The parts of CPython's test.support that lock_tests.py and test_queue.py use.

Written for Threadlab from the documented behaviour of test.support; CPython runs the
same harness in tests/cpython_tests.rs, so both sides see the same helpers.
"""
import gc
import time

# How long a test may wait for something that should happen soon / eventually.
SHORT_TIMEOUT = 30.0
LONG_TIMEOUT = 5 * 60.0

# The fork tests need os.fork, which neither the browser nor our engine has. Both
# sides skip them, so the results compare like for like.
has_fork_support = False


def sleeping_retry(timeout, err_msg=None, /, *, init_delay=0.010, max_delay=1.0, error=True):
    """Yield until the caller breaks out, sleeping a little longer each time; past
    `timeout` seconds raise AssertionError (or just stop, if error is false)."""
    delay = init_delay
    deadline = time.monotonic() + timeout
    while True:
        yield
        if time.monotonic() >= deadline:
            if error:
                raise AssertionError(err_msg or f"timeout ({timeout:.1f} seconds)")
            return
        time.sleep(delay)
        delay = min(delay * 2, max_delay)


def gc_collect():
    """Collect garbage a few times, so weak references to dead objects are cleared."""
    for _ in range(3):
        gc.collect()


def reap_children():
    """Nothing to reap: these tests start no processes."""
