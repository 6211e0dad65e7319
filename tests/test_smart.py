"""S.M.A.R.T. objectives: the issue's acceptance example, the seeds' wording, and laws."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, ObjectiveLifecycle, ServiceObjective
from practicemodel.checks import check_case
from practicemodel.components import PracticeComponent
from practicemodel.errors import InvalidInputError
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome, worst
from practicemodel.periods import Period
from practicemodel.policy import CA, FEDERAL, MS
from practicemodel.rules import smart
from practicemodel.rules.smart import (
    CRITERIA,
    DEFAULT_LEXICONS,
    Lexicons,
    MatchKind,
    check_objective,
    find_hits,
    suggest,
)
from practicemodel.strategies import service_objectives

CASE = load_example()
PLAN = next(p for p in CASE.plans if p.id == "plan-1")
AS_OF = date(2026, 11, 22)
RULES = (*CRITERIA, "smart.end_state", "smart.positive", "smart.overall")
ORDER = {Outcome.NOT_MET: 0, Outcome.NEEDS_REVIEW: 1, Outcome.MET: 2,
         Outcome.NOT_APPLICABLE: 3}


def _objective(**changes: Any) -> ServiceObjective:
    """A well-formed behavioral objective for Marcus in plan-1, with ``changes`` applied."""
    fields: dict[str, Any] = {
        "id": "obj-test",
        "statement": "Marcus will stay free of methamphetamine and care for the children sober.",
        "person_ids": ("marcus",),
        "behavior": "Sober caregiving",
        "measure": "Negative random drug screens for 6 consecutive months",
        "due_on": date(2026, 9, 1),
        "addresses_ids": ("cf-substance",),
    }
    fields.update(changes)
    return ServiceObjective(**fields)


def _outcomes(objective: ServiceObjective, plan: CasePlan = PLAN) -> dict[str, Outcome]:
    """The outcome of each rule for ``objective`` checked in ``plan``."""
    findings = check_objective(objective, plan=plan, case=CASE, policy=FEDERAL)
    return {f.rule: f.outcome for f in findings}


def _by_rule(objective: ServiceObjective, plan: CasePlan = PLAN) -> dict[str, Finding]:
    """The finding of each rule for ``objective`` checked in ``plan``."""
    findings = check_objective(objective, plan=plan, case=CASE, policy=FEDERAL)
    return {f.rule: f for f in findings}


def _plan_findings(plan: CasePlan) -> tuple[Finding, ...]:
    """The findings of every objective of ``plan`` (by objective id), as ``check_objective``
    gives them."""
    return tuple(f for o in sorted(plan.objectives, key=lambda o: o.id)
                 for f in check_objective(o, plan=plan, case=CASE, policy=FEDERAL))


def _smart_rules(case: Case, plan_id: str) -> tuple[Finding, ...]:
    """The findings of the ``smart.*`` rules about the objectives of plan ``plan_id``."""
    return tuple(f for f in check_case(case, policy=FEDERAL, as_of=AS_OF, rules=["smart.*"])
                 if f.subject.endswith(f" in plan {plan_id}"))


# -- the acceptance example ----------------------------------------------------------------


def test_poor_objective_is_not_smart_on_each_missing_criterion() -> None:
    """A bare "complete an assessment" objective fails measurable, relevant and time-limited."""
    poor = _objective(statement="Father will complete a substance abuse assessment.",
                      behavior=None, measure=None, due_on=None, addresses_ids=())
    actual = _outcomes(poor)
    expected = {
        "smart.specific": Outcome.NEEDS_REVIEW,
        "smart.measurable": Outcome.NOT_MET,
        "smart.achievable": Outcome.MET,
        "smart.relevant": Outcome.NOT_MET,
        "smart.time_limited": Outcome.NOT_MET,
        "smart.end_state": Outcome.NOT_MET,
        "smart.positive": Outcome.MET,
        "smart.overall": Outcome.NOT_MET,
    }
    assert expected == actual


def test_poor_objective_is_flagged_as_an_activity_naming_the_phrase() -> None:
    """The end-state finding names the activity phrase it matched."""
    poor = _objective(statement="Father will complete a substance abuse assessment.",
                      behavior=None, measure=None, due_on=None, addresses_ids=())
    finding = _by_rule(poor)["smart.end_state"]
    assert "'complete'" in finding.explanation
    assert "seed 003 slides 32-33" in finding.source


def test_well_formed_objective_passes_all_five() -> None:
    """A behavioral objective with a measure, a due date in the period and a link passes."""
    actual = _outcomes(_objective())
    expected = dict.fromkeys(RULES, Outcome.MET)
    assert expected == actual


def test_example_poor_objective() -> None:
    """The built-in example's ``obj-marcus-assessment`` is not S.M.A.R.T. and is an activity."""
    poor = next(o for o in PLAN.objectives if o.id == "obj-marcus-assessment")
    outcomes = _outcomes(poor)
    rules = ("smart.overall", "smart.measurable", "smart.relevant", "smart.time_limited",
             "smart.end_state")
    actual = {rule: outcomes[rule] for rule in rules}
    expected = dict.fromkeys(rules, Outcome.NOT_MET)
    assert expected == actual


