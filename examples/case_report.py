"""Write the Wilson family's case report: one self-contained HTML file.

Run ``python examples/case_report.py [PATH]``: the report is written to PATH (default: a
new temporary directory) and the script prints where and how large it is. Open the file in
any browser, on a phone, or print it; it needs no network. Needs the report extra:
``pip install "practicemodel[report]"``.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from practicemodel.example import load_example
from practicemodel.policy import get_policy
from practicemodel.report import case_html


def main(argv: list[str]) -> None:
    """Write the report where ``argv`` says (or to a temporary directory) and say so."""
    as_of = date(2026, 11, 22)
    page = case_html(load_example(), policy=get_policy("MS", as_of), as_of=as_of)
    path = (Path(argv[0]) if argv
            else Path(tempfile.mkdtemp(prefix="practicemodel-")) / "wilson-case-report.html")
    path.write_text(page, encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
