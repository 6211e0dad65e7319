"""Tests for the case review instrument, item ratings, roll-ups and ``practicemodel review``."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicemodel.case import Case
from practicemodel.checks import check_case
from practicemodel.cli import main
from practicemodel.components import PracticeComponent
from practicemodel.errors import InvalidArgumentError, InvalidInputError
from practicemodel.example import example_json, load_example
from practicemodel.periods import add_months
from practicemodel.policy import get_policy
from practicemodel.review import (
    DEFAULT_INSTRUMENT,
    CaseReview,
    ComponentResult,
    ReviewItem,
    ReviewRating,
    period_label,
    rate_case,
    rating_records,
)
from practicemodel.statistics import item_performance

AS_OF = date(2026, 11, 22)
S = ReviewRating.STRENGTH
ANI = ReviewRating.AREA_NEEDING_IMPROVEMENT
NA = ReviewRating.NOT_APPLICABLE


@pytest.fixture(scope="module")
def wilson() -> Case:
    """The built-in Wilson example case."""
    return load_example()


@pytest.fixture(scope="module")
def ms_review(wilson: Case) -> CaseReview:
    """The Wilson case rated under MS as of 2026-11-22."""
    return rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF)


def test_wilson_item_ratings_under_ms(ms_review: CaseReview) -> None:
    """Each item of the Wilson case is rated as worked out by hand from its findings."""
    expected = {
        "needs_and_services": ANI,  # svc-ava-counseling serves no objective
        "involvement_in_case_planning": ANI,  # marcus, ava and leo not actively involved
        "visits_with_child": ANI,  # no caseworker visit in July 2026
        "visits_with_parents": ANI,  # marcus not visited March to October
        "visiting_parents_and_siblings": ANI,  # family visits held far below plan
        "timely_case_planning": S,  # initial plan, update and periodic review on time
        "concurrent_planning": NA,  # MS does not require concurrent planning
        "smart_objectives": ANI,  # obj-marcus-assessment is not S.M.A.R.T.
        "safe_closure_criteria": S,  # six categories in the first plan, all measured
    }
    actual = {r.item: r.rating for r in ms_review.ratings}
    assert expected == actual


def test_wilson_review_identifies_the_case(ms_review: CaseReview) -> None:
    """The review carries the case's id, region, county and type."""
    expected = ("wilson-2026-0142", "Northern", "Cedar County", "foster_care", "MS")
    actual = (ms_review.case_id, ms_review.region, ms_review.county, ms_review.case_type,
              ms_review.policy)
    assert expected == actual


def test_ani_rating_keeps_the_findings_not_met(ms_review: CaseReview) -> None:
    """The S.M.A.R.T. item's ANI rating points at obj-marcus-assessment."""
    rated = next(r for r in ms_review.ratings if r.item == "smart_objectives")
    expected = {"obj-marcus-assessment"}
    actual = {f.subject_id for f in rated.findings}
    assert expected == actual


def test_concurrent_planning_not_applicable_under_federal(wilson: Case) -> None:
    """Concurrent planning is not applicable where policy does not require it (FEDERAL)."""
    review = rate_case(wilson, policy=get_policy("FEDERAL", AS_OF), as_of=AS_OF)
    expected = NA
    actual = review.rating("concurrent_planning")
    assert expected == actual


def test_evolving_an_item_rules_changes_the_rating(wilson: Case) -> None:
    """Reading only visits.child_residence turns caseworker visits with child to Strength."""
    item = attrs.evolve(DEFAULT_INSTRUMENT.item("visits_with_child"),
                        rules=("visits.child_residence",))
    instrument = DEFAULT_INSTRUMENT.replace_item(item)
    review = rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF,
                       instrument=instrument)
    expected = S
    actual = review.rating("visits_with_child")
    assert expected == actual


