"""Case review statistics: item performance, confidence intervals, baseline vs follow-up.

A case review rates each item in each sampled case as a Strength, an Area Needing
Improvement or Not Applicable, and an item's performance is the share of applicable cases
rated Strength (seed 002, *Mississippi Child and Family Services Review Program Improvement
Plan*: e.g. "caseworker visits with parents 23.64%"). Continuous quality improvement (CQI)
compares a baseline review with a follow-up review by region (seed 001, *Mississippi's Child
Welfare Practice Model*). Reviews sample few cases per region, so every performance here
comes with a confidence interval, and every change with an interval and a test:

- [`wilson_interval`][practicemodel.statistics.wilson_interval]: the Wilson score interval
  for one proportion (Wilson 1927, *Journal of the American Statistical Association*
  22:209–212), which stays inside [0, 1] and behaves at 0 % and 100 %;
- [`compare_proportions`][practicemodel.statistics.compare_proportions]: the difference
  follow-up − baseline with Newcombe's hybrid score interval (method 10 of Newcombe 1998,
  *Statistics in Medicine* 17:873–890) and the pooled two-proportion z test;
- [`item_performance`][practicemodel.statistics.item_performance] and
  [`compare_reviews`][practicemodel.statistics.compare_reviews]: the same for rating records,
  grouped by item and by any other keys (region, case type, quarter), optionally weighted by
  each case's design weight (``weight="weight"``, e.g. from a
  [stratified sample][practicemodel.sampling.SampleReport.with_weights]): the share is then
  the weighted share and its Wilson interval is taken on Kish's effective sample size
  ``(Σw)² / Σw²`` (Kish 1965, *Survey Sampling*, section 11.7; Korn and Graubard 1998,
  *Survey Methodology* 24:193–201, on the design-effect-adjusted Wilson interval).

Only the standard library is used (``math`` and ``statistics.NormalDist``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from enum import StrEnum
from statistics import NormalDist

import attrs

from practicemodel.errors import InvalidArgumentError, InvalidInputError

__all__ = [
    "Comparison",
    "GroupComparison",
    "GroupPerformance",
    "PerformanceCounter",
    "Proportion",
    "Rating",
    "compare_proportions",
    "compare_reviews",
    "item_performance",
    "weighted_wilson_interval",
    "wilson_interval",
]


class Rating(StrEnum):
    """How a review rates one item in one case (the values the rating records use)."""

    STRENGTH = "strength"
    AREA_NEEDING_IMPROVEMENT = "area_needing_improvement"
    NOT_APPLICABLE = "not_applicable"


@attrs.frozen(kw_only=True)
class Proportion:
    """A proportion of successes in trials with its Wilson score interval.

    A result built by the functions here: its fields are not re-validated.
    """

    successes: int
    """How many trials succeeded (e.g. applicable cases rated Strength)."""
    trials: int
    """How many trials there were (e.g. applicable cases)."""
    estimate: float | None
    """``successes / trials``; ``None`` when there are no trials."""
    low: float
    """Lower bound of the interval (0.0 when there are no trials)."""
    high: float
    """Upper bound of the interval (1.0 when there are no trials)."""
    confidence: float
    """Confidence level of the interval, e.g. 0.95."""
    effective_trials: float | None = None
    """For a weighted proportion, Kish's effective sample size ``(Σw)² / Σw²`` of the
    trials, on which the interval is taken (``successes`` and ``trials`` are then the raw
    counts and ``estimate`` the weighted share); ``None`` for an unweighted one."""


@attrs.frozen(kw_only=True)
class Comparison:
    """A follow-up proportion compared with a baseline one.

    ``difference``, ``low`` and ``high`` are ``None`` when either side has no trials;
    ``z`` and ``p_value`` are also ``None`` when the pooled proportion is 0 or 1 (every
    case a Strength, or none: the test has no variance to work with).
    """

    baseline: Proportion
    """The baseline review's proportion."""
    follow_up: Proportion
    """The follow-up review's proportion."""
    difference: float | None
    """Follow-up estimate minus baseline estimate (positive is improvement)."""
    low: float | None
    """Lower bound of Newcombe's hybrid score interval for the difference."""
    high: float | None
    """Upper bound of Newcombe's hybrid score interval for the difference."""
    z: float | None
    """Pooled two-proportion z statistic (follow-up minus baseline)."""
    p_value: float | None
    """Two-sided p-value of the z test."""
    confidence: float
    """Confidence level of the intervals; the test's alpha is ``1 - confidence``."""
    significant: bool
    """Whether ``p_value < 1 - confidence`` (``False`` when the test is undefined)."""


