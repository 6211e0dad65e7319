"""Fictional cases that exercise the timeline rules, and the golden-table renderer.

Every family here is invented. Each case is small and built to hit one corner of
``RULES.md`` §5: month-end and leap-day arithmetic, the "entered foster care" rule,
re-entry, trial home visits, runaway time, the no-efforts permanency hearing, the ASFA
petition and its three exceptions, an in-home case, missed caseworker visits and missed
supervisory staffings.

[`fixture_cases`][] returns them by name; [`AS_OF`][] gives the date each is scheduled as of
in the golden tables; [`render`][] turns a schedule into the stable text the golden files
hold. ``scripts/regenerate_golden.py`` and ``tests/test_timelines.py`` both load this module
by path, so they share one renderer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from practicemodel.case import Case, CaseType
from practicemodel.caseplan import (
    CasePlan,
    ClosureCategory,
    ClosureCriterion,
    PermanencyGoal,
    PlanKind,
)
from practicemodel.court import (
    FindingKind,
    Hearing,
    HearingKind,
    JudicialFinding,
    TprException,
    TprExceptionKind,
    TprPetition,
)
from practicemodel.example import load_example
from practicemodel.people import (
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
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
from practicemodel.policy import CA, FEDERAL, MS, PolicyProfile
from practicemodel.staffing import SupervisoryStaffing
from practicemodel.timelines import CaseSchedule, Deadline
from practicemodel.visits import CaseworkerContact, ContactLocation, ContactMode

D = date

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
"""Where the golden tables live: ``golden/<profile>/<fixture>.txt``."""

GOLDEN_PROFILES: tuple[PolicyProfile, ...] = (FEDERAL, CA, MS)
"""The shipped profiles the golden tables cover."""

REGENERATE = "python scripts/regenerate_golden.py"
"""The command that rewrites the golden tables (run from the repository root)."""

FOSTER = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE
RELATIVE = PlacementSetting.FOSTER_FAMILY_RELATIVE
THV = PlacementSetting.TRIAL_HOME_VISIT

# -- small builders -----------------------------------------------------------------------


def _case(ident: str, *, opened_on: date, children: dict[str, date],
          case_type: CaseType = CaseType.FOSTER_CARE, adults: dict[str, date] | None = None,
          **fields: Any) -> Case:
    """A case with one caseworker and supervisor; ``children`` maps id to birth date."""
    people = [Person(id=pid, name=f"{pid.title()} {ident.split('-', maxsplit=1)[0].title()}",
                     birth_date=born)
              for pid, born in {**children, **(adults or {})}.items()]
    return Case(
        id=ident, case_type=case_type, opened_on=opened_on, region="Region 9",
        county="Fictional County", caseworker_id="cw", supervisor_id="sup",
        staff=(StaffMember(id="cw", name="Casey Worker", role=StaffRole.CASEWORKER),
               StaffMember(id="sup", name="Sunny Visor", role=StaffRole.SUPERVISOR)),
        people=tuple(people), child_ids=tuple(children), **fields)


def _episode(ident: str, child: str, removed_on: date, *placements: Placement,
             exit_on: date | None = None, finding_on: date | None = None,
             reason: ExitReason = ExitReason.REUNIFICATION) -> RemovalEpisode:
    return RemovalEpisode(
        id=ident, child_id=child, removed_on=removed_on, manner=RemovalManner.COURT_ORDERED,
        placements=placements, exit_on=exit_on, exit_reason=reason if exit_on else None,
        first_abuse_neglect_finding_on=finding_on)


def _placed(ident: str, setting: PlacementSetting, start: date, end: date | None = None,
            *, extension: bool = False) -> Placement:
    return Placement(id=ident, setting=setting, start=start, end=end,
                     court_ordered_extension=extension)


def _plan(ident: str, completed_on: date, *children: str, replaces: str | None = None,
          closure: bool = False) -> CasePlan:
    criteria = tuple(
        ClosureCriterion(id=f"{ident}-cc-{n}", category=category,
                         description=f"criterion on {category.value.replace('_', ' ')}")
        for n, category in enumerate(ClosureCategory)) if closure else ()
    return CasePlan(id=ident, kind=PlanKind.UPDATE if replaces else PlanKind.INITIAL,
                    completed_on=completed_on, replaces=replaces, child_ids=children,
                    permanency_goal=PermanencyGoal.RETURN_HOME, closure_criteria=criteria)


def _hearing(ident: str, kind: HearingKind, held_on: date, *children: str) -> Hearing:
    return Hearing(id=ident, kind=kind, held_on=held_on, child_ids=children)


def _finding(ident: str, kind: FindingKind, made_on: date, child: str) -> JudicialFinding:
    return JudicialFinding(id=ident, kind=kind, made_on=made_on, child_id=child)


def _visit(ident: str, on: date, *people: str, mode: ContactMode = ContactMode.IN_PERSON,
           completed: bool = True) -> CaseworkerContact:
    location = ContactLocation.CHILD_RESIDENCE if mode is ContactMode.IN_PERSON else None
    return CaseworkerContact(id=ident, occurred_on=on, caseworker_id="cw", person_ids=people,
                             mode=mode, location=location, completed=completed)


def _monthly_visits(prefix: str, first: date, last: date, *people: str,
                    day: int = 12) -> tuple[CaseworkerContact, ...]:
    """An in-person visit on ``day`` of every month from ``first``'s month to ``last``."""
    out: list[CaseworkerContact] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        on = D(year, month, day)
        if first <= on <= last:
            out.append(_visit(f"{prefix}-{year}{month:02d}", on, *people))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def _mother(adult: str, *children: str) -> tuple[Relationship, ...]:
    return tuple(Relationship(adult_id=adult, child_id=child,
                              kind=RelationshipKind.BIOLOGICAL_PARENT,
                              parent_role=ParentRole.MOTHER, primary_caregiver=True,
                              removed_from=True) for child in children)


