"""Shared pytest configuration: hypothesis profiles and the ``--run-slow`` option.

The test command gives every user the same result as CI, so there is one profile for it:

- ``deterministic``: 100 examples per property, derandomized (the same examples on every run,
  on every machine, with or without the ``CI`` variable), no example database (a failure
  found on one machine is not replayed only there), no deadline. The default.
- ``thorough``: 1000 random examples per property, with the example database; selected by
  ``--run-slow``, which also runs the tests marked ``@pytest.mark.slow`` (skipped without
  it). Random exploration lives here: what it finds becomes an ``@example`` of the property,
  so that the deterministic run keeps it found.

A developer may still pick a profile with ``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis loads its own "ci" profile when it detects CI, and a new profile inherits from
# the one loaded; start each of ours from hypothesis's defaults so they do not depend on it.
_DEFAULTS = settings.get_profile("default")

settings.register_profile(
    "deterministic",
    _DEFAULTS,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.register_profile(
    "thorough",
    _DEFAULTS,
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--run-slow``: run the slow tests, with the thorough hypothesis profile."""
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="run tests marked slow and use the 'thorough' hypothesis profile",
    )


def _profile_name(config: pytest.Config) -> str:
    explicit = os.environ.get("HYPOTHESIS_PROFILE")
    if explicit:
        return explicit
    return "thorough" if config.getoption("--run-slow") else "deterministic"


def pytest_configure(config: pytest.Config) -> None:
    """Load the hypothesis profile chosen by the environment and ``--run-slow``."""
    if config.getoption("--hypothesis-profile", default=None):
        return  # hypothesis's own pytest option loads the profile it names
    settings.load_profile(_profile_name(config))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the tests marked ``slow`` unless ``--run-slow`` was given."""
    if config.getoption("--run-slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow; run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the browser test's counts (pages, links, images checked), so CI logs show them."""
    lines = [str(value) for outcome in ("passed", "failed")
             for report in terminalreporter.stats.get(outcome, [])
             for name, value in getattr(report, "user_properties", ())
             if name == "browser_summary" and getattr(report, "when", "") == "call"]
    if lines:
        terminalreporter.write_sep("-", "browser test")
        for line in lines:
            terminalreporter.write_line(line)
