"""Pure-Python SVG pictures for the reports: the case timeline and interval charts.

Each function takes a plain view model (see ``practicemodel.report.case`` and
``practicemodel.report.caseload``) and returns one ``<svg>`` element as text. Every piece of
text from a record (names, ids, labels) goes through :func:`html.escape`, so nothing a record
holds is ever read as markup. The pictures have a ``viewBox`` and no fixed size: they scale to
the width of their container. Each has ``role="img"``, a ``<title>`` and a ``<desc>``, and
never uses colour alone: deadlines met on time, met late, due and overdue also differ in
shape (a filled circle, a dot in a ring, a hollow circle, a cross) and in their ``<title>``
tooltip, and placement kinds also differ in pattern (stripes, lines, a dashed outline) and
are named in the legend. No text is drawn over another text or a mark, and the ``viewBox``
holds everything drawn (``tests/test_report_svg.py`` checks both).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

import attrs

__all__ = [
    "IntervalRow",
    "Mark",
    "Span",
    "TimelineLane",
    "TimelinePicture",
    "interval_chart",
    "timeline",
]

_FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
_EM = 0.6
"""The width of one character, in em, used to keep texts apart (a generous estimate for
the sans-serif fonts of the font stack)."""
_WIDTH = 960
"""The timeline's width before its right margin (the viewBox grows to fit what is drawn)."""
_LABEL = 180
"""Width of the lane labels on the left."""
_RIGHT = 16
_LANE = 36
"""Height of a lane without bars."""
_BAR_LANE = 50
"""Height of a lane with bars: the bars and marks, then a row for the placements' names."""
_TOP = 28
"""Where the first lane starts: the month labels are above."""
_TEXT, _NOTE = 13, 11
"""Font sizes of the lane names and of every other text of the timeline."""


def _width(text: str, size: float) -> float:
    """The estimated width of ``text`` at font size ``size``."""
    return _EM * size * len(text)


def _fit(text: str, room: float, size: float) -> str:
    """``text`` cut (with "…") to what fits in ``room`` at font size ``size``; ``""`` when
    not even a few characters fit."""
    chars = int(room // (_EM * size))
    if len(text) <= chars:
        return text
    return text[:chars - 1].rstrip() + "…" if chars >= 5 else ""


def _text(css: str, x: float, y: float, text: str, *, full: str | None = None,
          anchor: str = "start") -> str:
    """A ``<text>``; when ``text`` was shortened, the whole of ``full`` as its tooltip."""
    tip = f"<title>{_e(full)}</title>" if full is not None and full != text else ""
    where = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}"{where}>{_e(text)}{tip}</text>'


def _e(text: object) -> str:
    """Escape text for SVG content and attribute values (quotes too)."""
    return escape(str(text), quote=True)


@attrs.frozen(kw_only=True)
class Span:
    """A bar on a lane: a removal episode's placement, from ``start`` to ``end``."""

    start: date
    """First day."""
    end: date
    """Last day shown (the exit, or the report date for a placement still going)."""
    label: str
    """What it is, in words (its tooltip and, when it fits, the line under the bar)."""
    kind: str
    """Its style: ``"relative"`` (a relative's foster home: plain green), ``"foster"`` (a
    non-relative foster family or pre-adoptive home: lilac, vertical stripes), ``"care"``
    (group home, institution, supervised independent living: blue, two lines), ``"trial"``
    (a trial home visit or runaway: orange, dashed outline); anything else is grey."""


@attrs.frozen(kw_only=True)
class Mark:
    """A point event on a lane: a hearing, a plan, a staffing, a deadline."""

    on: date
    """Its date."""
    label: str
    """What it is, in words (its tooltip)."""
    kind: str
    """Its shape: ``"hearing"`` (triangle), ``"plan"`` (diamond), ``"review"`` (square),
    ``"met"`` (filled circle: met on time), ``"late"`` (a dot in a ring: met late),
    ``"due"`` (hollow circle), ``"overdue"`` (cross), ``"upcoming"`` (small hollow circle),
    ``"removal"`` (bar), ``"asfa"`` (star)."""


