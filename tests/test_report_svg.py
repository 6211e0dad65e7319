"""The reports' SVG pictures, laid out: no text over text or over a mark, everything inside
the ``viewBox``, the interval charts legible on a phone.

Text is not measured by a browser here: each ``<text>`` element's box is estimated from its
``x``/``y``, its font size (its ``font-size`` attribute or its class's rule in the picture's
``<style>``), its ``text-anchor`` and its character count, at about 0.6 em a character, from
0.8 em above the baseline to 0.2 em below. Marks (the shapes the picture draws: circles,
rectangles, paths, lines) get their geometric bounding box.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import NamedTuple

import pytest

from practicemodel.caseload import CaseloadReview, review_cases
from practicemodel.example import load_example
from practicemodel.placement import PlacementSetting
from practicemodel.policy import get_policy
from practicemodel.report import performance_svg, timeline_svg
from practicemodel.report.caseload import caseload_report
from practicemodel.report.svg import (
    IntervalRow,
    Mark,
    Span,
    TimelineLane,
    TimelinePicture,
    interval_chart,
    timeline,
)
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
MS = get_policy("MS")
NS = "{http://www.w3.org/2000/svg}"
EM = 0.6
"""Estimated advance of one character, in em."""
PHONE_FIGURE = 370
"""CSS px an interval chart is drawn at on a 390 px phone (the page's padding taken off)."""
SMALLEST = 11.0
"""Smallest legible text, in CSS px."""


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float
    what: str

    def overlaps(self, other: Box, slack: float = 0.5) -> bool:
        return (self.left < other.right - slack and other.left < self.right - slack
                and self.top < other.bottom - slack and other.top < self.bottom - slack)

    def inside(self, view: Box) -> bool:
        return (self.left >= view.left and self.top >= view.top
                and self.right <= view.right and self.bottom <= view.bottom)


def _local(element: ET.Element) -> str:
    return element.tag.removeprefix(NS)


def _font_sizes(root: ET.Element) -> dict[str, float]:
    """Font size by class name, from the picture's ``<style>`` rules."""
    sizes: dict[str, float] = {}
    for style in root.iter(f"{NS}style"):
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", style.text or ""):
            found = re.search(r"font-size:\s*([\d.]+)px", body)
            if not found:
                continue
            for selector in selectors.split(","):
                sizes[selector.strip().lstrip(".")] = float(found.group(1))
    return sizes


def _own_text(element: ET.Element) -> str:
    """The text an element shows: its own text and that of its children except ``<title>``."""
    parts = [element.text or ""]
    for child in element:
        if _local(child) != "title":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _font_size(element: ET.Element, sizes: dict[str, float]) -> float:
    if element.get("font-size"):
        return float(element.get("font-size", "0").removesuffix("px"))
    for name in (element.get("class") or "").split():
        if name in sizes:
            return sizes[name]
    raise AssertionError(f"no font size for text {_own_text(element)!r}")


def text_boxes(root: ET.Element) -> list[tuple[Box, float]]:
    """Every ``<text>``'s estimated box and its font size."""
    sizes = _font_sizes(root)
    boxes = []
    for element in root.iter(f"{NS}text"):
        words = _own_text(element)
        if not words.strip():
            continue
        size = _font_size(element, sizes)
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        width = EM * size * len(words)
        anchor = element.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        boxes.append((Box(left, y - 0.8 * size, left + width, y + 0.2 * size, words), size))
    return boxes


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]


def mark_boxes(root: ET.Element) -> list[Box]:
    """Every drawn shape's bounding box (paths of absolute M/L/Z commands)."""
    boxes = []
    for element in root.iter():
        tag, get = _local(element), element.get
        what = f"{tag}.{get('class') or ''}"
        if tag == "circle":
            cx, cy, r = (float(get(a, "0")) for a in ("cx", "cy", "r"))
            boxes.append(Box(cx - r, cy - r, cx + r, cy + r, what))
        elif tag == "rect":
            x, y = float(get("x", "0")), float(get("y", "0"))
            w, h = float(get("width", "0")), float(get("height", "0"))
            boxes.append(Box(x, y, x + w, y + h, what))
        elif tag == "line":
            x1, y1, x2, y2 = (float(get(a, "0")) for a in ("x1", "y1", "x2", "y2"))
            boxes.append(Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), what))
        elif tag == "path":
            numbers = _numbers(get("d", ""))
            xs, ys = numbers[0::2], numbers[1::2]
            boxes.append(Box(min(xs), min(ys), max(xs), max(ys), what))
    return boxes


