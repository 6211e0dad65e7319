"""Typed ratings tables, vectorised performance, and charts that leave pyplot alone."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practicemodel.analysis import (
    RATING_COLUMNS,
    performance_frame,
    performance_records,
    plot_comparison,
    plot_item_performance,
    ratings_frame,
)
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.policy import FEDERAL
from practicemodel.review import CFSR_INSTRUMENT, DEFAULT_INSTRUMENT, rate_case, rating_records
from practicemodel.statistics import compare_reviews, item_performance
from practicemodel.synthetic import generate_cases

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402 - after the skip
from matplotlib.figure import Figure  # noqa: E402 - after the skip

AS_OF = date(2026, 11, 22)
REVIEWS = [rate_case(case, policy=FEDERAL, as_of=AS_OF) for case in generate_cases(12, seed=4)]
ROWS = [row for review in REVIEWS for row in rating_records(review)]
CODES = [item.code for item in DEFAULT_INSTRUMENT.items]


# -- ratings_frame ------------------------------------------------------------------------


def test_rating_records_carry_the_case_id() -> None:
    """Every rating record names its case, first."""
    review = REVIEWS[0]
    expected = [review.case_id] * len(DEFAULT_INSTRUMENT.items)
    assert expected == [row["case_id"] for row in rating_records(review)]
    assert next(iter(rating_records(review)[0])) == "case_id"


def test_ratings_frame_columns_and_types() -> None:
    """case_id and the grouping fields, then as_of and title; categoricals in order."""
    frame = ratings_frame(REVIEWS)
    expected = [*RATING_COLUMNS, "as_of", "title"]
    assert expected == list(frame.columns)
    assert list(frame["item"].cat.categories) == CODES
    ratings = ["strength", "area_needing_improvement", "not_applicable"]
    assert list(frame["rating"].cat.categories) == ratings
    assert str(frame["as_of"].dtype) == "datetime64[s]"
    assert {AS_OF} == set(frame["as_of"].dt.date)
    assert [r["case_id"] for r in ROWS] == frame["case_id"].tolist()
    assert str(frame["region"].dtype) == "string"


def test_ratings_frame_titles() -> None:
    """The title column gives each item's title in the instrument."""
    frame = ratings_frame(REVIEWS)
    titles = dict(zip(frame["item"].astype(str), frame["title"].astype(str), strict=True))
    expected = {item.code: item.name for item in DEFAULT_INSTRUMENT.items}
    assert expected == titles


def test_ratings_frame_from_rows_keeps_extra_keys_and_dates() -> None:
    """Rows give the same standard columns, an ISO as_of as a date, and their own keys."""
    rows = [{**row, "as_of": "2026-11-22", "weight": 2.0} for row in ROWS]
    frame = ratings_frame(rows)
    expected = [*RATING_COLUMNS, "as_of", "title", "weight"]
    assert expected == list(frame.columns)
    assert ratings_frame(REVIEWS)["as_of"].tolist() == frame["as_of"].tolist()
    assert frame["weight"].tolist() == [2.0] * len(rows)


def test_ratings_frame_fills_missing_columns() -> None:
    """A row without the grouping fields still gives every standard column, as nulls."""
    frame = ratings_frame([{"item": "visits_with_child", "rating": "strength"}])
    expected = [*RATING_COLUMNS, "as_of", "title"]
    assert expected == list(frame.columns)
    assert frame["case_id"].isna().all()
    assert frame["as_of"].isna().all()


def test_ratings_frame_polars() -> None:
    """polars: Enums in the instrument's order, as_of a Date, the same columns."""
    frame = ratings_frame(REVIEWS, library="polars")
    assert [*RATING_COLUMNS, "as_of", "title"] == frame.columns
    assert frame.schema["item"] == pl.Enum(CODES)
    assert frame.schema["as_of"] == pl.Date
    assert frame["case_id"].to_list() == [r["case_id"] for r in ROWS]


def test_ratings_frame_roles_and_cfsr_outcomes() -> None:
    """Role ratings add a role column; CFSR outcome rows are items of their instrument."""
    case = next(generate_cases(1, seed=4))
    roles = ratings_frame([rate_case(case, policy=FEDERAL, as_of=AS_OF, by_role=True)],
                          roles=True)
    assert list(roles.columns[:4]) == ["case_id", "item", "rating", "role"]
    cfsr = ratings_frame([rate_case(case, policy=FEDERAL, as_of=AS_OF,
                                    instrument=CFSR_INSTRUMENT)], instrument=CFSR_INSTRUMENT)
    assert "Safety 1" in set(cfsr["title"].astype(str))


