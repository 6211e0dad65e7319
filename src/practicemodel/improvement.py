"""Program Improvement Plans: goals, strategies and key activities on a quarterly timetable.

After a Child and Family Services Review a state that is not in substantial conformity
writes a Program Improvement Plan (PIP). Mississippi's Round 3 plan (seed 002, *Mississippi
CFSR Round 3 Program Improvement Plan*) has a "PIP Effective Date" (February 1, 2020), an
"End of PIP Implementation Period" (January 31, 2022), a "Non-Overlapping Year" (to March 31,
2023) and a "Reporting Schedule and Format" ("Quarterly Documentary Submissions and OSRI
Data"). Five goals each name the CFSR outcomes and systemic factors they address and hold
strategies; each strategy lists key activities with a timetable written "Quarter 3",
"Quarter 4 & ongoing", or as lettered parts with their own quarters.

The plan is data ([`ImprovementPlan`][practicemodel.improvement.ImprovementPlan], loaded
from JSON with [`loads_plan`][practicemodel.improvement.loads_plan]; the Mississippi plan
ships as [`get_plan("MS-R3")`][practicemodel.improvement.get_plan]), and the questions
about it are pure functions of the plan and a date:

- **Quarters.** PIP quarter 1 starts on the effective date and each quarter is three
  calendar months, each boundary counted from the effective date in one step
  ([`quarter_period`][practicemodel.improvement.quarter_period],
  [`quarter_of`][practicemodel.improvement.quarter_of]; the general
  [`month_span`][practicemodel.improvement.month_span] and
  [`period_number`][practicemodel.improvement.period_number] serve any run of equal
  periods counted from an anchor):

      >>> plan = get_plan("MS-R3")
      >>> str(quarter_period(plan, 1)), str(quarter_period(plan, 6))
      ('2020-02-01 to 2020-04-30', '2021-05-01 to 2021-07-31')
      >>> quarter_of(plan, date(2021, 6, 30))
      6

- **Status.** An activity is due by the end of its quarter; an "& ongoing" activity starts
  in its quarter and goes on at least to the end of the implementation period.
  [`plan_status`][practicemodel.improvement.plan_status] gives each activity's state as of a
  date: upcoming, due (this quarter), overdue (its quarter has ended and no completion is
  recorded), completed, ongoing, or ended (an ongoing activity after the implementation
  period). The plan itself records no completions: an agency supplies them as
  [`ActivityProgress`][practicemodel.improvement.ActivityProgress] records.

      >>> status = plan_status(plan, as_of=date(2021, 6, 30))
      >>> status.quarter, status.counts()["overdue"], status.counts()["ongoing"]
      (6, 25, 17)

The wire format is the one of case records (see
[`practicemodel.serialization`][practicemodel.serialization]): ISO dates, enums by their
codes, strict loading that reports every mistake with its path in one
[`RecordStructureError`][practicemodel.errors.RecordStructureError].
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from practicemodel._arguments import date_arg
from practicemodel._checks import (
    a_bool,
    a_date,
    finite_number,
    identifier,
    optional_date,
    optional_str,
    to_tuple,
    tuple_of,
    whole_number,
)
from practicemodel._checks import text as free_text
from practicemodel._describe import kind_of, show
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    Problem,
    RecordStructureError,
    UnknownCodeError,
)
from practicemodel.outcomes import CfsrOutcome
from practicemodel.periods import LATEST_DATE, add_months

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "MAX_QUARTER",
    "PLANS",
    "ActivityPart",
    "ActivityProgress",
    "ActivityState",
    "ActivityStatus",
    "DateSpan",
    "Goal",
    "ImprovementPlan",
    "ItemFigure",
    "KeyActivity",
    "MeasurementPlan",
    "PlanStatus",
    "ReportingFrequency",
    "ScheduledActivity",
    "Strategy",
    "SystemicFactor",
    "Timetable",
    "activity_schedule",
    "dump_plan",
    "dumps_plan",
    "get_plan",
    "known_plans",
    "load_plan",
    "load_progress",
    "loads_plan",
    "loads_progress",
    "month_span",
    "period_number",
    "plan_status",
    "quarter_of",
    "quarter_period",
    "read_plan",
]

MAX_QUARTER = 400
"""The highest quarter number a timetable or a question may name: a century of quarters."""


# -- periods counted from an anchor ---------------------------------------------------------


def _span_order(instance: DateSpan, attribute: attrs.Attribute[date], value: date) -> None:
    a_date(instance, attribute, value)
    if value < instance.start:
        raise InvalidRecordError(f"'end' must be on or after 'start' (found "
                                 f"{(instance.start - value).days} days before it)", path="end")


@attrs.frozen(kw_only=True)
class DateSpan:
    """A run of whole days, ``start`` to ``end``, both included.

    >>> span = DateSpan(start=date(2020, 2, 1), end=date(2020, 4, 30))
    >>> span.contains(date(2020, 4, 30)), span.days, str(span)
    (True, 90, '2020-02-01 to 2020-04-30')
    """

    start: date = attrs.field(validator=a_date)
    """The first day."""
    end: date = attrs.field(validator=_span_order)
    """The last day (on or after ``start``)."""

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the span."""
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        """How many days the span holds."""
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return f"{self.start} to {self.end}"


def _months_arg(value: object, name: str, low: int) -> int:
    if type(value) is not int:
        raise InvalidInputError(f"{name!r} must be an int (got {kind_of(value)})")
    if not low <= value <= 12 * 100:
        raise InvalidArgumentError(f"{name!r} must be from {low} to 1200 months, a century "
                                   f"(got {value})")
    return value


