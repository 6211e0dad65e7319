"""Visit compliance: the month rule, residence share, federal figures, and visit findings."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case, CaseType
from practicemodel.caseplan import (
    CasePlan,
    Frequency,
    PermanencyGoal,
    PlanKind,
    Supervision,
    VisitationArrangement,
    VisitorKind,
)
from practicemodel.checks import check_case
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.monthly import child_visit_compliance, federal_visit_figures
from practicemodel.people import (
    ParentalRights,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    StaffMember,
    StaffRole,
)
from practicemodel.periods import Period, review_period_start
from practicemodel.placement import (
    ExitReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.policy import FEDERAL, MS, PolicyProfile, ResidenceComparison
from practicemodel.rules.visits import CHILD_QUALITY_TOPICS
from practicemodel.staffing import StaffingTopic, SupervisoryStaffing
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactMode,
    ContactTopic,
    FamilyVisit,
    FamilyVisitStatus,
)

D = date
HOME = ContactLocation.CHILD_RESIDENCE
SCHOOL = ContactLocation.SCHOOL
GOOD = (ContactTopic.SAFETY, ContactTopic.PERMANENCY, ContactTopic.WELL_BEING,
        ContactTopic.CASE_PLAN_PROGRESS)


def _visit(ident: str, on: date, *people: str, location: ContactLocation = HOME,
           completed: bool = True, **fields: Any) -> CaseworkerContact:
    return CaseworkerContact(id=ident, occurred_on=on, caseworker_id="cw", person_ids=people,
                             mode=ContactMode.IN_PERSON, location=location, completed=completed,
                             **fields)


def _case(removed_on: date, *contacts: CaseworkerContact, exit_on: date | None = None,
          ident: str = "c-1", **fields: Any) -> Case:
    """A foster care case of one child, Kit, and her mother, Mae."""
    episode = RemovalEpisode(
        id=f"{ident}-ep", child_id="kit", removed_on=removed_on,
        manner=RemovalManner.COURT_ORDERED,
        placements=(Placement(id=f"{ident}-pl", start=removed_on, end=exit_on,
                              setting=PlacementSetting.FOSTER_FAMILY_NON_RELATIVE),),
        exit_on=exit_on, exit_reason=None if exit_on is None else ExitReason.REUNIFICATION)
    episodes = (episode, *fields.pop("extra_episodes", ()))
    relationships = fields.pop("relationships", (
        Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                     parent_role=ParentRole.MOTHER, removed_from=True),))
    return Case(
        id=ident, case_type=CaseType.FOSTER_CARE, opened_on=removed_on, region="r9",
        county="fictional", caseworker_id="cw", supervisor_id="sup",
        staff=(StaffMember(id="cw", name="Casey Worker", role=StaffRole.CASEWORKER),
               StaffMember(id="sup", name="Sunny Visor", role=StaffRole.SUPERVISOR)),
        people=(Person(id="kit", name="Kit Doe", birth_date=D(2015, 3, 3)),
                Person(id="mae", name="Mae Doe", birth_date=D(1990, 1, 1)),
                Person(id="sib", name="Sib Doe", birth_date=D(2016, 4, 4)),
                *fields.pop("extra_people", ())),
        child_ids=fields.pop("child_ids", ("kit",)), relationships=relationships,
        removal_episodes=episodes, contacts=contacts, **fields)


VISIT_RULES = ("visits.*", "visitation.*", "staffing.*")


def visit_findings(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The findings of the visit, visitation and staffing rules for ``case``."""
    return check_case(case, policy=policy, as_of=as_of, rules=VISIT_RULES)


def _by(findings: tuple[Finding, ...], rule: str, subject_id: str) -> Finding:
    return next(f for f in findings if f.rule == rule and f.subject_id == subject_id)


# -- the month rule -----------------------------------------------------------------------

