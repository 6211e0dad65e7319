"""Reviewing a caseload in batches and processes; counters; the progress bar; the CLI."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.caseload import (
    GROUPING_KEYS,
    review_cases,
    review_jsonl,
    review_synthetic,
)
from practicemodel.cli import main
from practicemodel.errors import InvalidArgumentError, InvalidInputError, RecordStructureError
from practicemodel.policy import get_policy
from practicemodel.progress import ProgressBar
from practicemodel.review import rate_case, rating_records
from practicemodel.serialization import dumps_case
from practicemodel.statistics import PerformanceCounter, item_performance
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
MS = get_policy("MS", AS_OF)


def _by_hand(n: int, seed: int, by: tuple[str, ...]) -> tuple[object, ...]:
    """Item performance the long way: rate each case, pool all rating records, count."""
    rows = [row for case in generate_cases(n, seed=seed)
            for row in rating_records(rate_case(case, policy=MS, as_of=AS_OF))]
    return item_performance(rows, by=by)


# -- results do not depend on batches or processes --------------------------------------------


def test_review_synthetic_matches_rating_case_by_case() -> None:
    """Batches of 7 give the same table as rating all 30 cases and counting once."""
    result = review_synthetic(30, seed=3, policy=MS, as_of=AS_OF, by=("region",),
                              batch_size=7)
    expected = _by_hand(30, 3, ("region",))
    actual = result.table
    assert expected == actual
    assert (result.cases_reviewed, result.records_skipped, result.policy) == (30, 0, "MS")


def test_two_workers_give_the_same_table_as_one() -> None:
    """Rating in 2 worker processes changes nothing in the results."""
    one = review_synthetic(24, seed=11, policy=MS, as_of=AS_OF, by=("case_type",),
                           batch_size=5)
    two = review_synthetic(24, seed=11, policy=MS, as_of=AS_OF, by=("case_type",),
                           batch_size=5, workers=2)
    expected = one
    actual = two
    assert expected == actual


def test_review_cases_equals_review_synthetic() -> None:
    """Any iterable of cases gives the same table as the generator-backed review."""
    expected = review_synthetic(12, seed=2, policy=MS, as_of=AS_OF).table
    actual = review_cases(generate_cases(12, seed=2), policy=MS, as_of=AS_OF).table
    assert expected == actual


def test_progress_sees_every_case() -> None:
    """The progress callback is told about every case, batch by batch."""
    calls: list[tuple[int, int]] = []
    review_synthetic(11, seed=1, policy=MS, as_of=AS_OF, batch_size=4,
                     progress=lambda cases, work: calls.append((cases, work)))
    expected = [(4, 4), (4, 4), (3, 3)]
    actual = calls
    assert expected == actual


# -- JSON Lines ---------------------------------------------------------------------------------


@pytest.fixture
def caseload_file(tmp_path: Path) -> Path:
    """Five synthetic cases on lines 1, 2, 4, 6 and 7; bad records on lines 3 and 5."""
    good = [dumps_case(c, indent=None) for c in generate_cases(5, seed=9)]
    lines = [good[0], good[1], '{"id": 1}', good[2], "not json", good[3], good[4]]
    path = tmp_path / "caseload.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_review_jsonl_skips_bad_records_in_file_order(caseload_file: Path,
                                                      workers: int) -> None:
    """Bad lines are passed to on_skip in file order, with line numbers; the rest count."""
    skipped: list[RecordStructureError] = []
    result = review_jsonl(caseload_file, policy=MS, as_of=AS_OF, batch_size=2,
                          workers=workers, on_skip=skipped.append)
    expected = ([f"{caseload_file}:3", f"{caseload_file}:5"], 5, 2, _by_hand(5, 9, ()))
    actual = ([e.source for e in skipped], result.cases_reviewed, result.records_skipped,
              result.table)
    assert expected == actual


def test_review_jsonl_strict_raises_the_first_bad_record(caseload_file: Path) -> None:
    """With strict, the first bad record is raised, naming its line."""
    with pytest.raises(RecordStructureError) as raised:
        review_jsonl(caseload_file, policy=MS, as_of=AS_OF, strict=True, batch_size=2,
                     workers=2)
    expected = f"{caseload_file}:3"
    actual = raised.value.source
    assert expected == actual


def test_review_jsonl_reads_text_and_binary_streams(caseload_file: Path) -> None:
    """An open text or binary file gives the same results as the path."""
    by_path = review_jsonl(caseload_file, policy=MS, as_of=AS_OF)
    text = caseload_file.read_text(encoding="utf-8")
    from_text = review_jsonl(io.StringIO(text), policy=MS, as_of=AS_OF, name="cases")
    from_bytes = review_jsonl(io.BytesIO(text.encode()), policy=MS, as_of=AS_OF)
    expected = (by_path.table, by_path.table)
    actual = (from_text.table, from_bytes.table)
    assert expected == actual


def test_review_jsonl_progress_counts_bytes(caseload_file: Path) -> None:
    """The work reported for a file adds up to its size in bytes."""
    work: list[int] = []
    review_jsonl(caseload_file, policy=MS, as_of=AS_OF, batch_size=3,
                 progress=lambda cases, w: work.append(w))
    expected = caseload_file.stat().st_size
    actual = sum(work)
    assert expected == actual


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"by": ("parent",)}, "'by'"),
    ({"by": "region"}, "'by'"),
    ({"workers": 0}, "'workers'"),
    ({"batch_size": True}, "'batch_size'"),
    ({"policy": "MS"}, "'policy'"),
    ({"as_of": "2026-11-22"}, "'as_of'"),
])
def test_bad_arguments_raise_invalid_input_error(kwargs: dict[str, object], word: str) -> None:
    """A wrong argument is an InvalidInputError naming it, raised before any work."""
    arguments: dict[str, object] = {"seed": 1, "policy": MS, "as_of": AS_OF} | kwargs
    with pytest.raises(InvalidInputError, match=word):
        review_synthetic(3, **arguments)  # type: ignore[arg-type]


def test_grouping_keys_are_the_rating_record_keys() -> None:
    """Every grouping key is a key of the rating records (role: of the role records)."""
    case = next(generate_cases(1, seed=0))
    (row, *_) = rating_records(rate_case(case, policy=MS, as_of=AS_OF, by_role=True),
                               roles=True)
    assert set(GROUPING_KEYS) <= set(row)


# -- the counter --------------------------------------------------------------------------------

RATINGS = ("strength", "area_needing_improvement", "not_applicable")
rows_strategy = st.lists(st.fixed_dictionaries({
    "item": st.sampled_from(("a", "b")), "rating": st.sampled_from(RATINGS),
    "region": st.sampled_from(("N", "S", "E")),
}), max_size=40)


@given(rows=rows_strategy, cut=st.integers(min_value=0, max_value=40))
def test_counters_merged_equal_one_pass(rows: list[dict[str, str]], cut: int) -> None:
    """Law: counting two parts and merging equals counting the whole in one pass."""
    left, right = PerformanceCounter(by=("region",)), PerformanceCounter(by=("region",))
    left.add(rows[:cut])
    right.add(rows[cut:])
    right.merge(left)
    expected = (item_performance(rows, by=("region",)), len(rows))
    actual = (right.table(), right.records)
    assert expected == actual


def test_counter_keeps_the_records_before_a_bad_one() -> None:
    """A bad record raises; the records before it stay counted."""
    counter = PerformanceCounter()
    with pytest.raises(InvalidInputError, match=r"ratings\[1\]"):
        counter.add([{"item": "a", "rating": "strength"}, {"item": "a", "rating": "good"}])
    expected = 1
    actual = counter.records
    assert expected == actual


def test_counters_with_other_keys_do_not_merge() -> None:
    """Merging counters grouped by different keys is an error."""
    with pytest.raises(InvalidArgumentError, match="grouped by"):
        PerformanceCounter(by=("region",)).merge(PerformanceCounter())


# -- the progress bar ---------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_bar_redraws_at_most_every_interval() -> None:
    """Advances within the interval do not redraw; the finish always does."""
    clock, out = _Clock(), io.StringIO()
    bar = ProgressBar(out, total=100, clock=clock, min_interval=1.0, width=4)
    bar.advance(10)
    clock.now = 0.5
    bar.advance(10)
    clock.now = 2.0
    bar.advance(30)
    bar.finish()
    expected = ["", "[----]  10%  10 cases", "[##--]  50%  50 cases  25 cases/s  0:02 left",
                "[##--]  50%  50 cases  25 cases/s  0:02 left\n"]
    actual = out.getvalue().split("\r")
    assert expected == actual


def test_progress_bar_without_total_shows_count_and_rate() -> None:
    """An unknown total gives the count and the rate, with no bar."""
    clock, out = _Clock(), io.StringIO()
    bar = ProgressBar(out, total=None, clock=clock, unit="records")
    clock.now = 4.0
    bar.advance(1000)
    expected = "1,000 records  250 records/s"
    actual = out.getvalue().split("\r")[-1]
    assert expected == actual


def test_progress_bar_complete_shows_the_time_taken() -> None:
    """At 100 % the bar says how long it took."""
    clock, out = _Clock(), io.StringIO()
    bar = ProgressBar(out, total=10, clock=clock, width=2)
    clock.now = 65.0
    bar.advance(5, 10)
    expected = "[##] 100%  5 cases  0 cases/s  1:05 in all"
    actual = out.getvalue().split("\r")[-1]
    assert expected == actual


@pytest.mark.parametrize("total", [-1, 2.5, True])
def test_progress_bar_rejects_a_bad_total(total: object) -> None:
    """A negative or non-int total is an InvalidInputError."""
    with pytest.raises(InvalidInputError, match="'total'"):
        ProgressBar(io.StringIO(), total=total)  # type: ignore[arg-type]


# -- the command line ---------------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(""))
    return code, out.getvalue()


def test_cli_workers_give_the_same_output() -> None:
    """``--workers 2`` prints exactly what ``--workers 1`` prints."""
    args = ("review", "--synthetic", "16", "--as-of", "2026-11-22", "--by", "region", "--json")
    expected = _cli(*args, "--workers", "1")
    actual = _cli(*args, "--workers", "2")
    assert expected == actual


def test_cli_progress_bar_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    """``--progress`` draws the bar on stderr up to 100 %; stdout has only the table."""
    code, out = _cli("review", "--synthetic", "6", "--as-of", "2026-11-22", "--progress")
    err = capsys.readouterr().err
    assert code == 0
    assert "100%  6 cases" in err
    assert err.endswith("\n")
    assert "\r" not in out


def test_cli_no_progress_bar_by_default_off_a_terminal(capsys: pytest.CaptureFixture[str],
                                                       ) -> None:
    """Off a terminal, no bar is drawn unless asked for."""
    _cli("review", "--synthetic", "3", "--as-of", "2026-11-22")
    assert "cases/s" not in capsys.readouterr().err


def test_cli_strict_with_workers_reports_cases_before(caseload_file: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      ) -> None:
    """``--strict --workers 2`` stops at line 3, after the 2 good cases before it."""
    code, out = _cli("review", str(caseload_file), "--as-of", "2026-11-22", "--strict",
                     "--workers", "2")
    err = capsys.readouterr().err
    assert (code, out) == (1, "")
    assert f"{caseload_file}:3" in err
    assert "stopped (--strict) after 2 case(s) reviewed" in err


def test_cli_rejects_negative_workers(capsys: pytest.CaptureFixture[str]) -> None:
    """``--workers -1`` is a usage error."""
    with pytest.raises(SystemExit) as raised:
        _cli("review", "--synthetic", "2", "--as-of", "2026-11-22", "--workers", "-1")
    assert raised.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_cli_json_counts_match_the_python_api() -> None:
    """The CLI's JSON holds the same counts as review_synthetic."""
    code, out = _cli("review", "--synthetic", "10", "--seed", "4", "--as-of", "2026-11-22",
                     "--policy", "MS", "--json")
    payload = json.loads(out)
    cli = {(i["item"], i["strengths"], i["applicable"]) for c in payload["components"]
           for i in c["items"]}
    api = {(p.item, p.strengths, p.applicable)
           for p in review_synthetic(10, seed=4, policy=MS, as_of=AS_OF).table}
    assert (code, cli) == (0, api)