def view_box(root: ET.Element) -> Box:
    x, y, w, h = _numbers(root.get("viewBox", ""))
    return Box(x, y, x + w, y + h, "viewBox")


def layout_problems(svg: str, *, marks_under_text: bool = True) -> list[str]:
    """What is wrong with a picture's layout, in words (empty: nothing)."""
    root = ET.fromstring(svg)
    view = view_box(root)
    texts = [box for box, _ in text_boxes(root)]
    marks = mark_boxes(root)
    problems = [f"text {a.what!r} overlaps text {b.what!r}"
                for a, b in itertools.combinations(texts, 2) if a.overlaps(b)]
    problems += [f"{box.what!r} is not inside the viewBox {view[:4]}: {box[:4]}"
                 for box in texts + marks if not box.inside(view)]
    if marks_under_text:
        shapes = [m for m in marks if m.what.split(".")[0] != "line"
                  or "bar" in m.what]
        problems += [f"text {t.what!r} covers the mark {m.what!r} at {m[:4]}"
                     for t in texts for m in shapes if t.overlaps(m)]
    return problems


def legible_problems(svg: str, *, shown_at: float) -> list[str]:
    """Text smaller than ``SMALLEST`` CSS px when the picture is ``shown_at`` px wide."""
    root = ET.fromstring(svg)
    scale = shown_at / (view_box(root).right - view_box(root).left)
    return [f"{box.what!r}: {size * scale:.1f} px at {shown_at:g} px wide"
            for box, size in text_boxes(root) if size * scale < SMALLEST - 0.05]


@pytest.fixture(scope="module")
def review() -> CaseloadReview:
    return review_cases(generate_cases(60, seed=11), policy=MS, as_of=AS_OF, by=("region",))


@pytest.fixture(scope="module")
def baseline() -> CaseloadReview:
    return review_cases(generate_cases(40, seed=12), policy=MS, as_of=AS_OF, by=("region",))


# -- the case timeline ------------------------------------------------------------------------


def test_the_wilson_timeline_has_no_overlapping_or_clipped_text() -> None:
    """The Wilson example's timeline: no text box overlaps another or a mark, and every text
    and mark lies inside the viewBox (the last month label and the star at the right end)."""
    svg = timeline_svg(load_example(), policy=MS, as_of=AS_OF)
    assert layout_problems(svg) == []


def test_a_timeline_with_a_deadline_met_late_keeps_its_layout() -> None:
    """The met-late mark (a dot in a ring) and its legend entry fit like the others, under
    a profile whose ASFA label is longer than the federal one."""
    import attrs

    from practicemodel.report.case import timeline_picture
    from test_report_case import _met_late_plan

    case, plan = _met_late_plan()
    other = attrs.evolve(MS, asfa_months_in_care=120, asfa_window_months=1200)
    svg = timeline(timeline_picture(case, policy=other, as_of=AS_OF, plan=plan))
    assert 'class="m-late"' in svg
    assert "ASFA 120 of 1200 reached / projected" in svg
    assert layout_problems(svg) == []


def test_placement_labels_never_sit_on_marks() -> None:
    """A placement's name is written beside its bar, not on it, where the marks are."""
    svg = timeline_svg(load_example(), policy=MS, as_of=AS_OF)
    root = ET.fromstring(svg)
    bars = [m for m in mark_boxes(root) if m.what.startswith("rect.s-")]
    assert bars
    labels = [box for box, _ in text_boxes(root) if box.what.startswith("foster family")]
    assert labels
    for label in labels:
        assert not any(label.overlaps(bar) for bar in bars), label


def test_placement_kinds_differ_in_fill_pattern_and_legend() -> None:
    """Leo's short non-relative first placement is not drawn like his relative placement:
    another class (fill), another pattern, and the legend names both in words."""
    svg = timeline_svg(load_example(), policy=MS, as_of=AS_OF)
    first = re.search(r'<rect class="s-(\w+)"[^>]*><title>foster family non relative: '
                      r'2026-02-10[^<]*</title></rect>(<path class="p-(\w+)")?', svg)
    later = re.search(r'<rect class="s-(\w+)"[^>]*><title>foster family relative: '
                      r'2026-02-24[^<]*</title></rect>(<path class="p-(\w+)")?', svg)
    assert first is not None
    assert later is not None
    assert (first[1], first[3]) == ("foster", "foster")  # lilac, with vertical stripes
    assert (later[1], later[3]) == ("relative", None)  # green, plain
    root = ET.fromstring(svg)
    words = {_own_text(t) for t in root.iter(f"{NS}text")}
    assert {"relative foster family", "non-relative foster family"} <= words


