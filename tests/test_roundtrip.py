"""Round-trip properties: every model class survives unstructure/structure and JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.serialization import (
    dump_case,
    dumps_case,
    iter_jsonl,
    load_case,
    loads_case,
    make_converter,
    model_classes,
)
from practicemodel.strategies import cases, model_strategies

CONVERTER = make_converter()
CLASSES = model_classes()


def test_every_model_class_has_a_strategy() -> None:
    """The strategies mapping covers exactly the classes of the case record."""
    expected = {cls.__name__ for cls in CLASSES}
    actual = {cls.__name__ for cls in model_strategies()}
    assert expected == actual


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_from_type_is_registered_for_every_class(cls: type) -> None:
    """The hypothesis entry point registered a strategy for every model class."""
    expected = repr(model_strategies()[cls])
    actual = repr(st.from_type(cls))  # an unregistered class would show builds(...)
    assert expected == actual


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_structure_unstructure_round_trip(cls: type, data: st.DataObject) -> None:
    """structure(unstructure(x)) == x for every model class, and the middle is plain JSON."""
    value = data.draw(st.from_type(cls))
    assert type(value) is cls
    raw: Any = CONVERTER.unstructure(value)
    assert raw == json.loads(json.dumps(raw))
    assert value == CONVERTER.structure(raw, cls)


@given(cases())
def test_case_dict_round_trip(case: Case) -> None:
    """load_case(dump_case(c)) == c for coherent drawn cases."""
    assert case == load_case(dump_case(case))


@given(cases())
def test_case_json_text_round_trip(case: Case) -> None:
    """loads_case(dumps_case(c)) == c, indented and on one line."""
    assert case == loads_case(dumps_case(case))
    assert case == loads_case(dumps_case(case, indent=None))


@given(st.lists(cases(), max_size=2))
def test_jsonl_round_trip(drawn: list[Case]) -> None:
    """Cases written one per line come back from iter_jsonl in order."""
    lines = [dumps_case(case, indent=None) for case in drawn]
    assert drawn == list(iter_jsonl(lines))


@given(cases())
def test_dump_is_idempotent(case: Case) -> None:
    """Dumping a loaded case gives the same JSON-ready dict as dumping the original."""
    dumped = dump_case(case)
    assert dumped == dump_case(load_case(dumped))


@pytest.mark.slow
@settings(max_examples=max(500, settings.default.max_examples))
@given(cases())
def test_case_round_trip_thorough(case: Case) -> None:
    """Many more cases round-trip through JSON text (run with --run-slow)."""
    assert case == loads_case(dumps_case(case))
