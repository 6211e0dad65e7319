"""Caseworker visits with children and parents: ``visits.*`` (CFSR items 14 and 15).

**The month rule** (42 USC 622(b)(17), 624(f); 679b(a)(6) [practice for the month rule]):
a child is judged for each calendar month the child was in foster care for the *whole*
month (the month a child enters or leaves mid-month is not judged; leaving on the last day
of a month keeps that month). The month complies if at least one completed in-person
caseworker visit with the child occurred in it, wherever it happened; visits in the child's
residence are counted separately for the residence share. A parent is judged for each whole
month the case was open while visits with them were due. Which months count and who is due
visits are answered once, in [`practicemodel.monthly`][practicemodel.monthly], for these
rules and the schedule alike.

**The period under review** ends on ``as_of`` and spans the profile's
``review_period_months`` (12): ``as_of`` minus 12 calendar months, plus one day. Only months
lying wholly inside it and ended by ``as_of`` are judged: the current month can still be met.

Frequency and quality are separate findings, as CFSR items 14 and 15 rate them:
``visits.child_monthly``, ``visits.child_residence`` and ``visits.child_quality`` for each
child in care in the period; ``visits.parent_frequency`` and ``visits.parent_quality`` for
each mother and father of a child of the case (foster care and in-home cases alike). Each
rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``; its findings
are sorted by subject id.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import Explanation, Finding, Outcome, word_list
from practicemodel.monthly import (
    _care_in,
    _in_person_between,
    _in_person_months,
    _label,
    _open_in,
    _period,
    parents_due_visits,
    residence_share_met,
)
from practicemodel.people import Person
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import shared
from practicemodel.rules._visiting import (
    _children_in_care,
    _facts,
    _finding,
    _grouped,
    _monthly_outcome,
    _name,
    _people,
    _period_start,
    _share,
)
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactTopic,
)

__all__ = [
    "CHILD_QUALITY_TOPICS",
    "child_monthly",
    "child_quality",
    "child_residence",
    "parent_frequency",
    "parent_quality",
]


CHILD_QUALITY_TOPICS: tuple[ContactTopic, ...] = (
    ContactTopic.SAFETY, ContactTopic.PERMANENCY, ContactTopic.WELL_BEING,
    ContactTopic.CASE_PLAN_PROGRESS,
)
"""Topics every caseworker visit with a child should cover (CFSR item 14 [practice])."""


_PARENT_NEEDS_TOPICS = frozenset({ContactTopic.NEEDS, ContactTopic.SERVICES})

_NO_VISITS = "No in-person visits in the period to judge."


def _subject(person: Person | None, person_id: str) -> str:
    return f"caseworker visits with {_name(person, person_id)}"


def _quality_outcome(contacts: Sequence[CaseworkerContact],
                     gaps: Callable[[CaseworkerContact], list[str]]) -> Outcome:
    """The outcome of a quality rule: not applicable without visits, not met when a visit
    lacked something, needs review when a setting is not recorded, else met."""
    if not contacts:
        return Outcome.NOT_APPLICABLE
    if any(gaps(c) for c in contacts):
        return Outcome.NOT_MET
    if any(c.setting_suitable is None for c in contacts):
        return Outcome.NEEDS_REVIEW
    return Outcome.MET


def _labels(months: Iterable[int]) -> str:
    return ", ".join(_label(index) for index in months) or "(none)"


# -- children ------------------------------------------------------------------------------
# Each rule decides its outcome from counts and month numbers; the ``*_words`` functions put
# a finding in words from the same values when it is read.


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, start: date,
                    as_of: date) -> Iterator[Finding]:
    child = _people(case).get(child_id)
    visits = _in_person_months(case).get(child_id, {})
    months = tuple(index for index, _ in _care_in(case, child_id, _period(start, as_of), as_of))
    missed = tuple(index for index in months if index not in visits)
    outcome = _monthly_outcome(policy.caseworker_visits_with_child_monthly, months, missed)
    yield _finding("visits.child_monthly", outcome, child_id, _child_monthly_words, outcome,
                   child, child_id, policy, start, as_of, months, missed, child_id=child_id)

    in_months = [c for index in months for c in visits.get(index, ())]
    in_residence = sum(1 for c in in_months if c.location is ContactLocation.CHILD_RESIDENCE)
    if not in_months:
        outcome = Outcome.NOT_APPLICABLE
    else:
        met = residence_share_met(in_residence / len(in_months), policy)
        outcome = Outcome.MET if met else Outcome.NOT_MET
    yield _finding("visits.child_residence", outcome, child_id, _child_residence_words, child,
                   child_id, policy, len(in_months), in_residence, child_id=child_id)

    contacts = _in_person_between(case, child_id, start, as_of)
    min_age = policy.private_time_min_age
    outcome = _quality_outcome(contacts, lambda c: _child_gaps(c, child, child_id, min_age))
    yield _finding("visits.child_quality", outcome, child_id, _child_quality_words, outcome,
                   child, child_id, min_age, contacts, child_id=child_id)


def _child_monthly_words(outcome: Outcome, child: Person | None, child_id: str,
                         policy: PolicyProfile, start: date, as_of: date,
                         months: tuple[int, ...], missed: tuple[int, ...]) -> Explanation:
    if not policy.caseworker_visits_with_child_monthly:
        why = f"The {policy.code} profile does not require monthly caseworker visits."
    elif outcome is Outcome.NOT_APPLICABLE:
        why = ("The child was not in care for a whole calendar month in the period that has "
               "ended.")
    elif outcome is Outcome.MET:
        why = (f"Visited in person in every one of the {len(months)} months the child was in "
               "care for the whole month.")
    else:
        why = (f"No in-person caseworker visit in {_labels(missed)} ({len(missed)} of "
               f"{len(months)} months in care for the whole month).")
    return _subject(child, child_id), why, _facts(
        ("period start", start), ("period end", as_of), ("months evaluated", _labels(months)),
        ("months with a visit", f"{len(months) - len(missed)} of {len(months)}"),
        ("months missed", _labels(missed)))


def _child_residence_words(child: Person | None, child_id: str, policy: PolicyProfile,
                           visits: int, in_residence: int) -> Explanation:
    share = in_residence / visits if visits else None
    wanted = (f"{policy.residence_comparison.value.replace('_', ' ')} "
              f"{policy.residence_visit_share:.0%}")
    if share is None:
        why = "No in-person visits in the evaluated months."
    else:
        why = (f"{in_residence} of {visits} visits ({share:.1%}) were in the child's "
               f"residence; the {policy.code} profile requires {wanted}.")
    return _subject(child, child_id), why, _facts(
        ("visits in evaluated months", visits), ("in the child's residence", in_residence),
        ("share", _share(share)), ("required", wanted))


def _child_gaps(contact: CaseworkerContact, child: Person | None, child_id: str,
                min_age: int) -> list[str]:
    """What a visit with the child lacked ([] for none)."""
    gaps = []
    age = child.age_on(contact.occurred_on) if child is not None else None
    if (age is None or age >= min_age) and child_id not in contact.private_with_ids:
        gaps.append("no private time with the child")
    missing = [t.value for t in CHILD_QUALITY_TOPICS if t not in contact.topics]
    if missing:
        gaps.append("did not cover " + ", ".join(missing))
    if contact.setting_suitable is False:
        gaps.append("setting not suitable for open conversation")
    return gaps


def _child_quality_words(outcome: Outcome, child: Person | None, child_id: str, min_age: int,
                         contacts: tuple[CaseworkerContact, ...]) -> Explanation:
    subject = _subject(child, child_id)
    if not contacts:
        return subject, _NO_VISITS, ()
    return _quality_words(
        outcome, subject, contacts, [_child_gaps(c, child, child_id, min_age) for c in contacts],
        f"All {len(contacts)} visits included private time with the child (from age "
        f"{min_age}), covered safety, permanency, well-being and case plan progress, in a "
        "suitable setting.")


def _quality_words(outcome: Outcome, subject: str, contacts: tuple[CaseworkerContact, ...],
                   gaps: list[list[str]], met: str) -> Explanation:
    """The words of a quality finding, from each visit's gaps."""
    problems = [f"{c.id} ({c.occurred_on}): {'; '.join(found)}"
                for c, found in zip(contacts, gaps, strict=True) if found]
    unknown = [c.id for c, found in zip(contacts, gaps, strict=True)
               if not found and c.setting_suitable is None]
    if outcome is Outcome.NOT_MET:
        why = "Visits fell short of quality: " + " | ".join(problems) + "."
    elif outcome is Outcome.NEEDS_REVIEW:
        why = (f"Whether the setting allowed open conversation is not recorded for "
               f"{word_list(unknown)}.")
    else:
        why = met
    return subject, why, _facts(("visits judged", len(contacts)),
                                ("visits with gaps", len(problems)),
                                ("setting not recorded", word_list(unknown)))


