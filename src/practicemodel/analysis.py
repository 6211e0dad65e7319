"""Review statistics as tables and charts: records, pandas and polars DataFrames, plots.

[`item_performance`][practicemodel.statistics.item_performance] and
[`compare_reviews`][practicemodel.statistics.compare_reviews] return typed results; this
module flattens them into plain records (one dict per item and group) and, for data work,
into DataFrames and matplotlib charts with the confidence intervals drawn as error bars:

- [`performance_records`][practicemodel.analysis.performance_records] and
  [`comparison_records`][practicemodel.analysis.comparison_records]: plain dicts, standard
  library only;
- [`to_pandas`][practicemodel.analysis.to_pandas] and
  [`to_polars`][practicemodel.analysis.to_polars]: a DataFrame from those records;
- [`plot_item_performance`][practicemodel.analysis.plot_item_performance] and
  [`plot_comparison`][practicemodel.analysis.plot_comparison]: matplotlib figures;
- [`to_dask`][practicemodel.analysis.to_dask]: the case-level rating records of JSON Lines
  files as a Dask DataFrame, rated on a Dask cluster (to join with your own data, or to
  write as Parquet).

pandas, polars and matplotlib are an optional extra (``pip install
"practicemodel[analysis]"``), Dask another (``pip install "practicemodel[dask]"``).
``import practicemodel`` (and importing this module) never imports them: each function
imports what it needs when called, and raises
[`MissingExtraError`][practicemodel.errors.MissingExtraError] when it is not installed.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any

from practicemodel.errors import InvalidArgumentError, InvalidInputError, MissingExtraError
from practicemodel.review import DEFAULT_INSTRUMENT, ReviewInstrument
from practicemodel.statistics import GroupComparison, GroupPerformance

if TYPE_CHECKING:
    from practicemodel.policy import PolicyProfile

__all__ = [
    "comparison_records",
    "performance_records",
    "plot_comparison",
    "plot_item_performance",
    "to_dask",
    "to_pandas",
    "to_polars",
]

EXTRA = 'pip install "practicemodel[analysis]"'
DASK_EXTRA = 'pip install "practicemodel[dask]"'
_BLOCKSIZE = 64 * 2**20

_PERFORMANCE_COLUMNS = ("strengths", "areas_needing_improvement", "applicable",
                        "not_applicable", "performance", "low", "high")
_COMPARISON_COLUMNS = (
    "baseline_strengths", "baseline_applicable", "baseline_performance",
    "follow_up_strengths", "follow_up_applicable", "follow_up_performance",
    "difference", "low", "high", "z", "p_value", "significant",
)


def _require(module: str) -> ModuleType:
    """Import ``module`` or raise MissingExtraError naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(
            f"{module.partition('.')[0]} is needed for this; install the analysis extra: "
            f"{EXTRA}",
            name=module,
        ) from error


def _check_results(results: object, kind: type, name: str) -> list[Any]:
    if isinstance(results, Mapping | str | bytes) or not isinstance(results, Iterable):
        raise InvalidInputError(f"{name!r} must be an iterable of {kind.__name__} "
                                f"(got {results!r})")
    listed = list(results)
    for index, result in enumerate(listed):
        if not isinstance(result, kind):
            raise InvalidInputError(f"{name}[{index}] must be a {kind.__name__} "
                                    f"(got {type(result).__name__})")
    return listed


def _group_fields(result: GroupPerformance | GroupComparison,
                  columns: tuple[str, ...]) -> dict[str, object]:
    fields: dict[str, object] = {"item": result.item}
    for name, value in zip(result.by, result.group, strict=True):
        if name in fields or name in columns:
            raise InvalidArgumentError(
                f"grouping key {name!r} clashes with a column of the records"
            )
        fields[name] = value
    return fields


