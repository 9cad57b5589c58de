# Eight threads that never end: only Stop can end this program.
import threading

def spin():
    n = 0
    while True:
        n += 1

for i in range(8):
    threading.Thread(target=spin, daemon=(i % 2 == 0)).start()
print("spinning", flush=True)
while True:
    pass
