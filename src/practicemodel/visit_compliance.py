"""Visit compliance: caseworker visits, family visitation and supervisory staffing.

Every check has the shape shared by all practicemodel rules (see
[`practicemodel.findings`][practicemodel.findings]): pure functions of a case, keyword-only
``policy`` and ``as_of``, returning [`Finding`][practicemodel.findings.Finding]s. Nothing
reads a clock or a file; only junk input raises
([`InvalidInputError`][practicemodel.errors.InvalidInputError]).

**The month rule** (42 USC 622(b)(17), 624(f); 679b(a)(6) [practice for the month rule]):
a child is evaluated for each calendar month the child was in foster care for the *whole*
month (the month a child enters or leaves mid-month is not evaluated; leaving on the last day
of a month keeps that month). The month complies if at least one completed in-person
caseworker visit with the child occurred in it. Only months that have *ended* by ``as_of``
are evaluated: the current month can still be met. A visit counts wherever it happened;
visits in the child's residence are counted separately for the residence share.

**Periods.** The checks look at a period ending on ``as_of``: by default the 12 months ending
on it (``period_start`` is ``as_of`` minus 12 calendar months, plus one day). A month is
evaluated only if it lies wholly inside the period.

**Rule ids** (frequency and quality are separate findings, as CFSR items 14–15 rate them):

- ``visits.child_monthly``, ``visits.child_residence``, ``visits.child_quality`` per child
  in care;
- ``visits.parent_frequency``, ``visits.parent_quality`` per mother and father;
- ``visitation.arranged``, ``visitation.not_contingent``, ``visitation.frequency_held``,
  ``visitation.supervision``, ``visitation.goodbye_visit`` per child in care (seed 003,
  *Family Engagement in Case Planning & Case Management*, slides 53–55);
- ``staffing.monthly``, ``staffing.topics`` per case (seed 002, *Mississippi CFSR Round 3
  Program Improvement Plan*, Goal 3, Strategy 1).

Results never depend on the order of records: findings are sorted by rule and subject id,
and lists in explanations are sorted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import attrs

from practicemodel._arguments import (
    case_arg,
    date_arg,
    in_effect_arg,
    optional_date_arg,
    policy_arg,
)
from practicemodel.case import Case
from practicemodel.caseplan import CasePlan, VisitationArrangement, VisitorKind
from practicemodel.errors import DateOutOfRangeError, InvalidArgumentError, InvalidInputError
from practicemodel.findings import Fact, Finding, Outcome, word_list
from practicemodel.people import ParentRole, RelationshipKind
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE, add_months, month_end, whole_months
from practicemodel.placement import Placement, PlacementSetting
from practicemodel.policy import PolicyProfile, ResidenceComparison
from practicemodel.rules import get_rule
from practicemodel.staffing import StaffingTopic
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactTopic,
    FamilyVisitStatus,
)

__all__ = [
    "CHILD_QUALITY_TOPICS",
    "CONTINGENT_WORDS",
    "ChildVisitMonths",
    "FederalVisitFigures",
    "VisitMonth",
    "child_visit_compliance",
    "default_period_start",
    "federal_visit_figures",
    "visit_findings",
]

CHILD_QUALITY_TOPICS: tuple[ContactTopic, ...] = (
    ContactTopic.SAFETY, ContactTopic.PERMANENCY, ContactTopic.WELL_BEING,
    ContactTopic.CASE_PLAN_PROGRESS,
)
"""Topics every caseworker visit with a child should cover (CFSR item 14 [practice])."""


_PARENT_NEEDS_TOPICS = frozenset({ContactTopic.NEEDS, ContactTopic.SERVICES})

CONTINGENT_WORDS: tuple[tuple[str, bool], ...] = (
    ("contingent", True), ("only if", True), ("provided that", True), ("as long as", True),
    ("earn", True), ("reward", True), ("privilege", True), ("punish", True),
    ("sanction", True), ("clean drug screen", True), ("negative drug screen", True),
    ("if ", False), ("unless", False), ("compliance", False), ("complies", False),
    ("comply", False), ("compliant", False),
)
"""Words that make a visitation condition look like a reward or punishment (seed 003
slide 53: visiting is "a child's right, not a parent's privilege" and never "a reward or
punishment"). Each is matched case-insensitively at the start of a word; ``True`` marks words
that decide (``not_met``), ``False`` words that only suggest it (``needs_review``: "if" may
state a safety condition, not a reward)."""

_PATTERNS = tuple((word, strong, re.compile(r"\b" + re.escape(word.strip()) +
                                            (r"\b" if word.endswith(" ") else ""),
                                            re.IGNORECASE))
                  for word, strong in CONTINGENT_WORDS)


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


# -- helpers --------------------------------------------------------------------------------


def _check_args(case: object, policy: object, as_of: object, period_start: object) -> None:
    case_arg(case)
    profile = policy_arg(policy)
    end = date_arg(as_of)
    in_effect_arg(profile, end)
    start = optional_date_arg(period_start, "period_start")
    if start is not None and start > end:
        raise InvalidArgumentError(f"'period_start' ({period_start}) must not be after "
                                   f"'as_of' ({as_of})")


def default_period_start(as_of: date) -> date:
    """Return the first day of the 12 months ending on ``as_of``.

    >>> default_period_start(date(2026, 11, 22))
    datetime.date(2025, 11, 23)
    """
    return add_months(as_of, -12) + timedelta(days=1)


def _months_in(start: date, end: date | None, period_start: date,
               as_of: date) -> Iterator[tuple[int, int]]:
    """Whole months of [start, end] lying in [period_start, as_of] and ended by ``as_of``."""
    for year, month in whole_months(start, end, as_of):
        if date(year, month, 1) >= period_start and month_end(year, month) <= as_of:
            yield year, month


def _finding(rule: str, outcome: Outcome, subject_id: str, subject: str, explanation: str,
             facts: Iterable[tuple[str, str]]) -> Finding:
    """A finding of ``rule``, with the components and source the registry declares for it."""
    info = get_rule(rule)
    return Finding(rule=rule, outcome=outcome, subject_id=subject_id, subject=subject,
                   explanation=explanation,
                   facts=tuple(Fact(label=label, value=value) for label, value in facts),
                   components=info.components, source=info.source)


def _name(case: Case, person_id: str) -> str:
    for person in case.people:
        if person.id == person_id:
            return f"{person.name} ({person_id})"
    return person_id


def _share(value: float | None) -> str:
    return "(none)" if value is None else f"{value:.1%}"


def _compare(share: float, policy: PolicyProfile) -> bool:
    if policy.residence_comparison is ResidenceComparison.AT_LEAST:
        return share >= policy.residence_visit_share
    return share > policy.residence_visit_share


def _in_person_with(case: Case, person_id: str) -> list[CaseworkerContact]:
    return sorted((c for c in case.contacts if c.in_person and person_id in c.person_ids),
                  key=lambda c: (c.occurred_on, c.id))


# -- monthly child visits -------------------------------------------------------------------


def _child_months(case: Case, child_id: str, period_start: date,
                  as_of: date) -> ChildVisitMonths:
    visits: dict[tuple[int, int], list[CaseworkerContact]] = {}
    for contact in _in_person_with(case, child_id):
        visits.setdefault((contact.occurred_on.year, contact.occurred_on.month),
                          []).append(contact)
    months: dict[tuple[int, int], VisitMonth] = {}
    episodes = sorted((e for e in case.removal_episodes if e.child_id == child_id),
                      key=lambda e: (e.removed_on, e.id))
    for episode in episodes:
        if episode.removed_on > as_of:
            continue
        end = episode.exit_on if episode.exit_on is not None and episode.exit_on <= as_of \
            else None
        for key in _months_in(episode.removed_on, end, period_start, as_of):
            found = visits.get(key, [])
            months.setdefault(key, VisitMonth(
                year=key[0], month=key[1], episode_id=episode.id,
                visit_ids=tuple(c.id for c in found),
                in_residence=sum(1 for c in found
                                 if c.location is ContactLocation.CHILD_RESIDENCE)))
    return ChildVisitMonths(child_id=child_id, period_start=period_start, period_end=as_of,
                            months=tuple(months[k] for k in sorted(months)))


def child_visit_compliance(case: Case, child_id: str, *, policy: PolicyProfile, as_of: date,
                           period_start: date | None = None) -> ChildVisitMonths:
    """Return the monthly caseworker visit record of ``child_id`` over a period.

    Sources: 42 USC 622(b)(17), 624(f); the whole-month rule of 679b(a)(6) reporting [practice].

    Evaluates each calendar month the child was in foster care for the whole month, under
    any removal episode, that lies wholly in ``[period_start, as_of]`` and has ended by
    ``as_of``. ``period_start`` defaults to the start of the 12 months ending on ``as_of``.
    A month complies if at least one completed in-person caseworker visit with the child
    occurred in it (any location); ``in_residence`` counts those in the child's residence.

    Raises:
        InvalidInputError: not a case, policy, date or child id string.
        InvalidArgumentError: ``period_start`` after ``as_of``, or ``child_id`` not a
            child of the case.
        DateOutOfRangeError: a date lies outside the supported range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    _check_args(case, policy, as_of, period_start)
    if not isinstance(child_id, str):
        raise InvalidInputError(f"'child_id' must be a str (got {child_id!r})")
    if child_id not in case.child_ids:
        raise InvalidArgumentError(f"'child_id' must be a child of case {case.id!r} (got "
                                   f"{child_id!r}; children: {', '.join(case.child_ids)})")
    start = period_start if period_start is not None else default_period_start(as_of)
    return _child_months(case, child_id, start, as_of)


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
        for child_id in case.child_ids:
            record = _child_months(case, child_id, start, end)
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
        residence_target_met=None if residence is None else _compare(residence, policy))