@pytest.mark.parametrize("objective_id", ["obj-marcus-sobriety", "obj-dana-supervision"])
def test_example_good_objectives(objective_id: str) -> None:
    """The built-in example's good objectives meet every rule."""
    good = next(o for o in PLAN.objectives if o.id == objective_id)
    actual = _outcomes(good)
    expected = dict.fromkeys(RULES, Outcome.MET)
    assert expected == actual


def test_finding_shape() -> None:
    """Each finding names the objective and plan, its facts, components and seed slide."""
    findings = _by_rule(_objective())
    expected_subject = "objective obj-test in plan plan-1"
    expected_ids = {"obj-test"}
    assert expected_ids == {f.subject_id for f in findings.values()}
    assert {expected_subject} == {f.subject for f in findings.values()}
    expected_sources = {"smart.specific": "seed 003 slide 35",
                        "smart.measurable": "seed 003 slide 36",
                        "smart.relevant": "seed 003 slide 38",
                        "smart.time_limited": "seed 003 slide 39"}
    actual_sources = {rule: findings[rule].source for rule in expected_sources}
    assert expected_sources == actual_sources
    expected_relevant = (PracticeComponent.CASE_PLANNING, PracticeComponent.STRENGTHS_AND_NEEDS)
    assert expected_relevant == findings["smart.relevant"].components
    expected_measurable = (PracticeComponent.CASE_PLANNING,)
    assert expected_measurable == findings["smart.measurable"].components
    assert findings["smart.measurable"].facts


def test_overall_is_the_worst_of_the_five() -> None:
    """``smart.overall`` is the worst outcome of the five criteria."""
    for objective in PLAN.objectives:
        findings = _by_rule(objective)
        expected = worst(findings[rule].outcome for rule in CRITERIA)
        assert expected == findings["smart.overall"].outcome


# -- each criterion, in the seeds' words ---------------------------------------------------


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, Outcome.MET),
    ({"person_ids": ()}, Outcome.NOT_MET),
    ({"behavior": None}, Outcome.MET),
    ({"behavior": None, "statement": "Marcus will attend parenting classes."},
     Outcome.NEEDS_REVIEW),
    ({"statement": "Marcus will attend parenting classes."}, Outcome.MET),
])
def test_specific(changes: dict[str, Any], expected: Outcome) -> None:
    """Specific: names who, and the behavior rather than only an activity (slide 35)."""
    actual = _outcomes(_objective(**changes))["smart.specific"]
    assert expected == actual


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, Outcome.MET),
    ({"measure": None}, Outcome.NOT_MET),
    ({"measure": None,
      "statement": "Marcus will stay sober for 90 consecutive days."}, Outcome.NEEDS_REVIEW),
    ({"measure": None,
      "statement": "Marcus will stay sober, as shown by random screens."}, Outcome.NEEDS_REVIEW),
    ({"measure": None, "statement": "Marcus will be a better parent."}, Outcome.NOT_MET),
])
def test_measurable(changes: dict[str, Any], expected: Outcome) -> None:
    """Measurable: easily discernible criteria by which achievement can be measured (slide 36)."""
    actual = _outcomes(_objective(**changes))["smart.measurable"]
    assert expected == actual


