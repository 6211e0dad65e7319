"""Helpers every rule module shares: findings grouped by rule, structured subjects."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from practicemodel._memo import scope, shared
from practicemodel.findings import Finding

__all__ = ["about", "by_rule", "scope", "shared"]


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
