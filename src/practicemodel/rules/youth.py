"""A youth's own voice in case planning: ``youth.*`` (42 USC 675(1)(B); CFSR item 13).

From age 14 a youth in foster care takes part in developing the case plan and may choose up
to two members of the case planning team besides the caseworker and the foster parents
(42 USC 675(1)(B), as amended by the Preventing Sex Trafficking and Strengthening Families
Act of 2014; the age is the profile's
[`youth_team_age`][practicemodel.policy.PolicyProfile.youth_team_age]). The plan records
the people the youth chose in
[`CasePlan.youth_chosen_member_ids`][practicemodel.caseplan.CasePlan.youth_chosen_member_ids].

- ``youth.team_members``: for each child of the case in foster care in the period under
  review, the latest plan covering the child completed in the period, on or after the day
  the child reached the age: ``met`` when it names the members the youth chose;
  ``needs_review`` when it names none, because the choice is the youth's ("at the option of
  the child"): a reviewer checks that the youth was offered it. ``not_applicable`` for a
  child not in care in the period, younger than the age on every plan of the period, with
  no plan in the period since reaching the age, or whose birth date is not recorded.

The finding is evidence for CFSR item 13 (the child's involvement in case planning) and is
listed by [`check_case`][practicemodel.checks.check_case]; the CFSR instrument does not rate
item 13 by it, since a plan naming no one may be the youth's own choice.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import episodes_in_period, not_in_care
from practicemodel.rules._plans import _words
from practicemodel.rules._shared import by_child, shared
from practicemodel.rules._visiting import _finding, _name, _people, _period_start

__all__ = ["team_members"]

_RULE = "youth.team_members"
_LAW = "42 USC 675(1)(B)"


def _child(case: Case, policy: PolicyProfile, as_of: date, child_id: str) -> Iterator[Finding]:
    start = _period_start(policy, as_of)
    people = _people(case)
    person = people.get(child_id)
    name = _name(person, child_id)
    subject = f"planning team members chosen by {name}"
    if not episodes_in_period(case, child_id, start, as_of):
        yield from not_in_care((_RULE,), child_id, name, subject, 13, start, as_of)
        return
    age = policy.youth_team_age

    def finding(outcome: Outcome, why: str, *facts: tuple[str, FactValue]) -> Finding:
        return _finding(_RULE, outcome, child_id, _words, subject, why,
                        (("age from which the youth chooses", age), *facts),
                        child_id=child_id)

    if person is None or person.birth_date is None:
        yield finding(Outcome.NOT_APPLICABLE, f"{name}'s birth date is not recorded, so whether "
                      f"{name} was {age} or older when a plan was made cannot be told ({_LAW}).")
        return
    plans = sorted((p for p in case.plans if child_id in p.child_ids
                    and start <= p.completed_on <= as_of
                    and (person.age_on(p.completed_on) or 0) >= age),
                   key=lambda p: (p.completed_on, p.id))
    if not plans:
        yield finding(Outcome.NOT_APPLICABLE,
                      f"No plan covering {name} was completed in the period under review "
                      f"({start} to {as_of}) when {name} was {age} or older ({_LAW}).",
                      ("period under review from", start), ("as of", as_of))
        return
    plan = plans[-1]
    chosen = plan.youth_chosen_member_ids
    facts = (("plan", plan.id), ("plan completed on", plan.completed_on),
             ("age on that day", person.age_on(plan.completed_on)),
             ("members chosen", len(chosen)))
    if chosen:
        names = ", ".join(_name(people.get(i), i) for i in chosen)
        yield finding(Outcome.MET, f"Plan {plan.id} of {plan.completed_on} names the planning "
                      f"team members {name} chose: {names} ({_LAW}).", *facts)
    else:
        yield finding(Outcome.NEEDS_REVIEW,
                      f"Plan {plan.id} of {plan.completed_on}, made when {name} was "
                      f"{person.age_on(plan.completed_on)}, names no planning team member "
                      f"{name} chose. The choice is the youth's: a reviewer checks that {name} "
                      f"was offered up to two members of the team ({_LAW}).", *facts)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``youth.*`` finding of the case, grouped by rule, child by child."""
    return by_child(case, lambda child_id: _child(case, policy, as_of, child_id))


def team_members(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The latest plan of the period made when the youth was 14 or older names the planning
    team members the youth chose.

    Rule ``youth.team_members``; 42 USC 675(1)(B); evidence for CFSR item 13. One finding per
    child of the case: ``met``, ``needs_review`` (no member named: the choice is the
    youth's) or ``not_applicable`` (not in care in the period, too young, no plan since
    reaching the age, no birth date). See the module notes.

    >>> from practicemodel.example import load_example
    >>> from practicemodel.policy import get_policy
    >>> [f.outcome.value for f in team_members(load_example(), policy=get_policy("MS"),
    ...                                        as_of=date(2026, 11, 22))]
    ['not_applicable', 'not_applicable']
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get(_RULE, ())
