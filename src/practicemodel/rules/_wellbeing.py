"""Helpers the well-being rule modules share (education, health, mental_health: CFSR Round 3
items 16 to 18): the children the items cover in the period under review (foster care or
in-home), a child's open needs and screenings, and the services question every item asks
(each need had a linked service started, or was met, within ``need_service_days``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from practicemodel.case import Case
from practicemodel.findings import Explanation, Finding, Outcome
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules._placements import episodes_in_period
from practicemodel.rules._plans import _name
from practicemodel.rules._shared import by_rule
from practicemodel.rules._visiting import _facts
from practicemodel.rules._visiting import _finding as _base_finding
from practicemodel.services import Service
from practicemodel.wellbeing import Screening, WellBeingArea, WellBeingNeed

M, NM, NA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE


# -- the children the items cover ---------------------------------------------------------


class _Child(NamedTuple):
    """One child of the case as the well-being items see it."""

    child_id: str
    name: str
    review: str | None
    """``"foster care"`` or ``"in-home"``; ``None`` when the items do not cover the child."""
    why_out: str
    """Why the items do not cover the child (empty when they do)."""
    start: date
    """The first day of the period under review."""
    last_day: date
    """The last day judged: the exit from care (or case closure) if by ``as_of``, else
    ``as_of``."""
    episode_id: str | None
    removed_on: date | None


def _children(case: Case, policy: PolicyProfile, as_of: date) -> list[_Child]:
    """The case's children, each with the review that covers it (foster care or in-home)."""
    start = review_period_start(as_of, policy.review_period_months)
    episodes = {}
    for child_id in dict.fromkeys(case.child_ids):
        begun = episodes_in_period(case, child_id, start, as_of)
        episodes[child_id] = begun[-1] if begun else None  # the latest
    foster = any(e is not None for e in episodes.values())
    closed = case.closed_on if case.closed_on is not None and case.closed_on <= as_of else None
    open_in_period = case.opened_on <= as_of and (closed is None or closed >= start)
    children = []
    for child_id, episode in episodes.items():
        name = _name(case, child_id)
        if foster and episode is not None:
            exit_on = episode.exit_on
            last_day = exit_on if exit_on is not None and exit_on <= as_of else as_of
            children.append(_Child(child_id, name, "foster care", "", start, last_day,
                                   episode.id, episode.removed_on))
        elif foster:
            children.append(_Child(
                child_id, name, None, f"{name} was not in foster care in the period under "
                "review; in a foster care case the well-being items rate the children in "
                "care", start, as_of, None, None))
        elif open_in_period:
            children.append(_Child(child_id, name, "in-home", "", start, closed or as_of,
                                   None, None))
        else:
            children.append(_Child(
                child_id, name, None, f"the case was not open in the period under review, "
                f"and {name} was not in foster care in it", start, as_of, None, None))
    return children


def _open_needs(case: Case, child: _Child, areas: frozenset[WellBeingArea],
                as_of: date) -> list[WellBeingNeed]:
    """The child's needs in ``areas`` identified by the last day judged and not met before
    the period under review, by the day identified."""
    return sorted((n for n in case.well_being_needs
                   if n.child_id == child.child_id and n.area in areas
                   and n.identified_on <= child.last_day
                   and (n.met_on is None or n.met_on > as_of or n.met_on >= child.start)),
                  key=lambda n: (n.identified_on, n.id))


def _screenings(case: Case, child: _Child, area: WellBeingArea) -> list[Screening]:
    """The child's screenings in ``area`` completed by the last day judged, oldest first."""
    return sorted((s for s in case.screenings if s.child_id == child.child_id
                   and s.area is area and s.completed_on <= child.last_day),
                  key=lambda s: (s.completed_on, s.id))


def _finding(rule: str, outcome: Outcome, subject_id: str, child_id: str,
             explain: Callable[..., Explanation], args: tuple[object, ...]) -> Finding:
    return _base_finding(rule, outcome, subject_id, explain, *args, child_id=child_id)


def _out_words(item: str, what: str, name: str, why_out: str, start: date,
               as_of: date) -> Explanation:
    """The words of a finding about a child the item (``"CFSR item 16"``...) does not
    cover."""
    return (f"{what} of {name}",
            f"{why_out[0].upper()}{why_out[1:]}, so {item} does not apply to the child.",
            _facts(("period under review from", start), ("as of", as_of)))


# -- needs served ---------------------------------------------------------------------------


def _serve_state(need: WellBeingNeed, services: Mapping[str, Service], days: int,
                 last_day: date, as_of: date) -> tuple[str, date, Service | None]:
    """How a need stands: ``served``, ``met``, ``late``, ``unserved`` or ``running``, the day
    a service was due by, and the service that decides it (if any)."""
    due = need.identified_on + timedelta(days=days)
    cutoff = min(due, last_day)
    linked = [services[s] for s in sorted(set(need.service_ids)) if s in services]
    started = sorted((s for s in linked if s.started_on is not None and s.started_on <= cutoff),
                     key=lambda s: (s.started_on or due, s.id))
    if started:
        return "served", due, started[0]
    if need.met_on is not None and need.met_on <= cutoff and need.met_on <= as_of:
        return "met", due, None
    if last_day <= due:
        return "running", due, None
    late = sorted((s for s in linked if s.started_on is not None and s.started_on <= last_day),
                  key=lambda s: (s.started_on or due, s.id))
    if late:
        return "late", due, late[0]
    pending = [s for s in linked if (s.referred_on or s.waitlisted_on) is not None
               and min(d for d in (s.referred_on, s.waitlisted_on) if d is not None) <= last_day]
    return "unserved", due, pending[0] if pending else None


