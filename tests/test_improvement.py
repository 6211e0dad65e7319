"""Program Improvement Plans: quarter arithmetic, activity status, the shipped Mississippi plan,
and the plan's JSON form."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from practicemodel.errors import (
    DateOutOfRangeError,
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    RecordStructureError,
    UnknownCodeError,
)
from practicemodel.improvement import (
    ActivityPart,
    ActivityProgress,
    ActivityState,
    DateSpan,
    Goal,
    ImprovementPlan,
    KeyActivity,
    MeasurementPlan,
    Strategy,
    SystemicFactor,
    Timetable,
    activity_schedule,
    dump_plan,
    dumps_plan,
    get_plan,
    known_plans,
    load_plan,
    load_progress,
    loads_plan,
    month_span,
    period_number,
    plan_status,
    quarter_of,
    quarter_period,
    read_plan,
)
from practicemodel.outcomes import CfsrOutcome

MS = get_plan("MS-R3")


def _plan(effective_on: date, implementation_ends_on: date, *timetables: Timetable
          ) -> ImprovementPlan:
    """A one-goal, one-strategy plan with one activity per timetable."""
    activities = [KeyActivity(number=i, text=f"Activity {i}.", timetable=t)
                  for i, t in enumerate(timetables, 1)]
    strategy = Strategy(number=1, statement="A strategy.", key_activities=activities)
    goal = Goal(number=1, statement="A goal", addresses_as_written="Safety 1",
                outcomes=[CfsrOutcome.SAFETY_1], strategies=[strategy])
    return ImprovementPlan(code="XX", state="Example", title="Example plan",
                           effective_on=effective_on,
                           implementation_ends_on=implementation_ends_on, goals=[goal])


# -- quarters, worked by hand ---------------------------------------------------------------

MS_QUARTERS = [
    (1, date(2020, 2, 1), date(2020, 4, 30)),
    (2, date(2020, 5, 1), date(2020, 7, 31)),
    (3, date(2020, 8, 1), date(2020, 10, 31)),
    (4, date(2020, 11, 1), date(2021, 1, 31)),
    (5, date(2021, 2, 1), date(2021, 4, 30)),
    (6, date(2021, 5, 1), date(2021, 7, 31)),
    (7, date(2021, 8, 1), date(2021, 10, 31)),
    (8, date(2021, 11, 1), date(2022, 1, 31)),
]


@pytest.mark.parametrize(("number", "start", "end"), MS_QUARTERS)
def test_mississippi_quarters_start_on_the_effective_date(number: int, start: date,
                                                          end: date) -> None:
    """Quarter 1 starts on 2020-02-01, the PIP Effective Date; quarter 8 ends on 2022-01-31,
    the end of the implementation period; each is three calendar months."""
    expected = DateSpan(start=start, end=end)
    assert expected == quarter_period(MS, number)
    assert quarter_of(MS, start) == number
    assert quarter_of(MS, end) == number


@pytest.mark.parametrize(("day", "quarter"), [
    (date(2021, 6, 30), 6),   # the date the plan status is asked about
    (date(2020, 4, 30), 1),   # the last day of quarter 1
    (date(2020, 5, 1), 2),    # the first of quarter 2
    (date(2020, 2, 29), 1),   # a leap day
    (date(2022, 2, 1), 9),    # quarters go on after the implementation period
    (date(2023, 3, 31), 13),  # the end of the non-overlapping year
    (date(2020, 1, 31), None),  # the day before the plan takes effect
])
def test_quarter_of_hand_worked_days(day: date, quarter: int | None) -> None:
    """The quarter of each day, counted by hand from 2020-02-01."""
    assert quarter == quarter_of(MS, day)


def test_the_plan_has_eight_quarters() -> None:
    """Two years of implementation are eight PIP quarters."""
    assert MS.implementation_quarters == 8


def test_quarters_counted_from_a_month_end_never_drift() -> None:
    """From 2020-01-31 each boundary is counted from the anchor in one step: quarter 2 starts
    2020-04-30 (Jan 31 + 3 months) and quarter 3 on 2020-07-31 (Jan 31 + 6 months), not on
    the 30th (which chained month arithmetic would give)."""
    plan = _plan(date(2020, 1, 31), date(2020, 12, 31), Timetable.from_text("Quarter 1"))
    spans = [str(quarter_period(plan, n)) for n in (1, 2, 3)]
    assert spans == ["2020-01-31 to 2020-04-29", "2020-04-30 to 2020-07-30",
                     "2020-07-31 to 2020-10-30"]


def test_quarters_over_a_leap_day() -> None:
    """From 2019-11-30 quarter 1 ends on 2020-02-28 and quarter 2 starts on the leap day
    (Nov 30 + 3 months is Feb 29 in 2020), then ends 2020-05-29."""
    plan = _plan(date(2019, 11, 30), date(2020, 11, 29), Timetable.from_text("Quarter 1"))
    assert str(quarter_period(plan, 1)) == "2019-11-30 to 2020-02-28"
    assert str(quarter_period(plan, 2)) == "2020-02-29 to 2020-05-29"
    assert quarter_of(plan, date(2020, 2, 29)) == 2


anchors = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(anchor=anchors, offset=st.integers(min_value=0, max_value=20_000),
       months=st.sampled_from([1, 3, 6, 12]))
@example(anchor=date(2020, 1, 31), offset=89, months=3)
@example(anchor=date(2019, 11, 30), offset=91, months=3)
def test_period_number_finds_the_span_that_holds_the_day(anchor: date, offset: int,
                                                         months: int) -> None:
    """For any anchor and any later day, the numbered period holds the day, and the periods
    before and after it touch it without a gap or an overlap."""
    day = anchor + timedelta(days=offset)
    number = period_number(anchor, months, day)
    assert number is not None
    span = month_span(anchor, months * (number - 1), months * number)
    assert span.contains(day)
    following = month_span(anchor, months * number, months * (number + 1))
    assert following.start == span.end + timedelta(days=1)
    if number > 1:
        before = month_span(anchor, months * (number - 2), months * (number - 1))
        assert before.end + timedelta(days=1) == span.start


def test_month_span_logic_model_windows() -> None:
    """The windows a logic model counts from a start (0-12, 12-24, 24-48 months)."""
    start = date(2010, 8, 1)
    windows = [str(month_span(start, a, b)) for a, b in ((0, 12), (12, 24), (24, 48))]
    assert windows == ["2010-08-01 to 2011-07-31", "2011-08-01 to 2012-07-31",
                       "2012-08-01 to 2014-07-31"]


@pytest.mark.parametrize(("call", "error"), [
    (lambda: quarter_period(MS, 0), InvalidArgumentError),
    (lambda: quarter_period(MS, 401), InvalidArgumentError),
    (lambda: quarter_period(MS, 1.0), InvalidInputError),
    (lambda: quarter_period("MS-R3", 1), InvalidInputError),
    (lambda: quarter_of(MS, datetime(2021, 6, 30)), InvalidInputError),
    (lambda: quarter_of(MS, date(9999, 1, 1)), DateOutOfRangeError),
    (lambda: month_span(date(2020, 1, 1), 3, 3), InvalidArgumentError),
    (lambda: month_span(date(2020, 1, 1), -1, 3), InvalidArgumentError),
    (lambda: month_span(date(2199, 1, 1), 0, 24), InvalidArgumentError),
    (lambda: period_number(date(2020, 1, 1), 0, date(2020, 1, 1)), InvalidArgumentError),
    (lambda: period_number(date(2020, 1, 1), True, date(2020, 1, 1)), InvalidInputError),
])
def test_bad_arguments_raise_the_library_errors(call: object, error: type[Exception]) -> None:
    """A wrong kind of argument is an InvalidInputError, a bad value an
    InvalidArgumentError (or DateOutOfRangeError), each naming the argument."""
    with pytest.raises(error, match="'"):
        call()  # type: ignore[operator]


# -- timetables -----------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "quarter", "ongoing", "kept"), [
    ("Quarter 3", 3, False, "Quarter 3"),
    ("Quarter 4 & ongoing", 4, True, "Quarter 4 & ongoing"),
    ("Quarter 4 and ongoing", 4, True, "Quarter 4 and ongoing"),
    ("a) Quarter 2 &amp; ongoing", 2, True, "a) Quarter 2 & ongoing"),
    ("a) Quarter 2 & ongoing;", 2, True, "a) Quarter 2 & ongoing"),
    ("d) Ongoing", None, True, "d) Ongoing"),
])
def test_timetables_read_as_the_seed_writes_them(written: str, quarter: int | None,
                                                 ongoing: bool, kept: str) -> None:
    """Each form seed 002 uses reads as a quarter and whether it goes on."""
    expected = Timetable(as_written=kept, quarter=quarter, ongoing=ongoing)
    assert expected == Timetable.from_text(written)


@pytest.mark.parametrize("written", ["Q3", "Quarter", "Quarter 0", "Year 2", ""])
def test_an_unreadable_timetable_is_refused(written: str) -> None:
    """Text that is no timetable (or quarter 0) is refused, naming the forms."""
    with pytest.raises((InvalidArgumentError, InvalidRecordError)):
        Timetable.from_text(written)


def test_a_timetable_without_a_quarter_must_be_ongoing() -> None:
    """"Ongoing" has no quarter; a timetable with neither says nothing."""
    with pytest.raises(InvalidRecordError, match="'ongoing'"):
        Timetable(as_written="sometime", quarter=None, ongoing=False)


# -- status ---------------------------------------------------------------------------------


def _state(label: str, as_of: date, progress: tuple[ActivityProgress, ...] = ()
           ) -> ActivityState:
    status = plan_status(MS, as_of=as_of, progress=progress)
    return next(s.state for s in status.activities if s.activity.label == label)


@pytest.mark.parametrize(("label", "as_of", "state"), [
    # 1.1.1 "Quarter 1": due through 2020-04-30, overdue from 2020-05-01
    ("1.1.1", date(2020, 1, 31), ActivityState.UPCOMING),
    ("1.1.1", date(2020, 2, 1), ActivityState.DUE),
    ("1.1.1", date(2020, 4, 30), ActivityState.DUE),
    ("1.1.1", date(2020, 5, 1), ActivityState.OVERDUE),
    # 1.2.1 "Quarter 1 & ongoing": due in quarter 1, ongoing to 2022-01-31, ended after
    ("1.2.1", date(2020, 4, 30), ActivityState.DUE),
    ("1.2.1", date(2020, 5, 1), ActivityState.ONGOING),
    ("1.2.1", date(2022, 1, 31), ActivityState.ONGOING),
    ("1.2.1", date(2022, 2, 1), ActivityState.ENDED),
    # 3.1.4d "d) Ongoing": ongoing from the effective date
    ("3.1.4d", date(2020, 1, 31), ActivityState.UPCOMING),
    ("3.1.4d", date(2020, 2, 1), ActivityState.ONGOING),
    # 4.1.4 "Quarter 8": upcoming on 2021-06-30, due on 2022-01-31, overdue the next day
    ("4.1.4", date(2021, 6, 30), ActivityState.UPCOMING),
    ("4.1.4", date(2022, 1, 31), ActivityState.DUE),
    ("4.1.4", date(2022, 2, 1), ActivityState.OVERDUE),
    # 1.2.7 "Quarter 6" on 2021-06-30: due this quarter
    ("1.2.7", date(2021, 6, 30), ActivityState.DUE),
])
def test_activity_states_hand_worked(label: str, as_of: date, state: ActivityState) -> None:
    """Each state at the edges of its quarter, checked by hand against the quarters."""
    assert state == _state(label, as_of)


def test_ongoing_never_ends_before_the_implementation_period() -> None:
    """Every "& ongoing" activity goes on at least to 2022-01-31; one that starts in the
    last quarter goes on to the end of that quarter."""
    ongoing = [a for a in activity_schedule(MS) if a.timetable.ongoing]
    assert ongoing
    assert all(a.ongoing_until == date(2022, 1, 31) for a in ongoing)
    late = _plan(date(2020, 2, 1), date(2020, 12, 31), Timetable.from_text("Quarter 4 & ongoing"))
    (row,) = activity_schedule(late)
    assert row.ongoing_until == date(2021, 1, 31)  # quarter 4 ends after the period


def test_completion_recorded_makes_an_activity_completed_from_that_day() -> None:
    """A completion on 2020-04-20 makes 1.1.1 completed from that day (due before it); one
    dated after ``as_of`` is not yet known."""
    done = (ActivityProgress(label="1.1.1", completed_on=date(2020, 4, 20)),)
    assert _state("1.1.1", date(2020, 4, 19), done) is ActivityState.DUE
    assert _state("1.1.1", date(2020, 4, 20), done) is ActivityState.COMPLETED
    assert _state("1.1.1", date(2021, 6, 30), done) is ActivityState.COMPLETED


def test_a_late_completion_is_said_to_be_late() -> None:
    """Completed on 2020-06-01, after quarter 1 ended: completed, late."""
    done = (ActivityProgress(label="1.1.1", completed_on=date(2020, 6, 1)),)
    status = plan_status(MS, as_of=date(2021, 6, 30), progress=done)
    row = status.activities[0]
    assert (row.state, row.completed_on) == (ActivityState.COMPLETED, date(2020, 6, 1))
    assert row.explanation == "completed on 2020-06-01 (quarter 1, by 2020-04-30, late)"


def test_status_on_2021_06_30_lists_by_goal_what_is_due_by_then() -> None:
    """On 2021-06-30 (quarter 6) every activity of quarters 1-6 is due by then: those of
    quarters 1-5 overdue (none recorded complete) or ongoing, those of quarter 6 due; the
    quarter-8 ones are upcoming."""
    status = plan_status(MS, as_of=date(2021, 6, 30))
    assert status.quarter == 6
    due = {goal.number: [s.activity.label for s in rows if s.state is not ActivityState.UPCOMING]
           for goal, rows in status.by_goal().items()}
    assert due == {
        1: ["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7",
            "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.2.6", "1.2.7"],
        2: ["2.1.1", "2.1.2a", "2.1.2b", "2.1.2c", "2.1.3", "2.1.4"],
        3: ["3.1.1", "3.1.2", "3.1.3", "3.1.4a", "3.1.4b", "3.1.4c", "3.1.4d"],
        4: ["4.1.1", "4.1.2", "4.1.3", "4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"],
        5: ["5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.2.1", "5.2.2", "5.2.3", "5.2.4",
            "5.3.1", "5.3.2", "5.3.3"],
    }
    upcoming = [s.activity.label for s in status.activities
                if s.state is ActivityState.UPCOMING]
    assert upcoming == ["4.1.4", "4.1.5", "5.1.5", "5.2.5"]
    assert status.counts() == {"upcoming": 4, "due": 4, "overdue": 25, "completed": 0,
                               "ongoing": 17, "ended": 0}
    assert [s.activity.label for s in status.activities if s.state is ActivityState.DUE] \
        == ["1.2.7", "4.1.2", "4.1.3", "4.2.5"]
    assert len(status.due_by_then()) == 46


def test_status_json_is_plain_json() -> None:
    """``to_json`` gives a form ``json.dumps`` writes, with the quarter's days and each
    activity's dates as ISO strings."""
    data = plan_status(MS, as_of=date(2021, 6, 30)).to_json()
    json.dumps(data)
    assert (data["quarter"], data["quarter_starts_on"], data["quarter_ends_on"]) == (
        6, "2021-05-01", "2021-07-31")
    first = data["goals"][1]["activities"][1]
    assert first == {
        "label": "2.1.2a", "goal": 2, "strategy": 1,
        "text": "Incorporate revised definitions and concepts into preservice training;",
        "lead": "Revamp risk and safety training:", "timetable": "a) Quarter 2 & ongoing",
        "quarter": 2, "ongoing": True, "starts_on": "2020-05-01", "due_by": "2020-07-31",
        "ongoing_until": "2022-01-31", "state": "ongoing", "completed_on": None,
        "explanation": "ongoing since 2020-05-01, to at least 2022-01-31"}


