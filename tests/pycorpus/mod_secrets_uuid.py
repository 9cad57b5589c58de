# secrets and uuid: random values checked by their properties (lengths, alphabets,
# version/variant bits, round trips), fixed UUIDs exactly.
import secrets, uuid
t = secrets.token_hex(16)
print(len(t), all(ch in "0123456789abcdef" for ch in t), len(secrets.token_bytes(8)), type(secrets.token_bytes()).__name__, len(secrets.token_bytes()))
print(secrets.choice("abc") in "abc", 0 <= secrets.randbelow(10) < 10, len(secrets.token_urlsafe(16)), secrets.compare_digest("a", "a"))
u = uuid.uuid4()
s = str(u)
print(len(s), s.count("-"), s[14], u.version, u.variant, len(u.hex), uuid.UUID(s) == u, uuid.UUID(hex=u.hex) == u, type(u).__name__)
print(uuid.UUID("12345678-1234-5678-1234-567812345678"), repr(uuid.UUID("{12345678-1234-5678-1234-567812345678}")), uuid.UUID(int=1).hex, uuid.NAMESPACE_DNS, uuid.UUID(bytes=bytes(range(16))))
try:
    uuid.UUID("zz")
except ValueError as ex:
    print("ValueError", ex)
