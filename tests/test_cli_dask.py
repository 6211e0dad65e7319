"""``practicemodel review --engine dask`` and ``analysis.to_dask`` (issue 14).

The done-when of the issue: ``practicemodel review 'DIR/*.jsonl' --engine dask --as-of
2026-11-22 --by region`` prints exactly the table the local engine prints on the same cases.
The tests share one LocalCluster (two worker processes), passed with ``--scheduler``; one
test lets the command start its own.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from practicemodel import distributed as engine
from practicemodel.analysis import to_dask
from practicemodel.cli import main
from practicemodel.errors import ReviewIncompleteError
from practicemodel.policy import get_policy
from practicemodel.review import rate_case, rating_records
from practicemodel.serialization import dumps_case
from practicemodel.statistics import item_performance
from practicemodel.synthetic import generate_cases

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

AS_OF = "2026-11-22"
CASES = 200
SPLIT = (70, 140)  # three files: cases [0, 70), [70, 140), [140, 200)
BAD = {1: {5: '{"schema_version": 2, "id": "broken"}', 20: "not json"}}
"""Bad lines of the files with bad records: file index -> {line index: line}."""

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """One LocalCluster for the module: two worker processes, one thread each."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                                  silence_logs=50) as local:
        yield local


@pytest.fixture(scope="module")
def address(cluster: object) -> str:
    """The shared cluster's scheduler address, for ``--scheduler``."""
    return str(cluster.scheduler_address)  # type: ignore[attr-defined]


def _write(directory: Path, bad: bool) -> tuple[Path, list[Path]]:
    """Three JSON Lines files of CASES synthetic cases (with two bad records in the second
    when ``bad``), and one file of their lines in the glob's order, for the local engine."""
    lines = [dumps_case(case, indent=None) for case in generate_cases(CASES, seed=7)]
    directory.mkdir()
    files, everything = [], []
    for k, (first, last) in enumerate(zip((0, *SPLIT), (*SPLIT, CASES), strict=True)):
        chunk = lines[first:last]
        for index, line in sorted(BAD.get(k, {}).items()) if bad else ():
            chunk.insert(index, line)
        path = directory / f"part{k}.jsonl"
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
        files.append(path)
        everything.extend(chunk)
    whole = directory.parent / f"{directory.name}-all.jsonl"
    whole.write_text("\n".join(everything) + "\n", encoding="utf-8")
    return whole, files


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """Three files of good records, and their concatenation."""
    return _write(tmp_path_factory.mktemp("good") / "cases", bad=False)


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """Three files, the second with two bad records (its lines 6 and 21), and their
    concatenation."""
    return _write(tmp_path_factory.mktemp("bad") / "cases", bad=True)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI in-process; return (exit code, stdout, stderr), usage errors included."""

    def call(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        out = io.StringIO()
        try:
            code = main(list(argv), stdout=out, stdin=io.StringIO(""))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        return code, out.getvalue(), capsys.readouterr().err

    return call


def _glob(files: list[Path]) -> str:
    return str(files[0].parent / "*.jsonl")


@pytest.mark.parametrize("options", [
    ("--by", "region"),
    ("--by", "county", "quarter", "--json"),
    ("--instrument", "cfsr", "--by", "case_type"),
], ids=["by-region", "json", "cfsr"])
def test_dask_prints_the_table_the_local_engine_prints(
        good: tuple[Path, list[Path]], address: str, cli: Cli,
        options: tuple[str, ...]) -> None:
    """The issue's done-when: the same table (text or JSON), byte for byte, from a glob of
    three files on Dask and from the same cases in one file on the local engine."""
    whole, files = good
    local = cli("review", str(whole), "--as-of", AS_OF, *options)
    dask = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
               "--as-of", AS_OF, *options)
    assert local[0] == 0
    assert f"{CASES} cases reviewed, 0 records skipped" in (local[1] + local[2])
    assert dask[:2] == local[:2]


def test_dask_without_a_scheduler_starts_and_closes_a_local_cluster(
        good: tuple[Path, list[Path]], cli: Cli) -> None:
    """Without --scheduler, a LocalCluster of --workers processes is started for the
    review (a directory of files is read) and gives the local engine's table."""
    whole, files = good
    local = cli("review", str(whole), "--as-of", AS_OF, "--by", "region")
    dask = cli("review", str(files[0].parent), "--engine", "dask", "--workers", "1",
               "--as-of", AS_OF, "--by", "region")
    assert dask[:2] == local[:2]


