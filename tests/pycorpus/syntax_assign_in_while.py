while n = 0:
    pass
