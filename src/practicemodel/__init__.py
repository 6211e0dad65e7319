"""practicemodel: child welfare casework practice as typed data and explainable rules.

The core nouns and the main verbs are importable from here; each also lives in the module
named after its concept (``practicemodel.people``, ``practicemodel.checks``...):

>>> from datetime import date
>>> from practicemodel import all_rules, check_case, get_policy
>>> from practicemodel.example import load_example
>>> findings = check_case(load_example(), policy=get_policy("MS"), as_of=date(2026, 11, 22))
>>> findings[0].rule in {rule.id for rule in all_rules()}
True

The verbs (``check_case``, ``schedule``, ``rate_case``, ``get_policy``...), the findings
and the rule registry, and loading and saving JSON (``load_case``, ``dump_case``...) are
imported on first use, so that ``import practicemodel`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from practicemodel.case import Case, CaseType, Household
from practicemodel.caseplan import CasePlan, PermanencyGoal, ServiceObjective
from practicemodel.components import PracticeComponent
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    MissingExtraError,
    PracticeModelError,
    RecordReviewError,
    RecordStructureError,
    SchemaVersionError,
    UnitMismatchError,
    UnknownCodeError,
    UnknownPolicyError,
    UnknownReferenceError,
    UnknownRuleError,
)
from practicemodel.involvement import InvolvementActivity, InvolvementEvent
from practicemodel.people import Person, Relationship, RelationshipKind, StaffMember
from practicemodel.periods import Period
from practicemodel.placement import Placement, RemovalEpisode
from practicemodel.services import Service
from practicemodel.visits import CaseworkerContact, FamilyVisit

if TYPE_CHECKING:
    from practicemodel.checks import check_case
    from practicemodel.findings import Finding, Outcome
    from practicemodel.policy import PolicyProfile, get_policy
    from practicemodel.review import rate_case
    from practicemodel.rules import all_rules, get_rule
    from practicemodel.serialization import (
        dump_case,
        dumps_case,
        iter_jsonl,
        load_case,
        loads_case,
        make_converter,
        read_case,
        write_case,
    )

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CasePlan",
    "CaseType",
    "CaseworkerContact",
    "FamilyVisit",
    "Finding",
    "Household",
    "InvalidArgumentError",
    "InvalidInputError",
    "InvalidRecordError",
    "InvolvementActivity",
    "InvolvementEvent",
    "MissingExtraError",
    "Outcome",
    "Period",
    "PermanencyGoal",
    "Person",
    "Placement",
    "PolicyProfile",
    "PracticeComponent",
    "PracticeModelError",
    "RecordReviewError",
    "RecordStructureError",
    "Relationship",
    "RelationshipKind",
    "RemovalEpisode",
    "SchemaVersionError",
    "Service",
    "ServiceObjective",
    "StaffMember",
    "UnitMismatchError",
    "UnknownCodeError",
    "UnknownPolicyError",
    "UnknownReferenceError",
    "UnknownRuleError",
    "__version__",
    "all_rules",
    "check_case",
    "dump_case",
    "dumps_case",
    "get_policy",
    "get_rule",
    "iter_jsonl",
    "load_case",
    "loads_case",
    "make_converter",
    "rate_case",
    "read_case",
    "schedule",
    "write_case",
]

# Name -> module it is imported from on first use (PEP 562). These modules import the rule
# code, the policy profiles or cattrs; none of them is loaded by ``import practicemodel``.
_LAZY: dict[str, str] = {
    "check_case": "practicemodel.checks",
    "schedule": "practicemodel.timelines",
    "rate_case": "practicemodel.review",
    "get_policy": "practicemodel.policy",
    "PolicyProfile": "practicemodel.policy",
    "Finding": "practicemodel.findings",
    "Outcome": "practicemodel.findings",
    "all_rules": "practicemodel.rules",
    "get_rule": "practicemodel.rules",
    **dict.fromkeys(
        ("dump_case", "dumps_case", "iter_jsonl", "load_case", "loads_case", "make_converter",
         "read_case", "write_case"),
        "practicemodel.serialization",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'practicemodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
