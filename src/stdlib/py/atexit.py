"""atexit: callbacks run, last registered first, when the main module finishes
(the engine calls _run_exitfuncs after threading's shutdown)."""

_callbacks = []


def register(func, *args, **kwargs):
    _callbacks.append((func, args, kwargs))
    return func


def unregister(func):
    _callbacks[:] = [c for c in _callbacks if c[0] != func]


def _clear():
    del _callbacks[:]


def _ncallbacks():
    return len(_callbacks)


def _run_exitfuncs():
    import sys
    while _callbacks:
        func, args, kwargs = _callbacks.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            print('Exception ignored in atexit callback:', repr(func), file=sys.stderr)
            print(type(e).__name__ + ': ' + str(e), file=sys.stderr)
