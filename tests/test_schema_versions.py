"""Schema versions: the newest is written; every older one loads through the migration chain.

Version 2 added the facts the CFSR items read (reports, screenings, well-being needs,
connections, ICWA inquiries, relative searches; placement and plan fields). A version-1
record is read as version 2 with those empty or "not recorded"; one that gives a field
only version 2 has is refused, naming the field, on both loading paths.

Fixtures of every version read live in ``tests/data/schema_versions/v<N>/``, one record per
file, and are never rewritten: they are what that version's writer wrote. Each name has a
record of the newest version, and a fixture of an older version holds the same case as a
writer of that version could have recorded it (``AS_VERSION``). The version-2 files were
written by ``dumps_case`` when version 2 was current: the Wilson example, two synthetic
cases (``generate_cases(60, seed=2026)``, ``syn-2026-0000004`` and ``-0000049``), two more
with their version-2 facts removed (``-0000043`` and ``-0000057``) and a minimal case. The
version-1 files are the Wilson example as version 1 wrote it, and the three version-2
files without version-2 content with their ``schema_version`` changed to ``"1"`` by hand.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from practicemodel._bulk import decoder
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan
from practicemodel.errors import Problem, RecordStructureError, SchemaVersionError
from practicemodel.example import load_example
from practicemodel.migrations import (
    MIGRATIONS,
    Migration,
    _chain,
    _fast_versions,
    _migrate,
    migrate,
    unchanged,
)
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
    read_case,
)
from practicemodel.strategies import cases
from practicemodel.wellbeing import Screening, WellBeingArea

FIXTURES = Path(__file__).parent / "data" / "schema_versions"
READS = "this library reads 1, 2"


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


AS_VERSION: dict[str, Callable[[Case], Case]] = {
    "2": lambda case: case,
    "1": _without_version_2_facts,
}
"""For each version read, a case of the newest version as a writer of that version could
have recorded it. Adding a version adds one function here (the new version's is the
identity; the one before it clears the new version's facts)."""


def _fixtures() -> list[tuple[str, str]]:
    """Every fixture as (version, name), oldest version first."""
    found = [(folder.name.removeprefix("v"), path.stem)
             for folder in FIXTURES.iterdir() if folder.is_dir()
             for path in folder.glob("*.json")]
    return sorted(found, key=lambda item: (int(item[0]), item[1]))


def _path(version: str, name: str) -> Path:
    return FIXTURES / f"v{version}" / f"{name}.json"


def _text(version: str, name: str) -> str:
    return _path(version, name).read_text(encoding="utf-8")


def _data(version: str, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_text(version, name))
    return data


def _expected(version: str, name: str) -> Case:
    """The case a fixture must load to: the newest version's record of that name, as a
    writer of ``version`` could have recorded it."""
    return AS_VERSION[version](loads_case(_text(SCHEMA_VERSION, name)))


def _bulk_errors(line: str) -> list[RecordStructureError]:
    """The errors ``iter_jsonl`` (the bulk path, with its fast decoder) reports for one line."""
    errors: list[RecordStructureError] = []
    assert list(iter_jsonl([line], on_error=errors.append, name="in.jsonl")) == []
    return errors


# -- versions and fixtures ------------------------------------------------------------------


def test_the_library_writes_version_2_and_reads_1_and_2() -> None:
    """Version 2 is written; versions 1 and 2 are read."""
    assert (SCHEMA_VERSION, sorted(SUPPORTED_SCHEMA_VERSIONS)) == ("2", ["1", "2"])
    assert dump_case(load_example())["schema_version"] == "2"


def test_the_chain_goes_from_the_first_version_to_the_one_written() -> None:
    """The migration chain reads every supported version and ends at the version written;
    version 2's added fields are the first step's."""
    assert MIGRATIONS[-1].to_version == SCHEMA_VERSION
    versions = [MIGRATIONS[0].from_version, *(step.to_version for step in MIGRATIONS)]
    assert set(versions) == SUPPORTED_SCHEMA_VERSIONS
    assert ADDED_IN_VERSION_2 is MIGRATIONS[0].added_fields


def test_every_version_read_has_fixtures() -> None:
    """Each supported version has at least one fixture and a way to say what it can hold,
    and no fixture folder is of a version not read (adding a version without fixtures
    fails here)."""
    by_version: dict[str, list[str]] = {}
    for version, name in _fixtures():
        by_version.setdefault(version, []).append(name)
    assert set(by_version) == SUPPORTED_SCHEMA_VERSIONS
    assert set(AS_VERSION) == SUPPORTED_SCHEMA_VERSIONS
    assert all(by_version.values())
    assert len(by_version[SCHEMA_VERSION]) >= 3


def test_every_older_fixture_has_a_record_of_the_newest_version() -> None:
    """Each fixture of an older version names a record of the newest version, which says
    what it must load to."""
    newest = {name for version, name in _fixtures() if version == SCHEMA_VERSION}
    older = {name for version, name in _fixtures() if version != SCHEMA_VERSION}
    assert older <= newest


@pytest.mark.parametrize(("version", "name"), _fixtures())
def test_every_fixture_loads_to_its_case(version: str, name: str) -> None:
    """Each fixture loads, by ``load_case``, ``loads_case`` and ``read_case`` alike, to the
    newest version's case as its own version could hold it (a version-1 fixture is the
    version-2 case with the version-2 facts empty)."""
    data = _data(version, name)
    assert data["schema_version"] == version
    expected = _expected(version, name)
    assert load_case(data, source=name) == expected
    assert loads_case(_text(version, name)) == expected
    assert read_case(_path(version, name)) == expected


@pytest.mark.parametrize(("version", "name"), _fixtures())
def test_every_fixture_loads_alike_on_the_bulk_path(version: str, name: str) -> None:
    """The fast decoder vouches for each fixture (every migration so far only adds fields)
    and builds the detailed path's case; ``iter_jsonl`` loads the same case."""
    fast = decoder()
    assert fast is not None
    expected = load_case(_data(version, name))
    assert version in _fast_versions()
    assert fast.decode(_text(version, name)) == expected
    line = json.dumps(_data(version, name))
    assert list(iter_jsonl([line, line.encode()])) == [expected, expected]


@pytest.mark.parametrize(("version", "name"),
                         [f for f in _fixtures() if f[0] == SCHEMA_VERSION])
def test_newest_fixtures_are_what_the_writer_writes(version: str, name: str) -> None:
    """A fixture of the newest version is byte for byte what ``dumps_case`` writes."""
    assert dumps_case(loads_case(_text(version, name))) + "\n" == _text(version, name)


@pytest.mark.parametrize(("version", "name"),
                         [f for f in _fixtures() if f[0] != SCHEMA_VERSION])
def test_an_older_record_is_written_back_as_the_newest_version(version: str,
                                                               name: str) -> None:
    """Loading an older record and dumping it writes the newest version, which loads back
    to the same case; as every step so far only adds fields, with the same fields."""
    data = _data(version, name)
    case = load_case(data)
    written = dump_case(case)
    assert written["schema_version"] == SCHEMA_VERSION
    assert loads_case(dumps_case(case)) == case
    assert all(step.only_adds_fields for step in MIGRATIONS)
    assert {k: v for k, v in written.items() if k != "schema_version"} == {
        k: v for k, v in data.items() if k != "schema_version"}


# -- version 1 -> 2 --------------------------------------------------------------------------


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


def test_the_wilson_fixtures_are_the_example() -> None:
    """The Wilson example as version 1 wrote it (the file shipped before version 2) loads to
    today's example with the version-2 facts removed, and the version-2 fixture to the
    example itself: the migration adds nothing and loses nothing, and the example changed
    only by gaining version-2 facts."""
    case = load_case(_data("1", "wilson_family"), source="wilson_family.json")
    assert case == _without_version_2_facts(load_example())
    assert (case.reports, case.screenings, case.relative_searches) == ((), (), ())
    assert all(p.move_reason is None for e in case.removal_episodes for p in e.placements)
    assert all(p.minimum_sufficient_level_of_care is None and p.transition_plan is None
               for p in case.plans)
    assert loads_case(_text("2", "wilson_family")) == load_example()


@pytest.mark.parametrize("field", ADDED_IN_VERSION_2)
def test_a_version_1_record_with_a_version_2_field_is_refused(field: str) -> None:
    """A version-1 writer cannot have written a version-2 field: the record is refused with
    a SchemaVersionError naming the field, not silently read, with the same error on the
    bulk path."""
    data = _data("1", "wilson_family")
    data[field] = []
    with pytest.raises(SchemaVersionError) as info:
        load_case(data, source="old.json")
    expected = [f'field new in schema version 2; this record says schema_version "1" (write '
                f'"2" to use it) @ $.{field}']
    assert info.value.messages == expected
    (error,) = _bulk_errors(json.dumps(data))
    assert isinstance(error, SchemaVersionError)
    assert (error.messages, error.source) == (expected, "in.jsonl:1")


def test_the_bulk_path_reads_version_1_and_refuses_version_2_fields_alike() -> None:
    """JSON Lines go through the fast decoder: a version-1 line loads to the same case as
    on the detailed path; a version-1 line with a version-2 field gets the detailed path's
    error."""
    assert decoder() is not None
    v1_line = json.dumps(_data("1", "wilson_family"))
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
    with pytest.raises(SchemaVersionError):
        loads_case(json.dumps(bad))


def test_version_2_round_trips_the_new_facts() -> None:
    """A case with version-2 facts is written as version 2 and reads back equal: one with a
    single new fact, and the example with all of them."""
    example = load_example()
    assert loads_case(dumps_case(example)) == example
    screening = Screening(id="scr-1", child_id="ava", area=WellBeingArea.DENTAL_HEALTH,
                          completed_on=load_example().opened_on)
    case = attrs.evolve(load_example(), screenings=(screening,))
    assert loads_case(dumps_case(case)) == case


@given(cases())
def test_a_case_without_version_2_facts_reads_alike_as_version_1(case: Case) -> None:
    """Law: relabelling the record of a case without version-2 facts as version 1 loads the
    same case on both paths; a case with a version-2 collection is refused as version 1,
    naming exactly the collections it holds."""
    old = _without_version_2_facts(case)
    record = dump_case(old)
    record["schema_version"] = "1"
    assert load_case(record) == old
    assert list(iter_jsonl([json.dumps(record)])) == [old]
    held = [name for name in ADDED_IN_VERSION_2 if getattr(case, name)]
    relabelled = {**dump_case(case), "schema_version": "1"}
    if held:
        with pytest.raises(SchemaVersionError) as info:
            load_case(relabelled)
        assert [p.path for p in info.value.problems] == held
        assert [e.messages for e in _bulk_errors(json.dumps(relabelled))] == [
            info.value.messages]


# -- versions not read ----------------------------------------------------------------------


@pytest.mark.parametrize(("version", "message"), [
    ("3", f"unsupported schema version '3'; {READS}"),
    ("10", f"unsupported schema version '10'; {READS}"),
    ("2.0", f"unsupported schema version '2.0'; {READS}"),
    ("", f"unsupported schema version ''; {READS}"),
    (" 2", f"unsupported schema version ' 2'; {READS}"),
    (2, f'expected a version string such as "2", found an integer; {READS}'),
    (None, f'expected a version string such as "2", found null; {READS}'),
], ids=["3", "10", "2.0", "empty", "space-2", "number-2", "null"])
def test_a_version_not_read_is_refused_alike_on_both_paths(version: object,
                                                           message: str) -> None:
    """A future or garbage version is refused with a message that names the versions this
    library reads, by the detailed loader and on the bulk path, whose fast decoder does not
    vouch for it."""
    data = _data(SCHEMA_VERSION, "minimal")
    data["schema_version"] = version
    expected = [f"{message} @ $.schema_version"]
    with pytest.raises(SchemaVersionError) as info:
        load_case(data, source="case.json")
    assert (info.value.messages, info.value.source) == (expected, "case.json")
    with pytest.raises(SchemaVersionError) as info:
        loads_case(json.dumps(data))
    assert info.value.messages == expected
    (error,) = _bulk_errors(json.dumps(data))
    assert isinstance(error, SchemaVersionError)
    assert error.messages == expected
    fast = decoder()
    assert fast is not None
    with pytest.raises(Exception):  # noqa: B017, PT011 - any exception: "not vouched for"
        fast.decode(json.dumps(data))


def test_a_record_without_a_version_is_refused_alike_on_both_paths() -> None:
    """A record without ``schema_version`` is refused naming the versions read, on both
    paths."""
    data = _data(SCHEMA_VERSION, "minimal")
    del data["schema_version"]
    expected = [f"required field missing ({READS}) @ $.schema_version"]
    with pytest.raises(SchemaVersionError) as info:
        load_case(data)
    assert info.value.messages == expected
    assert [e.messages for e in _bulk_errors(json.dumps(data))] == [expected]


# -- the migration chain --------------------------------------------------------------------


def test_migrate_returns_a_new_record_of_the_newest_version() -> None:
    """``migrate`` leaves its argument as it was and returns a new dict of the newest
    version, ``schema_version`` first, for an older record and a current one alike."""
    for version in ("1", "2"):
        data = _data(version, "synthetic_foster_care_v1_facts")
        data = {**{k: v for k, v in data.items() if k != "schema_version"},
                "schema_version": version}  # the version last: the result puts it first
        before = copy.deepcopy(data)
        result = migrate(data)
        assert data == before
        assert result is not data
        assert next(iter(result)) == "schema_version"
        assert result == {**before, "schema_version": "2"}


def test_migrate_refuses_what_is_not_an_object() -> None:
    """A JSON value that is not an object is not a case record."""
    with pytest.raises(RecordStructureError) as info:
        migrate([1], source="x.json")
    assert not isinstance(info.value, SchemaVersionError)
    assert info.value.messages == ["a case record must be a JSON object, found an array of "
                                   "1 item @ $"]
    assert info.value.source == "x.json"


def _rename(old: str, new: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def step(record: dict[str, Any]) -> dict[str, Any]:
        if new in record:
            raise SchemaVersionError([Problem(new, "both spellings given")])
        return {(new if key == old else key): value for key, value in record.items()}
    return step


# A chain of three made-up versions, "a" to "c", to test the chain's machinery with a step
# that changes the record (the record's own chain has none yet). Not versions of the record.
TEST_CHAIN = _chain(
    Migration(from_version="a", to_version="b", migrate=unchanged, summary="adds x",
              added_fields=("x",)),
    Migration(from_version="b", to_version="c", migrate=_rename("name", "title"),
              summary="renames name to title", added_fields=("y",)),
)


def test_a_chain_applies_each_step_in_turn() -> None:
    """A record goes through every step from its version: renamed by the second step, and
    labelled with the last version."""
    assert _migrate({"schema_version": "a", "name": "n"}, None, TEST_CHAIN) == {
        "schema_version": "c", "title": "n"}
    assert _migrate({"schema_version": "b", "name": "n", "x": 1}, None, TEST_CHAIN) == {
        "schema_version": "c", "title": "n", "x": 1}
    assert _migrate({"schema_version": "c", "title": "n"}, None, TEST_CHAIN) == {
        "schema_version": "c", "title": "n"}


def test_a_chain_refuses_fields_newer_than_the_record() -> None:
    """A field added after the record's version is refused, naming the version that added
    it; a step's own refusal gets the record's source."""
    with pytest.raises(SchemaVersionError) as info:
        _migrate({"schema_version": "a", "y": 1, "x": 2}, "f.json", TEST_CHAIN)
    assert info.value.messages == [
        'field new in schema version b; this record says schema_version "a" (write "b" to use '
        "it) @ $.x",
        'field new in schema version c; this record says schema_version "a" (write "c" to use '
        "it) @ $.y"]
    with pytest.raises(SchemaVersionError) as info:
        _migrate({"schema_version": "b", "name": "n", "title": "t"}, "f.json", TEST_CHAIN)
    assert (info.value.messages, info.value.source) == (["both spellings given @ $.title"],
                                                        "f.json")
    with pytest.raises(SchemaVersionError) as info:
        _migrate({"schema_version": "d"}, None, TEST_CHAIN)
    assert info.value.messages == [
        "unsupported schema version 'd'; this library reads a, b, c @ $.schema_version"]


def test_only_versions_whose_steps_add_fields_take_the_fast_path() -> None:
    """The bulk decoder reads a version itself only when every step from it is
    ``unchanged``, and then refuses the fields added since; today that is every version."""
    assert _fast_versions(TEST_CHAIN) == {"c": ()}
    assert _fast_versions() == {"1": ADDED_IN_VERSION_2, "2": ()}
    assert [step.only_adds_fields for step in TEST_CHAIN] == [True, False]


@pytest.mark.parametrize(("steps", "message"), [
    ((Migration(from_version="1", to_version="2", migrate=unchanged, summary=""),
      Migration(from_version="3", to_version="4", migrate=unchanged, summary="")),
     "migration '3' -> '4' does not follow '1' -> '2'"),
    ((Migration(from_version="1", to_version="2", migrate=unchanged, summary=""),
      Migration(from_version="2", to_version="1", migrate=unchanged, summary="")),
     "a schema version appears twice in the chain: ['1', '2', '1']"),
], ids=["gap", "loop"])
def test_a_broken_chain_is_refused(steps: tuple[Migration, ...], message: str) -> None:
    """A chain with a gap or a version twice is a programming error."""
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        _chain(*steps)
    assert str(info.value) == message
