"""Caseworker contacts and family visits.

Caseworker visits: a child in foster care must be visited at least monthly, most visits in the
child's residence (42 USC 622(b)(17), 624(f)); parents at least monthly unless justified
(CFSR item 15 guidance). Case reviews rate frequency and quality separately; quality means
discussion of safety, permanency, well-being and case plan progress, in a setting and of a
length conducive to open conversation, with private time with the child (CFSR items 14–15;
seed 002 names the failures). A contact records exactly those facts.

Family visits (child with parents or siblings) maintain relationships and are a child's right,
not a parent's privilege (seed 003 slides 53–55).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_bool,
    a_date,
    identifier,
    optional_bool,
    optional_text,
    strings,
    to_tuple,
    tuple_of,
)
from practicemodel._describe import show
from practicemodel.caseplan import Supervision, VisitorKind
from practicemodel.errors import InvalidRecordError
from practicemodel.units import check_quantity

if TYPE_CHECKING:
    from practicemodel.units import Quantity

__all__ = [
    "CaseworkerContact",
    "ContactLocation",
    "ContactMode",
    "ContactTopic",
    "FamilyVisit",
    "FamilyVisitStatus",
]

_ids = strings


def _duration(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        check_quantity(value, "duration", field=attribute.name)


class ContactMode(StrEnum):
    """How the contact was made; federal visit rules count only in-person visits."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    WRITTEN = "written"


class ContactLocation(StrEnum):
    """Where an in-person contact took place."""

    CHILD_RESIDENCE = "child_residence"
    """Where the child lives: the foster home or facility, or home in an in-home case
    (42 USC 624(f) counts these)."""
    PARENT_RESIDENCE = "parent_residence"
    OFFICE = "office"
    SCHOOL = "school"
    COURT = "court"
    COMMUNITY = "community"
    OTHER = "other"


class ContactTopic(StrEnum):
    """Topics a caseworker contact covered (CFSR items 14–15 quality)."""

    SAFETY = "safety"
    PERMANENCY = "permanency"
    WELL_BEING = "well_being"
    CASE_PLAN_PROGRESS = "case_plan_progress"
    SERVICES = "services"
    NEEDS = "needs"
    VISITATION = "visitation"
    EDUCATION = "education"
    HEALTH = "health"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class CaseworkerContact:
    """A caseworker's contact with one or more people in the case.

    Invariants: ``location`` is given for in-person contacts only; children seen privately
    are among the people contacted; duration is a pint time quantity.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    occurred_on: date = attrs.field(validator=a_date)
    """Date."""
    caseworker_id: str = attrs.field(validator=identifier)
    """The staff member who made the contact."""
    person_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Who was seen or spoken with."""
    mode: ContactMode = attrs.field(validator=v.instance_of(ContactMode))
    """In person, video, phone or written."""
    location: ContactLocation | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ContactLocation))
    )
    """Where, for an in-person contact."""
    duration: Quantity | None = attrs.field(default=None, validator=_duration)
    """Length as a pint quantity, e.g. 45 minutes."""
    private_with_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Children the caseworker spent time with privately."""
    topics: tuple[ContactTopic, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(ContactTopic)
    )
    """Topics discussed."""
    setting_suitable: bool | None = attrs.field(
        default=None, validator=optional_bool
    )
    """Whether the setting allowed open conversation (seed 002), if recorded."""
    completed: bool = attrs.field(default=True, validator=a_bool)
    """``False`` records an attempted contact that did not happen (a concerted effort)."""

    def __attrs_post_init__(self) -> None:
        if not self.person_ids:
            raise InvalidRecordError("'person_ids' must name at least one person (found none)",
                                     path="person_ids")
        if self.location is not None and self.mode is not ContactMode.IN_PERSON:
            raise InvalidRecordError(
                f"'location' applies only to in-person contacts (found mode "
                f"{self.mode.value!r} with location {self.location.value!r})",
                path="location",
            )
        stray = [p for p in self.private_with_ids if p not in self.person_ids]
        if stray:
            raise InvalidRecordError(
                f"'private_with_ids' must be among 'person_ids' (found {show(stray[0])}"
                + (f" and {len(stray) - 1} more" if len(stray) > 1 else "") + " not among them)",
                path="private_with_ids",
            )

    @property
    def in_person(self) -> bool:
        """Whether the contact was a completed in-person visit."""
        return self.completed and self.mode is ContactMode.IN_PERSON


class FamilyVisitStatus(StrEnum):
    """Whether a scheduled family visit happened."""

    HELD = "held"
    MISSED_BY_VISITOR = "missed_by_visitor"
    MISSED_BY_CHILD = "missed_by_child"
    CANCELLED_BY_AGENCY = "cancelled_by_agency"


@attrs.frozen(kw_only=True)
class FamilyVisit:
    """A visit of a child in care with parents, siblings or other family (seed 003 slides 53–55)."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child in care."""
    visitor_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Parents, siblings or others visiting."""
    visitor_kind: VisitorKind = attrs.field(validator=v.instance_of(VisitorKind))
    """Who the visit is with."""
    scheduled_on: date = attrs.field(validator=a_date)
    """Date of the visit."""
    status: FamilyVisitStatus = attrs.field(validator=v.instance_of(FamilyVisitStatus))
    """Held, or missed and by whom."""
    supervision: Supervision = attrs.field(validator=v.instance_of(Supervision))
    """Supervision level."""
    duration: Quantity | None = attrs.field(default=None, validator=_duration)
    """Length as a pint quantity."""
    location: str | None = attrs.field(default=None, validator=optional_text)
    """Where it took place."""

    def __attrs_post_init__(self) -> None:
        if not self.visitor_ids:
            raise InvalidRecordError("'visitor_ids' must name at least one person (found none)",
                                     path="visitor_ids")
