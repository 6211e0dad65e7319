"""The command line on bad input, bad output, signals and lost workers (issue 10).

Each test is a scenario an outside tester ran into: the command must end with one line on
standard error and a documented exit code (0, 1, 2, 130, or 141 for a closed pipe), never a
traceback, and never lose work it has finished.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from practicemodel import caseload
from practicemodel.cli import _parser, main
from practicemodel.example import example_json
from practicemodel.serialization import dumps_case
from practicemodel.synthetic import generate_cases

AS_OF = "2026-11-22"
INSTALL = 'pip install "practicemodel[analysis]"'

# Lines that ended `validate` and `review` in a traceback (TypeError, RecursionError).
POISON = {
    "schema_version_list": '{"schema_version": ["1"]}',
    "nesting": "[" * 1000 + "]" * 1000,
    "nesting_in_a_field": '{"schema_version": "1", "id": ' + "[" * 1000 + "]" * 1000 + "}",
}

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI in-process; return (exit code, stdout, stderr), usage errors included."""

    def call(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        capsys.readouterr()
        out = io.StringIO()
        try:
            code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        return code, out.getvalue(), capsys.readouterr().err

    return call


def _good_lines(n: int, seed: int = 9) -> list[str]:
    return [dumps_case(case, indent=None) for case in generate_cases(n, seed=seed)]


@pytest.fixture
def poisoned_file(tmp_path: Path) -> Path:
    """Four good cases on lines 1, 3, 5, 7; the poisoned lines on 2, 4 and 6."""
    good = _good_lines(4)
    poison = list(POISON.values())
    lines = [good[0], poison[0], good[1], poison[1], good[2], poison[2], good[3]]
    path = tmp_path / "poisoned.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_line(err: str) -> str:
    """The single line of ``err`` (fails when there are more or none)."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- 1. --out is checked before the work, and a finished table is never lost ---------------


@pytest.mark.parametrize("where", ["missing_directory", "a_directory", "under_a_file"])
def test_review_out_that_cannot_be_written_is_refused_before_the_work(
        tmp_path: Path, cli: Cli, where: str) -> None:
    """A --out path in a missing directory, naming a directory, or under a regular file is
    a one-line error, exit 2, before any case is reviewed (no progress bar is drawn)."""
    (tmp_path / "dir.csv").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = {"missing_directory": tmp_path / "nowhere" / "t.csv",
              "a_directory": tmp_path / "dir.csv",
              "under_a_file": tmp_path / "file" / "t.csv"}[where]
    code, out, err = cli("review", "--synthetic", "4", "--as-of", AS_OF, "--progress",
                         "--out", str(target))
    line = _one_line(err)
    assert (code, out) == (2, "")
    assert str(target) in line
    assert "cases" not in err


def test_review_out_to_a_read_only_file_is_refused_before_the_work(tmp_path: Path,
                                                                   cli: Cli) -> None:
    """An existing file the user may not write is refused up front, exit 2."""
    target = tmp_path / "t.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    if os.access(target, os.W_OK):
        pytest.skip("file permissions do not bind this user (root)")
    code, out, err = cli("review", "--synthetic", "4", "--as-of", AS_OF, "--out", str(target))
    assert (code, out) == (2, "")
    assert "permission denied" in _one_line(err).lower()
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_review_out_that_fails_at_the_end_prints_the_table_instead(
        tmp_path: Path, cli: Cli, suffix: str) -> None:
    """When writing --out fails after the review (a full disk), the table is printed on
    standard output, stderr says so in one line, and the exit code is 1."""
    target = tmp_path / f"t{suffix}"
    target.symlink_to("/dev/full")
    code, out, err = cli("review", "--synthetic", "4", "--as-of", AS_OF, "--out", str(target))
    line = _one_line(err)
    assert code == 1
    assert str(target) in line
    assert "standard output" in line
    assert "4 cases reviewed, 0 records skipped" in out
    assert "visits_with_child" in out  # the --out table itself (item codes), not just the text
    if suffix == ".json":
        assert '"strengths"' in out
    else:
        assert "item,strengths" in out or "item," in out


@pytest.mark.parametrize("command", ["example", "schema"])
def test_example_and_schema_out_into_a_missing_directory(tmp_path: Path, cli: Cli,
                                                         command: str) -> None:
    """``example --out`` and ``schema --out`` say why in one line (exit 2), no traceback."""
    target = tmp_path / "nowhere" / "x.json"
    code, out, err = cli(command, "--out", str(target))
    assert (code, out) == (2, "")
    assert str(target) in _one_line(err)


# -- 2. a poisoned line is one bad record, not the end of the run ---------------------------


def test_validate_reports_poisoned_lines_and_checks_the_rest(poisoned_file: Path,
                                                             cli: Cli) -> None:
    """Each poisoned line is reported with its file name and line; the good ones pass."""
    code, out, err = cli("validate", "--quiet", str(poisoned_file))
    assert code == 1
    for number in (2, 4, 6):
        assert f"{poisoned_file}:{number}:" in out
    assert "7 case records checked: 4 valid, 3 invalid" in out
    assert "Traceback" not in err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_review_skips_poisoned_lines_and_reviews_the_rest(poisoned_file: Path, cli: Cli,
                                                          workers: str) -> None:
    """``review`` reports each poisoned line with its number, counts it and goes on."""
    code, out, err = cli("review", str(poisoned_file), "--as-of", AS_OF,
                         "--workers", workers)
    assert code == 1
    for number in (2, 4, 6):
        assert f"{poisoned_file}:{number}:" in err
    assert "4 cases reviewed, 3 records skipped" in out


def test_review_strict_stops_at_a_poisoned_line(poisoned_file: Path, cli: Cli) -> None:
    """With --strict the first poisoned line stops the review, named, exit 1, no table."""
    code, out, err = cli("review", str(poisoned_file), "--as-of", AS_OF, "--strict")
    assert (code, out) == (1, "")
    assert f"{poisoned_file}:2:" in err
    assert "stopped (--strict) after 1 case(s) reviewed" in err


def test_review_sample_skips_poisoned_lines(poisoned_file: Path, cli: Cli) -> None:
    """Drawing a --sample reads every line: poisoned ones are reported and counted."""
    code, out, err = cli("review", str(poisoned_file), "--as-of", AS_OF, "--sample", "2")
    assert code == 1
    for number in (2, 4, 6):
        assert f"{poisoned_file}:{number}:" in err
    assert "2 cases reviewed, 3 records skipped" in out


def test_review_reports_an_unexpected_error_in_one_record_as_internal(
        tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception while rating one case is an internal error naming the line
    (not the exception's text, which may hold personal values); the rest is reviewed."""
    cases = list(generate_cases(3, seed=4))
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(dumps_case(c, indent=None) + "\n" for c in cases),
                    encoding="utf-8")
    real = caseload.rate_case

    def rate(case: object, **kwargs: object) -> object:
        if getattr(case, "id", None) == cases[1].id:
            raise OverflowError("Jane Doe, born 2001-02-03")
        return real(case, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(caseload, "rate_case", rate)
    code, out, err = cli("review", str(path), "--as-of", AS_OF)
    assert code == 1
    assert f"{path}:2: internal error (OverflowError" in err
    assert "Jane" not in err
    assert "2 cases reviewed, 1 record skipped" in out


@pytest.mark.parametrize("how", ["sample", "document"])
def test_review_of_a_sample_or_a_document_skips_a_case_that_fails(
        example_file: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    """The same last resort holds for a --sample (the case is named by its id) and for a
    single JSON document (named by its file)."""
    real = caseload.rate_case

    def rate(case: object, **kwargs: object) -> object:
        if getattr(case, "id", None) == "wilson-2026-0142":
            raise OverflowError("Jane Doe")
        return real(case, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(caseload, "rate_case", rate)
    if how == "sample":
        path = tmp_path / "cases.jsonl"
        wilson = json.dumps(json.loads(example_json()))
        path.write_text("\n".join([*_good_lines(2), wilson]) + "\n", encoding="utf-8")
        code, out, err = cli("review", str(path), "--as-of", AS_OF, "--sample", "3")
        assert "case wilson-2026-0142: internal error (OverflowError" in err
        assert "2 cases reviewed, 1 record skipped" in out
    else:
        code, out, err = cli("review", str(example_file), "--as-of", AS_OF)
        assert f"{example_file}: internal error (OverflowError" in err
        assert "0 cases reviewed, 1 record skipped" in out
    assert code == 1
    assert "Jane" not in err


def test_validate_reports_an_unexpected_error_as_internal(
        example_file: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception while summarizing or loading a case is reported for that
    input only, as an internal error, without the exception's text."""
    import practicemodel.serialization
    import practicemodel.summary

    def fail(*args: object, **kwargs: object) -> str:
        raise KeyError("Jane Doe")

    monkeypatch.setattr(practicemodel.summary, "summarize", fail)
    code, out, err = cli("validate", str(example_file), "--example")
    assert code == 1
    assert f"{example_file}: internal error (KeyError" in out
    assert "2 case records checked: 0 valid, 2 invalid" in out
    monkeypatch.setattr(practicemodel.serialization, "loads_case", fail)
    code, out, err = cli("validate", str(example_file), "--example", "--json")
    assert code == 1
    results = json.loads(out)
    assert [r["valid"] for r in results] == [False, False]
    assert "internal error (KeyError" in results[1]["error"]
    assert "Jane" not in out + err


def test_check_reports_an_unexpected_error_in_one_line(
        cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a rule is one line on stderr naming an internal error, exit 1."""
    import practicemodel.checks

    def check_case(*args: object, **kwargs: object) -> object:
        raise KeyError("Jane Doe")

    monkeypatch.setattr(practicemodel.checks, "check_case", check_case)
    code, out, err = cli("check", "--example", "--as-of", AS_OF)
    assert (code, out) == (1, "")
    line = _one_line(err)
    assert "internal error (KeyError" in line
    assert "Jane" not in line


# -- 3. Ctrl-C and a lost worker ------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _workers(pid: int) -> list[int]:
    """Live leaf processes under ``pid`` other than multiprocessing's resource tracker."""
    leaves, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        below = _children(child)
        if below:
            todo.extend(below)
            continue
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in command:
            leaves.append(child)
    return leaves


def _group_alive(group: int) -> bool:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
            except OSError:
                continue
            rest = fields.rsplit(")", 1)[1].split()
            if int(rest[2]) == group and rest[0] != "Z":
                return True
    return False


@pytest.fixture
def big_review() -> Iterator[subprocess.Popen[str]]:
    """``review`` of a million synthetic cases on two workers, in its own process group
    (as a terminal's foreground job is), stopped in any case when the test ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "practicemodel", "review", "--synthetic", "1000000",
         "--as-of", AS_OF, "--workers", "2", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(_workers(proc.pid)) < 2:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.02)
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@linux_only
def test_ctrl_c_during_a_review_with_workers_stops_cleanly(
        big_review: subprocess.Popen[str]) -> None:
    """SIGINT to the whole job (what Ctrl-C does) ends it with one line and exit 130; the
    workers go too."""
    os.killpg(big_review.pid, signal.SIGINT)
    out, err = big_review.communicate(timeout=60)
    assert big_review.returncode == 130, err
    assert "interrupted" in _one_line(err)
    assert out == ""
    deadline = time.monotonic() + 10
    while _group_alive(big_review.pid):
        assert time.monotonic() < deadline, "a worker outlived the interrupted review"
        time.sleep(0.05)


@linux_only
def test_a_killed_worker_is_reported_in_one_line(big_review: subprocess.Popen[str]) -> None:
    """A worker killed mid-review is one line on stderr, exit 1, and no table at all."""
    os.kill(_workers(big_review.pid)[0], signal.SIGKILL)
    out, err = big_review.communicate(timeout=60)
    assert big_review.returncode == 1, err
    assert "worker" in _one_line(err)
    assert out == ""


# -- 4. a closed pipe, a full disk ----------------------------------------------------------


def _closed_pipe(*argv: str) -> tuple[int, bytes]:
    """Run the CLI with its standard output a pipe nobody reads (closed at once)."""
    proc = subprocess.Popen([sys.executable, "-m", "practicemodel", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    return proc.wait(timeout=60), err


def test_validate_into_a_closed_pipe_exits_quietly(poisoned_file: Path) -> None:
    """``validate ... | head -1``: exit 141 (as for SIGPIPE) and nothing on stderr."""
    expected = (141, b"")
    actual = _closed_pipe("validate", str(poisoned_file), "--example")
    assert expected == actual


def test_review_into_a_closed_pipe_exits_quietly() -> None:
    """``review ... | head -1``: exit 141 and nothing on stderr."""
    expected = (141, b"")
    actual = _closed_pipe("review", "--synthetic", "3", "--as-of", AS_OF)
    assert expected == actual


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [("validate", "--example"),
                                  ("review", "--synthetic", "3", "--as-of", AS_OF)])
def test_standard_output_on_a_full_disk_is_one_line(argv: tuple[str, ...]) -> None:
    """Standard output on a full disk (/dev/full) is one line on stderr, exit 1."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run([sys.executable, "-m", "practicemodel", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=60)
    line = _one_line(done.stderr)
    assert done.returncode == 1
    assert "standard output" in line
    assert "No space left on device" in line


# -- 5. a single (pretty-printed) JSON document ---------------------------------------------


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    """The built-in example, pretty-printed, in ``wilson.json``."""
    path = tmp_path / "wilson.json"
    path.write_text(example_json(), encoding="utf-8")
    return path


def test_review_of_a_json_file_reviews_its_one_case(example_file: Path, cli: Cli) -> None:
    """``review wilson.json`` reviews the one case, with no 'not valid JSON' errors."""
    code, out, err = cli("review", str(example_file), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert "1 case reviewed, 0 records skipped" in out


def test_review_recognises_a_pretty_printed_document_by_its_content(
        tmp_path: Path, cli: Cli) -> None:
    """A pretty-printed case under another suffix, or on stdin, is one case too."""
    path = tmp_path / "case.jsonl"
    path.write_text(example_json(), encoding="utf-8")
    for argv, stdin in (((str(path),), ""), (("-",), example_json())):
        code, out, err = cli("review", *argv, "--as-of", AS_OF, stdin=stdin)
        assert (code, err) == (0, "")
        assert "1 case reviewed, 0 records skipped" in out


def test_review_of_json_lines_with_a_broken_first_line_is_still_json_lines(
        tmp_path: Path, cli: Cli) -> None:
    """A truncated first record does not make a JSON Lines file one document."""
    good = _good_lines(3)
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([good[0][:40], good[1], good[2]]) + "\n", encoding="utf-8")
    code, out, err = cli("review", str(path), "--as-of", AS_OF)
    assert code == 1
    assert f"{path}:1:" in err
    assert "2 cases reviewed, 1 record skipped" in out


def test_review_of_json_lines_named_json_is_still_json_lines(tmp_path: Path,
                                                            cli: Cli) -> None:
    """The content decides, not the suffix: JSON Lines in ``cases.json`` are reviewed."""
    path = tmp_path / "cases.json"
    path.write_text("\n".join(_good_lines(3)) + "\n", encoding="utf-8")
    code, out, err = cli("review", str(path), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert "3 cases reviewed, 0 records skipped" in out


def test_review_of_a_broken_json_document_is_one_error(example_file: Path, cli: Cli) -> None:
    """A pretty-printed document with a syntax error is one error, not one per line."""
    example_file.write_text(example_json().replace('"id"', '"id" "', 1), encoding="utf-8")
    code, out, err = cli("review", str(example_file), "--as-of", AS_OF)
    assert code == 1
    assert err.count("not valid JSON") == 1
    assert "0 cases reviewed, 1 record skipped" in out


# -- 6. --out .parquet without the analysis extra -------------------------------------------


def test_review_parquet_without_the_extra_fails_before_the_work(
        tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without polars, ``--out t.parquet`` is exit 2 with the install line, before any case
    is reviewed."""
    monkeypatch.setitem(sys.modules, "polars", None)
    target = tmp_path / "t.parquet"
    code, out, err = cli("review", "--synthetic", "4", "--as-of", AS_OF, "--progress",
                         "--out", str(target))
    assert (code, out) == (2, "")
    assert INSTALL in err
    assert "cases" not in err
    assert not target.exists()


# -- 7. validate streams JSON Lines ---------------------------------------------------------


def test_validate_reads_json_lines_line_by_line(tmp_path: Path, cli: Cli) -> None:
    """Validating a 10 MB JSON Lines file allocates far less than the file's size."""
    good = _good_lines(2)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(good[0] + "\n")
        handle.writelines(" " * 99 + "\n" for _ in range(100_000))
        handle.write(good[1] + "\n")
    assert path.stat().st_size > 10_000_000
    cli("validate", "--quiet", str(path))  # import everything first
    tracemalloc.start()
    try:
        code, out, _ = cli("validate", "--quiet", str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (code, out) == (0, "2 case records checked: 2 valid, 0 invalid\n")
    assert peak < 4_000_000, peak  # the whole file would be over 10 MB


def test_validate_json_is_written_as_it_comes_in_the_same_layout(
        poisoned_file: Path, example_file: Path, cli: Cli) -> None:
    """``validate --json`` streams its array, laid out as ``json.dump(indent=2)`` would."""
    for argv in ([str(poisoned_file), str(example_file)], []):
        _, out, _ = cli("validate", "--json", "--example", *argv)
        expected = json.dumps(json.loads(out), indent=2) + "\n"
        actual = out
        assert expected == actual


# -- 8. unreadable files, the subcommands' parsers, help text -------------------------------


def _unreadable(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "missing.json"
    if kind == "directory":
        path = tmp_path / "folder.json"
        path.mkdir()
        return path
    path = tmp_path / "latin1.json"
    path.write_bytes(example_json().replace("Wilson", "Wílson").encode("latin-1"))
    return path


@pytest.mark.parametrize("kind", ["missing", "directory", "not_utf8"])
@pytest.mark.parametrize("command", [("validate",), ("check", "--as-of", AS_OF),
                                     ("deadlines", "--as-of", AS_OF),
                                     ("review", "--as-of", AS_OF)])
def test_an_unreadable_file_is_a_file_problem_on_stderr(tmp_path: Path, cli: Cli, kind: str,
                                                        command: tuple[str, ...]) -> None:
    """A missing file, a directory or a file that is not UTF-8 is one line on stderr
    naming the file and why, exit 1 -- not 'a problem in the case record'."""
    path = _unreadable(tmp_path, kind)
    code, out, err = cli(command[0], str(path), *command[1:])
    line = _one_line(err)
    assert code == 1
    assert line.startswith(f"{path}: cannot read file (")
    assert "in the case record" not in out + err
    assert "INVALID" not in out


def test_validate_counts_unreadable_files_apart(tmp_path: Path, example_file: Path,
                                                cli: Cli) -> None:
    """The last line counts the records checked and, apart, the files not read."""
    code, out, _ = cli("validate", "--quiet", str(example_file), str(tmp_path / "gone.json"))
    assert code == 1
    assert "1 case record checked: 1 valid, 0 invalid; 1 file could not be read" in out


@pytest.mark.parametrize("command", ["review", "check", "deadlines"])
def test_an_unknown_policy_is_the_subcommands_usage_error(cli: Cli, command: str) -> None:
    """``--policy XX`` is a usage error of the subcommand (its usage line), exit 2, with
    the known codes."""
    source = ("--synthetic", "1") if command == "review" else ("--example",)
    code, out, err = cli(command, *source, "--as-of", AS_OF, "--policy", "XX")
    assert (code, out) == (2, "")
    assert err.startswith(f"usage: practicemodel {command} ")
    assert "unknown policy profile 'XX'; known: " in err
    assert "FEDERAL" in err


def test_review_help_prints_a_plain_percent(capsys: pytest.CaptureFixture[str]) -> None:
    """``review --help`` says 95%, not 95%%."""
    with pytest.raises(SystemExit):
        main(["review", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "95% Wilson interval" in text
    assert "%%" not in text


def test_top_level_description_names_every_command() -> None:
    """The top-level description lists each subcommand."""
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert parser.description is not None
    for name in commands.choices:
        assert name in parser.description