# -- the fixtures ---------------------------------------------------------------------------


def alvarez_month_end() -> Case:
    """Removals on Jan 31 and Aug 31, so 6-month arithmetic clamps to the month's end.

    Mateo: removed and found abused on 2025-01-31 (entered care that day); first review due
    Jul 31, held Aug 31 (late); the next is due Aug 31 + 6 months = 2026-02-28. His plan of
    Mar 31 makes the update due Sep 30.
    Sofia: removed 2025-08-31, no finding (entered 60 days later, 2025-10-30); the plan of
    2025-08-31 (her first, Mateo's update) makes the next update due 2026-02-28.
    """
    return _case(
        "alvarez-2025-01", opened_on=D(2025, 1, 31),
        children={"mateo": D(2016, 5, 4), "sofia": D(2019, 9, 1)},
        removal_episodes=(
            _episode("ep-mateo-1", "mateo", D(2025, 1, 31),
                     _placed("pl-mateo-1", FOSTER, D(2025, 1, 31)),
                     finding_on=D(2025, 1, 31)),
            _episode("ep-sofia-1", "sofia", D(2025, 8, 31),
                     _placed("pl-sofia-1", FOSTER, D(2025, 8, 31))),
        ),
        plans=(_plan("plan-1", D(2025, 3, 31), "mateo"),
               _plan("plan-2", D(2025, 8, 31), "mateo", "sofia", replaces="plan-1")),
        hearings=(_hearing("rev-1", HearingKind.PERIODIC_REVIEW, D(2025, 8, 31), "mateo"),),
        contacts=_monthly_visits("v", D(2025, 2, 1), D(2026, 2, 28), "mateo", "sofia"),
    )


