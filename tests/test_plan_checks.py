"""Case plan quality checks: tables of plans that pass and fail each rule, and laws."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.caseplan import (
    AchievementStatus,
    AftercarePlan,
    CasePlan,
    ClosureCategory,
    ClosureCriterion,
    CriterionStatus,
    ObjectiveLifecycle,
    PermanencyGoal,
    PlanKind,
    PlanUpdateReport,
    ServiceObjective,
)
from practicemodel.checks import check_case
from practicemodel.errors import InvalidInputError
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.policy import CA, FEDERAL, MS, PolicyProfile
from practicemodel.rules import goals, select
from practicemodel.rules.closure import (
    _aftercare_plan,
    _closure_criteria_in_first_plan,
    _closure_criteria_measured,
    _closure_readiness,
)
from practicemodel.rules.concurrent import _concurrent_planning
from practicemodel.rules.goals import _permanency_goals
from practicemodel.rules.plan import (
    _out_of_home_details,
    _parent_input,
    _parent_participation,
    _plan_components,
    _update_content,
)
from practicemodel.rules.reunification import _reunification_readiness
from practicemodel.rules.services import (
    _needs_addressed,
    _objectives_have_services,
    _services_serve_objectives,
)

G = PermanencyGoal
O = Outcome  # noqa: E741
AS_OF = date(2026, 11, 22)
CASE = load_example()


PLAN_RULES = ["services.*", "goals.*", "concurrent.*", "plan.*", "closure.*", "reunification.*"]
"""The plan-quality rule families (what ``check_case_plans`` ran before the rules moved)."""

# The sub-checks that judge one plan, each ``(plan, *, case, policy, as_of)``.
_PER_PLAN = (_services_serve_objectives, _objectives_have_services, _needs_addressed,
             _permanency_goals, _concurrent_planning, _plan_components, _out_of_home_details,
             _parent_participation, _parent_input, _update_content)


def _check_plans(case: Case, policy: PolicyProfile, as_of: date) -> tuple[Finding, ...]:
    """The findings of the plan-quality rules (``check_case`` with ``PLAN_RULES``)."""
    return check_case(case, policy=policy, as_of=as_of, rules=PLAN_RULES)


def _check_one_plan(plan: CasePlan, *, case: Case, policy: PolicyProfile,
                    as_of: date) -> tuple[Finding, ...]:
    """Every per-plan sub-check's findings for ``plan``."""
    return tuple(f for check in _PER_PLAN for f in check(plan, case=case, policy=policy,
                                                         as_of=as_of))


def _plan(plan_id: str, case: Case = CASE) -> CasePlan:
    """Return the plan with ``plan_id``."""
    return next(p for p in case.plans if p.id == plan_id)


def _with_plan(plan: CasePlan, case: Case = CASE) -> Case:
    """Return the case with the plan of the same id replaced."""
    return attrs.evolve(case, plans=tuple(plan if p.id == plan.id else p for p in case.plans))


def _outcomes(findings: tuple[Finding, ...], rule: str) -> dict[str, Outcome]:
    """Map subject id to outcome for one rule."""
    return {f.subject_id: f.outcome for f in findings if f.rule == rule}


def _one(findings: tuple[Finding, ...], rule: str) -> Finding:
    """Return the only finding for ``rule``."""
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1
    return matching[0]


def _bare(**changes: Any) -> CasePlan:
    """A hand-built initial plan for Ava with nothing in it but ``changes``."""
    fields: dict[str, Any] = {"id": "plan-x", "kind": PlanKind.INITIAL,
                              "completed_on": date(2026, 3, 27), "child_ids": ("ava",)}
    fields.update(changes)
    return CasePlan(**fields)


# -- 1. objectives and services ---------------------------------------------------------------


