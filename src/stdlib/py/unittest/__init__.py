"""unittest: TestCase (setUp/tearDown, setUpClass/tearDownClass, the assert methods,
assertRaises/assertWarns as context managers, subTest, skipTest), skip/skipIf/
skipUnless/expectedFailure, TestSuite, TestLoader (loadTestsFromTestCase/Module,
getTestCaseNames), TextTestRunner and main() writing CPython's report to stderr
('..F', the FAIL:/ERROR: blocks with tracebacks that leave out unittest's own frames,
'Ran N tests in T.TTTs', OK / FAILED (failures=, errors=, skipped=...)). Not supported:
test discovery from files, mock (NotImplementedError), -k filtering."""

import sys
import time as _time
import _thread

__unittest = True


class SkipTest(Exception):
    pass


class _ShouldStop(Exception):
    pass


def _id(obj):
    return obj


def skip(reason):
    def decorator(test_item):
        test_item.__unittest_skip__ = True
        test_item.__unittest_skip_why__ = reason
        return test_item
    if isinstance(reason, type(_id)) or isinstance(reason, type):
        test_item = reason
        reason = ''
        return decorator(test_item)
    return decorator


def skipIf(condition, reason):
    if condition:
        return skip(reason)
    return _id


def skipUnless(condition, reason):
    if not condition:
        return skip(reason)
    return _id


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


def _safe_repr(obj, short=False):
    try:
        result = repr(obj)
    except Exception:
        result = object.__repr__(obj)
    if not short or len(result) < 80:
        return result
    return result[:80] + ' [truncated]...'


class _AssertRaisesContext:
    def __init__(self, expected, test_case, expected_regex=None, msg=None, warning=False):
        self.expected = expected
        self.test_case = test_case
        self.expected_regex = expected_regex
        self.msg = msg
        self.warning = warning
        self.exception = None
        self.obj_name = None

    def __enter__(self):
        if self.warning:
            import warnings
            self._cm = warnings.catch_warnings(record=True)
            self._log = self._cm.__enter__()
            warnings.simplefilter('always', self.expected)
        return self

    def __exit__(self, exc_type, exc_value, tb):
        name = getattr(self.expected, '__name__', str(self.expected))
        if self.warning:
            self._cm.__exit__(None, None, None)
            if exc_type is not None:
                return False
            for w in self._log:
                if issubclass(w.category, self.expected):
                    if self.expected_regex is not None:
                        import re
                        if not re.search(self.expected_regex, str(w.message)):
                            continue
                    self.warning = w.message
                    return False
            self.test_case.fail(self._msg(name + ' not triggered'))
        if exc_type is None:
            if self.obj_name:
                self.test_case.fail(self._msg(name + ' not raised by ' + self.obj_name))
            self.test_case.fail(self._msg(name + ' not raised'))
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value
        if self.expected_regex is not None:
            import re
            if not re.search(self.expected_regex, str(exc_value)):
                self.test_case.fail(self._msg('"' + self.expected_regex + '" does not match "' + str(exc_value) + '"'))
        return True

    def _msg(self, standard):
        return self.test_case._formatMessage(self.msg, standard)


class _SubTest:
    def __init__(self, test_case, message, params):
        self.test_case = test_case
        self._message = message
        self.params = params

    def _subDescription(self):
        parts = []
        if self._message is not None:
            parts.append('[' + str(self._message) + ']')
        if self.params:
            parts.append('(' + ', '.join(k + '=' + repr(v) for k, v in self.params.items()) + ')')
        return ' '.join(parts) or '(<subtest>)'

    def __str__(self):
        return str(self.test_case) + ' ' + self._subDescription()

    def id(self):
        return self.test_case.id() + ' ' + self._subDescription()


