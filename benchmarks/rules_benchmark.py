"""Rules at the baseline commit and in the working tree: four paths, same cases, one run.

Usage (from the repository root)::

    python benchmarks/rules_benchmark.py                       # 2,000 synthetic cases, MS
    python benchmarks/rules_benchmark.py --n 500 --rounds 2 --repeat 1   # a quick look
    python benchmarks/rules_benchmark.py --versions current --data benchmarks/data/cases-full.jsonl

Measures, per version, the cases per second of

- ``check_case``: every rule; the findings as ``check_case`` returns them (at the baseline
  every explanation is built then; in the working tree the words are built when read);
- ``check_explained``: every rule, and every finding's subject, explanation and facts read
  (what an app showing every finding does);
- ``rate_case``: the default review instrument (nine item ratings per case);
- ``schedule``: ``practicemodel.timelines.schedule`` alone (every deadline, explained);
- ``visit_rules``: every visit, visitation and staffing rule. In the working tree that is
  ``check_case(..., rules=["visits.*", "visitation.*", "staffing.*"])``; at the baseline,
  whose ``check_case`` takes no ``rules``, it is ``visit_compliance.visit_findings``, which
  produced the findings of the same twelve rule ids.

Two versions run, each in its own interpreter (the same one as this script) with
``PYTHONPATH=<tree>/src``: ``baseline``, the source tree of ``--baseline`` (default
``f7d2d69``) unpacked with ``git archive <commit> | tar -x -C <dir>`` (default
``/tmp/pm_baseline``; made when missing), and ``current``, this repository's ``src/`` as it is
on disk (committed or not). Both read the same JSON Lines: by default ``--n`` cases of
``practicemodel.synthetic.generate_cases(n, seed=--seed)`` written once per run by
``make_data.py --size synthetic`` with the working tree (``--cases-from baseline`` writes them
with the baseline's own generator instead; ``--data FILE`` reads a file you made). Every
version must load every line: each run checks that it loaded them all.

Timing: in each subprocess the cases are loaded (untimed), each path is warmed on 20 cases,
then the four paths run over all cases ``--repeat`` times, interleaved, their order rotated
each repeat, each timed pass after a ``gc.collect()``, with the default GC; the subprocess
reports its best pass per path. The parent alternates baseline and current subprocesses for
``--rounds`` rounds (baseline first in even rounds, current first in odd ones) and keeps the
best of all passes per path and version: cases/s = cases / best seconds, and the ratio
current / baseline. It records the load average before and after, both commits (``+ working
tree`` when ``src/`` has uncommitted changes), a digest of each version's ``src/practicemodel``
per run (and warns when the working tree changed between or during runs: the best figures
may then mix versions), and every pass, in ``benchmarks/results/rules-<n>.json``.

Before anything is timed, the first round also checks and counts, untimed:

- in the working tree, a differential check: for every case, ``rate_case``'s item ratings
  equal the ratings the instrument's items give the findings of a full ``check_case``
  (``item.rate(findings)``), and the visit path's findings (rule, subject, outcome) equal
  the full run's findings of those rules. A difference stops the run;
- in each version, the work done per case (findings, deadlines, ratings), how many lines
  re-dump byte-identical (both versions see the same records), the regions and case
  types, and the item mix: the share of Strength, Area Needing Improvement and Not
  Applicable per item of the default instrument. The run refuses data on which no item is
  ever a Strength or never an Area Needing Improvement (``--allow-uniform`` to go on).

Run on demand; never part of the tests (``tests/test_benchmarks_smoke.py`` runs the
untimed checks on 5 cases so this script cannot rot).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PATHS = ("check_case", "check_explained", "rate_case", "schedule", "visit_rules")
VISIT_PATTERNS = ("visits.*", "visitation.*", "staffing.*")
RATINGS = ("strength", "area_needing_improvement", "not_applicable")
_MARK = "RULES-BENCHMARK-RESULT "
_WARM = 20


# -- inside one version's interpreter ----------------------------------------------------------


def _api(policy_code: str, as_of: date) -> dict[str, Any]:
    """The four paths of the practicemodel this interpreter imports, baseline or current."""
    import inspect

    from practicemodel.checks import check_case
    from practicemodel.policy import get_policy
    from practicemodel.review import DEFAULT_INSTRUMENT, rate_case
    from practicemodel.timelines import schedule

    policy = get_policy(policy_code, as_of)
    selectable = "rules" in inspect.signature(check_case).parameters
    if selectable:
        def visit_rules(case: Any) -> Any:
            return check_case(case, policy=policy, as_of=as_of, rules=VISIT_PATTERNS)
    else:  # the baseline: one function held every visit, visitation and staffing rule
        from practicemodel.visit_compliance import visit_findings

        def visit_rules(case: Any) -> Any:
            return visit_findings(case, policy=policy, as_of=as_of)

    paths: dict[str, Callable[[Any], Any]] = {
        "check_case": lambda case: check_case(case, policy=policy, as_of=as_of),
        "check_explained": lambda case: [(f.subject, f.explanation, f.facts) for f in
                                         check_case(case, policy=policy, as_of=as_of)],
        "rate_case": lambda case: rate_case(case, policy=policy, as_of=as_of),
        "schedule": lambda case: schedule(case, policy=policy, as_of=as_of),
        "visit_rules": visit_rules,
    }
    return {"paths": paths, "instrument": DEFAULT_INSTRUMENT, "check_case": check_case,
            "policy": policy, "selectable": selectable,
            "visit_path": (f"check_case(rules={list(VISIT_PATTERNS)})" if selectable
                           else "visit_compliance.visit_findings")}


def load_lines(lines: Sequence[str]) -> list[Any]:
    """Every line as a case, with the detailed loader every version has."""
    from practicemodel.serialization import loads_case

    return [loads_case(line, source=f"line {number + 1}") for number, line in enumerate(lines)]


def _value(member: Any) -> str:
    """An enum member's value (``"strength"``), whatever kind of enum it is."""
    return str(getattr(member, "value", member))


