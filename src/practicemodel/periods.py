"""Calendar periods for policy rules: days, weeks, calendar months, years.

A statutory "6 months" is a calendar period, not a pint quantity (pint's month is a twelfth
of a year). [`Period.after`][practicemodel.periods.Period.after] always counts from the
anchor in one step, so deadlines never drift:

    >>> from datetime import date
    >>> Period(6, "months").after(date(2026, 1, 31))
    datetime.date(2026, 7, 31)
    >>> Period(6, "months").after(date(2026, 8, 31))
    datetime.date(2027, 2, 28)

Month arithmetic clamps to the last day of the target month (the rule python-dateutil's
``relativedelta`` follows); it is done with integers because it sits in hot loops
(about ten times faster than ``relativedelta``, measured in ``benchmarks/``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

import attrs

from practicemodel._describe import kind_of, number
from practicemodel.errors import InvalidInputError, InvalidRecordError

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_PERIOD_COUNTS",
    "Period",
    "PeriodUnit",
    "add_months",
    "date_in_range",
    "days_in_month",
    "month_end",
    "review_period_start",
    "whole_months",
]

EARLIEST_DATE = date(1900, 1, 1)
"""The earliest date the library supports, in a record or as an ``as_of``.

Dates are bounded so that every rule is total: a deadline computed from any supported date,
plus any supported period, is still a valid ``datetime.date``. 1900 is before the birth of
anyone a case record can describe; 2199 is far past any case's horizon.
"""
LATEST_DATE = date(2199, 12, 31)
"""The latest date the library supports, in a record or as an ``as_of``."""


def date_in_range(value: date) -> bool:
    """Whether ``value`` lies in the supported range, ``EARLIEST_DATE`` to ``LATEST_DATE``.

    >>> date_in_range(date(2026, 11, 22)), date_in_range(date(9999, 12, 31))
    (True, False)
    """
    return EARLIEST_DATE <= value <= LATEST_DATE


class PeriodUnit(StrEnum):
    """The unit of a [`Period`][practicemodel.periods.Period]."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    """Calendar months, clamped to the month's last day."""
    YEARS = "years"
    """Calendar years (twelve calendar months)."""


MAX_PERIOD_COUNTS: Mapping[PeriodUnit, int] = MappingProxyType({
    PeriodUnit.DAYS: 36_525,
    PeriodUnit.WEEKS: 5_217,
    PeriodUnit.MONTHS: 1_200,
    PeriodUnit.YEARS: 100,
})
"""The largest ``count`` of a [`Period`][practicemodel.periods.Period] in each unit: a
century (no statute or policy sets a longer period).

With dates bounded to ``EARLIEST_DATE``..``LATEST_DATE``, a century either way keeps every
date a rule computes, a supported date plus or minus a few periods, a valid
``datetime.date``.
"""


