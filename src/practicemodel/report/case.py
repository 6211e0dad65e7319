"""The view model of a case report: what the page shows, as plain frozen values.

[`case_report`][practicemodel.report.case.case_report] gathers, for one case under a policy
as of a date, everything the case report shows, from the library's own answers: the
schedule of deadlines ([`timelines.schedule`][practicemodel.timelines.schedule]), the
findings of every rule ([`check_case`][practicemodel.checks.check_case]) and the case record
itself. Nothing here decides a rule again: a deadline's status, a finding's outcome, its
explanation and its source are shown as the library gave them. Nothing here is HTML either:
the templates (``report/templates``) and the SVG helpers ([`svg`][practicemodel.report.svg])
turn these values into a page, escaping every text.

What counts as **due** and **upcoming** is the schedule's own status: a deadline is *due*
when it is not met and falls within the profile's ``due_soon_window`` (30 days in the
built-in profiles) or is this month's monthly duty; *upcoming* when it falls later; *overdue*
when its date has passed unmet; *met late* when it was met after its date.

The ASFA count is named from the profile
([`asfa_label`][practicemodel.report.case.asfa_label]: ``"ASFA 15 of 22"`` under the
federal rule), never as fixed text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import attrs

from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.findings import Finding, Outcome, by_component
from practicemodel.involvement import EngagementRole, InvolvementActivity
from practicemodel.placement import PlacementSetting
from practicemodel.policy import PolicyProfile
from practicemodel.report.svg import Mark, Span, TimelineLane, TimelinePicture
from practicemodel.timelines import (
    CaseSchedule,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    schedule,
)

__all__ = [
    "CaseReport",
    "ChildInCare",
    "ComponentFindings",
    "DeadlineRow",
    "FindingRow",
    "InvolvementRow",
    "PersonRow",
    "VisitRow",
    "asfa_label",
    "case_report",
    "placement_kind",
    "timeline_picture",
]

_MONTHLY = {
    DeadlineKind.CASEWORKER_VISIT_CHILD: "caseworker visit (child)",
    DeadlineKind.CASEWORKER_VISIT_PARENT: "caseworker visit (parent)",
    DeadlineKind.SUPERVISORY_STAFFING: "supervisory staffing",
}
_STATUS_WORDS = {
    DeadlineStatus.MET_ON_TIME: "met on time",
    DeadlineStatus.MET_LATE: "met late",
    DeadlineStatus.DUE: "due",
    DeadlineStatus.OVERDUE: "overdue",
    DeadlineStatus.UPCOMING: "upcoming",
    DeadlineStatus.NOT_APPLICABLE: "not applicable",
}
_OUTCOME_WORDS = {
    Outcome.MET: "met",
    Outcome.NOT_MET: "not met",
    Outcome.NEEDS_REVIEW: "needs review",
    Outcome.NOT_APPLICABLE: "not applicable",
}
_OUTCOME_ORDER = {Outcome.NOT_MET: 0, Outcome.NEEDS_REVIEW: 1, Outcome.MET: 2,
                  Outcome.NOT_APPLICABLE: 3}
_PLACEMENT_KINDS = {
    PlacementSetting.FOSTER_FAMILY_RELATIVE: "relative",
    PlacementSetting.FOSTER_FAMILY_NON_RELATIVE: "foster",
    PlacementSetting.PRE_ADOPTIVE_HOME: "foster",
    PlacementSetting.GROUP_HOME: "care",
    PlacementSetting.INSTITUTION: "care",
    PlacementSetting.SUPERVISED_INDEPENDENT_LIVING: "care",
    PlacementSetting.TRIAL_HOME_VISIT: "trial",
    PlacementSetting.RUNAWAY: "trial",
}
_PART_PREFIX = "part "


def placement_kind(setting: PlacementSetting) -> str:
    """How the timeline draws a placement setting (a [`Span`][practicemodel.report.svg.Span]
    kind): ``"relative"``, ``"foster"`` (non-relative foster family, pre-adoptive home),
    ``"care"`` (group home, institution, supervised independent living) or ``"trial"``
    (trial home visit, runaway)."""
    return _PLACEMENT_KINDS.get(setting, "care")


def asfa_label(policy: PolicyProfile) -> str:
    """The name of the ASFA count under ``policy``: ``"ASFA 15 of 22"`` for a profile
    counting ``asfa_months_in_care`` (15) months in care in the most recent
    ``asfa_window_months`` (22)."""
    return f"ASFA {policy.asfa_months_in_care} of {policy.asfa_window_months}"


def _words(code: str) -> str:
    """``"caseworker_visit_child"`` → ``"caseworker visit child"``."""
    return code.replace("_", " ")


@attrs.frozen(kw_only=True)
class PersonRow:
    """One person of the family: who they are and whether they count for engagement."""

    id: str
    """Their id in the record."""
    name: str
    """Their name."""
    age: int | None
    """Age in whole years on the report date (``None``: birth date not recorded)."""
    relations: tuple[str, ...]
    """Their relationships to the children, in words (e.g. ``"mother of Ava Wilson"``)."""
    is_child: bool
    """A child of the case."""
    in_care: bool
    """A child in foster care on the report date."""
    engagement_roles: tuple[str, ...]
    """The roles the engagement rules judge them in on the report date (``"mother"``...),
    from the findings' ``role``; empty when they are not counted."""
    not_counted: str
    """Why they are not counted, from the ``engagement.applicability`` finding (or ``""``)."""


