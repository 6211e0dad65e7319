"""Relative placement: ``relatives.*`` (CFSR Round 3 item 10).

CFSR item 10, *relative placement* (Permanency Outcome 2), asks for a child in foster care
whether the child was placed with a relative (question A1) and the placement was stable and
appropriate (A2); if not, whether the agency identified, located, informed and evaluated
maternal (B) and paternal (C) relatives as placements. The item is a Strength when A1 = A2 =
Yes, or B and C are Yes or NA; an Area Needing Improvement when A1 or A2 is No and B or C is
No.

The two rules divide the questions so that the review's generic item rule (Not Applicable
when no finding applies, Area Needing Improvement when an applicable finding is not met,
Strength otherwise) reproduces the item's rule:

- ``relatives.placement`` (A1, A2) is ``met`` when the child's current or last placement
  setting is with a relative (setting ``foster_family_relative``, or a caregiver recorded as
  the child's relative: a related foster parent, a relative caregiver, another relative)
  and stable (recorded neither as temporary nor at risk); otherwise ``not_applicable``, never
  ``not_met``: a child not placed with a relative fails the item only through B or C.
- ``relatives.search`` (B, C) is ``not_applicable`` when the placement rule is met (the
  instrument's "A1 = A2 = Yes" is a Strength whatever B and C say); otherwise ``met`` when
  each side was searched for, ``not_met`` when a side was not, or its relatives were found and
  none informed, or the search was late.

**A side was searched for** when a relative search of that side for the child is recorded,
completed by ``as_of``, with the relatives it found informed of the removal (or none found
on that side). When the searches of both sides found no relative at all, the rule is
``not_applicable``: the instrument's exception for relatives unknown after a documented
search makes item 10 Not Applicable, not a Strength. A search is due within
``policy.relative_notice_days`` (30) of the latest removal (42 USC 671(a)(29)); a search
completed later is late, unless that day fell before the period under review (then any
search completed by ``as_of`` counts: the period's efforts are judged). While the days run
and no search is recorded, the side is not due yet: with both sides not due the rule is
``not_applicable``. Whether the relatives found were evaluated as placements is in the
finding's facts; whether the efforts were concerted, and the instrument's other exceptions
(a lasting need for a specialized placement from entry), are a reviewer's judgement.

Every child of the case is judged (the library rates each child in foster care, not one
target child); a child not in foster care in the period, and every child of an in-home case,
is ``not_applicable``. Records dated after ``as_of`` are not known yet.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.connections import FamilySide, RelativeSearch
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.people import RelationshipKind
from practicemodel.periods import review_period_start
from practicemodel.placement import Placement, PlacementSetting, RemovalEpisode
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import NOT_SETTINGS, episodes_in_period, not_in_care
from practicemodel.rules._plans import _name, _words
from practicemodel.rules._shared import by_child, shared
from practicemodel.rules._visiting import _finding

__all__ = ["placement", "search"]

M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE

_RELATIVE_KINDS = frozenset({RelationshipKind.RELATIVE_CAREGIVER,
                             RelationshipKind.OTHER_RELATIVE, RelationshipKind.SIBLING})


def _relatives(case: Case, child_id: str) -> frozenset[str]:
    """The adults recorded as the child's relatives (a related foster parent included)."""
    return frozenset(r.adult_id for r in case.relationships if r.child_id == child_id and (
        r.kind in _RELATIVE_KINDS or (r.foster_home is not None and r.foster_home.related)))


def _last_setting(episode: RemovalEpisode, as_of: date) -> Placement | None:
    """The current or last placement setting of the episode (trial home visits and runaways
    are not settings)."""
    last_day = as_of if episode.exit_on is None else min(episode.exit_on, as_of)
    settings = [p for p in episode.placements
                if p.setting not in NOT_SETTINGS and p.start <= last_day]
    return settings[-1] if settings else None


