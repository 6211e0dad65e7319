"""Engagement rules: who counts (seed 004, Expectations), actively involved, concerted efforts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case, CaseType
from practicemodel.checks import check_case
from practicemodel.errors import (
    DateOutOfRangeError,
    InvalidArgumentError,
    InvalidInputError,
    UnknownPolicyError,
)
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.involvement import (
    EngagementOutcome,
    EngagementRole,
    InvolvementActivity,
    InvolvementEvent,
    InvolvementSetting,
)
from practicemodel.people import (
    DiligentSearch,
    FosterHome,
    ParentalRights,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    SearchOutcome,
    Sex,
    StaffMember,
    StaffRole,
)
from practicemodel.policy import FEDERAL, MS, PolicyProfile, get_policy
from practicemodel.rules.engagement import (
    Participant,
    _efforts,
    _involved,
    actively_involved,
    applicability,
    concerted_efforts,
    summary_by_role,
    who_counts,
)

AS_OF = date(2026, 11, 22)
START = date(2025, 11, 23)
R = EngagementRole
K = RelationshipKind
A = InvolvementActivity


def make_case(case_type: CaseType, adults: list[Person], relationships: list[Relationship],
              *, child_birth: date | None = date(2015, 1, 1),
              events: tuple[InvolvementEvent, ...] = ()) -> Case:
    """Build a one-child case with the given adults, relationships and events."""
    child = Person(id="kid", name="Kim Test", birth_date=child_birth, sex=Sex.FEMALE)
    return Case(
        id="case-1", case_type=case_type, opened_on=date(2025, 1, 1), region="r", county="c",
        caseworker_id="cw", supervisor_id="sv",
        staff=(StaffMember(id="cw", name="Casey Worker", role=StaffRole.CASEWORKER),
               StaffMember(id="sv", name="Sam Visor", role=StaffRole.SUPERVISOR)),
        people=(child, *adults), child_ids=("kid",), relationships=relationships,
        involvement_events=events,
    )


def adult(pid: str = "a", **kw: Any) -> Person:
    """Build an adult person."""
    return Person(id=pid, name=f"Adult {pid}", birth_date=date(1990, 1, 1), **kw)


def rel(kind: RelationshipKind, pid: str = "a", **kw: Any) -> Relationship:
    """Build a relationship of adult ``pid`` to the child."""
    return Relationship(adult_id=pid, child_id="kid", kind=kind, **kw)


def adult_participants(case: Case, policy: Any = MS) -> list[tuple[str, R, bool]]:
    """Return the non-child participants as (person, role, applicable)."""
    return [(p.person_id, p.role, p.applicable)
            for p in who_counts(case, "kid", policy=policy, as_of=AS_OF) if p.role is not R.CHILD]


HOME = FosterHome(related=False, licensed=True)
PRE_ADOPTIVE = FosterHome(related=False, licensed=True, pre_adoptive=True)
TPR = ParentalRights(terminated_on=date(2026, 5, 1))
TPR_REASON = ParentalRights(terminated_on=date(2026, 5, 1),
                            continued_involvement_reason="child asks to keep contact")
NOT_FOUND = DiligentSearch(completed_on=date(2026, 3, 1), outcome=SearchOutcome.NOT_LOCATED)

WhoRow = tuple[str, CaseType, dict[str, Any], K, dict[str, Any], list[tuple[str, R, bool]]]

WHO_TABLE: list[WhoRow] = [
    # (id, case type, adult kwargs, relationship kind, relationship kwargs, expected)
    ("fc biological mother", CaseType.FOSTER_CARE, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.MOTHER}, [("a", R.MOTHER, True)]),
    ("fc biological father by sex", CaseType.FOSTER_CARE, {"sex": Sex.MALE},
     K.BIOLOGICAL_PARENT, {}, [("a", R.FATHER, True)]),
    ("fc biological parent role unknown", CaseType.FOSTER_CARE, {}, K.BIOLOGICAL_PARENT, {},
     [("a", R.PARENT, True)]),
    ("fc caregiver removed from", CaseType.FOSTER_CARE, {"sex": Sex.FEMALE},
     K.LEGAL_GUARDIAN, {"removed_from": True, "primary_caregiver": True},
     [("a", R.MOTHER, True)]),
    ("fc relative not removed from", CaseType.FOSTER_CARE, {"sex": Sex.FEMALE},
     K.OTHER_RELATIVE, {}, []),
    ("fc adoptive finalized", CaseType.FOSTER_CARE, {},
     K.ADOPTIVE_PARENT, {"parent_role": ParentRole.FATHER, "adoption_finalized": True},
     [("a", R.FATHER, True)]),
    ("fc adoptive not finalized", CaseType.FOSTER_CARE, {},
     K.ADOPTIVE_PARENT, {"parent_role": ParentRole.FATHER, "adoption_finalized": False},
     [("a", R.FATHER, False)]),
    ("foster parent active", CaseType.FOSTER_CARE, {}, K.FOSTER_PARENT,
     {"foster_home": HOME, "start": date(2026, 1, 1)}, [("a", R.FOSTER_PARENT, True)]),
    ("pre-adoptive foster parent", CaseType.FOSTER_CARE, {}, K.FOSTER_PARENT,
     {"foster_home": PRE_ADOPTIVE}, [("a", R.FOSTER_PARENT, True)]),
    ("foster placement ended", CaseType.FOSTER_CARE, {}, K.FOSTER_PARENT,
     {"foster_home": HOME, "end": date(2026, 2, 1)}, [("a", R.FOSTER_PARENT, False)]),
    ("ih custodial caregiver", CaseType.IN_HOME, {"sex": Sex.FEMALE}, K.RELATIVE_CAREGIVER,
     {"lives_with_child": True, "primary_caregiver": True}, [("a", R.MOTHER, True)]),
    ("ih non-custodial wishes", CaseType.IN_HOME, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.FATHER, "wishes_to_be_involved": True},
     [("a", R.FATHER, True)]),
    ("ih non-custodial does not wish", CaseType.IN_HOME, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.FATHER, "wishes_to_be_involved": False},
     [("a", R.FATHER, False)]),
    ("ih non-custodial wish not recorded", CaseType.IN_HOME, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.FATHER}, [("a", R.FATHER, True)]),
    ("ih relative not living with child", CaseType.IN_HOME, {}, K.OTHER_RELATIVE, {}, []),
    ("deceased parent", CaseType.FOSTER_CARE, {"deceased_on": date(2026, 1, 5)},
     K.BIOLOGICAL_PARENT, {"parent_role": ParentRole.MOTHER}, [("a", R.MOTHER, False)]),
    ("dies after as_of", CaseType.FOSTER_CARE, {"deceased_on": date(2026, 12, 5)},
     K.BIOLOGICAL_PARENT, {"parent_role": ParentRole.MOTHER}, [("a", R.MOTHER, True)]),
    ("not located after diligent search", CaseType.FOSTER_CARE,
     {"whereabouts_known": False, "diligent_searches": (NOT_FOUND,)}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.FATHER}, [("a", R.FATHER, False)]),
    ("whereabouts unknown, no search", CaseType.FOSTER_CARE, {"whereabouts_known": False},
     K.BIOLOGICAL_PARENT, {"parent_role": ParentRole.FATHER}, [("a", R.FATHER, True)]),
    ("TPR without reason", CaseType.FOSTER_CARE, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.MOTHER, "parental_rights": TPR}, [("a", R.MOTHER, False)]),
    ("TPR with reason", CaseType.FOSTER_CARE, {}, K.BIOLOGICAL_PARENT,
     {"parent_role": ParentRole.MOTHER, "parental_rights": TPR_REASON},
     [("a", R.MOTHER, True)]),
]


@pytest.mark.parametrize(("case_type", "person_kw", "kind", "rel_kw", "expected"),
                         [row[1:] for row in WHO_TABLE], ids=[row[0] for row in WHO_TABLE])
def test_who_counts_table(case_type: CaseType, person_kw: dict[str, Any], kind: K,
                          rel_kw: dict[str, Any], expected: list[tuple[str, R, bool]]) -> None:
    """Each seed 004 definition of mother, father and foster parent decides who counts."""
    case = make_case(case_type, [adult(**person_kw)], [rel(kind, **rel_kw)])
    actual = adult_participants(case)
    assert expected == actual


def test_not_applicable_always_has_a_reason() -> None:
    """Every participant excluded from the rules carries a reason in words."""
    for row in WHO_TABLE:
        case = make_case(row[1], [adult(**row[2])], [rel(row[3], **row[4])])
        for participant in who_counts(case, "kid", policy=MS, as_of=AS_OF):
            assert participant.reason


def test_pre_adoptive_stops_at_finalized_adoption() -> None:
    """A pre-adoptive foster parent stops counting as foster parent once the adoption is final."""
    case = make_case(CaseType.FOSTER_CARE, [adult()], [
        rel(K.FOSTER_PARENT, foster_home=PRE_ADOPTIVE),
        rel(K.ADOPTIVE_PARENT, parent_role=ParentRole.MOTHER, adoption_finalized=True)])
    expected = [("a", R.MOTHER, True), ("a", R.FOSTER_PARENT, False)]
    actual = adult_participants(case)
    assert expected == actual


@pytest.mark.parametrize(("policy", "birth", "applicable"), [
    (MS, date(2022, 11, 22), True),   # 4 on as_of
    (MS, date(2022, 11, 23), False),  # 3, one day short
    (FEDERAL, date(2012, 11, 22), True),   # 14 on as_of
    (FEDERAL, date(2012, 11, 23), False),  # 13
    (FEDERAL, None, True),  # unknown birth date: applicable, needs review
])
def test_child_age_threshold(policy: Any, birth: date | None, applicable: bool) -> None:
    """A child counts from the policy's minimum age on as_of (MS 4, FEDERAL 14)."""
    case = make_case(CaseType.FOSTER_CARE, [], [], child_birth=birth)
    (child,) = who_counts(case, "kid", policy=policy, as_of=AS_OF)
    expected = (R.CHILD, applicable)
    actual = (child.role, child.applicable)
    assert expected == actual


