"""The fast decoder of bulk loading against the detailed converter: same verdicts, same objects.

The bulk path (``iter_jsonl``, ``practicemodel review FILE``) decodes each record with the
fast decoder of ``practicemodel._bulk`` and runs the detailed cattrs converter only for a
record the fast decoder does not vouch for. Here every document is loaded three ways:

- ``fast``: the fast decoder alone (``_bulk.decoder().decode``; any exception is a refusal);
- ``detailed``: ``loads_case`` (the detailed converter, the reference);
- ``bulk``: ``iter_jsonl([text])``, as a user of the bulk path does.

The fast decoder must accept exactly the documents the detailed converter accepts and build
the same objects (compared attribute by attribute, types included: ``1`` is not ``1.0``);
the bulk path must give the detailed converter's objects and, for a refused document, its
problems, path for path. The documents: the shipped example, synthetic cases, hypothesis
cases, and a corpus of mutated documents from ``test_fuzz``'s mutator (``CORPUS`` in the
normal run, ``SLOW_CORPUS`` more with ``--run-slow``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given

from practicemodel import _bulk
from practicemodel.case import Case
from practicemodel.errors import PracticeModelError, RecordStructureError
from practicemodel.example import example_json
from practicemodel.serialization import dump_case, dumps_case, iter_jsonl, loads_case
from practicemodel.strategies import cases
from practicemodel.synthetic import generate_cases
from practicemodel.units import is_quantity

from .test_fuzz import SEED, mutated_documents

CORPUS = 2500
"""Mutated documents in the normal run."""
SLOW_CORPUS = 25_000
"""Mutated documents with ``--run-slow``."""


def fast_decoder() -> _bulk.Decoder:
    found = _bulk.decoder()
    assert found is not None, "msgspec is not installed: the fast decoder is off"
    return found


# -- comparing objects -----------------------------------------------------------------------


def differences(a: Any, b: Any, path: str = "$") -> Iterator[str]:
    """Where ``a`` and ``b`` differ in value or in type, recursively."""
    if type(a) is not type(b):
        yield f"{path}: {type(a).__name__} != {type(b).__name__}"
        return
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            yield from differences(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif type(a) is tuple:
        if len(a) != len(b):
            yield f"{path}: {len(a)} items != {len(b)}"
            return
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from differences(x, y, f"{path}[{i}]")
    elif is_quantity(a):
        if vars(a).keys() != vars(b).keys():
            yield f"{path}: quantity attributes {sorted(vars(a))} != {sorted(vars(b))}"
        yield from differences(a.magnitude, b.magnitude, f"{path}.magnitude")
        if a._units != b._units:
            yield f"{path}: units {a.units} != {b.units}"
    elif a != b:
        yield f"{path}: values differ"


# -- loading one document three ways ---------------------------------------------------------


@dataclass
class Verdicts:
    """What each path made of one document."""

    fast: Case | None
    detailed: Case | None
    error: PracticeModelError | None
    bulk: Case | None
    bulk_error: RecordStructureError | None


def load_three_ways(text: str | bytes) -> Verdicts:
    try:
        fast: Case | None = fast_decoder().decode(text)
    except Exception:  # any exception: not vouched for
        fast = None
    try:
        detailed: Case | None = loads_case(text)
        error: PracticeModelError | None = None
    except PracticeModelError as exc:
        detailed, error = None, exc
    errors: list[RecordStructureError] = []
    if text.strip():
        loaded = list(iter_jsonl([text], on_error=errors.append))
        bulk = loaded[0] if loaded else None
    else:  # iter_jsonl skips a blank line
        bulk = None
    return Verdicts(fast, detailed, error, bulk, errors[0] if errors else None)


def disagreements(text: str | bytes) -> tuple[list[str], Verdicts]:
    """Every way the three paths disagree about ``text`` (nothing: they agree), and what
    each made of it."""
    v = load_three_ways(text)
    found: list[str] = []
    if (v.fast is None) != (v.detailed is None):
        found.append(f"fast {'accepted' if v.fast else 'refused'}, detailed "
                     f"{'accepted' if v.detailed else f'refused ({v.error})'}")
    elif v.fast is not None:
        found.extend(f"fast vs detailed: {d}" for d in differences(v.fast, v.detailed))
    if text.strip():
        if v.detailed is not None:
            if v.bulk is None:
                found.append(f"bulk refused what detailed accepted: {v.bulk_error}")
            else:
                found.extend(f"bulk vs detailed: {d}" for d in differences(v.bulk, v.detailed))
        elif v.bulk is not None:
            found.append("bulk accepted what detailed refused")
        elif v.bulk_error is None or not isinstance(v.error, RecordStructureError) or \
                v.bulk_error.problems != v.error.problems:
            found.append(f"bulk problems {v.bulk_error} != detailed {v.error}")
    return found, v


def assert_agree(text: str | bytes) -> Verdicts:
    found, verdicts = disagreements(text)
    assert not found, found
    return verdicts


# -- the example, synthetic and hypothesis cases ---------------------------------------------


def test_fast_decoder_is_available_and_vouches_for_the_example() -> None:
    """With msgspec installed (the ``fast`` and ``test`` extras) the fast path is on and
    builds the example exactly as the detailed converter does."""
    text = example_json()
    case = fast_decoder().decode(text.encode())
    assert list(differences(case, loads_case(text))) == []
    for variant in (text, text.encode(), json.dumps(json.loads(text)).encode()):
        assert assert_agree(variant).fast is not None


def test_synthetic_cases_decode_fast_and_equal() -> None:
    """Every synthetic case is vouched for by the fast decoder and read back equal, as
    compact and as indented JSON, from bytes and from str."""
    for number, case in enumerate(generate_cases(150, seed=20261122)):
        compact = dumps_case(case, indent=None)
        text: str | bytes = compact.encode() if number % 2 else compact
        if number % 5 == 0:
            text = dumps_case(case)
        verdicts = assert_agree(text)
        assert verdicts.fast is not None, f"case {number} fell back to the detailed path"
        assert list(differences(verdicts.fast, case)) == []


@given(cases())
def test_hypothesis_cases_decode_fast_and_equal(case: Case) -> None:
    """Every case the strategy draws (any ids, names, dates, optional fields) is vouched
    for by the fast decoder and read back equal to itself."""
    text = dumps_case(case, indent=None).encode()
    verdicts = assert_agree(text)
    assert verdicts.fast is not None
    assert list(differences(verdicts.fast, case)) == []


# -- the mutated corpus -----------------------------------------------------------------------


@dataclass
class Tally:
    tried: int = 0
    accepted: int = 0
    fast_accepted: int = 0
    failures: list[str] = field(default_factory=list)


def run_corpus(count: int, seed: int) -> Tally:
    tally = Tally()
    for document in mutated_documents(count, seed):
        payload = document.payload
        if not isinstance(payload, str | bytes):  # parsed data for load_case: as JSON text
            try:
                payload = json.dumps(payload)
            except (ValueError, RecursionError):
                continue
        tally.tried += 1
        try:
            found, verdicts = disagreements(payload)
        except RecursionError:  # the reference itself is not the subject here
            continue
        if found and len(tally.failures) < 10:
            tally.failures.append(f"{document.label}: {found[:3]} | {str(payload)[:300]}")
        elif not found:
            tally.accepted += verdicts.detailed is not None
            tally.fast_accepted += verdicts.fast is not None
    return tally


def test_mutated_documents_same_verdicts_and_objects() -> None:
    """Over ``CORPUS`` mutated documents (wrong kinds, dates out of range, repeated and
    unknown keys, control characters, hostile units, broken text...), the fast decoder
    accepts exactly what the detailed converter accepts, with the same objects, and the
    bulk path reports the detailed converter's problems."""
    tally = run_corpus(CORPUS, SEED + 12)
    assert tally.tried >= 2000
    assert tally.failures == [], "\n".join(tally.failures)
    assert tally.accepted > 100
    assert tally.fast_accepted == tally.accepted


