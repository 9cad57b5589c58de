def gen(items):
    for it in items:
        match it:
            case "stop":
                break
            case "skip":
                continue
            case [1, [2, *r]]:
                yield ("deep", r)
            case {**rest} if not rest:
                yield "empty dict"
            case {**rest}:
                yield ("dict", rest)
            case ():
                yield "empty tuple"
            case -2.5:
                yield "neg float"
            case -0:
                yield "zero"
            case "a" "b":
                yield "ab"
            case [int(a), str(b)] | [str(b), int(a)]:
                yield ("mixed", a, b)
            case x:
                match x:
                    case int():
                        yield ("inner int", x)
                    case _:
                        yield ("other", x)
print(list(gen([[1, [2, 3, 4]], {}, {"k": 1}, (), -2.5, 0, "ab", [1, "s"], ["t", 2], 9, 9.5, "skip", "stop", "never"])))
def match(x): return x * 2
print(match(4))
case = {"a": 1}
match case:
    case {"a": match}:
        print("match bound to", match)
print([match for match in range(3)])
_ = 5
match _:
    case _:
        print("underscore", _)