class TestCase:
    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._cleanups = []
        self._subtest = None
        self._outcome = None
        if methodName != 'runTest' and not hasattr(self, methodName):
            raise ValueError('no such test method in ' + str(self.__class__) + ': ' + methodName)

    def setUp(self):
        pass

    def tearDown(self):
        pass

    @classmethod
    def setUpClass(cls):
        pass

    @classmethod
    def tearDownClass(cls):
        pass

    def addCleanup(self, function, /, *args, **kwargs):
        self._cleanups.append((function, args, kwargs))

    def doCleanups(self):
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            function(*args, **kwargs)

    def countTestCases(self):
        return 1

    def id(self):
        return self.__class__.__module__ + '.' + self.__class__.__qualname__ + '.' + self._testMethodName

    def __str__(self):
        return (self._testMethodName + ' (' + self.__class__.__module__ + '.' +
                self.__class__.__qualname__ + '.' + self._testMethodName + ')')

    def __repr__(self):
        return '<' + self.__class__.__module__ + '.' + self.__class__.__qualname__ + ' testMethod=' + self._testMethodName + '>'

    def shortDescription(self):
        doc = getattr(getattr(self, self._testMethodName), '__doc__', None)
        return doc.strip().split('\n')[0].strip() if doc else None

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    def _formatMessage(self, msg, standardMsg):
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        return standardMsg + ' : ' + str(msg)

    def subTest(self, msg=None, **params):
        return _SubTestContext(self, msg, params)

    def run(self, result=None):
        if result is None:
            result = TestResult()
        result.startTest(self)
        method = getattr(self, self._testMethodName)
        if getattr(self.__class__, '__unittest_skip__', False) or getattr(method, '__unittest_skip__', False):
            why = getattr(self.__class__, '__unittest_skip_why__', '') or getattr(method, '__unittest_skip_why__', '')
            result.addSkip(self, why)
            result.stopTest(self)
            return result
        expecting_failure = getattr(method, '__unittest_expecting_failure__', False)
        self._result = result
        self._sub_failed = False
        ok = self._call(result, self.setUp)
        if ok:
            ok = self._call(result, method, expecting_failure)
            if not self._call(result, self.tearDown):
                ok = False
            if ok is True and not self._sub_failed:
                if expecting_failure:
                    result.addUnexpectedSuccess(self)
                else:
                    result.addSuccess(self)
        try:
            self.doCleanups()
        except Exception as e:
            result.addError(self, (type(e), e, e.__traceback__))
        result.stopTest(self)
        return result

    def _call(self, result, fn, expecting_failure=False):
        try:
            fn()
            return True
        except KeyboardInterrupt:
            raise
        except SkipTest as e:
            result.addSkip(self, str(e))
        except self.failureException as e:
            if expecting_failure:
                result.addExpectedFailure(self, (type(e), e, e.__traceback__))
            else:
                result.addFailure(self, (type(e), e, e.__traceback__))
        except BaseException as e:
            if expecting_failure:
                result.addExpectedFailure(self, (type(e), e, e.__traceback__))
            else:
                result.addError(self, (type(e), e, e.__traceback__))
        return False

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    # --- assertions ---
    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, _safe_repr(expr) + ' is not true'))

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, _safe_repr(expr) + ' is not false'))

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            standard = _safe_repr(first) + ' != ' + _safe_repr(second)
            if isinstance(first, list) and isinstance(second, list):
                standard = 'Lists differ: ' + _safe_repr(first, True) + ' != ' + _safe_repr(second, True) + _seq_diff_note(first, second, 'list')
            elif isinstance(first, tuple) and isinstance(second, tuple):
                standard = 'Tuples differ: ' + _safe_repr(first, True) + ' != ' + _safe_repr(second, True) + _seq_diff_note(first, second, 'tuple')
            elif isinstance(first, dict) and isinstance(second, dict):
                standard = _safe_repr(first, True) + ' != ' + _safe_repr(second, True)
            self.fail(self._formatMessage(msg, standard))

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self.fail(self._formatMessage(msg, _safe_repr(first) + ' == ' + _safe_repr(second)))

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        diff = abs(first - second)
        if delta is not None:
            if diff <= delta:
                return
            standard = _safe_repr(first) + ' != ' + _safe_repr(second) + ' within ' + _safe_repr(delta) + ' delta (' + _safe_repr(diff) + ' difference)'
        else:
            if places is None:
                places = 7
            if round(diff, places) == 0:
                return
            standard = _safe_repr(first) + ' != ' + _safe_repr(second) + ' within ' + str(places) + ' places (' + _safe_repr(diff) + ' difference)'
        self.fail(self._formatMessage(msg, standard))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        diff = abs(first - second)
        if delta is not None:
            if not (first == second) and diff > delta:
                return
            standard = _safe_repr(first) + ' == ' + _safe_repr(second) + ' within ' + _safe_repr(delta) + ' delta (' + _safe_repr(diff) + ' difference)'
        else:
            if places is None:
                places = 7
            if not (first == second) and round(diff, places) != 0:
                return
            standard = _safe_repr(first) + ' == ' + _safe_repr(second) + ' within ' + str(places) + ' places'
        self.fail(self._formatMessage(msg, standard))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, _safe_repr(expr1) + ' is not ' + _safe_repr(expr2)))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, 'unexpectedly identical: ' + _safe_repr(expr1)))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, _safe_repr(obj) + ' is not None'))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, 'unexpectedly None'))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, _safe_repr(member) + ' not found in ' + _safe_repr(container)))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(msg, _safe_repr(member) + ' unexpectedly found in ' + _safe_repr(container)))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, _safe_repr(obj) + ' is not an instance of ' + repr(cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, _safe_repr(obj) + ' is an instance of ' + repr(cls)))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, _safe_repr(a) + ' not greater than ' + _safe_repr(b)))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, _safe_repr(a) + ' not greater than or equal to ' + _safe_repr(b)))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, _safe_repr(a) + ' not less than ' + _safe_repr(b)))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, _safe_repr(a) + ' not less than or equal to ' + _safe_repr(b)))

    def assertCountEqual(self, first, second, msg=None):
        a, b = list(first), list(second)
        missing = list(b)
        unexpected = []
        for x in a:
            if x in missing:
                missing.remove(x)
            else:
                unexpected.append(x)
        if missing or unexpected:
            self.fail(self._formatMessage(msg, 'Element counts were not equal'))

    def assertListEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertTupleEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertDictEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertSetEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertSequenceEqual(self, first, second, msg=None, seq_type=None):
        self.assertEqual(list(first), list(second), msg)

    def assertMultiLineEqual(self, first, second, msg=None):
        self.assertEqual(first, second, msg)

    def assertRegex(self, text, expected_regex, msg=None):
        import re
        if not re.search(expected_regex, text):
            self.fail(self._formatMessage(msg, "Regex didn't match: " + repr(expected_regex) + ' not found in ' + repr(text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        import re
        m = re.search(unexpected_regex, text)
        if m:
            self.fail(self._formatMessage(msg, 'Regex matched: ' + repr(m.group()) + ' matches ' + repr(unexpected_regex) + ' in ' + repr(text)))

    def assertRaises(self, expected_exception, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_exception, self, msg=kwargs.pop('msg', None))
        if not args:
            return ctx
        callable_obj, args = args[0], args[1:]
        ctx.obj_name = getattr(callable_obj, '__name__', str(callable_obj))
        with ctx:
            callable_obj(*args, **kwargs)

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_exception, self, expected_regex, kwargs.pop('msg', None))
        if not args:
            return ctx
        callable_obj, args = args[0], args[1:]
        ctx.obj_name = getattr(callable_obj, '__name__', str(callable_obj))
        with ctx:
            callable_obj(*args, **kwargs)

    def assertWarns(self, expected_warning, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_warning, self, msg=kwargs.pop('msg', None), warning=True)
        if not args:
            return ctx
        with ctx:
            args[0](*args[1:], **kwargs)

    def assertWarnsRegex(self, expected_warning, expected_regex, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_warning, self, expected_regex, kwargs.pop('msg', None), warning=True)
        if not args:
            return ctx
        with ctx:
            args[0](*args[1:], **kwargs)

    def assertLogs(self, *a, **k):
        raise NotImplementedError('unittest assertLogs is not supported')

    failUnlessEqual = assertEquals = assertEqual
    assert_ = failUnless = assertTrue


def _seq_diff_note(first, second, kind):
    for i in range(min(len(first), len(second))):
        if first[i] != second[i]:
            return ('\n\nFirst differing element ' + str(i) + ':\n' + _safe_repr(first[i]) + '\n' + _safe_repr(second[i]))
    if len(first) > len(second):
        return ('\n\nFirst ' + kind + ' contains ' + str(len(first) - len(second)) + ' additional elements.\nFirst extra element ' +
                str(len(second)) + ':\n' + _safe_repr(first[len(second)]))
    return ('\n\nSecond ' + kind + ' contains ' + str(len(second) - len(first)) + ' additional elements.\nFirst extra element ' +
            str(len(first)) + ':\n' + _safe_repr(second[len(first)]))


class _SubTestContext:
    def __init__(self, test, msg, params):
        self.test = test
        self.sub = _SubTest(test, msg, params)

    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            return False
        if issubclass(exc_type, SkipTest):
            self.test._result.addSkip(self.sub, str(exc))
            return True
        if issubclass(exc_type, self.test.failureException):
            self.test._result.addFailure(self.sub, (exc_type, exc, tb))
        elif issubclass(exc_type, Exception):
            self.test._result.addError(self.sub, (exc_type, exc, tb))
        else:
            return False
        self.test._sub_failed = True
        return True


class FunctionTestCase(TestCase):
    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        TestCase.__init__(self, 'runTest')
        self._testFunc = testFunc
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown

    def runTest(self):
        self._testFunc()

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def __str__(self):
        return self.__class__.__module__ + '.' + self._testFunc.__name__


def _format_err(err):
    exc_type, exc, tb = err
    entries = exc.__traceback__
    if isinstance(entries, list):
        exc.__traceback__ = [e for e in entries if not (isinstance(e, tuple) and e[0] == '<frozen unittest>')]
    text = _thread._format_exception(exc)
    exc.__traceback__ = entries
    return text


class TestResult:
    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.shouldStop = False

    def startTest(self, test):
        self.testsRun += 1

    def stopTest(self, test):
        pass

    def startTestRun(self):
        pass

    def stopTestRun(self):
        pass

    def addSuccess(self, test):
        pass

    def addFailure(self, test, err):
        self.failures.append((test, _format_err(err)))

    def addError(self, test, err):
        self.errors.append((test, _format_err(err)))

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, _format_err(err)))

    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)

    def wasSuccessful(self):
        return len(self.failures) == len(self.errors) == 0 and not self.unexpectedSuccesses

    def stop(self):
        self.shouldStop = True

    def __repr__(self):
        return ('<unittest.result.TestResult run=' + str(self.testsRun) + ' errors=' + str(len(self.errors)) +
                ' failures=' + str(len(self.failures)) + '>')


