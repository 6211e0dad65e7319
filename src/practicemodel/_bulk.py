"""The fast decoder behind bulk loading: JSON text straight to the case record's attrs objects.

[`iter_jsonl`][practicemodel.serialization.iter_jsonl] and ``practicemodel review FILE``
load each line here first; only a line this decoder cannot vouch for is loaded again by the
detailed cattrs converter ([`loads_case`][practicemodel.serialization.loads_case]), which
accepts it or reports every problem with its path. So the objects, and the errors, are
always the detailed converter's: this module only makes the common case fast. It needs
``msgspec`` (the ``fast`` extra); without it every line takes the detailed path.

How a line is decoded:

1. ``msgspec`` parses the text into *twins*: one ``msgspec.Struct`` per attrs class of the
   record, generated from the attrs fields (same names and types, tuples for arrays, a
   small ``{"value", "unit"}`` struct for a pint quantity, ``forbid_unknown_fields``, every
   optional field defaulting to ``UNSET`` so that a key left out stays distinguishable from
   a key given its default). msgspec checks in C what cattrs' strict hooks check: the kind
   of every value, ``YYYY-MM-DD`` dates, enum codes, required and unknown keys.
2. A repeated key (msgspec keeps the last value, as orjson does) is caught the way
   [`practicemodel.serialization`][practicemodel.serialization] catches it after orjson,
   against the twins' re-encoding, in which every key given appears once (``UNSET`` fields
   are left out): a line as ``dumps_case`` writes it is byte for byte that re-encoding (the
   twins list their fields in the order the detailed converter writes them); any other
   line must have as many colons as the re-encoding (outside strings a colon follows a key;
   inside strings both count the same colons) and no escaped colon (``\u003a``).
3. Generated per-class builders turn the twins into the attrs objects, bypassing
   ``__init__``: each slot is set directly, then the checks that msgspec has not already
   made run. Known validators run as inline tests that are sufficient conditions (a string
   that is printable and not blank passes ``identifier``; a date between
   ``EARLIEST_DATE`` and ``LATEST_DATE`` passes ``a_date``); when such a test fails, the
   real validator decides. A line of printable ASCII without escapes holds no string a
   string validator refuses but a blank one, so its builders only check that ids, names
   and texts are not blank. Validators that only repeat a type check msgspec made
   (``a_bool``, ``instance_of`` an enum or a class the builder built, ``tuple_of``) are
   skipped; a quantity is built and checked against its kind and range in one step
   (one that may not pass is not vouched for); every other validator and converter is
   called as attrs would call it, and every ``__attrs_post_init__`` runs, except
   ``Case``'s.
4. Instead of ``Case``'s cross-record checker (its problems are worded with paths, which is
   most of its cost), [`consistent`][practicemodel._bulk.consistent] answers only whether
   the checker would find nothing. It mirrors ``practicemodel.case._CaseChecker`` rule for
   rule; ``tests/test_bulk_decoding.py`` pins the source of the checker and of the other
   code restated here ([`mirrored`][practicemodel._bulk.mirrored]), so a change to it
   fails the tests until this module is checked against it.

Any exception on the way (msgspec's errors, a validator's, ``_Rejected``) means "not
vouched for", never "invalid": the caller then runs the detailed converter. That the two
paths accept the same documents and build equal objects is tested on the example,
synthetic and hypothesis cases and thousands of mutated documents
(``tests/test_bulk_decoding.py``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from functools import cache
from itertools import chain
from operator import attrgetter
from types import NoneType
from typing import TYPE_CHECKING, Any, get_args

import attrs

from practicemodel.caseplan import PlanKind
from practicemodel.serialization import _is_homogeneous_tuple as _is_tuple
from practicemodel.serialization import _is_optional

if TYPE_CHECKING:
    from practicemodel.case import Case

__all__ = [
    "MIRRORED_SHA256", "Decoder", "consistent", "decoder", "mirrored",
    "mirrored_sha256",
]


class _Rejected(Exception):
    """The fast path does not vouch for a record; the detailed converter decides."""


class _Unsupported(Exception):
    """The model has a field type the fast path does not know (it is then not used)."""


# -- twins ----------------------------------------------------------------------------------


def _optional_inner(tp: Any) -> Any | None:
    """``X`` for ``X | None``, else ``None``."""
    if _is_optional(tp):
        return next(a for a in get_args(tp) if a is not NoneType)
    return None


class _Generator:
    """Builds the twins and the builders' source, one attrs class at a time."""

    def __init__(self, quantity_type: type) -> None:
        import msgspec

        self.msgspec = msgspec
        self.quantity_type = quantity_type
        self.twins: dict[type, Any] = {}
        self.builders: dict[tuple[type, bool], str] = {}
        self.namespace: dict[str, Any] = {}
        self.sources: list[str] = []
        self.quantities = _Quantities()
        self.quantity_twin = msgspec.defstruct(
            "QuantityTwin", [("value", int | float), ("unit", str)],
            forbid_unknown_fields=True, gc=False, kw_only=True,
        )

    def twin_type(self, tp: Any) -> Any:
        inner = _optional_inner(tp)
        if inner is not None:
            return self.twin_type(inner) | None
        if _is_tuple(tp):
            return tuple[self.twin_type(get_args(tp)[0]), ...]  # type: ignore[misc]
        if tp is self.quantity_type:
            return self.quantity_twin
        if isinstance(tp, type) and attrs.has(tp):
            return self.twin(tp)
        if tp in (str, int, float, bool, date) or (
                isinstance(tp, type) and issubclass(tp, enum.Enum)):
            return tp
        raise _Unsupported(f"no fast decoding for fields of type {tp!r}")

    def twin(self, cls: type, extra: tuple[tuple[str, Any], ...] = ()) -> Any:
        if cls in self.twins:
            return self.twins[cls]
        msgspec = self.msgspec
        # Required fields first, then the others, each in class order: the order in which
        # the detailed converter writes them, so that a line written by ``dumps_case`` is
        # byte for byte the twins' re-encoding (see ``Decoder.decode``).
        required: list[tuple[str, Any] | tuple[str, Any, Any]] = list(extra)
        optional: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        for field in attrs.fields(cls):
            if not field.init or field.alias != field.name:
                raise _Unsupported(f"{cls.__name__}.{field.name} is not set by its name")
            twin_type = self.twin_type(field.type)
            if field.default is attrs.NOTHING:
                required.append((field.name, twin_type))
            else:
                optional.append((field.name, twin_type | msgspec.UnsetType, msgspec.UNSET))
        fields = required + optional
        twin = msgspec.defstruct(f"{cls.__name__}Twin", fields, forbid_unknown_fields=True,
                                 gc=False, kw_only=True)
        self.twins[cls] = twin
        return twin

    # -- builders -----------------------------------------------------------------------

    def name(self, prefix: str, value: Any) -> str:
        """A name in the builders' namespace bound to ``value``."""
        key = f"{prefix}_{len(self.namespace)}"
        self.namespace[key] = value
        return key

    def builder(self, cls: type, clean: bool) -> str:
        """The name of the function building ``cls`` from its twin; ``clean`` builders
        leave out the string checks (for text that cannot hold a string they refuse)."""
        if (cls, clean) in self.builders:
            return self.builders[cls, clean]
        function = f"build_{cls.__name__}{'_clean' if clean else ''}"
        self.builders[cls, clean] = function
        self.twin(cls)
        from practicemodel.case import Case

        if hasattr(cls, "__attrs_pre_init__"):
            raise _Unsupported(f"{cls.__name__} has __attrs_pre_init__")
        lines = [f"def {function}(s):", f"    o = _new({self.name('cls', cls)})"]
        checks: list[str] = []
        for index, field in enumerate(attrs.fields(cls)):
            local = f"v{index}"
            setter = self.name("set", getattr(cls, field.name).__set__)
            build, check = self.field(field, local, clean)
            if field.default is attrs.NOTHING and not build and not check:
                lines.append(f"    {setter}(o, s.{field.name})")
                continue
            lines.append(f"    {local} = s.{field.name}")
            lines.extend(f"    {line}" for line in self.defaulted(field, local, build))
            lines.append(f"    {setter}(o, {local})")
            checks.extend(check)
        lines.extend(f"    {line}" for line in checks)
        if cls is Case:
            lines.append("    if not _consistent(o):")
            lines.append("        raise _Rejected")
        elif hasattr(cls, "__attrs_post_init__"):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        self.sources.append("\n".join(lines))
        return function

    def defaulted(self, field: attrs.Attribute[Any], local: str,
                  build: list[str]) -> list[str]:
        """``build``, or the field's default where the key was left out."""
        if field.default is attrs.NOTHING:
            return build
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise _Unsupported("factory defaults")
        default = self.name("default", field.default)
        if field.converter is not None and not self.identity_converter(field):
            default = f"{self.name('conv', field.converter)}({default})"
        out = [f"if {local} is _UNSET:", f"    {local} = {default}"]
        if len(build) == 2 and build[0].startswith("if ") and build[1].startswith("    "):
            return [*out, f"el{build[0]}", build[1]]  # "if v is not None:" -> "elif ..."
        if build:
            out.append("else:")
            out.extend(f"    {line}" for line in build)
        return out

    def field(self, field: attrs.Attribute[Any], local: str,
              clean: bool) -> tuple[list[str], list[str]]:
        """Lines that build the field's value from the twin's, and lines that check it."""
        tp, validator = field.type, field.validator
        base = _optional_inner(tp) or tp
        kind = _quantity_kinds().get(validator)
        if base is self.quantity_type and kind is not None:
            # Built and checked in one step (a quantity out of kind or range is rejected).
            build = [f"{local} = {self.name('quantity', self.quantities.builder(kind))}"
                     f"({local})"]
            if base is not tp:
                build = [f"if {local} is not None:", f"    {build[0]}"]
            validator = None
        else:
            build = self.convert(tp, local, clean)
        if field.converter is not None and not self.identity_converter(field):
            build = [*build, f"{local} = {self.name('conv', field.converter)}({local})"]
        return build, self.check(field, validator, local, clean)

    def identity_converter(self, field: attrs.Attribute[Any]) -> bool:
        """Whether the field's converter returns the value msgspec decoded unchanged."""
        from practicemodel._checks import to_tuple

        converter: Any = field.converter
        tp = field.type
        if converter is to_tuple:
            return _is_tuple(tp)
        return isinstance(converter, type) and issubclass(converter, enum.Enum) and tp is converter

    def convert(self, tp: Any, local: str, clean: bool) -> list[str]:
        """Lines that turn the twin value in ``local`` into the model's value."""
        inner = _optional_inner(tp)
        if inner is not None:
            lines = self.convert(inner, local, clean)
            if not lines:
                return []
            return [f"if {local} is not None:", *(f"    {line}" for line in lines)]
        if _is_tuple(tp):
            item = get_args(tp)[0]
            if isinstance(item, type) and attrs.has(item):
                return [f"{local} = tuple(map({self.builder(item, clean)}, {local}))"]
            if item is self.quantity_type:
                raise _Unsupported("arrays of quantities")
            return []
        if tp is self.quantity_type:
            return [f"{local} = {self.name('quantity', self.quantities.build)}({local})"]
        if isinstance(tp, type) and attrs.has(tp):
            return [f"{local} = {self.builder(tp, clean)}({local})"]
        return []

    def check(self, field: attrs.Attribute[Any], validator: Any, local: str,
              clean: bool) -> list[str]:
        """Lines that run ``validator``, or a sufficient inline test of it first."""
        from practicemodel import _checks

        if validator is None or self.redundant(validator, field.type):
            return []
        if clean and validator in _string_checks():
            if validator in (_checks.identifier, _checks.text):  # printable; maybe blank
                return [f"if not {local}.strip():",
                        f"    {self.name('val', validator)}(o, {self.name('attr', field)}, "
                        f"{local})"]
            return []
        call = f"{self.name('val', validator)}(o, {self.name('attr', field)}, {local})"
        inline = {
            _checks.identifier: f"{local}.isprintable() and {local}.strip()",
            _checks.text: f"{local}.isprintable() and {local}.strip()",
            _checks.strings: f"''.join({local}).isprintable()",
            _checks.texts: f"''.join({local}).isprintable()",
            _checks.optional_str: f"{local} is None or {local}.isprintable()",
            _checks.optional_text: f"{local} is None or {local}.isprintable()",
            _checks.a_date: f"_EARLIEST <= {local} <= _LATEST",
            _checks.optional_date: f"{local} is None or _EARLIEST <= {local} <= _LATEST",
        }.get(validator)
        if inline is None:
            return [call]
        return [f"if not ({inline}):", f"    {call}"]

    def redundant(self, validator: Any, tp: Any) -> bool:
        """Whether ``validator`` only repeats a check msgspec or the builders made."""
        from practicemodel import _checks

        if validator in (_checks.a_bool, _checks.optional_bool):
            return tp in (bool, bool | None)
        inner = _optional_inner(tp)
        optional = type(validator).__name__ == "_OptionalValidator"
        if optional:
            if inner is None:
                return False
            validator, tp = validator.validator, inner
        if type(validator).__name__ == "_InstanceOfValidator":
            return validator.type is tp and isinstance(tp, type) and (
                attrs.has(tp) or issubclass(tp, enum.Enum))
        code = getattr(validator, "__code__", None)
        if code is not None and code is _checks.tuple_of(object).__code__ and _is_tuple(tp):
            cells = dict(zip(code.co_freevars, validator.__closure__ or (), strict=True))
            item = get_args(tp)[0]
            cell = cells.get("cls")
            return cell is not None and cell.cell_contents is item and isinstance(item, type) \
                and (attrs.has(item) or issubclass(item, enum.Enum))
        return False


