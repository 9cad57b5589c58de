import json
print(os.sep, os.path.join('a', 'b', 'c.txt'), os.path.join('/x', '/y'), os.path.basename('/a/b/c.py'), os.path.dirname('/a/b/c.py'))
print(os.path.splitext('x/y.tar.gz'), os.path.split('/a/b'), os.path.normpath('/a/./b/../c'), os.path.exists('/nope'))
print(os.getenv('THREADLAB_SURELY_UNSET'), os.getenv('THREADLAB_SURELY_UNSET', 'dflt'), type(os.getpid()).__name__, os.cpu_count() >= 1, 'THREADLAB_SURELY_UNSET' in os.environ)
import textwrap
text = 'The quick brown fox jumps over the lazy dog. ' * 4
print(textwrap.fill(text, width=30))
print(textwrap.wrap('short text here', 8))
print(textwrap.shorten('Hello  world, this is a long sentence', width=20))
print(repr(textwrap.dedent('''
    def f():
        return 1
''')))
print(textwrap.indent('a\nb\n\nc', '> '))
print(textwrap.fill('a-very-long-hyphenated-word and more', 12, initial_indent='* ', subsequent_indent='  '))