# -- findings -------------------------------------------------------------------------------


def _children_in_care(case: Case, period_start: date, as_of: date) -> list[str]:
    return sorted({e.child_id for e in case.removal_episodes
                   if e.removed_on <= as_of and (e.exit_on is None or e.exit_on >= period_start)
                   and e.child_id in case.child_ids})


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, start: date,
                    as_of: date) -> Iterator[Finding]:
    record = _child_months(case, child_id, start, as_of)
    subject = f"caseworker visits with {_name(case, child_id)}"
    months = ", ".join(m.label for m in record.months) or "(none)"
    facts = [("period", f"{start} to {as_of}"), ("months evaluated", months),
             ("months with a visit", f"{record.months_visited} of {len(record.months)}"),
             ("months missed", ", ".join(record.missed) or "(none)")]
    if not policy.caseworker_visits_with_child_monthly:
        yield _finding("visits.child_monthly", Outcome.NOT_APPLICABLE, child_id, subject,
                       f"The {policy.code} profile does not require monthly caseworker visits.",
                       facts)
    elif not record.months:
        yield _finding("visits.child_monthly", Outcome.NOT_APPLICABLE, child_id, subject,
                       "The child was not in care for a whole calendar month in the period "
                       "that has ended.", facts)
    elif record.every_month:
        yield _finding("visits.child_monthly", Outcome.MET, child_id, subject,
                       f"Visited in person in every one of the {len(record.months)} months the "
                       "child was in care for the whole month.", facts)
    else:
        yield _finding("visits.child_monthly", Outcome.NOT_MET, child_id, subject,
                       f"No in-person caseworker visit in {', '.join(record.missed)} "
                       f"({len(record.missed)} of {len(record.months)} months in care for the "
                       "whole month).", facts)
    share = record.residence_share
    wanted = (f"{policy.residence_comparison.value.replace('_', ' ')} "
              f"{policy.residence_visit_share:.0%}")
    rfacts = [("visits in evaluated months", str(record.visits)),
              ("in the child's residence", str(record.in_residence)),
              ("share", _share(share)), ("required", wanted)]
    if share is None:
        yield _finding("visits.child_residence", Outcome.NOT_APPLICABLE, child_id, subject,
                       "No in-person visits in the evaluated months.", rfacts)
    else:
        ok = _compare(share, policy)
        yield _finding("visits.child_residence", Outcome.MET if ok else Outcome.NOT_MET,
                       child_id, subject,
                       f"{record.in_residence} of {record.visits} visits ({share:.1%}) were in "
                       f"the child's residence; the {policy.code} profile requires {wanted}.",
                       rfacts)
    yield _child_quality(case, child_id, start, as_of, subject, policy)


