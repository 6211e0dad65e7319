"""Synthetic caseloads: many fictional, valid, realistic cases for tests, demos and benchmarks.

[`generate_cases`][practicemodel.synthetic.generate_cases] yields ``n``
[`Case`][practicemodel.case.Case] records one at a time (memory stays flat however large
``n`` is). Case ``i`` is drawn from its own ``random.Random(f"{seed}:{i}")``, so it is the
same whether you generate 10 cases or a million, and the same on every run, process and
platform. [`write_jsonl`][practicemodel.synthetic.write_jsonl] streams them to JSON Lines.

Everything is invented: people are random combinations of common first names and surnames,
counties are tree names, Tribes have made-up names. The realism is in the shape of the work,
steered by [`SyntheticParameters`][practicemodel.synthetic.SyntheticParameters]: in-home and
foster care cases, one- and two-parent families, children of every age, removal episodes
with relative and non-relative foster homes, shelter stays, disruptions and pre-adoptive
homes, siblings placed together or apart, trial home visits and re-entries, hearings and
findings, a strengths and needs assessment whose contributing factors the good objectives
address, poor objectives written as activities ("Father will complete a parenting class."),
services with dosage (some waitlisted, some never taken up), monthly caseworker visits with
gaps, family visits with parents (stepping down to unsupervised before a return home) and
with siblings placed apart, involvement that is lower for fathers than for mothers (seed
002: mothers 37.74%, fathers 28.13% actively involved), and supervisory staffings.

**Every CFSR item has its facts** (schema version 2). Each case has the report that opened
it (priority, initiation and face-to-face dates, finding) and sometimes a later one; safety
and risk reassessments about every 6 months and before closing; plan updates every 6 months
(and when the children go home) stating the minimum sufficient level of care, a transition
plan before a return home, and, while a youth of 14 or more is in care, a team member the
youth chose. Children in care have physical, dental, mental health and educational
screenings on their schedules, important connections, an ICWA inquiry (a few are Indian
children, with a Tribe notified and placements rated on the ICWA preferences) and relative
searches on both sides; children's education, health and mental health needs come to light
in the assessments and each has a service, linked to the children's objective of the plan.

**The course of a case.** A foster care family works toward return home, adoption (a TPR
petition, orders for both parents, often a move to a pre-adoptive home) or guardianship
with the relative caring for the children; a documented exception covers some children in
care 15 of 22 months. Once every child has left care the case closes after aftercare; in-home
cases close after some months of services. No child of an open case is 18 or older on
``as_of``: a foster care family whose children all reach 18 ages out (each youth leaves care
with emancipation on the 18th birthday, and the case closes), and any other child who would
be 18 is drawn a little younger.

**Tuned to Mississippi's CFSR.** The default caseload, reviewed with
[`CFSR_INSTRUMENT`][practicemodel.review.CFSR_INSTRUMENT] under the MS profile as of
2026-11-22 (1,000 cases, seed 0), lands within 10 points of the item performance seed 002
reports from the state's Round 3 review (Program Improvement Plan): item 2 services to
protect children in the home (36.84%), 3 risk and safety assessment (46.15%), 5 permanency
goal (40.00%), 6 achieving permanency (27.50%), 8 visiting with parents and siblings
(41.94%), 11 relationship with parents (46.43%), 12 needs and services (20.00%), 13
involvement in case planning (35.94%), 15 caseworker visits with parents (23.64%) and 18
mental and behavioral health (48.78%). Each parameter's documentation names the figure it
steers; the measured values are in the how-to guide "Generate synthetic caseloads". They
depend on the rules as well as on the data: re-measure after changing either.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from practicemodel import serialization
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
from practicemodel.case import Case, CaseType, Household
from practicemodel.caseplan import (
    AchievementStatus,
    CasePlan,
    ClientResponsibility,
    ClosureCategory,
    ClosureCriterion,
    ContactScheduleEntry,
    CriterionStatus,
    Frequency,
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
from practicemodel.court import (
    FindingKind,
    Hearing,
    HearingKind,
    JudicialFinding,
    TprException,
    TprExceptionKind,
    TprOrder,
    TprPetition,
)
from practicemodel.errors import InvalidInputError, InvalidRecordError
from practicemodel.intake import MaltreatmentReport
from practicemodel.involvement import (
    EngagementOutcome,
    InvolvementActivity,
    InvolvementEvent,
    InvolvementSetting,
)
from practicemodel.people import (
    FosterHome,
    ParentalRights,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    Sex,
    StaffMember,
    StaffRole,
    TribalAffiliation,
)
from practicemodel.periods import Period, add_months
from practicemodel.placement import (
    ExitReason,
    MoveReason,
    Placement,
    PlacementSetting,
    RemovalEpisode,
    RemovalManner,
)
from practicemodel.policy import FEDERAL
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.staffing import StaffingTopic, SupervisoryStaffing
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

__all__ = ["SyntheticParameters", "generate_cases", "write_jsonl"]

_T = TypeVar("_T")


# -- parameters --------------------------------------------------------------------------------


def _share(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"{attribute.name!r} must be a number (got {value!r})")
    if not 0.0 <= value <= 1.0:
        raise InvalidRecordError(
            f"{attribute.name!r} must be between 0 and 1 (got {value!r})", path=attribute.name
        )


def _regions(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(r, str) for r in value):
        raise InvalidInputError(f"'regions' must be a tuple of strings (got {value!r})")
    if not value or any(not r.strip() for r in value) or len(set(value)) != len(value):
        raise InvalidRecordError(
            f"'regions' must name at least one region, each non-empty and distinct "
            f"(got {value!r})", path="regions",
        )


def _counties(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"'counties_per_region' must be an int (got {value!r})")
    if value < 1:
        raise InvalidRecordError(
            f"'counties_per_region' must be at least 1 (got {value})", path="counties_per_region"
        )


def _weights(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or any(
        isinstance(w, bool) or not isinstance(w, int | float) for w in value
    ):
        raise InvalidInputError(f"'children_weights' must be a tuple of numbers (got {value!r})")
    if len(value) != 4 or any(w < 0 for w in value) or sum(value) <= 0:
        raise InvalidRecordError(
            f"'children_weights' must be 4 non-negative weights (for 1-4 children) with a "
            f"positive sum (got {value!r})", path="children_weights",
        )


def _a_date(instance: Any, attribute: Any, value: Any) -> None:
    if type(value) is not date:
        raise InvalidInputError(f"{attribute.name!r} must be a date (got {value!r})")


@attrs.frozen(kw_only=True)
class SyntheticParameters:
    """What a synthetic caseload looks like: every share is a probability between 0 and 1.

    Invariants: ``opened_from <= opened_to``, and ``opened_to`` is at least 60 days before
    ``as_of`` (so that every case has its assessment and initial plan on record). Wrong types
    raise [`InvalidInputError`][practicemodel.errors.InvalidInputError]; values out of range
    raise [`InvalidRecordError`][practicemodel.errors.InvalidRecordError].
    """

    regions: tuple[str, ...] = attrs.field(
        default=("Northern", "Central", "Southern", "Coastal"), validator=_regions
    )
    """Agency region names; each case is in one, drawn uniformly."""
    counties_per_region: int = attrs.field(default=3, validator=_counties)
    """How many (invented) counties each region has."""
    foster_care_share: float = attrs.field(default=0.55, validator=_share)
    """Share of foster care cases; the rest are in-home services cases."""
    two_parent_share: float = attrs.field(default=0.45, validator=_share)
    """Share of two-parent families; one-parent families are mostly mothers (85%)."""
    children_weights: tuple[float, ...] = attrs.field(
        default=(0.42, 0.30, 0.18, 0.10), validator=_weights
    )
    """Relative weights of families with 1, 2, 3 and 4 children."""
    opened_from: date = attrs.field(default=date(2024, 1, 1), validator=_a_date)
    """Earliest case opening date."""
    opened_to: date = attrs.field(default=date(2026, 8, 31), validator=_a_date)
    """Latest case opening date."""
    foster_care_latest_weight: float = attrs.field(default=0.2, validator=_share)
    """How likely a foster care case is to have opened on ``opened_to`` relative to
    ``opened_from``, the chance falling linearly in between (1: uniform, as for in-home
    cases). A caseload of children in care holds more long stays than recent entries: at 0.2
    about 15% of foster care cases opened in the last 9 months (28% if uniform), and fewer
    children are still within the time frame to achieve permanency. Steers CFSR items 5 and
    6 (seed 002: permanency goal 40.00%, achieving permanency 27.50%)."""
    as_of: date = attrs.field(default=date(2026, 11, 22), validator=_a_date)
    """The record date: nothing is dated after it."""
    reentry_share: float = attrs.field(default=0.12, validator=_share)
    """Share of foster care families whose children went home and re-entered care (a second
    removal episode), when the dates leave room for it."""
    trial_home_visit_share: float = attrs.field(default=0.25, validator=_share)
    """Share of foster care families whose children have a trial home visit placement."""
    poor_objective_share: float = attrs.field(default=0.35, validator=_share)
    """Share of objectives written as an activity with no measure, date or link to a
    contributing factor; the others are S.M.A.R.T.-shaped. Drawn once per parent and need:
    plan updates keep an objective's wording."""
    monthly_visit_probability: float = attrs.field(default=0.95, validator=_share)
    """Chance, each month, that the caseworker visits the children in person (the gaps are
    the months without); visits with parents are a little less frequent (mothers 95%,
    fathers 80% of this)."""
    thorough_visit_share: float = attrs.field(default=0.2, validator=_share)
    """Share of cases whose caseworker visits the children and the parents in person every
    month and makes every visit a quality visit: time alone with each child over 4; safety,
    permanency, well-being and case plan progress covered with the children; case plan
    progress and needs with the parents; a setting recorded as suitable. In the other cases
    visits follow ``monthly_visit_probability`` (a fifth of parent contacts by phone) and
    each falls short in one way 30% of the time (seed 002: visits with mothers sufficiently
    frequent 43.4% and of sufficient quality 36.17%; CFSR item 15, caseworker visits with
    parents, 23.64%). At 0.2 the default caseload gives mothers' visits of sufficient quality
    in about 37% of cases, frequent enough in about 54%, and item 15 about 31%."""
    consistent_visitor_share: float = attrs.field(default=0.6, validator=_share)
    """Share of foster care families whose parents attend every planned family visit; in
    the others each visit is missed by the parent 20% of the time. Steers CFSR item 8 (seed
    002: visiting with parents and siblings 41.94%)."""
    in_residence_share: float = attrs.field(default=0.7, validator=_share)
    """Share of caseworker visits with the children held where the children live."""
    mother_involvement_rate: float = attrs.field(default=0.41, validator=_share)
    """Chance that a mother takes part in all five planning activities in every plan version
    (seed 002: 37.74% of mothers actively involved; the default caseload, 1,000 cases of
    seed 0, rates about 37% of mothers Strength on CFSR item 13, since a mother is judged on
    every plan of the period under review)."""
    father_involvement_rate: float = attrs.field(default=0.33, validator=_share)
    """Chance that a father takes part in all five planning activities (seed 002: 28.13%;
    the default caseload rates about 29% of fathers Strength on CFSR item 13; the item as a
    whole about 30%, seed 002: 35.94%)."""
    child_involvement_rate: float = attrs.field(default=0.45, validator=_share)
    """Chance that a child aged 4 or more takes part in all five planning activities (seed
    002 gives no figure; a choice)."""
    foster_parent_involvement_rate: float = attrs.field(default=0.6, validator=_share)
    """Chance that a foster parent takes part in all five planning activities (seed 002 gives
    no figure; a choice).

    Involvement runs together within a family: one draw per case decides it for everyone,
    each person being fully involved when the draw falls below their role's rate. Each
    role's share is its rate, and a case where the father is involved almost always has an
    involved mother too, as in practice (a caseworker who engages one parent tends to
    engage the family)."""
    partial_activity_rate: float = attrs.field(default=0.45, validator=_share)
    """For a parent not fully involved, the chance of taking part in each activity; a
    missing activity is recorded as an unanswered attempt half of the time."""
    dosage_share: float = attrs.field(default=0.2, validator=_share)
    """Chance that a parent's service (of a kind measured in hours or sessions) records its
    dosage; without one the data cannot show the service matches the need (CFSR item 12;
    seed 002: needs and services 20.00%)."""
    staffing_probability: float = attrs.field(default=0.75, validator=_share)
    """Chance, each month, of a supervisory staffing of the case."""
    update_share: float = attrs.field(default=0.8, validator=_share)
    """Chance that a plan whose period has (nearly) ended was updated."""
    closure_criteria_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that the first plan sets safe case closure criteria in all six categories, each
    with a measure (seed 004: "in the first plan"); the rest set none."""

    # -- the course of a case (schema version 2) -------------------------------------------
    in_home_closed_share: float = attrs.field(default=0.35, validator=_share)
    """Share of in-home cases closed before ``as_of``: after at least 4 months of services,
    on a day in the 12 months before ``as_of`` (so every case was open during a 12-month
    period under review). A choice: seed 002 gives no figure."""
    foster_care_closed_share: float = attrs.field(default=0.9, validator=_share)
    """Share of foster care cases that close once every child has left care, after
    aftercare (30 days to 6 months after a return home, up to 2 months after an adoption or
    a guardianship), when that falls before ``as_of``; the others stay open for in-home
    services. A case whose youths aged out always closes. A choice."""
    reunification_share: float = attrs.field(default=0.3, validator=_share)
    """Chance that children on a return home goal without a trial home visit go home 4 to
    18 months after removal (trial home visits always end in reunification when the dates
    allow). Steers CFSR item 6 (seed 002: achieving permanency 27.50%)."""
    adoption_share: float = attrs.field(default=0.15, validator=_share)
    """Share of foster care families whose goal changes to adoption 6 to 11 months after
    removal: a TPR petition, orders for both parents, often a move to a pre-adoptive home,
    and an adoption 4 to 14 months after the orders. A choice (CFSR items 5 and 6)."""
    guardianship_share: float = attrs.field(default=0.10, validator=_share)
    """Share of foster care families whose goal changes to legal guardianship with the
    relative caring for them (6 to 14 months after removal), who become guardians 4 to 14
    months later. A choice (CFSR item 6)."""
    tpr_timely_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that an adoption family's TPR petition is filed within 8 to 14 months of
    removal (before the 15-of-22-months mark); the others are filed at 15 to 21 months.
    Steers CFSR item 5 (seed 002: permanency goal 40.00%)."""
    tpr_exception_share: float = attrs.field(default=0.3, validator=_share)
    """Chance that a family not working toward adoption records an exception to the TPR
    petition for each child still in care at 13 to 15 months (relative care, or a compelling
    reason). Steers CFSR item 5 (seed 002: 40.00%)."""
    initial_plan_timely_share: float = attrs.field(default=0.55, validator=_share)
    """Chance that a foster care case's initial plan, with the children's first permanency
    goal, is written within 60 days of removal (else 2 to 3.5 months after). Steers CFSR
    item 5 (seed 002: permanency goal 40.00%)."""
    timely_reunification_share: float = attrs.field(default=0.1, validator=_share)
    """Chance that children who go home do so within 12 months of removal (else 12 to 24
    months). Steers CFSR item 6 (seed 002: achieving permanency 27.50%)."""
    parent_child_support_share: float = attrs.field(default=0.5, validator=_share)
    """Share of foster care families in parent-child therapy with both parents while the
    children are in care (the agency's effort beyond visits). Steers CFSR item 11 (seed 002:
    relationship of child in care with parents 46.43%)."""
    services_engaged_share: float = attrs.field(default=0.5, validator=_share)
    """Share of families whose services get going; in the others every parent service stays
    waitlisted, declined or only referred (and, in an in-home case, the children's too).
    Steers CFSR item 2 (seed 002: services to protect children in the home 36.84%)."""
    # -- intake and safety ------------------------------------------------------------------
    report_timely_share: float = attrs.field(default=0.85, validator=_share)
    """Chance that the response to an accepted report is initiated within its priority's
    time frame (priorities 1, 2 and 3 at 25%, 45% and 30%; the time frames of the
    profile's ``response_days``). CFSR item 1; seed 002 gives no figure."""
    face_to_face_timely_share: float = attrs.field(default=0.8, validator=_share)
    """Chance that the subject children are seen face to face within the time frame (CFSR
    item 1). Late responses are recorded as beyond the agency's control 20% of the time."""
    alternative_response_share: float = attrs.field(default=0.15, validator=_share)
    """Share of in-home cases opened on an alternative (family assessment) response (no
    finding); the other opening reports are substantiated (in-home 60%, foster care all)."""
    new_report_share: float = attrs.field(default=0.2, validator=_share)
    """Chance of a second report while the case is open: 80% accepted, 35% of those
    substantiated, 60% alleging the same maltreatment (a possible recurrence, CFSR item 3
    D)."""
    reassessment_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that each safety and risk reassessment, due 6 months after the last one, is
    done on time; the others come 3 weeks to 3 months late. Steers CFSR item 3 (seed 002:
    risk and safety assessment 46.15%)."""
    closure_assessment_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that a closed case has a safety and risk assessment in the 3 weeks before it
    closed (when the last one is older than 30 days). CFSR item 3 B."""
    # -- placement ---------------------------------------------------------------------------
    shelter_share: float = attrs.field(default=0.1, validator=_share)
    """Share of removals that start with 2 to 14 days in an emergency shelter (a temporary
    setting left for temporary holding reasons: CFSR item 4 B)."""
    disruption_share: float = attrs.field(default=0.12, validator=_share)
    """Chance that a child's placement breaks down and the child moves to another foster
    home (an unplanned change, CFSR item 4 B)."""
    placement_at_risk_share: float = attrs.field(default=0.1, validator=_share)
    """Chance that a child's current setting is recorded as at risk of ending (CFSR item 4
    C)."""
    siblings_apart_share: float = attrs.field(default=0.3, validator=_share)
    """Share of foster care families with two or more children in which the younger
    children are placed in another foster home than the eldest (CFSR item 7). A choice."""
    sibling_separation_reason_share: float = attrs.field(default=0.5, validator=_share)
    """Chance that siblings placed apart have a needs-based reason recorded (CFSR item 7
    B)."""
    sibling_visit_share: float = attrs.field(default=0.9, validator=_share)
    """Chance that each monthly visit between siblings placed apart is held (the agency
    cancels the others). CFSR item 8 E."""
    unsupervised_visit_share: float = attrs.field(default=0.7, validator=_share)
    """Chance that family visits step down to unsupervised 1.5 to 4 months before children
    on a return home goal go home or start a trial home visit."""
    # -- connections and relatives -----------------------------------------------------------
    connection_maintained_share: float = attrs.field(default=0.75, validator=_share)
    """Chance that each of a child's 1 to 3 important connections is recorded as kept up
    (15% not kept up, the rest not recorded). CFSR item 9 A."""
    icwa_inquiry_share: float = attrs.field(default=0.9, validator=_share)
    """Share of foster care families whose children have an ICWA inquiry on record (CFSR
    item 9 B; 25 CFR 23.107(a))."""
    icwa_share: float = attrs.field(default=0.03, validator=_share)
    """Share of foster care families whose inquiry gives reason to know the children are
    Indian children (a fictional Tribe, a notice to it, the placement preferences)."""
    tribe_notice_timely_share: float = attrs.field(default=0.7, validator=_share)
    """Chance that the Tribe is notified within 10 days of removal (well before the
    adjudication); otherwise 1 to 3 months after. CFSR item 9 C; 25 USC 1912(a)."""
    icwa_preferences_share: float = attrs.field(default=0.7, validator=_share)
    """Chance that each placement of an Indian child follows the ICWA placement preferences
    (CFSR item 9 D; 25 USC 1915)."""
    relative_search_share: float = attrs.field(default=0.6, validator=_share)
    """Share of foster care families whose maternal and paternal relative searches are done
    within 30 days of removal and notify every relative found; the others are done 5 weeks to
    5 months after and notify some. CFSR item 10; 42 USC 671(a)(29)."""
    # -- well-being --------------------------------------------------------------------------
    health_exam_share: float = attrs.field(default=0.8, validator=_share)
    """Chance that each physical exam of a child in care (within 4 weeks of entry, then
    yearly) is on time; the others are 1 to 4 months late. CFSR item 17."""
    dental_exam_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that each dental exam of a child in care aged 1 or more (every 6 months) is on
    time. CFSR item 17; CFSR FAQ, well-being outcome 3."""
    mental_health_screening_share: float = attrs.field(default=0.9, validator=_share)
    """Chance that a child in care aged 2 or more has a mental health screening within 4
    weeks of entry (else 1 to 4 months after). Steers CFSR item 18 (seed 002: mental and
    behavioral health 48.78%)."""
    education_assessment_share: float = attrs.field(default=0.75, validator=_share)
    """Chance that a child in care aged 3 or more has an educational assessment within 4
    weeks of entry. CFSR item 16."""
    education_need_share: float = attrs.field(default=0.25, validator=_share)
    """Chance that a child aged 4 or more has an educational need with a service."""
    physical_need_share: float = attrs.field(default=0.12, validator=_share)
    """Chance that a child has a physical health need with a service."""
    dental_need_share: float = attrs.field(default=0.2, validator=_share)
    """Chance that a child aged 1 or more has a dental need with a service."""
    need_served_share: float = attrs.field(default=0.85, validator=_share)
    """Chance that the service for a child's need (including the counseling for the
    emotional needs in the family assessment) starts within 7 weeks of the referral;
    otherwise it is waitlisted (``waitlist_share``), starts 2.5 to 5 months after, or is
    only referred. Steers CFSR items 16-18 (seed 002: item 18 48.78%)."""
    waitlist_share: float = attrs.field(default=0.15, validator=_share)
    """Chance that a service is on a waitlist rather than started (seed 002: the waitlist for
    in-home services "remains a challenge")."""
    # -- planning ----------------------------------------------------------------------------
    youth_team_share: float = attrs.field(default=0.5, validator=_share)
    """Share of foster care cases whose plans, while a youth aged 14 or more is in care, name
    a member of the planning team the youth chose (42 USC 675(1)(B)). CFSR item 13."""
    mslc_share: float = attrs.field(default=0.6, validator=_share)
    """Share of cases whose plans state the minimum sufficient level of care (seed 003 slide
    16)."""
    transition_plan_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that the last plan before children go home (or start a trial home visit) has a
    transition plan (seed 003 slide 60)."""

    def __attrs_post_init__(self) -> None:
        if self.opened_from > self.opened_to:
            raise InvalidRecordError(
                f"'opened_from' must not be after 'opened_to' (got {self.opened_from} > "
                f"{self.opened_to})", path="opened_from",
            )
        if self.opened_to > self.as_of - timedelta(days=60):
            raise InvalidRecordError(
                f"'opened_to' must be at least 60 days before 'as_of' (got {self.opened_to} "
                f"and {self.as_of})", path="opened_to",
            )


