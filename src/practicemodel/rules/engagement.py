"""Engagement: who must be involved in case planning, and whether they were "actively involved".

Three rules, each with the shape of every practicemodel rule, ``(case, *, policy, as_of)``,
judged for every child of the case over the period under review ending on ``as_of`` (the
profile's ``review_period_months``, 12), once per person and role (a parent shared by
siblings is assessed once; the facts list the children):

1. **Who counts** (seed 004, *Case Planning in Child Welfare Practice Bulletin*,
   "Expectations" and "Engagement first"): [`who_counts`][practicemodel.rules.engagement.who_counts]
   lists, for one child, the mothers, fathers, foster parents and the child, each applicable or
   not applicable *with a reason* (nobody is silently dropped). A person excluded gives an
   [`applicability`][practicemodel.rules.engagement.applicability] finding
   (``engagement.applicability``, outcome ``not_applicable``).
2. **Actively involved** (seed 004, "Expectations"):
   [`actively_involved`][practicemodel.rules.engagement.actively_involved]
   (``engagement.actively_involved``) is ``met`` only when the person took part in all five
   parts within the period under review, and names the missing parts otherwise.
3. **Concerted efforts** (CFSR item 13 [practice]; seed 004 tip 2):
   [`concerted_efforts`][practicemodel.rules.engagement.concerted_efforts]
   (``engagement.concerted_efforts``) is ``met`` when the person was actively involved or the
   agency recorded an attempt (no response, or declined) for every missing part, so that a
   reviewer can tell "no effort" from "effort, no response".

Every finding names its person and role (``Finding.person_id``, ``Finding.role``).
[`summary_by_role`][practicemodel.rules.engagement.summary_by_role] counts involved and
applicable people per role: seed 002's figures (mothers involved in case plan development
37.74% of the time, fathers 28.13%) are that ratio taken over reviewed cases.

Results never depend on the order of items in the record: findings are sorted, and lists in
explanations and facts are sorted.

The errors every rule raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

import attrs

from practicemodel._arguments import case_arg, date_arg, in_effect_arg, policy_arg, rule_args
from practicemodel._memo import per_case
from practicemodel.case import Case, CaseType
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.findings import Explanation, Fact, FactValue, Finding, Outcome, word_list
from practicemodel.involvement import (
    EngagementOutcome,
    EngagementRole,
    InvolvementActivity,
    InvolvementEvent,
)
from practicemodel.people import (
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    SearchOutcome,
    Sex,
)
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules import get_rule
from practicemodel.rules._shared import by_rule, shared

__all__ = [
    "Participant",
    "actively_involved",
    "applicability",
    "concerted_efforts",
    "summary_by_role",
    "who_counts",
]

RULE_APPLICABILITY = "engagement.applicability"
_ACTIVITIES = tuple(InvolvementActivity)  # iterating the enum class itself is slow

RULE_INVOLVED = "engagement.actively_involved"
RULE_EFFORTS = "engagement.concerted_efforts"
_PARTS = len(_ACTIVITIES)
_CODE = {role: role.value for role in EngagementRole}
"""Each role's code (reading ``.value`` of an enum member is slow in a loop)."""
_RANK = {role: rank for rank, role in enumerate(EngagementRole)}
"""Each role's place in ``EngagementRole`` order (participants are sorted by it)."""
_KIND_CODE = {kind: kind.value for kind in RelationshipKind}
_MET_IF = {True: Outcome.MET, False: Outcome.NOT_MET}

_APPLICABILITY = get_rule(RULE_APPLICABILITY)
_INVOLVED = get_rule(RULE_INVOLVED)
_EFFORTS = get_rule(RULE_EFFORTS)
_ATTEMPTS = frozenset({EngagementOutcome.ATTEMPTED_NO_RESPONSE, EngagementOutcome.DECLINED})
_PARENT_KINDS = frozenset({RelationshipKind.BIOLOGICAL_PARENT, RelationshipKind.ADOPTIVE_PARENT,
                           RelationshipKind.STEPPARENT, RelationshipKind.LEGAL_GUARDIAN})


