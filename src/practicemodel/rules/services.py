"""Objectives and services: ``services.*`` (seed 003 slides 30–33; seed 004).

Every service of a plan serves an objective, every objective has something planned toward it,
and every assessed person's needs are addressed. A service linked to an objective is not proof
that it is the *right* service: where the record cannot decide, the outcome is ``needs_review``.

The rules judge the plans known on ``as_of`` (plans completed later are ignored), plan by
plan, oldest first; the shape, the registry and the errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    CaseManagementService,
    CasePlan,
    ClientResponsibility,
    IndependentLivingService,
    ServiceObjective,
)
from practicemodel.findings import Explanation, Finding, Outcome, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.rules._plans import (
    _IGNORED_OBJECTIVE,
    NA,
    NM,
    NR,
    M,
    _known_service,
    _name,
    _plan_args,
    _plans_known,
    _role,
    _serves_plan_period,
    _words,
)
from practicemodel.rules._shared import by_rule, shared
from practicemodel.services import Service

__all__ = ["needs_addressed", "objective_has_service", "serves_objective"]

RULE_SERVES = "services.serves_objective"
RULE_OBJECTIVE = "services.objective_has_service"
RULE_NEEDS = "services.needs_addressed"
_SERVES = get_rule(RULE_SERVES)
_OBJECTIVE = get_rule(RULE_OBJECTIVE)
_NEEDS = get_rule(RULE_NEEDS)
_SUBJECT_ID = attrgetter("subject_id")


_Planned = ClientResponsibility | CaseManagementService | IndependentLivingService
"""What a plan says the family or the agency will do toward objectives."""


def _by_subject(findings: list[Finding]) -> list[Finding]:
    """One rule's findings for one plan, by subject id (record order among equal ids)."""
    findings.sort(key=_SUBJECT_ID)
    return findings


class _Known(NamedTuple):
    """The case's services known on ``as_of``, in record order, and indexed (built once per
    check, shared by every plan)."""

    services: tuple[Service, ...]
    ids_by_objective: Mapping[str, tuple[str, ...]]
    """The ids of the services linked to each objective."""
    by_person: Mapping[str, tuple[Service, ...]]
    """The services for each person."""


def _known(case: Case, as_of: date) -> _Known:
    services = tuple(s for s in case.services if _known_service(s, as_of))
    by_objective: dict[str, list[str]] = {}
    by_person: dict[str, list[Service]] = {}
    for service in services:
        for objective_id in service.objective_ids:
            by_objective.setdefault(objective_id, []).append(service.id)
        for person_id in dict.fromkeys(service.person_ids):
            by_person.setdefault(person_id, []).append(service)
    return _Known(services, {k: tuple(v) for k, v in by_objective.items()},
                  {k: tuple(v) for k, v in by_person.items()})


def _ids_by_objective(items: Iterable[_Planned]) -> dict[str, list[str]]:
    """The ids of ``items`` (responsibilities, planned services) linked to each objective."""
    by_objective: dict[str, list[str]] = {}
    for item in items:
        for objective_id in item.objective_ids:
            by_objective.setdefault(objective_id, []).append(item.id)
    return by_objective


# -- 1. objectives and services -------------------------------------------------------------


def _services_serve_objectives(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                               as_of: date) -> tuple[Finding, ...]:
    """Check that each service of the case serves an objective (``services.serves_objective``).

    One finding per service known on ``as_of``: ``met`` when it is linked to an objective of
    this plan; ``not_met`` when it is linked to no objective at all (an activity with no end
    state, seed 003 slides 32–33); ``not_applicable`` when it serves only objectives of other
    plan versions.
    """
    _plan_args(plan, case, policy, as_of)
    return tuple(_serves(plan, _known(case, as_of)))


def _serves(plan: CasePlan, known: _Known) -> list[Finding]:
    own = frozenset([o.id for o in plan.objectives])
    found = []
    for service in known.services:
        linked = service.objective_ids
        here = own.intersection(linked)
        outcome = M if here else NA if linked else NM
        found.append(Finding.deferred(
            rule=RULE_SERVES, outcome=outcome, subject_id=service.id, explain=_serves_words,
            args=(service, plan.id, outcome, here), components=_SERVES.components,
            source=_SERVES.source, plan_id=plan.id))
    return _by_subject(found)


