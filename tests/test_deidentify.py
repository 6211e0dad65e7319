"""The de-identified export: it keeps the analysis, loses the people, and refuses bad keys.

The ratings and scanner tests share one synthetic caseload. The scanner is the evidence
script's (``scripts/deidentify_evidence.py``), which runs the same checks on 10,000 cases.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from module_loading import load_module
from practicemodel import _checks
from practicemodel import deidentify as deid
from practicemodel.case import Case
from practicemodel.deidentify import (
    ID_PREFIX,
    KEPT_CODES,
    MAX_SHIFT_DAYS,
    MIN_KEY_BYTES,
    PLACEHOLDER,
    DeidentifiedCase,
    deidentified_id,
    deidentify_case,
    deidentify_cases,
    deidentify_jsonl,
    read_key,
)
from practicemodel.errors import (
    InvalidArgumentError,
    InvalidInputError,
    InvalidRecordError,
    RecordStructureError,
    UnknownPolicyError,
)
from practicemodel.example import load_example
from practicemodel.policy import get_policy
from practicemodel.review import CFSR_INSTRUMENT, DEFAULT_INSTRUMENT, rate_case
from practicemodel.serialization import dumps_case, iter_jsonl, loads_case, model_classes
from practicemodel.strategies import cases
from practicemodel.synthetic import generate_cases

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = load_module("deidentify_evidence", ROOT / "scripts" / "deidentify_evidence.py")

KEY = b"fictional key of the de-identification tests, 32+ bytes"
OTHER_KEY = b"another fictional key, also longer than 32 bytes"
AS_OF = date(2026, 11, 22)
MS = get_policy("MS", AS_OF)
VERIFIED_CASES = 200
CANDIDATES = 64
"""Candidate offsets per case in the verified tests: fewer than all (the default), so that
some cases of the caseload fall back to the offset changing the fewest ratings."""

TEXT_READING_ITEMS = frozenset({"ms-practice-model:smart_objectives"})
"""The items whose rules read the words of free text (the S.M.A.R.T. objective rules read
objective statements and behaviors); every other rule reads only whether text is there."""


@pytest.fixture(scope="module")
def caseload() -> list[Case]:
    """A synthetic caseload (seed 1)."""
    return list(generate_cases(VERIFIED_CASES, seed=1))


@pytest.fixture(scope="module")
def verified(caseload: list[Case]) -> list[DeidentifiedCase]:
    """The caseload, de-identified with its offsets verified (64 candidates each)."""
    return list(deidentify_cases(caseload, key=KEY, as_of=AS_OF, policy=MS,
                                 candidates=CANDIDATES))


@pytest.fixture(scope="module")
def verified_texts(verified: list[DeidentifiedCase]) -> list[str]:
    """The verified outputs as JSON Lines records."""
    return [dumps_case(r.case, indent=None) for r in verified]


@pytest.fixture(scope="module")
def unverified(caseload: list[Case]) -> list[DeidentifiedCase]:
    """The caseload, de-identified without verification."""
    return list(deidentify_cases(caseload, key=KEY, as_of=None))


def _ratings(case: Case) -> dict[str, str]:
    """Each item's and outcome's rating on both shipped instruments, by public calls."""
    named: dict[str, str] = {}
    for code, instrument in (("ms-practice-model", DEFAULT_INSTRUMENT),
                             ("cfsr", CFSR_INSTRUMENT)):
        review = rate_case(case, policy=MS, as_of=AS_OF, instrument=instrument)
        named.update({f"{code}:{r.item}": r.rating.value for r in review.ratings})
        named.update({f"cfsr:{o.outcome.value}": o.result.value for o in review.outcomes})
    return named


# -- the analysis is kept -------------------------------------------------------------------


def test_the_ratings_of_a_deidentified_caseload_equal_the_originals(
        caseload: list[Case], verified: list[DeidentifiedCase], verified_texts: list[str]
) -> None:
    """Reviewed at the same date, the output (loaded back from JSON) gets the original's
    rating on every item and outcome of both instruments, except the ones each result
    names: on this caseload, with 64 candidates, 9 cases where none of them kept every
    rating (the visit and involvement items of open cases, around the review date), and
    none by the removed text. With every candidate (the default) all of them keep every
    rating (the next test, with ``--run-slow``)."""
    changed: Counter[str] = Counter()
    for original, result, text in zip(caseload, verified, verified_texts,
                                      strict=True):
        before, after = _ratings(original), _ratings(loads_case(text))
        differing = sorted(name for name in before if before[name] != after[name])
        assert differing == sorted(result.changed_items)
        assert set(result.changed_items) - set(result.shift_changed_items) <= TEXT_READING_ITEMS
        if result.shift_changed_items:  # every candidate was tried
            assert result.tries == CANDIDATES
        changed.update(differing)
    assert sum(1 for r in verified if not r.changed_items) == 191
    assert changed == Counter({
        "cfsr:item_15": 6, "ms-practice-model:visits_with_parents": 6,
        "cfsr:well_being_1": 3,
        "cfsr:item_13": 2, "ms-practice-model:involvement_in_case_planning": 2,
        "cfsr:item_18": 1, "cfsr:well_being_3": 1,
    })


@pytest.mark.slow
def test_with_every_candidate_the_whole_caseload_keeps_every_rating(
        caseload: list[Case], verified: list[DeidentifiedCase]) -> None:
    """The cases 64 candidates could not keep are kept by trying them all (the default)."""
    hard = [case for case, result in zip(caseload, verified, strict=True)
            if result.changed_items]
    assert len(hard) == 9
    for case in hard:
        result = deidentify_case(case, key=KEY, as_of=AS_OF, policy=MS)
        assert result.changed_items == ()
        assert _ratings(result.case) == _ratings(case)


def test_each_offset_is_the_first_keyed_candidate_that_keeps_every_rating(
        caseload: list[Case], verified: list[DeidentifiedCase]) -> None:
    """For a case that needed several tries, every earlier admissible candidate changes a
    rating of the unshifted de-identified case, and the one used keeps them all."""
    case, result = next((c, r) for c, r in zip(caseload, verified, strict=True)
                        if r.tries >= 3 and not r.changed_items)
    unshifted = deid._shift(result.case, timedelta(days=-result.offset_days))
    reference = _ratings(unshifted)
    candidates = list(_first_candidates(case, unshifted, result.tries))
    assert candidates[-1] == result.offset_days
    for offset in candidates[:-1]:
        assert _ratings(deid._shift(unshifted, timedelta(days=offset))) != reference
    assert _ratings(result.case) == reference


def _first_candidates(original: Case, unshifted: Case, count: int | None = None
                      ) -> Iterator[int]:
    """The first ``count`` (default: all) admissible candidate offsets of ``original`` under
    ``KEY``, for its de-identified, unshifted version ``unshifted``."""
    births = {p.birth_date for p in original.people if p.birth_date is not None}
    days = set(deid._dates(unshifted))
    found = 0
    for offset in deid._offsets(KEY, original.id, MAX_SHIFT_DAYS):
        if any(day + timedelta(days=offset) in births for day in days):
            continue
        yield offset
        found += 1
        if found == count:
            return


def test_when_no_candidate_keeps_every_rating_the_fewest_changes_win(
        caseload: list[Case], verified: list[DeidentifiedCase]) -> None:
    """With only 4 candidates, a case that needed more gets the first of the 4 that changes
    the fewest ratings, and reports exactly those."""
    for case, full in [(c, r) for c, r in zip(caseload, verified,
                                              strict=True) if r.tries > 4][:3]:
        result = deidentify_case(case, key=KEY, as_of=AS_OF, policy=MS, candidates=4)
        unshifted = deid._shift(full.case, timedelta(days=-full.offset_days))
        reference = _ratings(unshifted)
        changes = []
        for offset in _first_candidates(case, unshifted, 4):
            shifted = _ratings(deid._shift(unshifted, timedelta(days=offset)))
            changes.append((sum(shifted[k] != reference[k] for k in reference), offset))
        fewest, offset = min(changes, key=lambda pair: pair[0])
        assert result.tries == 4
        assert result.offset_days == offset
        assert len(result.shift_changed_items) == fewest > 0
        assert set(result.changed_items) == set(result.shift_changed_items)


def test_removing_text_changes_only_the_items_that_read_words() -> None:
    """An objective whose only flaw is in its words (built on the activity "complete", with
    no behavior recorded: needs review) is S.M.A.R.T. once the words are gone: the
    S.M.A.R.T. item changes, named in ``changed_items``, not by the date shift."""
    case = load_example()
    plan = case.plans[0]
    model = next(o for o in plan.objectives if o.id == "obj-marcus-sobriety")
    objectives = tuple(
        attrs.evolve(o, measure=model.measure, due_on=model.due_on,
                     addresses_ids=model.addresses_ids)
        if o.id == "obj-marcus-assessment" else o for o in plan.objectives)
    case = attrs.evolve(case, plans=(attrs.evolve(plan, objectives=objectives),
                                     *case.plans[1:]))
    result = deidentify_case(case, key=KEY, as_of=AS_OF, policy=MS)
    assert result.changed_items == ("ms-practice-model:smart_objectives",)
    assert result.shift_changed_items == ()
    before, after = _ratings(case), _ratings(result.case)
    assert (before["ms-practice-model:smart_objectives"],
            after["ms-practice-model:smart_objectives"]) == (
        "area_needing_improvement", "strength")


def test_an_unverified_export_uses_the_first_candidate(unverified: list[DeidentifiedCase]
                                                       ) -> None:
    """Without ``as_of`` nothing is reviewed: one try, nothing reported as changed."""
    assert all(r.tries == 1 and not r.verified and r.changed_items == () for r in unverified)


# -- the people are gone --------------------------------------------------------------------


def test_the_scanner_finds_nothing_of_the_people_in_the_output(
        caseload: list[Case], verified_texts: list[str],
        unverified: list[DeidentifiedCase]) -> None:
    """No name, original id, birth date or free-text string of a case is in its output
    (verified or not), by the scanner's rule: exact string values, and substrings for
    strings of 8 characters or more (see ``scan`` in the evidence script)."""
    leaks: Counter[str] = Counter()
    for original, result in zip(caseload, unverified, strict=True):
        leaks.update(EVIDENCE.scan(original, json.loads(dumps_case(result.case))))
    for original, text in zip(caseload, verified_texts, strict=True):
        leaks.update(EVIDENCE.scan(original, json.loads(text)))
    assert sum(leaks.values()) == 0, leaks


def test_the_scanner_finds_the_people_in_the_original(caseload: list[Case]) -> None:
    """Negative control: scanning a case's own JSON finds its names, ids, birth dates and
    texts, so a de-identification switched off would fail the test above."""
    hits: Counter[str] = Counter()
    for original in caseload[:20]:
        hits.update(EVIDENCE.scan(original, json.loads(dumps_case(original))))
    assert all(hits[category] > 0 for category in EVIDENCE.CATEGORIES), hits


def test_the_scanner_finds_a_single_leak() -> None:
    """A text left in place, or an adult's birth date, is found by the scanner."""
    case = load_example()
    output = json.loads(dumps_case(deidentify_case(case, key=KEY, as_of=None).case))
    output["closure_reason"] = "moved; " + case.plans[0].objectives[0].statement
    output["people"][0]["birth_date"] = case.people[0].birth_date.isoformat()  # type: ignore[union-attr]
    assert EVIDENCE.scan(case, output) == Counter({"texts": 1, "birth_dates": 1})


