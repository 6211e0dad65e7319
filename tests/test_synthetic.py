"""The synthetic caseload generator: determinism, validity, laziness and realism."""

from __future__ import annotations

import io
import itertools
import time
from collections import Counter
from datetime import date, timedelta
from functools import cache

import pytest

from practicemodel.case import Case, CaseType
from practicemodel.caseplan import PermanencyGoal, Supervision, VisitorKind
from practicemodel.checks import check_case
from practicemodel.errors import InvalidInputError, InvalidRecordError
from practicemodel.findings import Outcome
from practicemodel.placement import ExitReason, MoveReason, PlacementSetting
from practicemodel.policy import FEDERAL, MS
from practicemodel.rules.visits import CHILD_QUALITY_TOPICS
from practicemodel.serialization import dump_case, load_case
from practicemodel.services import ServiceStatus
from practicemodel.synthetic import SyntheticParameters, generate_cases, write_jsonl
from practicemodel.visits import ContactMode, FamilyVisitStatus
from practicemodel.wellbeing import WellBeingArea

AS_OF = date(2026, 11, 22)


@cache
def _sample() -> tuple[Case, ...]:
    return tuple(generate_cases(300, seed=7))


def _jsonl(n: int, seed: int) -> str:
    out = io.StringIO()
    write_jsonl(out, n, seed=seed)
    return out.getvalue()


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def test_same_seed_gives_the_same_bytes() -> None:
    """Two runs with the same seed write byte-identical JSON Lines."""
    expected = _jsonl(50, 3).encode()
    actual = _jsonl(50, 3).encode()
    assert expected == actual


def test_different_seed_gives_different_cases() -> None:
    """A different seed draws a different caseload."""
    assert _jsonl(50, 3) != _jsonl(50, 4)


def test_case_i_does_not_depend_on_n() -> None:
    """Case 7 is the same whether 10 or 100 cases are generated."""
    expected = list(generate_cases(10, seed=11))[7]
    actual = next(itertools.islice(generate_cases(100, seed=11), 7, None))
    assert expected == actual


def test_case_ids_name_seed_and_index() -> None:
    """Case ids are ``syn-{seed}-{index:07d}``."""
    expected = ["syn-5-0000000", "syn-5-0000001", "syn-5-0000002"]
    actual = [c.id for c in generate_cases(3, seed=5)]
    assert expected == actual


def test_every_case_round_trips() -> None:
    """Every generated case loads back equal from its dumped form."""
    for case in _sample()[:60]:
        assert load_case(dump_case(case)) == case


def test_write_jsonl_to_a_path_returns_the_count(tmp_path: object) -> None:
    """Writing to a path returns the number of cases, one line each."""
    path = f"{tmp_path}/cases.jsonl"
    count = write_jsonl(path, 5, seed=1)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    expected = (5, 5)
    actual = (count, len(lines))
    assert expected == actual


def test_foster_care_share_matches_the_parameter() -> None:
    """The share of foster care cases is within 0.1 of the parameter."""
    cases = _sample()
    share = sum(c.case_type is CaseType.FOSTER_CARE for c in cases) / len(cases)
    assert abs(share - SyntheticParameters().foster_care_share) <= 0.1


def test_children_are_0_to_17_at_opening() -> None:
    """Children's ages at case opening span 0 to 17 and nothing else (teenagers are fewer
    among cases opened long ago: no child of an open case is 18 on the record date)."""
    ages = {child.age_on(c.opened_on) for c in _large() for child in c.children()}
    expected = set(range(18))
    assert expected == ages


def test_reentries_and_trial_home_visits_are_present() -> None:
    """Some children re-enter care and some have a trial home visit placement."""
    episodes = [e for c in _sample() for e in c.removal_episodes]
    reentries = {(e.child_id, e.id.rsplit("-", 1)[0]) for e in episodes if e.id.endswith("-2")}
    trial_visits = [e for e in episodes
                    if any(p.setting is PlacementSetting.TRIAL_HOME_VISIT for p in e.placements)]
    assert reentries
    assert trial_visits


