"""``practicemodel plan status``: a Program Improvement Plan's key activities as of a date."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

from practicemodel.cli import main
from practicemodel.improvement import dump_plan, dumps_plan, get_plan


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def test_status_lists_by_goal_the_activities_due_by_the_date() -> None:
    """On 2021-06-30 (quarter 6 of 8) each goal lists its activities due by then, with their
    state; the quarter-8 activities are left out, and counted."""
    code, out = run("plan", "status", "--as-of", "2021-06-30")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ("Mississippi Child and Family Services Review Round 3 Program "
                        "Improvement Plan (MS-R3) as of 2021-06-30")
    assert lines[2] == "quarter 6 of 8: 2021-05-01 to 2021-07-31"
    headings = [line for line in lines if line.startswith("Goal ")]
    assert headings == [
        "Goal 1: Increase Family Engagement (1 due, 7 overdue, 6 ongoing)",
        "Goal 2: Ensure Complete and Accurate Assessment (1 overdue, 5 ongoing)",
        "Goal 3: Improve Supervisory Support (3 overdue, 4 ongoing)",
        "Goal 4: Improve Service Array and Delivery (2 upcoming, 3 due, 5 overdue)",
        "Goal 5: Improve collaboration with courts that supports effective practice and "
        "timely permanency. (2 upcoming, 9 overdue, 2 ongoing)",
    ]
    assert "  1.1.1   overdue   no completion recorded (quarter 1, by 2020-04-30)" in lines
    assert "  1.2.7   due       due this quarter (quarter 6, by 2021-07-31)" in lines
    assert ("                    Revamp risk and safety training: c) Incorporate revised "
            "definitions and concepts into collaborative training with courts.") in lines
    assert not any(line.startswith("  4.1.4 ") for line in lines)  # Quarter 8: upcoming
    assert lines[-1] == "4 upcoming, 4 due, 25 overdue, 17 ongoing (50 activities)"


def test_all_adds_the_upcoming_activities() -> None:
    """``--all`` lists the activities not yet due too."""
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--all")
    assert code == 0
    assert "  4.1.4   upcoming  starts 2021-11-01 (quarter 8, by 2022-01-31)" in out.splitlines()


def test_json_has_every_goal_and_activity() -> None:
    """``--json`` gives the status's JSON form: the quarter, counts, and every activity."""
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["plan"], data["quarter"], data["implementation_quarters"]) == ("MS-R3", 6, 8)
    assert data["counts"]["overdue"] == 25
    assert [len(goal["activities"]) for goal in data["goals"]] == [14, 6, 7, 10, 13]
    assert data["goals"][0]["activities"][0]["state"] == "overdue"


def test_before_the_plan_takes_effect_everything_is_upcoming() -> None:
    """A date before 2020-02-01 has no quarter."""
    code, out = run("plan", "status", "--as-of", "2020-01-15")
    assert code == 0
    assert "before the plan takes effect: every activity is upcoming" in out
    assert out.splitlines()[-1] == "50 upcoming (50 activities)"


def test_progress_file_marks_completions(tmp_path: Path) -> None:
    """Completions read from ``--progress`` turn overdue activities into completed ones."""
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"progress": [
        {"label": "1.1.1", "completed_on": "2020-04-20"},
        {"label": "2.1.1", "completed_on": "2020-06-02"}]}), encoding="utf-8")
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--progress", str(path))
    assert code == 0
    lines = out.splitlines()
    assert "  1.1.1   completed completed on 2020-04-20 (quarter 1, by 2020-04-30)" in lines
    assert ("  2.1.1   completed completed on 2020-06-02 (quarter 1, by 2020-04-30, late)"
            in lines)