def performance_records(results: Iterable[GroupPerformance]) -> list[dict[str, object]]:
    """Flatten [`item_performance`][practicemodel.statistics.item_performance] results.

    One dict per result, in the results' order: ``item``, then one key per grouping key
    (e.g. ``region``), then ``strengths``, ``areas_needing_improvement``, ``applicable``,
    ``not_applicable``, ``performance`` (``None`` when no case was applicable) and the
    Wilson interval's ``low`` and ``high``.

    Raises:
        InvalidInputError: ``results`` is not an iterable of GroupPerformance.
        InvalidArgumentError: a grouping key has the name of one of the columns.

    >>> from practicemodel.statistics import item_performance
    >>> rows = [{"item": "visits", "rating": r, "region": "North"}
    ...         for r in ("strength", "strength", "area_needing_improvement")]
    >>> (record,) = performance_records(item_performance(rows, by=("region",)))
    >>> record["region"], record["strengths"], record["applicable"], record["performance"]
    ('North', 2, 3, 0.6666666666666666)
    """
    records = []
    for result in _check_results(results, GroupPerformance, "results"):
        record = _group_fields(result, _PERFORMANCE_COLUMNS)
        record.update(
            strengths=result.strengths,
            areas_needing_improvement=result.areas_needing_improvement,
            applicable=result.applicable, not_applicable=result.not_applicable,
            performance=result.performance.estimate, low=result.performance.low,
            high=result.performance.high,
        )
        records.append(record)
    return records


def comparison_records(results: Iterable[GroupComparison]) -> list[dict[str, object]]:
    """Flatten [`compare_reviews`][practicemodel.statistics.compare_reviews] results.

    One dict per result, in the results' order: ``item``, one key per grouping key, then
    for each review ``baseline_strengths``, ``baseline_applicable``,
    ``baseline_performance`` (and the same with ``follow_up_``), then the ``difference``
    (follow-up − baseline) with Newcombe's interval ``low`` and ``high``, the pooled ``z``,
    its two-sided ``p_value`` and whether the change is ``significant``. Values that the
    statistics leave undefined (no applicable cases on one side) are ``None``.

    Raises:
        InvalidInputError: ``results`` is not an iterable of GroupComparison.
        InvalidArgumentError: a grouping key has the name of one of the columns.
    """
    records = []
    for result in _check_results(results, GroupComparison, "results"):
        record = _group_fields(result, _COMPARISON_COLUMNS)
        c = result.comparison
        record.update(
            baseline_strengths=result.baseline.strengths,
            baseline_applicable=result.baseline.applicable,
            baseline_performance=c.baseline.estimate,
            follow_up_strengths=result.follow_up.strengths,
            follow_up_applicable=result.follow_up.applicable,
            follow_up_performance=c.follow_up.estimate,
            difference=c.difference, low=c.low, high=c.high, z=c.z, p_value=c.p_value,
            significant=c.significant,
        )
        records.append(record)
    return records


def _check_records(records: object) -> list[Mapping[str, object]]:
    if isinstance(records, Mapping | str | bytes) or not isinstance(records, Iterable):
        raise InvalidInputError(f"'records' must be an iterable of mappings (got {records!r})")
    listed = list(records)
    for index, record in enumerate(listed):
        if not isinstance(record, Mapping):
            raise InvalidInputError(
                f"records[{index}] must be a mapping (got {type(record).__name__})"
            )
    return listed


def to_pandas(records: Iterable[Mapping[str, object]]) -> Any:
    """Return a pandas DataFrame with one row per record and one column per key.

    Columns keep the records' key order; ``None`` becomes a missing value.

    Raises:
        MissingExtraError: pandas is not installed.
        InvalidInputError: ``records`` is not an iterable of mappings.
    """
    listed = _check_records(records)
    pd = _require("pandas")
    return pd.DataFrame.from_records([dict(record) for record in listed])


def to_polars(records: Iterable[Mapping[str, object]]) -> Any:
    """Return a polars DataFrame with one row per record and one column per key.

    Column types are inferred from every row, so a column whose first values are ``None``
    still gets the type of the later ones.

    Raises:
        MissingExtraError: polars is not installed.
        InvalidInputError: ``records`` is not an iterable of mappings.
    """
    listed = _check_records(records)
    pl = _require("polars")
    return pl.from_dicts([dict(record) for record in listed], infer_schema_length=None)


def _figure(width: float, height: float) -> Any:
    """A new Figure on the non-interactive Agg backend."""
    matplotlib = _require("matplotlib")
    matplotlib.use("Agg")
    plt = _require("matplotlib.pyplot")
    return plt.figure(figsize=(width, height), layout="constrained")


