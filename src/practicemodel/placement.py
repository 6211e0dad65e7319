"""Removal episodes and placements of a child in foster care.

An episode runs from removal to exit. Its facts drive the statutory timelines: the date a
child "entered foster care" is the earlier of the first judicial finding of abuse or neglect
and 60 days after removal (42 USC 675(5)(F)); ASFA's 15-of-22-months count runs across
episodes; trial home visits and runaway time are placement settings so rules can exclude them
(a policy setting; excluded by default).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_bool,
    a_date,
    day_count,
    identifier,
    optional_bool,
    optional_date,
    optional_str,
    optional_text,
    order_problem,
    strings,
    to_tuple,
    tuple_of,
)
from practicemodel.errors import InvalidRecordError, Problem

__all__ = [
    "ExitReason",
    "MoveReason",
    "Placement",
    "PlacementSetting",
    "RemovalEpisode",
    "RemovalManner",
]

_opt_date = optional_date


class RemovalManner(StrEnum):
    """How the child came into care (AFCARS "manner of removal")."""

    COURT_ORDERED = "court_ordered"
    VOLUNTARY = "voluntary"
    NOT_YET_DETERMINED = "not_yet_determined"


class PlacementSetting(StrEnum):
    """Where the child lives during an episode (AFCARS placement settings)."""

    FOSTER_FAMILY_RELATIVE = "foster_family_relative"
    FOSTER_FAMILY_NON_RELATIVE = "foster_family_non_relative"
    PRE_ADOPTIVE_HOME = "pre_adoptive_home"
    GROUP_HOME = "group_home"
    INSTITUTION = "institution"
    SUPERVISED_INDEPENDENT_LIVING = "supervised_independent_living"
    TRIAL_HOME_VISIT = "trial_home_visit"
    """The child is home on a trial basis while still in care; 6 months at most unless a
    court orders longer (45 CFR 1356.21(e), per CWPM 8.3C.5)."""
    RUNAWAY = "runaway"
    """The child has run away from a placement."""


class MoveReason(StrEnum):
    """Why a child left a placement setting for another (CFSR item 4 B: was every change
    planned to meet the case goals or the child's needs?)."""

    CASE_GOALS = "case_goals"
    """Planned, to move toward the case goals (e.g. to a pre-adoptive home, nearer the
    parents)."""
    CHILD_NEEDS = "child_needs"
    """Planned, to meet the child's needs (a less restrictive or a more suitable setting)."""
    SIBLINGS_OR_RELATIVES = "siblings_or_relatives"
    """Planned, to join siblings or to live with a relative."""
    DISRUPTION = "disruption"
    """The placement broke down (caregiver's request, the child's behavior): not planned."""
    AVAILABILITY = "availability"
    """Driven by which homes were available: not planned (item 4 B)."""
    TEMPORARY_HOLDING = "temporary_holding"
    """The setting was a temporary holding or a routine shelter stay: not planned."""
    BEYOND_CONTROL = "beyond_control"
    """An event no one could control (the caregiver died or fell ill): counts as planned."""
    OTHER = "other"
    """Any other reason: a reviewer decides."""


class ExitReason(StrEnum):
    """Why the episode ended (AFCARS reasons for discharge)."""

    REUNIFICATION = "reunification"
    LIVING_WITH_RELATIVE = "living_with_relative"
    ADOPTION = "adoption"
    GUARDIANSHIP = "guardianship"
    EMANCIPATION = "emancipation"
    TRANSFER_TO_ANOTHER_AGENCY = "transfer_to_another_agency"
    RUNAWAY = "runaway"
    DEATH = "death"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Placement:
    """One placement setting during an episode, from ``start`` to ``end`` (open if ``None``).

    Invariant: ``end`` is not before ``start``.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    setting: PlacementSetting = attrs.field(validator=v.instance_of(PlacementSetting))
    """The kind of setting."""
    start: date = attrs.field(validator=a_date)
    """First day in the setting."""
    end: date | None = attrs.field(default=None, validator=_opt_date)
    """Last day in the setting (``None`` while it continues)."""
    caregiver_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=strings
    )
    """Ids of the foster parents or relative caregivers the child lives with."""
    provider: str | None = attrs.field(default=None, validator=optional_str)
    """Name of the facility or licensed home, where there is one."""
    court_ordered_extension: bool = attrs.field(default=False, validator=a_bool)
    """For a trial home visit: whether a court ordered it to last longer than the limit."""
    move_reason: MoveReason | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(MoveReason)))
    """Why the child left this setting for the next one (``None``: not recorded, or the
    setting is the current one or the last of the episode)."""
    temporary: bool = attrs.field(default=False, validator=a_bool)
    """A temporary setting: an emergency shelter or a holding placement (CFSR item 4 C: a
    current setting that is temporary is not stable)."""
    at_risk: bool = attrs.field(default=False, validator=a_bool)
    """Recorded concerns that the setting may not last: the caregiver may not continue, or
    threats to it are not addressed (CFSR item 4 C)."""
    near_home: bool | None = attrs.field(default=None, validator=optional_bool)
    """Whether the setting is close to the parents' home or the child's own community and
    school (proximity; ``None``: not recorded)."""
    sibling_separation_reason: str | None = attrs.field(default=None, validator=optional_text)
    """A needs-based reason, recorded while the child lived here, for not placing the child
    with every sibling in care (CFSR item 7 B: a shortage of homes for sibling groups is no
    such reason)."""
    icwa_preferences_met: bool | None = attrs.field(default=None, validator=optional_bool)
    """For an Indian child: whether the placement follows the Indian Child Welfare Act's
    placement preferences, or good cause to depart from them is documented (25 USC 1915;
    CFSR item 9 D; ``None``: not recorded or not an Indian child)."""

    def __attrs_post_init__(self) -> None:
        problem = order_problem(self.start, self.end, "start", "end")
        if problem is not None:
            raise InvalidRecordError([problem])


@attrs.frozen(kw_only=True)
class RemovalEpisode:
    """One removal of a child from home, through the placements, to exit.

    Invariants: exit is not before removal; ``exit_reason`` is given exactly when
    ``exit_on`` is; the first abuse/neglect finding is not before removal; placements lie
    within the episode, in date order, without overlap.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=identifier)
    """Id of the child removed."""
    removed_on: date = attrs.field(validator=a_date)
    """Date of removal from home."""
    manner: RemovalManner = attrs.field(validator=v.instance_of(RemovalManner))
    """Court-ordered or voluntary."""
    removed_from_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=strings
    )
    """Ids of the caregivers the child was removed from."""
    first_abuse_neglect_finding_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date of the first judicial finding that the child was abused or neglected, if any
    (one of the two anchors of "entered foster care", 42 USC 675(5)(F))."""
    placements: tuple[Placement, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Placement)
    )
    """Placements in date order."""
    exit_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date the child left care (``None`` while in care)."""
    exit_reason: ExitReason | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ExitReason))
    )
    """Why the child left care; required when ``exit_on`` is given."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        p = order_problem(self.removed_on, self.exit_on, "removed_on", "exit_on")
        if p:
            problems.append(p)
        if (self.exit_on is None) != (self.exit_reason is None):
            problems.append(Problem(
                "exit_reason",
                "'exit_reason' must be given exactly when 'exit_on' is "
                f"(found {'no ' if self.exit_on is None else 'an '}'exit_on' and "
                f"{'no' if self.exit_reason is None else 'an'} 'exit_reason')",
            ))
        p = order_problem(self.removed_on, self.first_abuse_neglect_finding_on, "removed_on",
                          "first_abuse_neglect_finding_on")
        if p:
            problems.append(p)
        previous_end: date | None = None
        for i, placement in enumerate(self.placements):
            where = f"placements[{i}]"
            if placement.start < self.removed_on:
                problems.append(Problem(
                    f"{where}.start",
                    f"placement 'start' must be on or after the episode's 'removed_on' "
                    f"(found {day_count((self.removed_on - placement.start).days)} before it)",
                ))
            if self.exit_on is not None and (placement.end is None or placement.end > self.exit_on):
                problems.append(Problem(
                    f"{where}.end",
                    "placement 'end' must be on or before the episode's 'exit_on' "
                    + ("(found an open placement)" if placement.end is None else
                       f"(found {day_count((placement.end - self.exit_on).days)} after it)"),
                ))
            if i > 0 and (previous_end is None or placement.start < previous_end):
                problems.append(Problem(
                    f"{where}.start",
                    "placements must be in date order without overlap: 'start' is "
                    + (f"{day_count((previous_end - placement.start).days)} before the previous "
                       "placement's end" if previous_end else
                       "after a previous placement that is still open"),
                ))
            previous_end = placement.end
        if problems:
            raise InvalidRecordError(problems)

    def is_open_on(self, when: date) -> bool:
        """Tell whether the child was in care under this episode on ``when``."""
        return self.removed_on <= when and (self.exit_on is None or when <= self.exit_on)

    def placement_on(self, when: date) -> Placement | None:
        """Return the placement the child was in on ``when``, if any."""
        for placement in self.placements:
            if placement.start <= when and (placement.end is None or when <= placement.end):
                return placement
        return None