def _serves_words(service: Service, plan_id: str, outcome: Outcome,
                  here: frozenset[str]) -> Explanation:
    """The words of a ``services.serves_objective`` finding."""
    if outcome is M:
        why = f"The service serves objective(s) {word_list(here)} of this plan."
    elif outcome is NM:
        why = ("The service is linked to no objective: a service is an activity that should "
               "lead to an objective's end state, so the plan should say which objective it "
               "serves.")
    else:
        why = (f"The service serves objective(s) {word_list(service.objective_ids)} of other "
               "plan versions, not this one.")
    return _words(f"service {service.id} for plan {plan_id}", why,
                  (("service", service.id), ("category", service.category.value),
                   ("for", word_list(service.person_ids)),
                   ("objectives", word_list(service.objective_ids))))


def _objectives_have_services(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                              as_of: date) -> tuple[Finding, ...]:
    """Check that each objective has something planned toward it (``services.objective_has_service``).

    ``met`` when at least one client responsibility, case management service, independent
    living service or recorded [`Service`][practicemodel.services.Service] names the
    objective; ``not_met`` otherwise; ``not_applicable`` for a cancelled objective or one
    entered in error.
    """  # noqa: E501
    _plan_args(plan, case, policy, as_of)
    return tuple(_planned_toward(plan, _known(case, as_of)))


def _planned_toward(plan: CasePlan, known: _Known) -> list[Finding]:
    if not plan.objectives:
        return []
    responsibilities = _ids_by_objective(plan.client_responsibilities)
    agency = _ids_by_objective(plan.case_management_services)
    living = _ids_by_objective(plan.independent_living_services)
    found = []
    for objective in plan.objectives:
        oid = objective.id
        planned = (tuple(responsibilities.get(oid, ())), tuple(agency.get(oid, ())),
                   tuple(living.get(oid, ())), known.ids_by_objective.get(oid, ()))
        if objective.lifecycle in _IGNORED_OBJECTIVE:
            outcome = NA
        elif any(planned):
            outcome = M
        else:
            outcome = NM
        found.append(Finding.deferred(
            rule=RULE_OBJECTIVE, outcome=outcome, subject_id=oid, explain=_planned_words,
            args=(objective, plan.id, outcome, planned), components=_OBJECTIVE.components,
            source=_OBJECTIVE.source, plan_id=plan.id, objective_id=oid))
    return _by_subject(found)


def _planned_words(objective: ServiceObjective, plan_id: str, outcome: Outcome,
                   planned: tuple[tuple[str, ...], ...]) -> Explanation:
    """The words of a ``services.objective_has_service`` finding."""
    responsibilities, agency, living, services = planned
    if outcome is NA:
        why = f"The objective is {objective.lifecycle.value}."
    elif outcome is M:
        why = "The plan says what the family and the agency will do toward this objective."
    else:
        why = ("No client responsibility, case management service or service is planned "
               "toward this objective: an objective with no activity leading to it is "
               "unlikely to be reached.")
    return _words(f"objective {objective.id} in plan {plan_id}", why,
                  (("objective", objective.id), ("lifecycle", objective.lifecycle.value),
                   ("client responsibilities", word_list(responsibilities)),
                   ("case management services", word_list(agency)),
                   ("independent living services", word_list(living)),
                   ("services", word_list(services))))


def _needs_by_person(case: Case, plan: CasePlan) -> dict[str, tuple[set[str], set[str]]]:
    """Each assessed person's needs and priority needs, from their latest assessment."""
    latest: dict[str, date] = {}
    for assessment in case.strengths_needs_assessments:
        if assessment.completed_on > plan.completed_on:
            continue
        for entry in assessment.people:
            if latest.get(entry.person_id, date.min) < assessment.completed_on:
                latest[entry.person_id] = assessment.completed_on
    needs: dict[str, tuple[set[str], set[str]]] = {}
    for assessment in case.strengths_needs_assessments:
        for entry in assessment.people:
            if latest.get(entry.person_id) != assessment.completed_on:
                continue
            all_needs, priority = needs.setdefault(entry.person_id, (set(), set()))
            all_needs.update(n.id for n in entry.needs)
            priority.update(n.id for n in entry.needs if n.priority)
    return {person: sets for person, sets in needs.items() if sets[0]}


