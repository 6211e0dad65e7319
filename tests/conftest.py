"""Shared pytest configuration: hypothesis profiles and the ``--run-slow`` option.

Profiles (pick one with the ``HYPOTHESIS_PROFILE`` environment variable):

- ``ci``: 30 examples per property, derandomized (the same examples every run), no
  deadline; the default when the ``CI`` environment variable is set.
- ``dev``: hypothesis's default 100 examples, no deadline; the default otherwise.
- ``thorough``: 1000 examples; selected by ``--run-slow``, which also runs the tests marked
  ``@pytest.mark.slow`` (skipped without it).

An explicit ``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile`` wins over ``--run-slow``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis loads its own "ci" profile when it detects CI, and a new profile inherits from
# the one loaded; start each of ours from hypothesis's defaults so they do not depend on it.
_DEFAULTS = settings.get_profile("default")

settings.register_profile(
    "ci",
    _DEFAULTS,
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.register_profile("dev", _DEFAULTS, max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    _DEFAULTS,
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
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
    if config.getoption("--run-slow"):
        return "thorough"
    return "ci" if os.environ.get("CI") else "dev"


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