@pytest.mark.parametrize(("plan_id", "expected"), [
    ("plan-1", {"svc-ava-counseling": O.NOT_MET, "svc-dana-therapy": O.MET,
                "svc-housing": O.MET, "svc-leo-speech": O.NOT_MET,
                "svc-marcus-assessment": O.MET, "svc-marcus-iop": O.MET,
                "svc-ruth-respite": O.NOT_MET}),
    ("plan-2", {"svc-ava-counseling": O.NOT_MET, "svc-dana-therapy": O.NOT_APPLICABLE,
                "svc-housing": O.NOT_APPLICABLE, "svc-leo-speech": O.NOT_MET,
                "svc-marcus-assessment": O.NOT_APPLICABLE, "svc-marcus-iop": O.MET,
                "svc-ruth-respite": O.NOT_MET}),
])
def test_services_serve_objectives(plan_id: str, expected: dict[str, Outcome]) -> None:
    """A service with no objective is not met; one serving only another version's is n/a."""
    actual = _outcomes(_services_serve_objectives(_plan(plan_id), case=CASE, policy=MS,
                                                 as_of=AS_OF),
                       "services.serves_objective")
    assert expected == actual


def test_services_referred_after_as_of_are_ignored() -> None:
    """A service referred after ``as_of`` is not known yet and gets no finding."""
    actual = _outcomes(_services_serve_objectives(_plan("plan-1"), case=CASE, policy=MS,
                                                 as_of=date(2026, 2, 15)),
                       "services.serves_objective")
    assert "svc-dana-therapy" not in actual


@pytest.mark.parametrize(("plan", "expected"), [
    (_plan("plan-1"), {"obj-dana-supervision": O.MET, "obj-family-housing": O.MET,
                       "obj-marcus-assessment": O.MET, "obj-marcus-sobriety": O.MET}),
    (_plan("plan-2"), {"obj-dana-supervision-2": O.NOT_MET, "obj-marcus-sobriety-2": O.MET}),
    (_bare(objectives=(ServiceObjective(id="obj-x", statement="Ava sleeps at home"),)),
     {"obj-x": O.NOT_MET}),
    (_bare(objectives=(ServiceObjective(id="obj-x", statement="Ava sleeps at home",
                                        lifecycle=ObjectiveLifecycle.CANCELLED),)),
     {"obj-x": O.NOT_APPLICABLE}),
])
def test_objectives_have_services(plan: CasePlan, expected: dict[str, Outcome]) -> None:
    """An objective with no responsibility, agency task or service is not met."""
    actual = _outcomes(_objectives_have_services(plan, case=CASE, policy=MS, as_of=AS_OF),
                       "services.objective_has_service")
    assert expected == actual


def _without_service(service_id: str) -> Case:
    """The example without one service (and without the links to it from the children's
    well-being needs)."""
    needs = tuple(attrs.evolve(n, service_ids=tuple(i for i in n.service_ids if i != service_id))
                  for n in CASE.well_being_needs)
    return attrs.evolve(CASE, services=tuple(s for s in CASE.services if s.id != service_id),
                        well_being_needs=needs)


def _undosed(service_id: str) -> Case:
    """The example with one service's dosage removed."""
    return attrs.evolve(CASE, services=tuple(
        attrs.evolve(s, dosage=None) if s.id == service_id else s for s in CASE.services))


@pytest.mark.parametrize(("case", "person", "expected"), [
    (CASE, "ruth", O.MET),
    (CASE, "ava", O.MET),
    (_without_service("svc-ruth-respite"), "ruth", O.NOT_MET),
    (_without_service("svc-leo-speech"), "leo", O.NOT_MET),
    (_undosed("svc-ava-counseling"), "ava", O.NEEDS_REVIEW),
    (_undosed("svc-leo-speech"), "leo", O.MET),
])
def test_needs_addressed(case: Case, person: str, expected: Outcome) -> None:
    """Needs with no service are not met; a priority need with no dosage needs review."""
    findings = _needs_addressed(_plan("plan-1", case), case=case, policy=MS, as_of=AS_OF)
    actual = _outcomes(findings, "services.needs_addressed")[person]
    assert expected == actual


def test_needs_addressed_covers_every_assessed_person() -> None:
    """Mother, father, both children and the foster parent each get a finding."""
    expected = {"ava", "dana", "leo", "marcus", "ruth"}
    actual = set(_outcomes(_needs_addressed(_plan("plan-1"), case=CASE, policy=MS, as_of=AS_OF),
                           "services.needs_addressed"))
    assert expected == actual


