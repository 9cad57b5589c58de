# The program waits for non-daemon threads after the main thread's code ends.
import threading
import time

main_done = threading.Event()

def worker():
    main_done.wait()
    time.sleep(0.1)
    print("worker finished after main's last line")

threading.Thread(target=worker).start()
print("main's last line")
main_done.set()
