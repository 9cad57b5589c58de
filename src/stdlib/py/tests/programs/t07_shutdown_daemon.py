import threading, time
def late():
    time.sleep(0.1)
    print('non-daemon finished')
def ghost():
    time.sleep(0.5)
    print('daemon should not print')
threading.Thread(target=late).start()
threading.Thread(target=ghost, daemon=True).start()
print('main done')
