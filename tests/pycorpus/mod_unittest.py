import unittest, io, re


class Calc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        print('setUpClass')

    def setUp(self):
        self.items = [1, 2, 3]

    def tearDown(self):
        print('tearDown', self._testMethodName)

    def test_equal(self):
        self.assertEqual(sum(self.items), 6)
        self.assertTrue(self.items)
        self.assertIn(2, self.items)
        self.assertIsNone(None)
        self.assertAlmostEqual(0.1 + 0.2, 0.3)
        self.assertIsInstance(3, int)

    def test_fail(self):
        self.assertEqual(self.items, [1, 2, 3])
        self.assertEqual(len(self.items), 4)

    def test_fail_msg(self):
        self.assertEqual(1, 2, 'numbers differ')

    def test_error(self):
        'Looks a key up.'
        {}['missing']

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError) as cm:
            1 / 0
        print('caught', type(cm.exception).__name__)
        self.assertRaises(ValueError, int, 'x')
        with self.assertRaisesRegex(ValueError, 'invalid literal'):
            int('y')

    def test_raises_missing(self):
        self.assertRaises(KeyError, lambda: None)

    @unittest.skip('not today')
    def test_skipped(self):
        pass

    @unittest.skipIf(True, 'condition')
    def test_skip_if(self):
        pass

    @unittest.expectedFailure
    def test_expected(self):
        self.assertEqual(1, 0)

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 3)

    def test_more_asserts(self):
        self.assertGreater(3, 2)
        self.assertNotEqual(1, 2)
        self.assertCountEqual([1, 2, 2], [2, 1, 2])
        self.assertRegex('hello world', r'wor')
        self.assertFalse(0)
        self.assertIs(None, None)
        self.assertTrue(0, 'zero is falsy')


class Other(unittest.TestCase):
    def runTest(self):
        pass

    def test_one(self):
        self.assertNotIn(5, [1])


for verbosity in (1, 2):
    buf = io.StringIO()
    suite = unittest.TestLoader().loadTestsFromTestCase(Calc)
    result = unittest.TextTestRunner(stream=buf, verbosity=verbosity).run(suite)
    print(re.sub(r'in \d+\.\d+s', 'in X.XXXs', buf.getvalue()))
    print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), result.wasSuccessful())

buf = io.StringIO()
unittest.main(exit=False, testRunner=unittest.TextTestRunner(stream=buf), argv=['prog'])
print(re.sub(r'in \d+\.\d+s', 'in X.XXXs', buf.getvalue()))
