"""Statutory and plan deadlines as findings: ``deadline.*``.

Each rule judges one kind of deadline of the case's schedule
([`timelines.schedule`][practicemodel.timelines.schedule], which computes what is due when
and from which fact): met on time is ``met``; met late or overdue is ``not_met``; a deadline
not yet reached (due, upcoming) or not applicable is ``not_applicable``, nothing can be judged
yet. The facts give the status, the due date, the fact it was computed from and the event
that met it.

The monthly duties the schedule also lists (caseworker visits with each child and parent,
supervisory staffing) are judged by ``visits.child_monthly``, ``visits.parent_frequency``
and ``staffing.monthly`` over the period under review, from the same answers
([`practicemodel.monthly`][practicemodel.monthly]); there are no ``deadline.*`` rules for
them.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``; within a
rule, findings come child by child in the order of the case's children, each child's
deadlines by due date, then the case's own.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import Explanation, Fact, Finding, Outcome
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import by_rule, shared
from practicemodel.timelines import (
    RULE_OF_KIND,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    statutory_schedule,
)

__all__ = [
    "case_plan_update",
    "efforts_to_finalize_permanency",
    "efforts_to_prevent_removal",
    "initial_case_plan",
    "periodic_review",
    "permanency_hearing",
    "permanency_hearing_after_no_efforts",
    "plan_update_after_placement_change",
    "safe_closure_criteria",
    "strengths_needs_assessment",
    "tpr_petition",
    "trial_home_visit_limit",
]

_STATUS_OUTCOME = {
    DeadlineStatus.MET_ON_TIME: Outcome.MET,
    DeadlineStatus.MET_LATE: Outcome.NOT_MET,
    DeadlineStatus.OVERDUE: Outcome.NOT_MET,
    DeadlineStatus.DUE: Outcome.NOT_APPLICABLE,
    DeadlineStatus.UPCOMING: Outcome.NOT_APPLICABLE,
    DeadlineStatus.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
}
# The kinds judged here, and their rule ids (the others are judged by visits.* and staffing.*).
_JUDGED: Mapping[DeadlineKind, str] = {kind: rule for kind, rule in RULE_OF_KIND.items()
                                       if rule.startswith("deadline.")}
_KIND_OF_RULE = {rule: kind for kind, rule in _JUDGED.items()}
# Enum ``.value`` is a property lookup; a bulk review reads these ~80 times a case.
_KIND_LABEL = {k: k.value.replace("_", " ") for k in DeadlineKind}
_STATUS_VALUE = {s: s.value for s in DeadlineStatus}


def _words(d: Deadline) -> Explanation:
    due = d.due_on
    facts = [Fact(label="status", value=_STATUS_VALUE[d.status]),
             Fact(label="due", value=due),
             Fact(label="computed from", value=d.anchor)]
    if d.met_by is not None:
        facts.extend((Fact(label="met by", value=d.met_by), Fact(label="met on", value=d.met_on)))
    when = f" due {due}" if due else ""
    return f"{_KIND_LABEL[d.kind]}{when} ({d.subject_id})", d.reason, tuple(facts)


def _finding(d: Deadline, child_id: str | None) -> Finding:
    return Finding.deferred(rule=_JUDGED[d.kind], outcome=_STATUS_OUTCOME[d.status],
                            subject_id=d.subject_id, explain=_words, args=(d,),
                            components=d.components, source=d.source, child_id=child_id)


# The deadlines of case planning and court review, which a review reads most, are computed
# apart from the others, so that a review asking for them computes only them; every rule of
# the family gets the same findings either way.
_PLANNING = frozenset({DeadlineKind.INITIAL_CASE_PLAN, DeadlineKind.CASE_PLAN_UPDATE,
                       DeadlineKind.PERIODIC_REVIEW, DeadlineKind.PERMANENCY_HEARING})
_OTHERS = frozenset(_JUDGED) - _PLANNING


def _judged(case: Case, policy: PolicyProfile, as_of: date,
            kinds: frozenset[DeadlineKind]) -> Mapping[str, tuple[Finding, ...]]:
    result = statutory_schedule(case, policy, as_of, monthly=False, kinds=kinds)
    found = [_finding(d, child.child_id) for child in result.children for d in child.deadlines]
    found.extend(_finding(d, None) for d in result.case_deadlines)
    return by_rule(found)


@shared
def _planning(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    return _judged(case, policy, as_of, _PLANNING)


@shared
def _others(case: Case, policy: PolicyProfile,
            as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    return _judged(case, policy, as_of, _OTHERS)


def _evaluate(case: Case, policy: PolicyProfile, as_of: date,
              rule: str) -> tuple[Finding, ...]:
    planning = _KIND_OF_RULE[rule] in _PLANNING
    return (_planning if planning else _others)(case, policy, as_of).get(rule, ())


# -- the rules ------------------------------------------------------------------------------


def case_plan_update(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Case plan updated every period.

    Rule ``deadline.case_plan_update``; CFSR item 5. Source: seed 003 slide 13; CWPM 8.3C.1
    [practice].
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.case_plan_update")




def efforts_to_finalize_permanency(case: Case, *, policy: PolicyProfile,
                                   as_of: date) -> tuple[Finding, ...]:
    """Judicial finding of efforts to finalize the permanency plan.

    Rule ``deadline.efforts_to_finalize_permanency``; CFSR item 6. Source: 45 CFR 1356.21(b)(2).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.efforts_to_finalize_permanency")


