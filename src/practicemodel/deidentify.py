"""De-identified case records for pooled analysis: the people gone, the analysis kept.

[`deidentify_case`][practicemodel.deidentify.deidentify_case] turns a case record into another
valid case record that a data steward can hand to analysts outside the agency:

- **ids** (every ``id``, every ``*_id`` and ``*_ids`` reference, a plan's ``replaces``)
  become a keyed hash of the id: ``"id-"`` and 26 base32 characters of
  HMAC-SHA256(key, ``b"id\\x00"`` + the id), 130 bits. The same id gives the same output id
  in every case and every file de-identified with the same key, so records of one person
  still join up; without the key nobody can compute it from the id. Two ids of one case
  that came out the same would break the record: that is refused.
- **names** go: a person's or staff member's name becomes a neutral pseudonym made from the
  new id (``"Person 7KX2QMPD"``), a household's label is dropped, an organisation's name
  (a service's or placement's ``provider``) becomes a keyed pseudonym (``"Provider
  K3J4M5TA"``), which keeps "has a provider" and which records share one.
- **free text** goes: every text field (descriptions, statements, notes, reasons, visit
  settings and locations) becomes ``"[removed]"`` where it was present, so a rule that
  asks *whether* something was written gets the same answer; a list of texts keeps its
  length.
- **birth dates** are kept only for the children of the case (``child_ids``), the only
  people whose ages the rules read (ages for visits, education, health, mental health,
  independent living, APPLA, the youth's planning team); the adults' are dropped.
- **every date** of the case (birth dates kept included) is shifted by one whole number
  of days, the same for the whole case, so every interval inside the case is kept.

Codes that are not ids are kept on purpose: the region and county (analyses group by
them: they are quasi-identifiers, see the how-to), a Tribe, an assessment instrument and
its item codes, a need's domain, a report's priority and allegation, and every enumerated
code. Quantities, numbers and flags are kept.

**The offset.** The rules judge a case as of a date, and an analyst reviews a pooled file
at one ``as_of``: moving a case's dates moves them against that date and across the
calendar months that monthly visits are counted in, so no fixed shift keeps every answer.
The offset is therefore chosen per case from a keyed order of the candidates, every whole
number of days in ±[1, ``max_shift_days``] (never 0), drawn from HMAC(key,
``b"offset\\x00"`` + the case id and a counter): given ``as_of`` and ``policy``, the first
candidate for which the shifted case gets the same rating as the unshifted (de-identified)
case on every item and outcome of both shipped instruments (the practice-model instrument
and the CFSR instrument) is used. If none of the first ``candidates`` (by default, all of
them) does, the one changing the fewest ratings (the first of those) is used and the
changes are reported. Without ``as_of`` the first
candidate is used, unverified. A candidate is never used when it would move a date out of
the supported range, or put any date of the case on a birth date of anyone in it.

Removing the free text can change the items that read words (the S.M.A.R.T. objectives of
the plans): [`DeidentifiedCase.changed_items`][practicemodel.deidentify.DeidentifiedCase]
names every item whose rating differs from the original case's, whatever the cause.

The key is the data steward's: at least 32 bytes, read with
[`read_key`][practicemodel.deidentify.read_key] from a file such as one made by
``python -c "import secrets; print(secrets.token_hex(32))" > deid.key``. The offsets are
for the steward too: [`DeidentifiedCase.offset_days`][practicemodel.deidentify.DeidentifiedCase]
is never written into a record.

>>> from datetime import date
>>> from practicemodel.example import load_example
>>> from practicemodel.policy import get_policy
>>> key = b"a fictional key for this example, 32+ bytes"
>>> result = deidentify_case(load_example(), key=key, as_of=date(2026, 11, 22),
...                          policy=get_policy("MS", date(2026, 11, 22)))
>>> result.case.people[0].name.startswith("Person "), result.case.id.startswith("id-")
(True, True)
>>> result.offset_days != 0
True
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

import attrs

from practicemodel._arguments import case_arg, date_arg, in_effect_arg, policy_arg
from practicemodel.case import Case
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    RecordStructureError,
)
from practicemodel.periods import EARLIEST_DATE, LATEST_DATE
from practicemodel.policy import PolicyProfile
from practicemodel.review import (
    CFSR_INSTRUMENT,
    DEFAULT_INSTRUMENT,
    CaseReview,
    ReviewInstrument,
    rate_case,
)

__all__ = [
    "DEFAULT_CANDIDATES",
    "ID_PREFIX",
    "KEPT_CODES",
    "MAX_SHIFT_DAYS",
    "MIN_KEY_BYTES",
    "PLACEHOLDER",
    "DeidentifiedCase",
    "DeidentifySummary",
    "deidentified_id",
    "deidentify_case",
    "deidentify_cases",
    "deidentify_jsonl",
    "read_key",
]

MIN_KEY_BYTES = 32
"""The shortest key accepted, in bytes (256 bits, the size of HMAC-SHA256's output)."""

MAX_SHIFT_DAYS = 183
"""The largest shift of a case's dates, in days either way (about six months)."""

DEFAULT_CANDIDATES = 2 * MAX_SHIFT_DAYS
"""How many keyed candidate offsets are tried, at most, before the best one is taken: by
default every offset of ±[1, ``MAX_SHIFT_DAYS``] (366), so the offset used is the first
that keeps every rating, or else one that changes as few ratings as any offset can. On the
synthetic caseload 64 candidates kept every rating in 93% of the cases, all of them in
99%, at two thirds of the speed."""

PLACEHOLDER = "[removed]"
"""What a free-text value becomes."""

ID_PREFIX = "id-"
"""The start of every de-identified id."""

_ID_CHARS = 26  # base32 characters after the prefix: 130 bits
_LONGEST_SHIFT = 3653  # days: ten years, the most max_shift_days may be
_PSEUDONYM_CHARS = 8

KEPT_CODES: frozenset[tuple[str, str]] = frozenset({
    ("Case", "region"), ("Case", "county"),
    ("TribalAffiliation", "tribe"),
    ("InstrumentAssessment", "instrument"), ("ItemScore", "item"),
    ("RiskAssessment", "instrument"), ("StrengthsNeedsAssessment", "instrument"),
    ("Need", "domain"),
    ("MaltreatmentReport", "priority"), ("MaltreatmentReport", "allegation"),
})
"""The string fields (class, field) kept as they are: codes, not ids, names or text. The
region and county are quasi-identifiers kept on purpose (analyses group by them). Every
other string field is an id, a name or free text, and is replaced."""

# What happens to a field (the actions of a class's plan).
_ID, _TEXT, _PERSON_NAME, _STAFF_NAME, _DROP, _PROVIDER, _BIRTH_DATE, _DATE, _NESTED = range(9)

_STR_TYPES = (str, str | None, tuple[str, ...])
_DATE_TYPES = (date, date | None)


def _attrs_classes_in(tp: Any) -> bool:
    """Whether a field type holds an attrs class (directly, optionally or in a tuple)."""
    if isinstance(tp, type) and attrs.has(tp):
        return True
    return any(_attrs_classes_in(arg) for arg in typing.get_args(tp) if arg is not Ellipsis)


def _mentions(tp: Any, kind: type) -> bool:
    """Whether a field type is or holds ``kind``."""
    return tp is kind or any(_mentions(arg, kind) for arg in typing.get_args(tp))


def _string_action(owner: str, name: str) -> int | None:
    """What becomes of the string field ``name`` of class ``owner``; None: kept."""
    if (owner, name) in KEPT_CODES:
        return None
    if name == "id" or name.endswith(("_id", "_ids")) or name == "replaces":
        return _ID
    if name == "name":
        return {"Person": _PERSON_NAME, "StaffMember": _STAFF_NAME}.get(owner, _DROP)
    if name == "provider":
        return _PROVIDER
    return _TEXT  # free text, and any string field not known above: removed (fail closed)


def _class(obj: object) -> type:
    return type(obj)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str, int], ...]:
    """(attribute, init argument, action) for each field of ``cls`` that changes."""
    from practicemodel.serialization import model_classes

    model_classes()  # resolves the annotations of every class of the record
    plan = []
    for field in attrs.fields(cls):
        tp = field.type
        if tp in _STR_TYPES:
            action = _string_action(cls.__name__, field.name)
        elif tp in _DATE_TYPES:
            action = (_BIRTH_DATE if (cls.__name__, field.name) == ("Person", "birth_date")
                      else _DATE)
        elif _attrs_classes_in(tp):
            action = _NESTED
        elif _mentions(tp, str) or _mentions(tp, date):
            raise TypeError(f"{cls.__name__}.{field.name}: a field of type {tp!r} holds "
                            "strings or dates in a form practicemodel.deidentify does not "
                            "handle; decide what becomes of it there")
        else:
            action = None
        if action is not None:
            plan.append((field.name, field.alias, action))
    return tuple(plan)


