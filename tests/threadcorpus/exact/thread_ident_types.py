# ident and native_id: None before start, ints after; get_ident matches inside the thread.
import threading

seen = {}

def work(key):
    seen[key] = (threading.get_ident(), threading.current_thread().ident,
                 threading.get_native_id(), threading.current_thread().native_id)

t = threading.Thread(target=work, args=("t",))
print("before start:", t.ident, t.native_id)
t.start()
t.join()
print("types:", type(t.ident).__name__, type(t.native_id).__name__)
gi, ci, gn, cn = seen["t"]
print("get_ident == ident:", gi == ci == t.ident)
print("native ids agree:", gn == cn == t.native_id)
print("differs from main:", t.ident != threading.get_ident())
m = threading.main_thread()
print("main ident is get_ident:", m.ident == threading.get_ident())
print("main native id:", m.native_id == threading.get_native_id())
print("ident kept after finish:", t.ident == gi)