def test_unknown_birth_date_says_needs_review() -> None:
    """A child with no birth date is applicable and the facts ask for review."""
    case = make_case(CaseType.FOSTER_CARE, [], [], child_birth=None)
    (child,) = who_counts(case, "kid", policy=MS, as_of=AS_OF)
    actual = {f.label for f in child.facts}
    assert "needs review" in actual


# -- the built-in example ---------------------------------------------------------------------


def engagement(case: Case, policy: PolicyProfile = MS) -> tuple[Finding, ...]:
    """Run the engagement rules (``engagement.*``) on ``case`` as of 2026-11-22."""
    return check_case(case, policy=policy, as_of=AS_OF, rules=["engagement.*"])


def wilson() -> tuple[Finding, ...]:
    """Run the engagement rules on the Wilson example under MS as of 2026-11-22."""
    return engagement(load_example())


def period_of(finding: Finding) -> tuple[object, object]:
    """The period under review a finding states: its "period start" and "period end" facts."""
    facts = {f.label: f.value for f in finding.facts}
    return facts["period start"], facts["period end"]


def outcomes(findings: tuple[Finding, ...]) -> dict[tuple[str, str], Outcome]:
    """Map (rule, person) to outcome."""
    return {(f.rule, f.subject_id): f.outcome for f in findings}


