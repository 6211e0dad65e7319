"""The docs' pictures, generated from the library when the docs are built (docs only).

``docs/_hooks.py`` writes each figure of ``FIGURES`` to ``assets/generated/NAME.svg`` and
replaces the placeholder ``<!-- figure: NAME -->`` in a page with an image of it, so no
picture is drawn by hand and none can fall behind the code:

- ``case-timeline``: the Wilson example's timeline, drawn by
  ``practicemodel.report.timeline_svg`` with the worked example of the deadlines page
  (profile ``MS``, as of 2026-11-22);
- ``item-performance`` and ``comparison``: the review tutorial's two charts, drawn by
  ``practicemodel.analysis.plot_item_performance`` and ``plot_comparison`` from the
  tutorial's caseloads (same sizes, seeds, parameters, profile and date as its code);
- ``data-flow``: the pipeline from a JSON record to the reports, drawn here, its labels
  carrying counts read from the library (rules, families, record types, review items).

Every figure is deterministic: the same library gives the same bytes. Each is computed once
per process (``functools.cache``); the two tutorial charts share one computation.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

#: The date and profile of the deadlines page's worked example.
TIMELINE_AS_OF = date(2026, 11, 22)
TIMELINE_POLICY = "MS"

#: The review tutorial's caseloads (``docs/tutorial/review-a-caseload.md``): keep in step.
TUTORIAL_AS_OF = date(2026, 11, 22)
TUTORIAL_CASES = 300
TUTORIAL_SEED = "baseline"
TUTORIAL_FOLLOW_UP_SEED = "follow-up"
TUTORIAL_CLOSURE_CRITERIA_SHARE = 0.9
TUTORIAL_POOR_OBJECTIVE_SHARE = 0.15

#: What makes matplotlib's SVG output the same on every run: fixed ids, no date.
_SVG_HASHSALT = "practicemodel-docs"


class FigureSpec(NamedTuple):
    """One generated figure: how to draw it and how a page describes it."""

    draw: Callable[[], str]
    """Returns the figure as a complete SVG document."""
    alt: str
    """The image's alternative text: what the picture shows, for someone who cannot see it."""
    caption: str
    """The line printed under the picture (Markdown)."""


def _standalone(svg: str) -> str:
    """An ``<svg>`` element as a file a browser shows in an ``<img>``: with its namespace."""
    text = svg.strip()
    start = text.find("<svg")
    if start < 0:
        raise ValueError("the figure is not an <svg> element")
    head_end = text.find(">", start)
    if "xmlns=" not in text[start:head_end]:
        text = text[:start] + '<svg xmlns="http://www.w3.org/2000/svg"' + text[start + 4:]
    return text if text.endswith("\n") else text + "\n"


# -- case-timeline -----------------------------------------------------------------------------


@functools.cache
def case_timeline_svg() -> str:
    """The Wilson example's case timeline under ``MS`` as of 2026-11-22, as an SVG file."""
    from practicemodel.example import load_example
    from practicemodel.policy import get_policy
    from practicemodel.report import timeline_svg

    svg = timeline_svg(load_example(), policy=get_policy(TIMELINE_POLICY, on=TIMELINE_AS_OF),
                       as_of=TIMELINE_AS_OF)
    return _on_light_card(_standalone(svg))


def _on_light_card(svg: str) -> str:
    """The picture on an opaque white background: drawn for a light page, it is shown in an
    ``<img>``, which does not take the page's colours, on the dark theme too."""
    card = '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>'
    at = svg.find("</desc>")
    at = at + len("</desc>") if at >= 0 else svg.find(">", svg.find("<svg")) + 1
    return svg[:at] + card + svg[at:]


# -- the review tutorial's charts ----------------------------------------------------------------


class _Tutorial(NamedTuple):
    by_region: Any
    comparison: Any