def test_dask_reports_bad_records_as_the_local_engine_does(
        bad: tuple[Path, list[Path]], address: str, cli: Cli) -> None:
    """Bad records are reported on stderr as the local engine reports each file's, in file
    order (file, then line), counted, and exit 1; the table is the local engine's."""
    whole, files = bad
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF, "--by", "region")
    per_file = [cli("review", str(path), "--as-of", AS_OF) for path in files]
    assert code == 1
    assert err == "".join(reported for _, _, reported in per_file)
    assert [line.split(": ")[0] for line in err.splitlines() if ".jsonl:" in line] == [
        f"{files[1]}:6", f"{files[1]}:21"]
    local = cli("review", str(whole), "--as-of", AS_OF, "--by", "region")
    assert (code, out) == local[:2]
    assert f"{CASES} cases reviewed, 2 records skipped" in out


def test_dask_strict_stops_on_the_first_bad_record(
        bad: tuple[Path, list[Path]], address: str, cli: Cli) -> None:
    """--strict names the first bad record in file order and stops: exit 1, no table."""
    _, files = bad
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF, "--strict")
    assert (code, out) == (1, "")
    assert err.startswith(f"{files[1]}:6: 1 problem in the case record:")
    assert f"{files[1]}:21" not in err
    assert "stopped (--strict)" in err


@pytest.mark.parametrize("seed", ["3", "review-2026"])
def test_dask_sample_reviews_the_cases_the_local_engine_samples(
        bad: tuple[Path, list[Path]], address: str, cli: Cli, seed: str) -> None:
    """--sample N --seed S on Dask (two passes: strata, then the cases drawn) reviews the
    same cases as the local engine: the same table, the same 'sample:' line."""
    whole, files = bad
    options = ("--as-of", AS_OF, "--by", "region", "--sample", "40", "--seed", seed)
    local = cli("review", str(whole), *options)
    dask = cli("review", _glob(files), "--engine", "dask", "--scheduler", address, *options)
    assert dask[:2] == local[:2]
    assert "40 cases reviewed, 2 records skipped" in dask[1]
    said = [line for line in dask[2].splitlines() if line.startswith("sample:")]
    assert said == [f"sample: 40 of {CASES} cases, stratified by region x case type "
                    f"(seed {seed})"]
    assert said == [line for line in local[2].splitlines() if line.startswith("sample:")]


def _rating_rows(whole: Path) -> int:
    """The number of rating records of the good cases of ``whole``."""
    policy = get_policy("FEDERAL", date.fromisoformat(AS_OF))
    return sum(len(rating_records(rate_case(case, policy=policy,
                                            as_of=date.fromisoformat(AS_OF))))
               for case in generate_cases(CASES, seed=7))


def test_dask_out_directory_writes_the_ratings_as_parquet(
        bad: tuple[Path, list[Path]], address: str, cli: Cli, tmp_path: Path) -> None:
    """--out DIR/ writes one row per rating record of every good case as partitioned
    Parquet (a file per partition), and the table is still printed."""
    pandas = pytest.importorskip("pandas")
    whole, files = bad
    target = tmp_path / "ratings"
    code, out, _ = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                       "--as-of", AS_OF, "--out", f"{target}/")
    assert code == 1  # the two bad records
    assert f"{CASES} cases reviewed, 2 records skipped" in out
    assert len(list(target.glob("*.parquet"))) == len(files)
    frame = pandas.read_parquet(target)
    assert len(frame) == _rating_rows(whole)
    assert list(frame.columns) == ["case_id", "item", "rating", "region", "county",
                                   "case_type", "quarter"]
    assert frame["case_id"].nunique() == CASES


def test_dask_out_directory_must_be_new_or_empty(
        good: tuple[Path, list[Path]], address: str, cli: Cli) -> None:
    """An --out directory that already holds files is refused before any work (exit 2)."""
    _, files = good
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF, "--out", f"{files[0].parent}/")
    assert (code, out) == (2, "")
    assert err == f"{files[0].parent}/: cannot write the ratings there (the directory is not "\
                  "empty)\n"


