# property: each-line-matches balance: (20|-60)
# property: line-count 1
#
# Check-then-act without a lock: two threads withdraw 80 from a balance of 100. Each
# checks the balance, yields (time.sleep(0)), then withdraws. If both pass the check the
# balance goes negative; a serial schedule gives 20. Measured on CPython 3.11.7
# (2 cores), 20 runs: 20 x14, -60 x6.
import threading
import time

balance = 100

def withdraw(amount):
    global balance
    if balance >= amount:
        time.sleep(0)
        balance -= amount

ts = [threading.Thread(target=withdraw, args=(80,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("balance:", balance)
