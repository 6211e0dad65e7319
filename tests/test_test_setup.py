"""The test command gives a user the same result as CI: one deterministic hypothesis profile."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings


def test_the_test_command_runs_one_deterministic_profile(pytestconfig: pytest.Config) -> None:
    """Without ``--run-slow`` every property runs the same examples, with or without ``CI``."""
    if (pytestconfig.getoption("--run-slow") or os.environ.get("HYPOTHESIS_PROFILE")
            or pytestconfig.getoption("--hypothesis-profile", default=None)):
        pytest.skip("a profile was chosen explicitly")
    assert settings.default.derandomize
    assert settings.default.database is None
    assert settings.default.max_examples == 100


def test_run_slow_explores_at_random(pytestconfig: pytest.Config) -> None:
    """``--run-slow`` runs the thorough profile: many random examples."""
    if not pytestconfig.getoption("--run-slow") or os.environ.get("HYPOTHESIS_PROFILE"):
        pytest.skip("runs with --run-slow")
    assert not settings.default.derandomize
    assert settings.default.max_examples == 1000