def _deadlines(result: Any) -> int:
    found = result.all_deadlines
    return len(found() if callable(found) else found)


def details(cases: Sequence[Any], lines: Sequence[str], policy_code: str,
            as_of: date) -> dict[str, Any]:
    """Untimed: work per case, re-dump identity, regions, case types and the item mix."""
    from practicemodel.serialization import dumps_case

    api = _api(policy_code, as_of)
    paths = api["paths"]
    work: Counter[str] = Counter()
    mix: dict[str, Counter[str]] = {item.code: Counter() for item in api["instrument"].items}
    for case in cases:
        work["check_case findings"] += len(paths["check_case"](case))
        review = paths["rate_case"](case)
        work["rate_case ratings"] += len(review.ratings)
        for rated in review.ratings:
            mix[rated.item][_value(rated.rating)] += 1
        work["schedule deadlines"] += _deadlines(paths["schedule"](case))
        work["visit_rules findings"] += len(paths["visit_rules"](case))
    n = max(len(cases), 1)
    return {
        "visit_path": api["visit_path"],
        "per_case": {key: value / n for key, value in sorted(work.items())},
        "redumped_identical": sum(dumps_case(case, indent=None) == line
                                  for case, line in zip(cases, lines, strict=True)),
        "regions": dict(sorted(Counter(case.region for case in cases).items())),
        "case_types": dict(sorted(Counter(_value(case.case_type) for case in cases).items())),
        "item_mix": {code: {rating: counts[rating] / n for rating in RATINGS}
                     for code, counts in mix.items()},
    }


def differential_check(cases: Sequence[Any], policy_code: str, as_of: date,
                       *, limit: int = 5) -> dict[str, Any]:
    """Untimed: ``rate_case`` and the visit path against a full ``check_case``, case by case.

    Returns the number of cases checked and up to ``limit`` differences of each kind.
    """
    from fnmatch import fnmatchcase

    api = _api(policy_code, as_of)
    paths, instrument = api["paths"], api["instrument"]
    rating_diffs: list[dict[str, Any]] = []
    visit_diffs: list[dict[str, Any]] = []

    def key(f: Any) -> tuple[str, str, str]:
        return (f.rule, str(f.subject_id), str(f.outcome))

    for case in cases:
        full = paths["check_case"](case)
        expected = [(item.code, str(item.rate(full).rating)) for item in instrument.items]
        got = [(rated.item, str(rated.rating)) for rated in paths["rate_case"](case).ratings]
        if got != expected and len(rating_diffs) < limit:
            rating_diffs.append({"case": case.id, "rate_case": got, "from_check_case": expected})
        if api["selectable"]:
            want = Counter(key(f) for f in full
                           if any(fnmatchcase(f.rule, p) for p in VISIT_PATTERNS))
            have = Counter(key(f) for f in paths["visit_rules"](case))
            if want != have and len(visit_diffs) < limit:
                visit_diffs.append({"case": case.id, "only_in_full": sorted(want - have),
                                    "only_in_visit_path": sorted(have - want)})
    return {"cases": len(cases), "rating_differences": rating_diffs,
            "visit_differences": visit_diffs,
            "ok": not rating_diffs and not visit_diffs}


