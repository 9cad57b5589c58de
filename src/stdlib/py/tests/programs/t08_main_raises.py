import threading, time
def late():
    time.sleep(0.1)
    print('still joined')
threading.Thread(target=late).start()
raise RuntimeError('main failed')
