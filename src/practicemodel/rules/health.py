"""A child's physical and dental health: ``health.*`` (CFSR Round 3 item 17, Well-Being 3).

What the case record can decide of CFSR item 17, *physical health of the child*: whether the
agency assessed the child's physical and dental health needs, and whether it provided the
services to meet the needs it found, for each child of the case the item covers in the period
under review:

- ``health.physical_exam`` (the assessment question, physical health): a foster care child
  who entered care in the period had a physical health exam within
  ``policy.health_screening_days`` (30) of the removal, and on the last day judged the latest
  exam is at most ``policy.physical_exam_months`` (12) old (42 USC 622(b)(15): initial and
  follow-up health screenings);
- ``health.dental_exam`` (the assessment question, dental health): a foster care child aged
  1 or older has a dental exam at most ``policy.dental_exam_months`` (6) old on the last day
  judged (CFSR FAQ, well-being outcome 3: dental exams about every 6 months, the first by age
  1); a child younger than 1 is ``not_applicable``;
- ``health.needs_served`` (the services question): each physical or dental health need
  identified in, or carried into, the period under review (not met before it) had a linked
  service started, or was met, within ``policy.need_service_days`` (60) of being identified.

**Which children.** The period under review ends on ``as_of`` and spans the profile's
``review_period_months`` (12), as for the other CFSR rules. A case is reviewed as a *foster
care* case when a child of it was in foster care on some day of the period (its latest
removal episode begun by ``as_of`` was open then), otherwise as an *in-home* case when the case
was open in the period (CFSR Round 3 onsite review instrument, face sheet: the case type).
The federal review rates one target child of a foster care case; this library rates every
child of the case in foster care in the period, each with its own findings, and the other
children of a foster care case are ``not_applicable``. A foster care child is judged to the
last day in care in the period (the exit, or ``as_of``). For the children of an in-home case
the instrument asks about the health needs that came to the agency's attention, not about
routine exams: ``health.physical_exam`` and ``health.dental_exam`` are ``not_applicable`` to
them, and ``health.needs_served`` judges their recorded physical and dental needs (none
recorded: ``not_applicable``).

**Timing.** The exam intervals are judged on the last day judged only: the latest exam must
be within its interval then (an exam is current through the same day ``physical_exam_months``
or ``dental_exam_months`` later); an earlier gap that was closed before then is a reviewer's
judgement. A child who entered care within ``health_screening_days`` of the last day judged,
with no current exam yet, is ``not_applicable`` (the initial window still runs). A need is
judged when its ``need_service_days`` have passed: until then, with no service started and the
need not met, it is ``not_applicable``; a service only referred or waitlisted when they pass
leaves the need ``not_met`` (the explanation says so). Records dated after ``as_of`` (or after
a child's last day judged) are not known yet.

**How item 17 is rated from these findings** (the generic rule of
[`ReviewItem`][practicemodel.review.ReviewItem]): Not Applicable when every finding is
``not_applicable`` (an in-home child with no recorded health need); Area Needing Improvement
when any finding is ``not_met`` or ``needs_review`` (an exam missing or out of date, a need
not served in time); Strength otherwise.

Not computed, because they are a reviewer's judgement: whether the exams were adequate,
whether the services matched the needs (including medication oversight and immunizations), and
the concerted efforts the agency made when a provider, not the agency, was responsible.

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
    _screenings,
)
from practicemodel.wellbeing import WellBeingArea

__all__ = ["DENTAL_FROM_AGE", "dental_exam", "needs_served", "physical_exam"]

M, NM, NA, NR = (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE,
                 Outcome.NEEDS_REVIEW)
_AREAS = frozenset({WellBeingArea.PHYSICAL_HEALTH, WellBeingArea.DENTAL_HEALTH})
_ITEM = "CFSR item 17"

DENTAL_FROM_AGE = 1
"""Dental exams are due from this age: the first by age 1 (CFSR FAQ, well-being outcome 3;
the review's own number). A younger child is ``not_applicable`` under ``health.dental_exam``,
and so is a child on the first birthday, the last day of "by age 1"."""


# -- health: exams ------------------------------------------------------------------------------


def _in_home_words(what: str, name: str, start: date, last_day: date) -> Explanation:
    return (f"{what} of {name}",
            f"{name} is a child of an in-home case: {_ITEM} asks about the health needs that "
            "came to the agency's attention (health.needs_served), not about routine exams.",
            _facts(("review", "in-home"), ("period under review from", start),
                   ("last day judged", last_day)))


def _exam_words(state: str, what: str, name: str, months: int, days: int,
                removed_on: date | None, initial_due: date | None, first_on: date | None,
                latest_id: str | None, latest_on: date | None, current_to: date | None,
                last_day: date, age: int | None) -> Explanation:
    entered = f"{name} entered foster care on {removed_on}"
    interval = f"{_ITEM} looks for a {what} at least every {months} months"
    why = {
        "current": f"The latest {what} of {name} was on {latest_on} ({latest_id}), current "
                   f"through {current_to}, on or after {last_day}, the last day judged. "
                   f"{interval}.",
        "initial pending": f"{entered} and has no {what} yet; the initial exam is due within "
                           f"{days} days, by {initial_due}, after {last_day}: it cannot be "
                           "judged yet.",
        "pending": f"{entered} and has no current {what}; the initial window of {days} days "
                   f"runs to {initial_due}, after {last_day}: it cannot be judged yet.",
        "no initial": f"{entered}; no {what} was completed within {days} days, by "
                      f"{initial_due}, nor since, by {last_day}.",
        "initial late": f"{entered}; the first {what} after entry was on {first_on}, after the "
                        f"{days} days allowed (by {initial_due}).",
        "overdue": f"The latest {what} of {name} was on {latest_on} ({latest_id}), current "
                   f"only through {current_to}, before {last_day}, the last day judged. "
                   f"{interval}.",
        "never": f"No {what} of {name} is recorded by {last_day}, the last day judged. "
                 f"{interval}.",
        "infant": f"{name} was {age} on {last_day}, not past the birthday of age "
                  f"{DENTAL_FROM_AGE}: the first dental exam is due by age {DENTAL_FROM_AGE} "
                  f"(CFSR FAQ, well-being outcome 3).",
        "age unknown": f"{name}'s birth date is not recorded and no current {what} is: a "
                       f"reviewer decides whether dental exams were due (from age "
                       f"{DENTAL_FROM_AGE}).",
    }[state]
    return (f"{what} of {name}", why,
            _facts(("entered care (removal)", removed_on), ("initial exam due by", initial_due),
                   ("first exam after entry", first_on), ("latest exam", latest_id),
                   ("latest exam on", latest_on), ("current through", current_to),
                   ("interval (months)", months), ("last day judged", last_day),
                   ("age", age)))


_EXAM_OUTCOME: Mapping[str, Outcome] = {
    "current": M, "initial pending": NA, "pending": NA, "no initial": NM,
    "initial late": NM, "overdue": NM, "never": NM, "infant": NA, "age unknown": NR}


def _exam(case: Case, child: _Child, policy: PolicyProfile, area: WellBeingArea) -> Finding:
    """The ``health.physical_exam`` or ``health.dental_exam`` finding of a child the item
    covers (``not_applicable`` for a child of an in-home case)."""
    dental = area is WellBeingArea.DENTAL_HEALTH
    rule = "health.dental_exam" if dental else "health.physical_exam"
    what = "dental exam" if dental else "physical health exam"
    if child.review == "in-home":
        return _finding(rule, NA, child.child_id, child.child_id, _in_home_words,
                        (what, child.name, child.start, child.last_day))
    months = policy.dental_exam_months if dental else policy.physical_exam_months
    days = policy.health_screening_days
    # a foster care child always has the removal of its episode
    removed_on = child.start if child.removed_on is None else child.removed_on
    initial_due = removed_on + timedelta(days=days)
    exams = _screenings(case, child, area)
    latest = exams[-1] if exams else None
    current_to = None if latest is None else add_months(latest.completed_on, months)
    person = _people(case).get(child.child_id)
    age = None if person is None else person.age_on(child.last_day)
    first_on: date | None = None
    state: str | None = None
    if dental:
        # "the first by age 1": the day of the first birthday is the last day it is on time
        age_before = None if person is None else person.age_on(child.last_day - timedelta(1))
        if age_before is not None and age_before < DENTAL_FROM_AGE:
            state = "infant"
    elif removed_on >= child.start:  # entered in the period: the initial exam is judged
        after = [e.completed_on for e in exams if e.completed_on >= removed_on]
        first_on = after[0] if after else None
        if first_on is None:
            state = "initial pending" if child.last_day <= initial_due else "no initial"
        elif first_on > initial_due:
            state = "initial late"
    if state is None:
        if current_to is not None and current_to >= child.last_day:
            state = "current"
        elif dental and age is None:
            state = "age unknown"
        elif child.last_day <= initial_due:
            state = "pending"
        else:
            state = "never" if latest is None else "overdue"
    return _finding(rule, _EXAM_OUTCOME[state], child.child_id, child.child_id, _exam_words,
                    (state, what, child.name, months, days, removed_on, initial_due, first_on,
                     None if latest is None else latest.id,
                     None if latest is None else latest.completed_on, current_to,
                     child.last_day, age))


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``health.*`` finding of the case, grouped by rule, child by child."""
    return _family_findings(
        case, policy, as_of, _ITEM,
        (("health.physical_exam", "physical health exam",
          lambda child: _exam(case, child, policy, WellBeingArea.PHYSICAL_HEALTH)),
         ("health.dental_exam", "dental exam",
          lambda child: _exam(case, child, policy, WellBeingArea.DENTAL_HEALTH))),
        "health.needs_served", _AREAS)


# -- the rules ----------------------------------------------------------------------------------


def physical_exam(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The child had a physical health exam on entry and within its interval since.

    Rule ``health.physical_exam``; CFSR item 17. For each foster care child the item covers:
    ``met`` when the latest physical health exam is at most ``policy.physical_exam_months``
    (12) old on the last day judged and, for a child who entered care in the period under
    review, the first exam after entry came within ``policy.health_screening_days`` (30);
    ``not_met`` when the initial exam was late or missing, or the latest exam is out of date
    or none is recorded; ``not_applicable`` while the initial window runs with no current
    exam, for the children of an in-home case, and for a child the item does not cover.

    Source: CFSR Round 3 onsite review instrument, item 17; 42 USC 622(b)(15).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("health.physical_exam", ())


def dental_exam(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The child aged 1 or older had a dental exam within its interval.

    Rule ``health.dental_exam``; CFSR item 17. For each foster care child the item covers,
    aged 1 or older on the last day judged: ``met`` when the latest dental exam is at most
    ``policy.dental_exam_months`` (6) old then; ``not_met`` when it is older or none is
    recorded; ``not_applicable`` for a child younger than 1, while a child who entered care
    within ``policy.health_screening_days`` has no current exam yet, for the children of an
    in-home case, and for a child the item does not cover; ``needs_review`` when the birth
    date is unknown and no current exam is recorded.

    Source: CFSR Round 3 onsite review instrument, item 17; CFSR FAQ, well-being outcome 3.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("health.dental_exam", ())


def needs_served(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each physical or dental health need had a service started, or was met, in time.

    Rule ``health.needs_served``; CFSR item 17. One finding per physical or dental health
    need of a child the item covers, identified by the child's last day judged and not met
    before the period under review: ``met`` when a linked service (the need's
    ``service_ids``) started, or the need was met, within ``policy.need_service_days`` (60)
    of its identification; ``not_met`` when those days passed with neither (a service only
    referred or waitlisted does not count; a service started later is late);
    ``not_applicable`` while the days run. A child with no such need, or whom the item does
    not cover, has one ``not_applicable`` finding.

    Source: CFSR Round 3 onsite review instrument, item 17.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("health.needs_served", ())