@functools.cache
def _has_dates(cls: type) -> bool:
    """Whether ``cls`` or anything it holds has a date field."""
    for name, _, action in _plan(cls):
        if action in (_DATE, _BIRTH_DATE):
            return True
        if action == _NESTED and any(
                _has_dates(t) for t in _attrs_types(attrs.fields_dict(cls)[name].type)):
            return True
    return False


def _attrs_types(tp: Any) -> list[type]:
    if isinstance(tp, type) and attrs.has(tp):
        return [tp]
    return [t for arg in typing.get_args(tp) if arg is not Ellipsis for t in _attrs_types(arg)]


# -- keys and keyed values ------------------------------------------------------------------


def _key_arg(key: object) -> bytes:
    if not isinstance(key, bytes):
        raise InvalidInputError(f"'key' must be bytes (got {type(key).__name__})")
    if len(key) < MIN_KEY_BYTES:
        raise InvalidArgumentError(
            f"'key' must be at least {MIN_KEY_BYTES} bytes (got {len(key)} bytes); make one "
            "with: python -c \"import secrets; print(secrets.token_hex(32))\" > deid.key")
    return key


def read_key(path: str | os.PathLike[str]) -> bytes:
    """The key held in the file at ``path``: its bytes, without one trailing line break.

    Make a key file once, keep it where only the data steward can read it, and use it for
    every export that should join up:
    ``python -c "import secrets; print(secrets.token_hex(32))" > deid.key`` (64
    characters: the key is the text itself).

    Raises:
        InvalidArgumentError: the file cannot be read, is empty, or holds fewer than
            [`MIN_KEY_BYTES`][practicemodel.deidentify.MIN_KEY_BYTES] bytes; the message
            names the file and the length, never the key.
        InvalidInputError: ``path`` is not a path.
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidInputError(f"'path' must be a path (got {type(path).__name__})")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InvalidArgumentError(f"key file {os.fspath(path)}: cannot read it "
                                   f"({error.strerror or type(error).__name__})") from None
    data = data.removesuffix(b"\n").removesuffix(b"\r")
    if not data:
        raise InvalidArgumentError(f"key file {os.fspath(path)} is empty; a key must be at "
                                   f"least {MIN_KEY_BYTES} bytes")
    if len(data) < MIN_KEY_BYTES:
        raise InvalidArgumentError(
            f"key file {os.fspath(path)} holds a key of {len(data)} bytes; a key must be at "
            f"least {MIN_KEY_BYTES} bytes (make one with: python -c \"import secrets; "
            "print(secrets.token_hex(32))\" > deid.key)")
    return data


def _digest(key: bytes, purpose: bytes, text: str) -> bytes:
    return hmac.new(key, purpose + b"\x00" + text.encode("utf-8"), hashlib.sha256).digest()


def _base32(digest: bytes, chars: int) -> str:
    return base64.b32encode(digest).decode("ascii")[:chars]


def deidentified_id(ident: str, *, key: bytes) -> str:
    """The id ``ident`` becomes under ``key``: the same in every case and file.

    A data steward who holds the key can find a known person's records in an export with
    it; nobody without the key can.

    >>> deidentified_id("dana", key=b"a fictional key for this example, 32+ bytes")
    'id-cepocxrp6bsb5ixnxhescqqrpu'

    Raises:
        InvalidInputError: ``ident`` is not a str or ``key`` not bytes.
        InvalidArgumentError: ``key`` is shorter than ``MIN_KEY_BYTES``.
    """
    if not isinstance(ident, str):
        raise InvalidInputError(f"'ident' must be a str (got {type(ident).__name__})")
    return _new_id(_key_arg(key), ident)


def _new_id(key: bytes, ident: str) -> str:
    return ID_PREFIX + _base32(_digest(key, b"id", ident), _ID_CHARS).lower()


def _offsets(key: bytes, case_id: str, max_shift_days: int) -> Iterator[int]:
    """The keyed candidate offsets of a case: every whole number of days in
    ±[1, max_shift_days], each once, in an order drawn from HMAC(key, "offset", the case id
    and a counter)."""
    seen: set[int] = set()
    number = 0
    while len(seen) < 2 * max_shift_days:
        value = int.from_bytes(_digest(key, b"offset", f"{case_id}\x00{number}")[:8], "big")
        number += 1
        value %= 2 * max_shift_days
        offset = value - max_shift_days if value < max_shift_days else value - max_shift_days + 1
        if offset not in seen:
            seen.add(offset)
            yield offset


# -- the two transformations ----------------------------------------------------------------


class _Scrub:
    """Replaces ids, names and text, and drops the adults' birth dates, in one case."""

    def __init__(self, key: bytes, children: frozenset[str]) -> None:
        self.key = key
        self.children = children
        self.ids: dict[str, str] = {}
        self.by_new: dict[str, str] = {}
        self.providers: dict[str, str] = {}

    def new_id(self, ident: str) -> str:
        found = self.ids.get(ident)
        if found is not None:
            return found
        new = _new_id(self.key, ident)
        other = self.by_new.setdefault(new, ident)
        if other != ident:
            from practicemodel._describe import show

            raise InvalidRecordError(
                f"two ids of the case, {show(other)} and {show(ident)}, give the same "
                "de-identified id: the record cannot be de-identified with this key")
        self.ids[ident] = new
        return new

    def provider(self, name: str) -> str:
        found = self.providers.get(name)
        if found is None:
            found = "Provider " + _base32(_digest(self.key, b"provider", name),
                                          _PSEUDONYM_CHARS)
            self.providers[name] = found
        return found

    def __call__(self, obj: Any) -> Any:
        """``obj`` with its ids, names and text replaced, put together without checks: the
        replacements keep a valid record valid (one id for one id, text for text, a name for
        a name, an optional value dropped), and the case is checked when it is shifted."""
        changes: dict[str, Any] = {}
        for name, _, action in _plan(_class(obj)):
            value = getattr(obj, name)
            if value is None or action == _DATE:
                continue
            if action == _ID:
                changes[name] = (tuple(self.new_id(v) for v in value)
                                 if isinstance(value, tuple) else self.new_id(value))
            elif action == _TEXT:
                changes[name] = ((PLACEHOLDER,) * len(value) if isinstance(value, tuple)
                                 else PLACEHOLDER)
            elif action == _PERSON_NAME:
                changes[name] = "Person " + self.pseudonym(obj.id)
            elif action == _STAFF_NAME:
                changes[name] = "Staff " + self.pseudonym(obj.id)
            elif action == _DROP:
                changes[name] = None
            elif action == _PROVIDER:
                changes[name] = self.provider(value)
            elif action == _BIRTH_DATE:
                if obj.id not in self.children:
                    changes[name] = None
            else:  # _NESTED
                changes[name] = (tuple(self(v) if attrs.has(type(v)) else v for v in value)
                                 if isinstance(value, tuple) else self(value))
        return _rebuilt(obj, changes, checked=False) if changes else obj

    def pseudonym(self, ident: str) -> str:
        """A neutral name made from the de-identified id of ``ident``."""
        return self.new_id(ident)[len(ID_PREFIX):len(ID_PREFIX) + _PSEUDONYM_CHARS].upper()


