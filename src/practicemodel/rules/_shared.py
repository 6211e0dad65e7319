"""Helpers every rule module shares: findings grouped by rule, structured subjects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

from practicemodel._memo import scope, shared
from practicemodel.case import Case
from practicemodel.findings import Finding

__all__ = ["about", "by_child", "by_rule", "scope", "shared"]


def by_rule(findings: Iterable[Finding]) -> Mapping[str, tuple[Finding, ...]]:
    """Findings grouped by rule id, each group in the order given (read-only)."""
    groups: dict[str, list[Finding]] = {}
    for item in findings:
        groups.setdefault(item.rule, []).append(item)
    return MappingProxyType({rule: tuple(group) for rule, group in groups.items()})


def by_child(case: Case,
             findings: Callable[[str], Iterable[Finding]]) -> Mapping[str, tuple[Finding, ...]]:
    """The findings ``findings(child_id)`` gives for each child of the case (each id once, in
    the order of ``case.child_ids``), grouped by rule (read-only)."""
    return by_rule(found for child_id in dict.fromkeys(case.child_ids)
                   for found in findings(child_id))


def about(finding: Finding, *, child_id: str | None = None, plan_id: str | None = None,
          person_id: str | None = None) -> Finding:
    """``finding`` with its structured subject set (``attrs.evolve`` without its overhead: a
    family sets these on every finding it gives). A deferred finding stays deferred: its
    words are not rendered here."""
    return finding._tagged(
        person_id=finding.person_id if person_id is None else person_id,
        child_id=finding.child_id if child_id is None else child_id,
        plan_id=finding.plan_id if plan_id is None else plan_id)
