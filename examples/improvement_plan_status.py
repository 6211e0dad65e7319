"""Follow Mississippi's Program Improvement Plan quarter by quarter.

The plan ships with practicemodel (`get_plan("MS-R3")`, transcribed from Mississippi's CFSR
Round 3 Program Improvement Plan): five goals, their strategies, and key activities on a
quarterly timetable counted from the PIP Effective Date, February 1, 2020. The plan records
no completions, so an agency supplies its own; here a fictional tracker has recorded three.

    python examples/improvement_plan_status.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.improvement import (
    ActivityProgress,
    ActivityState,
    get_plan,
    plan_status,
    quarter_period,
)

# A fictional progress tracker: what the agency has recorded as done.
PROGRESS = (
    ActivityProgress(label="1.1.1", completed_on=date(2020, 4, 14)),
    ActivityProgress(label="2.1.1", completed_on=date(2020, 6, 3)),  # after quarter 1: late
    ActivityProgress(label="5.3.1", completed_on=date(2020, 3, 27)),
)


def main() -> None:
    """Print the quarters, a status count at the end of each, then what is overdue on
    2021-06-30, goal by goal."""
    plan = get_plan("MS-R3")
    print(f"{plan.title}: effective {plan.effective_on}, implementation to "
          f"{plan.implementation_ends_on}")
    for number in range(1, plan.implementation_quarters + 1):
        span = quarter_period(plan, number)
        counts = plan_status(plan, as_of=span.end, progress=PROGRESS).counts()
        shown = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
        print(f"  quarter {number}: {span}  ->  at its end: {shown}")

    as_of = date(2021, 6, 30)
    status = plan_status(plan, as_of=as_of, progress=PROGRESS)
    print(f"\nAs of {as_of} (quarter {status.quarter}):")
    for goal, rows in status.by_goal().items():
        overdue = [r for r in rows if r.state is ActivityState.OVERDUE]
        done = [r for r in rows if r.state is ActivityState.COMPLETED]
        print(f"Goal {goal.number}, {goal.statement}: {len(overdue)} overdue, "
              f"{len(done)} completed")
        for row in done:
            print(f"  {row.activity.label:7} {row.explanation}")


if __name__ == "__main__":
    main()
