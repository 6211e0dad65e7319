"""The Permanency Outcome 2 rules of ``siblings.*``, ``connections.*``, ``relatives.*`` and
``parent_child.*`` (CFSR Round 3 items 7, 9, 10, 11): hand-worked cases and laws.

Every family here is fictional. The Birch family: Kit and Pip, children of Mia (mother) and
Ned (father), both removed from their parents on 2025-01-10; Gran Birch is a related foster
parent, Fay Moss an unrelated one. Cases are looked at on 2026-01-10, so the period under
review runs from 2025-01-11 to 2026-01-10.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cfsr_fixtures import ANI, NA, NAR, NM, NR, D, M, S, episode, fictional_case
from practicemodel.case import Case, CaseType
from practicemodel.checks import check_case
from practicemodel.components import PracticeComponent
from practicemodel.connections import (
    Connection,
    ConnectionKind,
    FamilySide,
    IcwaInquiry,
    RelativeSearch,
)
from practicemodel.court import Hearing, HearingKind
from practicemodel.example import load_example
from practicemodel.findings import Finding, Outcome
from practicemodel.involvement import (
    InvolvementActivity,
    InvolvementEvent,
    InvolvementSetting,
)
from practicemodel.people import (
    FosterHome,
    ParentalRights,
    ParentRole,
    Person,
    Relationship,
    RelationshipKind,
    TribalAffiliation,
)
from practicemodel.placement import Placement, PlacementSetting
from practicemodel.policy import FEDERAL, MS
from practicemodel.review import ReviewItem, ReviewRating
from practicemodel.rules import connections, get_rule, parent_child, relatives, select, siblings
from practicemodel.services import Service, ServiceCategory, ServiceStatus
from practicemodel.strategies import cases

REMOVED = D(2025, 1, 10)
AS_OF = D(2026, 1, 10)
START = D(2025, 1, 11)
REL = PlacementSetting.FOSTER_FAMILY_RELATIVE
NON = PlacementSetting.FOSTER_FAMILY_NON_RELATIVE
_C = PracticeComponent.PRESERVING_CONNECTIONS


def _item(family: str) -> ReviewItem:
    return ReviewItem(code=family, name=family, components=(_C,), source="test",
                      rules=(f"{family}.*",))


ITEM_7, ITEM_9, ITEM_10, ITEM_11 = map(_item, ("siblings", "connections", "relatives",
                                              "parent_child"))


def _at(ident: str, start: date, end: date | None = None, *, home: str = "gran",
        **more: object) -> Placement:
    setting = REL if home == "gran" else NON
    return Placement(id=ident, setting=setting, start=start, end=end, caregiver_ids=(home,),
                     **more)  # type: ignore[arg-type]


def _case(kit: Iterable[Placement] = (), pip: Iterable[Placement] | None = None, *,
          removed_on: date = REMOVED, people: Iterable[Person] = (),
          relationships: Iterable[Relationship] = (), **more: object) -> Case:
    """The Birch family; Kit in ``kit`` (at Gran's by default), Pip in ``pip`` (not removed
    when ``None``)."""
    kit = tuple(kit) or (_at("pl-kit", removed_on),)
    episodes = [episode("ep-kit", "kit", removed_on, kit, removed_from_ids=("mia", "ned"))]
    if pip is not None:
        episodes.append(episode("ep-pip", "pip", removed_on, pip,
                                removed_from_ids=("mia", "ned")))
    mine = {p.id: p for p in people}
    everyone = {pid: mine.get(pid, Person(id=pid, name=name)) for pid, name in (
        ("kit", "Kit Birch"), ("pip", "Pip Birch"), ("mia", "Mia Birch"), ("ned", "Ned Birch"),
        ("gran", "Gran Birch"), ("fay", "Fay Moss"))}
    rels = [Relationship(adult_id=parent, child_id=child, kind=RelationshipKind.BIOLOGICAL_PARENT,
                         parent_role=role, removed_from=True)
            for parent, role in (("mia", ParentRole.MOTHER), ("ned", ParentRole.FATHER))
            for child in ("kit", "pip")]
    rels += [Relationship(adult_id=carer, child_id=child, kind=RelationshipKind.FOSTER_PARENT,
                          foster_home=FosterHome(related=carer == "gran", licensed=True))
             for carer in ("gran", "fay") for child in ("kit", "pip")]
    given_rels = tuple(relationships)
    if given_rels:
        rels = [r for r in rels if (r.adult_id, r.child_id) not in
                {(g.adult_id, g.child_id) for g in given_rels}] + list(given_rels)
    return fictional_case(
        "birch-1", case_type=CaseType.FOSTER_CARE, opened_on=D(2024, 1, 2),
        people=everyone.values(), child_ids=("kit", "pip"), relationships=tuple(rels),
        removal_episodes=tuple(episodes), **more)


def _run(case: Case, family: str, as_of: date = AS_OF) -> list[Finding]:
    return list(check_case(case, policy=FEDERAL, as_of=as_of, rules=[f"{family}.*"]))


def _of(found: list[Finding], rule: str, child_id: str = "kit") -> list[Outcome]:
    return [f.outcome for f in found if f.rule == rule and f.child_id == child_id]


def _fact(finding: Finding, label: str) -> object:
    return next(f.value for f in finding.facts if f.label == label)


# -- the registry ---------------------------------------------------------------------------


def test_the_families_are_registered_for_items_7_9_10_11() -> None:
    """Each family's rules bear on its CFSR item and cite the onsite review instrument."""
    found = {r.id: r.cfsr_items for r in select("siblings.*", "connections.*", "relatives.*",
                                                 "parent_child.*")}
    assert found == {
        "siblings.placed_together": (7,), "connections.maintained": (9,),
        "connections.icwa_inquiry": (9,), "connections.tribe_notified": (9,),
        "connections.icwa_preferences": (9,), "relatives.placement": (10,),
        "relatives.search": (10,), "parent_child.relationship_supported": (11,)}
    assert siblings.__all__ == ["placed_together"]
    assert sorted(connections.__all__) == ["icwa_inquiry", "icwa_preferences", "maintained",
                                           "tribe_notified"]
    assert relatives.__all__ == ["placement", "search"]
    assert parent_child.__all__ == ["relationship_supported"]


