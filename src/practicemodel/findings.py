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

import contextlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from practicemodel._describe import kind_of, show
from practicemodel.components import PracticeComponent
from practicemodel.errors import Problem, RecordStructureError

__all__ = ["Explanation", "Fact", "FactValue", "Finding", "Outcome", "by_component", "word_list",
           "worst"]


class Outcome(StrEnum):
    """The outcome of one rule for one subject."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"
    """The evidence cannot decide (e.g. a text heuristic): a person should look."""


_ORDER = {Outcome.NOT_MET: 0, Outcome.NEEDS_REVIEW: 1, Outcome.MET: 2,
          Outcome.NOT_APPLICABLE: 3}


FactValue = str | int | date | None
"""What a fact holds: text, a whole number, a date, or nothing (``None``, shown "(none)")."""

_FACT_TYPES: dict[type, str] = {str: "text", int: "integer", date: "date", type(None): "none"}


@attrs.frozen(kw_only=True)
class Fact:
    """One fact a finding used: a label and a typed value (dates as dates, counts as
    numbers), with [`text`][practicemodel.findings.Fact.text] for showing it.

    >>> Fact(label="due", value=date(2026, 3, 31)).text
    '2026-03-31'
    >>> Fact(label="met by", value=None).text
    '(none)'
    """

    label: str
    """What the fact is (e.g. "measure")."""
    value: FactValue
    """Its value: text as recorded, a count, a date, or ``None`` when there is none."""

    @property
    def type(self) -> str:
        """The kind of value: ``"text"``, ``"integer"``, ``"date"`` or ``"none"``."""
        return _FACT_TYPES[type(self.value)]

    @property
    def text(self) -> str:
        """The value in words: ISO dates, ``"(none)"`` for no value."""
        value = self.value
        if value is None:
            return "(none)"
        return value.isoformat() if isinstance(value, date) else str(value)

    def to_json(self) -> dict[str, Any]:
        """``{"label": ..., "value": ..., "type": ...}``: the value as JSON holds it (a date
        as its ISO string), and its type (``text``, ``integer``, ``date``, ``none``)."""
        value = self.value
        return {"label": self.label,
                "value": value.isoformat() if isinstance(value, date) else value,
                "type": _FACT_TYPES[type(value)]}


Explanation = tuple[str, str, tuple[Fact, ...]]
"""What a deferred finding's renderer returns: ``(subject, explanation, facts)``."""

_DEFERRED = frozenset({"subject", "explanation", "facts"})


class _Deferrable:
    """Where a deferred finding keeps its renderer until its words are read (a slot, not a
    field: it is not part of the finding's value)."""

    __slots__ = ("_render",)
    _render: tuple[Callable[..., Explanation], tuple[Any, ...]] | None


