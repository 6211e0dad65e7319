"""Statutory and policy timelines: what is due, when, and whether it was met.

[`schedule`][practicemodel.timelines.schedule] returns every deadline that applies to a case
under a [`PolicyProfile`][practicemodel.policy.PolicyProfile] as of a date, each with the
fact it was computed from, its status, the event that met it, the practice-model
components it serves and its source. Nothing here reads the clock: every
function takes ``as_of``, and events dated after ``as_of`` are ignored, so a schedule "as of"
a past date is what a caseworker would have seen that day.

How the deadlines are computed:

- **Entered foster care** (42 USC 675(5)(F)): the earlier of the first judicial finding of
  abuse or neglect and 60 days after removal (a policy period).
- **Recurring deadlines come from the events recorded**, never from chained arithmetic: the
  next periodic review is due 6 months after the last one *held* (or after entering care if
  none was), the next plan update 6 months after the last plan, and so on. Each deadline is
  computed from its anchor in one step with [`Period.after`][practicemodel.periods.Period.after].
- **Monthly deadlines** (caseworker visits, supervisory staffing) are one per calendar month:
  for a child, each month the child was in care for the whole month (42 USC 679b(a)(6) as
  applied in federal reporting [practice]); for a case, each month it was open for the whole
  month. A month not yet over is "due" until it is met.
- **Status** as of ``as_of``: ``met_on_time`` / ``met_late`` when a meeting event dated on or
  before ``as_of`` exists; otherwise ``overdue`` if the due date has passed, ``due`` if it
  falls within the profile's ``due_soon_window``, else ``upcoming``; ``not_applicable`` with
  the reason when the rule does not apply.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from enum import StrEnum

import attrs

from practicemodel._arguments import rule_args
from practicemodel.case import Case, CaseType
from practicemodel.caseplan import ClosureCategory
from practicemodel.components import PracticeComponent
from practicemodel.court import FindingKind, HearingKind, TprExceptionKind
from practicemodel.findings import Fact, Finding, Outcome
from practicemodel.people import RelationshipKind
from practicemodel.periods import Period, add_months, month_end, whole_months
from practicemodel.placement import PlacementSetting, RemovalEpisode
from practicemodel.policy import PolicyProfile

__all__ = [
    "AsfaResult",
    "CaseSchedule",
    "ChildSchedule",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "EnteredCare",
    "asfa_15_of_22",
    "deadline_findings",
    "entered_foster_care",
    "schedule",
]

C = PracticeComponent


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


_KIND_INFO: dict[DeadlineKind, tuple[tuple[PracticeComponent, ...], str]] = {
    DeadlineKind.INITIAL_CASE_PLAN: ((C.CASE_PLANNING,),
                                     "45 CFR 1356.21(g)(2); seed 003 slide 13"),
    DeadlineKind.CASE_PLAN_UPDATE: ((C.CASE_PLANNING,),
                                    "seed 003 slide 13; CWPM 8.3C.1 [practice]"),
    DeadlineKind.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE: ((C.CASE_PLANNING,),
                                                      "CWPM 8.3C.1 [practice]"),
    DeadlineKind.STRENGTHS_NEEDS_ASSESSMENT: ((C.STRENGTHS_AND_NEEDS, C.CASE_PLANNING),
                                              "seed 003 slide 14"),
    DeadlineKind.SAFE_CLOSURE_CRITERIA: ((C.SAFETY_AND_RISK, C.CASE_PLANNING),
                                         "seed 004, Planning is third"),
    DeadlineKind.PERIODIC_REVIEW: ((C.CASE_PLANNING,), "42 USC 675(5)(B)"),
    DeadlineKind.PERMANENCY_HEARING: ((C.CASE_PLANNING,), "42 USC 675(5)(C)"),
    DeadlineKind.PERMANENCY_HEARING_AFTER_NO_EFFORTS: ((C.CASE_PLANNING,),
                                                       "42 USC 671(a)(15)(E)(i)"),
    DeadlineKind.EFFORTS_TO_PREVENT_REMOVAL: ((C.SAFETY_AND_RISK, C.MOBILIZING_SERVICES),
                                              "45 CFR 1356.21(b)(1)"),
    DeadlineKind.EFFORTS_TO_FINALIZE_PERMANENCY: ((C.CASE_PLANNING,), "45 CFR 1356.21(b)(2)"),
    DeadlineKind.TRIAL_HOME_VISIT_LIMIT: ((C.SAFETY_AND_RISK, C.CASE_PLANNING),
                                          "45 CFR 1356.21(e); CWPM 8.3C.5 [practice]"),
    DeadlineKind.TPR_PETITION: ((C.CASE_PLANNING,), "42 USC 675(5)(E)"),
    DeadlineKind.CASEWORKER_VISIT_CHILD: ((C.SAFETY_AND_RISK, C.INVOLVING_FAMILIES),
                                          "42 USC 622(b)(17), 624(f); 679b(a)(6) [practice]"),
    DeadlineKind.CASEWORKER_VISIT_PARENT: ((C.INVOLVING_FAMILIES, C.PRESERVING_CONNECTIONS),
                                           "CFSR item 15 guidance [practice]"),
    DeadlineKind.SUPERVISORY_STAFFING: ((C.CASE_PLANNING, C.MOBILIZING_SERVICES),
                                        "seed 002, Goal 3 Strategy 1"),
}


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


@attrs.frozen(kw_only=True)
class AsfaResult:
    """ASFA's 15-of-the-most-recent-22-months rule for one child (42 USC 675(5)(E))."""

    child_id: str
    """The child."""
    months_in_care: float
    """Months in care within the most recent window ending on ``as_of``."""
    threshold_on: date | None
    """The day the count reaches the threshold: past, or projected if the child stays in care
    (``None`` if it will not be reached)."""
    petition_required: bool
    """Whether a TPR petition is required as of the date (threshold reached, no exception)."""
    exception: TprExceptionKind | None
    """The exception that applies, if one does."""
    petition_id: str | None
    """The first petition filed for the child on or before ``as_of``, if any."""
    petition_filed_on: date | None
    """The date it was filed."""
    reason: str
    """The determination in words."""
    source: str = "42 USC 675(5)(E)"
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
             policy: PolicyProfile, source_note: str = "") -> Deadline:
    """Build a deadline from its due date and the first event that met it (if any)."""
    if event is not None:
        on, ident = event
        if on <= due:
            return _deadline(kind, subject, due, anchor_on, anchor, DeadlineStatus.MET_ON_TIME,
                             f"{what} on {on}, on or before {due}", ident, on, source_note)
        return _deadline(kind, subject, due, anchor_on, anchor, DeadlineStatus.MET_LATE,
                         f"{what} on {on}, {_days(on - due)} after {due}", ident, on,
                         source_note)
    status = _open_status(due, as_of, policy)
    text = {DeadlineStatus.OVERDUE: f"no {what} by {due}; {_days(as_of - due)} overdue",
            DeadlineStatus.DUE: f"no {what} yet; due {due}",
            DeadlineStatus.UPCOMING: f"due {due}"}[status]
    return _deadline(kind, subject, due, anchor_on, anchor, status, text, source_note=source_note)


