"""Run the rules on a case: every registered rule, or a selection.

[`check_case`][practicemodel.checks.check_case] is the one call an app or the ``practicemodel
check`` command makes: it returns the findings of the chosen rules for a case under a policy
as of a date, each tagged with the practice-model components it gives evidence for, so they
can be shown "structured according to the practice model" (seed 001).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.errors import InvalidInputError
from practicemodel.findings import Finding
from practicemodel.policy import PolicyProfile
from practicemodel.rules import RuleInfo, all_rules, get_rule, select
from practicemodel.rules._shared import scope

__all__ = ["check_case"]


def _selected(rules: object) -> tuple[RuleInfo, ...]:
    """The registered rules ``rules`` names (ids or patterns, or ``RuleInfo``), by id."""
    if isinstance(rules, str | RuleInfo) or not isinstance(rules, Iterable):
        raise InvalidInputError("'rules' must be an iterable of rule ids, patterns or RuleInfo "
                                f"(got {type(rules).__name__}); e.g. rules.select('visits.*')")
    chosen: dict[str, RuleInfo] = {}
    for item in rules:
        if isinstance(item, RuleInfo):
            registered = get_rule(item.id)  # UnknownRuleError for an id never registered
            if registered is not item and registered != item:
                raise InvalidInputError(f"rule {item.id!r} is not the registered rule of "
                                        "that id; select rules with rules.select()")
            chosen[item.id] = item
        elif isinstance(item, str):
            chosen.update((info.id, info) for info in select(item))
        else:
            raise InvalidInputError("'rules' must hold rule ids, patterns or RuleInfo (got "
                                    f"{type(item).__name__})")
    return tuple(chosen[rule_id] for rule_id in sorted(chosen))


def check_case(case: Case, *, policy: PolicyProfile, as_of: date,
               rules: Iterable[str | RuleInfo] | None = None) -> tuple[Finding, ...]:
    """Return the findings of every registered rule (or of ``rules``) for ``case``.

    ``rules`` chooses which registered rules run (default: all of them): rule ids, patterns
    such as ``"visits.*"`` or ``"*.ready"``, or the ``RuleInfo`` of
    [`rules.select`][practicemodel.rules.select]. Findings come rule by rule in the order of
    the rule ids, each rule's in the order the rule gives them; a selection gives exactly the
    findings of its rules a full run gives:

    >>> from practicemodel.example import load_example
    >>> from practicemodel.policy import get_policy
    >>> found = check_case(load_example(), policy=get_policy("MS"), as_of=date(2026, 11, 22),
    ...                    rules=["staffing.*"])
    >>> [f.rule for f in found]
    ['staffing.monthly', 'staffing.topics']

    The rules of one call share what they compute (the schedule of the case, the months in
    care); nothing is kept after the call.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        UnknownRuleError: an id or pattern of ``rules`` names no registered rule (the
            message lists the known ids).
        DateOutOfRangeError: ``as_of`` lies outside the supported date range
            (``practicemodel.periods.EARLIEST_DATE`` to ``LATEST_DATE``).
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``: the error
            [`get_policy`][practicemodel.policy.get_policy] raises for such a date. Pick the
            version in effect with ``get_policy(code, on=as_of)``.
    """
    rule_args(case, policy, as_of)
    return _run_rules(case, policy, as_of, all_rules() if rules is None else _selected(rules))


def _run_rules(case: Case, policy: PolicyProfile, as_of: date,
              chosen: tuple[RuleInfo, ...]) -> tuple[Finding, ...]:
    """``check_case`` for arguments already checked and registered rules already chosen (in
    id order): what a review calls for every case."""
    findings: list[Finding] = []
    with scope():
        for info in chosen:
            findings.extend(info.function(case, policy=policy, as_of=as_of))
    return tuple(findings)
