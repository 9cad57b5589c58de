class Node:
    def __init__(self, val, next=None):
        self.val = val
        self.next = next
def build(vals):
    head = None
    for v in reversed(vals):
        head = Node(v, head)
    return head
def to_list(node):
    out = []
    while node is not None:
        out.append(node.val)
        node = node.next
    return out
def reverse(node):
    prev = None
    while node:
        node.next, prev, node = prev, node, node.next
    return prev
h = build([1, 2, 3, 4])
print(to_list(h), to_list(reverse(h)))
a = Node(1); b = a; c = Node(1)
print(a is b, a is c, a == c, id(a) == id(b), id(a) == id(c))
