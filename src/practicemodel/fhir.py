"""A case record as an HL7 FHIR R4 Bundle, and plans and objectives back from FHIR.

Needs the ``fhir`` extra (``pip install "practicemodel[fhir]"``, which installs
``fhir.resources``) to validate what it builds; the way back reads plain JSON and needs
nothing. ``import practicemodel`` never imports ``fhir.resources``.

[`case_to_bundle`][practicemodel.fhir.case_to_bundle] writes one case as a Bundle of type
``collection`` (a set of resources with no processing meaning: a ``document`` would need a
Composition and a ``timestamp``, which a pure function without a clock cannot give):

- the children as ``Patient``; each adult-child relationship as a ``RelatedPerson`` (its
  ``patient`` the child, its ``relationship`` a v3 RoleCode and practicemodel's kind);
- contributing factors and needs of the strengths and needs assessments as ``Condition``;
- every objective as a ``Goal`` and every plan version as a ``CarePlan``: these two are
  lossless, [`goal_to_objective`][practicemodel.fhir.goal_to_objective] and
  [`careplan_to_plan`][practicemodel.fhir.careplan_to_plan] give back equal objects;
- services as ``ServiceRequest``; caseworker contacts and family visits as ``Encounter``.

Resource ids are UUIDs (version 5, from the case id, the kind of record and its id), each
entry's ``fullUrl`` is ``urn:uuid:<id>`` and references point at it; the record's own id is
kept in ``identifier`` under ``https://example.invalid/practicemodel/fhir/identifier/<kind>``.
Values with no FHIR element are extensions under
``https://example.invalid/practicemodel/fhir/StructureDefinition/``. The FHIR mapping page of
the documentation lists, field by field, what maps, what is an extension and what is lost.

[`validate_bundle`][practicemodel.fhir.validate_bundle] validates with ``fhir.resources``
(its R4B models: FHIR 4.3.0, whose elements used here are those of R4 4.0.1) and then checks
what ``fhir.resources`` does not: every Coding's system and code, the required code lists of
plain codes, the invariants gol-1, cpl-3, con-4, con-5, prr-1, per-1, rat-1, qty-3, ext-1,
ele-1 and the Bundle's bdl-1 to bdl-7, and that every ``urn:uuid:`` reference resolves in
the Bundle.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from practicemodel import _fhir_codes as codes
from practicemodel._describe import show
from practicemodel._fhir_ext import (
    _DecodeError,
    decode_value,
    encode_value,
    fhir_string_ok,
    string_element,
    string_value,
    strip_optional,
)
from practicemodel.caseplan import (
    AchievementStatus,
    CasePlan,
    ObjectiveLifecycle,
    PermanencyGoal,
    PlanKind,
    ServiceObjective,
)
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    MissingExtraError,
    Problem,
    RecordStructureError,
)
from practicemodel.periods import Period, PeriodUnit

if TYPE_CHECKING:
    from practicemodel.case import Case
    from practicemodel.people import Person, Relationship
    from practicemodel.services import Service
    from practicemodel.units import Quantity
    from practicemodel.visits import CaseworkerContact, FamilyVisit

__all__ = [
    "BASE",
    "EXTENSION",
    "EXTRA",
    "IDENTIFIER",
    "careplan_to_plan",
    "case_to_bundle",
    "goal_to_objective",
    "objective_to_goal",
    "plan_to_careplan",
    "plans_from_bundle",
    "validate_bundle",
    "validate_resource",
]

BASE = codes.BASE
"""Base of every URI the mapping mints: ``https://example.invalid/practicemodel/fhir``."""
EXTENSION = codes.EXTENSION
"""Prefix of the extension URLs (``EXTENSION + "objective-person"``...)."""
IDENTIFIER = codes.IDENTIFIER
"""Prefix of the identifier systems (``IDENTIFIER + "objective"``...)."""
EXTRA = 'pip install "practicemodel[fhir]"'
"""The install command ``MissingExtraError`` names."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)
_PLAN_NATIVE = frozenset({"id", "kind", "completed_on", "replaces", "child_ids", "period_end",
                          "assessment_ids", "contributing_factor_ids", "strength_ids",
                          "objectives", "permanency_goal", "concurrent_goal"})
_SUPPORTING = {"assessment": "assessment_ids", "strength": "strength_ids"}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _plan_extensions() -> dict[str, str]:
    """CasePlan field -> extension URL, for the fields with no FHIR element."""
    return {f.name: f"{EXTENSION}case-plan-{_kebab(f.name)}" for f in attrs.fields(CasePlan)
            if f.name not in _PLAN_NATIVE}


# -- identity ------------------------------------------------------------------------------


def _uuid(case_id: str, kind: str, ident: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{case_id}\x1f{kind}\x1f{ident}"))


def _identifier(kind: str, value: str) -> dict[str, Any]:
    return {"system": IDENTIFIER + kind, "value": value}


class _Context:
    """What every resource of one case needs: ids, names, and which resources exist."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.names = {p.id: p.name for p in case.people}
        self.staff = {s.id: s.name for s in case.staff}
        self.children = set(case.child_ids)
        self.factors: dict[str, Any] = {}
        self.needs: dict[str, Any] = {}
        for sna in case.strengths_needs_assessments:
            for cf in sna.contributing_factors:
                self.factors.setdefault(cf.id, (sna, cf))
            for psn in sna.people:
                for need in psn.needs:
                    if need.id not in self.factors:
                        self.needs.setdefault(need.id, (sna, psn, need))
        self.plan_ids = {p.id for p in case.plans}
        self.replaced = {p.replaces for p in case.plans if p.replaces is not None}
        self.objective_plan = {o.id: plan for plan in case.plans for o in plan.objectives}
        self.related: dict[tuple[str, str], str] = {}
        self.relationship_keys: list[str] = []
        seen: dict[str, int] = {}
        for r in case.relationships:
            key = f"{r.adult_id}\x1f{r.child_id}\x1f{r.kind.value}"
            n = seen.get(key, 0)
            seen[key] = n + 1
            key = key if n == 0 else f"{key}\x1f{n}"
            self.relationship_keys.append(key)
            self.related.setdefault((r.adult_id, r.child_id),
                                    self.url("relationship", key))

    def url(self, kind: str, ident: str) -> str:
        return f"urn:uuid:{_uuid(self.case.id, kind, ident)}"

    def person_ref(self, person_id: str) -> dict[str, Any]:
        """A reference to a person: the Patient for a child, else by identifier."""
        ref: dict[str, Any] = {}
        if person_id in self.children:
            ref = {"reference": self.url("person", person_id), "type": "Patient"}
        ref["identifier"] = _identifier("person", person_id)
        if person_id in self.names:
            ref["display"] = self.names[person_id]
        return ref

    def subject(self, person_ids: Iterable[str]) -> dict[str, Any]:
        """The child a record is about: the first child among ``person_ids`` (a record's
        people, then the children its plan covers), else the case's first child (every
        record of a case belongs to its children's record)."""
        for person_id in person_ids:
            if person_id in self.children:
                return self.person_ref(person_id)
        return self.person_ref(self.case.child_ids[0])

    def condition_ref(self, ident: str) -> dict[str, Any]:
        kind = "contributing-factor" if ident in self.factors else "need"
        ref: dict[str, Any] = {"identifier": _identifier(kind, ident)}
        if ident in self.factors or ident in self.needs:
            ref = {"reference": self.url("condition", ident), "type": "Condition", **ref}
        return ref

    def staff_ref(self, staff_id: str) -> dict[str, Any]:
        ref: dict[str, Any] = {"type": "Practitioner",
                               "identifier": _identifier("staff", staff_id)}
        if staff_id in self.staff:
            ref["display"] = self.staff[staff_id]
        return ref


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display is not None:
        coding["display"] = display
    return coding