class TextTestResult(TestResult):
    separator1 = '=' * 70
    separator2 = '-' * 70

    def __init__(self, stream, descriptions, verbosity):
        TestResult.__init__(self)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions
        self._newline = True

    def getDescription(self, test):
        doc = test.shortDescription() if self.descriptions and hasattr(test, 'shortDescription') else None
        if doc:
            return str(test) + '\n' + doc
        return str(test)

    def startTest(self, test):
        TestResult.startTest(self, test)
        if self.showAll:
            self.stream.write(self.getDescription(test) + ' ... ')
            self.stream.flush()
            self._newline = False

    def _mark(self, test, long, short):
        if self.showAll:
            is_subtest = isinstance(test, _SubTest)
            if is_subtest or self._newline:
                if not self._newline:
                    self.stream.write('\n')
                if is_subtest:
                    self.stream.write('  ')
                self.stream.write(self.getDescription(test) + ' ... ')
            self.stream.write(long + '\n')
            self._newline = True
        elif self.dots:
            self.stream.write(short)
        self.stream.flush()

    def addSuccess(self, test):
        TestResult.addSuccess(self, test)
        self._mark(test, 'ok', '.')

    def addError(self, test, err):
        TestResult.addError(self, test, err)
        self._mark(test, 'ERROR', 'E')

    def addFailure(self, test, err):
        TestResult.addFailure(self, test, err)
        self._mark(test, 'FAIL', 'F')

    def addSkip(self, test, reason):
        TestResult.addSkip(self, test, reason)
        self._mark(test, 'skipped ' + repr(reason), 's')

    def addExpectedFailure(self, test, err):
        TestResult.addExpectedFailure(self, test, err)
        self._mark(test, 'expected failure', 'x')

    def addUnexpectedSuccess(self, test):
        TestResult.addUnexpectedSuccess(self, test)
        self._mark(test, 'unexpected success', 'u')

    def printErrors(self):
        if self.dots or self.showAll:
            self.stream.write('\n')
            self.stream.flush()
        self.printErrorList('ERROR', self.errors)
        self.printErrorList('FAIL', self.failures)
        for test in self.unexpectedSuccesses:
            self.stream.write(self.separator1 + '\n')
            self.stream.write('UNEXPECTED SUCCESS: ' + self.getDescription(test) + '\n')

    def printErrorList(self, flavour, errors):
        for test, err in errors:
            self.stream.write(self.separator1 + '\n')
            self.stream.write(flavour + ': ' + self.getDescription(test) + '\n')
            self.stream.write(self.separator2 + '\n')
            self.stream.write(err + '\n')
            self.stream.flush()


