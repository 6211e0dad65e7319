"""Quantities through the library's one pint registry, and the unit-kind checks."""

from __future__ import annotations

import time

import pytest
from hypothesis import given

from practicemodel.errors import InvalidRecordError, UnitMismatchError
from practicemodel.strategies import quantities
from practicemodel.units import check_quantity, is_quantity, quantity, registry


def test_registry_is_created_once() -> None:
    """registry() returns the same registry on every call."""
    assert registry() is registry()


def test_quantity_converts() -> None:
    """45 minutes is three quarters of an hour."""
    expected = 0.75
    assert expected == quantity(45, "minute").to("hour").magnitude


def test_session_is_a_unit() -> None:
    """The registry knows sessions, so dosage can be sessions per week."""
    weekly = quantity(4, "session / month")
    expected = "session / month"
    assert expected == str(weekly.units)


@pytest.mark.parametrize("unit", ["florps", "3 parsec per", "hour /", "hour //", "/", "()",
                                  "hour (", ")"])
def test_unknown_unit(unit: str) -> None:
    """A unit string pint cannot read, even a malformed one, raises UnitMismatchError."""
    with pytest.raises(UnitMismatchError, match=r"^unknown unit ") as info:
        quantity(3, unit)
    assert repr(unit) in str(info.value)


def test_empty_unit_is_dimensionless() -> None:
    """pint reads an empty unit string as no unit at all (which no check accepts)."""
    expected = "dimensionless"
    assert expected == str(quantity(3, "").units)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (quantity(45, "minute"), "duration"),
        (quantity(1.5, "hour"), "duration"),
        (quantity(2, "day"), "duration"),
        (quantity(3, "hour / week"), "dosage"),
        (quantity(90, "minute / month"), "dosage"),
        (quantity(1, "session / week"), "dosage"),
        (quantity(2, "sessions / month"), "dosage"),
    ],
    ids=str,
)
def test_check_quantity_accepts(value: object, kind: str) -> None:
    """Durations in time units and dosages per unit of time pass the check."""
    check_quantity(value, kind, field="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kind", "fragment"),
    [
        (quantity(3, "meter"), "duration", "(found 3 meter)"),
        (quantity(3, "hour / week"), "duration", "(found 3 hour / week)"),
        (quantity(3, "hour"), "dosage", "(found 3 hour)"),
        (quantity(3, "session"), "dosage", "(found 3 session)"),
        (quantity(3, "dimensionless"), "dosage", "(found 3 dimensionless)"),
        (quantity(3, "percent"), "dosage", "(found 3 percent)"),
        (quantity(3, "kilogram / week"), "dosage", "(found 3 kilogram / week)"),
        (quantity(3, "hour ** 2 / week"), "dosage", "(found 3 hour ** 2 / week)"),
        (3, "dosage", "(found an integer)"),
        (2.5, "duration", "(found a number)"),
        ("45 minutes", "duration", "(found a string of 10 characters)"),
        (None, "duration", "(found null)"),
    ],
    ids=str,
)
def test_check_quantity_refuses(value: object, kind: str, fragment: str) -> None:
    """Wrong kinds, bare numbers and non-quantities raise UnitMismatchError naming the field."""
    with pytest.raises(UnitMismatchError) as info:
        check_quantity(value, kind, field="length")  # type: ignore[arg-type]
    error = info.value
    expected = "length"
    assert expected == error.problems[0].path
    assert "'length'" in str(error)
    assert fragment in str(error)
    assert isinstance(error, InvalidRecordError)
    assert isinstance(error, ValueError)


def test_quantity_from_another_registry_is_refused() -> None:
    """A quantity from a different pint registry is not one of ours."""
    import pint

    other = pint.UnitRegistry(cache_folder=None).Quantity(45, "minute")
    assert not is_quantity(other)
    with pytest.raises(UnitMismatchError, match=r"practicemodel\.units\.registry\(\)"):
        check_quantity(other, "duration", field="duration")


def test_is_quantity() -> None:
    """is_quantity tells our quantities from numbers and strings."""
    assert is_quantity(quantity(1, "hour"))
    assert not is_quantity(1)
    assert not is_quantity("1 hour")


@given(quantities(kind="duration"))
def test_drawn_durations_pass(value: object) -> None:
    """Every quantity the duration strategy draws is a valid duration."""
    check_quantity(value, "duration", field="duration")


@given(quantities(kind="dosage"))
def test_drawn_dosages_pass(value: object) -> None:
    """Every quantity the dosage strategy draws is a valid dosage."""
    check_quantity(value, "dosage", field="dosage")


@pytest.mark.parametrize("unit", ["hour*" * 1000 + "hour", "A" * 20_000, "A" * 101,
                                  "hour / " * 8 + "hour", "hour (", "µs", "hour**2**2",
                                  "1 / week", "hour\x00"])
def test_unit_strings_are_checked_before_pint(unit: str) -> None:
    """Long strings, long chains and anything outside the unit grammar never reach pint."""
    started = time.thread_time()  # this thread's CPU time: a busy machine is no failure
    with pytest.raises(UnitMismatchError, match=r"^unknown unit "):
        quantity(3, unit)
    assert time.thread_time() - started < 0.2


@pytest.mark.parametrize("unit", ["hour per week", "hours/week", "session / month",
                                  "minute * session / hour / week", "hour ** 2 / hour / day"])
def test_the_unit_grammar_reads_what_records_hold(unit: str) -> None:
    """Names joined by '*', '/' or 'per', with one-digit powers, are read; what pint writes
    back for them is read again."""
    read = quantity(3, unit)
    assert quantity(3, str(read.units)) == read


def test_unit_caches_are_bounded() -> None:
    """Distinct unit strings cannot grow the caches without bound."""
    from practicemodel import units

    assert units._unit.cache_info().maxsize == 256
    assert units._measure.cache_info().maxsize == 256


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (quantity(float("nan"), "minute"), "duration"),
        (quantity(float("inf"), "minute"), "duration"),
        (quantity(0, "minute"), "duration"),
        (quantity(-1, "hour"), "duration"),
        (quantity(31 * 24 + 0.5, "hour"), "duration"),
        (quantity(1e308, "minute"), "duration"),
        (quantity(10**400, "minute"), "duration"),
        (quantity(0, "hour / week"), "dosage"),
        (quantity(24 * 7 + 1, "hour / week"), "dosage"),
        (quantity(25, "session / day"), "dosage"),
        (quantity(-1, "session / month"), "dosage"),
        (quantity(float("nan"), "hour / week"), "dosage"),
    ],
    ids=str,
)
def test_check_quantity_refuses_out_of_range(value: object, kind: str) -> None:
    """A duration is above zero and at most 31 days; a dosage above zero and at most 24
    hours or sessions a day; never NaN or infinite."""
    with pytest.raises(UnitMismatchError, match="must be more than zero and at most"):
        check_quantity(value, kind, field="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "kind"),
    [(quantity(31, "day"), "duration"), (quantity(0.001, "second"), "duration"),
     (quantity(168, "hour / week"), "dosage"), (quantity(24, "session / day"), "dosage")],
    ids=str,
)
def test_check_quantity_accepts_the_ends_of_the_range(value: object, kind: str) -> None:
    """The largest duration and dosage allowed pass."""
    check_quantity(value, kind, field="x")  # type: ignore[arg-type]
