"""Supervisory staffing: ``staffing.*`` (seed 002, *Mississippi CFSR Round 3 Program
Improvement Plan*, Goal 3, Strategy 1).

Where the profile asks for monthly supervisory staffing, the case is staffed in every whole
month it was open in the period under review (``staffing.monthly``; which months count is
answered once, in [`practicemodel.monthly`][practicemodel.monthly], for these rules and the
schedule alike), and the staffings cover the topics over the period (``staffing.topics``).
Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.monthly import (
    in_period,
    open_months,
    staffings_by_month,
)
from practicemodel.periods import add_months
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import shared
from practicemodel.rules._visiting import (
    _finding,
    _grouped,
    _period_start,
)
from practicemodel.staffing import StaffingTopic

__all__ = ["monthly", "topics"]


def _staffing_findings(case: Case, policy: PolicyProfile, start: date,
                       as_of: date) -> Iterator[Finding]:
    subject = f"supervisory staffing of case {case.id}"
    if not policy.supervisory_staffing_monthly:
        for rule in ("staffing.monthly", "staffing.topics"):
            yield _finding(rule, Outcome.NOT_APPLICABLE, case.id, subject,
                           f"The {policy.code} profile does not require monthly supervisory "
                           "staffing.", [])
        return
    by_month = staffings_by_month(case, as_of)
    staffings = [s for key in sorted(by_month) for s in by_month[key] if start <= s.held_on]
    held = set(by_month)
    months = in_period(open_months(case, None, as_of), start, as_of)
    missed = [f"{y}-{m:02d}" for y, m in months if (y, m) not in held]
    facts: list[tuple[str, FactValue]]
    facts = [("period start", start), ("period end", as_of), ("months evaluated", len(months)),
             ("staffings", len(staffings)), ("months missed", ", ".join(missed) or "(none)")]
    if not months:
        yield _finding("staffing.monthly", Outcome.NOT_APPLICABLE, case.id, subject,
                       "The case was not open for a whole month in the period.", facts)
    elif missed:
        yield _finding("staffing.monthly", Outcome.NOT_MET, case.id, subject,
                       f"No supervisory staffing in {', '.join(missed)} ({len(missed)} of "
                       f"{len(months)} months).", facts)
    else:
        yield _finding("staffing.monthly", Outcome.MET, case.id, subject,
                       f"Staffed in every one of the {len(months)} months.", facts)
    covered = {t for s in staffings for t in s.topics}
    youth = any(p.id in case.child_ids and p.birth_date is not None
                and add_months(p.birth_date, 12 * policy.independent_living_min_age) <= as_of
                for p in case.people)
    expected = [t for t in StaffingTopic
                if t is not StaffingTopic.INDEPENDENT_LIVING or youth]
    never = [t.value for t in expected if t not in covered]
    tfacts: list[tuple[str, FactValue]]
    tfacts = [("topics covered", word_list(t.value for t in covered)),
              ("never covered", ", ".join(never) or "(none)")]
    if not staffings:
        yield _finding("staffing.topics", Outcome.NOT_MET, case.id, subject,
                       "No supervisory staffing in the period.", tfacts)
    elif never:
        yield _finding("staffing.topics", Outcome.NEEDS_REVIEW, case.id, subject,
                       f"Never covered in the period: {', '.join(never)}; a supervisor should "
                       "judge whether each applied to this case.", tfacts)
    else:
        yield _finding("staffing.topics", Outcome.MET, case.id, subject,
                       "Every staffing topic was covered in the period.", tfacts)




@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    return _grouped(_staffing_findings(case, policy, _period_start(policy, as_of), as_of))

# -- the rules ------------------------------------------------------------------------------


def monthly(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Supervisory staffing of the case every month.

    Rule ``staffing.monthly``. Source: seed 002 (Mississippi CFSR Round 3 Program Improvement
    Plan), Goal 3, Strategy 1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("staffing.monthly", ())


def topics(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Supervisory staffings cover the topics.

    Rule ``staffing.topics``. Source: seed 002 (Mississippi CFSR Round 3 Program Improvement
    Plan), Goal 3, Strategy 1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("staffing.topics", ())
