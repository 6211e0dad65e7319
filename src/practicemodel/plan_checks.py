"""Case plan quality: services against objectives and needs, goals, completeness, closure.

The two entry points have the shape shared by all practicemodel rules (see
[`practicemodel.findings`][practicemodel.findings]): a plan (or a case), keyword-only
``case``, ``policy`` and, where time matters, ``as_of``, returning a tuple of
[`Finding`][practicemodel.findings.Finding]s. The sub-checks they run (one per group of
rule ids) are private. A poor plan gives ``not_met`` findings; only
junk input raises ([`InvalidInputError`][practicemodel.errors.InvalidInputError]).

The rule families and their stable ids:

1. **Objectives and services** (seed 003 slides 30–33; seed 004): ``services.serves_objective``,
   ``services.objective_has_service``, ``services.needs_addressed``.
2. **Permanency goals and concurrent planning** (seed 003 slides 8–9, 51, 58–59;
   42 USC 675(5)(C), 675a(a), 671(a)(15)(F)): ``goals.valid``, ``goals.appla_age``,
   ``goals.represents_permanency``, ``concurrent.required``, ``concurrent.differs``,
   ``concurrent.represents_permanency``, ``concurrent.has_steps``,
   ``concurrent.efforts_recorded``.
3. **Completeness** (seed 003 slides 26–27, 56, 58; 45 CFR 1356.21(g); seed 004 tip 6):
   ``plan.components``, ``plan.out_of_home``, ``plan.participation``, ``plan.parent_input``,
   ``plan.update_content``.
4. **Safe closure and readiness** (seed 004, "Planning is third"; seed 003 slides 60–63):
   ``closure.criteria_in_first_plan``, ``closure.criteria_measured``, ``closure.ready``,
   ``reunification.ready``, ``closure.aftercare``.

[`check_plan`][practicemodel.plan_checks.check_plan] runs families 1–3 for one plan;
[`check_case_plans`][practicemodel.plan_checks.check_case_plans] runs them for every plan
known on ``as_of`` and adds family 4.

The checks only claim what the data can show. A service linked to an objective is not proof
that it is the *right* service, and a service recorded for a person is not proof that it
matches that person's need: where the record cannot decide, the outcome is ``needs_review``.
Results never depend on the order of items in the record's collections: findings come out
sorted by rule and subject id, and lists in explanations are sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from practicemodel._arguments import instance_arg, rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    AchievementStatus,
    CasePlan,
    ClosureCategory,
    CriterionStatus,
    ObjectiveLifecycle,
    Participation,
    PermanencyGoal,
    PlanKind,
)
from practicemodel.findings import Fact, Finding, Outcome, word_list
from practicemodel.people import ParentRole, Person, RelationshipKind
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.services import Service, ServiceStatus

__all__ = [
    "check_case_plans",
    "check_plan",
]

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


def _check_args(case: object, policy: object, as_of: object, *, as_of_required: bool,
                plan: object = None, plan_required: bool = False) -> None:
    if plan_required:
        instance_arg(plan, CasePlan, "plan")
    rule_args(case, policy, as_of, as_of_required=as_of_required)


def _plan_args(plan: object, case: object, policy: object, as_of: object) -> None:
    _check_args(case, policy, as_of, as_of_required=False, plan=plan, plan_required=True)


def _plan_subject(plan: CasePlan) -> str:
    return f"plan {plan.id} ({plan.kind.value}, {plan.completed_on.isoformat()})"


def _finding(rule: str, outcome: Outcome, subject_id: str, subject: str, explanation: str,
             facts: Iterable[tuple[str, str]], *, source: str | None = None) -> Finding:
    """A finding of ``rule``, with the components and source the registry declares for it
    (``source`` replaces the source where a finding cites another one)."""
    info = get_rule(rule)
    return Finding(rule=rule, outcome=outcome, subject_id=subject_id, subject=subject,
                   explanation=explanation,
                   facts=tuple(Fact(label=label, value=value) for label, value in facts),
                   components=info.components, source=info.source if source is None else source)


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


def _known_service(service: Service, as_of: date | None) -> bool:
    if as_of is None:
        return True
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


# -- 1. objectives and services -------------------------------------------------------------


def _services_serve_objectives(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                               as_of: date | None = None) -> tuple[Finding, ...]:
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
                              as_of: date | None = None) -> tuple[Finding, ...]:
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
        found.append(_finding(
            "services.objective_has_service", outcome, oid,
            f"objective {oid} in plan {plan.id}", why, facts))
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
                     as_of: date | None = None) -> tuple[Finding, ...]:
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


# -- 2. permanency goals and concurrent planning --------------------------------------------


def _permanency_goals(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                      as_of: date | None = None) -> tuple[Finding, ...]:
    """Check the permanency goal (``goals.valid``, ``goals.appla_age``, ``goals.represents_permanency``).

    The goal is stated and in use under the policy; APPLA (as goal or concurrent goal) only
    for children at least ``policy.appla_min_age`` on the plan date with a documented
    compelling reason; the goal represents permanency under the policy (seed 003 slide 9: the
    long-term foster care goals "do not actually represent permanency").
    """  # noqa: E501
    _plan_args(plan, case, policy, as_of)
    subject, pid = _plan_subject(plan), plan.id
    goal = plan.permanency_goal
    goal_fact = ("permanency goal", goal.value if goal else "(none)")
    in_use = word_list(g.value for g in policy.permanency_goals)
    if goal is None:
        valid = _finding("goals.valid", NM, pid, subject,
                         "The plan states no permanency goal.", [goal_fact])
    elif goal in policy.permanency_goals:
        valid = _finding("goals.valid", M, pid, subject,
                         f"The goal {goal.value} is one of policy {policy.code}'s goals.",
                         [goal_fact])
    else:
        valid = _finding("goals.valid", NM, pid, subject,
                         f"The goal {goal.value} is not a goal policy {policy.code} uses "
                         f"(goals in use: {in_use}).", [goal_fact])

    appla_in = [g for g in (plan.permanency_goal, plan.concurrent_goal)
                if g is PermanencyGoal.APPLA]
    reason = plan.goal_compelling_reason
    appla_facts = [goal_fact, ("minimum age", str(policy.appla_min_age)),
                   ("compelling reason", reason or "(none)")]
    if not appla_in:
        appla = _finding("goals.appla_age", NA, pid, subject,
                         "Neither the goal nor the concurrent goal is APPLA.",
                         appla_facts)
    else:
        too_young, unknown = [], []
        for child_id in sorted(set(plan.child_ids)):
            person = _person(case, child_id)
            age = person.age_on(plan.completed_on) if person is not None else None
            appla_facts.append((f"age of {child_id}", "(unknown)" if age is None else str(age)))
            if age is None:
                unknown.append(child_id)
            elif age < policy.appla_min_age:
                too_young.append(f"{child_id} ({age})")
        problems = []
        if too_young:
            problems.append(f"APPLA is only for a child of {policy.appla_min_age} or more, and "
                            f"{word_list(too_young)} is younger on the plan date")
        if not (reason and reason.strip()):
            problems.append("APPLA needs a documented compelling reason and none is recorded")
        if problems:
            appla = _finding("goals.appla_age", NM, pid, subject, "; ".join(problems) + ".",
                             appla_facts)
        elif unknown:
            appla = _finding("goals.appla_age", NR, pid, subject,
                             f"The birth date of {word_list(unknown)} is not recorded, so the "
                             "age limit for APPLA cannot be checked.",
                             appla_facts)
        else:
            appla = _finding("goals.appla_age", M, pid, subject,
                             f"Every child is {policy.appla_min_age} or more and a compelling "
                             "reason is documented.", appla_facts)

    if goal is None:
        perm = _finding("goals.represents_permanency", NA, pid, subject,
                        "The plan states no permanency goal (see goals.valid).",
                        [goal_fact])
    elif policy.represents_permanency(goal):
        perm = _finding("goals.represents_permanency", M, pid, subject,
                        f"The goal {goal.value} represents permanency under policy "
                        f"{policy.code}.", [goal_fact])
    else:
        perm = _finding("goals.represents_permanency", NM, pid, subject,
                        f"The goal {goal.value} does not represent permanency under policy "
                        f"{policy.code}: seed 003 says the long-term foster care goals \"do not "
                        "actually represent permanency\"; plan toward a permanent family.",
                        [goal_fact])
    return _sorted((valid, appla, perm))


def _concurrent_planning(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                         as_of: date | None = None) -> tuple[Finding, ...]:
    """Check concurrent planning (the ``concurrent.*`` rules).

    ``concurrent.required``: a concurrent goal is stated where the policy requires one (a
    child in foster care on the plan date with a return-home goal); ``not_applicable`` with
    the reason otherwise. ``concurrent.differs`` and ``concurrent.represents_permanency``: a
    stated concurrent goal differs from the goal and represents permanency.
    ``concurrent.has_steps``: the plan holds steps toward it (seed 003 slide 59).
    ``concurrent.efforts_recorded``: an update records the efforts to achieve the alternate
    permanency (seed 003 slide 58).
    """
    _plan_args(plan, case, policy, as_of)
    subject, pid = _plan_subject(plan), plan.id
    goal, alt = plan.permanency_goal, plan.concurrent_goal
    required, reason = _concurrent_required(plan, case, policy)
    facts = [("permanency goal", goal.value if goal else "(none)"),
             ("concurrent goal", alt.value if alt else "(none)"),
             ("required", "yes" if required else "no")]
    found = []
    if not required:
        found.append(_finding("concurrent.required", NA, pid, subject,
                              f"Not required: {reason}.", facts))
    elif alt is None:
        found.append(_finding("concurrent.required", NM, pid, subject,
                              f"No concurrent goal is stated, but {reason}.",
                              facts))
    else:
        found.append(_finding("concurrent.required", M, pid, subject,
                              f"A concurrent goal ({alt.value}) is stated, as {reason}.",
                              facts))
    if alt is None:
        # Without a concurrent goal these cite the family's source (concurrent.required's).
        none, family = "The plan states no concurrent goal.", _FAMILY_SOURCE["concurrent"]
        for rule in ("concurrent.differs", "concurrent.represents_permanency",
                     "concurrent.has_steps", "concurrent.efforts_recorded"):
            found.append(_finding(rule, NA, pid, subject, none, facts, source=family))
        return _sorted(found)
    if alt == goal:
        found.append(_finding("concurrent.differs", NM, pid, subject,
                              "The concurrent goal is the same as the goal: it must be an "
                              "alternative should the goal fail.", facts))
    else:
        found.append(_finding("concurrent.differs", M, pid, subject,
                              "The concurrent goal differs from the goal.", facts))
    if policy.represents_permanency(alt):
        found.append(_finding("concurrent.represents_permanency", M, pid, subject,
                              f"The concurrent goal {alt.value} represents permanency under "
                              f"policy {policy.code}.", facts))
    else:
        found.append(_finding("concurrent.represents_permanency", NM, pid, subject,
                              f"The concurrent goal {alt.value} does not represent permanency "
                              f"under policy {policy.code} (seed 003: the long-term foster care "
                              "goals \"do not actually represent permanency\").", facts))
    steps = sorted(s.id for s in plan.concurrent_steps)
    step_facts = [*facts, ("concurrent steps", word_list(steps))]
    if steps:
        found.append(_finding("concurrent.has_steps", M, pid, subject,
                              f"The plan holds {len(steps)} step(s) toward the concurrent goal.",
                              step_facts))
    else:
        found.append(_finding("concurrent.has_steps", NM, pid, subject,
                              "The plan holds no step or service toward the concurrent goal: "
                              "concurrent planning identifies the services needed to achieve "
                              "permanency should reunification fail.", step_facts))
    if plan.kind is not PlanKind.UPDATE:
        found.append(_finding("concurrent.efforts_recorded", NA, pid, subject,
                              "An initial plan has no earlier efforts to report.", facts))
    else:
        efforts = plan.update_report.concurrent_planning_efforts if plan.update_report else None
        e_facts = [*facts, ("efforts", efforts or "(none)")]
        if efforts and efforts.strip():
            found.append(_finding("concurrent.efforts_recorded", M, pid, subject,
                                  "The update records the efforts to achieve the alternate "
                                  "permanency.", e_facts))
        else:
            found.append(_finding("concurrent.efforts_recorded", NM, pid, subject,
                                  "The update does not record efforts to achieve the alternate "
                                  "permanency.", e_facts))
    return _sorted(found)


# -- 3. completeness ------------------------------------------------------------------------


def _plan_components(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                     as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that every plan component of seed 003 slides 26–27 is present (``plan.components``).

    One finding listing what is missing: participants, permanency goal, assessment summary,
    contributing factors, strengths, service objectives, client responsibilities, case
    management services, a concurrent goal where required, visitation for each child in care
    on the plan date, independent living services for each youth in care aged
    the profile's
    [`independent_living_min_age`][practicemodel.policy.PolicyProfile.independent_living_min_age] or
    more, and a contact schedule.
    """
    _plan_args(plan, case, policy, as_of)
    when = plan.completed_on
    summary = plan.assessment_summary
    present: list[tuple[str, bool]] = [
        ("participants", bool(plan.participants)),
        ("permanency goal", plan.permanency_goal is not None),
        ("assessment summary", bool(summary and summary.strip())),
        ("contributing factors", bool(plan.contributing_factor_ids)),
        ("strengths", bool(plan.strength_ids)),
        ("service objectives", bool(plan.objectives)),
        ("client responsibilities", bool(plan.client_responsibilities)),
        ("case management services", bool(plan.case_management_services)),
    ]
    if _concurrent_required(plan, case, policy)[0]:
        present.append(("concurrent planning", plan.concurrent_goal is not None))
    children = sorted(set(plan.child_ids))
    visited = {va.child_id for va in plan.visitation}
    living = {s.youth_id for s in plan.independent_living_services}
    for child_id in children:
        if not _in_care_on(case, child_id, when):
            continue
        present.append((f"visitation for {child_id}", child_id in visited))
        person = _person(case, child_id)
        age = person.age_on(when) if person is not None else None
        if age is not None and age >= policy.independent_living_min_age:
            present.append((f"independent living services for {child_id}", child_id in living))
    present.append(("contact schedule", bool(plan.contact_schedule)))
    missing = [name for name, ok in present if not ok]
    facts = [("checked", ", ".join(name for name, _ in present)),
             ("missing", ", ".join(missing) or "(none)")]
    if missing:
        finding = _finding("plan.components", NM, plan.id, _plan_subject(plan),
                           f"The plan is missing: {', '.join(missing)}.", facts)
    else:
        finding = _finding("plan.components", M, plan.id, _plan_subject(plan),
                           "Every component the plan needs is present.", facts)
    return (finding,)


