try:
    import does_not_exist
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from math import nothing_here
except ImportError as e:
    print("ImportError")
import math as m, sys as s
from math import sqrt as root, floor
print(m.sqrt(4), root(9), floor(2.5), s.argv[0][-3:])
