def parse(s):
    return int(s)
def main():
    print("parsing")
    return parse("12x")
main()
