"""Statutory and policy timelines: what is due, when, and whether it was met.

[`schedule`][practicemodel.timelines.schedule] returns every deadline that applies to a case
under a [`PolicyProfile`][practicemodel.policy.PolicyProfile] as of a date, each with the
fact it was computed from, its status, the event that met it, the practice-model
components it serves and its source. Nothing here reads the clock: every
function takes ``as_of``, and events dated after ``as_of`` are ignored, so a schedule "as of"
a past date is what a caseworker would have seen that day. ``as_of`` must lie in the supported
date range and the profile must be in effect on it (see ``practicemodel._arguments``).

How the deadlines are computed:

- **Entered foster care** (42 USC 675(5)(F)): the earlier of the first judicial finding of
  abuse or neglect and 60 days after removal (a policy period). The finding is read one way,
  by [`first_abuse_neglect_finding`][practicemodel.timelines.first_abuse_neglect_finding],
  for every rule.
- **Recurring deadlines come from the events recorded**, never from chained arithmetic: the
  next periodic review is due 6 months after the last one *held* (or after entering care if
  none was), the next plan update 6 months after the last plan, and so on. Each due date is
  computed from its anchor in one step with [`Period.after`][practicemodel.periods.Period.after].
  When none is held, **each period without one is its own missed deadline** (42 USC
  675(5)(B): a review "no less frequently than once every six months", so a year without one
  is two missed reviews), and the next due date keeps moving forward, a whole number of
  periods after the anchor.
- **Monthly deadlines** (caseworker visits, supervisory staffing) are one per calendar month:
  for a child, each month the child was in care for the whole month (42 USC 679b(a)(6) as
  applied in federal reporting [practice]); for a case, each month it was open for the whole
  month. A month not yet over is "due" until it is met.
- **ASFA 15 of 22** (42 USC 675(5)(E); 45 CFR 1356.21(i)) is answered in the present tense,
  on ``as_of``; when the threshold was first reached and whether a petition followed in time
  are kept apart, as history (see [`AsfaResult`][practicemodel.timelines.AsfaResult]).
- **Status** as of ``as_of``: ``met_on_time`` / ``met_late`` when a meeting event dated on or
  before ``as_of`` exists; otherwise ``overdue`` if the due date has passed, ``due`` if it
  falls within the profile's ``due_soon_window``, else ``upcoming``; ``not_applicable`` with
  the reason when the rule does not apply.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from itertools import groupby
from types import MappingProxyType

import attrs

from practicemodel._arguments import (
    case_arg,
    in_effect_arg,
    instance_arg,
    optional_date_arg,
    policy_arg,
    rule_args,
)
from practicemodel._memo import scope
from practicemodel.case import Case, CaseType
from practicemodel.caseplan import ClosureCategory
from practicemodel.components import PracticeComponent
from practicemodel.court import FindingKind, HearingKind, TprExceptionKind
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.monthly import (
    Month,
    care_months,
    in_person_by_month,
    open_months,
    parents_due_visits,
    staffings_by_month,
)
from practicemodel.periods import Period, PeriodUnit, add_months, days_in_month
from practicemodel.placement import PlacementSetting, RemovalEpisode
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.visits import CaseworkerContact

__all__ = [
    "ASFA_NOT_COUNTED",
    "RULE_OF_KIND",
    "AsfaResult",
    "CaseSchedule",
    "ChildSchedule",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "EnteredCare",
    "asfa_15_of_22",
    "entered_foster_care",
    "first_abuse_neglect_finding",
    "schedule",
    "statutory_schedule",
]


class DeadlineKind(StrEnum):
    """The statutory and policy deadlines a schedule computes."""

    INITIAL_CASE_PLAN = "initial_case_plan"
    CASE_PLAN_UPDATE = "case_plan_update"
    PLAN_UPDATE_AFTER_PLACEMENT_CHANGE = "plan_update_after_placement_change"
    STRENGTHS_NEEDS_ASSESSMENT = "strengths_needs_assessment"
    SAFE_CLOSURE_CRITERIA = "safe_closure_criteria"
    PERIODIC_REVIEW = "periodic_review"
    PERMANENCY_HEARING = "permanency_hearing"
    PERMANENCY_HEARING_AFTER_NO_EFFORTS = "permanency_hearing_after_no_efforts"
    EFFORTS_TO_PREVENT_REMOVAL = "efforts_to_prevent_removal"
    EFFORTS_TO_FINALIZE_PERMANENCY = "efforts_to_finalize_permanency"
    TRIAL_HOME_VISIT_LIMIT = "trial_home_visit_limit"
    TPR_PETITION = "tpr_petition"
    CASEWORKER_VISIT_CHILD = "caseworker_visit_child"
    CASEWORKER_VISIT_PARENT = "caseworker_visit_parent"
    SUPERVISORY_STAFFING = "supervisory_staffing"


class DeadlineStatus(StrEnum):
    """Where a deadline stands as of a date."""

    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    DUE = "due"
    """Not met; due within the profile's ``due_soon_window`` (or this month)."""
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    NOT_APPLICABLE = "not_applicable"


# The rule that judges each kind of deadline, written out so that a search for an id finds
# it; a deadline carries that rule's components and source (from the registry,
# practicemodel.rules). The monthly duties are judged over the period under review by the
# visits and staffing rules, from the same answers (practicemodel.monthly).
RULE_OF_KIND: Mapping[DeadlineKind, str] = MappingProxyType({
    DeadlineKind.INITIAL_CASE_PLAN: "deadline.initial_case_plan",
    DeadlineKind.CASE_PLAN_UPDATE: "deadline.case_plan_update",
    DeadlineKind.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE: "deadline.plan_update_after_placement_change",
    DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT: "deadline.strengths_needs_assessment",
    DeadlineKind.SAFE_CLOSURE_CRITERIA: "deadline.safe_closure_criteria",
    DeadlineKind.PERIODIC_REVIEW: "deadline.periodic_review",
    DeadlineKind.PERMANENCY_HEARING: "deadline.permanency_hearing",
    DeadlineKind.PERMANENCY_HEARING_AFTER_NO_EFFORTS:
        "deadline.permanency_hearing_after_no_efforts",
    DeadlineKind.EFFORTS_TO_PREVENT_REMOVAL: "deadline.efforts_to_prevent_removal",
    DeadlineKind.EFFORTS_TO_FINALIZE_PERMANENCY: "deadline.efforts_to_finalize_permanency",
    DeadlineKind.TRIAL_HOME_VISIT_LIMIT: "deadline.trial_home_visit_limit",
    DeadlineKind.TPR_PETITION: "deadline.tpr_petition",
    DeadlineKind.CASEWORKER_VISIT_CHILD: "visits.child_monthly",
    DeadlineKind.CASEWORKER_VISIT_PARENT: "visits.parent_frequency",
    DeadlineKind.SUPERVISORY_STAFFING: "staffing.monthly",
})
"""The rule id that judges each kind of deadline: ``deadline.<kind>`` for the statutory and
plan deadlines; the monthly duties are judged by ``visits.child_monthly``,
``visits.parent_frequency`` and ``staffing.monthly``."""

