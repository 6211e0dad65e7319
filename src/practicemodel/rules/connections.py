"""Preserving connections: ``connections.*`` (CFSR Round 3 item 9).

CFSR item 9, *preserving connections* (Permanency Outcome 2), applies to nearly every foster
care case. Question A asks whether concerted efforts kept the child's important connections
(community, faith, extended family, siblings not in care, Tribe, school, friends); B records
whether the agency inquired about Tribal membership (recorded, not rated); C whether the Tribe
of a child with reason to know was notified in time before the proceedings (25 USC 1912(a));
D whether the Indian Child Welfare Act's placement preferences were followed (25 USC 1915).
The item is a Strength when A = Yes and C and D are Yes or NA; an Area Needing Improvement
when A, C or D is No.

One finding per child of the case for each question:

- ``connections.maintained`` (A): ``met`` when every connection recorded for the child is
  kept up, ``not_met`` when one is not, ``needs_review`` when one's upkeep is not recorded,
  or when no connection is recorded at all. The instrument applies item 9 to nearly every
  foster care case: every child has some connection worth keeping, so a record that names
  none is a question for a reviewer, not a reason to skip the item.
- ``connections.icwa_inquiry`` (B): ``met`` when an inquiry whether the child is an Indian
  child is recorded, ``not_applicable`` otherwise. Question B is recorded, not rated: the
  finding never makes the item an Area Needing Improvement (it is never ``not_met``), and it
  never makes an item applicable that would otherwise not be (A is applicable for every
  child in care). A missing inquiry is said in the finding's words for the reviewer.
- ``connections.tribe_notified`` (C): for a child with reason to know he or she is an Indian
  child (an inquiry that gave reason to know, or a recorded tribal affiliation), ``met``
  when the Tribe was notified at least ``policy.tribe_notice_days`` (10) days before the
  first foster care proceeding after the latest removal (the first adjudication,
  disposition, review or permanency hearing held in court: an emergency or shelter hearing,
  kind ``other``, is exempt under 25 USC 1922), ``not_met`` when it was notified later or not
  at all; ``not_applicable`` without reason to know, or before the first such hearing.
- ``connections.icwa_preferences`` (D): for the same children, ``met`` when every placement
  setting in the period records the placement preferences as followed (or good cause to
  depart from them), ``not_met`` when one records them not followed, ``needs_review`` when one
  does not record it; ``not_applicable`` without reason to know.

With the review's generic item rule (Not Applicable when no finding applies, Area Needing
Improvement when an applicable finding is not met, Strength otherwise) these give the item's
rating: A decides for a child with no reason to know; C and D join it for an Indian child.

Every child of the case is judged (the library rates each child in foster care in the
period, not one target child); a child not in foster care in the period, and every child of
an in-home case, is ``not_applicable``. Records dated after ``as_of`` are not known yet.

Not computed, because they are a reviewer's judgement: whether the agency's efforts to keep a
connection were concerted when the record only says it was not kept up (a connection the
child or family chose to end is still recorded as not maintained), and whether good cause to
depart from the ICWA preferences was adequate.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.connections import Connection
from practicemodel.court import Hearing, HearingKind
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.periods import review_period_start
from practicemodel.placement import RemovalEpisode
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import NOT_SETTINGS, episodes_in_period, not_in_care
from practicemodel.rules._plans import _name, _person, _words
from practicemodel.rules._shared import by_child, shared
from practicemodel.rules._visiting import _finding

__all__ = ["icwa_inquiry", "icwa_preferences", "maintained", "tribe_notified"]

M, NM, NA, NR = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NEEDS_REVIEW

_PROCEEDINGS = frozenset({HearingKind.ADJUDICATION, HearingKind.DISPOSITION,
                          HearingKind.PERIODIC_REVIEW, HearingKind.PERMANENCY_HEARING})
"""Hearings that are foster care proceedings for 25 USC 1912(a); a hearing of kind ``other``
(an emergency or shelter custody hearing, 25 USC 1922) is not counted."""

_RULES = ("connections.maintained", "connections.icwa_inquiry", "connections.tribe_notified",
          "connections.icwa_preferences")


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _maintained(case: Case, child_id: str, name: str, as_of: date) -> Finding:
    known = sorted((c for c in case.connections if c.child_id == child_id
                    and c.identified_on <= as_of), key=lambda c: (c.identified_on, c.id))
    lost = [c for c in known if c.maintained is False]
    unknown = [c for c in known if c.maintained is None]

    def show(items: list[Connection]) -> str:
        return word_list(f"{c.id} ({c.kind.value}"
                         f"{': ' + c.description if c.description else ''})" for c in items)

    facts: tuple[tuple[str, FactValue], ...] = (
        ("connections recorded", len(known)),
        ("kept up", show([c for c in known if c.maintained])),
        ("not kept up", show(lost)), ("upkeep not recorded", show(unknown)))
    if not known:
        outcome = NR
        why = (f"No important connection of {name} is recorded by {as_of}. CFSR item 9 "
               "applies to nearly every child in foster care: a reviewer should find the "
               "child's connections (community, faith, extended family, siblings not in care, "
               "Tribe, school, friends) and whether they were kept up (item 9 A).")
    elif lost:
        outcome = NM
        why = (f"An important connection of {name} was not kept up (CFSR item 9 A): "
               f"{show(lost)}.")
    elif unknown:
        outcome = NR
        why = (f"Whether an important connection of {name} was kept up is not recorded; a "
               f"reviewer decides (CFSR item 9 A): {show(unknown)}.")
    else:
        outcome = M
        why = (f"Every important connection recorded for {name} ({len(known)}) was kept up "
               "(CFSR item 9 A).")
    return _finding("connections.maintained", outcome, child_id, _words,
                    f"connections of {name}", why, facts, child_id=child_id)


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, start: date,
                    as_of: date) -> Iterator[Finding]:
    name = _name(case, child_id)
    episodes = episodes_in_period(case, child_id, start, as_of)
    if not episodes:
        yield from not_in_care(_RULES, child_id, name, f"connections of {name}", 9, start,
                               as_of)
        return
    yield _maintained(case, child_id, name, as_of)

    # B: the inquiry (recorded, not rated)
    inquiries = sorted((q for q in case.icwa_inquiries if q.child_id == child_id
                        and q.made_on <= as_of), key=lambda q: (q.made_on, q.id))
    if inquiries:
        first = inquiries[0]
        gave = "gave" if any(q.reason_to_know for q in inquiries) else "gave no"
        why = (f"The agency inquired whether {name} is an Indian child on {first.made_on} "
               f"({first.id}); it {gave} reason to know (CFSR item 9 B, recorded, not rated; "
               "25 CFR 23.107(a)).")
        outcome = M
    else:
        why = (f"No inquiry whether {name} is an Indian child is recorded by {as_of}. CFSR "
               "item 9 B is recorded, not rated, so this does not count toward the item; a "
               "reviewer should note it (25 CFR 23.107(a) asks for the inquiry at the start "
               "of each proceeding).")
        outcome = NA
    yield _finding("connections.icwa_inquiry", outcome, child_id, _words,
                   f"ICWA inquiry for {name}", why,
                   (("inquiries", word_list(f"{q.id} on {q.made_on}" for q in inquiries)),
                    ("reason to know", _yes_no(any(q.reason_to_know for q in inquiries))
                     if inquiries else None)), child_id=child_id)

    child = _person(case, child_id)
    affiliation = None if child is None else child.tribal_affiliation
    reason = [f"inquiry {q.id} of {q.made_on}" for q in inquiries if q.reason_to_know]
    if affiliation is not None:
        reason.append(f"tribal affiliation with {affiliation.tribe}")
    yield _tribe_notified(case, child_id, name, policy, episodes[-1], reason,
                          affiliation.tribe if affiliation else None,
                          affiliation.tribe_notified_on if affiliation else None, as_of)
    yield _preferences(child_id, name, episodes, reason, start, as_of)


def _tribe_notified(case: Case, child_id: str, name: str, policy: PolicyProfile,
                    episode: RemovalEpisode, reason: list[str], tribe: str | None,
                    notified_on: date | None, as_of: date) -> Finding:
    rule = "connections.tribe_notified"
    if notified_on is not None and notified_on > as_of:
        notified_on = None
    hearings: list[Hearing] = sorted(
        (h for h in case.hearings if child_id in h.child_ids and h.kind in _PROCEEDINGS
         and not h.administrative and episode.removed_on <= h.held_on <= as_of),
        key=lambda h: (h.held_on, h.id))
    hearing = hearings[0] if hearings else None
    days = policy.tribe_notice_days
    due = None if hearing is None else hearing.held_on - timedelta(days=days)
    facts: tuple[tuple[str, FactValue], ...] = (
        ("reason to know", word_list(reason)), ("tribe", tribe),
        ("removed on", episode.removed_on),
        ("first proceeding", None if hearing is None else f"{hearing.id} ({hearing.kind.value})"),
        ("held on", None if hearing is None else hearing.held_on),
        ("notice due by", due), ("tribe notified on", notified_on),
        ("notice days", days))
    if not reason:
        outcome = NA
        why = (f"Nothing recorded gives reason to know {name} is an Indian child, so CFSR "
               "item 9 C (notice to the Tribe) does not apply.")
    elif hearing is None or due is None:
        outcome = NA
        why = (f"There is reason to know {name} is an Indian child ({', '.join(reason)}), but "
               f"no foster care proceeding has been held since the removal on "
               f"{episode.removed_on}; CFSR item 9 C cannot be judged yet.")
    elif notified_on is not None and notified_on <= due:
        outcome = M
        why = (f"The Tribe of {name} was notified on {notified_on}, at least {days} days "
               f"before the first proceeding ({hearing.id}, {hearing.held_on}) (CFSR item 9 "
               "C; 25 USC 1912(a)).")
    else:
        outcome = NM
        when = ("was not notified" if notified_on is None else
                f"was notified on {notified_on}, {(notified_on - due).days} days late")
        why = (f"There is reason to know {name} is an Indian child ({', '.join(reason)}); the "
               f"Tribe {when}: notice was due by {due}, {days} days before the first "
               f"proceeding ({hearing.id}, {hearing.held_on}) (CFSR item 9 C; 25 USC "
               "1912(a)).")
    return _finding(rule, outcome, child_id, _words, f"notice to the Tribe of {name}", why,
                    facts, child_id=child_id)


def _preferences(child_id: str, name: str, episodes: list[RemovalEpisode], reason: list[str],
                 start: date, as_of: date) -> Finding:
    rule = "connections.icwa_preferences"
    placements = [p for e in episodes for p in e.placements
                  if p.setting not in NOT_SETTINGS and p.start <= as_of
                  and (p.end is None or p.end >= start)]
    placements.sort(key=lambda p: (p.start, p.id))
    followed = [p.id for p in placements if p.icwa_preferences_met is True]
    departed = [p.id for p in placements if p.icwa_preferences_met is False]
    unknown = [p.id for p in placements if p.icwa_preferences_met is None]
    facts: tuple[tuple[str, FactValue], ...] = (
        ("reason to know", word_list(reason)), ("preferences followed", word_list(followed)),
        ("preferences not followed", word_list(departed)),
        ("not recorded", word_list(unknown)))
    if not reason:
        outcome = NA
        why = (f"Nothing recorded gives reason to know {name} is an Indian child, so CFSR "
               "item 9 D (ICWA placement preferences) does not apply.")
    elif not placements:
        outcome = NA
        why = (f"{name} was in no placement setting in the period under review, so CFSR item "
               "9 D has no placement to judge.")
    elif departed:
        outcome = NM
        why = (f"A placement of {name}, a child with reason to know he or she is an Indian "
               f"child, did not follow the ICWA placement preferences without good cause "
               f"(CFSR item 9 D; 25 USC 1915): {', '.join(departed)}.")
    elif unknown:
        outcome = NR
        why = (f"Whether a placement of {name} followed the ICWA placement preferences is not "
               f"recorded; a reviewer decides (CFSR item 9 D; 25 USC 1915): "
               f"{', '.join(unknown)}.")
    else:
        outcome = M
        why = (f"Every placement of {name} in the period followed the ICWA placement "
               "preferences or documents good cause to depart from them (CFSR item 9 D; "
               "25 USC 1915).")
    return _finding(rule, outcome, child_id, _words, f"ICWA placement preferences for {name}",
                    why, facts, child_id=child_id)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``connections.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    return by_child(case, lambda child_id: _child_findings(case, child_id, policy, start,
                                                           as_of))


def maintained(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The child's important connections were kept up.

    Rule ``connections.maintained``; CFSR item 9. For each child of the case in foster care in
    the period under review: ``met`` when every connection recorded by ``as_of`` was kept up;
    ``not_met`` when one was not; ``needs_review`` when the upkeep of one is not recorded, or
    no connection is recorded (item 9 applies to nearly every foster care case).
    ``not_applicable`` for a child not in foster care in the period.

    Source: CFSR Round 3 onsite review instrument, item 9, question A.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("connections.maintained", ())


def icwa_inquiry(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """An inquiry whether the child is an Indian child is recorded (recorded, not rated).

    Rule ``connections.icwa_inquiry``; CFSR item 9. For each child of the case in foster care
    in the period under review: ``met`` when an inquiry is recorded by ``as_of``;
    ``not_applicable`` otherwise (the instrument records question B without rating it, so the
    finding is never ``not_met`` and never decides the item's rating on its own).

    Source: CFSR Round 3 onsite review instrument, item 9, question B; 25 CFR 23.107(a).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("connections.icwa_inquiry", ())


def tribe_notified(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The Tribe was notified in time before the first foster care proceeding.

    Rule ``connections.tribe_notified``; CFSR item 9. For each child of the case in foster
    care in the period under review with reason to know he or she is an Indian child: ``met``
    when the Tribe was notified at least ``policy.tribe_notice_days`` days before the first
    foster care proceeding after the latest removal; ``not_met`` when later or not at all;
    ``not_applicable`` before that proceeding, without reason to know, or for a child not in
    care in the period.

    Source: CFSR Round 3 onsite review instrument, item 9, question C; 25 USC 1912(a).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("connections.tribe_notified", ())


def icwa_preferences(case: Case, *, policy: PolicyProfile,
                     as_of: date) -> tuple[Finding, ...]:
    """The ICWA placement preferences were followed.

    Rule ``connections.icwa_preferences``; CFSR item 9. For each child of the case in foster
    care in the period under review with reason to know he or she is an Indian child: ``met``
    when every placement setting in the period followed the preferences (or documents good
    cause); ``not_met`` when one did not; ``needs_review`` when one does not record it;
    ``not_applicable`` without reason to know, or for a child not in care in the period.

    Source: CFSR Round 3 onsite review instrument, item 9, question D; 25 USC 1915.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("connections.icwa_preferences", ())
