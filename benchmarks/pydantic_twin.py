"""A pydantic v2 twin of practicemodel's whole case record, for the load benchmark.

``Case.model_validate_json(line)`` reads exactly the JSON that ``practicemodel.dumps_case``
writes, into frozen pydantic models with the same class names, the same fields, the same
nesting and the same types as practicemodel's attrs classes. It is written to do the same
work as ``practicemodel.load_case``, so that the load benchmark compares like with like.

What the twin checks, as practicemodel does:

- Structure: every model is ``frozen=True, extra="forbid", strict=True``; required fields are
  required and optional fields default to the same values; strict mode refuses a string where a
  number belongs, a number where a string belongs, ``1`` for ``true`` (practicemodel's hooks are
  equally strict). Numbers may be integers where a float is expected (as in practicemodel).
- ``schema_version`` must be ``"1"`` (a ``Literal`` field of ``Case``; practicemodel checks it
  before structuring and keeps it out of its ``Case``).
- Dates are ``datetime.date`` from ISO strings; collections are tuples.
- Enums are practicemodel's own ``StrEnum`` classes, validated by value.
- Strings that practicemodel refuses when empty or blank (ids, names, descriptions, statements,
  ``region``, ``county``...) must contain a non-space character (``pattern=r"\\S"``).
- ``Period.count >= 0``; ``Frequency.times >= 1``.
- Quantities are small models ``{"value": float, "unit": str}`` (``Duration``, ``Dosage``)
  whose validator builds the pint quantity with ``practicemodel.units.quantity`` and checks its
  kind with ``practicemodel.units.check_quantity``: the same pint work practicemodel does per
  quantity. The twin keeps ``value``/``unit``; practicemodel keeps the pint quantity.
- Cross-field invariants of each class, in ``model_validator(mode="after")``: end on or after
  start for ``Relationship``, ``Placement``, ``SafetyPlan``; ``Person`` death and diligent
  searches not before birth; ``Relationship`` adult differs from child,
  ``adoption_finalized`` only for adoptive parents, ``foster_home`` exactly for foster parents;
  ``RemovalEpisode`` exit after removal, ``exit_reason`` exactly with ``exit_on``, first
  finding not before removal, placements inside the episode, in order, without overlap;
  ``SafetyAssessment`` needs a plan when conditionally safe and the plan starts on or after
  it; ``PlanParticipant`` needs a reason when it did not participate; ``CasePlan`` initial
  vs. update vs. ``replaces``, ``period_end`` order, concurrent goal differs; ``Service``
  referral/waitlist/start/end order; ``InvolvementEvent`` has people and activities;
  ``CaseworkerContact`` has people, location only in person, private children among the
  people; ``FamilyVisit`` has visitors.
- The case-wide checks: ``Case``'s validator runs practicemodel's own case checker
  (``practicemodel.case._CaseChecker``: unique ids, every reference resolves, plan chain
  dates, at most one initial plan, no event before a person's birth, ``closed_on`` order) on
  the twin's objects, which have the same attribute names and enum members. That is the same
  code practicemodel runs in ``Case.__attrs_post_init__``.

What the twin does not do, compared to practicemodel:

- Error reports: pydantic's ``ValidationError`` lists problems in its own format; the twin
  does not map them to practicemodel's ``RecordStructureError`` paths and messages.
- Date syntax: pydantic accepts only ``YYYY-MM-DD`` (and rejects a few other ISO 8601 forms
  ``date.fromisoformat`` accepts, such as ``20260301``); both accept every date
  ``dumps_case`` writes.
- Blank strings: the twin's ``\\S`` pattern uses Unicode white space as the regex engine
  defines it; practicemodel uses ``str.strip()``. They agree on ordinary text.
- Quantities are not kept as pint objects (see above), so the twin's records are not usable
  with practicemodel's rules; it exists only to be timed.

Run ``python benchmarks/pydantic_twin.py`` to check the twin against the model: field names,
required fields and non-blank strings of every class must match practicemodel's attrs classes,
and a set of broken records must be refused by both loaders (and a valid one accepted).
"""

from __future__ import annotations

