"""The case plan, versioned: the initial plan and each update, with everything it holds.

"Case Planning is Our Most Important Work" (seed 004). A plan is developed *with* the family
(seed 000, "Individualized and Timely Case Planning"; 45 CFR 1356.21(g)). Its components come
from seed 003:

- slides 26–27: participants; permanency goal; assessment summary; contributing factors;
  strengths; service objectives; client responsibilities (planned client services); case
  management services; concurrent planning; visitation; independent living plan services;
  contact schedules;
- slide 56, for children placed out of home: assessment of placement needs; schedule of
  visits; social worker contact with the substitute care provider; child well-being
  information; explanations of special placement circumstances; concurrent planning;
- slide 58, for an update: current family circumstances; parental progress on objectives;
  parental compliance with services; efforts to achieve alternate permanency;
- slide 63: an aftercare plan focused on vulnerabilities and strengths;

and from seed 004: safe case closure criteria in six categories, set in the first plan; the
parent's own requests for services and view of strengths and needs (tip 6).

A service objective is an end state, not an activity (seed 003 slides 32–33); its lifecycle
status and its achievement status are kept apart, as HL7 FHIR's ``Goal`` resource does.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

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
    strings,
    text,
    texts,
    to_tuple,
    tuple_of,
    whole_number,
)
from practicemodel._describe import kind_of, show
from practicemodel.errors import InvalidRecordError, Problem
from practicemodel.periods import Period

__all__ = [
    "MAX_FREQUENCY_TIMES",
    "AchievementStatus",
    "AftercarePlan",
    "CaseManagementService",
    "CasePlan",
    "ClientResponsibility",
    "ClosureCategory",
    "ClosureCriterion",
    "ConcurrentStep",
    "ContactScheduleEntry",
    "CriterionStatus",
    "Frequency",
    "IndependentLivingService",
    "LegalRequirements",
    "ObjectiveLifecycle",
    "OutOfHomeDetails",
    "ParentInput",
    "Participation",
    "PermanencyGoal",
    "PlanKind",
    "PlanParticipant",
    "PlanUpdateReport",
    "ServiceObjective",
    "Supervision",
    "TransitionPlan",
    "VisitationArrangement",
    "VisitorKind",
]

_ids = strings
_opt_str = optional_str
_opt_date = optional_date
_id = identifier


def _tuple_of(cls: type) -> Any:
    return tuple_of(cls)


MAX_FREQUENCY_TIMES = 100
"""The most times a [`Frequency`][practicemodel.caseplan.Frequency] may plan per period."""


def _per(instance: object, attribute: attrs.Attribute[Period], value: object) -> None:
    if not isinstance(value, Period):
        raise InvalidRecordError(f"'per' must be a Period (found {kind_of(value)})", path="per")
    if value.count < 1:
        raise InvalidRecordError("'per' must be a period of at least one day, week, month or "
                                 "year (found a count of 0)", path="per.count")


@attrs.frozen(kw_only=True)
class Frequency:
    """A planned frequency: ``times`` per ``per`` (e.g. 2 per week; 1 per month)."""

    times: int = attrs.field(validator=whole_number(1, MAX_FREQUENCY_TIMES))
    """How many times: 1 to 100."""
    per: Period = attrs.field(validator=_per)
    """In what period: at least one day, week, month or year."""

    def __str__(self) -> str:
        return f"{self.times} per {self.per}"



class PlanKind(StrEnum):
    """Whether a plan version is the initial plan or an update (seed 003 slides 13, 31)."""

    INITIAL = "initial"
    UPDATE = "update"


class PermanencyGoal(StrEnum):
    """Case plan (permanency) goals.

    The first nine are seed 003's (slides 8–9), in its order; the deck says the last three of
    them (``long_term_foster_care_relative``, ``long_term_foster_care``,
    ``stable_foster_care_emancipation``) "do not actually represent permanency". The federal
    options (42 USC 675(5)(C)(i)) map as: return to parent = ``return_home``; adoption =
    ``adoption``; legal guardianship = ``legal_guardianship``; plus
    ``fit_and_willing_relative`` and ``appla`` (another planned permanent living arrangement,
    only for a child of 16 or more with a documented compelling reason, 42 USC 675a(a)).
    Which goals a jurisdiction uses, and which count as permanency, are policy settings.
    """

    REMAIN_HOME = "remain_home"
    RETURN_HOME = "return_home"
    ADOPTION_WITH_SIBLINGS = "adoption_with_siblings"
    ADOPTION = "adoption"
    MAINTAIN_LEGAL_GUARDIANSHIP = "maintain_legal_guardianship"
    LEGAL_GUARDIANSHIP = "legal_guardianship"
    LONG_TERM_FOSTER_CARE_RELATIVE = "long_term_foster_care_relative"
    LONG_TERM_FOSTER_CARE = "long_term_foster_care"
    STABLE_FOSTER_CARE_EMANCIPATION = "stable_foster_care_emancipation"
    FIT_AND_WILLING_RELATIVE = "fit_and_willing_relative"
    APPLA = "appla"


class Participation(StrEnum):
    """How a participant took part in developing the plan."""

    IN_PERSON = "in_person"
    BY_PHONE_OR_VIDEO = "by_phone_or_video"
    IN_WRITING = "in_writing"
    DID_NOT_PARTICIPATE = "did_not_participate"
    """The plan must then say why (45 CFR 1356.21(g), CWPM 8.3C.1)."""


@attrs.frozen(kw_only=True)
class PlanParticipant:
    """A person who took part in the plan, or was asked to and did not, and how.

    Invariant: ``did_not_participate`` needs a ``reason_not_participating``.
    """

    person_id: str = attrs.field(validator=_id)
    """The person (family member, caregiver, support person)."""
    participation: Participation = attrs.field(validator=v.instance_of(Participation))
    """How they took part."""
    reason_not_participating: str | None = attrs.field(default=None, validator=optional_text)
    """Why a parent could not or would not take part (45 CFR 1356.21(g))."""
    signed: bool = attrs.field(default=False, validator=a_bool)
    """Whether they signed the plan."""

    def __attrs_post_init__(self) -> None:
        if self.participation is Participation.DID_NOT_PARTICIPATE and not (
            self.reason_not_participating and self.reason_not_participating.strip()
        ):
            raise InvalidRecordError(
                "'reason_not_participating' is required when 'participation' is "
                f"'did_not_participate' (found {kind_of(self.reason_not_participating)})",
                path="reason_not_participating",
            )


class ObjectiveLifecycle(StrEnum):
    """Where an objective is in its life (HL7 FHIR ``Goal.lifecycleStatus``)."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ENTERED_IN_ERROR = "entered_in_error"