def test_a_plan_file_is_read_instead(tmp_path: Path) -> None:
    """``--plan-file`` reads a plan written as JSON (here the shipped one, renamed)."""
    path = tmp_path / "plan.json"
    path.write_text(dumps_plan(attrs.evolve(get_plan("MS-R3"), code="MS-COPY")),
                    encoding="utf-8")
    code, out = run("plan", "status", "--as-of", "2020-03-01", "--plan-file", str(path))
    assert code == 0
    assert "(MS-COPY) as of 2020-03-01" in out
    code, piped = run("plan", "status", "--as-of", "2020-03-01", "--plan-file", "-",
                      stdin=path.read_text(encoding="utf-8"))
    assert (code, piped) == (0, out)


def test_an_invalid_plan_file_lists_its_mistakes(tmp_path: Path) -> None:
    """A plan file with a mistake exits 1 and prints it with its path."""
    data = dump_plan(get_plan("MS-R3"))
    data["goals"][2]["outcomes"] = ["safety_3"]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--plan-file", str(path))
    assert code == 1
    assert f"{path}: 1 problem in the improvement plan:" in out
    assert "unknown CfsrOutcome code 'safety_3'" in out
    assert "@ $.goals[2].outcomes[0]" in out


def test_an_unknown_plan_code_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``--plan`` with a code no plan has exits 2, naming the known codes."""
    with pytest.raises(SystemExit) as exit_info:
        run("plan", "status", "--as-of", "2021-06-30", "--plan", "XX")
    assert exit_info.value.code == 2
    assert "unknown improvement plan 'XX'; known: MS-R3" in capsys.readouterr().err


def test_a_broken_progress_file_lists_its_mistakes(tmp_path: Path) -> None:
    """Progress that is not JSON, or not progress records, exits 1 with where it broke."""
    path = tmp_path / "progress.json"
    path.write_text('{"progress": [{"label": "1.1.1",\n "completed_on": 2020}]}',
                    encoding="utf-8")
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--progress", str(path))
    assert code == 1
    assert out == (f"{path}: 1 problem in the progress records:\n"
                   "  expected a date YYYY-MM-DD, found an integer @ "
                   "$.progress[0].completed_on\n")
    path.write_text('{"progress": [', encoding="utf-8")
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--progress", str(path))
    assert code == 1
    assert out.startswith(f"{path}: 1 problem in the progress records:\n  not valid JSON")


def test_a_progress_label_of_no_activity_is_an_error(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A completion for an activity the plan does not have exits 1 with the label."""
    path = tmp_path / "progress.json"
    path.write_text('{"progress": [{"label": "7.1.1", "completed_on": "2020-04-20"}]}',
                    encoding="utf-8")
    code, _ = run("plan", "status", "--as-of", "2021-06-30", "--progress", str(path))
    assert code == 1
    assert "names no activity of the plan (label '7.1.1'" in capsys.readouterr().err


def test_plan_needs_a_subcommand_and_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    """``plan`` alone, or ``plan status`` without ``--as-of``, is a usage error."""
    for argv in (["plan"], ["plan", "status"]):
        with pytest.raises(SystemExit) as exit_info:
            run(*argv)
        assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "practicemodel plan: error: the following arguments are required: COMMAND" in err
    assert "practicemodel plan status: error: the following arguments are required: --as-of" \
        in err


def test_status_html_writes_the_plan_page(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``--html`` writes the status page (upcoming activities included) and says so; the
    text output is unchanged."""
    target = tmp_path / "plan.html"
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--html", str(target))
    assert code == 0
    assert capsys.readouterr().err == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'class="muted upcoming"' in page
    assert out == run("plan", "status", "--as-of", "2021-06-30")[1]


def test_status_html_with_json_writes_both(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--json", "--html",
                    str(target))
    assert code == 0
    assert json.loads(out)["plan"] == "MS-R3"
    assert "MS-R3" in target.read_text(encoding="utf-8")


def test_status_html_to_an_unwritable_path_is_refused_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "plan.html"
    code, out = run("plan", "status", "--as-of", "2021-06-30", "--html", str(target))
    assert code == 2
    assert out == ""
    assert "cannot write file (directory" in capsys.readouterr().err
