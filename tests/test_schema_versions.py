"""Schema versions: version 2 is written; version-1 records still load (the migration).

Version 2 added the facts the CFSR items read (reports, screenings, well-being needs,
connections, ICWA inquiries, relative searches; placement and plan fields). A version-1
record is read as version 2 with those empty or "not recorded"; one that gives a field
only version 2 has is refused, naming the field, on both loading paths.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from practicemodel._bulk import decoder
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan
from practicemodel.errors import RecordStructureError, SchemaVersionError
from practicemodel.example import load_example
from practicemodel.placement import Placement
from practicemodel.serialization import (
    ADDED_IN_VERSION_2,
    SCHEMA_VERSION,
    SUPPORTED_SCHEMA_VERSIONS,
    dump_case,
    dumps_case,
    iter_jsonl,
    load_case,
    loads_case,
)
from practicemodel.wellbeing import Screening, WellBeingArea

V1_FIXTURE = Path(__file__).parent / "data" / "wilson_family_v1.json"


def _v1() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(V1_FIXTURE.read_text(encoding="utf-8"))
    return data


def _placement_as_version_1(placement: Placement) -> Placement:
    """``placement`` with every field version 2 added at its default ("not recorded")."""
    return attrs.evolve(placement, move_reason=None, temporary=False, at_risk=False,
                        near_home=None, sibling_separation_reason=None,
                        icwa_preferences_met=None)


def _plan_as_version_1(plan: CasePlan) -> CasePlan:
    """``plan`` with every field version 2 added at its default ("not recorded")."""
    return attrs.evolve(plan, youth_chosen_member_ids=(),
                        minimum_sufficient_level_of_care=None, transition_plan=None)


def _without_version_2_facts(case: Case) -> Case:
    """``case`` as a version-1 writer could have recorded it: every version-2 collection
    empty, every version-2 placement and plan field at its default."""
    episodes = [attrs.evolve(e, placements=[_placement_as_version_1(p) for p in e.placements])
                for e in case.removal_episodes]
    plans = [_plan_as_version_1(p) for p in case.plans]
    assert ADDED_IN_VERSION_2 == ("reports", "screenings", "well_being_needs", "connections",
                                  "icwa_inquiries", "relative_searches")  # cleared below
    return attrs.evolve(case, removal_episodes=episodes, plans=plans, reports=(),
                        screenings=(), well_being_needs=(), connections=(), icwa_inquiries=(),
                        relative_searches=())


def test_the_library_writes_version_2_and_reads_1_and_2() -> None:
    """Version 2 is written; versions 1 and 2 are read."""
    assert (SCHEMA_VERSION, sorted(SUPPORTED_SCHEMA_VERSIONS)) == ("2", ["1", "2"])
    assert dump_case(load_example())["schema_version"] == "2"


def test_the_example_carries_every_version_2_fact() -> None:
    """Today's example records facts of every kind version 2 added: each new collection,
    some new placement field and some new plan field (so the next test compares more than
    two equal version-1 cases)."""
    example = load_example()
    assert all(getattr(example, name) for name in ADDED_IN_VERSION_2)
    placements = [p for e in example.removal_episodes for p in e.placements]
    assert placements != [_placement_as_version_1(p) for p in placements]
    assert list(example.plans) != [_plan_as_version_1(p) for p in example.plans]
    assert _without_version_2_facts(example) != example


def test_the_version_1_fixture_loads_as_the_example_without_version_2_facts() -> None:
    """The Wilson example as version 1 wrote it (the fixture is the file shipped before
    version 2) loads to today's example with the version-2 facts removed: the migration adds
    nothing and loses nothing, and the example changed only by gaining version-2 facts."""
    data = _v1()
    assert data["schema_version"] == "1"
    case = load_case(data, source="wilson_family_v1.json")
    assert case == _without_version_2_facts(load_example())
    assert (case.reports, case.screenings, case.relative_searches) == ((), (), ())
    assert all(p.move_reason is None for e in case.removal_episodes for p in e.placements)
    assert all(p.minimum_sufficient_level_of_care is None and p.transition_plan is None
               for p in case.plans)


def test_a_migrated_record_is_written_back_as_version_2() -> None:
    """Loading version 1 and dumping writes version 2 with the same fields (every new
    field is left at its default and omitted)."""
    data = _v1()
    written = dump_case(load_case(data))
    assert written["schema_version"] == "2"
    assert {k: v for k, v in written.items() if k != "schema_version"} == {
        k: v for k, v in data.items() if k != "schema_version"}


@pytest.mark.parametrize("field", ADDED_IN_VERSION_2)
def test_a_version_1_record_with_a_version_2_field_is_refused(field: str) -> None:
    """A version-1 writer cannot have written a version-2 field: the record is refused with
    a SchemaVersionError naming the field, not silently read."""
    data = _v1()
    data[field] = []
    with pytest.raises(SchemaVersionError) as info:
        load_case(data, source="old.json")
    assert info.value.messages == [
        f'field new in schema version 2; this record says schema_version "1" (write "2" to '
        f"use it) @ $.{field}"]


def test_the_bulk_path_reads_version_1_and_refuses_version_2_fields_alike() -> None:
    """JSON Lines go through the fast decoder: a version-1 line loads to the same case as
    on the detailed path; a version-1 line with a version-2 field gets the detailed path's
    error."""
    assert decoder() is not None
    v1_line = json.dumps(_v1())
    screening = Screening(id="scr-1", child_id="ava", area=WellBeingArea.DENTAL_HEALTH,
                          completed_on=load_example().opened_on)
    v2 = attrs.evolve(_without_version_2_facts(load_example()), screenings=(screening,))
    bad = json.loads(dumps_case(v2))
    bad["schema_version"] = "1"
    lines = [v1_line, dumps_case(v2, indent=None), json.dumps(bad)]
    errors: list[RecordStructureError] = []
    loaded = list(iter_jsonl(lines, on_error=errors.append))
    assert loaded == [_without_version_2_facts(load_example()), v2]
    (error,) = errors
    assert isinstance(error, SchemaVersionError)
    assert errors[0].messages[0].endswith("@ $.screenings")


def test_version_2_round_trips_the_new_facts() -> None:
    """A case with version-2 facts is written as version 2 and reads back equal: one with a
    single new fact, and the example with all of them."""
    example = load_example()
    assert loads_case(dumps_case(example)) == example
    screening = Screening(id="scr-1", child_id="ava", area=WellBeingArea.DENTAL_HEALTH,
                          completed_on=load_example().opened_on)
    case = attrs.evolve(load_example(), screenings=(screening,))
    assert loads_case(dumps_case(case)) == case
