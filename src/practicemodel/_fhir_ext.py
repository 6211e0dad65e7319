"""FHIR extensions for practicemodel values that have no FHIR element (private).

One rule writes any attrs value object of the case plan as a *complex extension*: one
sub-extension per field that differs from its default, named by the field (``person_id``,
``participation``...), with a typed value: ``valueDate`` for dates, ``valueCode`` for enum
codes, ``valueBoolean``, ``valueInteger``, ``valueString``; a nested value object is a nested
complex extension, a tuple is the sub-extension repeated in order. The reverse reads the
field types from the class, so the round trip gives back an equal object.

Two corners FHIR forces:

- a FHIR ``string`` cannot be empty nor only white space other than spaces, tabs and line
  breaks; such a string (the model allows ``""`` in a list of texts) is written as a complex
  sub-extension whose one sub-extension ``json`` holds the string as a JSON string literal;
- an extension must have a value or sub-extensions; a value object whose fields are all at
  their defaults (an empty aftercare plan) is written with ``valueBoolean: true``.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any, Union

import attrs

__all__ = ["decode_value", "encode_value", "fhir_string_ok", "string_element", "string_value",
           "strip_optional"]


class _DecodeError(Exception):
    """A FHIR element does not hold what the reverse mapping expects (path, message)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


_FHIR_SPACE = frozenset(" \r\n\t")


def fhir_string_ok(value: str) -> bool:
    """Whether FHIR's ``string`` type can hold ``value`` (one character that is a space, a
    tab, a line break or not white space)."""
    return any(ch in _FHIR_SPACE or not ch.isspace() for ch in value)


def string_element(value: str) -> dict[str, Any]:
    """``{"valueString": value}``, or the ``json`` sub-extension when FHIR cannot hold it."""
    if fhir_string_ok(value):
        return {"valueString": value}
    return {"extension": [{"url": "json", "valueString": json.dumps(value)}]}


def string_value(ext: dict[str, Any], path: str) -> str:
    """The string ``string_element`` wrote."""
    if "valueString" in ext:
        value = ext["valueString"]
        if isinstance(value, str):
            return value
    subs = ext.get("extension")
    if isinstance(subs, list) and len(subs) == 1 and isinstance(subs[0], dict) \
            and subs[0].get("url") == "json":
        try:
            decoded = json.loads(subs[0].get("valueString", ""))
        except ValueError:
            decoded = None
        if isinstance(decoded, str):
            return decoded
    raise _DecodeError(path, "expected a valueString")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(attrs.fields(cls))


def encode_value(value: Any, url: str) -> dict[str, Any]:
    """The extension (``url``) holding ``value``: an attrs object, date, enum, bool, int or
    str."""
    if attrs.has(type(value)):
        subs: list[dict[str, Any]] = []
        for field in _fields(type(value)):
            item = getattr(value, field.name)
            if field.default is not attrs.NOTHING and item == field.default:
                continue
            if isinstance(item, tuple):
                subs.extend(encode_value(x, field.name) for x in item)
            elif item is not None:
                subs.append(encode_value(item, field.name))
        if not subs:
            return {"url": url, "valueBoolean": True}
        return {"url": url, "extension": subs}
    if isinstance(value, bool):
        return {"url": url, "valueBoolean": value}
    if isinstance(value, enum.Enum):
        return {"url": url, "valueCode": str(value.value)}
    if isinstance(value, int):
        return {"url": url, "valueInteger": value}
    if isinstance(value, date):
        return {"url": url, "valueDate": value.isoformat()}
    if isinstance(value, str):
        return {"url": url, **string_element(value)}
    raise TypeError(f"no FHIR extension for {type(value).__name__}")  # pragma: no cover


def strip_optional(tp: Any) -> Any:
    """``X`` for ``X | None``; any other type as it is."""
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _typed(ext: dict[str, Any], key: str, kind: type, path: str) -> Any:
    if key not in ext:
        raise _DecodeError(path, f"expected {key}")
    value = ext[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _DecodeError(path, f"{key} must be a {kind.__name__} (found {value!r})")
    return value


def decode_value(ext: Any, tp: Any, path: str) -> Any:
    """The value of type ``tp`` that ``encode_value`` wrote as ``ext``."""
    if not isinstance(ext, dict):
        raise _DecodeError(path, "expected an extension object")
    tp = strip_optional(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _decode_object(ext, tp, path)
    if tp is bool:
        return _typed(ext, "valueBoolean", bool, path)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        code = _typed(ext, "valueCode", str, path)
        try:
            return tp(code)
        except ValueError:
            known = ", ".join(str(m.value) for m in tp)
            raise _DecodeError(path, f"unknown code {code!r} (known: {known})") from None
    if tp is int:
        return _typed(ext, "valueInteger", int, path)
    if tp is date:
        text = _typed(ext, "valueDate", str, path)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _DecodeError(path, f"valueDate must be a date YYYY-MM-DD (found {text!r})") \
                from None
    if tp is str:
        return string_value(ext, path)
    raise _DecodeError(path, f"cannot read a {tp!r}")  # pragma: no cover


def _decode_object(ext: dict[str, Any], cls: type, path: str) -> Any:
    subs = [] if ext.get("valueBoolean") is True and "extension" not in ext \
        else ext.get("extension")
    if not isinstance(subs, list):
        raise _DecodeError(path, "expected sub-extensions")
    hints = _hints(cls)
    names = {f.name for f in _fields(cls)}
    grouped: dict[str, list[tuple[int, Any]]] = {}
    for i, sub in enumerate(subs):
        url = sub.get("url") if isinstance(sub, dict) else None
        if url not in names:
            raise _DecodeError(f"{path}.extension[{i}].url",
                              f"unknown sub-extension {url!r} of {cls.__name__}")
        grouped.setdefault(str(url), []).append((i, sub))
    kwargs: dict[str, Any] = {}
    for field in _fields(cls):
        found = grouped.get(field.name, [])
        tp = strip_optional(hints[field.name])
        if typing.get_origin(tp) is tuple:
            item_tp = typing.get_args(tp)[0]
            kwargs[field.name] = tuple(
                decode_value(sub, item_tp, f"{path}.extension[{i}]") for i, sub in found)
        elif len(found) > 1:
            raise _DecodeError(f"{path}.extension[{found[1][0]}]",
                              f"sub-extension {field.name!r} given more than once")
        elif found:
            i, sub = found[0]
            kwargs[field.name] = decode_value(sub, tp, f"{path}.extension[{i}]")
    return cls(**kwargs)
