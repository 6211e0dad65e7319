"""check_case runs the registry, or a selection of it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel import rules
from practicemodel.checks import check_case
from practicemodel.errors import InvalidInputError, UnknownRuleError
from practicemodel.example import load_example
from practicemodel.policy import PROFILES, PolicyProfile, get_policy
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
CASES = [load_example(), *generate_cases(20, seed="check-selection")]
POLICIES = [get_policy(code, on=AS_OF) for code in sorted(PROFILES)]
FULL = {(case.id, policy.code): check_case(case, policy=policy, as_of=AS_OF)
        for case in CASES for policy in POLICIES}
PATTERNS = ["visits.*", "*.ready", "deadline.periodic_review", "smart.*", "staffing.monthly",
            "engagement.*", "plan.*", "goals.*"]


def test_every_registered_rule_emits_only_its_own_findings() -> None:
    """Each rule's findings carry that rule's id (check_case runs the registry rule by rule)."""
    for case in CASES:
        for policy in POLICIES:
            for rule in rules.all_rules():
                emitted = {f.rule for f in rule.check(case, policy=policy, as_of=AS_OF)}
                assert emitted <= {rule.id}, rule.id


def test_the_full_run_is_every_rule_in_id_order() -> None:
    """The full run is each registered rule's findings in turn, in rule-id order."""
    for case in CASES:
        for policy in POLICIES:
            expected = tuple(f for rule in rules.all_rules()
                             for f in rule.check(case, policy=policy, as_of=AS_OF))
            assert FULL[case.id, policy.code] == expected


def test_no_selection_is_every_rule() -> None:
    """Without ``rules`` every registered rule can appear; the run equals selecting all."""
    case, policy = CASES[0], POLICIES[0]
    assert check_case(case, policy=policy, as_of=AS_OF, rules=rules.all_rules()) == \
        FULL[case.id, policy.code]


@given(patterns=st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3),
       index=st.integers(0, len(CASES) - 1), policy=st.sampled_from(POLICIES))
def test_a_selection_is_the_full_run_filtered(patterns: list[str], index: int,
                                              policy: PolicyProfile) -> None:
    """Selecting rules gives exactly the full run's findings of those rules, in its order."""
    case = CASES[index]
    chosen = {rule.id for rule in rules.select(*patterns)}
    expected = tuple(f for f in FULL[case.id, policy.code] if f.rule in chosen)
    assert check_case(case, policy=policy, as_of=AS_OF, rules=patterns) == expected
    assert check_case(case, policy=policy, as_of=AS_OF,
                      rules=rules.select(*patterns)) == expected


@pytest.mark.parametrize("selection", [["servics.*"], ["visits.monthly_child"], ["visits.*", "x"]])
def test_an_unknown_rule_lists_the_known_ones(selection: list[str]) -> None:
    """A pattern that matches no registered rule is refused, listing the known ids."""
    with pytest.raises(UnknownRuleError, match="known: closure"):
        check_case(CASES[0], policy=POLICIES[0], as_of=AS_OF, rules=selection)


@pytest.mark.parametrize("selection", ["visits.*", 3, [3], [None]])
def test_junk_selections_name_the_argument(selection: object) -> None:
    """A bare string (not a list of them) or a non-string item is InvalidInputError."""
    with pytest.raises(InvalidInputError, match="rules"):
        check_case(CASES[0], policy=POLICIES[0], as_of=AS_OF,
                   rules=selection)  # type: ignore[arg-type]


def test_the_check_command_runs_a_selection(capsys: pytest.CaptureFixture[str]) -> None:
    """``practicemodel check --rules`` prints only the chosen rules' findings."""
    from practicemodel.cli import main

    code = main(["check", "--example", "--as-of", "2026-11-22", "--policy", "MS", "--all",
                 "--rules", "staffing.*"])
    printed = capsys.readouterr().out
    listed = {line.split("]", 1)[1].split(":", 1)[0].strip()
              for line in printed.splitlines() if line.startswith("  [")}
    assert code == 0
    assert listed == {"staffing.monthly", "staffing.topics"}


def test_the_check_command_refuses_an_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown pattern is the subcommand's usage error, exit 2, listing the known ids."""
    from practicemodel.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["check", "--example", "--as-of", "2026-11-22", "--rules", "servics.*"])
    error = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "practicemodel check: error: unknown rule 'servics.*'; known: closure" in error
