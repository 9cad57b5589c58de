class Temp:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def freezing():
        return 0
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
t = Temp(25)
print(t.celsius, t.fahrenheit, Temp.freezing(), t.freezing(), Temp.from_f(212).celsius)
t.celsius = 30; print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError")
