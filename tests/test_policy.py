"""Policy profiles: the registry, deriving a profile, its invariants, and the shipped settings."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.caseplan import PermanencyGoal
from practicemodel.errors import (
    InvalidRecordError,
    PracticeModelError,
    UnknownCodeError,
    UnknownPolicyError,
)
from practicemodel.periods import Period
from practicemodel.policy import (
    CA,
    FEDERAL,
    MS,
    MS_2010,
    PROFILES,
    Citation,
    PolicyProfile,
    get_policy,
    known_policies,
)

D = date
SHIPPED = [pytest.param(p, id=f"{p.code}-{p.effective_from}") for p in (FEDERAL, CA, MS_2010, MS)]
"""Every shipped version of every profile."""

# -- the registry ---------------------------------------------------------------------------


def test_known_policies_are_the_shipped_codes_in_order() -> None:
    """The registry knows FEDERAL, CA and MS, listed in sorted order."""
    expected = ("CA", "FEDERAL", "MS")
    actual = known_policies()
    assert expected == actual


@pytest.mark.parametrize(("code", "expected"), [
    ("FEDERAL", FEDERAL), ("federal", FEDERAL), ("Federal", FEDERAL),
    ("CA", CA), ("ca", CA), ("MS", MS), ("mS", MS),
])
def test_lookup_by_code_is_case_insensitive(code: str, expected: PolicyProfile) -> None:
    """A profile is found by its code in any letter case."""
    actual = get_policy(code)
    assert expected is actual


LOOKUPS = [
    # code, date, the version in effect
    ("FEDERAL", D(1997, 11, 19), FEDERAL), ("FEDERAL", D(2026, 6, 1), FEDERAL),
    ("CA", D(2013, 1, 1), CA), ("CA", D(2099, 12, 31), CA),
    ("MS", D(2010, 8, 1), MS_2010), ("MS", D(2015, 6, 1), MS_2010),
    ("MS", D(2020, 1, 31), MS_2010), ("MS", D(2020, 2, 1), MS), ("MS", D(2099, 12, 31), MS),
]


@pytest.mark.parametrize(("code", "on", "expected"), LOOKUPS,
                         ids=[f"{r[0]}-{r[1]}" for r in LOOKUPS])
def test_lookup_by_date_returns_the_version_in_effect(code: str, on: date,
                                                      expected: PolicyProfile) -> None:
    """On any day a version covers, that version is returned (in any letter case)."""
    actual = get_policy(code.lower(), on)
    assert expected is actual
    assert actual.in_effect_on(on)


def test_lookup_before_any_version_is_in_effect_names_the_ranges() -> None:
    """Asking for a date before the profile took effect raises, listing the effective ranges."""
    with pytest.raises(UnknownPolicyError,
                       match=r"2010-08-01 to 2020-01-31, 2020-02-01 to now") as info:
        get_policy("MS", D(1997, 11, 18))
    assert "1997-11-18" in str(info.value)


def test_mississippi_2005_is_refused_and_2015_has_no_monthly_staffing() -> None:
    """The improvement plan's monthly staffing applies from 2020-02-01, not before.

    Regression test (issue 10): every profile had one version effective 1997-11-19, so
    ``get_policy("MS", on=2005-01-01)`` applied the 2020 plan's monthly-staffing rule to 2005.
    """
    with pytest.raises(UnknownPolicyError, match="2005-01-01"):
        get_policy("MS", D(2005, 1, 1))
    expected = [False, False, True]
    actual = [get_policy("MS", on).supervisory_staffing_monthly
              for on in (D(2010, 8, 1), D(2020, 1, 31), D(2020, 2, 1))]
    assert expected == actual


@pytest.mark.parametrize(("code", "on", "first"), [
    ("MS", D(2010, 7, 31), "2010-08-01"), ("CA", D(2012, 12, 31), "2013-01-01"),
    ("FEDERAL", D(1997, 11, 18), "1997-11-19"),
])
def test_lookup_before_the_first_version_names_the_date_and_the_first_version(
        code: str, on: date, first: str) -> None:
    """A date before a jurisdiction's first version raises, naming the date and the ranges."""
    with pytest.raises(UnknownPolicyError, match=rf"{first} to ") as info:
        get_policy(code, on)
    assert on.isoformat() in str(info.value)
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("code", ["FEDERAL", "CA", "MS"])
def test_versions_are_dated_in_order_without_gaps(code: str) -> None:
    """A profile's versions run oldest first, each starting the day after the previous ends,
    the last still in effect, each under the profile's code."""
    versions = PROFILES[code]
    assert versions[-1].effective_until is None
    assert get_policy(code) is versions[-1]
    for before, after in pairwise(versions):
        assert before.effective_until is not None
        expected = before.effective_until + timedelta(days=1)
        actual = after.effective_from
        assert expected == actual
    assert {v.code for v in versions} == {code}


