"""Objectives and services: ``services.*`` (seed 003 slides 30–33; seed 004).

Every service of a plan serves an objective, every objective has something planned toward it,
and every assessed person's needs are addressed. A service linked to an objective is not proof
that it is the *right* service: where the record cannot decide, the outcome is ``needs_review``.

The rules judge the plans known on ``as_of`` (plans completed later are ignored), plan by
plan, oldest first; the shape, the registry and the errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    CasePlan,
)
from practicemodel.findings import Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    _IGNORED_OBJECTIVE,
    NA,
    NM,
    NR,
    M,
    _finding,
    _known_service,
    _name,
    _plan_args,
    _plans_known,
    _role,
    _serves_plan_period,
    _sorted,
)
from practicemodel.rules._shared import about, by_rule, shared

__all__ = ["needs_addressed", "objective_has_service", "serves_objective"]


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
    own = set(plan.all_objective_ids())
    found = []
    for service in case.services:
        if not _known_service(service, as_of):
            continue
        linked = set(service.objective_ids)
        here = linked & own
        facts = [("service", service.id), ("category", service.category.value),
                 ("for", word_list(service.person_ids)), ("objectives", word_list(linked))]
        if here:
            outcome, why = M, f"The service serves objective(s) {word_list(here)} of this plan."
        elif not linked:
            outcome, why = NM, ("The service is linked to no objective: a service is an "
                                "activity that should lead to an objective's end state, so "
                                "the plan should say which objective it serves.")
        else:
            outcome, why = NA, (f"The service serves objective(s) {word_list(linked)} of other "
                                "plan versions, not this one.")
        found.append(_finding(
            "services.serves_objective", outcome, service.id,
            f"service {service.id} for plan {plan.id}", why, facts))
    return _sorted(found)


def _objectives_have_services(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                              as_of: date) -> tuple[Finding, ...]:
    """Check that each objective has something planned toward it (``services.objective_has_service``).

    ``met`` when at least one client responsibility, case management service, independent
    living service or recorded [`Service`][practicemodel.services.Service] names the
    objective; ``not_met`` otherwise; ``not_applicable`` for a cancelled objective or one
    entered in error.
    """  # noqa: E501
    _plan_args(plan, case, policy, as_of)
    found = []
    for objective in plan.objectives:
        oid = objective.id
        responsibilities = {r.id for r in plan.client_responsibilities if oid in r.objective_ids}
        agency = {s.id for s in plan.case_management_services if oid in s.objective_ids}
        living = {s.id for s in plan.independent_living_services if oid in s.objective_ids}
        services = {s.id for s in case.services
                    if oid in s.objective_ids and _known_service(s, as_of)}
        facts = [("objective", oid), ("lifecycle", objective.lifecycle.value),
                 ("client responsibilities", word_list(responsibilities)),
                 ("case management services", word_list(agency)),
                 ("independent living services", word_list(living)),
                 ("services", word_list(services))]
        if objective.lifecycle in _IGNORED_OBJECTIVE:
            outcome, why = NA, f"The objective is {objective.lifecycle.value}."
        elif responsibilities or agency or living or services:
            outcome, why = M, ("The plan says what the family and the agency will do toward "
                               "this objective.")
        else:
            outcome, why = NM, ("No client responsibility, case management service or service "
                                "is planned toward this objective: an objective with no "
                                "activity leading to it is unlikely to be reached.")
        found.append(attrs.evolve(_finding(
            "services.objective_has_service", outcome, oid,
            f"objective {oid} in plan {plan.id}", why, facts), objective_id=oid))
    return _sorted(found)


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
    found = []
    for person_id, (all_needs, priority) in _needs_by_person(case, plan).items():
        services = [s for s in case.services if person_id in s.person_ids
                    and _known_service(s, as_of) and _serves_plan_period(s, plan)]
        responsibilities = [r for r in plan.client_responsibilities
                            if person_id in r.person_ids]
        powered = sorted({s.id for s in services if s.dosage is not None}
                         | {r.id for r in responsibilities if r.frequency is not None})
        role = _role(case, person_id)
        facts = [("person", person_id), ("role", role), ("needs", word_list(all_needs)),
                 ("priority needs", word_list(priority)),
                 ("services", word_list(s.id for s in services)),
                 ("client responsibilities", word_list(r.id for r in responsibilities)),
                 ("with dosage or frequency", word_list(powered))]
        if not services and not responsibilities:
            outcome, why = NM, (f"{_name(case, person_id)}, {role}, has assessed needs "
                                f"({word_list(all_needs)}) but no service or client responsibility "
                                "for them is in the plan or the case.")
        elif priority and not powered:
            outcome, why = NR, (f"{_name(case, person_id)} has a priority need "
                                f"({word_list(priority)}) and none of their services or "
                                "responsibilities records a dosage or frequency: the data cannot "
                                "show the service matches the need.")
        else:
            outcome, why = M, (f"{_name(case, person_id)}, {role}, has at least one service or "
                               "client responsibility. Whether it fits each need is for the "
                               "caseworker and supervisor to judge.")
        found.append(_finding(
            "services.needs_addressed", outcome, person_id,
            f"needs of {person_id} ({role}) in plan {plan.id}", why, facts))
    return _sorted(found)

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for known in _plans_known(case, as_of):
        per_plan: list[Finding] = []
        for check in (_services_serve_objectives,
                      _objectives_have_services,
                      _needs_addressed):
            per_plan.extend(check(known, case=case, policy=policy, as_of=as_of))
        found.extend(about(f, plan_id=known.id) for f in _sorted(per_plan))
    return by_rule(found)


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
