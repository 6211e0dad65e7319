"""Stratified random samples of cases for a case review, reproducible from a seed.

Seed 001 (*Mississippi's Child Welfare Practice Model*) describes a CQI review of cases
randomly sampled by region and by in-home vs foster care, reviewed at a baseline and again
at a follow-up. [`stratified_sample`][practicemodel.sampling.stratified_sample] draws such a
sample: records are grouped into strata by the values of some fields (e.g.
``("region", "case_type")``), and a simple random sample is drawn in each stratum.

The draw is reproducible: the same records and seed give the same sample whatever order
the records come in (each stratum is sorted by a key field, ``"id"`` by default, and has its
own ``random.Random`` seeded from the seed and the stratum, so adding cases to one stratum
does not change another stratum's draw). A stratum with fewer cases than requested gives
all of them, and the [`SampleReport`][practicemodel.sampling.SampleReport] says so.

A stratified sample over-represents small strata, so pooled statistics need *design
weights*: each sampled case stands for ``population / drawn`` cases of its stratum
([`StratumDraw.weight`][practicemodel.sampling.StratumDraw.weight]).
[`SampleReport.with_weights`][practicemodel.sampling.SampleReport.with_weights] puts that
weight on rating records, for
[`item_performance(..., weight="weight")`][practicemodel.statistics.item_performance]; a
sample drawn from a pandas or polars DataFrame comes back as a DataFrame with a ``weight``
column.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from practicemodel.errors import InvalidArgumentError, InvalidInputError

__all__ = ["SampleReport", "StratumDraw", "default_getter", "stratified_sample"]

T = TypeVar("T")
Stratum = tuple[Hashable, ...]

_MISSING = object()


@attrs.frozen(kw_only=True)
class StratumDraw:
    """What was drawn from one stratum."""

    stratum: Stratum
    """The stratum's values of the strata fields, in their order."""
    population: int
    """Records in the stratum."""
    requested: int
    """Records asked for."""
    drawn: int
    """Records drawn: ``min(requested, population)``."""

    @property
    def short(self) -> bool:
        """Whether the stratum had fewer records than requested (all were taken)."""
        return self.drawn < self.requested

    @property
    def weight(self) -> float | None:
        """The design weight of each record drawn: ``population / drawn``, the number of
        the stratum's records one sampled record stands for (the inverse of its chance of
        selection: Horvitz and Thompson 1952; Kish 1965, Survey Sampling, 3.3); ``None``
        when nothing was drawn."""
        return self.population / self.drawn if self.drawn else None


@attrs.frozen(kw_only=True)
class SampleReport:
    """How a stratified sample was drawn, stratum by stratum."""

    strata: tuple[str, ...]
    """Names of the fields that define the strata."""
    seed: int | str
    """The seed the sample was drawn with."""
    draws: tuple[StratumDraw, ...]
    """One entry per stratum, sorted by stratum."""

    @property
    def population(self) -> int:
        """Records in all strata."""
        return sum(d.population for d in self.draws)

    @property
    def requested(self) -> int:
        """Records asked for in all strata."""
        return sum(d.requested for d in self.draws)

    @property
    def drawn(self) -> int:
        """Records drawn in all strata."""
        return sum(d.drawn for d in self.draws)

    @property
    def short(self) -> tuple[StratumDraw, ...]:
        """The strata that had fewer records than requested."""
        return tuple(d for d in self.draws if d.short)

    @property
    def weights(self) -> dict[Stratum, float]:
        """Each stratum's design weight (``population / drawn``), for the strata drawn
        from."""
        return {d.stratum: d.weight for d in self.draws if d.weight is not None}

    def with_weights(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        name: str = "weight",
    ) -> list[dict[str, Any]]:
        """Copies of ``records`` (mappings, e.g. the sampled cases' rating records) with their
        stratum's design weight under ``name``.

        Each record's stratum is read from its values of the strata fields, so rating
        records of the sampled cases (which carry ``region``, ``county`` and
        ``case_type``) get the weight of their case's stratum, ready for
        [`item_performance(rows, weight="weight")`][practicemodel.statistics.item_performance].

        Raises:
            InvalidInputError: ``records`` is not an iterable of mappings, a record lacks a
                strata field, or ``name`` is not a str.
            InvalidArgumentError: a record belongs to no stratum drawn from, or already
                has a key ``name``.

        >>> cases = [{"id": f"c{i}", "region": "north" if i < 6 else "south"}
        ...          for i in range(8)]
        >>> sample, report = stratified_sample(cases, strata=("region",), size=2, seed=1)
        >>> report.weights
        {('north',): 3.0, ('south',): 1.0}
        >>> [row["weight"] for row in report.with_weights(sample)]
        [3.0, 3.0, 1.0, 1.0]
        """
        if not isinstance(name, str):
            raise InvalidInputError(f"'name' must be a str (got {name!r})")
        if isinstance(records, Mapping | str | bytes) or not isinstance(records, Iterable):
            raise InvalidInputError(f"'records' must be an iterable of mappings "
                                    f"(got {records!r})")
        weights = self.weights
        weighted = []
        for index, record in enumerate(records):
            if not isinstance(record, Mapping):
                raise InvalidInputError(f"records[{index}] must be a mapping "
                                        f"(got {type(record).__name__})")
            if name in record:
                raise InvalidArgumentError(f"records[{index}] already has a key {name!r}; "
                                           f"pass another name=")
            stratum = tuple(default_getter(record, field) for field in self.strata)
            if stratum not in weights:
                raise InvalidArgumentError(
                    f"records[{index}] is in stratum {stratum!r}, which the sample did not "
                    f"draw from (strata {self.strata!r})"
                )
            weighted.append({**record, name: weights[stratum]})
        return weighted