def test_measurable_quotes_the_measure_words() -> None:
    """Text-only evidence of a measure is quoted in the explanation."""
    objective = _objective(measure=None,
                           statement="Marcus will stay sober for 90 consecutive days.")
    explanation = _by_rule(objective)["smart.measurable"].explanation
    assert "'for 90 consecutive days'" in explanation
    assert "no measure is recorded" in explanation


def _plan_with(*objectives: ServiceObjective) -> CasePlan:
    """Plan-1 with exactly ``objectives``."""
    return attrs.evolve(PLAN, objectives=objectives)


@pytest.mark.parametrize(("open_count", "expected"), [
    (4, Outcome.MET),
    (5, Outcome.NOT_MET),
])
def test_achievable_load(open_count: int, expected: Outcome) -> None:
    """Achievable: more open objectives than the policy's load limit is not achievable."""
    others = [_objective(id=f"obj-other-{i}") for i in range(open_count - 1)]
    closed = _objective(id="obj-closed", lifecycle=ObjectiveLifecycle.COMPLETED)
    target = _objective()
    plan = _plan_with(target, closed, *others)
    actual = _outcomes(target, plan)["smart.achievable"]
    assert expected == actual


@pytest.mark.parametrize(("changes", "expected"), [
    ({"due_on": date(2026, 4, 9)}, Outcome.NEEDS_REVIEW),
    ({"due_on": date(2026, 4, 10)}, Outcome.MET),
    ({"due_on": None, "timeframe": Period(7, "days")}, Outcome.NEEDS_REVIEW),
    ({"person_ids": ()}, Outcome.NEEDS_REVIEW),
])
def test_achievable_time(changes: dict[str, Any], expected: Outcome) -> None:
    """Achievable: a due date under 14 days after the plan date needs review (slide 37)."""
    actual = _outcomes(_objective(**changes))["smart.achievable"]
    assert expected == actual


@pytest.mark.parametrize(("addresses", "expected"), [
    (("cf-substance",), Outcome.MET),
    (("nd-marcus-substance",), Outcome.MET),
    (("cf-substance", "nd-marcus-substance"), Outcome.MET),
    ((), Outcome.NOT_MET),
    (("cf-unknown",), Outcome.NEEDS_REVIEW),
])
def test_relevant(addresses: tuple[str, ...], expected: Outcome) -> None:
    """Relevant: selected for the factors that put the child at risk, no laundry list (38)."""
    actual = _outcomes(_objective(addresses_ids=addresses))["smart.relevant"]
    assert expected == actual


@pytest.mark.parametrize(("changes", "expected"), [
    ({"due_on": date(2026, 9, 27)}, Outcome.MET),
    ({"due_on": date(2026, 9, 28)}, Outcome.NOT_MET),
    ({"due_on": date(2026, 3, 27)}, Outcome.NOT_MET),
    ({"due_on": None}, Outcome.NOT_MET),
    ({"due_on": None, "timeframe": Period(6, "months")}, Outcome.MET),
    ({"due_on": None, "timeframe": Period(7, "months")}, Outcome.NOT_MET),
])
def test_time_limited(changes: dict[str, Any], expected: Outcome) -> None:
    """Time-limited: a timeframe within the plan period (slide 39)."""
    actual = _outcomes(_objective(**changes))["smart.time_limited"]
    assert expected == actual


def test_time_limited_without_period_end() -> None:
    """A plan that states no period end only needs the due date to follow the plan date."""
    plan = attrs.evolve(PLAN, period_end=None)
    actual = _outcomes(_objective(due_on=date(2030, 1, 1)), plan)["smart.time_limited"]
    expected = Outcome.MET
    assert expected == actual


def test_time_limited_outside_period_is_explained() -> None:
    """A due date after the plan period says when the period ends."""
    finding = _by_rule(_objective(due_on=date(2026, 12, 1)))["smart.time_limited"]
    assert "2026-09-27" in finding.explanation