_KIND_INFO: dict[DeadlineKind, tuple[tuple[PracticeComponent, ...], str]] = {
    kind: (get_rule(rule_id).components, get_rule(rule_id).source)
    for kind, rule_id in RULE_OF_KIND.items()
}


_KIND_CODE = {kind: kind.value for kind in DeadlineKind}  # enum .value is a property lookup
_ALL_KINDS: frozenset[DeadlineKind] = frozenset(DeadlineKind)
"""Every deadline kind: the whole schedule."""


@attrs.frozen(kw_only=True)
class Deadline:
    """One deadline, its status as of a date, and why.

    A result, built only by this module: its fields are not re-validated (a schedule builds
    tens of them per case).
    """

    kind: DeadlineKind = attrs.field()
    """Which deadline."""
    subject_id: str = attrs.field()
    """The child, parent or case it is about."""
    due_on: date | None = attrs.field()
    """The due date (``None`` when not applicable)."""
    anchor_on: date | None = attrs.field()
    """The date it was computed from."""
    anchor: str = attrs.field()
    """The fact it was computed from, in words (e.g. "removal on 2026-02-10 (ep-ava-1)")."""
    status: DeadlineStatus = attrs.field()
    """Status as of the schedule's date."""
    reason: str = attrs.field()
    """Why it has that status, in plain language."""
    met_by: str | None = attrs.field(default=None)
    """Id of the event that met it (plan, hearing, finding, contact, staffing...)."""
    met_on: date | None = attrs.field(default=None)
    """Date of that event."""
    components: tuple[PracticeComponent, ...] = attrs.field()
    """The practice-model components it serves."""
    source: str = attrs.field()
    """The statute, regulation or seed it rests on."""

    @property
    def is_met(self) -> bool:
        """Whether it was met (on time or late)."""
        return self.status in (DeadlineStatus.MET_ON_TIME, DeadlineStatus.MET_LATE)


@attrs.frozen(kw_only=True)
class EnteredCare:
    """The date a child entered foster care for one episode, and which rule gave it."""

    episode_id: str
    """The removal episode."""
    entered_on: date
    """The date entered foster care."""
    fact: str
    """Which of the two dates was earlier, in words."""


ASFA_NOT_COUNTED: frozenset[PlacementSetting] = frozenset({PlacementSetting.TRIAL_HOME_VISIT,
                                                          PlacementSetting.RUNAWAY})
"""Placement settings whose days never count toward ASFA's 15 months: 45 CFR
1356.21(i)(1)(i)(C), the State "must not include trial home visits or runaway episodes in
calculating 15 months in foster care". Federal law, so not a profile setting."""


@attrs.frozen(kw_only=True)
class AsfaResult:
    """ASFA's 15-of-the-most-recent-22-months rule for one child, as of a date.

    42 USC 675(5)(E) asks a present-tense question: is this "a child who has been in foster
    care under the responsibility of the State for 15 of the most recent 22 months"? It is
    counted on the date asked. A result answers it on ``as_of`` and keeps, apart from the
    answer, what happened before:

    - **Present tense, on ``as_of``**: ``in_care``, ``months_in_care``,
      ``petition_required``, ``exception`` and ``projected_on``.
    - **History, up to ``as_of``**: ``threshold_on`` (the first day the count reached the
      threshold), ``exception_at_threshold``, ``petition_id`` and ``petition_filed_on`` (the
      first petition filed), and ``petition_filed_in_time``.

    So a child who reached 15 of 22 months years ago and has since left care is not
    ``petition_required``; that the threshold was reached on ``threshold_on``, and whether a
    petition was filed by then, stays in the history fields (and in the schedule's
    ``tpr_petition`` deadline, which is due on ``threshold_on``).

    A result, built only by this module: its fields are not re-validated.
    """

    child_id: str
    """The child."""
    as_of: date
    """The date the question is asked on."""
    in_care: bool
    """Present tense: whether the child is in foster care on ``as_of``, in a removal episode
    begun on or before it and not yet ended (the day of exit the child has left care). A
    child on a trial home visit or on the run is in care, though those days are not counted."""
    months_in_care: float
    """Present tense: months counted in the ``asfa_window_months`` (22) months ending on
    ``as_of``, rounded to two places."""
    petition_required: bool
    """Present tense: whether a TPR petition is required on ``as_of``: the child is in care,
    the count on ``as_of`` reaches ``asfa_months_in_care`` (15) months, and no exception
    applies, now or when the threshold was first reached (45 CFR 1356.21(i)(1)(i)(D): the
    rule need only be applied once). A petition already filed meets the requirement; it does
    not end it."""
    exception: TprExceptionKind | None
    """Present tense: the exception that applies on ``as_of``, if one does (42 USC
    675(5)(E)(i)-(iii))."""
    threshold_on: date | None
    """History: the first day, on or before ``as_of``, on which the count reached the
    threshold (``None`` if it never has). The petition is due that day (45 CFR
    1356.21(i)(1)(i): "by the end of the child's fifteenth month in foster care")."""
    projected_on: date | None
    """Present tense: for a child in care below the threshold on ``as_of``, the day the
    count would reach it if the child stays in care in a counted setting; ``None``
    otherwise (at or above the threshold, not in care, or on a trial home visit or the run)."""
    exception_at_threshold: TprExceptionKind | None
    """History: the exception that applied on ``threshold_on`` (documented by then, or a
    relative placement that day), if any; then no petition was required when the threshold
    was reached (45 CFR 1356.21(i)(1)(i)(D): the rule need only be applied once)."""
    petition_id: str | None
    """History: the first petition filed for the child on or before ``as_of``, if any."""
    petition_filed_on: date | None
    """History: the date it was filed."""
    petition_filed_in_time: bool | None
    """History: once the threshold has been reached, whether a petition was filed on or
    before ``threshold_on`` (``False``: filed later, or not filed by ``as_of``); ``None``
    before the threshold is reached, or when an exception applies (on ``as_of`` or on
    ``threshold_on``)."""
    reason: str
    """The determination in words."""
    source: str = "42 USC 675(5)(E); 45 CFR 1356.21(i)"
    """Its source."""


