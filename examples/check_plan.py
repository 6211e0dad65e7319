"""Review the Wilson family's case plans: S.M.A.R.T. objectives, plan quality, closure.

The seeds call the case plan "our most important work" (Case Planning in Child Welfare
Practice Bulletin, 2008, seed 004) and say what makes it good. This script runs the plan
rule families on the example case with ``check_case`` and prints what a supervisor would
want to see first about each plan, picked out by the plan's id: the objectives that are not
S.M.A.R.T. (with coaching suggestions) and the plan findings that are not met; then the
case-level closure and readiness findings.

    python examples/check_plan.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.findings import Outcome
from practicemodel.policy import get_policy
from practicemodel.rules.smart import suggest

AS_OF = date(2026, 11, 22)
# The rule families that judge a case plan (practicemodel.rules.<family>).
PLAN_RULES = ("smart.*", "services.*", "goals.*", "concurrent.*", "plan.*", "closure.*",
              "reunification.*")


def main() -> None:
    """Print each plan's S.M.A.R.T. verdicts and unmet findings, then the case's."""
    case = load_example()
    policy = get_policy("MS")
    findings = check_case(case, policy=policy, as_of=AS_OF, rules=PLAN_RULES)
    known = sorted((p for p in case.plans if p.completed_on <= AS_OF),
                   key=lambda p: (p.completed_on, p.id))
    for plan in known:
        # The findings about this plan, or about something in it (an objective, a service,
        # a parent, a child), carry its id.
        of_plan = [f for f in findings if f.plan_id == plan.id]
        print(f"Plan {plan.id} ({plan.kind.value}, {plan.completed_on}): "
              f"{len(of_plan)} findings")
        print("  S.M.A.R.T. verdicts:")
        objectives = {o.id: o for o in plan.objectives}
        for finding in of_plan:
            if finding.rule == "smart.overall":
                print(f"    {finding.subject_id}: {finding.outcome.value}")
                if finding.outcome is not Outcome.MET:
                    objective = objectives[finding.subject_id]
                    for tip in suggest(objective, plan=plan, case=case, policy=policy):
                        print(f"        suggestion: {tip}")
        print("  Not met:")
        for finding in of_plan:
            if finding.outcome is Outcome.NOT_MET and not finding.rule.startswith("smart."):
                print(f"    {finding.rule}: {finding.subject}: {finding.explanation}")
                print(f"        source: {finding.source}")
        print()

    print("The case (closure and readiness to return home):")
    for finding in findings:
        if finding.plan_id is None:
            print(f"  [{finding.outcome.value}] {finding.rule}: {finding.subject}")


if __name__ == "__main__":
    main()