@attrs.frozen(kw_only=True)
class ChildInCare:
    """A child of the case with a removal episode: placement and the ASFA 15-of-22 count."""

    id: str
    """The child's id."""
    name: str
    """The child's name."""
    in_care: bool
    """In foster care on the report date."""
    removed_on: date
    """The latest removal."""
    entered_care_on: date | None
    """The date entered foster care for that removal, from the schedule."""
    setting: str
    """The current (or last) placement setting, in words."""
    months_in_care: float | None
    """ASFA: months counted in the profile's window (the most recent 22 months under the
    federal rule), from the schedule."""
    asfa: str
    """The ASFA determination (15 of 22 under the federal rule) in words, from the
    schedule."""
    asfa_source: str
    """Its source."""


@attrs.frozen(kw_only=True)
class DeadlineRow:
    """One deadline as the lists show it."""

    what: str
    """The kind of deadline, in words."""
    subject: str
    """Who it is about (a name, or the case id)."""
    due_on: date | None
    """Its due date."""
    status: str
    """Its status code (``"overdue"``, ``"due"``...)."""
    status_words: str
    """Its status in words."""
    reason: str
    """Why it has that status, from the schedule."""
    anchor: str
    """The fact it was computed from."""
    source: str
    """Its source."""


@attrs.frozen(kw_only=True)
class FindingRow:
    """One finding as the report lists it, in its own words."""

    rule: str
    """The rule id."""
    outcome: str
    """The outcome code (``"not_met"``...)."""
    outcome_words: str
    """The outcome in words."""
    subject: str
    """What it is about."""
    explanation: str
    """Why, as the finding explains itself."""
    source: str
    """Its source."""
    facts: tuple[tuple[str, str], ...]
    """The facts it used, as (label, value in words)."""


@attrs.frozen(kw_only=True)
class ComponentFindings:
    """The findings of one practice-model component, least favourable first."""

    code: str
    """The component's code."""
    label: str
    """The component's name."""
    counts: tuple[tuple[str, int], ...]
    """How many findings of each outcome, as (outcome in words, count), least favourable
    first; outcomes with none are left out."""
    findings: tuple[FindingRow, ...]
    """Its findings."""


@attrs.frozen(kw_only=True)
class InvolvementRow:
    """Whether one person was actively involved, part by part (seed 004's five parts)."""

    name: str
    """The person's name."""
    role: str
    """The role judged."""
    outcome: str
    """The outcome code of ``engagement.actively_involved``."""
    outcome_words: str
    """The outcome in words."""
    parts: tuple[tuple[str, str], ...]
    """Each part in words and the events that show it (``"(none)"`` when missing)."""
    explanation: str
    """The finding's explanation."""
    source: str
    """The finding's source."""