# -- item 7: siblings.placed_together -------------------------------------------------------


def test_siblings_placed_together_are_a_strength() -> None:
    """CFSR Round 3 onsite review instrument, item 7 A: placed with all siblings in care."""
    found = _run(_case(pip=[_at("pl-pip", REMOVED)]), "siblings")
    assert [f.outcome for f in found] == [M, M]
    assert ITEM_7.rate(found).rating is S


def test_siblings_apart_without_a_reason_are_an_area_needing_improvement() -> None:
    """Item 7: A = B = No is an ANI; a recorded needs-based reason (B) on either child's
    placement makes it a Strength for both."""
    apart = _case(pip=[_at("pl-pip", REMOVED, home="fay")])
    found = _run(apart, "siblings")
    assert [f.outcome for f in found] == [NM, NM]
    assert ITEM_7.rate(found).rating is ANI
    reason = _case(pip=[_at("pl-pip", REMOVED, home="fay",
                            sibling_separation_reason="Pip needs a therapeutic home")])
    found = _run(reason, "siblings")
    assert [f.outcome for f in found] == [M, M]
    assert ITEM_7.rate(found).rating is S


def test_no_sibling_in_care_is_not_applicable() -> None:
    """Item 7 is NA without a sibling in foster care in the period; children who share no
    parent are no siblings."""
    assert ITEM_7.rate(_run(_case(), "siblings")).rating is NAR
    strangers = _case(pip=[_at("pl-pip", REMOVED, home="fay")], relationships=[
        Relationship(adult_id="ned", child_id="pip", kind=RelationshipKind.OTHER_RELATIVE),
        Relationship(adult_id="mia", child_id="pip", kind=RelationshipKind.OTHER_RELATIVE)])
    assert ITEM_7.rate(_run(strangers, "siblings")).rating is NAR