def time_paths(cases: Sequence[Any], policy_code: str, as_of: date, repeat: int,
               offset: int = 0) -> dict[str, list[float]]:
    """Seconds of every pass over all cases, per path: interleaved, order rotated each pass."""
    paths = _api(policy_code, as_of)["paths"]
    for run in paths.values():  # warm-up: lazy imports, caches
        for case in cases[:_WARM]:
            run(case)
    seconds: dict[str, list[float]] = {name: [] for name in PATHS}
    for rep in range(repeat):
        shift = (rep + offset) % len(PATHS)
        for name in PATHS[shift:] + PATHS[:shift]:
            run = paths[name]
            gc.collect()
            started = time.perf_counter()
            for case in cases:
                run(case)
            seconds[name].append(time.perf_counter() - started)
    return seconds


def run_version(lines: Sequence[str], *, policy_code: str, as_of: date, repeat: int,
                offset: int = 0, with_details: bool = False,
                check: bool = False) -> dict[str, Any]:
    """Everything one version's subprocess does; ``repeat=0`` times nothing."""
    import practicemodel

    out: dict[str, Any] = {"practicemodel": str(Path(practicemodel.__file__).parent),
                           "python": platform.python_version()}
    cases = load_lines(lines)
    out["cases"] = len(cases)
    if check:
        out["differential_check"] = differential_check(cases, policy_code, as_of)
        if not out["differential_check"]["ok"]:
            return out  # nothing is timed on outcomes that differ
    if with_details:
        out["details"] = details(cases, lines, policy_code, as_of)
    if repeat:
        out["seconds"] = time_paths(cases, policy_code, as_of, repeat, offset)
    return out


def _worker(args: argparse.Namespace) -> int:
    lines = args.data.read_text(encoding="utf-8").splitlines()
    result = run_version(lines, policy_code=args.policy, as_of=args.as_of, repeat=args.repeat,
                         offset=args.offset, with_details=args.details, check=args.check)
    result["loadavg_after"] = os.getloadavg()
    print(_MARK + json.dumps(result), flush=True)
    return 0


# -- the parent: trees, data, rounds, report ---------------------------------------------------


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout.strip()


def _current_commit() -> dict[str, Any]:
    head = _git("rev-parse", "--short", "HEAD")
    status = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=REPO,
                            check=True, capture_output=True, text=True).stdout
    changed = [line[3:] for line in status.splitlines() if line.strip()]
    return {"commit": head, "label": f"{head} + working tree" if changed else head,
            "uncommitted_src_files": changed}


def _tree_differs(commit: str, tree: Path) -> list[str]:
    """The files under ``src/`` that differ between ``commit`` and ``tree`` (none: the same)."""
    listed = dict(line.split("\t", 1)[::-1] for line in
                  _git("ls-tree", "-r", commit, "--", "src").splitlines())
    expected = {path: entry.split()[2] for path, entry in listed.items()}
    on_disk = sorted(str(p.relative_to(tree)) for p in (tree / "src").rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts)
    differ = sorted(set(on_disk) ^ set(expected))
    common = [path for path in on_disk if path in expected]
    if common:
        hashed = subprocess.run(["git", "hash-object", "--stdin-paths"], cwd=tree, check=True,
                                capture_output=True, text=True,
                                input="\n".join(common) + "\n").stdout.split()
        differ += [path for path, blob in zip(common, hashed, strict=True)
                   if blob != expected[path]]
    return differ


def ensure_baseline(commit: str, tree: Path) -> str:
    """The short commit of ``tree``, unpacked from ``git archive <commit>`` when missing.

    An existing tree is used when its ``src/`` holds exactly the commit's files."""
    short = _git("rev-parse", "--short", commit)
    if not (tree / "src").exists():
        if tree.exists() and any(tree.iterdir()):
            raise SystemExit(f"{tree} exists and holds no src/: remove it or pass "
                             "--baseline-tree")
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=REPO, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        print(f"unpacked {short} into {tree}", flush=True)
    differ = _tree_differs(commit, tree)
    if differ:
        raise SystemExit(f"{tree}/src is not commit {short} ({len(differ)} files differ, e.g. "
                         f"{differ[:3]}): remove it or pass --baseline-tree")
    return short