@pytest.mark.parametrize(("progress", "error", "match"), [
    ([ActivityProgress(label="9.9.9", completed_on=date(2020, 3, 1))], InvalidArgumentError,
     "'progress\\[0\\]' names no activity"),
    ([ActivityProgress(label="1.1.1", completed_on=date(2020, 3, 1))] * 2,
     InvalidArgumentError, "repeats"),
    (["1.1.1"], InvalidInputError, "ActivityProgress"),
    ("1.1.1", InvalidInputError, "sequence"),
])
def test_bad_progress_is_refused(progress: object, error: type[Exception], match: str) -> None:
    """Progress must name activities of the plan, once each."""
    with pytest.raises(error, match=match):
        plan_status(MS, as_of=date(2021, 6, 30), progress=progress)  # type: ignore[arg-type]


def test_status_refuses_a_datetime() -> None:
    """``as_of`` is a date; a datetime's time of day would be silently dropped."""
    with pytest.raises(InvalidInputError, match="'as_of'"):
        plan_status(MS, as_of=datetime(2021, 6, 30))


_RANK = {ActivityState.UPCOMING: 0, ActivityState.DUE: 1, ActivityState.OVERDUE: 2,
         ActivityState.ONGOING: 2, ActivityState.ENDED: 3}


@given(first=st.dates(min_value=date(2019, 6, 1), max_value=date(2023, 6, 30)),
       days=st.integers(min_value=0, max_value=800))
