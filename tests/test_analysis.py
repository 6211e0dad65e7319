"""Review statistics as records, DataFrames and charts (the optional analysis extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from practicemodel.analysis import (
    comparison_records,
    performance_records,
    plot_comparison,
    plot_item_performance,
    to_pandas,
    to_polars,
)
from practicemodel.errors import InvalidArgumentError, InvalidInputError, MissingExtraError
from practicemodel.statistics import compare_reviews, item_performance

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pytest.importorskip("matplotlib")


def _ratings(region: str, item: str, strengths: int, areas: int, na: int) -> list[dict[str, str]]:
    """Rating rows for one item in one region."""
    return ([{"item": item, "rating": "strength", "region": region}] * strengths
            + [{"item": item, "rating": "area_needing_improvement", "region": region}] * areas
            + [{"item": item, "rating": "not_applicable", "region": region}] * na)


BASELINE = (_ratings("North", "visits", 2, 6, 1) + _ratings("South", "visits", 5, 5, 0)
            + _ratings("North", "plans", 3, 1, 0))
FOLLOW_UP = (_ratings("North", "visits", 7, 2, 0) + _ratings("South", "visits", 6, 4, 2)
             + _ratings("South", "plans", 1, 1, 0))


def test_performance_records_match_the_statistics() -> None:
    """Each record carries the counts and Wilson interval of its item_performance result."""
    results = item_performance(BASELINE, by=("region",))
    actual = performance_records(results)
    expected = [
        {"item": r.item, "region": r.group[0], "strengths": r.strengths,
         "areas_needing_improvement": r.areas_needing_improvement,
         "applicable": r.applicable, "not_applicable": r.not_applicable,
         "performance": r.performance.estimate, "low": r.performance.low,
         "high": r.performance.high}
        for r in results
    ]
    assert expected == actual


def test_performance_records_hand_counted() -> None:
    """North's visits: 2 Strengths of 8 applicable cases, 1 not applicable."""
    records = performance_records(item_performance(BASELINE, by=("region",)))
    actual = next(r for r in records if r["item"] == "visits" and r["region"] == "North")
    expected = (2, 6, 8, 1, 0.25)
    assert expected == (actual["strengths"], actual["areas_needing_improvement"],
                        actual["applicable"], actual["not_applicable"], actual["performance"])


def test_comparison_records_match_the_statistics() -> None:
    """Each record carries both reviews' counts and the comparison's interval and test."""
    results = compare_reviews(BASELINE, FOLLOW_UP, by=("region",))
    actual = comparison_records(results)
    expected = [
        {"item": r.item, "region": r.group[0],
         "baseline_strengths": r.baseline.strengths,
         "baseline_applicable": r.baseline.applicable,
         "baseline_performance": r.comparison.baseline.estimate,
         "follow_up_strengths": r.follow_up.strengths,
         "follow_up_applicable": r.follow_up.applicable,
         "follow_up_performance": r.comparison.follow_up.estimate,
         "difference": r.comparison.difference, "low": r.comparison.low,
         "high": r.comparison.high, "z": r.comparison.z, "p_value": r.comparison.p_value,
         "significant": r.comparison.significant}
        for r in results
    ]
    assert expected == actual


def test_comparison_records_missing_side_is_none() -> None:
    """A group found in only one review has no difference, interval or test."""
    records = comparison_records(compare_reviews(BASELINE, FOLLOW_UP, by=("region",)))
    actual = next(r for r in records if r["item"] == "plans" and r["region"] == "North")
    expected = (3, 0, None, None, None, False)
    assert expected == (actual["baseline_strengths"], actual["follow_up_applicable"],
                        actual["follow_up_performance"], actual["difference"],
                        actual["p_value"], actual["significant"])


def test_records_reject_other_objects() -> None:
    """Records are built from statistics results only."""
    with pytest.raises(InvalidInputError, match=r"results\[0\]"):
        performance_records([{"item": "visits"}])  # type: ignore[list-item]


def test_to_pandas_columns_rows_and_values() -> None:
    """The pandas DataFrame has one row per record and the records' columns in order."""
    records = performance_records(item_performance(BASELINE, by=("region",)))
    frame = to_pandas(records)
    expected = (list(records[0]), len(records), [r["strengths"] for r in records])
    assert expected == (list(frame.columns), len(frame), frame["strengths"].tolist())


def test_to_polars_columns_rows_and_values() -> None:
    """The polars DataFrame has one row per record; None becomes null."""
    records = comparison_records(compare_reviews(BASELINE, FOLLOW_UP, by=("region",)))
    frame = to_polars(records)
    expected = (list(records[0]), len(records), [r["difference"] for r in records])
    assert expected == (frame.columns, frame.height, frame["difference"].to_list())


def test_missing_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_pandas raises an ImportError that says how to install the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r'practicemodel\[analysis\]') as info:
        to_pandas([])
    expected = True
    assert expected == isinstance(info.value, ImportError)


def test_plot_item_performance_writes_a_png(tmp_path: Path) -> None:
    """The performance chart is a Figure, saved as a non-empty PNG."""
    path = tmp_path / "performance.png"
    figure = plot_item_performance(item_performance(BASELINE, by=("region",)), path=path)
    expected = ("Figure", True, b"\x89PNG")
    assert expected == (type(figure).__name__, path.stat().st_size > 0,
                        path.read_bytes()[:4])


def test_plot_item_performance_needs_the_grouping() -> None:
    """Results not grouped by the requested key are refused with a hint."""
    with pytest.raises(InvalidArgumentError, match="by=\\('region',\\)"):
        plot_item_performance(item_performance(BASELINE), by="region")


def test_plot_comparison_writes_a_png(tmp_path: Path) -> None:
    """The comparison chart is a Figure with two panels, saved as a non-empty PNG."""
    path = tmp_path / "comparison.png"
    figure = plot_comparison(compare_reviews(BASELINE, FOLLOW_UP, by=("region",)), path=path)
    expected = ("Figure", 2, True)
    assert expected == (type(figure).__name__, len(figure.axes), path.stat().st_size > 0)


def test_import_practicemodel_does_not_import_the_extra() -> None:
    """A fresh ``import practicemodel`` loads none of pandas, polars or matplotlib."""
    code = ("import practicemodel, practicemodel.analysis, sys; "
            "print([m for m in ('pandas', 'polars', 'matplotlib') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    expected = "[]"
    assert expected == result.stdout.strip()
