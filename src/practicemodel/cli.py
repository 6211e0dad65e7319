"""The ``practicemodel`` command.

Commands:

- ``practicemodel validate FILE...`` loads case files (``.json``: one case; ``.jsonl``:
  one case per line; ``-``: standard input, either) and prints a readable summary of each
  valid case, or every mistake with its JSON path. ``--example`` validates the built-in
  example. JSON Lines are read line by line, so a file of any size fits in memory.
- ``practicemodel example`` prints the built-in example case as JSON (``--out FILE`` writes
  it; ``--summary`` prints the summary instead).
- ``practicemodel schema`` prints the JSON Schema of a case record (``--out FILE``).
- ``practicemodel check FILE --as-of DATE [--policy CODE]`` runs every check implemented so
  far (deadlines, S.M.A.R.T. objectives, plan quality, safe closure, engagement, visits) and
  prints the findings
  grouped by practice-model component (``--json`` for JSON; ``--all`` to list met ones too).
- ``practicemodel review [FILE] [--synthetic N] --as-of DATE [--policy CODE]`` rates
  every case of a JSON Lines file (or a single JSON case record, or N synthetic cases)
  on the default review instrument
  and prints each item's performance grouped by practice-model component (``--by FIELD``
  to break it down by region, county, case_type, quarter or role: mother, father, foster
  parent, child; ``--json`` for JSON). A bad
  record is reported on stderr with its line and skipped (exit 1 at the end), or stops the
  review at once with ``--strict``. ``--workers N`` rates in N processes (0: one per core);
  a progress bar is drawn on stderr when it is a terminal (``--progress`` /
  ``--no-progress`` to force it on or off); ``--sample N --seed S`` reviews a stratified
  sample; ``--out FILE`` also writes the table (.csv, .json, .parquet). ``--engine dask``
  rates the cases on a Dask cluster (``--scheduler ADDRESS``, or a local cluster of
  ``--workers`` processes) with the same output; FILE may then be a directory, a glob or a
  URL, and ``--out DIR/`` writes the case-level ratings as partitioned Parquet.
  ``--html FILE`` also writes the self-contained HTML caseload report (needs the report
  extra); ``--baseline FILE`` reviews a second file (JSON Lines or one record) the same way
  (same policy, date, grouping and instrument, but all of it: ``--sample`` draws from FILE
  only; not with ``--engine dask``), opened before the review starts, and adds the
  baseline-vs-follow-up comparison to the output and the HTML report.
- ``practicemodel report FILE --as-of DATE [--policy CODE] [--out FILE.html]`` writes the
  self-contained HTML case report of one case (``--example`` for the built-in example;
  without ``--out``, or with ``--out -``, the page is printed on standard output, and
  nothing else is: an invalid record's mistakes and ``wrote FILE`` go to standard error).
  Needs the report extra (``pip install "practicemodel[report]"``).
- ``practicemodel fhir FILE [--out BUNDLE.json]`` writes one case as a FHIR R4 Bundle
  (JSON), validated (``--example`` for the built-in example; without ``--out``, or with
  ``--out -``, the Bundle is printed on standard output). Needs the fhir extra
  (``pip install "practicemodel[fhir]"``).
- ``practicemodel deadlines FILE --as-of DATE [--policy CODE]`` prints every statutory and
  policy deadline of a case with its status as of the date (``--json`` for JSON; ``--open``
  for only what is not yet met).
- ``practicemodel plan status --as-of DATE [--plan CODE | --plan-file FILE]`` prints, goal
  by goal, the key activities of a Program Improvement Plan that are due by the date (due
  this quarter, overdue, completed, ongoing; ``--all`` adds the upcoming ones) and the
  quarter the date falls in (default plan ``MS-R3``, Mississippi's; ``--progress FILE``
  reads the completions the agency recorded; ``--json`` for JSON).
- ``practicemodel rollout check [--rollout CODE | --rollout-file FILE]`` checks a regional
  rollout of the practice model against its rules (waves, phase lengths, reviews in their
  phases; one finding per rule and subject) and compares each region's follow-up CQI review
  with its baseline, drawn from synthetic caseloads (``--cases N`` a review, ``--seed``;
  ``--no-reviews`` for the schedule alone; ``--json`` for JSON; exit status 1 when a check is
  not met). The default rollout is the shipped fictional one.
- ``practicemodel deidentify FILE --key-file KEY --out OUT --as-of DATE [--policy CODE]``
  writes a de-identified copy of a caseload for pooled analysis (keyed ids, no names or
  free text, the children's birth dates only, each case's dates shifted by an offset that
  keeps every rating of both instruments as of the date) and prints how many cases kept
  every rating and which ratings changed (see ``practicemodel.deidentify``).

``review`` reads JSON Lines, and recognises one pretty-printed case record (``wilson.json``)
by its content: its first non-blank line opens a JSON object without closing it, and the
next non-blank line does not open another (as each line of JSON Lines does). ``validate``
applies the same test to ``.jsonl`` files and standard input.

Exit codes (the command-line reference has them as a table): 0 done, all input valid; 1
some input invalid or unreadable, or the command could not finish (a lost worker process,
output that could not be written, an internal error); 2 the command line was wrong, or
``--out`` was found unusable before any work; 130 interrupted (Ctrl-C); 141 standard output
closed early (``| head``), as for a program killed by SIGPIPE. Whatever goes wrong is said in
one line on standard error, never as a traceback: an unexpected exception is an internal
error naming its type and where in the library it was raised, not its message (which may
quote a record's personal values); ``PRACTICEMODEL_DEBUG=1`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from stat import S_ISREG
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, TextIO, TypeVar

from practicemodel import __version__
from practicemodel.errors import (
    MissingExtraError,
    PracticeModelError,
    Problem,
    RecordReviewError,
    RecordStructureError,
    listed_problems,
)

if TYPE_CHECKING:
    from practicemodel.case import Case
    from practicemodel.caseload import CaseloadReview
    from practicemodel.components import PracticeComponent
    from practicemodel.outcomes import CfsrOutcome
    from practicemodel.policy import PolicyProfile
    from practicemodel.progress import ProgressBar
    from practicemodel.review import ReviewInstrument, ReviewItem
    from practicemodel.sampling import SampleReport
    from practicemodel.statistics import GroupPerformance

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_TABLE_SUFFIXES = (".csv", ".json", ".parquet")


class _OutputError(Exception):
    """Standard output could not be written (a closed pipe, a full disk)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Output:
    """The commands' standard output: an OSError writing it is raised as _OutputError, so
    that it is never mistaken for a problem reading the input."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as error:
            raise _OutputError(error) from error

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise _OutputError(error) from error


class _FileProblem(Exception):
    """An input file cannot be read: missing, a directory, no permission, not UTF-8."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: cannot read file ({reason})")


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _not_utf8(error: UnicodeDecodeError, offset: int = 0) -> str:
    return (f"not UTF-8 text: byte 0x{error.object[error.start]:02x} at offset "
            f"{offset + error.start}")