@pytest.mark.slow
def test_mutated_documents_same_verdicts_and_objects_thorough() -> None:
    """The same over ``SLOW_CORPUS`` more documents (run with --run-slow)."""
    tally = run_corpus(SLOW_CORPUS, SEED + 13)
    assert tally.failures == [], "\n".join(tally.failures)
    assert tally.fast_accepted == tally.accepted


# -- targeted documents ------------------------------------------------------------------------


def example_record() -> dict[str, Any]:
    return json.loads(example_json())  # type: ignore[no-any-return]


def text_of(record: dict[str, Any], *, indent: int | None = None) -> bytes:
    return json.dumps(record, indent=indent, ensure_ascii=False).encode()


def test_repeated_key_is_refused_with_its_path() -> None:
    """A key given twice: the fast decoder (which keeps the last value) refuses, and the
    bulk path reports the detailed converter's problem at the object's path."""
    text = text_of(example_record()).replace(b'"region":', b'"region": "x", "region":', 1)
    verdicts = assert_agree(text)
    assert verdicts.fast is None
    assert verdicts.bulk_error is not None
    assert "appears more than once" in str(verdicts.bulk_error)


def test_repeated_key_hidden_by_an_escaped_colon_is_refused() -> None:
    """An escaped colon in a string would balance the colon of a repeated key: such text
    goes to the detailed path."""
    record = example_record()
    record["closure_reason"] = "see notes: below"
    text = text_of(record).replace(b"notes:", b"notes\\u003a", 1)
    text = text.replace(b'"region":', b'"region": "x", "region":', 1)
    assert assert_agree(text).fast is None