# -- fictional vocabulary ---------------------------------------------------------------------

_FEMALE = ("Avery", "Bianca", "Carmen", "Dana", "Elena", "Fiona", "Grace", "Hana", "Imani",
           "Jasmine", "Keira", "Lena", "Maya", "Nora", "Olivia", "Paige", "Quinn", "Rosa",
           "Sofia", "Tessa", "Uma", "Vera", "Willa", "Yara", "Zoe")
_MALE = ("Aaron", "Brandon", "Caleb", "Diego", "Elijah", "Felix", "Gavin", "Hector", "Isaac",
         "Jamal", "Kevin", "Luis", "Marcus", "Nathan", "Omar", "Peter", "Reggie", "Samuel",
         "Tyler", "Victor", "Wesley", "Xavier", "Yusuf", "Zane")
_SURNAMES = ("Abbott", "Bauer", "Castillo", "Delgado", "Ellison", "Farrow", "Garner", "Holt",
             "Ibarra", "Jensen", "Kowalski", "Lindqvist", "Mendez", "Nakamura", "Oduya",
             "Pruitt", "Quintero", "Rasmussen", "Sandoval", "Thorne", "Underwood", "Vance",
             "Whitfield", "Yates", "Zamora")
_COUNTY_NAMES = ("Cedar", "Maple", "Willow", "Aspen", "Birch", "Juniper", "Alder", "Sycamore",
                 "Hawthorn", "Linden", "Spruce", "Poplar", "Hickory", "Laurel", "Magnolia",
                 "Redwood", "Sequoia", "Tamarack", "Walnut", "Cypress")

