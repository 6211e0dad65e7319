"""The view model of a regional rollout page: what the page shows, as plain frozen values.

[`rollout_report`][practicemodel.report.rollout.rollout_report] arranges a
[`Rollout`][practicemodel.rollout.Rollout], its schedule findings
([`check_rollout`][practicemodel.rollout.check_rollout]) and each region's follow-up review
against its baseline ([`compare_region`][practicemodel.rollout.compare_region]) for the
page: the waves, each region's phase and review dates, the findings (not met first) and the
items region by region. The numbers and outcomes are the library's; nothing is judged
again. Nothing here is HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from practicemodel.errors import InvalidInputError
from practicemodel.findings import Finding, Outcome
from practicemodel.report.caseload import _pct
from practicemodel.rollout import Change, ItemChange, Phase, RegionResult, Rollout

__all__ = ["FindingRow", "ItemRow", "RegionSection", "RolloutReport", "ScheduleRow",
           "WaveRow", "rollout_report"]


@attrs.frozen(kw_only=True)
class WaveRow:
    """One wave."""

    number: int
    """1 for the first wave."""
    starts_on: str
    """The day its regions begin Phase I, ISO."""
    regions: str
    """Its regions, comma-separated."""


@attrs.frozen(kw_only=True)
class ScheduleRow:
    """One region's schedule."""

    region: str
    """The region."""
    phases: tuple[tuple[str, str, str], ...]
    """Each phase's label, first and last day (``"ongoing"`` for Phase IV)."""
    baseline_review_on: str
    """The baseline review's day, ISO."""
    follow_up_review_on: str
    """The follow-up review's day, ISO."""
    note: str
    """The schedule's note (``""`` without one)."""


@attrs.frozen(kw_only=True)
class FindingRow:
    """One schedule finding."""

    outcome: str
    """Its outcome's value (``"not_met"``, ``"met"``, ...)."""
    outcome_label: str
    """Its outcome in words."""
    rule: str
    """The rule's id."""
    subject: str
    """What it is about."""
    explanation: str
    """Why."""
    source: str
    """Where the rule comes from."""


@attrs.frozen(kw_only=True)
class ItemRow:
    """One item of a region's follow-up review against its baseline."""

    item: str
    """The item's code."""
    name: str
    """The item's name."""
    baseline: str
    """The baseline's share rated a strength, in percent (``"n/a"`` when none applied)."""
    baseline_n: int
    """Cases the item applied to at baseline."""
    follow_up: str
    """The follow-up's share, in percent."""
    follow_up_n: int
    """Cases the item applied to at follow-up."""
    difference: str
    """Follow-up minus baseline in points, with the 95% interval (``"n/a"`` when none)."""
    change: str
    """The change's value (``"improved"``, ...)."""
    change_label: str
    """The change in words."""


@attrs.frozen(kw_only=True)
class RegionSection:
    """One region's review comparison."""

    region: str
    """The region."""
    baseline_on: str
    """The baseline review's day, ISO."""
    follow_up_on: str
    """The follow-up review's day, ISO."""
    counts: tuple[tuple[str, int], ...]
    """Items by change, in words (changes with none left out)."""
    items: tuple[ItemRow, ...]
    """Item by item, in the instrument's order."""


@attrs.frozen(kw_only=True)
class RolloutReport:
    """Everything a rollout page shows."""

    title: str
    """The page title."""
    name: str
    """The rollout's name."""
    description: str
    """Its description (``""`` without one)."""
    regions: int
    """How many regions."""
    waves: tuple[WaveRow, ...]
    """The waves."""
    schedules: tuple[ScheduleRow, ...]
    """Region by region, in the rollout's order."""
    checks: int
    """How many findings."""
    not_met: int
    """How many are not met."""
    findings: tuple[FindingRow, ...]
    """The findings, not met first, otherwise in the order given."""
    cases: str
    """The cases in each review, in words (``""`` when not given)."""
    results: tuple[RegionSection, ...]
    """Region by region."""


def _sequence(value: object, kind: type, name: str) -> tuple[object, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidInputError(f"{name!r} must be a sequence of {kind.__name__}, not "
                                f"{type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise InvalidInputError(f"{name!r} must be a sequence of {kind.__name__} (got "
                                    f"{type(item).__name__} in it)")
    return items


def _item(i: ItemChange) -> ItemRow:
    c = i.comparison
    difference = ("n/a" if c.difference is None or c.low is None or c.high is None else
                  f"{100 * c.difference:+.1f} [{100 * c.low:+.1f}, {100 * c.high:+.1f}]")
    return ItemRow(item=i.item, name=i.name, baseline=_pct(c.baseline.estimate),
                   baseline_n=c.baseline.trials, follow_up=_pct(c.follow_up.estimate),
                   follow_up_n=c.follow_up.trials, difference=difference,
                   change=i.change.value, change_label=i.change.value.replace("_", " "))


def rollout_report(rollout: Rollout, *, findings: Sequence[Finding],
                   results: Sequence[RegionResult] = (), cases: int | None = None,
                   title: str | None = None) -> RolloutReport:
    """Arrange a rollout, its findings and its regions' results for the rollout page.

    Raises:
        InvalidInputError: ``findings`` is not a sequence of ``Finding``, ``results`` not a
            sequence of ``RegionResult``, ``cases`` not an int or None, ``title`` not a str
            or None.
    """
    from practicemodel.report.caseload import _title_arg

    title = _title_arg(title)
    found = [f for f in _sequence(findings, Finding, "findings") if isinstance(f, Finding)]
    regions = [r for r in _sequence(results, RegionResult, "results")
               if isinstance(r, RegionResult)]
    if cases is not None and (isinstance(cases, bool) or not isinstance(cases, int)):
        raise InvalidInputError(f"'cases' must be an int or None (got {cases!r})")
    ordered = sorted(found, key=lambda f: f.outcome is not Outcome.NOT_MET)
    schedules = []
    for s in rollout.schedules:
        phases = []
        for phase in Phase:
            first, last = s.phase_dates(phase)
            phases.append((phase.label, first.isoformat(),
                           "ongoing" if last is None else last.isoformat()))
        schedules.append(ScheduleRow(region=s.region, phases=tuple(phases),
                                     baseline_review_on=s.baseline_review_on.isoformat(),
                                     follow_up_review_on=s.follow_up_review_on.isoformat(),
                                     note=s.note or ""))
    sections = []
    for r in regions:
        counts = tuple((change.value.replace("_", " "), r.count(change))
                       for change in Change if r.count(change))
        sections.append(RegionSection(region=r.region, baseline_on=r.baseline_on.isoformat(),
                                      follow_up_on=r.follow_up_on.isoformat(), counts=counts,
                                      items=tuple(_item(i) for i in r.items)))
    return RolloutReport(
        title=title or f"Rollout: {rollout.name}", name=rollout.name,
        description=rollout.description or "", regions=len(rollout.regions),
        waves=tuple(WaveRow(number=w.number, starts_on=w.starts_on.isoformat(),
                            regions=", ".join(w.regions)) for w in rollout.waves),
        schedules=tuple(schedules), checks=len(found),
        not_met=sum(1 for f in found if f.outcome is Outcome.NOT_MET),
        findings=tuple(FindingRow(outcome=f.outcome.value,
                                  outcome_label=f.outcome.value.replace("_", " "),
                                  rule=f.rule, subject=f.subject, explanation=f.explanation,
                                  source=f.source) for f in ordered),
        cases="" if cases is None else f"{cases} synthetic cases in each review",
        results=tuple(sections))
