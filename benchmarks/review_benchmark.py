"""Cases reviewed per second, single process and with all cores, and peak memory.

Usage (from the repository root)::

    python benchmarks/review_benchmark.py --n 100000 --workers 1 2

Each worker generates its share of a seeded synthetic caseload (case ``i`` depends only on the
seed and ``i``, so workers need no shared data), rates every case with the default review
instrument (``practicemodel.review.rate_case``: all deadlines, S.M.A.R.T., plan quality,
engagement and visit checks) and counts item ratings in one pass — the work
``practicemodel review --synthetic N`` does. Memory stays flat: nothing is kept per case.
Reports cases/s (generation included, and generation alone for reference) and the peak
resident memory of a worker. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from practicemodel.policy import get_policy
from practicemodel.review import rate_case
from practicemodel.synthetic import SyntheticParameters, _case

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)


def _work(args: tuple[int, int, int, bool]) -> tuple[int, dict[str, int], float, int]:
    start, stop, seed, rate = args
    params = SyntheticParameters()
    policy = get_policy("MS")
    counts: Counter[str] = Counter()
    t0 = time.perf_counter()
    for index in range(start, stop):
        case = _case(seed, index, params)
        if rate:
            for rating in rate_case(case, policy=policy, as_of=AS_OF).ratings:
                counts[f"{rating.item}:{rating.rating.value}"] += 1
    elapsed = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return stop - start, dict(counts), elapsed, peak_kb


def run(n: int, workers: int, seed: int, *, rate: bool = True) -> dict[str, float]:
    """Review ``n`` synthetic cases with ``workers`` processes; return the figures."""
    chunk = max(1, n // (workers * 8))
    tasks = [(i, min(i + chunk, n), seed, rate) for i in range(0, n, chunk)]
    t0 = time.perf_counter()
    done = 0
    peak = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for count, _, _, peak_kb in pool.map(_work, tasks):
            done += count
            peak = max(peak, peak_kb)
    wall = time.perf_counter() - t0
    return {"cases": done, "workers": workers, "seconds": wall, "cases_per_second": done / wall,
            "peak_worker_rss_mb": peak / 1024}


def main() -> None:
    """Run the benchmark for each worker count and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    results = []
    gen = run(min(args.n, 2000), 1, args.seed, rate=False)
    print(f"generation alone: {gen['cases_per_second']:,.0f} cases/s (1 worker)")
    for workers in args.workers:
        figures = run(args.n, workers, args.seed)
        results.append(figures)
        print(f"{args.n:,} cases, {workers} worker(s): {figures['cases_per_second']:,.0f} "
              f"cases/s ({figures['seconds']:.0f} s), peak worker RSS "
              f"{figures['peak_worker_rss_mb']:.0f} MB")
    out = HERE / "results" / "review.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"generation": gen, "runs": results}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
