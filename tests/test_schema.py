"""Tests for the JSON Schema export."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

from practicemodel.example import example_json
from practicemodel.schema import case_json_schema, case_json_schema_text
from practicemodel.serialization import model_classes


def test_schema_is_valid_draft_2020_12() -> None:
    """The exported schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(case_json_schema())


def test_example_conforms_to_schema() -> None:
    """The shipped example validates against the schema."""
    jsonschema.validate(json.loads(example_json()), case_json_schema(),
                        cls=jsonschema.Draft202012Validator)


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
        jsonschema.validate(data, case_json_schema(), cls=jsonschema.Draft202012Validator)


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
