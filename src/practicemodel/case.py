"""The case record: one family's case and everything recorded in it.

A [`Case`][practicemodel.case.Case] is the aggregate the converter loads and the rules read.
Everything in it refers to everything else by caller-chosen id; the case checks at
construction that every id it is given names an object in the case, that ids are unique, that
plan updates are not dated before the plan they replace, and that no event about a person is
dated before that person's birth. All problems are reported at once, each with its path.

Case types are in-home services and foster care (seeds 002, 004), because who counts as a
parent differs between them (seed 004, "Expectations").
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date
from enum import StrEnum
from typing import Any

import attrs
from attrs import validators as v

from practicemodel._checks import (
    a_date,
    check_unique,
    day_count,
    identifier,
    optional_date,
    optional_str,
    optional_text,
    order_problem,
    strings,
    to_tuple,
    tuple_of,
)
from practicemodel._describe import show
from practicemodel.assessment import (
    InstrumentAssessment,
    RiskAssessment,
    SafetyAssessment,
    StrengthsNeedsAssessment,
)
from practicemodel.caseplan import CasePlan, PlanKind, ServiceObjective
from practicemodel.connections import Connection, IcwaInquiry, RelativeSearch
from practicemodel.court import Hearing, JudicialFinding, TprException, TprOrder, TprPetition
from practicemodel.errors import InvalidRecordError, Problem, UnknownReferenceError
from practicemodel.intake import MaltreatmentReport
from practicemodel.involvement import InvolvementEvent
from practicemodel.people import Person, Relationship, StaffMember
from practicemodel.placement import RemovalEpisode
from practicemodel.services import Service
from practicemodel.staffing import SupervisoryStaffing
from practicemodel.visits import CaseworkerContact, FamilyVisit
from practicemodel.wellbeing import Screening, WellBeingNeed

__all__ = ["Case", "CaseType", "Household"]

_opt_str = optional_str


def _tuple_of(cls: type) -> Any:
    return tuple_of(cls)


class CaseType(StrEnum):
    """The two case types of seeds 002 and 004."""

    IN_HOME = "in_home"
    """In-home services: the children live at home while the family receives services."""
    FOSTER_CARE = "foster_care"
    """Foster care (out-of-home): at least one child is in the agency's care."""


@attrs.frozen(kw_only=True)
class Household:
    """A household: the people who live together (a family may span more than one)."""

    id: str = attrs.field(validator=identifier)
    """Caller-chosen identifier, unique within the case."""
    member_ids: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=strings
    )
    """Ids of the people who live in it."""
    name: str | None = attrs.field(default=None, validator=_opt_str)
    """A label, e.g. "Wilson household" or "maternal grandmother's home"."""