@pytest.mark.parametrize(("statement", "behavior", "expected"), [
    ("Father will complete a substance abuse assessment.", None, Outcome.NOT_MET),
    ("Mother will attend parenting classes.", None, Outcome.NOT_MET),
    ("Mother will participate in counseling.", None, Outcome.NOT_MET),
    ("Father will comply with all services.", None, Outcome.NOT_MET),
    ("Enroll in a batterers' intervention program.", None, Outcome.NOT_MET),
    ("Mother will attend parenting classes.", "Uses time-outs", Outcome.NEEDS_REVIEW),
    ("Mother will use time-outs instead of spanking and attend a class.", None,
     Outcome.NEEDS_REVIEW),
    ("Mother will use time-outs when the children misbehave.", None, Outcome.MET),
    ("Dana will keep the children supervised by a responsible adult.", None, Outcome.MET),
])
def test_end_state(statement: str, behavior: str | None, expected: Outcome) -> None:
    """End state, not activity: "not seat time in a parenting class" (seed 004)."""
    objective = _objective(statement=statement, behavior=behavior)
    actual = _outcomes(objective)["smart.end_state"]
    assert expected == actual


@pytest.mark.parametrize(("statement", "behavior", "expected"), [
    ("Marcus will not use drugs.", None, Outcome.NOT_MET),
    ("Marcus won't use drugs.", None, Outcome.NOT_MET),
    ("Marcus will stop drinking.", None, Outcome.NOT_MET),
    ("Marcus will refrain from hitting the children.", None, Outcome.NOT_MET),
    ("Marcus will no longer leave the children alone.", None, Outcome.NOT_MET),
    ("Marcus will never leave the children alone.", "Arranges a sitter", Outcome.NEEDS_REVIEW),
    ("Marcus will stay free of methamphetamine.", None, Outcome.MET),
    ("Marcus will keep the nonstop schedule.", None, Outcome.MET),
])
def test_positive(statement: str, behavior: str | None, expected: Outcome) -> None:
    """Positive terms: a desired behavioral outcome in positive terms (slide 33)."""
    objective = _objective(statement=statement, behavior=behavior)
    actual = _outcomes(objective)["smart.positive"]
    assert expected == actual


# -- plans, suggestions, lexicons ----------------------------------------------------------


def test_smart_rules_cover_every_objective() -> None:
    """The smart.* rules give eight findings per objective of a plan, each rule's ordered by
    objective id, the same findings check_objective gives."""
    findings = _smart_rules(CASE, PLAN.id)
    expected = len(PLAN.objectives) * len(RULES)
    assert expected == len(findings)
    for rule in RULES:
        ids = [f.subject_id for f in findings if f.rule == rule]
        assert sorted(o.id for o in PLAN.objectives) == ids
    by_objective = sorted(findings, key=lambda f: (f.subject_id, RULES.index(f.rule)))
    assert _plan_findings(PLAN) == tuple(by_objective)


def test_suggestions_for_the_poor_objective() -> None:
    """The poor objective gets a suggestion for each thing it misses."""
    poor = next(o for o in PLAN.objectives if o.id == "obj-marcus-assessment")
    actual = suggest(poor, plan=PLAN, case=CASE, policy=FEDERAL)
    expected = (
        "Add a measure: how will everyone know it is done?",
        "Add a due date within the plan period.",
        "Link it to the contributing factor or need it addresses.",
        "Rewrite it as the behavior the parent will show, not the class they will attend.",
        "Name the person whose behavior will change, and the behavior they will show.",
    )
    assert expected == actual


def test_suggestions_for_negative_phrasing() -> None:
    """Negative phrasing gets the "say what the person will do" suggestion."""
    actual = suggest(_objective(statement="Marcus will stop drinking.", behavior=None),
                     plan=PLAN, case=CASE, policy=FEDERAL)
    expected = ("Say what the person will do, not what they will stop doing.",)
    assert expected == actual


def test_no_suggestions_for_a_good_objective() -> None:
    """A S.M.A.R.T. objective needs no coaching."""
    actual = suggest(_objective(), plan=PLAN, case=CASE, policy=FEDERAL)
    assert not actual


def test_hits_are_whole_words_and_case_insensitive() -> None:
    """Phrases match whole words in any case, across runs of spaces."""
    hits = find_hits("ATTEND  the Participate   In; attendance", MatchKind.ACTIVITY)
    actual = [(hit.phrase, hit.text) for hit in hits]
    expected = [("attend", "ATTEND"), ("participate in", "Participate   In")]
    assert expected == actual


def test_longest_overlapping_measure_is_kept() -> None:
    """"for 90 consecutive days" is reported rather than "consecutive"."""
    actual = [hit.text for hit in find_hits("sober for 90 consecutive days", "measure")]
    expected = ["for 90 consecutive days"]
    assert expected == actual