def test_a_half_sibling_or_a_recorded_sibling_counts() -> None:
    """Item 7: a sibling shares a parent (one is enough), or is recorded as a sibling."""
    half = _case(pip=[_at("pl-pip", REMOVED, home="fay")], relationships=[
        Relationship(adult_id="mia", child_id="pip", kind=RelationshipKind.OTHER_RELATIVE)])
    assert [f.outcome for f in _run(half, "siblings")] == [NM, NM]
    recorded = _case(pip=[_at("pl-pip", REMOVED, home="fay")], relationships=[
        Relationship(adult_id=p, child_id="pip", kind=RelationshipKind.OTHER_RELATIVE)
        for p in ("mia", "ned")] + [
        Relationship(adult_id="pip", child_id="kit", kind=RelationshipKind.SIBLING)])
    assert [f.outcome for f in _run(recorded, "siblings")] == [NM, NM]


def test_a_separation_counts_from_the_first_day_of_the_period() -> None:
    """Item 7 looks at the period: apart until the day before it began is together; apart
    on its first day (2025-01-11) is not."""
    def joined(on: date) -> Case:
        return _case(pip=[_at("pl-pip-1", D(2024, 6, 1), on - timedelta(days=1), home="fay"),
                          _at("pl-pip-2", on)],
                     kit=[_at("pl-kit", D(2024, 6, 1))], removed_on=D(2024, 6, 1))
    assert [f.outcome for f in _run(joined(START), "siblings")] == [M, M]
    assert [f.outcome for f in _run(joined(START + timedelta(days=1)), "siblings")] == [NM, NM]


# -- item 9: connections.* ------------------------------------------------------------------


def _connected(*kept: bool | None) -> tuple[Connection, ...]:
    return tuple(Connection(id=f"cn-{n}", child_id="kit", kind=ConnectionKind.FAITH,
                            maintained=value, identified_on=D(2025, 2, 1))
                 for n, value in enumerate(kept))


def test_connections_kept_up_are_a_strength() -> None:
    """Item 9: A = Yes, C and D NA (no reason to know of an Indian child) is a Strength; the
    inquiry (B) is recorded, not rated."""
    case = _case(connections=_connected(True, True), icwa_inquiries=(
        IcwaInquiry(id="icwa-1", child_id="kit", made_on=D(2025, 1, 12), reason_to_know=False),))
    found = _run(case, "connections")
    assert _of(found, "connections.maintained") == [M]
    assert _of(found, "connections.icwa_inquiry") == [M]
    assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is S


def test_a_connection_not_kept_up_is_an_area_needing_improvement() -> None:
    """Item 9 A = No is an ANI; upkeep not recorded, or no connection recorded, needs
    review (the item applies to nearly every foster care case)."""
    for kept, outcome in (((True, False), NM), ((True, None), NR), ((), NR)):
        found = _run(_case(connections=_connected(*kept)), "connections")
        assert _of(found, "connections.maintained") == [outcome]
        assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is ANI


def test_the_inquiry_is_recorded_not_rated() -> None:
    """Item 9 B is recorded, not rated: no inquiry is not applicable, never not met."""
    found = _run(_case(connections=_connected(True)), "connections")
    assert _of(found, "connections.icwa_inquiry") == [NA]
    assert "recorded, not rated" in next(
        f.explanation for f in found if f.rule == "connections.icwa_inquiry")
    assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is S


def _indian(notified_on: date | None, *, kind: HearingKind = HearingKind.ADJUDICATION,
            met: bool | None = True) -> Case:
    """Kit, with reason to know he is an Indian child (Tribe: the fictional Cedar River
    Band); an adjudication on 2025-03-20."""
    kit = Person(id="kit", name="Kit Birch", tribal_affiliation=TribalAffiliation(
        tribe="Cedar River Band", eligible_for_membership=True, tribe_notified_on=notified_on))
    return _case(kit=[_at("pl-kit", REMOVED, icwa_preferences_met=met)], people=[kit],
                 connections=_connected(True),
                 hearings=(Hearing(id="h-1", kind=kind, held_on=D(2025, 3, 20),
                                   child_ids=("kit",)),))


def test_the_tribe_notified_ten_days_before_the_proceeding() -> None:
    """Item 9 C; 25 USC 1912(a): notice at least 10 days before the proceeding (2025-03-10
    for a hearing on 2025-03-20) is Yes, a day later No."""
    found = _run(_indian(D(2025, 3, 10)), "connections")
    assert _of(found, "connections.tribe_notified") == [M]
    assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is S
    found = _run(_indian(D(2025, 3, 11)), "connections")
    assert _of(found, "connections.tribe_notified") == [NM]
    assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is ANI
    assert _of(_run(_indian(None), "connections"), "connections.tribe_notified") == [NM]