@attrs.frozen(kw_only=True, getstate_setstate=False)
class Finding(_Deferrable):
    """The result of one rule applied to one subject.

    A result built by the checks: its fields are not re-validated.

    The rules decide first and explain on demand: they build their findings with
    [`Finding.deferred`][practicemodel.findings.Finding.deferred], so the words of a finding
    (``subject``, ``explanation``, ``facts``) are put together the first time anyone reads
    them. A review that only counts outcomes never pays for them; a finding that is read,
    compared, printed, pickled or sent as JSON is the same as one built with every field
    given.
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
    child_id: str | None = None
    """The child the finding is about, where it is about one child (a child's deadline, visits
    or visitation, readiness to return home); ``None`` otherwise."""
    plan_id: str | None = None
    """The case plan the finding is about or was found in (the plan-quality and S.M.A.R.T.
    rules); ``None`` otherwise."""
    objective_id: str | None = None
    """The service objective the finding is about (the S.M.A.R.T. rules,
    ``services.objective_has_service``); ``None`` otherwise."""

    @classmethod
    def deferred(cls, *, rule: str, outcome: Outcome, subject_id: str,
                 explain: Callable[..., Explanation], args: tuple[Any, ...] = (),
                 components: tuple[PracticeComponent, ...] = (), source: str = "",
                 person_id: str | None = None, role: str | None = None,
                 child_id: str | None = None, plan_id: str | None = None,
                 objective_id: str | None = None) -> Finding:
        """A finding whose words are rendered when first read: how the rules build theirs.

        The outcome and the ids are decided now; ``subject``, ``explanation`` and ``facts``
        are ``explain(*args)``, called once, the first time any of the three is read (or the
        finding is compared, hashed, printed, pickled or turned into JSON). ``explain`` must
        be a pure function of ``args`` returning ``(subject, explanation, facts)``, and
        ``args`` must not change afterwards: pass values, not a loop variable's closure. Until
        then the finding keeps ``args`` (pass what the words need, not the whole case). Reading
        one finding from several threads at once is safe: each may render, all see the same
        words.

        >>> def words(objective_id: str, measure: str) -> Explanation:
        ...     return (f"objective {objective_id}", "A measure is recorded.",
        ...             (Fact(label="measure", value=measure),))
        >>> found = Finding.deferred(rule="smart.measurable", outcome=Outcome.MET,
        ...                          subject_id="obj-1", explain=words,
        ...                          args=("obj-1", "3 clean tests"))
        >>> found.explanation
        'A measure is recorded.'
        >>> found == Finding(rule="smart.measurable", outcome=Outcome.MET, subject_id="obj-1",
        ...                  subject="objective obj-1", explanation="A measure is recorded.",
        ...                  facts=(Fact(label="measure", value="3 clean tests"),))
        True
        """
        self = object.__new__(cls)
        put = object.__setattr__
        put(self, "rule", rule)
        put(self, "outcome", outcome)
        put(self, "subject_id", subject_id)
        put(self, "components", components)
        put(self, "source", source)
        put(self, "person_id", person_id)
        put(self, "role", role)
        put(self, "child_id", child_id)
        put(self, "plan_id", plan_id)
        put(self, "objective_id", objective_id)
        put(self, "_render", (explain, args))
        return self

    if not TYPE_CHECKING:  # for mypy, every attribute stays declared
        def __getattr__(self, name: str) -> Any:
            # Reached only when a slot is unset: the words of a deferred finding.
            if name not in _DEFERRED:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute "
                                     f"{name!r}")
            try:
                explain, args = object.__getattribute__(self, "_render")
            except AttributeError:
                # Rendered meanwhile by another thread (which set the words, then dropped the
                # renderer), or never deferred: read the slot itself.
                return object.__getattribute__(self, name)
            try:
                subject, explanation, facts = explain(*args)
            except AttributeError as error:  # not "no such attribute" to hasattr/getattr
                raise RuntimeError(f"rendering the words of a {self.rule!r} finding failed: "
                                   f"{error}") from error
            put = object.__setattr__
            put(self, "subject", subject)
            put(self, "explanation", explanation)
            put(self, "facts", facts)
            # Two threads may render at once: the same words; one of them drops the renderer.
            with contextlib.suppress(AttributeError):
                object.__delattr__(self, "_render")
            return object.__getattribute__(self, name)

    def _tagged(self, *, person_id: str | None, child_id: str | None,
                plan_id: str | None) -> Finding:
        """This finding about another person, child or plan, its words still deferred if
        they are (for the rule families that tag a family's findings)."""
        try:
            render = object.__getattribute__(self, "_render")
        except AttributeError:  # rendered, or built with every field
            return Finding(rule=self.rule, outcome=self.outcome, subject_id=self.subject_id,
                           subject=self.subject, explanation=self.explanation,
                           facts=self.facts, components=self.components, source=self.source,
                           person_id=person_id, role=self.role, child_id=child_id,
                           plan_id=plan_id, objective_id=self.objective_id)
        return Finding.deferred(rule=self.rule, outcome=self.outcome,
                                subject_id=self.subject_id, explain=render[0], args=render[1],
                                components=self.components, source=self.source,
                                person_id=person_id, role=self.role, child_id=child_id,
                                plan_id=plan_id, objective_id=self.objective_id)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle (and copy) the rendered finding: the renderer and its arguments stay here.
        return (_rebuild, (self._values(),))

    def _values(self) -> dict[str, Any]:
        return {"rule": self.rule, "outcome": self.outcome, "subject_id": self.subject_id,
                "subject": self.subject, "explanation": self.explanation, "facts": self.facts,
                "components": self.components, "source": self.source,
                "person_id": self.person_id, "role": self.role, "child_id": self.child_id,
                "plan_id": self.plan_id, "objective_id": self.objective_id}

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
        - ``facts``: an array of ``{"label": ..., "value": ..., "type": ...}`` objects, in
          order: ``type`` is ``"text"`` (``value`` a string), ``"integer"`` (a number),
          ``"date"`` (an ISO ``YYYY-MM-DD`` string) or ``"none"`` (``null``);
        - ``components``: an array of practice-model component codes
          (``"case_planning"``);
        - ``source``: a string, ``""`` when there is none;
        - ``person_id``, ``role``: the person and role the finding is about, or ``null``;
        - ``child_id``, ``plan_id``, ``objective_id``: the child, case plan and service
          objective the finding is about, or ``null`` where it is not about one.

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
         'facts': [{'label': 'measure', 'value': '3 clean tests', 'type': 'text'}],
         'components': [],
         'source': '', 'person_id': None, 'role': None, 'child_id': None, 'plan_id': None,
         'objective_id': None}
        """
        return {
            "rule": self.rule,
            "outcome": self.outcome.value,
            "subject_id": self.subject_id,
            "subject": self.subject,
            "explanation": self.explanation,
            "facts": [fact.to_json() for fact in self.facts],
            "components": [component.value for component in self.components],
            "source": self.source,
            "person_id": self.person_id,
            "role": self.role,
            "child_id": self.child_id,
            "plan_id": self.plan_id,
            "objective_id": self.objective_id,
        }

    @classmethod
    def from_json(cls, data: object) -> Finding:
        """Build a finding from its JSON form, what
        [`to_json`][practicemodel.findings.Finding.to_json] gives.

        ``rule``, ``outcome``, ``subject_id``, ``subject`` and ``explanation`` are required;
        ``facts``, ``components`` and ``source`` may be left out (empty), and ``person_id``,
        ``role``, ``child_id``, ``plan_id`` and ``objective_id`` (``null``). Loading is strict,
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
                problems.append(Problem(path, f"expected an object with label, value and "
                                              f"type, found {kind_of(item)}"))
                continue
            for key in item:
                if key not in ("label", "value", "type"):
                    problems.append(Problem(f"{path}.{key}" if isinstance(key, str) else path,
                                            f"unknown field {show(key)}"))
            for key in ("label", "value"):
                if key not in item:
                    problems.append(Problem(f"{path}.{key}", "required field missing"))
            value = _fact_value(f"{path}.value", item["value"], item.get("type", "text"),
                                problems) if "value" in item else None
            facts.append(Fact(label=text(f"{path}.label", item.get("label", "")), value=value))
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
                   source=strings.get("source", ""), **optional)