def test_the_scanner_finds_nothing_in_10000_deidentified_cases() -> None:
    """The scanner on 10,000 synthetic cases de-identified without verification (the
    offsets are the only difference verification makes, and every candidate avoids the
    people's birth dates; ``scripts/deidentify_evidence.py`` scans verified output too)."""
    leaks: Counter[str] = Counter()
    for original in generate_cases(10_000, seed=2):
        result = deidentify_case(original, key=KEY, as_of=None)
        leaks.update(EVIDENCE.scan(original, json.loads(dumps_case(result.case))))
    assert sum(leaks.values()) == 0, leaks


def test_what_is_kept_removed_and_changed_in_the_example() -> None:
    """Names become pseudonyms, the household label goes, providers get keyed pseudonyms,
    only the children keep a (shifted) birth date, codes stay."""
    case = load_example()
    result = deidentify_case(case, key=KEY, as_of=AS_OF, policy=MS)
    out, delta = result.case, timedelta(days=result.offset_days)
    assert result.verified
    for before, after in zip(case.people, out.people, strict=True):
        assert after.id == deidentified_id(before.id, key=KEY)
        assert after.name == "Person " + after.id[len(ID_PREFIX):][:8].upper()
        if before.id in case.child_ids:
            assert after.birth_date == before.birth_date + delta  # type: ignore[operator]
        else:
            assert after.birth_date is None
        assert after.sex == before.sex
    assert [s.name.split()[0] for s in out.staff] == ["Staff"] * len(case.staff)
    assert all(h.name is None for h in out.households)
    assert (out.region, out.county) == (case.region, case.county)
    providers = {s.provider for s in case.services if s.provider}
    pseudonyms = {s.provider for s in out.services if s.provider}
    assert len(pseudonyms) == len(providers)
    assert all(p.startswith("Provider ") for p in pseudonyms)  # type: ignore[union-attr]
    assert out.child_ids == tuple(deidentified_id(c, key=KEY) for c in case.child_ids)