@attrs.frozen(kw_only=True)
class Participant:
    """One person in one engagement role for one child, applicable or not, and why."""

    person_id: str
    """The person."""
    role: EngagementRole
    """The role they hold for this child."""
    child_id: str
    """The child."""
    applicable: bool
    """Whether the engagement rules apply to them."""
    reason: str
    """Why they count, or why they are not applicable, in words."""
    facts: tuple[Fact, ...] = ()
    """The facts the decision used (including anything a reviewer should look at)."""


# -- helpers --------------------------------------------------------------------------------

_Pairs = tuple[tuple[str, FactValue], ...]
"""Facts as (label, value) pairs: turned into Fact objects only when shown."""


class _Counted(NamedTuple):
    """A participant as the rules need it (``who_counts`` turns it into a Participant)."""

    role: EngagementRole
    person_id: str
    applicable: bool
    reason: str
    facts: _Pairs


def _facts(*pairs: tuple[str, FactValue]) -> tuple[Fact, ...]:
    return tuple([Fact(label=label, value=value) for label, value in pairs])


@per_case
def _people(case: Case) -> Mapping[str, Person]:
    """The case's people by id (built once per check)."""
    return {p.id: p for p in case.people}


@per_case
def _relationships_by_child(case: Case) -> Mapping[str, tuple[Relationship, ...]]:
    """The case's relationships by child, in record order (built once per check)."""
    by_child: dict[str, list[Relationship]] = {}
    for rel in case.relationships:
        by_child.setdefault(rel.child_id, []).append(rel)
    return {child_id: tuple(rels) for child_id, rels in by_child.items()}


def _person_exclusion(person: Person,
                      as_of: date) -> tuple[str, list[tuple[str, FactValue]]] | None:
    """A reason that takes anyone out of scope on ``as_of`` (death, not located), or None."""
    if person.deceased_on is not None and person.deceased_on <= as_of:
        return (f"{person.name} died on {person.deceased_on.isoformat()}.",
                [("deceased on", person.deceased_on)])
    if not person.whereabouts_known:
        searches = sorted((s for s in person.diligent_searches if s.completed_on <= as_of),
                          key=lambda s: (s.completed_on, s.outcome.value))
        if searches and searches[-1].outcome is SearchOutcome.NOT_LOCATED:
            done = searches[-1].completed_on.isoformat()
            return (f"{person.name}'s whereabouts are unknown after a diligent search "
                    f"completed on {done} (not located).",
                    [("whereabouts", "unknown"), ("diligent search", f"{done}: not_located")])
    return None


_WHEREABOUTS_UNKNOWN: _Pairs = (
    ("whereabouts", "unknown"),
    ("needs review", "whereabouts unknown and no diligent search recorded as not located by "
                     "as_of: search and document the efforts"))


def _parent_role(rel: Relationship, person: Person) -> tuple[EngagementRole, str]:
    if rel.parent_role is ParentRole.MOTHER:
        return EngagementRole.MOTHER, "parent_role"
    if rel.parent_role is ParentRole.FATHER:
        return EngagementRole.FATHER, "parent_role"
    if person.sex is Sex.FEMALE:
        return EngagementRole.MOTHER, "sex"
    if person.sex is Sex.MALE:
        return EngagementRole.FATHER, "sex"
    return EngagementRole.PARENT, "not recorded"


def _active_on(rel: Relationship, when: date) -> bool:
    return (rel.start is None or rel.start <= when) and (rel.end is None or rel.end >= when)


def _participant(person: Person, role: EngagementRole, child_id: str, base: str,
                 base_facts: list[tuple[str, FactValue]], as_of: date,
                 rel: Relationship | None) -> _Counted:
    """Apply the exclusions common to everyone (and TPR for parents) to a candidate."""
    facts: list[tuple[str, FactValue]]
    facts = [("role", _CODE[role]), *base_facts]
    excluded = _person_exclusion(person, as_of)
    if excluded is not None:
        why, more = excluded
        return _Counted(role, person.id, False, why, (*facts, *more))
    if not person.whereabouts_known:
        facts.extend(_WHEREABOUTS_UNKNOWN)
    rights = rel.parental_rights if rel is not None else None
    if rights is not None and rights.terminated_on <= as_of:
        on = rights.terminated_on.isoformat()
        if rights.continued_involvement_reason is None:
            return _Counted(
                role, person.id, False,
                (f"Parental rights to {child_id} were terminated on {on} and no "
                 "best-interest reason to keep involving the parent is recorded."),
                (*facts, ("parental rights terminated on", on)))
        facts.extend([("parental rights terminated on", on),
                      ("continued involvement reason", rights.continued_involvement_reason)])
        base = (f"{base} Parental rights were terminated on {on}, but involving the parent "
                f"remains in the child's best interests: {rights.continued_involvement_reason}")
    return _Counted(role, person.id, True, base, tuple(facts))


