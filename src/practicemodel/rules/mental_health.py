"""A child's mental and behavioral health: ``mental_health.*`` (CFSR Round 3 item 18).

What the case record can decide of CFSR item 18, *mental/behavioral health of the child*
(Well-Being Outcome 3): whether the agency assessed the child's mental and behavioral health
needs, and whether it provided the services to meet the needs it found, for each child of the
case the item covers in the period under review:

- ``mental_health.needs_assessed`` (the assessment question): a foster care child who entered
  care in the period aged ``policy.mental_health_screening_age`` (3) or older had a mental
  health screening within ``policy.health_screening_days`` (30) of the removal; a child with a
  mental health need recorded in the period was screened in the period (a need identified in
  it counts), and no need stayed open more than ``policy.reassessment_months`` (6) without a
  new screening (CFSR FAQ, well-being outcome 3: when a child makes no progress, the agency
  should reassess the interventions; an open need is read as no progress recorded);
- ``mental_health.needs_served`` (the services question): each mental health need identified
  in, or carried into, the period under review (not met before it) had a linked service
  started, or was met, within ``policy.need_service_days`` (60) of being identified.

**Which children.** The period under review ends on ``as_of`` and spans the profile's
``review_period_months`` (12), as for the other CFSR rules. A case is reviewed as a *foster
care* case when a child of it was in foster care on some day of the period (its latest
removal episode begun by ``as_of`` was open then), otherwise as an *in-home* case when the case
was open in the period (CFSR Round 3 onsite review instrument, face sheet: the case type).
The federal review rates one target child of a foster care case; this library rates every
child of the case in foster care in the period, each with its own findings, and the other
children of a foster care case are ``not_applicable``. A foster care child is judged to the
last day in care in the period (the exit, or ``as_of``). For the children of an in-home case
the instrument asks about the needs that came to the agency's attention: both rules judge
only a child with a mental health need recorded (none: ``not_applicable``).

**The screening age** is this library's choice, a policy setting
([`mental_health_screening_age`][practicemodel.policy.PolicyProfile.mental_health_screening_age],
3): the age on the day of the removal. A younger child, or a child who entered care before the
period, is judged on the initial screening only through a recorded need. A child who entered
care in the period with no birth date recorded ``needs_review`` unless screened in time.

**Timing.** While a child who entered care in the period is within the initial window with no
screening yet, the entry screening is not judged (``not_applicable`` when nothing else is).
The reassessment is judged for each mental health need at the day it was met, or on the last
day judged while it is open: the latest screening since the need was identified (or the
identification) must be at most ``reassessment_months`` old then. A need is served when a
linked service started, or the need was met, within ``need_service_days``; until they pass it
is ``not_applicable``; a service only referred or waitlisted when they pass leaves the need
``not_met`` (the explanation says so). Records dated after ``as_of`` (or after a child's last
day judged) are not known yet.

**How item 18 is rated from these findings** (the generic rule of
[`ReviewItem`][practicemodel.review.ReviewItem]): Not Applicable when every finding is
``not_applicable`` (a child below the screening age, or in care since before the period, with
no mental health need; an in-home child with none); Area Needing Improvement when any finding
is ``not_met`` or ``needs_review``; Strength otherwise.

Not computed, because they are a reviewer's judgement: whether the screening was accurate and
complete, whether the services matched the needs, whether the child made progress (the record
holds only whether the need was met), and the oversight of psychotropic medication.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``; findings
come child by child in the order of ``case.child_ids``, a child's needs by the day they were
identified. The errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import Explanation, Finding, Outcome
from practicemodel.periods import add_months
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import shared
from practicemodel.rules._visiting import _facts, _people
from practicemodel.rules._wellbeing import (
    _Child,
    _family_findings,
    _finding,
    _open_needs,
    _screenings,
)
from practicemodel.wellbeing import WellBeingArea

__all__ = ["needs_assessed", "needs_served"]

M, NM, NA, NR = (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE,
                 Outcome.NEEDS_REVIEW)
_AREAS = frozenset({WellBeingArea.MENTAL_HEALTH})
_ITEM = "CFSR item 18"


# -- mental health: needs assessed --------------------------------------------------------------


def _assessed_words(name: str, review: str, outcome: Outcome, notes: tuple[str, ...],
                    start: date, last_day: date, removed_on: date | None, age: int | None,
                    due: date | None, first_on: date | None, latest_on: date | None,
                    needs: str) -> Explanation:
    if notes:
        why = " ".join(notes)
    elif outcome is NA:
        why = (f"No mental health need of {name} is recorded in the period under review, and "
               "no entry screening is due in it, so the assessment question of "
               f"{_ITEM} does not apply.")
        if review == "in-home":
            why += (f" In an in-home case {_ITEM} covers a child only when such a need "
                    "is recorded.")
    else:
        why = f"The mental and behavioral health of {name} was assessed as {_ITEM} asks."
    return (f"mental health assessment of {name}", why,
            _facts(("review", review), ("period under review from", start),
                   ("last day judged", last_day), ("entered care (removal)", removed_on),
                   ("age at entry", age), ("entry screening due by", due),
                   ("first screening after entry", first_on),
                   ("latest screening", latest_on), ("mental health needs", needs)))


def _assessed(case: Case, child: _Child, policy: PolicyProfile, as_of: date) -> Finding:
    rule = "mental_health.needs_assessed"
    name, last_day = child.name, child.last_day
    needs = _open_needs(case, child, _AREAS, as_of)
    screens = [s.completed_on for s in _screenings(case, child, WellBeingArea.MENTAL_HEALTH)]
    days, months = policy.health_screening_days, policy.reassessment_months
    removed_on = child.removed_on
    entered = removed_on is not None and removed_on >= child.start
    person = _people(case).get(child.child_id)
    age = None if person is None or removed_on is None else person.age_on(removed_on)
    due = None if removed_on is None else removed_on + timedelta(days=days)
    first_on = None
    notes: list[str] = []  # each a reason the finding is not met (or needs review)
    fine: list[str] = []  # each a question answered yes
    review_age = False
    if entered and removed_on is not None and due is not None:
        after = [d for d in screens if d >= removed_on]
        first_on = after[0] if after else None
        if age is not None and age < policy.mental_health_screening_age:
            pass  # below the screening age: judged only through a recorded need
        elif first_on is not None and first_on <= due:
            fine.append(f"screened on {first_on}, within {days} days of entry on "
                        f"{removed_on}")
        elif first_on is None and last_day <= due:
            pass  # the initial window still runs
        elif age is None:
            review_age = True
            notes.append(f"{name} entered foster care on {removed_on} and was not screened "
                         f"for mental health within {days} days (by {due}); the birth date is "
                         "not recorded, so a reviewer decides whether the screening was due "
                         f"(from age {policy.mental_health_screening_age}).")
        elif first_on is None:
            notes.append(f"{name} entered foster care on {removed_on}, aged {age}, and had no "
                         f"mental health screening within {days} days (by {due}), nor since, "
                         f"by {last_day}.")
        else:
            notes.append(f"{name} entered foster care on {removed_on}, aged {age}; the first "
                         f"mental health screening was on {first_on}, after the {days} days "
                         f"allowed (by {due}).")
    if needs:
        in_period = [d for d in screens if d >= child.start] + \
            [n.identified_on for n in needs if n.identified_on >= child.start]
        if not in_period:
            notes.append(f"{name} has a mental health need recorded ({needs[0].id}, "
                         f"identified on {needs[0].identified_on}) but no mental health "
                         f"screening in the period under review ({child.start} to "
                         f"{last_day}).")
        else:
            fine.append(f"assessed in the period on {max(in_period)}")
        for need in needs:
            was_met = need.met_on is not None and need.met_on <= last_day
            end = need.met_on if need.met_on is not None and was_met else last_day
            ref = max([need.identified_on] + [d for d in screens
                                               if need.identified_on <= d <= end])
            if add_months(ref, months) < end:
                state = "was open until it was met on" if was_met else "is open on"
                since = (f"it has not been screened since it was identified on "
                         f"{need.identified_on}" if ref == need.identified_on else
                         f"the latest screening since it was identified on "
                         f"{need.identified_on} was on {ref}")
                notes.append(f"Mental health need {need.id} ({need.description}) of {name} "
                             f"{state} {end}, and {since}: more than {months} months without "
                             "a new screening (CFSR FAQ, well-being outcome 3: reassess when "
                             "a child makes no progress).")
    if notes:
        outcome = NR if review_age and len(notes) == 1 else NM
    elif fine:
        outcome = M
        notes = [f"{name}: " + "; ".join(fine) + f" ({_ITEM})."]
    else:
        outcome = NA
    latest = screens[-1] if screens else None
    return _finding(rule, outcome, child.child_id, child.child_id, _assessed_words,
                    (name, child.review, outcome, tuple(notes), child.start, last_day,
                     removed_on if entered else None, age if entered else None,
                     due if entered else None, first_on, latest,
                     ", ".join(n.id for n in needs) or "(none)"))


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``mental_health.*`` finding of the case, grouped by rule, child by child."""
    return _family_findings(
        case, policy, as_of, _ITEM,
        (("mental_health.needs_assessed", "mental health assessment",
          lambda child: _assessed(case, child, policy, as_of)),),
        "mental_health.needs_served", _AREAS)