@attrs.frozen(kw_only=True)
class ChildSchedule:
    """Every deadline for one child."""

    child_id: str
    """The child."""
    entered_care: tuple[EnteredCare, ...]
    """Date entered foster care per episode (empty for a child never removed)."""
    asfa: AsfaResult | None
    """The 15-of-22 determination (``None`` for a child never removed)."""
    deadlines: tuple[Deadline, ...]
    """The deadlines, in due-date order."""


@attrs.frozen(kw_only=True)
class CaseSchedule:
    """Every deadline for a case as of a date under a policy."""

    case_id: str
    """The case."""
    policy_code: str
    """The profile applied."""
    as_of: date
    """The date statuses are computed as of."""
    children: tuple[ChildSchedule, ...]
    """Per-child schedules, in the case's child order."""
    case_deadlines: tuple[Deadline, ...]
    """Deadlines about the case or its parents (visits with parents, staffing)."""

    def all_deadlines(self) -> tuple[Deadline, ...]:
        """Return every deadline of the case, children's first."""
        return tuple(d for c in self.children for d in c.deadlines) + self.case_deadlines


# -- small helpers ------------------------------------------------------------------------


def _deadline(kind: DeadlineKind, subject: str, due: date | None, anchor_on: date | None,
              anchor: str, status: DeadlineStatus, reason: str, met_by: str | None = None,
              met_on: date | None = None, source_note: str = "") -> Deadline:
    components, source = _KIND_INFO[kind]
    return Deadline(kind=kind, subject_id=subject, due_on=due, anchor_on=anchor_on,
                    anchor=anchor, status=status, reason=reason, met_by=met_by, met_on=met_on,
                    components=components,
                    source=f"{source}; {source_note}" if source_note else source)


def _days(delta: timedelta) -> str:
    return "1 day" if delta.days == 1 else f"{delta.days} days"


def _open_status(due: date, as_of: date, policy: PolicyProfile) -> DeadlineStatus:
    if due < as_of:
        return DeadlineStatus.OVERDUE
    if due <= policy.due_soon_window.after(as_of):
        return DeadlineStatus.DUE
    return DeadlineStatus.UPCOMING


def _resolve(kind: DeadlineKind, subject: str, due: date, anchor_on: date, anchor: str,
             event: tuple[date, str] | None, what: str, as_of: date,
             policy: PolicyProfile, source_note: str = "", missed: str | None = None
             ) -> Deadline:
    """Build a deadline from its due date and the first event that met it (if any);
    ``missed`` is the reason of an open deadline whose period passed with no event."""
    if event is not None:
        on, ident = event
        if on <= due:
            return _deadline(kind, subject, due, anchor_on, anchor, DeadlineStatus.MET_ON_TIME,
                             f"{what} on {on}, on or before {due}", ident, on, source_note)
        return _deadline(kind, subject, due, anchor_on, anchor, DeadlineStatus.MET_LATE,
                         f"{what} on {on}, {_days(on - due)} after {due}", ident, on,
                         source_note)
    status = _open_status(due, as_of, policy)
    if missed is not None:
        text = missed
    elif status is DeadlineStatus.OVERDUE:
        text = f"no {what} by {due}; {_days(as_of - due)} overdue"
    elif status is DeadlineStatus.DUE:
        text = f"no {what} yet; due {due}"
    else:
        text = f"due {due}"
    return _deadline(kind, subject, due, anchor_on, anchor, status, text, source_note=source_note)


def _first_after(events: Sequence[tuple[date, str]], after: date,
                 inclusive: bool = False) -> tuple[date, str] | None:
    for event in events:
        if event[0] > after or (inclusive and event[0] == after):
            return event
    return None


def _nth(period: Period, n: int, anchor: date) -> date:
    """``n`` whole periods after ``anchor``, in one step (no drift at month ends), as
    [`Period.after`][practicemodel.periods.Period.after] computes one period."""
    count = period.count * n
    if period.unit is PeriodUnit.DAYS:
        return anchor + timedelta(days=count)
    if period.unit is PeriodUnit.WEEKS:
        return anchor + timedelta(weeks=count)
    return add_months(anchor, count if period.unit is PeriodUnit.MONTHS else 12 * count)


def _recurring(kind: DeadlineKind, subject: str, first_anchor: date, first_fact: str,
               period: Period, events: Sequence[tuple[date, str]], what: str,
               stop: date | None, as_of: date, policy: PolicyProfile,
               first_events_from: date | None = None) -> Iterator[Deadline]:
    """Yield the deadlines of a recurring requirement, each period anchored on the last event.

    ``events`` are (date, id) pairs on or before ``as_of``, sorted. From an anchor (the
    starting fact, then each event held), the due dates are one, two, three... whole
    ``period``s after it, each computed in one step. The first event after the anchor (for
    the first anchor: on or after ``first_events_from``, default the anchor) meets the
    first due date on time if it falls on or before it; otherwise it meets, late, the last due
    date before it, and every earlier due date is **missed**: a period with no event at all
    (42 USC 675(5)(B): "no less frequently than once every six months", so a year without a
    review is two missed reviews). The next period is then anchored on that event.

    With no further event, every due date before ``as_of`` is overdue and the chain ends with
    the first one on or after ``as_of`` (due or upcoming): the next due date keeps moving
    forward. A due date after ``stop`` (the child left care) is not listed.
    """
    anchor, fact = first_anchor, first_fact
    event = (_first_after(events, first_events_from, inclusive=True)
             if first_events_from is not None else _first_after(events, anchor))
    while True:
        n, due = 1, _nth(period, 1, anchor)
        while True:
            if stop is not None and due > stop:
                return
            following = _nth(period, n + 1, anchor)
            if following <= due:  # a zero period (profiles refuse it): no chain to follow
                yield _resolve(kind, subject, due, anchor, fact, event, what, as_of, policy)
                return
            here = fact if n == 1 else f"{fact}; {n} periods of {period} later, none held"
            if event is not None and event[0] <= following:
                # Met on time, or late by an event held before the next due date.
                yield _resolve(kind, subject, due, anchor, here, event, what, as_of, policy)
                break
            missed = following <= as_of if event is None else True
            yield _resolve(kind, subject, due, anchor, here, None, what, as_of, policy,
                           missed=(f"no {what} by {due}, nor by the next due date "
                                   f"{following}: missed") if missed else None)
            if event is None and due >= as_of:
                return
            n, due = n + 1, following
        anchor, fact = event[0], f"last {what} on {event[0]} ({event[1]})"
        event = _first_after(events, anchor)