# -- 2. goals and concurrent planning -------------------------------------------------------


@pytest.mark.parametrize(("goal", "policy", "valid", "permanent"), [
    (G.RETURN_HOME, MS, O.MET, O.MET),
    (None, MS, O.NOT_MET, O.NOT_APPLICABLE),
    (G.LONG_TERM_FOSTER_CARE, FEDERAL, O.MET, O.NOT_MET),
    (G.FIT_AND_WILLING_RELATIVE, FEDERAL, O.MET, O.MET),
    (G.FIT_AND_WILLING_RELATIVE, CA, O.NOT_MET, O.NOT_MET),
    (G.ADOPTION, CA, O.MET, O.MET),
])
def test_goal_valid_and_permanent(goal: PermanencyGoal | None, policy: PolicyProfile,
                                  valid: Outcome, permanent: Outcome) -> None:
    """The goal must be stated, in use under the policy, and represent permanency."""
    findings = _permanency_goals(_bare(permanency_goal=goal), case=CASE, policy=policy, as_of=AS_OF)
    expected = (valid, permanent)
    actual = (_one(findings, "goals.valid").outcome,
              _one(findings, "goals.represents_permanency").outcome)
    assert expected == actual


def _ava_born(born: date) -> Case:
    """The example with Ava's birth date changed."""
    return attrs.evolve(CASE, people=tuple(
        attrs.evolve(p, birth_date=born) if p.id == "ava" else p for p in CASE.people))


@pytest.mark.parametrize(("born", "reason", "expected"), [
    (date(2010, 3, 28), "Ava asks to stay with her caregiver", O.NOT_MET),  # 15
    (date(2010, 3, 27), "Ava asks to stay with her caregiver", O.MET),  # 16
    (date(2010, 3, 27), None, O.NOT_MET),
    (date(2018, 6, 14), None, O.NOT_MET),
])
def test_appla_age(born: date, reason: str | None, expected: Outcome) -> None:
    """APPLA for a 15-year-old fails; for a 16-year-old with a compelling reason it passes."""
    plan = _bare(permanency_goal=G.APPLA, goal_compelling_reason=reason)
    actual = _one(_permanency_goals(plan, case=_ava_born(born), policy=FEDERAL, as_of=AS_OF),
                  "goals.appla_age").outcome
    assert expected == actual


def test_appla_not_applicable_for_other_goals() -> None:
    """A plan with neither goal APPLA gets a not-applicable APPLA finding."""
    expected = O.NOT_APPLICABLE
    actual = _one(_permanency_goals(_plan("plan-1"), case=CASE, policy=FEDERAL, as_of=AS_OF),
                  "goals.appla_age").outcome
    assert expected == actual


_NO_ALT = attrs.evolve(_plan("plan-1"), concurrent_goal=None, concurrent_steps=())


@pytest.mark.parametrize(("plan", "policy", "expected"), [
    (_plan("plan-1"), CA, O.MET),
    (_NO_ALT, CA, O.NOT_MET),
    (_NO_ALT, FEDERAL, O.NOT_APPLICABLE),
    (_NO_ALT, MS, O.NOT_APPLICABLE),
    (attrs.evolve(_NO_ALT, permanency_goal=G.ADOPTION), CA, O.NOT_APPLICABLE),
    (attrs.evolve(_NO_ALT, completed_on=date(2026, 1, 5)), CA, O.NOT_APPLICABLE),
])
def test_concurrent_required(plan: CasePlan, policy: PolicyProfile, expected: Outcome) -> None:
    """CA requires a concurrent goal for a child in care with a return-home goal; FEDERAL not."""
    actual = _one(_concurrent_planning(plan, case=CASE, policy=policy, as_of=AS_OF),
                  "concurrent.required").outcome
    assert expected == actual


def test_concurrent_not_required_says_why() -> None:
    """The not-applicable finding cites the federal statute permitting concurrent planning."""
    finding = _one(_concurrent_planning(_NO_ALT, case=CASE, policy=FEDERAL, as_of=AS_OF),
                   "concurrent.required")
    assert "42 USC 671(a)(15)(F)" in finding.explanation


