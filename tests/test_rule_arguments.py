"""Every rule entry point checks its date the same way, and every rule is total in the range.

Two refusals are shared by every rule that takes a case, a policy profile and an ``as_of``
(``practicemodel._arguments``):

- an ``as_of`` outside the supported range (``EARLIEST_DATE`` 1900-01-01 to ``LATEST_DATE``
  2199-12-31) is a ``DateOutOfRangeError`` naming the argument, never a ``ValueError`` or
  ``OverflowError`` from deep inside a rule;
- an ``as_of`` on which the profile is not in effect is the ``UnknownPolicyError``
  ``get_policy`` raises for such a date, naming the date and the profile's effective range.

Inside the range, every rule runs to the end on any case the model accepts: the hypothesis
properties below run ``check_case`` (every rule) under every shipped version of every
profile on cases dated near both ends of the range.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.caseplan import Frequency
from practicemodel.checks import check_case
from practicemodel.errors import (
    DateOutOfRangeError,
    InvalidInputError,
    PracticeModelError,
    UnknownPolicyError,
)
from practicemodel.example import load_example
from practicemodel.monthly import child_visit_compliance, federal_visit_figures
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE, MAX_PERIOD_COUNTS, Period
from practicemodel.policy import (
    FEDERAL,
    MS,
    MS_2010,
    PROFILES,
    PolicyProfile,
    get_policy,
    known_policies,
)
from practicemodel.review import rate_case
from practicemodel.rules import all_rules
from practicemodel.rules.closure import _closure_readiness
from practicemodel.rules.engagement import who_counts
from practicemodel.rules.smart import check_objective, suggest
from practicemodel.strategies import cases
from practicemodel.timelines import (
    DeadlineKind,
    DeadlineStatus,
    asfa_15_of_22,
    entered_foster_care,
    first_abuse_neglect_finding,
    schedule,
)

D = date
EXAMPLE = load_example()
Rule = Callable[[Case, PolicyProfile, date], object]

HELPERS: list[tuple[str, Rule]] = [
    ("schedule", lambda c, p, d: schedule(c, policy=p, as_of=d)),
    ("check_case", lambda c, p, d: check_case(c, policy=p, as_of=d)),
    ("check_case_selected", lambda c, p, d: check_case(c, policy=p, as_of=d,
                                                       rules=["visits.*", "smart.*"])),
    ("asfa_15_of_22", lambda c, p, d: asfa_15_of_22(c, "ava", policy=p, as_of=d)),
    ("entered_foster_care", lambda c, p, d: entered_foster_care(
        c, EXAMPLE.removal_episodes[0], policy=p, as_of=d)),
    ("who_counts", lambda c, p, d: who_counts(c, "ava", policy=p, as_of=d)),
    ("child_visit_compliance", lambda c, p, d: child_visit_compliance(
        c, "ava", policy=p, as_of=d)),
    ("closure_readiness", lambda c, p, d: _closure_readiness(c, policy=p, as_of=d)),
    ("rate_case", lambda c, p, d: rate_case(c, policy=p, as_of=d)),
]
"""The public entry points other than the rules that take a case, a policy and an ``as_of``
(and one private sub-check that checks its own arguments)."""


def _registered(info: Any) -> Rule:
    return lambda c, p, d: info.function(c, policy=p, as_of=d)


RULES: list[tuple[str, Rule]] = [
    *HELPERS, *((info.id, _registered(info)) for info in all_rules())]
"""Every registered rule (its function, ``(case, *, policy, as_of)``) and every other entry
point that takes a case, a policy and an ``as_of``."""

PARAMS = [pytest.param(rule, id=name) for name, rule in RULES]

OPTIONAL_AS_OF = frozenset(rule for name, rule in RULES if name == "entered_foster_care")
"""The entry points whose ``as_of`` may be ``None`` (``entered_foster_care``: no date known)."""


# -- the profile must be in effect on as_of (issue 10) -----------------------------------------


@pytest.mark.parametrize("rule", PARAMS)
def test_a_date_before_the_profile_took_effect_is_refused_like_get_policy(rule: Rule) -> None:
    """Asked about 2026-11-22 under a profile in effect from 2030, every rule refuses, with
    the error ``get_policy`` raises, naming the date and the profile's effective range.

    Regression test (issue 10): ``get_policy`` refused such a date, ``check_case`` ran anyway.
    """
    later = FEDERAL.derive(code="XX", name="Takes effect in 2030",
                           effective_from=D(2030, 1, 1))
    with pytest.raises(UnknownPolicyError, match=r"2030-01-01 to now") as info:
        rule(EXAMPLE, later, D(2026, 11, 22))
    assert "2026-11-22" in str(info.value)
    assert "'XX'" in str(info.value)
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("rule", PARAMS)
def test_a_date_after_the_version_ended_is_refused(rule: Rule) -> None:
    """Mississippi's 2010 version ended on 2020-01-31: a rule asked about 2026 refuses it."""
    with pytest.raises(UnknownPolicyError, match=r"2010-08-01 to 2020-01-31"):
        rule(EXAMPLE, MS_2010, D(2026, 11, 22))