def _child_quality(case: Case, child_id: str, start: date, as_of: date,
                   subject: str, policy: PolicyProfile) -> Finding:
    contacts = [c for c in _in_person_with(case, child_id) if start <= c.occurred_on <= as_of]
    if not contacts:
        return _finding("visits.child_quality", Outcome.NOT_APPLICABLE, child_id, subject,
                        "No in-person visits in the period to judge.", [])
    problems: list[str] = []
    unknown: list[str] = []
    child = next((p for p in case.people if p.id == child_id), None)
    for c in contacts:
        gaps = []
        age = child.age_on(c.occurred_on) if child is not None else None
        old_enough = age is None or age >= policy.private_time_min_age
        if old_enough and child_id not in c.private_with_ids:
            gaps.append("no private time with the child")
        missing = [t.value for t in CHILD_QUALITY_TOPICS if t not in c.topics]
        if missing:
            gaps.append("did not cover " + ", ".join(missing))
        if c.setting_suitable is False:
            gaps.append("setting not suitable for open conversation")
        if gaps:
            problems.append(f"{c.id} ({c.occurred_on}): {'; '.join(gaps)}")
        elif c.setting_suitable is None:
            unknown.append(c.id)
    facts = [("visits judged", str(len(contacts))),
             ("visits with gaps", str(len(problems))),
             ("setting not recorded", word_list(unknown))]
    if problems:
        return _finding("visits.child_quality", Outcome.NOT_MET, child_id, subject,
                        "Visits fell short of quality: " + " | ".join(problems) + ".", facts)
    if unknown:
        return _finding("visits.child_quality", Outcome.NEEDS_REVIEW, child_id, subject,
                        f"Whether the setting allowed open conversation is not recorded for "
                        f"{word_list(unknown)}.", facts)
    return _finding("visits.child_quality", Outcome.MET, child_id, subject,
                    f"All {len(contacts)} visits included private time with the child (from "
                    f"age {policy.private_time_min_age}), covered safety, permanency, "
                    "well-being and case plan progress, in a suitable setting.", facts)


