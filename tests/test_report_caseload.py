"""The HTML caseload report and the item-performance chart."""

from __future__ import annotations

import re
import time
from datetime import date

import attrs
import pytest

from practicemodel.caseload import CaseloadReview, compare_caseloads, review_cases
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.policy import get_policy
from practicemodel.report import caseload_html, performance_svg
from practicemodel.review import get_instrument
from practicemodel.sampling import stratified_sample
from practicemodel.statistics import compare_proportions
from practicemodel.synthetic import generate_cases
from test_report_case import assert_self_contained, parse

AS_OF = date(2026, 11, 22)
MS = get_policy("MS")
N = 300
"""Cases in the test's synthetic review (1,000 was measured by hand; see the report)."""


@pytest.fixture(scope="module")
def population() -> tuple[object, ...]:
    return tuple(generate_cases(N, seed=11))


@pytest.fixture(scope="module")
def follow_up(population: tuple[object, ...]) -> CaseloadReview:
    return review_cases(population, policy=MS, as_of=AS_OF, by=("region",))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def baseline() -> CaseloadReview:
    return review_cases(generate_cases(80, seed=12), policy=MS, as_of=AS_OF, by=("region",))


def test_a_synthetic_review_renders_self_contained(follow_up: CaseloadReview,
                                                   population: tuple[object, ...]) -> None:
    """A synthetic review with a baseline, a sample design and skipped records renders as
    one self-contained page, quickly."""
    _, design = stratified_sample(population, strata=("region", "case_type"), seed=3,
                                  proportional_total=50)
    started = time.perf_counter()
    page = caseload_html(follow_up, baseline=follow_up, sample=design,
                         skipped=[f"cases.jsonl:{n}: not valid JSON" for n in range(80)])
    assert time.perf_counter() - started < 5
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert_self_contained(page)
    text = " ".join(parse(page).text)
    assert f"{N}" in text
    assert "Practice model case review" in text
    assert "Sample design" in text
    assert "seed 3" in text
    assert "cases.jsonl:49: not valid JSON" in text
    assert "cases.jsonl:50:" not in text
    assert "… and 30 more." in text


def test_items_are_grouped_by_component_with_their_numbers(follow_up: CaseloadReview) -> None:
    """Each practice-model component has a chart and a table; an item's counts and
    interval are the review's."""
    from practicemodel.components import PracticeComponent

    page = caseload_html(follow_up)
    row = next(g for g in follow_up.table
               if g.item == "visits_with_child" and g.applicable)
    assert row.performance.estimate is not None
    section = page.split(f'id="s-{PracticeComponent.SAFETY_AND_RISK.value}"')[1]
    section = section.split("</section>")[0]
    assert section.count('role="img"') == 1
    expected = (f"<td>{row.group[0]}</td><td class=\"num\">{row.strengths}</td>"
                f"<td class=\"num\">{row.areas_needing_improvement}</td>"
                f"<td class=\"num\">{row.not_applicable}</td>"
                f"<td class=\"num\">{100 * row.performance.estimate:.1f}%</td>"
                f"<td>{100 * row.performance.low:.1f}% to {100 * row.performance.high:.1f}%")
    assert expected in section


def test_the_comparison_is_compare_proportions(follow_up: CaseloadReview,
                                               baseline: CaseloadReview) -> None:
    """Each item and group is compared with compare_proportions' answer, and the page
    shows the difference and its interval."""
    results = compare_caseloads(baseline, follow_up)
    assert {(g.item, g.group) for g in results} == (
        {(g.item, g.group) for g in follow_up.table} | {(g.item, g.group) for g in baseline.table})
    first = next(g for g in results if g.comparison.difference is not None)
    assert first.comparison == compare_proportions(
        first.baseline.strengths, first.baseline.applicable,
        first.follow_up.strengths, first.follow_up.applicable)
    page = caseload_html(follow_up, baseline=baseline)
    assert 'id="comparison"' in page
    c = first.comparison
    assert c.difference is not None
    assert c.low is not None
    assert c.high is not None
    assert (f"{100 * c.difference:+.1f} points</td><td>{100 * c.low:+.1f} to "
            f"{100 * c.high:+.1f}</td>") in page
    assert "Follow-up minus baseline" in page


def test_a_missing_side_has_zero_counts(follow_up: CaseloadReview) -> None:
    """A group only one review has is compared with zero counts and no difference."""
    only = attrs.evolve(follow_up, table=follow_up.table[:1])
    results = compare_caseloads(only, attrs.evolve(follow_up, table=()))
    assert len(results) == 1
    assert results[0].follow_up.applicable == 0
    assert results[0].comparison.difference is None


