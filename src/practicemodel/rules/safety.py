"""Keeping children safe at home and in care: ``safety.*`` (CFSR Round 3 items 2 and 3).

What the case record can decide of CFSR item 2, *services to protect the child(ren) in the
home and prevent removal or re-entry into foster care*, and item 3, *risk and safety
assessment and management* (Safety Outcome 2), for every child of the family: the CFSR rates
items 1–3 on all the children of the family, in foster care cases and in-home cases alike.
Safety and risk are assessed initially and on an ongoing basis, and the interventions apply
to all children within the home (seed 000, "Safety Assurance and Risk Management").

**The period under review** ends on ``as_of`` and spans the profile's
``review_period_months`` (12), as for the other rules. Records dated after ``as_of`` are not
known yet; a closure after ``as_of`` has not happened yet.

## Item 2: ``safety.services_to_prevent_removal`` (questions A and B)

Item 2 applies, for a child, on each of these occasions in the period:

- an **entry into foster care**: a removal in the period, or a return to care from a trial
  home visit (the CFSR FAQ counts a trial home visit ending in a return to care as a
  removal). ``met`` when a safety-related service (``SAFETY_SERVICES``) had *started* before
  that day (before a removal; during the trial home visit before a return): services were
  tried first, so question A is Yes and B is NA. Otherwise ``needs_review``: question B, was
  the removal necessary to keep the child safe (an emergency), is a reviewer's judgement (the
  instrument answers No when services were simply unavailable);
- a **safety concern at home**: a safety assessment in the period deciding the child is
  unsafe or conditionally safe, or a risk assessment rating the family's risk high or very
  high, while the child is at home (not in care, or on a trial home visit), with no entry
  into care on or after it in the period. ``met`` when a safety-related service for the
  family was provided (started by ``as_of`` and not ended before the concern);
  ``not_applicable`` while none has started and the profile's ``need_service_days`` (60)
  since the concern still run (the time this library allows a need to get a service);
  ``not_met`` after that. A referral alone is not a service provided.

Every other child (no entry in the period and no concern at home) is ``not_applicable``: an
in-home case with no safety concern found, a foster care case whose children entered care
before the period with no concern for a child at home. Whether the agency's efforts were
*concerted* (engaging the family, easing access) stays a reviewer's judgement.

## Item 3: the four rules (questions A, B, C, D)

- ``safety.initial_assessment`` (question A): for a case opened in the period, every child of
  the case (born by the opening) has a safety assessment, and the family a risk assessment,
  within the profile's ``initial_assessment_days`` (30) of the opening. ``not_applicable``
  for a case opened before the period (the instrument's NA), for a child born later (the
  ongoing rule judges it), and while the days still run with no assessment yet.
- ``safety.ongoing_assessment`` (question B): while the case is open in the period, each
  child has a safety assessment, and the family a risk assessment, at least every
  ``reassessment_months`` (6) from the opening (or the child's birth), and, for a case closed
  in the period, within that many months before the closure. ``not_applicable`` only while no
  reassessment has fallen due in the period and the case has not closed: the instrument's
  "needless in a very short case".
- ``safety.plan_monitored`` (question C): for each safety assessment deciding the child
  unsafe or conditionally safe (completed in the period, or earlier with its safety plan in
  effect in it), a safety plan was made and monitored: a caseworker contact with the child
  or with a person responsible for the plan in every whole calendar month the plan was in
  effect in the period (the caseworker-visit cadence). An unsafe decision without a plan is
  ``not_applicable`` when the child was in care that day or was removed afterwards (removal
  was the safety response: item 2 judges it), and ``not_met`` when the child stayed at home
  with no plan (a plan begun after ``as_of`` is not known yet). A child with no such decision
  is ``not_applicable``.
- ``safety.no_recurrence`` (question D): ``met`` for every case open in the period when none
  of these is found; else ``not_met``: a similar substantiated report (same allegation)
  received in the period within ``recurrence_months`` (6) of an earlier one; a repeated
  alternative response for the same allegation within that time; the case closed in the
  period while a safety plan was in effect or the latest safety assessment found a child
  unsafe or conditionally safe ("closure with concerns open"). A possible recurrence where
  either report records no allegation is ``needs_review``: a reviewer decides whether they
  are similar.

Because ``safety.no_recurrence`` gives an applicable finding for every case open in the
period, item 3 is never Not Applicable for such a case ("All cases"); a case not open in the
period gets only ``not_applicable`` findings.

Not computed, because they are a reviewer's judgement: whether an assessment was *accurate*
(item 3 A and B), whether a plan was *appropriate*, concerns about visits (E) and about the
safety of a foster placement (F).

## How the items are rated from these findings

The generic rule of a review item (Not Applicable when no finding is applicable; Area Needing
Improvement when any applicable finding is not met, ``needs_review`` included; Strength
otherwise) gives the instrument's rules. Item 2: Strength when services were tried before
every entry and provided for every concern at home (A = Yes, B = NA); a removal without
services tried is ``needs_review`` (ANI until a reviewer answers B = Yes); Not Applicable
without an occasion. Item 3: Strength when A, B and C are each met or not applicable and D
finds no concern; ANI when any of them is not met.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
its findings child by child, in the order of ``case.child_ids`` (``safety.no_recurrence``:
about the case, then report by report). The errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from itertools import pairwise

from practicemodel._arguments import rule_args
from practicemodel.assessment import RiskLevel, SafetyAssessment, SafetyDecision
from practicemodel.case import Case
from practicemodel.findings import Explanation, Finding, Outcome
from practicemodel.intake import MaltreatmentReport
from practicemodel.periods import add_months, days_in_month, review_period_start, whole_months
from practicemodel.placement import PlacementSetting
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import _name
from practicemodel.rules._shared import by_rule, shared
from practicemodel.rules._visiting import _facts, _finding
from practicemodel.services import Service, ServiceCategory

__all__ = ["SAFETY_SERVICES", "initial_assessment", "no_recurrence", "ongoing_assessment",
           "plan_monitored", "services_to_prevent_removal"]

M, NM, NA, NR = (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE,
                 Outcome.NEEDS_REVIEW)

SAFETY_SERVICES: frozenset[ServiceCategory] = frozenset({
    ServiceCategory.MENTAL_HEALTH, ServiceCategory.SUBSTANCE_USE_TREATMENT,
    ServiceCategory.SUBSTANCE_USE_ASSESSMENT, ServiceCategory.IN_HOME_PARENTING,
    ServiceCategory.PARENTING_CLASS, ServiceCategory.DOMESTIC_VIOLENCE,
    ServiceCategory.FAMILY_COUNSELING, ServiceCategory.HOUSING, ServiceCategory.RESPITE,
    ServiceCategory.CHILD_CARE,
})
"""The service categories item 2 counts as safety-related: services that address what makes
a child unsafe at home (a parent's mental health or substance use, parenting, domestic
violence, family conflict, housing, respite and child care for an overwhelmed caregiver).
Medical, dental, education, employment, transportation, independent living and "other"
services are not counted. The CFSR names no list (item 2 A asks about "services to protect
the child(ren) and prevent removal"); this one is this library's choice [practice]."""

_CONCERN = frozenset({SafetyDecision.UNSAFE, SafetyDecision.CONDITIONALLY_SAFE})
_HIGH_RISK = frozenset({RiskLevel.HIGH, RiskLevel.VERY_HIGH})


def _ids(values: tuple[str, ...] | list[str]) -> str | None:
    return ", ".join(values) if values else None


def _open_in_period(case: Case, start: date, as_of: date) -> bool:
    return case.opened_on <= as_of and (case.closed_on is None or case.closed_on >= start)


def _closed_on(case: Case, as_of: date) -> date | None:
    """The closure, if it happened by ``as_of``."""
    return case.closed_on if case.closed_on is not None and case.closed_on <= as_of else None


def _in_care_on(case: Case, child_id: str, day: date) -> bool:
    return any(e.child_id == child_id and e.is_open_on(day) for e in case.removal_episodes)


def _at_home_on(case: Case, child_id: str, day: date) -> bool:
    """Not in foster care on ``day``, or in care but on a trial home visit."""
    for episode in case.removal_episodes:
        if episode.child_id == child_id and episode.is_open_on(day):
            placement = episode.placement_on(day)
            if placement is None or placement.setting is not PlacementSetting.TRIAL_HOME_VISIT:
                return False
    return True


def _covers(assessment: SafetyAssessment, child_id: str, as_of: date) -> bool:
    return child_id in assessment.child_ids and assessment.completed_on <= as_of


# -- item 2 ---------------------------------------------------------------------------------


def _entries(case: Case, child_id: str, start: date,
             as_of: date) -> list[tuple[date, str, str, date | None]]:
    """The child's entries into care in ``[start, as_of]``: ``(day, kind, episode id, start
    of the trial home visit ended by a return)``, oldest first."""
    found: list[tuple[date, str, str, date | None]] = []
    for episode in case.removal_episodes:
        if episode.child_id != child_id or episode.removed_on > as_of:
            continue
        if episode.removed_on >= start:
            found.append((episode.removed_on, "removal", episode.id, None))
        placements = sorted(episode.placements, key=lambda p: (p.start, p.id))
        for before, after in pairwise(placements):
            if before.setting is PlacementSetting.TRIAL_HOME_VISIT \
                    and after.setting is not PlacementSetting.TRIAL_HOME_VISIT \
                    and start <= after.start <= as_of:
                found.append((after.start, "return from a trial home visit", episode.id,
                              before.start))
    return sorted(found)


def _safety_service(service: Service) -> bool:
    return service.category in SAFETY_SERVICES and service.started_on is not None


def _tried_before(case: Case, day: date, since: date | None) -> list[str]:
    """Safety-related services started before ``day`` (and, after a trial home visit begun on
    ``since``, not ended before it)."""
    return sorted(s.id for s in case.services if _safety_service(s)
                  and s.started_on is not None and s.started_on < day
                  and (since is None or s.ended_on is None or s.ended_on >= since))


def _provided_since(case: Case, concern_on: date, as_of: date) -> list[str]:
    """Safety-related services started by ``as_of`` and not ended before ``concern_on``."""
    return sorted(s.id for s in case.services if _safety_service(s)
                  and s.started_on is not None and s.started_on <= as_of
                  and (s.ended_on is None or s.ended_on >= concern_on))


def _referred_only(case: Case, as_of: date) -> list[str]:
    return sorted(s.id for s in case.services if s.category in SAFETY_SERVICES
                  and (s.started_on is None or s.started_on > as_of)
                  and s.referred_on is not None and s.referred_on <= as_of)


def _concerns_at_home(case: Case, child_id: str, start: date,
                      as_of: date) -> list[tuple[date, str]]:
    """Safety concerns found while the child was at home in the period: ``(day, what)``."""
    found: list[tuple[date, str]] = []
    for a in case.safety_assessments:
        if _covers(a, child_id, as_of) and a.completed_on >= start and a.decision in _CONCERN \
                and _at_home_on(case, child_id, a.completed_on):
            decision = a.decision.value.replace("_", " ")
            found.append((a.completed_on, f"safety assessment {a.id}: {decision}"))
    for r in case.risk_assessments:
        if start <= r.completed_on <= as_of and r.level in _HIGH_RISK \
                and _at_home_on(case, child_id, r.completed_on):
            level = r.level.value.replace("_", " ")
            found.append((r.completed_on, f"risk assessment {r.id}: risk {level}"))
    return sorted(found)


def _item2_words(state: str, name: str, start: date, as_of: date, day: date | None,
                 kind: str | None, episode_id: str | None, what: str | None,
                 services: str | None, referred: str | None, due: date | None) -> Explanation:
    why = {
        "no occasion": (f"{name} did not enter foster care in the period under review "
                        f"({start} to {as_of}) and no safety concern was found while the child "
                        "was at home in it, so CFSR item 2 does not apply."),
        "tried first": (f"{name}: {kind} on {day} (episode {episode_id}). Safety-related "
                        f"services had started before it ({services}): services were tried "
                        "first (CFSR item 2 A; B is not applicable)."),
        "removal without services": (
            f"{name}: {kind} on {day} (episode {episode_id}), with no safety-related service "
            "started before it"
            + (f" (referred only: {referred})" if referred else "")
            + ". A reviewer must judge CFSR item 2 B: was the removal necessary to keep the "
              "child safe without services first (an emergency)? Unavailable services "
              "answer No."),
        "provided": (f"{name} was at home when a safety concern was found on {day} ({what}); "
                     f"safety-related services were provided to the family ({services}), CFSR "
                     "item 2 A."),
        "running": (f"{name} was at home when a safety concern was found on {day} ({what}); no "
                    "safety-related service has started yet"
                    + (f" (referred: {referred})" if referred else "")
                    + f", and the days the profile allows run until {due}."),
        "not provided": (f"{name} was at home when a safety concern was found on {day} "
                         f"({what}); no safety-related service was started by {as_of}"
                         + (f" (referred only: {referred})" if referred else "")
                         + f", past {due} (CFSR item 2 A: services to protect the child in "
                           "the home)."),
    }[state]
    return (f"safety services for {name}", why,
            _facts(("period under review from", start), ("as of", as_of),
                   ("occasion", kind or what), ("on", day), ("episode", episode_id),
                   ("safety services provided", services), ("referred only", referred),
                   ("services due by", due)))


def _item2(case: Case, child_id: str, policy: PolicyProfile, start: date,
           as_of: date) -> Iterator[Finding]:
    rule = "safety.services_to_prevent_removal"
    name = _name(case, child_id)
    entries = _entries(case, child_id, start, as_of)
    for day, kind, episode_id, since in entries:
        tried = _tried_before(case, day, since)
        state = "tried first" if tried else "removal without services"
        yield _finding(rule, M if tried else NR, child_id, _item2_words, state, name, start,
                       as_of, day, kind, episode_id, None, _ids(tried),
                       None if tried else _ids(_referred_only(case, day)), None,
                       child_id=child_id)
    concerns = [c for c in _concerns_at_home(case, child_id, start, as_of)
                if not any(e[0] >= c[0] for e in entries)]
    if concerns:
        concern_on, what = concerns[0]
        provided = _provided_since(case, concern_on, as_of)
        due = concern_on + timedelta(days=policy.need_service_days)
        if provided:
            state, outcome = "provided", M
        elif as_of <= due:
            state, outcome = "running", NA
        else:
            state, outcome = "not provided", NM
        yield _finding(rule, outcome, child_id, _item2_words, state, name, start, as_of,
                       concern_on, None, None, what, _ids(provided),
                       None if provided else _ids(_referred_only(case, as_of)),
                       None if provided else due, child_id=child_id)
    elif not entries:
        yield _finding(rule, NA, child_id, _item2_words, "no occasion", name, start, as_of,
                       None, None, None, None, None, None, None, child_id=child_id)


# -- item 3 A and B -------------------------------------------------------------------------


def _not_open_words(what: str, name: str, start: date, as_of: date, opened_on: date,
                    closed_on: date | None) -> Explanation:
    when = (f"was opened on {opened_on}, after {as_of}" if opened_on > as_of else
            f"closed on {closed_on}, before the period under review ({start} to {as_of})")
    return (f"{what} for {name}", f"The case {when}, so CFSR item 3 does not apply.",
            _facts(("period under review from", start), ("as of", as_of),
                   ("case opened on", opened_on), ("case closed on", closed_on)))


def _initial_words(state: str, name: str, opened_on: date, due: date | None,
                   safety_id: str | None, safety_on: date | None, risk_id: str | None,
                   risk_on: date | None, start: date, as_of: date,
                   born: date | None) -> Explanation:
    got = []
    if safety_on is not None:
        got.append(f"safety assessment {safety_id} on {safety_on}")
    if risk_on is not None:
        got.append(f"risk assessment {risk_id} on {risk_on}")
    have = " and ".join(got) if got else "no safety or risk assessment"
    missing = [w for w, on in (("safety", safety_on), ("risk", risk_on))
               if on is None or (due is not None and on > due)]
    why = {
        "before the period": (f"The case was opened on {opened_on}, before the period under "
                              f"review ({start} to {as_of}): CFSR item 3 A (the initial "
                              "assessment) does not apply."),
        "born later": (f"{name} was born on {born}, after the case was opened on {opened_on}: "
                       "the initial assessment could not include the child (the ongoing "
                       "assessments do, CFSR item 3 B)."),
        "in time": (f"The case was opened on {opened_on}; {have}, by {due} (CFSR item 3 A: an "
                    "initial safety and risk assessment of every child in the home)."),
        "running": (f"The case was opened on {opened_on}; {have} on {as_of}, and the initial "
                    f"assessment is due by {due}: not yet judged."),
        "late": (f"The case was opened on {opened_on}; the initial safety and risk assessment "
                 f"of every child in the home was due by {due}, but the "
                 f"{' and '.join(missing)} assessment {'was' if len(missing) == 1 else 'were'}"
                 f" not done by then ({have} by {as_of}); CFSR item 3 A."),
    }[state]
    return (f"initial safety and risk assessment of {name}", why,
            _facts(("case opened on", opened_on), ("due by", due),
                   ("safety assessment", safety_id), ("safety assessed on", safety_on),
                   ("risk assessment", risk_id), ("risk assessed on", risk_on)))


def _first_on_or_before(items: list[tuple[date, str]],
                        due: date) -> tuple[date, str] | None:
    on_time = [i for i in items if i[0] <= due]
    return on_time[0] if on_time else (items[0] if items else None)


def _initial(case: Case, child_id: str, policy: PolicyProfile, start: date,
             as_of: date) -> Finding:
    rule = "safety.initial_assessment"
    name = _name(case, child_id)
    opened_on = case.opened_on
    if not _open_in_period(case, start, as_of):
        return _finding(rule, NA, child_id, _not_open_words, "initial assessment", name, start,
                        as_of, opened_on, case.closed_on, child_id=child_id)
    born = next((p.birth_date for p in case.people if p.id == child_id), None)
    args: tuple[object, ...]
    if opened_on < start or (born is not None and born > opened_on):
        state = "before the period" if opened_on < start else "born later"
        args = (state, name, opened_on, None, None, None, None, None, start, as_of, born)
        return _finding(rule, NA, child_id, _initial_words, *args, child_id=child_id)
    due = opened_on + timedelta(days=policy.initial_assessment_days)
    safety = _first_on_or_before(sorted((a.completed_on, a.id) for a in case.safety_assessments
                                        if _covers(a, child_id, as_of)), due)
    risk = _first_on_or_before(sorted((r.completed_on, r.id) for r in case.risk_assessments
                                      if r.completed_on <= as_of), due)
    if safety is not None and risk is not None and safety[0] <= due and risk[0] <= due:
        state, outcome = "in time", M
    elif as_of <= due:
        state, outcome = "running", NA
    else:
        state, outcome = "late", NM
    args = (state, name, opened_on, due, None if safety is None else safety[1],
            None if safety is None else safety[0], None if risk is None else risk[1],
            None if risk is None else risk[0], start, as_of, born)
    return _finding(rule, outcome, child_id, _initial_words, *args, child_id=child_id)


def _first_miss(anchor: date, done: list[date], months: int, start: date,
                end: date) -> tuple[date | None, bool]:
    """The first reassessment due day missed in the period (``None`` if none), and whether
    a reassessment fell due in the period and was done in time.

    The clock starts at ``anchor`` (the opening, or a later birth) and restarts at each
    assessment in ``done``; a due day counts as missed in the period when the days without an
    assessment after it reach into ``[start, end]``. The first due day after the opening is
    judged only once an assessment followed it: the initial assessment itself is question A.
    """
    points = sorted({anchor, *(d for d in done if anchor <= d <= end)})
    kept = False
    for n, point in enumerate(points):
        due = add_months(point, months)
        following = points[n + 1] if n + 1 < len(points) else None
        if following is None:
            if end > due:
                return due, True
        elif following > due:
            if following > start:
                return due, True
        elif following >= start and (n > 0 or point in done):
            kept = True
    return None, kept


def _ongoing_words(state: str, name: str, months: int, start: date, end: date,
                   closed_on: date | None, safety_missed: date | None,
                   risk_missed: date | None, last_safety: date | None,
                   last_risk: date | None) -> Explanation:
    every = f"at least every {months} months"
    misses = [f"the {what} reassessment due by {on} was not done by then"
              for what, on in (("safety", safety_missed), ("risk", risk_missed))
              if on is not None]
    why = {
        "not yet": (f"No safety or risk reassessment of {name} has fallen due in the period "
                    f"under review ({start} to {end}), {every}, and the case is open: CFSR "
                    "item 3 B does not apply yet (a very short case)."),
        "kept up": (f"Safety and risk were reassessed {every} while the case was open in the "
                    f"period under review ({start} to {end})"
                    + (f", and within {months} months before the closure on {closed_on}"
                       if closed_on is not None else "")
                    + f" (latest safety assessment of {name}: {last_safety}; latest risk "
                      f"assessment: {last_risk}); CFSR item 3 B."),
        "missed": (f"Safety and risk of {name} are to be reassessed {every} while the case is "
                   f"open (CFSR item 3 B): {'; '.join(misses)}."),
        "not before closure": (f"The case closed on {closed_on} without a safety and a risk "
                               f"assessment of {name} within the {months} months before "
                               f"(latest safety assessment: {last_safety}; latest risk "
                               f"assessment: {last_risk}); CFSR item 3 B asks for "
                               "assessment before closure."),
    }[state]
    return (f"ongoing safety and risk assessment of {name}", why,
            _facts(("period under review from", start), ("through", end),
                   ("reassessment every (months)", months), ("case closed on", closed_on),
                   ("safety reassessment missed, due by", safety_missed),
                   ("risk reassessment missed, due by", risk_missed),
                   ("latest safety assessment", last_safety),
                   ("latest risk assessment", last_risk)))


def _ongoing(case: Case, child_id: str, policy: PolicyProfile, start: date,
             as_of: date) -> Finding:
    rule = "safety.ongoing_assessment"
    name = _name(case, child_id)
    if not _open_in_period(case, start, as_of):
        return _finding(rule, NA, child_id, _not_open_words, "ongoing assessment", name, start,
                        as_of, case.opened_on, case.closed_on, child_id=child_id)
    months = policy.reassessment_months
    closed_on = _closed_on(case, as_of)
    end = as_of if closed_on is None else closed_on
    born = next((p.birth_date for p in case.people if p.id == child_id), None)
    anchor = case.opened_on if born is None or born <= case.opened_on else born
    safety_done = [a.completed_on for a in case.safety_assessments
                   if _covers(a, child_id, end)]
    risk_done = [r.completed_on for r in case.risk_assessments if r.completed_on <= end]
    anchor = min(anchor, end)  # a child born after the closure (or after as_of)
    safety_missed, safety_due = _first_miss(anchor, safety_done, months, start, end)
    risk_missed, risk_due = _first_miss(anchor, risk_done, months, start, end)
    last_safety = max(safety_done, default=None)
    last_risk = max(risk_done, default=None)
    if safety_missed is not None or risk_missed is not None:
        state, outcome = "missed", NM
    elif closed_on is not None and (
            last_safety is None or last_risk is None
            or add_months(last_safety, months) < closed_on
            or add_months(last_risk, months) < closed_on):
        state, outcome = "not before closure", NM
    elif closed_on is not None or safety_due or risk_due:
        state, outcome = "kept up", M
    else:
        state, outcome = "not yet", NA
    return _finding(rule, outcome, child_id, _ongoing_words, state, name, months, start, end,
                    closed_on, safety_missed, risk_missed, last_safety, last_risk,
                    child_id=child_id)


# -- item 3 C -------------------------------------------------------------------------------


def _plan_words(state: str, name: str, assessment_id: str | None, assessed_on: date | None,
                decision: str | None, plan_id: str | None, plan_start: date | None,
                plan_end: date | None, months: str | None, missed: str | None,
                start: date, as_of: date) -> Explanation:
    head = (f"Safety assessment {assessment_id} of {assessed_on} found {name} {decision}"
            if assessment_id is not None else "")
    plan = f"safety plan {plan_id} (from {plan_start}" + (
        f" to {plan_end})" if plan_end is not None else ", still in effect)")
    why = {
        "no concern": (f"No safety assessment in the period under review ({start} to {as_of}) "
                       f"found {name} unsafe or conditionally safe, and no safety plan was in "
                       "effect in it: CFSR item 3 C does not apply."),
        "removed": (f"{head}; no safety plan was made, and the child was in foster care: "
                    "removal was the safety response (CFSR item 2 judges it), so item 3 C "
                    "does not apply."),
        "no plan": (f"{head}, but no safety plan was made and the child stayed at home "
                    "(CFSR item 3 C: a safety plan is made when safety concerns exist)."),
        "monitored": (f"{head}; {plan} was monitored: a caseworker contact with the child or "
                      "a person responsible for it in every whole month it was in effect in "
                      f"the period ({months or 'none yet'}); CFSR item 3 C."),
        "not monitored": (f"{head}; {plan} was not monitored in {missed}: no caseworker "
                          "contact with the child or a person responsible for the plan in "
                          "that month (CFSR item 3 C: the plan is monitored)."),
    }[state]
    return (f"safety plan for {name}", why,
            _facts(("safety assessment", assessment_id), ("assessed on", assessed_on),
                   ("decision", decision), ("safety plan", plan_id), ("plan start", plan_start),
                   ("plan end", plan_end), ("months judged", months),
                   ("months without a contact", missed)))


def _month_text(months: list[tuple[int, int]]) -> str | None:
    return ", ".join(f"{y:04d}-{m:02d}" for y, m in months) if months else None


def _plan_findings(case: Case, child_id: str, start: date, as_of: date) -> Iterator[Finding]:
    rule = "safety.plan_monitored"
    name = _name(case, child_id)
    if not _open_in_period(case, start, as_of):
        yield _finding(rule, NA, child_id, _not_open_words, "safety plan", name, start, as_of,
                       case.opened_on, case.closed_on, child_id=child_id)
        return
    judged = sorted(
        (a for a in case.safety_assessments if _covers(a, child_id, as_of)
         and a.decision in _CONCERN
         and (a.completed_on >= start or (a.safety_plan is not None
                                          and a.safety_plan.start <= as_of
                                          and (a.safety_plan.end is None
                                               or a.safety_plan.end >= start)))),
        key=lambda a: (a.completed_on, a.id))
    if not judged:
        yield _finding(rule, NA, child_id, _plan_words, "no concern", name, None, None, None,
                       None, None, None, None, None, start, as_of, child_id=child_id)
        return
    for a in judged:
        plan = a.safety_plan
        if plan is not None and plan.start > as_of:
            plan = None  # a plan begun after as_of is not known yet
        common = (name, a.id, a.completed_on, a.decision.value.replace("_", " "))
        if plan is None:
            removed = any(e.child_id == child_id and e.removed_on <= as_of
                          and (e.exit_on is None or e.exit_on >= a.completed_on)
                          for e in case.removal_episodes)
            state = "removed" if removed or _in_care_on(case, child_id, a.completed_on) \
                else "no plan"
            yield _finding(rule, NA if state == "removed" else NM, child_id, _plan_words,
                           state, *common, None, None, None, None, None, start, as_of,
                           child_id=child_id)
            continue
        plan_end = plan.end if plan.end is not None and plan.end <= as_of else None
        watchers = {child_id, *plan.responsible_ids}
        contacted = {(c.occurred_on.year, c.occurred_on.month) for c in case.contacts
                     if c.completed and c.occurred_on <= as_of and plan.start <= c.occurred_on
                     and watchers.intersection(c.person_ids)}
        months = [(y, m) for y, m in whole_months(plan.start, plan_end, as_of)
                  if date(y, m, 1) >= start and date(y, m, days_in_month(y, m)) <= as_of]
        missed = [ym for ym in months if ym not in contacted]
        yield _finding(rule, NM if missed else M, child_id, _plan_words,
                       "not monitored" if missed else "monitored", *common, plan.id,
                       plan.start, plan_end, _month_text(months), _month_text(missed), start,
                       as_of, child_id=child_id)


# -- item 3 D -------------------------------------------------------------------------------


def _recurrence_words(state: str, case_id: str, start: date, as_of: date, months: int,
                      first_id: str | None, first_on: date | None, second_id: str | None,
                      second_on: date | None, allegation: str | None,
                      closed_on: date | None, concern: str | None) -> Explanation:
    pair = (f"report {second_id} of {second_on} followed report {first_id} of {first_on}, "
            f"within {months} months")
    why = {
        "not open": (f"The case was not open in the period under review ({start} to {as_of}): "
                     "CFSR item 3 does not apply."),
        "none": (f"No similar substantiated report recurred within {months} months, no "
                 f"alternative response for the same allegation repeated within {months} "
                 f"months, and the case did not close with safety concerns open, in the period "
                 f"under review ({start} to {as_of}); CFSR item 3 D."),
        "recurrence": (f"A similar maltreatment recurred: {pair}, both substantiated for "
                       f"{allegation} (CFSR item 3 D1: a similar substantiated report within "
                       f"{months} months)."),
        "repeated": (f"Repeated alternative responses for the same concern: {pair}, both for "
                     f"{allegation} (CFSR item 3 D: repeated similar alternative-response "
                     "openings)."),
        "similar? recurrence": (f"Possibly a recurrence: {pair}, both substantiated, but "
                                "an allegation is not recorded on both; a reviewer must "
                                "judge whether they are similar (CFSR item 3 D1)."),
        "similar? repeated": (f"Possibly repeated alternative responses: {pair}, but an "
                              "allegation is not recorded on both; a reviewer must judge "
                              "whether they are similar (CFSR item 3 D)."),
        "closed with concerns": (f"The case closed on {closed_on} with safety concerns open "
                                 f"({concern}); CFSR item 3 D: closure with concerns "
                                 "unaddressed."),
    }[state]
    return (f"safety concerns in case {case_id}" if second_id is None
            else f"report {second_id}", why,
            _facts(("period under review from", start), ("as of", as_of),
                   ("within (months)", months), ("earlier report", first_id),
                   ("earlier received on", first_on), ("report", second_id),
                   ("received on", second_on), ("allegation", allegation),
                   ("case closed on", closed_on), ("concern open at closure", concern)))


def _pairs(reports: list[MaltreatmentReport], months: int, start: date,
           as_of: date) -> Iterator[tuple[str, MaltreatmentReport, MaltreatmentReport]]:
    """Each later report in the period that recurs an earlier one: ``(state, earlier,
    later)``; one pair per later report (the most recent similar earlier one)."""
    for n, later in enumerate(reports):
        if not start <= later.received_on <= as_of:
            continue
        for kind, matches in (("recurrence", lambda r: r.substantiated is True),
                              ("repeated", lambda r: r.alternative_response)):
            if not matches(later):
                continue
            earlier = [r for r in reports[:n] if matches(r)
                       and later.received_on <= add_months(r.received_on, months)
                       and r.received_on < later.received_on]
            similar = [r for r in earlier if r.allegation is not None
                       and r.allegation == later.allegation]
            unknown = [r for r in earlier if r.allegation is None or later.allegation is None]
            if similar:
                yield kind, similar[-1], later
                break
            if unknown:
                yield f"similar? {kind}", unknown[-1], later
                break


def _open_concern(case: Case, closed_on: date) -> str | None:
    """What safety concern was open on the day the case closed, if any."""
    active = sorted(a.safety_plan.id for a in case.safety_assessments
                    if a.completed_on <= closed_on and a.safety_plan is not None
                    and a.safety_plan.is_active_on(closed_on))
    if active:
        return f"safety plan {', '.join(active)} in effect"
    latest: dict[str, SafetyAssessment] = {}
    for a in sorted(case.safety_assessments, key=lambda a: (a.completed_on, a.id)):
        if a.completed_on <= closed_on:
            for child_id in a.child_ids:
                latest[child_id] = a
    unsafe = sorted(f"{child} {a.decision.value} ({a.id})" for child, a in latest.items()
                    if a.decision in _CONCERN)
    return f"latest safety assessment: {', '.join(unsafe)}" if unsafe else None


def _recurrence(case: Case, policy: PolicyProfile, start: date,
                as_of: date) -> Iterator[Finding]:
    rule = "safety.no_recurrence"
    months = policy.recurrence_months
    if not _open_in_period(case, start, as_of):
        yield _finding(rule, NA, case.id, _recurrence_words, "not open", case.id, start, as_of,
                       months, None, None, None, None, None, None, None)
        return
    reports = sorted((r for r in case.reports if r.accepted and r.received_on <= as_of),
                     key=lambda r: (r.received_on, r.id))
    found: list[Finding] = []
    closed_on = _closed_on(case, as_of)
    concern = None if closed_on is None or closed_on < start else _open_concern(case, closed_on)
    if concern is not None:
        found.append(_finding(rule, NM, case.id, _recurrence_words, "closed with concerns",
                              case.id, start, as_of, months, None, None, None, None, None,
                              closed_on, concern))
    for state, earlier, later in _pairs(reports, months, start, as_of):
        found.append(_finding(rule, NR if state.startswith("similar?") else NM, later.id,
                              _recurrence_words, state, case.id, start, as_of, months,
                              earlier.id, earlier.received_on, later.id, later.received_on,
                              later.allegation, None, None))
    if not found:
        found.append(_finding(rule, M, case.id, _recurrence_words, "none", case.id, start,
                              as_of, months, None, None, None, None, None, None, None))
    yield from found


# -- the whole family -----------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``safety.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    found: list[Finding] = []
    for child_id in dict.fromkeys(case.child_ids):
        found.extend(_item2(case, child_id, policy, start, as_of))
        found.append(_initial(case, child_id, policy, start, as_of))
        found.append(_ongoing(case, child_id, policy, start, as_of))
        found.extend(_plan_findings(case, child_id, start, as_of))
    found.extend(_recurrence(case, policy, start, as_of))
    return by_rule(found)


# -- the rules ------------------------------------------------------------------------------


def services_to_prevent_removal(case: Case, *, policy: PolicyProfile,
                                as_of: date) -> tuple[Finding, ...]:
    """Safety-related services were provided to keep each child at home or prevent re-entry.

    Rule ``safety.services_to_prevent_removal``; CFSR item 2. For each child of the case, one
    finding per entry into foster care in the period under review (a removal, or a return to
    care from a trial home visit): ``met`` when a safety-related service (``SAFETY_SERVICES``)
    had started before it, else ``needs_review`` (question B, whether the removal was
    necessary, is a reviewer's); and one finding for a safety concern found while the child
    was at home in the period and not followed by an entry (an unsafe or conditionally safe
    decision, or high or very high risk): ``met`` when a safety-related service was provided
    after it, ``not_met`` when none had started ``need_service_days`` after it
    (``not_applicable`` until then). A child with neither is ``not_applicable``.

    Source: CFSR Round 3 onsite review instrument, item 2, questions A and B; CFSR FAQ,
    safety outcome 2.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("safety.services_to_prevent_removal", ())


def initial_assessment(case: Case, *, policy: PolicyProfile,
                       as_of: date) -> tuple[Finding, ...]:
    """Every child of a newly opened case had an initial safety and risk assessment in time.

    Rule ``safety.initial_assessment``; CFSR item 3, question A. For each child of a case
    opened in the period under review: ``met`` when a safety assessment of the child and a
    risk assessment of the family were completed within ``initial_assessment_days`` of the
    opening; ``not_met`` when either was not; ``not_applicable`` while those days run, for a
    child born after the opening, for a case opened before the period or not open in it.

    Source: CFSR Round 3 onsite review instrument, item 3, question A; seed 000, "Safety
    Assurance and Risk Management".
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("safety.initial_assessment", ())


def ongoing_assessment(case: Case, *, policy: PolicyProfile,
                       as_of: date) -> tuple[Finding, ...]:
    """Safety and risk were reassessed while the case was open, and before closure.

    Rule ``safety.ongoing_assessment``; CFSR item 3, question B. For each child of a case
    open in the period under review: ``not_met`` when a safety reassessment of the child or a
    risk reassessment of the family fell due in the period (every ``reassessment_months``
    from the opening, or the child's birth, and each assessment since) and was not done by
    then, or the case closed in the period with no safety or risk assessment within
    ``reassessment_months`` before; ``met`` when some reassessment fell due in the period, or
    the case closed in it, and none was missed; ``not_applicable`` while none has fallen due
    in an open case, or for a case not open in the period.

    Source: CFSR Round 3 onsite review instrument, item 3, question B; seed 000, "Safety
    Assurance and Risk Management".
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("safety.ongoing_assessment", ())


def plan_monitored(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """A safety plan was made, and monitored, for a child not found safe.

    Rule ``safety.plan_monitored``; CFSR item 3, question C. For each child, one finding per
    safety assessment deciding the child unsafe or conditionally safe (completed in the
    period under review, or earlier with its plan in effect in it): ``met`` when its safety
    plan had a caseworker contact with the child or a person responsible for the plan in
    every whole calendar month it was in effect in the period; ``not_met`` when a month had
    none, or a child found unsafe stayed at home without a plan; ``not_applicable`` when the
    child was removed instead. A child with no such assessment is ``not_applicable``.

    Source: CFSR Round 3 onsite review instrument, item 3, question C; seed 000, "Safety
    Assurance and Risk Management".
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("safety.plan_monitored", ())


def no_recurrence(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """No similar maltreatment recurred, and the case did not close with concerns open.

    Rule ``safety.no_recurrence``; CFSR item 3, question D. For a case open in the period
    under review: ``not_met`` for each report received in the period that repeats, within
    ``recurrence_months``, an earlier substantiated report of the same allegation (both
    substantiated) or an earlier alternative response for it (both alternative responses),
    and when the case closed in the period with a safety plan in effect or a child's latest
    safety decision unsafe or conditionally safe; ``needs_review`` for a possible recurrence
    where an allegation is not recorded; otherwise one ``met`` finding about the case. A case
    not open in the period gets one ``not_applicable`` finding. This rule makes item 3
    applicable to every case open in the period ("All cases").

    Source: CFSR Round 3 onsite review instrument, item 3, question D.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("safety.no_recurrence", ())
