"""URIs and code tables of the FHIR mapping (private; documented in the FHIR mapping page).

Every ``system`` a produced Coding or Quantity uses is a key of ``CODE_SYSTEMS``, with the
codes it may carry; the required code lists of the plain ``code`` elements used are in
``REQUIRED_CODES``. ``validate_bundle`` checks both.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from practicemodel.caseplan import (
    AchievementStatus,
    ObjectiveLifecycle,
    PermanencyGoal,
    PlanKind,
    Supervision,
    VisitorKind,
)
from practicemodel.people import RelationshipKind
from practicemodel.services import ServiceCategory, ServiceStatus
from practicemodel.visits import ContactMode, ContactTopic, FamilyVisitStatus

BASE = "https://example.invalid/practicemodel/fhir"
"""Base of every URI the mapping mints (the project's documentation address + ``/fhir``)."""
EXTENSION = f"{BASE}/StructureDefinition/"
"""Prefix of the extension URLs: ``EXTENSION + "objective-person"``..."""
CODE_SYSTEM = f"{BASE}/CodeSystem/"
"""Prefix of practicemodel's own code systems."""
IDENTIFIER = f"{BASE}/identifier/"
"""Prefix of the identifier systems: ``IDENTIFIER + "person"`` holds person ids..."""

UCUM = "http://unitsofmeasure.org"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def _codes(enum_cls: type) -> frozenset[str]:
    return frozenset(str(member.value) for member in enum_cls)  # type: ignore[attr-defined]


def fhir_code(value: str) -> str:
    """``on_hold`` -> ``on-hold``: FHIR's codes use hyphens where ours use underscores."""
    return value.replace("_", "-")


# Relationship kind (and parent role) -> v3 RoleCode: the parent codes are the PRN hierarchy
# (FHIR R4's parent-relationship-codes value set); EXT (extended family member) and SIB
# (sibling) are personal relationship codes of RelatedPerson's relationship-type value set.
# A legal guardian is GUARD of v3 RoleClass (RoleCode has no guardian; the binding is
# "preferred", so another system may be used): see ROLE_SYSTEMS.
# ``other_caregiver`` has no v3 code: its relationship carries only practicemodel's
# relationship-kind coding.
ROLE_CODES: Mapping[tuple[str, str | None], str] = MappingProxyType({
    ("biological_parent", "mother"): "NMTH",
    ("biological_parent", "father"): "NFTH",
    ("biological_parent", None): "NPRN",
    ("adoptive_parent", "mother"): "ADOPTM",
    ("adoptive_parent", "father"): "ADOPTF",
    ("adoptive_parent", None): "ADOPTP",
    ("stepparent", "mother"): "STPMTH",
    ("stepparent", "father"): "STPFTH",
    ("stepparent", None): "STPPRN",
    ("foster_parent", "mother"): "MTHFOST",
    ("foster_parent", "father"): "FTHFOST",
    ("foster_parent", None): "PRNFOST",
    ("legal_guardian", None): "GUARD",
    ("relative_caregiver", None): "EXT",
    ("sibling", None): "SIB",
    ("other_relative", None): "EXT",
})
ROLE_DISPLAY: Mapping[str, str] = MappingProxyType({
    "NMTH": "natural mother", "NFTH": "natural father", "NPRN": "natural parent",
    "ADOPTM": "adoptive mother", "ADOPTF": "adoptive father", "ADOPTP": "adoptive parent",
    "STPMTH": "stepmother", "STPFTH": "stepfather", "STPPRN": "step parent",
    "MTHFOST": "foster mother", "FTHFOST": "foster father", "PRNFOST": "foster parent",
    "GUARD": "guardian", "EXT": "extended family member", "SIB": "sibling",
})
ROLE_SYSTEMS: Mapping[str, str] = MappingProxyType({
    code: ROLE_CLASS if code == "GUARD" else ROLE_CODE for code in ROLE_DISPLAY})
"""The code system of each relationship code."""

# Encounter.class (v3 ActCode) of a caseworker contact, by mode and location.
CLASS_DISPLAY: Mapping[str, str] = MappingProxyType({
    "HH": "home health", "AMB": "ambulatory", "FLD": "field", "VR": "virtual",
})

UCUM_UNITS: Mapping[str, str] = MappingProxyType({
    "second": "s", "minute": "min", "hour": "h", "day": "d", "week": "wk", "month": "mo",
    "year": "a", "session": "{session}",
})
"""pint unit name -> UCUM code (``{session}`` is a UCUM annotation: a count of sessions)."""

CONDITION_KINDS = frozenset({"contributing-factor", "need"})
ENCOUNTER_TYPES = frozenset({"caseworker-contact", "family-visit"})
GOAL_MEASURES = frozenset({"criterion-of-achievement"})

CODE_SYSTEMS: Mapping[str, frozenset[str]] = MappingProxyType({
    GOAL_ACHIEVEMENT: frozenset(fhir_code(c) for c in _codes(AchievementStatus)),
    ROLE_CODE: frozenset(c for c, system in ROLE_SYSTEMS.items() if system == ROLE_CODE),
    ROLE_CLASS: frozenset(c for c, system in ROLE_SYSTEMS.items() if system == ROLE_CLASS),
    ACT_CODE: frozenset(CLASS_DISPLAY),
    UCUM: frozenset(UCUM_UNITS.values()),
    f"{CODE_SYSTEM}relationship-kind": _codes(RelationshipKind),
    f"{CODE_SYSTEM}plan-kind": _codes(PlanKind),
    f"{CODE_SYSTEM}permanency-goal": _codes(PermanencyGoal),
    f"{CODE_SYSTEM}service-category": _codes(ServiceCategory),
    f"{CODE_SYSTEM}service-status": _codes(ServiceStatus),
    f"{CODE_SYSTEM}contact-mode": _codes(ContactMode),
    f"{CODE_SYSTEM}contact-topic": _codes(ContactTopic),
    f"{CODE_SYSTEM}family-visit-status": _codes(FamilyVisitStatus),
    f"{CODE_SYSTEM}supervision": _codes(Supervision),
    f"{CODE_SYSTEM}visitor-kind": _codes(VisitorKind),
    f"{CODE_SYSTEM}condition-kind": CONDITION_KINDS,
    f"{CODE_SYSTEM}encounter-type": ENCOUNTER_TYPES,
    f"{CODE_SYSTEM}objective-measure": GOAL_MEASURES,
})
"""Every code system a produced Coding or Quantity may name, with the codes it may carry."""

REQUIRED_CODES: Mapping[tuple[str, str], frozenset[str]] = MappingProxyType({
    ("Bundle", "type"): frozenset({
        "document", "message", "transaction", "transaction-response", "batch",
        "batch-response", "history", "searchset", "collection"}),
    ("Patient", "gender"): frozenset({"male", "female", "other", "unknown"}),
    ("RelatedPerson", "gender"): frozenset({"male", "female", "other", "unknown"}),
    ("Goal", "lifecycleStatus"): frozenset({
        "proposed", "planned", "accepted", "active", "on-hold", "completed", "cancelled",
        "entered-in-error", "rejected"}),
    ("CarePlan", "status"): frozenset({
        "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}),
    ("CarePlan", "intent"): frozenset({"proposal", "plan", "order", "option"}),
    ("CarePlan", "activity.detail.status"): frozenset({
        "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
        "stopped", "unknown", "entered-in-error"}),
    ("ServiceRequest", "status"): frozenset({
        "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}),
    ("ServiceRequest", "intent"): frozenset({
        "proposal", "plan", "directive", "order", "original-order", "reflex-order",
        "filler-order", "instance-order", "option"}),
    ("Encounter", "status"): frozenset({
        "planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
        "entered-in-error", "unknown"}),
})
"""The required code lists (FHIR R4 bindings) of the plain ``code`` elements produced."""

LIFECYCLE_CODES = frozenset(fhir_code(c) for c in _codes(ObjectiveLifecycle))
