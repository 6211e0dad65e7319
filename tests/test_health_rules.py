"""The ``health.*`` and ``mental_health.*`` rules (CFSR Round 3 items 17 and 18, Well-Being
Outcome 3): hand-worked cases, boundaries and laws.

Every family here is fictional. The Marlows: Pip (born 2016-05-04) is removed on 2025-06-02;
the cases are looked at on 2026-03-01, so the period under review runs from 2025-03-02 to
2026-03-01. The initial physical exam and mental health screening are due 30 days after the
removal, by 2025-07-02 (``health_screening_days``).
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
from practicemodel.periods import add_months
from practicemodel.placement import Placement, PlacementSetting
from practicemodel.policy import FEDERAL, MS
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import get_rule, health, mental_health, select
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.wellbeing import Screening, WellBeingArea, WellBeingNeed

A = WellBeingArea
AS_OF = D(2026, 3, 1)
BORN = D(2016, 5, 4)
START = D(2025, 3, 2)
REMOVED = D(2025, 6, 2)
INITIAL_DUE = D(2025, 7, 2)
EARLY = D(2023, 1, 9)  # a removal long before the period under review
_N = PracticeComponent.STRENGTHS_AND_NEEDS
ITEM_17 = ReviewItem(code="item_17", name="Physical health of the child", components=(_N,),
                     source="CFSR Round 3 onsite review instrument, item 17",
                     rules=("health.*",))
ITEM_18 = ReviewItem(code="item_18", name="Mental/behavioral health of the child",
                     components=(_N,), source="CFSR Round 3 onsite review instrument, item 18",
                     rules=("mental_health.*",))


def _screen(area: WellBeingArea, on: date, ident: str | None = None) -> Screening:
    return Screening(id=ident or f"sc-{area.value}-{on}", child_id="pip", area=area,
                     completed_on=on)


def _need(area: WellBeingArea, identified_on: date, *, services: tuple[str, ...] = (),
          met_on: date | None = None, ident: str = "need-1") -> WellBeingNeed:
    return WellBeingNeed(id=ident, child_id="pip", area=area, description="a need",
                         identified_on=identified_on, service_ids=services, met_on=met_on)


def _service(ident: str, started_on: date | None, *, referred_on: date,
             waitlisted_on: date | None = None,
             status: ServiceStatus = ServiceStatus.ACTIVE) -> Service:
    return Service(id=ident, category=ServiceCategory.MEDICAL, person_ids=("pip",),
                   status=status, referred_on=referred_on, waitlisted_on=waitlisted_on,
                   started_on=started_on)


def _case(*screenings: Screening, needs: tuple[WellBeingNeed, ...] = (),
          services: tuple[Service, ...] = (), born: date | None = BORN,
          removed_on: date | None = REMOVED) -> Case:
    """The Marlow case: Pip in foster care from ``removed_on`` (an in-home case without
    it)."""
    episodes = () if removed_on is None else (episode(
        "ep-pip", "pip", removed_on,
        (Placement(id="pl-pip", setting=PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
                   start=removed_on),)),)
    return fictional_case(
        "marlow-1",
        case_type=CaseType.IN_HOME if removed_on is None else CaseType.FOSTER_CARE,
        opened_on=D(2022, 12, 1),
        people=(Person(id="pip", name="Pip Marlow", birth_date=born),), child_ids=("pip",),
        removal_episodes=episodes, screenings=screenings, well_being_needs=needs,
        services=services)


def _one(case: Case, rule: str, as_of: date = AS_OF) -> Finding:
    found = get_rule(rule).check(case, policy=FEDERAL, as_of=as_of)
    assert len(found) == 1
    return found[0]


def _outcome(case: Case, rule: str, as_of: date = AS_OF) -> Outcome:
    return _one(case, rule, as_of).outcome


def _rate(item: ReviewItem, family: str, case: Case, as_of: date = AS_OF) -> ReviewRating:
    found = [f for info in select(f"{family}.*")
             for f in info.check(case, policy=FEDERAL, as_of=as_of)]
    return item.rate(found).rating


# -- the registry -----------------------------------------------------------------------------


def test_the_families_are_registered_for_items_17_and_18() -> None:
    assert {r.id: r.cfsr_items for r in select("health.*", "mental_health.*")} == {
        "health.dental_exam": (17,), "health.needs_served": (17,),
        "health.physical_exam": (17,), "mental_health.needs_assessed": (18,),
        "mental_health.needs_served": (18,)}
    assert sorted(health.__all__) == ["DENTAL_FROM_AGE", "dental_exam", "needs_served",
                                      "physical_exam"]
    assert sorted(mental_health.__all__) == ["needs_assessed", "needs_served"]


# -- item 17: Strength, ANI, NA ---------------------------------------------------------------


def _healthy() -> Case:
    return _case(_screen(A.PHYSICAL_HEALTH, D(2025, 6, 20)),
                 _screen(A.DENTAL_HEALTH, D(2025, 12, 1)))


def test_item_17_strength() -> None:
    """Initial physical exam within 30 days of entry, dental exam within 6 months, no need:
    Strength (CFSR Round 3 onsite review instrument, item 17; CFSR FAQ, well-being outcome
    3)."""
    case = _healthy()
    assert _outcome(case, "health.physical_exam") is M
    assert _outcome(case, "health.dental_exam") is M
    assert _outcome(case, "health.needs_served") is NA
    assert _rate(ITEM_17, "health", case) is S


def test_item_17_ani_dental_exam_out_of_date() -> None:
    """The latest dental exam is more than 6 months old: ANI (CFSR FAQ, well-being outcome
    3: dental exams about every 6 months)."""
    case = _case(_screen(A.PHYSICAL_HEALTH, D(2025, 6, 20)),
                 _screen(A.DENTAL_HEALTH, D(2025, 6, 20)))
    finding = _one(case, "health.dental_exam")
    assert finding.outcome is NM
    assert "2025-12-20" in finding.explanation
    assert _rate(ITEM_17, "health", case) is ANI


def test_item_17_na_in_home_child_without_a_health_need() -> None:
    """In-home: routine exams are not asked; with no recorded health need item 17 is NA."""
    case = _case(removed_on=None)
    assert _outcome(case, "health.physical_exam") is NA
    assert _outcome(case, "health.dental_exam") is NA
    assert _rate(ITEM_17, "health", case) is NAR


def test_item_17_in_home_child_with_a_need_is_rated_on_serving_it() -> None:
    need = _need(A.DENTAL_HEALTH, D(2025, 9, 1), services=("svc-dentist",))
    served = _case(removed_on=None, needs=(need,), services=(
        _service("svc-dentist", D(2025, 9, 20), referred_on=D(2025, 9, 1)),))
    assert _rate(ITEM_17, "health", served) is S
    waitlisted = _case(removed_on=None, needs=(need,), services=(
        _service("svc-dentist", None, referred_on=D(2025, 9, 1), waitlisted_on=D(2025, 9, 3),
                 status=ServiceStatus.WAITLISTED),))
    finding = _one(waitlisted, "health.needs_served")
    assert finding.outcome is NM
    assert "only waitlisted" in finding.explanation
    assert _rate(ITEM_17, "health", waitlisted) is ANI


# -- item 17: boundaries ----------------------------------------------------------------------


def test_initial_physical_exam_on_the_last_day_and_the_day_after() -> None:
    dental = _screen(A.DENTAL_HEALTH, D(2026, 1, 5))
    assert _outcome(_case(_screen(A.PHYSICAL_HEALTH, INITIAL_DUE), dental),
                    "health.physical_exam") is M
    late = _one(_case(_screen(A.PHYSICAL_HEALTH, INITIAL_DUE + timedelta(days=1)), dental),
                "health.physical_exam")
    assert late.outcome is NM
    assert "after the 30 days" in late.explanation


def test_no_initial_exam_is_pending_through_the_window() -> None:
    case = _case()
    assert _outcome(case, "health.physical_exam", INITIAL_DUE) is NA
    assert _outcome(case, "health.physical_exam", INITIAL_DUE + timedelta(days=1)) is NM


def test_physical_exam_interval_ends_on_the_same_day_a_year_later() -> None:
    """A child in care since before the period: the latest exam is current through the same
    day 12 months later (``physical_exam_months``)."""
    exam = D(2025, 2, 14)
    case = _case(_screen(A.PHYSICAL_HEALTH, exam), removed_on=EARLY)
    last = add_months(exam, 12)
    assert _outcome(case, "health.physical_exam", last) is M
    assert _outcome(case, "health.physical_exam", last + timedelta(days=1)) is NM
    assert _outcome(_case(removed_on=EARLY), "health.physical_exam") is NM


def test_dental_interval_boundary_and_age_one() -> None:
    """A dental exam is current through the same day 6 months later; a child younger than 1
    is NA, and so on the first birthday, the last day "by age 1"; from the day after with no
    exam, not met (first by age 1, CFSR FAQ, well-being outcome 3)."""
    exam = D(2025, 9, 10)
    case = _case(_screen(A.DENTAL_HEALTH, exam), removed_on=EARLY)
    assert _outcome(case, "health.dental_exam", add_months(exam, 6)) is M
    assert _outcome(case, "health.dental_exam", add_months(exam, 6) + timedelta(days=1)) is NM
    infant = _case(born=D(2025, 3, 2))
    assert _outcome(infant, "health.dental_exam", D(2026, 3, 1)) is NA
    assert _outcome(infant, "health.dental_exam", D(2026, 3, 2)) is NA
    assert _outcome(infant, "health.dental_exam", D(2026, 3, 3)) is NM


def test_dental_with_unknown_birth_date() -> None:
    assert _outcome(_case(born=None), "health.dental_exam") is NR
    assert _outcome(_case(_screen(A.DENTAL_HEALTH, D(2026, 1, 2)), born=None),
                    "health.dental_exam") is M


def test_health_need_service_days() -> None:
    """A physical health need served on the 60th day is met; nothing by then, not met."""
    identified = D(2025, 9, 1)
    need = _need(A.PHYSICAL_HEALTH, identified, services=("svc-md",))

    def with_start(started: date | None) -> Case:
        return _case(needs=(need,), services=(
            _service("svc-md", started, referred_on=identified),))

    assert _outcome(with_start(identified + timedelta(days=60)), "health.needs_served") is M
    assert _outcome(with_start(identified + timedelta(days=61)), "health.needs_served") is NM
    assert _outcome(with_start(None), "health.needs_served",
                    identified + timedelta(days=60)) is NA
    assert _outcome(with_start(None), "health.needs_served",
                    identified + timedelta(days=61)) is NM


def test_the_profile_sets_the_intervals() -> None:
    case = _case(_screen(A.PHYSICAL_HEALTH, D(2025, 6, 20)))
    assert [f.outcome for f in health.physical_exam(
        case, policy=attrs.evolve(MS, physical_exam_months=6), as_of=AS_OF)] == [NM]


# -- item 18: Strength, ANI, NA ---------------------------------------------------------------


def test_item_18_strength_screened_on_entry_and_need_served() -> None:
    """Screened within 30 days of entry; the need found was served within 60 days and is
    reassessed within 6 months: Strength (CFSR Round 3 onsite review instrument, item 18)."""
    need = _need(A.MENTAL_HEALTH, D(2025, 6, 25), services=("svc-therapy",))
    case = _case(_screen(A.MENTAL_HEALTH, D(2025, 6, 25)),
                 _screen(A.MENTAL_HEALTH, D(2025, 12, 10), ident="sc-2"),
                 needs=(need,),
                 services=(_service("svc-therapy", D(2025, 7, 15),
                                    referred_on=D(2025, 6, 26)),))
    assert _outcome(case, "mental_health.needs_assessed") is M
    assert _outcome(case, "mental_health.needs_served") is M
    assert _rate(ITEM_18, "mental_health", case) is S


def test_item_18_ani_not_screened_on_entry() -> None:
    case = _case()
    finding = _one(case, "mental_health.needs_assessed")
    assert finding.outcome is NM
    assert "no mental health screening within 30 days" in \
        finding.explanation
    assert _rate(ITEM_18, "mental_health", case) is ANI


def test_item_18_na_young_child_and_child_in_care_since_before_the_period() -> None:
    """Below the screening age at entry, or in care since before the period, with no mental
    health need recorded: NA."""
    assert _rate(ITEM_18, "mental_health", _case(born=D(2023, 1, 1))) is NAR
    assert _rate(ITEM_18, "mental_health", _case(removed_on=EARLY)) is NAR
    assert _rate(ITEM_18, "mental_health", _case(removed_on=None)) is NAR


def test_item_18_ani_need_not_reassessed() -> None:
    """A need open for more than 6 months with no new screening: not met (CFSR FAQ,
    well-being outcome 3: no progress calls for reassessing the interventions)."""
    identified = D(2025, 4, 1)
    need = _need(A.MENTAL_HEALTH, identified, services=("svc-therapy",))
    services = (_service("svc-therapy", D(2025, 4, 20), referred_on=identified),)
    case = _case(needs=(need,), services=services, removed_on=EARLY)
    last = add_months(identified, 6)
    assert _outcome(case, "mental_health.needs_assessed", last) is M
    finding = _one(case, "mental_health.needs_assessed", last + timedelta(days=1))
    assert finding.outcome is NM
    assert "more than 6 months without a new screening" in \
        finding.explanation
    rescreened = _case(_screen(A.MENTAL_HEALTH, D(2025, 10, 1)), needs=(need,),
                       services=services, removed_on=EARLY)
    assert _outcome(rescreened, "mental_health.needs_assessed") is M


def test_item_18_carried_in_need_without_a_screening_in_the_period() -> None:
    """A need identified before the period and met in it, within 6 months, with no
    screening in the period: the assessment question is not met."""
    need = _need(A.MENTAL_HEALTH, D(2025, 1, 10), met_on=D(2025, 4, 1))
    case = _case(needs=(need,), removed_on=EARLY)
    finding = _one(case, "mental_health.needs_assessed")
    assert "more than 6 months" not in finding.explanation
    assert finding.outcome is NM
    assert "no mental health screening in the period" in \
        finding.explanation


def test_entry_screening_boundary_and_pending() -> None:
    assert _outcome(_case(_screen(A.MENTAL_HEALTH, INITIAL_DUE)),
                    "mental_health.needs_assessed") is M
    assert _outcome(_case(_screen(A.MENTAL_HEALTH, INITIAL_DUE + timedelta(days=1))),
                    "mental_health.needs_assessed") is NM
    assert _outcome(_case(), "mental_health.needs_assessed", INITIAL_DUE) is NA
    assert _outcome(_case(), "mental_health.needs_assessed",
                    INITIAL_DUE + timedelta(days=1)) is NM


def test_entry_screening_age_boundary() -> None:
    """Aged 3 on the day of the removal: screened; a day short of 3: not."""
    assert _outcome(_case(born=D(2022, 6, 2)), "mental_health.needs_assessed") is NM
    assert _outcome(_case(born=D(2022, 6, 3)), "mental_health.needs_assessed") is NA


def test_entry_screening_with_unknown_birth_date_needs_review() -> None:
    assert _outcome(_case(born=None), "mental_health.needs_assessed") is NR
    assert _outcome(_case(_screen(A.MENTAL_HEALTH, D(2025, 6, 5)), born=None),
                    "mental_health.needs_assessed") is M


def test_in_home_child_with_a_mental_health_need() -> None:
    need = _need(A.MENTAL_HEALTH, D(2025, 11, 1), services=("svc-therapy",))
    case = _case(needs=(need,), removed_on=None, services=(
        _service("svc-therapy", D(2025, 11, 20), referred_on=D(2025, 11, 1)),))
    assert _outcome(case, "mental_health.needs_assessed") is M
    assert _rate(ITEM_18, "mental_health", case) is S


# -- laws -------------------------------------------------------------------------------------


@given(exam=st.integers(min_value=0, max_value=700), later=st.integers(min_value=1,
                                                                      max_value=200))
def test_a_later_exam_never_turns_met_into_not_met(exam: int, later: int) -> None:
    """For a child in care since before the period, moving the latest exam later (but not
    past as_of) never makes a current exam out of date."""
    first = AS_OF - timedelta(days=exam)
    second = min(AS_OF, first + timedelta(days=later))
    for area, rule in ((A.PHYSICAL_HEALTH, "health.physical_exam"),
                       (A.DENTAL_HEALTH, "health.dental_exam")):
        before = _outcome(_case(_screen(area, first), removed_on=EARLY), rule)
        after = _outcome(_case(_screen(area, second), removed_on=EARLY), rule)
        assert not (before is M and after is NM)


@given(day=st.integers(min_value=0, max_value=120))
def test_a_screening_never_hurts(day: int) -> None:
    """Adding a mental health screening never turns a met assessment into not met."""
    need = _need(A.MENTAL_HEALTH, D(2025, 6, 25))
    base = _case(_screen(A.MENTAL_HEALTH, D(2025, 6, 25)), needs=(need,))
    extra = _case(_screen(A.MENTAL_HEALTH, D(2025, 6, 25)),
                  _screen(A.MENTAL_HEALTH, REMOVED + timedelta(days=day), ident="sc-x"),
                  needs=(need,))
    for as_of in (D(2025, 11, 1), AS_OF):
        if _outcome(base, "mental_health.needs_assessed", as_of) is M:
            assert _outcome(extra, "mental_health.needs_assessed", as_of) is M