class AchievementStatus(StrEnum):
    """How far the person is toward the objective (HL7 FHIR ``Goal.achievementStatus``)."""

    IN_PROGRESS = "in_progress"
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no_change"
    ACHIEVED = "achieved"
    SUSTAINING = "sustaining"
    NOT_ACHIEVED = "not_achieved"
    NO_PROGRESS = "no_progress"
    NOT_ATTAINABLE = "not_attainable"


@attrs.frozen(kw_only=True)
class ServiceObjective:
    """A service objective: a specific behavioral end state, in positive terms.

    Seed 003 slides 32–39: an objective describes an end state that represents the
    elimination of the identified problem, and is S.M.A.R.T. The structured fields are the
    evidence the S.M.A.R.T. checks read first: who (``person_ids``), the behavior, the
    measure, a due date or timeframe, and the contributing factors or needs it addresses.
    Any of them may be missing in a real plan; a check reports it, the model does not refuse.
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    statement: str = attrs.field(validator=text)
    """The objective as written in the plan."""
    person_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Whose behavior it is about."""
    behavior: str | None = attrs.field(default=None, validator=optional_text)
    """The behavior to be demonstrated, if recorded separately from the statement."""
    measure: str | None = attrs.field(default=None, validator=optional_text)
    """How everyone will know it is done: the criterion of achievement (slide 36)."""
    due_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date by which it should be achieved."""
    timeframe: Period | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Period))
    )
    """Time allowed from the plan date, where no fixed due date is given."""
    addresses_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Ids of the contributing factors or needs it addresses (relevance, slide 38)."""
    lifecycle: ObjectiveLifecycle = attrs.field(
        default=ObjectiveLifecycle.ACTIVE, validator=v.instance_of(ObjectiveLifecycle)
    )
    """Lifecycle status."""
    achievement: AchievementStatus | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(AchievementStatus))
    )
    """Achievement status, if assessed."""
    achieved_on: date | None = attrs.field(default=None, validator=_opt_date)
    """Date it was achieved, if it was."""


