"""The ``safety.*`` rules (CFSR Round 3 items 2 and 3): hand-worked cases, boundaries, laws.

Every family here is fictional: the Marshes, Nell and her children Pip and Tam. The case is
opened on 2026-01-05 and looked at on 2026-06-30, so the period under review runs from
2025-07-01. Under the federal profile the initial assessment is due 30 days after the
opening (2026-02-04), safety and risk are reassessed every 6 months, a safety concern at
home has 60 days to get a service, and a recurrence counts within 6 months.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cfsr_fixtures import ANI, NA, NAR, NM, NR, D, M, S, episode, fictional_case
from practicemodel.assessment import (
    RiskAssessment,
    RiskLevel,
    SafetyAssessment,
    SafetyDecision,
    SafetyPlan,
)
from practicemodel.case import Case, CaseType
from practicemodel.components import PracticeComponent
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.intake import MaltreatmentReport
from practicemodel.people import Person
from practicemodel.periods import review_period_start
from practicemodel.placement import Placement, PlacementSetting, RemovalEpisode
from practicemodel.policy import FEDERAL, MS
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import get_rule, safety, select
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.strategies import cases
from practicemodel.visits import CaseworkerContact, ContactMode

OPENED = D(2026, 1, 5)
AS_OF = D(2026, 6, 30)
SAFE, COND, UNSAFE = (SafetyDecision.SAFE, SafetyDecision.CONDITIONALLY_SAFE,
                      SafetyDecision.UNSAFE)
_R = PracticeComponent.SAFETY_AND_RISK
ITEM_2 = ReviewItem(code="item_2", name="Services to protect children and prevent removal",
                    components=(_R,), source="CFSR Round 3 onsite review instrument, item 2",
                    rules=("safety.services_to_prevent_removal",))
ITEM_3 = ReviewItem(code="item_3", name="Risk and safety assessment and management",
                    components=(_R,), source="CFSR Round 3 onsite review instrument, item 3",
                    rules=("safety.initial_assessment", "safety.ongoing_assessment",
                           "safety.plan_monitored", "safety.no_recurrence"))


# -- small fictional cases ------------------------------------------------------------------


def _sa(ident: str, on: date, decision: SafetyDecision = SAFE,
        children: tuple[str, ...] = ("pip", "tam"), *, plan_end: date | None = None,
        plan: bool | None = None) -> SafetyAssessment:
    with_plan = decision is COND if plan is None else plan
    return SafetyAssessment(
        id=ident, completed_on=on, child_ids=children, decision=decision,
        safety_plan=SafetyPlan(id=f"sp-{ident}", start=on, end=plan_end,
                               provisions=("Nell's sister stays overnight",),
                               responsible_ids=("nell",)) if with_plan else None)


def _ra(ident: str, on: date, level: RiskLevel = RiskLevel.MODERATE) -> RiskAssessment:
    return RiskAssessment(id=ident, completed_on=on, level=level)


def _service(ident: str, started_on: date | None,
             category: ServiceCategory = ServiceCategory.IN_HOME_PARENTING, *,
             ended_on: date | None = None, referred_on: date | None = None) -> Service:
    referred = referred_on or (started_on - timedelta(days=3) if started_on else None)
    status = (ServiceStatus.REFERRED if started_on is None else
              ServiceStatus.COMPLETED if ended_on else ServiceStatus.ACTIVE)
    return Service(id=ident, category=category, person_ids=("nell",), status=status,
                   referred_on=referred, started_on=started_on, ended_on=ended_on)


def _episode(child: str, removed_on: date, *placements: tuple[PlacementSetting, date,
                                                               date | None]) -> RemovalEpisode:
    listed = placements or ((PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, removed_on, None),)
    return episode(f"ep-{child}-{removed_on.isoformat()}", child, removed_on,
                   (Placement(id=f"pl-{child}-{n}", setting=setting, start=start, end=end)
                    for n, (setting, start, end) in enumerate(listed)))


def _contact(on: date, who: str = "nell") -> CaseworkerContact:
    return CaseworkerContact(id=f"c-{on.isoformat()}-{who}", occurred_on=on,
                             caseworker_id="cw", person_ids=(who,), mode=ContactMode.PHONE)


def _report(ident: str, received_on: date, allegation: str | None = "neglect", *,
            substantiated: bool | None = True,
            alternative: bool = False) -> MaltreatmentReport:
    return MaltreatmentReport(id=ident, received_on=received_on, child_ids=("pip",),
                              priority="2", initiated_on=received_on,
                              face_to_face_on=received_on, substantiated=substantiated,
                              allegation=allegation, alternative_response=alternative)


def _case(*, case_type: CaseType = CaseType.IN_HOME, opened_on: date = OPENED,
          closed_on: date | None = None, **records: object) -> Case:
    """The Marsh family: Nell, Pip (born 2017) and Tam (born 2021), by default assessed
    safe with a moderate risk on 2026-01-10."""
    records.setdefault("safety_assessments", (_sa("sa-1", D(2026, 1, 10)),))
    records.setdefault("risk_assessments", (_ra("ra-1", D(2026, 1, 10)),))
    people = (Person(id="nell", name="Nell Marsh", birth_date=D(1991, 2, 3)),
              Person(id="pip", name="Pip Marsh", birth_date=D(2017, 5, 6)),
              Person(id="tam", name="Tam Marsh", birth_date=D(2021, 7, 8)))
    return fictional_case(
        "marsh-1", case_type=case_type, opened_on=opened_on, closed_on=closed_on,
        closure_reason="Safe closure criteria met" if closed_on else None,
        people=people, child_ids=("pip", "tam"), **records)


def _found(case: Case, rule: str, as_of: date = AS_OF) -> tuple[Finding, ...]:
    return get_rule(rule).check(case, policy=FEDERAL, as_of=as_of)


def _outcomes(case: Case, rule: str, as_of: date = AS_OF) -> list[tuple[str, Outcome]]:
    return [(f.subject_id, f.outcome) for f in _found(case, rule, as_of)]


def _all(case: Case, as_of: date = AS_OF) -> tuple[Finding, ...]:
    return tuple(f for info in select("safety.*")
                 for f in info.check(case, policy=FEDERAL, as_of=as_of))


def _item(item: ReviewItem, case: Case, as_of: date = AS_OF) -> ReviewRating:
    return item.rate(_all(case, as_of)).rating


SERVICES = "safety.services_to_prevent_removal"
INITIAL = "safety.initial_assessment"
ONGOING = "safety.ongoing_assessment"
PLAN = "safety.plan_monitored"
RECURRENCE = "safety.no_recurrence"


# -- the registry ---------------------------------------------------------------------------


def test_the_family_is_registered_for_items_2_and_3() -> None:
    """``safety.*``: item 2 (one rule) and item 3 (four rules), all safety and risk."""
    found = {r.id: r.cfsr_items for r in select("safety.*")}
    assert found == {SERVICES: (2,), INITIAL: (3,), ONGOING: (3,), PLAN: (3,),
                     RECURRENCE: (3,)}
    assert all(_R in r.components for r in select("safety.*"))
    assert sorted(safety.__all__) == ["SAFETY_SERVICES", "initial_assessment",
                                      "no_recurrence", "ongoing_assessment",
                                      "plan_monitored", "services_to_prevent_removal"]


# -- item 2 ---------------------------------------------------------------------------------


def test_item_2_not_applicable_without_a_concern_or_an_entry() -> None:
    """CFSR item 2 applies to an in-home case with safety concerns: the Marshes were assessed
    safe, with moderate risk, so each child is not applicable and so is the item."""
    case = _case()
    assert _outcomes(case, SERVICES) == [("pip", NA), ("tam", NA)]
    assert _item(ITEM_2, case) is NAR


def test_item_2_strength_services_provided_at_home() -> None:
    """Item 2 A: the children were found conditionally safe at home and in-home parenting
    started: concerted efforts to provide services (A = Yes, B = NA), a Strength."""
    case = _case(safety_assessments=(_sa("sa-1", D(2026, 1, 10), COND),),
                 services=(_service("svc-1", D(2026, 1, 20)),))
    assert _outcomes(case, SERVICES) == [("pip", M), ("tam", M)]
    assert _item(ITEM_2, case) is S
    assert "svc-1" in _found(case, SERVICES)[0].explanation


def test_item_2_high_risk_at_home_is_a_concern() -> None:
    """Item 2 applies when services keep at-risk children at home: high risk, no service."""
    case = _case(risk_assessments=(_ra("ra-1", D(2026, 1, 10), RiskLevel.HIGH),))
    assert _outcomes(case, SERVICES) == [("pip", NM), ("tam", NM)]
    assert _item(ITEM_2, case) is ANI


def test_item_2_ani_no_service_after_a_concern() -> None:
    """Item 2 A = No: unsafe at home and no safety-related service started in the time the
    profile allows; a referral alone, or a medical service, is no safety service provided."""
    case = _case(safety_assessments=(_sa("sa-1", D(2026, 1, 10), UNSAFE),),
                 services=(_service("svc-ref", None, referred_on=D(2026, 1, 12)),
                           _service("svc-med", D(2026, 1, 15), ServiceCategory.MEDICAL)))
    assert _outcomes(case, SERVICES) == [("pip", NM), ("tam", NM)]
    assert _item(ITEM_2, case) is ANI
    assert "referred only: svc-ref" in _found(case, SERVICES)[0].explanation


@pytest.mark.parametrize(("as_of", "outcome"), [(D(2026, 3, 11), NA), (D(2026, 3, 12), NM)])
def test_item_2_the_last_day_to_start_a_service(as_of: date, outcome: Outcome) -> None:
    """A concern found on 2026-01-10 has ``need_service_days`` (60) to get a service: until
    2026-03-11 nothing is judged; the day after, none started is not met."""
    case = _case(safety_assessments=(_sa("sa-1", D(2026, 1, 10), UNSAFE),))
    assert _outcomes(case, SERVICES, as_of) == [("pip", outcome), ("tam", outcome)]


def test_item_2_removal_after_services_tried_is_a_strength() -> None:
    """Item 2: services were tried before Pip's removal (B is NA), a Strength; Tam stays home
    with the concern addressed by the same services."""
    case = _case(case_type=CaseType.FOSTER_CARE,
                 safety_assessments=(_sa("sa-1", D(2026, 1, 10), COND),),
                 services=(_service("svc-1", D(2026, 1, 20)),),
                 removal_episodes=(_episode("pip", D(2026, 3, 1)),))
    assert _outcomes(case, SERVICES) == [("pip", M), ("tam", M)]
    assert "removal on 2026-03-01" in _found(case, SERVICES)[0].explanation
    assert _item(ITEM_2, case) is S


@pytest.mark.parametrize(("started_on", "outcome"), [(D(2026, 2, 28), M), (D(2026, 3, 1), NR)])
def test_item_2_services_must_start_before_the_removal(started_on: date,
                                                       outcome: Outcome) -> None:
    """A service started the day before the removal was tried first; one started the day of
    the removal was not: question B (was the removal necessary?) is a reviewer's, so the
    finding needs review and the item is ANI until a reviewer answers Yes."""
    case = _case(case_type=CaseType.FOSTER_CARE,
                 safety_assessments=(_sa("sa-1", D(2026, 2, 27), UNSAFE, ("pip",)),),
                 services=(_service("svc-1", started_on),),
                 removal_episodes=(_episode("pip", D(2026, 3, 1)),))
    assert _outcomes(case, SERVICES) == [("pip", outcome), ("tam", NA)]
    assert _item(ITEM_2, case) is (S if outcome is M else ANI)
    if outcome is NR:
        assert "was the removal necessary" in _found(case, SERVICES)[0].explanation


def test_item_2_entry_before_the_period_is_not_applicable() -> None:
    """A foster care case whose children entered care before the period under review, with no
    concern for a child at home: item 2 is not applicable."""
    case = _case(case_type=CaseType.FOSTER_CARE, opened_on=D(2025, 3, 1),
                 safety_assessments=(_sa("sa-1", D(2025, 3, 1), UNSAFE),),
                 removal_episodes=(_episode("pip", D(2025, 3, 2)),
                                   _episode("tam", D(2025, 3, 2))))
    assert _outcomes(case, SERVICES) == [("pip", NA), ("tam", NA)]
    assert _item(ITEM_2, case) is NAR


@pytest.mark.parametrize(("services", "outcome"), [
    ((), NR), ((_service("svc-thv", D(2026, 2, 10)),), M),
    ((_service("svc-old", D(2025, 4, 1), ended_on=D(2025, 6, 1)),), NR)])
def test_item_2_return_from_a_trial_home_visit_is_a_removal(services: tuple[Service, ...],
                                                            outcome: Outcome) -> None:
    """CFSR FAQ, safety outcome 2: a trial home visit ending in a return to care is a removal;
    services during the visit (not ones ended before it) were tried first."""
    fam = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE
    episode = _episode("pip", D(2025, 3, 1),
                       (fam, D(2025, 3, 1), D(2026, 1, 31)),
                       (PlacementSetting.TRIAL_HOME_VISIT, D(2026, 2, 1), D(2026, 3, 31)),
                       (fam, D(2026, 4, 1), None))
    case = _case(case_type=CaseType.FOSTER_CARE, opened_on=D(2025, 3, 1),
                 removal_episodes=(episode,), services=services)
    assert _outcomes(case, SERVICES)[0] == ("pip", outcome)
    assert "return from a trial home visit on 2026-04-01" in _found(case,
                                                                    SERVICES)[0].explanation


def test_item_2_the_example_removal_without_services_needs_review() -> None:
    """The Wilsons (the example): found unsafe on 2026-02-09 and removed the next day, with
    no service started before: a reviewer judges whether removal was necessary."""
    found = _found(load_example(), SERVICES, D(2026, 11, 22))
    assert [(f.subject_id, f.outcome) for f in found] == [("ava", NR), ("leo", NR)]


# -- item 3 A: initial assessment -----------------------------------------------------------


def test_item_3_strength_assessed_and_nothing_wrong() -> None:
    """CFSR item 3: the initial safety and risk assessment of both children within 30 days,
    no concern, no recurrence: A Yes, B NA (nothing due yet), C NA, D no concern: Strength."""
    case = _case()
    assert _outcomes(case, INITIAL) == [("pip", M), ("tam", M)]
    assert _outcomes(case, ONGOING) == [("pip", NA), ("tam", NA)]
    assert _outcomes(case, PLAN) == [("pip", NA), ("tam", NA)]
    assert _outcomes(case, RECURRENCE) == [("marsh-1", M)]
    assert _item(ITEM_3, case) is S


def test_item_3_a_child_left_out_of_the_initial_assessment() -> None:
    """Seed 000: safety interventions apply to all children within a home; Tam was not
    assessed, so item 3 A is No for Tam and the item is ANI."""
    case = _case(safety_assessments=(_sa("sa-1", D(2026, 1, 10), children=("pip",)),))
    assert _outcomes(case, INITIAL) == [("pip", M), ("tam", NM)]
    assert _item(ITEM_3, case) is ANI
    assert "safety assessment was not done" in _found(case, INITIAL)[1].explanation


def test_item_3_a_risk_assessment_is_part_of_the_initial_assessment() -> None:
    """Seed 000, "Initial safety and risk assessment": no risk assessment is not met."""
    case = _case(risk_assessments=())
    assert _outcomes(case, INITIAL) == [("pip", NM), ("tam", NM)]
    assert "risk assessment was not done" in _found(case, INITIAL)[0].explanation


@pytest.mark.parametrize(("on", "outcome"), [(D(2026, 2, 4), M), (D(2026, 2, 5), NM)])
def test_item_3_a_the_last_day_for_the_initial_assessment(on: date, outcome: Outcome) -> None:
    """Due 30 days after the opening (2026-02-04): on that day in time, the day after late."""
    case = _case(safety_assessments=(_sa("sa-1", on),), risk_assessments=(_ra("ra-1", on),))
    assert _outcomes(case, INITIAL) == [("pip", outcome), ("tam", outcome)]


@pytest.mark.parametrize(("as_of", "outcome"), [(D(2026, 2, 4), NA), (D(2026, 2, 5), NM)])
def test_item_3_a_not_judged_while_the_days_run(as_of: date, outcome: Outcome) -> None:
    """No assessment yet: not applicable through the due day, not met the day after; item 3
    stays applicable through question D."""
    case = _case(safety_assessments=(), risk_assessments=())
    assert _outcomes(case, INITIAL, as_of) == [("pip", outcome), ("tam", outcome)]
    assert _item(ITEM_3, case, as_of) is (S if outcome is NA else ANI)


def test_item_3_a_not_applicable_for_a_case_opened_before_the_period() -> None:
    """Item 3 A is NA when the case was opened before the period under review."""
    case = _case(opened_on=D(2025, 5, 1), safety_assessments=(_sa("sa-1", D(2026, 1, 10)),))
    assert _outcomes(case, INITIAL) == [("pip", NA), ("tam", NA)]
    assert "before the period under review" in _found(case, INITIAL)[0].explanation


# -- item 3 B: ongoing assessment -----------------------------------------------------------


def _long_case(*dates: date, risk: tuple[date, ...] | None = None,
               closed_on: date | None = None) -> Case:
    """Opened 2025-05-01 (before the period), assessed on ``dates``."""
    risk_dates = dates if risk is None else risk
    return _case(opened_on=D(2025, 5, 1), closed_on=closed_on,
                 safety_assessments=tuple(_sa(f"sa-{n}", d) for n, d in enumerate(dates)),
                 risk_assessments=tuple(_ra(f"ra-{n}", d) for n, d in enumerate(risk_dates)))


def test_item_3_b_reassessed_every_six_months() -> None:
    """CFSR item 3 B: ongoing assessments; every 6 months (the profile's
    ``reassessment_months``): met."""
    case = _long_case(D(2025, 5, 1), D(2025, 10, 20), D(2026, 4, 1))
    assert _outcomes(case, ONGOING) == [("pip", M), ("tam", M)]
    assert _item(ITEM_3, case) is S


@pytest.mark.parametrize(("on", "outcome"), [(D(2026, 4, 20), M), (D(2026, 4, 21), NM)])
def test_item_3_b_the_last_day_to_reassess(on: date, outcome: Outcome) -> None:
    """Assessed on 2025-10-20, the next is due by 2026-04-20: on it in time, after it late."""
    case = _long_case(D(2025, 5, 1), D(2025, 10, 20), on)
    assert _outcomes(case, ONGOING) == [("pip", outcome), ("tam", outcome)]
    assert _item(ITEM_3, case) is (S if outcome is M else ANI)


def test_item_3_b_a_gap_before_the_period_reaching_into_it() -> None:
    """A reassessment overdue since before the period and still not done in it is missed in
    the period."""
    case = _long_case(D(2024, 9, 1), D(2025, 5, 1))
    assert _outcomes(case, ONGOING)[0] == ("pip", NM)
    assert "due by 2025-11-01" in _found(case, ONGOING)[0].explanation


def test_item_3_b_before_closure() -> None:
    """Item 3 B includes assessment before closure: closed in the period within six months
    of the last assessment, met; with no risk assessment at all, not met."""
    case = _case(closed_on=D(2026, 5, 31))
    assert _outcomes(case, ONGOING) == [("pip", M), ("tam", M)]
    case = _case(closed_on=D(2026, 5, 31), risk_assessments=())
    assert _outcomes(case, ONGOING) == [("pip", NM), ("tam", NM)]
    assert "closed on 2026-05-31" in _found(case, ONGOING)[0].explanation


def test_item_3_b_the_example_missed_the_six_month_reassessment() -> None:
    """The Wilsons: assessed on 2026-02-09; the next safety assessment came on 2026-09-18,
    after 2026-08-09, and the family's risk was never reassessed."""
    found = _found(load_example(), ONGOING, D(2026, 11, 22))
    assert [(f.subject_id, f.outcome) for f in found] == [("ava", NM), ("leo", NM)]
    assert "due by 2026-08-09" in found[0].explanation


