"""Statutory timelines: golden tables, hand-computed expectations, and laws for any case.

The golden tables in ``tests/golden/<profile>/<fixture>.txt`` hold the full schedule of each
fictional case of ``tests/timeline_fixtures.py`` (and the built-in example) under each shipped
profile; they were reviewed by hand against ``RULES.md`` §5. The tables of expectations
below pin the dates worked out by hand (month-end clamping, leap days, "entered foster care",
ASFA's 15 of 22 months); the hypothesis laws hold for every valid case and every shipped
profile.
"""

from __future__ import annotations

import difflib
import math
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from module_loading import load_module
from practicemodel.case import Case
from practicemodel.court import FindingKind, HearingKind, TprException, TprExceptionKind
from practicemodel.errors import InvalidInputError, PracticeModelError
from practicemodel.example import load_example
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE, Period, add_months
from practicemodel.placement import PlacementSetting
from practicemodel.policy import (
    CA,
    FEDERAL,
    MS,
    PROFILES,
    PolicyProfile,
    known_policies,
)
from practicemodel.strategies import cases, event_dates
from practicemodel.timelines import (
    ASFA_NOT_COUNTED,
    AsfaResult,
    CaseSchedule,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    asfa_15_of_22,
    entered_foster_care,
    first_abuse_neglect_finding,
    schedule,
    statutory_schedule,
)

D = date
K = DeadlineKind
S = DeadlineStatus
ROOT = Path(__file__).resolve().parent.parent


FX = load_module("timeline_fixtures", ROOT / "tests" / "timeline_fixtures.py")
INPUTS: dict[str, tuple[Case, date]] = FX.golden_inputs()
SHIPPED = [pytest.param(version.derive(effective_from=EARLIEST_DATE, effective_until=None),
                         id=f"{code}-{version.effective_from}")
           for code in known_policies() for version in PROFILES[code]]
"""Every shipped version of every profile, made to apply on any supported date: the laws
below hold whatever dates a profile is in effect."""
ASFA_DAYS = math.ceil(15 * 365.25 / 12)  # 457 days make 15 months


# -- helpers --------------------------------------------------------------------------------


def run(fixture: str, policy: PolicyProfile = FEDERAL, as_of: date | None = None,
        case: Case | None = None) -> CaseSchedule:
    """Schedule a fixture (as of its golden date unless given)."""
    fixture_case, fixture_as_of = INPUTS[fixture]
    return schedule(case or fixture_case, policy=policy, as_of=as_of or fixture_as_of)


def of(result: CaseSchedule, subject: str, kind: DeadlineKind) -> list[Deadline]:
    """The deadlines of one kind about one subject, in due-date order."""
    return [d for d in result.all_deadlines() if d.subject_id == subject and d.kind is kind]


def one(result: CaseSchedule, subject: str, kind: DeadlineKind, due: date | None) -> Deadline:
    """The single deadline of ``kind`` about ``subject`` due on ``due``."""
    found = [d for d in of(result, subject, kind) if d.due_on == due]
    assert len(found) == 1, f"{subject} {kind.value} due {due}: {of(result, subject, kind)}"
    return found[0]


def fifteen_months_on(result: AsfaResult) -> date | None:
    """The day 15 of 22 months were reached (history) or will be if the child stays in care."""
    return result.threshold_on if result.threshold_on is not None else result.projected_on


def child(result: CaseSchedule, child_id: str) -> Any:
    """The schedule of one child."""
    return next(c for c in result.children if c.child_id == child_id)


# -- golden tables --------------------------------------------------------------------------

GOLDEN = [pytest.param(profile, name, id=f"{profile.code}-{name}")
          for profile in FX.GOLDEN_PROFILES for name in FX.golden_names()]


@pytest.mark.parametrize(("profile", "name"), GOLDEN)
def test_schedule_matches_golden_table(profile: PolicyProfile, name: str) -> None:
    """Each fixture's schedule under each shipped profile equals its reviewed golden table."""
    case, as_of = INPUTS[name]
    actual = FX.render(schedule(case, policy=profile, as_of=as_of), name)
    path = FX.golden_path(profile.code, name)
    expected = path.read_text("utf-8") if path.exists() else ""
    diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                        actual.splitlines(keepends=True),
                                        fromfile=f"{path.relative_to(ROOT)} (golden)",
                                        tofile="current schedule", n=1))
    assert expected == actual, (
        f"the schedule no longer matches {path.relative_to(ROOT)}. If the change is intended, "
        f"run `{FX.REGENERATE}` from the repository root, check the changed lines by hand "
        f"against RULES.md §5, and commit the new tables.\n{diff[:6000]}")


def test_golden_directory_holds_exactly_the_expected_tables() -> None:
    """No golden table is missing or left over from a fixture that no longer exists."""
    expected = sorted(str(FX.golden_path(p.code, n).relative_to(ROOT))
                      for p in FX.GOLDEN_PROFILES for n in FX.golden_names())
    actual = sorted(str(p.relative_to(ROOT)) for p in FX.GOLDEN_DIR.glob("*/*.txt"))
    assert expected == actual


def test_golden_tables_cover_every_shipped_profile() -> None:
    """The golden tables cover every shipped profile, so a new profile gets tables too."""
    expected = sorted(known_policies())
    actual = sorted(p.code for p in FX.GOLDEN_PROFILES)
    assert expected == actual


def test_regenerate_script_agrees_with_the_golden_tables(
        capsys: pytest.CaptureFixture[str]) -> None:
    """``scripts/regenerate_golden.py --check`` finds nothing to rewrite."""
    script = load_module("regenerate_golden", ROOT / "scripts" / "regenerate_golden.py")
    expected = 0
    actual = script.main(["--check"])
    assert expected == actual, capsys.readouterr().out


def test_every_fixture_has_a_fixed_as_of_date() -> None:
    """Each fixture (and the example) has a fixed as_of date and builds the same case each call."""
    expected = sorted(FX.AS_OF)
    actual = sorted([*FX.fixture_cases(), "example"])
    assert expected == actual
    assert FX.fixture_cases() == FX.fixture_cases()


# -- entered foster care and the initial plan ------------------------------------------------

ENTERED = [
    # fixture, episode, entered on (hand-computed), why
    ("chen_early_finding", "ep-emma-1", D(2025, 4, 2), "finding 04-02 before removal+60 05-09"),
    ("chen_early_finding", "ep-owen-1", D(2025, 5, 9), "03-10 + 60 days; finding 06-20 later"),
    ("alvarez_month_end", "ep-mateo-1", D(2025, 1, 31), "finding on the day of removal"),
    ("alvarez_month_end", "ep-sofia-1", D(2025, 10, 30), "08-31 + 30 = 09-30, + 30 = 10-30"),
    ("kowalski_visits", "ep-pia-1", D(2025, 1, 20), "episode's recorded finding date"),
    ("eriksen_trial_home_visits", "ep-gus-1", D(2024, 3, 15), "01-15 + 60 days over Feb 29"),
    ("dubois_reentry", "ep-jade-1", D(2023, 4, 30), "03-01 + 60 days"),
    ("dubois_reentry", "ep-jade-2", D(2024, 4, 30), "03-01 + 60 days in a leap year"),
]


@pytest.mark.parametrize(("fixture", "episode_id", "expected", "why"), ENTERED,
                         ids=[row[1] for row in ENTERED])
def test_entered_foster_care_is_the_earlier_of_finding_and_removal_plus_60_days(
        fixture: str, episode_id: str, expected: date, why: str) -> None:
    """The date entered foster care is the earlier of the abuse finding and removal + 60 days."""
    case = INPUTS[fixture][0]
    episode = next(e for e in case.removal_episodes if e.id == episode_id)
    actual = entered_foster_care(case, episode, policy=FEDERAL).entered_on
    assert expected == actual, why
    assert expected <= episode.removed_on + timedelta(days=60)


INITIAL_PLAN = [
    # fixture, child, removal (or opening of an in-home case), due (hand-computed)
    ("alvarez_month_end", "mateo", D(2025, 1, 31), D(2025, 4, 1)),
    ("alvarez_month_end", "sofia", D(2025, 8, 31), D(2025, 10, 30)),
    ("brennan_leap_year", "liam", D(2024, 2, 29), D(2024, 4, 29)),
    ("garcia_no_efforts", "ines", D(2025, 2, 3), D(2025, 4, 4)),
    ("kowalski_visits", "pia", D(2025, 1, 1), D(2025, 3, 2)),
    ("jensen_in_home", "lena", D(2025, 1, 6), D(2025, 3, 7)),
]


