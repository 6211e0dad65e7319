"""Services delivered to family members: referral, waitlist, start, end, dosage.

The practice model's first component is "Mobilizing Appropriate Services Timely": services
designed and delivered pursuant to an assessment of children's and parents' needs, initiated
when and where needed (seed 000). The plan must identify services to the child, father, mother
and foster parents that address identified needs (seed 004), and their power must match the
need: "Don't allow the team to select underpowered strategies" (seed 004 tip 10) — which is
why dosage is recorded as an exact quantity (e.g. 3 hours per week).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from practicemodel._checks import (
    identifier,
    optional_date,
    optional_str,
    optional_text,
    order_problem,
    strings,
    to_tuple,
)
from practicemodel.errors import InvalidRecordError, Problem
from practicemodel.units import check_quantity

if TYPE_CHECKING:
    from practicemodel.units import Quantity

__all__ = ["Service", "ServiceCategory", "ServiceStatus"]

_ids = strings
_opt_date = optional_date


class ServiceCategory(StrEnum):
    """Broad kind of service."""

    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE_TREATMENT = "substance_use_treatment"
    SUBSTANCE_USE_ASSESSMENT = "substance_use_assessment"
    IN_HOME_PARENTING = "in_home_parenting"
    """In-home parenting skill building."""
    PARENTING_CLASS = "parenting_class"
    DOMESTIC_VIOLENCE = "domestic_violence"
    FAMILY_COUNSELING = "family_counseling"
    HOUSING = "housing"
    EMPLOYMENT = "employment"
    TRANSPORTATION = "transportation"
    RESPITE = "respite"
    """Respite care, e.g. for foster parents (seed 004)."""
    CHILD_CARE = "child_care"
    MEDICAL = "medical"
    DENTAL = "dental"
    EDUCATION = "education"
    INDEPENDENT_LIVING = "independent_living"
    OTHER = "other"


class ServiceStatus(StrEnum):
    """Where a service stands."""

    REFERRED = "referred"
    WAITLISTED = "waitlisted"
    ACTIVE = "active"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"
    DECLINED = "declined"


def _dosage(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        check_quantity(value, "dosage", field=attribute.name)


@attrs.frozen(kw_only=True)
class Service:
    """A service for one or more people, from referral to end.

    Invariants: referral, start and end are in order; a waitlist date lies between referral
    and start; dosage is a pint quantity of service time (or sessions) per unit of time, e.g.
    ``quantity(3, "hour / week")``.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    category: ServiceCategory = attrs.field(validator=v.instance_of(ServiceCategory))
    """Kind of service."""
    description: str | None = attrs.field(default=None, validator=optional_text)
    """What the service is, in the agency's words."""
    person_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """For whom (child, mother, father, foster parent...)."""
    provider: str | None = attrs.field(default=None, validator=optional_str)
    """Provider name."""
    objective_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Case plan objectives the service serves."""
    responsibility_id: str | None = attrs.field(
        default=None, validator=optional_str
    )
    """The planned client service (client responsibility) it delivers, if any."""
    status: ServiceStatus = attrs.field(validator=v.instance_of(ServiceStatus))
    """Current status."""
    referred_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Referral date."""
    waitlisted_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date put on a waitlist, if it was."""
    started_on: date | None = attrs.field(default=None, validator=_opt_date)
    """First day of service."""
    ended_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Last day of service."""
    dosage: Quantity | None = attrs.field(default=None, validator=_dosage)
    """Intensity as a pint quantity, e.g. 3 hour/week or 1 session/week."""

    def __attrs_post_init__(self) -> None:
        checks = (
            order_problem(self.referred_on, self.started_on, "referred_on", "started_on"),
            order_problem(self.referred_on, self.waitlisted_on, "referred_on", "waitlisted_on"),
            order_problem(self.waitlisted_on, self.started_on, "waitlisted_on", "started_on"),
            order_problem(self.started_on or self.referred_on, self.ended_on,
                          "started_on" if self.started_on else "referred_on", "ended_on"),
        )
        problems: list[Problem] = [p for p in checks if p is not None]
        if problems:
            raise InvalidRecordError(problems)
