"""Monthly casework, answered once: which months count, who is due visits, what fell in each.

Caseworker visits with children and parents, and supervisory staffing, are monthly duties.
Three questions decide them, and this module is the one place that answers each; the
schedule ([`timelines.schedule`][practicemodel.timelines.schedule], what is due when) and the
``visits.*`` and ``staffing.*`` rules (what was met in the period under review) read the same
answers, so they can never disagree about a month.

**Which months count** (42 USC 622(b)(17), 624(f); the whole-month rule of 679b(a)(6)
reporting [practice]): a calendar month counts for a child if the child was in foster care
for the *whole* month under a removal episode (the month a child enters or leaves mid-month
does not count; leaving on the last day of a month keeps it). A month counts for a parent or
for staffing if the case was open for the whole month, up to the parent's last day.

**Who is due visits** (CFSR item 15 [practice]): every mother and father of a child of the
case (a relationship with a ``parent_role``), from the case opening until the case closes,
their parental rights are terminated without a recorded reason to keep involving them, or
they die, whichever comes first (the latest over their children). A parent whose whereabouts
are unknown after a diligent search is not due visits; the answer says so.

**What fell in a month**: completed in-person caseworker contacts with a person, and the
case's supervisory staffings, by calendar month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from types import MappingProxyType

import attrs

from practicemodel._arguments import (
    case_arg,
    date_arg,
    in_effect_arg,
    optional_date_arg,
    policy_arg,
)
from practicemodel._memo import per_case, scope
from practicemodel.case import Case
from practicemodel.errors import DateOutOfRangeError, InvalidArgumentError, InvalidInputError
from practicemodel.periods import (
    EARLIEST_DATE,
    LATEST_DATE,
    days_in_month,
    review_period_start,
)
from practicemodel.placement import RemovalEpisode
from practicemodel.policy import PolicyProfile, ResidenceComparison
from practicemodel.staffing import SupervisoryStaffing
from practicemodel.visits import CaseworkerContact, ContactLocation

__all__ = [
    "CareMonth",
    "ChildVisitMonths",
    "FederalVisitFigures",
    "Month",
    "ParentDue",
    "VisitMonth",
    "care_months",
    "child_visit_compliance",
    "child_visit_months",
    "federal_visit_figures",
    "in_period",
    "in_person_by_month",
    "in_person_contacts",
    "open_months",
    "parents_due_visits",
    "residence_share_met",
    "staffings_by_month",
]

Month = tuple[int, int]
"""A calendar month as ``(year, month)``."""

_UNKNOWN_WHEREABOUTS = "whereabouts unknown after a diligent search"


@attrs.frozen(kw_only=True)
class CareMonth:
    """A calendar month a child spent wholly in foster care."""

    year: int
    """Calendar year."""
    month: int
    """Calendar month, 1–12."""
    episode_id: str
    """The removal episode the child was in care under for the whole month."""


@attrs.frozen(kw_only=True)
class ParentDue:
    """A mother or father of a child of the case, and until when visits with them are due."""

    parent_id: str
    """The mother or father."""
    child_ids: tuple[str, ...]
    """Their children in the case, sorted."""
    last_day: date | None
    """The last day visits are due on this parent's own account: the earlier of termination
    of rights without a reason to keep involving them and death (the latest over their
    children); ``None`` where neither applies. The case closing ends them too
    ([`open_months`][practicemodel.monthly.open_months] applies it)."""
    excluded: str = ""
    """Why visits are not due at all (``"whereabouts unknown after a diligent search"``), or
    ``""``."""


def care_months(case: Case, child_id: str, as_of: date) -> tuple[CareMonth, ...]:
    """The months ``child_id`` spent wholly in foster care that have begun by ``as_of``.

    Episodes that began after ``as_of`` and exits after it are not known yet. Earliest first;
    a month belongs to the first episode that covers it.
    """
    return tuple(CareMonth(year=index // 12, month=index % 12 + 1, episode_id=episode_id)
                 for index, episode_id in _care_in(case, child_id, None, as_of))


def open_months(case: Case, last_day: date | None, as_of: date) -> tuple[Month, ...]:
    """The months the case was open for the whole month that have begun by ``as_of``, up to
    ``last_day`` where one is given (a parent's, from
    [`parents_due_visits`][practicemodel.monthly.parents_due_visits]).

    A closing after ``as_of`` is not known yet; ``last_day`` is taken as recorded.
    """
    return tuple(_key(index) for index in _open_in(case, last_day, None, as_of))


# -- months as numbers ----------------------------------------------------------------------
# Inside the rules a month is one integer, ``year * 12 + month - 1`` (consecutive months are
# consecutive numbers), so the months of a period are a ``range``; ``_key`` turns one back
# into a ``Month``. The loops below never build a date.


def _month(day: date) -> int:
    """The number of the month ``day`` falls in."""
    return day.year * 12 + day.month - 1


def _first_whole(day: date) -> int:
    """The number of the first month beginning on or after ``day``."""
    return day.year * 12 + day.month - (day.day == 1)


def _last_whole(day: date) -> int:
    """The number of the last month ending on or before ``day``."""
    return day.year * 12 + day.month - 1 - (day.day != days_in_month(day.year, day.month))


def _key(index: int) -> Month:
    """A month number as ``(year, month)``."""
    return index // 12, index % 12 + 1


def _label(index: int) -> str:
    """A month number as ``YYYY-MM``."""
    return f"{index // 12}-{index % 12 + 1:02d}"


def _period(period_start: date, as_of: date) -> range:
    """The months lying wholly in ``[period_start, as_of]`` (see
    [`in_period`][practicemodel.monthly.in_period])."""
    return range(_first_whole(period_start), _last_whole(as_of) + 1)


def _whole(start: date, end: date | None, as_of: date, within: range | None) -> range:
    """The months of [`whole_months`][practicemodel.periods.whole_months]``(start, end,
    as_of)``, limited to ``within`` where it is given."""
    first, last = _first_whole(start), _month(as_of)
    if end is not None:
        last = min(last, _last_whole(end))
    if within is not None:
        first, last = max(first, within.start), min(last, within.stop - 1)
    return range(first, last + 1)


def _care_in(case: Case, child_id: str, within: range | None,
             as_of: date) -> list[tuple[int, str]]:
    """[`care_months`][practicemodel.monthly.care_months] as ``(month number, episode id)``,
    limited to the months ``within`` where it is given."""
    months: dict[int, str] = {}
    episodes = _episodes(case).get(child_id, ())
    if len(episodes) > 1:
        episodes = tuple(sorted(episodes, key=lambda e: (e.removed_on, e.id)))
    for episode in episodes:
        if episode.removed_on > as_of:
            continue
        end = episode.exit_on if episode.exit_on is not None and episode.exit_on <= as_of \
            else None
        for index in _whole(episode.removed_on, end, as_of, within):
            months.setdefault(index, episode.id)
    return sorted(months.items()) if len(episodes) > 1 else list(months.items())


@per_case
def _episodes(case: Case) -> Mapping[str, tuple[RemovalEpisode, ...]]:
    """Each child's removal episodes, earliest removal first (what ``Case.episodes_for``
    gives, for every child at once)."""
    by_child: dict[str, list[RemovalEpisode]] = {}
    for episode in sorted(case.removal_episodes, key=lambda e: e.removed_on):
        by_child.setdefault(episode.child_id, []).append(episode)
    return MappingProxyType({child: tuple(found) for child, found in by_child.items()})


def _open_in(case: Case, last_day: date | None, within: range | None, as_of: date) -> range:
    """[`open_months`][practicemodel.monthly.open_months] as month numbers, limited to the
    months ``within`` where it is given."""
    closed = case.closed_on if case.closed_on is not None and case.closed_on <= as_of \
        else None
    end = min((day for day in (closed, last_day) if day is not None), default=None)
    return _whole(case.opened_on, end, as_of, within)


@per_case
def in_person_contacts(case: Case) -> Mapping[str, tuple[CaseworkerContact, ...]]:
    """Completed in-person caseworker contacts by person id, each person's by date, then id
    (an index built once per check and shared by the rules that read it)."""
    by_person: dict[str, list[CaseworkerContact]] = {}
    for contact in sorted((c for c in case.contacts if c.in_person),
                          key=lambda c: (c.occurred_on, c.id)):
        for person_id in dict.fromkeys(contact.person_ids):
            by_person.setdefault(person_id, []).append(contact)
    return MappingProxyType({person: tuple(found) for person, found in by_person.items()})


def in_person_by_month(case: Case, person_id: str,
                       as_of: date) -> Mapping[Month, tuple[CaseworkerContact, ...]]:
    """Completed in-person caseworker contacts with ``person_id`` up to ``as_of``, by month;
    each month's contacts by date, then id."""
    by_month: dict[Month, tuple[CaseworkerContact, ...]] = {}
    found = _in_person_months(case).get(person_id, {})
    last = _month(as_of)
    for index in sorted(found):
        contacts = found[index]
        if index >= last:
            contacts = [c for c in contacts if c.occurred_on <= as_of] if index == last else []
            if not contacts:
                break
        by_month[_key(index)] = tuple(contacts)
    return MappingProxyType(by_month)