@pytest.mark.parametrize(("fixture", "subject", "start", "expected"), INITIAL_PLAN,
                         ids=[row[1] for row in INITIAL_PLAN])
def test_initial_plan_is_due_60_days_after_removal(fixture: str, subject: str, start: date,
                                                   expected: date) -> None:
    """The initial case plan is due 60 days after removal (or the opening of an in-home case)."""
    (deadline,) = of(run(fixture), subject, K.INITIAL_CASE_PLAN)
    assert expected == deadline.due_on
    assert expected == start + timedelta(days=60)
    assert start == deadline.anchor_on


# -- month ends, leap days, and anchoring on the last event held ------------------------------

MONTH_END = [
    # fixture, child, kind, which one, anchor, due (hand-computed)
    ("alvarez_month_end", "mateo", K.PERIODIC_REVIEW, 0, D(2025, 1, 31), D(2025, 7, 31)),
    ("alvarez_month_end", "mateo", K.PERIODIC_REVIEW, 1, D(2025, 8, 31), D(2026, 2, 28)),
    ("alvarez_month_end", "mateo", K.CASE_PLAN_UPDATE, 0, D(2025, 3, 31), D(2025, 9, 30)),
    ("alvarez_month_end", "sofia", K.CASE_PLAN_UPDATE, 0, D(2025, 8, 31), D(2026, 2, 28)),
    ("alvarez_month_end", "mateo", K.PERMANENCY_HEARING, 0, D(2025, 1, 31), D(2026, 1, 31)),
    ("brennan_leap_year", "nora", K.PERIODIC_REVIEW, 0, D(2023, 8, 31), D(2024, 2, 29)),
    ("brennan_leap_year", "nora", K.PERIODIC_REVIEW, 1, D(2024, 2, 29), D(2024, 8, 29)),
    ("brennan_leap_year", "liam", K.PERMANENCY_HEARING, 0, D(2024, 2, 29), D(2025, 2, 28)),
    ("brennan_leap_year", "liam", K.PERIODIC_REVIEW, 1, D(2024, 8, 29), D(2025, 2, 28)),
]


@pytest.mark.parametrize(("fixture", "subject", "kind", "index", "anchor", "expected"),
                         MONTH_END, ids=[f"{r[1]}-{r[2].value}-{r[3]}" for r in MONTH_END])
def test_month_arithmetic_clamps_to_the_last_day_of_the_month(
        fixture: str, subject: str, kind: DeadlineKind, index: int, anchor: date,
        expected: date) -> None:
    """Jan 31 + 6 months is Jul 31, Aug 31 + 6 months the end of February, Feb 29 + 12 Feb 28."""
    deadline = of(run(fixture), subject, kind)[index]
    assert anchor == deadline.anchor_on
    assert expected == deadline.due_on


RECURRING = [
    # fixture, subject, kind, due dates (each computed from the last event held), chained
    # from the first due date instead (what the rule must not do)
    # Mateo's review due 2026-02-28 is missed; the next is due 12 months after the last one
    # held (2025-08-31), computed in one step: Aug 31, not Aug 28.
    ("alvarez_month_end", "mateo", K.PERIODIC_REVIEW,
     [D(2025, 7, 31), D(2026, 2, 28), D(2026, 8, 31)],
     [D(2025, 7, 31), D(2026, 1, 31), D(2026, 7, 31)]),
    ("fontaine_runaway", "remy", K.PERIODIC_REVIEW,
     [D(2023, 12, 20), D(2024, 6, 14), D(2024, 12, 13), D(2025, 6, 12)],
     [D(2023, 12, 20), D(2024, 6, 20), D(2024, 12, 20), D(2025, 6, 20)]),
    ("jensen_in_home", "lena", K.CASE_PLAN_UPDATE,
     [D(2025, 8, 20), D(2026, 3, 2)], [D(2025, 8, 20), D(2026, 2, 20)]),
]


@pytest.mark.parametrize(("fixture", "subject", "kind", "expected", "chained"), RECURRING,
                         ids=[row[0] for row in RECURRING])
def test_recurring_deadlines_are_anchored_on_the_last_event_held(
        fixture: str, subject: str, kind: DeadlineKind, expected: list[date],
        chained: list[date]) -> None:
    """Each recurring deadline is a period after the last event held, not chained from the first."""
    actual = [d.due_on for d in of(run(fixture), subject, kind)]
    assert expected == actual
    assert chained != actual


# -- statuses ---------------------------------------------------------------------------------

STATUSES = [
    # fixture, subject, kind, due, status, met_by
    ("alvarez_month_end", "mateo", K.INITIAL_CASE_PLAN, D(2025, 4, 1), S.MET_ON_TIME, "plan-1"),
    ("alvarez_month_end", "mateo", K.PERIODIC_REVIEW, D(2025, 7, 31), S.MET_LATE, "rev-1"),
    ("alvarez_month_end", "mateo", K.PERIODIC_REVIEW, D(2026, 2, 28), S.OVERDUE, None),
    ("chen_early_finding", "emma", K.PERIODIC_REVIEW, D(2025, 10, 2), S.DUE, None),
    ("chen_early_finding", "owen", K.PERIODIC_REVIEW, D(2025, 11, 9), S.UPCOMING, None),
    ("chen_early_finding", "emma", K.INITIAL_CASE_PLAN, D(2025, 5, 9), S.MET_LATE, "plan-1"),
    ("harper_tpr_filed", "kai", K.PERIODIC_REVIEW, D(2024, 9, 1), S.DUE, None),
    ("harper_tpr_filed", "kai", K.TPR_PETITION, D(2024, 6, 4), S.MET_ON_TIME, "tpr-kai"),
    ("fontaine_runaway", "remy", K.TPR_PETITION, D(2024, 11, 17), S.MET_LATE, "tpr-remy"),
    ("dubois_reentry", "jade", K.TPR_PETITION, D(2024, 10, 28), S.OVERDUE, None),
    ("eriksen_trial_home_visits", "freya", K.TRIAL_HOME_VISIT_LIMIT, D(2024, 12, 1),
     S.MET_ON_TIME, "thv-freya"),
    ("eriksen_trial_home_visits", "gus", K.TRIAL_HOME_VISIT_LIMIT, D(2024, 11, 1), S.OVERDUE,
     None),
    ("eriksen_trial_home_visits", "hanna", K.TRIAL_HOME_VISIT_LIMIT, None, S.NOT_APPLICABLE,
     None),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 1, 31), S.MET_ON_TIME, "v-jan"),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 2, 28), S.OVERDUE, None),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 3, 31), S.MET_ON_TIME, "v-mar"),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 4, 30), S.OVERDUE, None),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 5, 31), S.MET_ON_TIME, "v-may"),
    ("kowalski_visits", "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 6, 30), S.DUE, None),
    ("kowalski_visits", "rosa", K.CASEWORKER_VISIT_PARENT, D(2025, 2, 28), S.OVERDUE, None),
    ("kowalski_visits", "rosa", K.CASEWORKER_VISIT_PARENT, D(2025, 3, 31), S.MET_ON_TIME,
     "r-mar"),
]


@pytest.mark.parametrize(("fixture", "subject", "kind", "due", "status", "met_by"), STATUSES,
                         ids=[f"{r[1]}-{r[2].value}-{r[3]}" for r in STATUSES])
def test_deadline_status_as_of_the_fixture_date(fixture: str, subject: str,
                                                kind: DeadlineKind, due: date | None,
                                                status: DeadlineStatus,
                                                met_by: str | None) -> None:
    """Each hand-checked deadline has the status and meeting event worked out by hand."""
    deadline = one(run(fixture), subject, kind, due)
    expected = (status, met_by)
    actual = (deadline.status, deadline.met_by)
    assert expected == actual


def test_every_status_appears_in_the_fixtures() -> None:
    """The fixtures show every status at least once under the federal profile."""
    expected = set(DeadlineStatus)
    actual = {d.status for name in FX.golden_names() for d in run(name).all_deadlines()}
    assert expected == actual


