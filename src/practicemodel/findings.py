"""Findings: what a check concluded about a subject, why, from which facts, on what authority.

Every check in practicemodel has the same shape (STYLE: "a rule family per module, all with
the same shape"): a pure function of a subject (a plan, an objective, a case), keyword-only
``policy`` and, where time matters, ``as_of``, returning findings. A check never raises on a
poor plan — a poor plan is what findings are for — and raises only on invalid input
([`InvalidInputError`][practicemodel.errors.InvalidInputError]).

A [`Finding`][practicemodel.findings.Finding] says which rule, the outcome, the subject, a
plain-language explanation a caseworker understands, the facts it used, the practice-model
components it gives evidence for (seed 001: reviews "structured according to the practice
model") and its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

import attrs

from practicemodel.components import PracticeComponent

__all__ = ["Fact", "Finding", "Outcome", "by_component", "word_list", "worst"]


class Outcome(StrEnum):
    """The outcome of one rule for one subject."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"
    """The evidence cannot decide (e.g. a text heuristic): a person should look."""


_ORDER = {Outcome.NOT_MET: 0, Outcome.NEEDS_REVIEW: 1, Outcome.MET: 2,
          Outcome.NOT_APPLICABLE: 3}


@attrs.frozen(kw_only=True)
class Fact:
    """One fact a finding used, as a label and a value in words."""

    label: str
    """What the fact is (e.g. "measure")."""
    value: str
    """Its value as recorded, or "(none)"."""


@attrs.frozen(kw_only=True)
class Finding:
    """The result of one rule applied to one subject.

    A result built by the checks: its fields are not re-validated.
    """

    rule: str
    """Stable rule id, e.g. ``"smart.measurable"``."""
    outcome: Outcome
    """Met, not met, not applicable, or needs review."""
    subject_id: str
    """Id of what the finding is about (an objective, a plan, a case...)."""
    subject: str
    """What it is about, in words (e.g. "objective obj-1 in plan plan-1")."""
    explanation: str
    """Why, in plain language a caseworker understands."""
    facts: tuple[Fact, ...] = ()
    """The facts the rule used."""
    components: tuple[PracticeComponent, ...] = ()
    """The practice-model components it gives evidence for."""
    source: str = ""
    """Seed and slide or section, or statute."""

    @property
    def is_met(self) -> bool:
        """Whether the outcome is ``met``."""
        return self.outcome is Outcome.MET


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """Return the least favourable outcome: not met < needs review < met < not applicable.

    An empty input is ``not_applicable``.

    >>> worst([Outcome.MET, Outcome.NEEDS_REVIEW])
    <Outcome.NEEDS_REVIEW: 'needs_review'>
    """
    return min(outcomes, key=_ORDER.__getitem__, default=Outcome.NOT_APPLICABLE)


def by_component(findings: Iterable[Finding]) -> dict[PracticeComponent, list[Finding]]:
    """Group findings by practice-model component, in the components' order."""
    grouped: dict[PracticeComponent, list[Finding]] = {c: [] for c in PracticeComponent}
    for finding in findings:
        for component in finding.components:
            grouped[component].append(finding)
    return {c: items for c, items in grouped.items() if items}


def word_list(items: Iterable[str]) -> str:
    """Join distinct items, sorted, for an explanation; ``"(none)"`` when there are none.

    >>> word_list(["visits", "goals", "visits"])
    'goals, visits'
    """
    listed = sorted(set(items))
    return ", ".join(listed) if listed else "(none)"