@attrs.frozen(kw_only=True)
class Case:
    """One child welfare case: the family, the children, and all the work recorded.

    Collections may be given in any order; the accessor methods return them in date order.
    """

    id: str = attrs.field(validator=identifier)
    """Caller-chosen case identifier."""
    case_type: CaseType = attrs.field(validator=v.instance_of(CaseType))
    """In-home services or foster care."""
    opened_on: date = attrs.field(validator=a_date)
    """Date the case was opened."""
    closed_on: date | None = attrs.field(default=None, validator=optional_date)
    """Date the case was closed (``None`` while open)."""
    closure_reason: str | None = attrs.field(default=None, validator=optional_text)
    """Why it was closed."""
    region: str = attrs.field(validator=identifier)
    """Agency region (case reviews report by region, seed 001)."""
    county: str = attrs.field(validator=identifier)
    """County."""
    caseworker_id: str = attrs.field(validator=identifier)
    """The assigned caseworker (a member of ``staff``)."""
    supervisor_id: str = attrs.field(validator=identifier)
    """The assigned supervisor (a member of ``staff``)."""
    staff: tuple[StaffMember, ...] = attrs.field(
        converter=to_tuple, validator=_tuple_of(StaffMember)
    )
    """Agency staff who appear in the record."""
    people: tuple[Person, ...] = attrs.field(converter=to_tuple, validator=_tuple_of(Person))
    """Every family member, caregiver and other person in the record."""
    child_ids: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=strings
    )
    """The children in the case (ids of ``people``)."""
    relationships: tuple[Relationship, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Relationship)
    )
    """How each adult is related to each child."""
    households: tuple[Household, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Household)
    )
    """Households."""
    removal_episodes: tuple[RemovalEpisode, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(RemovalEpisode)
    )
    """Removal episodes of children in foster care."""
    hearings: tuple[Hearing, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Hearing)
    )
    """Hearings and reviews held."""
    judicial_findings: tuple[JudicialFinding, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(JudicialFinding)
    )
    """Judicial findings."""
    tpr_petitions: tuple[TprPetition, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(TprPetition)
    )
    """Petitions to terminate parental rights."""
    tpr_orders: tuple[TprOrder, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(TprOrder)
    )
    """Orders terminating parental rights."""
    tpr_exceptions: tuple[TprException, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(TprException)
    )
    """Documented exceptions to the TPR petition requirement."""
    safety_assessments: tuple[SafetyAssessment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(SafetyAssessment)
    )
    """Safety assessments."""
    risk_assessments: tuple[RiskAssessment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(RiskAssessment)
    )
    """Risk assessments."""
    strengths_needs_assessments: tuple[StrengthsNeedsAssessment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(StrengthsNeedsAssessment)
    )
    """Family strengths and needs assessments."""
    instrument_assessments: tuple[InstrumentAssessment, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(InstrumentAssessment)
    )
    """Other named instruments."""
    plans: tuple[CasePlan, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(CasePlan)
    )
    """Case plan versions."""
    services: tuple[Service, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Service)
    )
    """Services."""
    involvement_events: tuple[InvolvementEvent, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(InvolvementEvent)
    )
    """Involvement events (the "actively involved" evidence)."""
    contacts: tuple[CaseworkerContact, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(CaseworkerContact)
    )
    """Caseworker contacts."""
    family_visits: tuple[FamilyVisit, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(FamilyVisit)
    )
    """Family visits."""
    staffings: tuple[SupervisoryStaffing, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(SupervisoryStaffing)
    )
    """Supervisory case staffings."""
    reports: tuple[MaltreatmentReport, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(MaltreatmentReport)
    )
    """Reports of maltreatment on the family's children (schema version 2)."""
    screenings: tuple[Screening, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Screening)
    )
    """Education, physical, dental and mental health screenings of the children (schema
    version 2)."""
    well_being_needs: tuple[WellBeingNeed, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(WellBeingNeed)
    )
    """The children's education and health needs and the services addressing them (schema
    version 2)."""
    connections: tuple[Connection, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(Connection)
    )
    """The children's important connections (schema version 2)."""
    icwa_inquiries: tuple[IcwaInquiry, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(IcwaInquiry)
    )
    """Inquiries whether a child is an Indian child (schema version 2)."""
    relative_searches: tuple[RelativeSearch, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_tuple_of(RelativeSearch)
    )
    """Diligent searches for the children's relatives (schema version 2)."""

    def __attrs_post_init__(self) -> None:
        problems = _CaseChecker(self).run()
        if problems:
            unknown = [p for p in problems if p.message.startswith("unknown ")]
            error = UnknownReferenceError if len(unknown) == len(problems) else InvalidRecordError
            raise error(problems)

    # -- look-ups for rules -------------------------------------------------------------

    def person(self, person_id: str) -> Person:
        """Return the person with ``person_id``.

        Raises:
            UnknownReferenceError: no such person; the message lists the known ids.
        """
        for person in self.people:
            if person.id == person_id:
                return person
        known = ", ".join(show(p.id) for p in self.people)
        raise UnknownReferenceError(
            f"unknown person id {show(person_id)} in case {show(self.id)}; known: {known}"
        )

    def children(self) -> tuple[Person, ...]:
        """Return the children in the case, in ``child_ids`` order."""
        return tuple(self.person(child_id) for child_id in self.child_ids)

    def relationships_of(self, child_id: str) -> tuple[Relationship, ...]:
        """Return every relationship of an adult (or sibling) to ``child_id``."""
        return tuple(r for r in self.relationships if r.child_id == child_id)

    def episodes_for(self, child_id: str) -> tuple[RemovalEpisode, ...]:
        """Return the child's removal episodes, earliest removal first; of two removed the
        same day, the one that ended first (an open one last), then by id, so the order
        never depends on the record's."""
        return tuple(sorted(
            (e for e in self.removal_episodes if e.child_id == child_id),
            key=lambda e: (e.removed_on, e.exit_on or date.max, e.id),
        ))

    def plans_for(self, child_id: str) -> tuple[CasePlan, ...]:
        """Return the plan versions covering ``child_id``, oldest first."""
        return tuple(sorted(
            (p for p in self.plans if child_id in p.child_ids), key=lambda p: p.completed_on
        ))

    def objectives_for(self, person_id: str) -> tuple[ServiceObjective, ...]:
        """Return the objectives about ``person_id`` across all plan versions, oldest plan first."""
        return tuple(
            o
            for plan in sorted(self.plans, key=lambda p: p.completed_on)
            for o in plan.objectives
            if person_id in o.person_ids
        )

    def services_for(self, person_id: str) -> tuple[Service, ...]:
        """Return the services provided to ``person_id``, in record order."""
        return tuple(s for s in self.services if person_id in s.person_ids)

    def involvement_of(self, person_id: str) -> tuple[InvolvementEvent, ...]:
        """Return the involvement events naming ``person_id``, earliest first."""
        return tuple(sorted(
            (e for e in self.involvement_events if person_id in e.person_ids),
            key=lambda e: e.occurred_on,
        ))

    def contacts_with(self, person_id: str) -> tuple[CaseworkerContact, ...]:
        """Return the caseworker contacts with ``person_id``, earliest first."""
        return tuple(sorted(
            (c for c in self.contacts if person_id in c.person_ids), key=lambda c: c.occurred_on
        ))

    def visits_of(self, child_id: str) -> tuple[FamilyVisit, ...]:
        """Return the family visits of ``child_id``, earliest first."""
        return tuple(sorted(
            (fv for fv in self.family_visits if fv.child_id == child_id),
            key=lambda fv: fv.scheduled_on,
        ))

    def hearings_for(self, child_id: str) -> tuple[Hearing, ...]:
        """Return the hearings about ``child_id``, earliest first."""
        return tuple(sorted(
            (h for h in self.hearings if child_id in h.child_ids), key=lambda h: h.held_on
        ))

    def findings_for(self, child_id: str) -> tuple[JudicialFinding, ...]:
        """Return the judicial findings about ``child_id``, earliest first."""
        return tuple(sorted(
            (f for f in self.judicial_findings if f.child_id == child_id),
            key=lambda f: f.made_on,
        ))


