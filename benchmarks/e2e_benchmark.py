"""End to end: JSON Lines in, the review table out, on 2 cores; scaling and memory.

Usage (from the repository root)::

    python benchmarks/make_data.py --size full --n 10000 --out benchmarks/data/cases-full.jsonl
    python benchmarks/e2e_benchmark.py                      # current tree: 65,000 and 650,000
    python benchmarks/e2e_benchmark.py --versions baseline current --n 65000

Runs exactly what a user runs, ``practicemodel review - --as-of DATE --policy MS --workers 2
--json --no-progress``, as a subprocess with ``PYTHONPATH=<tree>/src`` (the current tree, or the
baseline commit unpacked as ``rules_benchmark.py`` unpacks it), and streams ``--n`` records
into its standard input: the lines of ``--pool`` (``make_data.py``'s ``full`` family, ~11 KB a
record) over and over, so that no file of 650,000 records (~7 GB) is written or kept and
generating them (make_data.py writes ~400 records/s) is not part of the time. The records repeat
every ``len(pool)`` lines; each is decoded and rated afresh.

Measured per run: wall seconds from start to exit (the interpreter's start and import
included), cases/s, the peak resident memory of the process tree (the review process and its
workers, sampled every 0.2 s from ``/proc``), and the output checked: the JSON says every
record was reviewed and none skipped. The load average before and after each run is kept.
The goals (issue 12): 650,000 full records on 2 cores in under 3 minutes; 10x the cases in at
most 10.5x the time; memory flat. Results go to ``benchmarks/results/e2e.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from rules_benchmark import _current_commit, ensure_baseline  # noqa: E402


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and its descendants, in KB (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/status") as handle:
                kb = next((int(line.split()[1]) for line in handle
                           if line.startswith("VmRSS:")), 0)
        except (OSError, StopIteration, IndexError, ValueError):
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = kb
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def run(tree: Path, pool: list[bytes], n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Stream ``n`` records into one ``practicemodel review -`` and measure it."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, "-m", "practicemodel", "review", "-", "--as-of",
               args.as_of, "--policy", args.policy, "--workers", str(args.workers), "--json",
               "--no-progress"]
    load_before = os.getloadavg()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=REPO, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.append(process.stdout.read()),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    assert process.stdin is not None
    size = len(pool)
    for i in range(n):
        process.stdin.write(pool[i % size])
    process.stdin.close()
    error = process.stderr.read()  # type: ignore[union-attr]
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    reader.join()
    sampler.join()
    if code:
        sys.stderr.write(error.decode(errors="replace"))
        raise SystemExit(f"review exited {code}")
    result = json.loads(out[0])
    reviewed = result.get("cases_reviewed", result.get("cases"))
    skipped = result.get("records_skipped", result.get("skipped", 0))
    if reviewed != n or skipped:
        raise SystemExit(f"expected {n:,} cases reviewed and none skipped, got {reviewed!r} "
                         f"reviewed and {skipped!r} skipped")
    return {"n": n, "seconds": round(seconds, 2), "cases_per_second": round(n / seconds, 1),
            "peak_rss_mb": round(peak[0] / 1024, 1), "load_before": load_before,
            "load_after": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    """Run every (version, n) pair, alternating versions, and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[65_000, 650_000])
    parser.add_argument("--pool", type=Path, default=HERE / "data" / "cases-full.jsonl")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--policy", default="MS")
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--versions", nargs="+", choices=("baseline", "current"),
                        default=["current"])
    parser.add_argument("--baseline", default="f7d2d69", help="baseline commit (f7d2d69)")
    parser.add_argument("--baseline-tree", type=Path, default=Path("/tmp/pm_baseline"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "e2e.json")
    args = parser.parse_args(argv)
    if not args.pool.exists():
        raise SystemExit(f"{args.pool} is missing: python benchmarks/make_data.py --size full "
                         f"--n 10000 --out {args.pool}")
    pool = [line if line.endswith(b"\n") else line + b"\n"
            for line in args.pool.read_bytes().splitlines() if line.strip()]
    trees = {"current": REPO}
    commits: dict[str, Any] = {"current": _current_commit()}
    if "baseline" in args.versions:
        commits["baseline"] = {"commit": ensure_baseline(args.baseline, args.baseline_tree)}
        trees["baseline"] = args.baseline_tree
    runs = []
    for n in args.n:
        for version in args.versions:
            figures = run(trees[version], pool, n, args)
            figures["version"] = version
            runs.append(figures)
            print(f"{version:9s} {n:>9,} cases  {figures['seconds']:8.1f} s  "
                  f"{figures['cases_per_second']:8.0f} cases/s  peak {figures['peak_rss_mb']:.0f}"
                  f" MB  load {figures['load_before'][0]:.1f}->{figures['load_after'][0]:.1f}",
                  flush=True)
    by_version: dict[str, list[dict[str, Any]]] = {}
    for figures in runs:
        by_version.setdefault(figures["version"], []).append(figures)
    scaling = {}
    for version, listed in by_version.items():
        listed.sort(key=lambda f: f["n"])
        if len(listed) > 1:
            small, big = listed[0], listed[-1]
            scaling[version] = {"cases_ratio": big["n"] / small["n"],
                                "time_ratio": round(big["seconds"] / small["seconds"], 2),
                                "memory_ratio": round(big["peak_rss_mb"] / small["peak_rss_mb"],
                                                      2)}
            print(f"{version}: {scaling[version]['cases_ratio']:.0f}x the cases in "
                  f"{scaling[version]['time_ratio']}x the time, "
                  f"{scaling[version]['memory_ratio']}x the peak memory")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "commits": commits,
        "pool": {"path": str(args.pool), "records": len(pool)}, "workers": args.workers,
        "policy": args.policy, "as_of": args.as_of, "machine": platform.platform(),
        "cpus": os.cpu_count(), "runs": runs, "scaling": scaling}, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
