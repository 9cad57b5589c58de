import sys
print(len(sys.argv), sys.argv[0].endswith("sys_module.py"))
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval(), sys.getrecursionlimit(), sys.maxsize)
sys.stdout.write("written\n")
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
print(type(sys.version_info[0]), sys.version_info[:2] >= (3, 8))