def _after(anchor: date, months: int, name: str) -> date:
    moved = add_months(anchor, months)
    if moved > LATEST_DATE + timedelta(days=1):
        raise InvalidArgumentError(f"{name!r} reaches past {LATEST_DATE}, the latest date the "
                                   f"library supports")
    return moved


def month_span(anchor: date, start_month: int, end_month: int) -> DateSpan:
    """The days from ``start_month`` to ``end_month`` calendar months after ``anchor``: from
    ``anchor`` plus ``start_month`` months to the day before ``anchor`` plus ``end_month``
    months, each boundary counted from the anchor in one step (so spans counted from one
    anchor never drift and never overlap).

    PIP quarter ``n`` is ``month_span(effective_on, 3 * (n - 1), 3 * n)``; a logic model's
    short-term window is ``month_span(start, 0, 12)``.

    >>> str(month_span(date(2020, 2, 1), 3, 6))
    '2020-05-01 to 2020-07-31'
    >>> str(month_span(date(2020, 1, 31), 0, 1)), str(month_span(date(2020, 1, 31), 1, 2))
    ('2020-01-31 to 2020-02-28', '2020-02-29 to 2020-03-30')

    Raises:
        InvalidInputError: ``anchor`` is not a ``datetime.date`` or a month count not an int.
        DateOutOfRangeError: ``anchor`` lies outside the supported range.
        InvalidArgumentError: ``start_month`` is negative, ``end_month`` not after it, or
            the span reaches past the latest supported date.
    """
    day = date_arg(anchor, "anchor")
    first = _months_arg(start_month, "start_month", 0)
    last = _months_arg(end_month, "end_month", 1)
    if last <= first:
        raise InvalidArgumentError(f"'end_month' must be after 'start_month' (got "
                                   f"{first} to {last})")
    return DateSpan(start=_after(day, first, "start_month"),
                    end=_after(day, last, "end_month") - timedelta(days=1))


def period_number(anchor: date, months: int, day: date) -> int | None:
    """Which of the consecutive ``months``-month periods counted from ``anchor`` holds
    ``day`` (1 for the first), or ``None`` for a day before ``anchor``. Period ``n`` is
    ``month_span(anchor, months * (n - 1), months * n)``.

    >>> period_number(date(2020, 2, 1), 3, date(2020, 4, 30))
    1
    >>> period_number(date(2020, 2, 1), 3, date(2020, 5, 1))
    2
    >>> period_number(date(2020, 2, 1), 3, date(2020, 1, 31)) is None
    True

    Raises:
        InvalidInputError: ``anchor`` or ``day`` is not a ``datetime.date``, or ``months``
            not an int.
        DateOutOfRangeError: ``anchor`` or ``day`` lies outside the supported range.
        InvalidArgumentError: ``months`` is not from 1 to 1200.
    """
    start = date_arg(anchor, "anchor")
    length = _months_arg(months, "months", 1)
    if date_arg(day, "day") < start:
        return None
    index = ((day.year - start.year) * 12 + day.month - start.month) // length
    while index > 0 and add_months(start, index * length) > day:
        index -= 1
    while add_months(start, (index + 1) * length) <= day:
        index += 1
    return index + 1


# -- the plan -------------------------------------------------------------------------------


class SystemicFactor(StrEnum):
    """The seven CFSR systemic factors (45 CFR 1355.34(c)); a PIP goal names those it
    addresses."""

    STATEWIDE_INFORMATION_SYSTEM = "statewide_information_system"
    CASE_REVIEW_SYSTEM = "case_review_system"
    QUALITY_ASSURANCE_SYSTEM = "quality_assurance_system"
    STAFF_AND_PROVIDER_TRAINING = "staff_and_provider_training"
    SERVICE_ARRAY = "service_array_and_resource_development"
    """Service Array and Resource Development."""
    AGENCY_RESPONSIVENESS = "agency_responsiveness_to_the_community"
    """Agency Responsiveness to the Community."""
    FOSTER_AND_ADOPTIVE_PARENTS = "foster_and_adoptive_parent_licensing"
    """Foster and Adoptive Parent Licensing, Recruitment, and Retention."""

    @property
    def label(self) -> str:
        """The factor's name, e.g. ``"Case Review System"``."""
        return _FACTOR_LABELS[self]


_FACTOR_LABELS = MappingProxyType({
    SystemicFactor.STATEWIDE_INFORMATION_SYSTEM: "Statewide Information System",
    SystemicFactor.CASE_REVIEW_SYSTEM: "Case Review System",
    SystemicFactor.QUALITY_ASSURANCE_SYSTEM: "Quality Assurance System",
    SystemicFactor.STAFF_AND_PROVIDER_TRAINING: "Staff and Provider Training",
    SystemicFactor.SERVICE_ARRAY: "Service Array and Resource Development",
    SystemicFactor.AGENCY_RESPONSIVENESS: "Agency Responsiveness to the Community",
    SystemicFactor.FOSTER_AND_ADOPTIVE_PARENTS: "Foster and Adoptive Parent Licensing, "
                                                "Recruitment, and Retention",
})


class ReportingFrequency(StrEnum):
    """How often the state reports progress on the plan (seed 002: "Quarterly")."""

    QUARTERLY = "quarterly"


_TIMETABLE = re.compile(
    r"(?:(?P<letter>[a-z])\)\s*)?"
    r"(?:Quarter\s+(?P<quarter>\d+)(?P<ongoing>\s*(?:&|and)\s*ongoing)?|(?P<only>Ongoing))"
    r"[\s;.]*", re.IGNORECASE)