def test_good_and_poor_objectives_are_present() -> None:
    """Both S.M.A.R.T.-shaped and activity-worded objectives occur, in the parameter's mix,
    among the parents' objectives (the children's well-being objective is always
    S.M.A.R.T.-shaped but addresses no assessed factor)."""
    objectives = [o for c in _sample() for p in c.plans for o in p.objectives
                  if not o.id.endswith("-wellbeing")]
    poor = [o for o in objectives if o.measure is None and not o.addresses_ids]
    good = [o for o in objectives if o.measure and o.due_on and o.addresses_ids]
    assert len(poor) + len(good) == len(objectives)
    assert 0.25 <= len(poor) / len(objectives) <= 0.45


def test_good_objectives_are_due_within_their_plan_period() -> None:
    """A good objective's due date lies within its plan's period."""
    for case in _sample()[:100]:
        for plan in case.plans:
            for o in plan.objectives:
                if o.due_on is not None:
                    assert plan.completed_on <= o.due_on <= (plan.period_end or o.due_on)


def test_monthly_visit_coverage_has_realistic_gaps() -> None:
    """Between 75% and 98% of case-months have an in-person caseworker visit with children."""
    covered = total = 0
    for case in _sample():
        seen = {(ct.occurred_on.year, ct.occurred_on.month) for ct in case.contacts
                if ct.completed and ct.mode is ContactMode.IN_PERSON
                and set(case.child_ids) & set(ct.person_ids)}
        months = _months(case.opened_on, AS_OF)
        total += len(months)
        covered += sum(m in seen for m in months)
    assert 0.75 <= covered / total <= 0.98


def _quality_child_visits(case: Case) -> bool:
    """Every in-person visit with the children covers the four topics in a suitable setting,
    with time alone for each child from age 4."""
    visits = [ct for ct in case.contacts if ct.completed and ct.mode is ContactMode.IN_PERSON
              and set(case.child_ids) & set(ct.person_ids)]
    ages = {c.id: c for c in case.children()}
    return all(set(CHILD_QUALITY_TOPICS) <= set(ct.topics) and ct.setting_suitable
               and all(c in ct.private_with_ids for c in set(case.child_ids) & set(ct.person_ids)
                       if (ages[c].age_on(ct.occurred_on) or 0) >= FEDERAL.private_time_min_age)
               for ct in visits)


def test_thorough_caseworkers_meet_every_visit_rule() -> None:
    """With thorough_visit_share=1 every child and parent visit rule is met in every case
    where it applies (the rules themselves judge the generated visits)."""
    params = SyntheticParameters(thorough_visit_share=1.0, in_residence_share=1.0)
    outcomes = {(f.rule, f.outcome) for case in generate_cases(30, seed=12, parameters=params)
                for f in check_case(case, policy=MS, as_of=AS_OF, rules=["visits.*"])
                if f.rule.startswith(("visits.child_", "visits.parent_"))}
    expected = set()
    actual = {(rule, outcome) for rule, outcome in outcomes
              if outcome not in (Outcome.MET, Outcome.NOT_APPLICABLE)}
    assert expected == actual
    assert ("visits.parent_quality", Outcome.MET) in outcomes


@pytest.mark.parametrize(("share", "low", "high"), [(1.0, 1.0, 1.0), (0.0, 0.0, 0.15),
                                                    (0.35, 0.3, 0.55)])
def test_thorough_visit_share_sets_quality_visits(share: float, low: float,
                                                  high: float) -> None:
    """The share of cases whose every child visit is a quality visit follows the parameter
    (cases with few visits can be all-quality by chance, so the share sits above it)."""
    params = SyntheticParameters(thorough_visit_share=share)
    cases = list(generate_cases(120, seed=5, parameters=params))
    observed = sum(_quality_child_visits(c) for c in cases) / len(cases)
    assert low <= observed <= high


def test_consistent_visitors_hold_every_family_visit() -> None:
    """With consistent_visitor_share=1 no visit with the parents is missed; with 0, some
    are (sibling visits follow ``sibling_visit_share`` instead)."""
    def missed(share: float) -> int:
        params = SyntheticParameters(consistent_visitor_share=share, foster_care_share=1.0)
        return sum(fv.status is not FamilyVisitStatus.HELD
                   for c in generate_cases(40, seed=8, parameters=params)
                   for fv in c.family_visits if fv.visitor_kind is VisitorKind.PARENT)
    assert (missed(1.0), missed(0.0) > 0) == (0, True)


