"""The ``education.*`` rules (CFSR Round 3 item 16, Well-Being Outcome 2): hand-worked cases.

Every family here is fictional. The Brambles: Juniper (born 2016-05-04) is removed on
2025-06-02; the cases are looked at on 2026-03-01, so the period under review runs from
2025-03-02 to 2026-03-01. An education need identified on 2025-09-01 has its service due 60
days later, by 2025-10-31 (``need_service_days``).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cfsr_fixtures import ANI, NA, NAR, NM, NR, D, M, S, episode, fictional_case
from practicemodel.case import Case, CaseType
from practicemodel.components import PracticeComponent
from practicemodel.findings import Finding, Outcome
from practicemodel.people import Person
from practicemodel.placement import (
    Placement,
    PlacementSetting,
)
from practicemodel.policy import FEDERAL, MS
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import education, get_rule, select
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.wellbeing import Screening, WellBeingArea, WellBeingNeed

AS_OF = D(2026, 3, 1)
BORN = D(2016, 5, 4)
REMOVED = D(2025, 6, 2)
IDENTIFIED = D(2025, 9, 1)
DUE = D(2025, 10, 31)
ITEM_16 = ReviewItem(code="item_16", name="Educational needs of the child",
                     components=(PracticeComponent.STRENGTHS_AND_NEEDS,),
                     source="CFSR Round 3 onsite review instrument, item 16",
                     rules=("education.*",))


def _screen(on: date, ident: str = "sc-1", child: str = "juniper") -> Screening:
    return Screening(id=ident, child_id=child, area=WellBeingArea.EDUCATION, completed_on=on)


def _need(identified_on: date = IDENTIFIED, *, services: tuple[str, ...] = ("svc-tutor",),
          met_on: date | None = None, ident: str = "need-1",
          child: str = "juniper") -> WellBeingNeed:
    return WellBeingNeed(id=ident, child_id=child, area=WellBeingArea.EDUCATION,
                         description="reading two grades behind", identified_on=identified_on,
                         service_ids=services, met_on=met_on)


def _service(started_on: date | None = None, *, referred_on: date | None = IDENTIFIED,
             waitlisted_on: date | None = None,
             status: ServiceStatus = ServiceStatus.ACTIVE) -> Service:
    return Service(id="svc-tutor", category=ServiceCategory.EDUCATION,
                   person_ids=("juniper",), status=status, referred_on=referred_on,
                   waitlisted_on=waitlisted_on, started_on=started_on)


def _case(*, screenings: tuple[Screening, ...] = (), needs: tuple[WellBeingNeed, ...] = (),
          services: tuple[Service, ...] = (), born: date | None = BORN,
          removed_on: date | None = REMOVED, exit_on: date | None = None,
          sibling: bool = False) -> Case:
    """The Bramble case: Juniper in foster care from ``removed_on`` (in-home without it);
    with ``sibling``, Wren (born 2015-01-09) stays home."""
    people = [Person(id="juniper", name="Juniper Bramble", birth_date=born)]
    if sibling:
        people.append(Person(id="wren", name="Wren Bramble", birth_date=D(2015, 1, 9)))
    episodes = () if removed_on is None else (episode(
        "ep-juniper", "juniper", removed_on,
        (Placement(id="pl-juniper", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                   start=removed_on, end=exit_on),), exit_on=exit_on),)
    return fictional_case(
        "bramble-1",
        case_type=CaseType.IN_HOME if removed_on is None else CaseType.FOSTER_CARE,
        opened_on=D(2025, 5, 20), people=people, child_ids=(p.id for p in people),
        removal_episodes=episodes, screenings=screenings, well_being_needs=needs,
        services=services)


def _run(case: Case, as_of: date = AS_OF) -> tuple[Finding, ...]:
    return (education.needs_assessed(case, policy=FEDERAL, as_of=as_of)
            + education.needs_served(case, policy=FEDERAL, as_of=as_of))


def _outcomes(case: Case, rule: str, as_of: date = AS_OF) -> list[Outcome]:
    return [f.outcome for f in get_rule(rule).check(case, policy=FEDERAL, as_of=as_of)
            if f.child_id == "juniper"]


def _rating(case: Case, as_of: date = AS_OF) -> ReviewRating:
    return ITEM_16.rate(_run(case, as_of)).rating


# -- the registry -----------------------------------------------------------------------------


def test_the_family_is_registered_for_item_16() -> None:
    """``education.*``: two rules of CFSR item 16, each citing the onsite review
    instrument."""
    assert {r.id: r.cfsr_items for r in select("education.*")} == {
        "education.needs_assessed": (16,), "education.needs_served": (16,)}
    assert all(r.source.startswith("CFSR Round 3 onsite review instrument, item 16")
               for r in select("education.*"))
    assert sorted(education.__all__) == ["needs_assessed", "needs_served"]


# -- Strength, ANI, NA ------------------------------------------------------------------------


def test_strength_assessed_and_need_served_in_time() -> None:
    """Screened in the period and the need's service started within 60 days: Strength (CFSR
    Round 3 onsite review instrument, item 16)."""
    case = _case(screenings=(_screen(D(2025, 8, 20)),), needs=(_need(),),
                 services=(_service(D(2025, 10, 1)),))
    found = _run(case)
    assert [f.outcome for f in found] == [M, M]
    assert found[1].subject_id == "need-1"
    assert found[1].child_id == "juniper"
    assert "served in time" in found[1].explanation
    assert _rating(case) is S


def test_ani_school_age_child_never_assessed() -> None:
    """A child aged 9 in care with no educational assessment and no need recorded: not met,
    ANI (CFSR Round 3 onsite review instrument, item 16)."""
    case = _case()
    assert _outcomes(case, "education.needs_assessed") == [NM]
    assert _outcomes(case, "education.needs_served") == [NA]
    assert _rating(case) is ANI


def test_na_toddler_without_a_delay() -> None:
    """A child aged 2 with no education need recorded: NA even when screened (CFSR FAQ,
    well-being outcome 2: not applicable to a child aged 2 or younger with no apparent
    delay)."""
    case = _case(born=D(2023, 6, 1), screenings=(_screen(D(2025, 8, 1)),))
    assert _outcomes(case, "education.needs_assessed") == [NA]
    assert _rating(case) is NAR


def test_a_toddler_with_a_delay_is_rated() -> None:
    """A child aged 2 with a recorded speech delay is rated: the recorded need shows the
    assessment (CFSR FAQ, well-being outcome 2), and the need must be served."""
    case = _case(born=D(2023, 6, 1), needs=(_need(),), services=(_service(),))
    assert _outcomes(case, "education.needs_assessed") == [M]
    assert _outcomes(case, "education.needs_served") == [NM]
    assert _rating(case) is ANI


def test_the_age_is_taken_on_the_last_day_judged() -> None:
    """Three on the last day judged (as_of) makes the child school-age for item 16."""
    assert _outcomes(_case(born=D(2023, 3, 1)), "education.needs_assessed") == [NM]
    assert _outcomes(_case(born=D(2023, 3, 2)), "education.needs_assessed") == [NA]


def test_unknown_birth_date_needs_review() -> None:
    """No birth date and no need: a reviewer decides whether the item applies."""
    assert _outcomes(_case(born=None), "education.needs_assessed") == [NR]


def test_in_home_child_without_an_education_need_is_na() -> None:
    """In-home cases rate item 16 only when education was a reason for involvement or a need
    arose (the Round 2 rule): no need, NA."""
    case = _case(removed_on=None)
    assert _outcomes(case, "education.needs_assessed") == [NA]
    assert _rating(case) is NAR


def test_in_home_child_with_an_education_need_is_rated() -> None:
    """An in-home child with a recorded education need: rated on serving it."""
    served = _case(removed_on=None, needs=(_need(),), services=(_service(DUE),))
    assert _rating(served) is S
    unserved = _case(removed_on=None, needs=(_need(),), services=(_service(),))
    assert _rating(unserved) is ANI


def test_a_sibling_at_home_in_a_foster_care_case_is_not_rated() -> None:
    """A foster care case rates the children in care; the sibling at home is NA."""
    case = _case(sibling=True, screenings=(_screen(D(2025, 8, 20)),))
    wren = [f for f in _run(case) if f.child_id == "wren"]
    assert [f.outcome for f in wren] == [NA, NA]
    assert "not in foster care" in wren[0].explanation


def test_a_child_who_left_care_before_the_period_is_not_rated() -> None:
    case = _case(exit_on=D(2025, 2, 1), removed_on=D(2024, 6, 1))
    assert {f.outcome for f in _run(case)} == {NA}


# -- boundaries -------------------------------------------------------------------------------


def test_the_need_service_deadline_day_and_the_day_after() -> None:
    """A service started on the 60th day is in time; on the 61st it is late. With nothing
    started, the need cannot be judged through the 60th day and is not met the day after."""
    assert _outcomes(_case(needs=(_need(),), services=(_service(DUE),)),
                     "education.needs_served") == [M]
    late = _case(needs=(_need(),), services=(_service(DUE + timedelta(days=1)),))
    assert _outcomes(late, "education.needs_served") == [NM]
    assert "served late" in get_rule("education.needs_served").check(
        late, policy=FEDERAL, as_of=AS_OF)[0].explanation
    nothing = _case(needs=(_need(),), services=(_service(),))
    assert _outcomes(nothing, "education.needs_served", DUE) == [NA]
    assert _outcomes(nothing, "education.needs_served", DUE + timedelta(days=1)) == [NM]


def test_a_waitlisted_service_is_not_a_service() -> None:
    """Only referred and waitlisted when the 60 days pass: not met, and the explanation says
    the service was only waitlisted."""
    case = _case(needs=(_need(),), services=(_service(
        referred_on=IDENTIFIED, waitlisted_on=D(2025, 9, 5),
        status=ServiceStatus.WAITLISTED),))
    found = get_rule("education.needs_served").check(case, policy=FEDERAL, as_of=AS_OF)
    assert [f.outcome for f in found] == [NM]
    assert "only waitlisted" in found[0].explanation


def test_a_need_met_in_time_without_a_service_is_met() -> None:
    case = _case(needs=(_need(met_on=D(2025, 10, 15), services=()),))
    assert _outcomes(case, "education.needs_served") == [M]


def test_a_need_met_before_the_period_is_not_judged() -> None:
    """A need identified and met before the period under review is not the period's."""
    case = _case(needs=(_need(D(2024, 9, 1), met_on=D(2025, 1, 5), services=()),),
                 removed_on=D(2024, 8, 1))
    assert _outcomes(case, "education.needs_served") == [NA]


