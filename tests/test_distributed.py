"""The Dask engine (practicemodel.distributed) against the local engine, on LocalClusters.

Each claim of the engine is measured on the same small caseload (300 synthetic cases in
three files, one gzip-compressed, with bad records in two): the table is the local
engine's whatever the partitioning and the number of workers, bad records are reported as
the local engine reports them, and a worker killed mid-review never yields a partial table.
"""

from __future__ import annotations

import gzip
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import dask  # the dask extra is part of the dev install: missing, these tests fail
import distributed as distributed_lib
import pytest

from practicemodel import caseload, distributed
from practicemodel.caseload import CaseloadReview, review_cases, review_jsonl
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    MissingExtraError,
    RecordStructureError,
    ReviewIncompleteError,
)
from practicemodel.policy import get_policy
from practicemodel.review import rate_case, rating_records
from practicemodel.sampling import stratified_sample
from practicemodel.serialization import dumps_case
from practicemodel.synthetic import generate_cases

POLICY = get_policy("MS")
AS_OF = date(2026, 11, 22)
FILES = ("a.jsonl", "b.jsonl", "c.jsonl.gz")
BAD = {  # file -> (index among its lines, broken line): inserted before that line
    "a.jsonl": ((3, '{"schema_version": 2, "id": 5}'), (40, "not json at all")),
    "b.jsonl": ((0, "[1, 2, 3]"), (25, '{"unterminated": '), (70, "")),  # "" is blank
}


# -- the caseload and the local engine's answers ------------------------------------------


