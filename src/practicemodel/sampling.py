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

    Raises:
        InvalidInputError: bad arguments, or a record without a strata or key field.
        InvalidArgumentError: two records with the same key in one stratum.

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
        draws.append(StratumDraw(stratum=stratum, population=len(members),
                                 requested=wanted, drawn=take))
    return tuple(sample), SampleReport(strata=names, seed=seed, draws=tuple(draws))