@attrs.frozen(kw_only=True)
class GroupPerformance:
    """Counts and performance of one item in one group of rating records."""

    item: str
    """The item rated (as given in the records' ``"item"`` key)."""
    by: tuple[str, ...]
    """Names of the grouping keys, e.g. ``("region",)``."""
    group: tuple[Hashable, ...]
    """The group's values of those keys, in the same order."""
    strengths: int
    """Cases rated Strength."""
    areas_needing_improvement: int
    """Cases rated Area Needing Improvement."""
    not_applicable: int
    """Cases rated Not Applicable (left out of the performance)."""
    performance: Proportion
    """Strengths among applicable cases, with its Wilson interval."""

    @property
    def applicable(self) -> int:
        """Applicable cases: Strengths plus Areas Needing Improvement."""
        return self.strengths + self.areas_needing_improvement


@attrs.frozen(kw_only=True)
class GroupComparison:
    """One item in one group, in the baseline and the follow-up review.

    A group missing from one review is there with zero counts (and the comparison's
    difference is ``None``).
    """

    item: str
    """The item rated."""
    by: tuple[str, ...]
    """Names of the grouping keys."""
    group: tuple[Hashable, ...]
    """The group's values of those keys."""
    baseline: GroupPerformance
    """The item's counts in the baseline review."""
    follow_up: GroupPerformance
    """The item's counts in the follow-up review."""
    comparison: Comparison
    """Follow-up performance compared with baseline performance."""


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{name!r} must be an int (got {value!r})")
    if value < 0:
        raise InvalidArgumentError(f"{name!r} must be at least 0 (got {value})")
    return value


def _check_confidence(confidence: object) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise InvalidInputError(f"'confidence' must be a number (got {confidence!r})")
    if not 0.0 < confidence < 1.0:
        raise InvalidArgumentError(f"'confidence' must be between 0 and 1 (got {confidence!r})")
    return float(confidence)


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def wilson_interval(successes: int, trials: int, *, confidence: float = 0.95) -> Proportion:
    """Return ``successes / trials`` with its Wilson score interval.

    The Wilson (1927) interval is the set of proportions ``p`` that a two-sided z test at
    level ``1 - confidence`` would not reject; with ``z`` the normal quantile,
    ``n = trials``, ``x = successes``::

        centre = (x + z²/2) / (n + z²)
        half   = z / (n + z²) · sqrt(x (n − x) / n + z²/4)

    Unlike the textbook ``p ± z·sqrt(p(1−p)/n)`` it never leaves [0, 1] and does not
    collapse to a point at 0 % or 100 % (Newcombe 1998, *Statistics in Medicine*
    17:857–872, recommends it). With no trials the estimate is ``None`` and the interval
    is [0, 1].

    Raises:
        InvalidInputError: counts that are not ints, or a confidence that is not a number.
        InvalidArgumentError: a negative count, ``successes > trials``, or a confidence
            outside (0, 1).

    >>> p = wilson_interval(23, 100)
    >>> p.estimate, round(p.low, 4), round(p.high, 4)
    (0.23, 0.1584, 0.3215)
    >>> wilson_interval(0, 0).estimate is None
    True
    """
    x = _check_count("successes", successes)
    n = _check_count("trials", trials)
    level = _check_confidence(confidence)
    if x > n:
        raise InvalidArgumentError(
            f"'successes' must not exceed 'trials' (got {x} > {n})"
        )
    if n == 0:
        return Proportion(successes=0, trials=0, estimate=None, low=0.0, high=1.0,
                          confidence=level)
    z = _z(level)
    z2 = z * z
    centre = (x + z2 / 2.0) / (n + z2)
    half = z / (n + z2) * math.sqrt(x * (n - x) / n + z2 / 4.0)
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return Proportion(successes=x, trials=n, estimate=x / n, low=low, high=high,
                      confidence=level)