def _first_after(events: Sequence[tuple[date, str]], after: date,
                 inclusive: bool = False) -> tuple[date, str] | None:
    for event in events:
        if event[0] > after or (inclusive and event[0] == after):
            return event
    return None


def _recurring(kind: DeadlineKind, subject: str, first_anchor: date, first_fact: str,
               period: Period, events: Sequence[tuple[date, str]], what: str,
               stop: date | None, as_of: date, policy: PolicyProfile,
               first_events_from: date | None = None) -> Iterator[Deadline]:
    """Yield the chain of a recurring deadline, each anchored on the last event held.

    ``events`` are (date, id) pairs on or before ``as_of``, sorted. The first deadline is
    ``period`` after ``first_anchor`` and is met by the first event on or after
    ``first_events_from`` (default: after the anchor); each later one is ``period`` after the
    event that met the one before. The chain stops at the first open deadline, or when a due
    date falls after ``stop`` (the child left care).
    """
    anchor, fact = first_anchor, first_fact
    event = (_first_after(events, first_events_from, inclusive=True)
             if first_events_from is not None else _first_after(events, anchor))
    for _ in range(1000):  # a guard; real chains are a few dozen long
        due = period.after(anchor)
        if stop is not None and due > stop:
            return
        yield _resolve(kind, subject, due, anchor, fact, event, what, as_of, policy)
        if event is None:
            return
        anchor, fact = event[0], f"last {what} on {event[0]} ({event[1]})"
        event = _first_after(events, anchor)