def _string_checks() -> tuple[Any, ...]:
    from practicemodel import _checks

    return (_checks.identifier, _checks.text, _checks.strings, _checks.texts,
            _checks.optional_str, _checks.optional_text)


@cache
def _quantity_kinds() -> dict[Any, str]:
    """The quantity validators of the model and the kind each checks."""
    from practicemodel import services, visits

    return {visits._duration: "duration", services._dosage: "dosage"}


# -- quantities -----------------------------------------------------------------------------


class _Quantities:
    """Pint quantities built as ``practicemodel.units.quantity`` builds them, faster.

    A quantity holds its magnitude and its unit's container, which ``units.quantity`` takes
    from a cached pint unit, so every quantity of one unit string shares it. Here the first
    quantity of a unit string is built by ``units.quantity`` itself (which checks the unit
    string) and the next ones copy its attributes with their own magnitude; the test suite
    compares both ways attribute for attribute.
    """

    def __init__(self) -> None:
        from practicemodel.units import quantity, registry

        self.quantity = quantity
        self.type = registry().Quantity
        self.units: dict[str, tuple[Any, str | None, float]] = {}

    def unit(self, unit: str) -> tuple[Any, str | None, float]:
        """The units container of ``unit``, its kind and its factor (see ``units._measure``)."""
        from practicemodel.units import _measure

        prototype = self.quantity(1, unit)
        if set(vars(prototype)) != {"_magnitude", "_units"}:
            raise _Unsupported("pint quantities hold more than a magnitude and units")
        kind, factor = _measure(prototype._units)
        found = (prototype._units, kind, factor)
        if len(self.units) < 1024:
            self.units[unit] = found
        return found

    def build(self, twin: Any) -> Any:
        """The quantity of a twin (for a quantity field of no known kind)."""
        found = self.units.get(twin.unit) or self.unit(twin.unit)
        made = object.__new__(self.type)
        made._magnitude = twin.value  # as pint's own __new__ sets them (a shared-keys dict)
        made._units = found[0]
        return made

    def builder(self, kind: str) -> Callable[[Any], Any]:
        """Build a quantity and check it as ``units.check_quantity(q, kind)`` would, in one
        step; a quantity that may not pass is rejected (the detailed path then decides)."""
        from practicemodel.units import MAX_DOSAGE_PER_DAY, MAX_DURATION_HOURS

        high = float(MAX_DURATION_HOURS if kind == "duration" else MAX_DOSAGE_PER_DAY)
        units, unit, quantity_type, new = self.units, self.unit, self.type, object.__new__

        def build(twin: Any) -> Any:
            found = units.get(twin.unit) or unit(twin.unit)
            magnitude = twin.value
            if found[1] != kind or not 0.0 < magnitude * found[2] <= high:
                raise _Rejected
            made = new(quantity_type)
            made._magnitude = magnitude
            made._units = found[0]
            return made

        return build


