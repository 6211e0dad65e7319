"""The JSON converter: wire format, every error path, JSON Lines, and the json fallback."""

from __future__ import annotations

import copy
import json
import pickle
import sys
import time
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
    assert dumps_case(BASE).startswith('{\n  "schema_version": "2",')


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
        "expected a date YYYY-MM-DD, found a string of 9 characters @ $.people[1].birth_date",
        "unknown field 'nickname' @ $.people[0]",
        "expected a string, found an integer @ $.county",
        "expected a whole number, found a string of 1 character "
        "@ $.plans[1].objectives[0].timeframe.count",
        "expected true or false, found a string of 2 characters @ $.hearings[0].administrative",
        "unknown StaffRole code 'boss'; known: caseworker, supervisor, regional_director, "
        "cqi_staff @ $.staff[0].role",
        "required field missing @ $.region",
        "'dosage' must be a dosage with units like 'hour / week' or 'session / month' "
        "(found 3 hour) @ $.services[0].dosage",
        "'end' must be on or after 'start' (found 374 days before it) "
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
        (("opened_on",), 20240105, "expected a date YYYY-MM-DD, found an integer @ $.opened_on"),
        (("opened_on",), "2024-02-30", "expected a date YYYY-MM-DD, found a string of 10 "
                                       "characters that is not a calendar date @ $.opened_on"),
        (("id",), 17, "expected a string, found an integer @ $.id"),
        (("case_type",), "orphanage", "unknown CaseType code 'orphanage'; known: in_home, "
                                      "foster_care @ $.case_type"),
        (("case_type",), 1, "expected a CaseType code, found an integer; known: in_home, "
                            "foster_care @ $.case_type"),
        (("people", 0, "name"), "", "'name' must not be empty or only white space "
                                    "@ $.people[0].name"),
        (("people", 0), "mom", "expected an object, found a string of 3 characters "
                               "@ $.people[0]"),
        (("child_ids",), "ava", "expected an array, found a string of 3 characters @ $.child_ids"),
        (("people", 0, "diligent_searches"), {"completed_on": "2024-01-01"},
         "expected an array, found an object with 1 field @ $.people[0].diligent_searches"),
        (("services", 0, "dosage"), 3, 'expected a quantity object {"value": ..., "unit": ...}, '
                                       "found an integer @ $.services[0].dosage"),
        (("services", 0, "dosage"), {"value": "3", "unit": "hour / week"},
         "quantity 'value' must be a finite number, found a string of 1 character "
         "@ $.services[0].dosage"),
        (("services", 0, "dosage"), {"value": 3, "unit": "hour / week", "per": "week"},
         "unknown field 'per' in a quantity (it has 'value' and 'unit') @ $.services[0].dosage"),
        (("contacts", 0, "duration"), {"value": 3, "unit": "meter"},
         "'duration' must be a duration with units like 'minute' or 'hour' (found 3 meter) "
         "@ $.contacts[0].duration"),
        (("services", 0, "dosage"), {"value": 3, "unit": "hour /"},
         "unknown unit 'hour /' (expected at most 8 unit names joined by '*', '/' or 'per', "
         "like 'hour / week') @ $.services[0].dosage"),
        (("contacts", 0, "caseworker_id"), "cw9",
         "unknown staff id 'cw9' @ $.contacts[0].caseworker_id"),
        (("plans", 1, "objectives", 0, "addresses_ids", 0), "zz",
         "unknown contributing factor or need id 'zz' @ $.plans[1].objectives[0].addresses_ids[0]"),
        (("people", 1, "birth_date"), "2024-06-01",
         "dated 143 days before the birth of person 'c1' @ $.removal_episodes[0].removed_on"),
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
    expected = ["required field missing (this library reads 1, 2) @ $.schema_version"]
    assert expected == info.value.messages