def test_a_crowded_timeline_keeps_its_text_apart() -> None:
    """Long names, many short placements, marks on every bar and the report date on a
    month boundary: still no overlap and nothing outside the picture."""
    kinds = ("relative", "foster", "care", "trial", "home", "other")
    spans = tuple(Span(start=date(2025, 1 + n, 1), end=date(2025, 1 + n, 20 + n % 8),
                       label=f"placement number {n} with a long name", kind=kinds[n % 6])
                  for n in range(11))
    marks = tuple(Mark(on=date(2025, 1 + n, 10), label="x", kind=kind)
                  for n, kind in enumerate(("hearing", "plan", "review", "met", "due",
                                            "overdue", "upcoming", "removal", "asfa",
                                            "late", "due")))
    lanes = (TimelineLane(label="A child with a very long name indeed, longer than the column",
                          note="15 of 22: 14.5 months and a long note as well",
                          spans=spans, marks=marks),
             TimelineLane(label="B", marks=marks))
    svg = timeline(TimelinePicture(title="t", description="d", start=date(2025, 1, 1),
                                   end=date(2025, 12, 31), as_of=date(2025, 12, 1),
                                   lanes=lanes))
    assert layout_problems(svg) == []


# -- the caseload charts ----------------------------------------------------------------------


def test_the_performance_chart_fits_and_reads_on_a_phone(review: CaseloadReview) -> None:
    """performance_svg: no overlap, nothing clipped, text at least 11 CSS px at 390 px."""
    svg = performance_svg(review)
    assert layout_problems(svg) == []
    assert legible_problems(svg, shown_at=PHONE_FIGURE) == []


def test_the_caseload_report_charts_fit_and_read_on_a_phone(
        review: CaseloadReview, baseline: CaseloadReview) -> None:
    """Every chart of the caseload report (sections and the comparison) passes too."""
    view = caseload_report(review, baseline=baseline)
    assert len(view.charts) >= 2
    for chart in view.charts:
        assert layout_problems(chart) == []
        assert legible_problems(chart, shown_at=PHONE_FIGURE) == []


def test_long_labels_and_notes_in_an_interval_chart_stay_apart() -> None:
    """A label longer than a line is wrapped or shortened, never run into its note."""
    rows = [IntervalRow(label="W" * 30 + " " + "word " * 30 + "— a group", value=50.0,
                        low=10.0, high=90.0, note="1234 / 5678"),
            IntervalRow(label="short", value=None, low=None, high=None, note="0 applicable"),
            IntervalRow(label="x" * 200, value=0.0, low=0.0, high=100.0, note="")]
    svg = interval_chart(rows, title="t", description="d")
    assert layout_problems(svg) == []
    assert legible_problems(svg, shown_at=PHONE_FIGURE) == []


def test_the_checks_can_fail() -> None:
    """The layout checks see overlap, clipping and small text when there is some."""
    bad = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">'
           '<style>.a{font-size:10px}</style>'
           '<text class="a" x="10" y="20">overlapping</text>'
           '<text class="a" x="12" y="22">text</text>'
           '<circle cx="99" cy="20" r="4"/></svg>')
    problems = layout_problems(bad)
    assert any("overlaps text" in p for p in problems)
    assert any("viewBox" in p for p in problems)
    assert legible_problems(bad, shown_at=100)


def test_placement_settings_map_to_distinct_kinds() -> None:
    """Every placement setting the timeline can draw has a kind the legend names."""
    from practicemodel.report.case import placement_kind

    kinds = {setting: placement_kind(setting) for setting in PlacementSetting}
    assert kinds[PlacementSetting.FOSTER_FAMILY_RELATIVE] == "relative"
    assert kinds[PlacementSetting.FOSTER_FAMILY_NON_RELATIVE] == "foster"
    assert kinds[PlacementSetting.GROUP_HOME] == "care"
    assert kinds[PlacementSetting.TRIAL_HOME_VISIT] == "trial"
