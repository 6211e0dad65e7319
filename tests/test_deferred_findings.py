"""Findings decide now and explain on demand: a deferred finding is indistinguishable from one
built with every field, and a review that only counts never builds the words.

``Finding.deferred`` keeps the outcome and ids and renders ``subject``, ``explanation`` and
``facts`` the first time one of them is read. These tests check that every way of reading a
finding (attributes, equality, hash, repr, JSON, pickle, copy, ``attrs.evolve``/``asdict``)
sees the rendered words, that the renderer runs once, and that the rules' findings, which
are all built this way where it pays, equal their eager twins.
"""

from __future__ import annotations

import copy
import gc
import pickle
import threading
import weakref
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.checks import check_case
from practicemodel.example import load_example
from practicemodel.findings import Explanation, Fact, Finding, Outcome
from practicemodel.policy import PROFILES, get_policy
from practicemodel.review import rate_case
from practicemodel.rules._shared import about
from practicemodel.synthetic import generate_cases

AS_OF = date(2026, 11, 22)
CALLS: list[tuple[str, str]] = []


def _words(objective_id: str, measure: str) -> Explanation:
    CALLS.append((objective_id, measure))
    return (f"objective {objective_id}", f"A measure is recorded ({measure!r}).",
            (Fact(label="measure", value=measure), Fact(label="due", value=date(2026, 3, 1))))


def _deferred(measure: str = "3 clean tests") -> Finding:
    return Finding.deferred(rule="smart.measurable", outcome=Outcome.MET, subject_id="obj-1",
                            explain=_words, args=("obj-1", measure), plan_id="plan-1",
                            objective_id="obj-1")


EAGER = Finding(rule="smart.measurable", outcome=Outcome.MET, subject_id="obj-1",
                subject="objective obj-1", explanation="A measure is recorded ('3 clean tests').",
                facts=(Fact(label="measure", value="3 clean tests"),
                       Fact(label="due", value=date(2026, 3, 1))),
                plan_id="plan-1", objective_id="obj-1")


def _is_deferred(finding: Finding) -> bool:
    try:
        object.__getattribute__(finding, "subject")
    except AttributeError:
        return True
    return False


def test_the_words_are_rendered_once_on_first_read() -> None:
    CALLS.clear()
    found = _deferred()
    assert CALLS == []
    assert _is_deferred(found)
    assert found.outcome is Outcome.MET
    assert found.plan_id == "plan-1"
    assert CALLS == []
    assert found.explanation == "A measure is recorded ('3 clean tests')."
    assert found.subject == "objective obj-1"
    assert found.facts == EAGER.facts
    assert CALLS == [("obj-1", "3 clean tests")]
    assert not _is_deferred(found)


@pytest.mark.parametrize("read", [
    pytest.param(lambda f: f, id="eq"),
    pytest.param(hash, id="hash"),
    pytest.param(repr, id="repr"),
    pytest.param(lambda f: f.to_json(), id="to_json"),
    pytest.param(lambda f: pickle.loads(pickle.dumps(f)), id="pickle"),
    pytest.param(copy.copy, id="copy"),
    pytest.param(copy.deepcopy, id="deepcopy"),
    pytest.param(attrs.asdict, id="asdict"),
    pytest.param(lambda f: attrs.evolve(f, outcome=Outcome.MET), id="evolve"),
    pytest.param(lambda f: Finding.from_json(f.to_json()), id="json round trip"),
])
def test_every_way_of_reading_sees_the_eager_value(read: object) -> None:
    assert callable(read)
    assert read(_deferred()) == read(EAGER)


def test_unknown_attributes_still_raise() -> None:
    for found in (_deferred(), EAGER):
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            found.nope  # type: ignore[attr-defined]  # noqa: B018


def test_a_pickled_deferred_finding_carries_no_renderer() -> None:
    """What is pickled is the rendered value: a worker sends words, not functions."""
    data = pickle.dumps(_deferred())
    assert b"_words" not in data
    assert pickle.loads(data) == EAGER


def test_tagging_a_deferred_finding_keeps_it_deferred() -> None:
    CALLS.clear()
    tagged = about(_deferred(), child_id="child-1", person_id="mother-1")
    assert _is_deferred(tagged)
    assert CALLS == []
    assert tagged == attrs.evolve(EAGER, child_id="child-1", person_id="mother-1")
    assert about(EAGER, child_id="child-1") == attrs.evolve(EAGER, child_id="child-1")


@given(measure=st.text(max_size=30))
def test_deferred_equals_eager_for_any_words(measure: str) -> None:
    eager = attrs.evolve(EAGER, explanation=f"A measure is recorded ({measure!r}).",
                         facts=(Fact(label="measure", value=measure), EAGER.facts[1]))
    assert _deferred(measure) == eager
    assert hash(_deferred(measure)) == hash(eager)


def test_rule_findings_equal_their_eager_twins_under_every_profile() -> None:
    """Every finding the rules give, rebuilt from its fields with ``Finding(...)``, is equal
    (example and 100 synthetic cases, every profile in effect)."""
    policies = [v for code in sorted(PROFILES) for v in PROFILES[code] if v.in_effect_on(AS_OF)]
    deferred = 0
    for case in (load_example(), *generate_cases(100, seed="deferred")):
        for policy in policies:
            for found in check_case(case, policy=policy, as_of=AS_OF):
                deferred += _is_deferred(found)
                assert Finding(**{a.name: getattr(found, a.name)
                                  for a in attrs.fields(Finding)}) == found
    assert deferred > 0


def test_a_review_builds_no_explanation() -> None:
    """``rate_case`` only counts outcomes: the findings behind its ratings are still
    deferred until someone reads them, and then read the same as a full check's."""
    case = load_example()
    policy = get_policy("MS", AS_OF)
    review = rate_case(case, policy=policy, as_of=AS_OF, by_role=True)
    behind = [f for rated in review.ratings for f in rated.findings]
    assert behind
    assert all(_is_deferred(f) for f in behind)
    full = check_case(case, policy=policy, as_of=AS_OF)
    assert all(f in full for f in behind)


def test_reading_from_several_threads_at_once_is_safe() -> None:
    """Threads reading the same unread findings all see the words: no AttributeError, no
    ``hasattr`` saying the words are missing while another thread renders them."""
    policy = get_policy("MS", AS_OF)
    cases = list(generate_cases(10, seed="threads"))
    for _ in range(3):
        found = [f for case in cases for f in check_case(case, policy=policy, as_of=AS_OF)]
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def read(findings: list[Finding] = found, errors: list[BaseException] = errors,
                 start: threading.Barrier = start) -> None:
            start.wait()
            try:
                for finding in findings:
                    assert hasattr(finding, "explanation")
                    finding.to_json()
            except BaseException as error:  # reported below
                errors.append(error)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []


def test_an_unread_finding_does_not_keep_its_case_alive() -> None:
    """A review or the findings kept unread hold what their words need, not the case."""
    policy = get_policy("MS", AS_OF)
    for seed in ("alive-1", "alive-2"):
        case = next(iter(generate_cases(1, seed=seed)))
        ref = weakref.ref(case)
        review = rate_case(case, policy=policy, as_of=AS_OF, by_role=True)
        found = check_case(case, policy=policy, as_of=AS_OF)
        assert any(_is_deferred(f) for f in found)
        del case
        gc.collect()
        assert ref() is None
        assert review.ratings  # still here, still readable
        assert found
        assert all(f.explanation for f in found)