@attrs.frozen(kw_only=True)
class VisitRow:
    """A monthly duty (caseworker visits with a child or parent, supervisory staffing), month
    by month."""

    what: str
    """The duty, in words."""
    subject: str
    """Who it is about."""
    cells: tuple[tuple[str, str], ...]
    """One per month of the report's months: (status code, status in words); ``("", "")``
    for a month without the duty."""


@attrs.frozen(kw_only=True)
class CaseReport:
    """Everything a case report shows."""

    case_id: str
    """The case id."""
    case_type: str
    """The kind of case, in words."""
    opened_on: date
    """Opened."""
    closed_on: date | None
    """Closed (``None``: open)."""
    county: str
    """County."""
    region: str
    """Region."""
    caseworker: str
    """The caseworker's name (or id)."""
    supervisor: str
    """The supervisor's name (or id)."""
    as_of: date
    """The report date."""
    policy_code: str
    """The policy profile's code."""
    policy_name: str
    """The policy profile's name."""
    due_window: str
    """The profile's ``due_soon_window`` in words (e.g. ``"30 days"``)."""
    asfa_label: str
    """The ASFA count's name under the profile (``"ASFA 15 of 22"``; see
    [`asfa_label`][practicemodel.report.case.asfa_label])."""
    people: tuple[PersonRow, ...]
    """The family: children first, then the adults."""
    children: tuple[ChildInCare, ...]
    """The children with a removal episode."""
    overdue: tuple[DeadlineRow, ...]
    """Deadlines overdue on the report date, oldest first."""
    due: tuple[DeadlineRow, ...]
    """Deadlines due soon (within the profile's window, or this month's monthly duties)."""
    upcoming: tuple[DeadlineRow, ...]
    """Deadlines later than that."""
    met_late: tuple[DeadlineRow, ...]
    """Deadlines met, but after their date, oldest first."""
    met: int
    """How many deadlines were met (on time or late)."""
    components: tuple[ComponentFindings, ...]
    """The findings grouped by practice-model component, in the components' order."""
    involvement: tuple[InvolvementRow, ...]
    """"Actively involved", per person and part."""
    months: tuple[str, ...]
    """The months of the visits table (``"2026-03"``...)."""
    visits: tuple[VisitRow, ...]
    """The monthly duties, month by month."""
    outcome_counts: tuple[tuple[str, int], ...]
    """How many findings of each outcome in all, least favourable first."""


def _name(case: Case, person_id: str) -> str:
    for person in case.people:
        if person.id == person_id:
            return person.name
    for staff in case.staff:
        if staff.id == person_id:
            return staff.name
    return person_id


def _deadline_row(case: Case, deadline: Deadline) -> DeadlineRow:
    subject = case.id if deadline.subject_id == case.id else _name(case, deadline.subject_id)
    return DeadlineRow(what=_MONTHLY.get(deadline.kind, _words(deadline.kind.value)),
                       subject=subject, due_on=deadline.due_on, status=deadline.status.value,
                       status_words=_STATUS_WORDS[deadline.status], reason=deadline.reason,
                       anchor=deadline.anchor, source=deadline.source)


def _finding_row(finding: Finding) -> FindingRow:
    return FindingRow(rule=finding.rule, outcome=finding.outcome.value,
                      outcome_words=_OUTCOME_WORDS[finding.outcome], subject=finding.subject,
                      explanation=finding.explanation, source=finding.source,
                      facts=tuple((fact.label, fact.text) for fact in finding.facts))


def _counts(findings: Sequence[Finding]) -> tuple[tuple[str, int], ...]:
    return tuple((_OUTCOME_WORDS[outcome], n) for outcome in _OUTCOME_ORDER
                 if (n := sum(1 for f in findings if f.outcome is outcome)))


