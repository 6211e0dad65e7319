"""The view model of a caseload report: what the page shows, as plain frozen values.

[`caseload_report`][practicemodel.report.caseload.caseload_report] arranges a
[`CaseloadReview`][practicemodel.caseload.CaseloadReview] (and, when given, a baseline
review, a [`SampleReport`][practicemodel.sampling.SampleReport] and the skipped records'
messages) for the page: item performance grouped by practice-model component (by CFSR
outcome for an instrument that rates outcomes), the comparison of each item and group with
the baseline ([`compare_caseloads`][practicemodel.caseload.compare_caseloads]: the
difference, Newcombe's interval and the z test), the sample design and what was skipped. The
numbers are the review's; nothing is rated again. Nothing here is HTML.
"""

from __future__ import annotations

import reprlib
from collections.abc import Hashable, Sequence

import attrs

from practicemodel.caseload import (
    CaseloadReview,
    _check_comparable,
    _instrument_of,
    compare_caseloads,
)
from practicemodel.components import PracticeComponent
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.outcomes import CfsrOutcome
from practicemodel.report.svg import IntervalRow, interval_chart
from practicemodel.review import ReviewInstrument
from practicemodel.sampling import SampleReport
from practicemodel.statistics import GroupPerformance, Proportion

__all__ = [
    "CaseloadReport",
    "ComparisonRow",
    "PerformanceRow",
    "PerformanceSection",
    "SampleRow",
    "caseload_report",
    "performance_rows",
]


@attrs.frozen(kw_only=True)
class PerformanceRow:
    """One item's performance in one group."""

    item: str
    """The item's code."""
    name: str
    """The item's name (its code when the instrument is not known)."""
    group: str
    """The group, in words (``"all cases"`` without grouping)."""
    strengths: int
    """Cases rated a Strength."""
    areas_needing_improvement: int
    """Cases rated an Area Needing Improvement."""
    not_applicable: int
    """Cases the item did not apply to."""
    applicable: int
    """Strengths plus areas needing improvement."""
    percent: str
    """The share rated a Strength, in percent (``"n/a"`` when none applied)."""
    interval: str
    """Its confidence interval, in percent (``"—"`` when none applied)."""


@attrs.frozen(kw_only=True)
class PerformanceSection:
    """The items of one practice-model component (or CFSR outcome)."""

    code: str
    """The component's (or outcome's) code; ``"items"`` for an unknown instrument."""
    label: str
    """Its name."""
    rows: tuple[PerformanceRow, ...]
    """Its items, in the instrument's order, group by group."""
    outcome_rows: tuple[PerformanceRow, ...] = ()
    """For a CFSR outcome: the outcome's own rows (share substantially achieved)."""


@attrs.frozen(kw_only=True)
class ComparisonRow:
    """One item and group, baseline against follow-up."""

    name: str
    """The item's name."""
    group: str
    """The group, in words."""
    baseline: str
    """Baseline share rated a Strength, with its count (e.g. ``"40.0% (8 / 20)"``)."""
    follow_up: str
    """Follow-up share, with its count."""
    difference: str
    """Follow-up minus baseline, in percentage points (``"n/a"`` when either has none)."""
    interval: str
    """The difference's confidence interval."""
    p_value: str
    """The z test's p-value."""
    significant: bool
    """Whether the interval excludes zero."""


@attrs.frozen(kw_only=True)
class SampleRow:
    """One stratum of the sample design."""

    stratum: str
    """The stratum's values, in words."""
    population: int
    """Records in the stratum."""
    requested: int
    """Records asked for."""
    drawn: int
    """Records drawn."""
    short: bool
    """Fewer records than requested."""
    weight: str
    """Each drawn record's design weight (``"—"`` when none was drawn)."""