def _not_applicable(person: Person, role: EngagementRole, reason: str,
                    facts: list[tuple[str, FactValue]]) -> _Counted:
    return _Counted(role, person.id, False, reason, (("role", _CODE[role]), *facts))


def _foster_care_parent(case: Case, rel: Relationship, person: Person, child_id: str,
                        as_of: date) -> _Counted | None:
    role, by = _parent_role(rel, person)
    facts: list[tuple[str, FactValue]]
    facts = [("relationship", _KIND_CODE[rel.kind]), ("mother/father from", by)]
    if rel.kind is RelationshipKind.BIOLOGICAL_PARENT:
        return _participant(person, role, child_id, "Biological parent (foster care case).",
                            facts, as_of, rel)
    if rel.kind is RelationshipKind.ADOPTIVE_PARENT:
        if rel.adoption_finalized:
            return _participant(person, role, child_id,
                                "Adoptive parent; the adoption has been finalized.",
                                [*facts, ("adoption finalized", "yes")], as_of, rel)
        recorded = "no" if rel.adoption_finalized is False else "not recorded"
        return _not_applicable(person, role,
                               "Adoptive parent whose adoption is not finalized: in a foster "
                               "care case adoptive parents count as mother or father only once "
                               "the adoption is finalized.",
                               [*facts, ("adoption finalized", recorded)])
    if rel.removed_from:
        return _participant(person, role, child_id,
                            "Primary caregiver from whom the child was removed (other than "
                            "the biological parents).",
                            [*facts, ("removed from", "yes")], as_of, rel)
    return None


def _in_home_parent(rel: Relationship, person: Person, child_id: str,
                    as_of: date) -> _Counted | None:
    role, by = _parent_role(rel, person)
    facts: list[tuple[str, FactValue]]
    facts = [("relationship", _KIND_CODE[rel.kind]), ("mother/father from", by)]
    custodial = rel.lives_with_child and (rel.primary_caregiver or rel.parent_role is not None)
    if custodial:
        return _participant(person, role, child_id,
                            "Primary caregiver with whom the child lives (in-home case).",
                            [*facts, ("lives with child", "yes")], as_of, rel)
    is_parent = rel.parent_role is not None or (
        rel.kind is RelationshipKind.BIOLOGICAL_PARENT
        or (rel.kind is RelationshipKind.ADOPTIVE_PARENT and rel.adoption_finalized is True))
    if not is_parent:
        return None
    facts.append(("lives with child", "no"))
    if rel.wishes_to_be_involved is False:
        return _not_applicable(person, role,
                               "Non-custodial parent who does not wish to be involved in the "
                               "child's life (in-home case).",
                               [*facts, ("wishes to be involved", "no")])
    if rel.wishes_to_be_involved is True:
        return _participant(person, role, child_id,
                            "Non-custodial parent who is involved or wishes to be involved "
                            "(in-home case).",
                            [*facts, ("wishes to be involved", "yes")], as_of, rel)
    return _participant(person, role, child_id,
                        "Non-custodial parent whose wish to be involved is not recorded: "
                        "counted as applicable until the record says otherwise.",
                        [*facts, ("wishes to be involved", "not recorded"),
                         ("needs review", "record whether the non-custodial parent wishes "
                                          "to be involved")], as_of, rel)


