# array indexing: the int-index fast paths keep CPython's errors and conversions.
from array import array
a = array('d', [0]) * 5
a[1] = 2.5; a[-1] = 3; a[2] = True
print(a, a[1], a[-1], type(a[2]))
for bad in [5, -6]:
    try: a[bad] = 1.0
    except IndexError as e: print("set", bad, e)
    try: a[bad]
    except IndexError as e: print("get", bad, e)
try: a[0] = "x"
except TypeError as e: print(e)
try: a["k"]
except TypeError as e: print(type(e).__name__)
print(a[1:3], a[::2])
b = array('i', [1, 2]); b[0] = 7
try: b[1] = 1.5
except TypeError as e: print(e)
print(b)