def default_getter(record: Any, field: str) -> Any:
    """Return ``record[field]`` for a mapping, else ``getattr(record, field)``.

    Raises:
        InvalidInputError: the record has no such key or attribute.
    """
    value = (record.get(field, _MISSING) if isinstance(record, Mapping)
             else getattr(record, field, _MISSING))
    if value is _MISSING:
        raise InvalidInputError(f"record {record!r} has no field {field!r}")
    return value


def _sorted_strata(strata: Iterable[Stratum]) -> list[Stratum]:
    """Sort naturally, or by ``repr`` when the values do not compare (e.g. None and str)."""
    listed = list(strata)
    try:
        return sorted(listed)
    except TypeError:
        return sorted(listed, key=repr)


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"{name} must be an int of at least 0 (got {value!r})")
    return value


def _allocate(populations: Mapping[Stratum, int], total: int) -> dict[Stratum, int]:
    """Proportional allocation of ``total`` with largest-remainder (Hamilton) rounding.

    Ties in the remainders go to the larger stratum, then to the first in sorted order.
    """
    grand = sum(populations.values())
    if grand == 0:
        return dict.fromkeys(populations, 0)
    order = _sorted_strata(populations)
    shares = {s: divmod(total * populations[s], grand) for s in order}
    allocation = {s: q for s, (q, _) in shares.items()}
    left = total - sum(allocation.values())
    ranked = sorted(order, key=lambda s: (-shares[s][1], -populations[s]))
    for stratum in ranked[:left]:
        allocation[stratum] += 1
    return allocation


def _frame_kind(records: object) -> str | None:
    """``"pandas"`` or ``"polars"`` for a DataFrame of either (without importing them)."""
    kind = type(records)
    if kind.__name__ == "DataFrame":
        library = kind.__module__.partition(".")[0]
        if library in ("pandas", "polars"):
            return library
    return None


def _frame_columns(frame: Any, fields: tuple[str, ...]) -> dict[str, list[Any]]:
    columns = [str(c) for c in frame.columns]
    missing = [field for field in fields if field not in columns]
    if missing:
        raise InvalidInputError(f"the DataFrame has no column {missing[0]!r} (columns: "
                                f"{columns}); name the strata and the key= column")
    return {field: frame[field].to_list() for field in dict.fromkeys(fields)}


def _frame_sample(frame: Any, library: str, positions: list[int],
                  weights: list[float]) -> Any:
    if library == "pandas":
        picked = frame.iloc[positions].copy()
        picked["weight"] = weights
        return picked
    import polars as pl

    return frame[positions].with_columns(pl.Series("weight", weights, dtype=pl.Float64))