# -- item 3 C: safety plan ------------------------------------------------------------------


def _planned(*contacts: CaseworkerContact, closed_on: date | None = None,
             safety_assessments: tuple[SafetyAssessment, ...] | None = None) -> Case:
    """Found conditionally safe on 2026-01-10, with a safety plan Nell is responsible for."""
    return _case(contacts=contacts, closed_on=closed_on,
                 safety_assessments=safety_assessments or (_sa("sa-1", D(2026, 1, 10), COND),),
                 services=(_service("svc-1", D(2026, 1, 20)),))


MONTHLY = tuple(_contact(D(2026, m, 12)) for m in range(2, 7))


def test_item_3_c_plan_monitored_every_month() -> None:
    """Item 3 C: a safety plan made and monitored: a contact with Nell, responsible for the
    plan, in every whole month it was in effect (February to June)."""
    case = _planned(*MONTHLY)
    assert _outcomes(case, PLAN) == [("pip", M), ("tam", M)]
    assert "2026-02, 2026-03, 2026-04, 2026-05, 2026-06" in _found(case, PLAN)[0].explanation
    assert _item(ITEM_3, case) is S


def test_item_3_c_a_month_without_monitoring() -> None:
    """No contact in April: the plan was not monitored; item 3 ANI. A contact with the child
    counts as well as one with the person responsible (for that child only)."""
    contacts = tuple(c for c in MONTHLY if c.occurred_on.month != 4)
    assert _outcomes(_planned(*contacts), PLAN) == [("pip", NM), ("tam", NM)]
    assert _item(ITEM_3, _planned(*contacts)) is ANI
    case = _planned(*contacts, _contact(D(2026, 4, 30), "tam"))
    assert _outcomes(case, PLAN) == [("pip", NM), ("tam", M)]