def test_a_visit_on_the_last_day_of_a_month_counts_for_that_month() -> None:
    """A caseworker visit on Jan 31 meets January's visit, and nothing carries it into February."""
    result = run("kowalski_visits")
    expected = [(D(2025, 1, 31), "v-jan"), (D(2025, 2, 28), None)]
    actual = [(d.due_on, d.met_by) for d in of(result, "pia", K.CASEWORKER_VISIT_CHILD)[:2]]
    assert expected == actual


# -- ASFA 15 of 22 ----------------------------------------------------------------------------

CONTINUOUS = [
    # fixture, child, entered care, threshold (hand-computed: entered + 456 days)
    ("harper_tpr_filed", "kai", D(2023, 3, 6), D(2024, 6, 4)),
    ("alvarez_month_end", "mateo", D(2025, 1, 31), D(2026, 5, 2)),
    ("alvarez_month_end", "sofia", D(2025, 10, 30), D(2027, 1, 29)),
    ("brennan_leap_year", "nora", D(2023, 8, 31), D(2024, 11, 29)),
    ("brennan_leap_year", "liam", D(2024, 2, 29), D(2025, 5, 30)),
    ("chen_early_finding", "emma", D(2025, 4, 2), D(2026, 7, 2)),
    ("chen_early_finding", "owen", D(2025, 5, 9), D(2026, 8, 8)),
    ("kowalski_visits", "pia", D(2025, 1, 20), D(2026, 4, 21)),
]


@pytest.mark.parametrize(("fixture", "subject", "entered", "expected"), CONTINUOUS,
                         ids=[row[1] for row in CONTINUOUS])
def test_asfa_threshold_of_a_continuous_episode(fixture: str, subject: str, entered: date,
                                                expected: date) -> None:
    """In continuous care, 15 months are reached on entered + ceil(15 * 365.25 / 12) - 1 days."""
    case, as_of = INPUTS[fixture]
    actual = fifteen_months_on(asfa_15_of_22(case, subject, policy=FEDERAL, as_of=as_of))
    assert expected == actual
    assert expected == entered + timedelta(days=ASFA_DAYS - 1)
    assert (entered,) == tuple(ec.entered_on for ec in child(run(fixture), subject).entered_care)


REENTRY = [
    # as of, days counted (hand-computed), of which from episode 1
    # 2025-02-01: window from 2023-04-02; episode 1 [04-30, 12-01) = 215 days, episode 2
    # 2024-03-01..2025-02-01 = 338 days.
    (D(2025, 2, 1), 215 + 338),
    # 2025-06-01: window from 2023-08-02; episode 1 [08-02, 12-01) = 121 days, episode 2
    # 2024-03-01..2025-06-01 = 458 days.
    (D(2025, 6, 1), 121 + 458),
]


@pytest.mark.parametrize(("as_of", "days"), REENTRY, ids=[str(r[0]) for r in REENTRY])
def test_asfa_counts_time_in_care_cumulatively_across_episodes(as_of: date, days: int) -> None:
    """ASFA adds the days of both of Jade's episodes that fall inside the 22-month window."""
    case = INPUTS["dubois_reentry"][0]
    result = asfa_15_of_22(case, "jade", policy=FEDERAL, as_of=as_of)
    expected = (round(days / (365.25 / 12), 2), D(2024, 10, 28), True)
    actual = (result.months_in_care, result.threshold_on, result.petition_required)
    assert expected == actual


def test_reentry_threshold_needs_both_episodes() -> None:
    """Jade's threshold: 215 days of episode 1 plus 242 of episode 2 (from removal 2024-03-01)."""
    expected = D(2024, 3, 1) + timedelta(days=ASFA_DAYS - 215 - 1)
    actual = asfa_15_of_22(INPUTS["dubois_reentry"][0], "jade", policy=FEDERAL,
                           as_of=D(2025, 2, 1)).threshold_on
    assert expected == actual
    assert D(2024, 10, 28) == actual


def _counted_instead(case: Case, placement_id: str, setting: PlacementSetting) -> Case:
    """``case`` with one placement's setting replaced (the same days in another setting)."""
    episodes = tuple(attrs.evolve(e, placements=tuple(
        attrs.evolve(p, setting=setting) if p.id == placement_id else p for p in e.placements))
        for e in case.removal_episodes)
    return attrs.evolve(case, removal_episodes=episodes)


EXCLUDED = [
    # fixture, child, placement moved to a counted setting (None: as recorded), threshold,
    # days counted as of the fixture date
    # Remy: entered 2023-06-20; 60 runaway days (2024-01-10..03-09) push 2024-09-18 to 11-17.
    ("fontaine_runaway", "remy", None, D(2024, 11, 17), 567 - 60),
    ("fontaine_runaway", "remy", "run-remy", D(2024, 9, 18), 567),
    # Gus: entered 2024-03-15, home on trial since 2024-05-01: only 47 days count.
    ("eriksen_trial_home_visits", "gus", None, None, 47),
    ("eriksen_trial_home_visits", "gus", "thv-gus", D(2025, 6, 14), 307),
]


@pytest.mark.parametrize(("fixture", "subject", "moved", "threshold", "days"), EXCLUDED,
                         ids=[f"{r[1]}-{r[2] or 'as-recorded'}" for r in EXCLUDED])
def test_asfa_excludes_trial_home_visit_and_runaway_days(fixture: str, subject: str,
                                                         moved: str | None,
                                                         threshold: date | None,
                                                         days: int) -> None:
    """Trial home visit and runaway days never count toward ASFA (45 CFR 1356.21(i)(1)(i)(C)).

    The same days in a counted setting (a group home, a foster family) do count.
    """
    case, as_of = INPUTS[fixture]
    if moved is not None:
        case = _counted_instead(case, moved, PlacementSetting.GROUP_HOME)
    result = asfa_15_of_22(case, subject, policy=FEDERAL, as_of=as_of)
    expected = (threshold, round(days / (365.25 / 12), 2))
    actual = (fifteen_months_on(result), result.months_in_care)
    assert expected == actual


NO_RELATIVE = FEDERAL.derive(code="XX-NOREL", name="No relative-care exception",
                             asfa_relative_care_exception=False)

EXCEPTIONS = [
    # child, profile, exception, petition required, TPR deadline status
    ("aki", FEDERAL, TprExceptionKind.COMPELLING_REASON, False, S.NOT_APPLICABLE),
    ("ben", FEDERAL, TprExceptionKind.SERVICES_NOT_PROVIDED, False, S.NOT_APPLICABLE),
    ("chika", FEDERAL, TprExceptionKind.RELATIVE_CARE, False, S.NOT_APPLICABLE),
    ("aki", NO_RELATIVE, TprExceptionKind.COMPELLING_REASON, False, S.NOT_APPLICABLE),
    ("chika", NO_RELATIVE, None, True, S.OVERDUE),
]


@pytest.mark.parametrize(("subject", "policy", "exception", "required", "status"), EXCEPTIONS,
                         ids=[f"{r[0]}-{r[1].code}" for r in EXCEPTIONS])
def test_asfa_exceptions(subject: str, policy: PolicyProfile,
                         exception: TprExceptionKind | None, required: bool,
                         status: DeadlineStatus) -> None:
    """A documented compelling reason, unprovided services, or relative care waive the petition."""
    result = run("ito_tpr_exceptions", policy)
    asfa = child(result, subject).asfa
    (deadline,) = of(result, subject, K.TPR_PETITION)
    expected = (D(2024, 6, 4), exception, required, status, D(2024, 6, 4))
    actual = (asfa.threshold_on, asfa.exception, asfa.petition_required, deadline.status,
              deadline.due_on)
    assert expected == actual


def test_documented_relative_exception_ignored_where_the_state_does_not_use_it() -> None:
    """A documented relative-care exception does not count under a profile without it."""
    case = INPUTS["ito_tpr_exceptions"][0]
    case = attrs.evolve(case, tpr_exceptions=(*case.tpr_exceptions, TprException(
        id="exc-ben-rel", child_id="ben", kind=TprExceptionKind.RELATIVE_CARE,
        documented_on=D(2024, 7, 1))))
    expected = (TprExceptionKind.SERVICES_NOT_PROVIDED, TprExceptionKind.RELATIVE_CARE)
    actual = (asfa_15_of_22(case, "ben", policy=NO_RELATIVE, as_of=D(2024, 9, 1)).exception,
              asfa_15_of_22(case, "ben", policy=FEDERAL, as_of=D(2024, 9, 1)).exception)
    assert expected == actual


