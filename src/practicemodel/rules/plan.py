"""Plan completeness: ``plan.*`` (seed 003 slides 26–27, 56, 58; 45 CFR 1356.21(g); seed 004
tip 6).

Each plan holds every component and the out-of-home details of each child in care; each parent
took part or the plan says why not, and their requests and views are recorded; an update
records what an update must.

The rules judge the plans known on ``as_of`` (plans completed later are ignored), plan by
plan, oldest first; the shape, the registry and the errors every rule raises are described in
[`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from practicemodel._arguments import rule_args
from practicemodel.case import Case
from practicemodel.caseplan import (
    CasePlan,
    Participation,
    PlanKind,
)
from practicemodel.findings import Finding, word_list
from practicemodel.policy import PolicyProfile
from practicemodel.rules._plans import (
    NA,
    NM,
    NR,
    M,
    _concurrent_required,
    _finding,
    _in_care_on,
    _name,
    _parents,
    _person,
    _plan_args,
    _plan_subject,
    _plans_known,
    _sorted,
)
from practicemodel.rules._shared import about, by_rule, shared

__all__ = ["components", "out_of_home", "parent_input", "participation", "update_content"]


# -- 3. completeness ------------------------------------------------------------------------


def _plan_components(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                     as_of: date) -> tuple[Finding, ...]:
    """Check that every plan component of seed 003 slides 26–27 is present (``plan.components``).

    One finding listing what is missing: participants, permanency goal, assessment summary,
    contributing factors, strengths, service objectives, client responsibilities, case
    management services, a concurrent goal where required, visitation for each child in care
    on the plan date, independent living services for each youth in care aged
    the profile's
    [`independent_living_min_age`][practicemodel.policy.PolicyProfile.independent_living_min_age] or
    more, and a contact schedule.
    """
    _plan_args(plan, case, policy, as_of)
    when = plan.completed_on
    summary = plan.assessment_summary
    present: list[tuple[str, bool]] = [
        ("participants", bool(plan.participants)),
        ("permanency goal", plan.permanency_goal is not None),
        ("assessment summary", bool(summary and summary.strip())),
        ("contributing factors", bool(plan.contributing_factor_ids)),
        ("strengths", bool(plan.strength_ids)),
        ("service objectives", bool(plan.objectives)),
        ("client responsibilities", bool(plan.client_responsibilities)),
        ("case management services", bool(plan.case_management_services)),
    ]
    if _concurrent_required(plan, case, policy)[0]:
        present.append(("concurrent planning", plan.concurrent_goal is not None))
    children = sorted(set(plan.child_ids))
    visited = {va.child_id for va in plan.visitation}
    living = {s.youth_id for s in plan.independent_living_services}
    for child_id in children:
        if not _in_care_on(case, child_id, when):
            continue
        present.append((f"visitation for {child_id}", child_id in visited))
        person = _person(case, child_id)
        age = person.age_on(when) if person is not None else None
        if age is not None and age >= policy.independent_living_min_age:
            present.append((f"independent living services for {child_id}", child_id in living))
    present.append(("contact schedule", bool(plan.contact_schedule)))
    missing = [name for name, ok in present if not ok]
    facts = [("checked", ", ".join(name for name, _ in present)),
             ("missing", ", ".join(missing) or "(none)")]
    if missing:
        finding = _finding("plan.components", NM, plan.id, _plan_subject(plan),
                           f"The plan is missing: {', '.join(missing)}.", facts)
    else:
        finding = _finding("plan.components", M, plan.id, _plan_subject(plan),
                           "Every component the plan needs is present.", facts)
    return (finding,)


def _out_of_home_details(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                         as_of: date) -> tuple[Finding, ...]:
    """Check the details held for each child placed out of home (``plan.out_of_home``).

    For each child of the plan in foster care on the plan date: an assessment of placement
    needs, social worker contact with the substitute care provider and child well-being
    information (seed 003 slide 56). Children not in care are ``not_applicable``.
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for child_id in sorted(set(plan.child_ids)):
        subject = f"child {child_id} in plan {plan.id}"
        if not _in_care_on(case, child_id, plan.completed_on):
            found.append(_finding("plan.out_of_home", NA, child_id, subject,
                                  "The child was not in foster care on the plan date.",
                                  [("child", child_id)]))
            continue
        details = [d for d in plan.out_of_home if d.child_id == child_id]
        has = {
            "placement needs": any(d.placement_needs for d in details),
            "contact with the substitute care provider": any(
                d.provider_contact is not None for d in details),
            "well-being information": any(d.well_being for d in details),
        }
        missing = [name for name, ok in has.items() if not ok]
        facts = [("child", child_id), ("missing", ", ".join(missing) or "(none)")]
        if missing:
            found.append(_finding("plan.out_of_home", NM, child_id, subject,
                                  f"The child is in foster care and the plan does not hold: "
                                  f"{', '.join(missing)}.", facts))
        else:
            found.append(_finding("plan.out_of_home", M, child_id, subject,
                                  "The plan holds the out-of-home details for the child.",
                                  facts))
    return _sorted(found)


