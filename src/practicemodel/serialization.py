"""Loading and saving case records as JSON, with cattrs.

Wire decisions (every one of them is here, so non-Python tools can rely on it):

- A case record is a JSON object: the fields of [`Case`][practicemodel.case.Case] plus a
  ``"schema_version"`` string (currently ``"2"``), written first. Records of every older
  version still load, brought to the current version by the chain of migrations in
  [`practicemodel.migrations`][practicemodel.migrations] (version 1, before the CFSR items'
  facts were added: see
  [`ADDED_IN_VERSION_2`][practicemodel.serialization.ADDED_IN_VERSION_2]).
- Dates are ISO 8601 calendar dates written exactly ``YYYY-MM-DD`` (``"2026-03-01"``; not
  ``"20260301"`` nor a week date), from ``1900-01-01`` to ``2199-12-31``
  ([`EARLIEST_DATE`][practicemodel.periods.EARLIEST_DATE] to
  [`LATEST_DATE`][practicemodel.periods.LATEST_DATE]).
- Enums are written by value (their stable lowercase codes, e.g. ``"foster_care"``).
- pint quantities are ``{"value": 45, "unit": "minute"}``; the unit is a short unit
  expression (``"hour / week"``, ``"session / month"``; see
  [`practicemodel.units`][practicemodel.units]) and the value a finite number in the
  field's range.
- Calendar periods are ``{"count": 6, "unit": "months"}``.
- Collections are JSON arrays; a field left at its default is omitted when dumping.
- Loading is strict: unknown keys, a key given twice in one object, a string where a number
  belongs, a number where a string belongs, NaN or an infinite number, an unknown code, a
  missing required field, a control character in a string (or a line break in an id or a
  name), and every invariant a value object checks are errors. Loading reports **every**
  problem at once as path-addressed messages
  (``expected a date YYYY-MM-DD, found a string of 9 characters @ $.people[1].birth_date``) in
  one [`RecordStructureError`][practicemodel.errors.RecordStructureError]. Messages name the
  field, what was expected and the kind of value found; they repeat ids, codes and units
  (escaped, cut short), never names, dates or free text, so they are safe to log.
- Text that is not JSON is reported with its line and column, counted the same way for
  ``str`` and ``bytes`` and for both parsers (orjson, or the standard library's ``json``).

``make_converter()`` builds a fresh converter each call (the global cattrs converter is
never touched). Bulk loading ([`iter_jsonl`][practicemodel.serialization.iter_jsonl], and
``practicemodel review FILE``) decodes each line with a fast decoder (msgspec, the ``fast``
extra; see ``practicemodel._bulk``) that builds the same objects, and runs the detailed
converter only for a line the fast decoder does not vouch for: that line is accepted or
refused, with every problem's path, exactly as
[`loads_case`][practicemodel.serialization.loads_case] would. Without msgspec every line
takes the detailed path.

orjson cannot tell that an object repeats a key (the last value wins), so after parsing
with orjson the loader compares the number of ``:`` characters in the text with the number
in orjson's re-encoding of the result; outside strings a colon only follows a key, and
inside strings both count the same colons, so the counts differ exactly when a key-value
pair was dropped. Only then (or when the text escapes a colon as ``\u003a``) is the text
parsed again with the standard library, which names the repeated key. The check costs a
re-encoding, a small fraction of the parse.
"""

from __future__ import annotations

import enum
import gc
import json
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING, Any, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from practicemodel._describe import kind_of, show
from practicemodel.errors import (
    InvalidInputError,
    InvalidRecordError,
    PracticeModelError,
    Problem,
    RecordStructureError,
)
from practicemodel.migrations import MIGRATIONS, migrate

if TYPE_CHECKING:
    from practicemodel.case import Case

__all__ = [
    "ADDED_IN_VERSION_2",
    "SCHEMA_VERSION",
    "SUPPORTED_SCHEMA_VERSIONS",
    "configure_converter",
    "dump_case",
    "dumps_case",
    "iter_jsonl",
    "load_case",
    "loads_case",
    "make_converter",
    "model_classes",
    "read_case",
    "write_case",
    "write_jsonl",
]