def test_notice_days_are_a_profile_setting() -> None:
    """The 10 days are ``policy.tribe_notice_days``."""
    case = _indian(D(2025, 3, 11))
    nine = attrs.evolve(FEDERAL, tribe_notice_days=9)
    (finding,) = [f for f in get_rule("connections.tribe_notified").check(
        case, policy=nine, as_of=AS_OF) if f.child_id == "kit"]
    assert finding.outcome is M


def test_an_emergency_hearing_is_not_the_proceeding() -> None:
    """25 USC 1922: an emergency (shelter) hearing, kind ``other``, is not counted; before
    the first proceeding C cannot be judged."""
    found = _run(_indian(None, kind=HearingKind.OTHER), "connections")
    assert _of(found, "connections.tribe_notified") == [NA]


def test_the_icwa_placement_preferences() -> None:
    """Item 9 D; 25 USC 1915: followed is Yes, not followed No, not recorded for a
    reviewer; NA for a child with no reason to know."""
    for met, outcome, rating in ((True, M, S), (False, NM, ANI), (None, NR, ANI)):
        found = _run(_indian(D(2025, 3, 1), met=met), "connections")
        assert _of(found, "connections.icwa_preferences") == [outcome]
        assert ITEM_9.rate(f for f in found if f.child_id == "kit").rating is rating
    assert _of(_run(_case(), "connections"), "connections.icwa_preferences") == [NA]


def test_a_reason_to_know_from_an_inquiry() -> None:
    """25 CFR 23.107(c): an inquiry that gave reason to know brings C and D in."""
    case = _case(icwa_inquiries=(IcwaInquiry(id="q", child_id="kit", made_on=D(2025, 1, 11),
                                             reason_to_know=True),),
                 hearings=(Hearing(id="h-1", kind=HearingKind.ADJUDICATION,
                                   held_on=D(2025, 3, 20), child_ids=("kit",)),))
    found = _run(case, "connections")
    assert _of(found, "connections.tribe_notified") == [NM]
    assert _of(found, "connections.icwa_preferences") == [NR]


# -- item 10: relatives.* -------------------------------------------------------------------


def _search(side: FamilySide, on: date, found: int = 2, notified: int = 2) -> RelativeSearch:
    return RelativeSearch(id=f"rs-{side.value}", child_id="kit", side=side, completed_on=on,
                          relatives_found=found, relatives_notified=notified)


def _searched(maternal: date | None, paternal: date | None, **more: int) -> Case:
    searches = [_search(side, on, **more) for side, on in (
        (FamilySide.MATERNAL, maternal), (FamilySide.PATERNAL, paternal)) if on is not None]
    return _case(kit=[_at("pl-kit", REMOVED, home="fay")], relative_searches=tuple(searches))


def _item_10(case: Case, as_of: date = AS_OF) -> tuple[list[Outcome], ReviewRating]:
    found = [f for f in _run(case, "relatives", as_of) if f.child_id == "kit"]
    return [f.outcome for f in found], ITEM_10.rate(found).rating


def test_a_stable_relative_placement_is_a_strength() -> None:
    """CFSR item 10: A1 = A2 = Yes is a Strength whatever B and C say."""
    assert _item_10(_case()) == ([M, NA], S)


def test_a_relative_search_on_both_sides_is_a_strength() -> None:
    """Item 10: not with a relative, but B and C Yes, is a Strength; searches of both sides
    that found no relative leave the relatives unknown after a documented search: the item is
    Not Applicable (CFSR Round 3 onsite review instrument, item 10 applicability)."""
    assert _item_10(_searched(D(2025, 1, 20), D(2025, 2, 1))) == ([NA, M], S)
    assert _item_10(_searched(D(2025, 1, 20), D(2025, 2, 1), found=0, notified=0)) == \
        ([NA, NA], NAR)