class TestSuite:
    def __init__(self, tests=()):
        self._tests = []
        self.addTests(tests)

    def addTest(self, test):
        self._tests.append(test)

    def addTests(self, tests):
        for t in tests:
            self.addTest(t)

    def __iter__(self):
        return iter(self._tests)

    def countTestCases(self):
        return sum(t.countTestCases() for t in self._tests)

    def run(self, result):
        prev_class = None
        for test in _flatten(self):
            if result.shouldStop:
                break
            cls = test.__class__
            if cls is not prev_class:
                if prev_class is not None:
                    _class_teardown(prev_class, result)
                prev_class = cls
                if not _class_setup(cls, result):
                    prev_class = None
                    continue
            test(result)
        if prev_class is not None:
            _class_teardown(prev_class, result)
        return result

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)


def _flatten(suite):
    for t in suite:
        if isinstance(t, TestSuite):
            yield from _flatten(t)
        else:
            yield t


class _ErrorHolder:
    def __init__(self, description):
        self.description = description

    def __str__(self):
        return self.description

    def shortDescription(self):
        return None


def _class_setup(cls, result):
    if getattr(cls, '__unittest_skip__', False):
        return True
    try:
        cls.setUpClass()
        return True
    except SkipTest as e:
        result.addSkip(_ErrorHolder('setUpClass (' + cls.__module__ + '.' + cls.__qualname__ + ')'), str(e))
    except Exception as e:
        result.addError(_ErrorHolder('setUpClass (' + cls.__module__ + '.' + cls.__qualname__ + ')'), (type(e), e, e.__traceback__))
    return False


