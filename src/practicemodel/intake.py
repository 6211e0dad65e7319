"""Intake: reports of maltreatment, their response priority and how fast the agency responded.

CFSR item 1 (*timeliness of initiating investigations of reports of child maltreatment*,
Safety Outcome 1) reads these: a report accepted for investigation or for an alternative
(family assessment) response, on any child of the family, is rated on two dates: when the
agency first tried to contact the family (*initiation*) and when a caseworker first saw
the subject child face to face, each against the time frame the state sets for the
report's response priority (CFSR Round 3 onsite review instrument, item 1 A and B).
Screened-out reports do not count. Delays beyond the agency's control (item 1 C) are a
recorded fact, not something this library decides: contractors are the agency's own
responsibility, police may not be (CFSR FAQ, Safety Outcome 1).

The time frames are the state's, per priority: see the policy profile's
[`response_days`][practicemodel.policy.PolicyProfile.response_days].
"""

from __future__ import annotations

from datetime import date

import attrs

from practicemodel._checks import (
    a_bool,
    a_date,
    identifier,
    optional_bool,
    optional_date,
    optional_str,
    strings,
    to_tuple,
)

__all__ = ["MaltreatmentReport"]


def _some(instance: object, attribute: attrs.Attribute[object], value: tuple[str, ...]) -> None:
    from practicemodel.errors import InvalidRecordError

    if not value:
        raise InvalidRecordError(f"{attribute.name!r} must name at least one child",
                                 path=attribute.name)


@attrs.frozen(kw_only=True)
class MaltreatmentReport:
    """One report of suspected maltreatment received by the agency.

    Invariant: ``initiated_on`` and ``face_to_face_on`` are not before ``received_on``.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    received_on: date = attrs.field(validator=a_date)
    """The day the report reached the agency."""
    child_ids: tuple[str, ...] = attrs.field(converter=to_tuple,
                                             validator=[strings, _some])
    """The subject children (children of the case)."""
    priority: str = attrs.field(validator=identifier)
    """The response priority the agency assigned (the state's own codes, e.g. ``"1"``,
    ``"2"``, ``"3"``); its time frame is the profile's ``response_days[priority]``."""
    accepted: bool = attrs.field(default=True, validator=a_bool)
    """Accepted for investigation or an alternative response; ``False``: screened out (CFSR
    item 1 does not count it)."""
    alternative_response: bool = attrs.field(default=False, validator=a_bool)
    """Accepted for an alternative (family assessment) response rather than an
    investigation; item 1 counts both."""
    initiated_on: date | None = attrs.field(default=None, validator=optional_date)
    """The first attempt to contact the family (initiation of the response); ``None`` while
    none is recorded."""
    face_to_face_on: date | None = attrs.field(default=None, validator=optional_date)
    """The first face-to-face contact with the subject child(ren); ``None`` while none is
    recorded."""
    substantiated: bool | None = attrs.field(default=None, validator=optional_bool)
    """The finding of the investigation: ``True`` substantiated (indicated), ``False`` not,
    ``None`` not decided or an alternative response (CFSR item 3 D counts a similar
    substantiated report within 6 months as a recurrence)."""
    allegation: str | None = attrs.field(default=None, validator=optional_str)
    """The kind of maltreatment alleged, in the state's codes (e.g. ``"neglect"``,
    ``"physical_abuse"``), to tell a *similar* recurrence (CFSR item 3 D)."""
    delay_beyond_agency_control: bool = attrs.field(default=False, validator=a_bool)
    """A reviewer's or supervisor's recorded judgement that every delay in responding was
    beyond the agency's control (CFSR item 1 C; contractors never are)."""

    def __attrs_post_init__(self) -> None:
        from practicemodel._checks import order_problem
        from practicemodel.errors import InvalidRecordError

        problems = [p for p in (order_problem(self.received_on, self.initiated_on,
                                              "received_on", "initiated_on"),
                                order_problem(self.received_on, self.face_to_face_on,
                                              "received_on", "face_to_face_on"))
                    if p is not None]
        if problems:
            raise InvalidRecordError(problems)