@pytest.mark.parametrize("rule", PARAMS)
def test_the_version_get_policy_returns_for_the_date_is_accepted(rule: Rule) -> None:
    """The profile ``get_policy(code, on=as_of)`` returns is always in effect on ``as_of``."""
    rule(EXAMPLE, get_policy("MS", D(2026, 11, 22)), D(2026, 11, 22))


def test_federal_visit_figures_need_the_profile_in_effect_that_fiscal_year() -> None:
    """Fiscal year 2015 ends 2015-09-30, before the 2020 version of MS took effect."""
    with pytest.raises(UnknownPolicyError, match="2015-09-30"):
        federal_visit_figures([EXAMPLE], policy=MS, fiscal_year=2015)
    federal_visit_figures([EXAMPLE], policy=MS_2010, fiscal_year=2015)


def test_the_schedule_of_2015_under_the_2010_version_has_no_monthly_staffing() -> None:
    """A case reviewed as of 2015 gets the 2010 Mississippi rules: staffing not required."""
    case = _shift(EXAMPLE, -(D(2026, 11, 22) - D(2015, 11, 22)).days)
    as_of = D(2015, 11, 22)
    result = schedule(case, policy=get_policy("MS", as_of), as_of=as_of)
    staffing = [d for d in result.case_deadlines if d.kind is DeadlineKind.SUPERVISORY_STAFFING]
    expected = [DeadlineStatus.NOT_APPLICABLE]
    actual = [d.status for d in staffing]
    assert expected == actual


# -- as_of must lie in the supported range (issue 10) ------------------------------------------

OUT_OF_RANGE = [D(1, 1, 1), D(1899, 12, 31), D(2200, 1, 1), D(9999, 6, 1), D(9999, 12, 31)]
ANY_DATE = FEDERAL.derive(code="XX-ANY", name="In effect on any supported date",
                          effective_from=EARLIEST_DATE)


@pytest.mark.parametrize("as_of", OUT_OF_RANGE, ids=str)
@pytest.mark.parametrize("rule", PARAMS)
def test_an_as_of_outside_the_supported_range_is_refused(rule: Rule, as_of: date) -> None:
    """0001-01-01, 9999-06-01, 9999-12-31 and the days just outside the range are refused
    with DateOutOfRangeError (also a ValueError) naming 'as_of' and the range.

    Regression test (issue 10): they crashed with ValueError or OverflowError.
    """
    with pytest.raises(DateOutOfRangeError, match=r"'as_of' must be a date from 1900-01-01 "
                                                  r"to 2199-12-31") as info:
        rule(EXAMPLE, ANY_DATE, as_of)
    assert isinstance(info.value, PracticeModelError)
    assert isinstance(info.value, ValueError)
    assert str(as_of) in str(info.value)


@pytest.mark.parametrize("as_of", OUT_OF_RANGE, ids=str)
def test_other_date_arguments_are_range_checked_too(as_of: date) -> None:
    """``period_start``, ``first_abuse_neglect_finding``'s ``as_of`` and a fiscal year outside
    the range are refused the same way."""
    with pytest.raises(DateOutOfRangeError, match="'period_start'"):
        child_visit_compliance(EXAMPLE, "ava", policy=ANY_DATE, as_of=D(2026, 11, 22),
                               period_start=as_of)
    with pytest.raises(DateOutOfRangeError, match="'as_of'"):
        first_abuse_neglect_finding(EXAMPLE, EXAMPLE.removal_episodes[0], as_of=as_of)
    with pytest.raises(DateOutOfRangeError, match="'fiscal_year'"):
        federal_visit_figures([EXAMPLE], policy=ANY_DATE, fiscal_year=as_of.year + 1)


@pytest.mark.parametrize("as_of", [EARLIEST_DATE, LATEST_DATE], ids=str)
@pytest.mark.parametrize("rule", PARAMS)
def test_the_ends_of_the_range_are_accepted(rule: Rule, as_of: date) -> None:
    """1900-01-01 and 2199-12-31 themselves are supported dates."""
    rule(EXAMPLE, ANY_DATE, as_of)