class _Source:
    """An input file, or standard input (``-``), read line by line.

    Every problem reading it (it cannot be opened or read, or it is not UTF-8 where that is
    checked) is raised as a _FileProblem naming it. Lines read ahead to tell a single JSON
    document from JSON Lines are given back by :meth:`lines` and :meth:`document`.
    """

    def __init__(self, name: str, stdin: TextIO) -> None:
        self.label = "<stdin>" if name == "-" else name
        self.size: int | None = None
        self._owned = name != "-"
        self._handle: IO[Any]
        if name == "-":
            self._handle = getattr(stdin, "buffer", stdin)
        else:
            try:
                self._handle = open(name, "rb")  # noqa: SIM115 - closed by __exit__
            except OSError as error:
                raise _FileProblem(name, _reason(error)) from None
            status = os.fstat(self._handle.fileno())
            if S_ISREG(status.st_mode):  # a regular file: its size is known
                self.size = status.st_size
        self._ahead: list[str | bytes] = []
        self._rest = self._read()

    def __enter__(self) -> _Source:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file (standard input is left open)."""
        if self._owned:
            self._handle.close()

    def _read(self) -> Iterator[str | bytes]:
        lines = iter(self._handle)
        first = True
        while True:
            try:
                line: str | bytes = next(lines)
            except StopIteration:
                return
            except OSError as error:
                raise _FileProblem(self.label, _reason(error)) from None
            except UnicodeDecodeError as error:  # standard input read as text
                raise _FileProblem(self.label, _not_utf8(error)) from None
            if first:  # a UTF-8 byte-order mark, as some editors write, is not content
                if isinstance(line, bytes):
                    line = line.removeprefix(b"\xef\xbb\xbf")
                else:
                    line = line.removeprefix("\ufeff")
                first = False
            yield line

    def _nonblank_ahead(self, count: int) -> list[str | bytes]:
        """The first ``count`` non-blank lines (fewer at the end), read ahead."""
        found = [line for line in self._ahead if line.strip()]
        for line in self._rest:
            self._ahead.append(line)
            if line.strip():
                found.append(line)
                if len(found) >= count:
                    break
        return found[:count]

    def _text(self, line: str | bytes, offset: int = 0) -> str:
        if isinstance(line, str):
            return line
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _FileProblem(self.label, _not_utf8(error, offset)) from None

    def is_document(self) -> bool:
        """Whether the input is one JSON document over several lines (pretty-printed)
        rather than JSON Lines: its first non-blank line opens an object but is not a whole
        JSON value, and the next non-blank line does not open another object. Also checks
        that the first non-blank line is UTF-8 (a file in another encoding is a file
        problem, not a bad record per line)."""
        lines = self._nonblank_ahead(1)
        if not lines:
            return False
        first = self._text(lines[0]).strip()
        if not first.startswith("{"):
            return False
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            lines = self._nonblank_ahead(2)  # read further only for a likely document
            return len(lines) == 1 or lines[1].lstrip()[:1] not in (b"{", "{")
        return False

    def lines(self) -> Iterator[str | bytes]:
        """Every line, from the first."""
        yield from self._ahead
        self._ahead = []
        yield from self._rest

    def document(self) -> str:
        """The whole input as text (one JSON document)."""
        parts, offset = [], 0
        for line in self.lines():
            parts.append(self._text(line, offset))
            offset += len(line)
        return "".join(parts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practicemodel",
        description="Child welfare case records: check case files (validate), print the "
        "built-in example (example), export the JSON Schema (schema), list a case's "
        "deadlines (deadlines), run every check on a case (check), write a case's HTML "
        "report (report), rate a caseload on the review instrument (review), write a case as "
        "a FHIR Bundle (fhir), write a de-identified copy of a caseload (deidentify), list a "
        "Program Improvement Plan's key activities due by a date (plan status), and check a "
        "regional rollout of the practice model (rollout check).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check case files and print a summary or every mistake",
        description="Load each case file and print a summary of it, or every mistake with "
        "its JSON path. Exit 0 when all are valid, 1 otherwise.",
    )
    validate.add_argument("files", nargs="*", metavar="FILE",
                          help="a .json case record, a .jsonl file of records, or - for stdin")
    validate.add_argument("--example", action="store_true",
                          help="validate the built-in example case")
    validate.add_argument("--json", action="store_true", dest="as_json",
                          help="print results as JSON (one object per input)")
    validate.add_argument("--quiet", "-q", action="store_true",
                          help="print only mistakes, not summaries")

    example = commands.add_parser("example", help="print the built-in example case",
                                  description="Print the fictional Wilson family example "
                                  "case as JSON, or its summary.")
    example.add_argument("--out", type=Path, metavar="FILE", help="write the JSON to FILE")
    example.add_argument("--summary", action="store_true", help="print a readable summary")

    deadlines = commands.add_parser(
        "deadlines", help="list a case's deadlines and their status as of a date",
        description="Compute every deadline of a case (initial plan, updates, reviews, "
        "permanency hearings, reasonable-efforts findings, visits, staffing, TPR) under a "
        "policy profile, with its status as of a date.",
    )
    _add_case_arguments(deadlines, "the date statuses are computed as of")
    deadlines.add_argument("--open", action="store_true", dest="open_only",
                           help="only deadlines not yet met (due, overdue, upcoming)")

    check = commands.add_parser(
        "check", help="run every check on a case and print findings by component",
        description="Run every check implemented so far (deadlines, S.M.A.R.T. objectives, "
        "plan quality, safe closure, engagement, visits) and print the findings grouped by "
        "practice-model component.",
    )
    _add_case_arguments(check, "the date the checks are run as of")
    check.add_argument("--all", action="store_true", dest="show_all",
                       help="also list findings that are met or not applicable")
    check.add_argument("--rules", nargs="+", metavar="PATTERN",
                       help="run only these rules: ids or patterns such as 'visits.*' "
                       "(default: every rule; the list is in the rules reference)")

    report = commands.add_parser(
        "report", help="write a case's self-contained HTML report",
        description="Write the case report of one case as one self-contained HTML file "
        "(inline CSS and SVG, nothing fetched from the network): the family and who counts, "
        "a timeline, what is overdue, due and upcoming, every finding by practice-model "
        "component, \"actively involved\" per person and part, and visits per month. "
        'Needs the report extra: pip install "practicemodel[report]".',
    )
    report.add_argument("file", nargs="?", metavar="FILE",
                        help="a .json case record, or - for stdin")
    report.add_argument("--example", action="store_true", help="use the built-in example")
    report.add_argument("--as-of", required=True, type=_iso_date, metavar="DATE",
                        help="the date the case is reported as of (YYYY-MM-DD)")
    report.add_argument("--policy", default="FEDERAL", metavar="CODE",
                        help="policy profile code (default FEDERAL)")
    report.add_argument("--out", metavar="FILE",
                        help="write the page to FILE (checked before any work); without it, "
                        "or with -, the page is printed on standard output")

    review = commands.add_parser(
        "review", help="rate cases on the review instrument and print item performance",
        description="Rate every case of a JSON Lines file (or of one JSON case record, or N "
        "synthetic cases) on the default review instrument and print each item's "
        "performance (Strengths among applicable cases, with a 95% Wilson interval) "
        "grouped by practice-model component.",
    )
    review.add_argument("file", nargs="?", metavar="FILE",
                        help="a .jsonl file of case records, a .json case record, or - for "
                        "stdin; with --engine dask, a .jsonl (or .jsonl.gz) file, a directory "
                        "of them, a quoted glob ('data/*.jsonl') or a URL (s3://...)")
    review.add_argument("--synthetic", type=int, metavar="N",
                        help="review N generated synthetic cases instead of a file")
    review.add_argument("--seed", default="0", metavar="S",
                        help="seed for --synthetic (default 0)")
    review.add_argument("--as-of", required=True, type=_iso_date, metavar="DATE",
                        help="the date the cases are reviewed as of (YYYY-MM-DD)")
    review.add_argument("--policy", default="FEDERAL", metavar="CODE",
                        help="policy profile code (default FEDERAL)")
    review.add_argument("--by", action="extend", nargs="+", default=[], metavar="FIELD",
                        choices=_REVIEW_FIELDS,
                        help=f"break performance down by {', '.join(_REVIEW_FIELDS)}")
    review.add_argument("--strict", action="store_true",
                        help="stop at the first bad record (exit 1)")
    review.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
    review.add_argument("--sample", type=int, metavar="N",
                        help="review a stratified random sample of N cases (strata: region x "
                        "case type, proportional allocation, drawn with --seed); the cases "
                        "are held in memory to draw it")
    review.add_argument("--out", metavar="FILE",
                        help="also write the item-performance table to FILE: .csv, .json, or "
                        ".parquet (needs the analysis extra); checked before the review. With "
                        "--engine dask, a directory (DIR/, ending in /, or an existing one) "
                        "gets each case's ratings as partitioned Parquet instead")
    review.add_argument("--instrument", default="ms-practice-model",
                        choices=("ms-practice-model", "cfsr"),
                        help="the review instrument: ms-practice-model (default: nine items by "
                        "practice-model component) or cfsr (the 18 federal items by outcome, "
                        "with each outcome's conformity line)")
    review.add_argument("--workers", type=int, default=1, metavar="N",
                        help="rate cases in N processes (0: one per CPU core; default 1); "
                        "the results are the same (a --sample is reviewed in one process); "
                        "with --engine dask and no --scheduler, the local cluster's workers")
    review.add_argument("--engine", choices=_ENGINES, default="local",
                        help="local (default): this machine's processes; dask: a Dask "
                        "cluster, local or at --scheduler (needs the dask extra); the "
                        "results are the same")
    review.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the address of a running Dask scheduler "
                        "(tcp://host:8786); default: a local cluster of --workers processes, "
                        "started for the review and closed after it")
    review.add_argument("--html", type=Path, metavar="FILE",
                        help="also write the self-contained HTML caseload report to FILE "
                        "(needs the report extra); checked before the review")
    review.add_argument("--baseline", metavar="FILE",
                        help="a baseline caseload (a .jsonl file or a .json record) reviewed "
                        "the same way; the output and --html compare each item with it "
                        "(follow-up minus baseline, with its interval)")
    review.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar on stderr (default: when stderr is a "
                        "terminal)")

    schema = commands.add_parser("schema", help="print the JSON Schema of a case record",
                                 description="Print the JSON Schema (draft 2020-12) of a "
                                 "case record.")
    schema.add_argument("--out", type=Path, metavar="FILE", help="write the schema to FILE")
    _add_plan_parser(commands)
    _add_deidentify_parser(commands)
    _add_fhir_parser(commands)
    _add_rollout_parser(commands)
    for name, command in commands.choices.items():
        command.set_defaults(command_parser=command, command_name=name)
    return parser


_REVIEW_FIELDS = ("region", "county", "case_type", "quarter", "role")  # caseload.GROUPING_KEYS
_ENGINES = ("local", "dask")


def _add_case_arguments(command: argparse.ArgumentParser, as_of_help: str) -> None:
    """The arguments ``check`` and ``deadlines`` share: one case, a date, a policy, JSON."""
    command.add_argument("file", nargs="?", metavar="FILE",
                         help="a .json case record, or - for stdin")
    command.add_argument("--example", action="store_true", help="use the built-in example")
    command.add_argument("--as-of", required=True, type=_iso_date, metavar="DATE",
                         help=f"{as_of_help} (YYYY-MM-DD)")
    command.add_argument("--policy", default="FEDERAL", metavar="CODE",
                         help="policy profile code (default FEDERAL)")
    command.add_argument("--json", action="store_true", dest="as_json", help="print JSON")


def _iso_date(text: str) -> date:
    from practicemodel.periods import EARLIEST_DATE, LATEST_DATE

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}; expected YYYY-MM-DD") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise argparse.ArgumentTypeError(f"date {text} is outside the supported range, "
                                         f"{EARLIEST_DATE} to {LATEST_DATE}")
    return day


def _policy(args: argparse.Namespace) -> PolicyProfile:
    """The policy profile ``--policy`` names, in effect on ``--as-of``; an unknown code (or
    no version in effect that day) is a usage error of the subcommand."""
    from practicemodel.policy import get_policy

    parser: argparse.ArgumentParser = args.command_parser
    try:
        return get_policy(args.policy, args.as_of)
    except PracticeModelError as error:
        parser.error(str(error))


def _out_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written, or None; checked before the work, leaving whatever
    exists as it is."""
    parent = path.parent
    if path.is_dir():
        return "Is a directory"
    if not parent.exists():
        return f"directory {parent} does not exist"
    if not parent.is_dir():
        return f"{parent} is not a directory"
    try:
        if path.exists():
            if not os.access(path, os.W_OK):
                return "Permission denied"
            if path.is_file():
                with path.open("ab"):  # opened for appending: nothing written, nothing cut
                    pass
        else:
            with path.open("xb"):
                pass
            path.unlink()
    except OSError as error:
        return _reason(error)
    return None


def _check_out(args: argparse.Namespace, err: TextIO, *, table: bool = False) -> bool:
    """Check ``--out`` before any work: the path can be written and, for a Parquet
    ``table``, polars is installed. Print why not in one line and return False when it
    cannot be used."""
    path: Path | None = args.out
    if path is None:
        return True
    problem = _out_problem(path)
    if problem is not None:
        err.write(f"{path}: cannot write file ({problem})\n")
        return False
    if table and path.suffix.lower() == ".parquet":
        from practicemodel.analysis import _require

        try:
            _require("polars")
        except MissingExtraError as error:
            err.write(f"practicemodel {args.command_name}: --out {path}: {error}\n")
            return False
    return True