MONTH_CASES = [
    # (removed_on, exit_on, visit dates, as_of, period_start, evaluated, missed)
    pytest.param(D(2025, 1, 15), None, [D(2025, 2, 10), D(2025, 3, 31)], D(2025, 4, 10), None,
                 ("2025-02", "2025-03"), (), id="entered-mid-month-not-evaluated"),
    pytest.param(D(2025, 1, 1), None, [D(2025, 1, 31)], D(2025, 2, 28), None,
                 ("2025-01", "2025-02"), ("2025-02",), id="last-day-of-month-counts"),
    pytest.param(D(2024, 1, 20), None, [D(2024, 2, 29)], D(2024, 3, 1), None,
                 ("2024-02",), (), id="leap-february"),
    pytest.param(D(2024, 1, 20), None, [], D(2024, 2, 28), None,
                 (), (), id="current-month-not-yet-ended"),
    pytest.param(D(2025, 1, 1), D(2025, 3, 31), [D(2025, 1, 5)], D(2025, 6, 30), None,
                 ("2025-01", "2025-02", "2025-03"), ("2025-02", "2025-03"),
                 id="exit-on-last-day-keeps-month"),
    pytest.param(D(2025, 1, 1), D(2025, 3, 30), [], D(2025, 6, 30), None,
                 ("2025-01", "2025-02"), ("2025-01", "2025-02"), id="exit-mid-month-drops-it"),
    pytest.param(D(2024, 1, 1), None, [], D(2025, 3, 15), D(2025, 1, 2),
                 ("2025-02",), ("2025-02",), id="period-start-mid-month"),
]


@pytest.mark.parametrize(("removed_on", "exit_on", "dates", "as_of", "start", "evaluated",
                          "missed"), MONTH_CASES)
def test_month_rule(removed_on: date, exit_on: date | None, dates: list[date], as_of: date,
                    start: date | None, evaluated: tuple[str, ...],
                    missed: tuple[str, ...]) -> None:
    """Only whole months in care, ended by as_of and inside the period, are evaluated."""
    case = _case(removed_on, *(_visit(f"v{n}", d, "kit") for n, d in enumerate(dates)),
                 exit_on=exit_on)
    actual = child_visit_compliance(case, "kit", policy=FEDERAL, as_of=as_of,
                                    period_start=start)
    expected = (evaluated, missed)
    assert expected == (tuple(m.label for m in actual.months), actual.missed)


def test_visits_counted_per_month_with_residence() -> None:
    """A month records every completed in-person visit and how many were in the residence."""
    case = _case(D(2025, 1, 1), _visit("a", D(2025, 1, 3), "kit"),
                 _visit("b", D(2025, 1, 9), "kit", location=SCHOOL),
                 _visit("c", D(2025, 1, 12), "kit", completed=False),
                 CaseworkerContact(id="d", occurred_on=D(2025, 1, 14), caseworker_id="cw",
                                   person_ids=("kit",), mode=ContactMode.VIDEO))
    actual = child_visit_compliance(case, "kit", policy=FEDERAL, as_of=D(2025, 1, 31)).months
    expected = (("a", "b"), 1)
    assert expected == (actual[0].visit_ids, actual[0].in_residence)


def test_default_period_is_twelve_months() -> None:
    """The default period starts the day after as_of minus 12 months (a leap day here)."""
    expected = (D(2024, 2, 29), 12)
    assert expected == (review_period_start(D(2025, 2, 28), 12), FEDERAL.review_period_months)


# -- residence share ----------------------------------------------------------------------

SHARE_CASES = [
    pytest.param(ResidenceComparison.AT_LEAST, Outcome.MET, id="half-at-least"),
    pytest.param(ResidenceComparison.MORE_THAN, Outcome.NOT_MET, id="half-more-than"),
]


@pytest.mark.parametrize(("comparison", "outcome"), SHARE_CASES)
def test_residence_share_exactly_half(comparison: ResidenceComparison,
                                      outcome: Outcome) -> None:
    """Exactly 50% in the residence meets "at least" but not "more than"."""
    case = _case(D(2025, 1, 1), _visit("a", D(2025, 1, 3), "kit"),
                 _visit("b", D(2025, 2, 3), "kit", location=SCHOOL))
    policy = FEDERAL.derive(residence_comparison=comparison)
    findings = visit_findings(case, policy=policy, as_of=D(2025, 2, 28))
    expected = outcome
    assert expected == _by(findings, "visits.child_residence", "kit").outcome