def test_unknown_key_and_explicit_defaults() -> None:
    """An unknown key is refused; keys given with their default values are accepted (the
    twins tell a key given from a key left out)."""
    record = example_record()
    record["nickname"] = "x"
    assert assert_agree(text_of(record)).fast is None
    record = example_record()
    record["hearings"] = record.get("hearings", [])
    record["closed_on"] = None
    for contact in record["contacts"]:
        contact.setdefault("completed", True)
        contact.setdefault("topics", [])
    verdicts = assert_agree(text_of(record, indent=2))
    assert verdicts.fast is not None


@pytest.mark.parametrize("name", [
    "Zoë Nuñez", "Ana\u200dMaria", "  leading space", "tab\there", "line\nbreak", "\x7f",
    "", " ", "x\u2028y", "\ud800", "quote \" and backslash \\",
])
def test_strings_checked_as_the_validators_check_them(name: str) -> None:
    """Names that are refused (control characters, blank) or allowed (non-ASCII letters,
    format characters) get the same verdict both ways, escaped or not."""
    record = example_record()
    record["people"][0]["name"] = name
    for ensure_ascii in (True, False):
        text = json.dumps(record, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
        assert_agree(text)


def test_free_text_with_line_breaks_stays_on_the_fast_path() -> None:
    record = example_record()
    record["closure_reason"] = "first line\nsecond line\ttabbed"
    assert assert_agree(text_of(record)).fast is not None


@pytest.mark.parametrize(("value", "unit"), [
    (45, "minute"), (45.0, "minute"), (1.5, "hour"), (0, "minute"), (-3, "minute"),
    (100_000, "minute"), (2, "hour / week"), (3, "week"), (1, "florps"), (1, "hour /"),
    (1, ""), (2**63, "minute"), (1e-300, "minute"),
])
def test_quantities_built_and_checked_as_detailed(value: Any, unit: str) -> None:
    """Durations of every kind and range: same verdict, and the same pint object (its
    magnitude's type included) when accepted."""
    record = example_record()
    contact = next(c for c in record["contacts"] if "duration" in c)
    contact["duration"] = {"value": value, "unit": unit}
    assert_agree(text_of(record))


def test_dates_at_and_beyond_the_supported_range() -> None:
    for day in ("1900-01-01", "1899-12-31", "2199-12-31", "2200-01-01", "2026-02-29",
                "20260301", "2026-03-01T00:00:00"):
        record = example_record()
        record["contacts"][0]["occurred_on"] = day
        assert_agree(text_of(record))


def test_case_checker_is_mirrored() -> None:
    """The fast decoder restates ``Case``'s checker, the quantity checks and the string
    and date validators (``_bulk.mirrored``). If this fails, one of them changed: update
    ``practicemodel/_bulk.py`` to match it, then ``_bulk.MIRRORED_SHA256``."""
    assert _bulk.mirrored_sha256() == _bulk.MIRRORED_SHA256


def test_consistent_agrees_with_the_checker_on_broken_references() -> None:
    """Cases built without the checker, then broken one reference or date at a time:
    ``consistent`` says no exactly when the checker finds a problem."""
    from practicemodel.case import _CaseChecker

    base = example_record()
    seen = 0
    for mutate in _reference_mutations(base):
        record = json.loads(json.dumps(base))
        mutate(record)
        body = {k: v for k, v in record.items() if k != "schema_version"}
        try:
            view = _unchecked_case(body)
        except Exception:  # the mutation broke a record itself: not this test's subject
            continue
        seen += 1
        assert _bulk.consistent(view) == (not _CaseChecker(view).run()), mutate.__doc__
    assert seen > 20


def _unchecked_case(body: dict[str, Any]) -> Case:
    """``body`` as a Case, every nested record validated, the case-wide checker skipped."""
    from practicemodel.serialization import make_converter

    converter = make_converter()
    fields = {f.name: f for f in attrs.fields(Case)}
    values = {k: converter.structure(v, fields[k].type) for k, v in body.items()}
    case = object.__new__(Case)
    for f in attrs.fields(Case):
        object.__setattr__(case, f.name, values.get(f.name, f.default))
    return case


def _reference_mutations(base: dict[str, Any]) -> Iterator[Any]:
    """Functions that break one reference, id or date of a record (documented each)."""
    def setter(path: tuple[Any, ...], value: Any, note: str) -> Any:
        def mutate(record: dict[str, Any]) -> None:
            target: Any = record
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        mutate.__doc__ = note
        return mutate

    def walk(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield (*path, k), v
                yield from walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield (*path, i), v
                yield from walk(v, (*path, i))

    ids = sorted({v for p, v in walk(base, ()) if p[-1] == "id" and isinstance(v, str)})
    for path, value in walk(base, ()):
        key = path[-1] if isinstance(path[-1], str) else path[-2]
        if not isinstance(key, str):
            continue
        if isinstance(value, str) and (key == "id" or key.endswith(("_id", "_ids"))
                                        or key == "replaces"):
            yield setter(path, "nobody", f"{path} -> unknown id")
            yield setter(path, ids[len(path) % len(ids)], f"{path} -> another id")
        elif isinstance(value, str) and len(value) == 10 and value[4] == "-":
            yield setter(path, "1901-01-01", f"{path} -> a date long ago")
            yield setter(path, (date.fromisoformat(value).replace(day=1)).isoformat(),
                         f"{path} -> start of month")
        elif key == "kind" and value == "update":
            yield setter(path, "initial", f"{path} -> a second initial plan")


# -- the bulk path is the one used --------------------------------------------------------------


class Counting:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        decode = _bulk.Decoder.decode

        def counted(decoder: _bulk.Decoder, text: str | bytes) -> Case:
            self.calls += 1
            return decode(decoder, text)

        monkeypatch.setattr(_bulk.Decoder, "decode", counted)


def test_review_of_a_file_uses_the_fast_decoder(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Any) -> None:
    """``review_jsonl`` (``practicemodel review FILE``) and ``iter_jsonl`` load each line
    with the fast decoder; a bad line is still reported with the detailed problems."""
    from practicemodel.caseload import review_jsonl
    from practicemodel.cli import main
    from practicemodel.policy import get_policy

    counting = Counting(monkeypatch)
    lines = [dumps_case(c, indent=None) for c in generate_cases(3, seed=5)]
    lines.insert(1, lines[0].replace('"region":', '"region":1,"x":', 1))
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skipped: list[RecordStructureError] = []
    result = review_jsonl(path, policy=get_policy("FEDERAL"), as_of=date(2026, 11, 22),
                          on_skip=skipped.append)
    assert (result.cases_reviewed, result.records_skipped) == (3, 1)
    assert counting.calls == 4
    with pytest.raises(RecordStructureError) as info:
        loads_case(lines[1])
    assert skipped[0].problems == info.value.problems
    assert len(list(iter_jsonl(path, on_error=lambda _: None))) == 3
    assert counting.calls == 8
    code = main(["review", str(path), "--as-of", "2026-11-22", "--workers", "1"],
                stdout=_Sink())
    assert code in (0, 1)
    assert counting.calls == 12


class _Sink:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def test_import_practicemodel_does_not_import_msgspec() -> None:
    code = ("import sys, practicemodel; "
            "assert 'msgspec' not in sys.modules, 'msgspec imported'; "
            "from practicemodel import serialization; "
            "assert 'msgspec' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_msgspec_the_detailed_path_loads_everything(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where msgspec is missing, ``iter_jsonl`` loads every line with the detailed
    converter: same cases, same errors."""
    monkeypatch.setattr(_bulk, "decoder", lambda: None)
    case = next(iter(generate_cases(1, seed=3)))
    text = dumps_case(case, indent=None)
    assert list(iter_jsonl([text])) == [case]
    record = dump_case(case)
    record["region"] = 1
    errors: list[RecordStructureError] = []
    assert list(iter_jsonl([json.dumps(record)], on_error=errors.append)) == []
    assert "region" in str(errors[0])
