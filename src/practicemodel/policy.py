"""Policy profiles: every number and choice a jurisdiction could set differently.

A [`PolicyProfile`][practicemodel.policy.PolicyProfile] is frozen data, not code: the periods
behind each statutory deadline, the ages at which children are engaged, which permanency
goals exist and which represent permanency, whether concurrent planning is required, how the
residence share of caseworker visits is compared, and how ASFA's 15-of-22-months rule is
counted — each with the citation it rests on, and an effective date range. Rules read the
profile; no such number lives in a rule's code, and a rule refuses a date on which the profile
it is given is not in effect.

Shipped profiles (look them up with [`get_policy`][practicemodel.policy.get_policy]), each a
tuple of dated versions, dated where the source documents date them:

- ``FEDERAL``: federal minimums (42 USC 622, 624, 671, 675, 675a; 45 CFR 1356.21), from
  1997-11-19 (the Adoption and Safe Families Act).
- ``CA``: California, from the CWS/CMS training deck *Family Engagement in Case Planning &
  Case Management* (version 2.3, 2013, seed 003): 60-day initial plan, 6-month updates, a
  strengths and needs assessment every 3–6 months before each plan, concurrent planning
  required for children in care receiving reunification services. The deck gives the year
  only, so the profile takes effect on 2013-01-01.
- ``MS``: Mississippi, two versions.
  [`MS_2010`][practicemodel.policy.MS_2010], from the *Mississippi Child Welfare Practice
  Model* (slide deck dated August 2010, seed 000; its regional roll-out is described by the
  Children's Bureau Express, September 2010, seed 001), in effect 2010-08-01 to 2020-01-31,
  with the *Case Planning in Child Welfare Practice Bulletin* (seed 004): engagement of
  children over 3, safe case closure criteria in the first plan.
  [`MS`][practicemodel.policy.MS], from 2020-02-01, the "PIP Effective Date" of the
  *Mississippi CFSR Round 3 Program Improvement Plan* (seed 002), adds its monthly
  supervisory staffing of every case (Goal 3, Strategy 1).

A state profile starts from ``FEDERAL`` and changes only what the state sets differently.
Derive your own with [`derive`][practicemodel.policy.PolicyProfile.derive] (or
``attrs.evolve``); nothing global is touched:

    >>> from practicemodel.policy import FEDERAL
    >>> stricter = FEDERAL.derive(code="XX", name="Example state",
    ...                           initial_plan_within=Period(30, "days"))
    >>> str(stricter.initial_plan_within), str(FEDERAL.initial_plan_within)
    ('30 days', '60 days')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import attrs
from attrs import validators as v

from practicemodel._checks import a_bool, a_date, identifier, optional_date, to_tuple, tuple_of
from practicemodel.caseplan import PermanencyGoal
from practicemodel.errors import InvalidInputError, InvalidRecordError, UnknownPolicyError
from practicemodel.periods import Period

__all__ = [
    "CA",
    "FEDERAL",
    "MS",
    "MS_2010",
    "PROFILES",
    "Citation",
    "PolicyProfile",
    "ResidenceComparison",
    "effective_range",
    "get_policy",
    "known_policies",
]

def _period(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not Period:
        raise InvalidRecordError(
            f"{attribute.name!r} must be a Period such as Period(60, 'days') (got {value!r})",
            path=attribute.name)


def _recurring_period(instance: Any, attribute: Any, value: Any) -> None:
    """A period between recurring events: at least one unit, so that the events recur."""
    _period(instance, attribute, value)
    if value.count < 1:
        raise InvalidRecordError(
            f"{attribute.name!r} must be at least one {value.unit.value[:-1]}: it is the "
            f"time between recurring events (got {value})", path=attribute.name)


def _opt_recurring_period(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _recurring_period(instance, attribute, value)


def _opt_period(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _period(instance, attribute, value)


def _at_least(minimum: int, maximum: int | None = None) -> Any:
    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not int or value < minimum or (maximum is not None
                                                          and value > maximum):
            most = f" and at most {maximum}" if maximum is not None else ""
            raise InvalidRecordError(
                f"{attribute.name!r} must be a whole number of at least {minimum}{most} "
                f"(got {value!r})", path=attribute.name)
    return validate


def _flag(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not bool:
        raise InvalidRecordError(f"{attribute.name!r} must be True or False (got {value!r})",
                                 path=attribute.name)


class ResidenceComparison(StrEnum):
    """How the share of caseworker visits in the child's residence is compared.

    42 USC 622(b)(17) asks that "the majority" of visits be in the residence; the federal
    performance standard is "not less than 50 percent" (42 USC 624(f)(2)(A)). Whether a state
    reads it as ``at_least`` the share or strictly ``more_than`` it is a policy setting
    (a policy setting; not settled in federal guidance).
    """

    AT_LEAST = "at_least"
    MORE_THAN = "more_than"


@attrs.frozen(kw_only=True)
class Citation:
    """A source a profile rests on: a statute, regulation, or document and its section."""

    source: str = attrs.field(validator=identifier)
    """The statute or document, e.g. "42 USC 675(5)(C)" or "seed 003"."""
    detail: str = attrs.field(validator=v.instance_of(str))
    """What it provides for this profile."""


_ALL_GOALS = frozenset(PermanencyGoal)
_PERMANENCY = frozenset({
    PermanencyGoal.REMAIN_HOME,
    PermanencyGoal.RETURN_HOME,
    PermanencyGoal.ADOPTION_WITH_SIBLINGS,
    PermanencyGoal.ADOPTION,
    PermanencyGoal.MAINTAIN_LEGAL_GUARDIANSHIP,
    PermanencyGoal.LEGAL_GUARDIANSHIP,
    PermanencyGoal.FIT_AND_WILLING_RELATIVE,
})


def _codes(enum_cls: Any, value: Any) -> Any:
    try:
        return frozenset(enum_cls(code) for code in value)
    except (ValueError, TypeError):
        known = ", ".join(m.value for m in enum_cls)
        raise InvalidRecordError(f"unknown {enum_cls.__name__} code in {value!r}; known: "
                                 f"{known}") from None


def _day_table(value: Any) -> tuple[tuple[str, int], ...]:
    """Priority code -> days (each a whole number from 0 to 365), as sorted pairs."""
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidRecordError(f"'response_days' must be a mapping of priority code to days "
                                 f"(got {type(value).__name__})", path="response_days")
    for code, days in value.items():
        if not isinstance(code, str) or not code.strip():
            raise InvalidRecordError(f"'response_days' keys must be priority codes (got "
                                     f"{code!r})", path="response_days")
        if type(days) is not int or not 0 <= days <= 365:
            raise InvalidRecordError(f"'response_days[{code!r}]' must be a whole number of "
                                     f"days from 0 to 365 (got {days!r})",
                                     path="response_days")
    return tuple(sorted(value.items()))


def _goal_set(value: Any) -> frozenset[PermanencyGoal]:
    result: frozenset[PermanencyGoal] = _codes(PermanencyGoal, value)
    return result


@attrs.frozen(kw_only=True)
class PolicyProfile:
    """The rule parameters of one jurisdiction, in effect over a date range.

    Defaults are the federal minimums, each with its source in the field's docstring.
    Invariants: the effective range is ordered; goals that represent permanency are among the
    goals in use; shares are between 0 and 1.
    """

    code: str = attrs.field(validator=identifier)
    """Short code the registry knows the profile by (``"FEDERAL"``, ``"CA"``, ``"MS"``)."""
    name: str = attrs.field(validator=identifier)
    """Human-readable name."""
    effective_from: date = attrs.field(default=date(1997, 11, 19), validator=a_date)
    """First day the profile applies (default: the Adoption and Safe Families Act, 1997)."""
    effective_until: date | None = attrs.field(
        default=None, validator=optional_date
    )
    """Last day it applies (``None``: still in effect)."""
    citations: tuple[Citation, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Citation)
    )
    """The sources the profile rests on."""

    # -- entering care and the case plan ---------------------------------------------------
    entered_care_after_removal: Period = attrs.field(default=Period(60, "days"), validator=_period)
    """A child "entered foster care" on the earlier of the first judicial finding of abuse
    or neglect and this long after removal (42 USC 675(5)(F))."""
    initial_plan_within: Period = attrs.field(default=Period(60, "days"), validator=_period)
    """The initial case plan is due this long after removal (45 CFR 1356.21(g)(2); a state
    may set fewer days)."""
    plan_update_every: Period = attrs.field(default=Period(6, "months"),
                                             validator=_recurring_period)
    """The plan is updated at least this often, counted from the last plan (seed 003 slide 13;
    CWPM 8.3C.1 [practice])."""
    plan_update_after_placement_change: Period | None = attrs.field(
        default=None, validator=_opt_period
    )
    """If set, a new placement requires a plan update within this period ([practice]; not a
    federal timeline, so ``None`` federally)."""
    strengths_needs_every: Period | None = attrs.field(default=None,
                                                       validator=_opt_recurring_period)
    """If set, a family strengths and needs assessment is due this long after the last one,
    and one is due before the initial plan (seed 003 slide 14: "approximately every 3 to 6
    months (prior to each case plan)"; no federal timeline)."""
    closure_criteria_in_first_plan: bool = attrs.field(default=False, validator=a_bool)
    """Whether safe case closure criteria (all six categories) must be in the first plan
    (seed 004, "Planning is third"; not a federal requirement)."""

    # -- court and reviews -----------------------------------------------------------------
    periodic_review_every: Period = attrs.field(default=Period(6, "months"),
                                                 validator=_recurring_period)
    """A court or administrative review at least this often, from entering care
    (42 USC 675(5)(B))."""
    permanency_hearing_within: Period = attrs.field(
        default=Period(12, "months"), validator=_recurring_period
    )
    """The first permanency hearing is due this long after entering care, and each later one
    this long after the last (42 USC 675(5)(C))."""
    permanency_hearing_after_no_efforts: Period = attrs.field(
        default=Period(30, "days"), validator=_period
    )
    """After a finding that reasonable efforts to reunify are not required, a permanency
    hearing is due within this period (42 USC 671(a)(15)(E)(i))."""
    efforts_to_prevent_removal_within: Period = attrs.field(
        default=Period(60, "days"), validator=_period
    )
    """The judicial finding of reasonable efforts to prevent removal is due within this long
    of removal (45 CFR 1356.21(b)(1))."""
    efforts_to_finalize_permanency_every: Period = attrs.field(
        default=Period(12, "months"), validator=_recurring_period
    )
    """The finding of reasonable efforts to finalize the permanency plan is due this long
    after entering care, then this long after the last (45 CFR 1356.21(b)(2))."""
    trial_home_visit_limit: Period = attrs.field(default=Period(6, "months"), validator=_period)
    """A trial home visit lasts at most this long unless a court orders longer; past it the
    child counts as returned home (45 CFR 1356.21(e), per CWPM 8.3C.5 [practice])."""

    # -- visits and staffing ---------------------------------------------------------------
    caseworker_visits_with_child_monthly: bool = attrs.field(
        default=True, validator=a_bool
    )
    """A child in foster care is visited in person at least once in every calendar month the
    child is in care for the whole month (42 USC 622(b)(17), 624(f); 679b(a)(6) [practice for
    the month rule])."""
    residence_visit_share: float = attrs.field(default=0.5)
    """Share of visits that must be in the child's residence (42 USC 624(f)(2)(A))."""
    residence_comparison: ResidenceComparison = attrs.field(
        default=ResidenceComparison.AT_LEAST, validator=v.instance_of(ResidenceComparison)
    )
    """How the residence share is compared ([open]: "at least" by default)."""
    monthly_visit_target: float = attrs.field(default=0.95)
    """Target share of visits made of those expected (42 USC 624(f)(2)(A): 95 percent)."""
    caseworker_visits_with_parents_monthly: bool = attrs.field(
        default=True, validator=a_bool
    )
    """Parents are visited at least monthly unless justified (CFSR item 15 guidance
    [practice])."""
    supervisory_staffing_monthly: bool = attrs.field(default=False, validator=a_bool)
    """Whether a supervisor staffs every case at least monthly (seed 002; no federal rule)."""
    due_soon_window: Period = attrs.field(default=Period(30, "days"), validator=_period)
    """An open deadline within this period of ``as_of`` is "due"; a later one is
    "upcoming" (a display choice, not law)."""

    # -- engagement ------------------------------------------------------------------------
    child_engagement_min_age: int = attrs.field(default=14, validator=_at_least(0))
    """Children this old or older must be engaged in case planning. Federal law requires
    consulting the child from 14 (42 USC 675(1)(B), 675(5)(C)(iii)); below that involvement
    is "if developmentally appropriate" [practice]. Seed 004: children over 3 (so 4)."""
    appla_min_age: int = attrs.field(default=16, validator=_at_least(0))
    """APPLA may be a child's goal only from this age, with a documented compelling reason
    (42 USC 675(5)(C)(i), 675a(a))."""

    independent_living_min_age: int = attrs.field(default=14, validator=_at_least(0, 21))
    """A plan for a youth in foster care this old or older must hold independent living
    services: federal law asks for the programs and services that help a child "age 14 and
    over" prepare for the transition to adulthood (42 USC 675(1)(D), as amended in 2014; it
    was 16 before, so a profile for an earlier date sets 16). Seed 003 lists independent
    living plan services among the plan's components without an age."""
    private_time_min_age: int = attrs.field(default=4, validator=_at_least(0, 21))
    """A caseworker visit should include time alone with a child this old or older. CFSR
    item 14 asks for private time as appropriate to the child's age; below 4 a child is
    usually not yet able to talk about safety alone with a caseworker (a documented
    judgement [practice])."""
    review_period_months: int = attrs.field(default=12, validator=_at_least(1, 120))
    """The period under review of the engagement and visit rules: the calendar months ending
    on ``as_of`` (``as_of`` minus this many months, plus one day). The CFSR onsite review
    instrument looks at the 12 months before the review for items 13–15 [practice]; a state
    review may set another length."""
    outcome_conformity_threshold: float = attrs.field(default=0.95)
    """A state is in substantial conformity with a CFSR outcome when at least this share of
    the applicable reviewed cases substantially achieve it (CFSR Rounds 2 and 3: 95%; Round 1
    used 90%). Read by
    [`outcomes.outcome_conformity`][practicemodel.outcomes.outcome_conformity]."""
    short_due_days: int = attrs.field(default=14, validator=_at_least(0, 365))
    """An objective due fewer than this many days after its plan's date needs review as
    achievable (seed 003 slide 37: objectives are realistic for the family; the number is
    [open]: this library's default, a policy setting)."""

    objective_load_limit: int = attrs.field(default=4, validator=_at_least(1))
    """The most open objectives one person should carry at once; more is not "limited and
    achievable" (seed 004 tip 4: "Set limited and achievable goals"; seed 003 slide 37).
    The number is [open]: this library's default, a policy setting."""

    # -- permanency ------------------------------------------------------------------------
    permanency_goals: frozenset[PermanencyGoal] = attrs.field(
        default=_ALL_GOALS, converter=_goal_set
    )
    """The goals in use in the jurisdiction."""
    goals_representing_permanency: frozenset[PermanencyGoal] = attrs.field(
        default=_PERMANENCY, converter=_goal_set
    )
    """Goals that represent permanency. Seed 003 slide 9: long-term foster care (with a
    relative or not) and stable foster care with emancipation do not; CFSR indicators do not
    count APPLA [practice]."""
    concurrent_planning_required: bool = attrs.field(default=False, validator=a_bool)
    """Whether a concurrent plan is required for a child in care receiving reunification
    services (federally permitted, not required: 42 USC 671(a)(15)(F); required in California,
    seed 003 slide 51)."""
    reunification_within_months: int = attrs.field(default=12, validator=_at_least(1, 1200))
    """A child whose permanency goal is reunification (``return_home``) should be home within
    this many months of entering foster care (the latest removal), or be on a trial home visit
    begun by then (CFSR Round 3 onsite review instrument, item 6; CFSR FAQ, permanency outcome
    1 [practice]). Read by ``permanency.achieved_timely``; at most 1200."""
    guardianship_within_months: int = attrs.field(default=18, validator=_at_least(1, 1200))
    """A child whose permanency goal is legal guardianship should leave care to a guardian
    within this many months of entering foster care (CFSR Round 3 onsite review instrument,
    item 6; CFSR FAQ, permanency outcome 1 [practice]). This library applies it to placement
    with a fit and willing relative as well, which the instrument gives no time frame of its
    own. Read by ``permanency.achieved_timely``; at most 1200."""
    adoption_within_months: int = attrs.field(default=24, validator=_at_least(1, 1200))
    """A child whose permanency goal is adoption should be adopted within this many months of
    entering foster care (CFSR Round 3 onsite review instrument, item 6; CFSR FAQ, permanency
    outcome 1 [practice]). Read by ``permanency.achieved_timely``; at most 1200."""

    # -- CFSR items: safety (items 1-3) ------------------------------------------------------
    response_days: tuple[tuple[str, int], ...] = attrs.field(
        default=(("1", 1), ("2", 3), ("3", 5)), converter=_day_table)
    """Days after a report is received within which the response must be initiated and the
    subject children seen face to face, by the report's response priority code (CFSR item 1
    A and B: "the time frames established by the state"). A report whose priority is not in
    the table needs review. The default, ``{"1": 1, "2": 3, "3": 5}`` (24 hours, 72 hours,
    5 days), is a common state scheme and this library's choice [practice], not federal law:
    a state profile sets its own. Give it as a mapping (``{"1": 1, "2": 3}``); it is kept as
    sorted ``(code, days)`` pairs so the profile stays hashable. Look one up with
    [`days_to_respond`][practicemodel.policy.PolicyProfile.days_to_respond]."""
    initial_assessment_days: int = attrs.field(default=30, validator=_at_least(0, 365))
    """Days after a case is opened (or a child removed) within which every child in the home
    must have a safety assessment (CFSR item 3 A asks for an initial assessment; the number
    is this library's choice [practice], a policy setting)."""
    reassessment_months: int = attrs.field(default=6, validator=_at_least(1, 120))
    """Safety and risk are reassessed at least this often while a case is open, and within
    this many months before closure (CFSR item 3 B: ongoing assessments, including before
    closure; the interval is this library's choice [practice])."""
    recurrence_months: int = attrs.field(default=6, validator=_at_least(1, 120))
    """A similar substantiated report within this many months of an earlier one is a
    recurrence (CFSR item 3 D1: "within 6 months")."""

    # -- CFSR items: permanency 2 (items 7-11) -----------------------------------------------
    relative_notice_days: int = attrs.field(default=30, validator=_at_least(0, 365))
    """Within this many days of a child's removal, adult relatives are identified and notified
    (42 USC 671(a)(29): "within 30 days after the removal"). CFSR item 10 B and C."""
    tribe_notice_days: int = attrs.field(default=10, validator=_at_least(0, 365))
    """The Tribe of an Indian child is notified at least this many days before a foster care
    or termination proceeding (25 USC 1912(a): no proceeding until at least 10 days after the
    Tribe received notice). CFSR item 9 C."""

    # -- CFSR items: well-being (items 12-18) -----------------------------------------------
    youth_team_age: int = attrs.field(default=14, validator=_at_least(0, 21))
    """From this age a youth in care chooses up to two members of the case planning team
    (42 USC 675(1)(B), since 2014). CFSR item 13 [practice]."""
    education_min_age: int = attrs.field(default=3, validator=_at_least(0, 21))
    """Children younger than this are not rated on educational needs unless a need is
    recorded (CFSR FAQ, well-being outcome 2: item 16 is not applicable to a child aged 2 or
    younger with no apparent delay)."""
    physical_exam_months: int = attrs.field(default=12, validator=_at_least(1, 120))
    """A child in care has a physical health exam at least this often (42 USC 622(b)(15):
    the state's health care oversight plan sets a schedule of initial and follow-up
    screenings; 12 months is this library's default [practice])."""
    dental_exam_months: int = attrs.field(default=6, validator=_at_least(1, 120))
    """A child in care aged 1 or older has a dental exam at least this often (CFSR FAQ,
    well-being outcome 3: dental exams about every 6 months, the first by age 1)."""
    health_screening_days: int = attrs.field(default=30, validator=_at_least(0, 365))
    """A child entering care has a physical health exam and a mental health screening
    within this many days (an initial screening is part of the health care oversight plan,
    42 USC 622(b)(15)(A)(i); the number is this library's default [practice])."""
    need_service_days: int = attrs.field(default=60, validator=_at_least(0, 365))
    """A child's education or health need identified in the period has a service started
    within this many days, or is met (CFSR items 16-18 ask whether services matched the
    needs; the number is this library's choice [practice])."""
    mental_health_screening_age: int = attrs.field(default=3, validator=_at_least(0, 21))
    """A child entering care at this age or older has a mental and behavioral health
    screening within ``health_screening_days`` (CFSR item 18 asks whether the child's mental
    and behavioral health needs were assessed; the age, the age from which standard
    behavioral screening tools are commonly used, is this library's choice [practice]).
    Read by ``mental_health.needs_assessed``."""

    # -- ASFA 15 of 22 ---------------------------------------------------------------------
    asfa_months_in_care: int = attrs.field(default=15, validator=_at_least(1))
    """Months in care that require a TPR petition (42 USC 675(5)(E)).

    Which days count is not a setting: trial home visits and runaway episodes never count
    (45 CFR 1356.21(i)(1)(i)(C): the State "must not include trial home visits or runaway
    episodes in calculating 15 months in foster care"); see
    [`asfa_15_of_22`][practicemodel.timelines.asfa_15_of_22]."""
    asfa_window_months: int = attrs.field(default=22, validator=_at_least(1, 1200))
    """Most recent months the count looks back over (42 USC 675(5)(E)); at most 1200."""
    asfa_days_per_month: float = attrs.field(default=365.25 / 12)
    """Partial-month counting: time in care is counted in days and converted to months at this
    many days a month (an average calendar month; from 28 to 31). A documented choice, not
    law."""
    asfa_relative_care_exception: bool = attrs.field(default=True, validator=a_bool)
    """Whether the state uses the relative-care exception (42 USC 675(5)(E)(i): "at the
    option of the State")."""

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        if self.effective_until is not None and self.effective_until < self.effective_from:
            problems.append(f"'effective_until' must be on or after 'effective_from' (got "
                            f"{self.effective_until} < {self.effective_from})")
        stray = self.goals_representing_permanency - self.permanency_goals
        if stray:
            problems.append("'goals_representing_permanency' must be among 'permanency_goals' "
                            f"(got {sorted(g.value for g in stray)})")
        for name in ("residence_visit_share", "monthly_visit_target",
                     "outcome_conformity_threshold"):
            share = getattr(self, name)
            if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
                problems.append(f"{name!r} must be a number from 0 to 1 (got {share!r})")
        days = self.asfa_days_per_month
        if isinstance(days, bool) or not isinstance(days, int | float) or not 28 <= days <= 31:
            problems.append(f"'asfa_days_per_month' must be a number of days from 28 to 31 "
                            f"(got {days!r})")
        if self.asfa_window_months < self.asfa_months_in_care:
            problems.append(f"'asfa_window_months' must be at least 'asfa_months_in_care' (got "
                            f"{self.asfa_window_months} < {self.asfa_months_in_care})")
        if problems:
            raise InvalidRecordError("; ".join(problems))

    def days_to_respond(self, priority: str) -> int | None:
        """Days to respond to a report of this priority code (``response_days``), or
        ``None`` when the profile sets no time frame for it.

        >>> FEDERAL.days_to_respond("2"), FEDERAL.days_to_respond("urgent")
        (3, None)
        """
        for code, days in self.response_days:
            if code == priority:
                return days
        return None

    def derive(self, **changes: Any) -> PolicyProfile:
        """Return a new profile with ``changes`` applied (``attrs.evolve``); self is unchanged."""
        return attrs.evolve(self, **changes)

    def in_effect_on(self, when: date) -> bool:
        """Tell whether the profile applies on ``when``."""
        return self.effective_from <= when and (
            self.effective_until is None or when <= self.effective_until
        )

    def represents_permanency(self, goal: PermanencyGoal) -> bool:
        """Tell whether ``goal`` represents permanency under this profile."""
        return goal in self.goals_representing_permanency


FEDERAL = PolicyProfile(
    code="FEDERAL",
    name="Federal minimums (United States)",
    citations=(
        Citation(source="42 USC 675(5)(F)", detail="date a child entered foster care"),
        Citation(source="45 CFR 1356.21(g)", detail="case plan within 60 days of removal"),
        Citation(source="42 USC 675(5)(B)", detail="periodic review every 6 months"),
        Citation(source="42 USC 675(5)(C)", detail="permanency hearing within 12 months"),
        Citation(source="42 USC 671(a)(15)(E)(i)",
                 detail="permanency hearing within 30 days of efforts-not-required finding"),
        Citation(source="45 CFR 1356.21(b)", detail="reasonable-efforts findings"),
        Citation(source="42 USC 675(5)(E)", detail="TPR petition at 15 of 22 months"),
        Citation(source="45 CFR 1356.21(e)", detail="trial home visit limit (CWPM 8.3C.5)"),
        Citation(source="42 USC 622(b)(17), 624(f)",
                 detail="monthly caseworker visits, most in the residence"),
        Citation(source="42 USC 675(1)(B)", detail="consulting the child from 14"),
        Citation(source="42 USC 675a(a)", detail="APPLA only from 16"),
    ),
)
"""Federal minimums, in effect from 1997-11-19 (the Adoption and Safe Families Act, Pub. L.
105-89, the default ``effective_from``)."""

CA = FEDERAL.derive(
    code="CA",
    name="California (CWS/CMS case planning, 2013 training)",
    effective_from=date(2013, 1, 1),
    citations=(
        *FEDERAL.citations,
        Citation(source="seed 003",
                 detail="Family Engagement in Case Planning & Case Management, version 2.3, "
                 "2013: the profile takes effect 2013-01-01"),
        Citation(source="seed 003 slide 13", detail="initial plan 60 days; update every 6 months"),
        Citation(source="seed 003 slide 14",
                 detail="strengths and needs assessment every 3 to 6 months, before each plan"),
        Citation(source="seed 003 slide 51",
                 detail="concurrent planning for children receiving reunification services"),
        Citation(source="seed 003 slides 8-9", detail="nine case plan goals; last three are "
                 "not permanency"),
    ),
    strengths_needs_every=Period(6, "months"),
    concurrent_planning_required=True,
    permanency_goals=frozenset(PermanencyGoal) - {PermanencyGoal.FIT_AND_WILLING_RELATIVE,
                                                   PermanencyGoal.APPLA},
    goals_representing_permanency=_PERMANENCY - {PermanencyGoal.FIT_AND_WILLING_RELATIVE},
)
"""California, from seed 003 (*Family Engagement in Case Planning & Case Management*,
version 2.3, 2013). The deck is dated by year only, so the profile takes effect on 2013-01-01;
what California required before the deck is not in the sources."""

_MS_PRACTICE_MODEL = (
    Citation(source="seed 000",
             detail="Mississippi Child Welfare Practice Model, slide deck, August 2010: the "
             "six components; the profile's first version takes effect 2010-08-01"),
    Citation(source="seed 001",
             detail="Children's Bureau Express, September 2010: the model's region-by-region "
             "roll-out"),
    Citation(source="seed 004, Engagement first",
             detail="mothers, fathers, children over age 3 and foster parents engaged"),
    Citation(source="seed 004, Planning is third",
             detail="safe case closure criteria identified in the first plan"),
)

MS_2010 = FEDERAL.derive(
    code="MS",
    name="Mississippi (practice model 2010)",
    effective_from=date(2010, 8, 1),
    effective_until=date(2020, 1, 31),
    citations=(*FEDERAL.citations, *_MS_PRACTICE_MODEL),
    child_engagement_min_age=4,
    closure_criteria_in_first_plan=True,
)
"""Mississippi from its practice model (seeds 000 and 001, August 2010) to the day before
the Program Improvement Plan took effect: the federal periods, children engaged from 4 and
safe case closure criteria in the first plan (seed 004). No monthly supervisory staffing: that
expectation comes from the improvement plan (seed 002). The slide deck is dated August 2010
without a day, so the version takes effect on the first of that month."""

MS = MS_2010.derive(
    name="Mississippi (practice model 2010; CFSR Round 3 PIP 2020)",
    effective_from=date(2020, 2, 1),
    effective_until=None,
    citations=(
        *MS_2010.citations,
        Citation(source="seed 002, PIP Effective Date",
                 detail="Mississippi CFSR Round 3 Program Improvement Plan, effective "
                 "February 1, 2020"),
        Citation(source="seed 002, Goal 3 Strategy 1",
                 detail="every case staffed by a supervisor at least monthly"),
    ),
    supervisory_staffing_monthly=True,
)
"""Mississippi from 2020-02-01, the "PIP Effective Date" of its CFSR Round 3 Program
Improvement Plan (seed 002): the 2010 version plus a supervisory staffing of every case at
least monthly (Goal 3, Strategy 1). The current version."""

PROFILES: Mapping[str, tuple[PolicyProfile, ...]] = MappingProxyType({
    "FEDERAL": (FEDERAL,),
    "CA": (CA,),
    "MS": (MS_2010, MS),
})
"""The shipped profiles by code, each a tuple of dated versions, oldest first (read-only)."""


def effective_range(profile: PolicyProfile) -> str:
    """Return the dates ``profile`` is in effect, in words.

    >>> effective_range(MS_2010), effective_range(MS)
    ('2010-08-01 to 2020-01-31', '2020-02-01 to now')
    """
    return f"{profile.effective_from} to {profile.effective_until or 'now'}"


def known_policies() -> tuple[str, ...]:
    """Return the codes of the shipped profiles."""
    return tuple(sorted(PROFILES))


def get_policy(code: str, on: date | None = None) -> PolicyProfile:
    """Return the shipped profile ``code`` (case-insensitive), in effect ``on`` a date if given.

    Without ``on``, the current (latest) version. With it, the version in effect that day:

    >>> get_policy("MS", date(2015, 6, 1)).supervisory_staffing_monthly
    False
    >>> get_policy("MS", date(2020, 2, 1)).supervisory_staffing_monthly
    True

    Raises:
        UnknownPolicyError: unknown code (the message lists the known ones), or no version of
            the profile is in effect on the date (the message names the date and lists the
            versions' effective ranges, the first version's start among them).
        InvalidInputError: ``on`` is neither a ``datetime.date`` nor ``None``.
    """
    versions = PROFILES.get(code.upper()) if isinstance(code, str) else None
    if versions is None:
        raise UnknownPolicyError("policy profile", code, PROFILES)
    if on is None:
        return versions[-1]
    if type(on) is not date:
        raise InvalidInputError(f"'on' must be a datetime.date or None (got {on!r})")
    for profile in versions:
        if profile.in_effect_on(on):
            return profile
    raise UnknownPolicyError(f"version of policy profile {code!r} in effect on",
                             on.isoformat(), [effective_range(p) for p in versions])
