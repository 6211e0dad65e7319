"""Review a whole caseload: stream cases in batches, rate them, count item performance.

This is the engine behind ``practicemodel review``, for data scientists who want the same
results in Python (seed 001: a caseload reviewed with an instrument structured by the six
components; seed 002: item performance). Cases are read or generated in batches of
``batch_size``, each batch is rated with
[`rate_case`][practicemodel.review.rate_case] and counted into a
[`PerformanceCounter`][practicemodel.statistics.PerformanceCounter], and the counts are
merged. Memory stays flat: no case outlives its batch, and a few batches are in flight.

With ``workers`` above 1, batches are rated in that many worker processes. Results are
the same whatever the number of workers, because counting is additive and bad records are
reported in file order.

- [`review_cases`][practicemodel.caseload.review_cases]: any iterable of cases, in this
  process;
- [`review_synthetic`][practicemodel.caseload.review_synthetic]: ``n`` generated cases
  ([`practicemodel.synthetic`][practicemodel.synthetic]), drawn by the workers themselves;
- [`review_jsonl`][practicemodel.caseload.review_jsonl]: a JSON Lines file; a bad record
  is reported with its line number and every problem's path, counted and skipped, or with
  ``strict`` stops the review. A record that fails in a way the library did not foresee (a
  bug) is reported the same way, as a
  [`RecordReviewError`][practicemodel.errors.RecordReviewError] naming its line, so one
  record never costs the work done on the others.

[`compare_caseloads`][practicemodel.caseload.compare_caseloads] compares two reviews made
with the same instrument and grouping (a baseline and a follow-up) item by item and group
by group.

>>> from datetime import date
>>> from practicemodel.policy import get_policy
>>> result = review_synthetic(20, seed=1, policy=get_policy("MS"), as_of=date(2026, 11, 22),
...                           by=("case_type",))
>>> result.cases_reviewed, sorted({p.group for p in result.table})
(20, [('foster_care',), ('in_home',)])
"""

from __future__ import annotations

import os
import signal
import traceback
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

import attrs

from practicemodel._arguments import date_arg, instance_arg, policy_arg
from practicemodel.case import Case
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    PracticeModelError,
    Problem,
    RecordReviewError,
    RecordStructureError,
)
from practicemodel.policy import PolicyProfile
from practicemodel.review import (
    DEFAULT_INSTRUMENT,
    INSTRUMENTS,
    ReviewInstrument,
    rate_case,
    rating_records,
)
from practicemodel.statistics import (
    GroupComparison,
    GroupPerformance,
    PerformanceCounter,
    Proportion,
    compare_proportions,
)
from practicemodel.synthetic import SyntheticParameters, generate_cases

if TYPE_CHECKING:
    import distributed

__all__ = [
    "GROUPING_KEYS",
    "CaseloadReview",
    "compare_caseloads",
    "review_cases",
    "review_jsonl",
    "review_synthetic",
]

GROUPING_KEYS = ("region", "county", "case_type", "quarter", "role")
"""Keys results can be grouped by (as in
[`rating_records`][practicemodel.review.rating_records]); ``quarter`` is that of ``as_of``;
``role`` rates each item for mothers, fathers, foster parents and children separately
([`RoleRating`][practicemodel.review.RoleRating]), so each case counts once per role."""

Progress = Callable[[int, int], None]
"""Called after each batch with the cases done in it and the work done (cases, or bytes
read from a file); [`ProgressBar.advance`][practicemodel.progress.ProgressBar.advance] fits."""


@attrs.frozen(kw_only=True)
class CaseloadReview:
    """The result of reviewing a caseload."""

    table: tuple[GroupPerformance, ...]
    """Each item's performance per group, sorted by item then group."""
    by: tuple[str, ...]
    """The grouping keys."""
    cases_reviewed: int
    """Cases rated."""
    records_skipped: int
    """Bad records reported and skipped (JSON Lines input, or cases
    [`review_cases`][practicemodel.caseload.review_cases] passed to its ``on_skip``)."""
    policy: str
    """Code of the policy profile applied."""
    as_of: date
    """The date the cases were reviewed as of."""
    instrument: str
    """Name of the review instrument."""