def _monthly(kind: DeadlineKind, subject: str, months: Iterable[tuple[int, int]],
             met: dict[tuple[int, int], tuple[date, str]], what: str, as_of: date,
             anchor: str) -> Iterator[Deadline]:
    for year, month in months:
        due = date(year, month, days_in_month(year, month))
        event = met.get((year, month))
        label = f"{year}-{month:02d}"
        if event is not None:
            yield _deadline(kind, subject, due, date(year, month, 1), anchor,
                            DeadlineStatus.MET_ON_TIME, f"{what} on {event[0]} in {label}",
                            event[1], event[0])
        elif due < as_of:
            yield _deadline(kind, subject, due, date(year, month, 1), anchor,
                            DeadlineStatus.OVERDUE, f"no {what} in {label}")
        else:
            yield _deadline(kind, subject, due, date(year, month, 1), anchor,
                            DeadlineStatus.DUE, f"no {what} yet in {label}; due by {due}")


def _first_of_month(by_month: Mapping[Month, tuple[CaseworkerContact, ...]]
                    ) -> dict[Month, tuple[date, str]]:
    """The first contact of each month, as (date, id)."""
    return {key: (found[0].occurred_on, found[0].id) for key, found in by_month.items()}


# -- entered foster care ------------------------------------------------------------------


def _first_finding(case: Case, episode: RemovalEpisode, last_known: date | None) -> date | None:
    """The first finding of abuse or neglect for ``episode``, from either place it is kept."""
    last = episode.exit_on
    if last_known is not None and (last is None or last_known < last):
        last = last_known
    candidates = [f.made_on for f in case.judicial_findings
                  if f.child_id == episode.child_id and f.kind is FindingKind.ABUSE_OR_NEGLECT
                  and f.affirmed]
    if episode.first_abuse_neglect_finding_on is not None:
        candidates.append(episode.first_abuse_neglect_finding_on)
    during = [on for on in candidates
              if episode.removed_on <= on and (last is None or on <= last)]
    return min(during) if during else None


def first_abuse_neglect_finding(case: Case, episode: RemovalEpisode, *,
                                as_of: date | None = None) -> date | None:
    """Return the date of the first judicial finding that the child of ``episode`` was abused
    or neglected, for that episode: one of the two anchors of "entered foster care" (42 USC
    675(5)(F)(i)).

    The one reading every rule uses. The finding can be recorded in two places, the episode's
    ``first_abuse_neglect_finding_on`` and an affirmed
    [`JudicialFinding`][practicemodel.court.JudicialFinding] of kind ``abuse_or_neglect``
    about the child; both are read, the same way:

    - a finding counts for the episode when it was made from the removal to the exit (the day
      of exit included), and, with ``as_of``, on or before ``as_of`` (a later one is not
      known yet);
    - the first such finding, from either place, is the one returned: a record never hides an
      earlier date held in the other place.

    A finding made after the child left care does not define when the child entered care for
    that episode, wherever it is recorded.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range.
    """
    case_arg(case)
    instance_arg(episode, RemovalEpisode, "episode")
    return _first_finding(case, episode, optional_date_arg(as_of))


def entered_foster_care(case: Case, episode: RemovalEpisode, *,
                        policy: PolicyProfile, as_of: date | None = None) -> EnteredCare:
    """Return the date the child entered foster care for ``episode`` (42 USC 675(5)(F)).

    The earlier of the first judicial finding that the child was abused or neglected (as
    [`first_abuse_neglect_finding`][practicemodel.timelines.first_abuse_neglect_finding]
    reads it: the earliest made during the episode, from the episode's
    ``first_abuse_neglect_finding_on`` or an affirmed ``abuse_or_neglect`` finding record) and
    ``policy.entered_care_after_removal`` after removal. With ``as_of``, a finding dated after
    it is not known yet and is ignored.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    case_arg(case)
    instance_arg(episode, RemovalEpisode, "episode")
    profile = policy_arg(policy)
    last_known = optional_date_arg(as_of)
    if last_known is not None:
        in_effect_arg(profile, last_known)
    return _entered(case, episode, profile, last_known)


def _entered(case: Case, episode: RemovalEpisode, policy: PolicyProfile,
             as_of: date | None) -> EnteredCare:
    limit = policy.entered_care_after_removal.after(episode.removed_on)
    finding = _first_finding(case, episode, as_of)
    if finding is not None and finding < limit:
        return EnteredCare(episode_id=episode.id, entered_on=finding,
                           fact=f"first judicial finding of abuse or neglect on {finding}, "
                           f"before removal + {policy.entered_care_after_removal} ({limit})")
    return EnteredCare(episode_id=episode.id, entered_on=limit,
                       fact=f"removal on {episode.removed_on} + "
                       f"{policy.entered_care_after_removal}"
                       + (f", before the finding on {finding}" if finding else
                          ", no finding of abuse or neglect recorded earlier"))


# -- ASFA 15 of 22 ------------------------------------------------------------------------


def _counted_intervals(case: Case, child_id: str, policy: PolicyProfile,
                       as_of: date) -> list[tuple[date, date | None]]:
    """Half-open [start, end) intervals of counted time in care; ``end`` None = still in care.

    The first episode counts from the date entered foster care (45 CFR 1356.21(i)(1)(i)(A));
    a later episode from its removal (the 60-day rule defines entry once). Days on a trial home
    visit or on the run are cut out (45 CFR 1356.21(i)(1)(i)(C)).
    """
    intervals: list[tuple[date, date | None]] = []
    for number, episode in enumerate(case.episodes_for(child_id)):
        if episode.removed_on > as_of:
            continue
        start = (_entered(case, episode, policy, as_of).entered_on
                 if number == 0 else episode.removed_on)
        end = None if episode.exit_on is None or episode.exit_on > as_of else episode.exit_on
        pieces: list[tuple[date, date | None]] = [(start, end)]
        for placement in episode.placements:
            if placement.setting not in ASFA_NOT_COUNTED or placement.start > as_of:
                continue  # counted; or not known yet as of the date
            cut_start = placement.start
            cut_end = (None if placement.end is None or placement.end > as_of
                       else placement.end + timedelta(days=1))
            next_pieces: list[tuple[date, date | None]] = []
            for p_start, p_end in pieces:
                if (p_end is not None and cut_start >= p_end) or (
                        cut_end is not None and cut_end <= p_start):
                    next_pieces.append((p_start, p_end))
                    continue
                if cut_start > p_start:
                    next_pieces.append((p_start, cut_start))
                if cut_end is not None and (p_end is None or cut_end < p_end):
                    next_pieces.append((max(cut_end, p_start), p_end))
            pieces = next_pieces
        intervals.extend(p for p in pieces if p[1] is None or p[1] > p[0])
    return _merge(intervals)


def _merge(intervals: list[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    """Sort and merge intervals so that a day in two overlapping episodes counts once."""
    merged: list[tuple[date, date | None]] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end:
                new_end = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def _days_in(intervals: Sequence[tuple[date, date | None]], lo: date, hi: date) -> int:
    """Days of ``intervals`` inside [lo, hi) (open intervals run on indefinitely)."""
    total = 0
    for start, end in intervals:
        s = max(start, lo)
        e = hi if end is None else min(end, hi)
        if e > s:
            total += (e - s).days
    return total


def asfa_15_of_22(case: Case, child_id: str, *, policy: PolicyProfile,
                  as_of: date) -> AsfaResult:
    """Apply ASFA's 15-of-the-most-recent-22-months rule to one child as of a date.

    Sources: 42 USC 675(5)(E); 45 CFR 1356.21(i)(1)(i) and (i)(2). The statute's question is
    asked on ``as_of`` (present tense): a petition is required when the child is in foster
    care on ``as_of``, the months counted in the 22 months ending on ``as_of`` reach 15, and no
    exception applies. When the threshold was first reached and whether a petition was filed
    by then are history, kept in separate fields (see
    [`AsfaResult`][practicemodel.timelines.AsfaResult]).

    Counting:

    - from the date the child entered foster care (45 CFR 1356.21(i)(1)(i)(A); 42 USC
      675(5)(F)) for the first episode, from removal for a later one;
    - cumulative across episodes inside the window (45 CFR 1356.21(i)(1)(i)(B)); a day counts
      once even if recorded episodes overlap; the exit day is not counted (intervals are
      half-open);
    - days on a trial home visit or on the run never count (45 CFR 1356.21(i)(1)(i)(C);
      [`ASFA_NOT_COUNTED`][practicemodel.timelines.ASFA_NOT_COUNTED]): law, not a setting;
    - only what is known as of ``as_of`` counts: findings, placements and exits dated later are
      ignored;
    - partial months are counted in days and converted at the profile's
      ``asfa_days_per_month`` (a documented choice); the window on a day D is the
      ``asfa_window_months`` calendar months ending on D.

    ``threshold_on`` is the first day, on or before ``as_of``, the count reached
    ``asfa_months_in_care``; ``projected_on`` the day it would be reached, for a child in care
    below it, assuming the child stays in care. Exceptions (42 USC 675(5)(E)(i)-(iii)):
    relative care (only where the profile uses it and a current relative placement or a
    documented exception shows it), a documented compelling reason, or services in the plan
    not provided; the most recent documented on or before ``as_of`` is the one reported.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidArgumentError: ``child_id`` is not a child of the case.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    rule_args(case, policy, as_of)
    if not isinstance(child_id, str):
        raise InvalidInputError(f"'child_id' must be a str (got {child_id!r})")
    if child_id not in case.child_ids:
        raise InvalidArgumentError(f"'child_id' must be one of the case's children "
                                   f"({', '.join(case.child_ids)}) (got {child_id!r})")
    return _asfa(case, child_id, policy, as_of)


