#!/usr/bin/env python3
"""Rewrite the golden schedule tables in ``tests/golden/<profile>/<fixture>.txt``.

    python scripts/regenerate_golden.py           # rewrite every table
    python scripts/regenerate_golden.py --check   # only report tables that would change

For each shipped profile (FEDERAL, CA, MS) and each fictional fixture of
``tests/timeline_fixtures.py`` (plus the built-in example), this computes
``practicemodel.timelines.schedule`` at the fixture's fixed ``as_of`` and writes the text
the fixtures module's ``render`` produces. ``tests/test_timelines.py`` compares the same
rendering with the files, so a changed table shows up as a failing test until it is
regenerated and reviewed by hand against ``RULES.md`` §5.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "timeline_fixtures.py"


def load_fixtures() -> ModuleType:
    """Import ``tests/timeline_fixtures.py`` by path (``tests`` is not a package)."""
    name = "timeline_fixtures"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, FIXTURES)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {FIXTURES}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def rendered_tables() -> dict[Path, str]:
    """Return every golden table's path and current text."""
    from practicemodel.timelines import schedule

    fx = load_fixtures()
    inputs = fx.golden_inputs()
    tables: dict[Path, str] = {}
    for profile in fx.GOLDEN_PROFILES:
        for name in fx.golden_names():
            case, as_of = inputs[name]
            result = schedule(case, policy=profile, as_of=as_of)
            tables[fx.golden_path(profile.code, name)] = fx.render(result, name)
    return tables


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) the golden tables; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if any table would change")
    args = parser.parse_args(argv)
    changed: list[Path] = []
    for path, text in rendered_tables().items():
        old = path.read_text("utf-8") if path.exists() else None
        if old == text:
            continue
        changed.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    verb = "would change" if args.check else "rewrote"
    for path in changed:
        print(f"{verb} {path.relative_to(ROOT)}")
    print(f"{len(changed)} golden table(s) {verb}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
