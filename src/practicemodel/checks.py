"""Run every check on a case: deadlines, S.M.A.R.T. objectives, plan quality, engagement, visits.

[`check_case`][practicemodel.checks.check_case] is the one call an app or the ``practicemodel
check`` command makes: it returns all findings for a case under a policy as of a date, each
tagged with the practice-model components it gives evidence for, so they can be shown
"structured according to the practice model" (seed 001).
"""

from __future__ import annotations

from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.engagement import engagement_findings
from practicemodel.findings import Finding
from practicemodel.plan_checks import check_case_plans
from practicemodel.policy import PolicyProfile
from practicemodel.smart import check_plan_objectives
from practicemodel.timelines import deadline_findings, schedule
from practicemodel.visit_compliance import visit_findings

__all__ = ["check_case"]


def check_case(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Return every finding for ``case``: deadlines, objectives, plan quality, engagement, visits.

    Engagement and visits are judged over the 12 months ending on ``as_of`` (the period under
    review).

    Raises:
        InvalidInputError: an argument is not of the right kind.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range
            (``practicemodel.periods.EARLIEST_DATE`` to ``LATEST_DATE``).
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``: the error
            [`get_policy`][practicemodel.policy.get_policy] raises for such a date. Pick the
            version in effect with ``get_policy(code, on=as_of)``.
    """
    rule_args(case, policy, as_of)
    findings = list(deadline_findings(schedule(case, policy=policy, as_of=as_of)))
    for plan in sorted(case.plans, key=lambda p: (p.completed_on, p.id)):
        if plan.completed_on <= as_of:
            findings.extend(check_plan_objectives(plan, case=case, policy=policy, as_of=as_of))
    findings.extend(check_case_plans(case, policy=policy, as_of=as_of))
    findings.extend(engagement_findings(case, policy=policy, as_of=as_of))
    findings.extend(visit_findings(case, policy=policy, as_of=as_of))
    return tuple(findings)
