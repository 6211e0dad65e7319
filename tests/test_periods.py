"""Calendar periods: one-step month arithmetic, clamping, and ordering laws."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.errors import InvalidInputError
from practicemodel.periods import Period, PeriodUnit, add_months, month_end, whole_months
from practicemodel.strategies import periods

D = date

# Anchors far enough from date.max that 100 years of months never overflow.
ANCHORS = st.dates(D(1900, 1, 1), D(2200, 12, 31))
MONTHS = st.integers(0, 1200)


@pytest.mark.parametrize(
    ("period", "anchor", "expected"),
    [
        (Period(6, "months"), D(2026, 1, 31), D(2026, 7, 31)),
        (Period(6, "months"), D(2026, 8, 31), D(2027, 2, 28)),
        (Period(6, "months"), D(2027, 8, 31), D(2028, 2, 29)),
        (Period(1, "months"), D(2026, 1, 31), D(2026, 2, 28)),
        (Period(1, "months"), D(2024, 1, 31), D(2024, 2, 29)),
        (Period(1, "months"), D(2026, 3, 31), D(2026, 4, 30)),
        (Period(12, "months"), D(2026, 12, 15), D(2027, 12, 15)),
        (Period(0, "months"), D(2026, 5, 17), D(2026, 5, 17)),
        (Period(1, "years"), D(2024, 2, 29), D(2025, 2, 28)),
        (Period(4, "years"), D(2024, 2, 29), D(2028, 2, 29)),
        (Period(60, "days"), D(2026, 1, 1), D(2026, 3, 2)),
        (Period(2, "weeks"), D(2026, 12, 25), D(2027, 1, 8)),
    ],
    ids=str,
)
def test_after(period: Period, anchor: date, expected: date) -> None:
    """Period.after counts from the anchor in one step, clamping to the month's last day."""
    assert expected == period.after(anchor)


@pytest.mark.parametrize(
    ("period", "anchor", "expected"),
    [
        (Period(1, "months"), D(2026, 3, 31), D(2026, 2, 28)),
        (Period(1, "months"), D(2024, 3, 31), D(2024, 2, 29)),
        (Period(6, "months"), D(2026, 8, 31), D(2026, 2, 28)),
        (Period(1, "years"), D(2024, 2, 29), D(2023, 2, 28)),
        (Period(30, "days"), D(2026, 3, 1), D(2026, 1, 30)),
        (Period(1, "weeks"), D(2026, 1, 3), D(2025, 12, 27)),
    ],
    ids=str,
)
def test_before(period: Period, anchor: date, expected: date) -> None:
    """Period.before counts back from the anchor in one step, clamping the same way."""
    assert expected == period.before(anchor)


def test_one_step_does_not_drift() -> None:
    """Six months after Jan 31 is Jul 31, not the Jul 28 that six one-month steps give."""
    stepped = D(2026, 1, 31)
    for _ in range(6):
        stepped = Period(1, "months").after(stepped)
    expected = D(2026, 7, 31)
    assert expected == Period(6, "months").after(D(2026, 1, 31))
    assert D(2026, 7, 28) == stepped


@pytest.mark.parametrize(
    ("period", "text"),
    [(Period(1, "months"), "1 month"), (Period(6, "months"), "6 months"),
     (Period(0, "days"), "0 days"), (Period(1, PeriodUnit.YEARS), "1 year")],
)
def test_str(period: Period, text: str) -> None:
    """str(Period) reads naturally, singular for one."""
    assert text == str(period)


def test_unit_is_converted_to_the_enum() -> None:
    """A unit given as a string becomes a PeriodUnit."""
    assert PeriodUnit.MONTHS is Period(6, "months").unit


@pytest.mark.parametrize(
    ("count", "unit"),
    [(-1, "days"), (1.5, "days"), ("6", "months"), (6, "fortnights"), (6, "month")],
)
def test_invalid_periods(count: object, unit: str) -> None:
    """A negative or non-integer count, or an unknown unit, is refused with a ValueError."""
    with pytest.raises((ValueError, TypeError)):
        Period(count, unit)  # type: ignore[arg-type]


@given(n=MONTHS, anchor=ANCHORS)
def test_months_after_is_not_before_anchor(n: int, anchor: date) -> None:
    """Period(n, 'months').after(d) >= d for every n >= 0."""
    assert Period(n, "months").after(anchor) >= anchor


