"""The ``stability.*`` rules (CFSR Round 3 item 4): hand-worked cases and laws.

Every family here is fictional. The Alder family's Kit is removed on 2025-01-10; the cases are
looked at on 2026-01-10, so the period under review runs from 2025-01-11 to 2026-01-10 (the
profile's 12 months ending on ``as_of``).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cfsr_fixtures import ANI, NA, NAR, NM, NR, D, M, S, episode, fictional_case
from practicemodel.case import Case, CaseType
from practicemodel.checks import check_case
from practicemodel.components import PracticeComponent
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.people import Person
from practicemodel.placement import (
    MoveReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
)
from practicemodel.policy import FEDERAL, MS
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import get_rule, select, stability
from practicemodel.strategies import cases

REMOVED = D(2025, 1, 10)
AS_OF = D(2026, 1, 10)
START = D(2025, 1, 11)
S_NR = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE
ITEM_4 = ReviewItem(code="stability", name="Stability of foster care placement",
                    components=(PracticeComponent.CASE_PLANNING,), source="test",
                    rules=("stability.*",))


def _p(ident: str, start: date, end: date | None = None, setting: PlacementSetting = S_NR,
       **more: object) -> Placement:
    return Placement(id=ident, setting=setting, start=start, end=end,
                     provider=f"home {ident}", **more)  # type: ignore[arg-type]


def _case(*placements: Placement, removed_on: date = REMOVED, exit_on: date | None = None,
          episodes: tuple[RemovalEpisode, ...] = ()) -> Case:
    """The Alder family: Kit removed on ``removed_on`` into ``placements``."""
    return fictional_case(
        "alder-1", case_type=CaseType.FOSTER_CARE, opened_on=D(2024, 1, 2),
        people=(Person(id="kit", name="Kit Alder", birth_date=D(2016, 5, 4)),),
        child_ids=("kit",), removal_episodes=episodes or (
            episode("ep-kit", "kit", removed_on, placements, exit_on=exit_on),))


def _found(case: Case, as_of: date = AS_OF) -> dict[str, Finding]:
    found = check_case(case, policy=FEDERAL, as_of=as_of, rules=["stability.*"])
    return {f.rule.partition(".")[2]: f for f in found}


def _outcomes(case: Case, as_of: date = AS_OF) -> tuple[Outcome, Outcome, ReviewRating]:
    found = _found(case, as_of)
    rating = ITEM_4.rate(found.values()).rating
    return found["changes_planned"].outcome, found["current_setting_stable"].outcome, rating


def _move(reason: MoveReason | None, *, temporary: bool = False) -> Case:
    return _case(_p("pl-1", REMOVED, D(2025, 5, 1), move_reason=reason, temporary=temporary),
                 _p("pl-2", D(2025, 5, 1)))


# -- the registry ---------------------------------------------------------------------------


def test_the_family_is_registered_for_item_4() -> None:
    """``stability.*``: two rules, CFSR item 4, citing the onsite review instrument."""
    assert {r.id: r.cfsr_items for r in select("stability.*")} == {
        "stability.changes_planned": (4,), "stability.current_setting_stable": (4,)}
    assert all(r.source.startswith("CFSR Round 3 onsite review instrument, item 4")
               for r in select("stability.*"))
    assert sorted(stability.__all__) == ["changes_planned", "current_setting_stable"]


# -- Strength, ANI, NA ----------------------------------------------------------------------


def test_one_stable_setting_is_a_strength() -> None:
    """CFSR Round 3 onsite review instrument, item 4: A = 1 and C = Yes is a Strength; B is
    not applicable with one setting."""
    assert _outcomes(_case(_p("pl-1", REMOVED))) == (NA, M, S)


def test_planned_changes_and_a_stable_setting_are_a_strength() -> None:
    """Item 4: A > 1 and B = C = Yes is a Strength; moves for the case goals, the child's
    needs, siblings or relatives, and events beyond control (the carer's death) are planned."""
    for reason in stability.PLANNED:
        assert _outcomes(_move(reason)) == (M, M, S), reason


def test_an_unplanned_change_is_an_area_needing_improvement() -> None:
    """Item 4 B: disruptions, availability-driven moves and temporary holding fail."""
    for reason in stability.NOT_PLANNED:
        assert _outcomes(_move(reason)) == (NM, M, ANI), reason


def test_leaving_a_temporary_setting_is_not_planned() -> None:
    """Item 4 B: a routine shelter stay is not planned, whatever reason is recorded."""
    case = _move(MoveReason.CHILD_NEEDS, temporary=True)
    assert _outcomes(case) == (NM, M, ANI)
    assert "temporary" in _found(case)["changes_planned"].explanation


def test_an_unrecorded_or_other_reason_is_for_a_reviewer() -> None:
    """Item 4 B: ``other`` or no reason cannot be decided from the record: needs review,
    which the item counts as not met."""
    for reason in (MoveReason.OTHER, None):
        assert _outcomes(_move(reason)) == (NR, M, ANI), reason


def test_an_unstable_current_setting_is_an_area_needing_improvement() -> None:
    """Item 4 C: a temporary current setting, or one at risk, is not stable, even with one
    setting (A = 1 and C = No is an ANI)."""
    assert _outcomes(_case(_p("pl-1", REMOVED, temporary=True))) == (NA, NM, ANI)
    assert _outcomes(_case(_p("pl-1", REMOVED, at_risk=True))) == (NA, NM, ANI)


def test_a_current_or_repeated_runaway_is_not_stable() -> None:
    """Item 4 C: current runaway, or repeated runaways in the period, is No; a runaway is
    not a setting (A counts one setting when the child returns to the same home)."""
    run = PlacementSetting.RUNAWAY
    current = _case(_p("pl-1", REMOVED, D(2025, 6, 1)), _p("run-1", D(2025, 6, 2), setting=run))
    assert _outcomes(current)[1:] == (NM, ANI)
    home = "Hill home"
    once = _case(Placement(id="pl-1", setting=S_NR, start=REMOVED, end=D(2025, 6, 1),
                           provider=home),
                 Placement(id="run-1", setting=run, start=D(2025, 6, 2), end=D(2025, 6, 5)),
                 Placement(id="pl-2", setting=S_NR, start=D(2025, 6, 6), provider=home))
    assert _outcomes(once) == (NA, M, S)
    twice = _case(*once.removal_episodes[0].placements[:2],
                  Placement(id="pl-2", setting=S_NR, start=D(2025, 6, 6), end=D(2025, 8, 1),
                            provider=home),
                  Placement(id="run-2", setting=run, start=D(2025, 8, 2), end=D(2025, 8, 3)),
                  Placement(id="pl-3", setting=S_NR, start=D(2025, 8, 4), provider=home))
    assert _outcomes(twice) == (NA, NM, ANI)
    assert "ran away 2 times" in _found(twice)["current_setting_stable"].explanation


def test_a_trial_home_visit_is_not_a_setting() -> None:
    """Item 4 A: a trial home visit is no setting; the last setting before it is judged."""
    thv = PlacementSetting.TRIAL_HOME_VISIT
    case = _case(_p("pl-1", REMOVED, D(2025, 9, 1)),
                 _p("thv", D(2025, 9, 2), D(2025, 12, 1), setting=thv),
                 exit_on=D(2025, 12, 1))
    found = _found(case)
    assert (found["changes_planned"].outcome, found["current_setting_stable"].outcome) == (NA, M)
    assert next(f.value for f in found["current_setting_stable"].facts
                if f.label == "current or last setting") == "pl-1"


def test_a_re_entry_counts_as_a_setting_but_not_as_a_change() -> None:
    """Item 4 A: settings are summed over episodes; re-entry into a new setting counts. No
    move within an episode is unplanned, so B is met."""
    first = episode("ep-1", "kit", D(2025, 2, 1), (_p("pl-1", D(2025, 2, 1), D(2025, 4, 1)),),
                    exit_on=D(2025, 4, 1))
    second = episode("ep-2", "kit", D(2025, 8, 1), (_p("pl-2", D(2025, 8, 1)),))
    case = _case(episodes=(second, first))
    assert _outcomes(case) == (M, M, S)
    assert next(f.value for f in _found(case)["changes_planned"].facts
                if f.label == "settings in the period") == 2


def test_a_child_not_in_care_in_the_period_is_not_applicable() -> None:
    """Item 4 applies to foster care cases: a child who left care before the period (and any
    child of an in-home case) is not applicable."""
    case = _case(_p("pl-1", D(2023, 1, 10), D(2024, 6, 1)), removed_on=D(2023, 1, 10),
                 exit_on=D(2024, 6, 1))
    assert _outcomes(case) == (NA, NA, NAR)


# -- boundaries -----------------------------------------------------------------------------


def test_a_setting_counts_from_the_first_day_of_the_period() -> None:
    """Item 4 A counts settings the child was in during the period: a setting left on the
    period's first day (2025-01-11) counts, one left the day before does not."""
    def moved(left: date) -> Case:
        return _case(_p("pl-1", D(2024, 6, 1), left, move_reason=MoveReason.DISRUPTION),
                     _p("pl-2", left + timedelta(days=1)), removed_on=D(2024, 6, 1))
    assert _outcomes(moved(START)) == (NM, M, ANI)
    assert _outcomes(moved(START - timedelta(days=1))) == (NA, M, S)


def test_placements_after_as_of_are_not_known() -> None:
    """A move dated after ``as_of`` is not known yet: the day before it, one setting."""
    case = _move(MoveReason.DISRUPTION)
    assert _outcomes(case, D(2025, 4, 30))[0] is NA
    assert _outcomes(case, D(2025, 5, 1))[0] is NM


def test_the_example() -> None:
    """The Wilsons on 2026-11-22, with the reasons for moves cleared (the example records
    Leo's as planned): Ava had one stable setting (Strength); Leo moved from an emergency
    foster home to his grandmother's with no reason recorded (needs review)."""
    example = load_example()
    unreasoned = attrs.evolve(example, removal_episodes=[
        attrs.evolve(e, placements=[attrs.evolve(p, move_reason=None) for p in e.placements])
        for e in example.removal_episodes])
    found = check_case(unreasoned, policy=MS, as_of=D(2026, 11, 22), rules=["stability.*"])
    assert [(f.rule, f.child_id, f.outcome) for f in found] == [
        ("stability.changes_planned", "ava", NA), ("stability.changes_planned", "leo", NR),
        ("stability.current_setting_stable", "ava", M),
        ("stability.current_setting_stable", "leo", M)]
    assert ITEM_4.rate(found).rating is ANI


# -- laws -----------------------------------------------------------------------------------


def _planned(case: Case) -> Case:
    """``case`` with every move planned and nothing temporary."""
    return attrs.evolve(case, removal_episodes=tuple(
        attrs.evolve(e, placements=tuple(attrs.evolve(p, move_reason=MoveReason.CASE_GOALS,
                                                      temporary=False)
                                         for p in e.placements))
        for e in case.removal_episodes))


@settings(max_examples=60, deadline=None)
@given(case=cases(), as_of=st.dates(D(1998, 1, 1), D(2100, 12, 31)))
def test_laws(case: Case, as_of: date) -> None:
    """B is not applicable exactly when the child had at most one setting in the period;
    with every move planned and nothing temporary, B is never failed; every child gets one
    finding of each rule."""
    for rule in ("stability.changes_planned", "stability.current_setting_stable"):
        found = get_rule(rule).check(case, policy=FEDERAL, as_of=as_of)
        assert [f.child_id for f in found] == list(dict.fromkeys(case.child_ids))
    for f in get_rule("stability.changes_planned").check(case, policy=FEDERAL, as_of=as_of):
        count = next((x.value for x in f.facts if x.label == "settings in the period"), 0)
        assert isinstance(count, int)
        assert (f.outcome is NA) == (count <= 1)
    for f in get_rule("stability.changes_planned").check(_planned(case), policy=FEDERAL,
                                                        as_of=as_of):
        assert f.outcome in (M, NA)
