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
from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, VisitationArrangement, VisitorKind
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.people import RelationshipKind
from practicemodel.placement import Placement, PlacementSetting
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import about, shared
from practicemodel.rules._visiting import (
    _children_in_care,
    _finding,
    _grouped,
    _name,
    _period_start,
)
from practicemodel.visits import (
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



def _plan_spans(case: Case, child_id: str, start: date,
                as_of: date) -> list[tuple[CasePlan, date, date]]:
    """Plans for the child in effect during the period, each with the days it governed."""
    plans = sorted((p for p in case.plans if child_id in p.child_ids and p.completed_on <= as_of),
                   key=lambda p: (p.completed_on, p.id))
    spans = []
    for i, plan in enumerate(plans):
        stop = plans[i + 1].completed_on - timedelta(days=1) if i + 1 < len(plans) else as_of
        first = max(plan.completed_on, start)
        if first <= stop:
            spans.append((plan, first, stop))
    return spans


def _planned(arrangement: VisitationArrangement, first: date, stop: date) -> int:
    """Visits planned: ``times`` per whole frequency window from ``first`` through ``stop``.

    A period is at most a century (``practicemodel.periods.MAX_PERIOD_COUNTS``) and dates at
    most 2199-12-31, so a window's end is always a valid date.
    """
    windows, cursor = 0, first
    per = arrangement.frequency.per
    while True:
        following = per.after(cursor)
        if following <= cursor or following - timedelta(days=1) > stop:
            return windows * arrangement.frequency.times
        windows, cursor = windows + 1, following


def _matches(condition: str) -> list[tuple[str, bool]]:
    return [(word.strip(), strong) for word, strong, pattern in _PATTERNS
            if pattern.search(condition)]


def _visitation_findings(case: Case, child_id: str, start: date,
                         as_of: date) -> Iterator[Finding]:
    subject = f"family visitation of {_name(case, child_id)}"
    spans = _plan_spans(case, child_id, start, as_of)
    latest = spans[-1][0] if spans else None
    arrangements = sorted((a for a in latest.visitation if a.child_id == child_id),
                          key=lambda a: a.id) if latest is not None else []
    rels = case.relationships_of(child_id)
    terminated = sorted(r.adult_id for r in rels if r.parent_role is not None
                        and r.parental_rights is not None
                        and r.parental_rights.terminated_on <= as_of)
    available = sorted({r.adult_id for r in rels if r.parent_role is not None
                        and r.adult_id not in terminated
                        and _alive(case, r.adult_id, as_of)})
    siblings = sorted({r.adult_id for r in rels if r.kind is RelationshipKind.SIBLING})
    # Siblings living in the same placement as the child on the child's last day in care in
    # the period need no sibling visits (CFSR items 7 and 8 [practice]); the others do.
    last_in_care = _last_day_in_care(case, child_id, as_of)
    together = _placed_together(case, child_id, siblings, last_in_care) \
        if last_in_care is not None else []
    apart = [s for s in siblings if s not in together]
    kinds = {a.visitor_kind for a in arrangements}
    goal = latest.permanency_goal.value if latest and latest.permanency_goal else "(none)"
    facts: list[tuple[str, FactValue]]
    facts = [("latest plan", latest.id if latest else "(none)"), ("permanency goal", goal),
             ("arrangements", word_list(f"{a.id} ({a.visitor_kind.value})" for a in arrangements)),
             ("parents", word_list(available)), ("siblings in the case", word_list(siblings)),
             ("siblings placed together", word_list(together))]
    if latest is None:
        yield _finding("visitation.arranged", Outcome.NOT_MET, child_id, subject,
                       "No case plan in effect in the period arranges family visitation.",
                       facts)
    elif available and VisitorKind.PARENT not in kinds:
        yield _finding("visitation.arranged", Outcome.NOT_MET, child_id, subject,
                       f"Plan {latest.id} arranges no visits with the parents "
                       f"({', '.join(available)}); visitation is arranged even when the goal "
                       f"is not return home (goal: {goal}).", facts)
    elif apart and VisitorKind.SIBLING not in kinds:
        yield _finding("visitation.arranged", Outcome.NEEDS_REVIEW, child_id, subject,
                       f"Plan {latest.id} arranges no sibling visits with "
                       f"{', '.join(apart)}; a person should check whether the siblings "
                       "live together.", facts)
    else:
        together_note = (f"; siblings placed with the child on {last_in_care}: "
                         f"{', '.join(together)}" if together else "")
        yield _finding("visitation.arranged", Outcome.MET, child_id, subject,
                       f"Plan {latest.id} arranges family visitation "
                       f"({word_list(k.value for k in kinds)}){together_note}.", facts)
    yield from _contingent(child_id, subject, spans)
    yield _frequency_held(case, child_id, subject, spans)
    if arrangements:
        levels = word_list(f"{a.id}: {a.supervision.value}" for a in arrangements)
        yield _finding("visitation.supervision", Outcome.MET, child_id, subject,
                       f"Supervision recorded: {levels}.", [("supervision", levels)])
    else:
        yield _finding("visitation.supervision", Outcome.NOT_APPLICABLE, child_id, subject,
                       "No visitation arrangement in the latest plan.", [])
    yield _goodbye(child_id, subject, spans, terminated)


def _placement_on(case: Case, child_id: str, day: date) -> Placement | None:
    """The child's out-of-home placement on ``day``, if any."""
    return next((placement for episode in case.episodes_for(child_id)
                 if episode.is_open_on(day)
                 and (placement := episode.placement_on(day)) is not None), None)


def _last_day_in_care(case: Case, child_id: str, as_of: date) -> date | None:
    """The last day on or before ``as_of`` that the child was in out-of-home care."""
    days = [min(e.exit_on or as_of, as_of) for e in case.episodes_for(child_id)
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


def _alive(case: Case, person_id: str, as_of: date) -> bool:
    person = next((p for p in case.people if p.id == person_id), None)
    return person is None or person.deceased_on is None or person.deceased_on > as_of


def _contingent(child_id: str, subject: str,
                spans: list[tuple[CasePlan, date, date]]) -> Iterator[Finding]:
    hits: list[str] = []
    strong = False
    conditions = 0
    for plan, _, _ in spans:
        for arrangement in sorted(plan.visitation, key=lambda a: a.id):
            if arrangement.child_id != child_id:
                continue
            for condition in arrangement.conditions:
                conditions += 1
                found = _matches(condition)
                if found:
                    strong = strong or any(s for _, s in found)
                    words = ", ".join(f'"{w}"' for w, _ in found)
                    hits.append(f'{plan.id}/{arrangement.id}: "{condition}" ({words})')
    facts: list[tuple[str, FactValue]]
    facts = [("conditions", str(conditions)), ("flagged", len(hits))]
    if not hits:
        yield _finding("visitation.not_contingent", Outcome.MET, child_id, subject,
                       "No visitation condition makes visits a reward or punishment."
                       if conditions else "No conditions are put on visits.", facts)
        return
    yield _finding("visitation.not_contingent",
                   Outcome.NOT_MET if strong else Outcome.NEEDS_REVIEW, child_id, subject,
                   "Visits must never be a reward or punishment; conditions that read as one: "
                   + "; ".join(sorted(hits)) + ".", facts)


def _frequency_held(case: Case, child_id: str, subject: str,
                    spans: list[tuple[CasePlan, date, date]]) -> Finding:
    visits = case.visits_of(child_id)
    lines: list[str] = []
    short = False
    total_planned = total_held = 0
    for plan, first, stop in spans:
        for a in sorted(plan.visitation, key=lambda x: x.id):
            if a.child_id != child_id:
                continue
            planned = _planned(a, first, stop)
            in_span = [fv for fv in visits if first <= fv.scheduled_on <= stop
                       and fv.visitor_kind is a.visitor_kind
                       and set(fv.visitor_ids) & set(a.visitor_ids)]
            held = sum(1 for fv in in_span if fv.status is FamilyVisitStatus.HELD)
            missed = {s.value: sum(1 for fv in in_span if fv.status is s)
                      for s in FamilyVisitStatus if s is not FamilyVisitStatus.HELD}
            missed_words = ", ".join(f"{k} {n}" for k, n in sorted(missed.items()) if n)
            lines.append(f"{a.id} ({a.frequency}, {first} to {stop}): held {held} of "
                         f"{planned} planned" + (f"; {missed_words}" if missed_words else ""))
            short = short or held < planned
            total_planned += planned
            total_held += held
    facts: list[tuple[str, FactValue]]
    facts = [("planned", total_planned), ("held", total_held)]
    if not lines:
        return _finding("visitation.frequency_held", Outcome.NOT_APPLICABLE, child_id, subject,
                        "No visitation arrangement in effect in the period.", facts)
    return _finding("visitation.frequency_held", Outcome.NOT_MET if short else Outcome.MET,
                    child_id, subject, "; ".join(lines) + ".", facts)


def _goodbye(child_id: str, subject: str, spans: list[tuple[CasePlan, date, date]],
             terminated: list[str]) -> Finding:
    if not terminated:
        return _finding("visitation.goodbye_visit", Outcome.NOT_APPLICABLE, child_id, subject,
                        "No parent's rights to the child have been terminated.", [])
    considered: dict[str, bool | None] = dict.fromkeys(terminated)
    for plan, _, _ in spans:
        for a in plan.visitation:
            if a.child_id != child_id or a.goodbye_visit_considered is None:
                continue
            for parent in set(a.visitor_ids) & set(terminated):
                considered[parent] = bool(considered[parent]) or a.goodbye_visit_considered
    facts: list[tuple[str, FactValue]]
    facts = [(f"goodbye visit considered ({p})", "(not recorded)" if v is None else str(v).lower())
             for p, v in sorted(considered.items())]
    missing = sorted(p for p, v in considered.items() if not v)
    if missing:
        return _finding("visitation.goodbye_visit", Outcome.NOT_MET, child_id, subject,
                        f"Parental rights of {', '.join(missing)} were terminated and no plan "
                        "records that a goodbye visit was considered.", facts)
    return _finding("visitation.goodbye_visit", Outcome.MET, child_id, subject,
                    "A goodbye visit was considered for every parent whose rights were "
                    "terminated.", facts)




@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    start = _period_start(policy, as_of)
    found: list[Finding] = []
    for child_id in _children_in_care(case, start, as_of):
        found.extend(about(f, child_id=child_id)
                     for f in _visitation_findings(case, child_id, start, as_of))
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
