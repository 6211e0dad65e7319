"""``practicemodel report`` and ``review --html`` / ``--baseline``: success and error paths."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from practicemodel.cli import main
from practicemodel.example import example_json
from practicemodel.serialization import dumps_case
from practicemodel.synthetic import generate_cases
from test_report_case import assert_self_contained

AS_OF = "2026-11-22"


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "wilson.json"
    path.write_text(example_json(), encoding="utf-8")
    return path


def _jsonl(path: Path, n: int, seed: int, bad: bool = False) -> Path:
    lines = [json.dumps(json.loads(dumps_case(case))) for case in generate_cases(n, seed=seed)]
    if bad:
        lines.insert(2, '{"not": "a case"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_report_writes_the_case_report(tmp_path: Path, example_file: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """``report FILE --out case.html`` writes the page and says where, on standard error
    (as ``review --html`` does)."""
    target = tmp_path / "case.html"
    code, out = run("report", str(example_file), "--as-of", AS_OF, "--policy", "MS",
                    "--out", str(target))
    assert (code, out) == (0, "")
    assert capsys.readouterr().err == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert "Case report: wilson-2026-0142" in page
    assert "Ava Wilson" in page
    assert_self_contained(page)


def test_report_prints_the_page_without_out(capsys: pytest.CaptureFixture[str]) -> None:
    """Without ``--out`` (or with ``--out -``) the page goes to standard output, and
    nothing else does."""
    code, out = run("report", "--example", "--as-of", AS_OF, "--policy", "MS")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert out.rstrip().endswith("</html>")
    assert capsys.readouterr().err == ""
    code, dash = run("report", "--example", "--as-of", AS_OF, "--policy", "MS", "--out", "-")
    assert (code, dash) == (0, out)


def test_report_reads_standard_input() -> None:
    """``report -`` reads the record from standard input."""
    code, out = run("report", "-", "--as-of", AS_OF, "--policy", "MS", stdin=example_json())
    assert code == 0
    assert "wilson-2026-0142" in out


def test_report_checks_out_before_any_work(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """An unwritable ``--out`` is exit 2 with one line, and nothing is printed."""
    target = tmp_path / "missing" / "case.html"
    code, out = run("report", "--example", "--as-of", AS_OF, "--out", str(target))
    assert (code, out) == (2, "")
    assert capsys.readouterr().err == (f"{target}: cannot write file (directory "
                                       f"{target.parent} does not exist)\n")


def test_report_of_an_invalid_record_lists_its_mistakes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid record's mistakes are listed as ``check`` lists them, but on standard
    error: ``report bad.json > case.html`` must not put them into the page. Exit 1, no
    page, nothing on standard output."""
    data = json.loads(example_json())
    data["people"][2]["birth_date"] = "2018-13-40"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "case.html"
    code, out = run("report", str(path), "--as-of", AS_OF, "--out", str(target))
    assert (code, out) == (1, "")
    assert "$.people[2].birth_date" in capsys.readouterr().err
    assert not target.exists()
    code, out = run("report", str(path), "--as-of", AS_OF)  # the page would go to stdout
    assert (code, out) == (1, "")
    assert "$.people[2].birth_date" in capsys.readouterr().err


def test_check_and_deadlines_still_list_mistakes_on_standard_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only ``report`` moved the mistakes to standard error."""
    data = json.loads(example_json())
    data["people"][2]["birth_date"] = "2018-13-40"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in ("check", "deadlines"):
        code, out = run(command, str(path), "--as-of", AS_OF)
        assert code == 1
        assert "$.people[2].birth_date" in out
        assert "$.people[2].birth_date" not in capsys.readouterr().err


def test_report_of_an_unreadable_file(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not there is one line on stderr, exit 1."""
    code, out = run("report", str(tmp_path / "gone.json"), "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'gone.json'}: cannot read file")


def test_report_needs_one_of_file_or_example(capsys: pytest.CaptureFixture[str]) -> None:
    """Neither FILE nor --example is a usage error."""
    with pytest.raises(SystemExit) as stopped:
        run("report", "--as-of", AS_OF)
    assert stopped.value.code == 2
    assert "report needs exactly one of FILE or --example" in capsys.readouterr().err