# -- federal figures ------------------------------------------------------------------------


def test_federal_figures_by_hand() -> None:
    """FY2025 over two hand-built cases matches the hand computation."""
    # Case 1: in care from 2024-09-15; FY2025 full months Oct 2024..Sep 2025 = 12; visits in
    # 11 of them (none in Dec), two in Jan (one at school): made 11, visits 12, 11 at home.
    dates = [D(2024, m, 5) for m in (10, 11)] + [D(2025, m, 5) for m in range(1, 10)]
    one = _case(D(2024, 9, 15), *(_visit(f"v{n}", d, "kit") for n, d in enumerate(dates)),
                _visit("extra", D(2025, 1, 20), "kit", location=SCHOOL), ident="c-1")
    # Case 2: in care 2025-06-10 to 2025-08-31: full months Jul, Aug; visits in both, at school.
    two = _case(D(2025, 6, 10), _visit("w1", D(2025, 7, 1), "kit", location=SCHOOL),
                _visit("w2", D(2025, 8, 31), "kit", location=SCHOOL), exit_on=D(2025, 8, 31),
                ident="c-2")
    # Case 3: entered 2025-09-02: no full month in FY2025, not counted.
    three = _case(D(2025, 9, 2), ident="c-3")
    actual = federal_visit_figures([three, two, one], policy=FEDERAL, fiscal_year=2025)
    expected = (D(2024, 10, 1), D(2025, 9, 30), 2, 1, 14, 13, 14, 11, 13 / 14, 11 / 14,
                False, True)
    assert expected == (actual.start, actual.end, actual.children,
                        actual.children_visited_every_month, actual.visits_expected,
                        actual.visits_made, actual.visits_in_months,
                        actual.visits_in_residence, actual.monthly_share,
                        actual.residence_share, actual.monthly_target_met,
                        actual.residence_target_met)


def test_federal_figures_empty() -> None:
    """No children: shares and flags are None."""
    actual = federal_visit_figures([], policy=FEDERAL, fiscal_year=2026)
    expected = (0, None, None, None)
    assert expected == (actual.children, actual.monthly_share, actual.residence_share,
                        actual.monthly_target_met)


def test_federal_figures_example() -> None:
    """FY2026 over the Wilson case: Mar–Sep in care, July missed for both children."""
    actual = federal_visit_figures([load_example()], policy=MS, fiscal_year=2026)
    expected = (2, 0, 14, 12, 12, 10, False, True)
    assert expected == (actual.children, actual.children_visited_every_month,
                        actual.visits_expected, actual.visits_made, actual.visits_in_months,
                        actual.visits_in_residence, actual.monthly_target_met,
                        actual.residence_target_met)


# -- the example ----------------------------------------------------------------------------

WILSON = [
    ("visits.child_monthly", "ava", Outcome.NOT_MET),
    ("visits.child_monthly", "leo", Outcome.NOT_MET),
    ("visits.child_residence", "ava", Outcome.MET),
    ("visits.child_quality", "leo", Outcome.NOT_MET),
    ("visits.parent_frequency", "dana", Outcome.MET),
    ("visits.parent_frequency", "marcus", Outcome.NOT_MET),
    ("visits.parent_quality", "marcus", Outcome.NOT_MET),
    ("visitation.arranged", "ava", Outcome.MET),  # placed with Leo at Ruth's
    ("visitation.not_contingent", "ava", Outcome.MET),
    ("visitation.frequency_held", "ava", Outcome.NOT_MET),
    ("visitation.supervision", "leo", Outcome.MET),
    ("visitation.goodbye_visit", "ava", Outcome.NOT_APPLICABLE),
    ("staffing.monthly", "wilson-2026-0142", Outcome.NOT_MET),
    ("staffing.topics", "wilson-2026-0142", Outcome.NEEDS_REVIEW),
]


@pytest.mark.parametrize(("rule", "subject", "outcome"), WILSON)
def test_wilson_example(rule: str, subject: str, outcome: Outcome) -> None:
    """The Wilson case under MS as of 2026-11-22 gives the documented outcomes."""
    findings = visit_findings(load_example(), policy=MS, as_of=D(2026, 11, 22))
    expected = outcome
    assert expected == _by(findings, rule, subject).outcome