# -- other rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(("subject", "status", "met_by"),
                         [("ines", S.MET_ON_TIME, "perm-ines-1"), ("julio", S.OVERDUE, None)])
def test_no_efforts_finding_makes_a_permanency_hearing_due_in_30_days(
        subject: str, status: DeadlineStatus, met_by: str | None) -> None:
    """After a finding that reasonable efforts are not required, a hearing is due in 30 days."""
    (deadline,) = of(run("garcia_no_efforts"), subject, K.PERMANENCY_HEARING_AFTER_NO_EFFORTS)
    expected = (D(2025, 3, 14), D(2025, 4, 13), status, met_by)
    actual = (deadline.anchor_on, deadline.due_on, deadline.status, deadline.met_by)
    assert expected == actual
    assert D(2025, 3, 14) + timedelta(days=30) == deadline.due_on


AFTER_AS_OF = [
    # fixture, as of, subject, kind, due, status: the meeting event is dated after as_of
    ("chen_early_finding", D(2025, 5, 1), "emma", K.INITIAL_CASE_PLAN, D(2025, 5, 9), S.DUE),
    ("alvarez_month_end", D(2025, 8, 30), "mateo", K.PERIODIC_REVIEW, D(2025, 7, 31),
     S.OVERDUE),
    ("fontaine_runaway", D(2024, 11, 30), "remy", K.TPR_PETITION, D(2024, 11, 17), S.OVERDUE),
    ("kowalski_visits", D(2025, 5, 30), "pia", K.CASEWORKER_VISIT_CHILD, D(2025, 5, 31), S.DUE),
    ("eriksen_trial_home_visits", D(2024, 10, 14), "freya", K.TRIAL_HOME_VISIT_LIMIT,
     D(2024, 12, 1), S.UPCOMING),
    ("garcia_no_efforts", D(2025, 4, 9), "ines", K.PERMANENCY_HEARING_AFTER_NO_EFFORTS,
     D(2025, 4, 13), S.DUE),
    ("lindqvist_staffing", D(2025, 4, 29), "lindqvist-2025-03", K.SUPERVISORY_STAFFING,
     D(2025, 4, 30), S.DUE),
]


@pytest.mark.parametrize(("fixture", "as_of", "subject", "kind", "due", "status"),
                         AFTER_AS_OF, ids=[r[0] for r in AFTER_AS_OF])
def test_events_dated_after_as_of_are_ignored(fixture: str, as_of: date, subject: str,
                                              kind: DeadlineKind, due: date,
                                              status: DeadlineStatus) -> None:
    """An event dated after ``as_of`` does not meet a deadline yet."""
    deadline = one(run(fixture, MS, as_of), subject, kind, due)
    expected = (status, None, None)
    actual = (deadline.status, deadline.met_by, deadline.met_on)
    assert expected == actual


def test_entered_care_ignores_a_finding_dated_after_as_of() -> None:
    """As of 2025-03-20, Emma's finding of 2025-04-02 is in the future: she enters on 05-09."""
    result = run("chen_early_finding", as_of=D(2025, 3, 20))
    expected = ((D(2025, 5, 9),), [D(2025, 11, 9)])
    actual = (tuple(ec.entered_on for ec in child(result, "emma").entered_care),
              [d.due_on for d in of(result, "emma", K.PERIODIC_REVIEW)])
    assert expected == actual


def test_asfa_projection_ignores_a_runaway_dated_after_as_of() -> None:
    """As of 2023-12-01, Remy's later runaway is unknown: the projection is entered + 456 days."""
    case = INPUTS["fontaine_runaway"][0]
    expected = D(2023, 6, 20) + timedelta(days=ASFA_DAYS - 1)
    actual = asfa_15_of_22(case, "remy", policy=FEDERAL, as_of=D(2023, 12, 1)).projected_on
    assert expected == actual


def test_asfa_threshold_is_projected_before_the_date_entered_care() -> None:
    """Five days after removal, Kai's 15-month date is already projected as 2024-06-04."""
    result = run("harper_tpr_filed", as_of=D(2023, 1, 10))
    (deadline,) = of(result, "kai", K.TPR_PETITION)
    expected = (D(2024, 6, 4), S.UPCOMING)
    actual = (deadline.due_on, deadline.status)
    assert expected == actual


def test_placement_change_after_reentry_gives_one_deadline() -> None:
    """A new placement in Jade's second episode makes one plan-update deadline, not two.

    Regression test: a placement change of a later episode used to be reported under every
    earlier episode too, against that episode's plans.
    """
    case = INPUTS["dubois_reentry"][0]
    first, second = case.removal_episodes
    second = attrs.evolve(second, placements=(
        attrs.evolve(second.placements[0], end=D(2024, 9, 30)),
        FX._placed("pl-jade-3", FX.FOSTER, D(2024, 10, 1))))
    case = attrs.evolve(case, removal_episodes=(first, second))
    policy = FEDERAL.derive(code="XX-PC", name="Plan after placement change",
                            plan_update_after_placement_change=Period(30, "days"))
    deadlines = of(schedule(case, policy=policy, as_of=D(2025, 2, 1)), "jade",
                   K.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE)
    expected = [(D(2024, 10, 31), S.MET_ON_TIME, "plan-4")]
    actual = [(d.due_on, d.status, d.met_by) for d in deadlines]
    assert expected == actual


def test_asfa_counts_overlapping_days_once() -> None:
    """Two overlapping episodes of Kai count each day in care once (17.94 months, not 33)."""
    case = INPUTS["harper_tpr_filed"][0]
    extra = attrs.evolve(case.removal_episodes[0], id="ep-kai-dup", removed_on=D(2023, 6, 1),
                         placements=())
    case = attrs.evolve(case, removal_episodes=(*case.removal_episodes, extra))
    expected = 17.94
    actual = asfa_15_of_22(case, "kai", policy=FEDERAL, as_of=D(2024, 9, 1)).months_in_care
    assert expected == actual


@pytest.mark.parametrize(("policy", "expected"), [(FEDERAL, 0), (CA, 0), (MS, 5)],
                         ids=["FEDERAL", "CA", "MS"])
def test_supervisory_staffing_is_checked_only_under_ms(policy: PolicyProfile,
                                                       expected: int) -> None:
    """Monthly staffing deadlines exist only under MS; elsewhere one not-applicable entry."""
    found = of(run("lindqvist_staffing", policy), "lindqvist-2025-03", K.SUPERVISORY_STAFFING)
    actual = len([d for d in found if d.status is not S.NOT_APPLICABLE])
    assert expected == actual
    if expected == 0:
        assert [d.status for d in found] == [S.NOT_APPLICABLE]
        assert "does not require monthly supervisory staffing" in found[0].reason


def test_missed_staffing_month_is_overdue_under_ms() -> None:
    """Lindqvist: March and April (on Apr 30) met, May missed, June met, July due."""
    expected = [S.MET_ON_TIME, S.MET_ON_TIME, S.OVERDUE, S.MET_ON_TIME, S.DUE]
    actual = [d.status for d in of(run("lindqvist_staffing", MS), "lindqvist-2025-03",
                                   K.SUPERVISORY_STAFFING)]
    assert expected == actual


CLOSURE = [
    ("jensen_in_home", FEDERAL, None, S.NOT_APPLICABLE),
    ("jensen_in_home", CA, None, S.NOT_APPLICABLE),
    ("jensen_in_home", MS, D(2025, 3, 7), S.MET_ON_TIME),
    ("lindqvist_staffing", MS, D(2025, 4, 30), S.OVERDUE),
    ("alvarez_month_end", FEDERAL, None, S.NOT_APPLICABLE),
    ("alvarez_month_end", MS, D(2025, 4, 1), S.OVERDUE),
]


@pytest.mark.parametrize(("fixture", "policy", "due", "status"), CLOSURE,
                         ids=[f"{r[0]}-{r[1].code}" for r in CLOSURE])
def test_safe_closure_criteria_deadline_only_where_the_profile_requires_it(
        fixture: str, policy: PolicyProfile, due: date | None, status: DeadlineStatus) -> None:
    """Safe closure criteria are due with the first plan under MS and not applicable elsewhere."""
    result = run(fixture, policy)
    (deadline,) = of(result, result.case_id, K.SAFE_CLOSURE_CRITERIA)
    expected = (due, status)
    actual = (deadline.due_on, deadline.status)
    assert expected == actual


