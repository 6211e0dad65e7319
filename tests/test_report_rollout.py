"""The regional rollout page: the facts shown are check_rollout's and compare_region's;
text stays text."""

from __future__ import annotations

import re
from datetime import date

import attrs
import pytest

from practicemodel.errors import InvalidInputError
from practicemodel.findings import Outcome
from practicemodel.report import rollout_html
from practicemodel.rollout import (
    Phase,
    RegionResult,
    Rollout,
    check_rollout,
    compare_region,
    fictional_reviews,
    get_rollout,
)
from test_report_case import assert_self_contained, parse

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
CASES = 30
_FINDING = re.compile(r'<div class="finding f-(\w+)">\s*<p><span class="status oc-\w+">[^<]*'
                      r'</span> <span class="rule">([^<]+)</span> — ([^<]+)</p>')


def _text(page: str) -> str:
    return " ".join(" ".join(parse(page).text).split())


@pytest.fixture(scope="module")
def rollout() -> Rollout:
    return get_rollout("fictional")


@pytest.fixture(scope="module")
def results(rollout: Rollout) -> tuple[RegionResult, ...]:
    reviews = fictional_reviews(rollout, policy="MS", cases=CASES, seed=2026)
    return tuple(compare_region(region, *pair) for region, pair in reviews.items())


@pytest.fixture(scope="module")
def broken(rollout: Rollout) -> Rollout:
    first = attrs.evolve(rollout.schedules[0],  # Phase II 10 months, Phase III 5
                         evaluation_from=date(2023, 5, 1))
    return attrs.evolve(rollout, schedules=(first, *rollout.schedules[1:]))


def test_the_fictional_rollout_renders_its_facts(rollout: Rollout,
                                                 results: tuple[RegionResult, ...]) -> None:
    findings = check_rollout(rollout)
    page = rollout_html(rollout, findings=findings, results=results, cases=CASES)
    assert_self_contained(page)
    text = _text(page)
    assert f"{len(findings)} checks: {len(findings)} met, 0 not met" in text
    for wave in rollout.waves:
        assert ", ".join(wave.regions) in text
        assert wave.starts_on.isoformat() in text
    for schedule in rollout.schedules:
        for phase in Phase:
            first, _ = schedule.phase_dates(phase)
            assert first.isoformat() in text
        assert schedule.follow_up_review_on.isoformat() in text
    for result in results:
        assert f"Follow-up review ({result.follow_up_on}) against the baseline " \
               f"({result.baseline_on}), {CASES} synthetic cases in each review" in text
        for item in result.items:
            c = item.comparison
            if c.difference is not None and c.low is not None and c.high is not None:
                assert f"{100 * c.difference:+.1f} [{100 * c.low:+.1f}, " \
                       f"{100 * c.high:+.1f}]" in text
    rows = re.findall(r'<td class="ch-(\w+)">', page)
    assert rows == [i.change.value for r in results for i in r.items]


def test_a_broken_rollouts_not_met_findings_come_first(broken: Rollout) -> None:
    findings = check_rollout(broken)
    not_met = [f for f in findings if f.outcome is Outcome.NOT_MET]
    assert not_met
    page = rollout_html(broken, findings=findings)
    shown = _FINDING.findall(page)
    assert [(o, rule, subject) for o, rule, subject in shown[:len(not_met)]] == [
        ("not_met", f.rule, f.subject) for f in not_met]
    assert len(shown) == len(findings)
    text = _text(page)
    for f in not_met:
        assert f.explanation in text
        assert f.source in text
    assert f"{len(not_met)} not met" in text
    assert "Follow-up against baseline" not in text  # no results given


def test_markup_in_free_text_is_escaped(rollout: Rollout) -> None:
    evil = attrs.evolve(rollout, description=EVIL,
                        schedules=(attrs.evolve(rollout.schedules[0], note=EVIL),
                                   *rollout.schedules[1:]))
    page = rollout_html(evil, findings=check_rollout(evil), title=EVIL)
    assert EVIL not in page
    assert_self_contained(page)
    assert _text(page).count(EVIL) >= 3


def test_bad_arguments_are_typed_errors(rollout: Rollout) -> None:
    findings = check_rollout(rollout)
    with pytest.raises(InvalidInputError, match="'rollout'"):
        rollout_html("fictional", findings=findings)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'findings'"):
        rollout_html(rollout, findings=["met"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="'results'"):
        rollout_html(rollout, findings=findings, results="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'cases'"):
        rollout_html(rollout, findings=findings, cases=True)
    with pytest.raises(InvalidInputError, match="'title'"):
        rollout_html(rollout, findings=findings, title=1)  # type: ignore[arg-type]
