"""Print the Wilson family's engagement findings and the federal visit figures.

Seed 004 (Case Planning in Child Welfare Practice Bulletin, 2008) defines "actively
involved" in five parts and says who counts as mother, father, foster parent and child; federal
law asks for monthly caseworker visits, most in the child's residence (42 USC 622(b)(17),
624(f)). This script shows, for the example case, who counts, who was actively involved and
what is missing, whether concerted efforts are recorded, the monthly visit and visitation
findings, and the federal visit figures for fiscal year 2026.

    python examples/engagement.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.engagement import engagement_findings, summary_by_role
from practicemodel.example import load_example
from practicemodel.policy import get_policy
from practicemodel.visit_compliance import federal_visit_figures, visit_findings

AS_OF = date(2026, 11, 22)


def main() -> None:
    """Print engagement and visit findings, the role summary and the federal figures."""
    case = load_example()
    policy = get_policy("MS")
    engagement = engagement_findings(case, policy=policy, as_of=AS_OF)
    print("Engagement (period under review: the 12 months ending 2026-11-22):")
    for finding in engagement:
        print(f"  [{finding.outcome.value}] {finding.rule}: {finding.subject}")
        print(f"      {finding.explanation}")
    print("\nActively involved, by role (involved / applicable):")
    for role, (involved, applicable) in summary_by_role(engagement).items():
        print(f"  {role.value}: {involved} / {applicable}")
    print("\nVisits and visitation:")
    for finding in visit_findings(case, policy=policy, as_of=AS_OF):
        print(f"  [{finding.outcome.value}] {finding.rule}: {finding.subject}")
    figures = federal_visit_figures([case], policy=policy, fiscal_year=2026)
    print(f"\nFederal visit figures, FY{figures.fiscal_year} ({figures.start} to {figures.end}):")
    print(f"  children visited every month: {figures.children_visited_every_month} of "
          f"{figures.children}")
    print(f"  monthly visits made: {figures.visits_made} of {figures.visits_expected} "
          f"(target met: {figures.monthly_target_met})")
    print(f"  visits in the residence: {figures.visits_in_residence} of "
          f"{figures.visits_in_months} (standard met: {figures.residence_target_met})")


if __name__ == "__main__":
    main()
