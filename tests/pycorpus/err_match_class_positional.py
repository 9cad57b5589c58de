class C:
    def __init__(self):
        self.a = 1

def check(v):
    match v:
        case C(1):
            return "one"
    return "no"

print(check(5))
print(check(C()))
