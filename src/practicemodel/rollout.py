"""The practice model's regional rollout: waves, phases, baseline and follow-up reviews.

Mississippi put its practice model in place region by region (seed 000, *Mississippi Child
Welfare Practice Model*, August 2010, "Implementation – Regions/Counties"; seed 001,
*Children's Bureau Express*, September 2010):

- "Phase-in of practice model statewide by regions"; "Begin with 2 regions to implement
  entire model"; "All regions begin implementation within 48 months" (seed 000). Regions
  start "two or three at a time at 6-month intervals" (seed 001).
- Each region goes through Phase I, Planning (6–8 months; "Conduct baseline CQI review"),
  Phase II, Initial Implementation (12 months), Phase III, Evaluation and Revision (3–4
  months; "Follow up CQI Review"), and Phase IV, Continued Implementation and Evaluation
  (ongoing) (seed 000). "The CQI review is then repeated, so that findings can be compared
  to the baseline" (seed 001).
- The logic model's outcomes are short-term (0–12 months), mid-term (12–24) and long-term
  (24–48) (seed 000, "Logic Model Approach to Practice Model").

A [`Rollout`][practicemodel.rollout.Rollout] is the schedule of every region
([`RegionSchedule`][practicemodel.rollout.RegionSchedule]: the day each phase begins and the
days of the two reviews); the numbers above are data
([`RolloutRules`][practicemodel.rollout.RolloutRules],
[`PRACTICE_MODEL_RULES`][practicemodel.rollout.PRACTICE_MODEL_RULES]), not code.
[`check_rollout`][practicemodel.rollout.check_rollout] says, with one explained
[`Finding`][practicemodel.findings.Finding] per rule and subject, whether a schedule keeps
them; [`compare_region`][practicemodel.rollout.compare_region] sets a region's follow-up
review against its baseline with the review statistics
([`compare_caseloads`][practicemodel.caseload.compare_caseloads]);
[`measurement_result`][practicemodel.rollout.measurement_result] says whether an improvement
plan's measurement target was met;
[`logic_model_window`][practicemodel.rollout.logic_model_window] says which outcome window a
date falls in. Everything is pure: dates are passed in.

The library ships one fictional rollout over the synthetic caseload's four regions
(``get_rollout("fictional")``, [`get_rollout`][practicemodel.rollout.get_rollout]), and
[`fictional_reviews`][practicemodel.rollout.fictional_reviews] draws its baseline and
follow-up reviews from synthetic caseloads generated as of each review's day.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from practicemodel._arguments import date_arg
from practicemodel._checks import a_date, identifier, optional_text, to_tuple, whole_number
from practicemodel._describe import kind_of, show
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    Problem,
    RecordStructureError,
    UnknownCodeError,
)
from practicemodel.findings import Fact, Finding, Outcome
from practicemodel.periods import add_months

if TYPE_CHECKING:
    from practicemodel.caseload import CaseloadReview
    from practicemodel.improvement import MeasurementPlan
    from practicemodel.review import ReviewInstrument
    from practicemodel.statistics import Comparison, Proportion
    from practicemodel.synthetic import SyntheticParameters

__all__ = [
    "PRACTICE_MODEL_RULES",
    "Change",
    "ItemChange",
    "LogicModelWindow",
    "MonthRange",
    "Phase",
    "RegionResult",
    "RegionSchedule",
    "Rollout",
    "RolloutRules",
    "TargetResult",
    "Wave",
    "check_rollout",
    "compare_region",
    "dump_rollout",
    "dumps_rollout",
    "fictional_reviews",
    "get_rollout",
    "known_rollouts",
    "load_rollout",
    "loads_rollout",
    "logic_model_window",
    "measurement_result",
    "read_rollout",
]

_SEED_000 = ("seed 000, Mississippi Child Welfare Practice Model (August 2010), "
             "\"Implementation – Regions/Counties\"")
_SEED_001 = "seed 001, Children's Bureau Express (September 2010)"
_LOGIC_MODEL = ("seed 000, Mississippi Child Welfare Practice Model (August 2010), "
                "\"Logic Model Approach to Practice Model\"")


class Phase(StrEnum):
    """A region's implementation phase (seed 000)."""

    PLANNING = "planning"
    """Phase I, Planning (6–8 months): implementation teams and plans, stakeholders, the
    baseline CQI review."""
    INITIAL_IMPLEMENTATION = "initial_implementation"
    """Phase II, Initial Implementation (12 months): training, phasing in case activities,
    coaching, resource development."""
    EVALUATION = "evaluation"
    """Phase III, Evaluation and Revision (3–4 months): the follow-up CQI review; the
    implementation plan revised as needed."""
    CONTINUED = "continued"
    """Phase IV, Continued Implementation and Evaluation (ongoing): less intense technical
    assistance, the regular CQI process."""

    @property
    def label(self) -> str:
        """The phase as the deck names it, e.g. ``"Phase II: Initial Implementation"``."""
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.PLANNING: "Phase I: Planning",
    Phase.INITIAL_IMPLEMENTATION: "Phase II: Initial Implementation",
    Phase.EVALUATION: "Phase III: Evaluation and Revision",
    Phase.CONTINUED: "Phase IV: Continued Implementation and Evaluation",
}


