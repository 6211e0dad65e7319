"""A plain-text summary of a case record, for people reading a terminal or a log.

The summary states what the record holds; it applies no rule and reads no clock (ages are
given as birth dates; placements as recorded).
"""

from __future__ import annotations

from practicemodel.case import Case

__all__ = ["summarize"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summarize(case: Case) -> str:
    """Return a multi-line, human-readable summary of ``case``.

    >>> from practicemodel.example import load_example
    >>> print(summarize(load_example()).splitlines()[0])
    Case wilson-2026-0142 (foster care), Northern region, Cedar County
    """
    staff = {s.id: s.name for s in case.staff}
    people = {p.id: p for p in case.people}
    lines = [
        f"Case {case.id} ({case.case_type.value.replace('_', ' ')}), {case.region} region, "
        f"{case.county}",
        f"  opened {case.opened_on}"
        + (f", closed {case.closed_on}" if case.closed_on else ", open")
        + f"; caseworker {staff.get(case.caseworker_id, case.caseworker_id)}, "
        f"supervisor {staff.get(case.supervisor_id, case.supervisor_id)}",
        "",
        "Children:",
    ]
    for child in case.children():
        born = f"born {child.birth_date}" if child.birth_date else "birth date unknown"
        lines.append(f"  {child.name} ({child.id}), {born}")
        for episode in case.episodes_for(child.id):
            end = f"exited {episode.exit_on} ({episode.exit_reason})" if episode.exit_on \
                else "in care"
            manner = episode.manner.value.replace("_", " ")
            lines.append(f"    removed {episode.removed_on} ({manner}), {end}; "
                         f"{_plural(len(episode.placements), 'placement')}")
            for placement in episode.placements:
                until = placement.end.isoformat() if placement.end else "now"
                carers = ", ".join(people[c].name for c in placement.caregiver_ids if c in people)
                with_whom = f" with {carers}" if carers else ""
                lines.append(f"      {placement.start} to {until}: "
                             f"{placement.setting.value.replace('_', ' ')}{with_whom}")
    adults = [p for p in case.people if p.id not in set(case.child_ids)]
    lines += ["", "Adults:"]
    for adult in adults:
        roles = sorted({
            (r.parent_role.value if r.parent_role else r.kind.value.replace("_", " "))
            for r in case.relationships if r.adult_id == adult.id
        })
        lines.append(f"  {adult.name} ({adult.id})" + (f": {', '.join(roles)}" if roles else ""))
    lines += ["", "Case plans:"]
    if not case.plans:
        lines.append("  none recorded")
    for plan in sorted(case.plans, key=lambda p: p.completed_on):
        goal = plan.permanency_goal.value.replace("_", " ") if plan.permanency_goal else "no goal"
        concurrent = (f", concurrent {plan.concurrent_goal.value.replace('_', ' ')}"
                      if plan.concurrent_goal else "")
        lines.append(f"  {plan.id}: {plan.kind.value} plan of {plan.completed_on}, goal "
                     f"{goal}{concurrent}; {_plural(len(plan.objectives), 'objective')}, "
                     f"{len(plan.closure_criteria)} closure criteria")
    lines += [
        "",
        "Record:",
        f"  {_plural(len(case.hearings), 'hearing')}, "
        f"{_plural(len(case.judicial_findings), 'judicial finding')}",
        f"  {_plural(len(case.safety_assessments), 'safety assessment')}, "
        f"{_plural(len(case.risk_assessments), 'risk assessment')}, "
        f"{_plural(len(case.strengths_needs_assessments), 'strengths and needs assessment')}",
        f"  {_plural(len(case.services), 'service')}, "
        f"{_plural(len(case.involvement_events), 'involvement event')}",
        f"  {_plural(len(case.contacts), 'caseworker contact')}, "
        f"{_plural(len(case.family_visits), 'family visit')}, "
        f"{_plural(len(case.staffings), 'supervisory staffing')}",
    ]
    return "\n".join(lines)
