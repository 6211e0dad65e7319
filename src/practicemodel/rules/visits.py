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

from collections.abc import Iterator, Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.findings import FactValue, Finding, Outcome, word_list
from practicemodel.monthly import (
    child_visit_months,
    in_period,
    in_person_by_month,
    open_months,
    parents_due_visits,
    residence_share_met,
)
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import about, shared
from practicemodel.rules._visiting import (
    _children_in_care,
    _finding,
    _grouped,
    _in_person_with,
    _name,
    _period_start,
    _share,
)
from practicemodel.visits import (
    CaseworkerContact,
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


# -- children ------------------------------------------------------------------------------


def _child_findings(case: Case, child_id: str, policy: PolicyProfile, start: date,
                    as_of: date) -> Iterator[Finding]:
    record = child_visit_months(case, child_id, start, as_of)
    subject = f"caseworker visits with {_name(case, child_id)}"
    months = ", ".join(m.label for m in record.months) or "(none)"
    facts: list[tuple[str, FactValue]]
    facts = [("period start", start), ("period end", as_of), ("months evaluated", months),
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
    rfacts: list[tuple[str, FactValue]]
    rfacts = [("visits in evaluated months", record.visits),
              ("in the child's residence", record.in_residence),
              ("share", _share(share)), ("required", wanted)]
    if share is None:
        yield _finding("visits.child_residence", Outcome.NOT_APPLICABLE, child_id, subject,
                       "No in-person visits in the evaluated months.", rfacts)
    else:
        ok = residence_share_met(share, policy)
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
    facts: list[tuple[str, FactValue]]
    facts = [("visits judged", len(contacts)),
             ("visits with gaps", len(problems)),
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



# -- parents -------------------------------------------------------------------------------


def _parent_findings(case: Case, policy: PolicyProfile, start: date,
                     as_of: date) -> Iterator[Finding]:
    for parent in parents_due_visits(case):
        parent_id = parent.parent_id
        subject = f"caseworker visits with {_name(case, parent_id)}"
        if parent.excluded:
            for rule in ("visits.parent_frequency", "visits.parent_quality"):
                yield _finding(rule, Outcome.NOT_APPLICABLE, parent_id, subject,
                               f"Not applicable: {parent.excluded}.", [])
            continue
        contacts = _in_person_with(case, parent_id)
        by_month = in_person_by_month(case, parent_id, as_of)
        months = in_period(open_months(case, parent.last_day, as_of), start, as_of)
        missed = [f"{y}-{m:02d}" for y, m in months if (y, m) not in by_month]
        facts: list[tuple[str, FactValue]]
        facts = [("period start", start), ("period end", as_of),
                 ("months evaluated", len(months)),
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
    facts: list[tuple[str, FactValue]]
    facts = [("visits judged", len(contacts)), ("visits with gaps", len(problems)),
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




@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    start = _period_start(policy, as_of)
    found: list[Finding] = []
    for child_id in _children_in_care(case, start, as_of):
        found.extend(about(f, child_id=child_id)
                     for f in _child_findings(case, child_id, policy, start, as_of))
    found.extend(about(f, person_id=f.subject_id)
                 for f in _parent_findings(case, policy, start, as_of))
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