@attrs.frozen(kw_only=True)
class ClientResponsibility:
    """A planned client service (client responsibility): an activity toward an objective.

    Seed 003 slides 11, 30, 32: services describe an activity that could lead to the end state.
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """What the person will do."""
    person_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Who will do it."""
    objective_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """The objectives it serves."""
    frequency: Frequency | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Frequency))
    )
    """How often, where the plan says."""


@attrs.frozen(kw_only=True)
class CaseManagementService:
    """What the agency will do (seed 003 slide 15: "what the agency will do")."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """The agency's task."""
    objective_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """The objectives it supports."""


@attrs.frozen(kw_only=True)
class ConcurrentStep:
    """A step or service toward the concurrent (alternate) permanency goal (seed 003 slide 59)."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    description: str = attrs.field(validator=text)
    """The step."""
    due_on: date | None = attrs.field(default=None, validator=_opt_date)
    """When it should be done."""
    completed_on: date | None = attrs.field(default=None, validator=_opt_date)
    """When it was done."""


class VisitorKind(StrEnum):
    """Who a family visit is with."""

    PARENT = "parent"
    SIBLING = "sibling"
    OTHER_RELATIVE = "other_relative"
    OTHER = "other"


class Supervision(StrEnum):
    """Supervision level of a family visit (seed 003 slide 54)."""

    SUPERVISED = "supervised"
    MONITORED = "monitored"
    UNSUPERVISED = "unsupervised"


@attrs.frozen(kw_only=True)
class VisitationArrangement:
    """Planned family visitation for a child (seed 003 slides 53–55).

    ``conditions`` records any condition put on visits as written; rules flag conditions that
    make visits a reward or punishment for compliance, which visits must never be.
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    child_id: str = attrs.field(validator=_id)
    """The child."""
    visitor_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Parents, siblings or others the child visits."""
    visitor_kind: VisitorKind = attrs.field(validator=v.instance_of(VisitorKind))
    """Who the visits are with."""
    frequency: Frequency = attrs.field(validator=v.instance_of(Frequency))
    """Planned frequency."""
    supervision: Supervision = attrs.field(validator=v.instance_of(Supervision))
    """Supervision level."""
    setting: str | None = attrs.field(default=None, validator=optional_text)
    """Where visits happen (slide 54: settings that encourage natural interaction)."""
    conditions: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    """Conditions put on visits, as written."""
    goodbye_visit_considered: bool | None = attrs.field(
        default=None, validator=optional_bool
    )
    """Where parental rights are terminated: whether a goodbye visit was considered
    (slide 54)."""


@attrs.frozen(kw_only=True)
class IndependentLivingService:
    """An independent living plan service for a youth (seed 003 slides 7, 27)."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    youth_id: str = attrs.field(validator=_id)
    """The youth."""
    description: str = attrs.field(validator=text)
    """The service or task."""
    objective_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Objectives it serves."""


@attrs.frozen(kw_only=True)
class ContactScheduleEntry:
    """Planned caseworker contact with one person (seed 003 slides 27, 56)."""

    person_id: str = attrs.field(validator=_id)
    """Who the caseworker will see (child, parent, substitute care provider)."""
    frequency: Frequency = attrs.field(validator=v.instance_of(Frequency))
    """How often."""
    in_person: bool = attrs.field(default=True, validator=a_bool)
    """Whether the contacts are in person."""
    in_residence: bool | None = attrs.field(default=None, validator=optional_bool)
    """Whether they are planned in the person's residence."""