def brennan_leap_year() -> Case:
    """Leap days: a review due on 2024-02-29 and anchors on Feb 29 that clamp to Feb 28.

    Nora: removed and found neglected 2023-08-31; first review due 2024-02-29 and held that
    day. Liam: removed and found neglected 2024-02-29; permanency hearing due 2025-02-28;
    a review held 2024-08-29 makes the next due 2025-02-28 (no Feb 29 in 2025).
    """
    return _case(
        "brennan-2023-08", opened_on=D(2023, 8, 30),
        children={"nora": D(2020, 2, 29), "liam": D(2024, 1, 2)},
        removal_episodes=(
            _episode("ep-nora-1", "nora", D(2023, 8, 31),
                     _placed("pl-nora-1", FOSTER, D(2023, 8, 31)), finding_on=D(2023, 8, 31)),
            _episode("ep-liam-1", "liam", D(2024, 2, 29),
                     _placed("pl-liam-1", FOSTER, D(2024, 2, 29)), finding_on=D(2024, 2, 29)),
        ),
        plans=(_plan("plan-1", D(2023, 10, 20), "nora"),
               _plan("plan-2", D(2024, 4, 20), "nora", "liam", replaces="plan-1"),
               _plan("plan-3", D(2024, 10, 18), "nora", "liam", replaces="plan-2")),
        hearings=(
            _hearing("rev-nora-1", HearingKind.PERIODIC_REVIEW, D(2024, 2, 29), "nora"),
            _hearing("perm-nora-1", HearingKind.PERMANENCY_HEARING, D(2024, 8, 29), "nora"),
            _hearing("rev-liam-1", HearingKind.PERIODIC_REVIEW, D(2024, 8, 29), "liam"),
        ),
        judicial_findings=(
            _finding("re-nora", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2023, 9, 5), "nora"),
            _finding("re-liam", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2024, 4, 29), "liam"),
            _finding("fin-nora", FindingKind.REASONABLE_EFFORTS_TO_FINALIZE_PERMANENCY,
                     D(2024, 8, 29), "nora"),
        ),
        contacts=(*_monthly_visits("vn", D(2023, 9, 1), D(2025, 3, 10), "nora"),
                  *_monthly_visits("vl", D(2024, 3, 1), D(2025, 3, 10), "liam")),
    )


def chen_early_finding() -> Case:
    """"Entered foster care" is the earlier of the abuse finding and removal + 60 days.

    Emma and Owen were removed 2025-03-10 (removal + 60 days = 2025-05-09). Emma's abuse
    finding on 2025-04-02 comes first, so she entered care then; Owen's finding on
    2025-06-20 comes after, so he entered care on 2025-05-09. Their initial plan of
    2025-05-20 is 11 days late.
    """
    removed = D(2025, 3, 10)
    return _case(
        "chen-2025-03", opened_on=D(2025, 3, 8),
        children={"emma": D(2014, 7, 19), "owen": D(2017, 11, 2)},
        removal_episodes=(
            _episode("ep-emma-1", "emma", removed, _placed("pl-emma-1", FOSTER, removed)),
            _episode("ep-owen-1", "owen", removed, _placed("pl-owen-1", FOSTER, removed)),
        ),
        judicial_findings=(
            _finding("an-emma", FindingKind.ABUSE_OR_NEGLECT, D(2025, 4, 2), "emma"),
            _finding("an-owen", FindingKind.ABUSE_OR_NEGLECT, D(2025, 6, 20), "owen"),
            _finding("re-emma", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2025, 3, 12), "emma"),
            _finding("re-owen", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2025, 3, 12), "owen"),
        ),
        plans=(_plan("plan-1", D(2025, 5, 20), "emma", "owen"),),
        contacts=_monthly_visits("v", D(2025, 4, 1), D(2025, 9, 30), "emma", "owen"),
    )


def dubois_reentry() -> Case:
    """Re-entry: Jade went home in December 2023 and was removed again in March 2024.

    Episode 1: removed 2023-03-01, no finding, so entered care 2023-04-30; reunified
    2023-12-01. Episode 2: removed 2024-03-01, still in care. ASFA counts both episodes
    inside the 22-month window; no petition has been filed.
    """
    return _case(
        "dubois-2023-03", opened_on=D(2023, 2, 27), children={"jade": D(2018, 6, 30)},
        removal_episodes=(
            _episode("ep-jade-1", "jade", D(2023, 3, 1),
                     _placed("pl-jade-1", FOSTER, D(2023, 3, 1), D(2023, 12, 1)),
                     exit_on=D(2023, 12, 1)),
            _episode("ep-jade-2", "jade", D(2024, 3, 1),
                     _placed("pl-jade-2", FOSTER, D(2024, 3, 1))),
        ),
        plans=(_plan("plan-1", D(2023, 4, 14), "jade"),
               _plan("plan-2", D(2023, 10, 10), "jade", replaces="plan-1"),
               _plan("plan-3", D(2024, 4, 15), "jade", replaces="plan-2"),
               _plan("plan-4", D(2024, 10, 15), "jade", replaces="plan-3")),
        hearings=(
            _hearing("rev-1", HearingKind.PERIODIC_REVIEW, D(2023, 10, 25), "jade"),
            _hearing("rev-2", HearingKind.PERIODIC_REVIEW, D(2024, 4, 26), "jade"),
            _hearing("rev-3", HearingKind.PERIODIC_REVIEW, D(2024, 10, 25), "jade"),
        ),
        contacts=(*_monthly_visits("v1", D(2023, 3, 1), D(2023, 11, 30), "jade"),
                  *_monthly_visits("v2", D(2024, 3, 1), D(2025, 2, 1), "jade")),
    )