# -- the case-wide checks, as a yes or no ---------------------------------------------------

_id = attrgetter("id")
_child_id = attrgetter("child_id")
_person_id = attrgetter("person_id")
_chain = chain.from_iterable


def consistent(case: Case) -> bool:
    """Whether ``practicemodel.case._CaseChecker(case).run()`` would find no problem.

    The same checks, section by section, answering only yes or no: no path or message is
    built, and ids and references are checked a set at a time. (``tests/test_bulk_decoding.py``
    pins the checker's source: change both together.)
    """
    c = case
    # _dates
    if c.closed_on is not None and c.closed_on < c.opened_on:
        return False
    # _unique: ids unique in the whole case imply every uniqueness the checker asks for
    # (people, staff, people and staff apart, each collection, placements, objectives).
    people = {p.id: p for p in c.people}
    staff = set(map(_id, c.staff))
    episodes, plans, snas = c.removal_episodes, c.plans, c.strengths_needs_assessments
    collections = (c.households, episodes, c.hearings, c.judicial_findings, c.tpr_petitions,
                   c.tpr_orders, c.tpr_exceptions, c.safety_assessments, c.risk_assessments,
                   snas, c.instrument_assessments, plans, c.services, c.involvement_events,
                   c.contacts, c.family_visits, c.staffings, c.reports, c.screenings,
                   c.well_being_needs, c.connections, c.icwa_inquiries, c.relative_searches)
    placements = [p for e in episodes for p in e.placements]
    objectives = [o for plan in plans for o in plan.objectives]
    ids = [*people, *staff, *map(_id, _chain(collections)), *map(_id, placements),
           *map(_id, objectives)]
    if (len(set(ids)) != len(ids) or len(people) != len(c.people)
            or len(staff) != len(c.staff)) and not _unique_apart(
                people, staff, c, collections, placements, objectives):
        return False
    # _references: every reference to a person, a child, a staff member... gathered into
    # one set per kind of target
    children = set(c.child_ids)
    if not children.issubset(people):
        return False
    persons: set[str | None] = set()
    add, update = persons.add, persons.update
    kids: set[str] = set()
    for r in c.relationships:
        add(r.adult_id)
        kids.add(r.child_id)
    for h in c.households:
        update(h.member_ids)
    for e in episodes:
        update(e.removed_from_ids)
        kids.add(e.child_id)
    for pl in placements:
        update(pl.caregiver_ids)
    if c.hearings:
        for hearing in c.hearings:
            kids.update(hearing.child_ids)
    if c.judicial_findings:
        kids.update(map(_child_id, c.judicial_findings))
        hearings: set[str | None] = set(map(_id, c.hearings))
        hearings.add(None)
        if not hearings.issuperset(map(attrgetter("hearing_id"), c.judicial_findings)):
            return False
    if c.tpr_petitions or c.tpr_orders or c.tpr_exceptions:
        for tp in c.tpr_petitions:
            update(tp.parent_ids)
            kids.add(tp.child_id)
        for to in c.tpr_orders:
            add(to.parent_id)
            kids.add(to.child_id)
        kids.update(map(_child_id, c.tpr_exceptions))
    for sa in c.safety_assessments:
        kids.update(sa.child_ids)
        if sa.safety_plan is not None:
            update(sa.safety_plan.responsible_ids)
    for sna in snas:
        update(map(_person_id, sna.people))
        for cf in sna.contributing_factors:
            update(cf.person_ids)
    for ia in c.instrument_assessments:
        add(ia.person_id)  # None: no reference
    if c.services:
        objective_ids = set(map(_id, objectives))
        responsibilities: set[str | None] = {
            r.id for plan in plans for r in plan.client_responsibilities}
        responsibilities.add(None)
        for sv in c.services:
            update(sv.person_ids)
            if sv.responsibility_id not in responsibilities or (
                    sv.objective_ids and not objective_ids.issuperset(sv.objective_ids)):
                return False
    if c.involvement_events:
        plan_ids: set[str | None] = set(map(_id, plans))
        plan_ids.add(None)
        for ev in c.involvement_events:
            update(ev.person_ids)
            if ev.plan_id not in plan_ids:
                return False
    for rp in c.reports:
        kids.update(rp.child_ids)
    for records in (c.screenings, c.well_being_needs, c.connections, c.icwa_inquiries,
                    c.relative_searches):
        kids.update(map(_child_id, records))
    if c.well_being_needs:
        service_ids = set(map(_id, c.services))
        for need in c.well_being_needs:
            if not service_ids.issuperset(need.service_ids):
                return False
    workers: set[str | None] = {c.caseworker_id, c.supervisor_id}
    for ct in c.contacts:
        update(ct.person_ids)
        workers.add(ct.caseworker_id)
    for fv in c.family_visits:
        update(fv.visitor_ids)
        kids.add(fv.child_id)
    for st in c.staffings:
        workers.add(st.supervisor_id)
        workers.add(st.caseworker_id)  # None: no reference
    workers.discard(None)
    if not workers.issubset(staff):
        return False
    # _plans (their references to people and children join the sets above)
    if plans and not _plans_consistent(c, persons, kids):
        return False
    persons.discard(None)
    if not persons.issubset(people) or not kids.issubset(children):
        return False
    # _births
    return _births_consistent(c, people)