class ClosureCategory(StrEnum):
    """The six categories of safe case closure criteria (seed 004, "Planning is third")."""

    PROTECTIVE_PROVISIONS = "protective_provisions"
    """Protective provisions put into place to keep people in the home safe."""
    BEHAVIORAL_PATTERNS = "behavioral_patterns"
    """Behavioral patterns to be acquired and adequately, consistently demonstrated."""
    RELAPSE_AND_CRISIS_PREVENTION = "relapse_and_crisis_prevention"
    """Relapse and crisis prevention with response capacities in place and working."""
    SUSTAINABLE_FAMILY_SUPPORTS = "sustainable_family_supports"
    """Sustainable family supports (housing, health care, adequate supervision...)."""
    LEGAL_RESOLUTION = "legal_resolution"
    """Resolution of legal issues and court requirements."""
    MEASURES_AND_SCHEDULES = "measures_and_schedules"
    """Measures and schedules for progress, outcomes and satisfaction of the criteria:
    "how we will know what's working and when we're done"."""


class CriterionStatus(StrEnum):
    """Progress on a safe case closure criterion, monitored at each review (seed 004)."""

    NOT_MET = "not_met"
    PARTIALLY_MET = "partially_met"
    MET = "met"


@attrs.frozen(kw_only=True)
class ClosureCriterion:
    """One safe case closure criterion, with its measure and status."""

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    category: ClosureCategory = attrs.field(validator=v.instance_of(ClosureCategory))
    """Which of the six categories it belongs to."""
    description: str = attrs.field(validator=text)
    """The criterion."""
    measure: str | None = attrs.field(default=None, validator=optional_text)
    """How it will be measured."""
    status: CriterionStatus = attrs.field(
        default=CriterionStatus.NOT_MET, validator=v.instance_of(CriterionStatus)
    )
    """Status as of the plan's date."""


@attrs.frozen(kw_only=True)
class AftercarePlan:
    """Plan to prevent recurrence after closure (seed 003 slide 63)."""

    vulnerabilities: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    """Factors that make the family most vulnerable to recurrence."""
    strengths: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    """Strengths that help the family prevent or cope with vulnerable situations."""
    supports: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=texts)
    """Formal and informal supports in place after closure."""


@attrs.frozen(kw_only=True)
class ParentInput:
    """A parent's own requests for services and view of strengths and needs (seed 004 tip 6)."""

    person_id: str = attrs.field(validator=_id)
    """The parent."""
    requested_services: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=texts
    )
    """Services the parent asked for."""
    view_of_strengths: str | None = attrs.field(default=None, validator=optional_text)
    """Strengths as the parent sees them."""
    view_of_needs: str | None = attrs.field(default=None, validator=optional_text)
    """Needs as the parent sees them."""


@attrs.frozen(kw_only=True)
class PlanUpdateReport:
    """What a case plan update must record (seed 003 slide 58)."""

    current_circumstances: str | None = attrs.field(default=None, validator=optional_text)
    """Current family circumstances."""
    progress_on_objectives: str | None = attrs.field(default=None, validator=optional_text)
    """Parental progress on objectives."""
    compliance_with_services: str | None = attrs.field(default=None, validator=optional_text)
    """Parental compliance with services."""
    concurrent_planning_efforts: str | None = attrs.field(default=None, validator=optional_text)
    """Efforts to achieve alternate permanency."""