_BY_DATE = attrgetter("occurred_on", "id")


@per_case
def _in_person_months(case: Case) -> Mapping[str, Mapping[int, Sequence[CaseworkerContact]]]:
    """Completed in-person caseworker contacts by person id, then by month number; each
    month's by date, then id (the index the monthly rules look months up in, built once per
    check; not to be changed)."""
    by_person: dict[str, dict[int, list[CaseworkerContact]]] = {}
    for contact in case.contacts:
        if contact.in_person:
            index = _month(contact.occurred_on)
            for person_id in dict.fromkeys(contact.person_ids):
                by_person.setdefault(person_id, {}).setdefault(index, []).append(contact)
    for by_month in by_person.values():
        for found in by_month.values():
            if len(found) > 1:
                found.sort(key=_BY_DATE)
    return MappingProxyType(by_person)


def _in_person_between(case: Case, person_id: str, start: date,
                       as_of: date) -> tuple[CaseworkerContact, ...]:
    """Completed in-person contacts with ``person_id`` in ``[start, as_of]``, by date then
    id."""
    by_month = _in_person_months(case).get(person_id)
    if not by_month:
        return ()
    return tuple(contact for index in range(_month(start), _month(as_of) + 1)
                 for contact in by_month.get(index, ())
                 if start <= contact.occurred_on <= as_of)


