"""The six components of the practice model (seeds 000, 001, 002).

Every check the library runs is tagged with the component(s) it gives evidence for, so that a
case review can be reported "structured according to the practice model" (seed 001). The
meanings below are seed 000's ("What do these components mean?").
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PracticeComponent"]


class PracticeComponent(StrEnum):
    """A component of the Mississippi child welfare practice model (seed 000)."""

    MOBILIZING_SERVICES = "mobilizing_services"
    """Mobilizing appropriate services timely: services designed and delivered pursuant to an
    assessment of needs, individualized, initiated when and where needed."""
    SAFETY_AND_RISK = "safety_and_risk"
    """Safety assurance and risk management: initial and ongoing safety and risk assessment;
    safety at placement, reunification and closure."""
    INVOLVING_FAMILIES = "involving_families"
    """Involving children and families in case activities and decision making."""
    STRENGTHS_AND_NEEDS = "strengths_and_needs"
    """Strengths and needs assessments of children and families: ongoing, beyond risk and
    safety, of all family members and underlying conditions."""
    PRESERVING_CONNECTIONS = "preserving_connections"
    """Preserving connections and relationships: family, siblings, friends, traditions,
    tribal and cultural connections, school."""
    CASE_PLANNING = "case_planning"
    """Individualized and timely case planning: developed *with*, not *for*, the family;
    addresses underlying issues; flexible; includes independent living."""

    @property
    def label(self) -> str:
        """The component's name as the practice model writes it."""
        return _TITLES[self]


_TITLES = {
    PracticeComponent.MOBILIZING_SERVICES: "Mobilizing Appropriate Services Timely",
    PracticeComponent.SAFETY_AND_RISK: "Safety Assurance and Risk Management",
    PracticeComponent.INVOLVING_FAMILIES: (
        "Involving Children and Families in Case Activities and Decision Making"
    ),
    PracticeComponent.STRENGTHS_AND_NEEDS: (
        "Strengths and Needs Assessments of Children and Families"
    ),
    PracticeComponent.PRESERVING_CONNECTIONS: "Preserving Connections and Relationships",
    PracticeComponent.CASE_PLANNING: "Individualized and Timely Case Planning",
}
