"""Case review: rate a case on a review instrument structured by the practice model.

Cases are reviewed with an instrument modeled on the federal CFSR onsite review but
structured by the six components of the practice model (seed 001). Each item is rated
Strength, Area Needing Improvement or Not Applicable (seed 002), here from the findings
[`check_case`][practicemodel.checks.check_case] returns: an item reads the findings of
the rules it names and is a Strength when every applicable one is met.

The instrument is data: a reviewer changes an item (its rules, its components) or the
threshold with ``attrs.evolve`` and rates again. A
[`CaseReview`][practicemodel.review.CaseReview] turns into rating records with
[`rating_records`][practicemodel.review.rating_records], the rows
[`item_performance`][practicemodel.statistics.item_performance] counts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import attrs

from practicemodel._arguments import date_arg, instance_arg, rule_args
from practicemodel.case import Case
from practicemodel.components import PracticeComponent
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    UnknownCodeError,
)
from practicemodel.findings import Finding, Outcome
from practicemodel.involvement import EngagementRole
from practicemodel.outcomes import (
    CFSR_ITEMS,
    ROUND_3,
    OutcomeDefinition,
    OutcomeRating,
    OutcomeResult,
    rate_outcome,
)
from practicemodel.periods import add_months
from practicemodel.policy import PolicyProfile
from practicemodel.rules import RuleInfo, all_rules, select
from practicemodel.rules._shared import by_rule

__all__ = [
    "CFSR_INSTRUMENT",
    "DEFAULT_INSTRUMENT",
    "INSTRUMENTS",
    "CaseReview",
    "ComponentResult",
    "ComponentRollup",
    "ItemRating",
    "ReviewInstrument",
    "ReviewItem",
    "ReviewRating",
    "RoleRating",
    "get_instrument",
    "period_label",
    "quarter_of",
    "rate_case",
    "rating_records",
]


class ReviewRating(StrEnum):
    """How one item is rated in one case (the values the rating records use)."""

    STRENGTH = "strength"
    AREA_NEEDING_IMPROVEMENT = "area_needing_improvement"
    NOT_APPLICABLE = "not_applicable"


class ComponentResult(StrEnum):
    """Whether a case achieves a practice-model component."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NOT_APPLICABLE = "not_applicable"