def compare_proportions(
    baseline_successes: int,
    baseline_trials: int,
    follow_up_successes: int,
    follow_up_trials: int,
    *,
    confidence: float = 0.95,
) -> Comparison:
    """Compare a follow-up proportion with a baseline one (follow-up − baseline).

    The interval for the difference is Newcombe's hybrid score interval (method 10 of
    Newcombe 1998, *Statistics in Medicine* 17:873–890), built from the two Wilson
    intervals ``[l_b, u_b]`` and ``[l_f, u_f]``::

        low  = d − sqrt((p_f − l_f)² + (u_b − p_b)²)
        high = d + sqrt((u_f − p_f)² + (p_b − l_b)²)

    The test is the pooled two-proportion z test, ``z = d / sqrt(p̄(1 − p̄)(1/n_b + 1/n_f))``
    with ``p̄`` the pooled proportion, and its two-sided p-value; the change is
    ``significant`` when ``p < 1 - confidence``. The two usually agree (the interval
    excludes 0 exactly when the test is significant) but may differ at the margin.

    Raises:
        InvalidInputError: as for
            [`wilson_interval`][practicemodel.statistics.wilson_interval].

    >>> c = compare_proportions(48, 80, 56, 70)
    >>> round(c.difference, 4), round(c.low, 4), round(c.high, 4)
    (0.2, 0.0524, 0.3339)
    >>> round(c.z, 3), round(c.p_value, 4), c.significant
    (2.65, 0.008, True)
    """
    base = wilson_interval(baseline_successes, baseline_trials, confidence=confidence)
    follow = wilson_interval(follow_up_successes, follow_up_trials, confidence=confidence)
    return _compare(base, follow)


def _size(p: Proportion) -> float:
    """The sample size a proportion's test uses: its trials, or effective trials."""
    return p.trials if p.effective_trials is None else p.effective_trials


def _compare(base: Proportion, follow: Proportion) -> Comparison:
    """Newcombe's interval and the pooled z test from two proportions (weighted ones on
    their effective sample sizes)."""
    level = base.confidence
    if base.estimate is None or follow.estimate is None:
        return Comparison(baseline=base, follow_up=follow, difference=None, low=None,
                          high=None, z=None, p_value=None, confidence=level,
                          significant=False)
    pb, pf = base.estimate, follow.estimate
    diff = pf - pb
    low = diff - math.sqrt((pf - follow.low) ** 2 + (base.high - pb) ** 2)
    high = diff + math.sqrt((follow.high - pf) ** 2 + (pb - base.low) ** 2)
    if base.effective_trials is None and follow.effective_trials is None:
        pooled = (base.successes + follow.successes) / (base.trials + follow.trials)
        variance = pooled * (1.0 - pooled) * (1.0 / base.trials + 1.0 / follow.trials)
    else:  # weighted: the pooled test on effective sample sizes (Kish 1965, Survey
        # Sampling, 8.2: a design effect divides n; Korn and Graubard 1998)
        nb, nf = _size(base), _size(follow)
        pooled = (pb * nb + pf * nf) / (nb + nf)
        variance = pooled * (1.0 - pooled) * (1.0 / nb + 1.0 / nf)
    z: float | None = None
    p_value: float | None = None
    if variance > 0.0:
        z = diff / math.sqrt(variance)
        p_value = math.erfc(abs(z) / math.sqrt(2.0))
    return Comparison(
        baseline=base, follow_up=follow, difference=diff, low=max(-1.0, low),
        high=min(1.0, high), z=z, p_value=p_value, confidence=level,
        significant=p_value is not None and p_value < 1.0 - level,
    )


_Key = tuple[str, tuple[Hashable, ...]]
_RATINGS = {rating.value: rating for rating in Rating}


def _check_by(by: object) -> tuple[str, ...]:
    if isinstance(by, str) or not isinstance(by, tuple | list):
        raise InvalidInputError(f"'by' must be a tuple of key names (got {by!r})")
    for name in by:
        if not isinstance(name, str):
            raise InvalidInputError(f"'by' must hold key names as str (got {name!r})")
    if len(set(by)) != len(by):
        raise InvalidArgumentError(f"'by' must not repeat a key (got {by!r})")
    return tuple(by)


def _sorted_keys(keys: Iterable[_Key]) -> list[_Key]:
    """Sort naturally, or by ``repr`` when the values do not compare (e.g. None and str)."""
    listed = list(keys)
    try:
        return sorted(listed)
    except TypeError:
        return sorted(listed, key=repr)



