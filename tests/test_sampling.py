"""Stratified samples: sizes, proportional allocation, reproducibility, reports, junk."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.sampling import stratified_sample

REGIONS = ("north", "central", "south")
TYPES = ("in_home", "foster_care")


def _cases(layout: dict[tuple[str, str], int]) -> list[dict[str, str]]:
    """Cases with ids, ``layout[(region, case_type)]`` of each kind."""
    cases = []
    for (region, case_type), count in layout.items():
        cases.extend({"id": f"{region}-{case_type}-{i:03}", "region": region,
                      "case_type": case_type} for i in range(count))
    return cases


POPULATION = _cases({("north", "in_home"): 30, ("north", "foster_care"): 20,
                     ("south", "in_home"): 40, ("south", "foster_care"): 3})
STRATA = ("region", "case_type")


def test_fixed_size_per_stratum_and_short_strata_reported() -> None:
    """Each stratum gives ``size`` cases; a smaller stratum gives all and is reported."""
    sample, report = stratified_sample(POPULATION, strata=STRATA, size=5, seed=1)
    expected = [(("north", "foster_care"), 20, 5, 5), (("north", "in_home"), 30, 5, 5),
                (("south", "foster_care"), 3, 5, 3), (("south", "in_home"), 40, 5, 5)]
    assert expected == [(d.stratum, d.population, d.requested, d.drawn) for d in report.draws]
    expected_short = (("south", "foster_care"),)
    assert expected_short == tuple(d.stratum for d in report.short)
    expected_totals = (93, 20, 18, 18)
    assert expected_totals == (report.population, report.requested, report.drawn, len(sample))
    expected_ids = len(sample)
    assert expected_ids == len({c["id"] for c in sample})


def test_size_mapping_per_stratum() -> None:
    """A mapping gives each stratum its own size; unnamed strata draw none."""
    sizes = {("north", "in_home"): 4, ("south", "in_home"): 2, ("east", "in_home"): 1}
    sample, report = stratified_sample(POPULATION, strata=STRATA, size=sizes, seed="cqi")
    expected = {("north", "in_home"): 4, ("south", "in_home"): 2}
    actual: dict[tuple[str, str], int] = {}
    for case in sample:
        stratum = (case["region"], case["case_type"])
        actual[stratum] = actual.get(stratum, 0) + 1
    assert expected == actual
    east = next(d for d in report.draws if d.stratum == ("east", "in_home"))
    expected_east = (0, 1, 0)
    assert expected_east == (east.population, east.requested, east.drawn)


def test_proportional_allocation_by_largest_remainder() -> None:
    """A total of 10 over strata of 20, 30, 3 and 40 cases is shared by largest remainder."""
    _, report = stratified_sample(POPULATION, strata=STRATA, proportional_total=10, seed=7)
    # Quotas 10·n/93: 2.15, 3.23, 0.32, 4.30; floors 2+3+0+4 = 9, one left for the
    # largest remainder (0.32, south foster care).
    expected = [2, 3, 1, 4]
    assert expected == [d.requested for d in report.draws]
    expected_total = 10
    assert expected_total == report.drawn


def test_objects_with_attributes_and_a_custom_getter() -> None:
    """Attribute lookup is the default for non-mappings; a getter can read anything."""

    @attrs.frozen
    class Case:
        """A minimal case."""

        id: str
        region: str

    cases = [Case(f"c{i}", REGIONS[i % 3]) for i in range(12)]
    sample, _ = stratified_sample(cases, strata=("region",), size=2, seed=3)
    expected = 6
    assert expected == len(sample)
    tuples = [(c.id, c.region) for c in cases]
    fields = {"id": 0, "region": 1}
    sample_t, _ = stratified_sample(tuples, strata=("region",), size=2, seed=3,
                                    getter=lambda r, f: r[fields[f]])
    expected_ids = [c.id for c in sample]
    assert expected_ids == [t[0] for t in sample_t]


def test_adding_cases_elsewhere_keeps_a_stratum_draw() -> None:
    """A stratum's draw does not change when another stratum grows."""
    more = POPULATION + _cases({("east", "in_home"): 9})
    first, _ = stratified_sample(POPULATION, strata=STRATA, size=4, seed=11)
    second, _ = stratified_sample(more, strata=STRATA, size=4, seed=11)
    expected = [c["id"] for c in first]
    assert expected == [c["id"] for c in second if c["region"] != "east"]