def _write(directory: Path) -> None:
    lines = [dumps_case(case, indent=None) for case in generate_cases(300, seed=14)]
    parts = {"a.jsonl": lines[:130], "b.jsonl": lines[130:230], "c.jsonl.gz": lines[230:]}
    for name, cases in parts.items():
        chunk = list(cases)
        for index, broken in sorted(BAD.get(name, ()), reverse=True):
            chunk.insert(index, broken)
        text = "\n".join(chunk) + ("" if name == "b.jsonl" else "\n")  # b: no last newline
        if name.endswith(".gz"):
            with gzip.open(directory / name, "wt", encoding="utf-8") as handle:
                handle.write(text)
        else:
            (directory / name).write_text(text, encoding="utf-8")
    (directory / "notes.txt").write_text("not a caseload\n", encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("caseload")
    _write(directory)
    return directory


def _file_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        yield from handle


def _local(data: Path, by: tuple[str, ...] = (),
           strict: bool = False) -> tuple[CaseloadReview, list[str]]:
    """The local engine on all three files as one stream (the table), and on each file in
    turn (the bad records' messages, named by path as the Dask engine names them)."""
    stream = itertools.chain.from_iterable(_file_lines(data / name) for name in FILES)
    whole = review_jsonl(stream, policy=POLICY, as_of=AS_OF, by=by, engine="local",
                         strict=strict)
    messages: list[str] = []
    for name in FILES:
        path = data / name
        review_jsonl(_file_lines(path), policy=POLICY, as_of=AS_OF, by=by, name=str(path),
                     on_skip=lambda error: messages.append(str(error)))
    return whole, messages


@pytest.fixture(scope="module")
def local(data: Path) -> dict[tuple[str, ...], tuple[CaseloadReview, list[str]]]:
    return {by: _local(data, by) for by in ((), ("region",), ("region", "case_type"))}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed_lib.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=":0") as cluster, \
            distributed_lib.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def one_worker() -> Iterator[Any]:
    """One worker; a task whose worker dies is not retried (allowed-failures 0)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed_lib.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                         dashboard_address=":0") as cluster, \
            distributed_lib.Client(cluster) as dask_client:
        yield dask_client


def _same(result: CaseloadReview, expected: CaseloadReview) -> None:
    assert result.table == expected.table
    assert (result.cases_reviewed, result.records_skipped, result.by) == (
        expected.cases_reviewed, expected.records_skipped, expected.by)
    assert (result.policy, result.as_of, result.instrument) == (
        expected.policy, expected.as_of, expected.instrument)


# -- partitions -----------------------------------------------------------------------------


@pytest.mark.parametrize("ending", [b"\n", b""])
def test_partitions_tile_a_file_on_line_boundaries(tmp_path: Path, ending: bytes) -> None:
    """For every block size, the partitions cover the file exactly, in order, each starting
    at a line's first byte and knowing that line's number (blank lines, long lines, and a
    last line with or without its newline)."""
    body = b"one\n\ntwo two two two two two\nthree\n\n\nfour is a longer line than most\nfive"
    path = tmp_path / "f.jsonl"
    path.write_bytes(body + ending)
    data = path.read_bytes()
    for blocksize in [*range(1, 40), 64, len(data) - 1, len(data), None]:
        parts = distributed.partitions(str(path), blocksize=blocksize)
        assert parts[0].start == 0
        assert parts[-1].end == len(data)
        for before, after in itertools.pairwise(parts):
            assert before.end == after.start
        for part in parts:
            assert part.end is not None
            assert part.start < part.end
            assert part.start == 0 or data[part.start - 1:part.start] == b"\n"
            assert part.first_line == data.count(b"\n", 0, part.start) + 1
            assert part.label == str(path)


@pytest.mark.parametrize("slice_bytes", [1, 3, 7])
def test_a_block_is_counted_in_slices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      slice_bytes: int) -> None:
    """A block's newlines are counted a slice at a time (memory per worker stays flat): the
    partitions are the same whatever the slice."""
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"one\n\ntwo two two two two two\nthree\n\n\nfour is longer\nfive\n")
    expected = {b: distributed.partitions(str(path), blocksize=b) for b in (1, 5, 11, 16)}
    monkeypatch.setattr(distributed, "_COUNT_SLICE", slice_bytes)
    assert {b: distributed.partitions(str(path), blocksize=b) for b in (1, 5, 11, 16)} == \
        expected


def test_a_compressed_file_is_one_partition(data: Path) -> None:
    parts = distributed.partitions(str(data / "c.jsonl.gz"), blocksize=1000)
    assert [(p.start, p.end, p.first_line, p.compression) for p in parts] == [
        (0, None, 1, "gzip")]


# -- same answers as the local engine -------------------------------------------------------


@pytest.mark.parametrize(("blocksize", "by"), [
    (60_000, ("region",)),  # about a case per partition
    (1_000_000, ()),
    (None, ("region", "case_type")),  # one partition per file
])
def test_same_table_as_the_local_engine(data: Path, local: Any, client: Any,
                                        blocksize: int | None, by: tuple[str, ...]) -> None:
    expected, messages = local[by]
    skipped: list[RecordStructureError] = []
    result = distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, by=by,
                                      client=client, blocksize=blocksize,
                                      on_skip=skipped.append)
    _same(result, expected)
    assert len(distributed.partitions(str(data), blocksize=blocksize)) > (
        20 if blocksize == 60_000 else 2)
    assert [str(error) for error in skipped] == messages


def test_same_table_on_one_worker(data: Path, local: Any, one_worker: Any) -> None:
    expected, _ = local[("region",)]
    result = distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, by=("region",),
                                      client=one_worker, blocksize=400_000)
    _same(result, expected)


def test_review_jsonl_with_the_dask_engine(data: Path, local: Any, client: Any) -> None:
    """``review_jsonl(engine="dask")`` is the same review; ``progress`` gets each
    partition's cases and bytes."""
    expected, messages = local[("region",)]
    steps: list[tuple[int, int]] = []
    skipped: list[str] = []
    result = review_jsonl(str(data / "*.jsonl*"), policy=POLICY, as_of=AS_OF, by=("region",),
                          engine="dask", client=client, on_skip=lambda e: skipped.append(str(e)),
                          progress=lambda cases, work: steps.append((cases, work)))
    _same(result, expected)
    assert skipped == messages
    assert sum(cases for cases, _ in steps) == expected.cases_reviewed


