"""Family visitation of children in care: ``visitation.*`` (seed 003, *Family Engagement in
Case Planning & Case Management*, slides 53–55; CFSR item 8).

For each child in foster care in the period under review: the plan in effect arranges visits
with the parents and with siblings placed apart (``visitation.arranged``), never as a reward
or punishment (``visitation.not_contingent``), held as often as arranged
(``visitation.frequency_held``), with the supervision recorded (``visitation.supervision``),
and a goodbye visit considered after a termination of parental rights
(``visitation.goodbye_visit``). Each rule has the shape of every practicemodel rule,
``(case, *, policy, as_of)``; its findings are sorted by subject id.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from types import MappingProxyType

from practicemodel._arguments import rule_args
from practicemodel._memo import per_case
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, Frequency, VisitationArrangement, VisitorKind
from practicemodel.findings import Explanation, Finding, Outcome, word_list
from practicemodel.monthly import _episodes
from practicemodel.people import Person, RelationshipKind
from practicemodel.periods import PeriodUnit
from practicemodel.placement import Placement, PlacementSetting
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import shared
from practicemodel.rules._visiting import (
    _children_in_care,
    _facts,
    _finding,
    _grouped,
    _name,
    _people,
    _period_start,
)
from practicemodel.visits import (
    FamilyVisit,
    FamilyVisitStatus,
)

__all__ = [
    "CONTINGENT_WORDS",
    "arranged",
    "frequency_held",
    "goodbye_visit",
    "not_contingent",
    "supervision",
]


CONTINGENT_WORDS: tuple[tuple[str, bool], ...] = (
    ("contingent", True), ("only if", True), ("provided that", True), ("as long as", True),
    ("earn", True), ("reward", True), ("privilege", True), ("punish", True),
    ("sanction", True), ("clean drug screen", True), ("negative drug screen", True),
    ("if ", False), ("unless", False), ("compliance", False), ("complies", False),
    ("comply", False), ("compliant", False),
)
"""Words that make a visitation condition look like a reward or punishment (seed 003
slide 53: visiting is "a child's right, not a parent's privilege" and never "a reward or
punishment"). Each is matched case-insensitively at the start of a word; ``True`` marks words
that decide (``not_met``), ``False`` words that only suggest it (``needs_review``: "if" may
state a safety condition, not a reward)."""

_PATTERNS = tuple((word, strong, re.compile(r"\b" + re.escape(word.strip()) +
                                            (r"\b" if word.endswith(" ") else ""),
                                            re.IGNORECASE))
                  for word, strong in CONTINGENT_WORDS)

_DAYS_PER_UNIT = {PeriodUnit.DAYS: 1, PeriodUnit.WEEKS: 7}

Span = tuple[CasePlan, date, date, tuple[VisitationArrangement, ...]]
"""A plan, the first and last day of the period it governed, and its visitation arrangements
for the child, by id."""


def _plan_spans(case: Case, child_id: str, start: date, as_of: date) -> list[Span]:
    """Plans for the child in effect during the period, each with the days it governed and
    its arrangements for the child."""
    plans = sorted((p for p in case.plans if child_id in p.child_ids and p.completed_on <= as_of),
                   key=lambda p: (p.completed_on, p.id))
    spans = []
    for i, plan in enumerate(plans):
        stop = plans[i + 1].completed_on - timedelta(days=1) if i + 1 < len(plans) else as_of
        first = max(plan.completed_on, start)
        if first <= stop:
            spans.append((plan, first, stop, _arrangements(plan, child_id)))
    return spans


def _arrangements(plan: CasePlan, child_id: str) -> tuple[VisitationArrangement, ...]:
    """The plan's visitation arrangements for the child, by id."""
    return tuple(sorted((a for a in plan.visitation if a.child_id == child_id),
                        key=lambda a: a.id))


def _planned(arrangement: VisitationArrangement, first: date, stop: date) -> int:
    """Visits planned: ``times`` per whole frequency window from ``first`` through ``stop``.

    Windows of days and weeks are counted by division; windows of months and years are
    stepped through, each from the end of the last (so a window from January 31 ends on
    February 28, and the next from there). A period is at most a century
    (``practicemodel.periods.MAX_PERIOD_COUNTS``) and dates at most 2199-12-31, so a window's
    end is always a valid date.
    """
    per = arrangement.frequency.per
    days = _DAYS_PER_UNIT.get(per.unit)
    if days is not None:
        length = per.count * days
        windows = ((stop - first).days + 1) // length if length > 0 else 0
        return windows * arrangement.frequency.times
    windows, cursor = 0, first
    while True:
        following = per.after(cursor)
        if following <= cursor or following - timedelta(days=1) > stop:
            return windows * arrangement.frequency.times
        windows, cursor = windows + 1, following


def _matches(condition: str) -> list[tuple[str, bool]]:
    return [(word.strip(), strong) for word, strong, pattern in _PATTERNS
            if pattern.search(condition)]


def _subject(child: Person | None, child_id: str) -> str:
    return f"family visitation of {_name(child, child_id)}"


def _visitation_findings(case: Case, child_id: str, start: date,
                         as_of: date) -> Iterator[Finding]:
    people = _people(case)
    child = people.get(child_id)
    spans = _plan_spans(case, child_id, start, as_of)
    latest, arrangements = (spans[-1][0], spans[-1][3]) if spans else (None, ())
    rels = case.relationships_of(child_id)
    terminated = sorted(r.adult_id for r in rels if r.parent_role is not None
                        and r.parental_rights is not None
                        and r.parental_rights.terminated_on <= as_of)
    available = sorted({r.adult_id for r in rels if r.parent_role is not None
                        and r.adult_id not in terminated
                        and _alive(people.get(r.adult_id), as_of)})
    siblings = sorted({r.adult_id for r in rels if r.kind is RelationshipKind.SIBLING})
    # Siblings living in the same placement as the child on the child's last day in care in
    # the period need no sibling visits (CFSR items 7 and 8 [practice]); the others do.
    last_in_care = _last_day_in_care(case, child_id, as_of)
    together = _placed_together(case, child_id, siblings, last_in_care) \
        if last_in_care is not None and siblings else []
    apart = [s for s in siblings if s not in together]
    kinds = {a.visitor_kind for a in arrangements}
    if latest is None or (available and VisitorKind.PARENT not in kinds):
        outcome = Outcome.NOT_MET
    elif apart and VisitorKind.SIBLING not in kinds:
        outcome = Outcome.NEEDS_REVIEW
    else:
        outcome = Outcome.MET
    yield _finding("visitation.arranged", outcome, child_id, _arranged_words, outcome, child,
                   child_id, latest, arrangements, tuple(available), tuple(siblings),
                   tuple(together), last_in_care, child_id=child_id)
    yield _contingent(child, child_id, spans)
    yield _frequency_held(case, child, child_id, spans)
    yield _finding("visitation.supervision",
                   Outcome.MET if arrangements else Outcome.NOT_APPLICABLE, child_id,
                   _supervision_words, child, child_id, arrangements, child_id=child_id)
    yield _goodbye(child, child_id, spans, terminated)


def _arranged_words(outcome: Outcome, child: Person | None, child_id: str,
                    latest: CasePlan | None, arrangements: tuple[VisitationArrangement, ...],
                    available: tuple[str, ...], siblings: tuple[str, ...],
                    together: tuple[str, ...], last_in_care: date | None) -> Explanation:
    goal = latest.permanency_goal.value if latest and latest.permanency_goal else "(none)"
    kinds = {a.visitor_kind for a in arrangements}
    if latest is None:
        why = "No case plan in effect in the period arranges family visitation."
    elif outcome is Outcome.NOT_MET:
        why = (f"Plan {latest.id} arranges no visits with the parents "
               f"({', '.join(available)}); visitation is arranged even when the goal is not "
               f"return home (goal: {goal}).")
    elif outcome is Outcome.NEEDS_REVIEW:
        apart = [s for s in siblings if s not in together]
        why = (f"Plan {latest.id} arranges no sibling visits with {', '.join(apart)}; a "
               "person should check whether the siblings live together.")
    else:
        together_note = (f"; siblings placed with the child on {last_in_care}: "
                         f"{', '.join(together)}" if together else "")
        why = (f"Plan {latest.id} arranges family visitation "
               f"({word_list(k.value for k in kinds)}){together_note}.")
    return _subject(child, child_id), why, _facts(
        ("latest plan", latest.id if latest else "(none)"), ("permanency goal", goal),
        ("arrangements", word_list(f"{a.id} ({a.visitor_kind.value})" for a in arrangements)),
        ("parents", word_list(available)), ("siblings in the case", word_list(siblings)),
        ("siblings placed together", word_list(together)))


def _supervision_words(child: Person | None, child_id: str,
                       arrangements: tuple[VisitationArrangement, ...]) -> Explanation:
    if not arrangements:
        return (_subject(child, child_id), "No visitation arrangement in the latest plan.", ())
    levels = word_list(f"{a.id}: {a.supervision.value}" for a in arrangements)
    return (_subject(child, child_id), f"Supervision recorded: {levels}.",
            _facts(("supervision", levels)))


def _placement_on(case: Case, child_id: str, day: date) -> Placement | None:
    """The child's out-of-home placement on ``day``, if any."""
    return next((placement for episode in _episodes(case).get(child_id, ())
                 if episode.is_open_on(day)
                 and (placement := episode.placement_on(day)) is not None), None)


def _last_day_in_care(case: Case, child_id: str, as_of: date) -> date | None:
    """The last day on or before ``as_of`` that the child was in out-of-home care."""
    days = [min(e.exit_on or as_of, as_of) for e in _episodes(case).get(child_id, ())
            if e.removed_on <= as_of]
    return max(days, default=None)


def _placed_together(case: Case, child_id: str, siblings: list[str], day: date) -> list[str]:
    """Siblings living with the child on ``day``: both in placements of the same setting with
    the same caregivers and provider (at least one of them recorded)."""
    mine = _placement_on(case, child_id, day)
    if mine is None or mine.setting is PlacementSetting.RUNAWAY or not (
            mine.caregiver_ids or mine.provider):
        return []
    together = []
    for sibling in siblings:
        theirs = _placement_on(case, sibling, day)
        if theirs is not None and theirs.setting is mine.setting and \
                set(theirs.caregiver_ids) == set(mine.caregiver_ids) and \
                theirs.provider == mine.provider:
            together.append(sibling)
    return together


def _alive(person: Person | None, as_of: date) -> bool:
    return person is None or person.deceased_on is None or person.deceased_on > as_of


Flagged = tuple[str, str, str, tuple[str, ...]]
"""A condition read as a reward or punishment: plan id, arrangement id, condition, words."""


def _contingent(child: Person | None, child_id: str, spans: list[Span]) -> Finding:
    hits: list[Flagged] = []
    strong = False
    conditions = 0
    for plan, _, _, arrangements in spans:
        for arrangement in arrangements:
            for condition in arrangement.conditions:
                conditions += 1
                found = _matches(condition)
                if found:
                    strong = strong or any(s for _, s in found)
                    hits.append((plan.id, arrangement.id, condition,
                                 tuple(w for w, _ in found)))
    if not hits:
        outcome = Outcome.MET
    elif strong:
        outcome = Outcome.NOT_MET
    else:
        outcome = Outcome.NEEDS_REVIEW
    return _finding("visitation.not_contingent", outcome, child_id, _contingent_words, child,
                    child_id, conditions, tuple(hits), child_id=child_id)


def _contingent_words(child: Person | None, child_id: str, conditions: int,
                      hits: tuple[Flagged, ...]) -> Explanation:
    if not hits:
        why = ("No visitation condition makes visits a reward or punishment." if conditions
               else "No conditions are put on visits.")
    else:
        flagged = sorted(f'{plan_id}/{arrangement_id}: "{condition}" ('
                         + ", ".join(f'"{w}"' for w in words) + ")"
                         for plan_id, arrangement_id, condition, words in hits)
        why = ("Visits must never be a reward or punishment; conditions that read as one: "
               + "; ".join(flagged) + ".")
    return _subject(child, child_id), why, _facts(("conditions", str(conditions)),
                                                  ("flagged", len(hits)))


@per_case
def _family_visits(case: Case) -> Mapping[tuple[str, VisitorKind],
                                          tuple[list[date], list[FamilyVisit]]]:
    """Family visits by child and kind of visitor, by date: the dates (for ``bisect``) and
    the visits."""
    found: dict[tuple[str, VisitorKind], list[FamilyVisit]] = {}
    for visit in sorted(case.family_visits, key=lambda fv: fv.scheduled_on):
        found.setdefault((visit.child_id, visit.visitor_kind), []).append(visit)
    return MappingProxyType({key: ([fv.scheduled_on for fv in visits], visits)
                             for key, visits in found.items()})


Held = tuple[str, Frequency, date, date, int, int, tuple[FamilyVisitStatus, ...]]
"""How an arrangement was kept in a span: its id and frequency, the first and last day, the
visits held and planned, and the statuses of its visits."""


def _frequency_held(case: Case, child: Person | None, child_id: str,
                    spans: list[Span]) -> Finding:
    visits = _family_visits(case)
    kept: list[Held] = []
    for _, first, stop, arrangements in spans:
        for a in arrangements:
            planned = _planned(a, first, stop)
            dates, of_kind = visits.get((child_id, a.visitor_kind), ([], []))
            visitors = set(a.visitor_ids)
            statuses = tuple(fv.status for fv in of_kind[bisect_left(dates, first):
                                                         bisect_right(dates, stop)]
                             if not visitors.isdisjoint(fv.visitor_ids))
            held = statuses.count(FamilyVisitStatus.HELD)
            kept.append((a.id, a.frequency, first, stop, held, planned, statuses))
    if not kept:
        outcome = Outcome.NOT_APPLICABLE
    elif any(held < planned for *_, held, planned, _ in kept):
        outcome = Outcome.NOT_MET
    else:
        outcome = Outcome.MET
    return _finding("visitation.frequency_held", outcome, child_id, _frequency_held_words,
                    child, child_id, tuple(kept), child_id=child_id)


def _frequency_held_words(child: Person | None, child_id: str,
                          kept: tuple[Held, ...]) -> Explanation:
    lines: list[str] = []
    for arrangement_id, frequency, first, stop, held, planned, statuses in kept:
        missed = Counter(s.value for s in statuses if s is not FamilyVisitStatus.HELD)
        missed_words = ", ".join(f"{k} {n}" for k, n in sorted(missed.items()))
        lines.append(f"{arrangement_id} ({frequency}, {first} to {stop}): held {held} of "
                     f"{planned} planned" + (f"; {missed_words}" if missed_words else ""))
    why = "; ".join(lines) + "." if lines else "No visitation arrangement in effect in the period."
    return _subject(child, child_id), why, _facts(
        ("planned", sum(planned for *_, planned, _ in kept)),
        ("held", sum(held for *_, held, _, _ in kept)))


def _goodbye(child: Person | None, child_id: str, spans: list[Span],
             terminated: list[str]) -> Finding:
    considered: dict[str, bool | None] = dict.fromkeys(terminated)
    for *_, arrangements in spans:
        for a in arrangements:
            if a.goodbye_visit_considered is None:
                continue
            for parent in set(a.visitor_ids) & set(terminated):
                considered[parent] = bool(considered[parent]) or a.goodbye_visit_considered
    if not terminated:
        outcome = Outcome.NOT_APPLICABLE
    else:
        outcome = Outcome.NOT_MET if not all(considered.values()) else Outcome.MET
    return _finding("visitation.goodbye_visit", outcome, child_id, _goodbye_words, child,
                    child_id, tuple(sorted(considered.items())), child_id=child_id)


def _goodbye_words(child: Person | None, child_id: str,
                   considered: tuple[tuple[str, bool | None], ...]) -> Explanation:
    subject = _subject(child, child_id)
    if not considered:
        return subject, "No parent's rights to the child have been terminated.", ()
    missing = [parent for parent, done in considered if not done]
    if missing:
        why = (f"Parental rights of {', '.join(missing)} were terminated and no plan records "
               "that a goodbye visit was considered.")
    else:
        why = "A goodbye visit was considered for every parent whose rights were terminated."
    return subject, why, _facts(*((f"goodbye visit considered ({parent})",
                                   "(not recorded)" if done is None else str(done).lower())
                                  for parent, done in considered))


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    start = _period_start(policy, as_of)
    found: list[Finding] = []
    for child_id in _children_in_care(case, start, as_of):
        found.extend(_visitation_findings(case, child_id, start, as_of))
    return _grouped(found)


# -- the rules ------------------------------------------------------------------------------


def arranged(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Visitation with parents and siblings is arranged.

    Rule ``visitation.arranged``; CFSR item 8. Source: seed 003 (Family Engagement in Case
    Planning & Case Management), slides 53–55.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visitation.arranged", ())


def frequency_held(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Visits are held as often as arranged.

    Rule ``visitation.frequency_held``; CFSR item 8. Source: seed 003 (Family Engagement in Case
    Planning & Case Management), slides 53–55.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visitation.frequency_held", ())


def goodbye_visit(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """A goodbye visit considered after TPR.

    Rule ``visitation.goodbye_visit``; CFSR item 8. Source: seed 003 (Family Engagement in Case
    Planning & Case Management), slides 53–55.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visitation.goodbye_visit", ())


def not_contingent(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Visitation is not a reward or a punishment.

    Rule ``visitation.not_contingent``; CFSR item 8. Source: seed 003 (Family Engagement in Case
    Planning & Case Management), slides 53–55.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visitation.not_contingent", ())


def supervision(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Supervision of visits is recorded.

    Rule ``visitation.supervision``; CFSR item 8. Source: seed 003 (Family Engagement in Case
    Planning & Case Management), slides 53–55.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visitation.supervision", ())
