"""Permanency for a child in foster care: ``permanency.*`` (CFSR Round 3 items 5 and 6).

What the case record can decide of CFSR item 5, *permanency goal for child*, and of item 6,
*achieving reunification, guardianship, adoption or another planned permanent living
arrangement*, for each child of the case in foster care in the period under review:

- ``permanency.goal_recorded`` (item 5, question A2): a plan for the child states a
  permanency goal;
- ``permanency.goal_timely`` (item 5, question B): the first permanency goal was set within
  60 days of the child's entry into foster care;
- ``permanency.achieved_timely`` (item 6, question B): the child reached the permanency of
  the goal within its time frame from entry: reunification
  (``policy.reunification_within_months``, 12), guardianship
  (``policy.guardianship_within_months``, 18), adoption (``policy.adoption_within_months``,
  24).

**Entry into foster care** is the removal that began the child's latest episode begun by
``as_of``: the CFSR counts the goal's 60 days and item 6's time frames from the date of the
child's latest entry into foster care, and the Round 4 FAQ says to count from the latest
removal. It is not the statutory date of
[`entered_foster_care`][practicemodel.timelines.entered_foster_care] (42 USC 675(5)(F), up to
60 days later), from which the permanency hearings and the ASFA count run.

**The period under review** ends on ``as_of`` and spans the profile's
``review_period_months`` (12), as for the visit rules. A child is judged when the latest
episode was open on some day of it; every other child of the case (never in foster care, or
out of care since before the period) is ``not_applicable``. Exits and plans dated after
``as_of`` are not known yet.

**The goals read** are those of the plans covering the child completed from the removal to
the exit (or to ``as_of`` while the child is in care). Item 6 judges the goal of the latest of
them that states one: its primary goal, or its concurrent goal when the child left care to
the permanency of the concurrent goal (the instrument judges the goal being achieved).

Not computed, because they are a reviewer's judgement: whether a goal is appropriate to the
child's needs (item 5 C), whether later goal changes were timely (item 5 B for each change),
whether a delay within the time frame was avoidable, whether a documented adoptive search
justifies a delay, and whether another planned permanent living arrangement was made
permanent (item 6 C). Item 5's ASFA questions (15 of the most recent 22 months, the TPR
petition and its exceptions) are judged by ``deadline.tpr_petition``.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
one finding per child of the case, in the order of ``case.child_ids``. The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from types import MappingProxyType

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, PermanencyGoal
from practicemodel.findings import Explanation, Finding, Outcome
from practicemodel.periods import add_months, review_period_start
from practicemodel.placement import ExitReason, PlacementSetting, RemovalEpisode
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import _name, _plans_known
from practicemodel.rules._shared import by_rule, shared
from practicemodel.rules._visiting import _facts
from practicemodel.rules._visiting import _finding as _child_finding

__all__ = ["GOAL_WITHIN_DAYS", "achieved_timely", "goal_recorded", "goal_timely"]

M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE

GOAL_WITHIN_DAYS = 60
"""The first permanency goal is due within this many days of the child's entry into foster
care (CFSR Round 3 onsite review instrument, item 5 question B: the review's own number, the
same in every state). Until the day it falls due, a child with no goal yet is not
applicable."""

_GOAL_DUE = timedelta(days=GOAL_WITHIN_DAYS)

_ACHIEVED_BY: Mapping[PermanencyGoal, frozenset[ExitReason]] = MappingProxyType({
    PermanencyGoal.RETURN_HOME: frozenset({ExitReason.REUNIFICATION}),
    PermanencyGoal.LEGAL_GUARDIANSHIP: frozenset({ExitReason.GUARDIANSHIP}),
    PermanencyGoal.MAINTAIN_LEGAL_GUARDIANSHIP: frozenset({ExitReason.GUARDIANSHIP}),
    PermanencyGoal.FIT_AND_WILLING_RELATIVE: frozenset({ExitReason.GUARDIANSHIP,
                                                        ExitReason.LIVING_WITH_RELATIVE}),
    PermanencyGoal.ADOPTION: frozenset({ExitReason.ADOPTION}),
    PermanencyGoal.ADOPTION_WITH_SIBLINGS: frozenset({ExitReason.ADOPTION}),
})
"""The goals item 6 gives a time frame, and the exits (AFCARS reasons for discharge) that
achieve each: reunification; guardianship (a fit and willing relative as well, by guardianship
or by the child's living with the relative); adoption. Every other goal (APPLA, long-term
foster care, emancipation, remain home) has none."""


def _time_frame(goal: PermanencyGoal, policy: PolicyProfile) -> tuple[str, int] | None:
    """The kind of permanency ``goal`` aims at and its time frame in months, if it has one."""
    if goal is PermanencyGoal.RETURN_HOME:
        return "reunification", policy.reunification_within_months
    if goal in (PermanencyGoal.ADOPTION, PermanencyGoal.ADOPTION_WITH_SIBLINGS):
        return "adoption", policy.adoption_within_months
    if goal in _ACHIEVED_BY:
        return "guardianship", policy.guardianship_within_months
    return None


def _finding(rule: str, outcome: Outcome, child_id: str,
             explain: Callable[..., Explanation], args: tuple[object, ...]) -> Finding:
    """A finding about ``child_id`` put in words by ``explain(*args)`` when read (see
    ``_visiting._finding``)."""
    return _child_finding(rule, outcome, child_id, explain, *args, child_id=child_id)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _goal_text(goal: PermanencyGoal | None) -> str | None:
    return None if goal is None else goal.value


# -- words ----------------------------------------------------------------------------------
# Each rule decides its outcome from dates and goals; these functions put a finding in words
# from the same plain values when it is read.


def _not_in_care_words(what: str, name: str, start: date, as_of: date,
                       removed_on: date | None, exit_on: date | None) -> Explanation:
    if removed_on is None:
        why = (f"{name} has no removal episode begun by {as_of}: the child was not in foster "
               f"care, so CFSR item {what} does not apply.")
    else:
        why = (f"{name} left foster care on {exit_on}, before the period under review "
               f"({start} to {as_of}), so CFSR item {what} does not apply.")
    return (f"permanency of {name}", why,
            _facts(("period under review from", start), ("as of", as_of),
                   ("removed on", removed_on), ("exit on", exit_on)))


def _recorded_words(outcome: Outcome, name: str, episode_id: str, removed_on: date,
                    due: date, last_day: date, in_care: bool, plan_id: str | None,
                    plan_on: date | None, goal: str | None,
                    concurrent: str | None) -> Explanation:
    days = (last_day - removed_on).days
    if outcome is M:
        also = f", with the concurrent goal {concurrent}" if concurrent else ""
        why = (f"The case file states a permanency goal for {name}: {goal}{also}, in plan "
               f"{plan_id} of {plan_on} (CFSR item 5: the child's permanency goal is in the "
               "case file).")
    elif outcome is NA:
        why = (f"{name} has been in foster care {_days(days)} since the removal on "
               f"{removed_on} and no plan states a permanency goal yet; CFSR item 5 asks for "
               f"one once the child has been in care {GOAL_WITHIN_DAYS} days (by {due}).")
    else:
        stay = "has been" if in_care else "was"
        why = (f"No plan for {name} states a permanency goal, and the child {stay} in foster "
               f"care {_days(days)} since the removal on {removed_on}, more than the "
               f"{GOAL_WITHIN_DAYS} days CFSR item 5 allows (a goal was due by {due}).")
    return (f"permanency goal of {name}", why,
            _facts(("episode", episode_id), ("removed on", removed_on),
                   ("days in care", days), ("plan", plan_id), ("plan date", plan_on),
                   ("permanency goal", goal), ("concurrent goal", concurrent)))


def _timely_words(outcome: Outcome, name: str, episode_id: str, removed_on: date, due: date,
                  last_day: date, plan_id: str | None, plan_on: date | None,
                  goal: str | None) -> Explanation:
    if plan_on is None:
        days: int | None = None
        if outcome is NA:
            why = (f"{name} entered foster care on {removed_on} and no plan states a "
                   f"permanency goal yet; it is due by {due}, {GOAL_WITHIN_DAYS} days after "
                   "entry (CFSR item 5), so its timeliness cannot be judged yet.")
        else:
            why = (f"{name} entered foster care on {removed_on}; no permanency goal was set "
                   f"by {due}, {GOAL_WITHIN_DAYS} days after entry (CFSR item 5), and none is "
                   f"recorded by {last_day}.")
    else:
        days = (plan_on - removed_on).days
        if outcome is M:
            why = (f"{name} entered foster care on {removed_on}. The first permanency goal, "
                   f"{goal}, was set in plan {plan_id} on {plan_on}, {_days(days)} after "
                   f"entry: within the {GOAL_WITHIN_DAYS} days CFSR item 5 allows (by {due}).")
        else:
            why = (f"{name} entered foster care on {removed_on}. The first permanency goal, "
                   f"{goal}, was set in plan {plan_id} on {plan_on}, {_days(days)} after "
                   f"entry: {_days((plan_on - due).days)} after the {GOAL_WITHIN_DAYS} days "
                   f"CFSR item 5 allows (it was due by {due}).")
    return (f"timeliness of the permanency goal of {name}", why,
            _facts(("episode", episode_id), ("entered care (removal)", removed_on),
                   ("goal due by", due), ("first goal", goal), ("plan", plan_id),
                   ("goal set on", plan_on), ("days from entry to goal", days)))


def _achieved_words(state: str, name: str, episode_id: str, removed_on: date,
                    as_of: date, plan_id: str | None, goal: str | None, judged: str | None,
                    kind: str | None, months: int | None, due: date | None,
                    exit_on: date | None, exit_reason: str | None,
                    trial_home_visit_on: date | None) -> Explanation:
    entered = f"{name} entered foster care on {removed_on}"
    left = f"{entered} and left care on {exit_on} ({exit_reason})"
    which = ("the goal" if judged == goal else
             f"the concurrent goal {judged} (the goal being achieved; the goal is {goal})")
    frame = (f"CFSR item 6 looks for {kind} within {months} months of entry, by {due}, for "
             f"{which} of plan {plan_id}")
    late = _days((exit_on - due).days) if exit_on is not None and due is not None else ""
    why = {
        "no goal": (f"{entered} and no plan states a permanency goal, so there is no goal to "
                    "judge the timeliness of (see permanency.goal_recorded); CFSR item 6 does "
                    "not apply."),
        "no time frame": (f"{entered}; the permanency goal is {goal} (plan {plan_id}), which "
                          "has no time frame in CFSR item 6. Whether another planned "
                          "permanent living arrangement was made permanent (item 6 C) is a "
                          "reviewer's judgement."),
        "achieved": f"{left}. {frame}: achieved in time.",
        "achieved late": f"{left}. {frame}: achieved {late} late.",
        "justified": (f"{left}. {frame}: achieved {late} late, but justified: the trial "
                      f"home visit that led home began on {trial_home_visit_on}, within the "
                      "time frame."),
        "left early": (f"{left}, before {due}, without the {kind} of {which}: there is no "
                       f"timeliness to judge. {frame}."),
        "left late": (f"{left}, after {due}, without the {kind} of {which}: the time frame "
                      f"passed without it. {frame}."),
        "running": (f"{entered} and is still in care on {as_of}; the time frame has not "
                    f"passed. {frame}."),
        "on a trial home visit": (f"{entered} and is still in care on {as_of}, past the time "
                                  f"frame, but on a trial home visit begun on "
                                  f"{trial_home_visit_on}, within it: justified. {frame}."),
        "overdue": (f"{entered} and is still in care on {as_of}: the time frame passed on "
                    f"{due} without {kind}. {frame}."),
    }[state]
    return (f"timely permanency of {name}", why,
            _facts(("episode", episode_id), ("entered care (removal)", removed_on),
                   ("plan", plan_id), ("permanency goal", goal), ("goal judged", judged),
                   ("time frame (months)", months), ("due by", due), ("exit on", exit_on),
                   ("exit reason", exit_reason),
                   ("trial home visit began", trial_home_visit_on)))


_ACHIEVED_OUTCOME: Mapping[str, Outcome] = MappingProxyType({
    "no goal": NA, "no time frame": NA, "achieved": M, "achieved late": NM, "justified": M,
    "left early": NA, "left late": NM, "running": M, "on a trial home visit": M,
    "overdue": NM})
"""The outcome of each state ``permanency.achieved_timely`` can find a child in."""


# -- deciding -------------------------------------------------------------------------------


def _latest_episode(case: Case, child_id: str, as_of: date) -> RemovalEpisode | None:
    """The child's episode with the latest removal on or before ``as_of`` (ties by id)."""
    begun = [e for e in case.removal_episodes if e.child_id == child_id and e.removed_on <= as_of]
    return max(begun, key=lambda e: (e.removed_on, e.id)) if begun else None