def staffings_by_month(case: Case,
                       as_of: date) -> Mapping[Month, tuple[SupervisoryStaffing, ...]]:
    """The case's supervisory staffings up to ``as_of``, by month; by date, then id."""
    by_month: dict[Month, list[SupervisoryStaffing]] = {}
    for staffing in sorted((s for s in case.staffings if s.held_on <= as_of),
                           key=lambda s: (s.held_on, s.id)):
        by_month.setdefault((staffing.held_on.year, staffing.held_on.month),
                            []).append(staffing)
    return MappingProxyType({key: tuple(found) for key, found in by_month.items()})


@per_case
def parents_due_visits(case: Case) -> tuple[ParentDue, ...]:
    """Every mother and father of a child of the case, sorted by id: until when monthly
    caseworker visits with them are due, or why they are not due at all."""
    people = {person.id: person for person in case.people}
    found: dict[str, tuple[set[str], date | None, str]] = {}
    for rel in case.relationships:
        if rel.parent_role is None or rel.child_id not in case.child_ids:
            continue
        person = people.get(rel.adult_id)
        excluded = ""
        if person is not None and not person.whereabouts_known and person.diligent_searches:
            excluded = _UNKNOWN_WHEREABOUTS
        ends: list[date | None] = []
        if rel.parental_rights is not None and \
                rel.parental_rights.continued_involvement_reason is None:
            ends.append(rel.parental_rights.terminated_on)
        if person is not None and person.deceased_on is not None:
            ends.append(person.deceased_on)
        end = min((e for e in ends if e is not None), default=None)
        if rel.adult_id in found:
            children, known, known_excluded = found[rel.adult_id]
            end = None if known is None or end is None else max(known, end)
            excluded = excluded or known_excluded
        else:
            children = set()
        children.add(rel.child_id)
        found[rel.adult_id] = (children, end, excluded)
    return tuple(ParentDue(parent_id=parent_id, child_ids=tuple(sorted(children)),
                           last_day=end, excluded=excluded)
                 for parent_id, (children, end, excluded) in sorted(found.items()))


# -- results --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class VisitMonth:
    """One evaluated month of a child in foster care."""

    year: int
    """Calendar year."""
    month: int
    """Calendar month, 1–12."""
    episode_id: str
    """The removal episode the child was in care under for the whole month."""
    visit_ids: tuple[str, ...]
    """Completed in-person caseworker visits with the child in the month, by date then id."""
    in_residence: int
    """How many of them took place in the child's residence."""

    @property
    def label(self) -> str:
        """The month as ``YYYY-MM``."""
        return f"{self.year}-{self.month:02d}"

    @property
    def visited(self) -> bool:
        """Whether at least one visit occurred: the month complies."""
        return bool(self.visit_ids)


