"""Follow one region of the fictional practice-model rollout from its baseline review to
its follow-up (the code of the tutorial "Follow a region through the rollout").

The rollout ships with practicemodel (`get_rollout("fictional")`, invented dates that keep
the rules of the Mississippi practice model's regional phase-in); the reviews are drawn
from synthetic caseloads of the region as of each review's day.

    python examples/rollout_region.py
"""

from __future__ import annotations

from datetime import date

import attrs

from practicemodel.improvement import DateSpan, MeasurementPlan
from practicemodel.review import get_instrument
from practicemodel.rollout import (
    check_rollout,
    compare_region,
    fictional_reviews,
    get_rollout,
    logic_model_window,
    measurement_result,
)

rollout = get_rollout("fictional")
northern = rollout.schedule("Northern")

# 1. The schedule: Northern's phases, and the checks about it.
print(f"Northern is in {northern.phase_on(date(2022, 4, 15)).label} on 2022-04-15")  # type: ignore[union-attr]
for finding in check_rollout(rollout):
    if finding.subject_id == "Northern":
        print(f"  [{finding.outcome.value}] {finding.rule}")

# 2. The two CQI reviews, drawn from synthetic caseloads of the region alone.
alone = attrs.evolve(rollout, regions=("Northern",), schedules=(northern,))
baseline, follow_up = fictional_reviews(alone, cases=300, seed=2026)["Northern"]
print(f"\nbaseline {baseline.as_of}, follow-up {follow_up.as_of}: "
      f"{baseline.cases_reviewed} cases each")

# 3. Follow-up against baseline, item by item.
result = compare_region("Northern", baseline, follow_up)
for item in result.items:
    c = item.comparison
    if c.difference is None or c.low is None or c.high is None:
        print(f"  {item.item:<30} {'-':>6} {'-':>6}  {item.change.value}")
        continue
    print(f"  {item.item:<30} {c.baseline.estimate:6.1%} {c.follow_up.estimate:6.1%} "
          f"{c.difference:+6.1%} [{c.low:+.1%}, {c.high:+.1%}]  {item.change.value}")

# 4. Which logic-model window the follow-up falls in, counted from Phase II.
window = logic_model_window(since=northern.implementation_from, on=follow_up.as_of)
print(f"\nthe follow-up is a {window.label} outcome")  # type: ignore[union-attr]

# 5. A measurement target on CFSR item 15 (caseworker visits with parents): the same cases
#    rated on the CFSR instrument; the target is the baseline plus 8 points (invented).
cfsr_before, cfsr_after = fictional_reviews(alone, cases=300, seed=2026,
                                            instrument=get_instrument("cfsr"))["Northern"]
before = next(row for row in cfsr_before.table if row.item == "item_15")
plan = MeasurementPlan(cfsr_item=15, baseline=before.strengths / before.applicable,
                       baseline_applicable=before.applicable, target_improvement=0.08,
                       measurement_period=DateSpan(start=date(2023, 7, 1),
                                                   end=date(2023, 9, 30)))
target = measurement_result(plan, cfsr_after)
p = target.performance
print(f"item 15: baseline {plan.baseline:.1%} of {plan.baseline_applicable}, target "
      f"{target.target:.1%}; follow-up {p.estimate:.1%} of {p.trials} "
      f"[{p.low:.1%}, {p.high:.1%}]: {'met' if target.met else 'not met'}"
      f"{', above the baseline' if target.above_baseline else ''}")
