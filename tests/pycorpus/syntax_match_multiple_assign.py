point = (1, 2)
match point:
    case (x, x):
        print("same")