def _at_least_one(instance: Any, attribute: Any, value: Any) -> None:
    whole_number(1, 1200)(instance, attribute, value)


@attrs.frozen(kw_only=True)
class MonthRange:
    """An allowed length in whole calendar months, ``least`` to ``most`` (both included).

    >>> MonthRange(least=6, most=8).allows(date(2022, 1, 1), date(2022, 8, 1))
    True
    """

    least: int = attrs.field(validator=_at_least_one)
    """The shortest allowed length, in months."""
    most: int = attrs.field(validator=_at_least_one)
    """The longest allowed length, in months (at least ``least``)."""

    def __attrs_post_init__(self) -> None:
        if self.most < self.least:
            raise InvalidRecordError(f"'most' must be at least 'least' (found {self.most} < "
                                     f"{self.least})", path="most")

    def allows(self, start: date, end: date) -> bool:
        """Whether ``end`` is from ``least`` to ``most`` months after ``start``, by calendar
        month arithmetic (the day clamped at a month's end)."""
        return add_months(start, self.least) <= end <= add_months(start, self.most)

    def __str__(self) -> str:
        return f"{self.least} months" if self.least == self.most \
            else f"{self.least}–{self.most} months"


@attrs.frozen(kw_only=True)
class LogicModelWindow:
    """An outcome window of the logic model: from ``start_month`` up to (not including)
    ``end_month`` months after implementation began."""

    code: str = attrs.field(validator=identifier)
    """``"short_term"``, ``"mid_term"`` or ``"long_term"``."""
    label: str = attrs.field(validator=identifier)
    """As the deck writes it, e.g. ``"Short-term (0-12 mos.)"``."""
    start_month: int = attrs.field(validator=whole_number(0, 1200))
    """Months after the start at which the window opens."""
    end_month: int = attrs.field(validator=_at_least_one)
    """Months after the start at which the next window opens."""

    def __attrs_post_init__(self) -> None:
        if self.end_month <= self.start_month:
            raise InvalidRecordError(f"'end_month' must be after 'start_month' (found "
                                     f"{self.start_month} to {self.end_month})",
                                     path="end_month")


def _windows(instance: Any, attribute: Any, value: Any) -> None:
    if not value or not all(isinstance(w, LogicModelWindow) for w in value):
        raise InvalidInputError("'windows' must be a non-empty tuple of LogicModelWindow")
    for before, after in itertools.pairwise(value):
        if after.start_month != before.end_month:
            raise InvalidRecordError(f"logic model windows must follow one another (window "
                                     f"{after.code!r} opens at month {after.start_month}, "
                                     f"the one before ends at {before.end_month})",
                                     path="windows")


def _range(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, MonthRange):
        raise InvalidInputError(f"{attribute.name!r} must be a MonthRange "
                                f"(got {kind_of(value)})")


@attrs.frozen(kw_only=True)
class RolloutRules:
    """The rules a rollout schedule keeps, as data (the defaults are the practice model's,
    seeds 000 and 001)."""

    first_wave_regions: int = attrs.field(default=2, validator=_at_least_one)
    """How many regions the first wave has ("Begin with 2 regions to implement entire
    model", seed 000)."""
    least_wave_regions: int = attrs.field(default=2, validator=_at_least_one)
    """The fewest regions in a wave ("two or three at a time", seed 001)."""
    most_wave_regions: int = attrs.field(default=3, validator=_at_least_one)
    """The most regions in a wave."""
    wave_interval_months: int = attrs.field(default=6, validator=_at_least_one)
    """Months from one wave's start to the next's ("at 6-month intervals", seed 001)."""
    all_regions_within_months: int = attrs.field(default=48, validator=_at_least_one)
    """Every region begins within this many months of the first wave's start ("All
    regions begin implementation within 48 months", seed 000)."""
    planning: MonthRange = attrs.field(default=MonthRange(least=6, most=8), validator=_range)
    """Phase I's length (seed 000: 6–8 months)."""
    initial_implementation: MonthRange = attrs.field(default=MonthRange(least=12, most=12),
                                                     validator=_range)
    """Phase II's length (seed 000: 12 months)."""
    evaluation: MonthRange = attrs.field(default=MonthRange(least=3, most=4), validator=_range)
    """Phase III's length (seed 000: 3–4 months)."""
    windows: tuple[LogicModelWindow, ...] = attrs.field(
        default=(
            LogicModelWindow(code="short_term", label="Short-term (0-12 mos.)",
                             start_month=0, end_month=12),
            LogicModelWindow(code="mid_term", label="Mid-term (12-24 mos.)",
                             start_month=12, end_month=24),
            LogicModelWindow(code="long_term", label="Long-term (24-48 mos.)",
                             start_month=24, end_month=48),
        ),
        converter=to_tuple, validator=_windows)
    """The logic model's outcome windows (seed 000)."""

    def __attrs_post_init__(self) -> None:
        if self.most_wave_regions < self.least_wave_regions:
            raise InvalidRecordError(
                f"'most_wave_regions' must be at least 'least_wave_regions' (found "
                f"{self.most_wave_regions} < {self.least_wave_regions})",
                path="most_wave_regions")


