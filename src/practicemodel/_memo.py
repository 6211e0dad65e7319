"""Answers the rules of one check share: computed once per ``check_case`` call, never kept.

(Also the per-case indexes of ``practicemodel.monthly``, so it sits below the rules.)

Several rules read the same answer (the schedule of a case, the findings of one family's
evaluation). Inside [`check_case`][practicemodel.checks.check_case] (``with scope():``) the
first rule that asks computes the answer and the others reuse it; outside a scope every call
computes afresh. The store lives in a ``ContextVar`` for the length of one call, so rules stay
pure: the same arguments give the same findings whether or not a scope is open, in a thread,
a process pool or a web request, and nothing survives the call.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import TypeVar

from practicemodel.case import Case
from practicemodel.policy import PolicyProfile

__all__ = ["per_case", "scope", "shared"]

T = TypeVar("T")

# key: (function, id(case), id(policy), as_of) -> (case, policy, answer); the case and policy
# are kept so that their ids cannot be reused while the entry lives.
_Store = dict[tuple[object, int, int, date | None], tuple[Case, object, object]]
_STORE: ContextVar[_Store | None] = ContextVar("practicemodel_rules_shared", default=None)


@contextmanager
def scope() -> Iterator[None]:
    """Share answers between the rules run inside the ``with`` block (nestable)."""
    if _STORE.get() is not None:
        yield
        return
    token = _STORE.set({})
    try:
        yield
    finally:
        _STORE.reset(token)


def shared(function: Callable[[Case, PolicyProfile, date], T]
           ) -> Callable[[Case, PolicyProfile, date], T]:
    """Compute ``function(case, policy, as_of)`` once per scope (its result must not be
    mutated by a caller: return tuples and read-only mappings)."""

    @functools.wraps(function)
    def answer(case: Case, policy: PolicyProfile, as_of: date) -> T:
        store = _STORE.get()
        if store is None:  # called alone: share the per-case indexes within this call
            with scope():
                return answer(case, policy, as_of)
        key = (function, id(case), id(policy), as_of)
        hit = store.get(key)
        if hit is not None and hit[0] is case and hit[1] is policy:
            return hit[2]  # type: ignore[return-value]
        value = function(case, policy, as_of)
        store[key] = (case, policy, value)
        return value

    return answer


def per_case(function: Callable[[Case], T]) -> Callable[[Case], T]:
    """Compute ``function(case)`` (an index of the case's records) once per scope."""

    @functools.wraps(function)
    def answer(case: Case) -> T:
        store = _STORE.get()
        if store is None:
            return function(case)
        key = (function, id(case), 0, None)
        hit = store.get(key)
        if hit is not None and hit[0] is case:
            return hit[2]  # type: ignore[return-value]
        value = function(case)
        store[key] = (case, None, value)
        return value

    return answer