def _unique_apart(people: dict[str, Any], staff: set[str], c: Case,
                  collections: tuple[tuple[Any, ...], ...], placements: list[Any],
                  objectives: list[Any]) -> bool:
    """The checker's uniqueness rules one by one (some id is used in two places)."""
    if len(people) != len(c.people) or len(staff) != len(c.staff):
        return False
    if not staff.isdisjoint(people):
        return False
    for items in (*collections, placements, objectives):
        if len(set(map(_id, items))) != len(items):
            return False
    return True


def _plans_consistent(c: Case, persons: set[str | None], kids: set[str]) -> bool:
    """The checks of ``_CaseChecker._plans``; references to people and children are added
    to ``persons`` and ``kids`` for the caller to check."""
    plans = c.plans
    by_id = {p.id: p for p in plans} if len(plans) > 1 else {}
    known: dict[str, set[str]] | None = None  # the ids plans may refer to, on first need
    update = persons.update
    initials = 0
    for plan in plans:
        if plan.replaces is not None:
            replaced = by_id.get(plan.replaces)
            if replaced is None or plan.completed_on < replaced.completed_on:
                return False
        kids.update(plan.child_ids)
        objectives = plan.objectives
        addresses = [a for o in objectives for a in o.addresses_ids]
        if plan.assessment_ids or plan.contributing_factor_ids or plan.strength_ids or addresses:
            if known is None:
                known = _plan_targets(c)
            if not (known["assessment"].issuperset(plan.assessment_ids)
                    and known["factor"].issuperset(plan.contributing_factor_ids)
                    and known["strength"].issuperset(plan.strength_ids)
                    and known["addressable"].issuperset(addresses)):
                return False
        for pp in plan.participants:
            persons.add(pp.person_id)
        update(plan.youth_chosen_member_ids)
        for o in objectives:
            update(o.person_ids)
        responsibilities = plan.client_responsibilities
        for cr in responsibilities:
            update(cr.person_ids)
        for va in plan.visitation:
            update(va.visitor_ids)
            kids.add(va.child_id)
        if plan.contact_schedule or plan.parent_input:
            update(map(_person_id, plan.contact_schedule))
            update(map(_person_id, plan.parent_input))
        if plan.independent_living_services or plan.out_of_home:
            kids.update(map(attrgetter("youth_id"), plan.independent_living_services))
            kids.update(map(_child_id, plan.out_of_home))
        if responsibilities or plan.case_management_services or \
                plan.independent_living_services:
            own = set(map(_id, objectives))
            for many in (responsibilities, plan.case_management_services,
                         plan.independent_living_services):
                for item in many:
                    if not own.issuperset(item.objective_ids):
                        return False
        if plan.kind is _INITIAL:
            initials += 1
    return initials <= 1