def test_the_cfsr_instrument_is_grouped_by_outcome() -> None:
    """With the CFSR instrument, sections are the outcomes, each with its own row."""
    review = review_cases(generate_cases(40, seed=5), policy=MS, as_of=AS_OF,
                          instrument=get_instrument("cfsr"))
    page = caseload_html(review)
    assert "Item performance by CFSR outcome" in page
    assert 'id="s-safety_1"' in page
    assert "Safety 1: outcome substantially achieved" in page
    assert "Timeliness of initiating investigations of reports" in page


def test_the_performance_chart_is_an_accessible_interval_chart(
        follow_up: CaseloadReview) -> None:
    """One row per item and group: a point and an interval bar on a 0–100 % axis."""
    svg = performance_svg(follow_up)
    parsed = parse(svg)
    tag, attributes = parsed.tags[0]
    found = dict(attributes)
    assert tag == "svg"
    assert found["role"] == "img"
    assert found["width"] == "100%"
    assert "viewbox" in found
    assert svg.count('class="i-point"') == sum(1 for g in follow_up.table if g.applicable)
    assert svg.count("n/a: no applicable cases") == sum(
        1 for g in follow_up.table if not g.applicable)
    assert "0%" in parsed.text
    assert "100%" in parsed.text
    only = performance_svg(follow_up, items=["visits_with_child"], title="Visits")
    assert only.count("<circle") == sum(1 for g in follow_up.table
                                        if g.item == "visits_with_child" and g.applicable)
    assert "<title id=\"pm-intervals-t\">Visits</title>" in only


def test_markup_in_groups_and_skipped_messages_is_escaped(follow_up: CaseloadReview) -> None:
    """Group values and skipped-record messages come from records: they stay text."""
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    table = tuple(attrs.evolve(g, group=(evil,)) for g in follow_up.table)
    review = attrs.evolve(follow_up, table=table)
    page = caseload_html(review, skipped=[evil], title=evil)
    assert evil not in page
    assert_self_contained(page)
    text = "".join(parse(page).text)
    assert evil in text


