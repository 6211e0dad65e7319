"""The relationship of a child in care with the parents: ``parent_child.*`` (CFSR Round 3
item 11).

CFSR item 11, *relationship of child in care with parents* (Permanency Outcome 2), asks for
each parent the child was removed from whether the agency made efforts, beyond arranging
visits, to promote and support the bond between the child and the mother (question A) and
the father (B): encouraging the parent to take part in the child's school activities, case
conferences and doctor's appointments, providing or arranging transportation, therapeutic
situations that help parent and child strengthen their relationship. The item is a Strength
when both are Yes, or one is Yes and the other NA; an Area Needing Improvement when either is
No; Not Applicable when both parents are out of scope.

``parent_child.relationship_supported`` gives one finding per child in foster care in the
period under review and parent the child was removed from (the episode's
``removed_from_ids`` and relationships recorded ``removed_from``):

- ``not_applicable`` for a parent out of scope: deceased before the period under review
  began, parental rights terminated on or before its first day (for the whole period)
  without a recorded reason to keep involving the parent, or whereabouts unknown;
- ``met`` when the record shows an effort in the period: a service, active in the period,
  whose people are both the parent and the child (family counseling, a parent–child
  therapy, a medical, dental or school service the parent attends with the child,
  transportation for the two of them), or a case planning or family team meeting, or other
  involvement event, in the period naming both the parent and the child (the parent's part
  in the child's case conferences);
- ``not_met`` otherwise.

With no parent removed from recorded, the child has one ``not_applicable`` finding. With the
review's generic item rule (Not Applicable when no finding applies, Area Needing Improvement
when an applicable finding is not met, Strength otherwise) these give the item's rating.

Not computed, because the record does not hold it: efforts the case file describes in words
only (a foster parent mentoring the parent, phone calls encouraged), and whether the efforts
were concerted; a reviewer reads the notes when the finding is ``not_met``. Family
visitation itself is item 8 (``visitation.*``), not item 11.

Every child of the case is judged (the library rates each child in foster care, not one
target child); a child not in foster care in the period, and every child of an in-home case,
is ``not_applicable``. Records dated after ``as_of`` are not known yet.

The rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
its findings child by child in the order of ``case.child_ids``, each child's parents by id.
The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import episodes_in_period, not_in_care
from practicemodel.rules._plans import _name, _person, _words
from practicemodel.rules._shared import by_child, shared
from practicemodel.rules._visiting import _finding

__all__ = ["relationship_supported"]

M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE

_RULE = "parent_child.relationship_supported"


def _out_of_scope(case: Case, child_id: str, parent_id: str, start: date,
                  as_of: date) -> str | None:
    """Why the parent is out of scope for item 11, or ``None``."""
    person = _person(case, parent_id)
    if person is not None and person.deceased_on is not None and person.deceased_on < start:
        return f"died on {person.deceased_on}, before the period under review"
    for rel in case.relationships:
        rights = rel.parental_rights
        if rel.adult_id == parent_id and rel.child_id == child_id and rights is not None \
                and rights.terminated_on <= start \
                and rights.continued_involvement_reason is None:
            return (f"parental rights terminated on {rights.terminated_on}, for the whole "
                    "period under review")
    if person is not None and not person.whereabouts_known:
        return "whereabouts unknown"
    return None


def _efforts(case: Case, child_id: str, parent_id: str, start: date,
             as_of: date) -> list[str]:
    """The efforts on record in the period for the parent and the child together."""
    found: list[str] = []
    for service in sorted(case.services, key=lambda s: s.id):
        if parent_id not in service.person_ids or child_id not in service.person_ids:
            continue
        began = service.started_on or service.referred_on
        if began is None or began > as_of or (service.ended_on is not None
                                              and service.ended_on < start):
            continue
        found.append(f"service {service.id} ({service.category.value}, "
                     f"{service.status.value})")
    for event in sorted(case.involvement_events, key=lambda e: (e.occurred_on, e.id)):
        if parent_id in event.person_ids and child_id in event.person_ids \
                and start <= event.occurred_on <= as_of:
            found.append(f"{event.setting.value} {event.id} on {event.occurred_on} "
                         f"({event.outcome.value})")
    return found


def _child_findings(case: Case, child_id: str, start: date, as_of: date) -> Iterator[Finding]:
    name = _name(case, child_id)
    episodes = episodes_in_period(case, child_id, start, as_of)
    if not episodes:
        yield from not_in_care((_RULE,), child_id, name, f"relationship of {name} with parents",
                               11, start, as_of)
        return
    base: tuple[tuple[str, FactValue], ...] = (("period under review from", start),
                                               ("as of", as_of))
    parents = sorted({p for e in episodes for p in e.removed_from_ids} | {
        r.adult_id for r in case.relationships if r.child_id == child_id and r.removed_from})
    if not parents:
        why = (f"No parent or caregiver {name} was removed from is recorded, so CFSR item 11 "
               "has no parent to judge.")
        yield _finding(_RULE, NA, child_id, _words, f"relationship of {name} with parents",
                       why, base, child_id=child_id)
        return
    for parent_id in parents:
        parent = _name(case, parent_id)
        subject = f"relationship of {name} with {parent}"
        excluded = _out_of_scope(case, child_id, parent_id, start, as_of)
        efforts = [] if excluded else _efforts(case, child_id, parent_id, start, as_of)
        facts = (*base, ("parent", parent_id), ("out of scope", excluded),
                 ("efforts", word_list(efforts)))
        if excluded is not None:
            outcome = NA
            why = (f"{parent} is out of scope for CFSR item 11 ({excluded}).")
        elif efforts:
            outcome = M
            why = (f"Beyond visits, the record shows efforts in the period to support the "
                   f"bond between {name} and {parent} (CFSR item 11): {'; '.join(efforts)}.")
        else:
            outcome = NM
            why = (f"No effort beyond visits to support the bond between {name} and {parent} "
                   "is recorded in the period (no service or meeting with both; CFSR item "
                   "11); a reviewer should read the case notes for efforts recorded only in "
                   "words.")
        yield _finding(_RULE, outcome, parent_id, _words, subject, why, facts,
                       person_id=parent_id, child_id=child_id)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``parent_child.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    return by_child(case, lambda child_id: _child_findings(case, child_id, start, as_of))


def relationship_supported(case: Case, *, policy: PolicyProfile,
                           as_of: date) -> tuple[Finding, ...]:
    """Efforts beyond visits support the child's bond with each parent removed from.

    Rule ``parent_child.relationship_supported``; CFSR item 11. For each child of the case in
    foster care in the period under review and each parent the child was removed from:
    ``met`` when a service for both the parent and the child was active in the period, or an
    involvement event in the period names both; ``not_met`` otherwise; ``not_applicable`` for
    a parent out of scope (deceased before the period, rights terminated for the whole period
    without a reason to keep involving the parent, whereabouts unknown). A child with no
    parent removed from, or not in foster care in the period, has one ``not_applicable``
    finding.

    Source: CFSR Round 3 onsite review instrument, item 11, questions A and B.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get(_RULE, ())