# -- a wrong kind of argument is an InvalidInputError naming it ---------------------------------

AS_OF = D(2026, 11, 22)
JUNK = [
    pytest.param({"id": "case-1"}, MS, AS_OF, "'case'", id="dict-case"),
    pytest.param(None, MS, AS_OF, "'case'", id="none-case"),
    pytest.param(EXAMPLE, "MS", AS_OF, "'policy'", id="code-policy"),
    pytest.param(EXAMPLE, None, AS_OF, "'policy'", id="none-policy"),
    pytest.param(EXAMPLE, MS, "2026-11-22", "'as_of'", id="string-as-of"),
    pytest.param(EXAMPLE, MS, None, "'as_of'", id="none-as-of"),
    pytest.param(EXAMPLE, MS, datetime(2026, 11, 22), "'as_of'", id="datetime-as-of"),
]


@pytest.mark.parametrize(("case", "policy", "as_of", "named"), JUNK)
@pytest.mark.parametrize("rule", PARAMS)
def test_a_wrong_kind_of_argument_is_refused_naming_it(rule: Rule, case: Any, policy: Any,
                                                       as_of: Any, named: str) -> None:
    """A dict for the case, a code for the policy, a string, ``None`` or a ``datetime`` for
    ``as_of``: every rule and entry point raises InvalidInputError naming the argument
    (``None`` is accepted where ``as_of`` is optional)."""
    if as_of is None and rule in OPTIONAL_AS_OF:
        rule(case, policy, _any(as_of))
        return
    with pytest.raises(InvalidInputError, match=named):
        rule(case, policy, as_of)


_PLAN = EXAMPLE.plans[0]


def _any(junk: object) -> Any:
    """``junk``, passed where the signature wants something else (the test is the refusal)."""
    return junk

_OBJECTIVE = _PLAN.objectives[0]


@pytest.mark.parametrize(("call", "named"), [
    (lambda: check_objective(_any({"id": "o"}), plan=_PLAN, case=EXAMPLE, policy=MS),
     "'objective'"),
    (lambda: check_objective(_OBJECTIVE, plan=_any(None), case=EXAMPLE, policy=MS), "'plan'"),
    (lambda: check_objective(_OBJECTIVE, plan=_PLAN, case=_any({}), policy=MS), "'case'"),
    (lambda: check_objective(_OBJECTIVE, plan=_PLAN, case=EXAMPLE, policy=_any("MS")), "'policy'"),
    (lambda: check_objective(_OBJECTIVE, plan=_PLAN, case=EXAMPLE, policy=MS,
                             lexicons=_any({})), "'lexicons'"),
    (lambda: suggest(_OBJECTIVE, plan=_PLAN, case=EXAMPLE, policy=_any("MS")), "'policy'"),
    (lambda: federal_visit_figures(_any(EXAMPLE), policy=MS, fiscal_year=2026), "'cases'"),
    (lambda: federal_visit_figures([EXAMPLE], policy=_any("MS"), fiscal_year=2026), "'policy'"),
    (lambda: federal_visit_figures([EXAMPLE], policy=MS, fiscal_year=_any("2026")),
     "'fiscal_year'"),
    (lambda: who_counts(EXAMPLE, _any(7), policy=MS, as_of=AS_OF), "'child_id'"),
    (lambda: child_visit_compliance(EXAMPLE, _any(7), policy=MS, as_of=AS_OF), "'child_id'"),
], ids=["objective", "plan", "case", "policy", "lexicons", "suggest-policy", "one-case",
        "figures-policy", "fiscal-year", "who-counts-child", "visits-child"])
def test_the_other_helpers_refuse_a_wrong_kind_of_argument(call: Callable[[], object],
                                                           named: str) -> None:
    """``check_objective`` (no ``as_of``), ``suggest``, ``federal_visit_figures`` and the
    child id of ``who_counts`` and ``child_visit_compliance`` are checked the same way."""
    with pytest.raises(InvalidInputError, match=named):
        call()


# -- every rule is total inside the range ------------------------------------------------------


def _shift(value: Any, days: int) -> Any:
    """Return ``value`` with every date in it (nested records included) moved ``days`` later."""
    if type(value) is date:
        return value + timedelta(days=days)
    if isinstance(value, tuple):
        return tuple(_shift(item, days) for item in value)
    if isinstance(value, frozenset):
        return frozenset(_shift(item, days) for item in value)
    if attrs.has(type(value)):
        return type(value)(**{f.alias: _shift(getattr(value, f.name), days)
                              for f in attrs.fields(type(value)) if f.init})
    return value