def _fully_involved(case: Case, person_id: str) -> bool:
    return len({e.activities[0] for e in case.involvement_of(person_id)
                if e.outcome.value == "participated"}) == 5


def test_involvement_runs_together_within_a_family() -> None:
    """One draw per case: a father who is fully involved has a fully involved mother, and
    children and foster parents take part too."""
    cases = [c for c in _sample() if {"mother", "father"} <= {p.id for p in c.people}]
    fathers = [c for c in cases if _fully_involved(c, "father")]
    assert fathers
    assert all(_fully_involved(c, "mother") for c in fathers)
    others = {e.person_ids[0] for c in _sample() for e in c.involvement_events}
    assert {"foster-1", "relative-1"} & others
    assert any(o.startswith("child-") for o in others)


def test_fathers_are_involved_less_than_mothers() -> None:
    """Fathers take part in fewer planning activities than mothers, as in seed 002."""
    rates = {}
    for parent in ("mother", "father"):
        took_part = [
            len({e.activities[0] for e in c.involvement_of(parent)
                 if e.outcome.value == "participated"}) == 5
            for c in _sample() if parent in {p.id for p in c.people}
        ]
        rates[parent] = sum(took_part) / len(took_part)
    assert rates["father"] < rates["mother"]


def test_nothing_is_dated_after_as_of() -> None:
    """No contact, visit, hearing or plan is dated after the record date."""
    for case in _sample():
        dates = [ct.occurred_on for ct in case.contacts]
        dates += [fv.scheduled_on for fv in case.family_visits]
        dates += [h.held_on for h in case.hearings]
        dates += [p.completed_on for p in case.plans]
        assert max(dates) <= AS_OF


def test_generator_is_lazy() -> None:
    """Taking 3 cases of a billion returns at once."""
    start = time.thread_time()  # this thread's CPU time: a busy machine is no failure
    taken = list(itertools.islice(generate_cases(10**9, seed=1), 3))
    expected = 3
    actual = len(taken)
    assert expected == actual
    assert time.thread_time() - start < 5


def test_parameters_change_the_caseload() -> None:
    """All-in-home parameters give no removal episodes."""
    params = SyntheticParameters(foster_care_share=0.0, regions=("East",))
    cases = list(generate_cases(20, seed=2, parameters=params))
    expected = ({CaseType.IN_HOME}, {"East"}, 0)
    actual = ({c.case_type for c in cases}, {c.region for c in cases},
              sum(len(c.removal_episodes) for c in cases))
    assert expected == actual


@pytest.mark.parametrize("kwargs", [
    {"foster_care_share": 1.5},
    {"monthly_visit_probability": -0.1},
    {"regions": ()},
    {"counties_per_region": 0},
    {"children_weights": (1.0, 1.0)},
    {"opened_from": date(2026, 1, 1), "opened_to": date(2025, 1, 1)},
    {"opened_to": date(2026, 11, 1)},
])
def test_bad_parameter_values_raise(kwargs: dict[str, object]) -> None:
    """Out-of-range parameters raise InvalidRecordError."""
    with pytest.raises(InvalidRecordError):
        SyntheticParameters(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("kwargs", [
    {"foster_care_share": "half"},
    {"regions": ["North"]},
    {"as_of": "2026-11-22"},
    {"counties_per_region": 2.5},
])
def test_bad_parameter_types_raise(kwargs: dict[str, object]) -> None:
    """Parameters of the wrong type raise InvalidInputError."""
    with pytest.raises(InvalidInputError):
        SyntheticParameters(**kwargs)  # type: ignore[arg-type]


def test_bad_call_arguments_raise_at_the_call() -> None:
    """A negative n or a non-int n raises before any case is drawn."""
    with pytest.raises(InvalidRecordError):
        generate_cases(-1, seed=1)
    with pytest.raises(InvalidInputError):
        generate_cases("10", seed=1)  # type: ignore[arg-type]


# -- schema version 2: every CFSR item applicable ---------------------------------------------


@cache
def _large() -> tuple[Case, ...]:
    """The default caseload of 2,000 cases (seed 0) that the parameters are tuned on."""
    return tuple(generate_cases(2000, seed=0))


def _share_of(hits: int, total: int) -> float:
    assert total > 0
    return hits / total


def test_generation_is_the_same_in_another_process() -> None:
    """A fresh interpreter draws byte-identical JSON Lines for the same seed (no draw depends
    on hash randomization or process state)."""
    import hashlib
    import subprocess
    import sys
    code = ("import hashlib, io; from practicemodel.synthetic import write_jsonl; "
            "out = io.StringIO(); write_jsonl(out, 25, seed=3); "
            "print(hashlib.sha256(out.getvalue().encode()).hexdigest())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": "123"}).stdout.strip()
    expected = hashlib.sha256(_jsonl(25, 3).encode()).hexdigest()
    assert expected == other


