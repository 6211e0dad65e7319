"""Checks of the arguments every rule function takes: a case, a policy profile, a date.

One place for the messages, so that ``schedule``, the S.M.A.R.T. and plan checks, the
engagement and visit rules and the caseload review reject junk the same way:

- an [`InvalidInputError`][practicemodel.errors.InvalidInputError] naming the argument and
  what it got, for a wrong kind of value (a ``datetime`` is not accepted for a date: its time
  of day would be silently dropped);
- a [`DateOutOfRangeError`][practicemodel.errors.DateOutOfRangeError] naming the argument,
  for a date outside the supported range
  ([`EARLIEST_DATE`][practicemodel.periods.EARLIEST_DATE] to
  [`LATEST_DATE`][practicemodel.periods.LATEST_DATE]);
- an [`UnknownPolicyError`][practicemodel.errors.UnknownPolicyError] naming the date and the
  profile's effective range, for a rule asked about a date on which the profile is not in
  effect: the same error [`get_policy`][practicemodel.policy.get_policy] raises when no
  version of a profile is in effect on the date asked for.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from practicemodel.case import Case
from practicemodel.errors import DateOutOfRangeError, InvalidInputError, UnknownPolicyError
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE
from practicemodel.policy import PolicyProfile, effective_range

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


def _in_range(value: date, name: str) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise DateOutOfRangeError(f"{name!r} must be a date from {EARLIEST_DATE} to "
                                  f"{LATEST_DATE} (got {value})")
    return value


def date_arg(value: object, name: str = "as_of") -> date:
    """``value`` if it is a ``datetime.date`` (not a ``datetime``) in the supported range.

    Raises:
        InvalidInputError: ``value`` is not a ``datetime.date``.
        DateOutOfRangeError: it lies before ``EARLIEST_DATE`` or after ``LATEST_DATE``.
    """
    if type(value) is not date:
        raise InvalidInputError(f"{name!r} must be a datetime.date (got {value!r})")
    return _in_range(value, name)


def optional_date_arg(value: object, name: str = "as_of") -> date | None:
    """``value`` if it is ``None`` or a ``datetime.date`` in the supported range."""
    if value is None:
        return None
    if type(value) is not date:
        raise InvalidInputError(f"{name!r} must be a datetime.date or None (got {value!r})")
    return _in_range(value, name)


def in_effect_arg(policy: PolicyProfile, when: date, name: str = "as_of") -> None:
    """Check that ``policy`` is in effect on ``when`` (the date a rule is asked about).

    Raises:
        UnknownPolicyError: ``when`` lies outside the profile's effective range; the message
            names the argument, the date and the range.
    """
    if not policy.in_effect_on(when):
        raise UnknownPolicyError(f"version of policy profile {policy.code!r} in effect on "
                                 f"{name}", when.isoformat(), [effective_range(policy)])


def instance_arg(value: object, kind: type[T], name: str) -> T:
    """``value`` if it is an instance of ``kind`` (a practicemodel record class)."""
    if not isinstance(value, kind):
        raise InvalidInputError(f"{name!r} must be a practicemodel {kind.__name__} (got "
                                f"{type(value).__name__})")
    return value


def rule_args(case: object, policy: object, as_of: object, *,
              as_of_required: bool = True) -> None:
    """Check the ``case``, ``policy`` and ``as_of`` of a rule function.

    ``as_of`` must be a date in the supported range on which ``policy`` is in effect (or
    ``None`` where the rule makes it optional).
    """
    # The common case, checked in one expression (a review calls this for every rule of
    # every case); anything else takes the path that names what is wrong.
    if (type(as_of) is date and isinstance(case, Case) and isinstance(policy, PolicyProfile)
            and EARLIEST_DATE <= as_of <= LATEST_DATE and policy.effective_from <= as_of
            and (policy.effective_until is None or as_of <= policy.effective_until)):
        return
    case_arg(case)
    profile = policy_arg(policy)
    when = date_arg(as_of) if as_of_required else optional_date_arg(as_of)
    if when is not None:
        in_effect_arg(profile, when)