def test_to_dask_rows_give_the_review_table(good: tuple[Path, list[Path]],
                                            cluster: object) -> None:
    """analysis.to_dask: the rating records as a Dask DataFrame, whose rows counted give
    the same item performance as the review of the same files."""
    whole, files = good
    policy = get_policy("FEDERAL", date.fromisoformat(AS_OF))
    with distributed.Client(cluster) as client:
        frame = to_dask(_glob(files), policy=policy, as_of=date.fromisoformat(AS_OF),
                        client=client, blocksize=1_000_000)
        rows = frame.compute().to_dict("records")
        result = engine.review_files(_glob(files), policy=policy,
                                     as_of=date.fromisoformat(AS_OF), by=("region",),
                                     client=client)
    assert frame.npartitions > len(files)
    assert len(rows) == _rating_rows(whole)
    assert item_performance(rows, by=("region",)) == result.table


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_scheduler_that_cannot_be_reached_is_one_line(good: tuple[Path, list[Path]],
                                                        cli: Cli) -> None:
    """A --scheduler address nobody listens on: one line naming it, exit 1, no table."""
    _, files = good
    address = f"tcp://127.0.0.1:{_free_port()}"
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert err.startswith(f"practicemodel: cannot connect to the Dask scheduler at {address} (")
    assert err.count("\n") == 1


@pytest.mark.parametrize(("argv", "said"), [
    (("--scheduler", "tcp://127.0.0.1:8786"), "--scheduler needs --engine dask"),
    (("--engine", "dask", "--scheduler", "nonsense"),
     "--scheduler 'nonsense': missing port number"),
    (("--engine", "dask", "--scheduler", "foo://host:1"), "unknown address scheme 'foo'"),
], ids=["without-dask", "no-port", "scheme"])
def test_scheduler_usage_errors(good: tuple[Path, list[Path]], cli: Cli,
                                argv: tuple[str, ...], said: str) -> None:
    """--scheduler without --engine dask, or a malformed address, is a usage error (2)."""
    _, files = good
    code, out, err = cli("review", _glob(files), "--as-of", AS_OF, *argv)
    assert (code, out) == (2, "")
    assert said in err


def test_dask_needs_files(cli: Cli) -> None:
    """--engine dask reviews files: --synthetic and standard input are usage errors."""
    assert cli("review", "--synthetic", "5", "--engine", "dask", "--as-of", AS_OF)[0] == 2
    assert cli("review", "-", "--engine", "dask", "--as-of", AS_OF)[0] == 2


def test_an_incomplete_dask_review_is_one_line_and_no_table(
        good: tuple[Path, list[Path]], address: str, cli: Cli,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """When the engine cannot rate a partition (its worker died on every retry), the
    command says so in one line, exits 1 and prints no table."""
    _, files = good

    def lost(*args: object, **kwargs: object) -> object:
        raise ReviewIncompleteError(
            "the review is incomplete: partition 2 of 3 (cases/part1.jsonl, lines from 1) "
            "was not rated (KilledWorker: ...\nworker died); no result is returned")

    monkeypatch.setattr(engine, "review_files", lost)
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert err.startswith("practicemodel: the review is incomplete: partition 2 of 3")
    assert err.count("\n") == 1


def test_a_killed_worker_outside_the_review_is_one_line(
        good: tuple[Path, list[Path]], address: str, cli: Cli, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask's own KilledWorker (writing --out DIR/, say) is the same one line, exit 1."""
    _, files = good

    def killed(*args: object, **kwargs: object) -> object:
        raise distributed.KilledWorker("task", "worker", 3)

    monkeypatch.setattr(engine, "rating_frame", killed)
    code, out, err = cli("review", _glob(files), "--engine", "dask", "--scheduler", address,
                         "--as-of", AS_OF, "--out", f"{tmp_path}/ratings/")
    assert (code, out) == (1, "")
    assert err.startswith("practicemodel: a Dask worker died")
    assert err.count("\n") == 1