def _concept(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"coding": [_coding(system, code, display)]}


def _label(code: str) -> str:
    return code.replace("_", " ").replace("-", " ").capitalize()


# -- people -------------------------------------------------------------------------------

_PERSON_EXTRAS = ("gender", "tribal_affiliation", "whereabouts_known", "diligent_searches")


def _person_elements(person: Person, *, patient: bool) -> dict[str, Any]:
    """name, birthDate, gender and the extensions a Patient or RelatedPerson shares."""
    out: dict[str, Any] = {"name": [{"text": person.name}]}
    if person.sex is not None:
        out["gender"] = person.sex.value
    if person.birth_date is not None:
        out["birthDate"] = person.birth_date.isoformat()
    extensions = _field_extensions(person, "person", _PERSON_EXTRAS)
    if person.deceased_on is not None:
        if patient:
            out["deceasedDateTime"] = person.deceased_on.isoformat()
        else:
            extensions.append({"url": f"{EXTENSION}person-deceased-on",
                               "valueDate": person.deceased_on.isoformat()})
    if extensions:
        out["extension"] = extensions
    return out


def _field_extensions(obj: Any, prefix: str, names: Iterable[str]) -> list[dict[str, Any]]:
    """One extension per field of ``obj`` in ``names`` that differs from its default (a
    tuple field: one extension per item)."""
    fields = {f.name: f for f in attrs.fields(type(obj))}
    out: list[dict[str, Any]] = []
    for name in names:
        field, value = fields[name], getattr(obj, name)
        if field.default is not attrs.NOTHING and value == field.default:
            continue
        url = f"{EXTENSION}{prefix}-{_kebab(name)}"
        items = value if isinstance(value, tuple) else (value,)
        out.extend(encode_value(item, url) for item in items if item is not None)
    return out


def _patient(person: Person) -> dict[str, Any]:
    return {"resourceType": "Patient", "id": "",
            "identifier": [_identifier("person", person.id)],
            **_person_elements(person, patient=True)}


_RELATIONSHIP_EXTRAS = ("lives_with_child", "primary_caregiver", "removed_from",
                        "wishes_to_be_involved", "adoption_finalized", "foster_home",
                        "parental_rights")


def _related_person(ctx: _Context, rel: Relationship) -> dict[str, Any]:
    person = ctx.case.person(rel.adult_id)
    role = rel.parent_role.value if rel.parent_role is not None else None
    code = codes.ROLE_CODES.get((rel.kind.value, role)) or codes.ROLE_CODES.get(
        (rel.kind.value, None))
    coding = [] if code is None else [
        _coding(codes.ROLE_SYSTEMS[code], code, codes.ROLE_DISPLAY[code])]
    coding.append(_coding(f"{codes.CODE_SYSTEM}relationship-kind", rel.kind.value,
                          _label(rel.kind.value)))
    elements = _person_elements(person, patient=False)
    extensions = elements.pop("extension", [])
    extensions.extend(_field_extensions(rel, "relationship", _RELATIONSHIP_EXTRAS))
    if rel.parent_role is not None:
        extensions.append({"url": f"{EXTENSION}relationship-parent-role",
                           "valueCode": rel.parent_role.value})
    out: dict[str, Any] = {
        "resourceType": "RelatedPerson", "id": "",
        "identifier": [_identifier("person", person.id)],
        "active": rel.end is None,
        "patient": ctx.person_ref(rel.child_id),
        "relationship": [{"coding": coding}],
        **elements,
    }
    period = _period(rel.start, rel.end)
    if period:
        out["period"] = period
    if extensions:
        out["extension"] = extensions
    return out


def _period(start: date | None, end: date | None) -> dict[str, str]:
    out = {}
    if start is not None:
        out["start"] = start.isoformat()
    if end is not None:
        out["end"] = end.isoformat()
    return out


# -- conditions ----------------------------------------------------------------------------