def _finish(figure: Any, path: str | os.PathLike[str] | None) -> Any:
    if path is not None:
        figure.savefig(path, dpi=100)
    plt = _require("matplotlib.pyplot")
    plt.close(figure)  # the caller owns the Figure; pyplot need not keep it open
    return figure


def _check_path(path: object) -> None:
    if path is not None and not isinstance(path, str | os.PathLike):
        raise InvalidInputError(f"'path' must be a path or None (got {path!r})")


def _label(values: Sequence[Hashable]) -> str:
    return " / ".join(str(value) for value in values) or "all"


def plot_item_performance(
    results: Iterable[GroupPerformance],
    *,
    by: str | None = "region",
    path: str | os.PathLike[str] | None = None,
) -> Any:
    """Plot each item's performance per group, with Wilson intervals as error bars.

    ``results`` come from [`item_performance`][practicemodel.statistics.item_performance]
    grouped by ``by`` (e.g. ``item_performance(ratings, by=("region",))``); each group is
    one series of points, items run down the chart. ``by=None`` labels each series with all
    of its grouping values. Items with no applicable case are left out.

    Returns:
        The matplotlib ``Figure`` (drawn with the non-interactive Agg backend), also saved
        to ``path`` when one is given (the format follows the suffix, e.g. ``.png``).

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidInputError: bad arguments.
        InvalidArgumentError: results not grouped by ``by``, or one item twice in a group.
    """
    listed: list[GroupPerformance] = _check_results(results, GroupPerformance, "results")
    _check_path(path)
    if by is not None and not isinstance(by, str):
        raise InvalidInputError(f"'by' must be a grouping key name or None (got {by!r})")
    series: dict[str, dict[str, GroupPerformance]] = {}
    items: list[str] = []
    for result in listed:
        if by is None:
            label = _label(result.group)
        elif by in result.by:
            label = str(result.group[result.by.index(by)])
        else:
            raise InvalidArgumentError(
                f"results are grouped by {result.by!r}, not by {by!r}: use "
                f"item_performance(ratings, by=({by!r},))"
            )
        if result.item in series.setdefault(label, {}):
            raise InvalidArgumentError(
                f"item {result.item!r} appears twice for {by} {label!r}: group the "
                f"results by {by!r} alone"
            )
        series[label][result.item] = result
        if result.item not in items:
            items.append(result.item)
    figure = _figure(8.0, 1.2 + 0.45 * max(1, len(items)))
    axes = figure.add_subplot()
    step = 0.7 / max(1, len(series))
    for k, (label, by_item) in enumerate(series.items()):
        ys, xs, lows, highs = [], [], [], []
        for row, item in enumerate(items):
            found = by_item.get(item)
            if found is None or found.performance.estimate is None:
                continue
            ys.append(row - 0.35 + step * (k + 0.5))
            xs.append(found.performance.estimate)
            lows.append(found.performance.estimate - found.performance.low)
            highs.append(found.performance.high - found.performance.estimate)
        axes.errorbar(xs, ys, xerr=[lows, highs], fmt="o", capsize=3, label=label)
    axes.set_yticks(range(len(items)), items)
    axes.invert_yaxis()
    axes.set_xlim(0.0, 1.0)
    level = listed[0].performance.confidence if listed else 0.95
    axes.set_xlabel(
        f"Performance: share of applicable cases rated Strength ({level:.0%} Wilson)"
    )
    axes.grid(axis="x", alpha=0.3)
    if series:
        axes.legend(title=by, fontsize="small")
    return _finish(figure, path)


