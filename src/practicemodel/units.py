"""Exact quantities (visit minutes, service hours per week) through one pint registry.

The registry is created once, lazily, on first use: ``import pint`` costs about 180 ms and a
``UnitRegistry()`` another 110 ms, so ``import practicemodel`` does neither
(pint's "Using Pint in your projects" guide recommends one shared registry).

Unit strings are checked before pint reads them: at most
[`MAX_UNIT_LENGTH`][practicemodel.units.MAX_UNIT_LENGTH] characters, of unit names joined by
``*``, ``/`` or ``per`` (``"hour / week"``, ``"session per month"``), each name with an
optional one-digit power (``"hour ** 2"``). pint's own parser recurses once per operator and
spends quadratic time on a long unknown name, so nothing longer or stranger ever reaches it.

A quantity in a record also has a range: a duration is more than zero and at most 31 days
([`MAX_DURATION_HOURS`][practicemodel.units.MAX_DURATION_HOURS]), a dosage more than zero
and at most 24 hours or 24 sessions a day
([`MAX_DOSAGE_PER_DAY`][practicemodel.units.MAX_DOSAGE_PER_DAY]); NaN and the infinities are
never quantities of a record.

Calendar periods (days, calendar months, years) are **not** pint quantities: pint defines
``month = year / 12``, which is wrong for statutory deadlines. Those use
[`Period`][practicemodel.periods.Period].

Example:
    >>> from practicemodel.units import quantity
    >>> quantity(45, "minute").to("hour").magnitude
    0.75
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from practicemodel._describe import kind_of, number, show
from practicemodel.errors import UnitMismatchError

if TYPE_CHECKING:
    import pint

    Quantity: TypeAlias = pint.Quantity[Any]
    """A pint quantity of this library's registry (for annotations only)."""

__all__ = [
    "MAX_DOSAGE_PER_DAY",
    "MAX_DURATION_HOURS",
    "MAX_UNIT_LENGTH",
    "UNIT_PATTERN",
    "QuantityKind",
    "check_quantity",
    "is_quantity",
    "quantity",
    "registry",
]

QuantityKind = Literal["duration", "dosage"]
"""What a quantity field measures: a ``duration`` (a length of time, e.g. 45 minutes) or a
``dosage`` (an amount of service per unit of time: hours per week, sessions per month)."""

MAX_UNIT_LENGTH = 100
"""The longest unit string read, in characters (``"session / month"`` has 15)."""
_MAX_UNIT_NAMES = 8
MAX_DURATION_HOURS = 31 * 24
"""The longest duration a record holds: 31 days, in hours.

Durations are the lengths of caseworker contacts and family visits; an extended family visit
may last days, but a stay of more than a month is a trial home visit, recorded as a
placement."""
MAX_DOSAGE_PER_DAY = 24
"""The most service a dosage may plan: 24 hours a day (the whole clock), or 24 sessions a
day."""

_NAME = r"[A-Za-z_][A-Za-z_0-9]*"
_SPACE = r"[ \t\n\r\f\v]"
_FACTOR = rf"{_NAME}(?:{_SPACE}*(?:\*\*|\^){_SPACE}*[1-9])?"
UNIT_PATTERN = (rf"^{_SPACE}*{_FACTOR}(?:{_SPACE}*[*/]{_SPACE}*{_FACTOR}"
                rf"|{_SPACE}+per{_SPACE}+{_FACTOR})*{_SPACE}*$")
"""The unit strings a quantity may have, as a regular expression (Python and JSON Schema):
unit names joined by ``*``, ``/`` or ``per``, each with an optional one-digit power."""
_UNIT_EXPRESSION = re.compile(UNIT_PATTERN)
_UNIT_NAME = re.compile(_NAME, re.ASCII)


@cache
def registry() -> pint.UnitRegistry[Any]:
    """Return the library's one pint registry, creating it on first call.

    It adds the count unit ``session`` (a dimension of its own) so that service dosage can
    be written as ``sessions / week`` as well as ``hours / week``.
    """
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(cache_folder=None)
    ureg.define("session = [service_session] = sessions")
    return ureg


def _unit_problem(text: object) -> str | None:
    """Why ``text`` is no unit string this library reads, or ``None``."""
    if type(text) is not str:
        return f"a unit must be a string (found {kind_of(text)})"
    if len(text) > MAX_UNIT_LENGTH:
        return (f"unknown unit of {len(text)} characters (a unit has at most "
                f"{MAX_UNIT_LENGTH})")
    if not text.strip():
        return None  # pint's "no unit": dimensionless, which no quantity field accepts
    if (_UNIT_EXPRESSION.match(text) is None
            or len(_UNIT_NAME.findall(text)) > _MAX_UNIT_NAMES):
        return (f"unknown unit {show(text)} (expected at most {_MAX_UNIT_NAMES} unit names "
                "joined by '*', '/' or 'per', like 'hour / week')")
    return None


@lru_cache(maxsize=256)
def _unit(text: str) -> pint.Unit:
    """The pint unit of ``text``, checked first (only units that parse are cached)."""
    problem = _unit_problem(text)
    if problem is not None:
        raise UnitMismatchError(problem)
    return registry().Unit(text)


