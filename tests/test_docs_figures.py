"""Tests for the docs' generated pictures (``docs/_figures.py``, ``docs/_hooks.py``) and the
app-developer how-to's back end (``examples/app_backend.py``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from module_loading import load_module
from practicemodel.errors import DateOutOfRangeError
from practicemodel.example import example_json
from practicemodel.review import CFSR_INSTRUMENT, DEFAULT_INSTRUMENT
from practicemodel.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    """The docs hooks, loaded by path as MkDocs loads them."""
    return load_module("docs_hooks_under_test", DOCS / "_hooks.py")


@pytest.fixture(scope="module")
def figures(hooks: ModuleType) -> ModuleType:
    """The figure module the hooks use."""
    module: ModuleType = hooks.figures
    return module


@pytest.fixture
def small_tutorial(figures: ModuleType, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The tutorial's charts drawn from 12-case caseloads (fast), caches emptied around."""
    cached = (figures._tutorial, figures.item_performance_svg, figures.comparison_svg)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(figures, "TUTORIAL_CASES", 12)
    yield
    for function in cached:
        function.cache_clear()


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    return root


def _page(src_uri: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


# -- the figures -----------------------------------------------------------------------------


def test_data_flow_is_an_accessible_svg_that_scales(figures: ModuleType) -> None:
    """The data-flow diagram is well-formed SVG with a viewBox, full width, role img, a
    title and a description naming every step."""
    root = _parse(figures.data_flow_svg())
    assert root.get("width") == "100%"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text
    assert desc is not None
    assert desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for step in figures.data_flow_steps():
        assert step.name in desc.text


def test_data_flow_shows_the_steps_in_order_with_the_librarys_counts(
        figures: ModuleType) -> None:
    """The boxes read record → converter → model → rules → findings → review → statistics →
    reports, and the labels carry the registry's and the instruments' counts."""
    root = _parse(figures.data_flow_svg())
    steps = [[text.text for text in group.iter(f"{SVG}text")]
             for group in root.iter(f"{SVG}g") if group.get("class") == "step"]
    assert [names[0] for names in steps] == [
        "JSON record", "converter", "typed model", "rules", "findings", "review ratings",
        "caseload statistics", "reports"]
    labels = " | ".join(names[1] or "" for names in steps)
    rules = all_rules()
    assert f"{len(rules)} rules in {len({rule.family for rule in rules})} families" in labels
    assert f"{len(DEFAULT_INSTRUMENT.items)} practice-model items" in labels
    assert f"{len(CFSR_INSTRUMENT.items)} CFSR items, 7 outcomes" in labels


def test_data_flow_is_legible_on_light_and_dark_pages(figures: ModuleType) -> None:
    """The diagram draws its own opaque light card first, and no text is light-coloured."""
    root = _parse(figures.data_flow_svg())
    card = root.find(f"{SVG}rect")
    assert card is not None
    assert card.get("fill") == "#ffffff"
    assert {text.get("fill") for text in root.iter(f"{SVG}text")} == {"#1b1b1b"}


def test_case_timeline_is_the_worked_examples_picture_as_a_file(figures: ModuleType) -> None:
    """The timeline is the report's picture of the Wilson case as of 2026-11-22, with its
    namespace (so an <img> shows it) and an opaque background for the dark theme."""
    from practicemodel.example import load_example
    from practicemodel.policy import get_policy
    from practicemodel.report import timeline_svg

    svg = figures.case_timeline_svg()
    root = _parse(svg)
    assert root.get("role") == "img"
    assert "as of 2026-11-22" in (root.findtext(f"{SVG}title") or "")
    expected = timeline_svg(load_example(), policy=get_policy("MS"),
                            as_of=figures.TIMELINE_AS_OF)
    assert figures._standalone(expected) == svg.replace(
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>', "", 1)
    assert any(rect.get("fill") == "#ffffff" for rect in root.iter(f"{SVG}rect"))


def test_every_figure_is_deterministic(figures: ModuleType, small_tutorial: None) -> None:
    """Each figure, drawn twice from scratch, is the same well-formed SVG, byte for byte
    (matplotlib's ids are salted and its date left out)."""
    for name, spec in figures.FIGURES.items():
        first = spec.draw()
        for function in (figures._tutorial, figures.item_performance_svg,
                         figures.comparison_svg, figures.case_timeline_svg,
                         figures.data_flow_svg):
            function.cache_clear()
        assert first == spec.draw(), name
        _parse(first)
        assert "<dc:date>" not in first, name


def test_tutorial_charts_are_the_plot_functions_output(figures: ModuleType,
                                                       small_tutorial: None) -> None:
    """The charts are matplotlib's SVG of plot_item_performance and plot_comparison."""
    for svg in (figures.item_performance_svg(), figures.comparison_svg()):
        root = _parse(svg)
        assert "Matplotlib" in svg
        assert root.find(f".//{SVG}g[@id='figure_1']") is not None
    assert "Newcombe" in figures.comparison_svg()  # matplotlib keeps each text as a comment


def test_the_figures_use_the_tutorials_caseloads(figures: ModuleType) -> None:
    """The chart code uses the same sizes, seeds, parameters, profile and date as the review
    tutorial's code, so the pictures are the ones the tutorial makes."""
    text = (DOCS / "tutorial" / "review-a-caseload.md").read_text(encoding="utf-8")
    cases = figures.TUTORIAL_CASES
    assert f'generate_cases({cases}, seed="{figures.TUTORIAL_SEED}")' in text
    assert (f'generate_cases({cases}, seed="{figures.TUTORIAL_FOLLOW_UP_SEED}", '
            "parameters=improved)") in text
    assert (f"SyntheticParameters(closure_criteria_share="
            f"{figures.TUTORIAL_CLOSURE_CRITERIA_SHARE}, poor_objective_share="
            f"{figures.TUTORIAL_POOR_OBJECTIVE_SHARE})") in text
    as_of = figures.TUTORIAL_AS_OF
    assert f"AS_OF = date({as_of.year}, {as_of.month}, {as_of.day})" in text
    assert "rate_case(case, policy=FEDERAL, as_of=AS_OF)" in text


def test_unknown_figure_names_the_known_ones(figures: ModuleType) -> None:
    """Asking for a figure that does not exist lists the ones that do."""
    with pytest.raises(KeyError, match="known: case-timeline, comparison, data-flow"):
        figures.figure_svg("timeline")


# -- the hook --------------------------------------------------------------------------------


@pytest.mark.parametrize(("src_uri", "prefix"), [
    ("index.md", "assets/generated/"),
    ("explanation/deadlines.md", "../assets/generated/"),
    ("reference/rules/visits.md", "../../assets/generated/"),
])
def test_hook_replaces_a_placeholder_with_the_image_relative_to_the_page(
        hooks: ModuleType, src_uri: str, prefix: str) -> None:
    """``<!-- figure: NAME -->`` becomes the image (path relative to the page, alt text)
    and its caption in italics; the rest of the page is kept."""
    markdown = "# Page\n\nBefore.\n\n<!-- figure: data-flow -->\n\nAfter.\n"
    rendered = hooks.on_page_markdown(markdown, page=_page(src_uri))
    spec = hooks.figures.FIGURES["data-flow"]
    assert "<!-- figure:" not in rendered
    assert f"![{spec.alt}]({prefix}data-flow.svg){{ loading=lazy }}\n\n*{spec.caption}*" in rendered
    assert rendered.startswith("# Page\n\nBefore.\n\n")
    assert rendered.endswith("\n\nAfter.\n")


def test_hook_fails_the_build_on_an_unknown_figure(hooks: ModuleType) -> None:
    """An unknown name raises PluginError naming the page, the placeholder and the known
    names."""
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"tutorial/x\.md: unknown figure 'chart'.*"
                                          r"known figures: case-timeline, comparison"):
        hooks.on_page_markdown("<!-- figure: chart -->", page=_page("tutorial/x.md"))


def test_hook_keeps_the_rule_table(hooks: ModuleType) -> None:
    """The rule-table placeholder is still filled, and a page without placeholders is kept."""
    rendered = hooks.on_page_markdown("<!-- rules-table -->", page=_page("reference/rules.md"))
    assert "`visits.child_monthly`" in rendered
    assert hooks.on_page_markdown("# other page\n") == "# other page\n"


def test_hook_adds_only_the_figures_the_pages_show(hooks: ModuleType, tmp_path: Path) -> None:
    """``on_files`` adds ``assets/generated/NAME.svg`` for each figure a page names, with the
    figure's SVG as its content, and nothing for the others."""
    from mkdocs.structure.files import File, Files

    # What File.generated reads of a config; the hook passes the config through untouched.
    config: Any = SimpleNamespace(site_dir=str(tmp_path), use_directory_urls=True,
                                  plugins=SimpleNamespace(_current_plugin="hooks"))
    page = File.generated(config, "explanation/page.md",
                          content="# P\n\n<!-- figure: data-flow -->\n")
    files = hooks.on_files(Files([page]), config=config)
    added = files.get_file_from_path("assets/generated/data-flow.svg")
    assert added is not None
    assert added.content_string == hooks.figures.data_flow_svg()
    assert [f.src_uri for f in files if f.src_uri.startswith("assets/")] == [
        "assets/generated/data-flow.svg"]


def test_every_placeholder_in_the_docs_names_a_figure(hooks: ModuleType) -> None:
    """The home page shows the data flow, the deadlines page the timeline, and every
    placeholder in the docs names a known figure."""
    found: dict[str, set[str]] = {}
    for page in DOCS.rglob("*.md"):
        for match in hooks.FIGURE_PLACEHOLDER.finditer(page.read_text(encoding="utf-8")):
            found.setdefault(match["name"], set()).add(page.relative_to(DOCS).as_posix())
    assert set(found) <= set(hooks.figures.FIGURES)
    assert "index.md" in found["data-flow"]
    assert "explanation/deadlines.md" in found["case-timeline"]


def test_the_docs_extra_draws_every_figure(figures: ModuleType, tmp_path: Path) -> None:
    """``pip install -e ".[docs]"`` is enough to build the docs: the extra brings matplotlib,
    and every figure is drawn without pandas or polars (the analysis extra's others)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    docs = pyproject["project"]["optional-dependencies"]["docs"]
    names = {re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower()
             for requirement in docs}
    assert {"mkdocs", "mkdocs-material", "mkdocstrings", "matplotlib"} == names
    path = str(DOCS / "_figures.py")
    code = (
        "import importlib.util, sys\n"
        "for name in ('pandas', 'polars'):\n"
        "    sys.modules[name] = None  # as if not installed\n"
        f"spec = importlib.util.spec_from_file_location('figures', {path!r})\n"
        "figures = importlib.util.module_from_spec(spec)\n"
        "sys.modules['figures'] = figures\n"
        "spec.loader.exec_module(figures)\n"
        "figures.TUTORIAL_CASES = 12\n"
        "print(sorted(name for name, spec in figures.FIGURES.items()\n"
        "             if spec.draw().lstrip().startswith(('<svg', '<?xml'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == repr(sorted(figures.FIGURES))


# -- the app-developer how-to --------------------------------------------------------------


@pytest.fixture(scope="module")
def backend() -> ModuleType:
    """``examples/app_backend.py`` as a module."""
    return load_module("app_backend_under_test", ROOT / "examples" / "app_backend.py")


def test_backend_answers_the_example_with_the_documented_json(backend: ModuleType) -> None:
    """POST /findings for the Wilson example returns the document the how-to shows: its
    counts, and every open deadline and finding shown in the page's JSON is in it."""
    status, body = backend.request("/findings?policy=MS&as_of=2026-11-22",
                                   example_json().encode("utf-8"))
    assert status == "200 OK"
    document = json.loads(body)
    page = (DOCS / "how-to" / "app-developer.md").read_text(encoding="utf-8")
    shown = json.loads(re.findall(r"```json\n(.*?)```", page, re.S)[1])
    assert {key: document[key] for key in ("case_id", "policy", "as_of", "counts")} == {
        key: shown[key] for key in ("case_id", "policy", "as_of", "counts")}
    for deadline in shown["open_deadlines"]:
        assert deadline in document["open_deadlines"]
    for finding in shown["findings"]:
        assert finding in document["findings"]
    statuses = [d["status"] for d in document["open_deadlines"]]
    assert statuses == sorted(statuses, key=["overdue", "due", "upcoming"].index)
    words = " ".join(page.split())
    counts = document["counts"]
    assert (f"that is {len(document['findings'])} findings: {counts['met']} met, "
            f"{counts['not_met']} not met, {counts['needs_review']} that need review and "
            f"{counts['not_applicable']} not applicable") in words
    assert (f"{len(document['open_deadlines'])} open deadlines and "
            f"{len(document['findings'])} findings in full") in words


def test_backend_reports_every_problem_of_a_bad_record(backend: ModuleType) -> None:
    """A record that does not load gets 422 with every problem and its path, as the how-to
    shows."""
    data = json.loads(example_json())
    data["case_type"] = "foster-care"
    data["people"][1]["birth_date"] = "2018-02-30"
    status, body = backend.request("/findings?policy=MS&as_of=2026-11-22",
                                   json.dumps(data).encode("utf-8"))
    assert status.startswith("422")
    page = (DOCS / "how-to" / "app-developer.md").read_text(encoding="utf-8")
    assert json.loads(body) == json.loads(re.findall(r"```json\n(.*?)```", page, re.S)[0])


@pytest.mark.parametrize(("path", "method", "body", "status", "words"), [
    ("/findings?policy=MS&as_of=2026-11-31", "POST", b"{}", "400", "'as_of' must be a date"),
    ("/findings?policy=MS&as_of=20261122", "POST", b"{}", "400", "must be a date YYYY-MM-DD"),
    ("/findings?policy=MS&as_of=2026-W47-7", "POST", b"{}", "400", "must be a date YYYY-MM-DD"),
    ("/findings?policy=MS&as_of=2500-01-01", "POST", b"{}", "400",
     "from 1900-01-01 to 2199-12-31 (got '2500-01-01')"),
    ("/report?policy=MS&as_of=1899-12-31", "POST", b"{}", "400", "from 1900-01-01 to"),
    ("/findings?policy=XX&as_of=2026-11-22", "POST", b"{}", "400", "known: CA, FEDERAL, MS"),
    ("/findings?as_of=2026-11-22", "POST", b"{}", "400", "missing query parameter(s): policy"),
    ("/findings?policy=MS&as_of=2026-11-22", "POST", b"", "400", "the body must be"),
    ("/findings?policy=MS&as_of=2026-11-22", "POST", b"[1,", "422", "not valid JSON"),
    ("/elsewhere", "POST", b"{}", "404", "not found"),
    ("/findings", "GET", b"", "405", "use POST"),
])
def test_backend_refuses_bad_requests_with_a_reason(
        backend: ModuleType, path: str, method: str, body: bytes, status: str,
        words: str) -> None:
    """Bad queries, bodies, paths and methods get their status and a JSON reason."""
    answer, text = backend.request(path, body, method=method)
    assert answer.startswith(status)
    assert words in json.loads(text)["error"] + json.dumps(json.loads(text))


def test_backend_renders_the_case_report(backend: ModuleType) -> None:
    """POST /report returns the case report as one HTML document, under a
    Content-Security-Policy that allows only inline styles and ``data:`` images, which is
    all the report uses (no script, no file, nothing from elsewhere)."""
    pytest.importorskip("jinja2")
    status, headers, body = backend.exchange("/report?policy=MS&as_of=2026-11-22",
                                             example_json().encode("utf-8"))
    assert status == "200 OK"
    assert body.lstrip().lower().startswith(b"<!doctype html")
    assert b"wilson-2026-0142" in body
    assert headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    html = body.decode("utf-8")
    assert re.search(r"<(script|iframe|object|embed|form|base)\b", html, re.I) is None
    assert re.search(r"\bon[a-z]+\s*=", html, re.I) is None  # no event handler attributes
    references = re.findall(r"""\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']([^"']*)""",
                            html, re.I)
    references += re.findall(r"url\(\s*['\"]?([^'\")]*)", html, re.I)
    references += re.findall(r"@import\s+['\"]?([^'\";]*)", html, re.I)
    assert references
    assert [r for r in references if not r.startswith(("#", "data:"))] == []
    for tag in re.findall(r"<link\b[^>]*>", html, re.I):  # only the data: icon
        assert re.search(r"""rel=["']icon["']""", tag), tag


def test_backend_turns_library_refusals_into_400(backend: ModuleType,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever else the library refuses (a PracticeModelError, e.g. a date out of range
    from check_case) is the request's fault: 400 with the library's message, not 500."""
    message = "'as_of' must be a date from 1900-01-01 to 2199-12-31 (got 2200-01-01)"

    def refuse(*args: object, **kwargs: object) -> None:
        raise DateOutOfRangeError(message)

    monkeypatch.setattr(backend, "check_case", refuse)
    status, body = backend.request("/findings?policy=MS&as_of=2026-11-22",
                                   example_json().encode("utf-8"))
    assert status == "400 Bad Request"
    assert json.loads(body) == {"error": message}


def test_backend_report_without_jinja2_is_501_with_the_install_command(
        backend: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the report extra, /report answers 501 naming the install command (and
    /findings still works)."""
    from practicemodel.report._render import environment

    environment.cache_clear()
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if not installed
    try:
        status, body = backend.request("/report?policy=MS&as_of=2026-11-22",
                                       example_json().encode("utf-8"))
        assert status == "501 Not Implemented"
        answer = json.loads(body)
        assert answer["install"] == 'pip install "practicemodel[report]"'
        assert "jinja2 is needed" in answer["error"]
        assert backend.request("/findings?policy=MS&as_of=2026-11-22",
                               example_json().encode("utf-8"))[0] == "200 OK"
    finally:
        environment.cache_clear()


def test_backend_main_prints_the_json(backend: ModuleType,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Run without ``--serve``, the script prints the example's JSON document."""
    assert backend.main([]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["case_id"] == "wilson-2026-0142"