def _reaching(count: Callable[[date], int], needed: int, first: date,
              last: date) -> date | None:
    """The first day from ``first`` to ``last`` on which ``count`` reaches ``needed``."""
    day = first
    while day <= last:
        counted = count(day)
        if counted >= needed:
            return day
        # The count grows by at most one day per day (the window's start never moves back),
        # so no day before this one can reach the threshold.
        day += timedelta(days=needed - counted)
    return None


def _asfa(case: Case, child_id: str, policy: PolicyProfile, as_of: date) -> AsfaResult:
    intervals = _counted_intervals(case, child_id, policy, as_of)
    per_month = policy.asfa_days_per_month
    needed = math.ceil(policy.asfa_months_in_care * per_month)
    months_needed, window = policy.asfa_months_in_care, policy.asfa_window_months

    def count(day: date) -> int:  # days counted in the window ending on ``day``
        return _days_in(intervals, add_months(day, -window) + timedelta(days=1),
                        day + timedelta(days=1))

    counted_now = count(as_of)
    months = counted_now / per_month
    in_care = any(e.removed_on <= as_of and (e.exit_on is None or as_of < e.exit_on)
                  for e in case.episodes_for(child_id))
    threshold = (_reaching(count, needed, intervals[0][0] + timedelta(days=needed - 1), as_of)
                 if intervals else None)
    projected: date | None = None
    if in_care and counted_now < needed and intervals and intervals[-1][1] is None:
        horizon = max(as_of, intervals[-1][0]) + timedelta(days=needed)
        projected = _reaching(count, needed, as_of + timedelta(days=1), horizon)
    petitions = sorted((p.filed_on, p.id) for p in case.tpr_petitions
                       if p.child_id == child_id and p.filed_on <= as_of)
    petition_id = petitions[0][1] if petitions else None
    filed_on = petitions[0][0] if petitions else None
    exception, why = _asfa_exception(case, child_id, policy, as_of)
    then, why_then = (_asfa_exception(case, child_id, policy, threshold)
                      if threshold is not None else (None, ""))
    in_time = None if threshold is None or exception is not None or then is not None else (
        filed_on is not None and filed_on <= threshold)
    reached_now = counted_now >= needed
    # 45 CFR 1356.21(i)(1)(i)(D): applied once, so an exception when the threshold was first
    # reached means no petition is required later either.
    required = in_care and reached_now and exception is None and then is None
    count_words = (f"{months:.1f} months in care in the most recent {window} on {as_of}")
    if not in_care:
        history = ("" if threshold is None else
                   f"; {months_needed} of {window} months were reached on {threshold}, and "
                   f"no petition was required then: {why_then}" if then is not None else
                   f"; {months_needed} of {window} months were reached on {threshold}, "
                   + (f"and petition {petition_id} was filed on {filed_on}" if petition_id
                      else "and no petition was filed"))
        reason = (f"not in foster care on {as_of} ({count_words}), so no petition is "
                  f"required{history}")
    elif reached_now and exception is not None:
        reason = f"{count_words}, at or above {months_needed} (first reached on " \
                 f"{threshold}), but {why}"
    elif reached_now and then is not None:
        reason = (f"{count_words}, at or above {months_needed} (first reached on {threshold}), "
                  f"but no petition was required then: {why_then}; the rule need only be "
                  "applied once (45 CFR 1356.21(i)(1)(i)(D))")
    elif reached_now:
        reason = (f"{count_words}, at or above {months_needed} (first reached on {threshold}); "
                  "no exception documented, so a TPR petition is required")
    else:
        when = (f"; projected to reach it on {projected}" if projected else
                "; not projected while the child is on a trial home visit or on the run "
                "(those days do not count)" if not intervals or intervals[-1][1] is not None
                else "")
        before = f"; it was reached before, on {threshold}" if threshold else ""
        reason = f"{count_words}; below {months_needed}{when}{before}"
    return AsfaResult(child_id=child_id, as_of=as_of, in_care=in_care,
                      months_in_care=round(months, 2), petition_required=required,
                      exception=exception, threshold_on=threshold, projected_on=projected,
                      exception_at_threshold=then, petition_id=petition_id,
                      petition_filed_on=filed_on, petition_filed_in_time=in_time, reason=reason)