def _count(ratings: Iterable[Mapping[str, object]], by: tuple[str, ...],
           name: str) -> dict[_Key, list[int]]:
    """One pass over the records: (item, group) → [strengths, ANI, not applicable]."""
    counts: dict[_Key, list[int]] = {}
    _add_counts(counts, ratings, by, name)
    return counts


_SLOT = {Rating.STRENGTH: 0, Rating.AREA_NEEDING_IMPROVEMENT: 1, Rating.NOT_APPLICABLE: 2}


def _check_ratings(ratings: object, name: str) -> None:
    if isinstance(ratings, Mapping | str | bytes) or not isinstance(ratings, Iterable):
        raise InvalidInputError(f"{name!r} must be an iterable of mappings (got {ratings!r})")


def _add_counts(counts: dict[_Key, list[int]], ratings: Iterable[Mapping[str, object]],
                by: tuple[str, ...], name: str) -> None:
    _check_ratings(ratings, name)
    for _ in _add_counts_each(counts, ratings, by, name):
        pass


def _add_counts_each(counts: dict[_Key, list[int]], ratings: Iterable[Mapping[str, object]],
                     by: tuple[str, ...], name: str) -> Iterator[None]:
    """Count the records one by one, yielding after each one counted."""
    for index, record in enumerate(ratings):
        if not isinstance(record, Mapping):
            raise InvalidInputError(
                f"{name}[{index}] must be a mapping (got {type(record).__name__})"
            )
        values: list[Hashable] = []
        for key in ("item", "rating", *by):
            if key not in record:
                raise InvalidInputError(f"{name}[{index}] has no key {key!r}")
            value = record[key]
            if not isinstance(value, Hashable):
                raise InvalidInputError(
                    f"{name}[{index}][{key!r}] must be hashable (got {value!r})"
                )
            values.append(value)
        item, rating = record["item"], record["rating"]
        if not isinstance(item, str):
            raise InvalidInputError(f"{name}[{index}]['item'] must be a str (got {item!r})")
        if not isinstance(rating, str) or rating not in _RATINGS:
            raise InvalidInputError(
                f"{name}[{index}]['rating'] must be one of {sorted(_RATINGS)} "
                f"(got {rating!r})"
            )
        slot = counts.setdefault((item, tuple(values[2:])), [0, 0, 0])
        slot[_SLOT[_RATINGS[rating]]] += 1
        yield None


class PerformanceCounter:
    """Strength / ANI / Not Applicable counts per (item, group), built up piece by piece.

    What [`item_performance`][practicemodel.statistics.item_performance] does in one call,
    for a review done in parts: feed rating records with
    [`add`][practicemodel.statistics.PerformanceCounter.add] as they come, combine counters
    from separate processes or files with
    [`merge`][practicemodel.statistics.PerformanceCounter.merge] (counting is additive, so
    the order of parts does not matter), then read the
    [`table`][practicemodel.statistics.PerformanceCounter.table]. A counter holds one small
    list per (item, group), not the records, and can be pickled.

    >>> north = PerformanceCounter(by=("region",))
    >>> north.add([{"item": "visits", "rating": "strength", "region": "N"}])
    >>> south = PerformanceCounter(by=("region",))
    >>> south.add([{"item": "visits", "rating": "area_needing_improvement", "region": "S"}])
    >>> north.merge(south)
    >>> [(p.group, p.strengths, p.applicable) for p in north.table()]
    [(('N',), 1, 1), (('S',), 0, 1)]

    Raises:
        InvalidInputError: ``by`` is not a tuple of key names.
        InvalidArgumentError: ``by`` repeats a key.
    """

    __slots__ = ("_by", "_counts", "_records")

    def __init__(self, *, by: tuple[str, ...] = ()) -> None:
        self._by = _check_by(by)
        self._counts: dict[_Key, list[int]] = {}
        self._records = 0

    @property
    def by(self) -> tuple[str, ...]:
        """The grouping keys."""
        return self._by

    @property
    def records(self) -> int:
        """How many rating records were counted."""
        return self._records

    def add(self, ratings: Iterable[Mapping[str, object]]) -> None:
        """Count rating records (as for
        [`item_performance`][practicemodel.statistics.item_performance]).

        Raises:
            InvalidInputError: as for
                [`item_performance`][practicemodel.statistics.item_performance]; the
                records before the bad one stay counted.
        """
        _check_ratings(ratings, "ratings")
        for _ in _add_counts_each(self._counts, ratings, self._by, "ratings"):
            self._records += 1

    def merge(self, other: PerformanceCounter) -> None:
        """Add another counter's counts to this one.

        Raises:
            InvalidInputError: ``other`` is not a PerformanceCounter.
            InvalidArgumentError: ``other`` groups by other keys.
        """
        if not isinstance(other, PerformanceCounter):
            raise InvalidInputError(f"'other' must be a PerformanceCounter "
                                    f"(got {type(other).__name__})")
        if other.by != self._by:
            raise InvalidArgumentError(f"cannot merge a counter grouped by {other.by!r} into one "
                                    f"grouped by {self._by!r}")
        for key, (s, a, n) in other._counts.items():
            slot = self._counts.setdefault(key, [0, 0, 0])
            slot[0] += s
            slot[1] += a
            slot[2] += n
        self._records += other._records

    def table(self, *, confidence: float = 0.95) -> tuple[GroupPerformance, ...]:
        """Each item's performance per group, sorted by item then group.

        Raises:
            InvalidInputError: ``confidence`` is not a number.
            InvalidArgumentError: ``confidence`` is not in (0, 1).
        """
        level = _check_confidence(confidence)
        return tuple(_performance(key, self._by, self._counts[key], level)
                     for key in _sorted_keys(self._counts))

    def __getstate__(self) -> tuple[tuple[str, ...], dict[_Key, list[int]], int]:
        return self._by, self._counts, self._records

    def __setstate__(self, state: tuple[tuple[str, ...], dict[_Key, list[int]], int]) -> None:
        self._by, self._counts, self._records = state


