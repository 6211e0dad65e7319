"""Import a module by its path, once: for the scripts, examples and docs hooks that are not
in a package (``scripts/``, ``examples/``, ``docs/``, and the fixtures under ``tests/``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_module(name: str, path: Path) -> ModuleType:
    """The module in ``path``, imported under ``name`` (from ``sys.modules`` when it is
    already there)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
