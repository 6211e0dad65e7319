"""The review runs only the rules its instrument reads: the same ratings as from every finding.

``rate_case`` asks ``check_case`` for the rules the instrument's items read (and the
engagement rules for ratings by role) instead of every rule. That is a speed-up only if it
changes nothing: each item's rating, and the findings behind it, must equal what the item
gives when it reads a full ``check_case``. Checked on the example, 2,000 synthetic cases and
hypothesis cases, under every shipped profile.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.policy import PROFILES, PolicyProfile
from practicemodel.review import DEFAULT_INSTRUMENT, ItemRating, rate_case
from practicemodel.rules import all_rules
from practicemodel.strategies import cases
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
IN_EFFECT = tuple(version for code in sorted(PROFILES) for version in PROFILES[code]
                  if version.in_effect_on(AS_OF))
SYNTHETIC = tuple(generate_cases(2000, seed="review-paths"))


def _from_every_finding(case: Case, policy: PolicyProfile) -> tuple[ItemRating, ...]:
    findings = check_case(case, policy=policy, as_of=AS_OF)
    return tuple(item.rate(findings) for item in DEFAULT_INSTRUMENT.items)


def test_the_instrument_reads_fewer_rules_than_the_registry_holds() -> None:
    """The default instrument's rules are a strict subset (else there is nothing to skip)."""
    read = {info.id for info in DEFAULT_INSTRUMENT.rules_read}
    assert read < {info.id for info in all_rules()}
    assert {"plan.components", "smart.specific", "goals.valid"}.isdisjoint(read)


def test_example_under_every_profile() -> None:
    case = load_example()
    for policy in IN_EFFECT:
        assert rate_case(case, policy=policy, as_of=AS_OF).ratings == \
            _from_every_finding(case, policy), policy.code


def test_synthetic_cases_under_every_profile() -> None:
    """2,000 synthetic cases: every rating and the findings behind it are equal."""
    rated = 0
    for case in SYNTHETIC:
        for policy in IN_EFFECT:
            assert rate_case(case, policy=policy, as_of=AS_OF).ratings == \
                _from_every_finding(case, policy), (case.id, policy.code)
            rated += 1
    assert rated == len(SYNTHETIC) * len(IN_EFFECT)


@given(case=cases(), policy=st.sampled_from(IN_EFFECT))
def test_hypothesis_cases(case: Case, policy: PolicyProfile) -> None:
    assert rate_case(case, policy=policy, as_of=AS_OF).ratings == \
        _from_every_finding(case, policy)