def _quarter(instance: Any, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None:
        whole_number(1, MAX_QUARTER)(instance, attribute, value)


def _timetable_fits(instance: Timetable, attribute: attrs.Attribute[bool], value: bool) -> None:
    a_bool(instance, attribute, value)
    if instance.quarter is None and not value:
        raise InvalidRecordError("a timetable without a 'quarter' must be ongoing (got "
                                 "'ongoing': false)", path="ongoing")


@attrs.frozen(kw_only=True)
class Timetable:
    """When a key activity is due, as the plan writes it.

    ``Quarter 3`` is due by the end of PIP quarter 3; ``Quarter 4 & ongoing`` starts in
    quarter 4 and goes on at least to the end of the implementation period; ``Ongoing``
    (no quarter) goes on from the effective date. The plan's own words stay in
    ``as_written``.

    >>> Timetable.from_text("Quarter 4 & ongoing")
    Timetable(as_written='Quarter 4 & ongoing', quarter=4, ongoing=True)
    """

    as_written: str = attrs.field(validator=identifier)
    """The timetable as the plan writes it, e.g. ``"Quarter 4 & ongoing"`` or, for a
    lettered part, ``"b) Quarter 4"``."""
    quarter: int | None = attrs.field(default=None, validator=_quarter)
    """The PIP quarter it is due in (or starts in, when ongoing); ``None`` for an activity
    written only "Ongoing"."""
    ongoing: bool = attrs.field(default=False, validator=_timetable_fits)
    """Whether it goes on after its quarter ("& ongoing")."""

    @classmethod
    def from_text(cls, written: str) -> Timetable:
        """Read a timetable the way seed 002 writes them: ``Quarter N``, ``Quarter N &
        ongoing`` (or ``and ongoing``), ``Ongoing``, each optionally after a part's letter
        (``a) Quarter 2 & ongoing``); HTML entities such as ``&amp;`` are read as their
        characters. ``as_written`` keeps the text (entities replaced, trailing ``;``
        dropped).

        Raises:
            InvalidArgumentError: the text is none of these forms.
        """
        if type(written) is not str:
            raise InvalidInputError(f"'written' must be a str (got {kind_of(written)})")
        clean = html.unescape(written).strip().rstrip(";").strip()
        found = _TIMETABLE.fullmatch(clean)
        if found is None:
            raise InvalidArgumentError(f"a timetable must read 'Quarter N', 'Quarter N & "
                                       f"ongoing' or 'Ongoing' (got {show(written)})")
        if found["only"]:
            return cls(as_written=clean, quarter=None, ongoing=True)
        return cls(as_written=clean, quarter=int(found["quarter"]),
                   ongoing=bool(found["ongoing"]))


_LETTER = re.compile("[a-z]")


def _letter(instance: Any, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str or _LETTER.fullmatch(value) is None:
        raise InvalidRecordError(f"'letter' must be one lower-case letter a-z (found "
                                 f"{show(value)})", path="letter")


@attrs.frozen(kw_only=True)
class ActivityPart:
    """A lettered part of a key activity, with its own timetable (seed 002, Goal 2, Strategy
    1: "Revamp risk and safety training: a) Incorporate revised definitions ...")."""

    letter: str = attrs.field(validator=_letter)
    """Its letter, ``"a"``, ``"b"``..."""
    text: str = attrs.field(validator=free_text)
    """The part, as the plan writes it."""
    timetable: Timetable = attrs.field(validator=attrs.validators.instance_of(Timetable))
    """When it is due."""


def _numbered(items: tuple[Any, ...], attribute: str, what: str, key: str = "number"
              ) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[object] = set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            shown = show(value) if isinstance(value, str) else value
            problems.append(Problem(f"{attribute}[{index}].{key}", f"duplicate {what} {shown}"))
        seen.add(value)
    return problems


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise InvalidRecordError(problems)


@attrs.frozen(kw_only=True)
class KeyActivity:
    """One key activity of a strategy: its text and a timetable, or lettered parts each with
    its own timetable (then the activity's text is the lead-in, e.g. "Provide staffing tool
    training:")."""

    number: int = attrs.field(validator=whole_number(1, 999))
    """Its place in the strategy's table (1 for the first row). Seed 002 does not number
    activities; the library labels each ``goal.strategy.number`` (``"1.1.1"``), a part
    with its letter after it (``"2.1.2a"``)."""
    text: str = attrs.field(validator=free_text)
    """The activity, as the plan writes it."""
    timetable: Timetable | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(
            Timetable)))
    """When it is due; ``None`` when its parts carry the timetables."""
    parts: tuple[ActivityPart, ...] = attrs.field(default=(), converter=to_tuple,
                                                  validator=tuple_of(ActivityPart))
    """Its lettered parts, if any."""

    def __attrs_post_init__(self) -> None:
        if (self.timetable is None) == (not self.parts):
            raise InvalidRecordError("a key activity has either a 'timetable' or 'parts', "
                                     "each with its own timetable (found "
                                     + ("both" if self.parts else "neither") + ")",
                                     path="timetable")
        _raise(_numbered(self.parts, "parts", "part letter", key="letter"))


@attrs.frozen(kw_only=True)
class Strategy:
    """A strategy of a goal and its key activities."""

    number: int = attrs.field(validator=whole_number(1, 99))
    """The strategy's number within its goal, as the plan numbers it."""
    statement: str = attrs.field(validator=free_text)
    """The strategy, as the plan writes it."""
    key_activities: tuple[KeyActivity, ...] = attrs.field(
        converter=to_tuple, validator=tuple_of(KeyActivity))
    """Its key activities, in the plan's order."""

    def __attrs_post_init__(self) -> None:
        _raise(_numbered(self.key_activities, "key_activities", "key activity number"))


