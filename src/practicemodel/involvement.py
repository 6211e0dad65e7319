"""Involvement events: evidence that the agency involved a person in case planning.

"Actively involved" means the agency involved the parent in all five of (seed 004,
"Expectations"): (1) identifying strengths and needs, (2) identifying services and service
providers, (3) establishing goals in case plans, (4) evaluating progress toward goals, and
(5) discussing the case plan in case planning meetings. An event records who took part, in
which of the five, when, and how it is evidenced. The agency must make concerted efforts and
document them, especially for fathers (seed 004 tip 2), so an event may also record an attempt
that got no response or was declined: that is how a reviewer tells "no effort" from "effort,
no response" (CFSR item 13).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_date,
    identifier,
    optional_str,
    optional_text,
    strings,
    to_tuple,
    tuple_of,
)
from practicemodel.errors import InvalidRecordError

__all__ = [
    "EngagementOutcome",
    "EngagementRole",
    "InvolvementActivity",
    "InvolvementEvent",
    "InvolvementSetting",
]


class EngagementRole(StrEnum):
    """The roles seed 004 asks the agency to engage ("Engagement first")."""

    MOTHER = "mother"
    FATHER = "father"
    FOSTER_PARENT = "foster_parent"
    """A foster parent, including a pre-adoptive parent until the adoption is finalized."""
    CHILD = "child"
    PARENT = "parent"
    """A parent whose role as mother or father is recorded neither in the relationship
    (``parent_role``) nor by the person's sex: still in scope, never dropped."""


class InvolvementActivity(StrEnum):
    """The five parts of "actively involved" (seed 004), in its order."""

    STRENGTHS_AND_NEEDS = "strengths_and_needs"
    """Identifying strengths and needs."""
    SERVICES_AND_PROVIDERS = "services_and_providers"
    """Identifying services and service providers."""
    GOALS = "goals"
    """Establishing goals in case plans."""
    EVALUATING_PROGRESS = "evaluating_progress"
    """Evaluating progress toward goals."""
    CASE_PLANNING_MEETING = "case_planning_meeting"
    """Discussing the case plan in case planning meetings."""


class InvolvementSetting(StrEnum):
    """Where or how the involvement happened."""

    FAMILY_TEAM_MEETING = "family_team_meeting"
    """A family team decision-making meeting (seed 004: the most efficient way)."""
    CASE_PLANNING_MEETING = "case_planning_meeting"
    HOME_VISIT = "home_visit"
    OFFICE_VISIT = "office_visit"
    PHONE_OR_VIDEO = "phone_or_video"
    WRITTEN = "written"
    COURT = "court"
    OTHER = "other"


class EngagementOutcome(StrEnum):
    """Whether the person took part, or the agency tried and did not reach them."""

    PARTICIPATED = "participated"
    ATTEMPTED_NO_RESPONSE = "attempted_no_response"
    """The agency tried (a concerted effort) and got no response."""
    DECLINED = "declined"
    """The person was reached and declined to take part."""


@attrs.frozen(kw_only=True)
class InvolvementEvent:
    """One occasion on which the agency involved, or tried to involve, people in planning.

    Invariant: at least one person and at least one of the five activities.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    occurred_on: date = attrs.field(validator=a_date)
    """Date."""
    person_ids: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=strings
    )
    """Who was involved (or whom the agency tried to involve)."""
    activities: tuple[InvolvementActivity, ...] = attrs.field(
        converter=to_tuple, validator=tuple_of(InvolvementActivity)
    )
    """Which of the five activities it covered."""
    setting: InvolvementSetting = attrs.field(validator=v.instance_of(InvolvementSetting))
    """How it happened."""
    outcome: EngagementOutcome = attrs.field(
        default=EngagementOutcome.PARTICIPATED, validator=v.instance_of(EngagementOutcome)
    )
    """Participated, or an attempt with no response, or declined."""
    evidence: str | None = attrs.field(default=None, validator=optional_text)
    """How it is documented (e.g. "FTDM notes", "signed plan")."""
    plan_id: str | None = attrs.field(default=None, validator=optional_str)
    """The case plan version it concerned, if any."""

    def __attrs_post_init__(self) -> None:
        if not self.person_ids:
            raise InvalidRecordError("'person_ids' must name at least one person (found none)",
                                     path="person_ids")
        if not self.activities:
            raise InvalidRecordError(
                "'activities' must name at least one of the five activities (found none)",
                path="activities",
            )
