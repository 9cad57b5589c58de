# logging's %(threadName)s and %(thread)d-free records from named threads, run one at a
# time so the order is fixed; one handler shared by every thread.
import logging
import sys
import threading

logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                    format="%(threadName)-10s %(levelname)-7s %(name)s: %(message)s")
log = logging.getLogger("worker")

def job(n):
    log.info("job %d starts", n)
    if n % 2:
        log.warning("job %d is odd", n)
    log.debug("not shown")

for n in range(3):
    t = threading.Thread(target=job, args=(n,), name=f"w-{n}")
    t.start()
    t.join()

def fails():
    try:
        1 / 0
    except ZeroDivisionError:
        log.error("failed: %s", sys.exc_info()[1])

t = threading.Thread(target=fails, name="failing")
t.start(); t.join()
log.info("main is %s", threading.current_thread().name)
