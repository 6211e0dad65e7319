"""Helpers the plan-quality rule modules share (services, goals, concurrent, plan, closure,
reunification): the plans known on a date, names and roles in words, building a finding."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from practicemodel._arguments import instance_arg, rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    AchievementStatus,
    CasePlan,
    ObjectiveLifecycle,
    PermanencyGoal,
    PlanKind,
)
from practicemodel.findings import Explanation, Fact, FactValue, Finding, Outcome, word_list
from practicemodel.people import ParentRole, Person, RelationshipKind
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.services import Service, ServiceStatus

M, NM, NA, NR = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NEEDS_REVIEW


# The source a few not-applicable findings cite instead of their own rule's: the family's,
# read from the registry (see the notes where they are used).
_FAMILY_SOURCE = {"concurrent": get_rule("concurrent.required").source,
                  "closure": get_rule("closure.criteria_in_first_plan").source}

_EXPLAINED = frozenset({ObjectiveLifecycle.CANCELLED, ObjectiveLifecycle.COMPLETED,
                        ObjectiveLifecycle.ENTERED_IN_ERROR})
_ACHIEVED = frozenset({AchievementStatus.ACHIEVED, AchievementStatus.SUSTAINING})
_IGNORED_OBJECTIVE = frozenset({ObjectiveLifecycle.CANCELLED,
                                ObjectiveLifecycle.ENTERED_IN_ERROR})


# -- helpers --------------------------------------------------------------------------------


def _plan_args(plan: object, case: object, policy: object, as_of: object) -> None:
    instance_arg(plan, CasePlan, "plan")
    rule_args(case, policy, as_of)


def _plan_subject(plan: CasePlan) -> str:
    return f"plan {plan.id} ({plan.kind.value}, {plan.completed_on.isoformat()})"


def _words(subject: str, explanation: str,
           facts: tuple[tuple[str, FactValue], ...]) -> Explanation:
    return subject, explanation, tuple(Fact(label=label, value=value) for label, value in facts)


def _finding(rule: str, outcome: Outcome, subject_id: str, subject: str, explanation: str,
             facts: Iterable[tuple[str, FactValue]], *, source: str | None = None) -> Finding:
    """A finding of ``rule``, with the components and source the registry declares for it
    (``source`` replaces the source where a finding cites another one); its facts are
    built when first read."""
    info = get_rule(rule)
    return Finding.deferred(rule=rule, outcome=outcome, subject_id=subject_id,
                            explain=_words, args=(subject, explanation, tuple(facts)),
                            components=info.components,
                            source=info.source if source is None else source)


def _sorted(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.rule, f.subject_id)))


def _person(case: Case, person_id: str) -> Person | None:
    for person in case.people:
        if person.id == person_id:
            return person
    return None


def _name(case: Case, person_id: str) -> str:
    person = _person(case, person_id)
    return f"{person.name} ({person_id})" if person is not None else person_id


def _in_care_on(case: Case, child_id: str, when: date) -> bool:
    return any(e.child_id == child_id and e.is_open_on(when) for e in case.removal_episodes)


def _role(case: Case, person_id: str) -> str:
    """The person's role in words: child, mother, father, foster parent or other."""
    if person_id in case.child_ids:
        return "child"
    roles = set()
    for rel in case.relationships:
        if rel.adult_id != person_id:
            continue
        if rel.parent_role is not None:
            roles.add(rel.parent_role.value)
        elif rel.kind is RelationshipKind.FOSTER_PARENT:
            roles.add("foster parent")
    return " and ".join(sorted(roles)) if roles else "family member"


def _parents(case: Case, plan: CasePlan) -> dict[str, set[ParentRole]]:
    """Mothers and fathers of the plan's children, related on the plan date."""
    when = plan.completed_on
    parents: dict[str, set[ParentRole]] = {}
    for rel in case.relationships:
        if rel.child_id not in plan.child_ids or rel.parent_role is None:
            continue
        if (rel.start is not None and rel.start > when) or (
                rel.end is not None and rel.end < when):
            continue
        parents.setdefault(rel.adult_id, set()).add(rel.parent_role)
    return parents


def _known_service(service: Service, as_of: date) -> bool:
    first = service.referred_on or service.started_on
    return first is None or first <= as_of


def _serves_plan_period(service: Service, plan: CasePlan) -> bool:
    """A service counts for a plan unless declined or ended before the plan was completed."""
    if service.status is ServiceStatus.DECLINED:
        return False
    return service.ended_on is None or service.ended_on >= plan.completed_on


def _concurrent_required(plan: CasePlan, case: Case,
                         policy: PolicyProfile) -> tuple[bool, str]:
    """Whether a concurrent plan is required, and why (or why not) in words."""
    if not policy.concurrent_planning_required:
        return False, (f"policy {policy.code} does not require concurrent planning: federal law "
                       "permits concurrent efforts but does not require them "
                       "(42 USC 671(a)(15)(F))")
    if plan.permanency_goal is not PermanencyGoal.RETURN_HOME:
        goal = plan.permanency_goal.value if plan.permanency_goal else "(none)"
        return False, (f"the permanency goal is {goal}, not return_home: concurrent planning "
                       "is required for a child receiving reunification services")
    in_care = sorted(c for c in plan.child_ids if _in_care_on(case, c, plan.completed_on))
    if not in_care:
        return False, ("no child covered by the plan was in foster care on the plan date, and "
                       "concurrent planning is required for children in care")
    return True, (f"policy {policy.code} requires concurrent planning for a child in foster "
                  f"care with a reunification goal ({word_list(in_care)})")


def _plans_known(case: Case, as_of: date) -> list[CasePlan]:
    return sorted((p for p in case.plans if p.completed_on <= as_of),
                  key=lambda p: (p.completed_on, p.kind is PlanKind.UPDATE, p.id))


def _case_subject(case: Case) -> str:
    return f"case {case.id}"


def _active_safety_plans(case: Case, as_of: date) -> list[str]:
    return sorted(a.safety_plan.id for a in case.safety_assessments
                  if a.completed_on <= as_of and a.safety_plan is not None
                  and a.safety_plan.is_active_on(as_of))


