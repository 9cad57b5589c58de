def reduce(function, iterable, *initial):
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    for element in it:
        value = function(value, element)
    return value


class partial:
    def __init__(self, func, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        kw = dict(self.keywords)
        kw.update(keywords)
        return self.func(*self.args, *args, **kw)


def wraps(wrapped):
    def decorator(wrapper):
        wrapper.__name__ = wrapped.__name__
        wrapper.__wrapped__ = wrapped
        return wrapper
    return decorator


def lru_cache(maxsize=128):
    def decorator(func):
        cache = {}

        def wrapper(*args):
            if args in cache:
                return cache[args]
            result = func(*args)
            cache[args] = result
            return result
        wrapper.__name__ = func.__name__
        wrapper.__wrapped__ = func
        return wrapper
    if callable(maxsize):
        return decorator(maxsize)
    return decorator


def cache(func):
    return lru_cache(None)(func)


def total_ordering(cls):
    return cls
