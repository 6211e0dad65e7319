"""Self-contained HTML reports: a case report for a caseworker and a supervisor, a caseload
report for a CQI team.

Each function returns text: a complete HTML document (inline CSS and SVG; no script, no
web font, no image or style sheet fetched from anywhere, so it opens offline, on a phone and
in print) or one SVG picture. The pages are rendered from Jinja2 templates with escaping
always on, so nothing from a record is ever read as markup. Jinja2 is the ``report`` extra
(``pip install "practicemodel[report]"``); without it the HTML functions raise
[`MissingExtraError`][practicemodel.errors.MissingExtraError]. The SVG pictures need no
extra.

>>> from datetime import date
>>> from practicemodel.example import load_example
>>> from practicemodel.policy import get_policy
>>> svg = timeline_svg(load_example(), policy=get_policy("MS"), as_of=date(2026, 11, 22))
>>> svg.startswith("<svg") and 'role="img"' in svg and "Ava Wilson" in svg
True

Every status, outcome, explanation and source shown is the library's own answer
([`schedule`][practicemodel.timelines.schedule],
[`check_case`][practicemodel.checks.check_case],
[`CaseloadReview`][practicemodel.caseload.CaseloadReview],
[`compare_proportions`][practicemodel.statistics.compare_proportions]); the reports only
arrange them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from practicemodel._arguments import instance_arg, rule_args

if TYPE_CHECKING:
    from practicemodel.case import Case
    from practicemodel.caseload import CaseloadReview
    from practicemodel.findings import Finding
    from practicemodel.improvement import ImprovementPlan, PlanStatus
    from practicemodel.policy import PolicyProfile
    from practicemodel.rollout import RegionResult, Rollout
    from practicemodel.sampling import SampleReport

__all__ = ["case_html", "caseload_html", "performance_svg", "plan_status_html", "rollout_html",
           "timeline_svg"]


def timeline_svg(case: Case, *, policy: PolicyProfile, as_of: date) -> str:
    """Return the case's timeline picture: one ``<svg>`` element.

    A lane for the case (case plans, supervisory staffings and the case's monthly
    staffing deadline), one per child (removal episodes and placements, hearings, the child's
    deadlines, when the policy's ASFA count is reached or projected, the count under the
    name: "15 of 22" from the profile's ``asfa_months_in_care`` and ``asfa_window_months``)
    and one per parent due caseworker visits. Deadlines are marked met on time (filled
    circle), met late (a dot in a ring), due (open circle), overdue (cross) or upcoming
    (small open circle) as of ``as_of``, as [`schedule`][practicemodel.timelines.schedule]
    judges them; the legend names every shape. The picture has a
    ``viewBox`` and ``width="100%"`` (it scales to its container), ``role="img"``, a
    ``<title>`` and a ``<desc>``; every text in it is escaped. Needs no extra.

    Raises:
        InvalidInputError: an argument is not of the right kind.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    from practicemodel.report.case import timeline_picture
    from practicemodel.report.svg import timeline

    rule_args(case, policy, as_of)
    return timeline(timeline_picture(case, policy=policy, as_of=as_of))


def case_html(case: Case, *, policy: PolicyProfile, as_of: date) -> str:
    """Return the case report for ``case`` under ``policy`` as of ``as_of``: a complete,
    self-contained HTML document.

    It shows the family and who counts for engagement, the children in care with their ASFA
    count (named from the profile: "ASFA 15 of 22"), the timeline picture
    ([`timeline_svg`][practicemodel.report.timeline_svg]), the deadlines overdue, due
    (within the profile's ``due_soon_window``, or this month's monthly duty), upcoming and
    met late, every finding grouped by practice-model component with its explanation, source
    and facts (folded on screen, unfolded in print), "actively involved" per person and
    part, and the monthly visits and staffings month by month.

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install "practicemodel[report]"``).
        InvalidInputError: an argument is not of the right kind.
        DateOutOfRangeError: ``as_of`` lies outside the supported date range.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
    """
    from practicemodel import __version__
    from practicemodel.checks import check_case
    from practicemodel.report._render import environment, inline_svg, render
    from practicemodel.report.case import case_report, timeline_picture
    from practicemodel.report.svg import timeline
    from practicemodel.timelines import schedule

    environment()  # the missing extra is reported before any work
    rule_args(case, policy, as_of)
    plan = schedule(case, policy=policy, as_of=as_of)
    findings = check_case(case, policy=policy, as_of=as_of)
    view = case_report(case, policy=policy, as_of=as_of, findings=findings, plan=plan)
    picture = timeline(timeline_picture(case, policy=policy, as_of=as_of, plan=plan))
    return render("case.html.j2", r=view, timeline=inline_svg(picture), version=__version__,
                  title=f"Case report: {case.id} as of {as_of.isoformat()}")


def performance_svg(review: CaseloadReview, *, items: Sequence[str] | None = None,
                    title: str | None = None) -> str:
    """Return the item-performance chart of a caseload review: one ``<svg>`` element.

    One row per item and group of ``review.table`` (or only the items whose codes
    ``items`` lists), in the instrument's order: the share of applicable cases rated a
    Strength (a point) and its confidence interval (a bar) on a 0–100 % axis, with the
    counts at the right. An item with no applicable case is written "n/a". Needs no extra.

    Raises:
        InvalidInputError: ``review`` is not a
            [`CaseloadReview`][practicemodel.caseload.CaseloadReview], ``items`` is not a
            sequence of str (one str is refused, not split into characters), or ``title``
            is not a str or None.
        InvalidArgumentError: ``items`` names a code that is neither an item of the review
            nor of its instrument; the message names it and the known codes.
    """
    from practicemodel.caseload import CaseloadReview
    from practicemodel.report.caseload import _title_arg, performance_rows
    from practicemodel.report.svg import interval_chart

    instance_arg(review, CaseloadReview, "review")
    title = _title_arg(title)
    rows = performance_rows(review, items=items)
    label = title or f"Item performance: {review.instrument}"
    description = (f"{label}. {review.cases_reviewed} cases reviewed as of "
                   f"{review.as_of.isoformat()} under policy {review.policy}; each row is an "
                   "item's share of applicable cases rated a strength, with its confidence "
                   "interval.")
    return interval_chart(rows, title=label, description=description)


def caseload_html(review: CaseloadReview, *, baseline: CaseloadReview | None = None,
                  sample: SampleReport | None = None, skipped: Sequence[str] = (),
                  title: str | None = None, skipped_shown: int = 50) -> str:
    """Return the caseload report of ``review``: a complete, self-contained HTML document.

    It shows the instrument, policy and date used and the counts; item performance grouped
    by practice-model component (by CFSR outcome for the ``cfsr`` instrument) and group,
    with an interval chart and the numbers in a table; with ``baseline``, each item and
    group's baseline and follow-up (``review``) performance, the difference and its interval
    ([`compare_caseloads`][practicemodel.caseload.compare_caseloads]), with the baseline's
    policy and date (and a note when they differ from the follow-up's); with ``sample``,
    the sample design stratum by stratum; and the ``skipped`` records' messages (the first
    ``skipped_shown``, then how many more). The baseline must be rated on the same
    instrument and grouped by the same keys as ``review``; its policy and date may differ.

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install "practicemodel[report]"``).
        InvalidInputError: an argument is not of the right kind: ``skipped`` must be a
            sequence of str (one str is refused, not split into characters),
            ``skipped_shown`` an int (not a bool), ``title`` a str or None.
        InvalidArgumentError: ``skipped_shown`` is negative, or ``baseline``'s
            ``instrument`` or ``by`` differs from ``review``'s (the message names the field
            and both values).
    """
    from practicemodel import __version__
    from practicemodel.caseload import CaseloadReview
    from practicemodel.report._render import environment, inline_svg, render
    from practicemodel.report.caseload import caseload_report
    from practicemodel.sampling import SampleReport

    environment()
    instance_arg(review, CaseloadReview, "review")
    if baseline is not None:
        instance_arg(baseline, CaseloadReview, "baseline")
    if sample is not None:
        instance_arg(sample, SampleReport, "sample")
    view = caseload_report(review, baseline=baseline, sample=sample, skipped=skipped,
                           title=title, skipped_shown=skipped_shown)
    charts = tuple(inline_svg(chart) for chart in view.charts)
    return render("caseload.html.j2", r=view, charts=charts, version=__version__,
                  title=view.title)


def plan_status_html(plan: ImprovementPlan, status: PlanStatus, *,
                     title: str | None = None) -> str:
    """Return the status page of an improvement plan: a complete, self-contained HTML
    document.

    It shows the plan's title, code and dates, the PIP quarter ``status.as_of`` falls in
    with its days, the activities counted by state and, goal by goal, a table of every key
    activity: its label, state, explanation, text and timetable, as
    [`plan_status`][practicemodel.improvement.plan_status] judged them. Upcoming activities
    (their quarter has not begun) are listed too, muted and marked.

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install "practicemodel[report]"``).
        InvalidInputError: ``plan`` is not an
            [`ImprovementPlan`][practicemodel.improvement.ImprovementPlan], ``status`` not a
            [`PlanStatus`][practicemodel.improvement.PlanStatus], ``title`` not a str or
            None.
        InvalidArgumentError: ``status`` is the status of another plan.
    """
    from practicemodel import __version__
    from practicemodel.improvement import ImprovementPlan, PlanStatus
    from practicemodel.report._render import environment, render
    from practicemodel.report.plan import plan_report

    environment()
    instance_arg(plan, ImprovementPlan, "plan")
    instance_arg(status, PlanStatus, "status")
    view = plan_report(plan, status, title=title)
    return render("plan.html.j2", r=view, version=__version__, title=view.title)


def rollout_html(rollout: Rollout, *, findings: Sequence[Finding],
                 results: Sequence[RegionResult] = (), cases: int | None = None,
                 title: str | None = None) -> str:
    """Return the page of a regional rollout: a complete, self-contained HTML document.

    It shows the rollout's name and counts, its waves, each region's schedule (the four
    phases' days, the baseline and follow-up review days), the ``findings`` of
    [`check_rollout`][practicemodel.rollout.check_rollout] (not met first, each with its
    rule, subject, explanation and source) and, for each of ``results``
    ([`compare_region`][practicemodel.rollout.compare_region]), a table of the items:
    baseline and follow-up performance with their applicable counts, the difference with its
    95% interval and the change. ``cases`` (the cases in each review) is shown when given.

    Raises:
        MissingExtraError: Jinja2 is not installed (``pip install "practicemodel[report]"``).
        InvalidInputError: ``rollout`` is not a [`Rollout`][practicemodel.rollout.Rollout],
            ``findings`` not a sequence of ``Finding``, ``results`` not a sequence of
            ``RegionResult``, ``cases`` not an int or None, ``title`` not a str or None.
    """
    from practicemodel import __version__
    from practicemodel.report._render import environment, render
    from practicemodel.report.rollout import rollout_report
    from practicemodel.rollout import Rollout

    environment()
    instance_arg(rollout, Rollout, "rollout")
    view = rollout_report(rollout, findings=findings, results=results, cases=cases,
                          title=title)
    return render("rollout.html.j2", r=view, version=__version__, title=view.title)
