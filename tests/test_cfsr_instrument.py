"""The CFSR instrument: 18 items by outcome, case-level outcome ratings, conformity rows.

Sources: CFSR Round 3 onsite review instrument (18 items under 7 outcomes, each outcome
rated by its own rule); substantial conformity at 95% of applicable cases (Rounds 2–3).
"""

from __future__ import annotations

from datetime import date

import pytest

from practicemodel.components import PracticeComponent
from practicemodel.errors import InvalidInputError, InvalidRecordError, UnknownCodeError
from practicemodel.example import load_example
from practicemodel.outcomes import (
    CFSR_ITEMS,
    ROUND_3,
    CfsrOutcome,
    OutcomeDefinition,
    OutcomeResult,
    RatingRule,
)
from practicemodel.policy import get_policy
from practicemodel.review import (
    CFSR_INSTRUMENT,
    DEFAULT_INSTRUMENT,
    INSTRUMENTS,
    ReviewInstrument,
    ReviewItem,
    get_instrument,
    rate_case,
    rating_records,
)
from practicemodel.rules import get_rule
from practicemodel.statistics import item_performance

AS_OF = date(2026, 11, 22)
_P = PracticeComponent.CASE_PLANNING


def test_the_cfsr_instrument_has_the_18_items_in_order() -> None:
    """Items 1–18, coded item_01..item_18, named as the catalogue names them."""
    items = CFSR_INSTRUMENT.items
    assert [i.cfsr_item for i in items] == list(range(1, 19))
    assert [i.code for i in items] == [f"item_{n:02d}" for n in range(1, 19)]
    assert [i.name for i in items] == [c.name for c in CFSR_ITEMS]
    assert CFSR_INSTRUMENT.outcomes == ROUND_3


def test_every_cfsr_item_reads_rules_registered_for_it() -> None:
    """Each item reads rules whose registry entry names that item (the registry and the
    instrument agree on what gives evidence for what)."""
    for item in CFSR_INSTRUMENT.items:
        assert item.rule_ids, item.code
        for rule_id in item.rule_ids:
            assert item.cfsr_item in get_rule(rule_id).cfsr_items, (item.code, rule_id)


def test_every_item_belongs_to_a_practice_model_component() -> None:
    """The practice-model view stays: every CFSR item is evidence for one or two of the six
    components, and every component has at least one item."""
    assert all(1 <= len(i.components) <= 2 for i in CFSR_INSTRUMENT.items)
    assert {c for i in CFSR_INSTRUMENT.items for c in i.components} == set(PracticeComponent)


def test_instruments_by_code() -> None:
    """The command line's codes name the two shipped instruments; another code is refused
    with the known ones listed."""
    assert get_instrument("cfsr") is CFSR_INSTRUMENT
    assert get_instrument("ms-practice-model") is DEFAULT_INSTRUMENT
    assert sorted(INSTRUMENTS) == ["cfsr", "ms-practice-model"]
    with pytest.raises(UnknownCodeError, match="unknown instrument 'osri'; known: cfsr, "):
        get_instrument("osri")


def _small(*definitions: OutcomeDefinition) -> ReviewInstrument:
    """Items 5 and 6 from the permanency rules, item 4 from the TPR deadline (a stand-in:
    the plumbing, not the item's content, is under test)."""
    return ReviewInstrument(name="small", items=(
        ReviewItem(code="i4", name="four", components=(_P,), source="test", cfsr_item=4,
                   rules=("deadline.tpr_petition",)),
        ReviewItem(code="i5", name="five", components=(_P,), source="test", cfsr_item=5,
                   rules=("permanency.goal_*",)),
        ReviewItem(code="i6", name="six", components=(_P,), source="test", cfsr_item=6,
                   rules=("permanency.achieved_timely",))), outcomes=definitions)


_PERMANENCY_1 = next(d for d in ROUND_3 if d.outcome is CfsrOutcome.PERMANENCY_1)


def test_a_review_rates_each_outcome_from_its_items() -> None:
    """rate_case rates each outcome of the instrument by its own rule from the items'
    ratings, and the rows for statistics carry one row per outcome."""
    instrument = _small(_PERMANENCY_1)
    review = rate_case(load_example(), policy=get_policy("MS"), as_of=AS_OF,
                       instrument=instrument)
    (outcome,) = review.outcomes
    ratings = {r.item: r.rating.value for r in review.ratings}
    assert outcome.outcome is CfsrOutcome.PERMANENCY_1
    assert dict(outcome.items) == {4: ratings["i4"], 5: ratings["i5"], 6: ratings["i6"]}
    rows = rating_records(review, quarter=False)
    assert [r["item"] for r in rows] == ["i4", "i5", "i6", "permanency_1"]
    expected = {OutcomeResult.SUBSTANTIALLY_ACHIEVED: "strength",
                OutcomeResult.PARTIALLY_ACHIEVED: "area_needing_improvement",
                OutcomeResult.NOT_ACHIEVED: "area_needing_improvement",
                OutcomeResult.NOT_APPLICABLE: "not_applicable"}[outcome.result]
    assert rows[-1]["rating"] == expected