def eriksen_trial_home_visits() -> Case:
    """Trial home visits: within the 6-month limit, past it, and extended by a court.

    All three were removed 2024-01-15 (entered care 2024-03-15). Freya's visit from
    2024-06-01 ended with reunification on 2024-10-15, within the limit (2024-12-01).
    Gus has been home on trial since 2024-05-01, past the limit of 2024-11-01. Hanna has
    been home on trial since 2024-05-01 under a court-ordered extension.
    """
    removed = D(2024, 1, 15)
    return _case(
        "eriksen-2024-01", opened_on=removed,
        children={"freya": D(2012, 3, 3), "gus": D(2014, 8, 8), "hanna": D(2016, 12, 12)},
        removal_episodes=(
            _episode("ep-freya-1", "freya", removed,
                     _placed("pl-freya-1", FOSTER, removed, D(2024, 5, 31)),
                     _placed("thv-freya", THV, D(2024, 6, 1), D(2024, 10, 15)),
                     exit_on=D(2024, 10, 15)),
            _episode("ep-gus-1", "gus", removed,
                     _placed("pl-gus-1", FOSTER, removed, D(2024, 4, 30)),
                     _placed("thv-gus", THV, D(2024, 5, 1))),
            _episode("ep-hanna-1", "hanna", removed,
                     _placed("pl-hanna-1", FOSTER, removed, D(2024, 4, 30)),
                     _placed("thv-hanna", THV, D(2024, 5, 1), extension=True)),
        ),
        plans=(_plan("plan-1", D(2024, 3, 1), "freya", "gus", "hanna"),
               _plan("plan-2", D(2024, 8, 30), "freya", "gus", "hanna", replaces="plan-1")),
        hearings=(_hearing("rev-1", HearingKind.PERIODIC_REVIEW, D(2024, 9, 10),
                           "freya", "gus", "hanna"),),
        contacts=_monthly_visits("v", D(2024, 2, 1), D(2025, 1, 15), "freya", "gus", "hanna"),
    )


def fontaine_runaway() -> Case:
    """Runaway time does not count toward ASFA's 15 months (the default profile setting).

    Remy was removed 2023-06-01 and found neglected 2023-06-20 (entered care then); he ran
    away from 2024-01-10 to 2024-03-09 (60 days), which pushes the 15-month date back 60
    days. The TPR petition was filed after that date.
    """
    return _case(
        "fontaine-2023-06", opened_on=D(2023, 5, 30), children={"remy": D(2008, 10, 1)},
        removal_episodes=(
            _episode("ep-remy-1", "remy", D(2023, 6, 1),
                     _placed("pl-remy-1", PlacementSetting.GROUP_HOME, D(2023, 6, 1),
                             D(2024, 1, 9)),
                     _placed("run-remy", PlacementSetting.RUNAWAY, D(2024, 1, 10),
                             D(2024, 3, 9)),
                     _placed("pl-remy-2", PlacementSetting.GROUP_HOME, D(2024, 3, 10)),
                     finding_on=D(2023, 6, 20)),
        ),
        plans=(_plan("plan-1", D(2023, 7, 20), "remy"),
               _plan("plan-2", D(2024, 1, 18), "remy", replaces="plan-1"),
               _plan("plan-3", D(2024, 7, 16), "remy", replaces="plan-2")),
        hearings=(
            _hearing("rev-1", HearingKind.PERIODIC_REVIEW, D(2023, 12, 14), "remy"),
            _hearing("perm-1", HearingKind.PERMANENCY_HEARING, D(2024, 6, 13), "remy"),
            _hearing("rev-2", HearingKind.PERIODIC_REVIEW, D(2024, 12, 12), "remy"),
        ),
        tpr_petitions=(TprPetition(id="tpr-remy", child_id="remy", parent_ids=(),
                                   filed_on=D(2024, 12, 2)),),
        contacts=(*_monthly_visits("v1", D(2023, 6, 1), D(2024, 1, 9), "remy"),
                  *_monthly_visits("v2", D(2024, 3, 10), D(2025, 1, 6), "remy")),
    )


