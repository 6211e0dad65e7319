"""The rules: every rule's id, title, components, CFSR items and source, declared once.

Every [`Finding`][practicemodel.findings.Finding] names the rule that produced it
(``finding.rule``). This module is the one place where each rule id is declared, with
what a reader needs to know about it: a title, the practice-model components it gives
evidence for, the CFSR Round 3 item(s) it bears on (none where no item applies) and its
source. The rule modules read their findings' components and source from here, so the
registry and the findings can never disagree.

**Any rule is one hop from its id.** The rule ``family.name`` is the function ``name`` of
the module ``practicemodel.rules.family``: ``visits.child_monthly`` is
[`practicemodel.rules.visits.child_monthly`][practicemodel.rules.visits.child_monthly].
Every rule has one shape, ``(case, *, policy, as_of) -> tuple[Finding, ...]``
([`RuleInfo.check`][practicemodel.rules.RuleInfo.check] runs one;
[`check_case`][practicemodel.checks.check_case] runs all of them or a selection). The
families: ``deadline``, ``smart``, ``services``, ``goals``, ``concurrent``, ``plan``,
``closure``, ``reunification``, ``permanency``, ``engagement``, ``visits``, ``visitation``,
``staffing``, and the CFSR items' own families ``intake``, ``safety``, ``stability``,
``siblings``, ``connections``, ``relatives``, ``parent_child``, ``education``, ``health``,
``mental_health``, ``youth``.

Every rule raises [`InvalidInputError`][practicemodel.errors.InvalidInputError] when
``case``, ``policy`` or ``as_of`` is not of the right type,
[`DateOutOfRangeError`][practicemodel.errors.DateOutOfRangeError] when ``as_of`` lies
outside the supported date range, and
[`UnknownPolicyError`][practicemodel.errors.UnknownPolicyError] when ``policy`` is not in
effect on ``as_of``.

The registry is read-only at run time, like the policy registry:

>>> from practicemodel.rules import get_rule, select
>>> get_rule("visits.child_monthly").cfsr_items
(14,)
>>> [r.id for r in select("staffing.*")]
['staffing.monthly', 'staffing.topics']

Rule ids have the form ``family.name`` (lower case, digits and underscores); the family
(``deadline``, ``visits``, ``smart``...) groups related rules. A finding's ``source`` is
its rule's source, sometimes followed by a note about the case (``"...; state practice
for in-home cases"``).

CFSR item numbers are those of the Round 3 onsite review instrument (items 1–18): for
example 5 *permanency goal for child*, 8 *visiting with parents and siblings in foster
care*, 12 *needs and services*, 13 *child and family involvement in case planning*, 14 and
15 *caseworker visits with child* and *with parents*. They say which item a rule gives
evidence for [practice], not that the rule rates the item.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from practicemodel.components import PracticeComponent
from practicemodel.errors import InvalidInputError, UnknownRuleError

if TYPE_CHECKING:  # the rule modules import this one: annotations only
    from practicemodel.case import Case
    from practicemodel.findings import Finding
    from practicemodel.policy import PolicyProfile

__all__ = ["RuleInfo", "all_rules", "get_rule", "rule_ids", "select"]


@attrs.frozen(kw_only=True)
class RuleInfo:
    """One registered rule: what it is called and what it gives evidence for."""

    id: str
    """The stable rule id, e.g. ``"visits.child_monthly"`` (``Finding.rule``)."""
    title: str
    """What the rule checks, in a few words."""
    components: tuple[PracticeComponent, ...]
    """The practice-model components its findings give evidence for (``Finding.components``)."""
    cfsr_items: tuple[int, ...] = ()
    """The CFSR Round 3 item(s) it bears on; empty where no item applies."""
    source: str
    """Where the rule comes from: seeds, statute, regulation, practice (``Finding.source``)."""

    @property
    def family(self) -> str:
        """The part of the id before the dot, e.g. ``"visits"``: the rule lives in the module
        ``practicemodel.rules.<family>``."""
        return self.id.partition(".")[0]

    @property
    def function(self) -> Callable[..., tuple[Finding, ...]]:
        """The rule itself: the function named after the part of the id after the dot in the
        module named after the family (``visits.child_monthly`` is
        ``practicemodel.rules.visits.child_monthly``), with the shape of every rule,
        ``(case, *, policy, as_of) -> tuple[Finding, ...]``."""
        return _function(self.id)

    def check(self, case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
        """Run this rule: its findings for ``case`` under ``policy`` as of ``as_of``.

        >>> from practicemodel.example import load_example
        >>> from practicemodel.policy import get_policy
        >>> found = get_rule("staffing.monthly").check(
        ...     load_example(), policy=get_policy("MS"), as_of=date(2026, 11, 22))
        >>> [(f.rule, f.outcome.value) for f in found]
        [('staffing.monthly', 'not_met')]

        Raises:
            InvalidInputError: an argument is not of the right kind.
            DateOutOfRangeError: ``as_of`` lies outside the supported date range.
            UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
        """
        return self.function(case, policy=policy, as_of=as_of)


_M = PracticeComponent.MOBILIZING_SERVICES
_R = PracticeComponent.SAFETY_AND_RISK
_F = PracticeComponent.INVOLVING_FAMILIES
_N = PracticeComponent.STRENGTHS_AND_NEEDS
_C = PracticeComponent.PRESERVING_CONNECTIONS
_P = PracticeComponent.CASE_PLANNING


def _rule(rule_id: str, title: str, components: tuple[PracticeComponent, ...],
          cfsr_items: tuple[int, ...], source: str) -> RuleInfo:
    return RuleInfo(id=rule_id, title=title, components=components, cfsr_items=cfsr_items,
                    source=source)


_SEED_002 = "seed 002 (Mississippi CFSR Round 3 Program Improvement Plan)"
_VISITATION = "seed 003 (Family Engagement in Case Planning & Case Management), slides 53–55"
_STAFFING = f"{_SEED_002}, Goal 3, Strategy 1"
_CONCURRENT = "seed 003 slide 51; 42 USC 671(a)(15)(F)"
_SERVICES = "seed 003 slides 30-33; seed 004, Planning is third"
_GOALS = "seed 003 slides 8-9; 42 USC 675(5)(C)(i)"
_CLOSURE = "seed 004, Planning is third"
_OSRI = "CFSR Round 3 onsite review instrument"

# The table: one entry per rule, in the order of the modules that implement them.
_TABLE: tuple[RuleInfo, ...] = (
    # -- deadlines (practicemodel.rules.deadline) ---------------------------------------------
    _rule("deadline.initial_case_plan", "Initial case plan completed on time", (_P,), (5,),
          "45 CFR 1356.21(g)(2); seed 003 slide 13"),
    _rule("deadline.case_plan_update", "Case plan updated every period", (_P,), (5,),
          "seed 003 slide 13; CWPM 8.3C.1 [practice]"),
    _rule("deadline.plan_update_after_placement_change",
          "Case plan updated after a placement change", (_P,), (),
          "CWPM 8.3C.1 [practice]"),
    _rule("deadline.strengths_needs_assessment", "Strengths and needs assessment on time",
          (_N, _P), (12,), "seed 003 slide 14"),
    _rule("deadline.safe_closure_criteria", "Safe closure criteria set in the first plan",
          (_R, _P), (), _CLOSURE),
    _rule("deadline.periodic_review", "Periodic review held every six months", (_P,), (6,),
          "42 USC 675(5)(B)"),
    _rule("deadline.permanency_hearing", "Permanency hearing held every twelve months", (_P,),
          (6,), "42 USC 675(5)(C)"),
    _rule("deadline.permanency_hearing_after_no_efforts",
          "Permanency hearing after a finding that no efforts are required", (_P,), (6,),
          "42 USC 671(a)(15)(E)(i)"),
    _rule("deadline.efforts_to_prevent_removal",
          "Judicial finding of efforts to prevent removal", (_R, _M), (2,),
          "45 CFR 1356.21(b)(1)"),
    _rule("deadline.efforts_to_finalize_permanency",
          "Judicial finding of efforts to finalize the permanency plan", (_P,), (6,),
          "45 CFR 1356.21(b)(2)"),
    _rule("deadline.trial_home_visit_limit", "Trial home visit within its time limit",
          (_R, _P), (), "45 CFR 1356.21(e); CWPM 8.3C.5 [practice]"),
    _rule("deadline.tpr_petition", "TPR petition filed at 15 of 22 months (ASFA)", (_P,), (5,),
          "42 USC 675(5)(E); 45 CFR 1356.21(i)(1)(i)"),
    # -- S.M.A.R.T. objectives (practicemodel.rules.smart) ------------------------------------
    _rule("smart.specific", "Objective is specific", (_P,), (), "seed 003 slide 35"),
    _rule("smart.measurable", "Objective is measurable", (_P,), (), "seed 003 slide 36"),
    _rule("smart.achievable", "Objective is achievable", (_P,), (),
          "seed 003 slide 37; seed 004 tip 4"),
    _rule("smart.relevant", "Objective is relevant to the risk to the child", (_P, _N), (),
          "seed 003 slide 38"),
    _rule("smart.time_limited", "Objective is time-limited", (_P,), (), "seed 003 slide 39"),
    _rule("smart.end_state", "Objective describes an end state, not a service", (_P,), (),
          "seed 003 slides 32-33; seed 004, Identify behavioral change"),
    _rule("smart.positive", "Objective is stated in positive terms", (_P,), (),
          "seed 003 slide 33"),
    _rule("smart.overall", "Objective is S.M.A.R.T. (worst of the five criteria)", (_P,), (),
          "seed 003 slide 34"),
    # -- plan quality (rules.services, goals, concurrent, plan, closure, reunification) --------
    _rule("services.serves_objective", "Each service serves an objective of the plan",
          (_M, _P), (12,), _SERVICES),
    _rule("services.objective_has_service", "Each objective has something planned toward it",
          (_M, _P), (12,), _SERVICES),
    _rule("services.needs_addressed", "Each assessed person's needs are addressed",
          (_M, _N), (12,), "seed 004, Planning is third; seed 004 tip 10"),
    _rule("goals.valid", "Plan states a permanency goal in use", (_P,), (5,), _GOALS),
    _rule("goals.appla_age", "APPLA goal only for a youth of age, with a documented reason",
          (_P,), (5,), "42 USC 675(5)(C)(i), 675a(a)"),
    _rule("goals.represents_permanency", "Permanency goal represents permanency", (_P,), (5,),
          _GOALS),
    _rule("concurrent.required", "Concurrent goal stated where required", (_P,), (5,),
          _CONCURRENT),
    _rule("concurrent.differs", "Concurrent goal differs from the goal", (_P,), (5,),
          _CONCURRENT),
    _rule("concurrent.represents_permanency", "Concurrent goal represents permanency", (_P,),
          (5,), "seed 003 slides 9, 51"),
    _rule("concurrent.has_steps", "Plan holds steps toward the concurrent goal", (_P,), (5,),
          "seed 003 slides 51, 59"),
    _rule("concurrent.efforts_recorded", "Update records efforts toward the concurrent goal",
          (_P,), (5,), "seed 003 slide 58"),
    _rule("plan.components", "Plan holds every component", (_P,), (),
          "seed 003 slides 26-27"),
    _rule("plan.out_of_home", "Plan holds the out-of-home details of each child in care",
          (_P, _C), (), "seed 003 slide 56"),
    _rule("plan.participation", "Each parent took part in the plan, or the plan says why not",
          (_F, _P), (13,), "45 CFR 1356.21(g); CWPM 8.3C.1"),
    _rule("plan.parent_input", "Plan records each parent's requests and views", (_F, _N),
          (13,), "seed 004 tip 6"),
    _rule("plan.update_content", "Update records what an update must", (_P,), (),
          "seed 003 slide 58"),
    _rule("closure.criteria_in_first_plan", "First plan sets closure criteria in every "
          "category", (_R, _P), (), _CLOSURE),
    _rule("closure.criteria_measured", "Each closure criterion has a measure", (_R, _P), (),
          _CLOSURE),
    _rule("closure.ready", "Case ready for safe closure", (_R, _P), (3,),
          f"{_CLOSURE}; seed 003 slides 61-63; safety plans: state practice (Arizona)"),
    _rule("reunification.ready", "What the data shows of readiness to return home", (_R, _P),
          (3,), f"seed 003 slide 60; {_CLOSURE}"),
    _rule("closure.aftercare", "Aftercare plan names vulnerabilities and strengths", (_R, _P),
          (), "seed 003 slide 63"),
    # -- permanency for a child in care (practicemodel.rules.permanency) ----------------------
    _rule("permanency.goal_recorded", "Permanency goal in the case file", (_P,), (5,),
          f"{_OSRI}, item 5, question A2"),
    _rule("permanency.goal_timely", "First permanency goal set within 60 days of entry",
          (_P,), (5,), f"{_OSRI}, item 5, question B"),
    _rule("permanency.achieved_timely", "Permanency achieved within the goal's time frame",
          (_P, _C), (6,), f"{_OSRI}, item 6, question B; CFSR FAQ, permanency outcome 1"),
    # -- CFSR Safety Outcomes 1 and 2 (rules.intake, rules.safety) ---------------------------
    _rule("intake.initiated_timely", "Response to a report initiated within its time frame",
          (_R,), (1,), f"{_OSRI}, item 1, questions A and C; CFSR FAQ, safety outcome 1"),
    _rule("intake.face_to_face_timely",
          "Face-to-face contact with the subject children within the time frame", (_R,), (1,),
          f"{_OSRI}, item 1, questions B and C; CFSR FAQ, safety outcome 1"),
    _rule("safety.services_to_prevent_removal",
          "Safety services to keep children at home or prevent re-entry", (_R, _M), (2,),
          f"{_OSRI}, item 2, questions A and B; CFSR FAQ, safety outcome 2"),
    _rule("safety.initial_assessment", "Initial safety and risk assessment of every child",
          (_R, _N), (3,), f"{_OSRI}, item 3, question A; seed 000"),
    _rule("safety.ongoing_assessment", "Safety and risk reassessed during the case and before "
          "closure", (_R, _N), (3,), f"{_OSRI}, item 3, question B; seed 000"),
    _rule("safety.plan_monitored", "Safety plan made and monitored where a child is not safe",
          (_R, _P), (3,), f"{_OSRI}, item 3, question C; seed 000"),
    _rule("safety.no_recurrence", "No similar maltreatment recurrence, and no closure with "
          "safety concerns open", (_R,), (3,), f"{_OSRI}, item 3, question D"),
    # -- CFSR Permanency Outcomes 1 and 2 (rules.stability, siblings, connections, relatives,
    #    parent_child) -------------------------------------------------------------------------
    _rule("stability.changes_planned", "Every placement change planned for the case goals "
          "or the child's needs", (_P, _C), (4,), f"{_OSRI}, item 4, questions A and B"),
    _rule("stability.current_setting_stable", "Current or last placement setting stable",
          (_P, _C), (4,), f"{_OSRI}, item 4, question C"),
    _rule("siblings.placed_together", "Placed with siblings in care, or a needs-based reason",
          (_C,), (7,), f"{_OSRI}, item 7, questions A and B"),
    _rule("connections.maintained", "Important connections kept up", (_C,), (9,),
          f"{_OSRI}, item 9, question A"),
    _rule("connections.icwa_inquiry", "Inquiry whether the child is an Indian child", (_C,),
          (9,), f"{_OSRI}, item 9, question B; 25 CFR 23.107(a)"),
    _rule("connections.tribe_notified", "Tribe notified in time before proceedings", (_C,),
          (9,), f"{_OSRI}, item 9, question C; 25 USC 1912(a)"),
    _rule("connections.icwa_preferences", "ICWA placement preferences followed", (_C,), (9,),
          f"{_OSRI}, item 9, question D; 25 USC 1915"),
    _rule("relatives.placement", "Placed with a relative, stable and appropriate", (_C, _F),
          (10,), f"{_OSRI}, item 10, question A"),
    _rule("relatives.search", "Maternal and paternal relatives sought and informed", (_C, _F),
          (10,), f"{_OSRI}, item 10, questions B and C; 42 USC 671(a)(29)"),
    _rule("parent_child.relationship_supported",
          "Efforts beyond visits to support the child's bond with each parent", (_C, _F),
          (11,), f"{_OSRI}, item 11, questions A and B"),
    # -- CFSR Well-Being Outcomes 2 and 3 (rules.education, health, mental_health) -----------
    _rule("education.needs_assessed", "Child's educational needs assessed", (_N,), (16,),
          f"{_OSRI}, item 16; CFSR FAQ, well-being outcome 2"),
    _rule("education.needs_served", "Child's educational needs served", (_M, _N), (16,),
          f"{_OSRI}, item 16"),
    _rule("health.physical_exam", "Physical health exam within its interval", (_N,), (17,),
          f"{_OSRI}, item 17; 42 USC 622(b)(15)"),
    _rule("health.dental_exam", "Dental exam within its interval", (_N,), (17,),
          f"{_OSRI}, item 17; CFSR FAQ, well-being outcome 3"),
    _rule("health.needs_served", "Physical and dental health needs served", (_M, _N), (17,),
          f"{_OSRI}, item 17"),
    _rule("mental_health.needs_assessed", "Mental and behavioral health screened", (_N,),
          (18,), f"{_OSRI}, item 18"),
    _rule("mental_health.needs_served", "Mental and behavioral health needs served", (_M, _N),
          (18,), f"{_OSRI}, item 18; CFSR FAQ, well-being outcome 3"),
    # -- a youth's voice in case planning (practicemodel.rules.youth) -------------------------
    _rule("youth.team_members", "Youth of 14 or older chose members of the planning team",
          (_F, _P), (13,), "42 USC 675(1)(B); CFSR Round 3 onsite review instrument, item 13 "
          "[practice]"),
    # -- engagement (practicemodel.rules.engagement) ------------------------------------------
    _rule("engagement.applicability", "Who the engagement rules do not apply to, and why",
          (_F, _P), (13,), "seed 004, Expectations; seed 004, Engagement first"),
    _rule("engagement.actively_involved", "Person actively involved in all five parts",
          (_F, _P), (13,), "seed 004, Expectations"),
    _rule("engagement.concerted_efforts", "Concerted efforts to involve the person", (_F, _P),
          (13,), "CFSR item 13 [practice]; seed 004 tip 2"),
    # -- visits, visitation, staffing (practicemodel.rules.visits, visitation, staffing) ---- ------
    _rule("visits.child_monthly", "Caseworker visit with the child in every whole month",
          (_R, _F), (14,), "42 USC 622(b)(17), 624(f); 42 USC 679b(a)(6) [practice for the "
          "month rule]"),
    _rule("visits.child_residence", "Most caseworker visits in the child's residence", (_R, _F),
          (14,), "42 USC 622(b)(17), 624(f)(2)(A)"),
    _rule("visits.child_quality", "Caseworker visits with the child cover what they should",
          (_R, _F), (14,), f"CFSR item 14 [practice]; {_SEED_002}: poor visit quality"),
    _rule("visits.parent_frequency", "Caseworker visit with each parent every month", (_R, _F),
          (15,), f"CFSR item 15 guidance [practice]; {_SEED_002}: caseworker visits with "
          "parents"),
    _rule("visits.parent_quality", "Caseworker visits with each parent cover what they should",
          (_R, _F), (15,), f"CFSR item 15 guidance [practice]; {_SEED_002}: caseworker visits "
          "with parents"),
    _rule("visitation.arranged", "Visitation with parents and siblings is arranged", (_C,),
          (8,), _VISITATION),
    _rule("visitation.not_contingent", "Visitation is not a reward or a punishment", (_C,),
          (8,), _VISITATION),
    _rule("visitation.frequency_held", "Visits are held as often as arranged", (_C,), (8,),
          _VISITATION),
    _rule("visitation.supervision", "Supervision of visits is recorded", (_C,), (8,),
          _VISITATION),
    _rule("visitation.goodbye_visit", "A goodbye visit considered after TPR", (_C,), (8,),
          _VISITATION),
    _rule("staffing.monthly", "Supervisory staffing of the case every month", (_P, _M), (),
          _STAFFING),
    _rule("staffing.topics", "Supervisory staffings cover the topics", (_P, _M), (),
          _STAFFING),
)

_RULES: Mapping[str, RuleInfo] = MappingProxyType(
    {info.id: info for info in sorted(_TABLE, key=lambda info: info.id)})
_ALL: tuple[RuleInfo, ...] = tuple(_RULES.values())
_IDS: tuple[str, ...] = tuple(_RULES)


@functools.cache
def _function(rule_id: str) -> Callable[..., tuple[Finding, ...]]:
    """The rule function of a registered id (its module imported on first use)."""
    family, _, name = rule_id.partition(".")
    module = importlib.import_module(f"practicemodel.rules.{family}")
    function: Callable[..., tuple[Finding, ...]] = getattr(module, name)
    return function


def all_rules() -> tuple[RuleInfo, ...]:
    """Every registered rule, sorted by id.

    >>> len(all_rules()) == len({r.id for r in all_rules()})
    True
    """
    return _ALL


def rule_ids() -> tuple[str, ...]:
    """Every registered rule id, sorted."""
    return _IDS


def get_rule(rule_id: str) -> RuleInfo:
    """The registered rule with this id.

    >>> get_rule("smart.overall").title
    'Objective is S.M.A.R.T. (worst of the five criteria)'

    Raises:
        UnknownRuleError: no rule has this id (the message lists the known ids).
    """
    try:
        return _RULES[rule_id]
    except (KeyError, TypeError):
        raise UnknownRuleError("rule", rule_id, _IDS) from None


def select(*patterns: str) -> tuple[RuleInfo, ...]:
    """The registered rules whose id matches any of ``patterns``, sorted by id.

    A pattern is an id or a shell-style pattern (``fnmatch``): ``"visits.*"``,
    ``"visits.child_*"``, ``"*.ready"``. Matching is case-sensitive.

    >>> [r.id for r in select("*.ready")]
    ['closure.ready', 'reunification.ready']

    Raises:
        InvalidInputError: a pattern is not a str.
        UnknownRuleError: a pattern matches no registered rule (a typo such as
            ``"servics.*"``); the message lists the known ids.
    """
    chosen: set[str] = set()
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise InvalidInputError(f"a rule pattern must be a str (got {pattern!r})")
        chosen.update(_matching(pattern))
    return tuple(_RULES[rule_id] for rule_id in sorted(chosen))


@functools.lru_cache(maxsize=1024)
def _matching(pattern: str) -> tuple[str, ...]:
    """The registered ids ``pattern`` matches (the registry is fixed, so the answer is too)."""
    matched = tuple(rule_id for rule_id in _IDS if fnmatch.fnmatchcase(rule_id, pattern))
    if not matched:
        raise UnknownRuleError("rule", pattern, _IDS)
    return matched