def test_wilson_details() -> None:
    """July is the missed child month, May was at school, June the missed staffing."""
    case = load_example()
    findings = visit_findings(case, policy=MS, as_of=D(2026, 11, 22))
    record = child_visit_compliance(case, "ava", policy=MS, as_of=D(2026, 11, 22))
    may = next(m for m in record.months if m.label == "2026-05")
    expected = (("2026-07",), 0, True, True)
    assert expected == (record.missed, may.in_residence,
                        "2026-06" in _by(findings, "staffing.monthly",
                                         "wilson-2026-0142").explanation,
                        "shared_parenting" in _by(findings, "staffing.topics",
                                                  "wilson-2026-0142").explanation)


def test_wilson_federal_profile_has_no_staffing_rule() -> None:
    """FEDERAL does not require monthly staffing: not applicable."""
    findings = visit_findings(load_example(), policy=FEDERAL, as_of=D(2026, 11, 22))
    expected = Outcome.NOT_APPLICABLE
    assert expected == _by(findings, "staffing.monthly", "wilson-2026-0142").outcome


# -- quality, parents, visitation, staffing -------------------------------------------------


def test_child_quality_met() -> None:
    """Private time, all four topics and a suitable setting meet quality."""
    case = _case(D(2025, 1, 1), _visit("a", D(2025, 1, 3), "kit", private_with_ids=("kit",),
                                       topics=GOOD, setting_suitable=True))
    findings = visit_findings(case, policy=FEDERAL, as_of=D(2025, 1, 31))
    expected = Outcome.MET
    assert expected == _by(findings, "visits.child_quality", "kit").outcome


def test_child_quality_setting_unknown() -> None:
    """An unrecorded setting needs review."""
    case = _case(D(2025, 1, 1), _visit("a", D(2025, 1, 3), "kit", private_with_ids=("kit",),
                                       topics=GOOD))
    findings = visit_findings(case, policy=FEDERAL, as_of=D(2025, 1, 31))
    expected = Outcome.NEEDS_REVIEW
    assert expected == _by(findings, "visits.child_quality", "kit").outcome


def test_parent_rights_terminated_without_reason_stops_visits() -> None:
    """Visits with a parent are due only until her rights are terminated."""
    rel = Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                       parent_role=ParentRole.MOTHER,
                       parental_rights=ParentalRights(terminated_on=D(2025, 2, 10)))
    case = _case(D(2025, 1, 1), _visit("a", D(2025, 1, 3), "mae",
                                       topics=(ContactTopic.CASE_PLAN_PROGRESS,
                                               ContactTopic.NEEDS), setting_suitable=True),
                 relationships=(rel,))
    findings = visit_findings(case, policy=FEDERAL, as_of=D(2025, 6, 30))
    expected = (Outcome.MET, Outcome.MET, Outcome.NOT_MET)
    assert expected == (_by(findings, "visits.parent_frequency", "mae").outcome,
                        _by(findings, "visits.parent_quality", "mae").outcome,
                        _by(findings, "visitation.goodbye_visit", "kit").outcome)


def _parent_visit(ident: str, on: date) -> CaseworkerContact:
    return _visit(ident, on, "mae", topics=(ContactTopic.CASE_PLAN_PROGRESS, ContactTopic.NEEDS),
                  setting_suitable=True)


def test_in_home_parents_are_due_visits() -> None:
    """Every mother and father of a child of the case is judged, in-home cases included
    (issue 11: before, only parents of children in care in the period were)."""
    visits = [_parent_visit(f"p{m}", D(2025, m, 10)) for m in (1, 2, 3)]
    mother = Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                          parent_role=ParentRole.MOTHER, lives_with_child=True)
    case = attrs.evolve(_case(D(2025, 1, 1), *visits, relationships=(mother,)),
                        case_type=CaseType.IN_HOME, removal_episodes=())
    findings = visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31))
    expected = (Outcome.MET, Outcome.MET, set())
    assert expected == (_by(findings, "visits.parent_frequency", "mae").outcome,
                        _by(findings, "visits.parent_quality", "mae").outcome,
                        {f.rule for f in findings if f.rule.startswith("visits.child_")})