def _plan_targets(c: Case) -> dict[str, set[str]]:
    """The assessments, contributing factors, strengths and needs plans may refer to."""
    snas = c.strengths_needs_assessments
    factor_ids = set(map(_id, _chain(map(_factors, snas))))
    strength_ids = set(map(_id, _chain(map(_strengths, snas))))
    need_ids: set[str] = set()
    for sna in snas:
        for psn in sna.people:
            need_ids.update(map(_id, psn.needs))
            strength_ids.update(map(_id, psn.strengths))
    assessment_ids = set(map(_id, chain(c.safety_assessments, c.risk_assessments, snas,
                                        c.instrument_assessments)))
    return {"assessment": assessment_ids, "factor": factor_ids, "strength": strength_ids,
            "addressable": factor_ids | need_ids}


_factors = attrgetter("contributing_factors")
_strengths = attrgetter("family_strengths")
_INITIAL = PlanKind.INITIAL


def _births_consistent(c: Case, people: dict[str, Any]) -> bool:
    births = [p.birth_date for p in people.values() if p.birth_date is not None]
    if not births:
        return True
    # Every event dated on or after the latest birth in the case: nothing to check one by one.
    if min(_event_dates(c), default=_LATEST_DAY) >= max(births):
        return True
    born = {pid: p.birth_date for pid, p in people.items() if p.birth_date is not None}
    get = born.get

    def before(person_id: str, when: date | None) -> bool:
        birth = get(person_id)
        return birth is not None and when is not None and when < birth

    for items, when in ((c.removal_episodes, _dated["removed_on"]),
                        (c.judicial_findings, _dated["made_on"]),
                        (c.tpr_petitions, _dated["filed_on"]),
                        (c.tpr_orders, _dated["ordered_on"])):
        for item in items:
            if before(item.child_id, when(item)):
                return False
    for h in c.hearings:
        for child_id in h.child_ids:
            if before(child_id, h.held_on):
                return False
    for r in c.relationships:
        if before(r.child_id, r.start) or before(r.adult_id, r.start):
            return False
    for sna in c.strengths_needs_assessments:
        for psn in sna.people:
            if before(psn.person_id, sna.completed_on):
                return False
    for ia in c.instrument_assessments:
        if ia.person_id is not None and before(ia.person_id, ia.completed_on):
            return False
    for s in c.services:
        first = s.referred_on or s.started_on
        for person_id in s.person_ids:
            if before(person_id, first):
                return False
    for ev in c.involvement_events:
        for person_id in ev.person_ids:
            if before(person_id, ev.occurred_on):
                return False
    for ct in c.contacts:
        for person_id in ct.person_ids:
            if before(person_id, ct.occurred_on):
                return False
    for fv in c.family_visits:
        for person_id in (fv.child_id, *fv.visitor_ids):
            if before(person_id, fv.scheduled_on):
                return False
    return True


