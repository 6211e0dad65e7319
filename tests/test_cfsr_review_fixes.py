"""Regression tests of the second review of the CFSR rule families (items 1, 3, 4, 7, 10).

Each test is hand-worked from the source named in its docstring. Every family here is
fictional. The Alder family: Kit and Pip, children of Mia (mother) and Ned (father), removed
on 2025-01-10; Gran Alder is a related foster parent, Fay Moss an unrelated one. Cases are
looked at on 2026-01-10, so the period under review runs from 2025-01-11 to 2026-01-10.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from cfsr_fixtures import ANI, NA, NAR, NM, D, M, S, episode, fictional_case
from practicemodel.assessment import SafetyAssessment, SafetyDecision, SafetyPlan
from practicemodel.case import Case, CaseType
from practicemodel.checks import check_case
from practicemodel.components import PracticeComponent
from practicemodel.connections import FamilySide, RelativeSearch
from practicemodel.findings import Finding, Outcome
from practicemodel.intake import MaltreatmentReport
from practicemodel.people import (
    FosterHome,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
)
from practicemodel.placement import MoveReason, Placement, PlacementSetting
from practicemodel.policy import FEDERAL
from practicemodel.review import ReviewItem, ReviewRating

REMOVED = D(2025, 1, 10)
AS_OF = D(2026, 1, 10)
REL = PlacementSetting.FOSTER_FAMILY_RELATIVE
NON = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE


def _item(family: str) -> ReviewItem:
    return ReviewItem(code=family, name=family,
                      components=(PracticeComponent.PRESERVING_CONNECTIONS,), source="test",
                      rules=(f"{family}.*",))


def _at(ident: str, start: date, end: date | None = None, *, home: str = "gran",
        **more: object) -> Placement:
    return Placement(id=ident, setting=REL if home == "gran" else NON, start=start, end=end,
                     caregiver_ids=(home,), **more)  # type: ignore[arg-type]


def _case(kit: Iterable[Placement] = (), pip: Iterable[Placement] | None = None, *,
          case_type: CaseType = CaseType.FOSTER_CARE, **more: object) -> Case:
    """The Alder family; Kit in ``kit`` (no removal when empty), Pip in ``pip`` (no removal
    when ``None``)."""
    episodes = []
    if tuple(kit):
        episodes.append(episode("ep-kit", "kit", REMOVED, kit, removed_from_ids=("mia", "ned")))
    if pip is not None:
        episodes.append(episode("ep-pip", "pip", REMOVED, pip, removed_from_ids=("mia", "ned")))
    people = [Person(id=pid, name=name) for pid, name in (
        ("kit", "Kit Alder"), ("pip", "Pip Alder"), ("mia", "Mia Alder"), ("ned", "Ned Alder"),
        ("gran", "Gran Alder"), ("fay", "Fay Moss"))]
    rels = [Relationship(adult_id=parent, child_id=child, kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=role, removed_from=bool(episodes))
            for parent, role in (("mia", ParentRole.MOTHER), ("ned", ParentRole.FATHER))
            for child in ("kit", "pip")]
    rels += [Relationship(adult_id=carer, child_id=child, kind=RelationshipKind.FOSTER_PARENT,
                          foster_home=FosterHome(related=carer == "gran", licensed=True))
             for carer in ("gran", "fay") for child in ("kit", "pip")]
    return fictional_case("alder-1", case_type=case_type, opened_on=D(2024, 1, 2),
                          people=people, child_ids=("kit", "pip"), relationships=tuple(rels),
                          removal_episodes=tuple(episodes), **more)


def _run(case: Case, family: str, as_of: date = AS_OF) -> list[Finding]:
    return list(check_case(case, policy=FEDERAL, as_of=as_of, rules=[f"{family}.*"]))


def _kit(found: list[Finding], rule: str) -> list[Outcome]:
    return [f.outcome for f in found if f.rule == rule and f.child_id == "kit"]


# -- item 7: siblings moved together on one day -----------------------------------------------


def _moved(pip_moves_on: date) -> Case:
    """Kit and Pip at Fay's from the removal; Kit moves to Gran's on 2025-06-01, Pip on
    ``pip_moves_on``."""
    move = D(2025, 6, 1)
    return _case(kit=[_at("pl-kit-1", REMOVED, move, home="fay"), _at("pl-kit-2", move)],
                 pip=[_at("pl-pip-1", REMOVED, pip_moves_on, home="fay"),
                      _at("pl-pip-2", pip_moves_on)])


def test_siblings_moved_together_on_one_day_were_never_apart() -> None:
    """CFSR Round 3 onsite review instrument, item 7 A: placed with all siblings in care.
    Kit and Pip live together at Fay's, and both move to Gran's on 2025-06-01: a placement
    ends on the day the next begins, and that day belongs to the home moved to, so they never
    lived apart: A = Yes, a Strength (the review found the move day read as a day apart, A =
    B = No, an ANI)."""
    found = _run(_moved(D(2025, 6, 1)), "siblings")
    assert _kit(found, "siblings.placed_together") == [M]
    assert _item("siblings").rate([f for f in found if f.child_id == "kit"]).rating is S


def test_a_sibling_moved_a_day_later_lived_apart_for_that_day() -> None:
    """Item 7 A and B, the day after: Pip moves to Gran's on 2025-06-02, so on 2025-06-01 Kit
    is at Gran's and Pip still at Fay's; no separation reason is recorded: A = B = No, ANI."""
    found = _run(_moved(D(2025, 6, 2)), "siblings")
    assert _kit(found, "siblings.placed_together") == [NM]
    assert _item("siblings").rate([f for f in found if f.child_id == "kit"]).rating is ANI


# -- item 10: relatives unknown after a documented search ---------------------------------------


PATERNAL_ON = D(2025, 2, 1)


def _searched(maternal: int, paternal: int, *, paternal_on: date | None = PATERNAL_ON) -> Case:
    searches = [RelativeSearch(id="rs-m", child_id="kit", side=FamilySide.MATERNAL,
                               completed_on=D(2025, 1, 20), relatives_found=maternal,
                               relatives_notified=maternal)]
    if paternal_on is not None:
        searches.append(RelativeSearch(id="rs-p", child_id="kit", side=FamilySide.PATERNAL,
                                       completed_on=paternal_on, relatives_found=paternal,
                                       relatives_notified=paternal))
    return _case(kit=[_at("pl-kit", REMOVED, home="fay")], relative_searches=tuple(searches))


def _item_10(case: Case, as_of: date = AS_OF) -> tuple[list[Outcome], ReviewRating]:
    found = [f for f in _run(case, "relatives", as_of) if f.child_id == "kit"]
    return [f.outcome for f in found], _item("relatives").rate(found).rating


def test_relatives_unknown_after_a_documented_search_is_not_applicable() -> None:
    """CFSR Round 3 onsite review instrument, item 10 (applicability): a foster care case is
    rated unless, among others, the child's relatives are unknown after a documented search.
    Both sides searched within 30 days of the removal, no relative found on either: NA, not a
    Strength (the review found the rule gave ``met``)."""
    assert _item_10(_searched(0, 0)) == ([NA, NA], NAR)


def test_relatives_found_on_one_side_only_is_still_rated() -> None:
    """Item 10 B and C: the maternal search found none, the paternal one found two and
    informed them: relatives are known, so the item is rated, B = C = Yes, a Strength."""
    assert _item_10(_searched(0, 2)) == ([NA, M], S)


def test_a_side_not_due_yet_is_said_so_in_the_words() -> None:
    """Item 10 B and C; 42 USC 671(a)(29) (notice within 30 days of removal, the profile's
    ``relative_notice_days``). On 2025-01-25 the maternal side was searched and informed,
    the paternal search is due by 2025-02-09: the finding is ``met`` and its words do not
    claim the paternal relatives were sought."""
    found = [f for f in _run(_searched(2, 0, paternal_on=None), "relatives", D(2025, 1, 25))
             if f.rule == "relatives.search" and f.child_id == "kit"]
    assert [f.outcome for f in found] == [M]
    why = found[0].explanation
    assert "maternal and paternal relatives" not in why
    assert "paternal side is not due yet (by 2025-02-09)" in why


# -- item 4: the day of a move off runaway ------------------------------------------------------


def _runaway_case() -> Case:
    """Kit at Fay's from the removal to 2025-11-01, on runaway 2025-11-01 to 2026-01-10, at
    Gran's from 2026-01-10 (the day the runaway ends)."""
    return _case(kit=[
        _at("pl-1", REMOVED, D(2025, 11, 1), home="fay", move_reason=MoveReason.CHILD_NEEDS),
        Placement(id="pl-run", setting=PlacementSetting.RUNAWAY, start=D(2025, 11, 1),
                  end=AS_OF),
        _at("pl-2", AS_OF)])


