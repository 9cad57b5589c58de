class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type.__name__ if exc_type else "ok")
        return False
with Resource("a") as r1, Resource("b") as r2:
    print("using", r1.name, r2.name)
try:
    with Resource("c"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated", e)
def early():
    with Resource("d"):
        return "returned"
print(early())
for i in range(3):
    with Resource(str(i)):
        if i == 1:
            break
print("end")
