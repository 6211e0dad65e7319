"""Readiness to return home: ``reunification.*`` (seed 003 slide 60; seed 004, "Planning is
third").

What the data shows of each child's readiness to return home; the minimum sufficient level of
care, readiness and the transition plan are for the caseworker and supervisor to judge.

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
    ClosureCategory,
    CriterionStatus,
    PermanencyGoal,
)
from practicemodel.findings import Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    NA,
    NM,
    NR,
    _finding,
    _in_care_on,
    _plans_known,
    _sorted,
)
from practicemodel.rules._shared import about, by_rule, shared

__all__ = ["ready"]


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
    rule_args(case, policy, as_of)
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

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for check in (_reunification_readiness,):
        found.extend(check(case, policy=policy, as_of=as_of))
    return by_rule(about(f, child_id=f.subject_id) for f in _sorted(found))


def ready(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """What the data shows of readiness to return home.

    Rule ``reunification.ready``; CFSR item 3. Source: seed 003 slide 60; seed 004, Planning is
    third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("reunification.ready", ())
