"""os.path (posixpath): the string operations; the file-system queries answer False
because there are no files yet."""

sep = '/'


def join(a, *p):
    path = a
    for b in p:
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    return p[p.rfind('/') + 1:]


def dirname(p):
    return split(p)[0]


def splitext(p):
    sep_i = p.rfind('/')
    dot = p.rfind('.')
    if dot > sep_i:
        fi = sep_i + 1
        while fi < dot:
            if p[fi] != '.':
                return p[:dot], p[dot:]
            fi += 1
    return p, ''


def isabs(s):
    return s.startswith('/')


def normpath(path):
    if path == '':
        return '.'
    initial = 1 if path.startswith('/') else 0
    if initial and path.startswith('//') and not path.startswith('///'):
        initial = 2
    comps = path.split('/')
    new = []
    for comp in comps:
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial and not new) or (new and new[-1] == '..'):
            new.append(comp)
        elif new:
            new.pop()
    path = '/'.join(new)
    if initial:
        path = '/' * initial + path
    return path or '.'


def abspath(path):
    if not isabs(path):
        path = join('/', path)
    return normpath(path)


def commonprefix(m):
    if not m:
        return ''
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def exists(path):
    import _fs
    return _fs.exists(path)


def isfile(path):
    import _fs
    return _fs.exists(path) and not _fs.isdir(path)


def isdir(path):
    import _fs
    return _fs.isdir(path)


def islink(path):
    return False


def expanduser(path):
    return path


def getsize(path):
    import _fs
    return len(_fs.read(path))
