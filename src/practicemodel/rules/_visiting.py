"""Helpers the visit, visitation and staffing rule modules share: the period under review,
the children in care in it, names in words, building a finding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from practicemodel.case import Case
from practicemodel.findings import Fact, FactValue, Finding, Outcome
from practicemodel.monthly import in_person_contacts
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.rules._shared import by_rule
from practicemodel.visits import CaseworkerContact


def _period_start(policy: PolicyProfile, as_of: date) -> date:
    """The first day of the period under review ending on ``as_of``."""
    return review_period_start(as_of, policy.review_period_months)


def _finding(rule: str, outcome: Outcome, subject_id: str, subject: str, explanation: str,
             facts: Iterable[tuple[str, FactValue]], *, person_id: str | None = None) -> Finding:
    """A finding of ``rule``, with the components and source the registry declares for it."""
    info = get_rule(rule)
    return Finding(rule=rule, outcome=outcome, subject_id=subject_id, subject=subject,
                   explanation=explanation,
                   facts=tuple(Fact(label=label, value=value) for label, value in facts),
                   components=info.components, source=info.source, person_id=person_id)


def _name(case: Case, person_id: str) -> str:
    for person in case.people:
        if person.id == person_id:
            return f"{person.name} ({person_id})"
    return person_id


def _share(value: float | None) -> str:
    return "(none)" if value is None else f"{value:.1%}"


def _in_person_with(case: Case, person_id: str) -> list[CaseworkerContact]:
    return list(in_person_contacts(case).get(person_id, ()))


def _children_in_care(case: Case, period_start: date, as_of: date) -> list[str]:
    """The children of the case in foster care on some day of ``[period_start, as_of]``."""
    return sorted({e.child_id for e in case.removal_episodes
                   if e.removed_on <= as_of and (e.exit_on is None or e.exit_on >= period_start)
                   and e.child_id in case.child_ids})


def _grouped(found: Iterable[Finding]) -> Mapping[str, tuple[Finding, ...]]:
    """Findings by rule, each rule's sorted by subject id (results never depend on the order
    of the record's collections)."""
    return by_rule(sorted(found, key=lambda f: (f.rule, f.subject_id)))
