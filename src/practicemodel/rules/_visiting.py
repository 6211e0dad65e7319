"""Helpers the visit, visitation and staffing rule modules share: the period under review,
the children in care in it, names in words, building a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from practicemodel._memo import per_case
from practicemodel.case import Case
from practicemodel.findings import Explanation, Fact, FactValue, Finding, Outcome
from practicemodel.people import Person
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.rules._shared import by_rule


def _period_start(policy: PolicyProfile, as_of: date) -> date:
    """The first day of the period under review ending on ``as_of``."""
    return review_period_start(as_of, policy.review_period_months)


def _finding(rule: str, outcome: Outcome, subject_id: str, explain: Callable[..., Explanation],
             *args: Any, person_id: str | None = None, child_id: str | None = None) -> Finding:
    """A finding of ``rule`` decided now and put in words by ``explain(*args)`` when read,
    with the components and source the registry declares for it."""
    info = get_rule(rule)
    return Finding.deferred(rule=rule, outcome=outcome, subject_id=subject_id, explain=explain,
                            args=args, components=info.components, source=info.source,
                            person_id=person_id, child_id=child_id)


def _facts(*facts: tuple[str, FactValue]) -> tuple[Fact, ...]:
    """Facts from ``(label, value)`` pairs."""
    return tuple(Fact(label=label, value=value) for label, value in facts)


@per_case
def _people(case: Case) -> Mapping[str, Person]:
    """The case's people by id (the first of an id)."""
    people: dict[str, Person] = {}
    for person in case.people:
        people.setdefault(person.id, person)
    return people


def _name(person: Person | None, person_id: str) -> str:
    """``"Ava Wilson (ava)"``, or the id alone for someone not in the case's people."""
    return person_id if person is None else f"{person.name} ({person_id})"


def _monthly_outcome(required: bool, months: Sequence[int], missed: Sequence[int]) -> Outcome:
    """The outcome of a monthly frequency rule: not applicable when the profile does not
    require it or no month is judged, not met when a judged month was missed, else met."""
    if not required or not months:
        return Outcome.NOT_APPLICABLE
    return Outcome.NOT_MET if missed else Outcome.MET


def _share(value: float | None) -> str:
    return "(none)" if value is None else f"{value:.1%}"


def _children_in_care(case: Case, period_start: date, as_of: date) -> list[str]:
    """The children of the case in foster care on some day of ``[period_start, as_of]``."""
    return sorted({e.child_id for e in case.removal_episodes
                   if e.removed_on <= as_of and (e.exit_on is None or e.exit_on >= period_start)
                   and e.child_id in case.child_ids})


def _grouped(found: Iterable[Finding]) -> Mapping[str, tuple[Finding, ...]]:
    """Findings by rule, in the order given: the families give each rule's findings sorted by
    subject id (they go through children and parents by id), so results never depend on the
    order of the record's collections."""
    return by_rule(found)
