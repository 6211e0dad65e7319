"""Review statistics: Wilson and Newcombe intervals, the z test, item performance, CQI."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.statistics import (
    Rating,
    compare_proportions,
    compare_reviews,
    item_performance,
    weighted_wilson_interval,
    wilson_interval,
)

Z95 = NormalDist().inv_cdf(0.975)


def _wilson_by_hand(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval written out from the formula."""
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("x", "n"), [(0, 10), (10, 10), (23, 100), (81, 263), (1, 2)])
def test_wilson_matches_the_formula_by_hand(x: int, n: int) -> None:
    """The interval equals the Wilson formula computed independently in the test."""
    low, high = _wilson_by_hand(x, n)
    actual = wilson_interval(x, n)
    assert actual.low == pytest.approx(max(0.0, low), abs=1e-12)
    assert actual.high == pytest.approx(min(1.0, high), abs=1e-12)
    expected = x / n
    assert expected == actual.estimate


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 10, 0.0, 0.2775)],
)
def test_wilson_matches_newcombe_1998_table_i(x: int, n: int, low: float, high: float) -> None:
    """Published Wilson intervals (Newcombe 1998, Table I) are reproduced to 4 places."""
    actual = wilson_interval(x, n)
    assert round(actual.low, 4) == pytest.approx(low)
    assert round(actual.high, 4) == pytest.approx(high)


def test_wilson_bounds_are_exact_at_zero_and_all() -> None:
    """0/n has a lower bound of exactly 0 and n/n an upper bound of exactly 1."""
    expected = (0.0, 1.0)
    assert expected == (wilson_interval(0, 10).low, wilson_interval(10, 10).high)


def test_wilson_with_no_trials_has_no_estimate() -> None:
    """No applicable cases give no estimate and the whole of [0, 1]."""
    actual = wilson_interval(0, 0)
    expected = (None, 0.0, 1.0)
    assert expected == (actual.estimate, actual.low, actual.high)


def test_wilson_wider_at_higher_confidence() -> None:
    """A 99% interval contains the 95% interval."""
    narrow, wide = wilson_interval(23, 100), wilson_interval(23, 100, confidence=0.99)
    assert wide.low < narrow.low
    assert wide.high > narrow.high


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [((1.0, 2), {}, InvalidInputError), ((1, "2"), {}, InvalidInputError),
     ((True, 2), {}, InvalidInputError), ((-1, 2), {}, InvalidArgumentError),
     ((3, 2), {}, InvalidArgumentError), ((1, 2), {"confidence": 1.0}, InvalidArgumentError),
     ((1, 2), {"confidence": 0}, InvalidArgumentError),
     ((1, 2), {"confidence": "95%"}, InvalidInputError)],
)
def test_wilson_rejects_junk(args: tuple[Any, ...], kwargs: dict[str, Any],
                             error: type[Exception]) -> None:
    """Non-int counts are a TypeError; impossible counts and a confidence outside (0, 1) a
    ValueError."""
    with pytest.raises(error):
        wilson_interval(*args, **kwargs)


def test_newcombe_difference_matches_table_ii() -> None:
    """56/70 vs 48/80 gives 0.2000 with method-10 interval 0.0524 to 0.3339 (Newcombe 1998)."""
    actual = compare_proportions(48, 80, 56, 70)
    assert actual.difference == pytest.approx(0.2)
    assert round(actual.low or 0, 4) == pytest.approx(0.0524)
    assert round(actual.high or 0, 4) == pytest.approx(0.3339)


def test_z_test_matches_hand_computation() -> None:
    """The pooled z statistic and two-sided p-value equal the textbook formula."""
    pooled = (48 + 56) / (80 + 70)
    z = (56 / 70 - 48 / 80) / math.sqrt(pooled * (1 - pooled) * (1 / 80 + 1 / 70))
    expected_p = 2 * (1 - NormalDist().cdf(z))
    actual = compare_proportions(48, 80, 56, 70)
    assert actual.z == pytest.approx(z)
    assert actual.p_value == pytest.approx(expected_p)
    assert actual.significant