def test_mississippi_versions_differ_only_in_monthly_staffing() -> None:
    """The 2020 version adds the improvement plan's staffing to the 2010 practice model."""
    differing = {f.name for f in attrs.fields(PolicyProfile)
                 if getattr(MS_2010, f.name) != getattr(MS, f.name)}
    expected = {"name", "effective_from", "effective_until", "citations",
                "supervisory_staffing_monthly"}
    assert expected == differing
    assert set(MS_2010.citations) < set(MS.citations)
    assert any(c.source.startswith("seed 000") for c in MS_2010.citations)
    assert not any(c.source.startswith("seed 002") for c in MS_2010.citations)


@pytest.mark.parametrize("code", ["TX", "", "fed", "FEDERAL ", None, 42])
def test_unknown_code_error_lists_the_known_codes(code: Any) -> None:
    """An unknown code raises UnknownPolicyError, a LookupError listing the known codes."""
    with pytest.raises(UnknownPolicyError) as info:
        get_policy(code)
    error = info.value
    assert isinstance(error, LookupError)
    assert isinstance(error, UnknownCodeError)
    assert isinstance(error, PracticeModelError)
    expected = known_policies()
    actual = error.known
    assert expected == actual
    assert "known: CA, FEDERAL, MS" in str(error)
    assert repr(code) in str(error)


def test_registry_is_read_only() -> None:
    """The shipped registry cannot be changed in place."""
    with pytest.raises(TypeError):
        PROFILES["XX"] = (FEDERAL,)  # type: ignore[index]
    expected = ("CA", "FEDERAL", "MS")
    actual = tuple(sorted(PROFILES))
    assert expected == actual


# -- deriving a profile ---------------------------------------------------------------------


def test_derive_returns_a_new_profile_and_leaves_the_original_unchanged() -> None:
    """Deriving changes only the copy; the shipped profile keeps its values."""
    before = attrs.asdict(FEDERAL, recurse=False)
    derived = FEDERAL.derive(code="XX", name="Example state",
                             initial_plan_within=Period(30, "days"))
    expected = (Period(30, "days"), Period(60, "days"), "XX", "FEDERAL")
    actual = (derived.initial_plan_within, FEDERAL.initial_plan_within, derived.code,
              FEDERAL.code)
    assert expected == actual
    assert before == attrs.asdict(FEDERAL, recurse=False)
    assert derived.citations == FEDERAL.citations
    assert get_policy("FEDERAL") is FEDERAL


