"""FHIR R4: a case as a validated Bundle, and Goals and CarePlans back, losslessly."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.encounter import Encounter
from fhir.resources.R4B.goal import Goal
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.relatedperson import RelatedPerson
from fhir.resources.R4B.servicerequest import ServiceRequest
from hypothesis import HealthCheck, given, settings

from practicemodel import fhir
from practicemodel.case import Case
from practicemodel.caseplan import AftercarePlan, CasePlan, ServiceObjective
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    MissingExtraError,
    RecordStructureError,
)
from practicemodel.example import load_example
from practicemodel.people import Person, Relationship
from practicemodel.periods import Period
from practicemodel.services import Service
from practicemodel.strategies import cases
from practicemodel.synthetic import generate_cases
from practicemodel.visits import CaseworkerContact, FamilyVisit

MODELS = {m.__name__: m for m in (Patient, RelatedPerson, CarePlan, Goal, ServiceRequest,
                                   Encounter, Condition)}


@pytest.fixture(scope="module")
def example() -> Case:
    return load_example()


@pytest.fixture(scope="module")
def bundle(example: Case) -> dict[str, Any]:
    return fhir.case_to_bundle(example)


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_example_bundle_validates_with_fhir_resources(bundle: dict[str, Any]) -> None:
    """The whole Bundle, and each resource on its own, pass the R4B models."""
    Bundle.model_validate(bundle)
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == set(MODELS)
    for entry in bundle["entry"]:
        MODELS[entry["resource"]["resourceType"]].model_validate(entry["resource"])
    assert bundle["type"] == "collection"


def test_example_bundle_holds_every_record(example: Case, bundle: dict[str, Any]) -> None:
    """One Patient per child, RelatedPerson per relationship, Goal per objective, CarePlan
    per plan version, ServiceRequest per service, Encounter per contact and visit."""
    count = {k: len(_resources(bundle, k)) for k in MODELS}
    assert count["Patient"] == len(example.child_ids)
    assert count["RelatedPerson"] == len(example.relationships)
    assert count["Goal"] == sum(len(p.objectives) for p in example.plans)
    assert count["CarePlan"] == len(example.plans)
    assert count["ServiceRequest"] == len(example.services)
    assert count["Encounter"] == len(example.contacts) + len(example.family_visits)


def test_our_checks_pass_on_the_example(bundle: dict[str, Any]) -> None:
    """validate_bundle (codes, invariants, references) finds nothing in the example."""
    fhir.validate_bundle(bundle)
    for entry in bundle["entry"]:
        fhir.validate_resource(entry["resource"])


def test_references_resolve_inside_the_bundle(bundle: dict[str, Any]) -> None:
    """Every reference with a ``reference`` names an entry's fullUrl, and ids agree."""
    full_urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = [m["reference"] for m in _dicts(bundle) if isinstance(m.get("reference"), str)]
    assert refs
    assert set(refs) <= full_urls
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in bundle["entry"])


def _dicts(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value, *(d for v in value.values() for d in _dicts(v))]
    if isinstance(value, list):
        return [d for v in value for d in _dicts(v)]
    return []


def test_output_is_deterministic(example: Case, bundle: dict[str, Any]) -> None:
    """The same case gives the same JSON, also from a fresh load."""
    assert json.dumps(fhir.case_to_bundle(load_example())) == json.dumps(bundle)


def test_status_mapping_of_plans_and_goals(bundle: dict[str, Any]) -> None:
    """The replaced plan version is revoked and the current one active; lifecycle and
    achievement are kept apart."""
    plans = {p["identifier"][0]["value"]: p for p in _resources(bundle, "CarePlan")}
    assert plans["plan-1"]["status"] == "revoked"
    assert plans["plan-2"]["status"] == "active"
    assert plans["plan-2"]["replaces"][0]["identifier"]["value"] == "plan-1"
    goal = next(g for g in _resources(bundle, "Goal")
                if g["identifier"][0]["value"] == "obj-marcus-sobriety-2")
    assert goal["lifecycleStatus"] == "active"
    assert goal["achievementStatus"]["coding"][0]["code"] == "no-progress"
    assert goal["target"][0]["dueDate"] == "2027-03-21"


def test_every_objective_of_the_example_round_trips(example: Case) -> None:
    """goal_to_objective(objective_to_goal(o)) == o for every objective."""
    for plan in example.plans:
        for objective in plan.objectives:
            goal = fhir.objective_to_goal(objective, case=example)
            assert fhir.goal_to_objective(goal) == objective