def _parents(case: Case, children: list[str], as_of: date) -> dict[str, tuple[date | None, str]]:
    """Mothers and fathers of ``children``: the last day visits are due, and a reason if none.

    The last day is the case closing, termination of parental rights without a recorded
    reason for continued involvement, or death — the latest across the parent's children.
    """
    out: dict[str, tuple[date | None, str]] = {}
    for rel in sorted(case.relationships, key=lambda r: (r.adult_id, r.child_id)):
        if rel.child_id not in children or rel.parent_role not in (ParentRole.MOTHER,
                                                                  ParentRole.FATHER):
            continue
        person = next((p for p in case.people if p.id == rel.adult_id), None)
        reason = ""
        if person is not None and not person.whereabouts_known and person.diligent_searches:
            reason = "whereabouts unknown after a diligent search"
        ends = [case.closed_on]
        if rel.parental_rights is not None and \
                rel.parental_rights.continued_involvement_reason is None:
            ends.append(rel.parental_rights.terminated_on)
        if person is not None and person.deceased_on is not None:
            ends.append(person.deceased_on)
        end = min((e for e in ends if e is not None), default=None)
        if rel.adult_id in out:
            known, known_reason = out[rel.adult_id]
            end = None if known is None or end is None else max(known, end)
            reason = reason or known_reason
        out[rel.adult_id] = (end, reason)
    return out


def _parent_findings(case: Case, children: list[str], policy: PolicyProfile, start: date,
                     as_of: date) -> Iterator[Finding]:
    for parent_id, (end, reason) in sorted(_parents(case, children, as_of).items()):
        subject = f"caseworker visits with {_name(case, parent_id)}"
        if reason:
            for rule in ("visits.parent_frequency", "visits.parent_quality"):
                yield _finding(rule, Outcome.NOT_APPLICABLE, parent_id, subject,
                               f"Not applicable: {reason}.", [])
            continue
        contacts = _in_person_with(case, parent_id)
        by_month = {(c.occurred_on.year, c.occurred_on.month) for c in contacts}
        months = list(_months_in(case.opened_on, end, start, as_of))
        missed = [f"{y}-{m:02d}" for y, m in months if (y, m) not in by_month]
        facts = [("period", f"{start} to {as_of}"),
                 ("months evaluated", str(len(months))),
                 ("months missed", ", ".join(missed) or "(none)")]
        if not policy.caseworker_visits_with_parents_monthly:
            yield _finding("visits.parent_frequency", Outcome.NOT_APPLICABLE, parent_id,
                           subject, f"The {policy.code} profile does not require monthly "
                           "visits with parents.", facts)
        elif not months:
            yield _finding("visits.parent_frequency", Outcome.NOT_APPLICABLE, parent_id,
                           subject, "No whole month in the period in which visits were due.",
                           facts)
        elif missed:
            yield _finding("visits.parent_frequency", Outcome.NOT_MET, parent_id, subject,
                           f"No in-person caseworker visit in {', '.join(missed)} "
                           f"({len(missed)} of {len(months)} months).", facts)
        else:
            yield _finding("visits.parent_frequency", Outcome.MET, parent_id, subject,
                           f"Visited in person in every one of the {len(months)} months.",
                           facts)
        yield _parent_quality(parent_id, subject,
                              [c for c in contacts if start <= c.occurred_on <= as_of])