def test_parent_of_a_child_not_in_care_is_due_visits() -> None:
    """In a foster care case, the father of a sibling who stayed home is judged too (issue
    11: before, only parents of children in care in the period were)."""
    rels = (Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.MOTHER, removed_from=True),
            Relationship(adult_id="ned", child_id="sib", kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.FATHER))
    case = _case(D(2025, 1, 1), _visit("n1", D(2025, 1, 10), "ned"), relationships=rels,
                 child_ids=("kit", "sib"),
                 extra_people=(Person(id="ned", name="Ned Roe", birth_date=D(1988, 8, 8)),))
    findings = visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31))
    finding = _by(findings, "visits.parent_frequency", "ned")
    expected = (Outcome.NOT_MET, "2025-02, 2025-03")
    assert expected == (finding.outcome,
                        {f.label: f.value for f in finding.facts}["months missed"])


def _arrangement(*conditions: str, kind: VisitorKind = VisitorKind.PARENT,
                 visitors: tuple[str, ...] = ("mae",), ident: str = "va",
                 goodbye: bool | None = None) -> VisitationArrangement:
    return VisitationArrangement(id=ident, child_id="kit", visitor_ids=visitors,
                                 visitor_kind=kind, frequency=Frequency(times=1,
                                                                        per=Period(1, "weeks")),
                                 supervision=Supervision.SUPERVISED, conditions=conditions,
                                 goodbye_visit_considered=goodbye)


def _plan(*arrangements: VisitationArrangement,
          goal: PermanencyGoal = PermanencyGoal.ADOPTION) -> CasePlan:
    return CasePlan(id="plan-1", kind=PlanKind.INITIAL, completed_on=D(2025, 1, 1),
                    child_ids=("kit",), permanency_goal=goal, visitation=arrangements)


CONDITION_CASES = [
    pytest.param((), Outcome.MET, id="none"),
    pytest.param(("Supervised by agency staff at the family center",), Outcome.MET,
                 id="safety-condition"),
    pytest.param(("Visits only if mother has a clean drug screen",), Outcome.NOT_MET,
                 id="only-if"),
    pytest.param(("Mother earns extra visits",), Outcome.NOT_MET, id="earn"),
    pytest.param(("Move to the park if the weather allows",), Outcome.NEEDS_REVIEW, id="if"),
    pytest.param(("Learning activities each visit",), Outcome.MET, id="learn-is-not-earn"),
]


@pytest.mark.parametrize(("conditions", "outcome"), CONDITION_CASES)
def test_not_contingent(conditions: tuple[str, ...], outcome: Outcome) -> None:
    """Conditions that make visits a reward or punishment are flagged, with the words quoted."""
    case = _case(D(2025, 1, 1), plans=(_plan(_arrangement(*conditions)),))
    finding = _by(visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31)),
                  "visitation.not_contingent", "kit")
    expected = (outcome, outcome is not Outcome.MET)
    assert expected == (finding.outcome, '"' in finding.explanation)


ARRANGED_CASES = [
    pytest.param((), False, Outcome.NOT_MET, id="no-plan"),
    pytest.param((_plan(),), False, Outcome.NOT_MET, id="plan-without-parent-visits"),
    pytest.param((_plan(_arrangement()),), False, Outcome.MET, id="adoption-goal-parent-visits"),
    pytest.param((_plan(_arrangement()),), True, Outcome.NEEDS_REVIEW, id="sibling-missing"),
    pytest.param((_plan(_arrangement(), _arrangement(kind=VisitorKind.SIBLING,
                                                     visitors=("sib",), ident="vs")),),
                 True, Outcome.MET, id="parent-and-sibling"),
]


@pytest.mark.parametrize(("plans", "sibling", "outcome"), ARRANGED_CASES)
def test_visitation_arranged(plans: tuple[CasePlan, ...], sibling: bool,
                             outcome: Outcome) -> None:
    """The latest plan arranges visits with parents, and siblings when there are any."""
    rels = [Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.MOTHER)]
    if sibling:
        rels.append(Relationship(adult_id="sib", child_id="kit", kind=RelationshipKind.SIBLING))
    case = _case(D(2025, 1, 1), plans=plans, relationships=tuple(rels))
    expected = outcome
    assert expected == _by(visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31)),
                           "visitation.arranged", "kit").outcome


