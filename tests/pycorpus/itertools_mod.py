import itertools
print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.repeat("x", 3)))
print(list(itertools.chain([1, 2], (3,), "ab")), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.islice(range(10), 2, 8, 2)))
print(list(itertools.product("ab", repeat=2)), list(itertools.product([1, 2], "xy")))
print(list(itertools.permutations([1, 2, 3], 2)), list(itertools.combinations("abcd", 2)))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(itertools.dropwhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.zip_longest("ab", [1], fillvalue="-")))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")], list(itertools.starmap(pow, [(2, 3), (3, 2)])))