def test_profiles_are_frozen() -> None:
    """A profile cannot be changed in place."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        FEDERAL.initial_plan_within = Period(30, "days")  # type: ignore[misc]


INVALID = [
    pytest.param({"residence_visit_share": 1.5}, "'residence_visit_share'", id="share-above-1"),
    pytest.param({"residence_visit_share": -0.1}, "'residence_visit_share'", id="share-negative"),
    pytest.param({"residence_visit_share": True}, "'residence_visit_share'", id="share-bool"),
    pytest.param({"monthly_visit_target": "95%"}, "'monthly_visit_target'", id="target-text"),
    pytest.param({"permanency_goals": {PermanencyGoal.ADOPTION, PermanencyGoal.RETURN_HOME}},
                 "'goals_representing_permanency'", id="permanency-goals-not-subset"),
    pytest.param({"goals_representing_permanency": {PermanencyGoal.APPLA},
                  "permanency_goals": {PermanencyGoal.ADOPTION}},
                 "'goals_representing_permanency'", id="appla-not-in-use"),
    pytest.param({"effective_from": D(2026, 1, 1), "effective_until": D(2025, 12, 31)},
                 "'effective_until'", id="effective-range-reversed"),
    pytest.param({"asfa_window_months": 12}, "'asfa_window_months'", id="window-shorter"),
    pytest.param({"asfa_days_per_month": 0}, "'asfa_days_per_month'", id="zero-days-a-month"),
    pytest.param({"asfa_days_per_month": 32}, "'asfa_days_per_month'", id="32-days-a-month"),
    pytest.param({"asfa_days_per_month": float("nan")}, "'asfa_days_per_month'",
                 id="nan-days-a-month"),
    pytest.param({"asfa_window_months": 1201}, "'asfa_window_months'", id="window-too-long"),
    pytest.param({"periodic_review_every": Period(0, "months")}, "'periodic_review_every'",
                 id="review-every-0-months"),
    pytest.param({"plan_update_every": Period(0, "days")}, "'plan_update_every'",
                 id="update-every-0-days"),
    pytest.param({"permanency_hearing_within": Period(0, "years")},
                 "'permanency_hearing_within'", id="hearing-every-0-years"),
    pytest.param({"efforts_to_finalize_permanency_every": Period(0, "weeks")},
                 "'efforts_to_finalize_permanency_every'", id="findings-every-0-weeks"),
    pytest.param({"strengths_needs_every": Period(0, "months")}, "'strengths_needs_every'",
                 id="assessment-every-0-months"),
    pytest.param({"code": ""}, "'code'", id="empty-code"),
]


@pytest.mark.parametrize(("changes", "fragment"), INVALID)
def test_derive_validates_the_new_profile(changes: dict[str, Any], fragment: str) -> None:
    """A derived profile that breaks an invariant raises InvalidRecordError naming the field."""
    with pytest.raises(InvalidRecordError, match=fragment) as info:
        FEDERAL.derive(**changes)
    assert isinstance(info.value, PracticeModelError)
    assert isinstance(info.value, ValueError)


def test_every_invariant_problem_is_reported_at_once() -> None:
    """A profile breaking several invariants reports all of them in one error."""
    with pytest.raises(InvalidRecordError) as info:
        FEDERAL.derive(residence_visit_share=2, effective_until=D(1990, 1, 1))
    message = str(info.value)
    expected = (True, True)
    actual = ("'residence_visit_share'" in message, "'effective_until'" in message)
    assert expected == actual


@given(share=st.floats(-2, 3, allow_nan=False))
def test_share_is_valid_exactly_from_0_to_1(share: float) -> None:
    """A residence share derives cleanly exactly when it lies from 0 to 1."""
    if 0 <= share <= 1:
        expected = share
        actual = FEDERAL.derive(residence_visit_share=share).residence_visit_share
        assert expected == actual
    else:
        with pytest.raises(InvalidRecordError):
            FEDERAL.derive(residence_visit_share=share)


def test_effective_range_decides_in_effect_on() -> None:
    """A dated profile is in effect on its first and last day, and not outside them."""
    dated = FEDERAL.derive(code="XX", effective_from=D(2025, 7, 1),
                           effective_until=D(2026, 6, 30))
    expected = [False, True, True, False]
    actual = [dated.in_effect_on(d) for d in
              (D(2025, 6, 30), D(2025, 7, 1), D(2026, 6, 30), D(2026, 7, 1))]
    assert expected == actual


# -- the shipped profiles -------------------------------------------------------------------


@pytest.mark.parametrize("profile", SHIPPED)
def test_every_shipped_profile_cites_its_sources(profile: PolicyProfile) -> None:
    """Each shipped profile cites sources, each with a non-empty source and what it provides."""
    assert profile.citations
    expected: list[Citation] = []
    actual = [c for c in profile.citations if not c.source.strip() or not c.detail.strip()]
    assert expected == actual
    sources = " ".join(c.source for c in profile.citations)
    for statute in ("42 USC 675(5)(F)", "42 USC 675(5)(E)", "45 CFR 1356.21(g)"):
        assert statute in sources


@pytest.mark.parametrize(("profile", "seed"), [(CA, "seed 003"), (MS, "seed 002"),
                                               (MS, "seed 004"), (MS_2010, "seed 000"),
                                               (MS_2010, "seed 004")],
                         ids=["CA", "MS-2", "MS-4", "MS2010-0", "MS2010-4"])
def test_state_profiles_cite_their_seeds_and_the_federal_sources(profile: PolicyProfile,
                                                                 seed: str) -> None:
    """A state profile keeps the federal citations and adds the seed documents it rests on."""
    assert set(FEDERAL.citations) <= set(profile.citations)
    assert any(c.source.startswith(seed) for c in profile.citations)


def test_citation_source_must_not_be_empty() -> None:
    """A citation needs a source."""
    with pytest.raises(InvalidRecordError, match="'source'"):
        Citation(source="", detail="nothing")


SETTINGS = [
    # profile, concurrent planning, monthly staffing, child engagement age, closure criteria,
    # strengths and needs assessment period
    (FEDERAL, False, False, 14, False, None),
    (CA, True, False, 14, False, Period(6, "months")),
    (MS_2010, False, False, 4, True, None),
    (MS, False, True, 4, True, None),
]


@pytest.mark.parametrize("row", SETTINGS,
                         ids=[f"{row[0].code}-{row[0].effective_from}" for row in SETTINGS])
def test_shipped_profile_settings(row: tuple[Any, ...]) -> None:
    """CA requires concurrent planning; MS monthly staffing and engaging children from 4."""
    profile = row[0]
    expected = row[1:]
    actual = (profile.concurrent_planning_required, profile.supervisory_staffing_monthly,
              profile.child_engagement_min_age, profile.closure_criteria_in_first_plan,
              profile.strengths_needs_every)
    assert expected == actual


@pytest.mark.parametrize("profile", SHIPPED)
def test_shipped_profiles_keep_the_federal_timelines(profile: PolicyProfile) -> None:
    """No shipped state profile loosens a federal period or the ASFA 15-of-22 rule."""
    expected = (Period(60, "days"), Period(60, "days"), Period(6, "months"),
                Period(6, "months"), Period(12, "months"), Period(30, "days"), 15, 22, True)
    actual = (profile.entered_care_after_removal, profile.initial_plan_within,
              profile.plan_update_every, profile.periodic_review_every,
              profile.permanency_hearing_within, profile.permanency_hearing_after_no_efforts,
              profile.asfa_months_in_care, profile.asfa_window_months,
              profile.asfa_relative_care_exception)
    assert expected == actual


@pytest.mark.parametrize(("goal", "federal", "california"), [
    (PermanencyGoal.RETURN_HOME, True, True),
    (PermanencyGoal.ADOPTION, True, True),
    (PermanencyGoal.FIT_AND_WILLING_RELATIVE, True, False),
    (PermanencyGoal.LONG_TERM_FOSTER_CARE, False, False),
    (PermanencyGoal.STABLE_FOSTER_CARE_EMANCIPATION, False, False),
    (PermanencyGoal.APPLA, False, False),
])
def test_goals_representing_permanency(goal: PermanencyGoal, federal: bool,
                                       california: bool) -> None:
    """Long-term foster care and APPLA never represent permanency; CA drops the relative goal."""
    expected = (federal, california)
    actual = (FEDERAL.represents_permanency(goal), CA.represents_permanency(goal))
    assert expected == actual


def test_california_does_not_use_appla_or_the_relative_goal() -> None:
    """CA's goals are seed 003's nine: no APPLA, no fit and willing relative."""
    expected = frozenset(PermanencyGoal) - {PermanencyGoal.APPLA,
                                            PermanencyGoal.FIT_AND_WILLING_RELATIVE}
    actual = CA.permanency_goals
    assert expected == actual


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"initial_plan_within": 30}, "'initial_plan_within' must be a Period"),
        ({"child_engagement_min_age": -1}, "'child_engagement_min_age' must be a whole number"),
        ({"supervisory_staffing_monthly": "yes"}, "'supervisory_staffing_monthly' must be True"),
        ({"permanency_goals": ["return_home", "orphanage"]}, "unknown PermanencyGoal code"),
    ],
)
def test_wrongly_typed_fields_raise_the_library_error(changes: dict[str, object],
                                                      fragment: str) -> None:
    """A wrongly typed or out-of-range field names the field in an InvalidRecordError."""
    with pytest.raises(InvalidRecordError, match=fragment):
        FEDERAL.derive(**changes)