def _asfa_exception(case: Case, child_id: str, policy: PolicyProfile,
                    as_of: date) -> tuple[TprExceptionKind | None, str]:
    documented = sorted((e.documented_on, e.id, e.kind, e.reason) for e in case.tpr_exceptions
                        if e.child_id == child_id and e.documented_on <= as_of)
    for on, ident, kind, reason in reversed(documented):
        if kind is TprExceptionKind.RELATIVE_CARE and not policy.asfa_relative_care_exception:
            continue
        words = kind.value.replace("_", " ")
        return kind, f"the {words} exception was documented on {on} ({ident})" + (
            f": {reason}" if reason else "")
    if policy.asfa_relative_care_exception:
        for episode in case.episodes_for(child_id):
            if not episode.is_open_on(as_of):
                continue
            placement = episode.placement_on(as_of)
            if placement is not None and placement.setting is \
                    PlacementSetting.FOSTER_FAMILY_RELATIVE:
                return (TprExceptionKind.RELATIVE_CARE,
                        f"the child is cared for by a relative (placement {placement.id}) and "
                        "the state uses the relative-care exception")
    return None, ""


# -- the schedule -------------------------------------------------------------------------


def schedule(case: Case, *, policy: PolicyProfile, as_of: date) -> CaseSchedule:
    """Return every deadline of ``case`` under ``policy`` with its status as of ``as_of``.

    Sources: each deadline's own (42 USC 675, 671(a)(15); 45 CFR 1356.21; seeds 002, 003, 004),
    given on every Deadline.

    Raises:
        InvalidInputError: ``case``, ``policy`` or ``as_of`` is not of the right type.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range
            (``practicemodel.periods.EARLIEST_DATE`` to ``LATEST_DATE``).
        UnknownPolicyError: ``policy`` is not in effect on ``as_of`` (the error
            [`get_policy`][practicemodel.policy.get_policy] raises for such a date).
    """
    rule_args(case, policy, as_of)
    with scope():  # the per-case indexes of practicemodel.monthly, built once
        return statutory_schedule(case, policy, as_of, monthly=True)


def statutory_schedule(case: Case, policy: PolicyProfile, as_of: date, *, monthly: bool,
                       kinds: frozenset[DeadlineKind] | None = None) -> CaseSchedule:
    """The schedule, with (``monthly=True``) or without the monthly visit and staffing
    deadlines; arguments not checked (the ``deadline.*`` rules, which judge every deadline but
    the monthly ones, check them and call it with ``monthly=False``).

    With ``kinds``, only the deadlines of those kinds are computed (each the same, in the same
    order, as in the whole schedule), and a child's ``asfa`` is ``None`` unless
    ``TPR_PETITION`` is among them: a review that reads four kinds computes four."""
    kinds = _ALL_KINDS if kinds is None else kinds
    children = tuple(_child_schedule(case, child_id, policy, as_of, monthly, kinds)
                     for child_id in case.child_ids)
    return CaseSchedule(case_id=case.id, policy_code=policy.code, as_of=as_of,
                        children=children,
                        case_deadlines=tuple(_case_deadlines(case, policy, as_of, monthly,
                                                             kinds)))


def _events(pairs: Iterable[tuple[date, str]], as_of: date) -> list[tuple[date, str]]:
    """Sorted (date, id) pairs dated on or before ``as_of`` (the last day that counts)."""
    return sorted(p for p in pairs if p[0] <= as_of)


