"""A small griffe extension for the API reference: attrs classes and enum codes.

Loaded by mkdocstrings (``extensions:`` in ``mkdocs.yml``); it changes only what the docs show,
never the package. Without it the reference would show every attrs field as
``name: str = attrs.field(validator=[...])`` and classes without a constructor signature,
because attrs writes ``__init__`` at run time and griffe reads the source statically.

For each class decorated with an attrs class decorator (``attrs.frozen``, ``attrs.define``...):

- a synthetic ``__init__`` is added from the annotated fields, in source order, keyword-only
  when the decorator says ``kw_only=True``, so ``merge_init_into_class`` renders the real
  constructor signature (required fields have no default);
- each field's displayed value becomes its default (``= None``, ``= ()``), or nothing when the
  field is required;
- the ``class-attribute`` label is dropped (attrs fields are instance attributes).

For each enum class, a member without a docstring gets one naming its JSON code, so that every
code a record may hold is listed (the reference hides undocumented objects).

Doctest examples written at the left margin of a docstring (outside an ``Examples:`` section)
are wrapped in a ``pycon`` code fence, so Markdown shows them as code instead of reading
``[...]`` in their output as links.
"""

from __future__ import annotations

import ast
from typing import Any

import griffe

_ATTRS_PREFIXES = ("attrs.", "attr.")
_FIELD_CALLS = {"attrs.field", "attr.ib", "attr.attrib", "attr.field"}
_ENUM_BASES = {"enum.Enum", "enum.StrEnum", "enum.IntEnum"}


def _attrs_decorator(cls: griffe.Class) -> griffe.Expr | None:
    for decorator in cls.decorators:
        value = decorator.value
        if isinstance(value, griffe.Expr) and value.canonical_path.startswith(_ATTRS_PREFIXES):
            return value
    return None


def _call_args(expr: object) -> dict[str, Any]:
    if not isinstance(expr, griffe.ExprCall):
        return {}
    return {arg.name: arg.value for arg in expr.arguments if isinstance(arg, griffe.ExprKeyword)}


def _attrs_init(cls: griffe.Class, decorator: griffe.Expr) -> None:
    kw_only = str(_call_args(decorator).get("kw_only", "False")) == "True"
    parameters = [
        griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
    ]
    for member in list(cls.members.values()):
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if "property" in member.labels:  # a computed property, not a field
            continue
        value = member.value
        default: Any = None
        if isinstance(value, griffe.ExprCall) and value.canonical_path in _FIELD_CALLS:
            args = _call_args(value)
            if str(args.get("init", "True")) == "False":
                continue
            if "default" in args:
                default = args["default"]
            elif "factory" in args:
                default = griffe.ExprCall(function=args["factory"], arguments=[])
        elif value is not None:
            default = value
        member.value = default
        member.labels.discard("class-attribute")
        member.labels.add("instance-attribute")
        parameters.append(
            griffe.Parameter(
                member.name,
                annotation=member.annotation,
                kind=(
                    griffe.ParameterKind.keyword_only
                    if kw_only
                    else griffe.ParameterKind.positional_or_keyword
                ),
                default=default,
                docstring=member.docstring,
            )
        )
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(*parameters),
        returns="None",
    )
    cls.set_member("__init__", init)


def _enum_codes(cls: griffe.Class) -> None:
    for member in cls.members.values():
        if not isinstance(member, griffe.Attribute) or member.name.startswith("_"):
            continue
        if member.docstring is not None or member.value is None:
            continue
        try:
            code = ast.literal_eval(str(member.value))
        except (ValueError, SyntaxError):
            continue
        member.docstring = griffe.Docstring(f"JSON code `{code}`.", parent=member)
    for member in cls.members.values():
        if isinstance(member, griffe.Attribute) and not member.name.startswith("_"):
            member.labels.discard("instance-attribute")  # enum members live on the class


def _fence_doctests(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_fence = not in_fence
        if not in_fence and line.startswith(">>> "):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            out.extend(["```pycon", *block, "```"])
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _is_enum(cls: griffe.Class) -> bool:
    return any(
        isinstance(base, griffe.Expr) and base.canonical_path in _ENUM_BASES for base in cls.bases
    )


def _walk(obj: griffe.Object, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    for member in [obj, *obj.members.values()]:
        if not member.is_alias and member.docstring is not None:
            member.docstring.value = _fence_doctests(member.docstring.value)
    if isinstance(obj, griffe.Class):
        decorator = _attrs_decorator(obj)
        if decorator is not None and "__init__" not in obj.members:
            _attrs_init(obj, decorator)
        if _is_enum(obj):
            _enum_codes(obj)
    for member in obj.members.values():
        if not member.is_alias and (member.is_module or member.is_class):
            _walk(member, seen)  # type: ignore[arg-type]


class AttrsFields(griffe.Extension):
    """Render attrs classes with their constructor and clean field defaults."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite every attrs class and enum of the loaded package."""
        _walk(pkg, set())