import copy
import sys
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from practicemodel.assessment import RiskLevel, SafetyDecision
from practicemodel.case import CaseType, _CaseChecker
from practicemodel.caseplan import (
    AchievementStatus,
    ClosureCategory,
    CriterionStatus,
    ObjectiveLifecycle,
    Participation,
    PermanencyGoal,
    PlanKind,
    Supervision,
    VisitorKind,
)
from practicemodel.court import FindingKind, HearingKind, TprExceptionKind
from practicemodel.involvement import EngagementOutcome, InvolvementActivity, InvolvementSetting
from practicemodel.people import (
    ParentRole,
    RelationshipKind,
    SearchOutcome,
    Sex,
    StaffRole,
)
from practicemodel.periods import PeriodUnit
from practicemodel.placement import ExitReason, PlacementSetting, RemovalManner
from practicemodel.services import ServiceCategory, ServiceStatus
from practicemodel.staffing import StaffingTopic
from practicemodel.units import QuantityKind, check_quantity, quantity
from practicemodel.visits import ContactLocation, ContactMode, ContactTopic, FamilyVisitStatus

__all__ = ["MODELS", "Case", "check_against_model"]

NonBlank = Annotated[str, StringConstraints(pattern=r"\S")]
"""A string with at least one non-space character (practicemodel's ``non_empty``)."""
Ids = tuple[str, ...]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def _order(start: date | None, end: date | None, start_name: str, end_name: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"{end_name!r} must be on or after {start_name!r} (got {end} < {start})")


# -- units and periods ----------------------------------------------------------------------


class _Quantity(_Model):
    value: float
    unit: str
    kind: ClassVar[QuantityKind]

    @model_validator(mode="after")
    def _pint(self) -> Self:
        check_quantity(quantity(self.value, self.unit), self.kind, field=self.kind)
        return self


class Duration(_Quantity):
    """A length of time, e.g. ``{"value": 45, "unit": "minute"}``."""

    kind: ClassVar[QuantityKind] = "duration"


class Dosage(_Quantity):
    """Service per unit of time, e.g. ``{"value": 3, "unit": "hour / week"}``."""

    kind: ClassVar[QuantityKind] = "dosage"


class Period(_Model):
    count: Annotated[int, Field(ge=0)]
    unit: PeriodUnit


# -- people ---------------------------------------------------------------------------------


class DiligentSearch(_Model):
    completed_on: date
    outcome: SearchOutcome
    notes: str | None = None


class TribalAffiliation(_Model):
    tribe: NonBlank
    enrolled: bool | None = None
    eligible_for_membership: bool | None = None
    tribe_notified_on: date | None = None


class Person(_Model):
    id: NonBlank
    name: NonBlank
    birth_date: date | None = None
    sex: Sex | None = None
    gender: str | None = None
    tribal_affiliation: TribalAffiliation | None = None
    whereabouts_known: bool = True
    diligent_searches: tuple[DiligentSearch, ...] = ()
    deceased_on: date | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        _order(self.birth_date, self.deceased_on, "birth_date", "deceased_on")
        for search in self.diligent_searches:
            _order(self.birth_date, search.completed_on, "birth_date", "completed_on")
        return self


class StaffMember(_Model):
    id: NonBlank
    name: NonBlank
    role: StaffRole


class ParentalRights(_Model):
    terminated_on: date
    continued_involvement_reason: str | None = None


class FosterHome(_Model):
    related: bool
    licensed: bool
    pre_adoptive: bool = False


class Relationship(_Model):
    adult_id: NonBlank
    child_id: NonBlank
    kind: RelationshipKind
    parent_role: ParentRole | None = None
    lives_with_child: bool = False
    primary_caregiver: bool = False
    removed_from: bool = False
    wishes_to_be_involved: bool | None = None
    adoption_finalized: bool | None = None
    foster_home: FosterHome | None = None
    parental_rights: ParentalRights | None = None
    start: date | None = None
    end: date | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if self.adult_id == self.child_id:
            raise ValueError(f"'adult_id' must differ from 'child_id' (got {self.adult_id!r})")
        _order(self.start, self.end, "start", "end")
        adoptive = self.kind is RelationshipKind.ADOPTIVE_PARENT
        if self.adoption_finalized is not None and not adoptive:
            raise ValueError("'adoption_finalized' applies only to kind 'adoptive_parent'")
        if (self.kind is RelationshipKind.FOSTER_PARENT) != (self.foster_home is not None):
            raise ValueError("'foster_home' is given exactly for kind 'foster_parent'")
        return self


