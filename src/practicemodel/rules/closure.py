"""Safe closure: ``closure.*`` (seed 004, "Planning is third"; seed 003 slides 61–63).

The first plan sets closure criteria in every category, each with a measure; the case is judged
ready for safe closure on ``as_of``; a closing case has an aftercare plan.

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
)
from practicemodel.findings import Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    _ACHIEVED,
    _EXPLAINED,
    _FAMILY_SOURCE,
    NA,
    NM,
    NR,
    M,
    _active_safety_plans,
    _case_subject,
    _finding,
    _plans_known,
    _sorted,
)
from practicemodel.rules._shared import by_rule, shared

__all__ = ["aftercare", "criteria_in_first_plan", "criteria_measured", "ready"]


def _closure_criteria_in_first_plan(case: Case, *, policy: PolicyProfile,
                                    as_of: date) -> tuple[Finding, ...]:
    """Check that the first plan sets criteria in all six categories (``closure.criteria_in_first_plan``).

    Seed 004 ("Planning is third"): safe case closure criteria are identified in the first
    plan. Missing categories are ``not_met`` where the policy requires this
    (``closure_criteria_in_first_plan``), ``needs_review`` otherwise.
    """  # noqa: E501
    rule_args(case, policy, as_of)
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
                               as_of: date) -> tuple[Finding, ...]:
    """Check that each closure criterion of the first plan has a measure (``closure.criteria_measured``).

    Seed 004: criteria come with "measures and schedules ... how we will know what's working
    and when we're done".
    """  # noqa: E501
    rule_args(case, policy, as_of)
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


def _closure_readiness(case: Case, *, policy: PolicyProfile,
                       as_of: date) -> tuple[Finding, ...]:
    """Check whether the case is ready for safe closure on ``as_of`` (``closure.ready``).

    ``not_met``, listing what is unmet, when: the latest plan has no closure criteria or a
    criterion not met; a safety plan is in effect on ``as_of`` (state practice, e.g.
    Arizona); an objective of the latest plan is neither achieved nor explained (cancelled,
    completed or entered in error count as explained). ``met`` otherwise; the final decision
    still rests with the caseworker and supervisor.
    """
    rule_args(case, policy, as_of)
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


def _aftercare_plan(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Check the aftercare plan when the case is closing (``closure.aftercare``).

    The case is closing when it was closed on or before ``as_of`` or every closure criterion
    of the latest plan is met. Then the latest plan needs an aftercare plan naming the
    vulnerabilities and the strengths (seed 003 slide 63). Otherwise ``not_applicable``.
    """
    rule_args(case, policy, as_of)
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

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for check in (_closure_criteria_in_first_plan,
                      _closure_criteria_measured,
                      _closure_readiness,
                      _aftercare_plan):
        found.extend(check(case, policy=policy, as_of=as_of))
    return by_rule(_sorted(found))


def aftercare(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Aftercare plan names vulnerabilities and strengths.

    Rule ``closure.aftercare``. Source: seed 003 slide 63.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("closure.aftercare", ())


def criteria_in_first_plan(case: Case, *, policy: PolicyProfile,
                           as_of: date) -> tuple[Finding, ...]:
    """First plan sets closure criteria in every category.

    Rule ``closure.criteria_in_first_plan``. Source: seed 004, Planning is third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("closure.criteria_in_first_plan", ())


def criteria_measured(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each closure criterion has a measure.

    Rule ``closure.criteria_measured``. Source: seed 004, Planning is third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("closure.criteria_measured", ())


def ready(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Case ready for safe closure.

    Rule ``closure.ready``; CFSR item 3. Source: seed 004, Planning is third; seed 003 slides
    61-63; safety plans: state practice (Arizona).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("closure.ready", ())
