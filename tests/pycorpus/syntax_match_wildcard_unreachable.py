def handle(cmd):
    match cmd:
        case "a":
            return 1
        case _:
            return 0
        case "b":
            return 2
