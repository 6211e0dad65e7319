"""Stability of foster care placement: ``stability.*`` (CFSR Round 3 item 4).

CFSR item 4, *stability of foster care placement* (Permanency Outcome 1), asks for each child
in foster care in the period under review: how many placement settings the child had in the
period (question A), whether every change of setting was planned to meet the case goals or
the child's needs (question B, not applicable when A is 1), and whether the current or most
recent setting is stable (question C). The item is a Strength when A = 1 and C = Yes, or A > 1
and B = C = Yes; otherwise an Area Needing Improvement; never Not Applicable in a foster care
case.

- ``stability.changes_planned`` (questions A and B): ``not_applicable`` when the child had one
  setting in the period (A = 1) or none; otherwise ``met`` when every change was planned,
  ``not_met`` when one was not, ``needs_review`` when a change's reason is not recorded or is
  ``other`` (a reviewer decides).
- ``stability.current_setting_stable`` (question C): ``not_met`` when the current or last
  setting is temporary or at risk, or the child is on runaway or ran away repeatedly in the
  period; ``needs_review`` when no setting is recorded; ``met`` otherwise.

With the review's generic item rule (Not Applicable when no finding applies, Area Needing
Improvement when an applicable finding is not met, Strength otherwise) these two findings give
the item's rating exactly: for A = 1 only C is applicable; for A > 1 both B and C must be met.

**Settings** (question A) are counted over every removal episode of the child open in the
period: a re-entry into care in a new setting counts. A trial home visit and a runaway are not
placement settings (CFSR Round 3 onsite review instrument, item 4 A); consecutive placements
with the same setting and the same caregivers or provider (a foster family moving house, a
return from a trial home visit or a runaway to the same home) are one setting.

**A change** (question B) is a move within an episode from one setting to the next, the next
begun in the period. The reason is the ``move_reason`` recorded on the setting left (or on a
trial home visit or runaway in between): ``case_goals``, ``child_needs``,
``siblings_or_relatives`` and ``beyond_control`` (an event no one controls, such as the
caregiver's death) are planned; ``disruption``, ``availability`` and ``temporary_holding``
are not, nor is any move out of a setting recorded as ``temporary`` (a temporary holding or
routine shelter stay); ``other`` or no reason is for a reviewer.

**The period under review** ends on ``as_of`` and spans the profile's ``review_period_months``.
Every child of the case is judged: the library rates each child in foster care in the period,
not one target child. A child not in foster care in the period (and every child of an in-home
case) is ``not_applicable``. Placements begun after ``as_of`` are not known yet.

Not computed, because they are a reviewer's judgement: whether a setting is stable despite
no recorded risk (unaddressed threats the record does not name), and the meaning of a move
recorded as ``other``.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import pairwise

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.periods import review_period_start
from practicemodel.placement import MoveReason, Placement, PlacementSetting, RemovalEpisode
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import NOT_SETTINGS, episodes_in_period, not_in_care
from practicemodel.rules._plans import _name, _words
from practicemodel.rules._shared import by_child, shared
from practicemodel.rules._visiting import _finding

__all__ = ["changes_planned", "current_setting_stable"]

M, NM, NA, NR = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NEEDS_REVIEW

"""Not placement settings for item 4 A: a trial home visit, a runaway."""

PLANNED = frozenset({MoveReason.CASE_GOALS, MoveReason.CHILD_NEEDS,
                     MoveReason.SIBLINGS_OR_RELATIVES, MoveReason.BEYOND_CONTROL})
"""Move reasons that make a change planned (CFSR item 4 B; an event beyond anyone's control,
such as the caregiver's death, counts as planned)."""

NOT_PLANNED = frozenset({MoveReason.DISRUPTION, MoveReason.AVAILABILITY,
                         MoveReason.TEMPORARY_HOLDING})
"""Move reasons that make a change unplanned (CFSR item 4 B: disruptions, moves driven by the
homes available, temporary holding and routine shelter moves)."""

_SEVERITY = {M: 0, NR: 1, NM: 2}

Setting = tuple[Placement, ...]
"""One placement setting: consecutive placements of the same home, oldest first."""


def _home(placement: Placement) -> tuple[object, ...] | None:
    """What makes two placements the same setting: setting, caregivers, provider (``None``
    when neither caregivers nor provider are recorded: never merged)."""
    if not placement.caregiver_ids and placement.provider is None:
        return None
    return placement.setting, frozenset(placement.caregiver_ids), placement.provider


def _known(episode: RemovalEpisode, as_of: date) -> list[Placement]:
    return [p for p in episode.placements if p.start <= as_of]


def _settings(episode: RemovalEpisode, as_of: date) -> list[Setting]:
    """The episode's settings known on ``as_of``, oldest first (trial home visits and
    runaways left out; consecutive placements of the same home merged)."""
    settings: list[list[Placement]] = []
    for placement in _known(episode, as_of):
        if placement.setting in NOT_SETTINGS:
            continue
        home = _home(placement)
        if settings and home is not None and _home(settings[-1][-1]) == home:
            settings[-1].append(placement)
        else:
            settings.append([placement])
    return [tuple(s) for s in settings]


def _overlaps(setting: Setting, start: date, as_of: date) -> bool:
    last_end = setting[-1].end
    return setting[0].start <= as_of and (last_end is None or last_end >= start)


def _change_outcome(left: Setting, between: Sequence[Placement]) -> tuple[Outcome, str | None]:
    """The outcome of the move out of ``left`` and the reason recorded for it."""
    reasons = [p.move_reason for p in (left[-1], *between) if p.move_reason is not None]
    reason = reasons[-1] if reasons else None
    if any(p.temporary for p in left):
        return NM, None if reason is None else reason.value
    if reason in NOT_PLANNED:
        return NM, reason.value
    if reason in PLANNED:
        return M, reason.value
    return NR, None if reason is None else reason.value


def _describe(setting: Setting) -> str:
    first = setting[0]
    end = setting[-1].end
    return (f"{first.id} ({first.setting.value}, from {first.start}"
            f"{'' if end is None else f' to {end}'})")


def _changes(case: Case, child_id: str, name: str, episodes: list[RemovalEpisode],
             start: date, as_of: date) -> Finding:
    rule = "stability.changes_planned"
    counted: list[Setting] = []
    judged: list[tuple[Setting, Setting, Outcome, str | None]] = []
    for episode in episodes:
        settings = _settings(episode, as_of)
        counted.extend(s for s in settings if _overlaps(s, start, as_of))
        known = _known(episode, as_of)
        for before, after in pairwise(settings):
            if not start <= after[0].start <= as_of:
                continue
            between = [p for p in known if before[-1].start < p.start < after[0].start]
            outcome, reason = _change_outcome(before, between)
            judged.append((before, after, outcome, reason))
    subject = f"placement changes of {name}"
    count = len(counted)
    facts: list[tuple[str, FactValue]] = [
        ("period under review from", start), ("as of", as_of),
        ("settings in the period", count),
        ("settings", word_list(_describe(s) for s in counted))]
    if count <= 1:
        why = (f"{name} had {'one placement setting' if count else 'no placement setting'} "
               f"in the period under review ({start} to {as_of}), so CFSR item 4 B (whether "
               "every change was planned) does not apply.")
        return _finding(rule, NA, child_id, _words, subject, why, tuple(facts),
                        child_id=child_id)
    outcome = max((o for *_, o, _ in judged), key=_SEVERITY.__getitem__, default=M)
    moves = [f"{b[-1].id} to {a[0].id} on {a[0].start}: "
             f"{'temporary setting left; ' if any(p.temporary for p in b) else ''}"
             f"{reason or 'no reason recorded'} ({o.value})" for b, a, o, reason in judged]
    facts.append(("changes", word_list(moves)))
    if not judged:
        why = (f"{name} had {count} placement settings in the period under review, none "
               "reached by a move within an episode (each began a new entry into care), so "
               "no change is unplanned (CFSR item 4 B).")
    elif outcome is M:
        why = (f"{name} had {count} placement settings in the period under review; every "
               "change was planned to meet the case goals or the child's needs (CFSR item 4 "
               "B).")
    elif outcome is NM:
        bad = [m for m, (*_, o, _) in zip(moves, judged, strict=True) if o is NM]
        why = (f"{name} had {count} placement settings in the period under review; a change "
               f"was not planned (a disruption, a move driven by availability, or out of a "
               f"temporary setting; CFSR item 4 B): {'; '.join(bad)}.")
    else:
        open_ = [m for m, (*_, o, _) in zip(moves, judged, strict=True) if o is NR]
        why = (f"{name} had {count} placement settings in the period under review; the "
               f"reason for a change is not recorded or is 'other', so a reviewer decides "
               f"whether it was planned (CFSR item 4 B): {'; '.join(open_)}.")
    return _finding(rule, outcome, child_id, _words, subject, why, tuple(facts),
                    child_id=child_id)


def _current(case: Case, child_id: str, name: str, episodes: list[RemovalEpisode],
             start: date, as_of: date) -> Finding:
    rule = "stability.current_setting_stable"
    latest = episodes[-1]
    last_day = as_of if latest.exit_on is None or latest.exit_on > as_of else latest.exit_on
    # the placement begun last of those covering the day: on the day of a move the child is
    # in the placement moved to (``placement_on`` gives the one left)
    on_last_day = next((p for p in reversed(_known(latest, as_of))
                        if p.start <= last_day and (p.end is None or p.end >= last_day)), None)
    settings = [p for p in _known(latest, as_of) if p.setting not in NOT_SETTINGS
                and p.start <= last_day]
    setting = settings[-1] if settings else None
    runaways = sorted({p.id for e in episodes for p in _known(e, as_of)
                       if p.setting is PlacementSetting.RUNAWAY
                       and (p.end is None or p.end >= start)})
    problems: list[str] = []
    if on_last_day is not None and on_last_day.setting is PlacementSetting.RUNAWAY:
        problems.append(f"the child is on runaway from {on_last_day.start} ({on_last_day.id})")
    if len(runaways) > 1:
        problems.append(f"the child ran away {len(runaways)} times in the period")
    if setting is not None and setting.temporary:
        problems.append(f"setting {setting.id} is temporary (a shelter or holding placement)")
    if setting is not None and setting.at_risk:
        problems.append(f"setting {setting.id} may not last (the caregiver may not continue, "
                        "or threats to it are not addressed)")
    if problems:
        outcome = NM
        why = (f"The current or last placement setting of {name} is not stable (CFSR item 4 "
               f"C): {'; '.join(problems)}.")
    elif setting is None:
        outcome = NR
        why = (f"{name} was in foster care in the period under review but no placement "
               f"setting of episode {latest.id} is recorded by {last_day}; a reviewer "
               "decides whether the current or last setting is stable (CFSR item 4 C).")
    else:
        outcome = M
        why = (f"The current or last placement setting of {name}, {setting.id} "
               f"({setting.setting.value}), is recorded neither as temporary nor at risk, and "
               "the child is not on runaway (CFSR item 4 C).")
    facts: tuple[tuple[str, FactValue], ...] = (
        ("episode", latest.id), ("last day in care judged", last_day),
        ("current or last setting", None if setting is None else setting.id),
        ("setting kind", None if setting is None else setting.setting.value),
        ("temporary", None if setting is None else ("yes" if setting.temporary else "no")),
        ("at risk", None if setting is None else ("yes" if setting.at_risk else "no")),
        ("runaways in the period", word_list(runaways)))
    return _finding(rule, outcome, child_id, _words, f"placement stability of {name}", why,
                    facts, child_id=child_id)


def _child_findings(case: Case, child_id: str, start: date, as_of: date) -> Iterator[Finding]:
    name = _name(case, child_id)
    episodes = episodes_in_period(case, child_id, start, as_of)
    if not episodes:
        yield from not_in_care(("stability.changes_planned", "stability.current_setting_stable"),
                               child_id, name, f"placement stability of {name}", 4, start,
                               as_of)
        return
    yield _changes(case, child_id, name, episodes, start, as_of)
    yield _current(case, child_id, name, episodes, start, as_of)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``stability.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    return by_child(case, lambda child_id: _child_findings(case, child_id, start, as_of))


def changes_planned(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Every change of placement setting in the period was planned.

    Rule ``stability.changes_planned``; CFSR item 4. For each child of the case: counts the
    placement settings in the period under review over every episode (question A; trial home
    visits and runaways are not settings); ``not_applicable`` with one setting or none, or for
    a child not in foster care in the period; ``not_met`` when a change was a disruption,
    driven by availability, a temporary holding move or a move out of a temporary setting;
    ``needs_review`` when a change's reason is ``other`` or not recorded; ``met`` otherwise
    (a move for the case goals, the child's needs, siblings or relatives, or beyond anyone's
    control).

    Source: CFSR Round 3 onsite review instrument, item 4, questions A and B.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("stability.changes_planned", ())


def current_setting_stable(case: Case, *, policy: PolicyProfile,
                           as_of: date) -> tuple[Finding, ...]:
    """The child's current or most recent placement setting is stable.

    Rule ``stability.current_setting_stable``; CFSR item 4. For each child of the case in
    foster care in the period under review: ``not_met`` when the current or last setting
    (trial home visits and runaways aside) is temporary or at risk, when the child is on
    runaway on the last day judged (``as_of`` or the exit), or ran away more than once in the
    period; ``needs_review`` when no setting is recorded; ``met`` otherwise.
    ``not_applicable`` for a child not in foster care in the period.

    Source: CFSR Round 3 onsite review instrument, item 4, question C.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("stability.current_setting_stable", ())