SCHEMA_VERSION = "2"
"""The schema version this library writes: the last version of the chain of migrations
([`MIGRATIONS`][practicemodel.migrations.MIGRATIONS])."""
SUPPORTED_SCHEMA_VERSIONS = frozenset(
    {MIGRATIONS[0].from_version, *(step.to_version for step in MIGRATIONS)})
"""Schema versions this library reads: every version of the chain of migrations."""
ADDED_IN_VERSION_2: tuple[str, ...] = MIGRATIONS[0].added_fields
"""The case fields new in schema version 2 (the CFSR items' facts): ``reports``,
``screenings``, ``well_being_needs``, ``connections``, ``icwa_inquiries`` and
``relative_searches``. A version-1 record is read as version 2 with each of them empty (the
migration, the first step of [`MIGRATIONS`][practicemodel.migrations.MIGRATIONS]); one that
gives any of them is refused, as a version-1 writer cannot have written it. Version 2 also
added optional fields inside placements (``move_reason``, ``temporary``, ``at_risk``,
``near_home``, ``sibling_separation_reason``, ``icwa_preferences_met``) and case plans
(``youth_chosen_member_ids``, ``minimum_sufficient_level_of_care``, ``transition_plan``),
each with a default that says "not recorded"."""


class _WireError(ValueError):
    """A JSON value of the wrong kind; the message says what was expected and what came."""


# -- the model's classes --------------------------------------------------------------------


@cache
def model_classes() -> tuple[type, ...]:
    """Return every attrs class of the case record, with their types resolved.

    Resolving needs pint's ``Quantity`` (quantity fields are annotated with it), so this is
    where pint is first imported.
    """
    from pint import Quantity

    from practicemodel import (
        assessment,
        case,
        caseplan,
        connections,
        court,
        intake,
        involvement,
        people,
        periods,
        placement,
        services,
        staffing,
        visits,
        wellbeing,
    )

    classes: list[type] = []
    for module in (people, periods, placement, court, assessment, caseplan, services,
                   involvement, visits, staffing, intake, wellbeing, connections, case):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and attrs.has(obj):
                attrs.resolve_types(obj, localns={"Quantity": Quantity})
                classes.append(obj)
    return tuple(classes)


def _enum_classes() -> list[type[enum.Enum]]:
    found: dict[type[enum.Enum], None] = {}
    for cls in model_classes():
        for field in attrs.fields(cls):
            for tp in _flatten(field.type):
                if isinstance(tp, type) and issubclass(tp, enum.Enum):
                    found[tp] = None
    return list(found)


def _flatten(tp: Any) -> Iterator[Any]:
    origin = get_origin(tp)
    if origin is None:
        yield tp
        return
    for arg in get_args(tp):
        if arg is not Ellipsis:
            yield from _flatten(arg)


# -- hooks ----------------------------------------------------------------------------------