def _out_of_home_details(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                         as_of: date | None = None) -> tuple[Finding, ...]:
    """Check the details held for each child placed out of home (``plan.out_of_home``).

    For each child of the plan in foster care on the plan date: an assessment of placement
    needs, social worker contact with the substitute care provider and child well-being
    information (seed 003 slide 56). Children not in care are ``not_applicable``.
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for child_id in sorted(set(plan.child_ids)):
        subject = f"child {child_id} in plan {plan.id}"
        if not _in_care_on(case, child_id, plan.completed_on):
            found.append(_finding("plan.out_of_home", NA, child_id, subject,
                                  "The child was not in foster care on the plan date.",
                                  [("child", child_id)]))
            continue
        details = [d for d in plan.out_of_home if d.child_id == child_id]
        has = {
            "placement needs": any(d.placement_needs for d in details),
            "contact with the substitute care provider": any(
                d.provider_contact is not None for d in details),
            "well-being information": any(d.well_being for d in details),
        }
        missing = [name for name, ok in has.items() if not ok]
        facts = [("child", child_id), ("missing", ", ".join(missing) or "(none)")]
        if missing:
            found.append(_finding("plan.out_of_home", NM, child_id, subject,
                                  f"The child is in foster care and the plan does not hold: "
                                  f"{', '.join(missing)}.", facts))
        else:
            found.append(_finding("plan.out_of_home", M, child_id, subject,
                                  "The plan holds the out-of-home details for the child.",
                                  facts))
    return _sorted(found)


def _parent_participation(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                          as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that each parent took part or the plan says why not (``plan.participation``).

    Parents are the adults related to a child of the plan as mother or father on the plan
    date. ``met`` when the parent is a participant (one who did not participate always has a
    reason, an invariant of [`PlanParticipant`][practicemodel.caseplan.PlanParticipant]);
    ``not_met`` when the plan does not mention the parent (45 CFR 1356.21(g)).
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for parent_id, roles in _parents(case, plan).items():
        role = " and ".join(sorted(r.value for r in roles))
        entries = sorted((p for p in plan.participants if p.person_id == parent_id),
                         key=lambda p: p.participation.value)
        took_part = [p for p in entries if p.participation is not Participation.DID_NOT_PARTICIPATE]
        facts = [("parent", parent_id), ("role", role),
                 ("participation", word_list(p.participation.value for p in entries))]
        subject = f"{role} {parent_id} in plan {plan.id}"
        if took_part:
            outcome, why = M, (f"{_name(case, parent_id)} took part "
                               f"({took_part[0].participation.value}).")
        elif entries:
            reason = entries[0].reason_not_participating or ""
            facts.append(("reason", reason))
            outcome, why = M, (f"{_name(case, parent_id)} did not take part and the plan says "
                               f"why: {reason}")
        else:
            outcome, why = NM, (f"The plan does not say whether {_name(case, parent_id)} took "
                                "part; a plan is developed jointly with the parents and, if a "
                                "parent cannot or will not take part, says so.")
        found.append(_finding("plan.participation", outcome, parent_id, subject, why, facts))
    return _sorted(found)


def _parent_input(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                  as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that the plan records each parent's own requests and views (``plan.parent_input``).

    ``met`` when a [`ParentInput`][practicemodel.caseplan.ParentInput] for the parent records
    requested services or a view of strengths or needs (seed 004 tip 6); ``needs_review``
    when none is recorded for a parent who did not take part; ``not_met`` otherwise.
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for parent_id, roles in _parents(case, plan).items():
        role = " and ".join(sorted(r.value for r in roles))
        recorded = [i for i in plan.parent_input if i.person_id == parent_id and (
            i.requested_services or i.view_of_strengths or i.view_of_needs)]
        absent = any(p.person_id == parent_id
                     and p.participation is Participation.DID_NOT_PARTICIPATE
                     for p in plan.participants) and not any(
            p.person_id == parent_id and p.participation is not Participation.DID_NOT_PARTICIPATE
            for p in plan.participants)
        facts = [("parent", parent_id), ("role", role),
                 ("input recorded", "yes" if recorded else "no")]
        if recorded:
            outcome, why = M, (f"The plan records the requests for services or view of strengths "
                               f"and needs of {_name(case, parent_id)}.")
        elif absent:
            outcome, why = NR, (f"The plan records no input from {_name(case, parent_id)}, who "
                                "did not take part; whether their view could be sought another "
                                "way is for a person to judge.")
        else:
            outcome, why = NM, ("The plan does not record the requests for services or view of "
                                f"strengths and needs of {_name(case, parent_id)}.")
        found.append(_finding("plan.parent_input", outcome, parent_id,
                              f"{role} {parent_id} in plan {plan.id}", why, facts))
    return _sorted(found)


def _update_content(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                    as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that an update records what slide 58 asks (``plan.update_content``).

    Current family circumstances, parental progress on objectives, parental compliance with
    services, and efforts to achieve the alternate permanency (seed 003 slide 58). An initial
    plan is ``not_applicable``.
    """
    _plan_args(plan, case, policy, as_of)
    subject = _plan_subject(plan)
    if plan.kind is not PlanKind.UPDATE:
        return (_finding("plan.update_content", NA, plan.id, subject,
                         "This is the initial plan, not an update.", [("kind", plan.kind.value)]),)
    report = plan.update_report
    items = {
        "current family circumstances": report.current_circumstances if report else None,
        "progress on objectives": report.progress_on_objectives if report else None,
        "compliance with services": report.compliance_with_services if report else None,
        "efforts toward alternate permanency": (report.concurrent_planning_efforts
                                                if report else None),
    }
    missing = [name for name, text in items.items() if not (text and text.strip())]
    facts = [("kind", plan.kind.value), ("missing", ", ".join(missing) or "(none)")]
    if missing:
        return (_finding("plan.update_content", NM, plan.id, subject,
                         f"The update does not record: {', '.join(missing)}.", facts),)
    return (_finding("plan.update_content", M, plan.id, subject,
                     "The update records all four items.", facts),)