class _Report:
    """Collects validation results and prints them as text or JSON, as they come."""

    def __init__(self, out: _Output, err: TextIO, *, as_json: bool, quiet: bool) -> None:
        self.out, self.err = out, err
        self.as_json = as_json
        self.quiet = quiet
        self.valid = 0
        self.invalid = 0
        self.unreadable = 0
        self.listed = 0

    def _result(self, result: dict[str, object]) -> None:
        """One element of the JSON array, laid out as ``json.dump(results, indent=2)``."""
        lines = json.dumps(result, indent=2).splitlines()
        self.out.write(("[\n" if self.listed == 0 else ",\n")
                       + "\n".join(f"  {line}" for line in lines))
        self.listed += 1

    def ok(self, source: str, summary: str, case_id: str) -> None:
        self.valid += 1
        if self.as_json:
            self._result({"source": source, "valid": True, "case_id": case_id})
        elif not self.quiet:
            self.out.write(f"{source}: valid\n{summary}\n\n")

    def bad(self, source: str, problems: Sequence[Problem]) -> None:
        self.invalid += 1
        if self.as_json:
            self._result({
                "source": source, "valid": False,
                "problems": [{"path": f"$.{p.path}" if p.path else "$", "message": p.message}
                             for p in problems],
            })
            return
        count = len(problems)
        self.out.write(f"{source}: INVALID, {count} problem{'s' if count != 1 else ''}\n")
        for line in listed_problems(problems):
            self.out.write(f"{line}\n")
        self.out.write("\n")

    def failed(self, source: str, message: str) -> None:
        """The input could not be checked (an internal error): counted as invalid."""
        self.invalid += 1
        if self.as_json:
            self._result({"source": source, "valid": False, "error": message})
        else:
            self.out.write(f"{source}: {message}\n\n")

    def cannot_read(self, problem: _FileProblem) -> None:
        """A file that cannot be read: one line on stderr, counted apart from records."""
        self.unreadable += 1
        self.err.write(f"{problem}\n")

    def finish(self) -> int:
        if self.as_json:
            self.out.write("\n]\n" if self.listed else "[]\n")
        else:
            total = self.valid + self.invalid
            files = (f"; {self.unreadable} file{'s' if self.unreadable != 1 else ''} could "
                     "not be read" if self.unreadable else "")
            self.out.write(f"{total} case record{'s' if total != 1 else ''} checked: "
                           f"{self.valid} valid, {self.invalid} invalid{files}\n")
        return EXIT_OK if self.invalid == 0 and self.unreadable == 0 else EXIT_INVALID


def _check_text(text: str | bytes, source: str, report: _Report) -> None:
    from practicemodel.serialization import loads_case
    from practicemodel.summary import summarize

    doing = "load"
    try:
        case = loads_case(text, source=source)
        doing = "summarize"
        summary = "" if report.quiet or report.as_json else summarize(case)
    except RecordStructureError as error:
        report.bad(source, error.problems)
    except Exception as error:  # last resort: this input, not the whole run
        from practicemodel.caseload import _failure

        report.failed(source, _failure(error, source, doing).problems[0].message)
    else:
        report.ok(source, summary, case.id)


def _check_file(name: str, report: _Report, stdin: TextIO) -> None:
    with _Source(name, stdin) as source:
        lines = name == "-" or Path(name).suffix.lower() in (".jsonl", ".ndjson")
        if not lines or source.is_document():
            _check_text(source.document(), source.label, report)
            return
        for number, line in enumerate(source.lines(), start=1):
            if line.strip():
                _check_text(line, f"{source.label}:{number}", report)


