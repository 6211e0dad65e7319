"""The ``practicemodel`` command.

Commands:

- ``practicemodel validate FILE...`` loads case files (``.json``: one case; ``.jsonl``:
  one case per line; ``-``: standard input) and prints a readable summary of each valid case,
  or every mistake with its JSON path. ``--example`` validates the built-in example.
- ``practicemodel example`` prints the built-in example case as JSON (``--out FILE`` writes
  it; ``--summary`` prints the summary instead).
- ``practicemodel schema`` prints the JSON Schema of a case record (``--out FILE``).
- ``practicemodel check FILE --as-of DATE [--policy CODE]`` runs every check implemented so
  far (deadlines, S.M.A.R.T. objectives, plan quality, safe closure, engagement, visits) and
  prints the findings
  grouped by practice-model component (``--json`` for JSON; ``--all`` to list met ones too).
- ``practicemodel review [FILE.jsonl] [--synthetic N] --as-of DATE [--policy CODE]`` rates
  every case of a JSON Lines file (or N synthetic cases) on the default review instrument
  and prints each item's performance grouped by practice-model component (``--by FIELD``
  to break it down by region, county, case_type, quarter or role: mother, father, foster
  parent, child; ``--json`` for JSON). A bad
  record is reported on stderr with its line and skipped (exit 1 at the end), or stops the
  review at once with ``--strict``. ``--workers N`` rates in N processes (0: one per core);
  a progress bar is drawn on stderr when it is a terminal (``--progress`` /
  ``--no-progress`` to force it on or off); ``--sample N --seed S`` reviews a stratified
  sample; ``--out FILE`` also writes the table (.csv, .json, .parquet).
- ``practicemodel deadlines FILE --as-of DATE [--policy CODE]`` prints every statutory and
  policy deadline of a case with its status as of the date (``--json`` for JSON; ``--open``
  for only what is not yet met).

Exit codes: 0 all input valid; 1 some input invalid (or unreadable); 2 the command line itself
was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from practicemodel import __version__
from practicemodel.errors import Problem, RecordStructureError

if TYPE_CHECKING:
    from practicemodel.case import Case
    from practicemodel.caseload import CaseloadReview
    from practicemodel.policy import PolicyProfile
    from practicemodel.progress import ProgressBar
    from practicemodel.statistics import GroupPerformance

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practicemodel",
        description="Child welfare case records: validate, explore the example, export the "
        "schema.",
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

    review = commands.add_parser(
        "review", help="rate cases on the review instrument and print item performance",
        description="Rate every case of a JSON Lines file (or N synthetic cases) on the "
        "default review instrument and print each item's performance (Strengths among "
        "applicable cases, with a 95%% Wilson interval) grouped by practice-model component.",
    )
    review.add_argument("file", nargs="?", metavar="FILE",
                        help="a .jsonl file of case records, or - for stdin")
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
    review.add_argument("--out", type=Path, metavar="FILE",
                        help="also write the item-performance table to FILE: .csv, .json, or "
                        ".parquet (needs the analysis extra)")
    review.add_argument("--workers", type=int, default=1, metavar="N",
                        help="rate cases in N processes (0: one per CPU core; default 1); "
                        "the results are the same (a --sample is reviewed in one process)")
    review.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar on stderr (default: when stderr is a "
                        "terminal)")

    schema = commands.add_parser("schema", help="print the JSON Schema of a case record",
                                 description="Print the JSON Schema (draft 2020-12) of a "
                                 "case record.")
    schema.add_argument("--out", type=Path, metavar="FILE", help="write the schema to FILE")
    return parser


_REVIEW_FIELDS = ("region", "county", "case_type", "quarter", "role")  # caseload.GROUPING_KEYS


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
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}; expected YYYY-MM-DD") from None


class _Report:
    """Collects validation results and prints them as text or JSON."""

    def __init__(self, out: TextIO, *, as_json: bool, quiet: bool) -> None:
        self.out = out
        self.as_json = as_json
        self.quiet = quiet
        self.valid = 0
        self.invalid = 0
        self.results: list[dict[str, object]] = []

    def ok(self, source: str, summary: str, case_id: str) -> None:
        self.valid += 1
        if self.as_json:
            self.results.append({"source": source, "valid": True, "case_id": case_id})
        elif not self.quiet:
            self.out.write(f"{source}: valid\n{summary}\n\n")

    def bad(self, source: str, problems: Sequence[Problem]) -> None:
        self.invalid += 1
        if self.as_json:
            self.results.append({
                "source": source, "valid": False,
                "problems": [{"path": f"$.{p.path}" if p.path else "$", "message": p.message}
                             for p in problems],
            })
            return
        count = len(problems)
        self.out.write(f"{source}: INVALID, {count} problem{'s' if count != 1 else ''}\n")
        for problem in problems:
            self.out.write(f"  {problem}\n")
        self.out.write("\n")

    def finish(self) -> int:
        if self.as_json:
            json.dump(self.results, self.out, indent=2)
            self.out.write("\n")
        else:
            total = self.valid + self.invalid
            self.out.write(f"{total} case record{'s' if total != 1 else ''} checked: "
                           f"{self.valid} valid, {self.invalid} invalid\n")
        return EXIT_OK if self.invalid == 0 else EXIT_INVALID


def _check_text(text: str | bytes, source: str, report: _Report) -> None:
    from practicemodel.serialization import loads_case
    from practicemodel.summary import summarize

    try:
        case = loads_case(text, source=source)
    except RecordStructureError as error:
        report.bad(source, error.problems)
    else:
        report.ok(source, "" if report.quiet or report.as_json else summarize(case), case.id)


def _check_file(name: str, report: _Report, stdin: TextIO) -> None:
    if name == "-":
        _check_text(stdin.read(), "<stdin>", report)
        return
    path = Path(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.bad(name, [Problem("", f"cannot read file ({exc.strerror or exc})")])
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        for number, line in enumerate(data.splitlines(), start=1):
            if line.strip():
                _check_text(line, f"{name}:{number}", report)
    else:
        _check_text(data, name, report)


def _validate(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    report = _Report(out, as_json=args.as_json, quiet=args.quiet)
    if args.example:
        from practicemodel.example import EXAMPLE_NAME, example_json

        _check_text(example_json(), f"example:{EXAMPLE_NAME}", report)
    for name in args.files:
        _check_file(name, report, stdin)
    return report.finish()


def _example(args: argparse.Namespace, out: TextIO) -> int:
    from practicemodel.example import example_json, load_example
    from practicemodel.summary import summarize

    if args.summary:
        out.write(summarize(load_example()) + "\n")
        return EXIT_OK
    text = example_json()
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
        out.write(f"wrote {args.out}\n")
    else:
        out.write(text)
    return EXIT_OK


def _deadlines(args: argparse.Namespace, out: TextIO, stdin: TextIO,
               parser: argparse.ArgumentParser) -> int:
    from practicemodel.timelines import DeadlineStatus, schedule

    loaded = _load_for(args, stdin, parser, out)
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


def _load_for(args: argparse.Namespace, stdin: TextIO, parser: argparse.ArgumentParser,
              out: TextIO) -> tuple[Case, PolicyProfile] | None:
    """Load the case and look up the policy for ``check`` and ``deadlines``."""
    from practicemodel.errors import UnknownCodeError
    from practicemodel.policy import get_policy
    from practicemodel.serialization import loads_case, read_case

    if args.example == (args.file is not None):
        parser.error(f"{args.command} needs exactly one of FILE or --example")
    try:
        policy = get_policy(args.policy, args.as_of)
    except UnknownCodeError as error:
        parser.error(str(error))
    try:
        if args.example:
            from practicemodel.example import load_example

            return load_example(), policy
        if args.file == "-":
            return loads_case(stdin.read(), source="<stdin>"), policy
        return read_case(args.file), policy
    except RecordStructureError as error:
        out.write(f"{error}\n")
        return None


def _check(args: argparse.Namespace, out: TextIO, stdin: TextIO,
           parser: argparse.ArgumentParser) -> int:
    from practicemodel.checks import check_case
    from practicemodel.findings import Outcome, by_component

    loaded = _load_for(args, stdin, parser, out)
    if loaded is None:
        return EXIT_INVALID
    case, policy = loaded
    findings = check_case(case, policy=policy, as_of=args.as_of)
    if args.as_json:
        from practicemodel.serialization import make_converter

        converter = make_converter()
        json.dump({"case_id": case.id, "policy": policy.code, "as_of": args.as_of.isoformat(),
                   "findings": [converter.unstructure(f) for f in findings]}, out, indent=2)
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


def _write_table(table: Sequence[GroupPerformance], path: Path) -> None:
    """Write item-performance results as CSV, JSON or Parquet, by the file's suffix."""
    import csv

    from practicemodel.analysis import performance_records

    records = performance_records(table)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            fields = list(records[0]) if records else ["item"]
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(records)
    else:
        from practicemodel.analysis import to_polars

        to_polars(records).write_parquet(path)