# -- junk input -------------------------------------------------------------------------------

EXAMPLE = load_example()
JUNK: list[tuple[str, Callable[[], object], str]] = [
    ("dict-case", lambda: schedule({"id": "x"}, policy=FEDERAL,  # type: ignore[arg-type]
                                   as_of=D(2026, 6, 1)), "'case'"),
    ("datetime-as-of", lambda: schedule(EXAMPLE, policy=FEDERAL,
                                        as_of=datetime(2026, 6, 1)), "'as_of'"),
    ("string-as-of", lambda: schedule(EXAMPLE, policy=FEDERAL,
                                      as_of="2026-06-01"), "'as_of'"),  # type: ignore[arg-type]
    ("none-as-of", lambda: schedule(EXAMPLE, policy=FEDERAL,
                                    as_of=None), "'as_of'"),  # type: ignore[arg-type]
    ("code-policy", lambda: schedule(EXAMPLE, policy="FEDERAL",  # type: ignore[arg-type]
                                     as_of=D(2026, 6, 1)), "'policy'"),
    ("dict-policy", lambda: schedule(EXAMPLE, policy={"code": "MS"},  # type: ignore[arg-type]
                                     as_of=D(2026, 6, 1)), "'policy'"),
    ("asfa-datetime", lambda: asfa_15_of_22(EXAMPLE, "ava", policy=FEDERAL,
                                            as_of=datetime(2026, 6, 1)), "'as_of'"),
    ("asfa-dict-case", lambda: asfa_15_of_22({}, "ava", policy=FEDERAL,  # type: ignore[arg-type]
                                             as_of=D(2026, 6, 1)), "'case'"),
]


@pytest.mark.parametrize(("make", "fragment"), [pytest.param(m, f, id=i) for i, m, f in JUNK])
def test_junk_input_raises_invalid_input_error(make: Callable[[], object],
                                               fragment: str) -> None:
    """A wrong kind of argument raises InvalidInputError, also a TypeError, naming the argument."""
    with pytest.raises(InvalidInputError, match=fragment) as info:
        make()
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, PracticeModelError)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=12), st.datetimes(),
                 st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
def test_any_non_date_as_of_raises_invalid_input_error(as_of: object) -> None:
    """Anything but a plain date as ``as_of`` raises InvalidInputError."""
    with pytest.raises(InvalidInputError):
        schedule(EXAMPLE, policy=FEDERAL, as_of=as_of)  # type: ignore[arg-type]


# -- laws for any valid case, under every shipped profile -------------------------------------

AS_OF = event_dates()


def _shift(value: Any, days: int) -> Any:
    """Return ``value`` with every date in it (nested records included) moved ``days`` later."""
    if type(value) is date:
        return value + timedelta(days=days)
    if isinstance(value, tuple):
        return tuple(_shift(item, days) for item in value)
    if attrs.has(type(value)):
        return type(value)(**{f.alias: _shift(getattr(value, f.name), days)
                              for f in attrs.fields(type(value)) if f.init})
    return value


def _check_deadline(d: Deadline, as_of: date, policy: PolicyProfile) -> list[str]:
    """Return the ways ``d`` breaks the status rules (empty if none)."""
    problems = []
    met = d.status in (S.MET_ON_TIME, S.MET_LATE)
    if d.due_on is not None and d.anchor_on is not None and d.due_on < d.anchor_on:
        problems.append("due before its anchor")
    if not d.reason.strip():
        problems.append("no reason")
    if met != (d.met_by is not None) or met != (d.met_on is not None):
        problems.append("met_by/met_on given exactly when met")
    if met and d.met_on is not None and (d.due_on is None or d.met_on > as_of):
        problems.append("met without a due date, or by an event after as_of")
    if d.status is S.MET_ON_TIME and not (d.met_on and d.due_on and d.met_on <= d.due_on):
        problems.append("met on time after the due date")
    if d.status is S.MET_LATE and not (d.met_on and d.due_on and d.met_on > d.due_on):
        problems.append("met late on or before the due date")
    window = policy.due_soon_window.after(as_of)
    if d.status is S.OVERDUE and not (d.due_on and d.due_on < as_of):
        problems.append("overdue but not past due")
    if d.status is S.DUE and not (d.due_on and as_of <= d.due_on <= window):
        problems.append("due but not within the window")
    if d.status is S.UPCOMING and not (d.due_on and d.due_on > window):
        problems.append("upcoming but within the window")
    if d.status is not S.NOT_APPLICABLE and d.due_on is None:
        problems.append("no due date")
    return [f"{p}: {d}" for p in problems]


@pytest.mark.parametrize("policy", SHIPPED)
@given(case=cases(), as_of=AS_OF)
def test_schedule_never_raises_and_statuses_are_consistent(policy: PolicyProfile, case: Case,
                                                           as_of: date) -> None:
    """On any valid case: due dates never precede anchors and every status is self-consistent."""
    result = schedule(case, policy=policy, as_of=as_of)
    expected: list[str] = []
    actual = [p for d in result.all_deadlines() for p in _check_deadline(d, as_of, policy)]
    assert expected == actual
    for c in result.children:
        if c.asfa is None:
            continue
        assert c.asfa.months_in_care >= 0
        # Overlapping episodes count each day once, so the count never exceeds the window.
        assert c.asfa.months_in_care <= policy.asfa_window_months + 1
        if c.asfa.petition_required:
            assert c.asfa.exception is None
            assert c.asfa.threshold_on is not None
            assert c.asfa.threshold_on <= as_of


@pytest.mark.parametrize("policy", SHIPPED)
@given(data=st.data(), case=cases(), as_of=AS_OF)
def test_schedule_is_deterministic_and_ignores_record_order(policy: PolicyProfile,
                                                            data: st.DataObject, case: Case,
                                                            as_of: date) -> None:
    """The schedule is the same on every call and whatever order the events are recorded in."""
    changes: dict[str, Any] = {
        name: tuple(data.draw(st.permutations(getattr(case, name)), label=name))
        for name in ("contacts", "hearings", "judicial_findings", "plans", "staffings",
                     "tpr_petitions", "tpr_exceptions", "strengths_needs_assessments")}
    shuffled = attrs.evolve(case, **changes)
    expected = schedule(case, policy=policy, as_of=as_of)
    assert expected == schedule(case, policy=policy, as_of=as_of)
    actual = schedule(shuffled, policy=policy, as_of=as_of)
    assert expected == actual


@pytest.mark.parametrize("policy", SHIPPED)
@given(case=cases(), as_of=AS_OF, days=st.integers(1, 400))
def test_later_dates_never_give_earlier_deadlines(policy: PolicyProfile, case: Case,
                                                  as_of: date, days: int) -> None:
    """Moving a whole case and as_of later never makes a deadline from the same anchor earlier."""
    later = _shift(case, days)
    before = schedule(case, policy=policy, as_of=as_of)
    after = schedule(later, policy=policy, as_of=as_of + timedelta(days=days))
    for episode, moved in zip(case.removal_episodes, later.removal_episodes, strict=True):
        assert entered_foster_care(case, episode, policy=policy).entered_on <= \
            entered_foster_care(later, moved, policy=policy).entered_on
    monthly = {K.CASEWORKER_VISIT_CHILD, K.CASEWORKER_VISIT_PARENT, K.SUPERVISORY_STAFFING,
               K.TPR_PETITION}

    def by_anchor(result: CaseSchedule, shift: int) -> dict[tuple[Any, ...], list[date]]:
        out: dict[tuple[Any, ...], list[date]] = defaultdict(list)
        for d in result.all_deadlines():
            if d.kind not in monthly and d.anchor_on is not None and d.due_on is not None:
                out[d.subject_id, d.kind, d.anchor_on - timedelta(days=shift)].append(d.due_on)
        return out

    old, new = by_anchor(before, 0), by_anchor(after, days)
    earlier = [(key, old[key], new[key]) for key in old.keys() & new.keys()
               if len(old[key]) == len(new[key])
               and any(n < o for o, n in zip(sorted(old[key]), sorted(new[key]), strict=True))]
    expected: list[Any] = []
    assert expected == earlier