def _people(case: Case, findings: Sequence[Finding], as_of: date,
            in_care: frozenset[str]) -> tuple[PersonRow, ...]:
    roles: dict[str, list[str]] = {}
    not_counted: dict[str, list[str]] = {}
    for finding in findings:
        if finding.rule == "engagement.actively_involved" and finding.person_id is not None:
            role = finding.role or ""
            if role and role not in roles.setdefault(finding.person_id, []):
                roles[finding.person_id].append(role)
        elif finding.rule == "engagement.applicability" and finding.person_id is not None:
            not_counted.setdefault(finding.person_id, []).append(finding.explanation)
    rows = []
    for person in case.people:
        relations = tuple(
            f"{_words(r.parent_role.value if r.parent_role else r.kind.value)} of "
            f"{_name(case, r.child_id)}"
            for r in case.relationships if r.adult_id == person.id)
        rows.append(PersonRow(
            id=person.id, name=person.name, age=person.age_on(as_of), relations=relations,
            is_child=person.id in case.child_ids, in_care=person.id in in_care,
            engagement_roles=tuple(_words(EngagementRole(r).value)
                                   if r in EngagementRole.__members__.values() else r
                                   for r in roles.get(person.id, ())),
            not_counted=" ".join(not_counted.get(person.id, ())) if person.id not in roles
            else ""))
    return tuple(sorted(rows, key=lambda row: not row.is_child))


def _children(case: Case, plan: CaseSchedule, as_of: date) -> tuple[ChildInCare, ...]:
    rows = []
    for child in plan.children:
        episodes = [e for e in case.episodes_for(child.child_id) if e.removed_on <= as_of]
        if not episodes:
            continue
        episode = max(episodes, key=lambda e: e.removed_on)
        placements = [p for p in episode.placements if p.start <= as_of]
        setting = _words(placements[-1].setting.value) if placements else "(none recorded)"
        entered = next((e.entered_on for e in child.entered_care
                        if e.episode_id == episode.id), None)
        asfa = child.asfa
        rows.append(ChildInCare(
            id=child.child_id, name=_name(case, child.child_id),
            in_care=asfa.in_care if asfa else episode.is_open_on(as_of),
            removed_on=episode.removed_on, entered_care_on=entered, setting=setting,
            months_in_care=asfa.months_in_care if asfa else None,
            asfa=asfa.reason if asfa else "", asfa_source=asfa.source if asfa else ""))
    return tuple(rows)


def _involvement(findings: Sequence[Finding]) -> tuple[InvolvementRow, ...]:
    rows = []
    for finding in findings:
        if finding.rule != "engagement.actively_involved":
            continue
        parts = []
        for fact in finding.facts:
            if fact.label.startswith(_PART_PREFIX):
                code = fact.label.partition(": ")[2]
                words = (_words(InvolvementActivity(code).value)
                         if code in InvolvementActivity.__members__.values() else code)
                parts.append((words, fact.text))
        name = finding.subject.partition(" (")[0] if finding.person_id else finding.subject
        rows.append(InvolvementRow(
            name=name, role=_words(finding.role or ""), outcome=finding.outcome.value,
            outcome_words=_OUTCOME_WORDS[finding.outcome], parts=tuple(parts),
            explanation=finding.explanation, source=finding.source))
    return tuple(rows)


def _visits(case: Case, plan: CaseSchedule) -> tuple[tuple[str, ...], tuple[VisitRow, ...]]:
    by_row: dict[tuple[str, str], dict[str, Deadline]] = {}
    for deadline in plan.all_deadlines():
        if deadline.kind in _MONTHLY and deadline.due_on is not None:
            key = (_MONTHLY[deadline.kind], deadline.subject_id)
            by_row.setdefault(key, {})[f"{deadline.due_on:%Y-%m}"] = deadline
    months = tuple(sorted({month for cells in by_row.values() for month in cells}))
    rows = []
    for (what, subject_id), cells in by_row.items():
        subject = case.id if subject_id == case.id else _name(case, subject_id)
        rows.append(VisitRow(what=what, subject=subject, cells=tuple(
            (cells[m].status.value, _STATUS_WORDS[cells[m].status]) if m in cells else ("", "")
            for m in months)))
    return months, tuple(rows)