def _conditions(ctx: _Context) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for ident, (sna, cf) in ctx.factors.items():
        resource: dict[str, Any] = {
            "resourceType": "Condition", "id": "",
            "identifier": [_identifier("contributing-factor", ident)],
            "category": [_concept(f"{codes.CODE_SYSTEM}condition-kind", "contributing-factor",
                                  "Contributing factor")],
            **_code_text(cf.description),
            "subject": ctx.subject(cf.person_ids),
            "recordedDate": sna.completed_on.isoformat(),
        }
        ext = [{"url": f"{EXTENSION}condition-person", "valueReference": ctx.person_ref(p)}
               for p in cf.person_ids]
        ext.append({"url": f"{EXTENSION}condition-underlying", "valueBoolean": cf.underlying})
        ext.append({"url": f"{EXTENSION}condition-assessment", "valueString": sna.id})
        resource["extension"] = ext
        out.append((ctx.url("condition", ident), resource))
    for ident, (sna, psn, need) in ctx.needs.items():
        resource = {
            "resourceType": "Condition", "id": "",
            "identifier": [_identifier("need", ident)],
            "category": [_concept(f"{codes.CODE_SYSTEM}condition-kind", "need", "Need")],
            **_code_text(need.description),
            "subject": ctx.subject([psn.person_id]),
            "recordedDate": sna.completed_on.isoformat(),
        }
        ext = [{"url": f"{EXTENSION}condition-person",
                "valueReference": ctx.person_ref(psn.person_id)},
               {"url": f"{EXTENSION}condition-priority", "valueBoolean": need.priority},
               {"url": f"{EXTENSION}condition-assessment", "valueString": sna.id}]
        if need.domain is not None and fhir_string_ok(need.domain):
            ext.append({"url": f"{EXTENSION}condition-domain", "valueString": need.domain})
        resource["extension"] = ext
        out.append((ctx.url("condition", ident), resource))
    return out


# -- goals ---------------------------------------------------------------------------------

_EXACT_UNITS = {PeriodUnit.DAYS: ("d", "days"), PeriodUnit.WEEKS: ("wk", "weeks")}
_UNIT_BY_CODE = {"d": PeriodUnit.DAYS, "wk": PeriodUnit.WEEKS}


def _goal(ctx: _Context, objective: ServiceObjective, plan: CasePlan) -> dict[str, Any]:
    goal: dict[str, Any] = {
        "resourceType": "Goal", "id": "",
        "identifier": [_identifier("objective", objective.id)],
        "lifecycleStatus": codes.fhir_code(objective.lifecycle.value),
    }
    if objective.achievement is not None:
        code = codes.fhir_code(objective.achievement.value)
        goal["achievementStatus"] = _concept(codes.GOAL_ACHIEVEMENT, code, _label(code))
    goal["description"] = {"text": objective.statement}
    goal["subject"] = ctx.subject((*objective.person_ids, *plan.child_ids))
    extensions: list[dict[str, Any]] = [
        {"url": f"{EXTENSION}objective-person", "valueReference": ctx.person_ref(p)}
        for p in objective.person_ids]
    if objective.behavior is not None:
        extensions.append({"url": f"{EXTENSION}objective-behavior",
                           **string_element(objective.behavior)})
    target: dict[str, Any] = {}
    if objective.measure is not None:
        target["measure"] = _concept(f"{codes.CODE_SYSTEM}objective-measure",
                                     "criterion-of-achievement", "Criterion of achievement")
        if fhir_string_ok(objective.measure):
            target["detailString"] = objective.measure
        else:
            extensions.append({"url": f"{EXTENSION}objective-measure",
                               **string_element(objective.measure)})
    timeframe = objective.timeframe
    if objective.due_on is not None:
        target["dueDate"] = objective.due_on.isoformat()
    if timeframe is not None:
        exact = _EXACT_UNITS.get(timeframe.unit)
        if exact is not None and "dueDate" not in target:
            code, unit = exact
            target["dueDuration"] = {"value": timeframe.count, "unit": unit,
                                     "system": codes.UCUM, "code": code}
        else:
            extensions.append(encode_value(timeframe, f"{EXTENSION}objective-timeframe"))
    if target:
        goal["target"] = [target]
    if objective.achieved_on is not None:
        goal["statusDate"] = objective.achieved_on.isoformat()
    if objective.addresses_ids:
        goal["addresses"] = [ctx.condition_ref(i) for i in objective.addresses_ids]
    if extensions:
        goal["extension"] = extensions
    return goal


def _find(items: Any, key: str, what: str, path: str) -> Any:
    if not isinstance(items, Mapping):
        raise _DecodeError(path, f"expected a JSON object for {what}")
    return items.get(key)


def _extensions(resource: Mapping[str, Any], known: Iterable[str],
                path: str) -> dict[str, list[tuple[int, Any]]]:
    """The resource's extensions by URL (each with its index); unknown URLs are errors."""
    allowed = set(known)
    found: dict[str, list[tuple[int, Any]]] = {}
    raw = resource.get("extension", [])
    if not isinstance(raw, list):
        raise _DecodeError(f"{path}.extension", "expected a list")
    for i, ext in enumerate(raw):
        url = ext.get("url") if isinstance(ext, Mapping) else None
        if url not in allowed:
            raise _DecodeError(f"{path}.extension[{i}].url",
                              f"unknown extension {url!r} (known: {', '.join(sorted(allowed))})")
        found.setdefault(str(url), []).append((i, ext))
    return found


def _one(found: dict[str, list[tuple[int, Any]]], url: str, path: str) -> tuple[int, Any] | None:
    items = found.get(url, [])
    if len(items) > 1:
        raise _DecodeError(f"{path}.extension[{items[1][0]}]", f"extension {url!r} given twice")
    return items[0] if items else None


def _our_identifier(resource: Mapping[str, Any], kind: str, path: str) -> str:
    for i, ident in enumerate(resource.get("identifier") or []):
        if isinstance(ident, Mapping) and ident.get("system") == IDENTIFIER + kind:
            value = ident.get("value")
            if not isinstance(value, str):
                raise _DecodeError(f"{path}.identifier[{i}].value", "expected a string")
            return value
    raise _DecodeError(f"{path}.identifier",
                      f"no identifier with system {IDENTIFIER + kind!r}")


def _ref_id(ref: Any, path: str) -> str:
    """Our id in a reference's identifier."""
    ident = _find(ref, "identifier", "a reference", path)
    value = _find(ident, "value", "an identifier", f"{path}.identifier")
    if not isinstance(value, str):
        raise _DecodeError(f"{path}.identifier.value", "expected a string")
    return value


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str):
        raise _DecodeError(path, f"expected a date YYYY-MM-DD (found {show(value)})")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _DecodeError(path, f"expected a date YYYY-MM-DD (found {show(value)})") from None


