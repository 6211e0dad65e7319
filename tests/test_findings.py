"""Tests for the shared finding type, its typed facts, its JSON form and the deadline rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.checks import check_case
from practicemodel.components import PracticeComponent
from practicemodel.errors import RecordStructureError
from practicemodel.example import load_example
from practicemodel.findings import Fact, Finding, Outcome, by_component, worst
from practicemodel.policy import MS, PROFILES, get_policy
from practicemodel.rules import select
from practicemodel.timelines import RULE_OF_KIND, DeadlineStatus, schedule


def test_worst_orders_outcomes() -> None:
    """Not met beats needs review beats met beats not applicable; empty is not applicable."""
    expected = [Outcome.NOT_MET, Outcome.NEEDS_REVIEW, Outcome.MET, Outcome.NOT_APPLICABLE]
    actual = [
        worst([Outcome.MET, Outcome.NOT_MET, Outcome.NEEDS_REVIEW]),
        worst([Outcome.MET, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE]),
        worst([Outcome.NOT_APPLICABLE, Outcome.MET]),
        worst([]),
    ]
    assert expected == actual


def test_by_component_groups_in_component_order() -> None:
    """A finding tagged with two components appears under both, in the components' order."""
    finding = Finding(rule="r", outcome=Outcome.MET, subject_id="x", subject="x",
                      explanation="e", components=(PracticeComponent.CASE_PLANNING,
                                                   PracticeComponent.SAFETY_AND_RISK))
    expected = [PracticeComponent.SAFETY_AND_RISK, PracticeComponent.CASE_PLANNING]
    actual = list(by_component([finding]))
    assert expected == actual


def test_deadline_rules_map_statuses() -> None:
    """Met on time is met, overdue is not met, upcoming is not applicable; one finding per
    deadline the ``deadline.*`` rules judge, with the deadline's source and components, and
    the child whose deadline it is."""
    result = schedule(load_example(), policy=MS, as_of=date(2026, 11, 22))
    findings = check_case(load_example(), policy=MS, as_of=date(2026, 11, 22),
                          rules=["deadline.*"])
    judged = {(RULE_OF_KIND[d.kind], d.subject_id, d.due_on, d.reason): (d, child.child_id)
              for child in result.children for d in child.deadlines
              if RULE_OF_KIND[d.kind].startswith("deadline.")}
    judged.update({(RULE_OF_KIND[d.kind], d.subject_id, d.due_on, d.reason): (d, None)
                   for d in result.case_deadlines
                   if RULE_OF_KIND[d.kind].startswith("deadline.")})
    assert len(findings) == len(judged)
    mapping = {DeadlineStatus.MET_ON_TIME: Outcome.MET, DeadlineStatus.OVERDUE: Outcome.NOT_MET,
               DeadlineStatus.UPCOMING: Outcome.NOT_APPLICABLE}
    facts = {f: {fact.label: fact.value for fact in f.facts} for f in findings}
    for finding in findings:
        deadline, child_id = judged[(finding.rule, finding.subject_id, facts[finding]["due"],
                                     finding.explanation)]
        if deadline.status in mapping:
            assert mapping[deadline.status] == finding.outcome
        assert deadline.source == finding.source
        assert deadline.components == finding.components
        assert finding.child_id == child_id
        assert facts[finding].get("met on") == deadline.met_on


def test_monthly_duties_are_judged_by_the_visit_and_staffing_rules_only() -> None:
    """The schedule lists monthly visits and staffing; no ``deadline.*`` rule judges them
    (one implementation: ``visits.*`` and ``staffing.*``)."""
    ids = {info.id for info in select("deadline.*")}
    monthly = {kind for kind, rule in RULE_OF_KIND.items() if not rule.startswith("deadline.")}
    assert {RULE_OF_KIND[kind] for kind in monthly} == {
        "visits.child_monthly", "visits.parent_frequency", "staffing.monthly"}
    assert not {f"deadline.{kind.value}" for kind in monthly} & ids
    assert {RULE_OF_KIND[kind] for kind in RULE_OF_KIND if kind not in monthly} == ids


def test_facts_are_typed() -> None:
    """Dates are dates and counts are numbers: an app reads them without parsing text."""
    findings = check_case(load_example(), policy=MS, as_of=AS_OF)
    values = {(f.rule, fact.label): fact.value for f in findings for fact in f.facts}
    assert isinstance(values[("deadline.initial_case_plan", "due")], date)
    assert isinstance(values[("visits.child_monthly", "period start")], date)
    assert type(values[("visits.child_quality", "visits judged")]) is int
    assert type(values[("staffing.monthly", "months evaluated")]) is int
    for finding in findings:
        for fact in finding.facts:
            assert type(fact.value) in (str, int, date, type(None))
            assert fact.text == ("(none)" if fact.value is None else
                                 fact.value.isoformat() if isinstance(fact.value, date)
                                 else str(fact.value))