def test_small_change_is_not_significant() -> None:
    """23.64% to 30% on 55 and 50 cases is within noise: the interval spans 0."""
    actual = compare_proportions(13, 55, 15, 50)
    assert not actual.significant
    assert (actual.low or 0) < 0 < (actual.high or 0)


def test_comparison_undefined_without_cases_or_variance() -> None:
    """No trials on one side, or all strengths on both, leave the test undefined."""
    empty = compare_proportions(0, 0, 3, 5)
    expected = (None, None, None, False)
    assert expected == (empty.difference, empty.low, empty.z, empty.significant)
    all_strengths = compare_proportions(5, 5, 7, 7)
    expected_none = (None, None, False)
    assert expected_none == (all_strengths.z, all_strengths.p_value, all_strengths.significant)


def _rows(item: str, region: str, s: int, a: int, n: int = 0) -> list[dict[str, str]]:
    """Rating records: ``s`` strengths, ``a`` areas needing improvement, ``n`` N/A."""
    return ([{"item": item, "region": region, "rating": "strength"}] * s
            + [{"item": item, "region": region, "rating": "area_needing_improvement"}] * a
            + [{"item": item, "region": region, "rating": "not_applicable"}] * n)


def test_item_performance_counts_per_group() -> None:
    """Counts and performance are per (item, region), sorted by item then region."""
    ratings = (_rows("visits_parents", "south", 1, 3, 2) + _rows("case_planning", "north", 2, 2)
               + _rows("visits_parents", "north", 4, 1))
    actual = item_performance(ratings, by=("region",))
    expected = [("case_planning", ("north",), 2, 2, 0, 4),
                ("visits_parents", ("north",), 4, 1, 0, 5),
                ("visits_parents", ("south",), 1, 3, 2, 4)]
    assert expected == [(g.item, g.group, g.strengths, g.areas_needing_improvement,
                         g.not_applicable, g.applicable) for g in actual]
    assert actual[2].performance.estimate == pytest.approx(0.25)
    assert actual[2].performance == wilson_interval(1, 4)


def test_item_performance_without_grouping_reads_a_generator() -> None:
    """With no ``by`` keys all records of an item form one group, read in one pass."""
    actual = item_performance(r for r in _rows("i", "x", 13, 42) + _rows("i", "y", 0, 0, 3))
    expected = ((), 13, 55, 3)
    assert expected == (actual[0].group, actual[0].strengths, actual[0].applicable,
                        actual[0].not_applicable)
    assert actual[0].performance.estimate == pytest.approx(0.2364, abs=1e-4)


def test_item_performance_accepts_the_enum() -> None:
    """``Rating`` members work as rating values."""
    actual = item_performance([{"item": "i", "rating": Rating.STRENGTH}])
    expected = 1
    assert expected == actual[0].strengths


@pytest.mark.parametrize(
    ("ratings", "message"),
    [([{"item": "i", "rating": "good", "region": "n"}], "'good'"),
     ([{"item": "i"}], "'rating'"),
     ([{"rating": "strength"}], "'item'"),
     ([{"item": "i", "rating": "strength"}], "'region'"),
     ([["i", "strength"]], "mapping"),
     ([{"item": 3, "rating": "strength", "region": "n"}], "'item'"),
     ({"item": "i"}, "iterable")],
)
def test_item_performance_rejects_junk(ratings: Any, message: str) -> None:
    """Unknown ratings, missing keys and non-mappings are named in the error."""
    with pytest.raises(InvalidInputError, match=message):
        item_performance(ratings, by=("region",))


def test_item_performance_rejects_a_string_by() -> None:
    """``by`` is a tuple of key names, not one string."""
    with pytest.raises(InvalidInputError):
        item_performance([], by="region")  # type: ignore[arg-type]


def test_compare_reviews_by_region() -> None:
    """Each (item, region) in either review is compared; a missing side counts zero."""
    baseline = _rows("visits", "north", 2, 8) + _rows("visits", "south", 5, 5)
    follow_up = _rows("visits", "north", 8, 2) + _rows("visits", "east", 1, 1)
    actual = compare_reviews(baseline, follow_up, by=("region",))
    expected = [("east",), ("north",), ("south",)]
    assert expected == [g.group for g in actual]
    east, north, south = actual
    assert east.comparison.difference is None
    assert east.baseline.applicable == 0
    assert north.comparison.difference == pytest.approx(0.6)
    assert north.comparison == compare_proportions(2, 10, 8, 10)
    assert north.comparison.significant
    assert south.follow_up.applicable == 0


