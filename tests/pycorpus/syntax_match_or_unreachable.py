match 3:
    case 1 | x | 2:
        print(x)
    case _:
        pass