def test_ratings_frame_refuses_junk() -> None:
    """Another instrument's review, an unknown item, a bad as_of or library are refused."""
    with pytest.raises(InvalidArgumentError, match="pass instrument="):
        ratings_frame(REVIEWS, instrument=CFSR_INSTRUMENT)
    with pytest.raises(InvalidArgumentError, match="'visits'"):
        ratings_frame([{"item": "visits", "rating": "strength"}])
    with pytest.raises(InvalidArgumentError, match="'rating'"):
        ratings_frame([{"item": "visits_with_child", "rating": "good"}])
    with pytest.raises(InvalidInputError, match="as_of"):
        ratings_frame([{"item": "visits_with_child", "rating": "strength", "as_of": "soon"}])
    with pytest.raises(InvalidArgumentError, match="'library'"):
        ratings_frame(REVIEWS, library="spark")
    with pytest.raises(InvalidInputError, match=r"reviews\[0\]"):
        ratings_frame([3])  # type: ignore[list-item]


def test_ratings_frame_errors_name_the_entry_of_reviews() -> None:
    """A bad record given after a CaseReview is named by its place in ``reviews`` (not by
    its place among the rows the reviews expand into)."""
    good = {"item": "visits_with_child", "rating": "strength"}
    with pytest.raises(InvalidInputError, match=r"^reviews\[1\]\['as_of'\] must be a date"):
        ratings_frame([REVIEWS[0], {**good, "as_of": "soon"}])
    with pytest.raises(InvalidArgumentError, match=r"^reviews\[1\]\['item'\] 'visits'"):
        ratings_frame([REVIEWS[0], {**good, "item": "visits"}])
    with pytest.raises(InvalidArgumentError, match=r"^reviews\[2\]\['rating'\]"):
        ratings_frame([REVIEWS[0], good, {**good, "rating": "good"}])
    with pytest.raises(InvalidInputError, match=r"^reviews\[1\] has no key 'rating'"):
        ratings_frame([REVIEWS[0], {"item": "visits_with_child"}])
    with pytest.raises(InvalidArgumentError, match=r"^reviews\[0\]\['item'\] \['a'\]"):
        ratings_frame([{**good, "item": ["a"]}])


# -- performance_frame --------------------------------------------------------------------

_rows = st.lists(
    st.fixed_dictionaries({"item": st.sampled_from(["a", "b", "c"]),
                           "region": st.sampled_from(["N", "S"]),
                           "rating": st.sampled_from(["strength", "area_needing_improvement",
                                                      "not_applicable"]),
                           "weight": st.sampled_from([0.5, 1.0, 2.0, 7.25])}),
    min_size=1, max_size=30,
)


def _same(expected: list[dict[str, Any]], frame: Any) -> None:
    actual = frame.to_dict("records")
    assert len(expected) == len(actual)
    for want, got in zip(expected, actual, strict=True):
        for key, value in want.items():
            if value is None:
                assert math.isnan(got[key])
            elif isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-12)
            else:
                assert value == got[key]


@settings(max_examples=25)  # each example builds DataFrames: keep the suite quick
@given(rows=_rows, weighted=st.booleans())
def test_performance_frame_equals_item_performance(rows: list[dict[str, Any]],
                                                   weighted: bool) -> None:
    """Law: the vectorised table gives item_performance's numbers, to 1e-12."""
    weight = "weight" if weighted else None
    expected = performance_records(item_performance(rows, by=("region",), weight=weight))
    frame = performance_frame(pd.DataFrame(rows), by="region", weight=weight)
    _same(expected, frame)
    if weighted:
        results = item_performance(rows, by=("region",), weight="weight")
        assert frame["effective_trials"].tolist() == pytest.approx(
            [r.performance.effective_trials for r in results], abs=1e-12)


def test_performance_frame_on_a_ratings_frame() -> None:
    """On ratings_frame's table, items come in the instrument's order, numbers as before."""
    frame = performance_frame(ratings_frame(REVIEWS), by=("region",))
    results = item_performance(ROWS, by=("region",))
    order = {code: n for n, code in enumerate(CODES)}
    expected = performance_records(sorted(results, key=lambda r: order[r.item]))
    _same(expected, frame)
    assert list(dict.fromkeys(frame["item"].astype(str))) == [
        code for code in CODES if code in {r.item for r in results}]


def test_performance_frame_polars() -> None:
    """A polars table gives a polars result with the same numbers."""
    expected = performance_frame(ratings_frame(REVIEWS), by="region")
    actual = performance_frame(ratings_frame(REVIEWS, library="polars"), by="region")
    assert isinstance(actual, pl.DataFrame)
    assert expected["low"].tolist() == actual["low"].to_list()
    assert expected["item"].astype(str).tolist() == actual["item"].to_list()