def _validate(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    report = _Report(out, sys.stderr, as_json=args.as_json, quiet=args.quiet)
    if args.example:
        from practicemodel.example import EXAMPLE_NAME, example_json

        _check_text(example_json(), f"example:{EXAMPLE_NAME}", report)
    for name in args.files:
        try:
            _check_file(name, report, stdin)
        except _FileProblem as problem:
            report.cannot_read(problem)
    return report.finish()


def _write_text_out(args: argparse.Namespace, text: str, out: _Output) -> int:
    """``example --out`` and ``schema --out``: checked first, then written."""
    path: Path = args.out
    if not _check_out(args, sys.stderr):
        return EXIT_USAGE
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        sys.stderr.write(f"{path}: cannot write file ({_reason(error)})\n")
        return EXIT_INVALID
    out.write(f"wrote {path}\n")
    return EXIT_OK


def _example(args: argparse.Namespace, out: _Output) -> int:
    from practicemodel.example import example_json, load_example
    from practicemodel.summary import summarize

    if args.summary:
        out.write(summarize(load_example()) + "\n")
        return EXIT_OK
    text = example_json()
    if args.out is not None:
        return _write_text_out(args, text, out)
    out.write(text)
    return EXIT_OK


def _load_for(args: argparse.Namespace, stdin: TextIO,
              out: _Output | TextIO) -> tuple[Case, PolicyProfile] | None:
    """Load the case and look up the policy for ``check``, ``deadlines`` and ``report``; an
    invalid record's mistakes are written to ``out`` (standard output for ``check`` and
    ``deadlines``, standard error for ``report``, whose standard output is the page); a file
    that cannot be read raises _FileProblem."""
    from practicemodel.serialization import loads_case

    if args.example == (args.file is not None):
        args.command_parser.error(f"{args.command} needs exactly one of FILE or --example")
    policy = _policy(args)
    if args.example:
        from practicemodel.example import load_example

        return load_example(), policy
    with _Source(args.file, stdin) as source:
        text = source.document()
    try:
        return loads_case(text, source=source.label), policy
    except RecordStructureError as error:
        out.write(f"{error}\n")
        return None


def _deadlines(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    from practicemodel.timelines import DeadlineStatus, schedule

    loaded = _load_for(args, stdin, out)
    if loaded is None:
        return EXIT_INVALID
    case, policy = loaded
    result = schedule(case, policy=policy, as_of=args.as_of)
    rows = [d for d in result.all_deadlines()
            if not args.open_only or d.status in (DeadlineStatus.DUE, DeadlineStatus.OVERDUE,
                                                  DeadlineStatus.UPCOMING)]
    if args.as_json:
        from practicemodel.serialization import make_converter

        converter = make_converter()
        payload = {
            "case_id": result.case_id, "policy": result.policy_code,
            "as_of": result.as_of.isoformat(),
            "entered_foster_care": [converter.unstructure(e) for c in result.children
                                    for e in c.entered_care],
            "asfa": [converter.unstructure(c.asfa) for c in result.children if c.asfa],
            "deadlines": [converter.unstructure(d) for d in rows],
        }
        json.dump(payload, out, indent=2)
        out.write("\n")
        return EXIT_OK
    out.write(f"Deadlines for case {result.case_id} under {policy.code} ({policy.name}) "
              f"as of {result.as_of}\n")
    for child in result.children:
        for entered in child.entered_care:
            out.write(f"  {child.child_id}: entered foster care {entered.entered_on} "
                      f"({entered.fact})\n")
        if child.asfa is not None:
            out.write(f"  {child.child_id}: ASFA 15/22: {child.asfa.reason}\n")
    out.write("\n")
    widths = (max([len(d.subject_id) for d in rows] + [7]), 10, 12,
              max([len(d.kind.value) for d in rows] + [4]))
    header = ("subject", "due", "status", "kind")
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  why\n")
    for d in rows:
        cells = (d.subject_id, str(d.due_on or "-"), d.status.value, d.kind.value)
        out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
                  + f"  {d.reason}\n")
    counts: dict[str, int] = {}
    for d in rows:
        counts[d.status.value] = counts.get(d.status.value, 0) + 1
    out.write("\n" + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(counts.items()))
              + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    from practicemodel.checks import check_case
    from practicemodel.findings import Outcome, by_component

    if args.rules:
        from practicemodel.errors import UnknownRuleError
        from practicemodel.rules import select

        try:
            select(*args.rules)
        except UnknownRuleError as error:
            args.command_parser.error(str(error))
    loaded = _load_for(args, stdin, out)
    if loaded is None:
        return EXIT_INVALID
    case, policy = loaded
    findings = check_case(case, policy=policy, as_of=args.as_of, rules=args.rules)
    if args.as_json:
        json.dump({"case_id": case.id, "policy": policy.code, "as_of": args.as_of.isoformat(),
                   "findings": [f.to_json() for f in findings]}, out, indent=2)
        out.write("\n")
        return EXIT_OK
    shown = {Outcome.NOT_MET, Outcome.NEEDS_REVIEW} | (
        {Outcome.MET, Outcome.NOT_APPLICABLE} if args.show_all else set())
    out.write(f"Checks for case {case.id} under {policy.code} as of {args.as_of}\n")
    for component, items in by_component(findings).items():
        counts = {o: sum(1 for f in items if f.outcome is o) for o in Outcome}
        summary = ", ".join(f"{n} {o.value.replace('_', ' ')}" for o, n in counts.items() if n)
        out.write(f"\n{component.label}: {summary}\n")
        for f in items:
            if f.outcome in shown:
                out.write(f"  [{f.outcome.value}] {f.rule}: {f.subject}: {f.explanation}\n")
    total = {o: sum(1 for f in findings if f.outcome is o) for o in Outcome}
    out.write("\n" + ", ".join(f"{n} {o.value.replace('_', ' ')}" for o, n in total.items())
              + f" ({len(findings)} findings)\n")
    return EXIT_OK


def _report(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    """``report``: the case report of one case, to ``--out`` or standard output. The report
    extra and ``--out`` are checked before the case is read. Standard output carries the
    page and nothing else: an invalid record's mistakes and the ``wrote FILE`` line go to
    standard error."""
    err = sys.stderr
    out_text: str | None = args.out
    path = None if out_text in (None, "-") else Path(out_text)
    try:
        from practicemodel.report._render import environment

        environment()
    except MissingExtraError as error:
        err.write(f"practicemodel report: {error}\n")
        return EXIT_USAGE
    if path is not None:
        problem = _out_problem(path)
        if problem is not None:
            err.write(f"{path}: cannot write file ({problem})\n")
            return EXIT_USAGE
    loaded = _load_for(args, stdin, err)
    if loaded is None:
        return EXIT_INVALID
    case, policy = loaded
    from practicemodel.report import case_html

    page = case_html(case, policy=policy, as_of=args.as_of)
    if path is None:
        out.write(page)
        return EXIT_OK
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as error:
        err.write(f"{path}: cannot write file ({_reason(error)})\n")
        return EXIT_INVALID
    err.write(f"wrote {path}\n")
    return EXIT_OK


def _add_fhir_parser(commands: Any) -> None:
    fhir = commands.add_parser(
        "fhir", help="write a case as a FHIR R4 Bundle (JSON)",
        description="Write one case as a FHIR R4 Bundle of type collection (Patient, "
        "RelatedPerson, Condition, Goal, CarePlan, ServiceRequest, Encounter), validated "
        'with fhir.resources. Needs the fhir extra: pip install "practicemodel[fhir]".',
    )
    fhir.add_argument("file", nargs="?", metavar="FILE", help="a .json case record, or - for stdin")
    fhir.add_argument("--example", action="store_true", help="use the built-in example")
    fhir.add_argument("--out", metavar="FILE",
                      help="write the Bundle to FILE (checked before any work); without it, "
                      "or with -, the Bundle is printed on standard output")


def _fhir(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    """``fhir``: one case as a FHIR Bundle, to ``--out`` or standard output. The fhir extra
    and ``--out`` are checked before the case is read; standard output carries the Bundle
    and nothing else (mistakes and ``wrote FILE`` go to standard error)."""
    from practicemodel.fhir import _require, case_to_bundle
    from practicemodel.serialization import loads_case

    err = sys.stderr
    if args.example == (args.file is not None):
        args.command_parser.error("fhir needs exactly one of FILE or --example")
    try:
        _require()
    except MissingExtraError as error:
        err.write(f"practicemodel fhir: {error}\n")
        return EXIT_USAGE
    out_text: str | None = args.out
    path = None if out_text in (None, "-") else Path(out_text)
    if path is not None:
        problem = _out_problem(path)
        if problem is not None:
            err.write(f"{path}: cannot write file ({problem})\n")
            return EXIT_USAGE
    if args.example:
        from practicemodel.example import load_example

        case = load_example()
    else:
        with _Source(args.file, stdin) as source:
            text = source.document()
        try:
            case = loads_case(text, source=source.label)
        except RecordStructureError as error:
            err.write(f"{error}\n")
            return EXIT_INVALID
    bundle = json.dumps(case_to_bundle(case), indent=2, ensure_ascii=False) + "\n"
    if path is None:
        out.write(bundle)
        return EXIT_OK
    try:
        path.write_text(bundle, encoding="utf-8")
    except OSError as error:
        err.write(f"{path}: cannot write file ({_reason(error)})\n")
        return EXIT_INVALID
    err.write(f"wrote {path}\n")
    return EXIT_OK


def _table_text(records: list[dict[str, object]], suffix: str, newline: str = "\r\n") -> str:
    """The item-performance records as CSV, or as JSON for any other suffix."""
    import csv
    import io

    if suffix != ".csv":
        return json.dumps(records, indent=2) + "\n"
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(records[0]) if records else ["item"],
                            lineterminator=newline)
    writer.writeheader()
    writer.writerows(records)
    return text.getvalue()


def _write_table(records: list[dict[str, object]], path: Path) -> None:
    """Write item-performance records as CSV, JSON or Parquet, by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        from practicemodel.analysis import to_polars

        to_polars(records).write_parquet(path)
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write(_table_text(records, suffix))


class _Tally:
    """Cases reviewed so far, drawn as a progress bar when one is shown."""

    def __init__(self, err: TextIO, show: bool) -> None:
        self.err, self.show = err, show
        self.done = 0
        self.bar: ProgressBar | None = None
        self.messages: list[str] = []
        """The skipped records' messages (for the HTML report)."""
        self.sample: SampleReport | None = None
        """How the --sample was drawn (for the HTML report)."""

    def start(self, total: int | None) -> None:
        from practicemodel.progress import ProgressBar

        if self.show:
            self.bar = ProgressBar(self.err, total=total)
            self.bar.advance(0, 0)  # draw at once: the first batch takes a few seconds

    def advance(self, cases: int, work: int) -> None:
        self.done += cases
        if self.bar is not None:
            self.bar.advance(cases, work)

    def skipped(self, error: RecordStructureError) -> None:
        if self.bar is not None:  # clear the bar's line (it is redrawn after the batch)
            self.err.write("\r\033[K" if self.err.isatty() else "\n")
        self.err.write(f"{error}\n(skipped)\n")
        self.messages.append(str(error))

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.finish()
            self.bar = None


class _Skips:
    """Bad records met outside review_jsonl: reported and counted, or raised (--strict)."""

    def __init__(self, tally: _Tally, strict: bool) -> None:
        self.tally, self.strict = tally, strict
        self.count = 0

    def __call__(self, error: RecordStructureError) -> None:
        if self.strict:
            raise error
        self.count += 1
        self.tally.skipped(error)


def _file_cases(source: _Source, skip: _Skips) -> Iterator[Case]:
    """The cases of an input read as a whole (for --sample); bad records go to ``skip``."""
    from practicemodel.caseload import _load_record

    if source.is_document():
        lines: Iterator[tuple[str, str | bytes]] = iter([(source.label, source.document())])
    else:
        lines = ((f"{source.label}:{number}", line)
                 for number, line in enumerate(source.lines(), start=1) if line.strip())
    for label, line in lines:
        try:
            yield _load_record(line, label)
        except RecordStructureError as error:
            skip(error)


def _sample_population(args: argparse.Namespace, stdin: TextIO,
                       skip: _Skips) -> list[Case]:
    """All cases, held in memory to draw a sample from (bad records go to ``skip``)."""
    from practicemodel.synthetic import generate_cases

    if args.synthetic is not None:
        return list(generate_cases(args.synthetic, seed=args.seed))
    with _Source(args.file, stdin) as source:
        return list(_file_cases(source, skip))


def _review_document(args: argparse.Namespace, source: _Source, policy: PolicyProfile,
                     by: tuple[str, ...], tally: _Tally) -> CaseloadReview:
    """Review the one case of a single JSON document."""
    import attrs

    from practicemodel.caseload import _load_record, review_cases
    from practicemodel.review import get_instrument

    skip = _Skips(tally, args.strict)
    tally.start(1)
    cases = []
    try:
        cases.append(_load_record(source.document(), source.label))
    except RecordStructureError as error:
        skip(error)
    def failed(error: RecordStructureError) -> None:  # name the file, not the case
        skip(RecordReviewError(error.problems, source=source.label))

    result = review_cases(cases, policy=policy, as_of=args.as_of, by=by,
                          instrument=get_instrument(args.instrument),
                          progress=tally.advance, on_skip=failed)
    return attrs.evolve(result, records_skipped=skip.count)


def _review_run(args: argparse.Namespace, stdin: TextIO, err: TextIO, policy: PolicyProfile,
                by: tuple[str, ...], workers: int, tally: _Tally) -> CaseloadReview:
    """Review the cases the arguments name; report bad records on ``err`` as they come."""
    import attrs

    from practicemodel.caseload import review_cases, review_jsonl, review_synthetic
    from practicemodel.review import get_instrument

    instrument = get_instrument(args.instrument)
    try:
        if args.sample is not None:
            from practicemodel.sampling import stratified_sample

            skip = _Skips(tally, args.strict)
            population = _sample_population(args, stdin, skip)
            sample, report = stratified_sample(population, strata=("region", "case_type"),
                                               seed=args.seed, proportional_total=args.sample)
            del population
            tally.sample = report
            err.write(f"sample: {len(sample)} of {report.population} "
                      f"cases, stratified by region x case type (seed {args.seed})\n")
            tally.start(len(sample))
            result = review_cases(sample, policy=policy, as_of=args.as_of, by=by,
                                  instrument=instrument, progress=tally.advance,
                                  on_skip=skip)
            return attrs.evolve(result, records_skipped=skip.count)
        if args.synthetic is not None:
            tally.start(args.synthetic)
            return review_synthetic(args.synthetic, seed=args.seed, policy=policy,
                                    as_of=args.as_of, by=by, workers=workers,
                                    instrument=instrument, progress=tally.advance)
        with _Source(args.file, stdin) as source:
            if source.is_document():
                return _review_document(args, source, policy, by, tally)
            tally.start(source.size)
            return review_jsonl(source.lines(), policy=policy, as_of=args.as_of, by=by,
                                workers=workers, strict=args.strict, on_skip=tally.skipped,
                                instrument=instrument,
                                progress=tally.advance, name=source.label)
    finally:
        tally.finish()


class _EngineProblem(Exception):
    """The Dask engine cannot be used or could not finish: said in one line, exit 1."""


def _check_dask(args: argparse.Namespace, err: TextIO) -> bool:
    """Check, before any work, what ``--engine dask`` needs: Dask installed (and pyarrow for
    ``--out DIR/``), a well-formed ``--scheduler`` address, and a usable ``--out``. Print
    why not in one line and return False when something is missing."""
    import importlib.util

    from practicemodel.analysis import DASK_EXTRA

    needed = ["dask", "distributed"]
    if args.records_dir is not None:
        needed += ["pandas", "pyarrow"]
    for module in needed:
        if importlib.util.find_spec(module) is None:
            err.write(f"practicemodel review: --engine dask: {module} is needed for this; "
                      f"install the dask extra: {DASK_EXTRA}\n")
            return False
    if args.scheduler is not None:
        problem = _address_problem(args.scheduler)
        if problem is not None:
            args.command_parser.error(f"--scheduler {args.scheduler!r}: {problem}")
    if args.records_dir is None:
        return _check_out(args, err, table=True)
    if "://" in args.records_dir:  # a URL (s3://bucket/ratings/): fsspec's to check
        return True
    problem = _records_dir_problem(Path(args.records_dir))
    if problem is not None:
        err.write(f"{args.records_dir}: cannot write the ratings there ({problem})\n")
        return False
    return True


def _address_problem(address: str) -> str | None:
    """Why ``address`` is not a Dask scheduler address, or None."""
    from distributed.comm.addressing import normalize_address, parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, location = parse_address(normalize_address(address))
        if scheme not in backends:
            return (f"unknown address scheme {scheme!r} (known: "
                    f"{', '.join(sorted(backends))})")
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except (ValueError, TypeError) as error:
        return str(error)
    return None


def _records_dir_problem(path: Path) -> str | None:
    """Why the ratings cannot be written as Parquet files into directory ``path``, or
    None: it must be a new directory in an existing one, or an empty directory."""
    if path.exists():
        if not path.is_dir():
            return "not a directory"
        if any(path.iterdir()):
            return "the directory is not empty"
        if not os.access(path, os.W_OK | os.X_OK):
            return "Permission denied"
        return None
    parent = path.parent
    if not parent.exists():
        return f"directory {parent} does not exist"
    if not parent.is_dir():
        return f"{parent} is not a directory"
    if not os.access(parent, os.W_OK | os.X_OK):
        return "Permission denied"
    return None


def _reachable(address: str) -> None:
    """Connect to a tcp:// scheduler address once (within Dask's connect timeout) before a
    Client is made, so that a wrong address is one clear line; raise _EngineProblem."""
    import socket

    import dask
    from dask.utils import parse_timedelta
    from distributed.comm.addressing import normalize_address, parse_address, parse_host_port

    scheme, location = parse_address(normalize_address(address))
    if scheme not in ("tcp", "tls"):
        return
    host, port = parse_host_port(location)
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        reason = ("timed out" if isinstance(error, TimeoutError)
                  else error.strerror or str(error))
        raise _EngineProblem(f"cannot connect to the Dask scheduler at {address} "
                             f"({reason})") from None


@contextmanager
def _quiet_dask() -> Iterator[int]:
    """Dask's own log messages (a worker restarting, a connection closed) are held back
    while the engine runs: what went wrong is said in one line. ``PRACTICEMODEL_DEBUG=1``
    lets them through. Yields the level for a LocalCluster's ``silence_logs``."""
    import logging

    if os.environ.get("PRACTICEMODEL_DEBUG"):
        yield logging.WARNING
        return
    logger = logging.getLogger("distributed")
    before = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield logging.CRITICAL
    finally:
        logger.setLevel(before)


@contextmanager
def _dask_client(args: argparse.Namespace, workers: int) -> Iterator[Any]:
    """A Dask client (``distributed.Client``): of the scheduler ``--scheduler`` names, or
    of a LocalCluster of ``workers`` processes started for the review and closed after
    it."""
    import importlib

    from practicemodel.distributed import local_cluster

    distributed: Any = importlib.import_module("distributed")
    with _quiet_dask() as level:
        if args.scheduler is not None:
            _reachable(args.scheduler)
            try:
                client = distributed.Client(args.scheduler)
            except (OSError, TimeoutError) as error:
                raise _EngineProblem(f"cannot connect to the Dask scheduler at "
                                     f"{args.scheduler} ({error})") from None
            with client:
                yield client
            return
        # No dashboard; the scheduler's HTTP server (health, metrics) on a free local
        # port, not on 8787, which another cluster may hold.
        with local_cluster(n_workers=workers, dashboard_address=None,
                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                           silence_logs=level) as cluster, \
                distributed.Client(cluster) as client:
            yield client


def _lost_computation(error: BaseException) -> str | None:
    """The one line for an exception that means the Dask computation could not finish (a
    worker lost too often, the scheduler gone), or None for any other exception."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker
    from distributed.comm.core import CommClosedError

    if isinstance(error, KilledWorker):
        return ("a Dask worker died while rating a part of the input, and again on each "
                "retry (killed, or out of memory?)")
    if isinstance(error, CancelledError | CommClosedError):
        return "the Dask computation was lost (the scheduler went away, or cancelled it)"
    return None


def _review_on_dask(args: argparse.Namespace, err: TextIO, policy: PolicyProfile,
                    by: tuple[str, ...], workers: int, tally: _Tally,
                    ) -> tuple[CaseloadReview, str | None] | int:
    """Review on a Dask cluster; return the result and why ``--out DIR/`` could not be
    written (None when it was, or was not asked), or the exit code when there is no
    result (a --strict stop, a lost computation: said on ``err``)."""
    from practicemodel.distributed import review_files
    from practicemodel.errors import ReviewIncompleteError
    from practicemodel.review import get_instrument

    def drawn(report: SampleReport) -> None:  # as the local engine says it
        tally.sample = report
        err.write(f"sample: {report.drawn} of {report.population} cases, stratified by "
                  f"region x case type (seed {args.seed})\n")

    def skipped(error: RecordStructureError) -> None:
        if tally.show:  # off the progress bar's line (it is redrawn after the partition)
            err.write("\r\033[K" if err.isatty() else "\n")
        err.write(f"{error}\n(skipped)\n")
        tally.messages.append(str(error))

    try:
        with _dask_client(args, workers) as client:
            # --sample: two passes, the strata of every case, then the cases drawn (the
            # same cases stratified_sample draws from the local engine's population).
            result = review_files(args.file, policy=policy, as_of=args.as_of, by=by,
                                  instrument=get_instrument(args.instrument),
                                  client=client, strict=args.strict, on_skip=skipped,
                                  progress=tally.show, sample=args.sample, seed=args.seed,
                                  on_sample=drawn)
            unwritten: str | None = None
            if args.records_dir is not None:
                unwritten = _write_ratings(args, policy, by, client)
    except _EngineProblem as problem:
        err.write(f"practicemodel: {problem}\n")
        return EXIT_INVALID
    except ReviewIncompleteError as error:
        err.write(f"practicemodel: {' '.join(str(error).split())}\n")
        return EXIT_INVALID
    except RecordStructureError as error:
        err.write(f"{error}\nstopped (--strict) at the first bad record in file order; no "
                  "table is printed\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        err.write("practicemodel: interrupted; the Dask computation is cancelled and no "
                  "table is printed\n")
        return EXIT_INTERRUPTED
    except FileNotFoundError as error:
        raise _FileProblem(error.filename or args.file, _reason(error)) from None
    except Exception as error:
        lost = _lost_computation(error)
        if lost is None:
            raise
        err.write(f"practicemodel: {lost}; the review is incomplete and no table is "
                  "printed\n")
        return EXIT_INVALID
    return result, unwritten


def _write_ratings(args: argparse.Namespace, policy: PolicyProfile, by: tuple[str, ...],
                   client: Any) -> str | None:
    """``--out DIR/``: write the rating records as partitioned Parquet; return why it
    could not be written, or None."""
    from practicemodel.analysis import to_dask
    from practicemodel.review import get_instrument

    frame = to_dask(args.file, policy=policy, as_of=args.as_of,
                    instrument=get_instrument(args.instrument), by=by, client=client)
    try:
        frame.to_parquet(args.records_dir, write_index=False,
                         compute_kwargs={"scheduler": client})
    except OSError as error:
        from distributed.comm.core import CommClosedError

        if isinstance(error, CommClosedError):
            raise
        return _reason(error)
    return None


def _cores() -> int:
    """CPU cores this process may use (its affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _review(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    parser = args.command_parser
    out_text: str | None = args.out
    args.out = None if out_text is None else Path(out_text)
    # --engine dask --out DIR/ (or an existing directory): the ratings as Parquet files
    args.records_dir = (out_text if args.engine == "dask" and out_text is not None and (
        out_text.endswith(("/", os.sep)) or Path(out_text).is_dir()) else None)
    if (args.synthetic is None) == (args.file is None):
        parser.error("review needs exactly one of FILE or --synthetic N")
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    if args.engine == "dask":
        if args.synthetic is not None:
            parser.error("--engine dask reviews files: give FILE (a file, a directory, a "
                         "glob or a URL), not --synthetic")
        if args.file == "-":
            parser.error("--engine dask reads files, not standard input (-)")
        if args.sample is not None and args.records_dir is not None:
            parser.error("--out DIR/ writes the ratings of every case; it cannot be "
                         "combined with --sample")
    if args.synthetic is not None and args.synthetic < 0:
        parser.error("--synthetic needs a number of cases of 0 or more")
    if args.sample is not None and args.sample < 0:
        parser.error("--sample needs a number of cases of 0 or more")
    if args.workers < 0:
        parser.error(f"--workers needs 0 (one per CPU core) or more (got {args.workers})")
    if (args.out is not None and args.records_dir is None
            and args.out.suffix.lower() not in _TABLE_SUFFIXES):
        parser.error(f"--out must end in .csv, .json or .parquet (got {str(args.out)!r})")
    if args.baseline is not None:
        if args.engine == "dask":
            parser.error("--baseline is reviewed by the local engine only; review the "
                         "baseline file with --engine dask --out FILE.json separately")
        if args.baseline == "-" and args.file == "-":
            parser.error("--baseline and FILE cannot both be standard input (-)")
    policy = _policy(args)
    err = sys.stderr
    if not _check_html(args, err):
        return EXIT_USAGE
    if args.engine == "dask":
        if not _check_dask(args, err):
            return EXIT_USAGE
    elif not _check_out(args, err, table=True):
        return EXIT_USAGE
    workers = args.workers or _cores()
    tally = _Tally(err, err.isatty() if args.progress is None else args.progress)
    by = tuple(dict.fromkeys(args.by))
    if args.engine == "dask":
        dask_result = _review_on_dask(args, err, policy, by, workers, tally)
        if isinstance(dask_result, int):
            return dask_result
        result, unwritten_records = dask_result
        code = _print_review(args, out, err, policy, by, result, tally=tally)
        if unwritten_records is not None:
            err.write(f"{args.records_dir}: cannot write the ratings as Parquet "
                      f"({unwritten_records}); the table above is complete, the case "
                      "ratings were not written\n")
            return EXIT_INVALID
        return code
    baseline_source: _Source | None = None
    if args.baseline is not None:
        # Opened, and its first line read, before the review: a baseline that cannot be
        # read stops the command at once, as an unusable --html or --out does.
        try:
            baseline_source = _open_checked(args.baseline, stdin)
        except _FileProblem as problem:
            err.write(f"{problem}\n")
            return EXIT_INVALID
    try:
        return _review_local(args, out, stdin, err, policy, by, workers, tally,
                             baseline_source)
    finally:
        if baseline_source is not None:
            baseline_source.close()


def _open_checked(name: str, stdin: TextIO) -> _Source:
    """Open an input and read its first line(s) now, so that a file that cannot be opened
    or read (or whose first line is not UTF-8) raises _FileProblem before any work."""
    source = _Source(name, stdin)
    try:
        source.is_document()
    except _FileProblem:
        source.close()
        raise
    return source


def _review_local(args: argparse.Namespace, out: _Output, stdin: TextIO, err: TextIO,
                  policy: PolicyProfile, by: tuple[str, ...], workers: int, tally: _Tally,
                  baseline_source: _Source | None) -> int:
    """Review the cases on this machine (and the baseline, when its source is given), then
    print the result; return the exit code."""
    from concurrent.futures.process import BrokenProcessPool

    baseline: CaseloadReview | None = None
    try:
        result = _review_run(args, stdin, err, policy, by, workers, tally)
        if baseline_source is not None:
            baseline = _review_baseline(args, baseline_source, err, policy, by, workers,
                                        tally)
    except RecordStructureError as error:
        err.write(f"{error}\nstopped (--strict) after {tally.done} case(s) reviewed\n")
        return EXIT_INVALID
    except BrokenProcessPool:
        err.write(f"practicemodel: a worker process ended unexpectedly (killed, or out of "
                  f"memory?) after {tally.done} cases reviewed; the review is incomplete "
                  "and no table is printed\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        err.write(f"practicemodel: interrupted after {tally.done} cases reviewed; no table "
                  "is printed\n")
        return EXIT_INTERRUPTED
    return _print_review(args, out, err, policy, by, result, tally=tally, baseline=baseline)


def _check_html(args: argparse.Namespace, err: TextIO) -> bool:
    """Check ``--html`` before any work: the report extra is installed and the path can be
    written. Print why not in one line and return False when it cannot be used."""
    path: Path | None = getattr(args, "html", None)
    if path is None:
        return True
    try:
        from practicemodel.report._render import environment

        environment()
    except MissingExtraError as error:
        err.write(f"practicemodel {args.command_name}: --html {path}: {error}\n")
        return False
    problem = _out_problem(path)
    if problem is not None:
        err.write(f"{path}: cannot write file ({problem})\n")
        return False
    return True


def _review_baseline(args: argparse.Namespace, source: _Source, err: TextIO,
                     policy: PolicyProfile, by: tuple[str, ...], workers: int,
                     tally: _Tally) -> CaseloadReview:
    """Review the ``--baseline`` file (opened and checked before the follow-up review) as
    the follow-up was: the same policy, date, grouping and instrument, but all of it
    (``--sample`` draws from the follow-up only). Its bad records are reported on ``err``,
    counted in its result and added to the HTML report's messages as ``baseline: ...``."""
    import attrs

    from practicemodel.caseload import _load_record, review_cases, review_jsonl
    from practicemodel.review import get_instrument

    instrument = get_instrument(args.instrument)

    def skipped(error: RecordStructureError) -> None:
        if args.strict:
            raise error
        err.write(f"{error}\n(skipped, in the baseline)\n")
        tally.messages.append(f"baseline: {error}")

    if not source.is_document():
        return review_jsonl(source.lines(), policy=policy, as_of=args.as_of, by=by,
                            workers=workers, strict=args.strict, on_skip=skipped,
                            instrument=instrument, name=source.label)
    cases, bad = [], 0
    try:
        cases.append(_load_record(source.document(), source.label))
    except RecordStructureError as error:
        skipped(error)
        bad = 1

    def failed(error: RecordStructureError) -> None:  # name the file, not the case
        skipped(RecordReviewError(error.problems, source=source.label))

    result = review_cases(cases, policy=policy, as_of=args.as_of, by=by,
                          instrument=instrument, on_skip=failed)
    return attrs.evolve(result, records_skipped=result.records_skipped + bad)


def _comparison_json(baseline: CaseloadReview, result: CaseloadReview,
                     by: tuple[str, ...]) -> dict[str, object]:
    """The ``baseline`` and ``comparison`` members of ``review --baseline --json``."""
    from practicemodel.caseload import compare_caseloads

    return {
        "baseline": {"cases_reviewed": baseline.cases_reviewed,
                     "records_skipped": baseline.records_skipped},
        "comparison": [
            {"item": g.item, "group": dict(zip(by, g.group, strict=True)),
             "baseline_strengths": g.baseline.strengths,
             "baseline_applicable": g.baseline.applicable,
             "follow_up_strengths": g.follow_up.strengths,
             "follow_up_applicable": g.follow_up.applicable,
             "difference": g.comparison.difference, "low": g.comparison.low,
             "high": g.comparison.high, "p_value": g.comparison.p_value,
             "significant": g.comparison.significant}
            for g in compare_caseloads(baseline, result)],
    }


def _comparison_text(baseline: CaseloadReview, result: CaseloadReview) -> str:
    """The baseline-vs-follow-up section of ``review --baseline``'s table."""
    from practicemodel._describe import _plural
    from practicemodel.caseload import compare_caseloads

    # 95%: compare_caseloads' default confidence, the one used below.
    lines = [f"\nBaseline ({_plural(baseline.cases_reviewed, 'case')}) vs follow-up "
             f"({_plural(result.cases_reviewed, 'case')}): follow-up minus baseline, 95% "
             "interval\n"]
    for g in compare_caseloads(baseline, result):
        c = g.comparison
        group = "/".join(str(v) for v in g.group) or "all"
        if c.difference is None or c.low is None or c.high is None:
            change = "n/a (no applicable case on one side)"
        else:
            change = (f"{c.difference:+7.1%}  [{c.low:+.1%}, {c.high:+.1%}]"
                      + ("  significant" if c.significant else ""))
        lines.append(f"  {g.item:<{_LABEL_WIDTH // 2}}  {group:<20}  "
                     f"{g.baseline.strengths}/{g.baseline.applicable} -> "
                     f"{g.follow_up.strengths}/{g.follow_up.applicable}  {change}\n")
    return "".join(lines)


def _write_html(args: argparse.Namespace, err: TextIO, result: CaseloadReview,
                tally: _Tally | None, baseline: CaseloadReview | None) -> bool:
    """``--html``: write the caseload report; say why not on ``err`` and return False."""
    from practicemodel.report import caseload_html

    page = caseload_html(result, baseline=baseline,
                         sample=tally.sample if tally is not None else None,
                         skipped=tuple(tally.messages) if tally is not None else ())
    return _write_page(args.html, page, err)


def _print_review(args: argparse.Namespace, out: _Output, err: TextIO, policy: PolicyProfile,
                  by: tuple[str, ...], result: CaseloadReview, *, tally: _Tally | None = None,
                  baseline: CaseloadReview | None = None) -> int:
    """Write the ``--out`` table file, then print the review's table (or JSON), then write
    the ``--html`` report; return the exit code."""
    from practicemodel.analysis import performance_records
    from practicemodel.review import get_instrument

    instrument = get_instrument(args.instrument)
    table = result.table
    counts = {"reviewed": result.cases_reviewed, "skipped": result.records_skipped}
    # The --out file first: it is then safe whatever happens to standard output.
    records = performance_records(table)
    unwritten: str | None = None
    if args.out is not None and args.records_dir is None:
        try:
            _write_table(records, args.out)
        except Exception as error:  # the table is printed instead; see below
            unwritten = (_reason(error) if isinstance(error, OSError)
                         else type(error).__name__)
    rows_of = {code: [p for p in table if p.item == code] for code in
               (*(i.code for i in instrument.items),
                *(d.outcome.value for d in instrument.outcomes))}
    sections = _review_sections(instrument)
    threshold = policy.outcome_conformity_threshold
    final = (f"{counts['reviewed']} case{'s' if counts['reviewed'] != 1 else ''} reviewed, "
             f"{counts['skipped']} record{'s' if counts['skipped'] != 1 else ''} skipped")
    if args.as_json:
        def json_rows(code: str, name: str) -> list[dict[str, object]]:
            return [{"item": code, "name": name, "group": dict(zip(by, p.group, strict=True)),
                     "strengths": p.strengths, "applicable": p.applicable,
                     "not_applicable": p.not_applicable,
                     "performance": p.performance.estimate,
                     "low": p.performance.low, "high": p.performance.high}
                    for p in rows_of[code]]

        payload: dict[str, object] = {
            "instrument": instrument.name, "policy": policy.code,
            "as_of": args.as_of.isoformat(), "by": list(by),
            "cases_reviewed": counts["reviewed"], "records_skipped": counts["skipped"],
        }
        if instrument.outcomes:
            payload["outcome_conformity_threshold"] = threshold
            payload["outcomes"] = [
                {"outcome": outcome.value, "label": label,
                 "items": [row for item in items for row in json_rows(item.code, item.name)],
                 "conformity": [
                     {**row, "in_substantial_conformity": row["performance"] is not None
                      and float(row["performance"]) >= threshold}  # type: ignore[arg-type]
                     for row in json_rows(outcome.value, "substantially achieved")]}
                for label, items, outcome in sections if outcome is not None]
        else:
            payload["components"] = [
                {"component": code, "label": label,
                 "items": [row for item in items for row in json_rows(item.code, item.name)]}
                for label, items, code in ((label, items, component.value)
                                           for (label, items, _), component
                                           in zip(sections, _components_with_items(instrument),
                                                  strict=True))]
        if baseline is not None:
            payload.update(_comparison_json(baseline, result, by))
        json.dump(payload, out, indent=2)
        out.write("\n")
        err.write(f"{final}\n")
    else:
        out.write(f"Review on {instrument.name} under {policy.code} as of {args.as_of}\n")
        # Item names longer than _LABEL_WIDTH are printed on a line of their own, the
        # numbers under them (the CFSR's item 6 has 95 characters).
        width = min(max(len(_item_label(i)) for i in instrument.items), _LABEL_WIDTH)
        hidden = 0
        out.write(f"\n  {'item':<{width}}  {'group':<20}  {'strengths/applicable':>20}  "
                  f"{'perf.':>7}  95% Wilson interval\n")

        def line(label: str, p: GroupPerformance) -> str:
            group = "/".join(str(g) for g in p.group) or "all"
            share = (f"{p.performance.estimate:7.2%}"
                     if p.performance.estimate is not None else "      -")
            counted = f"{p.strengths}/{p.applicable}"
            return (f"  {label:<{width}}  {group:<20}  {counted:>20}  {share}  "
                    f"[{p.performance.low:.1%}, {p.performance.high:.1%}]")

        for label, items, outcome in sections:
            out.write(f"\n{label}\n")
            for item in items:
                rows = rows_of[item.code]
                shown = [p for p in rows if p.applicable or not by]
                hidden += len(rows) - len(shown)
                name = _item_label(item)
                if len(name) > width:
                    out.write(f"  {name}\n")
                    name = ""
                if not shown:
                    out.write(f"  {name:<{width}}  {'(none applicable)':<20}  "
                              f"{'0/0':>20}        -\n")
                for p in shown:
                    out.write(line(name, p) + "\n")
            if outcome is None:
                continue
            rows = rows_of[outcome.value]
            shown = [p for p in rows if p.applicable or not by]
            hidden += len(rows) - len(shown)
            for p in shown:
                estimate = p.performance.estimate
                verdict = ("no applicable case" if estimate is None else
                           "in substantial conformity" if estimate >= threshold else
                           "not in substantial conformity")
                out.write(line("outcome substantially achieved", p)
                          + f"  {verdict} (threshold {threshold:.0%})\n")
        if hidden:
            out.write(f"\n({hidden} group{'s' if hidden != 1 else ''} with no applicable case "
                      "not shown; --json and --out list every group)\n")
        if baseline is not None:
            out.write(_comparison_text(baseline, result))
        out.write(f"\n{final}\n")
    html_written = getattr(args, "html", None) is None or _write_html(args, err, result, tally,
                                                                       baseline)
    if unwritten is not None:
        suffix = args.out.suffix.lower()
        shape = "CSV" if suffix == ".csv" else "JSON"
        out.write(f"\n{_table_text(records, suffix, newline=chr(10))}")
        err.write(f"{args.out}: cannot write file ({unwritten}); the table it would hold is "
                  f"printed on standard output instead, as {shape}\n")
        return EXIT_INVALID
    if not html_written:
        return EXIT_INVALID
    skipped = counts["skipped"] + (baseline.records_skipped if baseline is not None else 0)
    return EXIT_OK if skipped == 0 else EXIT_INVALID


def _components_with_items(instrument: ReviewInstrument) -> list[PracticeComponent]:
    """The practice-model components at least one item of ``instrument`` is evidence for."""
    from practicemodel.components import PracticeComponent

    return [c for c in PracticeComponent if any(c in i.components for i in instrument.items)]


def _review_sections(instrument: ReviewInstrument) -> list[
        tuple[str, list[ReviewItem], CfsrOutcome | None]]:
    """The printed sections of a review: by CFSR outcome (with the outcome's code) on an
    instrument that rates outcomes, else by practice-model component."""
    if instrument.outcomes:
        return [(d.outcome.label,
                 [i for i in instrument.items if i.cfsr_item in d.items], d.outcome)
                for d in instrument.outcomes]
    return [(c.label, [i for i in instrument.items if c in i.components], None)
            for c in _components_with_items(instrument)]


_LABEL_WIDTH = 60


def _item_label(item: ReviewItem) -> str:
    """``"14 Caseworker visits with child"`` for a CFSR item, else the item's name."""
    return item.name if item.cfsr_item is None else f"{item.cfsr_item:>2} {item.name}"


def _schema(args: argparse.Namespace, out: _Output) -> int:
    from practicemodel.schema import case_json_schema_text

    text = case_json_schema_text() + "\n"
    if args.out is not None:
        return _write_text_out(args, text, out)
    out.write(text)
    return EXIT_OK


def _add_plan_parser(commands: Any) -> None:
    """``plan status``: a Program Improvement Plan's key activities as of a date."""
    plan = commands.add_parser(
        "plan", help="a Program Improvement Plan's key activities as of a date",
        description="Program Improvement Plans (practicemodel.improvement).")
    status = plan.add_subparsers(dest="plan_command", required=True, metavar="COMMAND") \
        .add_parser("status", help="list the key activities due by a date, by goal",
                    description="List, goal by goal, the key activities of a Program "
                    "Improvement Plan due by a date: due this quarter, overdue (its quarter "
                    "has ended and no completion is recorded), completed, ongoing; with the "
                    "PIP quarter the date falls in (quarter 1 starts on the effective date).")
    status.add_argument("--as-of", required=True, type=_iso_date, metavar="DATE",
                        help="the date the activities are looked at as of (YYYY-MM-DD)")
    source = status.add_mutually_exclusive_group()
    source.add_argument("--plan", default="MS-R3", metavar="CODE",
                        help="a shipped plan's code (default MS-R3, Mississippi's CFSR Round "
                        "3 plan)")
    source.add_argument("--plan-file", metavar="FILE",
                        help="a plan as a JSON file, or - for stdin")
    status.add_argument("--progress", metavar="FILE",
                        help="a JSON file of the completions recorded: "
                        '{"progress": [{"label": "1.1.1", "completed_on": "2020-04-20"}, ...]}')
    status.add_argument("--all", action="store_true", dest="show_all",
                        help="also list the activities not yet due (upcoming)")
    status.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
    status.add_argument("--html", type=Path, metavar="FILE",
                        help="also write the plan's status page as a self-contained HTML "
                        "file (needs the report extra)")
    status.set_defaults(command_parser=status, command_name="plan status")


_T = TypeVar("_T")


def _shipped_or_file(args: argparse.Namespace, stdin: TextIO, path: str | None, code: str,
                     shipped: Callable[[str], _T],
                     parse: Callable[..., _T]) -> _T:
    """The document in the file ``path`` (``-`` for stdin), read with ``parse(text,
    source=...)``; without a file, the shipped one with this ``code`` (an unknown code is a
    usage error of the subcommand). A bad file raises ``RecordStructureError``."""
    if path is not None:
        with _Source(path, stdin) as source:
            return parse(source.document(), source=source.label)
    parser: argparse.ArgumentParser = args.command_parser
    try:
        return shipped(code)
    except PracticeModelError as error:
        parser.error(str(error))


def _plan_status(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    from practicemodel.improvement import (
        ActivityProgress,
        ActivityState,
        get_plan,
        loads_plan,
        loads_progress,
        plan_status,
    )

    if not _check_html(args, sys.stderr):
        return EXIT_USAGE
    try:
        plan = _shipped_or_file(args, stdin, args.plan_file, args.plan, get_plan, loads_plan)
        progress: tuple[ActivityProgress, ...] = ()
        if args.progress is not None:
            with _Source(args.progress, stdin) as source:
                progress = loads_progress(source.document(), source=source.label)
    except RecordStructureError as error:
        out.write(f"{error}\n")
        return EXIT_INVALID
    status = plan_status(plan, as_of=args.as_of, progress=progress)
    code = EXIT_OK
    if args.html is not None:
        from practicemodel.report import plan_status_html

        if not _write_page(args.html, plan_status_html(plan, status), sys.stderr):
            code = EXIT_INVALID
    if args.as_json:
        json.dump(status.to_json(), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return code
    out.write(f"{plan.title} ({plan.code}) as of {status.as_of}\n")
    dates = (f"effective {plan.effective_on}, implementation to "
             f"{plan.implementation_ends_on} ({plan.implementation_quarters} quarters)")
    if plan.non_overlapping_year_ends_on is not None:
        dates += f", non-overlapping year to {plan.non_overlapping_year_ends_on}"
    out.write(f"{dates}; reporting {plan.reporting_frequency.value}\n")
    if status.quarter is None:
        out.write("before the plan takes effect: every activity is upcoming\n")
    else:
        from practicemodel.improvement import quarter_period

        out.write(f"quarter {status.quarter} of {plan.implementation_quarters}: "
                  f"{quarter_period(plan, status.quarter)}\n")

    def tally(counts: dict[str, int]) -> str:
        return ", ".join(f"{n} {state}" for state, n in counts.items() if n) or "none"

    for goal, rows in status.by_goal().items():
        out.write(f"\nGoal {goal.number}: {goal.statement} "
                  f"({tally(status.counts(goal.number))})\n")
        for row in rows:
            if row.state is ActivityState.UPCOMING and not args.show_all:
                continue
            a = row.activity
            words = a.text if a.lead is None else f"{a.lead} {a.label[-1]}) {a.text}"
            out.write(f"  {a.label:<7} {row.state.value:<9} {row.explanation}\n"
                      f"  {'':<7} {'':<9} {words}\n")
    out.write(f"\n{tally(status.counts())} ({len(status.activities)} activities)\n")
    return code


def _write_page(path: Path, page: str, err: TextIO) -> bool:
    """``--html``: write ``page`` to ``path`` and say so; say why not on ``err`` and return
    False."""
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as error:
        err.write(f"{path}: cannot write file ({_reason(error)}); the HTML report was not "
                  "written\n")
        return False
    err.write(f"wrote {path}\n")
    return True


def _add_deidentify_parser(commands: Any) -> None:
    """``deidentify``: a de-identified copy of a JSON Lines file, for pooled analysis."""
    deidentify = commands.add_parser(
        "deidentify", help="write a de-identified copy of a caseload for pooled analysis",
        description="Write a de-identified copy of every case of a JSON Lines file: ids "
        "replaced by a keyed hash (the same in every file de-identified with the same key), "
        "names and free text removed, only the children's birth dates kept, and all of a "
        "case's dates shifted by one offset per case, chosen so that every rating of the "
        "practice-model and CFSR instruments as of --as-of stays the same. Prints how many "
        "cases kept every rating and which ratings changed. The offsets are not written.",
    )
    deidentify.add_argument("file", metavar="FILE",
                            help="a .jsonl file of case records (or a .json record), or - "
                            "for stdin")
    deidentify.add_argument("--key-file", required=True, type=Path, metavar="KEY",
                            help="a file holding the key (at least 32 bytes; one trailing "
                            "line break is ignored). Make one with: python -c \"import "
                            "secrets; print(secrets.token_hex(32))\" > deid.key")
    deidentify.add_argument("--out", required=True, type=Path, metavar="FILE",
                            help="the de-identified JSON Lines file (checked before any "
                            "work, replaced when the export is done; never FILE itself)")
    deidentify.add_argument("--as-of", required=True, type=_iso_date, metavar="DATE",
                            help="the date the de-identified cases will be reviewed as of "
                            "(YYYY-MM-DD): the offsets keep every rating on that date")
    deidentify.add_argument("--policy", default="FEDERAL", metavar="CODE",
                            help="policy profile code of that review (default FEDERAL)")
    deidentify.add_argument("--strict", action="store_true",
                            help="stop at the first bad record (exit 1; nothing is written)")


def _deidentify(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    """``deidentify``: check the key and ``--out``, then write the de-identified cases to a
    temporary file beside ``--out``, which replaces ``--out`` once every case is done."""
    import tempfile

    from practicemodel.deidentify import deidentify_jsonl, read_key

    err = sys.stderr
    path: Path = args.out
    policy = _policy(args)
    if args.file != "-" and path.exists() and Path(args.file).exists() and os.path.samefile(
            args.file, path):
        args.command_parser.error(f"--out {path} is the input file; write the de-identified "
                                  "copy to another file")
    try:
        key = read_key(args.key_file)
    except PracticeModelError as error:
        err.write(f"practicemodel deidentify: {error}\n")
        return EXIT_USAGE
    if not _check_out(args, err):
        return EXIT_USAGE
    tally = _Tally(err, False)
    skip = _Skips(tally, args.strict)
    with _Source(args.file, stdin) as source:
        lines = [source.document()] if source.is_document() else source.lines()
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - replaced or removed below
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False)
        try:
            with handle:
                summary = deidentify_jsonl(lines, handle, key=key, as_of=args.as_of,
                                           policy=policy, name=source.label,
                                           strict=args.strict, on_skip=skip)
            if path.exists():  # the file keeps its permissions; a new one gets the umask's
                mode = path.stat().st_mode & 0o777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(handle.name, mode)
            os.replace(handle.name, path)
        except RecordStructureError as error:
            err.write(f"{error}\nstopped (--strict) at the first bad record; {path} was not "
                      "written\n")
            return EXIT_INVALID
        except OSError as error:
            err.write(f"{path}: cannot write file ({_reason(error)})\n")
            return EXIT_INVALID
        finally:
            if os.path.exists(handle.name):
                os.unlink(handle.name)
    from practicemodel._describe import _plural

    out.write(f"De-identified {source.label} into {path}: offsets checked against both "
              f"instruments under {policy.code} as of {args.as_of}\n"
              f"  {_plural(summary.cases_written, 'case')} written, "
              f"{_plural(summary.records_skipped, 'record')} skipped\n"
              f"  {summary.cases_all_kept} of {summary.cases_written} kept every rating\n")
    shifted = dict(summary.shift_changed_items)
    if summary.changed_items:
        width = max(len(item) for item, _ in summary.changed_items)
        out.write("  ratings that changed, with the number of cases:\n")
        for item, count in summary.changed_items:
            by_shift = shifted.get(item, 0)
            note = f"  ({by_shift} by the date shift)" if by_shift else ""
            out.write(f"    {item:<{width}}  {count:>6}{note}\n")
        if shifted:
            other = any(count > shifted.get(item, 0) for item, count in summary.changed_items)
            out.write("  (by the date shift: no candidate offset kept every rating of the case"
                      + ("; the other changes come with the removed text" if other else "")
                      + ")\n")
    return EXIT_OK if summary.records_skipped == 0 else EXIT_INVALID


def _command(argv: Sequence[str] | None, out: _Output, stdin: TextIO) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        if not args.files and not args.example:
            args.command_parser.error("validate needs at least one FILE (or --example)")
        return _validate(args, out, stdin)
    if args.command == "example":
        return _example(args, out)
    if args.command == "check":
        return _check(args, out, stdin)
    if args.command == "review":
        return _review(args, out, stdin)
    if args.command == "deadlines":
        return _deadlines(args, out, stdin)
    if args.command == "report":
        return _report(args, out, stdin)
    if args.command == "plan":
        return _plan_status(args, out, stdin)
    if args.command == "deidentify":
        return _deidentify(args, out, stdin)
    if args.command == "fhir":
        return _fhir(args, out, stdin)
    if args.command == "rollout":
        return _rollout_check(args, out, stdin)
    return _schema(args, out)


def _silence(stream: TextIO) -> None:
    """Point the process's standard output (or error) at the null device, so that what is
    left in its buffer is flushed there at exit instead of failing again (the pattern the
    Python documentation gives for SIGPIPE)."""
    if stream is not sys.__stdout__ and stream is not sys.__stderr__:
        return  # not the process's own stream (a test's buffer, say): leave it
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it).

    Whatever goes wrong ends in one line on standard error and an exit code (see the
    module's documentation), never a traceback.
    """
    stream = stdout if stdout is not None else sys.stdout
    out = _Output(stream)
    err = sys.stderr
    try:
        code = _command(argv, out, stdin if stdin is not None else sys.stdin)
        out.flush()
    except _OutputError as failure:
        _silence(stream)
        if isinstance(failure.error, BrokenPipeError):
            return EXIT_BROKEN_PIPE
        err.write(f"practicemodel: cannot write to standard output "
                  f"({_reason(failure.error)})\n")
        return EXIT_INVALID
    except BrokenPipeError:  # standard error was closed: nothing more can be said
        _silence(err)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        err.write("practicemodel: interrupted\n")
        return EXIT_INTERRUPTED
    except _FileProblem as problem:
        err.write(f"{problem}\n")
        return EXIT_INVALID
    except PracticeModelError as error:  # the library's own words, without record values
        err.write(f"practicemodel: {error}\n")
        return EXIT_INVALID
    except Exception as error:
        if os.environ.get("PRACTICEMODEL_DEBUG"):
            raise
        from practicemodel.caseload import _describe_failure

        err.write(f"practicemodel: internal error ({_describe_failure(error)}); please "
                  "report it (PRACTICEMODEL_DEBUG=1 shows the traceback)\n")
        return EXIT_INVALID
    return code


def run() -> None:  # pragma: no cover - console entry point
    """Console entry point: run :func:`main` and exit with its code."""
    sys.exit(main())


def _add_rollout_parser(commands: Any) -> None:
    """``rollout check``: a regional rollout's schedule findings and review comparisons."""
    rollout = commands.add_parser(
        "rollout", help="check a regional rollout of the practice model",
        description="Regional rollouts of the practice model (practicemodel.rollout).")
    check = rollout.add_subparsers(dest="rollout_command", required=True, metavar="COMMAND") \
        .add_parser("check", help="check a rollout's schedule and compare each region's "
                    "follow-up review with its baseline",
                    description="Check a rollout schedule against the practice model's rules "
                    "(the first wave 2 regions, waves of 2 or 3 regions 6 months apart, every "
                    "region within 48 months; Phase I 6-8 months with the baseline CQI review, "
                    "Phase II 12 months, Phase III 3-4 months with the follow-up review), then "
                    "compare each region's follow-up review with its baseline, item by item, "
                    "on reviews drawn from synthetic caseloads of that region as of each "
                    "review's day. Exit status 1 when a check is not met.")
    source = check.add_mutually_exclusive_group()
    source.add_argument("--rollout", default="fictional", metavar="CODE",
                        help="a shipped rollout's code (default: fictional)")
    source.add_argument("--rollout-file", metavar="FILE",
                        help="a rollout as a JSON file, or - for stdin")
    check.add_argument("--cases", type=_count_argument, default=200, metavar="N",
                       help="synthetic cases in each review (default 200)")
    check.add_argument("--seed", type=int, default=2026, help="seed of the synthetic "
                       "caseloads (default 2026)")
    check.add_argument("--policy", default="MS", metavar="CODE",
                       help="policy profile the reviews are rated under (default MS)")
    check.add_argument("--no-reviews", action="store_true",
                       help="check the schedule only; draw no reviews")
    check.add_argument("--all", action="store_true", dest="show_all",
                       help="list the checks that are met too")
    check.add_argument("--json", action="store_true", dest="as_json", help="print JSON")
    check.add_argument("--html", type=Path, metavar="FILE",
                       help="also write the rollout page as a self-contained HTML file "
                       "(needs the report extra)")
    check.set_defaults(command_parser=check, command_name="rollout check")


def _count_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError(f"expected 1 to 100000, got {value}")
    return value


def _proportion_json(p: Any) -> dict[str, Any]:
    return {"strengths": p.successes, "applicable": p.trials, "performance": p.estimate,
            "low": p.low, "high": p.high}


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _rollout_check(args: argparse.Namespace, out: _Output, stdin: TextIO) -> int:
    from practicemodel.findings import Outcome
    from practicemodel.rollout import (
        check_rollout,
        compare_region,
        fictional_reviews,
        get_rollout,
        loads_rollout,
    )

    if not _check_html(args, sys.stderr):
        return EXIT_USAGE
    try:
        rollout = _shipped_or_file(args, stdin, args.rollout_file, args.rollout, get_rollout,
                                   loads_rollout)
    except RecordStructureError as error:
        out.write(f"{error}\n")
        return EXIT_INVALID
    findings = check_rollout(rollout)
    results = []
    if not args.no_reviews:
        try:
            reviews = fictional_reviews(rollout, policy=args.policy, cases=args.cases,
                                        seed=args.seed)
        except PracticeModelError as error:
            args.command_parser.error(str(error))
        results = [compare_region(region, *pair) for region, pair in reviews.items()]
    failed = sum(1 for f in findings if f.outcome is Outcome.NOT_MET)
    written = True
    if args.html is not None:
        from practicemodel.report import rollout_html

        page = rollout_html(rollout, findings=findings, results=results,
                            cases=None if args.no_reviews else args.cases)
        written = _write_page(args.html, page, sys.stderr)
    code = EXIT_INVALID if failed or not written else EXIT_OK
    if args.as_json:
        json.dump({
            "rollout": rollout.name,
            "waves": [{"number": w.number, "starts_on": w.starts_on.isoformat(),
                       "regions": list(w.regions)} for w in rollout.waves],
            "findings": [f.to_json() for f in findings],
            "regions": [{
                "region": r.region, "baseline_on": r.baseline_on.isoformat(),
                "follow_up_on": r.follow_up_on.isoformat(), "cases": args.cases,
                "items": [{"item": i.item, "name": i.name,
                           "baseline": _proportion_json(i.comparison.baseline),
                           "follow_up": _proportion_json(i.comparison.follow_up),
                           "difference": i.comparison.difference, "low": i.comparison.low,
                           "high": i.comparison.high, "p_value": i.comparison.p_value,
                           "change": i.change.value} for i in r.items]}
                for r in results],
        }, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return code
    waves = rollout.waves
    out.write(f"{rollout.name}: {len(rollout.regions)} regions, {len(waves)} wave(s)\n")
    for wave in waves:
        out.write(f"  wave {wave.number} begins {wave.starts_on}: {', '.join(wave.regions)}\n")
    out.write(f"\nSchedule: {len(findings)} checks, {len(findings) - failed} met, "
              f"{failed} not met\n")
    for f in findings:
        if args.show_all or f.outcome is Outcome.NOT_MET:
            out.write(f"  [{f.outcome.value}] {f.rule}: {f.subject}: {f.explanation}\n")
    for result in results:
        out.write(f"\n{result.region}: follow-up review ({result.follow_up_on}) against the "
                  f"baseline ({result.baseline_on}), {args.cases} synthetic cases each\n")
        width = max(len(i.item) for i in result.items)
        out.write(f"  {'item':<{width}}  {'baseline':>16}  {'follow-up':>16}  "
                  f"{'difference [95% interval]':>27}  change\n")
        for i in result.items:
            c = i.comparison
            diff = "-" if c.difference is None or c.low is None or c.high is None else \
                f"{100 * c.difference:+.1f} [{100 * c.low:+.1f}, {100 * c.high:+.1f}]"
            base = f"{_percent(c.baseline.estimate)} of {c.baseline.trials}"
            follow = f"{_percent(c.follow_up.estimate)} of {c.follow_up.trials}"
            out.write(f"  {i.item:<{width}}  {base:>16}  {follow:>16}  {diff:>27}  "
                      f"{i.change.value.replace('_', ' ')}\n")
        counts = ", ".join(f"{result.count(change)} {change.value.replace('_', ' ')}"
                           for change in type(result.items[0].change)
                           if result.count(change))
        out.write(f"  {counts}\n")
    return code
