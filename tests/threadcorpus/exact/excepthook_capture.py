# The default excepthook writes to sys.stderr; capture it to check the first and last lines.
import io
import sys
import threading

def boom():
    {}["missing"]

buf = io.StringIO()
real = sys.stderr
sys.stderr = buf
t = threading.Thread(target=boom, name="kaboom")
t.start()
t.join()
sys.stderr = real
lines = buf.getvalue().splitlines()
print(lines[0])
print(lines[1])
print(lines[-1])
print("mentions the function:", any("in boom" in line for line in lines))
t2 = threading.Thread(target=boom)
sys.stderr = buf = io.StringIO()
t2.start()
t2.join()
sys.stderr = real
print(buf.getvalue().splitlines()[0])