def test_no_open_case_has_a_child_aged_18() -> None:
    """On the record date no open case lists a child aged 18 or more; youths who reach 18 in
    care leave it that day (emancipation) and their case is closed."""
    as_of = SyntheticParameters().as_of
    adults = [(c.id, ch.id) for c in _large() if c.closed_on is None
              for ch in c.children() if (ch.age_on(as_of) or 0) >= 18]
    assert adults == []
    emancipated = [(c, e) for c in _large() for e in c.removal_episodes
                   if e.exit_reason is ExitReason.EMANCIPATION]
    assert emancipated
    for case, e in emancipated:
        child = next(ch for ch in case.children() if ch.id == e.child_id)
        assert e.exit_on is not None
        assert child.age_on(e.exit_on) == 18
        assert child.age_on(e.exit_on - timedelta(days=1)) == 17
        assert case.closed_on is not None


def test_closed_cases_exist_and_nothing_follows_the_closing() -> None:
    """Closed cases have a reason, were closed before the record date after every child
    left care (in-home cases in the 12 months before it), and have no record dated after the
    closing."""
    p = SyntheticParameters()
    closed = [c for c in _large() if c.closed_on is not None]
    in_home = [c for c in _large() if c.case_type is CaseType.IN_HOME]
    share = _share_of(sum(c.closed_on is not None for c in in_home), len(in_home))
    assert abs(share - p.in_home_closed_share) <= 0.06
    assert any(c.case_type is CaseType.FOSTER_CARE for c in closed)
    for case in closed:
        assert case.closed_on is not None
        assert case.closure_reason
        assert case.closed_on < p.as_of
        if case.case_type is CaseType.IN_HOME:
            assert p.as_of - timedelta(days=365) <= case.closed_on
        assert all(e.exit_on is not None and e.exit_on <= case.closed_on
                   for e in case.removal_episodes)
        dates = [ct.occurred_on for ct in case.contacts]
        dates += [fv.scheduled_on for fv in case.family_visits]
        dates += [h.held_on for h in case.hearings]
        dates += [pl.completed_on for pl in case.plans]
        dates += [s.completed_on for s in case.screenings]
        dates += [r.received_on for r in case.reports]
        dates += [a.completed_on for a in case.safety_assessments]
        assert max(dates) <= case.closed_on


def test_permanency_paths_tpr_and_exits() -> None:
    """Adoption and guardianship goals, TPR petitions and orders (with the parents' rights
    ended), documented exceptions, and every kind of exit occur."""
    cases = _large()
    goals = {p.permanency_goal for c in cases for p in c.plans}
    assert {PermanencyGoal.ADOPTION, PermanencyGoal.LEGAL_GUARDIANSHIP,
            PermanencyGoal.RETURN_HOME, PermanencyGoal.REMAIN_HOME} <= goals
    exits = Counter(e.exit_reason for c in cases for e in c.removal_episodes)
    assert all(exits[r] > 0 for r in (ExitReason.REUNIFICATION, ExitReason.ADOPTION,
                                      ExitReason.GUARDIANSHIP, ExitReason.EMANCIPATION))
    ordered = [c for c in cases if c.tpr_orders]
    assert ordered
    assert all(c.tpr_petitions for c in ordered)
    for case in ordered:
        rights = {(r.adult_id, r.child_id) for r in case.relationships
                  if r.parental_rights is not None}
        assert {(o.parent_id, o.child_id) for o in case.tpr_orders} == rights
    assert any(c.tpr_exceptions for c in cases)
    foster = [c for c in cases if c.case_type is CaseType.FOSTER_CARE]
    adoption = _share_of(sum(bool(c.tpr_petitions) or any(
        p.permanency_goal is PermanencyGoal.ADOPTION for p in c.plans) for c in foster),
        len(foster))
    assert 0.5 * SyntheticParameters().adoption_share <= adoption \
        <= SyntheticParameters().adoption_share + 0.03