def quantity(value: float, unit: str) -> Quantity:
    """Build a pint quantity from a magnitude and a unit string such as ``"hour / week"``.

    Raises:
        UnitMismatchError: the unit string is not a unit this library reads (see the module
            documentation) or not one pint knows.
    """
    if type(unit) is not str or len(unit) > MAX_UNIT_LENGTH:  # before hashing it for the cache
        raise UnitMismatchError(_unit_problem(unit) or "")
    try:
        unit_object = _unit(unit)
    except UnitMismatchError:
        raise
    # pint's expression parser fails on malformed strings ("hour /", "(") with a bare
    # AssertionError or tokenize.TokenError rather than one of its own errors.
    except (AttributeError, TypeError, ValueError, AssertionError, RecursionError,
            SyntaxError, LookupError) as exc:
        raise UnitMismatchError(f"unknown unit {show(unit)} ({_pint_detail(exc)})") from None
    except Exception as exc:
        import tokenize

        if isinstance(exc, tokenize.TokenError):
            raise UnitMismatchError(f"unknown unit {show(unit)} (is malformed)") from None
        raise
    return registry().Quantity(value, unit_object)


def _pint_detail(exc: BaseException) -> str:
    import pint

    return ("is not a unit pint knows" if isinstance(exc, pint.errors.UndefinedUnitError)
            else "is malformed")


def is_quantity(value: object) -> bool:
    """Tell whether ``value`` is a pint quantity of this library's registry."""
    if type(value).__name__ != "Quantity":
        return False
    return getattr(value, "_REGISTRY", None) is registry()


@lru_cache(maxsize=256)
def _measure(units: object) -> tuple[str | None, float]:
    """The kind of a quantity's units container, and the factor that turns a magnitude in
    them into hours (a duration) or into hours or sessions a day (a dosage).

    Cached: formatting and converting units costs tens of microseconds.
    """
    from pint.util import UnitsContainer

    if not units:
        # A bare number ("dimensionless") is no dosage, nor is any other number without
        # a unit of time: both parts of a dosage name units.
        return None, 0.0
    ureg = registry()
    unit = ureg.Unit(units)  # type: ignore[arg-type]
    if dict(unit.dimensionality) == {"[time]": 1}:
        return "duration", float(ureg.Quantity(1, unit).to("hour").magnitude)
    items = dict(units)  # type: ignore[call-overload]
    above = UnitsContainer({k: e for k, e in items.items() if e > 0})
    below = UnitsContainer({k: e for k, e in items.items() if e < 0})
    top = dict(ureg.Unit(above).dimensionality) if above else {}
    bottom = dict(ureg.Unit(below).dimensionality) if below else {}
    if bottom != {"[time]": -1}:
        return None, 0.0
    if top == {"[time]": 1}:
        return "dosage", float(ureg.Quantity(1, unit).to("hour / day").magnitude)
    if top == {"[service_session]": 1}:
        return "dosage", float(ureg.Quantity(1, unit).to("session / day").magnitude)
    return None, 0.0


def check_quantity(value: object, kind: QuantityKind, *, field: str) -> None:
    """Raise if ``value`` is not a quantity of this registry with units of ``kind``, in range.

    A duration must have the dimension of time (``minute``, ``hour``), and lie above zero and
    at most 31 days. A dosage must be an amount of time per unit of time (``hour / week``)
    or sessions per unit of time (``session / month``), above zero and at most 24 hours or
    24 sessions a day; a bare number with no unit is refused. NaN and the infinities are
    refused everywhere.

    Raises:
        UnitMismatchError: naming the field, the expected kind and the value given.
    """
    if not is_quantity(value):
        raise UnitMismatchError(
            f"{field!r} must be a pint quantity from practicemodel.units.registry() "
            f"(found {kind_of(value)})",
            path=field,
        )
    found, factor = _measure(value._units)  # type: ignore[attr-defined]
    if found != kind:
        examples = (
            "'minute' or 'hour'" if kind == "duration" else "'hour / week' or 'session / month'"
        )
        raise UnitMismatchError(
            f"{field!r} must be a {kind} with units like {examples} (found {value!s})",
            path=field,
        )
    try:
        scaled = float(value.magnitude) * factor  # type: ignore[attr-defined]
    except (TypeError, ValueError, OverflowError):
        scaled = math.inf
    high = MAX_DURATION_HOURS if kind == "duration" else MAX_DOSAGE_PER_DAY
    if not 0.0 < scaled <= high:  # false for NaN too
        limit = "31 days" if kind == "duration" else "24 hours or 24 sessions a day"
        magnitude = value.magnitude  # type: ignore[attr-defined]
        shown = number(magnitude) if type(magnitude) in (int, float) else kind_of(magnitude)
        joiner = " " if shown[:1] not in "an" or shown == "nan" else ", in "
        raise UnitMismatchError(
            f"{field!r} must be more than zero and at most {limit} "
            f"(found {shown}{joiner}{value.units})",  # type: ignore[attr-defined]
            path=field,
        )
