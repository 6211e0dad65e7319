"""The Dask engine against the local engine, same cases, same run; memory per worker; scaling.

Usage (from the repository root; needs the ``dask`` extra)::

    python benchmarks/make_data.py --size full --n 10000 --out benchmarks/data/cases-full.jsonl
    python benchmarks/dask_benchmark.py --cases 10000 100000 --repeat 2   # ~12 min on 2 cores
    python benchmarks/dask_benchmark.py --smoke                           # ~15 s, nothing kept

For each caseload size N (``--cases``), N records are written as 8 JSON Lines files
(``part-0.jsonl`` ... ``part-7.jsonl``, consecutive records, N/8 each) and once more as their
concatenation (``all.jsonl``), under ``--data-dir`` (default ``benchmarks/data/dask/``, one
folder per N; files already there with the same manifest are reused). Record ``i`` is line
``i mod P`` of the pool (``--pool``: ``make_data.py``'s ``full`` family, ~11 KB a record, P =
10,000), its case id prefixed with ``r<i div P>.`` so that every case id is unique; each record
is decoded and rated afresh. ``--smoke`` takes its pool from ``practicemodel.synthetic``
(``generate_cases(20, seed=2026)``) instead, so it needs no data file.

Timed, in this process, for each N:

- **local**: ``caseload.review_jsonl("all.jsonl", workers=2)``, the embedded process pool;
- **dask**: ``distributed.review_files([8 files], client=client)`` on a
  ``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)`` started once (by
  ``distributed.local_cluster``, as the engine starts one: Dask's profiler off), before
  any timing, practicemodel imported on its workers (the start-up and import are timed and
  reported apart, as a user with a running cluster pays them once); the engine's default
  blocksize (64 MiB: a file of N/8 records above it is split, its newlines counted first),
  or ``--blocksize-mib``.

Repetitions are interleaved, the order rotated each round (local first, then dask first);
the best of ``--repeat`` counts. Both tables (and the counts) must be identical, or the run
fails. During each Dask run the resident memory of each worker process (pids from
``client.run(os.getpid)``) is sampled every 0.1 s with psutil, and its high-water mark
(``VmHWM`` of ``/proc/<pid>/status``, reset before the run through ``/proc/<pid>/clear_refs``)
read after; during each local run, the largest pool process's resident memory is sampled.
The load average is kept before and after each run and for the whole run.

Reported: the ratio dask/local of the best times per N (goal, issue 14: <= 1.15), the peak
memory per Dask worker per N and its ratio largest N / smallest N (goal: flat), and the time
ratio of the two sizes for each engine (goal: <= 10.5x for 10x the cases). Results go to
``benchmarks/results/dask.json`` (``--smoke``: ``dask-smoke.json``), with the commit measured.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from rules_benchmark import _current_commit  # noqa: E402

FILES = 8
_CASE_ID = re.compile(rb'^(\{"schema_version":"\d+","id":")')


# -- the data -------------------------------------------------------------------------------


def read_pool(path: Path) -> list[bytes]:
    """The pool's records, one line each (newline-terminated); each must open with its
    case id (``{"schema_version":"…","id":"``), which is how records get fresh ids."""
    pool = [line if line.endswith(b"\n") else line + b"\n"
            for line in path.read_bytes().splitlines() if line.strip()]
    if not pool:
        raise SystemExit(f"{path} holds no record")
    for number, line in enumerate(pool, start=1):
        if not _CASE_ID.match(line):
            raise SystemExit(f"{path}:{number}: the record does not open with its case id")
    return pool


def synthetic_pool(n: int = 20, seed: int = 2026) -> list[bytes]:
    """``n`` cases of ``practicemodel.synthetic`` as pool lines."""
    from practicemodel.serialization import dumps_case
    from practicemodel.synthetic import generate_cases

    return [(dumps_case(case, indent=None) + "\n").encode()
            for case in generate_cases(n, seed=seed)]


def record(pool: list[bytes], i: int) -> bytes:
    """Record ``i``: pool line ``i mod P`` with its case id prefixed ``r<i div P>.``."""
    size = len(pool)
    return _CASE_ID.sub(rb"\g<1>r%d." % (i // size), pool[i % size], count=1)


def build(folder: Path, pool: list[bytes], n: int) -> dict[str, Any]:
    """Write (or reuse) the 8 files and their concatenation for ``n`` records."""
    digest = hashlib.sha256(b"".join(pool)).hexdigest()[:16]
    manifest = {"cases": n, "files": FILES, "pool_records": len(pool), "pool_sha256": digest}
    marker = folder / "manifest.json"
    parts = [folder / f"part-{k}.jsonl" for k in range(FILES)]
    whole = folder / "all.jsonl"
    if marker.exists() and json.loads(marker.read_text()) == manifest and all(
            p.exists() for p in [*parts, whole]):
        return {**manifest, "reused": True, "bytes": sum(p.stat().st_size for p in parts),
                "seconds": 0.0}
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    bounds = [n * k // FILES for k in range(FILES + 1)]
    for k, part in enumerate(parts):
        with part.open("wb") as handle:
            handle.writelines(record(pool, i) for i in range(bounds[k], bounds[k + 1]))
    with whole.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 16 * 2**20)
    marker.write_text(json.dumps(manifest) + "\n")
    return {**manifest, "reused": False, "bytes": sum(p.stat().st_size for p in parts),
            "seconds": round(time.perf_counter() - started, 1)}


# -- memory ---------------------------------------------------------------------------------


def _reset_hwm() -> bool:
    """Reset this process's VmHWM (Linux: write 5 to clear_refs); False if refused."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def _hwm_kb() -> int | None:
    """This process's VmHWM in KB, or None where /proc has none."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


@contextmanager
def sampled(pids: Callable[[], list[int]], every: float = 0.1) -> Iterator[dict[int, int]]:
    """Peak resident bytes of each process ``pids()`` names, sampled while in the block."""
    import psutil

    peaks: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                peaks[pid] = max(peaks.get(pid, 0), rss)
            done.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        done.set()
        thread.join()


def _pool_children(exclude: set[int]) -> list[int]:
    """This process's descendants that are not the cluster's (the local engine's pool)."""
    import psutil

    try:
        return [p.pid for p in psutil.Process().children(recursive=True)
                if p.pid not in exclude]
    except psutil.Error:
        return []


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


# -- the runs -------------------------------------------------------------------------------


def _check_same(n: int, local: Any, dask: Any) -> None:
    """Fail loudly unless both engines give the same table and counts for all ``n`` cases."""
    problems = []
    if local.cases_reviewed != n or dask.cases_reviewed != n:
        problems.append(f"cases reviewed: local {local.cases_reviewed:,}, dask "
                        f"{dask.cases_reviewed:,}, expected {n:,}")
    if local.records_skipped or dask.records_skipped:
        problems.append(f"records skipped: local {local.records_skipped}, dask "
                        f"{dask.records_skipped}")
    if local.table != dask.table:
        diff = next((i for i, (a, b) in enumerate(zip(local.table, dask.table, strict=False))
                     if a != b), min(len(local.table), len(dask.table)))
        problems.append(f"tables differ ({len(local.table)} and {len(dask.table)} rows; first "
                        f"at row {diff})")
    if local != dask:
        problems.append("the CaseloadReview objects differ")
    if problems:
        raise SystemExit(f"{n:,} cases: the engines disagree: " + "; ".join(problems))


def run_size(client: Any, worker_pids: dict[str, int], folder: Path, n: int,
             args: argparse.Namespace, policy: Any, as_of: date) -> dict[str, Any]:
    """Interleaved repetitions of both engines on ``n`` cases; the tables compared."""
    from practicemodel.caseload import review_jsonl
    from practicemodel.distributed import review_files

    parts = [str(folder / f"part-{k}.jsonl") for k in range(FILES)]
    whole = folder / "all.jsonl"
    pids = sorted(worker_pids.values())
    runs: list[dict[str, Any]] = []
    results: dict[str, Any] = {}

    def local() -> tuple[Any, dict[str, Any]]:
        with sampled(lambda: _pool_children(set(pids))) as peaks:
            started = time.perf_counter()
            result = review_jsonl(whole, policy=policy, as_of=as_of, by=args.by,
                                  workers=args.workers)
            seconds = time.perf_counter() - started
        return result, {"seconds": seconds,
                        "peak_rss_mb_largest_pool_process": _mb(max(peaks.values(),
                                                                    default=0))}

    def dask() -> tuple[Any, dict[str, Any]]:
        reset = client.run(_reset_hwm)
        with sampled(lambda: pids) as peaks:
            started = time.perf_counter()
            result = review_files(parts, policy=policy, as_of=as_of, by=args.by,
                                  client=client, blocksize=args.blocksize)
            seconds = time.perf_counter() - started
        hwm = client.run(_hwm_kb) if all(reset.values()) else {}
        return result, {
            "seconds": seconds,
            "peak_rss_mb_per_worker_sampled": [_mb(peaks.get(pid, 0)) for pid in pids],
            "peak_rss_mb_per_worker_vmhwm": [None if hwm.get(address) is None
                                             else round(hwm[address] / 1024, 1)
                                             for address in sorted(worker_pids,
                                                                   key=worker_pids.get)]}

    engines = {"local": local, "dask": dask}
    for round_ in range(args.repeat):
        order = ["local", "dask"] if round_ % 2 == 0 else ["dask", "local"]
        for engine in order:
            load_before = os.getloadavg()
            result, figures = engines[engine]()
            figures.update(engine=engine, round=round_, load_before=load_before,
                           load_after=os.getloadavg(),
                           cases_per_second=round(n / figures["seconds"], 1))
            figures["seconds"] = round(figures["seconds"], 2)
            runs.append(figures)
            if engine in results and results[engine] != result:
                raise SystemExit(f"{n:,} cases: {engine} gave a different result on round "
                                 f"{round_}")
            results[engine] = result
            memory = (figures.get("peak_rss_mb_per_worker_vmhwm")
                      or figures.get("peak_rss_mb_largest_pool_process"))
            print(f"{n:>9,} cases  {engine:5s} round {round_}  {figures['seconds']:8.2f} s  "
                  f"{figures['cases_per_second']:7.0f} cases/s  peak {memory} MB  "
                  f"load {load_before[0]:.2f}->{figures['load_after'][0]:.2f}", flush=True)
    _check_same(n, results["local"], results["dask"])
    best = {engine: min(r["seconds"] for r in runs if r["engine"] == engine)
            for engine in engines}
    dask_runs = [r for r in runs if r["engine"] == "dask"]
    per_worker = [max(*r["peak_rss_mb_per_worker_sampled"],
                      *(v for v in r["peak_rss_mb_per_worker_vmhwm"] if v is not None))
                  for r in dask_runs]
    summary = {"cases": n, "best_seconds": best,
               "ratio_dask_over_local": round(best["dask"] / best["local"], 3),
               "peak_rss_mb_per_dask_worker": max(per_worker),
               "peak_rss_mb_local_pool_process": max(
                   r["peak_rss_mb_largest_pool_process"] for r in runs
                   if r["engine"] == "local"),
               "tables_identical": True, "table_rows": len(results["local"].table)}
    print(f"{n:>9,} cases  best local {best['local']:.2f} s, dask {best['dask']:.2f} s: "
          f"dask/local {summary['ratio_dask_over_local']:.3f}  (tables identical, "
          f"{summary['table_rows']} rows)", flush=True)
    return {"summary": summary, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    """Build the files, start the cluster, run every size, save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="caseload sizes, each written as 8 files (default 100000 1000000)")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (best of)")
    parser.add_argument("--pool", type=Path, default=HERE / "data" / "cases-full.jsonl")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the files go (default benchmarks/data/dask; --smoke: a "
                             "temporary directory, removed after)")
    parser.add_argument("--workers", type=int, default=2, help="local pool and Dask workers")
    parser.add_argument("--policy", default="MS")
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--by", nargs="*", default=["region", "county"])
    parser.add_argument("--blocksize-mib", type=int, default=None,
                        help="the Dask engine's blocksize in MiB (default: its own, 64 MiB)")
    parser.add_argument("--smoke", action="store_true",
                        help="160 and 320 synthetic cases, 1 round: checks the script runs")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    args.by = tuple(args.by)
    from practicemodel.distributed import DEFAULT_BLOCKSIZE

    args.blocksize = (DEFAULT_BLOCKSIZE if args.blocksize_mib is None
                      else args.blocksize_mib * 2**20)
    if args.smoke:
        args.cases = [160, 320] if args.cases == parser.get_default("cases") else args.cases
        args.repeat = 1
    if any(n < FILES for n in args.cases) or args.repeat < 1:
        raise SystemExit(f"--cases must be at least {FILES} and --repeat at least 1")
    out = args.out or HERE / "results" / ("dask-smoke.json" if args.smoke else "dask.json")

    import cloudpickle
    import psutil  # noqa: F401  (a dependency of distributed: fail early if missing)
    from dask.distributed import Client

    if __name__ != "__main__":  # imported (the smoke test): the workers cannot import us
        cloudpickle.register_pickle_by_value(sys.modules[__name__])

    from practicemodel.distributed import local_cluster
    from practicemodel.policy import get_policy

    as_of = date.fromisoformat(args.as_of)
    policy = get_policy(args.policy, as_of)
    if args.smoke:
        pool, pool_name = synthetic_pool(), "practicemodel.synthetic.generate_cases(20, 2026)"
    else:
        if not args.pool.exists():
            raise SystemExit(f"{args.pool} is missing: python benchmarks/make_data.py --size "
                             f"full --n 10000 --out {args.pool}")
        pool, pool_name = read_pool(args.pool), str(args.pool)
    temporary = args.data_dir is None and args.smoke
    root = (Path(tempfile.mkdtemp(prefix="dask-bench-")) if temporary
            else args.data_dir or HERE / "data" / "dask")
    load_start = os.getloadavg()
    commit = _current_commit()
    print(f"commit {commit['label']}; load average {load_start[0]:.2f} {load_start[1]:.2f} "
          f"{load_start[2]:.2f} on {os.cpu_count()} CPUs", flush=True)
    try:
        data = {}
        for n in args.cases:
            data[n] = built = build(root / f"{n}", pool, n)
            how = "reused" if built["reused"] else f"written in {built['seconds']} s"
            print(f"{n:>9,} cases: {built['bytes'] / 2**20:,.0f} MiB in {FILES} files ({how})",
                  flush=True)
        started = time.perf_counter()
        # As the engine starts its own clusters (distributed.WORKER_CONFIG: Dask's
        # statistical profiler off; with it, a worker grew by ~0.3 KB per case rated).
        # No dashboard; the scheduler's HTTP server on a free port (not 8787, which another
        # cluster may hold), as the command line starts its cluster.
        cluster = local_cluster(n_workers=args.workers, dashboard_address=None,
                                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        client = Client(cluster)
        try:
            client.wait_for_workers(args.workers)
            client.run(importlib.import_module, "practicemodel.distributed")
            startup = time.perf_counter() - started
            worker_pids: dict[str, int] = client.run(os.getpid)
            print(f"LocalCluster of {args.workers} workers started and practicemodel imported "
                  f"on them in {startup:.2f} s (not timed in the runs)", flush=True)
            sizes = [run_size(client, worker_pids, root / f"{n}", n, args, policy, as_of)
                     for n in args.cases]
        finally:
            client.close()
            cluster.close()
    finally:
        if temporary:
            shutil.rmtree(root, ignore_errors=True)
    load_end = os.getloadavg()
    scaling: dict[str, Any] = {}
    if len(sizes) > 1:
        small, big = sizes[0]["summary"], sizes[-1]["summary"]
        scaling = {"cases_ratio": big["cases"] / small["cases"],
                   "time_ratio": {engine: round(big["best_seconds"][engine]
                                                / small["best_seconds"][engine], 2)
                                  for engine in ("local", "dask")},
                   "dask_worker_memory_ratio": round(big["peak_rss_mb_per_dask_worker"]
                                                     / small["peak_rss_mb_per_dask_worker"],
                                                     2)}
        print(f"{scaling['cases_ratio']:.0f}x the cases: local {scaling['time_ratio']['local']}x"
              f" the time, dask {scaling['time_ratio']['dask']}x the time; peak memory per "
              f"Dask worker {small['peak_rss_mb_per_dask_worker']} -> "
              f"{big['peak_rss_mb_per_dask_worker']} MB "
              f"({scaling['dask_worker_memory_ratio']}x)")
    print(f"load average at the end {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "when": datetime.now(UTC).isoformat(timespec="seconds"), "commit": commit,
        "smoke": args.smoke, "pool": {"source": pool_name, "records": len(pool)},
        "data": {str(n): figures for n, figures in data.items()},
        "data_dir": None if temporary else str(root), "files": FILES,
        "workers": args.workers, "policy": args.policy, "as_of": args.as_of,
        "by": list(args.by), "repeat": args.repeat, "blocksize": args.blocksize,
        "cluster_startup_seconds": round(startup, 2), "machine": platform.platform(),
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_average_start": load_start, "load_average_end": load_end,
        "sizes": sizes, "scaling": scaling}, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