def _goal_plans(plans: list[CasePlan], child_id: str, removed_on: date,
                last_day: date) -> list[CasePlan]:
    """The plans for the child from the removal to ``last_day`` that state a goal, oldest
    first."""
    return [p for p in plans if child_id in p.child_ids and p.permanency_goal is not None
            and removed_on <= p.completed_on <= last_day]


def _trial_home_visit(episode: RemovalEpisode, on: date, by: date) -> date | None:
    """The start of the trial home visit the child is on on ``on`` (the exit or ``as_of``),
    if it began on or before ``by``."""
    placement = episode.placement_on(on)
    if placement is None or placement.setting is not PlacementSetting.TRIAL_HOME_VISIT \
            or placement.start > by:
        return None
    return placement.start


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, plans: list[CasePlan],
                    start: date, as_of: date) -> Iterator[Finding]:
    name = _name(case, child_id)
    episode = _latest_episode(case, child_id, as_of)
    exit_on = episode.exit_on if episode is not None and episode.exit_on is not None \
        and episode.exit_on <= as_of else None
    if episode is None or (exit_on is not None and exit_on < start):
        removed_on = None if episode is None else episode.removed_on
        for rule, item in (("permanency.goal_recorded", "5"), ("permanency.goal_timely", "5"),
                           ("permanency.achieved_timely", "6")):
            yield _finding(rule, NA, child_id, _not_in_care_words,
                           (item, name, start, as_of, removed_on, exit_on))
        return

    removed_on = episode.removed_on
    in_care = exit_on is None
    last_day = as_of if exit_on is None else exit_on
    due = removed_on + _GOAL_DUE
    with_goal = _goal_plans(plans, child_id, removed_on, last_day)
    first = with_goal[0] if with_goal else None
    latest = with_goal[-1] if with_goal else None

    # item 5, A2: a goal in the case file
    if latest is not None:
        outcome = M
    elif last_day <= due:
        outcome = NA
    else:
        outcome = NM
    yield _finding("permanency.goal_recorded", outcome, child_id, _recorded_words,
                   (outcome, name, episode.id, removed_on, due, last_day, in_care,
                    None if latest is None else latest.id,
                    None if latest is None else latest.completed_on,
                    None if latest is None else _goal_text(latest.permanency_goal),
                    None if latest is None else _goal_text(latest.concurrent_goal)))

    # item 5, B: the first goal within 60 days of entry
    if first is not None:
        outcome = M if first.completed_on <= due else NM
    else:
        outcome = NA if last_day <= due else NM
    yield _finding("permanency.goal_timely", outcome, child_id, _timely_words,
                   (outcome, name, episode.id, removed_on, due, last_day,
                    None if first is None else first.id,
                    None if first is None else first.completed_on,
                    None if first is None else _goal_text(first.permanency_goal)))

    # item 6, B: permanency achieved within the goal's time frame
    yield _achieved(child_id, name, episode, latest, exit_on, policy, as_of)


