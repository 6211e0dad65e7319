"""CFSR outcomes: turning a case's item ratings into outcome ratings, and a state's into conformity.

The federal Child and Family Services Review (Round 3 onsite review instrument) rates 18 items
per case, Strength, Area Needing Improvement or Not Applicable, and groups them under seven
outcomes: Safety 1 (item 1), Safety 2 (items 2–3), Permanency 1 (items 4–6), Permanency 2
(items 7–11), Well-Being 1 (items 12–15), Well-Being 2 (item 16) and Well-Being 3 (items 17–18).
Each outcome has **its own rule** for the case-level rating (substantially achieved, partially
achieved, not achieved, not applicable); it is not "every applicable item a Strength":
Permanency 2 tolerates one Area Needing Improvement.

A state is in **substantial conformity** with an outcome when at least a threshold share of
the applicable reviewed cases (95% in Rounds 2 and 3; 90% in Round 1) substantially achieve it;
the threshold is the policy profile's
[`outcome_conformity_threshold`][practicemodel.policy.PolicyProfile.outcome_conformity_threshold].

The rules are data ([`OutcomeDefinition`][practicemodel.outcomes.OutcomeDefinition], with the
rule kind and its source), so a state that reads an unconfirmed rule differently passes its
own definitions. The Round 3 instrument's rules for the three Well-Being outcomes could not be
confirmed from the sources read: this library applies the Permanency 1 rule to Well-Being 1
and 3 and the one-item rule to Well-Being 2 (each marked ``confirmed=False``).

Sources: CFSR Round 3 onsite review instrument (OSRI), outcome rating rules, and the CFSR
FAQs (safety outcome 1, 2; permanency outcome 1, 2); substantial conformity: the CFSR
training materials of Round 2 and state descriptions of the determination (95% of applicable
cases).

>>> from practicemodel.outcomes import ROUND_3, rate_outcome
>>> permanency_2 = next(d for d in ROUND_3 if d.outcome == "permanency_2")
>>> rate_outcome(permanency_2, {7: "strength", 8: "area_needing_improvement", 9: "strength",
...                             10: "not_applicable", 11: "strength"}).result.value
'substantially_achieved'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

import attrs

from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.statistics import Proportion, Rating, wilson_interval

__all__ = [
    "CFSR_ITEMS",
    "ROUND_3",
    "CfsrItem",
    "CfsrOutcome",
    "OutcomeConformity",
    "OutcomeDefinition",
    "OutcomeRating",
    "OutcomeResult",
    "RatingRule",
    "outcome_conformity",
    "rate_outcome",
    "rate_outcomes",
]


class CfsrOutcome(StrEnum):
    """The seven CFSR outcomes."""

    SAFETY_1 = "safety_1"
    SAFETY_2 = "safety_2"
    PERMANENCY_1 = "permanency_1"
    PERMANENCY_2 = "permanency_2"
    WELL_BEING_1 = "well_being_1"
    WELL_BEING_2 = "well_being_2"
    WELL_BEING_3 = "well_being_3"

    @property
    def label(self) -> str:
        """The outcome's name and statement, e.g. ``"Safety 1: Children are, first and
        foremost, protected from abuse and neglect"`` (CFSR outcome statements, 45 CFR
        1355.34(b)(1))."""
        return _LABELS[self]


_LABELS = {
    CfsrOutcome.SAFETY_1: "Safety 1: Children are, first and foremost, protected from abuse "
                          "and neglect",
    CfsrOutcome.SAFETY_2: "Safety 2: Children are safely maintained in their homes whenever "
                          "possible and appropriate",
    CfsrOutcome.PERMANENCY_1: "Permanency 1: Children have permanency and stability in their "
                              "living situations",
    CfsrOutcome.PERMANENCY_2: "Permanency 2: The continuity of family relationships and "
                              "connections is preserved for children",
    CfsrOutcome.WELL_BEING_1: "Well-Being 1: Families have enhanced capacity to provide for "
                              "their children's needs",
    CfsrOutcome.WELL_BEING_2: "Well-Being 2: Children receive appropriate services to meet "
                              "their educational needs",
    CfsrOutcome.WELL_BEING_3: "Well-Being 3: Children receive adequate services to meet their "
                              "physical and mental health needs",
}


class OutcomeResult(StrEnum):
    """A case's rating on one outcome."""

    SUBSTANTIALLY_ACHIEVED = "substantially_achieved"
    PARTIALLY_ACHIEVED = "partially_achieved"
    NOT_ACHIEVED = "not_achieved"
    NOT_APPLICABLE = "not_applicable"