def _class_teardown(cls, result):
    if getattr(cls, '__unittest_skip__', False):
        return
    try:
        cls.tearDownClass()
    except Exception as e:
        result.addError(_ErrorHolder('tearDownClass (' + cls.__module__ + '.' + cls.__qualname__ + ')'), (type(e), e, e.__traceback__))


class TestLoader:
    testMethodPrefix = 'test'

    def getTestCaseNames(self, testCaseClass):
        names = set()
        for c in testCaseClass.__mro__:
            for name in c.__dict__:
                if name.startswith(self.testMethodPrefix) and callable(getattr(testCaseClass, name)):
                    names.add(name)
        return sorted(names)

    def loadTestsFromTestCase(self, testCaseClass):
        names = self.getTestCaseNames(testCaseClass)
        if not names and hasattr(testCaseClass, 'runTest'):
            names = ['runTest']
        return TestSuite([testCaseClass(n) for n in names])

    def loadTestsFromModule(self, module, *, pattern=None):
        tests = []
        ns = module if isinstance(module, dict) else vars(module)
        for name in sorted(ns):
            obj = ns[name]
            if isinstance(obj, type) and issubclass(obj, TestCase) and obj is not TestCase and obj is not FunctionTestCase:
                tests.append(self.loadTestsFromTestCase(obj))
        return TestSuite(tests)

    def loadTestsFromName(self, name, module=None):
        parts = name.split('.')
        obj = module
        for p in parts:
            obj = getattr(obj, p)
        if isinstance(obj, type) and issubclass(obj, TestCase):
            return self.loadTestsFromTestCase(obj)
        if isinstance(obj, TestCase):
            return obj
        parent = module
        for p in parts[:-1]:
            parent = getattr(parent, p)
        return TestSuite([parent(parts[-1])])

    def discover(self, *a, **k):
        raise NotImplementedError('unittest test discovery is not supported')