def _achieved(child_id: str, name: str, episode: RemovalEpisode, latest: CasePlan | None,
              exit_on: date | None, policy: PolicyProfile, as_of: date) -> Finding:
    goal = None if latest is None else latest.permanency_goal
    reason = episode.exit_reason if exit_on is not None else None
    judged = goal
    if latest is not None and goal is not None and reason is not None \
            and reason not in _ACHIEVED_BY.get(goal, frozenset()) \
            and latest.concurrent_goal is not None \
            and reason in _ACHIEVED_BY.get(latest.concurrent_goal, frozenset()):
        judged = latest.concurrent_goal  # the goal being achieved is judged
    frame = None if judged is None else _time_frame(judged, policy)
    kind, months = frame if frame is not None else (None, None)
    due = None if months is None else add_months(episode.removed_on, months)
    trial_home_visit_on: date | None = None
    if judged is None:
        state = "no goal"
    elif due is None:
        state = "no time frame"
    else:
        last_day = as_of if exit_on is None else exit_on
        if kind == "reunification" and last_day > due:
            trial_home_visit_on = _trial_home_visit(episode, last_day, due)
        if exit_on is None:
            state = ("running" if as_of <= due else
                     "on a trial home visit" if trial_home_visit_on is not None else "overdue")
        elif reason is not None and reason in _ACHIEVED_BY[judged]:
            state = ("achieved" if exit_on <= due else
                     "justified" if trial_home_visit_on is not None else "achieved late")
        else:
            state = "left early" if exit_on <= due else "left late"
        if state not in ("justified", "on a trial home visit"):
            trial_home_visit_on = None
    return _finding("permanency.achieved_timely", _ACHIEVED_OUTCOME[state], child_id,
                    _achieved_words,
                    (state, name, episode.id, episode.removed_on, as_of,
                     None if latest is None else latest.id, _goal_text(goal),
                     _goal_text(judged), kind, months, due, exit_on,
                     None if reason is None else reason.value, trial_home_visit_on))


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``permanency.*`` finding of the case, grouped by rule, child by child."""
    start = review_period_start(as_of, policy.review_period_months)
    plans = _plans_known(case, as_of)
    found: list[Finding] = []
    for child_id in dict.fromkeys(case.child_ids):
        found.extend(_child_findings(case, child_id, policy, plans, start, as_of))
    return by_rule(found)


# -- the rules ------------------------------------------------------------------------------


def achieved_timely(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Permanency achieved within the time frame of the goal.

    Rule ``permanency.achieved_timely``; CFSR item 6. For each child of the case: ``met`` when
    the latest episode ended, within the goal's time frame from the removal, with the exit
    that achieves the goal (reunification 12 months, guardianship 18, adoption 24: the
    profile's ``reunification_within_months``, ``guardianship_within_months``,
    ``adoption_within_months``), or the child is still in care and the time frame has not
    passed on ``as_of``, or a reunification is late but the child went home on a trial home
    visit begun within the time frame; ``not_met`` when the time frame passed without that
    exit; ``not_applicable`` without a goal, with a goal that has no time frame (APPLA,
    long-term foster care), when the child left care otherwise before the time frame ended,
    or for a child not in foster care in the period under review. The primary goal is judged,
    or the concurrent goal when the child left care to its permanency.

    Source: CFSR Round 3 onsite review instrument, item 6, question B; CFSR FAQ, permanency
    outcome 1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("permanency.achieved_timely", ())


def goal_recorded(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """A permanency goal is in the case file.

    Rule ``permanency.goal_recorded``; CFSR item 5. For each child of the case: ``met`` when a
    plan for the child completed from the latest removal to the exit (or ``as_of``) states a
    permanency goal; ``not_met`` when none does after the child's first 60 days in care;
    ``not_applicable`` within those 60 days, or for a child not in foster care in the period
    under review.

    Source: CFSR Round 3 onsite review instrument, item 5, question A2.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("permanency.goal_recorded", ())


def goal_timely(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The first permanency goal was set within 60 days of entry into foster care.

    Rule ``permanency.goal_timely``; CFSR item 5. For each child of the case: ``met`` when the
    first plan stating a goal after the latest removal was completed within 60 days of it;
    ``not_met`` when it was completed later, or none was by then; ``not_applicable`` while the
    60 days run with no goal yet, or for a child not in foster care in the period under
    review.

    Source: CFSR Round 3 onsite review instrument, item 5, question B.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("permanency.goal_timely", ())
