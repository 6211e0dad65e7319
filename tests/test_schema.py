"""Tests for the JSON Schema export: the shipped file, its generator and the build hook."""

from __future__ import annotations

import difflib
import inspect
import io
import json
import subprocess
import sys
import tomllib
import types
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

from module_loading import load_module
from practicemodel import schema as schema_module
from practicemodel.cli import main
from practicemodel.errors import PracticeModelError
from practicemodel.example import example_json
from practicemodel.schema import (
    SCHEMA_FILE,
    case_json_schema,
    case_json_schema_text,
    generate_case_json_schema_text,
)
from practicemodel.serialization import model_classes

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "practicemodel" / "data" / SCHEMA_FILE
REGENERATE = ".venv/bin/python -m practicemodel.schema --write"


@pytest.fixture(scope="module")
def generated() -> str:
    """The schema generated from the model (about a second: once per module)."""
    return generate_case_json_schema_text()


def test_the_shipped_schema_is_the_one_the_model_generates(generated: str) -> None:
    """The schema file in the package data is byte for byte what the model generates (with
    a final line feed), so the shipped file cannot drift from the converter."""
    shipped = SHIPPED.read_text(encoding="utf-8")
    if shipped != generated + "\n":
        diff = difflib.unified_diff(shipped.splitlines(), generated.splitlines(),
                                    "shipped", "generated", lineterm="", n=1)
        pytest.fail(f"{SHIPPED.relative_to(ROOT)} is not what the model generates; "
                    f"regenerate it with: {REGENERATE} (or: python3 scripts/dev.py schema)\n"
                    + "\n".join(list(diff)[:40]))
    assert case_json_schema_text() == generated


def test_the_schema_command_prints_the_shipped_file(generated: str) -> None:
    """``practicemodel schema`` prints the generated schema and a line feed, as before the
    schema was shipped."""
    out = io.StringIO()
    assert main(["schema"], stdout=out) == 0
    assert out.getvalue() == generated + "\n"


