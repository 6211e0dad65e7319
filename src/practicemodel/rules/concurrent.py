"""Concurrent planning: ``concurrent.*`` (seed 003 slides 51, 58–59; 42 USC 671(a)(15)(F)).

Where the policy requires it, a plan for a child in care with a reunification goal states a
concurrent goal that differs from the goal and represents permanency, holds steps toward it,
and its updates record the efforts made.

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
    PlanKind,
)
from practicemodel.findings import Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    _FAMILY_SOURCE,
    NA,
    NM,
    M,
    _concurrent_required,
    _finding,
    _plan_args,
    _plan_subject,
    _plans_known,
    _sorted,
)
from practicemodel.rules._shared import about, by_rule, shared

__all__ = ["differs", "efforts_recorded", "has_steps", "represents_permanency", "required"]


def _concurrent_planning(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                         as_of: date) -> tuple[Finding, ...]:
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

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for known in _plans_known(case, as_of):
        per_plan: list[Finding] = []
        for check in (_concurrent_planning,):
            per_plan.extend(check(known, case=case, policy=policy, as_of=as_of))
        found.extend(about(f, plan_id=known.id) for f in _sorted(per_plan))
    return by_rule(found)


def differs(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Concurrent goal differs from the goal.

    Rule ``concurrent.differs``; CFSR item 5. Source: seed 003 slide 51; 42 USC 671(a)(15)(F).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("concurrent.differs", ())


def efforts_recorded(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Update records efforts toward the concurrent goal.

    Rule ``concurrent.efforts_recorded``; CFSR item 5. Source: seed 003 slide 58.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("concurrent.efforts_recorded", ())


def has_steps(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Plan holds steps toward the concurrent goal.

    Rule ``concurrent.has_steps``; CFSR item 5. Source: seed 003 slides 51, 59.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("concurrent.has_steps", ())


def represents_permanency(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Concurrent goal represents permanency.

    Rule ``concurrent.represents_permanency``; CFSR item 5. Source: seed 003 slides 9, 51.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("concurrent.represents_permanency", ())


def required(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Concurrent goal stated where required.

    Rule ``concurrent.required``; CFSR item 5. Source: seed 003 slide 51; 42 USC 671(a)(15)(F).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("concurrent.required", ())