@attrs.frozen(kw_only=True)
class CaseloadReport:
    """Everything a caseload report shows."""

    title: str
    """The page title."""
    instrument: str
    """The instrument's name."""
    policy: str
    """The policy profile's code."""
    as_of: str
    """The review date, ISO."""
    cases_reviewed: int
    """Cases rated."""
    records_skipped: int
    """Records skipped."""
    by: str
    """The grouping keys, in words (``""`` without grouping)."""
    grouped_by: str
    """``"practice-model component"`` or ``"CFSR outcome"`` (or ``"item"``)."""
    sections: tuple[PerformanceSection, ...]
    """Item performance, section by section."""
    charts: tuple[str, ...]
    """One interval chart (SVG) per section, then the comparison chart if there is one."""
    baseline: str
    """The baseline review in words (``""`` without one)."""
    baseline_policy: str
    """The baseline review's policy profile code (``""`` without a baseline)."""
    baseline_as_of: str
    """The baseline review's date, ISO (``""`` without a baseline)."""
    baseline_differences: tuple[str, ...]
    """How the baseline was reviewed differently from the follow-up (another policy
    profile, another date), in words; empty when it was not (or without a baseline)."""
    baseline_records_skipped: int
    """Records skipped in the baseline review (0 without one)."""
    comparisons: tuple[ComparisonRow, ...]
    """Baseline against follow-up, item by item and group by group."""
    sample_strata: str
    """The strata fields of the sample design (``""`` without one)."""
    sample_seed: str
    """The sample's seed."""
    sample: tuple[SampleRow, ...]
    """The sample design, stratum by stratum."""
    sample_totals: tuple[int, int, int]
    """Population, requested and drawn over all strata."""
    skipped: tuple[str, ...]
    """The skipped records' messages shown (the baseline's, if given, prefixed
    ``"baseline: "`` by the caller)."""
    skipped_more: int
    """How many more were skipped than shown."""


def _group(group: tuple[Hashable, ...]) -> str:
    return ", ".join(str(value) for value in group) if group else "all cases"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _interval(p: Proportion) -> str:
    return "—" if p.estimate is None else f"{100 * p.low:.1f}% to {100 * p.high:.1f}%"


def _row(g: GroupPerformance, names: dict[str, str]) -> PerformanceRow:
    return PerformanceRow(item=g.item, name=names.get(g.item, g.item), group=_group(g.group),
                          strengths=g.strengths,
                          areas_needing_improvement=g.areas_needing_improvement,
                          not_applicable=g.not_applicable, applicable=g.applicable,
                          percent=_pct(g.performance.estimate),
                          interval=_interval(g.performance))


def _ordered(review: CaseloadReview,
             instrument: ReviewInstrument | None) -> list[GroupPerformance]:
    order = {item.code: n for n, item in enumerate(instrument.items)} if instrument else {}
    return sorted(review.table, key=lambda g: (order.get(g.item, len(order)), g.item))


def _names(instrument: ReviewInstrument | None) -> dict[str, str]:
    names = {item.code: item.name for item in instrument.items} if instrument else {}
    names.update({o.value: o.label.partition(":")[0] + ": outcome substantially achieved"
                  for o in CfsrOutcome})
    return names


def _short(value: object) -> str:
    """A value's repr, shortened for a message."""
    return reprlib.repr(value)


