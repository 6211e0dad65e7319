"""Private helpers for invariants checked at construction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from practicemodel.errors import InvalidRecordError, Problem


def order_problem(
    start: date | None, end: date | None, start_name: str, end_name: str, path: str = ""
) -> Problem | None:
    """Return a problem if ``end`` is before ``start`` (both given), else ``None``."""
    if start is not None and end is not None and end < start:
        where = f"{path}.{end_name}" if path else end_name
        return Problem(
            where, f"{end_name!r} must be on or after {start_name!r} (got {end} < {start})"
        )
    return None


def check_order(
    start: date | None, end: date | None, start_name: str, end_name: str
) -> None:
    """Raise ``InvalidRecordError`` if ``end`` is before ``start``."""
    problem = order_problem(start, end, start_name, end_name)
    if problem is not None:
        raise InvalidRecordError([problem])


def check_unique(ids: list[str], what: str, path: str) -> list[Problem]:
    """Return a problem for each id that appears more than once."""
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, ident in enumerate(ids):
        if ident in seen:
            problems.append(
                Problem(f"{path}[{index}].id", f"duplicate {what} id {ident!r}")
            )
        seen.add(ident)
    return problems


def non_empty(instance: object, attribute: object, value: str) -> None:
    """attrs validator: a string must not be empty or only white space."""
    if not value.strip():
        name = getattr(attribute, "name", "value")
        raise InvalidRecordError(f"{name!r} must not be empty (got {value!r})", path=name)


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: accept any iterable (a list from a caller), keep a tuple.

    Not generic on purpose: mypy's attrs plugin types ``__init__`` parameters from the
    converter's argument and cannot solve a type variable there (``Iterable[T]`` would
    refuse every argument).
    """
    return value if type(value) is tuple else tuple(value)


# -- fast validators ------------------------------------------------------------------------
# Plain functions instead of attrs' validator classes: they run for every field of every
# record loaded, and a function call costs about half of an attrs validator's __call__.


def _fail(attribute: Any, expected: str, value: object) -> InvalidRecordError:
    name = getattr(attribute, "name", "value")
    return InvalidRecordError(f"{name!r} must be {expected} (got {value!r})", path=name)


def identifier(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a non-empty string (ids, names, descriptions)."""
    if type(value) is not str:
        raise _fail(attribute, "a string", value)
    if not value.strip():
        name = getattr(attribute, "name", "value")
        raise InvalidRecordError(f"{name!r} must not be empty (got {value!r})", path=name)


def strings(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a tuple of strings."""
    for item in value:
        if type(item) is not str:
            raise _fail(attribute, "a sequence of strings", value)


def a_date(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a ``datetime.date`` (not a datetime)."""
    if type(value) is not date:
        raise _fail(attribute, "a date", value)


def optional_date(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a ``datetime.date`` or ``None``."""
    if value is not None and type(value) is not date:
        raise _fail(attribute, "a date or None", value)


def a_bool(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: ``True`` or ``False``."""
    if type(value) is not bool:
        raise _fail(attribute, "True or False", value)


def optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: ``True``, ``False`` or ``None``."""
    if value is not None and type(value) is not bool:
        raise _fail(attribute, "True, False or None", value)


def optional_str(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a string or ``None``."""
    if value is not None and type(value) is not str:
        raise _fail(attribute, "a string or None", value)


def tuple_of(cls: type) -> Any:
    """Return an attrs validator: every item is a ``cls``."""
    label = f"a sequence of {cls.__name__}"

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        for item in value:
            if not isinstance(item, cls):
                raise _fail(attribute, label, value)

    return validate
