"""Placement with siblings: ``siblings.*`` (CFSR Round 3 item 7).

CFSR item 7, *placement with siblings* (Permanency Outcome 2), applies to a foster care case
whose child has a sibling also in foster care in the period under review. Question A asks
whether the child was placed with all siblings in care; question B, when not, whether there
was a valid needs-based reason for the separation, lasting through the period. The item is a
Strength when A or B is Yes, an Area Needing Improvement when both are No, Not Applicable
without a sibling in care.

``siblings.placed_together`` gives one finding per child that answers both questions:
``met`` when the child lived with every sibling in care whenever both were in care in the
period (A), or every placement in which they lived apart records a
``sibling_separation_reason`` (B); ``not_met`` otherwise; ``not_applicable`` when no sibling
was in care at the same time as the child in the period. With the review's generic item rule
this is the item's rating.

**A sibling** is another child of the case who shares a parent with the child (a
relationship with a parent role, or as biological or adoptive parent, to the same adult) or
is recorded as the child's sibling (a ``sibling`` relationship either way). The instrument's
further condition (lived, or would live, with the child) is a reviewer's judgement.

**Together** means, on the days both children were in care in the period, placements with a
caregiver in common or the same provider (the day of a move counts for the placement moved
to, so siblings moved together on one day never live apart that day). Trial home visits and
runaways are not placement settings (CFSR item 4 A) and are left out. **A reason** recorded
on the placement of either child where they lived apart answers question B for that time;
whether it is a valid, needs-based reason (a shortage of homes for sibling groups is not) is
a reviewer's judgement.

Every child of the case is judged (the library rates each child in foster care, not one
target child); a child not in foster care in the period is ``not_applicable``. Placements
begun after ``as_of`` are not known yet.

The rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.people import RelationshipKind
from practicemodel.periods import review_period_start
from practicemodel.placement import Placement
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import NOT_SETTINGS
from practicemodel.rules._plans import _name, _words
from practicemodel.rules._shared import by_rule, shared
from practicemodel.rules._visiting import _finding

__all__ = ["placed_together"]

M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE

_PARENT_KINDS = frozenset({RelationshipKind.BIOLOGICAL_PARENT,
                           RelationshipKind.ADOPTIVE_PARENT})

Stay = tuple[Placement, date, date]
"""A placement setting and the days of it in care in the period (first, last)."""


def _stays(case: Case, child_id: str, start: date, as_of: date) -> list[Stay]:
    """The child's placement settings in the period, each clipped to it, oldest first. The
    day of a move belongs to the placement the child moved to: a placement ending on the day
    the next one begins ends the day before (else siblings moved together on the same day
    would seem to live apart that day)."""
    stays: list[Stay] = []
    for episode in case.removal_episodes:
        if episode.child_id != child_id or episode.removed_on > as_of:
            continue
        last = as_of if episode.exit_on is None else min(episode.exit_on, as_of)
        starts = {p.start for p in episode.placements}
        for placement in episode.placements:
            if placement.setting in NOT_SETTINGS:
                continue
            first = max(placement.start, start)
            until = last if placement.end is None else min(placement.end, last)
            if placement.end is not None and placement.end in starts \
                    and placement.end > placement.start:
                until = min(until, placement.end - timedelta(days=1))  # moved that day
            if first <= until:
                stays.append((placement, first, until))
    return sorted(stays, key=lambda s: (s[1], s[0].id))


def _siblings(case: Case, child_id: str) -> list[str]:
    """The other children of the case who share a parent with the child or are recorded as
    the child's siblings."""
    children = set(case.child_ids)
    parents: dict[str, set[str]] = {}
    found: set[str] = set()
    for rel in case.relationships:
        if rel.parent_role is not None or rel.kind in _PARENT_KINDS:
            parents.setdefault(rel.child_id, set()).add(rel.adult_id)
        if rel.kind is RelationshipKind.SIBLING:
            if rel.child_id == child_id:
                found.add(rel.adult_id)
            elif rel.adult_id == child_id:
                found.add(rel.child_id)
    mine = parents.get(child_id, set())
    found.update(other for other, theirs in parents.items() if mine & theirs)
    return sorted((found & children) - {child_id})