def _foster_parent(case: Case, rel: Relationship, person: Person, child_id: str,
                   as_of: date) -> _Counted:
    role = EngagementRole.FOSTER_PARENT
    home = rel.foster_home
    facts: list[tuple[str, FactValue]]
    facts = [("relationship", _KIND_CODE[rel.kind]),
             ("start", rel.start),
             ("end", rel.end)]
    if home is not None:
        facts.extend([("related", "yes" if home.related else "no"),
                      ("pre-adoptive", "yes" if home.pre_adoptive else "no")])
    if not _active_on(rel, as_of):
        when = (f"began on {rel.start.isoformat()}" if rel.start is not None and rel.start > as_of
                else f"ended on {rel.end.isoformat() if rel.end else '?'}")
        return _not_applicable(person, role,
                               f"Not a foster parent of {child_id} on {as_of.isoformat()}: the "
                               f"placement {when}.", facts)
    finalized = any(r.adult_id == rel.adult_id and r.kind is RelationshipKind.ADOPTIVE_PARENT
                    and r.adoption_finalized
                    for r in _relationships_by_child(case).get(child_id, ()))
    if finalized:
        return _not_applicable(person, role,
                               "The adoption has been finalized: a pre-adoptive parent is a "
                               "foster parent only until then (now counted as mother or father).",
                               [*facts, ("adoption finalized", "yes")])
    base = ("Pre-adoptive parent; counts as a foster parent until the adoption is finalized."
            if home is not None and home.pre_adoptive else
            "Foster parent given responsibility for the child by the agency.")
    return _participant(person, role, child_id, base, facts, as_of, None)


def _child(person: Person, policy: PolicyProfile, as_of: date) -> _Counted:
    role = EngagementRole.CHILD
    minimum = policy.child_engagement_min_age
    age = person.age_on(as_of)
    if age is None:
        return _participant(person, role, person.id,
                            "The child's birth date is unknown, so the age threshold cannot be "
                            "checked: counted as applicable.",
                            [("age", "unknown"), ("minimum age", str(minimum)),
                             ("needs review", "birth date unknown; confirm the child's age")],
                            as_of, None)
    threshold = f"policy {policy.code}: children {minimum} or older"
    facts: list[tuple[str, FactValue]]
    facts = [("age", age), ("minimum age", str(minimum))]
    if age < minimum:
        return _not_applicable(person, role,
                               f"The child is {age} on {as_of.isoformat()}, under "
                               f"{threshold} must be engaged; below that, involvement is "
                               "\"if developmentally appropriate\" [practice].", facts)
    return _participant(person, role, person.id,
                        f"The child is {age} on {as_of.isoformat()}; {threshold} must be "
                        "engaged in case planning.", facts, as_of, None)


# -- 1. who counts --------------------------------------------------------------------------


def who_counts(case: Case, child_id: str, *, policy: PolicyProfile,
               as_of: date) -> tuple[Participant, ...]:
    """Return everyone seed 004 asks the agency to engage for ``child_id``, applicable or not.

    Foster care case: mother and father are the biological parents, primary caregivers the
    child was removed from (``removed_from``) and adoptive parents once the adoption is
    finalized. In-home case: the primary caregivers the child lives with, and a non-custodial
    parent who wishes to be involved (not applicable when the record says they do not; when it
    says nothing, applicable with a "needs review" fact). In both: foster parents whose
    relationship is active on ``as_of`` (pre-adoptive ones until the adoption is finalized),
    and the child from ``policy.child_engagement_min_age``.

    Not applicable, always with a reason: death on or before ``as_of``; whereabouts unknown
    after a diligent search that did not locate the person; parental rights terminated on or
    before ``as_of`` without a recorded best-interest reason; a child under the age threshold;
    a foster placement not active on ``as_of``; an adoption not finalized.

    Participants come sorted by role, then person id.
    """
    case = case_arg(case)
    policy = policy_arg(policy)
    when = date_arg(as_of, "as_of")
    in_effect_arg(policy, when)
    if not isinstance(child_id, str):
        raise InvalidInputError(f"'child_id' must be a str (got {child_id!r})")
    if child_id not in case.child_ids:
        raise InvalidArgumentError(f"'child_id' must be one of the case's children "
                                   f"({word_list(case.child_ids)}) (got {child_id!r})")
    return tuple(Participant(person_id=c.person_id, role=c.role, child_id=child_id,
                             applicable=c.applicable, reason=c.reason, facts=_facts(*c.facts))
                 for c in _who_counts(case, child_id, policy, when))