@pytest.mark.parametrize(
    "kwargs",
    [{"strata": "region", "size": 1, "seed": 1},
     {"strata": STRATA, "seed": 1},
     {"strata": STRATA, "size": 1, "proportional_total": 3, "seed": 1},
     {"strata": STRATA, "size": -1, "seed": 1},
     {"strata": STRATA, "size": 1.5, "seed": 1},
     {"strata": STRATA, "size": {"north": 1}, "seed": 1},
     {"strata": STRATA, "proportional_total": True, "seed": 1},
     {"strata": STRATA, "size": 1, "seed": 1.5},
     {"strata": ("region", "missing"), "size": 1, "seed": 1},
     {"strata": STRATA, "size": 1, "seed": 1, "key": "nope"}],
)
def test_bad_arguments_are_refused(kwargs: dict[str, Any]) -> None:
    """Wrong strata, sizes, seeds and missing fields raise InvalidInputError."""
    with pytest.raises(InvalidInputError):
        stratified_sample(POPULATION, **kwargs)


def test_duplicate_keys_and_junk_records_are_refused() -> None:
    """Two records with one id in a stratum, or records that are not an iterable, fail."""
    with pytest.raises(InvalidArgumentError, match="'id'"):
        stratified_sample(POPULATION + POPULATION[:1], strata=STRATA, size=1, seed=1)
    with pytest.raises(InvalidInputError):
        stratified_sample({"id": "x"}, strata=STRATA, size=1, seed=1)  # type: ignore[arg-type]


layouts = st.dictionaries(st.tuples(st.sampled_from(REGIONS), st.sampled_from(TYPES)),
                          st.integers(min_value=0, max_value=15), max_size=6)


@given(layouts, st.integers(min_value=0, max_value=8), st.integers(), st.randoms())
def test_reproducible_and_independent_of_order(
    layout: dict[tuple[str, str], int], size: int, seed: int, shuffler: Any
) -> None:
    """Same seed, same sample, whatever the records' order; sizes never exceed populations."""
    cases = _cases(layout)
    shuffled = list(cases)
    shuffler.shuffle(shuffled)
    first, report = stratified_sample(cases, strata=STRATA, size=size, seed=seed)
    second, _ = stratified_sample(shuffled, strata=STRATA, size=size, seed=seed)
    assert first == second
    for draw in report.draws:
        assert draw.drawn == min(draw.requested, draw.population)
        assert draw.drawn <= draw.population


@given(layouts, st.integers(min_value=0, max_value=60))
def test_proportional_total_adds_up(layout: dict[tuple[str, str], int], total: int) -> None:
    """Proportional allocations sum to the total and stay within one of the exact quota."""
    _, report = stratified_sample(_cases(layout), strata=STRATA, proportional_total=total,
                                  seed=0)
    if report.population:
        assert total == report.requested
        for draw in report.draws:
            assert abs(draw.requested - total * draw.population / report.population) < 1


# -- design weights and DataFrames --------------------------------------------------------


def test_design_weights_are_population_over_drawn() -> None:
    """Each stratum's weight is its population over the cases drawn from it."""
    _, report = stratified_sample(POPULATION, strata=STRATA, size=5, seed=7)
    expected = {("north", "foster_care"): 4.0, ("north", "in_home"): 6.0,
                ("south", "foster_care"): 1.0, ("south", "in_home"): 8.0}
    assert expected == report.weights
    assert [d.weight for d in report.draws] == list(expected.values())


