"""Write synthetic case records as JSON Lines for the load benchmark.

Usage (from the repository root)::

    python benchmarks/make_data.py         # 20,000 small records -> benchmarks/data/cases.jsonl
    python benchmarks/make_data.py --size full --out benchmarks/data/cases-full.jsonl
    python benchmarks/make_data.py --n 100000 --seed 7 --out /tmp/cases.jsonl
    python benchmarks/make_data.py --size synthetic --n 2000 --out benchmarks/data/cases-syn.jsonl

Four families, chosen with ``--size``. Three start every record from one template:

- ``small`` (default, about 3.7 KB of JSON): the ``full`` family cut down towards the record
  size the figures and goals in ``PERFORMANCE.md`` were measured with (~2.5 KB) while keeping
  every level of nesting: one child, the mother, a relative foster parent, one removal
  episode with two placements, a hearing, a finding, a strengths-and-needs assessment with a
  need and a contributing factor, one plan with one objective (with a ``Period``) and a
  visitation arrangement (with a ``Frequency``), one service with dosage, two contacts with
  durations, a family visit, an involvement event and a staffing;
- ``full`` (about 11 KB): the representative family the benchmark brief asked for: two
  children, two parents, a relative foster parent, an episode with two placements, two
  hearings, findings, assessments with needs and contributing factors, two plan versions with
  three objectives each, four services with dosage, ten contacts with durations, eight family
  visits, six involvement events, six staffings;
- ``example`` (about 32 KB): the shipped Wilson family,
  ``practicemodel.example.load_example()``, which uses nearly every part of the model.

The ``small`` and ``full`` families are built here from the public model classes.

The fourth, ``synthetic`` (about 34 KB on average, 6-120 KB), has no template: record ``i`` is
case ``i`` of ``practicemodel.synthetic.generate_cases(n, seed=seed)`` with the default
``SyntheticParameters``, written as is. It is the family to benchmark the rules and the review
on, because its records vary the way a caseload does: four regions of three counties,
in-home and foster care cases (55% foster care), one to four children, re-entries and trial
home visits, S.M.A.R.T. and activity-worded objectives, visits with gaps, fathers less
involved than mothers, plans updated or not. So every review item gets Strengths, Areas
Needing Improvement and Not Applicable ratings (``rules_benchmark.py`` reports the mix). The
template families, varied only in ids, dates, names and counts, all sit in one region and
rate alike: every ``full`` record is rated Area Needing Improvement on eight items and Not
Applicable on the ninth (concurrent planning), so a rules benchmark on them could be fast for
the wrong reason.

Each template record is varied deterministically from ``--seed`` and its line number, in ways
that keep every invariant true:

- every id gets a per-record suffix, ``.`` and the record number in base 36 (consistently,
  so references still resolve);
- every date moves by the same random number of days (orders are preserved);
- people, staff and household names are drawn from name lists;
- durations and dosages get new magnitudes;
- where there are more than two, 0-2 caseworker contacts, family visits, involvement events
  and staffings are dropped (nothing in the record refers to those by id), so record sizes
  vary.

Each varied record is loaded with ``practicemodel.load_case`` (detailed validation) and written
with ``practicemodel.dumps_case(case, indent=None)``, so every line is a valid case record (the
synthetic family's cases are valid as drawn, and written the same way).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import practicemodel
from practicemodel import Case

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data" / "cases.jsonl"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DROPPABLE = ("contacts", "family_visits", "involvement_events", "staffings")

_FIRST = (
    "Ava", "Liam", "Maya", "Noah", "Zoe", "Eli", "Ruth", "Owen", "Nia", "Jude", "Iris", "Omar",
    "Lena", "Cole", "Tess", "Abel", "Rosa", "Finn", "June", "Amir", "Cleo", "Reid", "Vera", "Kai",
)
_LAST = (
    "Wilson", "Harper", "Reyes", "Nguyen", "Brooks", "Turner", "Okafor", "Larsen", "Patel",
    "Dubois", "Haddad", "Moreno", "Fischer", "Tanaka", "Kowalski", "Jensen", "Abara", "Quinn",
)


# -- the built-in template family ----------------------------------------------------------


def build_template(size: str = "full") -> Case:
    """Build one representative foster care case from the public model classes.

    ``size="full"``: two children, two parents, a relative foster parent, one removal episode
    with two placements, two hearings, two findings, safety, risk and strengths-and-needs
    assessments, two plan versions with three objectives each, four services with dosage, ten
    contacts with durations, eight family visits, six involvement events, six staffings
    (about 11 KB of JSON). ``size="small"``: the same family cut down to about 3.7 KB (see the
    module docstring), nearer the record size the goals in ``PERFORMANCE.md`` were set with.
    """
    from practicemodel.assessment import (
        ContributingFactor,
        Need,
        PersonStrengthsNeeds,
        RiskAssessment,
        RiskLevel,
        SafetyAssessment,
        SafetyDecision,
        SafetyPlan,
        Strength,
        StrengthsNeedsAssessment,
    )
    from practicemodel.case import CaseType, Household
    from practicemodel.caseplan import (
        CasePlan,
        ClientResponsibility,
        ContactScheduleEntry,
        Frequency,
        Participation,
        PermanencyGoal,
        PlanKind,
        PlanParticipant,
        ServiceObjective,
        Supervision,
        VisitationArrangement,
        VisitorKind,
    )
    from practicemodel.court import FindingKind, Hearing, HearingKind, JudicialFinding
    from practicemodel.involvement import (
        InvolvementActivity,
        InvolvementEvent,
        InvolvementSetting,
    )
    from practicemodel.people import (
        FosterHome,
        ParentRole,
        Person,
        Relationship,
        RelationshipKind,
        Sex,
        StaffMember,
        StaffRole,
    )
    from practicemodel.periods import Period
    from practicemodel.placement import Placement, PlacementSetting, RemovalEpisode, RemovalManner
    from practicemodel.services import Service, ServiceCategory, ServiceStatus
    from practicemodel.staffing import StaffingTopic, SupervisoryStaffing
    from practicemodel.units import quantity
    from practicemodel.visits import (
        CaseworkerContact,
        ContactLocation,
        ContactMode,
        ContactTopic,
        FamilyVisit,
        FamilyVisitStatus,
    )

    d = date.fromisoformat
    small = size == "small"
    monthly = Frequency(times=1, per=Period(1, "months"))
    weekly = Frequency(times=1, per=Period(1, "weeks"))
    act = InvolvementActivity
    parents = ("m1",) if small else ("m1", "f1")
    children = ("c1",) if small else ("c1", "c2")

    staff = (
        StaffMember(id="w1", name="Dana Cole", role=StaffRole.CASEWORKER),
        StaffMember(id="s1", name="Lee Park", role=StaffRole.SUPERVISOR),
    )
    people = tuple(p for p in (
        Person(id="c1", name="Ava Wilson", birth_date=d("2016-02-29"), sex=Sex.FEMALE),
        Person(id="c2", name="Eli Wilson", birth_date=d("2019-07-04"), sex=Sex.MALE),
        Person(id="m1", name="Rosa Wilson", birth_date=d("1990-05-12"), sex=Sex.FEMALE),
        Person(id="f1", name="Omar Wilson", birth_date=d("1988-11-02"), sex=Sex.MALE),
        Person(id="g1", name="June Harper", birth_date=d("1961-03-20"), sex=Sex.FEMALE),
    ) if p.id in (*parents, *children, "g1"))
    relationships = tuple(
        r
        for child in children
        for r in (
            Relationship(adult_id="m1", child_id=child, kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.MOTHER, primary_caregiver=True,
                         removed_from=True),
            Relationship(adult_id="f1", child_id=child, kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=ParentRole.FATHER, wishes_to_be_involved=True),
            Relationship(adult_id="g1", child_id=child, kind=RelationshipKind.FOSTER_PARENT,
                         foster_home=FosterHome(related=True, licensed=True),
                         start=d("2025-03-20")),
        )
        if not small or r.adult_id in ("m1", "g1")
    )
    episode = RemovalEpisode(
        id="e1", child_id="c1", removed_on=d("2025-03-03"), manner=RemovalManner.COURT_ORDERED,
        removed_from_ids=("m1",), first_abuse_neglect_finding_on=d("2025-04-14"),
        placements=(
            Placement(id="pl1", setting=PlacementSetting.FOSTER_FAMILY_NON_RELATIVE,
                      start=d("2025-03-03"), end=d("2025-03-20"), provider="Bright Homes"),
            Placement(id="pl2", setting=PlacementSetting.FOSTER_FAMILY_RELATIVE,
                      start=d("2025-03-20"), caregiver_ids=("g1",)),
        ),
    )
    hearings = (
        Hearing(id="h1", kind=HearingKind.ADJUDICATION, held_on=d("2025-04-14"),
                child_ids=("c1",)),
        Hearing(id="h2", kind=HearingKind.PERIODIC_REVIEW, held_on=d("2025-09-30"),
                child_ids=("c1",)),
    )[:1 if small else 2]
    findings = (
        JudicialFinding(id="j1", kind=FindingKind.ABUSE_OR_NEGLECT, made_on=d("2025-04-14"),
                        child_id="c1", hearing_id="h1"),
        JudicialFinding(id="j2", kind=FindingKind.REASONABLE_EFFORTS_TO_PREVENT_REMOVAL,
                        made_on=d("2025-04-14"), child_id="c1", hearing_id="h1"),
    )[:1 if small else 2]
    safety = () if small else (
        SafetyAssessment(id="sa1", completed_on=d("2025-03-03"), child_ids=("c1", "c2"),
                         decision=SafetyDecision.CONDITIONALLY_SAFE,
                         safety_plan=SafetyPlan(id="sp1", start=d("2025-03-03"),
                                                provisions=("No unsupervised contact",),
                                                responsible_ids=("f1",))),
    )
    risk = () if small else (
        RiskAssessment(id="ra1", completed_on=d("2025-03-10"), level=RiskLevel.HIGH),)
    mother = PersonStrengthsNeeds(
        person_id="m1",
        needs=(Need(id="n1", description="Sobriety", priority=True),
               Need(id="n2", description="Stable housing"))[:1 if small else 2],
    )
    child = PersonStrengthsNeeds(person_id="c1",
                                 strengths=(Strength(id="st1", description="Loves school"),),
                                 needs=(Need(id="n3", description="Counseling"),))
    sna = (
        StrengthsNeedsAssessment(
            id="sn1", completed_on=d("2025-03-25"),
            people=(mother,) if small else (mother, child),
            contributing_factors=(
                ContributingFactor(id="cf1", description="Alcohol use", person_ids=("m1",),
                                   underlying=True),
                ContributingFactor(id="cf2", description="Housing loss", person_ids=("m1",)),
            )[:1 if small else 2],
            family_strengths=() if small else (
                Strength(id="st2", description="Grandmother's support"),),
        ),
    )

    def objectives(suffix: str) -> tuple[ServiceObjective, ...]:
        return (
            ServiceObjective(id=f"o{suffix}1", statement="Mother stays sober",
                             person_ids=("m1",), measure="Clean tests",
                             timeframe=Period(6, "months"), addresses_ids=("cf1", "n1")),
            ServiceObjective(id=f"o{suffix}2", statement="Mother has a safe home",
                             person_ids=("m1",), due_on=d("2025-12-31"),
                             addresses_ids=("cf1",) if small else ("cf2", "n2")),
            ServiceObjective(id=f"o{suffix}3", statement="Ava copes with feelings",
                             person_ids=("c1",), addresses_ids=("n3",)),
        )[:1 if small else 3]

    plans = (
        CasePlan(
            id="cp1", kind=PlanKind.INITIAL, completed_on=d("2025-04-01"), child_ids=("c1",),
            participants=tuple(
                PlanParticipant(person_id=parent, participation=Participation.IN_PERSON,
                                signed=True)
                for parent in parents),
            permanency_goal=PermanencyGoal.RETURN_HOME,
            concurrent_goal=PermanencyGoal.LEGAL_GUARDIANSHIP,
            assessment_ids=("sn1",), contributing_factor_ids=("cf1",) if small else ("cf1", "cf2"),
            objectives=objectives("a"),
            client_responsibilities=() if small else (
                ClientResponsibility(id="cr1", description="Attend treatment",
                                     person_ids=("m1",), objective_ids=("oa1",),
                                     frequency=weekly),
            ),
            visitation=(VisitationArrangement(id="va1", child_id="c1", visitor_ids=("m1",),
                                              visitor_kind=VisitorKind.PARENT,
                                              frequency=weekly,
                                              supervision=Supervision.SUPERVISED),),
            contact_schedule=() if small else (
                ContactScheduleEntry(person_id="c1", frequency=monthly),),
        ),
        CasePlan(
            id="cp2", kind=PlanKind.UPDATE, completed_on=d("2025-09-25"), replaces="cp1",
            child_ids=("c1",), permanency_goal=PermanencyGoal.RETURN_HOME,
            assessment_ids=("sn1",), objectives=objectives("b"),
        ),
    )[:1 if small else 2]
    services = (
        Service(id="sv1", category=ServiceCategory.SUBSTANCE_USE_TREATMENT, person_ids=("m1",),
                objective_ids=("oa1",), status=ServiceStatus.ACTIVE,
                referred_on=d("2025-04-02"), started_on=d("2025-04-20"),
                dosage=quantity(3, "hour / week")),
        Service(id="sv2", category=ServiceCategory.HOUSING, person_ids=("m1",),
                objective_ids=("oa2",), status=ServiceStatus.WAITLISTED,
                referred_on=d("2025-04-02"), waitlisted_on=d("2025-04-10"),
                dosage=quantity(1, "session / month")),
        Service(id="sv3", category=ServiceCategory.MENTAL_HEALTH, person_ids=("c1",),
                objective_ids=("oa3",), status=ServiceStatus.ACTIVE,
                referred_on=d("2025-04-05"), started_on=d("2025-05-01"),
                dosage=quantity(1, "hour / week")),
        Service(id="sv4", category=ServiceCategory.RESPITE, person_ids=("g1",),
                status=ServiceStatus.COMPLETED, started_on=d("2025-06-01"),
                ended_on=d("2025-08-01"), dosage=quantity(8, "hour / month")),
    )[:1 if small else 4]
    involvement = tuple(
        InvolvementEvent(id=f"iv{i}", occurred_on=d("2025-03-25") + timedelta(days=30 * i),
                         person_ids=parents if i % 2 else ("m1",),
                         activities=(act.GOALS, act.EVALUATING_PROGRESS) if i else
                         (act.STRENGTHS_AND_NEEDS,),
                         setting=InvolvementSetting.FAMILY_TEAM_MEETING, plan_id="cp1")
        for i in range(1 if small else 6)
    )
    contacts = tuple(
        CaseworkerContact(id=f"ct{i}", occurred_on=d("2025-03-05") + timedelta(days=28 * i),
                          caseworker_id="w1", person_ids=("c1", "g1") if i % 2 else ("m1",),
                          mode=ContactMode.IN_PERSON,
                          location=ContactLocation.CHILD_RESIDENCE if i % 2 else
                          ContactLocation.OFFICE,
                          duration=quantity(40 + i, "minute"),
                          private_with_ids=("c1",) if i % 2 else (),
                          topics=(ContactTopic.SAFETY, ContactTopic.WELL_BEING))
        for i in range(2 if small else 10)
    )
    visits = tuple(
        FamilyVisit(id=f"fv{i}", child_id="c1", visitor_ids=("m1",),
                    visitor_kind=VisitorKind.PARENT,
                    scheduled_on=d("2025-04-04") + timedelta(days=14 * i),
                    status=FamilyVisitStatus.HELD if i % 4 else
                    FamilyVisitStatus.MISSED_BY_VISITOR,
                    supervision=Supervision.SUPERVISED, duration=quantity(60, "minute"))
        for i in range(1 if small else 8)
    )
    staffings = tuple(
        SupervisoryStaffing(id=f"sf{i}", held_on=d("2025-03-15") + timedelta(days=30 * i),
                            supervisor_id="s1", caseworker_id="w1",
                            topics=(StaffingTopic.CASEWORKER_CONTACTS,
                                    StaffingTopic.SAFETY_AND_RISK))
        for i in range(1 if small else 6)
    )
    return Case(
        id="case1", case_type=CaseType.FOSTER_CARE, opened_on=d("2025-03-01"), region="North",
        county="Lee", caseworker_id="w1", supervisor_id="s1", staff=staff, people=people,
        child_ids=children, relationships=relationships,
        households=() if small else (
            Household(id="hh1", member_ids=("m1", "c2"), name="Wilson home"),),
        removal_episodes=(episode,), hearings=hearings, judicial_findings=findings,
        safety_assessments=safety, risk_assessments=risk, strengths_needs_assessments=sna,
        plans=plans, services=services, involvement_events=involvement, contacts=contacts,
        family_visits=visits, staffings=staffings,
    )


def load_template(size: str) -> Case:
    """Return the template case for ``size``: ``small``, ``full`` or ``example``."""
    if size == "example":
        from practicemodel.example import load_example

        return load_example()
    return build_template(size)


# -- per-record variation -----------------------------------------------------------------


def _is_id_key(key: str) -> bool:
    return key in ("id", "replaces") or key.endswith(("_id", "_ids"))


def _vary(node: Any, rng: random.Random, tag: str, shift: timedelta, names: dict[str, str],
          *, key: str = "") -> Any:
    """Return a varied deep copy of a dumped case dict."""
    if isinstance(node, dict):
        if set(node) == {"value", "unit"}:  # a quantity
            value = node["value"]
            factor = rng.choice((0.5, 0.75, 1, 1.25, 1.5, 2))
            new = round(value * factor) if isinstance(value, int) else value * factor
            return {"value": new or value, "unit": node["unit"]}
        out = {}
        for k, v in node.items():
            if k == "name" and isinstance(v, str):
                out[k] = names.setdefault(v, _name(rng, v))
            else:
                out[k] = _vary(v, rng, tag, shift, names, key=k)
        return out
    if isinstance(node, list):
        return [_vary(item, rng, tag, shift, names, key=key) for item in node]
    if isinstance(node, str):
        if _is_id_key(key):
            return f"{node}.{tag}"
        if _DATE.match(node):
            return (date.fromisoformat(node) + shift).isoformat()
    return node


def _name(rng: random.Random, old: str) -> str:
    if " " not in old:  # a label, not a person's name
        return old
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def vary(template: dict[str, Any], number: int, seed: int) -> dict[str, Any]:
    """Return record ``number`` of the data set: ``template`` varied deterministically."""
    rng = random.Random(seed * 1_000_003 + number)
    shift = timedelta(days=rng.randrange(-1500, 300))
    body = _vary(template, rng, _base36(number), shift, {})
    body["id"] = f"case-{number:07d}"
    for name in _DROPPABLE:
        items = body.get(name)
        if items and len(items) > 2:
            for _ in range(rng.randrange(3)):
                items.pop(rng.randrange(len(items)))
    return body


def synthetic_lines(n: int, seed: int) -> Iterator[str]:
    """The ``synthetic`` family: case ``i`` of ``generate_cases(n, seed=seed)``, one JSON line
    each (without the newline)."""
    from practicemodel.synthetic import generate_cases

    for case in generate_cases(n, seed=seed):
        yield practicemodel.dumps_case(case, indent=None)


def template_lines(size: str, n: int, seed: int) -> Iterator[str]:
    """A template family (``small``, ``full`` or ``example``): ``n`` varied records, one JSON
    line each (without the newline)."""
    template = practicemodel.dump_case(load_template(size))
    for number in range(n):
        case = practicemodel.load_case(vary(template, number, seed), source=f"record {number}")
        yield practicemodel.dumps_case(case, indent=None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="records to write (20,000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output ({DEFAULT_OUT})")
    parser.add_argument("--size", choices=("small", "full", "example", "synthetic"),
                        default="small",
                        help="family: small (~3.7 KB, default), full (~11 KB), example "
                             "(practicemodel.example, ~32 KB) or synthetic "
                             "(practicemodel.synthetic.generate_cases, ~34 KB on average)")
    args = parser.parse_args(argv)

    lines = (synthetic_lines(args.n, args.seed) if args.size == "synthetic"
             else template_lines(args.size, args.n, args.seed))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    total = 0
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            total += len(line.encode()) + 1
            out.write(line)
            out.write("\n")
    elapsed = time.perf_counter() - started
    kind = "generator" if args.size == "synthetic" else "template"
    print(f"wrote {args.n:,} case records ({args.size} {kind}) to {args.out}")
    print(f"  {total / 1e6:.1f} MB, {total / max(args.n, 1):,.0f} bytes per record on average, "
          f"{elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
