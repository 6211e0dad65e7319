"""Data flows one way: record → model → rules → findings → review → statistics → reports.

The test walks every import in the package (module level and inside functions) and fails on
a back-edge: a module importing one of a higher layer, a rule module importing another rule
module, or a layer above the rules reaching into a rule module instead of going through
``practicemodel.checks`` (or the registry, ``practicemodel.rules``).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "practicemodel"

# One module per rule-id prefix (practicemodel.rules.<family>); the helpers they share
# (rules._plans, rules._visiting, rules._placements, rules._wellbeing, rules._shared) are not
# rule modules.
RULE_MODULES = frozenset({f"rules.{family}" for family in (
    "deadline", "smart", "services", "goals", "concurrent", "plan", "closure", "reunification",
    "permanency", "engagement", "visits", "visitation", "staffing", "intake", "safety",
    "stability", "siblings", "connections", "relatives", "parent_child", "education", "health",
    "mental_health", "youth")})

LAYERS: dict[str, int] = {
    # foundations
    "errors": 0, "_describe": 0, "components": 0,
    "periods": 1, "units": 1, "_checks": 1,
    # the typed model of a case record
    "people": 2, "court": 2, "caseplan": 2, "services": 2, "staffing": 2, "involvement": 2,
    "assessment": 2, "placement": 2, "visits": 2, "intake": 2, "wellbeing": 2,
    "connections": 2,
    "case": 3,
    # reading and writing records; the policy profiles, findings and the rule registry
    "serialization": 4, "_bulk": 4, "policy": 4, "findings": 4, "rules": 4, "summary": 4,
    "migrations": 4,  # the schema versions' chain, read by serialization and _bulk
    "example": 5, "schema": 5, "strategies": 5, "synthetic": 5, "_arguments": 5, "_memo": 5,
    "fhir": 5, "_fhir_codes": 5, "_fhir_ext": 5, "_fhir_check": 5,  # FHIR R4 Bundles
    # questions answered once, for every rule (what is due when; which months count)
    "timelines": 6, "monthly": 6, "rules._shared": 6,
    # the rules and the helpers their modules share, then the one call that runs them
    **dict.fromkeys(RULE_MODULES, 7), "rules._plans": 7, "rules._visiting": 7,
    "rules._placements": 7, "rules._wellbeing": 7,
    "checks": 8,
    # review ratings and caseload statistics
    "review": 9, "statistics": 9, "sampling": 9, "outcomes": 9,
    "improvement": 9,  # Program Improvement Plans (reads the CFSR outcomes)
    "caseload": 10, "distributed": 10, "analysis": 10, "progress": 10, "_hypothesis_hook": 10,
    "_frames": 10, "deidentify": 10,
    "rollout": 10,  # regional rollouts: schedules, and reviews compared (reads caseload)
    # reports and entry points
    "cli": 11, "__init__": 11, "__main__": 11,
    "report": 11, "report._render": 11, "report.svg": 11, "report.case": 11,
    "report.caseload": 11, "report.plan": 11, "report.rollout": 11,
}
# Reports may call a rule module's public entry point (``practicemodel deadlines`` prints
# ``timelines.schedule``); review, statistics and caseload may not.
MAY_CALL_RULES = frozenset({"checks", "cli", "__init__"})

# Back-edges that remain, each with what removes it. The test fails when a new one appears
# and when one listed here is gone (so the list is kept true).
PENDING: frozenset[tuple[str, str]] = frozenset()


def _module_name(path: Path) -> str:
    """``cli``, ``rules`` (the registry, rules/__init__.py), ``rules.visits``..."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _target(dotted: str) -> str:
    """The module of ``practicemodel.<dotted>`` as the layer table names it."""
    parts = dotted.split(".")
    return ".".join(parts[:2]) if parts[0] == "rules" and len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.split(".")[0] == "practicemodel":
            rest = node.module.partition(".")[2]
            if rest:
                found.add(_target(rest))
                if rest == "rules":  # from practicemodel.rules import visits
                    found.update(f"rules.{a.name}" for a in node.names)
            else:
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(_target(a.name.partition(".")[2]) for a in node.names
                         if a.name.startswith("practicemodel."))
    return found & set(LAYERS)


def _graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) - {_module_name(path)}
            for path in PACKAGE.rglob("*.py")}


def _back_edge(module: str, target: str) -> bool:
    if LAYERS[target] > LAYERS[module]:
        return True  # data flows one way
    if target not in RULE_MODULES:
        return False
    if module in RULE_MODULES:
        return True  # one rule module never reads another's internals
    return LAYERS[module] > LAYERS[target] and module not in MAY_CALL_RULES


def test_every_module_has_a_layer() -> None:
    """A new module must be placed in a layer (the test would otherwise not see it)."""
    assert sorted(set(_graph()) - set(LAYERS)) == []


def test_no_back_edges() -> None:
    """No module imports a higher layer; rule modules import no other rule module; above the
    rules, only ``checks`` and the reports reach into a rule module."""
    edges = {(module, target) for module, imported in _graph().items() for target in imported
             if _back_edge(module, target)}
    assert sorted(edges) == sorted(PENDING)


def test_every_rule_family_has_its_module() -> None:
    """Each rule-id prefix of the registry is a rule module here, and each rule module holds
    a registered family (any rule is one hop from its id)."""
    from practicemodel.rules import all_rules

    assert {f"rules.{info.family}" for info in all_rules()} == RULE_MODULES
    assert set(_graph()) >= RULE_MODULES


def test_the_walk_sees_imports_inside_functions() -> None:
    """The walk is not fooled by a deferred import (review imports checks in a function)."""
    assert "checks" in _graph()["review"]