def _strings(value: object, name: str) -> tuple[str, ...]:
    """``value`` as a tuple, if it is a sequence of str (a str itself is refused: it is not
    split into characters)."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidInputError(f"{name!r} must be a sequence of str, not "
                                f"{type(value).__name__} (got {_short(value)})")
    strings = tuple(value)
    wrong = [item for item in strings if not isinstance(item, str)]
    if wrong:
        raise InvalidInputError(f"{name!r} must be a sequence of str (got "
                                f"{type(wrong[0]).__name__} {_short(wrong[0])} in it)")
    return strings


def _title_arg(title: object, name: str = "title") -> str | None:
    """``title`` if it is a str or None."""
    if title is not None and not isinstance(title, str):
        raise InvalidInputError(f"{name!r} must be a str or None (got {_short(title)})")
    return title


def _item_codes(review: CaseloadReview, instrument: ReviewInstrument | None) -> set[str]:
    """The item (and outcome) codes a review can show: its table's and its instrument's."""
    codes = {g.item for g in review.table}
    if instrument is not None:
        codes.update(item.code for item in instrument.items)
        codes.update(definition.outcome.value for definition in instrument.outcomes)
    return codes


def performance_rows(review: CaseloadReview, *,
                     items: Sequence[str] | None = None) -> tuple[IntervalRow, ...]:
    """The rows of an item-performance chart: each item (or each of ``items``) and group of
    ``review``, in the instrument's order, in percent.

    Raises:
        InvalidInputError: ``items`` is not a sequence of str (a str is refused).
        InvalidArgumentError: ``items`` names a code that is neither in the review nor in
            its instrument; the message names it and the known codes.
    """
    instrument = _instrument_of(review)
    names = _names(instrument)
    wanted: frozenset[str] | None = None
    if items is not None:
        wanted = frozenset(_strings(items, "items"))
        known = _item_codes(review, instrument)
        unknown = sorted(wanted - known)
        if unknown:
            raise InvalidArgumentError(
                f"'items' names unknown item codes {unknown}; known: "
                f"{', '.join(sorted(known)) or '(none: the review has no items)'}")
    rows = []
    for g in _ordered(review, instrument):
        if wanted is not None and g.item not in wanted:
            continue
        rows.append(_interval_row(g, names, bool(review.by)))
    return tuple(rows)


def _interval_row(g: GroupPerformance, names: dict[str, str], grouped: bool) -> IntervalRow:
    p = g.performance
    label = names.get(g.item, g.item) + (f" — {_group(g.group)}" if grouped else "")
    if p.estimate is None:
        return IntervalRow(label=label, value=None, low=None, high=None, note="0 applicable")
    return IntervalRow(label=label, value=100 * p.estimate, low=100 * p.low,
                       high=100 * p.high, note=f"{g.strengths} / {g.applicable}")


def _sections(review: CaseloadReview, instrument: ReviewInstrument | None
              ) -> tuple[str, list[tuple[str, str, list[GroupPerformance],
                                         list[GroupPerformance]]]]:
    table = _ordered(review, instrument)
    if instrument is None:
        return "item", [("items", "Items", table, [])]
    if instrument.outcomes:
        number = {item.code: item.cfsr_item for item in instrument.items}
        sections = []
        for definition in instrument.outcomes:
            rows = [g for g in table if number.get(g.item) in definition.items]
            own = [g for g in table if g.item == definition.outcome.value]
            sections.append((definition.outcome.value, definition.outcome.label, rows, own))
        return "CFSR outcome", [s for s in sections if s[2] or s[3]]
    components = {item.code: item.components for item in instrument.items}
    sections = []
    for component in PracticeComponent:
        rows = [g for g in table if component in components.get(g.item, ())]
        if rows:
            sections.append((component.value, component.label, rows, []))
    unplaced = [g for g in table if g.item not in components]
    if unplaced:
        sections.append(("other", "Other items", unplaced, []))
    return "practice-model component", sections


def _comparisons(review: CaseloadReview, baseline: CaseloadReview,
                 names: dict[str, str]) -> list[tuple[ComparisonRow, IntervalRow]]:
    rows = []
    for g in compare_caseloads(baseline, review):
        c = g.comparison
        name = names.get(g.item, g.item)
        label = name + (f" — {_group(g.group)}" if g.by else "")
        diff = None if c.difference is None else 100 * c.difference
        low = None if c.low is None else 100 * c.low
        high = None if c.high is None else 100 * c.high
        rows.append((ComparisonRow(
            name=name, group=_group(g.group),
            baseline=f"{_pct(c.baseline.estimate)} ({c.baseline.successes} / "
                     f"{c.baseline.trials})",
            follow_up=f"{_pct(c.follow_up.estimate)} ({c.follow_up.successes} / "
                      f"{c.follow_up.trials})",
            difference="n/a" if diff is None else f"{diff:+.1f} points",
            interval="—" if low is None or high is None else f"{low:+.1f} to {high:+.1f}",
            p_value="—" if c.p_value is None else f"{c.p_value:.3f}",
            significant=c.significant),
            IntervalRow(label=label, value=diff, low=low, high=high,
                        note="significant" if c.significant else "")))
    return rows


def _skipped_shown(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"'skipped_shown' must be an int (got {_short(value)})")
    if value < 0:
        raise InvalidArgumentError(f"'skipped_shown' must be 0 or more (got {value})")
    return value


def _baseline_differences(review: CaseloadReview, baseline: CaseloadReview) -> tuple[str, ...]:
    """How the baseline was reviewed differently (policy, date), in words."""
    notes = []
    if baseline.policy != review.policy:
        notes.append(f"The baseline was reviewed under policy {baseline.policy}, the "
                     f"follow-up under policy {review.policy}.")
    if baseline.as_of != review.as_of:
        notes.append(f"The baseline was reviewed as of {baseline.as_of.isoformat()}, the "
                     f"follow-up as of {review.as_of.isoformat()}.")
    return tuple(notes)


def caseload_report(review: CaseloadReview, *, baseline: CaseloadReview | None = None,
                    sample: SampleReport | None = None, skipped: Sequence[str] = (),
                    title: str | None = None, skipped_shown: int = 50) -> CaseloadReport:
    """Arrange a caseload review (and optionally a baseline, a sample design and the skipped
    records' messages) for the caseload report.

    Raises:
        InvalidInputError: an argument is not of the right kind (``skipped`` must be a
            sequence of str, not one str; ``skipped_shown`` an int, not a bool; ``title`` a
            str or None).
        InvalidArgumentError: ``skipped_shown`` is negative, or ``baseline`` was rated on
            another instrument or grouped by other keys than ``review``.
    """
    messages = _strings(skipped, "skipped")
    title = _title_arg(title)
    shown = _skipped_shown(skipped_shown)
    if baseline is not None:
        _check_comparable(baseline, review, follow_up_name="review")
    instrument = _instrument_of(review)
    names = _names(instrument)
    grouped_by, sections = _sections(review, instrument)
    views, charts = [], []
    for index, (code, label, rows, own) in enumerate(sections):
        views.append(PerformanceSection(code=code, label=label,
                                        rows=tuple(_row(g, names) for g in rows),
                                        outcome_rows=tuple(_row(g, names) for g in own)))
        chart_rows = [_interval_row(g, names, bool(review.by)) for g in own + rows]
        charts.append(interval_chart(
            chart_rows, title=f"Item performance: {label}", uid=f"pm-perf-{index}",
            description=f"{label}: for each item and group, the share of applicable cases "
                        "rated a strength (point) and its confidence interval (bar)."))
    comparisons: list[ComparisonRow] = []
    baseline_words = ""
    if baseline is not None:
        pairs = _comparisons(review, baseline, names)
        comparisons = [row for row, _ in pairs]
        baseline_words = (f"{baseline.cases_reviewed} cases reviewed as of "
                          f"{baseline.as_of.isoformat()} under policy {baseline.policy} with "
                          f"{baseline.instrument}")
        charts.append(interval_chart(
            [chart for _, chart in pairs], title="Follow-up minus baseline",
            uid="pm-compare", lower=-100.0, upper=100.0,
            axis="difference in percentage points (follow-up − baseline)",
            description="For each item and group, the follow-up share rated a strength "
                        "minus the baseline share (point) and the interval of the "
                        "difference (bar), in percentage points."))
    sample_rows: tuple[SampleRow, ...] = ()
    totals = (0, 0, 0)
    if sample is not None:
        sample_rows = tuple(SampleRow(
            stratum=_group(tuple(d.stratum)), population=d.population, requested=d.requested,
            drawn=d.drawn, short=d.short,
            weight="—" if d.weight is None else f"{d.weight:.2f}") for d in sample.draws)
        totals = (sample.population, sample.requested, sample.drawn)
    return CaseloadReport(
        title=title or f"Caseload review: {review.instrument}",
        instrument=review.instrument, policy=review.policy, as_of=review.as_of.isoformat(),
        cases_reviewed=review.cases_reviewed, records_skipped=review.records_skipped,
        by=", ".join(review.by), grouped_by=grouped_by, sections=tuple(views),
        charts=tuple(charts), baseline=baseline_words,
        baseline_policy=baseline.policy if baseline is not None else "",
        baseline_as_of=baseline.as_of.isoformat() if baseline is not None else "",
        baseline_differences=(_baseline_differences(review, baseline)
                              if baseline is not None else ()),
        baseline_records_skipped=baseline.records_skipped if baseline is not None else 0,
        comparisons=tuple(comparisons),
        sample_strata=", ".join(sample.strata) if sample else "",
        sample_seed=str(sample.seed) if sample else "", sample=sample_rows,
        sample_totals=totals, skipped=messages[:shown],
        skipped_more=max(len(messages) - shown, 0))
