"""Rate cases on the federal CFSR instrument: the 18 items by outcome, and conformity.

First the Wilson family's case (the built-in example): each item's rating with the findings
that decided it, and the case's rating on each of the seven outcomes. Then a synthetic
caseload of 500 fictional cases: each outcome's share of applicable cases substantially
achieving it, with its 95% Wilson interval, against the policy profile's conformity threshold
(95%), as the command ``practicemodel review --synthetic 500 --instrument cfsr`` prints it.

    python examples/cfsr_review.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.caseload import review_synthetic
from practicemodel.example import load_example
from practicemodel.outcomes import CfsrOutcome
from practicemodel.policy import get_policy
from practicemodel.review import CFSR_INSTRUMENT, rate_case

AS_OF = date(2026, 11, 22)


def main() -> None:
    """Print the Wilson case's items and outcomes, then a caseload's conformity lines."""
    policy = get_policy("MS", AS_OF)
    review = rate_case(load_example(), policy=policy, as_of=AS_OF, instrument=CFSR_INSTRUMENT)
    print(f"The Wilson family's case on the {CFSR_INSTRUMENT.name}, as of {AS_OF}")
    for item, rated in zip(CFSR_INSTRUMENT.items, review.ratings, strict=True):
        print(f"  {item.cfsr_item:>2} {item.name}: {rated.rating.value}")
        for finding in rated.findings[:2]:  # what decided it (the first two findings)
            print(f"       {finding.rule} ({finding.subject_id}): {finding.outcome.value}")
    for outcome in review.outcomes:
        print(f"  {outcome.outcome.value}: {outcome.result.value}")

    caseload = review_synthetic(500, seed=0, policy=policy, as_of=AS_OF,
                                instrument=CFSR_INSTRUMENT)
    threshold = policy.outcome_conformity_threshold
    print(f"\n{caseload.cases_reviewed} synthetic cases: substantially achieved, of applicable")
    rows = {row.item: row for row in caseload.table}
    for outcome in CfsrOutcome:
        row = rows[outcome.value]
        share = row.performance
        verdict = ("no applicable case" if share.estimate is None else
                   "in substantial conformity" if share.estimate >= threshold else
                   "not in substantial conformity")
        shown = "-" if share.estimate is None else f"{share.estimate:.1%}"
        print(f"  {outcome.label.split(':')[0]:<13} {row.strengths:>4}/"
              f"{row.applicable:<4} {shown:>6} [{share.low:.1%}, {share.high:.1%}]  {verdict}")


if __name__ == "__main__":
    main()