def _needs_addressed(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                     as_of: date) -> tuple[Finding, ...]:
    """Check that each person with assessed needs has a service or responsibility (``services.needs_addressed``).

    For each person (mother, father, child, foster parent...) with needs in their latest
    strengths and needs assessment completed on or before the plan date, the plan or the case
    should hold at least one client responsibility or service for that person, not declined
    and not ended before the plan (seed 004: "services for the child, father, mother and
    foster parents ... that address identified needs"). ``not_met`` when there is none.

    A priority need whose services and responsibilities record no dosage or frequency is
    ``needs_review``: the data cannot show the service is strong enough for the need (seed 004
    tip 10: do not select underpowered services). The check never claims that a service
    does not match a need: the record does not say which need a service addresses.
    """  # noqa: E501
    _plan_args(plan, case, policy, as_of)
    return tuple(_addressed(plan, case, _known(case, as_of)))


def _addressed(plan: CasePlan, case: Case, known: _Known) -> list[Finding]:
    needs = _needs_by_person(case, plan)
    if not needs:
        return []
    by_person: dict[str, list[ClientResponsibility]] = {}
    for responsibility in plan.client_responsibilities:
        for person_id in dict.fromkeys(responsibility.person_ids):
            by_person.setdefault(person_id, []).append(responsibility)
    found = []
    for person_id, (all_needs, priority) in needs.items():
        services = tuple(s for s in known.by_person.get(person_id, ())
                         if _serves_plan_period(s, plan))
        responsibilities = tuple(by_person.get(person_id, ()))
        if not services and not responsibilities:
            outcome = NM
        elif priority and not _powered(services, responsibilities):
            outcome = NR
        else:
            outcome = M
        found.append(Finding.deferred(
            rule=RULE_NEEDS, outcome=outcome, subject_id=person_id, explain=_needs_words,
            # the name and role, not the case: a finding kept unread keeps no case alive
            args=(_name(case, person_id), _role(case, person_id), plan.id, person_id, outcome,
                  frozenset(all_needs), frozenset(priority), services, responsibilities),
            components=_NEEDS.components, source=_NEEDS.source, plan_id=plan.id))
    return _by_subject(found)


def _powered(services: tuple[Service, ...],
             responsibilities: tuple[ClientResponsibility, ...]) -> list[str]:
    """The services with a dosage and the responsibilities with a frequency, by id."""
    return sorted({s.id for s in services if s.dosage is not None}
                  | {r.id for r in responsibilities if r.frequency is not None})


def _needs_words(name: str, role: str, plan_id: str, person_id: str, outcome: Outcome,
                 all_needs: frozenset[str], priority: frozenset[str],
                 services: tuple[Service, ...],
                 responsibilities: tuple[ClientResponsibility, ...]) -> Explanation:
    """The words of a ``services.needs_addressed`` finding."""
    if outcome is NM:
        why = (f"{name}, {role}, has assessed needs "
               f"({word_list(all_needs)}) but no service or client responsibility "
               "for them is in the plan or the case.")
    elif outcome is NR:
        why = (f"{name} has a priority need "
               f"({word_list(priority)}) and none of their services or "
               "responsibilities records a dosage or frequency: the data cannot "
               "show the service matches the need.")
    else:
        why = (f"{name}, {role}, has at least one service or "
               "client responsibility. Whether it fits each need is for the "
               "caseworker and supervisor to judge.")
    return _words(f"needs of {person_id} ({role}) in plan {plan_id}", why,
                  (("person", person_id), ("role", role), ("needs", word_list(all_needs)),
                   ("priority needs", word_list(priority)),
                   ("services", word_list(s.id for s in services)),
                   ("client responsibilities", word_list(r.id for r in responsibilities)),
                   ("with dosage or frequency",
                    word_list(_powered(services, responsibilities)))))

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """The three rules for every plan known on ``as_of``, plan by plan, oldest first."""
    known = _known(case, as_of)
    needs: list[Finding] = []
    objectives: list[Finding] = []
    services: list[Finding] = []
    for plan in _plans_known(case, as_of):
        needs.extend(_addressed(plan, case, known))
        objectives.extend(_planned_toward(plan, known))
        services.extend(_serves(plan, known))
    return by_rule([*needs, *objectives, *services])


def needs_addressed(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each assessed person's needs are addressed.

    Rule ``services.needs_addressed``; CFSR item 12. Source: seed 004, Planning is third; seed
    004 tip 10.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("services.needs_addressed", ())


def objective_has_service(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each objective has something planned toward it.

    Rule ``services.objective_has_service``; CFSR item 12. Source: seed 003 slides 30-33; seed
    004, Planning is third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("services.objective_has_service", ())


def serves_objective(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each service serves an objective of the plan.

    Rule ``services.serves_objective``; CFSR item 12. Source: seed 003 slides 30-33; seed 004,
    Planning is third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("services.serves_objective", ())
