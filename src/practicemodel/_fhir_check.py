"""Validation of FHIR resources and Bundles (private; see ``practicemodel.fhir``).

``fhir.resources`` checks structure, cardinality and primitive formats. It does not check
code lists (not even required bindings of plain codes), nor the FHIRPath invariants; this
module checks those the mapping's resources can break.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from practicemodel import _fhir_codes as codes
from practicemodel._describe import show
from practicemodel.errors import Problem

__all__ = ["bundle_problems", "resource_problems"]

_MODULES = {
    "Bundle": "bundle", "Patient": "patient", "RelatedPerson": "relatedperson",
    "CarePlan": "careplan", "Goal": "goal", "ServiceRequest": "servicerequest",
    "Encounter": "encounter", "Condition": "condition",
}


_EXTENSION_PATH = re.compile(r"(^|\.)(modifierE|e)xtension\[\d+\]$")
_RATIO_PATH = re.compile(r"(^|\.)[A-Za-z]*Ratio$")


def _model(resource_type: str) -> Any:
    module = importlib.import_module(f"fhir.resources.R4B.{_MODULES[resource_type]}")
    return getattr(module, resource_type)


def _pydantic_problems(resource: Mapping[str, Any], prefix: str) -> list[Problem]:
    import pydantic

    resource_type = resource.get("resourceType")
    if resource_type not in _MODULES:
        return [Problem(f"{prefix}resourceType",
                        f"resource type {show(resource_type)} is not one this mapping "
                        f"writes (known: {', '.join(sorted(_MODULES))})")]
    try:
        _model(str(resource_type)).model_validate(dict(resource))
    except pydantic.ValidationError as error:
        out = []
        for item in error.errors():
            path = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in item["loc"])
            path = path.replace(".[", "[")
            out.append(Problem(f"{prefix}{path}",
                               f"{resource_type}: {item['msg']} (found "
                               f"{show(item.get('input'))})"))
        return out
    return []


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every (path, value) in ``value``, depth first."""
    yield path, value
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def _get(resource: Mapping[str, Any], dotted: str) -> Iterator[tuple[str, Any]]:
    """The values at ``dotted`` (lists crossed), with their paths."""
    items: list[tuple[str, Any]] = [("", resource)]
    for part in dotted.split("."):
        nxt: list[tuple[str, Any]] = []
        for path, item in items:
            if not isinstance(item, Mapping) or part not in item:
                continue
            value = item[part]
            here = f"{path}.{part}" if path else part
            if isinstance(value, list):
                nxt.extend((f"{here}[{i}]", v) for i, v in enumerate(value))
            else:
                nxt.append((here, value))
        items = nxt
    return iter(items)


