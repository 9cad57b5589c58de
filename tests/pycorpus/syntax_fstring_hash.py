# 3.11: a comment cannot end an f-string expression part, even in a
# triple-quoted f-string over several lines (3.12 allows it there).
x = 255
print(f"""{x # the value
}""")