defaultTestLoader = TestLoader()


def makeSuite(testCaseClass, prefix='test'):
    return defaultTestLoader.loadTestsFromTestCase(testCaseClass)


class TextTestRunner:
    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False, buffer=False,
                 resultclass=None, warnings=None, *, tb_locals=False):
        self.stream = stream if stream is not None else sys.stderr
        self.descriptions = descriptions
        self.verbosity = verbosity
        self.failfast = failfast
        if resultclass is not None:
            self.resultclass = resultclass

    def run(self, test):
        result = self.resultclass(self.stream, self.descriptions, self.verbosity)
        start = _time.perf_counter()
        result.startTestRun()
        test(result)
        result.stopTestRun()
        taken = _time.perf_counter() - start
        result.printErrors()
        self.stream.write(result.separator2 + '\n')
        run = result.testsRun
        self.stream.write('Ran ' + str(run) + ' test' + ('' if run == 1 else 's') + ' in ' + ('%.3f' % taken) + 's\n')
        self.stream.write('\n')
        infos = []
        if not result.wasSuccessful():
            self.stream.write('FAILED')
            if result.failures:
                infos.append('failures=' + str(len(result.failures)))
            if result.errors:
                infos.append('errors=' + str(len(result.errors)))
        else:
            self.stream.write('NO TESTS RAN' if run == 0 and not result.skipped else 'OK')
        if result.skipped:
            infos.append('skipped=' + str(len(result.skipped)))
        if result.expectedFailures:
            infos.append('expected failures=' + str(len(result.expectedFailures)))
        if result.unexpectedSuccesses:
            infos.append('unexpected successes=' + str(len(result.unexpectedSuccesses)))
        if infos:
            self.stream.write(' (' + ', '.join(infos) + ')\n')
        else:
            self.stream.write('\n')
        self.stream.flush()
        return result


class TestProgram:
    def __init__(self, module='__main__', defaultTest=None, argv=None, testRunner=None,
                 testLoader=defaultTestLoader, exit=True, verbosity=1, failfast=None,
                 catchbreak=None, buffer=None, warnings=None, *, tb_locals=False):
        if isinstance(module, str):
            module = sys.modules[module] if hasattr(sys, 'modules') and module in sys.modules else _main_module()
        if argv is None:
            argv = list(getattr(sys, 'argv', ['']))
        for a in argv[1:]:
            if a in ('-v', '--verbose'):
                verbosity = 2
            elif a in ('-q', '--quiet'):
                verbosity = 0
        if defaultTest is None:
            self.test = testLoader.loadTestsFromModule(module)
        else:
            names = [defaultTest] if isinstance(defaultTest, str) else defaultTest
            self.test = TestSuite([testLoader.loadTestsFromName(n, module) for n in names])
        runner = testRunner if testRunner is not None else TextTestRunner(verbosity=verbosity)
        if isinstance(runner, type):
            runner = runner(verbosity=verbosity)
        self.result = runner.run(self.test)
        if exit:
            sys.exit(not self.result.wasSuccessful())


main = TestProgram


def _main_module():
    import __main__
    return __main__


class mock:
    def __getattr__(self, name):
        raise NotImplementedError('unittest.mock is not supported')
