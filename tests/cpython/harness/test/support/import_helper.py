"""import_fresh_module as test_queue.py uses it."""


def import_fresh_module(name, fresh=(), blocked=()):
    """The module `name`, or None when one of the `fresh` modules it should be imported
    with does not exist.

    test_queue asks for `queue` without its C accelerator `_queue` (then it tests
    `queue._PySimpleQueue` and the pure-Python Queue classes) and with it (the C
    classes). Nothing is re-imported here: on CPython both answers are the one `queue`
    module, whose Queue classes are pure Python anyway; where `_queue` does not exist
    (our engine) the C answer is None and test_queue skips its C tests itself.
    """
    for dep in fresh:
        try:
            __import__(dep)
        except ImportError:
            return None
    return __import__(name)
