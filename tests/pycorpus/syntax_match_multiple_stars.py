match [1, 2, 3]:
    case [*a, *b]:
        print(a, b)