def _decode_goal(goal: Mapping[str, Any], path: str) -> ServiceObjective:
    if goal.get("resourceType") != "Goal":
        raise _DecodeError(f"{path}.resourceType",
                          f"expected 'Goal' (found {show(goal.get('resourceType'))})")
    urls = [f"{EXTENSION}objective-{name}"
            for name in ("person", "behavior", "measure", "timeframe")]
    ext = _extensions(goal, urls, path)
    kwargs: dict[str, Any] = {"id": _our_identifier(goal, "objective", path)}
    description = _find(goal.get("description"), "text", "description", f"{path}.description")
    if not isinstance(description, str):
        raise _DecodeError(f"{path}.description.text", "expected a string")
    kwargs["statement"] = description
    kwargs["person_ids"] = tuple(
        _ref_id(e.get("valueReference"), f"{path}.extension[{i}].valueReference")
        for i, e in ext.get(urls[0], []))
    behavior = _one(ext, urls[1], path)
    if behavior is not None:
        kwargs["behavior"] = string_value(behavior[1], f"{path}.extension[{behavior[0]}]")
    lifecycle = goal.get("lifecycleStatus")
    try:
        kwargs["lifecycle"] = ObjectiveLifecycle(str(lifecycle).replace("-", "_"))
    except ValueError:
        raise _DecodeError(f"{path}.lifecycleStatus",
                          f"lifecycle status {show(lifecycle)} has no objective lifecycle "
                          f"(known: {', '.join(sorted(codes.LIFECYCLE_CODES))})") from None
    if "achievementStatus" in goal:
        kwargs["achievement"] = _achievement(goal["achievementStatus"],
                                             f"{path}.achievementStatus")
    targets = goal.get("target") or []
    if len(targets) > 1:
        raise _DecodeError(f"{path}.target", "expected at most one target")
    target = targets[0] if targets else {}
    measure = _one(ext, urls[2], path)
    if measure is not None:
        kwargs["measure"] = string_value(measure[1], f"{path}.extension[{measure[0]}]")
    elif "detailString" in target:
        kwargs["measure"] = target["detailString"]
    if "dueDate" in target:
        kwargs["due_on"] = _date(target["dueDate"], f"{path}.target[0].dueDate")
    timeframe = _one(ext, urls[3], path)
    if timeframe is not None:
        kwargs["timeframe"] = decode_value(timeframe[1], Period,
                                           f"{path}.extension[{timeframe[0]}]")
    elif "dueDuration" in target:
        duration = target["dueDuration"]
        if not isinstance(duration, Mapping):
            duration = {}
        unit = _UNIT_BY_CODE.get(str(duration.get("code")))
        count = duration.get("value")
        if unit is None or type(count) is not int or duration.get("system") != codes.UCUM:
            raise _DecodeError(f"{path}.target[0].dueDuration",
                              "expected a whole number of UCUM days (d) or weeks (wk)")
        kwargs["timeframe"] = Period(count, unit)
    if "statusDate" in goal:
        kwargs["achieved_on"] = _date(goal["statusDate"], f"{path}.statusDate")
    kwargs["addresses_ids"] = tuple(_ref_id(ref, f"{path}.addresses[{i}]")
                                    for i, ref in enumerate(goal.get("addresses") or []))
    return ServiceObjective(**kwargs)


def _achievement(concept: Any, path: str) -> AchievementStatus:
    for coding in _find(concept, "coding", "a CodeableConcept", path) or []:
        if isinstance(coding, Mapping) and coding.get("system") == codes.GOAL_ACHIEVEMENT:
            code = str(coding.get("code"))
            try:
                return AchievementStatus(code.replace("-", "_"))
            except ValueError:
                break
    raise _DecodeError(path, f"expected a coding of {codes.GOAL_ACHIEVEMENT} with one of "
                      f"{', '.join(sorted(codes.CODE_SYSTEMS[codes.GOAL_ACHIEVEMENT]))}")


# -- care plans ----------------------------------------------------------------------------


def _careplan(ctx: _Context, plan: CasePlan) -> dict[str, Any]:
    case = ctx.case
    if plan.id in ctx.replaced:
        status = "revoked"
    elif case.closed_on is not None:
        status = "completed"
    else:
        status = "active"
    title = "Initial case plan" if plan.kind is PlanKind.INITIAL else "Case plan update"
    out: dict[str, Any] = {
        "resourceType": "CarePlan", "id": "",
        "identifier": [_identifier("plan", plan.id)],
        "status": status,
        "intent": "plan",
        "category": [_concept(f"{codes.CODE_SYSTEM}plan-kind", plan.kind.value,
                              _label(plan.kind.value))],
        "title": title,
        "subject": ctx.subject(plan.child_ids),
        "period": _period(plan.completed_on, plan.period_end),
        "created": plan.completed_on.isoformat(),
    }
    if plan.replaces is not None:
        ref: dict[str, Any] = {"type": "CarePlan",
                               "identifier": _identifier("plan", plan.replaces)}
        if plan.replaces in ctx.plan_ids:
            ref = {"reference": ctx.url("plan", plan.replaces), **ref}
        out["replaces"] = [ref]
    if plan.contributing_factor_ids:
        out["addresses"] = [ctx.condition_ref(i) for i in plan.contributing_factor_ids]
    supporting = [{"identifier": _identifier(kind, i)}
                  for kind, name in _SUPPORTING.items() for i in getattr(plan, name)]
    if supporting:
        out["supportingInfo"] = supporting
    if plan.objectives:
        out["goal"] = [{"reference": ctx.url("objective", o.id), "type": "Goal",
                        "identifier": _identifier("objective", o.id)}
                       for o in plan.objectives]
    activities = _activities(ctx, plan)
    if activities:
        out["activity"] = activities
    extensions: list[dict[str, Any]] = [
        {"url": f"{EXTENSION}case-plan-child", "valueReference": ctx.person_ref(c)}
        for c in plan.child_ids]
    for name in ("permanency_goal", "concurrent_goal"):
        goal: PermanencyGoal | None = getattr(plan, name)
        if goal is not None:
            extensions.append({"url": f"{EXTENSION}case-plan-{_kebab(name)}",
                               "valueCoding": _coding(f"{codes.CODE_SYSTEM}permanency-goal",
                                                      goal.value, _label(goal.value))})
    for name in _plan_extensions():
        extensions.extend(_field_extensions(plan, "case-plan", (name,)))
    if extensions:
        out["extension"] = extensions
    return out


