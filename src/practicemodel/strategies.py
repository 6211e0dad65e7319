"""Hypothesis strategies for every record type of the practice model.

This module needs `hypothesis <https://hypothesis.readthedocs.io>`_, which is part of the
``test`` extra: ``pip install "practicemodel[test]"``. Importing it without hypothesis
installed raises ``ImportError``.

Every strategy generates only **valid** objects: each value object's invariants hold (dates
in order, ``exit_reason`` exactly when ``exit_on``, placements inside their episode without
overlap, ``foster_home`` exactly for foster parents, and so on), and
[`cases`][practicemodel.strategies.cases] builds a coherent case: it draws the people and
staff first and then sub-records that refer only to them, with every id unique and every
reference resolvable, and no event about a person dated before that person's birth.

The strategies follow hypothesis's house API style: plural-noun names, keyword-only
arguments that take *strategies* (wrap a single value in ``st.just``), ``None`` defaults,
and ``hypothesis.errors.InvalidArgument`` for bad arguments (raised when the strategy is
created, or on the first draw for values a strategy argument produced). Arguments:

- ``ids``: a strategy of non-empty strings used for the record's own id and the ids of the
  records nested in it; ids are made unique within each drawn object (a repeated draw gets a
  ``~2``, ``~3``... suffix).
- ``dates``: a strategy of event dates (default
  [`event_dates`][practicemodel.strategies.event_dates], 2010–2040); date orders are met
  by sorting draws, never by filtering.
- ``birth_dates``: a strategy of birth dates (default
  [`birth_dates`][practicemodel.strategies.birth_dates], 1950–2009). In a drawn case,
  event dates earlier than the latest birth date are moved up to it, so the birth-date
  rules hold whatever strategies are given.
- ``person_ids``, ``child_ids``, ``staff_ids``, ``objective_ids``...: strategies of the ids
  a record refers to (default: arbitrary identifiers).

Once hypothesis is installed, its entry point registers these strategies for the model's
types (``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so ``st.from_type(Case)``
and ``st.builds(f)`` with a ``Case`` parameter just work. For example::

    from hypothesis import given
    from practicemodel.strategies import cases
    from practicemodel.serialization import dump_case, load_case

    @given(cases())
    def test_round_trip(case):
        assert load_case(dump_case(case)) == case
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import hypothesis.strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from practicemodel.assessment import (
    ContributingFactor,
    InstrumentAssessment,
    ItemScore,
    Need,
    PersonStrengthsNeeds,
    RiskAssessment,
    RiskLevel,
    SafetyAssessment,
    SafetyDecision,
    SafetyPlan,
    Strength,
    StrengthsNeedsAssessment,
)
from practicemodel.case import Case, CaseType, Household
from practicemodel.caseplan import (
    AchievementStatus,
    AftercarePlan,
    CaseManagementService,
    CasePlan,
    ClientResponsibility,
    ClosureCategory,
    ClosureCriterion,
    ConcurrentStep,
    ContactScheduleEntry,
    CriterionStatus,
    Frequency,
    IndependentLivingService,
    LegalRequirements,
    ObjectiveLifecycle,
    OutOfHomeDetails,
    ParentInput,
    Participation,
    PermanencyGoal,
    PlanKind,
    PlanParticipant,
    PlanUpdateReport,
    ServiceObjective,
    Supervision,
    TransitionPlan,
    VisitationArrangement,
    VisitorKind,
)
from practicemodel.connections import (
    Connection,
    ConnectionKind,
    FamilySide,
    IcwaInquiry,
    RelativeSearch,
)
from practicemodel.court import (
    FindingKind,
    Hearing,
    HearingKind,
    JudicialFinding,
    TprException,
    TprExceptionKind,
    TprOrder,
    TprPetition,
)
from practicemodel.intake import MaltreatmentReport
from practicemodel.involvement import (
    EngagementOutcome,
    InvolvementActivity,
    InvolvementEvent,
    InvolvementSetting,
)
from practicemodel.people import (
    DiligentSearch,
    FosterHome,
    ParentalRights,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    SearchOutcome,
    Sex,
    StaffMember,
    StaffRole,
    TribalAffiliation,
)
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE, Period, PeriodUnit
from practicemodel.placement import (
    ExitReason,
    MoveReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.staffing import StaffingTopic, SupervisoryStaffing
from practicemodel.units import QuantityKind
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactMode,
    ContactTopic,
    FamilyVisit,
    FamilyVisitStatus,
)
from practicemodel.wellbeing import Screening, WellBeingArea, WellBeingNeed

if TYPE_CHECKING:
    from practicemodel.units import Quantity

__all__ = [
    "aftercare_plans",
    "birth_dates",
    "case_management_services",
    "case_plans",
    "cases",
    "caseworker_contacts",
    "client_responsibilities",
    "closure_criteria",
    "concurrent_steps",
    "connections",
    "contact_schedule_entries",
    "contributing_factors",
    "diligent_searches",
    "event_dates",
    "family_visits",
    "foster_homes",
    "frequencies",
    "hearings",
    "households",
    "icwa_inquiries",
    "identifiers",
    "independent_living_services",
    "instrument_assessments",
    "involvement_events",
    "item_scores",
    "judicial_findings",
    "legal_requirements",
    "maltreatment_reports",
    "model_strategies",
    "needs",
    "out_of_home_details",
    "parent_inputs",
    "parental_rights",
    "people",
    "periods",
    "person_strengths_needs",
    "placements",
    "plan_participants",
    "plan_update_reports",
    "quantities",
    "relationships",
    "relative_searches",
    "removal_episodes",
    "risk_assessments",
    "safety_assessments",
    "safety_plans",
    "screenings",
    "service_objectives",
    "services",
    "staff_members",
    "strengths",
    "strengths_needs_assessments",
    "supervisory_staffings",
    "tpr_exceptions",
    "tpr_orders",
    "tpr_petitions",
    "transition_plans",
    "tribal_affiliations",
    "visitation_arrangements",
    "well_being_needs",
]

T = TypeVar("T")
E = TypeVar("E", bound=Enum)

BIRTH_MIN = date(1950, 1, 1)
"""Earliest birth date drawn by default."""
BIRTH_MAX = date(2009, 12, 31)
"""Latest birth date drawn by default (every default event date is later)."""
EVENT_MIN = date(2010, 1, 1)
"""Earliest event date drawn by default."""
EVENT_MAX = date(2040, 12, 31)
"""Latest event date drawn by default."""

_MAX = 3
"""Largest size of a drawn collection (small, so that whole cases stay fast to draw)."""
_NESTED_MAX = 2
"""Largest size of a collection nested inside another drawn record."""
_SOON_DAYS = 7
"""Most days after a report's receipt of a response drawn close to it (the default
response time frames are 1, 3 and 5 days)."""

_DURATION_UNITS = ("minute", "hour")
_DOSAGE_UNITS = ("hour / week", "hour / month", "session / week", "session / month")

# Letters, digits, punctuation and symbols: never white space, never a surrogate.
_ID_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S"))
# Text and names: any character a single-line value of a record may hold (every string field
# accepts it): no control character, no line or paragraph separator, no lone surrogate.
_TEXT_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))


def _not_blank(text: str) -> bool:
    return bool(text.strip())


# Built once: building strategies (above all filtered ones) in every draw is slow.
_BOOLEANS = st.booleans()
_OPT_BOOLEANS = st.none() | st.booleans()
_IDENTIFIERS = st.text(_ID_ALPHABET, min_size=1, max_size=8).filter(_not_blank)
_TEXT = st.text(_TEXT_ALPHABET, max_size=12)
_TEXT_LISTS = st.lists(st.text(_TEXT_ALPHABET, max_size=8), max_size=2)
_NAMES = st.text(_TEXT_ALPHABET, min_size=1, max_size=12).filter(_not_blank)
_SOON = st.integers(0, _SOON_DAYS)
# Response priority codes: mostly those of the default policy profile, sometimes any code.
_PRIORITIES = st.sampled_from(("1", "2", "3")) | _IDENTIFIERS
_ALLEGATIONS = st.none() | st.sampled_from(
    ("neglect", "physical_abuse", "sexual_abuse", "emotional_abuse")) | _NAMES
_RELATIVE_COUNTS = st.lists(st.integers(0, 12), min_size=3, max_size=3).map(sorted)
_ENUMS: dict[type[Enum], SearchStrategy[Any]] = {}


def _members(cls: type[E]) -> SearchStrategy[E]:
    """Return ``st.sampled_from(cls)``, built once per enum."""
    strategy = _ENUMS.get(cls)
    if strategy is None:
        strategy = _ENUMS[cls] = st.sampled_from(list(cls))
    return strategy


# -- argument handling ----------------------------------------------------------------------


def _check_strategy(value: object, name: str) -> None:
    if not isinstance(value, SearchStrategy):
        raise InvalidArgument(
            f"{name}={value!r} must be a hypothesis strategy "
            "(to always use one value, pass st.just(value))"
        )


def _arg(
    value: SearchStrategy[T] | None, name: str, default: Callable[[], SearchStrategy[T]]
) -> SearchStrategy[T]:
    """Return the strategy argument ``value``, or ``default()`` when it is ``None``."""
    if value is None:
        return default()
    _check_strategy(value, name)
    return value


def _ids_arg(value: SearchStrategy[str] | None, name: str) -> SearchStrategy[str]:
    return _arg(value, name, identifiers)


def _dates_arg(value: SearchStrategy[date] | None, name: str = "dates") -> SearchStrategy[date]:
    return _arg(value, name, event_dates)


def _checked_id(value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"the {name} strategy drew {value!r}; expected a non-empty string")
    return value


def _checked_date(value: object, name: str) -> date:
    if type(value) is not date:
        raise InvalidArgument(f"the {name} strategy drew {value!r}; expected a datetime.date")
    return value


def _checked_member(value: object, cls: type[E], name: str) -> E:
    if not isinstance(value, cls):
        raise InvalidArgument(
            f"the {name} strategy drew {value!r}; expected a member of {cls.__name__}"
        )
    return value


# -- drawing context ------------------------------------------------------------------------


class _Ctx:
    """What one drawn object is built from: the draw function, ids used so far, date floor."""

    __slots__ = ("_dates", "_ids", "draw", "floor", "used")

    def __init__(self, draw: DrawFn, ids: SearchStrategy[str], dates: SearchStrategy[date]) -> None:
        self.draw = draw
        self._ids = ids
        self._dates = dates
        self.used: set[str] = set()
        self.floor: date | None = None

    def new_id(self) -> str:
        """Draw an id not used before in this object."""
        base = _checked_id(self.draw(self._ids), "ids")
        ident, n = base, 1
        while ident in self.used:
            n += 1
            ident = f"{base}~{n}"
        self.used.add(ident)
        return ident

    def day(self) -> date:
        """Draw an event date (moved up to the floor, if there is one)."""
        value = _checked_date(self.draw(self._dates), "dates")
        if self.floor is not None and value < self.floor:
            return self.floor
        return value

    def later(self, anchor: date) -> date:
        """Draw an event date on or after ``anchor``."""
        return max(anchor, self.day())

    def soon(self, anchor: date) -> date:
        """Draw a date on or after ``anchor``: half the time at most ``_SOON_DAYS`` days after
        it (so that short time frames are both met and missed), else any later event date."""
        if not self.flag():
            return self.later(anchor)
        if anchor >= LATEST_DATE:
            return anchor
        return min(anchor + timedelta(days=self.draw(_SOON)), LATEST_DATE)

    def ordered(self, n: int) -> list[date]:
        """Draw ``n`` event dates in ascending order."""
        return sorted(self.day() for _ in range(n))

    def span(self) -> tuple[date | None, date | None]:
        """Draw an optional start and an optional end, the end not before the start."""
        start = self.day() if self.flag() else None
        if not self.flag():
            return start, None
        return start, (self.day() if start is None else self.later(start))

    def flag(self) -> bool:
        return self.draw(_BOOLEANS)

    def count(self, max_size: int = _MAX, min_size: int = 0) -> int:
        return self.draw(st.integers(min_size, max_size))

    def maybe(self, build: Callable[[], T]) -> T | None:
        """Build a value or return ``None``."""
        return build() if self.flag() else None

    def many(self, build: Callable[[], T], *, min_size: int = 0,
             max_size: int = _NESTED_MAX) -> tuple[T, ...]:
        return tuple(build() for _ in range(self.count(max_size, min_size)))

    def enum(self, cls: type[E]) -> E:
        return self.draw(_members(cls))

    def opt_enum(self, cls: type[E]) -> E | None:
        return self.enum(cls) if self.flag() else None

    def member(self, strategy: SearchStrategy[E], cls: type[E], name: str) -> E:
        return _checked_member(self.draw(strategy), cls, name)

    def opt_bool(self) -> bool | None:
        return self.draw(_OPT_BOOLEANS)

    def text(self) -> str:
        """Draw free text (possibly empty)."""
        return self.draw(_TEXT)

    def opt_text(self) -> str | None:
        return self.text() if self.flag() else None

    def texts(self) -> tuple[str, ...]:
        return tuple(self.draw(_TEXT_LISTS))

    def name(self) -> str:
        """Draw text that is not empty or only white space."""
        return self.draw(_NAMES)

    def one(self, pool: SearchStrategy[str] | None, name: str) -> str:
        """Draw one referenced id from ``pool``."""
        if pool is None:  # pragma: no cover - callers only pass None for optional references
            raise InvalidArgument(f"no {name} to refer to")
        return _checked_id(self.draw(pool), name)

    def opt_one(self, pool: SearchStrategy[str] | None, name: str) -> str | None:
        if pool is None or not self.flag():
            return None
        return self.one(pool, name)

    def some(self, pool: SearchStrategy[str] | None, name: str, *, min_size: int = 0,
             max_size: int = _NESTED_MAX) -> tuple[str, ...]:
        """Draw distinct referenced ids from ``pool`` (none if ``pool`` is ``None``)."""
        if pool is None:
            return ()
        drawn = self.draw(st.lists(pool, unique=True, min_size=min_size, max_size=max_size))
        return tuple(_checked_id(ident, name) for ident in drawn)


def _records(name: str, build: Callable[[_Ctx], T], ids: SearchStrategy[str],
             dates: SearchStrategy[date]) -> SearchStrategy[T]:
    """Return a strategy drawing ``build(context)``, shown as ``name()`` in reprs."""

    def strategy(draw: DrawFn) -> T:
        return build(_Ctx(draw, ids, dates))

    strategy.__name__ = strategy.__qualname__ = name
    return st.composite(strategy)()


def _pool(values: Sequence[str]) -> SearchStrategy[str] | None:
    return st.sampled_from(tuple(values)) if values else None


def _union(*pools: SearchStrategy[str] | None) -> SearchStrategy[str] | None:
    present = [p for p in pools if p is not None]
    return st.one_of(present) if present else None


# -- scalars --------------------------------------------------------------------------------


def identifiers() -> SearchStrategy[str]:
    """Return a strategy for ids: short strings of letters, digits, punctuation and symbols."""
    return _IDENTIFIERS


def _date_bounds(name: str, low: date, high: date) -> SearchStrategy[date]:
    for which, value in (("min_value", low), ("max_value", high)):
        if type(value) is not date or not EARLIEST_DATE <= value <= LATEST_DATE:
            raise InvalidArgument(f"{name}({which}={value!r}): expected a datetime.date from "
                                  f"{EARLIEST_DATE} to {LATEST_DATE}, the supported range")
    if low > high:
        raise InvalidArgument(f"{name}(min_value={low}, max_value={high}): min_value is after "
                              "max_value")
    return st.dates(low, high)


def birth_dates(*, min_value: date = BIRTH_MIN, max_value: date = BIRTH_MAX,
                ) -> SearchStrategy[date]:
    """Return a strategy for birth dates, by default 1950-01-01 to 2009-12-31.

    ``min_value`` and ``max_value`` may move the range anywhere inside the library's supported
    dates ([`EARLIEST_DATE`][practicemodel.periods.EARLIEST_DATE] to
    [`LATEST_DATE`][practicemodel.periods.LATEST_DATE]), e.g. to test rules near its ends.
    """
    return _date_bounds("birth_dates", min_value, max_value)


def event_dates(*, min_value: date = EVENT_MIN, max_value: date = EVENT_MAX,
                ) -> SearchStrategy[date]:
    """Return a strategy for event dates, by default 2010-01-01 to 2040-12-31 (after every
    default birth).

    ``min_value`` and ``max_value`` may move the range anywhere inside the library's supported
    dates, e.g. ``event_dates(min_value=date(2190, 1, 1), max_value=LATEST_DATE)``.
    """
    return _date_bounds("event_dates", min_value, max_value)


def _default_magnitudes(high: int) -> SearchStrategy[float]:
    return st.integers(1, high) | st.floats(0.25, high, allow_nan=False, allow_infinity=False)


def quantities(
    *, kind: QuantityKind = "duration", magnitudes: SearchStrategy[float] | None = None
) -> SearchStrategy[Quantity]:
    """Return a strategy for pint quantities of ``kind`` from ``practicemodel.units``.

    A ``"duration"`` is in minutes or hours; a ``"dosage"`` in hours or sessions per week or
    month. ``magnitudes`` draws the numbers (default: positive ints and finite floats inside
    the ranges a record allows, see [`practicemodel.units`][practicemodel.units]).
    """
    if kind not in ("duration", "dosage"):
        raise InvalidArgument(f"kind={kind!r} must be 'duration' or 'dosage'")
    # Inside the ranges a record allows: 480 minutes or hours is within 31 days; 160 hours or
    # sessions a week or a month is within 24 a day.
    high = 480 if kind == "duration" else 160
    values = _arg(magnitudes, "magnitudes", lambda: _default_magnitudes(high))
    units = _DURATION_UNITS if kind == "duration" else _DOSAGE_UNITS

    def build(pair: tuple[float, str]) -> Quantity:
        from practicemodel.units import quantity

        value, unit = pair
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidArgument(f"the magnitudes strategy drew {value!r}; expected a number")
        return quantity(value, unit)

    return st.tuples(values, st.sampled_from(units)).map(build)


def _default_counts() -> SearchStrategy[int]:
    return st.integers(0, 60)


def periods(
    *, counts: SearchStrategy[int] | None = None, units: SearchStrategy[PeriodUnit] | None = None
) -> SearchStrategy[Period]:
    """Return a strategy for calendar [`Period`][practicemodel.periods.Period]s.

    ``counts`` draws the whole number of units (default 0 to 60); ``units`` the unit.
    """
    count_values = _arg(counts, "counts", _default_counts)
    unit_values = _arg(units, "units", lambda: st.sampled_from(PeriodUnit))

    def build(pair: tuple[int, PeriodUnit]) -> Period:
        count, unit = pair
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidArgument(f"the counts strategy drew {count!r}; expected an int >= 0")
        return Period(count, _checked_member(unit, PeriodUnit, "units"))

    return st.tuples(count_values, unit_values).map(build)


def _default_frequency_periods() -> SearchStrategy[Period]:
    return periods(counts=st.integers(1, 12))


def frequencies(*, periods: SearchStrategy[Period] | None = None) -> SearchStrategy[Frequency]:
    """Return a strategy for planned [`Frequency`][practicemodel.caseplan.Frequency]s.

    ``periods`` draws the ``per`` period (default: 1 to 12 days, weeks, months or years).
    """
    pers = _arg(periods, "periods", _default_frequency_periods)

    def build(pair: tuple[int, Period]) -> Frequency:
        times, per = pair
        if not isinstance(per, Period):
            raise InvalidArgument(f"the periods strategy drew {per!r}; expected a Period")
        return Frequency(times=times, per=per)

    return st.tuples(st.integers(1, 7), pers).map(build)


@cache
def _cached(name: str) -> SearchStrategy[Any]:
    """Return a default strategy used inside draws, built once."""
    builders: dict[str, Callable[[], SearchStrategy[Any]]] = {
        "frequencies": frequencies,
        "periods": periods,
        "durations": lambda: quantities(kind="duration"),
        "dosages": lambda: quantities(kind="dosage"),
        "foster_homes": foster_homes,
        "activities": lambda: st.lists(_members(InvolvementActivity), unique=True, min_size=1),
        "contact_topics": lambda: st.lists(_members(ContactTopic), unique=True, max_size=3),
        "staffing_topics": lambda: st.lists(_members(StaffingTopic), unique=True, max_size=3),
    }
    return builders[name]()


def _frequency(c: _Ctx) -> Frequency:
    result: Frequency = c.draw(_cached("frequencies"))
    return result


def _item_score(c: _Ctx) -> ItemScore:
    return ItemScore(item=c.name(), score=c.draw(_scores()))


@cache
def _scores() -> SearchStrategy[float]:
    return st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


def item_scores() -> SearchStrategy[ItemScore]:
    """Return a strategy for instrument [`ItemScore`][practicemodel.assessment.ItemScore]s."""
    return _records("item_scores", _item_score, identifiers(), event_dates())


# -- people ---------------------------------------------------------------------------------


def _diligent_search(c: _Ctx, birth: date | None = None) -> DiligentSearch:
    when = c.day() if birth is None else c.later(birth)
    return DiligentSearch(completed_on=when, outcome=c.enum(SearchOutcome), notes=c.opt_text())


def diligent_searches(
    *, dates: SearchStrategy[date] | None = None
) -> SearchStrategy[DiligentSearch]:
    """Return a strategy for [`DiligentSearch`][practicemodel.people.DiligentSearch] records."""
    return _records("diligent_searches", _diligent_search, identifiers(), _dates_arg(dates))


def _tribal_affiliation(c: _Ctx) -> TribalAffiliation:
    return TribalAffiliation(
        tribe=c.name(),
        enrolled=c.opt_bool(),
        eligible_for_membership=c.opt_bool(),
        tribe_notified_on=c.maybe(c.day),
    )


def tribal_affiliations(
    *, dates: SearchStrategy[date] | None = None
) -> SearchStrategy[TribalAffiliation]:
    """Return a strategy for [`TribalAffiliation`][practicemodel.people.TribalAffiliation]s."""
    return _records("tribal_affiliations", _tribal_affiliation, identifiers(), _dates_arg(dates))


def _person(c: _Ctx, birth: date | None) -> Person:
    return Person(
        id=c.new_id(),
        name=c.name(),
        birth_date=birth,
        sex=c.opt_enum(Sex),
        gender=c.opt_text(),
        tribal_affiliation=c.maybe(lambda: _tribal_affiliation(c)),
        whereabouts_known=c.flag(),
        diligent_searches=c.many(lambda: _diligent_search(c, birth)),
        deceased_on=c.maybe(lambda: c.day() if birth is None else c.later(birth)),
    )


def _draw_birth(c: _Ctx, births: SearchStrategy[date]) -> date | None:
    if not c.flag():
        return None
    return _checked_date(c.draw(births), "birth_dates")


def people(
    *,
    ids: SearchStrategy[str] | None = None,
    birth_dates: SearchStrategy[date] | None = None,
    dates: SearchStrategy[date] | None = None,
) -> SearchStrategy[Person]:
    """Return a strategy for [`Person`][practicemodel.people.Person]s.

    ``birth_dates`` draws birth dates (sometimes left unknown); ``dates`` the dates of
    diligent searches and death, which are moved up to the birth date if drawn earlier.
    """
    births = _arg(birth_dates, "birth_dates", _default_birth_dates)
    return _records(
        "people",
        lambda c: _person(c, _draw_birth(c, births)),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _default_birth_dates() -> SearchStrategy[date]:
    return birth_dates()


def _staff_member(c: _Ctx, roles: SearchStrategy[StaffRole]) -> StaffMember:
    return StaffMember(id=c.new_id(), name=c.name(), role=c.member(roles, StaffRole, "roles"))


def staff_members(
    *, ids: SearchStrategy[str] | None = None, roles: SearchStrategy[StaffRole] | None = None
) -> SearchStrategy[StaffMember]:
    """Return a strategy for [`StaffMember`][practicemodel.people.StaffMember]s.

    ``roles`` draws the role (default: any [`StaffRole`][practicemodel.people.StaffRole]).
    """
    role_values = _arg(roles, "roles", lambda: st.sampled_from(StaffRole))
    return _records(
        "staff_members",
        lambda c: _staff_member(c, role_values),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _parental_rights(c: _Ctx) -> ParentalRights:
    return ParentalRights(terminated_on=c.day(), continued_involvement_reason=c.opt_text())


def parental_rights(*, dates: SearchStrategy[date] | None = None) -> SearchStrategy[ParentalRights]:
    """Return a strategy for [`ParentalRights`][practicemodel.people.ParentalRights] records."""
    return _records("parental_rights", _parental_rights, identifiers(), _dates_arg(dates))


def foster_homes() -> SearchStrategy[FosterHome]:
    """Return a strategy for [`FosterHome`][practicemodel.people.FosterHome] facts."""
    return st.builds(FosterHome, related=st.booleans(), licensed=st.booleans(),
                     pre_adoptive=st.booleans())


def _relationship(c: _Ctx, adults: SearchStrategy[str], children: SearchStrategy[str],
                  kinds: SearchStrategy[RelationshipKind]) -> Relationship:
    child = c.one(children, "child_ids")
    adult = c.one(adults.filter(lambda ident: ident != child), "adult_ids")
    kind = c.member(kinds, RelationshipKind, "kinds")
    start, end = c.span()
    return Relationship(
        adult_id=adult,
        child_id=child,
        kind=kind,
        parent_role=c.opt_enum(ParentRole),
        lives_with_child=c.flag(),
        primary_caregiver=c.flag(),
        removed_from=c.flag(),
        wishes_to_be_involved=c.opt_bool(),
        adoption_finalized=c.opt_bool() if kind is RelationshipKind.ADOPTIVE_PARENT else None,
        foster_home=(
            c.draw(_cached("foster_homes")) if kind is RelationshipKind.FOSTER_PARENT else None
        ),
        parental_rights=c.maybe(lambda: _parental_rights(c)),
        start=start,
        end=end,
    )


def relationships(
    *,
    adult_ids: SearchStrategy[str] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    kinds: SearchStrategy[RelationshipKind] | None = None,
    dates: SearchStrategy[date] | None = None,
) -> SearchStrategy[Relationship]:
    """Return a strategy for [`Relationship`][practicemodel.people.Relationship]s.

    The adult always differs from the child; ``foster_home`` is given exactly for foster
    parents and ``adoption_finalized`` only for adoptive parents.
    """
    adults = _ids_arg(adult_ids, "adult_ids")
    children = _ids_arg(child_ids, "child_ids")
    kind_values = _arg(kinds, "kinds", lambda: st.sampled_from(RelationshipKind))
    return _records(
        "relationships",
        lambda c: _relationship(c, adults, children, kind_values),
        identifiers(),
        _dates_arg(dates),
    )


# -- placement ------------------------------------------------------------------------------


def _placement(c: _Ctx, caregivers: SearchStrategy[str] | None, start: date,
               end: date | None) -> Placement:
    setting = c.enum(PlacementSetting)
    return Placement(
        id=c.new_id(),
        setting=setting,
        start=start,
        end=end,
        caregiver_ids=c.some(caregivers, "caregiver_ids"),
        provider=c.opt_text(),
        court_ordered_extension=setting is PlacementSetting.TRIAL_HOME_VISIT and c.flag(),
        move_reason=c.opt_enum(MoveReason),
        temporary=c.flag(),
        at_risk=c.flag(),
        near_home=c.opt_bool(),
        sibling_separation_reason=c.opt_text(),
        icwa_preferences_met=c.opt_bool(),
    )


def placements(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    caregiver_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Placement]:
    """Return a strategy for [`Placement`][practicemodel.placement.Placement]s.

    The end, when given, is not before the start. The CFSR facts (``move_reason``,
    ``temporary``, ``at_risk``, ``near_home``, ``sibling_separation_reason``,
    ``icwa_preferences_met``) are drawn independently, each sometimes left unrecorded.
    """
    caregivers = _ids_arg(caregiver_ids, "caregiver_ids")

    def build(c: _Ctx) -> Placement:
        start = c.day()
        return _placement(c, caregivers, start, c.maybe(lambda: c.later(start)))

    return _records("placements", build, _ids_arg(ids, "ids"), _dates_arg(dates))


def _removal_episode(c: _Ctx, children: SearchStrategy[str],
                     persons: SearchStrategy[str] | None) -> RemovalEpisode:
    ident = c.new_id()
    count = c.count(_NESTED_MAX)
    exited = c.flag()
    days = c.ordered(1 + 2 * count + (1 if exited else 0))
    removed_on = days[0]
    episode_placements = []
    for i in range(count):
        start, end = days[1 + 2 * i], days[2 + 2 * i]
        last_open = i == count - 1 and not exited and c.flag()
        episode_placements.append(_placement(c, persons, start, None if last_open else end))
    return RemovalEpisode(
        id=ident,
        child_id=c.one(children, "child_ids"),
        removed_on=removed_on,
        manner=c.enum(RemovalManner),
        removed_from_ids=c.some(persons, "person_ids"),
        first_abuse_neglect_finding_on=c.maybe(lambda: c.later(removed_on)),
        placements=episode_placements,
        exit_on=days[-1] if exited else None,
        exit_reason=c.enum(ExitReason) if exited else None,
    )


def removal_episodes(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[RemovalEpisode]:
    """Return a strategy for [`RemovalEpisode`][practicemodel.placement.RemovalEpisode]s.

    Placements lie inside the episode in date order without overlap (only the last may be
    open, and only while the child is in care); ``exit_reason`` is given exactly with
    ``exit_on``. ``person_ids`` draws the caregivers removed from and placed with.
    """
    children = _ids_arg(child_ids, "child_ids")
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "removal_episodes",
        lambda c: _removal_episode(c, children, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- court ----------------------------------------------------------------------------------


def _hearing(c: _Ctx, children: SearchStrategy[str]) -> Hearing:
    return Hearing(
        id=c.new_id(),
        kind=c.enum(HearingKind),
        held_on=c.day(),
        child_ids=c.some(children, "child_ids", min_size=1),
        administrative=c.flag(),
    )


def hearings(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Hearing]:
    """Return a strategy for court [`Hearing`][practicemodel.court.Hearing]s."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "hearings",
        lambda c: _hearing(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _judicial_finding(c: _Ctx, children: SearchStrategy[str],
                      hearing_pool: SearchStrategy[str] | None) -> JudicialFinding:
    return JudicialFinding(
        id=c.new_id(),
        kind=c.enum(FindingKind),
        made_on=c.day(),
        child_id=c.one(children, "child_ids"),
        affirmed=c.flag(),
        hearing_id=c.opt_one(hearing_pool, "hearing_ids"),
    )


def judicial_findings(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    hearing_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[JudicialFinding]:
    """Return a strategy for [`JudicialFinding`][practicemodel.court.JudicialFinding]s."""
    children = _ids_arg(child_ids, "child_ids")
    hearing_pool = _ids_arg(hearing_ids, "hearing_ids")
    return _records(
        "judicial_findings",
        lambda c: _judicial_finding(c, children, hearing_pool),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _tpr_petition(c: _Ctx, children: SearchStrategy[str],
                  parents: SearchStrategy[str] | None) -> TprPetition:
    return TprPetition(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        parent_ids=c.some(parents, "parent_ids"),
        filed_on=c.day(),
    )


def tpr_petitions(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    parent_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[TprPetition]:
    """Return a strategy for [`TprPetition`][practicemodel.court.TprPetition]s."""
    children = _ids_arg(child_ids, "child_ids")
    parents = _ids_arg(parent_ids, "parent_ids")
    return _records(
        "tpr_petitions",
        lambda c: _tpr_petition(c, children, parents),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _tpr_order(c: _Ctx, children: SearchStrategy[str], parents: SearchStrategy[str]) -> TprOrder:
    return TprOrder(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        parent_id=c.one(parents, "parent_ids"),
        ordered_on=c.day(),
    )


def tpr_orders(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    parent_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[TprOrder]:
    """Return a strategy for [`TprOrder`][practicemodel.court.TprOrder]s."""
    children = _ids_arg(child_ids, "child_ids")
    parents = _ids_arg(parent_ids, "parent_ids")
    return _records(
        "tpr_orders",
        lambda c: _tpr_order(c, children, parents),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _tpr_exception(c: _Ctx, children: SearchStrategy[str]) -> TprException:
    return TprException(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        kind=c.enum(TprExceptionKind),
        documented_on=c.day(),
        reason=c.opt_text(),
    )


def tpr_exceptions(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[TprException]:
    """Return a strategy for [`TprException`][practicemodel.court.TprException]s."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "tpr_exceptions",
        lambda c: _tpr_exception(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- assessment -----------------------------------------------------------------------------


def _safety_plan(c: _Ctx, persons: SearchStrategy[str] | None, start: date) -> SafetyPlan:
    return SafetyPlan(
        id=c.new_id(),
        start=start,
        end=c.maybe(lambda: c.later(start)),
        provisions=c.texts(),
        responsible_ids=c.some(persons, "person_ids"),
    )


def safety_plans(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[SafetyPlan]:
    """Return a strategy for [`SafetyPlan`][practicemodel.assessment.SafetyPlan]s.

    The end, when given, is not before the start.
    """
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "safety_plans",
        lambda c: _safety_plan(c, persons, c.day()),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _safety_assessment(c: _Ctx, children: SearchStrategy[str],
                       persons: SearchStrategy[str] | None) -> SafetyAssessment:
    ident = c.new_id()
    completed_on = c.day()
    decision = c.enum(SafetyDecision)
    needs_plan = decision is SafetyDecision.CONDITIONALLY_SAFE
    plan = (_safety_plan(c, persons, c.later(completed_on)) if needs_plan or c.flag() else None)
    return SafetyAssessment(
        id=ident,
        completed_on=completed_on,
        child_ids=c.some(children, "child_ids", min_size=1),
        decision=decision,
        safety_plan=plan,
    )


def safety_assessments(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[SafetyAssessment]:
    """Return a strategy for [`SafetyAssessment`][practicemodel.assessment.SafetyAssessment]s.

    A ``conditionally_safe`` decision always has a safety plan, starting on or after the
    assessment.
    """
    children = _ids_arg(child_ids, "child_ids")
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "safety_assessments",
        lambda c: _safety_assessment(c, children, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _risk_assessment(c: _Ctx) -> RiskAssessment:
    return RiskAssessment(id=c.new_id(), completed_on=c.day(), level=c.enum(RiskLevel),
                          instrument=c.opt_text())


def risk_assessments(
    *, ids: SearchStrategy[str] | None = None, dates: SearchStrategy[date] | None = None
) -> SearchStrategy[RiskAssessment]:
    """Return a strategy for [`RiskAssessment`][practicemodel.assessment.RiskAssessment]s."""
    return _records("risk_assessments", _risk_assessment, _ids_arg(ids, "ids"), _dates_arg(dates))


def _strength(c: _Ctx) -> Strength:
    return Strength(id=c.new_id(), description=c.name())


def strengths(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Strength]:
    """Return a strategy for [`Strength`][practicemodel.assessment.Strength]s."""
    return _records("strengths", _strength, _ids_arg(ids, "ids"), event_dates())


def _need(c: _Ctx) -> Need:
    return Need(id=c.new_id(), description=c.name(), domain=c.opt_text(), priority=c.flag())


def needs(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[Need]:
    """Return a strategy for [`Need`][practicemodel.assessment.Need]s."""
    return _records("needs", _need, _ids_arg(ids, "ids"), event_dates())


def _person_strengths_needs(c: _Ctx, persons: SearchStrategy[str]) -> PersonStrengthsNeeds:
    return PersonStrengthsNeeds(
        person_id=c.one(persons, "person_ids"),
        strengths=c.many(lambda: _strength(c)),
        needs=c.many(lambda: _need(c)),
    )


def person_strengths_needs(
    *, ids: SearchStrategy[str] | None = None, person_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[PersonStrengthsNeeds]:
    """Return a strategy for one person's strengths and needs.

    ``ids`` draws the ids of the strengths and needs.
    """
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "person_strengths_needs",
        lambda c: _person_strengths_needs(c, persons),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _contributing_factor(c: _Ctx, persons: SearchStrategy[str] | None) -> ContributingFactor:
    return ContributingFactor(
        id=c.new_id(),
        description=c.name(),
        person_ids=c.some(persons, "person_ids"),
        underlying=c.flag(),
    )


def contributing_factors(
    *, ids: SearchStrategy[str] | None = None, person_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[ContributingFactor]:
    """Return a strategy for contributing factors (what put the child at risk)."""
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "contributing_factors",
        lambda c: _contributing_factor(c, persons),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _strengths_needs_assessment(c: _Ctx, persons: SearchStrategy[str] | None,
                                ) -> StrengthsNeedsAssessment:
    return StrengthsNeedsAssessment(
        id=c.new_id(),
        completed_on=c.day(),
        people=() if persons is None else c.many(lambda: _person_strengths_needs(c, persons)),
        contributing_factors=c.many(lambda: _contributing_factor(c, persons)),
        family_strengths=c.many(lambda: _strength(c)),
        instrument=c.opt_text(),
    )


def strengths_needs_assessments(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[StrengthsNeedsAssessment]:
    """Return a strategy for family strengths and needs assessments.

    Every id in a drawn assessment (its own, its strengths', needs' and factors') is distinct.
    """
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "strengths_needs_assessments",
        lambda c: _strengths_needs_assessment(c, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _instrument_assessment(c: _Ctx, persons: SearchStrategy[str] | None) -> InstrumentAssessment:
    return InstrumentAssessment(
        id=c.new_id(),
        instrument=c.name(),
        completed_on=c.day(),
        person_id=c.opt_one(persons, "person_ids"),
        scores=c.many(lambda: _item_score(c)),
        total=c.maybe(lambda: c.draw(_scores())),
    )


def instrument_assessments(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[InstrumentAssessment]:
    """Return a strategy for assessments with other named instruments, with item scores."""
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "instrument_assessments",
        lambda c: _instrument_assessment(c, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- case plan ------------------------------------------------------------------------------


def _plan_participant(c: _Ctx, persons: SearchStrategy[str]) -> PlanParticipant:
    participation = c.enum(Participation)
    absent = participation is Participation.DID_NOT_PARTICIPATE
    return PlanParticipant(
        person_id=c.one(persons, "person_ids"),
        participation=participation,
        reason_not_participating=c.name() if absent else c.opt_text(),
        signed=c.flag(),
    )


def plan_participants(
    *, person_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[PlanParticipant]:
    """Return a strategy for [`PlanParticipant`][practicemodel.caseplan.PlanParticipant]s.

    ``did_not_participate`` always comes with a non-blank reason.
    """
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "plan_participants",
        lambda c: _plan_participant(c, persons),
        identifiers(),
        event_dates(),
    )


def _service_objective(c: _Ctx, persons: SearchStrategy[str] | None,
                       addressable: SearchStrategy[str] | None) -> ServiceObjective:
    return ServiceObjective(
        id=c.new_id(),
        statement=c.name(),
        person_ids=c.some(persons, "person_ids"),
        behavior=c.opt_text(),
        measure=c.opt_text(),
        due_on=c.maybe(c.day),
        timeframe=c.maybe(lambda: c.draw(_cached("periods"))),
        addresses_ids=c.some(addressable, "addresses_ids"),
        lifecycle=c.enum(ObjectiveLifecycle),
        achievement=c.opt_enum(AchievementStatus),
        achieved_on=c.maybe(c.day),
    )


def service_objectives(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    addresses_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[ServiceObjective]:
    """Return a strategy for [`ServiceObjective`][practicemodel.caseplan.ServiceObjective]s.

    ``addresses_ids`` draws the ids of the contributing factors or needs addressed.
    """
    persons = _ids_arg(person_ids, "person_ids")
    addressable = _ids_arg(addresses_ids, "addresses_ids")
    return _records(
        "service_objectives",
        lambda c: _service_objective(c, persons, addressable),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _client_responsibility(c: _Ctx, persons: SearchStrategy[str] | None,
                           objectives: SearchStrategy[str] | None) -> ClientResponsibility:
    return ClientResponsibility(
        id=c.new_id(),
        description=c.name(),
        person_ids=c.some(persons, "person_ids"),
        objective_ids=c.some(objectives, "objective_ids"),
        frequency=c.maybe(lambda: _frequency(c)),
    )


def client_responsibilities(
    *,
    ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    objective_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[ClientResponsibility]:
    """Return a strategy for client responsibilities (planned client services)."""
    persons = _ids_arg(person_ids, "person_ids")
    objectives = _ids_arg(objective_ids, "objective_ids")
    return _records(
        "client_responsibilities",
        lambda c: _client_responsibility(c, persons, objectives),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _case_management_service(c: _Ctx,
                             objectives: SearchStrategy[str] | None) -> CaseManagementService:
    return CaseManagementService(id=c.new_id(), description=c.name(),
                                 objective_ids=c.some(objectives, "objective_ids"))


def case_management_services(
    *, ids: SearchStrategy[str] | None = None, objective_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[CaseManagementService]:
    """Return a strategy for case management services (what the agency will do)."""
    objectives = _ids_arg(objective_ids, "objective_ids")
    return _records(
        "case_management_services",
        lambda c: _case_management_service(c, objectives),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _concurrent_step(c: _Ctx) -> ConcurrentStep:
    return ConcurrentStep(id=c.new_id(), description=c.name(), due_on=c.maybe(c.day),
                          completed_on=c.maybe(c.day))


def concurrent_steps(
    *, ids: SearchStrategy[str] | None = None, dates: SearchStrategy[date] | None = None
) -> SearchStrategy[ConcurrentStep]:
    """Return a strategy for [`ConcurrentStep`][practicemodel.caseplan.ConcurrentStep]s."""
    return _records("concurrent_steps", _concurrent_step, _ids_arg(ids, "ids"), _dates_arg(dates))


def _visitation_arrangement(c: _Ctx, children: SearchStrategy[str],
                            persons: SearchStrategy[str] | None) -> VisitationArrangement:
    return VisitationArrangement(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        visitor_ids=c.some(persons, "person_ids"),
        visitor_kind=c.enum(VisitorKind),
        frequency=_frequency(c),
        supervision=c.enum(Supervision),
        setting=c.opt_text(),
        conditions=c.texts(),
        goodbye_visit_considered=c.opt_bool(),
    )


def visitation_arrangements(
    *,
    ids: SearchStrategy[str] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[VisitationArrangement]:
    """Return a strategy for planned family visitation arrangements.

    ``person_ids`` draws the visitors.
    """
    children = _ids_arg(child_ids, "child_ids")
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "visitation_arrangements",
        lambda c: _visitation_arrangement(c, children, persons),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _independent_living_service(c: _Ctx, children: SearchStrategy[str],
                                objectives: SearchStrategy[str] | None,
                                ) -> IndependentLivingService:
    return IndependentLivingService(
        id=c.new_id(),
        youth_id=c.one(children, "child_ids"),
        description=c.name(),
        objective_ids=c.some(objectives, "objective_ids"),
    )


def independent_living_services(
    *,
    ids: SearchStrategy[str] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    objective_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[IndependentLivingService]:
    """Return a strategy for independent living plan services (``child_ids`` draws the youth)."""
    children = _ids_arg(child_ids, "child_ids")
    objectives = _ids_arg(objective_ids, "objective_ids")
    return _records(
        "independent_living_services",
        lambda c: _independent_living_service(c, children, objectives),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _contact_schedule_entry(c: _Ctx, persons: SearchStrategy[str]) -> ContactScheduleEntry:
    return ContactScheduleEntry(
        person_id=c.one(persons, "person_ids"),
        frequency=_frequency(c),
        in_person=c.flag(),
        in_residence=c.opt_bool(),
    )


def contact_schedule_entries(
    *, person_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[ContactScheduleEntry]:
    """Return a strategy for entries of a plan's caseworker contact schedule."""
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "contact_schedule_entries",
        lambda c: _contact_schedule_entry(c, persons),
        identifiers(),
        event_dates(),
    )


def _closure_criterion(c: _Ctx) -> ClosureCriterion:
    return ClosureCriterion(
        id=c.new_id(),
        category=c.enum(ClosureCategory),
        description=c.name(),
        measure=c.opt_text(),
        status=c.enum(CriterionStatus),
    )


def closure_criteria(*, ids: SearchStrategy[str] | None = None) -> SearchStrategy[ClosureCriterion]:
    """Return a strategy for safe case closure criteria."""
    return _records("closure_criteria", _closure_criterion, _ids_arg(ids, "ids"), event_dates())


def _aftercare_plan(c: _Ctx) -> AftercarePlan:
    return AftercarePlan(vulnerabilities=c.texts(), strengths=c.texts(), supports=c.texts())


def aftercare_plans() -> SearchStrategy[AftercarePlan]:
    """Return a strategy for [`AftercarePlan`][practicemodel.caseplan.AftercarePlan]s."""
    return _records("aftercare_plans", _aftercare_plan, identifiers(), event_dates())


def _parent_input(c: _Ctx, persons: SearchStrategy[str]) -> ParentInput:
    return ParentInput(
        person_id=c.one(persons, "person_ids"),
        requested_services=c.texts(),
        view_of_strengths=c.opt_text(),
        view_of_needs=c.opt_text(),
    )


def parent_inputs(*, person_ids: SearchStrategy[str] | None = None) -> SearchStrategy[ParentInput]:
    """Return a strategy for [`ParentInput`][practicemodel.caseplan.ParentInput]s."""
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "parent_inputs",
        lambda c: _parent_input(c, persons),
        identifiers(),
        event_dates(),
    )


def _plan_update_report(c: _Ctx) -> PlanUpdateReport:
    return PlanUpdateReport(
        current_circumstances=c.opt_text(),
        progress_on_objectives=c.opt_text(),
        compliance_with_services=c.opt_text(),
        concurrent_planning_efforts=c.opt_text(),
    )


def plan_update_reports() -> SearchStrategy[PlanUpdateReport]:
    """Return a strategy for [`PlanUpdateReport`][practicemodel.caseplan.PlanUpdateReport]s."""
    return _records("plan_update_reports", _plan_update_report, identifiers(), event_dates())


def _out_of_home_details(c: _Ctx, children: SearchStrategy[str]) -> OutOfHomeDetails:
    return OutOfHomeDetails(
        child_id=c.one(children, "child_ids"),
        placement_needs=c.opt_text(),
        provider_contact=c.maybe(lambda: _frequency(c)),
        well_being=c.opt_text(),
        special_circumstances=c.opt_text(),
    )


def out_of_home_details(
    *, child_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[OutOfHomeDetails]:
    """Return a strategy for [`OutOfHomeDetails`][practicemodel.caseplan.OutOfHomeDetails]."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "out_of_home_details",
        lambda c: _out_of_home_details(c, children),
        identifiers(),
        event_dates(),
    )


def _legal_requirements(c: _Ctx) -> LegalRequirements:
    return LegalRequirements(
        icwa_applies=c.opt_bool(),
        icwa_notes=c.opt_text(),
        well_being_efforts=c.opt_text(),
        educational_stability_efforts=c.opt_text(),
    )


def legal_requirements() -> SearchStrategy[LegalRequirements]:
    """Return a strategy for [`LegalRequirements`][practicemodel.caseplan.LegalRequirements]."""
    return _records("legal_requirements", _legal_requirements, identifiers(), event_dates())


def _transition_plan(c: _Ctx) -> TransitionPlan:
    return TransitionPlan(steps=c.texts(), planned_return_on=c.maybe(c.day))


def transition_plans(
    *, dates: SearchStrategy[date] | None = None
) -> SearchStrategy[TransitionPlan]:
    """Return a strategy for reunification
    [`TransitionPlan`][practicemodel.caseplan.TransitionPlan]s (a few steps, sometimes a
    planned day of return)."""
    return _records("transition_plans", _transition_plan, identifiers(), _dates_arg(dates))


class _PlanRefs:
    """The ids a case plan may refer to (``None``: there are none)."""

    __slots__ = ("addressable", "assessments", "children", "factors", "persons", "plans",
                 "strengths")

    def __init__(self, *, children: SearchStrategy[str], persons: SearchStrategy[str] | None,
                 plans: SearchStrategy[str] | None, assessments: SearchStrategy[str] | None,
                 factors: SearchStrategy[str] | None, needs: SearchStrategy[str] | None,
                 strengths: SearchStrategy[str] | None) -> None:
        self.children = children
        self.persons = persons
        self.plans = plans
        self.assessments = assessments
        self.factors = factors
        self.addressable = _union(factors, needs)
        self.strengths = strengths


def _case_plan(c: _Ctx, refs: _PlanRefs, kind: PlanKind, completed_on: date) -> CasePlan:
    ident = c.new_id()
    replaces = None
    if kind is PlanKind.UPDATE:
        if refs.plans is None:  # pragma: no cover - callers give updates something to replace
            raise InvalidArgument("an update needs a plan to replace")
        replaces = c.one(refs.plans.filter(lambda plan_id: plan_id != ident), "plan_ids")
    persons = refs.persons
    objectives = c.many(lambda: _service_objective(c, persons, refs.addressable))
    own = _pool([o.id for o in objectives])
    goal = c.opt_enum(PermanencyGoal)
    others = [g for g in PermanencyGoal if g is not goal]
    return CasePlan(
        id=ident,
        kind=kind,
        completed_on=completed_on,
        replaces=replaces,
        child_ids=c.some(refs.children, "child_ids", min_size=1),
        period_end=c.maybe(lambda: c.later(completed_on)),
        participants=() if persons is None else c.many(lambda: _plan_participant(c, persons)),
        permanency_goal=goal,
        concurrent_goal=c.draw(st.none() | st.sampled_from(others)),
        goal_compelling_reason=c.opt_text(),
        concurrent_steps=c.many(lambda: _concurrent_step(c)),
        assessment_ids=c.some(refs.assessments, "assessment_ids"),
        assessment_summary=c.opt_text(),
        contributing_factor_ids=c.some(refs.factors, "contributing_factor_ids"),
        strength_ids=c.some(refs.strengths, "strength_ids"),
        objectives=objectives,
        client_responsibilities=c.many(lambda: _client_responsibility(c, persons, own)),
        case_management_services=c.many(lambda: _case_management_service(c, own)),
        visitation=c.many(lambda: _visitation_arrangement(c, refs.children, persons)),
        independent_living_services=c.many(
            lambda: _independent_living_service(c, refs.children, own)),
        contact_schedule=() if persons is None else c.many(
            lambda: _contact_schedule_entry(c, persons)),
        closure_criteria=c.many(lambda: _closure_criterion(c)),
        aftercare=c.maybe(lambda: _aftercare_plan(c)),
        parent_input=() if persons is None else c.many(lambda: _parent_input(c, persons)),
        update_report=c.maybe(lambda: _plan_update_report(c)),
        out_of_home=c.many(lambda: _out_of_home_details(c, refs.children)),
        legal=c.maybe(lambda: _legal_requirements(c)),
        youth_chosen_member_ids=c.some(persons, "person_ids"),
        minimum_sufficient_level_of_care=c.opt_text(),
        transition_plan=c.maybe(lambda: _transition_plan(c)),
    )


def case_plans(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    kinds: SearchStrategy[PlanKind] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    plan_ids: SearchStrategy[str] | None = None,
    assessment_ids: SearchStrategy[str] | None = None,
    contributing_factor_ids: SearchStrategy[str] | None = None,
    need_ids: SearchStrategy[str] | None = None,
    strength_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[CasePlan]:
    """Return a strategy for [`CasePlan`][practicemodel.caseplan.CasePlan] versions.

    An ``initial`` plan replaces nothing; an ``update`` replaces an id drawn from
    ``plan_ids`` (never its own). The concurrent goal differs from the permanency goal, and
    responsibilities and services refer only to the plan's own objectives. At most two
    youth-chosen team members are drawn from ``person_ids``.
    """
    kind_values = _arg(kinds, "kinds", lambda: st.sampled_from(PlanKind))
    refs = _PlanRefs(
        children=_ids_arg(child_ids, "child_ids"),
        persons=_ids_arg(person_ids, "person_ids"),
        plans=_ids_arg(plan_ids, "plan_ids"),
        assessments=_ids_arg(assessment_ids, "assessment_ids"),
        factors=_ids_arg(contributing_factor_ids, "contributing_factor_ids"),
        needs=_ids_arg(need_ids, "need_ids"),
        strengths=_ids_arg(strength_ids, "strength_ids"),
    )
    return _records(
        "case_plans",
        lambda c: _case_plan(c, refs, c.member(kind_values, PlanKind, "kinds"), c.day()),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- services, involvement, visits, staffing ------------------------------------------------


def _service(c: _Ctx, persons: SearchStrategy[str] | None, objectives: SearchStrategy[str] | None,
             responsibilities: SearchStrategy[str] | None) -> Service:
    referred, waitlisted, started, ended = (
        day if c.flag() else None for day in c.ordered(4)
    )
    return Service(
        id=c.new_id(),
        category=c.enum(ServiceCategory),
        description=c.opt_text(),
        person_ids=c.some(persons, "person_ids"),
        provider=c.opt_text(),
        objective_ids=c.some(objectives, "objective_ids"),
        responsibility_id=c.opt_one(responsibilities, "responsibility_ids"),
        status=c.enum(ServiceStatus),
        referred_on=referred,
        waitlisted_on=waitlisted,
        started_on=started,
        ended_on=ended,
        dosage=c.maybe(lambda: c.draw(_cached("dosages"))),
    )


def services(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    objective_ids: SearchStrategy[str] | None = None,
    responsibility_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Service]:
    """Return a strategy for [`Service`][practicemodel.services.Service]s.

    Referral, waitlist, start and end dates (each may be missing) are in order; the dosage,
    when given, is a quantity of hours or sessions per week or month.
    """
    persons = _ids_arg(person_ids, "person_ids")
    objectives = _ids_arg(objective_ids, "objective_ids")
    responsibilities = _ids_arg(responsibility_ids, "responsibility_ids")
    return _records(
        "services",
        lambda c: _service(c, persons, objectives, responsibilities),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _involvement_event(c: _Ctx, persons: SearchStrategy[str],
                       plans: SearchStrategy[str] | None) -> InvolvementEvent:
    return InvolvementEvent(
        id=c.new_id(),
        occurred_on=c.day(),
        person_ids=c.some(persons, "person_ids", min_size=1),
        activities=c.draw(_cached("activities")),
        setting=c.enum(InvolvementSetting),
        outcome=c.enum(EngagementOutcome),
        evidence=c.opt_text(),
        plan_id=c.opt_one(plans, "plan_ids"),
    )


def involvement_events(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    person_ids: SearchStrategy[str] | None = None,
    plan_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[InvolvementEvent]:
    """Return a strategy for [`InvolvementEvent`][practicemodel.involvement.InvolvementEvent]s.

    Each names at least one person and at least one of the five activities.
    """
    persons = _ids_arg(person_ids, "person_ids")
    plans = _ids_arg(plan_ids, "plan_ids")
    return _records(
        "involvement_events",
        lambda c: _involvement_event(c, persons, plans),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _caseworker_contact(c: _Ctx, staff: SearchStrategy[str],
                        persons: SearchStrategy[str]) -> CaseworkerContact:
    ident = c.new_id()
    mode = c.enum(ContactMode)
    contacted = c.some(persons, "person_ids", min_size=1)
    return CaseworkerContact(
        id=ident,
        occurred_on=c.day(),
        caseworker_id=c.one(staff, "staff_ids"),
        person_ids=contacted,
        mode=mode,
        location=c.opt_enum(ContactLocation) if mode is ContactMode.IN_PERSON else None,
        duration=c.maybe(lambda: c.draw(_cached("durations"))),
        private_with_ids=tuple(c.draw(st.lists(st.sampled_from(contacted), unique=True))),
        topics=c.draw(_cached("contact_topics")),
        setting_suitable=c.opt_bool(),
        completed=c.flag(),
    )


def caseworker_contacts(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    staff_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[CaseworkerContact]:
    """Return a strategy for [`CaseworkerContact`][practicemodel.visits.CaseworkerContact]s.

    ``location`` is given only for in-person contacts, ``private_with_ids`` is a subset of
    ``person_ids``, and the duration is a quantity of minutes or hours.
    """
    staff = _ids_arg(staff_ids, "staff_ids")
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "caseworker_contacts",
        lambda c: _caseworker_contact(c, staff, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _family_visit(c: _Ctx, children: SearchStrategy[str],
                  persons: SearchStrategy[str]) -> FamilyVisit:
    return FamilyVisit(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        visitor_ids=c.some(persons, "person_ids", min_size=1),
        visitor_kind=c.enum(VisitorKind),
        scheduled_on=c.day(),
        status=c.enum(FamilyVisitStatus),
        supervision=c.enum(Supervision),
        duration=c.maybe(lambda: c.draw(_cached("durations"))),
        location=c.opt_text(),
    )


def family_visits(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    person_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[FamilyVisit]:
    """Return a strategy for [`FamilyVisit`][practicemodel.visits.FamilyVisit]s.

    ``person_ids`` draws the visitors.
    """
    children = _ids_arg(child_ids, "child_ids")
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "family_visits",
        lambda c: _family_visit(c, children, persons),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _supervisory_staffing(c: _Ctx, staff: SearchStrategy[str]) -> SupervisoryStaffing:
    return SupervisoryStaffing(
        id=c.new_id(),
        held_on=c.day(),
        supervisor_id=c.one(staff, "staff_ids"),
        caseworker_id=c.opt_one(staff, "staff_ids"),
        topics=c.draw(_cached("staffing_topics")),
        notes=c.opt_text(),
    )


def supervisory_staffings(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    staff_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[SupervisoryStaffing]:
    """Return a strategy for supervisory case staffings."""
    staff = _ids_arg(staff_ids, "staff_ids")
    return _records(
        "supervisory_staffings",
        lambda c: _supervisory_staffing(c, staff),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- intake, well-being, connections --------------------------------------------------------


def _default_priorities() -> SearchStrategy[str]:
    return _PRIORITIES


def _maltreatment_report(c: _Ctx, children: SearchStrategy[str],
                         priorities: SearchStrategy[str]) -> MaltreatmentReport:
    received = c.day()
    return MaltreatmentReport(
        id=c.new_id(),
        received_on=received,
        child_ids=c.some(children, "child_ids", min_size=1),
        priority=c.one(priorities, "priorities"),
        accepted=c.flag(),
        alternative_response=c.flag(),
        initiated_on=c.maybe(lambda: c.soon(received)),
        face_to_face_on=c.maybe(lambda: c.soon(received)),
        substantiated=c.opt_bool(),
        allegation=c.draw(_ALLEGATIONS),
        delay_beyond_agency_control=c.flag(),
    )


def maltreatment_reports(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    priorities: SearchStrategy[str] | None = None,
) -> SearchStrategy[MaltreatmentReport]:
    """Return a strategy for [`MaltreatmentReport`][practicemodel.intake.MaltreatmentReport]s.

    Each names at least one child. ``initiated_on`` and ``face_to_face_on`` (each may be
    missing) are not before ``received_on``; half the time they fall within a week of it, so
    that responses both inside and outside the default time frames are drawn (they may then
    lie outside the range of ``dates``). ``priorities`` draws the response priority codes
    (default: mostly the default profile's ``"1"``, ``"2"`` and ``"3"``, sometimes any
    identifier); the allegation is often one of a few codes, so that similar reports recur.
    """
    children = _ids_arg(child_ids, "child_ids")
    priority_values = _arg(priorities, "priorities", _default_priorities)
    return _records(
        "maltreatment_reports",
        lambda c: _maltreatment_report(c, children, priority_values),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _screening(c: _Ctx, children: SearchStrategy[str]) -> Screening:
    return Screening(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        area=c.enum(WellBeingArea),
        completed_on=c.day(),
    )


def screenings(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Screening]:
    """Return a strategy for well-being [`Screening`][practicemodel.wellbeing.Screening]s
    (any area)."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "screenings",
        lambda c: _screening(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _well_being_need(c: _Ctx, children: SearchStrategy[str],
                     services: SearchStrategy[str] | None) -> WellBeingNeed:
    identified = c.day()
    return WellBeingNeed(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        area=c.enum(WellBeingArea),
        description=c.name(),
        identified_on=identified,
        service_ids=c.some(services, "service_ids"),
        met_on=c.maybe(lambda: c.later(identified)),
    )


def well_being_needs(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
    service_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[WellBeingNeed]:
    """Return a strategy for [`WellBeingNeed`][practicemodel.wellbeing.WellBeingNeed]s.

    ``met_on``, when given, is not before ``identified_on``; ``service_ids`` draws the
    services addressing the need (none to two).
    """
    children = _ids_arg(child_ids, "child_ids")
    service_pool = _ids_arg(service_ids, "service_ids")
    return _records(
        "well_being_needs",
        lambda c: _well_being_need(c, children, service_pool),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _connection(c: _Ctx, children: SearchStrategy[str]) -> Connection:
    return Connection(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        kind=c.enum(ConnectionKind),
        description=c.opt_text(),
        maintained=c.opt_bool(),
        identified_on=c.day(),
    )


def connections(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[Connection]:
    """Return a strategy for a child's [`Connection`][practicemodel.connections.Connection]s
    (any kind; ``maintained`` sometimes unrecorded)."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "connections",
        lambda c: _connection(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _icwa_inquiry(c: _Ctx, children: SearchStrategy[str]) -> IcwaInquiry:
    return IcwaInquiry(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        made_on=c.day(),
        reason_to_know=c.flag(),
    )


def icwa_inquiries(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[IcwaInquiry]:
    """Return a strategy for [`IcwaInquiry`][practicemodel.connections.IcwaInquiry]
    records."""
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "icwa_inquiries",
        lambda c: _icwa_inquiry(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


def _relative_search(c: _Ctx, children: SearchStrategy[str]) -> RelativeSearch:
    evaluated, notified, found = c.draw(_RELATIVE_COUNTS)
    return RelativeSearch(
        id=c.new_id(),
        child_id=c.one(children, "child_ids"),
        side=c.enum(FamilySide),
        completed_on=c.day(),
        relatives_found=found,
        relatives_notified=notified,
        relatives_evaluated=evaluated,
    )


def relative_searches(
    *,
    ids: SearchStrategy[str] | None = None,
    dates: SearchStrategy[date] | None = None,
    child_ids: SearchStrategy[str] | None = None,
) -> SearchStrategy[RelativeSearch]:
    """Return a strategy for [`RelativeSearch`][practicemodel.connections.RelativeSearch]es.

    The counts (0 to 12) are in order: evaluated ≤ notified ≤ found.
    """
    children = _ids_arg(child_ids, "child_ids")
    return _records(
        "relative_searches",
        lambda c: _relative_search(c, children),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- the case -------------------------------------------------------------------------------


def _household(c: _Ctx, persons: SearchStrategy[str] | None) -> Household:
    return Household(id=c.new_id(), member_ids=c.some(persons, "person_ids"), name=c.opt_text())


def households(
    *, ids: SearchStrategy[str] | None = None, person_ids: SearchStrategy[str] | None = None
) -> SearchStrategy[Household]:
    """Return a strategy for [`Household`][practicemodel.case.Household]s."""
    persons = _ids_arg(person_ids, "person_ids")
    return _records(
        "households",
        lambda c: _household(c, persons),
        _ids_arg(ids, "ids"),
        event_dates(),
    )


def _case(c: _Ctx, births: SearchStrategy[date], case_types: SearchStrategy[CaseType]) -> Case:
    case_id = c.new_id()
    case_type = c.member(case_types, CaseType, "case_types")
    roles = st.sampled_from(StaffRole)
    staff = (
        _staff_member(c, st.just(StaffRole.CASEWORKER)),
        _staff_member(c, st.just(StaffRole.SUPERVISOR)),
        *c.many(lambda: _staff_member(c, roles), max_size=1),
    )
    staff_pool = st.sampled_from([s.id for s in staff])

    # People first; every later event is moved up to the latest birth date.
    person_births = [_draw_birth(c, births) for _ in range(c.count(4, min_size=1))]
    known = [b for b in person_births if b is not None]
    c.floor = max(known) if known else None
    persons = tuple(_person(c, birth) for birth in person_births)
    person_pool = st.sampled_from([p.id for p in persons])
    child_ids = tuple(c.draw(st.lists(person_pool, unique=True, min_size=1,
                                      max_size=min(2, len(persons)))))
    children = st.sampled_from(child_ids)

    kinds = st.sampled_from(RelationshipKind)
    case_relationships = (
        c.many(lambda: _relationship(c, person_pool, children, kinds), max_size=_MAX)
        if len(persons) > 1 else ()
    )
    case_hearings = c.many(lambda: _hearing(c, children))
    hearing_pool = _pool([h.id for h in case_hearings])
    safety = c.many(lambda: _safety_assessment(c, children, person_pool))
    risk = c.many(lambda: _risk_assessment(c))
    assessments = c.many(lambda: _strengths_needs_assessment(c, person_pool))
    instruments = c.many(lambda: _instrument_assessment(c, person_pool), max_size=1)

    factor_ids = [f.id for a in assessments for f in a.contributing_factors]
    need_ids = [n.id for a in assessments for p in a.people for n in p.needs]
    strength_ids = [s.id for a in assessments for s in a.family_strengths] + [
        s.id for a in assessments for p in a.people for s in p.strengths]
    assessment_ids = [a.id for group in (safety, risk, assessments, instruments) for a in group]

    # Plan versions: the first is the initial plan, each later one updates an earlier one.
    plan_dates = c.ordered(c.count(_MAX))
    plans: list[CasePlan] = []
    for index, completed_on in enumerate(plan_dates):
        refs = _PlanRefs(
            children=children, persons=person_pool, plans=_pool([p.id for p in plans]),
            assessments=_pool(assessment_ids), factors=_pool(factor_ids),
            needs=_pool(need_ids), strengths=_pool(strength_ids),
        )
        kind = PlanKind.INITIAL if index == 0 else PlanKind.UPDATE
        plans.append(_case_plan(c, refs, kind, completed_on))
    objective_pool = _pool([o.id for p in plans for o in p.objectives])
    responsibility_pool = _pool([r.id for p in plans for r in p.client_responsibilities])
    plan_pool = _pool([p.id for p in plans])

    case_services = c.many(
        lambda: _service(c, person_pool, objective_pool, responsibility_pool), max_size=_MAX)
    service_pool = _pool([s.id for s in case_services])

    opened_on = c.day()
    return Case(
        id=case_id,
        case_type=case_type,
        opened_on=opened_on,
        closed_on=c.maybe(lambda: c.later(opened_on)),
        closure_reason=c.opt_text(),
        region=c.name(),
        county=c.name(),
        caseworker_id=staff[0].id,
        supervisor_id=staff[1].id,
        staff=staff,
        people=persons,
        child_ids=child_ids,
        relationships=case_relationships,
        households=c.many(lambda: _household(c, person_pool)),
        removal_episodes=c.many(lambda: _removal_episode(c, children, person_pool)),
        hearings=case_hearings,
        judicial_findings=c.many(lambda: _judicial_finding(c, children, hearing_pool)),
        tpr_petitions=c.many(lambda: _tpr_petition(c, children, person_pool), max_size=1),
        tpr_orders=c.many(lambda: _tpr_order(c, children, person_pool), max_size=1),
        tpr_exceptions=c.many(lambda: _tpr_exception(c, children), max_size=1),
        safety_assessments=safety,
        risk_assessments=risk,
        strengths_needs_assessments=assessments,
        instrument_assessments=instruments,
        plans=c.draw(st.permutations(plans)),
        services=case_services,
        involvement_events=c.many(lambda: _involvement_event(c, person_pool, plan_pool),
                                  max_size=_MAX),
        contacts=c.many(lambda: _caseworker_contact(c, staff_pool, person_pool), max_size=_MAX),
        family_visits=c.many(lambda: _family_visit(c, children, person_pool)),
        staffings=c.many(lambda: _supervisory_staffing(c, staff_pool)),
        reports=c.many(lambda: _maltreatment_report(c, children, _PRIORITIES)),
        screenings=c.many(lambda: _screening(c, children)),
        well_being_needs=c.many(lambda: _well_being_need(c, children, service_pool)),
        connections=c.many(lambda: _connection(c, children)),
        icwa_inquiries=c.many(lambda: _icwa_inquiry(c, children), max_size=1),
        relative_searches=c.many(lambda: _relative_search(c, children), max_size=1),
    )


def cases(
    *,
    ids: SearchStrategy[str] | None = None,
    birth_dates: SearchStrategy[date] | None = None,
    dates: SearchStrategy[date] | None = None,
    case_types: SearchStrategy[CaseType] | None = None,
) -> SearchStrategy[Case]:
    """Return a strategy for coherent [`Case`][practicemodel.case.Case] records.

    Staff (a caseworker and a supervisor, maybe one more) and people (one to four, of whom
    one or two are the children) are drawn first; every other record refers only to them
    and to records drawn before it, so every reference resolves. All ids in a case are
    distinct; plan versions form a chain (one initial plan, each update dated no earlier
    than the plan it replaces), given in any order. Reports, screenings, well-being needs,
    connections, ICWA inquiries and relative searches (none to two of each, at most one
    inquiry and one search) are about the case's children, and each need refers only to
    services of the case. Event dates drawn before the latest birth date are moved up to it,
    so no event precedes the birth of a person it is about.
    """
    births = _arg(birth_dates, "birth_dates", _default_birth_dates)
    type_values = _arg(case_types, "case_types", lambda: st.sampled_from(CaseType))
    return _records(
        "cases",
        lambda c: _case(c, births, type_values),
        _ids_arg(ids, "ids"),
        _dates_arg(dates),
    )


# -- type registration ----------------------------------------------------------------------


def model_strategies() -> dict[type, SearchStrategy[Any]]:
    """Return the default strategy for every attrs class of the case record.

    The keys are exactly the classes
    [`model_classes`][practicemodel.serialization.model_classes] returns.
    """
    return {
        DiligentSearch: diligent_searches(),
        FosterHome: foster_homes(),
        ParentalRights: parental_rights(),
        Person: people(),
        Relationship: relationships(),
        StaffMember: staff_members(),
        TribalAffiliation: tribal_affiliations(),
        Period: periods(),
        Placement: placements(),
        RemovalEpisode: removal_episodes(),
        Hearing: hearings(),
        JudicialFinding: judicial_findings(),
        TprException: tpr_exceptions(),
        TprOrder: tpr_orders(),
        TprPetition: tpr_petitions(),
        ContributingFactor: contributing_factors(),
        InstrumentAssessment: instrument_assessments(),
        ItemScore: item_scores(),
        Need: needs(),
        PersonStrengthsNeeds: person_strengths_needs(),
        RiskAssessment: risk_assessments(),
        SafetyAssessment: safety_assessments(),
        SafetyPlan: safety_plans(),
        Strength: strengths(),
        StrengthsNeedsAssessment: strengths_needs_assessments(),
        AftercarePlan: aftercare_plans(),
        CaseManagementService: case_management_services(),
        CasePlan: case_plans(),
        ClientResponsibility: client_responsibilities(),
        ClosureCriterion: closure_criteria(),
        ConcurrentStep: concurrent_steps(),
        ContactScheduleEntry: contact_schedule_entries(),
        Frequency: frequencies(),
        IndependentLivingService: independent_living_services(),
        LegalRequirements: legal_requirements(),
        OutOfHomeDetails: out_of_home_details(),
        ParentInput: parent_inputs(),
        PlanParticipant: plan_participants(),
        PlanUpdateReport: plan_update_reports(),
        ServiceObjective: service_objectives(),
        VisitationArrangement: visitation_arrangements(),
        Service: services(),
        InvolvementEvent: involvement_events(),
        CaseworkerContact: caseworker_contacts(),
        FamilyVisit: family_visits(),
        SupervisoryStaffing: supervisory_staffings(),
        Case: cases(),
        Household: households(),
        MaltreatmentReport: maltreatment_reports(),
        Screening: screenings(),
        WellBeingNeed: well_being_needs(),
        Connection: connections(),
        IcwaInquiry: icwa_inquiries(),
        RelativeSearch: relative_searches(),
        TransitionPlan: transition_plans(),
    }