def garcia_no_efforts() -> Case:
    """A finding that reasonable efforts are not required: permanency hearing within 30 days.

    Ines and Julio were removed 2025-02-03; on 2025-03-14 the court found reasonable
    efforts to reunify not required, so a permanency hearing is due 2025-04-13. Ines had
    hers on 2025-04-10; Julio has not. Julio's prevent-removal finding came late.
    """
    removed = D(2025, 2, 3)
    return _case(
        "garcia-2025-02", opened_on=removed,
        children={"ines": D(2020, 4, 4), "julio": D(2022, 6, 6)},
        removal_episodes=(
            _episode("ep-ines-1", "ines", removed, _placed("pl-ines-1", FOSTER, removed)),
            _episode("ep-julio-1", "julio", removed, _placed("pl-julio-1", FOSTER, removed)),
        ),
        judicial_findings=(
            _finding("re-ines", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2025, 2, 5), "ines"),
            _finding("re-julio", FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                     D(2025, 4, 15), "julio"),
            _finding("nr-ines", FindingKind.REASONABLE_EFFORTS_NOT_REQUIRED, D(2025, 3, 14),
                     "ines"),
            _finding("nr-julio", FindingKind.REASONABLE_EFFORTS_NOT_REQUIRED, D(2025, 3, 14),
                     "julio"),
        ),
        hearings=(_hearing("perm-ines-1", HearingKind.PERMANENCY_HEARING, D(2025, 4, 10),
                           "ines"),),
        plans=(_plan("plan-1", D(2025, 3, 20), "ines", "julio"),),
        contacts=_monthly_visits("v", D(2025, 2, 4), D(2025, 5, 1), "ines", "julio"),
    )


def harper_tpr_filed() -> Case:
    """A child in care continuously reaches 15 of 22 months; the petition was filed in time.

    Kai was removed 2023-01-05 with no finding, so he entered care 2023-03-06; 15 months
    (457 days counted) are reached on 2023-03-06 + 456 days = 2024-06-04. The petition was
    filed 2024-05-20.
    """
    return _case(
        "harper-2023-01", opened_on=D(2023, 1, 5), children={"kai": D(2019, 1, 20)},
        removal_episodes=(_episode("ep-kai-1", "kai", D(2023, 1, 5),
                                   _placed("pl-kai-1", FOSTER, D(2023, 1, 5))),),
        tpr_petitions=(TprPetition(id="tpr-kai", child_id="kai", parent_ids=(),
                                   filed_on=D(2024, 5, 20)),),
        plans=(_plan("plan-1", D(2023, 2, 20), "kai"),
               _plan("plan-2", D(2023, 8, 18), "kai", replaces="plan-1"),
               _plan("plan-3", D(2024, 2, 16), "kai", replaces="plan-2"),
               _plan("plan-4", D(2024, 8, 15), "kai", replaces="plan-3")),
        hearings=(
            _hearing("rev-1", HearingKind.PERIODIC_REVIEW, D(2023, 9, 1), "kai"),
            _hearing("perm-1", HearingKind.PERMANENCY_HEARING, D(2024, 3, 1), "kai"),
        ),
        contacts=_monthly_visits("v", D(2023, 1, 6), D(2024, 9, 1), "kai"),
    )


def ito_tpr_exceptions() -> Case:
    """The three ASFA exceptions, one child each, all in care since 2023-01-05.

    Each entered care 2023-03-06 and reached 15 of 22 months on 2024-06-04. Aki has a
    documented compelling reason; Ben a documented failure to provide the planned services;
    Chika lives with her aunt in a relative foster home (the relative-care exception applies
    automatically under a profile that uses it).
    """
    removed = D(2023, 1, 5)
    return _case(
        "ito-2023-01", opened_on=removed,
        children={"aki": D(2015, 2, 2), "ben": D(2017, 3, 3), "chika": D(2019, 4, 4)},
        removal_episodes=(
            _episode("ep-aki-1", "aki", removed, _placed("pl-aki-1", FOSTER, removed)),
            _episode("ep-ben-1", "ben", removed, _placed("pl-ben-1", FOSTER, removed)),
            _episode("ep-chika-1", "chika", removed, _placed("pl-chika-1", RELATIVE, removed)),
        ),
        tpr_exceptions=(
            TprException(id="exc-aki", child_id="aki", kind=TprExceptionKind.COMPELLING_REASON,
                         documented_on=D(2024, 5, 1),
                         reason="Aki, 9, is bonded to her mother, who is in treatment"),
            TprException(id="exc-ben", child_id="ben",
                         kind=TprExceptionKind.SERVICES_NOT_PROVIDED,
                         documented_on=D(2024, 6, 15),
                         reason="the planned family therapy was never arranged"),
        ),
        plans=(_plan("plan-1", D(2023, 2, 20), "aki", "ben", "chika"),
               _plan("plan-2", D(2023, 8, 18), "aki", "ben", "chika", replaces="plan-1"),
               _plan("plan-3", D(2024, 2, 16), "aki", "ben", "chika", replaces="plan-2"),
               _plan("plan-4", D(2024, 8, 15), "aki", "ben", "chika", replaces="plan-3")),
    )


