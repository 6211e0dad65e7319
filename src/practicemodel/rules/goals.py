"""Permanency goals: ``goals.*`` (seed 003 slides 8–9; 42 USC 675(5)(C), 675a(a)).

Each plan states a permanency goal in use, APPLA only for a youth of age with a documented
reason, and a goal that represents permanency.

The rules judge the plans known on ``as_of`` (plans completed later are ignored), plan by
plan, oldest first; the shape, the registry and the errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    CasePlan,
    PermanencyGoal,
)
from practicemodel.findings import FactValue, Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    NA,
    NM,
    NR,
    M,
    _finding,
    _person,
    _plan_args,
    _plan_subject,
    _plans_known,
    _sorted,
)
from practicemodel.rules._shared import about, by_rule, shared

__all__ = ["appla_age", "represents_permanency", "valid"]


def _permanency_goals(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                      as_of: date) -> tuple[Finding, ...]:
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
    appla_facts: list[tuple[str, FactValue]]
    appla_facts = [goal_fact, ("minimum age", policy.appla_min_age),
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

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for known in _plans_known(case, as_of):
        per_plan: list[Finding] = []
        for check in (_permanency_goals,):
            per_plan.extend(check(known, case=case, policy=policy, as_of=as_of))
        found.extend(about(f, plan_id=known.id) for f in _sorted(per_plan))
    return by_rule(found)


def appla_age(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """APPLA goal only for a youth of age, with a documented reason.

    Rule ``goals.appla_age``; CFSR item 5. Source: 42 USC 675(5)(C)(i), 675a(a).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("goals.appla_age", ())


def represents_permanency(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Permanency goal represents permanency.

    Rule ``goals.represents_permanency``; CFSR item 5. Source: seed 003 slides 8-9; 42 USC
    675(5)(C)(i).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("goals.represents_permanency", ())


def valid(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Plan states a permanency goal in use.

    Rule ``goals.valid``; CFSR item 5. Source: seed 003 slides 8-9; 42 USC 675(5)(C)(i).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("goals.valid", ())