def test_cli_sample_skips_and_counts_bad_records(caseload_file: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``--sample`` draws from the good records; the bad ones are reported and counted."""
    code, out = _cli("review", str(caseload_file), "--as-of", "2026-11-22", "--sample", "3",
                     "--seed", "1")
    err = capsys.readouterr().err
    assert code == 1
    assert f"{caseload_file}:3" in err
    assert f"{caseload_file}:5" in err
    assert "sample: 3 of 5 cases" in err
    assert "3 cases reviewed, 2 records skipped" in out


def test_review_by_role_matches_role_records() -> None:
    """Grouping by role counts each case once per role, from its role ratings."""
    result = review_synthetic(15, seed=6, policy=MS, as_of=AS_OF, by=("role",), batch_size=4)
    rows = [row for case in generate_cases(15, seed=6)
            for row in rating_records(rate_case(case, policy=MS, as_of=AS_OF, by_role=True),
                                      roles=True)]
    expected = item_performance(rows, by=("role",))
    actual = result.table
    assert expected == actual
    fathers = next(p for p in result.table
                   if p.item == "visits_with_parents" and p.group == ("father",))
    assert fathers.applicable + fathers.not_applicable == 15


def test_cli_by_role_prints_mothers_and_fathers() -> None:
    """``--by role`` breaks items down by mother, father, foster parent and child."""
    code, out = _cli("review", "--synthetic", "8", "--as-of", "2026-11-22", "--by", "role")
    assert code == 0
    assert "mother" in out
    assert "father" in out
    # objectives belong to no role: one "(none applicable)" row, and the 0/0 groups are
    # counted in a note instead of listed
    smart = [line for line in out.splitlines() if "S.M.A.R.T." in line]
    assert smart
    assert all("(none applicable)" in line for line in smart)
    assert "with no applicable case not shown" in out


def test_strict_reviews_the_cases_before_and_nothing_after(caseload_file: Path) -> None:
    """Batches of one line on two workers: the progress sees exactly the two cases before
    the bad line 3, then the error is raised; later batches are never counted."""
    done: list[int] = []
    with pytest.raises(RecordStructureError):
        review_jsonl(caseload_file, policy=MS, as_of=AS_OF, strict=True, batch_size=1,
                     workers=2, progress=lambda cases, work: done.append(cases))
    expected = 2
    actual = sum(done)
    assert expected == actual


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"on_skip": 3}, "'on_skip'"),
    ({"name": 5}, "'name'"),
    ({"progress": "bar"}, "'progress'"),
    ({"strict": "yes"}, "'strict'"),
])
def test_review_jsonl_checks_its_arguments_before_reading(caseload_file: Path,
                                                          kwargs: dict[str, object],
                                                          word: str) -> None:
    """Wrong callbacks or names are rejected at the call, naming the argument."""
    with pytest.raises(InvalidInputError, match=word):
        review_jsonl(caseload_file, policy=MS, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]


def test_review_cases_names_the_item_that_is_not_a_case() -> None:
    """A non-case in the iterable is named by its index."""
    cases = [*generate_cases(1, seed=1), "not a case"]
    with pytest.raises(InvalidInputError, match=r"'cases\[1\]'"):
        review_cases(cases, policy=MS, as_of=AS_OF)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "word"), [
    ({"min_interval": -1}, "'min_interval'"),
    ({"unit": 3}, "'unit'"),
    ({"clock": 3}, "'clock'"),
    ({"width": 0}, "'width'"),
])
def test_progress_bar_checks_its_arguments(kwargs: dict[str, object], word: str) -> None:
    """Each bad argument of the bar is named."""
    with pytest.raises(InvalidInputError, match=word):
        ProgressBar(io.StringIO(), total=3, **kwargs)  # type: ignore[arg-type]


def test_progress_bar_advance_needs_counts() -> None:
    """advance takes non-negative ints."""
    bar = ProgressBar(io.StringIO(), total=3)
    with pytest.raises(InvalidInputError, match="'count'"):
        bar.advance("x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'work'"):
        bar.advance(1, -1)


def test_counter_rejects_a_repeated_key() -> None:
    """Grouping by the same key twice is an error."""
    with pytest.raises(InvalidArgumentError, match="repeat"):
        PerformanceCounter(by=("region", "region"))


def test_cli_grouping_fields_are_the_caseload_keys() -> None:
    """The CLI's --by choices are caseload.GROUPING_KEYS (kept as a copy so that the CLI
    starts without importing the review stack)."""
    from practicemodel.cli import _REVIEW_FIELDS

    expected = GROUPING_KEYS
    actual = _REVIEW_FIELDS
    assert expected == actual


# -- a record the library fails on costs only that record (issue 10) --------------------------


@pytest.fixture
def failing_rate(monkeypatch: pytest.MonkeyPatch) -> str:
    """rate_case raises OverflowError (with a name in its text) for one case; its id."""
    from practicemodel import caseload

    target = next(iter(generate_cases(5, seed=9))).id
    real = caseload.rate_case

    def rate(case: object, **kwargs: object) -> object:
        if getattr(case, "id", None) == target:
            raise OverflowError("Jane Doe, born 2001-02-03")
        return real(case, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(caseload, "rate_case", rate)
    return target


def test_review_jsonl_skips_a_record_the_library_fails_on(caseload_file: Path,
                                                          failing_rate: str) -> None:
    """An unexpected exception rating one case is a RecordReviewError for its line, passed
    to on_skip and counted; the other cases are reviewed; the exception's text is not
    repeated."""
    from practicemodel.errors import RecordReviewError

    skipped: list[RecordStructureError] = []
    result = review_jsonl(caseload_file, policy=MS, as_of=AS_OF, batch_size=2,
                          on_skip=skipped.append)
    failures = [e for e in skipped if isinstance(e, RecordReviewError)]
    expected = ([f"{caseload_file}:1"], 4, 3)
    actual = ([e.source for e in failures], result.cases_reviewed, result.records_skipped)
    assert expected == actual
    assert str(failures[0]).startswith(f"{caseload_file}:1: internal error (OverflowError at ")
    assert "please report it" in str(failures[0])
    assert "Jane" not in str(failures[0])


def test_review_jsonl_strict_raises_a_record_review_error(caseload_file: Path,
                                                          failing_rate: str) -> None:
    """With strict, a record the library fails on stops the review like a bad record."""
    from practicemodel.errors import RecordReviewError

    with pytest.raises(RecordReviewError) as raised:
        review_jsonl(caseload_file, policy=MS, as_of=AS_OF, strict=True)
    expected = f"{caseload_file}:1"
    actual = raised.value.source
    assert expected == actual


def test_a_library_error_from_a_rule_is_reported_in_its_words(
        caseload_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library error raised while rating a loaded record keeps the library's message."""
    from practicemodel import caseload

    def rate(case: object, **kwargs: object) -> object:
        raise InvalidInputError("'as_of' is not a date the profile covers")

    monkeypatch.setattr(caseload, "rate_case", rate)
    skipped: list[RecordStructureError] = []
    review_jsonl(caseload_file, policy=MS, as_of=AS_OF, on_skip=skipped.append)
    expected = (f"{caseload_file}:1: could not be reviewed: 'as_of' is not a date the profile "
                "covers")
    actual = str(skipped[0])
    assert expected == actual