def case_report(case: Case, *, policy: PolicyProfile, as_of: date,
                findings: Sequence[Finding] | None = None,
                plan: CaseSchedule | None = None) -> CaseReport:
    """Gather what the case report shows for ``case`` under ``policy`` as of ``as_of``.

    ``findings`` and ``plan`` are ``check_case``'s and ``schedule``'s answers for the same
    arguments, computed here when not given.
    """
    plan = schedule(case, policy=policy, as_of=as_of) if plan is None else plan
    findings = check_case(case, policy=policy, as_of=as_of) if findings is None else findings
    deadlines = plan.all_deadlines()

    def rows(status: DeadlineStatus) -> tuple[DeadlineRow, ...]:
        chosen = sorted((d for d in deadlines if d.status is status),
                        key=lambda d: (d.due_on or as_of, d.subject_id, d.kind.value))
        return tuple(_deadline_row(case, d) for d in chosen)

    children = _children(case, plan, as_of)
    grouped = by_component(findings)
    components = tuple(
        ComponentFindings(
            code=component.value, label=component.label, counts=_counts(items),
            findings=tuple(_finding_row(f) for f in sorted(
                items, key=lambda f: _OUTCOME_ORDER[f.outcome])))
        for component, items in grouped.items())
    months, visits = _visits(case, plan)
    return CaseReport(
        case_id=case.id, case_type=_words(case.case_type.value), opened_on=case.opened_on,
        closed_on=case.closed_on, county=case.county, region=case.region,
        caseworker=_name(case, case.caseworker_id), supervisor=_name(case, case.supervisor_id),
        as_of=as_of, policy_code=policy.code, policy_name=policy.name,
        due_window=str(policy.due_soon_window), asfa_label=asfa_label(policy),
        people=_people(case, findings, as_of,
                       frozenset(c.id for c in children if c.in_care)),
        children=children, overdue=rows(DeadlineStatus.OVERDUE), due=rows(DeadlineStatus.DUE),
        upcoming=rows(DeadlineStatus.UPCOMING), met_late=rows(DeadlineStatus.MET_LATE),
        met=sum(1 for d in deadlines if d.is_met), components=components,
        involvement=_involvement(findings), months=months, visits=visits,
        outcome_counts=_counts(findings))


_DEADLINE_MARK = {
    DeadlineStatus.MET_ON_TIME: "met", DeadlineStatus.MET_LATE: "late",
    DeadlineStatus.DUE: "due", DeadlineStatus.OVERDUE: "overdue",
    DeadlineStatus.UPCOMING: "upcoming",
}
_HORIZON = timedelta(days=240)
"""How far past the report date the timeline reaches (upcoming deadlines beyond are left out
of the picture; the lists name them). A presentation choice of this library, not a rule."""


def _deadline_marks(deadlines: Sequence[Deadline]) -> list[Mark]:
    marks = []
    for deadline in deadlines:
        if deadline.due_on is None or deadline.status not in _DEADLINE_MARK:
            continue
        what = _MONTHLY.get(deadline.kind, _words(deadline.kind.value))
        words = _STATUS_WORDS[deadline.status]
        if deadline.is_met and deadline.met_on is not None:
            words += f" ({deadline.met_on.isoformat()})"
        marks.append(Mark(on=deadline.due_on, label=f"{what} due: {words}",
                          kind=_DEADLINE_MARK[deadline.status]))
    return marks


