"""The HTML case report and the timeline picture: content, self-containment, escaping."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.errors import InvalidInputError, MissingExtraError
from practicemodel.example import load_example
from practicemodel.policy import get_policy
from practicemodel.report import case_html, timeline_svg
from practicemodel.timelines import DeadlineStatus, schedule

AS_OF = date(2026, 11, 22)
MS = get_policy("MS")


class Page(HTMLParser):
    """Every start tag with its attributes, and the text, of a parsed page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


_EMPTY_ICON = ("link", [("rel", "icon"), ("href", "data:,")])
"""The one link a page has: an empty icon, so that no browser asks for /favicon.ico."""


def assert_self_contained(page: str) -> None:
    """No script, no external style sheet, image, frame or font; no attribute that names a
    URL with a scheme (http:, https:, file:, data:, javascript:...) or a network path; the
    only exception is the empty icon ``<link rel="icon" href="data:,">``, which fetches
    nothing."""
    parsed = parse(page)
    assert parsed.tags.count(_EMPTY_ICON) == 1
    tags = [tag for tag in parsed.tags if tag != _EMPTY_ICON]
    names = {tag for tag, _ in tags}
    assert names.isdisjoint({"script", "link", "img", "iframe", "object", "embed", "image",
                             "use", "base", "source", "video", "audio"})
    for tag, attributes in tags:
        for name, value in attributes:
            assert not name.startswith("on"), (tag, name)
            if value is not None:
                assert not _URL.match(value), (tag, name, value)
    assert "@import" not in page
    assert "url(" not in page
    assert "@font-face" not in page


@pytest.fixture(scope="module")
def wilson_page() -> str:
    return case_html(load_example(), policy=MS, as_of=AS_OF)


def test_the_example_renders_as_one_html_document(wilson_page: str) -> None:
    """The page is a whole document in English, with a viewport for phones and print rules."""
    assert wilson_page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in wilson_page
    assert 'name="viewport"' in wilson_page
    assert "@media print" in wilson_page
    assert wilson_page.rstrip().endswith("</html>")


def test_the_example_page_is_self_contained(wilson_page: str) -> None:
    """Nothing on the page is fetched from anywhere."""
    assert_self_contained(wilson_page)


def test_the_example_page_names_the_family_and_who_counts(wilson_page: str) -> None:
    """The children, the parents with their roles, and the foster parent no longer
    counted, with the engagement rule's reason."""
    text = " ".join(parse(wilson_page).text)
    for name in ("Ava Wilson", "Leo Wilson", "Dana Wilson", "Marcus Wilson", "Ruth Carter"):
        assert name in text
    assert "mother of Ava Wilson" in text
    assert "not counted: Not a foster parent of leo on 2026-11-22" in text


def test_the_example_page_lists_a_known_overdue_deadline(wilson_page: str) -> None:
    """Marcus Wilson's caseworker visit of March 2026 is overdue, as the schedule says."""
    overdue = [d for d in schedule(load_example(), policy=MS, as_of=AS_OF).all_deadlines()
               if d.status is DeadlineStatus.OVERDUE]
    assert any(d.subject_id == "marcus" and d.due_on == date(2026, 3, 31) for d in overdue)
    section = wilson_page.split('id="deadlines"')[1].split("<h3>Due", maxsplit=1)[0]
    assert f"Overdue ({len(overdue)})" in section
    row = re.search(r"<tr><td>2026-03-31</td><td>caseworker visit \(parent\)</td>"
                    r"<td>Marcus Wilson</td><td><span class=\"status st-overdue\">overdue",
                    section)
    assert row is not None


def test_the_example_page_shows_findings_with_their_sources(wilson_page: str) -> None:
    """Findings are grouped under the components, each with its explanation and source."""
    from practicemodel.checks import check_case
    from practicemodel.components import PracticeComponent

    finding = next(f for f in check_case(load_example(), policy=MS, as_of=AS_OF)
                   if f.rule == "engagement.actively_involved" and f.person_id == "marcus")
    text = " ".join(parse(wilson_page).text)
    assert PracticeComponent.INVOLVING_FAMILIES.label in text
    assert finding.explanation in text
    assert f"Source: {finding.source}" in text


