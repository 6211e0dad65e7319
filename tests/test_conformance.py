"""Conformance battery: every registered rule, under every shipped profile version, on the
example, 200 synthetic cases, hypothesis cases and ``as_of`` dates from 1990 to 2100.

What must hold everywhere (the python-stdnum / holidays habit: one battery over everything
shipped): no exception but the library's own; every finding's rule registered, with the
registry's components and a source; the same input gives the same findings; the order of a
case's records does not matter (a case's collections "may be given in any order").
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.errors import UnknownPolicyError
from practicemodel.example import load_example
from practicemodel.findings import Finding
from practicemodel.policy import PROFILES, PolicyProfile
from practicemodel.rules import all_rules, get_rule
from practicemodel.strategies import cases
from practicemodel.synthetic import generate_cases

EXAMPLE = load_example()
SYNTHETIC = tuple(generate_cases(200, seed="conformance"))
VERSIONS = tuple(version for code in sorted(PROFILES) for version in PROFILES[code])
# 1990 to 2100, three 29 Februaries among them, and the days around a year's turn.
DATES = (date(1990, 1, 1), date(2000, 2, 29), date(2012, 2, 29), date(2019, 12, 31),
         date(2020, 1, 1), date(2024, 2, 29), date(2026, 11, 22), date(2050, 6, 30),
         date(2100, 12, 31))


def _in_effect(as_of: date) -> list[PolicyProfile]:
    return [version for version in VERSIONS if version.in_effect_on(as_of)]


def _registered(findings: tuple[Finding, ...]) -> None:
    for finding in findings:
        rule = get_rule(finding.rule)  # UnknownRuleError for an unregistered id
        assert finding.components == rule.components, finding.rule
        assert finding.source.startswith(rule.source) or finding.source, finding.rule


def _key(finding: Finding) -> str:
    return repr(sorted(finding.to_json().items()))


def _reversed_records(case: Case) -> Case:
    """The same case with every collection of records in reverse order."""
    changes = {field.name: tuple(reversed(getattr(case, field.name)))
               for field in attrs.fields(Case)
               if isinstance(getattr(case, field.name), tuple) and field.name != "child_ids"}
    return attrs.evolve(case, **changes)


def _conforms(case: Case, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    findings = check_case(case, policy=policy, as_of=as_of)
    _registered(findings)
    assert check_case(case, policy=policy, as_of=as_of) == findings  # same input, same result
    shuffled = check_case(_reversed_records(case), policy=policy, as_of=as_of)
    assert sorted(map(_key, shuffled)) == sorted(map(_key, findings))
    return findings


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_every_profile_version_on_the_example_at_every_date(as_of: date) -> None:
    """The example, under each version in effect on the date; versions not in effect refuse
    the date with the library's error."""
    for version in VERSIONS:
        if version.in_effect_on(as_of):
            _conforms(EXAMPLE, version, as_of)
        else:
            with pytest.raises(UnknownPolicyError):
                check_case(EXAMPLE, policy=version, as_of=as_of)


@pytest.mark.parametrize("index", range(0, 200, 20))
def test_synthetic_cases_under_every_profile(index: int) -> None:
    """200 synthetic cases (20 per test), under every version in effect on 2026-11-22, and
    the first of them at every date."""
    for case in SYNTHETIC[index:index + 20]:
        for version in _in_effect(date(2026, 11, 22)):
            _conforms(case, version, date(2026, 11, 22))
    for as_of in DATES:
        for version in _in_effect(as_of):
            _conforms(SYNTHETIC[index], version, as_of)


def _rule_by_rule(case: Case, policy: PolicyProfile, as_of: date) -> None:
    """Each registered rule run alone: its findings carry its id, ``check_case(rules=[id])``
    gives the same findings, and the full run is the rules' findings in rule-id order."""
    every: list[Finding] = []
    for info in all_rules():
        alone = info.check(case, policy=policy, as_of=as_of)
        assert {f.rule for f in alone} <= {info.id}, info.id
        assert check_case(case, policy=policy, as_of=as_of, rules=[info.id]) == alone, info.id
        every.extend(alone)
    assert check_case(case, policy=policy, as_of=as_of) == tuple(every)


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_every_rule_alone_is_its_part_of_the_full_run(as_of: date) -> None:
    """On the example and two synthetic cases, under every version in effect on the date."""
    for case in (EXAMPLE, *SYNTHETIC[:2]):
        for version in _in_effect(as_of):
            _rule_by_rule(case, version, as_of)


def test_the_battery_produces_every_family() -> None:
    """The battery reaches every rule family (a battery that produced nothing would pass)."""
    found = {finding.rule.partition(".")[0] for case in (EXAMPLE, *SYNTHETIC[:50])
             for version in _in_effect(date(2026, 11, 22))
             for finding in check_case(case, policy=version, as_of=date(2026, 11, 22))}
    assert found == {rule.family for rule in all_rules()}


@given(case=cases(), as_of=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
       version=st.sampled_from(VERSIONS))
def test_hypothesis_cases_at_any_date(case: Case, as_of: date, version: PolicyProfile) -> None:
    """Any valid case, any date from 1990 to 2100, any profile version: findings that
    conform, or the library's refusal of a date the version is not in effect on."""
    if version.in_effect_on(as_of):
        _conforms(case, version, as_of)
    else:
        with pytest.raises(UnknownPolicyError):
            check_case(case, policy=version, as_of=as_of)


def test_episodes_removed_the_same_day_count_the_same_in_either_order() -> None:
    """Two removal episodes of one child removed the same day (one ended that day): the
    ASFA count and every other finding must not depend on which the record lists first
    (found by the hypothesis battery: the TPR petition was due 2011-04-02 or 2011-06-01)."""
    from practicemodel.case import CaseType
    from practicemodel.people import Person, StaffMember, StaffRole
    from practicemodel.placement import ExitReason, RemovalEpisode, RemovalManner
    from practicemodel.policy import get_policy

    day = date(2010, 1, 1)
    still_in = RemovalEpisode(id="e1", child_id="c", removed_on=day,
                              manner=RemovalManner.COURT_ORDERED)
    home_again = RemovalEpisode(id="e2", child_id="c", removed_on=day,
                                manner=RemovalManner.COURT_ORDERED, exit_on=day,
                                exit_reason=ExitReason.REUNIFICATION)
    staff = (StaffMember(id="w", name="Worker", role=StaffRole.CASEWORKER),
             StaffMember(id="s", name="Supervisor", role=StaffRole.SUPERVISOR))
    base = Case(id="same-day", case_type=CaseType.IN_HOME, opened_on=day, region="r",
                county="c", caseworker_id="w", supervisor_id="s", staff=staff,
                people=(Person(id="c", name="Child"),), child_ids=("c",),
                removal_episodes=(still_in, home_again))
    flipped = attrs.evolve(base, removal_episodes=(home_again, still_in))
    policy = get_policy("FEDERAL", day)
    for as_of in (day, date(2011, 1, 1)):
        first = check_case(base, policy=policy, as_of=as_of)
        assert sorted(map(_key, check_case(flipped, policy=policy, as_of=as_of))) \
            == sorted(map(_key, first))
    assert [e.id for e in base.episodes_for("c")] == ["e2", "e1"]  # the one that ended first
    assert flipped.episodes_for("c") == base.episodes_for("c")