@functools.cache
def _tutorial() -> _Tutorial:
    """The review tutorial's caseloads, ratings and comparison, with its exact calls."""
    from practicemodel.policy import FEDERAL
    from practicemodel.review import rate_case, rating_records
    from practicemodel.statistics import compare_reviews, item_performance
    from practicemodel.synthetic import SyntheticParameters, generate_cases

    cases = list(generate_cases(TUTORIAL_CASES, seed=TUTORIAL_SEED))
    reviews = [rate_case(case, policy=FEDERAL, as_of=TUTORIAL_AS_OF) for case in cases]
    ratings = [row for review in reviews for row in rating_records(review)]
    by_region = item_performance(ratings, by=("region",))
    improved = SyntheticParameters(closure_criteria_share=TUTORIAL_CLOSURE_CRITERIA_SHARE,
                                   poor_objective_share=TUTORIAL_POOR_OBJECTIVE_SHARE)
    follow_up_cases = list(generate_cases(TUTORIAL_CASES, seed=TUTORIAL_FOLLOW_UP_SEED,
                                          parameters=improved))
    follow_up = [row for case in follow_up_cases
                 for row in rating_records(rate_case(case, policy=FEDERAL,
                                                     as_of=TUTORIAL_AS_OF))]
    return _Tutorial(by_region=by_region, comparison=compare_reviews(ratings, follow_up))


def _matplotlib_svg(figure: Any) -> str:
    """A matplotlib Figure as SVG text, the same bytes on every run."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _standalone(buffer.getvalue())


@functools.cache
def item_performance_svg() -> str:
    """The tutorial's chart of item performance by region (step 7), as an SVG file."""
    from practicemodel.analysis import plot_item_performance

    return _matplotlib_svg(plot_item_performance(_tutorial().by_region, by="region"))


@functools.cache
def comparison_svg() -> str:
    """The tutorial's chart of the baseline vs follow-up comparison (step 7), as SVG."""
    from practicemodel.analysis import plot_comparison

    return _matplotlib_svg(plot_comparison(_tutorial().comparison))


# -- data-flow ---------------------------------------------------------------------------------


class FlowStep(NamedTuple):
    """One box of the data-flow diagram and the line beside it."""

    name: str
    detail: str


def data_flow_steps() -> tuple[FlowStep, ...]:
    """The steps from a JSON record to the reports, with figures read from the library."""
    from practicemodel.findings import Outcome
    from practicemodel.review import CFSR_INSTRUMENT, DEFAULT_INSTRUMENT
    from practicemodel.rules import all_rules
    from practicemodel.serialization import SCHEMA_VERSION, model_classes

    rules = all_rules()
    families = {rule.family for rule in rules}
    return (
        FlowStep("JSON record", f"one case per document, schema version {SCHEMA_VERSION}"),
        FlowStep("converter", "read_case, iter_jsonl: every mistake with its path"),
        FlowStep("typed model", f"Case: {len(model_classes())} frozen record types"),
        FlowStep("rules", f"{len(rules)} rules in {len(families)} families"),
        FlowStep("findings", f"rule, outcome ({len(Outcome)} kinds), facts, source"),
        FlowStep("review ratings",
                 f"{len(DEFAULT_INSTRUMENT.items)} practice-model items; "
                 f"{len(CFSR_INSTRUMENT.items)} CFSR items, {len(CFSR_INSTRUMENT.outcomes)} "
                 "outcomes"),
        FlowStep("caseload statistics", "item performance, 95 % intervals, change"),
        FlowStep("reports", "command line, HTML reports, DataFrames, charts"),
    )


# Colours with enough contrast on the light card the diagram draws itself on, so it reads
# the same on the light and on the dark theme (an <img> does not inherit the page's colours).
_CARD, _BORDER, _BOX, _INK, _ARROW = "#ffffff", "#00695c", "#e0f2f1", "#1b1b1b", "#00695c"