_SERVE_OUTCOME: Mapping[str, Outcome] = {"served": M, "met": M, "late": NM, "unserved": NM,
                                         "running": NA}


def _served_words(state: str, name: str, area: str, need_id: str, description: str,
                  identified_on: date, due: date, days: int, last_day: date,
                  met_on: date | None, service_id: str | None, service_status: str | None,
                  started_on: date | None, referred_on: date | None,
                  waitlisted_on: date | None, linked: str) -> Explanation:
    need = f"The {_area_words(area)} need {need_id} of {name} ({description}) was " \
        f"identified on {identified_on}"
    frame = (f"CFSR item {WellBeingArea(area).cfsr_item} looks for a service started, or the "
             f"need met, within {days} days (by {due})")
    why = {
        "served": f"{need}; service {service_id} addressing it started on {started_on}. "
                  f"{frame}: served in time.",
        "met": f"{need} and met on {met_on}. {frame}: met in time.",
        "running": f"{need}; no linked service has started and the need is not met yet, but "
                   f"the {days} days run to {due}, after {last_day}, the last day judged: it "
                   "cannot be judged yet.",
        "late": f"{need}; service {service_id} addressing it started only on {started_on}. "
                f"{frame}: served late.",
        "unserved": (f"{need}; by {due} no linked service had started and the need was not "
                     f"met. {frame}." + (
                         f" Service {service_id} was only "
                         f"{'waitlisted' if waitlisted_on is not None else 'referred'} "
                         f"(referred on {referred_on}, waitlisted on {waitlisted_on}): a "
                         "referral or a waitlist is not a service."
                         if service_id is not None else "")),
    }[state]
    return (f"{_area_words(area)} need {need_id} of {name}", why,
            _facts(("need", need_id), ("area", area), ("identified on", identified_on),
                   ("service due by", due), ("met on", met_on), ("linked services", linked),
                   ("service", service_id), ("service status", service_status),
                   ("service started on", started_on), ("last day judged", last_day)))


def _area_words(area: str) -> str:
    """``"physical health"`` for ``"physical_health"``: an area's code in words."""
    return area.replace("_", " ")


def _no_need_words(item: str, area: str, name: str, review: str, start: date,
                   last_day: date) -> Explanation:
    why = (f"No {area} need of {name} is recorded as open in the period under review "
           f"({start} to {last_day}), so there is no need to serve.")
    if review == "in-home":
        why += f" In an in-home case {item} covers a child only when such a need is recorded."
    return (f"{area} needs of {name}", why,
            _facts(("review", review), ("period under review from", start),
                   ("last day judged", last_day)))


def _served_findings(rule: str, item: str, case: Case, children: Sequence[_Child],
                     areas: frozenset[WellBeingArea], policy: PolicyProfile,
                     as_of: date) -> Iterator[Finding]:
    """The findings of ``rule``, the services question of ``item`` (``"CFSR item 16"``...):
    one per need in ``areas`` of each child the item covers, or one ``not_applicable`` finding
    for a child with no such need or whom the item does not cover."""
    services: dict[str, Service] = {}
    for known in sorted(case.services, key=lambda s: s.id):
        services.setdefault(known.id, known)
    what = " or ".join(sorted(_area_words(a.value) for a in areas))
    for child in children:
        if child.review is None:
            yield _finding(rule, NA, child.child_id, child.child_id, _out_words,
                           (item, f"{what} needs", child.name, child.why_out, child.start,
                            as_of))
            continue
        needs = _open_needs(case, child, areas, as_of)
        if not needs:
            yield _finding(rule, NA, child.child_id, child.child_id, _no_need_words,
                           (item, what, child.name, child.review, child.start,
                            child.last_day))
        for need in needs:
            state, due, service = _serve_state(need, services, policy.need_service_days,
                                               child.last_day, as_of)
            met_on = need.met_on if need.met_on is not None and need.met_on <= as_of else None
            yield _finding(rule, _SERVE_OUTCOME[state], need.id, child.child_id, _served_words,
                           (state, child.name, need.area.value, need.id, need.description,
                            need.identified_on, due, policy.need_service_days,
                            child.last_day, met_on,
                            None if service is None else service.id,
                            None if service is None else service.status.value,
                            None if service is None else service.started_on,
                            None if service is None else service.referred_on,
                            None if service is None else service.waitlisted_on,
                            ", ".join(sorted(set(need.service_ids))) or "(none)"))


# -- a whole family ---------------------------------------------------------------------------


Judged = tuple[str, str, Callable[[_Child], Finding]]
"""A rule a family judges once per child the item covers: the rule id, what it judges in
words (``"dental exam"``) and the function that judges a covered child."""


def _family_findings(case: Case, policy: PolicyProfile, as_of: date, item: str,
                     judged: Sequence[Judged], served_rule: str,
                     areas: frozenset[WellBeingArea]) -> Mapping[str, tuple[Finding, ...]]:
    """Every finding of a well-being family, grouped by rule: child by child (in the order of
    ``case.child_ids``), each rule of ``judged`` (``not_applicable`` for a child ``item`` does
    not cover), then the services question ``served_rule`` for the needs in ``areas``."""
    children = _children(case, policy, as_of)
    found: list[Finding] = []
    for child in children:
        for rule, what, judge in judged:
            if child.review is None:
                found.append(_finding(rule, NA, child.child_id, child.child_id, _out_words,
                                      (item, what, child.name, child.why_out, child.start,
                                       as_of)))
            else:
                found.append(judge(child))
    found.extend(_served_findings(served_rule, item, case, children, areas, policy, as_of))
    return by_rule(found)