@attrs.frozen(kw_only=True)
class Goal:
    """A goal of the plan: what it addresses and its strategies."""

    number: int = attrs.field(validator=whole_number(1, 99))
    """The goal's number, as the plan numbers it."""
    statement: str = attrs.field(validator=free_text)
    """The goal, as the plan writes it ("Increase Family Engagement")."""
    addresses_as_written: str = attrs.field(validator=free_text)
    """"Outcomes and Systemic Factors Addressed", as the plan writes it."""
    outcomes: tuple[CfsrOutcome, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(CfsrOutcome))
    """The CFSR outcomes it addresses."""
    systemic_factors: tuple[SystemicFactor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(SystemicFactor))
    """The CFSR systemic factors it addresses."""
    strategies: tuple[Strategy, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Strategy))
    """Its strategies, in the plan's order."""

    def __attrs_post_init__(self) -> None:
        _raise(_numbered(self.strategies, "strategies", "strategy number"))


def _share(instance: Any, attribute: attrs.Attribute[float], value: object) -> None:
    finite_number(instance, attribute, value)
    if not 0.0 <= value <= 1.0:  # type: ignore[operator]
        raise InvalidRecordError(f"{attribute.name!r} must be a share from 0 to 1 (found "
                                 f"{value})", path=attribute.name)


@attrs.frozen(kw_only=True)
class MeasurementPlan:
    """How the plan measures one CFSR item: the baseline, the improvement to reach, and
    when it is measured.

    A PIP's measurement plan sets, per item, a baseline (the share of applicable cases
    rated Strength, and how many cases it rests on) and a target improvement measured over
    a period. Seed 002 gives statewide item figures but neither the number of cases behind
    them nor targets, so the shipped Mississippi plan has no measurement plans: an agency
    adds its own.

    >>> plan = MeasurementPlan(cfsr_item=15, baseline=0.2364, baseline_applicable=55,
    ...                        target_improvement=0.06,
    ...                        measurement_period=DateSpan(start=date(2020, 2, 1),
    ...                                                    end=date(2021, 1, 31)))
    >>> round(plan.target, 4)
    0.2964
    """

    cfsr_item: int = attrs.field(validator=whole_number(1, 18))
    """The CFSR item (1-18)."""
    baseline: float = attrs.field(validator=_share)
    """The baseline performance: the share of applicable cases rated Strength (0-1)."""
    baseline_applicable: int = attrs.field(validator=whole_number(1, 10**9))
    """How many applicable cases the baseline rests on (its n)."""
    target_improvement: float = attrs.field(validator=_share)
    """The improvement to reach, in share points (0.06 for six percentage points)."""
    measurement_period: DateSpan = attrs.field(
        validator=attrs.validators.instance_of(DateSpan))
    """The period over which the improvement is measured."""
    source: str | None = attrs.field(default=None, validator=optional_str)
    """Where the figures come from."""

    def __attrs_post_init__(self) -> None:
        if self.target_improvement <= 0 or self.baseline + self.target_improvement > 1:
            raise InvalidRecordError(
                "'target_improvement' must be more than 0 and at most 1 minus 'baseline' "
                f"(found {self.target_improvement} on a baseline of {self.baseline})",
                path="target_improvement")

    @property
    def target(self) -> float:
        """The share to reach: ``baseline + target_improvement``."""
        return self.baseline + self.target_improvement


