"""Tests for the ``practicemodel`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from practicemodel.cli import main
from practicemodel.example import example_json


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    """The built-in example written to a temporary file."""
    path = tmp_path / "wilson.json"
    path.write_text(example_json(), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    """The example with seven mistakes of different kinds, one of them between records."""
    data = json.loads(example_json())
    data["case_type"] = "out_of_home"
    data["people"][2]["birth_date"] = "2018-13-40"
    data["people"][3]["nickname"] = "Lee"
    data["removal_episodes"][1]["placements"][0]["end"] = "2026-02-01"
    data["services"][0]["dosage"] = {"value": "one", "unit": "hour / week"}
    data["contacts"][0]["duration"] = {"value": 50, "unit": "kilogram"}
    data["plans"][1]["completed_on"] = "2026-03-01"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_example_file_exits_zero_with_summary(example_file: Path) -> None:
    """A valid case file exits 0 and prints its summary."""
    code, out = run("validate", str(example_file))
    assert code == 0
    assert "Case wilson-2026-0142 (foster care)" in out
    assert "1 case record checked: 1 valid, 0 invalid" in out


def test_validate_builtin_example_flag() -> None:
    """``validate --example`` checks the shipped example."""
    code, out = run("validate", "--example")
    assert code == 0
    assert "example:wilson_family.json: valid" in out


def test_validate_reports_every_mistake_with_its_path(broken_file: Path) -> None:
    """A file with several mistakes lists each one with its JSON path and exits 1."""
    code, out = run("validate", str(broken_file))
    assert code == 1
    # The wording of each message is the loader's (tests/test_serialization.py); here, that
    # every one is printed, each on its own line with its path.
    expected = [
        "@ $.case_type",
        "@ $.people[2].birth_date",
        "unknown field 'nickname' @ $.people[3]",
        "@ $.removal_episodes[1].placements[0].end",
        "@ $.services[0].dosage",
        "@ $.contacts[0].duration",
        "@ $.plans[1].completed_on",
    ]
    for line in expected:
        assert sum(line in row for row in out.splitlines()) == 1, line
    assert "INVALID, 7 problems" in out


def test_validate_json_output(broken_file: Path, example_file: Path) -> None:
    """``--json`` gives one machine-readable result per input."""
    code, out = run("validate", "--json", str(example_file), str(broken_file))
    assert code == 1
    results = json.loads(out)
    assert [r["valid"] for r in results] == [True, False]
    assert results[0]["case_id"] == "wilson-2026-0142"
    paths = {p["path"] for p in results[1]["problems"]}
    assert "$.people[2].birth_date" in paths


def test_validate_json_lines_reports_line_numbers(tmp_path: Path) -> None:
    """In a .jsonl file each bad line is reported with its line number; blank lines skip."""
    good = json.dumps(json.loads(example_json()))
    bad = json.loads(example_json())
    bad["opened_on"] = "soon"
    path = tmp_path / "cases.jsonl"
    path.write_text(f"{good}\n\n{json.dumps(bad)}\n{good}\n", encoding="utf-8")
    code, out = run("validate", "--quiet", str(path))
    assert code == 1
    assert f"{path}:3: INVALID, 1 problem" in out
    assert "3 case records checked: 2 valid, 1 invalid" in out


def test_validate_stdin() -> None:
    """``-`` reads one case from standard input."""
    code, out = run("validate", "-", stdin=example_json())
    assert code == 0
    assert "<stdin>: valid" in out


def test_validate_unreadable_and_non_json(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is a file problem on stderr; a file that is not JSON is an invalid
    record on stdout; neither is a crash."""
    notjson = tmp_path / "notes.json"
    notjson.write_text("this is not json", encoding="utf-8")
    code, out = run("validate", str(tmp_path / "missing.json"), str(notjson))
    assert code == 1
    assert f"{tmp_path / 'missing.json'}: cannot read file" in capsys.readouterr().err
    assert "not valid JSON" in out
    assert "1 case record checked: 0 valid, 1 invalid; 1 file could not be read" in out