def _iso_date(value: str) -> date | None:
    """Read exactly ``YYYY-MM-DD`` (``date.fromisoformat`` also takes ``20260301`` and week
    dates such as ``2026-W10-1``), or return ``None``."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _structure_date(value: object, _: type) -> date:
    if type(value) is str:
        try:
            found = date.fromisoformat(value)
        except ValueError:
            found = None
        # Of the ten-character forms fromisoformat reads, only YYYY-MM-DD has "-" at [7].
        if found is not None and len(value) == 10 and value[7] == "-":
            return found
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            raise _WireError("expected a date YYYY-MM-DD, found a string of 10 characters "
                             "that is not a calendar date")
    raise _WireError(f"expected a date YYYY-MM-DD, found {kind_of(value)}")


def _unstructure_date(value: date) -> str:
    return value.isoformat()


def _structure_str(value: object, _: type) -> str:
    if type(value) is not str:
        raise _WireError(f"expected a string, found {kind_of(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _WireError(f"expected a whole number, found {kind_of(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if type(value) is float:
        if value - value == 0.0:  # false for NaN and infinities
            return value
    elif type(value) is int:
        try:
            return float(value)
        except OverflowError:
            raise _WireError("expected a finite number, found an integer too large for "
                             "a number") from None
    raise _WireError(f"expected a finite number, found {kind_of(value)}")


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _WireError(f"expected true or false, found {kind_of(value)}")
    return value


def _enum_hook(cls: type[enum.Enum]) -> Any:
    members = {m.value: m for m in cls}
    known = ", ".join(str(m.value) for m in cls)

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            if type(value) is str:
                message = f"unknown {cls.__name__} code {show(value)}; known: {known}"
            else:
                message = (f"expected a {cls.__name__} code, found {kind_of(value)}; "
                           f"known: {known}")
            raise _WireError(message) from None

    return structure


def _structure_quantity(value: object, _: type) -> Any:
    from practicemodel.units import quantity

    if not isinstance(value, dict):
        raise _WireError(
            f'expected a quantity object {{"value": ..., "unit": ...}}, found {kind_of(value)}'
        )
    extra = [key for key in value if key not in ("value", "unit")]
    if extra:
        names = ", ".join(show(key) for key in sorted(extra, key=repr)[:5])
        more = f" and {len(extra) - 5} more" if len(extra) > 5 else ""
        raise _WireError(f"unknown field{'s' if len(extra) > 1 else ''} {names}{more} "
                         "in a quantity (it has 'value' and 'unit')")
    magnitude = value.get("value")
    unit = value.get("unit")
    if "value" not in value or "unit" not in value:
        missing = "value" if "value" not in value else "unit"
        raise _WireError(f"quantity field {missing!r} is missing")
    if type(magnitude) is not int and not (type(magnitude) is float
                                            and magnitude - magnitude == 0.0):
        raise _WireError(f"quantity 'value' must be a finite number, found "
                         f"{kind_of(magnitude)}")
    if type(unit) is not str:
        raise _WireError(f"quantity 'unit' must be a unit string, found {kind_of(unit)}")
    return quantity(magnitude, unit)


def _unstructure_quantity(value: Any) -> dict[str, Any]:
    magnitude = value.magnitude
    if hasattr(magnitude, "item"):  # numpy scalar
        magnitude = magnitude.item()
    return {"value": magnitude, "unit": str(value.units)}


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _array_hook_factory(tp: Any, converter: cattrs.Converter) -> Any:
    """Structure ``tuple[X, ...]`` from a JSON array only (a string is not a list of letters)."""
    inner = homogenous_tuple_structure_factory(tp, converter)

    def structure(value: object, target: Any) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise _WireError(f"expected an array, found {kind_of(value)}")
        return inner(value, target)

    return structure


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook_factory(tp: Any, converter: cattrs.Converter) -> Any:
    """Structure ``X | None`` with ``X``'s hook looked up once, not on every value."""
    (inner_type,) = [a for a in get_args(tp) if a is not type(None)]
    inner = converter.get_structure_hook(inner_type)

    def structure(value: object, _: Any) -> Any:
        return None if value is None else inner(value, inner_type)

    return structure


def _object_hook_factory(cls: type, converter: cattrs.Converter) -> Any:
    """Structure an attrs class from a JSON object only, saying what came instead.

    Registered on the detailed converter: cattrs' own code meets a list or a string with
    Python's ``TypeError`` (``string indices must be integers``), which is no message for
    a person. The fast converter leaves this out and lets the detailed one explain.
    """
    inner: Callable[[Any, Any], Any] = converter.gen_structure_attrs_fromdict(cls)

    def structure(value: object, target: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _WireError(f"expected an object, found {kind_of(value)}")
        return inner(value, target)

    return structure


def configure_converter(converter: cattrs.Converter) -> None:
    """Register practicemodel's hooks on ``converter`` (see the module docstring)."""
    from pint import Quantity

    model_classes()
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, _unstructure_date)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Quantity, _structure_quantity)
    converter.register_unstructure_hook(Quantity, _unstructure_quantity)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _array_hook_factory)
    converter.register_structure_hook_factory(_is_optional, _optional_hook_factory)
    if converter.detailed_validation:
        converter.register_structure_hook_factory(attrs.has, _object_hook_factory)
    for enum_cls in _enum_classes():
        converter.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        converter.register_unstructure_hook(enum_cls, lambda member: member.value)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Return a new converter for the case record.

    Args:
        detailed_validation: collect every problem with its path (for untrusted single
            records and interactive validation). ``False`` stops at the first problem and
            is hardly faster (the bulk JSON Lines reader uses a fast decoder instead, see
            [`iter_jsonl`][practicemodel.serialization.iter_jsonl]).
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=detailed_validation,
    )
    configure_converter(converter)
    return converter