@pytest.mark.parametrize("version", ["3", "1.0", "2.0", 2, None])
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
        ("[1, 2]", "a case record must be a JSON object, found an array of 2 items @ $"),
        ('"case"', "a case record must be a JSON object, found a string of 4 characters @ $"),
        ("null", "a case record must be a JSON object, found null @ $"),
        ("42", "a case record must be a JSON object, found an integer @ $"),
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
    expected = ["expected a string, found an integer @ $.county"]
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
    expected = {"expected a string, found an integer @ $.county",
                "expected a date YYYY-MM-DD, found a string of 4 characters "
                "@ $.people[1].birth_date"}
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


# -- hostile input: every bad document gets the library's error, fast ------------------------
# Each test below failed before the loader was hardened (issue 10): a Python exception that
# is not the library's, a record accepted that should not be, or a message that leaked a
# value or read like Python internals.


@pytest.fixture(params=["orjson", "json"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with orjson, then with the standard library's json (orjson made absent)."""
    if request.param == "json":
        monkeypatch.setitem(sys.modules, "orjson", None)
    name: str = request.param
    return name


def text_problems(text: str | bytes) -> list[str]:
    """Load JSON ``text`` and return the messages of the RecordStructureError it raises."""
    with pytest.raises(RecordStructureError) as info:
        loads_case(text)
    return info.value.messages


@pytest.mark.parametrize("version", [["1"], {}, {"1": 1}, 1.0, True])
def test_schema_version_of_the_wrong_kind(record: dict[str, Any], version: object,
                                          parser: str) -> None:
    """An array or an object as schema_version is a SchemaVersionError, not a TypeError."""
    record["schema_version"] = version
    with pytest.raises(SchemaVersionError) as info:
        loads_case(json.dumps(record))
    (message,) = info.value.messages
    assert message.startswith('expected a version string such as "2", found ')
    assert message.endswith("@ $.schema_version")
    with pytest.raises(SchemaVersionError):
        load_case(record)


@pytest.mark.parametrize("depth", [100, 1000, 5000, 100_000])
def test_deep_nesting_is_refused_quickly(record: dict[str, Any], depth: int,
                                         parser: str) -> None:
    """Arrays nested thousands deep, alone or in a string field, are the library's error."""
    started = time.thread_time()  # this thread's CPU time: a busy machine is no failure
    alone = "[" * depth + "]" * depth
    inside = json.dumps(record).replace('"county": "Hinds"', f'"county": {alone}')
    for text in (alone, inside, f'{{"schema_version": {alone}}}'):
        messages = text_problems(text)
        assert len(messages) == 1
        assert len(messages[0]) < 200
    assert time.thread_time() - started < 2


def nested_list(depth: int) -> list[Any]:
    """A list nested ``depth`` levels deep, built without recursion."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def test_deep_and_cyclic_values_given_as_python_objects(record: dict[str, Any]) -> None:
    """load_case describes deep and self-containing values without walking into them."""
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    for value in (nested_list(100_000), cyclic):
        record["county"] = value
        record["child_ids"] = [value]
        error = load_problems(record)
        expected = ["expected a string, found an array of 1 item @ $.county",
                    "expected a string, found an array of 1 item @ $.child_ids[0]"]
        assert expected == error.messages[:2]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_are_refused(record: dict[str, Any], value: float) -> None:
    """NaN and the infinities are refused in every number field, as Python objects too."""
    record["contacts"][0]["duration"]["value"] = value
    record["services"][0]["dosage"]["value"] = value
    record["instrument_assessments"] = [{"id": "ia1", "instrument": "X", "completed_on":
                                         "2024-03-01", "total": value,
                                         "scores": [{"item": "q1", "score": value}]}]
    error = load_problems(record)
    assert len(error.messages) == 4
    assert all("finite number, found " in m for m in error.messages), error.messages


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e309", "-1e400",
                                  "9" * 5000], ids=lambda text: text[:10])
def test_non_finite_numbers_in_text_are_refused(record: dict[str, Any], text: str,
                                                parser: str) -> None:
    """JSON has no NaN or Infinity, and 1e309 overflows: neither parser lets them through."""
    dumped = json.dumps(record).replace('"value": 45', f'"value": {text}')
    assert text in dumped
    (message,) = text_problems(dumped)
    assert "not valid JSON" in message or "finite number" in message, message
    assert "sys." not in message
    assert len(message) < 200


def test_what_loads_can_be_written_and_read_back(record: dict[str, Any], parser: str) -> None:
    """1e308 minutes used to load, then dump as a number too big to read back; now a loaded
    record always survives dumps_case and loads_case."""
    record["contacts"][0]["duration"]["value"] = 1e308
    assert text_problems(json.dumps(record))
    record["contacts"][0]["duration"]["value"] = 90.5
    case = loads_case(json.dumps(record))
    assert case == loads_case(dumps_case(case))


@pytest.mark.parametrize(
    ("where", "value", "fragment"),
    [
        (("contacts", 0, "duration"), {"value": -45, "unit": "minute"}, "(found -45 minute)"),
        (("contacts", 0, "duration"), {"value": 0, "unit": "minute"}, "(found 0 minute)"),
        (("contacts", 0, "duration"), {"value": 1e308, "unit": "minute"}, "1e+308 minute"),
        (("contacts", 0, "duration"), {"value": 32, "unit": "day"}, "(found 32 day)"),
        (("contacts", 0, "duration"), {"value": 10**400, "unit": "minute"},
         "(found a number of more than 12 digits, in minute)"),
        (("services", 0, "dosage"), {"value": 0, "unit": "hour / week"}, "(found 0 hour / week)"),
        (("services", 0, "dosage"), {"value": -3, "unit": "session / week"}, "-3 session"),
        (("services", 0, "dosage"), {"value": 169, "unit": "hour / week"}, "169 hour / week"),
        (("services", 0, "dosage"), {"value": 25, "unit": "session / day"}, "25 session / day"),
        (("services", 0, "dosage"), {"value": 1e308, "unit": "hour / week"}, "1e+308 hour"),
    ],
    ids=["negative-duration", "zero-duration", "huge-duration", "duration-over-31-days",
         "duration-of-400-digits", "zero-dosage", "negative-dosage", "dosage-over-24h-a-day",
         "dosage-over-24-sessions-a-day", "huge-dosage"],
)
def test_quantities_out_of_range_are_refused(record: dict[str, Any],
                                             where: tuple[str | int, ...], value: object,
                                             fragment: str) -> None:
    """A duration is above zero and at most 31 days; a dosage above zero and at most 24
    hours or sessions a day."""
    target: Any = record
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    (message,) = load_problems(record).messages
    assert "must be more than zero and at most" in message
    assert fragment in message


@pytest.mark.parametrize("unit", ["hour*" * 1000 + "hour", "A" * 20_000, "A" * 100_000,
                                  "hour" + " / hour" * 50, "(" * 5000])
def test_hostile_units_are_refused_quickly(record: dict[str, Any], unit: str) -> None:
    """Long or deeply chained unit strings never reach pint's recursive, quadratic parser."""
    record["contacts"][0]["duration"] = {"value": 45, "unit": unit}
    started = time.thread_time()  # this thread's CPU time: a busy machine is no failure
    (message,) = load_problems(record).messages
    assert time.thread_time() - started < 0.5
    assert message.startswith("unknown unit ")
    assert len(message) < 200


@pytest.mark.parametrize("text", ["20240105", "2024-W02-5", "2024-005", "2024-1-5",
                                  "2024-01-05T00:00", " 2024-01-05", "2024/01/05"])
def test_dates_are_exactly_yyyy_mm_dd(record: dict[str, Any], text: str) -> None:
    """Only YYYY-MM-DD loads: the other forms date.fromisoformat takes are refused."""
    record["opened_on"] = text
    expected = [f"expected a date YYYY-MM-DD, found a string of {len(text)} characters "
                "@ $.opened_on"]
    assert expected == load_problems(record).messages


@pytest.mark.parametrize(("field", "text"), [
    ("opened_on", "9999-12-31"), ("opened_on", "2200-01-01"), ("opened_on", "0001-01-01"),
    ("birth_date", "1899-12-31"),
])
def test_dates_outside_the_supported_range_are_refused(record: dict[str, Any], field: str,
                                                       text: str) -> None:
    """Dates before 1900-01-01 or after 2199-12-31 are refused at their path."""
    path = "opened_on"
    if field == "birth_date":
        record["people"][2]["birth_date"] = text
        path = "people[2].birth_date"
    else:
        record["opened_on"] = text
    (message,) = load_problems(record).messages
    side = "after" if text > "2199" else "before"
    expected = (f"'{field}' must be a date from 1900-01-01 to 2199-12-31, the range the "
                f"library supports (found a date {side} it) @ $.{path}")
    assert expected == message


def test_the_ends_of_the_supported_range_load(record: dict[str, Any]) -> None:
    """1900-01-01 and 2199-12-31 are dates a record may hold."""
    record["people"][2]["birth_date"] = "1900-01-01"
    record["closed_on"] = "2199-12-31"
    case = load_case(record)
    assert (date(1900, 1, 1), date(2199, 12, 31)) == (case.people[2].birth_date, case.closed_on)


@pytest.mark.parametrize(("period", "fragment"), [
    ({"count": 2**31, "unit": "weeks"}, "'count' must be at most 5,217 for unit 'weeks'"),
    ({"count": 10_000, "unit": "years"}, "'count' must be at most 100 for unit 'years'"),
    ({"count": 0, "unit": "weeks"}, "'per' must be a period of at least one day"),
    ({"count": True, "unit": "weeks"}, "expected a whole number, found true"),
    ({"count": -45, "unit": "days"}, "'count' must be a whole number of 0 or more (found -45)"),
])
def test_visitation_frequency_periods_are_bounded(record: dict[str, Any],
                                                  period: dict[str, Any], fragment: str) -> None:
    """A frequency's period is one day to a century: huge or boolean counts are refused."""
    record["plans"][0]["visitation"] = [{
        "id": "va1", "child_id": "c1", "visitor_ids": ["mom"], "visitor_kind": "parent",
        "frequency": {"times": 1, "per": period}, "supervision": "supervised"}]
    (message,) = load_problems(record).messages
    assert fragment in message, message
    assert message.endswith("@ $.plans[0].visitation[0].frequency.per.count")


def test_every_supported_date_plus_every_period_is_a_date() -> None:
    """The largest period in each unit, from either end of the supported range, is a date."""
    from practicemodel.periods import EARLIEST_DATE, LATEST_DATE, MAX_PERIOD_COUNTS

    for unit, most in MAX_PERIOD_COUNTS.items():
        period = Period(most, unit)
        assert period.after(LATEST_DATE).year <= 2300
        assert period.before(EARLIEST_DATE).year > 1700
        with pytest.raises(InvalidRecordError):
            Period(most + 1, unit)


@pytest.mark.parametrize("where", ["top", "nested", "spaced", "escaped-colon"])
def test_repeated_keys_are_refused(record: dict[str, Any], where: str, parser: str) -> None:
    """A key given twice in one object is refused with its name and the object's path."""
    text = json.dumps(record)
    if where == "top":
        text = text.replace('"county": "Hinds"', '"county": "Hinds", "county": "Rankin"')
        expected = "key 'county' appears more than once in an object @ $"
    elif where == "nested":
        text = text.replace('"name": "Ava Wilson"', '"name": "Ava Wilson", "name": "Ava"')
        expected = "key 'name' appears more than once in an object @ $.people[1]"
    elif where == "spaced":  # a key with white space before its colon
        text = text.replace('"county": "Hinds"', '"county" : "Hinds", "county" : "Hinds"')
        expected = "key 'county' appears more than once in an object @ $"
    else:  # a colon escaped as \u003a in a string hides one from a plain count
        text = text.replace('"county": "Hinds"', '"county": "Hinds", "county": "a\\u003ab"')
        expected = "key 'county' appears more than once in an object @ $"
    assert [expected] == text_problems(text)


def test_colons_and_quotes_in_strings_are_not_repeated_keys(record: dict[str, Any],
                                                            parser: str) -> None:
    """Text holding colons, quotes and key-like strings still loads (no false alarm)."""
    record["people"][0]["gender"] = 'says "county": "x" : yes \\": no'
    record["region"] = ':"region":'
    assert load_case(record) == loads_case(json.dumps(record))
    assert load_case(record) == loads_case(json.dumps(record, indent=4).encode())


@pytest.mark.parametrize("value", ["x\u0000\nFAKE: valid", "x\x1b[31m", "x\u0085",
                                   "x\u2028y", "x\ty", "x\x7f", "x\ud800"])
def test_control_characters_in_ids_and_names_are_refused(record: dict[str, Any],
                                                         value: str) -> None:
    """Ids and names are single lines of printable text; messages show them escaped."""
    record["people"][1]["id"] = value
    record["people"][0]["name"] = value
    record["child_ids"] = [value]
    record["relationships"][0]["child_id"] = value
    record["relationships"][1]["child_id"] = value
    record["removal_episodes"][0]["child_id"] = value
    record["hearings"][0]["child_ids"] = [value]
    record["judicial_findings"][0]["child_id"] = value
    record["safety_assessments"][0]["child_ids"] = [value]
    record["plans"][0]["child_ids"] = [value]
    record["plans"][1]["child_ids"] = [value]
    record["family_visits"][0]["child_id"] = value
    error = load_problems(record)
    found = {p.path: p.message for p in error.problems}
    for path in ("people[1].id", "people[0].name", "family_visits[0].child_id"):
        assert "must be a single line without control characters" in found[path], found
    for line in str(error).splitlines()[1:]:
        assert line.startswith("  "), repr(line)
        assert line.isprintable(), repr(line)


@pytest.mark.parametrize(("value", "loads"), [
    ("line one\nline two\r\n\tindented", True), ("bell\x07", False), ("esc\x1b[2J", False),
    ("nul\x00", False), ("c1\x9b", False), ("lone\udc00", False), ("joiner \u200d ok", True),
])
def test_free_text_may_hold_line_breaks_but_no_other_controls(record: dict[str, Any],
                                                              value: str, loads: bool) -> None:
    """Notes keep tabs and line breaks; other control characters and surrogates are refused."""
    record["staffings"][0]["notes"] = value
    if loads:
        assert value == load_case(record).staffings[0].notes
        return
    (message,) = load_problems(record).messages
    assert message.startswith("'notes' must be text without control characters")
    assert message.endswith("@ $.staffings[0].notes")
    assert message.isprintable()


def test_surrogates_in_text_are_refused_by_both_parsers(record: dict[str, Any],
                                                        parser: str) -> None:
    """An escaped lone surrogate is not valid JSON for orjson and is refused after json."""
    text = json.dumps(record).replace('"Pat Moore"', '"Pat \\ud800"')
    (message,) = text_problems(text)
    assert "surrogate" in message, message
    assert "UTF-8: surrogates not allowed" not in message


@pytest.mark.parametrize("text", [
    b'{"schema_version": "1", "id": "\xff"}',
    '{"schema_version": "1",\n "id": "x", \n\n   "county": x}',
    '{"schema_version": "1", "na\u00efve": "\u00e9\u00e9", "x": }',
    '{"schema_version": "1"} trailing',
    '{"schema_version": "1", "id": "\ud800"}',
])
def test_json_errors_are_located_the_same_way_by_both_parsers(
        text: str | bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Line and column of a JSON error do not depend on the parser, or on str or bytes."""
    def locate(value: str | bytes) -> str:
        (message,) = text_problems(value)
        assert message.startswith("not valid JSON (line "), message
        return message.split(":")[0]

    as_bytes = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    found = {locate(text), locate(as_bytes)}
    monkeypatch.setitem(sys.modules, "orjson", None)
    found |= {locate(text), locate(as_bytes)}
    assert len(found) == 1, found


def test_invalid_utf8_is_located(parser: str) -> None:
    """Bytes that are not UTF-8 are reported at their line and column, in plain words."""
    messages = text_problems(b'{"schema_version": "1",\n "id": "ab\xffc"}')
    expected = ["not valid JSON (line 2, column 11: bytes that are not UTF-8) @ $"]
    assert expected == messages


def test_one_wrong_child_id_is_one_problem_plus_its_cause(record: dict[str, Any]) -> None:
    """A mistyped child_ids entry gives two problems, not one per record naming the child."""
    record["child_ids"] = ["c2"]
    expected = [
        "unknown person id 'c2' @ $.child_ids[0]",
        "unknown child id 'c1' (person 'c1' is not listed in 'child_ids'; 8 more references "
        "to it) @ $.relationships[0].child_id",
    ]
    assert expected == load_problems(record).messages


def test_an_unknown_id_is_reported_once(record: dict[str, Any]) -> None:
    """An id that names no one is reported at its first reference, with the count of others."""
    record["people"][0]["id"] = "mum"
    messages = load_problems(record).messages
    assert messages[0] == ("unknown person id 'mom' (11 more references to it) "
                           "@ $.relationships[0].adult_id")
    assert len(messages) == 1, messages


@pytest.mark.parametrize(("where", "value"), [
    (("people", 0, "birth_date"), "Dana Wilson"),
    (("people", 0, "name"), 1990),
    (("people", 0, "birth_date"), "04/02/1990"),
    (("people", 0, "birth_date"), 19900402),
    (("opened_on",), "Dana Wilson, 1990-04-02"),
    (("staffings", 0, "held_on"), ["Dana Wilson", "1990-04-02"]),
    (("staffings", 0, "notes"), {"Dana Wilson": "1990-04-02"}),
    (("people", 0, "sex"), 1990.0402),
    (("contacts", 0, "duration"), {"value": "Dana Wilson", "unit": "minute"}),
    (("people", 0, "birth_date"), "1990-02-30"),
])
def test_messages_never_repeat_personal_values(record: dict[str, Any],
                                               where: tuple[str | int, ...],
                                               value: object) -> None:
    """A name, a birth date or a number put in the wrong field is described, not repeated."""
    target: Any = record
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    error = load_problems(record)
    for text in (str(error), *error.messages):
        for secret in ("Dana", "Wilson", "1990", "04/02", "0402", "02-30"):
            assert secret not in text, text


def test_python_internals_never_reach_a_message(record: dict[str, Any]) -> None:
    """Wrong kinds everywhere give plain messages, not Python's own words."""
    record["people"][0] = ["mom"]
    record["people"][1]["diligent_searches"] = "none"
    record["staff"][0] = None
    record["plans"][0]["objectives"][0]["timeframe"] = {"count": -45, "unit": "days"}
    record["removal_episodes"] = {"id": "e1"}
    record["services"][0]["dosage"] = {"value": 3}
    messages = load_problems(record).messages
    for words in ("NoneType", "not iterable", "not subscriptable", "object has no",
                  "must be >=", "indices must be", "unhashable", "invalid value"):
        assert not any(words in m for m in messages), (words, messages)
    assert "'count' must be a whole number of 0 or more (found -45) " \
           "@ $.plans[0].objectives[0].timeframe.count" in messages


def test_loads_case_refuses_what_is_not_text() -> None:
    """A number or None given as the text is InvalidInputError, not orjson's TypeError."""
    with pytest.raises(InvalidInputError):
        loads_case(3)  # type: ignore[arg-type]
    assert loads_case(bytearray(dumps_case(BASE).encode())) == BASE  # type: ignore[arg-type]


def test_iter_jsonl_reports_hostile_lines_and_goes_on(record: dict[str, Any],
                                                      parser: str) -> None:
    """The bulk path meets each hostile line with the library's error and keeps going."""
    good = json.dumps(record)
    lines = [
        good,
        '{"schema_version": ["1"]}',
        "[" * 1000 + "]" * 1000,
        good.replace('"county": "Hinds"', '"county": "Hinds", "county": "Hinds"'),
        good.replace('"value": 45', '"value": 1e309'),
        good.replace('"opened_on": "2024-01-05"', '"opened_on": "9999-12-31"'),
        good.replace('"unit": "minute"', '"unit": "' + "hour*" * 1000 + 'hour"'),
        good,
    ]
    errors: list[RecordStructureError] = []
    cases = list(iter_jsonl(lines, on_error=errors.append))
    assert len(cases) == 2
    assert [e.source for e in errors] \
        == ["<lines>:2", "<lines>:3", "<lines>:4", "<lines>:5", "<lines>:6", "<lines>:7"]


@pytest.mark.parametrize("bad", ['{"schema_version": "1", "id": ', '{"schema_version": "1"} x',
                                 '{"schema_version": "1", "id": "a\\qb"}'])
def test_a_bad_line_is_located_alike_with_or_without_its_line_feed(bad: str,
                                                                    parser: str) -> None:
    """review reads lines with their line feed, validate without: same line and column."""
    found = set()
    for ending in ("", "\n", "\r\n", "  \n"):
        found.update(text_problems(bad + ending))
        found.update(text_problems((bad + ending).encode()))
        errors: list[RecordStructureError] = []
        list(iter_jsonl([(bad + ending).encode()], on_error=errors.append))
        found.update(errors[0].messages)
    assert len(found) == 1, found


def test_construction_refuses_what_loading_refuses() -> None:
    """Records built in Python obey the same bounds as loaded ones."""
    import attrs

    from practicemodel.assessment import ItemScore
    from practicemodel.caseplan import Frequency
    from practicemodel.units import quantity

    person = BASE.people[0]
    contact = BASE.contacts[0]
    for build in (
        lambda: ItemScore(item="q1", score=float("nan")),
        lambda: ItemScore(item="q1", score=float("inf")),
        lambda: attrs.evolve(contact, duration=quantity(float("nan"), "minute")),
        lambda: attrs.evolve(contact, duration=quantity(0, "minute")),
        lambda: attrs.evolve(person, birth_date=date(1899, 12, 31)),
        lambda: attrs.evolve(BASE, opened_on=date(9999, 12, 31)),
        lambda: attrs.evolve(person, name="Dana\nWilson"),
        lambda: attrs.evolve(person, id="mom\x1b[2J"),
        lambda: Period(10_000, "years"),
        lambda: Period(True, "days"),  # type: ignore[arg-type]
        lambda: Frequency(times=1, per=Period(0, "weeks")),
        lambda: Frequency(times=101, per=Period(1, "weeks")),
    ):
        with pytest.raises(InvalidRecordError):
            build()


def test_a_record_with_very_many_problems_lists_a_hundred_and_counts_the_rest() -> None:
    """The message of a record with thousands of problems stays readable; ``problems`` keeps
    every one."""
    from practicemodel.errors import MAX_LISTED_PROBLEMS, Problem, RecordStructureError

    problems = [Problem(f"contacts[{i}].person_id", "unknown person id 'x'")
                for i in range(5000)]
    error = RecordStructureError(problems, source="cases.jsonl:7")
    lines = str(error).splitlines()
    assert len(error.problems) == 5000
    assert len(lines) == 1 + MAX_LISTED_PROBLEMS + 1
    assert lines[-1] == f"  ... and {5000 - MAX_LISTED_PROBLEMS} more problems"
