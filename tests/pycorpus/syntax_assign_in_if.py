print("ok")
if x = 1:
    pass
