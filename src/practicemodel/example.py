"""The built-in example: the fictional Wilson family's foster care case.

The Wilson family is fictional, in the spirit of the Wilson family exercises of the
California training deck *Family Engagement in Case Planning & Case Management* (2013,
seed 003). The record is built in code by ``examples/wilson_family.py`` in the source
repository and shipped here as JSON package data, so it loads without the examples folder.

>>> case = load_example()
>>> [child.name for child in case.children()]
['Ava Wilson', 'Leo Wilson']
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from practicemodel.case import Case

__all__ = ["EXAMPLE_NAME", "example_json", "load_example"]

EXAMPLE_NAME = "wilson_family.json"
"""File name of the example in the package data."""


def example_json() -> str:
    """Return the example case record as JSON text, exactly as shipped."""
    return resources.files("practicemodel").joinpath("data", EXAMPLE_NAME).read_text("utf-8")


def load_example() -> Case:
    """Load the example case record (a fresh parse each call)."""
    from practicemodel.serialization import loads_case

    return loads_case(example_json(), source=f"practicemodel:data/{EXAMPLE_NAME}")
