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

A finding has one JSON form, [`Finding.to_json`][practicemodel.findings.Finding.to_json]
(and [`Finding.from_json`][practicemodel.findings.Finding.from_json] for the way back): a
plain object of strings and arrays that ``json.dumps`` writes as is and a web front end can
use without parsing anything out of it. The case-record converter
([`make_converter`][practicemodel.serialization.make_converter]) is for case records, not
findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

import attrs

from practicemodel._describe import kind_of, show
from practicemodel.components import PracticeComponent
from practicemodel.errors import Problem, RecordStructureError

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
    person_id: str | None = None
    """The person the finding is about, where it is about one person (the engagement rules:
    a mother, father, foster parent or child); ``None`` otherwise."""
    role: str | None = None
    """The role that person is judged in, as an engagement role code (``"mother"``,
    ``"father"``, ``"foster_parent"``, ``"child"``); ``None`` where the finding is not about a
    person in a role. A review reads a case's people by role from these two fields."""

    @property
    def is_met(self) -> bool:
        """Whether the outcome is ``met``."""
        return self.outcome is Outcome.MET

    def to_json(self) -> dict[str, Any]:
        """Return the finding's JSON form: THE documented way to send a finding as JSON.

        A new dict of plain JSON values only (strings, lists and dicts), every key always
        present, in this order:

        - ``rule``: the rule id (``"smart.measurable"``); its title, CFSR items and the like
          are not repeated here: look them up with
          [`get_rule`][practicemodel.rules.get_rule];
        - ``outcome``: the outcome's code (``"met"``, ``"not_met"``, ``"not_applicable"``,
          ``"needs_review"``);
        - ``subject_id``, ``subject``, ``explanation``: strings;
        - ``facts``: an array of ``{"label": ..., "value": ...}`` objects, in order;
        - ``components``: an array of practice-model component codes
          (``"case_planning"``);
        - ``source``: a string, ``""`` when there is none;
        - ``person_id``, ``role``: the person and role the finding is about, or ``null``.

        ``json.dumps(finding.to_json())`` always succeeds, and
        ``Finding.from_json(finding.to_json()) == finding``. Use this, not
        ``make_converter().unstructure``: the case-record converter leaves enum members in
        place and omits empty fields, so its output is not this form.

        >>> Finding(rule="smart.measurable", outcome=Outcome.MET, subject_id="obj-1",
        ...         subject="objective obj-1", explanation="has a measure",
        ...         facts=(Fact(label="measure", value="3 clean tests"),)).to_json()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'rule': 'smart.measurable', 'outcome': 'met', 'subject_id': 'obj-1',
         'subject': 'objective obj-1', 'explanation': 'has a measure',
         'facts': [{'label': 'measure', 'value': '3 clean tests'}], 'components': [],
         'source': '', 'person_id': None, 'role': None}
        """
        return {
            "rule": self.rule,
            "outcome": self.outcome.value,
            "subject_id": self.subject_id,
            "subject": self.subject,
            "explanation": self.explanation,
            "facts": [{"label": fact.label, "value": fact.value} for fact in self.facts],
            "components": [component.value for component in self.components],
            "source": self.source,
            "person_id": self.person_id,
            "role": self.role,
        }

    @classmethod
    def from_json(cls, data: object) -> Finding:
        """Build a finding from its JSON form, what
        [`to_json`][practicemodel.findings.Finding.to_json] gives.

        ``rule``, ``outcome``, ``subject_id``, ``subject`` and ``explanation`` are required;
        ``facts``, ``components`` and ``source`` may be left out (empty), and ``person_id``
        and ``role`` (``null``). Loading is strict,
        as for case records: unknown keys, a value of the wrong kind and an unknown code are
        errors.

        Raises:
            RecordStructureError: ``data`` is not a finding's JSON form; ``problems`` lists
                every mistake with its path (``expected a string, found an integer @
                $.facts[0].value``).
        """
        problems: list[Problem] = []
        if not isinstance(data, Mapping):
            raise RecordStructureError(
                [Problem("", f"expected an object (a finding), found {kind_of(data)}")],
                source="finding", record="finding")
        for key in data:
            if key not in _JSON_KEYS:
                problems.append(Problem(key if isinstance(key, str) else "",
                                        f"unknown field {show(key)}"))
        for key in _REQUIRED_KEYS:
            if key not in data:
                problems.append(Problem(key, "required field missing"))

        def text(path: str, value: object) -> str:
            if isinstance(value, str):
                return value
            problems.append(Problem(path, f"expected a string, found {kind_of(value)}"))
            return ""

        def array(path: str, value: object) -> list[object]:
            if isinstance(value, list | tuple):
                return list(value)
            problems.append(Problem(path, f"expected an array, found {kind_of(value)}"))
            return []

        strings = {key: text(key, data[key]) for key in _STRING_KEYS if key in data}
        optional = {key: None if data.get(key) is None else text(key, data[key])
                    for key in _OPTIONAL_STRING_KEYS}
        outcome = Outcome.NOT_APPLICABLE
        if "outcome" in data:
            code = data["outcome"]
            if not isinstance(code, str):
                problems.append(Problem("outcome", f"expected a string, found {kind_of(code)}"))
            elif code not in _OUTCOMES:
                problems.append(Problem("outcome", f"unknown outcome {show(code)}; known: "
                                                   + ", ".join(_OUTCOMES)))
            else:
                outcome = _OUTCOMES[code]
        facts: list[Fact] = []
        for i, item in enumerate(array("facts", data.get("facts", []))):
            path = f"facts[{i}]"
            if not isinstance(item, Mapping):
                problems.append(Problem(path, f"expected an object with label and value, "
                                              f"found {kind_of(item)}"))
                continue
            for key in item:
                if key not in ("label", "value"):
                    problems.append(Problem(f"{path}.{key}" if isinstance(key, str) else path,
                                            f"unknown field {show(key)}"))
            for key in ("label", "value"):
                if key not in item:
                    problems.append(Problem(f"{path}.{key}", "required field missing"))
            facts.append(Fact(label=text(f"{path}.label", item.get("label", "")),
                              value=text(f"{path}.value", item.get("value", ""))))
        components: list[PracticeComponent] = []
        for i, code in enumerate(array("components", data.get("components", []))):
            path = f"components[{i}]"
            if not isinstance(code, str):
                problems.append(Problem(path, f"expected a string, found {kind_of(code)}"))
            elif code not in _COMPONENTS:
                problems.append(Problem(path, f"unknown practice-model component {show(code)}; "
                                              "known: " + ", ".join(_COMPONENTS)))
            else:
                components.append(_COMPONENTS[code])
        if problems:
            raise RecordStructureError(problems, source="finding", record="finding")
        return cls(rule=strings["rule"], outcome=outcome, subject_id=strings["subject_id"],
                   subject=strings["subject"], explanation=strings["explanation"],
                   facts=tuple(facts), components=tuple(components),
                   source=strings.get("source", ""), person_id=optional["person_id"],
                   role=optional["role"])


_JSON_KEYS = ("rule", "outcome", "subject_id", "subject", "explanation", "facts", "components",
              "source", "person_id", "role")
_OPTIONAL_STRING_KEYS = ("person_id", "role")
_REQUIRED_KEYS = ("rule", "outcome", "subject_id", "subject", "explanation")
_STRING_KEYS = ("rule", "subject_id", "subject", "explanation", "source")
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_COMPONENTS = {component.value: component for component in PracticeComponent}


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
