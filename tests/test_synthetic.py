"""The synthetic caseload generator: determinism, validity, laziness and realism."""

from __future__ import annotations

import io
import itertools
import time
from datetime import date
from functools import cache

import pytest

from practicemodel.case import Case, CaseType
from practicemodel.checks import check_case
from practicemodel.errors import InvalidInputError, InvalidRecordError
from practicemodel.findings import Outcome
from practicemodel.placement import PlacementSetting
from practicemodel.policy import FEDERAL, MS
from practicemodel.rules.visits import CHILD_QUALITY_TOPICS
from practicemodel.serialization import dump_case, load_case
from practicemodel.synthetic import SyntheticParameters, generate_cases, write_jsonl
from practicemodel.visits import ContactMode, FamilyVisitStatus

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
    """Children's ages at case opening span 0 to 17 and nothing else."""
    ages = {child.age_on(c.opened_on) for c in _sample() for child in c.children()}
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
    """Both S.M.A.R.T.-shaped and activity-worded objectives occur, in the parameter's mix."""
    objectives = [o for c in _sample() for p in c.plans for o in p.objectives]
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
    """With consistent_visitor_share=1 no family visit is missed; with 0, some are."""
    def missed(share: float) -> int:
        params = SyntheticParameters(consistent_visitor_share=share, foster_care_share=1.0)
        return sum(fv.status is not FamilyVisitStatus.HELD
                   for c in generate_cases(40, seed=8, parameters=params)
                   for fv in c.family_visits)
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
    start = time.perf_counter()
    taken = list(itertools.islice(generate_cases(10**9, seed=1), 3))
    expected = 3
    actual = len(taken)
    assert expected == actual
    assert time.perf_counter() - start < 5


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
