# A `from __future__` import after another statement is a SyntaxError, as in CPython.
import sys
from __future__ import annotations