_LATEST_DAY = date.max


_dated = {name: attrgetter(name) for name in (
    "removed_on", "made_on", "held_on", "filed_on", "ordered_on", "start", "completed_on",
    "occurred_on", "scheduled_on")}


def _event_dates(c: Case) -> list[date]:
    """Every date ``_births_consistent`` compares with a birth (and perhaps more)."""
    g = _dated
    dates = [*map(g["removed_on"], c.removal_episodes), *map(g["made_on"], c.judicial_findings),
             *map(g["held_on"], c.hearings), *map(g["filed_on"], c.tpr_petitions),
             *map(g["ordered_on"], c.tpr_orders),
             *filter(None, map(g["start"], c.relationships)),
             *map(g["completed_on"], c.strengths_needs_assessments),
             *map(g["completed_on"], c.instrument_assessments),
             *map(g["occurred_on"], c.involvement_events), *map(g["occurred_on"], c.contacts),
             *map(g["scheduled_on"], c.family_visits)]
    for s in c.services:
        first = s.referred_on or s.started_on
        if first is not None:
            dates.append(first)
    return dates


# -- what the fast path mirrors --------------------------------------------------------------


def mirrored() -> tuple[Any, ...]:
    """The library code whose rules the fast path restates or relies on.

    ``consistent`` restates ``Case``'s checker; the quantity builder restates
    ``units.quantity`` and ``units.check_quantity`` (called by the two quantity validators);
    the inline string and date tests are sufficient conditions of the validators in
    ``_checks``, and the builders skip ``a_bool``, ``optional_bool`` and ``tuple_of`` as
    repeated type checks. ``tests/test_bulk_decoding.py`` compares a hash of their source
    with [`MIRRORED_SHA256`][practicemodel._bulk.MIRRORED_SHA256]: when one of them changes,
    check this module against it, then update the hash.
    """
    from practicemodel import _checks, services, units, visits
    from practicemodel.case import Case, _CaseChecker

    return (Case.__attrs_post_init__, _CaseChecker, units.quantity, units.check_quantity,
            units._measure, visits._duration, services._dosage, _checks.identifier,
            _checks.text, _checks.strings, _checks.texts, _checks.optional_str,
            _checks.optional_text, _checks.a_date, _checks.optional_date, _checks.a_bool,
            _checks.optional_bool, _checks.tuple_of, _checks.to_tuple)