def _capital(instance: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (type(value) is not str or re.fullmatch("[A-Z]", value) is None):
        raise InvalidRecordError(f"'part' must be one capital letter A-Z or null (found "
                                 f"{show(value)})", path="part")


def _percent(instance: Any, attribute: attrs.Attribute[float], value: object) -> None:
    finite_number(instance, attribute, value)
    if not 0 <= value <= 100:  # type: ignore[operator]
        raise InvalidRecordError(f"'percent' must be from 0 to 100 (found {value})",
                                 path="percent")


@attrs.frozen(kw_only=True)
class ItemFigure:
    """A CFSR item's statewide performance as the plan reports it: the figures it means to
    move (seed 002: "Caseworker Visits With Parents: 23.64%")."""

    cfsr_item: int = attrs.field(validator=whole_number(1, 18))
    """The CFSR item (1-18)."""
    part: str | None = attrs.field(default=None, validator=_capital)
    """The item's part where the figure is for one (``"B"`` for 12B, needs and services of
    parents), else ``None``."""
    name: str = attrs.field(validator=identifier)
    """The item's name as the plan writes it."""
    percent: float = attrs.field(validator=_percent)
    """The performance, in percent as written (23.64)."""
    area: str = attrs.field(validator=identifier)
    """The plan's heading it is reported under ("Family Engagement")."""

    @property
    def item(self) -> str:
        """The item and part, e.g. ``"15"`` or ``"12B"``."""
        return f"{self.cfsr_item}{self.part or ''}"


def _after_effective(instance: ImprovementPlan, attribute: attrs.Attribute[date],
                     value: date) -> None:
    a_date(instance, attribute, value)
    if value <= instance.effective_on:
        raise InvalidRecordError(f"{attribute.name!r} must be after 'effective_on' (found "
                                 f"{(instance.effective_on - value).days} days before or on "
                                 "it)", path=attribute.name)


def _after_implementation(instance: ImprovementPlan, attribute: attrs.Attribute[date | None],
                          value: date | None) -> None:
    optional_date(instance, attribute, value)
    if value is not None and value < instance.implementation_ends_on:
        raise InvalidRecordError(f"{attribute.name!r} must be on or after "
                                 "'implementation_ends_on' (found "
                                 f"{(instance.implementation_ends_on - value).days} days "
                                 "before it)", path=attribute.name)


@attrs.frozen(kw_only=True)
class ImprovementPlan:
    """A state's Program Improvement Plan: its dates, reporting, goals and measurement.

    Invariants (checked together, each problem with its path): the implementation period
    ends after the effective date, and the non-overlapping year on or after it; goal,
    strategy and activity numbers are unique where they stand; every quarter a timetable
    names begins by the end of the implementation period; measurement plans name distinct
    items.
    """

    code: str = attrs.field(validator=identifier)
    """A short code for the plan, e.g. ``"MS-R3"``."""
    state: str = attrs.field(validator=identifier)
    """The state, e.g. ``"Mississippi"``."""
    title: str = attrs.field(validator=identifier)
    """The plan's title as it writes it."""
    agency: str | None = attrs.field(default=None, validator=optional_str)
    """The agency that carries it out."""
    effective_on: date = attrs.field(validator=a_date)
    """The "PIP Effective Date": quarter 1 starts on it."""
    implementation_ends_on: date = attrs.field(validator=_after_effective)
    """The "End of PIP Implementation Period" (its last day)."""
    non_overlapping_year_ends_on: date | None = attrs.field(
        default=None, validator=_after_implementation)
    """The end of the "Non-Overlapping Year", when one is given."""
    reporting_frequency: ReportingFrequency = attrs.field(
        default=ReportingFrequency.QUARTERLY,
        validator=attrs.validators.instance_of(ReportingFrequency))
    """How often progress is reported."""
    reporting_as_written: str | None = attrs.field(default=None, validator=optional_str)
    """The "Reporting Schedule and Format", as the plan writes it."""
    source: str | None = attrs.field(default=None, validator=optional_str)
    """Where the plan comes from (a document title)."""
    goals: tuple[Goal, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Goal))
    """The goals, in the plan's order."""
    measurement_plans: tuple[MeasurementPlan, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(MeasurementPlan))
    """How each CFSR item's improvement is measured (one per item)."""
    item_figures: tuple[ItemFigure, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ItemFigure))
    """The statewide CFSR item figures the plan reports."""

    def __attrs_post_init__(self) -> None:
        problems = _numbered(self.goals, "goals", "goal number")
        problems += _numbered(self.measurement_plans, "measurement_plans", "CFSR item",
                              key="cfsr_item")
        last = self.implementation_quarters
        for path, timetable in _timetables(self):
            if timetable.quarter is not None and timetable.quarter > last:
                problems.append(Problem(f"{path}.quarter", (
                    f"quarter {timetable.quarter} begins after the implementation period, "
                    f"which has {last} quarters")))
        _raise(problems)

    @property
    def implementation_quarters(self) -> int:
        """How many PIP quarters the implementation period runs into (8 for Mississippi's
        two years)."""
        found = period_number(self.effective_on, 3, self.implementation_ends_on)
        assert found is not None  # the period ends after the effective date
        return found


def _timetables(plan: ImprovementPlan) -> Iterator[tuple[str, Timetable]]:
    for g, goal in enumerate(plan.goals):
        for s, strategy in enumerate(goal.strategies):
            for a, activity in enumerate(strategy.key_activities):
                path = f"goals[{g}].strategies[{s}].key_activities[{a}]"
                if activity.timetable is not None:
                    yield f"{path}.timetable", activity.timetable
                for p, part in enumerate(activity.parts):
                    yield f"{path}.parts[{p}].timetable", part.timetable


# -- quarters -------------------------------------------------------------------------------


def _plan_arg(plan: object) -> ImprovementPlan:
    if not isinstance(plan, ImprovementPlan):
        raise InvalidInputError(f"'plan' must be an ImprovementPlan (got "
                                f"{type(plan).__name__}); load one with get_plan() or "
                                "read_plan()")
    return plan


def quarter_period(plan: ImprovementPlan, number: int) -> DateSpan:
    """The days of PIP quarter ``number``: quarter 1 starts on the effective date, and each
    quarter is three calendar months counted from it (``month_span(effective_on,
    3 * (number - 1), 3 * number)``).

    >>> plan = get_plan("MS-R3")
    >>> [str(quarter_period(plan, n)) for n in (1, 2, 8)]
    ['2020-02-01 to 2020-04-30', '2020-05-01 to 2020-07-31', '2021-11-01 to 2022-01-31']

    Raises:
        InvalidInputError: ``plan`` is not an ImprovementPlan or ``number`` not an int.
        InvalidArgumentError: ``number`` is not from 1 to ``MAX_QUARTER``.
    """
    found = _plan_arg(plan)
    if type(number) is not int:
        raise InvalidInputError(f"'number' must be an int (got {kind_of(number)})")
    if not 1 <= number <= MAX_QUARTER:
        raise InvalidArgumentError(f"'number' must be a quarter from 1 to {MAX_QUARTER} "
                                   f"(got {number})")
    return month_span(found.effective_on, 3 * (number - 1), 3 * number)


def quarter_of(plan: ImprovementPlan, day: date) -> int | None:
    """The PIP quarter ``day`` falls in (quarters go on being counted after the
    implementation period), or ``None`` for a day before the effective date.

    >>> plan = get_plan("MS-R3")
    >>> quarter_of(plan, date(2020, 2, 1)), quarter_of(plan, date(2022, 1, 31))
    (1, 8)

    Raises:
        InvalidInputError: ``plan`` is not an ImprovementPlan or ``day`` not a date.
    """
    found = _plan_arg(plan)
    return period_number(found.effective_on, 3, day)


# -- the schedule and the status of each activity -------------------------------------------


