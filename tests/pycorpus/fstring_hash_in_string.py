# 3.11: no # in an f-string expression part, even inside a string.
x = 255
print(f"{x:#x} is fine: the # is in the format spec")
print(f"{'#' * 3}")