@attrs.frozen(kw_only=True)
class TimelineLane:
    """One row of the timeline: the case, a child or a parent."""

    label: str
    """Its name (e.g. ``"Ava Wilson"``)."""
    note: str = ""
    """A second line under the name (e.g. ``"15 of 22: 8.1 months"``, the numbers from
    the policy profile)."""
    spans: tuple[Span, ...] = ()
    """Its bars."""
    marks: tuple[Mark, ...] = ()
    """Its point events."""


@attrs.frozen(kw_only=True)
class TimelinePicture:
    """What the timeline shows: lanes between two dates, and the report date."""

    title: str
    """The picture's title (its ``<title>``)."""
    description: str
    """A one-paragraph text alternative (its ``<desc>``)."""
    start: date
    """The first day shown."""
    end: date
    """The last day shown."""
    as_of: date
    """The report date (a vertical line)."""
    lanes: tuple[TimelineLane, ...]
    """The rows, top to bottom."""
    asfa_label: str = "ASFA"
    """The name of the ASFA count, as the legend names the ``"asfa"`` mark (``"ASFA 15 of
    22"`` from the policy profile, see
    [`asfa_label`][practicemodel.report.case.asfa_label])."""


def _months(start: date, end: date) -> list[date]:
    firsts: list[date] = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        firsts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return firsts


def _shape(kind: str, x: float, y: float, tip: str) -> str:
    """One mark: its shape by kind, with its tooltip as a ``<title>``."""
    title = f"<title>{_e(tip)}</title>"
    if kind == "hearing":
        return (f'<path class="m-hearing" d="M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y + 6:.1f}'
                f'L{x - 7:.1f} {y + 6:.1f}Z">{title}</path>')
    if kind == "plan":
        return (f'<path class="m-plan" d="M{x:.1f} {y - 8:.1f}L{x + 7:.1f} {y:.1f}'
                f'L{x:.1f} {y + 8:.1f}L{x - 7:.1f} {y:.1f}Z">{title}</path>')
    if kind == "review":
        return (f'<rect class="m-review" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" '
                f'height="10">{title}</rect>')
    if kind == "overdue":
        return (f'<path class="m-overdue" d="M{x - 6:.1f} {y - 6:.1f}L{x + 6:.1f} {y + 6:.1f}'
                f'M{x + 6:.1f} {y - 6:.1f}L{x - 6:.1f} {y + 6:.1f}">{title}</path>')
    if kind == "asfa":
        return (f'<path class="m-asfa" d="M{x:.1f} {y - 9:.1f}L{x + 3:.1f} {y - 3:.1f}'
                f'L{x + 9:.1f} {y - 3:.1f}L{x + 4:.1f} {y + 2:.1f}L{x + 6:.1f} {y + 9:.1f}'
                f'L{x:.1f} {y + 5:.1f}L{x - 6:.1f} {y + 9:.1f}L{x - 4:.1f} {y + 2:.1f}'
                f'L{x - 9:.1f} {y - 3:.1f}L{x - 3:.1f} {y - 3:.1f}Z">{title}</path>')
    if kind == "removal":
        return (f'<rect class="m-removal" x="{x - 2:.1f}" y="{y - 12:.1f}" width="4" '
                f'height="24">{title}</rect>')
    if kind == "late":  # met late: a dot in a ring (met on time is a plain filled circle)
        return (f'<g>{title}<circle class="m-late" cx="{x:.1f}" cy="{y:.1f}" r="5.5"/>'
                f'<circle class="m-late-dot" cx="{x:.1f}" cy="{y:.1f}" r="2.2"/></g>')
    radius = {"met": 4.5, "due": 5.5, "upcoming": 4.0}.get(kind, 4.0)
    css = {"met": "m-met", "due": "m-due", "upcoming": "m-upcoming"}.get(kind, "m-other")
    return (f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{radius}">{title}'
            "</circle>")