@attrs.frozen(kw_only=True)
class ChildVisitMonths:
    """Monthly caseworker visit compliance of one child over a period, per episode month."""

    child_id: str
    """The child."""
    period_start: date
    """First day of the period."""
    period_end: date
    """Last day of the period (``as_of``)."""
    months: tuple[VisitMonth, ...]
    """The evaluated months, earliest first."""

    @property
    def months_visited(self) -> int:
        """How many evaluated months had a visit."""
        return sum(1 for m in self.months if m.visited)

    @property
    def missed(self) -> tuple[str, ...]:
        """Labels of evaluated months without a visit."""
        return tuple(m.label for m in self.months if not m.visited)

    @property
    def every_month(self) -> bool:
        """Whether every evaluated month had a visit (vacuously true with none)."""
        return all(m.visited for m in self.months)

    @property
    def visits(self) -> int:
        """Visits in the evaluated months."""
        return sum(len(m.visit_ids) for m in self.months)

    @property
    def in_residence(self) -> int:
        """Visits in the evaluated months that took place in the child's residence."""
        return sum(m.in_residence for m in self.months)

    @property
    def residence_share(self) -> float | None:
        """Share of visits in the residence, or ``None`` without visits."""
        return self.in_residence / self.visits if self.visits else None


@attrs.frozen(kw_only=True)
class FederalVisitFigures:
    """Federal caseworker visit figures for a fiscal year (42 USC 624(f), 679b(a)(6))."""

    fiscal_year: int
    """Federal fiscal year N: October 1 of N-1 to September 30 of N."""
    start: date
    """October 1 of the previous year."""
    end: date
    """September 30 of the fiscal year."""
    children: int
    """Children with at least one full month in care in the year."""
    children_visited_every_month: int
    """Of them, children visited in every full month."""
    visits_expected: int
    """One per full month in care per child."""
    visits_made: int
    """Months with at least one visit (each month counts once)."""
    visits_in_months: int
    """All completed in-person visits in the full months."""
    visits_in_residence: int
    """Of those, visits in the child's residence."""
    monthly_share: float | None
    """(b) ``visits_made / visits_expected``; ``None`` when nothing was expected."""
    residence_share: float | None
    """(c) ``visits_in_residence / visits_in_months``; ``None`` without visits."""
    every_month_share: float | None
    """(a) ``children_visited_every_month / children``; ``None`` without children."""
    monthly_target_met: bool | None
    """(b) against the profile's ``monthly_visit_target``."""
    residence_target_met: bool | None
    """(c) against ``residence_visit_share`` compared per ``residence_comparison``."""


# -- child visits over a period ------------------------------------------------------------


def residence_share_met(share: float, policy: PolicyProfile) -> bool:
    """Whether a share of visits in the residence meets the profile's ``residence_visit_share``
    (compared per its ``residence_comparison``)."""
    if policy.residence_comparison is ResidenceComparison.AT_LEAST:
        return share >= policy.residence_visit_share
    return share > policy.residence_visit_share



def in_period(months: Iterable[Month], period_start: date, as_of: date) -> list[Month]:
    """The months lying wholly in ``[period_start, as_of]``: begun on or after the start and
    ended by ``as_of`` (the current month can still be met, so it is not judged)."""
    return [key for key in months
            if date(key[0], key[1], 1) >= period_start
            and date(key[0], key[1], days_in_month(*key)) <= as_of]


def child_visit_months(case: Case, child_id: str, period_start: date,
                       as_of: date) -> ChildVisitMonths:
    """The months ``child_id`` spent wholly in care in the period, with the visits in each
    (arguments not checked: the rules and the checked entry points call it)."""
    visits = _in_person_months(case).get(child_id, {})
    months = []
    for index, episode_id in _care_in(case, child_id, _period(period_start, as_of), as_of):
        found = visits.get(index, ())
        months.append(VisitMonth(
            year=index // 12, month=index % 12 + 1, episode_id=episode_id,
            visit_ids=tuple(c.id for c in found),
            in_residence=sum(1 for c in found if c.location is ContactLocation.CHILD_RESIDENCE)))
    return ChildVisitMonths(child_id=child_id, period_start=period_start, period_end=as_of,
                            months=tuple(months))