def test_without_a_client_a_local_cluster_is_started_for_the_call(
        data: Path, local: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[dict[str, Any]] = []
    start = distributed.local_cluster

    def spy(**options: Any) -> Any:
        started.append(options)
        return start(**options)

    monkeypatch.setattr(distributed, "local_cluster", spy)
    expected, _ = local[()]
    result = review_jsonl([str(data / name) for name in FILES], policy=POLICY, as_of=AS_OF,
                          engine="dask")
    _same(result, expected)
    assert len(started) == 1  # started as the engine starts its clusters: WORKER_CONFIG


def _profiles(dask_client: Any) -> list[int]:
    def held(dask_worker: Any) -> int:
        return len(dask_worker.profile_history)
    return sorted(dask_client.run(held).values())


def test_the_engines_clusters_keep_no_profile_history(data: Path, local: Any) -> None:
    """Dask's statistical profiler keeps a profile a second per worker (for 1,000 s): with
    the rules' call stacks that history grew a worker by ~0.3 KB per case rated. The
    clusters the engine starts (``local_cluster``) run without it, with the same results."""
    expected, _ = local[()]
    files = [str(data / name) for name in FILES]
    with distributed_lib.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                      dashboard_address=":0") as plain, \
            distributed_lib.Client(plain) as dask_client:
        _same(distributed.review_files(files, policy=POLICY, as_of=AS_OF,
                                       client=dask_client), expected)
        time.sleep(1.5)  # more than one profile cycle (1 s)
        assert _profiles(dask_client)[0] > 0  # the control: Dask's default keeps them
    with distributed.local_cluster(n_workers=1, dashboard_address=":0") as cluster, \
            distributed_lib.Client(cluster) as dask_client:
        _same(distributed.review_files(files, policy=POLICY, as_of=AS_OF,
                                       client=dask_client), expected)
        time.sleep(1.5)
        assert _profiles(dask_client) == [0]
        enabled = dask_client.run(dask.config.get, "distributed.worker.profile.enabled")
        assert list(enabled.values()) == [False]


