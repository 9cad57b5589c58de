import threading

counter = 0

def work():
    global counter
    for _ in range(300):
        counter += 1

threads = [threading.Thread(target=work) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