def _describe_failure(error: BaseException) -> str:
    """``"OverflowError at timelines.py:412"``: the exception's type and the innermost line
    of practicemodel's own code it passed through (or the innermost line at all), without
    the exception's message."""
    frames = traceback.extract_tb(error.__traceback__)
    package = os.path.dirname(__file__)
    ours = [f for f in frames if os.path.dirname(f.filename) == package]
    if not (ours or frames):
        return type(error).__name__
    frame = (ours or frames)[-1]
    return f"{type(error).__name__} at {os.path.basename(frame.filename)}:{frame.lineno}"


_STAGES = {"load": ("loaded", "loading"), "review": ("reviewed", "reviewing"),
           "summarize": ("summarized", "summarizing")}


def _failure(error: Exception, source: str, stage: str) -> RecordReviewError:
    """The RecordReviewError for ``error``, raised at ``stage`` (load, review, summarize)
    of the record at ``source``."""
    done, doing = _STAGES[stage]
    if isinstance(error, PracticeModelError):  # the library's own words, without values
        return RecordReviewError([Problem("", f"could not be {done}: {error}")],
                                 source=source)
    return RecordReviewError(
        [Problem("", f"internal error ({_describe_failure(error)}) while {doing} this "
                 "record; please report it")], source=source)


def _load_record(line: str | bytes, source: str) -> Case:
    """Load one JSON record by the bulk path (the fast decoder, and the detailed converter
    for a record it does not vouch for); whatever goes wrong is a RecordStructureError
    naming ``source`` (a [`RecordReviewError`][practicemodel.errors.RecordReviewError]
    when it is not the record's fault)."""
    from practicemodel.serialization import _load_line

    try:
        return _load_line(line, source)
    except RecordStructureError:
        raise
    except Exception as error:  # last resort: one record, not the whole run
        raise _failure(error, source, "load") from None


class _Job(NamedTuple):
    policy: PolicyProfile
    as_of: date
    by: tuple[str, ...]
    instrument: ReviewInstrument
    strict: bool


class _Batch(NamedTuple):
    job: _Job
    source: str = ""
    lines: tuple[tuple[int, str | bytes], ...] = ()
    synthetic: tuple[int | str, int, int, SyntheticParameters] | None = None


class _Done(NamedTuple):
    counter: PerformanceCounter
    reviewed: int
    work: int
    skipped: tuple[RecordStructureError, ...]
    stopped: bool


def _rater(job: _Job, counter: PerformanceCounter) -> Callable[[Case], None]:
    """Rate a case and count its rating records into ``counter``."""
    quarter, roles = "quarter" in job.by, "role" in job.by

    def rate(case: Case) -> None:
        review = rate_case(case, policy=job.policy, as_of=job.as_of, instrument=job.instrument,
                           by_role=roles)
        counter.add(rating_records(review, quarter=quarter, roles=roles))

    return rate


def _rate_batch(batch: _Batch) -> _Done:
    """Rate one batch (in a worker process, or in this one)."""
    job = batch.job
    counter = PerformanceCounter(by=job.by)
    rate = _rater(job, counter)
    reviewed = 0

    if batch.synthetic is not None:
        seed, first, n, parameters = batch.synthetic
        for case in generate_cases(n, seed=seed, parameters=parameters, first=first):
            rate(case)
        return _Done(counter, n, n, (), False)
    skipped: list[RecordStructureError] = []
    work = 0
    for number, line in batch.lines:
        work += len(line)
        if not line.strip():
            continue
        source = f"{batch.source}:{number}"
        try:
            case = _load_record(line, source)
            try:
                rate(case)
            except Exception as error:  # one record, not the whole run
                raise _failure(error, source, "review") from None
        except RecordStructureError as error:
            skipped.append(error)
            if job.strict:
                return _Done(counter, reviewed, work, tuple(skipped), True)
            continue
        reviewed += 1
    return _Done(counter, reviewed, work, tuple(skipped), False)