def _parent_participation(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                          as_of: date) -> tuple[Finding, ...]:
    """Check that each parent took part or the plan says why not (``plan.participation``).

    Parents are the adults related to a child of the plan as mother or father on the plan
    date. ``met`` when the parent is a participant (one who did not participate always has a
    reason, an invariant of [`PlanParticipant`][practicemodel.caseplan.PlanParticipant]);
    ``not_met`` when the plan does not mention the parent (45 CFR 1356.21(g)).
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for parent_id, roles in _parents(case, plan).items():
        role = " and ".join(sorted(r.value for r in roles))
        entries = sorted((p for p in plan.participants if p.person_id == parent_id),
                         key=lambda p: p.participation.value)
        took_part = [p for p in entries if p.participation is not Participation.DID_NOT_PARTICIPATE]
        facts = [("parent", parent_id), ("role", role),
                 ("participation", word_list(p.participation.value for p in entries))]
        subject = f"{role} {parent_id} in plan {plan.id}"
        if took_part:
            outcome, why = M, (f"{_name(case, parent_id)} took part "
                               f"({took_part[0].participation.value}).")
        elif entries:
            reason = entries[0].reason_not_participating or ""
            facts.append(("reason", reason))
            outcome, why = M, (f"{_name(case, parent_id)} did not take part and the plan says "
                               f"why: {reason}")
        else:
            outcome, why = NM, (f"The plan does not say whether {_name(case, parent_id)} took "
                                "part; a plan is developed jointly with the parents and, if a "
                                "parent cannot or will not take part, says so.")
        found.append(_finding("plan.participation", outcome, parent_id, subject, why, facts))
    return _sorted(found)


def _parent_input(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                  as_of: date) -> tuple[Finding, ...]:
    """Check that the plan records each parent's own requests and views (``plan.parent_input``).

    ``met`` when a [`ParentInput`][practicemodel.caseplan.ParentInput] for the parent records
    requested services or a view of strengths or needs (seed 004 tip 6); ``needs_review``
    when none is recorded for a parent who did not take part; ``not_met`` otherwise.
    """
    _plan_args(plan, case, policy, as_of)
    found = []
    for parent_id, roles in _parents(case, plan).items():
        role = " and ".join(sorted(r.value for r in roles))
        recorded = [i for i in plan.parent_input if i.person_id == parent_id and (
            i.requested_services or i.view_of_strengths or i.view_of_needs)]
        absent = any(p.person_id == parent_id
                     and p.participation is Participation.DID_NOT_PARTICIPATE
                     for p in plan.participants) and not any(
            p.person_id == parent_id and p.participation is not Participation.DID_NOT_PARTICIPATE
            for p in plan.participants)
        facts = [("parent", parent_id), ("role", role),
                 ("input recorded", "yes" if recorded else "no")]
        if recorded:
            outcome, why = M, (f"The plan records the requests for services or view of strengths "
                               f"and needs of {_name(case, parent_id)}.")
        elif absent:
            outcome, why = NR, (f"The plan records no input from {_name(case, parent_id)}, who "
                                "did not take part; whether their view could be sought another "
                                "way is for a person to judge.")
        else:
            outcome, why = NM, ("The plan does not record the requests for services or view of "
                                f"strengths and needs of {_name(case, parent_id)}.")
        found.append(_finding("plan.parent_input", outcome, parent_id,
                              f"{role} {parent_id} in plan {plan.id}", why, facts))
    return _sorted(found)


def _update_content(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                    as_of: date) -> tuple[Finding, ...]:
    """Check that an update records what slide 58 asks (``plan.update_content``).

    Current family circumstances, parental progress on objectives, parental compliance with
    services, and efforts to achieve the alternate permanency (seed 003 slide 58). An initial
    plan is ``not_applicable``.
    """
    _plan_args(plan, case, policy, as_of)
    subject = _plan_subject(plan)
    if plan.kind is not PlanKind.UPDATE:
        return (_finding("plan.update_content", NA, plan.id, subject,
                         "This is the initial plan, not an update.", [("kind", plan.kind.value)]),)
    report = plan.update_report
    items = {
        "current family circumstances": report.current_circumstances if report else None,
        "progress on objectives": report.progress_on_objectives if report else None,
        "compliance with services": report.compliance_with_services if report else None,
        "efforts toward alternate permanency": (report.concurrent_planning_efforts
                                                if report else None),
    }
    missing = [name for name, text in items.items() if not (text and text.strip())]
    facts = [("kind", plan.kind.value), ("missing", ", ".join(missing) or "(none)")]
    if missing:
        return (_finding("plan.update_content", NM, plan.id, subject,
                         f"The update does not record: {', '.join(missing)}.", facts),)
    return (_finding("plan.update_content", M, plan.id, subject,
                     "The update records all four items.", facts),)

# -- the rules ------------------------------------------------------------------------------


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    found: list[Finding] = []
    for known in _plans_known(case, as_of):
        per_plan: list[Finding] = []
        for check in (_plan_components,
                      _out_of_home_details,
                      _parent_participation,
                      _parent_input,
                      _update_content):
            per_plan.extend(check(known, case=case, policy=policy, as_of=as_of))
        found.extend(about(f, plan_id=known.id) for f in _sorted(per_plan))
    return by_rule(found)


def components(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Plan holds every component.

    Rule ``plan.components``. Source: seed 003 slides 26-27.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("plan.components", ())


def out_of_home(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Plan holds the out-of-home details of each child in care.

    Rule ``plan.out_of_home``. Source: seed 003 slide 56.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("plan.out_of_home", ())


def parent_input(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Plan records each parent's requests and views.

    Rule ``plan.parent_input``; CFSR item 13. Source: seed 004 tip 6.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("plan.parent_input", ())


def participation(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Each parent took part in the plan, or the plan says why not.

    Rule ``plan.participation``; CFSR item 13. Source: 45 CFR 1356.21(g); CWPM 8.3C.1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("plan.participation", ())


def update_content(case: Case, *, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """Update records what an update must.

    Rule ``plan.update_content``. Source: seed 003 slide 58.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("plan.update_content", ())