def _performance(key: _Key, by: tuple[str, ...], slot: list[int],
                 confidence: float) -> GroupPerformance:
    strengths, ani, na = slot
    return GroupPerformance(
        item=key[0], by=by, group=key[1], strengths=strengths,
        areas_needing_improvement=ani, not_applicable=na,
        performance=wilson_interval(strengths, strengths + ani, confidence=confidence),
    )


def weighted_wilson_interval(
    success_weights: Iterable[float],
    failure_weights: Iterable[float],
    *,
    confidence: float = 0.95,
) -> Proportion:
    """A weighted share of successes with its Wilson interval on Kish's effective sample size.

    ``success_weights`` are the weights of the successes (e.g. applicable cases rated
    Strength), ``failure_weights`` those of the failures. The estimate is the weighted share
    ``p = Σw(successes) / Σw``; the interval is Wilson's with ``n`` replaced by Kish's
    effective sample size ``n_eff = (Σw)² / Σw²`` (Kish 1965, *Survey Sampling*, section
    11.7), the number of unweighted cases that would give the same precision: unequal
    weights inflate the variance of a share by the design effect ``1 + CV²(w)``, and
    dividing ``n`` by it is the standard adjustment of the Wilson interval for a complex
    sample (Korn and Graubard 1998, *Survey Methodology* 24:193–201)::

        centre = (n_eff·p + z²/2) / (n_eff + z²)
        half   = z / (n_eff + z²) · sqrt(n_eff·p(1 − p) + z²/4)

    With equal weights ``n_eff`` is the number of trials and the interval is the unweighted
    one. The result's ``successes`` and ``trials`` are the raw counts, its
    ``effective_trials`` is ``n_eff``; with no trials the estimate is ``None`` and the
    interval [0, 1].

    Raises:
        InvalidInputError: a weight that is not a finite number above 0.
        InvalidArgumentError: a confidence outside (0, 1).

    >>> p = weighted_wilson_interval([2.0, 1.0], [2.0])
    >>> round(p.estimate, 2), round(p.effective_trials, 4), round(p.low, 4), round(p.high, 4)
    (0.6, 2.7778, 0.1643, 0.9197)
    """
    level = _check_confidence(confidence)
    sums = []
    for name, weights in (("success_weights", success_weights),
                          ("failure_weights", failure_weights)):
        if isinstance(weights, str | bytes | Mapping) or not isinstance(weights, Iterable):
            raise InvalidInputError(f"{name!r} must be an iterable of numbers (got {weights!r})")
        listed = [_check_weight(w, f"{name}[{i}]") for i, w in enumerate(weights)]
        sums.append((len(listed), math.fsum(listed), math.fsum(w * w for w in listed)))
    (x, ws, ws2), (f, wf, wf2) = sums
    return _weighted(x, x + f, ws, ws + wf, ws2 + wf2, level)


