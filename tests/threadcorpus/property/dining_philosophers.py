# property: lines-sorted-equal
#
# | philosopher 0 ate 20 times
# | philosopher 1 ate 20 times
# | philosopher 2 ate 20 times
# | philosopher 3 ate 20 times
# | philosopher 4 ate 20 times
# | all done
#
# Dining philosophers, deadlock-free by always taking the lower-numbered fork first.
# Every philosopher eats 20 times; the order of the report lines varies.
import sys
import threading

forks = [threading.Lock() for _ in range(5)]
done = threading.Semaphore(0)

def philosopher(i):
    left, right = i, (i + 1) % 5
    first, second = min(left, right), max(left, right)
    meals = 0
    for _ in range(20):
        with forks[first]:
            with forks[second]:
                meals += 1
    sys.stdout.write("philosopher %d ate %d times\n" % (i, meals))
    done.release()

ts = [threading.Thread(target=philosopher, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for _ in ts:
    done.acquire()
print("all done")
for t in ts:
    t.join()
