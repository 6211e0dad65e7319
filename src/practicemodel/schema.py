"""Export a JSON Schema (draft 2020-12) of the case record, for non-Python tools.

The schema ships with the package as a data file (``practicemodel/data/case-record.schema.json``),
so [`case_json_schema`][practicemodel.schema.case_json_schema] and ``practicemodel schema``
only read a file: they are fast and need nothing of the model at run time. The file is
generated from the attrs classes by
[`generate_case_json_schema_text`][practicemodel.schema.generate_case_json_schema_text]
when the package is built (a build hook writes it into every wheel and source distribution),
and a test keeps the copy in the repository equal to what the model generates, so it
cannot drift from the converter. After changing the model, regenerate it with
``python -m practicemodel.schema --write``.

What the schema says: property names, required fields (those without a default), ISO dates
(``"format": "date"``, and a pattern that takes exactly ``YYYY-MM-DD`` in the supported years
1900 to 2199), enum codes, quantities as ``{"value", "unit"}`` (a value above zero, a unit
of at most 100 characters in the unit grammar), periods as ``{"count", "unit"}`` (at most a
century in each unit), frequencies of 1 to 100 times, strings without control characters
(ids and names on one line; free text may hold tabs and line breaks), and
``additionalProperties: false`` everywhere (the converter rejects unknown keys). Field
descriptions are the attribute docstrings in the source, read when the file is generated.
It describes the current [`SCHEMA_VERSION`][practicemodel.serialization.SCHEMA_VERSION]
only; records of older versions are read through
[`practicemodel.migrations`][practicemodel.migrations].

The schema checks shape only; the invariants a [`Case`][practicemodel.case.Case] checks at
construction (date order, references between ids, birth dates, a duration of at most 31
days and a dosage of at most 24 hours or sessions a day, keys given once) are stated in each
class's description but can only be enforced by loading the record with practicemodel.

>>> schema = case_json_schema()
>>> schema["properties"]["schema_version"]
{'const': '2', 'description': 'Version of the case record schema.'}
"""

from __future__ import annotations

import ast
import enum
import inspect
import json
import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from practicemodel.errors import PracticeModelError

__all__ = [
    "SCHEMA_FILE",
    "case_json_schema",
    "case_json_schema_text",
    "generate_case_json_schema_text",
]

SCHEMA_FILE = "case-record.schema.json"
"""The name of the shipped schema file in the package data (``practicemodel/data/``)."""

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@cache
def _field_docs(cls: type) -> dict[str, str]:
    """Return ``{field name: docstring}`` from the attribute docstrings in ``cls``'s source."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # pragma: no cover - source not shipped
        return {}
    tree = ast.parse(source)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, following in pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.split("\n\n")[0].replace("\n", " ").strip()


# Strings a record may hold (see ``practicemodel._checks``): no control characters (C0, DEL,
# C1); ids, names and codes also no tab or line break; free text keeps tab, LF and CR.
# Written as the characters refused ("not" a search for one), so that no "$" anchor is
# involved: Python's "$" also matches before a final line feed.
_ONE_LINE = "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]"
_TEXT = "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]"
# YYYY-MM-DD in the years 1900 to 2199 (the day itself is checked by "format": "date"); the
# length keeps Python's "$" from taking a final line feed.
_DATE = {"type": "string", "format": "date", "minLength": 10, "maxLength": 10,
         "pattern": "^(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}$"}


def _string_schema(validator: object) -> dict[str, Any]:
    """The string schema of a field checked by one of ``_checks``' string validators."""
    from practicemodel import _checks

    refused = _TEXT if validator in (_checks.text, _checks.optional_text, _checks.texts) \
        else _ONE_LINE
    schema: dict[str, Any] = {"type": "string", "not": {"pattern": refused}}
    if validator in (_checks.identifier, _checks.text):
        schema["minLength"] = 1
    return schema


