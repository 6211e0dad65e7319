"""Rate five fictional reviewed cases on the seven CFSR outcomes and a state's conformity.

Item ratings (1-18, Strength / Area Needing Improvement / Not Applicable) as a reviewer
recorded them for five fictional cases, among them the Wilson family's foster care case; each
outcome is rated by its own rule (Permanency 2 tolerates one Area Needing Improvement), then
the share of applicable cases substantially achieving each outcome is compared with the
policy profile's conformity threshold (95%).

    python examples/cfsr_outcomes.py
"""

from __future__ import annotations

from practicemodel.outcomes import outcome_conformity, rate_outcomes
from practicemodel.policy import get_policy

S, ANI, NA = "strength", "area_needing_improvement", "not_applicable"

# item number -> rating, per case; every item not listed is Not Applicable.
REVIEWED = {
    "wilson (foster care)": {1: S, 2: S, 3: ANI, 4: S, 5: ANI, 6: ANI, 7: S, 8: ANI, 9: S,
                             10: S, 11: S, 12: ANI, 13: ANI, 14: S, 15: ANI, 16: S, 17: S,
                             18: ANI},
    "garcia (foster care)": {3: S, 4: S, 5: S, 6: S, 7: NA, 8: S, 9: S, 10: S, 11: S, 12: S,
                             13: S, 14: S, 15: S, 16: S, 17: S, 18: S},
    "nguyen (in-home)": {1: S, 2: S, 3: S, 12: S, 13: ANI, 14: S, 15: S, 17: S},
    "okafor (in-home)": {2: ANI, 3: ANI, 12: ANI, 13: ANI, 14: ANI, 15: ANI},
    "patel (foster care)": {1: ANI, 3: S, 4: ANI, 5: S, 6: S, 7: ANI, 8: ANI, 9: S, 10: NA,
                            11: NA, 12: S, 13: S, 14: S, 15: S, 16: NA, 17: S, 18: NA},
}


def main() -> None:
    """Print each case's outcome ratings, then each outcome's conformity line."""
    cases = []
    for name, given in REVIEWED.items():
        ratings = {n: given.get(n, NA) for n in range(1, 19)}
        rated = rate_outcomes(ratings)
        cases.append(rated)
        print(name)
        for outcome in rated:
            print(f"  {outcome.outcome.value:<13} {outcome.result.value:<23} "
                  f"({outcome.explanation})")
    threshold = get_policy("MS").outcome_conformity_threshold
    print(f"\nsubstantial conformity at {threshold:.0%} of applicable cases:")
    for line in outcome_conformity(cases, threshold=threshold):
        share = line.substantially_achieved
        estimate = "no applicable case" if share.estimate is None else (
            f"{share.successes}/{share.trials} = {share.estimate:.0%} "
            f"(95% CI {share.low:.0%}-{share.high:.0%})")
        verdict = "in conformity" if line.in_substantial_conformity else "not in conformity"
        print(f"  {line.outcome.value:<13} {estimate:<32} {verdict}")


if __name__ == "__main__":
    main()
