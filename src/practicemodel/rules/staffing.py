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
from practicemodel.findings import Explanation, Finding, Outcome, word_list
from practicemodel.monthly import _label, _month, _open_in, _period
from practicemodel.periods import add_months
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import shared
from practicemodel.rules._visiting import (
    _facts,
    _finding,
    _grouped,
    _monthly_outcome,
    _people,
    _period_start,
)
from practicemodel.staffing import StaffingTopic

__all__ = ["monthly", "topics"]

_TOPICS = tuple(StaffingTopic)


def _staffing_findings(case: Case, policy: PolicyProfile, start: date,
                       as_of: date) -> Iterator[Finding]:
    if not policy.supervisory_staffing_monthly:
        for rule in ("staffing.monthly", "staffing.topics"):
            yield _finding(rule, Outcome.NOT_APPLICABLE, case.id, _not_required_words, case.id,
                           policy.code)
        return
    staffings = [s for s in case.staffings if start <= s.held_on <= as_of]
    # Every month judged lies wholly in [start, as_of]: a staffing held in it is one of these.
    held = {_month(s.held_on) for s in staffings}
    months = _open_in(case, None, _period(start, as_of), as_of)
    missed = tuple(index for index in months if index not in held)
    outcome = _monthly_outcome(True, months, missed)
    yield _finding("staffing.monthly", outcome, case.id, _monthly_words, outcome, case.id,
                   start, as_of, len(months), len(staffings), missed)

    covered = {t for s in staffings for t in s.topics}
    never = tuple(t.value for t in _TOPICS if t not in covered and (
        t is not StaffingTopic.INDEPENDENT_LIVING or _youth(case, policy, as_of)))
    if not staffings:
        outcome = Outcome.NOT_MET
    elif never:
        outcome = Outcome.NEEDS_REVIEW
    else:
        outcome = Outcome.MET
    yield _finding("staffing.topics", outcome, case.id, _topics_words, outcome, case.id,
                   tuple(t.value for t in covered), never)


def _youth(case: Case, policy: PolicyProfile, as_of: date) -> bool:
    """Whether a child of the case has reached the profile's independent living age."""
    people = _people(case)
    return any(child is not None and child.birth_date is not None
               and add_months(child.birth_date, 12 * policy.independent_living_min_age) <= as_of
               for child in map(people.get, case.child_ids))


def _subject(case_id: str) -> str:
    return f"supervisory staffing of case {case_id}"


def _not_required_words(case_id: str, code: str) -> Explanation:
    return (_subject(case_id),
            f"The {code} profile does not require monthly supervisory staffing.", ())


def _monthly_words(outcome: Outcome, case_id: str, start: date, as_of: date, months: int,
                   staffings: int, missed: tuple[int, ...]) -> Explanation:
    missed_words = ", ".join(_label(index) for index in missed)
    if outcome is Outcome.NOT_APPLICABLE:
        why = "The case was not open for a whole month in the period."
    elif outcome is Outcome.NOT_MET:
        why = f"No supervisory staffing in {missed_words} ({len(missed)} of {months} months)."
    else:
        why = f"Staffed in every one of the {months} months."
    return _subject(case_id), why, _facts(
        ("period start", start), ("period end", as_of), ("months evaluated", months),
        ("staffings", staffings), ("months missed", missed_words or "(none)"))


def _topics_words(outcome: Outcome, case_id: str, covered: tuple[str, ...],
                  never: tuple[str, ...]) -> Explanation:
    if outcome is Outcome.NOT_MET:
        why = "No supervisory staffing in the period."
    elif outcome is Outcome.NEEDS_REVIEW:
        why = (f"Never covered in the period: {', '.join(never)}; a supervisor should judge "
               "whether each applied to this case.")
    else:
        why = "Every staffing topic was covered in the period."
    return _subject(case_id), why, _facts(("topics covered", word_list(covered)),
                                          ("never covered", ", ".join(never) or "(none)"))


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
