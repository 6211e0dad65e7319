"""Review a caseload on a Dask cluster: files read where they are, only counts come back.

The same review as [`review_jsonl`][practicemodel.caseload.review_jsonl], spread over the
workers of a [Dask](https://distributed.dask.org) cluster (``pip install
"practicemodel[dask]"``), for caseloads kept in many files, or in files too large for one
machine's cores:

- [`review_files`][practicemodel.distributed.review_files]: item performance of every
  case of a file, a directory, a glob or a list of them (``.jsonl``, ``.jsonl.gz``,
  ``.ndjson``), local or anywhere [fsspec](https://filesystem-spec.readthedocs.io) opens
  (``s3://...`` with ``s3fs`` installed);
- [`partitions`][practicemodel.distributed.partitions]: how the files are split into
  [`Partition`][practicemodel.distributed.Partition]s, one task each;
- [`rating_frame`][practicemodel.distributed.rating_frame]: the case-level rating records
  as a Dask DataFrame.

**What is shipped to workers.** Each task gets a partition's address (the file's URL, a
byte range and the line number the range starts at: a few hundred bytes) and the review's
settings (the policy profile, the ``as_of`` date, the grouping keys and the review
instrument: a few kilobytes, sent with every task rather than scattered, so a restarted
worker never misses them). No case crosses the network: the worker reads its byte range
from the file itself, and loads and rates the cases there.

**What comes back.** A partition's result is its
[`PerformanceCounter`][practicemodel.statistics.PerformanceCounter] (a few numbers per
item and group, whatever the number of cases), the number of cases rated, and the bad
records found ([`RecordStructureError`][practicemodel.errors.RecordStructureError]s naming
``file:line``). Counting is additive, so the client merges the counters in partition
order, and the table is identical to the local engine's whatever the partitioning and the
number of workers; bad records are reported in file order, as the local engine reports them.

**Partitions.** An uncompressed file larger than ``blocksize`` is split into blocks of
``blocksize`` bytes; a first, cheap pass (a task per block) counts each block's newlines,
so that each partition starts on a line boundary and knows its first line's number. A
partition holds the lines whose newline falls in its block. A compressed file cannot be
entered in the middle: it is one partition.

**Nothing is silently lost.** A task whose worker dies is run again on another worker by
Dask (up to ``distributed.scheduler.allowed-failures`` times); when a partition still
cannot be rated, the review raises
[`ReviewIncompleteError`][practicemodel.errors.ReviewIncompleteError] naming it, and
returns no table.

``import practicemodel`` never imports Dask: this module imports it when a function is
called, and raises [`MissingExtraError`][practicemodel.errors.MissingExtraError] when it
is not installed.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from practicemodel import caseload
from practicemodel.caseload import CaseloadReview, _Batch, _Done, _Job
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    MissingExtraError,
    PracticeModelError,
    RecordStructureError,
    ReviewIncompleteError,
)
from practicemodel.policy import PolicyProfile
from practicemodel.review import DEFAULT_INSTRUMENT, ReviewInstrument, rate_case, rating_records
from practicemodel.statistics import PerformanceCounter

if TYPE_CHECKING:
    import dask.dataframe
    import distributed

    from practicemodel.sampling import SampleReport

__all__ = [
    "DEFAULT_BLOCKSIZE",
    "EXTRA",
    "SUFFIXES",
    "WORKER_CONFIG",
    "Partition",
    "local_cluster",
    "partitions",
    "rating_frame",
    "review_files",
]

EXTRA = 'pip install "practicemodel[dask]"'
"""How to install what this module needs."""

DEFAULT_BLOCKSIZE = 64 * 2**20
"""Bytes of an uncompressed file per partition (64 MiB)."""

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
"""The files of a directory that are reviewed."""

WORKER_CONFIG: Mapping[str, object] = MappingProxyType(
    {"distributed.worker.profile.enabled": False})
"""Dask settings for the workers of the clusters the engine starts itself (``client=None``,
``practicemodel review --engine dask`` without ``--scheduler``): Dask's statistical
profiler off. It samples each worker's stack every 10 ms and keeps one profile a second
for the last 1,000 seconds; with the rules' deep, varied call stacks that history grew a
worker by ~0.3 KB per case rated (127 to 325 MB from 100,000 to 1,000,000 cases, where a
worker rating the same partitions without it stays at ~91 MB), and the sampling cost ~15 %
of the time. Nothing the engine returns uses it. For a cluster of your own, start the
workers with ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` to the same effect
(what the dashboard's profile page shows is then empty)."""

_LINES_PER_BATCH = 250
"""Lines a task rates at a time (its memory stays flat however large the partition)."""


def _require(module: str) -> ModuleType:
    """Import ``module`` or raise MissingExtraError naming the dask extra."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(
            f"{module.partition('.')[0]} is needed for the Dask engine; install the dask "
            f"extra: {EXTRA}", name=module) from error


@attrs.frozen(kw_only=True)
class Partition:
    """A run of whole lines of one file: what one task reads and rates."""

    path: str
    """The file's URL (a local path, or ``s3://...``), as the workers open it."""
    label: str
    """The file's name in messages (``label:line``)."""
    start: int
    """Byte offset of the partition's first line."""
    end: int | None
    """Byte offset just past its last line; ``None``: to the end of the file."""
    first_line: int
    """Line number of its first line (1 for the start of a file)."""
    compression: str | None = None
    """The file's compression (``"gzip"``...), inferred from its name; ``None``: none."""


# -- finding the files --------------------------------------------------------------------


def _has_magic(text: str) -> bool:
    return any(c in text for c in "*?[")


def _path_args(paths: object) -> list[str]:
    if isinstance(paths, str | os.PathLike):
        return [str(os.fspath(paths))]
    if isinstance(paths, bytes | Mapping) or not isinstance(paths, Sequence) or not all(
            isinstance(p, str | os.PathLike) for p in paths):
        raise InvalidInputError(f"'paths' must be a path, a glob, a URL or a list of them "
                                f"(got {paths!r})")
    listed = [os.fspath(p) for p in paths]
    if not listed:
        raise InvalidArgumentError("'paths' must name at least one file (got an empty list)")
    if not all(isinstance(p, str) for p in listed):
        raise InvalidInputError(f"'paths' must be str paths (got {paths!r})")
    return [str(p) for p in listed]


def _files(paths: object, storage_options: Mapping[str, Any]) -> list[tuple[Any, str, str]]:
    """(filesystem, path on it, label) of each file ``paths`` names, in order."""
    fsspec_core = _require("fsspec.core")
    found: list[tuple[Any, str, str]] = []
    seen: set[str] = set()
    for given in _path_args(paths):
        fs, path = fsspec_core.url_to_fs(given, **storage_options)
        local = "://" not in given and not given.startswith("file:")

        def label(found_path: str, fs: Any = fs, given: str = given,
                  local: bool = local) -> str:
            if not local:
                return str(fs.unstrip_protocol(found_path))
            return found_path if os.path.isabs(given) else os.path.relpath(found_path)

        if _has_magic(path):
            names = sorted(p for p in fs.glob(path) if fs.isfile(p))
            if not names:
                raise InvalidArgumentError(f"'paths': the pattern {given!r} matches no file")
            items = [(p, label(p)) for p in names]
        elif fs.isdir(path):
            names = sorted(p for p in fs.ls(path, detail=False)
                           if p.endswith(SUFFIXES) and fs.isfile(p))
            if not names:
                raise InvalidArgumentError(f"'paths': the directory {given!r} holds no "
                                           f"{', '.join(SUFFIXES)} file")
            items = [(p, label(p)) for p in names]
        elif fs.isfile(path):
            items = [(path, given)]
        else:
            raise FileNotFoundError(2, "No such file or directory", given)
        for p, name in items:
            url = str(fs.unstrip_protocol(p)) if not local else p
            if url not in seen:  # a file named twice is reviewed once
                seen.add(url)
                found.append((fs, url, name))
    return found


def _count_block(url: str, start: int, length: int,
                 storage_options: Mapping[str, Any]) -> tuple[int, int | None]:
    """Newlines in ``length`` bytes from ``start``, and the offset of the last one.

    The block is read a slice of ``_COUNT_SLICE`` bytes at a time, so a worker holds no more
    than that, whatever the blocksize (memory per worker stays flat)."""
    fsspec = _require("fsspec")
    count, last, offset = 0, None, start
    with fsspec.open(url, "rb", **storage_options) as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            data = handle.read(min(_COUNT_SLICE, remaining))
            if not data:
                break
            count += data.count(b"\n")
            found = data.rfind(b"\n")
            if found >= 0:
                last = offset + found
            offset += len(data)
            remaining -= len(data)
    return count, last


_COUNT_SLICE = 1 << 20
"""Bytes read at a time when counting a block's newlines (1 MiB)."""


Mapper = Callable[[Callable[..., Any], list[tuple[Any, ...]]], list[Any]]


def _here(function: Callable[..., Any], arguments: list[tuple[Any, ...]]) -> list[Any]:
    return [function(*args) for args in arguments]


def _split(files: list[tuple[Any, str, str]], blocksize: int | None,
           storage_options: Mapping[str, Any], mapper: Mapper) -> list[Partition]:
    fsspec_utils = _require("fsspec.utils")
    parts: list[Partition] = []
    blocks: list[tuple[str, int, int, Mapping[str, Any]]] = []
    plans: list[tuple[str, str, int, int]] = []  # url, label, size, number of blocks
    for fs, url, label in files:
        compression = fsspec_utils.infer_compression(url)
        size = int(fs.size(url))
        if compression is not None or blocksize is None or size <= blocksize:
            plans.append((url, label, size, 0))
            parts.append(Partition(path=url, label=label, start=0,
                                   end=None if compression else size, first_line=1,
                                   compression=compression))
            continue
        count = -(-size // blocksize)
        plans.append((url, label, size, count))
        blocks.extend((url, k * blocksize, min(blocksize, size - k * blocksize),
                       storage_options) for k in range(count))
        parts.append(Partition(path=url, label=label, start=0, end=0, first_line=0))
    counts = iter(mapper(_count_block, blocks) if blocks else [])
    result: list[Partition] = []
    for (url, label, size, count), part in zip(plans, parts, strict=True):
        if count == 0:
            if part.end != 0:  # an empty file has nothing to rate
                result.append(part)
            continue
        start, line = 0, 1
        for k in range(count):
            newlines, last = next(counts)
            end = size if k == count - 1 else (None if last is None else last + 1)
            if end is not None and end > start:
                result.append(Partition(path=url, label=label, start=start, end=end,
                                        first_line=line))
                start = end
            line += newlines
    return result


def _options(storage_options: object) -> dict[str, Any]:
    if storage_options is None:
        return {}
    if not isinstance(storage_options, Mapping):
        raise InvalidInputError(f"'storage_options' must be a mapping or None "
                                f"(got {storage_options!r})")
    return dict(storage_options)


def _blocksize(value: object) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                              or value < 1):
        raise InvalidInputError(f"'blocksize' must be an int of 1 or more, or None "
                                f"(got {value!r})")
    return value


def partitions(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
               blocksize: int | None = DEFAULT_BLOCKSIZE,
               storage_options: Mapping[str, Any] | None = None) -> list[Partition]:
    """The partitions of the files ``paths`` names, in file order, then byte order.

    ``paths`` is a file, a directory (its [`SUFFIXES`][practicemodel.distributed.SUFFIXES]
    files), a glob, a URL fsspec opens, or a list of them; each directory and glob is
    expanded in sorted order, and a file named twice is taken once. Files are labelled as
    given (a file), or by the path found (relative when the pattern was). An uncompressed
    file larger than ``blocksize`` bytes is split on line boundaries (its newlines are
    counted here, block by block); a compressed file, and any file with ``blocksize``
    ``None``, is one partition. An empty file has none.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidArgumentError: a glob matches no file, a directory holds none, or the list
            is empty.
        FileNotFoundError: a path names nothing.
        MissingExtraError: fsspec is not installed.
    """
    size = _blocksize(blocksize)
    options = _options(storage_options)
    return _split(_files(paths, options), size, options, _here)


# -- rating a partition (on a worker) -----------------------------------------------------


def _lines(part: Partition, storage_options: Mapping[str, Any],
           ) -> Iterator[tuple[tuple[int, bytes], ...]]:
    """The partition's numbered lines, a batch at a time."""
    fsspec = _require("fsspec")
    with fsspec.open(part.path, "rb", compression=part.compression,
                     **storage_options) as handle:
        if part.start:
            handle.seek(part.start)
        if part.end is None:
            source: Iterable[bytes] = handle
        else:  # a byte range: read it in slices, split on newlines only
            source = _ranged(handle, part.end - part.start)
        chunk: list[tuple[int, bytes]] = []
        for number, line in enumerate(source, start=part.first_line):
            chunk.append((number, line))
            if len(chunk) == _LINES_PER_BATCH:
                yield tuple(chunk)
                chunk = []
        if chunk:
            yield tuple(chunk)


def _ranged(handle: io.BufferedIOBase, length: int) -> Iterator[bytes]:
    left = length
    while left > 0:
        line = handle.readline(left)
        if not line:
            return
        left -= len(line)
        yield line


def _merged(results: Iterable[_Done], job: _Job) -> _Done:
    counter = PerformanceCounter(by=job.by)
    reviewed = work = 0
    skipped: list[RecordStructureError] = []
    for done in results:
        counter.merge(done.counter)
        reviewed += done.reviewed
        work += done.work
        skipped.extend(done.skipped)
        if done.stopped:
            return _Done(counter, reviewed, work, tuple(skipped), True)
    return _Done(counter, reviewed, work, tuple(skipped), False)


def _rate_partition(part: Partition, job: _Job, storage_options: Mapping[str, Any]) -> _Done:
    """Rate one partition (on a worker); only counters and errors are returned."""
    return _merged((caseload._rate_batch(_Batch(job, part.label, chunk))
                    for chunk in _lines(part, storage_options)), job)


_Key = tuple[Any, Any, str]  # region, case type, id: a case in the sample


def _strata_partition(part: Partition, job: _Job, storage_options: Mapping[str, Any],
                      ) -> tuple[tuple[_Key, ...], tuple[RecordStructureError, ...], bool]:
    """First pass of a sample: the (region, case type, id) of each case that loads, and the
    bad records."""
    keys: list[_Key] = []
    skipped: list[RecordStructureError] = []
    for chunk in _lines(part, storage_options):
        for number, line in chunk:
            if not line.strip():
                continue
            try:
                case = caseload._load_record(line, f"{part.label}:{number}")
            except RecordStructureError as error:
                skipped.append(error)
                if job.strict:
                    return tuple(keys), tuple(skipped), True
                continue
            keys.append((case.region, case.case_type, case.id))
    return tuple(keys), tuple(skipped), False


def _rate_sample(part: Partition, job: _Job, storage_options: Mapping[str, Any],
                 chosen: frozenset[_Key]) -> _Done:
    """Second pass of a sample: rate the chosen cases (bad records were reported by the
    first pass)."""
    counter = PerformanceCounter(by=job.by)
    rate = caseload._rater(job, counter)
    reviewed = work = 0
    skipped: list[RecordStructureError] = []
    for chunk in _lines(part, storage_options):
        for number, line in chunk:
            work += len(line)
            if not line.strip():
                continue
            source = f"{part.label}:{number}"
            try:
                case = caseload._load_record(line, source)
            except RecordStructureError:
                continue
            if (case.region, case.case_type, case.id) not in chosen:
                continue
            try:
                rate(case)
            except Exception as error:  # one record, not the whole run
                skipped.append(caseload._failure(error, source, "review"))
                if job.strict:
                    return _Done(counter, reviewed, work, tuple(skipped), True)
                continue
            reviewed += 1
    return _Done(counter, reviewed, work, tuple(skipped), False)


# -- the client side ----------------------------------------------------------------------


class _Bar:
    """Dask's text progress bar (``[####    ] | 50% Completed | 1.2s``), on stderr."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 40) -> None:
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.started = time.monotonic()

    def advance(self) -> None:
        self.done += 1
        self.draw()

    def draw(self) -> None:
        frac = self.done / self.total if self.total else 1.0
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r[{'#' * int(self.width * frac):<{self.width}}] | "
                          f"{int(100 * frac)}% Completed | {elapsed:.1f}s")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _incomplete(part: Partition, index: int, total: int,
                error: BaseException) -> ReviewIncompleteError:
    where = (f"{part.label}, lines from {part.first_line}" if part.end is None
             else f"{part.label}, bytes {part.start}-{part.end}, lines from "
                  f"{part.first_line}")
    return ReviewIncompleteError(
        f"the review is incomplete: partition {index + 1} of {total} ({where}) was not "
        f"rated ({type(error).__name__}: {error}); no result is returned")


def _passes_through(error: BaseException) -> bool:
    """Errors of the task itself (a file that cannot be read, a library error) are raised
    as they are; anything else (a lost worker, a cancelled task) means the review is
    incomplete."""
    comm = _require("distributed.comm.core")
    if isinstance(error, comm.CommClosedError):
        return False
    return isinstance(error, OSError | PracticeModelError)


def _in_order(client: Any, function: Callable[..., Any], parts: list[Partition],
              arguments: Callable[[int], tuple[Any, ...]], stops: Callable[[Any], bool],
              bar: _Bar | None, name: str) -> Iterator[Any]:
    """Run ``function`` on every partition; yield the results in partition order as they
    become available. After a result for which ``stops`` is true, later partitions are
    cancelled and not yielded."""
    distributed = _require("distributed")
    token = uuid.uuid4().hex
    keys = [f"practicemodel-{name}-{token}-{i}" for i in range(len(parts))]
    futures = [client.submit(function, *arguments(i), key=key, pure=False)
               for i, key in enumerate(keys)]
    index = {key: i for i, key in enumerate(keys)}
    results: dict[int, Any] = {}
    limit, next_index = len(parts), 0
    try:
        for future in distributed.as_completed(futures):
            i = index[future.key]
            if i >= limit:
                continue
            try:
                result = future.result()
            except BaseException as error:
                if isinstance(error, KeyboardInterrupt | SystemExit) or _passes_through(error):
                    raise
                raise _incomplete(parts[i], i, len(parts), error) from error
            if bar is not None:
                bar.advance()
            results[i] = result
            if stops(result) and i < limit:
                limit = i + 1
                client.cancel(futures[limit:])
            while next_index < limit and next_index in results:
                yield results.pop(next_index)
                futures[next_index] = None
                next_index += 1
            if next_index >= limit:
                break
        if next_index < limit:  # never a partial table presented as complete
            raise _incomplete(parts[next_index], next_index, len(parts),
                              RuntimeError("no result came back"))
    finally:
        pending = [f for f in futures if f is not None and not f.done()]
        if pending:
            client.cancel(pending)
        if bar is not None:
            bar.close()


def local_cluster(**options: Any) -> Any:
    """Start a ``distributed.LocalCluster`` as the engine starts one: worker processes of
    one thread each, with [`WORKER_CONFIG`][practicemodel.distributed.WORKER_CONFIG] (each
    worker's nanny keeps the configuration in force when it was started, and gives it to
    the worker again when it restarts one). ``options`` go to ``LocalCluster``
    (``n_workers``, ``dashboard_address``...). Use it as a context manager, or close it.

    Raises:
        MissingExtraError: Dask is not installed (the ``dask`` extra).
    """
    dask = _require("dask")
    distributed = _require("distributed")
    with dask.config.set(dict(WORKER_CONFIG)):
        return distributed.LocalCluster(processes=True, threads_per_worker=1, **options)


class _Cluster:
    """The client given, or a LocalCluster (processes) started for the call."""

    def __init__(self, client: object) -> None:
        distributed = _require("distributed")
        if client is not None and not isinstance(client, distributed.Client):
            raise InvalidInputError(f"'client' must be a dask.distributed Client or None "
                                    f"(got {type(client).__name__})")
        self.given = client
        self.client: Any = client
        self.cluster: Any = None

    def __enter__(self) -> Any:
        if self.client is None:
            distributed = _require("distributed")
            self.cluster = local_cluster(dashboard_address=":0")
            self.client = distributed.Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.given is None:
            self.client.close()
            self.cluster.close()


def _mapper(client: Any) -> Mapper:
    def run(function: Callable[..., Any], arguments: list[tuple[Any, ...]]) -> list[Any]:
        futures = [client.submit(function, *args, pure=False) for args in arguments]
        return list(client.gather(futures))
    return run


def _settings(policy: object, as_of: object, by: object, instrument: object, strict: object,
              on_skip: object, blocksize: object, storage_options: object, progress: object,
              ) -> tuple[_Job, int | None, dict[str, Any]]:
    job = caseload._job(policy, as_of, by, instrument, 1, 1, strict)
    caseload._callable_arg(on_skip, "on_skip")
    if not isinstance(progress, bool) and not callable(progress):
        raise InvalidInputError(f"'progress' must be a bool or a callable (got {progress!r})")
    return job, _blocksize(blocksize), _options(storage_options)


def _review(paths: object, job: _Job, client: object, blocksize: int | None,
            options: dict[str, Any], on_skip: Callable[[RecordStructureError], None] | None,
            bar: bool, advance: caseload.Progress | None, sample: int | None, seed: int | str,
            on_sample: Callable[[SampleReport], None] | None) -> CaseloadReview:
    cluster = _Cluster(client)
    files = _files(paths, options)
    with cluster as dask_client:
        parts = _split(files, blocksize, options, _mapper(dask_client))
        chosen: list[frozenset[_Key]] | None = None
        skipped = 0
        if sample is not None:
            chosen, skipped = _draw(dask_client, parts, job, options, on_skip, sample, seed,
                                    on_sample)
        progress_bar = _Bar(len(parts)) if bar else None
        if chosen is None:
            def arguments(i: int) -> tuple[Any, ...]:
                return (parts[i], job, options)
            function: Callable[..., _Done] = _rate_partition
        else:
            picked = chosen

            def arguments(i: int) -> tuple[Any, ...]:
                return (parts[i], job, options, picked[i])
            function = _rate_sample
        return caseload._merge(
            _in_order(dask_client, function, parts, arguments, lambda d: bool(d.stopped),
                      progress_bar, "rate"), job, advance, on_skip, skipped)


def _draw(client: Any, parts: list[Partition], job: _Job, options: dict[str, Any],
          on_skip: Callable[[RecordStructureError], None] | None, sample: int,
          seed: int | str, on_sample: Callable[[SampleReport], None] | None,
          ) -> tuple[list[frozenset[_Key]], int]:
    """The first pass of a sample: the cases of each stratum (region x case type), then the
    draw (as [`stratified_sample`][practicemodel.sampling.stratified_sample] draws from all
    the cases); returns the chosen cases of each partition and the bad records reported."""
    from practicemodel.sampling import stratified_sample

    found: list[tuple[int, _Key]] = []
    skipped = 0
    for i, (keys, errors, stopped) in enumerate(_in_order(
            client, _strata_partition, parts, lambda i: (parts[i], job, options),
            lambda r: bool(r[2]), None, "strata")):
        found.extend((i, key) for key in keys)
        for number, error in enumerate(errors):
            if stopped and number == len(errors) - 1:
                raise error
            skipped += 1
            if on_skip is not None:
                on_skip(error)
    drawn, report = stratified_sample(
        found, strata=("region", "case_type"), seed=seed, proportional_total=sample,
        getter=lambda record, field: record[1][{"region": 0, "case_type": 1, "id": 2}[field]])
    if on_sample is not None:
        on_sample(report)
    chosen: list[set[_Key]] = [set() for _ in parts]
    for i, key in drawn:
        chosen[i].add(key)
    return [frozenset(c) for c in chosen], skipped


def review_files(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
                 policy: PolicyProfile, as_of: date, by: tuple[str, ...] = (),
                 instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
                 client: distributed.Client | None = None, strict: bool = False,
                 on_skip: Callable[[RecordStructureError], None] | None = None,
                 blocksize: int | None = DEFAULT_BLOCKSIZE,
                 storage_options: Mapping[str, Any] | None = None,
                 progress: bool | caseload.Progress = False, sample: int | None = None,
                 seed: int | str = 0,
                 on_sample: Callable[[SampleReport], None] | None = None,
                 ) -> CaseloadReview:
    """Review every case of the JSON Lines files ``paths`` names, on a Dask cluster.

    The files are found and split as by
    [`partitions`][practicemodel.distributed.partitions]; each partition is read and rated
    on a worker, and the counts come back and are merged in partition order. The result
    is the one [`review_jsonl`][practicemodel.caseload.review_jsonl] gives on each file in
    turn, whatever ``blocksize`` and the number of workers.

    Bad records are named ``label:line`` as ``review_jsonl`` names them: each is passed to
    ``on_skip`` in file order (file, then line), counted in ``records_skipped`` and skipped;
    with ``strict``, the first in file order is raised (the partitions after it are
    cancelled) and no table is returned.

    Args:
        client: the cluster to use; ``None`` starts a ``LocalCluster`` (one process per
            core) for the call and closes it after.
        blocksize: bytes of an uncompressed file per partition; ``None``: one partition per
            file.
        storage_options: passed to fsspec (credentials for ``s3://``...).
        progress: ``True`` draws Dask's text progress bar on stderr, a step per partition;
            a callable is called once per partition, in partition order, with the cases
            rated and the bytes read (as ``review_jsonl``'s ``progress``).
        sample: review a stratified random sample of this many cases (strata: region x
            case type), drawn from all the cases that load as
            [`stratified_sample`][practicemodel.sampling.stratified_sample] draws it with
            ``proportional_total`` (the same cases the local engine's ``--sample`` draws).
            A first pass reads every partition for the strata; the second rates the cases
            drawn. Bad records are reported by the first pass.
        seed: the sample's seed.
        on_sample: given the [`SampleReport`][practicemodel.sampling.SampleReport] of the
            draw.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidArgumentError: a glob matches no file, or a directory holds none.
        FileNotFoundError: a path names nothing.
        RecordStructureError: with ``strict``, the first bad record.
        ReviewIncompleteError: a partition could not be rated (its worker died more often
            than Dask retries a task, or the task was cancelled); no table is returned.
        OSError: a file cannot be read.
        MissingExtraError: Dask or fsspec is not installed.
    """
    job, size, options = _settings(policy, as_of, by, instrument, strict, on_skip, blocksize,
                                   storage_options, progress)
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int)
                               or sample < 0):
        raise InvalidInputError(f"'sample' must be an int of 0 or more, or None "
                                f"(got {sample!r})")
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise InvalidInputError(f"'seed' must be an int or a str (got {seed!r})")
    caseload._callable_arg(on_sample, "on_sample")
    _require("distributed")
    bar, advance = (progress, None) if isinstance(progress, bool) else (False, progress)
    return _review(paths, job, client, size, options, on_skip, bar, advance, sample, seed,
                   on_sample)


# -- case-level rating records as a Dask DataFrame ----------------------------------------


def _columns(job: _Job) -> list[str]:
    columns = ["case_id", "item", "rating"]
    if "role" in job.by:
        columns.append("role")
    return [*columns, "region", "county", "case_type", "quarter"]


def _partition_frame(part: Partition, job: _Job, storage_options: Mapping[str, Any]) -> Any:
    """The rating records of a partition's cases (bad records left out, or raised with
    ``strict``), as a pandas DataFrame."""
    pandas = _require("pandas")
    roles = "role" in job.by
    rows: list[dict[str, str]] = []
    for chunk in _lines(part, storage_options):
        for number, line in chunk:
            if not line.strip():
                continue
            source = f"{part.label}:{number}"
            try:
                case = caseload._load_record(line, source)
                try:
                    review = rate_case(case, policy=job.policy, as_of=job.as_of,
                                       instrument=job.instrument, by_role=roles)
                except Exception as error:
                    raise caseload._failure(error, source, "review") from None
            except RecordStructureError:
                if job.strict:
                    raise
                continue
            rows.extend(rating_records(review, quarter=True, roles=roles))
    return pandas.DataFrame(rows, columns=_columns(job), dtype=object).astype(_dtypes(job))


def _dtypes(job: _Job) -> dict[str, Any]:
    """The columns' dtypes: those of ``analysis.ratings_frame`` (categorical items and
    ratings in the instrument's order, the other columns strings), from the helper both
    share."""
    from practicemodel._frames import pandas_dtypes

    return pandas_dtypes(_require("pandas"), job.instrument, role="role" in job.by)


def rating_frame(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
                 policy: PolicyProfile, as_of: date,
                 instrument: ReviewInstrument = DEFAULT_INSTRUMENT, by: tuple[str, ...] = (),
                 client: distributed.Client | None = None,
                 blocksize: int | None = DEFAULT_BLOCKSIZE,
                 storage_options: Mapping[str, Any] | None = None,
                 strict: bool = False) -> dask.dataframe.DataFrame:
    """The case-level rating records of every case of ``paths``, as a lazy Dask DataFrame
    (one partition per [`Partition`][practicemodel.distributed.Partition]).

    One row per row of [`rating_records`][practicemodel.review.rating_records], with the
    case's ``case_id`` first: ``case_id``, ``item``, ``rating``, ``role`` (with ``"role"``
    in ``by``: one row per item and role), ``region``, ``county``, ``case_type``,
    ``quarter``, typed as [`ratings_frame`][practicemodel.analysis.ratings_frame] types
    them (``item`` and ``rating`` categoricals in the instrument's order, the others
    strings). Bad records have no rows ([`review_files`][practicemodel.distributed.review_files]
    reports them), or with ``strict`` computing the frame raises the first one met.
    The newlines of large files are counted on ``client`` when given (here otherwise);
    the frame is computed by the scheduler in use when it is computed (the latest Client).

    Raises:
        InvalidInputError, InvalidArgumentError, FileNotFoundError, MissingExtraError: as
            for [`review_files`][practicemodel.distributed.review_files].
    """
    job, size, options = _settings(policy, as_of, by, instrument, strict, None, blocksize,
                                   None if storage_options is None else storage_options,
                                   False)
    dd = _require("dask.dataframe")
    pandas = _require("pandas")
    cluster = _Cluster(client)
    files = _files(paths, options)
    if client is None:
        parts = _split(files, size, options, _here)
    else:
        with cluster as dask_client:
            parts = _split(files, size, options, _mapper(dask_client))
    dtypes = _dtypes(job)
    meta = pandas.DataFrame({c: pandas.Series([], dtype=dtypes[c]) for c in _columns(job)})
    frame: dask.dataframe.DataFrame
    if not parts:
        frame = dd.from_pandas(meta, npartitions=1)
    else:
        frame = dd.from_map(_partition_frame, parts, job=job, storage_options=options,
                            meta=meta, enforce_metadata=False)
    return frame