def plot_comparison(
    results: Iterable[GroupComparison],
    *,
    path: str | os.PathLike[str] | None = None,
) -> Any:
    """Plot baseline vs follow-up performance per item and group, and their difference.

    ``results`` come from [`compare_reviews`][practicemodel.statistics.compare_reviews].
    The left panel shows each review's performance with its Wilson interval; the right
    panel the difference (follow-up − baseline) with Newcombe's interval, filled when the
    change is significant. Rows with no applicable case on a side leave that point out.

    Returns:
        The matplotlib ``Figure`` (Agg backend), also saved to ``path`` when given.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidInputError: bad arguments.
    """
    listed: list[GroupComparison] = _check_results(results, GroupComparison, "results")
    _check_path(path)
    figure = _figure(10.0, 1.4 + 0.32 * max(1, len(listed)))
    left, right = figure.subplots(1, 2, sharey=True, width_ratios=(3, 2))
    labels = [f"{result.item} · {_label(result.group)}" if result.group else result.item
              for result in listed]
    for name, offset, marker in (("baseline", -0.15, "o"), ("follow_up", 0.15, "s")):
        ys, xs, lows, highs = [], [], [], []
        for row, result in enumerate(listed):
            p = getattr(result.comparison, name)
            if p.estimate is None:
                continue
            ys.append(row + offset)
            xs.append(p.estimate)
            lows.append(p.estimate - p.low)
            highs.append(p.high - p.estimate)
        left.errorbar(xs, ys, xerr=[lows, highs], fmt=marker, capsize=2,
                      label=name.replace("_", "-"))
    for row, result in enumerate(listed):
        c = result.comparison
        if c.difference is None or c.low is None or c.high is None:
            continue
        right.errorbar([c.difference], [row], xerr=[[c.difference - c.low],
                                                    [c.high - c.difference]],
                       fmt="D", capsize=2, color="black",
                       markerfacecolor="black" if c.significant else "white")
    left.set_yticks(range(len(listed)), labels, fontsize="small")
    left.invert_yaxis()
    left.set_xlim(0.0, 1.0)
    level = listed[0].comparison.confidence if listed else 0.95
    left.set_xlabel(f"Performance ({level:.0%} Wilson)")
    left.grid(axis="x", alpha=0.3)
    if listed:
        left.legend(fontsize="small")
    right.axvline(0.0, color="grey", linewidth=1)
    right.set_xlim(-1.0, 1.0)
    right.set_xlabel(f"Follow-up − baseline ({level:.0%} Newcombe; filled: significant)")
    right.grid(axis="x", alpha=0.3)
    return _finish(figure, path)


def to_dask(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    policy: PolicyProfile,
    as_of: date,
    instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
    by: tuple[str, ...] = (),
    client: Any = None,
    blocksize: int | None = _BLOCKSIZE,
    storage_options: Mapping[str, Any] | None = None,
) -> Any:
    """Return the rating records of JSON Lines files as a lazy Dask DataFrame.

    One row per item (and CFSR outcome) per case, as
    [`rating_records`][practicemodel.review.rating_records] gives them, with the case's
    ``case_id``, the ``item``, its ``rating`` (``strength``, ``area_needing_improvement``,
    ``not_applicable``) and the grouping fields ``region``, ``county``, ``case_type`` and
    ``quarter`` (of ``as_of``); with ``"role"`` in ``by``, one row per item and engagement
    role instead, with a ``role`` column. Nothing is read until the frame is computed (or
    written, e.g. ``to_dask(...).to_parquet("ratings/")``); then each partition of the
    files (a byte range of ``blocksize``; a compressed file whole) is read and rated on a
    worker of ``client``'s cluster (the current Dask client when ``None``). ``paths``: a
    file, a directory (its ``.jsonl``, ``.jsonl.gz`` and ``.ndjson`` files), a glob, a URL
    fsspec opens (``s3://bucket/cases/*.jsonl``, with ``storage_options`` such as
    credentials), or a list of them. Records that do not load are left out of the frame;
    [`review_jsonl`][practicemodel.caseload.review_jsonl] with ``engine="dask"`` (or
    ``practicemodel review --engine dask``) reports them.

    The frame is built by
    [`practicemodel.distributed.rating_frame`][practicemodel.distributed.rating_frame]; its
    rows give the same item performance as the review of the same files with either engine.

    Raises:
        MissingExtraError: Dask (or pandas, or distributed) is not installed.
        InvalidInputError: an argument is not of the right kind.
    """
    for module in ("dask.dataframe", "distributed", "pandas"):
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise MissingExtraError(
                f"{module.partition('.')[0]} is needed for this; install the dask extra: "
                f"{DASK_EXTRA}",
                name=module,
            ) from error
    from practicemodel.distributed import rating_frame

    return rating_frame(paths, policy=policy, as_of=as_of, instrument=instrument, by=by,
                        client=client, blocksize=blocksize, storage_options=storage_options)
