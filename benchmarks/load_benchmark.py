"""Bulk load benchmark: JSON Lines -> typed case records, against peers in the same process.

Usage (from the repository root, after ``python benchmarks/make_data.py``)::

    python benchmarks/load_benchmark.py                   # 20,000 lines, best of 3
    python benchmarks/load_benchmark.py --n 5000 --repeat 5
    python benchmarks/load_benchmark.py --profile         # also cProfile the bulk path

Over the same lines (bytes, as read from the file), in one process, it times:

- ``orjson``: ``orjson.loads`` of every line (plain dicts and lists, no types);
- ``practicemodel iter_jsonl``: ``list(practicemodel.iter_jsonl(lines))``, the bulk path
  (the msgspec fast decoder of ``practicemodel._bulk``, with the detailed converter only for
  a line it does not vouch for; it pauses the GC per batch of 2000 itself);
- ``practicemodel load_case``: ``practicemodel.loads_case(line)`` per line (orjson parse +
  the detailed converter that reports every problem with its path);
- ``pydantic twin``: ``Case.model_validate_json(line)`` per line, with the twin in
  ``pydantic_twin.py`` (same fields, types and invariants; see its docstring).

Each loader except ``iter_jsonl`` runs twice: with the default GC, and with the same GC
handling as ``iter_jsonl`` (``gc_managed``: ``gc.disable()`` per batch of 2000 lines,
restored after each batch, in a copy of ``iter_jsonl``'s loop so that the GC also runs
between batches as often as it does there). Every run builds the list of all results
(that is what a caller of the bulk path holds). The best of ``--repeat`` runs counts; runs
are interleaved, their order rotates each round, and each timed run follows an untimed run
of the same loader (``--no-warmup`` skips it: the allocator state the previous loader
leaves then moves results by up to 50%). Before timing, every line must be accepted by
every loader (counts are asserted), the fast decoder must vouch for every line (so that
``iter_jsonl`` is timed on its fast path, not on the detailed fallback) and build the same
cases as ``loads_case``, and the twin must have the model's shape.

Memory per loaded case: ``tracemalloc`` around loading ``--memory-n`` cases (5,000) kept in
a list, after a warm-up (converters built, pint registry and unit caches filled).

Figures go to the terminal and, as JSON, to ``benchmarks/results/load.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import orjson

import practicemodel

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pydantic_twin  # noqa: E402

DEFAULT_DATA = HERE / "data" / "cases.jsonl"
DEFAULT_OUT = HERE / "results" / "load.json"
BATCH = 2000

Loader = Callable[[list[bytes]], list[Any]]


# -- the loaders ----------------------------------------------------------------------------


def load_orjson(lines: list[bytes]) -> list[Any]:
    loads = orjson.loads
    return [loads(line) for line in lines]


def load_bulk(lines: list[bytes]) -> list[Any]:
    return list(practicemodel.iter_jsonl(lines, batch_size=BATCH))


def load_detailed(lines: list[bytes]) -> list[Any]:
    loads_case = practicemodel.loads_case
    return [loads_case(line) for line in lines]


def load_pydantic(lines: list[bytes]) -> list[Any]:
    validate = pydantic_twin.Case.model_validate_json
    return [validate(line) for line in lines]


def gc_managed(loader: Loader) -> Loader:
    """Run ``loader`` with the GC handled exactly as ``iter_jsonl`` handles it.

    The loop has ``iter_jsonl``'s shape, not just its ``gc.disable()``: lines are collected
    into batches of ``(number, line)`` tuples while the GC is enabled, each batch is loaded
    with the GC paused, and the results are yielded from a generator. The tuples matter: they
    are the allocations that let the GC run between batches (a loop that re-enables the GC
    and pauses it again without allocating lets it run almost never, which measured 50%
    faster than ``iter_jsonl`` on the same converter).
    """

    def build(chunk: list[tuple[int, bytes]]) -> list[Any]:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return loader([line for _, line in chunk])
        finally:
            if was_enabled:
                gc.enable()

    def batches(lines: list[bytes]) -> Iterator[Any]:
        batch: list[tuple[int, bytes]] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            batch.append((number, line))
            if len(batch) >= BATCH:
                yield from build(batch)
                batch = []
        if batch:
            yield from build(batch)

    def run(lines: list[bytes]) -> list[Any]:
        return list(batches(lines))

    return run


# (key, label, GC handling, loader)
RUNS: list[tuple[str, str, str, Loader]] = [
    ("orjson/default", "orjson.loads", "default", load_orjson),
    ("orjson/managed", "orjson.loads", "managed", gc_managed(load_orjson)),
    ("bulk/managed", "practicemodel iter_jsonl", "managed", load_bulk),
    ("detailed/default", "practicemodel load_case", "default", load_detailed),
    ("detailed/managed", "practicemodel load_case", "managed", gc_managed(load_detailed)),
    ("pydantic/default", "pydantic twin", "default", load_pydantic),
    ("pydantic/managed", "pydantic twin", "managed", gc_managed(load_pydantic)),
]


# -- measuring ------------------------------------------------------------------------------


def read_lines(path: Path, n: int) -> list[bytes]:
    if not path.exists():
        sys.exit(f"{path} not found: run `python benchmarks/make_data.py` first")
    with path.open("rb") as handle:
        lines = [line for line in handle.read().splitlines() if line.strip()]
    if len(lines) < n:
        sys.exit(f"{path} has {len(lines):,} records, fewer than --n {n:,}: "
                 f"run `python benchmarks/make_data.py --n {n}`")
    return lines[:n]


def verify(lines: list[bytes]) -> None:
    """Assert that the twin has the model's shape and every loader accepts every line."""
    differences = pydantic_twin.check_against_model()
    assert not differences, f"the pydantic twin differs from the model: {differences}"
    n = len(lines)
    for key, _, _, loader in RUNS:
        if key.endswith("/default"):
            count = len(loader(lines))
            assert count == n, f"{key} loaded {count} of {n} lines"
    bulk = load_bulk(lines)
    assert len(bulk) == n, f"iter_jsonl loaded {len(bulk)} of {n} lines"
    from practicemodel._bulk import decoder

    fast = decoder()
    assert fast is not None, "msgspec is not installed: iter_jsonl would time the detailed path"
    vouched = sum(1 for line in lines if _vouches(fast, line))
    assert vouched == n, f"the fast decoder vouched for {vouched} of {n} lines"
    sample = lines[:200]
    assert [fast.decode(line) for line in sample] == load_detailed(sample)
    gc.collect()


