"""practicemodel: child welfare casework practice as typed data and explainable rules.

The core nouns are importable from here; each also lives in the module named after its
concept (``practicemodel.people``, ``practicemodel.caseplan``...). Loading and saving JSON
(``load_case``, ``dump_case``, ``read_case``...) is imported on first use so that
``import practicemodel`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from practicemodel.case import Case, CaseType, Household
from practicemodel.caseplan import CasePlan, PermanencyGoal, ServiceObjective
from practicemodel.components import PracticeComponent
from practicemodel.errors import (
    InvalidRecordError,
    PracticeModelError,
    RecordStructureError,
    SchemaVersionError,
    UnitMismatchError,
    UnknownCodeError,
    UnknownReferenceError,
)
from practicemodel.involvement import InvolvementActivity, InvolvementEvent
from practicemodel.people import Person, Relationship, RelationshipKind, StaffMember
from practicemodel.periods import Period
from practicemodel.placement import Placement, RemovalEpisode
from practicemodel.services import Service
from practicemodel.visits import CaseworkerContact, FamilyVisit

if TYPE_CHECKING:
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
    "Household",
    "InvalidRecordError",
    "InvolvementActivity",
    "InvolvementEvent",
    "Period",
    "PermanencyGoal",
    "Person",
    "Placement",
    "PracticeComponent",
    "PracticeModelError",
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
    "UnknownReferenceError",
    "__version__",
    "dump_case",
    "dumps_case",
    "iter_jsonl",
    "load_case",
    "loads_case",
    "make_converter",
    "read_case",
    "write_case",
]

_LAZY = {
    "dump_case", "dumps_case", "iter_jsonl", "load_case", "loads_case", "make_converter",
    "read_case", "write_case",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from practicemodel import serialization

        return getattr(serialization, name)
    raise AttributeError(f"module 'practicemodel' has no attribute {name!r}")
