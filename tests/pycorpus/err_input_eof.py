print("asking")
name = input("Your name: ")
print("hello", name)