def test_needs_review_counts_as_met_when_set(wilson: Case) -> None:
    """A needs-review finding is not met by default, met when the item says so."""
    base = ReviewItem(code="staffing_topics", name="Staffing covers the topics",
                      components=(PracticeComponent.SAFETY_AND_RISK,),
                      source="test", rules=("staffing.topics",))
    findings = check_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF)
    expected = (ANI, S)
    actual = (base.rate(findings).rating,
              attrs.evolve(base, needs_review_counts_as_met=True).rate(findings).rating)
    assert expected == actual


def test_component_rollup_under_ms(ms_review: CaseReview) -> None:
    """With the default threshold of 1.0 every component has an ANI item: none achieved."""
    expected = dict.fromkeys(PracticeComponent, ComponentResult.NOT_ACHIEVED)
    actual = {r.component: r.result for r in ms_review.components}
    assert expected == actual


def test_component_rollup_counts_and_threshold(wilson: Case) -> None:
    """Case planning has 2 of 4 applicable items strong; a 0.5 threshold achieves it."""
    instrument = attrs.evolve(DEFAULT_INSTRUMENT, outcome_threshold=0.5)
    review = rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF,
                       instrument=instrument)
    planning = next(r for r in review.components
                    if r.component is PracticeComponent.CASE_PLANNING)
    expected = (2, 4, ComponentResult.ACHIEVED)
    actual = (planning.strengths, planning.applicable, planning.result)
    assert expected == actual


def test_rating_records_shape(ms_review: CaseReview) -> None:
    """One row per item: case id, item, rating, region, county, case type, quarter."""
    rows = rating_records(ms_review)
    expected = {"case_id": ms_review.case_id, "item": "timely_case_planning",
                "rating": "strength", "region": "Northern", "county": "Cedar County",
                "case_type": "foster_care", "quarter": "2026Q4"}
    actual = rows[5]
    assert expected == actual
    assert len(DEFAULT_INSTRUMENT.items) == len(rows)


def test_rating_records_feed_item_performance(ms_review: CaseReview) -> None:
    """The rows go straight into item_performance, grouped by quarter."""
    rows = rating_records(ms_review)
    (perf,) = [p for p in item_performance(rows, by=("quarter",))
               if p.item == "safe_closure_criteria"]
    expected = (("2026Q4",), 1, 1)
    actual = (perf.group, perf.strengths, perf.applicable)
    assert expected == actual


def test_rating_records_without_quarter(ms_review: CaseReview) -> None:
    """``quarter=False`` leaves the quarter out."""
    expected = {"case_id", "item", "rating", "region", "county", "case_type"}
    actual = set(rating_records(ms_review, quarter=False)[0])
    assert expected == actual


ROLE_CASES = [
    # From the rules by hand (docs/explanation/involvement.md and visits.md): Dana (mother)
    # and Ruth (foster parent) are actively involved, Marcus (father) lacks "evaluating
    # progress", Ava and Leo are not involved; Dana was visited in person every month with
    # case plan progress and needs covered, Marcus had no in-person visit in any month.
    ("involvement_in_case_planning", "mother", S),
    ("involvement_in_case_planning", "father", ANI),
    ("involvement_in_case_planning", "foster_parent", S),
    ("involvement_in_case_planning", "child", ANI),
    ("visits_with_parents", "mother", S),
    ("visits_with_parents", "father", ANI),
    ("visits_with_parents", "child", NA),
    ("visits_with_child", "child", ANI),
    ("visits_with_child", "mother", NA),
    ("smart_objectives", "father", NA),  # objectives are case-level findings: no role
]


@pytest.mark.parametrize(("item", "role", "rating"), ROLE_CASES)
def test_wilson_role_ratings(wilson: Case, item: str, role: str,
                             rating: ReviewRating) -> None:
    """by_role rates each item from the findings about the people of each role."""
    review = rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF, by_role=True)
    expected = rating
    actual = next(r.rating for r in review.role_ratings if (r.item, r.role) == (item, role))
    assert expected == actual