def mirrored_sha256() -> str:
    """The hash of the source of [`mirrored`][practicemodel._bulk.mirrored]'s objects."""
    import hashlib
    import inspect

    digest = hashlib.sha256()
    for obj in mirrored():
        digest.update(inspect.getsource(inspect.unwrap(obj)).encode())
    return digest.hexdigest()


MIRRORED_SHA256 = "bddbf1092af87e66fddcba50be245d16cd194a2d5e974f5cb7910b45a5f72d24"
"""[`mirrored_sha256`][practicemodel._bulk.mirrored_sha256] when this module was last checked
against the code it mirrors."""


# -- the decoder ----------------------------------------------------------------------------


class Decoder:
    """JSON text of a case record to a ``Case``, or an exception (see the module notes)."""

    def __init__(self) -> None:
        import msgspec
        from pint import Quantity

        from practicemodel.case import Case
        from practicemodel.migrations import _fast_versions
        from practicemodel.periods import EARLIEST_DATE, LATEST_DATE
        from practicemodel.serialization import model_classes

        model_classes()  # resolves the annotations (Quantity) of every class
        generator = _Generator(Quantity)
        twin = generator.twin(Case, extra=(("schema_version", str),))
        checked, clean = generator.builder(Case, False), generator.builder(Case, True)
        namespace = generator.namespace
        namespace.update({
            "_new": object.__new__, "_UNSET": msgspec.UNSET, "_Rejected": _Rejected,
            "_consistent": consistent, "_EARLIEST": EARLIEST_DATE, "_LATEST": LATEST_DATE,
        })
        self.source = "\n\n".join(generator.sources)
        exec(self.source, namespace)  # our own generated code
        self._build: Callable[[Any], Case] = namespace[checked]
        self._build_clean: Callable[[Any], Case] = namespace[clean]
        self._decode = msgspec.json.Decoder(twin).decode
        self._encode = msgspec.json.Encoder().encode
        # The versions read here (see practicemodel.migrations): the current one, and each
        # older one whose migration only adds fields, with the fields it must not hold.
        self._versions = _fast_versions()
        self._unset = msgspec.UNSET

    def decode(self, text: str | bytes) -> Case:
        """Build the case of ``text``; any exception means "let the detailed path decide"."""
        twin = self._decode(text)
        # Any other version, or a field newer than the record's version: migrate decides.
        added = self._versions.get(twin.schema_version)
        if added is None or any(getattr(twin, name) is not self._unset for name in added):
            raise _Rejected
        raw = text.encode() if isinstance(text, str) else text
        encoded = self._encode(twin)
        # A repeated key. A line as ``dumps_case`` writes it is byte for byte the twins'
        # re-encoding, which has each key given exactly once. Otherwise the line has more
        # key-value pairs (colons outside strings) than the twins, whose re-encoding leaves
        # out the keys not given (UNSET); inside strings both count the same colons, unless
        # the text escapes one (\u003a), which could hide a repeated key: such text is left
        # to the detailed path.
        if encoded != raw.rstrip(b" \t\r\n") and (
                raw.count(b":") != encoded.count(b":") or (b"\\" in raw and b"\\u003" in raw)):
            raise _Rejected
        # Printable ASCII without escapes holds no string a string check refuses but a blank
        # one: the clean builders check only that ids, names and texts are not blank.
        if raw.isascii() and b"\\" not in raw and b"\x7f" not in raw:
            return self._build_clean(twin)
        return self._build(twin)


@cache
def decoder() -> Decoder | None:
    """The fast decoder, or ``None`` where ``msgspec`` is not installed (or the model has a
    field the fast decoder does not know, which the test suite reports)."""
    try:
        import msgspec  # noqa: F401
    except ImportError:
        return None
    try:
        return Decoder()
    except _Unsupported:
        return None