@attrs.frozen(kw_only=True)
class OutOfHomeDetails:
    """What a plan holds for a child placed out of home (seed 003 slide 56)."""

    child_id: str = attrs.field(validator=_id)
    """The child placed out of home."""
    placement_needs: str | None = attrs.field(default=None, validator=optional_text)
    """Assessment of placement needs."""
    provider_contact: Frequency | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(Frequency))
    )
    """Social worker contact with the substitute care provider."""
    well_being: str | None = attrs.field(default=None, validator=optional_text)
    """Child well-being information (health, education)."""
    special_circumstances: str | None = attrs.field(default=None, validator=optional_text)
    """Explanation of special placement circumstances."""


@attrs.frozen(kw_only=True)
class LegalRequirements:
    """Legal requirements a plan addresses (seed 003 slide 7)."""

    icwa_applies: bool | None = attrs.field(default=None, validator=optional_bool)
    """Whether the Indian Child Welfare Act applies (``None``: inquiry not complete)."""
    icwa_notes: str | None = attrs.field(default=None, validator=optional_text)
    """ICWA inquiry and notice notes."""
    well_being_efforts: str | None = attrs.field(default=None, validator=optional_text)
    """Child well-being efforts."""
    educational_stability_efforts: str | None = attrs.field(default=None, validator=optional_text)
    """Educational stability efforts."""


@attrs.frozen(kw_only=True)
class TransitionPlan:
    """How a child returns home: the steps of the transition and the planned day of return
    (seed 003 slide 60: reunification weighs safety, the minimum sufficient level of care,
    readiness and the transition)."""

    steps: tuple[str, ...] = attrs.field(converter=to_tuple, validator=texts)
    """The steps, in order (e.g. "unsupervised day visits", "overnight weekends")."""
    planned_return_on: date | None = attrs.field(default=None, validator=_opt_date)
    """The day the child is planned to return home, if set."""