def test_performance_frame_refuses_junk() -> None:
    """Bad tables, columns, ratings, weights and arguments are refused by name."""
    good = pd.DataFrame(ROWS)
    with pytest.raises(InvalidInputError, match="DataFrame"):
        performance_frame(ROWS)
    with pytest.raises(InvalidInputError, match="no column 'period'"):
        performance_frame(good, by="period")
    with pytest.raises(InvalidInputError, match="'fine'"):
        performance_frame(good.assign(rating="fine"))
    with pytest.raises(InvalidInputError, match="weight"):
        performance_frame(good.assign(weight=-1.0), weight="weight")
    with pytest.raises(InvalidArgumentError, match="'by'"):
        performance_frame(good, by=("region", "region"))
    with pytest.raises(InvalidArgumentError, match="'confidence'"):
        performance_frame(good, confidence=1.5)


def test_performance_frame_refuses_bool_weights_as_item_performance_does() -> None:
    """A bool is not a weight (pd.to_numeric would take True as 1): refused as
    item_performance refuses it, naming the column and the row."""
    rows = [{**row, "weight": 1.5} for row in ROWS[:5]]
    rows[3]["weight"] = True
    with pytest.raises(InvalidInputError, match=r"\[3\]\['weight'\].*\(got True\)"):
        item_performance(rows, weight="weight")
    expected = r"^'ratings'\['weight'\] row 3 must be a finite number above 0 \(got True\)$"
    with pytest.raises(InvalidInputError, match=expected):
        performance_frame(pd.DataFrame(rows), weight="weight")  # an object column
    flags = pd.DataFrame(ROWS[:5]).assign(weight=[False, True, True, True, True])
    with pytest.raises(InvalidInputError, match=r"row 0 .*\(got False\)"):
        performance_frame(flags, weight="weight")  # a bool column
    with pytest.raises(InvalidInputError, match=r"row 0 .*\(got True\)"):
        performance_frame(pl.from_dicts([{**row, "weight": True} for row in ROWS[:5]],
                                        infer_schema_length=None), weight="weight")
    with pytest.raises(InvalidInputError, match=r"row 0 .*\(got True\)"):
        performance_frame(flags.assign(weight=pd.array([True] * 5, dtype="boolean")),
                          weight="weight")


def test_performance_frame_weights_are_numbers_like_item_performance() -> None:
    """Text is not a weight either (pd.to_numeric would read "2"), nor a missing value; the
    message names the row. Integers, floats and numbers in an object column are weights."""
    base = pd.DataFrame(ROWS[:4])
    with pytest.raises(InvalidInputError, match=r"row 2 .*\(got '2'\)"):
        performance_frame(base.assign(weight=pd.Series([1, 1, "2", 1], dtype=object)),
                          weight="weight")
    with pytest.raises(InvalidInputError, match=r"row 1 .*\(got <NA>\)"):
        performance_frame(base.assign(weight=pd.array([1, None, 2, 3], dtype="Int64")),
                          weight="weight")
    with pytest.raises(InvalidInputError, match=r"row 0 .*\(got -1\.0\)"):
        performance_frame(base.assign(weight=-1.0), weight="weight")
    as_floats = performance_frame(base.assign(weight=[1.0, 2.0, 3.0, 4.0]), weight="weight")
    for weights in ([1, 2, 3, 4], pd.Series([1, 2.0, 3, 4], dtype=object),
                    pd.array([1, 2, 3, 4], dtype="Int64")):
        same = performance_frame(base.assign(weight=weights), weight="weight")
        pd.testing.assert_frame_equal(as_floats, same)


def test_distributed_takes_the_dtypes_from_the_shared_module() -> None:
    """distributed types its frames with the helper it shares with analysis, and reaches
    into no private name of analysis (a sibling of the same layer)."""
    import ast
    from pathlib import Path

    import practicemodel.distributed as distributed_module

    tree = ast.parse(Path(distributed_module.__file__).read_text(encoding="utf-8"))
    reached = [(node.module, alias.name) for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and node.module == "practicemodel.analysis"
               for alias in node.names if alias.name.startswith("_")]
    assert reached == []
    from practicemodel._frames import pandas_dtypes

    dtypes = pandas_dtypes(pd, DEFAULT_INSTRUMENT, role=False)
    frame = ratings_frame(REVIEWS)
    assert {c: frame[c].dtype for c in RATING_COLUMNS} == dtypes


# -- charts -------------------------------------------------------------------------------

