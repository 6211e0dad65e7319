"""Build the Wilson family example case in code, and print or ship it.

The Wilson family is fictional, in the spirit of the Wilson family of the California training
deck *Family Engagement in Case Planning & Case Management* (2013, seed 003), whose exercises
plan for "Mr. Wilson" and his family. Nothing here describes a real person.

The story: Dana and Marcus Wilson's children Ava (7) and Leo (3) were found home alone
at night in February 2026; Marcus was using methamphetamine and Dana's untreated depression
left the children unsupervised; the family faced eviction. The children were removed by court
order on 2026-02-10. Leo spent two weeks in a non-relative foster home, then joined Ava with
their maternal grandmother, Ruth Carter, a relative foster parent. The initial plan (March)
has a return-home goal with legal guardianship with Ruth as the concurrent goal; the update
(September) records progress. One of Marcus's objectives is written as an activity
("complete a substance abuse assessment") on purpose: later checks flag it.

The facts the CFSR items read (schema version 2) carry the same story, not a perfect one:

- The case opened on a priority-1 report (neglect: lack of supervision) received on the night
  of 2026-02-08; the investigator called Dana that night and saw both children on 2026-02-09,
  the last day of the 1-day time frame. The report was substantiated. (CFSR item 1: a
  Strength.)
- Leo's move from the Brooks home to his grandmother's is recorded as planned, to join his
  sister with a relative. (Item 4: a Strength; item 7 stays an Area Needing Improvement,
  because no reason for the two weeks apart was written down.)
- Each child's ICWA inquiry at the detention hearing gave no reason to know; the maternal
  search found Ruth within ten days of the removal, the paternal one found Marcus's sister
  Tasha and her family. Ava keeps her school and both children their church; but the
  children's visits with aunt Tasha and their cousins lapsed when Marcus moved out in July,
  and nobody arranged them again. (Item 9: an Area Needing Improvement, for that lapse.)
- Both children had a well-child exam and a mental health screening within 30 days of the
  removal and a dental exam in March; Ava's night-time anxiety is met by her weekly
  counseling and was re-screened at six months (item 18: a Strength). Leo's second dental
  check, due in September, was missed (item 17: an Area Needing Improvement), and his speech
  therapy began only after ten weeks on a waitlist, past the 60 days allowed for a need to
  get a service (item 16: an Area Needing Improvement).
- The plans state the minimum sufficient level of care the family must reach (seed 003 slide
  16: the standard of parenting below which the home is inadequate); the September update,
  still aiming at return home, adds a transition plan from day visits to overnights to
  return.

Run it:

    python examples/wilson_family.py            # print a summary of the case
    python examples/wilson_family.py --write    # regenerate the shipped package data

The package ships the JSON this script writes (``practicemodel/data/wilson_family.json``);
the test suite checks that the two stay identical.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from practicemodel import Case, CaseType, dumps_case
from practicemodel.assessment import (
    ContributingFactor,
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
from practicemodel.case import Household
from practicemodel.caseplan import (
    AchievementStatus,
    CaseManagementService,
    CasePlan,
    ClientResponsibility,
    ClosureCategory,
    ClosureCriterion,
    ConcurrentStep,
    ContactScheduleEntry,
    CriterionStatus,
    Frequency,
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
from practicemodel.court import FindingKind, Hearing, HearingKind, JudicialFinding
from practicemodel.intake import MaltreatmentReport
from practicemodel.involvement import (
    EngagementOutcome,
    InvolvementActivity,
    InvolvementEvent,
    InvolvementSetting,
)
from practicemodel.people import (
    FosterHome,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    Sex,
    StaffMember,
    StaffRole,
)
from practicemodel.periods import Period
from practicemodel.placement import (
    MoveReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.staffing import StaffingTopic, SupervisoryStaffing
from practicemodel.summary import summarize
from practicemodel.units import quantity
from practicemodel.visits import (
    CaseworkerContact,
    ContactLocation,
    ContactMode,
    ContactTopic,
    FamilyVisit,
    FamilyVisitStatus,
)
from practicemodel.wellbeing import Screening, WellBeingArea, WellBeingNeed

DATA_FILE = (
    Path(__file__).resolve().parent.parent / "src" / "practicemodel" / "data" / "wilson_family.json"
)

A = InvolvementActivity
WEEKLY = Frequency(times=1, per=Period(1, "weeks"))
MONTHLY = Frequency(times=1, per=Period(1, "months"))


def _people() -> list[Person]:
    return [
        Person(id="dana", name="Dana Wilson", birth_date=date(1993, 4, 22), sex=Sex.FEMALE),
        Person(id="marcus", name="Marcus Wilson", birth_date=date(1990, 11, 8), sex=Sex.MALE),
        Person(id="ava", name="Ava Wilson", birth_date=date(2018, 6, 14), sex=Sex.FEMALE),
        Person(id="leo", name="Leo Wilson", birth_date=date(2022, 9, 3), sex=Sex.MALE),
        Person(id="ruth", name="Ruth Carter", birth_date=date(1962, 1, 15), sex=Sex.FEMALE),
        Person(id="ellen", name="Ellen Brooks", birth_date=date(1975, 7, 30), sex=Sex.FEMALE),
    ]


def _relationships() -> list[Relationship]:
    rels: list[Relationship] = []
    for child in ("ava", "leo"):
        rels += [
            Relationship(adult_id="dana", child_id=child, kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.MOTHER, primary_caregiver=True, removed_from=True),
            Relationship(adult_id="marcus", child_id=child,
                         kind=RelationshipKind.BIOLOGICAL_PARENT, parent_role=ParentRole.FATHER,
                         primary_caregiver=True, removed_from=True),
            Relationship(adult_id="ruth", child_id=child, kind=RelationshipKind.FOSTER_PARENT,
                         foster_home=FosterHome(related=True, licensed=True),
                         lives_with_child=True,
                         start=date(2026, 2, 10) if child == "ava" else date(2026, 2, 24)),
        ]
    rels.append(Relationship(adult_id="ellen", child_id="leo", kind=RelationshipKind.FOSTER_PARENT,
                             foster_home=FosterHome(related=False, licensed=True),
                             start=date(2026, 2, 10), end=date(2026, 2, 23)))
    rels += [
        Relationship(adult_id="ava", child_id="leo", kind=RelationshipKind.SIBLING),
        Relationship(adult_id="leo", child_id="ava", kind=RelationshipKind.SIBLING),
    ]
    return rels


def _episodes() -> list[RemovalEpisode]:
    common = {"removed_on": date(2026, 2, 10), "manner": RemovalManner.COURT_ORDERED,
              "removed_from_ids": ("dana", "marcus"),
              "first_abuse_neglect_finding_on": date(2026, 3, 20)}
    return [
        RemovalEpisode(id="ep-ava-1", child_id="ava", **common, placements=[  # type: ignore[arg-type]
            Placement(id="pl-ava-1", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                      start=date(2026, 2, 10), caregiver_ids=["ruth"], near_home=True),
        ]),
        RemovalEpisode(id="ep-leo-1", child_id="leo", **common, placements=[  # type: ignore[arg-type]
            Placement(id="pl-leo-1", setting=PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
                      start=date(2026, 2, 10), end=date(2026, 2, 23), caregiver_ids=["ellen"],
                      provider="Brooks licensed foster home",
                      # A planned move: to join his sister with their grandmother (CFSR item
                      # 4 B). Why the two weeks apart is not recorded: item 7 B stays open.
                      move_reason=MoveReason.SIBLINGS_OR_RELATIVES),
            Placement(id="pl-leo-2", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                      start=date(2026, 2, 24), caregiver_ids=["ruth"], near_home=True),
        ]),
    ]


def _court() -> tuple[list[Hearing], list[JudicialFinding]]:
    kids = ("ava", "leo")
    hearings = [
        Hearing(id="h-detention", kind=HearingKind.OTHER, held_on=date(2026, 2, 12),
                child_ids=kids),
        Hearing(id="h-adjudication", kind=HearingKind.ADJUDICATION, held_on=date(2026, 3, 20),
                child_ids=kids),
        Hearing(id="h-review-1", kind=HearingKind.PERIODIC_REVIEW, held_on=date(2026, 8, 14),
                child_ids=kids),
    ]
    findings: list[JudicialFinding] = []
    for child in kids:
        findings += [
            JudicialFinding(id=f"f-ctw-{child}", kind=FindingKind.CONTRARY_TO_WELFARE,
                            made_on=date(2026, 2, 12), child_id=child, hearing_id="h-detention"),
            JudicialFinding(id=f"f-re-prevent-{child}",
                            kind=FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                            made_on=date(2026, 2, 12), child_id=child, hearing_id="h-detention"),
            JudicialFinding(id=f"f-abuse-{child}", kind=FindingKind.ABUSE_OR_NEGLECT,
                            made_on=date(2026, 3, 20), child_id=child,
                            hearing_id="h-adjudication"),
        ]
    return hearings, findings


def _assessments() -> tuple[SafetyAssessment, RiskAssessment, list[StrengthsNeedsAssessment]]:
    safety = SafetyAssessment(
        id="sa-1", completed_on=date(2026, 2, 9), child_ids=("ava", "leo"),
        decision=SafetyDecision.UNSAFE,
    )
    risk = RiskAssessment(id="ra-1", completed_on=date(2026, 2, 9), level=RiskLevel.HIGH,
                          instrument="SDM risk assessment")
    first = StrengthsNeedsAssessment(
        id="sna-1", completed_on=date(2026, 3, 6), instrument="SDM family strengths and needs",
        people=[
            PersonStrengthsNeeds(person_id="dana", strengths=[
                Strength(id="st-dana-school", description="Keeps in close touch with Ava's "
                         "teacher and knows the children's routines"),
            ], needs=[
                Need(id="nd-dana-depression", domain="emotional health", priority=True,
                     description="Untreated depression leaves her unable to supervise"),
                Need(id="nd-dana-childcare", domain="resource management",
                     description="No reliable child care during evening shifts"),
            ]),
            PersonStrengthsNeeds(person_id="marcus", strengths=[
                Strength(id="st-marcus-work", description="Steady job as a mechanic"),
            ], needs=[
                Need(id="nd-marcus-substance", domain="substance use", priority=True,
                     description="Methamphetamine use impairs his care of the children"),
            ]),
            PersonStrengthsNeeds(person_id="ava", needs=[
                Need(id="nd-ava-anxiety", domain="emotional", priority=True,
                     description="Night-time anxiety since being left alone"),
            ]),
            PersonStrengthsNeeds(person_id="leo", needs=[
                Need(id="nd-leo-speech", domain="development",
                     description="Speech delay; needs an evaluation"),
            ]),
            PersonStrengthsNeeds(person_id="ruth", strengths=[
                Strength(id="st-ruth-bond", description="Strong bond with both children"),
            ], needs=[
                Need(id="nd-ruth-respite", domain="caregiver support",
                     description="Respite care two weekends a month"),
                Need(id="nd-ruth-transport", domain="caregiver support",
                     description="Transportation to family visits and therapy"),
            ]),
        ],
        contributing_factors=[
            ContributingFactor(id="cf-substance", person_ids=("marcus",), underlying=True,
                               description="Father's methamphetamine use left the children "
                               "without a sober caregiver"),
            ContributingFactor(id="cf-supervision", person_ids=("dana",),
                               description="Mother's untreated depression led to the children "
                               "being left alone at night"),
            ContributingFactor(id="cf-housing", person_ids=("dana", "marcus"),
                               description="Eviction notice and no stable housing"),
        ],
        family_strengths=[Strength(id="st-family-extended",
                                   description="Grandmother and church community ready to help")],
    )
    second = StrengthsNeedsAssessment(
        id="sna-2", completed_on=date(2026, 9, 2), instrument="SDM family strengths and needs",
        people=[
            PersonStrengthsNeeds(person_id="dana", needs=[
                Need(id="nd-dana-housing-2", domain="resource management", priority=True,
                     description="Lease signed; needs help furnishing the children's room"),
            ]),
            PersonStrengthsNeeds(person_id="marcus", needs=[
                Need(id="nd-marcus-relapse-2", domain="substance use", priority=True,
                     description="Relapse in July; back in intensive outpatient treatment"),
            ]),
        ],
    )
    return safety, risk, [first, second]


def _closure_criteria(status: CriterionStatus) -> list[ClosureCriterion]:
    c = ClosureCategory
    return [
        ClosureCriterion(id=f"cc-protect-{status.value}", category=c.PROTECTIVE_PROVISIONS,
                         description="A sober adult is responsible for the children at all "
                         "times, named in a written child care plan",
                         measure="Plan on file; grandmother confirms weekly for 90 days",
                         status=status),
        ClosureCriterion(id=f"cc-behavior-{status.value}", category=c.BEHAVIORAL_PATTERNS,
                         description="Both parents show consistent supervision and sobriety",
                         measure="6 months of negative screens; no unsupervised incidents",
                         status=CriterionStatus.NOT_MET),
        ClosureCriterion(id=f"cc-relapse-{status.value}",
                         category=c.RELAPSE_AND_CRISIS_PREVENTION,
                         description="Relapse prevention plan with people to call, practiced",
                         measure="Plan reviewed with the team each quarter", status=status),
        ClosureCriterion(id=f"cc-supports-{status.value}",
                         category=c.SUSTAINABLE_FAMILY_SUPPORTS,
                         description="Stable housing and after-school care",
                         measure="Lease for 12 months; child care enrollment confirmed",
                         status=status),
        ClosureCriterion(id=f"cc-legal-{status.value}", category=c.LEGAL_RESOLUTION,
                         description="Court returns custody and dismisses the dependency",
                         measure="Court order", status=CriterionStatus.NOT_MET),
        ClosureCriterion(id=f"cc-measures-{status.value}", category=c.MEASURES_AND_SCHEDULES,
                         description="Progress reviewed monthly with the family and quarterly "
                         "in a family team meeting", measure="Meeting notes on file",
                         status=status),
    ]


# The standard of parenting below which the home is inadequate for Ava and Leo (seed 003
# slide 16): what progress is measured against, and what reunification must reach.
MINIMUM_SUFFICIENT_LEVEL_OF_CARE = (
    "A sober adult supervises Ava and Leo at all times, day and night, and arranges safe care "
    "when working evenings; the children are fed, get to school and to their appointments, "
    "and live in a safe home with room for both of them."
)


def _initial_plan() -> CasePlan:
    return CasePlan(
        id="plan-1", kind=PlanKind.INITIAL, completed_on=date(2026, 3, 27),
        period_end=date(2026, 9, 27), child_ids=("ava", "leo"),
        participants=[
            PlanParticipant(person_id="dana", participation=Participation.IN_PERSON, signed=True),
            PlanParticipant(person_id="marcus", participation=Participation.BY_PHONE_OR_VIDEO),
            PlanParticipant(person_id="ruth", participation=Participation.IN_PERSON, signed=True),
            PlanParticipant(person_id="ava", participation=Participation.IN_PERSON),
        ],
        permanency_goal=PermanencyGoal.RETURN_HOME,
        concurrent_goal=PermanencyGoal.LEGAL_GUARDIANSHIP,
        concurrent_steps=[
            ConcurrentStep(id="cs-1", description="Complete relative approval and discuss "
                           "legal guardianship with Ruth Carter", due_on=date(2026, 6, 30),
                           completed_on=date(2026, 6, 12)),
        ],
        assessment_ids=("sa-1", "ra-1", "sna-1"),
        minimum_sufficient_level_of_care=MINIMUM_SUFFICIENT_LEVEL_OF_CARE,
        assessment_summary="Children unsafe at home: left alone at night while the father used "
        "methamphetamine and the mother's depression went untreated; eviction pending.",
        contributing_factor_ids=("cf-substance", "cf-supervision", "cf-housing"),
        strength_ids=("st-dana-school", "st-marcus-work", "st-ruth-bond", "st-family-extended"),
        objectives=[
            ServiceObjective(
                id="obj-dana-supervision",
                statement="Dana will keep Ava and Leo supervised by a responsible adult at all "
                "times, following a written child care plan for 90 consecutive days.",
                person_ids=("dana",), behavior="Arranges safe supervision for every shift",
                measure="Child care plan followed for 90 consecutive days, confirmed by the "
                "grandmother and at monthly visits", due_on=date(2026, 9, 15),
                addresses_ids=("cf-supervision", "nd-dana-depression"),
                achievement=AchievementStatus.IMPROVING),
            ServiceObjective(
                id="obj-marcus-assessment",
                statement="Father will complete a substance abuse assessment.",
                person_ids=("marcus",), lifecycle=ObjectiveLifecycle.COMPLETED,
                achievement=AchievementStatus.ACHIEVED, achieved_on=date(2026, 3, 2)),
            ServiceObjective(
                id="obj-marcus-sobriety",
                statement="Marcus will stay free of methamphetamine and explain his relapse "
                "prevention plan to the family team.",
                person_ids=("marcus",), behavior="Sober caregiving",
                measure="Negative random drug screens for 6 consecutive months",
                due_on=date(2026, 9, 27), addresses_ids=("cf-substance", "nd-marcus-substance"),
                achievement=AchievementStatus.IN_PROGRESS),
            ServiceObjective(
                id="obj-family-housing",
                statement="Dana and Marcus will have safe, stable housing with room for both "
                "children.", person_ids=("dana", "marcus"),
                measure="A lease of at least 12 months and a home visit finding it safe",
                timeframe=Period(5, "months"), addresses_ids=("cf-housing",),
                achievement=AchievementStatus.IN_PROGRESS),
        ],
        client_responsibilities=[
            ClientResponsibility(id="cr-dana-therapy", description="Attend weekly therapy for "
                                 "depression", person_ids=("dana",),
                                 objective_ids=("obj-dana-supervision",), frequency=WEEKLY),
            ClientResponsibility(id="cr-marcus-iop", description="Attend intensive outpatient "
                                 "treatment three evenings a week", person_ids=("marcus",),
                                 objective_ids=("obj-marcus-sobriety",),
                                 frequency=Frequency(times=3, per=Period(1, "weeks"))),
            ClientResponsibility(id="cr-marcus-screens", description="Give random drug screens "
                                 "when called", person_ids=("marcus",),
                                 objective_ids=("obj-marcus-sobriety",)),
            ClientResponsibility(id="cr-housing", description="Apply for the housing voucher "
                                 "program", person_ids=("dana", "marcus"),
                                 objective_ids=("obj-family-housing",)),
        ],
        case_management_services=[
            CaseManagementService(id="cms-referrals", description="Refer Marcus to intensive "
                                  "outpatient treatment within 7 days",
                                  objective_ids=("obj-marcus-sobriety",)),
            CaseManagementService(id="cms-transport", description="Arrange transportation for "
                                  "Ruth to visits and therapy"),
        ],
        visitation=[
            VisitationArrangement(id=f"va-{child}", child_id=child,
                                  visitor_ids=("dana", "marcus"),
                                  visitor_kind=VisitorKind.PARENT, frequency=WEEKLY,
                                  supervision=Supervision.SUPERVISED,
                                  setting="Family visit room, then the grandmother's home")
            for child in ("ava", "leo")
        ],
        contact_schedule=[
            ContactScheduleEntry(person_id=p, frequency=MONTHLY,
                                 in_residence=p in ("ava", "leo", "ruth"))
            for p in ("ava", "leo", "dana", "marcus", "ruth")
        ],
        closure_criteria=_closure_criteria(CriterionStatus.NOT_MET),
        parent_input=[
            ParentInput(person_id="dana", requested_services=("evening child care",
                        "help finding housing"), view_of_strengths="I know my kids",
                        view_of_needs="I need help with my depression"),
            ParentInput(person_id="marcus", requested_services=("evening treatment times",)),
        ],
        out_of_home=[
            OutOfHomeDetails(child_id=child, placement_needs="Placement with a relative who "
                             "keeps the siblings together", provider_contact=MONTHLY,
                             well_being="Up to date on check-ups")
            for child in ("ava", "leo")
        ],
        legal=LegalRequirements(icwa_applies=False, icwa_notes="Inquiry with both parents "
                                "and grandmother: no tribal affiliation",
                                educational_stability_efforts="Ava stays at her school; "
                                "grandmother drives her"),
    )


def _update_plan() -> CasePlan:
    return CasePlan(
        id="plan-2", kind=PlanKind.UPDATE, replaces="plan-1", completed_on=date(2026, 9, 21),
        period_end=date(2027, 3, 21), child_ids=("ava", "leo"),
        participants=[
            PlanParticipant(person_id="dana", participation=Participation.IN_PERSON, signed=True),
            PlanParticipant(person_id="marcus", participation=Participation.DID_NOT_PARTICIPATE,
                            reason_not_participating="Did not answer three calls and a letter "
                            "inviting him to the meeting"),
            PlanParticipant(person_id="ruth", participation=Participation.IN_PERSON, signed=True),
        ],
        permanency_goal=PermanencyGoal.RETURN_HOME,
        concurrent_goal=PermanencyGoal.LEGAL_GUARDIANSHIP,
        concurrent_steps=[
            ConcurrentStep(id="cs-2", description="Refer Ruth Carter for a guardianship "
                           "home study", due_on=date(2026, 11, 30)),
        ],
        assessment_ids=("sna-2",),
        minimum_sufficient_level_of_care=MINIMUM_SUFFICIENT_LEVEL_OF_CARE,
        # Still aiming at return home to Dana: how the children get there (seed 003 slide 60).
        transition_plan=TransitionPlan(
            steps=("Unsupervised day visits twice a week at Dana's apartment",
                   "Four overnight weekend visits with no safety concerns, Ruth checking in "
                   "each evening by phone",
                   "Family team meeting to review the safety plan and Dana's evening child "
                   "care plan",
                   "Ava and Leo return home to Dana, with Ruth as back-up caregiver and "
                   "after-school care in place"),
            planned_return_on=date(2027, 1, 29)),
        contributing_factor_ids=("cf-substance", "cf-housing"),
        objectives=[
            ServiceObjective(
                id="obj-dana-supervision-2",
                statement="Dana will keep Ava and Leo supervised by a responsible adult during "
                "overnight visits, as she has during day visits.", person_ids=("dana",),
                measure="Four overnight visits with no safety concerns reported",
                due_on=date(2026, 12, 31), addresses_ids=("cf-supervision",),
                achievement=AchievementStatus.IMPROVING),
            ServiceObjective(
                id="obj-marcus-sobriety-2",
                statement="Marcus will stay free of methamphetamine and use his relapse plan "
                "when he has cravings.", person_ids=("marcus",),
                measure="Negative random drug screens for 6 consecutive months",
                due_on=date(2027, 3, 21), addresses_ids=("cf-substance", "nd-marcus-relapse-2"),
                achievement=AchievementStatus.NO_PROGRESS),
        ],
        client_responsibilities=[
            ClientResponsibility(id="cr-marcus-iop-2", description="Return to intensive "
                                 "outpatient treatment", person_ids=("marcus",),
                                 objective_ids=("obj-marcus-sobriety-2",),
                                 frequency=Frequency(times=3, per=Period(1, "weeks"))),
        ],
        visitation=[
            VisitationArrangement(id=f"va2-{child}", child_id=child, visitor_ids=("dana",),
                                  visitor_kind=VisitorKind.PARENT,
                                  frequency=Frequency(times=2, per=Period(1, "weeks")),
                                  supervision=Supervision.UNSUPERVISED,
                                  setting="Dana's new apartment")
            for child in ("ava", "leo")
        ],
        closure_criteria=_closure_criteria(CriterionStatus.PARTIALLY_MET),
        update_report=PlanUpdateReport(
            current_circumstances="Dana signed a 12-month lease in August and is in weekly "
            "therapy; Marcus relapsed in July and moved out.",
            progress_on_objectives="Dana met the supervision objective for day visits; Marcus "
            "has had no negative screens since July.",
            compliance_with_services="Dana attends therapy; Marcus missed treatment in July "
            "and August.",
            concurrent_planning_efforts="Ruth Carter approved as a relative caregiver and "
            "willing to be guardian; home study referral made.",
        ),
        aftercare=None,
    )


def _services() -> list[Service]:
    return [
        Service(id="svc-dana-therapy", category=ServiceCategory.MENTAL_HEALTH,
                person_ids=("dana",), provider="Cedar County Behavioral Health",
                objective_ids=("obj-dana-supervision",), responsibility_id="cr-dana-therapy",
                status=ServiceStatus.ACTIVE, referred_on=date(2026, 3, 2),
                started_on=date(2026, 3, 10), dosage=quantity(1, "hour / week")),
        Service(id="svc-marcus-assessment", category=ServiceCategory.SUBSTANCE_USE_ASSESSMENT,
                person_ids=("marcus",), provider="Riverbend Recovery",
                objective_ids=("obj-marcus-assessment",), status=ServiceStatus.COMPLETED,
                referred_on=date(2026, 2, 20), started_on=date(2026, 3, 2),
                ended_on=date(2026, 3, 2)),
        Service(id="svc-marcus-iop", category=ServiceCategory.SUBSTANCE_USE_TREATMENT,
                person_ids=("marcus",), provider="Riverbend Recovery",
                objective_ids=("obj-marcus-sobriety", "obj-marcus-sobriety-2"),
                responsibility_id="cr-marcus-iop", status=ServiceStatus.ACTIVE,
                referred_on=date(2026, 3, 9), started_on=date(2026, 3, 16),
                dosage=quantity(9, "hour / week")),
        Service(id="svc-ava-counseling", category=ServiceCategory.MENTAL_HEALTH,
                person_ids=("ava",), provider="Children's Counseling Center",
                status=ServiceStatus.ACTIVE, referred_on=date(2026, 3, 10),
                started_on=date(2026, 3, 24), dosage=quantity(1, "session / week")),
        Service(id="svc-leo-speech", category=ServiceCategory.MEDICAL, person_ids=("leo",),
                description="Speech and language evaluation and therapy",
                status=ServiceStatus.ACTIVE, referred_on=date(2026, 3, 10),
                waitlisted_on=date(2026, 3, 12), started_on=date(2026, 5, 15),
                dosage=quantity(2, "session / month")),
        Service(id="svc-ruth-respite", category=ServiceCategory.RESPITE, person_ids=("ruth",),
                status=ServiceStatus.ACTIVE, referred_on=date(2026, 3, 27),
                started_on=date(2026, 4, 11), dosage=quantity(16, "hour / month")),
        Service(id="svc-housing", category=ServiceCategory.HOUSING, person_ids=("dana",),
                objective_ids=("obj-family-housing",), responsibility_id="cr-housing",
                status=ServiceStatus.COMPLETED, referred_on=date(2026, 4, 1),
                started_on=date(2026, 4, 20), ended_on=date(2026, 8, 15)),
    ]


def _involvement() -> list[InvolvementEvent]:
    s = InvolvementSetting
    return [
        InvolvementEvent(id="inv-ava-story", occurred_on=date(2026, 3, 5), person_ids=("ava",),
                         activities=(A.STRENGTHS_AND_NEEDS,), setting=s.HOME_VISIT,
                         evidence="Contact note: Ava told her story and what helps her sleep"),
        InvolvementEvent(id="inv-ftdm-1", occurred_on=date(2026, 3, 20),
                         person_ids=("dana", "marcus", "ruth"),
                         activities=(A.STRENGTHS_AND_NEEDS, A.SERVICES_AND_PROVIDERS, A.GOALS),
                         setting=s.FAMILY_TEAM_MEETING, evidence="FTDM summary"),
        InvolvementEvent(id="inv-plan-1", occurred_on=date(2026, 3, 27),
                         person_ids=("dana", "ruth", "ava"),
                         activities=(A.GOALS, A.CASE_PLANNING_MEETING),
                         setting=s.CASE_PLANNING_MEETING, evidence="Signed case plan",
                         plan_id="plan-1"),
        InvolvementEvent(id="inv-plan-1-marcus", occurred_on=date(2026, 3, 27),
                         person_ids=("marcus",), activities=(A.CASE_PLANNING_MEETING,),
                         setting=s.PHONE_OR_VIDEO, evidence="Joined by phone for 20 minutes",
                         plan_id="plan-1"),
        InvolvementEvent(id="inv-progress-dana", occurred_on=date(2026, 6, 15),
                         person_ids=("dana",), activities=(A.EVALUATING_PROGRESS,),
                         setting=s.OFFICE_VISIT, evidence="Progress review note"),
        InvolvementEvent(id="inv-progress-marcus", occurred_on=date(2026, 6, 15),
                         person_ids=("marcus",), activities=(A.EVALUATING_PROGRESS,),
                         setting=s.PHONE_OR_VIDEO,
                         outcome=EngagementOutcome.ATTEMPTED_NO_RESPONSE,
                         evidence="Two calls and a text, no answer"),
        InvolvementEvent(id="inv-plan-2", occurred_on=date(2026, 9, 21),
                         person_ids=("dana", "ruth"),
                         activities=(A.EVALUATING_PROGRESS, A.GOALS, A.CASE_PLANNING_MEETING),
                         setting=s.CASE_PLANNING_MEETING, evidence="Signed plan update",
                         plan_id="plan-2"),
        InvolvementEvent(id="inv-plan-2-marcus", occurred_on=date(2026, 9, 14),
                         person_ids=("marcus",), activities=(A.CASE_PLANNING_MEETING,),
                         setting=s.WRITTEN, outcome=EngagementOutcome.ATTEMPTED_NO_RESPONSE,
                         evidence="Invitation letter to last known address", plan_id="plan-2"),
    ]


def _contacts() -> list[CaseworkerContact]:
    t = ContactTopic
    contacts: list[CaseworkerContact] = []
    # Monthly visits with the children at the grandmother's home; none in July.
    child_visit_days = [date(2026, 2, 16), date(2026, 3, 5), date(2026, 4, 9),
                        date(2026, 5, 14), date(2026, 6, 11), date(2026, 8, 6),
                        date(2026, 9, 10), date(2026, 10, 15), date(2026, 11, 12)]
    for i, day in enumerate(child_visit_days):
        at_school = day.month == 5
        contacts.append(CaseworkerContact(
            id=f"ct-children-{i + 1}", occurred_on=day, caseworker_id="w-reyes",
            person_ids=("ava", "leo") if at_school else ("ava", "leo", "ruth"),
            mode=ContactMode.IN_PERSON,
            location=ContactLocation.SCHOOL if at_school else ContactLocation.CHILD_RESIDENCE,
            duration=quantity(50 if not at_school else 30, "minute"),
            private_with_ids=("ava",), topics=(t.SAFETY, t.WELL_BEING, t.PERMANENCY),
            setting_suitable=True,
        ))
    for i, day in enumerate([date(2026, 2, 18), date(2026, 3, 19), date(2026, 4, 16),
                             date(2026, 5, 21), date(2026, 6, 18), date(2026, 7, 16),
                             date(2026, 8, 20), date(2026, 9, 17), date(2026, 10, 22)]):
        contacts.append(CaseworkerContact(
            id=f"ct-dana-{i + 1}", occurred_on=day, caseworker_id="w-reyes",
            person_ids=("dana",), mode=ContactMode.IN_PERSON,
            location=ContactLocation.PARENT_RESIDENCE if i else ContactLocation.OFFICE,
            duration=quantity(45, "minute"),
            topics=(t.CASE_PLAN_PROGRESS, t.SERVICES, t.VISITATION, t.SAFETY),
            setting_suitable=True,
        ))
    contacts += [
        CaseworkerContact(id="ct-marcus-1", occurred_on=date(2026, 2, 19),
                          caseworker_id="w-reyes", person_ids=("marcus",),
                          mode=ContactMode.IN_PERSON, location=ContactLocation.OFFICE,
                          duration=quantity(40, "minute"),
                          topics=(t.SERVICES, t.NEEDS), setting_suitable=True),
        CaseworkerContact(id="ct-marcus-2", occurred_on=date(2026, 4, 23),
                          caseworker_id="w-reyes", person_ids=("marcus",),
                          mode=ContactMode.PHONE, duration=quantity(15, "minute"),
                          topics=(t.CASE_PLAN_PROGRESS,)),
        CaseworkerContact(id="ct-marcus-3", occurred_on=date(2026, 8, 25),
                          caseworker_id="w-reyes", person_ids=("marcus",),
                          mode=ContactMode.IN_PERSON, completed=False),
    ]
    return contacts


def _family_visits() -> list[FamilyVisit]:
    visits: list[FamilyVisit] = []
    days = [date(2026, 2, 17), date(2026, 2, 24), date(2026, 3, 3), date(2026, 3, 10),
            date(2026, 3, 17), date(2026, 3, 24), date(2026, 6, 2), date(2026, 7, 14),
            date(2026, 9, 29), date(2026, 10, 6)]
    for i, day in enumerate(days):
        later = day >= date(2026, 9, 21)
        marcus_missed = day.month in (3, 7) and i % 2 == 0
        for child in ("ava", "leo"):
            visits.append(FamilyVisit(
                id=f"fv-{child}-{i + 1}", child_id=child,
                visitor_ids=("dana",) if later else ("dana", "marcus"),
                visitor_kind=VisitorKind.PARENT, scheduled_on=day,
                status=FamilyVisitStatus.MISSED_BY_VISITOR if marcus_missed and not later
                else FamilyVisitStatus.HELD,
                supervision=Supervision.UNSUPERVISED if later else Supervision.SUPERVISED,
                duration=quantity(2, "hour"),
            ))
    return visits


def _staffings() -> list[SupervisoryStaffing]:
    topics = (StaffingTopic.SERVICE_PLAN, StaffingTopic.CASEWORKER_CONTACTS,
              StaffingTopic.PLACEMENT_SUITABILITY, StaffingTopic.SAFETY_AND_RISK)
    # Monthly, except June.
    days = [date(2026, 2, 27), date(2026, 3, 30), date(2026, 4, 28), date(2026, 5, 29),
            date(2026, 7, 30), date(2026, 8, 28), date(2026, 9, 29), date(2026, 10, 30)]
    return [
        SupervisoryStaffing(id=f"stf-{i + 1}", held_on=day, supervisor_id="s-okafor",
                            caseworker_id="w-reyes",
                            topics=topics if i else (*topics, StaffingTopic.DILIGENT_SEARCHES))
        for i, day in enumerate(days)
    ]


def _reports() -> list[MaltreatmentReport]:
    # The report that opened the case: a neighbor called the hotline late at night. Priority
    # 1 (respond within a day): the investigator phoned Dana that night and saw both children
    # face to face the next day, the last day of the time frame (CFSR item 1 A and B).
    return [
        MaltreatmentReport(id="rpt-2026-0208", received_on=date(2026, 2, 8),
                           child_ids=("ava", "leo"), priority="1",
                           initiated_on=date(2026, 2, 8), face_to_face_on=date(2026, 2, 9),
                           substantiated=True, allegation="neglect"),
    ]


def _well_being() -> tuple[list[Screening], list[WellBeingNeed]]:
    a = WellBeingArea
    screenings = [
        # Within 30 days of the removal: well-child exams, mental health screenings (Ava's
        # found her night-time anxiety), Ava's school records and teacher conference, Leo's
        # developmental screening (which found his speech delay).
        Screening(id="scr-ava-physical", child_id="ava", area=a.PHYSICAL_HEALTH,
                  completed_on=date(2026, 2, 26)),
        Screening(id="scr-leo-physical", child_id="leo", area=a.PHYSICAL_HEALTH,
                  completed_on=date(2026, 2, 26)),
        Screening(id="scr-ava-mental", child_id="ava", area=a.MENTAL_HEALTH,
                  completed_on=date(2026, 2, 20)),
        Screening(id="scr-leo-mental", child_id="leo", area=a.MENTAL_HEALTH,
                  completed_on=date(2026, 3, 4)),
        Screening(id="scr-ava-education", child_id="ava", area=a.EDUCATION,
                  completed_on=date(2026, 3, 4)),
        Screening(id="scr-leo-education", child_id="leo", area=a.EDUCATION,
                  completed_on=date(2026, 3, 4)),
        Screening(id="scr-ava-dental-1", child_id="ava", area=a.DENTAL_HEALTH,
                  completed_on=date(2026, 3, 18)),
        Screening(id="scr-leo-dental-1", child_id="leo", area=a.DENTAL_HEALTH,
                  completed_on=date(2026, 3, 18)),
        # Ava's counselor re-screened her at six months; her six-month dental check was kept.
        # Leo's, due in September, was missed: his dental exam is out of date (item 17).
        Screening(id="scr-ava-mental-2", child_id="ava", area=a.MENTAL_HEALTH,
                  completed_on=date(2026, 8, 26)),
        Screening(id="scr-ava-dental-2", child_id="ava", area=a.DENTAL_HEALTH,
                  completed_on=date(2026, 9, 16)),
    ]
    needs = [
        WellBeingNeed(id="wb-ava-anxiety", child_id="ava", area=a.MENTAL_HEALTH,
                      description="Night-time anxiety and trouble sleeping since being left "
                      "alone", identified_on=date(2026, 2, 20),
                      service_ids=("svc-ava-counseling",)),
        # Leo's speech therapy started ten weeks after the need was found: the waitlist ran
        # past the 60 days a need has to get a service (item 16).
        WellBeingNeed(id="wb-leo-speech", child_id="leo", area=a.EDUCATION,
                      description="Speech delay found by the developmental screening",
                      identified_on=date(2026, 3, 6), service_ids=("svc-leo-speech",)),
    ]
    return screenings, needs


def _connections() -> tuple[list[Connection], list[IcwaInquiry], list[RelativeSearch]]:
    k = ConnectionKind
    connections: list[Connection] = [
        Connection(id="cn-ava-school", child_id="ava", kind=k.SCHOOL,
                   description="Lincoln Elementary, her school before the removal; her "
                   "grandmother drives her", maintained=True, identified_on=date(2026, 2, 16)),
    ]
    for child in ("ava", "leo"):
        connections += [
            Connection(id=f"cn-{child}-church", child_id=child, kind=k.FAITH,
                       description="Grace Community Church, with their grandmother",
                       maintained=True, identified_on=date(2026, 2, 16)),
            # The paternal aunt looked after the children before the removal; the visits
            # stopped when Marcus moved out in July and nobody arranged them again (item 9 A).
            Connection(id=f"cn-{child}-aunt", child_id=child, kind=k.EXTENDED_FAMILY,
                       description="Paternal aunt Tasha Wilson and her children",
                       maintained=False, identified_on=date(2026, 3, 6)),
        ]
    inquiries = [
        # Asked of both parents and the grandmother at the detention hearing (25 CFR 23.107).
        IcwaInquiry(id=f"icwa-{child}", child_id=child, made_on=date(2026, 2, 12),
                    reason_to_know=False)
        for child in ("ava", "leo")
    ]
    searches: list[RelativeSearch] = []
    for child in ("ava", "leo"):
        searches += [
            # Maternal: the grandmother, an uncle and a great-aunt, all told of the removal;
            # Ruth was evaluated and approved.
            RelativeSearch(id=f"rs-{child}-maternal", child_id=child,
                           side=FamilySide.MATERNAL, completed_on=date(2026, 2, 20),
                           relatives_found=3, relatives_notified=3, relatives_evaluated=1),
            # Paternal: Marcus's sister Tasha and his father, told of the removal; neither
            # could take both children.
            RelativeSearch(id=f"rs-{child}-paternal", child_id=child,
                           side=FamilySide.PATERNAL, completed_on=date(2026, 3, 6),
                           relatives_found=2, relatives_notified=2),
        ]
    return connections, inquiries, searches


def build_wilson_family() -> Case:
    """Return the Wilson family example case."""
    hearings, findings = _court()
    safety, risk, strengths_needs = _assessments()
    screenings, needs = _well_being()
    connections, inquiries, searches = _connections()
    return Case(
        id="wilson-2026-0142",
        case_type=CaseType.FOSTER_CARE,
        opened_on=date(2026, 2, 9),
        region="Northern",
        county="Cedar County",
        caseworker_id="w-reyes",
        supervisor_id="s-okafor",
        staff=[
            StaffMember(id="w-reyes", name="Jordan Reyes", role=StaffRole.CASEWORKER),
            StaffMember(id="s-okafor", name="Pat Okafor", role=StaffRole.SUPERVISOR),
        ],
        people=_people(),
        child_ids=("ava", "leo"),
        relationships=_relationships(),
        households=[
            Household(id="hh-wilson", member_ids=("dana", "marcus", "ava", "leo"),
                      name="Wilson household (before removal)"),
            Household(id="hh-carter", member_ids=("ruth", "ava", "leo"),
                      name="Ruth Carter's home"),
        ],
        removal_episodes=_episodes(),
        hearings=hearings,
        judicial_findings=findings,
        safety_assessments=[
            safety,
            SafetyAssessment(
                id="sa-2", completed_on=date(2026, 9, 18), child_ids=("ava", "leo"),
                decision=SafetyDecision.CONDITIONALLY_SAFE,
                safety_plan=SafetyPlan(id="sp-1", start=date(2026, 9, 18),
                                       provisions=("Marcus does not stay overnight during "
                                                   "visits", "Ruth checks in each evening "
                                                   "by phone"),
                                       responsible_ids=("dana", "ruth")),
            ),
        ],
        risk_assessments=[risk],
        strengths_needs_assessments=strengths_needs,
        plans=[_initial_plan(), _update_plan()],
        services=_services(),
        involvement_events=_involvement(),
        contacts=_contacts(),
        family_visits=_family_visits(),
        staffings=_staffings(),
        reports=_reports(),
        screenings=screenings,
        well_being_needs=needs,
        connections=connections,
        icwa_inquiries=inquiries,
        relative_searches=searches,
    )


def main(argv: list[str] | None = None) -> None:
    """Print the example's summary, or with ``--write`` regenerate the package data file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true",
                        help=f"write the JSON package data to {DATA_FILE}")
    args = parser.parse_args(argv)
    case = build_wilson_family()
    if args.write:
        DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
        DATA_FILE.write_text(dumps_case(case) + "\n", encoding="utf-8")
        print(f"wrote {DATA_FILE}")
    else:
        print(summarize(case))


if __name__ == "__main__":
    main()
