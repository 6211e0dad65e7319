"""CFSR outcome ratings per case and substantial conformity per state.

Every expected value below was worked out by hand from the Round 3 rating rules (the CFSR
onsite review instrument's outcome rules and the CFSR FAQs), which ``practicemodel.outcomes``
quotes in its docstrings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.errors import InvalidArgumentError, InvalidInputError, InvalidRecordError
from practicemodel.outcomes import (
    CFSR_ITEMS,
    ROUND_3,
    CfsrOutcome,
    OutcomeDefinition,
    OutcomeResult,
    outcome_conformity,
    rate_outcome,
    rate_outcomes,
)
from practicemodel.policy import get_policy
from practicemodel.review import ReviewRating
from practicemodel.statistics import Rating, wilson_interval

S, ANI, NA = "strength", "area_needing_improvement", "not_applicable"
SA, PA, NACH, NAPP = (OutcomeResult.SUBSTANTIALLY_ACHIEVED, OutcomeResult.PARTIALLY_ACHIEVED,
                      OutcomeResult.NOT_ACHIEVED, OutcomeResult.NOT_APPLICABLE)
DEFINITION = {d.outcome: d for d in ROUND_3}


def _rate(outcome: CfsrOutcome, *ratings: str) -> OutcomeResult:
    definition = DEFINITION[outcome]
    return rate_outcome(definition, dict(zip(definition.items, ratings, strict=True))).result


def test_round_3_has_seven_outcomes_over_items_1_to_18() -> None:
    assert [d.outcome for d in ROUND_3] == list(CfsrOutcome)
    assert sorted(n for d in ROUND_3 for n in d.items) == list(range(1, 19))
    assert [d.outcome for d in ROUND_3 if not d.confirmed] == [
        CfsrOutcome.WELL_BEING_1, CfsrOutcome.WELL_BEING_2, CfsrOutcome.WELL_BEING_3]


@pytest.mark.parametrize(("rating", "expected"), [(S, SA), (ANI, NACH), (NA, NAPP)])
def test_safety_1_follows_its_one_item(rating: str, expected: OutcomeResult) -> None:
    """OSRI Safety 1: item 1 Strength → substantially achieved; ANI → not achieved; NA → NA."""
    assert _rate(CfsrOutcome.SAFETY_1, rating) is expected


@pytest.mark.parametrize(("item_2", "item_3", "expected"), [
    (S, S, SA), (NA, S, SA),          # both S, or 2 NA and 3 S
    (S, ANI, PA), (ANI, S, PA),       # one S, one ANI
    (ANI, ANI, NACH), (NA, ANI, NACH),  # both ANI, or 2 NA and 3 ANI
    (NA, NA, NAPP),
])
def test_safety_2(item_2: str, item_3: str, expected: OutcomeResult) -> None:
    """OSRI Safety 2 (items 2 and 3), the table in the outcome rating rules."""
    assert _rate(CfsrOutcome.SAFETY_2, item_2, item_3) is expected


@pytest.mark.parametrize(("ratings", "expected"), [
    ((S, S, S), SA), ((S, NA, S), SA),        # every applicable item S
    ((S, ANI, S), PA), ((ANI, NA, S), PA),    # at least one S, not all
    ((ANI, ANI, ANI), NACH), ((ANI, NA, NA), NACH),
    ((NA, NA, NA), NAPP),
])
def test_permanency_1(ratings: tuple[str, ...], expected: OutcomeResult) -> None:
    """OSRI Permanency 1 (items 4-6): all S → SA; ≥1 S → PA; all ANI → NAch; all NA → NA."""
    assert _rate(CfsrOutcome.PERMANENCY_1, *ratings) is expected


@pytest.mark.parametrize(("ratings", "expected"), [
    ((S, ANI, S, NA, S), SA),           # one ANI is tolerated
    ((S, NA, NA, NA, NA), SA),
    ((S, ANI, ANI, S, S), PA),          # two ANI with a Strength
    ((ANI, ANI, ANI, ANI, S), PA),
    ((ANI, NA, NA, NA, NA), NACH),      # no Strength
    ((ANI, ANI, ANI, ANI, ANI), NACH),
    ((NA, NA, NA, NA, NA), NAPP),
])
def test_permanency_2_tolerates_one_area_needing_improvement(
        ratings: tuple[str, ...], expected: OutcomeResult) -> None:
    """OSRI Permanency 2 (items 7-11): ≤1 ANI and ≥1 S → SA; ≥2 ANI and ≥1 S → PA; no S and
    ≥1 ANI → NAch; all NA → NA. Not "every applicable item a Strength"."""
    assert _rate(CfsrOutcome.PERMANENCY_2, *ratings) is expected


def test_well_being_outcomes_use_the_documented_choice() -> None:
    """Unconfirmed rules: Well-Being 1 and 3 as Permanency 1, Well-Being 2 as one item."""
    assert _rate(CfsrOutcome.WELL_BEING_1, S, S, ANI, NA) is PA
    assert _rate(CfsrOutcome.WELL_BEING_1, S, S, S, NA) is SA
    assert _rate(CfsrOutcome.WELL_BEING_2, ANI) is NACH
    assert _rate(CfsrOutcome.WELL_BEING_3, NA, ANI) is NACH


def test_a_state_may_read_an_unconfirmed_rule_its_own_way() -> None:
    tolerant = OutcomeDefinition(outcome="well_being_1", items=(12, 13, 14, 15),
                                 rule="one_ani_tolerated", source="a state's reading")
    assert rate_outcome(tolerant, {12: S, 13: S, 14: ANI, 15: NA}).result is SA
    rated = rate_outcomes({12: S, 13: S, 14: ANI, 15: NA}, outcomes=[tolerant])
    assert [r.result for r in rated] == [SA]


def test_a_rating_explains_itself() -> None:
    rated = rate_outcome(DEFINITION[CfsrOutcome.PERMANENCY_2],
                         {7: S, 8: ANI, 9: ANI, 10: NA, 11: S, 1: S})
    assert rated.result is PA
    assert rated.items == ((7, Rating.STRENGTH), (8, Rating.AREA_NEEDING_IMPROVEMENT),
                           (9, Rating.AREA_NEEDING_IMPROVEMENT), (10, Rating.NOT_APPLICABLE),
                           (11, Rating.STRENGTH))
    assert "two or more Areas Needing Improvement" in rated.explanation
    assert "2 Strength(s), 2 Area(s) Needing Improvement" in rated.explanation
    assert rated.source.startswith("CFSR Round 3 onsite review instrument")


def test_review_ratings_are_accepted_as_they_are() -> None:
    ratings = {1: ReviewRating.STRENGTH, **dict.fromkeys(range(2, 19), ReviewRating.NOT_APPLICABLE)}
    assert rate_outcomes(ratings)[0].result is SA


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: rate_outcome(DEFINITION[CfsrOutcome.SAFETY_2], {2: S}), InvalidArgumentError,
     r"missing: \[3\]"),
    (lambda: rate_outcome(DEFINITION[CfsrOutcome.SAFETY_1], {1: "good"}), InvalidInputError,
     "the rating of item 1 must be one of .* 'good'"),
    (lambda: rate_outcome("safety_1", {1: S}), InvalidInputError,  # type: ignore[arg-type]
     "must be an OutcomeDefinition"),
    (lambda: rate_outcomes([S]), InvalidInputError, "must map CFSR item numbers"),  # type: ignore[arg-type]
    (lambda: OutcomeDefinition(outcome="safety_1", items=(1, 2), rule="one_item", source=""),
     InvalidInputError, r"rates 1 item\(s\); 'safety_1' lists \[1, 2\]"),
    (lambda: OutcomeDefinition(outcome="safety_1", items=(19,), rule="one_item", source=""),
     InvalidInputError, "CFSR item numbers 1-18 .*19"),
    (lambda: OutcomeDefinition(outcome="safety_9", items=(1,), rule="one_item", source=""),
     ValueError, "safety_9"),
    (lambda: outcome_conformity([], threshold=1.5), InvalidInputError, r"\(0, 1\] .*1.5"),
    (lambda: outcome_conformity([["x"]], threshold=0.95), InvalidInputError,  # type: ignore[list-item]
     "OutcomeRating values"),
])
def test_bad_input_names_what_is_wrong(call: object, error: type[Exception],
                                       message: str) -> None:
    assert callable(call)
    with pytest.raises(error, match=message):
        call()


ratings_of_18 = st.fixed_dictionaries({n: st.sampled_from([S, ANI, NA]) for n in range(1, 19)})


@given(ratings=ratings_of_18, item=st.integers(1, 18))
def test_a_strength_never_makes_an_outcome_worse(ratings: Mapping[int, str], item: int) -> None:
    """Turning an Area Needing Improvement into a Strength never lowers an outcome."""
    order = {NACH: 0, PA: 1, SA: 2, NAPP: 3}
    if ratings[item] != ANI:
        return
    before = {r.outcome: r.result for r in rate_outcomes(ratings)}
    after = {r.outcome: r.result for r in rate_outcomes({**ratings, item: S})}
    for outcome, result in before.items():
        assert result is NAPP or order[after[outcome]] >= order[result]


@given(ratings=ratings_of_18)
def test_not_applicable_exactly_when_every_item_is(ratings: Mapping[int, str]) -> None:
    for rated in rate_outcomes(ratings):
        all_na = all(rating is Rating.NOT_APPLICABLE for _, rating in rated.items)
        assert (rated.result is NAPP) == all_na


def test_conformity_against_a_hand_computed_table() -> None:
    """Ten cases, counted by hand: Safety 1 applies in eight (7 SA, 1 NAch, 2 NA) → 7/8 =
    87.5% < 95%: not in conformity; Permanency 2 applies in four (S, ANI, NA, NA, NA: one ANI
    tolerated), all SA → 4/4: in conformity; Well-Being 1 applies in none: not in
    conformity."""
    cases = []
    for n in range(10):
        item_1 = S if n < 7 else ANI if n == 7 else NA
        perm_2 = (S, ANI, NA, NA, NA) if n < 4 else (NA,) * 5
        ratings = {1: item_1, **dict(zip(range(7, 12), perm_2, strict=True)),
                   **dict.fromkeys((2, 3, 4, 5, 6, 12, 13, 14, 15, 16, 17, 18), NA)}
        cases.append(rate_outcomes(ratings))
    table = {c.outcome: c for c in outcome_conformity(cases, threshold=0.95)}
    safety = table[CfsrOutcome.SAFETY_1]
    assert (safety.substantially_achieved.successes, safety.substantially_achieved.trials,
            safety.not_achieved, safety.not_applicable) == (7, 8, 1, 2)
    assert safety.substantially_achieved == wilson_interval(7, 8)
    assert safety.in_substantial_conformity is False
    permanency = table[CfsrOutcome.PERMANENCY_2]
    assert (permanency.substantially_achieved.successes,
            permanency.substantially_achieved.trials) == (4, 4)
    assert permanency.in_substantial_conformity is True
    assert table[CfsrOutcome.WELL_BEING_1].substantially_achieved.trials == 0
    assert table[CfsrOutcome.WELL_BEING_1].in_substantial_conformity is False
    # At Round 1's 90%, 87.5% still falls short; at 85% it conforms.
    assert not outcome_conformity(cases, threshold=0.90)[0].in_substantial_conformity
    assert outcome_conformity(cases, threshold=0.85)[0].in_substantial_conformity


def test_the_threshold_is_a_policy_setting() -> None:
    policy = get_policy("MS")
    assert policy.outcome_conformity_threshold == 0.95
    assert policy.derive(outcome_conformity_threshold=0.9).outcome_conformity_threshold == 0.9
    with pytest.raises(InvalidRecordError, match="outcome_conformity_threshold"):
        policy.derive(outcome_conformity_threshold=1.5)


def test_the_docs_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    """The code block of the explanation page runs and prints its comment's answer."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "explanation"
            / "cfsr-outcomes.md").read_text()
    (block,) = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    exec(compile(block, "cfsr-outcomes.md", "exec"), {})
    assert capsys.readouterr().out == "substantially_achieved\n"
    assert "# substantially_achieved (under ROUND_3: partially_achieved)" in block


def test_the_item_catalogue_matches_the_outcomes() -> None:
    """Items 1-18 in order, each under the outcome whose definition lists it; the names seed
    002 quotes with its figures are among them."""
    assert [item.number for item in CFSR_ITEMS] == list(range(1, 19))
    for item in CFSR_ITEMS:
        assert item.number in DEFINITION[item.outcome].items
    names = {item.name for item in CFSR_ITEMS}
    for quoted in ("Caseworker visits with parents", "Permanency goal for child",
                   "Child and family involvement in case planning",
                   "Visiting with parents and siblings in foster care",
                   "Relationship of child in care with parents",
                   "Achieving reunification, guardianship, adoption, or other planned "
                   "permanent living arrangement"):
        assert quoted in names