# -- placement ------------------------------------------------------------------------------


class Placement(_Model):
    id: NonBlank
    setting: PlacementSetting
    start: date
    end: date | None = None
    caregiver_ids: Ids = ()
    provider: str | None = None
    court_ordered_extension: bool = False

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        _order(self.start, self.end, "start", "end")
        return self


class RemovalEpisode(_Model):
    id: NonBlank
    child_id: NonBlank
    removed_on: date
    manner: RemovalManner
    removed_from_ids: Ids = ()
    first_abuse_neglect_finding_on: date | None = None
    placements: tuple[Placement, ...] = ()
    exit_on: date | None = None
    exit_reason: ExitReason | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        _order(self.removed_on, self.exit_on, "removed_on", "exit_on")
        if (self.exit_on is None) != (self.exit_reason is None):
            raise ValueError("'exit_reason' must be given exactly when 'exit_on' is")
        _order(self.removed_on, self.first_abuse_neglect_finding_on, "removed_on",
               "first_abuse_neglect_finding_on")
        previous_end: date | None = None
        for i, placement in enumerate(self.placements):
            if placement.start < self.removed_on:
                raise ValueError(f"placements[{i}] starts before the removal")
            if self.exit_on is not None and (placement.end is None or placement.end > self.exit_on):
                raise ValueError(f"placements[{i}] ends after the exit")
            if i > 0 and (previous_end is None or placement.start < previous_end):
                raise ValueError(f"placements[{i}] overlaps the previous placement")
            previous_end = placement.end
        return self


# -- court ----------------------------------------------------------------------------------


class Hearing(_Model):
    id: NonBlank
    kind: HearingKind
    held_on: date
    child_ids: Ids
    administrative: bool = False


class JudicialFinding(_Model):
    id: NonBlank
    kind: FindingKind
    made_on: date
    child_id: NonBlank
    affirmed: bool = True
    hearing_id: str | None = None


class TprPetition(_Model):
    id: NonBlank
    child_id: NonBlank
    parent_ids: Ids
    filed_on: date


class TprOrder(_Model):
    id: NonBlank
    child_id: NonBlank
    parent_id: NonBlank
    ordered_on: date


class TprException(_Model):
    id: NonBlank
    child_id: NonBlank
    kind: TprExceptionKind
    documented_on: date
    reason: str | None = None


# -- assessment -----------------------------------------------------------------------------


class SafetyPlan(_Model):
    id: NonBlank
    start: date
    end: date | None = None
    provisions: Ids = ()
    responsible_ids: Ids = ()

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        _order(self.start, self.end, "start", "end")
        return self


class SafetyAssessment(_Model):
    id: NonBlank
    completed_on: date
    child_ids: Ids
    decision: SafetyDecision
    safety_plan: SafetyPlan | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if self.decision is SafetyDecision.CONDITIONALLY_SAFE and self.safety_plan is None:
            raise ValueError("'safety_plan' is required when 'decision' is 'conditionally_safe'")
        if self.safety_plan is not None:
            _order(self.completed_on, self.safety_plan.start, "completed_on", "start")
        return self


class RiskAssessment(_Model):
    id: NonBlank
    completed_on: date
    level: RiskLevel
    instrument: str | None = None


class Strength(_Model):
    id: NonBlank
    description: NonBlank


class Need(_Model):
    id: NonBlank
    description: NonBlank
    domain: str | None = None
    priority: bool = False


class PersonStrengthsNeeds(_Model):
    person_id: NonBlank
    strengths: tuple[Strength, ...] = ()
    needs: tuple[Need, ...] = ()


class ContributingFactor(_Model):
    id: NonBlank
    description: NonBlank
    person_ids: Ids = ()
    underlying: bool = False


class StrengthsNeedsAssessment(_Model):
    id: NonBlank
    completed_on: date
    people: tuple[PersonStrengthsNeeds, ...] = ()
    contributing_factors: tuple[ContributingFactor, ...] = ()
    family_strengths: tuple[Strength, ...] = ()
    instrument: str | None = None


class ItemScore(_Model):
    item: NonBlank
    score: float


class InstrumentAssessment(_Model):
    id: NonBlank
    instrument: NonBlank
    completed_on: date
    person_id: str | None = None
    scores: tuple[ItemScore, ...] = ()
    total: float | None = None