def test_reports_follow_their_shares() -> None:
    """Every case has the report that opened it; a second report and timely initiation come
    at about their configured shares."""
    p = SyntheticParameters()
    cases = _large()
    assert all(c.reports for c in cases)
    assert abs(_share_of(sum(len(c.reports) > 1 for c in cases), len(cases))
               - p.new_report_share) <= 0.04
    accepted = [r for c in cases for r in c.reports if r.accepted and r.initiated_on]
    timely = sum((r.initiated_on - r.received_on).days  # type: ignore[operator]
                 <= (FEDERAL.days_to_respond(r.priority) or 0) for r in accepted)
    assert abs(_share_of(timely, len(accepted)) - p.report_timely_share) <= 0.04
    assert {r.priority for c in cases for r in c.reports} == {"1", "2", "3"}
    assert any(r.alternative_response for c in cases for r in c.reports)
    assert any(not r.accepted for c in cases for r in c.reports)


def test_connections_icwa_and_relative_searches_follow_their_shares() -> None:
    """Children in care have connections, an ICWA inquiry (at ``icwa_inquiry_share`` of
    families), relative searches on both sides; a few are Indian children with a Tribe
    notified and placements rated on the ICWA preferences."""
    p = SyntheticParameters()
    foster = [c for c in _large() if c.case_type is CaseType.FOSTER_CARE]
    assert all(c.connections for c in foster)
    # A search due after the record date (a recent removal) is not on record yet.
    assert sum(bool(c.relative_searches) for c in foster) >= 0.9 * len(foster)
    inquired = _share_of(sum(bool(c.icwa_inquiries) for c in foster), len(foster))
    assert abs(inquired - p.icwa_inquiry_share) <= 0.04
    indian = [c for c in foster if any(i.reason_to_know for i in c.icwa_inquiries)]
    assert 0 < len(indian) <= 3 * p.icwa_share * len(foster)
    for case in indian:
        assert all(ch.tribal_affiliation is not None for ch in case.children())
        assert all(pl.icwa_preferences_met is not None
                   for e in case.removal_episodes for pl in e.placements
                   if pl.setting is not PlacementSetting.TRIAL_HOME_VISIT)
    assert {s.side.value for c in foster for s in c.relative_searches} == {"maternal",
                                                                            "paternal"}
    maintained = [x.maintained for c in foster for x in c.connections]
    assert abs(_share_of(maintained.count(True), len(maintained))
               - p.connection_maintained_share) <= 0.04


def test_placements_carry_the_item_4_and_7_facts() -> None:
    """Move reasons (planned and not), temporary shelter stays, settings at risk, siblings
    placed apart (at about ``siblings_apart_share`` of families with 2+ children), some with
    a needs-based reason, and pre-adoptive homes occur."""
    p = SyntheticParameters()
    placements = [pl for c in _large() for e in c.removal_episodes for pl in e.placements]
    reasons = {pl.move_reason for pl in placements}
    assert {MoveReason.DISRUPTION, MoveReason.TEMPORARY_HOLDING, MoveReason.CASE_GOALS,
            MoveReason.SIBLINGS_OR_RELATIVES} <= reasons
    assert any(pl.temporary for pl in placements)
    assert any(pl.at_risk for pl in placements)
    assert any(pl.sibling_separation_reason for pl in placements)
    assert any(pl.setting is PlacementSetting.PRE_ADOPTIVE_HOME for pl in placements)
    groups = [c for c in _large() if c.case_type is CaseType.FOSTER_CARE
              and len(c.child_ids) > 1]
    apart = [c for c in groups if len({e.placements[0].caregiver_ids for e in
                                       c.removal_episodes if e.placements[0].caregiver_ids}
                                      ) > 1]
    share = _share_of(len(apart), len(groups))
    assert abs(share - p.siblings_apart_share * (1 - p.guardianship_share)) <= 0.07