class RatingRule(StrEnum):
    """How an outcome's item ratings make the case's outcome rating (S Strength, ANI Area
    Needing Improvement, NA Not Applicable)."""

    ONE_ITEM = "one_item"
    """One item: S → substantially achieved; ANI → not achieved; NA → not applicable
    (Safety 1)."""
    SAFETY_2 = "safety_2"
    """Items 2 and 3: both S, or item 2 NA and item 3 S → substantially; one S and one
    ANI → partially; both ANI, or item 2 NA and item 3 ANI → not achieved; both NA → not
    applicable."""
    ALL_STRENGTH = "all_strength"
    """Every applicable item S → substantially; at least one S (and an ANI) → partially;
    every applicable item ANI → not achieved; every item NA → not applicable
    (Permanency 1)."""
    ONE_ANI_TOLERATED = "one_ani_tolerated"
    """At least one S and at most one ANI → substantially; at least one S and two or more
    ANI → partially; no S and at least one ANI → not achieved; every item NA → not
    applicable (Permanency 2)."""


@attrs.frozen(kw_only=True)
class CfsrItem:
    """One item of the CFSR Round 3 onsite review instrument."""

    number: int
    """The item number, 1-18."""
    name: str
    """The item's name."""
    outcome: CfsrOutcome
    """The outcome it belongs to."""


def _item(number: int, name: str, outcome: CfsrOutcome) -> CfsrItem:
    return CfsrItem(number=number, name=name, outcome=outcome)


CFSR_ITEMS: tuple[CfsrItem, ...] = (
    _item(1, "Timeliness of initiating investigations of reports", CfsrOutcome.SAFETY_1),
    _item(2, "Services to protect children in the home and prevent removal or re-entry",
          CfsrOutcome.SAFETY_2),
    _item(3, "Risk and safety assessment and management", CfsrOutcome.SAFETY_2),
    _item(4, "Stability of foster care placement", CfsrOutcome.PERMANENCY_1),
    _item(5, "Permanency goal for child", CfsrOutcome.PERMANENCY_1),
    _item(6, "Achieving reunification, guardianship, adoption, or other planned permanent "
          "living arrangement", CfsrOutcome.PERMANENCY_1),
    _item(7, "Placement with siblings", CfsrOutcome.PERMANENCY_2),
    _item(8, "Visiting with parents and siblings in foster care", CfsrOutcome.PERMANENCY_2),
    _item(9, "Preserving connections", CfsrOutcome.PERMANENCY_2),
    _item(10, "Relative placement", CfsrOutcome.PERMANENCY_2),
    _item(11, "Relationship of child in care with parents", CfsrOutcome.PERMANENCY_2),
    _item(12, "Needs and services of child, parents and foster parents",
          CfsrOutcome.WELL_BEING_1),
    _item(13, "Child and family involvement in case planning", CfsrOutcome.WELL_BEING_1),
    _item(14, "Caseworker visits with child", CfsrOutcome.WELL_BEING_1),
    _item(15, "Caseworker visits with parents", CfsrOutcome.WELL_BEING_1),
    _item(16, "Educational needs of the child", CfsrOutcome.WELL_BEING_2),
    _item(17, "Physical health of the child", CfsrOutcome.WELL_BEING_3),
    _item(18, "Mental and behavioral health of the child", CfsrOutcome.WELL_BEING_3),
)
"""The 18 items of the Round 3 instrument, by number, with their names (as seed 002 quotes
them with Mississippi's figures, and the Round 3 instrument names the others) and
outcomes."""