def _sibling_episode(caregivers: tuple[str, ...],
                     setting: PlacementSetting = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
                     provider: str | None = None) -> RemovalEpisode:
    return RemovalEpisode(
        id="sib-ep", child_id="sib", removed_on=D(2025, 1, 1),
        manner=RemovalManner.COURT_ORDERED,
        placements=(Placement(id="sib-pl", start=D(2025, 1, 1), setting=setting,
                              caregiver_ids=caregivers, provider=provider),))


TOGETHER_CASES = [
    pytest.param(("fp",), ("fp",), None, Outcome.MET, id="same-caregivers"),
    pytest.param(("fp",), ("other",), None, Outcome.NEEDS_REVIEW, id="other-caregivers"),
    pytest.param((), (), None, Outcome.NEEDS_REVIEW, id="caregivers-not-recorded"),
    pytest.param(("fp",), ("fp",), PlacementSetting.GROUP_HOME, Outcome.NEEDS_REVIEW,
                 id="other-setting"),
]


@pytest.mark.parametrize(("mine", "theirs", "setting", "outcome"), TOGETHER_CASES)
def test_siblings_placed_together_need_no_sibling_visits(
        mine: tuple[str, ...], theirs: tuple[str, ...], setting: PlacementSetting | None,
        outcome: Outcome) -> None:
    """A sibling placed with the child (same setting and caregivers on the period's last day)
    needs no sibling visits; a sibling elsewhere, or where caregivers are not recorded, does."""
    rels = [Relationship(adult_id="mae", child_id="kit", kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.MOTHER),
            Relationship(adult_id="sib", child_id="kit", kind=RelationshipKind.SIBLING),
            Relationship(adult_id="kit", child_id="sib", kind=RelationshipKind.SIBLING)]
    kit = _case(D(2025, 1, 1), plans=(_plan(_arrangement()),), relationships=tuple(rels),
                child_ids=("kit", "sib"),
                extra_people=(Person(id="fp", name="Flo Parker"),
                              Person(id="other", name="Oz Nell")),
                extra_episodes=(_sibling_episode(
                    theirs, setting or PlacementSetting.FOSTER_FAMILY_NON_RELATIVE),))
    kit = attrs.evolve(kit, removal_episodes=(attrs.evolve(
        kit.removal_episodes[0], placements=(attrs.evolve(
            kit.removal_episodes[0].placements[0], caregiver_ids=mine),)),
        *kit.removal_episodes[1:]))
    finding = _by(visit_findings(kit, policy=FEDERAL, as_of=D(2025, 3, 31)),
                  "visitation.arranged", "kit")
    expected = outcome
    assert expected == finding.outcome
    assert {f.label: f.value for f in finding.facts}["siblings placed together"] == (
        "sib" if outcome is Outcome.MET else "(none)")


def _siblings_case(*, kit_exit: date | None = None, sib_provider: str | None = None) -> Case:
    """Kit and her sibling both with foster parent Flo; Kit may go home before the end."""
    rels = (Relationship(adult_id="mae", child_id="kit",
                         kind=RelationshipKind.BIOLOGICAL_PARENT, parent_role=ParentRole.MOTHER),
            Relationship(adult_id="sib", child_id="kit", kind=RelationshipKind.SIBLING),
            Relationship(adult_id="kit", child_id="sib", kind=RelationshipKind.SIBLING))
    kit = _case(D(2025, 1, 1), plans=(_plan(_arrangement()),), relationships=rels,
                child_ids=("kit", "sib"), exit_on=kit_exit,
                extra_people=(Person(id="fp", name="Flo Parker"),),
                extra_episodes=(_sibling_episode(("fp",), provider=sib_provider),))
    first = kit.removal_episodes[0]
    placed = attrs.evolve(first.placements[0], caregiver_ids=("fp",))
    return attrs.evolve(kit, removal_episodes=(attrs.evolve(first, placements=(placed,)),
                                               *kit.removal_episodes[1:]))