def test_back_from_runaway_on_the_last_day_is_not_on_runaway() -> None:
    """CFSR Round 3 onsite review instrument, item 4 C: the current setting is not stable
    when the child is on runaway. On 2026-01-10 the runaway ends and Kit is placed at Gran's
    that day: Kit is in the new setting, not on runaway (the review found the rule read the
    placement left that day, the runaway, and said "on runaway")."""
    found = _run(_runaway_case(), "stability")
    assert _kit(found, "stability.current_setting_stable") == [M]


def test_on_runaway_the_day_before_is_not_stable() -> None:
    """Item 4 C, the day before: on 2026-01-09 Kit is on runaway, so C = No."""
    found = _run(_runaway_case(), "stability", AS_OF - timedelta(days=1))
    assert _kit(found, "stability.current_setting_stable") == [NM]


# -- item 3 C: a safety plan begun after as_of --------------------------------------------------


def _plan_case(plan_start: date) -> Case:
    """An in-home case: Kit found conditionally safe on 2025-12-20, with a safety plan from
    ``plan_start``."""
    return _case(case_type=CaseType.IN_HOME, safety_assessments=(SafetyAssessment(
        id="sa-1", completed_on=D(2025, 12, 20), child_ids=("kit",),
        decision=SafetyDecision.CONDITIONALLY_SAFE,
        safety_plan=SafetyPlan(id="sp-1", start=plan_start, responsible_ids=("mia",))),))


