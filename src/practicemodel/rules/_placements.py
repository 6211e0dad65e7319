"""Helpers the CFSR permanency rule modules share (stability, siblings, connections,
relatives, parent_child) and the well-being ones (education, health, mental_health): which
removal episodes of a child fall in the period under review, which placements are placement
settings, and the findings of a child not in foster care in the period."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from practicemodel.case import Case
from practicemodel.findings import Finding, Outcome
from practicemodel.placement import PlacementSetting, RemovalEpisode
from practicemodel.rules._plans import _words
from practicemodel.rules._visiting import _finding

NOT_SETTINGS = frozenset({PlacementSetting.TRIAL_HOME_VISIT, PlacementSetting.RUNAWAY})
"""Placements that are not placement settings: a trial home visit and a runaway (CFSR Round 3
onsite review instrument, item 4 A)."""


def episodes_in_period(case: Case, child_id: str, start: date,
                       as_of: date) -> list[RemovalEpisode]:
    """The child's removal episodes open on some day of ``[start, as_of]`` (begun by
    ``as_of``, not ended before ``start``), oldest first."""
    return [e for e in case.episodes_for(child_id)
            if e.removed_on <= as_of and (e.exit_on is None or e.exit_on >= start)]


def not_in_care(rules: Iterable[str], child_id: str, name: str, subject: str, item: int,
                start: date, as_of: date) -> Iterator[Finding]:
    """One ``not_applicable`` finding of each of ``rules`` for a child not in foster care in
    the period under review ``[start, as_of]``: CFSR item ``item`` does not apply to it."""
    why = (f"{name} was not in foster care in the period under review ({start} to "
           f"{as_of}), so CFSR item {item} does not apply.")
    for rule in rules:
        yield _finding(rule, Outcome.NOT_APPLICABLE, child_id, _words, subject, why,
                       (("period under review from", start), ("as of", as_of)),
                       child_id=child_id)