def stratified_sample(
    records: Iterable[T],
    *,
    strata: tuple[str, ...],
    seed: int | str,
    size: int | Mapping[Stratum, int] | None = None,
    proportional_total: int | None = None,
    key: str = "id",
    getter: Callable[[T, str], Any] | None = None,
) -> tuple[tuple[T, ...], SampleReport]:
    """Draw a stratified random sample; return it with a report per stratum.

    Records (mappings or objects) are grouped by their values of the ``strata`` fields,
    e.g. ``("region", "case_type")`` for seed 001's sample by region and in-home vs foster
    care. Give exactly one of:

    - ``size``: an int drawn from every stratum, or a mapping stratum tuple → int (strata
      not in the mapping draw none; mapping entries with no records are reported with a
      population of 0);
    - ``proportional_total``: a total shared out in proportion to stratum sizes, rounded
      by largest remainder so the parts add up to the total.

    Each stratum is sorted by its ``key`` field and sampled with its own
    ``random.Random`` seeded from ``seed`` and the stratum, so the sample does not depend
    on the records' order. The sample lists strata in sorted order, each sorted by key.
    ``getter(record, field)`` reads a field (default:
    [`default_getter`][practicemodel.sampling.default_getter]).

    ``records`` may also be a pandas or polars DataFrame with one row per case and the
    strata and ``key`` fields as columns: the sample is then a DataFrame of the same kind,
    its rows (with their pandas index) in the same order as above, with a ``weight``
    column holding each row's design weight (``population / drawn`` of its stratum, see
    [`StratumDraw.weight`][practicemodel.sampling.StratumDraw.weight]).

    Raises:
        InvalidInputError: bad arguments, or a record without a strata or key field.
        InvalidArgumentError: two records with the same key in one stratum, a DataFrame
            that already has a ``weight`` column, or a ``getter`` with a DataFrame.

    >>> cases = [{"id": f"c{i:02}", "region": r, "case_type": t}
    ...          for i, (r, t) in enumerate([("north", "in_home")] * 6
    ...                                     + [("north", "foster_care")] * 3
    ...                                     + [("south", "in_home")] * 1)]
    >>> sample, report = stratified_sample(cases, strata=("region", "case_type"), size=2,
    ...                                    seed=2024)
    >>> len(sample), [(d.stratum, d.population, d.requested, d.drawn) for d in report.short]
    (5, [(('south', 'in_home'), 1, 2, 1)])
    """
    if isinstance(strata, str) or not isinstance(strata, tuple | list) or not all(
        isinstance(name, str) for name in strata
    ):
        raise InvalidInputError(f"'strata' must be a tuple of field names (got {strata!r})")
    names = tuple(strata)
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise InvalidInputError(f"'seed' must be an int or a str (got {seed!r})")
    if not isinstance(key, str):
        raise InvalidInputError(f"'key' must be a field name (got {key!r})")
    if getter is not None and not callable(getter):
        raise InvalidInputError(f"'getter' must be callable (got {getter!r})")
    if (size is None) == (proportional_total is None):
        raise InvalidInputError("give exactly one of 'size' and 'proportional_total'")
    if proportional_total is not None:
        _check_count("'proportional_total'", proportional_total)
    sizes: dict[Stratum, int] | None = None
    if isinstance(size, Mapping):
        sizes = {}
        for stratum, wanted in size.items():
            if not isinstance(stratum, tuple) or len(stratum) != len(names):
                raise InvalidInputError(
                    f"'size' keys must be tuples of {len(names)} strata values "
                    f"(got {stratum!r})"
                )
            sizes[stratum] = _check_count(f"'size'[{stratum!r}]", wanted)
    elif size is not None:
        _check_count("'size'", size)
    library = _frame_kind(records)
    frame: Any = records
    if library is not None:
        if getter is not None:
            raise InvalidArgumentError("'getter' is for records, not a DataFrame: the strata "
                                       "are read from its columns")
        if "weight" in [str(c) for c in frame.columns]:
            raise InvalidArgumentError("the DataFrame already has a 'weight' column, which "
                                       "the sample adds: rename it")
        columns = _frame_columns(frame, (*names, key))

        def from_columns(position: Any, field: str) -> Any:
            return columns[field][position]

        records = range(len(frame))  # type: ignore[assignment]
        getter = from_columns
    if isinstance(records, Mapping | str | bytes) or not isinstance(records, Iterable):
        raise InvalidInputError(f"'records' must be an iterable of records (got {records!r})")
    read: Callable[[T, str], Any] = getter if getter is not None else default_getter

    groups: dict[Stratum, list[tuple[Any, T]]] = {}
    for record in records:
        values = tuple(read(record, name) for name in names)
        try:
            hash(values)
        except TypeError:
            raise InvalidInputError(
                f"strata values must be hashable (got {values!r})"
            ) from None
        groups.setdefault(values, []).append((read(record, key), record))

    populations = {stratum: len(members) for stratum, members in groups.items()}
    if proportional_total is not None:
        requested = _allocate(populations, proportional_total)
    elif sizes is not None:
        requested = {stratum: sizes.get(stratum, 0) for stratum in groups}
        for stratum, wanted in sizes.items():
            requested.setdefault(stratum, wanted)
    else:
        assert isinstance(size, int)
        requested = dict.fromkeys(groups, size)

    sample: list[T] = []
    weights: list[float] = []
    draws: list[StratumDraw] = []
    for stratum in _sorted_strata(requested):
        members = groups.get(stratum, [])
        try:
            members.sort(key=lambda pair: pair[0])
        except TypeError:
            raise InvalidInputError(
                f"{key!r} values in stratum {stratum!r} do not compare"
            ) from None
        for (before, _), (after, _) in itertools.pairwise(members):
            if before == after:
                raise InvalidArgumentError(
                    f"two records in stratum {stratum!r} have {key!r} {after!r}"
                )
        wanted = requested[stratum]
        take = min(wanted, len(members))
        rng = random.Random(f"{seed!r}|{stratum!r}")
        chosen = sorted(rng.sample(range(len(members)), take))
        sample.extend(members[i][1] for i in chosen)
        draw = StratumDraw(stratum=stratum, population=len(members), requested=wanted,
                           drawn=take)
        draws.append(draw)
        if draw.weight is not None:  # None: nothing drawn from the stratum
            weights.extend([draw.weight] * take)
    report = SampleReport(strata=names, seed=seed, draws=tuple(draws))
    if library is not None:
        positions = [int(position) for position in sample]  # type: ignore[call-overload]
        return _frame_sample(frame, library, positions, weights), report
    return tuple(sample), report