def _check_weight(w: object, where: str) -> float:
    if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w) or w <= 0:
        raise InvalidInputError(f"{where} must be a finite number above 0 (got {w!r})")
    return float(w)


def _weighted(x: int, n: int, ws: float, wa: float, wa2: float,
              confidence: float) -> Proportion:
    if wa == 0.0 or wa2 == 0.0:
        return Proportion(successes=x, trials=n, estimate=None, low=0.0, high=1.0,
                          confidence=confidence, effective_trials=0.0)
    p = ws / wa
    n_eff = wa * wa / wa2
    z = _z(confidence)
    z2 = z * z
    centre = (n_eff * p + z2 / 2.0) / (n_eff + z2)
    half = z / (n_eff + z2) * math.sqrt(max(0.0, n_eff * p * (1.0 - p)) + z2 / 4.0)
    low = 0.0 if ws == 0.0 else max(0.0, centre - half)
    high = 1.0 if ws == wa else min(1.0, centre + half)
    return Proportion(successes=x, trials=n, estimate=p, low=low, high=high,
                      confidence=confidence, effective_trials=n_eff)


def _check_weight_name(weight: object) -> str | None:
    if weight is not None and not isinstance(weight, str):
        raise InvalidInputError(f"'weight' must be a key name or None (got {weight!r})")
    return weight


def _count_weighted(ratings: Iterable[Mapping[str, object]], by: tuple[str, ...], name: str,
                    weight: str) -> dict[_Key, list[float]]:
    """One pass: (item, group) → [S, ANI, NA, Σw of S, Σw applicable, Σw² applicable]."""
    _check_ratings(ratings, name)
    counts: dict[_Key, list[float]] = {}
    for index, record in enumerate(ratings):
        if not isinstance(record, Mapping):
            raise InvalidInputError(
                f"{name}[{index}] must be a mapping (got {type(record).__name__})"
            )
        if weight not in record:
            raise InvalidInputError(f"{name}[{index}] has no key {weight!r} (the weight)")
        w = _check_weight(record[weight], f"{name}[{index}][{weight!r}]")
        one: dict[_Key, list[int]] = {}
        _add_counts(one, (record,), by, name)
        ((key, slot),) = one.items()
        total = counts.setdefault(key, [0, 0, 0, 0.0, 0.0, 0.0])
        for i in range(3):
            total[i] += slot[i]
        if slot[2] == 0:
            if slot[0]:
                total[3] += w
            total[4] += w
            total[5] += w * w
    return counts


def _weighted_performance(key: _Key, by: tuple[str, ...], slot: list[float],
                          confidence: float) -> GroupPerformance:
    strengths, ani, na = (int(v) for v in slot[:3])
    return GroupPerformance(
        item=key[0], by=by, group=key[1], strengths=strengths,
        areas_needing_improvement=ani, not_applicable=na,
        performance=_weighted(strengths, strengths + ani, slot[3], slot[4], slot[5],
                              confidence),
    )


def item_performance(
    ratings: Iterable[Mapping[str, object]],
    *,
    by: tuple[str, ...] = (),
    confidence: float = 0.95,
    weight: str | None = None,
) -> tuple[GroupPerformance, ...]:
    """Return each item's performance per group: Strengths among applicable cases.

    ``ratings`` are mappings (e.g. plain dicts read from JSON Lines) with at least an
    ``"item"`` (str) and a ``"rating"`` (``"strength"``, ``"area_needing_improvement"`` or
    ``"not_applicable"``; see [`Rating`][practicemodel.statistics.Rating]), plus the keys
    named in ``by`` (e.g. ``("region", "case_type")``; seed 001 samples by region and by
    in-home vs foster care). Performance is the share of applicable cases rated Strength
    (seed 002), with its Wilson interval. The records are read once, keeping one counter per
    (item, group), so a large review can be streamed. Results are sorted by item then group.

    ``weight`` names a key holding each record's design weight (a number above 0, e.g. the
    ``"weight"`` that
    [`SampleReport.with_weights`][practicemodel.sampling.SampleReport.with_weights] adds:
    the number of cases of the population a sampled case stands for). The performance
    is then the weighted share, Σw of Strengths / Σw of applicable ratings, with the Wilson
    interval on Kish's effective sample size (see
    [`weighted_wilson_interval`][practicemodel.statistics.weighted_wilson_interval]); the
    counts stay raw counts. Without ``weight`` the results are exactly the unweighted ones.

    Raises:
        InvalidInputError: a record that is not a mapping, lacks a key, or has an unknown
            rating or a weight that is not a number above 0 (the message names the record,
            the key and the value).

    >>> rows = [{"item": "visits_parents", "rating": r} for r in
    ...         ["strength", "area_needing_improvement", "area_needing_improvement",
    ...          "not_applicable"]]
    >>> (p,) = item_performance(rows)
    >>> p.strengths, p.applicable, p.not_applicable, round(p.performance.estimate, 4)
    (1, 3, 1, 0.3333)
    """
    names = _check_by(by)
    level = _check_confidence(confidence)
    key_name = _check_weight_name(weight)
    if key_name is not None:
        weighted = _count_weighted(ratings, names, "ratings", key_name)
        return tuple(_weighted_performance(key, names, weighted[key], level)
                     for key in _sorted_keys(weighted))
    counts = _count(ratings, names, "ratings")
    return tuple(_performance(key, names, counts[key], level) for key in _sorted_keys(counts))