@example(first=date(2020, 4, 30), days=1)
@example(first=date(2022, 1, 31), days=1)
def test_states_only_move_forward(first: date, days: int) -> None:
    """Without completions an activity goes upcoming → due → overdue, or → ongoing →
    ended, never back; every activity has a state, and the status's quarter is
    ``quarter_of(as_of)``."""
    later = first + timedelta(days=days)
    before = plan_status(MS, as_of=first)
    after = plan_status(MS, as_of=later)
    assert sum(after.counts().values()) == len(after.activities) == 50
    assert after.quarter == quarter_of(MS, later)
    for old, new in zip(before.activities, after.activities, strict=True):
        assert _RANK[old.state] <= _RANK[new.state]
        if new.state is ActivityState.OVERDUE:
            assert not new.activity.timetable.ongoing


@st.composite
def plans(draw: st.DrawFn) -> ImprovementPlan:
    """Small plans: 1-3 goals of 1-2 strategies of 1-3 activities, some in lettered parts,
    each timetable within the implementation period."""
    effective = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
    months = draw(st.integers(min_value=3, max_value=36))
    ends = month_span(effective, 0, months).end
    last = period_number(effective, 3, ends)
    assert last is not None
    quarters = st.integers(min_value=1, max_value=last)
    timetables = st.one_of(
        st.builds(lambda q: Timetable(as_written=f"Quarter {q}", quarter=q), quarters),
        st.builds(lambda q: Timetable(as_written=f"Quarter {q} & ongoing", quarter=q,
                                      ongoing=True), quarters),
        st.just(Timetable(as_written="Ongoing", ongoing=True)))

    def activity(number: int) -> KeyActivity:
        if draw(st.booleans()):
            return KeyActivity(number=number, text=f"Activity {number}.",
                               timetable=draw(timetables))
        letters = "abcd"[:draw(st.integers(min_value=1, max_value=4))]
        return KeyActivity(number=number, text="Parts:", parts=[
            ActivityPart(letter=x, text=f"Part {x}.", timetable=draw(timetables))
            for x in letters])

    goals = [Goal(number=g, statement=f"Goal {g}", addresses_as_written="Safety 2",
                  outcomes=draw(st.lists(st.sampled_from(CfsrOutcome), unique=True,
                                         max_size=3)),
                  systemic_factors=draw(st.lists(st.sampled_from(SystemicFactor), unique=True,
                                                 max_size=2)),
                  strategies=[Strategy(number=s, statement=f"Strategy {s}.",
                                       key_activities=[activity(a) for a in range(
                                           1, draw(st.integers(min_value=1, max_value=3)) + 1)])
                              for s in range(1, draw(st.integers(min_value=1, max_value=2)) + 1)])
             for g in range(1, draw(st.integers(min_value=1, max_value=3)) + 1)]
    return ImprovementPlan(code="XX", state="Example", title="Example plan",
                           effective_on=effective, implementation_ends_on=ends,
                           non_overlapping_year_ends_on=draw(st.none() | st.just(ends)),
                           goals=goals)


