def check(n):
    try:
        if n < 0:
            raise ValueError("negative")
        result = 100 // n
    except ZeroDivisionError:
        return "div by zero"
    except ValueError as e:
        return f"bad: {e}"
    else:
        return f"ok {result}"
    finally:
        print("checked", n)
for n in [5, 0, -1]:
    print(check(n))
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", repr(e))
        try:
            raise
        except KeyError:
            print("re-raised and caught")
nested()
class Retry(Exception): pass
attempts = 0
while True:
    try:
        attempts += 1
        if attempts < 3:
            raise Retry(attempts)
        print("succeeded after", attempts)
        break
    except Retry as r:
        print("retry", r)
try:
    raise ExceptionGroup if False else TypeError("plain")
except (ValueError, TypeError) as e:
    print(type(e).__name__)