def test_a_need_carried_into_the_period_is_judged() -> None:
    """A need identified before the period, still open in it, and never served: not met."""
    case = _case(needs=(_need(D(2024, 9, 1), services=()),), removed_on=D(2024, 8, 1),
                 screenings=(_screen(D(2025, 5, 1)),))
    assert _outcomes(case, "education.needs_served") == [NM]


def test_the_initial_assessment_window_for_a_new_entry() -> None:
    """A child who entered care in the period is not judged unassessed within the first
    ``health_screening_days`` (30) after the removal; the day after, not met."""
    removed = D(2026, 1, 15)
    case = _case(removed_on=removed)
    assert _outcomes(case, "education.needs_assessed", removed + timedelta(days=30)) == [NA]
    assert _outcomes(case, "education.needs_assessed", removed + timedelta(days=31)) == [NM]


def test_a_screening_before_the_period_does_not_count() -> None:
    case = _case(removed_on=D(2024, 8, 1), screenings=(_screen(D(2025, 3, 1)),))
    assert _outcomes(case, "education.needs_assessed") == [NM]
    case = _case(removed_on=D(2024, 8, 1), screenings=(_screen(D(2025, 3, 2)),))
    assert _outcomes(case, "education.needs_assessed") == [M]


def test_records_after_as_of_are_not_known() -> None:
    case = _case(screenings=(_screen(AS_OF + timedelta(days=1)),))
    assert _outcomes(case, "education.needs_assessed") == [NM]