def _rebuild(fields: dict[str, Any]) -> Finding:
    return Finding(**fields)


_OPTIONAL_STRING_KEYS = ("person_id", "role", "child_id", "plan_id", "objective_id")
_JSON_KEYS = ("rule", "outcome", "subject_id", "subject", "explanation", "facts", "components",
              "source", *_OPTIONAL_STRING_KEYS)
_REQUIRED_KEYS = ("rule", "outcome", "subject_id", "subject", "explanation")
_STRING_KEYS = ("rule", "subject_id", "subject", "explanation", "source")
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_COMPONENTS = {component.value: component for component in PracticeComponent}


def _fact_value(path: str, value: object, kind: object, problems: list[Problem]) -> FactValue:
    """A fact's value from its JSON form, checked against its ``type``."""
    if kind == "text" and isinstance(value, str):
        return value
    if kind == "integer" and type(value) is int:
        return value
    if kind == "none" and value is None:
        return None
    if kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
        except ValueError:
            problems.append(Problem(path, "expected an ISO date (YYYY-MM-DD), found a string"))
            return None
    if kind not in _FACT_TYPES.values():
        problems.append(Problem(path.rpartition(".")[0] + ".type",
                                f"unknown fact type {show(kind)}; known: "
                                + ", ".join(_FACT_TYPES.values())))
    else:
        problems.append(Problem(path, f"expected a {kind} value, found {kind_of(value)}"))
    return None


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
