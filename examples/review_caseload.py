"""Review a synthetic caseload: item performance, a stratified sample, baseline vs follow-up.

The steps of the tutorial *Review a caseload* (docs/tutorial/review-a-caseload.md) as one
notebook-style script, with a small caseload so that it runs in a few seconds. It needs the
analysis extra (``pip install "practicemodel[analysis]"``) for the DataFrame and the chart.

Run it:

    python examples/review_caseload.py          # 120 cases per review
    python examples/review_caseload.py 300      # as in the tutorial

The chart is saved into a temporary directory (its path is printed).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from practicemodel.analysis import (
    comparison_records,
    performance_records,
    plot_comparison,
    plot_item_performance,
    to_pandas,
)
from practicemodel.caseload import review_synthetic
from practicemodel.policy import FEDERAL
from practicemodel.review import rate_case, rating_records
from practicemodel.sampling import stratified_sample
from practicemodel.statistics import compare_reviews, item_performance
from practicemodel.synthetic import SyntheticParameters, generate_cases

AS_OF = date(2026, 11, 22)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 120


def main() -> None:
    """The tutorial's steps, one cell each. (A function, with the ``__main__`` guard below:
    step 7's worker processes may import this script, and must not rerun it.)"""
    # %% 1. A synthetic caseload (fictional cases, reproducible from the seed)
    cases = list(generate_cases(N, seed="baseline"))
    print(f"{len(cases)} cases in regions {sorted({case.region for case in cases})}")

    # %% 2. Rate each case with the default review instrument; one record per item
    ratings = [row for case in cases
               for row in rating_records(rate_case(case, policy=FEDERAL, as_of=AS_OF))]
    print(f"{len(ratings)} rating records, e.g. {ratings[0]}")

    # %% 3. Item performance by region, with Wilson intervals
    by_region = item_performance(ratings, by=("region",))
    for record in performance_records(by_region):
        if record["item"] == "visits_with_parents":
            print(f"visits_with_parents {record['region']:<9} {record['strengths']:>3}"
                  f"/{record['applicable']:<3} {record['performance']:.0%} "
                  f"[{record['low']:.0%}, {record['high']:.0%}]")

    # %% 4. A stratified sample: the same number of cases from each region and case type
    sample, report = stratified_sample(cases, strata=("region", "case_type"), size=5,
                                       seed="review-2026")
    print(f"sampled {len(sample)} of {report.population} cases; short strata: "
          f"{[draw.stratum for draw in report.short]}")

    # %% 5. Baseline vs follow-up: a second caseload with better-written plans
    improved = SyntheticParameters(closure_criteria_share=0.9, poor_objective_share=0.15)
    follow_up_cases = list(generate_cases(N, seed="follow-up", parameters=improved))
    follow_up = [row for case in follow_up_cases
                 for row in rating_records(rate_case(case, policy=FEDERAL, as_of=AS_OF))]
    comparison = compare_reviews(ratings, follow_up)

    # %% 6. DataFrames: the comparison as a pandas table
    table = to_pandas(comparison_records(comparison))
    columns = ["item", "baseline_performance", "follow_up_performance", "difference",
               "p_value", "significant"]
    print(table[columns].round(3).to_string(index=False))

    # %% 7. The same table in batches and two worker processes, as a DataFrame
    result = review_synthetic(N, seed="baseline", policy=FEDERAL, as_of=AS_OF, by=("region",),
                              workers=2)
    assert result.table == by_region, "batched review must equal the one-pass table"
    frame = to_pandas(performance_records(result.table))
    print(f"review_synthetic: {result.cases_reviewed} cases, {len(frame)} rows, same table: "
          f"{result.table == by_region}")

    # %% 8. Charts, saved into a temporary directory
    with tempfile.TemporaryDirectory() as directory:
        performance_png = Path(directory) / "performance_by_region.png"
        comparison_png = Path(directory) / "comparison.png"
        plot_item_performance(by_region, by="region", path=performance_png)
        plot_comparison(comparison, path=comparison_png)
        for png in (performance_png, comparison_png):
            print(f"wrote {png.name} ({png.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