@cache
def _detailed() -> cattrs.Converter:
    return make_converter(detailed_validation=True)


# -- errors ---------------------------------------------------------------------------------


def _problems(exc: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs validation error tree into path-addressed problems."""
    if isinstance(exc, IterableValidationError):
        out: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, inote in with_notes:
            out.extend(_problems(sub, f"{path}[{inote.index!r}]"))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    if isinstance(exc, ClassValidationError):
        out = []
        with_anotes, without = exc.group_exceptions()
        for sub, anote in with_anotes:
            out.extend(_problems(sub, f"{path}.{anote.name}" if path else anote.name))
        for sub in without:
            out.extend(_problems(sub, path))
        return out
    return [Problem(path, message) if not sub_path else Problem(sub_path, message)
            for sub_path, message in _leaf(exc, path)]


def _leaf(exc: BaseException, path: str) -> list[tuple[str, str]]:
    if isinstance(exc, InvalidRecordError):
        return [(p.prefixed(path).path, p.message) for p in exc.problems]
    if isinstance(exc, _WireError | PracticeModelError):
        return [(path, str(exc))]
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields, key=repr)
        names = ", ".join(show(k) for k in extra[:5])
        more = f" and {len(extra) - 5} more" if len(extra) > 5 else ""
        return [(path, "unknown field" + ("s " if len(extra) > 1 else " ") + names + more)]
    if isinstance(exc, KeyError):
        return [(path, "required field missing")]
    if isinstance(exc, TypeError | AttributeError | ValueError):
        # Nothing in the record should get here (every hook and validator raises one of
        # the library's errors); say no more than that the value is wrong.
        return [(path, "invalid value")]
    raise exc  # a programming error: let it surface


# -- public API -----------------------------------------------------------------------------


def load_case(data: object, *, source: str | None = None) -> Case:
    """Build a [`Case`][practicemodel.case.Case] from parsed JSON (a dict).

    Raises:
        SchemaVersionError: ``schema_version`` is missing or not supported.
        RecordStructureError: every other problem, each with its path.
    """
    from practicemodel.case import Case

    body = _check_version(data, source)
    try:
        return _detailed().structure(body, Case)
    except (ClassValidationError, IterableValidationError, PracticeModelError, ValueError,
            TypeError, KeyError) as exc:
        problems = _problems(exc)
    # The case-level checks (references, plan order, birth dates) normally run only once every
    # nested record is well-formed; run them on a lenient reading too, so one pass reports
    # every mistake.
    seen = set(problems)
    problems += [p for p in _cross_record_problems(body) if p not in seen]
    raise RecordStructureError(problems, source=source)


def _lenient(cls: type, raw: object) -> Any:
    """Read ``raw`` as a ``cls`` without validation: bad values become ``None``."""
    if not isinstance(raw, Mapping):
        return None
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name in raw:
            values[field.name] = _lenient_value(field.type, raw[field.name])
        elif field.default is attrs.NOTHING:
            values[field.name] = None
        else:
            values[field.name] = field.default
    return SimpleNamespace(**values)


def _lenient_value(tp: Any, raw: object) -> Any:
    origin = get_origin(tp)
    if origin is tuple:
        item = get_args(tp)[0]
        return tuple(_lenient_value(item, x) for x in raw) if isinstance(raw, list | tuple) else ()
    if origin is not None:  # X | None
        options = [a for a in get_args(tp) if a is not type(None)]
        return None if raw is None else _lenient_value(options[0], raw)
    if tp is date:
        return _iso_date(raw) if type(raw) is str else None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(raw)
        except (ValueError, TypeError):
            return None
    if isinstance(tp, type) and attrs.has(tp):
        return _lenient(tp, raw)
    if tp is str:
        return raw if type(raw) is str else None
    return raw


def _cross_record_problems(body: dict[str, Any]) -> list[Problem]:
    from practicemodel.case import Case, _CaseChecker

    view = _lenient(Case, body)
    if view is None:
        return []
    try:
        return _CaseChecker(view).run()
    except (TypeError, AttributeError, ValueError):  # too malformed to cross-check
        return []


def _check_version(data: object, source: str | None) -> dict[str, Any]:
    """The fields of ``data`` at the current version, without ``schema_version``: its
    version checked and, for an older one, migrated (see
    [`migrate`][practicemodel.migrations.migrate])."""
    body = migrate(data, source=source)
    del body["schema_version"]  # a new dict of migrate's own
    return body


def dump_case(case: Case) -> dict[str, Any]:
    """Return the JSON-ready dict of ``case``, ``schema_version`` first."""
    body = _detailed().unstructure(case)
    return {"schema_version": SCHEMA_VERSION, **body}


# -- parsing JSON text ----------------------------------------------------------------------


class _Repeated(dict[str, Any]):
    """A JSON object that named a key more than once (the standard library parser's view)."""

    repeated: list[str]


def _stdlib_loads(text: str | bytes) -> tuple[Any, bool]:
    """Parse with the standard library, refusing NaN and the infinities (JSON has neither);
    also tell whether some object repeated a key (such objects are ``_Repeated``)."""
    repeats: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        marked = _Repeated(obj)
        seen: set[str] = set()
        marked.repeated = []
        for key, _ in items:
            if key in seen:
                marked.repeated.append(key)
            seen.add(key)
        repeats.append(True)
        return marked

    return json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant), bool(repeats)


def _no_constant(name: str) -> Any:
    raise _WireError(f"{name} is not a JSON number")


def _repeated_keys(data: Any) -> list[Problem]:
    """Every key an object repeats, at the object's path (iteratively: data may be deep)."""
    found: list[Problem] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if type(value) is _Repeated:
            for key in dict.fromkeys(value.repeated):
                found.append(Problem(path, f"key {show(key)} appears more than once in an "
                                           "object"))
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if isinstance(item, dict | list):
                    if not key.isidentifier():  # keys come from the text: show them escaped
                        stack.append((f"{path}[{show(key)}]", item))
                    else:
                        stack.append((f"{path}.{key}" if path else key, item))
        elif type(value) is list:
            for index in range(len(value) - 1, -1, -1):
                if isinstance(value[index], dict | list):
                    stack.append((f"{path}[{index}]", value[index]))
    return found


def _colons(text: str | bytes) -> int:
    return text.count(":") if isinstance(text, str) else text.count(b":")


def _may_repeat_keys(text: str | bytes, data: Any, dumps: Callable[[Any], bytes]) -> bool:
    """Whether orjson may have dropped a repeated key from ``data`` (see the module notes)."""
    colons = _colons(text)
    if colons == 0:
        return False
    try:
        if colons != dumps(data).count(b":"):
            return True
    except TypeError:  # nested deeper than orjson writes: let the standard library decide
        return True
    return ("\\u003" in text) if type(text) is str else (b"\\u003" in text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_DEEP = "arrays and objects nested too deeply (the limit is about 1,000 levels)"


def _where(text: str | bytes, index: int) -> str:
    """``line L, column C`` of character ``index`` of ``text`` (1-based; lines end at ``\\n``,
    columns count characters), the one way every JSON error here is located.

    An error at the end of the data is placed just after its last character that is not
    JSON white space, so a line read with its line feed (``review``, ``iter_jsonl``) and
    without it (``validate``) are reported at the same place.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    index = min(index, len(text.rstrip(" \t\r\n")))
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return f"line {line}, column {column}"


def _decode_problem(text: str | bytes, exc: ValueError) -> Problem:
    """One problem for text that is not JSON, located by ``_where`` whatever the parser."""
    if isinstance(exc, UnicodeDecodeError) or "not valid UTF-8" in str(exc):
        if type(text) is bytes:
            try:
                text.decode("utf-8")
            except UnicodeDecodeError as bad:
                before = text[:bad.start].decode("utf-8")
                return Problem("", f"not valid JSON ({_where(before, len(before))}: "
                                   "bytes that are not UTF-8)")
        elif type(text) is str:
            found = _SURROGATE.search(text)
            if found is not None:
                return Problem("", f"not valid JSON ({_where(text, found.start())}: "
                                   "a lone surrogate, which is not a Unicode character)")
        return Problem("", "not valid JSON (text that is not UTF-8)")
    if isinstance(exc, json.JSONDecodeError):
        reason = exc.msg
        if "depth" in reason or "recursion" in reason:
            reason = _DEEP
        return Problem("", f"not valid JSON ({_where(exc.doc or text, exc.pos)}: {reason})")
    if "digits" in str(exc):  # the standard library's limit on the digits of an integer
        return Problem("", "not valid JSON (a number of more digits than the parser reads)")
    return Problem("", "not valid JSON")


def _structure_record(converter: cattrs.Converter, data: object, target: Any, *,
                      source: str | None, record: str) -> Any:
    """``converter.structure(data, target)``, every problem reported at once, with its path,
    in one [`RecordStructureError`][practicemodel.errors.RecordStructureError] naming the
    kind of ``record`` (an improvement plan, a rollout...): how the library's other JSON
    documents are read the way case records are."""
    try:
        return converter.structure(data, target)
    except (ClassValidationError, IterableValidationError, PracticeModelError, ValueError,
            TypeError, KeyError) as exc:
        problems = _problems(exc)
    raise RecordStructureError(problems, source=source, record=record)


def _parse_record(text: str | bytes, *, source: str | None, record: str) -> Any:
    """Parse JSON text as case records are parsed (line and column of a syntax error, a key
    named twice refused), the errors naming the kind of ``record``."""
    try:
        return _parse(text, source)
    except RecordStructureError as error:
        raise RecordStructureError(error.problems, source=source, record=record) from None


def _parse(text: str | bytes, source: str | None) -> Any:
    if type(text) is not str and type(text) is not bytes:
        if not isinstance(text, bytes | bytearray | memoryview):
            raise InvalidInputError(f"a case record must be given as str or bytes (got "
                                    f"{type(text).__name__})")
        text = bytes(text)
    orjson: Any
    try:
        import orjson
    except ImportError:  # exercised where orjson is absent
        orjson = None
    repeats = False
    try:
        if orjson is None:
            # Read as orjson reads: UTF-8 only (json also takes UTF-16 and lone surrogates).
            decoded = text.decode("utf-8") if isinstance(text, bytes) else text
            if _SURROGATE.search(decoded) is not None:
                raise UnicodeError("not valid UTF-8")
            data, repeats = _stdlib_loads(decoded)
        else:
            data = orjson.loads(text)
            if type(data) is dict and _may_repeat_keys(text, data, orjson.dumps):
                data, repeats = _stdlib_loads(text)
    except RecursionError:
        raise RecordStructureError([Problem("", f"not valid JSON ({_DEEP})")],
                                   source=source) from None
    except _WireError as exc:
        raise RecordStructureError([Problem("", f"not valid JSON ({exc})")],
                                   source=source) from None
    except ValueError as exc:  # json.JSONDecodeError, orjson.JSONDecodeError, UnicodeError
        raise RecordStructureError([_decode_problem(text, exc)], source=source) from None
    if repeats:
        raise RecordStructureError(_repeated_keys(data), source=source)
    return data


def loads_case(text: str | bytes, *, source: str | None = None) -> Case:
    """Parse JSON text into a case (see [`load_case`][practicemodel.serialization.load_case]).

    Raises:
        RecordStructureError: the text is not JSON (with its line and column), names a key
            twice in one object, or is not a valid case record.
        InvalidInputError: ``text`` is neither ``str`` nor ``bytes``.
    """
    return load_case(_parse(text, source), source=source)


def dumps_case(case: Case, *, indent: int | None = 2) -> str:
    """Return ``case`` as JSON text (``indent=None`` for one line, as in JSON Lines)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(dump_case(case), indent=indent, ensure_ascii=False, separators=separators)


def read_case(path: str | Path) -> Case:
    """Read one case record from a JSON file; errors name the file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise RecordStructureError([Problem("", f"cannot read file ({exc.strerror})")],
                                   source=str(file)) from None
    return loads_case(data, source=str(file))


def write_case(case: Case, path: str | Path) -> None:
    """Write one case record to a JSON file (UTF-8, indented)."""
    Path(path).write_text(dumps_case(case) + "\n", encoding="utf-8")


def iter_jsonl(
    lines: Iterable[str | bytes] | str | Path, *, batch_size: int = 2000,
    on_error: Callable[[RecordStructureError], None] | None = None, name: str | None = None,
) -> Iterator[Case]:
    """Load case records from JSON Lines, one case per non-blank line, streaming.

    This is the bulk path: each line is decoded by the fast decoder (with msgspec
    installed, the ``fast`` extra), which builds the same objects as
    [`loads_case`][practicemodel.serialization.loads_case]; a line it does not vouch for
    (an invalid one, or one it cannot handle) is loaded by ``loads_case`` itself, so the
    cases and errors are always ``loads_case``'s. Each batch of lines is built with the
    cyclic garbage collector paused (it dominates bulk loads of many small objects), and
    restored before the cases are handed to the caller.

    Args:
        lines: a path, or any iterable of lines (an open file works).
        batch_size: lines built per garbage-collector pause.
        on_error: called with each invalid line's error, which is then skipped; without it
            the first invalid line raises.
        name: the input's name in errors (default: the path, or ``"<lines>"``).

    Raises:
        RecordStructureError: at the first invalid line, unless ``on_error`` is given;
            ``source`` names the line (``"cases.jsonl:17"``) and the problems are the
            line's, each with its path.
        InvalidInputError: an argument is not of the right kind (raised at the call).
        OSError: the file cannot be opened or read (raised when iteration starts).
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InvalidInputError(f"'batch_size' must be an int of 1 or more "
                                f"(got {batch_size!r})")
    if on_error is not None and not callable(on_error):
        raise InvalidInputError(f"'on_error' must be callable or None (got {on_error!r})")
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"'name' must be a str or None (got {name!r})")
    if isinstance(lines, str | Path):
        return _iter_path(Path(lines), name or str(lines), batch_size, on_error)
    if not isinstance(lines, Iterable) or isinstance(lines, bytes):
        raise InvalidInputError(f"'lines' must be a path or an iterable of lines (got "
                                f"{type(lines).__name__})")
    return _iter_jsonl(lines, name or "<lines>", batch_size, on_error)


def _iter_path(path: Path, name: str, batch_size: int,
               on_error: Callable[[RecordStructureError], None] | None) -> Iterator[Case]:
    with path.open("rb") as handle:
        yield from _iter_jsonl(handle, name, batch_size, on_error)


def _fast_decode() -> Callable[[str | bytes], Case] | None:
    """The fast decoder's ``decode`` (see ``practicemodel._bulk``), or ``None`` without
    msgspec."""
    from practicemodel._bulk import decoder

    found = decoder()
    return None if found is None else found.decode


def _load_line(line: str | bytes, source: str) -> Case:
    """Load one JSON record by the bulk path: the fast decoder, and the detailed converter
    for a record the fast decoder does not vouch for (so errors are always the detailed
    ones, with their paths)."""
    fast = _fast_decode()
    if fast is not None and (type(line) is bytes or type(line) is str):
        try:
            return fast(line)
        except Exception:  # not vouched for: the detailed converter decides
            pass
    return loads_case(line, source=source)


def _iter_jsonl(lines: Iterable[str | bytes], name: str, batch_size: int,
                on_error: Callable[[RecordStructureError], None] | None) -> Iterator[Case]:
    fast = _fast_decode()
    batch: list[tuple[int, str | bytes]] = []

    def build(chunk: list[tuple[int, str | bytes]]) -> list[Case]:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            built: list[Case] = []
            append = built.append
            for number, line in chunk:
                if fast is not None and (type(line) is bytes or type(line) is str):
                    try:
                        append(fast(line))
                        continue
                    except Exception:  # not vouched for: see below
                        pass
                # The detailed converter decides: it accepts the record (the same objects
                # the fast decoder builds), or reports every problem with its path.
                try:
                    append(loads_case(line, source=f"{name}:{number}"))
                except RecordStructureError as error:
                    if on_error is None:
                        raise
                    on_error(error)
            return built
        finally:
            if was_enabled:
                gc.enable()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        batch.append((number, line))
        if len(batch) >= batch_size:
            yield from build(batch)
            batch = []
    if batch:
        yield from build(batch)


def write_jsonl(cases: Iterable[Case], out: IO[str]) -> int:
    """Write ``cases`` to ``out`` as JSON Lines; return how many were written."""
    count = 0
    for case in cases:
        out.write(dumps_case(case, indent=None))
        out.write("\n")
        count += 1
    return count

