"""gc: the engine frees objects by reference counting (Arc); there is no cycle
collector, so collect() finds nothing and returns 0. enable/disable/isenabled and the
thresholds are kept for programs that set them."""

_enabled = True
_threshold = (700, 10, 10)
garbage = []
callbacks = []


def collect(generation=2):
    return 0


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled


def get_threshold():
    return _threshold


def set_threshold(threshold0, threshold1=None, threshold2=None):
    global _threshold
    t = list(_threshold)
    t[0] = threshold0
    if threshold1 is not None:
        t[1] = threshold1
    if threshold2 is not None:
        t[2] = threshold2
    _threshold = tuple(t)


def get_count():
    return (0, 0, 0)


def freeze():
    pass


def unfreeze():
    pass


def get_freeze_count():
    return 0


def is_tracked(obj):
    return not isinstance(obj, (int, float, str, bytes, bool, type(None)))


def get_objects(generation=None):
    raise NotImplementedError('gc.get_objects is not supported')


def get_referrers(*objs):
    raise NotImplementedError('gc.get_referrers is not supported')


def get_referents(*objs):
    raise NotImplementedError('gc.get_referents is not supported')