def _vouches(fast: Any, line: bytes) -> bool:
    try:
        fast.decode(line)
    except Exception:
        return False
    return True


def time_runs(lines: list[bytes], repeat: int, *, warmup: bool = True) -> dict[str, list[float]]:
    """Time every loader ``repeat`` times; return the seconds of each run by loader key.

    With ``warmup``, each timed run follows an untimed run of the same loader over the same
    lines, so that it finds the allocator in the state its own work leaves (steady-state
    throughput, as when streaming): without it, a loader that runs right after another one
    freed a different amount of memory pays for that (up to 50% measured here).
    """
    times: dict[str, list[float]] = {key: [] for key, *_ in RUNS}
    n = len(lines)
    for round_ in range(repeat):
        # Rotate the order each round so that no loader always runs right after the same
        # other one (freeing one loader's results changes what the next one finds).
        shift = round_ % len(RUNS)
        for key, _, _, loader in RUNS[shift:] + RUNS[:shift]:
            if warmup:
                loader(lines)
            gc.collect()
            started = time.perf_counter()
            out = loader(lines)
            elapsed = time.perf_counter() - started
            assert len(out) == n
            del out
            times[key].append(elapsed)
            print(f"  round {round_ + 1}/{repeat} {key:<18} {n / elapsed:>9,.0f} cases/s",
                  file=sys.stderr)
    return times


def memory_per_case(lines: list[bytes], loader: Loader) -> float:
    """Bytes allocated per record still held after loading ``lines`` into a list."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = loader(lines)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(kept) == len(lines)
    del kept
    return (after - before) / len(lines)


def profile_bulk(lines: list[bytes], top: int = 25) -> str:
    """Return cProfile's top functions (by own time) for the bulk path over ``lines``."""
    profiler = cProfile.Profile()
    profiler.enable()
    load_bulk(lines)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# -- reporting ------------------------------------------------------------------------------


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


def _versions() -> dict[str, str]:
    names = ("practicemodel", "attrs", "cattrs", "pint", "orjson", "msgspec", "pydantic",
             "pydantic_core")
    return {name: version(name) for name in names}


