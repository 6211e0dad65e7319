"""Print the Wilson family's findings as a JSON array, the form a web front end reads.

Every finding has one documented JSON form, ``Finding.to_json()``: plain strings, arrays and
objects (the outcome and the practice-model components as their codes), which
``json.dumps`` writes as is. ``Finding.from_json`` reads it back. A rule's title and CFSR
items are not repeated in each finding: look them up once by id with
``practicemodel.rules.get_rule``.

    python examples/findings_json.py          # under the Mississippi profile
    python examples/findings_json.py FEDERAL  # or another shipped profile
"""

from __future__ import annotations

import json
import sys
from datetime import date

from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.findings import Finding
from practicemodel.policy import get_policy

AS_OF = date(2026, 11, 22)


def main(argv: list[str]) -> None:
    """Print every finding for the example case as of ``AS_OF`` as one JSON array."""
    code = argv[0] if argv else "MS"
    findings = check_case(load_example(), policy=get_policy(code, on=AS_OF), as_of=AS_OF)
    document = [finding.to_json() for finding in findings]
    assert [Finding.from_json(item) for item in document] == list(findings)  # the way back
    print(json.dumps(document, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
