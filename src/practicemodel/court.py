"""Court events: hearings, judicial findings, petitions and orders to terminate parental rights.

The timeline rules read these: periodic reviews at least every 6 months
(42 USC 675(5)(B)); permanency hearings within 12 months of entering care and every 12 months
after, or within 30 days of a finding that reasonable efforts are not required
(42 USC 675(5)(C), 671(a)(15)(E)(i)); reasonable-efforts findings (45 CFR 1356.21(b)); and the
ASFA petition to terminate parental rights with its three exceptions (42 USC 675(5)(E)).
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
    optional_str,
    optional_text,
    strings,
    to_tuple,
)

__all__ = [
    "FindingKind",
    "Hearing",
    "HearingKind",
    "JudicialFinding",
    "TprException",
    "TprExceptionKind",
    "TprOrder",
    "TprPetition",
]

_ids = strings
_opt_str = optional_str


class HearingKind(StrEnum):
    """The kind of hearing or review held."""

    PERIODIC_REVIEW = "periodic_review"
    """A court or administrative review at least every 6 months (42 USC 675(5)(B))."""
    PERMANENCY_HEARING = "permanency_hearing"
    """A permanency hearing (42 USC 675(5)(C))."""
    ADJUDICATION = "adjudication"
    DISPOSITION = "disposition"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Hearing:
    """A hearing or review held for one or more children."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    kind: HearingKind = attrs.field(validator=v.instance_of(HearingKind))
    """Which kind of hearing."""
    held_on: date = attrs.field(validator=a_date)
    """Date held."""
    child_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Children the hearing was about."""
    administrative: bool = attrs.field(default=False, validator=a_bool)
    """Whether it was an administrative review rather than a court hearing."""


class FindingKind(StrEnum):
    """Judicial findings the timeline rules look for."""

    ABUSE_OR_NEGLECT = "abuse_or_neglect"
    """The child was abused or neglected (anchors "entered foster care", 42 USC 675(5)(F))."""
    CONTRARY_TO_WELFARE = "contrary_to_welfare"
    """Continuation in the home would be contrary to the child's welfare."""
    REASONABLE_EFFORTS_TO_PREVENT_REMOVAL = "reasonable_efforts_to_prevent_removal"
    """Within 60 days of removal (45 CFR 1356.21(b)(1))."""
    REASONABLE_EFFORTS_TO_FINALIZE_PERMANENCY = "reasonable_efforts_to_finalize_permanency"
    """Within 12 months of entering care and at most every 12 months (45 CFR 1356.21(b)(2))."""
    REASONABLE_EFFORTS_NOT_REQUIRED = "reasonable_efforts_not_required"
    """Aggravated circumstances: a permanency hearing is due within 30 days
    (42 USC 671(a)(15)(D)-(E))."""


@attrs.frozen(kw_only=True)
class JudicialFinding:
    """A finding a court made about a child, on a date."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    kind: FindingKind = attrs.field(validator=v.instance_of(FindingKind))
    """What the court found on."""
    made_on: date = attrs.field(validator=a_date)
    """Date of the finding."""
    child_id: str = attrs.field(validator=identifier)
    """The child the finding is about."""
    affirmed: bool = attrs.field(default=True, validator=a_bool)
    """Whether the court found in the affirmative (e.g. reasonable efforts *were* made);
    ``False`` records a negative finding."""
    hearing_id: str | None = attrs.field(default=None, validator=_opt_str)
    """The hearing at which it was made, if recorded."""


@attrs.frozen(kw_only=True)
class TprPetition:
    """A petition to terminate parental rights (ASFA, 42 USC 675(5)(E))."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child."""
    parent_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """The parents whose rights the petition asks to terminate."""
    filed_on: date = attrs.field(validator=a_date)
    """Date filed (or joined by the agency)."""


@attrs.frozen(kw_only=True)
class TprOrder:
    """A court order terminating one parent's rights to one child."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child."""
    parent_id: str = attrs.field(validator=identifier)
    """The parent whose rights were terminated."""
    ordered_on: date = attrs.field(validator=a_date)
    """Date of the order."""


class TprExceptionKind(StrEnum):
    """The three exceptions to the ASFA petition requirement (42 USC 675(5)(E)(i)-(iii))."""

    RELATIVE_CARE = "relative_care"
    """The child is cared for by a relative (at the state's option)."""
    COMPELLING_REASON = "compelling_reason"
    """A documented compelling reason that filing is not in the child's best interests."""
    SERVICES_NOT_PROVIDED = "services_not_provided"
    """The state has not provided the services the case plan deems necessary for return home."""


@attrs.frozen(kw_only=True)
class TprException:
    """A documented exception to filing a TPR petition for a child."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """The child."""
    kind: TprExceptionKind = attrs.field(validator=v.instance_of(TprExceptionKind))
    """Which exception."""
    documented_on: date = attrs.field(validator=a_date)
    """Date it was documented in the case plan or by the court."""
    reason: str | None = attrs.field(default=None, validator=optional_text)
    """The recorded reason, in the agency's words."""