def _placement_finding(case: Case, child_id: str, name: str, episode: RemovalEpisode,
                       as_of: date) -> tuple[Finding, bool]:
    setting = _last_setting(episode, as_of)
    relatives = _relatives(case, child_id)
    with_relative = setting is not None and (
        setting.setting is PlacementSetting.FOSTER_FAMILY_RELATIVE
        or bool(relatives & set(setting.caregiver_ids)))
    stable = setting is not None and not setting.temporary and not setting.at_risk
    facts: tuple[tuple[str, FactValue], ...] = (
        ("episode", episode.id),
        ("current or last setting", None if setting is None else setting.id),
        ("setting kind", None if setting is None else setting.setting.value),
        ("caregivers", None if setting is None else word_list(setting.caregiver_ids)),
        ("with a relative", "yes" if with_relative else "no"),
        ("stable", None if setting is None else ("yes" if stable else "no")))
    if setting is not None and with_relative and stable:
        met = True
        why = (f"{name} lives (or last lived) with a relative in a stable setting, "
               f"{setting.id} ({setting.setting.value}) (CFSR item 10 A1 and A2): the "
               "relative search is not needed for the item.")
    else:
        met = False
        if setting is None:
            state = "no placement setting is recorded"
        elif not with_relative:
            state = f"the current or last setting, {setting.id}, is not with a relative"
        else:
            state = (f"the relative placement {setting.id} is recorded as temporary or at "
                     "risk, so not stable")
        why = (f"For {name}, {state} (CFSR item 10 A1, A2 not Yes); the item then turns on "
               "the search for maternal and paternal relatives (relatives.search).")
    return _finding("relatives.placement", M if met else NA, child_id, _words,
                    f"relative placement of {name}", why, facts, child_id=child_id), met


def _side(searches: list[RelativeSearch], side: FamilySide, due: date, start: date,
          as_of: date) -> tuple[str, RelativeSearch | None]:
    """The state of one side's search: ``done``, ``late``, ``not informed``, ``not due`` or
    ``none``, and the search it rests on."""
    mine = [s for s in searches if s.side is side]
    informed = [s for s in mine if s.relatives_notified > 0 or s.relatives_found == 0]
    timely = [s for s in informed if s.completed_on <= due or due < start]
    if timely:
        return "done", timely[0]
    if informed:
        return "late", informed[0]
    if mine:
        return ("not due" if as_of <= due else "not informed"), mine[-1]
    return ("not due" if as_of <= due else "none"), None


_SIDE_WORDS = {
    "done": "searched, relatives informed (or none found)",
    "late": "searched late",
    "not informed": "relatives found, none informed",
    "not due": "not due yet (no relative informed so far)",
    "none": "no search recorded",
}