@given(plan=plans(), offset=st.integers(min_value=-100, max_value=4000))
def test_any_plan_round_trips_and_every_activity_has_its_quarter(plan: ImprovementPlan,
                                                                  offset: int) -> None:
    """A plan survives its JSON form; each activity starts on its quarter's first day, is
    due on its last, and an ongoing one goes on at least to the end of the implementation
    period."""
    assert loads_plan(dumps_plan(plan)) == plan
    for row in activity_schedule(plan):
        quarter = row.timetable.quarter
        if quarter is None:
            assert (row.starts_on, row.due_by) == (plan.effective_on, None)
        else:
            span = quarter_period(plan, quarter)
            assert (row.starts_on, row.due_by) == (span.start, span.end)
        if row.timetable.ongoing:
            assert row.ongoing_until is not None
            assert row.ongoing_until >= plan.implementation_ends_on
    status = plan_status(plan, as_of=plan.effective_on + timedelta(days=offset))
    assert len(status.activities) == len(activity_schedule(plan))


# -- the shipped Mississippi plan, against the seed -----------------------------------------


def test_the_plan_dates_are_the_seeds() -> None:
    """"PIP Effective Date: February 1, 2020", "End of PIP Implementation Period: January 31,
    2022", "Non-Overlapping Year: March 31, 2023", "Quarterly Documentary Submissions and
    OSRI Data"."""
    assert (MS.effective_on, MS.implementation_ends_on, MS.non_overlapping_year_ends_on) == (
        date(2020, 2, 1), date(2022, 1, 31), date(2023, 3, 31))
    assert MS.reporting_as_written == "Quarterly Documentary Submissions and OSRI Data"
    assert known_plans() == ("MS-R3",)


