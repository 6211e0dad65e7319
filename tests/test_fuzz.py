"""Fuzz battery: every mutated case record is accepted, or refused with the library's error.

Documents are mutated from the shipped example (the Wilson family) and a few synthetic
cases: wrong kinds of values, impossible and out-of-range dates, extreme numbers, deep
nesting, hostile unit strings, control characters and lone surrogates, repeated keys,
truncated and corrupted text, deleted and inserted keys, shuffled arrays and ids, and
valid records with their dates moved to the ends of the supported range. The mutations are
drawn from a seeded ``random.Random``, so a battery is the same documents every run.

Each document is loaded (as JSON text through orjson or the standard library's json, as a
line of JSON Lines through ``iter_jsonl``, which must agree with ``loads_case``, or as a dict
through ``load_case``) and must be accepted, or refused with a
``PracticeModelError``, within ``LOAD_LIMIT`` seconds of CPU time. Every refusal's messages must be
printable single lines that repeat no name or birth date of the record and no Python
internals. Every accepted record must survive ``dumps_case``/``loads_case`` unchanged and
pass ``check_case`` under every shipped policy profile as of ``AS_OF``.

The normal run tries ``QUICK`` documents; ``--run-slow`` adds a run of 100,000. To print the
figures (tried, accepted, rejected, other, slow...) of any number of documents::

    python tests/test_fuzz.py 100000            # --seed N to change the documents
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import orjson
import pytest

from practicemodel.checks import check_case
from practicemodel.errors import PracticeModelError, RecordStructureError
from practicemodel.example import example_json
from practicemodel.policy import PROFILES, get_policy
from practicemodel.serialization import (
    dump_case,
    dumps_case,
    iter_jsonl,
    load_case,
    loads_case,
)
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
"""The date every accepted record is checked as of."""
LOAD_LIMIT = 1.0
"""Seconds a document may take to be accepted or refused."""
SEED = 20261122
QUICK = 2500
"""Documents in the normal run (about 20 s on one core)."""

# Words that betray a Python exception's own message rather than the library's.
INTERNALS = re.compile(
    r"NoneType|not iterable|not subscriptable|object has no|has no attribute|unhashable|"
    r"must be >=|must be <=|indices must|Traceback|invalid value$|could not be loaded|"
    r"surrogates not allowed|<class |\bint\(\)|argument of type"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# -- what the mutations put in ---------------------------------------------------------------

VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**31, 2**63, 2**64 + 1, 10**30, -(10**30), 0.5, -0.0,
    1e-320, 1e308, -1e308, "", " ", "x", "\n", "0", "true", "null", "2026-03-01",
    "A" * 1000, [], {}, [None], [1, 2], [[[]]], {"value": 1}, {"count": 1, "unit": "days"},
    {"id": "x"}, ["x"], [{}], "foster_care", "in_person", "months",
]
DATES = [
    "20260301", "2026-W10-1", "2026-060", "2026-02-30", "2026-13-01", "2026-00-10",
    "9999-12-31", "0001-01-01", "1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01",
    "2026-3-1", " 2026-03-01", "2026-03-01 ", "2026-03-01T00:00:00", "2026/03/01",
    "\uff12\uff10\uff12\uff16-03-01", "2026-03-01\x00", "", "yesterday", "2024-02-29",
    "2023-02-29",
]
NUMBERS: list[Any] = [
    0, -1, -45, 1, 7, 100, 101, 1200, 1201, 5217, 5218, 36525, 36526, 2**31, 2**63, 2**64,
    10**30, 0.5, -0.0, 1e-9, 1e308, -1e308, 5e-324, 24, 25, 168, 169, 744, 745, 1.5,
]
NON_FINITE = [float("nan"), float("inf"), -float("inf")]
UNITS = [
    "minute", "hour", "day", "week", "month", "year", "second", "millisecond", "hours",
    "hour / week", "hour/week", "hour per week", "session / month", "sessions/day",
    "session / week", "minute / month", "1 / week", "percent", "dimensionless", "meter",
    "hour ** 2 / week", "hour ^ 2", "hour * hour / week", "hertz * hour ** 2 / week", "",
    " ", "hour /", "/", "(", ")", "hour (", "()", "hour//week", "florps", "µs", "hr",
    "kilohour", "hour / 0", "nan", "inf", "e", "hour*" * 1000 + "hour", "A" * 20_000,
    "A" * 101, "A" * 100, "hour / " * 9 + "hour", "(((((hour)))))", "hour\x00", "hour\n",
]
CHARACTERS = [
    "\x00", "\n", "\r", "\t", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
    "\u202e", "\u200d", "\ufeff", "\ud800", "\udc00", "\U0001f600", "\u00e9", '"', "\\",
    ":", '":', "\\u0000",
]
CODES = [
    "foster_care", "in_home", "caseworker", "supervisor", "in_person", "phone", "video",
    "child_residence", "office", "held", "missed_by_visitor", "initial", "update",
    "return_home", "adoption", "days", "weeks", "months", "years", "parent", "sibling",
    "supervised", "unsupervised", "active", "completed", "referred", "court_ordered",
    "voluntary", "reunification", "mother", "father", "biological_parent", "foster_parent",
]
NESTING = [2, 50, 300, 1000, 1023, 1025, 5000, 50_000]


@dataclass
class Figures:
    """What a battery found: counts, and the first few examples of each kind of failure."""

    tried: int = 0
    accepted: int = 0
    rejected: int = 0
    other: int = 0
    """Documents that raised an exception that is not a ``PracticeModelError``."""
    slow: int = 0
    """Documents that took more than ``LOAD_LIMIT`` seconds of CPU time to load or refuse."""
    rule_crashes: int = 0
    """Accepted documents on which ``check_case`` raised under some profile."""
    round_trips: int = 0
    """Accepted documents that ``dumps_case``/``loads_case`` did not give back unchanged."""
    bad_messages: int = 0
    """Refusals whose messages are not printable lines, leak a value or Python internals."""
    slowest: float = 0.0
    seconds: float = 0.0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, text: str) -> None:
        """Keep the first few examples of a kind of failure."""
        kept = self.examples.setdefault(kind, [])
        if len(kept) < 5:
            kept.append(text)

    @property
    def failures(self) -> int:
        """Documents that broke a rule of the battery."""
        return self.other + self.slow + self.rule_crashes + self.round_trips + self.bad_messages

    def report(self) -> str:
        """The figures as a small table, with the examples of failures."""
        profiles = ", ".join(sorted(PROFILES))
        lines = [
            f"tried          {self.tried:>9,}",
            f"accepted       {self.accepted:>9,}",
            f"rejected       {self.rejected:>9,}   (PracticeModelError)",
            f"other          {self.other:>9,}   (any other exception)",
            f"slow           {self.slow:>9,}   (over {LOAD_LIMIT:g} s to load or refuse; "
            f"slowest {self.slowest:.3f} s)",
            f"rule crashes   {self.rule_crashes:>9,}   (check_case under {profiles} as of "
            f"{AS_OF})",
            f"round trips    {self.round_trips:>9,}   (accepted, not read back unchanged)",
            f"bad messages   {self.bad_messages:>9,}   (unprintable, leaking or Python's own)",
            f"time           {self.seconds:>9.1f} s",
        ]
        for kind, kept in self.examples.items():
            lines.append(f"{kind}:")
            lines.extend(f"  {text[:400]!r}" for text in kept)
        return "\n".join(lines)


# -- the documents ---------------------------------------------------------------------------


@dataclass
class Document:
    """One mutated document: JSON text or a dict, and how to load it."""

    label: str
    payload: str | bytes | dict[str, Any]
    parser: str
    """"orjson", "json" (orjson made absent), "bulk" (``iter_jsonl``, which must agree
    with ``loads_case``) or "dict" (``load_case``)."""


def base_documents(seed: int) -> list[bytes]:
    """The example and three synthetic cases, as compact JSON."""
    bases = [orjson.dumps(json.loads(example_json()))]
    synthetic = sorted((dump_case(c) for c in generate_cases(8, seed=seed)),
                       key=lambda d: len(orjson.dumps(d)))
    bases.extend(orjson.dumps(d) for d in synthetic[:3])
    return bases


Path = tuple[Any, ...]


def _nodes(data: Any) -> list[Path]:
    """Every path in ``data`` (keys and indexes), root excluded, iteratively."""
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                found.append((*path, key))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found.append((*path, index))
                stack.append(((*path, index), item))
    return found


def _get(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


class _Mutator:
    """Applies mutations to a parsed document (``self.doc``) and then to its text."""

    def __init__(self, rng: random.Random, doc: dict[str, Any]) -> None:
        self.rng = rng
        self.doc: Any = doc
        self.nodes = _nodes(doc)
        self.text_ops: list[Callable[[str], str]] = []
        self.python_only = False  # holds values JSON cannot carry
        self.labels: list[str] = []

    def pick(self, where: Callable[[Path, Any], bool] | None = None) -> Path | None:
        candidates = self.nodes if where is None else [
            p for p in self.nodes if where(p, self.value(p))]
        return self.rng.choice(candidates) if candidates else None

    def value(self, path: Path) -> Any:
        try:
            return _get(self.doc, path)
        except (KeyError, IndexError, TypeError):
            return None

    def put(self, path: Path | None, value: Any) -> None:
        if path is None:
            return
        try:
            _set(self.doc, path, value)
        except (KeyError, IndexError, TypeError):
            return
        self.nodes = _nodes(self.doc)

    # each mutation ----------------------------------------------------------------------

    def kind(self) -> None:
        self.put(self.pick(), copy.deepcopy(self.rng.choice(VALUES)))

    def dates(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, str) and _DATE.fullmatch(v) is not None
                         and _valid(v))
        if path is None:
            return
        if self.rng.random() < 0.5:
            self.put(path, self.rng.choice(DATES))
            return
        day = date.fromisoformat(self.value(path))
        shifted = day + timedelta(days=self.rng.choice([-1, 1, -400, 400, -3650, 3650, 40000]))
        self.put(path, shifted.isoformat())

    def numbers(self) -> None:
        path = self.pick(lambda p, v: type(v) in (int, float))
        choices = NUMBERS + (NON_FINITE if self.rng.random() < 0.3 else [])
        value = self.rng.choice(choices)
        if isinstance(value, float) and not math.isfinite(value):
            self.python_only = True
        self.put(path, value)

    def nesting(self) -> None:
        depth = self.rng.choice(NESTING)
        shape = self.rng.choice(["list", "object", "string"])
        if shape == "list":
            deep = "[" * depth + "]" * depth
        elif shape == "object":
            deep = '{"a":' * depth + "1" + "}" * depth
        else:
            deep = '"' + "[" * depth + '"'
        marker = f"@@nest{self.rng.randrange(10**6)}@@"
        self.put(self.pick(), marker)
        self.text_ops.append(lambda text: text.replace(f'"{marker}"', deep))

    def units(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, dict) and "unit" in v)
        if path is None:
            return
        quantity = dict(self.value(path))
        if self.rng.random() < 0.8:
            quantity["unit"] = self.rng.choice(UNITS)
        else:
            parts = [self.rng.choice(["hour", "week", "session", "A", "min", "1", "(", ")"])
                     for _ in range(self.rng.randrange(1, 40))]
            ops = ["*", "/", " ", "**", "^", " per "]
            quantity["unit"] = "".join(p + self.rng.choice(ops) for p in parts)[:-1]
        if self.rng.random() < 0.3:
            quantity["value"] = self.rng.choice(NUMBERS)
        self.put(path, quantity)

    def characters(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, str))
        if path is None:
            return
        text = self.value(path)
        where = self.rng.randrange(len(text) + 1)
        self.put(path, text[:where] + self.rng.choice(CHARACTERS) + text[where:])

    def repeat_key(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, dict) and bool(v))
        target = self.doc if path is None or self.rng.random() < 0.3 else self.value(path)
        if not isinstance(target, dict) or not target:
            return
        key = self.rng.choice(list(target))
        again = json.dumps(key) + ": " + json.dumps(
            self.rng.choice([target[key], None, "x", 1]), ensure_ascii=False)
        marker = f"@@dup{self.rng.randrange(10**6)}@@"
        target[marker] = 0
        self.text_ops.append(lambda text: text.replace(f'"{marker}": 0', again)
                             .replace(f'"{marker}":0', again))

    def truncate(self) -> None:
        def cut(text: str) -> str:
            return text[: self.rng.randrange(len(text) + 1)]

        self.text_ops.append(cut)

    def corrupt(self) -> None:
        def damage(text: str) -> str:
            where = self.rng.randrange(len(text) + 1)
            junk = self.rng.choice(["\x00", "\ufeff", "{", "}", "[", ",", '"', ":", "\\",
                                    "\\u", "\\ud800", "NaN", "Infinity", "1e309", " ", "",
                                    "9" * 5000])
            skip = self.rng.choice([0, 0, 1, 5])
            return text[:where] + junk + text[where + skip:]

        self.text_ops.append(damage)

    def delete_key(self) -> None:
        path = self.pick(lambda p, v: isinstance(p[-1], str))
        if path is None:
            return
        parent = _get(self.doc, path[:-1])
        parent.pop(path[-1], None)
        self.nodes = _nodes(self.doc)

    def insert_key(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, dict))
        target = self.doc if path is None else self.value(path)
        if not isinstance(target, dict):
            return
        known = [p[-1] for p in self.nodes if isinstance(p[-1], str)]
        key = self.rng.choice([*known, "nickname", "", "schema_version", "\x00", "x" * 200])
        target[key] = copy.deepcopy(self.rng.choice([*VALUES, self.value(self.pick())]))
        self.nodes = _nodes(self.doc)

    def arrays(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, list) and bool(v))
        if path is None:
            return
        items = list(self.value(path))
        action = self.rng.choice(["repeat", "drop", "reverse", "empty", "shuffle"])
        if action == "repeat":
            items.append(copy.deepcopy(self.rng.choice(items)))
        elif action == "drop":
            items.pop(self.rng.randrange(len(items)))
        elif action == "reverse":
            items.reverse()
        elif action == "empty":
            items = []
        else:
            self.rng.shuffle(items)
        self.put(path, items)

    def ids(self) -> None:
        def is_id(path: Path, value: Any) -> bool:
            return isinstance(value, str) and any(
                isinstance(k, str) and (k == "id" or k.endswith(("_id", "_ids", "replaces")))
                for k in path[-2:])

        paths = [p for p in self.nodes if is_id(p, self.value(p))]
        if not paths:
            return
        source = [self.value(p) for p in paths]
        self.put(self.rng.choice(paths),
                 self.rng.choice([*source, "nobody", "", " ", "x" * 300]))

    def codes(self) -> None:
        path = self.pick(lambda p, v: isinstance(v, str) and v in CODES)
        self.put(path, self.rng.choice(CODES))

    def version(self) -> None:
        if not isinstance(self.doc, dict):
            return
        choice = self.rng.choice(["2", "1.0", 1, None, ["1"], {"v": "1"}, "", "delete"])
        if choice == "delete":
            self.doc.pop("schema_version", None)
        else:
            self.doc["schema_version"] = copy.deepcopy(choice)

    def whole(self) -> None:
        self.doc = copy.deepcopy(self.rng.choice(
            [None, [], {}, "case", 42, [self.doc], {"schema_version": "1"}]))
        self.nodes = []

    def move_dates(self) -> None:
        """Move every date by one amount: to the ends of the supported range, or beyond."""
        dated = [p for p in self.nodes
                 if isinstance(self.value(p), str) and _DATE.fullmatch(self.value(p))]
        days = [date.fromisoformat(self.value(p)) for p in dated if _valid(self.value(p))]
        if not days:
            return
        target = self.rng.choice(["start", "end", "beyond", "random"])
        if target == "start":
            delta = date(1900, 1, 1) - min(days)
        elif target == "end":
            delta = date(2199, 12, 31) - max(days)
        elif target == "beyond":
            delta = date(2199, 12, 31) - max(days) + timedelta(days=1)
        else:
            delta = timedelta(days=self.rng.randrange(-40_000, 60_000))
        for path in dated:
            text = self.value(path)
            if not _valid(text):
                continue
            try:
                moved = date.fromisoformat(text) + delta
            except OverflowError:
                continue
            _set(self.doc, path, moved.isoformat())

    MUTATIONS = ("kind", "dates", "numbers", "nesting", "units", "characters", "repeat_key",
                 "truncate", "corrupt", "delete_key", "insert_key", "arrays", "ids", "codes",
                 "version", "whole", "move_dates")
    WEIGHTS = (8, 8, 6, 2, 6, 8, 3, 2, 3, 5, 4, 6, 6, 6, 1, 1, 8)


def _valid(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def mutated_documents(count: int, seed: int = SEED) -> Iterator[Document]:
    """Yield ``count`` mutated documents, the same ones for the same seed."""
    rng = random.Random(seed)
    bases = base_documents(seed)
    for number in range(count):
        mutator = _Mutator(rng, orjson.loads(rng.choice(bases)))
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            name = rng.choices(_Mutator.MUTATIONS, weights=_Mutator.WEIGHTS)[0]
            getattr(mutator, name)()
            mutator.labels.append(name)
        label = f"#{number}:{'+'.join(mutator.labels)}"
        if not mutator.text_ops and (mutator.python_only or rng.random() < 0.15):
            yield Document(label, mutator.doc, "dict")
            continue
        ascii_only = rng.random() < 0.3
        text = json.dumps(mutator.doc, ensure_ascii=ascii_only,
                          indent=rng.choice((None, None, 2)))
        for op in mutator.text_ops:
            text = op(text)
        payload: str | bytes = text
        if rng.random() < 0.6:
            payload = text.encode("utf-8", "surrogatepass")
            if "corrupt" in mutator.labels and rng.random() < 0.3:
                where = rng.randrange(len(payload) + 1)
                payload = payload[:where] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80",
                                                        b"\xef\xbb\xbf"]) + payload[where:]
        parser = rng.choices(("orjson", "json", "bulk"), weights=(55, 20, 25))[0]
        if parser == "bulk" and not payload.strip():
            parser = "orjson"  # iter_jsonl skips a blank line
        yield Document(label, payload, parser)


# -- the battery -----------------------------------------------------------------------------


class Disagreement(Exception):
    """The bulk path (``iter_jsonl``) and ``loads_case`` disagreed about a line."""


def _bulk(payload: str | bytes) -> Any:
    errors: list[RecordStructureError] = []
    cases = list(iter_jsonl([payload], on_error=errors.append))
    try:
        single, single_error = loads_case(payload), None
    except RecordStructureError as error:
        single, single_error = None, error
    if cases:
        if single != cases[0]:
            raise Disagreement(f"iter_jsonl accepted, loads_case: {single_error}")
        return cases[0]
    if single_error is None or errors[0].problems != single_error.problems:
        raise Disagreement(f"iter_jsonl refused ({errors[0]}), loads_case: {single_error}")
    raise errors[0]


def _load(document: Document) -> Any:
    if document.parser == "dict":
        return load_case(document.payload)
    if document.parser == "bulk":
        return _bulk(document.payload)  # type: ignore[arg-type]
    if document.parser == "json":
        saved = sys.modules.get("orjson")
        sys.modules["orjson"] = None  # type: ignore[assignment]  # makes `import orjson` fail
        try:
            return loads_case(document.payload)  # type: ignore[arg-type]
        finally:
            sys.modules["orjson"] = saved  # type: ignore[assignment]
    return loads_case(document.payload)  # type: ignore[arg-type]


def secrets(bases: list[bytes]) -> list[str]:
    """Full names and birth dates in the base documents: what no message may repeat."""
    found: list[str] = []
    for base in bases:
        for person in orjson.loads(base).get("people", []):
            name, born = person.get("name"), person.get("birth_date")
            if isinstance(name, str) and " " in name.strip():
                found.append(name)
            if isinstance(born, str):
                found.append(born)
    return found


def _message_problem(error: PracticeModelError, hidden: list[str]) -> str | None:
    problems = getattr(error, "problems", ())
    messages = [str(p) for p in problems] or [str(error)]
    for message in messages:
        if not message.isprintable():
            return f"unprintable: {message!r}"
        if INTERNALS.search(message):
            return f"Python internals: {message}"
        if len(message) > 600:
            return f"too long ({len(message)}): {message[:200]}"
    text = "\n".join(messages)
    for secret in hidden:
        if secret in text:
            return f"repeats {secret!r}: {text[:300]}"
    return None


def run_battery(count: int, seed: int = SEED, *, rules: bool = True,
                progress: Callable[[Figures], None] | None = None) -> Figures:
    """Load ``count`` mutated documents and return the figures (see the module docstring)."""
    policies = [get_policy(code, on=AS_OF) for code in sorted(PROFILES)]
    hidden = secrets(base_documents(seed))
    figures = Figures()
    began = time.perf_counter()
    # The limit is about each document's own cost: collections that walk everything the test
    # process already holds (earlier tests' clusters, frames, caches) are not the document's.
    gc.collect()
    gc.freeze()
    try:
        _run_documents(count, seed, hidden, policies, figures, rules, progress)
    finally:
        gc.unfreeze()
    figures.seconds = time.perf_counter() - began
    return figures


def _run_documents(count: int, seed: int, hidden: Any, policies: list[Any], figures: Figures,
                   rules: bool, progress: Callable[[Figures], None] | None) -> None:
    for document in mutated_documents(count, seed):
        figures.tried += 1
        # CPU time of this thread, not wall time: other work on a shared machine, or another
        # thread of this process, must not make a document look slow (the limit guards
        # against pathological inputs)
        started = time.thread_time()
        try:
            case = _load(document)
        except PracticeModelError as error:
            figures.rejected += 1
            problem = _message_problem(error, hidden)
            if problem is not None:
                figures.bad_messages += 1
                figures.note("bad messages", f"{document.label}: {problem}")
            case = None
        except Exception as error:  # counted: not the library's
            figures.other += 1
            figures.note("other", f"{document.label}: {type(error).__name__}: {error}"
                                  f" | {str(document.payload)[:300]}")
            case = None
        elapsed = time.thread_time() - started
        figures.slowest = max(figures.slowest, elapsed)
        if elapsed > LOAD_LIMIT:
            figures.slow += 1
            figures.note("slow", f"{document.label}: {elapsed:.2f} s")
        if case is not None:
            figures.accepted += 1
            _check_accepted(case, document, policies, figures, rules)
        if progress is not None and figures.tried % 1000 == 0:
            progress(figures)


def _check_accepted(case: Any, document: Document, policies: list[Any], figures: Figures,
                    rules: bool) -> None:
    try:
        again = loads_case(dumps_case(case))
    except Exception as error:
        again = error
    if again != case:
        figures.round_trips += 1
        figures.note("round trips", f"{document.label}: {again!r}"[:400])
    if not rules:
        return
    for policy in policies:
        try:
            check_case(case, policy=policy, as_of=AS_OF)
        except Exception as error:  # the rules must be total
            figures.rule_crashes += 1
            figures.note("rule crashes", f"{document.label} under {policy.code}: "
                                         f"{type(error).__name__}: {error} | "
                                         f"{dumps_case(case, indent=None)[:200]}")
            return


# -- the tests -------------------------------------------------------------------------------


def test_mutated_documents_are_deterministic() -> None:
    """The same seed gives the same documents."""
    first = [(d.label, d.payload, d.parser) for d in mutated_documents(40, seed=5)]
    again = [(d.label, d.payload, d.parser) for d in mutated_documents(40, seed=5)]
    assert first == again


def test_fuzz_battery() -> None:
    """Each mutated document is accepted or refused with the library's error, in time;
    refusals say so in plain printable words; accepted records round-trip and pass every
    rule under every profile."""
    figures = run_battery(QUICK)
    assert figures.tried == QUICK
    assert figures.accepted > QUICK // 20, figures.report()
    assert figures.failures == 0, figures.report()


@pytest.mark.slow
def test_fuzz_battery_thorough() -> None:
    """The same for 100,000 documents (run with --run-slow)."""
    figures = run_battery(100_000, seed=SEED + 1)
    assert figures.failures == 0, figures.report()


def main(argv: list[str] | None = None) -> int:
    """Run a battery from the command line and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=QUICK,
                        help=f"documents to try (default {QUICK})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED})")
    parser.add_argument("--no-rules", action="store_true",
                        help="skip check_case on accepted documents (loader only)")
    args = parser.parse_args(argv)

    def progress(figures: Figures) -> None:
        sys.stderr.write(f"\r{figures.tried:,} tried, {figures.accepted:,} accepted, "
                         f"{figures.failures:,} failures")
        sys.stderr.flush()

    figures = run_battery(args.count, args.seed, rules=not args.no_rules, progress=progress)
    sys.stderr.write("\n")
    print(f"fuzz battery: {args.count:,} documents, seed {args.seed}")
    print(figures.report())
    return 0 if figures.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
