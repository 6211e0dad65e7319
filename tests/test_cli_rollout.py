"""``practicemodel rollout check``: a rollout's schedule findings and each region's follow-up
review against its baseline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from practicemodel.cli import main
from practicemodel.rollout import dump_rollout, get_rollout


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def _broken(tmp_path: Path) -> Path:
    data = dump_rollout(get_rollout("fictional"))
    data["schedules"][0]["evaluation_from"] = "2023-05-01"   # Phase II 10, Phase III 5 months
    data["schedules"][2]["follow_up_review_on"] = "2024-06-01"  # in Phase IV
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_fictional_schedule_passes_every_check() -> None:
    code, out = run("rollout", "check", "--no-reviews")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["Practice model rollout (fictional): 4 regions, 2 wave(s)",
                         "  wave 1 begins 2022-01-01: Northern, Central",
                         "  wave 2 begins 2022-07-01: Southern, Coastal"]
    assert "Schedule: 29 checks, 29 met, 0 not met" in lines
    assert "[met]" not in out  # only what is not met, without --all
    code, out = run("rollout", "check", "--no-reviews", "--all")
    assert out.count("[met]") == 29


def test_a_broken_schedule_fails_with_named_findings(tmp_path: Path) -> None:
    code, out = run("rollout", "check", "--no-reviews", "--rollout-file", str(_broken(tmp_path)))
    assert code == 1
    assert "Schedule: 29 checks, 26 met, 3 not met" in out
    assert ("  [not_met] rollout.initial_implementation_length: region Northern: Phase II: "
            "Initial Implementation runs from 2022-07-01 to 2023-04-30; it lasts 12 months, "
            "so the next phase begins on 2023-07-01.") in out.splitlines()
    assert "[not_met] rollout.follow_up_review: region Southern: The follow-up CQI review " \
        "on 2024-06-01 falls in Phase IV" in out


def test_reviews_compare_each_region_with_its_baseline() -> None:
    code, out = run("rollout", "check", "--cases", "30", "--seed", "1")
    assert code == 0
    for region, baseline, follow_up in (("Northern", "2022-04-15", "2023-08-15"),
                                        ("Coastal", "2022-10-15", "2024-02-15")):
        assert (f"{region}: follow-up review ({follow_up}) against the baseline ({baseline}), "
                "30 synthetic cases each") in out
    assert out.count("safe_closure_criteria") == 4


def test_json_output(tmp_path: Path) -> None:
    code, out = run("rollout", "check", "--cases", "20", "--json")
    data = json.loads(out)
    assert code == 0
    assert [w["regions"] for w in data["waves"]] == [["Northern", "Central"],
                                                      ["Southern", "Coastal"]]
    assert {f["outcome"] for f in data["findings"]} == {"met"}
    assert [r["region"] for r in data["regions"]] == ["Northern", "Central", "Southern",
                                                       "Coastal"]
    item = data["regions"][0]["items"][0]
    assert set(item) == {"item", "name", "baseline", "follow_up", "difference", "low", "high",
                         "p_value", "change"}
    assert item["baseline"]["applicable"] <= 20
    code, out = run("rollout", "check", "--no-reviews", "--json",
                    "--rollout-file", str(_broken(tmp_path)))
    assert code == 1
    failed = [(f["rule"], f["subject_id"]) for f in json.loads(out)["findings"]
              if f["outcome"] == "not_met"]
    assert failed == [("rollout.initial_implementation_length", "Northern"),
                      ("rollout.evaluation_length", "Northern"),
                      ("rollout.follow_up_review", "Southern")]


def test_bad_input_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "regions": ["A"], "schedules": [{"region": "A"}]}',
                   encoding="utf-8")
    code, out = run("rollout", "check", "--rollout-file", str(bad))
    assert code == 1
    assert "$.schedules[0].planning_from" in out
    with pytest.raises(SystemExit) as raised:
        run("rollout", "check", "--rollout", "statewide")
    assert raised.value.code == 2
    assert "unknown rollout 'statewide'; known: fictional" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("rollout", "check", "--cases", "0")


def test_check_html_writes_the_rollout_page(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """``--html`` writes the rollout page and says so; the text output is unchanged."""
    target = tmp_path / "rollout.html"
    code, out = run("rollout", "check", "--cases", "20", "--html", str(target))
    assert code == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert "20 synthetic cases in each review" in page
    assert out == run("rollout", "check", "--cases", "20")[1]


def test_check_html_of_a_broken_rollout_shows_what_is_not_met(tmp_path: Path) -> None:
    target = tmp_path / "rollout.html"
    code, out = run("rollout", "check", "--rollout-file", str(_broken(tmp_path)),
                    "--no-reviews", "--json", "--html", str(target))
    assert code == 1
    not_met = [f for f in json.loads(out)["findings"] if f["outcome"] == "not_met"]
    page = target.read_text(encoding="utf-8")
    assert not_met
    assert page.count('class="finding f-not_met"') == len(not_met)
    assert "Follow-up against baseline" not in page


def test_check_html_to_an_unwritable_path_is_refused_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "rollout.html"
    code, out = run("rollout", "check", "--no-reviews", "--html", str(target))
    assert code == 2
    assert out == ""
    assert "cannot write file (directory" in capsys.readouterr().err