def test_a_side_not_searched_is_an_area_needing_improvement() -> None:
    """Item 10: A1 No and C No is an ANI; relatives found and none informed is No too."""
    assert _item_10(_searched(D(2025, 1, 20), None)) == ([NA, NM], ANI)
    assert _item_10(_searched(D(2025, 1, 20), D(2025, 1, 20), notified=0)) == ([NA, NM], ANI)


def test_an_unstable_relative_placement_turns_on_the_search() -> None:
    """Item 10 A2: a relative placement at risk is not Yes, so B and C decide."""
    case = _case(kit=[_at("pl-kit", REMOVED, at_risk=True)])
    assert _item_10(case) == ([NA, NM], ANI)


def test_the_search_is_due_within_thirty_days_of_removal() -> None:
    """42 USC 671(a)(29): relatives notified within 30 days of removal (by 2025-02-09): on
    that day is Yes, a day later No; before the days run out nothing is due."""
    due = REMOVED + timedelta(days=30)
    assert _item_10(_searched(due, due)) == ([NA, M], S)
    assert _item_10(_searched(due, due + timedelta(days=1))) == ([NA, NM], ANI)
    assert _item_10(_searched(None, None), due) == ([NA, NA], NAR)
    assert _item_10(_searched(None, None), due + timedelta(days=1)) == ([NA, NM], ANI)
    assert _item_10(_searched(D(2025, 1, 20), None), due) == ([NA, M], S)


def test_a_removal_before_the_period_judges_the_period_s_search() -> None:
    """When the 30 days ended before the period, a search completed by ``as_of`` counts."""
    case = attrs.evolve(_searched(D(2025, 6, 1), D(2025, 6, 1)), removal_episodes=(
        episode("ep-kit", "kit", D(2024, 5, 1), (_at("pl-kit", D(2024, 5, 1), home="fay"),)),))
    assert _item_10(case) == ([NA, M], S)


# -- item 11: parent_child.relationship_supported -------------------------------------------


def _together(parent: str, child: str = "kit", *, ended_on: date | None = None,
              category: ServiceCategory = ServiceCategory.FAMILY_COUNSELING) -> Service:
    return Service(id=f"svc-{parent}-{child}", category=category, person_ids=(parent, child),
                   status=ServiceStatus.ACTIVE, referred_on=D(2024, 12, 1),
                   started_on=D(2024, 12, 10), ended_on=ended_on)


def _item_11(case: Case) -> tuple[dict[str, Outcome], ReviewRating]:
    found = [f for f in _run(case, "parent_child") if f.child_id == "kit"]
    return {f.subject_id: f.outcome for f in found}, ITEM_11.rate(found).rating


def test_efforts_with_both_parents_are_a_strength() -> None:
    """CFSR item 11: both Yes is a Strength (family counseling with the mother, the father
    at the child's medical appointments)."""
    case = _case(services=(_together("mia"),
                           _together("ned", category=ServiceCategory.MEDICAL)))
    assert _item_11(case) == ({"mia": M, "ned": M}, S)


def test_no_effort_with_one_parent_is_an_area_needing_improvement() -> None:
    """Item 11: either No is an ANI."""
    assert _item_11(_case(services=(_together("mia"),))) == ({"mia": M, "ned": NM}, ANI)


def test_a_parent_out_of_scope_is_not_applicable() -> None:
    """Item 11: one Yes, the other NA is a Strength; a parent whose whereabouts are unknown,
    or whose rights were terminated for the whole period, is NA; a recorded reason to keep
    involving a parent after TPR keeps the parent in scope; both out of scope is NA."""
    lost = Person(id="ned", name="Ned Birch", whereabouts_known=False)
    case = _case(services=(_together("mia"),), people=[lost])
    assert _item_11(case) == ({"mia": M, "ned": NA}, S)

    def tpr(on: date, reason: str | None = None) -> Relationship:
        return Relationship(adult_id="ned", child_id="kit",
                            kind=RelationshipKind.BIOLOGICAL_PARENT,
                            parent_role=ParentRole.FATHER, removed_from=True,
                            parental_rights=ParentalRights(terminated_on=on,
                                                           continued_involvement_reason=reason))
    assert _item_11(_case(services=(_together("mia"),), relationships=[tpr(START)]))[0] == \
        {"mia": M, "ned": NA}
    assert _item_11(_case(services=(_together("mia"),),
                          relationships=[tpr(START + timedelta(days=1))]))[0]["ned"] is NM
    assert _item_11(_case(services=(_together("mia"),),
                          relationships=[tpr(START, "keeps a bond")]))[0]["ned"] is NM
    gone = Person(id="mia", name="Mia Birch", deceased_on=D(2024, 12, 1))
    assert _item_11(_case(people=[lost, gone]))[1] is NAR