def jensen_in_home() -> Case:
    """An in-home services case: no removal, plans counted from the case's opening.

    Opened 2025-01-06: the initial plan of 2025-02-20 is on time (due 2025-03-07); the
    update due 2025-08-20 came on 2025-09-02 (13 days late); the next is due 2026-03-02.
    The initial plan holds criteria in all six safe-closure categories.
    """
    return _case(
        "jensen-2025-01", opened_on=D(2025, 1, 6), case_type=CaseType.IN_HOME,
        children={"lena": D(2015, 5, 5), "max": D(2018, 8, 18)},
        adults={"marit": D(1988, 1, 1)},
        relationships=_mother("marit", "lena", "max"),
        plans=(_plan("plan-1", D(2025, 2, 20), "lena", "max", closure=True),
               _plan("plan-2", D(2025, 9, 2), "lena", "max", replaces="plan-1")),
        contacts=_monthly_visits("v", D(2025, 1, 6), D(2025, 11, 1), "lena", "max", "marit"),
        staffings=tuple(SupervisoryStaffing(id=f"st-{m}", held_on=D(2025, m, 25),
                                            supervisor_id="sup", caseworker_id="cw")
                        for m in range(1, 11)),
    )


def kowalski_visits() -> Case:
    """Missed months of caseworker visits, and a visit on the last day of a month.

    Pia was removed 2025-01-01 (so January is a whole month in care). She was visited on
    Jan 31 (the month's last day, which counts for January), by phone only in February, on
    Mar 15, in April only in an attempt that failed, and on May 31. Her mother Rosa was seen
    in January and March only. As of 2025-06-10, June is still due.
    """
    removed = D(2025, 1, 1)
    return _case(
        "kowalski-2024-12", opened_on=D(2024, 12, 20), children={"pia": D(2013, 1, 1)},
        adults={"rosa": D(1990, 2, 2)}, relationships=_mother("rosa", "pia"),
        removal_episodes=(_episode("ep-pia-1", "pia", removed,
                                   _placed("pl-pia-1", FOSTER, removed),
                                   finding_on=D(2025, 1, 20)),),
        plans=(_plan("plan-1", D(2025, 2, 25), "pia"),),
        contacts=(
            _visit("v-jan", D(2025, 1, 31), "pia"),
            _visit("v-feb-phone", D(2025, 2, 14), "pia", mode=ContactMode.PHONE),
            _visit("v-mar", D(2025, 3, 15), "pia"),
            _visit("v-apr-failed", D(2025, 4, 22), "pia", completed=False),
            _visit("v-may", D(2025, 5, 31), "pia"),
            _visit("r-jan", D(2025, 1, 15), "rosa"),
            _visit("r-mar", D(2025, 3, 1), "rosa"),
        ),
    )


def lindqvist_staffing() -> Case:
    """Supervisory staffings with a month missing (checked only under a profile requiring it).

    The in-home case opened 2025-03-01. Staffed Mar 28, Apr 30 (the month's last day), not
    in May, and Jun 2; as of 2025-07-05, July is still due.
    """
    return _case(
        "lindqvist-2025-03", opened_on=D(2025, 3, 1), case_type=CaseType.IN_HOME,
        children={"elsa": D(2020, 10, 10)},
        plans=(_plan("plan-1", D(2025, 4, 10), "elsa"),),
        staffings=tuple(SupervisoryStaffing(id=ident, held_on=on, supervisor_id="sup")
                        for ident, on in (("st-mar", D(2025, 3, 28)),
                                          ("st-apr", D(2025, 4, 30)),
                                          ("st-jun", D(2025, 6, 2)))),
    )


