"""The ``intake.*`` rules (CFSR Round 3 item 1): hand-worked reports, boundary days, laws.

Every family here is fictional: the Quills, an in-home case opened on 2026-01-05. The case
is looked at on 2026-06-30, so the period under review runs from 2025-07-01. Under the
federal profile a priority "2" report is due in 3 days: received on 2026-01-02, it is due by
2026-01-05; priority "1" in 1 day, priority "3" in 5.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cfsr_fixtures import ANI, NA, NAR, NM, NR, D, M, S, fictional_case
from practicemodel.case import Case, CaseType
from practicemodel.components import PracticeComponent
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.intake import MaltreatmentReport
from practicemodel.people import Person
from practicemodel.policy import FEDERAL, PolicyProfile
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import get_rule, intake, select

AS_OF = D(2026, 6, 30)
RECEIVED = D(2026, 1, 2)
DUE = D(2026, 1, 5)  # priority "2": 3 days
RULES = ("intake.initiated_timely", "intake.face_to_face_timely")
ITEM_1 = ReviewItem(code="item_1", name="Timeliness of initiating investigations",
                    components=(PracticeComponent.SAFETY_AND_RISK,),
                    source="CFSR Round 3 onsite review instrument, item 1",
                    rules=("intake.*",))


def _report(ident: str = "r1", received_on: date = RECEIVED, *, priority: str = "2",
            initiated_on: date | str | None = "next day",
            face_to_face_on: date | str | None = "two days later",
            **more: object) -> MaltreatmentReport:
    """A priority "2" report about Wren, by default initiated the day after it was received
    and Wren seen the day after that."""
    if isinstance(initiated_on, str):
        initiated_on = received_on + timedelta(days=1)
    if isinstance(face_to_face_on, str):
        face_to_face_on = received_on + timedelta(days=2)
    return MaltreatmentReport(id=ident, received_on=received_on, child_ids=("wren",),
                              priority=priority, initiated_on=initiated_on,
                              face_to_face_on=face_to_face_on, **more)  # type: ignore[arg-type]


def _case(*reports: MaltreatmentReport) -> Case:
    """The Quill family: Wren and Ash at home with their mother Iris."""
    people = (Person(id="iris", name="Iris Quill", birth_date=D(1990, 3, 1)),
              Person(id="wren", name="Wren Quill", birth_date=D(2018, 4, 2)),
              Person(id="ash", name="Ash Quill", birth_date=D(2020, 9, 9)))
    return fictional_case("quill-1", case_type=CaseType.IN_HOME, opened_on=D(2026, 1, 5),
                          people=people, child_ids=("wren", "ash"), reports=reports)


def _findings(case: Case, as_of: date = AS_OF,
              policy: PolicyProfile = FEDERAL) -> tuple[Finding, ...]:
    return tuple(f for rule in RULES
                 for f in get_rule(rule).check(case, policy=policy, as_of=as_of))


def _outcomes(case: Case, as_of: date = AS_OF,
              policy: PolicyProfile = FEDERAL) -> dict[str, list[Outcome]]:
    found = _findings(case, as_of, policy)
    return {rule: [f.outcome for f in found if f.rule == rule] for rule in RULES}


def _rating(case: Case, as_of: date = AS_OF) -> ReviewRating:
    return ITEM_1.rate(_findings(case, as_of)).rating


# -- the registry ---------------------------------------------------------------------------


def test_the_family_is_registered_for_item_1() -> None:
    """``intake.*``: two rules, CFSR item 1, safety assurance and risk management."""
    found = {r.id: (r.cfsr_items, tuple(c.value for c in r.components))
             for r in select("intake.*")}
    assert found == dict.fromkeys(RULES, ((1,), ("safety_and_risk",)))
    assert sorted(intake.__all__) == ["face_to_face_timely", "initiated_timely"]


# -- Strength, ANI, NA ----------------------------------------------------------------------


def test_strength_every_response_in_time() -> None:
    """CFSR Round 3 onsite review instrument, item 1 A and B: initiated and seen within the
    state's time frame for the priority, so A = B = 0 and the item is a Strength."""
    case = _case(_report())
    assert _outcomes(case) == {RULES[0]: [M], RULES[1]: [M]}
    assert _rating(case) is S
    found = _findings(case)[0]
    assert found.subject_id == "r1"
    assert "within the time frame" in found.explanation
    assert {f.label: f.value for f in found.facts}["due by"] == DUE


