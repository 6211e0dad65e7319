"""A child's educational needs: ``education.*`` (CFSR Round 3 item 16, Well-Being Outcome 2).

What the case record can decide of CFSR item 16, *educational needs of the child*: whether the
agency assessed the child's educational needs, and whether it addressed the needs it found,
for each child of the case the item covers in the period under review:

- ``education.needs_assessed`` (the assessment question): an education
  [`Screening`][practicemodel.wellbeing.Screening] in the period under review, or a recorded
  education [`WellBeingNeed`][practicemodel.wellbeing.WellBeingNeed] open in it;
- ``education.needs_served`` (the services question): each education need identified in, or
  carried into, the period under review (not met before it) had a linked service started, or
  was met, within ``policy.need_service_days`` (60) of being identified.

**Which children.** The period under review ends on ``as_of`` and spans the profile's
``review_period_months`` (12), as for the other CFSR rules. A case is reviewed as a *foster
care* case when a child of it was in foster care on some day of the period (its latest
removal episode begun by ``as_of`` was open then), otherwise as an *in-home* case when the case
was open in the period (CFSR Round 3 onsite review instrument, face sheet: the case type).
The federal review rates one target child of a foster care case; this library rates every
child of the case in foster care in the period, each with its own findings, and the other
children of a foster care case are ``not_applicable``. A foster care child is judged to the
last day in care in the period (the exit, or ``as_of``). An in-home case is rated on item 16
only when an education need of the child is recorded (education was a reason for the
agency's involvement or a need arose: the Round 2 rule the Round 3 FAQ keeps); without one,
every finding is ``not_applicable``.

**Age.** A foster care child younger than ``policy.education_min_age`` (3) on the last day
judged, with no education need recorded, is ``not_applicable`` (CFSR FAQ, well-being outcome
2: item 16 does not apply to a child aged 2 or younger with no apparent developmental delay).
A child with no birth date and no need recorded ``needs_review``: a reviewer tells whether the
item applies.

**Timing.** A child who entered care in the period is given the profile's initial screening
window, ``policy.health_screening_days`` (30 days from the removal), before a missing
assessment counts against the agency: until then ``education.needs_assessed`` is
``not_applicable``. A need is judged when its ``need_service_days`` have passed: until then,
with no service started and the need not met, it is ``not_applicable``; a service only
referred or waitlisted when they pass leaves the need ``not_met`` (the explanation says so).
Records dated after ``as_of`` (or after a child's last day judged) are not known yet.

**How item 16 is rated from these findings** (the generic rule of
[`ReviewItem`][practicemodel.review.ReviewItem]): Not Applicable when every finding is
``not_applicable`` (a young child with no delay, an in-home child with no education need);
Area Needing Improvement when any finding is ``not_met`` or ``needs_review`` (a child not
assessed, a need not served in time); Strength otherwise.

Not computed, because they are a reviewer's judgement: whether the assessment was accurate and
complete, whether the services matched the needs, and whether the agency made concerted
efforts when the school or another agency, not the child welfare agency, was responsible.

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
_AREAS = frozenset({WellBeingArea.EDUCATION})
_ITEM = "CFSR item 16"


# -- education: needs assessed ------------------------------------------------------------------


def _assessed_words(state: str, name: str, review: str, age: int | None, min_age: int,
                    start: date, last_day: date, screening_id: str | None,
                    screened_on: date | None, need_id: str | None,
                    removed_on: date | None, due: date | None) -> Explanation:
    period = f"the period under review ({start} to {last_day})"
    why = {
        "screened": f"{name} had an educational assessment on {screened_on} ({screening_id}), "
                    f"in {period}.",
        "need recorded": f"An education need of {name} is recorded ({need_id}), open in "
                         f"{period}: the child's educational needs were assessed.",
        "young": f"{name} was {age} on {last_day}, younger than {min_age}, and no education "
                 f"need is recorded: {_ITEM} does not apply (CFSR FAQ, well-being outcome 2: "
                 "not applicable to a child aged 2 or younger with no apparent delay).",
        "age unknown": f"{name}'s birth date is not recorded and no education need is: a "
                       f"reviewer decides whether {_ITEM} applies (it does not to a child "
                       f"younger than {min_age} with no apparent delay).",
        "in-home, no need": f"No education need of {name} is recorded: in an in-home case "
                            f"{_ITEM} covers a child only when education was a reason for "
                            "the agency's involvement or a need arose.",
        "pending": f"{name} entered foster care on {removed_on} and has no educational "
                   f"assessment yet; the initial screening window runs to {due}, after "
                   f"{last_day}: it cannot be judged yet.",
        "not assessed": f"{name} has no educational assessment in {period}, and no "
                        f"education need is recorded: {_ITEM} asks that the child's "
                        "educational needs be assessed.",
    }[state]
    return (f"educational needs assessment of {name}", why,
            _facts(("review", review), ("age", age), ("period under review from", start),
                   ("last day judged", last_day), ("screening", screening_id),
                   ("screened on", screened_on), ("education need", need_id),
                   ("entered care (removal)", removed_on), ("screening due by", due)))


_ASSESSED_OUTCOME: Mapping[str, Outcome] = {
    "screened": M, "need recorded": M, "young": NA, "age unknown": NR,
    "in-home, no need": NA, "pending": NA, "not assessed": NM}


def _assessed(case: Case, child: _Child, policy: PolicyProfile, as_of: date) -> Finding:
    rule = "education.needs_assessed"
    needs = _open_needs(case, child, _AREAS, as_of)
    person = _people(case).get(child.child_id)
    age = None if person is None else person.age_on(child.last_day)
    in_period = [s for s in _screenings(case, child, WellBeingArea.EDUCATION)
                 if s.completed_on >= child.start]
    latest = in_period[-1] if in_period else None
    due = None if child.removed_on is None else \
        child.removed_on + timedelta(days=policy.health_screening_days)
    if child.review == "in-home" and not needs:
        state = "in-home, no need"
    elif not needs and age is None:
        state = "age unknown"
    elif not needs and age is not None and age < policy.education_min_age:
        state = "young"
    elif latest is not None:
        state = "screened"
    elif needs:
        state = "need recorded"
    elif child.removed_on is not None and due is not None and child.removed_on >= child.start \
            and child.last_day <= due:
        state = "pending"
    else:
        state = "not assessed"
    return _finding(rule, _ASSESSED_OUTCOME[state], child.child_id, child.child_id,
                    _assessed_words,
                    (state, child.name, child.review, age, policy.education_min_age,
                     child.start, child.last_day,
                     None if latest is None else latest.id,
                     None if latest is None else latest.completed_on,
                     needs[0].id if needs else None, child.removed_on, due))


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``education.*`` finding of the case, grouped by rule, child by child."""
    return _family_findings(
        case, policy, as_of, _ITEM,
        (("education.needs_assessed", "educational needs assessment",
          lambda child: _assessed(case, child, policy, as_of)),),
        "education.needs_served", _AREAS)


