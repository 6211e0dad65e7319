"""Cases reviewed per second, single process and with all cores, and peak memory.

Usage (from the repository root)::

    python benchmarks/review_benchmark.py --n 100000 --workers 1 2

Runs exactly what ``practicemodel review --synthetic N --workers W --by region`` runs:
``practicemodel.caseload.review_synthetic``, in which each worker process draws its own
batches of a seeded synthetic caseload (case ``i`` depends only on the seed and ``i``), rates
every case with the default review instrument (all deadlines, S.M.A.R.T., plan quality,
engagement and visit checks) and counts item ratings; only counts travel between processes.
Memory stays flat: nothing is kept per case.

Reports cases/s (generation included; generation alone is measured for reference) and the
peak resident memory of the largest process. Run on demand; never part of the tests. Results
go to ``benchmarks/results/review-<n>.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from datetime import date
from pathlib import Path

from practicemodel.caseload import review_synthetic
from practicemodel.policy import get_policy
from practicemodel.synthetic import generate_cases

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)


def _peak_mb() -> float:
    """Peak RSS of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS: bytes; Linux: KB
    return max(own, children) / per_mb


def run(n: int, workers: int, seed: int) -> dict[str, float]:
    """Review ``n`` synthetic cases with ``workers`` processes; return the figures."""
    t0 = time.perf_counter()
    result = review_synthetic(n, seed=seed, policy=get_policy("MS", AS_OF), as_of=AS_OF,
                              by=("region",), workers=workers)
    wall = time.perf_counter() - t0
    return {"cases": result.cases_reviewed, "workers": workers, "seconds": wall,
            "cases_per_second": result.cases_reviewed / wall, "peak_rss_mb": _peak_mb()}


def main() -> None:
    """Run the benchmark for each worker count and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    t0 = time.perf_counter()
    drawn = sum(1 for _ in generate_cases(2000, seed=args.seed))
    gen = drawn / (time.perf_counter() - t0)
    print(f"generation alone: {gen:,.0f} cases/s (1 process)", flush=True)
    results = []
    for workers in args.workers:
        figures = run(args.n, workers, args.seed)
        results.append(figures)
        print(f"{args.n:,} cases, {workers} worker(s): {figures['cases_per_second']:,.0f} "
              f"cases/s ({figures['seconds']:.0f} s), peak RSS {figures['peak_rss_mb']:.0f} MB",
              flush=True)
    out = HERE / "results" / f"review-{args.n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"python": platform.python_version(), "machine": platform.machine(),
                               "generation_cases_per_second": gen, "runs": results},
                              indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