def _pairs(before: Any, after: Any, owner: str = "Case") -> Iterator[tuple[str, str, Any, Any]]:
    """(class, field, original value, output value) for every field, nested included."""
    for field in attrs.fields(type(before)):
        old, new = getattr(before, field.name), getattr(after, field.name)
        yield owner, field.name, old, new
        olds = old if isinstance(old, tuple) else (old,)
        news = new if isinstance(new, tuple) else (new,)
        if any(attrs.has(type(o)) for o in olds):
            assert len(olds) == len(news)
            for o, n in zip(olds, news, strict=True):
                yield from _pairs(o, n, type(o).__name__)


def _text_fields() -> set[tuple[str, str]]:
    """(class, field) of every field the model checks as free text."""
    text_checks = (_checks.text, _checks.optional_text, _checks.texts)
    return {(cls.__name__, f.name) for cls in model_classes() for f in attrs.fields(cls)
            if f.validator in text_checks}


def test_free_text_becomes_the_placeholder_and_every_date_moves_by_the_offset() -> None:
    """Each text present is the placeholder (a list of texts keeps its length), absent
    text stays absent, and every date of the case moves by the offset."""
    case = load_example()
    result = deidentify_case(case, key=KEY, as_of=None)
    texts = _text_fields()
    delta = timedelta(days=result.offset_days)
    seen_text = seen_dates = 0
    for owner, name, old, new in _pairs(case, result.case):
        if (owner, name) in texts:
            if isinstance(old, tuple):
                assert new == (PLACEHOLDER,) * len(old)
            else:
                assert new == (None if old is None else PLACEHOLDER)
            seen_text += old is not None
        elif isinstance(old, date) and (owner, name) != ("Person", "birth_date"):
            assert new == old + delta
            seen_dates += 1
    assert seen_text > 20
    assert seen_dates > 100