def test_every_plan_version_of_the_example_round_trips(example: Case) -> None:
    """careplan_to_plan(plan_to_careplan(p), goals) == p for every plan version."""
    for plan in example.plans:
        goals = [fhir.objective_to_goal(o, case=example) for o in plan.objectives]
        careplan = fhir.plan_to_careplan(plan, case=example)
        assert fhir.careplan_to_plan(careplan, goals) == plan


def test_plans_from_bundle_gives_back_every_plan(example: Case,
                                                 bundle: dict[str, Any]) -> None:
    """The plans read from the Bundle equal the case's plans."""
    assert fhir.plans_from_bundle(bundle) == example.plans


def test_synthetic_cases_round_trip() -> None:
    """Synthetic cases: the Bundle validates and every plan comes back equal."""
    for case in generate_cases(8, seed="fhir"):
        bundle = fhir.case_to_bundle(case)
        assert fhir.plans_from_bundle(bundle) == case.plans


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_case_round_trips(case: Case) -> None:
    """For any case with a child, the Bundle validates and its plans come back equal."""
    if not case.child_ids:
        return
    assert fhir.plans_from_bundle(fhir.case_to_bundle(case)) == case.plans


def test_timeframes_round_trip_exact_and_calendar(example: Case) -> None:
    """A timeframe in weeks is a dueDuration; one in months an extension; both come back."""
    plan = example.plans[0]
    base = plan.objectives[0]
    for timeframe, exact in ((Period(6, "weeks"), True), (Period(3, "months"), False)):
        objective = attrs.evolve(base, due_on=None, timeframe=timeframe)
        case = attrs.evolve(example, plans=(
            attrs.evolve(plan, objectives=(objective, *plan.objectives[1:])),
            *example.plans[1:]))
        goal = fhir.objective_to_goal(objective, case=case)
        assert ("dueDuration" in goal["target"][0]) is exact
        assert fhir.goal_to_objective(goal) == objective


def test_strings_fhir_cannot_hold_round_trip(example: Case) -> None:
    """An empty text in a list, and a measure of only a no-break space, come back."""
    plan = example.plans[1]
    objective = attrs.evolve(plan.objectives[0], measure="\xa0")
    changed = attrs.evolve(plan, objectives=(objective, *plan.objectives[1:]),
                           aftercare=AftercarePlan(vulnerabilities=("", "x")))
    case = attrs.evolve(example, plans=(example.plans[0], changed))
    bundle = fhir.case_to_bundle(case)
    assert fhir.plans_from_bundle(bundle) == case.plans


# -- negative tests: our checks fail on hand-broken resources ------------------------------