# -- the rules ----------------------------------------------------------------------------------


def needs_assessed(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The child's mental and behavioral health was screened on entry and reassessed.

    Rule ``mental_health.needs_assessed``; CFSR item 18. For each child the item covers:
    ``met`` when every question that applies is answered yes; ``not_met`` when a child who
    entered foster care in the period under review aged ``policy.mental_health_screening_age``
    (3) or older was not screened within ``policy.health_screening_days`` (30) of entry, when
    a child with a mental health need recorded had no screening in the period (a need
    identified in it counts), or when a need stayed open more than
    ``policy.reassessment_months`` (6) without a new screening; ``not_applicable`` when no
    question applies (no entry screening due in the period, no need recorded) and for a child
    the item does not cover; ``needs_review`` when the only doubt is an unknown birth date.

    Source: CFSR Round 3 onsite review instrument, item 18; CFSR FAQ, well-being outcome 3.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("mental_health.needs_assessed", ())


def needs_served(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each mental or behavioral health need had a service started, or was met, in time.

    Rule ``mental_health.needs_served``; CFSR item 18. One finding per mental health need of
    a child the item covers, identified by the child's last day judged and not met before the
    period under review: ``met`` when a linked service (the need's ``service_ids``) started,
    or the need was met, within ``policy.need_service_days`` (60) of its identification;
    ``not_met`` when those days passed with neither (a service only referred or waitlisted
    does not count; a service started later is late); ``not_applicable`` while the days run.
    A child with no such need, or whom the item does not cover, has one ``not_applicable``
    finding.

    Source: CFSR Round 3 onsite review instrument, item 18; CFSR FAQ, well-being outcome 3.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("mental_health.needs_served", ())
