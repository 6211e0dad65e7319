"""Synthetic caseloads: many fictional, valid, realistic cases for tests, demos and benchmarks.

[`generate_cases`][practicemodel.synthetic.generate_cases] yields ``n``
[`Case`][practicemodel.case.Case] records one at a time (memory stays flat however large
``n`` is). Case ``i`` is drawn from its own ``random.Random(f"{seed}:{i}")``, so it is the
same whether you generate 10 cases or a million, and the same on every run and platform.
[`write_jsonl`][practicemodel.synthetic.write_jsonl] streams them to JSON Lines.

Everything is invented: people are random combinations of common first names and surnames,
counties are tree names. The realism is in the shape of the work, steered by
[`SyntheticParameters`][practicemodel.synthetic.SyntheticParameters]: in-home and foster care
cases, one- and two-parent families, children of every age, removal episodes with relative and
non-relative foster homes, trial home visits and re-entries, hearings and findings, a strengths
and needs assessment whose contributing factors the good objectives address, poor objectives
written as activities ("Father will complete a parenting class."), services with dosage,
monthly caseworker visits with gaps, family visits, involvement that is lower for fathers than
for mothers (seed 002: mothers 37.74%, fathers 28.13% actively involved), and supervisory
staffings.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

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
    VisitationArrangement,
    VisitorKind,
)
from practicemodel.court import FindingKind, Hearing, HearingKind, JudicialFinding
from practicemodel.errors import InvalidInputError, InvalidRecordError
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
from practicemodel.periods import Period, add_months
from practicemodel.placement import (
    ExitReason,
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

__all__ = ["SyntheticParameters", "generate_cases", "write_jsonl"]


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
    as_of: date = attrs.field(default=date(2026, 11, 22), validator=_a_date)
    """The record date: nothing is dated after it."""
    reentry_share: float = attrs.field(default=0.12, validator=_share)
    """Share of foster care families whose children went home and re-entered care (a second
    removal episode), when the dates leave room for it."""
    trial_home_visit_share: float = attrs.field(default=0.25, validator=_share)
    """Share of foster care families whose children have a trial home visit placement."""
    poor_objective_share: float = attrs.field(default=0.35, validator=_share)
    """Share of objectives written as an activity with no measure, date or link to a
    contributing factor; the others are S.M.A.R.T.-shaped."""
    monthly_visit_probability: float = attrs.field(default=0.95, validator=_share)
    """Chance, each month, that the caseworker visits the children in person (the gaps are
    the months without); visits with parents are a little less frequent (mothers 95%,
    fathers 80% of this)."""
    thorough_visit_share: float = attrs.field(default=0.35, validator=_share)
    """Share of cases whose caseworker visits the children and the parents in person every
    month and makes every visit a quality visit: time alone with each child over 4; safety,
    permanency, well-being and case plan progress covered with the children; case plan
    progress and needs with the parents; a setting recorded as suitable. In the other cases
    visits follow ``monthly_visit_probability`` (a fifth of parent contacts by phone) and
    each falls short in one way 30% of the time (seed 002: visits with mothers sufficiently
    frequent 43.4% and of sufficient quality 36.17%)."""
    consistent_visitor_share: float = attrs.field(default=0.45, validator=_share)
    """Share of foster care families whose parents attend every planned family visit; in
    the others each visit is missed by the parent 20% of the time."""
    in_residence_share: float = attrs.field(default=0.7, validator=_share)
    """Share of caseworker visits with the children held where the children live."""
    mother_involvement_rate: float = attrs.field(default=0.38, validator=_share)
    """Chance that a mother takes part in all five planning activities (seed 002: 37.74% of
    mothers actively involved)."""
    father_involvement_rate: float = attrs.field(default=0.28, validator=_share)
    """Chance that a father takes part in all five planning activities (seed 002: 28.13%)."""
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
    staffing_probability: float = attrs.field(default=0.75, validator=_share)
    """Chance, each month, of a supervisory staffing of the case."""
    update_share: float = attrs.field(default=0.8, validator=_share)
    """Chance that a plan whose period has (nearly) ended was updated."""
    closure_criteria_share: float = attrs.field(default=0.6, validator=_share)
    """Chance that the first plan sets safe case closure criteria in all six categories, each
    with a measure (seed 004: "in the first plan"); the rest set none."""

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
_STAFFING_TOPICS = (StaffingTopic.SERVICE_PLAN, StaffingTopic.CASEWORKER_CONTACTS,
                    StaffingTopic.SAFETY_AND_RISK, StaffingTopic.EMERGING_ISSUES,
                    StaffingTopic.CHILD_SERVICES, StaffingTopic.SHARED_PARENTING)
# Children's ages at case opening: more young children than teenagers.
_AGE_WEIGHTS = (9, 8, 7, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3)
_MONTHLY = Frequency(times=1, per=Period(1, "months"))


# -- helpers ----------------------------------------------------------------------------------


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


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
    first = rng.choice(_FEMALE + _MALE)
    return f"{first} {rng.choice(_SURNAMES)}"


class _Builder:
    """Draws one case; every list it fills is one collection of the case."""

    def __init__(self, rng: random.Random, p: SyntheticParameters, seed: object,
                 index: int) -> None:
        self.rng, self.p, self.seed, self.index = rng, p, seed, index
        self.as_of = p.as_of
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

    # -- people ---------------------------------------------------------------------------

    def _person(self, pid: str, first: str, last: str, born: date, sex: Sex) -> None:
        self.people.append(Person(id=pid, name=f"{first} {last}", birth_date=born, sex=sex))
        self.birth[pid] = born

    def family(self, opened: date) -> str:
        rng = self.rng
        surname = rng.choice(_SURNAMES)
        n_children = rng.choices((1, 2, 3, 4), weights=self.p.children_weights)[0]
        used: set[str] = set()
        oldest = opened
        for k in range(n_children):
            age = rng.choices(range(18), weights=_AGE_WEIGHTS)[0]
            born = opened - timedelta(days=int(age * 365.25) + rng.randint(1, 360))
            sex = rng.choice((Sex.FEMALE, Sex.MALE))
            first = rng.choice([n for n in (_FEMALE if sex is Sex.FEMALE else _MALE)
                                if n not in used])
            used.add(first)
            cid = f"child-{k + 1}"
            self._person(cid, first, surname, born, sex)
            self.children.append(cid)
            oldest = min(oldest, born)
        two = rng.random() < self.p.two_parent_share
        roles = ([ParentRole.MOTHER, ParentRole.FATHER] if two
                 else [ParentRole.MOTHER if rng.random() < 0.85 else ParentRole.FATHER])
        for role in roles:
            female = role is ParentRole.MOTHER
            first = rng.choice([n for n in (_FEMALE if female else _MALE) if n not in used])
            used.add(first)
            pid = "mother" if female else "father"
            years = rng.randint(18, 34) if female else rng.randint(19, 40)
            born = oldest - timedelta(days=int(years * 365.25) + rng.randint(0, 300))
            last = surname if female is False or rng.random() < 0.7 else rng.choice(_SURNAMES)
            self._person(pid, first, last, born, Sex.FEMALE if female else Sex.MALE)
            self.parents.append((pid, role, first))
        return surname

    # -- removal --------------------------------------------------------------------------

    def removal(self, removed: date, surname: str) -> None:
        rng, as_of = self.rng, self.as_of
        parent_ids = tuple(pid for pid, _, _ in self.parents)
        gm_born = min(self.birth[p] for p in parent_ids) - timedelta(days=rng.randint(7000, 9500))
        self._person("relative-1", rng.choice(_FEMALE), surname, gm_born, Sex.FEMALE)
        fp_born = removed - timedelta(days=rng.randint(10000, 20000))
        fp_sex = rng.choice((Sex.FEMALE, Sex.MALE))
        self._person("foster-1", rng.choice(_FEMALE if fp_sex is Sex.FEMALE else _MALE),
                     rng.choice(_SURNAMES), fp_born, fp_sex)
        manner = RemovalManner.COURT_ORDERED if rng.random() < 0.85 else RemovalManner.VOLUNTARY
        adjudication = removed + timedelta(days=rng.randint(25, 55))
        finding_on = adjudication if adjudication <= as_of else None
        # Family-level draws: every child shares the removal dates.
        days_left = (as_of - removed).days
        reentry = rng.random() < self.p.reentry_share and days_left > 330
        thv = rng.random() < self.p.trial_home_visit_share and days_left > 150
        spells: list[tuple[date, date | None, bool]] = []  # (removed, exit, with THV)
        if reentry:
            exit1 = removed + timedelta(days=rng.randint(120, min(300, days_left - 200)))
            back = exit1 + timedelta(days=rng.randint(30, min(180, (as_of - exit1).days - 20)))
            spells = [(removed, exit1, thv), (back, None, False)]
        else:
            exit_on: date | None = None
            if thv or rng.random() < 0.25:
                exit_on = removed + timedelta(days=rng.randint(120, 540))
                if exit_on > as_of:
                    exit_on = None
            spells = [(removed, exit_on, thv)]
        move = rng.random() < 0.3
        first_relative = rng.random() < 0.4
        for c in self.children:
            for e, (start, end, with_thv) in enumerate(spells):
                placements = self._placements(c, e, start, end, with_thv, move, first_relative)
                self.episodes.append(RemovalEpisode(
                    id=f"ep-{c}-{e + 1}", child_id=c, removed_on=start, manner=manner,
                    removed_from_ids=parent_ids,
                    first_abuse_neglect_finding_on=finding_on if e == 0 else None,
                    placements=placements, exit_on=end,
                    exit_reason=ExitReason.REUNIFICATION if end is not None else None,
                ))
        for start, end, _ in spells:
            self.in_care.append((start, end or as_of))
        self._court(removed, adjudication, spells)

    def _placements(self, c: str, e: int, start: date, end: date | None, with_thv: bool,
                    move: bool, first_relative: bool) -> list[Placement]:
        rng, as_of = self.rng, self.as_of
        stop = end or as_of
        plan: list[tuple[PlacementSetting, date, date | None]] = []
        thv_start: date | None = None
        if with_thv:
            thv_start = stop - timedelta(days=rng.randint(30, 120 if end else 90))
            thv_start = max(thv_start, start + timedelta(days=30))
        care_end = thv_start - timedelta(days=1) if thv_start else end
        if move and (care_end or as_of) > start + timedelta(days=40):
            moved = start + timedelta(days=rng.randint(7, 30))
            plan += [(PlacementSetting.FOSTER_FAMILY_NON_RELATIVE, start, moved),
                     (PlacementSetting.FOSTER_FAMILY_RELATIVE, moved + timedelta(days=1),
                      care_end)]
        else:
            setting = (PlacementSetting.FOSTER_FAMILY_RELATIVE if first_relative
                       else PlacementSetting.FOSTER_FAMILY_NON_RELATIVE)
            plan.append((setting, start, care_end))
        if thv_start is not None:
            plan.append((PlacementSetting.TRIAL_HOME_VISIT, thv_start, end))
        placements: list[Placement] = []
        for k, (setting, p_start, p_end) in enumerate(plan):
            caregiver = {PlacementSetting.FOSTER_FAMILY_RELATIVE: ("relative-1",),
                         PlacementSetting.FOSTER_FAMILY_NON_RELATIVE: ("foster-1",)}.get(
                             setting, tuple(pid for pid, _, _ in self.parents))
            placements.append(Placement(id=f"pl-{c}-{e + 1}-{k + 1}", setting=setting,
                                        start=p_start, end=p_end, caregiver_ids=caregiver))
            if setting is not PlacementSetting.TRIAL_HOME_VISIT:
                self.relationships.append(Relationship(
                    adult_id=caregiver[0], child_id=c, kind=RelationshipKind.FOSTER_PARENT,
                    foster_home=FosterHome(
                        related=setting is PlacementSetting.FOSTER_FAMILY_RELATIVE,
                        licensed=setting is PlacementSetting.FOSTER_FAMILY_NON_RELATIVE
                        or self.rng.random() < 0.5),
                    lives_with_child=p_end is None, start=p_start, end=p_end))
        return placements

    def _court(self, removed: date, adjudication: date,
               spells: list[tuple[date, date | None, bool]]) -> None:
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
        while review <= as_of:
            held = review + timedelta(days=self.rng.randint(-10, 10))
            if held <= as_of:
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
        if len(spells) > 1:
            back = spells[1][0]
            held = back + timedelta(days=2)
            if held <= as_of:
                self.hearings.append(Hearing(id="h-detention-2", kind=HearingKind.OTHER,
                                             held_on=held, child_ids=kids))
                self.findings += [JudicialFinding(
                    id=f"f-ctw2-{c}", kind=FindingKind.CONTRARY_TO_WELFARE, made_on=held,
                    child_id=c, hearing_id="h-detention-2") for c in kids]

    # -- assessment and plans -------------------------------------------------------------

    def assessment(self, completed: date) -> StrengthsNeedsAssessment:
        rng = self.rng
        psn: list[PersonStrengthsNeeds] = []
        factors: list[ContributingFactor] = []
        for pid, _, first in self.parents:
            themes = rng.sample(sorted(_THEMES), rng.choice((1, 1, 2)))
            self.themes[pid] = themes
            needs = [Need(id=f"nd-{pid}-{t}", domain=_THEMES[t][0], description=_THEMES[t][1],
                          priority=i == 0) for i, t in enumerate(themes)]
            strengths = [Strength(id=f"st-{pid}", description=rng.choice((
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
                if rng.random() < self.p.poor_objective_share:
                    objectives.append(ServiceObjective(
                        id=oid, person_ids=(pid,),
                        statement=_THEMES[t][7].format(role=role.value.capitalize())))
                else:
                    due = _day_between(rng, on + timedelta(days=60), period_end)
                    objectives.append(ServiceObjective(
                        id=oid, person_ids=(pid,), statement=_THEMES[t][3].format(first=first),
                        measure=_THEMES[t][4], due_on=due,
                        addresses_ids=(f"cf-{pid}-{t}", f"nd-{pid}-{t}"),
                        achievement=rng.choice(tuple(AchievementStatus)[:4]) if later
                        else AchievementStatus.IN_PROGRESS))
        return objectives

    def plans_and_services(self, opened: date, foster: bool) -> None:
        rng, as_of = self.rng, self.as_of
        sna_on = opened + timedelta(days=rng.randint(14, 28))
        self.sna = self.assessment(sna_on)
        on = sna_on + timedelta(days=rng.randint(5, 28))
        goal = PermanencyGoal.RETURN_HOME if foster else PermanencyGoal.REMAIN_HOME
        concurrent = rng.choice((PermanencyGoal.LEGAL_GUARDIANSHIP, PermanencyGoal.ADOPTION)) \
            if foster else None
        dates = [(on, add_months(on, 6))]
        if dates[0][1] - timedelta(days=10) <= as_of and rng.random() < self.p.update_share:
            up = min(dates[0][1] - timedelta(days=rng.randint(0, 10)), as_of)
            dates.append((up, add_months(up, 6)))
        with_criteria = rng.random() < self.p.closure_criteria_share
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
            participants = [self._participant(pid, role) for pid, role, _ in self.parents]
            self.plans.append(CasePlan(
                id=plan_id, kind=PlanKind.UPDATE if k else PlanKind.INITIAL,
                replaces=f"plan-{k}" if k else None, completed_on=completed,
                period_end=period_end, child_ids=tuple(self.children),
                participants=participants, permanency_goal=goal, concurrent_goal=concurrent,
                assessment_ids=("sna-1",) if k == 0 else (),
                contributing_factor_ids=tuple(cf.id for cf in self.sna.contributing_factors),
                strength_ids=tuple(s.id for psn in self.sna.people for s in psn.strengths),
                objectives=objectives,
                client_responsibilities=[
                    ClientResponsibility(id=f"cr-{o.id}", description=f"Take part in the "
                                         f"service for: {o.statement}", person_ids=o.person_ids,
                                         objective_ids=(o.id,)) for o in objectives],
                visitation=[VisitationArrangement(
                    id=f"va-{plan_id}-{c}", child_id=c,
                    visitor_ids=tuple(pid for pid, _, _ in self.parents),
                    visitor_kind=VisitorKind.PARENT,
                    frequency=Frequency(times=1, per=Period(2, "weeks")),
                    supervision=Supervision.SUPERVISED if k == 0 else Supervision.UNSUPERVISED)
                    for c in self.children] if foster else [],
                contact_schedule=[ContactScheduleEntry(person_id=x, frequency=_MONTHLY,
                                                       in_residence=x in self.children)
                                  for x in (*self.children, *(p for p, _, _ in self.parents))],
                closure_criteria=criteria,
                update_report=PlanUpdateReport(
                    progress_on_objectives="Progress reviewed with the family",
                ) if k else None,
            ))
            if k == 0:
                self._services(objectives, completed)
            self._involvement(plan_id, completed, sna_on if k == 0 else None)

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
        for o in objectives:
            theme = next(t for t in _THEMES if o.id.endswith(t))
            _, _, _, _, _, category, unit, _ = _THEMES[theme]
            referred = min(plan_on + timedelta(days=rng.randint(0, 14)), as_of)
            started: date | None = referred + timedelta(days=rng.randint(3, 40))
            ended: date | None = None
            status = ServiceStatus.ACTIVE
            if started is not None and started > as_of:
                started, status = None, ServiceStatus.REFERRED
            elif started is not None:
                end = started + timedelta(days=rng.randint(60, 240))
                if end <= as_of and rng.random() < 0.5:
                    ended = end
                    status = (ServiceStatus.COMPLETED if rng.random() < 0.7
                              else ServiceStatus.DISCONTINUED)
            dosage = None
            if unit is not None and rng.random() < 0.7:
                dosage = quantity(rng.choice((1, 2, 3, 6, 9)), unit)
            self.services.append(Service(
                id=f"svc-{o.id}", category=category, person_ids=o.person_ids,
                provider=f"{rng.choice(_COUNTY_NAMES)} Family Services",
                objective_ids=(o.id,), responsibility_id=f"cr-{o.id}", status=status,
                referred_on=referred, started_on=started, ended_on=ended, dosage=dosage))
        for psn in self.sna.people:
            if psn.person_id in self.children and psn.needs:
                c = psn.person_id
                referred = min(plan_on + timedelta(days=rng.randint(0, 21)), as_of)
                self.services.append(Service(
                    id=f"svc-{c}-counseling", category=ServiceCategory.MENTAL_HEALTH,
                    person_ids=(c,), status=ServiceStatus.REFERRED, referred_on=referred,
                    dosage=quantity(1, "session / week")))

    def _engagement_of(self, pid: str, rate: float) -> tuple[bool, InvolvementActivity]:
        """Whether a person is fully involved, from the case's one family draw, and for a
        person who is not, one activity they never take part in (so plan updates cannot add
        up to all five by chance: the involvement rate is the parameter's)."""
        known = self._engagement.get(pid)
        if known is None:
            if self._family_draw is None:
                self._family_draw = self.rng.random()
            known = (self._family_draw < rate, self.rng.choice(_ACTIVITIES))
            self._engagement[pid] = known
        return known

    def _planning_participants(self, on: date) -> list[tuple[str, float]]:
        """Who the agency engages in planning on ``on``, with each one's involvement rate:
        the parents, children aged 4 or more, and foster parents caring for a child then."""
        p = self.p
        people: list[tuple[str, float]] = [
            (pid, p.mother_involvement_rate if role is ParentRole.MOTHER
             else p.father_involvement_rate) for pid, role, _ in self.parents]
        persons = {person.id: person for person in self.people}
        people += [(c, p.child_involvement_rate) for c in self.children
                   if (persons[c].age_on(on) or 0) >= 4]
        carers = sorted({r.adult_id for r in self.relationships
                         if r.kind is RelationshipKind.FOSTER_PARENT and r.start is not None
                         and r.start <= on and (r.end is None or on <= r.end)})
        people += [(f, p.foster_parent_involvement_rate) for f in carers]
        return people

    def _involvement(self, plan_id: str, plan_on: date, sna_on: date | None) -> None:
        rng, as_of = self.rng, self.as_of
        when = {
            InvolvementActivity.STRENGTHS_AND_NEEDS: sna_on or plan_on - timedelta(days=7),
            InvolvementActivity.SERVICES_AND_PROVIDERS: plan_on - timedelta(days=3),
            InvolvementActivity.GOALS: plan_on,
            InvolvementActivity.CASE_PLANNING_MEETING: plan_on,
            InvolvementActivity.EVALUATING_PROGRESS: plan_on + timedelta(days=90),
        }
        for pid, rate in self._planning_participants(plan_on):
            full, missing = self._engagement_of(pid, rate)
            for a in _ACTIVITIES:
                day = when[a]
                if day > as_of:
                    continue
                took_part = full or (a is not missing
                                     and rng.random() < self.p.partial_activity_rate)
                if not took_part and rng.random() < 0.5:
                    continue
                meeting = a in (InvolvementActivity.GOALS,
                                InvolvementActivity.CASE_PLANNING_MEETING)
                self.involvement.append(InvolvementEvent(
                    id=f"inv-{plan_id}-{pid}-{a.value}", occurred_on=day, person_ids=(pid,),
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
        persons = {person.id: person for person in self.people}

        def minutes(n: int) -> Any:
            # Quantities are values: one per duration per case, not one per visit.
            if n not in durations:
                durations[n] = quantity(n, "minute")
            return durations[n]

        for m, (first, last) in enumerate(_months(opened, as_of)):
            if thorough or rng.random() < p.monthly_visit_probability:
                day = _day_between(rng, first, last)
                kids = tuple(c for c in self.children if self.birth[c] <= day)
                in_care = self._in_care_on(day)
                home = rng.random() < p.in_residence_share
                location = ContactLocation.CHILD_RESIDENCE if home else rng.choice(
                    (ContactLocation.SCHOOL, ContactLocation.OFFICE, ContactLocation.COMMUNITY))
                private = tuple(c for c in kids if (persons[c].age_on(day) or 0)
                                >= FEDERAL.private_time_min_age)
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
                    location=location, duration=minutes(rng.choice((30, 45, 60))),
                    private_with_ids=private, setting_suitable=suitable, topics=topics))
            elif rng.random() < 0.3:
                self.contacts.append(CaseworkerContact(
                    id=f"ct-attempt-{m + 1}", occurred_on=_day_between(rng, first, last),
                    caseworker_id=worker, person_ids=tuple(self.children),
                    mode=ContactMode.IN_PERSON, completed=False))
            for pid, role, _ in self.parents:
                chance = p.monthly_visit_probability * (0.95 if role is ParentRole.MOTHER
                                                        else 0.8)
                if self._in_care_on(first) and (thorough or rng.random() < chance):
                    mode = ContactMode.IN_PERSON if thorough or rng.random() < 0.8 \
                        else ContactMode.PHONE
                    short = not thorough and rng.random() < 0.3
                    self.contacts.append(CaseworkerContact(
                        id=f"ct-{pid}-{m + 1}", occurred_on=_day_between(rng, first, last),
                        caseworker_id=worker, person_ids=(pid,), mode=mode,
                        location=ContactLocation.PARENT_RESIDENCE
                        if mode is ContactMode.IN_PERSON else None,
                        duration=minutes(rng.choice((20, 30, 45))),
                        setting_suitable=True,
                        topics=parent_topics[2:] if short else parent_topics))
            if rng.random() < p.staffing_probability:
                k = rng.randint(2, 4)
                self.staffings.append(SupervisoryStaffing(
                    id=f"stf-{m + 1}", held_on=_day_between(rng, first, last),
                    supervisor_id=supervisor, caseworker_id=worker,
                    topics=tuple(rng.sample(_STAFFING_TOPICS, k))))
        self._family_visits()

    def _family_visits(self) -> None:
        rng = self.rng
        parents = tuple(pid for pid, _, _ in self.parents)
        miss = 0.0 if rng.random() < self.p.consistent_visitor_share else 0.2
        hours = {n: quantity(n, "hour") for n in (1, 2)}
        for e, (start, end) in enumerate(self.in_care):
            day, k = start + timedelta(days=rng.randint(3, 10)), 1
            while day <= end:
                for c in self.children:
                    held = rng.random() >= miss
                    self.family_visits.append(FamilyVisit(
                        id=f"fv-{c}-{e + 1}-{k}", child_id=c, visitor_ids=parents,
                        visitor_kind=VisitorKind.PARENT, scheduled_on=day,
                        status=FamilyVisitStatus.HELD if held
                        else FamilyVisitStatus.MISSED_BY_VISITOR,
                        supervision=Supervision.SUPERVISED,
                        duration=hours[rng.choice((1, 2))] if held else None))
                day, k = day + timedelta(days=14), k + 1


def _case(seed: object, index: int, p: SyntheticParameters) -> Case:
    rng = random.Random(f"{seed}:{index}")
    b = _Builder(rng, p, seed, index)
    region_index = rng.randrange(len(p.regions))
    county = _county(p, region_index, rng.randrange(p.counties_per_region))
    team = county.lower().replace(" ", "-")
    worker_key, supervisor_key = f"w-{team}-{rng.randint(1, 6)}", f"s-{team}"
    opened = _day_between(rng, p.opened_from, p.opened_to)
    foster = rng.random() < p.foster_care_share
    surname = b.family(opened)
    parents = tuple(pid for pid, _, _ in b.parents)
    for pid, role, _ in b.parents:
        for c in b.children:
            b.relationships.append(Relationship(
                adult_id=pid, child_id=c, kind=RelationshipKind.BIOLOGICAL_PARENT,
                parent_role=role, primary_caregiver=True, removed_from=foster,
                lives_with_child=not foster))
    for c in b.children:
        b.relationships += [Relationship(adult_id=o, child_id=c, kind=RelationshipKind.SIBLING)
                            for o in b.children if o != c]
    b.households.append(Household(id="hh-family", member_ids=(*parents, *b.children),
                                  name=f"{surname} household"))
    risk = rng.choice((RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.VERY_HIGH))
    if foster:
        b.removal(opened + timedelta(days=rng.randint(0, 2)), surname)
        safety = SafetyAssessment(id="sa-1", completed_on=opened, child_ids=tuple(b.children),
                                  decision=SafetyDecision.UNSAFE)
    else:
        safety = SafetyAssessment(
            id="sa-1", completed_on=opened, child_ids=tuple(b.children),
            decision=SafetyDecision.CONDITIONALLY_SAFE,
            safety_plan=SafetyPlan(id="sp-1", start=opened, responsible_ids=parents,
                                   provisions=("A sober adult supervises the children",)))
    b.plans_and_services(opened, foster)
    b.visits(opened, worker_key, supervisor_key)
    return Case(
        id=f"syn-{seed}-{index:07d}",
        case_type=CaseType.FOSTER_CARE if foster else CaseType.IN_HOME,
        opened_on=opened, region=p.regions[region_index], county=county,
        caseworker_id=worker_key, supervisor_id=supervisor_key,
        staff=[StaffMember(id=worker_key, name=_staff_name(seed, worker_key),
                           role=StaffRole.CASEWORKER),
               StaffMember(id=supervisor_key, name=_staff_name(seed, supervisor_key),
                           role=StaffRole.SUPERVISOR)],
        people=b.people, child_ids=tuple(b.children), relationships=b.relationships,
        households=b.households, removal_episodes=b.episodes, hearings=b.hearings,
        judicial_findings=b.findings, safety_assessments=[safety],
        risk_assessments=[RiskAssessment(id="ra-1", completed_on=opened, level=risk)],
        strengths_needs_assessments=[b.sna], plans=b.plans, services=b.services,
        involvement_events=b.involvement, contacts=b.contacts,
        family_visits=b.family_visits, staffings=b.staffings,
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
