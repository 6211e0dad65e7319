"""The package declares what it uses, and uses what it declares."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "practicemodel"
# Distribution name -> the name it is imported by, where the two differ.
IMPORT_NAMES = {"python-dateutil": "dateutil"}


def _imported_top_level_names() -> set[str]:
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


def test_every_runtime_dependency_is_imported_by_the_library() -> None:
    """A runtime dependency no module imports only costs users an install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower()
                for spec in project["dependencies"]}
    imported = _imported_top_level_names()
    unused = sorted(name for name in declared if IMPORT_NAMES.get(name, name) not in imported)
    assert unused == []
