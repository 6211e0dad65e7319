#!/usr/bin/env python3
"""Evidence that a de-identified export keeps the analysis and loses the people.

    python scripts/deidentify_evidence.py                  # 10,000 synthetic cases
    python scripts/deidentify_evidence.py --cases 500 --workers 2

For each synthetic case (``generate_cases(N, seed=1)``), with a fixed fictional key, this
de-identifies the case twice: verified (``as_of`` 2026-11-22, policy MS, the offset checked
against both instruments) and unverified (``as_of=None``). It then

- rates the verified output, loaded back from its JSON, on the practice-model and the CFSR
  instruments with ``rate_case`` and compares every item and outcome with the original
  case's (an independent check of ``changed_items``);
- scans both outputs' JSON for the original's names, ids, birth dates and free text (see
  :func:`scan`), and scans the original's own JSON the same way (a negative control: the
  scanner must find them there).

It prints the figures the how-to quotes: cases per second, cases with every rating kept,
each item that changed with its count and cause, and the scanner's counts.
``tests/test_deidentify.py`` runs :func:`scan` on a smaller caseload.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
import typing
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from enum import Enum
from typing import Any

import attrs

from practicemodel import _checks
from practicemodel.case import Case
from practicemodel.deidentify import deidentify_case
from practicemodel.policy import get_policy
from practicemodel.review import CFSR_INSTRUMENT, DEFAULT_INSTRUMENT, CaseReview, rate_case
from practicemodel.serialization import dumps_case, loads_case, model_classes
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
KEY = b"fictional key of the de-identification evidence run"
SUBSTRING_MIN = 8
"""A sensitive string this long or longer is also looked for inside every output value."""

CATEGORIES = ("names", "ids", "birth_dates", "texts")
_TEXT_VALIDATORS = (_checks.text, _checks.optional_text, _checks.texts)


# -- the scanner ----------------------------------------------------------------------------


def _validators(validator: object) -> Iterator[object]:
    inner = getattr(validator, "_validators", None)
    if inner is None:
        yield validator
    else:
        for one in inner:
            yield from _validators(one)


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith(("_id", "_ids")) or name == "replaces"


def _holds_records(tp: Any) -> bool:
    if isinstance(tp, type) and attrs.has(tp):
        return True
    return any(_holds_records(arg) for arg in typing.get_args(tp))


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, str | None, bool], ...]:
    """(field, category or None, whether it holds records) for each field of ``cls``."""
    model_classes()  # resolves the annotations
    found = []
    for field in attrs.fields(cls):
        category: str | None = None
        if field.type in (str, str | None, tuple[str, ...]):
            if field.name in ("name", "provider"):
                category = "names"
            elif _is_id(field.name):
                category = "ids"
            elif any(v in _TEXT_VALIDATORS for v in _validators(field.validator)):
                category = "texts"
        elif field.name == "birth_date":
            category = "birth_dates"
        found.append((field.name, category, _holds_records(field.type)))
    return tuple(found)


def sensitive_strings(case: Case) -> dict[str, set[str]]:
    """The strings of ``case`` that must not reach an export, by category: the names of
    people, staff, households and providers; every id and id reference; each person's
    birth date (ISO); every free-text value (a field checked by the model's text
    validators). Found by walking the record's attrs classes, not by the de-identifier's
    own table."""
    found: dict[str, set[str]] = {category: set() for category in CATEGORIES}

    def walk(obj: Any) -> None:
        for name, category, nested in _fields(type(obj)):
            value = getattr(obj, name)
            if value is None:
                continue
            if category == "birth_dates":
                found[category].add(value.isoformat())
            elif category is not None:
                values = value if isinstance(value, tuple) else (value,)
                found[category].update(v for v in values if v.strip())
            elif nested:
                for item in value if isinstance(value, tuple) else (value,):
                    walk(item)

    walk(case)
    return found


def _vocabulary() -> frozenset[str]:
    """Every enumerated code of the record (``"mother"``, ``"in_person"``...)."""
    words: set[str] = set()

    def enums(tp: Any) -> Iterator[type[Enum]]:
        if isinstance(tp, type) and issubclass(tp, Enum):
            yield tp
        for arg in typing.get_args(tp):
            yield from enums(arg)

    for cls in model_classes():
        for field in attrs.fields(cls):
            for enum in enums(field.type):
                words.update(str(member.value) for member in enum)
    return frozenset(words)


VOCABULARY = _vocabulary()


def json_strings(record: Any) -> list[str]:
    """Every string value of a JSON record (keys are not values)."""
    if isinstance(record, str):
        return [record]
    if isinstance(record, dict):
        return [s for value in record.values() for s in json_strings(value)]
    if isinstance(record, list):
        return [s for value in record for s in json_strings(value)]
    return []


def scan(original: Case, output: dict[str, Any]) -> Counter[str]:
    """How many of ``original``'s sensitive strings the JSON record ``output`` holds, by
    category.

    The rule: a sensitive string is found when it *is* a string value of the output (any
    field; for a birth date, the only test), unless it is a word of the model's vocabulary
    (an id ``"mother"`` and the parent role ``"mother"`` are the same word, which an output
    may hold without revealing anything); and a name, id or text of at least
    ``SUBSTRING_MIN`` characters is also found *inside* any string value. Shorter strings
    are matched exactly only: inside other words they would be found by chance.
    """
    exact = set(json_strings(output))
    joined = "\x00".join(exact)
    hits: Counter[str] = Counter()
    for category, strings in sensitive_strings(original).items():
        for text in strings:
            if category == "birth_dates":
                hits[category] += text in exact
            elif text not in VOCABULARY and (
                    text in exact or (len(text) >= SUBSTRING_MIN and text in joined)):
                hits[category] += 1
    return hits


# -- the run --------------------------------------------------------------------------------


def _ratings(case: Case, policy: Any) -> dict[str, str]:
    """Each item's and outcome's rating on both instruments, named as ``changed_items``."""
    named: dict[str, str] = {}
    for code, instrument in (("ms-practice-model", DEFAULT_INSTRUMENT),
                             ("cfsr", CFSR_INSTRUMENT)):
        review: CaseReview = rate_case(case, policy=policy, as_of=AS_OF, instrument=instrument)
        named.update({f"{code}:{r.item}": r.rating.value for r in review.ratings})
        named.update({f"cfsr:{o.outcome.value}": o.result.value for o in review.outcomes})
    return named


def run_shard(first: int, count: int, seed: int) -> dict[str, Any]:
    """De-identify, check and scan cases ``first`` to ``first + count - 1``."""
    policy = get_policy("MS", AS_OF)
    totals: dict[str, Any] = {
        "cases": 0, "all_kept": 0, "tries": 0, "max_tries": 0, "mismatches": 0,
        "verified_seconds": 0.0, "unverified_seconds": 0.0,
        "changed": Counter(), "by_shift": Counter(), "by_text": Counter(),
        "leaks_verified": Counter(), "leaks_unverified": Counter(), "control": Counter(),
        "open_among_shift_failures": 0, "shift_failures": 0,
    }
    for case in generate_cases(count, seed=seed, first=first):
        start = time.perf_counter()
        result = deidentify_case(case, key=KEY, as_of=AS_OF, policy=policy)
        middle = time.perf_counter()
        unverified = deidentify_case(case, key=KEY, as_of=None)
        end = time.perf_counter()
        totals["verified_seconds"] += middle - start
        totals["unverified_seconds"] += end - middle
        totals["cases"] += 1
        totals["tries"] += result.tries
        totals["max_tries"] = max(totals["max_tries"], result.tries)
        text = dumps_case(result.case, indent=None)
        loaded = loads_case(text)
        before, after = _ratings(case, policy), _ratings(loaded, policy)
        differing = tuple(name for name in before if before[name] != after[name])
        totals["mismatches"] += set(differing) != set(result.changed_items)
        totals["all_kept"] += not differing
        totals["changed"].update(differing)
        totals["by_shift"].update(result.shift_changed_items)
        totals["by_text"].update(set(differing) - set(result.shift_changed_items))
        if result.shift_changed_items:
            totals["shift_failures"] += 1
            totals["open_among_shift_failures"] += case.closed_on is None
        totals["leaks_verified"].update(scan(case, json.loads(text)))
        totals["leaks_unverified"].update(
            scan(case, json.loads(dumps_case(unverified.case, indent=None))))
        totals["control"].update(scan(case, json.loads(dumps_case(case, indent=None))))
    return totals


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    total = parts[0]
    for part in parts[1:]:
        for name, value in part.items():
            total[name] = max(total[name], value) if name == "max_tries" else total[name] + value
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="how many (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="synthetic seed (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes (default: one per core)")
    args = parser.parse_args(argv)
    shards = max(1, min(args.workers * 4, args.cases))
    bounds = [(args.cases * i // shards, args.cases * (i + 1) // shards) for i in range(shards)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        parts = list(pool.map(run_shard, [a for a, _ in bounds], [b - a for a, b in bounds],
                              [args.seed] * shards))
    wall = time.perf_counter() - started
    t = _merge(parts)
    n = t["cases"]
    print(f"{n} synthetic cases (seed {args.seed}), policy MS, as of {AS_OF}, "
          f"{args.workers} worker(s), {wall:.0f} s in all")
    print(f"verified:   {n / t['verified_seconds']:.1f} cases/s per process, "
          f"{t['tries'] / n:.2f} candidate offsets per case (most {t['max_tries']})")
    print(f"unverified: {n / t['unverified_seconds']:.1f} cases/s per process")
    print(f"every rating of both instruments kept: {t['all_kept']} of {n} cases "
          f"({t['all_kept'] / n:.2%})")
    print(f"changed_items disagreeing with an independent review of the output: "
          f"{t['mismatches']}")
    print(f"cases where no offset kept every rating: {t['shift_failures']} "
          f"({t['open_among_shift_failures']} of them open cases)")
    print("ratings changed (cases: all / by the date shift / with the removed text):")
    for item, count in sorted(t["changed"].items(), key=lambda p: (-p[1], p[0])):
        print(f"  {item:<48} {count:>6} / {t['by_shift'][item]:>6} / {t['by_text'][item]:>6}")
    for label, key in (("scanner, verified output", "leaks_verified"),
                       ("scanner, unverified output", "leaks_unverified"),
                       ("scanner, original (negative control)", "control")):
        counts = ", ".join(f"{t[key][c]} {c.replace('_', ' ')}" for c in CATEGORIES)
        print(f"{label}: {counts}")
    leaked = sum(t["leaks_verified"].values()) + sum(t["leaks_unverified"].values())
    return 0 if leaked == 0 and t["mismatches"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