def _who_counts(case: Case, child_id: str, policy: PolicyProfile,
                when: date) -> list[_Counted]:
    people = _people(case)
    found: list[_Counted] = [_child(people[child_id], policy, when)]
    foster_care = case.case_type is CaseType.FOSTER_CARE
    for rel in _relationships_by_child(case).get(child_id, ()):
        adult = people.get(rel.adult_id)
        if adult is None or rel.kind is RelationshipKind.SIBLING:
            continue
        participant: _Counted | None
        if rel.kind is RelationshipKind.FOSTER_PARENT:
            participant = _foster_parent(case, rel, adult, child_id, when)
        elif foster_care:
            participant = _foster_care_parent(case, rel, adult, child_id, when)
        else:
            participant = _in_home_parent(rel, adult, child_id, when)
        if participant is not None:
            found.append(participant)
    # The facts break the last ties, so that a person recorded in several relationships to
    # the child gets the same findings whatever order the relationships were given in.
    found.sort(key=lambda c: (_RANK[c.role], c.person_id, c.applicable, c.reason,
                              tuple((label, _comparable(value)) for label, value in c.facts)))
    return found


_KIND_RANK = {type(None): 0, bool: 1, int: 2, date: 3, str: 4}


def _comparable(value: FactValue) -> tuple[int, FactValue]:
    """A fact's value as a sort key that never compares a date with ``None`` or a text:
    values of one kind compare as themselves, values of different kinds by kind."""
    return (_KIND_RANK.get(type(value), 5), value)


# -- 2. actively involved and concerted efforts ----------------------------------------------


@per_case
def _events_by_person(case: Case) -> Mapping[str, tuple[InvolvementEvent, ...]]:
    """The case's involvement events by the people they name (built once per check)."""
    by_person: dict[str, list[InvolvementEvent]] = {}
    for event in case.involvement_events:
        for person_id in dict.fromkeys(event.person_ids):
            by_person.setdefault(person_id, []).append(event)
    return {person_id: tuple(events) for person_id, events in by_person.items()}


def _events(events: tuple[InvolvementEvent, ...], start: date, end: date,
            outcomes: Iterable[EngagementOutcome]) -> dict[InvolvementActivity, list[str]]:
    """The ids of a person's ``events`` in the period with one of ``outcomes``, by part."""
    wanted = set(outcomes)
    by_part: dict[InvolvementActivity, list[str]] = {a: [] for a in _ACTIVITIES}
    for event in events:
        if start <= event.occurred_on <= end and event.outcome in wanted:
            for activity in set(event.activities):
                by_part[activity].append(event.id)
    return {a: sorted(ids) for a, ids in by_part.items()}


def _labelled(event: InvolvementEvent) -> str:
    return f"{event.id} ({event.outcome.value})"


def _name(case: Case, person_id: str) -> str:
    person = _people(case).get(person_id)
    return person_id if person is None else person.name


def _subject(name: str, person_id: str, role: EngagementRole,
             children: Iterable[str]) -> str:
    kids = sorted(set(children))
    tail = f" of {', '.join(kids)}" if kids and role is not EngagementRole.CHILD else ""
    return f"{name} ({person_id}), {role.value.replace('_', ' ')}{tail}"


def _period_facts(role: EngagementRole, start: date, end: date,
                  children: tuple[str, ...]) -> list[tuple[str, FactValue]]:
    facts: list[tuple[str, FactValue]]
    facts = [("role", role.value), ("period start", start), ("period end", end)]
    if children:
        facts.append(("children", word_list(children)))
    return facts


# The words of a finding are built from the person's name and events, not from the case, so
# that a finding kept unread does not keep its whole case alive.


def _involved_words(name: str, events: tuple[InvolvementEvent, ...], person_id: str,
                    role: EngagementRole, start: date, end: date,
                    children: tuple[str, ...]) -> Explanation:
    """The words of an ``engagement.actively_involved`` finding."""
    parts = _events(events, start, end, [EngagementOutcome.PARTICIPATED])
    present = [a for a in _ACTIVITIES if parts[a]]
    missing = [a for a in _ACTIVITIES if not parts[a]]
    period = f"{start.isoformat()} to {end.isoformat()}"
    facts = _period_facts(role, start, end, children)
    facts.extend((f"part {i}: {a.value}", word_list(parts[a]))
                 for i, a in enumerate(_ACTIVITIES, start=1))
    facts.append(("missing", ", ".join(a.value for a in missing) if missing else "(none)"))
    if not missing:
        why = f"Involved in all five parts of case planning from {period}."
    else:
        done = ", ".join(a.value for a in present) if present else "none of them"
        why = (f"Not actively involved from {period}: missing "
               f"{', '.join(a.value for a in missing)} (took part in {done}). \"Actively "
               "involved\" needs all five parts.")
    return _subject(name, person_id, role, children), why, _facts(*facts)


