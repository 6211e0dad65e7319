"""Print the Wilson family's engagement findings and the federal visit figures.

Seed 004 (Case Planning in Child Welfare Practice Bulletin, 2008) defines "actively
involved" in five parts and says who counts as mother, father, foster parent and child; federal
law asks for monthly caseworker visits, most in the child's residence (42 USC 622(b)(17),
624(f)). This script shows, for the example case, who counts, who was actively involved and
what is missing, whether concerted efforts are recorded (the ``engagement.*`` rules), the
monthly visit, visitation and staffing findings (``visits.*``, ``visitation.*``,
``staffing.*``), and the federal visit figures for fiscal year 2026.

    python examples/engagement.py
"""

from __future__ import annotations

from datetime import date

from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.monthly import federal_visit_figures
from practicemodel.periods import review_period_start
from practicemodel.policy import get_policy
from practicemodel.rules.engagement import summary_by_role, who_counts

AS_OF = date(2026, 11, 22)


def main() -> None:
    """Print who counts, engagement and visit findings, the role summary, the federal figures."""
    case = load_example()
    policy = get_policy("MS")
    start = review_period_start(AS_OF, policy.review_period_months)
    print(f"Who counts for Leo on {AS_OF}:")
    for participant in who_counts(case, "leo", policy=policy, as_of=AS_OF):
        status = "applicable" if participant.applicable else "not applicable"
        print(f"  {participant.person_id} ({participant.role.value}), {status}: "
              f"{participant.reason}")

    engagement = check_case(case, policy=policy, as_of=AS_OF, rules=["engagement.*"])
    print(f"\nEngagement (period under review: {start} to {AS_OF}):")
    for finding in engagement:
        print(f"  [{finding.outcome.value}] {finding.rule}: {finding.subject}")
        print(f"      {finding.explanation}")
    print("\nActively involved, by role (involved / applicable):")
    for role, (involved, applicable) in summary_by_role(engagement).items():
        print(f"  {role.value}: {involved} / {applicable}")

    print("\nVisits, visitation and staffing:")
    for finding in check_case(case, policy=policy, as_of=AS_OF,
                              rules=["visits.*", "visitation.*", "staffing.*"]):
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