def _child_schedule(case: Case, child_id: str, policy: PolicyProfile, as_of: date,
                    monthly: bool, kinds: frozenset[DeadlineKind]) -> ChildSchedule:
    episodes = [e for e in case.episodes_for(child_id) if e.removed_on <= as_of]
    plans = _events(((p.completed_on, p.id) for p in case.plans_for(child_id)), as_of)
    deadlines: list[Deadline] = []
    entered: list[EnteredCare] = []
    if not episodes:
        deadlines.extend(_plan_deadlines(case, child_id, plans, case.opened_on,
                                         f"case opened on {case.opened_on}", None, policy,
                                         as_of, episode=None, kinds=kinds))
    hearings = [h for h in case.hearings_for(child_id) if h.held_on <= as_of]
    findings = [f for f in case.findings_for(child_id) if f.made_on <= as_of]
    for episode in episodes:
        ec = _entered(case, episode, policy, as_of)
        entered.append(ec)
        stop = episode.exit_on if episode.exit_on is not None and episode.exit_on <= as_of \
            else None
        removal_fact = f"removal on {episode.removed_on} ({episode.id})"
        in_episode_plans = [p for p in plans if p[0] >= episode.removed_on
                            and (stop is None or p[0] <= stop)]
        deadlines.extend(_plan_deadlines(case, child_id, in_episode_plans, episode.removed_on,
                                         removal_fact, stop, policy, as_of, episode=episode,
                                         kinds=kinds))
        entered_fact = f"entered foster care on {ec.entered_on}: {ec.fact}"
        last_day = stop if stop is not None else as_of  # events of this episode only
        if DeadlineKind.PERIODIC_REVIEW in kinds:
            reviews = _events(((h.held_on, h.id) for h in hearings
                               if h.kind in (HearingKind.PERIODIC_REVIEW,
                                             HearingKind.PERMANENCY_HEARING)), last_day)
            deadlines.extend(_recurring(
                DeadlineKind.PERIODIC_REVIEW, child_id, ec.entered_on, entered_fact,
                policy.periodic_review_every, reviews, "periodic review", stop, as_of, policy,
                first_events_from=episode.removed_on))
        permanency = _events(((h.held_on, h.id) for h in hearings
                              if h.kind is HearingKind.PERMANENCY_HEARING), last_day)
        if DeadlineKind.PERMANENCY_HEARING in kinds:
            deadlines.extend(_recurring(
                DeadlineKind.PERMANENCY_HEARING, child_id, ec.entered_on, entered_fact,
                policy.permanency_hearing_within, permanency, "permanency hearing", stop,
                as_of, policy, first_events_from=episode.removed_on))
        for finding in findings if DeadlineKind.PERMANENCY_HEARING_AFTER_NO_EFFORTS in kinds \
                else ():
            if finding.kind is FindingKind.REASONABLE_EFFORTS_NOT_REQUIRED and finding.affirmed \
                    and episode.is_open_on(finding.made_on):
                due = policy.permanency_hearing_after_no_efforts.after(finding.made_on)
                deadlines.append(_resolve(
                    DeadlineKind.PERMANENCY_HEARING_AFTER_NO_EFFORTS, child_id, due,
                    finding.made_on, f"finding that reasonable efforts are not required on "
                    f"{finding.made_on} ({finding.id})",
                    _first_after(permanency, finding.made_on, inclusive=True),
                    "permanency hearing", as_of, policy))
        # Only an affirmative finding meets these (45 CFR 1356.21(b): "that such efforts were
        # made"); a negative finding leaves the deadline open.
        if DeadlineKind.EFFORTS_TO_PREVENT_REMOVAL in kinds:
            prevent = _events(((f.made_on, f.id) for f in findings if f.affirmed
                               and f.kind is FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL),
                              last_day)
            deadlines.append(_resolve(
                DeadlineKind.EFFORTS_TO_PREVENT_REMOVAL, child_id,
                policy.efforts_to_prevent_removal_within.after(episode.removed_on),
                episode.removed_on, removal_fact,
                _first_after(prevent, episode.removed_on, inclusive=True),
                "finding on reasonable efforts to prevent removal", as_of, policy))
        if DeadlineKind.EFFORTS_TO_FINALIZE_PERMANENCY in kinds:
            finalize = _events(
                ((f.made_on, f.id) for f in findings if f.affirmed
                 and f.kind is FindingKind.REASONABLE_EFFORTS_TO_FINALIZE_PERMANENCY),
                last_day)
            deadlines.extend(_recurring(
                DeadlineKind.EFFORTS_TO_FINALIZE_PERMANENCY, child_id, ec.entered_on,
                entered_fact, policy.efforts_to_finalize_permanency_every, finalize,
                "finding on reasonable efforts to finalize permanency", stop, as_of, policy,
                first_events_from=episode.removed_on))
        if DeadlineKind.TRIAL_HOME_VISIT_LIMIT in kinds:
            deadlines.extend(_trial_home_visits(child_id, episode, policy, as_of))
    if monthly and episodes and policy.caseworker_visits_with_child_monthly \
            and DeadlineKind.CASEWORKER_VISIT_CHILD in kinds:
        visits = _first_of_month(in_person_by_month(case, child_id, as_of))
        for episode_id, in_episode in groupby(care_months(case, child_id, as_of),
                                              key=lambda m: m.episode_id):
            deadlines.extend(_monthly(
                DeadlineKind.CASEWORKER_VISIT_CHILD, child_id,
                [(m.year, m.month) for m in in_episode], visits,
                "in-person caseworker visit", as_of,
                f"in foster care for the whole month ({episode_id})"))
    asfa = _asfa(case, child_id, policy, as_of) \
        if episodes and DeadlineKind.TPR_PETITION in kinds else None
    if asfa is not None:
        deadlines.append(_tpr_deadline(child_id, asfa, as_of, policy))
    # Due date and kind first; the rest only breaks ties, so that the order never depends on
    # the order the records were given in.
    deadlines.sort(key=lambda d: (d.due_on or date.max, _KIND_CODE[d.kind], d.anchor_on or date.min,
                                  d.anchor, d.met_by or "", d.reason))
    return ChildSchedule(child_id=child_id, entered_care=tuple(entered), asfa=asfa,
                         deadlines=tuple(deadlines))


def _plan_deadlines(case: Case, child_id: str, plans: Sequence[tuple[date, str]],
                    start: date, start_fact: str, stop: date | None, policy: PolicyProfile,
                    as_of: date, *, episode: RemovalEpisode | None,
                    kinds: frozenset[DeadlineKind]) -> Iterator[Deadline]:
    note = "state practice for in-home cases" if episode is None else ""
    due = policy.initial_plan_within.after(start)
    first = plans[0] if plans else None
    if DeadlineKind.INITIAL_CASE_PLAN in kinds:
        yield _resolve(DeadlineKind.INITIAL_CASE_PLAN, child_id, due, start, start_fact, first,
                       "case plan", as_of, policy, source_note=note)
    if first is not None and DeadlineKind.CASE_PLAN_UPDATE in kinds:
        yield from _recurring(DeadlineKind.CASE_PLAN_UPDATE, child_id, first[0],
                              f"plan of {first[0]} ({first[1]})", policy.plan_update_every,
                              plans, "case plan", stop, as_of, policy)
    if DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT not in kinds:
        pass
    elif policy.strengths_needs_every is None:
        yield _deadline(DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT, child_id, None, start,
                        start_fact, DeadlineStatus.NOT_APPLICABLE,
                        f"the {policy.code} profile sets no reassessment period for the family "
                        "strengths and needs assessment")
    else:
        # A family assessment counts for every child of the case, whoever it lists.
        assessments = _events(((a.completed_on, a.id) for a in case.strengths_needs_assessments),
                              as_of)
        # The first is due before the initial plan; then every period after the last one.
        first_sna = _first_after(assessments, start, inclusive=True)
        yield _resolve(DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT, child_id, due, start,
                       f"{start_fact}; due before the initial plan", first_sna,
                       "strengths and needs assessment", as_of, policy)
        if first_sna is not None:
            yield from _recurring(DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT, child_id,
                                  first_sna[0], f"assessment of {first_sna[0]} ({first_sna[1]})",
                                  policy.strengths_needs_every, assessments,
                                  "strengths and needs assessment", stop, as_of, policy)
    update_period = policy.plan_update_after_placement_change
    if DeadlineKind.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE not in kinds:
        return
    if episode is not None and update_period is None:
        yield _deadline(DeadlineKind.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE, child_id, None, start,
                        start_fact, DeadlineStatus.NOT_APPLICABLE,
                        f"the {policy.code} profile sets no period for updating the plan after "
                        "a new placement (practice without a federal timeline; set "
                        "plan_update_after_placement_change to apply it)")
    elif episode is not None and first is not None:
        for placement in episode.placements[1:]:
            # A placement change before the first plan is covered by that plan.
            if first[0] < placement.start <= as_of and update_period is not None:
                due_p = update_period.after(placement.start)
                yield _resolve(DeadlineKind.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE, child_id,
                               due_p, placement.start, f"new placement {placement.id} on "
                               f"{placement.start}",
                               _first_after(plans, placement.start, inclusive=True),
                               "case plan", as_of, policy)