def test_siblings_together_until_the_child_went_home() -> None:
    """A child who went home in the period is judged on her last day in care: her sibling
    lived with her then, so no sibling visits were needed."""
    case = _siblings_case(kit_exit=D(2025, 2, 20))
    finding = _by(visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31)),
                  "visitation.arranged", "kit")
    expected = (Outcome.MET, "sib")
    actual = (finding.outcome, {f.label: f.value for f in finding.facts}[
        "siblings placed together"])
    assert expected == actual
    assert "2025-02-20" in finding.explanation


def test_same_caregivers_but_another_provider_is_not_together() -> None:
    """Caregivers alone do not make a shared placement when the providers differ."""
    case = _siblings_case(sib_provider="Other licensed home")
    expected = Outcome.NEEDS_REVIEW
    actual = _by(visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31)),
                 "visitation.arranged", "kit").outcome
    assert expected == actual


AGE_CASES = [
    pytest.param(D(2022, 6, 1), Outcome.MET, id="age-2-no-private-time-needed"),
    pytest.param(D(2021, 2, 1), Outcome.NOT_MET, id="turned-4-before-the-visit"),
    pytest.param(D(2021, 2, 11), Outcome.MET, id="turns-4-the-day-after"),
    pytest.param(D(2021, 2, 10), Outcome.NOT_MET, id="4th-birthday-on-the-visit-day"),
]


@pytest.mark.parametrize(("born", "outcome"), AGE_CASES)
def test_private_time_expected_from_age_4(born: date, outcome: Outcome) -> None:
    """A visit without time alone with the child falls short only from the child's 4th
    birthday (the profile's private_time_min_age)."""
    visit = CaseworkerContact(
        id="v1", occurred_on=D(2025, 2, 10), caseworker_id="cw", person_ids=("kit",),
        mode=ContactMode.IN_PERSON, location=ContactLocation.CHILD_RESIDENCE,
        setting_suitable=True, topics=CHILD_QUALITY_TOPICS)
    case = _case(D(2025, 1, 1), visit)
    case = attrs.evolve(case, people=tuple(
        attrs.evolve(p, birth_date=born) if p.id == "kit" else p for p in case.people))
    expected = outcome
    assert FEDERAL.private_time_min_age == 4
    assert expected == _by(visit_findings(case, policy=FEDERAL, as_of=D(2025, 3, 31)),
                           "visits.child_quality", "kit").outcome


def test_frequency_held() -> None:
    """Weekly visits over four whole weeks need four held visits; missed ones are named."""
    held = [FamilyVisit(id=f"fv{n}", child_id="kit", visitor_ids=("mae",),
                        visitor_kind=VisitorKind.PARENT, scheduled_on=D(2025, 1, 2 + 7 * n),
                        status=FamilyVisitStatus.HELD if n else FamilyVisitStatus.MISSED_BY_VISITOR,
                        supervision=Supervision.SUPERVISED) for n in range(4)]
    case = _case(D(2025, 1, 1), plans=(_plan(_arrangement()),), family_visits=tuple(held))
    # A one-month period (from 2024-12-29): the plan of 2025-01-01 starts the count.
    policy = attrs.evolve(FEDERAL, review_period_months=1)
    finding = _by(visit_findings(case, policy=policy, as_of=D(2025, 1, 28)),
                  "visitation.frequency_held", "kit")
    expected = (Outcome.NOT_MET, True)
    assert expected == (finding.outcome,
                        "held 3 of 4 planned; missed_by_visitor 1" in finding.explanation)


def test_staffing_monthly_met_and_topics() -> None:
    """Monthly staffing covering every topic but independent living (no youth) is met."""
    topics = [t for t in StaffingTopic if t is not StaffingTopic.INDEPENDENT_LIVING]
    staffings = tuple(SupervisoryStaffing(id=f"s{m}", held_on=D(2025, m, 20), supervisor_id="sup",
                                          topics=topics) for m in (1, 2, 3))
    case = _case(D(2025, 1, 1), staffings=staffings)
    findings = visit_findings(case, policy=MS, as_of=D(2025, 3, 31))
    expected = (Outcome.MET, Outcome.MET)
    assert expected == (_by(findings, "staffing.monthly", "c-1").outcome,
                        _by(findings, "staffing.topics", "c-1").outcome)


