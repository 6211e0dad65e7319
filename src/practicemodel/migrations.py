"""Schema versions of the case record, and the chain of migrations that reads old ones.

Every case record says which version of the format it follows in its ``"schema_version"``
field. The library writes the newest version
([`SCHEMA_VERSION`][practicemodel.serialization.SCHEMA_VERSION]) and reads every version
since the first through a chain of *migrations*: one
[`Migration`][practicemodel.migrations.Migration] per version, from each version to the
next, registered in [`MIGRATIONS`][practicemodel.migrations.MIGRATIONS]. A record of an
old version is brought to the newest one step by step before it is built into a
[`Case`][practicemodel.case.Case], so the model and the rules only ever see the newest
version.

>>> [(step.from_version, step.to_version) for step in MIGRATIONS]
[('1', '2')]
>>> migrate({"schema_version": "1", "id": "c-1"})
{'schema_version': '2', 'id': 'c-1'}

Every loading path goes through [`migrate`][practicemodel.migrations.migrate]:
[`load_case`][practicemodel.serialization.load_case],
[`loads_case`][practicemodel.serialization.loads_case],
[`read_case`][practicemodel.serialization.read_case] and
[`iter_jsonl`][practicemodel.serialization.iter_jsonl]. The bulk decoder
(``practicemodel._bulk``) reads the newest version itself, and an older one too when every
step from it only adds fields ([`unchanged`][practicemodel.migrations.unchanged]): such a
record, holding none of the added fields, *is* a record of the newest version. Any other
old record is left to ``migrate`` and the detailed converter, so both paths give the same
case or the same errors.

A record without a version, or with a version this library does not read (a newer one, or
not a version at all), is refused with a
[`SchemaVersionError`][practicemodel.errors.SchemaVersionError] that names the versions this
library reads. A record from the future is never half-read.

## Adding a schema version

When the record's format changes in a way an older record cannot be read as (a new
collection, a renamed or reshaped field), the version goes up by one. To add version ``N``:

1. Change the model, and set [`SCHEMA_VERSION`][practicemodel.serialization.SCHEMA_VERSION]
   to ``"N"`` (the writer's version; a test checks it is the end of the chain).
2. Write the step: a pure function from a version ``N-1`` record (a dict, as parsed from
   JSON) to the version ``N`` dict. It must not change its argument; it may refuse what
   cannot be migrated by raising ``SchemaVersionError`` with path-addressed
   [`Problem`][practicemodel.errors.Problem]s (the chain adds the record's source). A
   version that only adds fields with defaults needs no function: use
   [`unchanged`][practicemodel.migrations.unchanged], which also keeps such records on the
   bulk decoder's fast path.
3. Register it: append ``Migration(from_version="N-1", to_version="N", migrate=...,
   summary=..., added_fields=(...))`` to ``MIGRATIONS``. ``added_fields`` names the
   top-level fields new in ``N``: an older record that holds one is refused, naming the
   field, as no older writer can have written it.
4. Add fixtures: a few records of version ``N`` under ``tests/data/schema_versions/vN/``
   (``tests/test_schema_versions.py`` fails for a version without one), written by the
   new writer; keep the older folders as they are. In that test module, give ``AS_VERSION``
   the function that says what a version ``N-1`` record can hold of a version ``N`` case.
   Regenerate the shipped JSON Schema (``python -m practicemodel.schema --write``).

The JSON Schema ([`practicemodel.schema`][practicemodel.schema]) describes the newest
version only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import pairwise
from typing import Any

import attrs

from practicemodel._describe import kind_of, show
from practicemodel.errors import Problem, RecordStructureError, SchemaVersionError

__all__ = ["MIGRATIONS", "Migration", "migrate", "unchanged"]


def unchanged(record: dict[str, Any]) -> dict[str, Any]:
    """The step of a version that only added fields, each with a default: a record of the
    version before, holding none of them, is already a record of the new version (a copy
    of ``record`` is returned).

    A step with this function is also one the bulk decoder can read on its fast path.
    """
    return dict(record)


@attrs.frozen(kw_only=True)
class Migration:
    """One step of the chain: how a record of ``from_version`` becomes one of
    ``to_version``."""

    from_version: str
    """The version of the records this step reads."""
    to_version: str
    """The version of the records this step returns (the next version)."""
    migrate: Callable[[dict[str, Any]], dict[str, Any]]
    """A pure function from a ``from_version`` record (a dict as parsed from JSON, its
    ``schema_version`` included) to the ``to_version`` record's fields; the chain sets
    ``schema_version``. It must not change its argument, and may raise
    ``SchemaVersionError`` with path-addressed problems for a record it cannot migrate."""
    summary: str
    """What ``to_version`` changed, in a sentence (shown in the docs)."""
    added_fields: tuple[str, ...] = ()
    """Top-level fields new in ``to_version``. A record of an older version that holds one
    is refused, naming the field: no writer of that version can have written it."""

    @property
    def only_adds_fields(self) -> bool:
        """Whether the step is [`unchanged`][practicemodel.migrations.unchanged] (a record of
        ``from_version`` without the added fields is already a ``to_version`` record)."""
        return self.migrate is unchanged


_Chain = tuple[Migration, ...]  # a chain of migrations, oldest first


def _chain(*steps: Migration) -> _Chain:
    """The steps in order, checked: each reads the version the one before returns, and no
    version appears twice (a broken chain is a programming error, found at import)."""
    versions = [steps[0].from_version, *(step.to_version for step in steps)]
    for before, step in pairwise(steps):
        if step.from_version != before.to_version:
            raise ValueError(f"migration {step.from_version!r} -> {step.to_version!r} does "
                             f"not follow {before.from_version!r} -> {before.to_version!r}")
    if len(set(versions)) != len(versions):
        raise ValueError(f"a schema version appears twice in the chain: {versions}")
    return steps


MIGRATIONS: tuple[Migration, ...] = _chain(
    Migration(
        from_version="1",
        to_version="2",
        migrate=unchanged,
        summary="The facts the federal review's (CFSR) items read: reports of maltreatment, "
                "well-being screenings and needs, connections, ICWA inquiries and relative "
                "searches; placement and case plan fields with defaults that say "
                '"not recorded".',
        added_fields=("reports", "screenings", "well_being_needs", "connections",
                      "icwa_inquiries", "relative_searches"),
    ),
)
"""Every step of the chain, oldest first: the versions read are the first step's
``from_version`` and every ``to_version``; the last ``to_version`` is the version written."""


@cache
def _versions(chain: _Chain) -> tuple[str, ...]:
    """Every version ``chain`` reads, oldest first."""
    return (chain[0].from_version, *(step.to_version for step in chain))


@cache
def _steps_from(chain: _Chain) -> dict[str, _Chain]:
    """For each version ``chain`` reads, the steps that bring its records to the newest."""
    return {version: chain[index:] for index, version in enumerate(_versions(chain))}


@cache
def _fast_versions(chain: _Chain = MIGRATIONS) -> dict[str, tuple[str, ...]]:
    """For each version whose records are, once checked not to hold the fields added since,
    records of the newest version unchanged: those fields (none for the newest version).
    The bulk decoder reads these versions on its fast path and leaves the others to
    ``migrate``."""
    return {version: tuple(name for step in steps for name in step.added_fields)
            for version, steps in _steps_from(chain).items()
            if all(step.only_adds_fields for step in steps)}


def migrate(record: object, *, source: str | None = None) -> dict[str, Any]:
    """Return ``record`` (a case record parsed from JSON) as a record of the newest version.

    The record's ``schema_version`` is checked, and each step of the chain from it to the
    newest version is applied in turn; a record of the newest version comes back as a copy.
    ``schema_version`` is the new dict's first key. Only the version is looked at: the rest
    of the record is checked when it is loaded.

    Args:
        record: the parsed JSON (a dict, to be a case record).
        source: where the record came from, for the errors (a file name, ``"file:17"``).

    Raises:
        SchemaVersionError: ``schema_version`` is missing, not a string, or not a version
            this library reads (the message names the versions it reads); or the record
            holds a field added in a later version than its own, or a step refused it.
        RecordStructureError: ``record`` is not a JSON object.
    """
    return _migrate(record, source, MIGRATIONS)


def _migrate(record: object, source: str | None, chain: _Chain) -> dict[str, Any]:
    """``migrate`` along ``chain``."""
    if not isinstance(record, dict):
        raise RecordStructureError(
            [Problem("", f"a case record must be a JSON object, found {kind_of(record)}")],
            source=source,
        )
    versions = _versions(chain)
    reads = ", ".join(versions)
    if "schema_version" not in record:
        raise SchemaVersionError(
            [Problem("schema_version",
                     f"required field missing (this library reads {reads})")],
            source=source,
        )
    version = record["schema_version"]
    if type(version) is not str:
        raise SchemaVersionError(
            [Problem("schema_version", f'expected a version string such as "{versions[-1]}", '
                     f"found {kind_of(version)}; this library reads {reads}")],
            source=source,
        )
    steps = _steps_from(chain).get(version)
    if steps is None:
        raise SchemaVersionError(
            [Problem("schema_version", f"unsupported schema version {show(version)}; "
                     f"this library reads {reads}")],
            source=source,
        )
    newer = [Problem(name, f"field new in schema version {step.to_version}; this record says "
                           f'schema_version "{version}" (write "{step.to_version}" to use it)')
             for step in steps for name in step.added_fields if name in record]
    if newer:
        raise SchemaVersionError(newer, source=source)
    current: dict[str, Any] = record
    for step in steps:
        try:
            migrated = step.migrate(current)
        except SchemaVersionError as error:
            raise SchemaVersionError(error.problems, source=source) from None
        current = {"schema_version": step.to_version,
                   **{k: v for k, v in migrated.items() if k != "schema_version"}}
    if not steps:
        current = {"schema_version": version, **record}
    return current
