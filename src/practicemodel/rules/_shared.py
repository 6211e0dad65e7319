"""Answers the rules of one check share: computed once per ``check_case`` call, never kept.

Several rules read the same answer (the schedule of a case, the findings of one family's
evaluation). Inside [`check_case`][practicemodel.checks.check_case] (``with scope():``) the
first rule that asks computes the answer and the others reuse it; outside a scope every call
computes afresh. The store lives in a ``ContextVar`` for the length of one call, so rules stay
pure: the same arguments give the same findings whether or not a scope is open, in a thread,
a process pool or a web request, and nothing survives the call.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from types import MappingProxyType
from typing import TypeVar

from practicemodel.case import Case
from practicemodel.findings import Finding
from practicemodel.policy import PolicyProfile

__all__ = ["by_rule", "scope", "shared"]

T = TypeVar("T")

# key: (function, id(case), id(policy), as_of) -> (case, policy, answer); the case and policy
# are kept so that their ids cannot be reused while the entry lives.
_Store = dict[tuple[object, int, int, date], tuple[Case, PolicyProfile, object]]
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
        if store is None:
            return function(case, policy, as_of)
        key = (function, id(case), id(policy), as_of)
        hit = store.get(key)
        if hit is not None and hit[0] is case and hit[1] is policy:
            return hit[2]  # type: ignore[return-value]
        value = function(case, policy, as_of)
        store[key] = (case, policy, value)
        return value

    return answer


def by_rule(findings: Iterable[Finding]) -> Mapping[str, tuple[Finding, ...]]:
    """Findings grouped by rule id, each group in the order given (read-only)."""
    groups: dict[str, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.rule, []).append(item)
    return MappingProxyType({rule: tuple(group) for rule, group in groups.items()})


def about(finding: Finding, *, child_id: str | None = None, plan_id: str | None = None,
          person_id: str | None = None) -> Finding:
    """``finding`` with its structured subject set (``attrs.evolve`` without its overhead: a
    family sets these on every finding it gives)."""
    return Finding(rule=finding.rule, outcome=finding.outcome, subject_id=finding.subject_id,
                   subject=finding.subject, explanation=finding.explanation,
                   facts=finding.facts, components=finding.components, source=finding.source,
                   person_id=finding.person_id if person_id is None else person_id,
                   role=finding.role,
                   child_id=finding.child_id if child_id is None else child_id,
                   plan_id=finding.plan_id if plan_id is None else plan_id,
                   objective_id=finding.objective_id)
