"""A child's well-being: education, physical, dental and mental health screenings and needs.

CFSR Well-Being Outcomes 2 and 3 ask whether the agency assessed and met each child's
educational needs (item 16), physical and dental health needs (item 17) and mental and
behavioral health needs (item 18) (CFSR Round 3 onsite review instrument). A
[`Screening`][practicemodel.wellbeing.Screening] records that a child was examined or
assessed in one area (a well-child exam, a dental exam, a mental health or developmental
screening, an educational assessment); a
[`WellBeingNeed`][practicemodel.wellbeing.WellBeingNeed] records a need found in one area
and the services that address it. Dental exams are due about every 6 months, the first by
age 1 (CFSR FAQ, Well-Being Outcome 3); the intervals are policy settings
([`physical_exam_months`][practicemodel.policy.PolicyProfile.physical_exam_months],
[`dental_exam_months`][practicemodel.policy.PolicyProfile.dental_exam_months]).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_date,
    identifier,
    optional_date,
    strings,
    text,
    to_tuple,
)

__all__ = ["Screening", "WellBeingArea", "WellBeingNeed"]


class WellBeingArea(StrEnum):
    """The area of a child's well-being a screening or a need belongs to."""

    EDUCATION = "education"
    """Schooling and early intervention (CFSR item 16)."""
    PHYSICAL_HEALTH = "physical_health"
    """Physical health, including immunizations and medication (CFSR item 17)."""
    DENTAL_HEALTH = "dental_health"
    """Dental health (CFSR item 17)."""
    MENTAL_HEALTH = "mental_health"
    """Mental and behavioral health, including substance use (CFSR item 18)."""

    @property
    def cfsr_item(self) -> int:
        """The CFSR Round 3 item that rates the area: 16, 17 or 18."""
        return {"education": 16, "physical_health": 17, "dental_health": 17,
                "mental_health": 18}[self.value]


@attrs.frozen(kw_only=True)
class Screening:
    """An examination or assessment of one child in one area of well-being."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child (a child of the case)."""
    area: WellBeingArea = attrs.field(validator=v.instance_of(WellBeingArea))
    """What was examined: a well-child exam is ``physical_health``, a dental exam
    ``dental_health``, a mental health or behavioral screening ``mental_health``, an
    educational or developmental assessment ``education``."""
    completed_on: date = attrs.field(validator=a_date)
    """The day of the exam or assessment."""


@attrs.frozen(kw_only=True)
class WellBeingNeed:
    """A need of one child in one area of well-being, and what was done about it.

    Invariant: ``met_on`` is not before ``identified_on``.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child (a child of the case)."""
    area: WellBeingArea = attrs.field(validator=v.instance_of(WellBeingArea))
    """The area of the need."""
    description: str = attrs.field(validator=text)
    """The need, in the agency's words (e.g. "speech delay", "untreated cavities")."""
    identified_on: date = attrs.field(validator=a_date)
    """The day the need was identified."""
    service_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=strings)
    """Services of the case that address the need."""
    met_on: date | None = attrs.field(default=None, validator=optional_date)
    """The day the need was met (treatment finished, delay resolved); ``None`` while it is
    open."""

    def __attrs_post_init__(self) -> None:
        from practicemodel._checks import order_problem
        from practicemodel.errors import InvalidRecordError

        problem = order_problem(self.identified_on, self.met_on, "identified_on", "met_on")
        if problem is not None:
            raise InvalidRecordError([problem])
