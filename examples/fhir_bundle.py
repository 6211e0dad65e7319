"""Export the Wilson family's case as a FHIR R4 Bundle, validate it, and read its plans back.

Run ``python examples/fhir_bundle.py [PATH]``: the Bundle (JSON) is written to PATH
(default: a new temporary directory); the script prints what the Bundle holds, and checks
that every case plan version, with its objectives, comes back from the Bundle's CarePlans
and Goals unchanged. Needs the fhir extra: ``pip install "practicemodel[fhir]"``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from practicemodel.example import load_example
from practicemodel.fhir import case_to_bundle, plans_from_bundle, validate_bundle


def main(argv: list[str]) -> None:
    """Write the Bundle where ``argv`` says (or to a temporary directory) and report."""
    case = load_example()
    bundle = case_to_bundle(case)  # validated before it is returned
    validate_bundle(bundle)  # the same checks, for a Bundle read from anywhere
    kinds = Counter(entry["resource"]["resourceType"] for entry in bundle["entry"])
    print(f"case {case.id}: a {bundle['type']} Bundle of {len(bundle['entry'])} resources")
    for kind, count in sorted(kinds.items()):
        print(f"  {count:3} {kind}")
    plans = plans_from_bundle(bundle)
    assert plans == case.plans, "the plans did not come back unchanged"
    objectives = sum(len(plan.objectives) for plan in plans)
    print(f"read back {len(plans)} plan versions and {objectives} objectives: unchanged")
    path = (Path(argv[0]) if argv
            else Path(tempfile.mkdtemp(prefix="practicemodel-")) / "wilson-bundle.json")
    path.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