def test_every_string_field_of_the_model_has_a_decision() -> None:
    """Ids are hashed, free text removed, names made pseudonyms, and only the listed codes
    are kept; a new string field of the model is removed until it is classified."""
    actions: dict[tuple[str, str], int | None] = {}
    for cls in model_classes():
        plan = {name: action for name, _, action in deid._plan(cls)}
        for field in attrs.fields(cls):
            if field.type in (str, str | None, tuple[str, ...]):
                actions[(cls.__name__, field.name)] = plan.get(field.name)
    kept = {where for where, action in actions.items() if action is None}
    assert kept == set(KEPT_CODES)
    assert {w for w, a in actions.items() if a == deid._TEXT} == _text_fields()
    ids = {w for w, a in actions.items() if a == deid._ID}
    assert all(name == "id" or name.endswith(("_id", "_ids")) or name == "replaces"
               for _, name in ids)
    assert {w for w, a in actions.items() if a not in (None, deid._TEXT, deid._ID)} == {
        ("Person", "name"), ("StaffMember", "name"), ("Household", "name"),
        ("Placement", "provider"), ("Service", "provider")}


@settings(max_examples=25)
@given(case=cases(), key=st.binary(min_size=MIN_KEY_BYTES, max_size=48))
def test_any_case_deidentifies_into_a_valid_record_keeping_its_intervals(case: Case,
                                                                        key: bytes) -> None:
    """For any coherent case and key, the output loads back as the same case, moves every
    date by the one nonzero offset (so every interval inside the case is kept), and puts no
    date on anyone's birth date."""
    result = deidentify_case(case, key=key, as_of=None)
    assert loads_case(dumps_case(result.case)) == result.case
    assert 1 <= abs(result.offset_days) <= MAX_SHIFT_DAYS
    delta = timedelta(days=result.offset_days)
    births = {p.birth_date for p in case.people if p.birth_date is not None}
    for owner, name, old, new in _pairs(case, result.case):
        if isinstance(new, date):
            assert new == old + delta
            assert new not in births
        elif isinstance(old, date):
            assert (owner, name) == ("Person", "birth_date")
            assert new is None