def test_findings_carry_facts_and_source() -> None:
    found = _run(_case(screenings=(_screen(D(2025, 8, 20)),)))
    labels = {fact.label for fact in found[0].facts}
    assert {"review", "age", "screened on"} <= labels
    assert all(f.source == get_rule(f.rule).source for f in found)


def test_the_profile_sets_the_days_and_the_age() -> None:
    """``need_service_days`` and ``education_min_age`` come from the profile."""
    case = _case(needs=(_need(),), services=(_service(DUE),))
    shorter = attrs.evolve(MS, need_service_days=30)
    assert [f.outcome for f in education.needs_served(case, policy=shorter, as_of=AS_OF)] == [NM]
    older = attrs.evolve(MS, education_min_age=10)
    assert [f.outcome for f in education.needs_assessed(_case(), policy=older,
                                                        as_of=AS_OF)] == [NA]


# -- laws -------------------------------------------------------------------------------------


@given(start=st.integers(min_value=0, max_value=120), earlier=st.integers(min_value=1,
                                                                         max_value=60))
def test_starting_a_service_earlier_never_turns_met_into_not_met(start: int,
                                                                 earlier: int) -> None:
    """Moving the service's start earlier (not before the referral) never makes a met need
    not met."""
    later_on = IDENTIFIED + timedelta(days=start)
    earlier_on = max(IDENTIFIED, later_on - timedelta(days=earlier))
    late = _outcomes(_case(needs=(_need(),), services=(_service(later_on),)),
                     "education.needs_served")
    early = _outcomes(_case(needs=(_need(),), services=(_service(earlier_on),)),
                      "education.needs_served")
    assert not (late == [M] and early == [NM])


@given(day=st.integers(min_value=-400, max_value=400))
def test_a_screening_in_the_period_always_meets_the_question(day: int) -> None:
    """For a school-age child in care, a screening is met exactly when it falls in the
    period under review and is known by as_of."""
    on = AS_OF + timedelta(days=day)
    outcome = _outcomes(_case(removed_on=D(2024, 1, 5), screenings=(_screen(on),)),
                        "education.needs_assessed")
    assert outcome == ([M] if D(2025, 3, 2) <= on <= AS_OF else [NM])
