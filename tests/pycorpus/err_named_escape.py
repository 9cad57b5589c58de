# An unknown character name in "\N{...}" is a SyntaxError when the file compiles.
print("never printed")
s = "\N{NO SUCH CHARACTER NAME}"