def source_files(tree: Path) -> dict[str, str]:
    """A digest of each file under ``tree/src/practicemodel``: which code a run measured."""
    import hashlib

    root = tree / "src" / "practicemodel"
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(root.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


def source_digest(files: dict[str, str]) -> str:
    """One digest of :func:`source_files`."""
    import hashlib

    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:12]


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree / "src")
    env.pop("PYTHONSTARTUP", None)
    return env


def write_cases(tree: Path, n: int, seed: int, out: Path) -> None:
    """Write ``make_data.py``'s synthetic family with ``tree``'s generator and serializer."""
    command = [sys.executable, str(HERE / "make_data.py"), "--size", "synthetic",
               "--n", str(n), "--seed", str(seed), "--out", str(out)]
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, env=_env(tree), check=True, cwd=REPO)


def _run_worker(version: str, tree: Path, args: argparse.Namespace, rnd: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--data",
               str(args.data), "--policy", args.policy, "--as-of", args.as_of.isoformat(),
               "--repeat", str(args.repeat), "--offset", str(rnd)]
    if rnd == 0:
        command.append("--details")
        if version == "current":
            command.append("--check")
    started = time.perf_counter()
    files = source_files(tree)
    done = subprocess.run(command, env=_env(tree), cwd=REPO, capture_output=True, text=True,
                          check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {version} run failed (exit {done.returncode})")
    result = next(json.loads(line[len(_MARK):]) for line in done.stdout.splitlines()
                  if line.startswith(_MARK))
    result["wall_seconds"] = time.perf_counter() - started
    result["source_digest"] = source_digest(files)
    result["source_files"] = files
    after = source_files(tree)
    if after != files:
        result["source_changed_during_run"] = sorted(
            name for name in set(files) | set(after) if files.get(name) != after.get(name))
    expected = (tree / "src" / "practicemodel").resolve()
    if Path(result["practicemodel"]).resolve() != expected:
        raise SystemExit(f"the {version} run imported {result['practicemodel']}, not {expected}")
    return result


def _uniform(mix: dict[str, dict[str, float]]) -> bool:
    return not any(m["strength"] for m in mix.values()) or not any(
        m["area_needing_improvement"] for m in mix.values())


def _fmt_rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic cases (2,000)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (2026)")
    parser.add_argument("--data", type=Path, default=None,
                        help="read these JSON Lines instead of generating (--n is ignored)")
    parser.add_argument("--cases-from", choices=("current", "baseline"), default="current",
                        help="whose generator and serializer write the cases (current)")
    parser.add_argument("--policy", default="MS", help="policy profile code (MS)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 22))
    parser.add_argument("--rounds", type=int, default=3,
                        help="subprocess runs per version, alternated (3)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="timed passes per path in each run (2)")
    parser.add_argument("--baseline", default="f7d2d69", help="baseline commit (f7d2d69)")
    parser.add_argument("--baseline-tree", type=Path, default=Path("/tmp/pm_baseline"))
    parser.add_argument("--versions", nargs="+", choices=("baseline", "current"),
                        default=["baseline", "current"])
    parser.add_argument("--allow-uniform", action="store_true",
                        help="go on when no item is ever a Strength or never an ANI")
    parser.add_argument("--out", type=Path, default=None,
                        help="result JSON (benchmarks/results/rules-<n>.json)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--details", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args)

    load_before = os.getloadavg()
    started = time.perf_counter()
    trees = {"current": REPO}
    commits = {"current": _current_commit()}
    if "baseline" in args.versions or args.cases_from == "baseline":
        short = ensure_baseline(args.baseline, args.baseline_tree)
        trees["baseline"] = args.baseline_tree
        commits["baseline"] = {"commit": short, "label": short,
                               "tree": str(args.baseline_tree)}
    if args.data is None:
        args.data = (HERE / "data" / f"rules-synthetic-{args.n}-{args.seed}"
                     f"-{args.cases_from}.jsonl")
        write_cases(trees[args.cases_from], args.n, args.seed, args.data)
        source = (f"practicemodel.synthetic.generate_cases({args.n}, seed={args.seed}), "
                  f"written by the {args.cases_from} tree")
    else:
        source = str(args.data)
    n = sum(1 for _ in args.data.open(encoding="utf-8"))
    print(f"{n:,} cases from {source}; {args.policy} as of {args.as_of}; "
          f"load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}",
          flush=True)

    runs: dict[str, list[dict[str, Any]]] = {version: [] for version in args.versions}
    for rnd in range(args.rounds):
        order = list(args.versions) if rnd % 2 == 0 else list(reversed(args.versions))
        for version in order:
            result = _run_worker(version, trees[version], args, rnd)
            runs[version].append(result)
            if result["cases"] != n:
                raise SystemExit(f"the {version} run loaded {result['cases']} of {n} cases")
            check = result.get("differential_check")
            if check is not None and not check["ok"]:
                print(json.dumps(check, indent=2))
                raise SystemExit("differential check failed: rate_case or the visit path "
                                 "differs from a full check_case (see above)")
            found = result.get("details")
            if found and _uniform(found["item_mix"]) and not args.allow_uniform:
                raise SystemExit(f"the {version} run rates the data uniformly (no Strength or "
                                 "no ANI on any item): use other data or --allow-uniform")
            if "seconds" not in result:
                continue
            best = {name: min(s) for name, s in result["seconds"].items()}
            print(f"round {rnd + 1} {version:8}: " + "  ".join(
                f"{name} {n / best[name]:,.0f}/s" for name in PATHS)
                + f"  ({result['wall_seconds']:.0f} s)", flush=True)

    load_after = os.getloadavg()
    changed = {version: sorted({run["source_digest"] for run in runs[version]})
               for version in args.versions}
    mixed: dict[str, list[str]] = {}
    for version in args.versions:
        seen = [run["source_files"] for run in runs[version]]
        names = {name for files in seen for name in files}
        moved = {name for name in names if len({files.get(name) for files in seen}) > 1}
        for run in runs[version]:
            moved.update(run.get("source_changed_during_run", ()))
        if moved:
            mixed[version] = sorted(moved)
    figures: dict[str, dict[str, Any]] = {}
    for name in PATHS if args.repeat else ():
        row: dict[str, Any] = {}
        for version in args.versions:
            best = min(s for run in runs[version] for s in run["seconds"][name])
            row[version] = {"best_seconds": best, "cases_per_second": n / best}
        if len(args.versions) == 2:
            row["ratio_current_over_baseline"] = (row["current"]["cases_per_second"]
                                                  / row["baseline"]["cases_per_second"])
        figures[name] = row

    result = {
        "benchmark": "rules", "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases": n, "data": source, "data_file": str(args.data), "policy": args.policy,
        "as_of": args.as_of.isoformat(), "rounds": args.rounds, "repeat": args.repeat,
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "commits": commits, "source_digests": changed,
        "source_changed_during_run": mixed,
        "loadavg_before": load_before, "loadavg_after": load_after,
        "wall_seconds": time.perf_counter() - started, "figures": figures,
        "details": {version: runs[version][0].get("details") for version in args.versions},
        "differential_check": runs.get("current", [{}])[0].get("differential_check"),
        "runs": runs,
    }
    out = args.out or HERE / "results" / f"rules-{n}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")

    print()
    for version in args.versions:
        print(f"{version}: {commits[version]['label']}")
    for version, moved in mixed.items():
        print(f"WARNING: the {version} source changed during the run ({', '.join(moved)}): "
              "its best figures may mix versions")
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}, "
          f"after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} "
          f"({os.cpu_count()} CPUs)")
    print(f"\n{'path':<16} " + " ".join(f"{v + ' cases/s':>18}" for v in args.versions)
          + ("   current/baseline" if len(args.versions) == 2 else ""))
    for name, row in figures.items():
        line = f"{name:<16} " + " ".join(
            f"{_fmt_rate(row[v]['cases_per_second']):>18}" for v in args.versions)
        if "ratio_current_over_baseline" in row:
            line += f"   {row['ratio_current_over_baseline']:>15.2f}×"
        print(line)
    for version in args.versions:
        found = result["details"][version]
        if found:
            print(f"\n{version}, per case: " + ", ".join(
                f"{value:,.1f} {key}" for key, value in found["per_case"].items()))
            print(f"{version}, item mix (Strength / ANI / NA):")
            for code, shares in found["item_mix"].items():
                print(f"  {code:<32} " + " / ".join(f"{shares[r]:6.1%}" for r in RATINGS))
    check = result["differential_check"]
    if check:
        print(f"\ndifferential check (current): {check['cases']:,} cases, rate_case and the "
              "visit path equal a full check_case")
    print(f"wrote {out} ({result['wall_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