@pytest.mark.parametrize("policy", SHIPPED)
@given(case=cases(), as_of=AS_OF)
def test_events_after_as_of_do_not_change_the_schedule(policy: PolicyProfile, case: Case,
                                                       as_of: date) -> None:
    """Deleting contacts, hearings, plans, petitions and staffings after as_of changes nothing."""
    plans = tuple(p for p in case.plans if p.completed_on <= as_of)
    hearings = tuple(h for h in case.hearings if h.held_on <= as_of)
    kept = {h.id for h in hearings}
    truncated = attrs.evolve(
        case,
        contacts=tuple(c for c in case.contacts if c.occurred_on <= as_of),
        hearings=hearings,
        judicial_findings=tuple(f if f.hearing_id in kept or f.hearing_id is None
                                else attrs.evolve(f, hearing_id=None)
                                for f in case.judicial_findings),
        plans=plans,
        services=() if len(plans) < len(case.plans) else case.services,
        # the needs name services: they go with them (the schedule reads neither)
        well_being_needs=() if len(plans) < len(case.plans) else case.well_being_needs,
        involvement_events=() if len(plans) < len(case.plans) else case.involvement_events,
        tpr_petitions=tuple(p for p in case.tpr_petitions if p.filed_on <= as_of),
        tpr_exceptions=tuple(e for e in case.tpr_exceptions if e.documented_on <= as_of),
        staffings=tuple(s for s in case.staffings if s.held_on <= as_of),
    )
    expected = schedule(case, policy=policy, as_of=as_of)
    actual = schedule(truncated, policy=policy, as_of=as_of)
    assert expected == actual


@pytest.mark.parametrize("policy", SHIPPED)
@given(first=st.dates(D(1990, 1, 1), D(2090, 12, 31)), gap=st.integers(0, 4000))
def test_every_profile_period_is_monotone(policy: PolicyProfile, first: date, gap: int) -> None:
    """For every period of a profile, a later anchor never gives an earlier date."""
    second = first + timedelta(days=gap)
    periods = [getattr(policy, f.name) for f in attrs.fields(PolicyProfile)
               if isinstance(getattr(policy, f.name), Period)]
    assert periods
    expected: list[Period] = []
    actual = [p for p in periods if p.after(second) < p.after(first)]
    assert expected == actual


@pytest.mark.parametrize("policy", SHIPPED)
@given(removed=st.dates(D(2019, 2, 1), D(2060, 12, 31)), days=st.integers(0, 800))
def test_asfa_threshold_is_456_days_after_entry_in_continuous_care(
        policy: PolicyProfile, removed: date, days: int) -> None:
    """For one continuous episode, the threshold is entered care + 456 days whenever as_of is."""
    case = INPUTS["harper_tpr_filed"][0]
    episode = attrs.evolve(case.removal_episodes[0], removed_on=removed,
                           placements=(attrs.evolve(case.removal_episodes[0].placements[0],
                                                    start=removed),))
    case = attrs.evolve(case, opened_on=removed, removal_episodes=(episode,), tpr_petitions=(),
                        plans=(), hearings=(), contacts=())
    entered = entered_foster_care(case, episode, policy=policy).entered_on
    as_of = entered + timedelta(days=days)
    expected = entered + timedelta(days=ASFA_DAYS - 1)
    actual = fifteen_months_on(asfa_15_of_22(case, "kai", policy=policy, as_of=as_of))
    assert expected == actual
    assert PlacementSetting.FOSTER_FAMILY_NON_RELATIVE is episode.placements[0].setting


def test_placement_change_before_the_first_plan_needs_no_update() -> None:
    """Leo's move on 2026-02-24 precedes the initial plan, so no update deadline follows it."""
    case = load_example()
    policy = FEDERAL.derive(code="XX-PC", name="Plan after placement change",
                            plan_update_after_placement_change=Period(30, "days"))
    expected: list[Deadline] = []
    actual = of(schedule(case, policy=policy, as_of=D(2026, 11, 22)), "leo",
                K.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE)
    assert expected == actual


def test_policy_disabled_rules_are_reported_not_applicable() -> None:
    """Under FEDERAL, reassessment and placement-change updates show as not applicable."""
    result = schedule(load_example(), policy=FEDERAL, as_of=D(2026, 11, 22))
    for kind in (K.STRENGTHS_NEEDS_ASSESSMENT, K.PLAN_UPDATE_AFTER_PLACEMENT_CHANGE):
        found = of(result, "ava", kind)
        assert [d.status for d in found] == [S.NOT_APPLICABLE]
        assert found[0].reason.startswith("the FEDERAL profile sets no")


# -- ASFA in the present tense, with its history apart (issue 10) ------------------------------


BORN = D(2005, 1, 1)
EARLY_BORN = D(1985, 1, 1)
EXITED = D(2025, 4, 1)


def _one_episode(removed: date, exit_on: date | None, *, finding_on: date | None = None,
                 born: date = BORN, **fields: Any) -> Case:
    """A one-child case ("kit") with one episode in a counted setting, nothing else recorded."""
    episode = FX._episode("ep-kit", "kit", removed,
                          FX._placed("pl-kit", FX.FOSTER, removed, exit_on),
                          exit_on=exit_on, finding_on=finding_on)
    return FX._case("one-episode", opened_on=removed, children={"kit": born},
                    removal_episodes=(episode,), **fields)


LEFT_CARE = _one_episode(D(2015, 3, 1), D(2017, 3, 1))


def test_asfa_petition_is_not_required_after_the_child_left_care() -> None:
    """In care 2015-03-01 to 2017-03-01, asked on 2026-01-01: no petition is required today.

    Regression test (issue 10): ``petition_required`` stayed ``True`` forever once the
    threshold had been reached. 42 USC 675(5)(E) asks about "the most recent 22 months",
    counted on the date asked; the threshold reached on 2016-07-29 (entered care 2015-04-30,
    60 days after removal, + 456 days) and the petition never filed stay as history.
    """
    result = asfa_15_of_22(LEFT_CARE, "kit", policy=FEDERAL, as_of=D(2026, 1, 1))
    expected = (False, False, 0.0, None, D(2016, 7, 29), False)
    actual = (result.petition_required, result.in_care, result.months_in_care,
              result.projected_on, result.threshold_on, result.petition_filed_in_time)
    assert expected == actual
    assert "not in foster care on 2026-01-01" in result.reason


def test_tpr_deadline_of_a_child_who_left_care_is_history() -> None:
    """The missed petition stays a missed deadline, and the reason says none is needed now."""
    (deadline,) = of(schedule(LEFT_CARE, policy=FEDERAL, as_of=D(2026, 1, 1)), "kit",
                     K.TPR_PETITION)
    expected = (D(2016, 7, 29), S.OVERDUE)
    actual = (deadline.due_on, deadline.status)
    assert expected == actual
    assert "so no petition is required now" in deadline.reason


@pytest.mark.parametrize(("as_of", "required", "in_care"), [
    (D(2016, 7, 28), False, True),   # the day before 15 months: not yet
    (D(2016, 7, 29), True, True),    # 457 days counted
    (D(2017, 2, 28), True, True),    # the last day in care
    (D(2017, 3, 1), False, False),   # the day of exit: no longer in care
])
def test_asfa_petition_required_only_while_in_care_at_the_threshold(
        as_of: date, required: bool, in_care: bool) -> None:
    """Around the threshold and the exit, ``petition_required`` follows the date asked."""
    result = asfa_15_of_22(LEFT_CARE, "kit", policy=FEDERAL, as_of=as_of)
    expected = (required, in_care)
    actual = (result.petition_required, result.in_care)
    assert expected == actual


def test_asfa_history_records_whether_the_petition_was_filed_in_time() -> None:
    """Kai's petition (2024-05-20) came before the threshold (2024-06-04); Remy's after it."""
    kai = asfa_15_of_22(INPUTS["harper_tpr_filed"][0], "kai", policy=FEDERAL,
                        as_of=D(2024, 9, 1))
    remy = asfa_15_of_22(INPUTS["fontaine_runaway"][0], "remy", policy=FEDERAL,
                         as_of=D(2025, 1, 6))
    expected = [(D(2024, 6, 4), "tpr-kai", True), (D(2024, 11, 17), "tpr-remy", False)]
    actual = [(r.threshold_on, r.petition_id, r.petition_filed_in_time) for r in (kai, remy)]
    assert expected == actual


