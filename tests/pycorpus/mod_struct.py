# struct: calcsize with native alignment, pack/unpack of ints, floats (d/f/e), bytes,
# bools and chars in every byte order, Struct, iter_unpack, CPython's errors; int.to_bytes.
import struct
print(struct.calcsize("i"), struct.calcsize("<i"), struct.calcsize("@bi"), struct.calcsize("=bi"), struct.calcsize("ld"), struct.calcsize("<ld"), struct.calcsize("3s2xH"), struct.calcsize("@cq"), struct.calcsize("?hQ"))
print(struct.pack("<i", 1), struct.pack(">i", -2), struct.pack("!H", 65535), struct.pack("<hhl", 1, 2, 3), struct.pack("@bi", 1, 2), struct.pack("<q", -1))
print(struct.pack("<d", 1.5), struct.pack(">f", -0.1), struct.pack("<e", 0.5), struct.pack(">e", 65504.0), struct.pack("<e", 1e-7), struct.pack(">d", float("inf")))
print(struct.pack("5s", b"hi"), struct.pack("2s", b"hello"), struct.pack("4p", b"abcdef"), struct.pack("?c", True, b"z"), struct.pack("<3B", 1, 2, 3))
print(struct.unpack("<i", b"\x01\x00\x00\x00"), struct.unpack(">hH", b"\xff\xfe\xff\xfe"), struct.unpack("<d", struct.pack("<d", 3.14)), struct.unpack("<f", struct.pack("<f", 0.1)), struct.unpack("<e", b"\x00<"))
print(struct.unpack("@bi", struct.pack("@bi", -5, 7)), struct.unpack("5s", b"hi\x00\x00\x00"), struct.unpack("4p", b"\x03abc"), struct.unpack("?c", b"\x01z"), struct.unpack("<Qq", struct.pack("<Qq", 2**64 - 1, -2**63)))
s = struct.Struct("<2h")
print(s.size, s.format, s.pack(1, -1), s.unpack(b"\x01\x00\xff\xff"), list(struct.iter_unpack("<h", b"\x01\x00\x02\x00")), struct.unpack_from("<h", b"\x00\x00\x05\x00", 2))
for bad in [lambda: struct.pack("<h", 70000), lambda: struct.pack("B", 256), lambda: struct.pack("b", -129), lambda: struct.pack("<I", -1), lambda: struct.pack("<i", 2**31), lambda: struct.pack("<Q", 2**64),
            lambda: struct.pack("<i", 1.5), lambda: struct.pack("<ii", 1), lambda: struct.unpack("<i", b"\x00"), lambda: struct.calcsize("y"), lambda: struct.pack("c", b"ab"), lambda: struct.pack("<d", "x"), lambda: struct.pack("<f", 1e300), lambda: struct.calcsize("<n"), lambda: struct.pack("3"), lambda: struct.pack("s", "str")]:
    try:
        bad()
    except (struct.error, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
for v, n, sg in [(-2, 4, True), (-128, 1, True), (127, 1, True), (255, 1, False), (-1, 8, True), (0, 0, False), (2**63 - 1, 8, True), (-2**63, 8, True), (1000, 2, False)]:
    print(v.to_bytes(n, "big", signed=sg), v.to_bytes(n, "little", signed=sg))
for v, n, sg in [(128, 1, True), (-129, 1, True), (-1, 1, False), (256, 1, False), (1, 0, False)]:
    try:
        v.to_bytes(n, "big", signed=sg)
    except OverflowError as e:
        print("OverflowError", e)
