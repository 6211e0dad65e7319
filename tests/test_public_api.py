"""The curated public API: the top-level names, where the errors live, a light import."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import practicemodel
from practicemodel import errors

# The verbs and the nouns besides the record types, each with the module it lives in.
HOMES = {
    "check_case": "practicemodel.checks",
    "schedule": "practicemodel.timelines",
    "rate_case": "practicemodel.review",
    "get_policy": "practicemodel.policy",
    "PolicyProfile": "practicemodel.policy",
    "Finding": "practicemodel.findings",
    "Outcome": "practicemodel.findings",
    "all_rules": "practicemodel.rules",
    "get_rule": "practicemodel.rules",
    "load_case": "practicemodel.serialization",
    "make_converter": "practicemodel.serialization",
}

# Modules that ``import practicemodel`` must not load: the rules, the policy profiles,
# cattrs and pint (each costs tens of milliseconds), and the optional extras and test tools
# (the report extra's Jinja2 and its MarkupSafe, the fhir extra's fhir.resources,
# selenium). Checked by name in sys.modules: a package's submodule cannot load without the
# package itself.
HEAVY = (
    "pint", "cattrs", "pandas", "polars", "matplotlib", "jinja2", "markupsafe", "selenium",
    "fhir",
    "practicemodel.serialization", "practicemodel.checks", "practicemodel.timelines",
    "practicemodel.review", "practicemodel.policy", "practicemodel.findings",
    "practicemodel.rules",
)


def test_all_is_unique_and_every_name_resolves() -> None:
    """``__all__`` lists each name once, and ``from practicemodel import *`` works."""
    names = practicemodel.__all__
    assert len(set(names)) == len(names)
    namespace: dict[str, object] = {}
    exec("from practicemodel import *", namespace)  # the test is the star import
    missing = [name for name in names if name not in namespace]
    assert missing == []


@pytest.mark.parametrize(("name", "module"), sorted(HOMES.items()))
def test_top_level_names_are_the_objects_of_their_home_module(name: str, module: str) -> None:
    """``practicemodel.check_case is practicemodel.checks.check_case``, and so on."""
    assert name in practicemodel.__all__
    assert getattr(practicemodel, name) is getattr(importlib.import_module(module), name)


def test_an_unknown_top_level_name_is_an_attribute_error() -> None:
    """A misspelt name fails as for any module, naming it."""
    with pytest.raises(AttributeError, match="'check_cases'"):
        practicemodel.check_cases  # type: ignore[attr-defined]  # noqa: B018


def test_dir_lists_the_lazy_names() -> None:
    """Tab completion sees the names imported on first use."""
    assert {"check_case", "rate_case", "load_case"} <= set(dir(practicemodel))


def test_import_practicemodel_stays_light() -> None:
    """A fresh ``import practicemodel`` loads no rule module, no profile, no cattrs, no
    pint; the first use of a verb does."""
    code = ("import practicemodel, sys; "
            f"print([m for m in {HEAVY!r} if m in sys.modules]); "
            "practicemodel.check_case; "
            "print('practicemodel.checks' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    expected = "[]\nTrue"
    assert expected == result.stdout.strip()


# The distribution that installs each third-party name of HEAVY.
HEAVY_DISTRIBUTIONS = {"pint": "Pint", "cattrs": "cattrs", "pandas": "pandas",
                       "polars": "polars", "matplotlib": "matplotlib", "jinja2": "Jinja2",
                       "markupsafe": "MarkupSafe", "selenium": "selenium",
                       "fhir": "fhir.resources"}


def test_the_heavy_names_are_module_names() -> None:
    """Each name the light-import test looks for is what ``sys.modules`` would hold once it
    is imported (spelt as imported: ``markupsafe``, not ``MarkupSafe``), so a heavy import
    could not slip past the check under another name. Names of packages not installed here
    cannot be looked up and are left out."""
    import importlib.metadata
    import importlib.util

    assert set(HEAVY_DISTRIBUTIONS) == {n for n in HEAVY if not n.startswith("practicemodel")}
    unknown = []
    for name in HEAVY:
        distribution = HEAVY_DISTRIBUTIONS.get(name)
        if distribution is not None:
            try:
                importlib.metadata.distribution(distribution)
            except importlib.metadata.PackageNotFoundError:
                continue
        if importlib.util.find_spec(name) is None:
            unknown.append(name)
    assert unknown == []


def _modules() -> list[str]:
    found = [info.name for info in pkgutil.walk_packages(practicemodel.__path__,
                                                         "practicemodel.")]
    return sorted(name for name in found if name != "practicemodel.__main__")


def test_every_public_error_class_lives_in_errors() -> None:
    """No module but ``practicemodel.errors`` defines a public exception class."""
    strays = []
    for name in _modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, BaseException)
                    and value.__module__ == name and not attribute.startswith("_")
                    and name != "practicemodel.errors"):
                strays.append(f"{name}.{attribute}")
    assert strays == []


def test_every_error_is_a_practicemodel_error_and_a_builtin() -> None:
    """Each error derives from PracticeModelError and from a builtin exception besides."""
    classes = [getattr(errors, name) for name in errors.__all__
               if inspect.isclass(getattr(errors, name))
               and issubclass(getattr(errors, name), BaseException)]
    loose = [cls.__name__ for cls in classes if cls is not errors.PracticeModelError and not (
        issubclass(cls, errors.PracticeModelError)
        and any(base.__module__ == "builtins" and base is not Exception
                for base in cls.__mro__))]
    assert loose == []


@pytest.mark.parametrize(("error", "builtin", "not_builtin"), [
    (errors.InvalidInputError, TypeError, ValueError),
    (errors.InvalidArgumentError, ValueError, TypeError),
    (errors.UnknownPolicyError, LookupError, ValueError),
    (errors.MissingExtraError, ImportError, ValueError),
    (errors.RecordReviewError, ValueError, TypeError),
])
def test_error_builtin_bases(error: type[Exception], builtin: type[Exception],
                             not_builtin: type[Exception]) -> None:
    """A wrong kind of argument is a TypeError, a bad value a ValueError."""
    assert issubclass(error, builtin)
    assert not issubclass(error, not_builtin)


@pytest.mark.parametrize(("module", "name"), [
    ("practicemodel.policy", "UnknownPolicyError"),
    ("practicemodel.analysis", "MissingExtraError"),
    ("practicemodel.caseload", "RecordReviewError"),
])
def test_moved_errors_are_the_same_class_at_their_old_address(module: str, name: str) -> None:
    """The three errors moved to ``errors`` are still importable where they were."""
    assert getattr(importlib.import_module(module), name) is getattr(errors, name)


@pytest.mark.parametrize("family", ["services", "goals", "concurrent", "plan", "closure",
                                    "reunification"])
def test_plan_rule_modules_export_only_their_rules(family: str) -> None:
    """The plan-quality sub-checks (``_permanency_goals``...) are private: each plan rule
    module exports exactly its rule functions, one per registered id of its family."""
    from practicemodel.rules import select

    module = importlib.import_module(f"practicemodel.rules.{family}")
    expected = sorted(info.id.partition(".")[2] for info in select(f"{family}.*"))
    assert expected == sorted(module.__all__)
