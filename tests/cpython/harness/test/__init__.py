# The `test` package of the harness: only what lock_tests.py and test_queue.py import.
