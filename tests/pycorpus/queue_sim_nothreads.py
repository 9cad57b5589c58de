from collections import deque
tasks = deque()
for i in range(5):
    tasks.append(("task", i))
done = []
while tasks:
    name, n = tasks.popleft()
    if n % 2 == 0 and n < 4:
        tasks.append((name, n + 1))
    done.append(n)
print(done, len(tasks))
stack = []
for ch in "(a[b]{c})":
    if ch in "([{":
        stack.append(ch)
    elif ch in ")]}":
        opening = stack.pop()
        print(opening + ch, end=" ")
print(stack == [])