_BUILDERS = (alvarez_month_end, brennan_leap_year, chen_early_finding, dubois_reentry,
             eriksen_trial_home_visits, fontaine_runaway, garcia_no_efforts, harper_tpr_filed,
             ito_tpr_exceptions, jensen_in_home, kowalski_visits, lindqvist_staffing)

AS_OF: dict[str, date] = {
    "alvarez_month_end": D(2026, 3, 15),
    "brennan_leap_year": D(2025, 3, 10),
    "chen_early_finding": D(2025, 10, 1),
    "dubois_reentry": D(2025, 2, 1),
    "eriksen_trial_home_visits": D(2025, 1, 15),
    "fontaine_runaway": D(2025, 1, 6),
    "garcia_no_efforts": D(2025, 5, 1),
    "harper_tpr_filed": D(2024, 9, 1),
    "ito_tpr_exceptions": D(2024, 9, 1),
    "jensen_in_home": D(2025, 11, 1),
    "kowalski_visits": D(2025, 6, 10),
    "lindqvist_staffing": D(2025, 7, 5),
    "example": D(2026, 10, 1),
}
"""The date each fixture is scheduled as of in the golden tables."""


def fixture_cases() -> dict[str, Case]:
    """Return the fictional cases by fixture name (a fresh build each call)."""
    return {build.__name__: build() for build in _BUILDERS}


def golden_inputs() -> dict[str, tuple[Case, date]]:
    """Return every golden-table input by name: the fixtures plus the built-in example."""
    cases = {**fixture_cases(), "example": load_example()}
    return {name: (case, AS_OF[name]) for name, case in cases.items()}


# -- the golden-table renderer --------------------------------------------------------------


def _text(value: object) -> str:
    return "-" if value is None else str(value)


def _yes(value: bool | None) -> str:
    return "-" if value is None else "yes" if value else "no"


def _deadline_line(d: Deadline) -> str:
    return " | ".join((d.subject_id, d.kind.value, _text(d.due_on), d.status.value,
                       f"met_by={_text(d.met_by)}", f"met_on={_text(d.met_on)}",
                       f"anchor={_text(d.anchor_on)}", d.reason))


def render(result: CaseSchedule, fixture: str) -> str:
    """Return the golden-table text of a schedule: stable, one line per deadline."""
    lines = [f"# golden schedule: fixture {fixture}, policy {result.policy_code}, "
             f"as of {result.as_of}",
             f"# regenerate with: {REGENERATE}",
             f"case {result.case_id}"]
    for child in result.children:
        lines.append("")
        lines.append(f"child {child.child_id}")
        for ec in child.entered_care:
            lines.append(f"  entered care {ec.episode_id}: {ec.entered_on} ({ec.fact})")
        if child.asfa is not None:
            a = child.asfa
            exception = a.exception.value if a.exception is not None else None
            lines.append(f"  asfa now: in_care={_yes(a.in_care)} "
                         f"months_in_care={a.months_in_care:.2f} "
                         f"petition_required={_yes(a.petition_required)} "
                         f"exception={_text(exception)} projected_on={_text(a.projected_on)}")
            then = a.exception_at_threshold.value if a.exception_at_threshold else None
            lines.append(f"  asfa history: threshold_on={_text(a.threshold_on)} "
                         f"exception_then={_text(then)} petition={_text(a.petition_id)} "
                         f"filed_on={_text(a.petition_filed_on)} "
                         f"filed_in_time={_yes(a.petition_filed_in_time)}")
            lines.append(f"  asfa reason: {a.reason}")
        lines.extend(f"  {_deadline_line(d)}" for d in child.deadlines)
    lines.append("")
    lines.append("case deadlines")
    lines.extend(f"  {_deadline_line(d)}" for d in result.case_deadlines)
    return "\n".join(lines) + "\n"


def golden_path(profile_code: str, fixture: str, root: Path = GOLDEN_DIR) -> Path:
    """Return the golden file of ``fixture`` under the profile ``profile_code``."""
    return root / profile_code / f"{fixture}.txt"


def golden_names() -> Iterable[str]:
    """Return the fixture names that have golden tables, in a stable order."""
    return sorted(AS_OF)