def test_the_plan_has_the_seeds_goals_strategies_and_activities() -> None:
    """Five goals; 2, 1, 1, 2 and 3 strategies; 7, 7, 4, 4, 5, 5, 5, 5 and 3 key activities
    (two with lettered parts: three and four), 50 scheduled in all."""
    assert [g.statement for g in MS.goals] == [
        "Increase Family Engagement", "Ensure Complete and Accurate Assessment",
        "Improve Supervisory Support", "Improve Service Array and Delivery",
        "Improve collaboration with courts that supports effective practice and timely "
        "permanency."]
    assert [len(g.strategies) for g in MS.goals] == [2, 1, 1, 2, 3]
    assert [len(s.key_activities) for g in MS.goals for s in g.strategies] == [
        7, 7, 4, 4, 5, 5, 5, 5, 3]
    assert [len(a.parts) for g in MS.goals for s in g.strategies for a in s.key_activities
            if a.parts] == [3, 4]
    assert len(activity_schedule(MS)) == 50


def test_goals_address_what_the_seed_says() -> None:
    """"Outcomes and Systemic Factors Addressed", as written and as codes."""
    assert [g.addresses_as_written for g in MS.goals] == [
        "Permanency 1; Permanency 2; Wellbeing 1; Foster and Adoptive Parent Licensing, "
        "Recruitment, and Retention; Staff and Provider Training",
        "Safety 2", "Safety 1; Statewide Information System",
        "Wellbeing 2, Wellbeing 3; Service Array and Resource Development",
        "Case Review System"]
    assert [[o.value for o in g.outcomes] for g in MS.goals] == [
        ["permanency_1", "permanency_2", "well_being_1"], ["safety_2"], ["safety_1"],
        ["well_being_2", "well_being_3"], []]
    assert [[f.label for f in g.systemic_factors] for g in MS.goals] == [
        ["Foster and Adoptive Parent Licensing, Recruitment, and Retention",
         "Staff and Provider Training"], [], ["Statewide Information System"],
        ["Service Array and Resource Development"], ["Case Review System"]]