def test_item_3_c_the_current_month_is_not_judged_yet() -> None:
    """On 2026-06-29 June is not over: only February to May are judged."""
    contacts = tuple(c for c in MONTHLY if c.occurred_on.month != 6)
    assert _outcomes(_planned(*contacts), PLAN, D(2026, 6, 29)) == [("pip", M), ("tam", M)]
    assert _outcomes(_planned(*contacts), PLAN, D(2026, 6, 30)) == [("pip", NM), ("tam", NM)]


def test_item_3_c_unsafe_at_home_without_a_plan() -> None:
    """Found unsafe, left at home with no safety plan: item 3 C is No."""
    case = _case(safety_assessments=(_sa("sa-1", D(2026, 1, 10), UNSAFE),))
    assert _outcomes(case, PLAN) == [("pip", NM), ("tam", NM)]


def test_item_3_c_unsafe_and_removed_is_not_applicable() -> None:
    """Found unsafe and removed: removal was the safety response (item 2 judges it)."""
    case = _case(case_type=CaseType.FOSTER_CARE,
                 safety_assessments=(_sa("sa-1", D(2026, 1, 10), UNSAFE, ("pip",)),),
                 removal_episodes=(_episode("pip", D(2026, 1, 11)),))
    assert _outcomes(case, PLAN) == [("pip", NA), ("tam", NA)]


