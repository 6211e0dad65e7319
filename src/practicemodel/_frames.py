"""What a ratings table's columns hold and how they are typed, shared by the two modules that
build one: [`analysis.ratings_frame`][practicemodel.analysis.ratings_frame] (pandas or polars,
in this process) and [`distributed.rating_frame`][practicemodel.distributed.rating_frame]
(Dask, on a cluster), so both type the same columns the same way.

A private module (not part of the API); its names carry no underscore so that both may
import them without reaching into a sibling's private names. It imports no pandas itself:
each caller passes the pandas module it has imported (and raises its own
``MissingExtraError`` naming its extra when pandas is missing).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from practicemodel.review import ReviewInstrument
from practicemodel.statistics import Rating

RATING_ORDER = tuple(rating.value for rating in Rating)
"""The ``rating`` values in their order: ``strength``, ``area_needing_improvement``,
``not_applicable``."""


def item_codes(instrument: ReviewInstrument) -> tuple[str, ...]:
    """The ``item`` values of an instrument's rating records, in its order: its items, then
    its CFSR outcomes."""
    return (*(item.code for item in instrument.items),
            *(definition.outcome.value for definition in instrument.outcomes))


def pandas_dtypes(pandas: ModuleType, instrument: ReviewInstrument, *,
                  role: bool) -> dict[str, Any]:
    """The dtypes of a pandas ratings table's standard columns: ``item`` and ``rating``
    categoricals in the instrument's order, ``role`` (with ``role``) and the other text
    columns strings. ``pandas`` is the pandas module."""
    text = pandas.StringDtype()
    dtypes: dict[str, Any] = {
        "case_id": text,
        "item": pandas.CategoricalDtype(item_codes(instrument)),
        "rating": pandas.CategoricalDtype(RATING_ORDER),
    }
    if role:
        dtypes["role"] = text
    dtypes.update({"region": text, "county": text, "case_type": text, "quarter": text})
    return dtypes