def test_a_meeting_with_parent_and_child_is_an_effort() -> None:
    """Item 11: the parent's part in the child's case conferences counts."""
    meeting = InvolvementEvent(id="inv-1", occurred_on=D(2025, 3, 1), person_ids=("ned", "kit"),
                               activities=(InvolvementActivity.CASE_PLANNING_MEETING,),
                               setting=InvolvementSetting.CASE_PLANNING_MEETING)
    assert _item_11(_case(services=(_together("mia"),), involvement_events=(meeting,))) == \
        ({"mia": M, "ned": M}, S)


def test_an_effort_counts_through_the_first_day_of_the_period() -> None:
    """A service that ended on the period's first day (2025-01-11) counts; the day before,
    it does not."""
    assert _item_11(_case(services=(_together("mia", ended_on=START),)))[0]["mia"] is M
    assert _item_11(_case(services=(_together("mia", ended_on=START - timedelta(days=1)),)
                          ))[0]["mia"] is NM


# -- the example ----------------------------------------------------------------------------


def test_the_example() -> None:
    """The Wilsons on 2026-11-22: Leo's first two weeks apart from Ava with no reason make
    item 7 an ANI; both live with their grandmother (item 10 a Strength); no connection is
    recorded (item 9 needs review); only Dana and Ava met together in a planning meeting
    (item 11 an ANI)."""
    found = check_case(load_example(), policy=MS, as_of=D(2026, 11, 22),
                       rules=["siblings.*", "connections.*", "relatives.*",
                              "parent_child.*"])
    assert ITEM_7.rate(found).rating is ANI
    assert ITEM_9.rate(found).rating is ANI
    assert ITEM_10.rate(found).rating is S
    assert ITEM_11.rate(found).rating is ANI
    assert {(f.child_id, f.subject_id): f.outcome for f in found
            if f.rule == "parent_child.relationship_supported"} == {
        ("ava", "dana"): M, ("ava", "marcus"): NM, ("leo", "dana"): NM, ("leo", "marcus"): NM}


# -- laws -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(case=cases(), as_of=st.dates(D(1998, 1, 1), D(2100, 12, 31)))
def test_laws(case: Case, as_of: date) -> None:
    """The mappings that keep the generic item rule exact: the inquiry is never not met;
    a relative placement is never not met, and when met the search is not applicable;
    every child has one finding of each child rule."""
    found = check_case(case, policy=FEDERAL, as_of=as_of,
                       rules=["siblings.*", "connections.*", "relatives.*"])
    children = list(dict.fromkeys(case.child_ids))
    for rule in ("siblings.placed_together", "connections.maintained",
                 "connections.icwa_inquiry", "connections.tribe_notified",
                 "connections.icwa_preferences", "relatives.placement", "relatives.search"):
        assert [f.child_id for f in found if f.rule == rule] == children
    assert all(f.outcome in (M, NA) for f in found
               if f.rule in ("connections.icwa_inquiry", "relatives.placement"))
    placed = {f.child_id for f in found if f.rule == "relatives.placement" and f.outcome is M}
    assert all(f.outcome is NA for f in found
               if f.rule == "relatives.search" and f.child_id in placed)


@settings(max_examples=40, deadline=None)
@given(notice=st.integers(0, 70), earlier=st.integers(0, 30))
def test_earlier_notice_never_hurts(notice: int, earlier: int) -> None:
    """25 USC 1912(a): notifying the Tribe earlier never turns a timely notice late."""
    later = REMOVED + timedelta(days=notice)
    sooner = later - timedelta(days=earlier)
    if sooner < REMOVED:
        return
    before = _of(_run(_indian(later), "connections"), "connections.tribe_notified")
    after = _of(_run(_indian(sooner), "connections"), "connections.tribe_notified")
    assert not (before == [M] and after == [NM])
