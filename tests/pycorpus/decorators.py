def twice(fn):
    def wrapper(*a):
        return fn(*fn(*a))
    return wrapper
def pair(x):
    return (x, x)
def count_calls(fn):
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper
@count_calls
def hello(name="world"):
    return "hello " + name
print(hello(), hello("bob"), hello.calls)
def repeat(n):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def ping():
    return "ping"
print(ping())
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class Plugin: pass
@register
class Other: pass
print(registry)
