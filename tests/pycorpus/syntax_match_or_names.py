match [1, 2]:
    case [a, 1] | [b, 2]:
        print("bound")