class _CaseChecker:
    """Collects every cross-reference and date problem of a case."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.problems: list[Problem] = []
        self.people = {p.id: p for p in case.people}
        self.staff = {s.id for s in case.staff}
        # (kind, id) of each unknown reference -> [index of its problem, references]
        self.unknown: dict[tuple[str, str], list[int]] = {}

    def run(self) -> list[Problem]:
        self._dates()
        self._unique()
        self._references()
        self._plans()
        self._births()
        self._unknown_references()
        return self.problems

    # -- helpers -------------------------------------------------------------------------

    def _ref(self, ident: str | None, known: Container[str], what: str, path: str) -> None:
        # One problem per unknown id, at its first reference: a mistyped id, or a child
        # left out of child_ids, would otherwise be reported once for every record naming it.
        if ident is not None and ident not in known:
            seen = self.unknown.get((what, ident))
            if seen is None:
                self.unknown[(what, ident)] = [len(self.problems), 1]
                self.problems.append(Problem(path, ""))  # worded by _unknown_references
            else:
                seen[1] += 1

    def _unknown_references(self) -> None:
        for (what, ident), (index, count) in self.unknown.items():
            notes = []
            if what == "child" and ident in self.people:
                notes.append(f"person {show(ident)} is not listed in 'child_ids'")
            if count > 1:
                notes.append(f"{count - 1} more reference{'s' if count > 2 else ''} to it")
            message = f"unknown {what} id {show(ident)}"
            if notes:
                message += f" ({'; '.join(notes)})"
            self.problems[index] = Problem(self.problems[index].path, message)

    def _refs(self, idents: Iterable[str], known: Container[str], what: str,
              path: str) -> None:
        for i, ident in enumerate(idents):
            self._ref(ident, known, what, f"{path}[{i}]")

    def _born(self, person_id: str, when: date | None, path: str) -> None:
        person = self.people.get(person_id)
        if person is None or person.birth_date is None or when is None:
            return
        if when < person.birth_date:
            self.problems.append(Problem(
                path,
                f"dated {day_count((person.birth_date - when).days)} before the birth of "
                f"person {show(person_id)}",
            ))

    # -- checks --------------------------------------------------------------------------

    def _dates(self) -> None:
        p = order_problem(self.case.opened_on, self.case.closed_on, "opened_on", "closed_on")
        if p:
            self.problems.append(p)

    def _unique(self) -> None:
        case = self.case
        add = self.problems.extend
        add(check_unique([p.id for p in case.people], "person", "people"))
        add(check_unique([s.id for s in case.staff], "staff", "staff"))
        clash = sorted(set(self.people) & self.staff)
        for ident in clash:
            self.problems.append(Problem("staff",
                                         f"id {show(ident)} names both a person and staff"))
        for name in ("households", "removal_episodes", "hearings", "judicial_findings",
                     "tpr_petitions", "tpr_orders", "tpr_exceptions", "safety_assessments",
                     "risk_assessments", "strengths_needs_assessments",
                     "instrument_assessments", "plans", "services", "involvement_events",
                     "contacts", "family_visits", "staffings", "reports", "screenings",
                     "well_being_needs", "connections", "icwa_inquiries",
                     "relative_searches"):
            items: tuple[Any, ...] = getattr(case, name)
            what = {"icwa_inquiries": "icwa_inquiry",
                    "relative_searches": "relative_search"}.get(name, name.rstrip("s"))
            add(check_unique([x.id for x in items], what, name))
        seen: set[str] = set()
        for e, episode in enumerate(case.removal_episodes):
            for i, placement in enumerate(episode.placements):
                if placement.id in seen:
                    self.problems.append(Problem(
                        f"removal_episodes[{e}].placements[{i}].id",
                        f"duplicate placement id {show(placement.id)}",
                    ))
                seen.add(placement.id)
        seen = set()
        for p, plan in enumerate(case.plans):
            for i, objective in enumerate(plan.objectives):
                if objective.id in seen:
                    self.problems.append(Problem(
                        f"plans[{p}].objectives[{i}].id",
                        f"duplicate objective id {show(objective.id)}",
                    ))
                seen.add(objective.id)

    def _references(self) -> None:
        case, people, staff = self.case, self.people, self.staff
        children = set(case.child_ids)
        self._refs(case.child_ids, people, "person", "child_ids")
        self._ref(case.caseworker_id, staff, "staff", "caseworker_id")
        self._ref(case.supervisor_id, staff, "staff", "supervisor_id")
        for i, r in enumerate(case.relationships):
            self._ref(r.adult_id, people, "person", f"relationships[{i}].adult_id")
            self._ref(r.child_id, children, "child", f"relationships[{i}].child_id")
        for i, h in enumerate(case.households):
            self._refs(h.member_ids, people, "person", f"households[{i}].member_ids")
        for i, e in enumerate(case.removal_episodes):
            where = f"removal_episodes[{i}]"
            self._ref(e.child_id, children, "child", f"{where}.child_id")
            self._refs(e.removed_from_ids, people, "person", f"{where}.removed_from_ids")
            for j, pl in enumerate(e.placements):
                self._refs(pl.caregiver_ids, people, "person",
                           f"{where}.placements[{j}].caregiver_ids")
        hearing_ids = {h.id for h in case.hearings}
        for i, hearing in enumerate(case.hearings):
            self._refs(hearing.child_ids, children, "child", f"hearings[{i}].child_ids")
        for i, f in enumerate(case.judicial_findings):
            self._ref(f.child_id, children, "child", f"judicial_findings[{i}].child_id")
            self._ref(f.hearing_id, hearing_ids, "hearing", f"judicial_findings[{i}].hearing_id")
        for i, tp in enumerate(case.tpr_petitions):
            self._ref(tp.child_id, children, "child", f"tpr_petitions[{i}].child_id")
            self._refs(tp.parent_ids, people, "person", f"tpr_petitions[{i}].parent_ids")
        for i, to in enumerate(case.tpr_orders):
            self._ref(to.child_id, children, "child", f"tpr_orders[{i}].child_id")
            self._ref(to.parent_id, people, "person", f"tpr_orders[{i}].parent_id")
        for i, te in enumerate(case.tpr_exceptions):
            self._ref(te.child_id, children, "child", f"tpr_exceptions[{i}].child_id")
        for i, sa in enumerate(case.safety_assessments):
            self._refs(sa.child_ids, children, "child", f"safety_assessments[{i}].child_ids")
            if sa.safety_plan is not None:
                self._refs(sa.safety_plan.responsible_ids, people, "person",
                           f"safety_assessments[{i}].safety_plan.responsible_ids")
        for i, sna in enumerate(case.strengths_needs_assessments):
            for j, psn in enumerate(sna.people):
                self._ref(psn.person_id, people, "person",
                          f"strengths_needs_assessments[{i}].people[{j}].person_id")
            for j, cf in enumerate(sna.contributing_factors):
                self._refs(cf.person_ids, people, "person",
                           f"strengths_needs_assessments[{i}].contributing_factors[{j}].person_ids")
        for i, ia in enumerate(case.instrument_assessments):
            self._ref(ia.person_id, people, "person", f"instrument_assessments[{i}].person_id")
        objective_ids = {o.id for plan in case.plans for o in plan.objectives}
        responsibility_ids = {r.id for plan in case.plans for r in plan.client_responsibilities}
        for i, s in enumerate(case.services):
            where = f"services[{i}]"
            self._refs(s.person_ids, people, "person", f"{where}.person_ids")
            self._refs(s.objective_ids, objective_ids, "objective", f"{where}.objective_ids")
            self._ref(s.responsibility_id, responsibility_ids, "client responsibility",
                      f"{where}.responsibility_id")
        plan_ids = {p.id for p in case.plans}
        for i, ev in enumerate(case.involvement_events):
            self._refs(ev.person_ids, people, "person", f"involvement_events[{i}].person_ids")
            self._ref(ev.plan_id, plan_ids, "plan", f"involvement_events[{i}].plan_id")
        for i, c in enumerate(case.contacts):
            self._ref(c.caseworker_id, staff, "staff", f"contacts[{i}].caseworker_id")
            self._refs(c.person_ids, people, "person", f"contacts[{i}].person_ids")
        for i, fv in enumerate(case.family_visits):
            self._ref(fv.child_id, children, "child", f"family_visits[{i}].child_id")
            self._refs(fv.visitor_ids, people, "person", f"family_visits[{i}].visitor_ids")
        for i, st in enumerate(case.staffings):
            self._ref(st.supervisor_id, staff, "staff", f"staffings[{i}].supervisor_id")
            self._ref(st.caseworker_id, staff, "staff", f"staffings[{i}].caseworker_id")
        for i, rp in enumerate(case.reports):
            self._refs(rp.child_ids, children, "child", f"reports[{i}].child_ids")
        for name in ("screenings", "well_being_needs", "connections", "icwa_inquiries",
                     "relative_searches"):
            for i, record in enumerate(getattr(case, name)):
                self._ref(record.child_id, children, "child", f"{name}[{i}].child_id")
        service_ids = {s.id for s in case.services}
        for i, need in enumerate(case.well_being_needs):
            self._refs(need.service_ids, service_ids, "service",
                       f"well_being_needs[{i}].service_ids")

    def _plans(self) -> None:
        case, people = self.case, self.people
        children = set(case.child_ids)
        by_id = {p.id: p for p in case.plans}
        assessment_ids = {a.id for a in case.safety_assessments} | {
            a.id for a in case.risk_assessments} | {
            a.id for a in case.strengths_needs_assessments} | {
            a.id for a in case.instrument_assessments}
        factor_ids: set[str] = set()
        need_ids: set[str] = set()
        strength_ids: set[str] = set()
        for sna in case.strengths_needs_assessments:
            factor_ids.update(cf.id for cf in sna.contributing_factors)
            strength_ids.update(s.id for s in sna.family_strengths)
            for psn in sna.people:
                need_ids.update(n.id for n in psn.needs)
                strength_ids.update(s.id for s in psn.strengths)
        addressable = factor_ids | need_ids
        for i, plan in enumerate(case.plans):
            where = f"plans[{i}]"
            own_objectives = {o.id for o in plan.objectives}
            if plan.replaces is not None:
                replaced = by_id.get(plan.replaces)
                if replaced is None:
                    self.problems.append(Problem(f"{where}.replaces",
                                                 f"unknown plan id {show(plan.replaces)}"))
                elif plan.completed_on < replaced.completed_on:
                    self.problems.append(Problem(
                        f"{where}.completed_on",
                        "a plan update must not be dated before the plan it replaces "
                        f"(found {day_count((replaced.completed_on - plan.completed_on).days)} "
                        f"before plan {show(replaced.id)})",
                    ))
            self._refs(plan.child_ids, children, "child", f"{where}.child_ids")
            self._refs(plan.assessment_ids, assessment_ids, "assessment",
                       f"{where}.assessment_ids")
            self._refs(plan.contributing_factor_ids, factor_ids, "contributing factor",
                       f"{where}.contributing_factor_ids")
            self._refs(plan.strength_ids, strength_ids, "strength", f"{where}.strength_ids")
            self._refs(plan.youth_chosen_member_ids, people, "person",
                       f"{where}.youth_chosen_member_ids")
            for j, pp in enumerate(plan.participants):
                self._ref(pp.person_id, people, "person", f"{where}.participants[{j}].person_id")
            for j, o in enumerate(plan.objectives):
                self._refs(o.person_ids, people, "person", f"{where}.objectives[{j}].person_ids")
                self._refs(o.addresses_ids, addressable, "contributing factor or need",
                           f"{where}.objectives[{j}].addresses_ids")
            for j, cr in enumerate(plan.client_responsibilities):
                self._refs(cr.person_ids, people, "person",
                           f"{where}.client_responsibilities[{j}].person_ids")
                self._refs(cr.objective_ids, own_objectives, "objective",
                           f"{where}.client_responsibilities[{j}].objective_ids")
            for j, cms in enumerate(plan.case_management_services):
                self._refs(cms.objective_ids, own_objectives, "objective",
                           f"{where}.case_management_services[{j}].objective_ids")
            for j, va in enumerate(plan.visitation):
                self._ref(va.child_id, children, "child", f"{where}.visitation[{j}].child_id")
                self._refs(va.visitor_ids, people, "person",
                           f"{where}.visitation[{j}].visitor_ids")
            for j, il in enumerate(plan.independent_living_services):
                self._ref(il.youth_id, children, "child",
                          f"{where}.independent_living_services[{j}].youth_id")
                self._refs(il.objective_ids, own_objectives, "objective",
                           f"{where}.independent_living_services[{j}].objective_ids")
            for j, cs in enumerate(plan.contact_schedule):
                self._ref(cs.person_id, people, "person",
                          f"{where}.contact_schedule[{j}].person_id")
            for j, pi in enumerate(plan.parent_input):
                self._ref(pi.person_id, people, "person", f"{where}.parent_input[{j}].person_id")
            for j, oh in enumerate(plan.out_of_home):
                self._ref(oh.child_id, children, "child", f"{where}.out_of_home[{j}].child_id")
        initials = [i for i, p in enumerate(case.plans) if p.kind is PlanKind.INITIAL]
        for i in initials[1:]:
            self.problems.append(Problem(
                f"plans[{i}].kind",
                f"a case has at most one initial plan (found another at plans[{initials[0]}])",
            ))

    def _births(self) -> None:
        case = self.case
        born = self._born
        for i, e in enumerate(case.removal_episodes):
            born(e.child_id, e.removed_on, f"removal_episodes[{i}].removed_on")
        for i, f in enumerate(case.judicial_findings):
            born(f.child_id, f.made_on, f"judicial_findings[{i}].made_on")
        for i, h in enumerate(case.hearings):
            for child_id in h.child_ids:
                born(child_id, h.held_on, f"hearings[{i}].held_on")
        for i, tp in enumerate(case.tpr_petitions):
            born(tp.child_id, tp.filed_on, f"tpr_petitions[{i}].filed_on")
        for i, to in enumerate(case.tpr_orders):
            born(to.child_id, to.ordered_on, f"tpr_orders[{i}].ordered_on")
        for i, r in enumerate(case.relationships):
            born(r.child_id, r.start, f"relationships[{i}].start")
            born(r.adult_id, r.start, f"relationships[{i}].start")
        for i, sna in enumerate(case.strengths_needs_assessments):
            for j, psn in enumerate(sna.people):
                born(psn.person_id, sna.completed_on,
                     f"strengths_needs_assessments[{i}].people[{j}]")
        for i, ia in enumerate(case.instrument_assessments):
            if ia.person_id is not None:
                born(ia.person_id, ia.completed_on, f"instrument_assessments[{i}].completed_on")
        for i, s in enumerate(case.services):
            first = s.referred_on or s.started_on
            for person_id in s.person_ids:
                born(person_id, first, f"services[{i}]")
        for i, ev in enumerate(case.involvement_events):
            for person_id in ev.person_ids:
                born(person_id, ev.occurred_on, f"involvement_events[{i}].occurred_on")
        for i, c in enumerate(case.contacts):
            for person_id in c.person_ids:
                born(person_id, c.occurred_on, f"contacts[{i}].occurred_on")
        for i, fv in enumerate(case.family_visits):
            for person_id in (fv.child_id, *fv.visitor_ids):
                born(person_id, fv.scheduled_on, f"family_visits[{i}].scheduled_on")

