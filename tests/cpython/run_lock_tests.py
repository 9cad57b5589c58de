"""Lib/test/lock_tests.py's test classes, instantiated as CPython's test_threading.py
does, run with unittest; one line per test, then the counts."""
import sys
import threading
import unittest

from test import lock_tests


class LockTests(lock_tests.LockTests):
    locktype = staticmethod(threading.Lock)


class PyRLockTests(lock_tests.RLockTests):
    locktype = staticmethod(threading._PyRLock)


@unittest.skipIf(threading._CRLock is None, 'RLock not implemented in C')
class CRLockTests(lock_tests.RLockTests):
    locktype = staticmethod(threading._CRLock)


class EventTests(lock_tests.EventTests):
    eventtype = staticmethod(threading.Event)


class ConditionAsRLockTests(lock_tests.RLockTests):
    # A Condition is an RLock by default and has its methods.
    locktype = staticmethod(threading.Condition)

    def test_recursion_count(self):
        self.skipTest("Condition does not expose _recursion_count()")


class ConditionTests(lock_tests.ConditionTests):
    condtype = staticmethod(threading.Condition)


class SemaphoreTests(lock_tests.SemaphoreTests):
    semtype = staticmethod(threading.Semaphore)


class BoundedSemaphoreTests(lock_tests.BoundedSemaphoreTests):
    semtype = staticmethod(threading.BoundedSemaphore)


class BarrierTests(lock_tests.BarrierTests):
    barriertype = staticmethod(threading.Barrier)


CLASSES = [LockTests, PyRLockTests, CRLockTests, EventTests, ConditionAsRLockTests,
           ConditionTests, SemaphoreTests, BoundedSemaphoreTests, BarrierTests]

if __name__ == '__main__':
    import report
    sys.exit(report.run(CLASSES))