def _activities(ctx: _Context, plan: CasePlan) -> list[dict[str, Any]]:
    """Derived, not read back: each service that serves the plan's objectives or client
    responsibilities (a reference to its ServiceRequest), then each client responsibility
    no service delivers (a detail)."""
    objectives = set(plan.all_objective_ids())
    responsibilities = {r.id for r in plan.client_responsibilities}
    out: list[dict[str, Any]] = []
    delivered: set[str] = set()
    for service in ctx.case.services:
        if objectives.intersection(service.objective_ids) or (
                service.responsibility_id in responsibilities):
            out.append({"reference": {"reference": ctx.url("service", service.id),
                                      "type": "ServiceRequest",
                                      "identifier": _identifier("service", service.id)}})
            if service.responsibility_id is not None:
                delivered.add(service.responsibility_id)
    for r in plan.client_responsibilities:
        if r.id in delivered:
            continue
        detail: dict[str, Any] = {"status": "unknown", **_description(r.description)}
        goals = [{"reference": ctx.url("objective", o), "type": "Goal",
                  "identifier": _identifier("objective", o)}
                 for o in r.objective_ids if o in objectives]
        if goals:
            detail["goal"] = goals
        out.append({"detail": detail})
    return out


def _code_text(text: str) -> dict[str, Any]:
    """``{"code": {"text": text}}``, or nothing when FHIR cannot hold the text."""
    return {"code": {"text": text}} if fhir_string_ok(text) else {}


def _description(text: str) -> dict[str, Any]:
    return {"description": text} if fhir_string_ok(text) else {}


def _decode_careplan(careplan: Mapping[str, Any], goals: Mapping[str, tuple[str, Any]],
                     path: str) -> CasePlan:
    if careplan.get("resourceType") != "CarePlan":
        raise _DecodeError(f"{path}.resourceType",
                          f"expected 'CarePlan' (found {show(careplan.get('resourceType'))})")
    block_urls = _plan_extensions()
    child_url = f"{EXTENSION}case-plan-child"
    goal_urls = {name: f"{EXTENSION}case-plan-{_kebab(name)}"
                 for name in ("permanency_goal", "concurrent_goal")}
    ext = _extensions(careplan, [child_url, *goal_urls.values(), *block_urls.values()], path)
    kwargs: dict[str, Any] = {"id": _our_identifier(careplan, "plan", path)}
    kinds = [c.get("code") for concept in careplan.get("category") or []
             for c in (concept.get("coding") or [])
             if c.get("system") == f"{codes.CODE_SYSTEM}plan-kind"]
    if len(kinds) != 1 or kinds[0] not in {k.value for k in PlanKind}:
        raise _DecodeError(f"{path}.category", "expected one coding of "
                          f"{codes.CODE_SYSTEM}plan-kind: initial or update")
    kwargs["kind"] = PlanKind(kinds[0])
    period = careplan.get("period")
    kwargs["completed_on"] = _date(_find(period, "start", "period", f"{path}.period"),
                                   f"{path}.period.start")
    if isinstance(period, Mapping) and "end" in period:
        kwargs["period_end"] = _date(period["end"], f"{path}.period.end")
    replaces = careplan.get("replaces") or []
    if len(replaces) > 1:
        raise _DecodeError(f"{path}.replaces", "expected at most one replaced plan")
    if replaces:
        kwargs["replaces"] = _ref_id(replaces[0], f"{path}.replaces[0]")
    kwargs["child_ids"] = tuple(
        _ref_id(e.get("valueReference"), f"{path}.extension[{i}].valueReference")
        for i, e in ext.get(child_url, []))
    for name, url in goal_urls.items():
        found = _one(ext, url, path)
        if found is not None:
            i, e = found
            code = _find(e.get("valueCoding"), "code", "a Coding",
                         f"{path}.extension[{i}].valueCoding")
            try:
                kwargs[name] = PermanencyGoal(code)
            except ValueError:
                raise _DecodeError(f"{path}.extension[{i}].valueCoding.code",
                                  f"unknown permanency goal {show(code)}") from None
    kwargs["contributing_factor_ids"] = tuple(
        _ref_id(ref, f"{path}.addresses[{i}]")
        for i, ref in enumerate(careplan.get("addresses") or []))
    supporting: dict[str, list[str]] = {name: [] for name in _SUPPORTING.values()}
    for i, ref in enumerate(careplan.get("supportingInfo") or []):
        system = _find(_find(ref, "identifier", "a reference", f"{path}.supportingInfo[{i}]"),
                       "system", "an identifier", f"{path}.supportingInfo[{i}].identifier")
        kind = str(system).removeprefix(IDENTIFIER)
        if kind not in _SUPPORTING or not str(system).startswith(IDENTIFIER):
            raise _DecodeError(f"{path}.supportingInfo[{i}].identifier.system",
                              f"expected an assessment or strength identifier (found "
                              f"{show(system)})")
        supporting[_SUPPORTING[kind]].append(_ref_id(ref, f"{path}.supportingInfo[{i}]"))
    kwargs.update({name: tuple(ids) for name, ids in supporting.items()})
    objectives = []
    for i, ref in enumerate(careplan.get("goal") or []):
        objective_id = _ref_id(ref, f"{path}.goal[{i}]")
        if objective_id not in goals:
            raise _DecodeError(f"{path}.goal[{i}]",
                              f"no Goal given with objective id {show(objective_id)}")
        goal_path, goal = goals[objective_id]
        objectives.append(_decode_goal(goal, goal_path))
    kwargs["objectives"] = tuple(objectives)
    hints = _plan_hints()
    for name, url in block_urls.items():
        tp = hints[name]
        if getattr(tp, "__origin__", None) is tuple:
            kwargs[name] = tuple(decode_value(e, tp.__args__[0], f"{path}.extension[{i}]")
                                 for i, e in ext.get(url, []))
        else:
            one = _one(ext, url, path)
            if one is not None:
                kwargs[name] = decode_value(one[1], tp, f"{path}.extension[{one[0]}]")
    return CasePlan(**kwargs)


def _plan_hints() -> dict[str, Any]:
    return {name: strip_optional(tp) for name, tp in typing.get_type_hints(CasePlan).items()}


# -- services and encounters ---------------------------------------------------------------

_SERVICE_STATUS = {"referred": "active", "waitlisted": "active", "active": "active",
                   "completed": "completed", "discontinued": "revoked", "declined": "revoked"}