_S, _ANI, _NA = Rating.STRENGTH, Rating.AREA_NEEDING_IMPROVEMENT, Rating.NOT_APPLICABLE
_SA, _PA, _NACH, _NAPP = (OutcomeResult.SUBSTANTIALLY_ACHIEVED, OutcomeResult.PARTIALLY_ACHIEVED,
                          OutcomeResult.NOT_ACHIEVED, OutcomeResult.NOT_APPLICABLE)


def _items_valid(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if (not isinstance(value, tuple) or not value
            or not all(type(n) is int and 1 <= n <= 18 for n in value)
            or len(set(value)) != len(value)):
        raise InvalidInputError(f"'items' must be a non-empty tuple of distinct CFSR item "
                                f"numbers 1-18 (got {value!r})")


def _rule_fits(instance: OutcomeDefinition) -> None:
    wanted = {RatingRule.ONE_ITEM: 1, RatingRule.SAFETY_2: 2}.get(instance.rule)
    if wanted is not None and len(instance.items) != wanted:
        raise InvalidInputError(f"the {instance.rule.value!r} rule rates {wanted} item(s); "
                                f"{instance.outcome.value!r} lists {list(instance.items)}")


@attrs.frozen(kw_only=True)
class OutcomeDefinition:
    """One outcome: its items and the rule that turns their ratings into the outcome's."""

    outcome: CfsrOutcome = attrs.field(converter=CfsrOutcome)
    """Which outcome."""
    items: tuple[int, ...] = attrs.field(validator=_items_valid)
    """Its CFSR item numbers, in order (for ``SAFETY_2``: item 2, then item 3)."""
    rule: RatingRule = attrs.field(converter=RatingRule)
    """The rating rule."""
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    """Where the rule comes from."""
    confirmed: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    """``False`` where the sources read did not confirm the rule and this library chose it."""

    def __attrs_post_init__(self) -> None:
        _rule_fits(self)


_OSRI = "CFSR Round 3 onsite review instrument, outcome rating rules"
ROUND_3: tuple[OutcomeDefinition, ...] = (
    OutcomeDefinition(outcome=CfsrOutcome.SAFETY_1, items=(1,), rule=RatingRule.ONE_ITEM,
                      source=f"{_OSRI} (Safety 1); CFSR FAQ, safety outcome 1"),
    OutcomeDefinition(outcome=CfsrOutcome.SAFETY_2, items=(2, 3), rule=RatingRule.SAFETY_2,
                      source=f"{_OSRI} (Safety 2); CFSR FAQ, safety outcome 2"),
    OutcomeDefinition(outcome=CfsrOutcome.PERMANENCY_1, items=(4, 5, 6),
                      rule=RatingRule.ALL_STRENGTH,
                      source=f"{_OSRI} (Permanency 1); CFSR FAQ, permanency outcome 1"),
    OutcomeDefinition(outcome=CfsrOutcome.PERMANENCY_2, items=(7, 8, 9, 10, 11),
                      rule=RatingRule.ONE_ANI_TOLERATED,
                      source=f"{_OSRI} (Permanency 2); CFSR FAQ, permanency outcome 2"),
    OutcomeDefinition(outcome=CfsrOutcome.WELL_BEING_1, items=(12, 13, 14, 15),
                      rule=RatingRule.ALL_STRENGTH, confirmed=False,
                      source="practicemodel's choice: the Permanency 1 rule (the Round 3 "
                             "rule for Well-Being 1 was not confirmed from the sources read)"),
    OutcomeDefinition(outcome=CfsrOutcome.WELL_BEING_2, items=(16,), rule=RatingRule.ONE_ITEM,
                      confirmed=False,
                      source="practicemodel's choice: the one-item rule of Safety 1 (the "
                             "Round 3 rule for Well-Being 2 was not confirmed from the sources "
                             "read)"),
    OutcomeDefinition(outcome=CfsrOutcome.WELL_BEING_3, items=(17, 18),
                      rule=RatingRule.ALL_STRENGTH, confirmed=False,
                      source="practicemodel's choice: the Permanency 1 rule (the Round 3 "
                             "rule for Well-Being 3 was not confirmed from the sources read)"),
)
"""The seven outcomes of the Round 3 instrument with their rating rules (the default)."""


@attrs.frozen(kw_only=True)
class OutcomeRating:
    """A case's rating on one outcome, with the item ratings it came from and why.

    A result built by [`rate_outcome`][practicemodel.outcomes.rate_outcome]: its fields are
    not re-validated."""

    outcome: CfsrOutcome
    """Which outcome."""
    result: OutcomeResult
    """Substantially achieved, partially achieved, not achieved or not applicable."""
    items: tuple[tuple[int, Rating], ...]
    """The outcome's items and their ratings, in the outcome's item order."""
    rule: RatingRule
    """The rule applied."""
    explanation: str
    """Why, in words."""
    source: str
    """The rule's source."""


def _rating(number: int, value: object) -> Rating:
    try:
        return Rating(value)  # type: ignore[arg-type]
    except ValueError:
        raise InvalidInputError(f"the rating of item {number} must be one of "
                                f"{[r.value for r in Rating]} (got {value!r})") from None


def _apply(rule: RatingRule, ratings: tuple[Rating, ...]) -> tuple[OutcomeResult, str]:
    strengths = ratings.count(_S)
    needs = ratings.count(_ANI)
    if rule is RatingRule.ONE_ITEM:
        (only,) = ratings
        result = {_S: _SA, _ANI: _NACH, _NA: _NAPP}[only]
        return result, f"the item is rated {only.value.replace('_', ' ')}"
    if rule is RatingRule.SAFETY_2:
        two, three = ratings
        if two is _NA and three is _NA:
            return _NAPP, "items 2 and 3 are not applicable"
        if strengths and needs:
            return _PA, "one item is a Strength and the other an Area Needing Improvement"
        if needs:
            return _NACH, ("items 2 and 3 are Areas Needing Improvement" if two is _ANI
                           else "item 2 is not applicable and item 3 is an Area Needing "
                                "Improvement")
        if two is _NA or three is _NA:
            return _SA, f"item {3 if two is _NA else 2} is a Strength and the other not applicable"
        return _SA, "items 2 and 3 are Strengths"
    counts = f"{strengths} Strength(s), {needs} Area(s) Needing Improvement"
    if not strengths and not needs:
        return _NAPP, "every item is not applicable"
    if rule is RatingRule.ALL_STRENGTH:
        if not needs:
            return _SA, f"every applicable item is a Strength ({counts})"
        if strengths:
            return _PA, f"some applicable items are Strengths, not all ({counts})"
        return _NACH, f"no applicable item is a Strength ({counts})"
    # ONE_ANI_TOLERATED
    if not strengths:
        return _NACH, f"no item is a Strength ({counts})"
    if needs <= 1:
        return _SA, f"at least one Strength and at most one Area Needing Improvement ({counts})"
    return _PA, f"at least one Strength but two or more Areas Needing Improvement ({counts})"


def rate_outcome(definition: OutcomeDefinition,
                 ratings: Mapping[int, Rating | str]) -> OutcomeRating:
    """Rate one outcome for a case from the ratings of its items (item number → rating code:
    ``"strength"``, ``"area_needing_improvement"``, ``"not_applicable"``, or a
    ``Rating``/``ReviewRating`` member).

    Raises:
        InvalidInputError: an argument is not of the right kind, or a rating is not one of
            the three codes.
        InvalidArgumentError: an item of the outcome has no rating in ``ratings``.
    """
    if not isinstance(definition, OutcomeDefinition):
        raise InvalidInputError(f"'definition' must be an OutcomeDefinition (got "
                                f"{type(definition).__name__})")
    if not isinstance(ratings, Mapping):
        raise InvalidInputError(f"'ratings' must map CFSR item numbers to ratings (got "
                                f"{type(ratings).__name__})")
    missing = [n for n in definition.items if n not in ratings]
    if missing:
        raise InvalidArgumentError(f"outcome {definition.outcome.value!r} needs the ratings of "
                                   f"items {list(definition.items)}; missing: {missing}")
    rated = tuple(_rating(n, ratings[n]) for n in definition.items)
    result, why = _apply(definition.rule, rated)
    return OutcomeRating(outcome=definition.outcome, result=result,
                         items=tuple(zip(definition.items, rated, strict=True)),
                         rule=definition.rule, explanation=why, source=definition.source)


def rate_outcomes(ratings: Mapping[int, Rating | str], *,
                  outcomes: Iterable[OutcomeDefinition] = ROUND_3) -> tuple[OutcomeRating, ...]:
    """Rate every outcome of ``outcomes`` (default: the seven of Round 3) for a case.

    Raises:
        InvalidInputError: as for [`rate_outcome`][practicemodel.outcomes.rate_outcome].
        InvalidArgumentError: an outcome's item has no rating.
    """
    return tuple(rate_outcome(definition, ratings) for definition in outcomes)


@attrs.frozen(kw_only=True)
class OutcomeConformity:
    """A state's performance on one outcome over its reviewed cases.

    A result built by [`outcome_conformity`][practicemodel.outcomes.outcome_conformity]."""

    outcome: CfsrOutcome
    """Which outcome."""
    substantially_achieved: Proportion
    """Applicable cases substantially achieving it, of the applicable cases, with its Wilson
    interval."""
    partially_achieved: int
    """Applicable cases partially achieving it."""
    not_achieved: int
    """Applicable cases not achieving it."""
    not_applicable: int
    """Cases where it was not applicable."""
    threshold: float
    """The share of applicable cases that must substantially achieve it."""
    in_substantial_conformity: bool
    """Whether the share reaches the threshold (``False`` with no applicable case)."""


def outcome_conformity(cases: Iterable[Iterable[OutcomeRating]], *, threshold: float,
                       confidence: float = 0.95) -> tuple[OutcomeConformity, ...]:
    """Each outcome's share of applicable cases substantially achieving it, and whether the
    state is in substantial conformity (the share reaches ``threshold``, e.g. the profile's
    ``outcome_conformity_threshold``, 0.95), in the order the outcomes first appear.

    >>> from practicemodel.outcomes import outcome_conformity, rate_outcomes
    >>> cases = [rate_outcomes({1: "strength", **{n: "not_applicable" for n in range(2, 19)}}),
    ...          rate_outcomes({n: "not_applicable" for n in range(1, 19)})]
    >>> safety = outcome_conformity(cases, threshold=0.95)[0]
    >>> (safety.substantially_achieved.successes, safety.substantially_achieved.trials,
    ...  safety.not_applicable, safety.in_substantial_conformity)
    (1, 1, 1, True)

    Raises:
        InvalidInputError: ``threshold`` is not a number in (0, 1], or a case holds
            something other than OutcomeRating values.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) \
            or not 0 < threshold <= 1:
        raise InvalidInputError(f"'threshold' must be a number in (0, 1] (got {threshold!r})")
    counts: dict[CfsrOutcome, dict[OutcomeResult, int]] = {}
    for case in cases:
        for rated in case:
            if not isinstance(rated, OutcomeRating):
                raise InvalidInputError(f"each case must hold OutcomeRating values (got "
                                        f"{type(rated).__name__})")
            slot = counts.setdefault(rated.outcome, dict.fromkeys(OutcomeResult, 0))
            slot[rated.result] += 1
    result = []
    for outcome, slot in counts.items():
        applicable = slot[_SA] + slot[_PA] + slot[_NACH]
        share = wilson_interval(slot[_SA], applicable, confidence=confidence)
        result.append(OutcomeConformity(
            outcome=outcome, substantially_achieved=share, partially_achieved=slot[_PA],
            not_achieved=slot[_NACH], not_applicable=slot[_NAPP], threshold=float(threshold),
            in_substantial_conformity=share.estimate is not None
            and share.estimate >= threshold))
    return tuple(result)
