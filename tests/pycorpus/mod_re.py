import re
m = re.search(r'(\d+)-(\d+)', 'call 555-1234 now')
print(m, m.group(), m.group(1, 2), m.groups(), m.span(), m.start(2), m.end(), m[1], m.lastindex)
print(re.match(r'\w+', 'hello world').group(), re.match(r'world', 'hello world'), re.fullmatch(r'\d+', '123'), re.fullmatch(r'\d+', '123a'))
m = re.match(r'(?P<first>\w+) (?P<last>\w+)', 'Jane Doe')
print(m.groupdict(), m.group('last'), m.lastgroup)
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)=(\d)', 'a=1, b=2'), re.findall(r'\w*', 'ab cd'))
print([m.span() for m in re.finditer(r'o', 'foo boo')])
print(re.sub(r'\s+', ' ', 'a   b \t c'), re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@site x@y'), re.sub('x*', '-', 'abc'))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c3'), re.subn('a', 'A', 'banana', count=2), re.sub(r'(?P<w>\w+)', r'<\g<w>>', 'hi yo'))
print(re.split(r',\s*', 'a, b,c,  d'), re.split(r'(,)', 'a,b'), re.split(r'\s', 'a b c', maxsplit=1))
print(re.compile(r'ab', re.I).findall('AB ab aB'), re.findall(r'^\w', 'a\nb\nc', re.M), re.search(r'a.b', 'a\nb', re.S) is not None)
p = re.compile(r'(\d)(\d)?')
print(p, p.groups, p.groupindex, p.pattern, p.match('5').groups(), p.match('5').groups('-'))
print(re.escape('a.b*c'), re.findall(r'[aeiou]', 'education'), re.findall(r'[^a-z]', 'aB1c'), re.search(r'x{2,3}', 'axxxxb').group(), re.findall(r'\bthe\b', 'the other the'))
print(re.match(r'(a)|(b)', 'b').groups(), re.search(r'end\Z', 'the end') is not None, re.search(r'[]]', 'a]').group())
for bad in [r'(abc', r'abc)', r'*a', r'[abc', r'a{3,1}']:
    try:
        re.compile(bad)
    except re.error as e:
        print(repr(bad), '->', e)
print(re.sub(r'(?i)HELLO', 'bye', 'hello Hello'), re.findall(r'''\d+  # digits
   \.?''', '12. 3', re.X))