def test_validate_without_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``validate`` with nothing to check exits 2 with a usage message."""
    with pytest.raises(SystemExit) as exit_info:
        run("validate")
    assert exit_info.value.code == 2
    assert "validate needs at least one FILE" in capsys.readouterr().err


def test_example_prints_the_shipped_json() -> None:
    """``example`` prints the example exactly as shipped."""
    code, out = run("example")
    assert code == 0
    assert out == example_json()


def test_example_out_and_summary(tmp_path: Path) -> None:
    """``example --out`` writes the file; ``--summary`` prints the summary."""
    target = tmp_path / "ex.json"
    code, _ = run("example", "--out", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8") == example_json()
    code, out = run("example", "--summary")
    assert out.startswith("Case wilson-2026-0142")


def test_schema_command(tmp_path: Path) -> None:
    """``schema`` prints a JSON Schema; ``--out`` writes it."""
    code, out = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "practicemodel case record"
    target = tmp_path / "schema.json"
    run("schema", "--out", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out)


def test_console_script_exit_codes(broken_file: Path) -> None:
    """The installed console entry point exits with the code ``main`` returns."""
    ok = subprocess.run([sys.executable, "-m", "practicemodel", "validate", "--example", "-q"],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "practicemodel", "validate", str(broken_file)],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "@ $.case_type" in bad.stdout


def test_deadlines_table_for_the_example() -> None:
    """``deadlines --example`` prints entered-care dates and a table with statuses."""
    code, out = run("deadlines", "--example", "--as-of", "2026-11-22", "--policy", "MS")
    assert code == 0
    assert "under MS" in out
    assert "ava: entered foster care 2026-03-20" in out
    assert "supervisory_staffing" in out
    assert "no in-person caseworker visit in 2026-07" in out


def test_deadlines_open_only_and_json(example_file: Path) -> None:
    """``--open`` hides met deadlines; ``--json`` gives the schedule as JSON."""
    code, out = run("deadlines", str(example_file), "--as-of", "2026-11-22", "--open")
    assert code == 0
    assert "met_on_time" not in out
    code, out = run("deadlines", str(example_file), "--as-of", "2026-11-22", "--json")
    data = json.loads(out)
    assert data["policy"] == "FEDERAL"
    statuses = {d["status"] for d in data["deadlines"]}
    assert {"met_on_time", "overdue", "upcoming"} <= statuses
    assert data["entered_foster_care"][0]["entered_on"] == "2026-03-20"


def test_deadlines_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown policy, a bad date, or no input exits 2 with a message."""
    for argv, fragment in [
        (["deadlines", "--example", "--as-of", "2026-11-22", "--policy", "TX"],
         "unknown policy profile 'TX'; known: CA, FEDERAL, MS"),
        (["deadlines", "--example", "--as-of", "22/11/2026"], "invalid date '22/11/2026'"),
        (["deadlines", "--as-of", "2026-11-22"], "exactly one of FILE or --example"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            run(*argv)
        assert exit_info.value.code == 2
        assert fragment in capsys.readouterr().err


def test_deadlines_on_an_invalid_file(broken_file: Path) -> None:
    """An invalid case file is reported with its problems and exits 1."""
    code, out = run("deadlines", str(broken_file), "--as-of", "2026-11-22")
    assert code == 1
    assert "@ $.case_type" in out


def test_check_groups_findings_by_component() -> None:
    """``check --example`` prints findings under each practice-model component's name."""
    code, out = run("check", "--example", "--as-of", "2026-11-22", "--policy", "MS")
    assert code == 0
    assert "Individualized and Timely Case Planning:" in out
    assert "[not_met] smart.overall: objective obj-marcus-assessment in plan plan-1" in out
    assert "[not_met] staffing.monthly" in out  # merged deadline.supervisory_staffing
    assert "[not_met] engagement.actively_involved: Marcus Wilson (marcus)" in out
    assert "[not_met] visits.child_monthly" in out
    assert "[met]" not in out


def test_check_all_and_json(example_file: Path) -> None:
    """``--all`` lists met findings too; ``--json`` gives every finding as JSON."""
    code, out = run("check", str(example_file), "--as-of", "2026-11-22", "--all")
    assert code == 0
    assert "[met]" in out
    code, out = run("check", str(example_file), "--as-of", "2026-11-22", "--json")
    data = json.loads(out)
    rules = {f["rule"] for f in data["findings"]}
    assert {"smart.measurable", "services.serves_objective", "deadline.initial_case_plan"} <= rules
    assert data["policy"] == "FEDERAL"
    # each finding in its one documented JSON form, readable back with Finding.from_json
    from practicemodel.findings import Finding

    assert all(Finding.from_json(f).to_json() == f for f in data["findings"])


def test_check_usage_and_invalid_file(broken_file: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """No input is a usage error (exit 2); an invalid file exits 1 with its problems."""
    with pytest.raises(SystemExit) as exit_info:
        run("check", "--as-of", "2026-11-22")
    assert exit_info.value.code == 2
    assert "check needs exactly one of FILE or --example" in capsys.readouterr().err
    code, out = run("check", str(broken_file), "--as-of", "2026-11-22")
    assert code == 1
    assert "@ $.case_type" in out
