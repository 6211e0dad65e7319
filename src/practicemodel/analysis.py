"""Review statistics as tables and charts: records, pandas and polars DataFrames, plots.

[`item_performance`][practicemodel.statistics.item_performance] and
[`compare_reviews`][practicemodel.statistics.compare_reviews] return typed results; this
module flattens them into plain records (one dict per item and group) and, for data work,
into DataFrames and matplotlib charts with the confidence intervals drawn as error bars:

- [`ratings_frame`][practicemodel.analysis.ratings_frame]: the case-level rating records as
  a typed pandas or polars DataFrame (``case_id``, categorical items and ratings in the
  instrument's order, ``as_of`` as a date), and
  [`performance_frame`][practicemodel.analysis.performance_frame]: item performance with
  Wilson intervals computed on such a DataFrame, vectorised, optionally weighted;
- [`performance_records`][practicemodel.analysis.performance_records] and
  [`comparison_records`][practicemodel.analysis.comparison_records]: plain dicts, standard
  library only;
- [`to_pandas`][practicemodel.analysis.to_pandas] and
  [`to_polars`][practicemodel.analysis.to_polars]: a DataFrame from those records;
- [`plot_item_performance`][practicemodel.analysis.plot_item_performance] and
  [`plot_comparison`][practicemodel.analysis.plot_comparison]: matplotlib figures, items
  labelled by their titles, drawn on a new ``Figure`` or on your own ``ax``, without
  touching pyplot or the backend (inline plots in a notebook keep working);
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
import textwrap
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date, datetime
from types import ModuleType
from typing import TYPE_CHECKING, Any

from practicemodel._frames import RATING_ORDER, item_codes, pandas_dtypes
from practicemodel.errors import InvalidArgumentError, InvalidInputError, MissingExtraError
from practicemodel.outcomes import CfsrOutcome
from practicemodel.review import DEFAULT_INSTRUMENT, CaseReview, ReviewInstrument, rating_records
from practicemodel.statistics import (
    GroupComparison,
    GroupPerformance,
    _check_confidence,
    _z,
)

if TYPE_CHECKING:
    from practicemodel.policy import PolicyProfile

__all__ = [
    "RATING_COLUMNS",
    "comparison_records",
    "performance_frame",
    "performance_records",
    "plot_comparison",
    "plot_item_performance",
    "ratings_frame",
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


RATING_COLUMNS = ("case_id", "item", "rating", "region", "county", "case_type", "quarter")
"""The leading columns of a ratings table, in order, as
[`ratings_frame`][practicemodel.analysis.ratings_frame] and
[`rating_frame`][practicemodel.distributed.rating_frame] give them (with ``role`` after
``rating`` for role ratings)."""


def _titles(instrument: ReviewInstrument) -> dict[str, str]:
    """Item code → the title a reader knows it by (an outcome: e.g. ``"Safety 1"``)."""
    titles = {item.code: item.name for item in instrument.items}
    titles.update({d.outcome.value: d.outcome.label.partition(":")[0]
                   for d in instrument.outcomes})
    for outcome in CfsrOutcome:
        titles.setdefault(outcome.value, outcome.label.partition(":")[0])
    return titles


def _check_library(library: object) -> str:
    if library not in ("pandas", "polars"):
        raise InvalidArgumentError(f"'library' must be 'pandas' or 'polars' (got {library!r})")
    assert isinstance(library, str)
    return library


def _as_of_value(value: object, index: int) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):  # e.g. a pandas Timestamp read back from a frame
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInputError(f"reviews[{index}]['as_of'] must be a date or an ISO date "
                            f"(got {value!r})")


def _check_row(row: Mapping[str, object], index: int, codes: frozenset[str],
               instrument: ReviewInstrument) -> None:
    """A rating record given as ``reviews[index]`` has a known item and rating."""
    for key in ("item", "rating"):
        if key not in row:
            raise InvalidInputError(f"reviews[{index}] has no key {key!r}")
    if not isinstance(row["item"], str) or row["item"] not in codes:
        raise InvalidArgumentError(
            f"reviews[{index}]['item'] {row['item']!r} is not an item of "
            f"{instrument.name!r} (items: {sorted(codes)}); pass its instrument="
        )
    if row["rating"] not in RATING_ORDER:
        raise InvalidArgumentError(f"reviews[{index}]['rating'] must be one of "
                                   f"{list(RATING_ORDER)} (got {row['rating']!r})")


def ratings_frame(
    reviews: Iterable[CaseReview | Mapping[str, object]],
    *,
    instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
    roles: bool = False,
    library: str = "pandas",
) -> Any:
    """The rating records of case reviews as a typed DataFrame, one row per item per case.

    ``reviews`` are [`CaseReview`][practicemodel.review.CaseReview]s (from
    [`rate_case`][practicemodel.review.rate_case]) or rating records (mappings, as
    [`rating_records`][practicemodel.review.rating_records] gives them, e.g. read back from
    JSON Lines, perhaps with keys of your own such as a ``weight``), or a mix. The columns:

    - ``case_id``, ``item``, ``rating``, (``role`` with ``roles``), ``region``, ``county``,
      ``case_type``, ``quarter`` ([`RATING_COLUMNS`][practicemodel.analysis.RATING_COLUMNS],
      the columns of [`to_dask`][practicemodel.analysis.to_dask]'s frame, with the same
      types), always present, missing values as nulls;
    - ``as_of``: the review date (a record's ``"as_of"`` key, a date or ISO string, if it
      has one), as a date: ``datetime64[s]`` in pandas (which has no date type of its own:
      midnight of the day), ``Date`` in polars;
    - ``title``: the item's title (``"Caseworker visits with parents"``; for an outcome row
      ``"Safety 1"``...), for labelling charts;
    - then any other keys of the records, in the order met.

    ``item`` and ``rating`` are categoricals in the instrument's order (the items, then the
    CFSR outcomes; ``strength``, ``area_needing_improvement``, ``not_applicable``): pandas
    ``category``, polars ``Enum``; ``title`` is a categorical too, the other text columns
    strings (pandas ``string``, polars ``String``). ``roles`` takes each review's role
    ratings ([`rating_records(review, roles=True)`][practicemodel.review.rating_records]).
    ``library``: ``"pandas"`` or ``"polars"``.

    Raises:
        MissingExtraError: the library is not installed.
        InvalidInputError: ``reviews`` holds something other than CaseReviews and
            mappings, or a record lacks ``item`` or ``rating`` or has a bad ``as_of``.
        InvalidArgumentError: an unknown ``library``, a review rated on another
            instrument, an item or rating the instrument does not have.

    >>> rows = [{"case_id": "c1", "item": "visits_with_parents", "rating": "strength",
    ...          "region": "North", "weight": 2.5}]
    >>> frame = ratings_frame(rows)
    >>> list(frame.columns[7:])
    ['as_of', 'title', 'weight']
    >>> str(frame["item"].dtype), frame["title"][0], str(frame["as_of"].dtype)
    ('category', 'Caseworker visits with parents', 'datetime64[s]')
    """
    kind = _check_library(library)
    titles = _check_instrument(instrument)
    if not isinstance(roles, bool):
        raise InvalidInputError(f"'roles' must be a bool (got {roles!r})")
    if isinstance(reviews, Mapping | str | bytes | CaseReview) or not isinstance(
            reviews, Iterable):
        raise InvalidInputError(f"'reviews' must be an iterable of CaseReview or rating "
                                f"records (got {reviews!r})")
    rows: list[Mapping[str, object]] = []
    as_of: list[date | None] = []
    order = item_codes(instrument)
    codes = frozenset(order)
    for index, entry in enumerate(reviews):
        if isinstance(entry, CaseReview):
            if entry.instrument != instrument.name:
                raise InvalidArgumentError(
                    f"reviews[{index}] was rated on {entry.instrument!r}, not on "
                    f"{instrument.name!r}: pass instrument= the instrument it was rated on"
                )
            records = rating_records(entry, roles=roles)
            rows.extend(records)
            as_of.extend([entry.as_of] * len(records))
        elif isinstance(entry, Mapping):
            _check_row(entry, index, codes, instrument)
            rows.append(entry)
            as_of.append(_as_of_value(entry.get("as_of"), index))
        else:
            raise InvalidInputError(f"reviews[{index}] must be a CaseReview or a mapping "
                                    f"(got {type(entry).__name__})")
    role = roles or any("role" in row for row in rows)
    standard = ["case_id", "item", "rating", *(("role",) if role else ()),
                "region", "county", "case_type", "quarter"]
    known = {*standard, "as_of", "title"}
    extra = list(dict.fromkeys(k for row in rows for k in row if k not in known))
    columns: dict[str, list[Any]] = {name: [row.get(name) for row in rows]
                                     for name in standard}
    columns["as_of"] = as_of
    columns["title"] = [titles[str(item)] for item in columns["item"]]
    for name in extra:
        columns[name] = [row.get(name) for row in rows]
    title_order = [titles[code] for code in order]
    if kind == "polars":
        pl = _require("polars")
        schema: dict[str, Any] = dict.fromkeys(standard, pl.String)
        schema.update(item=pl.Enum(list(order)), rating=pl.Enum(
            list(RATING_ORDER)), as_of=pl.Date, title=pl.Enum(list(dict.fromkeys(
                title_order))))
        frame = pl.DataFrame({name: columns[name] for name in schema}, schema=schema)
        if extra:
            frame = frame.hstack(pl.from_dicts([{name: columns[name][i] for name in extra}
                                                for i in range(len(rows))],
                                               infer_schema_length=None))
        return frame
    pd = _require("pandas")
    dtypes = pandas_dtypes(pd, instrument, role=role)
    data = {name: pd.Series(columns[name], dtype=dtypes[name]) for name in standard}
    data["as_of"] = pd.Series(pd.to_datetime(pd.Series(as_of, dtype=object)),
                              dtype="datetime64[s]")
    data["title"] = pd.Series(columns["title"],
                              dtype=pd.CategoricalDtype(list(dict.fromkeys(title_order))))
    for name in extra:
        data[name] = pd.Series(columns[name])
    return pd.DataFrame(data)


def performance_frame(
    ratings: Any,
    *,
    by: str | Sequence[str] = (),
    confidence: float = 0.95,
    weight: str | None = None,
) -> Any:
    """Each item's performance per group with its Wilson interval, computed on a DataFrame.

    What [`item_performance`][practicemodel.statistics.item_performance] and
    [`performance_records`][practicemodel.analysis.performance_records] give for rating
    records, vectorised over a pandas or polars DataFrame with ``item`` and ``rating``
    columns (e.g. from [`ratings_frame`][practicemodel.analysis.ratings_frame]) and the
    columns named in ``by``: one row per item and group, with the columns ``item``, the
    ``by`` columns, ``strengths``, ``areas_needing_improvement``, ``applicable``,
    ``not_applicable``, ``performance`` (missing when no case is applicable), ``low`` and
    ``high``; the numbers are those of ``item_performance`` (the same formulas, in the same
    order). Rows are sorted by item (in the instrument's order when ``item`` is a
    categorical) then group; the result is a DataFrame of the input's kind.

    ``weight`` names a column of design weights (numbers above 0, e.g. the ``weight`` of a
    [stratified sample][practicemodel.sampling.stratified_sample]): the performance is
    then the weighted share of Strengths among applicable ratings, its Wilson interval
    taken on Kish's effective sample size, which an ``effective_trials`` column gives (see
    [`weighted_wilson_interval`][practicemodel.statistics.weighted_wilson_interval]).

    Raises:
        MissingExtraError: pandas is not installed.
        InvalidInputError: ``ratings`` is not a DataFrame, lacks a column, or has a rating
            that is not one of the three, or a weight that is not a finite number above 0
            (a bool is not a weight); the message names the column and the row.
        InvalidArgumentError: ``confidence`` outside (0, 1), or ``by`` repeats a column or
            names ``item`` or ``rating``.

    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"item": ["visits"] * 4, "region": ["North"] * 4,
    ...                         "rating": ["strength", "strength",
    ...                                    "area_needing_improvement", "not_applicable"]})
    >>> row = performance_frame(ratings, by="region").iloc[0]
    >>> row["strengths"], row["applicable"], round(row["performance"], 4)
    (np.int64(2), np.int64(3), np.float64(0.6667))
    """
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, tuple | list) or not all(isinstance(n, str) for n in names):
        raise InvalidInputError(f"'by' must be a column name or a sequence of them "
                                f"(got {by!r})")
    names = tuple(names)
    if len(set(names)) != len(names) or {"item", "rating"} & set(names):
        raise InvalidArgumentError(f"'by' must not repeat a column or name 'item' or "
                                   f"'rating' (got {by!r})")
    level = _check_confidence(confidence)
    if weight is not None and not isinstance(weight, str):
        raise InvalidInputError(f"'weight' must be a column name or None (got {weight!r})")
    kind = type(ratings)
    library = kind.__module__.partition(".")[0] if kind.__name__ == "DataFrame" else None
    if library not in ("pandas", "polars"):
        raise InvalidInputError(f"'ratings' must be a pandas or polars DataFrame "
                                f"(got {kind.__name__})")
    pd = _require("pandas")
    np = _require("numpy")
    needed = ["item", "rating", *names, *((weight,) if weight is not None else ())]
    present = [str(c) for c in ratings.columns]
    for column in needed:
        if column not in present:
            raise InvalidInputError(f"'ratings' has no column {column!r} (columns: "
                                    f"{present})")
    if library == "polars":
        frame = pd.DataFrame({c: ratings[c].to_list() for c in dict.fromkeys(needed)})
        categories = getattr(ratings["item"].dtype, "categories", None)  # an Enum's order
        if categories is not None:
            frame["item"] = pd.Categorical(frame["item"], categories=list(categories))
    else:
        frame = ratings[list(dict.fromkeys(needed))]
    rating = frame["rating"].astype(object)
    strength = (rating == "strength").to_numpy(dtype=bool)
    area = (rating == "area_needing_improvement").to_numpy(dtype=bool)
    na = (rating == "not_applicable").to_numpy(dtype=bool)
    bad = ~(strength | area | na)
    if bad.any():
        value = rating.to_numpy()[bad.argmax()]
        raise InvalidInputError(f"'ratings' has a rating {value!r}: each must be one of "
                                f"{list(RATING_ORDER)}")
    keys = ["item", *names]
    counts = pd.DataFrame({key: frame[key] for key in keys})
    counts["strengths"] = strength.astype(np.int64)
    counts["areas_needing_improvement"] = area.astype(np.int64)
    counts["not_applicable"] = na.astype(np.int64)
    if weight is not None:
        w = _weights(frame[weight], weight, pd, np)
        applicable = strength | area
        counts["_ws"] = np.where(strength, w, 0.0)
        counts["_wa"] = np.where(applicable, w, 0.0)
        counts["_wa2"] = np.where(applicable, w * w, 0.0)
    table = counts.groupby(keys, observed=True, sort=True, dropna=False).sum().reset_index()
    x = table["strengths"].to_numpy(dtype=np.int64)
    n = x + table["areas_needing_improvement"].to_numpy(dtype=np.int64)
    table.insert(len(keys) + 2, "applicable", n)
    z = _z(level)
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        if weight is None:
            estimate = x / n
            centre = (x + z2 / 2.0) / (n + z2)
            half = z / (n + z2) * np.sqrt(x * (n - x) / n + z2 / 4.0)
            none, every = x == 0, x == n
        else:
            ws, wa, wa2 = (table.pop(c).to_numpy(dtype=float) for c in ("_ws", "_wa", "_wa2"))
            estimate = ws / wa
            n_eff = wa * wa / wa2
            centre = (n_eff * estimate + z2 / 2.0) / (n_eff + z2)
            half = z / (n_eff + z2) * np.sqrt(
                np.maximum(0.0, n_eff * estimate * (1.0 - estimate)) + z2 / 4.0)
            none, every = ws == 0.0, ws == wa
    empty = n == 0
    table["performance"] = np.where(empty, np.nan, estimate)
    table["low"] = np.where(empty | none, 0.0, np.maximum(0.0, centre - half))
    table["high"] = np.where(empty | every, 1.0, np.minimum(1.0, centre + half))
    if weight is not None:
        table["effective_trials"] = np.where(empty, 0.0, n_eff)
    if library == "polars":
        pl = _require("polars")
        return pl.from_dicts(table.astype(object).where(table.notna(), None)
                             .to_dict("records"), infer_schema_length=None)
    return table


def _weights(column: Any, name: str, pd: ModuleType, np: ModuleType) -> Any:
    """The weights of ``column`` as floats, each a finite number above 0 and not a bool (as
    [`item_performance`][practicemodel.statistics.item_performance] takes weights), or
    InvalidInputError naming the column, the row (its position) and the value."""
    values = column.to_numpy(dtype=object)
    w = np.full(len(values), np.nan)
    if pd.api.types.is_bool_dtype(column.dtype):
        numeric = np.zeros(len(values), dtype=bool)
    elif pd.api.types.is_numeric_dtype(column.dtype):
        numeric = np.ones(len(values), dtype=bool)
        w = column.to_numpy(dtype=float, na_value=np.nan)
    else:  # text, categories, objects: look at each value, as item_performance does
        numeric = np.fromiter((isinstance(v, int | float | np.integer | np.floating)
                               and not isinstance(v, bool) for v in values),
                              dtype=bool, count=len(values))
        w[numeric] = np.array(values[numeric].tolist(), dtype=float)
    with np.errstate(invalid="ignore"):
        bad = ~(numeric & np.isfinite(w) & (w > 0))
    if bad.any():
        row = int(bad.argmax())
        raise InvalidInputError(f"'ratings'[{name!r}] row {row} must be a finite number "
                                f"above 0 (got {values[row]!r})")
    return w


def _require_figure() -> Any:
    """matplotlib's ``Figure`` class (no pyplot, no backend chosen)."""
    return _require("matplotlib.figure").Figure