def test_findings_name_their_child_plan_and_objective() -> None:
    """The structured subject fields: S.M.A.R.T. findings name their plan and objective,
    plan-quality findings their plan, a child's visit and deadline findings the child."""
    case = load_example()
    findings = check_case(case, policy=MS, as_of=AS_OF)
    objectives = {o.id: p.id for p in case.plans for o in p.objectives}
    for finding in findings:
        family = finding.rule.partition(".")[0]
        if family == "smart":
            assert finding.objective_id == finding.subject_id
            assert finding.plan_id == objectives[finding.subject_id]
        if family in ("goals", "concurrent", "plan"):
            assert finding.plan_id in {p.id for p in case.plans}
        if finding.rule.startswith("visits.child") or family == "visitation":
            assert finding.child_id == finding.subject_id
        if finding.rule.startswith("visits.parent"):
            assert finding.person_id == finding.subject_id
            assert finding.child_id is None
    assert any(f.child_id for f in findings if f.rule.startswith("deadline."))


# -- the JSON form ---------------------------------------------------------------------------

AS_OF = date(2026, 11, 22)
JSON_KEYS = ["rule", "outcome", "subject_id", "subject", "explanation", "facts", "components",
             "source", "person_id", "role", "child_id", "plan_id", "objective_id"]


def _plain(value: object) -> bool:
    """Whether ``value`` is made of plain JSON types only (no str or int subclasses)."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    if isinstance(value, list) and type(value) is list:
        return all(_plain(item) for item in value)
    if isinstance(value, dict) and type(value) is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


def _example_findings() -> list[tuple[str, Finding]]:
    case = load_example()
    found: list[tuple[str, Finding]] = []
    for code in PROFILES:
        policy = get_policy(code, on=AS_OF)
        found.extend((code, f) for f in check_case(case, policy=policy, as_of=AS_OF))
    return found


def test_every_example_finding_dumps_as_json_under_every_profile() -> None:
    """``json.dumps`` of ``to_json`` succeeds for every finding, under every shipped profile.

    The form is plain JSON (no enum members), parses back equal, keeps one key order, and
    ``from_json`` gives back the finding.
    """
    findings = _example_findings()
    assert {code for code, _ in findings} == set(PROFILES)
    for _code, finding in findings:
        form = finding.to_json()
        assert _plain(form)
        assert list(form) == JSON_KEYS
        assert json.loads(json.dumps(form)) == form
        assert Finding.from_json(json.loads(json.dumps(form))) == finding


def test_json_form_covers_every_field() -> None:
    """A field added to ``Finding`` must be added to its JSON form (and to this list)."""
    assert [field.name for field in attrs.fields(Finding)] == JSON_KEYS


def test_json_form_of_a_finding() -> None:
    """Codes by value, facts as label/value objects, components as codes."""
    finding = Finding(rule="smart.measurable", outcome=Outcome.NEEDS_REVIEW, subject_id="obj-1",
                      subject="objective obj-1", explanation="e",
                      facts=(Fact(label="measure", value="(none)"),),
                      components=(PracticeComponent.CASE_PLANNING,), source="seed 001")
    assert finding.to_json() == {
        "rule": "smart.measurable", "outcome": "needs_review", "subject_id": "obj-1",
        "subject": "objective obj-1", "explanation": "e",
        "facts": [{"label": "measure", "value": "(none)", "type": "text"}],
        "components": ["case_planning"], "source": "seed 001", "person_id": None, "role": None,
        "child_id": None, "plan_id": None, "objective_id": None}


def test_json_form_of_typed_facts() -> None:
    """A date fact is an ISO string typed ``date``, a count a number, no value ``null``;
    ``from_json`` gives the typed values back."""
    finding = Finding(rule="deadline.initial_case_plan", outcome=Outcome.MET, subject_id="c",
                      subject="c", explanation="e",
                      facts=(Fact(label="due", value=date(2028, 2, 29)),
                             Fact(label="visits", value=3), Fact(label="met on", value=None)))
    form = finding.to_json()
    assert form["facts"] == [{"label": "due", "value": "2028-02-29", "type": "date"},
                             {"label": "visits", "value": 3, "type": "integer"},
                             {"label": "met on", "value": None, "type": "none"}]
    assert Finding.from_json(json.loads(json.dumps(form))) == finding


def test_from_json_leaves_out_optional_fields() -> None:
    """``facts``, ``components`` and ``source`` default to empty."""
    data = {"rule": "r", "outcome": "met", "subject_id": "x", "subject": "x", "explanation": "e"}
    expected = Finding(rule="r", outcome=Outcome.MET, subject_id="x", subject="x",
                       explanation="e")
    assert Finding.from_json(data) == expected


@pytest.mark.parametrize(("change", "message"), [
    ({"outcome": "passed"}, "unknown outcome 'passed'; known: met, not_met, "
                            "not_applicable, needs_review @ $.outcome"),
    ({"outcome": 1}, "expected a string, found an integer @ $.outcome"),
    ({"rule": None}, "expected a string, found null @ $.rule"),
    ({"facts": {"label": "a"}}, "expected an array, found an object with 1 field @ $.facts"),
    ({"facts": ["a"]}, "expected an object with label, value and type, found a string of 1 "
                       "character @ $.facts[0]"),
    ({"facts": [{"label": "a"}]}, "required field missing @ $.facts[0].value"),
    ({"facts": [{"label": "a", "value": 3}]}, "expected a text value, found an integer "
                                              "@ $.facts[0].value"),
    ({"facts": [{"label": "a", "value": "2026-02-30", "type": "date"}]},
     "expected an ISO date (YYYY-MM-DD), found a string @ $.facts[0].value"),
    ({"facts": [{"label": "a", "value": 1, "type": "float"}]},
     "unknown fact type 'float'; known: text, integer, date, none @ $.facts[0].type"),
    ({"facts": [{"label": "a", "value": "b", "unit": "c"}]}, "unknown field 'unit' "
                                                             "@ $.facts[0].unit"),
    ({"components": ["planning"]}, "unknown practice-model component 'planning'; known: "
     "mobilizing_services, safety_and_risk, involving_families, strengths_and_needs, "
     "preserving_connections, case_planning @ $.components[0]"),
    ({"title": "t"}, "unknown field 'title' @ $.title"),
])
def test_from_json_names_the_field(change: dict[str, object], message: str) -> None:
    """Bad input raises the library's error, naming the field."""
    data = {"rule": "r", "outcome": "met", "subject_id": "x", "subject": "x",
            "explanation": "e", **change}
    with pytest.raises(RecordStructureError) as caught:
        Finding.from_json(data)
    assert caught.value.messages == [message]