def _parent_quality(parent_id: str, subject: str,
                    contacts: list[CaseworkerContact]) -> Finding:
    if not contacts:
        return _finding("visits.parent_quality", Outcome.NOT_APPLICABLE, parent_id, subject,
                        "No in-person visits in the period to judge.", [])
    problems: list[str] = []
    unknown: list[str] = []
    for c in contacts:
        gaps = []
        if ContactTopic.CASE_PLAN_PROGRESS not in c.topics:
            gaps.append("did not cover case plan progress")
        if not _PARENT_NEEDS_TOPICS & set(c.topics):
            gaps.append("did not cover needs or services")
        if c.setting_suitable is False:
            gaps.append("setting not suitable for open conversation")
        if gaps:
            problems.append(f"{c.id} ({c.occurred_on}): {'; '.join(gaps)}")
        elif c.setting_suitable is None:
            unknown.append(c.id)
    facts = [("visits judged", str(len(contacts))), ("visits with gaps", str(len(problems))),
             ("setting not recorded", word_list(unknown))]
    if problems:
        return _finding("visits.parent_quality", Outcome.NOT_MET, parent_id, subject,
                        "Visits fell short of quality: " + " | ".join(problems) + ".", facts)
    if unknown:
        return _finding("visits.parent_quality", Outcome.NEEDS_REVIEW, parent_id, subject,
                        f"Whether the setting allowed open conversation is not recorded for "
                        f"{word_list(unknown)}.", facts)
    return _finding("visits.parent_quality", Outcome.MET, parent_id, subject,
                    f"All {len(contacts)} visits covered case plan progress and needs or "
                    "services, in a suitable setting.", facts)


# -- family visitation ----------------------------------------------------------------------


def _plan_spans(case: Case, child_id: str, start: date,
                as_of: date) -> list[tuple[CasePlan, date, date]]:
    """Plans for the child in effect during the period, each with the days it governed."""
    plans = sorted((p for p in case.plans if child_id in p.child_ids and p.completed_on <= as_of),
                   key=lambda p: (p.completed_on, p.id))
    spans = []
    for i, plan in enumerate(plans):
        stop = plans[i + 1].completed_on - timedelta(days=1) if i + 1 < len(plans) else as_of
        first = max(plan.completed_on, start)
        if first <= stop:
            spans.append((plan, first, stop))
    return spans


def _planned(arrangement: VisitationArrangement, first: date, stop: date) -> int:
    """Visits planned: ``times`` per whole frequency window from ``first`` through ``stop``.

    A period is at most a century (``practicemodel.periods.MAX_PERIOD_COUNTS``) and dates at
    most 2199-12-31, so a window's end is always a valid date.
    """
    windows, cursor = 0, first
    per = arrangement.frequency.per
    while True:
        following = per.after(cursor)
        if following <= cursor or following - timedelta(days=1) > stop:
            return windows * arrangement.frequency.times
        windows, cursor = windows + 1, following


def _matches(condition: str) -> list[tuple[str, bool]]:
    return [(word.strip(), strong) for word, strong, pattern in _PATTERNS
            if pattern.search(condition)]