PRACTICE_MODEL_RULES = RolloutRules()
"""The practice model's rollout rules (seeds 000 and 001)."""


def _after(earlier: str) -> Any:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        a_date(instance, attribute, value)
        before = getattr(instance, earlier)
        if value <= before:
            raise InvalidRecordError(
                f"{attribute.name!r} must be after {earlier!r} (found {value} on or before "
                f"{before})", path=attribute.name)
    return check


@attrs.frozen(kw_only=True)
class RegionSchedule:
    """One region's way through the four phases and its two CQI reviews.

    Each phase runs from its day up to the day before the next phase's; Phase IV has no
    end. The days must follow one another (checked here); whether the phases have the
    lengths the rules allow, and whether each review falls in its phase, is what
    [`check_rollout`][practicemodel.rollout.check_rollout] reports.
    """

    region: str = attrs.field(validator=identifier)
    """The region (as the case records name it, ``Case.region``)."""
    planning_from: date = attrs.field(validator=a_date)
    """The day Phase I (planning) begins: the region's kickoff, when it begins
    implementation."""
    implementation_from: date = attrs.field(validator=_after("planning_from"))
    """The day Phase II (initial implementation) begins."""
    evaluation_from: date = attrs.field(validator=_after("implementation_from"))
    """The day Phase III (evaluation and revision) begins."""
    continued_from: date = attrs.field(validator=_after("evaluation_from"))
    """The day Phase IV (continued implementation) begins."""
    baseline_review_on: date = attrs.field(validator=a_date)
    """The day of the baseline CQI review (due in Phase I)."""
    follow_up_review_on: date = attrs.field(validator=_after("baseline_review_on"))
    """The day of the follow-up CQI review (due in Phase III)."""
    note: str | None = attrs.field(default=None, validator=optional_text)
    """Anything worth saying about the schedule."""

    def phase_on(self, day: date) -> Phase | None:
        """The phase the region is in on ``day`` (``None`` before Phase I).

        Raises:
            InvalidInputError: ``day`` is not a ``datetime.date``.
        """
        day = date_arg(day, "day")
        if day < self.planning_from:
            return None
        if day < self.implementation_from:
            return Phase.PLANNING
        if day < self.evaluation_from:
            return Phase.INITIAL_IMPLEMENTATION
        if day < self.continued_from:
            return Phase.EVALUATION
        return Phase.CONTINUED

    def phase_dates(self, phase: Phase) -> tuple[date, date | None]:
        """The first and last day of ``phase`` (the last is ``None`` for Phase IV)."""
        starts = (self.planning_from, self.implementation_from, self.evaluation_from,
                  self.continued_from)
        index = list(Phase).index(Phase(phase))
        if index == len(starts) - 1:
            return starts[index], None
        return starts[index], starts[index + 1] - timedelta(days=1)


@attrs.frozen(kw_only=True)
class Wave:
    """The regions that begin on the same day."""

    number: int
    """1 for the first wave."""
    starts_on: date
    """The day its regions begin Phase I."""
    regions: tuple[str, ...]
    """Its regions, in the schedule's order."""


def _schedules(instance: Any, attribute: Any, value: Any) -> None:
    if not value or not all(isinstance(s, RegionSchedule) for s in value):
        raise InvalidInputError("'schedules' must be a non-empty tuple of RegionSchedule")
    seen: set[str] = set()
    for n, schedule in enumerate(value):
        if schedule.region in seen:
            raise InvalidRecordError(f"region {show(schedule.region)} is scheduled twice",
                                     path=f"schedules[{n}].region")
        seen.add(schedule.region)