# Verbatim from seed 002 (Mississippi CFSR Round 3 Program Improvement Plan).
SEED_ROWS = {
    "1.1.1": ("Develop and adopt a vision defining workforce wellbeing and an aspirational "
              "philosophy for the work environment MDCPS seeks to foster and the standards of "
              "conduct its expects in employee interactions.", "Quarter 1"),
    "1.1.3": ("Facilitate the development of peer-to-peer support groups", "Quarter 3"),
    "1.2.5": ("Monitor foster parent commitment to shared parenting through CQI reviews, staff "
              "focus groups addressed in Strategy 1, and foster parent focus groups.",
              "Quarter 4 & ongoing"),
    "2.1.2c": ("Incorporate revised definitions and concepts into collaborative training "
               "with courts.", "d) Quarter 4 & ongoing"),
    "3.1.3": ("Development case staffing tool training.", "Quarter 3"),
    "3.1.4b": ("Train the trainer to build coaching capacity among regional leadership on the "
               "tools’ use;", "b) Quarter 4"),
    "3.1.4d": ("Ongoing coaching support based on identified needs.", "d) Ongoing"),
    "4.2.5": ("Develop and submit the first five-year prevention plan.", "Quarter 6"),
    "5.1.4": ("Evaluate and monitor impact of judicial PMLC on casework through foster care "
              "reviews, ongoing focus groups, and review of data related to judicial decisions "
              "to remove children from their homes and reunify children with their families.",
              "Quarter 4 and ongoing"),
    "5.1.5": ("Implement judicial the PMLC in Hinds County.", "Quarter 8"),
    "5.3.3": ("Provide public comment period on guardian ad litem handbook and incorporate any "
              "necessary revisions from the comments into the handbook.", "Quarter 4"),
}


