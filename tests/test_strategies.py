"""The public hypothesis strategies: argument validation and honoured arguments."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from practicemodel import strategies
from practicemodel.case import Case, CaseType
from practicemodel.caseplan import CasePlan, PlanKind
from practicemodel.intake import MaltreatmentReport
from practicemodel.people import Person, Relationship, StaffMember, StaffRole
from practicemodel.periods import LATEST_DATE, Period, PeriodUnit
from practicemodel.wellbeing import WellBeingNeed

PUBLIC = [getattr(strategies, name) for name in strategies.__all__]
STRATEGY_ARGUMENTS = [
    pytest.param(function, name, id=f"{function.__name__}-{name}")
    for function in PUBLIC
    for name in inspect.signature(function).parameters
    if name != "kind"
]


def all_ids(case: Case) -> list[str]:
    """Return the ids of every record in ``case`` that has one, nested ones included."""
    found: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, tuple):
            for item in value:
                visit(item)
        elif hasattr(value, "__attrs_attrs__"):
            if isinstance(getattr(value, "id", None), str):
                found.append(value.id)
            for field in value.__attrs_attrs__:
                visit(getattr(value, field.name))

    visit(case)
    return found


def test_every_strategy_takes_keyword_arguments_only() -> None:
    """No public strategy function takes a positional argument."""
    positional = [
        f"{function.__name__}({name})"
        for function in PUBLIC
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is not inspect.Parameter.KEYWORD_ONLY
    ]
    expected: list[str] = []
    assert expected == positional


@pytest.mark.parametrize(("function", "name"), STRATEGY_ARGUMENTS)
def test_non_strategy_argument_is_invalid(function: Callable[..., Any], name: str) -> None:
    """Passing a plain value where a strategy belongs raises InvalidArgument at once."""
    with pytest.raises(InvalidArgument, match=name):
        function(**{name: 3})


def test_unknown_quantity_kind_is_invalid() -> None:
    """quantities() knows only durations and dosages."""
    with pytest.raises(InvalidArgument, match="kind='mass'"):
        strategies.quantities(kind="mass")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        (strategies.people(ids=st.just("  ")), "ids"),
        (strategies.people(ids=st.just(7)), "ids"),  # type: ignore[arg-type]
        (strategies.hearings(dates=st.just(datetime(2020, 1, 1))), "dates"),
        (strategies.people(birth_dates=st.just("1990-01-01")), "birth_dates"),  # type: ignore[arg-type]
        (strategies.staff_members(roles=st.just("boss")), "roles"),  # type: ignore[arg-type]
        (strategies.periods(counts=st.just(-1)), "counts"),
        (strategies.quantities(magnitudes=st.just("3")), "magnitudes"),  # type: ignore[arg-type]
        (strategies.frequencies(periods=st.just(6)), "periods"),  # type: ignore[arg-type]
        (strategies.placements(caregiver_ids=st.just("")), "caregiver_ids"),
        (strategies.maltreatment_reports(priorities=st.just(" ")), "priorities"),
        (strategies.well_being_needs(service_ids=st.just(1)), "service_ids"),  # type: ignore[arg-type]
        (strategies.relative_searches(child_ids=st.just("")), "child_ids"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_drawn_value_is_invalid(strategy: st.SearchStrategy[Any], message: str) -> None:
    """A strategy argument that draws a wrong value raises InvalidArgument naming it."""

    @given(strategy)
    def draw(value: object) -> None:
        pass  # some draws may not use the bad argument; those pass

    with pytest.raises(InvalidArgument, match=message):
        draw()


@given(strategies.people(ids=st.just("p1"), birth_dates=st.just(date(2000, 2, 29))))
def test_people_honour_their_arguments(person: Person) -> None:
    """people() uses the given id and birth date strategies; later dates follow the birth."""
    expected = "p1"
    assert expected == person.id
    assert person.birth_date in (None, date(2000, 2, 29))
    if person.birth_date is not None and person.deceased_on is not None:
        assert person.deceased_on >= person.birth_date


@given(strategies.staff_members(roles=st.just(StaffRole.CQI_STAFF)))
def test_staff_members_honour_roles(member: StaffMember) -> None:
    """staff_members(roles=...) draws only the given roles."""
    assert StaffRole.CQI_STAFF is member.role


@given(strategies.relationships(adult_ids=st.sampled_from(["a", "b"]),
                                child_ids=st.sampled_from(["a", "b"])))
def test_relationship_adult_differs_from_child(relationship: Relationship) -> None:
    """relationships() never relates a person to themself, even from shared id pools."""
    assert relationship.adult_id != relationship.child_id


@given(strategies.case_plans(kinds=st.just(PlanKind.INITIAL)))
def test_initial_plans_replace_nothing(plan: CasePlan) -> None:
    """An initial plan drawn by case_plans() replaces no plan."""
    assert plan.replaces is None


@given(strategies.case_plans(kinds=st.just(PlanKind.UPDATE), plan_ids=st.just("p0")))
def test_updates_replace_a_given_plan(plan: CasePlan) -> None:
    """An update drawn by case_plans() replaces an id from plan_ids."""
    expected = "p0"
    assert expected == plan.replaces


@given(strategies.periods(units=st.just(PeriodUnit.WEEKS), counts=st.integers(1, 3)))
def test_periods_honour_their_arguments(period: Period) -> None:
    """periods() draws from the given counts and units."""
    assert PeriodUnit.WEEKS is period.unit
    assert 1 <= period.count <= 3


@given(strategies.cases(ids=st.just("x")))
def test_case_ids_are_unique_even_from_one_id(case: Case) -> None:
    """Repeated id draws get suffixes, so every id in a drawn case is distinct."""
    ids = all_ids(case)
    assert len(ids) == len(set(ids))
    assert "x" in ids


@given(strategies.cases(dates=st.just(date(2001, 1, 1)), birth_dates=st.just(date(2005, 5, 5)),
                        case_types=st.just(CaseType.IN_HOME)))
def test_events_are_moved_up_to_the_latest_birth(case: Case) -> None:
    """With events drawn before the births, every event date is moved up to the birth date."""
    assert CaseType.IN_HOME is case.case_type
    assert date(2001, 1, 1) <= case.opened_on <= date(2005, 5, 5)
    for contact in case.contacts:
        assert date(2005, 5, 5) == contact.occurred_on or all(
            case.person(p).birth_date is None for p in contact.person_ids)


@given(strategies.cases())
def test_case_references_resolve(case: Case) -> None:
    """Every person, child and staff reference in a drawn case names a record of the case."""
    people = {p.id for p in case.people}
    staff = {s.id for s in case.staff}
    assert set(case.child_ids) <= people
    assert {case.caseworker_id, case.supervisor_id} <= staff
    for contact in case.contacts:
        assert contact.caseworker_id in staff
        assert set(contact.private_with_ids) <= set(contact.person_ids) <= people
    for episode in case.removal_episodes:
        assert episode.child_id in case.child_ids


@given(st.builds(lambda case: case, st.from_type(Case)))
def test_from_type_draws_valid_cases(case: Case) -> None:
    """st.from_type(Case) resolves through the registered strategy."""
    assert isinstance(case, Case)


@pytest.mark.parametrize("statement", [
    "from practicemodel.strategies import cases",
    "import practicemodel.strategies",
    "import hypothesis; from practicemodel.strategies import cases",
])
def test_strategies_import_first_in_a_fresh_interpreter(statement: str) -> None:
    """Importing the strategies before hypothesis is not a circular import through the
    hypothesis entry point."""
    result = subprocess.run([sys.executable, "-c", statement], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


@given(low=strategies.birth_dates(min_value=date(1900, 1, 1), max_value=date(1900, 1, 31)),
       high=strategies.event_dates(min_value=date(2199, 12, 1), max_value=date(2199, 12, 31)))
def test_date_strategies_reach_both_ends_of_the_supported_range(low: date, high: date) -> None:
    """event_dates and birth_dates take bounds anywhere in the supported range."""
    assert date(1900, 1, 1) <= low <= date(1900, 1, 31)
    assert date(2199, 12, 1) <= high <= date(2199, 12, 31)


@pytest.mark.parametrize("bounds", [
    {"min_value": date(1899, 12, 31)}, {"max_value": date(2200, 1, 1)},
    {"min_value": date(2030, 1, 1), "max_value": date(2020, 1, 1)}])
def test_date_strategies_refuse_bounds_outside_the_supported_range(
        bounds: dict[str, date]) -> None:
    """Bounds outside the supported range, or in the wrong order, are InvalidArgument."""
    with pytest.raises(InvalidArgument):
        strategies.event_dates(**bounds)


@given(strategies.maltreatment_reports(child_ids=st.just("kid"), priorities=st.just("P")))
def test_maltreatment_reports_honour_their_arguments(report: MaltreatmentReport) -> None:
    """maltreatment_reports() uses the given children and priority codes; the responses are
    not before the report."""
    expected_children, expected_priority = ("kid",), "P"
    assert expected_children == report.child_ids
    assert expected_priority == report.priority
    for day in (report.initiated_on, report.face_to_face_on):
        assert day is None or day >= report.received_on


@given(strategies.maltreatment_reports(dates=st.just(LATEST_DATE)))
def test_prompt_responses_stay_inside_the_supported_range(report: MaltreatmentReport) -> None:
    """A response drawn within days of a report received on the last supported day is that
    day, not a date the model refuses."""
    assert report.initiated_on in (None, LATEST_DATE)


def test_reports_draw_responses_inside_and_outside_short_time_frames() -> None:
    """Some responses fall within a day of the report and some more than a week after it,
    so rules on response time frames see both outcomes."""
    lags: set[int] = set()

    @settings(database=None, max_examples=200)
    @given(strategies.maltreatment_reports())
    def collect(report: MaltreatmentReport) -> None:
        for day in (report.initiated_on, report.face_to_face_on):
            if day is not None:
                lags.add((day - report.received_on).days)

    collect()
    assert {0, 1} <= lags
    assert max(lags) > 7


@given(strategies.well_being_needs(service_ids=st.sampled_from(["s1", "s2"])))
def test_well_being_needs_refer_to_the_given_services(need: WellBeingNeed) -> None:
    """well_being_needs(service_ids=...) draws the addressing services from the pool."""
    assert set(need.service_ids) <= {"s1", "s2"}
    assert need.met_on is None or need.met_on >= need.identified_on


@given(strategies.cases())
def test_case_cfsr_records_refer_to_the_case(case: Case) -> None:
    """Reports, screenings, needs, connections, inquiries and searches name children of the
    case; needs name its services; youth-chosen team members are people of the case."""
    children = set(case.child_ids)
    for report in case.reports:
        assert set(report.child_ids) <= children
    for records in (case.screenings, case.well_being_needs, case.connections,
                    case.icwa_inquiries, case.relative_searches):
        assert {r.child_id for r in records} <= children
    services = {s.id for s in case.services}
    for need in case.well_being_needs:
        assert set(need.service_ids) <= services
    people = {p.id for p in case.people}
    for plan in case.plans:
        assert len(plan.youth_chosen_member_ids) <= 2
        assert set(plan.youth_chosen_member_ids) <= people
    for search in case.relative_searches:
        assert search.relatives_evaluated <= search.relatives_notified <= search.relatives_found


def test_cases_draw_every_new_collection() -> None:
    """Drawn cases hold the schema-version-2 records, and placements and plans their new
    fields, so properties over cases exercise them."""
    seen: set[str] = set()

    @settings(database=None, max_examples=100)
    @given(strategies.cases())
    def collect(case: Case) -> None:
        seen.update(name for name in ("reports", "screenings", "well_being_needs",
                                      "connections", "icwa_inquiries", "relative_searches")
                    if getattr(case, name))
        placements = [p for e in case.removal_episodes for p in e.placements]
        seen.update(name for name in ("move_reason", "near_home", "sibling_separation_reason",
                                      "icwa_preferences_met")
                    if any(getattr(p, name) is not None for p in placements))
        seen.update(name for name in ("temporary", "at_risk")
                    if any(getattr(p, name) for p in placements))
        seen.update(name for name in ("youth_chosen_member_ids", "transition_plan",
                                      "minimum_sufficient_level_of_care")
                    if any(getattr(p, name) not in (None, ()) for p in case.plans))
        if any(n.service_ids for n in case.well_being_needs):
            seen.add("service_ids")

    collect()
    expected = {"reports", "screenings", "well_being_needs", "connections", "icwa_inquiries",
                "relative_searches", "move_reason", "near_home", "sibling_separation_reason",
                "icwa_preferences_met", "temporary", "at_risk", "youth_chosen_member_ids",
                "transition_plan", "minimum_sufficient_level_of_care", "service_ids"}
    assert expected == seen