def test_an_exception_when_the_threshold_was_reached_means_no_petition_later() -> None:
    """Chika lived with her aunt when she reached 15 months (2024-06-04) and moved to a
    non-relative home on 2024-07-02: no petition is required on 2024-09-01 either, because the
    rule need only be applied once (45 CFR 1356.21(i)(1)(i)(D))."""
    case = INPUTS["ito_tpr_exceptions"][0]
    chika = next(e for e in case.removal_episodes if e.child_id == "chika")
    moved = attrs.evolve(chika, placements=(
        attrs.evolve(chika.placements[0], end=D(2024, 7, 1)),
        FX._placed("pl-chika-2", FX.FOSTER, D(2024, 7, 2))))
    case = attrs.evolve(case, removal_episodes=tuple(
        moved if e.id == chika.id else e for e in case.removal_episodes))
    result = schedule(case, policy=FEDERAL, as_of=D(2024, 9, 1))
    asfa = child(result, "chika").asfa
    (deadline,) = of(result, "chika", K.TPR_PETITION)
    expected = (None, TprExceptionKind.RELATIVE_CARE, False, None, S.NOT_APPLICABLE)
    actual = (asfa.exception, asfa.exception_at_threshold, asfa.petition_required,
              asfa.petition_filed_in_time, deadline.status)
    assert expected == actual
    assert "need only be applied once" in asfa.reason


def _in_care_on(case: Case, child_id: str, day: date) -> bool:
    return any(e.removed_on <= day and (e.exit_on is None or day < e.exit_on)
               for e in case.episodes_for(child_id))


@pytest.mark.parametrize("policy", SHIPPED)
@given(case=cases(), as_of=AS_OF)
def test_a_child_not_in_care_on_as_of_is_never_petition_required(
        policy: PolicyProfile, case: Case, as_of: date) -> None:
    """Law: ``petition_required`` implies the child is in care on ``as_of`` and at or above
    15 months counted on that date; ``in_care`` is read from the episodes."""
    for child_id in case.child_ids:
        result = asfa_15_of_22(case, child_id, policy=policy, as_of=as_of)
        assert result.in_care == _in_care_on(case, child_id, as_of)
        if not result.in_care:
            assert not result.petition_required
        if result.petition_required:
            assert result.months_in_care * policy.asfa_days_per_month >= 456
            assert result.threshold_on is not None
            assert result.threshold_on <= as_of
        if result.threshold_on is not None:
            assert result.threshold_on <= as_of
            assert (result.petition_filed_in_time is None) == (
                result.exception is not None or result.exception_at_threshold is not None)
        if result.projected_on is not None:
            assert result.in_care
            assert result.projected_on > as_of
            assert not result.petition_required


@given(removed=st.dates(D(1990, 1, 1), D(2100, 12, 31)), stay=st.integers(1, 1500),
       asked=st.integers(-30, 2500))
def test_petition_required_is_in_care_and_457_days_in_the_window_ending_on_as_of(
        removed: date, stay: int, asked: int) -> None:
    """Law, by an independent count: for one episode entered on removal (finding that day),
    a petition is required exactly when the child is in care on ``as_of`` and the days in
    care inside the 22 months ending on ``as_of`` reach 457 (15 * 365.25 / 12, rounded up)."""
    exit_on = removed + timedelta(days=stay)
    case = _one_episode(removed, exit_on, finding_on=removed, born=EARLY_BORN)
    as_of = removed + timedelta(days=asked)
    window_start = add_months(as_of, -22) + timedelta(days=1)
    counted = max(0, (min(exit_on, as_of + timedelta(days=1)) - max(removed, window_start)).days)
    in_care = removed <= as_of < exit_on
    policy = FEDERAL.derive(effective_from=EARLIEST_DATE)
    result = asfa_15_of_22(case, "kit", policy=policy, as_of=as_of)
    expected = (in_care and counted >= ASFA_DAYS, in_care, round(counted / (365.25 / 12), 2))
    actual = (result.petition_required, result.in_care, result.months_in_care)
    assert expected == actual


@pytest.mark.parametrize("policy", SHIPPED)
@given(case=cases(), as_of=AS_OF, days=st.integers(1, 3000))
def test_the_day_the_threshold_was_first_reached_never_changes_later(
        policy: PolicyProfile, case: Case, as_of: date, days: int) -> None:
    """Law: history is fixed: once reached, ``threshold_on`` is the same asked any day later."""
    later = min(as_of + timedelta(days=days), LATEST_DATE)
    for child_id in case.child_ids:
        first = asfa_15_of_22(case, child_id, policy=policy, as_of=as_of).threshold_on
        if first is not None:
            expected = first
            actual = asfa_15_of_22(case, child_id, policy=policy, as_of=later).threshold_on
            assert expected == actual


# -- recurring deadlines: each period without one is its own missed deadline (issue 10) -------

NO_HEARINGS = attrs.evolve(INPUTS["harper_tpr_filed"][0], hearings=())


def test_a_year_without_a_periodic_review_is_two_missed_reviews() -> None:
    """Kai entered care 2023-03-06; with no review by 2024-03-07, two reviews are overdue.

    Regression test (issue 10): the schedule showed one overdue review forever. 42 USC
    675(5)(B) asks for a review "no less frequently than once every six months", so the
    six months to 2023-09-06 and the six to 2024-03-06 are two missed reviews, and the next
    is due 2024-09-06.
    """
    result = schedule(NO_HEARINGS, policy=FEDERAL, as_of=D(2024, 3, 7))
    expected = [(D(2023, 9, 6), S.OVERDUE), (D(2024, 3, 6), S.OVERDUE),
                (D(2024, 9, 6), S.UPCOMING)]
    actual = [(d.due_on, d.status) for d in of(result, "kai", K.PERIODIC_REVIEW)]
    assert expected == actual
    assert "missed" in of(result, "kai", K.PERIODIC_REVIEW)[0].reason


def test_the_next_due_date_keeps_moving_forward() -> None:
    """Three years without a review or hearing: six missed reviews, three missed hearings and
    three missed findings on efforts to finalize, each next one due after ``as_of``."""
    as_of = D(2026, 3, 10)
    result = schedule(NO_HEARINGS, policy=FEDERAL, as_of=as_of)
    expected = {K.PERIODIC_REVIEW: (6, D(2026, 9, 6)), K.PERMANENCY_HEARING: (3, D(2027, 3, 6)),
                K.EFFORTS_TO_FINALIZE_PERMANENCY: (3, D(2027, 3, 6))}
    actual = {}
    for kind in expected:
        found = of(result, "kai", kind)
        actual[kind] = (sum(d.status is S.OVERDUE for d in found), found[-1].due_on)
        assert all(d.anchor_on == D(2023, 3, 6) for d in found)
    assert expected == actual


def test_a_review_after_a_long_gap_meets_the_last_period_late() -> None:
    """A review on 2024-05-01: the period to 2023-09-06 was missed, the review meets the one
    due 2024-03-06 late, and the next is due six months after it (2024-11-01)."""
    case = attrs.evolve(NO_HEARINGS, hearings=(
        FX._hearing("rev-late", HearingKind.PERIODIC_REVIEW, D(2024, 5, 1), "kai"),))
    result = schedule(case, policy=FEDERAL, as_of=D(2024, 9, 1))
    expected = [(D(2023, 9, 6), S.OVERDUE, None), (D(2024, 3, 6), S.MET_LATE, "rev-late"),
                (D(2024, 11, 1), S.UPCOMING, None)]
    actual = [(d.due_on, d.status, d.met_by) for d in of(result, "kai", K.PERIODIC_REVIEW)]
    assert expected == actual


def test_plan_updates_missed_for_a_year_are_two() -> None:
    """Jensen's plan update due 2025-08-20 was met late on 2025-09-02; with no later plan,
    the updates due 2026-03-02 and 2026-09-02 are both overdue by 2026-09-03."""
    result = schedule(INPUTS["jensen_in_home"][0], policy=FEDERAL, as_of=D(2026, 9, 3))
    expected = [(D(2025, 8, 20), S.MET_LATE), (D(2026, 3, 2), S.OVERDUE),
                (D(2026, 9, 2), S.OVERDUE), (D(2027, 3, 2), S.UPCOMING)]
    actual = [(d.due_on, d.status) for d in of(result, "lena", K.CASE_PLAN_UPDATE)]
    assert expected == actual


RECURRING_KINDS = [K.PERIODIC_REVIEW, K.PERMANENCY_HEARING, K.EFFORTS_TO_FINALIZE_PERMANENCY]


