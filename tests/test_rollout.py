"""The practice model's regional rollout: schedule rules, logic-model windows, baseline vs
follow-up comparisons and measurement targets, against hand-worked figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.caseload import review_synthetic
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    RecordStructureError,
    UnknownCodeError,
)
from practicemodel.findings import Outcome
from practicemodel.improvement import DateSpan, MeasurementPlan
from practicemodel.periods import add_months
from practicemodel.policy import get_policy
from practicemodel.review import get_instrument
from practicemodel.rollout import (
    PRACTICE_MODEL_RULES,
    Change,
    MonthRange,
    Phase,
    RegionSchedule,
    Rollout,
    check_rollout,
    compare_region,
    dump_rollout,
    fictional_reviews,
    get_rollout,
    known_rollouts,
    load_rollout,
    loads_rollout,
    logic_model_window,
    measurement_result,
)
from practicemodel.statistics import compare_proportions, wilson_interval

FICTIONAL = get_rollout("fictional")


def _schedule(region: str, start: date, planning: int = 6, implementation: int = 12,
              evaluation: int = 3, **changes: date) -> RegionSchedule:
    impl = add_months(start, planning)
    evaluation_from = add_months(impl, implementation)
    values = {
        "region": region, "planning_from": start, "implementation_from": impl,
        "evaluation_from": evaluation_from,
        "continued_from": add_months(evaluation_from, evaluation),
        "baseline_review_on": start + timedelta(days=60),
        "follow_up_review_on": evaluation_from + timedelta(days=20),
    }
    values.update(changes)
    return RegionSchedule(**values)  # type: ignore[arg-type]


def _rollout(*schedules: RegionSchedule, regions: tuple[str, ...] | None = None) -> Rollout:
    names = regions if regions is not None else tuple(s.region for s in schedules)
    return Rollout(name="test rollout", regions=names, schedules=schedules)


def _not_met(rollout: Rollout) -> list[tuple[str, str]]:
    return [(f.rule, f.subject_id) for f in check_rollout(rollout)
            if f.outcome is Outcome.NOT_MET]


A, B, C, D = "Alpha", "Bravo", "Charlie", "Delta"
JAN, JUL = date(2022, 1, 1), date(2022, 7, 1)
GOOD = _rollout(_schedule(A, JAN), _schedule(B, JAN), _schedule(C, JUL), _schedule(D, JUL))


# -- the shipped fictional rollout ------------------------------------------------------------


def test_the_fictional_rollout_keeps_every_rule() -> None:
    findings = check_rollout(FICTIONAL)
    assert [f for f in findings if f.outcome is not Outcome.MET] == []
    assert {f.rule for f in findings} == {
        "rollout.regions", "rollout.first_wave", "rollout.wave_size", "rollout.wave_interval",
        "rollout.within_months", "rollout.planning_length",
        "rollout.initial_implementation_length", "rollout.evaluation_length",
        "rollout.baseline_review", "rollout.follow_up_review"}
    # 1 coverage + 1 first wave + 2 wave sizes + 1 interval + 4 × (start + 3 lengths + 2 reviews)
    assert len(findings) == 29
    assert known_rollouts() == ("fictional",)
    # The synthetic caseload's regions.
    assert FICTIONAL.regions == ("Northern", "Central", "Southern", "Coastal")
    assert [w.regions for w in FICTIONAL.waves] == [("Northern", "Central"),
                                                     ("Southern", "Coastal")]


def test_every_finding_explains_itself_and_names_its_source() -> None:
    for f in check_rollout(FICTIONAL):
        assert f.explanation
        assert f.subject
        assert f.facts
        assert "seed 00" in f.source


def test_an_unknown_rollout_code_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCodeError, match="fictional"):
        get_rollout("statewide")


# -- schedule rules: passing and failing ------------------------------------------------------


def test_a_good_schedule_passes() -> None:
    assert _not_met(GOOD) == []


def test_a_region_left_out_or_unknown_is_named() -> None:
    rollout = _rollout(_schedule(A, JAN), _schedule(B, JAN), regions=(A, B, C))
    [finding] = [f for f in check_rollout(rollout) if f.rule == "rollout.regions"]
    assert finding.outcome is Outcome.NOT_MET
    assert "not scheduled: Charlie" in finding.explanation
    stranger = _rollout(_schedule(A, JAN), _schedule(B, JAN), regions=(A,))
    assert ("rollout.regions", "rollout") in _not_met(stranger)


def test_the_first_wave_has_two_regions() -> None:
    three = _rollout(_schedule(A, JAN), _schedule(B, JAN), _schedule(C, JAN),
                     _schedule(D, JUL))
    assert ("rollout.first_wave", "wave-1") in _not_met(three)
    assert ("rollout.wave_size", "wave-1") not in _not_met(three)  # 3 is a wave's most


def test_waves_hold_two_or_three_regions() -> None:
    lone = _rollout(_schedule(A, JAN), _schedule(B, JAN), _schedule(C, JUL))
    assert _not_met(lone) == [("rollout.wave_size", "wave-2")]
    four = _rollout(_schedule(A, JAN), _schedule(B, JAN), *(
        _schedule(r, JUL) for r in (C, D, "Echo", "Foxtrot")))
    assert _not_met(four) == [("rollout.wave_size", "wave-2")]


@pytest.mark.parametrize(("start", "met"), [
    (date(2022, 7, 1), True),     # six months after 2022-01-01
    (date(2022, 6, 30), False),
    (date(2022, 8, 1), False),
])
def test_waves_begin_six_months_apart(start: date, met: bool) -> None:
    rollout = _rollout(_schedule(A, JAN), _schedule(B, JAN), _schedule(C, start),
                       _schedule(D, start))
    assert (("rollout.wave_interval", "wave-2") not in _not_met(rollout)) is met


def test_the_interval_counts_calendar_months_from_a_month_end() -> None:
    # 2022-08-31 plus six months is 2023-02-28 (the day clamped).
    first = date(2022, 8, 31)
    rollout = _rollout(_schedule(A, first), _schedule(B, first),
                       _schedule(C, date(2023, 2, 28)), _schedule(D, date(2023, 2, 28)))
    assert ("rollout.wave_interval", "wave-2") not in _not_met(rollout)


def test_every_region_begins_within_48_months() -> None:
    waves = [add_months(JAN, 6 * k) for k in range(9)]  # the 9th wave begins at month 48
    schedules = [_schedule(f"R{k}{s}", day) for k, day in enumerate(waves) for s in "ab"]
    failed = _not_met(_rollout(*schedules))
    assert failed == [("rollout.within_months", "R8a"), ("rollout.within_months", "R8b")]
    assert add_months(JAN, 48) == date(2026, 1, 1)
    last = next(f for f in check_rollout(_rollout(*schedules)) if f.subject_id == "R8a"
            and f.rule == "rollout.within_months")
    assert "by 2025-12-31" in last.explanation


@pytest.mark.parametrize(("months", "met"), [(5, False), (6, True), (7, True), (8, True),
                                             (9, False)])
def test_planning_lasts_six_to_eight_months(months: int, met: bool) -> None:
    rollout = _rollout(_schedule(A, JAN, planning=months), _schedule(B, JAN), _schedule(C, JUL),
                       _schedule(D, JUL))
    assert (_not_met(rollout) == []) is met
    if not met:
        assert _not_met(rollout) == [("rollout.planning_length", A)]


@pytest.mark.parametrize(("months", "met"), [(11, False), (12, True), (13, False)])
def test_initial_implementation_lasts_twelve_months(months: int, met: bool) -> None:
    rollout = _rollout(_schedule(A, JAN, implementation=months), _schedule(B, JAN),
                       _schedule(C, JUL), _schedule(D, JUL))
    assert (_not_met(rollout) == []) is met
    if not met:
        assert _not_met(rollout) == [("rollout.initial_implementation_length", A)]


@pytest.mark.parametrize(("months", "met"), [(2, False), (3, True), (4, True), (5, False)])
def test_evaluation_lasts_three_to_four_months(months: int, met: bool) -> None:
    rollout = _rollout(_schedule(A, JAN, evaluation=months), _schedule(B, JAN),
                       _schedule(C, JUL), _schedule(D, JUL))
    assert (_not_met(rollout) == []) is met


def test_a_phase_one_day_short_fails() -> None:
    impl = date(2022, 7, 1) - timedelta(days=1)  # 5 months and 30 days
    rollout = _rollout(_schedule(A, JAN, implementation_from=impl,
                                 evaluation_from=add_months(impl, 12),
                                 continued_from=add_months(impl, 15),
                                 follow_up_review_on=add_months(impl, 12)),
                       _schedule(B, JAN), _schedule(C, JUL), _schedule(D, JUL))
    assert _not_met(rollout) == [("rollout.planning_length", A)]


def test_the_baseline_review_belongs_in_phase_one() -> None:
    last_planning_day = date(2022, 6, 30)
    ok = _schedule(A, JAN, baseline_review_on=last_planning_day)
    late = _schedule(A, JAN, baseline_review_on=date(2022, 7, 1))
    assert ok.phase_on(last_planning_day) is Phase.PLANNING
    assert late.phase_on(date(2022, 7, 1)) is Phase.INITIAL_IMPLEMENTATION
    others = (_schedule(B, JAN), _schedule(C, JUL), _schedule(D, JUL))
    assert _not_met(_rollout(ok, *others)) == []
    rollout = _rollout(late, *others)
    assert _not_met(rollout) == [("rollout.baseline_review", A)]
    [finding] = [f for f in check_rollout(rollout) if f.rule == "rollout.baseline_review"
                 and f.subject_id == A]
    assert "Phase II: Initial Implementation" in finding.explanation
    early = _schedule(A, JAN, baseline_review_on=date(2021, 12, 31))
    assert _not_met(_rollout(early, *others)) == [("rollout.baseline_review", A)]


def test_the_follow_up_review_belongs_in_phase_three() -> None:
    schedule = _schedule(A, JAN)  # Phase III: 2023-07-01 to 2023-09-30
    others = (_schedule(B, JAN), _schedule(C, JUL), _schedule(D, JUL))
    for day, met in ((date(2023, 7, 1), True), (date(2023, 9, 30), True),
                     (date(2023, 6, 30), False), (date(2023, 10, 1), False)):
        rollout = _rollout(attrs.evolve(schedule, follow_up_review_on=day), *others)
        assert (_not_met(rollout) == []) is met, day


def test_a_deliberately_broken_rollout_fails_with_named_findings() -> None:
    data = dump_rollout(FICTIONAL)
    data["schedules"][3]["planning_from"] = "2022-09-01"          # a third wave, 2 months on,
    # and only 4 months of planning before Coastal's Phase II (2023-01-01)
    data["schedules"][3]["baseline_review_on"] = "2022-10-15"
    data["schedules"][1]["implementation_from"] = "2022-11-01"    # 10 months of planning
    data["schedules"][1]["baseline_review_on"] = "2022-06-01"
    broken = load_rollout(data)
    assert _not_met(broken) == [
        ("rollout.wave_size", "wave-2"), ("rollout.wave_size", "wave-3"),
        ("rollout.wave_interval", "wave-3"), ("rollout.planning_length", "Central"),
        ("rollout.initial_implementation_length", "Central"),
        ("rollout.planning_length", "Coastal")]


# -- construction ---------------------------------------------------------------------------


def test_phases_must_follow_one_another() -> None:
    with pytest.raises(InvalidRecordError, match="'implementation_from' must be after"):
        _schedule(A, JAN, implementation_from=JAN)
    with pytest.raises(InvalidRecordError, match="'follow_up_review_on' must be after"):
        _schedule(A, JAN, follow_up_review_on=date(2021, 1, 1))


def test_a_region_is_scheduled_once() -> None:
    with pytest.raises(InvalidRecordError, match="scheduled twice"):
        _rollout(_schedule(A, JAN), _schedule(A, JUL), regions=(A, B))


def test_month_ranges_are_checked() -> None:
    with pytest.raises(InvalidRecordError, match="'most' must be at least"):
        MonthRange(least=8, most=6)
    assert str(MonthRange(least=3, most=4)) == "3–4 months"
    assert str(PRACTICE_MODEL_RULES.initial_implementation) == "12 months"


def test_phase_dates_and_phase_on() -> None:
    schedule = FICTIONAL.schedule("Northern")
    assert schedule.phase_dates(Phase.PLANNING) == (date(2022, 1, 1), date(2022, 6, 30))
    assert schedule.phase_dates(Phase.CONTINUED) == (date(2023, 10, 1), None)
    assert schedule.phase_on(date(2021, 12, 31)) is None
    assert schedule.phase_on(date(2030, 1, 1)) is Phase.CONTINUED
    with pytest.raises(UnknownCodeError, match="Northern"):
        FICTIONAL.schedule("Western")


# -- the logic model --------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "window"), [
    (date(2022, 6, 30), None),
    (date(2022, 7, 1), "short_term"),
    (date(2023, 6, 30), "short_term"),
    (date(2023, 7, 1), "mid_term"),
    (date(2024, 6, 30), "mid_term"),
    (date(2024, 7, 1), "long_term"),
    (date(2026, 6, 30), "long_term"),
    (date(2026, 7, 1), None),
])
def test_logic_model_windows_by_hand(day: date, window: str | None) -> None:
    found = logic_model_window(since=date(2022, 7, 1), on=day)
    assert (found.code if found else None) == window


def test_logic_model_windows_from_a_month_end() -> None:
    # 2022-01-31 + 12 months = 2023-01-31: the mid-term window opens that day.
    assert logic_model_window(since=date(2022, 1, 31), on=date(2023, 1, 30)).code \
        == "short_term"  # type: ignore[union-attr]
    assert logic_model_window(since=date(2022, 1, 31), on=date(2023, 1, 31)).code \
        == "mid_term"  # type: ignore[union-attr]


@given(since=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
       days=st.integers(min_value=0, max_value=48 * 31))
def test_the_windows_cover_48_months_without_gap_or_overlap(since: date, days: int) -> None:
    day = since + timedelta(days=days)
    found = logic_model_window(since=since, on=day)
    inside = day < add_months(since, 48)
    assert (found is not None) is inside
    if found is not None:
        assert add_months(since, found.start_month) <= day < add_months(since, found.end_month)


def test_logic_model_window_checks_its_arguments() -> None:
    with pytest.raises(InvalidInputError):
        logic_model_window(since="2022-01-01", on=date(2022, 1, 1))  # type: ignore[arg-type]


# -- baseline vs follow-up --------------------------------------------------------------------


@pytest.fixture(scope="module")
def reviews() -> dict[str, tuple[object, object]]:
    return fictional_reviews(FICTIONAL, cases=40, seed=7)  # type: ignore[return-value]


def test_fictional_reviews_are_drawn_as_of_each_review_day(reviews: dict) -> None:  # type: ignore[type-arg]
    assert list(reviews) == list(FICTIONAL.regions)
    for region, (baseline, follow_up) in reviews.items():
        schedule = FICTIONAL.schedule(region)
        assert baseline.as_of == schedule.baseline_review_on
        assert follow_up.as_of == schedule.follow_up_review_on
        assert baseline.cases_reviewed == follow_up.cases_reviewed == 40
    again = fictional_reviews(FICTIONAL, cases=40, seed=7)
    assert again["Coastal"][1].table == reviews["Coastal"][1].table


def test_compare_region_classifies_each_item_by_hand(reviews: dict) -> None:  # type: ignore[type-arg]
    baseline, follow_up = reviews["Northern"]
    result = compare_region("Northern", baseline, follow_up)
    before = {row.item: row for row in baseline.table}
    after = {row.item: row for row in follow_up.table}
    assert [i.item for i in result.items] == [
        item.code for item in get_instrument("ms-practice-model").items]
    for change in result.items:
        b, a = before.get(change.item), after.get(change.item)
        hand = compare_proportions(b.strengths if b else 0, b.applicable if b else 0,
                                   a.strengths if a else 0, a.applicable if a else 0)
        assert change.comparison == hand
        if hand.difference is None or hand.p_value is None:
            expected = Change.NOT_COMPARABLE
        elif hand.p_value >= 0.05:
            expected = Change.NO_SIGNIFICANT_CHANGE
        else:
            expected = Change.IMPROVED if hand.difference > 0 else Change.DECLINED
        assert change.change is expected


def test_compare_region_reads_a_region_of_reviews_grouped_by_region() -> None:
    ms, day = get_policy("MS"), date(2026, 11, 22)
    before = review_synthetic(60, seed=1, policy=ms, as_of=day, by=("region",))
    after = review_synthetic(60, seed=2, policy=ms, as_of=day, by=("region",))
    result = compare_region("Coastal", before, after)
    rows = {r.item: r for r in before.table if r.group == ("Coastal",)}
    for change in result.items:
        if change.item in rows:
            assert change.comparison.baseline.successes == rows[change.item].strengths
    with pytest.raises(InvalidArgumentError, match="has cases of region 'Western'"):
        compare_region("Western", before, after)
    by_county = review_synthetic(10, seed=1, policy=ms, as_of=day, by=("county",))
    with pytest.raises(InvalidArgumentError, match="grouped by region"):
        compare_region("Coastal", by_county, by_county)


def test_measurement_targets_against_hand_computation() -> None:
    review = review_synthetic(120, seed=5, policy=get_policy("MS"), as_of=date(2026, 11, 22),
                              instrument=get_instrument("cfsr"))
    [row] = [r for r in review.table if r.item == "item_04"]
    share = row.strengths / row.applicable
    period = DateSpan(start=date(2026, 1, 1), end=date(2026, 12, 31))

    def plan(baseline: float, improvement: float) -> MeasurementPlan:
        return MeasurementPlan(cfsr_item=4, baseline=baseline, baseline_applicable=40,
                               target_improvement=improvement, measurement_period=period)

    reached = measurement_result(plan(share - 0.10, 0.10 - 1e-9), review)
    missed = measurement_result(plan(share - 0.05, 0.05 + 1e-6), review)
    assert reached.met
    assert not missed.met
    assert reached.performance == wilson_interval(row.strengths, row.applicable)
    assert reached.target == pytest.approx(share)
    low = wilson_interval(row.strengths, row.applicable).low
    assert measurement_result(plan(low - 0.01, 0.005), review).above_baseline
    assert not measurement_result(plan(low + 0.001, 0.005), review).above_baseline
    with pytest.raises(InvalidArgumentError, match="CFSR instrument"):
        measurement_result(plan(0.2, 0.1), review_synthetic(
            5, seed=1, policy=get_policy("MS"), as_of=date(2026, 11, 22)))
    with pytest.raises(InvalidInputError):
        measurement_result("plan", review)  # type: ignore[arg-type]


# -- reading and writing ----------------------------------------------------------------------


def test_a_rollout_round_trips_through_json() -> None:
    text = json.dumps(dump_rollout(FICTIONAL))
    assert loads_rollout(text) == FICTIONAL


def test_bad_rollout_json_names_each_problem_by_path() -> None:
    data = dump_rollout(FICTIONAL)
    data["schedules"][1]["implementation_from"] = "2021-01-01"
    data["schedules"][2]["baseline_review_on"] = "2022-13-01"
    data["extra"] = 1
    with pytest.raises(RecordStructureError) as raised:
        load_rollout(data, source="rollout.json")
    text = str(raised.value)
    assert "$.schedules[1].implementation_from" in text
    assert "$.schedules[2].baseline_review_on" in text
    assert "extra" in text
    with pytest.raises(RecordStructureError, match="line 1"):
        loads_rollout("{")
    with pytest.raises(InvalidInputError):
        check_rollout("fictional")  # type: ignore[arg-type]


def test_the_tutorial_shows_what_its_example_prints() -> None:
    """The tutorial's outputs are the ones its script (examples/rollout_region.py) prints."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    printed = subprocess.run([sys.executable, str(root / "examples" / "rollout_region.py")],
                             capture_output=True, text=True, check=True, cwd=root).stdout
    tutorial = (root / "docs" / "tutorial" / "follow-a-region.md").read_text(encoding="utf-8")
    rows = [line for line in printed.splitlines() if "%" in line and "[" in line
            and not line.startswith("item 15")]
    assert len(rows) == 8
    for row in rows:
        assert row.strip() in tutorial, row
    assert "target 38.6%; measured 51.2% of 291 [45.5%, 56.9%]" in tutorial
    assert "target 38.6%; follow-up 51.2% of 291 [45.5%, 56.9%]: met" in printed
    assert "a Mid-term (12-24 mos.) outcome" in printed