def test_progress_draws_dasks_text_bar_on_stderr(data: Path, client: Any,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, client=client,
                             blocksize=None, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"[{'#' * 40}] | 100% Completed |" in captured.err


def test_directory_glob_and_list_inputs(data: Path, local: Any, client: Any,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory (its .jsonl and .jsonl.gz files, not notes.txt), a glob and a list give
    the same review; files found from a relative pattern are named relative to it."""
    expected, messages = local[()]
    monkeypatch.chdir(data.parent)
    inputs: list[Any] = [data, str(data / "*.jsonl*"), [str(data / n) for n in FILES],
                         [str(data / "a.jsonl"), str(data / "*.jsonl*")]]  # a: once
    for paths in inputs:
        result = distributed.review_files(paths, policy=POLICY, as_of=AS_OF, client=client,
                                          blocksize=None)
        _same(result, expected)
    skipped: list[str] = []
    distributed.review_files(f"{data.name}/*.jsonl", policy=POLICY, as_of=AS_OF,
                             client=client, blocksize=None,
                             on_skip=lambda e: skipped.append(str(e)))
    prefix = f"{data.name}{os.sep}"
    assert skipped == [m.replace(f"{data}{os.sep}", prefix) for m in messages]


def test_missing_and_empty_inputs_are_named(data: Path) -> None:
    missing = str(data / "nowhere.jsonl")
    with pytest.raises(FileNotFoundError, match=r"nowhere\.jsonl"):
        distributed.review_files(missing, policy=POLICY, as_of=AS_OF)
    with pytest.raises(FileNotFoundError, match=r"nowhere\.jsonl"):
        distributed.partitions([str(data / "a.jsonl"), missing])
    with pytest.raises(InvalidArgumentError, match=r"pattern '.*\*\.csv' matches no file"):
        distributed.review_files(str(data / "*.csv"), policy=POLICY, as_of=AS_OF)
    empty = data / "empty"
    empty.mkdir(exist_ok=True)
    with pytest.raises(InvalidArgumentError, match="holds no"):
        distributed.partitions(str(empty))
    with pytest.raises(InvalidArgumentError, match="at least one file"):
        distributed.partitions([])


# -- bad records ----------------------------------------------------------------------------


def test_strict_raises_the_first_bad_record_in_file_order(data: Path, client: Any) -> None:
    """The first bad record is a.jsonl's line 4 (whichever partition finishes first); its
    message is the local engine's, and no table comes back."""
    with pytest.raises(RecordStructureError) as local_error:
        review_jsonl(str(data / "a.jsonl"), policy=POLICY, as_of=AS_OF, strict=True)
    for blocksize in (60_000, None):
        with pytest.raises(RecordStructureError) as error:
            distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, client=client,
                                     blocksize=blocksize, strict=True)
        assert str(error.value) == str(local_error.value)
        assert str(error.value).startswith(f"{data / 'a.jsonl'}:4: ")
    with pytest.raises(RecordStructureError) as later:  # b.jsonl's line 1 comes first here
        distributed.review_files([str(data / "c.jsonl.gz"), str(data / "b.jsonl")],
                                 policy=POLICY, as_of=AS_OF, client=client,
                                 blocksize=60_000, strict=True)
    assert str(later.value).startswith(f"{data / 'b.jsonl'}:1: ")


# -- samples and the rating frame -------------------------------------------------------------


def test_a_sample_is_the_local_engines_sample(data: Path, client: Any) -> None:
    """``sample`` draws the cases the local engine's ``--sample`` draws from all the cases
    that load, and rates them."""
    population = []
    for name in FILES:
        for number, line in enumerate(_file_lines(data / name), start=1):
            try:
                population.append(caseload._load_record(line, f"{name}:{number}"))
            except RecordStructureError:
                continue
    sample, report = stratified_sample(population, strata=("region", "case_type"), seed=3,
                                       proportional_total=40)
    expected = review_cases(sample, policy=POLICY, as_of=AS_OF, by=("region",))
    reports: list[Any] = []
    result = distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, by=("region",),
                                      client=client, blocksize=1_000_000, sample=40, seed=3,
                                      on_sample=reports.append)
    assert result.table == expected.table
    assert result.cases_reviewed == 40
    assert result.records_skipped == 4  # the bad records, reported by the first pass
    assert reports == [report]


def test_rating_frame_has_a_row_per_rating_record(data: Path, client: Any) -> None:
    frame = distributed.rating_frame(str(data / "*.jsonl"), policy=POLICY, as_of=AS_OF,
                                     client=client, blocksize=1_000_000)
    rows = frame.compute()
    expected = []
    for name in ("a.jsonl", "b.jsonl"):
        for line in _file_lines(data / name):
            try:
                case = caseload._load_record(line, name)
            except RecordStructureError:
                continue
            review = rate_case(case, policy=POLICY, as_of=AS_OF)
            expected.extend({"case_id": case.id, **row} for row in rating_records(review))
    assert list(rows.columns) == ["case_id", "item", "rating", "region", "county",
                                  "case_type", "quarter"]
    assert rows.to_dict("records") == expected


# -- arguments and the extra --------------------------------------------------------------


def test_import_practicemodel_does_not_import_dask() -> None:
    code = ("import sys, practicemodel, practicemodel.caseload, practicemodel.distributed; "
            "assert not {'dask', 'distributed', 'fsspec'} & set(sys.modules), 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("arguments", "error", "named"), [
    ({"engine": 3}, InvalidInputError, "'engine'"),
    ({"engine": "spark"}, InvalidArgumentError, "'engine'"),
    ({"engine": "dask", "client": "tcp://127.0.0.1:8786"}, InvalidInputError, "'client'"),
    ({"engine": "local", "client": object()}, InvalidArgumentError, "'client'"),
    ({"engine": "dask", "name": "x"}, InvalidArgumentError, "'name'"),
])
def test_review_jsonl_engine_arguments(data: Path, arguments: dict[str, Any],
                                       error: type[Exception], named: str) -> None:
    with pytest.raises(error, match=named):
        review_jsonl(str(data / "a.jsonl"), policy=POLICY, as_of=AS_OF, **arguments)