# -- parents -------------------------------------------------------------------------------


def _parent_findings(case: Case, policy: PolicyProfile, start: date,
                     as_of: date) -> Iterator[Finding]:
    people = _people(case)
    visits = _in_person_months(case)
    period = _period(start, as_of)
    for parent in parents_due_visits(case):
        parent_id = parent.parent_id
        person = people.get(parent_id)
        if parent.excluded:
            for rule in ("visits.parent_frequency", "visits.parent_quality"):
                yield _finding(rule, Outcome.NOT_APPLICABLE, parent_id, _excluded_words,
                               person, parent_id, parent.excluded, person_id=parent_id)
            continue
        by_month = visits.get(parent_id, {})
        months = _open_in(case, parent.last_day, period, as_of)
        missed = tuple(index for index in months if index not in by_month)
        outcome = _monthly_outcome(policy.caseworker_visits_with_parents_monthly, months,
                                   missed)
        yield _finding("visits.parent_frequency", outcome, parent_id, _parent_frequency_words,
                       outcome, person, parent_id, policy, start, as_of, len(months), missed,
                       person_id=parent_id)

        contacts = _in_person_between(case, parent_id, start, as_of)
        outcome = _quality_outcome(contacts, _parent_gaps)
        yield _finding("visits.parent_quality", outcome, parent_id, _parent_quality_words,
                       outcome, person, parent_id, contacts, person_id=parent_id)