@attrs.frozen(kw_only=True)
class CasePlan:
    """One version of the case plan: the initial plan or an update.

    Versions form a chain: an update names the plan it ``replaces`` and is dated on or after
    it (checked by [`Case`][practicemodel.case.Case]). Invariants checked here: an initial
    plan replaces nothing and an update replaces something; ``period_end`` is not before
    ``completed_on``; the concurrent goal differs from the permanency goal.
    """

    id: str = attrs.field(validator=_id)
    """Caller-chosen identifier, unique within the case."""
    kind: PlanKind = attrs.field(validator=v.instance_of(PlanKind))
    """Initial plan or update."""
    completed_on: date = attrs.field(validator=a_date)
    """Date the plan was completed (the date its timeliness is judged by)."""
    replaces: str | None = attrs.field(default=None, validator=_opt_str)
    """Id of the plan version this one replaces (``None`` for the initial plan)."""
    child_ids: tuple[str, ...] = attrs.field(converter=to_tuple, validator=_ids)
    """Children the plan covers."""
    period_end: date | None = attrs.field(default=None, validator=_opt_date)
    """Last day of the period the plan covers, if it states one."""
    participants: tuple[PlanParticipant, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(PlanParticipant)
    )
    """Who took part and how."""
    permanency_goal: PermanencyGoal | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PermanencyGoal))
    )
    """The permanency goal (``None`` if the plan does not state one: a check reports it)."""
    concurrent_goal: PermanencyGoal | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PermanencyGoal))
    )
    """The concurrent (alternate) permanency goal, if any (seed 003 slide 51)."""
    goal_compelling_reason: str | None = attrs.field(default=None, validator=optional_text)
    """Documented compelling reason, required for APPLA (42 USC 675(5)(C)(i))."""
    concurrent_steps: tuple[ConcurrentStep, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ConcurrentStep)
    )
    """Steps and services toward the concurrent goal."""
    assessment_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Assessments the plan is based on."""
    assessment_summary: str | None = attrs.field(default=None, validator=optional_text)
    """Assessment summary."""
    contributing_factor_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_ids
    )
    """Contributing factors (from assessments) the plan addresses."""
    strength_ids: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, validator=_ids)
    """Strengths (from assessments) the plan builds on."""
    objectives: tuple[ServiceObjective, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ServiceObjective)
    )
    """Service objectives."""
    client_responsibilities: tuple[ClientResponsibility, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ClientResponsibility)
    )
    """Client responsibilities (planned client services)."""
    case_management_services: tuple[CaseManagementService, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(CaseManagementService)
    )
    """Case management services."""
    visitation: tuple[VisitationArrangement, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(VisitationArrangement)
    )
    """Visitation plan."""
    independent_living_services: tuple[IndependentLivingService, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(IndependentLivingService)
    )
    """Independent living plan services."""
    contact_schedule: tuple[ContactScheduleEntry, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ContactScheduleEntry)
    )
    """Contact schedule."""
    closure_criteria: tuple[ClosureCriterion, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ClosureCriterion)
    )
    """Safe case closure criteria (seed 004: in the first plan)."""
    aftercare: AftercarePlan | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(AftercarePlan))
    )
    """Aftercare plan."""
    parent_input: tuple[ParentInput, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(ParentInput)
    )
    """Parents' own requests and views."""
    update_report: PlanUpdateReport | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(PlanUpdateReport))
    )
    """For an update: what it must record (slide 58)."""
    out_of_home: tuple[OutOfHomeDetails, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(OutOfHomeDetails)
    )
    """For children placed out of home (slide 56)."""
    legal: LegalRequirements | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(LegalRequirements))
    )
    """Legal requirements addressed (slide 7)."""
    youth_chosen_member_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_ids)
    """People a youth aged 14 or older chose as members of the case planning team, at most
    two besides the caseworker and foster parents (42 USC 675(1)(B)); people of the case."""
    minimum_sufficient_level_of_care: str | None = attrs.field(
        default=None, validator=optional_text)
    """The minimum sufficient level of care for this family: the standard of parenting below
    which the home is inadequate for the child (seed 003 slide 16), against which progress
    is measured in updates (slide 57), reunification (slide 60) and closing (slide 62)."""
    transition_plan: TransitionPlan | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(TransitionPlan)))
    """For a child returning home: the reunification transition plan (seed 003 slide 60)."""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if self.youth_chosen_member_ids and len(self.youth_chosen_member_ids) > 2:
            problems.append(Problem(
                "youth_chosen_member_ids",
                f"a youth chooses at most 2 members of the planning team (42 USC 675(1)(B)); "
                f"found {len(self.youth_chosen_member_ids)}"))
        if self.kind is PlanKind.INITIAL and self.replaces is not None:
            problems.append(Problem(
                "replaces",
                f"an initial plan replaces no plan (found replaces={show(self.replaces)})",
            ))
        if self.kind is PlanKind.UPDATE and self.replaces is None:
            problems.append(Problem(
                "replaces", "an update must name the plan it replaces (found none)"
            ))
        if self.replaces is not None and self.replaces == self.id:
            problems.append(Problem(
                "replaces", f"a plan cannot replace itself (found replaces={show(self.replaces)})"
            ))
        p = order_problem(self.completed_on, self.period_end, "completed_on", "period_end")
        if p:
            problems.append(p)
        if self.concurrent_goal is not None and self.concurrent_goal == self.permanency_goal:
            problems.append(Problem(
                "concurrent_goal",
                "'concurrent_goal' must differ from 'permanency_goal' "
                f"(found {self.concurrent_goal.value!r} for both)",
            ))
        if problems:
            raise InvalidRecordError(problems)

    def all_objective_ids(self) -> tuple[str, ...]:
        """Return the ids of this plan's objectives, in plan order."""
        return tuple(o.id for o in self.objectives)
