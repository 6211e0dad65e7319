"""Supervisory case staffing: a supervisor reviews every case at least monthly (seed 002).

Mississippi's Program Improvement Plan (seed 002, Goal 3, Strategy 1) sets "the expectation
that the tool be used to staff every case at least monthly" and directs supervisory focus to
the topics in [`StaffingTopic`][practicemodel.staffing.StaffingTopic].
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs

from practicemodel._checks import (
    a_date,
    identifier,
    optional_str,
    optional_text,
    to_tuple,
    tuple_of,
)

__all__ = ["StaffingTopic", "SupervisoryStaffing"]


class StaffingTopic(StrEnum):
    """Core areas a monthly staffing covers (seed 002, Goal 3, Strategy 1)."""

    INVESTIGATION_TIMELINESS = "investigation_timeliness"
    """Timely and complete investigation."""
    SERVICE_PLAN = "service_plan"
    """Service plan development and progress."""
    PLACEMENT_SUITABILITY = "placement_suitability"
    """Suitability of the child's placement."""
    CASEWORKER_CONTACTS = "caseworker_contacts"
    """Caseworker contacts with children, parents and resource parents."""
    INDEPENDENT_LIVING = "independent_living"
    """Independent living services for transition-age youth."""
    DILIGENT_SEARCHES = "diligent_searches"
    EMERGING_ISSUES = "emerging_issues"
    """Emerging issues of concern."""
    CHILD_SERVICES = "child_services"
    """Mental, dental and other services for children."""
    SAFETY_AND_RISK = "safety_and_risk"
    """Quality risk and safety assessment (seed 002, "case staffing tools")."""
    SHARED_PARENTING = "shared_parenting"
    """Shared parenting focus (seed 002, "case staffing tools")."""


@attrs.frozen(kw_only=True)
class SupervisoryStaffing:
    """One supervisory staffing of the case."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    held_on: date = attrs.field(validator=a_date)
    """Date."""
    supervisor_id: str = attrs.field(validator=identifier)
    """The supervisor (a staff member of the case)."""
    caseworker_id: str | None = attrs.field(default=None, validator=optional_str)
    """The caseworker staffed with, if recorded."""
    topics: tuple[StaffingTopic, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(StaffingTopic)
    )
    """Topics covered."""
    notes: str | None = attrs.field(default=None, validator=optional_text)
    """The supervisor's staffing narrative."""