def test_reading_the_schema_does_not_introspect_the_model() -> None:
    """Reading the schema reads the file: no cattrs, no pint, no converter in a fresh
    process."""
    code = ("import sys; from practicemodel.schema import case_json_schema; "
            "assert case_json_schema()['title']; "
            "print(sorted(m for m in ('pint', 'cattrs', 'practicemodel.serialization', "
            "'practicemodel.migrations') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


@pytest.fixture
def no_source(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``inspect.getsource`` fails for every object, as where only bytecode is installed."""
    def fail(obj: object) -> str:
        raise OSError("could not get source code")

    schema_module._field_docs.cache_clear()
    monkeypatch.setattr(inspect, "getsource", fail)
    yield
    schema_module._field_docs.cache_clear()


def _described(schema: dict[str, Any]) -> int:
    """How many properties of the schema have a description."""
    return sum("description" in prop for cls in schema["$defs"].values()
               for prop in cls.get("properties", {}).values())


@pytest.mark.usefixtures("no_source")
def test_descriptions_do_not_need_the_source(generated: str) -> None:
    """Without the model's source the generator loses the field descriptions, but the
    shipped schema keeps every one: they come from the file."""
    assert _described(case_json_schema()) == _described(json.loads(generated)) > 300
    assert _described(json.loads(generate_case_json_schema_text())) == 0


@pytest.fixture
def missing_file(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped schema file is not there (a broken installation)."""
    schema_module._shipped_text.cache_clear()
    monkeypatch.setattr(schema_module, "SCHEMA_FILE", "no-such.schema.json")
    yield
    schema_module._shipped_text.cache_clear()


@pytest.mark.usefixtures("missing_file")
def test_a_missing_schema_file_is_a_clear_error() -> None:
    """Without the shipped file, the schema functions raise the library's error (also a
    FileNotFoundError) saying how to repair the installation, and ``practicemodel schema``
    says so in one line, without a traceback."""
    for read in (case_json_schema, case_json_schema_text):
        with pytest.raises(PracticeModelError) as info:
            read()
        assert isinstance(info.value, FileNotFoundError)
        message = str(info.value)
        assert message.startswith("the JSON Schema file practicemodel/data/"
                                  "no-such.schema.json cannot be read (")
        assert "reinstall it" in message
        assert "python -m practicemodel.schema --write" in message
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["schema"], stdout=io.StringIO()) == 1
    assert err.getvalue().startswith("practicemodel: the JSON Schema file ")
    assert err.getvalue().count("\n") == 1


def test_the_module_writes_the_schema(tmp_path: Path, generated: str) -> None:
    """``python -m practicemodel.schema --write PATH`` writes the generated schema, and says
    when the file is already up to date; without ``--write`` it prints it."""
    target = tmp_path / SCHEMA_FILE
    out = io.StringIO()
    with redirect_stdout(out):
        assert schema_module._main(["--write", str(target)]) == 0
        assert schema_module._main(["--write", str(target)]) == 0
    assert out.getvalue() == f"wrote {target}\n{target} is up to date\n"
    assert target.read_text(encoding="utf-8") == generated + "\n"
    out = io.StringIO()
    with redirect_stdout(out):
        assert schema_module._main([]) == 0
    assert out.getvalue() == generated + "\n"


# -- the build hook ------------------------------------------------------------------------


class _Interface:
    """Stands in for hatchling's ``BuildHookInterface`` (hatchling is installed only in
    the isolated build environment): the attributes the hook reads."""

    def __init__(self, root: str, target_name: str) -> None:
        self.root = root
        self.target_name = target_name
        self.warnings: list[str] = []
        self.app = types.SimpleNamespace(display_warning=self.warnings.append)


@pytest.fixture(scope="module")
def hook_module() -> types.ModuleType:
    """``hatch_build.py``, imported with the stand-in for hatchling's interface."""
    names = ["hatchling", "hatchling.builders", "hatchling.builders.hooks",
             "hatchling.builders.hooks.plugin", "hatchling.builders.hooks.plugin.interface"]
    saved = {name: sys.modules.get(name) for name in names}
    for name in names:
        sys.modules[name] = types.ModuleType(name)
    sys.modules[names[-1]].BuildHookInterface = _Interface  # type: ignore[attr-defined]
    try:
        return load_module("_practicemodel_hatch_build", ROOT / "hatch_build.py")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


@pytest.mark.parametrize(("target", "inside"), [
    ("wheel", "practicemodel/data/case-record.schema.json"),
    ("sdist", "src/practicemodel/data/case-record.schema.json"),
])
def test_the_build_hook_puts_the_generated_schema_in_the_artifact(
        hook_module: types.ModuleType, target: str, inside: str, generated: str) -> None:
    """The build hook generates the schema from the sources being built and forces it into
    the wheel (at the package's place) and the sdist (at the file's place in the project),
    with no warning when the repository's copy is current; its scratch file is removed
    afterwards. Editable wheels are left alone."""
    hook = hook_module.SchemaBuildHook(str(ROOT), target)
    build_data: dict[str, Any] = {"force_include": {}}
    hook.initialize("standard", build_data)
    ((source, destination),) = build_data["force_include"].items()
    assert destination == inside
    assert Path(source).read_text(encoding="utf-8") == generated + "\n"
    assert hook.warnings == []
    hook.finalize("standard", build_data, "artifact")
    assert not Path(source).exists()
    editable: dict[str, Any] = {"force_include": {}}
    hook_module.SchemaBuildHook(str(ROOT), "wheel").initialize("editable", editable)
    assert editable == {"force_include": {}}


def test_the_build_hook_warns_when_the_repository_copy_is_stale(
        hook_module: types.ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the repository's copy differs from the model (here: is missing), the build
    still ships the generated schema, and says which file to regenerate and how."""
    monkeypatch.setattr(hook_module, "SCHEMA", Path("src", "practicemodel", "data",
                                                    "no-such.schema.json"))
    hook = hook_module.SchemaBuildHook(str(ROOT), "wheel")
    build_data: dict[str, Any] = {"force_include": {}}
    hook.initialize("standard", build_data)
    hook.finalize("standard", build_data, "artifact")
    assert list(build_data["force_include"].values()) == [
        "practicemodel/data/no-such.schema.json"]
    (warning,) = hook.warnings
    assert warning.startswith("src/practicemodel/data/no-such.schema.json differs from the "
                              "model")
    assert "python -m practicemodel.schema --write" in warning


def test_the_build_is_set_up_for_the_hook() -> None:
    """pyproject.toml registers the hook for the wheel and the sdist, puts the hook file in
    the sdist, and gives the build the core dependencies the generator imports."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    targets = project["tool"]["hatch"]["build"]["targets"]
    assert "custom" in targets["wheel"]["hooks"]
    assert "custom" in targets["sdist"]["hooks"]
    assert "hatch_build.py" in targets["sdist"]["include"]
    requires = set(project["build-system"]["requires"])
    assert set(project["project"]["dependencies"]) <= requires


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(case_json_schema())


def _validate(data: object) -> None:
    """``jsonschema.validate(data, schema)`` with the validator built once (the schema itself
    is checked by ``test_schema_is_valid_draft_2020_12``)."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        raise error


def test_schema_is_valid_draft_2020_12() -> None:
    """The exported schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(case_json_schema())


def test_example_conforms_to_schema() -> None:
    """The shipped example validates against the schema."""
    _validate(json.loads(example_json()))


def test_every_model_class_has_a_definition() -> None:
    """Every attrs class of the record appears in ``$defs`` with all of its fields."""
    defs = case_json_schema()["$defs"]
    for cls in model_classes():
        if cls.__name__ == "Case":
            continue
        assert cls.__name__ in defs
        assert set(defs[cls.__name__]["properties"]) == {f.name for f in attrs.fields(cls)}


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.update(extra_field=1), "extra_field"),
        (lambda d: d.pop("schema_version"), "schema_version"),
        (lambda d: d.update(case_type="out_of_home"), "out_of_home"),
        (lambda d: d["people"][0].update(birth_date=19930422), "19930422"),
        (lambda d: d["services"][0].update(dosage={"value": 1}), "unit"),
    ],
)
def test_schema_rejects_malformed_records(mutate: object, fragment: str) -> None:
    """The schema rejects unknown keys, missing version, unknown codes and wrong types."""
    data = json.loads(example_json())
    mutate(data)  # type: ignore[operator]
    with pytest.raises(jsonschema.ValidationError, match=fragment):
        _validate(data)