def test_from_json_reports_every_problem() -> None:
    """Missing fields and a non-object are reported with their paths, all at once."""
    with pytest.raises(RecordStructureError) as caught:
        Finding.from_json({"rule": "r"})
    assert caught.value.messages == [
        f"required field missing @ $.{key}"
        for key in ("outcome", "subject_id", "subject", "explanation")]
    with pytest.raises(RecordStructureError, match=r"found an array of 0 items @ \$"):
        Finding.from_json([])


_TEXT = st.text(max_size=20)
_FINDINGS = st.builds(
    Finding, rule=_TEXT, outcome=st.sampled_from(Outcome), subject_id=_TEXT, subject=_TEXT,
    explanation=_TEXT,
    facts=st.lists(st.builds(Fact, label=_TEXT,
                             value=_TEXT | st.integers() | st.dates() | st.none()),
                   max_size=4).map(tuple),
    components=st.lists(st.sampled_from(PracticeComponent), max_size=6).map(tuple),
    source=_TEXT, person_id=st.none() | _TEXT, role=st.none() | _TEXT,
    child_id=st.none() | _TEXT, plan_id=st.none() | _TEXT, objective_id=st.none() | _TEXT)


@given(_FINDINGS)
def test_json_form_round_trips(finding: Finding) -> None:
    """``from_json(json.loads(json.dumps(to_json(f)))) == f`` for any finding."""
    text = json.dumps(finding.to_json())
    assert Finding.from_json(json.loads(text)) == finding


def test_docs_show_a_real_finding() -> None:
    """The JSON example on the findings page is what ``to_json`` gives for the example case."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "explanation" /
            "findings.md").read_text(encoding="utf-8")
    shown = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    findings = check_case(load_example(), policy=get_policy("MS", on=AS_OF), as_of=AS_OF)
    finding = next(f for f in findings
                   if (f.rule, f.subject_id) == ("smart.specific", "obj-marcus-assessment"))
    assert shown == finding.to_json()


def test_a_bad_finding_is_called_a_finding_and_pickles() -> None:
    """from_json's error says it is about a finding, not a case record, and survives pickling
    (as errors sent back from worker processes must)."""
    import pickle

    from practicemodel.errors import RecordStructureError

    with pytest.raises(RecordStructureError) as caught:
        Finding.from_json({"rule": 3})
    assert "problems in the finding:" in str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)
