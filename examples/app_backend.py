"""A minimal web back end for a case management app, on the standard library alone.

A front end sends a case record (JSON) and gets back what is due and what is missing, as
JSON, or the case report, as one HTML page. Two endpoints, both ``POST`` with the case
record as the body, the profile code and the date in the query string:

    POST /findings?policy=MS&as_of=2026-11-22   ->  200 application/json (see case_document)
    POST /report?policy=MS&as_of=2026-11-22     ->  200 text/html (practicemodel.report)

A record that does not load gets ``422`` with every problem and its path; a bad query
(a date not written YYYY-MM-DD or outside 1900-01-01 to 2199-12-31, an unknown profile) or
anything else the library refuses (a ``PracticeModelError``) ``400`` with its message;
``/report`` without Jinja2 ``501`` with the install command; an unknown path ``404``;
another method ``405``. No message repeats a name, a date or free text from the record (the
library's messages never do), so they can be logged. The HTML report is sent with a
``Content-Security-Policy`` that lets it use nothing but its own inline styles and
``data:`` images (it needs nothing else), so a browser runs no script in it.

    python examples/app_backend.py                      # one request in-process: print the JSON
    python examples/app_backend.py --report case.html   # ... and write the case report
    python examples/app_backend.py --serve 8000         # serve on http://127.0.0.1:8000

With the server running, ``curl --data-binary @wilson.json
'http://127.0.0.1:8000/findings?policy=MS&as_of=2026-11-22'`` (``practicemodel example --out
wilson.json`` writes the example record). The application is a WSGI callable,
``application``: any WSGI server (gunicorn, waitress, mod_wsgi) can serve it as it is.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server
from wsgiref.util import setup_testing_defaults

from practicemodel import loads_case
from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.errors import MissingExtraError, PracticeModelError, RecordStructureError
from practicemodel.example import example_json
from practicemodel.findings import Outcome
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE
from practicemodel.policy import PolicyProfile, get_policy
from practicemodel.rules import get_rule
from practicemodel.timelines import RULE_OF_KIND, DeadlineStatus, schedule

MAX_BODY = 5_000_000
"""The largest request body accepted, in bytes (one case record is a few tens of kB)."""

OPEN = (DeadlineStatus.OVERDUE, DeadlineStatus.DUE, DeadlineStatus.UPCOMING)
"""The deadlines a caseworker still has to act on: overdue first, then due, then upcoming."""

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as the query string must give it: YYYY-MM-DD, nothing else (no ``20261122``)."""

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The case report's Content-Security-Policy: its inline styles and ``data:`` images (the
icon), nothing fetched, no script run."""

REPORT_EXTRA = 'pip install "practicemodel[report]"'

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class BadRequest(Exception):
    """A request the back end refuses: its HTTP status and a JSON body saying why."""

    def __init__(self, status: str, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def case_document(case: Case, *, policy: PolicyProfile, as_of: date) -> dict[str, Any]:
    """What a front end shows for one case: the counts, what is due, and every finding.

    - ``open_deadlines``: the deadlines not met yet, overdue first, then due (within the
      profile's window, or this month), then upcoming, each by due date; ``rule`` is the
      id of the rule that judges that kind of deadline (``RULE_OF_KIND``), the key to its
      finding in ``findings``;
    - ``findings``: every finding in its documented JSON form (``Finding.to_json()``), plus
      its rule's ``title``, the words a front end puts above it;
    - ``counts``: how many findings have each outcome.
    """
    findings = check_case(case, policy=policy, as_of=as_of)
    deadlines = [d for d in schedule(case, policy=policy, as_of=as_of).all_deadlines()
                 if d.status in OPEN and d.due_on is not None]
    deadlines.sort(key=lambda d: (OPEN.index(d.status), d.due_on, d.subject_id, d.kind))
    counts = Counter(finding.outcome for finding in findings)
    return {
        "case_id": case.id,
        "policy": policy.code,
        "as_of": as_of.isoformat(),
        "counts": {outcome.value: counts[outcome] for outcome in Outcome},
        "open_deadlines": [
            {"subject_id": d.subject_id, "kind": d.kind.value, "status": d.status.value,
             "due_on": d.due_on.isoformat() if d.due_on else None, "reason": d.reason,
             "rule": RULE_OF_KIND.get(d.kind), "source": d.source}
            for d in deadlines],
        "findings": [{**finding.to_json(), "title": get_rule(finding.rule).title}
                     for finding in findings],
    }


def _query(environ: dict[str, Any]) -> tuple[PolicyProfile, date]:
    """The profile and the date of the query string, or ``BadRequest`` naming the mistake."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    missing = [name for name in ("policy", "as_of") if not query.get(name)]
    if missing:
        raise BadRequest("400 Bad Request", {
            "error": f"missing query parameter(s): {', '.join(missing)}",
            "example": "?policy=MS&as_of=2026-11-22"})
    raw_date = query["as_of"][0]
    as_of = _date(raw_date)
    if as_of is None:
        raise BadRequest("400 Bad Request", {
            "error": f"'as_of' must be a date YYYY-MM-DD from {EARLIEST_DATE} to "
                     f"{LATEST_DATE} (got {raw_date[:20]!r})"})
    try:
        policy = get_policy(query["policy"][0], on=as_of)
    except PracticeModelError as error:  # UnknownPolicyError: the known codes or dates
        raise BadRequest("400 Bad Request", {"error": str(error)}) from None
    return policy, as_of


def _date(text: str) -> date | None:
    """``text`` as a date if it is one written YYYY-MM-DD in the supported range, else None
    (``date.fromisoformat`` alone also takes ``20261122`` and years the library refuses)."""
    if ISO_DATE.fullmatch(text) is None:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:  # 2026-11-31
        return None
    return value if EARLIEST_DATE <= value <= LATEST_DATE else None


def _case(environ: dict[str, Any]) -> Case:
    """The case record of the request body, or ``BadRequest`` with every problem."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 < length <= MAX_BODY:
        raise BadRequest("400 Bad Request" if length <= 0 else "413 Content Too Large", {
            "error": f"the body must be one case record of 1 to {MAX_BODY} bytes"})
    body = environ["wsgi.input"].read(length)
    try:
        return loads_case(body, source="request body")
    except RecordStructureError as error:
        raise BadRequest("422 Unprocessable Content", {
            "error": f"the case record is not valid: {len(error.problems)} problem(s)",
            "problems": [{"path": p.prefixed("$").path, "message": p.message}
                         for p in error.problems],
        }) from None


def _respond(start_response: StartResponse, status: str, content_type: str,
             body: bytes, headers: Iterable[tuple[str, str]] = ()) -> list[bytes]:
    start_response(status, [("Content-Type", content_type),
                            ("Content-Length", str(len(body))), *headers])
    return [body]


def _json(document: object) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI application: ``POST /findings`` (JSON) and ``POST /report`` (HTML)."""
    path = environ.get("PATH_INFO", "")
    if path not in ("/findings", "/report"):
        return _respond(start_response, "404 Not Found", "application/json",
                        _json({"error": "not found; POST /findings or /report"}))
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("405 Method Not Allowed", [("Allow", "POST"),
                                                  ("Content-Type", "application/json")])
        return [_json({"error": "use POST with the case record as the body"})]
    try:
        policy, as_of = _query(environ)
        case = _case(environ)
        if path == "/report":
            from practicemodel.report import case_html  # needs practicemodel[report] (Jinja2)

            html = case_html(case, policy=policy, as_of=as_of)
            return _respond(start_response, "200 OK", "text/html; charset=utf-8",
                            html.encode("utf-8"),
                            [("Content-Security-Policy", REPORT_POLICY)])
        document = case_document(case, policy=policy, as_of=as_of)
    except BadRequest as refused:
        return _respond(start_response, refused.status, "application/json",
                        _json(refused.body))
    except MissingExtraError as error:  # the report extra (Jinja2) is not installed
        return _respond(start_response, "501 Not Implemented", "application/json",
                        _json({"error": str(error), "install": REPORT_EXTRA}))
    except PracticeModelError as error:  # e.g. DateOutOfRangeError: the request's fault
        return _respond(start_response, "400 Bad Request", "application/json",
                        _json({"error": str(error)}))
    return _respond(start_response, "200 OK", "application/json; charset=utf-8",
                    _json(document))


def request(path: str, body: bytes, *, method: str = "POST") -> tuple[str, bytes]:
    """Send one request to ``application`` in-process; return the status and the body."""
    status, _, content = exchange(path, body, method=method)
    return status, content


def exchange(path: str, body: bytes, *,
             method: str = "POST") -> tuple[str, dict[str, str], bytes]:
    """Send one request to ``application`` in-process; return the status, the headers and
    the body."""
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "CONTENT_LENGTH": str(len(body)),
                               "wsgi.input": io.BytesIO(body)}
    path, _, query = path.partition("?")
    environ.update(PATH_INFO=path, QUERY_STRING=query)
    setup_testing_defaults(environ)
    answers: list[tuple[str, dict[str, str]]] = []
    chunks = application(environ,
                         lambda status, headers: answers.append((status, dict(headers))))
    return answers[0][0], answers[0][1], b"".join(chunks)


def main(argv: list[str]) -> int:
    """Serve, or run one request for the example case in-process and print its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", type=int, metavar="PORT", help="serve on this port")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--report", metavar="OUT.html",
                        help="also ask for the case report and write it here")
    args = parser.parse_args(argv)
    if args.serve is not None:
        with make_server(args.host, args.serve, application) as server:
            print(f"serving on http://{args.host}:{args.serve}/ (Ctrl-C stops)")
            with contextlib.suppress(KeyboardInterrupt):
                server.serve_forever()
        return 0
    record = example_json().encode("utf-8")
    status, body = request("/findings?policy=MS&as_of=2026-11-22", record)
    print(status, file=sys.stderr)
    print(body.decode("utf-8"))
    if args.report:
        status, body = request("/report?policy=MS&as_of=2026-11-22", record)
        with open(args.report, "wb") as out:
            out.write(body)
        print(f"{status}: wrote {args.report} ({len(body)} bytes)", file=sys.stderr)
    return 0 if status.startswith("200") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
