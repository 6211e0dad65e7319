#!/usr/bin/env python3
"""Set up and run practicemodel on a fresh machine that has only Python 3.11+.

    python3 scripts/dev.py demo    # the main job: the example case, then caseload reviews
    python3 scripts/dev.py test    # the whole test suite: pytest, mypy, ruff, docs build
    python3 scripts/dev.py schema  # regenerate the shipped JSON Schema after a model change

Both create (or reuse) a virtual environment in ``.venv`` at the top of the repository and
install the package into it with the extras they need. Only the standard library is used
here, so nothing has to be installed first. Set ``PRACTICEMODEL_VENV`` to use another place.
Extra arguments after ``test`` go to pytest (e.g. ``--run-slow`` for thorough runs).

``test`` also needs a browser for ``tests/test_browser.py``: Debian's ``chromium`` and
``chromium-driver``, and ``fonts-dejavu-core`` (a fixed font, so pages are laid out the same
width everywhere: ``--no-install-recommends`` would leave Chromium without fonts). When one
is missing and this runs as root on a system with apt-get (as CI does), it installs them;
otherwise it prints the install command, and the browser test is skipped (or fails, when the
``CI`` variable is set).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("PRACTICEMODEL_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# What the browser test needs (tests/test_browser.py checks the same files through
# scripts/screenshots.py), and the Debian packages that install them.
BROWSER = (Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver"),
           Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
BROWSER_PACKAGES = ("chromium", "chromium-driver", "fonts-dejavu-core")
# apt retries each download (a mirror's hiccup is not a failed run); the package lists
# `apt-get update` leaves, which let an install go ahead when a later update fails.
APT_OPTIONS = ("-o", "Acquire::Retries=3")
APT_LISTS = Path("/var/lib/apt/lists")


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


def _apt(*args: str) -> int:
    """Run ``apt-get`` (with retries) non-interactively; return its exit code."""
    command = ["apt-get", *APT_OPTIONS, *args]
    print("+", " ".join(command), flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(command, env=env, check=False).returncode


def _have_package_lists() -> bool:
    """Whether an earlier ``apt-get update`` left package lists to install from."""
    return APT_LISTS.is_dir() and any(APT_LISTS.glob("*_Packages*"))


def ensure_browser() -> None:
    """Install headless Chromium and its font for the browser test when one is missing and we
    may (root, apt-get); otherwise say the browser test will be skipped and how to install
    it. Exits with a message naming the command when apt-get cannot install them."""
    missing = [str(path) for path in BROWSER if not path.exists()]
    if not missing:
        return
    packages = " ".join(BROWSER_PACKAGES)
    by_hand = f"sudo apt-get install -y --no-install-recommends {packages}"
    geteuid = getattr(os, "geteuid", None)
    if shutil.which("apt-get") is None or geteuid is None or geteuid() != 0:
        print(f"{', '.join(missing)} missing: the browser test (tests/test_browser.py) will "
              f"be skipped (it fails instead when CI is set); install it with: {by_hand}",
              flush=True)
        return
    print(f"{', '.join(missing)} missing: installing {', '.join(BROWSER_PACKAGES)} for the "
          "browser test", flush=True)
    if _apt("update") != 0:
        if not _have_package_lists():
            sys.exit(f"'apt-get update' failed (after retries) and there are no package "
                     f"lists in {APT_LISTS}: could not install {packages} for "
                     f"tests/test_browser.py. Check the network or the apt sources, then "
                     f"run: {by_hand}")
        print(f"'apt-get update' failed; installing from the package lists already in "
              f"{APT_LISTS}", flush=True)
    code = _apt("install", "-y", "--no-install-recommends", *BROWSER_PACKAGES)
    if code != 0:
        sys.exit(f"'apt-get install' of {packages} failed (exit code {code}, after "
                 f"retries): the browser test (tests/test_browser.py) needs them. Install "
                 f"them with: {by_hand}; or run the tests without it: "
                 f"{PYTHON} -m pytest -m \"not browser\"")


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
    """The whole test suite: ruff, mypy, docs build, pytest (incl. examples, doctests and
    the browser test, which opens the site just built)."""
    ensure_venv("dev")
    run(PYTHON, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks", "scripts")
    run(PYTHON, "-m", "mypy", "--strict", "src/practicemodel")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # a notice about MkDocs 2, not a warning
    # Not --quiet: with it, mkdocs 1.6 exits 0 on the warnings --strict should fail on.
    run(PYTHON, "-m", "mkdocs", "build", "--strict", "--site-dir", str(VENV / "site"))
    ensure_browser()
    os.environ["PRACTICEMODEL_SITE_DIR"] = str(VENV / "site")  # the browser test opens it
    run(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", *pytest_args)


def schema() -> None:
    """Regenerate ``src/practicemodel/data/case-record.schema.json`` from the model (the
    file ``practicemodel schema`` prints; ``tests/test_schema.py`` checks it is current)."""
    ensure_venv("")
    run(PYTHON, "-m", "practicemodel.schema", "--write")


def main() -> None:
    """Dispatch ``demo``, ``test`` or ``schema``."""
    if len(sys.argv) < 2 or sys.argv[1] not in ("demo", "test", "schema"):
        sys.exit(__doc__)
    if sys.argv[1] == "demo":
        demo()
    elif sys.argv[1] == "schema":
        schema()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
