# A daemon thread still sleeping at exit is abandoned: its later output never appears.
import threading
import time

started = threading.Event()

def background():
    print("daemon started")
    started.set()
    time.sleep(0.5)
    print("daemon woke up (must never appear)")

t = threading.Thread(target=background, daemon=True)
t.start()
started.wait()
print("main exits now; daemon alive:", t.is_alive())