def test_a_safety_plan_begun_after_as_of_is_not_known_yet() -> None:
    """CFSR Round 3 onsite review instrument, item 3 C: a safety plan is made when safety
    concerns exist. Looked at on 2026-01-10, a plan that begins on 2026-01-11 is not on the
    record yet: Kit stayed at home with no plan, C = No (the review found the rule read the
    later plan and said it "was monitored")."""
    found = _run(_plan_case(D(2026, 1, 11)), "safety")
    assert _kit(found, "safety.plan_monitored") == [NM]


def test_a_safety_plan_begun_on_as_of_is_known() -> None:
    """Item 3 C, the boundary day: a plan beginning on 2026-01-10 is known that day; no whole
    month of it has passed, so it is made and not yet missed a month: C = Yes."""
    found = _run(_plan_case(AS_OF), "safety")
    assert _kit(found, "safety.plan_monitored") == [M]


# -- item 1: an excused report of a priority with no time frame ---------------------------------


def test_an_excused_report_without_a_time_frame_says_so() -> None:
    """CFSR Round 3 onsite review instrument, item 1 C: every delay beyond the agency's
    control makes the report a Strength. A priority the profile sets no time frame for
    ("9"), with C recorded: ``met``, and the words name the missing time frame instead of an
    empty clause (the review found "accepted for an investigation: ; ...")."""
    report = MaltreatmentReport(id="r-1", received_on=D(2025, 6, 1), child_ids=("kit",),
                                priority="9", initiated_on=D(2025, 6, 11),
                                face_to_face_on=D(2025, 6, 12),
                                delay_beyond_agency_control=True)
    found = _run(_case(case_type=CaseType.IN_HOME, reports=(report,)), "intake")
    assert [f.outcome for f in found] == [M, M]
    for finding in found:
        assert ": ;" not in finding.explanation
        assert "sets no time frame for priority 9" in finding.explanation