def test_record_review_error_survives_pickling() -> None:
    """A RecordReviewError comes back from a worker process with its source and message."""
    import pickle

    from practicemodel.errors import Problem, RecordReviewError

    error = RecordReviewError([Problem("", "internal error (KeyError at x.py:1)")],
                              source="cases.jsonl:4")
    copy = pickle.loads(pickle.dumps(error))
    expected = (type(error), error.source, str(error), error.problems)
    actual = (type(copy), copy.source, str(copy), copy.problems)
    assert expected == actual


def test_review_jsonl_reads_an_iterable_of_lines(caseload_file: Path) -> None:
    """Any iterable of lines is read like the file, with the same line numbers."""
    lines = caseload_file.read_text(encoding="utf-8").splitlines(keepends=True)
    skipped: list[RecordStructureError] = []
    by_lines = review_jsonl(iter(lines), policy=MS, as_of=AS_OF, name="cases",
                            on_skip=skipped.append)
    by_path = review_jsonl(caseload_file, policy=MS, as_of=AS_OF)
    expected = (by_path.table, ["cases:3", "cases:5"])
    actual = (by_lines.table, [e.source for e in skipped])
    assert expected == actual


def test_review_jsonl_refuses_bytes_as_a_source() -> None:
    """A bytes object is neither a path nor lines."""
    with pytest.raises(InvalidInputError, match="'source'"):
        review_jsonl(b"{}", policy=MS, as_of=AS_OF)  # type: ignore[arg-type]


def test_review_cases_on_skip_names_the_case(failing_rate: str) -> None:
    """review_cases with on_skip passes a case that fails as a RecordReviewError named by
    its id, and goes on; without on_skip the error is raised."""
    from practicemodel.errors import RecordReviewError

    skipped: list[RecordStructureError] = []
    result = review_cases(generate_cases(5, seed=9), policy=MS, as_of=AS_OF,
                          on_skip=skipped.append)
    expected = ([f"case {failing_rate}"], [RecordReviewError], 4, 1)
    actual = ([e.source for e in skipped], [type(e) for e in skipped], result.cases_reviewed,
              result.records_skipped)
    assert expected == actual
    with pytest.raises(OverflowError):
        review_cases(generate_cases(5, seed=9), policy=MS, as_of=AS_OF)
