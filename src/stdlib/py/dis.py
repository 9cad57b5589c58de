"""dis: disassembly of functions in dis's layout. The bytecode is this engine's own
(names follow CPython's where an instruction does the same thing), so the instructions
differ from CPython's; get_instructions/Bytecode/code_info are not provided."""

import sys as _sys
import _dis

__all__ = ['dis', 'disassemble', 'distb']


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False):
    out = file if file is not None else _sys.stdout
    if x is None:
        raise NotImplementedError('dis.dis() without an argument (the last traceback) is not supported')
    if isinstance(x, type):
        for name, v in sorted(vars(x).items()):
            if isinstance(v, (staticmethod, classmethod)):
                v = v.__func__
            if type(v).__name__ == 'function':
                out.write('Disassembly of %s:\n' % name)
                out.write(_dis.text(v))
                out.write('\n')
        return
    if isinstance(x, str):
        raise NotImplementedError('dis.dis(source string) is not supported: pass a function')
    out.write(_dis.text(x))


disassemble = dis


def distb(tb=None, *, file=None, show_caches=False, adaptive=False):
    raise NotImplementedError('dis.distb is not supported')
