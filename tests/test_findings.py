"""Tests for the shared finding type and the deadline-to-finding adapter."""

from __future__ import annotations

from datetime import date

from practicemodel.components import PracticeComponent
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome, by_component, worst
from practicemodel.policy import MS
from practicemodel.timelines import DeadlineStatus, deadline_findings, schedule


def test_worst_orders_outcomes() -> None:
    """Not met beats needs review beats met beats not applicable; empty is not applicable."""
    expected = [Outcome.NOT_MET, Outcome.NEEDS_REVIEW, Outcome.MET, Outcome.NOT_APPLICABLE]
    actual = [
        worst([Outcome.MET, Outcome.NOT_MET, Outcome.NEEDS_REVIEW]),
        worst([Outcome.MET, Outcome.NEEDS_REVIEW, Outcome.NOT_APPLICABLE]),
        worst([Outcome.NOT_APPLICABLE, Outcome.MET]),
        worst([]),
    ]
    assert expected == actual


def test_by_component_groups_in_component_order() -> None:
    """A finding tagged with two components appears under both, in the components' order."""
    finding = Finding(rule="r", outcome=Outcome.MET, subject_id="x", subject="x",
                      explanation="e", components=(PracticeComponent.CASE_PLANNING,
                                                   PracticeComponent.SAFETY_AND_RISK))
    expected = [PracticeComponent.SAFETY_AND_RISK, PracticeComponent.CASE_PLANNING]
    actual = list(by_component([finding]))
    assert expected == actual


def test_deadline_findings_map_statuses() -> None:
    """Met on time is met, overdue is not met, upcoming is not applicable; one per deadline."""
    result = schedule(load_example(), policy=MS, as_of=date(2026, 11, 22))
    findings = deadline_findings(result)
    deadlines = result.all_deadlines()
    assert len(deadlines) == len(findings)
    mapping = {DeadlineStatus.MET_ON_TIME: Outcome.MET, DeadlineStatus.OVERDUE: Outcome.NOT_MET,
               DeadlineStatus.UPCOMING: Outcome.NOT_APPLICABLE}
    for deadline, finding in zip(deadlines, findings, strict=True):
        assert f"deadline.{deadline.kind.value}" == finding.rule
        if deadline.status in mapping:
            assert mapping[deadline.status] == finding.outcome
        assert deadline.source == finding.source
        assert deadline.components == finding.components