def _visitation_findings(case: Case, child_id: str, start: date,
                         as_of: date) -> Iterator[Finding]:
    subject = f"family visitation of {_name(case, child_id)}"
    spans = _plan_spans(case, child_id, start, as_of)
    latest = spans[-1][0] if spans else None
    arrangements = sorted((a for a in latest.visitation if a.child_id == child_id),
                          key=lambda a: a.id) if latest is not None else []
    rels = case.relationships_of(child_id)
    terminated = sorted(r.adult_id for r in rels if r.parent_role is not None
                        and r.parental_rights is not None
                        and r.parental_rights.terminated_on <= as_of)
    available = sorted({r.adult_id for r in rels if r.parent_role is not None
                        and r.adult_id not in terminated
                        and _alive(case, r.adult_id, as_of)})
    siblings = sorted({r.adult_id for r in rels if r.kind is RelationshipKind.SIBLING})
    # Siblings living in the same placement as the child on the child's last day in care in
    # the period need no sibling visits (CFSR items 7 and 8 [practice]); the others do.
    last_in_care = _last_day_in_care(case, child_id, as_of)
    together = _placed_together(case, child_id, siblings, last_in_care) \
        if last_in_care is not None else []
    apart = [s for s in siblings if s not in together]
    kinds = {a.visitor_kind for a in arrangements}
    goal = latest.permanency_goal.value if latest and latest.permanency_goal else "(none)"
    facts = [("latest plan", latest.id if latest else "(none)"), ("permanency goal", goal),
             ("arrangements", word_list(f"{a.id} ({a.visitor_kind.value})" for a in arrangements)),
             ("parents", word_list(available)), ("siblings in the case", word_list(siblings)),
             ("siblings placed together", word_list(together))]
    if latest is None:
        yield _finding("visitation.arranged", Outcome.NOT_MET, child_id, subject,
                       "No case plan in effect in the period arranges family visitation.",
                       facts)
    elif available and VisitorKind.PARENT not in kinds:
        yield _finding("visitation.arranged", Outcome.NOT_MET, child_id, subject,
                       f"Plan {latest.id} arranges no visits with the parents "
                       f"({', '.join(available)}); visitation is arranged even when the goal "
                       f"is not return home (goal: {goal}).", facts)
    elif apart and VisitorKind.SIBLING not in kinds:
        yield _finding("visitation.arranged", Outcome.NEEDS_REVIEW, child_id, subject,
                       f"Plan {latest.id} arranges no sibling visits with "
                       f"{', '.join(apart)}; a person should check whether the siblings "
                       "live together.", facts)
    else:
        together_note = (f"; siblings placed with the child on {last_in_care}: "
                         f"{', '.join(together)}" if together else "")
        yield _finding("visitation.arranged", Outcome.MET, child_id, subject,
                       f"Plan {latest.id} arranges family visitation "
                       f"({word_list(k.value for k in kinds)}){together_note}.", facts)
    yield from _contingent(child_id, subject, spans)
    yield _frequency_held(case, child_id, subject, spans)
    if arrangements:
        levels = word_list(f"{a.id}: {a.supervision.value}" for a in arrangements)
        yield _finding("visitation.supervision", Outcome.MET, child_id, subject,
                       f"Supervision recorded: {levels}.", [("supervision", levels)])
    else:
        yield _finding("visitation.supervision", Outcome.NOT_APPLICABLE, child_id, subject,
                       "No visitation arrangement in the latest plan.", [])
    yield _goodbye(child_id, subject, spans, terminated)


def _placement_on(case: Case, child_id: str, day: date) -> Placement | None:
    """The child's out-of-home placement on ``day``, if any."""
    return next((placement for episode in case.episodes_for(child_id)
                 if episode.is_open_on(day)
                 and (placement := episode.placement_on(day)) is not None), None)


def _last_day_in_care(case: Case, child_id: str, as_of: date) -> date | None:
    """The last day on or before ``as_of`` that the child was in out-of-home care."""
    days = [min(e.exit_on or as_of, as_of) for e in case.episodes_for(child_id)
            if e.removed_on <= as_of]
    return max(days, default=None)


def _placed_together(case: Case, child_id: str, siblings: list[str], day: date) -> list[str]:
    """Siblings living with the child on ``day``: both in placements of the same setting with
    the same caregivers and provider (at least one of them recorded)."""
    mine = _placement_on(case, child_id, day)
    if mine is None or mine.setting is PlacementSetting.RUNAWAY or not (
            mine.caregiver_ids or mine.provider):
        return []
    together = []
    for sibling in siblings:
        theirs = _placement_on(case, sibling, day)
        if theirs is not None and theirs.setting is mine.setting and \
                set(theirs.caregiver_ids) == set(mine.caregiver_ids) and \
                theirs.provider == mine.provider:
            together.append(sibling)
    return together