# -- case plan ------------------------------------------------------------------------------


class Frequency(_Model):
    times: Annotated[int, Field(ge=1)]
    per: Period


class PlanParticipant(_Model):
    person_id: NonBlank
    participation: Participation
    reason_not_participating: str | None = None
    signed: bool = False

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if self.participation is Participation.DID_NOT_PARTICIPATE and not (
            self.reason_not_participating and self.reason_not_participating.strip()
        ):
            raise ValueError("'reason_not_participating' is required when 'participation' "
                             "is 'did_not_participate'")
        return self


class ServiceObjective(_Model):
    id: NonBlank
    statement: NonBlank
    person_ids: Ids = ()
    behavior: str | None = None
    measure: str | None = None
    due_on: date | None = None
    timeframe: Period | None = None
    addresses_ids: Ids = ()
    lifecycle: ObjectiveLifecycle = ObjectiveLifecycle.ACTIVE
    achievement: AchievementStatus | None = None
    achieved_on: date | None = None


class ClientResponsibility(_Model):
    id: NonBlank
    description: NonBlank
    person_ids: Ids = ()
    objective_ids: Ids = ()
    frequency: Frequency | None = None


class CaseManagementService(_Model):
    id: NonBlank
    description: NonBlank
    objective_ids: Ids = ()


class ConcurrentStep(_Model):
    id: NonBlank
    description: NonBlank
    due_on: date | None = None
    completed_on: date | None = None


class VisitationArrangement(_Model):
    id: NonBlank
    child_id: NonBlank
    visitor_ids: Ids
    visitor_kind: VisitorKind
    frequency: Frequency
    supervision: Supervision
    setting: str | None = None
    conditions: Ids = ()
    goodbye_visit_considered: bool | None = None


class IndependentLivingService(_Model):
    id: NonBlank
    youth_id: NonBlank
    description: NonBlank
    objective_ids: Ids = ()


class ContactScheduleEntry(_Model):
    person_id: NonBlank
    frequency: Frequency
    in_person: bool = True
    in_residence: bool | None = None


class ClosureCriterion(_Model):
    id: NonBlank
    category: ClosureCategory
    description: NonBlank
    measure: str | None = None
    status: CriterionStatus = CriterionStatus.NOT_MET


class AftercarePlan(_Model):
    vulnerabilities: Ids = ()
    strengths: Ids = ()
    supports: Ids = ()


class ParentInput(_Model):
    person_id: NonBlank
    requested_services: Ids = ()
    view_of_strengths: str | None = None
    view_of_needs: str | None = None


class PlanUpdateReport(_Model):
    current_circumstances: str | None = None
    progress_on_objectives: str | None = None
    compliance_with_services: str | None = None
    concurrent_planning_efforts: str | None = None


class OutOfHomeDetails(_Model):
    child_id: NonBlank
    placement_needs: str | None = None
    provider_contact: Frequency | None = None
    well_being: str | None = None
    special_circumstances: str | None = None


class LegalRequirements(_Model):
    icwa_applies: bool | None = None
    icwa_notes: str | None = None
    well_being_efforts: str | None = None
    educational_stability_efforts: str | None = None


class CasePlan(_Model):
    id: NonBlank
    kind: PlanKind
    completed_on: date
    replaces: str | None = None
    child_ids: Ids
    period_end: date | None = None
    participants: tuple[PlanParticipant, ...] = ()
    permanency_goal: PermanencyGoal | None = None
    concurrent_goal: PermanencyGoal | None = None
    goal_compelling_reason: str | None = None
    concurrent_steps: tuple[ConcurrentStep, ...] = ()
    assessment_ids: Ids = ()
    assessment_summary: str | None = None
    contributing_factor_ids: Ids = ()
    strength_ids: Ids = ()
    objectives: tuple[ServiceObjective, ...] = ()
    client_responsibilities: tuple[ClientResponsibility, ...] = ()
    case_management_services: tuple[CaseManagementService, ...] = ()
    visitation: tuple[VisitationArrangement, ...] = ()
    independent_living_services: tuple[IndependentLivingService, ...] = ()
    contact_schedule: tuple[ContactScheduleEntry, ...] = ()
    closure_criteria: tuple[ClosureCriterion, ...] = ()
    aftercare: AftercarePlan | None = None
    parent_input: tuple[ParentInput, ...] = ()
    update_report: PlanUpdateReport | None = None
    out_of_home: tuple[OutOfHomeDetails, ...] = ()
    legal: LegalRequirements | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if self.kind is PlanKind.INITIAL and self.replaces is not None:
            raise ValueError("an initial plan replaces no plan")
        if self.kind is PlanKind.UPDATE and self.replaces is None:
            raise ValueError("an update must name the plan it replaces")
        if self.replaces is not None and self.replaces == self.id:
            raise ValueError("a plan cannot replace itself")
        _order(self.completed_on, self.period_end, "completed_on", "period_end")
        if self.concurrent_goal is not None and self.concurrent_goal == self.permanency_goal:
            raise ValueError("'concurrent_goal' must differ from 'permanency_goal'")
        return self


