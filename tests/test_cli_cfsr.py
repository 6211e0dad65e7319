"""``practicemodel review --instrument cfsr``: the 18 items by outcome, with conformity lines.

Done-when of the CFSR issue: the command prints all 18 items by outcome with intervals and
the conformity line per outcome; ``--instrument ms-practice-model`` keeps today's view.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from practicemodel.cli import main
from practicemodel.outcomes import CFSR_ITEMS, ROUND_3, CfsrOutcome, outcome_conformity
from practicemodel.policy import get_policy
from practicemodel.review import CFSR_INSTRUMENT, rate_case
from practicemodel.synthetic import generate_cases

ARGS = ("review", "--synthetic", "60", "--as-of", "2026-11-22", "--policy", "MS")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_cfsr_prints_every_item_under_its_outcome_with_a_conformity_line() -> None:
    """Each of the 7 outcomes is a heading followed by its items (all 18, in order) and one
    "outcome substantially achieved" line with its interval and verdict."""
    code, out = run(*ARGS, "--instrument", "cfsr")
    assert code == 0
    lines = out.splitlines()
    headings = [n for n, line in enumerate(lines) if line in {o.label for o in CfsrOutcome}]
    assert [lines[n] for n in headings] == [d.outcome.label for d in ROUND_3]
    for start, definition in zip(headings, ROUND_3, strict=True):
        section = lines[start + 1:start + 2 + 2 * len(definition.items)]
        for number in definition.items:
            assert any(line.lstrip().startswith(f"{number} {CFSR_ITEMS[number - 1].name}")
                       for line in section), number
        conformity = next(line for line in lines[start:]
                          if "outcome substantially achieved" in line)
        assert "[" in conformity
        assert "threshold 95%" in conformity
        assert ("not in substantial conformity" in conformity
                or "in substantial conformity" in conformity
                or "no applicable case" in conformity)
    assert lines[-1] == "60 cases reviewed, 0 records skipped"


def test_cfsr_json_conformity_is_outcome_conformity_of_the_case_reviews() -> None:
    """The JSON's conformity rows are the counts outcome_conformity gives for the same cases
    rated one by one: the caseload's outcome rows count what the outcome rules decide."""
    code, out = run(*ARGS, "--instrument", "cfsr", "--json")
    assert code == 0
    payload = json.loads(out)
    assert [o["outcome"] for o in payload["outcomes"]] == [d.outcome.value for d in ROUND_3]
    assert sum(len(o["items"]) for o in payload["outcomes"]) == 18
    policy = get_policy("MS")
    reviews = [rate_case(case, policy=policy, as_of=date(2026, 11, 22),
                         instrument=CFSR_INSTRUMENT)
               for case in generate_cases(60, seed="0")]
    expected = {c.outcome.value: c for c in outcome_conformity(
        [r.outcomes for r in reviews], threshold=policy.outcome_conformity_threshold)}
    for outcome in payload["outcomes"]:
        (row,) = outcome["conformity"]
        want = expected[outcome["outcome"]]
        assert (row["strengths"], row["applicable"], row["not_applicable"]) == (
            want.substantially_achieved.successes, want.substantially_achieved.trials,
            want.not_applicable)
        assert row["in_substantial_conformity"] == want.in_substantial_conformity


def test_the_practice_model_instrument_is_the_default_view() -> None:
    """--instrument ms-practice-model prints exactly what review printed without it."""
    default = run(*ARGS)
    named = run(*ARGS, "--instrument", "ms-practice-model")
    assert default == named
    assert "Mobilizing Appropriate Services Timely" in default[1]
    assert "outcome substantially achieved" not in default[1]


def test_an_unknown_instrument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An instrument code the command does not know exits 2 and lists the choices."""
    with pytest.raises(SystemExit) as info:
        main([*ARGS, "--instrument", "osri"], stdout=io.StringIO())
    assert info.value.code == 2
    err = capsys.readouterr().err  # argparse quotes the choices differently by version
    assert "argument --instrument: invalid choice: 'osri'" in err
    assert "ms-practice-model" in err.splitlines()[-1]
    assert "cfsr" in err.splitlines()[-1]