@attrs.frozen(kw_only=True)
class ScheduledActivity:
    """A key activity (or a lettered part of one) with the dates its timetable gives."""

    label: str
    """``goal.strategy.activity``, with the part's letter for a part: ``"1.1.1"``,
    ``"2.1.2a"``."""
    goal: int
    """The goal's number."""
    strategy: int
    """The strategy's number within the goal."""
    text: str
    """The activity's text, or the part's."""
    lead: str | None
    """For a part, the activity's lead-in text ("Revamp risk and safety training:")."""
    timetable: Timetable
    """Its timetable, as the plan writes it."""
    starts_on: date
    """The first day of its quarter (the effective date for "Ongoing")."""
    due_by: date | None
    """The last day of its quarter: done by then, or for an ongoing one begun by then;
    ``None`` for an activity written only "Ongoing"."""
    ongoing_until: date | None
    """For an ongoing activity, the end of the implementation period (or of its quarter,
    if later); ``None`` otherwise."""


def activity_schedule(plan: ImprovementPlan) -> tuple[ScheduledActivity, ...]:
    """Every key activity and lettered part of the plan with its dates, in the plan's order.

    >>> first = activity_schedule(get_plan("MS-R3"))[0]
    >>> first.label, first.timetable.as_written, str(first.due_by)
    ('1.1.1', 'Quarter 1', '2020-04-30')

    Raises:
        InvalidInputError: ``plan`` is not an ImprovementPlan.
    """
    return _schedule(_plan_arg(plan))


def _schedule(plan: ImprovementPlan) -> tuple[ScheduledActivity, ...]:
    rows: list[ScheduledActivity] = []
    for goal in plan.goals:
        for strategy in goal.strategies:
            for activity in strategy.key_activities:
                label = f"{goal.number}.{strategy.number}.{activity.number}"
                if activity.timetable is not None:
                    rows.append(_scheduled(plan, goal, strategy, label, activity.text, None,
                                           activity.timetable))
                for part in activity.parts:
                    rows.append(_scheduled(plan, goal, strategy, label + part.letter,
                                           part.text, activity.text, part.timetable))
    return tuple(rows)


def _scheduled(plan: ImprovementPlan, goal: Goal, strategy: Strategy, label: str, words: str,
               lead: str | None, timetable: Timetable) -> ScheduledActivity:
    if timetable.quarter is None:
        starts_on, due_by = plan.effective_on, None
        until: date | None = plan.implementation_ends_on
    else:
        span = quarter_period(plan, timetable.quarter)
        starts_on, due_by = span.start, span.end
        until = max(span.end, plan.implementation_ends_on) if timetable.ongoing else None
    return ScheduledActivity(label=label, goal=goal.number, strategy=strategy.number,
                             text=words, lead=lead, timetable=timetable, starts_on=starts_on,
                             due_by=due_by, ongoing_until=until)


class ActivityState(StrEnum):
    """Where a key activity stands on a date."""

    UPCOMING = "upcoming"
    """Its quarter has not begun."""
    DUE = "due"
    """Its quarter is the current one: due by the quarter's end (an ongoing one starts)."""
    OVERDUE = "overdue"
    """Its quarter has ended and no completion is recorded (not for ongoing activities)."""
    COMPLETED = "completed"
    """A completion is recorded on or before the date."""
    ONGOING = "ongoing"
    """An ongoing activity after its quarter, until the end of the implementation period."""
    ENDED = "ended"
    """An ongoing activity after the end of the implementation period."""


@attrs.frozen(kw_only=True)
class ActivityProgress:
    """What the agency records about one activity: when it was completed.

    The plan holds no completions; an agency supplies one record per activity it has
    completed, by the activity's label. JSON: ``{"label": "1.1.1", "completed_on":
    "2020-04-15"}``, in a file of the form ``{"progress": [...]}`` (see
    [`load_progress`][practicemodel.improvement.load_progress]).
    """

    label: str = attrs.field(validator=identifier)
    """The activity's label (``"1.1.1"``, ``"2.1.2a"``)."""
    completed_on: date = attrs.field(validator=a_date)
    """The day it was completed."""