@given(n=MONTHS, first=ANCHORS, second=ANCHORS)
def test_months_after_is_monotone_in_the_anchor(n: int, first: date, second: date) -> None:
    """A later anchor never gives an earlier deadline."""
    early, late = sorted((first, second))
    assert Period(n, "months").after(early) <= Period(n, "months").after(late)


@given(period=periods(counts=st.integers(0, 100)), first=ANCHORS, second=ANCHORS)
def test_every_unit_is_monotone(period: Period, first: date, second: date) -> None:
    """after and before are monotone in the anchor for every unit."""
    early, late = sorted((first, second))
    assert period.after(early) <= period.after(late)
    assert period.before(early) <= period.before(late)
    assert period.before(early) <= early <= period.after(early)


@given(n=MONTHS, anchor=ANCHORS)
def test_months_match_relativedelta(n: int, anchor: date) -> None:
    """Month arithmetic agrees with dateutil's relativedelta (the documented rule)."""
    expected = anchor + relativedelta(months=n)
    assert expected == Period(n, "months").after(anchor)
    assert anchor - relativedelta(months=n) == Period(n, "months").before(anchor)


@given(n=MONTHS, anchor=ANCHORS)
def test_back_and_forth_never_overshoots(n: int, anchor: date) -> None:
    """Going n months forward then back lands on or before the anchor, in its month."""
    there_and_back = add_months(add_months(anchor, n), -n)
    assert there_and_back <= anchor
    assert (anchor.year, anchor.month) == (there_and_back.year, there_and_back.month)


@given(n=st.integers(0, 100), anchor=ANCHORS)
def test_years_are_twelve_months(n: int, anchor: date) -> None:
    """n years is the same as 12 n months."""
    assert Period(12 * n, "months").after(anchor) == Period(n, "years").after(anchor)


@given(start=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
       days=st.integers(min_value=0, max_value=800),
       lag=st.integers(min_value=-400, max_value=800))
def test_whole_months_lie_in_the_span_and_are_consecutive(start: date, days: int,
                                                          lag: int) -> None:
    """Law: each month yielded lies wholly in [start, end], has begun by as_of, and follows
    the one before; the first month not yielded fails one of those conditions."""
    end = start + timedelta(days=days)
    as_of = start + timedelta(days=lag)
    months = list(whole_months(start, end, as_of))
    for year, month in months:
        assert start <= date(year, month, 1) <= as_of
        assert month_end(year, month) <= end
    for (y1, m1), (y2, m2) in itertools.pairwise(months):
        assert y2 * 12 + m2 == y1 * 12 + m1 + 1
    if months:
        year, month = months[-1][0] + months[-1][1] // 12, months[-1][1] % 12 + 1
    elif start.day == 1:
        year, month = start.year, start.month
    else:
        year, month = start.year + start.month // 12, start.month % 12 + 1
    assert date(year, month, 1) > as_of or month_end(year, month) > end


@pytest.mark.parametrize(("year", "month", "day"), [(2024, 2, 29), (2025, 2, 28),
                                                    (2025, 12, 31), (2026, 4, 30)])
def test_month_end(year: int, month: int, day: int) -> None:
    """The last day of the month, leap Februaries included."""
    expected = date(year, month, day)
    actual = month_end(year, month)
    assert expected == actual


def test_whole_months_with_an_open_end_run_to_as_of() -> None:
    """With no end, every whole month begun by as_of is yielded (the current one included)."""
    expected = [(2025, 12), (2026, 1), (2026, 2)]
    actual = list(whole_months(date(2025, 11, 20), None, date(2026, 2, 1)))
    assert expected == actual


@pytest.mark.parametrize(("call", "word"), [
    (lambda: month_end(2024, 13), "'month'"),
    (lambda: month_end(True, 1), "'year'"),
    (lambda: whole_months(None, None, date(2025, 1, 1)), "'start'"),  # type: ignore[arg-type]
    (lambda: whole_months(date(2025, 1, 1), None, "2025-02-01"), "'as_of'"),  # type: ignore[arg-type]
])
def test_month_helpers_reject_junk(call: Any, word: str) -> None:
    """Bad arguments raise InvalidInputError naming them, at the call."""
    with pytest.raises(InvalidInputError, match=word):
        call()


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar_module(year: int, month: int) -> None:
    """The integer month length equals ``calendar.monthrange`` for every month of 1-9999."""
    import calendar

    from practicemodel.periods import days_in_month

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