# -- ids ------------------------------------------------------------------------------------


def test_the_same_id_gives_the_same_output_id_across_files_and_keys_differ() -> None:
    """A person in two files (two cases) gets one output id; another key gives other ids
    and other offsets; the same key gives the same output, byte for byte."""
    first = load_example()
    second = attrs.evolve(first, id="wilson-second-file")
    one = io.StringIO()
    two = io.StringIO()
    deidentify_jsonl([dumps_case(first, indent=None)], one, key=KEY, as_of=None)
    deidentify_jsonl([dumps_case(second, indent=None)], two, key=KEY, as_of=None)
    a, b = loads_case(one.getvalue()), loads_case(two.getvalue())
    assert [p.id for p in a.people] == [p.id for p in b.people]
    assert a.id != b.id
    again = deidentify_case(first, key=KEY, as_of=None)
    assert dumps_case(again.case) == dumps_case(a)
    other = [deidentify_case(c, key=OTHER_KEY, as_of=None)
             for c in generate_cases(20, seed=3)]
    mine = [deidentify_case(c, key=KEY, as_of=None) for c in generate_cases(20, seed=3)]
    assert all(x.case.id != y.case.id for x, y in zip(other, mine, strict=True))
    assert sum(x.offset_days != y.offset_days for x, y in zip(other, mine, strict=True)) >= 18