def test_area_needing_improvement_late_initiation() -> None:
    """Item 1 A: a report initiated after its time frame, with no delay recorded as beyond
    the agency's control (C = No), is an Area Needing Improvement."""
    case = _case(_report(initiated_on=D(2026, 1, 6)))
    assert _outcomes(case) == {RULES[0]: [NM], RULES[1]: [M]}
    assert _rating(case) is ANI
    assert "1 day after the time frame" in _findings(case)[0].explanation


def test_area_needing_improvement_late_face_to_face() -> None:
    """Item 1 B: the subject child seen face to face after the time frame."""
    case = _case(_report(face_to_face_on=D(2026, 1, 9)))
    assert _outcomes(case) == {RULES[0]: [M], RULES[1]: [NM]}
    assert _rating(case) is ANI


def test_delay_beyond_agency_control_is_a_strength() -> None:
    """Item 1 C (CFSR FAQ, safety outcome 1): when every delay was beyond the agency's
    control, the item is a Strength although A or B > 0."""
    case = _case(_report(initiated_on=D(2026, 1, 9), face_to_face_on=None,
                         delay_beyond_agency_control=True))
    assert _outcomes(case) == {RULES[0]: [M], RULES[1]: [M]}
    assert _rating(case) is S
    assert "beyond the agency's control" in _findings(case)[0].explanation


def test_one_excused_report_does_not_excuse_another() -> None:
    """Item 1 C asks whether *all* delays were beyond the agency's control: one late report
    without the excuse keeps the item an Area Needing Improvement."""
    case = _case(_report("r1", initiated_on=D(2026, 1, 9), delay_beyond_agency_control=True),
                 _report("r2", D(2026, 2, 2), initiated_on=D(2026, 2, 9)))
    assert _outcomes(case)[RULES[0]] == [M, NM]
    assert _rating(case) is ANI


def test_no_report_is_not_applicable() -> None:
    """Item 1 applies only if an accepted report arrived in the period under review: a case
    with none gets one not-applicable finding per rule, about the case."""
    case = _case()
    found = _findings(case)
    assert [(f.subject_id, f.outcome) for f in found] == [("quill-1", NA), ("quill-1", NA)]
    assert "No report of maltreatment" in found[0].explanation
    assert _rating(case) is NAR


def test_screen_outs_and_earlier_reports_do_not_count() -> None:
    """Screened-out reports do not count (item 1); a report received before the period under
    review is not rated."""
    case = _case(_report("r1", D(2025, 6, 1), initiated_on=D(2025, 6, 30)),
                 _report("r2", D(2026, 2, 1), accepted=False, initiated_on=None,
                         face_to_face_on=None))
    assert _outcomes(case) == {RULES[0]: [NA, NA], RULES[1]: [NA, NA]}
    assert _rating(case) is NAR
    texts = [f.explanation for f in _findings(case)]
    assert "before the period under review" in texts[0]
    assert "screened out" in texts[1]


def test_only_earlier_reports_says_so() -> None:
    """A case whose reports all came before the period: one case finding saying none was
    received in it, plus the report's own."""
    case = _case(_report("r1", D(2025, 6, 1)))
    found = get_rule(RULES[0]).check(case, policy=FEDERAL, as_of=AS_OF)
    assert [f.subject_id for f in found] == ["quill-1", "r1"]
    assert "None of the 1 reports" in found[0].explanation


def test_a_priority_without_time_frame_needs_review() -> None:
    """Item 1 A: "the time frames established by the state"; the profile sets none for this
    priority, so a reviewer must judge: needs review, which rates the item ANI."""
    case = _case(_report(priority="urgent"))
    assert _outcomes(case) == {RULES[0]: [NR], RULES[1]: [NR]}
    assert _rating(case) is ANI
    state_policy = FEDERAL.derive(response_days={"urgent": 2, "1": 1})
    assert _outcomes(case, policy=state_policy) == {RULES[0]: [M], RULES[1]: [M]}