@attrs.frozen(kw_only=True)
class ActivityStatus:
    """One activity's state on a date, with the dates that decide it."""

    activity: ScheduledActivity
    """The activity and its dates."""
    state: ActivityState
    """Its state."""
    completed_on: date | None = None
    """The completion recorded on or before the date, if any."""

    @property
    def explanation(self) -> str:
        """Why it is in its state, in one sentence."""
        a, quarter = self.activity, self.activity.timetable.quarter
        when = (f"quarter {quarter}, by {a.due_by}" if quarter is not None
                else "ongoing from the effective date")
        if self.state is ActivityState.COMPLETED:
            assert self.completed_on is not None
            late = a.due_by is not None and self.completed_on > a.due_by \
                and not a.timetable.ongoing
            return (f"completed on {self.completed_on} ({when}"
                    + (", late)" if late else ")"))
        if self.state is ActivityState.UPCOMING:
            return f"starts {a.starts_on} ({when})"
        if self.state is ActivityState.DUE:
            verb = "begins" if a.timetable.ongoing else "due"
            return f"{verb} this quarter ({when})"
        if self.state is ActivityState.OVERDUE:
            return f"no completion recorded ({when})"
        if self.state is ActivityState.ONGOING:
            return f"ongoing since {a.starts_on}, to at least {a.ongoing_until}"
        return f"ongoing from {a.starts_on} to {a.ongoing_until}"

    def to_json(self) -> dict[str, Any]:
        """A plain JSON object: the label, goal, strategy, text (and the lead-in of a part),
        the timetable as written, its quarter and whether ongoing, the dates (ISO strings or
        ``null``), the state, the completion date and the explanation."""
        a = self.activity
        return {
            "label": a.label, "goal": a.goal, "strategy": a.strategy, "text": a.text,
            "lead": a.lead, "timetable": a.timetable.as_written,
            "quarter": a.timetable.quarter, "ongoing": a.timetable.ongoing,
            "starts_on": a.starts_on.isoformat(), "due_by": _iso(a.due_by),
            "ongoing_until": _iso(a.ongoing_until), "state": self.state.value,
            "completed_on": _iso(self.completed_on), "explanation": self.explanation,
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen(kw_only=True)
class PlanStatus:
    """Every activity's state on one date, in the plan's order."""

    plan: ImprovementPlan
    """The plan."""
    as_of: date
    """The date."""
    quarter: int | None
    """The PIP quarter ``as_of`` falls in; ``None`` before the effective date."""
    activities: tuple[ActivityStatus, ...]
    """Each activity's state."""

    def counts(self, goal: int | None = None) -> dict[str, int]:
        """How many activities (of one goal, or all) are in each state, every state listed
        in the order of [`ActivityState`][practicemodel.improvement.ActivityState]."""
        found = dict.fromkeys((state.value for state in ActivityState), 0)
        for status in self.activities:
            if goal is None or status.activity.goal == goal:
                found[status.state.value] += 1
        return found

    def by_goal(self) -> dict[Goal, tuple[ActivityStatus, ...]]:
        """The activities' states grouped by goal, in the plan's order."""
        return {goal: tuple(s for s in self.activities if s.activity.goal == goal.number)
                for goal in self.plan.goals}

    def due_by_then(self) -> tuple[ActivityStatus, ...]:
        """The activities whose quarter has begun by ``as_of``: every state but upcoming."""
        return tuple(s for s in self.activities if s.state is not ActivityState.UPCOMING)

    def to_json(self) -> dict[str, Any]:
        """A plain JSON object: the plan's code, title and dates, ``as_of``, the quarter
        and its days, and the goals, each with its counts and activities."""
        plan = self.plan
        span = quarter_period(plan, self.quarter) if self.quarter is not None else None
        return {
            "plan": plan.code, "title": plan.title, "as_of": self.as_of.isoformat(),
            "effective_on": plan.effective_on.isoformat(),
            "implementation_ends_on": plan.implementation_ends_on.isoformat(),
            "implementation_quarters": plan.implementation_quarters,
            "quarter": self.quarter,
            "quarter_starts_on": _iso(span.start if span else None),
            "quarter_ends_on": _iso(span.end if span else None),
            "counts": self.counts(),
            "goals": [{"number": goal.number, "statement": goal.statement,
                       "counts": self.counts(goal.number),
                       "activities": [s.to_json() for s in rows]}
                      for goal, rows in self.by_goal().items()],
        }


def _progress_arg(progress: object, known: Mapping[str, ScheduledActivity]
                  ) -> dict[str, date]:
    if isinstance(progress, str | bytes | Mapping) or not isinstance(progress, Iterable):
        raise InvalidInputError(f"'progress' must be a sequence of ActivityProgress (got "
                                f"{kind_of(progress)})")
    found: dict[str, date] = {}
    for index, record in enumerate(progress):
        if not isinstance(record, ActivityProgress):
            raise InvalidInputError(f"'progress[{index}]' must be an ActivityProgress (got "
                                    f"{type(record).__name__})")
        if record.label not in known:
            raise InvalidArgumentError(f"'progress[{index}]' names no activity of the plan "
                                       f"(label {show(record.label)}; labels look like "
                                       f"'1.1.1' or '2.1.2a')")
        if record.label in found:
            raise InvalidArgumentError(f"'progress[{index}]' repeats the activity "
                                       f"{show(record.label)}")
        found[record.label] = record.completed_on
    return found


def _state(activity: ScheduledActivity, as_of: date, completed: date | None) -> ActivityState:
    if completed is not None and completed <= as_of:
        return ActivityState.COMPLETED
    if as_of < activity.starts_on:
        return ActivityState.UPCOMING
    if activity.due_by is not None and as_of <= activity.due_by:
        return ActivityState.DUE
    if activity.ongoing_until is None:
        return ActivityState.OVERDUE
    return ActivityState.ONGOING if as_of <= activity.ongoing_until else ActivityState.ENDED


def plan_status(plan: ImprovementPlan, *, as_of: date,
                progress: Iterable[ActivityProgress] = ()) -> PlanStatus:
    """Each key activity's state on ``as_of``.

    Before its quarter an activity is upcoming; during it, due; after it, overdue unless a
    completion is recorded on or before ``as_of`` in ``progress`` (then completed, on time
    or late). An "& ongoing" activity is due in its quarter and then ongoing until the end
    of the implementation period (ended after it); one written only "Ongoing" is ongoing
    from the effective date.

    Raises:
        InvalidInputError: ``plan`` is not an ImprovementPlan, ``as_of`` not a date, or
            ``progress`` not a sequence of ActivityProgress.
        DateOutOfRangeError: ``as_of`` lies outside the supported range.
        InvalidArgumentError: a progress record names no activity of the plan, or repeats
            one.
    """
    found = _plan_arg(plan)
    day = date_arg(as_of)
    rows = _schedule(found)
    done = _progress_arg(progress, {row.label: row for row in rows})
    statuses = []
    for row in rows:
        completed = done.get(row.label)
        state = _state(row, day, completed)
        statuses.append(ActivityStatus(
            activity=row, state=state,
            completed_on=completed if state is ActivityState.COMPLETED else None))
    return PlanStatus(plan=found, as_of=day, quarter=quarter_of(found, day),
                      activities=tuple(statuses))


# -- JSON -----------------------------------------------------------------------------------

PLANS: Mapping[str, str] = MappingProxyType({"MS-R3": "ms_r3_pip.json"})
"""The shipped plans: code → file name in the package data."""

_CLASSES = (DateSpan, Timetable, ActivityPart, KeyActivity, Strategy, Goal, MeasurementPlan,
            ItemFigure, ImprovementPlan, ActivityProgress)


@cache
def _converter() -> cattrs.Converter:
    import cattrs

    from practicemodel.serialization import _enum_hook, configure_converter

    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True,
                                 detailed_validation=True)
    configure_converter(converter)
    for cls in _CLASSES:
        attrs.resolve_types(cls)
    for enum_cls in (CfsrOutcome, SystemicFactor, ReportingFrequency):
        converter.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        converter.register_unstructure_hook(enum_cls, lambda member: member.value)
    return converter