def test_wilson_outcomes() -> None:
    """Dana and Ruth are involved; Marcus has effort without response; the children are not."""
    met, nm, na = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE
    expected = {
        ("engagement.actively_involved", "ava"): nm,
        ("engagement.actively_involved", "dana"): met,
        ("engagement.actively_involved", "leo"): nm,
        ("engagement.actively_involved", "marcus"): nm,
        ("engagement.actively_involved", "ruth"): met,
        ("engagement.applicability", "ellen"): na,
        ("engagement.concerted_efforts", "ava"): nm,
        ("engagement.concerted_efforts", "dana"): met,
        ("engagement.concerted_efforts", "leo"): nm,
        ("engagement.concerted_efforts", "marcus"): met,
        ("engagement.concerted_efforts", "ruth"): met,
    }
    actual = outcomes(wilson())
    assert expected == actual


def test_wilson_shared_parent_assessed_once() -> None:
    """Dana is mother of both children and gets one finding per rule listing both."""
    dana = [f for f in wilson() if f.subject_id == "dana"]
    expected = [("children", "ava, leo")] * 2
    actual = [(fact.label, fact.value) for f in dana for fact in f.facts
              if fact.label == "children"]
    assert expected == actual


def test_wilson_marcus_missing_progress() -> None:
    """Marcus's finding names evaluating progress as the missing part and cites the events."""
    case = load_example()
    finding = _involved(case, "marcus", R.FATHER, START, AS_OF, ())
    facts = {f.label: f.value for f in finding.facts}
    expected = ("evaluating_progress", "inv-plan-1-marcus")
    actual = (facts["missing"], facts["part 5: case_planning_meeting"])
    assert expected == actual
    assert "evaluating_progress" in finding.explanation


def test_wilson_ellen_only_until_placement_end() -> None:
    """Ellen Brooks is Leo's foster parent until 2026-02-23, not after."""
    case = load_example()
    before = who_counts(case, "leo", policy=MS, as_of=date(2026, 2, 20))
    after = who_counts(case, "leo", policy=MS, as_of=AS_OF)
    expected = (True, False)
    actual = tuple(next(p.applicable for p in ps if p.person_id == "ellen")
                   for ps in (before, after))
    assert expected == actual


