"""datetime: timedelta, date, time, datetime, timezone (fixed offsets, utc) with
CPython's reprs, str/isoformat, arithmetic, comparisons, strftime (the common
directives), fromisoformat, now/today/utcnow (UTC from the host clock: the engine has
no local time zone), fromtimestamp. strptime raises NotImplementedError."""

import time as _time
import collections as _collections

IsoCalendarDate = _collections.namedtuple('IsoCalendarDate', 'year week weekday')
IsoCalendarDate.__repr__ = lambda self: ('datetime.IsoCalendarDate(year=' + str(self[0]) + ', week=' +
                                         str(self[1]) + ', weekday=' + str(self[2]) + ')')

MINYEAR = 1
MAXYEAR = 9999
_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_dbm = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_dbm)
    _dbm += _dim
_MONTHNAMES = [None, 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
_FULLMONTH = [None, 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
              'September', 'October', 'November', 'December']
_DAYNAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
_FULLDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year)) + day


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    return year, month, n + 1


def _check_int(name, v):
    if not isinstance(v, int):
        raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")


def _check_date(year, month, day):
    _check_int('year', year)
    _check_int('month', month)
    _check_int('day', day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year ' + str(year) + ' is out of range')
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    dim = _days_in_month(year, month)
    if not 1 <= day <= dim:
        raise ValueError('day is out of range for month')


def _check_time(hour, minute, second, microsecond):
    for n, v in (('hour', hour), ('minute', minute), ('second', second), ('microsecond', microsecond)):
        _check_int(n, v)
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')


def _cmp(a, b):
    return 0 if a == b else (1 if a > b else -1)


class timedelta:
    __slots__ = ('_days', '_seconds', '_microseconds', '_hashcode')

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total_us = 0
        parts = [(days, 86400000000), (seconds, 1000000), (microseconds, 1),
                 (milliseconds, 1000), (minutes, 60000000), (hours, 3600000000), (weeks, 604800000000)]
        frac = 0.0
        for v, mul in parts:
            if isinstance(v, float):
                iv = int(v)
                total_us += iv * mul
                frac += (v - iv) * mul
            else:
                total_us += v * mul
        total_us += round(frac)
        d, rem = divmod(total_us, 86400000000)
        s, us = divmod(rem, 1000000)
        if abs(d) > 999999999:
            raise OverflowError('days=' + str(d) + '; must have magnitude <= 999999999')
        object.__setattr__(self, '_days', d)
        object.__setattr__(self, '_seconds', s)
        object.__setattr__(self, '_microseconds', us)

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=' + str(self._days))
        if self._seconds:
            args.append('seconds=' + str(self._seconds))
        if self._microseconds:
            args.append('microseconds=' + str(self._microseconds))
        if not args:
            args.append('0')
        return 'datetime.timedelta(' + ', '.join(args) + ')'

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = str(hh) + ':' + ('%02d' % mm) + ':' + ('%02d' % ss)
        if self._days:
            s = str(self._days) + ' day' + ('s' if abs(self._days) != 1 else '') + ', ' + s
        if self._microseconds:
            s = s + '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta(microseconds=self._us() * other)
        if isinstance(other, float):
            return timedelta(microseconds=round(self._us() * other))
        return NotImplemented

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return timedelta(microseconds=self._us() // other)
        return NotImplemented

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._us() / other))
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        q, r = divmod(self._us(), other._us())
        return q, timedelta(microseconds=r)

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._us() == other._us()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._us() < other._us()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._us() <= other._us()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._us() > other._us()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._us() >= other._us()
        return NotImplemented

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._days != 0 or self._seconds != 0 or self._microseconds != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