def _regions(instance: Any, attribute: Any, value: Any) -> None:
    if not value:
        raise InvalidRecordError("'regions' must name at least one region", path="regions")
    for n, region in enumerate(value):
        if type(region) is not str or not region.strip():
            raise InvalidRecordError(f"expected a region name, found {kind_of(region)}",
                                     path=f"regions[{n}]")
    if len(set(value)) != len(value):
        raise InvalidRecordError("'regions' names a region twice", path="regions")


@attrs.frozen(kw_only=True)
class Rollout:
    """A state's rollout of the practice model: every region and each one's schedule."""

    name: str = attrs.field(validator=identifier)
    """What the rollout is called."""
    regions: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_regions)
    """Every region of the state: each must be scheduled once."""
    schedules: tuple[RegionSchedule, ...] = attrs.field(converter=to_tuple,
                                                        validator=_schedules)
    """One schedule per region."""
    rules: RolloutRules = attrs.field(default=PRACTICE_MODEL_RULES,
                                      validator=attrs.validators.instance_of(RolloutRules))
    """The rules the schedule is checked against."""
    description: str | None = attrs.field(default=None, validator=optional_text)
    """What the rollout is (e.g. that it is fictional)."""

    @property
    def waves(self) -> tuple[Wave, ...]:
        """The schedules grouped by the day they begin, earliest first."""
        starts = sorted({s.planning_from for s in self.schedules})
        return tuple(Wave(number=n, starts_on=day,
                          regions=tuple(s.region for s in self.schedules
                                        if s.planning_from == day))
                     for n, day in enumerate(starts, start=1))

    def schedule(self, region: str) -> RegionSchedule:
        """The schedule of ``region``.

        Raises:
            UnknownCodeError: no schedule has this region (the message lists them).
        """
        for schedule in self.schedules:
            if schedule.region == region:
                return schedule
        raise UnknownCodeError("scheduled region", region,
                               [s.region for s in self.schedules])


# -- checking a schedule ----------------------------------------------------------------------


def _finding(rule: str, met: bool, subject_id: str, subject: str, explanation: str,
             facts: tuple[tuple[str, str | int | date | None], ...], source: str) -> Finding:
    return Finding(rule=rule, outcome=Outcome.MET if met else Outcome.NOT_MET,
                   subject_id=subject_id, subject=subject, explanation=explanation,
                   facts=tuple(Fact(label=label, value=value) for label, value in facts),
                   source=source)


def _wave_findings(rollout: Rollout) -> list[Finding]:
    rules = rollout.rules
    waves = rollout.waves
    found: list[Finding] = []
    first = waves[0]
    found.append(_finding(
        "rollout.first_wave", len(first.regions) == rules.first_wave_regions, "wave-1",
        "wave 1",
        f"The first wave begins with {len(first.regions)} region(s) on {first.starts_on}; "
        f"the model begins with {rules.first_wave_regions}.",
        (("regions", ", ".join(first.regions)), ("begins", first.starts_on)), _SEED_000))
    for wave in waves:
        size = len(wave.regions)
        found.append(_finding(
            "rollout.wave_size",
            rules.least_wave_regions <= size <= rules.most_wave_regions,
            f"wave-{wave.number}", f"wave {wave.number}",
            f"Wave {wave.number} ({wave.starts_on}) has {size} region(s); regions begin "
            f"{rules.least_wave_regions} to {rules.most_wave_regions} at a time.",
            (("regions", ", ".join(wave.regions)), ("begins", wave.starts_on)), _SEED_001))
    for before, after in itertools.pairwise(waves):
        due = add_months(before.starts_on, rules.wave_interval_months)
        found.append(_finding(
            "rollout.wave_interval", after.starts_on == due, f"wave-{after.number}",
            f"wave {after.number}",
            f"Wave {after.number} begins on {after.starts_on}, "
            + ("" if after.starts_on == due else "not ")
            + f"{rules.wave_interval_months} months after wave {before.number} "
            f"({before.starts_on}; due {due}).",
            (("previous wave begins", before.starts_on), ("begins", after.starts_on),
             ("due", due)), _SEED_001))
    last_day = add_months(first.starts_on, rules.all_regions_within_months) \
        - timedelta(days=1)
    for schedule in rollout.schedules:
        found.append(_finding(
            "rollout.within_months", schedule.planning_from <= last_day, schedule.region,
            f"region {schedule.region}",
            f"Region {schedule.region} begins on {schedule.planning_from}; every region "
            f"begins within {rules.all_regions_within_months} months of the first wave "
            f"({first.starts_on}), by {last_day}.",
            (("begins", schedule.planning_from), ("latest start", last_day)), _SEED_000))
    return found