def _goal(bundle: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(_resources(bundle, "Goal")[0])


def _problems(resource: dict[str, Any]) -> str:
    with pytest.raises(RecordStructureError) as info:
        fhir.validate_resource(resource)
    return str(info.value)


def test_gol_1_detail_without_measure_fails(bundle: dict[str, Any]) -> None:
    """A Goal target with a detail but no measure breaks gol-1."""
    goal = _goal(bundle)
    del goal["target"][0]["measure"]
    text = _problems(goal)
    assert "gol-1" in text
    assert "target[0]" in text


def test_unknown_lifecycle_status_fails(bundle: dict[str, Any]) -> None:
    """A lifecycleStatus outside the required list is named with its value."""
    goal = _goal(bundle)
    goal["lifecycleStatus"] = "sleeping"
    assert "'sleeping'" in _problems(goal)


def test_unknown_code_and_system_fail(bundle: dict[str, Any]) -> None:
    """A code not in its system, and a system not in the table, are refused."""
    goal = _goal(bundle)
    goal["achievementStatus"]["coding"][0]["code"] = "almost"
    assert "'almost'" in _problems(goal)
    goal = _goal(bundle)
    goal["achievementStatus"]["coding"][0]["system"] = "http://example.org/mine"
    assert "http://example.org/mine" in _problems(goal)


def test_cpl_3_reference_and_detail_fails(bundle: dict[str, Any]) -> None:
    """A CarePlan activity with both reference and detail breaks cpl-3."""
    careplan = copy.deepcopy(_resources(bundle, "CarePlan")[0])
    careplan["activity"][0]["detail"] = {"status": "unknown"}
    assert "cpl-3" in _problems(careplan)


def test_relationship_code_is_checked(bundle: dict[str, Any]) -> None:
    """A RelatedPerson relationship code outside v3 RoleCode's table is refused."""
    person = copy.deepcopy(_resources(bundle, "RelatedPerson")[0])
    person["relationship"][0]["coding"][0]["code"] = "MOTHERISH"
    assert "'MOTHERISH'" in _problems(person)


def test_encounter_class_and_period_are_checked(bundle: dict[str, Any]) -> None:
    """An unknown Encounter class and a period ending before it starts are refused."""
    encounter = copy.deepcopy(_resources(bundle, "Encounter")[0])
    encounter["class"]["code"] = "SPACE"
    encounter["period"] = {"start": "2026-02-16", "end": "2026-02-15"}
    text = _problems(encounter)
    assert "'SPACE'" in text
    assert "per-1" in text


def test_extension_with_value_and_children_fails(bundle: dict[str, Any]) -> None:
    """An extension holding a value and sub-extensions breaks ext-1."""
    goal = _goal(bundle)
    goal["extension"][0]["extension"] = [{"url": "x", "valueString": "y"}]
    assert "ext-1" in _problems(goal)


def test_fhir_resources_errors_are_reported_with_paths(bundle: dict[str, Any]) -> None:
    """A structural mistake (missing Goal.description) is reported with its path."""
    goal = _goal(bundle)
    del goal["description"]
    assert "description" in _problems(goal)


def test_bundle_checks_fail_on_dangling_reference_and_duplicate(
        bundle: dict[str, Any]) -> None:
    """A reference to no entry, and a repeated fullUrl, are refused (bdl-7)."""
    broken = copy.deepcopy(bundle)
    broken["entry"][5]["resource"]["patient"]["reference"] = "urn:uuid:nobody"
    broken["entry"].append(copy.deepcopy(broken["entry"][0]))
    with pytest.raises(RecordStructureError) as info:
        fhir.validate_bundle(broken)
    text = str(info.value)
    assert "urn:uuid:nobody" in text
    assert "bdl-7" in text
    assert info.value.record == "FHIR Bundle"


# -- the way back refuses what it cannot read ----------------------------------------------


def test_goal_without_identifier_is_refused(bundle: dict[str, Any]) -> None:
    """A Goal without the objective identifier names the path."""
    goal = _goal(bundle)
    del goal["identifier"]
    with pytest.raises(RecordStructureError, match=r"identifier"):
        fhir.goal_to_objective(goal)


def test_goal_with_unknown_extension_is_refused(bundle: dict[str, Any]) -> None:
    """An extension the mapping does not write is refused, not dropped."""
    goal = _goal(bundle)
    goal.setdefault("extension", []).append({"url": "http://example.org/x",
                                             "valueString": "y"})
    with pytest.raises(RecordStructureError, match=r"unknown extension"):
        fhir.goal_to_objective(goal)


def test_goal_with_lifecycle_outside_the_model_is_refused(bundle: dict[str, Any]) -> None:
    """FHIR's 'planned' has no objective lifecycle."""
    goal = _goal(bundle)
    goal["lifecycleStatus"] = "planned"
    with pytest.raises(RecordStructureError, match=r"'planned'"):
        fhir.goal_to_objective(goal)


def test_careplan_missing_its_goal_is_refused(bundle: dict[str, Any]) -> None:
    """A CarePlan whose Goal is not given names the objective."""
    careplan = _resources(bundle, "CarePlan")[0]
    with pytest.raises(RecordStructureError, match=r"no Goal given"):
        fhir.careplan_to_plan(careplan, [])


def test_bad_arguments_are_typed_errors(example: Case) -> None:
    """Wrong kinds are InvalidInputError; an objective of another case InvalidArgumentError."""
    with pytest.raises(InvalidInputError):
        fhir.case_to_bundle({"id": "x"})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        fhir.goal_to_objective([])  # type: ignore[arg-type]
    stranger = ServiceObjective(id="obj-elsewhere", statement="Somebody else's objective")
    with pytest.raises(InvalidArgumentError, match="obj-elsewhere"):
        fhir.objective_to_goal(stranger, case=example)


# -- the extra -----------------------------------------------------------------------------


def test_missing_fhir_resources_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                                example: Case) -> None:
    """Without fhir.resources, building a Bundle raises MissingExtraError with the command."""
    for name in [m for m in sys.modules if m == "fhir" or m.startswith("fhir.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fhir", None)
    with pytest.raises(MissingExtraError, match=r'pip install "practicemodel\[fhir\]"'):
        fhir.case_to_bundle(example)


def test_reading_back_needs_no_fhir_resources(monkeypatch: pytest.MonkeyPatch,
                                              example: Case, bundle: dict[str, Any]) -> None:
    """goal_to_objective and plans_from_bundle read plain JSON without the extra."""
    for name in [m for m in sys.modules if m == "fhir" or m.startswith("fhir.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fhir", None)
    assert fhir.plans_from_bundle(bundle) == example.plans


def test_importing_practicemodel_fhir_does_not_import_fhir_resources() -> None:
    """``import practicemodel.fhir`` stays light: fhir.resources loads on first use."""
    code = ("import practicemodel, practicemodel.fhir, sys; "
            "print(any(m == 'fhir' or m.startswith('fhir.') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# -- the command line ----------------------------------------------------------------------


def test_cli_prints_the_example_bundle(bundle: dict[str, Any]) -> None:
    """``practicemodel fhir --example`` prints the Bundle and nothing else."""
    import io

    from practicemodel.cli import main

    out = io.StringIO()
    assert main(["fhir", "--example"], stdout=out) == 0
    assert json.loads(out.getvalue()) == bundle


def test_cli_writes_the_bundle_of_a_file(tmp_path: Any, bundle: dict[str, Any],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """``practicemodel fhir CASE.json --out BUNDLE.json`` writes the file and says so."""
    from practicemodel.cli import main
    from practicemodel.example import example_json

    case_file = tmp_path / "wilson.json"
    case_file.write_text(example_json(), encoding="utf-8")
    target = tmp_path / "bundle.json"
    assert main(["fhir", str(case_file), "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == bundle
    assert f"wrote {target}" in capsys.readouterr().err


def test_cli_without_fhir_resources_names_the_extra(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the extra the command exits 2 naming the install command."""
    from practicemodel.cli import main

    for name in [m for m in sys.modules if m == "fhir" or m.startswith("fhir.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "fhir", None)
    assert main(["fhir", "--example"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("practicemodel fhir: fhir.resources is needed")
    assert 'pip install "practicemodel[fhir]"' in err


# -- the mapping page lists every field ----------------------------------------------------


@pytest.mark.parametrize("cls", [ServiceObjective, CasePlan, Service, CaseworkerContact,
                                 FamilyVisit, Person, Relationship, Case],
                         ids=lambda cls: cls.__name__)
def test_mapping_page_names_every_field(cls: type) -> None:
    """docs/reference/fhir-mapping.md names each field of each class the mapping reads, so
    nothing is lost without the page saying so."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference" /
            "fhir-mapping.md").read_text(encoding="utf-8")
    missing = [f.name for f in attrs.fields(cls)
               if f"`{f.name}`" not in page and not f.name.startswith("tpr_")]
    assert missing == []


def test_the_how_to_runs() -> None:
    """The Python blocks of docs/how-to/fhir.md run, in order, in one namespace."""
    import re

    page = (Path(__file__).resolve().parent.parent / "docs" / "how-to" /
            "fhir.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    assert len(blocks) == 3
    namespace: dict[str, Any] = {}
    for block in blocks:
        exec(compile(block, "docs/how-to/fhir.md", "exec"), namespace)  # the docs' code
    assert namespace["plans"] == namespace["case"].plans


def test_relationship_codes_name_their_code_system(example: Case) -> None:
    """Parents are v3 RoleCode codes; a legal guardian is GUARD of v3 RoleClass (RoleCode
    has no guardian), and the validator knows which system holds which code."""
    from practicemodel.people import RelationshipKind

    first = example.relationships[0]
    guardian = attrs.evolve(first, kind=RelationshipKind.LEGAL_GUARDIAN, parent_role=None,
                            adoption_finalized=None, foster_home=None, parental_rights=None)
    case = attrs.evolve(example, relationships=(guardian, *example.relationships[1:]))
    codings = {(c["system"], c["code"])
               for entry in fhir.case_to_bundle(case)["entry"]
               if entry["resource"]["resourceType"] == "RelatedPerson"
               for c in entry["resource"]["relationship"][0]["coding"]}
    assert ("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "GUARD") in codings
    assert not any(code == "GUARD" and system.endswith("v3-RoleCode")
                   for system, code in codings)
    wrong = copy.deepcopy(fhir.case_to_bundle(case))
    for entry in wrong["entry"]:
        for c in entry["resource"].get("relationship", [{}])[0].get("coding", []):
            if c["code"] == "GUARD":
                c["system"] = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
    with pytest.raises(RecordStructureError, match="GUARD"):
        fhir.validate_bundle(wrong)