def test_bad_arguments_are_our_error(follow_up: CaseloadReview) -> None:
    """A wrong kind of review, baseline or sample is InvalidInputError naming it."""
    with pytest.raises(InvalidInputError, match="'review'"):
        caseload_html("x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'baseline'"):
        caseload_html(follow_up, baseline=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'sample'"):
        caseload_html(follow_up, sample=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'review'"):
        performance_svg(None)  # type: ignore[arg-type]


def test_pages_have_no_fixed_width_wider_than_a_phone(follow_up: CaseloadReview) -> None:
    """No width in px larger than 360 in the stylesheet or an element's style."""
    page = caseload_html(follow_up)
    widths = [int(w) for w in re.findall(r"width:\s*(\d+)px", page)]
    assert all(w <= 360 for w in widths)
    assert "overflow-x: auto" in page


def test_compare_caseloads_lives_in_caseload() -> None:
    """The statistic is public in ``practicemodel.caseload``, not in the report."""
    import practicemodel.caseload
    import practicemodel.report.caseload

    assert "compare_caseloads" in practicemodel.caseload.__all__
    assert "compare_caseloads" not in practicemodel.report.caseload.__all__


@pytest.mark.parametrize(("field", "value"), [
    ("instrument", "CFSR onsite review instrument"), ("by", ("case_type",)), ("by", ())])
def test_a_baseline_of_another_instrument_or_grouping_is_refused(
        follow_up: CaseloadReview, baseline: CaseloadReview, field: str,
        value: object) -> None:
    """Reviews rated on other instruments, or grouped by other keys, are not compared:
    InvalidArgumentError naming the field and both values."""
    other = attrs.evolve(baseline, **{field: value})
    mine = getattr(follow_up, field)
    with pytest.raises(InvalidArgumentError) as raised:
        compare_caseloads(other, follow_up)
    message = str(raised.value)
    assert f"'{field}'" in message
    assert repr(value) in message
    assert repr(mine) in message
    with pytest.raises(InvalidArgumentError, match=f"'{field}'") as raised:
        caseload_html(follow_up, baseline=other)
    assert repr(value) in str(raised.value)
    assert "'review'" in str(raised.value)
    with pytest.raises(InvalidInputError, match="'baseline'"):
        compare_caseloads(None, follow_up)  # type: ignore[arg-type]


def test_a_baseline_of_another_date_and_policy_is_shown_with_both(
        follow_up: CaseloadReview, baseline: CaseloadReview) -> None:
    """A baseline reviewed on another date under another profile is compared, and the
    comparison section shows the baseline's policy and date beside the follow-up's, with a
    note for each difference."""
    earlier = attrs.evolve(baseline, as_of=date(2025, 11, 22), policy="FEDERAL")
    assert compare_caseloads(earlier, follow_up)
    page = caseload_html(follow_up, baseline=earlier)
    section = page.split('id="comparison"')[1].split("</section>")[0]
    text = " ".join("".join(parse(section).text).split())
    assert "Baseline policy FEDERAL" in text
    assert "Baseline as of 2025-11-22" in text
    assert "as of 2026-11-22 under policy MS" in text
    assert ("The baseline was reviewed under policy FEDERAL, the follow-up under policy MS."
            in text)
    assert ("The baseline was reviewed as of 2025-11-22, the follow-up as of 2026-11-22."
            in text)
    same = caseload_html(follow_up, baseline=baseline)
    section = same.split('id="comparison"')[1].split("</section>")[0]
    assert "Baseline as of 2026-11-22" in " ".join("".join(parse(section).text).split())
    assert "The baseline was reviewed" not in section


def test_baseline_skipped_records_are_counted_on_the_page(follow_up: CaseloadReview,
                                                          baseline: CaseloadReview) -> None:
    """The skipped section counts the baseline's skipped records too."""
    page = caseload_html(attrs.evolve(follow_up, records_skipped=1),
                         baseline=attrs.evolve(baseline, records_skipped=2),
                         skipped=["f.jsonl:3: bad", "baseline: b.jsonl:1: bad",
                                  "baseline: b.jsonl:2: bad"])
    text = " ".join("".join(parse(page.split('id="skipped"')[1]).text).split())
    assert "3 records could not be reviewed and were skipped (2 of them in the baseline)" in text
    assert "baseline: b.jsonl:2: bad" in text


@pytest.mark.parametrize(("arguments", "error", "words"), [
    ({"skipped": "cases.jsonl:3: bad"}, InvalidInputError, "'skipped' must be a sequence of str"),
    ({"skipped": b"x"}, InvalidInputError, "'skipped'"),
    ({"skipped": [1]}, InvalidInputError, "'skipped'"),
    ({"skipped": {"a"}}, InvalidInputError, "'skipped'"),
    ({"skipped_shown": True}, InvalidInputError, "'skipped_shown' must be an int"),
    ({"skipped_shown": 2.0}, InvalidInputError, "'skipped_shown'"),
    ({"skipped_shown": "5"}, InvalidInputError, "'skipped_shown'"),
    ({"skipped_shown": -1}, InvalidArgumentError, r"'skipped_shown' must be 0 or more \(got -1\)"),
    ({"title": 3}, InvalidInputError, r"'title' must be a str or None \(got 3\)"),
])
def test_bad_report_arguments_are_typed_errors(follow_up: CaseloadReview,
                                               arguments: dict[str, object],
                                               error: type[Exception], words: str) -> None:
    """Each argument is checked and named with its value; a str of messages is refused,
    not split into characters."""
    with pytest.raises(error, match=words):
        caseload_html(follow_up, **arguments)  # type: ignore[arg-type]


def test_a_str_of_skipped_messages_is_refused_not_split(follow_up: CaseloadReview) -> None:
    """``skipped="abc"`` names the value instead of listing "a", "b", "c"."""
    with pytest.raises(InvalidInputError, match="'abc'"):
        caseload_html(follow_up, skipped="abc")
    page = caseload_html(attrs.evolve(follow_up, records_skipped=1), skipped=("x",),
                         skipped_shown=0)
    assert "1 record could not be reviewed and was skipped:" in page
    assert "<li>x</li>" not in page
    assert "… and 1 more." in page


def test_bad_chart_items_are_typed_errors(follow_up: CaseloadReview) -> None:
    """``items`` must be a sequence of str (one str is refused) naming known codes: an
    unknown one is InvalidArgumentError naming it and the known codes; ``title`` a str."""
    with pytest.raises(InvalidInputError, match="'items' must be a sequence of str"):
        performance_svg(follow_up, items="visits_with_child")
    with pytest.raises(InvalidInputError, match="'items'"):
        performance_svg(follow_up, items=[1])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError) as raised:
        performance_svg(follow_up, items=["visits_with_child", "no_such_item"])
    message = str(raised.value)
    assert "'items'" in message
    assert "no_such_item" in message
    assert "known: " in message
    assert "visits_with_child" in message.partition("known: ")[2]
    with pytest.raises(InvalidInputError, match="'title'"):
        performance_svg(follow_up, title=1)  # type: ignore[arg-type]
    assert performance_svg(follow_up, items=()).count('class="i-point"') == 0
