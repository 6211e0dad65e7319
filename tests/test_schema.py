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
        jsonschema.validate(data, case_json_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_accepts_line_breaks_in_free_text() -> None:
    """Free text may hold tabs and line breaks, and the range's end dates are dates."""
    data = json.loads(example_json())
    data["staffings"][0]["notes"] = "first line\n\tsecond line\r\n"
    data["people"][0]["birth_date"] = "1900-01-01"
    data["closed_on"] = "2199-12-31"
    data["closure_reason"] = "reunified"
    jsonschema.validate(data, case_json_schema(), cls=jsonschema.Draft202012Validator)