def _figure_or_axes(ax: Any, width: float, height: float, panels: int) -> tuple[Any, list[Any]]:
    """A new constrained-layout Figure with ``panels`` Axes, or ``ax``'s figure and Axes."""
    if ax is None:
        figure = _require_figure()(figsize=(width, height), layout="constrained")
        if panels == 1:
            return figure, [figure.add_subplot()]
        return figure, list(figure.subplots(1, panels, sharey=True, width_ratios=(3, 2)))
    axes_class = _require("matplotlib.axes").Axes
    listed = list(ax) if isinstance(ax, tuple | list) else [ax]
    if len(listed) not in (1, panels) or not all(isinstance(a, axes_class) for a in listed):
        raise InvalidInputError(f"'ax' must be a matplotlib Axes"
                                f"{' or a pair of them' if panels > 1 else ''} (got {ax!r})")
    return listed[0].figure, listed


def _finish(figure: Any, path: str | os.PathLike[str] | None) -> Any:
    if path is not None:
        figure.savefig(path, dpi=100)
    return figure


def _check_path(path: object) -> None:
    if path is not None and not isinstance(path, str | os.PathLike):
        raise InvalidInputError(f"'path' must be a path or None (got {path!r})")


def _check_instrument(instrument: object) -> dict[str, str]:
    if not isinstance(instrument, ReviewInstrument):
        raise InvalidInputError(f"'instrument' must be a ReviewInstrument "
                                f"(got {type(instrument).__name__})")
    return _titles(instrument)