def _shift(obj: Any, delta: timedelta, checked: bool = True) -> Any:
    """``obj`` with every date in it moved by ``delta``.

    ``checked=False`` builds the copies without running their validators and invariant
    checks: for the candidate offsets of a case that is valid, whose dates all stay in the
    supported range (a uniform shift keeps every order between dates, so nothing else can
    break); the offset chosen is built again, checked.
    """
    changes: dict[str, Any] = {}
    for name, _, action in _plan(_class(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        if action in (_DATE, _BIRTH_DATE):
            changes[name] = value + delta
        elif action == _NESTED:
            if isinstance(value, tuple):
                if value and _has_dates(_class(value[0])):
                    changes[name] = tuple(_shift(v, delta, checked) for v in value)
            elif _has_dates(_class(value)):
                changes[name] = _shift(value, delta, checked)
    return _rebuilt(obj, changes, checked) if changes else obj


def _rebuilt(obj: Any, changes: dict[str, Any], checked: bool) -> Any:
    """A copy of ``obj`` with ``changes`` (by attribute name): built by its class, which
    checks it, or (``checked=False``) put together without checks."""
    if checked:
        aliases = _aliases(_class(obj))
        return attrs.evolve(obj, **{aliases[name]: value for name, value in changes.items()})
    copy: Any = object.__new__(_class(obj))
    for name in _names(_class(obj)):
        object.__setattr__(copy, name, changes[name] if name in changes else getattr(obj, name))
    return copy


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls))