def compare_reviews(
    baseline: Iterable[Mapping[str, object]],
    follow_up: Iterable[Mapping[str, object]],
    *,
    by: tuple[str, ...] = (),
    confidence: float = 0.95,
    weight: str | None = None,
) -> tuple[GroupComparison, ...]:
    """Compare each item's performance per group between a baseline and a follow-up review.

    CQI compares a baseline review with a follow-up review by region (seed 001); each
    (item, group) found in either review gets the counts from both and a
    [`Comparison`][practicemodel.statistics.Comparison] (Newcombe's interval for the
    difference and the pooled z test). Records are as for
    [`item_performance`][practicemodel.statistics.item_performance]; results are sorted by
    item then group. With ``weight`` (a key of both reviews' records, as for
    [`item_performance`][practicemodel.statistics.item_performance]) each side is the
    weighted share with its effective sample size, and the interval and the z test use the
    weighted shares and effective sample sizes in place of the counts.

    Raises:
        InvalidInputError: as for
            [`item_performance`][practicemodel.statistics.item_performance].

    >>> base = [{"item": "i", "rating": "strength"}] * 2 + [
    ...     {"item": "i", "rating": "area_needing_improvement"}] * 8
    >>> follow = [{"item": "i", "rating": "strength"}] * 7 + [
    ...     {"item": "i", "rating": "area_needing_improvement"}] * 3
    >>> (g,) = compare_reviews(base, follow)
    >>> round(g.comparison.difference, 2), g.comparison.significant
    (0.5, True)
    """
    names = _check_by(by)
    level = _check_confidence(confidence)
    key_name = _check_weight_name(weight)
    if key_name is not None:
        return _compare_weighted(baseline, follow_up, names, level, key_name)
    before = _count(baseline, names, "baseline")
    after = _count(follow_up, names, "follow_up")
    results = []
    for key in _sorted_keys(before.keys() | after.keys()):
        b = _performance(key, names, before.get(key, [0, 0, 0]), level)
        f = _performance(key, names, after.get(key, [0, 0, 0]), level)
        comparison = compare_proportions(
            b.strengths, b.applicable, f.strengths, f.applicable, confidence=level
        )
        results.append(GroupComparison(item=key[0], by=names, group=key[1], baseline=b,
                                       follow_up=f, comparison=comparison))
    return tuple(results)


def _compare_weighted(baseline: Iterable[Mapping[str, object]],
                      follow_up: Iterable[Mapping[str, object]], names: tuple[str, ...],
                      level: float, weight: str) -> tuple[GroupComparison, ...]:
    before = _count_weighted(baseline, names, "baseline", weight)
    after = _count_weighted(follow_up, names, "follow_up", weight)
    empty = [0, 0, 0, 0.0, 0.0, 0.0]
    results = []
    for key in _sorted_keys(before.keys() | after.keys()):
        b = _weighted_performance(key, names, before.get(key, empty), level)
        f = _weighted_performance(key, names, after.get(key, empty), level)
        results.append(GroupComparison(item=key[0], by=names, group=key[1], baseline=b,
                                       follow_up=f,
                                       comparison=_compare(b.performance, f.performance)))
    return tuple(results)
