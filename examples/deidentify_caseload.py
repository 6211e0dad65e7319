"""De-identify a synthetic caseload for pooled analysis, and check what the analyst will see.

The steps of the how-to *De-identify a caseload for pooled analysis*
(docs/how-to/deidentify.md) as one script, on 50 synthetic cases so that it runs in a few
seconds:

1. make a key file (the data steward keeps it; the same key gives the same ids in every
   export);
2. de-identify the caseload, JSON Lines to JSON Lines, with the offsets checked against
   the review date the analysts will use;
3. review the original and the export at that date, and compare item performance.

Run it:

    python examples/deidentify_caseload.py          # 50 cases
    python examples/deidentify_caseload.py 300
"""

from __future__ import annotations

import secrets
import sys
import tempfile
from datetime import date
from pathlib import Path

from practicemodel.caseload import review_jsonl
from practicemodel.deidentify import deidentify_jsonl, read_key
from practicemodel.policy import get_policy
from practicemodel.synthetic import write_jsonl

AS_OF = date(2026, 11, 22)


def main(count: int = 50) -> None:
    policy = get_policy("MS", AS_OF)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # 1. The key: 64 hex characters in a file only the data steward can read.
        key_file = work / "deid.key"
        key_file.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        key_file.chmod(0o600)
        key = read_key(key_file)

        # 2. The export: each case's offset is the first keyed candidate that keeps every
        #    rating of both instruments as of AS_OF.
        original = work / "cases.jsonl"
        write_jsonl(original, count, seed=11)
        export = work / "deid.jsonl"
        summary = deidentify_jsonl(original, export, key=key, as_of=AS_OF, policy=policy)
        print(f"{summary.cases_written} cases de-identified, {summary.cases_all_kept} kept "
              f"every rating of both instruments ({summary.tries} candidate offsets tried)")
        for item, cases in summary.changed_items:
            print(f"  changed: {item} in {cases} case(s)")
        first = export.read_text(encoding="utf-8").splitlines()[0]
        print(f"first record starts: {first[:90]}...")

        # 3. What the analyst sees: the same item performance, item by item.
        before = review_jsonl(original, policy=policy, as_of=AS_OF)
        after = review_jsonl(export, policy=policy, as_of=AS_OF)
        print(f"\n{'item':<40} {'original':>10} {'export':>10}")
        for b, a in zip(before.table, after.table, strict=True):
            print(f"{b.item:<40} {f'{b.strengths}/{b.applicable}':>10} "
                  f"{f'{a.strengths}/{a.applicable}':>10}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