def _together(mine: Placement, theirs: Placement) -> bool:
    """The same home: a caregiver in common, or the same provider."""
    return bool(set(mine.caregiver_ids) & set(theirs.caregiver_ids)) or (
        mine.provider is not None and mine.provider == theirs.provider)


def _child_finding(case: Case, child_id: str, start: date, as_of: date,
                   stays: Mapping[str, list[Stay]]) -> Finding:
    rule = "siblings.placed_together"
    name = _name(case, child_id)
    subject = f"placement of {name} with siblings"
    mine = stays.get(child_id, [])
    siblings = _siblings(case, child_id)
    in_care: list[str] = []
    apart: list[str] = []
    unexplained: list[str] = []
    reasons: list[str] = []
    for sibling in siblings:
        overlapping = [(p, q) for p, a, b in mine for q, c, d in stays.get(sibling, [])
                       if a <= d and c <= b]
        if not overlapping:
            continue
        in_care.append(sibling)
        for p, q in overlapping:
            if _together(p, q):
                continue
            apart.append(f"{sibling} ({p.id} / {q.id})")
            reason = p.sibling_separation_reason or q.sibling_separation_reason
            if reason is None:
                unexplained.append(f"{sibling} ({p.id} / {q.id})")
            else:
                reasons.append(f"{p.id} / {q.id}: {reason}")
    facts: tuple[tuple[str, FactValue], ...] = (
        ("period under review from", start), ("as of", as_of),
        ("siblings in the case", word_list(siblings)),
        ("siblings in care at the same time", word_list(in_care)),
        ("placed apart", word_list(apart)),
        ("separation reasons", word_list(reasons)))
    if not mine:
        outcome = NA
        why = (f"{name} was in no placement setting in the period under review ({start} to "
               f"{as_of}), so CFSR item 7 does not apply.")
    elif not in_care:
        outcome = NA
        why = (f"No sibling of {name} was in foster care at the same time as the child in the "
               "period under review, so CFSR item 7 does not apply.")
    elif not apart:
        outcome = M
        why = (f"{name} lived with every sibling in care ({', '.join(in_care)}) whenever both "
               "were in care in the period under review (CFSR item 7 A).")
    elif not unexplained:
        outcome = M
        why = (f"{name} lived apart from a sibling in care, and every such placement records "
               "a reason for the separation (CFSR item 7 B); whether the reason is valid and "
               "needs-based is a reviewer's judgement.")
    else:
        outcome = NM
        why = (f"{name} lived apart from a sibling in care with no reason for the separation "
               f"recorded (CFSR item 7 A and B): {', '.join(unexplained)}.")
    return _finding(rule, outcome, child_id, _words, subject, why, facts, child_id=child_id)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``siblings.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    children = tuple(dict.fromkeys(case.child_ids))
    stays = {child_id: _stays(case, child_id, start, as_of) for child_id in children}
    return by_rule(_child_finding(case, child_id, start, as_of, stays)
                   for child_id in children)


def placed_together(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Placed with every sibling in care, or a reason for the separation recorded.

    Rule ``siblings.placed_together``; CFSR item 7. For each child of the case: ``met`` when
    the child lived with every sibling in care (a caregiver in common or the same provider)
    whenever both were in care in the period under review, or each placement where they lived
    apart records a ``sibling_separation_reason``; ``not_met`` when they lived apart without
    one; ``not_applicable`` when no sibling was in care at the same time, or the child was not
    in a placement setting in the period.

    Source: CFSR Round 3 onsite review instrument, item 7, questions A and B.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("siblings.placed_together", ())