def _coverage_findings(rollout: Rollout) -> list[Finding]:
    scheduled = [s.region for s in rollout.schedules]
    missing = [r for r in rollout.regions if r not in scheduled]
    unknown = [r for r in scheduled if r not in rollout.regions]
    problems = []
    if missing:
        problems.append("not scheduled: " + ", ".join(missing))
    if unknown:
        problems.append("not a region of the state: " + ", ".join(unknown))
    return [_finding(
        "rollout.regions", not problems, "rollout", f"rollout {rollout.name}",
        "Every region is scheduled once." if not problems
        else "Every region must be scheduled once; " + "; ".join(problems) + ".",
        (("regions", ", ".join(rollout.regions)), ("scheduled", ", ".join(scheduled))),
        _SEED_000)]


def _phase_findings(rollout: Rollout, schedule: RegionSchedule) -> list[Finding]:
    rules = rollout.rules
    found = []
    for phase, allowed, start, end in (
            (Phase.PLANNING, rules.planning, schedule.planning_from,
             schedule.implementation_from),
            (Phase.INITIAL_IMPLEMENTATION, rules.initial_implementation,
             schedule.implementation_from, schedule.evaluation_from),
            (Phase.EVALUATION, rules.evaluation, schedule.evaluation_from,
             schedule.continued_from)):
        met = allowed.allows(start, end)
        earliest, latest = add_months(start, allowed.least), add_months(start, allowed.most)
        window = f"on {earliest}" if earliest == latest \
            else f"between {earliest} and {latest}"
        found.append(_finding(
            f"rollout.{phase.value}_length", met, schedule.region,
            f"region {schedule.region}",
            f"{phase.label} runs from {start} to {end - timedelta(days=1)}; it lasts "
            f"{allowed}, so the next phase begins {window}.",
            (("phase begins", start), ("next phase begins", end),
             ("allowed", str(allowed))), _SEED_000))
    for rule, day, phase, what in (
            ("rollout.baseline_review", schedule.baseline_review_on, Phase.PLANNING,
             "baseline"),
            ("rollout.follow_up_review", schedule.follow_up_review_on, Phase.EVALUATION,
             "follow-up")):
        first, last = schedule.phase_dates(phase)
        actual = schedule.phase_on(day)
        found.append(_finding(
            rule, actual is phase, schedule.region, f"region {schedule.region}",
            f"The {what} CQI review on {day} falls in "
            + (actual.label if actual else "no phase (before Phase I)")
            + f"; it belongs in {phase.label} ({first} to {last}).",
            (("review", day), ("phase begins", first), ("phase ends", last)),
            _SEED_000 + "; " + _SEED_001))
    return found


def check_rollout(rollout: Rollout) -> tuple[Finding, ...]:
    """Check a rollout schedule against its rules, one finding per rule and subject.

    The rules (ids in brackets; the numbers come from ``rollout.rules``): every region is
    scheduled once [``rollout.regions``]; the first wave has 2 regions
    [``rollout.first_wave``]; each wave 2 or 3 [``rollout.wave_size``]; each wave begins 6
    months after the one before [``rollout.wave_interval``]; every region begins within 48
    months of the first wave [``rollout.within_months``]; in each region Phase I lasts 6–8
    months [``rollout.planning_length``], Phase II 12 [``rollout.initial_implementation_length``]
    and Phase III 3–4 [``rollout.evaluation_length``]; the baseline review falls in Phase I
    [``rollout.baseline_review``] and the follow-up review in Phase III
    [``rollout.follow_up_review``]. A wave is the regions that begin on the same day.

    >>> findings = check_rollout(get_rollout("fictional"))
    >>> all(f.outcome is Outcome.MET for f in findings), len(findings)
    (True, 29)

    Raises:
        InvalidInputError: ``rollout`` is not a [`Rollout`][practicemodel.rollout.Rollout].
    """
    if not isinstance(rollout, Rollout):
        raise InvalidInputError(f"'rollout' must be a Rollout (got {kind_of(rollout)})")
    found = _coverage_findings(rollout) + _wave_findings(rollout)
    for schedule in rollout.schedules:
        found += _phase_findings(rollout, schedule)
    return tuple(found)


# -- logic-model windows ----------------------------------------------------------------------


