"""People in a case and how each adult is related to each child.

Later rules decide from these records who counts as "mother", "father" and "foster parent"
for engagement (seed 004, *Case Planning in Child Welfare Practice Bulletin*, "Expectations"):

- in **in-home services** cases, parents are the child's primary caregivers the child lives
  with, or a non-custodial parent who is involved or wishes to be involved;
- in **foster care** cases, mother and father are the biological parents, the primary
  caregivers the child was removed from (if other than the biological parents), and adoptive
  parents once the adoption is finalized;
- **foster parents** are related or non-related caregivers given responsibility for the child
  by the agency, including pre-adoptive parents until the adoption is finalized.

So a [`Relationship`][practicemodel.people.Relationship] records facts (kind, who the child
lives with, who the child was removed from, wishes to be involved, finalized adoption,
parental rights), not a conclusion; the conclusion is a rule's job. Termination of parental
rights is recorded with an optional best-interest reason to keep involving the parent, because
termination alone does not take a parent out of scope (CFSR Round 3 FAQ).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_bool,
    a_date,
    identifier,
    optional_bool,
    optional_date,
    optional_str,
    optional_text,
    order_problem,
    to_tuple,
    tuple_of,
)
from practicemodel._describe import show
from practicemodel.errors import InvalidRecordError

__all__ = [
    "DiligentSearch",
    "FosterHome",
    "ParentRole",
    "ParentalRights",
    "Person",
    "Relationship",
    "RelationshipKind",
    "SearchOutcome",
    "Sex",
    "StaffMember",
    "StaffRole",
    "TribalAffiliation",
]

_opt_date = optional_date
_opt_str = optional_str


class Sex(StrEnum):
    """Sex recorded for a person (as in AFCARS); gender identity is a separate free field."""

    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


class SearchOutcome(StrEnum):
    """Result of a diligent search for a parent or relative."""

    LOCATED = "located"
    NOT_LOCATED = "not_located"


@attrs.frozen(kw_only=True)
class DiligentSearch:
    """A recorded diligent search for a person whose whereabouts were unknown.

    A parent whose whereabouts stay unknown after a diligent search is not applicable to
    engagement rules (CFSR item 13 practice; seed 002 lists diligent searches among the topics
    of monthly supervisory staffing).
    """

    completed_on: date = attrs.field(validator=a_date)
    """Date the search was completed."""
    outcome: SearchOutcome = attrs.field(validator=v.instance_of(SearchOutcome))
    """Whether the person was located."""
    notes: str | None = attrs.field(default=None, validator=optional_text)
    """Sources searched and what was found."""


@attrs.frozen(kw_only=True)
class TribalAffiliation:
    """A child's or parent's tribal affiliation, for the Indian Child Welfare Act (ICWA).

    Seed 003 slide 7 names ICWA among the legal requirements of a case plan.
    """

    tribe: str = attrs.field(validator=identifier)
    """Name of the tribe."""
    enrolled: bool | None = attrs.field(default=None, validator=optional_bool)
    """Whether the person is an enrolled member (``None``: not yet known)."""
    eligible_for_membership: bool | None = attrs.field(
        default=None, validator=optional_bool
    )
    """Whether the person is eligible for membership (``None``: not yet known)."""
    tribe_notified_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date the tribe was notified of the proceeding, if it was."""