def test_the_example_page_shows_the_15_of_22_count(wilson_page: str) -> None:
    """Each child in care has the ASFA count the schedule computed."""
    children = schedule(load_example(), policy=MS, as_of=AS_OF).children
    for child in children:
        assert child.asfa is not None
        assert f"{child.asfa.months_in_care} months counted" in wilson_page
        assert f"15 of 22: {child.asfa.months_in_care:g} months" in wilson_page


def test_the_example_page_shows_involvement_parts_and_visits(wilson_page: str) -> None:
    """The five parts of "actively involved" head a table, and the visits table has a
    column per month with an overdue month marked in words."""
    involvement = wilson_page.split('id="involvement"')[1].split('id="visits"', maxsplit=1)[0]
    for part in ("strengths and needs", "services and providers", "goals",
                 "evaluating progress", "case planning meeting"):
        assert f'<th scope="col">{part}</th>' in involvement
    visits = wilson_page.split('id="visits"')[1]
    assert '<th scope="col">2026-07</th>' in visits
    assert "caseworker visit (child): Ava Wilson" in visits
    assert '<span class="status st-overdue">overdue</span>' in visits


def test_the_page_names_an_empty_icon(wilson_page: str) -> None:
    """The head links an empty data: icon, so a browser does not ask for /favicon.ico."""
    head = wilson_page.partition("</head>")[0]
    assert '<link rel="icon" href="data:,">' in head


