"""The JSON converter: wire format, every error path, JSON Lines, and the json fallback."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from practicemodel.errors import (
    InvalidInputError,
    InvalidRecordError,
    PracticeModelError,
    Problem,
    RecordStructureError,
    SchemaVersionError,
    UnitMismatchError,
    UnknownCodeError,
    UnknownReferenceError,
)
from practicemodel.periods import Period
from practicemodel.serialization import (
    SCHEMA_VERSION,
    dump_case,
    dumps_case,
    iter_jsonl,
    load_case,
    loads_case,
    make_converter,
    read_case,
    write_case,
    write_jsonl,
)

from .test_invariants import BASE


@pytest.fixture
def record() -> dict[str, Any]:
    """A fresh, valid JSON-ready dict of the base case."""
    return copy.deepcopy(dump_case(BASE))


def load_problems(data: object) -> RecordStructureError:
    """Load ``data`` and return the RecordStructureError it raises."""
    with pytest.raises(RecordStructureError) as info:
        load_case(data)
    return info.value


# -- the wire format ------------------------------------------------------------------------


def test_valid_record_loads(record: dict[str, Any]) -> None:
    """The dumped base case loads back equal to itself."""
    expected = BASE
    assert expected == load_case(record)


def test_schema_version_is_written_first(record: dict[str, Any]) -> None:
    """dump_case puts schema_version first, in the dict and in the JSON text."""
    expected = ["schema_version", "id"]
    assert expected == list(record)[:2]
    version = SCHEMA_VERSION
    assert version == record["schema_version"]
    assert dumps_case(BASE).startswith('{\n  "schema_version": "1",')


def test_dates_are_iso_strings(record: dict[str, Any]) -> None:
    """Dates are written as ISO 8601 calendar dates."""
    expected = ("2024-01-05", "1990-04-02")
    assert expected == (record["opened_on"], record["people"][0]["birth_date"])


def test_enums_are_written_by_value(record: dict[str, Any]) -> None:
    """Enums are written as their lowercase codes."""
    expected = ("foster_care", "caseworker", "court_ordered")
    actual = (record["case_type"], record["staff"][0]["role"],
              record["removal_episodes"][0]["manner"])
    assert expected == actual


def test_quantities_are_value_and_unit(record: dict[str, Any]) -> None:
    """pint quantities are written as {"value", "unit"} objects."""
    expected_dosage = {"value": 3, "unit": "hour / week"}
    assert expected_dosage == record["services"][0]["dosage"]
    expected_duration = {"value": 45, "unit": "minute"}
    assert expected_duration == record["contacts"][0]["duration"]


def test_periods_are_count_and_unit() -> None:
    """Calendar periods are written as {"count", "unit"} objects and read back."""
    converter = make_converter()
    expected = {"count": 6, "unit": "months"}
    assert expected == converter.unstructure(Period(6, "months"))
    assert Period(6, "months") == converter.structure(expected, Period)


def test_defaults_are_omitted(record: dict[str, Any]) -> None:
    """Fields left at their default are not written."""
    mom = record["people"][0]
    expected = {"id", "name", "birth_date"}
    assert expected == set(mom)
    assert "closed_on" not in record


def test_dumped_text_is_plain_json() -> None:
    """dumps_case writes JSON that the standard library parses into the dumped dict."""
    assert dump_case(BASE) == json.loads(dumps_case(BASE))
    assert "\n" not in dumps_case(BASE, indent=None)


# -- structure errors ------------------------------------------------------------------------


def test_every_mistake_is_reported_with_its_path(record: dict[str, Any]) -> None:
    """A record with many mistakes reports each one, with its exact $. path."""
    record["people"][1]["birth_date"] = "yesterday"  # bad date
    record["people"][0]["nickname"] = "Dee"  # unknown key
    record["county"] = 7  # int for a string
    record["plans"][1]["objectives"][0]["timeframe"] = {"count": "6", "unit": "months"}
    record["hearings"][0]["administrative"] = "no"  # string for a bool
    record["staff"][0]["role"] = "boss"  # unknown enum code
    del record["region"]  # missing required field
    record["services"][0]["dosage"] = {"value": 3, "unit": "hour"}  # wrong kind of unit
    record["contacts"][0]["duration"] = {"value": 3, "unit": "fortnights_x"}  # unknown unit
    record["removal_episodes"][0]["placements"][0]["end"] = "2023-01-01"  # deep invariant
    error = load_problems(record)
    expected = [
        "invalid date 'yesterday'; expected YYYY-MM-DD @ $.people[1].birth_date",
        "unknown field 'nickname' @ $.people[0]",
        "expected a string, got 7 @ $.county",
        "expected an integer, got '6' @ $.plans[1].objectives[0].timeframe.count",
        "expected true or false, got 'no' @ $.hearings[0].administrative",
        "unknown StaffRole code 'boss'; known: caseworker, supervisor, regional_director, "
        "cqi_staff @ $.staff[0].role",
        "required field missing @ $.region",
        "'dosage' must be a dosage with units like 'hour / week' or 'session / month' "
        "(got 3 hour) @ $.services[0].dosage",
        "'end' must be on or after 'start' (got 2023-01-01 < 2024-01-10) "
        "@ $.removal_episodes[0].placements[0].end",
    ]
    not_reported: list[str] = []
    assert not_reported == [m for m in expected if m not in error.messages], error.messages
    assert any(m.startswith("unknown unit 'fortnights_x'") and
               m.endswith("@ $.contacts[0].duration") for m in error.messages)
    assert len(expected) + 1 == len(error.messages)


def test_messages_and_str_agree(record: dict[str, Any]) -> None:
    """str(error) has a header line and one indented line per message."""
    record["county"] = 7
    record["region"] = 8
    error = load_problems(record)
    expected = ["2 problems in the case record:", *(f"  {m}" for m in error.messages)]
    assert expected == str(error).splitlines()


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("opened_on",), 20240105, "expected an ISO date string, got 20240105 @ $.opened_on"),
        (("opened_on",), "2024-02-30", "invalid date '2024-02-30'; expected YYYY-MM-DD "
                                       "@ $.opened_on"),
        (("id",), 17, "expected a string, got 17 @ $.id"),
        (("case_type",), "orphanage", "unknown CaseType code 'orphanage'; known: in_home, "
                                      "foster_care @ $.case_type"),
        (("case_type",), 1, "unknown CaseType code 1; known: in_home, foster_care @ $.case_type"),
        (("people", 0, "name"), "", "'name' must not be empty (got '') @ $.people[0].name"),
        (("people", 0), "mom", "expected an object, got a string @ $.people[0]"),
        (("child_ids",), "ava", "expected an array, got 'ava' @ $.child_ids"),
        (("people", 0, "diligent_searches"), {"completed_on": "2024-01-01"},
         "expected an array, got {'completed_on': '2024-01-01'} @ $.people[0].diligent_searches"),
        (("services", 0, "dosage"), 3, 'expected a quantity object {"value": ..., "unit": ...}, '
                                       "got 3 @ $.services[0].dosage"),
        (("services", 0, "dosage"), {"value": "3", "unit": "hour / week"},
         "quantity 'value' must be a number, got '3' @ $.services[0].dosage"),
        (("services", 0, "dosage"), {"value": 3, "unit": "hour / week", "per": "week"},
         "extra fields found in quantity (per) @ $.services[0].dosage"),
        (("contacts", 0, "duration"), {"value": 3, "unit": "meter"},
         "'duration' must be a duration with units like 'minute' or 'hour' (got 3 meter) "
         "@ $.contacts[0].duration"),
        (("services", 0, "dosage"), {"value": 3, "unit": "hour /"},
         "unknown unit 'hour /' (malformed unit expression) @ $.services[0].dosage"),
        (("contacts", 0, "caseworker_id"), "cw9",
         "unknown staff id 'cw9' @ $.contacts[0].caseworker_id"),
        (("plans", 1, "objectives", 0, "addresses_ids", 0), "zz",
         "unknown contributing factor or need id 'zz' @ $.plans[1].objectives[0].addresses_ids[0]"),
        (("people", 1, "birth_date"), "2024-06-01",
         "date 2024-01-10 is before the birth date 2024-06-01 of person 'c1' "
         "@ $.removal_episodes[0].removed_on"),
    ],
    ids=["int-date", "impossible-date", "int-for-string", "unknown-code", "int-code",
         "empty-name", "string-for-object", "string-for-array", "object-for-array",
         "bare-number-quantity", "string-magnitude",
         "extra-quantity-field", "duration-in-metres", "malformed-unit", "unknown-staff",
         "unknown-addressed", "born-after-removal"],
)
def test_single_mistake_message(record: dict[str, Any], where: tuple[str | int, ...],
                                value: object, message: str) -> None:
    """Each kind of mistake produces its message at its exact path."""
    target: Any = record
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    error = load_problems(record)
    assert message in error.messages, error.messages


def test_missing_nested_required_field(record: dict[str, Any]) -> None:
    """A required field missing from a nested record is reported at the nested path."""
    del record["removal_episodes"][0]["placements"][1]["setting"]
    error = load_problems(record)
    expected = ["required field missing @ $.removal_episodes[0].placements[1].setting"]
    assert expected == error.messages


def test_several_unknown_fields_are_listed(record: dict[str, Any]) -> None:
    """Several unknown keys on one object are listed together."""
    record["b_extra"] = 1
    record["a_extra"] = 2
    error = load_problems(record)
    expected = ["unknown fields 'a_extra', 'b_extra' @ $"]
    assert expected == error.messages


# -- schema version and top-level shape -----------------------------------------------------


def test_missing_schema_version(record: dict[str, Any]) -> None:
    """A record without schema_version raises SchemaVersionError."""
    del record["schema_version"]
    with pytest.raises(SchemaVersionError) as info:
        load_case(record)
    expected = ["required field missing (this library reads 1) @ $.schema_version"]
    assert expected == info.value.messages


@pytest.mark.parametrize("version", ["2", "1.0", 1, None])
def test_unsupported_schema_version(record: dict[str, Any], version: object) -> None:
    """A schema_version this library does not read raises SchemaVersionError."""
    record["schema_version"] = version
    with pytest.raises(SchemaVersionError) as info:
        load_case(record, source="case.json")
    source = "case.json"
    assert source == info.value.source
    assert info.value.messages[0].endswith("@ $.schema_version")
    assert isinstance(info.value, RecordStructureError)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "a case record must be a JSON object, got [1, 2] @ $"),
        ('"case"', "a case record must be a JSON object, got 'case' @ $"),
        ("null", "a case record must be a JSON object, got None @ $"),
        ("42", "a case record must be a JSON object, got 42 @ $"),
    ],
)
def test_non_object_json(text: str, message: str) -> None:
    """JSON that is not an object raises RecordStructureError at the root path."""
    with pytest.raises(RecordStructureError) as info:
        loads_case(text)
    assert [message] == info.value.messages
    assert not isinstance(info.value, SchemaVersionError)


@pytest.mark.parametrize("text", ["{", "", "{'id': 1}", "not json", b"\xff\xfe"])
def test_invalid_json_text(text: str | bytes) -> None:
    """Text that is not JSON raises RecordStructureError saying so."""
    with pytest.raises(RecordStructureError) as info:
        loads_case(text, source="in.json")
    assert len(info.value.messages) == 1
    assert info.value.messages[0].startswith("not valid JSON (")
    assert str(info.value).startswith("in.json: 1 problem in the case record:")


def test_load_errors_are_value_errors(record: dict[str, Any]) -> None:
    """Structure errors can be caught as ValueError and as PracticeModelError."""
    record["county"] = 7
    with pytest.raises(ValueError, match=r"\$\.county") as info:
        load_case(record)
    assert isinstance(info.value, PracticeModelError)


# -- files and JSON Lines -------------------------------------------------------------------


def test_write_and_read_case_file(tmp_path: Path) -> None:
    """write_case then read_case gives back an equal case."""
    path = tmp_path / "case.json"
    write_case(BASE, path)
    expected = BASE
    assert expected == read_case(path)


def test_read_missing_file(tmp_path: Path) -> None:
    """Reading a file that does not exist raises RecordStructureError naming the file."""
    path = tmp_path / "nope.json"
    with pytest.raises(RecordStructureError) as info:
        read_case(path)
    assert str(path) == info.value.source
    assert info.value.messages[0].startswith("cannot read file")


def test_read_file_error_names_the_file(tmp_path: Path, record: dict[str, Any]) -> None:
    """A bad record in a file reports the file as the source."""
    record["county"] = 7
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(RecordStructureError) as info:
        read_case(path)
    assert str(path) == info.value.source
    expected = ["expected a string, got 7 @ $.county"]
    assert expected == info.value.messages


def jsonl_lines(record: dict[str, Any], count: int) -> list[str]:
    """Return ``count`` one-line JSON records, each with its own id."""
    lines = []
    for n in range(count):
        data = copy.deepcopy(record)
        data["id"] = f"case-{n}"
        lines.append(json.dumps(data))
    return lines


def test_iter_jsonl_streams_lines_and_skips_blanks(record: dict[str, Any]) -> None:
    """iter_jsonl yields one case per non-blank line, in order."""
    lines = jsonl_lines(record, 3)
    mixed = [lines[0], "", "   \n", lines[1], "\n", lines[2]]
    expected = ["case-0", "case-1", "case-2"]
    assert expected == [case.id for case in iter_jsonl(mixed)]


def test_iter_jsonl_is_lazy(record: dict[str, Any]) -> None:
    """iter_jsonl reads its input as it is consumed, not all at once."""
    consumed: list[int] = []

    def lines() -> Any:
        for n, line in enumerate(jsonl_lines(record, 3)):
            consumed.append(n)
            yield line

    cases = iter_jsonl(lines(), batch_size=1)
    first = next(cases)
    expected = "case-0"
    assert expected == first.id
    assert len(consumed) < 3


def test_iter_jsonl_batches(record: dict[str, Any]) -> None:
    """Small batches give the same cases as one big batch."""
    lines = jsonl_lines(record, 5)
    assert [c.id for c in iter_jsonl(lines)] == [c.id for c in iter_jsonl(lines, batch_size=2)]


def test_iter_jsonl_bad_line_names_its_number(record: dict[str, Any]) -> None:
    """A bad line raises RecordStructureError whose source ends with its line number."""
    good = jsonl_lines(record, 2)
    bad = copy.deepcopy(record)
    bad["county"] = 7
    bad["people"][1]["birth_date"] = "soon"
    lines = [good[0], "", good[1], json.dumps(bad)]
    loaded = []
    with pytest.raises(RecordStructureError) as info:
        loaded.extend(iter_jsonl(lines))
    assert info.value.source is not None
    assert info.value.source.endswith(":4")
    expected = {"expected a string, got 7 @ $.county",
                "invalid date 'soon'; expected YYYY-MM-DD @ $.people[1].birth_date"}
    assert expected == set(info.value.messages)


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_iter_jsonl_on_error_skips_bad_lines(record: dict[str, Any], batch_size: int) -> None:
    """With on_error, each bad line is reported (in order, with its number) and skipped."""
    good = jsonl_lines(record, 3)
    lines = [good[0], "{oops", good[1], "", '{"schema_version": 1}', good[2]]
    errors: list[RecordStructureError] = []
    cases = list(iter_jsonl(lines, on_error=errors.append, name="in.jsonl",
                            batch_size=batch_size))
    expected = (["case-0", "case-1", "case-2"], ["in.jsonl:2", "in.jsonl:5"])
    actual = ([c.id for c in cases], [e.source for e in errors])
    assert expected == actual


def test_iter_jsonl_invalid_json_line(record: dict[str, Any]) -> None:
    """A line that is not JSON is reported with its line number."""
    lines = [*jsonl_lines(record, 1), "{oops"]
    with pytest.raises(RecordStructureError) as info:
        list(iter_jsonl(lines))
    source = "<lines>:2"
    assert source == info.value.source
    assert info.value.messages[0].startswith("not valid JSON")


def test_iter_jsonl_schema_version_error(record: dict[str, Any]) -> None:
    """A line with an unsupported schema version raises SchemaVersionError with its line."""
    other = copy.deepcopy(record)
    other["schema_version"] = "9"
    lines = [*jsonl_lines(record, 1), json.dumps(other)]
    with pytest.raises(SchemaVersionError) as info:
        list(iter_jsonl(lines))
    source = "<lines>:2"
    assert source == info.value.source


def test_iter_jsonl_from_path(tmp_path: Path, record: dict[str, Any]) -> None:
    """iter_jsonl reads a path, and errors name the file and the line."""
    path = tmp_path / "cases.jsonl"
    bad = copy.deepcopy(record)
    del bad["county"]
    path.write_text("\n".join([*jsonl_lines(record, 2), "", json.dumps(bad)]) + "\n",
                    encoding="utf-8")
    with pytest.raises(RecordStructureError) as info:
        list(iter_jsonl(path))
    assert f"{path}:4" == info.value.source
    expected = ["required field missing @ $.county"]
    assert expected == info.value.messages


def test_write_jsonl_then_iter_jsonl(tmp_path: Path) -> None:
    """write_jsonl writes one case per line, which iter_jsonl reads back."""
    path = tmp_path / "out.jsonl"
    cases = [BASE, BASE]
    with path.open("w", encoding="utf-8") as out:
        written = write_jsonl(cases, out)
    assert written == len(cases)
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(cases)
    assert cases == list(iter_jsonl(path))


# -- pickling errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        RecordStructureError([Problem("people[1].birth_date", "invalid date 'x'")],
                             source="a.jsonl:3"),
        SchemaVersionError([Problem("schema_version", "required field missing")]),
        InvalidRecordError([Problem("end", "'end' must be on or after 'start'"),
                            Problem("exit_reason", "'exit_reason' must be given")]),
        UnknownReferenceError("unknown person id 'x'", path="people[0].id"),
        UnitMismatchError("'duration' must be a duration", path="duration"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_pickle(error: RecordStructureError | InvalidRecordError) -> None:
    """Errors survive pickling with their type, problems, message and source."""
    copied = pickle.loads(pickle.dumps(error))
    assert type(error) is type(copied)
    assert error.problems == copied.problems
    assert str(error) == str(copied)
    assert getattr(error, "source", None) == getattr(copied, "source", None)


def test_loaded_error_pickles(record: dict[str, Any]) -> None:
    """An error raised by load_case pickles with all its problems."""
    record["county"] = 7
    record["region"] = 8
    error = load_problems(record)
    copied = pickle.loads(pickle.dumps(error))
    assert error.problems == copied.problems
    assert error.messages == copied.messages


def test_unknown_code_error_pickles() -> None:
    """UnknownCodeError keeps kind, code and the sorted known codes through pickling."""
    error = UnknownCodeError("policy profile", "xx", ["b", "a"])
    copied = pickle.loads(pickle.dumps(error))
    expected = ("policy profile", "xx", ("a", "b"))
    assert expected == (copied.kind, copied.code, copied.known)
    message = "unknown policy profile 'xx'; known: a, b"
    assert message == str(copied)
    assert isinstance(copied, LookupError)


# -- the standard-library json fallback -----------------------------------------------------


def test_stdlib_json_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without orjson, loads_case parses with the standard json module."""
    monkeypatch.setitem(sys.modules, "orjson", None)  # makes `import orjson` fail
    with pytest.raises(ImportError):
        import orjson  # noqa: F401
    expected = BASE
    assert expected == loads_case(dumps_case(BASE))
    assert expected == loads_case(dumps_case(BASE).encode("utf-8"))
    with pytest.raises(RecordStructureError) as info:
        loads_case("{")
    assert info.value.messages[0].startswith("not valid JSON (")


def test_stdlib_json_fallback_jsonl(monkeypatch: pytest.MonkeyPatch,
                                    record: dict[str, Any]) -> None:
    """Without orjson, iter_jsonl still streams records and reports bad lines."""
    monkeypatch.setitem(sys.modules, "orjson", None)
    lines = [*jsonl_lines(record, 2), "[]"]
    loaded = []
    with pytest.raises(RecordStructureError) as info:
        loaded.extend(iter_jsonl(lines))
    source = "<lines>:3"
    assert source == info.value.source


def test_date_type_is_exact() -> None:
    """Loaded dates are datetime.date objects."""
    loaded = loads_case(dumps_case(BASE))
    assert date is type(loaded.opened_on)


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"on_error": 3}, "'on_error'"),
    ({"batch_size": 0}, "'batch_size'"),
    ({"name": 7}, "'name'"),
])
def test_iter_jsonl_checks_its_arguments_at_the_call(kwargs: dict[str, Any], word: str) -> None:
    """Bad arguments raise InvalidInputError when iter_jsonl is called, before any line."""
    with pytest.raises(InvalidInputError, match=word):
        iter_jsonl(["{}"], **kwargs)