def logic_model_window(*, since: date, on: date,
                       rules: RolloutRules = PRACTICE_MODEL_RULES) -> LogicModelWindow | None:
    """The logic-model window an outcome measured ``on`` a day falls in, counting whole
    calendar months from ``since`` (e.g. a region's ``implementation_from``): short-term
    from 0 up to 12 months, mid-term from 12 up to 24, long-term from 24 up to 48
    (seed 000). ``None`` before ``since`` or from 48 months on.

    >>> logic_model_window(since=date(2022, 7, 1), on=date(2023, 6, 30)).code
    'short_term'
    >>> logic_model_window(since=date(2022, 7, 1), on=date(2023, 7, 1)).code
    'mid_term'
    >>> logic_model_window(since=date(2022, 7, 1), on=date(2026, 7, 1)) is None
    True

    Raises:
        InvalidInputError: a day is not a ``datetime.date`` or ``rules`` not
            [`RolloutRules`][practicemodel.rollout.RolloutRules].
    """
    start, day = date_arg(since, "since"), date_arg(on, "on")
    if not isinstance(rules, RolloutRules):
        raise InvalidInputError(f"'rules' must be RolloutRules (got {kind_of(rules)})")
    for window in rules.windows:
        if add_months(start, window.start_month) <= day < add_months(start, window.end_month):
            return window
    return None


# -- baseline vs follow-up --------------------------------------------------------------------


class Change(StrEnum):
    """What a follow-up review shows against the baseline for one item."""

    IMPROVED = "improved"
    """Higher, and the z test says the difference is significant."""
    DECLINED = "declined"
    """Lower, and significant."""
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    """A difference the test does not call significant (or none)."""
    NOT_COMPARABLE = "not_comparable"
    """No applicable case in one of the reviews, or the test is undefined."""


@attrs.frozen(kw_only=True)
class ItemChange:
    """One item of a region's follow-up review against its baseline."""

    item: str
    """The item's code."""
    name: str
    """The item's name."""
    comparison: Comparison
    """Both proportions, the difference with Newcombe's interval and the z test."""
    change: Change
    """What the comparison shows."""


@attrs.frozen(kw_only=True)
class RegionResult:
    """A region's follow-up review against its baseline, item by item."""

    region: str
    """The region."""
    baseline_on: date
    """The day the baseline review was taken as of."""
    follow_up_on: date
    """The day the follow-up review was taken as of."""
    items: tuple[ItemChange, ...]
    """One entry per item, in the instrument's order."""

    def count(self, change: Change) -> int:
        """How many items show ``change``."""
        return sum(1 for item in self.items if item.change is change)


def _change(comparison: Comparison) -> Change:
    if comparison.difference is None or comparison.p_value is None:
        return Change.NOT_COMPARABLE
    if not comparison.significant:
        return Change.NO_SIGNIFICANT_CHANGE
    return Change.IMPROVED if comparison.difference > 0 else Change.DECLINED


def compare_region(region: str, baseline: CaseloadReview,
                   follow_up: CaseloadReview) -> RegionResult:
    """Compare a region's follow-up review with its baseline, item by item (seed 001: "the
    CQI review is then repeated, so that findings can be compared to the baseline").

    Both reviews are of the region's cases: either ungrouped, or grouped by ``("region",)``
    (then the region's group is read). The statistics are
    [`compare_caseloads`][practicemodel.caseload.compare_caseloads]' (Newcombe's interval
    for the difference, the pooled z test at 95%).

    Raises:
        InvalidInputError: a review is not a ``CaseloadReview``.
        InvalidArgumentError: the reviews differ in instrument or grouping, are grouped by
            anything but region, or have no group for ``region``.
    """
    from practicemodel.caseload import _instrument_of, compare_caseloads

    rows = compare_caseloads(baseline, follow_up)
    if follow_up.by not in ((), ("region",)):
        raise InvalidArgumentError(f"the reviews must be ungrouped or grouped by region "
                                   f"(found by={follow_up.by!r})")
    wanted = () if not follow_up.by else (region,)
    rows = tuple(row for row in rows if row.group == wanted)
    if not rows:
        raise InvalidArgumentError(f"neither review has cases of region {show(region)}")
    instrument = _instrument_of(follow_up)
    names = {item.code: item.name for item in instrument.items} if instrument else {}
    return RegionResult(
        region=region, baseline_on=baseline.as_of, follow_up_on=follow_up.as_of,
        items=tuple(ItemChange(item=row.item, name=names.get(row.item, row.item),
                               comparison=row.comparison, change=_change(row.comparison))
                    for row in rows))