@pytest.mark.parametrize("label", sorted(SEED_ROWS))
def test_activities_are_the_seeds_words(label: str) -> None:
    """Activity texts and timetables are seed 002's, word for word (its slips kept: "its
    expects", "Development case staffing tool training", "judicial the PMLC", and the
    third part of Goal 2's training lettered "d)")."""
    row = next(a for a in activity_schedule(MS) if a.label == label)
    assert SEED_ROWS[label] == (row.text, row.timetable.as_written)


def test_strategies_and_lead_ins_are_the_seeds_words() -> None:
    """A strategy statement and the lead-in of the activities with parts."""
    assert MS.goals[0].strategies[1].statement == (
        "Increase commitment to shared parenting among resource parents to enhance family "
        "engagement and support reunification.")
    assert MS.goals[3].strategies[0].statement == "Diversifying Intensive In-home Services"
    leads = [a.text for g in MS.goals for s in g.strategies for a in s.key_activities
             if a.parts]
    assert leads == ["Revamp risk and safety training:", "Provide staffing tool training:"]


def test_every_timetable_reads_as_it_is_written() -> None:
    """The quarter and "ongoing" of each shipped timetable are what its words say."""
    rows = activity_schedule(MS)
    assert all(Timetable.from_text(r.timetable.as_written) == r.timetable for r in rows)


def test_the_item_figures_are_the_seeds() -> None:
    """The statewide CFSR item figures the plan reports, by item."""
    figures = {f.item: f.percent for f in MS.item_figures}
    assert figures == {"15": 23.64, "13": 35.94, "8": 41.94, "11": 46.43, "5": 40.0,
                       "6": 27.5, "12B": 19.3, "3": 46.15, "12": 20.0, "2": 36.84,
                       "18": 48.78}
    assert MS.measurement_plans == ()  # the seed gives no n and no targets


# -- JSON -----------------------------------------------------------------------------------


def test_the_plan_round_trips_through_json(tmp_path: Path) -> None:
    """``loads_plan(dumps_plan(plan)) == plan``, and a file reads the same."""
    text = dumps_plan(MS)
    assert loads_plan(text) == MS
    assert load_plan(json.loads(text)) == MS
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    assert read_plan(path) == MS


def test_a_plan_with_measurement_plans_round_trips() -> None:
    """A measurement plan (baseline, its n, the target improvement, the period) survives the
    JSON form; its target is the baseline plus the improvement."""
    measured = MeasurementPlan(cfsr_item=15, baseline=0.2364, baseline_applicable=55,
                               target_improvement=0.06,
                               measurement_period=DateSpan(start=date(2020, 2, 1),
                                                           end=date(2021, 1, 31)))
    plan = attrs.evolve(MS, measurement_plans=(measured,))
    assert loads_plan(dumps_plan(plan)) == plan
    assert dump_plan(plan)["measurement_plans"][0]["measurement_period"] == {
        "start": "2020-02-01", "end": "2021-01-31"}
    assert measured.target == pytest.approx(0.2964)


def _bad(change: object) -> list[str]:
    data = dump_plan(MS)
    change(data)  # type: ignore[operator]
    with pytest.raises(RecordStructureError) as caught:
        load_plan(data, source="plan.json")
    assert caught.value.record == "improvement plan"
    return caught.value.messages