_STYLE = (
    "<style>"
    ".t-grid{stroke:#d0d4da;stroke-width:1}"
    ".t-text{fill:#1f2933;font-size:13px}"
    ".t-note{fill:#52606d;font-size:11px}"
    ".t-axis{fill:#52606d;font-size:11px}"
    ".t-asof{stroke:#1f2933;stroke-width:2;stroke-dasharray:5 3}"
    ".t-asof-text{fill:#1f2933;font-size:11px;font-weight:600}"
    ".s-relative{fill:#a1d99b}.s-foster{fill:#dadaeb}.s-care{fill:#9ecae1}"
    ".s-trial{fill:#fdd49e;stroke:#a63603;stroke-width:1.5;stroke-dasharray:4 2}"
    ".s-other{fill:#d9d9d9}"
    ".s-relative,.s-foster,.s-care,.s-other{stroke:#52606d;stroke-width:0.75}"
    ".p-foster{stroke:#54278f;stroke-width:1.2}.p-care{stroke:#08519c;stroke-width:1.2}"
    ".s-label{fill:#1f2933;font-size:11px}"
    ".m-hearing{fill:#6a51a3}.m-plan{fill:#3182bd}.m-review{fill:#756bb1}"
    ".m-met{fill:#238b45}.m-due{fill:#fff;stroke:#d95f0e;stroke-width:2.5}"
    ".m-late{fill:#fff;stroke:#8c510a;stroke-width:2}.m-late-dot{fill:#8c510a}"
    ".m-upcoming{fill:#fff;stroke:#7b8794;stroke-width:1.5}"
    ".m-overdue{stroke:#c51b1b;stroke-width:3;fill:none}"
    ".m-asfa{fill:#fdae6b;stroke:#7f2704;stroke-width:1}.m-other{fill:#7b8794}"
    ".m-removal{fill:#7f2704}"
    "</style>"
)
_SPAN_KINDS = ("relative", "foster", "care", "trial")
_MARK_REACH = 9.5
"""How far a mark reaches from its centre (the star), stroke included."""
_MARK_LEGEND = (("met", "met on time"), ("late", "met late"), ("due", "due soon"),
                ("overdue", "overdue"), ("upcoming", "upcoming"), ("hearing", "hearing"),
                ("plan", "case plan"), ("review", "staffing"), ("removal", "removal"))
"""The legend's marks in words; the ASFA star is added with the picture's own label."""
_SPAN_LEGEND = (("relative", "relative foster family"),
                ("foster", "non-relative foster family"),
                ("care", "group home or institution"),
                ("trial", "trial home visit or runaway"))


