"""Review a synthetic caseload: item performance, a stratified sample, baseline vs follow-up.

The steps of the tutorial *Review a caseload* (docs/tutorial/review-a-caseload.md) as one
notebook-style script, with a small caseload so that it runs in a few seconds. It needs the
analysis extra (``pip install "practicemodel[analysis]"``) for the DataFrames and the charts.

Run it:

    python examples/review_caseload.py          # 120 cases per review
    python examples/review_caseload.py 300      # as in the tutorial

The charts are saved into a temporary directory (their names are printed).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure

from practicemodel.analysis import (
    comparison_records,
    performance_frame,
    performance_records,
    plot_comparison,
    plot_item_performance,
    ratings_frame,
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
    step 9's worker processes may import this script, and must not rerun it.)"""
    # %% 1. A synthetic caseload (fictional cases, reproducible from the seed)
    cases = list(generate_cases(N, seed="baseline"))
    print(f"{len(cases)} cases in regions {sorted({case.region for case in cases})}")

    # %% 2. Rate each case with the default review instrument; one record per item
    reviews = [rate_case(case, policy=FEDERAL, as_of=AS_OF) for case in cases]
    ratings = [row for review in reviews for row in rating_records(review)]
    print(len(ratings), ratings[0])

    # %% 3. Item performance by region, with Wilson intervals
    by_region = item_performance(ratings, by=("region",))
    for record in performance_records(by_region):
        if record["item"] == "visits_with_parents":
            print(f"{record['region']:<9} {record['strengths']:>3}/{record['applicable']:<3} "
                  f"{record['performance']:.0%} [{record['low']:.0%}, {record['high']:.0%}]")

    # %% 4. The same as a typed DataFrame, and performance computed on it
    frame = ratings_frame(reviews)
    print(frame[["case_id", "item", "rating", "region", "as_of"]].head(3)
          .to_string(index=False))
    table = performance_frame(frame, by="region")
    wanted = ["item", "region", "strengths", "applicable", "performance", "low", "high"]
    print(table.loc[table["item"] == "visits_with_parents", wanted].round(3)
          .to_string(index=False))

    # %% 5. A stratified sample, rated, with design weights
    sample, report = stratified_sample(cases, strata=("region", "case_type"), size=5,
                                       seed="review-2026")
    print(f"sampled {len(sample)} of {report.population} cases; "
          f"short strata: {[draw.stratum for draw in report.short]}")
    for draw in report.draws[:2]:
        print(f"{' / '.join(draw.stratum)}: {draw.population} cases, {draw.drawn} drawn, "
              f"weight {draw.weight}")
    sample_ratings = report.with_weights(
        row for case in sample
        for row in rating_records(rate_case(case, policy=FEDERAL, as_of=AS_OF)))
    plain = item_performance(sample_ratings)
    weighted = item_performance(sample_ratings, weight="weight")
    for p, w in zip(plain, weighted, strict=True):
        if p.item == "visits_with_parents":
            print(f"unweighted {p.performance.estimate:.1%} "
                  f"[{p.performance.low:.1%}, {p.performance.high:.1%}] of {p.applicable}")
            print(f"weighted   {w.performance.estimate:.1%} "
                  f"[{w.performance.low:.1%}, {w.performance.high:.1%}], "
                  f"effective n {w.performance.effective_trials:.1f}")

    # %% 6. Baseline vs follow-up: a second caseload with better-written plans
    improved = SyntheticParameters(closure_criteria_share=0.9, poor_objective_share=0.15)
    follow_up_cases = list(generate_cases(N, seed="follow-up", parameters=improved))
    follow_up = [row for case in follow_up_cases
                 for row in rating_records(rate_case(case, policy=FEDERAL, as_of=AS_OF))]
    comparison = compare_reviews(ratings, follow_up)

    # %% 7. DataFrames: the comparison as a pandas table
    comparison_table = to_pandas(comparison_records(comparison))
    columns = ["item", "baseline_performance", "follow_up_performance", "difference",
               "p_value", "significant"]
    print(comparison_table[columns].round(3).to_string(index=False))

    # %% 8. Charts, saved into a temporary directory
    with tempfile.TemporaryDirectory() as directory:
        figure = plot_item_performance(by_region, by="region")
        figure.savefig(Path(directory) / "performance_by_region.svg")
        figure = plot_comparison(comparison)
        figure.savefig(Path(directory) / "comparison.svg")
        # On Axes of your own (with pyplot: fig, ax = plt.subplots(...)):
        own = Figure(figsize=(8, 6), layout="constrained")
        ax = own.add_subplot()
        plot_item_performance(by_region, by="region", ax=ax)
        ax.set_title("Item performance by region")
        own.savefig(Path(directory) / "own_axes.png")
        for path in sorted(Path(directory).iterdir()):
            print(f"wrote {path.name} ({path.stat().st_size} bytes)")

    # %% 9. The same table in batches and two worker processes
    result = review_synthetic(N, seed="baseline", policy=FEDERAL, as_of=AS_OF, by=("region",),
                              workers=2)
    assert result.table == by_region, "batched review must equal the one-pass table"
    print(f"review_synthetic: {result.cases_reviewed} cases, same table: "
          f"{result.table == by_region}")


if __name__ == "__main__":
    main()