# -- item 3 D: recurrence and closure with concerns -----------------------------------------


@pytest.mark.parametrize(("second", "outcome"), [(D(2026, 6, 2), NM), (D(2026, 6, 3), M)])
def test_item_3_d_similar_substantiated_report_within_six_months(second: date,
                                                                 outcome: Outcome) -> None:
    """Item 3 D1: a similar substantiated report within 6 months (by 2026-06-02 after one of
    2025-12-02) is a concern; a day later it is not a recurrence."""
    case = _case(reports=(_report("r1", D(2025, 12, 2)), _report("r2", second)))
    found = _outcomes(case, RECURRENCE)
    assert found == ([("r2", NM)] if outcome is NM else [("marsh-1", M)])
    assert _item(ITEM_3, case) is (ANI if outcome is NM else S)


def test_item_3_d_different_allegations_are_not_similar() -> None:
    case = _case(reports=(_report("r1", D(2026, 1, 2)),
                          _report("r2", D(2026, 3, 2), "physical_abuse")))
    assert _outcomes(case, RECURRENCE) == [("marsh-1", M)]


def test_item_3_d_unknown_allegation_needs_review() -> None:
    """Whether two reports are similar when one records no allegation is a reviewer's."""
    case = _case(reports=(_report("r1", D(2026, 1, 2), None), _report("r2", D(2026, 3, 2))))
    assert _outcomes(case, RECURRENCE) == [("r2", NR)]