def test_every_mistake_is_reported_with_its_path() -> None:
    """Three mistakes in three places are all reported, each at its path."""
    def change(data: dict[str, object]) -> None:
        goals = data["goals"]
        goals[1]["outcomes"] = ["safety_9"]  # type: ignore[index]
        goals[0]["strategies"][0]["key_activities"][0]["timetable"]["quarter"] = "1"  # type: ignore[index]
        data["effective_on"] = "2020-02-30"

    messages = _bad(change)
    assert len(messages) == 3
    assert any(m.startswith("unknown CfsrOutcome code 'safety_9'") and
               m.endswith("@ $.goals[1].outcomes[0]") for m in messages)
    assert any(m.endswith("@ $.goals[0].strategies[0].key_activities[0].timetable.quarter")
               for m in messages)
    assert any(m.endswith("@ $.effective_on") for m in messages)


def test_a_quarter_after_the_implementation_period_is_refused_at_its_path() -> None:
    """Quarter 9 begins after an eight-quarter implementation period."""
    def change(data: dict[str, object]) -> None:
        row = data["goals"][4]["strategies"][0]["key_activities"][4]  # type: ignore[index]
        row["timetable"] = {"as_written": "Quarter 9", "quarter": 9}

    assert _bad(change) == [
        "quarter 9 begins after the implementation period, which has 8 quarters "
        "@ $.goals[4].strategies[0].key_activities[4].timetable.quarter"]


def test_unknown_and_missing_fields_are_refused() -> None:
    """An unknown key and a missing required one are mistakes, each named."""
    def change(data: dict[str, object]) -> None:
        data["pip_code"] = "x"
        del data["goals"][0]["statement"]  # type: ignore[index]

    messages = _bad(change)
    assert "unknown field 'pip_code' @ $" in messages
    assert "required field missing @ $.goals[0].statement" in messages


def test_text_that_is_not_json_names_line_and_column() -> None:
    """Broken JSON is reported with where it broke."""
    with pytest.raises(RecordStructureError, match="line 2"):
        loads_plan('{\n  "code": }', source="plan.json")
    with pytest.raises(RecordStructureError, match="expected an object"):
        load_plan([])


def test_invariants_hold_at_construction() -> None:
    """Duplicate numbers, an activity with both a timetable and parts, dates out of order."""
    quarter = Timetable.from_text("Quarter 1")
    part = ActivityPart(letter="a", text="A part.", timetable=quarter)
    with pytest.raises(InvalidRecordError, match="either a 'timetable' or 'parts'"):
        KeyActivity(number=1, text="Both.", timetable=quarter, parts=[part])
    with pytest.raises(InvalidRecordError, match="duplicate key activity number 1"):
        Strategy(number=1, statement="S.", key_activities=[
            KeyActivity(number=1, text="A.", timetable=quarter)] * 2)
    with pytest.raises(InvalidRecordError, match="'implementation_ends_on' must be after"):
        _plan(date(2020, 2, 1), date(2020, 2, 1), quarter)
    with pytest.raises(InvalidRecordError, match="'end' must be on or after 'start'"):
        DateSpan(start=date(2020, 2, 1), end=date(2020, 1, 31))
    with pytest.raises(InvalidRecordError, match="'target_improvement'"):
        MeasurementPlan(cfsr_item=3, baseline=0.97, baseline_applicable=40,
                        target_improvement=0.05,
                        measurement_period=DateSpan(start=date(2020, 2, 1),
                                                    end=date(2021, 1, 31)))


def test_an_unknown_plan_code_lists_the_known_ones() -> None:
    """``get_plan`` refuses a code it does not ship, listing the ones it does."""
    with pytest.raises(UnknownCodeError, match="unknown improvement plan 'MS-R4'; known: MS-R3"):
        get_plan("MS-R4")


def test_progress_records_load_from_json() -> None:
    """``{"progress": [{"label", "completed_on"}, ...]}``; mistakes come with their path."""
    assert load_progress({"progress": [{"label": "1.1.1", "completed_on": "2020-04-20"}]}) == (
        ActivityProgress(label="1.1.1", completed_on=date(2020, 4, 20)),)
    with pytest.raises(RecordStructureError) as caught:
        load_progress({"progress": [{"label": "1.1.1", "completed_on": "soon"}], "plan": 1})
    assert caught.value.messages == [
        "unknown field 'plan' @ $",
        "expected a date YYYY-MM-DD, found a string of 4 characters @ $.progress[0].completed_on"]
    with pytest.raises(RecordStructureError, match="expected an object"):
        load_progress([])