def efforts_to_prevent_removal(case: Case, *, policy: PolicyProfile,
                               as_of: date) -> tuple[Finding, ...]:
    """Judicial finding of efforts to prevent removal.

    Rule ``deadline.efforts_to_prevent_removal``; CFSR item 2. Source: 45 CFR 1356.21(b)(1).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.efforts_to_prevent_removal")


def initial_case_plan(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Initial case plan completed on time.

    Rule ``deadline.initial_case_plan``; CFSR item 5. Source: 45 CFR 1356.21(g)(2); seed 003
    slide 13.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.initial_case_plan")


def periodic_review(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Periodic review held every six months.

    Rule ``deadline.periodic_review``; CFSR item 6. Source: 42 USC 675(5)(B).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.periodic_review")


def permanency_hearing(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Permanency hearing held every twelve months.

    Rule ``deadline.permanency_hearing``; CFSR item 6. Source: 42 USC 675(5)(C).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.permanency_hearing")


def permanency_hearing_after_no_efforts(case: Case, *, policy: PolicyProfile,
                                        as_of: date) -> tuple[Finding, ...]:
    """Permanency hearing after a finding that no efforts are required.

    Rule ``deadline.permanency_hearing_after_no_efforts``; CFSR item 6. Source: 42 USC
    671(a)(15)(E)(i).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.permanency_hearing_after_no_efforts")


def plan_update_after_placement_change(case: Case, *, policy: PolicyProfile,
                                       as_of: date) -> tuple[Finding, ...]:
    """Case plan updated after a placement change.

    Rule ``deadline.plan_update_after_placement_change``. Source: CWPM 8.3C.1 [practice].
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.plan_update_after_placement_change")


def safe_closure_criteria(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Safe closure criteria set in the first plan.

    Rule ``deadline.safe_closure_criteria``. Source: seed 004, Planning is third.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.safe_closure_criteria")


def strengths_needs_assessment(case: Case, *, policy: PolicyProfile,
                               as_of: date) -> tuple[Finding, ...]:
    """Strengths and needs assessment on time.

    Rule ``deadline.strengths_needs_assessment``; CFSR item 12. Source: seed 003 slide 14.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.strengths_needs_assessment")



def tpr_petition(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """TPR petition filed at 15 of 22 months (ASFA).

    Rule ``deadline.tpr_petition``; CFSR item 5. Source: 42 USC 675(5)(E); 45 CFR
    1356.21(i)(1)(i).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.tpr_petition")


def trial_home_visit_limit(case: Case, *, policy: PolicyProfile,
                           as_of: date) -> tuple[Finding, ...]:
    """Trial home visit within its time limit.

    Rule ``deadline.trial_home_visit_limit``. Source: 45 CFR 1356.21(e); CWPM 8.3C.5 [practice].
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of, "deadline.trial_home_visit_limit")
