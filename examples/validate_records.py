"""Load case records, and see exactly what is wrong with a bad one.

An agency app stores case records as JSON. This script shows what happens when a record with
mistakes is loaded: one `RecordStructureError` lists every mistake, each with the JSON path
of the offending value, so an app can point a caseworker at the field to fix. It then streams
a small JSON Lines file, the way a data scientist loads a whole caseload.

    python examples/validate_records.py
"""

from __future__ import annotations

import io
import json

from practicemodel import RecordStructureError, dumps_case, iter_jsonl, loads_case
from practicemodel.example import example_json, load_example


def main() -> None:
    """Load a broken copy of the example, print its problems, then stream three records."""
    record = json.loads(example_json())
    record["people"][3]["birth_date"] = "2022-02-30"  # no such day
    record["contacts"][0]["mode"] = "carrier pigeon"  # not a contact mode
    record["services"][2]["person_ids"] = ["marcos"]  # a typo in a reference
    try:
        loads_case(json.dumps(record), source="wilson-with-mistakes.json")
    except RecordStructureError as error:
        print(f"{len(error.problems)} problems found:")
        for problem in error.problems:
            print(f"  at $.{problem.path}: {problem.message}")

    case = load_example()
    lines = io.StringIO("\n".join(dumps_case(case, indent=None) for _ in range(3)) + "\n")
    loaded = list(iter_jsonl(lines))
    print(f"\nstreamed {len(loaded)} case records; all equal to the example: "
          f"{all(c == case for c in loaded)}")


if __name__ == "__main__":
    main()