@pytest.mark.parametrize(("plan", "rule", "expected"), [
    (_plan("plan-1"), "concurrent.differs", O.MET),
    (_plan("plan-1"), "concurrent.represents_permanency", O.MET),
    (attrs.evolve(_plan("plan-1"), concurrent_goal=G.LONG_TERM_FOSTER_CARE),
     "concurrent.represents_permanency", O.NOT_MET),
    (_plan("plan-1"), "concurrent.has_steps", O.MET),
    (attrs.evolve(_plan("plan-1"), concurrent_steps=()), "concurrent.has_steps", O.NOT_MET),
    (_NO_ALT, "concurrent.has_steps", O.NOT_APPLICABLE),
    (_plan("plan-1"), "concurrent.efforts_recorded", O.NOT_APPLICABLE),
    (_plan("plan-2"), "concurrent.efforts_recorded", O.MET),
    (attrs.evolve(_plan("plan-2"), update_report=PlanUpdateReport(current_circumstances="x")),
     "concurrent.efforts_recorded", O.NOT_MET),
])
def test_concurrent_rules(plan: CasePlan, rule: str, expected: Outcome) -> None:
    """The concurrent goal differs, represents permanency, has steps and efforts recorded."""
    actual = _one(_concurrent_planning(plan, case=CASE, policy=CA, as_of=AS_OF), rule).outcome
    assert expected == actual


# -- 3. completeness ------------------------------------------------------------------------


@pytest.mark.parametrize(("plan", "case", "policy", "missing"), [
    (_plan("plan-1"), CASE, MS, "(none)"),
    (_plan("plan-2"), CASE, MS,
     "assessment summary, strengths, case management services, contact schedule"),
    (_NO_ALT, CASE, CA, "concurrent planning"),
    (_NO_ALT, CASE, FEDERAL, "(none)"),
    (_plan("plan-1"), _ava_born(date(2012, 1, 1)), MS, "independent living services for ava"),
    (_bare(), CASE, FEDERAL,
     "participants, permanency goal, assessment summary, contributing factors, strengths, "
     "service objectives, client responsibilities, case management services, visitation for "
     "ava, contact schedule"),
])
def test_plan_components(plan: CasePlan, case: Case, policy: PolicyProfile,
                         missing: str) -> None:
    """One finding lists every missing component of slides 26-27."""
    finding = _one(_plan_components(plan, case=case, policy=policy, as_of=AS_OF), "plan.components")
    expected = (O.MET if missing == "(none)" else O.NOT_MET, missing)
    actual = (finding.outcome, {f.label: f.value for f in finding.facts}["missing"])
    assert expected == actual


@pytest.mark.parametrize(("plan", "expected"), [
    (_plan("plan-1"), {"ava": O.MET, "leo": O.MET}),
    (_plan("plan-2"), {"ava": O.NOT_MET, "leo": O.NOT_MET}),
    (_bare(completed_on=date(2026, 1, 5)), {"ava": O.NOT_APPLICABLE}),
])
def test_out_of_home(plan: CasePlan, expected: dict[str, Outcome]) -> None:
    """Each child in care needs placement needs, provider contact and well-being information."""
    actual = _outcomes(_out_of_home_details(plan, case=CASE, policy=MS, as_of=AS_OF),
                       "plan.out_of_home")
    assert expected == actual


_NO_MARCUS = attrs.evolve(_plan("plan-1"), participants=tuple(
    p for p in _plan("plan-1").participants if p.person_id != "marcus"))


@pytest.mark.parametrize(("plan", "expected"), [
    (_plan("plan-1"), {"dana": O.MET, "marcus": O.MET}),
    (_plan("plan-2"), {"dana": O.MET, "marcus": O.MET}),
    (_NO_MARCUS, {"dana": O.MET, "marcus": O.NOT_MET}),
])
def test_parent_participation(plan: CasePlan, expected: dict[str, Outcome]) -> None:
    """Each parent took part, or did not with a reason; a parent not mentioned is not met."""
    actual = _outcomes(_parent_participation(plan, case=CASE, policy=MS, as_of=AS_OF),
                       "plan.participation")
    assert expected == actual