def _trial_home_visits(child_id: str, episode: RemovalEpisode, policy: PolicyProfile,
                       as_of: date) -> Iterator[Deadline]:
    for placement in episode.placements:
        if placement.setting is not PlacementSetting.TRIAL_HOME_VISIT or placement.start > as_of:
            continue
        due = policy.trial_home_visit_limit.after(placement.start)
        fact = f"trial home visit {placement.id} began {placement.start}"
        if placement.court_ordered_extension:
            yield _deadline(DeadlineKind.TRIAL_HOME_VISIT_LIMIT, child_id, None,
                            placement.start, fact, DeadlineStatus.NOT_APPLICABLE,
                            "a court ordered the trial home visit to last longer")
            continue
        ended = placement.end if placement.end is not None and placement.end <= as_of else None
        event = (ended, placement.id) if ended is not None else None
        deadline = _resolve(DeadlineKind.TRIAL_HOME_VISIT_LIMIT, child_id, due,
                            placement.start, fact, event, "trial home visit ended", as_of,
                            policy)
        if deadline.status is DeadlineStatus.OVERDUE:
            deadline = attrs.evolve(deadline, reason=deadline.reason + "; past the limit the "
                                    "child counts as returned home (CWPM 8.3C.5)")
        yield deadline


def _tpr_deadline(child_id: str, asfa: AsfaResult, as_of: date,
                  policy: PolicyProfile) -> Deadline:
    """The TPR petition deadline: due when 15 of 22 months were first reached (history), or
    on the projected day for a child in care who has not reached them yet."""
    kind = DeadlineKind.TPR_PETITION
    months = f"{policy.asfa_months_in_care} of {policy.asfa_window_months} months in care"
    if asfa.threshold_on is not None:
        due, fact = asfa.threshold_on, f"{months} reached on {asfa.threshold_on}"
    elif asfa.projected_on is not None:
        due = asfa.projected_on
        fact = f"{months} projected to be reached on {due} if the child stays in care"
    else:
        return _deadline(kind, child_id, None, None, f"time in care ({months})",
                         DeadlineStatus.NOT_APPLICABLE, asfa.reason)
    if asfa.threshold_on is not None and (asfa.exception is not None
                                          or asfa.exception_at_threshold is not None):
        return _deadline(kind, child_id, due, due, fact, DeadlineStatus.NOT_APPLICABLE,
                         asfa.reason)
    deadline = _resolve(kind, child_id, due, due, fact, _petition_event(asfa),
                        "TPR petition filed", as_of, policy)
    if deadline.status is DeadlineStatus.OVERDUE and not asfa.in_care:
        deadline = attrs.evolve(deadline, reason=deadline.reason + "; the child is not in "
                                f"foster care on {as_of}, so no petition is required now")
    return deadline


def _petition_event(asfa: AsfaResult) -> tuple[date, str] | None:
    if asfa.petition_id is None or asfa.petition_filed_on is None:
        return None
    return asfa.petition_filed_on, asfa.petition_id


def _case_deadlines(case: Case, policy: PolicyProfile, as_of: date, monthly: bool,
                    kinds: frozenset[DeadlineKind]) -> Iterator[Deadline]:
    if monthly and policy.caseworker_visits_with_parents_monthly \
            and DeadlineKind.CASEWORKER_VISIT_PARENT in kinds:
        for parent in parents_due_visits(case):
            if parent.excluded:
                continue  # not applicable: whereabouts unknown after a diligent search
            visits = _first_of_month(in_person_by_month(case, parent.parent_id, as_of))
            yield from _monthly(DeadlineKind.CASEWORKER_VISIT_PARENT, parent.parent_id,
                                open_months(case, parent.last_day, as_of), visits,
                                "in-person caseworker visit", as_of,
                                f"case {case.id} open for the whole month")
    if not monthly or DeadlineKind.SUPERVISORY_STAFFING not in kinds:
        pass
    elif not policy.supervisory_staffing_monthly:
        yield _deadline(DeadlineKind.SUPERVISORY_STAFFING, case.id, None, case.opened_on,
                        f"case opened on {case.opened_on}", DeadlineStatus.NOT_APPLICABLE,
                        f"the {policy.code} profile does not require monthly supervisory "
                        "staffing")
    else:
        staffings = {key: (held[0].held_on, held[0].id)
                     for key, held in staffings_by_month(case, as_of).items()}
        yield from _monthly(DeadlineKind.SUPERVISORY_STAFFING, case.id,
                            open_months(case, None, as_of), staffings,
                            "supervisory staffing", as_of,
                            f"case {case.id} open for the whole month")
    if DeadlineKind.SAFE_CLOSURE_CRITERIA in kinds:
        yield _closure_deadline(case, policy, as_of)


def _closure_deadline(case: Case, policy: PolicyProfile, as_of: date) -> Deadline:
    kind = DeadlineKind.SAFE_CLOSURE_CRITERIA
    removals = [e.removed_on for e in case.removal_episodes if e.removed_on <= as_of]
    start = min(removals) if removals and case.case_type is CaseType.FOSTER_CARE \
        else case.opened_on
    fact = (f"first removal on {start}" if removals and case.case_type is CaseType.FOSTER_CARE
            else f"case opened on {start}")
    if not policy.closure_criteria_in_first_plan:
        return _deadline(kind, case.id, None, start, fact, DeadlineStatus.NOT_APPLICABLE,
                         f"the {policy.code} profile does not require safe case closure "
                         "criteria in the first plan")
    due = policy.initial_plan_within.after(start)
    plans = sorted((p for p in case.plans if p.completed_on <= as_of),
                   key=lambda p: (p.completed_on, p.id))
    needed = set(ClosureCategory)
    for plan in plans:
        missing = needed - {c.category for c in plan.closure_criteria}
        if not missing:
            return _resolve(kind, case.id, due, start, fact, (plan.completed_on, plan.id),
                            "plan with criteria in all six categories", as_of, policy)
    deadline = _resolve(kind, case.id, due, start, fact, None,
                        "plan with criteria in all six categories", as_of, policy)
    if plans:
        lacking = sorted(m.value.replace("_", " ") for m in
                         needed - {c.category for c in plans[0].closure_criteria})
        deadline = attrs.evolve(deadline, reason=deadline.reason + "; the first plan lacks: "
                                + ", ".join(lacking))
    return deadline
