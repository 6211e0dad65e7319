"""Checks of the arguments every rule function takes: a case, a policy profile, a date.

One place for the messages, so that ``schedule``, the S.M.A.R.T. and plan checks, the
engagement and visit rules and the caseload review reject junk the same way: an
[`InvalidInputError`][practicemodel.errors.InvalidInputError] naming the argument and what it
got. A ``datetime`` is not accepted for a date: its time of day would be silently dropped.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from practicemodel.case import Case
from practicemodel.errors import InvalidInputError
from practicemodel.policy import PolicyProfile

T = TypeVar("T")


def case_arg(value: object, name: str = "case") -> Case:
    """``value`` if it is a Case."""
    if not isinstance(value, Case):
        raise InvalidInputError(f"{name!r} must be a practicemodel Case (got "
                                f"{type(value).__name__})")
    return value


def policy_arg(value: object) -> PolicyProfile:
    """``value`` if it is a PolicyProfile."""
    if not isinstance(value, PolicyProfile):
        raise InvalidInputError(f"'policy' must be a PolicyProfile (got "
                                f"{type(value).__name__}); look one up with get_policy()")
    return value


def date_arg(value: object, name: str = "as_of") -> date:
    """``value`` if it is a ``datetime.date`` (not a ``datetime``)."""
    if type(value) is not date:
        raise InvalidInputError(f"{name!r} must be a datetime.date (got {value!r})")
    return value


def optional_date_arg(value: object, name: str = "as_of") -> date | None:
    """``value`` if it is ``None`` or a ``datetime.date``."""
    if value is not None and type(value) is not date:
        raise InvalidInputError(f"{name!r} must be a datetime.date or None (got {value!r})")
    return value


def instance_arg(value: object, kind: type[T], name: str) -> T:
    """``value`` if it is an instance of ``kind`` (a practicemodel record class)."""
    if not isinstance(value, kind):
        raise InvalidInputError(f"{name!r} must be a practicemodel {kind.__name__} (got "
                                f"{type(value).__name__})")
    return value


def rule_args(case: object, policy: object, as_of: object, *,
              as_of_required: bool = True) -> None:
    """Check the ``case``, ``policy`` and ``as_of`` of a rule function."""
    case_arg(case)
    policy_arg(policy)
    if as_of_required:
        date_arg(as_of)
    else:
        optional_date_arg(as_of)