@pytest.mark.parametrize(("plan", "expected"), [
    (_plan("plan-1"), {"dana": O.MET, "marcus": O.MET}),
    (_plan("plan-2"), {"dana": O.NOT_MET, "marcus": O.NEEDS_REVIEW}),
])
def test_parent_input(plan: CasePlan, expected: dict[str, Outcome]) -> None:
    """Parents' own requests are recorded; one who did not take part needs review."""
    actual = _outcomes(_parent_input(plan, case=CASE, policy=MS, as_of=AS_OF), "plan.parent_input")
    assert expected == actual


@pytest.mark.parametrize(("plan", "expected"), [
    (_plan("plan-1"), O.NOT_APPLICABLE),
    (_plan("plan-2"), O.MET),
    (attrs.evolve(_plan("plan-2"), update_report=None), O.NOT_MET),
    (attrs.evolve(_plan("plan-2"), update_report=PlanUpdateReport(
        current_circumstances="a", progress_on_objectives="b", compliance_with_services="c")),
     O.NOT_MET),
])
def test_update_content(plan: CasePlan, expected: Outcome) -> None:
    """An update records all four items of slide 58."""
    actual = _one(_update_content(plan, case=CASE, policy=MS, as_of=AS_OF),
                  "plan.update_content").outcome
    assert expected == actual


# -- 4. safe closure and readiness ----------------------------------------------------------


def _first_with(criteria: tuple[ClosureCriterion, ...]) -> Case:
    """The example with plan-1's closure criteria replaced."""
    return _with_plan(attrs.evolve(_plan("plan-1"), closure_criteria=criteria))


_FIRST = _plan("plan-1").closure_criteria


@pytest.mark.parametrize(("case", "policy", "expected"), [
    (CASE, MS, O.MET),
    (_first_with(_FIRST[1:]), MS, O.NOT_MET),
    (_first_with(_FIRST[1:]), FEDERAL, O.NEEDS_REVIEW),
    (_first_with(()), MS, O.NOT_MET),
])
def test_closure_criteria_in_first_plan(case: Case, policy: PolicyProfile,
                                        expected: Outcome) -> None:
    """The first plan needs criteria in all six categories (required in MS)."""
    actual = _one(_closure_criteria_in_first_plan(case, policy=policy, as_of=AS_OF),
                  "closure.criteria_in_first_plan").outcome
    assert expected == actual


@pytest.mark.parametrize(("case", "expected"), [
    (CASE, O.MET),
    (_first_with((attrs.evolve(_FIRST[0], measure=None), *_FIRST[1:])), O.NOT_MET),
    (_first_with(()), O.NOT_APPLICABLE),
])
def test_closure_criteria_measured(case: Case, expected: Outcome) -> None:
    """Each closure criterion of the first plan has a measure."""
    actual = _one(_closure_criteria_measured(case, policy=MS, as_of=AS_OF),
                  "closure.criteria_measured").outcome
    assert expected == actual


def _ready_case(*, aftercare: AftercarePlan | None = None) -> Case:
    """The example with plan-2's criteria met, objectives achieved, safety plan ended."""
    plan = _plan("plan-2")
    plan = attrs.evolve(
        plan,
        closure_criteria=tuple(attrs.evolve(c, status=CriterionStatus.MET)
                               for c in plan.closure_criteria),
        objectives=tuple(attrs.evolve(o, achievement=AchievementStatus.ACHIEVED)
                         for o in plan.objectives),
        aftercare=aftercare,
    )
    case = _with_plan(plan)
    return attrs.evolve(case, safety_assessments=tuple(
        attrs.evolve(a, safety_plan=attrs.evolve(a.safety_plan, end=date(2026, 11, 1)))
        if a.safety_plan is not None else a for a in case.safety_assessments))