@functools.cache
def _aliases(cls: type) -> dict[str, str]:
    return {field.name: field.alias for field in attrs.fields(cls)}


def _dates(obj: Any) -> Iterator[date]:
    """Every date in ``obj``."""
    for name, _, action in _plan(_class(obj)):
        value = getattr(obj, name)
        if value is None:
            continue
        if action in (_DATE, _BIRTH_DATE):
            yield value
        elif action == _NESTED:
            for item in value if isinstance(value, tuple) else (value,):
                if attrs.has(type(item)):
                    yield from _dates(item)


# -- verification ---------------------------------------------------------------------------


@functools.cache
def _both_instruments() -> tuple[ReviewInstrument, tuple[str, ...]]:
    """One instrument holding the items of both shipped instruments (so the rules run once
    per case), with the name of each rating: ``"<instrument code>:<item or outcome>"``."""
    items = tuple(attrs.evolve(item, code=f"{code}:{item.code}")
                  for code, instrument in (("ms-practice-model", DEFAULT_INSTRUMENT),
                                           ("cfsr", CFSR_INSTRUMENT))
                  for item in instrument.items)
    both = ReviewInstrument(name="practice model and CFSR instruments", items=items,
                            outcomes=CFSR_INSTRUMENT.outcomes)
    names = (*(item.code for item in items),
             *(f"cfsr:{d.outcome.value}" for d in CFSR_INSTRUMENT.outcomes))
    return both, names