def child_visit_compliance(case: Case, child_id: str, *, policy: PolicyProfile, as_of: date,
                           period_start: date | None = None) -> ChildVisitMonths:
    """Return the monthly caseworker visit record of ``child_id`` over a period.

    Sources: 42 USC 622(b)(17), 624(f); the whole-month rule of 679b(a)(6) reporting [practice].

    Evaluates each calendar month the child was in foster care for the whole month, under
    any removal episode, that lies wholly in ``[period_start, as_of]`` and has ended by
    ``as_of``. ``period_start`` defaults to the start of the period under review ending on
    ``as_of`` (the profile's ``review_period_months``, 12).
    A month complies if at least one completed in-person caseworker visit with the child
    occurred in it (any location); ``in_residence`` counts those in the child's residence.

    Raises:
        InvalidInputError: not a case, policy, date or child id string.
        InvalidArgumentError: ``period_start`` after ``as_of``, or ``child_id`` not a
            child of the case.
        DateOutOfRangeError: a date lies outside the supported range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    case_arg(case)
    profile = policy_arg(policy)
    end = date_arg(as_of)
    in_effect_arg(profile, end)
    start = optional_date_arg(period_start, "period_start")
    if start is not None and start > end:
        raise InvalidArgumentError(f"'period_start' ({period_start}) must not be after "
                                   f"'as_of' ({as_of})")
    if not isinstance(child_id, str):
        raise InvalidInputError(f"'child_id' must be a str (got {child_id!r})")
    if child_id not in case.child_ids:
        raise InvalidArgumentError(f"'child_id' must be a child of case {case.id!r} (got "
                                   f"{child_id!r}; children: {', '.join(case.child_ids)})")
    if start is None:
        start = review_period_start(end, profile.review_period_months)
    with scope():
        return child_visit_months(case, child_id, start, end)



# -- federal figures ------------------------------------------------------------------------


def federal_visit_figures(cases: Iterable[Case], *, policy: PolicyProfile,
                          fiscal_year: int) -> FederalVisitFigures:
    """Return the federal caseworker visit figures for ``fiscal_year`` over ``cases``.

    Federal fiscal year N runs from October 1 of N-1 to September 30 of N. Every child of
    every case with at least one whole calendar month in foster care in the year is counted
    (a child in two cases of the set counts once per case). The figures (42 USC 624(f),
    679b(a)(6)):

    - (a) children visited in every full month / children with at least one full month;
    - (b) visits made / visits expected, where *expected* is one per full month per child
      and *made* counts the months with at least one visit — each month at most once, so
      a second visit in a month cannot make up for a missed month (our reading of "the
      total number of monthly visits made"); compared with ``policy.monthly_visit_target``;
    - (c) visits in the child's residence / all completed in-person visits in the full
      months (every visit counts here, not one per month), compared with
      ``policy.residence_visit_share`` using ``policy.residence_comparison``.

    Raises:
        InvalidInputError: ``cases`` is not an iterable of cases, ``policy`` is not a
            profile, or ``fiscal_year`` is not an integer year.
        DateOutOfRangeError: the fiscal year's dates lie outside the supported range.
        UnknownPolicyError: ``policy`` is not in effect on the fiscal year's last day.
    """
    profile = policy_arg(policy)
    if type(fiscal_year) is not int:
        raise InvalidInputError(f"'fiscal_year' must be an integer year (got {fiscal_year!r})")
    if not EARLIEST_DATE.year < fiscal_year <= LATEST_DATE.year:
        raise DateOutOfRangeError(f"'fiscal_year' must be from {EARLIEST_DATE.year + 1} to "
                                  f"{LATEST_DATE.year}, so that its dates lie from "
                                  f"{EARLIEST_DATE} to {LATEST_DATE} (got {fiscal_year})")
    in_effect_arg(profile, date(fiscal_year, 9, 30), "the last day of 'fiscal_year'")
    if isinstance(cases, (str, bytes, Case)) or not isinstance(cases, Iterable):
        raise InvalidInputError(f"'cases' must be an iterable of Case (got "
                                f"{type(cases).__name__})")
    listed = list(cases)
    for item in listed:
        if not isinstance(item, Case):
            raise InvalidInputError(f"'cases' must hold only Case records (got "
                                    f"{type(item).__name__})")
    start, end = date(fiscal_year - 1, 10, 1), date(fiscal_year, 9, 30)
    children = every = expected = made = in_months = in_residence = 0
    for case in listed:
        with scope():
            records = [child_visit_months(case, child_id, start, end)
                       for child_id in case.child_ids]
        for record in records:
            if not record.months:
                continue
            children += 1
            every += record.every_month
            expected += len(record.months)
            made += record.months_visited
            in_months += record.visits
            in_residence += record.in_residence
    monthly = made / expected if expected else None
    residence = in_residence / in_months if in_months else None
    return FederalVisitFigures(
        fiscal_year=fiscal_year, start=start, end=end, children=children,
        children_visited_every_month=every, visits_expected=expected, visits_made=made,
        visits_in_months=in_months, visits_in_residence=in_residence,
        monthly_share=monthly, residence_share=residence,
        every_month_share=every / children if children else None,
        monthly_target_met=None if monthly is None else monthly >= policy.monthly_visit_target,
        residence_target_met=None if residence is None else residence_share_met(residence, policy))