def _search_finding(case: Case, child_id: str, name: str, episode: RemovalEpisode,
                    policy: PolicyProfile, placed: bool, start: date, as_of: date) -> Finding:
    rule = "relatives.search"
    searches = sorted((s for s in case.relative_searches if s.child_id == child_id
                       and s.completed_on <= as_of), key=lambda s: (s.completed_on, s.id))
    days = policy.relative_notice_days
    due = episode.removed_on + timedelta(days=days)
    states = {side: _side(searches, side, due, start, as_of) for side in FamilySide}

    def about(side: FamilySide) -> str:
        state, found = states[side]
        if found is None:
            return _SIDE_WORDS[state]
        return (f"{_SIDE_WORDS[state]}: {found.id} on {found.completed_on}, "
                f"{found.relatives_found} found, {found.relatives_notified} informed, "
                f"{found.relatives_evaluated} evaluated")

    facts: tuple[tuple[str, FactValue], ...] = (
        ("removed on", episode.removed_on), ("search due by", due), ("notice days", days),
        ("maternal relatives", about(FamilySide.MATERNAL)),
        ("paternal relatives", about(FamilySide.PATERNAL)))
    failed = [side.value for side in FamilySide
              if states[side][0] in ("late", "not informed", "none")]
    unknown = all(any(s.side is side for s in searches)
                  and all(s.relatives_found == 0 for s in searches if s.side is side)
                  for side in FamilySide)
    waiting = [side.value for side in FamilySide if states[side][0] == "not due"]
    if placed:
        outcome = NA
        why = (f"{name} is placed with a relative in a stable setting (relatives.placement), "
               "so the search for relatives does not decide CFSR item 10.")
    elif unknown:
        outcome = NA
        why = (f"The searches of both sides found no relative of {name} (maternal: "
               f"{about(FamilySide.MATERNAL)}; paternal: {about(FamilySide.PATERNAL)}): "
               "relatives unknown after a documented search, so CFSR item 10 does not "
               "apply.")
    elif failed:
        outcome = NM
        why = (f"The {' and '.join(failed)} relatives of {name} were not all sought and "
               f"informed within {days} days of the removal on {episode.removed_on} (CFSR item "
               f"10 B and C; 42 USC 671(a)(29)): maternal: {about(FamilySide.MATERNAL)}; "
               f"paternal: {about(FamilySide.PATERNAL)}.")
    elif all(states[side][0] == "not due" for side in FamilySide):
        outcome = NA
        why = (f"{name} was removed on {episode.removed_on}; the search for relatives is due "
               f"by {due} ({days} days) and none is recorded yet, so CFSR item 10 B and C "
               "cannot be judged yet.")
    else:
        outcome = M
        sought = ("maternal and paternal" if not waiting else
                  " ".join(side.value for side in FamilySide if side.value not in waiting))
        later = (f"; the search of the {waiting[0]} side is not due yet (by {due})"
                 if waiting else "")
        why = (f"The {sought} relatives of {name} were sought and informed{later} "
               f"(CFSR item 10 B and C; 42 USC 671(a)(29)): maternal: "
               f"{about(FamilySide.MATERNAL)}; paternal: {about(FamilySide.PATERNAL)}.")
    return _finding(rule, outcome, child_id, _words, f"search for relatives of {name}", why,
                    facts, child_id=child_id)


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, start: date,
                    as_of: date) -> Iterator[Finding]:
    name = _name(case, child_id)
    episodes = episodes_in_period(case, child_id, start, as_of)
    if not episodes:
        yield from not_in_care(("relatives.placement", "relatives.search"), child_id, name,
                               f"relative placement of {name}", 10, start, as_of)
        return
    finding, placed = _placement_finding(case, child_id, name, episodes[-1], as_of)
    yield finding
    yield _search_finding(case, child_id, name, episodes[-1], policy, placed, start, as_of)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``relatives.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    return by_child(case, lambda child_id: _child_findings(case, child_id, policy, start,
                                                           as_of))


def placement(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Placed with a relative, in a stable setting.

    Rule ``relatives.placement``; CFSR item 10. For each child of the case in foster care in
    the period under review: ``met`` when the current or last placement setting is with a
    relative (``foster_family_relative``, or a caregiver recorded as the child's relative) and
    recorded neither as temporary nor at risk; ``not_applicable`` otherwise (the item then
    turns on ``relatives.search``), and for a child not in foster care in the period.

    Source: CFSR Round 3 onsite review instrument, item 10, question A.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("relatives.placement", ())


def search(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Maternal and paternal relatives sought and informed.

    Rule ``relatives.search``; CFSR item 10. For each child of the case in foster care in the
    period under review and not placed with a relative in a stable setting: ``met`` when each
    side's search is recorded with the relatives found informed (or none found), within
    ``policy.relative_notice_days`` of the latest removal (or by ``as_of`` when that day fell
    before the period); ``not_met`` when a side has no search after the days ran out, a late
    one, or relatives found and none informed; ``not_applicable`` while both sides are not
    due yet, when the searches of both sides found no relative (relatives unknown after a
    documented search), for a child placed with a relative, or a child not in foster care in
    the period.

    Source: CFSR Round 3 onsite review instrument, item 10, questions B and C;
    42 USC 671(a)(29).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("relatives.search", ())
