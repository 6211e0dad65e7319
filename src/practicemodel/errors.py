"""The library's errors: one base class, each subclass also a matching builtin.

Every error raised on purpose by practicemodel derives from
[`PracticeModelError`][practicemodel.errors.PracticeModelError], so a caller can catch
everything the library says with one ``except`` clause, and each subclass also inherits
the builtin a Python programmer would expect (``ValueError`` for bad values,
``LookupError`` for unknown ids and codes), in the way pint's
``DefinitionError(ValueError, PintError)`` does.

Messages name the field, the rule and the value, e.g.
``'end' must be on or after 'start' (got 2026-01-03 < 2026-02-01)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

__all__ = [
    "MAX_LISTED_PROBLEMS",
    "DateOutOfRangeError",
    "InvalidArgumentError",
    "InvalidInputError",
    "InvalidRecordError",
    "MissingExtraError",
    "PracticeModelError",
    "Problem",
    "RecordReviewError",
    "RecordStructureError",
    "ReviewIncompleteError",
    "SchemaVersionError",
    "UnitMismatchError",
    "UnknownCodeError",
    "UnknownPolicyError",
    "UnknownReferenceError",
    "UnknownRuleError",
    "listed_problems",
]


class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``path`` is a JSON-path-like address relative to the object that was checked
    (``removal_episodes[0].placements[1].end``); an empty path means the object itself.
    """

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))

    def prefixed(self, prefix: str) -> Problem:
        """Return this problem with its path placed under ``prefix``."""
        if not self.path:
            return Problem(prefix, self.message)
        joiner = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{joiner}{self.path}" if prefix else self.path, self.message)

    def __str__(self) -> str:
        return f"{self.message} @ $.{self.path}" if self.path else f"{self.message} @ $"


class PracticeModelError(Exception):
    """Base class of every error practicemodel raises on purpose."""


