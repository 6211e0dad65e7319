"""Assessments: safety, risk, family strengths and needs, and other named instruments.

Order of work is engagement, then assessment, then planning (seed 004). Safety and risk are
assessed initially and on an ongoing basis (seed 000, "Safety Assurance and Risk
Management"). The family strengths and needs assessment is completed about every 3 to 6
months, before each case plan, and identifies priority needs and strengths (seed 003 slide
14); it records contributing factors — what put the child at risk (seed 003 slides 15, 28) —
for children, parents and foster parents alike (seed 004, "Expectations").

Case plan objectives point at the ids of the needs and contributing factors recorded here, so
a rule can tell whether an objective is relevant (seed 003 slide 38).

Other instruments (e.g. a continuing services assessment, seed 003 slide 14) are recorded by
name with the caller's item scores; practicemodel ships no proprietary item text.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_bool,
    a_date,
    finite_number,
    identifier,
    optional_date,
    optional_str,
    order_problem,
    strings,
    text,
    texts,
    to_tuple,
    tuple_of,
)
from practicemodel.errors import InvalidRecordError

__all__ = [
    "ContributingFactor",
    "InstrumentAssessment",
    "ItemScore",
    "Need",
    "PersonStrengthsNeeds",
    "RiskAssessment",
    "RiskLevel",
    "SafetyAssessment",
    "SafetyDecision",
    "SafetyPlan",
    "Strength",
    "StrengthsNeedsAssessment",
]

_ids = strings
_opt_str = optional_str
_opt_date = optional_date
_id = identifier


_number = finite_number


class SafetyDecision(StrEnum):
    """Outcome of a safety assessment (the SDM safety assessment's three decisions)."""

    SAFE = "safe"
    CONDITIONALLY_SAFE = "conditionally_safe"
    """Safe with a safety plan in place."""
    UNSAFE = "unsafe"


@attrs.frozen(kw_only=True)
class SafetyPlan:
    """Protective actions agreed to keep a child safe, active from ``start`` to ``end``.

    A case cannot close while a safety plan is in effect (state practice, e.g. Arizona; a
    policy choice).
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    start: date = attrs.field(validator=a_date)
    """First day in effect."""
    end: date | None = attrs.field(default=None, validator=_opt_date)
    """Last day in effect (``None`` while active)."""
    provisions: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    """The protective provisions, in the agency's words."""
    responsible_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """People responsible for carrying out the plan."""

    def __attrs_post_init__(self) -> None:
        problem = order_problem(self.start, self.end, "start", "end")
        if problem is not None:
            raise InvalidRecordError([problem])

    def is_active_on(self, when: date) -> bool:
        """Tell whether the plan is in effect on ``when``."""
        return self.start <= when and (self.end is None or when <= self.end)


@attrs.frozen(kw_only=True)
class SafetyAssessment:
    """A safety assessment and its decision, with the safety plan if one was made.

    Invariant: a ``conditionally_safe`` decision needs a safety plan, and the plan starts on
    or after the assessment.
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    completed_on: date = attrs.field(validator=a_date)
    """Date completed."""
    child_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Children assessed."""
    decision: SafetyDecision = attrs.field(validator=v.instance_of(SafetyDecision))
    """The safety decision."""
    safety_plan: SafetyPlan | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(SafetyPlan))
    )
    """The safety plan, if one was made."""

    def __attrs_post_init__(self) -> None:
        if self.decision is SafetyDecision.CONDITIONALLY_SAFE and self.safety_plan is None:
            raise InvalidRecordError(
                "'safety_plan' is required when 'decision' is 'conditionally_safe' (found none)",
                path="safety_plan",
            )
        if self.safety_plan is not None:
            problem = order_problem(self.completed_on, self.safety_plan.start, "completed_on",
                                    "start", "safety_plan")
            if problem is not None:
                raise InvalidRecordError([problem])