def test_with_additions_deduplicates() -> None:
    """Adding a phrase already present leaves the lexicon unchanged."""
    actual = DEFAULT_LEXICONS.with_additions(activity=["Attend"])
    expected = DEFAULT_LEXICONS
    assert expected == actual


def test_custom_lexicon_changes_the_verdict() -> None:
    """A jurisdiction's own activity phrase makes an objective read as an activity."""
    lexicons = DEFAULT_LEXICONS.with_additions(activity=["check in with"])
    objective = _objective(statement="Marcus will check in with his sponsor.", behavior=None)
    findings = check_objective(objective, plan=PLAN, case=CASE, policy=FEDERAL,
                               lexicons=lexicons)
    actual = ({f.rule: f.outcome for f in findings}["smart.end_state"],
              _outcomes(objective)["smart.end_state"])
    expected = (Outcome.NOT_MET, Outcome.MET)
    assert expected == actual


# -- junk input ----------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [
    {"objective": {"id": "x"}},
    {"plan": "plan-1"},
    {"case": {}},
    {"policy": "FEDERAL"},
    {"lexicons": ("attend",)},
    {"case": load_example().plans},
])
def test_junk_input_raises(kwargs: dict[str, Any]) -> None:
    """Arguments of the wrong kind raise InvalidInputError."""
    arguments: dict[str, Any] = {"objective": _objective(), "plan": PLAN, "case": CASE,
                                 "policy": FEDERAL}
    arguments.update(kwargs)
    objective = arguments.pop("objective")
    with pytest.raises(InvalidInputError):
        check_objective(objective, **arguments)


@pytest.mark.parametrize("kwargs", [{"case": None}, {"policy": 3}, {"as_of": "2026-05-01"},
                                    {"as_of": datetime(2026, 5, 1)}, {"as_of": None}])
@pytest.mark.parametrize("rule", [smart.specific, smart.time_limited, smart.overall])
def test_junk_input_to_smart_rules_raises(rule: Any, kwargs: dict[str, Any]) -> None:
    """The smart.* rules reject arguments of the wrong kind."""
    arguments: dict[str, Any] = {"case": CASE, "policy": FEDERAL, "as_of": AS_OF}
    arguments.update(kwargs)
    case = arguments.pop("case")
    with pytest.raises(InvalidInputError):
        rule(case, **arguments)


def test_smart_rule_rejects_a_plan_for_the_case() -> None:
    """A smart.* rule rejects a CasePlan where the Case belongs."""
    with pytest.raises(InvalidInputError):
        smart.overall(PLAN, policy=FEDERAL, as_of=AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["attend", [""], [3]])
def test_junk_lexicon_entries_raise(bad: Any) -> None:
    """A lexicon is a collection of non-blank strings."""
    with pytest.raises(InvalidInputError):
        DEFAULT_LEXICONS.with_additions(activity=bad)


def test_invalid_measure_pattern_raises() -> None:
    """A measure pattern must be a valid regular expression."""
    with pytest.raises(InvalidInputError):
        Lexicons(activity=(), negative=(), measure=(), measure_patterns=("(unclosed",))


# -- laws ----------------------------------------------------------------------------------

_PEOPLE = st.sampled_from(["dana", "marcus", "ruth"])
_FACTORS = st.sampled_from(["cf-substance", "cf-supervision", "cf-housing", "nd-dana-depression",
                            "cf-unknown"])
_OBJECTIVES = service_objectives(person_ids=_PEOPLE, addresses_ids=_FACTORS)
_POLICIES = st.sampled_from([FEDERAL, CA, MS])


@given(objective=_OBJECTIVES, policy=_POLICIES)
def test_adding_a_measure_never_makes_measurable_worse(objective: ServiceObjective,
                                                       policy: Any) -> None:
    """Recording a measure never lowers the measurable outcome."""
    def measurable(o: ServiceObjective) -> Outcome:
        findings = check_objective(o, plan=PLAN, case=CASE, policy=policy)
        return next(f.outcome for f in findings if f.rule == "smart.measurable")

    before = measurable(objective)
    after = measurable(attrs.evolve(objective, measure="Four visits with no safety concerns"))
    assert ORDER[after] >= ORDER[before]
    expected = Outcome.MET
    assert expected == after