def test_alternative_response_counts() -> None:
    """Item 1 counts reports accepted for an alternative response too."""
    case = _case(_report(alternative_response=True, initiated_on=D(2026, 1, 8)))
    assert _outcomes(case)[RULES[0]] == [NM]
    assert "alternative response" in _findings(case)[0].explanation


def test_counted_by_report_not_by_child() -> None:
    """CFSR FAQ, safety outcome 1: count by report, not per child or allegation."""
    case = _case(attrs.evolve(_report(), child_ids=("wren", "ash")))
    assert _outcomes(case) == {RULES[0]: [M], RULES[1]: [M]}


def test_reports_in_the_order_received() -> None:
    """Findings follow the order the reports were received, whatever the record order."""
    case = _case(_report("b", D(2026, 3, 1), initiated_on=D(2026, 3, 2),
                         face_to_face_on=D(2026, 3, 2)),
                 _report("a", D(2026, 2, 1), initiated_on=D(2026, 2, 2),
                         face_to_face_on=D(2026, 2, 2)))
    assert [f.subject_id for f in get_rule(RULES[0]).check(case, policy=FEDERAL,
                                                           as_of=AS_OF)] == ["a", "b"]


# -- boundary days --------------------------------------------------------------------------


@pytest.mark.parametrize(("done_on", "outcome"), [(DUE, M), (DUE + timedelta(days=1), NM)])
def test_the_last_day_of_the_time_frame(done_on: date, outcome: Outcome) -> None:
    """Initiated (and seen) on the day the time frame ends: in time; the day after: late."""
    case = _case(_report(initiated_on=done_on, face_to_face_on=done_on))
    assert _outcomes(case) == {RULES[0]: [outcome], RULES[1]: [outcome]}


@pytest.mark.parametrize(("as_of", "outcome"), [(DUE, NA), (DUE + timedelta(days=1), NM)])
def test_not_yet_initiated_while_the_time_frame_runs(as_of: date, outcome: Outcome) -> None:
    """Nothing recorded yet: not applicable through the last day of the time frame, not met
    the day after."""
    case = _case(_report(initiated_on=None, face_to_face_on=None))
    assert _outcomes(case, as_of) == {RULES[0]: [outcome], RULES[1]: [outcome]}
    assert _rating(case, as_of) is (NAR if outcome is NA else ANI)


def test_dates_after_as_of_are_not_known_yet() -> None:
    """A report received after ``as_of`` is not known; an initiation recorded after
    ``as_of`` has not happened yet."""
    case = _case(_report(initiated_on=D(2026, 1, 4), face_to_face_on=D(2026, 1, 4)))
    assert _outcomes(case, D(2026, 1, 1)) == {RULES[0]: [NA], RULES[1]: [NA]}
    assert _outcomes(case, D(2026, 1, 3)) == {RULES[0]: [NA], RULES[1]: [NA]}


def test_the_example_has_no_report() -> None:
    """The Wilson example without its report (the example records the report that opened
    the case): with no report, item 1 is not applicable."""
    found = _findings(attrs.evolve(load_example(), reports=()), D(2026, 11, 22))
    assert {f.outcome for f in found} == {NA}


# -- laws -----------------------------------------------------------------------------------


@given(days=st.integers(0, 40), earlier=st.integers(0, 40), priority=st.sampled_from("123"),
       as_of=st.dates(D(2026, 1, 2), D(2026, 3, 31)))
def test_responding_earlier_never_makes_a_report_late(days: int, earlier: int, priority: str,
                                                      as_of: date) -> None:
    """Moving the initiation and the face-to-face contact earlier (not before the report)
    never turns met into not met."""
    later = RECEIVED + timedelta(days=days)
    sooner = RECEIVED + timedelta(days=max(0, days - earlier))
    rank = {NM: 0, NR: 1, NA: 2, M: 3}
    late = _outcomes(_case(_report(priority=priority, initiated_on=later,
                                   face_to_face_on=later)), as_of)
    soon = _outcomes(_case(_report(priority=priority, initiated_on=sooner,
                                   face_to_face_on=sooner)), as_of)
    for rule in RULES:
        if late[rule] == [M]:
            assert soon[rule] == [M]
        assert rank[soon[rule][0]] >= rank[late[rule][0]] or late[rule] == [NA]