# -- services, involvement, visits, staffing -----------------------------------------------


class Service(_Model):
    id: NonBlank
    category: ServiceCategory
    description: str | None = None
    person_ids: Ids
    provider: str | None = None
    objective_ids: Ids = ()
    responsibility_id: str | None = None
    status: ServiceStatus
    referred_on: date | None = None
    waitlisted_on: date | None = None
    started_on: date | None = None
    ended_on: date | None = None
    dosage: Dosage | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        _order(self.referred_on, self.started_on, "referred_on", "started_on")
        _order(self.referred_on, self.waitlisted_on, "referred_on", "waitlisted_on")
        _order(self.waitlisted_on, self.started_on, "waitlisted_on", "started_on")
        _order(self.started_on or self.referred_on, self.ended_on, "started_on", "ended_on")
        return self


class InvolvementEvent(_Model):
    id: NonBlank
    occurred_on: date
    person_ids: Ids
    activities: tuple[InvolvementActivity, ...]
    setting: InvolvementSetting
    outcome: EngagementOutcome = EngagementOutcome.PARTICIPATED
    evidence: str | None = None
    plan_id: str | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if not self.person_ids:
            raise ValueError("'person_ids' must name at least one person")
        if not self.activities:
            raise ValueError("'activities' must name at least one of the five activities")
        return self


class CaseworkerContact(_Model):
    id: NonBlank
    occurred_on: date
    caseworker_id: NonBlank
    person_ids: Ids
    mode: ContactMode
    location: ContactLocation | None = None
    duration: Duration | None = None
    private_with_ids: Ids = ()
    topics: tuple[ContactTopic, ...] = ()
    setting_suitable: bool | None = None
    completed: bool = True

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if not self.person_ids:
            raise ValueError("'person_ids' must name at least one person")
        if self.location is not None and self.mode is not ContactMode.IN_PERSON:
            raise ValueError("'location' applies only to in-person contacts")
        stray = [p for p in self.private_with_ids if p not in self.person_ids]
        if stray:
            raise ValueError(f"'private_with_ids' must be among 'person_ids' (got {stray!r})")
        return self


class FamilyVisit(_Model):
    id: NonBlank
    child_id: NonBlank
    visitor_ids: Ids
    visitor_kind: VisitorKind
    scheduled_on: date
    status: FamilyVisitStatus
    supervision: Supervision
    duration: Duration | None = None
    location: str | None = None

    @model_validator(mode="after")
    def _invariants(self) -> Self:
        if not self.visitor_ids:
            raise ValueError("'visitor_ids' must name at least one person")
        return self


class SupervisoryStaffing(_Model):
    id: NonBlank
    held_on: date
    supervisor_id: NonBlank
    caseworker_id: str | None = None
    topics: tuple[StaffingTopic, ...] = ()
    notes: str | None = None


# -- the case -------------------------------------------------------------------------------


class Household(_Model):
    id: NonBlank
    member_ids: Ids
    name: str | None = None


