"""A child's connections: the people, places and Tribe a child in care should stay close to.

CFSR Permanency Outcome 2 asks whether the continuity of a child's family relationships and
connections is preserved (CFSR Round 3 onsite review instrument): item 9 *preserving
connections* (community, faith, extended family, siblings not in care, Tribe, school; the
inquiry into Tribal membership; notice to the Tribe; the Indian Child Welfare Act's
placement preferences) and item 10 *relative placement* (maternal and paternal relatives
identified, located, informed and evaluated as placements). A
[`Connection`][practicemodel.connections.Connection] records one important connection and
whether it is kept up; an [`IcwaInquiry`][practicemodel.connections.IcwaInquiry] records that
the agency asked whether a child is or may be an Indian child (25 USC 1912(a); 25 CFR
23.107); a [`RelativeSearch`][practicemodel.connections.RelativeSearch] records a diligent
search for one side of the child's family and what it found (42 USC 671(a)(29): relatives
are to be identified and notified within 30 days of removal).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_bool,
    a_date,
    identifier,
    optional_bool,
    optional_text,
    whole_number,
)

__all__ = ["Connection", "ConnectionKind", "FamilySide", "IcwaInquiry", "RelativeSearch"]


class ConnectionKind(StrEnum):
    """What kind of connection (CFSR item 9 A names these)."""

    COMMUNITY = "community"
    FAITH = "faith"
    EXTENDED_FAMILY = "extended_family"
    SIBLING_NOT_IN_CARE = "sibling_not_in_care"
    TRIBE = "tribe"
    SCHOOL = "school"
    FRIEND = "friend"


@attrs.frozen(kw_only=True)
class Connection:
    """One important connection of a child in care, and whether it is kept up."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child (a child of the case)."""
    kind: ConnectionKind = attrs.field(validator=v.instance_of(ConnectionKind))
    """What kind of connection."""
    description: str | None = attrs.field(default=None, validator=optional_text)
    """Who or what, in the agency's words."""
    maintained: bool | None = attrs.field(default=None, validator=optional_bool)
    """Whether the child's contact with it was kept up during the period (``None``: not
    recorded)."""
    identified_on: date = attrs.field(validator=a_date)
    """The day the agency recorded the connection."""


@attrs.frozen(kw_only=True)
class IcwaInquiry:
    """The agency's inquiry whether a child is, or may be, an Indian child (ICWA)."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child (a child of the case)."""
    made_on: date = attrs.field(validator=a_date)
    """The day the inquiry was made and recorded (25 CFR 23.107(a): at the start of each
    emergency or voluntary proceeding and each proceeding for foster care placement or
    termination of parental rights)."""
    reason_to_know: bool = attrs.field(validator=a_bool)
    """Whether the inquiry gave reason to know the child is an Indian child
    (25 CFR 23.107(c)); then the Tribe must be notified (the child's
    ``tribal_affiliation.tribe_notified_on``) and the placement preferences apply."""


class FamilySide(StrEnum):
    """Which side of the child's family a relative search covered (CFSR item 10 B, C)."""

    MATERNAL = "maternal"
    PATERNAL = "paternal"


@attrs.frozen(kw_only=True)
class RelativeSearch:
    """A diligent search for one side of a child's relatives, and what it found."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child (a child of the case)."""
    side: FamilySide = attrs.field(validator=v.instance_of(FamilySide))
    """The side of the family searched."""
    completed_on: date = attrs.field(validator=a_date)
    """The day the search was completed."""
    relatives_found: int = attrs.field(validator=whole_number(0, 1000))
    """Relatives identified and located."""
    relatives_notified: int = attrs.field(validator=whole_number(0, 1000))
    """Of those, relatives informed of the child's removal and their options
    (42 USC 671(a)(29))."""
    relatives_evaluated: int = attrs.field(default=0, validator=whole_number(0, 1000))
    """Of those, relatives evaluated as a placement."""

    def __attrs_post_init__(self) -> None:
        from practicemodel.errors import InvalidRecordError

        if not self.relatives_evaluated <= self.relatives_notified <= self.relatives_found:
            raise InvalidRecordError(
                f"'relatives_evaluated' ({self.relatives_evaluated}) must not exceed "
                f"'relatives_notified' ({self.relatives_notified}), nor that "
                f"'relatives_found' ({self.relatives_found})", path="relatives_notified")
