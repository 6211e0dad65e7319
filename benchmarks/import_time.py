"""Import time of ``practicemodel``, each measure in a fresh interpreter, median of 7.

Usage (from the repository root)::

    python benchmarks/import_time.py
    python benchmarks/import_time.py --runs 15 --module practicemodel.serialization

Measures, with the interpreter running this script:

- ``-X importtime``: the cumulative time Python reports for ``import practicemodel`` (the
  module and everything it imports that was not already imported by interpreter start-up);
- in-process wall time: ``time.perf_counter()`` around ``import practicemodel`` in a fresh
  interpreter (what a user's program pays);
- subprocess wall time: the whole ``python -c "import practicemodel"`` process, and the same
  for ``python -c "pass"``, whose difference is the import's share of a command-line start.

It also lists the heavy modules that must not be imported by ``import practicemodel``
(``PERFORMANCE.md``: pint ~184 ms, pandas, polars, cattrs' converter set-up) and says whether
any were. The goal is under 120 ms (compared with the median; the fastest run is printed too,
as the figure least disturbed by other work on a shared machine). Figures also go to
``benchmarks/results/import.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "import.json"
GOAL_MS = 120.0
HEAVY = ("pint", "pandas", "polars", "numpy", "dateutil", "cattrs", "orjson", "pydantic")

_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)\s*$")


def source_state() -> dict[str, Any]:
    """The git commit measured and whether ``src/`` had uncommitted changes."""
    repo = HERE.parent

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                                  text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    return {"commit": git("rev-parse", "HEAD") or None,
            "src_modified": bool(git("status", "--porcelain", "--", "src"))}


def importtime_ms(python: str, module: str) -> tuple[float, list[tuple[float, str]]]:
    """Return the cumulative ``-X importtime`` of ``module`` and its biggest imports (ms)."""
    result = subprocess.run(
        [python, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True, text=True, check=True,
    )
    cumulative = None
    parts: list[tuple[float, str]] = []
    for line in result.stderr.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        own_us, cumulative_us, indent, name = match.groups()
        if name == module and len(indent) == 1:
            cumulative = int(cumulative_us) / 1000
        parts.append((int(own_us) / 1000, name))
    if cumulative is None:
        raise RuntimeError(f"no -X importtime line for {module!r}:\n{result.stderr}")
    return cumulative, sorted(parts, reverse=True)[:8]


def in_process_ms(python: str, module: str) -> tuple[float, list[str]]:
    """Return the wall time of ``import module`` in a fresh interpreter, and heavy imports."""
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        f"import {module}\n"
        "t = time.perf_counter() - t\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(t * 1000, ','.join(heavy))\n"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    ms, _, heavy = out.stdout.strip().partition(" ")
    return float(ms), [name for name in heavy.split(",") if name]


def process_ms(python: str, code: str) -> float:
    """Return the wall time of a whole ``python -c code`` process."""
    started = time.perf_counter()
    subprocess.run([python, "-c", code], check=True)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh interpreters per measure (7)")
    parser.add_argument("--module", default="practicemodel", help="module to import")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"({DEFAULT_OUT})")
    args = parser.parse_args(argv)

    # One untimed run of each so the measured runs find .pyc files and a warm file cache.
    process_ms(args.python, f"import {args.module}")
    cumulative, in_process, whole, bare = [], [], [], []
    heavy: list[str] = []
    biggest: list[tuple[float, str]] = []
    for _ in range(args.runs):
        ms, biggest = importtime_ms(args.python, args.module)
        cumulative.append(ms)
        ms, heavy = in_process_ms(args.python, args.module)
        in_process.append(ms)
        whole.append(process_ms(args.python, f"import {args.module}"))
        bare.append(process_ms(args.python, "pass"))

    figures = {
        "importtime_cumulative_ms": statistics.median(cumulative),
        "in_process_wall_ms": statistics.median(in_process),
        "subprocess_wall_ms": statistics.median(whole),
        "bare_interpreter_wall_ms": statistics.median(bare),
    }
    figures["subprocess_minus_bare_ms"] = (
        figures["subprocess_wall_ms"] - figures["bare_interpreter_wall_ms"])
    # The fastest run: the figure least disturbed by other work on a shared machine.
    figures["importtime_cumulative_min_ms"] = min(cumulative)
    figures["in_process_wall_min_ms"] = min(in_process)

    print(f"import {args.module}: median of {args.runs} fresh interpreters "
          f"(Python {platform.python_version()})")
    print(f"  -X importtime, cumulative        {figures['importtime_cumulative_ms']:7.1f} ms"
          f"  (goal < {GOAL_MS:.0f} ms: "
          f"{'met' if figures['importtime_cumulative_ms'] < GOAL_MS else 'NOT met'}; "
          f"fastest run {figures['importtime_cumulative_min_ms']:.1f} ms)")
    print(f"  wall time of the import statement {figures['in_process_wall_ms']:6.1f} ms"
          f"  (fastest run {figures['in_process_wall_min_ms']:.1f} ms)")
    print(f"  wall time of the whole process    {figures['subprocess_wall_ms']:6.1f} ms "
          f"(bare interpreter {figures['bare_interpreter_wall_ms']:.1f} ms, "
          f"difference {figures['subprocess_minus_bare_ms']:.1f} ms)")
    print(f"  heavy modules imported: {', '.join(heavy) if heavy else 'none'} "
          f"(checked: {', '.join(HEAVY)})")
    print("  biggest own import times in the last run:")
    for ms, name in biggest:
        print(f"    {ms:6.1f} ms  {name}")

    result = {
        "benchmark": "import",
        "module": args.module,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "source": source_state(),
        "runs": args.runs,
        "goal_ms": GOAL_MS,
        **figures,
        "samples": {"importtime_cumulative_ms": cumulative, "in_process_wall_ms": in_process,
                    "subprocess_wall_ms": whole, "bare_interpreter_wall_ms": bare},
        "heavy_modules_imported": heavy,
        "biggest_own_imports_ms": [[name, ms] for ms, name in biggest],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
