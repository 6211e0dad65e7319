"""The ``permanency.*`` rules (CFSR Round 3 items 5 and 6): hand-worked cases and laws.

Every family here is fictional. Each small case has one child removed on 2025-01-10 (the
CFSR date of entry into foster care); the goal is due 60 days later, on 2025-03-11; the
reunification time frame ends 12 months after entry (2026-01-10), guardianship 18
(2026-07-10), adoption 24 (2027-01-10).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from practicemodel.case import Case, CaseType
from practicemodel.caseplan import CasePlan, PermanencyGoal, PlanKind
from practicemodel.checks import check_case
from practicemodel.errors import InvalidRecordError
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.people import Person, StaffMember, StaffRole
from practicemodel.placement import (
    ExitReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.policy import CA, FEDERAL, MS, PROFILES, PolicyProfile
from practicemodel.review import DEFAULT_INSTRUMENT
from practicemodel.rules import get_rule, permanency, select
from practicemodel.rules.permanency import _ACHIEVED_BY
from practicemodel.strategies import cases

D = date
G = PermanencyGoal
M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE
REMOVED = D(2025, 1, 10)
RULES = ("permanency.goal_recorded", "permanency.goal_timely", "permanency.achieved_timely")
VERSIONS = tuple(version for code in sorted(PROFILES) for version in PROFILES[code])


# -- small fictional cases ------------------------------------------------------------------


def _plan(ident: str, completed_on: date, goal: PermanencyGoal | None = G.RETURN_HOME, *,
          concurrent: PermanencyGoal | None = None, children: tuple[str, ...] = ("kit",),
          reason: str | None = None) -> CasePlan:
    return CasePlan(id=ident, kind=PlanKind.INITIAL, completed_on=completed_on,
                    child_ids=children, permanency_goal=goal, concurrent_goal=concurrent,
                    goal_compelling_reason=reason)


def _case(*plans: CasePlan, exit_on: date | None = None,
          reason: ExitReason = ExitReason.REUNIFICATION, removed_on: date = REMOVED,
          placements: tuple[Placement, ...] = (), finding_on: date | None = None,
          extra_child: bool = False) -> Case:
    """The Fernhill family: Kit removed on ``removed_on``; with ``extra_child``, Rowan too,
    who stays home. Plans after the first are updates, each replacing the one before."""
    children = {"kit": D(2016, 5, 4), **({"rowan": D(2019, 8, 1)} if extra_child else {})}
    episode = RemovalEpisode(
        id="ep-kit", child_id="kit", removed_on=removed_on,
        manner=RemovalManner.COURT_ORDERED, placements=placements or (
            Placement(id="pl-kit", setting=PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
                      start=removed_on, end=exit_on),),
        exit_on=exit_on, exit_reason=reason if exit_on else None,
        first_abuse_neglect_finding_on=finding_on)
    chained = tuple(plan if n == 0 else attrs.evolve(plan, kind=PlanKind.UPDATE,
                                                     replaces=plans[n - 1].id)
                    for n, plan in enumerate(plans))
    return Case(
        id="fernhill-1", case_type=CaseType.FOSTER_CARE, opened_on=D(2025, 1, 2),
        region="Region 9", county="Fictional County", caseworker_id="cw", supervisor_id="sup",
        staff=(StaffMember(id="cw", name="Casey Worker", role=StaffRole.CASEWORKER),
               StaffMember(id="sup", name="Sunny Visor", role=StaffRole.SUPERVISOR)),
        people=tuple(Person(id=pid, name=f"{pid.title()} Fernhill", birth_date=born)
                     for pid, born in children.items()),
        child_ids=tuple(children), removal_episodes=(episode,), plans=chained)


def _one(case: Case, rule: str, as_of: date, policy: PolicyProfile = FEDERAL,
         child_id: str = "kit") -> Finding:
    """The finding of ``rule`` about ``child_id``."""
    found = [f for f in get_rule(rule).check(case, policy=policy, as_of=as_of)
             if f.child_id == child_id]
    assert len(found) == 1
    return found[0]


def _fact(finding: Finding, label: str) -> object:
    return next(f.value for f in finding.facts if f.label == label)


# -- the registry ---------------------------------------------------------------------------


def test_the_family_is_registered_for_items_5_and_6() -> None:
    """``permanency.*``: three rules, items 5 and 6, case planning (and preserving connections
    for timely permanency), each citing the CFSR Round 3 onsite review instrument."""
    found = {r.id: (r.cfsr_items, tuple(c.value for c in r.components))
             for r in select("permanency.*")}
    assert found == {
        "permanency.achieved_timely": ((6,), ("case_planning", "preserving_connections")),
        "permanency.goal_recorded": ((5,), ("case_planning",)),
        "permanency.goal_timely": ((5,), ("case_planning",)),
    }
    assert all(r.source.startswith("CFSR Round 3 onsite review instrument, item ")
               for r in select("permanency.*"))
    assert sorted(permanency.__all__) == ["GOAL_WITHIN_DAYS", "achieved_timely",
                                          "goal_recorded", "goal_timely"]


def test_the_default_instrument_does_not_read_the_family() -> None:
    """The default review instrument is unchanged: no item reads ``permanency.*``."""
    read = {pattern for item in DEFAULT_INSTRUMENT.items for pattern in item.rules}
    assert not any(p.startswith("permanency") for p in read)


def test_one_finding_per_child_in_the_case_order() -> None:
    """CFSR items 5 and 6 (onsite review instrument): each rule gives one finding per child,
    in ``case.child_ids`` order, about the child, with the registry's source; a child never
    in foster care is not applicable."""
    case = _case(_plan("p1", D(2025, 2, 20)), extra_child=True)
    case = attrs.evolve(case, child_ids=("rowan", "kit"))
    for rule in RULES:
        found = get_rule(rule).check(case, policy=FEDERAL, as_of=D(2025, 6, 1))
        assert [(f.subject_id, f.child_id) for f in found] == [("rowan", "rowan"),
                                                                ("kit", "kit")]
        assert {f.source for f in found} == {get_rule(rule).source}
        assert found[0].outcome is NA
        assert "no removal episode" in found[0].explanation


# -- item 5 A2: permanency.goal_recorded ----------------------------------------------------


def test_goal_recorded_met_on_the_example() -> None:
    """``permanency.goal_recorded`` (CFSR R3 onsite review instrument, item 5 A2): the Wilson
    plans state return_home with a concurrent legal guardianship: met for Ava and Leo."""
    found = permanency.goal_recorded(load_example(), policy=MS, as_of=D(2026, 11, 22))
    assert [(f.subject_id, f.outcome) for f in found] == [("ava", M), ("leo", M)]
    assert _fact(found[0], "permanency goal") == "return_home"
    assert _fact(found[0], "concurrent goal") == "legal_guardianship"
    assert _fact(found[0], "plan") == "plan-2"
    assert _fact(found[0], "plan date") == D(2026, 9, 21)
    assert "return_home" in found[0].explanation


def test_goal_recorded_not_met_after_60_days_without_a_goal() -> None:
    """``permanency.goal_recorded`` (item 5 A2): a plan without a goal, and the child in care
    61 days (removed 2025-01-10, as of 2025-03-12): not met."""
    case = _case(_plan("p1", D(2025, 2, 1), None))
    finding = _one(case, "permanency.goal_recorded", D(2025, 3, 12))
    assert finding.outcome is NM
    assert _fact(finding, "days in care") == 61
    assert "2025-03-11" in finding.explanation


def test_goal_recorded_not_applicable_in_the_first_60_days() -> None:
    """``permanency.goal_recorded`` (item 5 A2): in care 60 days or fewer with no goal yet
    (as of 2025-03-11, the 60th day): not applicable."""
    finding = _one(_case(), "permanency.goal_recorded", D(2025, 3, 11))
    assert finding.outcome is NA
    assert _fact(finding, "days in care") == 60


def test_goal_recorded_reads_plans_from_the_removal_on() -> None:
    """``permanency.goal_recorded`` (item 5 A2): a goal stated before the removal (an in-home
    plan) is not a foster care goal, and a plan completed after ``as_of`` is not known."""
    case = _case(_plan("p0", D(2025, 1, 5), G.REMAIN_HOME), _plan("p2", D(2025, 6, 1)))
    assert _one(case, "permanency.goal_recorded", D(2025, 5, 1)).outcome is NM
    assert _one(case, "permanency.goal_recorded", D(2025, 6, 1)).outcome is M


def test_a_child_out_of_care_before_the_period_is_not_applicable() -> None:
    """Items 5 and 6 look at the period under review (``review_period_months``, 12, ending on
    ``as_of``): a child reunified on 2025-05-01 is out of scope as of 2026-06-01."""
    case = _case(exit_on=D(2025, 5, 1))
    for rule in RULES:
        finding = _one(case, rule, D(2026, 6, 1))
        assert finding.outcome is NA, rule
        assert "before the period under review (2025-06-02 to 2026-06-01)" in \
            finding.explanation
    shorter = FEDERAL.derive(review_period_months=24)
    assert _one(case, RULES[0], D(2026, 6, 1), shorter).outcome is NM


# -- item 5 B: permanency.goal_timely --------------------------------------------------------


@pytest.mark.parametrize(("completed_on", "outcome", "days"), [
    (D(2025, 2, 20), M, 41),
    (D(2025, 3, 11), M, 60),   # the 60th day: in time
    (D(2025, 3, 12), NM, 61),  # a day late
    (D(2025, 5, 1), NM, 111),
])
def test_goal_timely_counts_60_days_from_the_removal(completed_on: date, outcome: Outcome,
                                                     days: int) -> None:
    """``permanency.goal_timely`` (CFSR R3 onsite review instrument, item 5 B): the first goal
    within 60 days of entry (removal 2025-01-10, due 2025-03-11)."""
    finding = _one(_case(_plan("p1", completed_on)), "permanency.goal_timely", D(2025, 9, 1))
    assert finding.outcome is outcome
    assert _fact(finding, "days from entry to goal") == days
    assert _fact(finding, "goal due by") == D(2025, 3, 11)
    assert _fact(finding, "goal set on") == completed_on


def test_goal_timely_judges_the_first_goal_only() -> None:
    """``permanency.goal_timely`` (item 5 B): a late first goal stays late whatever later
    plans say; a plan with no goal before it does not count as the first goal."""
    case = _case(_plan("p0", D(2025, 2, 1), None), _plan("p1", D(2025, 4, 1)),
                 _plan("p2", D(2025, 9, 1), G.ADOPTION))
    finding = _one(case, "permanency.goal_timely", D(2025, 12, 1))
    assert finding.outcome is NM
    assert _fact(finding, "plan") == "p1"


def test_goal_timely_missing_after_60_days_is_not_met() -> None:
    """``permanency.goal_timely`` (item 5 B): no goal by day 60: not met; before: not
    applicable."""
    assert _one(_case(), "permanency.goal_timely", D(2025, 3, 11)).outcome is NA
    finding = _one(_case(), "permanency.goal_timely", D(2025, 3, 12))
    assert finding.outcome is NM
    assert _fact(finding, "first goal") is None
    assert "no permanency goal was set by 2025-03-11" in finding.explanation


def test_entry_is_the_removal_not_the_statutory_date() -> None:
    """``permanency.goal_timely`` (item 5 B; Round 4 FAQ: count from the latest removal): a
    late abuse-or-neglect finding does not move the date of entry the way it would the
    statutory date of 42 USC 675(5)(F)."""
    case = _case(_plan("p1", D(2025, 4, 1)), finding_on=D(2025, 3, 30))
    assert _one(case, "permanency.goal_timely", D(2025, 9, 1)).outcome is NM


def test_goal_timely_met_on_the_example() -> None:
    """``permanency.goal_timely`` (item 5 B): the Wilson children entered care on 2026-02-10
    and plan-1 (2026-03-27) set return_home 45 days later: met."""
    found = permanency.goal_timely(load_example(), policy=MS, as_of=D(2026, 11, 22))
    assert [(f.subject_id, f.outcome) for f in found] == [("ava", M), ("leo", M)]
    assert _fact(found[0], "days from entry to goal") == 45


# -- item 6 B: permanency.achieved_timely ---------------------------------------------------


@pytest.mark.parametrize(("goal", "exit_on", "reason", "outcome"), [
    (G.RETURN_HOME, D(2025, 11, 1), ExitReason.REUNIFICATION, M),
    (G.RETURN_HOME, D(2026, 1, 10), ExitReason.REUNIFICATION, M),    # the last day
    (G.RETURN_HOME, D(2026, 1, 11), ExitReason.REUNIFICATION, NM),   # a day late
    (G.LEGAL_GUARDIANSHIP, D(2026, 7, 10), ExitReason.GUARDIANSHIP, M),
    (G.LEGAL_GUARDIANSHIP, D(2026, 7, 11), ExitReason.GUARDIANSHIP, NM),
    (G.FIT_AND_WILLING_RELATIVE, D(2026, 5, 1), ExitReason.LIVING_WITH_RELATIVE, M),
    (G.ADOPTION, D(2027, 1, 10), ExitReason.ADOPTION, M),
    (G.ADOPTION, D(2027, 1, 11), ExitReason.ADOPTION, NM),
    (G.ADOPTION, D(2025, 6, 1), ExitReason.TRANSFER_TO_ANOTHER_AGENCY, NA),  # left early
    (G.RETURN_HOME, D(2026, 3, 1), ExitReason.EMANCIPATION, NM),  # left late, otherwise
])
def test_achieved_timely_after_exit(goal: PermanencyGoal, exit_on: date, reason: ExitReason,
                                    outcome: Outcome) -> None:
    """``permanency.achieved_timely`` (CFSR R3 onsite review instrument, item 6 B; CFSR FAQ,
    permanency outcome 1): reunification 12 months, guardianship 18, adoption 24 from entry
    (2025-01-10), met by the exit that achieves the goal (judged 30 days after the exit)."""
    case = _case(_plan("p1", D(2025, 2, 20), goal), exit_on=exit_on, reason=reason)
    finding = _one(case, "permanency.achieved_timely", exit_on + timedelta(days=30))
    assert finding.outcome is outcome
    assert _fact(finding, "exit on") == exit_on
    assert _fact(finding, "exit reason") == reason.value


@pytest.mark.parametrize(("as_of", "outcome"), [
    (D(2025, 6, 1), M), (D(2026, 1, 10), M), (D(2026, 1, 11), NM)])
def test_achieved_timely_while_in_care(as_of: date, outcome: Outcome) -> None:
    """``permanency.achieved_timely`` (item 6 B): still in care with a reunification goal:
    met while the 12 months run (to 2026-01-10), not met once they have passed."""
    finding = _one(_case(_plan("p1", D(2025, 2, 20))), "permanency.achieved_timely", as_of)
    assert finding.outcome is outcome
    assert _fact(finding, "due by") == D(2026, 1, 10)
    assert _fact(finding, "time frame (months)") == 12


def test_a_trial_home_visit_begun_by_month_12_justifies_a_late_reunification() -> None:
    """``permanency.achieved_timely`` (item 6 B: a trial home visit begun by month 12
    justifies a later reunification): home on 2025-12-15, reunified 2026-03-01: met; a
    visit begun after month 12 does not justify it."""
    def placements(thv_on: date, exit_on: date | None) -> tuple[Placement, ...]:
        return (Placement(id="pl-1", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                          start=REMOVED, end=thv_on - timedelta(days=1)),
                Placement(id="pl-thv", setting=PlacementSetting.TRIAL_HOME_VISIT,
                          start=thv_on, end=exit_on))

    plan = _plan("p1", D(2025, 2, 20))
    on_time = _case(plan, exit_on=D(2026, 3, 1),
                    placements=placements(D(2025, 12, 15), D(2026, 3, 1)))
    finding = _one(on_time, "permanency.achieved_timely", D(2026, 6, 1))
    assert finding.outcome is M
    assert _fact(finding, "trial home visit began") == D(2025, 12, 15)
    assert "justified" in finding.explanation
    still_home = _case(plan, placements=placements(D(2025, 12, 15), None))
    assert _one(still_home, "permanency.achieved_timely", D(2026, 2, 1)).outcome is M
    too_late = _case(plan, exit_on=D(2026, 3, 1),
                     placements=placements(D(2026, 1, 20), D(2026, 3, 1)))
    assert _one(too_late, "permanency.achieved_timely", D(2026, 6, 1)).outcome is NM


@pytest.mark.parametrize("goal", [G.APPLA, G.LONG_TERM_FOSTER_CARE,
                                  G.STABLE_FOSTER_CARE_EMANCIPATION])
def test_achieved_timely_not_applicable_without_a_time_frame(goal: PermanencyGoal) -> None:
    """``permanency.achieved_timely`` (item 6 B is not applicable when another planned
    permanent living arrangement is the only goal; item 6 C is a reviewer's judgement)."""
    case = _case(_plan("p1", D(2025, 2, 20), goal, reason="youth's own choice"))
    finding = _one(case, "permanency.achieved_timely", D(2027, 3, 1))
    assert finding.outcome is NA
    assert _fact(finding, "due by") is None
    assert "reviewer's judgement" in finding.explanation


def test_achieved_timely_not_applicable_without_a_goal() -> None:
    """``permanency.achieved_timely`` (item 6 B): no goal, nothing to time."""
    assert _one(_case(), "permanency.achieved_timely", D(2027, 3, 1)).outcome is NA


def test_the_concurrent_goal_is_judged_when_it_is_the_one_achieved() -> None:
    """``permanency.achieved_timely`` (item 6 B: with concurrent goals, judge the goal being
    achieved): goal return_home, concurrent legal_guardianship, exit to a guardian after 15
    months: met by the guardianship's 18 months; otherwise the primary goal is judged."""
    plan = _plan("p1", D(2025, 2, 20), concurrent=G.LEGAL_GUARDIANSHIP)
    case = _case(plan, exit_on=D(2026, 4, 10), reason=ExitReason.GUARDIANSHIP)
    finding = _one(case, "permanency.achieved_timely", D(2026, 6, 1))
    assert finding.outcome is M
    assert (_fact(finding, "permanency goal"), _fact(finding, "goal judged")) == (
        "return_home", "legal_guardianship")
    in_care = _one(_case(plan), "permanency.achieved_timely", D(2026, 4, 10))
    assert in_care.outcome is NM
    assert _fact(in_care, "goal judged") == "return_home"


def test_the_latest_goal_is_judged() -> None:
    """``permanency.achieved_timely`` (item 6 B): after a change of goal from return_home to
    adoption, the adoption's 24 months apply."""
    case = _case(_plan("p1", D(2025, 2, 20)), _plan("p2", D(2025, 12, 1), G.ADOPTION))
    finding = _one(case, "permanency.achieved_timely", D(2026, 6, 1))
    assert finding.outcome is M
    assert _fact(finding, "due by") == D(2027, 1, 10)


def test_the_time_frames_are_profile_settings() -> None:
    """The three time frames are ``PolicyProfile`` settings (12, 18, 24 months in every
    shipped profile); a derived profile with 6 months for reunification judges by it."""
    for profile in (FEDERAL, CA, MS):
        assert (profile.reunification_within_months, profile.guardianship_within_months,
                profile.adoption_within_months) == (12, 18, 24)
    case = _case(_plan("p1", D(2025, 2, 20)))
    strict = FEDERAL.derive(reunification_within_months=6)
    assert _one(case, "permanency.achieved_timely", D(2025, 8, 1), FEDERAL).outcome is M
    finding = _one(case, "permanency.achieved_timely", D(2025, 8, 1), strict)
    assert finding.outcome is NM
    assert _fact(finding, "due by") == D(2025, 7, 10)


@pytest.mark.parametrize("bad", [0, -1, 1201, True, 12.0, "12"])
@pytest.mark.parametrize("name", ["reunification_within_months", "guardianship_within_months",
                                  "adoption_within_months"])
def test_time_frames_are_validated(name: str, bad: object) -> None:
    """A time frame is a whole number of months from 1 to 1200."""
    with pytest.raises(InvalidRecordError, match=name):
        FEDERAL.derive(**{name: bad})


def test_findings_are_typed_and_in_plain_words() -> None:
    """Facts hold dates as dates and counts as ints; the explanation names the dates."""
    finding = _one(_case(_plan("p1", D(2025, 2, 20))), "permanency.achieved_timely",
                   D(2026, 2, 1))
    assert isinstance(_fact(finding, "entered care (removal)"), date)
    assert type(_fact(finding, "time frame (months)")) is int
    assert "2025-01-10" in finding.explanation
    assert "2026-01-10" in finding.explanation
    assert finding.subject == "timely permanency of Kit Fernhill (kit)"


# -- laws -----------------------------------------------------------------------------------


@given(case=cases(), as_of=st.dates(D(1998, 1, 1), D(2100, 12, 31)),
       version=st.sampled_from(VERSIONS))
def test_a_child_never_in_care_is_not_applicable(case: Case, as_of: date,
                                                 version: PolicyProfile) -> None:
    """Items 5 and 6 are for children in foster care: a child of any case with no removal
    episode begun by ``as_of`` is ``not_applicable`` under every rule; every child of the case
    has one finding per rule."""
    if not version.in_effect_on(as_of):
        return
    never = {c for c in case.child_ids
             if not any(e.child_id == c and e.removed_on <= as_of
                        for e in case.removal_episodes)}
    for rule in RULES:
        found = get_rule(rule).check(case, policy=version, as_of=as_of)
        assert [f.child_id for f in found] == list(dict.fromkeys(case.child_ids))
        assert all(f.outcome is NA for f in found if f.child_id in never)


_GOALS = st.sampled_from([G.RETURN_HOME, G.LEGAL_GUARDIANSHIP, G.FIT_AND_WILLING_RELATIVE,
                          G.ADOPTION, G.APPLA, None])


@given(plan_day=st.integers(0, 200), goal=_GOALS, concurrent=_GOALS,
       exit_day=st.one_of(st.none(), st.integers(0, 1200)),
       reason=st.sampled_from(list(ExitReason)), thv_day=st.one_of(st.none(),
                                                                   st.integers(1, 900)),
       first=st.integers(0, 1500), later=st.integers(0, 1500))
def test_later_as_of_never_turns_not_met_into_met(plan_day: int, goal: PermanencyGoal | None,
                                                  concurrent: PermanencyGoal | None,
                                                  exit_day: int | None, reason: ExitReason,
                                                  thv_day: int | None, first: int,
                                                  later: int) -> None:
    """Timeliness is not undone by waiting: with the record fixed (its one plan known on both
    dates), a ``not_met`` of ``goal_timely`` or ``achieved_timely`` stays ``not_met`` on any
    later ``as_of``. The one exception is by design (item 6: judge the goal being achieved):
    a child who later leaves care to the permanency of the concurrent goal is judged by that
    goal's time frame (see ``test_the_concurrent_goal_is_judged_when_it_is_the_one_achieved``),
    so such exits are left out here."""
    if concurrent is not None and concurrent is goal:
        concurrent = None
    assume(not (exit_day is not None and concurrent is not None
                and reason in _ACHIEVED_BY.get(concurrent, frozenset())
                and reason not in _ACHIEVED_BY.get(goal, frozenset())
                if goal is not None else False))
    exit_on = None if exit_day is None else REMOVED + timedelta(days=exit_day)
    placements: tuple[Placement, ...] = ()
    if thv_day is not None and (exit_day is None or thv_day <= exit_day):
        thv_on = REMOVED + timedelta(days=thv_day)
        placements = (Placement(id="pl-1", setting=PlacementSetting.GROUP_HOME, start=REMOVED,
                                end=thv_on - timedelta(days=1)),
                      Placement(id="pl-thv", setting=PlacementSetting.TRIAL_HOME_VISIT,
                                start=thv_on, end=exit_on))
    plan_on = REMOVED + timedelta(days=plan_day)
    case = _case(_plan("p1", plan_on, goal, concurrent=concurrent,
                       reason="youth's own choice"),
                 exit_on=exit_on, reason=reason, placements=placements)
    early = max(plan_on, REMOVED + timedelta(days=first))
    late = early + timedelta(days=later)
    if exit_on is not None and late > exit_on + timedelta(days=300):
        late = exit_on + timedelta(days=300)  # stay within the 12-month period under review
    if late < early:
        return
    for rule in ("permanency.goal_timely", "permanency.achieved_timely"):
        before = _one(case, rule, early).outcome
        after = _one(case, rule, late).outcome
        assert not (before is NM and after is M), (rule, early, late)


def test_the_rules_run_in_a_full_check() -> None:
    """``check_case`` runs the family with the others; ``rules=["permanency.*"]`` alone."""
    found = check_case(load_example(), policy=MS, as_of=D(2026, 11, 22),
                       rules=["permanency.*"])
    assert [f.rule for f in found] == [RULES[2]] * 2 + [RULES[0]] * 2 + [RULES[1]] * 2
    everything = check_case(load_example(), policy=MS, as_of=D(2026, 11, 22))
    assert [f for f in everything if f.rule.startswith("permanency.")] == list(found)


def test_the_docs_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    """The example of the explanation page runs and prints its text block."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "explanation"
            / "permanency.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    (text,) = re.findall(r"```text\n(.*?)```", page, flags=re.DOTALL)
    exec(compile(block, "permanency.md", "exec"), {})
    assert capsys.readouterr().out == text