@attrs.frozen(kw_only=True)
class Person:
    """A child or adult in the case: family members, caregivers, foster parents.

    Agency staff are [`StaffMember`][practicemodel.people.StaffMember]s instead.
    Invariant: ``deceased_on`` is not before ``birth_date``; diligent searches are not before
    birth. Events about the person (removal, contacts, visits) are checked against
    ``birth_date`` by [`Case`][practicemodel.case.Case].
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    name: str = attrs.field(validator=identifier)
    """Full name as the agency records it (fictional in all examples)."""
    birth_date: date | None = attrs.field(default=None, validator=_opt_date)
    """Date of birth; ``None`` when unknown (age-based rules then answer "needs review")."""
    sex: Sex | None = attrs.field(default=None, validator=v.optional(v.instance_of(Sex)))
    """Sex, if recorded."""
    gender: str | None = attrs.field(default=None, validator=optional_text)
    """Gender identity in the person's own words, if recorded."""
    tribal_affiliation: TribalAffiliation | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(TribalAffiliation))
    )
    """Tribal affiliation, for ICWA."""
    whereabouts_known: bool = attrs.field(default=True, validator=a_bool)
    """Whether the agency knows where the person is."""
    diligent_searches: tuple[DiligentSearch, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(DiligentSearch)
    )
    """Diligent searches made for the person, in any order."""
    deceased_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date of death, if the person has died."""

    def __attrs_post_init__(self) -> None:
        problems = [
            p
            for p in (
                order_problem(self.birth_date, self.deceased_on, "birth_date", "deceased_on"),
                *(
                    order_problem(
                        self.birth_date,
                        s.completed_on,
                        "birth_date",
                        "completed_on",
                        f"diligent_searches[{i}]",
                    )
                    for i, s in enumerate(self.diligent_searches)
                ),
            )
            if p is not None
        ]
        if problems:
            raise InvalidRecordError(problems)

    def age_on(self, when: date) -> int | None:
        """Return the person's age in whole years on ``when`` (``None`` if birth date unknown).

        >>> ava = Person(id="c1", name="Ava Wilson", birth_date=date(2016, 2, 29))
        >>> ava.age_on(date(2026, 2, 28))
        9
        """
        if self.birth_date is None:
            return None
        born = self.birth_date
        return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


class StaffRole(StrEnum):
    """Agency roles named by the Mississippi practice model (seed 000)."""

    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    REGIONAL_DIRECTOR = "regional_director"
    CQI_STAFF = "cqi_staff"


@attrs.frozen(kw_only=True)
class StaffMember:
    """An agency staff member: caseworker, supervisor, regional director or CQI staff (seed 000)."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    name: str = attrs.field(validator=identifier)
    """Name."""
    role: StaffRole = attrs.field(validator=v.instance_of(StaffRole))
    """Role in the practice model."""


class RelationshipKind(StrEnum):
    """How an adult is related to a child (the fact, not the engagement role)."""

    BIOLOGICAL_PARENT = "biological_parent"
    ADOPTIVE_PARENT = "adoptive_parent"
    """Adoptive parent; ``adoption_finalized`` says whether the adoption is final."""
    STEPPARENT = "stepparent"
    LEGAL_GUARDIAN = "legal_guardian"
    RELATIVE_CAREGIVER = "relative_caregiver"
    """A relative caring for the child, not as a licensed or approved foster parent."""
    FOSTER_PARENT = "foster_parent"
    """A related or non-related caregiver given responsibility for the child by the agency
    (seed 004); details in [`FosterHome`][practicemodel.people.FosterHome]."""
    OTHER_CAREGIVER = "other_caregiver"
    SIBLING = "sibling"
    """A sibling (for visitation and connections; the "adult" may be a child)."""
    OTHER_RELATIVE = "other_relative"


class ParentRole(StrEnum):
    """Which parent role the adult holds toward the child, as case reviews count them."""

    MOTHER = "mother"
    FATHER = "father"


@attrs.frozen(kw_only=True)
class ParentalRights:
    """Termination of an adult's parental rights to a child (CFSR Round 3 FAQ).

    Termination does not by itself take a parent out of the engagement rules: the agency may
    record a best-interest reason to keep involving them (CFSR Round 3 FAQ).
    """

    terminated_on: date = attrs.field(validator=a_date)
    """Date of the court order terminating parental rights."""
    continued_involvement_reason: str | None = attrs.field(default=None, validator=optional_text)
    """Recorded reason why involving the parent remains in the child's best interests."""