def _structure(data: object, target: Any, source: str | None, record: str) -> Any:
    from practicemodel.serialization import _structure_record

    return _structure_record(_converter(), data, target, source=source, record=record)


def load_plan(data: object, *, source: str | None = None) -> ImprovementPlan:
    """Build an [`ImprovementPlan`][practicemodel.improvement.ImprovementPlan] from parsed
    JSON (a dict with the plan's fields).

    Raises:
        RecordStructureError: every problem, each with its path (``unknown CfsrOutcome code
            'safety_9'; known: ... @ $.goals[1].outcomes[0]``).
    """
    if not isinstance(data, Mapping):
        raise RecordStructureError([Problem("", f"expected an object (an improvement plan), "
                                                f"found {kind_of(data)}")],
                                   source=source, record="improvement plan")
    plan: ImprovementPlan = _structure(data, ImprovementPlan, source, "improvement plan")
    return plan


def loads_plan(text: str | bytes, *, source: str | None = None) -> ImprovementPlan:
    """Parse JSON text into a plan (see [`load_plan`][practicemodel.improvement.load_plan]).

    Raises:
        RecordStructureError: the text is not JSON (with its line and column), names a key
            twice in one object, or is not a valid plan.
    """
    from practicemodel.serialization import _parse_record

    return load_plan(_parse_record(text, source=source, record="improvement plan"),
                     source=source)


def read_plan(path: str | Path) -> ImprovementPlan:
    """Read a plan from a JSON file (the file name is the errors' source)."""
    where = Path(path)
    return loads_plan(where.read_bytes(), source=str(where))


def dump_plan(plan: ImprovementPlan) -> dict[str, Any]:
    """The plan as plain JSON data (fields at their defaults left out)."""
    data: dict[str, Any] = _converter().unstructure(_plan_arg(plan))
    return data


def dumps_plan(plan: ImprovementPlan, *, indent: int | None = 2) -> str:
    """The plan as JSON text; ``loads_plan(dumps_plan(plan)) == plan``."""
    return json.dumps(dump_plan(plan), indent=indent, ensure_ascii=False)


def load_progress(data: object, *, source: str | None = None) -> tuple[ActivityProgress, ...]:
    """Read progress records from parsed JSON: an object whose ``"progress"`` is an array of
    ``{"label": ..., "completed_on": ...}`` objects, e.g. ``{"progress": [{"label":
    "1.1.1", "completed_on": "2020-04-20"}]}``.

    Raises:
        RecordStructureError: every problem, each with its path
            (``$.progress[2].completed_on``).
    """
    record = "progress records"
    if not isinstance(data, Mapping):
        raise RecordStructureError([Problem("", f'expected an object {{"progress": [...]}}, '
                                                f"found {kind_of(data)}")],
                                   source=source, record=record)
    problems = [Problem("", f"unknown field {show(key)}") for key in data if key != "progress"]
    if "progress" not in data:
        problems.append(Problem("progress", "required field missing"))
    elif not isinstance(data["progress"], list):
        problems.append(Problem("progress", f"expected an array, found "
                                            f"{kind_of(data['progress'])}"))
    else:
        try:
            records: tuple[ActivityProgress, ...] = _structure(
                data["progress"], tuple[ActivityProgress, ...], source, record)
        except RecordStructureError as error:
            problems += [problem.prefixed("progress") for problem in error.problems]
    if problems:
        raise RecordStructureError(problems, source=source, record=record)
    return records


def loads_progress(text: str | bytes, *, source: str | None = None
                   ) -> tuple[ActivityProgress, ...]:
    """Parse JSON text into progress records (see
    [`load_progress`][practicemodel.improvement.load_progress]).

    Raises:
        RecordStructureError: the text is not JSON (with its line and column), or not
            progress records.
    """
    from practicemodel.serialization import _parse_record

    return load_progress(_parse_record(text, source=source, record="progress records"),
                         source=source)


def known_plans() -> tuple[str, ...]:
    """The codes of the shipped plans."""
    return tuple(sorted(PLANS))


def get_plan(code: str) -> ImprovementPlan:
    """A shipped plan by its code: ``"MS-R3"``, Mississippi's CFSR Round 3 Program
    Improvement Plan (seed 002). Loaded once and shared (plans are immutable).

    Raises:
        UnknownCodeError: no shipped plan has this code; the message lists the known ones.
    """
    if not isinstance(code, str) or code not in PLANS:
        raise UnknownCodeError("improvement plan", code, PLANS)
    return _shipped(code)


@cache
def _shipped(code: str) -> ImprovementPlan:
    name = PLANS[code]
    data = resources.files("practicemodel").joinpath("data", name).read_bytes()
    return loads_plan(data, source=f"practicemodel:data/{name}")