def _dates(value: Any) -> list[date]:
    if type(value) is date:
        return [value]
    if isinstance(value, tuple | frozenset):
        return [d for item in value for d in _dates(item)]
    if attrs.has(type(value)):
        return [d for f in attrs.fields(type(value)) for d in _dates(getattr(value, f.name))]
    return []


def _longest_periods(case: Case, unit: str) -> Case:
    """Every planned frequency "per" and objective timeframe the longest the model allows."""
    longest = Period(MAX_PERIOD_COUNTS[Period(1, unit).unit], unit)
    plans = tuple(attrs.evolve(
        plan,
        visitation=tuple(attrs.evolve(a, frequency=Frequency(times=a.frequency.times,
                                                             per=longest))
                         for a in plan.visitation),
        objectives=tuple(attrs.evolve(o, timeframe=longest, due_on=None)
                         for o in plan.objectives))
        for plan in case.plans)
    return attrs.evolve(case, plans=plans)


EVERY_VERSION = [pytest.param(v.derive(effective_from=EARLIEST_DATE, effective_until=None),
                              id=f"{code}-{v.effective_from}")
                 for code in known_policies() for v in PROFILES[code]]
"""Every shipped version, made to apply on any supported date."""

_FIRST = min(_dates(EXAMPLE))
_LAST = max(_dates(EXAMPLE))
EXAMPLE_AS_OF = D(2026, 11, 22)


@pytest.mark.parametrize("unit", ["days", "weeks", "months", "years"])
@pytest.mark.parametrize("end", ["earliest", "latest"])
@pytest.mark.parametrize("policy", EVERY_VERSION)
def test_every_rule_runs_on_the_example_moved_to_either_end_of_the_range(
        policy: PolicyProfile, end: str, unit: str) -> None:
    """The Wilson example moved so its first date is 1900-01-01, or its as_of 2199-12-31,
    with every period in its plans a century long: every rule runs.

    Regression test (issue 10): a visitation "per" of 2**31 days or 10,000 years crashed
    ``check_case``; the model now bounds a period to a century, and the rules are total
    within that bound.
    """
    days = ((EARLIEST_DATE - _FIRST).days if end == "earliest"
            else (LATEST_DATE - max(_LAST, EXAMPLE_AS_OF)).days)
    case = _longest_periods(_shift(EXAMPLE, days), unit)
    as_of = EXAMPLE_AS_OF + timedelta(days=days)
    for moment in (as_of, EARLIEST_DATE, LATEST_DATE):
        findings = check_case(case, policy=policy, as_of=moment)
        assert all(f.rule for f in findings)


def _near(start: date, end: date) -> st.SearchStrategy[date]:
    return st.dates(start, end)


NEAR_START = {"birth_dates": _near(EARLIEST_DATE, D(1900, 12, 31)),
              "dates": _near(EARLIEST_DATE, D(1904, 12, 31))}
NEAR_END = {"birth_dates": _near(D(2190, 1, 1), D(2195, 12, 31)),
            "dates": _near(D(2195, 1, 1), LATEST_DATE)}


@pytest.mark.parametrize("policy", EVERY_VERSION)
@given(case=cases(**NEAR_START), as_of=_near(EARLIEST_DATE, D(1906, 12, 31)))
def test_check_case_is_total_near_the_earliest_date(policy: PolicyProfile, case: Case,
                                                    as_of: date) -> None:
    """Every rule runs on any case dated 1900 to 1904, as of any day to 1906."""
    check_case(case, policy=policy, as_of=as_of)


@pytest.mark.parametrize("policy", EVERY_VERSION)
@given(case=cases(**NEAR_END), as_of=_near(D(2194, 1, 1), LATEST_DATE))
def test_check_case_is_total_near_the_latest_date(policy: PolicyProfile, case: Case,
                                                  as_of: date) -> None:
    """Every rule runs on any case dated 2195 to 2199, as of any day from 2194 to the end."""
    check_case(case, policy=policy, as_of=as_of)


@pytest.mark.parametrize("policy", EVERY_VERSION)
@given(case=cases(birth_dates=_near(EARLIEST_DATE, D(2100, 12, 31)),
                  dates=_near(EARLIEST_DATE, LATEST_DATE)),
       as_of=_near(EARLIEST_DATE, LATEST_DATE))
def test_check_case_is_total_anywhere_in_the_range(policy: PolicyProfile, case: Case,
                                                   as_of: date) -> None:
    """Every rule runs on cases whose dates spread over the whole range, as of any day."""
    check_case(case, policy=policy, as_of=as_of)
