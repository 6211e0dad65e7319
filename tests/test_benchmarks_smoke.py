"""The rules benchmark's untimed checks on a few cases, so that the script cannot rot.

Nothing is timed here and the baseline tree is not needed: ``benchmarks/rules_benchmark.py``
runs the working tree's side (load, differential check, work counts, item mix) on 5
synthetic cases written the way the benchmark writes them.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from practicemodel.review import DEFAULT_INSTRUMENT
from practicemodel.serialization import dumps_case
from practicemodel.synthetic import generate_cases

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rules_benchmark_current_side_on_five_cases() -> None:
    bench = _module("rules_benchmark")
    lines = [dumps_case(case, indent=None) for case in generate_cases(5, seed=2026)]
    result = bench.run_version(lines, policy_code="MS", as_of=date(2026, 11, 22), repeat=0,
                               with_details=True, check=True)
    assert result["cases"] == 5
    assert result["differential_check"]["ok"], result["differential_check"]
    assert "seconds" not in result  # nothing timed
    found = result["details"]
    assert found["redumped_identical"] == 5
    assert found["per_case"]["rate_case ratings"] == 9
    assert found["visit_path"].startswith("check_case(rules=")
    for shares in found["item_mix"].values():
        assert abs(sum(shares.values()) - 1) < 1e-9
    assert set(found["item_mix"]) == {item.code for item in DEFAULT_INSTRUMENT.items}


def test_make_data_synthetic_family_matches_the_generator() -> None:
    make_data = _module("make_data")
    lines = list(make_data.synthetic_lines(3, 2026))
    assert lines == [dumps_case(case, indent=None) for case in generate_cases(3, seed=2026)]


def test_e2e_benchmark_streams_every_record_through_the_command(tmp_path: Path) -> None:
    """``e2e_benchmark.py`` on the working tree: 12 records from a pool of 5 streamed into
    ``practicemodel review -`` with 2 workers; every record reviewed, none kept on disk."""
    bench = _module("e2e_benchmark")
    pool = tmp_path / "pool.jsonl"
    pool.write_text("".join(dumps_case(case, indent=None) + "\n"
                            for case in generate_cases(5, seed=2026)))
    out = tmp_path / "e2e.json"
    assert bench.main(["--n", "12", "--pool", str(pool), "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    (run,) = result["runs"]
    assert run["n"] == 12
    assert run["version"] == "current"
    assert run["peak_rss_mb"] > 0
    assert result["pool"]["records"] == 5
