"""``youth.team_members``: a youth of 14 or older chooses members of the planning team.

Source: 42 USC 675(1)(B) (the case plan is developed with the youth and, at the youth's
option, up to two members of the case planning team the youth chooses, from age 14); the age
is ``PolicyProfile.youth_team_age``.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.findings import Outcome
from practicemodel.policy import get_policy
from practicemodel.rules.youth import team_members

AS_OF = date(2026, 11, 22)
MS = get_policy("MS")
M, NR, NA = Outcome.MET, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE


def _aged(case: Case, child_id: str, born: date) -> Case:
    """The example with ``child_id`` born on ``born``."""
    return attrs.evolve(case, people=tuple(
        attrs.evolve(p, birth_date=born) if p.id == child_id else p for p in case.people))


def _chosen(case: Case, *member_ids: str) -> Case:
    """The example with every plan naming ``member_ids`` as chosen by the youth."""
    return attrs.evolve(case, plans=tuple(attrs.evolve(p, youth_chosen_member_ids=member_ids)
                                          for p in case.plans))


def _outcomes(case: Case, as_of: date = AS_OF) -> dict[str, Outcome]:
    return {f.subject_id: f.outcome for f in team_members(case, policy=MS, as_of=as_of)}


def test_young_children_are_not_applicable() -> None:
    """The Wilson children are under 14: not applicable, one finding per child."""
    assert _outcomes(load_example()) == {"ava": NA, "leo": NA}


def test_a_youth_of_14_whose_plan_names_chosen_members_is_met() -> None:
    """Ava made 14 before the plans of the period, and the plans name her aunt and her
    grandmother as the members she chose: met, naming them."""
    case = _chosen(_aged(load_example(), "ava", date(2011, 1, 15)),
                   *[p.id for p in load_example().people if p.id not in ("ava", "leo")][:2])
    (finding,) = [f for f in team_members(case, policy=MS, as_of=AS_OF) if f.subject_id == "ava"]
    assert finding.outcome is M
    assert "names the planning team members" in finding.explanation
    assert finding.child_id == "ava"


def test_a_youth_whose_plan_names_no_one_needs_review() -> None:
    """No member named: the choice is the youth's ("at the option of the child"), so a
    reviewer checks it was offered: needs review, not not met."""
    case = _aged(load_example(), "ava", date(2011, 1, 15))
    assert _outcomes(case)["ava"] is NR
    (finding,) = [f for f in team_members(case, policy=MS, as_of=AS_OF) if f.subject_id == "ava"]
    assert "offered up to two members" in finding.explanation


def test_the_plan_on_the_14th_birthday_counts_the_day_before_does_not() -> None:
    """A plan completed on the 14th birthday is judged; one the day before is not."""
    case = load_example()
    latest = max(p.completed_on for p in case.plans if "ava" in p.child_ids)
    on_birthday = _aged(case, "ava", latest.replace(year=latest.year - 14))
    assert _outcomes(on_birthday, latest)["ava"] is NR
    day_after = latest.replace(year=latest.year - 14, day=latest.day + 1)
    assert _outcomes(_aged(case, "ava", day_after), latest)["ava"] is NA


def test_no_birth_date_is_not_applicable() -> None:
    """Without a birth date the age cannot be told: not applicable, saying so."""
    case = load_example()
    case = attrs.evolve(case, people=tuple(attrs.evolve(p, birth_date=None) if p.id == "ava"
                                           else p for p in case.people))
    (finding,) = [f for f in team_members(case, policy=MS, as_of=AS_OF) if f.subject_id == "ava"]
    assert finding.outcome is NA
    assert "birth date is not recorded" in finding.explanation


def test_a_child_not_in_care_in_the_period_is_not_applicable() -> None:
    """Long after the episodes ended (here: before any removal) the item does not apply."""
    assert _outcomes(_aged(load_example(), "ava", date(2000, 1, 1)), date(2025, 1, 1)) == {
        "ava": NA, "leo": NA}


@pytest.mark.parametrize("age", [13, 14, 16])
def test_the_age_is_the_profiles(age: int) -> None:
    """The profile's youth_team_age decides: a youth of 13 counts under a profile at 13."""
    case = _aged(load_example(), "ava", date(2013, 1, 1))  # 13 in 2026
    policy = MS.derive(youth_team_age=age)
    (finding,) = [f for f in team_members(case, policy=policy, as_of=AS_OF)
                  if f.subject_id == "ava"]
    assert finding.outcome is (NR if age <= 13 else NA)


@given(born=st.dates(date(2005, 1, 1), date(2020, 12, 31)))
def test_naming_members_never_makes_it_worse(born: date) -> None:
    """Whatever the youth's age, naming chosen members turns needs review into met and leaves
    not applicable alone (a law of the rule)."""
    case = _aged(load_example(), "ava", born)
    without = _outcomes(case)["ava"]
    members = [p.id for p in case.people if p.id not in ("ava", "leo")][:1]
    with_members = _outcomes(_chosen(case, *members))["ava"]
    assert (without, with_members) in {(NA, NA), (NR, M)}


def test_check_case_lists_it_and_the_cfsr_instrument_does_not_rate_by_it() -> None:
    """check_case runs it; item 13 of the CFSR instrument reads only actively involved."""
    from practicemodel.review import CFSR_INSTRUMENT

    assert any(f.rule == "youth.team_members"
               for f in check_case(load_example(), policy=MS, as_of=AS_OF))
    assert "youth.team_members" not in CFSR_INSTRUMENT.item("item_13").rule_ids
