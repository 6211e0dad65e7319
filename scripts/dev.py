#!/usr/bin/env python3
"""Set up and run practicemodel on a fresh machine that has only Python 3.11+.

    python3 scripts/dev.py demo    # the main job: the example case, then caseload reviews
    python3 scripts/dev.py test    # the whole test suite: pytest, mypy, ruff, docs build

Both create (or reuse) a virtual environment in ``.venv`` at the top of the repository and
install the package into it with the extras they need. Only the standard library is used
here, so nothing has to be installed first. Set ``PRACTICEMODEL_VENV`` to use another place.
Extra arguments after ``test`` go to pytest (e.g. ``--run-slow`` for thorough runs).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("PRACTICEMODEL_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*args: str | Path) -> None:
    """Run a command from the repository root; stop with its exit code if it fails."""
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    """Create the virtual environment if needed and install the package with ``extras``."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be run by an older Python
        sys.exit(f"practicemodel needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--editable", spec)


def demo() -> None:
    """The main job: summarize the built-in example case, then review a synthetic caseload on
    the practice-model instrument by region, and on the federal CFSR instrument by outcome."""
    ensure_venv("fast")
    run(BIN / "practicemodel", "validate", "--example")
    run(BIN / "practicemodel", "review", "--synthetic", "500", "--seed", "2026",
        "--as-of", "2026-11-22", "--policy", "MS", "--by", "region", "--workers", "0")
    run(BIN / "practicemodel", "review", "--synthetic", "500", "--seed", "2026",
        "--as-of", "2026-11-22", "--policy", "MS", "--instrument", "cfsr", "--workers", "0")


def test(pytest_args: list[str]) -> None:
    """The whole test suite: pytest (incl. examples and doctests), mypy, ruff, docs build."""
    ensure_venv("dev")
    run(PYTHON, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks", "scripts")
    run(PYTHON, "-m", "mypy", "--strict", "src/practicemodel")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a notice about MkDocs 2, not a warning
    # Not --quiet: with it, mkdocs 1.6 exits 0 on the warnings --strict should fail on.
    run(PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(VENV / "site"))
    run(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", *pytest_args)


def main() -> None:
    """Dispatch ``demo`` or ``test``."""
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test"):
        sys.exit(__doc__)
    if sys.argv[1] == "demo":
        demo()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