class _Tally:
    """Cases reviewed so far, drawn as a progress bar when one is shown."""

    def __init__(self, err: TextIO, show: bool) -> None:
        self.err, self.show = err, show
        self.done = 0
        self.bar: ProgressBar | None = None

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

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.finish()
            self.bar = None


def _sample_population(args: argparse.Namespace, stdin: TextIO,
                       tally: _Tally) -> tuple[list[Case], int]:
    """All cases, held in memory to draw a sample from; and the bad records skipped."""
    from practicemodel.serialization import iter_jsonl
    from practicemodel.synthetic import generate_cases

    if args.synthetic is not None:
        return list(generate_cases(args.synthetic, seed=args.seed)), 0
    skipped: list[RecordStructureError] = []

    def skip(error: RecordStructureError) -> None:
        skipped.append(error)
        tally.skipped(error)

    on_error = None if args.strict else skip
    if args.file == "-":
        population = list(iter_jsonl(stdin, on_error=on_error, name="<stdin>"))
    else:
        population = list(iter_jsonl(Path(args.file), on_error=on_error))
    return population, len(skipped)


def _review_run(args: argparse.Namespace, stdin: TextIO, err: TextIO, policy: PolicyProfile,
                by: tuple[str, ...], workers: int, tally: _Tally) -> CaseloadReview:
    """Review the cases the arguments name; report bad records on ``err`` as they come."""
    import attrs

    from practicemodel.caseload import review_cases, review_jsonl, review_synthetic

    try:
        if args.sample is not None:
            from practicemodel.sampling import stratified_sample

            population, skipped = _sample_population(args, stdin, tally)
            sample, report = stratified_sample(population, strata=("region", "case_type"),
                                               seed=args.seed, proportional_total=args.sample)
            del population
            err.write(f"sample: {len(sample)} of {report.population} "
                      f"cases, stratified by region x case type (seed {args.seed})\n")
            tally.start(len(sample))
            result = review_cases(sample, policy=policy, as_of=args.as_of, by=by,
                                  progress=tally.advance)
            return attrs.evolve(result, records_skipped=skipped)
        if args.synthetic is not None:
            tally.start(args.synthetic)
            return review_synthetic(args.synthetic, seed=args.seed, policy=policy,
                                    as_of=args.as_of, by=by, workers=workers,
                                    progress=tally.advance)
        tally.start(Path(args.file).stat().st_size if args.file != "-" else None)
        return review_jsonl(stdin if args.file == "-" else args.file, policy=policy,
                            as_of=args.as_of, by=by, workers=workers, strict=args.strict,
                            on_skip=tally.skipped, progress=tally.advance,
                            name="<stdin>" if args.file == "-" else args.file)
    finally:
        tally.finish()


