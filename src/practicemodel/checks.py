"""Run every check on a case: deadlines, S.M.A.R.T. objectives, plan quality, engagement, visits.

[`check_case`][practicemodel.checks.check_case] is the one call an app or the ``practicemodel
check`` command makes: it returns all findings for a case under a policy as of a date, each
tagged with the practice-model components it gives evidence for, so they can be shown
"structured according to the practice model" (seed 001).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.engagement import engagement_findings
from practicemodel.errors import InvalidInputError
from practicemodel.findings import Finding
from practicemodel.plan_checks import check_case_plans
from practicemodel.policy import PolicyProfile
from practicemodel.rules import RuleInfo, get_rule, rule_ids, select
from practicemodel.smart import check_plan_objectives
from practicemodel.timelines import deadline_findings, schedule
from practicemodel.visit_compliance import visit_findings

__all__ = ["check_case"]

_Producer = Callable[[Case, PolicyProfile, date], Iterable[Finding]]


def _deadlines(case: Case, policy: PolicyProfile, as_of: date) -> Iterable[Finding]:
    return deadline_findings(schedule(case, policy=policy, as_of=as_of))


def _objectives(case: Case, policy: PolicyProfile, as_of: date) -> Iterator[Finding]:
    for plan in sorted(case.plans, key=lambda p: (p.completed_on, p.id)):
        if plan.completed_on <= as_of:
            yield from check_plan_objectives(plan, case=case, policy=policy, as_of=as_of)


def _plans(case: Case, policy: PolicyProfile, as_of: date) -> Iterable[Finding]:
    return check_case_plans(case, policy=policy, as_of=as_of)


def _engagement(case: Case, policy: PolicyProfile, as_of: date) -> Iterable[Finding]:
    return engagement_findings(case, policy=policy, as_of=as_of)


def _visits(case: Case, policy: PolicyProfile, as_of: date) -> Iterable[Finding]:
    return visit_findings(case, policy=policy, as_of=as_of)


# Which rule families each producer emits, in the order check_case runs them (a test checks
# this table against every registered rule and every finding of a conformance corpus).
_PRODUCERS: tuple[tuple[_Producer, frozenset[str]], ...] = (
    (_deadlines, frozenset({"deadline"})),
    (_objectives, frozenset({"smart"})),
    (_plans, frozenset({"plan", "goals", "concurrent", "services", "closure",
                        "reunification"})),
    (_engagement, frozenset({"engagement"})),
    (_visits, frozenset({"visits", "visitation", "staffing"})),
)
_ALL_IDS = frozenset(rule_ids())


def _selected(rules: object) -> frozenset[str]:
    """The rule ids ``rules`` names: ids or patterns (str), or registered ``RuleInfo``."""
    if isinstance(rules, str | RuleInfo) or not isinstance(rules, Iterable):
        raise InvalidInputError("'rules' must be an iterable of rule ids, patterns or RuleInfo "
                                f"(got {type(rules).__name__}); e.g. rules.select('visits.*')")
    chosen: set[str] = set()
    for item in rules:
        if isinstance(item, RuleInfo):
            if get_rule(item.id) != item:  # UnknownRuleError for an id never registered
                raise InvalidInputError(f"rule {item.id!r} is not the registered rule of "
                                        "that id; select rules with rules.select()")
            chosen.add(item.id)
        elif isinstance(item, str):
            chosen.update(info.id for info in select(item))
        else:
            raise InvalidInputError("'rules' must hold rule ids, patterns or RuleInfo (got "
                                    f"{type(item).__name__})")
    return frozenset(chosen)


def check_case(case: Case, *, policy: PolicyProfile, as_of: date,
               rules: Iterable[str | RuleInfo] | None = None) -> tuple[Finding, ...]:
    """Return every finding for ``case``: deadlines, objectives, plan quality, engagement, visits.

    Engagement and visits are judged over the 12 months ending on ``as_of`` (the period under
    review).

    ``rules`` chooses which registered rules run (default: all of them): rule ids, patterns
    such as ``"visits.*"`` or ``"*.ready"``, or the ``RuleInfo`` of
    [`rules.select`][practicemodel.rules.select]. Only the rule modules that hold a chosen
    rule run, and only findings of chosen rules are returned, in the order a full run gives
    them:

    >>> from practicemodel.example import load_example
    >>> from practicemodel.policy import get_policy
    >>> found = check_case(load_example(), policy=get_policy("MS"), as_of=date(2026, 11, 22),
    ...                    rules=["staffing.*"])
    >>> sorted({f.rule for f in found})
    ['staffing.monthly', 'staffing.topics']

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
    chosen = _ALL_IDS if rules is None else _selected(rules)
    families = {rule_id.partition(".")[0] for rule_id in chosen}
    findings: list[Finding] = []
    for produce, emits in _PRODUCERS:
        if emits & families:
            findings.extend(produce(case, policy, as_of))
    if chosen is not _ALL_IDS:
        findings = [finding for finding in findings if finding.rule in chosen]
    return tuple(findings)