# theme: (domain, need, contributing factor, good objective, measure, service category,
#         dosage unit, poor objective (activity wording))
_THEMES: dict[str, tuple[str, str, str, str, str, ServiceCategory, str | None, str]] = {
    "substance": (
        "substance use", "Drug or alcohol use impairs care of the children",
        "{name}'s substance use left the children without a sober caregiver",
        "{first} will stay sober and use a relapse prevention plan when cravings come.",
        "Negative random drug screens for 6 consecutive months",
        ServiceCategory.SUBSTANCE_USE_TREATMENT, "hour / week",
        "{role} will complete a substance abuse assessment."),
    "mental_health": (
        "emotional health", "Untreated depression leaves the children unsupervised",
        "{name}'s untreated depression led to the children being left alone",
        "{first} will manage depression well enough to supervise the children every day.",
        "Therapist reports stable functioning for 3 months and no supervision lapses",
        ServiceCategory.MENTAL_HEALTH, "session / week",
        "{role} will go to counseling."),
    "parenting": (
        "parenting", "Harsh discipline when the children misbehave",
        "{name} used physical discipline that injured a child",
        "{first} will use calm, non-physical discipline with the children.",
        "Visit notes show non-physical discipline at 8 consecutive visits",
        ServiceCategory.IN_HOME_PARENTING, "hour / week",
        "{role} will complete a parenting class."),
    "domestic_violence": (
        "family safety", "Violence between the adults in the home",
        "Domestic violence in {name}'s home frightened and endangered the children",
        "{first} will keep the children away from violence and follow a safety plan.",
        "No police calls and the safety plan followed for 6 months",
        ServiceCategory.DOMESTIC_VIOLENCE, "session / week",
        "{role} will attend domestic violence classes."),
    "housing": (
        "resource management", "No stable housing",
        "{name}'s family faced eviction and had no safe place to live",
        "{first} will keep safe, stable housing with room for the children.",
        "A lease of at least 12 months and a home visit finding the home safe",
        ServiceCategory.HOUSING, None,
        "{role} will look for housing."),
    "supervision": (
        "supervision", "Young children left without an adult",
        "{name} left young children without adult supervision",
        "{first} will make sure a responsible adult supervises the children at all times.",
        "A written child care plan followed for 90 consecutive days",
        ServiceCategory.CHILD_CARE, None,
        "{role} will find child care."),
}

_ACTIVITIES = tuple(InvolvementActivity)
# (activity, its code, whether it happens at the planning meeting)
_ACTIVITY_STEPS = tuple((a, a.value, a in (InvolvementActivity.GOALS,
                                           InvolvementActivity.CASE_PLANNING_MEETING))
                        for a in _ACTIVITIES)
_STAFFING_TOPICS = (StaffingTopic.SERVICE_PLAN, StaffingTopic.CASEWORKER_CONTACTS,
                    StaffingTopic.SAFETY_AND_RISK, StaffingTopic.EMERGING_ISSUES,
                    StaffingTopic.CHILD_SERVICES, StaffingTopic.SHARED_PARENTING)
# A staffing covers 2 to 4 topics: a run of them from a random start, wrapping around.
_topic_runs = tuple((_STAFFING_TOPICS * 2)[i:i + 4] for i in range(len(_STAFFING_TOPICS)))
# Children's ages at case opening: more young children than teenagers.
_AGE_WEIGHTS = (9, 8, 7, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3)
_MONTHLY = Frequency(times=1, per=Period(1, "months"))
_FORTNIGHT = timedelta(days=14)
_WEEK = timedelta(days=7)
_ALLEGATIONS = ("neglect", "neglect", "physical_abuse", "inadequate_supervision",
                "substance_exposure")
_IN_HOME_CLOSURES = (
    "Safety threats resolved; the family completed its services",
    "Closure criteria met; the children are safe at home",
    "The family moved out of the state; the case was transferred",
)
_FOSTER_CLOSURES = {
    ExitReason.REUNIFICATION: "Children reunified; aftercare completed",
    ExitReason.ADOPTION: "Adoption finalized",
    ExitReason.GUARDIANSHIP: "Legal guardianship granted to a relative",
    ExitReason.EMANCIPATION: "Youth reached 18 and left care",
}
_SEPARATION_REASONS = (
    "Needs a therapeutic foster home the sibling does not need",
    "Sibling's behavior put the child at risk in a shared home",
)
# Invented Tribes' names (no real Nation is meant).
_TRIBES = ("Tamarack Lake Band", "Cedar Hollow Nation", "Willow Bend Tribe")
_NEED_TEXT = {
    WellBeingArea.EDUCATION: "Reading two grades below level; needs an evaluation for "
                             "special education",
    WellBeingArea.PHYSICAL_HEALTH: "Asthma needing a treatment plan and follow-up",
    WellBeingArea.DENTAL_HEALTH: "Untreated cavities",
}
_CHILD_OBJECTIVE = "{names} will have every school, health and mental health need met."
_NEED_SERVICE = {
    WellBeingArea.EDUCATION: ServiceCategory.EDUCATION,
    WellBeingArea.PHYSICAL_HEALTH: ServiceCategory.MEDICAL,
    WellBeingArea.DENTAL_HEALTH: ServiceCategory.DENTAL,
    WellBeingArea.MENTAL_HEALTH: ServiceCategory.MENTAL_HEALTH,
}
_PROVIDERS = {
    ServiceCategory.EDUCATION: "School District",
    ServiceCategory.MEDICAL: "Pediatrics",
    ServiceCategory.DENTAL: "Dental Clinic",
    ServiceCategory.MENTAL_HEALTH: "Children's Counseling",
}
_CONNECTION_TEXT = {
    ConnectionKind.EXTENDED_FAMILY: "Aunt and cousins the child saw every week",
    ConnectionKind.FAITH: "The family's church and its youth group",
    ConnectionKind.COMMUNITY: "Neighborhood sports league",
    ConnectionKind.SCHOOL: "The child's school and teachers before removal",
    ConnectionKind.FRIEND: "A best friend from the old neighborhood",
    ConnectionKind.TRIBE: "The child's Tribe and its cultural activities",
}
_MSLC = (
    "A sober adult supervises the children at all times and they go to school every day",
    "The children live in safe housing, are fed and supervised, and are disciplined without "
    "physical harm",
)


# -- helpers ----------------------------------------------------------------------------------


