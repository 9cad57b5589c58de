command = "go"
match command:
    case name:
        print("captured", name)
    case "stop":
        print("stop")