def _wrap(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _label(values: Sequence[Hashable]) -> str:
    return " / ".join(str(value) for value in values) or "all"


def plot_item_performance(
    results: Iterable[GroupPerformance],
    *,
    by: str | None = "region",
    instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
    ax: Any = None,
    path: str | os.PathLike[str] | None = None,
) -> Any:
    """Plot each item's performance per group, with Wilson intervals as error bars.

    ``results`` come from [`item_performance`][practicemodel.statistics.item_performance]
    grouped by ``by`` (e.g. ``item_performance(ratings, by=("region",))``); each group is
    one series of points, items run down the chart, labelled by their titles in
    ``instrument`` (an item it does not have keeps its code). ``by=None`` labels each
    series with all of its grouping values. Items with no applicable case are left out.

    The chart is drawn on ``ax`` when given (a matplotlib ``Axes`` of your own figure, e.g.
    from ``plt.subplots()``), else on a new ``matplotlib.figure.Figure`` sized to its items,
    with a constrained layout that fits the labels. Neither pyplot nor the backend is
    touched: in a notebook, show the returned figure by ending a cell with it.

    Returns:
        The ``Figure`` drawn on (``ax``'s figure when given), also saved to ``path`` when
        one is given (the format follows the suffix, e.g. ``.png`` or ``.svg``).

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidInputError: bad arguments.
        InvalidArgumentError: results not grouped by ``by``, or one item twice in a group.
    """
    listed: list[GroupPerformance] = _check_results(results, GroupPerformance, "results")
    _check_path(path)
    titles = _check_instrument(instrument)
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
    order = {code: n for n, code in enumerate(titles)}
    items.sort(key=lambda code: order.get(code, len(order)))
    labels = [_wrap(titles.get(item, item)) for item in items]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure, (axes,) = _figure_or_axes(ax, 8.0, 1.4 + 0.3 * max(1, lines)
                                      + 0.12 * len(items), 1)
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
    axes.set_yticks(range(len(items)), labels, fontsize="small")
    axes.set_ylim(len(items) - 0.5, -0.5)
    axes.set_xlim(0.0, 1.0)
    level = listed[0].performance.confidence if listed else 0.95
    axes.set_xlabel(
        f"Share of applicable cases rated Strength ({level:.0%} Wilson interval)"
    )
    axes.grid(axis="x", alpha=0.3)
    if series:
        axes.legend(title=by, fontsize="small")
    return _finish(figure, path)


def plot_comparison(
    results: Iterable[GroupComparison],
    *,
    instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
    ax: Any = None,
    path: str | os.PathLike[str] | None = None,
) -> Any:
    """Plot baseline vs follow-up performance per item and group, and their difference.

    ``results`` come from [`compare_reviews`][practicemodel.statistics.compare_reviews].
    The left panel shows each review's performance with its Wilson interval; the right
    panel the difference (follow-up − baseline) with Newcombe's interval, filled when the
    change is significant. Rows are labelled by the items' titles in ``instrument`` (and
    the group); rows with no applicable case on a side leave that point out.

    ``ax``: a pair of matplotlib ``Axes`` of your own figure to draw the two panels on, or
    a single ``Axes`` for the difference panel alone; by default a new
    ``matplotlib.figure.Figure`` with a constrained layout that fits the labels. Neither
    pyplot nor the backend is touched.

    Returns:
        The ``Figure`` drawn on, also saved to ``path`` when given.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidInputError: bad arguments.
    """
    listed: list[GroupComparison] = _check_results(results, GroupComparison, "results")
    _check_path(path)
    titles = _check_instrument(instrument)
    order = {code: n for n, code in enumerate(titles)}
    listed.sort(key=lambda result: order.get(result.item, len(order)))  # stable: groups stay
    labels = [_wrap(f"{titles.get(r.item, r.item)} · {_label(r.group)}" if r.group
                    else titles.get(r.item, r.item), 40) for r in listed]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure, panels = _figure_or_axes(ax, 10.0, 1.5 + 0.26 * max(1, lines)
                                     + 0.1 * len(listed), 2)
    level = listed[0].comparison.confidence if listed else 0.95
    if len(panels) == 2:
        left, right = panels
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
        left.set_yticks(range(len(listed)), labels, fontsize="small")
        left.set_ylim(len(listed) - 0.5, -0.5)
        left.set_xlim(0.0, 1.0)
        left.set_xlabel(f"Performance ({level:.0%} Wilson)")
        left.grid(axis="x", alpha=0.3)
        if listed:
            left.legend(fontsize="small")
    else:
        (right,) = panels
        right.set_yticks(range(len(listed)), labels, fontsize="small")
        right.set_ylim(len(listed) - 0.5, -0.5)
    for row, result in enumerate(listed):
        c = result.comparison
        if c.difference is None or c.low is None or c.high is None:
            continue
        right.errorbar([c.difference], [row], xerr=[[c.difference - c.low],
                                                    [c.high - c.difference]],
                       fmt="D", capsize=2, color="black",
                       markerfacecolor="black" if c.significant else "white")
    right.axvline(0.0, color="grey", linewidth=1)
    right.set_xlim(-1.0, 1.0)
    right.set_xlabel(f"Follow-up − baseline\n({level:.0%} Newcombe; filled: significant)")
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
    from practicemodel.distributed import _require as require_dask
    from practicemodel.distributed import rating_frame

    for module in ("dask.dataframe", "distributed", "pandas"):
        require_dask(module)

    return rating_frame(paths, policy=policy, as_of=as_of, instrument=instrument, by=by,
                        client=client, blocksize=blocksize, storage_options=storage_options)
