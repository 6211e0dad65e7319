"""Tests for the built-in example and the scripts in ``examples/``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from practicemodel import dumps_case
from practicemodel.example import example_json, load_example
from practicemodel.findings import Outcome
from practicemodel.policy import get_policy
from practicemodel.review import CFSR_INSTRUMENT, ReviewRating, rate_case
from practicemodel.summary import summarize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def _build() -> object:
    spec = importlib.util.spec_from_file_location("wilson_family", ROOT / "examples" /
                                                  "wilson_family.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_wilson_family()


def test_shipped_json_matches_the_builder() -> None:
    """The package data is exactly what ``examples/wilson_family.py`` builds."""
    built = _build()
    assert built == load_example()
    assert dumps_case(built) + "\n" == example_json()  # type: ignore[arg-type]


def test_example_covers_the_model() -> None:
    """A rule can find, for a child, episodes, plans, objectives, services, events, visits."""
    case = load_example()
    assert [e.id for e in case.episodes_for("leo")] == ["ep-leo-1"]
    assert [p.id for p in case.plans_for("ava")] == ["plan-1", "plan-2"]
    assert len(case.objectives_for("marcus")) == 4
    assert {s.id for s in case.services_for("ava")} == {"svc-ava-counseling"}
    assert case.involvement_of("marcus")[0].id == "inv-ftdm-1"
    assert len(case.contacts_with("ava")) == 9
    assert len(case.visits_of("leo")) == 10
    assert {r.adult_id for r in case.relationships_of("leo")} == {
        "dana", "marcus", "ruth", "ellen", "ava"}


def test_example_is_fictional_and_valid_json() -> None:
    """The example is valid JSON with the schema version first."""
    data = json.loads(example_json())
    assert next(iter(data)) == "schema_version"
    assert data["people"][0]["name"] == "Dana Wilson"


def test_summary_mentions_children_plans_and_counts() -> None:
    """The summary names the children, the plan versions and the record counts."""
    text = summarize(load_example())
    assert "Ava Wilson (ava), born 2018-06-14" in text
    assert "plan-2: update plan of 2026-09-21, goal return home" in text
    assert "21 caseworker contacts, 20 family visits, 8 supervisory staffings" in text


def test_the_example_teaches_the_cfsr_items_its_version_2_facts_decide() -> None:
    """What the example's docstring says its version-2 facts show on the CFSR Round 3
    instrument as of 2026-11-22, and why: item 1 a Strength (the report was answered in time),
    4 (Leo's move was planned), 10 (placed with their grandmother) and 18 (Ava screened,
    counseled, re-screened) Strengths; 9 (visits with the paternal aunt lapsed), 16 (Leo's
    speech therapy began after 60 days) and 17 (Leo's six-month dental check missed) Areas
    Needing Improvement."""
    as_of = date(2026, 11, 22)
    review = rate_case(load_example(), policy=get_policy("MS", as_of), as_of=as_of,
                       instrument=CFSR_INSTRUMENT)
    rated = {item.cfsr_item: r for item, r in
             zip(CFSR_INSTRUMENT.items, review.ratings, strict=True)}
    s, ani = ReviewRating.STRENGTH, ReviewRating.AREA_NEEDING_IMPROVEMENT
    assert {n: rated[n].rating for n in (1, 4, 9, 10, 16, 17, 18)} == {
        1: s, 4: s, 9: ani, 10: s, 16: ani, 17: ani, 18: s}
    not_met = {n: sorted((f.rule, f.subject_id) for f in rated[n].findings
                         if f.outcome not in {Outcome.MET, Outcome.NOT_APPLICABLE})
               for n in (9, 16, 17)}
    assert not_met == {
        9: [("connections.maintained", "ava"), ("connections.maintained", "leo")],
        16: [("education.needs_served", "wb-leo-speech")],
        17: [("health.dental_exam", "leo")]}


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_scripts_run(script: Path) -> None:
    """Every script in ``examples/`` runs to completion."""
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