def test_role_records_have_a_role_key(wilson: Case, ms_review: CaseReview) -> None:
    """rating_records(roles=True) gives one row per item and role; it needs by_role."""
    review = rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF, by_role=True)
    rows = rating_records(review, roles=True)
    expected = (len(DEFAULT_INSTRUMENT.items) * 5,
                {"mother", "father", "foster_parent", "child", "parent"})
    actual = (len(rows), {row["role"] for row in rows})
    assert expected == actual
    assert review.ratings == ms_review.ratings  # the case-level ratings do not change
    with pytest.raises(InvalidArgumentError, match="by_role=True"):
        rating_records(ms_review, roles=True)


@given(day=st.dates(min_value=date(2020, 2, 1), max_value=date(2035, 12, 31)),
       start=st.dates(min_value=date(2000, 1, 1), max_value=date(2020, 2, 1)),
       months=st.integers(min_value=1, max_value=12))
def test_period_label_finds_the_period_containing_the_day(day: date, start: date,
                                                          months: int) -> None:
    """Law: period n starts (n - 1) * months months after start, and the day lies in it."""
    n = int(period_label(day, start=start, months=months, prefix="P")[1:])
    assert add_months(start, (n - 1) * months) <= day < add_months(start, n * months)


def test_period_label_rejects_a_day_before_the_start() -> None:
    """A day before the first period is an InvalidArgumentError naming both dates."""
    with pytest.raises(InvalidArgumentError, match="2020-01-31"):
        period_label(date(2020, 1, 31), start=date(2020, 2, 1))


def test_fields_group_reviews_by_a_reviewer_defined_period(wilson: Case) -> None:
    """Rows of reviews at two dates, labelled with their PIP quarter, group by "period"."""
    rows = []
    for as_of in (date(2026, 3, 31), AS_OF):
        review = rate_case(wilson, policy=get_policy("MS", as_of), as_of=as_of)
        label = period_label(as_of, start=date(2026, 2, 1))
        rows += rating_records(review, fields={"period": label})
    table = item_performance(rows, by=("period",))
    expected = {("Q1",), ("Q4",)}
    actual = {p.group for p in table}
    assert expected == actual
    with pytest.raises(InvalidArgumentError, match="reuse"):
        rating_records(review, fields={"region": "x"})


def test_review_flags_must_be_bools(wilson: Case, ms_review: CaseReview) -> None:
    """by_role, quarter and roles are bools; a prefix is a str."""
    with pytest.raises(InvalidInputError, match="'by_role'"):
        rate_case(wilson, policy=get_policy("MS", AS_OF), as_of=AS_OF,
                  by_role="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'quarter'"):
        rating_records(ms_review, quarter="no")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'prefix'"):
        period_label(AS_OF, start=date(2026, 1, 1), prefix=None)  # type: ignore[arg-type]


def test_junk_input_raises_invalid_input_error() -> None:
    """A dict for the case, a str for the review, or a bad item is invalid input."""
    policy = get_policy("MS", AS_OF)
    with pytest.raises(InvalidInputError):
        rate_case({"id": "x"}, policy=policy, as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        rating_records("review")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        ReviewItem(code="x", name="x", components=("safety",),  # type: ignore[arg-type]
                   source="x", rules=("a.b",))
    with pytest.raises(InvalidInputError):
        attrs.evolve(DEFAULT_INSTRUMENT, outcome_threshold=1.5)


def run(*argv: str) -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(""))
    return code, out.getvalue()


@pytest.fixture
def jsonl_with_bad_line(tmp_path: Path) -> Path:
    """Two copies of the example around one bad record on line 2."""
    line = json.dumps(json.loads(example_json()))
    path = tmp_path / "cases.jsonl"
    path.write_text(f"{line}\n{{\"bad\": 1}}\n{line}\n", encoding="utf-8")
    return path