def _ratings(case: Case, policy: PolicyProfile, as_of: date) -> tuple[str, ...]:
    """Every item's rating and every outcome's result of ``case``, in ``_both_instruments``
    order."""
    review: CaseReview = rate_case(case, policy=policy, as_of=as_of,
                                   instrument=_both_instruments()[0])
    return (*(r.rating.value for r in review.ratings),
            *(o.result.value for o in review.outcomes))


def _differing(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    names = _both_instruments()[1]
    return tuple(name for name, x, y in zip(names, a, b, strict=True) if x != y)


# -- the result -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DeidentifiedCase:
    """A de-identified case, with what the data steward needs to know about it.

    Only ``case`` goes into an export; ``offset_days`` is the steward's (with the key it
    can be recomputed, without it nothing in the export reveals it).
    """

    case: Case
    """The de-identified case record: a valid case."""
    offset_days: int
    """The days every date of the case was moved by (never 0)."""
    changed_items: tuple[str, ...]
    """The items and outcomes whose rating at ``as_of`` differs from the original case's,
    as ``"<instrument>:<code>"`` (``"ms-practice-model:smart_objectives"``,
    ``"cfsr:item_12"``, ``"cfsr:well_being_1"``); empty when every rating was kept, or when
    nothing was verified."""
    shift_changed_items: tuple[str, ...]
    """Of those, the ones the date shift changed (no candidate offset kept every rating of
    the unshifted de-identified case); empty when the shift kept every rating."""
    tries: int
    """Candidate offsets looked at, the one used included."""
    verified: bool
    """Whether the ratings were checked (``as_of`` was given)."""


def deidentify_case(case: Case, *, key: bytes, as_of: date | None,
                    policy: PolicyProfile | None = None,
                    candidates: int = DEFAULT_CANDIDATES,
                    max_shift_days: int = MAX_SHIFT_DAYS) -> DeidentifiedCase:
    """De-identify one case (see the module's documentation for what changes and why).

    Args:
        key: the data steward's key, at least ``MIN_KEY_BYTES`` bytes
            ([`read_key`][practicemodel.deidentify.read_key] reads it from a file).
        as_of: the date the pooled file will be reviewed as of; the offset is chosen so
            that every rating of both shipped instruments on that date stays what it was
            without the shift. ``None``: the first candidate offset, not verified (fast;
            the rules' answers may then change).
        policy: the policy profile of that review (needed with ``as_of``).
        candidates: how many candidate offsets to try, at most, before taking the best
            (default: all of them).
        max_shift_days: the largest shift, in days either way (at most 3653).

    Raises:
        InvalidInputError: an argument is not of the right kind.
        InvalidArgumentError: the key is too short, ``policy`` is missing with ``as_of``,
            ``candidates`` or ``max_shift_days`` is below 1 (or ``max_shift_days`` above
            3653), or no candidate keeps the case's dates in the supported range without
            putting one on a birth date.
        UnknownPolicyError: ``policy`` is not in effect on ``as_of``.
        DateOutOfRangeError: ``as_of`` is outside the supported range.
        InvalidRecordError: two ids of the case give the same de-identified id.
    """
    case_arg(case)
    _check_arguments(key, as_of, policy, candidates, max_shift_days)
    return _deidentify(case, key, as_of, policy, candidates, max_shift_days)


def _deidentify(case: Case, key: bytes, as_of: date | None, policy: PolicyProfile | None,
                candidates: int, max_shift_days: int) -> DeidentifiedCase:
    scrubbed: Case = _Scrub(key, frozenset(case.child_ids))(case)
    days = frozenset(_dates(scrubbed))
    births = frozenset(p.birth_date for p in case.people if p.birth_date is not None)
    first, last = min(days), max(days)  # a case has at least its opening date

    def admissible(offset: int) -> bool:
        """The shift keeps every date in range and puts none on anyone's birth date."""
        delta = timedelta(days=offset)
        if not (EARLIEST_DATE - first <= delta <= LATEST_DATE - last):
            return False
        return not any(day + delta in births for day in days)

    verify = as_of is not None and policy is not None
    original = _ratings(case, policy, as_of) if verify else ()  # type: ignore[arg-type]
    reference = _ratings(scrubbed, policy, as_of) if verify else ()  # type: ignore[arg-type]
    best: tuple[int, Case, tuple[str, ...]] | None = None
    tries = 0
    for offset in _offsets(key, case.id, max_shift_days):
        if not admissible(offset):
            continue
        tries += 1
        shifted: Case = _shift(scrubbed, timedelta(days=offset), checked=not verify)
        if not verify:
            return DeidentifiedCase(case=shifted, offset_days=offset, changed_items=(),
                                    shift_changed_items=(), tries=tries, verified=False)
        differing = _differing(reference, _ratings(shifted, policy, as_of))  # type: ignore[arg-type]
        if best is None or len(differing) < len(best[2]):
            best = (offset, shifted, differing)
        if not differing or tries >= candidates:
            break
    if best is None:
        raise InvalidArgumentError(
            f"no shift of 1 to {max_shift_days} days either way keeps the case's dates "
            f"from {EARLIEST_DATE} to {LATEST_DATE} without putting one on a birth date")
    offset, candidate, shift_changes = best
    final = (_ratings(candidate, policy, as_of)  # type: ignore[arg-type]
             if shift_changes else reference)
    shifted = _shift(scrubbed, timedelta(days=offset))  # built again, checked
    return DeidentifiedCase(case=shifted, offset_days=offset,
                            changed_items=_differing(original, final),
                            shift_changed_items=shift_changes, tries=tries, verified=True)


def deidentify_cases(cases: Iterable[Case], *, key: bytes, as_of: date | None,
                     policy: PolicyProfile | None = None,
                     candidates: int = DEFAULT_CANDIDATES,
                     max_shift_days: int = MAX_SHIFT_DAYS) -> Iterator[DeidentifiedCase]:
    """[`deidentify_case`][practicemodel.deidentify.deidentify_case] for each case, lazily.

    The arguments are checked at the call, before the first case.
    """
    if not isinstance(cases, Iterable):
        raise InvalidInputError(f"'cases' must be an iterable of Case (got "
                                f"{type(cases).__name__})")
    _check_arguments(key, as_of, policy, candidates, max_shift_days)
    return (deidentify_case(case, key=key, as_of=as_of, policy=policy, candidates=candidates,
                            max_shift_days=max_shift_days) for case in cases)


def _check_arguments(key: bytes, as_of: date | None, policy: PolicyProfile | None,
                     candidates: int, max_shift_days: int) -> None:
    """Check the arguments of deidentify_case other than the case."""
    _key_arg(key)
    for name, number in (("candidates", candidates), ("max_shift_days", max_shift_days)):
        if isinstance(number, bool) or not isinstance(number, int):
            raise InvalidInputError(f"{name!r} must be an int (got {type(number).__name__})")
        if number < 1:
            raise InvalidArgumentError(f"{name!r} must be 1 or more (got {number})")
    if max_shift_days > _LONGEST_SHIFT:
        raise InvalidArgumentError(f"'max_shift_days' must be at most {_LONGEST_SHIFT} (ten "
                                   f"years; got {max_shift_days})")
    if as_of is not None:
        date_arg(as_of)
        if policy is None:
            raise InvalidArgumentError("'policy' is needed with 'as_of' (the review the "
                                       "offset is checked against)")
        in_effect_arg(policy_arg(policy), as_of)
    elif policy is not None:
        policy_arg(policy)


# -- files ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DeidentifySummary:
    """What a de-identified export did: counts, and which ratings it could not keep."""

    cases_read: int
    """Records read (loaded or not)."""
    cases_written: int
    """De-identified cases written."""
    records_skipped: int
    """Records that could not be loaded or de-identified (reported, not written)."""
    verified: bool
    """Whether the ratings were checked (an ``as_of`` was given)."""
    cases_all_kept: int
    """Cases written whose every rating on both instruments was kept (0 unverified)."""
    changed_items: tuple[tuple[str, int], ...]
    """Each item or outcome whose rating changed in some case, with the number of such
    cases, most first (then by name)."""
    shift_changed_items: tuple[tuple[str, int], ...]
    """The same, for the changes the date shift could not avoid."""
    tries: int
    """Candidate offsets looked at over all cases."""


def deidentify_jsonl(source: str | os.PathLike[str] | Iterable[str | bytes],
                     out: str | os.PathLike[str] | IO[str], *, key: bytes,
                     as_of: date | None, policy: PolicyProfile | None = None,
                     name: str | None = None, strict: bool = False,
                     on_skip: Callable[[RecordStructureError], None] | None = None,
                     on_case: Callable[[DeidentifiedCase], None] | None = None,
                     candidates: int = DEFAULT_CANDIDATES,
                     max_shift_days: int = MAX_SHIFT_DAYS) -> DeidentifySummary:
    """De-identify every case of a JSON Lines input into JSON Lines, one case at a time.

    Args:
        source: a path, or any iterable of lines (an open file works); blank lines are
            skipped.
        out: a path (written as UTF-8, replaced if it exists) or an open text stream; one
            compact JSON record per line, in the input's order.
        name: the input's name in messages (default: the path, or ``"<lines>"``).
        strict: raise the first bad record's error instead of skipping it.
        on_skip: called with each bad record's
            [`RecordStructureError`][practicemodel.errors.RecordStructureError] (its source
            is ``name:line``), which is then skipped.
        on_case: called with each de-identified case (after it is written), e.g. for a
            progress count or the steward's own list of offsets.

    The other arguments are [`deidentify_case`][practicemodel.deidentify.deidentify_case]'s.

    Raises:
        RecordStructureError: with ``strict``, the first record that cannot be loaded or
            de-identified (the cases before it are written).
        InvalidInputError, InvalidArgumentError: as ``deidentify_case``, at the call.
        OSError: ``source`` or ``out`` cannot be opened, read or written.
    """
    _check_arguments(key, as_of, policy, candidates, max_shift_days)
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"'name' must be a str or None (got {name!r})")
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as handle:
            return deidentify_jsonl(handle, out, key=key, as_of=as_of, policy=policy,
                                    name=name or os.fspath(source), strict=strict,
                                    on_skip=on_skip, on_case=on_case, candidates=candidates,
                                    max_shift_days=max_shift_days)
    if isinstance(out, str | os.PathLike):
        with Path(out).open("w", encoding="utf-8") as stream:
            return deidentify_jsonl(source, stream, key=key, as_of=as_of, policy=policy,
                                    name=name, strict=strict, on_skip=on_skip,
                                    on_case=on_case, candidates=candidates,
                                    max_shift_days=max_shift_days)
    if not isinstance(source, Iterable) or isinstance(source, bytes):
        raise InvalidInputError(f"'source' must be a path or an iterable of lines (got "
                                f"{type(source).__name__})")
    return _run(source, out, key, as_of, policy, name or "<lines>", strict, on_skip, on_case,
                candidates, max_shift_days)


