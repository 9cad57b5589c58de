from typing import List, Dict, Optional, Union, Callable, Any, TypeVar, Generic, Protocol, NamedTuple, TypedDict, Tuple, ClassVar, Iterable, cast
import typing
T = TypeVar('T')
print(List[int], Dict[str, int], Optional[int], Union[int, str], Callable[[int, str], bool], Callable[..., Any], T, Tuple[int, ...])
print(Union[int, None] == Optional[int], Union[int], typing.get_origin(List[int]), typing.get_args(Dict[str, int]))
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), Stack[int])
class Point(NamedTuple):
    x: int
    y: int = 0
    def norm(self): return self.x + self.y
p = Point(1)
print(p, p.norm(), p._asdict(), p[0], Point._fields, p._replace(y=5), tuple(p))
Emp = NamedTuple('Emp', [('name', str), ('id', int)])
print(Emp('a', 1))
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name='x', year=1)
print(m, type(m), Movie.__annotations__)
class Greeter(Protocol):
    def greet(self) -> str: ...
class English:
    def greet(self) -> str: return 'hi'
def use(g: Greeter) -> str: return g.greet()
print(use(English()), cast(int, 'x'))
def f(x: Optional[int] = None) -> Dict[str, List[int]]:
    return {'a': [x or 0]}
print(f())
class Cfg:
    n: ClassVar[int] = 3
    name: str = 'c'
print(Cfg.__annotations__)