def _excluded_words(person: Person | None, parent_id: str, excluded: str) -> Explanation:
    return _subject(person, parent_id), f"Not applicable: {excluded}.", ()


def _parent_frequency_words(outcome: Outcome, person: Person | None, parent_id: str,
                            policy: PolicyProfile, start: date, as_of: date, months: int,
                            missed: tuple[int, ...]) -> Explanation:
    if not policy.caseworker_visits_with_parents_monthly:
        why = f"The {policy.code} profile does not require monthly visits with parents."
    elif outcome is Outcome.NOT_APPLICABLE:
        why = "No whole month in the period in which visits were due."
    elif outcome is Outcome.NOT_MET:
        why = (f"No in-person caseworker visit in {_labels(missed)} ({len(missed)} of "
               f"{months} months).")
    else:
        why = f"Visited in person in every one of the {months} months."
    return _subject(person, parent_id), why, _facts(
        ("period start", start), ("period end", as_of), ("months evaluated", months),
        ("months missed", _labels(missed)))


def _parent_gaps(contact: CaseworkerContact) -> list[str]:
    """What a visit with a parent lacked ([] for none)."""
    gaps = []
    if ContactTopic.CASE_PLAN_PROGRESS not in contact.topics:
        gaps.append("did not cover case plan progress")
    if _PARENT_NEEDS_TOPICS.isdisjoint(contact.topics):
        gaps.append("did not cover needs or services")
    if contact.setting_suitable is False:
        gaps.append("setting not suitable for open conversation")
    return gaps


def _parent_quality_words(outcome: Outcome, person: Person | None, parent_id: str,
                          contacts: tuple[CaseworkerContact, ...]) -> Explanation:
    subject = _subject(person, parent_id)
    if not contacts:
        return subject, _NO_VISITS, ()
    return _quality_words(
        outcome, subject, contacts, [_parent_gaps(c) for c in contacts],
        f"All {len(contacts)} visits covered case plan progress and needs or services, in a "
        "suitable setting.")


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    start = _period_start(policy, as_of)
    found: list[Finding] = []
    for child_id in _children_in_care(case, start, as_of):
        found.extend(_child_findings(case, child_id, policy, start, as_of))
    found.extend(_parent_findings(case, policy, start, as_of))
    return _grouped(found)


# -- the rules ------------------------------------------------------------------------------


def child_monthly(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Caseworker visit with the child in every whole month.

    Rule ``visits.child_monthly``; CFSR item 14. Source: 42 USC 622(b)(17), 624(f); 42 USC
    679b(a)(6) [practice for the month rule].
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visits.child_monthly", ())


def child_quality(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Caseworker visits with the child cover what they should.

    Rule ``visits.child_quality``; CFSR item 14. Source: CFSR item 14 [practice]; seed 002
    (Mississippi CFSR Round 3 Program Improvement Plan): poor visit quality.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visits.child_quality", ())


def child_residence(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Most caseworker visits in the child's residence.

    Rule ``visits.child_residence``; CFSR item 14. Source: 42 USC 622(b)(17), 624(f)(2)(A).
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visits.child_residence", ())


def parent_frequency(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Caseworker visit with each parent every month.

    Rule ``visits.parent_frequency``; CFSR item 15. Source: CFSR item 15 guidance [practice];
    seed 002 (Mississippi CFSR Round 3 Program Improvement Plan): caseworker visits with
    parents.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visits.parent_frequency", ())


def parent_quality(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Caseworker visits with each parent cover what they should.

    Rule ``visits.parent_quality``; CFSR item 15. Source: CFSR item 15 guidance [practice]; seed
    002 (Mississippi CFSR Round 3 Program Improvement Plan): caseworker visits with parents.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("visits.parent_quality", ())
