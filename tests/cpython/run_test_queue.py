"""Lib/test/test_queue.py's test classes run with unittest; one line per test, then the counts."""
import sys

import test_queue

CLASSES = [getattr(test_queue, name) for name in sorted(dir(test_queue))
           if name.endswith('Test') and isinstance(getattr(test_queue, name), type)
           and hasattr(getattr(test_queue, name), 'setUp')
           and any(n.startswith('test') for n in dir(getattr(test_queue, name)))]

if __name__ == '__main__':
    import report
    sys.exit(report.run([c for c in CLASSES if issubclass(c, __import__('unittest').TestCase)]))