def timeline_picture(case: Case, *, policy: PolicyProfile, as_of: date,
                     plan: CaseSchedule | None = None) -> TimelinePicture:
    """What the case timeline shows: a lane for the case (plans, staffings and the case's
    deadlines), one per child (removal episodes and placements, hearings, the child's
    deadlines, the ASFA count, named from the profile: "15 of 22" under the federal rule,
    42 USC 675(5)(E) and 45 CFR 1356.21(i), as ``timelines`` counts it) and one per parent
    due caseworker visits.

    ``plan`` is ``schedule``'s answer for the same arguments, computed here when not given.
    """
    plan = schedule(case, policy=policy, as_of=as_of) if plan is None else plan
    starts = [case.opened_on] + [e.removed_on for e in case.removal_episodes]
    start = min(d for d in starts if d <= as_of) if any(d <= as_of for d in starts) else as_of
    start = date(start.year, start.month, 1)
    horizon = as_of + _HORIZON
    every = plan.all_deadlines()
    dues = [d.due_on for d in every if d.due_on is not None and as_of < d.due_on <= horizon]
    end = max([as_of + timedelta(days=30), *dues])
    if case.closed_on is not None and case.closed_on <= as_of:
        end = max(case.closed_on + timedelta(days=30), min(end, as_of + timedelta(days=30)))

    case_marks = [Mark(on=p.completed_on, kind="plan",
                       label=f"case plan {p.id} ({_words(p.kind.value)})")
                  for p in case.plans if p.completed_on <= as_of]
    case_marks += [Mark(on=s.held_on, kind="review", label=f"supervisory staffing {s.id}")
                   for s in case.staffings if s.held_on <= as_of]
    case_marks += _deadline_marks([d for d in plan.case_deadlines
                                         if d.subject_id == case.id])
    lanes = [TimelineLane(label=f"Case {case.id}", note="plans, staffings", marks=tuple(
        case_marks))]
    asfa = asfa_label(policy)
    count = f"{policy.asfa_months_in_care} of {policy.asfa_window_months}"
    for child in plan.children:
        spans: list[Span] = []
        marks: list[Mark] = []
        for episode in case.episodes_for(child.child_id):
            if episode.removed_on > as_of:
                continue
            marks.append(Mark(on=episode.removed_on, kind="removal",
                              label=f"removal ({_words(episode.manner.value)})"))
            for placement in episode.placements:
                if placement.start > as_of:
                    continue
                last = min(d for d in (placement.end, episode.exit_on, as_of) if d is not None)
                spans.append(Span(start=placement.start, end=last,
                                  kind=placement_kind(placement.setting),
                                  label=_words(placement.setting.value)))
        marks += [Mark(on=h.held_on, kind="hearing", label=f"{_words(h.kind.value)} hearing")
                  for h in case.hearings_for(child.child_id) if h.held_on <= as_of]
        marks += _deadline_marks(child.deadlines)
        note = ""
        if child.asfa is not None:
            note = f"{count}: {child.asfa.months_in_care:g} months"
            reached = child.asfa.threshold_on or child.asfa.projected_on
            if reached is not None:
                word = "reached" if child.asfa.threshold_on else "projected"
                marks.append(Mark(on=reached, kind="asfa",
                                  label=f"{count} months {word}"))
        lanes.append(TimelineLane(label=_name(case, child.child_id), note=note,
                                  spans=tuple(spans), marks=tuple(marks)))
    parents: dict[str, list[Deadline]] = {}
    for deadline in plan.case_deadlines:
        if deadline.subject_id != case.id:
            parents.setdefault(deadline.subject_id, []).append(deadline)
    for person_id, deadlines in parents.items():
        lanes.append(TimelineLane(label=_name(case, person_id), note="caseworker visits",
                                  marks=tuple(_deadline_marks(deadlines))))
    statuses = Counter(d.status for d in every)
    overdue, due = statuses[DeadlineStatus.OVERDUE], statuses[DeadlineStatus.DUE]
    in_care = [f"{_name(case, c.child_id)}: {c.asfa.months_in_care:g} of "
               f"{policy.asfa_months_in_care} months"
               for c in plan.children if c.asfa is not None and c.asfa.in_care]
    late = statuses[DeadlineStatus.MET_LATE]
    description = (
        f"Timeline of case {case.id} from {start.isoformat()} to {end.isoformat()}, as of "
        f"{as_of.isoformat()}: removals and placements, hearings, case plans, staffings and "
        f"deadlines; {overdue} overdue, {due} due and {late} met late. {asfa}: "
        + ("; ".join(in_care) if in_care else "no child in care") + ".")
    return TimelinePicture(title=f"Case {case.id}: timeline as of {as_of.isoformat()}",
                           description=description, start=start, end=end, as_of=as_of,
                           lanes=tuple(lanes), asfa_label=asfa)

