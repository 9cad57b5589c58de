# int.to_bytes and int.from_bytes: byte order, signed numbers, and CPython's errors.
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (0).to_bytes(1, "big"))
print((-1).to_bytes(2, "big", signed=True), (-129).to_bytes(2, byteorder="little", signed=True))
print((2**70).to_bytes(10, "big"), (255).to_bytes(1, "big"))
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"), int.from_bytes(b"", "big"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes(b"\xff\xfe", byteorder="little", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(b"\x01" * 12, "big"))
print((65535).to_bytes(2, "big") == b"\xff\xff", (5).to_bytes(length=3, byteorder="big"))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (1).to_bytes(1, "middle"),
            lambda: (128).to_bytes(1, "big", signed=True)]:
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ":", e)
