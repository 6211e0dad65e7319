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


def test_dask_benchmark_smoke_compares_the_engines_on_a_local_cluster(tmp_path: Path) -> None:
    """``dask_benchmark.py --smoke``: 160 and 320 synthetic cases in 8 files each, the local
    engine and a 2-worker ``LocalCluster`` once each; the tables compared (the script fails
    otherwise), every worker's memory measured, the files in a temporary directory removed."""
    bench = _module("dask_benchmark")
    out = tmp_path / "dask.json"
    assert bench.main(["--smoke", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["smoke"] is True
    assert result["data_dir"] is None
    assert [size["summary"]["cases"] for size in result["sizes"]] == [160, 320]
    for size in result["sizes"]:
        summary = size["summary"]
        assert summary["tables_identical"] is True
        assert summary["table_rows"] > 0
        assert summary["peak_rss_mb_per_dask_worker"] > 0
        assert {run["engine"] for run in size["runs"]} == {"local", "dask"}
        (dask_run,) = [run for run in size["runs"] if run["engine"] == "dask"]
        assert len(dask_run["peak_rss_mb_per_worker_sampled"]) == 2
    assert result["scaling"]["cases_ratio"] == 2
    assert result["cluster_startup_seconds"] > 0
    # record i is pool line i mod P with a fresh case id, the rest of it unchanged
    pool = bench.synthetic_pool(3)
    records = [bench.record(pool, i) for i in range(7)]
    ids = [json.loads(line)["id"] for line in records]
    assert len(set(ids)) == 7
    assert ids[0] == "r0.syn-2026-0000000"
    assert ids[4] == "r1.syn-2026-0000001"
    assert [json.loads(line) | {"id": ""} for line in records[3:6]] == [
        json.loads(line) | {"id": ""} for line in pool]