@attrs.frozen(kw_only=True)
class TargetResult:
    """Whether a measurement plan's target was reached in a review."""

    item: str
    """The review item measured (``"item_15"``)."""
    baseline: float
    """The plan's baseline share."""
    target: float
    """The share to reach: baseline plus the target improvement."""
    performance: Proportion
    """The measured share of applicable cases rated Strength, with its Wilson interval."""
    met: bool
    """Whether the measured share reaches the target (``False`` without applicable cases)."""
    above_baseline: bool
    """Whether the interval's lower bound lies above the baseline: the improvement is not
    explained by sampling alone."""


def measurement_result(plan: MeasurementPlan, review: CaseloadReview, *,
                       group: tuple[object, ...] = ()) -> TargetResult:
    """Whether ``review`` (rated on the CFSR instrument) reaches ``plan``'s target.

    The target is the baseline plus the target improvement; it is met when the measured
    share of applicable cases rated Strength reaches it (the point estimate: a choice of
    this library; seed 002 gives the plan's item figures but no rule for judging a target
    met), and the Wilson interval says how firmly: ``above_baseline`` is whether the
    interval's lower bound clears the baseline. ``group`` picks one group of a
    grouped review (e.g. ``("Northern",)`` for a review by region).

    >>> from datetime import date
    >>> from practicemodel.caseload import review_synthetic
    >>> from practicemodel.improvement import DateSpan, MeasurementPlan
    >>> from practicemodel.policy import get_policy
    >>> from practicemodel.review import get_instrument
    >>> review = review_synthetic(60, seed=3, policy=get_policy("MS"),
    ...                           as_of=date(2026, 11, 22), instrument=get_instrument("cfsr"))
    >>> plan = MeasurementPlan(cfsr_item=15, baseline=0.2364, baseline_applicable=55,
    ...                        target_improvement=0.06, measurement_period=DateSpan(
    ...                            start=date(2026, 1, 1), end=date(2026, 12, 31)))
    >>> result = measurement_result(plan, review)
    >>> result.item, round(result.target, 4)
    ('item_15', 0.2964)

    Raises:
        InvalidInputError: ``plan`` or ``review`` is not of the right type.
        InvalidArgumentError: the review has no such item or group (not rated on the CFSR
            instrument?).
    """
    from practicemodel.caseload import CaseloadReview
    from practicemodel.improvement import MeasurementPlan

    if not isinstance(plan, MeasurementPlan):
        raise InvalidInputError(f"'plan' must be a MeasurementPlan (got {kind_of(plan)})")
    if not isinstance(review, CaseloadReview):
        raise InvalidInputError(f"'review' must be a CaseloadReview (got {kind_of(review)})")
    item = f"item_{plan.cfsr_item:02d}"
    rows = [row for row in review.table if row.item == item and row.group == tuple(group)]
    if not rows:
        raise InvalidArgumentError(f"the review has no item {item!r} in group "
                                   f"{tuple(group)!r} (rate it on the CFSR instrument)")
    performance = rows[0].performance
    met = performance.estimate is not None and performance.estimate >= plan.target
    return TargetResult(item=item, baseline=plan.baseline, target=plan.target,
                        performance=performance, met=met,
                        above_baseline=performance.trials > 0 and performance.low > plan.baseline)


# -- the fictional rollout's reviews ----------------------------------------------------------

PRACTICE_MODEL_EFFECT: Mapping[str, float] = {
    "thorough_visit_share": 0.45,
    "monthly_visit_probability": 0.98,
    "mother_involvement_rate": 0.6,
    "father_involvement_rate": 0.5,
    "child_involvement_rate": 0.6,
    "dosage_share": 0.45,
    "poor_objective_share": 0.2,
    "closure_criteria_share": 0.8,
    "staffing_probability": 0.9,
}
"""How the fictional follow-up caseloads differ from the baseline ones: the synthetic
generator's shares after a region has put the practice model in place (an invented effect,
for the tutorial; every other share keeps its default)."""


def _parameters(region: str, review_on: date, after: bool) -> SyntheticParameters:
    from practicemodel.synthetic import SyntheticParameters

    changes: dict[str, Any] = dict(PRACTICE_MODEL_EFFECT) if after else {}
    return SyntheticParameters(regions=(region,), as_of=review_on,
                               opened_from=add_months(review_on, -34),
                               opened_to=review_on - timedelta(days=90), **changes)


