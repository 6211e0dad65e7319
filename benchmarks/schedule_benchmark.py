"""Deadline schedules computed per second over a synthetic set of child episodes.

Usage (from the repository root)::

    python benchmarks/schedule_benchmark.py                 # 50,000 cases x 2 children
    python benchmarks/schedule_benchmark.py --n 5000 --policy MS

Builds ``--n`` varied copies of the ``full`` template family of ``make_data.py`` (two
children, each in one removal episode with two placements; hearings, findings, two plan
versions, contacts, staffings; every date shifted by a seeded random number of days), loads
them into typed cases, then times ``practicemodel.timelines.schedule`` over all of them with
the garbage collector frozen (the cases are long-lived), best of ``--repeat`` runs. It reports
child schedules per second (the figure issue 3 asks for) and case schedules per second, as of
a fixed date, 2026-11-22, under each profile asked for. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import time
from datetime import date
from pathlib import Path

from practicemodel.case import Case
from practicemodel.policy import get_policy
from practicemodel.serialization import make_converter
from practicemodel.timelines import schedule

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)


def _make_data() -> object:
    spec = importlib.util.spec_from_file_location("make_data", HERE / "make_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_cases(n: int, seed: int) -> list[Case]:
    """Return ``n`` varied, loaded copies of the ``full`` template."""
    make_data = _make_data()
    import practicemodel

    template = practicemodel.dump_case(make_data.load_template("full"))  # type: ignore[attr-defined]
    del template["schema_version"]
    converter = make_converter(detailed_validation=False)
    gc.disable()
    try:
        return [converter.structure(make_data.vary(template, i, seed), Case)  # type: ignore[attr-defined]
                for i in range(n)]
    finally:
        gc.enable()


def main() -> None:
    """Build the cases, time the schedules, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000, help="cases (50,000 = 100,000 children)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--policy", nargs="+", default=["FEDERAL", "MS"])
    args = parser.parse_args()

    started = time.perf_counter()
    cases = build_cases(args.n, args.seed)
    children = sum(len(c.child_ids) for c in cases)
    episodes = sum(len(c.removal_episodes) for c in cases)
    print(f"built {len(cases):,} cases, {children:,} children, {episodes:,} episodes in "
          f"{time.perf_counter() - started:.1f} s")
    gc.collect()
    gc.freeze()
    results: dict[str, dict[str, float]] = {}
    for code in args.policy:
        policy = get_policy(code)
        best = float("inf")
        deadlines = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            deadlines = sum(len(schedule(c, policy=policy, as_of=AS_OF).all_deadlines())
                            for c in cases)
            best = min(best, time.perf_counter() - t0)
        results[code] = {
            "seconds": best,
            "child_schedules_per_second": children / best,
            "case_schedules_per_second": len(cases) / best,
            "deadlines_per_second": deadlines / best,
            "deadlines": deadlines,
        }
        print(f"{code:8} {children / best:10,.0f} child schedules/s  "
              f"{len(cases) / best:9,.0f} cases/s  {deadlines / best:11,.0f} deadlines/s  "
              f"({deadlines:,} deadlines, best of {args.repeat}: {best:.2f} s)")
    out = HERE / "results" / "schedule.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"as_of": AS_OF.isoformat(), "cases": len(cases),
                               "children": children, "episodes": episodes,
                               "results": results}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