def test_an_outcome_row_counts_substantially_achieved_as_its_performance() -> None:
    """Counted by item_performance, an outcome's performance is substantially achieved over
    applicable cases: partially and not achieved count against it (the conformity share)."""
    def row(rating: str) -> dict[str, str]:
        return {"item": "permanency_1", "rating": rating}

    table = item_performance([row("strength"), row("area_needing_improvement"),
                              row("area_needing_improvement"), row("not_applicable")])
    (p,) = table
    assert (p.strengths, p.applicable, p.not_applicable) == (1, 3, 1)


def test_the_practice_model_instrument_rates_no_outcome() -> None:
    """The default instrument keeps today's view: no outcome ratings, no outcome rows."""
    review = rate_case(load_example(), policy=get_policy("MS"), as_of=AS_OF)
    assert review.outcomes == ()
    assert {r["item"] for r in rating_records(review)} == {i.code for i in
                                                          DEFAULT_INSTRUMENT.items}


def test_an_outcome_must_find_its_items() -> None:
    """An outcome whose items no item of the instrument rates is refused when the instrument
    is built, naming the missing items; so is an item number used twice."""
    safety = next(d for d in ROUND_3 if d.outcome is CfsrOutcome.SAFETY_1)
    with pytest.raises(InvalidRecordError, match=r"CFSR items \[1\]"):
        _small(safety)
    item = ReviewItem(code="again", name="again", components=(_P,), source="t", cfsr_item=5,
                      rules=("permanency.goal_recorded",))
    with pytest.raises(InvalidRecordError, match=r"items \[5\] appear more than once"):
        ReviewInstrument(name="x", items=(*_small().items, item))


def test_an_outcome_is_defined_once() -> None:
    """Two definitions of the same outcome are refused."""
    twice = OutcomeDefinition(outcome=CfsrOutcome.PERMANENCY_1, items=(4, 5, 6),
                              rule=RatingRule.ONE_ANI_TOLERATED, source="a state's own")
    with pytest.raises(InvalidRecordError, match="each outcome is defined once"):
        _small(_PERMANENCY_1, twice)


@pytest.mark.parametrize("bad", [0, 19, "5", 5.0, True])
def test_cfsr_item_must_be_an_item_number(bad: object) -> None:
    """A cfsr_item outside 1–18, or not an int, is refused naming the field."""
    with pytest.raises(InvalidInputError, match="'cfsr_item' must be a CFSR item number"):
        ReviewItem(code="x", name="x", components=(_P,), source="t", cfsr_item=bad,  # type: ignore[arg-type]
                   rules=("permanency.goal_recorded",))


def test_outcomes_must_be_definitions() -> None:
    """Something other than OutcomeDefinitions as outcomes is refused."""
    with pytest.raises(InvalidInputError, match="'outcomes' must be a tuple of "
                                                "OutcomeDefinition"):
        _small("permanency_1")  # type: ignore[arg-type]


def test_every_outcome_has_a_label() -> None:
    """Each outcome prints with its name and statement (45 CFR 1355.34(b)(1))."""
    assert CfsrOutcome.SAFETY_2.label == ("Safety 2: Children are safely maintained in their "
                                          "homes whenever possible and appropriate")
    assert all(o.label.split(":")[0] for o in CfsrOutcome)


def test_the_docs_table_of_items_and_components_is_the_instrument() -> None:
    """docs/explanation/cfsr-instrument.md maps each item to its components and rules as
    CFSR_INSTRUMENT does (the page cannot drift from the code)."""
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "explanation" / "cfsr-instrument.md"
            ).read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in page.splitlines()
            if line.startswith("| ") and line[2:3].isdigit()]
    assert len(rows) == 18
    for cells in rows:
        number = int(cells[0].strip("| "))
        item = CFSR_INSTRUMENT.items[number - 1]
        assert cells[1] == item.name
        assert cells[3] == ", ".join(c.label for c in item.components)
        assert cells[4].rstrip(" |") == ", ".join(f"`{r}`" for r in item.rules)