# -- the rules ----------------------------------------------------------------------------------


def needs_assessed(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The child's educational needs were assessed in the period under review.

    Rule ``education.needs_assessed``; CFSR item 16. For each child the item covers: ``met``
    when an education screening was completed in the period under review (to the child's last
    day judged) or an education need is recorded open in it; ``not_met`` when neither, for a
    foster care child aged ``policy.education_min_age`` (3) or older; ``not_applicable`` for a
    younger child with no need recorded, for an in-home child with no education need, while a
    child who entered care in the period is within ``policy.health_screening_days`` of entry
    with no assessment yet, and for a child the item does not cover; ``needs_review`` when the
    birth date is unknown and no need is recorded.

    Source: CFSR Round 3 onsite review instrument, item 16; CFSR FAQ, well-being outcome 2.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("education.needs_assessed", ())


def needs_served(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each educational need had a service started, or was met, in time.

    Rule ``education.needs_served``; CFSR item 16. One finding per education need of a child
    the item covers, identified by the child's last day judged and not met before the period
    under review: ``met`` when a linked service (the need's ``service_ids``) started, or the
    need was met, within ``policy.need_service_days`` (60) of its identification; ``not_met``
    when those days passed with neither (a service only referred or waitlisted does not count;
    a service started later is late); ``not_applicable`` while the days run. A child with no
    such need, or whom the item does not cover, has one ``not_applicable`` finding.

    Source: CFSR Round 3 onsite review instrument, item 16.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("education.needs_served", ())
