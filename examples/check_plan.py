"""Review the Wilson family's case plans: S.M.A.R.T. objectives, plan quality, closure.

The seeds call the case plan "our most important work" (Case Planning in Child Welfare
Practice Bulletin, 2008, seed 004) and say what makes it good. This script runs every check
on the example case and prints what a supervisor would want to see first: the objectives that
are not S.M.A.R.T. (with coaching suggestions) and the plan findings that are not met.

    python examples/check_plan.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.findings import Outcome
from practicemodel.policy import get_policy
from practicemodel.smart import suggest

AS_OF = date(2026, 11, 22)


def main() -> None:
    """Print the objectives' verdicts with suggestions, then unmet plan findings."""
    case = load_example()
    policy = get_policy("MS")
    findings = check_case(case, policy=policy, as_of=AS_OF)
    plans = {p.id: p for p in case.plans}
    print("S.M.A.R.T. verdicts:")
    for finding in findings:
        if finding.rule == "smart.overall":
            print(f"  {finding.subject}: {finding.outcome.value}")
            for plan in plans.values():
                for objective in plan.objectives:
                    if objective.id == finding.subject_id and finding.outcome is not Outcome.MET:
                        for tip in suggest(objective, plan=plan, case=case, policy=policy):
                            print(f"      suggestion: {tip}")
    print("\nPlan findings not met:")
    for finding in findings:
        if finding.outcome is Outcome.NOT_MET and not finding.rule.startswith(
                ("smart.", "deadline.")):
            print(f"  {finding.rule}: {finding.subject}: {finding.explanation}")
            print(f"      source: {finding.source}")


if __name__ == "__main__":
    main()