class InvalidRecordError(PracticeModelError, ValueError):
    """A value object was given values that break one of its invariants.

    Raised at construction, e.g. an end date before its start date, a plan update dated
    before the plan it replaces, or a birth date after an event about the person.

    Attributes:
        problems: every broken invariant found, each with its path and message.
    """

    def __init__(self, problems: Sequence[Problem] | str, *, path: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(path, problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            problem = self.problems[0]
            return f"{problem.message} (at {problem.path})" if problem.path else problem.message
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(listed_problems(self.problems))
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[InvalidRecordError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class UnknownReferenceError(InvalidRecordError, LookupError):
    """An id given as a reference does not name an object in the case."""


class UnitMismatchError(InvalidRecordError):
    """A quantity has a unit of the wrong kind (e.g. a visit duration in metres)."""


MAX_LISTED_PROBLEMS = 100
"""How many problems a message lists; the rest are counted in a last line. A broken record
can have a hundred thousand problems (every one of many contacts naming an unknown person):
``problems`` keeps every one, the message stays readable."""


def listed_problems(problems: Sequence[Problem], indent: str = "  ") -> list[str]:
    """One line per problem, at most ``MAX_LISTED_PROBLEMS``, then ``... and N more``.

    >>> listed_problems([Problem("a", "wrong")] * 102)[-1]
    '  ... and 2 more problems'
    """
    lines = [f"{indent}{problem}" for problem in problems[:MAX_LISTED_PROBLEMS]]
    more = len(problems) - MAX_LISTED_PROBLEMS
    if more > 0:
        lines.append(f"{indent}... and {more} more problem{'s' if more != 1 else ''}")
    return lines


class RecordStructureError(PracticeModelError, ValueError):
    """A JSON record could not be loaded; ``problems`` lists every mistake with its path.

    ``str(error)`` gives one line per mistake, in the form
    ``expected a date YYYY-MM-DD, found a string of 9 characters @ $.people[1].birth_date``,
    at most [`MAX_LISTED_PROBLEMS`][practicemodel.errors.MAX_LISTED_PROBLEMS] of them and a
    last line counting the rest (``problems`` holds every one).
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None,
                 record: str = "case record") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        self.record = record
        """What was being loaded: ``"case record"``, or ``"finding"`` for
        [`Finding.from_json`][practicemodel.findings.Finding.from_json]."""
        head = f"{source}: " if source else ""
        count = len(self.problems)
        lines = [f"{head}{count} problem{'s' if count != 1 else ''} in the {record}:"]
        lines.extend(listed_problems(self.problems))
        super().__init__("\n".join(lines))

    @property
    def messages(self) -> list[str]:
        """The problems as ``"message @ $.path"`` strings, in the order found."""
        return [str(problem) for problem in self.problems]

    def __reduce__(
        self,
    ) -> tuple[Callable[..., RecordStructureError], tuple[tuple[Problem, ...]]]:
        # Rebuild with the source, so that the message keeps its "file:line: " prefix.
        return (partial(type(self), source=self.source, record=self.record), (self.problems,))


class SchemaVersionError(RecordStructureError):
    """A record's ``schema_version`` is missing or not one this library reads."""


class RecordReviewError(RecordStructureError):
    """One record could not be loaded or reviewed for a reason other than its content: an
    unexpected exception inside the library (a bug to report), or a library error raised by
    a rule on a record that loaded.

    Raised (or passed to ``on_skip``) by [`practicemodel.caseload`][practicemodel.caseload].
    It is reported, counted and skipped like any bad record (or raised with ``strict``).
    The message names the record's source, the kind of exception and where in the library it
    was raised, never the exception's own text, which may quote the record's personal
    values: ``cases.jsonl:17: internal error (OverflowError at timelines.py:412) while
    reviewing this record; please report it``. A library error raised by a rule is given in
    the library's words: ``cases.jsonl:17: could not be reviewed: ...``.
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None,
                 record: str = "case record") -> None:
        super().__init__(problems, source=source, record=record)
        head = f"{source}: " if source else ""
        self.args = (head + "; ".join(problem.message for problem in self.problems),)


class UnknownCodeError(PracticeModelError, LookupError):
    """A code (policy profile, enum value, instrument) is not known; lists the known ones."""

    def __init__(self, kind: str, code: object, known: Iterable[str]) -> None:
        self.kind = kind
        self.code = code
        self.known = tuple(sorted(known))
        super().__init__(f"unknown {kind} {code!r}; known: {', '.join(self.known)}")

    def __reduce__(self) -> tuple[type[UnknownCodeError], tuple[str, object, tuple[str, ...]]]:
        return (type(self), (self.kind, self.code, self.known))


class UnknownPolicyError(UnknownCodeError):
    """No shipped profile has this code, or none is in effect on the date asked for.

    Raised by [`get_policy`][practicemodel.policy.get_policy] for an unknown code or a date
    no version of the profile covers (before its first version, for instance), and by every
    rule asked about a date on which the profile it was given is not in effect. ``code`` is
    then the date asked about and ``known`` the effective ranges.
    """


class UnknownRuleError(UnknownCodeError):
    """A rule id or pattern names no registered rule; ``known`` lists the registered ids.

    Raised by [`get_rule`][practicemodel.rules.get_rule] and
    [`select`][practicemodel.rules.select], and when a review item names a rule pattern that
    matches no registered rule (a typo such as ``"servics.*"``), e.g.
    ``unknown rule 'servics.*'; known: closure.aftercare, ...``.
    """


class InvalidInputError(PracticeModelError, TypeError):
    """A function was called with an argument of the wrong kind (e.g. a datetime for
    ``as_of``, or a dict where a ``Case`` belongs).

    An argument of the right kind with a bad value raises
    [`InvalidArgumentError`][practicemodel.errors.InvalidArgumentError] instead.
    """


class InvalidArgumentError(PracticeModelError, ValueError):
    """A function was called with an argument of the right kind but a bad value: a
    ``child_id`` that names no child of the case, a confidence level outside (0, 1), a
    period that starts after it ends, two options that clash.

    The message names the argument and the value, e.g.
    ``'confidence' must be between 0 and 1 (got 1.5)``. (A value object given a bad value
    when it is built raises [`InvalidRecordError`][practicemodel.errors.InvalidRecordError].)
    """


class DateOutOfRangeError(PracticeModelError, ValueError):
    """A date lies outside the range the library supports
    ([`EARLIEST_DATE`][practicemodel.periods.EARLIEST_DATE] to
    [`LATEST_DATE`][practicemodel.periods.LATEST_DATE]).

    Raised for an ``as_of`` or other date argument out of range; a date out of range in a
    record is reported as a [`Problem`][practicemodel.errors.Problem] when it is loaded.
    """


class MissingExtraError(PracticeModelError, ImportError):
    """An optional package is missing: one of the ``analysis`` extra (pandas, polars,
    matplotlib), the ``dask`` extra (dask, distributed, fsspec), the ``report`` extra
    (Jinja2) or the ``fhir`` extra (fhir.resources).

    Raised by the functions of [`practicemodel.analysis`][practicemodel.analysis],
    [`practicemodel.distributed`][practicemodel.distributed],
    [`practicemodel.report`][practicemodel.report] and
    [`practicemodel.fhir`][practicemodel.fhir] that need one; the message
    names the package and the install command (``pip install "practicemodel[dask]"``...),
    ``name`` the module.
    """


class ReviewIncompleteError(PracticeModelError, RuntimeError):
    """A distributed review could not rate every part of its input, so it returns nothing.

    Raised by [`practicemodel.distributed`][practicemodel.distributed] when a partition's
    task failed for a reason other than its data: its worker died more often than Dask
    retries a task (``distributed.scheduler.allowed-failures``), the task was cancelled, or
    the connection to the scheduler was lost. The message names the partition (file, byte
    range, first line) and the Dask error, e.g. ``the review is incomplete: partition 3 of
    40 (cases.jsonl, bytes 1048576-2097152, lines from 20412) was not rated (KilledWorker:
    ...); no result is returned``. A partial table is never returned in its place.
    """