# -- properties -----------------------------------------------------------------------------

_days = st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31))


@given(st.lists(_days, max_size=8), _days)
def test_adding_a_visit_never_lowers_compliance(dates: list[date], extra: date) -> None:
    """Adding a visit never lowers the number of months visited."""
    visits = [_visit(f"v{n}", d, "kit") for n, d in enumerate(dates)]
    before = child_visit_compliance(_case(D(2024, 12, 31), *visits), "kit", policy=FEDERAL,
                                    as_of=D(2025, 12, 31))
    after = child_visit_compliance(_case(D(2024, 12, 31), *visits, _visit("x", extra, "kit")),
                                   "kit", policy=FEDERAL, as_of=D(2025, 12, 31))
    assert after.months_visited >= before.months_visited


@given(st.lists(_days, max_size=8), st.randoms(use_true_random=False))
def test_contact_order_does_not_matter(dates: list[date], rnd: random.Random) -> None:
    """Shuffling contacts gives the same results and findings."""
    visits = [_visit(f"v{n}", d, "kit", location=SCHOOL if n % 3 else HOME)
              for n, d in enumerate(dates)]
    shuffled = list(visits)
    rnd.shuffle(shuffled)
    one, two = _case(D(2024, 12, 31), *visits), _case(D(2024, 12, 31), *shuffled)
    as_of = D(2025, 12, 31)
    expected = (child_visit_compliance(one, "kit", policy=MS, as_of=as_of),
                visit_findings(one, policy=MS, as_of=as_of))
    actual = (child_visit_compliance(two, "kit", policy=MS, as_of=as_of),
              visit_findings(two, policy=MS, as_of=as_of))
    assert expected == actual


# -- junk input -----------------------------------------------------------------------------

_OK: dict[str, Any] = {"policy": FEDERAL, "as_of": D(2025, 3, 1)}
JUNK = [
    pytest.param(lambda c: visit_findings("case", **_OK), id="case-not-case"),  # type: ignore[arg-type]
    pytest.param(lambda c: visit_findings(c, policy="MS", as_of=D(2025, 3, 1)), id="policy"),
    pytest.param(lambda c: visit_findings(c, policy=MS, as_of="2025-03-01"), id="as-of-str"),
    pytest.param(lambda c: child_visit_compliance(c, 7, **_OK), id="child-not-str"),
    pytest.param(lambda c: federal_visit_figures([c, "x"], policy=MS, fiscal_year=2025),
                 id="cases-junk"),
    pytest.param(lambda c: federal_visit_figures(c, policy=MS, fiscal_year=2025),
                 id="cases-single-case"),
    pytest.param(lambda c: federal_visit_figures([c], policy=MS, fiscal_year="2025"),
                 id="fiscal-year-str"),
    pytest.param(lambda c: federal_visit_figures([c], policy=MS, fiscal_year=True),
                 id="fiscal-year-bool"),
]


@pytest.mark.parametrize("call", JUNK)
def test_junk_input(call: Any) -> None:
    """Junk input raises InvalidInputError."""
    with pytest.raises(InvalidInputError):
        call(_case(D(2025, 1, 1)))


@pytest.mark.parametrize("call", [
    pytest.param(lambda c: child_visit_compliance(c, "kit", policy=MS, as_of=D(2025, 3, 1),
                                                  period_start=D(2025, 4, 1)),
                 id="start-after-as-of"),
    pytest.param(lambda c: child_visit_compliance(c, "nobody", **_OK), id="unknown-child"),
])
def test_bad_values(call: Any) -> None:
    """Arguments of the right kind with a bad value raise InvalidArgumentError, a
    ValueError."""
    with pytest.raises(InvalidArgumentError):
        call(_case(D(2025, 1, 1)))


def test_result_is_frozen() -> None:
    """Results are frozen attrs classes."""
    record = child_visit_compliance(_case(D(2025, 1, 1)), "kit", **_OK)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.child_id = "other"  # type: ignore[misc]
