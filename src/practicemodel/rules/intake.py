"""Timely response to reports of maltreatment: ``intake.*`` (CFSR Round 3 item 1).

What the case record can decide of CFSR item 1, *timeliness of initiating investigations of
reports of child maltreatment* (Safety Outcome 1), report by report:

- ``intake.initiated_timely`` (item 1, questions A and C): the response to the report was
  initiated (the first attempt to contact the family) within the state's time frame for the
  report's priority;
- ``intake.face_to_face_timely`` (item 1, questions B and C): a caseworker saw the subject
  children face to face within that time frame.

**Which reports.** Every report received in the period under review (the profile's
``review_period_months``, 12, ending on ``as_of``) and accepted, for an investigation or an
alternative (family assessment) response, on any child of the family: the CFSR counts each
report by the date it was received, not per child or per allegation (CFSR FAQ, safety
outcome 1). A screened-out report, or one received before the period, is ``not_applicable``;
a report received after ``as_of`` is not known yet. A case with no report at all gets one
``not_applicable`` finding about the case, so the item reads "no report in the period".

**The time frame** is the profile's
[`days_to_respond`][practicemodel.policy.PolicyProfile.days_to_respond] for the report's
priority, counted in days from the day it was received: due on ``received_on + days``. A
priority the profile sets no time frame for is ``needs_review`` (a reviewer reads the state's
policy). A report not yet initiated (or not yet seen) while the time frame still runs on
``as_of`` is ``not_applicable``: nothing can be judged yet; the day after the time frame
ends, it is ``not_met``.

**Question C**, whether every delay was beyond the agency's control, is a reviewer's or
supervisor's judgement recorded on the report (``delay_beyond_agency_control``; contractors
never are, police may be: CFSR FAQ, safety outcome 1). A report with it is ``met`` even when
late: item 1 is a Strength when A = B = 0 *or* C = Yes.

**How item 1 is rated from these findings.** The generic rule of a review item (Not
Applicable when no finding is applicable; Area Needing Improvement when any applicable finding
is not met; Strength otherwise) gives exactly the instrument's rule: a late report without
question C's excuse is a ``not_met`` finding, so A or B > 0 with C = No is ANI; a case with no
accepted report in the period has only ``not_applicable`` findings, so the item is NA. A
``needs_review`` finding (an unknown priority) counts as not met until a reviewer decides.

Each rule has the shape of every practicemodel rule, ``(case, *, policy, as_of)``, and gives
its findings in the order the reports were received (ties by id). The errors every rule
raises are described in [`practicemodel.rules`][practicemodel.rules].
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from practicemodel._arguments import rule_args
from practicemodel._checks import day_count
from practicemodel.case import Case
from practicemodel.findings import Explanation, Finding, Outcome, word_list
from practicemodel.intake import MaltreatmentReport
from practicemodel.periods import review_period_start
from practicemodel.policy import PolicyProfile
from practicemodel.rules._shared import by_rule, shared
from practicemodel.rules._visiting import _facts, _finding

__all__ = ["face_to_face_timely", "initiated_timely"]

M, NM, NA, NR = (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE,
                 Outcome.NEEDS_REVIEW)

_RULES = {"initiation": "intake.initiated_timely", "face to face": "intake.face_to_face_timely"}
_WHAT = {"initiation": "the response was initiated (first attempt to contact the family)",
         "face to face": "a caseworker saw the subject children face to face"}
_QUESTION = {"initiation": "A", "face to face": "B"}


# -- words ----------------------------------------------------------------------------------


def _no_report_words(case_id: str, start: date, as_of: date, count: int) -> Explanation:
    why = (f"No report of maltreatment is recorded for case {case_id} by {as_of}"
           if count == 0 else
           f"None of the {count} reports recorded for case {case_id} was received in the "
           f"period under review ({start} to {as_of})")
    return (f"reports on case {case_id}",
            f"{why}, so CFSR item 1 does not apply.",
            _facts(("period under review from", start), ("as of", as_of),
                   ("reports recorded", count)))


def _report_words(state: str, kind: str, report_id: str, received_on: date, priority: str,
                  children: tuple[str, ...], alternative: bool, days: int | None,
                  due: date | None, done_on: date | None, start: date,
                  as_of: date) -> Explanation:
    response = "an alternative response" if alternative else "an investigation"
    head = (f"Report {report_id}, received on {received_on} about {word_list(list(children))}, "
            f"priority {priority}")
    frame = (f"the state's time frame for priority {priority} is {day_count(days)}, so by {due}"
             if days is not None and due is not None else
             f"the policy profile sets no time frame for priority {priority}")
    what = _WHAT[kind]
    question = _QUESTION[kind]
    why = {
        "screened out": (f"{head}, was screened out: CFSR item 1 counts only reports accepted "
                         "for an investigation or an alternative response."),
        "before the period": (f"{head}, was received before the period under review ({start} "
                              f"to {as_of}): CFSR item 1 counts reports received in it."),
        "no time frame": (f"{head}, accepted for {response}: the policy profile sets no time "
                          f"frame for priority {priority}; a reviewer must read the state's "
                          f"time frame and judge whether {what} in time (CFSR item 1 "
                          f"{question})."),
        "excused": (f"{head}, accepted for {response}: {frame}; "
                    + (f"{what} on {done_on}" if done_on is not None else
                       f"no date when {what} is recorded by {as_of}")
                    + ", but every delay was recorded as beyond the agency's control (CFSR "
                      "item 1 C), which makes the response timely for the review."),
        "in time": (f"{head}, accepted for {response}: {what} on {done_on}, within the time "
                    f"frame ({frame})."),
        "late": (f"{head}, accepted for {response}: {what} on {done_on}, "
                 f"{day_count((done_on - due).days) if done_on and due else ''} after the time "
                 f"frame ({frame}), and no delay is recorded as beyond the agency's control "
                 f"(CFSR item 1 {question} and C)."),
        "running": (f"{head}, accepted for {response}: {frame}, and on {as_of} no date when "
                    f"{what} is recorded yet; the time frame is still running, so it cannot "
                    "be judged yet."),
        "missed": (f"{head}, accepted for {response}: {frame}; by {as_of} no date when {what} "
                   "is recorded, and no delay is recorded as beyond the agency's control "
                   f"(CFSR item 1 {question} and C)."),
    }[state]
    label = "initiated on" if kind == "initiation" else "face to face on"
    return (f"report {report_id} ({kind})", why,
            _facts(("report", report_id), ("received on", received_on),
                   ("priority", priority), ("subject children", ", ".join(children)),
                   ("alternative response", "yes" if alternative else "no"),
                   ("days to respond", days), ("due by", due), (label, done_on),
                   ("delay beyond agency control",
                    "yes" if state == "excused" else "no")))


_OUTCOME: Mapping[str, Outcome] = {
    "screened out": NA, "before the period": NA, "no time frame": NR, "excused": M,
    "in time": M, "late": NM, "running": NA, "missed": NM}
"""The outcome of each state a report's response can be in."""