def _ucum(value: float, unit: str) -> dict[str, Any]:
    number: float | int = int(value) if float(value).is_integer() else float(value)
    return {"value": number, "unit": unit, "system": codes.UCUM,
            "code": codes.UCUM_UNITS[unit]}


def _ratio(dosage: Quantity) -> dict[str, Any]:
    """A dosage (3 hour / week) as a Ratio of UCUM quantities."""
    units = dict(dosage.unit_items())
    ups = [u for u, p in units.items() if p == 1]
    downs = [u for u, p in units.items() if p == -1]
    if len(units) == 2 and len(ups) == 1 and len(downs) == 1 and \
            ups[0] in codes.UCUM_UNITS and downs[0] in codes.UCUM_UNITS:
        return {"numerator": _ucum(dosage.magnitude, ups[0]),
                "denominator": _ucum(1, downs[0])}
    target = "session / week" if "[service_session]" in str(dosage.dimensionality) \
        else "hour / week"
    converted = dosage.to(target)
    return {"numerator": _ucum(converted.magnitude, target.split(" ", 1)[0]),
            "denominator": _ucum(1, "week")}


def _minutes(duration: Quantity) -> dict[str, Any]:
    return _ucum(round(float(duration.to("minute").magnitude), 6), "minute")


def _service_request(ctx: _Context, service: Service) -> dict[str, Any]:
    plans = [p for p in ctx.case.plans
             if set(p.all_objective_ids()).intersection(service.objective_ids)
             or service.responsibility_id in {r.id for r in p.client_responsibilities}]
    out: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "",
        "identifier": [_identifier("service", service.id)],
        "status": _SERVICE_STATUS[service.status.value],
        "intent": "order",
        "category": [_concept(f"{codes.CODE_SYSTEM}service-category", service.category.value,
                              _label(service.category.value))],
        "code": {"text": service.description if service.description is not None
                 and fhir_string_ok(service.description) else _label(service.category.value)},
        "subject": ctx.subject(service.person_ids),
    }
    if plans:
        out["basedOn"] = [{"reference": ctx.url("plan", p.id), "type": "CarePlan",
                           "identifier": _identifier("plan", p.id)} for p in plans]
    period = _period(service.started_on, service.ended_on)
    if period:
        out["occurrencePeriod"] = period
    if service.referred_on is not None:
        out["authoredOn"] = service.referred_on.isoformat()
    if service.dosage is not None:
        out["quantityRatio"] = _ratio(service.dosage)
    if service.provider is not None and fhir_string_ok(service.provider):
        out["performer"] = [{"type": "Organization", "display": service.provider}]
    ext: list[dict[str, Any]] = [
        {"url": f"{EXTENSION}service-status",
         "valueCoding": _coding(f"{codes.CODE_SYSTEM}service-status", service.status.value,
                                _label(service.status.value))}]
    ext.extend({"url": f"{EXTENSION}service-person", "valueReference": ctx.person_ref(p)}
               for p in service.person_ids)
    ext.extend({"url": f"{EXTENSION}service-objective",
                "valueReference": {"reference": ctx.url("objective", o), "type": "Goal",
                                   "identifier": _identifier("objective", o)}}
               for o in service.objective_ids)
    if service.responsibility_id is not None:
        ext.append({"url": f"{EXTENSION}service-responsibility",
                    "valueString": service.responsibility_id})
    if service.waitlisted_on is not None:
        ext.append({"url": f"{EXTENSION}service-waitlisted-on",
                    "valueDate": service.waitlisted_on.isoformat()})
    out["extension"] = ext
    return out


def _contact_class(contact: CaseworkerContact) -> str:
    if contact.mode.value != "in_person":
        return "VR"
    if contact.location is None:
        return "FLD"
    if contact.location.value in ("child_residence", "parent_residence"):
        return "HH"
    return "AMB" if contact.location.value == "office" else "FLD"


def _encounter_base(kind: str, ident: str, status: str, klass: str) -> dict[str, Any]:
    return {
        "resourceType": "Encounter", "id": "",
        "identifier": [_identifier(kind, ident)],
        "status": status,
        "class": _coding(codes.ACT_CODE, klass, codes.CLASS_DISPLAY[klass]),
        "type": [_concept(f"{codes.CODE_SYSTEM}encounter-type", kind,
                          _label(kind))],
    }


def _contact_encounter(ctx: _Context, contact: CaseworkerContact) -> dict[str, Any]:
    out = _encounter_base("caseworker-contact", contact.id,
                          "finished" if contact.completed else "cancelled",
                          _contact_class(contact))
    subject = next((p for p in contact.person_ids if p in ctx.children), None)
    if subject is not None:
        out["subject"] = ctx.person_ref(subject)
    participants = [{"individual": ctx.staff_ref(contact.caseworker_id)}]
    if subject is not None:
        participants.extend(
            {"individual": {"reference": ctx.related[(p, subject)], "type": "RelatedPerson",
                            "identifier": _identifier("person", p)}}
            for p in contact.person_ids if (p, subject) in ctx.related)
    out["participant"] = participants
    day = contact.occurred_on.isoformat()
    out["period"] = {"start": day, "end": day}
    if contact.duration is not None:
        out["length"] = _minutes(contact.duration)
    if contact.topics:
        out["reasonCode"] = [_concept(f"{codes.CODE_SYSTEM}contact-topic", t.value,
                                      _label(t.value)) for t in contact.topics]
    if contact.location is not None:
        out["location"] = [{"location": {"display": _label(contact.location.value)}}]
    ext: list[dict[str, Any]] = [
        {"url": f"{EXTENSION}contact-mode",
         "valueCoding": _coding(f"{codes.CODE_SYSTEM}contact-mode", contact.mode.value,
                                _label(contact.mode.value))}]
    ext.extend({"url": f"{EXTENSION}encounter-person", "valueReference": ctx.person_ref(p)}
               for p in contact.person_ids)
    ext.extend({"url": f"{EXTENSION}contact-private-with",
                "valueReference": ctx.person_ref(p)} for p in contact.private_with_ids)
    if contact.setting_suitable is not None:
        ext.append({"url": f"{EXTENSION}contact-setting-suitable",
                    "valueBoolean": contact.setting_suitable})
    out["extension"] = ext
    return out