def _monthly(kind: DeadlineKind, subject: str, months: Iterable[tuple[int, int]],
             met: dict[tuple[int, int], tuple[date, str]], what: str, as_of: date,
             anchor: str) -> Iterator[Deadline]:
    for year, month in months:
        due = month_end(year, month)
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


def _bucket(events: Iterable[tuple[date, str]]) -> dict[tuple[int, int], tuple[date, str]]:
    """First event of each calendar month."""
    out: dict[tuple[int, int], tuple[date, str]] = {}
    for on, ident in sorted(events):
        out.setdefault((on.year, on.month), (on, ident))
    return out


# -- entered foster care ------------------------------------------------------------------


def entered_foster_care(case: Case, episode: RemovalEpisode, *,
                        policy: PolicyProfile, as_of: date | None = None) -> EnteredCare:
    """Return the date the child entered foster care for ``episode`` (42 USC 675(5)(F)).

    The earlier of the first judicial finding that the child was abused or neglected (the
    episode's ``first_abuse_neglect_finding_on``, or the earliest affirmed ``abuse_or_neglect``
    finding for the child made during the episode) and ``policy.entered_care_after_removal``
    after removal. With ``as_of``, a finding dated after it is not known yet and is ignored.
    """
    limit = policy.entered_care_after_removal.after(episode.removed_on)
    last_known = date.max if as_of is None else as_of
    finding = episode.first_abuse_neglect_finding_on
    if finding is not None and finding > last_known:
        finding = None
    if finding is None:
        found = [f.made_on for f in case.judicial_findings
                 if f.child_id == episode.child_id and f.kind is FindingKind.ABUSE_OR_NEGLECT
                 and f.affirmed and episode.removed_on <= f.made_on <= last_known
                 and (episode.exit_on is None or f.made_on <= episode.exit_on)]
        finding = min(found) if found else None
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

    The first episode counts from the date entered foster care; a later episode from its
    removal (the 60-day rule defines entry once). Days in excluded settings are cut out.
    """
    intervals: list[tuple[date, date | None]] = []
    for number, episode in enumerate(case.episodes_for(child_id)):
        if episode.removed_on > as_of:
            continue
        start = (entered_foster_care(case, episode, policy=policy, as_of=as_of).entered_on
                 if number == 0 else episode.removed_on)
        end = None if episode.exit_on is None or episode.exit_on > as_of else episode.exit_on
        pieces: list[tuple[date, date | None]] = [(start, end)]
        for placement in episode.placements:
            if placement.setting not in policy.asfa_excluded_settings or \
                    placement.start > as_of:
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

    Counting (documented choices, policy settings where a state may differ):

    - time in care is cumulative across episodes inside the window; the first episode counts
      from the date entered foster care, later ones from removal; a day counts once even if
      recorded episodes overlap; the exit day is not counted (intervals are half-open);
    - only what is known as of ``as_of`` counts: findings, placements and exits dated later are
      ignored;
    - days in the profile's ``asfa_excluded_settings`` (trial home visits and runaway by
      default, a policy setting not settled in federal guidance) do not count;
    - partial months are counted in days and converted at ``asfa_days_per_month``;
    - the window on a day D is the ``asfa_window_months`` calendar months ending on D.

    The threshold date is the first day on which the count reaches
    ``asfa_months_in_care``; if it has not been reached and the child is still in care, it is
    projected assuming the child stays in care. A petition is then required unless an
    exception applies: relative care (only where the profile uses it and a current relative
    placement or a documented exception shows it), a documented compelling reason, or
    services in the plan not provided (42 USC 675(5)(E)(i)-(iii)).
    """
    rule_args(case, policy, as_of)
    intervals = _counted_intervals(case, child_id, policy, as_of)
    per_month = policy.asfa_days_per_month
    needed = math.ceil(policy.asfa_months_in_care * per_month)

    def count(day: date) -> int:  # days counted in the window ending on ``day``
        return _days_in(intervals, add_months(day, -policy.asfa_window_months)
                        + timedelta(days=1), day + timedelta(days=1))

    months = count(as_of) / per_month
    threshold: date | None = None
    if intervals:
        day = intervals[0][0] + timedelta(days=needed - 1)
        open_ended = intervals[-1][1] is None
        horizon = (max(as_of, intervals[-1][0]) + timedelta(days=needed) if open_ended
                   else max(e for _, e in intervals if e is not None))
        while day <= horizon:
            counted = count(day)
            if counted >= needed:
                threshold = day
                break
            # The count grows by at most one day per day (the window's start never moves
            # back), so no day before this one can reach the threshold.
            day += timedelta(days=needed - counted)
    petitions = sorted((p.filed_on, p.id) for p in case.tpr_petitions
                       if p.child_id == child_id and p.filed_on <= as_of)
    petition_id = petitions[0][1] if petitions else None
    filed_on = petitions[0][0] if petitions else None
    reached = threshold is not None and threshold <= as_of
    exception, why = _asfa_exception(case, child_id, policy, as_of)
    if not reached:
        when = f"; projected to reach it on {threshold}" if threshold else ""
        return AsfaResult(child_id=child_id, months_in_care=round(months, 2),
                          threshold_on=threshold, petition_required=False, exception=exception,
                          petition_id=petition_id, petition_filed_on=filed_on,
                          reason=f"{months:.1f} months in care in the most recent "
                          f"{policy.asfa_window_months}; below {policy.asfa_months_in_care}"
                          f"{when}")
    if exception is not None:
        return AsfaResult(child_id=child_id, months_in_care=round(months, 2),
                          threshold_on=threshold, petition_required=False, exception=exception,
                          petition_id=petition_id, petition_filed_on=filed_on,
                          reason=f"threshold reached on {threshold}, but {why}")
    return AsfaResult(child_id=child_id, months_in_care=round(months, 2),
                      threshold_on=threshold, petition_required=True, exception=None,
                      petition_id=petition_id, petition_filed_on=filed_on,
                      reason=f"in care {policy.asfa_months_in_care} of the most recent "
                      f"{policy.asfa_window_months} months on {threshold}; no exception "
                      "documented, so a TPR petition is required")


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
    """
    rule_args(case, policy, as_of)
    children = tuple(_child_schedule(case, child_id, policy, as_of)
                     for child_id in case.child_ids)
    return CaseSchedule(case_id=case.id, policy_code=policy.code, as_of=as_of,
                        children=children,
                        case_deadlines=tuple(_case_deadlines(case, policy, as_of)))


def _events(pairs: Iterable[tuple[date, str]], as_of: date) -> list[tuple[date, str]]:
    """Sorted (date, id) pairs dated on or before ``as_of`` (the last day that counts)."""
    return sorted(p for p in pairs if p[0] <= as_of)


def _child_schedule(case: Case, child_id: str, policy: PolicyProfile,
                    as_of: date) -> ChildSchedule:
    episodes = [e for e in case.episodes_for(child_id) if e.removed_on <= as_of]
    plans = _events(((p.completed_on, p.id) for p in case.plans_for(child_id)), as_of)
    deadlines: list[Deadline] = []
    entered: list[EnteredCare] = []
    if not episodes:
        deadlines.extend(_plan_deadlines(case, child_id, plans, case.opened_on,
                                         f"case opened on {case.opened_on}", None, policy,
                                         as_of, episode=None))
    hearings = [h for h in case.hearings_for(child_id) if h.held_on <= as_of]
    findings = [f for f in case.findings_for(child_id) if f.made_on <= as_of]
    for episode in episodes:
        ec = entered_foster_care(case, episode, policy=policy, as_of=as_of)
        entered.append(ec)
        stop = episode.exit_on if episode.exit_on is not None and episode.exit_on <= as_of \
            else None
        removal_fact = f"removal on {episode.removed_on} ({episode.id})"
        in_episode_plans = [p for p in plans if p[0] >= episode.removed_on
                            and (stop is None or p[0] <= stop)]
        deadlines.extend(_plan_deadlines(case, child_id, in_episode_plans, episode.removed_on,
                                         removal_fact, stop, policy, as_of, episode=episode))
        entered_fact = f"entered foster care on {ec.entered_on}: {ec.fact}"
        last_day = stop if stop is not None else as_of  # events of this episode only
        reviews = _events(((h.held_on, h.id) for h in hearings
                           if h.kind in (HearingKind.PERIODIC_REVIEW,
                                         HearingKind.PERMANENCY_HEARING)), last_day)
        deadlines.extend(_recurring(
            DeadlineKind.PERIODIC_REVIEW, child_id, ec.entered_on, entered_fact,
            policy.periodic_review_every, reviews, "periodic review", stop, as_of, policy,
            first_events_from=episode.removed_on))
        permanency = _events(((h.held_on, h.id) for h in hearings
                              if h.kind is HearingKind.PERMANENCY_HEARING), last_day)
        deadlines.extend(_recurring(
            DeadlineKind.PERMANENCY_HEARING, child_id, ec.entered_on, entered_fact,
            policy.permanency_hearing_within, permanency, "permanency hearing", stop, as_of,
            policy, first_events_from=episode.removed_on))
        for finding in findings:
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
        prevent = _events(((f.made_on, f.id) for f in findings if f.affirmed
                           and f.kind is FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL),
                          last_day)
        deadlines.append(_resolve(
            DeadlineKind.EFFORTS_TO_PREVENT_REMOVAL, child_id,
            policy.efforts_to_prevent_removal_within.after(episode.removed_on),
            episode.removed_on, removal_fact,
            _first_after(prevent, episode.removed_on, inclusive=True),
            "finding on reasonable efforts to prevent removal", as_of, policy))
        finalize = _events(((f.made_on, f.id) for f in findings if f.affirmed
                            and f.kind is FindingKind.REASONABLE_EFFORTS_TO_FINALIZE_PERMANENCY),
                           last_day)
        deadlines.extend(_recurring(
            DeadlineKind.EFFORTS_TO_FINALIZE_PERMANENCY, child_id, ec.entered_on, entered_fact,
            policy.efforts_to_finalize_permanency_every, finalize,
            "finding on reasonable efforts to finalize permanency", stop, as_of, policy,
            first_events_from=episode.removed_on))
        deadlines.extend(_trial_home_visits(child_id, episode, policy, as_of))
        if policy.caseworker_visits_with_child_monthly:
            visits = _bucket((c.occurred_on, c.id) for c in case.contacts_with(child_id)
                             if c.in_person and c.occurred_on <= as_of)
            deadlines.extend(_monthly(
                DeadlineKind.CASEWORKER_VISIT_CHILD, child_id,
                whole_months(episode.removed_on, stop, as_of), visits,
                "in-person caseworker visit", as_of,
                f"in foster care for the whole month ({episode.id})"))
    asfa = asfa_15_of_22(case, child_id, policy=policy, as_of=as_of) if episodes else None
    if asfa is not None:
        deadlines.append(_tpr_deadline(child_id, asfa, as_of, policy))
    deadlines.sort(key=lambda d: (d.due_on or date.max, d.kind.value))
    return ChildSchedule(child_id=child_id, entered_care=tuple(entered), asfa=asfa,
                         deadlines=tuple(deadlines))


def _plan_deadlines(case: Case, child_id: str, plans: Sequence[tuple[date, str]],
                    start: date, start_fact: str, stop: date | None, policy: PolicyProfile,
                    as_of: date, *, episode: RemovalEpisode | None) -> Iterator[Deadline]:
    note = "state practice for in-home cases" if episode is None else ""
    due = policy.initial_plan_within.after(start)
    first = plans[0] if plans else None
    yield _resolve(DeadlineKind.INITIAL_CASE_PLAN, child_id, due, start, start_fact, first,
                   "case plan", as_of, policy, source_note=note)
    if first is not None:
        yield from _recurring(DeadlineKind.CASE_PLAN_UPDATE, child_id, first[0],
                              f"plan of {first[0]} ({first[1]})", policy.plan_update_every,
                              plans, "case plan", stop, as_of, policy)
    if policy.strengths_needs_every is None:
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
    kind = DeadlineKind.TPR_PETITION
    if asfa.threshold_on is None:
        return _deadline(kind, child_id, None, None, "time in care (15 of 22 months)",
                         DeadlineStatus.NOT_APPLICABLE, asfa.reason)
    fact = f"{policy.asfa_months_in_care} of {policy.asfa_window_months} months in care " \
           f"reached on {asfa.threshold_on}"
    if asfa.exception is not None and asfa.threshold_on <= as_of:
        return _deadline(kind, child_id, asfa.threshold_on, asfa.threshold_on, fact,
                         DeadlineStatus.NOT_APPLICABLE, asfa.reason)
    return _resolve(kind, child_id, asfa.threshold_on, asfa.threshold_on, fact,
                    _petition_event(asfa),
                    "TPR petition filed", as_of, policy)


def _petition_event(asfa: AsfaResult) -> tuple[date, str] | None:
    if asfa.petition_id is None or asfa.petition_filed_on is None:
        return None
    return asfa.petition_filed_on, asfa.petition_id


def _case_deadlines(case: Case, policy: PolicyProfile, as_of: date) -> Iterator[Deadline]:
    closed = case.closed_on if case.closed_on is not None and case.closed_on <= as_of else None
    if policy.caseworker_visits_with_parents_monthly:
        # parent id -> last day visits are expected (None: while the case is open)
        parents: dict[str, date | None] = {}
        for rel in case.relationships:
            if rel.parent_role is None or rel.kind not in (
                    RelationshipKind.BIOLOGICAL_PARENT, RelationshipKind.ADOPTIVE_PARENT,
                    RelationshipKind.STEPPARENT, RelationshipKind.LEGAL_GUARDIAN):
                continue
            person = case.person(rel.adult_id)
            if not person.whereabouts_known and person.diligent_searches:
                continue  # not applicable: whereabouts unknown after a diligent search
            ends = [closed]
            if rel.parental_rights is not None and \
                    rel.parental_rights.continued_involvement_reason is None:
                ends.append(rel.parental_rights.terminated_on)
            if person.deceased_on is not None:
                ends.append(person.deceased_on)
            end = min((e for e in ends if e is not None), default=None)
            if rel.adult_id in parents:  # a parent of several children: the latest end
                known = parents[rel.adult_id]
                end = None if known is None or end is None else max(known, end)
            parents[rel.adult_id] = end
        for parent_id, end in parents.items():
            visits = _bucket((c.occurred_on, c.id) for c in case.contacts_with(parent_id)
                             if c.in_person and c.occurred_on <= as_of)
            yield from _monthly(DeadlineKind.CASEWORKER_VISIT_PARENT, parent_id,
                                whole_months(case.opened_on, end, as_of), visits,
                                "in-person caseworker visit", as_of,
                                f"case {case.id} open for the whole month")
    if not policy.supervisory_staffing_monthly:
        yield _deadline(DeadlineKind.SUPERVISORY_STAFFING, case.id, None, case.opened_on,
                        f"case opened on {case.opened_on}", DeadlineStatus.NOT_APPLICABLE,
                        f"the {policy.code} profile does not require monthly supervisory "
                        "staffing")
    else:
        staffings = _bucket((s.held_on, s.id) for s in case.staffings if s.held_on <= as_of)
        yield from _monthly(DeadlineKind.SUPERVISORY_STAFFING, case.id,
                            whole_months(case.opened_on, closed, as_of), staffings,
                            "supervisory staffing", as_of,
                            f"case {case.id} open for the whole month")
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
                   key=lambda p: p.completed_on)
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


_STATUS_OUTCOME = {
    DeadlineStatus.MET_ON_TIME: Outcome.MET,
    DeadlineStatus.MET_LATE: Outcome.NOT_MET,
    DeadlineStatus.OVERDUE: Outcome.NOT_MET,
    DeadlineStatus.DUE: Outcome.NOT_APPLICABLE,
    DeadlineStatus.UPCOMING: Outcome.NOT_APPLICABLE,
    DeadlineStatus.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
}


def deadline_findings(result: CaseSchedule) -> tuple[Finding, ...]:
    """Return a schedule's deadlines as findings, the shape every check shares.

    Met on time is ``met``; met late or overdue is ``not_met``; a deadline not yet reached
    (due, upcoming) or not applicable is ``not_applicable`` — nothing can be judged yet. The
    rule id is ``deadline.<kind>``; the facts give the due date, the anchor and the event.
    """
    out: list[Finding] = []
    rules, labels, statuses = _KIND_RULE, _KIND_LABEL, _STATUS_VALUE
    for d in result.all_deadlines():
        due = d.due_on
        facts = [Fact(label="status", value=statuses[d.status]),
                 Fact(label="due", value=str(due) if due else "(none)"),
                 Fact(label="computed from", value=d.anchor)]
        if d.met_by is not None:
            facts.append(Fact(label="met by", value=f"{d.met_by} on {d.met_on}"))
        when = f" due {due}" if due else ""
        out.append(Finding(rule=rules[d.kind], outcome=_STATUS_OUTCOME[d.status],
                           subject_id=d.subject_id,
                           subject=f"{labels[d.kind]}{when} ({d.subject_id})",
                           explanation=d.reason, facts=tuple(facts), components=d.components,
                           source=d.source))
    return tuple(out)


# Enum ``.value`` is a property lookup; bulk review reads these ~80 times a case.
_KIND_RULE = {k: f"deadline.{k.value}" for k in DeadlineKind}
_KIND_LABEL = {k: k.value.replace("_", " ") for k in DeadlineKind}
_STATUS_VALUE = {s: s.value for s in DeadlineStatus}