def _worker_start() -> None:
    """Run first in each worker process: Ctrl-C is the parent's to handle (it stops the
    workers), so a worker ignores SIGINT instead of printing a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold SIGINT back (it is delivered on leaving) while worker processes are started, so
    that a forked worker is never interrupted before it has set SIGINT aside."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, dropping the batches in flight (after Ctrl-C, a lost
    worker, or a --strict stop: their results are not wanted)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        try:
            if process.is_alive():
                process.terminate()
        except (ValueError, OSError):  # already closed or gone
            continue


def _in_order(batches: Iterator[_Batch], workers: int) -> Iterator[_Done]:
    """Rate batches, ``workers`` processes at a time, yielding results in batch order with
    a bounded number in flight (so a large file is never read ahead into memory)."""
    if workers == 1:
        yield from map(_rate_batch, batches)
        return
    pending: deque[Future[_Done]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        with _sigint_deferred():
            for batch in batches:  # the first batches start every worker
                pending.append(pool.submit(_rate_batch, batch))
                if len(pending) >= workers:
                    break
        for batch in batches:
            pending.append(pool.submit(_rate_batch, batch))
            if len(pending) >= 3 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:  # Ctrl-C, a lost worker, or the caller stopped (strict)
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _drive(batches: Iterator[_Batch], job: _Job, workers: int, progress: Progress | None,
           on_skip: Callable[[RecordStructureError], None] | None) -> CaseloadReview:
    return _merge(_in_order(batches, workers), job, progress, on_skip)


def _merge(results: Iterable[_Done], job: _Job, progress: Progress | None,
           on_skip: Callable[[RecordStructureError], None] | None,
           skipped: int = 0) -> CaseloadReview:
    """Merge rated batches, in order, into the review (both engines: the process pool's and
    ``distributed``'s): their counters added, bad records passed to ``on_skip`` and counted
    (``skipped`` already counted before), the last of a stopped batch raised (strict)."""
    total = PerformanceCounter(by=job.by)
    reviewed = 0
    for done in results:
        total.merge(done.counter)
        reviewed += done.reviewed
        if progress is not None:
            progress(done.reviewed, done.work)
        for index, error in enumerate(done.skipped):
            if done.stopped and index == len(done.skipped) - 1:
                raise error
            skipped += 1
            if on_skip is not None:
                on_skip(error)
    return CaseloadReview(table=total.table(), by=job.by, cases_reviewed=reviewed,
                          records_skipped=skipped, policy=job.policy.code, as_of=job.as_of,
                          instrument=job.instrument.name)


def _callable_arg(value: object, name: str) -> None:
    if value is not None and not callable(value):
        raise InvalidInputError(f"{name!r} must be callable or None (got {value!r})")


def _job(policy: object, as_of: object, by: object, instrument: object, workers: object,
         batch_size: object, strict: object = False, progress: object = None) -> _Job:
    profile, day = policy_arg(policy), date_arg(as_of)
    if isinstance(by, str) or not isinstance(by, tuple | list) or not all(
            isinstance(k, str) and k in GROUPING_KEYS for k in by):
        raise InvalidInputError(f"'by' must be a tuple of keys from {GROUPING_KEYS} "
                                f"(got {by!r})")
    chosen = instance_arg(instrument, ReviewInstrument, "instrument")
    for name, value in (("workers", workers), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInputError(f"{name!r} must be an int of 1 or more (got {value!r})")
    if not isinstance(strict, bool):
        raise InvalidInputError(f"'strict' must be a bool (got {strict!r})")
    _callable_arg(progress, "progress")
    return _Job(profile, day, tuple(dict.fromkeys(by)), chosen, strict)


def review_cases(cases: Iterable[Case], *, policy: PolicyProfile, as_of: date,
                 by: tuple[str, ...] = (),
                 instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
                 progress: Progress | None = None,
                 on_skip: Callable[[RecordStructureError], None] | None = None,
                 ) -> CaseloadReview:
    """Rate every case of ``cases`` (in this process) and return item performance.

    Args:
        on_skip: when given, a case that cannot be rated (a library error raised by a rule,
            or an unexpected error inside the library) is passed to it as a
            [`RecordReviewError`][practicemodel.errors.RecordReviewError] whose source is
            ``case <id>``, counted in ``records_skipped`` and skipped; without it, the
            error is raised.

    Raises:
        InvalidInputError: an argument is not of the right kind, ``by`` names a key not in
            [`GROUPING_KEYS`][practicemodel.caseload.GROUPING_KEYS], or an item of
            ``cases`` is not a Case.
    """
    job = _job(policy, as_of, by, instrument, 1, 1, progress=progress)
    _callable_arg(on_skip, "on_skip")
    if isinstance(cases, Case) or not isinstance(cases, Iterable):
        raise InvalidInputError(f"'cases' must be an iterable of Case (got "
                                f"{type(cases).__name__})")
    counter = PerformanceCounter(by=job.by)
    rate = _rater(job, counter)
    reviewed = skipped = 0
    for index, case in enumerate(cases):
        if not isinstance(case, Case):
            raise InvalidInputError(f"'cases[{index}]' must be a practicemodel Case (got "
                                    f"{type(case).__name__})")
        if on_skip is None:
            rate(case)
            reviewed += 1
        else:
            try:
                rate(case)
            except Exception as error:  # one case, not the whole review
                skipped += 1
                on_skip(_failure(error, f"case {case.id}", "review"))
            else:
                reviewed += 1
        if progress is not None:
            progress(1, 1)
    return CaseloadReview(table=counter.table(), by=job.by, cases_reviewed=reviewed,
                          records_skipped=skipped, policy=policy.code, as_of=as_of,
                          instrument=instrument.name)


def review_synthetic(n: int, *, seed: int | str, policy: PolicyProfile, as_of: date,
                     by: tuple[str, ...] = (), parameters: SyntheticParameters | None = None,
                     instrument: ReviewInstrument = DEFAULT_INSTRUMENT, workers: int = 1,
                     batch_size: int = 250,
                     progress: Progress | None = None) -> CaseloadReview:
    """Generate ``n`` synthetic cases and review them, in ``workers`` processes.

    Each worker draws its own batches (case ``i`` depends only on the seed and ``i``; see
    [`generate_cases`][practicemodel.synthetic.generate_cases]), so nothing is sent
    between processes but counts.

    Raises:
        InvalidInputError: an argument is not of the right kind (as for
            [`review_cases`][practicemodel.caseload.review_cases] and
            [`generate_cases`][practicemodel.synthetic.generate_cases]).
        InvalidRecordError: ``n`` is negative.
    """
    job = _job(policy, as_of, by, instrument, workers, batch_size, progress=progress)
    params = SyntheticParameters() if parameters is None else parameters
    generate_cases(n, seed=seed, parameters=params)  # checks the arguments; draws nothing
    batches = (_Batch(job, synthetic=(seed, first, min(batch_size, n - first), params))
               for first in range(0, n, batch_size))
    return _drive(batches, job, workers, progress, None)


def _lines(handle: Iterable[str | bytes] | IO[str] | IO[bytes],
           batch_size: int) -> Iterator[tuple[tuple[int, str | bytes], ...]]:
    chunk: list[tuple[int, str | bytes]] = []
    for number, line in enumerate(handle, start=1):
        chunk.append((number, line))
        if len(chunk) == batch_size:
            yield tuple(chunk)
            chunk = []
    if chunk:
        yield tuple(chunk)


def _review_on_dask(source: object, job: _Job, client: object,
                    on_skip: Callable[[RecordStructureError], None] | None,
                    progress: Progress | None, name: str | None) -> CaseloadReview:
    """``review_jsonl(..., engine="dask")``: the files ``source`` names, on Dask."""
    from practicemodel import distributed as engine

    if name is not None:
        raise InvalidArgumentError(f"'name' does not apply with engine=\"dask\" (got "
                                   f"{name!r}): files are named by their paths")
    if not isinstance(source, str | os.PathLike) and (
            isinstance(source, bytes) or not isinstance(source, list | tuple) or not all(
                isinstance(item, str | os.PathLike) for item in source)):
        raise InvalidArgumentError(f"with engine=\"dask\", 'source' must be a path, a "
                                   f"directory, a glob or a URL, or a list of them (got "
                                   f"{type(source).__name__}): workers read the files "
                                   f"themselves")
    engine._require("distributed")
    return engine._review(source, job, client, engine.DEFAULT_BLOCKSIZE, {}, on_skip, False,
                          progress, None, 0, None)


def review_jsonl(source: str | os.PathLike[str] | IO[str] | IO[bytes] | Iterable[str | bytes],
                 *, policy: PolicyProfile, as_of: date, by: tuple[str, ...] = (),
                 instrument: ReviewInstrument = DEFAULT_INSTRUMENT, workers: int = 1,
                 batch_size: int = 250, strict: bool = False,
                 on_skip: Callable[[RecordStructureError], None] | None = None,
                 progress: Progress | None = None, name: str | None = None,
                 engine: str = "local", client: distributed.Client | None = None,
                 ) -> CaseloadReview:
    """Review every case of a JSON Lines file (a path, an open text or binary file, or any
    iterable of lines).

    The file is read line by line, in batches; blank lines are ignored. A record that does
    not load is a [`RecordStructureError`][practicemodel.errors.RecordStructureError] whose
    message starts ``name:line:`` and lists every problem with its path: it is passed to
    ``on_skip``, counted in ``records_skipped`` and skipped — or, with ``strict``, raised
    (cases before it are reviewed; nothing after it is). A record that cannot be loaded or
    rated for any other reason (a bug in the library) is handled the same way, as a
    [`RecordReviewError`][practicemodel.errors.RecordReviewError]. ``progress`` work is
    bytes read (characters for a text stream).

    Args:
        name: the file's name in messages (default: the path, or ``"<stream>"``).
        engine: ``"local"`` (this machine, in ``workers`` processes) or ``"dask"``: the
            review runs on a Dask cluster, by
            [`review_files`][practicemodel.distributed.review_files] (``source`` is then a
            path, a directory, a glob or a URL, or a list of them; ``workers`` and
            ``name`` do not apply; ``progress`` is called once per partition, in order).
        client: with ``engine="dask"``, the ``dask.distributed`` Client to run on
            (default: a ``LocalCluster`` started for the call).

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidArgumentError: ``engine`` is not ``"local"`` or ``"dask"``, ``client`` is
            given without ``engine="dask"``, or (with ``engine="dask"``) ``source`` is an
            open file or lines, ``name`` is given, or a glob matches no file.
        RecordStructureError: with ``strict``, the first bad record.
        OSError: the file cannot be opened or read.
        concurrent.futures.process.BrokenProcessPool: with ``workers`` above 1, a worker
            process died (killed, or out of memory); the other workers are stopped and no
            result is returned.
        ReviewIncompleteError: with ``engine="dask"``, a part of the input could not be
            rated (see [`review_files`][practicemodel.distributed.review_files]).
        MissingExtraError: ``engine="dask"`` without the dask extra (``pip install
            "practicemodel[dask]"``).
    """
    job = _job(policy, as_of, by, instrument, workers, batch_size, strict, progress)
    _callable_arg(on_skip, "on_skip")
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"'name' must be a str or None (got {name!r})")
    if not isinstance(engine, str):
        raise InvalidInputError(f"'engine' must be \"local\" or \"dask\" (got {engine!r})")
    if engine not in ("local", "dask"):
        raise InvalidArgumentError(f"'engine' must be \"local\" or \"dask\" (got {engine!r})")
    if engine == "dask":
        return _review_on_dask(source, job, client, on_skip, progress, name)
    if client is not None:
        raise InvalidArgumentError(f"'client' is for engine=\"dask\" (got {client!r} with "
                                   f"engine={engine!r})")
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        label = name or str(source)
        with path.open("rb") as handle:
            return _drive((_Batch(job, label, chunk) for chunk in _lines(handle, batch_size)),
                          job, workers, progress, on_skip)
    if isinstance(source, bytes) or not isinstance(source, Iterable):
        raise InvalidInputError(f"'source' must be a path, an open file or an iterable of "
                                f"lines (got {type(source).__name__})")
    label = name or "<stream>"
    return _drive((_Batch(job, label, chunk) for chunk in _lines(source, batch_size)), job,
                  workers, progress, on_skip)


def _check_comparable(baseline: object, follow_up: object, *, baseline_name: str = "baseline",
                     follow_up_name: str = "follow_up") -> None:
    """Check that two reviews can be compared item by item: both are
    [`CaseloadReview`][practicemodel.caseload.CaseloadReview]s rated on the same instrument
    and grouped by the same keys. (Their policy profile and date may differ: a follow-up is
    usually reviewed on a later date.) ``baseline_name`` and ``follow_up_name`` are the
    arguments' names in the messages.

    Raises:
        InvalidInputError: either is not a ``CaseloadReview``.
        InvalidArgumentError: their ``instrument`` or ``by`` differ; the message names the
            field and both values.
    """
    before = instance_arg(baseline, CaseloadReview, baseline_name)
    after = instance_arg(follow_up, CaseloadReview, follow_up_name)
    for field in ("instrument", "by"):
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            raise InvalidArgumentError(
                f"{baseline_name!r} and {follow_up_name!r} must have the same {field!r} to be "
                f"compared (got {field}={old!r} in {baseline_name!r} and {field}={new!r} in "
                f"{follow_up_name!r})")


def _instrument_of(review: CaseloadReview) -> ReviewInstrument | None:
    """The built-in instrument a review was rated on, found by its name (``None``: another
    instrument)."""
    return next((i for i in INSTRUMENTS.values() if i.name == review.instrument), None)


def _no_counts(item: str, by: tuple[str, ...], group: tuple[Hashable, ...],
               performance: Proportion) -> GroupPerformance:
    """The counts of an item and group a review does not have: none."""
    return GroupPerformance(item=item, by=by, group=group, strengths=0,
                            areas_needing_improvement=0, not_applicable=0,
                            performance=performance)


def compare_caseloads(baseline: CaseloadReview,
                      follow_up: CaseloadReview) -> tuple[GroupComparison, ...]:
    """Compare each item and group of two caseload reviews: follow-up minus baseline.

    CQI compares a baseline review with a follow-up review (seed 001). The two must be rated
    on the same instrument and grouped by the same keys; their policy profile and date may
    differ (the follow-up is usually reviewed later). Each (item, group) found in either
    review gets both sides' counts (zero where a side has none) and
    [`compare_proportions`][practicemodel.statistics.compare_proportions]' answer
    (Newcombe's interval for the difference and the pooled z test), in the order of the
    instrument's items (other codes after them, by code), then by group.

    Raises:
        InvalidInputError: ``baseline`` or ``follow_up`` is not a
            [`CaseloadReview`][practicemodel.caseload.CaseloadReview].
        InvalidArgumentError: their ``instrument`` or ``by`` differ (the message names the
            field and both values).

    >>> from datetime import date
    >>> from practicemodel.policy import get_policy
    >>> ms, day = get_policy("MS"), date(2026, 11, 22)
    >>> before = review_synthetic(20, seed=1, policy=ms, as_of=day)
    >>> after = review_synthetic(20, seed=2, policy=ms, as_of=day)
    >>> results = compare_caseloads(before, after)
    >>> {g.item for g in results} == {g.item for g in after.table}
    True
    """
    _check_comparable(baseline, follow_up)
    before = {(g.item, g.group): g for g in baseline.table}
    after = {(g.item, g.group): g for g in follow_up.table}
    instrument = _instrument_of(follow_up)
    order = {item.code: n for n, item in enumerate(instrument.items)} if instrument else {}
    keys = sorted(before.keys() | after.keys(),
                  key=lambda k: (order.get(k[0], len(order)), k[0],
                                 ", ".join(str(v) for v in k[1])))
    by = follow_up.by
    results = []
    for item, group in keys:
        b, a = before.get((item, group)), after.get((item, group))
        c = compare_proportions(b.strengths if b else 0, b.applicable if b else 0,
                                a.strengths if a else 0, a.applicable if a else 0)
        results.append(GroupComparison(
            item=item, by=by, group=group,
            baseline=b or _no_counts(item, by, group, c.baseline),
            follow_up=a or _no_counts(item, by, group, c.follow_up), comparison=c))
    return tuple(results)