BY_REGION = item_performance(ROWS, by=("region",))
COMPARISON = compare_reviews(ROWS, ROWS[: len(ROWS) // 2], by=("region",))


def _inside(figure: Any, texts: list[Any]) -> None:
    """Each text's extent, drawn with the Agg canvas, lies inside the figure."""
    FigureCanvasAgg(figure)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    width, height = figure.bbox.width, figure.bbox.height
    for text in texts:
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer)
        inside = (box.x0 >= -0.5, box.y0 >= -0.5, box.x1 <= width + 0.5,
                  box.y1 <= height + 0.5)
        assert inside == (True, True, True, True), text.get_text()


def test_item_labels_are_titles_and_fit() -> None:
    """Items are labelled by their titles, and every label lies inside the figure."""
    figure = plot_item_performance(BY_REGION, by="region")
    (axes,) = figure.axes
    labels = [t.get_text().replace("\n", " ") for t in axes.get_yticklabels()]
    assert "Caseworker visits with parents" in labels
    assert "visits_with_parents" not in labels
    _inside(figure, [*axes.get_yticklabels(), axes.xaxis.label])


def test_comparison_labels_are_titles_and_fit() -> None:
    """The comparison's rows are labelled by title and group, and fit the figure."""
    figure = plot_comparison(COMPARISON)
    left, right = figure.axes
    labels = [t.get_text().replace("\n", " ") for t in left.get_yticklabels()]
    assert any(label.startswith("Caseworker visits with parents") for label in labels)
    _inside(figure, [*left.get_yticklabels(), left.xaxis.label, right.xaxis.label])


def test_plots_draw_on_a_given_ax() -> None:
    """With ax=, the chart is drawn there and the Axes' figure returned."""
    figure = Figure()
    ax = figure.add_subplot()
    assert plot_item_performance(BY_REGION, ax=ax) is figure
    assert len(ax.containers) > 0
    pair = Figure().subplots(1, 2)
    assert plot_comparison(COMPARISON, ax=tuple(pair)) is pair[0].figure
    assert len(pair[0].containers) == 2
    assert len(pair[1].lines) > 0
    single = Figure().add_subplot()
    plot_comparison(COMPARISON, ax=single)
    assert len(single.get_yticklabels()) == len(COMPARISON)
    with pytest.raises(InvalidInputError, match="'ax'"):
        plot_item_performance(BY_REGION, ax="left")


def test_plots_leave_pyplot_and_the_backend_alone(tmp_path: Any) -> None:
    """A chart neither imports pyplot nor changes the backend (a notebook's stays inline)."""
    code = (
        "import sys, matplotlib\n"
        "matplotlib.use('pdf')\n"
        "from practicemodel.statistics import item_performance, compare_reviews\n"
        "from practicemodel.analysis import plot_item_performance, plot_comparison\n"
        "rows = [{'item': 'visits_with_child', 'rating': r, 'region': 'N'}\n"
        "        for r in ('strength', 'area_needing_improvement')]\n"
        f"plot_item_performance(item_performance(rows, by=('region',)), "
        f"path={str(tmp_path / 'a.svg')!r})\n"
        "plot_comparison(compare_reviews(rows, rows))\n"
        "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    expected = "pdf False"
    assert expected == result.stdout.strip()
    assert (tmp_path / "a.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_plots_keep_pyplot_figures_unchanged() -> None:
    """In a session that uses pyplot, a chart opens no pyplot figure."""
    plt = pytest.importorskip("matplotlib.pyplot")
    before = plt.get_fignums()
    plot_item_performance(BY_REGION)
    plot_comparison(COMPARISON)
    assert before == plt.get_fignums()


def test_dask_rating_frame_has_the_same_types(tmp_path: Any) -> None:
    """to_dask's frame types its columns as ratings_frame does (meta and partitions)."""
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("distributed")
    from practicemodel.analysis import to_dask
    from practicemodel.serialization import dumps_case

    cases = list(generate_cases(3, seed=4))
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(dumps_case(c, indent=None) + "\n" for c in cases),
                    encoding="utf-8")
    frame = to_dask(str(path), policy=FEDERAL, as_of=AS_OF)
    expected = ratings_frame([rate_case(c, policy=FEDERAL, as_of=AS_OF) for c in cases])
    computed = frame.compute(scheduler="sync")
    assert list(RATING_COLUMNS) == list(frame.columns)
    for column in RATING_COLUMNS:
        assert expected[column].dtype == frame.dtypes[column], column
        assert expected[column].dtype == computed[column].dtype, column
    assert expected["case_id"].tolist() == computed["case_id"].tolist()


def test_case_id_is_a_reserved_record_key() -> None:
    """``fields`` may not overwrite the case id."""
    with pytest.raises(InvalidArgumentError, match="case_id"):
        rating_records(REVIEWS[0], fields={"case_id": "other"})