def _count(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        found = f"found {number(value)}" if type(value) is int else f"found {kind_of(value)}"
        raise InvalidRecordError(
            f"'count' must be a whole number of 0 or more ({found})", path="count"
        )


def add_months(anchor: date, months: int) -> date:
    """Return ``anchor`` moved by ``months`` calendar months, clamping the day.

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = anchor.year * 12 + (anchor.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = days_in_month(year, month)
    return date(year, month, min(anchor.day, last))


@attrs.frozen(kw_only=False)
class Period:
    """A whole number of days, weeks, calendar months or years.

    Written ``Period(60, "days")`` or ``Period(6, PeriodUnit.MONTHS)``; serialized as
    ``{"count": 6, "unit": "months"}``.
    """

    count: int = attrs.field(validator=_count)
    """How many units: zero or more, and at most a century
    ([`MAX_PERIOD_COUNTS`][practicemodel.periods.MAX_PERIOD_COUNTS]: 36,525 days, 5,217
    weeks, 1,200 months or 100 years)."""
    unit: PeriodUnit = attrs.field(converter=PeriodUnit)
    """The calendar unit."""

    def __attrs_post_init__(self) -> None:
        most = MAX_PERIOD_COUNTS[self.unit]
        if self.count > most:
            raise InvalidRecordError(
                f"'count' must be at most {most:,} for unit {self.unit.value!r}, a century "
                f"(found {number(self.count)})", path="count",
            )

    def after(self, anchor: date) -> date:
        """Return the date this period after ``anchor``, computed in one step."""
        if self.unit is PeriodUnit.DAYS:
            return anchor + timedelta(days=self.count)
        if self.unit is PeriodUnit.WEEKS:
            return anchor + timedelta(weeks=self.count)
        if self.unit is PeriodUnit.MONTHS:
            return add_months(anchor, self.count)
        return add_months(anchor, 12 * self.count)

    def before(self, anchor: date) -> date:
        """Return the date this period before ``anchor``, computed in one step."""
        if self.unit is PeriodUnit.DAYS:
            return anchor - timedelta(days=self.count)
        if self.unit is PeriodUnit.WEEKS:
            return anchor - timedelta(weeks=self.count)
        if self.unit is PeriodUnit.MONTHS:
            return add_months(anchor, -self.count)
        return add_months(anchor, -12 * self.count)

    def __str__(self) -> str:
        unit = self.unit.value[:-1] if self.count == 1 else self.unit.value
        return f"{self.count} {unit}"


def month_end(year: int, month: int) -> date:
    """The last day of a calendar month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)

    Raises:
        InvalidInputError: ``year`` is not an int from 1 to 9999 or ``month`` one from 1 to 12.
    """
    for name, value, high in (("year", year, 9999), ("month", month, 12)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise InvalidInputError(f"{name!r} must be an int from 1 to {high} (got {value!r})")
    return date(year, month, days_in_month(year, month))


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days a month of the proleptic Gregorian calendar has (integer arithmetic: the
    rules call it in their monthly loops; ``calendar.monthrange`` also computes a weekday).

    >>> days_in_month(2024, 2), days_in_month(2100, 2), days_in_month(2000, 2)
    (29, 28, 29)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS[month]


def whole_months(start: date, end: date | None, as_of: date) -> Iterator[tuple[int, int]]:
    """Yield (year, month) of each calendar month lying wholly in [start, end] that has begun
    by ``as_of`` (the current month is included while ``end`` is open or after it).

    The federal caseworker-visit rule counts only such whole months (a child who enters care
    on the 15th is first evaluated the next month).

    >>> list(whole_months(date(2025, 1, 15), date(2025, 4, 30), date(2026, 1, 1)))
    [(2025, 2), (2025, 3), (2025, 4)]

    Raises:
        InvalidInputError: ``start`` or ``as_of`` is not a ``datetime.date``, or ``end`` is
            neither one nor ``None`` (raised at the call).
    """
    for name, value in (("start", start), ("end", end), ("as_of", as_of)):
        if type(value) is not date and not (name == "end" and value is None):
            raise InvalidInputError(f"{name!r} must be a datetime.date (got {value!r})")
    return _whole_months(start, end, as_of)


def _whole_months(start: date, end: date | None, as_of: date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    if start.day != 1:
        year, month = (year + month // 12, month % 12 + 1)
    while True:
        first = date(year, month, 1)
        if first > as_of:
            return
        last = date(year, month, days_in_month(year, month))
        if end is not None and last > end:
            return
        yield year, month
        year, month = (year + month // 12, month % 12 + 1)



def review_period_start(as_of: date, months: int) -> date:
    """The first day of the period under review of ``months`` calendar months ending on
    ``as_of``: ``as_of`` minus ``months`` months, plus one day. The one answer the engagement
    and visit rules share (``months`` is the profile's ``review_period_months``).

    >>> review_period_start(date(2026, 11, 22), 12)
    datetime.date(2025, 11, 23)
    >>> review_period_start(date(2028, 2, 29), 12)
    datetime.date(2027, 3, 1)

    Raises:
        InvalidInputError: ``as_of`` is not a ``datetime.date`` or ``months`` not a positive
            ``int``.
    """
    if type(as_of) is not date:
        raise InvalidInputError(f"'as_of' must be a datetime.date (got {kind_of(as_of)})")
    if type(months) is not int or months < 1:
        raise InvalidInputError(f"'months' must be a positive int (got {kind_of(months)})")
    return add_months(as_of, -months) + timedelta(days=1)