def _efforts_words(name: str, events: tuple[InvolvementEvent, ...], person_id: str,
                   role: EngagementRole, start: date, end: date,
                   children: tuple[str, ...]) -> Explanation:
    """The words of an ``engagement.concerted_efforts`` finding."""
    parts = _events(events, start, end, [EngagementOutcome.PARTICIPATED])
    tries = _events(events, start, end, _ATTEMPTS)
    missing = [a for a in _ACTIVITIES if not parts[a]]
    by_id = {e.id: e for e in events}
    period = f"{start.isoformat()} to {end.isoformat()}"
    facts = _period_facts(role, start, end, children)
    facts.extend((f"attempts: {a.value}", ", ".join(_labelled(by_id[i]) for i in tries[a])
                  or "(none)") for a in _ACTIVITIES)
    no_effort = [a for a in missing if not tries[a]]
    facts.append(("missing parts with no effort recorded",
                  ", ".join(a.value for a in no_effort) or "(none)"))
    if not missing:
        why = "Actively involved in all five parts: efforts succeeded."
    elif not no_effort:
        why = ("Effort, no response: for every missing part ("
               f"{', '.join(a.value for a in missing)}) an attempt is recorded from {period}.")
    else:
        why = (f"No effort recorded from {period} for "
               f"{', '.join(a.value for a in no_effort)}: neither involvement nor an attempt "
               "(no response, declined) is documented.")
    return _subject(name, person_id, role, children), why, _facts(*facts)


def _judge(case: Case, person_id: str, role: EngagementRole, start: date, end: date,
           children: tuple[str, ...]) -> tuple[Finding, Finding]:
    """The ``actively_involved`` and ``concerted_efforts`` findings of one person in one role:
    decided from the parts they took part in and the parts an attempt is recorded for.

    Actively involved means all five parts (seed 004, "Expectations"); concerted efforts, each
    missing part has an attempt, no response or declined (CFSR item 13 [practice]; seed 004
    tip 2)."""
    took_part: set[InvolvementActivity] = set()
    attempted: set[InvolvementActivity] = set()
    events = _events_by_person(case).get(person_id, ())
    for event in events:
        if start <= event.occurred_on <= end:
            if event.outcome is EngagementOutcome.PARTICIPATED:
                took_part.update(event.activities)
            elif event.outcome in _ATTEMPTS:
                attempted.update(event.activities)
    involved = len(took_part) == _PARTS
    tried = involved or len(took_part | attempted) == _PARTS
    args = (_name(case, person_id), events, person_id, role, start, end, children)
    code = _CODE[role]
    return (Finding.deferred(rule=RULE_INVOLVED, outcome=_MET_IF[involved], subject_id=person_id,
                             explain=_involved_words, args=args,
                             components=_INVOLVED.components, source=_INVOLVED.source,
                             person_id=person_id, role=code),
            Finding.deferred(rule=RULE_EFFORTS, outcome=_MET_IF[tried], subject_id=person_id,
                             explain=_efforts_words, args=args,
                             components=_EFFORTS.components, source=_EFFORTS.source,
                             person_id=person_id, role=code))


def _involved(case: Case, person_id: str, role: EngagementRole, start: date, end: date,
              children: tuple[str, ...]) -> Finding:
    """The ``engagement.actively_involved`` finding of one person in one role."""
    return _judge(case, person_id, role, start, end, children)[0]


def _efforts(case: Case, person_id: str, role: EngagementRole, start: date, end: date,
             children: tuple[str, ...]) -> Finding:
    """The ``engagement.concerted_efforts`` finding of one person in one role."""
    return _judge(case, person_id, role, start, end, children)[1]


def _excluded_words(name: str, person_id: str, role: EngagementRole,
                    children: tuple[str, ...], reason: str, facts: _Pairs) -> Explanation:
    """The words of an ``engagement.applicability`` finding."""
    return (_subject(name, person_id, role, children), reason,
            _facts(*facts, ("children", word_list(children))))


