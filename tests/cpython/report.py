"""Runs test classes and prints one line per test (`ok`, `skip: why`, `FAIL`, `ERROR`),
the tracebacks of the failures, and a last line with the counts; exit code 1 if any
test failed. The same on CPython and on our engine, so tests/cpython_tests.rs can
compare them line by line."""
import sys
import time
import unittest


class _Lines(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.lines = []

    def _name(self, test):
        return f"{type(test).__name__}.{test._testMethodName}"

    def addSuccess(self, test):
        super().addSuccess(test)
        self.lines.append(f"{self._name(test)} ok")

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.lines.append(f"{self._name(test)} skip: {reason}")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.lines.append(f"{self._name(test)} FAIL")

    def addError(self, test, err):
        super().addError(test, err)
        self.lines.append(f"{self._name(test)} ERROR")


def run(classes):
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for cls in classes:
        suite.addTests(loader.loadTestsFromTestCase(cls))
    result = _Lines()
    start = time.perf_counter()
    suite.run(result)
    took = time.perf_counter() - start
    for line in result.lines:
        print(line)
    for test, trace in result.failures + result.errors:
        print(f"---- {test}\n{trace}")
    passed = len(result.lines) - len(result.skipped) - len(result.failures) - len(result.errors)
    print(f"passed {passed}, skipped {len(result.skipped)}, failed {len(result.failures)}, "
          f"errors {len(result.errors)} in {took:.1f} s")
    return 1 if result.failures or result.errors else 0