def test_headings_are_in_order(wilson_page: str) -> None:
    """One h1, and no heading skips a level."""
    levels = [int(tag[1]) for tag, _ in parse(wilson_page).tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_timeline_is_an_accessible_scalable_svg() -> None:
    """One <svg> with a viewBox, width 100%, role img, a title and a description."""
    svg = timeline_svg(load_example(), policy=MS, as_of=AS_OF)
    parsed = parse(svg)
    tag, attributes = parsed.tags[0]
    found = dict(attributes)
    assert tag == "svg"
    assert found["role"] == "img"
    assert found["width"] == "100%"
    assert re.fullmatch(r"0 0 \d+ \d+", found["viewbox"] or "")
    assert "height" not in found
    assert [t for t, _ in parsed.tags[1:3]] == ["title", "desc"]
    assert "Case wilson-2026-0142: timeline as of 2026-11-22" in parsed.text


def test_the_timeline_marks_deadlines_by_shape_and_words() -> None:
    """Met, due and overdue deadlines have their own shape class and say so in words."""
    svg = timeline_svg(load_example(), policy=MS, as_of=AS_OF)
    for css, words in (("m-met", "met on time"), ("m-due", "due"),
                       ("m-overdue", "overdue")):
        assert re.search(rf'class="{css}"[^>]*><title>[^<]* due: {words}', svg), css
    assert "15 of 22 months projected" in svg
    assert "Ava Wilson: 8.15 of 15 months" in svg


def test_the_timeline_of_a_case_with_no_removal() -> None:
    """A case without removals still draws (a case lane only) and stays well formed."""
    case = attrs.evolve(load_example(), removal_episodes=(), hearings=(),
                        judicial_findings=(), tpr_petitions=(), tpr_orders=(),
                        tpr_exceptions=())
    svg = timeline_svg(case, policy=MS, as_of=AS_OF)
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "no child in care" in svg


def test_bad_arguments_are_our_error() -> None:
    """A wrong kind of argument is InvalidInputError naming it."""
    with pytest.raises(InvalidInputError, match="case"):
        case_html("not a case", policy=MS, as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="policy"):
        timeline_svg(load_example(), policy="MS", as_of=AS_OF)  # type: ignore[arg-type]


def test_a_missing_jinja2_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Jinja2, case_html raises MissingExtraError with the install command."""
    from practicemodel.report import _render

    _render.environment.cache_clear()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    try:
        with pytest.raises(MissingExtraError, match=r'pip install "practicemodel\[report\]"'):
            case_html(load_example(), policy=MS, as_of=AS_OF)
    finally:
        _render.environment.cache_clear()


def test_import_practicemodel_does_not_import_jinja2() -> None:
    """The report extra is loaded only when a report is made."""
    code = ("import sys, practicemodel, practicemodel.report; "
            "print('jinja2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


# -- escaping ---------------------------------------------------------------------------

PAYLOADS = ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "&amp; & 'q' \"Q\"",
            "</style><b>bold</b>", "<!-- c --><svg onload=alert(1)>", "{{ 7*7 }}{% if %}")


def _marked(value: Any, suffix: str) -> Any:
    """``value`` with ``suffix`` added to every plain string it holds (ids too, the same way
    everywhere, so references still resolve)."""
    if type(value) is str:
        return value + suffix
    if isinstance(value, tuple):
        return tuple(_marked(v, suffix) for v in value)
    if attrs.has(type(value)):
        changes = {(f.alias or f.name): _marked(getattr(value, f.name), suffix)
                   for f in attrs.fields(type(value)) if f.init}
        return attrs.evolve(value, **changes)
    return value


@pytest.fixture(scope="module")
def template_tags(wilson_page: str) -> set[tuple[str, frozenset[str]]]:
    return {(tag, frozenset(name for name, _ in attributes))
            for tag, attributes in parse(wilson_page).tags}


@settings(max_examples=5)
@example(payload=PAYLOADS[0])
@example(payload=PAYLOADS[1])
@given(payload=st.sampled_from(PAYLOADS) | st.text(
    alphabet=st.sampled_from('<>&"\'=/ abc!-{}%'), min_size=1, max_size=12))
def test_markup_in_a_record_is_never_markup_on_the_page(
        payload: str, template_tags: set[tuple[str, frozenset[str]]]) -> None:
    """Markup put into every text of a case (names, ids, notes, statements, services...)
    comes out as text: no element or attribute the template does not make, and the text
    reads back as recorded."""
    case: Case = _marked(load_example(), payload)
    assert case.people[0].name.endswith(payload)
    page = case_html(case, policy=MS, as_of=AS_OF)
    parsed = parse(page)
    tags = {(tag, frozenset(name for name, _ in attributes))
            for tag, attributes in parsed.tags}
    assert tags <= template_tags
    assert_self_contained(page)
    text = "".join(parsed.text)
    assert f"Case report: {case.id}" in text
    assert case.people[0].name in text
    if "<" in payload:
        assert payload not in page


def test_markup_in_the_timeline_is_escaped() -> None:
    """The timeline picture escapes names and ids too."""
    case: Case = _marked(load_example(), PAYLOADS[1])
    svg = timeline_svg(case, policy=MS, as_of=AS_OF)
    assert PAYLOADS[1] not in svg
    parsed = parse(svg)
    assert {tag for tag, _ in parsed.tags} <= {"svg", "title", "desc", "style", "line", "text",
                                               "rect", "path", "circle", "g"}
    assert case.people[2].name in "".join(parsed.text)


# -- the ASFA count is named from the policy ----------------------------------------------


def test_the_asfa_count_is_named_from_the_policy() -> None:
    """A profile counting 12 of 24 months is reported as such: on the children's cards, on
    the lane notes, the star's label, the legend and the picture's description; no fixed
    "15 of 22" and no "of 15 months" is left."""
    from practicemodel.report.case import asfa_label

    other = attrs.evolve(MS, asfa_months_in_care=12, asfa_window_months=24)
    assert asfa_label(MS) == "ASFA 15 of 22"
    assert asfa_label(other) == "ASFA 12 of 24"
    case = load_example()
    children = schedule(case, policy=other, as_of=AS_OF).children
    page = case_html(case, policy=other, as_of=AS_OF)
    svg = timeline_svg(case, policy=other, as_of=AS_OF)
    assert "<strong>ASFA 12 of 24:</strong>" in page
    for child in children:
        assert child.asfa is not None
        assert f"12 of 24: {child.asfa.months_in_care:g} months" in svg
    assert "ASFA 12 of 24 reached / projected" in svg
    assert re.search(r"<desc [^>]*>[^<]*ASFA 12 of 24: [^<]*of 12 months", svg)
    for text in (page, svg):
        assert "15 of 22" not in text
        assert "of 15 months" not in text
    assert "ASFA 15 of 22 reached / projected" in timeline_svg(case, policy=MS, as_of=AS_OF)


# -- deadlines met late --------------------------------------------------------------------


def _met_late_plan() -> tuple[Case, Any]:
    """The Wilson case and its MS schedule with Ava's first met deadline made met late (the
    example has none), a month after its date."""
    from datetime import timedelta

    case = load_example()
    plan = schedule(case, policy=MS, as_of=AS_OF)
    child = plan.children[0]
    index, met = next((n, d) for n, d in enumerate(child.deadlines)
                      if d.status is DeadlineStatus.MET_ON_TIME and d.due_on is not None)
    assert met.due_on is not None
    late = attrs.evolve(met, status=DeadlineStatus.MET_LATE,
                        met_on=met.due_on + timedelta(days=30))
    deadlines = (*child.deadlines[:index], late, *child.deadlines[index + 1:])
    children = (attrs.evolve(child, deadlines=deadlines), *plan.children[1:])
    return case, attrs.evolve(plan, children=children)


def test_a_deadline_met_late_has_its_own_mark_and_legend() -> None:
    """A deadline met late is a dot in a ring, not the filled circle of one met on time,
    says "met late" with the day it was met, and the legend names the shape."""
    from practicemodel.report.case import timeline_picture
    from practicemodel.report.svg import timeline

    case, plan = _met_late_plan()
    picture = timeline_picture(case, policy=MS, as_of=AS_OF, plan=plan)
    kinds = [m.kind for lane in picture.lanes for m in lane.marks]
    assert kinds.count("late") == 1
    svg = timeline(picture)
    assert re.search(r'<g><title>[^<]* due: met late \(\d{4}-\d\d-\d\d\)</title>'
                     r'<circle class="m-late" ', svg)
    assert re.search(r'<g><title>met late</title><circle class="m-late" ', svg)  # legend
    assert "met late" in picture.description
    assert svg.count('class="m-late"') == 2  # the deadline and the legend
    plain = timeline(timeline_picture(case, policy=MS, as_of=AS_OF))
    assert plain.count('class="m-late"') == 1  # the legend only: Wilson has none late


def test_a_deadline_met_late_is_listed_with_its_own_label(
        monkeypatch: pytest.MonkeyPatch, wilson_page: str) -> None:
    """The case report lists deadlines met late in their own table, labelled "met late"
    with its own status class, and counts them in the summary."""
    from practicemodel import timelines
    from practicemodel.report.case import case_report

    case, plan = _met_late_plan()
    view = case_report(case, policy=MS, as_of=AS_OF, plan=plan)
    assert [row.status_words for row in view.met_late] == ["met late"]
    assert view.met == sum(1 for d in plan.all_deadlines() if d.is_met)
    monkeypatch.setattr(timelines, "schedule", lambda *args, **kwargs: plan)
    page = case_html(case, policy=MS, as_of=AS_OF)
    section = page.split("<h3>Met late (1)</h3>")[1].split("</table>")[0]
    assert '<span class="status st-met_late">met late</span>' in section
    assert "1 of them met late" in page
    assert ".st-met_late::before" in page
    assert "<h3>Met late (0)</h3>" in wilson_page
    assert "No deadline was met late." in wilson_page


# -- print ----------------------------------------------------------------------------------


def test_the_facts_of_a_finding_are_printed_unfolded(wilson_page: str) -> None:
    """Each finding's facts are folded in a <details> on screen and, besides, in a block
    shown only in print, outside any <details>: a closed <details> does not print its
    content whatever the style sheet says."""
    from markupsafe import escape

    from practicemodel.checks import check_case

    finding = next(f for f in check_case(load_example(), policy=MS, as_of=AS_OF)
                   if f.facts)
    label, text = finding.facts[0].label, finding.facts[0].text
    fact = f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>"
    printed = re.findall(r'<div class="print-only">(.*?)</div>', wilson_page, re.DOTALL)
    assert printed
    assert all("<details" not in block for block in printed)
    assert any(fact in block for block in printed)
    assert fact in "".join(re.findall(r'<details class="screen-only">(.*?)</details>',
                                      wilson_page, re.DOTALL))
    css = wilson_page.split("@media print")[1]
    assert ".print-only { display: block; }" in css
    assert "details.screen-only { display: none; }" in css
    assert ".print-only { display: none; }" in wilson_page.split("@media", maxsplit=1)[0]