def _iso(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _semantic_problems(resource: Mapping[str, Any], prefix: str) -> list[Problem]:
    rtype = str(resource.get("resourceType"))
    ident = resource.get("id")
    who = f"{rtype}/{ident}" if isinstance(ident, str) else rtype
    out: list[Problem] = []

    def bad(path: str, message: str) -> None:
        out.append(Problem(f"{prefix}{path}", f"{who}: {message}"))

    for (kind, dotted), allowed in codes.REQUIRED_CODES.items():
        if kind != rtype:
            continue
        for path, value in _get(resource, dotted):
            if value not in allowed:
                bad(path, f"code {show(value)} is not in the required code list of "
                    f"{rtype}.{dotted} ({', '.join(sorted(allowed))})")
    for path, value in _walk(resource, ""):
        if value in ({}, [], ""):
            bad(path, "ele-1: an element must have a value or children (found an empty one)")
            continue
        if not isinstance(value, Mapping):
            continue
        if "system" in value and "code" in value:  # a Coding or a Quantity
            system, code = value["system"], value["code"]
            known = codes.CODE_SYSTEMS.get(system)
            if known is None:
                bad(f"{path}.system", f"code system {show(system)} is not one this mapping "
                    "uses")
            elif code not in known:
                bad(f"{path}.code", f"code {show(code)} is not in {system} "
                    f"({', '.join(sorted(known))})")
        elif "code" in value and "value" in value and "system" not in value:
            bad(path, "qty-3: a quantity with a code must name its system")
        if _EXTENSION_PATH.search(path):
            has_value = any(k.startswith("value") for k in value)
            if has_value == ("extension" in value):
                bad(path, "ext-1: an extension must have either sub-extensions or a value, "
                    "not both")
        start, end = _iso(value.get("start")), _iso(value.get("end"))
        if start is not None and end is not None and end < start:
            bad(path, f"per-1: period end {end} is before its start {start}")
        if ("numerator" in value) != ("denominator" in value) and _RATIO_PATH.search(path):
            bad(path, "rat-1: a ratio needs both numerator and denominator")
    if rtype == "Goal":
        for path, target in _get(resource, "target"):
            if isinstance(target, Mapping) and "measure" not in target and any(
                    k.startswith("detail") for k in target):
                bad(path, "gol-1: target.measure is required when target.detail[x] is "
                    "given")
    if rtype == "CarePlan":
        for path, activity in _get(resource, "activity"):
            if isinstance(activity, Mapping) and "reference" in activity \
                    and "detail" in activity:
                bad(path, "cpl-3: an activity has a reference or a detail, not both")
    if rtype == "ServiceRequest" and "orderDetail" in resource and "code" not in resource:
        bad("orderDetail", "prr-1: orderDetail is only allowed when code is given")
    if rtype == "Condition":
        clinical = [c.get("code") for _, c in _get(resource, "clinicalStatus.coding")
                    if isinstance(c, Mapping)]
        verification = [c.get("code") for _, c in _get(resource, "verificationStatus.coding")
                        if isinstance(c, Mapping)]
        abated = any(k.startswith("abatement") for k in resource)
        if abated and clinical and not set(clinical) & {"inactive", "resolved", "remission"}:
            bad("clinicalStatus", "con-4: an abated condition's clinical status must be "
                "inactive, resolved or remission")
        if clinical and "entered-in-error" in verification:
            bad("clinicalStatus", "con-5: no clinical status when the verification status is "
                "entered-in-error")
    return out


def resource_problems(resource: Mapping[str, Any], prefix: str = "") -> list[Problem]:
    """Every problem of one resource: ``fhir.resources``' and this module's checks."""
    problems = _pydantic_problems(resource, prefix)
    if resource.get("resourceType") in _MODULES:
        problems.extend(_semantic_problems(resource, prefix))
    return problems


def bundle_problems(bundle: Mapping[str, Any]) -> list[Problem]:
    """Every problem of a Bundle: the Bundle model, each entry, bdl-1..7, references."""
    problems: list[Problem] = []
    if bundle.get("resourceType") != "Bundle":
        return [Problem("resourceType",
                        f"expected 'Bundle' (found {show(bundle.get('resourceType'))})")]
    problems.extend(_pydantic_problems(bundle, ""))
    kind = bundle.get("type")
    if kind not in codes.REQUIRED_CODES[("Bundle", "type")]:
        problems.append(Problem("type", f"Bundle: code {show(kind)} is not a bundle type"))
    if "total" in bundle and kind not in ("searchset", "history"):
        problems.append(Problem("total", "bdl-1: total only when a search or history"))
    entries = bundle.get("entry") or []
    full_urls: dict[str, int] = {}
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        where = f"entry[{i}]"
        if not isinstance(entry, Mapping):
            continue
        if "search" in entry and kind != "searchset":
            problems.append(Problem(f"{where}.search", "bdl-2: entry.search only when a "
                                    "search set"))
        if "request" in entry and kind not in ("batch", "transaction", "history"):
            problems.append(Problem(f"{where}.request", "bdl-3: entry.request only for a "
                                    "batch, transaction or history"))
        if "response" in entry and kind not in ("batch-response", "transaction-response",
                                                "history"):
            problems.append(Problem(f"{where}.response", "bdl-4: entry.response only for a "
                                    "batch or transaction response or a history"))
        resource = entry.get("resource")
        if resource is None and "request" not in entry and "response" not in entry:
            problems.append(Problem(where, "bdl-5: an entry must hold a resource unless it "
                                    "has a request or response"))
        full_url = entry.get("fullUrl")
        if isinstance(full_url, str):
            if full_url in full_urls:
                problems.append(Problem(f"{where}.fullUrl",
                                        f"bdl-7: fullUrl {show(full_url)} is also the "
                                        f"fullUrl of entry[{full_urls[full_url]}]"))
            full_urls.setdefault(full_url, i)
            if "/_history/" in full_url:
                problems.append(Problem(f"{where}.fullUrl", "bdl-8: fullUrl cannot be a "
                                        "version specific reference"))
            if isinstance(resource, Mapping) and full_url.startswith("urn:uuid:") and \
                    resource.get("id") not in (None, full_url.removeprefix("urn:uuid:")):
                problems.append(Problem(f"{where}.resource.id",
                                        f"the resource id {show(resource.get('id'))} "
                                        f"disagrees with the fullUrl {show(full_url)}"))
        if isinstance(resource, Mapping):
            problems.extend(p for p in _semantic_problems(resource, f"{where}.resource.")
                            if resource.get("resourceType") in _MODULES)
    for path, value in _walk(entries, "entry"):
        if isinstance(value, Mapping) and isinstance(value.get("reference"), str):
            ref = value["reference"]
            if ref.startswith("urn:uuid:") and ref not in full_urls:
                problems.append(Problem(f"{path}.reference",
                                        f"reference {show(ref)} names no entry of the Bundle"))
    return problems
