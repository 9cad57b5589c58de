# logging, traceback and faulthandler (our Python modules) against CPython 3.11.
import faulthandler
import io
import logging
import sys
import traceback

print(logging.getLevelName(10), logging.getLevelName("ERROR"), logging.getLevelName(42))
root = logging.getLogger()
print(root.level, root.name, logging.getLogger("") is root)
a = logging.getLogger("a")
abc = logging.getLogger("a.b.c")
print(abc.parent is a)
ab = logging.getLogger("a.b")
print(abc.parent is ab, ab.parent is a, a.getChild("b") is ab)
print(repr(abc))

# The last-resort handler: WARNING and above, message only, to stderr.
logging.getLogger("quiet").info("not shown")
logging.getLogger("quiet").warning("last resort %s", "works")

buf = io.StringIO()
h = logging.StreamHandler(buf)
h.setFormatter(logging.Formatter("%(name)s|%(levelname)s|%(threadName)s|%(funcName)s|%(message)s"))
app = logging.getLogger("app")
app.addHandler(h)
app.setLevel(logging.INFO)
app.propagate = False

def work():
    app.debug("hidden")
    app.info("value %d of %s", 3, "x")
    app.warning("dict %(k)s", {"k": "v"})

work()
app.log(35, "custom level")
print(buf.getvalue(), end="")

brace = io.StringIO()
hb = logging.StreamHandler(brace)
hb.setFormatter(logging.Formatter("{levelname}:{message}", style="{"))
logging.getLogger("brace").addHandler(hb)
logging.getLogger("brace").error("braces")
print(brace.getvalue(), end="")

try:
    {}["missing"]
except KeyError:
    app.exception("lookup failed")
    print(buf.getvalue().splitlines()[-1])
    text = traceback.format_exc()
    print(text.splitlines()[0], "|", text.splitlines()[-1])
    print(traceback.format_exception_only(*sys.exc_info()[:2]))

def inner():
    traceback.print_stack(file=sys.stdout)
    print([(f.name, f.line) for f in traceback.extract_stack()][-2:])
    faulthandler.dump_traceback(sys.stdout, all_threads=False)

def outer():
    inner()

outer()

logging.basicConfig(level=logging.DEBUG, format="%(levelname)-8s %(name)s: %(message)s", stream=sys.stdout)
logging.basicConfig(level=logging.ERROR)       # ignored: the root already has a handler
logging.debug("root debug")
logging.getLogger("a.b").info("propagates to the root")
try:
    logging.basicConfig(nonsense=1, force=True)
except ValueError as e:
    print("ValueError:", e)
try:
    app.setLevel("LOUD")
except ValueError as e:
    print("ValueError:", e)
logging.warning("after force: %s", "BASIC_FORMAT on stderr")
