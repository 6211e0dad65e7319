"""Shared builders of the CFSR rule tests: the outcome and rating shorthands, a fictional case
(Region 9, Fictional County, caseworker Casey Worker and supervisor Sunny Visor) and a removal
episode.

A plain module the ``test_*_rules.py`` files of the CFSR families import (``tests`` is no
package). Every family built with it is fictional.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from practicemodel.case import Case, CaseType
from practicemodel.findings import Outcome
from practicemodel.people import Person, StaffMember, StaffRole
from practicemodel.placement import ExitReason, Placement, RemovalEpisode, RemovalManner
from practicemodel.review import ReviewRating

D = date
M, NM, NA, NR = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NEEDS_REVIEW
S, ANI, NAR = (ReviewRating.STRENGTH, ReviewRating.AREA_NEEDING_IMPROVEMENT,
               ReviewRating.NOT_APPLICABLE)

STAFF = (StaffMember(id="cw", name="Casey Worker", role=StaffRole.CASEWORKER),
         StaffMember(id="sup", name="Sunny Visor", role=StaffRole.SUPERVISOR))
"""The caseworker (``cw``) and supervisor (``sup``) of every fictional case here."""


def fictional_case(ident: str, *, case_type: CaseType, opened_on: date,
                   people: Iterable[Person], child_ids: Iterable[str],
                   **records: object) -> Case:
    """A case of Region 9, Fictional County, worked by ``STAFF``, with ``records`` (the other
    fields of [`Case`][practicemodel.case.Case])."""
    return Case(id=ident, case_type=case_type, opened_on=opened_on, region="Region 9",
                county="Fictional County", caseworker_id="cw", supervisor_id="sup",
                staff=STAFF, people=tuple(people), child_ids=tuple(child_ids),
                **records)  # type: ignore[arg-type]


def episode(ident: str, child_id: str, removed_on: date, placements: Iterable[Placement], *,
            exit_on: date | None = None, **more: object) -> RemovalEpisode:
    """A court-ordered removal of ``child_id`` into ``placements``, ended by reunification on
    ``exit_on`` when given."""
    return RemovalEpisode(id=ident, child_id=child_id, removed_on=removed_on,
                          manner=RemovalManner.COURT_ORDERED, placements=tuple(placements),
                          exit_on=exit_on,
                          exit_reason=ExitReason.REUNIFICATION if exit_on else None,
                          **more)  # type: ignore[arg-type]