def _run(lines: Iterable[str | bytes], out: IO[str], key: bytes, as_of: date | None,
         policy: PolicyProfile | None, name: str, strict: bool,
         on_skip: Callable[[RecordStructureError], None] | None,
         on_case: Callable[[DeidentifiedCase], None] | None, candidates: int,
         max_shift_days: int) -> DeidentifySummary:
    from practicemodel.caseload import _describe_failure, _load_record
    from practicemodel.errors import PracticeModelError, Problem, RecordReviewError
    from practicemodel.serialization import dumps_case

    read = written = skipped = kept = tries = 0
    changed: Counter[str] = Counter()
    by_shift: Counter[str] = Counter()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        read += 1
        where = f"{name}:{number}"
        try:
            case = _load_record(line, where)
            try:
                result = _deidentify(case, key, as_of, policy, candidates, max_shift_days)
            except PracticeModelError as error:  # the library's words, without values
                raise RecordReviewError([Problem("", f"could not be de-identified: {error}")],
                                        source=where) from None
            except Exception as error:  # last resort: one record, not the whole run
                raise RecordReviewError([Problem(
                    "", f"internal error ({_describe_failure(error)}) while de-identifying "
                    "this record; please report it")], source=where) from None
        except RecordStructureError as error:
            if strict:
                raise
            skipped += 1
            if on_skip is not None:
                on_skip(error)
            continue
        out.write(dumps_case(result.case, indent=None) + "\n")
        written += 1
        tries += result.tries
        kept += result.verified and not result.changed_items
        changed.update(result.changed_items)
        by_shift.update(result.shift_changed_items)
        if on_case is not None:
            on_case(result)

    def ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    return DeidentifySummary(cases_read=read, cases_written=written, records_skipped=skipped,
                             verified=as_of is not None, cases_all_kept=kept,
                             changed_items=ranked(changed), shift_changed_items=ranked(by_shift),
                             tries=tries)