def test_family_visits_include_siblings_and_unsupervised_visits() -> None:
    """Siblings placed apart visit each other; visits with parents step down to
    unsupervised before children go home; no parent visits follow a TPR order."""
    cases = _large()
    visits = [fv for c in cases for fv in c.family_visits]
    assert any(fv.visitor_kind is VisitorKind.SIBLING for fv in visits)
    assert any(fv.supervision is Supervision.UNSUPERVISED for fv in visits)
    for case in cases:
        if case.tpr_orders:
            ended = min(o.ordered_on for o in case.tpr_orders)
            assert all(fv.scheduled_on <= ended for fv in case.family_visits
                       if fv.visitor_kind is VisitorKind.PARENT)


def test_well_being_facts_follow_their_shares() -> None:
    """Children in care are screened in all four areas; needs have linked services, some
    waitlisted; in foster care cases the services start at about ``need_served_share`` (in
    an in-home case whose family does not take up services, the children's do not start
    either: ``services_engaged_share``)."""
    p = SyntheticParameters()
    cases = _large()
    areas = {s.area for c in cases for s in c.screenings}
    assert areas == set(WellBeingArea)
    needs = [(c, n) for c in cases for n in c.well_being_needs]
    assert {n.area for _, n in needs} == {WellBeingArea.EDUCATION, WellBeingArea.MENTAL_HEALTH,
                                          WellBeingArea.PHYSICAL_HEALTH,
                                          WellBeingArea.DENTAL_HEALTH}
    services = {(c.id, s.id): s for c in cases for s in c.services}
    linked = [services[(c.id, sid)] for c, n in needs for sid in n.service_ids]
    assert len(linked) == len(needs)
    in_care = [services[(c.id, sid)] for c, n in needs for sid in n.service_ids
               if c.case_type is CaseType.FOSTER_CARE]
    started = sum(s.started_on is not None and (s.started_on - s.referred_on).days <= 49
                  for s in in_care if s.referred_on is not None)
    assert abs(_share_of(started, len(in_care)) - p.need_served_share) <= 0.05
    assert any(s.status is ServiceStatus.WAITLISTED and s.waitlisted_on for s in linked)
    assert any(s.status is ServiceStatus.WAITLISTED for s in services.values()
               if s.objective_ids)


def test_plans_carry_the_new_planning_facts() -> None:
    """Plans state the minimum sufficient level of care (at about ``mslc_share`` of cases),
    name youth-chosen team members only while a youth of 14 or more is in care, and give a
    transition plan before children go home."""
    p = SyntheticParameters()
    cases = _large()
    mslc = _share_of(sum(any(pl.minimum_sufficient_level_of_care for pl in c.plans)
                         for c in cases), len(cases))
    assert abs(mslc - p.mslc_share) <= 0.04
    assert any(pl.transition_plan for c in cases for pl in c.plans)
    chosen = [(c, pl) for c in cases for pl in c.plans if pl.youth_chosen_member_ids]
    assert chosen
    for case, plan in chosen:
        assert any((ch.age_on(plan.completed_on) or 0) >= FEDERAL.youth_team_age
                   for ch in case.children())


def test_new_shares_reject_values_out_of_range() -> None:
    """Every new share is validated like the old ones."""
    for name in ("in_home_closed_share", "adoption_share", "waitlist_share", "icwa_share",
                 "siblings_apart_share", "reassessment_share", "need_served_share"):
        with pytest.raises(InvalidRecordError):
            SyntheticParameters(**{name: 1.2})  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            SyntheticParameters(**{name: "most"})  # type: ignore[arg-type]


def test_the_default_caseload_round_trips_and_decodes_fast() -> None:
    """A quarter of the 2,000 default cases (every new kind of record among them) load back
    equal through ``loads_case`` and through the fast bulk decoder."""
    from practicemodel import _bulk
    from practicemodel.serialization import dumps_case, loads_case
    decoder = _bulk.decoder()
    for case in _large()[::4]:
        text = dumps_case(case, indent=None)
        assert loads_case(text) == case
        if decoder is not None:
            assert decoder.decode(text.encode()) == case
