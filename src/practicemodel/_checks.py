"""Private helpers for invariants checked at construction.

Messages follow the library's rule for personal data (``_describe``): they name the field, what
was expected and the kind of value found, and repeat ids and codes only (escaped and cut
short), never names, dates or free text. Two dates in the wrong order are reported by the
number of days between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from practicemodel._describe import kind_of, number, show
from practicemodel.errors import InvalidRecordError, Problem
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE


def day_count(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def order_problem(
    start: date | None, end: date | None, start_name: str, end_name: str, path: str = ""
) -> Problem | None:
    """Return a problem if ``end`` is before ``start`` (both given), else ``None``."""
    if start is not None and end is not None and end < start:
        where = f"{path}.{end_name}" if path else end_name
        return Problem(
            where, f"{end_name!r} must be on or after {start_name!r} "
                   f"(found {day_count((start - end).days)} before it)"
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
                Problem(f"{path}[{index}].id", f"duplicate {what} id {show(ident)}")
            )
        seen.add(ident)
    return problems


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """attrs converter: accept any iterable (a list from a caller), keep a tuple.

    Not generic on purpose: mypy's attrs plugin types ``__init__`` parameters from the
    converter's argument and cannot solve a type variable there (``Iterable[T]`` would
    refuse every argument).
    """
    return value if type(value) is tuple else tuple(value)


# -- characters ------------------------------------------------------------------------------
# Every string of a record refuses the C0 controls other than tab, line feed and carriage
# return, DEL, the C1 controls and lone surrogates (which cannot be written as UTF-8).
# Single-line values (ids, names, codes) also refuse tab and every line break, so a value can
# never start a new line of a report. Format characters (zero-width joiners, direction marks)
# stay allowed: some scripts need them in names; messages escape them when they show an id.

_REFUSED_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _character(found: str) -> str:
    code = ord(found)
    if 0xD800 <= code <= 0xDFFF:
        what = "a lone surrogate"
    elif found in "\n\r\u2028\u2029":
        what = "a line break"
    elif found == "\t":
        what = "a tab"
    else:
        what = "a control character"
    return f"{what} (U+{code:04X})"


def character_problem(value: str, *, single_line: bool) -> str | None:
    """Describe the first character ``value`` may not hold, or return ``None``.

    >>> character_problem("x\\x00\\nFAKE", single_line=True)
    'a control character (U+0000) at character 2'
    >>> character_problem("line one\\nline two", single_line=False) is None
    True
    """
    if value.isprintable():  # the common case, in C: no control, separator or surrogate
        return None
    found = (_REFUSED_IN_LINE if single_line else _REFUSED_IN_TEXT).search(value)
    if found is None:
        return None
    return f"{_character(found.group())} at character {found.start() + 1}"


def _name(attribute: Any) -> str:
    return getattr(attribute, "name", "value")


def _characters(attribute: Any, value: str, single_line: bool) -> None:
    problem = character_problem(value, single_line=single_line)
    if problem is not None:
        name = _name(attribute)
        rule = ("a single line without control characters" if single_line else
                "text without control characters (tabs and line breaks are allowed)")
        raise InvalidRecordError(f"{name!r} must be {rule} (found {problem})", path=name)


# -- fast validators ------------------------------------------------------------------------
# Plain functions instead of attrs' validator classes: they run for every field of every
# record loaded, and a function call costs about half of an attrs validator's __call__.


def _fail(attribute: Any, expected: str, value: object) -> InvalidRecordError:
    name = _name(attribute)
    return InvalidRecordError(f"{name!r} must be {expected} (found {kind_of(value)})", path=name)


def _blank(attribute: Any) -> InvalidRecordError:
    name = _name(attribute)
    return InvalidRecordError(f"{name!r} must not be empty or only white space", path=name)


def identifier(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a non-empty single-line string (ids, names, codes)."""
    if type(value) is not str:
        raise _fail(attribute, "a string", value)
    if not value.isprintable():
        _characters(attribute, value, True)
    if not value.strip():
        raise _blank(attribute)


def text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: non-empty free text (descriptions, statements); may hold line breaks."""
    if type(value) is not str:
        raise _fail(attribute, "a string", value)
    if not value.isprintable():
        _characters(attribute, value, False)
    if not value.strip():
        raise _blank(attribute)


def strings(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a tuple of single-line strings (ids)."""
    for item in value:
        if type(item) is not str:
            raise _fail(attribute, "a sequence of strings", item)
        if not item.isprintable():
            _characters(attribute, item, True)


def texts(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a tuple of free-text strings."""
    for item in value:
        if type(item) is not str:
            raise _fail(attribute, "a sequence of strings", item)
        if not item.isprintable():
            _characters(attribute, item, False)


def optional_str(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a single-line string (an id, a name) or ``None``."""
    if value is not None:
        if type(value) is not str:
            raise _fail(attribute, "a string or None", value)
        if not value.isprintable():
            _characters(attribute, value, True)


def optional_text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: free text (notes, reasons; may hold line breaks) or ``None``."""
    if value is not None:
        if type(value) is not str:
            raise _fail(attribute, "a string or None", value)
        if not value.isprintable():
            _characters(attribute, value, False)


def _out_of_range(attribute: Any, value: date) -> InvalidRecordError:
    name = _name(attribute)
    side = "before" if value < EARLIEST_DATE else "after"
    return InvalidRecordError(
        f"{name!r} must be a date from {EARLIEST_DATE} to {LATEST_DATE}, the range the "
        f"library supports (found a date {side} it)", path=name,
    )


def a_date(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a ``datetime.date`` (not a datetime) in the supported range."""
    if type(value) is not date:
        raise _fail(attribute, "a date", value)
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _out_of_range(attribute, value)


def optional_date(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: a ``datetime.date`` in the supported range, or ``None``."""
    if value is not None:
        if type(value) is not date:
            raise _fail(attribute, "a date or None", value)
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise _out_of_range(attribute, value)


def a_bool(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: ``True`` or ``False``."""
    if type(value) is not bool:
        raise _fail(attribute, "True or False", value)


def optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: ``True``, ``False`` or ``None``."""
    if value is not None and type(value) is not bool:
        raise _fail(attribute, "True, False or None", value)


def whole_number(low: int, high: int) -> Any:
    """Return an attrs validator: an ``int`` (not a bool) from ``low`` to ``high``."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not int:
            raise _fail(attribute, f"a whole number from {low} to {high}", value)
        if not low <= value <= high:
            name = _name(attribute)
            raise InvalidRecordError(
                f"{name!r} must be a whole number from {low} to {high} (found {number(value)})",
                path=name,
            )

    return validate


def finite_number(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: an ``int`` or ``float`` (not a bool), neither NaN nor infinite."""
    kind = type(value)
    if kind is float:
        if value - value == 0.0:  # false for NaN and the infinities
            return
    elif kind is int:
        return
    expected = "a finite number" if kind is float else "a number"
    raise _fail(attribute, expected, value)


def tuple_of(cls: type) -> Any:
    """Return an attrs validator: every item is a ``cls``."""
    label = f"a sequence of {cls.__name__}"

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        for item in value:
            if not isinstance(item, cls):
                raise _fail(attribute, label, item)

    return validate