def test_cli_review_skips_and_reports_bad_line(
        jsonl_with_bad_line: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad record is reported with its line, skipped and counted; the rest is reviewed."""
    code, out = run("review", str(jsonl_with_bad_line), "--as-of", "2026-11-22",
                    "--policy", "MS")
    err = capsys.readouterr().err
    assert f"{jsonl_with_bad_line}:2" in err
    assert "2 cases reviewed, 1 record skipped" in out
    assert "Caseworker visits with child" in out
    expected = 1
    actual = code
    assert expected == actual


def test_cli_review_strict_stops_with_exit_1(
        jsonl_with_bad_line: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--strict`` stops at the bad record with exit 1 and prints no table."""
    code, out = run("review", str(jsonl_with_bad_line), "--as-of", "2026-11-22", "--strict")
    err = capsys.readouterr().err
    assert f"{jsonl_with_bad_line}:2" in err
    expected = (1, "")
    actual = (code, out)
    assert expected == actual


def test_cli_review_synthetic_json() -> None:
    """``--synthetic 20 --json`` reviews 20 cases and counts each item over them."""
    code, out = run("review", "--synthetic", "20", "--seed", "7", "--as-of", "2026-11-22",
                    "--json")
    payload = json.loads(out)
    planning = next(c for c in payload["components"] if c["component"] == "case_planning")
    timely = next(i for i in planning["items"] if i["item"] == "timely_case_planning")
    expected = (0, 20, 0, 20)
    actual = (code, payload["cases_reviewed"], payload["records_skipped"],
              timely["applicable"] + timely["not_applicable"])
    assert expected == actual


def test_cli_review_synthetic_by_region_text() -> None:
    """``--synthetic 20 --by region`` prints one row per region and the final count."""
    code, out = run("review", "--synthetic", "20", "--as-of", "2026-11-22", "--by", "region")
    assert "20 cases reviewed, 0 records skipped" in out
    assert "95% Wilson interval" in out
    expected = 0
    actual = code
    assert expected == actual


def test_cli_review_needs_a_source() -> None:
    """Neither FILE nor --synthetic is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as raised:
        run("review", "--as-of", "2026-11-22")
    expected = 2
    actual = raised.value.code
    assert expected == actual


def test_review_sample_and_out_files(tmp_path: Path) -> None:
    """``--sample`` reviews a stratified sample; ``--out`` writes CSV, JSON and Parquet."""
    import polars as pl

    for suffix in (".csv", ".json", ".parquet"):
        target = tmp_path / f"table{suffix}"
        code = main(["review", "--synthetic", "40", "--sample", "12", "--seed", "5",
                     "--as-of", "2026-11-22", "--out", str(target)], stdout=io.StringIO())
        assert code == 0
        assert target.stat().st_size > 0
    rows = json.loads((tmp_path / "table.json").read_text(encoding="utf-8"))
    smart = next(r for r in rows if r["item"] == "smart_objectives")
    assert smart["applicable"] + smart["not_applicable"] == 12
    frame = pl.read_parquet(tmp_path / "table.parquet")
    assert frame.height == len(rows)


def test_review_rejects_an_unknown_out_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    """``--out`` with an unsupported suffix is a usage error."""
    with pytest.raises(SystemExit) as exit_info:
        main(["review", "--synthetic", "2", "--as-of", "2026-11-22", "--out", "t.xlsx"],
             stdout=io.StringIO())
    assert exit_info.value.code == 2
    assert "--out must end in .csv, .json or .parquet" in capsys.readouterr().err


def test_ratings_by_role_read_people_from_the_findings() -> None:
    """The people of each role come from the engagement findings' person_id and role, and
    they are exactly who_counts' participants over the case's children (so reading findings
    instead of the rule module changes no rating)."""
    from practicemodel.checks import check_case
    from practicemodel.rules.engagement import who_counts
    from practicemodel.synthetic import generate_cases

    as_of = date(2026, 11, 22)
    policy = get_policy("MS", on=as_of)
    for case in generate_cases(40, seed="roles-from-findings"):
        expected = {(p.role.value, p.person_id) for child_id in case.child_ids
                    for p in who_counts(case, child_id, policy=policy, as_of=as_of)}
        named = {(f.role, f.person_id) for f in check_case(case, policy=policy, as_of=as_of)
                 if f.role is not None}
        assert named == expected, case.id