def _alive(case: Case, person_id: str, as_of: date) -> bool:
    person = next((p for p in case.people if p.id == person_id), None)
    return person is None or person.deceased_on is None or person.deceased_on > as_of


def _contingent(child_id: str, subject: str,
                spans: list[tuple[CasePlan, date, date]]) -> Iterator[Finding]:
    hits: list[str] = []
    strong = False
    conditions = 0
    for plan, _, _ in spans:
        for arrangement in sorted(plan.visitation, key=lambda a: a.id):
            if arrangement.child_id != child_id:
                continue
            for condition in arrangement.conditions:
                conditions += 1
                found = _matches(condition)
                if found:
                    strong = strong or any(s for _, s in found)
                    words = ", ".join(f'"{w}"' for w, _ in found)
                    hits.append(f'{plan.id}/{arrangement.id}: "{condition}" ({words})')
    facts = [("conditions", str(conditions)), ("flagged", str(len(hits)))]
    if not hits:
        yield _finding("visitation.not_contingent", Outcome.MET, child_id, subject,
                       "No visitation condition makes visits a reward or punishment."
                       if conditions else "No conditions are put on visits.", facts)
        return
    yield _finding("visitation.not_contingent",
                   Outcome.NOT_MET if strong else Outcome.NEEDS_REVIEW, child_id, subject,
                   "Visits must never be a reward or punishment; conditions that read as one: "
                   + "; ".join(sorted(hits)) + ".", facts)


def _frequency_held(case: Case, child_id: str, subject: str,
                    spans: list[tuple[CasePlan, date, date]]) -> Finding:
    visits = case.visits_of(child_id)
    lines: list[str] = []
    short = False
    total_planned = total_held = 0
    for plan, first, stop in spans:
        for a in sorted(plan.visitation, key=lambda x: x.id):
            if a.child_id != child_id:
                continue
            planned = _planned(a, first, stop)
            in_span = [fv for fv in visits if first <= fv.scheduled_on <= stop
                       and fv.visitor_kind is a.visitor_kind
                       and set(fv.visitor_ids) & set(a.visitor_ids)]
            held = sum(1 for fv in in_span if fv.status is FamilyVisitStatus.HELD)
            missed = {s.value: sum(1 for fv in in_span if fv.status is s)
                      for s in FamilyVisitStatus if s is not FamilyVisitStatus.HELD}
            missed_words = ", ".join(f"{k} {n}" for k, n in sorted(missed.items()) if n)
            lines.append(f"{a.id} ({a.frequency}, {first} to {stop}): held {held} of "
                         f"{planned} planned" + (f"; {missed_words}" if missed_words else ""))
            short = short or held < planned
            total_planned += planned
            total_held += held
    facts = [("planned", str(total_planned)), ("held", str(total_held))]
    if not lines:
        return _finding("visitation.frequency_held", Outcome.NOT_APPLICABLE, child_id, subject,
                        "No visitation arrangement in effect in the period.", facts)
    return _finding("visitation.frequency_held", Outcome.NOT_MET if short else Outcome.MET,
                    child_id, subject, "; ".join(lines) + ".", facts)


def _goodbye(child_id: str, subject: str, spans: list[tuple[CasePlan, date, date]],
             terminated: list[str]) -> Finding:
    if not terminated:
        return _finding("visitation.goodbye_visit", Outcome.NOT_APPLICABLE, child_id, subject,
                        "No parent's rights to the child have been terminated.", [])
    considered: dict[str, bool | None] = dict.fromkeys(terminated)
    for plan, _, _ in spans:
        for a in plan.visitation:
            if a.child_id != child_id or a.goodbye_visit_considered is None:
                continue
            for parent in set(a.visitor_ids) & set(terminated):
                considered[parent] = bool(considered[parent]) or a.goodbye_visit_considered
    facts = [(f"goodbye visit considered ({p})", "(not recorded)" if v is None else str(v).lower())
             for p, v in sorted(considered.items())]
    missing = sorted(p for p, v in considered.items() if not v)
    if missing:
        return _finding("visitation.goodbye_visit", Outcome.NOT_MET, child_id, subject,
                        f"Parental rights of {', '.join(missing)} were terminated and no plan "
                        "records that a goodbye visit was considered.", facts)
    return _finding("visitation.goodbye_visit", Outcome.MET, child_id, subject,
                    "A goodbye visit was considered for every parent whose rights were "
                    "terminated.", facts)


