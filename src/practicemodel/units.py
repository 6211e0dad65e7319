"""Exact quantities (visit minutes, service hours per week) through one pint registry.

The registry is created once, lazily, on first use: ``import pint`` costs about 180 ms and a
``UnitRegistry()`` another 110 ms, so ``import practicemodel`` does neither
(pint's "Using Pint in your projects" guide recommends one shared registry).

Calendar periods (days, calendar months, years) are **not** pint quantities: pint defines
``month = year / 12``, which is wrong for statutory deadlines. Those use
[`Period`][practicemodel.periods.Period].

Example:
    >>> from practicemodel.units import quantity
    >>> quantity(45, "minute").to("hour").magnitude
    0.75
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from practicemodel.errors import UnitMismatchError

if TYPE_CHECKING:
    import pint

    Quantity: TypeAlias = pint.Quantity[Any]
    """A pint quantity of this library's registry (for annotations only)."""

__all__ = [
    "QuantityKind",
    "check_quantity",
    "is_quantity",
    "quantity",
    "registry",
]

QuantityKind = Literal["duration", "dosage"]
"""What a quantity field measures: a ``duration`` (a length of time, e.g. 45 minutes) or a
``dosage`` (an amount of service per unit of time: hours per week, sessions per month)."""


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


@cache
def _unit(text: str) -> pint.Unit:
    return registry().Unit(text)


def quantity(value: float, unit: str) -> Quantity:
    """Build a pint quantity from a magnitude and a unit string such as ``"hour / week"``.

    Raises:
        UnitMismatchError: the unit string is not a unit pint knows.
    """
    import tokenize

    import pint

    try:
        return registry().Quantity(value, _unit(unit))
    # pint's expression parser fails on malformed strings ("hour /", "(") with a bare
    # AssertionError or tokenize.TokenError rather than one of its own errors.
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AttributeError,
            TypeError, ValueError, AssertionError, tokenize.TokenError) as exc:
        detail = str(exc) or "malformed unit expression"
        raise UnitMismatchError(f"unknown unit {unit!r} ({detail})") from None


def is_quantity(value: object) -> bool:
    """Tell whether ``value`` is a pint quantity of this library's registry."""
    if type(value).__name__ != "Quantity":
        return False
    return getattr(value, "_REGISTRY", None) is registry()


@cache
def _kind_of_units(units: object) -> str | None:
    """The kind of a quantity's units container (cached: formatting units costs ~10 µs)."""
    if not units:
        # A bare number ("dimensionless") is no dosage: hours per week is dimensionless too,
        # but it names its units.
        return None
    return _kind_of(registry().Unit(units).dimensionality)  # type: ignore[arg-type]


@cache
def _kind_of(dimensionality: object) -> str | None:
    dim = dict(dimensionality)  # type: ignore[call-overload]
    if dim == {"[time]": 1}:
        return "duration"
    if not dim:
        return "dosage"  # time per time, e.g. hours per week
    if dim == {"[service_session]": 1, "[time]": -1}:
        return "dosage"
    return None


def check_quantity(value: object, kind: QuantityKind, *, field: str) -> None:
    """Raise if ``value`` is not a quantity of this registry with units of ``kind``.

    A duration must have the dimension of time (``minute``, ``hour``). A dosage must be an
    amount of time per unit of time (``hour / week``) or sessions per unit of time
    (``session / month``); a bare number with no unit is refused.

    Raises:
        UnitMismatchError: naming the field, the expected kind and the value given.
    """
    if not is_quantity(value):
        raise UnitMismatchError(
            f"{field!r} must be a pint quantity from practicemodel.units.registry() "
            f"(got {value!r} of type {type(value).__name__})",
            path=field,
        )
    found = _kind_of_units(value._units)  # type: ignore[attr-defined]
    if found != kind:
        examples = (
            "'minute' or 'hour'" if kind == "duration" else "'hour / week' or 'session / month'"
        )
        raise UnitMismatchError(
            f"{field!r} must be a {kind} with units like {examples} (got {value!s})",
            path=field,
        )
