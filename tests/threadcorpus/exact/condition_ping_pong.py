# Two threads alternate strictly using one Condition and a shared turn variable.
import threading

cond = threading.Condition()
turn = "ping"
log = []

def player(me, other, rounds):
    global turn
    for i in range(rounds):
        with cond:
            while turn != me:
                cond.wait()
            log.append("%s %d" % (me, i))
            print(me, i)
            turn = other
            cond.notify_all()

a = threading.Thread(target=player, args=("ping", "pong", 5))
b = threading.Thread(target=player, args=("pong", "ping", 5))
b.start()
a.start()
a.join()
b.join()
print(len(log), "exchanges")