counts = st.integers(min_value=0, max_value=500).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n)))


@given(counts, st.floats(min_value=0.5, max_value=0.999))
def test_interval_contains_estimate_within_unit(xn: tuple[int, int], level: float) -> None:
    """The interval lies in [0, 1] and contains the estimate."""
    x, n = xn
    actual = wilson_interval(x, n, confidence=level)
    assert 0.0 <= actual.low <= (actual.estimate if n else actual.low) <= actual.high <= 1.0


@given(counts)
def test_adding_a_strength_never_lowers_the_estimate(xn: tuple[int, int]) -> None:
    """One more applicable case rated Strength never lowers estimate or bounds."""
    x, n = xn
    before, after = wilson_interval(x, n), wilson_interval(x + 1, n + 1)
    assert after.estimate is not None
    assert after.estimate >= (before.estimate or 0.0)
    if n:
        assert after.low >= before.low - 1e-12


@given(counts, counts)
def test_difference_interval_contains_difference(a: tuple[int, int], b: tuple[int, int]) -> None:
    """Newcombe's interval lies in [-1, 1] and contains the observed difference."""
    actual = compare_proportions(*a, *b)
    if actual.difference is not None:
        assert actual.low is not None
        assert actual.high is not None
        assert -1.0 <= actual.low <= actual.difference + 1e-12
        assert actual.difference - 1e-12 <= actual.high <= 1.0


# -- design weights -----------------------------------------------------------------------

WEIGHTED = [
    {"item": "visits", "region": "North", "rating": "strength", "weight": 2.0},
    {"item": "visits", "region": "North", "rating": "strength", "weight": 1.0},
    {"item": "visits", "region": "North", "rating": "area_needing_improvement", "weight": 2.0},
    {"item": "visits", "region": "North", "rating": "not_applicable", "weight": 5.0},
]


def test_weighted_wilson_interval_by_hand() -> None:
    """Weights 2 and 1 (Strengths) and 2: share 3/5, n_eff = 5²/9, Wilson on n_eff."""
    p = weighted_wilson_interval([2.0, 1.0], [2.0])
    # By hand: n = 25/9 = 2.7778; z² = 3.8415; centre = (n·0.6 + z²/2) / (n + z²) = 0.54196;
    # half = z / (n + z²) · sqrt(n·0.24 + z²/4) = 0.37769.
    expected = (2, 3, 0.6, 2.7778, 0.1643, 0.9197)
    assert p.estimate is not None
    assert p.effective_trials is not None
    assert expected == (p.successes, p.trials, p.estimate, round(p.effective_trials, 4),
                        round(p.low, 4), round(p.high, 4))


def test_weighted_item_performance_by_hand() -> None:
    """The weighted share ignores Not Applicable weights; the counts stay raw."""
    (p,) = item_performance(WEIGHTED, by=("region",), weight="weight")
    expected = (2, 1, 1, 0.6, 25 / 9)
    assert expected == (p.strengths, p.areas_needing_improvement, p.not_applicable,
                        p.performance.estimate, pytest.approx(p.performance.effective_trials))
    assert (round(p.performance.low, 4), round(p.performance.high, 4)) == (0.1643, 0.9197)


def test_unweighted_results_are_unchanged() -> None:
    """Without weight, a result has no effective trials and the plain Wilson interval."""
    (p,) = item_performance([{k: v for k, v in r.items() if k != "weight"}
                             for r in WEIGHTED])
    expected = wilson_interval(2, 3)
    assert expected == p.performance
    assert p.performance.effective_trials is None


def test_weighted_all_strengths_and_none() -> None:
    """A weighted share of 1 has an upper bound of 1, a share of 0 a lower bound of 0."""
    full = weighted_wilson_interval([1.0, 3.0], [])
    empty = weighted_wilson_interval([], [1.0, 3.0])
    nothing = weighted_wilson_interval([], [])
    assert (full.estimate, full.high, empty.estimate, empty.low) == (1.0, 1.0, 0.0, 0.0)
    assert (nothing.estimate, nothing.low, nothing.high) == (None, 0.0, 1.0)


