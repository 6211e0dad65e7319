"""The view model of an improvement plan's status page: what the page shows, as plain
frozen values.

[`plan_report`][practicemodel.report.plan.plan_report] arranges a
[`PlanStatus`][practicemodel.improvement.PlanStatus] for the page: the plan's dates, the
quarter the date falls in, the counts by state and, goal by goal, every key activity with
its state and explanation. The states and explanations are the library's; nothing is judged
again. Nothing here is HTML.
"""

from __future__ import annotations

import attrs

from practicemodel.errors import InvalidArgumentError
from practicemodel.improvement import (
    ActivityState,
    ImprovementPlan,
    PlanStatus,
    quarter_period,
)

__all__ = ["ActivityRow", "GoalSection", "PlanReport", "plan_report"]


@attrs.frozen(kw_only=True)
class ActivityRow:
    """One key activity (or part of one) on the date."""

    label: str
    """Its label (``"1.1.1"``, ``"2.1.2a"``)."""
    state: str
    """Its state's value (``"due"``, ``"overdue"``, ...)."""
    upcoming: bool
    """Its quarter has not begun (shown muted)."""
    explanation: str
    """Why it is in its state, in one sentence."""
    text: str
    """The activity as the plan writes it (a part with its lead-in)."""
    timetable: str
    """Its timetable as written."""


@attrs.frozen(kw_only=True)
class GoalSection:
    """One goal and its activities."""

    number: int
    """The goal's number."""
    statement: str
    """The goal as written."""
    counts: tuple[tuple[str, int], ...]
    """The goal's activities by state (states with none left out)."""
    rows: tuple[ActivityRow, ...]
    """Its activities, in the plan's order."""


@attrs.frozen(kw_only=True)
class PlanReport:
    """Everything a plan status page shows."""

    title: str
    """The page title."""
    plan_title: str
    """The plan's title."""
    code: str
    """The plan's code."""
    as_of: str
    """The date, ISO."""
    dates: tuple[tuple[str, str], ...]
    """The plan's dates and reporting, as (label, value) pairs."""
    quarter: str
    """The quarter ``as_of`` falls in with its days, in words."""
    counts: tuple[tuple[str, int], ...]
    """All activities by state (states with none left out)."""
    activities: int
    """How many activities the plan has."""
    goals: tuple[GoalSection, ...]
    """Goal by goal."""


def _counts(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((state, n) for state, n in counts.items() if n)


def plan_report(plan: ImprovementPlan, status: PlanStatus, *,
                title: str | None = None) -> PlanReport:
    """Arrange ``status`` (of ``plan``) for the plan status page.

    Raises:
        InvalidInputError: ``title`` is not a str or None.
        InvalidArgumentError: ``status`` is the status of another plan.
    """
    from practicemodel.report.caseload import _title_arg

    title = _title_arg(title)
    if status.plan != plan:
        raise InvalidArgumentError(f"'status' is the status of plan {status.plan.code!r}, "
                                   f"not of 'plan' {plan.code!r}")
    dates = [("Effective", plan.effective_on.isoformat()),
             ("Implementation to", f"{plan.implementation_ends_on.isoformat()} "
                                   f"({plan.implementation_quarters} quarters)")]
    if plan.non_overlapping_year_ends_on is not None:
        dates.append(("Non-overlapping year to", plan.non_overlapping_year_ends_on.isoformat()))
    dates.append(("Reporting", plan.reporting_frequency.value))
    if status.quarter is None:
        quarter = "before the plan takes effect: every activity is upcoming"
    else:
        quarter = (f"quarter {status.quarter} of {plan.implementation_quarters}: "
                   f"{quarter_period(plan, status.quarter)}")
    goals = []
    for goal, rows in status.by_goal().items():
        views = []
        for row in rows:
            a = row.activity
            text = a.text if a.lead is None else f"{a.lead} {a.label[-1]}) {a.text}"
            views.append(ActivityRow(label=a.label, state=row.state.value,
                                     upcoming=row.state is ActivityState.UPCOMING,
                                     explanation=row.explanation, text=text,
                                     timetable=a.timetable.as_written))
        goals.append(GoalSection(number=goal.number, statement=goal.statement,
                                 counts=_counts(status.counts(goal.number)),
                                 rows=tuple(views)))
    return PlanReport(
        title=title or f"{plan.title} ({plan.code}) as of {status.as_of.isoformat()}",
        plan_title=plan.title, code=plan.code, as_of=status.as_of.isoformat(),
        dates=tuple(dates), quarter=quarter, counts=_counts(status.counts()),
        activities=len(status.activities), goals=tuple(goals))
