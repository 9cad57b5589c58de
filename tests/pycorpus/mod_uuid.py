# uuid: parsing and formatting, the name-based versions 3 and 5 (the same every run),
# and what a random uuid4 looks like (its value differs every run).
import uuid

u = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(u, repr(u), u.hex, u.int, u.version, u.variant)
print(uuid.UUID("{12345678-1234-5678-1234-567812345678}") == u, uuid.UUID(hex="12345678123456781234567812345678") == u)
print(uuid.UUID(int=0x12345678123456781234567812345678) == u, str(uuid.UUID(bytes=u.bytes)))
print(u.urn, len(u.bytes), u.fields)
print(uuid.UUID(bytes_le=u.bytes_le) == u, uuid.UUID(fields=u.fields) == u, u.bytes_le.hex(), u.time_low, u.node, u.clock_seq, u.time)
print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/threads"))
r = uuid.uuid4()
print(r.version, r.variant == uuid.RFC_4122, len(str(r)), str(r).count("-"), r != uuid.uuid4())
print(sorted([uuid.UUID(int=3), uuid.UUID(int=1), uuid.UUID(int=2)])[0].int)
print({uuid.UUID(int=5): "five"}[uuid.UUID(int=5)])
try:
    uuid.UUID("not-a-uuid")
except ValueError as e:
    print("ValueError:", e)