class Case(_Model):
    """The case record, as one JSON object with its ``schema_version``."""

    schema_version: Literal["1"]
    id: NonBlank
    case_type: CaseType
    opened_on: date
    closed_on: date | None = None
    closure_reason: str | None = None
    region: NonBlank
    county: NonBlank
    caseworker_id: NonBlank
    supervisor_id: NonBlank
    staff: tuple[StaffMember, ...]
    people: tuple[Person, ...]
    child_ids: Ids
    relationships: tuple[Relationship, ...] = ()
    households: tuple[Household, ...] = ()
    removal_episodes: tuple[RemovalEpisode, ...] = ()
    hearings: tuple[Hearing, ...] = ()
    judicial_findings: tuple[JudicialFinding, ...] = ()
    tpr_petitions: tuple[TprPetition, ...] = ()
    tpr_orders: tuple[TprOrder, ...] = ()
    tpr_exceptions: tuple[TprException, ...] = ()
    safety_assessments: tuple[SafetyAssessment, ...] = ()
    risk_assessments: tuple[RiskAssessment, ...] = ()
    strengths_needs_assessments: tuple[StrengthsNeedsAssessment, ...] = ()
    instrument_assessments: tuple[InstrumentAssessment, ...] = ()
    plans: tuple[CasePlan, ...] = ()
    services: tuple[Service, ...] = ()
    involvement_events: tuple[InvolvementEvent, ...] = ()
    contacts: tuple[CaseworkerContact, ...] = ()
    family_visits: tuple[FamilyVisit, ...] = ()
    staffings: tuple[SupervisoryStaffing, ...] = ()

    @model_validator(mode="after")
    def _case_checks(self) -> Self:
        problems = _CaseChecker(self).run()  # type: ignore[arg-type]
        if problems:
            raise ValueError("; ".join(str(p) for p in problems))
        return self


MODELS: dict[str, type[BaseModel]] = {
    cls.__name__: cls
    for cls in (
        Period, DiligentSearch, TribalAffiliation, Person, StaffMember, ParentalRights,
        FosterHome, Relationship, Placement, RemovalEpisode, Hearing, JudicialFinding,
        TprPetition, TprOrder, TprException, SafetyPlan, SafetyAssessment, RiskAssessment,
        Strength, Need, PersonStrengthsNeeds, ContributingFactor, StrengthsNeedsAssessment,
        ItemScore, InstrumentAssessment, Frequency, PlanParticipant, ServiceObjective,
        ClientResponsibility, CaseManagementService, ConcurrentStep, VisitationArrangement,
        IndependentLivingService, ContactScheduleEntry, ClosureCriterion, AftercarePlan,
        ParentInput, PlanUpdateReport, OutOfHomeDetails, LegalRequirements, CasePlan, Service,
        InvolvementEvent, CaseworkerContact, FamilyVisit, SupervisoryStaffing, Household, Case,
    )
}
"""The twin's models by class name (the same names as practicemodel's classes)."""


# -- checking the twin against the model ---------------------------------------------------


def _non_blank_fields(model: type[BaseModel]) -> set[str]:
    return {
        name for name, info in model.model_fields.items()
        if any(isinstance(m, StringConstraints) or getattr(m, "pattern", None) == r"\S"
               for m in info.metadata)
    }


def _refuses_blank(field: Any) -> bool:
    """Tell whether an attrs field's validator refuses a blank string and accepts a word."""
    if field.validator is None:
        return False

    def accepts(value: str) -> bool:
        try:
            field.validator(None, field, value)
        except Exception:  # any refusal; the model raises its own ValueError subclasses
            return False
        return True

    return accepts("x") and not accepts("  ")


def check_against_model() -> list[str]:
    """Return every difference between the twin's models and practicemodel's classes.

    Compares, class by class: the set of field names, which fields are required, and which
    string fields must not be blank (found by calling each practicemodel field's validator
    with ``"x"`` and ``"  "``). An empty list means the twin has the model's shape.
    """
    import attrs

    from practicemodel.serialization import model_classes

    differences: list[str] = []
    names = {cls.__name__ for cls in model_classes()}
    for cls in model_classes():
        twin = MODELS.get(cls.__name__)
        if twin is None:
            differences.append(f"{cls.__name__}: no twin")
            continue
        fields = attrs.fields(cls)
        ours = {f.name for f in fields}
        theirs = set(twin.model_fields) - ({"schema_version"} if twin is Case else set())
        if ours != theirs:
            differences.append(f"{cls.__name__}: fields differ: model only {sorted(ours - theirs)}"
                               f", twin only {sorted(theirs - ours)}")
        required = {f.name for f in fields if f.default is attrs.NOTHING}
        twin_required = {n for n, info in twin.model_fields.items()
                         if info.is_required() and n != "schema_version"}
        if required != twin_required:
            differences.append(f"{cls.__name__}: required fields differ: model {sorted(required)}"
                               f", twin {sorted(twin_required)}")
        blank = {f.name for f in fields if _refuses_blank(f)}
        if blank != _non_blank_fields(twin):
            differences.append(f"{cls.__name__}: non-blank fields differ: model {sorted(blank)}"
                               f", twin {sorted(_non_blank_fields(twin))}")
    extra = set(MODELS) - names - {"Duration", "Dosage"}
    if extra:
        differences.append(f"twin models with no practicemodel class: {sorted(extra)}")
    return differences