# -- 3. every child, every participant --------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every child of the case and everyone who counts for them, over the period under
    review ending on ``as_of``: one set of findings per person and role, however many
    children they share (the facts list the children)."""
    start, end = review_period_start(as_of, policy.review_period_months), as_of
    applicable: dict[tuple[str, EngagementRole], set[str]] = {}
    excluded: dict[tuple[str, EngagementRole, str], tuple[set[str], _Pairs]] = {}
    for child_id in sorted(set(case.child_ids)):
        for p in _who_counts(case, child_id, policy, end):
            if p.applicable:
                applicable.setdefault((p.person_id, p.role), set()).add(child_id)
            else:
                kids, _ = excluded.setdefault((p.person_id, p.role, p.reason), (set(), p.facts))
                kids.add(child_id)
    # Findings come sorted by rule, person id, role code and (not applicable) reason.
    involved: list[Finding] = []
    efforts: list[Finding] = []
    for person_id, role in sorted(applicable, key=lambda key: (key[0], _CODE[key[1]])):
        children = tuple(sorted(applicable[person_id, role]))
        found = _judge(case, person_id, role, start, end, children)
        involved.append(found[0])
        efforts.append(found[1])
    not_applicable = [
        Finding.deferred(rule=RULE_APPLICABILITY, outcome=Outcome.NOT_APPLICABLE,
                         subject_id=person_id, explain=_excluded_words,
                         args=(_name(case, person_id), person_id, role, tuple(sorted(kids)),
                               reason, facts),
                         components=_APPLICABILITY.components, source=_APPLICABILITY.source,
                         person_id=person_id, role=_CODE[role])
        for (person_id, role, reason), (kids, facts)
        in sorted(excluded.items(), key=lambda item: (item[0][0], _CODE[item[0][1]],
                                                      item[0][2]))]
    return by_rule([*involved, *not_applicable, *efforts])


def _role_of(finding: Finding) -> EngagementRole:
    if finding.role is not None:
        try:
            return EngagementRole(finding.role)
        except ValueError:
            pass
    raise InvalidArgumentError(f"finding {finding.rule!r} about {finding.subject_id!r} has "
                               "no engagement role; pass findings of the engagement rules")


# -- 4. summary -----------------------------------------------------------------------------


def summary_by_role(findings: Iterable[Finding]) -> dict[EngagementRole, tuple[int, int]]:
    """Count, per role, the people actively involved and the people applicable, for one case.

    Reads the ``engagement.actively_involved`` findings (one per applicable person and role)
    and returns ``{role: (involved, applicable)}`` for the roles that occur, in
    [`EngagementRole`][practicemodel.involvement.EngagementRole] order. Seed 002's figures
    (mothers involved 37.74% of the time, fathers 28.13%) are involved / applicable summed
    over the cases reviewed.
    """
    if isinstance(findings, str | bytes) or not isinstance(findings, Iterable):
        raise InvalidInputError(f"'findings' must be an iterable of Finding (got "
                                f"{type(findings).__name__})")
    counts: dict[EngagementRole, list[int]] = {}
    for finding in findings:
        if not isinstance(finding, Finding):
            raise InvalidInputError(f"'findings' must hold Finding objects (got "
                                    f"{type(finding).__name__})")
        if finding.rule != RULE_INVOLVED:
            continue
        tally = counts.setdefault(_role_of(finding), [0, 0])
        tally[0] += finding.is_met
        tally[1] += 1
    return {role: (counts[role][0], counts[role][1]) for role in EngagementRole
            if role in counts}

# -- the rules ------------------------------------------------------------------------------


def actively_involved(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Person actively involved in all five parts.

    Rule ``engagement.actively_involved``; CFSR item 13. Source: seed 004, Expectations.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("engagement.actively_involved", ())


def applicability(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Who the engagement rules do not apply to, and why.

    Rule ``engagement.applicability``; CFSR item 13. Source: seed 004, Expectations; seed 004,
    Engagement first.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("engagement.applicability", ())


def concerted_efforts(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Concerted efforts to involve the person.

    Rule ``engagement.concerted_efforts``; CFSR item 13. Source: CFSR item 13 [practice]; seed
    004 tip 2.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("engagement.concerted_efforts", ())
