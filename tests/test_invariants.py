"""Table-driven tests of every invariant the value objects and the case check.

Each row builds one invalid object and names the error type, the problem's path and the
fragments its message must contain (the field's name and the bad value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import attrs
import pytest

from practicemodel.assessment import (
    ContributingFactor,
    Need,
    PersonStrengthsNeeds,
    SafetyAssessment,
    SafetyDecision,
    SafetyPlan,
    Strength,
    StrengthsNeedsAssessment,
)
from practicemodel.case import Case, CaseType
from practicemodel.caseplan import (
    CasePlan,
    ClientResponsibility,
    Participation,
    PermanencyGoal,
    PlanKind,
    PlanParticipant,
    ServiceObjective,
    Supervision,
    VisitorKind,
)
from practicemodel.court import FindingKind, Hearing, HearingKind, JudicialFinding
from practicemodel.errors import (
    InvalidRecordError,
    PracticeModelError,
    UnitMismatchError,
    UnknownReferenceError,
)
from practicemodel.involvement import InvolvementActivity, InvolvementEvent, InvolvementSetting
from practicemodel.people import (
    DiligentSearch,
    FosterHome,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    SearchOutcome,
    StaffMember,
    StaffRole,
)
from practicemodel.placement import (
    ExitReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.staffing import SupervisoryStaffing
from practicemodel.units import quantity
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactMode,
    FamilyVisit,
    FamilyVisitStatus,
)

D = date

# -- valid building blocks ------------------------------------------------------------------


def person(**changes: Any) -> Person:
    fields: dict[str, Any] = {"id": "mom", "name": "Dana Wilson", "birth_date": D(1990, 4, 2)}
    return Person(**{**fields, **changes})


def relationship(**changes: Any) -> Relationship:
    fields: dict[str, Any] = {
        "adult_id": "mom", "child_id": "c1", "kind": RelationshipKind.BIOLOGICAL_PARENT,
        "parent_role": ParentRole.MOTHER, "removed_from": True,
    }
    return Relationship(**{**fields, **changes})


def placement(**changes: Any) -> Placement:
    fields: dict[str, Any] = {
        "id": "pl1", "setting": PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
        "start": D(2024, 1, 10), "end": D(2024, 3, 31),
    }
    return Placement(**{**fields, **changes})


def episode(**changes: Any) -> RemovalEpisode:
    fields: dict[str, Any] = {
        "id": "e1", "child_id": "c1", "removed_on": D(2024, 1, 10),
        "manner": RemovalManner.COURT_ORDERED, "removed_from_ids": ("mom",),
        "placements": (
            placement(),
            placement(id="pl2", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                      start=D(2024, 3, 31), end=None),
        ),
    }
    return RemovalEpisode(**{**fields, **changes})


def safety_plan(**changes: Any) -> SafetyPlan:
    fields: dict[str, Any] = {
        "id": "sp1", "start": D(2024, 1, 5), "end": D(2024, 4, 5),
        "provisions": ("grandmother supervises all contact",), "responsible_ids": ("mom",),
    }
    return SafetyPlan(**{**fields, **changes})


def safety_assessment(**changes: Any) -> SafetyAssessment:
    fields: dict[str, Any] = {
        "id": "sa1", "completed_on": D(2024, 1, 5), "child_ids": ("c1",),
        "decision": SafetyDecision.CONDITIONALLY_SAFE, "safety_plan": safety_plan(),
    }
    return SafetyAssessment(**{**fields, **changes})


def objective(**changes: Any) -> ServiceObjective:
    fields: dict[str, Any] = {
        "id": "o1", "statement": "Dana stays sober and keeps the home safe",
        "person_ids": ("mom",), "addresses_ids": ("cf1",),
    }
    return ServiceObjective(**{**fields, **changes})


def plan(**changes: Any) -> CasePlan:
    fields: dict[str, Any] = {
        "id": "p1", "kind": PlanKind.INITIAL, "completed_on": D(2024, 2, 1),
        "child_ids": ("c1",), "permanency_goal": PermanencyGoal.RETURN_HOME,
        "concurrent_goal": PermanencyGoal.ADOPTION, "assessment_ids": ("a1",),
        "contributing_factor_ids": ("cf1",), "objectives": (objective(),),
        "client_responsibilities": (ClientResponsibility(
            id="r1", description="attend treatment weekly", person_ids=("mom",),
            objective_ids=("o1",)),),
        "participants": (PlanParticipant(person_id="mom", participation=Participation.IN_PERSON,
                                         signed=True),),
    }
    return CasePlan(**{**fields, **changes})


def update(**changes: Any) -> CasePlan:
    fields: dict[str, Any] = {
        "id": "p2", "kind": PlanKind.UPDATE, "replaces": "p1", "completed_on": D(2024, 8, 1),
        "child_ids": ("c1",), "concurrent_goal": None, "assessment_ids": (),
        "contributing_factor_ids": (), "client_responsibilities": (), "participants": (),
        "objectives": (objective(id="o2", statement="Dana keeps stable housing",
                                 addresses_ids=("n1",)),),
    }
    return plan(**{**fields, **changes})


def service(**changes: Any) -> Service:
    fields: dict[str, Any] = {
        "id": "sv1", "category": ServiceCategory.SUBSTANCE_USE_TREATMENT,
        "person_ids": ("mom",), "objective_ids": ("o1",), "responsibility_id": "r1",
        "status": ServiceStatus.ACTIVE, "referred_on": D(2024, 2, 5),
        "waitlisted_on": D(2024, 2, 10), "started_on": D(2024, 2, 20),
        "dosage": quantity(3, "hour / week"),
    }
    return Service(**{**fields, **changes})


def contact(**changes: Any) -> CaseworkerContact:
    fields: dict[str, Any] = {
        "id": "ct1", "occurred_on": D(2024, 3, 5), "caseworker_id": "cw1",
        "person_ids": ("c1", "fm1"), "mode": ContactMode.IN_PERSON,
        "location": ContactLocation.CHILD_RESIDENCE, "duration": quantity(45, "minute"),
        "private_with_ids": ("c1",),
    }
    return CaseworkerContact(**{**fields, **changes})


def visit(**changes: Any) -> FamilyVisit:
    fields: dict[str, Any] = {
        "id": "fv1", "child_id": "c1", "visitor_ids": ("mom",),
        "visitor_kind": VisitorKind.PARENT, "scheduled_on": D(2024, 3, 9),
        "status": FamilyVisitStatus.HELD, "supervision": Supervision.SUPERVISED,
        "duration": quantity(1, "hour"),
    }
    return FamilyVisit(**{**fields, **changes})


def event(**changes: Any) -> InvolvementEvent:
    fields: dict[str, Any] = {
        "id": "ie1", "occurred_on": D(2024, 1, 30), "person_ids": ("mom",),
        "activities": (InvolvementActivity.GOALS,),
        "setting": InvolvementSetting.FAMILY_TEAM_MEETING, "plan_id": "p1",
    }
    return InvolvementEvent(**{**fields, **changes})


def assessment() -> StrengthsNeedsAssessment:
    return StrengthsNeedsAssessment(
        id="a1",
        completed_on=D(2024, 1, 25),
        people=(PersonStrengthsNeeds(
            person_id="mom",
            strengths=(Strength(id="s1", description="loves her daughter"),),
            needs=(Need(id="n1", description="stable housing", priority=True),),
        ),),
        contributing_factors=(ContributingFactor(id="cf1", description="substance use",
                                                 person_ids=("mom",), underlying=True),),
    )


def base_case(**changes: Any) -> Case:
    fields: dict[str, Any] = {
        "id": "case-1", "case_type": CaseType.FOSTER_CARE, "opened_on": D(2024, 1, 5),
        "region": "Region 1", "county": "Hinds", "caseworker_id": "cw1",
        "supervisor_id": "sup1",
        "staff": (StaffMember(id="cw1", name="Sam Rivera", role=StaffRole.CASEWORKER),
                  StaffMember(id="sup1", name="Lee Chen", role=StaffRole.SUPERVISOR)),
        "people": (person(), person(id="c1", name="Ava Wilson", birth_date=D(2015, 6, 1)),
                   person(id="fm1", name="Pat Moore", birth_date=D(1970, 1, 1))),
        "child_ids": ("c1",),
        "relationships": (
            relationship(),
            relationship(adult_id="fm1", kind=RelationshipKind.FOSTER_PARENT, parent_role=None,
                         removed_from=False, foster_home=FosterHome(related=False, licensed=True),
                         start=D(2024, 1, 10)),
        ),
        "removal_episodes": (episode(),),
        "hearings": (Hearing(id="h1", kind=HearingKind.ADJUDICATION, held_on=D(2024, 2, 15),
                             child_ids=("c1",)),),
        "judicial_findings": (JudicialFinding(id="f1", kind=FindingKind.ABUSE_OR_NEGLECT,
                                              made_on=D(2024, 2, 15), child_id="c1",
                                              hearing_id="h1"),),
        "safety_assessments": (safety_assessment(),),
        "strengths_needs_assessments": (assessment(),),
        "plans": (plan(), update()),
        "services": (service(),),
        "involvement_events": (event(),),
        "contacts": (contact(),),
        "family_visits": (visit(),),
        "staffings": (SupervisoryStaffing(id="st1", held_on=D(2024, 3, 28), supervisor_id="sup1",
                                          caseworker_id="cw1"),),
    }
    return Case(**{**fields, **changes})


BASE = base_case()


def at(items: tuple[Any, ...], index: int, **changes: Any) -> tuple[Any, ...]:
    """Return ``items`` with the item at ``index`` rebuilt with ``changes``."""
    return (*items[:index], attrs.evolve(items[index], **changes), *items[index + 1:])


def case_with(**changes: Any) -> Callable[[], Case]:
    """Return a builder of the base case with top-level fields changed."""
    return lambda: attrs.evolve(BASE, **changes)


# -- the table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """An invalid object, the error it must raise and the problem it must report."""

    make: Callable[[], object]
    error: type[InvalidRecordError]
    path: str
    fragments: tuple[str, ...]


def row(ident: str, make: Callable[[], object], error: type[InvalidRecordError], path: str,
        *fragments: str) -> Any:
    return pytest.param(Broken(make, error, path, fragments), id=ident)


INVALID = InvalidRecordError
UNKNOWN = UnknownReferenceError
UNITS = UnitMismatchError

BROKEN = [
    # end before start
    row("placement-end-before-start", lambda: placement(end=D(2024, 1, 2)), INVALID, "end",
        "'end'", "'start'", "(found 8 days before it)"),
    row("service-ended-before-started",
        lambda: service(ended_on=D(2024, 2, 15)), INVALID, "ended_on",
        "'ended_on'", "'started_on'", "(found 5 days before it)"),
    row("service-ended-before-referred",
        lambda: service(waitlisted_on=None, started_on=None, ended_on=D(2024, 2, 1)), INVALID,
        "ended_on", "'ended_on'", "'referred_on'", "(found 4 days before it)"),
    row("service-waitlisted-before-referred",
        lambda: service(waitlisted_on=D(2024, 2, 1)), INVALID, "waitlisted_on",
        "'waitlisted_on'", "(found 4 days before it)"),
    row("service-started-before-waitlisted",
        lambda: service(waitlisted_on=D(2024, 2, 25)), INVALID, "started_on",
        "'started_on'", "'waitlisted_on'", "(found 5 days before it)"),
    row("safety-plan-end-before-start", lambda: safety_plan(end=D(2023, 12, 31)), INVALID, "end",
        "'end'", "(found 5 days before it)"),
    row("relationship-end-before-start",
        lambda: relationship(start=D(2024, 5, 1), end=D(2024, 4, 30)), INVALID, "end",
        "'end'", "(found 1 day before it)"),
    row("case-closed-before-opened", case_with(closed_on=D(2023, 12, 1)), INVALID, "closed_on",
        "'closed_on'", "'opened_on'", "(found 35 days before it)"),
    row("episode-exit-before-removal",
        lambda: episode(placements=(), exit_on=D(2024, 1, 1), exit_reason=ExitReason.OTHER),
        INVALID, "exit_on", "'exit_on'", "'removed_on'", "(found 9 days before it)"),
    row("person-deceased-before-birth", lambda: person(deceased_on=D(1980, 1, 1)), INVALID,
        "deceased_on", "'deceased_on'", "(found 3744 days before it)"),
    row("diligent-search-before-birth",
        lambda: person(diligent_searches=(DiligentSearch(
            completed_on=D(1985, 1, 1), outcome=SearchOutcome.LOCATED),)),
        INVALID, "diligent_searches[0].completed_on", "'completed_on'",
        "(found 1917 days before it)"),
    row("plan-period-end-before-completion", lambda: plan(period_end=D(2024, 1, 1)), INVALID,
        "period_end", "'period_end'", "(found 31 days before it)"),
    # exit_reason exactly when exit_on
    row("exit-reason-without-exit",
        lambda: episode(exit_reason=ExitReason.REUNIFICATION), INVALID, "exit_reason",
        "'exit_reason'", "(found no 'exit_on' and an 'exit_reason')"),
    row("exit-without-exit-reason",
        lambda: episode(placements=(placement(),), exit_on=D(2024, 4, 1)), INVALID,
        "exit_reason", "'exit_reason'", "(found an 'exit_on' and no 'exit_reason')"),
    row("finding-before-removal",
        lambda: episode(first_abuse_neglect_finding_on=D(2024, 1, 1)), INVALID,
        "first_abuse_neglect_finding_on", "'first_abuse_neglect_finding_on'",
        "(found 9 days before it)"),
    # placements inside the episode, in order, without overlap
    row("placement-before-removal",
        lambda: episode(placements=(placement(start=D(2024, 1, 2)),)), INVALID,
        "placements[0].start", "'start'", "'removed_on'", "(found 8 days before it)"),
    row("placement-after-exit",
        lambda: episode(placements=(placement(),), exit_on=D(2024, 3, 1),
                        exit_reason=ExitReason.REUNIFICATION),
        INVALID, "placements[0].end", "'end'", "'exit_on'", "(found 30 days after it)"),
    row("open-placement-after-exit",
        lambda: episode(placements=(placement(end=None),), exit_on=D(2024, 3, 1),
                        exit_reason=ExitReason.REUNIFICATION),
        INVALID, "placements[0].end", "'end'", "(found an open placement)"),
    row("overlapping-placements",
        lambda: episode(placements=(placement(), placement(id="pl2", start=D(2024, 3, 1)))),
        INVALID, "placements[1].start", "overlap",
        "'start' is 30 days before the previous placement's end"),
    row("placement-after-open-placement",
        lambda: episode(placements=(placement(end=None),
                                    placement(id="pl2", start=D(2024, 5, 1), end=None))),
        INVALID, "placements[1].start", "a previous placement that is still open", "still open"),
    # case plan versions
    row("initial-plan-replaces", lambda: plan(replaces="p0"), INVALID, "replaces",
        "initial", "replaces='p0'"),
    row("update-replaces-nothing", lambda: update(replaces=None), INVALID, "replaces",
        "update", "(found none)"),
    row("plan-replaces-itself", lambda: update(replaces="p2"), INVALID, "replaces",
        "itself", "'p2'"),
    row("concurrent-goal-same-as-goal",
        lambda: plan(concurrent_goal=PermanencyGoal.RETURN_HOME), INVALID, "concurrent_goal",
        "'concurrent_goal'", "'return_home'"),
    row("update-dated-before-replaced",
        case_with(plans=at(BASE.plans, 1, completed_on=D(2024, 1, 15))), INVALID,
        "plans[1].completed_on", "replaces", "(found 17 days before plan 'p1')", "'p1'"),
    row("second-initial-plan",
        case_with(plans=at(BASE.plans, 1, kind=PlanKind.INITIAL, replaces=None)), INVALID,
        "plans[1].kind", "initial", "plans[0]"),
    # unknown references
    row("unknown-relationship-adult",
        case_with(relationships=at(BASE.relationships, 0, adult_id="ghost")), UNKNOWN,
        "relationships[0].adult_id", "person", "'ghost'"),
    row("relationship-child-not-a-child",
        case_with(relationships=at(BASE.relationships, 1, child_id="mom")), UNKNOWN,
        "relationships[1].child_id", "child", "'mom'"),
    row("unknown-episode-child",
        case_with(removal_episodes=at(BASE.removal_episodes, 0, child_id="c9")), UNKNOWN,
        "removal_episodes[0].child_id", "child", "'c9'"),
    row("unknown-caregiver",
        case_with(removal_episodes=(episode(placements=(placement(caregiver_ids=("fm9",)),)),)),
        UNKNOWN, "removal_episodes[0].placements[0].caregiver_ids[0]", "person", "'fm9'"),
    row("unknown-case-caseworker", case_with(caseworker_id="cw9"), UNKNOWN, "caseworker_id",
        "staff", "'cw9'"),
    row("unknown-contact-caseworker", case_with(contacts=(contact(caseworker_id="cw9"),)),
        UNKNOWN, "contacts[0].caseworker_id", "staff", "'cw9'"),
    row("unknown-staffing-supervisor",
        case_with(staffings=at(BASE.staffings, 0, supervisor_id="mom")), UNKNOWN,
        "staffings[0].supervisor_id", "staff", "'mom'"),
    row("unknown-service-objective", case_with(services=(service(objective_ids=("o9",)),)),
        UNKNOWN, "services[0].objective_ids[0]", "objective", "'o9'"),
    row("unknown-service-responsibility",
        case_with(services=(service(responsibility_id="r9"),)), UNKNOWN,
        "services[0].responsibility_id", "client responsibility", "'r9'"),
    row("unknown-replaced-plan", case_with(plans=at(BASE.plans, 1, replaces="p9")), UNKNOWN,
        "plans[1].replaces", "plan", "'p9'"),
    row("unknown-addressed-factor-or-need",
        case_with(plans=at(BASE.plans, 1, objectives=(objective(id="o2",
                                                                addresses_ids=("zz",)),))),
        UNKNOWN, "plans[1].objectives[0].addresses_ids[0]", "contributing factor or need",
        "'zz'"),
    row("unknown-plan-contributing-factor",
        case_with(plans=at(BASE.plans, 0, contributing_factor_ids=("cf9",))), UNKNOWN,
        "plans[0].contributing_factor_ids[0]", "contributing factor", "'cf9'"),
    row("unknown-plan-assessment",
        case_with(plans=at(BASE.plans, 0, assessment_ids=("a9",))), UNKNOWN,
        "plans[0].assessment_ids[0]", "assessment", "'a9'"),
    row("responsibility-serves-another-plans-objective",
        case_with(plans=at(BASE.plans, 0, client_responsibilities=(ClientResponsibility(
            id="r1", description="attend", objective_ids=("o2",)),))),
        UNKNOWN, "plans[0].client_responsibilities[0].objective_ids[0]", "objective", "'o2'"),
    row("unknown-finding-hearing",
        case_with(judicial_findings=at(BASE.judicial_findings, 0, hearing_id="h9")), UNKNOWN,
        "judicial_findings[0].hearing_id", "hearing", "'h9'"),
    row("unknown-visit-child", case_with(family_visits=(visit(child_id="mom"),)), UNKNOWN,
        "family_visits[0].child_id", "child", "'mom'"),
    row("unknown-involvement-plan", case_with(involvement_events=(event(plan_id="p9"),)),
        UNKNOWN, "involvement_events[0].plan_id", "plan", "'p9'"),
    row("unknown-safety-plan-person",
        case_with(safety_assessments=(safety_assessment(
            safety_plan=safety_plan(responsible_ids=("ghost",))),)),
        UNKNOWN, "safety_assessments[0].safety_plan.responsible_ids[0]", "person", "'ghost'"),
    # duplicate ids
    row("duplicate-person", case_with(people=(*BASE.people, person(name="Another Dana"))),
        INVALID, "people[3].id", "duplicate person", "'mom'"),
    row("duplicate-service", case_with(services=(service(), service())), INVALID,
        "services[1].id", "duplicate service", "'sv1'"),
    row("person-and-staff-share-id",
        case_with(staff=(*BASE.staff, StaffMember(id="mom", name="Dana W",
                                                  role=StaffRole.CQI_STAFF))),
        INVALID, "staff", "'mom'", "person and staff"),
    row("duplicate-placement-across-episodes",
        case_with(removal_episodes=(episode(exit_on=D(2024, 6, 1),
                                            exit_reason=ExitReason.REUNIFICATION,
                                            placements=(placement(),)),
                                    episode(id="e2", removed_on=D(2024, 9, 1),
                                            placements=(placement(start=D(2024, 9, 1),
                                                                  end=None),)))),
        INVALID, "removal_episodes[1].placements[0].id", "duplicate placement", "'pl1'"),
    row("duplicate-objective-across-plans",
        case_with(plans=at(BASE.plans, 1, objectives=(objective(),))), INVALID,
        "plans[1].objectives[0].id", "duplicate objective", "'o1'"),
    # birth dates not after events about the person
    row("born-after-removal",
        case_with(people=at(BASE.people, 1, birth_date=D(2024, 6, 1))), INVALID,
        "removal_episodes[0].removed_on", "dated 143 days before the birth", "'c1'"),
    row("born-after-contact",
        case_with(contacts=(contact(occurred_on=D(2015, 1, 1), person_ids=("c1",)),)),
        INVALID, "contacts[0].occurred_on", "dated 151 days before the birth", "'c1'"),
    row("born-after-involvement",
        case_with(involvement_events=(event(occurred_on=D(1989, 12, 31)),)), INVALID,
        "involvement_events[0].occurred_on", "dated 92 days before the birth", "'mom'"),
    row("born-after-visit",
        case_with(family_visits=(visit(scheduled_on=D(2015, 5, 31)),)), INVALID,
        "family_visits[0].scheduled_on", "dated 1 day before the birth", "'c1'"),
    row("born-after-relationship-start",
        case_with(relationships=at(BASE.relationships, 1, start=D(2015, 1, 1))), INVALID,
        "relationships[1].start", "dated 151 days before the birth", "'c1'"),
    # quantities of the wrong kind
    row("duration-in-metres", lambda: contact(duration=quantity(3, "meter")), UNITS, "duration",
        "'duration'", "3 meter"),
    row("duration-as-dosage", lambda: visit(duration=quantity(2, "hour / week")), UNITS,
        "duration", "'duration'", "2 hour / week"),
    row("visit-duration-in-kilograms", lambda: visit(duration=quantity(5, "kilogram")), UNITS,
        "duration", "'duration'", "5 kilogram"),
    row("dosage-as-plain-hours", lambda: service(dosage=quantity(3, "hour")), UNITS, "dosage",
        "'dosage'", "3 hour"),
    row("dosage-bare-number", lambda: service(dosage=3), UNITS, "dosage", "'dosage'",
        "(found an integer)"),
    row("dosage-dimensionless", lambda: service(dosage=quantity(3, "dimensionless")), UNITS,
        "dosage", "'dosage'", "3 dimensionless"),
    row("dosage-not-a-quantity", lambda: service(dosage="3 hours a week"), UNITS, "dosage",
        "'dosage'", "(found a string of 14 characters)", "str"),
    # empty ids and names
    row("empty-person-id", lambda: person(id=""), INVALID, "id", "'id'",
        "must not be empty or only white space"),
    row("blank-person-name", lambda: person(name="   "), INVALID, "name", "'name'",
        "must not be empty or only white space"),
    row("empty-placement-id", lambda: placement(id=""), INVALID, "id", "'id'",
        "must not be empty or only white space"),
    row("empty-relationship-child", lambda: relationship(child_id=""), INVALID, "child_id",
        "'child_id'", "must not be empty or only white space"),
    row("empty-case-region", lambda: base_case(region=""), INVALID, "region", "'region'",
        "must not be empty or only white space"),
    row("empty-objective-statement", lambda: objective(statement="\t"), INVALID, "statement",
        "'statement'", "must not be empty or only white space"),
    # conditional requirements
    row("conditionally-safe-without-plan", lambda: safety_assessment(safety_plan=None),
        INVALID, "safety_plan", "'safety_plan'", "'conditionally_safe'", "(found none)"),
    row("safety-plan-before-assessment",
        lambda: safety_assessment(safety_plan=safety_plan(start=D(2024, 1, 1))), INVALID,
        "safety_plan.start", "'start'", "'completed_on'", "(found 4 days before it)"),
    row("did-not-participate-without-reason",
        lambda: PlanParticipant(person_id="dad", participation=Participation.DID_NOT_PARTICIPATE),
        INVALID, "reason_not_participating", "'reason_not_participating'", "(found null)"),
    row("did-not-participate-blank-reason",
        lambda: PlanParticipant(person_id="dad", participation=Participation.DID_NOT_PARTICIPATE,
                                reason_not_participating="  "),
        INVALID, "reason_not_participating", "'reason_not_participating'",
        "(found a string of 2 characters)"),
    row("location-with-phone-contact", lambda: contact(mode=ContactMode.PHONE), INVALID,
        "location", "'location'", "'phone'", "'child_residence'"),
    row("private-with-someone-not-contacted", lambda: contact(private_with_ids=("c2",)),
        INVALID, "private_with_ids", "'private_with_ids'", "'c2'"),
    row("contact-with-nobody", lambda: contact(person_ids=(), private_with_ids=()), INVALID,
        "person_ids", "'person_ids'", "(found none)"),
    row("visit-without-visitors", lambda: visit(visitor_ids=()), INVALID, "visitor_ids",
        "'visitor_ids'", "(found none)"),
    row("involvement-without-activities", lambda: event(activities=()), INVALID, "activities",
        "'activities'", "(found none)"),
    row("foster-parent-without-home",
        lambda: relationship(kind=RelationshipKind.FOSTER_PARENT), INVALID, "foster_home",
        "'foster_home'", "'foster_parent'", "(found none)"),
    row("home-for-non-foster-parent",
        lambda: relationship(foster_home=FosterHome(related=True, licensed=True)), INVALID,
        "foster_home", "'foster_home'", "'biological_parent'"),
    row("adoption-finalized-for-biological-parent",
        lambda: relationship(adoption_finalized=True), INVALID, "adoption_finalized",
        "'adoption_finalized'", "'biological_parent'"),
    row("adult-is-the-child", lambda: relationship(adult_id="c1"), INVALID, "adult_id",
        "'adult_id'", "'c1'"),
]


def test_base_records_are_valid() -> None:
    """The valid building blocks the table breaks construct without error."""
    built = [person(), relationship(), placement(), episode(), safety_plan(),
             safety_assessment(), objective(), plan(), update(), service(), contact(), visit(),
             event(), assessment(), base_case()]
    assert len(built) == 15
    expected = ("mom", "c1", "fm1")
    assert expected == tuple(p.id for p in BASE.people)


@pytest.mark.parametrize("broken", BROKEN)
def test_invalid_variant_raises(broken: Broken) -> None:
    """Each invalid variant raises the named error with its path, the field and what was
    found (never a name, a date or free text)."""
    with pytest.raises(InvalidRecordError) as info:
        broken.make()
    error = info.value
    assert broken.error is type(error)
    problems = {p.path: p.message for p in error.problems}
    assert broken.path in problems, f"{broken.path} not in {list(problems)}"
    message = problems[broken.path]
    expected: list[str] = []
    assert expected == [f for f in broken.fragments if f not in message], message


@pytest.mark.parametrize("broken", BROKEN)
def test_errors_are_value_errors(broken: Broken) -> None:
    """Every invariant error is a PracticeModelError and a ValueError."""
    with pytest.raises(ValueError, match=r".") as info:
        broken.make()
    assert isinstance(info.value, PracticeModelError)


def test_unknown_references_are_lookup_errors() -> None:
    """A case whose only problems are unknown ids raises UnknownReferenceError, a LookupError."""
    make = case_with(caseworker_id="cw9", contacts=(contact(caseworker_id="cw8"),),
                     services=(service(objective_ids=("o9",), responsibility_id="r9"),))
    with pytest.raises(LookupError) as info:
        make()
    error = info.value
    assert isinstance(error, UnknownReferenceError)
    expected = ["caseworker_id", "services[0].objective_ids[0]", "services[0].responsibility_id",
                "contacts[0].caseworker_id"]
    assert sorted(expected) == sorted(p.path for p in error.problems)


def test_case_reports_every_problem_at_once() -> None:
    """A case with several kinds of problem reports all of them in one InvalidRecordError."""
    make = case_with(
        closed_on=D(2023, 1, 1),
        caseworker_id="cw9",
        services=(service(), service()),
        contacts=(contact(occurred_on=D(2015, 1, 1), person_ids=("c1",)),),
        plans=at(BASE.plans, 1, completed_on=D(2024, 1, 20)),
    )
    with pytest.raises(InvalidRecordError) as info:
        make()
    error = info.value
    assert InvalidRecordError is type(error)  # mixed problems: not only unknown references
    paths = {p.path for p in error.problems}
    expected = {"closed_on", "caseworker_id", "services[1].id", "contacts[0].occurred_on",
                "plans[1].completed_on"}
    assert expected <= paths
    assert len(error.problems) >= 5
    assert str(error).startswith(f"{len(error.problems)} problems:")


def test_value_object_reports_several_problems() -> None:
    """An episode with several broken rules lists each of them."""
    with pytest.raises(InvalidRecordError) as info:
        episode(exit_on=D(2024, 1, 1), first_abuse_neglect_finding_on=D(2023, 1, 1))
    expected = ["exit_on", "exit_reason", "first_abuse_neglect_finding_on", "placements[0].end",
                "placements[1].end"]
    assert expected == [p.path for p in info.value.problems]


def test_single_problem_message_names_its_path() -> None:
    """A one-problem error renders as 'message (at path)'."""
    with pytest.raises(InvalidRecordError) as info:
        base_case(caseworker_id="cw9")
    expected = "unknown staff id 'cw9' (at caseworker_id)"
    assert expected == str(info.value)


def test_evolving_a_valid_case_keeps_it_valid() -> None:
    """attrs.evolve with valid changes builds a new valid case (the checks pass)."""
    closed = attrs.evolve(BASE, closed_on=D(2025, 1, 31), closure_reason="reunified")
    assert D(2025, 1, 31) == closed.closed_on
    assert BASE.people == closed.people