def test_wilson_children_ages_under_federal() -> None:
    """Under FEDERAL (14) neither Ava (8) nor Leo (4) counts; under MS (4) both do."""
    case = load_example()
    expected = {"FEDERAL": (False, False), "MS": (True, True)}
    actual = {
        policy.code: tuple(
            who_counts(case, c, policy=policy, as_of=AS_OF)[-1].applicable
            for c in ("ava", "leo"))
        for policy in (FEDERAL, MS)
    }
    assert expected == actual


def test_wilson_summary_by_role() -> None:
    """The role summary counts involved and applicable people per role."""
    expected = {R.MOTHER: (1, 1), R.FATHER: (0, 1), R.FOSTER_PARENT: (1, 1), R.CHILD: (0, 2)}
    actual = summary_by_role(wilson())
    assert expected == actual


def test_default_period_is_twelve_months() -> None:
    """By default (the profile's review_period_months, 12) the period is the 12 months ending
    on as_of."""
    assert MS.review_period_months == 12
    expected = (date(2025, 11, 23), AS_OF)
    actual = period_of(wilson()[0])
    assert expected == actual


def test_shorter_period_excludes_earlier_events() -> None:
    """A 4-month period (from 2026-07-23, after the spring meetings) leaves Dana missing
    parts."""
    policy = attrs.evolve(MS, review_period_months=4)
    found = engagement(load_example(), policy)
    dana = next(f for f in found
                if (f.rule, f.subject_id) == ("engagement.actively_involved", "dana"))
    expected = (Outcome.NOT_MET, (date(2026, 7, 23), AS_OF))
    actual = (dana.outcome, period_of(dana))
    assert expected == actual


def test_concerted_efforts_no_effort() -> None:
    """With no events at all, the effort finding says no effort was recorded."""
    case = make_case(CaseType.FOSTER_CARE, [adult()], [
        rel(K.BIOLOGICAL_PARENT, parent_role=ParentRole.FATHER)])
    finding = _efforts(case, "a", R.FATHER, START, AS_OF, ())
    expected = Outcome.NOT_MET
    actual = finding.outcome
    assert expected == actual
    assert "No effort recorded" in finding.explanation


# -- properties -------------------------------------------------------------------------------

events_st = st.lists(
    st.builds(
        lambda day, acts, outcome: (day, tuple(acts), outcome),
        st.integers(min_value=0, max_value=400),
        st.lists(st.sampled_from(list(A)), min_size=1, max_size=5, unique=True),
        st.sampled_from(list(EngagementOutcome)),
    ),
    max_size=8,
)


def to_events(raw: list[tuple[int, tuple[A, ...], EngagementOutcome]]) -> list[InvolvementEvent]:
    """Turn drawn tuples into involvement events about adult ``a``."""
    return [InvolvementEvent(id=f"e{i}", occurred_on=date.fromordinal(START.toordinal() - 20 + d),
                             person_ids=("a",), activities=acts,
                             setting=InvolvementSetting.OTHER, outcome=o)
            for i, (d, acts, o) in enumerate(raw)]


def parent_case(events: list[InvolvementEvent]) -> Case:
    """A foster care case with one mother ``a`` and the given events."""
    return make_case(CaseType.FOSTER_CARE, [adult()],
                     [rel(K.BIOLOGICAL_PARENT, parent_role=ParentRole.MOTHER)],
                     events=tuple(events))


@given(events_st, events_st)
def test_more_events_never_undo_met(base: Any, extra: Any) -> None:
    """Adding involvement events never turns actively involved met into not met."""
    first = to_events(base)
    more = first + [attrs.evolve(e, id=f"x{e.id}") for e in to_events(extra)]
    before = _involved(parent_case(first), "a", R.MOTHER, START, AS_OF, ())
    after = _involved(parent_case(more), "a", R.MOTHER, START, AS_OF, ())
    if before.is_met:
        assert after.is_met


@given(events_st, st.randoms(use_true_random=False))
def test_event_order_does_not_matter(raw: Any, rnd: Any) -> None:
    """The findings do not depend on the order of the involvement events."""
    events = to_events(raw)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    expected = engagement(parent_case(events))
    actual = engagement(parent_case(shuffled))
    assert expected == actual


# -- junk input -------------------------------------------------------------------------------


def junk(value: object) -> Any:
    """Pass a value of the wrong type past the type checker."""
    return value