def _rule_specs(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidInputError(f"{attribute.name!r} must be a non-empty tuple of rule ids "
                                f"(got {value!r})")
    for spec in value:
        if not isinstance(spec, str) or not spec.strip("*").strip("."):
            raise InvalidInputError(f"{attribute.name!r} must hold rule ids or patterns such "
                                    f"as 'visits.*' (got {spec!r})")
        select(spec)  # UnknownRuleError for a pattern no registered rule matches


def _applies_when(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip("*").strip("."):
        raise InvalidInputError(f"'applies_when' must be a rule id or a pattern such as "
                                f"'visits.*' (got {value!r})")
    select(value)  # UnknownRuleError for a pattern no registered rule matches


def _components(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value or not all(
            isinstance(c, PracticeComponent) for c in value):
        raise InvalidInputError(f"{attribute.name!r} must be a non-empty tuple of "
                                f"PracticeComponent (got {value!r})")


def _item_number(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 18):
        raise InvalidInputError(f"'cfsr_item' must be a CFSR item number from 1 to 18 or None "
                                f"(got {value!r})")


def _text(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{attribute.name!r} must be a non-empty str (got {value!r})")


@attrs.frozen(kw_only=True, cache_hash=True)
class ReviewItem:
    """One item of the review instrument: which findings it reads and what it is evidence for.

    Rating rule: Not Applicable when no finding it reads is applicable (met, not met or
    needs review) — or when its ``applies_when`` rule has no applicable finding; Strength
    when every applicable finding is met; otherwise Area Needing Improvement. A
    ``needs_review`` finding counts as not met unless ``needs_review_counts_as_met``.

    An item is checked against the rule registry when it is built: a rule id or prefix (in
    ``rules`` or ``applies_when``) that matches no registered rule, such as the typo
    ``"servics.*"``, raises [`UnknownRuleError`][practicemodel.errors.UnknownRuleError],
    which lists the known ids, instead of rating every case Not Applicable.
    """

    code: str = attrs.field(validator=_text)
    """Stable item code, e.g. ``"visits_with_child"`` (the ``"item"`` of rating records)."""
    name: str = attrs.field(validator=_text)
    """The item's name as a reviewer reads it."""
    components: tuple[PracticeComponent, ...] = attrs.field(validator=_components)
    """The practice-model components the item gives evidence for."""
    source: str = attrs.field(validator=_text)
    """Seed and CFSR item it is modeled on."""
    rules: tuple[str, ...] = attrs.field(validator=_rule_specs)
    """Rule ids it reads: exact ids (``"smart.overall"``) or patterns (``"services.*"``), as
    [`rules.select`][practicemodel.rules.select] reads them.
    Each must match a rule of the registry ([`practicemodel.rules`][practicemodel.rules]),
    or the item is refused with [`UnknownRuleError`][practicemodel.errors.UnknownRuleError]."""
    applies_when: str | None = attrs.field(default=None, validator=_applies_when)
    """A rule id (or prefix) that decides applicability: the item is Not Applicable unless
    a finding of it is applicable (e.g. ``"concurrent.required"``)."""
    needs_review_counts_as_met: bool = attrs.field(
        default=False, validator=attrs.validators.instance_of(bool))
    """Whether a ``needs_review`` finding counts as met (default: as not met)."""
    cfsr_item: int | None = attrs.field(default=None, validator=_item_number)
    """The CFSR Round 3 item (1–18) this item *is*, on an instrument that rates CFSR
    outcomes ([`CFSR_INSTRUMENT`][practicemodel.review.CFSR_INSTRUMENT]); ``None`` for an
    item that is only modeled on one (the practice-model instrument's)."""
    _ids: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _gate_ids: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _order: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # The patterns are resolved once, against the registry, with the one pattern language
        # of rules.select: reading a finding is a set lookup.
        object.__setattr__(self, "_ids", frozenset(info.id for info in select(*self.rules)))
        object.__setattr__(self, "_order", tuple(sorted(self._ids)))
        gate = () if self.applies_when is None else select(self.applies_when)
        object.__setattr__(self, "_gate_ids", frozenset(info.id for info in gate))

    @property
    def rule_ids(self) -> frozenset[str]:
        """Every registered rule id the item reads or is gated on (what a review must run)."""
        return self._ids | self._gate_ids

    def reads(self, finding: Finding) -> bool:
        """Whether this item reads ``finding``."""
        return finding.rule in self._ids

    def rate(self, findings: Iterable[Finding]) -> ItemRating:
        """Rate the item from a case's findings (all of them; it picks its own)."""
        return self._rate(tuple(findings))

    def _rate(self, listed: tuple[Finding, ...],
              gate_on: tuple[Finding, ...] | None = None,
              groups: Mapping[str, tuple[Finding, ...]] | None = None) -> ItemRating:
        """``groups``: ``listed`` by rule id, when ``listed`` is in rule-id order (a check's
        findings): then an item reads its own rules' groups, in the same order."""
        wanted = self._ids
        not_applicable = Outcome.NOT_APPLICABLE
        if groups is None:
            read = tuple(f for f in listed if f.rule in wanted)
        else:
            read = tuple(f for rule in self._order for f in groups.get(rule, ()))
        applicable = tuple(f for f in read if f.outcome is not not_applicable)
        gate = self.applies_when
        if gate is not None:
            gates = self._gate_ids
            if groups is not None and gate_on is None:
                opened = any(f.outcome is not not_applicable
                             for rule in gates for f in groups.get(rule, ()))
            else:
                opened = any(f.rule in gates and f.outcome is not not_applicable
                             for f in (listed if gate_on is None else gate_on))
            if not opened:
                return ItemRating(item=self.code, rating=ReviewRating.NOT_APPLICABLE,
                                  findings=read)
        if not applicable:
            return ItemRating(item=self.code, rating=ReviewRating.NOT_APPLICABLE, findings=read)
        ok = _MET_OR_REVIEW if self.needs_review_counts_as_met else _MET
        short = tuple(f for f in applicable if f.outcome not in ok)
        if short:
            return ItemRating(item=self.code, rating=ReviewRating.AREA_NEEDING_IMPROVEMENT,
                              findings=short)
        return ItemRating(item=self.code, rating=ReviewRating.STRENGTH, findings=applicable)


_MET = frozenset({Outcome.MET})
_MET_OR_REVIEW = frozenset({Outcome.MET, Outcome.NEEDS_REVIEW})


def _items(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(i, ReviewItem) for i in value):
        raise InvalidInputError(f"'items' must be a tuple of ReviewItem (got {value!r})")
    codes = [i.code for i in value]
    if len(set(codes)) != len(codes):
        raise InvalidRecordError(f"item codes must be unique (got {codes!r})", path="items")


def _outcomes(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(d, OutcomeDefinition) for d in value):
        raise InvalidInputError(f"'outcomes' must be a tuple of OutcomeDefinition (got "
                                f"{value!r})")
    numbers = [item.cfsr_item for item in instance.items if item.cfsr_item is not None]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise InvalidRecordError(f"each CFSR item is rated by one item of the instrument "
                                 f"(items {repeated} appear more than once)", path="items")
    named = [d.outcome.value for d in value]
    if len(set(named)) != len(named):
        raise InvalidRecordError(f"each outcome is defined once (got {named})",
                                 path="outcomes")
    missing = sorted({n for d in value for n in d.items} - set(numbers))
    if missing:
        raise InvalidRecordError(f"the outcomes read CFSR items {missing}, which no item of "
                                 f"the instrument rates (set an item's 'cfsr_item')",
                                 path="outcomes")


def _threshold(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise InvalidInputError(f"'outcome_threshold' must be a number in (0, 1] "
                                f"(got {value!r})")


@attrs.frozen(kw_only=True, cache_hash=True)
class ReviewInstrument:
    """A review instrument: its items and when a component counts as achieved."""

    name: str = attrs.field(validator=_text)
    """The instrument's name."""
    items: tuple[ReviewItem, ...] = attrs.field(validator=_items)
    """The items, in the order they are reported."""
    outcome_threshold: float = attrs.field(default=1.0, validator=_threshold)
    """Share of a component's applicable items that must be Strengths for the component to
    be achieved in a case (1.0: all of them, as a CFSR outcome is substantially achieved)."""
    outcomes: tuple[OutcomeDefinition, ...] = attrs.field(default=(), validator=_outcomes)
    """The CFSR outcomes the instrument rates each case on, each by its own rule
    ([`OutcomeDefinition`][practicemodel.outcomes.OutcomeDefinition]); their item numbers
    must be the ``cfsr_item`` of exactly one item each. Empty: no outcome ratings (the
    practice-model instrument)."""

    @property
    def rules_read(self) -> tuple[RuleInfo, ...]:
        """The registered rules the instrument's items read or are gated on, by id: the only
        rules a review with this instrument needs to run."""
        wanted = frozenset().union(*(item.rule_ids for item in self.items))
        return tuple(info for info in all_rules() if info.id in wanted)

    def item(self, code: str) -> ReviewItem:
        """The item with this code.

        Raises:
            KeyError: no such item.
        """
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def replace_item(self, item: ReviewItem) -> ReviewInstrument:
        """A copy with the item of the same code replaced by ``item``."""
        self.item(item.code)
        return attrs.evolve(self, items=tuple(item if i.code == item.code else i
                                              for i in self.items))


_S, _R, _F = (PracticeComponent.MOBILIZING_SERVICES, PracticeComponent.SAFETY_AND_RISK,
              PracticeComponent.INVOLVING_FAMILIES)
_N, _C, _P = (PracticeComponent.STRENGTHS_AND_NEEDS, PracticeComponent.PRESERVING_CONNECTIONS,
              PracticeComponent.CASE_PLANNING)

DEFAULT_INSTRUMENT = ReviewInstrument(
    name="Practice model case review (CFSR-based, seeds 001/002)",
    items=(
        ReviewItem(code="needs_and_services", name="Needs and services of child, parents and "
                   "foster parents", components=(_S, _N),
                   source="seed 001; seed 002; CFSR item 12", rules=("services.*",)),
        ReviewItem(code="involvement_in_case_planning",
                   name="Child and family involvement in case planning", components=(_F, _P),
                   source="seed 001; seed 002; CFSR item 13",
                   rules=("engagement.actively_involved",)),
        ReviewItem(code="visits_with_child", name="Caseworker visits with child",
                   components=(_R, _F), source="seed 001; seed 002; CFSR item 14",
                   rules=("visits.child_*",)),
        ReviewItem(code="visits_with_parents", name="Caseworker visits with parents",
                   components=(_R, _F), source="seed 001; seed 002; CFSR item 15",
                   rules=("visits.parent_*",)),
        ReviewItem(code="visiting_parents_and_siblings",
                   name="Visiting with parents and siblings in foster care",
                   components=(_C,), source="seed 001; seed 002; CFSR item 8",
                   rules=("visitation.*",)),
        ReviewItem(code="timely_case_planning",
                   name="Timeliness of case planning and permanency steps", components=(_P,),
                   source="seed 001; seed 002; CFSR items 5 and 6",
                   rules=("deadline.initial_case_plan", "deadline.case_plan_update",
                          "deadline.periodic_review", "deadline.permanency_hearing")),
        ReviewItem(code="concurrent_planning", name="Concurrent planning where required",
                   components=(_P,), source="seed 001; seed 003 slide 51; CFSR item 5",
                   rules=("concurrent.*",), applies_when="concurrent.required"),
        ReviewItem(code="smart_objectives", name="S.M.A.R.T. quality of objectives",
                   components=(_P, _N), source="seed 001; seed 003; seed 004",
                   rules=("smart.overall",)),
        ReviewItem(code="safe_closure_criteria", name="Safe closure criteria present",
                   components=(_R, _P), source="seed 001; seed 004",
                   rules=("closure.criteria_in_first_plan", "closure.criteria_measured")),
    ),
)
"""The default instrument: nine items over the six components (seeds 001, 002; CFSR)."""


_CFSR_RULES: tuple[tuple[int, tuple[PracticeComponent, ...], tuple[str, ...]], ...] = (
    (1, (_R,), ("intake.*",)),
    (2, (_R, _S), ("safety.services_to_prevent_removal",)),
    (3, (_R, _N), ("safety.initial_assessment", "safety.ongoing_assessment",
                   "safety.plan_monitored", "safety.no_recurrence")),
    (4, (_P, _C), ("stability.*",)),
    (5, (_P,), ("permanency.goal_recorded", "permanency.goal_timely", "deadline.tpr_petition")),
    (6, (_P,), ("permanency.achieved_timely",)),
    (7, (_C,), ("siblings.*",)),
    (8, (_C, _F), ("visitation.*",)),
    (9, (_C,), ("connections.*",)),
    (10, (_C, _F), ("relatives.*",)),
    (11, (_C, _F), ("parent_child.*",)),
    (12, (_S, _N), ("services.*",)),
    (13, (_F, _P), ("engagement.actively_involved",)),
    (14, (_R, _F), ("visits.child_*",)),
    (15, (_R, _F), ("visits.parent_*",)),
    (16, (_N, _S), ("education.*",)),
    (17, (_N, _S), ("health.*",)),
    (18, (_N, _S), ("mental_health.*",)),
)
"""Each CFSR item: its practice-model components (the table of the docs page "The CFSR
instrument") and the rules whose findings it reads."""

CFSR_INSTRUMENT = ReviewInstrument(
    name="CFSR Round 3 onsite review instrument (18 items, 7 outcomes)",
    items=tuple(
        ReviewItem(code=f"item_{number:02d}", name=CFSR_ITEMS[number - 1].name,
                   components=components, rules=rules, cfsr_item=number,
                   source=f"CFSR Round 3 onsite review instrument, item {number}")
        for number, components, rules in _CFSR_RULES),
    outcomes=ROUND_3,
)
"""The federal review: the 18 items of the CFSR Round 3 onsite review instrument, each rated
from the findings of its rules (``item_01`` to ``item_18``), each also evidence for one or
two practice-model components, and the seven outcomes rated per case by their own rules
([`outcomes.ROUND_3`][practicemodel.outcomes.ROUND_3]). ``practicemodel review
--instrument cfsr`` prints it by outcome with each outcome's conformity line."""

INSTRUMENTS: Mapping[str, ReviewInstrument] = MappingProxyType({
    "ms-practice-model": DEFAULT_INSTRUMENT, "cfsr": CFSR_INSTRUMENT})
"""The shipped instruments by the code the command line takes (``--instrument``):
``ms-practice-model`` (the default: nine items over the six components of the Mississippi
practice model) and ``cfsr`` (the 18 federal items and 7 outcomes)."""


def get_instrument(code: str) -> ReviewInstrument:
    """The shipped instrument with this code (``"ms-practice-model"`` or ``"cfsr"``).

    >>> get_instrument("cfsr").item("item_05").name
    'Permanency goal for child'

    Raises:
        UnknownCodeError: no instrument has this code (the message lists them).
    """
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        raise UnknownCodeError("instrument", code, tuple(INSTRUMENTS)) from None


@attrs.frozen(kw_only=True)
class ItemRating:
    """One item's rating in one case, with the findings that led to it.

    For a Strength, the applicable findings; for an Area Needing Improvement, the findings
    that were not met; for Not Applicable, every finding the item read.
    """

    item: str
    """The item's code."""
    rating: ReviewRating
    """Strength, Area Needing Improvement or Not Applicable."""
    findings: tuple[Finding, ...] = ()
    """The findings that led to the rating."""


@attrs.frozen(kw_only=True)
class RoleRating:
    """One item's rating in one case, from the findings about the people of one role.

    Seed 002 reports item performance separately for mothers and fathers (e.g. caseworker
    visits sufficiently frequent with mothers 43.4%, with fathers 21.88%). The roles are the
    engagement roles of [`who_counts`][practicemodel.rules.engagement.who_counts]: ``mother``,
    ``father``, ``foster_parent``, ``child`` and ``parent`` (role not recorded). The rating
    rule is the item's, applied to the findings whose subject is one of those people; an
    item with no such finding is Not Applicable for the role (case-level findings, such as
    a plan's, belong to no role).
    """

    item: str
    """The item's code."""
    role: str
    """The engagement role, e.g. ``"father"``."""
    rating: ReviewRating
    """Strength, Area Needing Improvement or Not Applicable."""
    findings: tuple[Finding, ...] = ()
    """The findings that led to the rating."""


@attrs.frozen(kw_only=True)
class ComponentRollup:
    """One practice-model component in one case: its items and whether it is achieved."""

    component: PracticeComponent
    """The component."""
    result: ComponentResult
    """Achieved, not achieved, or not applicable (no applicable item)."""
    strengths: int
    """Applicable items rated Strength."""
    applicable: int
    """Items rated Strength or Area Needing Improvement."""


@attrs.frozen(kw_only=True)
class CaseReview:
    """A case rated on an instrument. A result: its fields are not re-validated."""

    case_id: str
    """The case's id."""
    region: str
    """The case's region."""
    county: str
    """The case's county."""
    case_type: str
    """``"in_home"`` or ``"foster_care"``."""
    policy: str
    """The policy profile code."""
    as_of: date
    """The date the case was reviewed as of."""
    instrument: str
    """The instrument's name."""
    ratings: tuple[ItemRating, ...]
    """One rating per item, in the instrument's order."""
    components: tuple[ComponentRollup, ...]
    """One roll-up per practice-model component, in the components' order."""
    role_ratings: tuple[RoleRating, ...] = ()
    """With ``rate_case(..., by_role=True)``: one rating per item and engagement role, in
    the instrument's order then the roles' order; otherwise empty."""
    outcomes: tuple[OutcomeRating, ...] = ()
    """On an instrument with ``outcomes`` (the CFSR instrument): the case's rating on each
    outcome (substantially, partially, not achieved, not applicable), by the outcome's own
    rule, in the instrument's order; otherwise empty."""

    def rating(self, item: str) -> ReviewRating:
        """The rating of the item with this code.

        Raises:
            KeyError: no such item.
        """
        for rated in self.ratings:
            if rated.item == item:
                return rated.rating
        raise KeyError(item)

    def component(self, component: PracticeComponent) -> ComponentResult:
        """The roll-up result of one component."""
        return next(r.result for r in self.components if r.component is component)


@functools.lru_cache(maxsize=32)
def _items_of(instrument: ReviewInstrument) -> tuple[tuple[PracticeComponent, tuple[int, ...]],
                                                     ...]:
    """Each component with the positions of its items in the instrument."""
    return tuple((component, tuple(n for n, item in enumerate(instrument.items)
                                   if component in item.components))
                 for component in PracticeComponent)


def _rollups(instrument: ReviewInstrument,
             ratings: tuple[ItemRating, ...]) -> tuple[ComponentRollup, ...]:
    result = []
    for component, positions in _items_of(instrument):
        applicable = [r for r in (ratings[n].rating for n in positions)
                      if r is not ReviewRating.NOT_APPLICABLE]
        strengths = sum(1 for r in applicable if r is ReviewRating.STRENGTH)
        if not applicable:
            outcome = ComponentResult.NOT_APPLICABLE
        elif strengths / len(applicable) >= instrument.outcome_threshold:
            outcome = ComponentResult.ACHIEVED
        else:
            outcome = ComponentResult.NOT_ACHIEVED
        result.append(ComponentRollup(component=component, result=outcome,
                                      strengths=strengths, applicable=len(applicable)))
    return tuple(result)


def _people_by_role(findings: tuple[Finding, ...]) -> dict[str, frozenset[str]]:
    """Person ids per engagement role, from the findings' ``person_id`` and ``role``: the
    engagement rules judge everyone who counts for any of the case's children, applicable or
    not, so their findings name every person of every role."""
    people: dict[str, set[str]] = {role.value: set() for role in EngagementRole}
    for finding in findings:
        if finding.role is not None and finding.person_id is not None:
            people.setdefault(finding.role, set()).add(finding.person_id)
    return {role: frozenset(ids) for role, ids in people.items()}


def _role_ratings(instrument: ReviewInstrument, findings: tuple[Finding, ...],
                  people: dict[str, frozenset[str]]) -> tuple[RoleRating, ...]:
    about = {role: tuple(f for f in findings if f.subject_id in ids)
             for role, ids in people.items()}
    out = []
    for item in instrument.items:
        for role, subset in about.items():
            rated = item._rate(subset, gate_on=findings)
            out.append(RoleRating(item=item.code, role=role, rating=rated.rating,
                                  findings=rated.findings))
    return tuple(out)


@functools.lru_cache(maxsize=32)
def _rules_for(instrument: ReviewInstrument, by_role: bool) -> tuple[RuleInfo, ...]:
    if not by_role:
        return instrument.rules_read
    return tuple(sorted({*instrument.rules_read, *select("engagement.*")}, key=lambda r: r.id))


def rate_case(case: Case, *, policy: PolicyProfile, as_of: date,
              instrument: ReviewInstrument = DEFAULT_INSTRUMENT,
              by_role: bool = False) -> CaseReview:
    """Rate every item of ``instrument`` for ``case`` and roll them up by component.

    With ``by_role``, also rate each item for the people of each engagement role (mothers,
    fathers, foster parents, children; see
    [`RoleRating`][practicemodel.review.RoleRating]), as seed 002 reports them.

    Sources: seed 001 (an instrument modeled on the CFSR, structured by the six components); seed
    002 (item performance, by mothers and fathers); CFSR Round 3 ratings [practice].

    Raises:
        InvalidInputError: an argument is not of the right kind.
    """
    from practicemodel.checks import _run_rules

    rule_args(case, policy, as_of)
    instance_arg(instrument, ReviewInstrument, "instrument")
    if not isinstance(by_role, bool):
        raise InvalidInputError(f"'by_role' must be a bool (got {by_role!r})")
    # Only the rules the instrument reads run (and the engagement rules, which name each
    # person's role, for the ratings by role).
    chosen = _rules_for(instrument, by_role)
    findings = _run_rules(case, policy, as_of, chosen)
    grouped = by_rule(findings)  # in rule-id order: each item reads its rules' groups
    ratings = tuple(item._rate(findings, groups=grouped) for item in instrument.items)
    role_ratings = _role_ratings(instrument, findings,
                                 _people_by_role(findings)) if by_role else ()
    return CaseReview(
        case_id=case.id, region=case.region, county=case.county,
        case_type=case.case_type.value, policy=policy.code, as_of=as_of,
        instrument=instrument.name, ratings=ratings,
        components=_rollups(instrument, ratings), role_ratings=role_ratings,
        outcomes=_outcome_ratings(instrument, ratings),
    )


def _outcome_ratings(instrument: ReviewInstrument,
                     ratings: tuple[ItemRating, ...]) -> tuple[OutcomeRating, ...]:
    if not instrument.outcomes:
        return ()
    by_number = {item.cfsr_item: rated.rating.value
                 for item, rated in zip(instrument.items, ratings, strict=True)
                 if item.cfsr_item is not None}
    return tuple(rate_outcome(definition, {n: by_number[n] for n in definition.items})
                 for definition in instrument.outcomes)


def quarter_of(day: date) -> str:
    """The calendar quarter of a date, e.g. ``"2026Q4"``.

    >>> quarter_of(date(2026, 11, 22))
    '2026Q4'
    """
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def period_label(day: date, *, start: date, months: int = 3, prefix: str = "Q") -> str:
    """The reviewer-defined period that contains ``day``, for grouping reviews over time.

    Periods are ``months`` calendar months long, counted from ``start``, and labelled
    ``f"{prefix}{n}"`` with ``n`` from 1. Seed 002's improvement plan, for example, took
    effect on 2020-02-01 and reports quarterly over eight quarters: ``start=date(2020, 2, 1)``
    labels 2020-02-01 to 2020-04-30 ``"Q1"``. Add the label to rating records with
    ``rating_records(review, fields={"period": ...})`` and group by ``"period"``.

    >>> period_label(date(2020, 9, 30), start=date(2020, 2, 1))
    'Q3'
    >>> period_label(date(2021, 1, 31), start=date(2020, 2, 1), months=6, prefix="H")
    'H2'

    Raises:
        InvalidInputError: a date is not a ``datetime.date``, or ``months`` is not a
            positive int.
        InvalidArgumentError: ``day`` is before ``start``.
    """
    day, start = date_arg(day, "day"), date_arg(start, "start")
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise InvalidInputError(f"'months' must be an int of 1 or more (got {months!r})")
    if not isinstance(prefix, str):
        raise InvalidInputError(f"'prefix' must be a str (got {prefix!r})")
    if day < start:
        raise InvalidArgumentError(f"'day' ({day}) is before the first period's start ({start})")
    elapsed = (day.year * 12 + day.month) - (start.year * 12 + start.month)
    if add_months(start, elapsed) > day:
        elapsed -= 1
    return f"{prefix}{elapsed // months + 1}"


_RECORD_KEYS = frozenset({"case_id", "item", "rating", "role", "region", "county",
                          "case_type", "quarter"})


def rating_records(review: CaseReview, *, quarter: bool = True, roles: bool = False,
                   fields: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """Rows for [`item_performance`][practicemodel.statistics.item_performance], one per item.

    Each row has the review's ``case_id``, then ``item``, ``rating``, ``region``,
    ``county``, ``case_type`` and, unless ``quarter`` is false, ``quarter`` (of ``as_of``,
    e.g. ``"2026Q4"``): the ``case_id`` lets a table of rows be joined with your own
    case-level data (counting ignores it). A review on an
    instrument with CFSR outcomes also has one row per outcome, its ``item`` the outcome's
    code (``"safety_1"``...) and its ``rating`` ``strength`` when the outcome is
    substantially achieved, ``area_needing_improvement`` when partially or not achieved,
    ``not_applicable`` otherwise: counted like an item, its performance is the share of
    applicable cases substantially achieving the outcome, the share
    [substantial conformity][practicemodel.outcomes.outcome_conformity] is judged by. With
    ``roles``, the rows are the review's role ratings instead, one per item and engagement
    role, each with a ``role`` key (``"mother"``, ``"father"``...), so that performance can
    be grouped by role (no outcome rows then). ``fields`` adds keys of your own to every
    row, e.g. a reviewer-defined period (``{"period": period_label(review.as_of,
    start=...)}``) or ``{"review": "baseline"}``.

    Raises:
        InvalidInputError: ``review`` is not a CaseReview, or ``fields`` is not a mapping
            of str to str.
        InvalidArgumentError: ``roles`` is asked of a review rated without ``by_role``,
            or ``fields`` reuses a key the rows already have.
    """
    if not isinstance(review, CaseReview):
        raise InvalidInputError(f"'review' must be a CaseReview (got {type(review).__name__})")
    for name, flag in (("quarter", quarter), ("roles", roles)):
        if not isinstance(flag, bool):
            raise InvalidInputError(f"{name!r} must be a bool (got {flag!r})")
    if roles and not review.role_ratings:
        raise InvalidArgumentError("'roles' needs a review rated with rate_case(..., "
                                   "by_role=True)")
    case_id = review.case_id
    base = {"region": review.region, "county": review.county, "case_type": review.case_type}
    if quarter:
        base["quarter"] = quarter_of(review.as_of)
    if fields is not None:
        if not isinstance(fields, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
            raise InvalidInputError(f"'fields' must map str to str (got {fields!r})")
        clash = sorted(_RECORD_KEYS & set(fields))
        if clash:
            raise InvalidArgumentError(f"'fields' must not reuse the rows' keys (got {clash})")
        base.update(fields)
    if roles:
        return [{"case_id": case_id, "item": r.item, "rating": r.rating.value,
                 "role": r.role, **base} for r in review.role_ratings]
    rows = [{"case_id": case_id, "item": r.item, "rating": r.rating.value, **base}
            for r in review.ratings]
    rows.extend({"case_id": case_id, "item": o.outcome.value,
                 "rating": _AS_RATING[o.result].value, **base} for o in review.outcomes)
    return rows


_AS_RATING = {OutcomeResult.SUBSTANTIALLY_ACHIEVED: ReviewRating.STRENGTH,
              OutcomeResult.PARTIALLY_ACHIEVED: ReviewRating.AREA_NEEDING_IMPROVEMENT,
              OutcomeResult.NOT_ACHIEVED: ReviewRating.AREA_NEEDING_IMPROVEMENT,
              OutcomeResult.NOT_APPLICABLE: ReviewRating.NOT_APPLICABLE}
"""How an outcome row counts in item performance: its "performance" is then the share of
applicable cases substantially achieving the outcome, the share substantial conformity is
judged by (partially and not achieved both count against it)."""