_weighted_rows = st.lists(
    st.fixed_dictionaries({"item": st.sampled_from(["a", "b"]),
                           "region": st.sampled_from(["N", "S"]),
                           "rating": st.sampled_from([r.value for r in Rating])}),
    max_size=25,
)


@settings(max_examples=50)  # two laws over many rows each: keep the suite quick
@given(rows=_weighted_rows, w=st.floats(min_value=0.01, max_value=1000.0))
def test_equal_weights_give_the_unweighted_results(rows: list[dict[str, Any]],
                                                    w: float) -> None:
    """Law: with every weight equal, share and interval are the unweighted ones."""
    weighted = item_performance([{**r, "weight": w} for r in rows], by=("region",),
                                weight="weight")
    plain = item_performance(rows, by=("region",))
    assert [(p.item, p.group, p.strengths, p.applicable) for p in plain] == [
        (p.item, p.group, p.strengths, p.applicable) for p in weighted]
    for a, b in zip(plain, weighted, strict=True):
        if a.performance.estimate is None:
            assert b.performance.estimate is None
            continue
        assert b.performance.estimate == pytest.approx(a.performance.estimate, abs=1e-12)
        assert b.performance.low == pytest.approx(a.performance.low, abs=1e-12)
        assert b.performance.high == pytest.approx(a.performance.high, abs=1e-12)
        assert b.performance.effective_trials == pytest.approx(a.applicable, rel=1e-12)


@settings(max_examples=50)
@given(base=_weighted_rows, follow=_weighted_rows)
def test_equal_weights_give_the_unweighted_comparison(base: list[dict[str, Any]],
                                                       follow: list[dict[str, Any]]) -> None:
    """Law: compare_reviews with unit weights equals the unweighted comparison."""
    plain = compare_reviews(base, follow, by=("region",))
    weighted = compare_reviews([{**r, "w": 1} for r in base], [{**r, "w": 1} for r in follow],
                               by=("region",), weight="w")
    assert len(plain) == len(weighted)
    for a, b in zip(plain, weighted, strict=True):
        for name in ("difference", "low", "high", "z", "p_value"):
            x, y = getattr(a.comparison, name), getattr(b.comparison, name)
            assert (x is None) == (y is None) or name in ("z", "p_value")
            if x is not None and y is not None:
                assert y == pytest.approx(x, abs=1e-9)


def test_weighted_comparison_uses_effective_sizes() -> None:
    """The z test of a weighted comparison pools the weighted shares on n_eff."""
    base = [{"item": "i", "rating": "strength", "w": 1.0}] * 4 + [
        {"item": "i", "rating": "area_needing_improvement", "w": 3.0}] * 4
    follow = [{"item": "i", "rating": "strength", "w": 3.0}] * 4 + [
        {"item": "i", "rating": "area_needing_improvement", "w": 1.0}] * 4
    (g,) = compare_reviews(base, follow, weight="w")
    # Each side: Σw = 16, Σw² = 40, n_eff = 6.4; shares 0.25 and 0.75; pooled 0.5.
    z = 0.5 / math.sqrt(0.25 * (2 / 6.4))
    assert g.comparison.difference == pytest.approx(0.5)
    assert g.comparison.z == pytest.approx(z)
    assert g.baseline.performance.effective_trials == pytest.approx(6.4)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "2", True, None])
def test_bad_weights_are_refused(bad: object) -> None:
    """A weight that is not a finite number above 0 is named with its record."""
    rows = [{"item": "i", "rating": "strength", "weight": bad}]
    with pytest.raises(InvalidInputError, match=r"ratings\[0\]\['weight'\]"):
        item_performance(rows, weight="weight")


def test_missing_weight_key_and_bad_weight_name() -> None:
    """A record without the weight key, and a weight name that is not a str, are refused."""
    with pytest.raises(InvalidInputError, match="'weight'"):
        item_performance([{"item": "i", "rating": "strength"}], weight="weight")
    with pytest.raises(InvalidInputError, match="'weight'"):
        item_performance([], weight=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"failure_weights\[0\]"):
        weighted_wilson_interval([1.0], [0.0])