def _bar(kind: str, x: float, y: float, width: float, height: float, tip: str) -> str:
    """A placement bar: its fill by kind, and a pattern drawn on it (vertical stripes for a
    non-relative foster family, two lines for group care), so kinds differ in more than
    colour; ``tip`` is its tooltip."""
    css = kind if kind in _SPAN_KINDS else "other"
    parts = [f'<rect class="s-{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
             f'height="{height:.1f}" rx="2"><title>{_e(tip)}</title></rect>']
    if css == "foster":
        stripes = [f"M{sx:.1f} {y + 1.5:.1f}L{sx:.1f} {y + height - 1.5:.1f}"
                   for n in range(int(width // 5))
                   if (sx := x + 2.5 + 5 * n) <= x + width - 1.5]
        if not stripes:
            stripes = [f"M{x + width / 2:.1f} {y + 1.5:.1f}L{x + width / 2:.1f} "
                       f"{y + height - 1.5:.1f}"]
        parts.append(f'<path class="p-foster" d="{"".join(stripes)}"/>')
    elif css == "care" and width > 3:
        lines = "".join(f"M{x + 1:.1f} {ly:.1f}L{x + width - 1:.1f} {ly:.1f}"
                        for ly in (y + height / 3, y + 2 * height / 3))
        parts.append(f'<path class="p-care" d="{lines}"/>')
    return "".join(parts)


def _legend(top: float, width: float, asfa_label: str) -> tuple[list[str], float]:
    """The legend, flowed into lines across ``width``: every mark and bar kind, in words
    (the ASFA star as ``asfa_label`` names it). Returns its parts and the y of its bottom."""
    parts: list[str] = []
    x, line = 12.0, 0
    entries = [(kind, words, False) for kind, words in _SPAN_LEGEND]
    entries += [(kind, words, True) for kind, words in _MARK_LEGEND]
    entries.append(("asfa", f"{asfa_label} reached / projected", True))
    for kind, words, is_mark in entries:
        need = 24 + _width(words, _NOTE)
        if x > 12 and x + need > width - 12:
            x, line = 12.0, line + 1
        y = top + 10 + 22 * line
        if is_mark:
            parts.append(_shape(kind, x + 9, y, words))
        else:
            parts.append(_bar(kind, x, y - 7, 18, 14, words))
        parts.append(_text("t-note", x + 24, y + 4, words))
        x += need + 16
    return parts, top + 22 * (line + 1) + 4


def timeline(picture: TimelinePicture, *, uid: str = "pm-timeline") -> str:
    """Draw a timeline: one lane per row, month ticks, bars and marks, the report date.

    The result is an ``<svg>`` element with a ``viewBox``, ``role="img"``, a ``<title>``
    and a ``<desc>``; it scales to its container's width. Every text has its own place:
    the month labels above the lanes, each placement's name on a row under its bar (cut
    short, with the whole name as its tooltip, when the bar is short), the report date
    under the lanes and a legend at the bottom naming every shape and bar kind in words;
    the ``viewBox`` is as wide as what is drawn, plus a margin. ``uid`` prefixes the ids
    of the title and description (give each picture of one page its own).
    """
    start, end = picture.start, max(picture.end, picture.start)
    days = max((end - start).days, 1)
    plot = _WIDTH - _LABEL - _RIGHT

    def x_of(day: date) -> float:
        clipped = min(max(day, start), end)
        return _LABEL + plot * (clipped - start).days / days

    right = float(_WIDTH - _RIGHT)
    body: list[str] = []
    tops: list[float] = []
    y = float(_TOP)
    for lane in picture.lanes:
        tops.append(y)
        y += _BAR_LANE if lane.spans else _LANE
    lanes_bottom = y
    months = _months(start, end)
    step = max(1, -(-len(months) // 12))  # at most about 12 labels
    for index, first in enumerate(months):
        if first < start:
            continue
        x = x_of(first)
        body.append(f'<line class="t-grid" x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" '
                    f'y2="{lanes_bottom:.1f}"/>')
        if index % step == 0:
            label = f"{first:%Y-%m}"
            body.append(_text("t-axis", x + 2, _TOP - 10, label))
            right = max(right, x + 2 + _width(label, _NOTE))
    for lane, top in zip(picture.lanes, tops, strict=True):
        middle = top + 16 if lane.spans else top + _LANE / 2
        name = _fit(lane.label, _LABEL - 12, _TEXT) or lane.label[:4] + "…"
        body.append(_text("t-text", 4, middle - 2 if lane.note else middle + 4, name,
                          full=lane.label))
        if lane.note:
            note = _fit(lane.note, _LABEL - 12, _NOTE) or lane.note[:4] + "…"
            body.append(_text("t-note", 4, middle + 12, note, full=lane.note))
        written = -1e9  # where the last placement name ends
        for span in sorted(lane.spans, key=lambda s: s.start):
            x1, x2 = x_of(span.start), x_of(span.end)
            tip = f"{span.label}: {span.start.isoformat()} to {span.end.isoformat()}"
            body.append(_bar(span.kind, x1, middle - 9, max(x2 - x1, 1.5), 18, tip))
            at = max(x1, written + 8)
            label = _fit(span.label, x2 - at, _NOTE)
            if label:
                body.append(_text("s-label", at, top + 43, label, full=span.label))
                written = at + _width(label, _NOTE)
        for mark in sorted(lane.marks, key=lambda m: m.on):
            if start <= mark.on <= end:
                x = x_of(mark.on)
                body.append(_shape(mark.kind, x, middle, f"{mark.on.isoformat()}: {mark.label}"))
                right = max(right, x + _MARK_REACH)
    x = x_of(picture.as_of)
    asof_y = lanes_bottom + 16
    body.append(f'<line class="t-asof" x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" '
                f'y2="{asof_y - 11:.1f}"><title>as of {picture.as_of.isoformat()}</title>'
                "</line>")
    words = f"as of {picture.as_of.isoformat()}"
    half = _width(words, _NOTE) / 2
    centre = min(max(x, _LABEL + half), right - half)
    body.append(_text("t-asof-text", centre, asof_y, words, anchor="middle"))
    width = int(right + 12)
    legend, bottom = _legend(asof_y + 10, width, picture.asfa_label)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {int(bottom + 6)}" '
        f'width="100%" role="img" aria-labelledby="{uid}-t {uid}-d" class="pm-timeline" '
        f'preserveAspectRatio="xMinYMin meet" {_FONT}>',
        f'<title id="{uid}-t">{_e(picture.title)}</title>',
        f'<desc id="{uid}-d">{_e(picture.description)}</desc>',
        _STYLE, *body, *legend, "</svg>",
    ]
    return "".join(parts)


def _shorten(label: str, size: int) -> str:
    """``label`` cut to ``size`` characters, keeping a trailing ``" — group"`` whole."""
    if len(label) <= size:
        return label
    head, dash, tail = label.rpartition(" — ")
    if dash and len(tail) < size - 8:
        return head[:size - len(tail) - 4] + "…" + dash + tail
    return label[:size - 1] + "…"


@attrs.frozen(kw_only=True)
class IntervalRow:
    """One bar of an interval chart: a rate and its confidence interval, in percent."""

    label: str
    """What is measured (e.g. an item and a group)."""
    value: float | None
    """The rate, 0 to 100 (``None`` when nothing applied)."""
    low: float | None
    """The interval's lower end, 0 to 100."""
    high: float | None
    """The interval's upper end, 0 to 100."""
    note: str = ""
    """Shown at the right end (e.g. ``"12 / 20"``)."""


def _wrap(text: str, first: int, rest: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines, the first of at most ``first`` characters, the
    others of at most ``rest``, broken between words; what does not fit is shortened."""
    out: list[str] = []
    # A dash stays with the word after it: "... with parents" / "— Central".
    words = [w.replace("\u00a0", " ") for w in text.replace(" — ", " —\u00a0").split(" ")
             if w]
    while words and len(out) < lines:
        size = max(first if not out else rest, 4)
        if len(out) == lines - 1:
            out.append(_shorten(" ".join(words), size))
            break
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= size:
            line += " " + words.pop(0)
        if len(line) > size:  # one word longer than a line
            words.insert(0, line[size - 1:])
            line = line[:size - 1] + "-"
        out.append(line)
    return out or [""]


_CHART_WIDTH = 400
"""The interval charts' width in user units. With the sizes below, text is at least about
11 CSS px when a chart is shown 370 px wide (a 390 px phone), and the page's stylesheet
keeps a chart at most 30rem wide on a larger screen."""
_CHART_TEXT, _CHART_NOTE = 13, 12
"""Font sizes of the labels and of the notes, ticks and n/a."""


def interval_chart(rows: Sequence[IntervalRow], *, title: str, description: str,
                   axis: str = "percent of applicable cases rated a strength",
                   lower: float = 0.0, upper: float = 100.0, uid: str = "pm-intervals") -> str:
    """Draw points with interval bars on a ``lower``–``upper`` axis, one row per item.

    Each row is the label (wrapped to two lines, shortened beyond; the whole label is its
    tooltip) with the note at the right, then the point and its interval bar below, on the
    full width, so the chart stays readable when it is scaled down to a phone's width. A
    row without a value is written "n/a" instead of a point. The result is an ``<svg>``
    element with a ``viewBox``, ``role="img"``, a ``<title>`` and a ``<desc>``; ``uid``
    prefixes their ids (give each chart of one page its own).
    """
    width, left, right, top = _CHART_WIDTH, 12, 12, 6
    plot = width - left - right
    span = (upper - lower) or 1.0
    text_chars = int(plot // (_EM * _CHART_TEXT))
    note_chars = int(plot // (_EM * _CHART_NOTE))

    def x_of(value: float) -> float:
        return left + plot * (min(max(value, lower), upper) - lower) / span

    body: list[str] = []
    y = float(top)
    for row in rows:
        note = _shorten(row.note, note_chars // 2) if row.note else ""
        room = plot - (_width(note, _CHART_NOTE) + 10 if note else 0)
        lines = _wrap(row.label, int(room // (_EM * _CHART_TEXT)), text_chars, 2)
        for number, line in enumerate(lines):
            tip = f"<title>{_e(row.label)}</title>" if number == 0 else ""
            body.append(f'<text class="i-text" x="{left}" y="{y + 14 + 16 * number:.1f}">'
                        f"{_e(line)}{tip}</text>")
        if note:
            body.append(f'<text class="i-note" x="{width - right}" y="{y + 14:.1f}" '
                        f'text-anchor="end">{_e(note)}</text>')
        middle = y + 14 + 16 * (len(lines) - 1) + 15
        y = middle + 13
        if row.value is None:
            body.append(f'<text class="i-na" x="{left}" y="{middle + 4:.1f}">n/a: '
                        "no applicable cases</text>")
            continue
        low = row.value if row.low is None else row.low
        high = row.value if row.high is None else row.high
        tip = (f"{row.label}: {row.value:.1f}% (interval {low:.1f}% to {high:.1f}%)"
               + (f", {row.note}" if row.note else ""))
        body.append(f'<g><title>{_e(tip)}</title>'
                    f'<line class="i-bar" x1="{x_of(low):.1f}" y1="{middle:.1f}" '
                    f'x2="{x_of(high):.1f}" y2="{middle:.1f}"/>'
                    f'<circle class="i-point" cx="{x_of(row.value):.1f}" cy="{middle:.1f}" '
                    'r="6"/></g>')
    bottom = y
    grid: list[str] = []
    for tick in range(11):
        value = lower + span * tick / 10
        x = x_of(value)
        css = "i-zero" if value == 0 and lower < 0 else "i-grid"
        grid.append(f'<line class="{css}" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" '
                    f'y2="{bottom:.1f}"/>')
        if tick % 2 == 0:
            anchor = "start" if tick == 0 else "end" if tick == 10 else "middle"
            grid.append(f'<text class="i-note" x="{x:.1f}" y="{bottom + 15:.1f}" '
                        f'text-anchor="{anchor}">{value:g}%</text>')
    axis_lines = _wrap(axis, note_chars, note_chars, 2)
    for number, line in enumerate(axis_lines):
        grid.append(f'<text class="i-note" x="{left + plot / 2:.1f}" '
                    f'y="{bottom + 33 + 15 * number:.1f}" text-anchor="middle">'
                    f"{_e(line)}</text>")
    height = int(bottom + 33 + 15 * (len(axis_lines) - 1) + 8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{uid}-t {uid}-d" class="pm-intervals" '
        f'preserveAspectRatio="xMinYMin meet" {_FONT}>',
        f'<title id="{uid}-t">{_e(title)}</title>',
        f'<desc id="{uid}-d">{_e(description)}</desc>',
        "<style>.i-grid{stroke:#d0d4da}.i-zero{stroke:#7b8794}"
        f".i-text{{fill:#1f2933;font-size:{_CHART_TEXT}px;paint-order:stroke;stroke:#fff;"
        "stroke-width:4px;stroke-linejoin:round}"
        f".i-note{{fill:#52606d;font-size:{_CHART_NOTE}px;paint-order:stroke;stroke:#fff;"
        "stroke-width:4px}"
        ".i-bar{stroke:#3182bd;stroke-width:4}"
        f".i-point{{fill:#08519c}}.i-na{{fill:#52606d;font-size:{_CHART_NOTE}px;"
        "font-style:italic}</style>",
        *grid, *body, "</svg>",
    ]
    return "".join(parts)