def test_dask_engine_needs_paths(data: Path) -> None:
    with open(data / "a.jsonl", "rb") as handle, pytest.raises(InvalidArgumentError,
                                                               match="'source'"):
        review_jsonl(handle, policy=POLICY, as_of=AS_OF, engine="dask")


@pytest.mark.parametrize(("arguments", "named"), [
    ({"blocksize": "64MB"}, "'blocksize'"),
    ({"blocksize": 0}, "'blocksize'"),
    ({"blocksize": True}, "'blocksize'"),
    ({"client": "localhost:8786"}, "'client'"),
    ({"storage_options": ["anon"]}, "'storage_options'"),
    ({"progress": "yes"}, "'progress'"),
    ({"seed": 1.5}, "'seed'"),
    ({"sample": -1}, "'sample'"),
    ({"on_skip": 1}, "'on_skip'"),
])
def test_review_files_arguments(data: Path, arguments: dict[str, Any], named: str) -> None:
    with pytest.raises(InvalidInputError, match=named):
        distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, **arguments)
    with pytest.raises(InvalidInputError, match="'paths'"):
        distributed.review_files(b"a.jsonl", policy=POLICY, as_of=AS_OF)  # type: ignore[arg-type]


def test_without_dask_the_error_says_how_to_install_it(data: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(MissingExtraError, match=r'pip install "practicemodel\[dask\]"'):
        review_jsonl(str(data / "a.jsonl"), policy=POLICY, as_of=AS_OF, engine="dask")


# -- a worker killed mid-review -------------------------------------------------------------


def _killer(client: Any, after: int) -> tuple[Any, list[str]]:
    """A progress callback that, at its ``after``-th call (so, mid-review, with that many
    partitions rated), kills with SIGKILL a worker the scheduler has a task running on."""
    pids = client.run(os.getpid)
    killed: list[str] = []
    calls = itertools.count(1)

    def progress(cases: int, work: int) -> None:
        if next(calls) != after:
            return
        busy = sorted(address for address, keys in client.processing().items() if keys)
        assert busy, "no task running: the review is not mid-way"
        os.kill(pids[busy[0]], signal.SIGKILL)
        killed.append(busy[0])

    return progress, killed


def test_a_worker_killed_mid_review_is_retried(data: Path, local: Any, client: Any) -> None:
    """Dask runs the dead worker's tasks again (allowed-failures 3, the default): the review
    completes with the local engine's table, or, if it cannot, says it is incomplete; it
    never returns a partial table."""
    expected, _ = local[("region",)]
    progress, killed = _killer(client, after=5)
    outcome: CaseloadReview | ReviewIncompleteError
    try:
        outcome = distributed.review_files(str(data), policy=POLICY, as_of=AS_OF,
                                           by=("region",), client=client, blocksize=60_000,
                                           progress=progress)
    except ReviewIncompleteError as error:
        outcome = error
    if isinstance(outcome, ReviewIncompleteError):
        assert "the review is incomplete" in str(outcome)
    else:
        _same(outcome, expected)
    assert len(killed) == 1
    client.wait_for_workers(2, timeout=60)


def test_a_worker_killed_with_no_retries_left_fails_the_review(data: Path,
                                                               one_worker: Any) -> None:
    """With no retry allowed, the task running on the killed worker fails: the review
    raises ReviewIncompleteError naming a partition, and returns no table."""
    progress, killed = _killer(one_worker, after=3)
    with pytest.raises(ReviewIncompleteError,
                       match=r"the review is incomplete: partition \d+ of \d+ \(.*jsonl.*"
                             r"KilledWorker.*no result is returned"):
        distributed.review_files(str(data), policy=POLICY, as_of=AS_OF, client=one_worker,
                                 blocksize=60_000, progress=progress)
    assert len(killed) == 1
    one_worker.wait_for_workers(1, timeout=60)