def _visit_encounter(ctx: _Context, visit: FamilyVisit) -> dict[str, Any]:
    held = visit.status.value == "held"
    out = _encounter_base("family-visit", visit.id, "finished" if held else "cancelled",
                          "FLD")
    out["subject"] = ctx.person_ref(visit.child_id)
    participants = [
        {"individual": {"reference": ctx.related[(p, visit.child_id)], "type": "RelatedPerson",
                        "identifier": _identifier("person", p)}}
        for p in visit.visitor_ids if (p, visit.child_id) in ctx.related]
    if participants:
        out["participant"] = participants
    day = visit.scheduled_on.isoformat()
    out["period"] = {"start": day, "end": day}
    if visit.duration is not None:
        out["length"] = _minutes(visit.duration)
    if visit.location is not None and fhir_string_ok(visit.location):
        out["location"] = [{"location": {"display": visit.location}}]
    ext: list[dict[str, Any]] = [
        {"url": f"{EXTENSION}encounter-person", "valueReference": ctx.person_ref(p)}
        for p in visit.visitor_ids]
    for name, system in (("status", "family-visit-status"), ("visitor_kind", "visitor-kind"),
                         ("supervision", "supervision")):
        code = getattr(visit, name).value
        ext.append({"url": f"{EXTENSION}family-visit-{_kebab(name)}",
                    "valueCoding": _coding(f"{codes.CODE_SYSTEM}{system}", code,
                                           _label(code))})
    out["extension"] = ext
    return out


# -- public API ----------------------------------------------------------------------------


def _check_case(case: object) -> Case:
    from practicemodel.case import Case

    if not isinstance(case, Case):
        raise InvalidInputError(f"'case' must be a Case (got {type(case).__name__})")
    if not case.child_ids:
        raise InvalidArgumentError(f"'case' must have a child to be the FHIR subject "
                                   f"(case {show(case.id)} has none)")
    return case


def _entries(case: Case) -> list[tuple[str, dict[str, Any]]]:
    ctx = _Context(case)
    entries: list[tuple[str, dict[str, Any]]] = [
        (ctx.url("person", c.id), _patient(c)) for c in case.children()]
    entries.extend((ctx.url("relationship", key), _related_person(ctx, r))
                   for key, r in zip(ctx.relationship_keys, case.relationships, strict=True))
    entries.extend(_conditions(ctx))
    for plan in case.plans:
        entries.extend((ctx.url("objective", o.id), _goal(ctx, o, plan))
                       for o in plan.objectives)
    entries.extend((ctx.url("plan", p.id), _careplan(ctx, p)) for p in case.plans)
    entries.extend((ctx.url("service", s.id), _service_request(ctx, s)) for s in case.services)
    entries.extend((ctx.url("caseworker-contact", c.id), _contact_encounter(ctx, c))
                   for c in case.contacts)
    entries.extend((ctx.url("family-visit", v.id), _visit_encounter(ctx, v))
                   for v in case.family_visits)
    for url, resource in entries:
        resource["id"] = url.removeprefix("urn:uuid:")
    return entries


def case_to_bundle(case: Case) -> dict[str, Any]:
    """Return ``case`` as a FHIR R4 Bundle (type ``collection``), as JSON-ready data.

    The same case gives the same Bundle, byte for byte once dumped. The Bundle is validated
    with [`validate_bundle`][practicemodel.fhir.validate_bundle] before it is returned.

    Raises:
        MissingExtraError: ``fhir.resources`` is not installed (``pip install
            "practicemodel[fhir]"``).
        InvalidInputError: ``case`` is not a ``Case``.
        InvalidArgumentError: the case has no child (every resource needs a child as its
            subject).
    """
    case = _check_case(case)
    _require()
    bundle = {
        "resourceType": "Bundle",
        "id": _uuid(case.id, "case", case.id),
        "identifier": _identifier("case", case.id),
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in _entries(case)],
    }
    validate_bundle(bundle)
    return bundle


def objective_to_goal(objective: ServiceObjective, *, case: Case) -> dict[str, Any]:
    """Return ``objective`` (one of ``case``'s) as a FHIR ``Goal``, validated.

    The Goal's references are the ones it has in ``case_to_bundle(case)``. Lossless:
    ``goal_to_objective(objective_to_goal(o, case=c)) == o``.

    Raises:
        MissingExtraError: ``fhir.resources`` is not installed.
        InvalidInputError: ``objective`` is not a ``ServiceObjective`` or ``case`` not a
            ``Case``.
        InvalidArgumentError: ``objective`` is not an objective of a plan of ``case``.
    """
    case = _check_case(case)
    if not isinstance(objective, ServiceObjective):
        raise InvalidInputError(
            f"'objective' must be a ServiceObjective (got {type(objective).__name__})")
    _require()
    ctx = _Context(case)
    plan = ctx.objective_plan.get(objective.id)
    if plan is None or objective not in plan.objectives:
        raise InvalidArgumentError(f"'objective' {show(objective.id)} is not an objective of "
                                   f"a plan of case {show(case.id)}")
    goal = _goal(ctx, objective, plan)
    goal["id"] = ctx.url("objective", objective.id).removeprefix("urn:uuid:")
    validate_resource(goal)
    return goal


def plan_to_careplan(plan: CasePlan, *, case: Case) -> dict[str, Any]:
    """Return ``plan`` (a version of ``case``'s plan) as a FHIR ``CarePlan``, validated.

    Its objectives are referenced, not included: build their Goals with
    [`objective_to_goal`][practicemodel.fhir.objective_to_goal]. Lossless:
    ``careplan_to_plan(plan_to_careplan(p, case=c), goals) == p``.

    Raises:
        MissingExtraError: ``fhir.resources`` is not installed.
        InvalidInputError: ``plan`` is not a ``CasePlan`` or ``case`` not a ``Case``.
        InvalidArgumentError: ``plan`` is not a plan version of ``case``.
    """
    case = _check_case(case)
    if not isinstance(plan, CasePlan):
        raise InvalidInputError(f"'plan' must be a CasePlan (got {type(plan).__name__})")
    if plan not in case.plans:
        raise InvalidArgumentError(f"'plan' {show(plan.id)} is not a plan version of case "
                                   f"{show(case.id)}")
    _require()
    ctx = _Context(case)
    careplan = _careplan(ctx, plan)
    careplan["id"] = ctx.url("plan", plan.id).removeprefix("urn:uuid:")
    validate_resource(careplan)
    return careplan