@pytest.mark.parametrize("kind", RECURRING_KINDS, ids=[k.value for k in RECURRING_KINDS])
@given(entered=st.dates(D(1990, 1, 1), D(2150, 12, 31)), days=st.integers(0, 6000))
def test_missed_deadlines_are_the_whole_periods_without_one(
        kind: DeadlineKind, entered: date, days: int) -> None:
    """Law: with none held, the missed deadlines are the whole periods since entering care
    that ended before ``as_of`` (floor(months without one / 6) for reviews, / 12 for
    hearings and findings), each n periods after the anchor; then exactly one open deadline,
    due on or after ``as_of``."""
    policy = FEDERAL.derive(effective_from=EARLIEST_DATE)
    case = _one_episode(entered, None, finding_on=entered, born=EARLY_BORN)
    as_of = entered + timedelta(days=days)
    months = {K.PERIODIC_REVIEW: 6}.get(kind, 12)
    whole = 0
    while add_months(entered, months * (whole + 1)) < as_of:
        whole += 1
    found = of(schedule(case, policy=policy, as_of=as_of), "kit", kind)
    expected = ([add_months(entered, months * n) for n in range(1, whole + 2)],
                [S.OVERDUE] * whole)
    actual = ([d.due_on for d in found], [d.status for d in found[:-1]])
    assert expected == actual
    assert found[-1].status in (S.DUE, S.UPCOMING)
    assert found[-1].due_on is not None
    assert found[-1].due_on >= as_of


@given(entered=st.dates(D(1990, 1, 1), D(2150, 12, 31)), gap=st.integers(1, 3000),
       after=st.integers(0, 1000))
def test_one_late_review_leaves_the_earlier_whole_periods_missed(
        entered: date, gap: int, after: int) -> None:
    """Law: a single review ``gap`` days after entering care meets the first due date on time
    if it is on or before it; otherwise it meets the last due date before it late, and every
    earlier due date is missed. The next is due six months after the review."""
    policy = FEDERAL.derive(effective_from=EARLIEST_DATE)
    held = entered + timedelta(days=gap)
    case = _one_episode(entered, None, finding_on=entered, born=EARLY_BORN,
                        hearings=(FX._hearing("rev", HearingKind.PERIODIC_REVIEW, held,
                                              "kit"),))
    as_of = held + timedelta(days=after)
    found = of(schedule(case, policy=policy, as_of=as_of), "kit", K.PERIODIC_REVIEW)
    before = [d for d in found if d.anchor_on == entered]
    late = 0
    while add_months(entered, 6 * (late + 1)) < held:
        late += 1
    expected_statuses = ([S.MET_ON_TIME] if late == 0 else
                         [S.OVERDUE] * (late - 1) + [S.MET_LATE])
    expected = (expected_statuses, add_months(held, 6))
    actual = ([d.status for d in before], found[len(before)].due_on)
    assert expected == actual


# -- the first judicial finding: one source of truth (issue 10) ---------------------------------


def _with_finding(*, field: date | None = None, record: date | None = None,
                  exit_on: date | None = EXITED) -> Case:
    """Emma-like: removed 2025-03-10 (+ 60 days = 2025-05-09), maybe exited 2025-04-01, with
    the first finding of abuse or neglect in the episode field, a record, or both."""
    records = (FX._finding("an-kit", FindingKind.ABUSE_OR_NEGLECT, record, "kit"),) \
        if record is not None else ()
    return _one_episode(D(2025, 3, 10), exit_on, finding_on=field, judicial_findings=records)


def _entered_on(case: Case, as_of: date | None = None) -> date:
    return entered_foster_care(case, case.removal_episodes[0], policy=FEDERAL,
                               as_of=as_of).entered_on


def test_a_finding_after_the_exit_is_ignored_wherever_it_is_recorded() -> None:
    """A finding dated 2025-04-05, after the exit on 2025-04-01, does not make the child enter
    care on 2025-04-05, whether recorded on the episode or as a finding record.

    Regression test (issue 10): the episode field was used and the record ignored.
    """
    expected = [D(2025, 5, 9), D(2025, 5, 9)]
    actual = [_entered_on(_with_finding(field=D(2025, 4, 5))),
              _entered_on(_with_finding(record=D(2025, 4, 5)))]
    assert expected == actual


def test_the_earliest_finding_wins_whichever_place_holds_it() -> None:
    """Field 2025-04-20 and record 2025-03-20 (child still in care): entered on 2025-03-20.

    Regression test (issue 10): a recorded episode field hid an earlier finding record.
    """
    expected = [D(2025, 3, 20), D(2025, 3, 20)]
    actual = [_entered_on(_with_finding(field=D(2025, 4, 20), record=D(2025, 3, 20),
                                        exit_on=None)),
              _entered_on(_with_finding(field=D(2025, 3, 20), record=D(2025, 4, 20),
                                        exit_on=None))]
    assert expected == actual
    assert D(2025, 3, 20) == first_abuse_neglect_finding(
        _with_finding(field=D(2025, 4, 20), record=D(2025, 3, 20), exit_on=None),
        _with_finding(field=D(2025, 4, 20)).removal_episodes[0])


@given(finding=st.integers(0, 120), stay=st.one_of(st.none(), st.integers(0, 120)),
       asked=st.integers(0, 200))
def test_where_the_finding_is_recorded_never_changes_entered_care(
        finding: int, stay: int | None, asked: int) -> None:
    """Law: the same finding on the episode or as a record gives the same date entered foster
    care, the same schedule and the same ASFA count, asked on any day."""
    removed = D(2025, 3, 10)
    on = removed + timedelta(days=finding)
    exit_on = None if stay is None else removed + timedelta(days=stay)
    as_of = removed + timedelta(days=asked)
    field, record = _with_finding(field=on, exit_on=exit_on), _with_finding(record=on,
                                                                           exit_on=exit_on)
    assert _entered_on(field, as_of) == _entered_on(record, as_of)
    assert _entered_on(field) == _entered_on(record)
    one_, two = (schedule(c, policy=FEDERAL, as_of=as_of) for c in (field, record))
    assert one_.children[0].entered_care == two.children[0].entered_care
    assert one_.children[0].asfa == two.children[0].asfa
    assert one_.children[0].deadlines == two.children[0].deadlines


# -- trial home visits and runaway time: the rule, not a setting (issue 10) ---------------------


def test_asfa_exclusions_are_federal_law_not_a_profile_setting() -> None:
    """45 CFR 1356.21(i)(1)(i)(C) excludes trial home visits and runaway episodes; no profile
    can count them.

    Regression test (issue 10): ``asfa_excluded_settings`` was a profile field a state
    profile could empty.
    """
    assert frozenset({PlacementSetting.TRIAL_HOME_VISIT, PlacementSetting.RUNAWAY}) == \
        ASFA_NOT_COUNTED
    assert not [f.name for f in attrs.fields(PolicyProfile) if "excluded" in f.name]
    with pytest.raises(TypeError, match="asfa_excluded_settings"):
        FEDERAL.derive(asfa_excluded_settings=frozenset())


@given(case=cases(), kinds=st.frozensets(st.sampled_from(list(DeadlineKind))),
       monthly=st.booleans(), policy=st.sampled_from([MS, FEDERAL, CA]))
def test_a_schedule_of_some_kinds_is_the_whole_schedule_filtered(
        case: Case, kinds: frozenset[DeadlineKind], monthly: bool,
        policy: PolicyProfile) -> None:
    """``statutory_schedule(kinds=...)`` computes only those kinds, and each deadline is the
    one the whole schedule has, in the same order (the deadline rules and a review rely on
    it); the ASFA result comes with the TPR deadline only."""
    as_of = date(2026, 11, 22)
    whole = statutory_schedule(case, policy, as_of, monthly=monthly)
    some = statutory_schedule(case, policy, as_of, monthly=monthly, kinds=kinds)
    assert [c.child_id for c in some.children] == [c.child_id for c in whole.children]
    for part, full in zip(some.children, whole.children, strict=True):
        assert part.deadlines == tuple(d for d in full.deadlines if d.kind in kinds)
        assert part.entered_care == full.entered_care
        assert part.asfa == (full.asfa if DeadlineKind.TPR_PETITION in kinds else None)
    assert some.case_deadlines == tuple(d for d in whole.case_deadlines if d.kind in kinds)