@pytest.mark.parametrize("call", [
    lambda c: actively_involved(junk({}), policy=MS, as_of=AS_OF),
    lambda c: concerted_efforts(c, policy=junk("MS"), as_of=AS_OF),
    lambda c: applicability(c, policy=MS, as_of=junk(datetime(2026, 11, 22))),
    lambda c: actively_involved(c, policy=MS, as_of=junk("2026-11-22")),
    lambda c: check_case(c, policy=MS, as_of=junk(None), rules=["engagement.*"]),
    lambda c: who_counts(c, junk(7), policy=MS, as_of=AS_OF),
    lambda c: summary_by_role(junk([1])),
    lambda c: summary_by_role(junk(None)),
], ids=["case", "policy", "datetime", "as-of-str", "check-case-as-of", "child-not-str",
        "finding", "none"])
def test_junk_input_raises(call: Any) -> None:
    """Arguments of the wrong kind raise InvalidInputError."""
    with pytest.raises(InvalidInputError):
        call(load_example())


@pytest.mark.parametrize("call", [
    lambda c: who_counts(c, "nobody", policy=MS, as_of=AS_OF),
    lambda c: who_counts(c, "dana", policy=MS, as_of=AS_OF),
], ids=["child", "not-a-child"])
def test_bad_values_raise(call: Any) -> None:
    """Arguments of the right kind with a bad value raise InvalidArgumentError, a
    ValueError."""
    with pytest.raises(InvalidArgumentError):
        call(load_example())


@pytest.mark.parametrize(("call", "error"), [
    (lambda c: actively_involved(c, policy=MS, as_of=date(2300, 1, 1)), DateOutOfRangeError),
    (lambda c: concerted_efforts(c, policy=MS, as_of=date(1899, 12, 31)), DateOutOfRangeError),
    (lambda c: applicability(c, policy=MS, as_of=date(2019, 1, 1)), UnknownPolicyError),
    (lambda c: actively_involved(c, policy=MS, as_of=date(2019, 1, 1)), UnknownPolicyError),
], ids=["after-range", "before-range", "applicability-not-in-effect",
        "involved-not-in-effect"])
def test_rule_dates_out_of_range_or_policy_raise(call: Any, error: type[Exception]) -> None:
    """A rule asked about a date outside the supported range raises DateOutOfRangeError; one
    on which the profile is not in effect raises UnknownPolicyError."""
    with pytest.raises(error):
        call(load_example())


def test_participant_is_frozen() -> None:
    """A participant is an immutable result."""
    participant = who_counts(load_example(), "ava", policy=MS, as_of=AS_OF)[0]
    assert isinstance(participant, Participant)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        participant.applicable = False  # type: ignore[misc]


def test_several_relationships_to_one_child_give_the_same_findings_in_any_order() -> None:
    """A deceased parent recorded twice for one child (once with her role as mother, once
    without) gets the same findings whichever relationship comes first (found by the conformance
    battery: the first relationship's facts used to win)."""
    from practicemodel.example import load_example

    case = load_example()
    dana_ava = next(r for r in case.relationships if (r.adult_id, r.child_id) == ("dana", "ava"))
    people = tuple(attrs.evolve(p, deceased_on=date(2026, 11, 20)) if p.id == "dana" else p
                   for p in case.people)  # excluded, so her relationship's facts are shown
    twice = attrs.evolve(case, people=people, relationships=(
        *case.relationships, attrs.evolve(dana_ava, parent_role=None)))
    flipped = attrs.evolve(twice, relationships=tuple(reversed(twice.relationships)))
    assert engagement(twice) == engagement(flipped)


def test_a_person_in_two_relationships_whose_facts_differ_in_kind() -> None:
    """Ruth recorded twice as Ava's foster parent, once with no start date and once from
    2026-02-10: the tie between her two entries is broken by facts that hold ``None`` in one
    and a date in the other. That must neither fail (it raised ``TypeError`` comparing a
    date with ``None``) nor depend on the order the relationships were given in."""
    case = load_example()
    ruth = next(r for r in case.relationships
                if (r.adult_id, r.child_id) == ("ruth", "ava"))
    twice = (*case.relationships, attrs.evolve(ruth, start=None))
    policy = get_policy("MS", date(2026, 11, 22))
    forward = check_case(attrs.evolve(case, relationships=twice), policy=policy,
                         as_of=date(2026, 11, 22), rules=["engagement.*"])
    backward = check_case(attrs.evolve(case, relationships=twice[::-1]), policy=policy,
                          as_of=date(2026, 11, 22), rules=["engagement.*"])
    assert forward == backward
    assert [f.rule for f in forward].count("engagement.actively_involved") >= 1