# -- 4. safe closure and readiness ----------------------------------------------------------


def _plans_known(case: Case, as_of: date | None) -> list[CasePlan]:
    return sorted((p for p in case.plans if as_of is None or p.completed_on <= as_of),
                  key=lambda p: (p.completed_on, p.kind is PlanKind.UPDATE, p.id))


def _case_subject(case: Case) -> str:
    return f"case {case.id}"


def _closure_criteria_in_first_plan(case: Case, *, policy: PolicyProfile,
                                    as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that the first plan sets criteria in all six categories (``closure.criteria_in_first_plan``).

    Seed 004 ("Planning is third"): safe case closure criteria are identified in the first
    plan. Missing categories are ``not_met`` where the policy requires this
    (``closure_criteria_in_first_plan``), ``needs_review`` otherwise.
    """  # noqa: E501
    _check_args(case, policy, as_of, as_of_required=False)
    plans = _plans_known(case, as_of)
    if not plans:
        return (_finding("closure.criteria_in_first_plan", NA, case.id, _case_subject(case),
                         "The case has no plan yet.", []),)
    first = plans[0]
    have = {c.category for c in first.closure_criteria}
    missing = [c.value for c in ClosureCategory if c not in have]
    facts = [("first plan", first.id), ("missing categories", ", ".join(missing) or "(none)"),
             ("policy requires", "yes" if policy.closure_criteria_in_first_plan else "no")]
    subject = f"{_case_subject(case)}, first plan {first.id}"
    if not missing:
        return (_finding("closure.criteria_in_first_plan", M, case.id, subject,
                         "The first plan sets safe case closure criteria in all six categories.",
                         facts),)
    outcome = NM if policy.closure_criteria_in_first_plan else NR
    tail = "" if outcome is NM else (f" Policy {policy.code} does not require it; seed 004 "
                                     "recommends it.")
    return (_finding("closure.criteria_in_first_plan", outcome, case.id, subject,
                     f"The first plan sets no closure criteria for: {', '.join(missing)}.{tail}",
                     facts),)


def _closure_criteria_measured(case: Case, *, policy: PolicyProfile,
                               as_of: date | None = None) -> tuple[Finding, ...]:
    """Check that each closure criterion of the first plan has a measure (``closure.criteria_measured``).

    Seed 004: criteria come with "measures and schedules ... how we will know what's working
    and when we're done".
    """  # noqa: E501
    _check_args(case, policy, as_of, as_of_required=False)
    plans = _plans_known(case, as_of)
    if not plans or not plans[0].closure_criteria:
        return (_finding("closure.criteria_measured", NA, case.id, _case_subject(case),
                         "The first plan has no closure criteria to measure.", []),)
    first = plans[0]
    unmeasured = sorted(c.id for c in first.closure_criteria
                        if not (c.measure and c.measure.strip()))
    facts = [("first plan", first.id), ("without a measure", word_list(unmeasured))]
    subject = f"{_case_subject(case)}, first plan {first.id}"
    if unmeasured:
        return (_finding("closure.criteria_measured", NM, case.id, subject,
                         f"These criteria have no measure: {word_list(unmeasured)}.", facts),)
    return (_finding("closure.criteria_measured", M, case.id, subject,
                     "Every closure criterion of the first plan has a measure.", facts),)


def _active_safety_plans(case: Case, as_of: date) -> list[str]:
    return sorted(a.safety_plan.id for a in case.safety_assessments
                  if a.completed_on <= as_of and a.safety_plan is not None
                  and a.safety_plan.is_active_on(as_of))


def _closure_readiness(case: Case, *, policy: PolicyProfile,
                       as_of: date) -> tuple[Finding, ...]:
    """Check whether the case is ready for safe closure on ``as_of`` (``closure.ready``).

    ``not_met``, listing what is unmet, when: the latest plan has no closure criteria or a
    criterion not met; a safety plan is in effect on ``as_of`` (state practice, e.g.
    Arizona); an objective of the latest plan is neither achieved nor explained (cancelled,
    completed or entered in error count as explained). ``met`` otherwise; the final decision
    still rests with the caseworker and supervisor.
    """
    _check_args(case, policy, as_of, as_of_required=True)
    plans = _plans_known(case, as_of)
    if not plans:
        # With no plan, only the closure family's source applies (not slides 61-63).
        return (_finding("closure.ready", NA, case.id, _case_subject(case),
                         "The case has no plan yet.", [], source=_FAMILY_SOURCE["closure"]),)
    latest = plans[-1]
    unmet: list[str] = []
    if not latest.closure_criteria:
        unmet.append(f"plan {latest.id} records no closure criteria")
    open_criteria = sorted(c.id for c in latest.closure_criteria
                           if c.status is not CriterionStatus.MET)
    if open_criteria:
        unmet.append(f"closure criteria not met: {word_list(open_criteria)}")
    safety = _active_safety_plans(case, as_of)
    if safety:
        unmet.append(f"safety plan in effect: {word_list(safety)}")
    open_objectives = sorted(o.id for o in latest.objectives
                             if o.lifecycle not in _EXPLAINED and o.achievement not in _ACHIEVED)
    if open_objectives:
        unmet.append(f"objectives neither achieved nor explained: {word_list(open_objectives)}")
    facts = [("latest plan", latest.id), ("criteria not met", word_list(open_criteria)),
             ("active safety plans", word_list(safety)),
             ("open objectives", word_list(open_objectives))]
    if unmet:
        return (_finding("closure.ready", NM, case.id, _case_subject(case),
                         "Not ready for safe closure: " + "; ".join(unmet) + ".", facts),)
    return (_finding("closure.ready", M, case.id, _case_subject(case),
                     "Every closure criterion is met, no safety plan is in effect and every "
                     "objective is achieved or explained.", facts),)


def _reunification_readiness(case: Case, *, policy: PolicyProfile,
                             as_of: date) -> tuple[Finding, ...]:
    """Check what the data can show about readiness to reunify (``reunification.ready``).

    For each child in foster care on ``as_of`` whose latest plan's goal is ``return_home``.
    Seed 003 slide 60 looks at safety, the minimum sufficient level of care, readiness and
    transition. The data can show: the latest safety assessment of the child is ``safe`` or
    ``conditionally_safe`` (not ``unsafe``), and the behavioral-pattern closure criteria of
    the latest plan are met. If either fails the finding is ``not_met``; otherwise
    ``needs_review``, because the level of care, readiness and transition are for people to
    judge. Other children are ``not_applicable``.
    """
    _check_args(case, policy, as_of, as_of_required=True)
    found = []
    for child_id in sorted(set(case.child_ids)):
        subject = f"child {child_id} in case {case.id}"
        if not _in_care_on(case, child_id, as_of):
            found.append(_finding("reunification.ready", NA, child_id, subject,
                                  "The child is not in foster care on this date.",
                                  [("child", child_id)]))
            continue
        plans = [p for p in _plans_known(case, as_of) if child_id in p.child_ids]
        latest = plans[-1] if plans else None
        if latest is None or latest.permanency_goal is not PermanencyGoal.RETURN_HOME:
            found.append(_finding("reunification.ready", NA, child_id, subject,
                                  "The child's latest plan does not have a return-home goal.",
                                  [("child", child_id)]))
            continue
        assessments = sorted((a for a in case.safety_assessments
                              if child_id in a.child_ids and a.completed_on <= as_of),
                             key=lambda a: (a.completed_on, a.decision.value, a.id))
        decision = assessments[-1].decision.value if assessments else "(none)"
        behavior = [c for c in latest.closure_criteria
                    if c.category is ClosureCategory.BEHAVIORAL_PATTERNS]
        unmet_behavior = sorted(c.id for c in behavior if c.status is not CriterionStatus.MET)
        facts = [("child", child_id), ("latest plan", latest.id),
                 ("latest safety decision", decision),
                 ("behavioral pattern criteria not met", word_list(unmet_behavior))]
        problems = []
        if decision == "unsafe":
            problems.append("the latest safety assessment found the child unsafe")
        elif decision == "(none)":
            problems.append("no safety assessment of the child is recorded")
        if not behavior:
            problems.append("the latest plan sets no behavioral pattern criterion")
        elif unmet_behavior:
            problems.append(f"behavioral pattern criteria not met: {word_list(unmet_behavior)}")
        if problems:
            found.append(_finding("reunification.ready", NM, child_id, subject,
                                  "Not ready to return home: " + "; ".join(problems) + ".",
                                  facts))
        else:
            found.append(_finding("reunification.ready", NR, child_id, subject,
                                  "The latest safety decision is not unsafe and the behavioral "
                                  "pattern criteria are met; the minimum sufficient level of "
                                  "care, readiness and the transition plan are for the "
                                  "caseworker and supervisor to judge.", facts))
    return _sorted(found)


def _aftercare_plan(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Check the aftercare plan when the case is closing (``closure.aftercare``).

    The case is closing when it was closed on or before ``as_of`` or every closure criterion
    of the latest plan is met. Then the latest plan needs an aftercare plan naming the
    vulnerabilities and the strengths (seed 003 slide 63). Otherwise ``not_applicable``.
    """
    _check_args(case, policy, as_of, as_of_required=True)
    plans = _plans_known(case, as_of)
    latest = plans[-1] if plans else None
    closed = case.closed_on is not None and case.closed_on <= as_of
    criteria_met = latest is not None and bool(latest.closure_criteria) and all(
        c.status is CriterionStatus.MET for c in latest.closure_criteria)
    subject = _case_subject(case)
    if latest is None or not (closed or criteria_met):
        return (_finding("closure.aftercare", NA, case.id, subject,
                         "The case is not closing: it is open and the closure criteria are not "
                         "all met.", []),)
    aftercare = latest.aftercare
    missing = []
    if aftercare is None or not aftercare.vulnerabilities:
        missing.append("vulnerabilities")
    if aftercare is None or not aftercare.strengths:
        missing.append("strengths")
    facts = [("latest plan", latest.id), ("missing", ", ".join(missing) or "(none)")]
    if missing:
        return (_finding("closure.aftercare", NM, case.id, subject,
                         "The case is closing and the aftercare plan does not name: "
                         f"{', '.join(missing)}.", facts),)
    return (_finding("closure.aftercare", M, case.id, subject,
                     "The aftercare plan names the family's vulnerabilities and strengths.",
                     facts),)


# -- runners --------------------------------------------------------------------------------


def check_plan(plan: CasePlan, *, case: Case, policy: PolicyProfile,
               as_of: date | None = None) -> tuple[Finding, ...]:
    """Run every plan-level check (families 1–3) on one plan.

    Sources: seed 003 slides 26-27, 51, 56, 58; seed 004 (Expectations, tips 6 and 10); 45 CFR
    1356.21(g); 42 USC 675(5)(C), 675a(a).
    """
    _plan_args(plan, case, policy, as_of)
    found: list[Finding] = []
    for check in (_services_serve_objectives, _objectives_have_services, _needs_addressed,
                  _permanency_goals, _concurrent_planning, _plan_components, _out_of_home_details,
                  _parent_participation, _parent_input, _update_content):
        found.extend(check(plan, case=case, policy=policy, as_of=as_of))
    return _sorted(found)


def check_case_plans(case: Case, *, policy: PolicyProfile,
                     as_of: date) -> tuple[Finding, ...]:
    """Run every check: families 1–3 for each plan known on ``as_of``, then family 4.

    Sources: as for `check_plan`, plus seed 004 (safe case closure criteria) and seed 003 slides
    60-63.

    Plans completed after ``as_of`` are ignored. Findings come plan by plan (oldest first),
    then the case-level closure findings.
    """
    _check_args(case, policy, as_of, as_of_required=True)
    found: list[Finding] = []
    for plan in _plans_known(case, as_of):
        found.extend(check_plan(plan, case=case, policy=policy, as_of=as_of))
    case_level: list[Finding] = []
    case_level.extend(_closure_criteria_in_first_plan(case, policy=policy, as_of=as_of))
    case_level.extend(_closure_criteria_measured(case, policy=policy, as_of=as_of))
    case_level.extend(_closure_readiness(case, policy=policy, as_of=as_of))
    case_level.extend(_reunification_readiness(case, policy=policy, as_of=as_of))
    case_level.extend(_aftercare_plan(case, policy=policy, as_of=as_of))
    return (*found, *_sorted(case_level))