@functools.cache
def data_flow_svg() -> str:
    """The data flow (record → rules → findings → review → statistics → reports) as SVG."""
    steps = data_flow_steps()
    width, row, box_w, box_h, left, top = 720, 56, 200, 36, 20, 60
    height = top + row * len(steps) - (row - box_h) + 20
    title = "How data flows through practicemodel"
    desc = "; then ".join(f"{step.name} ({step.detail})" for step in steps) + "."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="flow-title flow-desc" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="15">',
        f'<title id="flow-title">{escape(title)}</title>',
        f'<desc id="flow-desc">{escape(desc)}</desc>',
        '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{_ARROW}"/></marker></defs>',
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" rx="10" '
        f'fill="{_CARD}" stroke="{_BORDER}" stroke-width="2"/>',
        f'<text x="{left}" y="36" font-size="18" font-weight="bold" fill="{_INK}">'
        f'{escape(title)}</text>',
    ]
    for index, step in enumerate(steps):
        y = top + row * index
        parts.append(f'<g class="step" data-step="{index + 1}">'
                     f'<rect x="{left}" y="{y}" width="{box_w}" height="{box_h}" rx="6" '
                     f'fill="{_BOX}" stroke="{_BORDER}" stroke-width="1.5"/>'
                     f'<text x="{left + box_w / 2:g}" y="{y + box_h / 2 + 5:g}" '
                     f'text-anchor="middle" font-weight="bold" fill="{_INK}">'
                     f'{escape(step.name)}</text>'
                     f'<text x="{left + box_w + 16}" y="{y + box_h / 2 + 5:g}" fill="{_INK}">'
                     f'{escape(step.detail)}</text></g>')
        if index + 1 < len(steps):
            x = left + box_w / 2
            parts.append(f'<line x1="{x:g}" y1="{y + box_h}" x2="{x:g}" y2="{y + row - 2}" '
                         f'stroke="{_ARROW}" stroke-width="2" marker-end="url(#flow-arrow)"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


FIGURES: Mapping[str, FigureSpec] = MappingProxyType({
    "case-timeline": FigureSpec(
        draw=case_timeline_svg,
        alt="Timeline of the Wilson family's case under the Mississippi profile as of "
            "22 November 2026: each child's removal, placements, plans, hearings and "
            "deadlines, met, due, overdue and upcoming, on one date axis",
        caption="The Wilson example's timeline as of 2026-11-22 under `MS`, drawn by "
                "`practicemodel.report.timeline_svg` when these docs were built."),
    "item-performance": FigureSpec(
        draw=item_performance_svg,
        alt="Chart of each review item's performance by region: a point per region with "
            "its 95 % Wilson interval as an error bar, items down the chart, performance "
            "from 0 to 1 across",
        caption="Item performance by region for the tutorial's 300 baseline cases, drawn by "
                "`plot_item_performance` when these docs were built."),
    "comparison": FigureSpec(
        draw=comparison_svg,
        alt="Chart comparing the baseline and follow-up reviews: on the left each item's "
            "performance in both reviews with Wilson intervals, on the right the difference "
            "with Newcombe's interval, filled where the change is significant",
        caption="Baseline vs follow-up, item by item, drawn by `plot_comparison` from the "
                "tutorial's two caseloads when these docs were built."),
    "data-flow": FigureSpec(
        draw=data_flow_svg,
        alt="Diagram of the data flow: JSON record, converter, typed model, rules, findings, "
            "review ratings, caseload statistics, reports, each step feeding the next",
        caption="From a JSON record to the reports; the counts are read from the library "
                "when these docs are built."),
})
"""Every figure the docs can show, by the name its placeholder uses."""


def figure_svg(name: str) -> str:
    """The SVG document of the figure ``name``; ``KeyError`` (listing the names) if unknown."""
    try:
        spec = FIGURES[name]
    except KeyError:
        raise KeyError(f"unknown figure {name!r}; known: {', '.join(sorted(FIGURES))}") from None
    return spec.draw()