def test_an_id_collision_inside_a_case_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two ids of a case that give one output id would merge two records: refused."""
    monkeypatch.setattr(deid, "_ID_CHARS", 0)  # every id then gives "id-"
    with pytest.raises(InvalidRecordError, match="give the same de-identified id"):
        deidentify_case(load_example(), key=KEY, as_of=None)


def test_a_deidentified_id_looks_like_an_id() -> None:
    """A prefix and 26 lower-case base32 characters (130 bits)."""
    ident = deidentified_id("dana", key=KEY)
    assert ident.startswith(ID_PREFIX)
    assert len(ident) == len(ID_PREFIX) + 26
    assert set(ident[len(ID_PREFIX):]) <= set("abcdefghijklmnopqrstuvwxyz234567")


# -- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [b"", b"short", b"x" * (MIN_KEY_BYTES - 1)])
def test_a_short_or_empty_key_is_refused(key: bytes) -> None:
    """The library refuses a key under 32 bytes, naming its length, never the key."""
    with pytest.raises(InvalidArgumentError, match=f"got {len(key)} bytes") as raised:
        deidentify_case(load_example(), key=key, as_of=None)
    assert key == b"" or key.decode() not in str(raised.value)


def test_a_key_that_is_not_bytes_is_refused() -> None:
    """A str key is a wrong kind of value."""
    with pytest.raises(InvalidInputError, match="'key' must be bytes"):
        deidentify_case(load_example(), key=KEY.decode(), as_of=None)  # type: ignore[arg-type]


def test_arguments_are_checked_before_the_first_case() -> None:
    """deidentify_cases and deidentify_jsonl refuse a short key at the call; a review date
    needs a policy."""
    with pytest.raises(InvalidArgumentError):
        deidentify_cases([], key=b"short", as_of=None)
    with pytest.raises(InvalidArgumentError):
        deidentify_jsonl([], io.StringIO(), key=b"short", as_of=None)
    with pytest.raises(InvalidArgumentError, match="'policy' is needed"):
        deidentify_case(load_example(), key=KEY, as_of=AS_OF)


def test_read_key_strips_one_line_break_and_refuses_bad_files(tmp_path: Path) -> None:
    """A key file made by ``print(secrets.token_hex(32))`` gives its 64 characters; a
    missing, empty or short file is refused naming the file (and the length)."""
    good = tmp_path / "deid.key"
    good.write_text("ab" * 32 + "\n")
    assert read_key(good) == b"ab" * 32
    with pytest.raises(InvalidArgumentError, match=r"missing\.key: cannot read it"):
        read_key(tmp_path / "missing.key")
    empty = tmp_path / "empty.key"
    empty.write_text("\n")
    with pytest.raises(InvalidArgumentError, match=r"empty\.key is empty"):
        read_key(empty)
    short = tmp_path / "short.key"
    short.write_text("tiny secret\n")
    with pytest.raises(InvalidArgumentError, match=r"short\.key holds a key of 11 bytes") as e:
        read_key(short)
    assert "tiny secret" not in str(e.value)


# -- files ----------------------------------------------------------------------------------


def test_deidentify_jsonl_writes_loadable_lines_and_counts(caseload: list[Case]) -> None:
    """Every case becomes one line that ``iter_jsonl`` loads; a bad line is skipped and
    counted; the summary counts kept ratings and changed items."""
    lines = [dumps_case(c, indent=None) for c in caseload[:6]]
    lines.insert(3, '{"not": "a case"}')
    out = io.StringIO()
    skipped: list[RecordStructureError] = []
    seen: list[DeidentifiedCase] = []
    summary = deidentify_jsonl(lines, out, key=KEY, as_of=AS_OF, policy=MS, name="in.jsonl",
                               on_skip=skipped.append, on_case=seen.append)
    loaded = list(iter_jsonl(io.StringIO(out.getvalue())))
    assert loaded == [r.case for r in seen]
    assert (summary.cases_read, summary.cases_written, summary.records_skipped) == (7, 6, 1)
    assert summary.cases_all_kept == sum(1 for r in seen if not r.changed_items)
    assert skipped[0].source == "in.jsonl:4"
    assert "offset" not in out.getvalue()
    with pytest.raises(RecordStructureError):
        deidentify_jsonl(lines, io.StringIO(), key=KEY, as_of=None, strict=True)


def test_bad_search_arguments_are_refused() -> None:
    """``candidates`` and ``max_shift_days`` must be whole numbers in range; a policy not
    in effect on the review date is refused before any case."""
    case = load_example()
    with pytest.raises(InvalidArgumentError, match="'candidates' must be 1 or more"):
        deidentify_case(case, key=KEY, as_of=None, candidates=0)
    with pytest.raises(InvalidArgumentError, match="'max_shift_days' must be at most 3653"):
        deidentify_case(case, key=KEY, as_of=None, max_shift_days=10_000)
    with pytest.raises(InvalidInputError, match="'candidates' must be an int"):
        deidentify_case(case, key=KEY, as_of=None, candidates=True)
    with pytest.raises(UnknownPolicyError):
        deidentify_case(case, key=KEY, as_of=date(1990, 1, 1), policy=MS)


def test_a_case_no_shift_can_keep_in_range_is_refused() -> None:
    """Dates at both ends of the supported range leave no shift: refused, not looped."""
    case = attrs.evolve(load_example(), opened_on=date(1900, 1, 1))
    far = attrs.evolve(case.staffings[0], held_on=date(2199, 12, 31))
    case = attrs.evolve(case, staffings=(far, *case.staffings[1:]))
    with pytest.raises(InvalidArgumentError, match="no shift of 1 to 183 days"):
        deidentify_case(case, key=KEY, as_of=None)


def test_a_failure_inside_the_library_costs_only_its_record(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception while de-identifying one record is reported as that
    record's internal error (its kind and place, not its message) and skipped."""
    def broken(*args: object) -> DeidentifiedCase:
        raise ZeroDivisionError("Dana Wilson")

    monkeypatch.setattr(deid, "_deidentify", broken)
    skipped: list[RecordStructureError] = []
    summary = deidentify_jsonl([dumps_case(load_example(), indent=None)], io.StringIO(),
                               key=KEY, as_of=None, name="in.jsonl", on_skip=skipped.append)
    assert (summary.cases_written, summary.records_skipped) == (0, 1)
    message = str(skipped[0])
    assert message.startswith("in.jsonl:1: internal error (ZeroDivisionError at ")
    assert "Dana" not in message