def _wrap_strftime(obj, fmt, y, mo, d, hh, mi, ss, us, wd, yday, tzname, utcoff):
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == 'Y':
            out.append('%04d' % y if y >= 1000 else str(y))
        elif k == 'y':
            out.append('%02d' % (y % 100))
        elif k == 'm':
            out.append('%02d' % mo)
        elif k == 'd':
            out.append('%02d' % d)
        elif k == 'e':
            out.append('%2d' % d)
        elif k == 'H':
            out.append('%02d' % hh)
        elif k == 'I':
            out.append('%02d' % (hh % 12 or 12))
        elif k == 'M':
            out.append('%02d' % mi)
        elif k == 'S':
            out.append('%02d' % ss)
        elif k == 'f':
            out.append('%06d' % us)
        elif k == 'p':
            out.append('AM' if hh < 12 else 'PM')
        elif k == 'a':
            out.append(_DAYNAMES[wd])
        elif k == 'A':
            out.append(_FULLDAY[wd])
        elif k == 'w':
            out.append(str((wd + 1) % 7))
        elif k == 'u':
            out.append(str(wd + 1))
        elif k == 'b' or k == 'h':
            out.append(_MONTHNAMES[mo])
        elif k == 'B':
            out.append(_FULLMONTH[mo])
        elif k == 'j':
            out.append('%03d' % yday)
        elif k == 'Z':
            out.append(tzname or '')
        elif k == 'z':
            if utcoff is not None:
                us_off = utcoff._us()
                sign = '+'
                if us_off < 0:
                    sign = '-'
                    us_off = -us_off
                h, rest = divmod(us_off, 3600000000)
                m, rest = divmod(rest, 60000000)
                s, u = divmod(rest, 1000000)
                z = sign + '%02d%02d' % (h, m)
                if s or u:
                    z += '%02d' % s
                if u:
                    z += '.%06d' % u
                out.append(z)
        elif k == 'c':
            out.append('%s %s %2d %02d:%02d:%02d %04d' % (_DAYNAMES[wd], _MONTHNAMES[mo], d, hh, mi, ss, y))
        elif k == 'x':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'X':
            out.append('%02d:%02d:%02d' % (hh, mi, ss))
        elif k == 'D':
            out.append('%02d/%02d/%02d' % (mo, d, y % 100))
        elif k == 'F':
            out.append('%04d-%02d-%02d' % (y, mo, d))
        elif k == 'T':
            out.append('%02d:%02d:%02d' % (hh, mi, ss))
        elif k == 'R':
            out.append('%02d:%02d' % (hh, mi))
        elif k == 'U':
            out.append('%02d' % ((yday + 6 - (wd + 1) % 7) // 7))
        elif k == 'W':
            out.append('%02d' % ((yday + 6 - wd) // 7))
        elif k == '%':
            out.append('%')
        else:
            raise NotImplementedError('strftime directive %' + k + ' is not supported')
    return ''.join(out)


class date:
    __slots__ = ('_year', '_month', '_day', '_hashcode')

    def __init__(self, year, month=None, day=None):
        _check_date(year, month, day)
        object.__setattr__(self, '_year', year)
        object.__setattr__(self, '_month', month)
        object.__setattr__(self, '_day', day)

    @classmethod
    def today(cls):
        t = _time.time()
        return cls.fromtimestamp(t)

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _ord2ymd(int(t // 86400) + 719163)
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        if len(s) == 10 and s[4] == '-' and s[7] == '-':
            try:
                return cls(int(s[0:4]), int(s[5:7]), int(s[8:10]))
            except ValueError:
                pass
        if len(s) == 8 and s.isdigit():
            return cls(int(s[0:4]), int(s[4:6]), int(s[6:8]))
        raise ValueError('Invalid isoformat string: ' + repr(s))

    @classmethod
    def fromisocalendar(cls, year, week, day):
        jan4 = _ymd2ord(year, 1, 4)
        first_monday = jan4 - (jan4 + 6) % 7
        return cls.fromordinal(first_monday + (week - 1) * 7 + day - 1)

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    def __repr__(self):
        return 'datetime.date(' + str(self._year) + ', ' + str(self._month) + ', ' + str(self._day) + ')'

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    __str__ = isoformat

    def ctime(self):
        wd = self.weekday()
        return '%s %s %2d 00:00:00 %04d' % (_DAYNAMES[wd], _MONTHNAMES[self._month], self._day, self._year)

    def strftime(self, fmt):
        yday = self.toordinal() - _ymd2ord(self._year, 1, 1) + 1
        return _wrap_strftime(self, fmt, self._year, self._month, self._day, 0, 0, 0, 0, self.weekday(), yday, None, None)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not ' + type(fmt).__name__)
        if len(fmt) != 0:
            return self.strftime(fmt)
        return str(self)

    def timetuple(self):
        raise NotImplementedError('date.timetuple is not supported')

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        week1monday = _isoweek1monday(year)
        today = _ymd2ord(self._year, self._month, self._day)
        week, day = divmod(today - week1monday, 7)
        if week < 0:
            year -= 1
            week1monday = _isoweek1monday(year)
            week, day = divmod(today - week1monday, 7)
        elif week >= 52:
            if today >= _isoweek1monday(year + 1):
                year += 1
                week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def _key(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return self._key() == other._key()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() >= other._key()
        return NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if 0 < o <= 3652059:
                return type(self).fromordinal(o)
            raise OverflowError('result out of range')
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


def _isoweek1monday(year):
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > 3:
        week1monday += 7
    return week1monday


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class tzinfo:
    def utcoffset(self, dt):
        raise NotImplementedError('tzinfo subclass must override utcoffset()')

    def tzname(self, dt):
        raise NotImplementedError('tzinfo subclass must override tzname()')

    def dst(self, dt):
        raise NotImplementedError('tzinfo subclass must override dst()')


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('offset must be a timedelta')
        if not -timedelta(hours=24) < offset < timedelta(hours=24):
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).')
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        us = self._offset._us()
        if us == 0:
            return 'UTC'
        sign = '+'
        if us < 0:
            sign = '-'
            us = -us
        h, rest = divmod(us, 3600000000)
        m, rest = divmod(rest, 60000000)
        return 'UTC' + sign + '%02d:%02d' % (h, m)

    def __repr__(self):
        if self is timezone.utc:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(' + repr(self._offset) + ')'
        return 'datetime.timezone(' + repr(self._offset) + ', ' + repr(self._name) + ')'

    def __str__(self):
        return self.tzname(None)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)


timezone.utc = timezone(timedelta(0))
UTC = timezone.utc


def _fmt_off(off, sep=':'):
    if off is None:
        return ''
    us = off._us()
    sign = '+'
    if us < 0:
        sign = '-'
        us = -us
    h, rest = divmod(us, 3600000000)
    m, rest = divmod(rest, 60000000)
    s, u = divmod(rest, 1000000)
    r = sign + '%02d' % h + sep + '%02d' % m
    if s or u:
        r += sep + '%02d' % s
        if u:
            r += '.%06d' % u
    return r


def _fmt_time(hh, mm, ss, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _parse_time(s):
    tz = None
    for i, c in enumerate(s):
        if c in '+-Z':
            tzs = s[i:]
            s = s[:i]
            if tzs == 'Z':
                tz = timezone.utc
            else:
                sign = -1 if tzs[0] == '-' else 1
                p = tzs[1:].replace(':', '')
                h = int(p[0:2])
                m = int(p[2:4]) if len(p) >= 4 else 0
                tz = timezone(sign * timedelta(hours=h, minutes=m))
            break
    parts = s.split(':')
    hh = int(parts[0])
    mm = int(parts[1]) if len(parts) > 1 else 0
    ss = 0
    us = 0
    if len(parts) > 2:
        sec = parts[2]
        if '.' in sec or ',' in sec:
            a, b = sec.replace(',', '.').split('.')
            ss = int(a)
            us = int((b + '000000')[:6])
        else:
            ss = int(sec)
    return hh, mm, ss, us, tz


class time:
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold', '_hashcode')

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        _check_time(hour, minute, second, microsecond)
        object.__setattr__(self, '_hour', hour)
        object.__setattr__(self, '_minute', minute)
        object.__setattr__(self, '_second', second)
        object.__setattr__(self, '_microsecond', microsecond)
        object.__setattr__(self, '_tzinfo', tzinfo)
        object.__setattr__(self, '_fold', fold)

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(None)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def isoformat(self, timespec='auto'):
        return _fmt_time(self._hour, self._minute, self._second, self._microsecond, timespec) + _fmt_off(self.utcoffset())

    __str__ = isoformat

    @classmethod
    def fromisoformat(cls, s):
        try:
            hh, mm, ss, us, tz = _parse_time(s)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: ' + repr(s)) from None
        return cls(hh, mm, ss, us, tz)

    def strftime(self, fmt):
        return _wrap_strftime(self, fmt, 1900, 1, 1, self._hour, self._minute, self._second, self._microsecond, 0, 1,
                              self.tzname(), self.utcoffset())

    def __format__(self, fmt):
        return self.strftime(fmt) if fmt else str(self)

    def __repr__(self):
        if self._microsecond != 0:
            s = ', %d, %d' % (self._second, self._microsecond)
        elif self._second != 0:
            s = ', %d' % self._second
        else:
            s = ''
        s = 'datetime.time(%d, %d%s)' % (self._hour, self._minute, s)
        if self._tzinfo is not None:
            s = s[:-1] + ', tzinfo=' + repr(self._tzinfo) + ')'
        return s

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True):
        return type(self)(self._hour if hour is None else hour, self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo)

    def _key(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        if isinstance(other, time):
            return self._key() == other._key()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, time):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, time):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, time):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, time):
            return self._key() >= other._key()
        return NotImplemented

    def __hash__(self):
        return hash(self._key())

    def __bool__(self):
        return True


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


class datetime(date):
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __init__(self, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond)
        object.__setattr__(self, '_year', year)
        object.__setattr__(self, '_month', month)
        object.__setattr__(self, '_day', day)
        object.__setattr__(self, '_hour', hour)
        object.__setattr__(self, '_minute', minute)
        object.__setattr__(self, '_second', second)
        object.__setattr__(self, '_microsecond', microsecond)
        object.__setattr__(self, '_tzinfo', tzinfo)
        object.__setattr__(self, '_fold', fold)

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        us_total = round(t * 1000000)
        days, rem = divmod(us_total, 86400000000)
        y, m, d = _ord2ymd(days + 719163)
        secs, us = divmod(rem, 1000000)
        hh, rem2 = divmod(secs, 3600)
        mm, ss = divmod(rem2, 60)
        r = cls(y, m, d, hh, mm, ss, us, None)
        if tz is not None:
            off = tz.utcoffset(r)
            r = (r + off).replace(tzinfo=tz)
        return r

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls.now()

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        if tzinfo is True:
            tzinfo = time.tzinfo
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second, time.microsecond, tzinfo)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            d = date.fromisoformat(s[0:10])
            if len(s) > 10:
                if s[10] not in 'T ':
                    raise ValueError
                hh, mm, ss, us, tz = _parse_time(s[11:])
            else:
                hh = mm = ss = us = 0
                tz = None
            return cls(d.year, d.month, d.day, hh, mm, ss, us, tz)
        except (ValueError, IndexError):
            raise ValueError('Invalid isoformat string: ' + repr(s)) from None

    @classmethod
    def strptime(cls, date_string, format):
        raise NotImplementedError('datetime.strptime is not supported')

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(self)

    def timestamp(self):
        off = self.utcoffset()
        days = self.toordinal() - 719163
        t = days * 86400 + self._hour * 3600 + self._minute * 60 + self._second + self._microsecond / 1e6
        if off is not None:
            t -= off.total_seconds()
        return t

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone.utc
        off = self.utcoffset() or timedelta(0)
        utc = (self - off).replace(tzinfo=None)
        return (utc + tz.utcoffset(utc)).replace(tzinfo=tz)

    def isoformat(self, sep='T', timespec='auto'):
        return ('%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep) +
                _fmt_time(self._hour, self._minute, self._second, self._microsecond, timespec) +
                _fmt_off(self.utcoffset()))

    def __str__(self):
        return self.isoformat(sep=' ')

    def ctime(self):
        wd = self.weekday()
        return '%s %s %2d %02d:%02d:%02d %04d' % (_DAYNAMES[wd], _MONTHNAMES[self._month], self._day,
                                                   self._hour, self._minute, self._second, self._year)

    def strftime(self, fmt):
        yday = self.toordinal() - _ymd2ord(self._year, 1, 1) + 1
        return _wrap_strftime(self, fmt, self._year, self._month, self._day, self._hour, self._minute,
                              self._second, self._microsecond, self.weekday(), yday, self.tzname(), self.utcoffset())

    def __repr__(self):
        L = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond]
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        s = 'datetime.datetime(' + ', '.join(map(str, L)) + ')'
        if self._tzinfo is not None:
            s = s[:-1] + ', tzinfo=' + repr(self._tzinfo) + ')'
        return s

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day, self._hour if hour is None else hour,
                          self._minute if minute is None else minute, self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo)

    def _us(self):
        t = ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
             + self._microsecond)
        off = self.utcoffset()
        if off is not None:
            t -= off._us()
        return t

    def _comparable(self, other):
        if not isinstance(other, datetime):
            return False
        if (self._tzinfo is None) != (other._tzinfo is None):
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        return True

    def __eq__(self, other):
        if isinstance(other, datetime):
            if (self._tzinfo is None) != (other._tzinfo is None):
                return False
            return self._us() == other._us()
        if isinstance(other, date):
            return False
        return NotImplemented

    def __lt__(self, other):
        if self._comparable(other):
            return self._us() < other._us()
        return NotImplemented

    def __le__(self, other):
        if self._comparable(other):
            return self._us() <= other._us()
        return NotImplemented

    def __gt__(self, other):
        if self._comparable(other):
            return self._us() > other._us()
        return NotImplemented

    def __ge__(self, other):
        if self._comparable(other):
            return self._us() >= other._us()
        return NotImplemented

    def __hash__(self):
        return hash(self._us())

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        t = ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
             + self._microsecond + other._us())
        days, rem = divmod(t, 86400000000)
        if not 0 < days <= 3652059:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(days)
        secs, us = divmod(rem, 1000000)
        hh, rem2 = divmod(secs, 3600)
        mm, ss = divmod(rem2, 60)
        return type(self)(y, m, d, hh, mm, ss, us, self._tzinfo)

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if isinstance(other, datetime):
            if (self._tzinfo is None) != (other._tzinfo is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)
