name, n, x = "Ann", 42, 3.14159
print(f"{name} has {n} items costing {x:.2f}")
print(f"{n:5d}|{n:<5}|{n:^7}|{n:>6}|{n:05d}|{n:+d}|{n:x}|{n:#x}|{n:b}|{n:o}")
print(f"{name!r} {name:>6} {name:*^9} {x:10.3f}| {x:e} {1234567:,} {1234567:_}")
print(f"{n=} {x=:.1f} {'nested ' + name}")
print("{} and {}".format("a", "b"), "{1} {0}".format("a", "b"), "{k}={v}".format(k="x", v=1))
print("{:>10}|{:<10}|{:^10}|".format("r", "l", "c"), "{0[1]} {1[a]}".format([1, 2], {"a": 3}))
print("%s is %d years, %.1f%%" % ("Bob", 30, 99.5), "%5s|%-5s|%03d" % ("a", "b", 7), "%r" % "q")
print("%(a)s-%(b)s" % {"a": 1, "b": 2}, "%x %o %e" % (255, 8, 12345.6789))
width = 8
print(f"{'dyn':>{width}}|", f"{3.5:{width}.2f}|")
print(format(12.5, "08.3f"), format(42, "b"), format("s", "^5"), format(True), format(1.0))
