def risky(n):
    if n == 0: raise ValueError("zero")
    if n == 1: raise TypeError("one")
    if n == 2: return [][1]
    if n == 3: return {}["k"]
    if n == 4: return 1 / 0
    if n == 5: return undefined_name
    if n == 6: return int("abc")
    if n == 7: return "a" + 1
    if n == 8: return None.attr
    return "ok"
for i in range(10):
    try:
        print(i, risky(i))
    except (ValueError, TypeError) as e:
        print(i, type(e).__name__, e)
    except LookupError as e:
        print(i, "lookup", type(e).__name__, e)
    except Exception as e:
        print(i, "other", type(e).__name__, e)
    else:
        print(i, "no error")
    finally:
        print(i, "finally")