@given(objectives=st.lists(_OBJECTIVES, min_size=1, max_size=6,
                           unique_by=lambda o: o.id), data=st.data())
def test_verdicts_do_not_depend_on_objective_order(objectives: list[ServiceObjective],
                                                   data: st.DataObject) -> None:
    """Shuffling a plan's objectives does not change its findings."""
    shuffled = data.draw(st.permutations(objectives))
    first = _plan_findings(_plan_with(*objectives))
    second = _plan_findings(_plan_with(*shuffled))
    assert first == second


def test_smart_rules_do_not_depend_on_objective_order() -> None:
    """Reversing the objectives of the example's plans does not change the smart.* findings."""
    reversed_case = attrs.evolve(CASE, plans=tuple(
        attrs.evolve(p, objectives=tuple(reversed(p.objectives))) for p in CASE.plans))
    expected = check_case(CASE, policy=FEDERAL, as_of=AS_OF, rules=["smart.*"])
    actual = check_case(reversed_case, policy=FEDERAL, as_of=AS_OF, rules=["smart.*"])
    assert expected == actual


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)


@given(phrase=st.lists(_WORDS, min_size=1, max_size=3).map(" ".join),
       before=_WORDS, after=_WORDS, kind=st.sampled_from(list(MatchKind)))
# Overlapping occurrences: in "aaa AAA AAA aaa" the added phrase stands at 0, 4 and 8; the
# one at 4 is the phrase as inserted, and a non-overlapping scan never reached it.
@example(phrase="aaa aaa", before="aaa", after="aaa", kind=MatchKind.ACTIVITY)
def test_lexicon_extension_finds_the_new_phrase(phrase: str, before: str, after: str,
                                                kind: MatchKind) -> None:
    """A phrase added to a lexicon is found, whole, in any case."""
    lexicons = DEFAULT_LEXICONS.with_additions(**{kind.value: [phrase]})
    text = f"{before} {phrase.upper()} {after}"
    hits = find_hits(text, kind, lexicons=lexicons)
    assert any(phrase.upper() in hit.text for hit in hits)


def test_overlapping_occurrences_of_one_phrase_are_all_hits() -> None:
    """Each place an entry stands is a hit, also where two occurrences overlap."""
    lexicons = DEFAULT_LEXICONS.with_additions(activity=["aaa aaa"])
    hits = find_hits("aaa AAA AAA aaa", MatchKind.ACTIVITY, lexicons=lexicons)
    assert [(hit.start, hit.text) for hit in hits] == [
        (0, "aaa AAA"), (4, "AAA AAA"), (8, "AAA aaa")]


def test_a_hit_inside_a_longer_hit_is_dropped() -> None:
    """Where one hit lies wholly inside another, only the longer one is reported."""
    lexicons = DEFAULT_LEXICONS.with_additions(activity=["attend", "attend weekly"])
    hits = find_hits("Will attend weekly", MatchKind.ACTIVITY, lexicons=lexicons)
    assert [hit.text for hit in hits] == ["attend weekly"]


_LEXICON_WORDS = sorted({word for phrase in (*DEFAULT_LEXICONS.activity,
                                             *DEFAULT_LEXICONS.negative,
                                             *DEFAULT_LEXICONS.measure)
                         for word in phrase.split()})


@given(st.lists(st.sampled_from(_LEXICON_WORDS).map(
    lambda w: w.upper() if len(w) % 3 == 0 else w.capitalize() if len(w) % 3 == 1 else w)
    | st.text(max_size=6), max_size=12).map(" ".join),
    st.sampled_from(list(MatchKind)))
@example("\u017ftop using", MatchKind.NEGATIVE)  # long s: not ASCII, no shortcut
@example("Will ATTEND  weekly", MatchKind.ACTIVITY)
def test_the_first_word_shortcut_changes_no_hit(text: str, kind: MatchKind) -> None:
    """Skipping a phrase whose first word is not in an ASCII text finds exactly the hits a
    search of every phrase finds (any case, any spacing, non-ASCII text)."""
    fast = find_hits(text, kind)
    original = smart._first_word
    smart._first_word = lambda phrase: None  # type: ignore[assignment]
    try:
        every = find_hits(text, kind)
    finally:
        smart._first_word = original
    assert fast == every