def _mutations(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Broken variants of a valid record, each breaking one rule both loaders check."""
    cases: list[tuple[str, Any]] = [
        ("unknown field", lambda r: r.update(nickname="x")),
        ("bad schema version", lambda r: r.update(schema_version="2")),
        ("blank id", lambda r: r.update(id="  ")),
        ("number for string", lambda r: r.update(county=7)),
        ("bad date", lambda r: r.update(opened_on="yesterday")),
        ("closed before opened", lambda r: r.update(closed_on="1900-01-01")),
        ("unknown enum code", lambda r: r.update(case_type="orphanage")),
        ("string for bool", lambda r: r["relationships"][0].update(removed_from="yes")),
        ("unknown person reference", lambda r: r.update(child_ids=[*r["child_ids"], "nobody"])),
        ("duplicate person id", lambda r: r.update(people=[*r["people"], r["people"][0]])),
        ("placement ends before start",
         lambda r: r["removal_episodes"][0]["placements"][0].update(end="1900-01-01")),
        ("duration in metres",
         lambda r: r["contacts"][0].update(duration={"value": 3, "unit": "metre"})),
        ("unknown unit", lambda r: r["services"][0].update(dosage={"value": 3, "unit": "blorp"})),
        ("bare-number dosage",
         lambda r: r["services"][0].update(dosage={"value": 3, "unit": "dimensionless"})),
        ("location on a phone call",
         lambda r: r["contacts"][0].update(mode="phone", location="office")),
        ("update replacing nothing", lambda r: r["plans"][-1].pop("replaces")),
        ("frequency zero times",
         lambda r: r["plans"][0]["visitation"][0]["frequency"].update(times=0)),
        ("event before birth", lambda r: r["contacts"][0].update(occurred_on="1800-01-01")),
    ]
    out = []
    for name, mutate in cases:
        broken = copy.deepcopy(record)
        try:
            mutate(broken)
        except (KeyError, IndexError):
            continue  # the record has no such part
        out.append((name, broken))
    return out


def self_check(line: str | bytes) -> list[str]:
    """Return problems found comparing the twin with practicemodel on ``line`` and variants."""
    import orjson
    from pydantic import ValidationError

    import practicemodel

    problems = check_against_model()
    record = orjson.loads(line)
    practicemodel.load_case(record)
    Case.model_validate_json(line)
    for name, broken in _mutations(record):
        text = orjson.dumps(broken)
        try:
            practicemodel.loads_case(text)
            model_refused = False
        except practicemodel.RecordStructureError:
            model_refused = True
        try:
            Case.model_validate_json(text)
            twin_refused = False
        except ValidationError:
            twin_refused = True
        if model_refused != twin_refused:
            problems.append(f"{name}: practicemodel refused={model_refused}, "
                            f"twin refused={twin_refused}")
        print(f"  {name:<28} practicemodel refuses: {model_refused!s:<5}  "
              f"twin refuses: {twin_refused}")
    return problems


def main() -> int:
    from pathlib import Path

    import practicemodel

    data = Path(__file__).resolve().parent / "data" / "cases.jsonl"
    if data.exists():
        with data.open("rb") as handle:
            line = handle.readline()
        print(f"checking the twin against practicemodel on the first record of {data}")
    else:
        from make_data import build_template  # type: ignore[import-not-found]

        line = practicemodel.dumps_case(build_template(), indent=None).encode()
        print("checking the twin against practicemodel on the built-in template record")
    problems = self_check(line)
    if problems:
        print("the twin differs from practicemodel:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("the twin matches practicemodel's fields and accepts/refuses the same records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