class RiskLevel(StrEnum):
    """Risk level from a risk assessment."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"


@attrs.frozen(kw_only=True)
class RiskAssessment:
    """A risk assessment: the likelihood of future maltreatment, as a level."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    completed_on: date = attrs.field(validator=a_date)
    """Date completed."""
    level: RiskLevel = attrs.field(validator=v.instance_of(RiskLevel))
    """The risk level."""
    instrument: str | None = attrs.field(default=None, validator=_opt_str)
    """Name of the instrument used, if any."""


@attrs.frozen(kw_only=True)
class Strength:
    """A strength of a person or the family (seed 003 slide 26: "Strengths")."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """The strength, in the family's and agency's words."""


@attrs.frozen(kw_only=True)
class Need:
    """A need of a person (seed 004: needs of children, parents and foster parents)."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """The need."""
    domain: str | None = attrs.field(default=None, validator=_opt_str)
    """The instrument's domain for it (e.g. "substance use", "parenting"), if any."""
    priority: bool = attrs.field(default=False, validator=a_bool)
    """Whether the assessment ranks it a priority need (seed 003 slide 14)."""


@attrs.frozen(kw_only=True)
class PersonStrengthsNeeds:
    """The strengths and needs assessed for one person."""

    person_id: str = attrs.field(validator=_id)
    """The person assessed."""
    strengths: tuple[Strength, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Strength)
    )
    """Their strengths."""
    needs: tuple[Need, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Need)
    )
    """Their needs."""


@attrs.frozen(kw_only=True)
class ContributingFactor:
    """A factor that put the child at risk (seed 003 slides 15, 28, 38).

    Objectives are relevant when they address one of these (seed 003 slide 38).
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """The factor."""
    person_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """The people whose behavior or circumstances it concerns."""
    underlying: bool = attrs.field(default=False, validator=a_bool)
    """Whether it is an underlying issue that must be resolved before strategies can work
    (seed 004, "Assessment is second")."""


@attrs.frozen(kw_only=True)
class StrengthsNeedsAssessment:
    """A family strengths and needs assessment (seed 003 slide 14)."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    completed_on: date = attrs.field(validator=a_date)
    """Date completed."""
    people: tuple[PersonStrengthsNeeds, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=tuple_of(PersonStrengthsNeeds),
    )
    """Strengths and needs per person assessed."""
    contributing_factors: tuple[ContributingFactor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ContributingFactor)
    )
    """Contributing factors identified."""
    family_strengths: tuple[Strength, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Strength)
    )
    """Strengths of the family as a whole."""
    instrument: str | None = attrs.field(default=None, validator=_opt_str)
    """Name of the instrument used (e.g. an SDM family strengths and needs assessment)."""

    def priority_needs(self) -> tuple[Need, ...]:
        """Return the needs ranked a priority, for every person, in record order."""
        return tuple(n for person in self.people for n in person.needs if n.priority)


@attrs.frozen(kw_only=True)
class ItemScore:
    """One item's score in a named instrument (item codes only; no proprietary item text)."""

    item: str = attrs.field(validator=_id)
    """The item's code or short label, as the caller's instrument names it."""
    score: float = attrs.field(validator=_number)
    """The score."""


@attrs.frozen(kw_only=True)
class InstrumentAssessment:
    """Any other assessment instrument, recorded by name with user-supplied item scores."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    instrument: str = attrs.field(validator=identifier)
    """Name (and version) of the instrument, e.g. "continuing services assessment"."""
    completed_on: date = attrs.field(validator=a_date)
    """Date completed."""
    person_id: str | None = attrs.field(default=None, validator=_opt_str)
    """The person assessed, if the instrument is about one person."""
    scores: tuple[ItemScore, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ItemScore)
    )
    """Item scores."""
    total: float | None = attrs.field(default=None, validator=v.optional(_number))
    """The instrument's total or summary score, if it has one."""