def test_closure_ready_lists_what_is_unmet() -> None:
    """The example is not ready: criteria not met, a safety plan in effect, open objectives."""
    finding = _one(_closure_readiness(CASE, policy=MS, as_of=AS_OF), "closure.ready")
    expected = (O.NOT_MET, True, True, True)
    actual = (finding.outcome, "closure criteria not met" in finding.explanation,
              "safety plan in effect: sp-1" in finding.explanation,
              "obj-dana-supervision-2" in finding.explanation)
    assert expected == actual


def test_closure_ready_when_everything_is_met() -> None:
    """All criteria met, no safety plan in effect and objectives achieved: ready."""
    expected = O.MET
    actual = _one(_closure_readiness(_ready_case(), policy=MS, as_of=AS_OF),
                  "closure.ready").outcome
    assert expected == actual


def test_closure_ready_counts_cancelled_objectives_as_explained() -> None:
    """A cancelled objective that was never achieved does not block closure."""
    case = _ready_case()
    plan = _plan("plan-2", case)
    plan = attrs.evolve(plan, objectives=tuple(
        attrs.evolve(o, achievement=AchievementStatus.NOT_ACHIEVED,
                     lifecycle=ObjectiveLifecycle.CANCELLED) for o in plan.objectives))
    expected = O.MET
    actual = _one(_closure_readiness(_with_plan(plan, case), policy=MS, as_of=AS_OF),
                  "closure.ready").outcome
    assert expected == actual


@pytest.mark.parametrize(("case", "expected"), [
    (CASE, {"ava": O.NOT_MET, "leo": O.NOT_MET}),
    (_ready_case(), {"ava": O.NEEDS_REVIEW, "leo": O.NEEDS_REVIEW}),
])
def test_reunification_readiness(case: Case, expected: dict[str, Outcome]) -> None:
    """The data can rule reunification out, never in: at best it needs review."""
    actual = _outcomes(_reunification_readiness(case, policy=MS, as_of=AS_OF),
                       "reunification.ready")
    assert expected == actual


def test_reunification_not_met_while_unsafe() -> None:
    """Before the second safety assessment the latest decision is unsafe: not met."""
    findings = _reunification_readiness(CASE, policy=MS, as_of=date(2026, 4, 1))
    expected = {"ava": True, "leo": True}
    actual = {f.subject_id: f.outcome is O.NOT_MET and "unsafe" in f.explanation
              for f in findings}
    assert expected == actual


@pytest.mark.parametrize(("case", "expected"), [
    (CASE, O.NOT_APPLICABLE),
    (_ready_case(), O.NOT_MET),
    (_ready_case(aftercare=AftercarePlan(vulnerabilities=("relapse",))), O.NOT_MET),
    (_ready_case(aftercare=AftercarePlan(vulnerabilities=("relapse",),
                                         strengths=("Ruth nearby",))), O.MET),
])
def test_aftercare(case: Case, expected: Outcome) -> None:
    """A closing case needs an aftercare plan naming vulnerabilities and strengths."""
    actual = _one(_aftercare_plan(case, policy=MS, as_of=AS_OF), "closure.aftercare").outcome
    assert expected == actual


# -- runners and laws -----------------------------------------------------------------------


def test_plan_rules_run_every_rule() -> None:
    """Every plan-quality rule id appears when checking the example as of 2026-11-22."""
    expected = {
        "services.serves_objective", "services.objective_has_service",
        "services.needs_addressed", "goals.valid", "goals.appla_age",
        "goals.represents_permanency", "concurrent.required", "concurrent.differs",
        "concurrent.represents_permanency", "concurrent.has_steps",
        "concurrent.efforts_recorded", "plan.components", "plan.out_of_home",
        "plan.participation", "plan.parent_input", "plan.update_content",
        "closure.criteria_in_first_plan", "closure.criteria_measured", "closure.ready",
        "reunification.ready", "closure.aftercare",
    }
    assert expected == {info.id for info in select(*PLAN_RULES)}
    actual = {f.rule for f in _check_plans(CASE, policy=MS, as_of=AS_OF)}
    assert expected == actual