def test_weights_add_up_to_the_population() -> None:
    """The weights of the sampled cases add up to the population of the strata drawn."""
    sample, report = stratified_sample(POPULATION, strata=STRATA, proportional_total=20,
                                       seed=3)
    weighted = report.with_weights(sample)
    expected = report.population
    assert expected == pytest.approx(sum(row["weight"] for row in weighted))


def test_a_stratum_with_nothing_drawn_has_no_weight() -> None:
    """A stratum asked for 0 cases has no weight and is not in ``weights``."""
    _, report = stratified_sample(POPULATION, strata=STRATA, seed=1,
                                  size={("north", "in_home"): 2})
    empty = next(d for d in report.draws if d.stratum == ("south", "in_home"))
    assert (empty.weight, ("south", "in_home") in report.weights) == (None, False)


def test_with_weights_refuses_foreign_strata_and_clashes() -> None:
    """A record of a stratum not drawn from, or one that has the key, is refused."""
    sample, report = stratified_sample(POPULATION, strata=STRATA, seed=1,
                                       size={("north", "in_home"): 2})
    with pytest.raises(InvalidArgumentError, match="did not draw from"):
        report.with_weights([{"region": "south", "case_type": "in_home"}])
    with pytest.raises(InvalidArgumentError, match="already has a key 'weight'"):
        report.with_weights([{**sample[0], "weight": 1}])
    with pytest.raises(InvalidInputError, match="has no field 'case_type'"):
        report.with_weights([{"region": "north"}])


def test_weighted_sample_statistics() -> None:
    """Rating rows of a sample, weighted, give the population-weighted share."""
    from practicemodel.statistics import item_performance

    sample, report = stratified_sample(POPULATION, strata=STRATA, size=3, seed=5)
    # Every sampled in-home case a Strength, every foster-care case not:
    rows = [{"item": "i", "rating": "strength" if case["case_type"] == "in_home"
             else "area_needing_improvement", **case} for case in sample]
    (p,) = item_performance(report.with_weights(rows), weight="weight")
    expected = 70 / 93  # in-home cases in the population
    assert expected == pytest.approx(p.performance.estimate)
    assert p.strengths / p.applicable == pytest.approx(0.5)  # unweighted: 6 of 12


def test_pandas_population_gives_a_pandas_sample_with_weights() -> None:
    """A pandas DataFrame is sampled like its records, with a weight column and its index."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(POPULATION, index=range(100, 100 + len(POPULATION)))
    records, report = stratified_sample(POPULATION, strata=STRATA, size=4, seed=11)
    sample, frame_report = stratified_sample(frame, strata=STRATA, size=4, seed=11)
    assert frame_report == report
    assert [r["id"] for r in records] == sample["id"].tolist()
    assert sample["weight"].tolist() == [report.weights[(r["region"], r["case_type"])]
                                         for r in records]
    assert frame.loc[sample.index, "id"].tolist() == sample["id"].tolist()


def test_polars_population_gives_a_polars_sample_with_weights() -> None:
    """A polars DataFrame gives a polars sample with a Float64 weight column."""
    pl = pytest.importorskip("polars")
    records, report = stratified_sample(POPULATION, strata=STRATA, size=4, seed=11)
    sample, _ = stratified_sample(pl.DataFrame(POPULATION), strata=STRATA, size=4, seed=11)
    expected = ([r["id"] for r in records],
                [report.weights[(r["region"], r["case_type"])] for r in records])
    assert expected == (sample["id"].to_list(), sample["weight"].to_list())
    assert sample.schema["weight"] == pl.Float64


def test_dataframe_junk_is_refused() -> None:
    """A missing column, a weight column already there, or a getter are refused."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(POPULATION)
    with pytest.raises(InvalidInputError, match="no column 'case_id'"):
        stratified_sample(frame, strata=STRATA, size=1, seed=1, key="case_id")
    with pytest.raises(InvalidArgumentError, match="'weight' column"):
        stratified_sample(frame.assign(weight=1.0), strata=STRATA, size=1, seed=1)
    with pytest.raises(InvalidArgumentError, match="'getter'"):
        stratified_sample(frame, strata=STRATA, size=1, seed=1, getter=lambda r, f: r)