def _ri(rng: random.Random, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (both included): ``randint``, from one
    ``random()`` draw (several times faster, and as reproducible)."""
    return low + int(rng.random() * (high - low + 1))


def _pick(rng: random.Random, seq: Sequence[_T]) -> _T:
    """One item of ``seq``, from one ``random()`` draw (``choice``, faster)."""
    return seq[int(rng.random() * len(seq))]


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=_ri(rng, 0, (end - start).days))


def _opening(rng: random.Random, start: date, end: date, weight: float) -> date:
    """A day from ``start`` to ``end`` whose chance falls linearly from the first day to
    ``weight`` times as much on the last (``weight`` 1: uniform)."""
    u = rng.random()
    t = u if weight == 1.0 else (math.sqrt(1.0 + (weight * weight - 1.0) * u) - 1.0) / (
        weight - 1.0)
    return start + timedelta(days=min(int(t * ((end - start).days + 1)), (end - start).days))


def _months(start: date, end: date) -> Iterator[tuple[date, date]]:
    """Yield the (first, last) day of each calendar month from ``start`` to ``end``, clipped."""
    first = start.replace(day=1)
    while first <= end:
        nxt = add_months(first, 1)
        yield max(first, start), min(nxt - timedelta(days=1), end)
        first = nxt


def _county(params: SyntheticParameters, region_index: int, k: int) -> str:
    i = region_index * params.counties_per_region + k
    name = _COUNTY_NAMES[i % len(_COUNTY_NAMES)]
    suffix = f" {i // len(_COUNTY_NAMES) + 1}" if i >= len(_COUNTY_NAMES) else ""
    return f"{name}{suffix} County"


def _staff_name(seed: object, key: str) -> str:
    rng = random.Random(f"{seed}:staff:{key}")
    first = _pick(rng, _FEMALE + _MALE)
    return f"{first} {_pick(rng, _SURNAMES)}"


class _Builder:
    """Draws one case; every list it fills is one collection of the case.

    ``record_date`` is the parameters' ``as_of``; ``as_of`` is the case's horizon: the day
    it was closed, or the record date while it is open. Nothing is dated after it.
    """

    def __init__(self, rng: random.Random, p: SyntheticParameters, seed: object,
                 index: int) -> None:
        self.rng, self.p, self.seed, self.index = rng, p, seed, index
        self.record_date = self.as_of = p.as_of
        self.people: list[Person] = []
        self.relationships: list[Relationship] = []
        self.households: list[Household] = []
        self.episodes: list[RemovalEpisode] = []
        self.hearings: list[Hearing] = []
        self.findings: list[JudicialFinding] = []
        self.plans: list[CasePlan] = []
        self.services: list[Service] = []
        self.involvement: list[InvolvementEvent] = []
        self._engagement: dict[str, tuple[bool, InvolvementActivity]] = {}
        self._family_draw: float | None = None
        self.contacts: list[CaseworkerContact] = []
        self.family_visits: list[FamilyVisit] = []
        self.staffings: list[SupervisoryStaffing] = []
        self.parents: list[tuple[str, ParentRole, str]] = []  # (id, role, first name)
        self.children: list[str] = []
        self.birth: dict[str, date] = {}
        self.themes: dict[str, list[str]] = {}
        # (start, end) periods when the children are in out-of-home care
        self.in_care: list[tuple[date, date]] = []
        # schema version 2
        self.reports: list[MaltreatmentReport] = []
        self.screenings: list[Screening] = []
        self.needs: list[WellBeingNeed] = []
        self.connections: list[Connection] = []
        self.inquiries: list[IcwaInquiry] = []
        self.searches: list[RelativeSearch] = []
        self.safety: list[SafetyAssessment] = []
        self.risk: list[RiskAssessment] = []
        self.tpr_petitions: list[TprPetition] = []
        self.tpr_orders: list[TprOrder] = []
        self.tpr_exceptions: list[TprException] = []
        # the course of the case
        self.closed_on: date | None = None
        self.closure_reason: str | None = None
        self.path = "in_home"
        self.aged_out = False
        self.icwa = False
        self.removed: date | None = None
        self.spells: list[tuple[date, date | None, bool]] = []  # (removed, exit, with THV)
        self.exits: dict[str, tuple[date, ExitReason]] = {}  # last exit of each child
        self.child_care: dict[str, list[tuple[date, date]]] = {}  # child -> in-care spells
        self.goal_change_on: date | None = None
        self.tpr_order_on: date | None = None
        self.step_down_on: date | None = None
        self.home_bound_on: date | None = None  # THV start or reunification
        self.apart: set[str] = set()  # children placed apart from the first child
        self.relative_placed: set[str] = set()
        self.first_names: dict[str, str] = {}
        self.engaged = True
        self.child_need_plan: list[tuple[str, WellBeingArea, date, str, str]] = []
        self.reassessments: list[StrengthsNeedsAssessment] = []
        self._poor: dict[str, bool] = {}
        self._fostering: tuple[tuple[str, date, date | None], ...] | None = None

    # -- people ---------------------------------------------------------------------------

    def _person(self, pid: str, first: str, last: str, born: date, sex: Sex) -> None:
        self.people.append(Person(id=pid, name=f"{first} {last}", birth_date=born, sex=sex))
        self.birth[pid] = born

    def _extra(self, pid: str, surname: str | None = None) -> str:
        """An adult added on first use (a foster parent, an adoptive parent, a mentor)."""
        if pid not in self.birth:
            rng = self.rng
            sex = _pick(rng, (Sex.FEMALE, Sex.MALE))
            self._person(pid, _pick(rng, _FEMALE if sex is Sex.FEMALE else _MALE),
                         surname or _pick(rng, _SURNAMES),
                         self.record_date - timedelta(days=_ri(rng, 9000, 22000)), sex)
        return pid

    def family(self, opened: date, foster: bool) -> str:
        rng, p, as_of = self.rng, self.p, self.record_date
        surname = _pick(rng, _SURNAMES)
        n_children = rng.choices((1, 2, 3, 4), weights=p.children_weights)[0]
        births: list[date] = []
        for _ in range(n_children):
            age = rng.choices(range(18), weights=_AGE_WEIGHTS)[0]
            births.append(opened - timedelta(days=int(age * 365.25) + _ri(rng, 1, 360)))
        # No child aged 18 or more in an open case: a foster care family whose children all
        # turn 18 before the record date ages out of care (each child is emancipated on the
        # 18th birthday); any other child who would is drawn a little younger.
        adult = [_eighteenth(b) <= as_of for b in births]
        latest = as_of - timedelta(days=30)
        if foster and all(adult) and opened + timedelta(days=150) <= latest:
            self.aged_out = True
            for k, born in enumerate(births):
                turns = _eighteenth(born)
                if turns < opened + timedelta(days=120) or turns > latest:
                    turns = _day_between(rng, opened + timedelta(days=120),
                                         min(opened + timedelta(days=720), latest))
                    births[k] = _born_for_eighteenth(turns)
        else:
            for k in range(len(births)):
                if adult[k]:
                    births[k] = _born_for_eighteenth(as_of + timedelta(days=_ri(rng, 1, 300)))
        self.icwa = foster and rng.random() < p.icwa_share
        used: set[str] = set()
        for k, born in enumerate(births):
            sex = _pick(rng, (Sex.FEMALE, Sex.MALE))
            first = _pick(rng, [n for n in (_FEMALE if sex is Sex.FEMALE else _MALE)
                                if n not in used])
            used.add(first)
            cid = f"child-{k + 1}"
            self._person(cid, first, surname, born, sex)
            self.children.append(cid)
            self.first_names[cid] = first
        oldest = min(births)
        two = rng.random() < p.two_parent_share
        roles = ([ParentRole.MOTHER, ParentRole.FATHER] if two
                 else [ParentRole.MOTHER if rng.random() < 0.85 else ParentRole.FATHER])
        for role in roles:
            female = role is ParentRole.MOTHER
            first = _pick(rng, [n for n in (_FEMALE if female else _MALE) if n not in used])
            used.add(first)
            pid = "mother" if female else "father"
            years = _ri(rng, 18, 34) if female else _ri(rng, 19, 40)
            born = oldest - timedelta(days=int(years * 365.25) + _ri(rng, 0, 300))
            last = surname if female is False or rng.random() < 0.7 else _pick(rng, _SURNAMES)
            self._person(pid, first, last, born, Sex.FEMALE if female else Sex.MALE)
            self.parents.append((pid, role, first))
        return surname

    def _age(self, pid: str, on: date) -> int:
        born = self.birth[pid]
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    # -- the course of the case -----------------------------------------------------------

    def course(self, opened: date, foster: bool) -> None:
        """Decide how the case runs: removal, permanency path, exits, closure. Sets
        ``as_of`` to the horizon (the closing day, or the record date)."""
        rng, p, as_of = self.rng, self.p, self.record_date
        year_before = as_of - timedelta(days=365)
        if not foster:
            if rng.random() < p.in_home_closed_share:
                lo = max(opened + timedelta(days=120), year_before)
                if lo < as_of:
                    self.closed_on = _day_between(rng, lo, as_of - timedelta(days=1))
                    self.closure_reason = _pick(rng, _IN_HOME_CLOSURES)
            self.as_of = self.closed_on or as_of
            return
        removed = self.removed = opened + timedelta(days=_ri(rng, 0, 2))
        days_left = (as_of - removed).days
        home_share = max(0.0, 1.0 - p.adoption_share - p.guardianship_share)
        self.path = "aged_out" if self.aged_out else rng.choices(
            ("home", "adoption", "guardianship"),
            weights=(home_share, p.adoption_share, p.guardianship_share))[0]
        reason = ExitReason.REUNIFICATION
        exit_on: date | None = None
        if self.path == "home":
            reentry = rng.random() < p.reentry_share and days_left > 330
            thv = rng.random() < p.trial_home_visit_share and days_left > 150
            if reentry:
                exit1 = removed + timedelta(days=_ri(rng, 120, min(300, days_left - 200)))
                back = exit1 + timedelta(days=_ri(rng, 30, min(180, (as_of - exit1).days
                                                                     - 20)))
                self.spells = [(removed, exit1, thv), (back, None, False)]
            else:
                if thv or rng.random() < p.reunification_share:
                    exit_on = removed + timedelta(
                        days=_ri(rng, 120, 365) if rng.random() < p.timely_reunification_share
                        else _ri(rng, 366, 720))
                    if exit_on > as_of:
                        exit_on = None
                self.spells = [(removed, exit_on, thv)]
        elif self.path == "adoption":
            self.goal_change_on = removed + timedelta(days=_ri(rng, 180, 330))
            petition = removed + timedelta(days=_ri(rng, 240, 440)
                                           if rng.random() < p.tpr_timely_share
                                           else _ri(rng, 470, 640))
            order = petition + timedelta(days=_ri(rng, 60, 200))
            exit_on = order + timedelta(days=_ri(rng, 120, 420))
            reason = ExitReason.ADOPTION
            self._tpr(petition, order)
        elif self.path == "guardianship":
            self.goal_change_on = removed + timedelta(days=_ri(rng, 180, 420))
            exit_on = self.goal_change_on + timedelta(days=_ri(rng, 120, 420))
            reason = ExitReason.GUARDIANSHIP
        if self.path != "home":
            self.spells = [(removed, exit_on if exit_on and exit_on <= as_of else None, False)]
        last_end = self.spells[-1][1]
        for c in self.children:
            if self.aged_out:
                self.exits[c] = (_eighteenth(self.birth[c]), ExitReason.EMANCIPATION)
            elif last_end is not None:
                self.exits[c] = (last_end, reason)
        # Once every child has left care the case closes after aftercare (30 days to 6
        # months after a return home, up to 2 months after adoption or guardianship); a
        # family that aged out is always closed: no one aged 18 is a child of an open case.
        if len(self.exits) == len(self.children) and (
                self.aged_out or rng.random() < p.foster_care_closed_share):
            last = max(d for d, _ in self.exits.values())
            home = reason is ExitReason.REUNIFICATION and not self.aged_out
            closing = last + timedelta(days=_ri(rng, 30, 180) if home
                                       else _ri(rng, 0, 29 if self.aged_out else 60))
            if closing < as_of:
                self.closed_on = closing
                self.closure_reason = _FOSTER_CLOSURES[
                    ExitReason.EMANCIPATION if self.aged_out else reason]
        self.as_of = self.closed_on or as_of
        for c in self.children:
            spells = [(s, e or self.as_of) for s, e, _ in self.spells]
            if c in self.exits:
                spells[-1] = (spells[-1][0], self.exits[c][0])
            self.child_care[c] = spells
        if self.path == "home":
            first_start, first_end, with_thv = self.spells[0]
            if with_thv or first_end is not None:
                bound = first_end or self.as_of
                self.home_bound_on = bound - timedelta(days=_ri(rng, 30, 120 if first_end
                                                                        else 90)) \
                    if with_thv else first_end
                self.home_bound_on = max(self.home_bound_on or bound,
                                         first_start + timedelta(days=30))
                if rng.random() < p.unsupervised_visit_share:
                    self.step_down_on = max(first_start + timedelta(days=14),
                                            self.home_bound_on
                                            - timedelta(days=_ri(rng, 45, 120)))

    def _tpr(self, petition: date, order: date) -> None:
        self.tpr_order_on = order if order <= self.record_date else None
        parents = tuple(pid for pid, _, _ in self.parents)
        for c in self.children:
            if petition <= self.record_date:
                self.tpr_petitions.append(TprPetition(id=f"tpr-{c}", child_id=c,
                                                      parent_ids=parents, filed_on=petition))
            if order <= self.record_date:
                self.tpr_orders += [TprOrder(id=f"tpro-{c}-{pid}", child_id=c, parent_id=pid,
                                             ordered_on=order) for pid in parents]

    def family_relationships(self, foster: bool) -> None:
        order_on = self.tpr_order_on
        rights = ParentalRights(terminated_on=order_on) if order_on is not None else None
        for pid, role, _ in self.parents:
            for c in self.children:
                self.relationships.append(Relationship(
                    adult_id=pid, child_id=c, kind=RelationshipKind.BIOLOGICAL_PARENT,
                    parent_role=role, primary_caregiver=True, removed_from=foster,
                    lives_with_child=not foster, parental_rights=rights))
        for c in self.children:
            self.relationships += [Relationship(adult_id=o, child_id=c,
                                                kind=RelationshipKind.SIBLING)
                                   for o in self.children if o != c]

    # -- removal --------------------------------------------------------------------------

    def removal(self, surname: str) -> None:
        rng, p, as_of = self.rng, self.p, self.as_of
        removed = self.removed
        assert removed is not None
        parent_ids = tuple(pid for pid, _, _ in self.parents)
        gm_born = min(self.birth[x] for x in parent_ids) - timedelta(
            days=_ri(rng, 7000, 9500))
        self._person("relative-1", _pick(rng, _FEMALE), surname, gm_born, Sex.FEMALE)
        fp_born = removed - timedelta(days=_ri(rng, 10000, 20000))
        fp_sex = _pick(rng, (Sex.FEMALE, Sex.MALE))
        self._person("foster-1", _pick(rng, _FEMALE if fp_sex is Sex.FEMALE else _MALE),
                     _pick(rng, _SURNAMES), fp_born, fp_sex)
        manner = RemovalManner.COURT_ORDERED if rng.random() < 0.85 else RemovalManner.VOLUNTARY
        adjudication = removed + timedelta(days=_ri(rng, 25, 55))
        finding_on = adjudication if adjudication <= as_of else None
        move = rng.random() < 0.3
        first_relative = self.path == "guardianship" or rng.random() < 0.4
        shelter = rng.random() < p.shelter_share
        if (len(self.children) > 1 and self.path != "guardianship"
                and rng.random() < p.siblings_apart_share):
            self.apart = set(self.children[1:])
        reasons = rng.random() < p.sibling_separation_reason_share
        for c in self.children:
            for e, (start, end, with_thv) in enumerate(self.spells):
                exit_on, exit_reason = self.exits.get(c, (end, ExitReason.REUNIFICATION)) \
                    if e == len(self.spells) - 1 else (end, ExitReason.REUNIFICATION)
                placements = self._placements(c, e, start, exit_on, with_thv, move,
                                              first_relative, shelter and e == 0, reasons)
                self.episodes.append(RemovalEpisode(
                    id=f"ep-{c}-{e + 1}", child_id=c, removed_on=start, manner=manner,
                    removed_from_ids=parent_ids,
                    first_abuse_neglect_finding_on=finding_on if e == 0 else None,
                    placements=placements, exit_on=exit_on,
                    exit_reason=exit_reason if exit_on is not None else None,
                ))
            if c in self.exits:
                exit_on, exit_reason = self.exits[c]
                carer = self.episodes[-1].placements[-1].caregiver_ids
                if exit_reason is ExitReason.ADOPTION and carer:
                    self.relationships.append(Relationship(
                        adult_id=carer[0], child_id=c, kind=RelationshipKind.ADOPTIVE_PARENT,
                        adoption_finalized=True, lives_with_child=True, start=exit_on))
                elif exit_reason is ExitReason.GUARDIANSHIP and carer:
                    self.relationships.append(Relationship(
                        adult_id=carer[0], child_id=c, kind=RelationshipKind.LEGAL_GUARDIAN,
                        lives_with_child=True, start=exit_on))
        ends = [self.exits[c][0] if c in self.exits else as_of for c in self.children]
        for k, (start, end, _) in enumerate(self.spells):
            self.in_care.append((start, max(ends) if k == len(self.spells) - 1
                                 else end or as_of))
        self._court(removed, adjudication, max(ends))
        self._tpr_exceptions()

    def _placements(self, c: str, e: int, start: date, end: date | None, with_thv: bool,
                    move: bool, first_relative: bool, shelter: bool,
                    reasons: bool) -> list[Placement]:
        rng, p, as_of = self.rng, self.p, self.as_of
        stop = end or as_of
        thv_start: date | None = None
        if with_thv and self.home_bound_on is not None and e == 0:
            thv_start = max(self.home_bound_on, start + timedelta(days=30))
            if thv_start > stop:
                thv_start = None
        care_end = thv_start - timedelta(days=1) if thv_start else end
        care_stop = care_end or as_of
        # (setting, caregiver, start, reason for leaving it, temporary)
        segs: list[tuple[PlacementSetting, str | None, date, MoveReason | None, bool]] = []
        t = start
        if shelter and care_stop > start + timedelta(days=30):
            segs.append((PlacementSetting.GROUP_HOME, None, t, MoveReason.TEMPORARY_HOLDING,
                         True))
            t = t + timedelta(days=_ri(rng, 2, 14))
        if c in self.apart:
            segs.append((PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, "foster-2", t, None,
                         False))
        elif first_relative:
            segs.append((PlacementSetting.FOSTER_FAMILY_RELATIVE, "relative-1", t, None, False))
        elif move and care_stop > t + timedelta(days=40):
            segs.append((PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, "foster-1", t,
                         MoveReason.SIBLINGS_OR_RELATIVES, False))
            t = t + timedelta(days=_ri(rng, 7, 30))
            segs.append((PlacementSetting.FOSTER_FAMILY_RELATIVE, "relative-1", t, None, False))
        else:
            segs.append((PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, "foster-1", t, None,
                         False))
        t = segs[-1][2]
        if (self.path != "guardianship" and rng.random() < p.disruption_share
                and care_stop > t + timedelta(days=90)):
            moved = t + timedelta(days=_ri(rng, 30, (care_stop - t).days - 45))
            segs[-1] = (*segs[-1][:3], MoveReason.DISRUPTION, False)
            segs.append((PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, "foster-3", moved, None,
                         False))
            t = moved
        order_on = self.tpr_order_on
        if (order_on is not None and t < order_on < care_stop - timedelta(days=60)
                and rng.random() < 0.5):
            moved = order_on + timedelta(days=_ri(rng, 0, 30))
            segs[-1] = (*segs[-1][:3], MoveReason.CASE_GOALS, False)
            segs.append((PlacementSetting.PRE_ADOPTIVE_HOME, "adoptive-1", moved, None, False))
        placements: list[Placement] = []
        icwa = self.icwa
        for k, (setting, carer, p_start, reason, temporary) in enumerate(segs):
            last = k == len(segs) - 1
            p_end = care_end if last else segs[k + 1][2] - timedelta(days=1)
            if p_end is not None and p_end < p_start:
                p_end = p_start
            current = last and thv_start is None and end is None
            caregivers = (self._extra(carer),) if carer is not None else ()
            placements.append(Placement(
                id=f"pl-{c}-{e + 1}-{k + 1}", setting=setting, start=p_start, end=p_end,
                caregiver_ids=caregivers,
                provider="Emergency shelter" if temporary else None,
                move_reason=reason if not last or thv_start is not None else None,
                temporary=temporary,
                at_risk=current and rng.random() < p.placement_at_risk_share,
                near_home=rng.random() < 0.6,
                sibling_separation_reason=_pick(rng, _SEPARATION_REASONS)
                if c in self.apart and carer == "foster-2" and reasons else None,
                icwa_preferences_met=(rng.random() < p.icwa_preferences_share) if icwa
                else None))
            if carer is not None:
                related = setting is PlacementSetting.FOSTER_FAMILY_RELATIVE
                if related:
                    self.relative_placed.add(c)
                self.relationships.append(Relationship(
                    adult_id=carer, child_id=c, kind=RelationshipKind.FOSTER_PARENT,
                    foster_home=FosterHome(
                        related=related, licensed=not related or rng.random() < 0.5,
                        pre_adoptive=setting is PlacementSetting.PRE_ADOPTIVE_HOME
                        or (self.path == "adoption" and last)),
                    lives_with_child=p_end is None, start=p_start, end=p_end))
        if thv_start is not None:
            placements.append(Placement(
                id=f"pl-{c}-{e + 1}-{len(segs) + 1}", setting=PlacementSetting.TRIAL_HOME_VISIT,
                start=thv_start, end=end,
                caregiver_ids=tuple(pid for pid, _, _ in self.parents)))
        return placements

    def _court(self, removed: date, adjudication: date, care_ends: date) -> None:
        kids = tuple(self.children)
        as_of = self.as_of
        detention = removed + timedelta(days=2)
        self.hearings.append(Hearing(id="h-detention", kind=HearingKind.OTHER,
                                     held_on=detention, child_ids=kids))
        for c in kids:
            for finding, tag in ((FindingKind.CONTRARY_TO_WELFARE, "ctw"),
                                 (FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL, "re")):
                self.findings.append(JudicialFinding(id=f"f-{tag}-{c}", kind=finding,
                                                     made_on=detention, child_id=c,
                                                     hearing_id="h-detention"))
        if adjudication <= as_of:
            self.hearings.append(Hearing(id="h-adjudication", kind=HearingKind.ADJUDICATION,
                                         held_on=adjudication, child_ids=kids))
            self.findings += [
                JudicialFinding(id=f"f-abuse-{c}", kind=FindingKind.ABUSE_OR_NEGLECT,
                                made_on=adjudication, child_id=c, hearing_id="h-adjudication")
                for c in kids]
        review, k = add_months(removed, 6), 1
        last = min(as_of, care_ends)
        while review <= last:
            held = review + timedelta(days=_ri(self.rng, -10, 10))
            if held <= last:
                permanency = k % 2 == 0
                self.hearings.append(Hearing(
                    id=f"h-review-{k}", held_on=held, child_ids=kids,
                    kind=HearingKind.PERMANENCY_HEARING if permanency
                    else HearingKind.PERIODIC_REVIEW))
                if permanency:
                    self.findings += [JudicialFinding(
                        id=f"f-rep-{k}-{c}",
                        kind=FindingKind.REASONABLE_EFFORTS_TO_FINALIZE_PERMANENCY,
                        made_on=held, child_id=c, hearing_id=f"h-review-{k}") for c in kids]
            review, k = add_months(review, 6), k + 1
        if len(self.spells) > 1:
            back = self.spells[1][0]
            held = back + timedelta(days=2)
            if held <= as_of:
                self.hearings.append(Hearing(id="h-detention-2", kind=HearingKind.OTHER,
                                             held_on=held, child_ids=kids))
                self.findings += [JudicialFinding(
                    id=f"f-ctw2-{c}", kind=FindingKind.CONTRARY_TO_WELFARE, made_on=held,
                    child_id=c, hearing_id="h-detention-2") for c in kids]

    def _tpr_exceptions(self) -> None:
        """A documented exception to filing for TPR for a child 15 months in care whose goal
        is not adoption (relative care, or a compelling reason in the plan)."""
        rng, as_of = self.rng, self.as_of
        if self.path == "adoption" or self.aged_out:
            return
        if rng.random() >= self.p.tpr_exception_share:
            return
        for c in self.children:
            start, end = self.child_care[c][-1]
            documented = start + timedelta(days=_ri(rng, 400, 455))
            if documented <= min(end, as_of):
                relative = c in self.relative_placed
                self.tpr_exceptions.append(TprException(
                    id=f"tpre-{c}", child_id=c,
                    kind=TprExceptionKind.RELATIVE_CARE if relative
                    else TprExceptionKind.COMPELLING_REASON, documented_on=documented,
                    reason="Cared for by a relative" if relative
                    else "Parents close to completing services; reunification expected"))

    # -- assessment and plans -------------------------------------------------------------

    def assessment(self, completed: date) -> StrengthsNeedsAssessment:
        rng = self.rng
        psn: list[PersonStrengthsNeeds] = []
        factors: list[ContributingFactor] = []
        for pid, _, first in self.parents:
            themes = rng.sample(sorted(_THEMES), _pick(rng, (1, 1, 2)))
            self.themes[pid] = themes
            needs = [Need(id=f"nd-{pid}-{t}", domain=_THEMES[t][0], description=_THEMES[t][1],
                          priority=i == 0) for i, t in enumerate(themes)]
            strengths = [Strength(id=f"st-{pid}", description=_pick(rng, (
                "Loves the children and wants them home", "Steady job",
                "Keeps in touch with the children's school", "Supportive extended family")))]
            psn.append(PersonStrengthsNeeds(person_id=pid, strengths=strengths, needs=needs))
            factors += [ContributingFactor(id=f"cf-{pid}-{t}", person_ids=(pid,),
                                           underlying=t in ("substance", "mental_health"),
                                           description=_THEMES[t][2].format(name=first))
                        for t in themes]
        for c in self.children:
            if completed.toordinal() - self.birth[c].toordinal() > 3 * 365 and rng.random() < 0.5:
                psn.append(PersonStrengthsNeeds(person_id=c, needs=[Need(
                    id=f"nd-{c}-emotional", domain="emotional",
                    description="Anxiety and trouble sleeping since the removal or incident")]))
        return StrengthsNeedsAssessment(
            id="sna-1", completed_on=completed, instrument="Family strengths and needs",
            people=psn, contributing_factors=factors,
            family_strengths=[Strength(id="st-family", description="Extended family ready "
                                       "to help")])

    def _objectives(self, plan_id: str, on: date, period_end: date,
                    later: bool) -> list[ServiceObjective]:
        rng = self.rng
        objectives: list[ServiceObjective] = []
        for pid, role, first in self.parents:
            for t in self.themes[pid]:
                oid = f"obj-{plan_id}-{pid}-{t}"
                # Once written as an activity, an objective stays so in later versions.
                poor = self._poor.get(f"{pid}-{t}")
                if poor is None:
                    poor = self._poor[f"{pid}-{t}"] = rng.random() < self.p.poor_objective_share
                if poor:
                    objectives.append(ServiceObjective(
                        id=oid, person_ids=(pid,),
                        statement=_THEMES[t][7].format(role=role.value.capitalize())))
                else:
                    due = _day_between(rng, on + timedelta(days=60), period_end)
                    objectives.append(ServiceObjective(
                        id=oid, person_ids=(pid,), statement=_THEMES[t][3].format(first=first),
                        measure=_THEMES[t][4], due_on=due,
                        addresses_ids=(f"cf-{pid}-{t}", f"nd-{pid}-{t}"),
                        achievement=_pick(rng, tuple(AchievementStatus)[:4]) if later
                        else AchievementStatus.IN_PROGRESS))
        return objectives

    def _goals(self, on: date, foster: bool,
               concurrent: PermanencyGoal | None) -> tuple[PermanencyGoal,
                                                         PermanencyGoal | None]:
        if not foster:
            return PermanencyGoal.REMAIN_HOME, None
        if self.goal_change_on is not None and on >= self.goal_change_on:
            return (PermanencyGoal.ADOPTION if self.path == "adoption"
                    else PermanencyGoal.LEGAL_GUARDIANSHIP), None
        if self.aged_out and all(self._age(c, on) >= 16 for c in self.children):
            return PermanencyGoal.APPLA, None
        return PermanencyGoal.RETURN_HOME, concurrent

    def plans_and_services(self, opened: date, foster: bool) -> None:
        rng, p, as_of = self.rng, self.p, self.as_of
        sna_on = opened + timedelta(days=_ri(rng, 14, 28))
        self.sna = self.assessment(sna_on)
        on = sna_on + timedelta(days=_ri(rng, 5, 28))
        if foster and rng.random() >= p.initial_plan_timely_share:
            on = min(opened + timedelta(days=_ri(rng, 62, 110)), as_of)
        concurrent = _pick(rng, (PermanencyGoal.LEGAL_GUARDIANSHIP, PermanencyGoal.ADOPTION)) \
            if foster else None
        # Updates every 6 months while the case is open: on time (``update_share``), or
        # late by 2 weeks to 2.5 months.
        # When the children go home the plan is updated within 10 days (a placement
        # change), and its visitation arrangements end.
        home_on = self.spells[0][1] if self.spells and self.path == "home" else None
        dates = [(on, add_months(on, 6))]
        while True:
            due = dates[-1][1]
            up = due - timedelta(days=_ri(rng, 0, 10)) if rng.random() < p.update_share \
                else due + timedelta(days=_ri(rng, 15, 75))
            if home_on is not None and dates[-1][0] < home_on <= up:
                up = min(up, home_on + timedelta(days=_ri(rng, 0, 10)))
                home_on = None
            if up > as_of:
                break
            dates.append((up, add_months(up, 6)))
        self.child_needs(opened, foster, sna_on, [d for d, _ in dates])
        # the children's needs known at each plan version, from the assessments before it
        assessed = [(x[2], x[0], x[4]) for x in self.child_need_plan]
        with_criteria = rng.random() < p.closure_criteria_share
        mslc = _pick(rng, _MSLC) if rng.random() < p.mslc_share else None
        youth_team = foster and rng.random() < p.youth_team_share
        transition = rng.random() < p.transition_plan_share
        home_bound = self.home_bound_on
        planned_return = self.home_bound_on
        # The same monthly contact schedule in every version (one value, shared).
        schedule = [ContactScheduleEntry(person_id=x, frequency=_MONTHLY,
                                         in_residence=x in self.children)
                    for x in (*self.children, *(p for p, _, _ in self.parents))]
        for k, (completed, period_end) in enumerate(dates):
            plan_id = f"plan-{k + 1}"
            criteria = [
                ClosureCriterion(
                    id=f"cc-{plan_id}-{category.value}", category=category,
                    description=f"{category.value.replace('_', ' ').capitalize()} in place",
                    measure="Reviewed with the family at each plan review",
                    status=CriterionStatus.PARTIALLY_MET if k else CriterionStatus.NOT_MET)
                for category in ClosureCategory] if with_criteria else []
            objectives = self._objectives(plan_id, completed, period_end, later=k > 0)
            known = [(c, nid) for on, c, nid in assessed if on <= completed]
            needy = list(dict.fromkeys(c for c, _ in known))
            if needy:
                objectives.append(ServiceObjective(
                    id=f"obj-{plan_id}-children-wellbeing", person_ids=tuple(needy),
                    addresses_ids=tuple(dict.fromkeys(nid for _, nid in known)),
                    statement=_CHILD_OBJECTIVE.format(names=" and ".join(
                        self.first_names[c] for c in needy)),
                    measure="Each need found is met, or its service under way within 60 days",
                    due_on=period_end, achievement=AchievementStatus.IN_PROGRESS))
            participants = [self._participant(pid, role) for pid, role, _ in self.parents]
            goal, also = self._goals(completed, foster, concurrent)
            youth = [c for c in self.children if self._in_care(c, completed)
                     and self._age(c, completed) >= FEDERAL.youth_team_age]
            chosen = (self._extra("mentor-1"),) if youth and youth_team else ()
            plan_transition = None
            if (transition and home_bound is not None and completed < home_bound
                    and (k + 1 == len(dates) or dates[k + 1][0] >= home_bound)):
                plan_transition = TransitionPlan(
                    steps=("Unsupervised day visits", "Overnight weekend visits",
                           "Return home with in-home services"),
                    planned_return_on=planned_return)
            parents_ids = tuple(pid for pid, _, _ in self.parents)
            order_on = self.tpr_order_on
            in_care = any(self._in_care(c, completed) for c in self.children)
            parent_visits = in_care and (order_on is None or completed < order_on)
            unsupervised = self.step_down_on is not None and period_end >= self.step_down_on
            visitation = [VisitationArrangement(
                id=f"va-{plan_id}-{c}", child_id=c, visitor_ids=parents_ids,
                visitor_kind=VisitorKind.PARENT,
                frequency=Frequency(times=1, per=Period(2, "weeks")),
                supervision=Supervision.UNSUPERVISED if unsupervised
                else Supervision.SUPERVISED)
                for c in self.children] if foster and parent_visits else []
            if foster and self.apart and in_care:
                visitation += [VisitationArrangement(
                    id=f"va-{plan_id}-{c}-siblings", child_id=c,
                    visitor_ids=self._siblings_apart(c), visitor_kind=VisitorKind.SIBLING,
                    frequency=_MONTHLY, supervision=Supervision.SUPERVISED)
                    for c in self.children]
            self.plans.append(CasePlan(
                id=plan_id, kind=PlanKind.UPDATE if k else PlanKind.INITIAL,
                replaces=f"plan-{k}" if k else None, completed_on=completed,
                period_end=period_end, child_ids=tuple(self.children),
                participants=participants, permanency_goal=goal, concurrent_goal=also,
                assessment_ids=("sna-1",) if k == 0 else tuple(
                    a.id for a in self.reassessments if a.completed_on == completed - _WEEK),
                contributing_factor_ids=tuple(cf.id for cf in self.sna.contributing_factors),
                strength_ids=tuple(s.id for psn in self.sna.people for s in psn.strengths),
                objectives=objectives,
                client_responsibilities=[
                    ClientResponsibility(id=f"cr-{o.id}", description=f"Take part in the "
                                         f"service for: {o.statement}", person_ids=o.person_ids,
                                         objective_ids=(o.id,)) for o in objectives],
                visitation=visitation,
                contact_schedule=schedule,
                closure_criteria=criteria,
                update_report=PlanUpdateReport(
                    progress_on_objectives="Progress reviewed with the family",
                ) if k else None,
                youth_chosen_member_ids=chosen,
                minimum_sufficient_level_of_care=mslc,
                transition_plan=plan_transition,
            ))
            if k == 0:
                self._services(objectives, completed)
            self._involvement(plan_id, completed, sna_on if k == 0 else None)

    def _in_care(self, c: str, on: date) -> bool:
        return any(s <= on <= e for s, e in self.child_care.get(c, ()))

    def _siblings_apart(self, c: str) -> tuple[str, ...]:
        mine = c in self.apart
        return tuple(o for o in self.children if o != c and (o in self.apart) != mine) or \
            tuple(o for o in self.children if o != c)

    def _participant(self, pid: str, role: ParentRole) -> PlanParticipant:
        rate = (self.p.mother_involvement_rate if role is ParentRole.MOTHER
                else self.p.father_involvement_rate)
        draw = self.rng.random()
        if draw < rate + 0.4:
            how = Participation.IN_PERSON if draw < rate + 0.2 else Participation.BY_PHONE_OR_VIDEO
            return PlanParticipant(person_id=pid, participation=how, signed=draw < rate + 0.2)
        return PlanParticipant(person_id=pid, participation=Participation.DID_NOT_PARTICIPATE,
                               reason_not_participating="Did not answer calls or a letter "
                               "inviting them to the meeting")

    def _services(self, objectives: list[ServiceObjective], plan_on: date) -> None:
        rng, as_of = self.rng, self.as_of
        engaged = self.engaged = rng.random() < self.p.services_engaged_share
        for o in objectives:
            if o.id.endswith("-wellbeing"):
                continue  # the child's: its services come with each need
            theme = next(t for t in _THEMES if o.id.endswith(t))
            _, _, _, _, _, category, unit, _ = _THEMES[theme]
            referred = min(plan_on + timedelta(days=_ri(rng, 0, 14)), as_of)
            started: date | None = referred + timedelta(days=_ri(rng, 3, 40))
            ended: date | None = None
            waitlisted: date | None = None
            status = ServiceStatus.ACTIVE
            if not engaged:
                # The family's services never got going: waitlisted, declined or only
                # referred.
                draw = rng.random()
                started = None
                status = ServiceStatus.WAITLISTED if draw < 0.4 else (
                    ServiceStatus.DECLINED if draw < 0.6 else ServiceStatus.REFERRED)
                if status is ServiceStatus.WAITLISTED:
                    waitlisted = min(referred + timedelta(days=_ri(rng, 0, 7)), as_of)
            elif rng.random() < self.p.waitlist_share:
                started, status = None, ServiceStatus.WAITLISTED
                waitlisted = min(referred + timedelta(days=_ri(rng, 0, 7)), as_of)
            elif started is not None and started > as_of:
                started, status = None, ServiceStatus.REFERRED
            elif started is not None:
                end = started + timedelta(days=_ri(rng, 60, 240))
                if end <= as_of and rng.random() < 0.5:
                    ended = end
                    status = (ServiceStatus.COMPLETED if rng.random() < 0.7
                              else ServiceStatus.DISCONTINUED)
            dosage = None
            if unit is not None and rng.random() < self.p.dosage_share:
                dosage = quantity(_pick(rng, (1, 2, 3, 6, 9)), unit)
            self.services.append(Service(
                id=f"svc-{o.id}", category=category, person_ids=o.person_ids,
                provider=f"{_pick(rng, _COUNTY_NAMES)} Family Services",
                objective_ids=(o.id,), responsibility_id=f"cr-{o.id}", status=status,
                referred_on=referred, waitlisted_on=waitlisted, started_on=started,
                ended_on=ended, dosage=dosage))
        if self.removed is not None and rng.random() < self.p.parent_child_support_share:
            # Parent-child therapy: the agency's effort beyond visits to keep the bond
            # (CFSR item 11), from soon after the plan until the children leave care.
            parents = tuple(pid for pid, _, _ in self.parents)
            referred = min(plan_on + timedelta(days=_ri(rng, 0, 14)), as_of)
            started = referred + timedelta(days=_ri(rng, 7, 30))
            ends = [self.exits[c][0] for c in self.children if c in self.exits]
            ended = max(ends) if len(ends) == len(self.children) else None
            if started <= as_of:
                if ended is not None and ended < started:
                    ended = started
                self.services.append(Service(
                    id="svc-family-therapy", category=ServiceCategory.FAMILY_COUNSELING,
                    description="Parent-child therapy to strengthen the bond during care",
                    person_ids=(*parents, *self.children),
                    provider=f"{_pick(rng, _COUNTY_NAMES)} Family Services",
                    objective_ids=tuple(o.id for o in objectives
                                        if o.person_ids[0] in parents and o.addresses_ids)[:1]
                    or tuple(o.id for o in objectives if o.person_ids[0] in parents)[:1],
                    status=ServiceStatus.COMPLETED if ended else ServiceStatus.ACTIVE,
                    referred_on=referred, started_on=started, ended_on=ended,
                    dosage=quantity(1, "session / week")))

    def _engagement_of(self, pid: str, rate: float) -> tuple[bool, InvolvementActivity]:
        """Whether a person is fully involved, from the case's one family draw, and for a
        person who is not, one activity they never take part in (so plan updates cannot add
        up to all five by chance: the involvement rate is the parameter's)."""
        known = self._engagement.get(pid)
        if known is None:
            if self._family_draw is None:
                self._family_draw = self.rng.random()
            known = (self._family_draw < rate, _pick(self.rng, _ACTIVITIES))
            self._engagement[pid] = known
        return known

    def _planning_participants(self, on: date) -> list[tuple[str, float]]:
        """Who the agency engages in planning on ``on``, with each one's involvement rate:
        the parents, children aged 4 or more, and foster parents caring for a child then."""
        p = self.p
        people: list[tuple[str, float]] = [
            (pid, p.mother_involvement_rate if role is ParentRole.MOTHER
             else p.father_involvement_rate) for pid, role, _ in self.parents]
        people += [(c, p.child_involvement_rate) for c in self.children
                   if self._age(c, on) >= 4]
        if self._fostering is None:  # the foster placements are all drawn before the plans
            self._fostering = tuple((r.adult_id, r.start, r.end) for r in self.relationships
                                    if r.kind is RelationshipKind.FOSTER_PARENT
                                    and r.start is not None)
        carers = sorted({adult for adult, start, end in self._fostering
                         if start <= on and (end is None or on <= end)})
        people += [(f, p.foster_parent_involvement_rate) for f in carers]
        return people

    def _involvement(self, plan_id: str, plan_on: date, sna_on: date | None) -> None:
        rng, as_of, partial = self.rng, self.as_of, self.p.partial_activity_rate
        when = {
            InvolvementActivity.STRENGTHS_AND_NEEDS: sna_on or plan_on - timedelta(days=7),
            InvolvementActivity.SERVICES_AND_PROVIDERS: plan_on - timedelta(days=3),
            InvolvementActivity.GOALS: plan_on,
            InvolvementActivity.CASE_PLANNING_MEETING: plan_on,
            InvolvementActivity.EVALUATING_PROGRESS: plan_on + timedelta(days=90),
        }
        steps = [(a, value, when[a], meeting) for a, value, meeting in _ACTIVITY_STEPS
                 if when[a] <= as_of]
        events = self.involvement
        for pid, rate in self._planning_participants(plan_on):
            full, missing = self._engagement_of(pid, rate)
            for a, value, day, meeting in steps:
                took_part = full or (a is not missing and rng.random() < partial)
                if not took_part and rng.random() < 0.5:
                    continue
                events.append(InvolvementEvent(
                    id=f"inv-{plan_id}-{pid}-{value}", occurred_on=day, person_ids=(pid,),
                    activities=(a,),
                    setting=(InvolvementSetting.CASE_PLANNING_MEETING if meeting
                             else InvolvementSetting.HOME_VISIT) if took_part
                    else InvolvementSetting.PHONE_OR_VIDEO,
                    outcome=EngagementOutcome.PARTICIPATED if took_part
                    else EngagementOutcome.ATTEMPTED_NO_RESPONSE,
                    evidence="Contact note" if took_part else "Two calls, no answer",
                    plan_id=plan_id if meeting else None))

    # -- visits and staffing --------------------------------------------------------------

    def _in_care_on(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.in_care)

    def visits(self, opened: date, worker: str, supervisor: str) -> None:
        rng, p, as_of = self.rng, self.p, self.as_of
        t = ContactTopic
        parents = tuple(pid for pid, _, _ in self.parents)
        thorough = rng.random() < p.thorough_visit_share
        child_topics = (t.SAFETY, t.WELL_BEING, t.PERMANENCY, t.CASE_PLAN_PROGRESS)
        parent_topics = (t.CASE_PLAN_PROGRESS, t.NEEDS, t.SERVICES, t.VISITATION)
        durations: dict[int, Any] = {}
        children = tuple(self.children)
        all_born = max(self.birth[c] for c in children)
        # the day each child is old enough for time alone with the caseworker
        alone_from = {c: _birthday(self.birth[c], FEDERAL.private_time_min_age)
                      for c in children}
        staffing_probability = p.staffing_probability
        monthly = p.monthly_visit_probability

        def minutes(n: int) -> Any:
            # Quantities are values: one per duration per case, not one per visit.
            if n not in durations:
                durations[n] = quantity(n, "minute")
            return durations[n]

        for m, (first, last) in enumerate(_months(opened, as_of)):
            if thorough or rng.random() < monthly:
                day = _day_between(rng, first, last)
                kids = children if day >= all_born else tuple(
                    c for c in children if self.birth[c] <= day)
                in_care = self._in_care_on(day)
                home = rng.random() < p.in_residence_share
                location = ContactLocation.CHILD_RESIDENCE if home else _pick(
                    rng, (ContactLocation.SCHOOL, ContactLocation.OFFICE,
                          ContactLocation.COMMUNITY))
                private = tuple(c for c in kids if day >= alone_from[c])
                # Parents at home join the children's visit: it covers their needs too.
                topics: tuple[ContactTopic, ...] = child_topics if in_care \
                    else (*child_topics, t.NEEDS, t.SERVICES)
                suitable = True
                if not thorough and rng.random() < 0.3:
                    # One shortfall: no time alone, a topic left out, or a poor setting.
                    gap = rng.randrange(3)
                    private = () if gap == 0 else private
                    topics = tuple(x for x in topics if x is not t.CASE_PLAN_PROGRESS) \
                        if gap == 1 else topics
                    suitable = gap != 2
                self.contacts.append(CaseworkerContact(
                    id=f"ct-children-{m + 1}", occurred_on=day, caseworker_id=worker,
                    person_ids=kids if in_care else (*kids, *parents), mode=ContactMode.IN_PERSON,
                    location=location, duration=minutes(_pick(rng, (30, 45, 60))),
                    private_with_ids=private, setting_suitable=suitable, topics=topics))
            elif rng.random() < 0.3:
                self.contacts.append(CaseworkerContact(
                    id=f"ct-attempt-{m + 1}", occurred_on=_day_between(rng, first, last),
                    caseworker_id=worker, person_ids=tuple(self.children),
                    mode=ContactMode.IN_PERSON, completed=False))
            # Parents are visited on their own in a month the children spend in care.
            parents_due = self._in_care_on(first) or self._in_care_on(last)
            for pid, role, _ in self.parents:
                chance = p.monthly_visit_probability * (0.95 if role is ParentRole.MOTHER
                                                        else 0.8)
                if parents_due and (thorough or rng.random() < chance):
                    mode = ContactMode.IN_PERSON if thorough or rng.random() < 0.8 \
                        else ContactMode.PHONE
                    short = not thorough and rng.random() < 0.3
                    self.contacts.append(CaseworkerContact(
                        id=f"ct-{pid}-{m + 1}", occurred_on=_day_between(rng, first, last),
                        caseworker_id=worker, person_ids=(pid,), mode=mode,
                        location=ContactLocation.PARENT_RESIDENCE
                        if mode is ContactMode.IN_PERSON else None,
                        duration=minutes(_pick(rng, (20, 30, 45))),
                        setting_suitable=True,
                        topics=parent_topics[2:] if short else parent_topics))
            if rng.random() < staffing_probability:
                k = _ri(rng, 2, 4)
                self.staffings.append(SupervisoryStaffing(
                    id=f"stf-{m + 1}", held_on=_day_between(rng, first, last),
                    supervisor_id=supervisor, caseworker_id=worker,
                    topics=_topic_runs[_ri(rng, 0, len(_STAFFING_TOPICS) - 1)][:k]))
        self._family_visits()

    def _family_visits(self) -> None:
        """Visits every two weeks with the parents while a child is in care (none after
        parental rights end; unsupervised from the step-down), and monthly visits with the
        siblings placed in another home."""
        rng, p = self.rng, self.p
        parents = tuple(pid for pid, _, _ in self.parents)
        miss = 0.0 if rng.random() < p.consistent_visitor_share else 0.2
        hours = {n: quantity(n, "hour") for n in (1, 2)}
        stop = self.tpr_order_on or self.as_of
        step_down = self.step_down_on
        visits = self.family_visits
        for e, (start, end) in enumerate(self.in_care):
            first = start + timedelta(days=_ri(rng, 3, 10))
            sibling_first = start + timedelta(days=_ri(rng, 7, 20))
            for c in self.children:
                spell = self.child_care[c][e] if e < len(self.child_care[c]) else None
                if spell is None:
                    continue
                last = min(spell[1], end, stop)
                day, k = first, 1
                while day <= last:
                    held = miss == 0.0 or rng.random() >= miss
                    visits.append(FamilyVisit(
                        id=f"fv-{c}-{e + 1}-{k}", child_id=c, visitor_ids=parents,
                        visitor_kind=VisitorKind.PARENT, scheduled_on=day,
                        status=FamilyVisitStatus.HELD if held
                        else FamilyVisitStatus.MISSED_BY_VISITOR,
                        supervision=Supervision.UNSUPERVISED
                        if step_down is not None and day >= step_down
                        else Supervision.SUPERVISED,
                        duration=hours[_ri(rng, 1, 2)] if held else None))
                    day, k = day + _FORTNIGHT, k + 1
                if not self.apart:
                    continue
                others = self._siblings_apart(c)
                last = min(spell[1], end)
                day, k = sibling_first, 1
                while day <= last:
                    held = rng.random() < p.sibling_visit_share
                    visits.append(FamilyVisit(
                        id=f"sv-{c}-{e + 1}-{k}", child_id=c, visitor_ids=others,
                        visitor_kind=VisitorKind.SIBLING, scheduled_on=day,
                        status=FamilyVisitStatus.HELD if held
                        else FamilyVisitStatus.CANCELLED_BY_AGENCY,
                        supervision=Supervision.SUPERVISED,
                        duration=hours[2] if held else None))
                    day, k = add_months(sibling_first, k), k + 1

    # -- intake and safety ----------------------------------------------------------------

    def intake(self, opened: date, foster: bool) -> None:
        """The report that opened the case, and now and then a later one."""
        rng, p, as_of = self.rng, self.p, self.as_of
        received = opened - timedelta(days=_ri(rng, 0, 12))
        kids = tuple(c for c in self.children if self.birth[c] <= received)
        if not kids:
            received, kids = opened, tuple(c for c in self.children
                                           if self.birth[c] <= opened)
        allegation = _pick(rng, _ALLEGATIONS)
        alternative = not foster and rng.random() < p.alternative_response_share
        self.reports.append(self._report("rpt-1", received, kids, allegation, True,
                                         alternative, None if alternative
                                         else foster or rng.random() < 0.6))
        if rng.random() < p.new_report_share and (as_of - opened).days > 60:
            day = _day_between(rng, opened + timedelta(days=30), as_of)
            kids = tuple(c for c in self.children if self.birth[c] <= day)
            accepted = rng.random() < 0.8
            same = rng.random() < 0.6
            self.reports.append(self._report(
                "rpt-2", day, kids, allegation if same else _pick(rng, _ALLEGATIONS), accepted,
                False, (rng.random() < 0.35) if accepted else None))

    def _report(self, rid: str, received: date, kids: tuple[str, ...], allegation: str,
                accepted: bool, alternative: bool, substantiated: bool | None
                ) -> MaltreatmentReport:
        rng, p, as_of = self.rng, self.p, self.as_of
        priority = rng.choices(("1", "2", "3"), weights=(0.25, 0.45, 0.30))[0]
        days = FEDERAL.days_to_respond(priority) or 3
        if not accepted:
            return MaltreatmentReport(id=rid, received_on=received, child_ids=kids,
                                      priority=priority, accepted=False, allegation=allegation)
        initiated = received + timedelta(days=_ri(rng, 0, days)
                                         if rng.random() < p.report_timely_share
                                         else days + _ri(rng, 1, 10))
        seen = max(initiated, received + timedelta(
            days=_ri(rng, 0, days) if rng.random() < p.face_to_face_timely_share
            else days + _ri(rng, 1, 14)))
        late = (initiated - received).days > days or (seen - received).days > days
        return MaltreatmentReport(
            id=rid, received_on=received, child_ids=kids, priority=priority,
            alternative_response=alternative,
            initiated_on=initiated if initiated <= as_of else None,
            face_to_face_on=seen if seen <= as_of else None,
            substantiated=substantiated, allegation=allegation,
            delay_beyond_agency_control=late and rng.random() < 0.2)

    def assessments(self, opened: date, foster: bool) -> None:
        """The initial safety and risk assessments, reassessments about every 6 months
        (``reassessment_share`` of them on time), and one before closing. A safety plan
        lasts until the next assessment; the assessment before closing finds the children
        safe."""
        rng, p, as_of = self.rng, self.p, self.as_of
        days = [opened]
        while True:
            due = add_months(days[-1], 6)
            day = (due - timedelta(days=_ri(rng, 0, 20)) if rng.random()
                   < p.reassessment_share else due + timedelta(days=_ri(rng, 20, 100)))
            if day > as_of:
                break
            days.append(day)
        closed = self.closed_on
        final = False
        if (closed is not None and (closed - days[-1]).days > 30
                and rng.random() < p.closure_assessment_share):
            days.append(closed - timedelta(days=_ri(rng, 0, 20)))
            final = True
        responsible = tuple(pid for pid, _, _ in self.parents)
        for k, day in enumerate(days):
            kids = tuple(c for c in self.children if self.birth[c] <= day)
            in_care = foster and any(self._in_care(c, day) for c in kids)
            if k == 0:
                decision = SafetyDecision.UNSAFE if foster else SafetyDecision.CONDITIONALLY_SAFE
            elif final and k == len(days) - 1:
                decision = SafetyDecision.SAFE
            elif in_care:
                decision = SafetyDecision.UNSAFE if rng.random() < 0.5 else SafetyDecision.SAFE
            else:
                decision = SafetyDecision.CONDITIONALLY_SAFE if rng.random() < 0.4 \
                    else SafetyDecision.SAFE
            plan = None
            if decision is SafetyDecision.CONDITIONALLY_SAFE:
                plan_end = days[k + 1] - timedelta(days=1) if k + 1 < len(days) else None
                plan = SafetyPlan(id=f"sp-{k + 1}", start=day, end=plan_end,
                                  responsible_ids=responsible,
                                  provisions=("A sober adult supervises the children",))
            self.safety.append(SafetyAssessment(id=f"sa-{k + 1}", completed_on=day,
                                                child_ids=kids, decision=decision,
                                                safety_plan=plan))
            level = _pick(rng, (RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.VERY_HIGH)) \
                if k == 0 else _pick(rng, (RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH))
            self.risk.append(RiskAssessment(id=f"ra-{k + 1}", completed_on=day, level=level))

    # -- well-being, connections and relatives --------------------------------------------

    def child_needs(self, opened: date, foster: bool, sna_on: date,
                    plan_dates: list[date]) -> None:
        """Draw each child's education, health and mental health needs. A need comes to
        light in the family assessment or in the reassessment a week before a plan update
        (the first after the day drawn; none after the last plan): the emotional needs of
        the family assessment, and education, physical and dental needs drawn over the
        first 8 months. ``self.child_need_plan`` holds ``(child, area, identified on,
        description, need id)``; the needs found at an update are in a strengths and needs
        reassessment (``self.reassessments``)."""
        rng, p, as_of = self.rng, self.p, self.as_of
        drawn: list[tuple[str, WellBeingArea, date, str, str]] = []
        for psn in self.sna.people:
            if psn.person_id in self.children and psn.needs:
                drawn.append((psn.person_id, WellBeingArea.MENTAL_HEALTH, sna_on,
                              psn.needs[0].description, psn.needs[0].id))
        at_sna: dict[str, list[Need]] = {}
        later: dict[date, dict[str, list[Need]]] = {}
        for c in self.children:
            start, end = (self.child_care[c][0][0], self.child_care[c][-1][1]) if foster \
                else (opened, as_of)
            for area, share, min_age in (
                    (WellBeingArea.EDUCATION, p.education_need_share, 4),
                    (WellBeingArea.PHYSICAL_HEALTH, p.physical_need_share, 0),
                    (WellBeingArea.DENTAL_HEALTH, p.dental_need_share, 1)):
                if rng.random() >= share or (end - start).days < 30:
                    continue
                day = _day_between(rng, start + timedelta(days=7),
                                   min(end, start + timedelta(days=240)))
                if day <= plan_dates[0]:
                    found = sna_on
                else:
                    update = next((d for d in plan_dates if d >= day), None)
                    if update is None:
                        continue
                    found = update - _WEEK
                if self._age(c, found) < min_age or found > as_of or found < self.birth[c]:
                    continue
                need = Need(id=f"nd-{c}-{area.value}", domain=area.value.replace("_", " "),
                            description=_NEED_TEXT[area])
                (at_sna if found == sna_on else later.setdefault(found, {})).setdefault(
                    c, []).append(need)
                drawn.append((c, area, found, _NEED_TEXT[area], need.id))
        if at_sna:
            people = list(self.sna.people)
            for c, needs in at_sna.items():
                k = next((i for i, x in enumerate(people) if x.person_id == c), None)
                if k is None:
                    people.append(PersonStrengthsNeeds(person_id=c, needs=needs))
                else:
                    people[k] = attrs.evolve(people[k], needs=[*people[k].needs, *needs])
            self.sna = attrs.evolve(self.sna, people=people)
        for k, (day, by_child) in enumerate(sorted(later.items())):
            self.reassessments.append(StrengthsNeedsAssessment(
                id=f"sna-{k + 2}", completed_on=day, instrument="Family strengths and needs",
                people=[PersonStrengthsNeeds(person_id=c, needs=needs)
                        for c, needs in by_child.items()]))
        self.child_need_plan = drawn

    def wellbeing(self, foster: bool) -> None:
        """Screenings of children in care on their schedules (some late), a mental health
        screening when a mental health need is found and every 6 months while it is open,
        and a service for each need (some late or waitlisted)."""
        rng, p, as_of = self.rng, self.p, self.as_of
        if foster:
            for c in self.children:
                start, end = self.child_care[c][0][0], self.child_care[c][-1][1]
                for area, share, months, min_age in (
                        (WellBeingArea.PHYSICAL_HEALTH, p.health_exam_share, 12, 0),
                        (WellBeingArea.DENTAL_HEALTH, p.dental_exam_share, 6, 1),
                        (WellBeingArea.MENTAL_HEALTH, p.mental_health_screening_share, 0, 2),
                        (WellBeingArea.EDUCATION, p.education_assessment_share, 0, 3)):
                    day = start + timedelta(days=_ri(rng, 1, 28) if rng.random() < share
                                            else _ri(rng, 31, 120))
                    k = 1
                    while day <= end:
                        if self._age(c, day) >= min_age:
                            self.screenings.append(Screening(
                                id=f"scr-{c}-{area.value}-{k}", child_id=c, area=area,
                                completed_on=day))
                            k += 1
                        if not months:
                            break
                        due = add_months(day, months)
                        day = due - timedelta(days=_ri(rng, 0, 20)) \
                            if rng.random() < share \
                            else due + timedelta(days=_ri(rng, 30, 120))
        # The children's objective in the plan in effect when a need is found (the first
        # plan's for a need found before it).
        objectives = [(plan.completed_on, o.id) for plan in self.plans
                      for o in plan.objectives if o.id.endswith("-wellbeing")]
        for c, area, found, description, _ in self.child_need_plan:
            sid = f"svc-{c}-{area.value}"
            linked = [oid for on, oid in objectives if on <= found]
            objective = linked[-1] if linked else objectives[0][1] if objectives else None
            met = self._child_service(sid, c, _NEED_SERVICE[area], found, objective)
            self.needs.append(WellBeingNeed(
                id=f"wbn-{c}-{area.value}", child_id=c, area=area, description=description,
                identified_on=found, service_ids=(sid,), met_on=met))
            if area is WellBeingArea.MENTAL_HEALTH:
                self._rescreen(c, found, met or as_of)

    def _rescreen(self, c: str, found: date, until: date) -> None:
        """Mental health screenings of a child with a mental health need: when it is found
        and about every 6 months while it is open (``mental_health_screening_share`` of
        them on time)."""
        rng, share = self.rng, self.p.mental_health_screening_share
        day = found if rng.random() < share else found + timedelta(days=_ri(rng, 30, 120))
        k = 1
        while day <= until:
            self.screenings.append(Screening(id=f"scr-{c}-mh-need-{k}", child_id=c,
                                             area=WellBeingArea.MENTAL_HEALTH,
                                             completed_on=day))
            due = add_months(day, 6)
            day = due - timedelta(days=_ri(rng, 0, 20)) if rng.random() < share \
                else due + timedelta(days=_ri(rng, 30, 120))
            k += 1

    def _child_service(self, sid: str, c: str, category: ServiceCategory, found: date,
                       objective: str | None) -> date | None:
        """A service for a child's need: started in time (``need_served_share``), on a
        waitlist (``waitlist_share``) or only referred; returns the day the need was met."""
        rng, p, as_of = self.rng, self.p, self.as_of
        referred = min(found + timedelta(days=_ri(rng, 0, 21)), as_of)
        draw = rng.random()
        started: date | None = None
        ended: date | None = None
        waitlisted: date | None = None
        status = ServiceStatus.REFERRED
        if not self.engaged and self.removed is None:
            # A family at home that does not take up services: nor the child's.
            if draw < 0.4:
                waitlisted = min(referred + timedelta(days=_ri(rng, 0, 7)), as_of)
                status = ServiceStatus.WAITLISTED
        elif draw < p.need_served_share:
            started = referred + timedelta(days=_ri(rng, 3, 35))
            status = ServiceStatus.ACTIVE
            if started > as_of:
                started, status = None, ServiceStatus.REFERRED
            elif rng.random() < 0.4:
                end = started + timedelta(days=_ri(rng, 30, 180))
                if end <= as_of:
                    ended, status = end, ServiceStatus.COMPLETED
        elif draw < p.need_served_share + p.waitlist_share:
            waitlisted = min(referred + timedelta(days=_ri(rng, 0, 7)), as_of)
            status = ServiceStatus.WAITLISTED
        elif rng.random() < 0.5:
            started = referred + timedelta(days=_ri(rng, 75, 150))
            status = ServiceStatus.ACTIVE
            if started > as_of:
                started, status = None, ServiceStatus.REFERRED
        self.services.append(Service(
            id=sid, category=category, person_ids=(c,), status=status,
            provider=f"{_pick(rng, _COUNTY_NAMES)} {_PROVIDERS[category]}",
            objective_ids=(objective,) if objective else (),
            referred_on=referred, waitlisted_on=waitlisted, started_on=started,
            ended_on=ended, dosage=quantity(1, "session / week")
            if category is ServiceCategory.MENTAL_HEALTH else None))
        return ended

    def connections_and_relatives(self) -> None:
        """For children in care: important connections, the ICWA inquiry, the Tribe's notice
        and searches for maternal and paternal relatives."""
        rng, p, as_of = self.rng, self.p, self.as_of
        removed = self.removed
        assert removed is not None
        inquiry = rng.random() < p.icwa_inquiry_share
        timely_search = rng.random() < p.relative_search_share
        father = any(role is ParentRole.FATHER for _, role, _ in self.parents)
        notice: date | None = None
        if self.icwa:
            notice = removed + timedelta(days=_ri(rng, 1, 10)) \
                if rng.random() < p.tribe_notice_timely_share \
                else removed + timedelta(days=_ri(rng, 30, 90))
            affiliation = TribalAffiliation(
                tribe=_pick(rng, _TRIBES), enrolled=rng.random() < 0.5,
                eligible_for_membership=True,
                tribe_notified_on=notice if notice <= as_of else None)
            self.people = [attrs.evolve(x, tribal_affiliation=affiliation)
                           if x.id in self.children else x for x in self.people]
        for c in self.children:
            age = self._age(c, removed)
            kinds = [ConnectionKind.EXTENDED_FAMILY, ConnectionKind.FAITH,
                     ConnectionKind.COMMUNITY]
            if age >= 5:
                kinds += [ConnectionKind.SCHOOL, ConnectionKind.FRIEND]
            picked = rng.sample(kinds, min(len(kinds), _ri(rng, 1, 3)))
            if self.icwa:
                picked.append(ConnectionKind.TRIBE)
            for kind in picked:
                draw = rng.random()
                self.connections.append(Connection(
                    id=f"con-{c}-{kind.value}", child_id=c, kind=kind,
                    description=_CONNECTION_TEXT[kind],
                    maintained=True if draw < p.connection_maintained_share
                    else (False if draw < p.connection_maintained_share + 0.15 else None),
                    identified_on=removed + timedelta(days=_ri(rng, 0, 30))))
            if inquiry:
                self.inquiries.append(IcwaInquiry(
                    id=f"icwa-{c}", child_id=c, reason_to_know=self.icwa,
                    made_on=removed + timedelta(days=_ri(rng, 0, 10))))
            for side in (FamilySide.MATERNAL, FamilySide.PATERNAL):
                done = removed + timedelta(days=_ri(rng, 5, 30) if timely_search
                                           else _ri(rng, 35, 150))
                if done > as_of:
                    continue
                found = _ri(rng, 0, 5 if side is FamilySide.MATERNAL or father else 2)
                notified = found if timely_search else _ri(rng, 0, found)
                self.searches.append(RelativeSearch(
                    id=f"rs-{c}-{side.value}", child_id=c, side=side, completed_on=done,
                    relatives_found=found, relatives_notified=notified,
                    relatives_evaluated=_ri(rng, 0, notified)))


def _birthday(born: date, years: int) -> date:
    """The day a person born on ``born`` turns ``years`` (a 29 February birthday: 1 March
    in other years, as ``Person.age_on`` counts it)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _eighteenth(born: date) -> date:
    """The day a person born on ``born`` turns 18."""
    return _birthday(born, 18)


def _born_for_eighteenth(turns: date) -> date:
    """A birth date on which a person turns 18 on ``turns`` (never 29 February)."""
    if (turns.month, turns.day) == (2, 29):
        turns = date(turns.year, 3, 1)
    return turns.replace(year=turns.year - 18)


def _case(seed: object, index: int, p: SyntheticParameters) -> Case:
    rng = random.Random(f"{seed}:{index}")
    b = _Builder(rng, p, seed, index)
    region_index = rng.randrange(len(p.regions))
    county = _county(p, region_index, rng.randrange(p.counties_per_region))
    team = county.lower().replace(" ", "-")
    worker_key, supervisor_key = f"w-{team}-{_ri(rng, 1, 6)}", f"s-{team}"
    foster = rng.random() < p.foster_care_share
    if foster:
        opened = _opening(rng, p.opened_from, p.opened_to, p.foster_care_latest_weight)
    else:
        opened = _day_between(rng, p.opened_from, p.opened_to)
    surname = b.family(opened, foster)
    b.course(opened, foster)
    b.family_relationships(foster)
    parents = tuple(pid for pid, _, _ in b.parents)
    b.households.append(Household(id="hh-family", member_ids=(*parents, *b.children),
                                  name=f"{surname} household"))
    if foster:
        b.removal(surname)
        b.connections_and_relatives()
    b.intake(opened, foster)
    b.assessments(opened, foster)
    b.plans_and_services(opened, foster)
    b.wellbeing(foster)
    b.visits(opened, worker_key, supervisor_key)
    return Case(
        id=f"syn-{seed}-{index:07d}",
        case_type=CaseType.FOSTER_CARE if foster else CaseType.IN_HOME,
        opened_on=opened, closed_on=b.closed_on, closure_reason=b.closure_reason,
        region=p.regions[region_index], county=county,
        caseworker_id=worker_key, supervisor_id=supervisor_key,
        staff=[StaffMember(id=worker_key, name=_staff_name(seed, worker_key),
                           role=StaffRole.CASEWORKER),
               StaffMember(id=supervisor_key, name=_staff_name(seed, supervisor_key),
                           role=StaffRole.SUPERVISOR)],
        people=b.people, child_ids=tuple(b.children), relationships=b.relationships,
        households=b.households, removal_episodes=b.episodes, hearings=b.hearings,
        judicial_findings=b.findings, tpr_petitions=b.tpr_petitions, tpr_orders=b.tpr_orders,
        tpr_exceptions=b.tpr_exceptions, safety_assessments=b.safety,
        risk_assessments=b.risk,
        strengths_needs_assessments=[b.sna, *b.reassessments], plans=b.plans,
        services=b.services,
        involvement_events=b.involvement, contacts=b.contacts,
        family_visits=b.family_visits, staffings=b.staffings,
        reports=b.reports, screenings=b.screenings, well_being_needs=b.needs,
        connections=b.connections, icwa_inquiries=b.inquiries,
        relative_searches=b.searches,
    )


# -- public API -------------------------------------------------------------------------------


def _check_call(n: object, seed: object, parameters: object, first: object = 0) -> None:
    for name, value in (("n", n), ("first", first)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"{name!r} must be an int (got {value!r})")
        if value < 0:
            raise InvalidRecordError(f"{name!r} must not be negative (got {value})",
                                     path=name)
    if isinstance(seed, bool) or not isinstance(seed, int | str):
        raise InvalidInputError(f"'seed' must be an int or a str (got {seed!r})")
    if not isinstance(parameters, SyntheticParameters):
        raise InvalidInputError(
            f"'parameters' must be a SyntheticParameters (got {type(parameters).__name__})"
        )


def generate_cases(n: int, *, seed: int | str, parameters: SyntheticParameters | None = None,
                   first: int = 0) -> Iterator[Case]:
    """Yield ``n`` fictional, valid cases one at a time, reproducibly.

    Case ``i`` (0-based) has id ``f"syn-{seed}-{i:07d}"`` and is drawn from
    ``random.Random(f"{seed}:{i}")`` alone: it does not depend on ``n`` or on the cases
    before it, and the same seed and parameters give the same cases on every run. So a
    caseload can be drawn in shards, in parallel: ``first`` is the index of the first case
    (cases ``first`` to ``first + n - 1``).

    >>> [c.id for c in generate_cases(2, seed=7, first=5)]
    ['syn-7-0000005', 'syn-7-0000006']

    Args:
        n: how many cases to yield.
        seed: the seed (an int or a str).
        parameters: what the caseload looks like; the defaults when ``None``.
        first: the index of the first case (default 0).

    Raises:
        InvalidInputError: ``n``, ``seed``, ``parameters`` or ``first`` has the wrong type
            (raised at the call, before any case is drawn).
        InvalidRecordError: ``n`` or ``first`` is negative.
    """
    params = SyntheticParameters() if parameters is None else parameters
    _check_call(n, seed, params, first)
    return (_case(seed, i, params) for i in range(first, first + n))


def write_jsonl(path_or_file: str | Path | IO[str], n: int, *, seed: int | str,
                parameters: SyntheticParameters | None = None) -> int:
    """Stream ``n`` generated cases to JSON Lines (one compact case per line); return ``n``.

    ``path_or_file`` is a path (the file is created or overwritten, UTF-8) or an open text
    file. Cases are written as they are drawn, so memory stays flat.

    Raises:
        InvalidInputError: as for [`generate_cases`][practicemodel.synthetic.generate_cases].
        InvalidRecordError: as for [`generate_cases`][practicemodel.synthetic.generate_cases].
    """
    cases = generate_cases(n, seed=seed, parameters=parameters)
    if isinstance(path_or_file, str | Path):
        with Path(path_or_file).open("w", encoding="utf-8", newline="\n") as out:
            return serialization.write_jsonl(cases, out)
    return serialization.write_jsonl(cases, path_or_file)