# -- staffing -------------------------------------------------------------------------------


def _staffing_findings(case: Case, policy: PolicyProfile, start: date,
                       as_of: date) -> Iterator[Finding]:
    subject = f"supervisory staffing of case {case.id}"
    if not policy.supervisory_staffing_monthly:
        for rule in ("staffing.monthly", "staffing.topics"):
            yield _finding(rule, Outcome.NOT_APPLICABLE, case.id, subject,
                           f"The {policy.code} profile does not require monthly supervisory "
                           "staffing.", [])
        return
    staffings = sorted((s for s in case.staffings if start <= s.held_on <= as_of),
                       key=lambda s: (s.held_on, s.id))
    held = {(s.held_on.year, s.held_on.month) for s in staffings}
    months = list(_months_in(case.opened_on, case.closed_on, start, as_of))
    missed = [f"{y}-{m:02d}" for y, m in months if (y, m) not in held]
    facts = [("period", f"{start} to {as_of}"), ("months evaluated", str(len(months))),
             ("staffings", str(len(staffings))), ("months missed", ", ".join(missed) or "(none)")]
    if not months:
        yield _finding("staffing.monthly", Outcome.NOT_APPLICABLE, case.id, subject,
                       "The case was not open for a whole month in the period.", facts)
    elif missed:
        yield _finding("staffing.monthly", Outcome.NOT_MET, case.id, subject,
                       f"No supervisory staffing in {', '.join(missed)} ({len(missed)} of "
                       f"{len(months)} months).", facts)
    else:
        yield _finding("staffing.monthly", Outcome.MET, case.id, subject,
                       f"Staffed in every one of the {len(months)} months.", facts)
    covered = {t for s in staffings for t in s.topics}
    youth = any(p.id in case.child_ids and p.birth_date is not None
                and add_months(p.birth_date, 12 * policy.independent_living_min_age) <= as_of
                for p in case.people)
    expected = [t for t in StaffingTopic
                if t is not StaffingTopic.INDEPENDENT_LIVING or youth]
    never = [t.value for t in expected if t not in covered]
    tfacts = [("topics covered", word_list(t.value for t in covered)),
              ("never covered", ", ".join(never) or "(none)")]
    if not staffings:
        yield _finding("staffing.topics", Outcome.NOT_MET, case.id, subject,
                       "No supervisory staffing in the period.", tfacts)
    elif never:
        yield _finding("staffing.topics", Outcome.NEEDS_REVIEW, case.id, subject,
                       f"Never covered in the period: {', '.join(never)}; a supervisor should "
                       "judge whether each applied to this case.", tfacts)
    else:
        yield _finding("staffing.topics", Outcome.MET, case.id, subject,
                       "Every staffing topic was covered in the period.", tfacts)


def visit_findings(case: Case, *, policy: PolicyProfile, as_of: date,
                   period_start: date | None = None) -> tuple[Finding, ...]:
    """Return every visit, family visitation and staffing finding for ``case``.

    Sources: 42 USC 622(b)(17), 624(f); CFSR items 14-15 [practice]; seed 003 slides 53-55; seed
    002 (monthly staffing).

    Children in care are those with a removal episode overlapping ``[period_start, as_of]``;
    parents are the mothers and fathers of those children, visits due until the case
    closes, their rights are terminated without a recorded reason for continued involvement,
    or they die (not applicable when their whereabouts are unknown after a diligent search).
    Parent visits are evaluated over the whole months the case was open in the period.
    ``period_start`` defaults to the start of the 12 months ending on ``as_of``.

    Raises:
        InvalidInputError: not a case, policy or date.
        InvalidArgumentError: ``period_start`` after ``as_of``.
        DateOutOfRangeError: a date lies outside the supported range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    _check_args(case, policy, as_of, period_start)
    start = period_start if period_start is not None else default_period_start(as_of)
    children = _children_in_care(case, start, as_of)
    findings: list[Finding] = []
    for child_id in children:
        findings.extend(_child_findings(case, child_id, policy, start, as_of))
        findings.extend(_visitation_findings(case, child_id, start, as_of))
    findings.extend(_parent_findings(case, children, policy, start, as_of))
    findings.extend(_staffing_findings(case, policy, start, as_of))
    return tuple(sorted(findings, key=lambda f: (f.rule, f.subject_id)))