def _cores() -> int:
    """CPU cores this process may use (its affinity where the OS tells it)."""
    import os

    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _review(args: argparse.Namespace, out: TextIO, stdin: TextIO,
            parser: argparse.ArgumentParser) -> int:

    from practicemodel.components import PracticeComponent
    from practicemodel.errors import UnknownCodeError
    from practicemodel.policy import get_policy
    from practicemodel.review import DEFAULT_INSTRUMENT

    if (args.synthetic is None) == (args.file is None):
        parser.error("review needs exactly one of FILE or --synthetic N")
    if args.synthetic is not None and args.synthetic < 0:
        parser.error("--synthetic needs a number of cases of 0 or more")
    if args.sample is not None and args.sample < 0:
        parser.error("--sample needs a number of cases of 0 or more")
    if args.workers < 0:
        parser.error(f"--workers needs 0 (one per CPU core) or more (got {args.workers})")
    if args.out is not None and args.out.suffix.lower() not in (".csv", ".json", ".parquet"):
        parser.error(f"--out must end in .csv, .json or .parquet (got {str(args.out)!r})")
    try:
        policy = get_policy(args.policy, args.as_of)
    except UnknownCodeError as error:
        parser.error(str(error))
    err = sys.stderr
    workers = args.workers or _cores()
    tally = _Tally(err, err.isatty() if args.progress is None else args.progress)
    instrument = DEFAULT_INSTRUMENT
    by = tuple(dict.fromkeys(args.by))
    try:
        result = _review_run(args, stdin, err, policy, by, workers, tally)
    except RecordStructureError as error:
        err.write(f"{error}\nstopped (--strict) after {tally.done} case(s) reviewed\n")
        return EXIT_INVALID
    except OSError as exc:
        err.write(f"{args.file}: cannot read file ({exc.strerror or exc})\n")
        return EXIT_INVALID
    table = result.table
    counts = {"reviewed": result.cases_reviewed, "skipped": result.records_skipped}
    if args.out is not None:
        _write_table(table, args.out)
    per_item = {code: [p for p in table if p.item == code] for code in
                (i.code for i in instrument.items)}
    final = (f"{counts['reviewed']} case{'s' if counts['reviewed'] != 1 else ''} reviewed, "
             f"{counts['skipped']} record{'s' if counts['skipped'] != 1 else ''} skipped")
    if args.as_json:
        payload = {
            "instrument": instrument.name, "policy": policy.code,
            "as_of": args.as_of.isoformat(), "by": list(by),
            "cases_reviewed": counts["reviewed"], "records_skipped": counts["skipped"],
            "components": [
                {"component": component.value, "label": component.label, "items": [
                    {"item": item.code, "name": item.name,
                     "group": dict(zip(by, p.group, strict=True)),
                     "strengths": p.strengths, "applicable": p.applicable,
                     "not_applicable": p.not_applicable,
                     "performance": p.performance.estimate,
                     "low": p.performance.low, "high": p.performance.high}
                    for item in instrument.items if component in item.components
                    for p in per_item[item.code]]}
                for component in PracticeComponent],
        }
        json.dump(payload, out, indent=2)
        out.write("\n")
        err.write(f"{final}\n")
    else:
        out.write(f"Review on {instrument.name} under {policy.code} as of {args.as_of}\n")
        width = max(len(i.name) for i in instrument.items)
        hidden = 0
        out.write(f"\n  {'item':<{width}}  {'group':<20}  {'strengths/applicable':>20}  "
                  f"{'perf.':>7}  95% Wilson interval\n")
        for component in PracticeComponent:
            items = [i for i in instrument.items if component in i.components]
            if not items:
                continue
            out.write(f"\n{component.label}\n")
            for item in items:
                rows = per_item[item.code]
                shown = [p for p in rows if p.applicable or not by]
                hidden += len(rows) - len(shown)
                if not shown:
                    out.write(f"  {item.name:<{width}}  {'(none applicable)':<20}  "
                              f"{'0/0':>20}        -\n")
                for p in shown:
                    group = "/".join(str(g) for g in p.group) or "all"
                    share = (f"{p.performance.estimate:7.2%}"
                             if p.performance.estimate is not None else "      -")
                    counted = f"{p.strengths}/{p.applicable}"
                    out.write(f"  {item.name:<{width}}  {group:<20}  {counted:>20}  {share}  "
                              f"[{p.performance.low:.1%}, {p.performance.high:.1%}]\n")
        if hidden:
            out.write(f"\n({hidden} group{'s' if hidden != 1 else ''} with no applicable case "
                      "not shown; --json and --out list every group)\n")
        out.write(f"\n{final}\n")
    return EXIT_OK if counts["skipped"] == 0 else EXIT_INVALID


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from practicemodel.schema import case_json_schema_text

    text = case_json_schema_text() + "\n"
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
        out.write(f"wrote {args.out}\n")
    else:
        out.write(text)
    return EXIT_OK


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stdin: TextIO | None = None) -> int:
    """Run the command line; return the exit code (the console script exits with it)."""
    out = stdout if stdout is not None else sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        if not args.files and not args.example:
            parser.error("validate needs at least one FILE (or --example)")
        return _validate(args, out, stdin if stdin is not None else sys.stdin)
    if args.command == "example":
        return _example(args, out)
    if args.command == "check":
        return _check(args, out, stdin if stdin is not None else sys.stdin, parser)
    if args.command == "review":
        return _review(args, out, stdin if stdin is not None else sys.stdin, parser)
    if args.command == "deadlines":
        return _deadlines(args, out, stdin if stdin is not None else sys.stdin, parser)
    return _schema(args, out)


def run() -> None:  # pragma: no cover - console entry point
    """Console entry point: run :func:`main` and exit with its code."""
    sys.exit(main())