def _period_schema() -> dict[str, Any]:
    from practicemodel.periods import MAX_PERIOD_COUNTS

    return {
        "allOf": [
            {"if": {"properties": {"unit": {"const": unit.value}}},
             "then": {"properties": {"count": {"maximum": most}}}}
            for unit, most in MAX_PERIOD_COUNTS.items()
        ],
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, str]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        from pint import Quantity

        origin = get_origin(tp)
        if origin in (Union, UnionType):
            args = [a for a in get_args(tp) if a is not NoneType]
            options = [self.type_schema(a) for a in args]
            if NoneType in get_args(tp):
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            item = get_args(tp)[0]
            return {"type": "array", "items": self.type_schema(item)}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is date:
            return dict(_DATE)
        if tp is Quantity:
            if "Quantity" not in self.defs:
                from practicemodel.units import MAX_UNIT_LENGTH, UNIT_PATTERN

                self.defs["Quantity"] = {
                    "type": "object",
                    "description": "An exact quantity: a number above zero and a unit, e.g. "
                    '{"value": 45, "unit": "minute"} or {"value": 3, "unit": "hour / week"}. '
                    "A duration is at most 31 days; a dosage at most 24 hours or 24 sessions "
                    "a day.",
                    "properties": {
                        "value": {"type": "number", "exclusiveMinimum": 0},
                        "unit": {"type": "string", "maxLength": MAX_UNIT_LENGTH,
                                 "pattern": UNIT_PATTERN},
                    },
                    "required": ["value", "unit"],
                    "additionalProperties": False,
                }
            return self.ref("Quantity")
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {
                    "type": "string",
                    "description": _summary(tp),
                    "enum": [m.value for m in tp],
                }
            return self.ref(tp.__name__)
        if isinstance(tp, type) and attrs.has(tp):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {}  # placeholder against recursion
                self.defs[tp.__name__] = self.class_schema(tp)
            return self.ref(tp.__name__)
        raise TypeError(f"no JSON Schema mapping for {tp!r}")  # pragma: no cover

    def class_schema(self, cls: type) -> dict[str, Any]:
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            prop = self.type_schema(field.type)
            if field.type in (str, str | None, tuple[str, ...]):
                string = _string_schema(field.validator)
                if field.type is str:
                    prop = string
                elif field.type == str | None:
                    prop = {"anyOf": [string, {"type": "null"}]}
                else:
                    prop = {"type": "array", "items": string}
            prop = {**prop, **_bounds(cls.__name__, field.name)}
            if field.name in docs:
                prop = {**prop, "description": docs[field.name]}
            properties[field.name] = prop
            if field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {"type": "object", "description": _summary(cls),
                                  "properties": properties}
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        if cls.__name__ == "Period":
            schema.update(_period_schema())
        return schema


def _bounds(cls: str, field: str) -> dict[str, Any]:
    """Bounds of a single field beyond its type (see the module docstring)."""
    from practicemodel.caseplan import MAX_FREQUENCY_TIMES

    bounds: dict[tuple[str, str], dict[str, Any]] = {
        ("Period", "count"): {"minimum": 0},
        ("Frequency", "times"): {"minimum": 1, "maximum": MAX_FREQUENCY_TIMES},
        ("Frequency", "per"): {"properties": {"count": {"minimum": 1}}},
    }
    return bounds.get((cls, field), {})


def generate_case_json_schema_text() -> str:
    """Generate the JSON Schema of a case record from the model, as indented JSON text.

    This is what the shipped file holds (plus a final line feed). It introspects every class
    of the record and reads the field docstrings from the source, which takes about a
    second: it is meant for the build and for developers (``python -m practicemodel.schema
    --write``); users read the shipped file with
    [`case_json_schema_text`][practicemodel.schema.case_json_schema_text].
    """
    from practicemodel.case import Case
    from practicemodel.serialization import SCHEMA_VERSION, model_classes

    model_classes()  # resolves the annotations
    builder = _Builder()
    body = builder.class_schema(Case)
    properties = {
        "schema_version": {"const": SCHEMA_VERSION,
                           "description": "Version of the case record schema."},
        **body["properties"],
    }
    schema = {
        "$schema": _DIALECT,
        "title": "practicemodel case record",
        "description": body["description"],
        "type": "object",
        "properties": properties,
        "required": ["schema_version", *body["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False)


class _SchemaFileMissing(PracticeModelError, FileNotFoundError):
    """The shipped schema file is missing or unreadable (a broken installation)."""


@cache
def _shipped_text() -> str:
    try:
        text = resources.files("practicemodel").joinpath("data", SCHEMA_FILE) \
            .read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else \
            type(error).__name__
        raise _SchemaFileMissing(
            f"the JSON Schema file practicemodel/data/{SCHEMA_FILE} cannot be read "
            f"({reason}): this installation of practicemodel is incomplete; reinstall it "
            "(pip install --force-reinstall practicemodel), or, in a source checkout, "
            "write the file with: python -m practicemodel.schema --write"
        ) from None
    return text[:-1] if text.endswith("\n") else text


def case_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a case record as a new dict.

    Raises:
        PracticeModelError: the shipped schema file is missing (a broken installation;
            the error is also a ``FileNotFoundError``, and says how to repair it).
    """
    result: dict[str, Any] = json.loads(_shipped_text())
    return result


def case_json_schema_text() -> str:
    """Return the JSON Schema of a case record as indented JSON text (the shipped file).

    Raises:
        PracticeModelError: the shipped schema file is missing (see
            [`case_json_schema`][practicemodel.schema.case_json_schema]).
    """
    return _shipped_text()


def _main(argv: Sequence[str] | None = None) -> int:
    """``python -m practicemodel.schema [--write [PATH]]``: print the schema generated from
    the model, or write it (by default, over the package's own data file)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m practicemodel.schema",
        description="Generate the JSON Schema of a case record from the model.")
    parser.add_argument(
        "--write", nargs="?", const=Path(__file__).parent / "data" / SCHEMA_FILE, type=Path,
        metavar="PATH", help=f"write it to PATH (default: the package's data/{SCHEMA_FILE})")
    args = parser.parse_args(argv)
    text = generate_case_json_schema_text() + "\n"
    if args.write is None:
        sys.stdout.write(text)
        return 0
    path: Path = args.write
    if path.is_file() and path.read_bytes() == text.encode("utf-8"):
        sys.stdout.write(f"{path} is up to date\n")
        return 0
    path.write_bytes(text.encode("utf-8"))
    sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