def test_field_descriptions_come_from_docstrings() -> None:
    """Property descriptions are the attribute docstrings of the source."""
    placement = case_json_schema()["$defs"]["Placement"]
    assert placement["properties"]["start"]["description"] == "First day in the setting."


def test_text_and_dict_agree() -> None:
    """The text form parses to the dict form, and the dict is a fresh copy each call."""
    assert json.loads(case_json_schema_text()) == case_json_schema()
    first = case_json_schema()
    first["title"] = "changed"
    assert case_json_schema()["title"] == "practicemodel case record"


def _visitation(per: dict[str, object], times: int = 1) -> dict[str, object]:
    return {"id": "va-x", "child_id": "ava", "visitor_ids": ["dana"], "visitor_kind": "parent",
            "frequency": {"times": times, "per": per}, "supervision": "supervised"}


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(opened_on="20260301"),
        lambda d: d.update(opened_on="2026-W10-1"),
        lambda d: d.update(opened_on="9999-12-31"),
        lambda d: d.update(opened_on="1899-12-31"),
        lambda d: d.update(opened_on="2026-03-01\n"),
        lambda d: d["contacts"][0].update(duration={"value": 0, "unit": "minute"}),
        lambda d: d["contacts"][0].update(duration={"value": -45, "unit": "minute"}),
        lambda d: d["contacts"][0].update(duration={"value": 45, "unit": "A" * 101}),
        lambda d: d["contacts"][0].update(duration={"value": 45, "unit": "hour /"}),
        lambda d: d["plans"][0]["visitation"].append(_visitation({"count": 101,
                                                                  "unit": "years"})),
        lambda d: d["plans"][0]["visitation"].append(_visitation({"count": 0, "unit": "days"})),
        lambda d: d["plans"][0]["visitation"].append(_visitation({"count": 1, "unit": "days"},
                                                                 times=101)),
        lambda d: d.update(id="x\u0000\nFAKE: valid"),
        lambda d: d["people"][0].update(name="Dana\x1b[2J"),
        lambda d: d["people"][0].update(id="dana\n"),
        lambda d: d["staffings"][0].update(notes="bell\x07"),
    ],
    ids=["basic-date", "week-date", "year-9999", "year-1899", "date-and-line-feed",
         "zero-duration", "negative-duration", "long-unit", "malformed-unit", "century-plus",
         "per-zero-days", "times-101", "control-in-id", "escape-in-name", "line-feed-in-id",
         "bell-in-notes"],
)
def test_schema_refuses_what_the_loader_refuses(mutate: object) -> None:
    """Dates, quantities, periods, frequencies and strings the loader refuses fail the schema."""
    data = json.loads(example_json())
    mutate(data)  # type: ignore[operator]
    with pytest.raises(jsonschema.ValidationError):
        _validate(data)


def test_schema_accepts_line_breaks_in_free_text() -> None:
    """Free text may hold tabs and line breaks, and the range's end dates are dates."""
    data = json.loads(example_json())
    data["staffings"][0]["notes"] = "first line\n\tsecond line\r\n"
    data["people"][0]["birth_date"] = "1900-01-01"
    data["closed_on"] = "2199-12-31"
    data["closure_reason"] = "reunified"
    _validate(data)