def fictional_reviews(rollout: Rollout, *, policy: str = "MS", cases: int = 200,
                      seed: int = 2026, instrument: ReviewInstrument | None = None,
                      workers: int = 1) -> dict[str, tuple[CaseloadReview, CaseloadReview]]:
    """Draw each region's baseline and follow-up review from synthetic caseloads.

    For each region, ``cases`` synthetic cases of that region generated as of the baseline
    review's day (opened in the 34 months to 90 days before it) are reviewed as of that day;
    then ``cases`` more as of the follow-up review's day, generated with
    [`PRACTICE_MODEL_EFFECT`][practicemodel.rollout.PRACTICE_MODEL_EFFECT]'s shares (an
    invented improvement). Both on ``instrument`` (the practice-model instrument by
    default; ``get_instrument("cfsr")`` for the CFSR items a PIP measures), ungrouped, under
    the version of the ``policy`` profile in effect on each review's day. The same ``seed``
    draws the same cases whatever the instrument.

    Returns:
        ``{region: (baseline, follow_up)}`` in the schedules' order.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidRecordError: ``cases`` is negative.
        UnknownPolicyError: no version of ``policy`` is in effect on a review's day.
    """
    from practicemodel.caseload import review_synthetic
    from practicemodel.policy import get_policy

    if not isinstance(rollout, Rollout):
        raise InvalidInputError(f"'rollout' must be a Rollout (got {kind_of(rollout)})")
    chosen: dict[str, Any] = {} if instrument is None else {"instrument": instrument}
    reviews = {}
    for schedule in rollout.schedules:
        pair = tuple(
            review_synthetic(cases, seed=f"{seed}-{schedule.region}-{side}",
                             policy=get_policy(policy, day), **chosen,
                             as_of=day, parameters=_parameters(schedule.region, day, side == 1),
                             workers=workers)
            for side, day in enumerate((schedule.baseline_review_on,
                                        schedule.follow_up_review_on)))
        reviews[schedule.region] = (pair[0], pair[1])
    return reviews


# -- reading and writing ----------------------------------------------------------------------


@cache
def _converter() -> Any:
    import cattrs

    from practicemodel.serialization import configure_converter

    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True,
                                 detailed_validation=True)
    configure_converter(converter)
    for cls in (Rollout, RegionSchedule, RolloutRules, MonthRange, LogicModelWindow):
        attrs.resolve_types(cls)
    return converter


def load_rollout(data: object, *, source: str | None = None) -> Rollout:
    """Build a [`Rollout`][practicemodel.rollout.Rollout] from parsed JSON.

    Raises:
        RecordStructureError: every problem, each with its path
            (``... @ $.schedules[1].implementation_from``).
    """
    from practicemodel.serialization import _structure_record

    if not isinstance(data, Mapping):
        raise RecordStructureError([Problem("", f"expected an object (a rollout), found "
                                                f"{kind_of(data)}")],
                                   source=source, record="rollout")
    rollout: Rollout = _structure_record(_converter(), data, Rollout, source=source,
                                         record="rollout")
    return rollout


def loads_rollout(text: str | bytes, *, source: str | None = None) -> Rollout:
    """Parse JSON text into a rollout (see
    [`load_rollout`][practicemodel.rollout.load_rollout]).

    Raises:
        RecordStructureError: the text is not JSON (with its line and column), names a key
            twice in one object, or is not a valid rollout.
    """
    from practicemodel.serialization import _parse_record

    return load_rollout(_parse_record(text, source=source, record="rollout"), source=source)


def read_rollout(path: str | Path) -> Rollout:
    """Read a rollout from a JSON file (the file name is the errors' source)."""
    where = Path(path)
    return loads_rollout(where.read_bytes(), source=str(where))


def dump_rollout(rollout: Rollout) -> dict[str, Any]:
    """The rollout as plain JSON data (fields at their defaults left out)."""
    if not isinstance(rollout, Rollout):
        raise InvalidInputError(f"'rollout' must be a Rollout (got {kind_of(rollout)})")
    data: dict[str, Any] = _converter().unstructure(rollout)
    return data


_SHIPPED = {"fictional": "fictional_rollout.json"}


def known_rollouts() -> tuple[str, ...]:
    """The codes of the shipped rollouts."""
    return tuple(_SHIPPED)


def get_rollout(code: str) -> Rollout:
    """The shipped rollout with this code: ``"fictional"``, the practice model over the
    synthetic caseload's four regions (invented dates).

    Raises:
        UnknownCodeError: no shipped rollout has this code (the message lists them).
    """
    if code not in _SHIPPED:
        raise UnknownCodeError("rollout", code, _SHIPPED)
    return _shipped(code)


@cache
def _shipped(code: str) -> Rollout:
    text = resources.files("practicemodel").joinpath("data", _SHIPPED[code]).read_bytes()
    return loads_rollout(text, source=f"practicemodel/data/{_SHIPPED[code]}")


def dumps_rollout(rollout: Rollout) -> str:
    """The rollout as indented JSON text."""
    return json.dumps(dump_rollout(rollout), indent=2, ensure_ascii=False)