def test_item_3_d_repeated_alternative_responses() -> None:
    """Item 3 D: repeated similar alternative-response openings are a concern."""
    case = _case(reports=(_report("r1", D(2026, 1, 2), substantiated=None, alternative=True),
                          _report("r2", D(2026, 4, 2), substantiated=None, alternative=True)))
    assert _outcomes(case, RECURRENCE) == [("r2", NM)]


def test_item_3_d_closed_with_a_safety_plan_in_effect() -> None:
    """Item 3 D: the case closed with concerns open (a safety plan still in effect)."""
    case = _planned(*MONTHLY[:3], closed_on=D(2026, 4, 30))
    assert _outcomes(case, RECURRENCE) == [("marsh-1", NM)]
    assert "safety plan sp-sa-1 in effect" in _found(case, RECURRENCE)[0].explanation
    ended = _planned(*MONTHLY[:3], closed_on=D(2026, 4, 30), safety_assessments=(
        _sa("sa-1", D(2026, 1, 10), COND, plan_end=D(2026, 3, 31)),
        _sa("sa-2", D(2026, 3, 31))))
    assert _outcomes(ended, RECURRENCE) == [("marsh-1", M)]


def test_item_3_is_not_applicable_only_for_a_case_not_open_in_the_period() -> None:
    """A case closed before the period under review: every item 3 finding is not
    applicable."""
    case = _case(opened_on=D(2025, 1, 2), closed_on=D(2025, 6, 30))
    assert {f.outcome for f in _all(case)} == {NA}
    assert _item(ITEM_3, case) is NAR


