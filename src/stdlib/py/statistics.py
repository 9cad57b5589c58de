"""statistics: mean, fmean, geometric_mean, harmonic_mean, median (low/high/grouped),
mode, multimode, quantiles, variance, pvariance, stdev, pstdev, StatisticsError.
Sums of ints are exact; sums of floats use math.fsum (CPython sums floats exactly as
fractions, so a last-digit difference is possible for awkward data)."""

import math

__all__ = ['StatisticsError', 'fmean', 'geometric_mean', 'harmonic_mean', 'mean', 'median',
           'median_grouped', 'median_high', 'median_low', 'mode', 'multimode', 'pstdev',
           'pvariance', 'quantiles', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _all_int(data):
    for x in data:
        if not isinstance(x, int):
            return False
    return True


def _mean(data):
    n = len(data)
    if _all_int(data):
        s = sum(data)
        if s % n == 0:
            return s // n
        return s / n
    return math.fsum(data) / n


def mean(data):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('mean requires at least one data point')
    return _mean(data)


def fmean(data, weights=None):
    data = list(data)
    if weights is None:
        if not data:
            raise StatisticsError('fmean requires at least one data point')
        return math.fsum(data) / len(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError('data and weights must be the same length')
    total = math.fsum(weights)
    if not total:
        raise StatisticsError('sum of weights must be non-zero')
    return math.fsum(x * w for x, w in zip(data, weights)) / total


def geometric_mean(data):
    data = list(data)
    if not data:
        raise StatisticsError('geometric_mean requires a non-empty dataset containing positive numbers')
    for x in data:
        if x <= 0:
            raise StatisticsError('geometric_mean requires a non-empty dataset containing positive numbers')
    return math.exp(math.fsum(map(math.log, data)) / len(data))


def harmonic_mean(data, weights=None):
    data = list(data)
    if not data:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if len(data) == 1 and weights is None:
        x = data[0]
        if x < 0:
            raise StatisticsError('harmonic mean does not support negative values')
        return x
    if weights is None:
        weights = [1] * len(data)
    for x in data:
        if x < 0:
            raise StatisticsError('harmonic mean does not support negative values')
        if x == 0:
            return 0
    total = sum(weights)
    if _all_int(data) and _all_int(weights):
        # exact: total / sum(w/x) = total * P / sum(w * P/x), P the product of the data
        p = 1
        for x in data:
            p *= x
        return total * p / sum(w * (p // x) for x, w in zip(data, weights))
    return total / math.fsum(w / x for x, w in zip(data, weights))


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    return data[n // 2]


def median_grouped(data, interval=1):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError('no median for empty data')
    if n == 1:
        return data[0]
    x = data[n // 2]
    L = x - interval / 2
    cf = 0
    for v in data:
        if v < x:
            cf += 1
    f = data.count(x)
    return L + interval * (n / 2 - cf) / f


def mode(data):
    counts = {}
    order = []
    for x in data:
        if x not in counts:
            counts[x] = 0
            order.append(x)
        counts[x] += 1
    if not order:
        raise StatisticsError('no mode for empty data')
    best = order[0]
    for x in order:
        if counts[x] > counts[best]:
            best = x
    return best


def multimode(data):
    counts = {}
    order = []
    for x in data:
        if x not in counts:
            counts[x] = 0
            order.append(x)
        counts[x] += 1
    if not order:
        return []
    m = max(counts.values())
    return [x for x in order if counts[x] == m]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError('Unknown method: ' + repr(method))


def _ss(data, c=None):
    if c is None:
        c = _mean(data)
    if _all_int(data) and isinstance(c, int):
        return sum((x - c) ** 2 for x in data)
    return math.fsum((x - c) ** 2 for x in data)


def variance(data, xbar=None):
    data = list(data)
    n = len(data)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    ss = _ss(data, xbar)
    if _all_int(data) and isinstance(ss, int) and ss % (n - 1) == 0:
        return ss // (n - 1)
    return ss / (n - 1)


def pvariance(data, mu=None):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    ss = _ss(data, mu)
    if _all_int(data) and isinstance(ss, int) and ss % n == 0:
        return ss // n
    return ss / n


def stdev(data, xbar=None):
    data = list(data)
    n = len(data)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    return math.sqrt(_ss(data, xbar) / (n - 1))


def pstdev(data, mu=None):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    return math.sqrt(_ss(data, mu) / n)