# -- deciding -------------------------------------------------------------------------------


def _state(report: MaltreatmentReport, done_on: date | None, days: int | None,
           start: date, as_of: date) -> tuple[str, date | None, date | None]:
    """The state of one response (initiation or face to face), its due day and the day it was
    done (``None`` if not known by ``as_of``)."""
    if done_on is not None and done_on > as_of:
        done_on = None  # recorded later than the day the case is looked at: not known yet
    if not report.accepted:
        return "screened out", None, done_on
    if report.received_on < start:
        return "before the period", None, done_on
    if days is None:
        return ("excused" if report.delay_beyond_agency_control else "no time frame",
                None, done_on)
    due = report.received_on + timedelta(days=days)
    if done_on is not None:
        if done_on <= due:
            return "in time", due, done_on
        return ("excused" if report.delay_beyond_agency_control else "late"), due, done_on
    if as_of <= due:
        return "running", due, None
    return ("excused" if report.delay_beyond_agency_control else "missed"), due, None


def _report_findings(report: MaltreatmentReport, policy: PolicyProfile, start: date,
                     as_of: date) -> Iterator[Finding]:
    days = policy.days_to_respond(report.priority)
    for kind, done_on in (("initiation", report.initiated_on),
                          ("face to face", report.face_to_face_on)):
        state, due, known = _state(report, done_on, days, start, as_of)
        yield _finding(_RULES[kind], _OUTCOME[state], report.id, _report_words, state, kind,
                       report.id, report.received_on, report.priority, report.child_ids,
                       report.alternative_response, days, due, known, start, as_of)


@shared
def _evaluate(case: Case, policy: PolicyProfile,
              as_of: date) -> Mapping[str, tuple[Finding, ...]]:
    """Every ``intake.*`` finding of the case, grouped by rule, report by report."""
    start = review_period_start(as_of, policy.review_period_months)
    known = sorted((r for r in case.reports if r.received_on <= as_of),
                   key=lambda r: (r.received_on, r.id))
    found: list[Finding] = []
    if not any(r.received_on >= start for r in known):
        for rule in _RULES.values():
            found.append(_finding(rule, NA, case.id, _no_report_words, case.id, start, as_of,
                                  len(known)))
    for report in known:
        found.extend(_report_findings(report, policy, start, as_of))
    return by_rule(found)


# -- the rules ------------------------------------------------------------------------------


def initiated_timely(case: Case, *, policy: PolicyProfile,
                     as_of: date) -> tuple[Finding, ...]:
    """The response to each accepted report was initiated within its time frame.

    Rule ``intake.initiated_timely``; CFSR item 1, questions A and C. For each report received
    in the period under review: ``met`` when the first attempt to contact the family was made
    within the profile's time frame for the report's priority (``days_to_respond``), or every
    delay is recorded as beyond the agency's control; ``not_met`` when it was made later, or
    not by ``as_of`` after the time frame ended; ``needs_review`` when the profile sets no time
    frame for the priority; ``not_applicable`` for a screened-out report, a report received
    before the period, or while the time frame still runs with no initiation recorded. A case
    with no report received in the period gets one ``not_applicable`` finding about the case.

    Source: CFSR Round 3 onsite review instrument, item 1, questions A and C; CFSR FAQ,
    safety outcome 1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("intake.initiated_timely", ())


def face_to_face_timely(case: Case, *, policy: PolicyProfile,
                        as_of: date) -> tuple[Finding, ...]:
    """A caseworker saw the subject children of each accepted report within its time frame.

    Rule ``intake.face_to_face_timely``; CFSR item 1, questions B and C. The same as
    [`initiated_timely`][practicemodel.rules.intake.initiated_timely], judged on the report's
    first face-to-face contact with the subject children (``face_to_face_on``) against the
    same time frame.

    Source: CFSR Round 3 onsite review instrument, item 1, questions B and C; CFSR FAQ,
    safety outcome 1.
    """
    rule_args(case, policy, as_of)
    return _evaluate(case, policy, as_of).get("intake.face_to_face_timely", ())