@attrs.frozen(kw_only=True)
class FosterHome:
    """Facts about a foster parent relationship (seed 004's foster parent definition)."""

    related: bool = attrs.field(validator=a_bool)
    """Whether the foster parent is a relative of the child."""
    licensed: bool = attrs.field(validator=a_bool)
    """Whether the home is licensed or approved."""
    pre_adoptive: bool = attrs.field(default=False, validator=a_bool)
    """Whether the foster parent intends to adopt (a pre-adoptive parent counts as a foster
    parent until the adoption is finalized, seed 004)."""


@attrs.frozen(kw_only=True)
class Relationship:
    """One adult's relationship to one child, with the facts engagement rules read.

    Invariants: ``adoption_finalized`` is given only for adoptive parents;
    ``foster_home`` only for foster parents (and is required for them); ``end`` is not before
    ``start``.
    """

    adult_id: str = attrs.field(validator=identifier)
    """Id of the adult [`Person`][practicemodel.people.Person] (or older sibling)."""
    child_id: str = attrs.field(validator=identifier)
    """Id of the child [`Person`][practicemodel.people.Person]."""
    kind: RelationshipKind = attrs.field(validator=v.instance_of(RelationshipKind))
    """What the relationship is."""
    parent_role: ParentRole | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ParentRole))
    )
    """Mother or father, where the adult holds a parent role (``None`` for others)."""
    lives_with_child: bool = attrs.field(default=False, validator=a_bool)
    """Whether the child lives with this adult (primary caregiver in an in-home case)."""
    primary_caregiver: bool = attrs.field(default=False, validator=a_bool)
    """Whether the adult is (or was, before removal) a primary caregiver of the child."""
    removed_from: bool = attrs.field(default=False, validator=a_bool)
    """Whether the child was removed from this adult's care."""
    wishes_to_be_involved: bool | None = attrs.field(
        default=None, validator=optional_bool
    )
    """For a non-custodial parent: whether they are involved or wish to be (seed 004);
    ``None`` when not recorded."""
    adoption_finalized: bool | None = attrs.field(
        default=None, validator=optional_bool
    )
    """For an adoptive parent: whether the adoption has been finalized."""
    foster_home: FosterHome | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(FosterHome))
    )
    """For a foster parent: related or not, licensed, pre-adoptive."""
    parental_rights: ParentalRights | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(ParentalRights))
    )
    """Termination of parental rights, if it happened."""
    start: date | None = attrs.field(default=None, validator=_opt_date)
    """When the relationship began (e.g. a foster placement's start), if relevant."""
    end: date | None = attrs.field(default=None, validator=_opt_date)
    """When it ended, if it did."""

    def __attrs_post_init__(self) -> None:
        if self.adult_id == self.child_id:
            raise InvalidRecordError(
                f"'adult_id' must differ from 'child_id' (found {show(self.adult_id)} for both)",
                path="adult_id",
            )
        problem = order_problem(self.start, self.end, "start", "end")
        if problem is not None:
            raise InvalidRecordError([problem])
        adoptive = self.kind is RelationshipKind.ADOPTIVE_PARENT
        if self.adoption_finalized is not None and not adoptive:
            raise InvalidRecordError(
                f"'adoption_finalized' applies only to kind 'adoptive_parent' "
                f"(found kind {self.kind.value!r})",
                path="adoption_finalized",
            )
        is_foster = self.kind is RelationshipKind.FOSTER_PARENT
        if is_foster and self.foster_home is None:
            raise InvalidRecordError(
                "'foster_home' is required for kind 'foster_parent' (found none)",
                path="foster_home",
            )
        if not is_foster and self.foster_home is not None:
            raise InvalidRecordError(
                "'foster_home' applies only to kind 'foster_parent' "
                f"(found kind {self.kind.value!r})",
                path="foster_home",
            )