def _decoded(record: str, read: Any) -> Any:
    """Run ``read()``, turning a mapping error or a broken invariant into
    ``RecordStructureError``."""
    try:
        return read()
    except _DecodeError as error:
        raise RecordStructureError([Problem(error.path, error.message)], record=record) \
            from None
    except InvalidRecordError as error:
        raise RecordStructureError(error.problems, record=record) from None


def goal_to_objective(goal: Mapping[str, Any]) -> ServiceObjective:
    """Return the objective a ``Goal`` written by this module holds.

    Reads plain JSON data (no ``fhir.resources`` needed).

    Raises:
        InvalidInputError: ``goal`` is not a mapping.
        RecordStructureError: the Goal lacks what the mapping writes (the objective
            identifier, a known lifecycle status...), or has an extension this mapping does
            not write; the problem names the path.
    """
    if not isinstance(goal, Mapping):
        raise InvalidInputError(f"'goal' must be a mapping (got {type(goal).__name__})")
    result: ServiceObjective = _decoded("FHIR Goal", lambda: _decode_goal(goal, "Goal"))
    return result


def careplan_to_plan(careplan: Mapping[str, Any],
                     goals: Iterable[Mapping[str, Any]] = ()) -> CasePlan:
    """Return the plan version a ``CarePlan`` written by this module holds.

    ``goals`` are Goal resources; those the CarePlan's ``goal`` references (by objective
    identifier) become its objectives, in the CarePlan's order; others are ignored. Reads
    plain JSON data (no ``fhir.resources`` needed).

    Raises:
        InvalidInputError: ``careplan`` or a goal is not a mapping.
        RecordStructureError: the CarePlan (or a Goal) lacks what the mapping writes, a
            referenced Goal is not among ``goals``, or an extension is unknown.
    """
    if not isinstance(careplan, Mapping):
        raise InvalidInputError(f"'careplan' must be a mapping (got {type(careplan).__name__})")
    goal_list = list(goals)
    for goal in goal_list:
        if not isinstance(goal, Mapping):
            raise InvalidInputError(f"'goals' must hold mappings (got {type(goal).__name__})")

    def read() -> CasePlan:
        by_id = {}
        for i, goal in enumerate(goal_list):
            path = f"goals[{i}]"
            by_id[_our_identifier(goal, "objective", path)] = (path, goal)
        return _decode_careplan(careplan, by_id, "CarePlan")

    result: CasePlan = _decoded("FHIR CarePlan", read)
    return result


def plans_from_bundle(bundle: Mapping[str, Any]) -> tuple[CasePlan, ...]:
    """Return every plan version of a Bundle written by ``case_to_bundle``, in entry order,
    each with its objectives read from the Bundle's Goals.

    Raises:
        InvalidInputError: ``bundle`` is not a mapping.
        RecordStructureError: a CarePlan or Goal cannot be read back (the problem names the
            path within the Bundle).
    """
    if not isinstance(bundle, Mapping):
        raise InvalidInputError(f"'bundle' must be a mapping (got {type(bundle).__name__})")

    def read() -> tuple[CasePlan, ...]:
        resources = [(f"entry[{i}].resource", e.get("resource"))
                     for i, e in enumerate(bundle.get("entry") or []) if isinstance(e, Mapping)]
        goals = {}
        for path, r in resources:
            if isinstance(r, Mapping) and r.get("resourceType") == "Goal":
                goals[_our_identifier(r, "objective", path)] = (path, r)
        return tuple(_decode_careplan(r, goals, path) for path, r in resources
                     if isinstance(r, Mapping) and r.get("resourceType") == "CarePlan")

    result: tuple[CasePlan, ...] = _decoded("FHIR Bundle", read)
    return result


# -- validation ----------------------------------------------------------------------------


def _require() -> None:
    """Import ``fhir.resources`` or raise MissingExtraError naming the extra."""
    try:
        import fhir.resources.R4B  # noqa: F401
    except ImportError as error:
        raise MissingExtraError(
            f"fhir.resources is needed to build and validate FHIR resources; install the "
            f"fhir extra: {EXTRA}", name="fhir.resources") from error


def validate_resource(resource: Mapping[str, Any]) -> None:
    """Validate one resource: ``fhir.resources`` (R4B models), then the code systems,
    required codes and invariants ``validate_bundle`` checks.

    Raises:
        MissingExtraError: ``fhir.resources`` is not installed.
        InvalidInputError: ``resource`` is not a mapping.
        RecordStructureError: every problem found, each with its path, the resource and the
            value (``record`` is ``"FHIR <type>"``).
    """
    from practicemodel._fhir_check import resource_problems

    if not isinstance(resource, Mapping):
        raise InvalidInputError(f"'resource' must be a mapping (got {type(resource).__name__})")
    _require()
    problems = resource_problems(resource)
    if problems:
        raise RecordStructureError(problems, record=f"FHIR {resource.get('resourceType')}")


def validate_bundle(bundle: Mapping[str, Any]) -> None:
    """Validate a Bundle: ``fhir.resources`` (the R4B ``Bundle`` model and each entry's
    resource model), then what it does not check: every Coding's (and Quantity's) system is
    one this mapping uses and its code is in that system's list, the required code lists,
    the invariants gol-1, cpl-3, con-4, con-5, prr-1, per-1, rat-1, qty-3, ext-1, ele-1,
    bdl-1 to bdl-7, and that every ``urn:uuid:`` reference names an entry's ``fullUrl``.

    Raises:
        MissingExtraError: ``fhir.resources`` is not installed.
        InvalidInputError: ``bundle`` is not a mapping.
        RecordStructureError: every problem found, each with its path
            (``entry[3].resource.target[0]``), the resource and the value.
    """
    from practicemodel._fhir_check import bundle_problems

    if not isinstance(bundle, Mapping):
        raise InvalidInputError(f"'bundle' must be a mapping (got {type(bundle).__name__})")
    _require()
    problems = bundle_problems(bundle)
    if problems:
        raise RecordStructureError(problems, record="FHIR Bundle")