def test_report_without_jinja2_names_the_extra(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Without the report extra: exit 2, one line naming the install command."""
    from practicemodel.report import _render

    _render.environment.cache_clear()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    try:
        code, out = run("report", "--example", "--as-of", AS_OF)
    finally:
        _render.environment.cache_clear()
    assert (code, out) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("practicemodel report: jinja2 is needed")
    assert 'pip install "practicemodel[report]"' in err


def test_review_html_writes_the_caseload_report(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """``review FILE --html`` prints the table as before and writes the page, with the
    skipped record's message on it."""
    cases = _jsonl(tmp_path / "cases.jsonl", 12, seed=4, bad=True)
    target = tmp_path / "review.html"
    code, out = run("review", str(cases), "--as-of", AS_OF, "--policy", "MS", "--by",
                    "region", "--html", str(target))
    assert code == 1  # a record was skipped
    assert "12 cases reviewed, 1 record skipped" in out
    assert f"wrote {target}" in capsys.readouterr().err
    page = target.read_text(encoding="utf-8")
    assert_self_contained(page)
    assert "Cases reviewed</strong> 12" in page
    assert "cases.jsonl:3:" in page


def test_review_html_with_a_sample_shows_the_design(tmp_path: Path) -> None:
    """``--sample`` puts the sample design on the page."""
    target = tmp_path / "review.html"
    code, _ = run("review", "--synthetic", "30", "--sample", "10", "--as-of", AS_OF,
                  "--policy", "MS", "--html", str(target))
    assert code == 0
    page = target.read_text(encoding="utf-8")
    assert "Sample design" in page
    assert "region, case_type" in page


def test_review_html_is_checked_before_the_review(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An unwritable ``--html`` is exit 2 before any case is reviewed."""
    target = tmp_path / "nowhere" / "review.html"
    code, out = run("review", "--synthetic", "3", "--as-of", AS_OF, "--html", str(target))
    assert (code, out) == (2, "")
    assert capsys.readouterr().err == (f"{target}: cannot write file (directory "
                                       f"{target.parent} does not exist)\n")


def test_review_baseline_adds_the_comparison(tmp_path: Path) -> None:
    """``--baseline`` reviews a second file the same way; text, JSON and HTML compare."""
    follow = _jsonl(tmp_path / "follow.jsonl", 10, seed=1)
    base = _jsonl(tmp_path / "base.jsonl", 8, seed=2)
    code, out = run("review", str(follow), "--as-of", AS_OF, "--policy", "MS",
                    "--baseline", str(base))
    assert code == 0
    assert "Baseline (8 cases) vs follow-up (10 cases)" in out
    code, out = run("review", str(follow), "--as-of", AS_OF, "--policy", "MS",
                    "--baseline", str(base), "--json", "--html", str(tmp_path / "r.html"))
    assert code == 0
    payload = json.loads(out)
    assert payload["baseline"] == {"cases_reviewed": 8, "records_skipped": 0}
    row = payload["comparison"][0]
    assert set(row) >= {"item", "difference", "low", "high", "p_value", "significant"}
    assert 'id="comparison"' in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_review_baseline_of_one_record(tmp_path: Path, example_file: Path) -> None:
    """A baseline may be one pretty-printed record."""
    follow = _jsonl(tmp_path / "follow.jsonl", 5, seed=1)
    code, out = run("review", str(follow), "--as-of", AS_OF, "--policy", "MS",
                    "--baseline", str(example_file))
    assert code == 0
    assert "Baseline (1 case) vs follow-up (5 cases)" in out


def test_review_baseline_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--baseline`` with the Dask engine, or two standard inputs, is a usage error."""
    with pytest.raises(SystemExit) as stopped:
        run("review", "cases.jsonl", "--engine", "dask", "--as-of", AS_OF,
            "--baseline", "b.jsonl")
    assert stopped.value.code == 2
    assert "--baseline is reviewed by the local engine only" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("review", "-", "--as-of", AS_OF, "--baseline", "-")
    assert "cannot both be standard input" in capsys.readouterr().err


def test_review_baseline_missing_file(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A baseline file that is not there is one line, exit 1."""
    code, _ = run("review", "--synthetic", "2", "--as-of", AS_OF,
                  "--baseline", str(tmp_path / "gone.jsonl"))
    assert code == 1
    assert f"{tmp_path / 'gone.jsonl'}: cannot read file" in capsys.readouterr().err


@pytest.mark.parametrize("problem", ["missing", "directory", "not utf-8"])
def test_review_baseline_is_checked_before_the_review(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str) -> None:
    """A baseline that cannot be opened or read stops the command before the follow-up is
    reviewed: the follow-up's bad record is never reported, nothing is printed and the
    one line names the baseline, as an unusable --html or --out does."""
    follow = _jsonl(tmp_path / "follow.jsonl", 4, seed=1, bad=True)
    base = tmp_path / "base.jsonl"
    if problem == "directory":
        base.mkdir()
    elif problem == "not utf-8":
        base.write_bytes(b'{"id": "\xff"}\n')
    target = tmp_path / "r.html"
    code, out = run("review", str(follow), "--as-of", AS_OF, "--baseline", str(base),
                    "--html", str(target))
    assert (code, out) == (1, "")
    err = capsys.readouterr().err
    assert err.startswith(f"{base}: cannot read file (")
    assert err.count("\n") == 1
    assert "follow.jsonl:3" not in err
    assert not target.exists()


def test_review_baseline_skipped_records_reach_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline's bad records are reported on stderr ("in the baseline") and listed on
    the page's Skipped records as ``baseline: ...``, after the follow-up's."""
    follow = _jsonl(tmp_path / "follow.jsonl", 5, seed=1, bad=True)
    base = _jsonl(tmp_path / "base.jsonl", 4, seed=2, bad=True)
    target = tmp_path / "r.html"
    code, out = run("review", str(follow), "--as-of", AS_OF, "--policy", "MS",
                    "--baseline", str(base), "--html", str(target))
    assert code == 1
    assert "Baseline (4 cases) vs follow-up (5 cases)" in out
    err = capsys.readouterr().err
    assert f"{base}:3:" in err
    assert "(skipped, in the baseline)" in err
    page = target.read_text(encoding="utf-8")
    skipped = page.split('id="skipped"')[1]
    assert f"<li>{follow}:3:" in skipped
    assert f"<li>baseline: {base}:3:" in skipped
    assert skipped.index(f"<li>{follow}:3:") < skipped.index(f"<li>baseline: {base}:3:")
    assert "2 records could not be reviewed and were skipped (1 of them in the baseline)" in (
        " ".join(skipped.split()))


def test_review_baseline_of_one_bad_record_reaches_the_page(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A baseline of one pretty-printed record that does not load is skipped the same
    way."""
    follow = _jsonl(tmp_path / "follow.jsonl", 3, seed=1)
    base = tmp_path / "base.json"
    base.write_text('{\n  "not": "a case"\n}\n', encoding="utf-8")
    target = tmp_path / "r.html"
    code, _ = run("review", str(follow), "--as-of", AS_OF, "--baseline", str(base),
                  "--html", str(target))
    assert code == 1
    assert "(skipped, in the baseline)" in capsys.readouterr().err
    assert f"<li>baseline: {base}" in target.read_text(encoding="utf-8")