def report(lines: list[bytes], times: dict[str, list[float]], memory: dict[str, float],
           args: argparse.Namespace, source: dict[str, Any]) -> dict[str, Any]:
    n = len(lines)
    rate = {key: n / min(values) for key, values in times.items()}
    ratios = {
        "iter_jsonl / orjson (same GC handling)": rate["bulk/managed"] / rate["orjson/managed"],
        "iter_jsonl / orjson (orjson with default GC)":
            rate["bulk/managed"] / rate["orjson/default"],
        "iter_jsonl / pydantic (same GC handling)":
            rate["bulk/managed"] / rate["pydantic/managed"],
        "iter_jsonl / pydantic (pydantic with default GC)":
            rate["bulk/managed"] / rate["pydantic/default"],
        "load_case / pydantic (both default GC)":
            rate["detailed/default"] / rate["pydantic/default"],
        "load_case / pydantic (both GC managed)":
            rate["detailed/managed"] / rate["pydantic/managed"],
    }
    goals = {
        "iter_jsonl / orjson (same GC handling)": 0.5,
        "iter_jsonl / pydantic (same GC handling)": 3.0,
    }
    mean_bytes = sum(len(line) for line in lines) / n

    print()
    print(f"{n:,} case records, {mean_bytes:,.0f} bytes of JSON each on average; "
          f"best of {args.repeat}; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs")
    print(f"practicemodel at commit {str(source['commit'])[:12]}"
          f"{' with uncommitted changes in src/' if source['src_modified'] else ''}")
    print()
    print(f"| {'JSON Lines -> objects':<26} | {'default GC':>12} | {'GC managed':>12} |")
    print(f"|{'-' * 28}|{'-' * 14}|{'-' * 14}|")
    for label, prefix in (("orjson.loads (dicts)", "orjson"),
                          ("practicemodel iter_jsonl", "bulk"),
                          ("practicemodel load_case", "detailed"),
                          ("pydantic twin", "pydantic")):
        cells = []
        for mode in ("default", "managed"):
            key = f"{prefix}/{mode}"
            cells.append(f"{rate[key]:>8,.0f}/s" if key in rate else f"{'-':>10}")
        print(f"| {label:<26} | {cells[0]:>12} | {cells[1]:>12} |")
    print()
    for name, value in ratios.items():
        goal = goals.get(name)
        verdict = "" if goal is None else (
            f"  (goal >= {goal}: {'met' if value >= goal else 'NOT met'})")
        print(f"{name:<50} {value:6.2f}x{verdict}")
    print()
    print(f"memory per loaded case ({args.memory_n:,} kept in a list, tracemalloc):")
    for name, value in memory.items():
        goal = "  (goal <= 6 KB: " + ("met)" if value <= 6144 else "NOT met)") \
            if name == "practicemodel iter_jsonl" else ""
        print(f"  {name:<26} {value / 1024:8.1f} KB{goal}")
    print(f"  {'the JSON line itself':<26} {mean_bytes / 1024:8.1f} KB")

    return {
        "benchmark": "load",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "versions": _versions(),
        "source": source,
        "data": {"path": str(args.data), "records": n, "mean_bytes_per_record": mean_bytes},
        "repeat": args.repeat,
        "warmup": not args.no_warmup,
        "gc_batch": BATCH,
        "cases_per_second": rate,
        "seconds": times,
        "ratios": ratios,
        "goals": goals,
        "memory_bytes_per_case": memory,
        "memory_cases": args.memory_n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="lines to load (20,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per loader, best counts (3)")
    parser.add_argument("--memory-n", type=int, default=5_000,
                        help="cases kept for the memory measure (5,000)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"({DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"({DEFAULT_OUT})")
    parser.add_argument("--no-warmup", action="store_true",
                        help="time each run cold, without an untimed run of the same loader "
                             "just before it")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of iter_jsonl over the lines")
    args = parser.parse_args(argv)

    source = source_state()  # before timing: the code imported is the code on disk now
    lines = read_lines(args.data, args.n)
    print(f"verifying that every loader accepts all {len(lines):,} lines...", file=sys.stderr)
    verify(lines)
    print("timing...", file=sys.stderr)
    times = time_runs(lines, args.repeat, warmup=not args.no_warmup)

    sample = lines[:args.memory_n]
    memory = {
        "orjson.loads (dicts)": memory_per_case(sample, load_orjson),
        "practicemodel iter_jsonl": memory_per_case(sample, load_bulk),
        "pydantic twin": memory_per_case(sample, load_pydantic),
    }
    args.memory_n = len(sample)
    result = report(lines, times, memory, args, source)

    if args.profile:
        text = profile_bulk(lines)
        print()
        print("cProfile of iter_jsonl (top functions by own time):")
        print(text)
        result["profile_top"] = text
        # The profile's total is inflated by profiling overhead; the share per function
        # is what matters.
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    print(f"(median of runs, cases/s: "
          f"{ {k: round(len(lines) / statistics.median(v)) for k, v in times.items()} })",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