# -- laws -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(case=cases(), as_of=st.dates(D(2011, 1, 1), D(2040, 12, 31)))
def test_item_3_is_never_not_applicable_for_a_case_open_in_the_period(case: Case,
                                                                      as_of: date) -> None:
    """CFSR item 3 applies to all cases: for any case open on some day of the period under
    review, at least one ``safety.*`` item 3 finding is applicable."""
    start = review_period_start(as_of, MS.review_period_months)
    open_in_period = case.opened_on <= as_of and (case.closed_on is None
                                                  or case.closed_on >= start)
    found = tuple(f for rule in ITEM_3.rules
                  for f in get_rule(rule).check(case, policy=FEDERAL, as_of=as_of))
    assert (ITEM_3.rate(found).rating is not NAR) == open_in_period


@settings(max_examples=60, deadline=None)
@given(days=st.integers(0, 60), earlier=st.integers(0, 60),
       as_of=st.dates(D(2026, 1, 5), D(2026, 6, 30)))
def test_assessing_earlier_never_makes_the_initial_assessment_late(days: int, earlier: int,
                                                                   as_of: date) -> None:
    """Moving the initial safety and risk assessments earlier (not before the opening) never
    turns met into not met."""
    later = OPENED + timedelta(days=days)
    sooner = OPENED + timedelta(days=max(0, days - earlier))

    def outcome(on: date) -> Outcome:
        case = _case(safety_assessments=(_sa("sa-1", on),), risk_assessments=(_ra("r", on),))
        return _outcomes(case, INITIAL, as_of)[0][1]

    if outcome(later) is M:
        assert outcome(sooner) is M


def test_every_finding_cites_the_registry() -> None:
    """Each finding carries its rule's components and source, and a child subject."""
    case = attrs.evolve(_planned(*MONTHLY), reports=(_report("r1", D(2026, 1, 2)),))
    for found in _all(case):
        info = get_rule(found.rule)
        assert found.components == info.components
        assert found.source == info.source
        assert found.facts
        if found.rule != RECURRENCE:
            assert found.child_id == found.subject_id