def test_plan_rules_ignore_later_plans() -> None:
    """As of a date before the update, only plan-1's findings appear."""
    findings = _check_plans(CASE, policy=MS, as_of=date(2026, 4, 1))
    expected = {"plan-1"}
    actual = {f.subject_id for f in findings if f.rule == "plan.components"}
    assert expected == actual


def test_a_rule_function_ignores_later_plans() -> None:
    """A rule function judges only the plans known on ``as_of``, oldest first."""
    expected = (["plan-1"], ["plan-1", "plan-2"])
    actual = tuple([f.subject_id for f in goals.valid(CASE, policy=MS, as_of=as_of)]
                   for as_of in (date(2026, 4, 1), AS_OF))
    assert expected == actual


def test_every_finding_has_source_and_component() -> None:
    """Each finding names its source and at least one practice-model component."""
    findings = _check_plans(CASE, policy=CA, as_of=AS_OF)
    assert all(f.source and f.components and f.explanation for f in findings)


@given(st.randoms(use_true_random=False))
def test_order_of_objectives_and_services_does_not_matter(rnd: Any) -> None:
    """Shuffling objectives, responsibilities, services and assessments changes no verdict."""
    plan = _plan("plan-1")
    shuffled_plan = attrs.evolve(
        plan,
        objectives=tuple(rnd.sample(plan.objectives, len(plan.objectives))),
        client_responsibilities=tuple(rnd.sample(plan.client_responsibilities,
                                                 len(plan.client_responsibilities))),
        participants=tuple(rnd.sample(plan.participants, len(plan.participants))),
        closure_criteria=tuple(rnd.sample(plan.closure_criteria, len(plan.closure_criteria))),
    )
    case = attrs.evolve(
        _with_plan(shuffled_plan),
        services=tuple(rnd.sample(CASE.services, len(CASE.services))),
        relationships=tuple(rnd.sample(CASE.relationships, len(CASE.relationships))),
        strengths_needs_assessments=tuple(rnd.sample(CASE.strengths_needs_assessments,
                                                     len(CASE.strengths_needs_assessments))),
    )
    expected = _check_one_plan(plan, case=CASE, policy=CA, as_of=AS_OF)
    actual = _check_one_plan(shuffled_plan, case=case, policy=CA, as_of=AS_OF)
    assert expected == actual
    assert _check_plans(CASE, policy=CA, as_of=AS_OF) == _check_plans(
        case, policy=CA, as_of=AS_OF)


_PLAN = _plan("plan-1")


@pytest.mark.parametrize("call", [
    lambda: _plan_components({"id": "plan-1"}, case=CASE, policy=MS, as_of=AS_OF),  # type: ignore[arg-type]
    lambda: _services_serve_objectives(_PLAN, case={"id": "x"},  # type: ignore[arg-type]
                                       policy=MS, as_of=AS_OF),
    lambda: _objectives_have_services(_PLAN, case=CASE, policy="MS",  # type: ignore[arg-type]
                                      as_of=AS_OF),
    lambda: _concurrent_planning(_PLAN, case=CASE, policy=MS,
                                 as_of=datetime(2026, 11, 22)),
    lambda: check_case(CASE, policy=MS, as_of=None, rules=PLAN_RULES),  # type: ignore[arg-type]
    lambda: goals.valid(CASE, policy=MS, as_of="2026-11-22"),  # type: ignore[arg-type]
    lambda: _closure_readiness(_PLAN, policy=MS, as_of=AS_OF),  # type: ignore[arg-type]
    lambda: _permanency_goals(CASE, case=CASE, policy=MS, as_of=AS_OF),  # type: ignore[arg-type]
])
def test_junk_input_raises(call: Callable[[], object]) -> None:
    """Wrong kinds of argument raise InvalidInputError."""
    with pytest.raises(InvalidInputError):
        call()


def test_closure_categories_are_six() -> None:
    """The first-plan check looks for exactly the six categories of seed 004."""
    finding = _one(_closure_criteria_in_first_plan(_first_with(()), policy=MS, as_of=AS_OF),
                   "closure.criteria_in_first_plan")
    expected = ", ".join(c.value for c in ClosureCategory)
    actual = {f.label: f.value for f in finding.facts}["missing categories"]
    assert expected == actual
